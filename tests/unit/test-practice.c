/*
 * test-practice.c - practice forms read into structs: the fields as
 * written (white space collapsed, a year in Thai digits), and forms the
 * schema or the reader refuses, each with E-PRACTICE and its line.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/practice.h"
#include "test.h"

static const char *xsd = "templates/schema/practice.xsd";

static int read_form(const char *xml, struct practice **p, struct tt_error *err)
{
	tt_error_clear(err);
	return practice_read_memory(xml, strlen(xml), "p.xml", xsd, p, err);
}

/* 1 if xml is refused as E-PRACTICE, its message holding what. */
static int refused(const char *xml, const char *what)
{
	struct practice *p = NULL;
	struct tt_error err;
	int rc = read_form(xml, &p, &err);

	if (rc != TT_EPARSE || p || !err.issue || strcmp(err.issue, "E-PRACTICE") ||
	    !strstr(err.message, what)) {
		fprintf(stderr, "  rc %d, issue %s, message '%s'\n", rc,
			err.issue ? err.issue : "-", err.message);
		practice_free(p);
		return 0;
	}
	return 1;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<practice xmlns=\"urn:tidtam:practice:1\" unit=\" 350017 \" fiscal-year=\"๒๕๖๘\"" \
	" kind=\"award\">\n"

int main(void)
{
	struct practice *p = NULL;
	struct tt_error err;
	char *path;

	CHECK(read_form(HEAD "  <title>  รางวัล\n   ชนะเลิศ </title>\n  <by>กลุ่มงาน</by>\n"
			"  <p>ย่อหน้า\n หนึ่ง</p>\n  <p>ย่อหน้าสอง</p>\n"
			"  <photo file=\"01 ภาพ.JPG\">  คำ บรรยาย </photo>\n"
			"  <photo file=\"b.png\"/>\n</practice>\n", &p, &err) == 0);
	CHECK(p != NULL);
	if (p) {
		CHECK_STR(p->unit, "350017");
		CHECK(p->fiscal_year == 2568);
		CHECK_STR(p->kind, "award");
		CHECK_STR(p->title, "รางวัล ชนะเลิศ");
		CHECK_STR(p->by, "กลุ่มงาน");
		CHECK(p->nr_paragraphs == 2);
		CHECK_STR(p->paragraphs[0], "ย่อหน้า หนึ่ง");
		CHECK(p->nr_photos == 2);
		CHECK_STR(p->photos[0].file, "01 ภาพ.JPG");
		CHECK_STR(p->photos[0].caption, "คำ บรรยาย");
		CHECK(p->photos[0].line == 9);
		CHECK_STR(p->photos[1].caption, "");
	}
	practice_free(p);
	practice_free(NULL);

	CHECK(refused(HEAD "  <by>x</by>\n  <p>y</p>\n</practice>\n", "title"));
	CHECK(refused(HEAD "  <title>t</title>\n  <by>x</by>\n</practice>\n", ""));
	CHECK(refused(HEAD "  <title>   </title>\n  <by>x</by>\n  <p>y</p>\n</practice>\n", ""));
	CHECK(refused("<practice xmlns=\"urn:tidtam:practice:1\" unit=\"1\" fiscal-year=\"2567\""
		      " kind=\"prize\"><title>t</title><by>x</by><p>y</p></practice>", "kind"));
	CHECK(refused(HEAD "  <title>t</title>\n  <by>x</by>\n  <p>y</p>\n"
		      "  <photo file=\"../../etc/a.jpg\">c</photo>\n</practice>\n", "file"));
	CHECK(refused(HEAD "  <title>t</title>\n  <by>x</by>\n  <p>y</p>\n"
		      "  <photo file=\"notes.txt\">c</photo>\n</practice>\n", "file"));
	CHECK(refused("<submission xmlns=\"urn:tidtam:practice:1\"/>", ""));
	/* without the schema the reader still refuses what it cannot use */
	{
		static const char folder[] = "<practice unit=\"1\" fiscal-year=\"2567\""
			" kind=\"award\"><title>t</title><by>x</by><photo file=\"a/b.jpg\"/>"
			"<p>y</p></practice>";
		static const char no_year[] = "<practice unit=\"1\" kind=\"award\">"
			"<title>t</title></practice>";

		tt_error_clear(&err);
		CHECK(practice_read_memory(folder, sizeof(folder) - 1, "p.xml", NULL, &p, &err) ==
		      TT_EPARSE);
		CHECK(p == NULL && err.issue && !strcmp(err.issue, "E-PRACTICE"));
		CHECK(strstr(err.message, "a/b.jpg") != NULL);
		CHECK(practice_read_memory(no_year, sizeof(no_year) - 1, "p.xml", NULL, &p, &err) ==
		      TT_EPARSE && p == NULL);
	}

	CHECK_STR(practice_kind_th("best-practice"), "แนวปฏิบัติที่ดี");
	CHECK_STR(practice_kind_th("outstanding"), "ผลงานดีเด่น");
	CHECK_STR(practice_kind_th("x"), "");
	path = practice_photo_path("practices/2567/a/practice.xml", "01.jpg");
	CHECK_STR(path, "practices/2567/a/01.jpg");
	free(path);
	path = practice_photo_path("practice.xml", "01.jpg");
	CHECK_STR(path, "01.jpg");
	free(path);
	return test_report("test-practice");
}
