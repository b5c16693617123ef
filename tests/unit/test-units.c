/*
 * Unit tests of unit lists (units.c): each kind of refusal, with its row
 * and column; a refused parent taking its schools with it, by name; cycles;
 * codes registered by another list; and offices unlike the demo (6-digit
 * school codes, schools directly under the office, Thai kinds and digits).
 */
#include <stdlib.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/record.h"
#include "tidtam/units.h"
#include "tidtam/util.h"
#include "test.h"

struct seen {
	long rows[64];
	char *en[64];
	char *column[64];
	size_t nr;
};

static int keep(const struct unit_problem *p, void *ctx)
{
	struct seen *s = ctx;

	if (s->nr < 64) {
		s->rows[s->nr] = p->row;
		s->en[s->nr] = xstrdup(p->en);
		s->column[s->nr] = xstrdup(p->column);
		s->nr++;
	}
	CHECK(p->th && *p->th && p->en && *p->en);
	CHECK(tt_utf8_valid_text(p->th, strlen(p->th)));
	return 0;
}

static void forget(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		free(s->en[i]);
		free(s->column[i]);
	}
	s->nr = 0;
}

/* Row number n (from 2: row 1 is the header) of code, name, kind, parent. */
static void add(struct unit_list *ul, long n, const char *code, const char *name,
		const char *kind, const char *parent)
{
	struct record rec;

	memset(&rec, 0, sizeof(rec));
	rec.kind = RECORD_UNIT;
	rec.field[FIELD_UNIT] = code;
	rec.field[FIELD_NAME] = name;
	rec.field[FIELD_KIND] = kind;
	rec.field[FIELD_PARENT] = parent;
	rec.row = n;
	rec.column = "A (code)";
	unit_list_add(ul, &rec);
}

/* The problem of row, or NULL. */
static const char *said(const struct seen *s, long row)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (s->rows[i] == row)
			return s->en[i];
	return NULL;
}

static int has(const struct seen *s, long row, const char *words)
{
	const char *en = said(s, row);

	if (!en || !strstr(en, words)) {
		fprintf(stderr, "row %ld: want '%s', got '%s'\n", row, words, en ? en : "(nothing)");
		return 0;
	}
	return 1;
}

/* An office of 6-digit schools directly under it, in Thai, with every mistake. */
static void test_mistakes(void)
{
	struct unit_list *ul = unit_list_new("units/sec.csv");
	struct seen s = { { 0 }, { 0 }, { 0 }, 0 };
	struct unit_known k;
	size_t ok, bad;

	add(ul, 2, "10320000", "สพม.บุรีรัมย์", "สพม.", "");
	add(ul, 3, "310001", "โรงเรียน ก", "โรงเรียน", "10320000");
	add(ul, 4, "๓๑๐๐๐๒", "โรงเรียน ข", "โรงเรียน", "๑๐๓๒๐๐๐๐"); /* Thai digits */
	add(ul, 5, "99x", "โรงเรียน ค", "โรงเรียน", "10320000");
	add(ul, 6, "310004", "โรงเรียน ง", "โรงเรียน", "10329999");
	add(ul, 7, "310001", "โรงเรียน ก ซ้ำ", "โรงเรียน", "10320000");
	add(ul, 8, "NET-1", "เครือข่าย", "เครือข่าย", "310001");
	add(ul, 9, "310005", "โรงเรียน จ", "โรงเรียน", "NET-1");
	add(ul, 10, "310006", "โรงเรียน ฉ", "school?", "10320000");
	add(ul, 11, "310007", "", "school", "10320000");
	add(ul, 12, "3100088", "โรงเรียน ซ", "school", "10320000");
	add(ul, 13, "310009", "โรงเรียน ฌ", "school", "");
	add(ul, 14, "310010", "โรงเรียน ญ", "school", "310010");
	add(ul, 15, "1234567890", "โรงเรียน ฎ", "school", "10320000");
	CHECK(unit_list_size(ul) == 14);
	CHECK(unit_list_check(ul, NULL, NULL, keep, &s, &ok, &bad, NULL) == 0);
	/* accepted: the office, 310001, 310002 (Thai digits), 1234567890 */
	CHECK(ok == 4);
	CHECK(bad == 10);
	CHECK(unit_list_known(ul, "310002", &k) == 1 && k.kind == UNIT_SCHOOL && k.row == 4);
	CHECK(unit_list_known(ul, "10320000", &k) == 1 && k.kind == UNIT_OFFICE);
	CHECK(unit_list_known(ul, "1234567890", &k) == 1);
	CHECK(unit_list_known(ul, "99x", &k) == 0);
	CHECK(said(&s, 2) == NULL && said(&s, 3) == NULL && said(&s, 4) == NULL);
	CHECK(has(&s, 5, "school code '99x' is not an OBEC school code: 6 digits (such as 310001)"));
	CHECK(has(&s, 6, "parent '10329999' of school '310004' is neither in this list nor registered"));
	CHECK(has(&s, 7, "code '310001' is already on row 3 of this file"));
	CHECK(has(&s, 8, "network 'NET-1' cannot be under school '310001'"));
	CHECK(has(&s, 9, "parent 'NET-1' (row 8) was refused, so school '310005' is refused too"));
	CHECK(has(&s, 10, "kind 'school?' is not office, network or school"));
	CHECK(has(&s, 11, "unit '310007' has no name"));
	CHECK(has(&s, 12, "school code '3100088'"));
	CHECK(has(&s, 13, "school '310009' has no parent"));
	CHECK(has(&s, 14, "school '310010' is its own parent"));
	CHECK(said(&s, 15) == NULL);
	/* rows in order; the parent's column named for parent problems */
	CHECK(s.nr == 10);
	CHECK(s.rows[0] == 5 && s.rows[s.nr - 1] == 14);
	CHECK_STR(s.column[0], "A (code)");
	CHECK(strstr(s.column[1], "parent") != NULL);
	forget(&s);
	unit_list_free(ul);
}

/* Cycles, and what hangs below them, whatever the order of the rows. */
static void test_cycles(void)
{
	struct unit_list *ul = unit_list_new("units/c.csv");
	struct seen s = { { 0 }, { 0 }, { 0 }, 0 };
	size_t ok, bad;

	add(ul, 2, "5000", "สำนักงาน ก", "office", "5001");
	add(ul, 3, "5001", "สำนักงาน ข", "office", "5002");
	add(ul, 4, "5002", "สำนักงาน ค", "office", "5000");
	add(ul, 5, "1050000001", "โรงเรียน", "school", "5001");
	add(ul, 6, "5003", "สำนักงาน ง", "office", "OBEC"); /* OBEC is above every list */
	add(ul, 7, "5003-N1", "เครือข่าย", "network", "5003");
	add(ul, 8, "1050030001", "โรงเรียน", "school", "5003-N1");
	CHECK(unit_list_check(ul, NULL, NULL, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 3 && bad == 4);
	CHECK(has(&s, 2, "office '5000' is its own ancestor: 5000 -> 5001 -> 5002 -> 5000"));
	CHECK(has(&s, 3, "its own ancestor"));
	CHECK(has(&s, 4, "its own ancestor"));
	CHECK(has(&s, 5, "parent '5001' (row 3) was refused"));
	forget(&s);
	/* judged again from scratch: the same */
	CHECK(unit_list_check(ul, NULL, NULL, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 3 && bad == 4 && s.nr == 4);
	forget(&s);
	unit_list_free(ul);
}

/* A second list: its schools hang under the first's office; a code of it is taken. */
static int first_list(const char *code, struct unit_known *out, void *ctx)
{
	return unit_list_known(ctx, code, out);
}

static void test_registered(void)
{
	struct unit_list *a = unit_list_new("units/a.csv"), *b = unit_list_new("units/b.csv");
	struct seen s = { { 0 }, { 0 }, { 0 }, 0 };
	size_t ok, bad;

	add(a, 2, "3101", "สำนักงาน", "office", "");
	add(a, 3, "1031010001", "โรงเรียน ก", "school", "3101");
	CHECK(unit_list_check(a, NULL, NULL, NULL, NULL, &ok, &bad, NULL) == 0 && ok == 2);
	add(b, 2, "1031010001", "โรงเรียน ก ย้าย", "school", "3101");
	add(b, 3, "1031010002", "โรงเรียน ข", "school", "3101");
	add(b, 4, "3101-N9", "เครือข่าย", "network", "1031010001");
	CHECK(unit_list_check(b, first_list, a, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 1 && bad == 2);
	CHECK(has(&s, 2, "code '1031010001' is already registered by units/a.csv (row 3)"));
	CHECK(has(&s, 4, "network '3101-N9' cannot be under school '1031010001'"));
	forget(&s);
	unit_list_free(a);
	unit_list_free(b);
}

/*
 * 2026-12-03: a list could make an office the parent of an office of
 * another list that was itself under it (3101 -> X1 -> 3101): each list
 * alone had no cycle, so it was taken, and aggregate counted every school
 * under the cycle once per turn.  The walk now follows registered units
 * too: self-parent, A -> B -> A and a longer loop, each named in order.
 */
static void test_cycle_through_registered(void)
{
	struct unit_list *a = unit_list_new("units/a.csv"), *b = unit_list_new("units/b.csv");
	struct unit_list *c = unit_list_new("units/c.csv");
	struct seen s = { { 0 }, { 0 }, { 0 }, 0 };
	size_t ok, bad;

	/* a: X1 under 3101, X2 under X1; b re-declares nothing of a but puts 3101 under X2 */
	add(a, 2, "X1", "สำนักงาน เอ็กซ์ 1", "office", "3101");
	add(a, 3, "X2", "สำนักงาน เอ็กซ์ 2", "office", "X1");
	CHECK(unit_list_check(a, NULL, NULL, NULL, NULL, &ok, &bad, NULL) == 0 && ok == 2);
	add(b, 2, "3101", "สำนักงาน", "office", "X2");
	add(b, 3, "3101-N01", "เครือข่าย", "network", "3101");
	add(b, 4, "1031010001", "โรงเรียน", "school", "3101-N01");
	add(b, 5, "3102", "สำนักงานอื่น", "office", "");
	add(b, 6, "1031020001", "โรงเรียนอื่น", "school", "3102");
	CHECK(unit_list_check(b, first_list, a, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 2 && bad == 3);
	CHECK(has(&s, 2, "office '3101' would be its own ancestor through units registered by"
		  " other lists: 3101 -> X2 (units/a.csv row 3) -> X1 (units/a.csv row 2) -> 3101"));
	CHECK(has(&s, 3, "parent '3101' (row 2) was refused"));
	CHECK(has(&s, 4, "parent '3101-N01' (row 3) was refused"));
	CHECK(!said(&s, 5) && !said(&s, 6));
	forget(&s);

	/* A -> B -> A across two lists, the cycle met from a school below it */
	add(c, 2, "1031010009", "โรงเรียน", "school", "X9");
	add(c, 3, "X9", "สำนักงาน เก้า", "office", "X1");
	unit_list_free(a);
	a = unit_list_new("units/a.csv");
	add(a, 2, "X1", "สำนักงาน เอ็กซ์ 1", "office", "X9");
	CHECK(unit_list_check(a, NULL, NULL, NULL, NULL, &ok, &bad, NULL) == 0 && ok == 1);
	CHECK(unit_list_check(c, first_list, a, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 0 && bad == 2);
	CHECK(has(&s, 3, "office 'X9' would be its own ancestor through units registered by"
		  " other lists: X9 -> X1 (units/a.csv row 2) -> X9"));
	CHECK(has(&s, 2, "parent 'X9' (row 3) was refused"));
	forget(&s);
	unit_list_free(a);
	unit_list_free(b);
	unit_list_free(c);

	/* within one list: a self-parent, and a loop of two */
	c = unit_list_new("units/c.csv");
	add(c, 2, "7000", "สำนักงาน", "office", "7000");
	add(c, 3, "7001", "สำนักงาน ก", "office", "7002");
	add(c, 4, "7002", "สำนักงาน ข", "office", "7001");
	CHECK(unit_list_check(c, NULL, NULL, keep, &s, &ok, &bad, NULL) == 0);
	CHECK(ok == 0 && bad == 3);
	CHECK(has(&s, 2, "office '7000' is its own parent"));
	CHECK(has(&s, 3, "office '7001' is its own ancestor: 7001 -> 7002 -> 7001"));
	CHECK(has(&s, 4, "office '7002' is its own ancestor: 7002 -> 7001 -> 7002"));
	forget(&s);
	unit_list_free(c);
}

/* What a check said of a large list: how many problems, the longest, the first. */
struct tally {
	size_t nr, longest;
	char *first;
};

static int count(const struct unit_problem *p, void *ctx)
{
	struct tally *t = ctx;

	if (!t->nr++)
		t->first = xstrdup(p->en);
	if (strlen(p->en) > t->longest)
		t->longest = strlen(p->en);
	if (strlen(p->th) > t->longest)
		t->longest = strlen(p->th);
	return 0;
}

/*
 * The largest lists a hostile file can give, judged in one pass: offices
 * in one cycle as long as a list may be (each refused with the cycle named
 * by its first units, not all of them), and offices in a chain as deep,
 * listed child first (each decided once its parent is).
 */
static void test_long_cycle_and_chain(void)
{
	struct unit_list *ul = unit_list_new("units/loop.csv");
	struct tally t = { 0, 0, NULL };
	char code[16], parent[16];
	size_t n = UNIT_LIST_MAX_ROWS - 1, ok = 7, bad = 7, i;

	for (i = 0; i < n; i++) {
		snprintf(code, sizeof(code), "O%zu", i);
		snprintf(parent, sizeof(parent), "O%zu", (i + 1) % n);
		add(ul, (long)i + 2, code, "สำนักงาน", "office", parent);
	}
	add(ul, (long)n + 2, "1050000001", "โรงเรียน", "school", "O5");
	CHECK(unit_list_check(ul, NULL, NULL, count, &t, &ok, &bad, NULL) == 0);
	CHECK(ok == 0 && bad == n + 1 && t.nr == n + 1);
	CHECK(t.first && !strcmp(t.first, "office 'O0' is its own ancestor: O0 -> O1 -> O2 -> O3"
				 " -> O4 -> O5 -> O6 -> O7 -> O8 -> O9 -> … -> O0 (99999 units)"));
	CHECK(t.longest < 1000);
	free(t.first);
	unit_list_free(ul);

	ul = unit_list_new("units/chain.csv");
	memset(&t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof(code), "C%zu", i);
		snprintf(parent, sizeof(parent), "C%zu", i + 1);
		add(ul, (long)i + 2, code, "สำนักงาน", "office", i + 1 < n ? parent : "");
	}
	CHECK(unit_list_check(ul, NULL, NULL, count, &t, &ok, &bad, NULL) == 0);
	CHECK(ok == n && bad == 0 && t.nr == 0);
	unit_list_free(ul);
}

/*
 * A cycle no check of the rows can see, only the register once stored: a
 * new version of units/a.csv puts office A under B, which it no longer
 * lists (so its codes are not looked up) but the earlier version left
 * registered under A.  The list is refused whole, A named.
 */
static void test_stored_cycle(void)
{
	struct unit_list *ul = unit_list_new("units/a.csv");
	struct tt_error err;
	sqlite3 *db;
	size_t ok, bad;

	tt_error_clear(&err);
	CHECK(!db_open(":memory:", &db, &err));
	CHECK(!db_exec(db, "INSERT INTO file(id, path, size, sha256, version, format, status,"
			   " ingested_at) VALUES(1, 'units/a.csv', 1, 'x', 1, 'csv', 'stored',"
			   " '2024-10-01'), (2, 'units/a.csv', 1, 'y', 2, 'csv', 'stored', '2024-10-02');"
			   "INSERT INTO unit(code, name, kind, parent, file_id, row) VALUES"
			   " ('A', 'a', 'office', NULL, 1, 2), ('B', 'b', 'office', 'A', 1, 3)", &err));
	add(ul, 2, "A", "สำนักงาน ก", "office", "B");
	CHECK(unit_list_store(ul, db, 2, &ok, &bad, &err) == TT_EPARSE);
	CHECK(err.issue && !strcmp(err.issue, "E-UNITLIST"));
	CHECK(strstr(err.message, "unit 'A' would be its own ancestor") != NULL);
	/* without B left registered, the same list is taken */
	tt_error_clear(&err);
	CHECK(!db_exec(db, "DELETE FROM unit WHERE code = 'B'; UPDATE unit SET parent = NULL", &err));
	CHECK(unit_list_store(ul, db, 2, &ok, &bad, &err) == 0 && ok == 1 && bad == 0);
	sqlite3_close(db);
	unit_list_free(ul);
}

/* A list past UNIT_LIST_MAX_ROWS keeps no more rows, and is refused whole. */
static void test_too_large(void)
{
	struct unit_list *ul = unit_list_new("units/big.csv");
	struct tt_error err;
	char code[16];
	size_t ok = 7, bad = 7, i;

	add(ul, 2, "9999", "สำนักงาน", "office", "");
	for (i = 0; i < UNIT_LIST_MAX_ROWS + 10; i++) {
		snprintf(code, sizeof(code), "%zu", 2000000000 + i);
		add(ul, (long)i + 3, code, "โรงเรียน", "school", "9999");
	}
	CHECK(unit_list_size(ul) == UNIT_LIST_MAX_ROWS + 11);
	tt_error_clear(&err);
	CHECK(unit_list_check(ul, NULL, NULL, NULL, NULL, &ok, &bad, &err) == TT_EPARSE);
	CHECK(err.issue && !strcmp(err.issue, "E-TOOLARGE"));
	CHECK(strstr(err.message, "unit list too large: 100011 rows") != NULL);
	CHECK(ok == 7 && bad == 7);
	unit_list_free(ul);
}

int main(void)
{
	CHECK(unit_kind_parse("สพป.") == UNIT_OFFICE);
	CHECK(unit_kind_parse("เครือข่าย") == UNIT_NETWORK);
	CHECK(unit_kind_parse("สถานศึกษา") == UNIT_SCHOOL);
	CHECK(unit_kind_parse("schools") == -1);
	CHECK_STR(unit_kind_name(UNIT_NETWORK), "network");
	test_mistakes();
	test_cycles();
	test_registered();
	test_cycle_through_registered();
	test_long_cycle_and_chain();
	test_stored_cycle();
	test_too_large();
	return test_report("units");
}
