/*
 * The statements validate, aggregate and render run per submission, unit
 * or office, as the code holds them, asked of SQLite with EXPLAIN QUERY
 * PLAN on a database of the current schema: none may read a large table
 * (value, submission, result, issue) whole, and one that names a unit's
 * submissions must find them by the unit.  A plan that reads a table whole
 * grows with the whole database at every use: quadratic over a run.  Each
 * statement the reports run for an office (report_statements, which
 * report_query() holds every statement of an office's tree to) must
 * moreover reach every table of all offices' rows from the office's own:
 * its tree the outer loop, each table then read by a key, never by the
 * year or round alone.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/outindex.h"
#include "tidtam/receipt.h"
#include "tidtam/report.h"
#include "tidtam/status.h"
#include "tidtam/util.h"
#include "tidtam/validate.h"
#include "../../src/lib/report_int.h"
#include "test.h"

static const char *const large[] = { "value", "submission", "result", "issue", "file", NULL };

/* 1 if word (len bytes) is one of the words of list. */
static int among(const char *word, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == len && !strncmp(word, list[i], len))
			return 1;
	return 0;
}

/* The aliases sql gives the tables of list, and their names, space-separated into out. */
static void aliases(const char *sql, const char *const *list, struct strbuf *out)
{
	static const char *const keywords[] = { "JOIN", "ON", "WHERE", "SET", "GROUP", "ORDER",
		"AS", "LEFT", "INNER", "CROSS", "USING", "LIMIT", "VALUES", "INDEXED", NULL };
	const char *p = sql;
	size_t i;

	strbuf_addch(out, ' ');
	for (i = 0; list[i]; i++)
		strbuf_addf(out, "%s ", list[i]);
	while (*p) {
		size_t n = 0;

		while (*p && !(isalpha((unsigned char)*p) || *p == '_'))
			p++;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		/* a table's name after FROM or JOIN, not a column (u.code) */
		if (n && among(p, n, list) && p > sql && p[-1] == ' ' && p[n] == ' ') {
			const char *a = p + n + 1;
			size_t m = 0;

			if (!strncasecmp(a, "AS ", 3))
				a += 3;
			while (isalnum((unsigned char)a[m]) || a[m] == '_')
				m++;
			if (m && !among(a, m, keywords)) {
				strbuf_add(out, a, m);
				strbuf_addch(out, ' ');
			}
		}
		p += n;
	}
}

/* 1 if the table t (a plan line's, up to a space) is one of names (aliases()). */
static int among_names(const char *names, const char *t)
{
	struct strbuf word;
	size_t n = 0;
	int yes;

	while (t[n] && t[n] != ' ')
		n++;
	strbuf_init(&word);
	strbuf_addch(&word, ' ');
	strbuf_add(&word, t, n);
	strbuf_addch(&word, ' ');
	yes = strstr(names, word.buf) != NULL;
	strbuf_release(&word);
	return yes;
}

/* 1 if the index a plan line names ("... USING INDEX x ...") is partial. */
static int partial_index(sqlite3 *db, const char *detail)
{
	const char *p = strstr(detail, "INDEX ");
	struct strbuf name;
	sqlite3_stmt *st;
	int yes = 0;

	if (!p)
		return 0;
	p += 6;
	strbuf_init(&name);
	while (*p && *p != ' ')
		strbuf_addch(&name, *p++);
	if (!db_prepare(db, &st, "SELECT 1 FROM sqlite_master WHERE type = 'index'"
			" AND name = ?1 AND sql LIKE '% WHERE %'", NULL)) {
		db_bind_text(st, 1, name.buf);
		yes = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	strbuf_release(&name);
	return yes;
}

/*
 * The faults in the plans of the statements of sql (several, separated by
 * ';'), each told on stderr; a statement that makes a table is run
 * instead, for those after it.
 */
static int check_plans(sqlite3 *db, const char *what, const char *sql)
{
	const char *p = sql;
	int faults = 0;

	while (*p) {
		struct strbuf stmt, names, plan;
		const char *tail;
		sqlite3_stmt *st;

		while (*p == ' ' || *p == ';' || *p == '\n')
			p++;
		if (!*p)
			break;
		if (!strncasecmp(p, "CREATE", 6)) {
			if (sqlite3_prepare_v2(db, p, -1, &st, &tail) == SQLITE_OK) {
				sqlite3_step(st);
				sqlite3_finalize(st);
				p = tail;
				continue;
			}
		}
		strbuf_init(&stmt);
		strbuf_init(&names);
		strbuf_init(&plan);
		strbuf_addstr(&stmt, "EXPLAIN QUERY PLAN ");
		strbuf_addstr(&stmt, p);
		if (sqlite3_prepare_v2(db, stmt.buf, -1, &st, &tail) != SQLITE_OK) {
			fprintf(stderr, "%s: %s: %s\n", what, sqlite3_errmsg(db), p);
			strbuf_release(&stmt);
			strbuf_release(&names);
			strbuf_release(&plan);
			return faults + 1;
		}
		/* the statement alone, for its table names and the message */
		strbuf_reset(&names);
		aliases(p, large, &names);
		p += (size_t)(tail - stmt.buf) - strlen("EXPLAIN QUERY PLAN ");
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);

			strbuf_addf(&plan, "  %s\n", detail);
			if (strncmp(detail, "SCAN ", 5))
				continue;
			if (among_names(names.buf, detail + 5) && !partial_index(db, detail)) {
				fprintf(stderr, "%s reads a large table whole: %s\n", what, detail);
				faults++;
			}
		}
		sqlite3_finalize(st);
		if (strstr(stmt.buf, "unit_code = ?") && strstr(stmt.buf, "submission") &&
		    !strstr(plan.buf, "unit_code=?")) {
			fprintf(stderr, "%s finds a unit's submissions other than by the unit:\n%s",
				what, plan.buf);
			faults++;
		}
		strbuf_release(&stmt);
		strbuf_release(&names);
		strbuf_release(&plan);
	}
	return faults;
}

static void check_all(sqlite3 *db, const char *what, const char *const *sql)
{
	size_t i;

	CHECK(sql[0] != NULL);
	for (i = 0; sql[i]; i++)
		CHECK(!check_plans(db, what, sql[i]));
}

/*
 * The tables that hold rows of every office, which a statement of one
 * office must reach from its tree (OFFICE_TREE) or its own code: each
 * read by a key a row read before it gives (a unit's code, a submission's
 * or file's id, a parent, a path), never whole nor by the year or round
 * alone (every office's rows of the round).
 */
static const char *const national[] = {
	"submission", "value", "issue", "result", "file", "completeness", "narrative",
	"practice", "practice_photo", "image", "change_stamp", "unit", "unit_figures", NULL
};
static const char *const keys[] = {
	"unit_code", "submission_id", "file_id", "rowid", "code", "parent", "path", NULL
};

/* 1 if the constraints of a plan's SEARCH line, "(a=? AND b>?)", name a key. */
static int by_key(const char *detail)
{
	const char *p = strrchr(detail, '(');

	if (!p)
		return 0;
	while (*p && *p != ')') {
		size_t n = 0;

		p++;
		while (*p == ' ' || !strncmp(p, "AND ", 4))
			p += *p == ' ' ? 1 : 4;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (n && among(p, n, keys))
			return 1;
		p += n;
		while (*p && *p != ' ' && *p != ')')
			p++;
	}
	return 0;
}

/*
 * The faults in the plan of one office's statement sql: a table of every
 * office read whole or other than by a key, each told on stderr.
 */
static int check_scoped(sqlite3 *db, const char *sql)
{
	struct strbuf stmt, names, plan;
	sqlite3_stmt *st;
	int faults = 0;

	strbuf_init(&stmt);
	strbuf_init(&names);
	strbuf_init(&plan);
	strbuf_addf(&stmt, "EXPLAIN QUERY PLAN %s", sql);
	aliases(sql, national, &names);
	if (sqlite3_prepare_v2(db, stmt.buf, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sqlite3_errmsg(db), sql);
		faults++;
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		int scan = !strncmp(detail, "SCAN ", 5), search = !strncmp(detail, "SEARCH ", 7);

		strbuf_addf(&plan, "  %s\n", detail);
		if ((scan || search) && among_names(names.buf, detail + (scan ? 5 : 7)) &&
		    (scan || !by_key(detail)))
			faults++;
	}
	sqlite3_finalize(st);
	if (faults)
		fprintf(stderr, "reads rows of every office, not from its own:\n%s\n%s", sql,
			plan.buf);
out:
	strbuf_release(&stmt);
	strbuf_release(&names);
	strbuf_release(&plan);
	return faults;
}

/* Every statement the reports run for an office, each reached from the office's rows. */
static void test_office_statements(sqlite3 *db)
{
	const char *const *const *list;
	const char *const *sql;
	size_t n = 0;

	for (list = report_statements; *list; list++)
		for (sql = *list; *sql; sql++, n++)
			CHECK(!check_scoped(db, *sql));
	CHECK(n > 0);
	/* the validation report's table of units */
	for (sql = status_office_statements(); *sql; sql++)
		CHECK(!check_scoped(db, *sql));
}

/* A round's outliers read the schools under one parent, and theirs only. */
static void test_outlier_statements(sqlite3 *db)
{
	const char *const *sql;
	size_t n = 0;

	for (sql = validate_outlier_statements(); *sql; sql++, n++)
		CHECK(!check_scoped(db, *sql));
	CHECK(n == 2);
}

/* The checks themselves find a whole scan, and a unit's rows found otherwise. */
static void test_checker_fails(sqlite3 *db)
{
	CHECK(check_plans(db, "(a scan, on purpose)",
			  "SELECT * FROM value v WHERE v.note = 'x'") == 1);
	CHECK(check_plans(db, "(a unit's by round, on purpose)",
			  "SELECT s.id FROM submission s WHERE +s.unit_code = ?1"
			  " AND s.fiscal_year = ?2") == 1);
	CHECK(check_plans(db, "(through a partial index)",
			  "SELECT id FROM submission WHERE status = 'new'") == 0);
	fprintf(stderr, "(every office's round, on purpose:)\n");
	CHECK(check_scoped(db, "SELECT i.id FROM issue i JOIN submission s ON s.id = i.submission_id"
			   " WHERE s.fiscal_year = ?2 AND s.round = ?3") == 1);
	fprintf(stderr, "(every unit, on purpose:)\n");
	CHECK(check_scoped(db, "SELECT COUNT(*) FROM unit u WHERE u.kind = 'school'") == 1);
	CHECK(check_scoped(db, "SELECT s.id FROM submission s WHERE s.unit_code = ?1"
			   " AND s.fiscal_year = ?2") == 0);
}

int main(void)
{
	struct tt_error err;
	sqlite3 *db;

	tt_error_clear(&err);
	if (db_open(":memory:", &db, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	test_checker_fails(db);
	check_all(db, "validate", validate_statements());
	test_outlier_statements(db);
	check_all(db, "aggregate", aggregate_statements());
	check_all(db, "receipts", receipt_statements());
	check_all(db, "index pages", outindex_statements());
	test_office_statements(db);
	db_close(db);
	return test_report("plans");
}
