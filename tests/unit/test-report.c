/*
 * test-report.c - numbers as the reports print them: decimals by kind (a
 * level's target whole, a mean with one decimal, a percentage with the
 * template's decimals), money in whole baht with separators, percentages
 * as bare numbers without "%".
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/framework.h"
#include "tidtam/util.h"
#include "../../src/lib/report_int.h"
#include "test.h"

static struct indicator make(enum value_type type, enum aggregation agg, double target,
			     const char *text)
{
	struct indicator ind;

	memset(&ind, 0, sizeof(ind));
	ind.type = type;
	ind.aggregation = agg;
	ind.has_target = text != NULL;
	ind.target = target;
	ind.target_text = (char *)text;
	return ind;
}

static void check_number(char *got, const char *want)
{
	CHECK_STR(got, want);
	free(got);
}

int main(void)
{
	struct indicator level = make(VALUE_LEVEL, AGG_MEAN, 4, "4");
	struct indicator level00 = make(VALUE_LEVEL, AGG_MEAN, 4, "4.00");
	struct indicator pct = make(VALUE_PERCENT, AGG_RATIO, 85, "85");
	struct indicator pct_low = make(VALUE_PERCENT, AGG_RATIO, 0.5, "0.5");
	struct indicator count = make(VALUE_NUMBER, AGG_SUM, 20, "20");
	struct indicator half = make(VALUE_NUMBER, AGG_SUM, 2.5, "2.5");
	struct cells cells = { 0 };

	/* a level's target is whole, written "4" or "4.00" */
	CHECK(report_target_decimals(&level) == 0);
	CHECK(report_target_decimals(&level00) == 0);
	CHECK(report_target_decimals(&pct_low) == 1);
	check_number(report_number(4, report_target_decimals(&level00)), "4");
	/* a mean level with one decimal: 3.6, not 3.62 */
	CHECK(report_value_decimals_at(&level, 3.62, 2) == 1);
	check_number(report_number(3.62, report_value_decimals_at(&level, 3.62, 2)), "3.6");
	/* a percentage with the template's decimals (2 by default, or 1) */
	CHECK(report_value_decimals_at(&pct, 62.5, 2) == 2);
	CHECK(report_value_decimals_at(&pct, 62.5, 1) == 1);
	CHECK(report_value_decimals(&pct, 62.5) == PERCENT_DECIMALS);
	/* but never fewer than its target has */
	CHECK(report_value_decimals_at(&pct_low, 0.32, 0) == 1);
	/* a count whole; a count whose target has a half keeps one decimal */
	CHECK(report_value_decimals_at(&count, 512, 2) == 0);
	CHECK(report_value_decimals_at(&half, 3, 2) == 1);
	/* a count that is not whole keeps up to two decimals */
	CHECK(report_value_decimals_at(&count, 72.5, 2) == 1);

	/* money: whole baht, thousands separated, no satang */
	check_number(report_money(4201794.28), "4,201,794");
	check_number(report_money(563375.5), "563,376");
	check_number(report_money(-23375.49), "-23,375");
	check_number(report_money(0), "0");

	/* a percentage cell: a bare number, no "%" */
	percent_cell_at(&cells, 15, 24, 2);
	percent_cell_at(&cells, 15, 24, 1);
	percent_cell_at(&cells, 1, 0, 2);
	percent_cell(&cells, 1, 3);
	CHECK(cells.nr == 4);
	CHECK_STR(cells.items[0], "62.50");
	CHECK_STR(cells.items[1], "62.5");
	CHECK_STR(cells.items[2], "-");
	CHECK_STR(cells.items[3], "33.33");
	for (size_t i = 0; i < cells.nr; i++)
		CHECK(!strchr(cells.items[i], '%'));
	cells_release(&cells);
	return test_report("test-report");
}
