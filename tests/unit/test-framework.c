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

int main(void)
{
	struct tt_error err;
	struct framework *fw;
	long line;

	tt_error_clear(&err);
	fw = framework_load(DEMO, XSD, &err);
	CHECK(fw != NULL);
	CHECK(fw && fw->nr_indicators == 26);
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
	return test_report("framework");
}
