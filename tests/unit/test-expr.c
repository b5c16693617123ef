/*
 * Unit tests of the rule language: precedence, three-valued logic with
 * missing values and division by zero, "when", yes/no, Thai digits, the
 * explanation, and malformed rules reported with their column.
 */
#include <stdlib.h>

#include "tidtam/expr.h"
#include "tidtam/util.h"
#include "test.h"

/* Values of one unit: READ.num 41, READ.den 45, ENROL 40, SAFE02 yes; rest missing. */
static int lookup(const char *code, enum expr_part part, double *out, void *ctx)
{
	static const struct { const char *code; enum expr_part part; double v; } vals[] = {
		{ "READ", EXPR_NUMERATOR, 41 }, { "READ", EXPR_DENOMINATOR, 45 },
		{ "ENROL", EXPR_VALUE, 40 }, { "SAFE02", EXPR_VALUE, 1 },
		{ "SAFE01", EXPR_VALUE, 2 }, { "BUDGET.spent", EXPR_VALUE, 120000 },
		{ "BUDGET.allocated", EXPR_VALUE, 100000 }, { "ZERO", EXPR_VALUE, 0 },
	};
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		if (!strcmp(code, vals[i].code) && part == vals[i].part) {
			*out = vals[i].v;
			return 0;
		}
	return 1;
}

static enum expr_truth check(const char *rule)
{
	struct expr_error err;
	struct expr *e = expr_parse(rule, &err);
	enum expr_truth t;

	if (!e) {
		fprintf(stderr, "'%s' did not parse: column %d: %s\n", rule, err.column,
			err.message);
		return (enum expr_truth)-1;
	}
	t = expr_check(e, lookup, NULL, NULL);
	expr_free(e);
	return t;
}

static double value(const char *rule)
{
	struct expr *e = expr_parse(rule, NULL);
	double v = -12345;

	if (e && expr_value(e, lookup, NULL, &v))
		v = -99999;
	expr_free(e);
	return v;
}

static void bad(const char *rule, int column, const char *words)
{
	struct expr_error err;
	struct expr *e = expr_parse(rule, &err);

	CHECK(e == NULL);
	expr_free(e);
	if (err.column != column || !strstr(err.message, words))
		fprintf(stderr, "'%s': column %d: %s\n", rule, err.column, err.message);
	CHECK(err.column == column);
	CHECK(strstr(err.message, words) != NULL);
}

static void collect(const char *code, void *ctx)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%s ", code);
}

int main(void)
{
	struct strbuf sb;
	struct expr *e;

	/* precedence and associativity */
	CHECK_NEAR(value("1 + 2 * 3"), 7);
	CHECK_NEAR(value("(1 + 2) * 3"), 9);
	CHECK_NEAR(value("10 - 4 - 3"), 3);
	CHECK_NEAR(value("100 / 10 / 2"), 5);
	CHECK_NEAR(value("2 × 3 ÷ 4"), 1.5);
	CHECK_NEAR(value("-2 * -3"), 6);
	CHECK_NEAR(value("๑๒ + 0.5"), 12.5);
	CHECK_NEAR(value("READ.num / READ.den * 100"), 41.0 / 45.0 * 100);
	CHECK(check("1 < 2 and 2 < 3 or 5 < 4") == EXPR_TRUE);
	CHECK(check("1 < 2 and (2 > 3 or 5 < 4)") == EXPR_FALSE);
	CHECK(check("not 1 > 2 and 3 > 2") == EXPR_TRUE);
	CHECK(check("1 + 1 = 2") == EXPR_TRUE);
	CHECK(check("0.1 + 0.2 = 0.3") == EXPR_TRUE);
	CHECK(check("2 ≥ 2 && 1 ≠ 2 && 1 ≤ 1 && !(1 <> 1)") == EXPR_TRUE);

	/* the rules */
	CHECK(check("READ.num <= ENROL") == EXPR_FALSE);
	CHECK(check("READ.num <= READ.den") == EXPR_TRUE);
	CHECK(check("BUDGET.spent <= BUDGET.allocated") == EXPR_FALSE);
	CHECK(check("SAFE01 >= 3 when SAFE02 = yes") == EXPR_FALSE);
	CHECK(check("SAFE01 >= 3 when SAFE02 = no") == EXPR_TRUE);
	CHECK(check("SAFE01 >= 2 when SAFE02 = ใช่") == EXPR_TRUE);

	/* missing values and division by zero: unknown, not checked */
	CHECK(check("MISSING > 3") == EXPR_UNKNOWN);
	CHECK(check("MISSING > 3 or 1 = 1") == EXPR_TRUE);
	CHECK(check("MISSING > 3 and 1 = 2") == EXPR_FALSE);
	CHECK(check("MISSING > 3 and 1 = 1") == EXPR_UNKNOWN);
	CHECK(check("not MISSING > 3") == EXPR_UNKNOWN);
	CHECK(check("SAFE01 > 3 when MISSING = 1") == EXPR_UNKNOWN);
	CHECK(check("ENROL / ZERO > 1") == EXPR_UNKNOWN);
	CHECK(check("ENROL / (SAFE01 - 2) < 1") == EXPR_UNKNOWN);
	CHECK_NEAR(value("ENROL / ZERO"), -99999);
	CHECK(check("ZERO / ENROL = 0") == EXPR_TRUE);

	/* the explanation shows the values used */
	strbuf_init(&sb);
	e = expr_parse("READ.num <= ENROL when (SAFE02 = yes and MISSING > 1)", NULL);
	CHECK(e != NULL);
	CHECK(expr_check(e, lookup, NULL, &sb) == EXPR_UNKNOWN);
	CHECK_STR(sb.buf, "READ.num [41] <= ENROL [40] when SAFE02 [1] = yes and MISSING [ไม่มีค่า] > 1");
	strbuf_reset(&sb);
	expr_each_code(e, collect, &sb);
	CHECK_STR(sb.buf, "READ ENROL SAFE02 MISSING ");
	CHECK(expr_is_condition(e));
	expr_free(e);
	strbuf_reset(&sb);
	e = expr_parse("10 - (4 - 3)", NULL);
	expr_check(e, lookup, NULL, &sb);
	CHECK_STR(sb.buf, "10 - (4 - 3)");
	CHECK(!expr_is_condition(e));
	expr_free(e);
	strbuf_release(&sb);

	/* malformed rules: where and what */
	bad("", 1, "empty");
	bad("READ.num <=", 12, "ends where a value");
	bad("READ.num <= (ENROL + 1", 23, "expected ')' to close the '(' at column 13");
	bad("1 < 2 < 3", 7, "do not chain");
	bad("READ.num ? 3", 10, "unexpected character '?'");
	bad("ตัวชี้วัด ≤ 3 )", 15, "unexpected ')'");
	bad("and 1 = 1", 1, "expected a value before 'and'");
	bad("1 = 1 and", 10, "ends where a value");
	bad("1.2.3 > 1", 1, "not a number");
	bad("* 2", 1, "expected a number");
	return test_report("expr");
}
