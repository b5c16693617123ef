/*
 * test-chart.c - the value axis (round ticks, the top at the first tick at
 * or above the largest value, never far above it) and the short labels cut
 * from long Thai names at word boundaries.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/chart.h"
#include "tidtam/thai.h"
#include "test.h"

/* The axis of max: the step is round, the top at or above max, by less than a step. */
static void check_axis(double max, double want_step, double want_top)
{
	double step, top;

	chart_ticks(max, 5, &step, &top);
	CHECK_NEAR(step, want_step);
	CHECK_NEAR(top, want_top);
	CHECK(top >= max - 1e-9);
	CHECK(top - max < step + 1e-9);
}

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int main(void)
{
	struct thai_breaker *tb = thai_breaker_new();
	char *s;

	/* values capped at 200: the axis ends at 200, not 250 */
	check_axis(200, 50, 200);
	check_axis(107.9, 25, 125);
	check_axis(41, 10, 50);
	check_axis(1850, 500, 2000);
	check_axis(4.2, 1, 5);
	check_axis(0.32, 0.1, 0.4);
	{
		/* nothing to draw: an axis to 1 all the same */
		double step, top;

		chart_ticks(0, 5, &step, &top);
		CHECK_NEAR(top, 1);
	}

	CHECK(tb != NULL);
	/* short enough: as it is, without the word every project name has */
	s = chart_short_label(tb, "โครงการพาน้องกลับมาเรียน", 30);
	CHECK_STR(s, "พาน้องกลับมาเรียน");
	free(s);
	/* cut at a word boundary within 20 characters, not on a joining word */
	s = chart_short_label(tb, "โครงการทุนการศึกษาเพื่อความเสมอภาคทางการศึกษา", 20);
	CHECK(chars(s) <= 20);
	CHECK(!strncmp(s, "ทุนการศึกษา", strlen("ทุนการศึกษา")));
	CHECK(strcmp(s + strlen(s) - strlen("เพื่อ"), "เพื่อ"));
	CHECK(strcmp(s + strlen(s) - strlen("ความ"), "ความ"));
	free(s);
	s = chart_short_label(tb, "ระดับความสำเร็จของการดำเนินงานตามมาตรการความปลอดภัยในสถานศึกษา", 24);
	CHECK(chars(s) <= 24 && chars(s) > 0);
	CHECK(strncmp(s, "ระดับ", strlen("ระดับ")));
	free(s);
	/* a name that is only the common word keeps it */
	s = chart_short_label(tb, "โครงการ", 10);
	CHECK_STR(s, "โครงการ");
	free(s);
	/* no boundary within the limit: cut by characters, a mark with its letter */
	s = chart_short_label(tb, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5);
	CHECK(chars(s) <= 26 && chars(s) >= 5);
	free(s);
	thai_breaker_free(tb);
	return test_report("test-chart");
}
