/*
 * Unit tests of the XML form reader: records with their lines, and the
 * hostile files of the corpus refused quickly and without reading outside.
 */
#include <stdlib.h>
#include <time.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/xmlform.h"
#include "test.h"

#define XML_CORPUS "../shared/corpora/xml"

struct seen {
	int values, narratives;
	char last_value[64], last_indicator[64], unit[32], round[8];
	long last_row;
	char num[16], den[16];
};

static int on_record(const struct record *rec, void *ctx)
{
	struct seen *s = ctx;

	if (rec->kind == RECORD_VALUE) {
		s->values++;
		tt_strlcpy(s->last_value, rec->field[FIELD_VALUE] ? rec->field[FIELD_VALUE] : "",
			   sizeof(s->last_value));
		tt_strlcpy(s->num, rec->field[FIELD_NUMERATOR] ? rec->field[FIELD_NUMERATOR] : "",
			   sizeof(s->num));
		tt_strlcpy(s->den, rec->field[FIELD_DENOMINATOR] ? rec->field[FIELD_DENOMINATOR] : "",
			   sizeof(s->den));
	} else {
		s->narratives++;
	}
	tt_strlcpy(s->last_indicator, rec->field[FIELD_INDICATOR], sizeof(s->last_indicator));
	tt_strlcpy(s->unit, rec->field[FIELD_UNIT], sizeof(s->unit));
	tt_strlcpy(s->round, rec->field[FIELD_ROUND], sizeof(s->round));
	s->last_row = rec->row;
	return 0;
}

static void refused(const char *file)
{
	char path[512];
	struct seen s = { 0 };
	struct tt_error err;
	clock_t t0 = clock();

	snprintf(path, sizeof(path), XML_CORPUS "/%s", file);
	tt_error_clear(&err);
	CHECK(xmlform_read_file(path, on_record, &s, &err) != 0);
	CHECK(s.values == 0);
	/* generous bound: the point is "not seconds of entity expansion" */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	if (s.values)
		fprintf(stderr, "%s was not refused\n", file);
}

int main(void)
{
	static const char form[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<submission xmlns=\"urn:tidtam:submission:1\" unit=\"1031010001\"\n"
		"  fiscal-year=\"2567\" round=\"6\" submitted=\"2024-04-05\">\n"
		"  <value indicator=\"SAFE01\"> 4 </value>\n"
		"  <value indicator=\"QUAL01\" numerator=\"41\" denominator=\"45\"/>\n"
		"  <narrative indicator=\"SAFE01\">\n"
		"    <result>ผลการดำเนินงาน</result>\n"
		"    <problems>ปัญหาอุปสรรค</problems>\n"
		"    <suggestions>ข้อเสนอแนะ</suggestions>\n"
		"  </narrative>\n"
		"</submission>\n";
	struct seen s = { 0 };
	struct tt_error err;

	CHECK(xmlform_read_memory(form, sizeof(form) - 1, "f.xml", on_record, &s, &err) == 0);
	CHECK(s.values == 2);
	CHECK(s.narratives == 3);
	CHECK_STR(s.unit, "1031010001");
	CHECK_STR(s.round, "6");
	CHECK_STR(s.num, "41");
	CHECK_STR(s.den, "45");
	CHECK(s.last_row == 9);

	/* a value's text is trimmed */
	memset(&s, 0, sizeof(s));
	xmlform_read_memory(form, 230, "cut.xml", on_record, &s, &err);
	tt_error_clear(&err);
	CHECK(xmlform_read_memory(form, 120, "cut.xml", on_record, &s, &err) == TT_EPARSE);
	CHECK(err.row > 0);

	/* not a form */
	tt_error_clear(&err);
	CHECK(xmlform_read_memory("<a/>", 4, "a.xml", on_record, &s, &err) == TT_EPARSE);
	CHECK(strstr(err.message, "submission") != NULL);

	/* hostile inputs: DOCTYPEs, entity bombs, external entities */
	refused("defusedxml/xmlbomb.xml");
	refused("defusedxml/quadratic.xml");
	refused("defusedxml/external.xml");
	refused("defusedxml/external_file.xml");
	refused("defusedxml/cyclic.xml");
	refused("libxml2/recurse/lol_ep.xml");
	refused("libxml2/recurse/lol.xml");
	tt_error_clear(&err);
	xmlform_read_file(XML_CORPUS "/defusedxml/xmlbomb.xml", on_record, &s, &err);
	CHECK(strstr(err.message, "DOCTYPE") != NULL);
	return test_report("xmlform");
}
