/*
 * aggregate.c - rolling accepted values up the unit tree.
 *
 * Workload: per fiscal year, schools x indicators x 4 rounds values, read
 * one unit at a time in the order of the units' codes; the office and each
 * network aggregate over the schools below them, in a tally held only from
 * the first school that adds to it to the last (aggregate_units()), so the
 * memory held does not grow with the number of schools or offices.  The
 * walk up from a unit (ancestors()) meets each unit once, so no value is
 * counted twice even if the unit table held a cycle of parents.
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
 * The statements that read a year's inputs one unit at a time, each
 * through an index; listed by aggregate_statements() for the test that
 * asks SQLite how it runs them.  The newest accepted value of each
 * indicator x round: a unit's accepted submissions oldest first, then
 * each one's values in the order they were stored, so that a newer
 * value comes later (read_unit()); the values of one submission come
 * in its index's order, not sorted again.  A text answer is loaded too,
 * so that completeness counts it as sent.
 */
#define AGGREGATE_UNIT_ACCEPTED_SQL \
	"SELECT id, round FROM submission WHERE unit_code = ?2 AND fiscal_year = ?1" \
	" AND status = 'accepted' ORDER BY submitted_on, id"
#define AGGREGATE_SUBMISSION_VALUES_SQL \
	"SELECT indicator, number, CAST(numerator AS REAL), CAST(denominator AS REAL)" \
	" FROM value WHERE submission_id = ?1" \
	" AND (number IS NOT NULL OR TRIM(COALESCE(value, '')) != '') ORDER BY id"
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
	long last;          /* the last unit read whose walk up meets it, or -1 */
	struct tally *tally; /* what was added to it so far, or NULL */
};

struct cell {
	int has;
	double number, numerator, denominator;
};

/* Submission facts per unit and round: received, on time, accepted. */
struct receipt_info {
	int received, on_time, accepted;
};

/* What completeness counts for one unit and round. */
struct unit_sums {
	long expected, received, on_time, accepted, values_expected, values_present;
};

/*
 * What the units read so far added to one unit that is not yet made: per
 * indicator and round ([indicator * 4 + round]) the values and how many
 * were expected, per round what completeness counts.  Taken when the
 * first addition comes (tally_of()), given back when the unit is made.
 */
struct tally {
	struct aggregate_acc *acc;
	long *expected;
	struct unit_sums sums[4];
	struct tally *next;      /* every tally made (year.tallies) */
	struct tally *next_free; /* those not in use (year.free_tallies) */
};

/* One unit's result of one indicator in the round being made. */
struct made {
	long expected;      /* 0: no result */
	long count;         /* values that went in */
	int has;            /* value and to_date hold one */
	double value, to_date;
	double numerator_sum, denominator_sum;
};

struct year {
	sqlite3 *db;
	const struct framework *fw;
	struct unit *units;
	size_t nr_units;
	unsigned char *selected; /* per unit: made again (NULL: every unit) */
	unsigned *walked;    /* per unit: the walk that last met it (ancestors()) */
	unsigned walk;
	long *chain;         /* a unit and its ancestors, for ancestors() */
	size_t *to;          /* the units a unit adds to (add_unit()) */
	size_t nr_to;
	size_t on_cycle;     /* units on a cycle of parents */
	/* the unit read last (read_unit()) */
	struct cell *cells;  /* [indicator * 4 + round 0..3] */
	struct receipt_info info[4];
	/* the unit being made (make_unit()) */
	struct made *made;       /* [indicator]: one round's results */
	double *running;         /* [indicator]: the sum of its rounds so far */
	signed char *achieved;   /* [indicator * 4 + round]: 1/0, -1 no result */
	size_t *area_order;      /* policy areas by code, as area_result's key */
	struct tally *tallies, *free_tallies;
	size_t open_tallies, most_tallies;
	struct tt_error *err;
	sqlite3_stmt *get_accepted, *get_values, *get_received;
	sqlite3_stmt **put_rows; /* [n]: n results at once (rows_statement()) */
	sqlite3_stmt *put_area, *put_completeness;
	long results;
};

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
		y->units[y->nr_units].last = -1;
		y->units[y->nr_units].tally = NULL;
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
 * Unit a's tally, taken (every sum empty) if it has none: a free one, or
 * a new one when every tally is in use.
 */
static struct tally *tally_of(struct year *y, size_t a)
{
	size_t n = y->fw->nr_indicators * 4, k;
	struct tally *t = y->units[a].tally;

	if (t)
		return t;
	if (y->free_tallies) {
		t = y->free_tallies;
		y->free_tallies = t->next_free;
	} else {
		t = xcalloc(1, sizeof(*t));
		t->acc = xmalloc((n + 1) * sizeof(*t->acc));
		t->expected = xmalloc((n + 1) * sizeof(*t->expected));
		t->next = y->tallies;
		y->tallies = t;
	}
	for (k = 0; k < n; k++) {
		aggregate_init(&t->acc[k]);
		t->expected[k] = 0;
	}
	memset(t->sums, 0, sizeof(t->sums));
	y->units[a].tally = t;
	if (++y->open_tallies > y->most_tallies)
		y->most_tallies = y->open_tallies;
	return t;
}

/* Give unit a's tally back, once a is made. */
static void tally_release(struct year *y, size_t a)
{
	struct tally *t = y->units[a].tally;

	if (!t)
		return;
	t->next_free = y->free_tallies;
	y->free_tallies = t;
	y->units[a].tally = NULL;
	y->open_tallies--;
}

/* The values of the accepted submission sub stands on into y->cells, at its round. */
static void read_submission(struct year *y, sqlite3_stmt *sub)
{
	sqlite3_stmt *st = y->get_values;
	int months = sqlite3_column_int(sub, 1);

	if (months % 3 || months < 3 || months > 12)
		return; /* no round (NULL reads 0), or not one of the four */
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(sub, 0));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct indicator *ind = framework_indicator(y->fw, db_column_text(st, 0));
		struct cell *c;

		if (!ind)
			continue;
		/* a text answer counts as sent; it has no number to add up */
		if (sqlite3_column_type(st, 1) == SQLITE_NULL && ind->type != VALUE_TEXT)
			continue;
		c = &y->cells[(size_t)(ind - y->fw->indicators) * 4 + (size_t)(months / 3 - 1)];
		c->has = 1;  /* later rows are newer: they overwrite */
		c->number = sqlite3_column_double(st, 1);
		c->numerator = sqlite3_column_double(st, 2);
		c->denominator = sqlite3_column_double(st, 3);
	}
	sqlite3_reset(st);
}

/*
 * Unit u's newest accepted value of each indicator x round into y->cells
 * (a text answer too, so that completeness counts it as sent), and its
 * submission facts per round into y->info.
 */
static void read_unit(struct year *y, size_t u)
{
	sqlite3_stmt *st = y->get_accepted;

	memset(y->cells, 0, y->fw->nr_indicators * 4 * sizeof(*y->cells));
	sqlite3_reset(st);
	db_bind_text_static(st, 2, y->units[u].code);
	while (sqlite3_step(st) == SQLITE_ROW)
		read_submission(y, st);
	sqlite3_reset(st);

	/* on time or late: of the data used (AGGREGATE_UNIT_RECEIVED_SQL) */
	st = y->get_received;
	memset(y->info, 0, sizeof(y->info));
	sqlite3_reset(st);
	db_bind_text_static(st, 2, y->units[u].code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int months = sqlite3_column_int(st, 1);
		const struct round *round = framework_round(y->fw, months);
		struct tt_date counted;
		struct receipt_info *ri;

		if (!round)
			continue;
		ri = &y->info[months / 3 - 1];
		ri->received = 1;
		ri->on_time = !period_parse_date(db_column_text(st, 2), &counted) &&
			      period_date_cmp(&counted, &round->deadline) <= 0;
		ri->accepted = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
}

/*
 * An office's own indicator at the national level: the nation owes none
 * itself (1: nothing more to do for unit u); an office under it adds its
 * value (c, at [indicator * 4 + round] k) to the nation's as a result, as
 * the nation adds its offices' school indicators through ancestors(), and
 * goes on to its own (0).  above: whether to add to the nation.
 */
static int national_office_value(struct year *y, size_t u, const struct cell *c, size_t k,
				 int above)
{
	long p = y->units[u].parent;

	if (y->units[u].national)
		return 1;
	if (above && p >= 0 && y->units[p].national && y->units[u].kind == 'o' &&
	    selected(y, (size_t)p)) {
		struct tally *t = tally_of(y, (size_t)p);

		t->expected[k]++;
		if (c->has)
			aggregate_add_result(&t->acc[k], c->number, c->numerator, c->denominator);
	}
	return 0;
}

/*
 * What unit u (read into y->cells) adds of indicator i in round r to the
 * units y->to (itself, those above it, or both: self, above).  Each school's value is
 * added once to itself and to each unit above it, so the work grows with
 * schools × depth, not with units².  An office indicator is its own unit's
 * value alone.  A unit adds to another in the order of their codes, as
 * the units are read, so every sum is added up in the same order whatever
 * else is held.
 */
static void add_value(struct year *y, size_t u, size_t i, int r, int self, int above)
{
	const struct indicator *ind = &y->fw->indicators[i];
	size_t at = i * 4 + (size_t)r, k;
	const struct cell *c = &y->cells[at];

	if (ind->submitter != SUBMITTER_SCHOOL) {
		struct tally *t;

		if (national_office_value(y, u, c, at, above) || !self)
			return;
		t = tally_of(y, u);
		t->expected[at]++;
		if (c->has)
			aggregate_add(&t->acc[at], c->number, c->numerator, c->denominator);
		return;
	}
	/* a school, or an office standing for its area (its result) */
	if (y->units[u].kind != 's' && (y->units[u].kind != 'o' || y->units[u].has_children))
		return;
	for (k = 0; k < y->nr_to; k++) {
		struct tally *t = tally_of(y, y->to[k]);

		t->expected[at]++;
		if (c->has && y->units[u].kind == 's')
			aggregate_add(&t->acc[at], c->number, c->numerator, c->denominator);
		else if (c->has)
			aggregate_add_result(&t->acc[at], c->number, c->numerator, c->denominator);
	}
}

/*
 * What submitter u owes in round r and sent (y->cells), and its submission
 * facts (y->info), added to the units y->to.
 */
static void add_completeness(struct year *y, size_t u, int r)
{
	const struct receipt_info *ri = &y->info[r];
	long due = 0, present = 0;
	size_t i, k;

	if (y->units[u].kind == 'n' || y->units[u].national)
		return;
	for (i = 0; i < y->fw->nr_indicators; i++) {
		const struct indicator *ind = &y->fw->indicators[i];
		char want = ind->submitter == SUBMITTER_SCHOOL ? 's' : 'o';

		/* an optional indicator is never owed, so never counted */
		if ((y->units[u].kind != want && !national_area(y, u)) || !ind->required ||
		    !indicator_due(ind, (r + 1) * 3))
			continue;
		due++;
		present += y->cells[i * 4 + (size_t)r].has;
	}
	if (!due)
		return;
	for (k = 0; k < y->nr_to; k++) {
		struct unit_sums *t = &tally_of(y, y->to[k])->sums[r];

		t->expected++;
		t->received += ri->received;
		t->on_time += ri->received && ri->on_time;
		t->accepted += ri->accepted;
		t->values_expected += due;
		t->values_present += present;
	}
}

/*
 * Everything unit u (read; y->chain[0..n) the walk up from it) adds to
 * itself (self) and to the units above it (above).
 */
static void add_unit(struct year *y, size_t u, size_t n, int self, int above)
{
	const struct framework *fw = y->fw;
	size_t i, k;
	int r;

	y->nr_to = 0;
	for (k = self ? 0 : 1; k < (above ? n : 1); k++) {
		size_t a = k ? (size_t)y->chain[k] : u;

		if (selected(y, a))
			y->to[y->nr_to++] = a;
	}
	for (r = 0; r < 4; r++) {
		if (!framework_round(fw, (r + 1) * 3))
			continue;
		for (i = 0; i < fw->nr_indicators; i++)
			if (fw->indicators[i].aggregation != AGG_NONE &&
			    indicator_due(&fw->indicators[i], (r + 1) * 3))
				add_value(y, u, i, r, self, above);
		add_completeness(y, u, r);
	}
}

/*
 * The statement that stores n results of one unit and round (1 <= n <=
 * the framework's indicators), prepared the first time n is asked for
 * and kept for the year: ?1 the fiscal year, ?2 the round, ?3 the unit,
 * then RESULT_PARAMS parameters a row from ?4 (put_result()).  One
 * statement a unit and round, not one a result: most of an insert's cost
 * was the statement's own (begun and ended, its cursor opened and
 * closed), not the row's.
 */
#define RESULT_PARAMS 9
static sqlite3_stmt *rows_statement(struct year *y, size_t n)
{
	struct strbuf sql;
	size_t j;

	if (y->put_rows[n])
		return y->put_rows[n];
	strbuf_init(&sql);
	strbuf_addstr(&sql, "INSERT INTO result(fiscal_year, round, unit_code, indicator, value,"
		      " to_date, numerator, denominator, reporting, expected, achieved,"
		      " percent_of_target) VALUES");
	for (j = 0; j < n; j++) {
		size_t b = 4 + j * RESULT_PARAMS;

		strbuf_addf(&sql, "%s(?1, ?2, ?3, ?%zu, ?%zu, ?%zu, ?%zu, ?%zu, ?%zu, ?%zu, ?%zu,"
			    " ?%zu)", j ? ", " : "", b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6,
			    b + 7, b + 8);
	}
	if (db_prepare(y->db, &y->put_rows[n], sql.buf, y->err))
		y->put_rows[n] = NULL;
	strbuf_release(&sql);
	return y->put_rows[n];
}

/* Result m of indicator ind in round months, row j of statement st. */
static void put_result(struct year *y, sqlite3_stmt *st, size_t j, int months,
		       const struct indicator *ind, const struct made *m)
{
	int b = 4 + (int)j * RESULT_PARAMS;
	double percent;
	int achieved;

	db_bind_text_static(st, b, ind->code);
	if (m->has) {
		sqlite3_bind_double(st, b + 1, m->value);
		sqlite3_bind_double(st, b + 2, m->to_date);
	} else {
		sqlite3_bind_null(st, b + 1);
		sqlite3_bind_null(st, b + 2);
	}
	if (ind->type == VALUE_PERCENT && m->count) {
		sqlite3_bind_double(st, b + 3, m->numerator_sum);
		sqlite3_bind_double(st, b + 4, m->denominator_sum);
	} else {
		sqlite3_bind_null(st, b + 3);
		sqlite3_bind_null(st, b + 4);
	}
	sqlite3_bind_int64(st, b + 5, m->count);
	sqlite3_bind_int64(st, b + 6, m->expected);
	achieved = m->has ? aggregate_achieved(ind, m->to_date, &percent) : -1;
	y->achieved[(size_t)(ind - y->fw->indicators) * 4 + (size_t)(months / 3 - 1)] =
		(signed char)achieved;
	if (achieved >= 0) {
		sqlite3_bind_int(st, b + 7, achieved);
		sqlite3_bind_double(st, b + 8, percent);
	} else {
		sqlite3_bind_null(st, b + 7);
		sqlite3_bind_null(st, b + 8);
	}
}

/*
 * The results of unit a in round r from its tally t into y->made[indicator],
 * each round's value added to y->running (the sum of its rounds so far),
 * then stored in the order of result's key (indicator codes), by one
 * statement.
 */
static int put_results(struct year *y, size_t a, const struct tally *t, int r)
{
	const struct framework *fw = y->fw;
	size_t nind = fw->nr_indicators, i, k, n = 0;
	sqlite3_stmt *st;

	for (i = 0; i < nind; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const struct aggregate_acc *acc = &t->acc[i * 4 + (size_t)r];
		struct made *m = &y->made[i];
		double value = 0;

		m->expected = 0;
		if (ind->aggregation == AGG_NONE || !indicator_due(ind, (r + 1) * 3) ||
		    !t->expected[i * 4 + (size_t)r])
			continue;
		m->expected = t->expected[i * 4 + (size_t)r];
		m->count = acc->count;
		m->numerator_sum = acc->numerator_sum;
		m->denominator_sum = acc->denominator_sum;
		m->has = !aggregate_result(acc, ind->aggregation, &value);
		if (m->has)
			y->running[i] += value;
		m->value = value;
		m->to_date = !ind->cumulative && ind->aggregation == AGG_SUM ? y->running[i] : value;
	}
	for (i = 0; i < nind; i++)
		n += y->made[i].expected != 0;
	if (!n)
		return 0;
	if (!(st = rows_statement(y, n)))
		return TT_EDB;
	sqlite3_reset(st);
	sqlite3_bind_int(st, 1, fw->fiscal_year);
	sqlite3_bind_int(st, 2, (r + 1) * 3);
	db_bind_text_static(st, 3, y->units[a].code);
	for (k = 0, n = 0; k < nind; k++) {
		const struct made *m = &y->made[fw->by_code[k] - fw->indicators];

		if (m->expected)
			put_result(y, st, n++, (r + 1) * 3, fw->by_code[k], m);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(y->db, "could not store a result", y->err);
	y->results += (long)n;
	return 0;
}

/*
 * Per round and policy area of unit a (not a school): its indicators with
 * a target, how many have a result, how many reached it (from the results
 * just made, y->achieved).
 */
static int put_areas(struct year *y)
{
	size_t k;
	int r, rc = 0;

	for (r = 0; !rc && r < 4; r++)
		for (k = 0; !rc && k < y->fw->nr_areas; k++) {
			size_t area = y->area_order[k], i;
			long n = 0, with = 0, achieved = 0;

			for (i = 0; i < y->fw->nr_indicators; i++) {
				const struct indicator *ind = &y->fw->indicators[i];
				int got = y->achieved[i * 4 + (size_t)r];

				if (ind->policy_area != area || !ind->has_target ||
				    !indicator_due(ind, (r + 1) * 3))
					continue;
				n++;
				if (got >= 0) {
					with++;
					achieved += got;
				}
			}
			sqlite3_reset(y->put_area);
			sqlite3_bind_int(y->put_area, 2, (r + 1) * 3);
			db_bind_text_static(y->put_area, 4, y->fw->areas[area].code);
			sqlite3_bind_int64(y->put_area, 5, n);
			sqlite3_bind_int64(y->put_area, 6, with);
			sqlite3_bind_int64(y->put_area, 7, achieved);
			if (sqlite3_step(y->put_area) != SQLITE_DONE)
				rc = db_fail(y->db, "could not store an area result", y->err);
		}
	return rc;
}

/* Unit a's completeness per round of the framework, from its tally t. */
static int put_completeness(struct year *y, const struct tally *t)
{
	sqlite3_stmt *st = y->put_completeness;
	int r, rc = 0;

	for (r = 0; !rc && r < 4; r++) {
		const struct unit_sums *s = &t->sums[r];

		if (!framework_round(y->fw, (r + 1) * 3))
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int(st, 2, (r + 1) * 3);
		sqlite3_bind_int64(st, 4, s->expected);
		sqlite3_bind_int64(st, 5, s->received);
		sqlite3_bind_int64(st, 6, s->on_time);
		sqlite3_bind_int64(st, 7, s->received - s->on_time);
		sqlite3_bind_int64(st, 8, s->expected - s->received);
		sqlite3_bind_int64(st, 9, s->accepted);
		sqlite3_bind_int64(st, 10, s->values_expected);
		sqlite3_bind_int64(st, 11, s->values_present);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(y->db, "could not store completeness", y->err);
	}
	return rc;
}

/*
 * 1 if unit u adds to itself only when it is made, not when it is read: a
 * unit other than a school read before some unit under it.  What it adds
 * to itself (its own indicators' values, one each, and completeness's
 * counts) does not depend on the order of additions, so its tally need
 * not be held from its own code to its last unit's.
 */
static int adds_when_made(const struct year *y, size_t u)
{
	return y->units[u].kind != 's' && y->units[u].last != (long)u;
}

/* Unit a into the statements that store its rows, reset. */
static void bind_unit(struct year *y, size_t a)
{
	sqlite3_stmt *st[2];
	size_t k;

	st[0] = y->put_area;
	st[1] = y->put_completeness;
	for (k = 0; k < 2; k++) {
		sqlite3_reset(st[k]);
		db_bind_text_static(st[k], 3, y->units[a].code);
	}
}

/*
 * Make unit a, every unit under it read: its results of every round (the
 * rounds in order, each in result's key order), then, but for a school,
 * its area results and completeness; its tally given back.
 */
static int make_unit(struct year *y, size_t a)
{
	const struct framework *fw = y->fw;
	struct tally *t;
	size_t i;
	int r, rc = 0;

	if (adds_when_made(y, a)) {
		read_unit(y, a);
		add_unit(y, a, 1, 1, 0);
	}
	t = tally_of(y, a);
	bind_unit(y, a);
	memset(y->achieved, -1, fw->nr_indicators * 4);
	for (i = 0; i < fw->nr_indicators; i++)
		y->running[i] = 0;
	for (r = 0; !rc && r < 4; r++)
		if (framework_round(fw, (r + 1) * 3))
			rc = put_results(y, a, t, r);
	if (!rc && y->units[a].kind != 's')
		rc = put_areas(y);
	if (!rc && y->units[a].kind != 's')
		rc = put_completeness(y, t);
	tally_release(y, a);
	return rc;
}

/*
 * The order of area_result's key: the policy areas by their codes (that
 * of result's, the indicators by code, is the framework's by_code).
 */
static void key_orders(struct year *y)
{
	const struct framework *fw = y->fw;
	size_t a, k;

	y->area_order = xmalloc((fw->nr_areas + 1) * sizeof(*y->area_order));
	for (a = 0; a < fw->nr_areas; a++)
		y->area_order[a] = a;
	for (a = 1; a < fw->nr_areas; a++)
		for (k = a; k > 0 && strcmp(fw->areas[y->area_order[k - 1]].code,
					    fw->areas[y->area_order[k]].code) > 0; k--) {
			size_t t = y->area_order[k];

			y->area_order[k] = y->area_order[k - 1];
			y->area_order[k - 1] = t;
		}
}

static int prepare_statements(struct year *y)
{
	int rc;

	if ((rc = db_prepare(y->db, &y->get_accepted, AGGREGATE_UNIT_ACCEPTED_SQL, y->err)) ||
	    (rc = db_prepare(y->db, &y->get_values, AGGREGATE_SUBMISSION_VALUES_SQL, y->err)) ||
	    (rc = db_prepare(y->db, &y->get_received, AGGREGATE_UNIT_RECEIVED_SQL, y->err)) ||
	    (rc = db_prepare(y->db, &y->put_area,
			     "INSERT INTO area_result(fiscal_year, round, unit_code, policy_area,"
			     " indicators, with_result, achieved)"
			     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", y->err)) ||
	    (rc = db_prepare(y->db, &y->put_completeness,
			     "INSERT INTO completeness(fiscal_year, round, unit_code, expected,"
			     " received, on_time, late, missing, accepted, values_expected,"
			     " values_present) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			     y->err)))
		return rc;
	sqlite3_bind_int(y->get_accepted, 1, y->fw->fiscal_year);
	sqlite3_bind_int(y->get_received, 1, y->fw->fiscal_year);
	sqlite3_bind_int(y->put_area, 1, y->fw->fiscal_year);
	sqlite3_bind_int(y->put_completeness, 1, y->fw->fiscal_year);
	return 0;
}

/*
 * The units (those made again) read one at a time in the order of their
 * codes, each adding to itself and the units above it; a unit is made as
 * soon as the last unit whose walk up meets it is read.  Only the tallies
 * of units begun and not yet made are held: a school's for itself alone,
 * a network's or office's from its first school to its last, the nation's
 * throughout.
 */
static int aggregate_units(struct year *y)
{
	size_t u, k, n;
	int rc = 0;

	for (u = 0; u < y->nr_units; u++)
		y->units[u].last = -1;
	for (u = 0; u < y->nr_units; u++)
		if (selected(y, u))
			for (k = 0, n = ancestors(y, u); k < n; k++)
				y->units[y->chain[k]].last = (long)u;
	for (u = 0; !rc && u < y->nr_units; u++) {
		if (!selected(y, u))
			continue;
		read_unit(y, u);
		n = ancestors(y, u);
		add_unit(y, u, n, !adds_when_made(y, u), 1);
		for (k = 0; !rc && k < n; k++) {
			long a = y->chain[k];

			if (y->units[a].last == (long)u && selected(y, (size_t)a))
				rc = make_unit(y, (size_t)a);
		}
	}
	return rc;
}

/*
 * The results of fiscal year fw: of every unit (pending NULL), or of the
 * office trees that hold a unit pending names (a statement, bound), whose
 * old results are removed first.
 */
static int aggregate_year(sqlite3 *db, const struct framework *fw, sqlite3_stmt *pending,
			  long *results, size_t *on_cycle, size_t *held, struct tt_error *err)
{
	struct year y;
	size_t u;
	int rc;

	memset(&y, 0, sizeof(y));
	y.db = db;
	y.fw = fw;
	y.err = err;
	if ((rc = load_units(&y)))
		goto out;
	y.walked = xcalloc(y.nr_units + 1, sizeof(*y.walked));
	y.chain = xcalloc(y.nr_units + 1, sizeof(*y.chain));
	y.to = xcalloc(y.nr_units + 1, sizeof(*y.to));
	y.on_cycle = count_on_cycle(&y);
	if (pending && select_trees(&y, pending))
		goto out; /* nothing of this year to make again */
	if (y.selected && (rc = forget_selected(&y)))
		goto out;
	y.cells = xmalloc((fw->nr_indicators * 4 + 1) * sizeof(*y.cells));
	y.made = xmalloc((fw->nr_indicators + 1) * sizeof(*y.made));
	y.running = xmalloc((fw->nr_indicators + 1) * sizeof(*y.running));
	y.achieved = xmalloc(fw->nr_indicators * 4 + 1);
	y.put_rows = xcalloc(fw->nr_indicators + 1, sizeof(*y.put_rows));
	key_orders(&y);
	if (!(rc = prepare_statements(&y)))
		rc = aggregate_units(&y);
out:
	*results = y.results;
	*on_cycle = y.on_cycle;
	*held = y.most_tallies;
	sqlite3_finalize(y.get_accepted);
	sqlite3_finalize(y.get_values);
	sqlite3_finalize(y.get_received);
	for (u = 0; y.put_rows && u <= fw->nr_indicators; u++)
		sqlite3_finalize(y.put_rows[u]);
	free(y.put_rows);
	sqlite3_finalize(y.put_area);
	sqlite3_finalize(y.put_completeness);
	for (u = 0; u < y.nr_units; u++)
		free(y.units[u].code);
	while (y.tallies) {
		struct tally *t = y.tallies;

		y.tallies = t->next;
		free(t->acc);
		free(t->expected);
		free(t);
	}
	free(y.units);
	free(y.cells);
	free(y.made);
	free(y.running);
	free(y.achieved);
	free(y.area_order);
	free(y.selected);
	free(y.walked);
	free(y.chain);
	free(y.to);
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
		size_t on_cycle = 0, held = 0;

		if (!fw) {
			rc = TT_EPARSE;
			break;
		}
		if (pending) {
			sqlite3_reset(pending);
			sqlite3_bind_int(pending, 1, years[k]);
		}
		rc = aggregate_year(db, fw, pending, &results, &on_cycle, &held, err);
		stats->fiscal_years++;
		stats->results += results;
		stats->units_on_cycle = on_cycle;
		if (held > stats->units_held)
			stats->units_held = held;
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
		AGGREGATE_UNIT_ACCEPTED_SQL, AGGREGATE_SUBMISSION_VALUES_SQL,
		AGGREGATE_UNIT_RECEIVED_SQL, AGGREGATE_FORGET_SQL("result"),
		AGGREGATE_FORGET_SQL("area_result"), AGGREGATE_FORGET_SQL("completeness"),
		AGGREGATE_PENDING_SQL, AGGREGATE_PENDING_UNITS_SQL, NULL
	};

	return sql;
}
