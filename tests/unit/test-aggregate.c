/* Unit tests of the aggregation methods, against hand-computed results. */
#include <stdlib.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
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

/*
 * The nation's SAFE03 (sum) over S1 0.3, S2 0.2 and S3 0.1, whose offices
 * interleave (S1 and S3 under A, S2 under B): added up in the order of
 * the schools' codes, (0.3 + 0.2) + 0.1, which is not (0.3 + 0.1) + 0.2,
 * office by office, in doubles.  A's own sum is 0.3 + 0.1.
 */
static void test_national_order(void)
{
	volatile double want = 0.3, other = 0.3, a = 0.3;
	struct aggregate_stats stats;
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db = demo_db(
		"INSERT INTO unit VALUES('OBEC', 'obec', 'office', '', 1, 2);"
		"INSERT INTO unit VALUES('A', 'a', 'office', 'OBEC', 1, 3);"
		"INSERT INTO unit VALUES('B', 'b', 'office', 'OBEC', 1, 4);"
		"INSERT INTO unit VALUES('S1', 's1', 'school', 'A', 1, 5);"
		"INSERT INTO unit VALUES('S2', 's2', 'school', 'B', 1, 6);"
		"INSERT INTO unit VALUES('S3', 's3', 'school', 'A', 1, 7);"
		"INSERT INTO submission(id, file_id, unit_code, fiscal_year_text, round_text,"
		" fiscal_year, round, submitted_on, first_row, status) VALUES"
		" (1, 1, 'S1', '2567', '6', 2567, 6, '2024-04-01', 2, 'accepted'),"
		" (2, 1, 'S2', '2567', '6', 2567, 6, '2024-04-01', 3, 'accepted'),"
		" (3, 1, 'S3', '2567', '6', 2567, 6, '2024-04-01', 4, 'accepted');"
		"INSERT INTO value(submission_id, indicator, value, number, row, col) VALUES"
		" (1, 'SAFE03', '0.3', 0.3, 2, 'C'), (2, 'SAFE03', '0.2', 0.2, 3, 'C'),"
		" (3, 'SAFE03', '0.1', 0.1, 4, 'C')");

	if (!db)
		return;
	want += 0.2;
	want += 0.1;
	other += 0.1;
	other += 0.2;
	a += 0.1;
	CHECK(want != other);
	tt_error_clear(&err);
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(!db_prepare(db, &st, "SELECT value FROM result WHERE round = 6 AND"
			  " indicator = 'SAFE03' AND unit_code = ?1", NULL));
	db_bind_text(st, 1, "OBEC");
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_double(st, 0) == want);
	sqlite3_reset(st);
	db_bind_text(st, 1, "A");
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK(sqlite3_column_double(st, 0) == a);
	sqlite3_finalize(st);
	db_close(db);
}

/*
 * What aggregate holds of a nation of offices numbered as OBEC's (1001,
 * its networks 1001-N1, 1001-N2, their schools 1010010001...): every
 * office's and network's code before every school's, the nation's after.
 * A unit's tally is held from the first school that adds to it to the
 * last, so at most the nation, an office, a network and a school at once,
 * however many offices; the results are those of offices = 1.
 */
static size_t national_held(int offices, struct strbuf *office_result)
{
	struct aggregate_stats stats;
	struct tt_error err;
	struct strbuf sql;
	sqlite3_stmt *st;
	sqlite3 *db;
	int o, n, k, id = 0;

	strbuf_init(&sql);
	strbuf_addstr(&sql, "INSERT INTO unit VALUES('OBEC', 'obec', 'office', '', 1, 1);");
	for (o = 1; o <= offices; o++) {
		strbuf_addf(&sql, "INSERT INTO unit VALUES('%d', 'o', 'office', 'OBEC', 1, 1);",
			    1000 + o);
		for (n = 1; n <= 2; n++) {
			strbuf_addf(&sql, "INSERT INTO unit VALUES('%d-N%d', 'n', 'network', '%d',"
				    " 1, 1);", 1000 + o, n, 1000 + o);
			for (k = 1; k <= 3; k++) {
				id++;
				strbuf_addf(&sql, "INSERT INTO unit VALUES('10%d%d%03d', 's', 'school',"
					    " '%d-N%d', 1, 1);", 1000 + o, n, k, 1000 + o, n);
				strbuf_addf(&sql, "INSERT INTO submission(id, file_id, unit_code,"
					    " fiscal_year_text, round_text, fiscal_year, round,"
					    " submitted_on, first_row, status) VALUES(%d, 1,"
					    " '10%d%d%03d', '2567', '6', 2567, 6, '2024-04-01', 2,"
					    " 'accepted');", id, 1000 + o, n, k);
				strbuf_addf(&sql, "INSERT INTO value(submission_id, indicator, value,"
					    " number, row, col) VALUES(%d, 'SAFE03', '%d', %d, 2, 'C');",
					    id, k, k);
			}
		}
	}
	db = demo_db(sql.buf);
	strbuf_release(&sql);
	if (!db)
		return 0;
	tt_error_clear(&err);
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(!db_prepare(db, &st, "SELECT group_concat(round || ' ' || indicator || ' ' ||"
			  " COALESCE(value, '-') || ' ' || reporting || '/' || expected, ', ')"
			  " FROM (SELECT * FROM result WHERE unit_code = '1001'"
			  " ORDER BY round, indicator)", NULL));
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	strbuf_reset(office_result);
	strbuf_addstr(office_result, db_column_text(st, 0));
	sqlite3_finalize(st);
	query_is(db, "SELECT value || ' ' || reporting FROM result WHERE round = 6"
		 " AND indicator = 'SAFE03' AND unit_code = '1001'", "12.0 6");
	db_close(db);
	return stats.units_held;
}

static void test_units_held(void)
{
	struct strbuf one, many;

	strbuf_init(&one);
	strbuf_init(&many);
	CHECK(national_held(1, &one) == 4);
	CHECK(national_held(9, &many) == 4);
	CHECK_STR(many.buf, one.buf);
	strbuf_release(&one);
	strbuf_release(&many);
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

/* The three tables aggregate makes, every column, in key order, into out. */
static void dump_results(sqlite3 *db, struct strbuf *out)
{
	static const char *const sql[] = {
		"SELECT * FROM result ORDER BY fiscal_year, round, unit_code, indicator",
		"SELECT * FROM area_result ORDER BY fiscal_year, round, unit_code, policy_area",
		"SELECT * FROM completeness ORDER BY fiscal_year, round, unit_code",
	};
	sqlite3_stmt *st;
	size_t k;
	int i;

	strbuf_reset(out);
	for (k = 0; k < 3; k++) {
		CHECK(!db_prepare(db, &st, sql[k], NULL));
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (i = 0; i < sqlite3_column_count(st); i++) {
				if (sqlite3_column_type(st, i) == SQLITE_FLOAT)
					strbuf_addf(out, "%.17g|", sqlite3_column_double(st, i));
				else if (sqlite3_column_type(st, i) == SQLITE_NULL)
					strbuf_addstr(out, "NULL|");
				else
					strbuf_addf(out, "%s|", db_column_text(st, i));
			}
			strbuf_addch(out, '\n');
		}
		sqlite3_finalize(st);
		strbuf_addstr(out, "--\n");
	}
}

/*
 * A submission of unit for the round of `months`, sent on date with status,
 * with a value of every indicator schools report at that round: a number
 * from seed (a percentage as seed/40 of 40, a level or yes/no within its
 * range).  Its file is a new one, as a resubmission's is.
 */
static void add_submission(sqlite3 *db, const struct framework *fw, const char *unit,
			   int months, const char *date, const char *status, int seed)
{
	static long long files = 100;
	sqlite3_stmt *st;
	long long sub;
	size_t i;

	files++;
	CHECK(!db_prepare(db, &st, "INSERT INTO file(id, path, size, sha256, version, format,"
			  " status, ingested_at) VALUES(?1, 'c.csv', 1, ?1, ?1, 'csv', 'stored',"
			  " '2024-10-01')", NULL));
	sqlite3_bind_int64(st, 1, files);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	CHECK(!db_prepare(db, &st, "INSERT INTO submission(file_id, unit_code, fiscal_year_text,"
			  " round_text, fiscal_year, round, submitted_on, first_row, status)"
			  " VALUES(?1, ?2, '2567', ?3, 2567, ?3, ?4, 2, ?5)", NULL));
	sqlite3_bind_int64(st, 1, files);
	db_bind_text(st, 2, unit);
	sqlite3_bind_int(st, 3, months);
	db_bind_text(st, 4, date);
	db_bind_text(st, 5, status);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	sub = sqlite3_last_insert_rowid(db);
	/* what a writer of submissions does for the file (db.h) */
	CHECK(!db_submissions_added(db, files, NULL));
	CHECK(!db_prepare(db, &st, "INSERT INTO value(submission_id, indicator, value, numerator,"
			  " denominator, number, row, col) VALUES(?1, ?2, ?3, ?4, ?5, ?3, 2, 'C')",
			  NULL));
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		int x = (seed * 7 + (int)i * 3) % 40;

		if (ind->submitter != SUBMITTER_SCHOOL || !indicator_due(ind, months) ||
		    ind->type == VALUE_TEXT)
			continue;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, sub);
		db_bind_text(st, 2, ind->code);
		if (ind->type == VALUE_PERCENT) {
			sqlite3_bind_double(st, 3, x / 40.0 * 100);
			sqlite3_bind_int(st, 4, x);
			sqlite3_bind_int(st, 5, 40);
		} else if (ind->type == VALUE_LEVEL) {
			sqlite3_bind_int(st, 3, 1 + x % 5);
		} else if (ind->type == VALUE_YESNO) {
			sqlite3_bind_int(st, 3, x % 2);
		} else {
			sqlite3_bind_int(st, 3, x);
		}
		CHECK(sqlite3_step(st) == SQLITE_DONE);
	}
	sqlite3_finalize(st);
}

/* What aggregating from empty makes of db's inputs now, into out. */
static void from_empty(sqlite3 *db, struct strbuf *out)
{
	struct aggregate_stats stats;
	struct tt_error err;

	tt_error_clear(&err);
	CHECK(!db_exec(db, "DELETE FROM result; DELETE FROM area_result; DELETE FROM completeness;"
		       " INSERT OR REPLACE INTO meta VALUES('aggregate_all', 'pending')", NULL));
	CHECK(!aggregate_run(db, &stats, &err));
	dump_results(db, out);
}

/*
 * Aggregation makes again only the office trees whose submissions changed
 * (two offices here, O1 with a network, O2 without), and what it leaves is
 * what a run from empty makes, after each kind of change: nothing new, a
 * resubmission, a status changed, a submission of another round, a unit
 * added to the list (everything again).
 */
static void test_incremental(void)
{
	struct aggregate_stats stats;
	struct tt_error err;
	struct strbuf kept, made, empty;
	struct framework *fw;
	sqlite3 *db = demo_db(
		"INSERT INTO unit VALUES('O1', 'o1', 'office', NULL, 1, 2);"
		"INSERT INTO unit VALUES('N1', 'n1', 'network', 'O1', 1, 3);"
		"INSERT INTO unit VALUES('S1', 's1', 'school', 'N1', 1, 4);"
		"INSERT INTO unit VALUES('S2', 's2', 'school', 'N1', 1, 5);"
		"INSERT INTO unit VALUES('S3', 's3', 'school', 'O1', 1, 6);"
		"INSERT INTO unit VALUES('O2', 'o2', 'office', NULL, 1, 7);"
		"INSERT INTO unit VALUES('T1', 't1', 'school', 'O2', 1, 8);"
		"INSERT INTO unit VALUES('T2', 't2', 'school', 'O2', 1, 9);");
	static const char *const schools[] = { "S1", "S2", "S3", "T1", "T2" };
	long full, per_office;
	size_t i;

	if (!db)
		return;
	tt_error_clear(&err);
	fw = db_load_framework(db, 2567, &err);
	CHECK(fw != NULL);
	if (!fw)
		return;
	strbuf_init(&kept);
	strbuf_init(&made);
	strbuf_init(&empty);
	for (i = 0; i < 5; i++) {
		add_submission(db, fw, schools[i], 6, "2024-04-01", "accepted", (int)i);
		add_submission(db, fw, schools[i], 12, "2024-10-01", "accepted", (int)i + 5);
	}
	CHECK(!aggregate_run(db, &stats, &err));
	full = stats.results;
	CHECK(full > 0);
	dump_results(db, &kept);

	/* nothing new: nothing made, nothing changed */
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(stats.results == 0);
	dump_results(db, &made);
	CHECK(!strcmp(kept.buf, made.buf));

	/* a school of O1 sends again: O1's tree only (O1, N1, S1-S3) */
	add_submission(db, fw, "S1", 6, "2024-04-10", "accepted", 11);
	CHECK(!aggregate_run(db, &stats, &err));
	per_office = stats.results;
	CHECK(per_office > 0 && per_office < full);
	dump_results(db, &made);
	CHECK(strcmp(kept.buf, made.buf) != 0);
	from_empty(db, &empty);
	CHECK(!strcmp(made.buf, empty.buf));

	/* a submission of O2 rejected after all, another held (as a writer of statuses does, db.h) */
	CHECK(!db_statuses_changed(db, "unit_code = 'T1' AND round = 12 OR"
				   " unit_code = 'T2' AND round = 6", NULL));
	CHECK(!db_exec(db, "UPDATE submission SET status = 'rejected' WHERE unit_code = 'T1'"
		       " AND round = 12; UPDATE submission SET status = 'held'"
		       " WHERE unit_code = 'T2' AND round = 6", NULL));
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(stats.results > 0 && stats.results < full);
	dump_results(db, &made);
	from_empty(db, &empty);
	CHECK(!strcmp(made.buf, empty.buf));

	/* a new, still unchecked submission counts as received */
	add_submission(db, fw, "S3", 12, "2024-10-20", "new", 3);
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(stats.results == per_office);
	dump_results(db, &made);
	from_empty(db, &empty);
	CHECK(!strcmp(made.buf, empty.buf));

	/* a school added to O2 (by a unit list, file 1, as its store notes it: db.h): everything again */
	CHECK(!db_exec(db, "INSERT INTO unit VALUES('T3', 't3', 'school', 'O2', 1, 10)", NULL));
	CHECK(!db_units_stored(db, 1, NULL));
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(stats.results >= full);
	dump_results(db, &made);
	from_empty(db, &empty);
	CHECK(!strcmp(made.buf, empty.buf));

	framework_free(fw);
	strbuf_release(&kept);
	strbuf_release(&made);
	strbuf_release(&empty);
	db_close(db);
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
	test_incremental();
	test_national();
	test_national_order();
	test_units_held();
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
