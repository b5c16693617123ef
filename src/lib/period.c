/*
 * period.c - the Thai fiscal calendar: fiscal years and quarters, BE/CE,
 * reporting rounds, and dates as submitters write them.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int period_date_valid(const struct tt_date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 &&
	       d->month <= 12 && d->day >= 1 &&
	       d->day <= days_in_month(d->year, d->month);
}

int period_fiscal_year(const struct tt_date *d)
{
	return period_be_from_ce(d->month >= 10 ? d->year + 1 : d->year);
}

int period_quarter(const struct tt_date *d)
{
	return d->month >= 10 ? 1 : (d->month - 1) / 3 + 2;
}

void period_fiscal_year_start(int fy, struct tt_date *out)
{
	out->year = period_ce_from_be(fy) - 1;
	out->month = 10;
	out->day = 1;
}

void period_fiscal_year_end(int fy, struct tt_date *out)
{
	out->year = period_ce_from_be(fy);
	out->month = 9;
	out->day = 30;
}

int period_round_end(int fy, int months, struct tt_date *out)
{
	switch (months) {
	case 3:
		out->year = period_ce_from_be(fy) - 1;
		out->month = 12;
		out->day = 31;
		return 0;
	case 6:
		out->year = period_ce_from_be(fy);
		out->month = 3;
		out->day = 31;
		return 0;
	case 9:
		out->year = period_ce_from_be(fy);
		out->month = 6;
		out->day = 30;
		return 0;
	case 12:
		period_fiscal_year_end(fy, out);
		return 0;
	}
	return -1;
}

long period_day_number(const struct tt_date *d)
{
	/* days from civil, after H. Hinnant's algorithm */
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int period_date_cmp(const struct tt_date *a, const struct tt_date *b)
{
	long x = period_day_number(a), y = period_day_number(b);

	return x < y ? -1 : x > y;
}

static int read_int(const char **p, int maxdigits, int *out)
{
	int n = 0, v = 0;

	while (isdigit((unsigned char)**p) && n < maxdigits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (!n || isdigit((unsigned char)**p))
		return -1;
	*out = v;
	return 0;
}

int period_parse_date(const char *s, struct tt_date *out)
{
	struct tt_date d;
	const char *p = s;
	int a, b, c;

	if (!s)
		return -1;
	while (*p == ' ')
		p++;
	if (read_int(&p, 4, &a))
		return -1;
	if (*p == '-') {
		p++;
		if (read_int(&p, 2, &b) || *p++ != '-' || read_int(&p, 2, &c))
			return -1;
		d.year = a;
		d.month = b;
		d.day = c;
	} else if (*p == '/') {
		p++;
		if (read_int(&p, 2, &b) || *p++ != '/' || read_int(&p, 4, &c))
			return -1;
		d.day = a;
		d.month = b;
		d.year = c;
	} else {
		return -1;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	if (d.year > 2400)
		d.year = period_ce_from_be(d.year);
	if (!period_date_valid(&d))
		return -1;
	*out = d;
	return 0;
}

void period_date_from_time(time_t t, struct tt_date *out)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
}

void period_date_from_day_number(long days, struct tt_date *out)
{
	/* the inverse of period_day_number(): civil date of a day count */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)m;
	out->year = (int)(yoe + era * 400 + (m <= 2));
}

void period_format_iso(const struct tt_date *d, char *buf)
{
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 100u;
	unsigned day = (unsigned)d->day % 100u;

	snprintf(buf, 11, "%04u-%02u-%02u", y, m, day);
}

void period_format_timestamp(time_t t, char *buf)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)tm.tm_mon + 1u, (unsigned)tm.tm_mday, (unsigned)tm.tm_hour,
		 (unsigned)tm.tm_min, (unsigned)tm.tm_sec);
}

/* Skip a prefix word if s starts with it (and any spaces after). */
static const char *skip_word(const char *s, const char *word)
{
	size_t n = strlen(word);

	if (!strncmp(s, word, n)) {
		s += n;
		while (*s == ' ')
			s++;
	}
	return s;
}

int period_parse_round(const char *s, int *months)
{
	const char *p;
	int v, quarter = 0;

	if (!s)
		return -1;
	p = s;
	while (*p == ' ')
		p++;
	p = skip_word(p, "รอบ");
	if (*p == 'Q' || *p == 'q') {
		quarter = 1;
		p++;
	} else if (!strncmp(p, "ไตรมาส", strlen("ไตรมาส"))) {
		quarter = 1;
		p = skip_word(p, "ไตรมาส");
	}
	if (read_int(&p, 2, &v))
		return -1;
	while (*p == ' ')
		p++;
	if (!quarter) {
		if (*p == 'm' || *p == 'M')
			p++;
		else
			p = skip_word(p, "เดือน");
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	if (quarter)
		v = v >= 1 && v <= 4 ? v * 3 : -1;
	if (v != 3 && v != 6 && v != 9 && v != 12)
		return -1;
	*months = v;
	return 0;
}

int period_parse_fiscal_year(const char *s, int *fy)
{
	const char *p;
	int v;

	if (!s)
		return -1;
	p = s;
	while (*p == ' ')
		p++;
	p = skip_word(p, "ปีงบประมาณ");
	p = skip_word(p, "พ.ศ.");
	if (read_int(&p, 4, &v))
		return -1;
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	if (v >= 1900 && v < 2100)
		v = period_be_from_ce(v);
	if (v < 2400 || v > 2700)
		return -1;
	*fy = v;
	return 0;
}

const char *period_month_name_th(int month, int abbreviated)
{
	static const char *full[] = {
		"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
		"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
	};
	static const char *abbr[] = {
		"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
		"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."
	};

	if (month < 1 || month > 12)
		return "";
	return abbreviated ? abbr[month - 1] : full[month - 1];
}

void period_format_thai(struct strbuf *sb, const struct tt_date *d, int full)
{
	int be = period_be_from_ce(d->year);

	if (full)
		strbuf_addf(sb, "%d %s %d", d->day, period_month_name_th(d->month, 0), be);
	else
		strbuf_addf(sb, "%d %s %02d", d->day, period_month_name_th(d->month, 1),
			    be % 100);
}

void period_format_fiscal_year(struct strbuf *sb, int fy)
{
	strbuf_addf(sb, "ปีงบประมาณ พ.ศ. %d", fy);
}

void period_format_round(struct strbuf *sb, int months)
{
	strbuf_addf(sb, "รอบ %d เดือน", months);
}
