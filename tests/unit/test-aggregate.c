/* Unit tests of the aggregation methods, against hand-computed results. */
#include "tidtam/aggregate.h"
#include "test.h"

static double agg(enum aggregation a, const double *v, const double *num,
		  const double *den, int n, int *ok)
{
	struct aggregate_acc acc;
	double out = -1;
	int i;

	aggregate_init(&acc);
	for (i = 0; i < n; i++)
		aggregate_add(&acc, v[i], num ? num[i] : 0, den ? den[i] : 0);
	*ok = aggregate_result(&acc, a, &out) == 0;
	return out;
}

int main(void)
{
	const double v[] = { 4, 2, 5, 3 };
	const double yes[] = { 1, 0, 1, 1, 1 };
	/* schools: 41/45, 10/20, 0/5 -> ratio of sums 51/70 = 72.857...%,
	 * mean of percentages (91.11 + 50 + 0) / 3 */
	const double num[] = { 41, 10, 0 }, den[] = { 45, 20, 5 };
	const double pct[] = { 41.0 / 45 * 100, 50, 0 };
	struct indicator ind = { 0 };
	double percent;
	int ok;

	CHECK_NEAR(agg(AGG_SUM, v, NULL, NULL, 4, &ok), 14);
	CHECK(ok);
	CHECK_NEAR(agg(AGG_MEAN, v, NULL, NULL, 4, &ok), 3.5);
	CHECK_NEAR(agg(AGG_MIN, v, NULL, NULL, 4, &ok), 2);
	CHECK_NEAR(agg(AGG_MAX, v, NULL, NULL, 4, &ok), 5);
	CHECK_NEAR(agg(AGG_COUNT_YES, yes, NULL, NULL, 5, &ok), 4);
	CHECK_NEAR(agg(AGG_RATIO, pct, num, den, 3, &ok), 51.0 / 70.0 * 100.0);
	CHECK(ok);
	CHECK_NEAR(agg(AGG_MEAN, pct, num, den, 3, &ok), (41.0 / 45 * 100 + 50) / 3);
	/* nothing to aggregate */
	agg(AGG_SUM, v, NULL, NULL, 0, &ok);
	CHECK(!ok);
	agg(AGG_NONE, v, NULL, NULL, 4, &ok);
	CHECK(!ok);
	{
		const double zero[] = { 0 };

		agg(AGG_RATIO, zero, zero, zero, 1, &ok);
		CHECK(!ok);
	}
	/* negative minimum is kept */
	{
		const double m[] = { 3, -1, 7 };

		CHECK_NEAR(agg(AGG_MIN, m, NULL, NULL, 3, &ok), -1);
	}

	/* achievement against the target, both directions */
	ind.has_target = 1;
	ind.target = 80;
	ind.direction = DIRECTION_HIGHER;
	CHECK(aggregate_achieved(&ind, 84, &percent) == 1);
	CHECK_NEAR(percent, 105);
	CHECK(aggregate_achieved(&ind, 60, &percent) == 0);
	CHECK_NEAR(percent, 75);
	ind.direction = DIRECTION_LOWER;
	ind.target = 20;
	CHECK(aggregate_achieved(&ind, 25, &percent) == 0);
	CHECK_NEAR(percent, 80);
	CHECK(aggregate_achieved(&ind, 10, &percent) == 1);
	ind.has_target = 0;
	CHECK(aggregate_achieved(&ind, 10, &percent) == -1);
	return test_report("aggregate");
}
