/* Unit tests of value validation, one value type at a time. */
#include <stdlib.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/validate.h"
#include "test.h"

#define DEMO "input/framework/2567.xml"

/* One statement on db, 0 when it went. */
static int sql(sqlite3 *db, const char *text)
{
	return db_exec(db, text, NULL);
}

/* The first column of the first row of query, as a new string ("" if none). */
static char *one(sqlite3 *db, const char *query)
{
	sqlite3_stmt *st;
	char *s;

	if (db_prepare(db, &st, query, NULL))
		return xstrdup("");
	s = xstrdup(sqlite3_step(st) == SQLITE_ROW ? db_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return s;
}

/*
 * A database in memory with the demo's framework of 2567, its file 1 and
 * office 3101; NULL (the test failed) if it cannot be made.
 */
static sqlite3 *demo_db(void)
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
	CHECK(!sql(db, "INSERT INTO file(id, path, size, sha256, version, format, status,"
		       " ingested_at) VALUES(1, 'a.csv', 1, 'x', 1, 'csv', 'stored', '2024-10-01');"
		       "INSERT INTO unit VALUES('3101', 'office', 'office', NULL, 1, 1)"));
	CHECK(!db_prepare(db, &st, "INSERT INTO framework VALUES(2567, 1, ?1)", NULL));
	sqlite3_bind_blob(st, 1, xml, (int)len, SQLITE_TRANSIENT);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	free(xml);
	return db;
}

/*
 * 2026-12-02: W-OUTLIER printed its median raw ("มัธยฐาน 91.66666667").
 * Eight schools send QUAL01 (a percentage from numerator and denominator,
 * 2 decimals): 10/12 twice, 11/12 four times, 12/12 and 1/12.  Sorted:
 * 8.33, 83.33, 83.33, 91.67 x4, 100; median (91.67 + 91.67) / 2 = 91.67;
 * deviations 0 x4, 8.33 x3, 83.33: MAD (0 + 8.33) / 2 = 4.1667; range
 * 91.6667 -/+ 3 x 1.4826 x 4.1667 = 73.13 to 110.20, a percentage no
 * higher than 100.  Only 1/12 (= 8.33) is outside.
 */
static void test_outlier_message(void)
{
	static const char *const parts[8][2] = {
		{ "10", "12" }, { "10", "12" }, { "11", "12" }, { "11", "12" },
		{ "11", "12" }, { "11", "12" }, { "12", "12" }, { "1", "12" },
	};
	struct validate_stats stats;
	struct tt_error err;
	sqlite3 *db = demo_db();
	char *got;
	int i;

	tt_error_clear(&err);
	if (!db)
		return;
	for (i = 0; i < 8; i++) {
		struct strbuf q;

		strbuf_init(&q);
		strbuf_addf(&q, "INSERT INTO unit VALUES('10310100%02d', 's', 'school', '3101', 1, %d);"
			    "INSERT INTO submission(id, file_id, unit_code, fiscal_year_text,"
			    " round_text, fiscal_year, round, submitted_on, first_row)"
			    " VALUES(%d, 1, '10310100%02d', '2567', '12', 2567, 12, '2024-10-01', %d);"
			    "INSERT INTO value(submission_id, indicator, numerator, denominator, row, col)"
			    " VALUES(%d, 'QUAL01', '%s', '%s', %d, 'E')",
			    i + 1, i + 2, i + 1, i + 1, i + 2, i + 1, parts[i][0], parts[i][1], i + 2);
		CHECK(!sql(db, q.buf));
		strbuf_release(&q);
	}
	CHECK(!validate_run(db, &stats, &err));
	CHECK(stats.accepted == 8);
	got = one(db, "SELECT group_concat(s.unit_code) FROM issue i JOIN submission s"
		      " ON s.id = i.submission_id WHERE i.code = 'W-OUTLIER'");
	CHECK_STR(got, "1031010008");
	free(got);
	got = one(db, "SELECT message_en FROM issue WHERE code = 'W-OUTLIER'");
	CHECK_STR(got, "QUAL01: 1/12 (= 8.33) is far from the office's other schools"
		       " (median 91.67, usual range 73.13 to 100.00)");
	free(got);
	got = one(db, "SELECT message_th FROM issue WHERE code = 'W-OUTLIER'");
	CHECK(strstr(got, "ค่าที่กรอก 1/12 (= 8.33)") != NULL);
	CHECK(strstr(got, "มัธยฐาน 91.67 ช่วงปกติ 73.13 ถึง 100.00)") != NULL);
	free(got);
	db_close(db);
}

/*
 * Outliers are flagged indicator by indicator in the order of their codes,
 * each indicator's in the order its values were stored, whatever order
 * the office's schools are read in (network by network).  Ten schools in
 * two networks send SAFE05 (10 to 12, and 500 twice) and OPP02 (20 to 23,
 * and 900 twice); SAFE05's values are stored first, schools 10 down to 1,
 * then OPP02's, schools 1 up to 10.
 */
static void test_outlier_order(void)
{
	struct validate_stats stats;
	struct tt_error err;
	struct strbuf q;
	sqlite3 *db = demo_db();
	char *got;
	int i;

	tt_error_clear(&err);
	if (!db)
		return;
	strbuf_init(&q);
	strbuf_addstr(&q, "INSERT INTO unit VALUES('3101-N1', 'n1', 'network', '3101', 1, 2);"
		      "INSERT INTO unit VALUES('3101-N2', 'n2', 'network', '3101', 1, 3);");
	for (i = 1; i <= 10; i++)
		strbuf_addf(&q, "INSERT INTO unit VALUES('10310100%02d', 's', 'school', '3101-N%d', 1,"
			    " %d); INSERT INTO submission(id, file_id, unit_code, fiscal_year_text,"
			    " round_text, fiscal_year, round, submitted_on, first_row) VALUES(%d, 1,"
			    " '10310100%02d', '2567', '12', 2567, 12, '2024-10-01', %d);",
			    i, i <= 5 ? 2 : 1, i + 3, i, i, i + 1);
	for (i = 10; i >= 1; i--)
		strbuf_addf(&q, "INSERT INTO value(submission_id, indicator, value, number, row, col)"
			    " VALUES(%d, 'SAFE05', '%d', %d, %d, 'E');", i,
			    i == 3 || i == 8 ? 500 : 10 + i % 3, i == 3 || i == 8 ? 500 : 10 + i % 3,
			    i + 1);
	for (i = 1; i <= 10; i++)
		strbuf_addf(&q, "INSERT INTO value(submission_id, indicator, value, number, row, col)"
			    " VALUES(%d, 'OPP02', '%d', %d, %d, 'F');", i,
			    i == 2 || i == 9 ? 900 : 20 + i % 4, i == 2 || i == 9 ? 900 : 20 + i % 4,
			    i + 1);
	CHECK(!sql(db, q.buf));
	strbuf_release(&q);
	CHECK(!validate_run(db, &stats, &err));
	CHECK(stats.accepted == 10);
	got = one(db, "SELECT group_concat(substr(i.message_en, 1, 6) || s.unit_code, ' ')"
		      " FROM (SELECT * FROM issue ORDER BY id) i JOIN submission s"
		      " ON s.id = i.submission_id WHERE i.code = 'W-OUTLIER'");
	CHECK_STR(got, "OPP02:1031010002 OPP02:1031010009 SAFE051031010008 SAFE051031010003");
	free(got);
	db_close(db);
}

/*
 * A value's row is written by validate only where its indicator reads it
 * otherwise than ingest did (validate_plain_number()).  One school's
 * round-12 submission of the demo's framework, each value stored with the
 * number ingest gives it, and an update trigger of the test's own
 * counting the rows validate writes:
 *   QUAL03 (number) "12", SAFE02 (yes/no) "ใช่", QUAL01 (percentage) 41
 *   of 45: read alike, not written (QUAL01's numerator stays "41");
 *   OPP03 (percentage) "๔๑" of 45: the same number, but its numerator
 *   does not read as 41, so it is written as 41.0;
 *   SAFE06 (text) "12", QUAL02 (level, 2 to 5) "6", EFF03 (an office's)
 *   "3", NOPE01 (no such indicator) "7": no number, written;
 * and a second submission of fiscal year 2599 (no framework): not
 * checked, its one value ("5") loses its number.  Checked again, nothing
 * is written.
 */
#define NUMBER "CASE WHEN number IS NULL THEN 'NULL' ELSE printf('%.2f', number) END"
static void test_numbers_written(void)
{
	static const struct {
		const char *indicator, *value, *numerator, *denominator;
	} v[] = {
		{ "QUAL03", "12", NULL, NULL },   { "SAFE02", "ใช่", NULL, NULL },
		{ "QUAL01", NULL, "41", "45" },   { "OPP03", NULL, "๔๑", "45" },
		{ "SAFE06", "12", NULL, NULL },   { "QUAL02", "6", NULL, NULL },
		{ "EFF03", "3", NULL, NULL },     { "NOPE01", "7", NULL, NULL },
	};
	struct validate_stats stats;
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db = demo_db();
	char *got;
	size_t i;
	double number;

	tt_error_clear(&err);
	if (!db)
		return;
	CHECK(!sql(db, "INSERT INTO unit VALUES('1031010001', 's', 'school', '3101', 1, 2);"
		       "INSERT INTO submission(id, file_id, unit_code, fiscal_year_text, round_text,"
		       " fiscal_year, round, submitted_on, first_row) VALUES"
		       " (1, 1, '1031010001', '2567', '12', 2567, 12, '2024-10-01', 2),"
		       " (2, 1, '1031010001', '2599', '12', 2599, 12, '2024-10-01', 20);"
		       "INSERT INTO value(id, submission_id, indicator, value, number, row, col)"
		       " VALUES(100, 2, 'QUAL03', '5', 5, 20, 'E');"
		       "CREATE TABLE written(id INTEGER);"
		       "CREATE TRIGGER written AFTER UPDATE ON value"
		       " BEGIN INSERT INTO written VALUES(NEW.id); END"));
	CHECK(!db_prepare(db, &st, "INSERT INTO value(id, submission_id, indicator, value,"
			  " numerator, denominator, number, row, col)"
			  " VALUES(?1, 1, ?2, ?3, ?4, ?5, ?6, ?1, 'E')", NULL));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, (long long)i + 1);
		sqlite3_bind_text(st, 2, v[i].indicator, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, v[i].value, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, v[i].numerator, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, v[i].denominator, -1, SQLITE_STATIC);
		if (validate_plain_number(v[i].value, v[i].numerator, v[i].denominator, &number))
			sqlite3_bind_double(st, 6, number);
		else
			sqlite3_bind_null(st, 6);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
	}
	sqlite3_finalize(st);
	got = one(db, "SELECT group_concat(indicator || '=' || " NUMBER ", ' ') FROM value"
		      " WHERE submission_id = 1");
	CHECK_STR(got, "QUAL03=12.00 SAFE02=1.00 QUAL01=91.11 OPP03=91.11"
		       " SAFE06=12.00 QUAL02=6.00 EFF03=3.00 NOPE01=7.00");
	free(got);
	CHECK(!validate_run(db, &stats, &err));
	CHECK(stats.rejected == 2);
	got = one(db, "SELECT group_concat(v.indicator, ' ') FROM written w JOIN value v"
		      " ON v.id = w.id ORDER BY w.rowid");
	CHECK_STR(got, "OPP03 SAFE06 QUAL02 EFF03 NOPE01 QUAL03");
	free(got);
	got = one(db, "SELECT group_concat(indicator || '=' || " NUMBER " || ':'"
		      " || quote(numerator), ' ') FROM value");
	CHECK_STR(got, "QUAL03=12.00:NULL SAFE02=1.00:NULL QUAL01=91.11:'41'"
		       " OPP03=91.11:'41.0' SAFE06=NULL:NULL QUAL02=NULL:NULL"
		       " EFF03=NULL:NULL NOPE01=NULL:NULL QUAL03=NULL:NULL");
	free(got);
	/* checked again (as after a framework changed): each row as it is */
	CHECK(!sql(db, "DELETE FROM written; UPDATE submission SET status = 'new'"));
	CHECK(!validate_run(db, &stats, &err));
	got = one(db, "SELECT COUNT(*) FROM written");
	CHECK_STR(got, "0");
	free(got);
	db_close(db);
}

static struct indicator make(enum value_type t, int required)
{
	struct indicator ind = { 0 };

	ind.code = "X";
	ind.name = "x";
	ind.type = t;
	ind.required = required;
	return ind;
}

static const char *code_of(const struct indicator *ind, const char *v, const char *n,
			   const char *d, struct value_check *c)
{
	value_check_release(c); /* the messages of the check before */
	validate_value(ind, v, n, d, c);
	return c->code ? c->code : "ok";
}

/* The indicator's own rules: min, max, integer, allowed values. */
static void test_indicator_rules(void)
{
	static char *allowed[] = { "1", "3", "5" };
	static char *words[] = { "ครบ", "ไม่ครบ" };
	struct value_check c = { 0 };
	struct indicator ind = make(VALUE_NUMBER, 1);

	ind.has_min = ind.has_max = 1;
	ind.min = 10;
	ind.max = 200;
	CHECK_STR(code_of(&ind, "150", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&ind, "๒๐๐", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&ind, "201", NULL, NULL, &c), "E-RANGE");
	CHECK(strstr(c.message_th.buf, "ต้องอยู่ระหว่าง 10 ถึง 200") != NULL);
	CHECK(strstr(c.message_en.buf, "between 10 and 200") != NULL);
	CHECK_STR(code_of(&ind, "9.5", NULL, NULL, &c), "E-RANGE");
	ind.has_max = 0;
	CHECK_STR(code_of(&ind, "9", NULL, NULL, &c), "E-RANGE");
	CHECK(strstr(c.message_en.buf, "at least 10") != NULL);
	ind.integer = 1;
	CHECK_STR(code_of(&ind, "12.5", NULL, NULL, &c), "E-TYPE");
	CHECK(strstr(c.message_en.buf, "whole number") != NULL);
	CHECK_STR(code_of(&ind, "12", NULL, NULL, &c), "ok");

	ind = make(VALUE_LEVEL, 1);
	ind.allowed = allowed;
	ind.nr_allowed = 3;
	CHECK_STR(code_of(&ind, "3", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&ind, "๕", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&ind, "4", NULL, NULL, &c), "E-ALLOWED");
	CHECK(strstr(c.message_th.buf, "1, 3, 5") != NULL);
	ind = make(VALUE_TEXT, 1);
	ind.allowed = words;
	ind.nr_allowed = 2;
	CHECK_STR(code_of(&ind, " ครบ ", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&ind, "เกือบครบ", NULL, NULL, &c), "E-ALLOWED");
	value_check_release(&c);
}

/*
 * 2026-12-02: messages were built in fixed arrays of 300-400 bytes and cut
 * in the middle of a Thai character.  A message longer than any such
 * array comes back whole and valid UTF-8.
 */
static void test_long_message_whole(void)
{
	static char *many[40];
	char words[40][64];
	struct value_check c = { 0 };
	struct indicator ind = make(VALUE_TEXT, 1);
	size_t i;

	for (i = 0; i < 40; i++) {
		snprintf(words[i], sizeof(words[i]), "ดำเนินการแล้วระดับ%zu", i);
		many[i] = words[i];
	}
	ind.allowed = many;
	ind.nr_allowed = 40;
	CHECK_STR(code_of(&ind, "ไม่รู้", NULL, NULL, &c), "E-ALLOWED");
	CHECK(c.message_th.len > 1000);
	CHECK(tt_utf8_valid_text(c.message_th.buf, c.message_th.len));
	CHECK(strstr(c.message_th.buf, "ดำเนินการแล้วระดับ39") != NULL);
	CHECK(strstr(c.message_en.buf, "ดำเนินการแล้วระดับ39") != NULL);
	value_check_release(&c);
}

int main(void)
{
	struct value_check c = { 0 };
	struct indicator num = make(VALUE_NUMBER, 1), pct = make(VALUE_PERCENT, 1);
	struct indicator lvl = make(VALUE_LEVEL, 1), yn = make(VALUE_YESNO, 1);
	struct indicator txt = make(VALUE_TEXT, 0), opt = make(VALUE_NUMBER, 0);

	test_outlier_message();
	test_outlier_order();
	test_numbers_written();

	/* number */
	CHECK_STR(code_of(&num, "1,250", NULL, NULL, &c), "ok");
	CHECK_NEAR(c.number, 1250);
	CHECK_STR(code_of(&num, " 12.5 ", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&num, "abc", NULL, NULL, &c), "E-TYPE");
	CHECK(c.is_error);
	CHECK_STR(code_of(&num, "-3", NULL, NULL, &c), "E-RANGE");
	/* 2026-12-02: an empty cell was E-REQUIRED; an empty cell is no value */
	CHECK_STR(code_of(&num, "", NULL, NULL, &c), "ok");
	CHECK(!c.has_number);
	CHECK_STR(code_of(&num, "  ", "", NULL, &c), "ok");
	CHECK(!c.has_number);
	CHECK_STR(code_of(&pct, NULL, " ", "", &c), "ok");
	CHECK(!c.has_number);
	CHECK_STR(code_of(&opt, "", NULL, NULL, &c), "ok");
	CHECK(!c.has_number);

	/* percentage from numerator and denominator */
	CHECK_STR(code_of(&pct, NULL, "41", "45", &c), "ok");
	CHECK_NEAR(c.number, 41.0 / 45.0 * 100.0);
	CHECK_NEAR(c.numerator, 41);
	CHECK_STR(code_of(&pct, "41/45", NULL, NULL, &c), "ok");
	CHECK_NEAR(c.denominator, 45);
	CHECK_STR(code_of(&pct, NULL, "52", "48", &c), "E-RATIO");
	CHECK_STR(code_of(&pct, NULL, "5", "0", &c), "E-RATIO");
	CHECK_STR(code_of(&pct, NULL, "x", "4", &c), "E-TYPE");
	CHECK_STR(code_of(&pct, "85", NULL, NULL, &c), "E-TYPE");
	CHECK_STR(code_of(&pct, NULL, "45", "45", &c), "ok");
	CHECK_NEAR(c.number, 100);

	/* success level 1-5 */
	CHECK_STR(code_of(&lvl, "1", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&lvl, "5", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&lvl, "0", NULL, NULL, &c), "E-RANGE");
	CHECK_STR(code_of(&lvl, "6", NULL, NULL, &c), "E-RANGE");
	CHECK_STR(code_of(&lvl, "3.5", NULL, NULL, &c), "E-RANGE");
	CHECK_STR(code_of(&lvl, "ดี", NULL, NULL, &c), "E-RANGE");

	/* yes / no, English and Thai */
	CHECK_STR(code_of(&yn, "yes", NULL, NULL, &c), "ok");
	CHECK_NEAR(c.number, 1);
	CHECK_STR(code_of(&yn, "ไม่มี", NULL, NULL, &c), "ok");
	CHECK_NEAR(c.number, 0);
	CHECK_STR(code_of(&yn, "ใช่", NULL, NULL, &c), "ok");
	CHECK_STR(code_of(&yn, "maybe", NULL, NULL, &c), "E-TYPE");
	CHECK(validate_parse_yesno(" No ") == 0);

	/* narrative text: anything, never a number */
	CHECK_STR(code_of(&txt, "ดำเนินการครบถ้วน", NULL, NULL, &c), "ok");
	CHECK(!c.has_number);
	value_check_release(&c);
	test_indicator_rules();
	test_long_message_whole();
	return test_report("validate");
}
