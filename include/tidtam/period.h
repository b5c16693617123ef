/*
 * period.h - the Thai fiscal calendar.
 *
 * A fiscal year (ปีงบประมาณ) runs 1 October to 30 September and is named by
 * the Buddhist-Era year in which it ends: FY 2567 = 1 Oct 2023 - 30 Sep 2024.
 * BE = CE + 543.  Fiscal quarters: Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun,
 * Q4 Jul-Sep.  Progress is reported cumulatively in rounds of 3, 6, 9 and 12
 * months; the round of N months ends with quarter N/3.
 *
 * Dates are plain civil dates in the Common Era (struct tt_date).  Nothing
 * here allocates or depends on the time zone.
 */
#ifndef TIDTAM_PERIOD_H
#define TIDTAM_PERIOD_H

#include <time.h>

struct strbuf;

struct tt_date {
	int year;  /* Common Era */
	int month; /* 1-12 */
	int day;   /* 1-31 */
};

static inline int period_be_from_ce(int ce) { return ce + 543; }
static inline int period_ce_from_be(int be) { return be - 543; }

/* 1 if the date exists in the proleptic Gregorian calendar. */
int period_date_valid(const struct tt_date *d);

/* Fiscal year (BE) that the date falls in. */
int period_fiscal_year(const struct tt_date *d);

/* Fiscal quarter 1-4 that the date falls in. */
int period_quarter(const struct tt_date *d);

/* First and last day of fiscal year fy (BE). */
void period_fiscal_year_start(int fy, struct tt_date *out);
void period_fiscal_year_end(int fy, struct tt_date *out);

/* Last day covered by the round of `months` (3, 6, 9 or 12) of year fy. */
int period_round_end(int fy, int months, struct tt_date *out);

/* Days since 1970-01-01 (negative before); a total order on dates. */
long period_day_number(const struct tt_date *d);

/* The date period_day_number() counts days to. */
void period_date_from_day_number(long days, struct tt_date *out);

/* <0, 0, >0 as a is before, equal to or after b. */
int period_date_cmp(const struct tt_date *a, const struct tt_date *b);

/*
 * Parse a date written "YYYY-MM-DD" or "D/M/YYYY".  A year above 2400 is
 * taken as BE and converted.  Surrounding spaces are allowed.  Returns 0, or
 * -1 if the text is not a valid date.
 */
int period_parse_date(const char *s, struct tt_date *out);

/* The UTC calendar date of t. */
void period_date_from_time(time_t t, struct tt_date *out);

/* "YYYY-MM-DD" (CE) into buf of at least 11 bytes. */
void period_format_iso(const struct tt_date *d, char *buf);

/* The moment t in UTC as "YYYY-MM-DDTHH:MM:SSZ" into buf of at least 21 bytes. */
void period_format_timestamp(time_t t, char *buf);

/*
 * Parse how a round is written in submissions: "3", "6m", "12 เดือน",
 * "รอบ 6 เดือน", "Q2", "ไตรมาส 2" (quarter 2 = round 6).  Returns 0 and sets
 * *months to 3, 6, 9 or 12; or -1.
 */
int period_parse_round(const char *s, int *months);

/*
 * Parse a fiscal year: "2567", "ปีงบประมาณ 2567", "2024" (CE, converted).
 * Returns 0 and sets *fy (BE), or -1.
 */
int period_parse_fiscal_year(const char *s, int *fy);

/* Thai month names: full ("ตุลาคม") and abbreviated ("ต.ค."); month 1-12. */
const char *period_month_name_th(int month, int abbreviated);

/*
 * Append a Buddhist-Era date: full "1 ตุลาคม 2566" or short "1 ต.ค. 66".
 * Digits are Arabic; the text module can turn them into Thai digits.
 */
void period_format_thai(struct strbuf *sb, const struct tt_date *d, int full);

/* "ปีงบประมาณ พ.ศ. 2567" (fy in BE); layout prints the digits as Thai if asked. */
void period_format_fiscal_year(struct strbuf *sb, int fy);

/* "รอบ 6 เดือน". */
void period_format_round(struct strbuf *sb, int months);

#endif
