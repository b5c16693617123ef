/*
 * practice.c - practice forms to structs.
 *
 * A practice is a page or two of text an analyst writes about a best
 * practice, an award or an outstanding work of the office or a school,
 * with the photographs that show it.  The form is small: read whole within
 * PRACTICE_MAX_BYTES, checked against practice.xsd, then copied into a
 * struct whose every string is the caller's.  The photographs are other
 * files, judged by image.c when ingest reads them.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/practice.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

static const struct {
	const char *kind, *th;
} kinds[] = {
	{ "best-practice", "แนวปฏิบัติที่ดี" },
	{ "award", "รางวัล" },
	{ "outstanding", "ผลงานดีเด่น" },
};

const char *practice_kind_th(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i].kind))
			return kinds[i].th;
	return "";
}

char *practice_photo_path(const char *form_path, const char *file)
{
	const char *slash = strrchr(form_path, '/');
	struct strbuf sb;

	strbuf_init(&sb);
	if (slash)
		strbuf_add(&sb, form_path, (size_t)(slash - form_path) + 1);
	strbuf_addstr(&sb, file);
	return strbuf_detach(&sb);
}

void practice_free(struct practice *p)
{
	size_t i;

	if (!p)
		return;
	free(p->unit);
	free(p->kind);
	free(p->title);
	free(p->by);
	for (i = 0; i < p->nr_paragraphs; i++)
		free(p->paragraphs[i]);
	free(p->paragraphs);
	for (i = 0; i < p->nr_photos; i++) {
		free(p->photos[i].file);
		free(p->photos[i].caption);
	}
	free(p->photos);
	free(p);
}

static char *text_of(xmlNodePtr n)
{
	return tt_collapse_spaces(tt_xml_text(n));
}

/* An attribute, trimmed, or NULL when it is not there. */
static char *attr_of(xmlNodePtr n, const char *name)
{
	char *v = tt_xml_attr(n, name);

	return v ? tt_trim(v) : NULL;
}

/* A fiscal year in ASCII or Thai digits (๒๕๖๘), or as period.h reads one. */
static int fiscal_year_of(const char *s, int *fy)
{
	double v;

	if (!tt_parse_number_text(s, &v, 0) && v >= 2400 && v <= 2800 && v == (int)v) {
		*fy = (int)v;
		return 0;
	}
	return period_parse_fiscal_year(s, fy);
}

int practice_read_memory(const char *data, size_t len, const char *name,
			 const char *schema_path, struct practice **out, struct tt_error *err)
{
	static const struct tt_xml_limits limits = {
		.what = "practice form", .bytes = PRACTICE_MAX_BYTES, .nodes = PRACTICE_MAX_NODES
	};
	struct practice *p = NULL;
	xmlDocPtr doc;
	xmlNodePtr root, n;
	char *fy = NULL;
	size_t alloc_para = 0, alloc_photo = 0;
	int rc = 0;

	*out = NULL;
	if (!(doc = tt_xml_read_limited(data, len, name, &limits, err)))
		return err && err->code ? err->code : TT_EPARSE;
	if (schema_path && (rc = tt_xml_validate(doc, schema_path, name, err))) {
		if (rc == TT_EPARSE)
			tt_error_issue(err, "E-PRACTICE");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!tt_xml_is(root, "practice")) {
		rc = tt_error_set(err, TT_EPARSE, "root element must be <practice>");
		tt_error_at(err, name, xmlGetLineNo(root), NULL);
		tt_error_issue(err, "E-PRACTICE");
		goto out;
	}
	p = xcalloc(1, sizeof(*p));
	p->unit = attr_of(root, "unit");
	p->kind = attr_of(root, "kind");
	fy = tt_xml_attr(root, "fiscal-year");
	if (!p->unit || !p->kind || !fy || fiscal_year_of(fy, &p->fiscal_year)) {
		rc = tt_error_set(err, TT_EPARSE, "<practice> needs a unit, a kind and a fiscal"
				  " year (found '%s')", fy ? fy : "");
		tt_error_at(err, name, xmlGetLineNo(root), "fiscal-year");
		tt_error_issue(err, "E-PRACTICE");
		goto out;
	}
	for (n = root->children; n; n = n->next) {
		if (tt_xml_is(n, "title")) {
			free(p->title);
			p->title = text_of(n);
		} else if (tt_xml_is(n, "by")) {
			free(p->by);
			p->by = text_of(n);
		} else if (tt_xml_is(n, "p")) {
			xgrow(&p->paragraphs, &alloc_para, p->nr_paragraphs + 1,
			      sizeof(*p->paragraphs));
			p->paragraphs[p->nr_paragraphs++] = text_of(n);
		} else if (tt_xml_is(n, "photo")) {
			struct practice_photo *ph;

			xgrow(&p->photos, &alloc_photo, p->nr_photos + 1, sizeof(*p->photos));
			ph = &p->photos[p->nr_photos++];
			ph->file = attr_of(n, "file");
			ph->caption = text_of(n);
			ph->line = xmlGetLineNo(n);
			if (!ph->file || !*ph->file || strchr(ph->file, '/') || ph->file[0] == '.') {
				rc = tt_error_set(err, TT_EPARSE, "a photo must name a file beside"
						  " the form (found '%s')", ph->file ? ph->file : "");
				tt_error_at(err, name, ph->line, "file");
				tt_error_issue(err, "E-PRACTICE");
				goto out;
			}
		}
	}
	if (!p->title || !*p->title || !p->nr_paragraphs) {
		rc = tt_error_set(err, TT_EPARSE, "a practice needs a title and a paragraph");
		tt_error_at(err, name, xmlGetLineNo(root), NULL);
		tt_error_issue(err, "E-PRACTICE");
		goto out;
	}
	if (!p->by)
		p->by = xstrdup("");
	*out = p;
	p = NULL;
out:
	free(fy);
	practice_free(p);
	xmlFreeDoc(doc);
	return rc;
}
