/*
 * xmlform.c - XML submission forms to records.
 *
 * A form is one unit's round, a few kilobytes: read whole (within
 * XMLFORM_MAX_BYTES, checked before reading) and parsed as a tree.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/xmlform.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

static const char *const narrative_fields[] = { "result", "problems", "suggestions" };

static int emit_narrative(xmlNodePtr n, struct record *rec, record_fn fn, void *ctx)
{
	char *indicator = tt_xml_attr(n, "indicator");
	xmlNodePtr c;
	size_t i;
	int rc = 0;

	for (c = n->children; !rc && c; c = c->next) {
		for (i = 0; i < 3; i++) {
			if (!tt_xml_is(c, narrative_fields[i]))
				continue;
			{
				char *text = tt_trim(tt_xml_text(c));

				rec->kind = RECORD_NARRATIVE;
				rec->field[FIELD_INDICATOR] = indicator;
				rec->field[FIELD_NARRATIVE] = narrative_fields[i];
				rec->field[FIELD_VALUE] = text;
				rec->field[FIELD_NUMERATOR] = NULL;
				rec->field[FIELD_DENOMINATOR] = NULL;
				rec->row = xmlGetLineNo(c);
				rec->column = narrative_fields[i];
				rc = fn(rec, ctx);
				free(text);
			}
		}
	}
	free(indicator);
	return rc;
}

static int emit_value(xmlNodePtr n, struct record *rec, record_fn fn, void *ctx)
{
	char *indicator = tt_xml_attr(n, "indicator");
	char *num = tt_xml_attr(n, "numerator");
	char *den = tt_xml_attr(n, "denominator");
	char *note = tt_xml_attr(n, "note");
	char *text = tt_trim(tt_xml_text(n));
	int rc;

	rec->kind = RECORD_VALUE;
	rec->field[FIELD_INDICATOR] = indicator;
	rec->field[FIELD_VALUE] = text;
	rec->field[FIELD_NUMERATOR] = num;
	rec->field[FIELD_DENOMINATOR] = den;
	rec->field[FIELD_NOTE] = note;
	rec->field[FIELD_NARRATIVE] = NULL;
	rec->row = xmlGetLineNo(n);
	rec->column = "value";
	rc = fn(rec, ctx);
	rec->field[FIELD_NOTE] = NULL;
	free(indicator);
	free(num);
	free(den);
	free(note);
	free(text);
	return rc;
}

static const struct tt_xml_limits limits = {
	.what = "XML form", .bytes = XMLFORM_MAX_BYTES, .nodes = XMLFORM_MAX_NODES
};

int xmlform_read_memory(const char *data, size_t len, const char *name,
			const char *schema_path, record_fn fn, void *ctx,
			struct tt_error *err)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	struct record rec;
	char *unit = NULL, *fy = NULL, *round = NULL, *submitted = NULL;
	int rc = 0;

	doc = tt_xml_read_limited(data, len, name, &limits, err);
	if (!doc)  /* a parser that could not be made is the system's fault */
		return err && err->code ? err->code : TT_EPARSE;
	if (schema_path && (rc = tt_xml_validate(doc, schema_path, name, err))) {
		xmlFreeDoc(doc);
		return rc;
	}
	root = xmlDocGetRootElement(doc);
	if (!tt_xml_is(root, "submission")) {
		rc = tt_error_set(err, TT_EPARSE, "root element must be <submission>");
		tt_error_at(err, name, xmlGetLineNo(root), NULL);
		goto out;
	}
	unit = tt_xml_attr(root, "unit");
	fy = tt_xml_attr(root, "fiscal-year");
	round = tt_xml_attr(root, "round");
	submitted = tt_xml_attr(root, "submitted");
	memset(&rec, 0, sizeof(rec));
	rec.field[FIELD_UNIT] = unit;
	rec.field[FIELD_FISCAL_YEAR] = fy;
	rec.field[FIELD_ROUND] = round;
	rec.key_column[0] = "<submission unit>";
	rec.key_column[1] = "<submission fiscal-year>";
	rec.key_column[2] = "<submission round>";
	rec.field[FIELD_SUBMITTED] = submitted;
	for (n = root->children; !rc && n; n = n->next) {
		if (tt_xml_is(n, "value"))
			rc = emit_value(n, &rec, fn, ctx);
		else if (tt_xml_is(n, "narrative"))
			rc = emit_narrative(n, &rec, fn, ctx);
	}
out:
	free(unit);
	free(fy);
	free(round);
	free(submitted);
	xmlFreeDoc(doc);
	return rc;
}

int xmlform_read_file(const char *path, const char *schema_path, record_fn fn, void *ctx,
		      struct tt_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = tt_read_file_max(path, XMLFORM_MAX_BYTES, "XML form", &buf, &len, err)))
		return rc;
	rc = xmlform_read_memory(buf, len, path, schema_path, fn, ctx, err);
	free(buf);
	return rc;
}
