/* Unit tests of the aggregation methods, against hand-computed results. */
#include <stdlib.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "test.h"

#define DEMO "input/framework/2567.xml"

/*
 * A database in memory with the demo's framework for 2567 (in file 1) and
 * the rows of sql; NULL (a failed check) when it cannot be made.
 */
static sqlite3 *demo_db(const char *sql)
{
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db;
	char *xml;
	size_t len;

	tt_error_clear(&err);
	if (db_open(":memory:", &db, &err) || tt_read_file(DEMO, &xml, &len, &err)) {
		fprintf(stderr, "%s\n", err.message);
		CHECK(0);
		return NULL;
	}
	CHECK(!db_exec(db, "INSERT INTO file(id, path, size, sha256, version, format, status,"
			   " ingested_at) VALUES(1, 'a.csv', 1, 'x', 1, 'csv', 'stored', '2024-10-01')",
		       NULL));
	CHECK(!db_exec(db, sql, NULL));
	CHECK(!db_prepare(db, &st, "INSERT INTO framework VALUES(2567, 1, ?1)", NULL));
	sqlite3_bind_blob(st, 1, xml, (int)len, SQLITE_TRANSIENT);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	free(xml);
	return db;
}

/* The one text the query sql gives (its first row's first column) is want. */
static void query_is(sqlite3 *db, const char *sql, const char *want)
{
	sqlite3_stmt *st;

	CHECK(!db_prepare(db, &st, sql, NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR(db_column_text(st, 0), want);
	sqlite3_finalize(st);
}

/*
 * 2026-12-02: completeness judged a unit's round on time by its first
 * submission, even when that one was rejected and the accepted correction
 * came after the deadline (whose receipt said W-LATE).  The demo's 6-month
 * deadline is 2024-04-15; under office 3101:
 *   A  rejected 04-10, accepted 04-20          late (the data used is late)
 *   B  accepted 04-10, accepted again 04-20    late (a late correction)
 *   C  accepted 04-10, rejected 04-20          on time (the 04-10 data is used)
 *   D  rejected 04-10 only                     on time (received, not accepted)
 *   E  rejected 04-20 only                     late
 *   F  nothing                                 missing
 * and the office itself, which owes EFF01-03 at 6 months, sent nothing:
 * expected 7, received 5, on time 2, late 3, missing 2, accepted 3.
 */
static void test_on_time(void)
{
	static const struct { const char *unit, *date, *status; } subs[] = {
		{ "A", "2024-04-10", "rejected" }, { "A", "2024-04-20", "accepted" },
		{ "B", "2024-04-10", "accepted" }, { "B", "2024-04-20", "accepted" },
		{ "C", "2024-04-10", "accepted" }, { "C", "2024-04-20", "rejected" },
		{ "D", "2024-04-10", "rejected" }, { "E", "2024-04-20", "rejected" },
	};
	static const char *const schools[] = { "A", "B", "C", "D", "E", "F" };
	struct aggregate_stats stats;
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db = demo_db("INSERT INTO unit VALUES('3101', 'office', 'office', NULL, 1, 1)");
	size_t i;

	if (!db)
		return;
	tt_error_clear(&err);
	for (i = 0; i < sizeof(schools) / sizeof(schools[0]); i++) {
		CHECK(!db_prepare(db, &st, "INSERT INTO unit VALUES(?1, ?1, 'school', '3101', 1, 1)",
				  NULL));
		db_bind_text(st, 1, schools[i]);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_finalize(st);
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		/* each in a file of its own, as a resubmission is */
		CHECK(!db_prepare(db, &st, "INSERT INTO file(id, path, size, sha256, version,"
				  " format, status, ingested_at) VALUES(?1 + 1, 'b.csv', 1, ?1, ?1 + 1,"
				  " 'csv', 'stored', '2024-10-01')", NULL));
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_finalize(st);
		CHECK(!db_prepare(db, &st, "INSERT INTO submission(file_id, unit_code,"
				  " fiscal_year_text, round_text, fiscal_year, round, submitted_on,"
				  " first_row, status) VALUES(?3, ?1, '2567', '6', 2567, 6, ?2, 2, ?4)",
				  NULL));
		db_bind_text(st, 1, subs[i].unit);
		db_bind_text(st, 2, subs[i].date);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i + 2);
		db_bind_text(st, 4, subs[i].status);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_finalize(st);
	}
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(!db_prepare(db, &st, "SELECT expected, received, on_time, late, missing, accepted"
			  " FROM completeness WHERE unit_code = '3101' AND round = 6", NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_int(st, 0) == 7);
	CHECK(sqlite3_column_int(st, 1) == 5);
	CHECK(sqlite3_column_int(st, 2) == 2);
	CHECK(sqlite3_column_int(st, 3) == 3);
	CHECK(sqlite3_column_int(st, 4) == 2);
	CHECK(sqlite3_column_int(st, 5) == 3);
	sqlite3_finalize(st);
	/* the same rule, as SQL other parts use: the date that counts per school */
	CHECK(!db_prepare(db, &st, "SELECT group_concat(unit_code || ' ' || d, ', ') FROM (SELECT"
			  " unit_code, " AGGREGATE_COUNTED_DATE_SQL " AS d FROM submission"
			  " GROUP BY unit_code, round ORDER BY unit_code)", NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR(db_column_text(st, 0), "A 2024-04-20, B 2024-04-20, C 2024-04-10,"
					 " D 2024-04-10, E 2024-04-20");
	sqlite3_finalize(st);
	db_close(db);
}

/*
 * 2026-12-03: with a cycle of parents in the unit table (3101 -> X1 ->
 * 3101, which a unit list could then make through another list), the walk
 * up from a school went round it up to 8 times: "a school that sent 5
 * shows 40, 8 of 8 reporting".  The cycle is planted here straight into the
 * table, with a school that is its own parent: every unit counts each value
 * once, and aggregate says how many units sit on a cycle.
 */
static void test_cycle_planted(void)
{
	struct aggregate_stats stats;
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db = demo_db(
		"INSERT INTO unit VALUES('O1', 'o1', 'office', 'O2', 1, 2);"
		"INSERT INTO unit VALUES('O2', 'o2', 'office', 'O1', 1, 3);"
		"INSERT INTO unit VALUES('N', 'n', 'network', 'O1', 1, 4);"
		"INSERT INTO unit VALUES('S1', 's1', 'school', 'N', 1, 5);"
		"INSERT INTO unit VALUES('S2', 's2', 'school', 'S2', 1, 6);"
		"INSERT INTO submission(id, file_id, unit_code, fiscal_year_text, round_text,"
		" fiscal_year, round, submitted_on, first_row, status) VALUES"
		" (1, 1, 'S1', '2567', '6', 2567, 6, '2024-04-01', 2, 'accepted'),"
		" (2, 1, 'S2', '2567', '6', 2567, 6, '2024-04-01', 3, 'accepted');"
		"INSERT INTO value(submission_id, indicator, value, number, row, col) VALUES"
		" (1, 'SAFE03', '5', 5, 2, 'C'), (2, 'SAFE03', '7', 7, 3, 'C')");

	if (!db)
		return;
	tt_error_clear(&err);
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(stats.units_on_cycle == 3);
	CHECK(!db_prepare(db, &st, "SELECT group_concat(unit_code || ' ' || value || ' ' || reporting"
			  " || '/' || expected, ', ') FROM (SELECT * FROM result WHERE round = 6 AND"
			  " indicator = 'SAFE03' ORDER BY unit_code)", NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR(db_column_text(st, 0), "N 5.0 1/1, O1 5.0 1/1, O2 5.0 1/1, S1 5.0 1/1, S2 7.0 1/1");
	sqlite3_finalize(st);
	/*
	 * completeness: each unit that owes once in each unit above it: S1 and
	 * both offices (which owe their own indicators at 6 months) in O1 and
	 * O2, which stand above each other; S2, its own parent, in neither
	 */
	CHECK(!db_prepare(db, &st, "SELECT group_concat(unit_code || ' ' || expected || ' ' ||"
			  " received, ', ') FROM (SELECT * FROM completeness WHERE round = 6 AND"
			  " unit_code IN ('N', 'O1', 'O2') ORDER BY unit_code)", NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR(db_column_text(st, 0), "N 1 1, O1 3 1, O2 3 1");
	sqlite3_finalize(st);
	db_close(db);
}

/*
 * The nation (an office with offices under it) takes its offices' results:
 * SAFE03 (a school indicator, sum) 5 + 7; EFF02 (the offices' own level,
 * mean) of 2 and 4; EFF01 (the offices' own rate) as the sum of
 * numerators over the sum of denominators.  It owes nothing itself: its
 * completeness counts its two offices, each owing its area's results and
 * its own.
 */
static void test_national(void)
{
	struct aggregate_stats stats;
	struct tt_error err;
	sqlite3 *db = demo_db(
		"INSERT INTO unit VALUES('OBEC', 'obec', 'office', '', 1, 2);"
		"INSERT INTO unit VALUES('A1', 'a1', 'office', 'OBEC', 1, 3);"
		"INSERT INTO unit VALUES('A2', 'a2', 'office', 'OBEC', 1, 4);"
		"INSERT INTO submission(id, file_id, unit_code, fiscal_year_text, round_text,"
		" fiscal_year, round, submitted_on, first_row, status) VALUES"
		" (1, 1, 'A1', '2567', '6', 2567, 6, '2024-04-01', 2, 'accepted'),"
		" (2, 1, 'A2', '2567', '6', 2567, 6, '2024-04-20', 3, 'accepted');"
		"INSERT INTO value(submission_id, indicator, value, numerator, denominator,"
		" number, row, col) VALUES"
		" (1, 'SAFE03', '5', NULL, NULL, 5, 2, 'C'), (2, 'SAFE03', '7', NULL, NULL, 7, 3, 'C'),"
		" (1, 'EFF02', '2', NULL, NULL, 2, 2, 'D'), (2, 'EFF02', '4', NULL, NULL, 4, 3, 'D'),"
		" (1, 'EFF01', '50', '10', '20', 50, 2, 'E'), (2, 'EFF01', '30', '30', '100', 30, 3, 'E')");

	if (!db)
		return;
	tt_error_clear(&err);
	CHECK(!aggregate_run(db, &stats, &err));
	query_is(db, "SELECT group_concat(indicator || ' ' || value || ' ' || reporting || '/'"
		 " || expected, ', ') FROM (SELECT * FROM result WHERE round = 6 AND"
		 " unit_code = 'OBEC' AND indicator IN ('SAFE03', 'EFF02', 'EFF01')"
		 " ORDER BY indicator)",
		 "EFF01 33.3333333333333 2/2, EFF02 3.0 2/2, SAFE03 12.0 2/2");
	query_is(db, "SELECT expected || ' ' || received || ' ' || on_time FROM completeness"
		 " WHERE round = 6 AND unit_code = 'OBEC'", "2 2 1");
	db_close(db);
}

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

	test_on_time();
	test_cycle_planted();
	test_national();
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
