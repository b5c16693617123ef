/*
 * fuzz-units.c - unit lists (units.c, through csv.c and sheet.c) as ingest
 * reads a file under input/units/.
 *
 * The rows of a units sheet are trimmed as ingest trims them and added to
 * a list, which is then judged against a few units registered before (an
 * office 3101 and its network, office SPM35 and a school), as
 * unit_list_store() judges it against the database.  What holds: every
 * row is accepted or refused, every refusal is said in valid UTF-8, a
 * unit accepted is known, and judging again gives the same verdicts.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/record.h"
#include "tidtam/sheet.h"
#include "tidtam/units.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const struct {
	const char *code;
	int kind;
} registered[] = {
	{ "3101", UNIT_OFFICE }, { "3101-N01", UNIT_NETWORK }, { "SPM35", UNIT_OFFICE },
	{ "1031010001", UNIT_SCHOOL },
};

static int lookup(const char *code, struct unit_known *out, void *ctx)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(registered) / sizeof(registered[0]); i++)
		if (!strcmp(registered[i].code, code)) {
			out->kind = registered[i].kind;
			out->file = "units/registered.csv";
			out->row = (long)i + 2;
			return 1;
		}
	return 0;
}

struct reading {
	struct unit_list *ul;
	char **codes;             /* of every row, as added */
	size_t nr, alloc;
};

/* As ingest's normalise() and store_unit(): codes trimmed, Thai digits made ASCII. */
static int on_record(const struct record *in, void *ctx)
{
	static const enum record_field keys[] = { FIELD_UNIT, FIELD_PARENT };
	struct reading *r = ctx;
	struct record rec = *in;
	char *copies[2] = { NULL, NULL };
	size_t i;

	fuzz_record(in, NULL);
	if (in->kind != RECORD_UNIT)
		return 0;
	for (i = 0; i < 2; i++)
		if (in->field[keys[i]])
			rec.field[keys[i]] = copies[i] =
				tt_ascii_digits(tt_trim(xstrdup(in->field[keys[i]])));
	unit_list_add(r->ul, &rec);
	xgrow(&r->codes, &r->alloc, r->nr + 1, sizeof(*r->codes));
	r->codes[r->nr++] = tt_trim(xstrdup(rec.field[FIELD_UNIT] ? rec.field[FIELD_UNIT] : ""));
	free(copies[0]);
	free(copies[1]);
	return 0;
}

struct verdicts {
	size_t problems;
	uint64_t hash;
};

static int on_problem(const struct unit_problem *p, void *ctx)
{
	struct verdicts *v = ctx;

	FUZZ_CHECK(p->th && p->en && p->column);
	FUZZ_CHECK(fuzz_utf8(p->th, strlen(p->th)) && fuzz_utf8(p->en, strlen(p->en)));
	FUZZ_CHECK(fuzz_utf8(p->column, strlen(p->column)));
	if (p->found)
		FUZZ_CHECK(fuzz_utf8(p->found, strlen(p->found)));
	v->problems++;
	v->hash = fuzz_hash(v->hash, &p->row, sizeof(p->row));
	v->hash = fuzz_hash(v->hash, p->en, strlen(p->en));
	return 0;
}

static int compare_codes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many distinct codes of the rows the list accepted. */
static size_t known(const struct reading *r)
{
	struct unit_known k;
	size_t i, n = 0;

	if (r->nr)  /* qsort() may not be given NULL, even for nothing */
		qsort(r->codes, r->nr, sizeof(*r->codes), compare_codes);
	for (i = 0; i < r->nr; i++)
		if ((!i || strcmp(r->codes[i], r->codes[i - 1])) &&
		    unit_list_known(r->ul, r->codes[i], &k)) {
			FUZZ_CHECK(k.kind >= UNIT_OFFICE && k.kind <= UNIT_SCHOOL && k.row > 0);
			n++;
		}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reading r = { unit_list_new("units/fuzz.csv"), NULL, 0, 0 };
	struct verdicts first = { 0, FUZZ_HASH0 }, again = { 0, FUZZ_HASH0 };
	struct sheet_reader sr;
	struct tt_error err;
	size_t accepted, refused, accepted2, refused2, i;
	int rc;

	memset(&sr, 0, sizeof(sr));
	sr.fn = on_record;
	sr.ctx = &r;
	tt_error_clear(&err);
	rc = sheet_read_csv_memory(&sr, (const char *)data, size, "units/fuzz.csv", &err);
	fuzz_check_error(&err);
	if (!rc && sr.kind == SHEET_UNITS) {
		rc = unit_list_check(r.ul, lookup, NULL, on_problem, &first, &accepted, &refused,
				     &err);
		FUZZ_CHECK(!rc);
		FUZZ_CHECK(accepted + refused == unit_list_size(r.ul));
		FUZZ_CHECK(first.problems >= refused);
		rc = unit_list_check(r.ul, lookup, NULL, on_problem, &again, &accepted2, &refused2,
				     &err);
		FUZZ_CHECK(!rc && accepted2 == accepted && refused2 == refused);
		FUZZ_CHECK(again.problems == first.problems && again.hash == first.hash);
		/* an accepted row's code is known; a refused row's first one is not */
		FUZZ_CHECK(known(&r) == accepted);
	}
	for (i = 0; i < r.nr; i++)
		free(r.codes[i]);
	free(r.codes);
	unit_list_free(r.ul);
	return 0;
}
