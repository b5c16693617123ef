/*
 * Unit tests of the XML form reader: records with their lines, and the
 * hostile files of the corpus refused quickly and without reading outside.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/xmlform.h"
#include "tidtam/xmlutil.h"
#include "test.h"

#define XML_CORPUS "tests/corpora/xml"

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
	CHECK(xmlform_read_file(path, NULL, on_record, &s, &err) != 0);
	CHECK(s.values == 0);
	/* generous bound: the point is "not seconds of entity expansion" */
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	if (s.values)
		fprintf(stderr, "%s was not refused\n", file);
}

/* Every file of a hostile folder is refused, each in under a second. */
static void refused_all(const char *dir)
{
	char path[512];
	struct rusage before, after;
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), XML_CORPUS "/%s", dir);
	d = opendir(path);
	CHECK(d != NULL);
	getrusage(RUSAGE_SELF, &before);
	while (d && (e = readdir(d))) {
		char rel[512];
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") ||
		    !strncmp(e->d_name, "simple", 6))
			continue;
		snprintf(rel, sizeof(rel), "%s/%s", dir, e->d_name);
		refused(rel);
		n++;
	}
	if (d)
		closedir(d);
	getrusage(RUSAGE_SELF, &after);
	CHECK(n >= 8);
	/* bounded memory: no expansion ever grew the process by 64 MB */
	CHECK(after.ru_maxrss - before.ru_maxrss < 64 * 1024);
}

/* A form that does not match submission.xsd is refused with its line. */
static void test_schema(void)
{
	static const char bad[] =
		"<?xml version=\"1.0\"?>\n"
		"<submission xmlns=\"urn:tidtam:submission:1\" unit=\"1031010001\"\n"
		"  fiscal-year=\"๒๕๖๗\" round=\"6\">\n"
		"  <value indicator=\"SAFE01\">4</value>\n"
		"  <valeu indicator=\"SAFE02\">yes</valeu>\n"
		"</submission>\n";
	static const char good[] =
		"<submission xmlns=\"urn:tidtam:submission:1\" unit=\"1031010001\""
		" fiscal-year=\"๒๕๖๗\" round=\"6\"><value indicator=\"SAFE01\">4</value>"
		"</submission>";
	const char *xsd = "templates/schema/submission.xsd";
	struct seen s = { 0 };
	struct tt_error err;

	tt_error_clear(&err);
	CHECK(xmlform_read_memory(bad, sizeof(bad) - 1, "bad.xml", xsd, on_record, &s, &err) ==
	      TT_EPARSE);
	CHECK(err.row == 5);
	CHECK(strstr(err.message, "valeu") != NULL);
	CHECK(s.values == 0);
	tt_error_clear(&err);
	CHECK(xmlform_read_memory(good, sizeof(good) - 1, "good.xml", xsd, on_record, &s,
				  &err) == 0);
	CHECK(s.values == 1);
}

/*
 * RSS labelled TIS-620 but holding Windows-874 bytes parses, as Thai
 * (opentle.org.xml has a DOCTYPE, refused like any other).
 */
static void test_thai_labelled_xml(void)
{
	static const char *const files[] = {
		"pharmacy.kku.ac.th.centerlab.xml", "pharmacy.kku.ac.th.healthinfo-ne.xml",
		"pharmacy.kku.ac.th.analyse1.xml", "trickspot.boxchart.com.xml",
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512], *buf;
		size_t len;
		struct tt_error err;
		xmlDocPtr doc;

		snprintf(path, sizeof(path), "tests/corpora/encodings/tis620-chardet/%s",
			 files[i]);
		tt_error_clear(&err);
		CHECK(tt_read_file(path, &buf, &len, &err) == 0);
		doc = tt_xml_read(buf, len, files[i], &err);
		if (!doc)
			fprintf(stderr, "%s: %s\n", files[i], err.message);
		CHECK(doc != NULL);
		if (doc) {
			char *text = tt_xml_text(xmlDocGetRootElement(doc));

			CHECK(strstr(text, "\xE0\xB8") != NULL); /* Thai letters */
			free(text);
			xmlFreeDoc(doc);
		}
		free(buf);
	}
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

	CHECK(xmlform_read_memory(form, sizeof(form) - 1, "f.xml", NULL, on_record, &s, &err) == 0);
	CHECK(s.values == 2);
	CHECK(s.narratives == 3);
	CHECK_STR(s.unit, "1031010001");
	CHECK_STR(s.round, "6");
	CHECK_STR(s.num, "41");
	CHECK_STR(s.den, "45");
	CHECK(s.last_row == 9);

	/* a value's text is trimmed */
	memset(&s, 0, sizeof(s));
	xmlform_read_memory(form, 230, "cut.xml", NULL, on_record, &s, &err);
	tt_error_clear(&err);
	CHECK(xmlform_read_memory(form, 120, "cut.xml", NULL, on_record, &s, &err) == TT_EPARSE);
	CHECK(err.row > 0);

	/* not a form */
	tt_error_clear(&err);
	CHECK(xmlform_read_memory("<a/>", 4, "a.xml", NULL, on_record, &s, &err) == TT_EPARSE);
	CHECK(strstr(err.message, "submission") != NULL);

	/* hostile inputs: DOCTYPEs, entity bombs, external entities */
	refused("defusedxml/xmlbomb.xml");
	refused("defusedxml/quadratic.xml");
	refused("defusedxml/external.xml");
	refused("defusedxml/external_file.xml");
	refused("defusedxml/cyclic.xml");
	refused("libxml2/recurse/lol_ep.xml");
	refused("libxml2/recurse/lol_classic.xml");
	tt_error_clear(&err);
	xmlform_read_file(XML_CORPUS "/defusedxml/xmlbomb.xml", NULL, on_record, &s, &err);
	CHECK(strstr(err.message, "DOCTYPE") != NULL);
	refused_all("defusedxml");
	refused_all("libxml2/recurse");
	test_schema();
	test_thai_labelled_xml();
	return test_report("xmlform");
}
