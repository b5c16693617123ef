/*
 * test-export.c - the export's figures and periods: numbers as the shortest
 * text that reads back the same double, never an exponent; ADX periods of
 * the Thai fiscal year.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "tidtam/aggregate.h"
#include "tidtam/export.h"

/* the text of v, and whether it reads back as v */
static const char *number(double v, int *same)
{
	static char buf[512];

	if (export_number(v, buf, sizeof(buf)))
		return "(failed)";
	*same = strtod(buf, NULL) == v;
	return buf;
}

static void test_numbers(void)
{
	static const double values[] = { 0.1, 1.0 / 3.0, 78.26086956521739, 2.0 / 3.0 * 100,
					 1e-7, 123456789012345678.0, 5e-324, DBL_MAX, -0.5 };
	size_t i;
	int same = 0;

	CHECK_STR(number(0, &same), "0");
	CHECK_STR(number(12.5, &same), "12.5");
	CHECK_STR(number(0.8, &same), "0.8");
	CHECK_STR(number(80, &same), "80");
	CHECK_STR(number(0.1 + 0.2, &same), "0.30000000000000004");
	CHECK_STR(number(1e-7, &same), "0.0000001");
	CHECK_STR(number(1e21, &same), "1000000000000000000000");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		const char *t = number(values[i], &same);

		CHECK(same);
		CHECK(!strchr(t, 'e') && !strchr(t, 'E'));
	}
	{
		char small[4];

		CHECK(export_number(12.25, small, sizeof(small)) == -1);
		CHECK(export_number(NAN, small, sizeof(small)) == -1);
		CHECK(export_number(INFINITY, small, sizeof(small)) == -1);
	}
}

static void test_periods(void)
{
	char buf[32];

	export_period(2567, 3, buf, sizeof(buf));
	CHECK_STR(buf, "2023-10-01/P3M");
	export_period(2567, 6, buf, sizeof(buf));
	CHECK_STR(buf, "2023-10-01/P6M");
	export_period(2567, 9, buf, sizeof(buf));
	CHECK_STR(buf, "2023-10-01/P9M");
	export_period(2567, 12, buf, sizeof(buf));
	CHECK_STR(buf, "2023-10-01/P1Y");
	export_period(2568, 6, buf, sizeof(buf));
	CHECK_STR(buf, "2024-10-01/P6M");
}

static void test_formats(void)
{
	enum export_format f;

	CHECK(!export_format_parse("adx", &f) && f == EXPORT_ADX);
	CHECK(!export_format_parse("xlsx", &f) && f == EXPORT_XLSX);
	CHECK(export_format_parse("CSV", &f) == -1);
	CHECK(export_format_parse("xml", &f) == -1);
}

/* An area's result added alone gives back its own figure, whatever the method. */
static void test_area_result(void)
{
	static const enum aggregation methods[] = { AGG_SUM, AGG_MEAN, AGG_MIN, AGG_MAX,
						    AGG_COUNT_YES };
	struct aggregate_acc acc;
	double out = -1;
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		aggregate_init(&acc);
		aggregate_add_result(&acc, 37, 0, 0);
		CHECK(!aggregate_result(&acc, methods[i], &out) && out == 37);
	}
	aggregate_init(&acc);
	aggregate_add_result(&acc, 3.4365079365079363, 0, 0);
	CHECK(!aggregate_result(&acc, AGG_MEAN, &out) && out == 3.4365079365079363);
	aggregate_init(&acc);
	aggregate_add_result(&acc, 74.82059940903335, 3545, 4738);
	CHECK(!aggregate_result(&acc, AGG_RATIO, &out) && out == 3545.0 / 4738.0 * 100.0);
}

int main(void)
{
	test_numbers();
	test_periods();
	test_formats();
	test_area_result();
	return test_report("export");
}
