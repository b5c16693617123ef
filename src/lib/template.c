/*
 * template.c - loading report templates.
 *
 * Templates are small (TEMPLATE_MAX_BYTES, checked before reading), so the
 * document is read whole with libxml2's tree API after the schema has
 * checked its shape; what a schema cannot say
 * (placeholders that exist, sections that fit the report kind) is checked
 * here, with the line of the element at fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "tidtam/error.h"
#include "tidtam/sha256.h"
#include "tidtam/template.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

const char *const template_placeholders[] = {
	"office.name", "office.code", "fy", "round", "date", "title",
	"director.name", "director.position",
	"indicators", "achieved", "not-achieved", "achieved.percent",
	"schools", "networks", "in-networks", "parts", "files", "submissions", "on-time.percent",
	"school.name", "school.code", "network.name",
	NULL,
};

static const char *const column_names[NR_COLUMNS] = {
	"code", "name", "unit", "target", "3m", "6m", "9m", "12m", "percent", "status",
	"result", "median",
};

const char *template_column_name(enum template_column c)
{
	return column_names[c];
}

static const struct {
	const char *element;
	enum section_type type;
} section_elements[] = {
	{ "cover", SECTION_COVER }, { "text", SECTION_TEXT },
	{ "contents", SECTION_CONTENTS }, { "summary", SECTION_SUMMARY },
	{ "policy-areas", SECTION_AREAS }, { "networks", SECTION_NETWORKS },
	{ "budget", SECTION_BUDGET }, { "completeness", SECTION_COMPLETENESS },
	{ "data-quality", SECTION_QUALITY }, { "sources", SECTION_SOURCES },
	{ "school-results", SECTION_SCHOOL },
	{ "dimensions", SECTION_DIMENSIONS }, { "synthesis", SECTION_SYNTHESIS },
	{ "profile-basics", SECTION_PROFILE_BASICS },
	{ "profile-direction", SECTION_PROFILE_DIRECTION },
	{ "profile-synthesis", SECTION_PROFILE_SYNTHESIS },
	{ "profile-appendix", SECTION_PROFILE_APPENDIX },
	{ "practices", SECTION_PRACTICES }, { "activity-photos", SECTION_PHOTOS },
	{ "national-results", SECTION_NATIONAL_RESULTS },
	{ "office-areas", SECTION_OFFICE_AREAS },
	{ "office-exports", SECTION_OFFICE_EXPORTS },
	{ "office-standing", SECTION_OFFICE_STANDING },
};

/* 1 if a section of type may stand in a template of kind. */
static int section_fits(enum template_kind kind, enum section_type type)
{
	int national = type >= SECTION_NATIONAL_RESULTS;

	if (type == SECTION_TEXT)
		return 1;
	if (kind == TEMPLATE_CARD)
		return type == SECTION_SCHOOL;
	if (type == SECTION_SCHOOL)
		return 0;
	return !national || kind == TEMPLATE_NATIONAL || kind == TEMPLATE_OFFICE_SUMMARY;
}

struct loader {
	struct report_template *t;
	size_t alloc_sections;
	struct tt_error *err;
};

/* Every {name} in s is a known placeholder, and braces pair up. */
static int check_placeholders(struct loader *ld, xmlNodePtr node, const char *s)
{
	const char *p = s, *open, *close;
	size_t i;

	while (s && (open = strchr(p, '{'))) {
		close = strchr(open, '}');
		if (!close)
			return tt_xml_fail(ld->err, ld->t->name, node, "'{' without its '}' in \"%s\"", s);
		for (i = 0; template_placeholders[i]; i++)
			if (strlen(template_placeholders[i]) == (size_t)(close - open - 1) &&
			    !strncmp(template_placeholders[i], open + 1, (size_t)(close - open - 1)))
				break;
		if (!template_placeholders[i])
			return tt_xml_fail(ld->err, ld->t->name, node, "unknown placeholder {%.*s}; known are {office.name},"
				    " {fy}, {round}, {date}, {director.name} and the others"
				    " listed in README", (int)(close - open - 1), open + 1);
		p = close + 1;
	}
	return 0;
}

static int yes(xmlNodePtr node, const char *attr, int dflt)
{
	char *v = tt_xml_attr(node, attr);
	int r = v ? !strcmp(v, "yes") || !strcmp(v, "true") : dflt;

	free(v);
	return r;
}

/* Split a space-separated attribute into words (the caller frees them). */
static size_t words(const char *s, char ***out)
{
	size_t n = 0, alloc = 0;
	const char *p = s;

	*out = NULL;
	while (p && *p) {
		size_t len;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		len = strcspn(p, " \t\n");
		if (!len)
			break;
		xgrow(out, &alloc, n + 1, sizeof(**out));
		(*out)[n] = xmalloc(len + 1);
		memcpy((*out)[n], p, len);
		(*out)[n++][len] = '\0';
		p += len;
	}
	return n;
}

static int load_columns(struct loader *ld, xmlNodePtr node, struct template_section *sec)
{
	char *attr = tt_xml_attr(node, "columns");
	char **w;
	size_t n, i, c;
	int rc = 0;

	if (!attr)
		return 0;
	n = words(attr, &w);
	sec->columns = xcalloc(n ? n : 1, sizeof(*sec->columns));
	for (i = 0; i < n; i++) {
		for (c = 0; c < NR_COLUMNS && strcmp(column_names[c], w[i]); c++)
			;
		if (c == NR_COLUMNS && !rc)
			rc = tt_xml_fail(ld->err, ld->t->name, node, "unknown column '%s'", w[i]);
		else
			sec->columns[sec->nr_columns++] = (enum template_column)c;
		free(w[i]);
	}
	free(w);
	free(attr);
	if (!rc && !sec->nr_columns)
		rc = tt_xml_fail(ld->err, ld->t->name, node, "a table needs at least one column");
	return rc;
}

/*
 * How a school's table fits its page: min-font-size (12 unless said, from
 * 8 to 24 points) and optional, the columns of `columns` that may be left
 * out, in the order they go.
 */
static int load_fit(struct loader *ld, xmlNodePtr node, struct template_section *sec)
{
	char *attr = tt_xml_attr(node, "min-font-size"), **w = NULL;
	size_t n, i, c, k;
	char *end;
	int rc = 0;

	sec->min_font_size = 12;
	if (attr) {
		sec->min_font_size = strtof(attr, &end);
		if (*end || !(sec->min_font_size >= 8 && sec->min_font_size <= 24))
			rc = tt_xml_fail(ld->err, ld->t->name, node,
					 "min-font-size is a size in points from 8 to 24, not '%s'", attr);
		free(attr);
	}
	attr = tt_xml_attr(node, "optional");
	n = words(attr, &w);
	sec->optional = xcalloc(n ? n : 1, sizeof(*sec->optional));
	for (i = 0; i < n; i++) {
		for (c = 0; c < NR_COLUMNS && strcmp(column_names[c], w[i]); c++)
			;
		for (k = 0; c < NR_COLUMNS && k < sec->nr_columns && sec->columns[k] != c; k++)
			;
		if ((c == NR_COLUMNS || k == sec->nr_columns) && !rc)
			rc = tt_xml_fail(ld->err, ld->t->name, node,
					 "optional column '%s' is not one of the table's columns", w[i]);
		else if (!rc)
			sec->optional[sec->nr_optional++] = (enum template_column)c;
		free(w[i]);
	}
	free(w);
	free(attr);
	return rc;
}

static int load_section(struct loader *ld, xmlNodePtr node)
{
	struct report_template *t = ld->t;
	struct template_section *sec;
	char *orientation, *top;
	xmlNodePtr c;
	size_t k;
	int rc;

	for (k = 0; k < sizeof(section_elements) / sizeof(section_elements[0]); k++)
		if (tt_xml_is(node, section_elements[k].element))
			break;
	if (k == sizeof(section_elements) / sizeof(section_elements[0]))
		return tt_xml_fail(ld->err, ld->t->name, node, "unknown section <%s>", (const char *)node->name);
	if (!section_fits(t->kind, section_elements[k].type))
		return tt_xml_fail(ld->err, ld->t->name, node, "<%s> does not belong in a %s template",
			    section_elements[k].element,
			    t->kind == TEMPLATE_CARD ? "school report card" : "office report");
	xgrow(&t->sections, &ld->alloc_sections, t->nr_sections + 1, sizeof(*t->sections));
	sec = &t->sections[t->nr_sections++];
	memset(sec, 0, sizeof(*sec));
	sec->type = section_elements[k].type;
	sec->line = xmlGetLineNo(node);
	sec->title = tt_xml_attr(node, "title");
	if (sec->title && (rc = check_placeholders(ld, node, sec->title)))
		return rc;
	sec->dimension = tt_xml_attr(node, "dimension");
	if (!sec->title && sec->type != SECTION_COVER && sec->type != SECTION_SCHOOL &&
	    sec->type != SECTION_DIMENSIONS)
		return tt_xml_fail(ld->err, ld->t->name, node, "<%s> needs a title", section_elements[k].element);
	orientation = tt_xml_attr(node, "orientation");
	sec->landscape = orientation && !strcmp(orientation, "landscape");
	free(orientation);
	sec->chart = yes(node, "chart", 1);
	sec->narratives = yes(node, "narratives", 1);
	if ((rc = load_columns(ld, node, sec)))
		return rc;
	if ((sec->type == SECTION_AREAS || sec->type == SECTION_SCHOOL ||
	     sec->type == SECTION_DIMENSIONS) && !sec->nr_columns)
		return tt_xml_fail(ld->err, ld->t->name, node, "<%s> needs its columns", section_elements[k].element);
	if ((rc = load_fit(ld, node, sec)))
		return rc;
	if (sec->type == SECTION_NETWORKS || sec->type == SECTION_NATIONAL_RESULTS) {
		char *inds = tt_xml_attr(node, "indicators");

		sec->nr_indicators = words(inds, &sec->indicators);
		free(inds);
		top = tt_xml_attr(node, "top");
		{
			long v = 5;

			if (top && (tt_parse_long(top, &v) || v < 1 || v > 100)) {
				free(top);
				return tt_xml_fail(ld->err, ld->t->name, node, "top is a number of schools from 1 to 100");
			}
			sec->top = (int)v;
		}
		free(top);
	}
	for (c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (tt_xml_is(c, "p")) {
			char *text = tt_xml_text(c);

			if ((rc = check_placeholders(ld, c, text))) {
				free(text);
				return rc;
			}
			sec->paragraphs = xrealloc(sec->paragraphs,
						   (sec->nr_paragraphs + 1) * sizeof(char *));
			sec->paragraphs[sec->nr_paragraphs++] = text;
		} else if (tt_xml_is(c, "signature")) {
			sec->signature = 1;
		}
	}
	return 0;
}

/*
 * The SHA-256 of the template's bytes and of its logo's (a logo that cannot
 * be read is left to the report that draws it).  A logo too large to take
 * (in bytes, or in the pixels its PNG header gives, which libharu would
 * decode whole) is an error: 0 or TT_EPARSE.
 */
static int digest(struct report_template *t, const char *xml, size_t len, struct tt_error *err)
{
	struct tt_sha256 ctx;
	char *logo = NULL;
	size_t logo_len = 0;
	struct tt_error why;
	int rc = 0;

	tt_sha256_init(&ctx);
	tt_sha256_update(&ctx, xml, len);
	tt_error_clear(&why);
	if (t->logo && !access(t->logo, R_OK) &&
	    tt_read_file_max(t->logo, TEMPLATE_MAX_LOGO_BYTES, "logo", &logo, &logo_len,
			     &why) == TT_EPARSE) {
		if (err)
			*err = why;
		rc = TT_EPARSE;
	} else if (logo) {
		const unsigned char *b = (const unsigned char *)logo;

		/* PNG: the signature, then IHDR with the width and height */
		if (logo_len >= 24 && !memcmp(b, "\x89PNG", 4) &&
		    (((unsigned long)b[16] << 24 | (unsigned long)b[17] << 16 | b[18] << 8 | b[19]) >
			     TEMPLATE_MAX_LOGO_PIXELS ||
		     ((unsigned long)b[20] << 24 | (unsigned long)b[21] << 16 | b[22] << 8 | b[23]) >
			     TEMPLATE_MAX_LOGO_PIXELS)) {
			tt_error_set(err, TT_EPARSE, "logo too large: more than %u pixels wide or high",
				     TEMPLATE_MAX_LOGO_PIXELS);
			tt_error_at(err, t->logo, 0, NULL);
			rc = tt_error_issue(err, "E-TOOLARGE");
		}
		tt_sha256_update(&ctx, logo, logo_len);
	}
	free(logo);
	tt_sha256_end(&ctx, t->sha256);
	return rc;
}

/* The root's percent-decimals (0-3): how many decimals a percentage has. */
static int percent_decimals(struct loader *ld, xmlNodePtr root)
{
	char *v = tt_xml_attr(root, "percent-decimals"), *end;
	long d;

	if (!v)
		return 0;
	d = strtol(v, &end, 10);
	if (end == v || *end || d < 0 || d > 3) {
		free(v);
		return tt_xml_fail(ld->err, ld->t->name, root, "percent-decimals is from 0 to 3");
	}
	free(v);
	ld->t->percent_decimals = (int)d;
	return 0;
}

#define POINTS_PER_CM (72.0f / 2.54f)

/* One margin attribute in centimetres (1 to 5) as points into *out. */
static int load_margin(struct loader *ld, xmlNodePtr root, const char *name, float *out)
{
	char *v = tt_xml_attr(root, name);
	float cm;

	if (!v)
		return 0;
	cm = strtof(v, NULL);
	free(v);
	if (!(cm >= 1 && cm <= 5))
		return tt_xml_fail(ld->err, ld->t->name, root, "%s is between 1 and 5 cm", name);
	*out = cm * POINTS_PER_CM;
	return 0;
}

/* 1 if the attribute is absent or not `off` (a default on), else 0. */
static int attr_on(xmlNodePtr root, const char *name, const char *off)
{
	char *v = tt_xml_attr(root, name);
	int on = !v || strcmp(v, off);

	free(v);
	return on;
}

/*
 * The page settings on <report>, defaults those of a Thai official
 * document: left (binding) margin 3 cm, right 2 cm, top and bottom 2 cm,
 * paragraphs justified, main headings centred, the page number at the top.
 */
static int load_page(struct loader *ld, xmlNodePtr root)
{
	struct report_template *t = ld->t;
	int rc;

	t->margin_left = 3 * POINTS_PER_CM;
	t->margin_right = 2 * POINTS_PER_CM;
	t->margin_top_bottom = 2 * POINTS_PER_CM;
	if ((rc = load_margin(ld, root, "margin-left", &t->margin_left)) ||
	    (rc = load_margin(ld, root, "margin-right", &t->margin_right)) ||
	    (rc = load_margin(ld, root, "margin-top-bottom", &t->margin_top_bottom)))
		return rc;
	t->justify = attr_on(root, "paragraphs", "left");
	t->centre_headings = attr_on(root, "headings", "left");
	t->page_number_top = attr_on(root, "page-number", "bottom");
	t->lists = attr_on(root, "lists", "no");
	if ((t->document_number = tt_xml_attr(root, "document-number")))
		return check_placeholders(ld, root, t->document_number);
	return 0;
}

static const struct tt_xml_limits limits = {
	.what = "report template", .bytes = TEMPLATE_MAX_BYTES, .nodes = TEMPLATE_MAX_NODES
};

struct report_template *template_load(const char *path, const char *schema_path,
				      struct tt_error *err)
{
	struct report_template *t = xcalloc(1, sizeof(*t));
	struct loader ld = { t, 0, err };
	const char *base = strrchr(path, '/');
	char *xml = NULL, *v;
	size_t len;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, node;
	int rc;

	t->name = xstrdup(base ? base + 1 : path);
	t->font_size = 16;
	t->percent_decimals = 2;
	if ((rc = tt_read_file_max(path, TEMPLATE_MAX_BYTES, "report template", &xml, &len, err)))
		goto out;
	if (!(doc = tt_xml_read_limited(xml, len, t->name, &limits, err))) {
		rc = err && err->code ? err->code : TT_EPARSE;
		goto out;
	}
	if (schema_path && (rc = tt_xml_validate(doc, schema_path, t->name, err)))
		goto out;
	root = xmlDocGetRootElement(doc);
	if (!root || !tt_xml_is(root, "report")) {
		rc = tt_xml_fail(ld.err, ld.t->name, root, "the root element is not <report>");
		goto out;
	}
	v = tt_xml_attr(root, "kind");
	t->kind = v && !strcmp(v, "card") ? TEMPLATE_CARD
		: v && !strcmp(v, "progress") ? TEMPLATE_PROGRESS
		: v && !strcmp(v, "national") ? TEMPLATE_NATIONAL
		: v && !strcmp(v, "office-summary") ? TEMPLATE_OFFICE_SUMMARY : TEMPLATE_ANNUAL;
	free(v);
	v = tt_xml_attr(root, "digits");
	t->thai_digits = v && !strcmp(v, "thai");
	free(v);
	if ((v = tt_xml_attr(root, "font-size"))) {
		t->font_size = strtof(v, NULL);
		free(v);
		if (t->font_size < 8 || t->font_size > 24) {
			rc = tt_xml_fail(ld.err, ld.t->name, root, "font-size is between 8 and 24 points");
			goto out;
		}
	}
	if ((rc = percent_decimals(&ld, root)) || (rc = load_page(&ld, root)))
		goto out;
	for (node = root->children; node && !rc; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		/* one of each: a second would leave the first unfreed (found by fuzzing) */
		if ((tt_xml_is(node, "title") && t->title) || (tt_xml_is(node, "logo") && t->logo) ||
		    (tt_xml_is(node, "director") && (t->director_name || t->director_position))) {
			rc = tt_xml_fail(ld.err, ld.t->name, node, "the template has more than one <%s>",
					 (const char *)node->name);
		} else if (tt_xml_is(node, "title")) {
			t->title = tt_xml_text(node);
			rc = check_placeholders(&ld, node, t->title);
		} else if (tt_xml_is(node, "logo")) {
			char *file = tt_xml_text(node);
			struct strbuf sb;

			strbuf_init(&sb);
			if (file[0] != '/' && base)
				strbuf_add(&sb, path, (size_t)(base - path + 1));
			strbuf_addstr(&sb, file);
			if (file[0] != '/' && access(sb.buf, R_OK)) {
				/* a year's template (reports/<FY>/) may use the logo
				   of the folder above */
				const char *up = base;

				while (up > path && up[-1] != '/')
					up--;
				if (up > path) {
					strbuf_reset(&sb);
					strbuf_add(&sb, path, (size_t)(up - path));
					strbuf_addstr(&sb, file);
					if (access(sb.buf, R_OK)) {
						strbuf_reset(&sb);
						strbuf_add(&sb, path, (size_t)(base - path + 1));
						strbuf_addstr(&sb, file);
					}
				}
			}
			t->logo = strbuf_detach(&sb);
			free(file);
		} else if (tt_xml_is(node, "director")) {
			t->director_name = tt_xml_attr(node, "name");
			t->director_position = tt_xml_attr(node, "position");
			rc = check_placeholders(&ld, node, t->director_position);
		} else {
			rc = load_section(&ld, node);
		}
	}
	if (!rc && !t->title)
		rc = tt_xml_fail(ld.err, ld.t->name, root, "the template has no <title>");
	if (!rc && !t->nr_sections)
		rc = tt_xml_fail(ld.err, ld.t->name, root, "the template has no sections");
	if (!rc)
		rc = digest(t, xml, len, err);
out:
	if (doc)
		xmlFreeDoc(doc);
	free(xml);
	if (rc) {
		template_free(t);
		return NULL;
	}
	return t;
}

void template_free(struct report_template *t)
{
	size_t i, k;

	if (!t)
		return;
	for (i = 0; i < t->nr_sections; i++) {
		struct template_section *s = &t->sections[i];

		free(s->title);
		free(s->dimension);
		free(s->columns);
		free(s->optional);
		for (k = 0; k < s->nr_paragraphs; k++)
			free(s->paragraphs[k]);
		free(s->paragraphs);
		for (k = 0; k < s->nr_indicators; k++)
			free(s->indicators[k]);
		free(s->indicators);
	}
	free(t->sections);
	free(t->name);
	free(t->title);
	free(t->logo);
	free(t->director_name);
	free(t->director_position);
	free(t->document_number);
	free(t);
}
