/*
 * aggregate.c - rolling accepted values up the unit tree.
 *
 * Workload: per fiscal year, schools x indicators x 4 rounds values, held in
 * one dense array indexed by (unit, indicator, round); the office and each
 * network aggregate over the schools below them.  The walk up from a unit
 * (ancestors()) meets each unit once, so no value is counted twice even if
 * the unit table held a cycle of parents.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/*
 * The statements that read a year's inputs, the whole year or one unit's
 * part (a unit made again), each through an index; listed by
 * aggregate_statements() for the test that asks SQLite how it runs them.
 * The newest accepted value of each unit x indicator x round: a text
 * answer is loaded too, so that completeness counts it as sent.
 */
#define VALUES_SELECT \
	"SELECT s.unit_code, s.round, v.indicator, v.number," \
	" CAST(v.numerator AS REAL), CAST(v.denominator AS REAL)" \
	" FROM value v JOIN submission s ON s.id = v.submission_id" \
	" WHERE s.status = 'accepted' AND s.fiscal_year = ?1" \
	" AND (v.number IS NOT NULL OR TRIM(COALESCE(v.value, '')) != '')"
#define AGGREGATE_VALUES_SQL VALUES_SELECT " ORDER BY s.submitted_on, s.id, v.id"
#define AGGREGATE_UNIT_VALUES_SQL \
	VALUES_SELECT " AND s.unit_code = ?2 ORDER BY s.submitted_on, s.id, v.id"
/*
 * On time or late is said of the data used: a unit's round is on time
 * when its newest accepted submission arrived by the deadline (a late
 * correction of an on-time submission is late data, as its receipt's
 * W-LATE says), or, when none was accepted, its newest submission.
 */
#define RECEIVED_SELECT \
	"SELECT unit_code, round, " AGGREGATE_COUNTED_DATE_SQL "," \
	" MAX(status = 'accepted') FROM submission" \
	" WHERE fiscal_year = ?1 AND round IS NOT NULL"
#define AGGREGATE_RECEIVED_SQL RECEIVED_SELECT " GROUP BY unit_code, round"
#define AGGREGATE_UNIT_RECEIVED_SQL RECEIVED_SELECT " AND unit_code = ?2 GROUP BY unit_code, round"
/* What a unit made again had: each round is 3, 6, 9 or 12 (months). */
#define AGGREGATE_FORGET_SQL(table) \
	"DELETE FROM " table " WHERE fiscal_year = ?1 AND round IN (3, 6, 9, 12)" \
	" AND unit_code = ?2"
/* The units whose submissions changed since the last run, per fiscal year. */
#define AGGREGATE_PENDING_SQL \
	"SELECT DISTINCT p.fiscal_year FROM aggregate_pending p" \
	" JOIN framework f ON f.fiscal_year = p.fiscal_year ORDER BY 1"
#define AGGREGATE_PENDING_UNITS_SQL \
	"SELECT unit_code FROM aggregate_pending WHERE fiscal_year = ?1"

void aggregate_init(struct aggregate_acc *acc)
{
	memset(acc, 0, sizeof(*acc));
}

void aggregate_add(struct aggregate_acc *acc, double number, double numerator,
		   double denominator)
{
	if (!acc->count || number < acc->min)
		acc->min = number;
	if (!acc->count || number > acc->max)
		acc->max = number;
	acc->count++;
	acc->sum += number;
	acc->numerator_sum += numerator;
	acc->denominator_sum += denominator;
	if (number != 0)
		acc->yes++;
}

void aggregate_add_result(struct aggregate_acc *acc, double number, double numerator,
			  double denominator)
{
	long yes = acc->yes;

	aggregate_add(acc, number, numerator, denominator);
	acc->yes = yes + (long)llround(number);
}

int aggregate_result(const struct aggregate_acc *acc, enum aggregation agg, double *out)
{
	if (!acc->count || agg == AGG_NONE)
		return -1;
	switch (agg) {
	case AGG_SUM:
		*out = acc->sum;
		return 0;
	case AGG_MEAN:
		*out = acc->sum / (double)acc->count;
		return 0;
	case AGG_RATIO:
		if (acc->denominator_sum <= 0)
			return -1;
		*out = acc->numerator_sum / acc->denominator_sum * 100.0;
		return 0;
	case AGG_MIN:
		*out = acc->min;
		return 0;
	case AGG_MAX:
		*out = acc->max;
		return 0;
	case AGG_COUNT_YES:
		*out = (double)acc->yes;
		return 0;
	case AGG_NONE:
		break;
	}
	return -1;
}

int aggregate_achieved(const struct indicator *ind, double value, double *percent)
{
	if (!ind->has_target)
		return -1;
	if (ind->direction == DIRECTION_HIGHER) {
		*percent = ind->target != 0 ? value / ind->target * 100.0 : 100.0;
		return value >= ind->target;
	}
	*percent = value > 0 ? ind->target / value * 100.0 : 100.0;
	return value <= ind->target;
}

/* ------------------------------------------------------------------ */

struct unit {
	char *code;
	char kind;          /* 'o'ffice, 'n'etwork, 's'chool */
	long parent;        /* index, or -1 */
	int has_children;   /* some unit's parent */
	int national;       /* an office with offices under it (the nation) */
};

struct cell {
	int has;
	double number, numerator, denominator;
};

struct year {
	sqlite3 *db;
	const struct framework *fw;
	struct unit *units;
	size_t nr_units;
	unsigned char *selected; /* per unit: made again (NULL: every unit) */
	signed char *achieved;   /* [unit][indicator][round]: 1/0, -1 no result */
	unsigned *walked;    /* per unit: the walk that last met it (ancestors()) */
	unsigned walk;
	long *chain;         /* a unit and its ancestors, for ancestors() */
	size_t on_cycle;     /* units on a cycle of parents */
	struct cell *cells;  /* [unit][indicator][round 0..3] */
	struct tt_error *err;
	sqlite3_stmt *put_result, *put_area, *put_completeness;
	long results;
};

static struct cell *cell_at(struct year *y, size_t unit, size_t ind, int r)
{
	return &y->cells[(unit * y->fw->nr_indicators + ind) * 4 + (size_t)r];
}

static signed char *achieved_at(struct year *y, size_t unit, size_t ind, int r)
{
	return &y->achieved[(unit * y->fw->nr_indicators + ind) * 4 + (size_t)r];
}

/* Whether unit u's results are made in this run. */
static int selected(const struct year *y, size_t u)
{
	return !y->selected || y->selected[u];
}

static long unit_index(const struct year *y, const char *code)
{
	size_t lo = 0, hi = y->nr_units;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(y->units[mid].code, code);

		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * The national level: an office with offices under it and none above it
 * (OBEC's bureau at the root of a national unit list, the area offices
 * under it; offices above each other in a cycle, which a database edited
 * by hand may hold, are not).  Its offices stand for their areas; what
 * they sent of the offices' own indicators rolls up to it too
 * (national_office_value()).
 */
static void mark_national(struct year *y)
{
	size_t i;

	for (i = 0; i < y->nr_units; i++) {
		long p = y->units[i].parent, g;

		if (p < 0 || y->units[i].kind != 'o' || y->units[p].kind != 'o')
			continue;
		g = y->units[p].parent;
		if (g < 0 || y->units[g].kind != 'o')
			y->units[p].national = 1;
	}
}

static int load_units(struct year *y)
{
	sqlite3_stmt *st;
	size_t alloc = 0, alloc_parents = 0, i;
	char **parents = NULL;
	int rc;

	if ((rc = db_prepare(y->db, &st, "SELECT code, kind, parent FROM unit ORDER BY code",
			     y->err)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&y->units, &alloc, y->nr_units + 1, sizeof(*y->units));
		xgrow(&parents, &alloc_parents, y->nr_units + 1, sizeof(*parents));
		y->units[y->nr_units].code = xstrdup(db_column_text(st, 0));
		y->units[y->nr_units].kind = db_column_text(st, 1)[0];
		y->units[y->nr_units].has_children = 0;
		y->units[y->nr_units].national = 0;
		parents[y->nr_units] = xstrdup(db_column_text(st, 2));
		y->nr_units++;
	}
	sqlite3_finalize(st);
	for (i = 0; i < y->nr_units; i++) {
		y->units[i].parent = unit_index(y, parents[i]);
		if (y->units[i].parent >= 0)
			y->units[y->units[i].parent].has_children = 1;
		free(parents[i]);
	}
	mark_national(y);
	free(parents);
	return 0;
}

/*
 * The newest accepted value of each unit x indicator x round; a text answer
 * is loaded too, so that completeness counts it as sent.
 */
static int load_values(struct year *y)
{
	sqlite3_stmt *st;
	size_t u = 0;
	int rc;

	if ((rc = db_prepare(y->db, &st, y->selected ? AGGREGATE_UNIT_VALUES_SQL
				: AGGREGATE_VALUES_SQL, y->err)))
		return rc;
	sqlite3_bind_int(st, 1, y->fw->fiscal_year);
	/* every value of the year at once, or unit by unit those made again */
	for (;;) {
		if (y->selected) {
			while (u < y->nr_units && !y->selected[u])
				u++;
			if (u == y->nr_units)
				break;
			sqlite3_reset(st);
			db_bind_text(st, 2, y->units[u++].code);
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			long v = unit_index(y, db_column_text(st, 0));
			int months = sqlite3_column_int(st, 1);
			const struct indicator *ind =
				framework_indicator(y->fw, db_column_text(st, 2));
			struct cell *c;

			if (v < 0 || !ind || months % 3 || months < 3 || months > 12)
				continue;
			/* a text answer counts as sent; it has no number to add up */
			if (sqlite3_column_type(st, 3) == SQLITE_NULL && ind->type != VALUE_TEXT)
				continue;
			c = cell_at(y, (size_t)v, (size_t)(ind - y->fw->indicators),
				    months / 3 - 1);
			c->has = 1;  /* later rows are newer: they overwrite */
			c->number = sqlite3_column_double(st, 3);
			c->numerator = sqlite3_column_double(st, 4);
			c->denominator = sqlite3_column_double(st, 5);
		}
		if (!y->selected)
			break;
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * Unit u and the units above it, each once, into y->chain; returns how many.
 * The walk ends at a unit without a parent or at one it has met already: a
 * cycle of parents, which unit lists refuse (units.h) but which a database
 * edited by hand may hold.  So a value is added at most once to any unit,
 * and no walk is longer than the number of units, whatever the table holds.
 */
static size_t ancestors(struct year *y, size_t u)
{
	long a;
	size_t n = 0;

	if (++y->walk == 0) {
		/* the stamps wrapped round: start them again */
		memset(y->walked, 0, y->nr_units * sizeof(*y->walked));
		y->walk = 1;
	}
	for (a = (long)u; a >= 0 && y->walked[a] != y->walk; a = y->units[a].parent) {
		y->walked[a] = y->walk;
		y->chain[n++] = a;
	}
	return n;
}

/* How many units sit on a cycle of parents (each counted once). */
static size_t count_on_cycle(struct year *y)
{
	unsigned char *state = xcalloc(y->nr_units + 1, 1); /* 1: on a walk, 2: done */
	size_t u, n = 0;

	for (u = 0; u < y->nr_units; u++) {
		long a = (long)u, c;

		while (a >= 0 && !state[a]) {
			state[a] = 1;
			a = y->units[a].parent;
		}
		/* a unit of this walk met again: the cycle runs from it round to it */
		if (a >= 0 && state[a] == 1)
			for (c = a, n++; y->units[c].parent != a; c = y->units[c].parent)
				n++;
		for (a = (long)u; a >= 0 && state[a] == 1; a = y->units[a].parent)
			state[a] = 2;
	}
	free(state);
	return n;
}

/* One unit's result of one indicator in the round being made. */
struct made {
	long expected;      /* 0: no result */
	long count;         /* values that went in */
	int has;            /* value and to_date hold one */
	double value, to_date;
	double numerator_sum, denominator_sum;
};

static int put_result(struct year *y, int months, size_t unit, const struct indicator *ind,
		      const struct made *m)
{
	sqlite3_stmt *st = y->put_result;
	double percent;
	int achieved;

	sqlite3_reset(st);
	sqlite3_bind_int(st, 1, y->fw->fiscal_year);
	sqlite3_bind_int(st, 2, months);
	db_bind_text(st, 3, y->units[unit].code);
	db_bind_text(st, 4, ind->code);
	if (m->has) {
		sqlite3_bind_double(st, 5, m->value);
		sqlite3_bind_double(st, 6, m->to_date);
	} else {
		sqlite3_bind_null(st, 5);
		sqlite3_bind_null(st, 6);
	}
	if (ind->type == VALUE_PERCENT && m->count) {
		sqlite3_bind_double(st, 7, m->numerator_sum);
		sqlite3_bind_double(st, 8, m->denominator_sum);
	} else {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	}
	sqlite3_bind_int64(st, 9, m->count);
	sqlite3_bind_int64(st, 10, m->expected);
	achieved = m->has ? aggregate_achieved(ind, m->to_date, &percent) : -1;
	*achieved_at(y, unit, (size_t)(ind - y->fw->indicators), months / 3 - 1) =
		(signed char)achieved;
	if (achieved >= 0) {
		sqlite3_bind_int(st, 11, achieved);
		sqlite3_bind_double(st, 12, percent);
	} else {
		sqlite3_bind_null(st, 11);
		sqlite3_bind_null(st, 12);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(y->db, "could not store a result", y->err);
	y->results++;
	return 0;
}

/*
 * An office's own indicator at the national level: the nation owes none
 * itself (1: nothing more to do for unit u); an office under it adds its
 * value to the nation's as a result, as the nation adds its offices'
 * school indicators through ancestors(), and goes on to its own (0).
 */
static int national_office_value(struct year *y, size_t u, const struct cell *c,
				 struct aggregate_acc *acc, long *expected)
{
	long p = y->units[u].parent;

	if (y->units[u].national)
		return 1;
	if (p >= 0 && y->units[p].national && y->units[u].kind == 'o') {
		expected[p]++;
		if (c->has)
			aggregate_add_result(&acc[p], c->number, c->numerator, c->denominator);
	}
	return 0;
}

/*
 * Results of one indicator for every unit in round r, into made[unit]
 * (stride: the number of indicators); running[unit] (same stride) is the
 * sum of its rounds so far.  Each school's value is added once to itself
 * and to each unit above it, so the work grows with schools × depth, not
 * with units².  An office indicator is its own unit's value alone.
 */
static void aggregate_indicator(struct year *y, size_t i, int r, struct aggregate_acc *acc,
				long *expected, double *running, struct made *made)
{
	const struct indicator *ind = &y->fw->indicators[i];
	size_t u, stride = y->fw->nr_indicators;

	for (u = 0; u < y->nr_units; u++) {
		aggregate_init(&acc[u]);
		expected[u] = 0;
	}
	for (u = 0; u < y->nr_units; u++) {
		const struct cell *c = cell_at(y, u, i, r);
		size_t k, n;

		if (!selected(y, u))
			continue;
		if (ind->submitter != SUBMITTER_SCHOOL) {
			if (national_office_value(y, u, c, acc, expected))
				continue;
			expected[u]++;
			if (c->has)
				aggregate_add(&acc[u], c->number, c->numerator, c->denominator);
			continue;
		}
		/* a school, or an office standing for its area (its result) */
		if (y->units[u].kind != 's' &&
		    (y->units[u].kind != 'o' || y->units[u].has_children))
			continue;
		for (k = 0, n = ancestors(y, u); k < n; k++) {
			long a = y->chain[k];

			expected[a]++;
			if (c->has && y->units[u].kind == 's')
				aggregate_add(&acc[a], c->number, c->numerator, c->denominator);
			else if (c->has)
				aggregate_add_result(&acc[a], c->number, c->numerator,
						     c->denominator);
		}
	}
	for (u = 0; u < y->nr_units; u++) {
		struct made *m = &made[u * stride + i];
		double value = 0;

		if (!expected[u] || !selected(y, u))
			continue;
		m->expected = expected[u];
		m->count = acc[u].count;
		m->numerator_sum = acc[u].numerator_sum;
		m->denominator_sum = acc[u].denominator_sum;
		m->has = !aggregate_result(&acc[u], ind->aggregation, &value);
		if (m->has)
			running[u * stride + i] += value;
		m->value = value;
		m->to_date = !ind->cumulative && ind->aggregation == AGG_SUM
			     ? running[u * stride + i] : value;
	}
}

static int cmp_indicator_code(const void *a, const void *b)
{
	return strcmp((*(const struct indicator *const *)a)->code,
		      (*(const struct indicator *const *)b)->code);
}

/*
 * Every result of the year, a round at a time, stored in the order of
 * result's key (round, unit, indicator): each row goes at the end of the
 * table and its index, never into the middle of pages already written.
 */
static int aggregate_results(struct year *y)
{
	const struct framework *fw = y->fw;
	size_t nind = fw->nr_indicators, i, k, u;
	struct aggregate_acc *acc = xmalloc((y->nr_units + 1) * sizeof(*acc));
	long *expected = xmalloc((y->nr_units + 1) * sizeof(*expected));
	double *running = xcalloc(y->nr_units * nind + 1, sizeof(*running));
	struct made *made = xmalloc((y->nr_units * nind + 1) * sizeof(*made));
	const struct indicator **order = xmalloc((nind + 1) * sizeof(*order));
	int r, rc = 0;

	/* the indicators in the order of their codes, as the key sorts them */
	for (i = 0; i < nind; i++)
		order[i] = &fw->indicators[i];
	qsort(order, nind, sizeof(*order), cmp_indicator_code);
	for (r = 0; !rc && r < 4; r++) {
		if (!framework_round(fw, (r + 1) * 3))
			continue;
		for (k = 0; k < y->nr_units * nind; k++)
			made[k].expected = 0;
		for (i = 0; i < nind; i++)
			if (fw->indicators[i].aggregation != AGG_NONE &&
			    indicator_due(&fw->indicators[i], (r + 1) * 3))
				aggregate_indicator(y, i, r, acc, expected, running, made);
		for (u = 0; !rc && u < y->nr_units; u++)
			for (k = 0; !rc && k < nind; k++) {
				const struct made *m =
					&made[u * nind + (size_t)(order[k] - fw->indicators)];

				if (m->expected)
					rc = put_result(y, (r + 1) * 3, u, order[k], m);
			}
	}
	free(acc);
	free(expected);
	free(running);
	free(made);
	free(order);
	return rc;
}

/*
 * Per unit other than a school, round and policy area: its indicators with
 * a target, how many have a result, how many reached it (from the results
 * just made, y->achieved).
 */
static int area_summary(struct year *y)
{
	static const char sql[] =
		"INSERT INTO area_result(fiscal_year, round, unit_code, policy_area,"
		" indicators, with_result, achieved)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	size_t *area, a, k, u;
	int r, rc;

	if ((rc = db_prepare(y->db, &y->put_area, sql, y->err)))
		return rc;
	area = xmalloc((y->fw->nr_areas + 1) * sizeof(*area));
	/* in the order of area_result's key: round, unit, area code */
	for (a = 0; a < y->fw->nr_areas; a++)
		area[a] = a;
	for (a = 1; a < y->fw->nr_areas; a++)
		for (k = a; k > 0 && strcmp(y->fw->areas[area[k - 1]].code,
					    y->fw->areas[area[k]].code) > 0; k--) {
			size_t t = area[k];

			area[k] = area[k - 1];
			area[k - 1] = t;
		}
	for (r = 0; !rc && r < 4; r++) {
		for (u = 0; !rc && u < y->nr_units; u++) {
			if (y->units[u].kind == 's' || !selected(y, u))
				continue;
			for (k = 0; !rc && k < y->fw->nr_areas; k++) {
				long n = 0, with = 0, achieved = 0;
				size_t i;

				a = area[k];

				for (i = 0; i < y->fw->nr_indicators; i++) {
					const struct indicator *ind = &y->fw->indicators[i];
					int got = *achieved_at(y, u, i, r);

					if (ind->policy_area != a || !ind->has_target ||
					    !indicator_due(ind, (r + 1) * 3))
						continue;
					n++;
					if (got >= 0) {
						with++;
						achieved += got;
					}
				}
				sqlite3_reset(y->put_area);
				sqlite3_bind_int(y->put_area, 1, y->fw->fiscal_year);
				sqlite3_bind_int(y->put_area, 2, (r + 1) * 3);
				db_bind_text(y->put_area, 3, y->units[u].code);
				db_bind_text(y->put_area, 4, y->fw->areas[a].code);
				sqlite3_bind_int64(y->put_area, 5, n);
				sqlite3_bind_int64(y->put_area, 6, with);
				sqlite3_bind_int64(y->put_area, 7, achieved);
				if (sqlite3_step(y->put_area) != SQLITE_DONE)
					rc = db_fail(y->db, "could not store an area result", y->err);
			}
		}
	}
	free(area);
	return rc;
}

/* Submission facts per unit and round: received, on time, accepted. */
struct receipt_info {
	int received, on_time, accepted;
};

/* What completeness counts for one unit and round. */
struct unit_sums {
	long expected, received, on_time, accepted, values_expected, values_present;
};

/*
 * 1 if unit u is an office under the nation standing for its area: it owes
 * the nation its area's results of the schools' indicators as well as its
 * own (the nation itself owes none).
 */
static int national_area(const struct year *y, size_t u)
{
	long p = y->units[u].parent;

	return y->units[u].kind == 'o' && !y->units[u].has_children && p >= 0 &&
	       y->units[p].national;
}

static int completeness(struct year *y)
{
	struct receipt_info *info = xcalloc(y->nr_units * 4, sizeof(*info));
	struct unit_sums *sums = xcalloc(y->nr_units + 1, sizeof(*sums));
	sqlite3_stmt *st = NULL;
	size_t a, s;
	int r, rc;

	/* on time or late: of the data used (AGGREGATE_RECEIVED_SQL) */
	if ((rc = db_prepare(y->db, &st, y->selected ? AGGREGATE_UNIT_RECEIVED_SQL
				: AGGREGATE_RECEIVED_SQL, y->err)))
		goto out;
	sqlite3_bind_int(st, 1, y->fw->fiscal_year);
	/* the whole year at once, or unit by unit those made again */
	for (s = 0;;) {
		if (y->selected) {
			while (s < y->nr_units && !y->selected[s])
				s++;
			if (s == y->nr_units)
				break;
			sqlite3_reset(st);
			db_bind_text(st, 2, y->units[s++].code);
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			long u = unit_index(y, db_column_text(st, 0));
			int months = sqlite3_column_int(st, 1);
			const struct round *round = framework_round(y->fw, months);
			struct tt_date counted;
			struct receipt_info *ri;

			if (u < 0 || !round)
				continue;
			ri = &info[(size_t)u * 4 + (size_t)(months / 3 - 1)];
			ri->received = 1;
			ri->on_time = !period_parse_date(db_column_text(st, 2), &counted) &&
				      period_date_cmp(&counted, &round->deadline) <= 0;
			ri->accepted = sqlite3_column_int(st, 3);
		}
		if (!y->selected)
			break;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = db_prepare(y->db, &st,
			     "INSERT INTO completeness(fiscal_year, round, unit_code, expected,"
			     " received, on_time, late, missing, accepted, values_expected,"
			     " values_present) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			     y->err)))
		goto out;
	for (r = 0; !rc && r < 4; r++) {
		if (!framework_round(y->fw, (r + 1) * 3))
			continue;
		memset(sums, 0, y->nr_units * sizeof(*sums));
		/* each submitter's facts, added to every unit above it (and itself) */
		for (s = 0; s < y->nr_units; s++) {
			struct receipt_info *ri = &info[s * 4 + (size_t)r];
			long due = 0, present = 0;
			size_t i, k, n;

			if (y->units[s].kind == 'n' || y->units[s].national || !selected(y, s))
				continue;
			for (i = 0; i < y->fw->nr_indicators; i++) {
				const struct indicator *ind = &y->fw->indicators[i];
				char want = ind->submitter == SUBMITTER_SCHOOL ? 's' : 'o';

				/* an optional indicator is never owed, so never counted */
				if ((y->units[s].kind != want && !national_area(y, s)) || !ind->required ||
				    !indicator_due(ind, (r + 1) * 3))
					continue;
				due++;
				present += cell_at(y, s, i, r)->has;
			}
			if (!due)
				continue;
			for (k = 0, n = ancestors(y, s); k < n; k++) {
				struct unit_sums *t = &sums[y->chain[k]];

				t->expected++;
				t->received += ri->received;
				t->on_time += ri->received && ri->on_time;
				t->accepted += ri->accepted;
				t->values_expected += due;
				t->values_present += present;
			}
		}
		for (a = 0; !rc && a < y->nr_units; a++) {
			const struct unit_sums *t = &sums[a];

			if (y->units[a].kind == 's' || !selected(y, a))
				continue;
			sqlite3_reset(st);
			sqlite3_bind_int(st, 1, y->fw->fiscal_year);
			sqlite3_bind_int(st, 2, (r + 1) * 3);
			db_bind_text(st, 3, y->units[a].code);
			sqlite3_bind_int64(st, 4, t->expected);
			sqlite3_bind_int64(st, 5, t->received);
			sqlite3_bind_int64(st, 6, t->on_time);
			sqlite3_bind_int64(st, 7, t->received - t->on_time);
			sqlite3_bind_int64(st, 8, t->expected - t->received);
			sqlite3_bind_int64(st, 9, t->accepted);
			sqlite3_bind_int64(st, 10, t->values_expected);
			sqlite3_bind_int64(st, 11, t->values_present);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(y->db, "could not store completeness", y->err);
		}
	}
out:
	sqlite3_finalize(st);
	free(info);
	free(sums);
	return rc;
}

/*
 * Select the units of every office tree that holds one of the units named
 * by st (bound, not stepped) into y->selected: every unit when one of them
 * lies on or below a cycle of parents, whose units have no office.  0, or
 * 1 when no unit of the unit list is named.
 */
static int select_trees(struct year *y, sqlite3_stmt *st)
{
	long *root = xmalloc((y->nr_units + 1) * sizeof(*root));
	unsigned char *dirty = xcalloc(y->nr_units + 1, 1);
	size_t u, n;
	int any = 0, cycle = 0;

	/* each unit's office: the top of its walk up, -1 on or below a cycle */
	for (u = 0; u < y->nr_units; u++) {
		n = ancestors(y, u);
		root[u] = y->units[y->chain[n - 1]].parent < 0 ? y->chain[n - 1] : -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		long v = unit_index(y, db_column_text(st, 0));

		if (v < 0)
			continue; /* not in the unit list: counted nowhere */
		any = 1;
		if (root[v] < 0)
			cycle = 1;
		else
			dirty[root[v]] = 1;
	}
	if (any) {
		y->selected = xcalloc(y->nr_units + 1, 1);
		for (u = 0; u < y->nr_units; u++)
			y->selected[u] = cycle || (root[u] >= 0 && dirty[root[u]]);
	}
	free(root);
	free(dirty);
	return !any;
}

/* Remove what the selected units had of the year, to be made again. */
static int forget_selected(struct year *y)
{
	static const char *const sql[] = {
		AGGREGATE_FORGET_SQL("result"),
		AGGREGATE_FORGET_SQL("area_result"),
		AGGREGATE_FORGET_SQL("completeness"),
	};
	sqlite3_stmt *st;
	size_t k, u;
	int rc = 0;

	for (k = 0; !rc && k < 3; k++) {
		if ((rc = db_prepare(y->db, &st, sql[k], y->err)))
			break;
		sqlite3_bind_int(st, 1, y->fw->fiscal_year);
		for (u = 0; !rc && u < y->nr_units; u++) {
			if (!y->selected[u])
				continue;
			db_bind_text(st, 2, y->units[u].code);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(y->db, "could not remove old results", y->err);
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/*
 * The results of fiscal year fw: of every unit (pending NULL), or of the
 * office trees that hold a unit pending names (a statement, bound), whose
 * old results are removed first.
 */
static int aggregate_year(sqlite3 *db, const struct framework *fw, sqlite3_stmt *pending,
			  long *results, size_t *on_cycle, struct tt_error *err)
{
	struct year y;
	size_t u, n;
	int rc;

	memset(&y, 0, sizeof(y));
	y.db = db;
	y.fw = fw;
	y.err = err;
	if ((rc = load_units(&y)))
		goto out;
	y.walked = xcalloc(y.nr_units + 1, sizeof(*y.walked));
	y.chain = xcalloc(y.nr_units + 1, sizeof(*y.chain));
	y.on_cycle = count_on_cycle(&y);
	if (pending && select_trees(&y, pending))
		goto out; /* nothing of this year to make again */
	if (y.selected && (rc = forget_selected(&y)))
		goto out;
	n = y.nr_units * fw->nr_indicators * 4;
	y.cells = xcalloc(n + 1, sizeof(*y.cells));
	y.achieved = xmalloc(n + 1);
	memset(y.achieved, -1, n + 1);
	if ((rc = load_values(&y)) ||
	    (rc = db_prepare(db, &y.put_result,
			     "INSERT INTO result(fiscal_year, round, unit_code, indicator, value,"
			     " to_date, numerator, denominator, reporting, expected, achieved,"
			     " percent_of_target) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			     " ?11, ?12)", err)))
		goto out;
	if (!rc)
		rc = aggregate_results(&y);
	if (!rc)
		rc = area_summary(&y);
	if (!rc)
		rc = completeness(&y);
out:
	*results = y.results;
	*on_cycle = y.on_cycle;
	sqlite3_finalize(y.put_result);
	sqlite3_finalize(y.put_area);
	for (u = 0; u < y.nr_units; u++)
		free(y.units[u].code);
	free(y.units);
	free(y.cells);
	free(y.achieved);
	free(y.selected);
	free(y.walked);
	free(y.chain);
	return rc;
}

/* Whether everything is to be made again: a framework or a unit list changed. */
static int all_pending(sqlite3 *db)
{
	sqlite3_stmt *st;
	int yes = 1;

	if (db_prepare(db, &st, "SELECT 1 FROM meta WHERE key = 'aggregate_all'", NULL))
		return 1;
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int aggregate_run(sqlite3 *db, struct aggregate_stats *stats, struct tt_error *err)
{
	sqlite3_stmt *st = NULL, *pending = NULL;
	int years[64];
	size_t nr = 0, k;
	int rc, all;

	memset(stats, 0, sizeof(*stats));
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
		return rc;
	/*
	 * Everything, when a framework or a unit list changed (or the results
	 * were never made); else only the fiscal years and office trees whose
	 * submissions changed since the last run (aggregate_pending, kept by
	 * the database's triggers).
	 */
	all = all_pending(db);
	if ((rc = db_prepare(db, &st, all ? "SELECT DISTINCT fiscal_year FROM framework"
					    " ORDER BY fiscal_year" : AGGREGATE_PENDING_SQL, err)))
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW && nr < 64)
		years[nr++] = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((all && (rc = db_exec(db, "DELETE FROM result; DELETE FROM area_result;"
				  " DELETE FROM completeness;", err))) ||
	    (!all && (rc = db_prepare(db, &pending, AGGREGATE_PENDING_UNITS_SQL, err))))
		goto fail;
	for (k = 0; !rc && k < nr; k++) {
		struct framework *fw = db_load_framework(db, years[k], err);
		long results = 0;
		size_t on_cycle = 0;

		if (!fw) {
			rc = TT_EPARSE;
			break;
		}
		if (pending) {
			sqlite3_reset(pending);
			sqlite3_bind_int(pending, 1, years[k]);
		}
		rc = aggregate_year(db, fw, pending, &results, &on_cycle, err);
		stats->fiscal_years++;
		stats->results += results;
		stats->units_on_cycle = on_cycle;
		framework_free(fw);
	}
	sqlite3_finalize(pending);
	/* the results are now those of every change stamped so far (render) */
	if (rc || (rc = db_exec(db, "DELETE FROM aggregate_pending;"
				" DELETE FROM meta WHERE key = 'aggregate_all';"
				" INSERT OR REPLACE INTO meta(key, value) SELECT"
				" 'aggregated_stamp', COALESCE(MAX(stamp), 0) FROM change_stamp", err)))
		goto fail;
	return db_exec(db, "COMMIT", err);
fail:
	db_exec(db, "ROLLBACK", NULL);
	return rc;
}

/* The statements on the hot path, for the test of their query plans. */
const char *const *aggregate_statements(void)
{
	static const char *const sql[] = {
		AGGREGATE_VALUES_SQL, AGGREGATE_UNIT_VALUES_SQL, AGGREGATE_RECEIVED_SQL,
		AGGREGATE_UNIT_RECEIVED_SQL, AGGREGATE_FORGET_SQL("result"),
		AGGREGATE_FORGET_SQL("area_result"), AGGREGATE_FORGET_SQL("completeness"),
		AGGREGATE_PENDING_SQL, AGGREGATE_PENDING_UNITS_SQL, NULL
	};

	return sql;
}
