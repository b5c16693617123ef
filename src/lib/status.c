/*
 * status.c - where each office's rounds stand, for `tidtam status`, the
 * checks before an approval and the validation report's table of units.
 *
 * Five set-based reads, whatever the size of the database: the fiscal
 * years with a framework (each framework parsed once, for its rounds,
 * deadlines and which kinds of unit owe at each round), the unit tree
 * under the offices asked for (down through the unit_parent index, so that
 * one office of a national database is read alone), the facts of every
 * unit's round in one grouped query over those units' submissions (the
 * counted submission's date and
 * status, and whether any is held), aggregate's completeness rows of the
 * offices, and the approvals.  Then, for each year x round x office, the
 * units that owe are walked once with a binary search into the facts.
 * Expected work: a national database (245 offices, 29,400 schools, four
 * rounds) is a few hundred thousand rows read once.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/json.h"
#include "tidtam/period.h"
#include "tidtam/status.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

const char *status_state_name(enum status_state state)
{
	switch (state) {
	case STATUS_MISSING: return "missing";
	case STATUS_ACCEPTED: return "accepted";
	case STATUS_REJECTED: return "rejected";
	case STATUS_HELD: return "held";
	case STATUS_PENDING: return "pending";
	}
	return "missing";
}

/* A string kept for the list's life. */
static const char *keep(struct status_list *list, const char *s)
{
	xgrow(&list->strings, &list->alloc_strings, list->nr_strings + 1,
	      sizeof(*list->strings));
	return list->strings[list->nr_strings++] = xstrdup(s);
}

void status_list_release(struct status_list *list)
{
	size_t i;

	if (!list)
		return;
	for (i = 0; i < list->nr_rounds; i++)
		free(list->rounds[i].units);
	free(list->rounds);
	for (i = 0; i < list->nr_strings; i++)
		free(list->strings[i]);
	free(list->strings);
	memset(list, 0, sizeof(*list));
}

/* ---- what is read ------------------------------------------------------ */

struct unit_row {
	const char *code, *name;            /* kept in the list */
	const char *office_code;            /* kept in the list */
	char kind;                          /* 'o', 'n', 's' */
	long office;                        /* index of its office, -1 if none */
};

/* The facts of one unit's round, from the submissions. */
struct fact {
	int fiscal_year, round;
	const char *code;
	enum status_state state;
	char date[11];
	int held;
};

struct counts {
	int fiscal_year, round;
	const char *office;
	long n[6];   /* expected, received, on_time, late, missing, accepted */
};

struct approval_row {
	int fiscal_year, round;
	struct approval approval;
};

struct reading {
	sqlite3 *db;
	struct status_list *list;
	struct tt_error *err;
	struct framework **frameworks;
	size_t nr_frameworks, alloc_frameworks;
	struct unit_row *units;
	size_t nr_units, alloc_units;
	size_t *owing;              /* offices and schools, by office, kind, code */
	size_t nr_owing;
	struct fact *facts;
	size_t nr_facts, alloc_facts;
	struct counts *counts;
	size_t nr_counts, alloc_counts;
	struct approval_row *approvals;
	size_t nr_approvals, alloc_approvals;
};

static int read_frameworks(struct reading *rd, int fiscal_year)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = db_prepare(rd->db, &st, "SELECT DISTINCT fiscal_year FROM framework"
				" WHERE ?1 = 0 OR fiscal_year = ?1 ORDER BY fiscal_year", rd->err)))
		return rc;
	sqlite3_bind_int(st, 1, fiscal_year);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct framework *fw = db_load_framework(rd->db, sqlite3_column_int(st, 0), rd->err);

		if (!fw) {
			sqlite3_finalize(st);
			return rd->err ? rd->err->code : TT_EDB;
		}
		xgrow(&rd->frameworks, &rd->alloc_frameworks, rd->nr_frameworks + 1,
		      sizeof(*rd->frameworks));
		rd->frameworks[rd->nr_frameworks++] = fw;
	}
	rc = step == SQLITE_DONE ? 0 : db_fail(rd->db, "could not list the frameworks", rd->err);
	sqlite3_finalize(st);
	return rc;
}

static int unit_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct unit_row *)elem)->code);
}

static long unit_find(const struct reading *rd, const char *code)
{
	const struct unit_row *u;

	if (!code || !*code)
		return -1;
	u = bsearch(code, rd->units, rd->nr_units, sizeof(*rd->units), unit_cmp);
	return u ? u - rd->units : -1;
}

/* The units that owe, in the order a round lists them. */
static const struct reading *sort_rd;

static int owing_cmp(const void *a, const void *b)
{
	const struct unit_row *x = &sort_rd->units[*(const size_t *)a];
	const struct unit_row *y = &sort_rd->units[*(const size_t *)b];
	int c = strcmp(sort_rd->units[x->office].code, sort_rd->units[y->office].code);

	if (c)
		return c;
	if ((x->kind == 's') != (y->kind == 's'))
		return x->kind == 's' ? 1 : -1;
	return strcmp(x->code, y->code);
}

/*
 * The units under the offices asked for, each with its office: down the
 * tree from each office through unit_parent (schema 7), so that one
 * office's part of a national database is read alone.  TREE_ONE starts
 * from the office ?1 (by its key), TREE_ALL from every office.  8 levels:
 * deeper than any tree, and the end of a cycle.
 */
#define TREE(offices) \
	"WITH RECURSIVE tree(code, office, depth) AS (SELECT code, code, 0 FROM unit" \
	" WHERE " offices " AND kind = 'office' UNION ALL" \
	" SELECT u.code, t.office, t.depth + 1 FROM unit u JOIN tree t ON u.parent = t.code" \
	" WHERE u.kind <> 'office' AND t.depth < 8) "
#define TREE_ONE TREE("code = ?1")
#define TREE_ALL TREE("?1 IS NULL")

#define UNITS_SQL \
	"SELECT u.code, u.name, u.kind, t.office FROM tree t JOIN unit u ON u.code = t.code" \
	" ORDER BY u.code"

static int read_units(struct reading *rd, const char *office)
{
	sqlite3_stmt *st;
	size_t i;
	int rc, step;

	if ((rc = db_prepare(rd->db, &st, office ? TREE_ONE UNITS_SQL : TREE_ALL UNITS_SQL,
			     rd->err)))
		return rc;
	db_bind_text(st, 1, office);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_row *u;

		xgrow(&rd->units, &rd->alloc_units, rd->nr_units + 1, sizeof(*rd->units));
		u = &rd->units[rd->nr_units++];
		u->code = keep(rd->list, db_column_text(st, 0));
		u->name = keep(rd->list, db_column_text(st, 1));
		u->kind = db_column_text(st, 2)[0];
		u->office_code = keep(rd->list, db_column_text(st, 3));
	}
	rc = step == SQLITE_DONE ? 0 : db_fail(rd->db, "could not read the units", rd->err);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	rd->owing = xcalloc(rd->nr_units + 1, sizeof(*rd->owing));
	for (i = 0; i < rd->nr_units; i++) {
		struct unit_row *u = &rd->units[i];

		u->office = unit_find(rd, u->office_code);
		if (u->office >= 0 && u->kind != 'n')
			rd->owing[rd->nr_owing++] = i;
	}
	sort_rd = rd;
	qsort(rd->owing, rd->nr_owing, sizeof(*rd->owing), owing_cmp);
	sort_rd = NULL;
	return 0;
}

/*
 * The submissions of the units under the offices asked for, a unit's one
 * after another (CROSS JOIN: the tree first, each unit's submissions by
 * key), for read_facts() to make of each unit's round one fact.  One pass,
 * grouped in memory: the window and the grouping SQL would sort every
 * submission of the country twice (1.2 s at 245 offices).
 */
#define FACTS_SQL \
	"SELECT s.fiscal_year, s.round, s.status, s.submitted_on, s.id, s.unit_code" \
	" FROM tree t CROSS JOIN submission s ON s.unit_code = t.code" \
	" WHERE s.fiscal_year IS NOT NULL AND s.round IS NOT NULL" \
	" AND (?2 = 0 OR s.fiscal_year = ?2) AND (?3 = 0 OR s.round = ?3)"

static enum status_state state_of(const char *status)
{
	if (!strcmp(status, "accepted"))
		return STATUS_ACCEPTED;
	if (!strcmp(status, "rejected"))
		return STATUS_REJECTED;
	if (!strcmp(status, "held"))
		return STATUS_HELD;
	return STATUS_PENDING;
}

/* A submission of the unit being read (read_facts()). */
struct fact_row {
	int fiscal_year, round;
	enum status_state state;
	char on[32];               /* submitted_on (never NULL) */
	long long id;
};

/* By fiscal year and round; then the one that counts first (fact_of()). */
static int fact_row_cmp(const void *a, const void *b)
{
	const struct fact_row *x = a, *y = b;
	int c;

	if (x->fiscal_year != y->fiscal_year)
		return x->fiscal_year < y->fiscal_year ? -1 : 1;
	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	/* accepted first, then the newest, then the later row */
	if ((x->state == STATUS_ACCEPTED) != (y->state == STATUS_ACCEPTED))
		return x->state == STATUS_ACCEPTED ? -1 : 1;
	if ((c = strcmp(x->on, y->on)))
		return -c;
	return x->id > y->id ? -1 : x->id < y->id;
}

/*
 * The fact of one unit's round from its submissions r[0..n), sorted by
 * fact_row_cmp(): the state of the first, the one that counts (the newest
 * accepted, else the newest, ties by the later row), and its date, the one
 * AGGREGATE_COUNTED_DATE_SQL gives; held if any is.
 */
static void fact_of(const struct fact_row *r, size_t n, const char *code, struct fact *f)
{
	size_t i;

	f->fiscal_year = r[0].fiscal_year;
	f->round = r[0].round;
	f->code = code;
	f->state = r[0].state;
	tt_strlcpy(f->date, r[0].on, sizeof(f->date));
	for (i = 0, f->held = 0; i < n; i++)
		f->held |= r[i].state == STATUS_HELD;
}

/* The facts of the unit u from its submissions rows[0..n), into rd. */
static void unit_facts(struct reading *rd, long u, struct fact_row *rows, size_t n)
{
	size_t i, j;

	if (u < 0 || rd->units[u].office < 0 || !n)
		return; /* codes no unit list knows owe nothing and are counted nowhere */
	qsort(rows, n, sizeof(*rows), fact_row_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && rows[j].fiscal_year == rows[i].fiscal_year &&
				rows[j].round == rows[i].round; j++)
			;
		xgrow(&rd->facts, &rd->alloc_facts, rd->nr_facts + 1, sizeof(*rd->facts));
		fact_of(rows + i, j - i, rd->units[u].code, &rd->facts[rd->nr_facts++]);
	}
}

static int fact_sort_cmp(const void *a, const void *b);

static int read_facts(struct reading *rd, int fiscal_year, int round, const char *office)
{
	struct fact_row *rows = NULL;
	size_t nr = 0, alloc = 0, i, j;
	struct strbuf unit;
	sqlite3_stmt *st;
	long u = -1;
	int rc, step;

	if ((rc = db_prepare(rd->db, &st, office ? TREE_ONE FACTS_SQL : TREE_ALL FACTS_SQL,
			     rd->err)))
		return rc;
	db_bind_text(st, 1, office);
	sqlite3_bind_int(st, 2, fiscal_year);
	sqlite3_bind_int(st, 3, round);
	strbuf_init(&unit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_column_text(st, 5);
		struct fact_row *r;

		if (!nr || strcmp(code, unit.buf)) {
			unit_facts(rd, u, rows, nr);
			nr = 0;
			strbuf_reset(&unit);
			strbuf_addstr(&unit, code);
			u = unit_find(rd, code);
		}
		xgrow(&rows, &alloc, nr + 1, sizeof(*rows));
		r = &rows[nr++];
		r->fiscal_year = sqlite3_column_int(st, 0);
		r->round = sqlite3_column_int(st, 1);
		r->state = state_of(db_column_text(st, 2));
		tt_strlcpy(r->on, db_column_text(st, 3), sizeof(r->on));
		r->id = sqlite3_column_int64(st, 4);
	}
	unit_facts(rd, u, rows, nr);
	free(rows);
	strbuf_release(&unit);
	rc = step == SQLITE_DONE ? 0 : db_fail(rd->db, "could not read the submissions", rd->err);
	sqlite3_finalize(st);
	if (rc || !rd->nr_facts)
		return rc;
	/* by year, round and code, for bsearch(); a unit twice in the tree (a cycle) once */
	qsort(rd->facts, rd->nr_facts, sizeof(*rd->facts), fact_sort_cmp);
	for (i = j = 0; i < rd->nr_facts; i++)
		if (!j || fact_sort_cmp(&rd->facts[j - 1], &rd->facts[i]))
			rd->facts[j++] = rd->facts[i];
	rd->nr_facts = j;
	return 0;
}

struct fact_key {
	int fiscal_year, round;
	const char *code;
};

static int fact_cmp(const void *key, const void *elem)
{
	const struct fact_key *k = key;
	const struct fact *f = elem;

	if (k->fiscal_year != f->fiscal_year)
		return k->fiscal_year < f->fiscal_year ? -1 : 1;
	if (k->round != f->round)
		return k->round < f->round ? -1 : 1;
	return strcmp(k->code, f->code);
}

/* Facts in the order fact_cmp() finds them. */
static int fact_sort_cmp(const void *a, const void *b)
{
	const struct fact *f = a;
	struct fact_key k;

	k.fiscal_year = f->fiscal_year;
	k.round = f->round;
	k.code = f->code;
	return fact_cmp(&k, b);
}

/*
 * The offices' completeness rows: of the office ?3 by its key (an office's
 * report reads no other office's), or of every office.
 */
#define COUNTS_SQL(offices) \
	"SELECT c.fiscal_year, c.round, c.unit_code, c.expected, c.received," \
	" c.on_time, c.late, c.missing, c.accepted" \
	" FROM completeness c JOIN unit u ON u.code = c.unit_code AND u.kind = 'office'" \
	" WHERE (?1 = 0 OR c.fiscal_year = ?1) AND (?2 = 0 OR c.round = ?2) AND " offices \
	" ORDER BY c.fiscal_year, c.round, c.unit_code"

static int read_counts(struct reading *rd, int fiscal_year, int round, const char *office)
{
	sqlite3_stmt *st;
	int rc, step, i;

	if ((rc = db_prepare(rd->db, &st, office ? COUNTS_SQL("c.unit_code = ?3")
			     : COUNTS_SQL("?3 IS NULL"), rd->err)))
		return rc;
	sqlite3_bind_int(st, 1, fiscal_year);
	sqlite3_bind_int(st, 2, round);
	db_bind_text(st, 3, office);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long u = unit_find(rd, db_column_text(st, 2));
		struct counts *c;

		if (u < 0)
			continue;
		xgrow(&rd->counts, &rd->alloc_counts, rd->nr_counts + 1, sizeof(*rd->counts));
		c = &rd->counts[rd->nr_counts++];
		c->fiscal_year = sqlite3_column_int(st, 0);
		c->round = sqlite3_column_int(st, 1);
		c->office = rd->units[u].code;
		for (i = 0; i < 6; i++)
			c->n[i] = (long)sqlite3_column_int64(st, 3 + i);
	}
	rc = step == SQLITE_DONE ? 0 : db_fail(rd->db, "could not read completeness", rd->err);
	sqlite3_finalize(st);
	return rc;
}

static int counts_cmp(const void *key, const void *elem)
{
	const struct fact_key *k = key;
	const struct counts *c = elem;

	if (k->fiscal_year != c->fiscal_year)
		return k->fiscal_year < c->fiscal_year ? -1 : 1;
	if (k->round != c->round)
		return k->round < c->round ? -1 : 1;
	return strcmp(k->code, c->office);
}

static int read_approvals(struct reading *rd)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = db_prepare(rd->db, &st, "SELECT fiscal_year, round, by_name, at, forced,"
				" missing, rejected FROM approved_round", rd->err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct approval_row *a;

		xgrow(&rd->approvals, &rd->alloc_approvals, rd->nr_approvals + 1,
		      sizeof(*rd->approvals));
		a = &rd->approvals[rd->nr_approvals++];
		memset(a, 0, sizeof(*a));
		a->fiscal_year = sqlite3_column_int(st, 0);
		a->round = sqlite3_column_int(st, 1);
		a->approval.approved = 1;
		tt_strlcpy(a->approval.by, db_column_text(st, 2), sizeof(a->approval.by));
		tt_strlcpy(a->approval.at, db_column_text(st, 3), sizeof(a->approval.at));
		a->approval.forced = sqlite3_column_int(st, 4);
		a->approval.missing = sqlite3_column_int64(st, 5);
		a->approval.rejected = sqlite3_column_int64(st, 6);
	}
	rc = step == SQLITE_DONE ? 0 : db_fail(rd->db, "could not read the approvals", rd->err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- putting a round together ------------------------------------------ */

/* Which kinds of unit owe at the round of `months`: required indicators due. */
static void owed_by(const struct framework *fw, int months, int *school, int *office)
{
	size_t i;

	*school = *office = 0;
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];

		if (!ind->required || !indicator_due(ind, months))
			continue;
		if (ind->submitter == SUBMITTER_SCHOOL)
			*school = 1;
		else
			*office = 1;
	}
}

/* The round of one office: the units owing from rd->owing[*at] on, while of that office. */
static void build_round(struct reading *rd, const struct framework *fw, const struct round *rnd,
			size_t *at, struct status_round *out)
{
	long office = rd->units[rd->owing[*at]].office;
	const struct counts *c;
	struct fact_key key;
	int school_owes, office_owes;
	size_t i, n;

	memset(out, 0, sizeof(*out));
	out->fiscal_year = fw->fiscal_year;
	out->round = rnd->months;
	period_format_iso(&rnd->deadline, out->deadline);
	out->office = rd->units[office].code;
	out->office_name = rd->units[office].name;
	owed_by(fw, rnd->months, &school_owes, &office_owes);
	for (n = 0; *at + n < rd->nr_owing && rd->units[rd->owing[*at + n]].office == office; n++)
		;
	out->units = xcalloc(n ? n : 1, sizeof(*out->units));
	key.fiscal_year = fw->fiscal_year;
	key.round = rnd->months;
	for (i = 0; i < n; i++) {
		const struct unit_row *u = &rd->units[rd->owing[*at + i]];
		struct status_unit *su;
		const struct fact *f;
		struct tt_date sent;

		if (u->kind == 's' ? !school_owes : !office_owes)
			continue;
		su = &out->units[out->nr_units++];
		su->code = u->code;
		su->name = u->name;
		su->is_office = u->kind == 'o';
		key.code = u->code;
		f = bsearch(&key, rd->facts, rd->nr_facts, sizeof(*rd->facts), fact_cmp);
		if (!f) {
			su->state = STATUS_MISSING;
			out->missing++;
			continue;
		}
		su->state = f->state;
		su->held = f->held;
		tt_strlcpy(su->submitted_on, f->date, sizeof(su->submitted_on));
		/* as aggregate counts on time: the counted date by the deadline */
		su->on_time = !period_parse_date(f->date, &sent) &&
			      period_date_cmp(&sent, &rnd->deadline) <= 0;
		out->received++;
		out->on_time += su->on_time;
		out->accepted += su->state == STATUS_ACCEPTED;
		out->rejected += su->state == STATUS_REJECTED;
		out->pending += su->state == STATUS_PENDING;
		out->held += su->held;
	}
	*at += n;
	out->expected = (long)out->nr_units;
	out->late = out->received - out->on_time;
	key.code = out->office;
	c = bsearch(&key, rd->counts, rd->nr_counts, sizeof(*rd->counts), counts_cmp);
	if (c) {
		out->from_completeness = 1;
		out->expected = c->n[0];
		out->received = c->n[1];
		out->on_time = c->n[2];
		out->late = c->n[3];
		out->missing = c->n[4];
		out->accepted = c->n[5];
	}
	for (i = 0; i < rd->nr_approvals; i++)
		if (rd->approvals[i].fiscal_year == out->fiscal_year &&
		    rd->approvals[i].round == out->round)
			out->approval = rd->approvals[i].approval;
}

/* Every year x round x office, in that order. */
static void build(struct reading *rd, int round)
{
	struct status_list *list = rd->list;
	size_t f, at;
	int months;

	for (f = 0; f < rd->nr_frameworks; f++) {
		const struct framework *fw = rd->frameworks[f];

		for (months = 3; months <= 12; months += 3) {
			const struct round *rnd = framework_round(fw, months);

			if (!rnd || (round && months != round))
				continue;
			for (at = 0; at < rd->nr_owing;) {
				xgrow(&list->rounds, &list->alloc_rounds, list->nr_rounds + 1,
				      sizeof(*list->rounds));
				build_round(rd, fw, rnd, &at, &list->rounds[list->nr_rounds++]);
			}
		}
	}
}

/* Read everything for the frameworks in rd, then put the rounds together. */
static int load(struct reading *rd, int fiscal_year, int round, const char *office)
{
	int rc;

	if (!rd->nr_frameworks)
		return 0;
	if ((rc = read_units(rd, office)) || (rc = read_facts(rd, fiscal_year, round, office)) ||
	    (rc = read_counts(rd, fiscal_year, round, office)) || (rc = read_approvals(rd)))
		return rc;
	build(rd, round);
	return 0;
}

static void reading_release(struct reading *rd)
{
	free(rd->units);
	free(rd->owing);
	free(rd->facts);
	free(rd->counts);
	free(rd->approvals);
}

int status_load(sqlite3 *db, int fiscal_year, int round, const char *office,
		struct status_list *out, struct tt_error *err)
{
	struct reading rd;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&rd, 0, sizeof(rd));
	rd.db = db;
	rd.list = out;
	rd.err = err;
	if (!(rc = read_frameworks(&rd, fiscal_year)))
		rc = load(&rd, fiscal_year, round, office);
	for (i = 0; i < rd.nr_frameworks; i++)
		framework_free(rd.frameworks[i]);
	free(rd.frameworks);
	reading_release(&rd);
	if (rc)
		status_list_release(out);
	return rc;
}

int status_load_framework(sqlite3 *db, const struct framework *fw, int round,
			  const char *office, struct status_list *out, struct tt_error *err)
{
	struct framework *one = (struct framework *)fw;   /* only read */
	struct reading rd;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&rd, 0, sizeof(rd));
	rd.db = db;
	rd.list = out;
	rd.err = err;
	rd.frameworks = &one;
	rd.nr_frameworks = 1;
	rc = load(&rd, fw->fiscal_year, round, office);
	reading_release(&rd);
	if (rc)
		status_list_release(out);
	return rc;
}

const char *const *status_office_statements(void)
{
	static const char *const sql[] = {
		TREE_ONE UNITS_SQL, TREE_ONE FACTS_SQL, COUNTS_SQL("c.unit_code = ?3"), NULL
	};

	return sql;
}

/* ---- JSON --------------------------------------------------------------- */

/* The units of r that are in `state` (or, for STATUS_HELD, hold submissions). */
static void json_units(struct json_writer *w, const char *key, const struct status_round *r,
		       enum status_state state)
{
	size_t i;

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < r->nr_units; i++) {
		const struct status_unit *u = &r->units[i];

		if (state == STATUS_HELD ? !u->held : u->state != state)
			continue;
		json_begin_object(w);
		json_member_string(w, "code", u->code);
		json_member_string(w, "name", u->name);
		if (state != STATUS_MISSING)
			json_member_string(w, "submitted_on", u->submitted_on);
		json_end_object(w);
	}
	json_end_array(w);
}

void status_json(const struct status_list *list, struct strbuf *out)
{
	struct json_writer w;
	size_t i;

	json_init(&w, out);
	json_begin_object(&w);
	json_member_string(&w, "format", "tidtam-status/1");
	json_key(&w, "rounds");
	json_begin_array(&w);
	for (i = 0; i < list->nr_rounds; i++) {
		const struct status_round *r = &list->rounds[i];

		json_begin_object(&w);
		json_member_integer(&w, "fiscal_year", r->fiscal_year);
		json_member_integer(&w, "round", r->round);
		json_member_string(&w, "deadline", r->deadline);
		json_member_string(&w, "office", r->office);
		json_member_string(&w, "office_name", r->office_name);
		json_member_integer(&w, "expected", r->expected);
		json_member_integer(&w, "received", r->received);
		json_member_integer(&w, "on_time", r->on_time);
		json_member_integer(&w, "late", r->late);
		json_member_integer(&w, "missing", r->missing);
		json_member_integer(&w, "accepted", r->accepted);
		json_member_integer(&w, "rejected", r->rejected);
		json_member_integer(&w, "held", r->held);
		json_member_integer(&w, "pending", r->pending);
		json_member_string(&w, "counted_from",
				   r->from_completeness ? "completeness" : "submissions");
		json_key(&w, "approval");
		if (r->approval.approved) {
			json_begin_object(&w);
			json_member_string(&w, "by", r->approval.by);
			json_member_string(&w, "at", r->approval.at);
			json_key(&w, "forced");
			json_bool(&w, r->approval.forced);
			json_member_integer(&w, "missing", r->approval.missing);
			json_member_integer(&w, "rejected", r->approval.rejected);
			json_end_object(&w);
		} else {
			json_null(&w);
		}
		json_units(&w, "missing_units", r, STATUS_MISSING);
		json_units(&w, "rejected_units", r, STATUS_REJECTED);
		json_units(&w, "held_units", r, STATUS_HELD);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}
