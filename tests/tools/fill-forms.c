/*
 * fill-forms - fill the forms of a fiscal year the way a school would, for
 * the round-trip test (t0008).
 *
 *   fill-forms DB FY ROUND OUT.xlsx VALUES.tsv [SKIP]
 *
 * Writes the wide workbook with forms_write_xlsx() (the code `tidtam forms`
 * uses, through libxlsxwriter) with every school's cells filled, and lists
 * every value it wrote as "unit<TAB>indicator<TAB>part<TAB>text" lines
 * (part: value, numerator or denominator), which the test's script also
 * uses to fill the CSV and XML forms.  As a school does, the cells of an
 * indicator not due in ROUND are left empty; with SKIP, every SKIP-th
 * school (the SKIP-th, 2·SKIP-th ...) leaves its whole row as the blank
 * form has it: code, name and year, no round, no value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/forms.h"
#include "tidtam/util.h"

struct filler {
	const struct framework *fw;
	const struct forms_unit *units;
	FILE *out;
	int round;           /* months */
	long skip;           /* every skip-th school fills nothing; 0: none */
	char buf[128];
};

/* A value for (unit, indicator) that depends on both, of the right type. */
static const char *value(const struct forms_unit *unit, const struct indicator *ind,
			 enum forms_part part, void *ctx)
{
	static const char *const parts[] = { "value", "numerator", "denominator" };
	struct filler *f = ctx;
	long i = (long)(unit - f->units), j = (long)(ind - f->fw->indicators);

	if (!indicator_due(ind, f->round) || (f->skip > 0 && (i + 1) % f->skip == 0))
		return NULL;
	switch (ind->type) {
	case VALUE_LEVEL:
		/* what a careful school types: one of the values the form allows */
		if (ind->nr_allowed)
			snprintf(f->buf, sizeof(f->buf), "%s",
				 ind->allowed[(size_t)(i + j) % ind->nr_allowed]);
		else
			snprintf(f->buf, sizeof(f->buf), "%ld", (i + j) % 5 + 1);
		break;
	case VALUE_YESNO:
		snprintf(f->buf, sizeof(f->buf), "%s", (i + j) % 2 ? "ใช่" : "ไม่ใช่");
		break;
	case VALUE_NUMBER:
		snprintf(f->buf, sizeof(f->buf), "%ld",
			 ind->has_max ? (i * 7 + j) % ((long)ind->max + 1) : i * 7 + j);
		break;
	case VALUE_PERCENT:
		if (part == FORMS_NUMERATOR)
			snprintf(f->buf, sizeof(f->buf), "%ld", (i + 2 * j) % 30);
		else if (part == FORMS_DENOMINATOR)
			snprintf(f->buf, sizeof(f->buf), "40");
		else
			snprintf(f->buf, sizeof(f->buf), "%ld.5", (i * 3 + j) % 99);
		break;
	case VALUE_TEXT:
		snprintf(f->buf, sizeof(f->buf), "ผลการดำเนินงานที่ %ld-%ld", i, j);
		break;
	}
	fprintf(f->out, "%s\t%s\t%s\t%s\n", unit->code, ind->code, parts[part], f->buf);
	return f->buf;
}

int main(int argc, char **argv)
{
	struct tt_error err;
	struct framework *fw;
	struct forms_unit *units = NULL;
	struct filler f;
	struct forms_fill fill;
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t nr = 0, alloc = 0, i;
	int rc;

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: fill-forms DB FY ROUND OUT.xlsx VALUES.tsv [SKIP]\n");
		return 2;
	}
	tt_error_clear(&err);
	if (db_open(argv[1], &db, &err) || !(fw = db_load_framework(db, atoi(argv[2]), &err)) ||
	    db_prepare(db, &st, "SELECT code, name FROM unit WHERE kind = 'school'"
				" ORDER BY code", &err)) {
		fprintf(stderr, "fill-forms: %s\n", err.message);
		return 3;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&units, &alloc, nr + 1, sizeof(*units));
		units[nr].code = xstrdup(db_column_text(st, 0));
		units[nr].name = xstrdup(db_column_text(st, 1));
		units[nr++].is_school = 1;
	}
	sqlite3_finalize(st);
	memset(&f, 0, sizeof(f));
	memset(&fill, 0, sizeof(fill));
	f.fw = fw;
	f.units = units;
	f.round = atoi(argv[3]);
	f.skip = argc == 7 ? atol(argv[6]) : 0;
	f.out = fopen(argv[5], "w");
	fill.value = value;
	fill.round = argv[3];
	fill.ctx = &f;
	rc = f.out ? forms_write_xlsx(fw, units, nr, argv[4], &fill, &err) : TT_EIO;
	if (rc)
		fprintf(stderr, "fill-forms: %s\n", err.message);
	if (f.out)
		fclose(f.out);
	for (i = 0; i < nr; i++) {
		free((char *)units[i].code);
		free((char *)units[i].name);
	}
	free(units);
	framework_free(fw);
	db_close(db);
	return rc ? 3 : 0;
}
