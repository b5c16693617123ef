/* Unit tests of the fiscal calendar (period.h). */
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "test.h"

static struct tt_date D(int y, int m, int d)
{
	struct tt_date x = { y, m, d };

	return x;
}

int main(void)
{
	struct tt_date d, e;
	struct strbuf sb;
	int v;

	/* dates to fiscal year and quarter, edges 30 Sep / 1 Oct */
	d = D(2023, 9, 30);
	CHECK(period_fiscal_year(&d) == 2566);
	CHECK(period_quarter(&d) == 4);
	d = D(2023, 10, 1);
	CHECK(period_fiscal_year(&d) == 2567);
	CHECK(period_quarter(&d) == 1);
	d = D(2023, 12, 31);
	CHECK(period_quarter(&d) == 1);
	d = D(2024, 1, 1);
	CHECK(period_fiscal_year(&d) == 2567 && period_quarter(&d) == 2);
	d = D(2024, 3, 31);
	CHECK(period_quarter(&d) == 2);
	d = D(2024, 4, 1);
	CHECK(period_quarter(&d) == 3);
	d = D(2024, 7, 1);
	CHECK(period_quarter(&d) == 4);
	d = D(2024, 9, 30);
	CHECK(period_fiscal_year(&d) == 2567);

	/* fiscal year back to dates */
	period_fiscal_year_start(2567, &d);
	CHECK(d.year == 2023 && d.month == 10 && d.day == 1);
	period_fiscal_year_end(2567, &d);
	CHECK(d.year == 2024 && d.month == 9 && d.day == 30);
	CHECK(!period_round_end(2567, 3, &d) && d.year == 2023 && d.month == 12 && d.day == 31);
	CHECK(!period_round_end(2567, 6, &d) && d.month == 3 && d.day == 31);
	CHECK(!period_round_end(2567, 9, &d) && d.month == 6 && d.day == 30);
	CHECK(period_round_end(2567, 5, &d) == -1);

	/* BE <-> CE */
	CHECK(period_be_from_ce(2024) == 2567);
	CHECK(period_ce_from_be(2567) == 2024);

	/* parsing dates: ISO, D/M/Y, BE years, invalid ones */
	CHECK(!period_parse_date("2024-02-29", &d) && d.day == 29);
	CHECK(period_parse_date("2023-02-29", &d) == -1);
	CHECK(!period_parse_date("15/01/2567", &d) && d.year == 2024 && d.month == 1 && d.day == 15);
	CHECK(!period_parse_date("2567-10-01", &d) && d.year == 2024);
	CHECK(period_parse_date("2024-13-01", &d) == -1);
	CHECK(period_parse_date("2024-1-1x", &d) == -1);
	CHECK(period_parse_date("", &d) == -1);

	/* ordering */
	d = D(2024, 1, 15);
	e = D(2024, 1, 16);
	CHECK(period_date_cmp(&d, &e) < 0 && period_date_cmp(&e, &d) > 0);
	CHECK(period_day_number(&d) + 1 == period_day_number(&e));
	d = D(1970, 1, 1);
	CHECK(period_day_number(&d) == 0);

	/* rounds and fiscal years as submitters write them */
	CHECK(!period_parse_round("6", &v) && v == 6);
	CHECK(!period_parse_round("12m", &v) && v == 12);
	CHECK(!period_parse_round("รอบ 9 เดือน", &v) && v == 9);
	CHECK(!period_parse_round("Q2", &v) && v == 6);
	CHECK(!period_parse_round("ไตรมาส 4", &v) && v == 12);
	CHECK(period_parse_round("5", &v) == -1);
	CHECK(period_parse_round("Q5", &v) == -1);
	CHECK(!period_parse_fiscal_year("2567", &v) && v == 2567);
	CHECK(!period_parse_fiscal_year("2024", &v) && v == 2567);
	CHECK(!period_parse_fiscal_year("ปีงบประมาณ 2567", &v) && v == 2567);
	CHECK(period_parse_fiscal_year("25x7", &v) == -1);

	/* Thai dates */
	strbuf_init(&sb);
	d = D(2023, 10, 1);
	period_format_thai(&sb, &d, 1);
	CHECK_STR(sb.buf, "1 ตุลาคม 2566");
	strbuf_reset(&sb);
	period_format_thai(&sb, &d, 0);
	CHECK_STR(sb.buf, "1 ต.ค. 66");
	strbuf_release(&sb);

	/* timestamps of the run lock and the run log: UTC, to the second */
	{
		char stamp[21];

		period_format_timestamp(0, stamp);
		CHECK_STR(stamp, "1970-01-01T00:00:00Z");
		period_format_timestamp(1733105705, stamp);  /* 2024-12-02 02:15:05 UTC */
		CHECK_STR(stamp, "2024-12-02T02:15:05Z");
	}
	return test_report("period");
}
