/*
 * Unit tests of framework loading: the demo framework, and its cross-value
 * rules checked at load time (a bad rule is reported with its line and the
 * column in its test, before any data is looked at).
 */
#include <stdlib.h>

#include "tidtam/error.h"
#include "tidtam/expr.h"
#include "tidtam/framework.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "test.h"

#define DEMO "input/framework/2567.xml"
#define XSD "templates/schema/framework.xsd"

/* The demo framework with `rules` put before its closing tag. */
static struct framework *with_rules(const char *rules, struct tt_error *err, long *line)
{
	char *xml, *end;
	size_t len;
	struct strbuf sb;
	struct framework *fw;
	const char *p;

	tt_error_clear(err);
	if (tt_read_file(DEMO, &xml, &len, err))
		return NULL;
	/* the demo's own rules make way for the ones under test */
	end = strstr(xml, "  <rules>");
	if (!end)
		end = strstr(xml, "</framework>");
	strbuf_init(&sb);
	strbuf_add(&sb, xml, (size_t)(end - xml));
	*line = 1;
	for (p = sb.buf; *p; p++)
		*line += *p == '\n';
	strbuf_addstr(&sb, rules);
	strbuf_addstr(&sb, strstr(end, "</framework>"));
	fw = framework_parse(sb.buf, sb.len, "fw.xml", XSD, err);
	strbuf_release(&sb);
	free(xml);
	return fw;
}

static void rejected(const char *rules, long line_offset, const char *words)
{
	struct tt_error err;
	long line;
	struct framework *fw = with_rules(rules, &err, &line);

	CHECK(fw == NULL);
	framework_free(fw);
	if (err.row != line + line_offset || !strstr(err.message, words))
		fprintf(stderr, "line %ld (want %ld): %s\n", err.row, line + line_offset,
			err.message);
	CHECK(err.row == line + line_offset);
	CHECK(strstr(err.message, words) != NULL);
}

/* The problem on line, or NULL. */
static const struct xml_problem *at(const struct xml_problems *p, long line, const char *words)
{
	size_t i;

	for (i = 0; i < p->nr; i++)
		if (p->items[i].line == line && strstr(p->items[i].en, words))
			return &p->items[i];
	fprintf(stderr, "no problem '%s' at line %ld\n", words, line);
	return NULL;
}

/* Every problem at once, each at its line, in Thai and English, no jargon. */
static void test_check(void)
{
	static const char xml[] =
		"<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"2568\">\n"   /* 1 */
		"<title>กรอบ</title>\n"
		"<rounds><round months=\"6\" deadline=\"2025-04-20\"/>\n"
		"<round months=\"6\" deadline=\"2025-05-20\"/></rounds>\n"            /* 4 */
		"<groups><group code=\"G\" name=\"กลุ่ม\"/></groups>\n"
		"<policy-area code=\"A\" name=\"ด้าน\"><strategy code=\"S\" name=\"กลยุทธ์\">\n"
		"<indicator code=\"I1\" name=\"หนึ่ง\" unit=\"คน\" type=\"number\""
		" aggregation=\"count-yes\" target=\"1\" group=\"G\"/>\n"             /* 7 */
		"<indicator code=\"I2\" name=\"สอง\" unit=\"คน\" type=\"number\""
		" aggregation=\"sum\" group=\"H\" min=\"5\" max=\"2\"/>\n"           /* 8 */
		"<indicator code=\"I3\" name=\"สาม\" unit=\"คน\" type=\"number\""
		" aggregation=\"sum\" target=\"x\" direction=\"up\" group=\"G\"/>\n" /* 9 */
		"</strategy></policy-area>\n"
		"<rules><rule code=\"R1\" test=\"I1 + I9\"><message lang=\"en\">x</message></rule>\n"
		"<rule code=\"R2\" test=\"I1 &lt;= (I2\"><message lang=\"th\">ก</message></rule>\n"
		"</rules></framework>\n";
	struct xml_problems p;
	struct tt_error err;
	struct framework *fw;
	size_t i;

	xml_problems_init(&p);
	tt_error_clear(&err);
	CHECK(framework_check(xml, strlen(xml), "fw.xml", XSD, &p, &err) == TT_EPARSE);
	CHECK(at(&p, 4, "the round of 6 months is declared twice") != NULL);
	CHECK(at(&p, 7, "indicator 'I1': aggregation 'count-yes' does not fit type 'number'"
			" (a number indicator takes sum, mean, min or max)") != NULL);
	CHECK(at(&p, 8, "indicator 'I2' has no target") != NULL);
	CHECK(at(&p, 8, "indicator 'I2': min 5 is above max 2") != NULL);
	CHECK(at(&p, 8, "indicator 'I2': group 'H' is not declared in <groups> (declared: G)") != NULL);
	CHECK(at(&p, 9, "indicator 'I3': target 'x' is not a number") != NULL);
	CHECK(at(&p, 9, "indicator 'I3': direction 'up' is not one of higher, lower") != NULL);
	CHECK(at(&p, 11, "rule R1 has no Thai message") != NULL);
	CHECK(at(&p, 11, "rule R1: its test computes a value but compares nothing") != NULL);
	CHECK(at(&p, 11, "rule R1 names indicator 'I9', which the framework does not have") != NULL);
	CHECK(at(&p, 12, "rule R2: column 10 of its test") != NULL);
	/* none of the three says rounds: the default 3 6 9 12 is not the framework's */
	CHECK(at(&p, 7, "indicator 'I1' has no rounds, so it is reported at the default"
			" 3 6 9 12, but the framework has only the rounds of 6 months:"
			" give it rounds=\"6\"") != NULL);
	CHECK(at(&p, 8, "indicator 'I2' has no rounds") != NULL);
	CHECK(at(&p, 9, "indicator 'I3' has no rounds") != NULL);
	CHECK(p.nr == 14);
	for (i = 0; i < p.nr; i++) {
		CHECK(i == 0 || p.items[i - 1].line <= p.items[i].line);
		CHECK(strstr(p.items[i].en, "Element") == NULL && strstr(p.items[i].en, "{urn") == NULL);
		CHECK(tt_utf8_valid_text(p.items[i].th, strlen(p.items[i].th)));
		CHECK(strcmp(p.items[i].th, p.items[i].en) != 0);
	}
	/* framework_parse() fails with the first of them */
	fw = framework_parse(xml, strlen(xml), "fw.xml", XSD, &err);
	CHECK(fw == NULL);
	CHECK(err.row == 4 && strstr(err.message, "the round of 6 months is declared twice"));
	xml_problems_release(&p);
	/* the demo has none */
	{
		char *demo;
		size_t len;

		CHECK(tt_read_file(DEMO, &demo, &len, &err) == 0);
		CHECK(framework_check(demo, len, DEMO, XSD, &p, &err) == 0 && p.nr == 0);
		free(demo);
	}
	/* a schema that is not there is a failure of the system, not a problem of the file */
	CHECK(framework_check(xml, strlen(xml), "fw.xml", "nowhere.xsd", &p, &err) == TT_EIO);
	xml_problems_release(&p);
}

/* One line of an indicator of the framework below, with extra attributes. */
#define IND(code, type, agg, extra)                                                   \
	"<indicator code=\"" code "\" name=\"" code "\" unit=\"u\" type=\"" type "\""   \
	" aggregation=\"" agg "\" group=\"G\" " extra "/>\n"

/*
 * Errors and warnings: a framework with warnings only is taken; one with an
 * error fails with that error even when a warning comes first.
 */
static void test_warnings(void)
{
	static const char warned[] =
		"<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"2568\">\n"  /* 1 */
		"<title>กรอบ</title>\n"
		"<rounds><round months=\"6\" deadline=\"2025-04-20\"/>\n"
		"<round months=\"12\" deadline=\"2025-09-20\"/></rounds>\n"           /* 4 */
		"<groups><group code=\"G\" name=\"กลุ่ม\"/></groups>\n"
		"<policy-area code=\"A\" name=\"ด้าน\"><strategy code=\"S\" name=\"กลยุทธ์\">\n"
		IND("P1", "percent", "ratio", "target=\"0.9\" rounds=\"6 12\" headline=\"2\"")
		IND("P2", "percent", "ratio", "target=\"0.9\" direction=\"lower\" rounds=\"12\"")
		IND("T1", "text", "none", "direction=\"lower\" rounds=\"12\" headline=\"2\"")
		IND("T2", "text", "none", "direction=\"higher\" rounds=\"12\"")        /* 10 */
		"</strategy></policy-area></framework>\n";
	static const char refused[] =
		"<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"2568\">\n"  /* 1 */
		"<title>กรอบ</title>\n"
		"<rounds><round months=\"3\" deadline=\"2025-01-10\"/>\n"
		"<round months=\"6\" deadline=\"2025-02-10\"/></rounds>\n"            /* 4 */
		"<groups><group code=\"G\" name=\"กลุ่ม\"/></groups>\n"
		"<policy-area code=\"A\" name=\"ด้าน\"><strategy code=\"S\" name=\"กลยุทธ์\">\n"
		IND("N1", "number", "sum", "target=\"5\" rounds=\"3 6\"")
		"</strategy></policy-area></framework>\n";
	struct xml_problems p;
	struct tt_error err;
	struct framework *fw;
	const struct xml_problem *w;
	size_t i;

	xml_problems_init(&p);
	tt_error_clear(&err);
	CHECK(framework_check(warned, strlen(warned), "fw.xml", XSD, &p, &err) == 0);
	CHECK((w = at(&p, 4, "the 12-month round's deadline 2025-09-20 is before the round"
			  " ends (2025-09-30): schools report before the period is over")) && w->warning);
	CHECK((w = at(&p, 7, "indicator 'P1': target 0.9 is below 1 %")) && w->warning);
	CHECK((w = at(&p, 9, "indicator 'T1' is of type text, so direction=\"lower\" means"
			  " nothing")) && w->warning);
	CHECK((w = at(&p, 9, "indicator 'T1' has headline=\"2\", as has indicator 'P1'"
			  " (line 7)")) && w->warning);
	/* a dropout rate below 1 % with lower better, and the default direction on text, are fine */
	CHECK(p.nr == 4);
	CHECK(xml_problems_errors(&p) == 0);
	for (i = 0; i < p.nr; i++)
		CHECK(tt_utf8_valid_text(p.items[i].th, strlen(p.items[i].th)));
	fw = framework_parse(warned, strlen(warned), "fw.xml", XSD, &err);
	CHECK(fw != NULL);
	CHECK(fw && fw->nr_indicators == 4 && fw->indicators[0].headline == 2);
	framework_free(fw);
	xml_problems_release(&p);

	CHECK(framework_check(refused, strlen(refused), "fw.xml", XSD, &p, &err) == TT_EPARSE);
	/* 3 months: in the round's last month, a warning; 6 months: weeks early, an error */
	for (i = 0; i < p.nr; i++)
		CHECK(p.items[i].line != 3);
	CHECK((w = at(&p, 4, "the 6-month round's deadline 2025-02-10 is before the round ends"
			  " (2025-03-31): schools cannot report a period that is not over"))
	      && !w->warning);
	CHECK(xml_problems_errors(&p) == 1);
	xml_problems_release(&p);

	/* a warning on an earlier line does not stand in for the error */
	{
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_add(&sb, warned,
			   strlen(warned) - strlen("</strategy></policy-area></framework>\n"));
		strbuf_addstr(&sb, IND("X1", "level", "mean", "target=\"7\" rounds=\"6\"")
				    "</strategy></policy-area></framework>\n");
		fw = framework_parse(sb.buf, sb.len, "fw.xml", XSD, &err);
		CHECK(fw == NULL);
		CHECK(err.row == 11 && strstr(err.message, "indicator 'X1' is a success level from"
						      " 1 to 5, but its target is 7"));
		CHECK(strstr(err.message, "and more") == NULL);
		framework_free(fw);
		strbuf_release(&sb);
	}
}

/*
 * Dimensions: the areas of a declared dimension are its, the others the
 * OBEC policy's; a dimension undeclared, declared twice or left empty, and
 * an area declared again in another dimension, are told in Thai and English.
 */
static void test_dimensions(void)
{
	static const char good[] =
		"<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"2568\">\n"  /* 1 */
		"<title>กรอบ</title>\n"
		"<rounds><round months=\"12\" deadline=\"2025-10-20\"/></rounds>\n"
		"<groups><group code=\"G\" name=\"กลุ่ม\"/></groups>\n"
		"<dimensions><dimension code=\"STD\" name=\"มาตรฐานสำนักงานเขตพื้นที่การศึกษา\"/>\n"
		"<dimension code=\"KRS\" name=\"คำรับรอง\" title=\"ผลตามคำรับรองการปฏิบัติราชการ\"/>"
		"</dimensions>\n"
		"<policy-area code=\"A\" name=\"ด้าน\"><strategy code=\"S\" name=\"กลยุทธ์\">\n"
		IND("N1", "number", "sum", "target=\"5\" rounds=\"12\"")
		"</strategy></policy-area>\n"
		"<policy-area code=\"B\" name=\"มาตรฐานที่ 1\" dimension=\"STD\">"
		"<strategy code=\"T\" name=\"ตัวบ่งชี้\">\n"
		IND("N2", "level", "mean", "target=\"4\" rounds=\"12\" submitter=\"office\"")
		"</strategy></policy-area>\n"
		"<policy-area code=\"C\" name=\"คำรับรอง\" dimension=\"KRS\">"
		"<strategy code=\"U\" name=\"ตัวชี้วัด\">\n"
		IND("N3", "level", "mean", "target=\"4\" rounds=\"12\" submitter=\"office\"")
		"</strategy></policy-area></framework>\n";
	static const char bad[] =
		"<framework xmlns=\"urn:tidtam:framework:1\" fiscal-year=\"2568\">\n"  /* 1 */
		"<title>กรอบ</title>\n"
		"<rounds><round months=\"12\" deadline=\"2025-10-20\"/></rounds>\n"
		"<groups><group code=\"G\" name=\"กลุ่ม\"/></groups>\n"
		"<dimensions><dimension code=\"STD\" name=\"มาตรฐาน\"/>\n"                 /* 5 */
		"<dimension code=\"ITA\" name=\"ITA\"/></dimensions>\n"                     /* 6 */
		"<policy-area code=\"A\" name=\"ด้าน\"><strategy code=\"S\" name=\"ก\">\n" /* 7 */
		IND("N1", "number", "sum", "target=\"5\" rounds=\"12\"")
		"</strategy></policy-area>\n"
		"<policy-area code=\"B\" name=\"ข\" dimension=\"KRS\">"                    /* 10 */
		"<strategy code=\"T\" name=\"ข\">\n"
		IND("N2", "number", "sum", "target=\"5\" rounds=\"12\"")
		"</strategy></policy-area>\n"
		"<policy-area code=\"A\" name=\"ด้านซ้ำ\" dimension=\"STD\">"              /* 13 */
		"<strategy code=\"V\" name=\"ค\">\n"
		IND("N3", "number", "sum", "target=\"5\" rounds=\"12\"")
		"</strategy></policy-area></framework>\n";
	struct xml_problems p;
	struct tt_error err;
	struct framework *fw;
	const struct xml_problem *w;
	size_t i;

	xml_problems_init(&p);
	tt_error_clear(&err);
	CHECK(framework_check(good, strlen(good), "fw.xml", XSD, &p, &err) == 0 && p.nr == 0);
	fw = framework_parse(good, strlen(good), "fw.xml", XSD, &err);
	CHECK(fw != NULL);
	if (fw) {
		CHECK(fw->nr_dimensions == 2 && fw->nr_areas == 3);
		CHECK(fw->areas[0].dimension == DIMENSION_POLICY);
		CHECK(fw->areas[1].dimension == 0 && fw->areas[2].dimension == 1);
		CHECK_STR(fw->dimensions[0].title, "ผลการดำเนินงานตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา");
		CHECK_STR(fw->dimensions[1].title, "ผลตามคำรับรองการปฏิบัติราชการ");
		CHECK(framework_dimension(fw, "KRS") == 1);
		CHECK(framework_dimension(fw, "OBEC") == DIMENSION_POLICY);
		CHECK(fw->indicators[1].policy_area == 1);
	}
	framework_free(fw);
	xml_problems_release(&p);

	CHECK(framework_check(bad, strlen(bad), "fw.xml", NULL, &p, &err) == TT_EPARSE);
	CHECK((w = at(&p, 10, "policy area 'B': dimension 'KRS' is not declared in <dimensions>"
			  " (declared: STD, ITA)")) && !w->warning);
	CHECK(w && strstr(w->th, "มิติ 'KRS' ไม่ได้ประกาศไว้ใน <dimensions>") != NULL);
	CHECK((w = at(&p, 13, "policy area 'A' is declared twice, in the OBEC policy (no"
			  " dimension) and in dimension 'STD'")) && !w->warning);
	CHECK(w && strstr(w->th, "ด้าน 'A' ประกาศไว้ซ้ำสองครั้ง") != NULL);
	CHECK((w = at(&p, 6, "dimension 'ITA' has no policy area")) && w->warning);
	CHECK(xml_problems_errors(&p) == 2);
	for (i = 0; i < p.nr; i++)
		CHECK(tt_utf8_valid_text(p.items[i].th, strlen(p.items[i].th)));
	xml_problems_release(&p);
	/* the schema refuses the area twice too; the loader, without it, the undeclared dimension */
	CHECK(framework_check(bad, strlen(bad), "fw.xml", XSD, &p, &err) == TT_EPARSE);
	CHECK(at(&p, 10, "dimension 'KRS' is not declared") != NULL);
	xml_problems_release(&p);
	fw = framework_parse(bad, strlen(bad), "fw.xml", NULL, &err);
	CHECK(fw == NULL);
	CHECK(err.row == 10 && strstr(err.message, "dimension not declared"));
	/* a dimension declared twice */
	{
		struct strbuf sb;
		const char *d = strstr(good, "<dimension code=\"KRS\"");

		strbuf_init(&sb);
		strbuf_add(&sb, good, (size_t)(d - good));
		strbuf_addstr(&sb, "<dimension code=\"STD\" name=\"ซ้ำ\"/>");
		strbuf_addstr(&sb, d);
		CHECK(framework_check(sb.buf, sb.len, "fw.xml", NULL, &p, &err) == TT_EPARSE);
		CHECK((w = at(&p, 6, "dimension 'STD' is declared twice in <dimensions>")) &&
		      !w->warning);
		xml_problems_release(&p);
		fw = framework_parse(sb.buf, sb.len, "fw.xml", NULL, &err);
		CHECK(fw == NULL && strstr(err.message, "dimension needs a code of its own"));
		strbuf_release(&sb);
	}
}

int main(void)
{
	struct tt_error err;
	struct framework *fw;
	long line;

	tt_error_clear(&err);
	fw = framework_load(DEMO, XSD, &err);
	CHECK(fw != NULL);
	/* 26 of the OBEC policy, 5 of the office standards, 3 of the performance agreement */
	CHECK(fw && fw->nr_indicators == 34);
	CHECK(fw && fw->nr_dimensions == 2 && fw->nr_areas == 9);
	CHECK(fw && fw->areas[3].dimension == DIMENSION_POLICY && fw->areas[4].dimension == 0 &&
	      fw->areas[8].dimension == 1);
	framework_free(fw);

	fw = with_rules("  <rules>\n"
			"    <rule code=\"R-QUAL01\" test=\"QUAL01.num &lt;= QUAL01.den\">\n"
			"      <message lang=\"th\">ตัวตั้ง {QUAL01.num} เกินตัวหาร {QUAL01.den}</message>\n"
			"      <message lang=\"en\">numerator {QUAL01.num} above {QUAL01.den}</message>\n"
			"    </rule>\n"
			"    <rule code=\"W-SAFE\" severity=\"warning\" test=\"SAFE01 ≥ 3 when SAFE02 = yes\">\n"
			"      <message lang=\"th\">มีแผนแต่ระดับ {SAFE01}</message>\n"
			"    </rule>\n"
			"  </rules>\n", &err, &line);
	if (!fw)
		fprintf(stderr, "%s\n", err.message);
	CHECK(fw != NULL);
	CHECK(fw && fw->nr_rules == 2);
	if (fw && fw->nr_rules == 2) {
		CHECK_STR(fw->rules[0].code, "R-QUAL01");
		CHECK(fw->rules[0].severity == RULE_ERROR);
		CHECK_STR(fw->rules[0].test, "QUAL01.num <= QUAL01.den");
		CHECK_STR(fw->rules[0].message_en, "numerator {QUAL01.num} above {QUAL01.den}");
		CHECK(fw->rules[1].severity == RULE_WARNING);
		CHECK(fw->rules[1].message_en == NULL);
		CHECK(fw->rules[1].line == line + 5);
		CHECK(expr_is_condition(fw->rules[1].expr));
	}
	framework_free(fw);

	rejected("  <rules>\n    <rule code=\"R1\" test=\"QUAL01.num &lt;= (QUAL01.den\">\n"
		 "      <message lang=\"th\">x</message>\n    </rule>\n  </rules>\n",
		 1, "rule R1: column 26 of its test: expected ')' to close the '(' at column 15");
	rejected("  <rules>\n    <rule code=\"R1\" test=\"READ.num &lt;= QUAL01\">\n"
		 "      <message lang=\"th\">x</message>\n    </rule>\n  </rules>\n",
		 1, "names indicator 'READ', which the framework does not have");
	rejected("  <rules>\n    <rule code=\"R1\" test=\"QUAL01 + 1\">\n"
		 "      <message lang=\"th\">x</message>\n    </rule>\n  </rules>\n",
		 1, "compares nothing");
	rejected("  <rules>\n    <rule code=\"R1\" test=\"QUAL01 > 1\">\n"
		 "      <message lang=\"th\">x</message>\n    </rule>\n"
		 "    <rule code=\"R1\" test=\"QUAL01 > 2\">\n"
		 "      <message lang=\"th\">y</message>\n    </rule>\n  </rules>\n",
		 4, "code 'R1' is used twice");
	rejected("  <rules>\n    <rule code=\"R1\" test=\"QUAL01 > 1\">\n"
		 "      <message lang=\"en\">only English</message>\n    </rule>\n  </rules>\n",
		 1, "has no Thai message");
	rejected("  <rules>\n    <rule code=\"R1\" test=\"QUAL01 > 1\" severity=\"fatal\">\n"
		 "      <message lang=\"th\">x</message>\n    </rule>\n  </rules>\n",
		 1, "severity");
	test_check();
	test_warnings();
	test_dimensions();
	return test_report("framework");
}
