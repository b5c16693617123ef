/*
 * aggregate.h - the third stage: accepted values into results.
 *
 * For every fiscal year with a framework, the newest accepted value of each
 * school x indicator x round is rolled up school -> network -> office by
 * the indicator's aggregation (always from the schools' own values, never a
 * mean of means), compared with the target, and counted per policy area.
 * An office with no unit under it stands for its area: what it sent for
 * the schools' indicators is its area's result (aggregate_add_result()),
 * so a national database of offices gives each office's own figures.
 * Completeness per round (expected, received, on time, late, missing) is
 * counted for the office and each network.  The result, area_result and
 * completeness tables of that year are replaced in one transaction.
 *
 * On time is said of the data used.  The submission that counts for a
 * unit's round is its newest accepted one (the one whose values reports
 * use), or its newest one when none was accepted; the round is on time
 * when that submission arrived by the round's deadline.  A late correction
 * of an on-time submission is late data: its receipt says W-LATE, and
 * completeness counts the unit late.  Every part that says on time or late
 * per unit uses AGGREGATE_COUNTED_DATE_SQL, so that they agree.
 */
#ifndef TIDTAM_AGGREGATE_H
#define TIDTAM_AGGREGATE_H

#include <sqlite3.h>

#include "tidtam/framework.h"

struct tt_error;

/*
 * The date of the submission that counts, as an SQL aggregate over the
 * submission rows of one unit's round (GROUP BY unit_code, round): the
 * newest accepted submitted_on, else the newest submitted_on.  Compare it
 * with the round's deadline: after it, the unit's round is late.
 */
#define AGGREGATE_COUNTED_DATE_SQL \
	"COALESCE(MAX(CASE WHEN status = 'accepted' THEN submitted_on END)," \
	" MAX(submitted_on))"

/* Running state of one aggregation; start from aggregate_init(). */
struct aggregate_acc {
	long count;              /* values added */
	double sum;
	double numerator_sum, denominator_sum;
	double min, max;
	long yes;
};

void aggregate_init(struct aggregate_acc *acc);

/*
 * Add one school's value: number as validated (yes = 1, percent = its
 * percentage), and for percentages its numerator and denominator.
 */
void aggregate_add(struct aggregate_acc *acc, double number, double numerator,
		   double denominator);

/*
 * Add a unit's own result that already aggregates an area (an office with
 * no unit under it in this database, as a national database holds the
 * offices whose exports it took): as aggregate_add(), but a count of yes
 * answers adds the count it carries, not one answer.  So an office's
 * result taken alone gives back the same figure: its sum, mean, minimum,
 * maximum, count, and numerator / denominator.
 */
void aggregate_add_result(struct aggregate_acc *acc, double number, double numerator,
			  double denominator);

/*
 * The aggregate by method agg.  Returns 0 and sets *out, or -1 when there
 * is nothing to aggregate (no value, or a ratio over a zero denominator).
 */
int aggregate_result(const struct aggregate_acc *acc, enum aggregation agg, double *out);

/*
 * Whether value reaches ind's target (1/0), and its percentage of the
 * target in *percent; -1 when the indicator has no target.
 */
int aggregate_achieved(const struct indicator *ind, double value, double *percent);

struct aggregate_stats {
	int fiscal_years;
	long results;
	/*
	 * Units on a cycle of parents in the unit table (which unit lists
	 * refuse; a database edited by hand may hold one): each value is still
	 * added once to each unit above it, the cycle's units each once.
	 */
	size_t units_on_cycle;
	/*
	 * The most units begun and not yet made at once, in any year: each
	 * holds a tally of its indicators x rounds from the first unit that
	 * adds to it to the last, all that aggregate holds besides the unit
	 * list and one unit's values.  The units are read in the order of
	 * their codes, so this is the depth of the tree where each office's
	 * and network's units have codes of their own (the demo's, OBEC's).
	 */
	size_t units_held;
};

/*
 * Make the results, area results and completeness again where their inputs
 * changed since the last run: everything after a framework or unit list
 * changed; else, per fiscal year, the office trees holding a unit whose
 * submissions were added, changed status or went (aggregate_pending, kept
 * by the database's triggers).  The tables end as a run from empty would
 * leave them.  stats count what was made in this run.  0, or a negative
 * code with err.
 */
int aggregate_run(sqlite3 *db, struct aggregate_stats *stats, struct tt_error *err);

/*
 * The SQL of the statements aggregate_run() runs on a year's inputs, NULL
 * at the end: for the test that checks each reads through an index.
 */
const char *const *aggregate_statements(void);

#endif
