/*
 * The statements validate, aggregate and render run per submission, unit
 * or office, as the code holds them, asked of SQLite with EXPLAIN QUERY
 * PLAN on a database of the current schema: none may read a large table
 * (value, submission, result, issue) whole, and one that names a unit's
 * submissions must find them by the unit.  A plan that reads a table whole
 * grows with the whole database at every use: quadratic over a run.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/report.h"
#include "tidtam/util.h"
#include "tidtam/validate.h"
#include "test.h"

static const char *const large[] = { "value", "submission", "result", "issue", NULL };

/* 1 if word (len bytes) is one of the words of list. */
static int among(const char *word, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == len && !strncmp(word, list[i], len))
			return 1;
	return 0;
}

/*
 * The names sql gives the large tables: each table's own name and the alias
 * after it ("FROM value v", "JOIN submission AS s"), space-separated into out.
 */
static void large_names(const char *sql, struct strbuf *out)
{
	static const char *const keywords[] = { "JOIN", "ON", "WHERE", "SET", "GROUP", "ORDER",
		"WHERE", "AS", "LEFT", "INNER", "USING", "LIMIT", "VALUES", NULL };
	const char *p = sql;

	strbuf_addstr(out, " value submission result issue ");
	while (*p) {
		size_t n = 0;

		while (*p && !(isalpha((unsigned char)*p) || *p == '_'))
			p++;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (n && among(p, n, large)) {
			const char *a = p + n;
			size_t m = 0;

			while (*a == ' ')
				a++;
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
		large_names(p, &names);
		p += (size_t)(tail - stmt.buf) - strlen("EXPLAIN QUERY PLAN ");
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			const char *t;
			size_t n = 0;
			struct strbuf word;

			strbuf_addf(&plan, "  %s\n", detail);
			if (strncmp(detail, "SCAN ", 5))
				continue;
			t = detail + 5;
			while (t[n] && t[n] != ' ')
				n++;
			strbuf_init(&word);
			strbuf_addch(&word, ' ');
			strbuf_add(&word, t, n);
			strbuf_addch(&word, ' ');
			if (strstr(names.buf, word.buf) && !partial_index(db, detail)) {
				fprintf(stderr, "%s reads a large table whole: %s\n", what, detail);
				faults++;
			}
			strbuf_release(&word);
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
	check_all(db, "aggregate", aggregate_statements());
	check_all(db, "render (cards)", report_card_statements());
	db_close(db);
	return test_report("plans");
}
