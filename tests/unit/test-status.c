/*
 * Unit tests of the status module: one office's 6-month round of the demo
 * framework (deadline 2024-04-15), with counts and states worked out by
 * hand, equal to what aggregate stores in completeness.
 */
#include <stdlib.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/status.h"
#include "tidtam/util.h"
#include "test.h"

#define DEMO "input/framework/2567.xml"

/*
 *   A  rejected 04-10, accepted 04-20     accepted, late
 *   B  accepted 04-10, held 04-20         accepted, on time, held waiting
 *   C  accepted 04-10, rejected 04-20     accepted, on time
 *   D  rejected 04-10                     rejected, on time
 *   E  rejected 04-20                     rejected, late
 *   F  nothing                            missing
 *   G  held 04-12                         held, on time
 *   H  new 04-30                          pending, late
 *   the office (owes EFF01-03)            missing
 * expected 9, received 7, on time 4, late 3, missing 2, accepted 3,
 * rejected 2, held 2 (B and G), pending 1.
 */
static const struct { const char *unit, *date, *status; } subs[] = {
	{ "A", "2024-04-10", "rejected" }, { "A", "2024-04-20", "accepted" },
	{ "B", "2024-04-10", "accepted" }, { "B", "2024-04-20", "held" },
	{ "C", "2024-04-10", "accepted" }, { "C", "2024-04-20", "rejected" },
	{ "D", "2024-04-10", "rejected" }, { "E", "2024-04-20", "rejected" },
	{ "G", "2024-04-12", "held" }, { "H", "2024-04-30", "new" },
};
static const char *const schools[] = { "A", "B", "C", "D", "E", "F", "G", "H" };

/* A submission of unit to the fiscal year 2567's round (round_text: unique in file 1). */
static void add_submission(sqlite3 *db, const char *unit, const char *date, const char *status,
			   int round, long round_text)
{
	sqlite3_stmt *st;

	CHECK(!db_prepare(db, &st, "INSERT INTO submission(file_id, unit_code,"
			  " fiscal_year_text, round_text, fiscal_year, round, submitted_on,"
			  " first_row, status) VALUES(1, ?1, '2567', ?3, 2567, ?5, ?2, 2, ?4)", NULL));
	db_bind_text(st, 1, unit);
	db_bind_text(st, 2, date);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)round_text);
	db_bind_text(st, 4, status);
	sqlite3_bind_int(st, 5, round);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
}

static sqlite3 *setup(void)
{
	struct tt_error err;
	sqlite3_stmt *st;
	sqlite3 *db;
	char *xml;
	size_t len, i;

	tt_error_clear(&err);
	if (db_open(":memory:", &db, &err) || tt_read_file(DEMO, &xml, &len, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return NULL;
	}
	CHECK(!db_exec(db, "INSERT INTO file(id, path, size, sha256, version, format, status,"
			   " ingested_at) VALUES(1, 'a.csv', 1, 'x', 1, 'csv', 'stored', '2024-10-01');"
			   "INSERT INTO unit VALUES('3101', 'สำนักงาน', 'office', NULL, 1, 1);"
			   "INSERT INTO unit VALUES('3199', 'อื่น', 'office', NULL, 1, 1);"
			   "INSERT INTO unit VALUES('N1', 'เครือข่าย', 'network', '3101', 1, 1)", NULL));
	CHECK(!db_prepare(db, &st, "INSERT INTO framework VALUES(2567, 1, ?1)", NULL));
	sqlite3_bind_blob(st, 1, xml, (int)len, SQLITE_TRANSIENT);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	free(xml);
	for (i = 0; i < sizeof(schools) / sizeof(schools[0]); i++) {
		/* half directly under the office, half under its network */
		CHECK(!db_prepare(db, &st, "INSERT INTO unit VALUES(?1, 'โรงเรียน ' || ?1,"
				  " 'school', ?2, 1, 1)", NULL));
		db_bind_text(st, 1, schools[i]);
		db_bind_text(st, 2, i % 2 ? "N1" : "3101");
		CHECK(sqlite3_step(st) == SQLITE_DONE);
		sqlite3_finalize(st);
	}
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		add_submission(db, subs[i].unit, subs[i].date, subs[i].status, 6, (long)i);
	return db;
}

static const struct status_unit *unit(const struct status_round *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nr_units; i++)
		if (!strcmp(r->units[i].code, code))
			return &r->units[i];
	return NULL;
}

static void check_round(const struct status_round *r, int from_completeness)
{
	static const struct { const char *code; enum status_state state; int on_time, held; } want[] = {
		{ "3101", STATUS_MISSING, 0, 0 }, { "A", STATUS_ACCEPTED, 0, 0 },
		{ "B", STATUS_ACCEPTED, 1, 1 }, { "C", STATUS_ACCEPTED, 1, 0 },
		{ "D", STATUS_REJECTED, 1, 0 }, { "E", STATUS_REJECTED, 0, 0 },
		{ "F", STATUS_MISSING, 0, 0 }, { "G", STATUS_HELD, 1, 1 },
		{ "H", STATUS_PENDING, 0, 0 },
	};
	size_t i;

	CHECK(r->fiscal_year == 2567 && r->round == 6);
	CHECK_STR(r->office, "3101");
	CHECK_STR(r->office_name, "สำนักงาน");
	CHECK_STR(r->deadline, "2024-04-15");
	CHECK(r->from_completeness == from_completeness);
	CHECK(r->expected == 9 && r->received == 7 && r->on_time == 4 && r->late == 3);
	CHECK(r->missing == 2 && r->accepted == 3);
	CHECK(r->rejected == 2 && r->held == 2 && r->pending == 1);
	/* the office first, then the schools by code; no network */
	CHECK(r->nr_units == 9);
	for (i = 0; i < 9 && i < r->nr_units; i++) {
		CHECK_STR(r->units[i].code, want[i].code);
		CHECK(r->units[i].state == want[i].state);
		CHECK(r->units[i].on_time == want[i].on_time);
		CHECK(r->units[i].held == want[i].held);
	}
	CHECK(unit(r, "3101")->is_office && !unit(r, "A")->is_office);
	CHECK_STR(unit(r, "A")->submitted_on, "2024-04-20");
	CHECK_STR(unit(r, "C")->submitted_on, "2024-04-10");
	CHECK_STR(unit(r, "F")->submitted_on, "");
	CHECK_STR(unit(r, "B")->name, "โรงเรียน B");
}

static void test_status(void)
{
	struct aggregate_stats stats;
	struct status_list list;
	struct tt_error err;
	sqlite3 *db = setup();
	size_t i;

	if (!db) {
		CHECK(0);
		return;
	}
	tt_error_clear(&err);
	/* before aggregate: counted from the units' states */
	CHECK(!status_load(db, 2567, 6, "3101", &list, &err));
	CHECK(list.nr_rounds == 1);
	if (list.nr_rounds == 1)
		check_round(&list.rounds[0], 0);
	status_list_release(&list);

	/* after aggregate: the same figures, read from completeness */
	CHECK(!aggregate_run(db, &stats, &err));
	CHECK(!status_load(db, 2567, 6, "3101", &list, &err));
	CHECK(list.nr_rounds == 1);
	if (list.nr_rounds == 1)
		check_round(&list.rounds[0], 1);
	status_list_release(&list);

	/* every round of the framework, for both offices, ordered */
	CHECK(!status_load(db, 0, 0, NULL, &list, &err));
	CHECK(list.nr_rounds == 8);
	for (i = 0; i + 1 < list.nr_rounds; i++)
		CHECK(list.rounds[i].round < list.rounds[i + 1].round ||
		      (list.rounds[i].round == list.rounds[i + 1].round &&
		       strcmp(list.rounds[i].office, list.rounds[i + 1].office) < 0));
	if (list.nr_rounds == 8) {
		CHECK_STR(list.rounds[3].office, "3199");
		CHECK(list.rounds[3].round == 6 && list.rounds[3].nr_units == 1);
		CHECK(list.rounds[3].expected == 1 && list.rounds[3].missing == 1);
		CHECK(list.rounds[0].round == 3 && list.rounds[0].received == 0);
		check_round(&list.rounds[2], 1);
	}
	status_list_release(&list);

	/* nothing matches: no rounds, no error */
	CHECK(!status_load(db, 2567, 6, "9999", &list, &err) && list.nr_rounds == 0);
	status_list_release(&list);
	CHECK(!status_load(db, 2590, 0, NULL, &list, &err) && list.nr_rounds == 0);
	status_list_release(&list);

	/* an approval given with --force shows as such */
	CHECK(!db_exec(db, "INSERT INTO approval(fiscal_year, round, action, by_name, at,"
			   " forced, missing, rejected) VALUES(2567, 6, 'approve', 'กก.', '2024-05-01',"
			   " 1, 2, 2)", NULL));
	CHECK(!status_load(db, 2567, 0, "3101", &list, &err));
	CHECK(list.nr_rounds == 4);
	if (list.nr_rounds == 4) {
		CHECK(!list.rounds[0].approval.approved);
		CHECK(list.rounds[1].approval.approved && list.rounds[1].approval.forced);
		CHECK(list.rounds[1].approval.missing == 2 && list.rounds[1].approval.rejected == 2);
		CHECK_STR(list.rounds[1].approval.at, "2024-05-01");
	}
	status_list_release(&list);
	status_list_release(NULL);
	CHECK(!strcmp(status_state_name(STATUS_REJECTED), "rejected"));
	db_close(db);
}

/*
 * The submission that counts for a unit's round, in the 9-month round:
 *   P  rejected 07-10, new 07-20            pending (the newest), 07-20
 *   Q  new 07-20, rejected 07-20 (after)    rejected (the later row), 07-20
 *   S  accepted 07-05 and 07-25,            accepted, 07-25 (the newest
 *      rejected 07-30                       accepted, not the newest)
 */
static void test_counted(void)
{
	static const struct { const char *unit, *date, *status; } more[] = {
		{ "P", "2024-07-10", "rejected" }, { "P", "2024-07-20", "new" },
		{ "Q", "2024-07-20", "new" }, { "Q", "2024-07-20", "rejected" },
		{ "S", "2024-07-05", "accepted" }, { "S", "2024-07-25", "accepted" },
		{ "S", "2024-07-30", "rejected" },
	};
	struct status_list list;
	struct tt_error err;
	const struct status_unit *u;
	sqlite3 *db = setup();
	size_t i;

	if (!db) {
		CHECK(0);
		return;
	}
	tt_error_clear(&err);
	CHECK(!db_exec(db, "INSERT INTO unit VALUES('P', 'พี', 'school', '3101', 1, 1);"
			   "INSERT INTO unit VALUES('Q', 'คิว', 'school', 'N1', 1, 1);"
			   "INSERT INTO unit VALUES('S', 'เอส', 'school', '3101', 1, 1)", NULL));
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		add_submission(db, more[i].unit, more[i].date, more[i].status, 9, (long)(100 + i));
	CHECK(!status_load(db, 2567, 9, "3101", &list, &err));
	CHECK(list.nr_rounds == 1);
	if (list.nr_rounds == 1) {
		CHECK((u = unit(&list.rounds[0], "P")) && u->state == STATUS_PENDING);
		CHECK(u && !strcmp(u->submitted_on, "2024-07-20"));
		CHECK((u = unit(&list.rounds[0], "Q")) && u->state == STATUS_REJECTED);
		CHECK(u && !strcmp(u->submitted_on, "2024-07-20"));
		CHECK((u = unit(&list.rounds[0], "S")) && u->state == STATUS_ACCEPTED);
		CHECK(u && !strcmp(u->submitted_on, "2024-07-25"));
		CHECK(list.rounds[0].received == 3 && list.rounds[0].pending == 1);
	}
	status_list_release(&list);
	db_close(db);
}

int main(void)
{
	test_status();
	test_counted();
	return test_report("test-status");
}
