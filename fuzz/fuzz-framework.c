/*
 * fuzz-framework.c - framework XML (framework.c, expr.c, xmlutil.c) as
 * ingest, `tidtam check` and the stages read it.
 *
 * Ingest parses a framework against templates/schema/framework.xsd and
 * lists its problems (framework_check()) when it is refused, or its
 * warnings when it is taken; `tidtam check` lists the problems and, when
 * there is no error, parses it without the schema, as the stages parse the
 * copy kept in the database.  What holds: a framework with no error in
 * the check is taken by both parses (the check says all the loader says);
 * a framework taken has sane indexes, and its rules evaluate.
 */
#include <string.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/expr.h"
#include "tidtam/framework.h"
#include "tidtam/util.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

static void use(const struct framework *fw)
{
	static const int months[] = { 3, 6, 9, 12, 1 };
	size_t i, k;

	FUZZ_CHECK(fw->nr_rounds <= 4 && fw->nr_indicators > 0 && fw->title);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];

		FUZZ_CHECK(ind->group < fw->nr_groups);
		FUZZ_CHECK(ind->strategy < fw->nr_strategies);
		FUZZ_CHECK(ind->policy_area < fw->nr_areas);
		FUZZ_CHECK(ind->type <= VALUE_TEXT && ind->aggregation <= AGG_NONE);
		FUZZ_CHECK(framework_indicator(fw, ind->code) != NULL);
		FUZZ_CHECK(framework_indicator_by_name(fw, ind->name) != NULL);
		FUZZ_CHECK(value_type_name(ind->type) && aggregation_name(ind->aggregation));
		for (k = 0; k < sizeof(months) / sizeof(months[0]); k++)
			indicator_due(ind, months[k]);
	}
	for (k = 0; k < sizeof(months) / sizeof(months[0]); k++)
		framework_round(fw, months[k]);
	for (i = 0; i < fw->nr_rules; i++) {
		struct strbuf sb;
		double v;

		FUZZ_CHECK(fw->rules[i].expr && expr_is_condition(fw->rules[i].expr));
		strbuf_init(&sb);
		expr_check(fw->rules[i].expr, fuzz_lookup, NULL, &sb);
		FUZZ_CHECK(fuzz_utf8(sb.buf, sb.len));
		expr_value(fw->rules[i].expr, fuzz_lookup, NULL, &v);
		strbuf_release(&sb);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *xml = (const char *)data, *schema = fuzz_schema("framework.xsd");
	struct framework *fw, *plain;
	struct xml_problems p;
	struct tt_error err;
	size_t i;
	int rc;

	tt_error_clear(&err);
	fw = framework_parse(xml, size, "framework.xml", schema, &err);
	fuzz_check_error(&err);
	FUZZ_CHECK(fw || err.code == TT_EPARSE);
	xml_problems_init(&p);
	tt_error_clear(&err);
	rc = framework_check(xml, size, "framework.xml", schema, &p, &err);
	FUZZ_CHECK(rc == 0 || rc == TT_EPARSE);
	FUZZ_CHECK(!rc == !xml_problems_errors(&p));
	for (i = 0; i < p.nr; i++) {
		FUZZ_CHECK(fuzz_utf8(p.items[i].th, strlen(p.items[i].th)));
		FUZZ_CHECK(fuzz_utf8(p.items[i].en, strlen(p.items[i].en)));
	}
	xml_problems_release(&p);
	/* the check says all the loader says */
	FUZZ_CHECK(!fw == !!rc);
	if (fw) {
		use(fw);
		tt_error_clear(&err);
		plain = framework_parse(xml, size, "framework.xml", NULL, &err);
		FUZZ_CHECK(plain != NULL);
		FUZZ_CHECK(plain->nr_indicators == fw->nr_indicators &&
			   plain->nr_rules == fw->nr_rules);
		framework_free(plain);
	}
	framework_free(fw);
	fuzz_xml_reset();
	return 0;
}
