/*
 * fuzz-period.c - dates, fiscal years and rounds as submitters write them
 * (period.c): each line of the input is read as a date, a round and a
 * fiscal year, as ingest and the programs' options read them.  What holds:
 * a date read is a valid one, written in ISO form it reads back the same
 * (years to 2400: above, a year is taken as Buddhist Era), its day number
 * turns back into it, and it falls in the fiscal year and quarter the
 * calendar says; a round is 3, 6, 9 or 12 and ends within its year; a
 * fiscal year is a Buddhist-Era year from 2400 to 2700.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static void check_date(const struct tt_date *d)
{
	struct tt_date back, start, end;
	struct strbuf sb;
	char iso[11];
	int fy, q;

	FUZZ_CHECK(period_date_valid(d));
	period_format_iso(d, iso);
	if (d->year <= 2400) {
		FUZZ_CHECK(!period_parse_date(iso, &back));
		FUZZ_CHECK(!period_date_cmp(d, &back) && back.year == d->year);
	}
	period_date_from_day_number(period_day_number(d), &back);
	FUZZ_CHECK(back.year == d->year && back.month == d->month && back.day == d->day);
	fy = period_fiscal_year(d);
	period_fiscal_year_start(fy, &start);
	period_fiscal_year_end(fy, &end);
	FUZZ_CHECK(period_date_cmp(&start, d) <= 0 && period_date_cmp(d, &end) <= 0);
	q = period_quarter(d);
	FUZZ_CHECK(q >= 1 && q <= 4);
	FUZZ_CHECK(!period_round_end(fy, q * 3, &end) && period_date_cmp(d, &end) <= 0);
	strbuf_init(&sb);
	period_format_thai(&sb, d, 1);
	period_format_thai(&sb, d, 0);
	FUZZ_CHECK(fuzz_utf8(sb.buf, sb.len));
	strbuf_release(&sb);
}

static void check_line(const char *s)
{
	struct tt_date d, start, end;
	int months, fy;

	if (!period_parse_date(s, &d))
		check_date(&d);
	if (!period_parse_round(s, &months)) {
		FUZZ_CHECK(months == 3 || months == 6 || months == 9 || months == 12);
		period_fiscal_year_start(2567, &start);
		FUZZ_CHECK(!period_round_end(2567, months, &end));
		FUZZ_CHECK(period_date_cmp(&start, &end) < 0 && period_fiscal_year(&end) == 2567);
	}
	if (!period_parse_fiscal_year(s, &fy)) {
		FUZZ_CHECK(fy >= 2400 && fy <= 2700);
		period_fiscal_year_start(fy, &start);
		FUZZ_CHECK(period_fiscal_year(&start) == fy);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), *line, *next;
	struct tt_date d;
	uint64_t h = fuzz_hash(FUZZ_HASH0, data, size);

	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		check_line(line);
	}
	/* a day number of years 1 to 9999, as the workbook reader makes dates */
	period_date_from_day_number((long)(h % 3652059) - 719162, &d);
	check_date(&d);
	free(text);
	return 0;
}
