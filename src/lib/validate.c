/*
 * validate.c - checking submissions against the framework of their year
 * and deciding which are accepted.
 *
 * Workload: every run checks only the submissions still marked 'new' (all
 * of them again after a framework or unit list changed), a few thousand
 * values a night.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/expr.h"
#include "tidtam/framework.h"
#include "tidtam/period.h"
#include "tidtam/receipt.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/progress.h"
#include "tidtam/validate.h"
#include "tidtam/banned.h"

/*
 * The statements validation runs, each reading through an index: per
 * submission its values (read once, its checked numbers stored in one
 * statement, and kept for its rules) and the values of its unit's other
 * files a rule may use; once a run the units' rounds before (PAST_SQL)
 * and each round's values for outliers.  Listed by validate_statements()
 * for the test that asks SQLite how it runs them (but STORE_CHECKED_SQL,
 * which needs the checker's tt_checked()).
 */
/* (the columns every value's check reads; its cell's only for an issue) */
#define VALUES_SQL \
	"SELECT id, indicator, value, numerator, denominator, row, number" \
	" FROM value WHERE submission_id = ?1 ORDER BY id"
/*
 * The label of value ?1's cell, or (?2) of the cell naming its indicator:
 * as text before schema 14, a column_label by number since (value_cell()).
 */
#define VALUE_CELL_SQL \
	"SELECT CASE WHEN ?2 THEN CASE WHEN indicator_col_label IS NULL THEN indicator_col" \
	"   ELSE (SELECT label FROM column_label WHERE id = indicator_col_label) END" \
	" ELSE CASE WHEN col_label IS NULL THEN col" \
	"   ELSE (SELECT label FROM column_label WHERE id = col_label) END END" \
	" FROM value WHERE id = ?1"
#define OWN_VALUES_SQL \
	"SELECT indicator, number, CAST(numerator AS REAL), CAST(denominator AS REAL)" \
	" FROM value WHERE submission_id = ?1 AND number IS NOT NULL" \
	" ORDER BY indicator, id DESC"
#define UNIT_VALUES_SQL \
	"SELECT v.indicator, v.number, CAST(v.numerator AS REAL)," \
	" CAST(v.denominator AS REAL) FROM value v JOIN submission s ON s.id = v.submission_id" \
	" WHERE s.unit_code = ?1 AND s.fiscal_year = ?2 AND s.round = ?3" \
	" AND s.id <> ?4 AND s.status = 'accepted'" \
	" AND s.superseded_by IS NULL AND v.number IS NOT NULL" \
	" ORDER BY v.indicator, s.submitted_on DESC, s.id DESC, v.id DESC"
/*
 * The values a submission to check may be compared with (compare_previous()),
 * read once a run: those of the accepted submissions, not replaced, of a
 * unit to check, of a round before one to check in its fiscal year or of
 * the same round the year before (temp.checked_group holds them).
 */
#define PAST_SQL \
	"SELECT s.unit_code, v.indicator, v.number, s.fiscal_year, s.round, s.submitted_on," \
	" s.id, v.id FROM submission s JOIN value v ON v.submission_id = s.id" \
	" WHERE s.id IN (SELECT p.id FROM temp.checked_group g CROSS JOIN submission p" \
	"   ON p.unit_code = g.unit_code AND p.fiscal_year IN (g.fiscal_year, g.fiscal_year - 1)" \
	"   WHERE (p.fiscal_year = g.fiscal_year AND p.round < g.round)" \
	"      OR (p.fiscal_year = g.fiscal_year - 1 AND p.round = g.round))" \
	" AND s.status = 'accepted' AND s.superseded_by IS NULL AND v.number IS NOT NULL" \
	" ORDER BY s.id, v.id"
/*
 * A submission's checked numbers stored in one statement, each value's
 * from tt_checked() (struct checker's checked); a value not checked (no
 * indicator of that name, not due, not the unit's to give) has none.  Only
 * a row that changes is written again (own_row_checked() decides): ingest
 * stored each value's texts read as most indicators read them
 * (validate_plain_number()), and a framework changed makes every
 * submission of its year checked again, most of them to the numbers they
 * have.  A numerator and denominator are written again only when their
 * texts do not read (CAST) as the checked numbers ("๔๑", "1,250"): as the
 * text SQLite makes of a REAL (the column's TEXT affinity).
 */
#define STORE_CHECKED_SQL \
	"UPDATE value SET number = tt_checked(id, 1)," \
	" numerator = COALESCE(tt_checked(id, 2), numerator)," \
	" denominator = COALESCE(tt_checked(id, 3), denominator)" \
	" WHERE submission_id = ?1 AND tt_checked(id, 4, number IS NOT NULL)"
/*
 * The numbers of a submission whose values are not checked (held, or its
 * unit, year or round at fault): none, whatever ingest read in its texts.
 */
#define CLEAR_NUMBERS_SQL \
	"UPDATE value SET number = NULL WHERE submission_id = ?1 AND number IS NOT NULL"
/* a checked numerator and denominator as a rule reads them once stored */
#define AS_STORED_SQL "SELECT CAST(CAST(?1 AS TEXT) AS REAL), CAST(CAST(?2 AS TEXT) AS REAL)"
#define NEW_SUBMISSIONS_SQL \
	"SELECT id, file_id, unit_code, fiscal_year_text, round_text," \
	" fiscal_year, round, submitted_on, first_row, unit_col," \
	" fiscal_year_col, round_col," \
	" (SELECT path FROM file WHERE id = submission.file_id), superseded_by IS NOT NULL" \
	" FROM submission" \
	" WHERE status = 'new'" \
	/* earlier rounds first: later ones are compared with them */ \
	" ORDER BY fiscal_year, round, submitted_on, id"
/*
 * The accepted submissions, not replaced, of a round of the schools under
 * one parent (?1, NULL: none), for outliers, read office by office
 * (round_outliers(): a school's office is its parent's, from the unit list
 * read once a run, struct unit_entry's office).  (CROSS JOIN: the parent's
 * schools first, each finding its submissions by key.)  Their values are
 * those kept when they were checked in this run (struct kept_round), else
 * read by SUBMISSION_NUMBERS_SQL.
 */
#define OUTLIER_SUBMISSIONS_SQL \
	"SELECT s.id FROM unit u CROSS JOIN submission s ON s.unit_code = u.code" \
	" WHERE u.parent IS ?1 AND u.kind = 'school' AND s.fiscal_year = ?2 AND s.round = ?3" \
	" AND s.status = 'accepted' AND s.superseded_by IS NULL"
/* a submission's values with a number, as checked */
#define SUBMISSION_NUMBERS_SQL \
	"SELECT indicator, number, id FROM value WHERE submission_id = ?1 AND number IS NOT NULL"
/* an outlier's cell, what was found there ("85", or "41/45"), its submission and file */
#define OUTLIER_CELL_SQL \
	"SELECT v.row, COALESCE((SELECT label FROM column_label WHERE id = v.col_label)," \
	" v.col), COALESCE(NULLIF(TRIM(v.value), '')," \
	" printf('%g/%g', v.numerator, v.denominator), v.value, '')," \
	" v.submission_id, (SELECT file_id FROM submission WHERE id = v.submission_id)" \
	" FROM value v WHERE v.id = ?1"
/* the flags of a round of the schools under one parent, as OUTLIER_SUBMISSIONS_SQL reads them */
#define CLEAR_OUTLIERS_SQL \
	"DELETE FROM issue WHERE code = 'W-OUTLIER' AND submission_id IN" \
	" (SELECT s.id FROM unit u CROSS JOIN submission s ON s.unit_code = u.code" \
	" WHERE u.parent IS ?1 AND u.kind = 'school' AND s.fiscal_year = ?2 AND s.round = ?3)"
/*
 * The units and rounds of the submissions to check: the offices whose
 * outliers may change (outlier_offices_load()); only among an office's
 * schools can a value make another stand out.
 */
#define NEW_UNIT_ROUNDS_SQL \
	"SELECT fiscal_year, round, unit_code FROM submission" \
	" WHERE status = 'new' AND fiscal_year IS NOT NULL AND round IS NOT NULL"
#define CLEAR_NEW_ISSUES_SQL \
	"DELETE FROM issue WHERE submission_id IN" \
	" (SELECT id FROM submission WHERE status = 'new')"
#define NEW_ROUNDS_SQL \
	"SELECT DISTINCT fiscal_year, round FROM submission" \
	" WHERE status = 'new' AND fiscal_year IS NOT NULL AND round IS NOT NULL"

/*
 * Which accepted submission replaces which, worked out again for each unit,
 * fiscal year and round that had a submission to check in this run (in
 * temp.checked_group): a newer accepted one that has every indicator of an
 * older one replaces it.  The others are as the last run left them, since
 * only a check changes a submission's status.
 */
#define CHECKED_GROUPS_SQL \
	"CREATE TEMP TABLE IF NOT EXISTS checked_group(unit_code TEXT, fiscal_year INTEGER," \
	" round INTEGER, UNIQUE(fiscal_year, round, unit_code));" \
	"DELETE FROM temp.checked_group;" \
	"INSERT OR IGNORE INTO temp.checked_group SELECT unit_code, fiscal_year, round" \
	" FROM submission WHERE status = 'new';"
/* (CROSS JOIN: the few groups first, each finding its submissions by key) */
#define IN_CHECKED_GROUP \
	" id IN (SELECT s.id FROM temp.checked_group g CROSS JOIN submission s" \
	" ON s.unit_code = g.unit_code AND s.fiscal_year IS g.fiscal_year" \
	" AND s.round IS g.round)"
/*
 * A submission's newest replacement: the newest accepted one of its unit
 * and round, sent later, that has every indicator it has; NULL for one not
 * accepted, or none.
 */
#define SUPERSEDED_BY \
	"(CASE WHEN submission.status = 'accepted' THEN (" \
	"  SELECT n.id FROM submission n" \
	"  WHERE n.status = 'accepted' AND n.unit_code = submission.unit_code" \
	"    AND n.fiscal_year = submission.fiscal_year AND n.round = submission.round" \
	"    AND (n.submitted_on > submission.submitted_on OR" \
	"         (n.submitted_on = submission.submitted_on AND n.id > submission.id))" \
	"    AND NOT EXISTS (SELECT 1 FROM value v WHERE v.submission_id = submission.id" \
	"         AND v.indicator NOT IN (SELECT w.indicator FROM value w" \
	"                                 WHERE w.submission_id = n.id))" \
	"  ORDER BY n.submitted_on, n.id LIMIT 1) END)"
/*
 * Superseding worked out again for the checked groups, only the rows whose
 * replacement changes written: a row written again unchanged is its page
 * copied into the statement's journal (kept in memory, db.c), which for
 * every submission of a national first run came to some 70 MB.
 */
#define SUPERSEDE_SQL \
	"UPDATE submission SET superseded_by = " SUPERSEDED_BY \
	" WHERE" IN_CHECKED_GROUP " AND superseded_by IS NOT " SUPERSEDED_BY ";" \
	"DELETE FROM temp.checked_group;"
/*
 * The same for the groups of one fiscal year (?1) and round (?2), run as
 * soon as its submissions are checked (round_checked()), before its
 * outliers are found; its groups are then let go (ROUND_DONE_SQL), and
 * SUPERSEDE_SQL at the end does those left, of no year or round.
 */
#define ROUND_SUPERSEDE_SQL \
	"UPDATE submission SET superseded_by = " SUPERSEDED_BY \
	" WHERE id IN (SELECT s.id FROM temp.checked_group g CROSS JOIN submission s" \
	" ON s.unit_code = g.unit_code AND s.fiscal_year = g.fiscal_year AND s.round = g.round" \
	" WHERE g.fiscal_year = ?1 AND g.round = ?2)" \
	" AND superseded_by IS NOT " SUPERSEDED_BY
#define ROUND_DONE_SQL "DELETE FROM temp.checked_group WHERE fiscal_year = ?1 AND round = ?2"

int validate_parse_yesno(const char *s)
{
	static const char *const yes[] = { "yes", "y", "1", "true", "ใช่", "มี", "ผ่าน", "ดำเนินการแล้ว" };
	static const char *const no[] = { "no", "n", "0", "false", "ไม่ใช่", "ไม่มี", "ไม่ผ่าน", "ยังไม่ดำเนินการ" };
	char *t = tt_ascii_digits(tt_trim(xstrdup(s ? s : "")));
	size_t i;
	int r = -1;

	for (i = 0; i < 8 && r < 0; i++) {
		if (!strcasecmp(t, yes[i]))
			r = 1;
		else if (!strcasecmp(t, no[i]))
			r = 0;
	}
	free(t);
	return r;
}

static int blank(const char *s)
{
	return tt_is_blank(s);
}

/* The fewest decimals (up to 4) that print v as it is. */
static int exact_decimals(double v)
{
	int d = 0;

	while (d < 4 && fabs(v * pow(10, d) - round(v * pow(10, d))) > 1e-6)
		d++;
	return d;
}

/*
 * A figure of a message with the precision of its indicator: a
 * percentage with two decimals; one unit's count or level as a whole
 * number, or with up to two decimals when it has them.  A statistic over
 * the schools (a median, a range) is printed as the reports print the
 * indicator's results: means with two decimals too, and never fewer than
 * its target has.
 */
static void add_number(struct strbuf *sb, const struct indicator *ind, double v,
		       int statistic)
{
	int d = ind && ind->type == VALUE_PERCENT ? 2 : 0;
	int e = exact_decimals(v);

	if (statistic && ind && ind->aggregation == AGG_MEAN)
		d = 2;
	if (statistic && ind && ind->has_target && exact_decimals(ind->target) > d)
		d = exact_decimals(ind->target);
	if (d == 0 && e > 0)
		d = e > 2 ? 2 : e;
	thai_format_number(sb, v, d, 0);
}

/* One unit's value v of ind (NULL: a count) in a message. */
static void add_figure(struct strbuf *sb, const struct indicator *ind, double v)
{
	add_number(sb, ind, v, 0);
}

/* A statistic of ind's values over the schools in a message. */
static void add_statistic(struct strbuf *sb, const struct indicator *ind, double v)
{
	add_number(sb, ind, v, 1);
}

/* A number as written in a form: "1,250", "๘๕.๕", "85.5%" are all fine. */
static int parse_number(const char *s, double *out)
{
	return tt_parse_number_text(s, out, 1) ? -1 : 0;
}

static void problem(struct value_check *c, const char *code, int is_error,
		    const char *th, const char *en)
{
	c->code = code;
	c->is_error = is_error;
	strbuf_reset(&c->message_th);
	strbuf_addstr(&c->message_th, th);
	strbuf_reset(&c->message_en);
	strbuf_addstr(&c->message_en, en);
}

void value_check_release(struct value_check *c)
{
	strbuf_release(&c->message_th);
	strbuf_release(&c->message_en);
}

/* The percentage num of den makes, as check_percent() and validate_plain_number() give it. */
static double percent_of(double num, double den)
{
	return num / den * 100.0;
}

int validate_plain_number(const char *value, const char *numerator, const char *denominator,
			  double *out)
{
	double num, den;
	int yn;

	if (!blank(value) && !parse_number(value, out))
		return 1;
	if (!blank(value)) {
		yn = validate_parse_yesno(value);
		*out = yn;
		return yn >= 0;
	}
	if (parse_number(numerator, &num) || parse_number(denominator, &den) ||
	    den <= 0 || num < 0 || num > den)
		return 0;
	*out = percent_of(num, den);
	return 1;
}

static void check_percent(const struct indicator *ind, const char *value,
			  const char *numerator, const char *denominator,
			  struct value_check *c)
{
	struct strbuf num_text, den_text;
	double num, den;

	if (blank(numerator) && blank(denominator) && !blank(value) &&
	    ind->aggregation == AGG_MEAN && !parse_number(value, &num)) {
		/* a mean of percentages: each unit gives its own, "62.5" or "62.5%" */
		if (num < 0 || num > 100) {
			problem(c, "E-RANGE", 1, "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100",
				"a percentage must be between 0 and 100");
			return;
		}
		c->has_number = 1;
		c->number = num;
		return;
	}
	if (blank(numerator) && blank(denominator) && !blank(value)) {
		/* "41/45" in one cell */
		const char *slash = strchr(value, '/');

		if (!slash) {
			problem(c, "E-TYPE", 1,
				"ตัวชี้วัดร้อยละต้องกรอกตัวตั้งและตัวหาร (เช่น 41/45) ไม่ใช่ร้อยละที่คำนวณแล้ว",
				"a percentage needs numerator and denominator (e.g. 41/45)");
			return;
		}
		strbuf_init(&num_text);
		strbuf_init(&den_text);
		strbuf_add(&num_text, value, (size_t)(slash - value));
		strbuf_addstr(&den_text, slash + 1);
		check_percent(ind, NULL, num_text.buf, den_text.buf, c);
		strbuf_release(&num_text);
		strbuf_release(&den_text);
		return;
	}
	if (blank(numerator) || blank(denominator) || parse_number(numerator, &num) ||
	    parse_number(denominator, &den)) {
		problem(c, "E-TYPE", 1, "ตัวตั้งและตัวหารต้องเป็นตัวเลขทั้งคู่",
			"numerator and denominator must both be numbers");
		return;
	}
	if (den <= 0 || num < 0) {
		problem(c, "E-RATIO", 1, "ตัวหารต้องมากกว่า 0 และตัวตั้งต้องไม่ติดลบ",
			"denominator must be above 0 and numerator not negative");
		return;
	}
	if (num > den) {
		problem(c, "E-RATIO", 1, "ตัวตั้งมากกว่าตัวหาร ทำให้ร้อยละเกิน 100",
			"numerator is greater than denominator (over 100 percent)");
		return;
	}
	c->has_number = 1;
	c->numerator = num;
	c->denominator = den;
	c->number = percent_of(num, den);
}

/* The value as the indicator's type reads it. */
static void check_type(const struct indicator *ind, const char *value,
		       const char *numerator, const char *denominator,
		       struct value_check *c)
{
	double v;
	int yn;

	switch (ind->type) {
	case VALUE_NUMBER:
		if (parse_number(value ? value : "", &v)) {
			problem(c, "E-TYPE", 1, "ต้องเป็นตัวเลข", "must be a number");
			return;
		}
		if (v < 0) {
			problem(c, "E-RANGE", 1, "ต้องไม่ติดลบ", "must not be negative");
			return;
		}
		c->has_number = 1;
		c->number = v;
		return;
	case VALUE_PERCENT:
		check_percent(ind, value, numerator, denominator, c);
		return;
	case VALUE_LEVEL:
		if (parse_number(value ? value : "", &v) || v != floor(v) || v < 1 || v > 5) {
			problem(c, "E-RANGE", 1, "ระดับความสำเร็จต้องเป็นจำนวนเต็ม 1 ถึง 5",
				"success level must be a whole number from 1 to 5");
			return;
		}
		c->has_number = 1;
		c->number = v;
		return;
	case VALUE_YESNO:
		yn = validate_parse_yesno(value);
		if (yn < 0) {
			problem(c, "E-TYPE", 1, "ต้องตอบ ใช่ หรือ ไม่ใช่ (yes/no)",
				"must be yes or no");
			return;
		}
		c->has_number = 1;
		c->number = yn;
		return;
	case VALUE_TEXT:
		return;
	}
}

/* The indicator's own rules: min, max, integer, values. */
static void check_indicator_rules(const struct indicator *ind, const char *value,
				  struct value_check *c)
{
	struct strbuf th, en;
	size_t i;

	if (ind->nr_allowed) {
		char *t = tt_ascii_digits(tt_trim(xstrdup(value ? value : "")));
		int ok = 0;

		for (i = 0; !ok && i < ind->nr_allowed; i++) {
			double a;

			ok = !strcasecmp(t, ind->allowed[i]) ||
			     (c->has_number && !tt_parse_double(ind->allowed[i], &a) &&
			      fabs(a - c->number) < 1e-9);
		}
		free(t);
		if (!ok) {
			struct strbuf list;

			strbuf_init(&list);
			for (i = 0; i < ind->nr_allowed; i++)
				strbuf_addf(&list, "%s%s", i ? ", " : "", ind->allowed[i]);
			strbuf_init(&th);
			strbuf_init(&en);
			strbuf_addf(&th, "ค่าที่ใช้ได้มีเพียง %s", list.buf);
			strbuf_addf(&en, "the only values allowed are %s", list.buf);
			strbuf_release(&list);
			problem(c, "E-ALLOWED", 1, th.buf, en.buf);
			strbuf_release(&th);
			strbuf_release(&en);
			return;
		}
	}
	if (!c->has_number)
		return;
	if (ind->integer && c->number != floor(c->number)) {
		problem(c, "E-TYPE", 1, "ต้องเป็นจำนวนเต็ม", "must be a whole number");
		return;
	}
	if ((ind->has_min && c->number < ind->min) || (ind->has_max && c->number > ind->max)) {
		strbuf_init(&th);
		strbuf_init(&en);
		if (ind->has_min && ind->has_max) {
			strbuf_addf(&th, "ต้องอยู่ระหว่าง %.10g ถึง %.10g", ind->min, ind->max);
			strbuf_addf(&en, "must be between %.10g and %.10g", ind->min, ind->max);
		} else if (ind->has_min) {
			strbuf_addf(&th, "ต้องไม่น้อยกว่า %.10g", ind->min);
			strbuf_addf(&en, "must be at least %.10g", ind->min);
		} else {
			strbuf_addf(&th, "ต้องไม่เกิน %.10g", ind->max);
			strbuf_addf(&en, "must be at most %.10g", ind->max);
		}
		problem(c, "E-RANGE", 1, th.buf, en.buf);
		strbuf_release(&th);
		strbuf_release(&en);
	}
}

void validate_value(const struct indicator *ind, const char *value,
		    const char *numerator, const char *denominator,
		    struct value_check *c)
{
	memset(c, 0, sizeof(*c));
	strbuf_init(&c->message_th);
	strbuf_init(&c->message_en);
	/*
	 * An empty cell is no value, never an error by itself: a required
	 * indicator left empty is counted as not sent (completeness).
	 */
	if (blank(value) && blank(numerator) && blank(denominator))
		return;
	check_type(ind, value, numerator, denominator, c);
	if (!c->code)
		check_indicator_rules(ind, value, c);
}

/* ------------------------------------------------------------------ */

struct frameworks {
	int *years;
	struct framework **fw;    /* NULL where the year has none */
	size_t nr, alloc_years, alloc_fw;
};

/*
 * The framework of fiscal year fy, loaded once: 0 and *out set (NULL when
 * the year has none), or a negative TT_E* code (err filled) when the
 * database failed us, which is the system's fault, never the file's.
 */
static int framework_of(sqlite3 *db, struct frameworks *fws, int fy,
			const struct framework **out, struct tt_error *err)
{
	struct tt_error why;
	struct framework *fw;
	size_t i;

	*out = NULL;
	for (i = 0; i < fws->nr; i++)
		if (fws->years[i] == fy) {
			*out = fws->fw[i];
			return 0;
		}
	tt_error_clear(&why);
	fw = db_load_framework(db, fy, &why);
	if (!fw && why.code != TT_ENOTFOUND) {
		if (err)
			*err = why;
		return why.code ? why.code : TT_EDB;
	}
	xgrow(&fws->years, &fws->alloc_years, fws->nr + 1, sizeof(*fws->years));
	xgrow(&fws->fw, &fws->alloc_fw, fws->nr + 1, sizeof(*fws->fw));
	fws->years[fws->nr] = fy;
	fws->fw[fws->nr++] = fw;
	*out = fw;
	return 0;
}

/*
 * A value a later round may be compared with: an accepted submission's,
 * not replaced, of an indicator that is cumulative or has a jump factor.
 * A unit keeps one of each indicator, fiscal year and round, the newest
 * (past_keep()): the one a later round takes.
 */
struct past_value {
	double number;
	long long submission;
	const char *code, *submitted;  /* interned: struct checker's names */
	int fy, round;
};

/* A unit of the unit list, as the checks need it. */
struct unit_entry {
	char *code;
	char kind[16];      /* "office", "network", "school" */
	int has_children;   /* some unit's parent */
	/*
	 * A school's office, whose schools are its peers for outliers: its
	 * parent if an office, else its parent's parent; "" when the list has
	 * neither.  NULL for a unit not a school.  Interned (struct checker's
	 * names).
	 */
	const char *office;
	const char *parent; /* interned, NULL when none */
	struct past_value *past; /* its values of the rounds before (PAST_SQL) */
	size_t nr_past, alloc_past; /* (alloc_past: exactly as reserved) */
};

/* An approved fiscal year and round: frozen. */
struct approved_round {
	int fy, round;
};

/* An office with a school's submission to check in a fiscal year and round. */
struct outlier_office {
	int fy, round;
	const char *office;         /* interned: struct checker's names */
};

/*
 * The newest value of each indicator among some rows (a submission's own,
 * the unit's other files of the round, its rounds before), sorted by code.
 */
struct value_entry {
	const char *code;   /* interned: struct checker's names */
	double number, numerator, denominator;
	int has_numerator, has_denominator;
	int fy, round;
};

struct value_map {
	struct value_entry *v;
	size_t nr, alloc;
	int loaded;
};


/*
 * A value of the submission being checked: as it is once checked, for its
 * rules (e, has_number), whether it had a number as stored (stored,
 * stored_number), and whether its row is written again (changes).
 */
struct own_row {
	struct value_entry e;
	long long id;
	int has_number, stored, changes;
	double stored_number;
};

/*
 * A value's number as checked, to be stored (STORE_CHECKED_SQL): its row
 * written again if it changes, its numerator and denominator with it if
 * write_ratio (as stored, they do not read as the checked ones).
 */
struct checked_number {
	long long id;
	int has_number, has_ratio, changes, write_ratio;
	double number, numerator, denominator;
};

/*
 * A name a value gave its indicator (interned), in a framework, and the
 * indicator it is (indicator_named()), found once a run: a framework's
 * indicators are compared one by one, and a Thai name with every
 * indicator's name made plain.
 */
struct named {
	const struct framework *fw;
	const char *written;
	const struct indicator *ind;  /* NULL: none */
	const char *code;             /* interned: ind's code, or written */
};

/* The names found, by framework and name (open addressing, size a power of two). */
struct named_map {
	struct named *slot;  /* fw NULL: free */
	size_t size, used;
};

/*
 * The names (interned) of the values of the submission being checked so
 * far, for duplicates: open addressing over pointers, emptied for each
 * submission.
 */
struct seen_set {
	const char **slot;
	size_t size, used;
};

/*
 * The statuses the checks set, noted in temp.checked_status and stored
 * STATUS_BATCH at a time by one statement, with what a status changed
 * changes besides (stamps, aggregation, receipts: db_statuses_changed(),
 * schema 23), and before anything reads a status the checks set (a rule's
 * values of the unit's other files, superseding, outliers) and at the end
 * (store_statuses()).  A submission's own UPDATE, with the three triggers
 * of a status changed, copied some 30 pages into its statement journal,
 * the checks visiting submissions in the order they were sent, not
 * stored: a fifth of a first check of a long sheet; without the triggers,
 * a statement a status still cost 7 % of it.  OR IGNORE: a status is
 * never NULL, and without a constraint that may abort it half way SQLite
 * keeps no statement journal for the UPDATE (one statement for every
 * status of a national first run held 36 MB of pages in it); a batch
 * bounds the rest, the stamps and the temporary table.  Smaller batches
 * wrote each submission's page to the WAL again and again: 1,024 made
 * 27,000 writes of a long sheet's first check, against 4,400.
 */
#define STATUS_BATCH 8192
#define CHECKED_STATUS_SQL \
	"CREATE TEMP TABLE IF NOT EXISTS checked_status(id INTEGER PRIMARY KEY," \
	" status TEXT NOT NULL);" \
	"DELETE FROM temp.checked_status;"
#define SET_STATUS_SQL "INSERT OR REPLACE INTO temp.checked_status VALUES(?1, ?2)"
#define STORE_STATUSES_SQL \
	"UPDATE OR IGNORE submission SET status = (SELECT c.status FROM temp.checked_status c" \
	" WHERE c.id = submission.id) WHERE id IN (SELECT id FROM temp.checked_status)"
/* the rows whose status the checks changed: each was new (db_statuses_changed()) */
#define CHECKED_STATUSES "id IN (SELECT id FROM temp.checked_status)"

/* A status noted and not stored yet: its submission's unit (interned), year and round. */
struct pending_status {
	const char *unit;
	int fy, round;
};

/*
 * The values with a number of the submissions checked in the round being
 * checked (they come round by round), as they were stored, kept for the
 * round's outliers, which are found as soon as its last submission is
 * checked (round_checked()): they are not read again.  At most
 * KEPT_VALUES of them (6 MB); the submissions beyond are read again.
 */
#define KEPT_VALUES ((size_t)1 << 18)

struct kept_value {
	const char *indicator;      /* interned */
	double x;
	long long value;
};

struct kept_submission {
	long long id;
	size_t at, n;               /* its values in struct kept_round's v */
};

struct kept_round {
	int open, fy, round;        /* open: the round being checked */
	struct kept_value *v;
	size_t nr, alloc;
	struct kept_submission *subs; /* sorted by id once the round is checked */
	size_t nr_subs, alloc_subs;
};

/*
 * An outlier found (flag_outliers()), or (ind NULL) the old flags of the
 * schools under a parent to clear, stored at the end (store_outliers()).
 */
struct outlier_flag {
	const struct indicator *ind;
	const char *parent;         /* interned; NULL: none */
	int fy, round;
	long long value;            /* the value flagged, its figure, */
	double x, med, lo, hi;      /* its peers' median and usual range */
};

struct checker {
	sqlite3 *db;
	struct frameworks fws;
	struct unit_entry *units;   /* sorted by code */
	size_t nr_units;
	struct unit_entry **schools; /* a school of each parent, by office: outliers */
	size_t nr_schools;
	struct approved_round *approved;
	size_t nr_approved;
	struct pending_status *pending; /* STATUS_BATCH: in temp.checked_status, */
	size_t nr_statuses;             /* not stored yet */
	struct db_statements store_status; /* STORE_STATUSES_SQL and the rest: store_statuses() */
	sqlite3_stmt *set_status, *add_issue, *set_number, *clear_numbers, *values, *own_values,
		*unit_values, *set_indicator, *outlier_cell,
		*cell;                /* VALUE_CELL_SQL: value_cell() */
	struct value_map previous_values; /* of the submission being checked */
	struct seen_set seen;      /* names of the submission's values so far: duplicates */
	struct tt_strset names;        /* indicator codes and dates, interned */
	struct past_value *fresh;     /* the checked numbers of the submission */
	size_t nr_fresh, alloc_fresh; /* being checked, for the rounds after, */
	const struct indicator **fresh_ind; /* and their indicators */
	size_t alloc_fresh_ind;
	struct approved_round *new_rounds; /* the rounds with a submission to */
	size_t nr_new_rounds;              /* check, from NEW_ROUNDS_SQL */
	struct outlier_office *outlier_offices; /* sorted: outlier_offices_load() */
	size_t nr_outlier_offices;
	int past_fy, past_round;           /* the round checked: past_prune() */
	struct checked_number *checked; /* of its values, by id: tt_checked() */
	size_t nr_checked, alloc_checked;
	size_t checked_at;            /* the one tt_checked() found last */
	struct own_row *rows;         /* each of its values as stored after */
	size_t nr_rows, alloc_rows;
	struct value_map own;         /* its values with a number, for its rules */
	sqlite3_stmt *as_stored;      /* AS_STORED_SQL */
	struct named_map named;       /* indicator_named(), once a name */
	struct kept_round kept;       /* the round being checked, for its outliers */
	struct outlier_flag *flags;   /* found, to store: store_outliers() */
	size_t nr_flags, alloc_flags;
	sqlite3_stmt *outlier_subs,   /* OUTLIER_SUBMISSIONS_SQL */
		*sub_numbers,         /* SUBMISSION_NUMBERS_SQL */
		*round_supersede, *round_done;
	struct validate_stats *stats;
	struct tt_error *err;
};

/*
 * Store the statuses set so far (set_status()), with what they change
 * besides, by the statements prepared once (prepare_statuses()).
 */
static int store_statuses(struct checker *ck)
{
	if (!ck->nr_statuses)
		return 0;
	ck->nr_statuses = 0;
	return db_statements_run(ck->db, &ck->store_status, 0,
				 "could not store the submissions' statuses", ck->err);
}

/*
 * The statements store_statuses() runs: the statuses stored, what they
 * change besides for the same rows (db.h), the notes let go.
 */
static int prepare_statuses(struct checker *ck)
{
	struct strbuf sql;
	int rc;

	ck->pending = xmalloc(STATUS_BATCH * sizeof(*ck->pending));
	strbuf_init(&sql);
	strbuf_addstr(&sql, STORE_STATUSES_SQL ";");
	db_statuses_changed_sql(&sql, CHECKED_STATUSES);
	strbuf_addstr(&sql, "DELETE FROM temp.checked_status;");
	rc = db_exec(ck->db, CHECKED_STATUS_SQL, ck->err) ||
	     db_statements_prepare(ck->db, sql.buf, &ck->store_status, ck->err) ? TT_EDB : 0;
	strbuf_release(&sql);
	return rc;
}

/*
 * Store the statuses set so far if one is of unit's fiscal year and round:
 * before a rule reads the unit's other submissions of that round.
 */
static int store_statuses_of(struct checker *ck, const char *unit, int fy, int round)
{
	const char *u = tt_strset_add(&ck->names, unit);
	size_t i;

	for (i = 0; i < ck->nr_statuses; i++)
		if (ck->pending[i].unit == u && ck->pending[i].fy == fy &&
		    ck->pending[i].round == round)
			return store_statuses(ck);
	return 0;
}

static int add_issue(struct checker *ck, long long file_id, long long sub_id,
		     int is_error, const char *code, long row, const char *col,
		     const char *found, const char *th, const char *en)
{
	sqlite3_stmt *st = ck->add_issue;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, sub_id);
	db_bind_text(st, 3, is_error ? "error" : "warning");
	db_bind_text(st, 4, code);
	if (row > 0)
		sqlite3_bind_int64(st, 5, row);
	else
		sqlite3_bind_null(st, 5);
	db_bind_text(st, 6, col);
	db_bind_text(st, 7, found);
	db_bind_text(st, 8, th);
	db_bind_text(st, 9, en);
	if (sqlite3_step(st) != SQLITE_DONE)
		return db_fail(ck->db, "could not record an issue", ck->err);
	if (is_error)
		ck->stats->errors++;
	else
		ck->stats->warnings++;
	return 0;
}

static int cmp_unit_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct unit_entry *)elem)->code);
}

static const struct unit_entry *unit_find(const struct checker *ck, const char *code)
{
	if (!code || !ck->nr_units)
		return NULL;
	return bsearch(code, ck->units, ck->nr_units, sizeof(*ck->units), cmp_unit_code);
}

/* Kind of unit code ("school" ...) into kind, or "" if unknown. */
static void unit_kind(struct checker *ck, const char *code, char *kind, size_t len)
{
	const struct unit_entry *u = unit_find(ck, code);

	tt_strlcpy(kind, u ? u->kind : "", len);
}

/*
 * 1 if code is an office with no unit under it in this database: it
 * stands for its whole area, and what it sends for the schools'
 * indicators are its area's results (a national database taking an
 * area's export), not one school's values.
 */
static int stands_for_area(struct checker *ck, const char *code)
{
	const struct unit_entry *u = unit_find(ck, code);

	return u && !strcmp(u->kind, "office") && !u->has_children;
}

/* ---- values loaded once per submission ------------------------------- */

static void value_map_clear(struct value_map *m)
{
	m->nr = 0;
	m->loaded = 0;
}

static void value_map_release(struct value_map *m)
{
	value_map_clear(m);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/*
 * The rows of st (bound, not yet stepped): indicator, number, numerator,
 * denominator (REAL or NULL), and optionally fiscal year and round, ordered
 * by indicator and newest first; the first of each indicator is kept.
 */
static int value_map_load(struct checker *ck, struct value_map *m, sqlite3_stmt *st)
{
	int step;

	value_map_clear(m);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = db_column_text(st, 0);
		struct value_entry *e;

		if (m->nr && !strcmp(m->v[m->nr - 1].code, code))
			continue;
		xgrow(&m->v, &m->alloc, m->nr + 1, sizeof(*m->v));
		e = &m->v[m->nr++];
		e->code = tt_strset_add(&ck->names, code);
		e->number = sqlite3_column_double(st, 1);
		e->has_numerator = sqlite3_column_type(st, 2) != SQLITE_NULL;
		e->numerator = sqlite3_column_double(st, 2);
		e->has_denominator = sqlite3_column_type(st, 3) != SQLITE_NULL;
		e->denominator = sqlite3_column_double(st, 3);
		e->fy = sqlite3_column_count(st) > 4 ? sqlite3_column_int(st, 4) : 0;
		e->round = sqlite3_column_count(st) > 5 ? sqlite3_column_int(st, 5) : 0;
	}
	sqlite3_reset(st);
	m->loaded = 1;
	return step == SQLITE_DONE ? 0 : db_fail(ck->db, "could not read values", ck->err);
}

static int cmp_value_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct value_entry *)elem)->code);
}

static const struct value_entry *value_map_find(const struct value_map *m, const char *code)
{
	if (!code || !m->nr)
		return NULL;
	return bsearch(code, m->v, m->nr, sizeof(*m->v), cmp_value_code);
}

/*
 * A value of an area's results (stands_for_area()): a number, not below
 * zero, and a percentage's numerator and denominator numbers when given.
 * A school's type, range, allowed values and rules do not bind an
 * aggregate (a mean level of 3.47; 37 schools that said yes), so they are
 * not checked; the value is taken as given, the aggregate of its area.
 */
static void check_result_value(const struct indicator *ind, const char *value,
			       const char *numerator, const char *denominator,
			       struct value_check *c)
{
	double v, num = 0, den = 0;
	int has_ratio;

	memset(c, 0, sizeof(*c));
	strbuf_init(&c->message_th);
	strbuf_init(&c->message_en);
	if (ind->type == VALUE_TEXT || (blank(value) && blank(numerator) && blank(denominator)))
		return;
	has_ratio = !blank(numerator) && !blank(denominator);
	if ((!blank(value) && parse_number(value, &v)) ||
	    (has_ratio && (parse_number(numerator, &num) || parse_number(denominator, &den))) ||
	    (blank(value) && !has_ratio)) {
		problem(c, "E-TYPE", 1, "ผลการดำเนินงานของเขตต้องเป็นตัวเลข",
			"an area's result must be a number");
		return;
	}
	if (blank(value)) {
		if (den <= 0) {
			problem(c, "E-RATIO", 1, "ตัวหารต้องมากกว่า 0", "denominator must be above 0");
			return;
		}
		v = num / den * 100.0;
	}
	if (v < 0 || num < 0 || den < 0) {
		problem(c, "E-RANGE", 1, "ต้องไม่ติดลบ", "must not be negative");
		return;
	}
	c->has_number = 1;
	c->number = v;
	c->numerator = num;
	c->denominator = den;
}

struct submission_row {
	long long id, file_id;
	const char *unit, *fy_text, *round_text, *submitted;
	int has_fy, fy, has_round, round;
	long first_row;
	const char *unit_col, *fy_col, *round_col; /* cells of the key, or NULL */
	int superseded;     /* replaced as the last run left it */
};

/*
 * What the unit list holds, for messages: how many digits its school codes
 * have (the most common length) and one real code, into th and en.
 */
static void unit_code_example(struct checker *ck, struct strbuf *th, struct strbuf *en)
{
	sqlite3_stmt *st;

	if (db_prepare(ck->db, &st,
		       "SELECT LENGTH(code), MIN(code), COUNT(*) FROM unit WHERE kind = 'school'"
		       " GROUP BY LENGTH(code) ORDER BY COUNT(*) DESC, LENGTH(code) LIMIT 1",
		       NULL))
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int digits = sqlite3_column_int(st, 0);
		const char *code = db_column_text(st, 1);

		strbuf_addf(th, " กรุณาตรวจสอบรหัสโรงเรียน (รหัสในทะเบียนมี %d หลัก เช่น %s)",
			    digits, code);
		strbuf_addstr(th, " หากเป็นหน่วยงานใหม่ ระบบจะตรวจไฟล์นี้อีกครั้งเองเมื่อทะเบียน"
				  "หน่วยงานมีรหัสนี้");
		strbuf_addf(en, " (school codes there have %d digits, e.g. %s)", digits, code);
	} else {
		strbuf_addstr(th, " ทะเบียนหน่วยงานยังไม่มีโรงเรียนใด กรุณาส่งทะเบียนหน่วยงาน"
				  " (โฟลเดอร์ units/) ระบบจะตรวจไฟล์นี้อีกครั้งเมื่อได้รับทะเบียน");
		strbuf_addstr(en, " (the unit list has no school yet; this file is checked"
				  " again when one arrives)");
	}
	sqlite3_finalize(st);
}

/* The fiscal years that have a framework, "2566, 2567", into out ("" if none). */
static void framework_years(struct checker *ck, struct strbuf *out)
{
	sqlite3_stmt *st;
	int n = 0;

	if (db_prepare(ck->db, &st, "SELECT DISTINCT fiscal_year FROM framework ORDER BY 1",
		       NULL))
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addf(out, "%s%d", n++ ? ", " : "", sqlite3_column_int(st, 0));
	sqlite3_finalize(st);
}

/* The rounds of fw as "6 หรือ 12" / "6 or 12" into th and en. */
static void round_list(const struct framework *fw, struct strbuf *th, struct strbuf *en)
{
	size_t i;

	for (i = 0; i < fw->nr_rounds; i++) {
		const char *sep = !i ? "" : i + 1 == fw->nr_rounds ? " or " : ", ";
		const char *sep_th = !i ? "" : i + 1 == fw->nr_rounds ? " หรือ " : ", ";

		strbuf_addf(th, "%s%d", sep_th, fw->rounds[i].months);
		strbuf_addf(en, "%s%d", sep, fw->rounds[i].months);
	}
}

/* Check the unit, year and round of a submission: errors, or 0 on success. */
static int check_header(struct checker *ck, const struct submission_row *s,
			const struct framework **fw_out, int *errors)
{
	const struct framework *fw = NULL;
	const struct round *round = NULL;
	struct tt_date submitted;
	struct strbuf th, en;
	char kind[16];
	int rc = 0;

	*fw_out = NULL;
	strbuf_init(&th);
	strbuf_init(&en);
	unit_kind(ck, s->unit, kind, sizeof(kind));
	if (!kind[0]) {
		strbuf_addf(&th, "ไม่พบรหัสหน่วยงาน \"%s\" ในทะเบียนหน่วยงานของเขต", s->unit);
		strbuf_addf(&en, "unit '%s' is not in the unit list", s->unit);
		unit_code_example(ck, &th, &en);
		rc = add_issue(ck, s->file_id, s->id, 1, "E-UNIT", s->first_row, s->unit_col,
			       s->unit, th.buf, en.buf);
		(*errors)++;
	}
	if (!rc && s->has_fy)
		rc = framework_of(ck->db, &ck->fws, s->fy, &fw, ck->err);
	if (!rc && !fw) {
		struct strbuf years;

		strbuf_init(&years);
		framework_years(ck, &years);
		strbuf_reset(&th);
		strbuf_reset(&en);
		if (s->has_fy) {
			strbuf_addf(&th, "ยังไม่มีกรอบการติดตามของปีงบประมาณ %d", s->fy);
			strbuf_addf(&en, "fiscal year %d has no framework yet", s->fy);
			if (years.len) {
				strbuf_addf(&th, " (มีกรอบของปี %s)", years.buf);
				strbuf_addf(&en, " (there is one for %s)", years.buf);
			}
			strbuf_addstr(&th, " ระบบจะตรวจไฟล์นี้อีกครั้งเองเมื่อได้รับกรอบของปีนี้"
					   " ไม่ต้องส่งใหม่ หากปีงบประมาณผิด กรุณาแก้ไขแล้วส่งใหม่");
			strbuf_addstr(&en, "; the file is checked again when it arrives");
		} else {
			strbuf_addf(&th, "ปีงบประมาณ \"%s\" ไม่ถูกต้อง", s->fy_text);
			strbuf_addf(&en, "fiscal year '%s' is not valid", s->fy_text);
			if (years.len) {
				strbuf_addf(&th, " ต้องเป็นปีพุทธศักราชที่มีกรอบการติดตาม เช่น %s",
					    years.buf);
				strbuf_addf(&en, " (years with a framework: %s)", years.buf);
			} else {
				strbuf_addstr(&th, " ต้องเป็นปีพุทธศักราช 4 หลัก");
				strbuf_addstr(&en, " (a Buddhist Era year of 4 digits)");
			}
		}
		strbuf_release(&years);
		rc = add_issue(ck, s->file_id, s->id, 1, "E-FY", s->first_row, s->fy_col,
			       s->fy_text, th.buf, en.buf);
		(*errors)++;
	}
	if (!rc && fw && s->has_round)
		round = framework_round(fw, s->round);
	if (!rc && fw && !round) {
		strbuf_reset(&th);
		strbuf_reset(&en);
		if (blank(s->round_text)) {
			/* values given, but no round: nothing was found to show */
			strbuf_addf(&th, "ไม่ได้กรอกรอบรายงาน กรอบการติดตามปีงบประมาณ %d มีรอบ ",
				    fw->fiscal_year);
			strbuf_addf(&en, "no round given; the rounds of %d are ", fw->fiscal_year);
		} else {
			strbuf_addf(&th, "รอบรายงาน \"%s\" ไม่ถูกต้อง กรอบการติดตามปีงบประมาณ %d"
				    " มีรอบ ", s->round_text, fw->fiscal_year);
			strbuf_addf(&en, "round '%s' is not one of the rounds of %d: ",
				    s->round_text, fw->fiscal_year);
		}
		round_list(fw, &th, &en);
		strbuf_addstr(&th, " เดือน");
		strbuf_addstr(&en, " months");
		rc = add_issue(ck, s->file_id, s->id, 1, "E-ROUND", s->first_row, s->round_col,
			       blank(s->round_text) ? NULL : s->round_text, th.buf, en.buf);
		(*errors)++;
	}
	if (!rc && round && !period_parse_date(s->submitted, &submitted) &&
	    period_date_cmp(&submitted, &round->deadline) > 0) {
		struct strbuf d;

		strbuf_init(&d);
		period_format_thai(&d, &round->deadline, 1);
		strbuf_reset(&th);
		strbuf_reset(&en);
		strbuf_addf(&th, "ส่งหลังกำหนด (กำหนดส่ง %s) ระบบรับข้อมูลไว้"
			    " แต่บันทึกว่าส่งล่าช้า", d.buf);
		strbuf_addf(&en, "sent on %s, after the deadline", s->submitted);
		strbuf_release(&d);
		rc = add_issue(ck, s->file_id, s->id, 0, "W-LATE", s->first_row, NULL,
			       s->submitted, th.buf, en.buf);
	}
	*fw_out = round ? fw : NULL;
	if (!rc && kind[0] && !strcmp(kind, "network")) {
		/* networks forward their schools' data; they report nothing themselves */
		strbuf_reset(&th);
		strbuf_reset(&en);
		strbuf_addf(&th, "หน่วยงาน \"%s\" เป็นเครือข่าย ไม่ใช่หน่วยที่รายงานตัวชี้วัด",
			    s->unit);
		strbuf_addf(&en, "unit '%s' is a network, which reports no indicator", s->unit);
		rc = add_issue(ck, s->file_id, s->id, 1, "E-UNIT", s->first_row, s->unit_col,
			       s->unit, th.buf, en.buf);
		(*errors)++;
	}
	strbuf_release(&th);
	strbuf_release(&en);
	return rc;
}

/*
 * 1 (*wanted) when code may be compared with a later round's value: it is
 * cumulative or has a jump factor in the framework of fy or of fy + 1 (the
 * rounds that compare with fy's); 0 otherwise, or a TT_E* code.  ind: the
 * indicator of fy's framework, when known (else NULL).
 */
static int past_wanted(struct checker *ck, const char *code, int fy,
		       const struct indicator *ind, int *wanted)
{
	const struct framework *fw;
	int y, rc;

	*wanted = ind && (ind->cumulative || ind->jump > 0);
	for (y = ind ? fy + 1 : fy; y <= fy + 1 && !*wanted; y++) {
		if ((rc = framework_of(ck->db, &ck->fws, y, &fw, ck->err)))
			return rc;
		ind = fw ? framework_indicator(fw, code) : NULL;
		*wanted = ind && (ind->cumulative || ind->jump > 0);
	}
	return 0;
}

/* Room in u's past values for n more, exactly (never doubled: they are many). */
static void past_reserve(struct unit_entry *u, size_t n)
{
	if (u->nr_past + n <= u->alloc_past)
		return;
	u->alloc_past = u->nr_past + n;
	u->past = xrealloc(u->past, u->alloc_past * sizeof(*u->past));
}

/* u's past values in exactly their room. */
static void past_fit(struct unit_entry *u)
{
	if (u->alloc_past == u->nr_past)
		return;
	u->alloc_past = u->nr_past;
	if (!u->nr_past) {
		free(u->past);
		u->past = NULL;
		return;
	}
	u->past = xrealloc(u->past, u->alloc_past * sizeof(*u->past));
}

/*
 * Keep v (code and date already interned) as one of u's past values.  Of
 * one indicator, fiscal year and round the newest is kept: sent later, or
 * the same day in a later submission, or (v's rows come in the order of
 * their ids) a later row of the same submission.  Room for it reserved
 * by the caller (past_reserve()), else made here.
 */
static void past_keep(struct unit_entry *u, const struct past_value *v)
{
	size_t i;

	for (i = 0; i < u->nr_past; i++) {
		struct past_value *p = &u->past[i];
		int c;

		if (p->code != v->code || p->fy != v->fy || p->round != v->round)
			continue;
		c = strcmp(v->submitted, p->submitted);
		if (c > 0 || (!c && v->submission >= p->submission))
			*p = *v;
		return;
	}
	if (u->nr_past == u->alloc_past)
		xgrow(&u->past, &u->alloc_past, u->nr_past + 1, sizeof(*u->past));
	u->past[u->nr_past++] = *v;
}

/* The past values of the units to check, as the run begins (PAST_SQL). */
static int past_load(struct checker *ck)
{
	struct unit_entry *u;
	sqlite3_stmt *st;
	int step, rc, wanted;
	size_t i;

	if ((rc = db_prepare(ck->db, &st, PAST_SQL, ck->err)))
		return rc;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct past_value v;

		v.code = tt_strset_add(&ck->names, db_column_text(st, 1));
		v.number = sqlite3_column_double(st, 2);
		v.fy = sqlite3_column_int(st, 3);
		v.round = sqlite3_column_int(st, 4);
		v.submitted = tt_strset_add(&ck->names, db_column_text(st, 5));
		v.submission = sqlite3_column_int64(st, 6);
		/* (a unit not in the list sends nothing accepted) */
		if ((u = (struct unit_entry *)unit_find(ck, db_column_text(st, 0))) &&
		    !(rc = past_wanted(ck, v.code, v.fy, NULL, &wanted)) && wanted)
			past_keep(u, &v);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(ck->db, "could not read earlier rounds' values", ck->err);
	sqlite3_finalize(st);
	for (i = 0; i < ck->nr_units; i++)
		past_fit(&ck->units[i]);
	return rc;
}

/* By code, then newest first: fiscal year, round (one of each kept: past_keep()). */
static int past_order(const struct past_value *x, const struct past_value *y)
{
	int c = strcmp(x->code, y->code);

	if (c)
		return c;
	if (x->fy != y->fy)
		return x->fy < y->fy ? 1 : -1;
	return x->round < y->round ? 1 : x->round > y->round ? -1 : 0;
}

static int cmp_past(const void *a, const void *b)
{
	return past_order(*(const struct past_value *const *)a,
			  *(const struct past_value *const *)b);
}

static int cmp_past_value(const void *a, const void *b)
{
	return past_order(a, b);
}

/* 1 if the run has a submission to check in fiscal year fy and round (0: any). */
static int round_to_check(const struct checker *ck, int fy, int round)
{
	size_t i;

	for (i = 0; i < ck->nr_new_rounds; i++)
		if (ck->new_rounds[i].fy == fy && (!round || ck->new_rounds[i].round == round))
			return 1;
	return 0;
}

/* 1 if a round still to check may compare with fy's value of round r. */
static int past_needed(const struct checker *ck, int fy, int r)
{
	size_t i;

	if (round_to_check(ck, fy + 1, r))
		return 1;
	for (i = 0; i < ck->nr_new_rounds; i++)
		if (ck->new_rounds[i].fy == fy && ck->new_rounds[i].round > r)
			return 1;
	return 0;
}

/*
 * Before the submissions of fiscal year fy and round r are checked (the
 * rounds are checked in order): of the units' past values, those no round
 * from here on compares with are let go, the year before's below r; and
 * unless the year after has a round to check, of fy's below r only the
 * newest of each indicator is kept, the one every round from r on takes.
 */
static void past_prune(struct checker *ck, int fy, int r)
{
	int collapse = !round_to_check(ck, fy + 1, 0);
	size_t i, j, n;

	if (ck->past_fy == fy && ck->past_round == r)
		return;
	ck->past_fy = fy;
	ck->past_round = r;
	for (i = 0; i < ck->nr_units; i++) {
		struct unit_entry *u = &ck->units[i];
		const char *last = NULL;

		if (!u->nr_past)
			continue;
		qsort(u->past, u->nr_past, sizeof(*u->past), cmp_past_value);
		for (j = n = 0; j < u->nr_past; j++) {
			const struct past_value *p = &u->past[j];

			if (p->fy < fy - 1 || (p->fy == fy - 1 && p->round < r))
				continue;
			if (collapse && p->fy == fy && p->round < r) {
				/* the newest of the code comes first */
				if (last == p->code)
					continue;
				last = p->code;
			}
			u->past[n++] = *p;
		}
		u->nr_past = n;
		past_fit(u);
	}
}

/*
 * The checked numbers of s (ck->fresh), once it is accepted: past values
 * of the rounds after, unless s is already replaced.
 */
static int past_add_fresh(struct checker *ck, const struct submission_row *s)
{
	const char *submitted = tt_strset_add(&ck->names, s->submitted);
	struct unit_entry *u = (struct unit_entry *)unit_find(ck, s->unit);
	size_t i, n = 0;
	int rc = 0, wanted;

	if (!u || !past_needed(ck, s->fy, s->round) || s->superseded)
		ck->nr_fresh = 0; /* no round still to check compares with it */
	for (i = 0; !rc && i < ck->nr_fresh; i++) {
		struct past_value *v = &ck->fresh[i];

		v->submitted = submitted;
		v->submission = s->id;
		v->fy = s->fy;
		v->round = s->round;
		if (!(rc = past_wanted(ck, v->code, v->fy, ck->fresh_ind[i], &wanted)) && wanted)
			ck->fresh[n++] = *v;
	}
	if (!rc && n)
		past_reserve(u, n);
	for (i = 0; !rc && i < n; i++)
		past_keep(u, &ck->fresh[i]);
	ck->nr_fresh = 0;
	return rc;
}

/* Every unit's past values let go (the checks are done). */
static void past_release(struct checker *ck)
{
	size_t i;

	for (i = 0; i < ck->nr_units; i++) {
		free(ck->units[i].past);
		ck->units[i].past = NULL;
		ck->units[i].nr_past = ck->units[i].alloc_past = 0;
	}
}

/* 1 if s may compare with p: the rounds before in its year, its round the year before. */
static int previous_of(const struct submission_row *s, const struct past_value *p)
{
	return p->submission != s->id &&
	       ((p->fy == s->fy && p->round < s->round) ||
		(p->fy == s->fy - 1 && p->round == s->round));
}

/*
 * The unit's newest value of each indicator in the round before in s's
 * fiscal year (or the one before that ...), else in the same round of the
 * year before, into m.  The unit's past values are in order (past_prune())
 * but for those of the round being checked, added since, which s does not
 * compare with: those it does are taken as they come, sorted only if not.
 */
static void previous_load(struct checker *ck, const struct submission_row *s,
			  struct value_map *m)
{
	const struct unit_entry *u = unit_find(ck, s->unit);
	const struct past_value **pick = NULL, *last = NULL;
	size_t i, n = 0;
	int sorted = 1;

	value_map_clear(m);
	m->loaded = 1;
	if (!u || !u->nr_past)
		return;
	for (i = 0; sorted && i < u->nr_past; i++)
		if (previous_of(s, &u->past[i])) {
			sorted = !last || past_order(last, &u->past[i]) < 0;
			last = &u->past[i];
		}
	if (!sorted) {
		pick = xmalloc(u->nr_past * sizeof(*pick));
		for (i = 0; i < u->nr_past; i++)
			if (previous_of(s, &u->past[i]))
				pick[n++] = &u->past[i];
		qsort(pick, n, sizeof(*pick), cmp_past);
	}
	for (i = 0; i < (sorted ? u->nr_past : n); i++) {
		const struct past_value *p = sorted ? &u->past[i] : pick[i];
		struct value_entry *e;

		if ((sorted && !previous_of(s, p)) ||
		    (m->nr && !strcmp(m->v[m->nr - 1].code, p->code)))
			continue;
		xgrow(&m->v, &m->alloc, m->nr + 1, sizeof(*m->v));
		e = &m->v[m->nr++];
		memset(e, 0, sizeof(*e));
		e->code = p->code;
		e->number = p->number;
		e->fy = p->fy;
		e->round = p->round;
	}
	free(pick);
}

/*
 * The value against the unit's previous one: the round before in the same
 * fiscal year, else the same round of the year before.  A cumulative count
 * may not fall within a year (E-DECREASE); any value that changes by more
 * than the indicator's jump factor is flagged (W-JUMP).
 */
static int compare_previous(struct checker *ck, const struct submission_row *s,
			    const struct indicator *ind, struct value_check *c)
{
	const struct value_entry *e;
	struct strbuf th, en, when_th, when_en, was, now;
	double prev;
	int fy, round, decrease;

	if (!ind->cumulative && ind->jump <= 0)
		return 0;
	if (!ck->previous_values.loaded)
		previous_load(ck, s, &ck->previous_values);
	e = value_map_find(&ck->previous_values, ind->code);
	if (!e)
		return 0;
	prev = e->number;
	fy = e->fy;
	round = e->round;
	/* a running count cannot fall; a running percentage may */
	decrease = ind->cumulative && ind->type == VALUE_NUMBER && fy == s->fy &&
		   c->number < prev - 1e-9;
	if (!decrease && !(ind->jump > 0 && prev > 0 && c->number > 0 &&
			   (c->number / prev > ind->jump || prev / c->number > ind->jump)))
		return 0; /* most values: nothing to say */
	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_init(&when_th);
	strbuf_init(&when_en);
	strbuf_init(&was);
	strbuf_init(&now);
	add_figure(&was, ind, prev);
	add_figure(&now, ind, c->number);
	if (fy == s->fy) {
		strbuf_addf(&when_th, "รอบ %d เดือน", round);
		strbuf_addf(&when_en, "the %d-month round", round);
	} else {
		strbuf_addf(&when_th, "รอบ %d เดือนของปีงบประมาณ %d", round, fy);
		strbuf_addf(&when_en, "the %d-month round of %d", round, fy);
	}
	if (decrease) {
		strbuf_addf(&th, "ค่าสะสมลดลงจาก %s (%s) เป็น %s ค่าสะสมต้องไม่ลดลงระหว่างปี"
			    " กรุณาตรวจสอบ", was.buf, when_th.buf, now.buf);
		strbuf_addf(&en, "a cumulative value fell from %s (%s) to %s", was.buf,
			    when_en.buf, now.buf);
		problem(c, "E-DECREASE", 1, th.buf, en.buf);
	} else {
		strbuf_addf(&th, "เปลี่ยนจาก %s (%s) เป็น %s เกิน %.10g เท่า"
			    " กรุณาตรวจสอบว่าถูกต้อง", was.buf, when_th.buf, now.buf, ind->jump);
		strbuf_addf(&en, "changed from %s (%s) to %s, more than %.10g times", was.buf,
			    when_en.buf, now.buf, ind->jump);
		problem(c, "W-JUMP", 0, th.buf, en.buf);
	}
	strbuf_release(&th);
	strbuf_release(&en);
	strbuf_release(&when_th);
	strbuf_release(&when_en);
	strbuf_release(&was);
	strbuf_release(&now);
	return 0;
}

static size_t named_slot(const struct named_map *m, const struct framework *fw,
			 const char *written)
{
	size_t h = (tt_hash_bytes(&fw, sizeof(fw)) * 31 +
		    tt_hash_bytes(&written, sizeof(written))) & (m->size - 1);

	while (m->slot[h].fw && (m->slot[h].fw != fw || m->slot[h].written != written))
		h = (h + 1) & (m->size - 1);
	return h;
}

/*
 * The indicator a sheet names, by its code or by its exact Thai name (white
 * space trimmed and runs of it made one space, on both sides); NULL if the
 * framework has neither.  written: interned (struct checker's names); *code
 * set to the name the value is known by from here on, interned: the
 * indicator's code, or written when there is none.
 */
static const struct indicator *indicator_named(struct checker *ck, const struct framework *fw,
					       const char *written, const char **code)
{
	struct named_map *m = &ck->named;
	const struct indicator *ind;
	struct named *e;
	char *want, *name;
	size_t h, i;

	if (m->size && m->slot[h = named_slot(m, fw, written)].fw) {
		*code = m->slot[h].code;
		return m->slot[h].ind;
	}
	ind = framework_indicator(fw, written);
	want = ind ? NULL : tt_collapse_spaces(xstrdup(written));
	for (i = 0; !ind && i < fw->nr_indicators; i++) {
		if (!strcasecmp(want, fw->indicators[i].code)) {
			ind = &fw->indicators[i];
			break;
		}
		name = tt_collapse_spaces(xstrdup(fw->indicators[i].name));
		if (!strcmp(want, name))
			ind = &fw->indicators[i];
		free(name);
	}
	free(want);
	if (2 * (m->used + 1) > m->size) {
		struct named_map bigger;

		bigger.size = m->size ? 2 * m->size : 64;
		bigger.used = m->used;
		bigger.slot = xcalloc(bigger.size, sizeof(*bigger.slot));
		for (i = 0; i < m->size; i++)
			if (m->slot[i].fw)
				bigger.slot[named_slot(&bigger, m->slot[i].fw,
						       m->slot[i].written)] = m->slot[i];
		free(m->slot);
		*m = bigger;
	}
	e = &m->slot[named_slot(m, fw, written)];
	e->fw = fw;
	e->written = written;
	e->ind = ind;
	e->code = ind ? tt_strset_add(&ck->names, ind->code) : written;
	m->used++;
	*code = e->code;
	return ind;
}

static size_t seen_slot(const struct seen_set *set, const char *name)
{
	size_t h = tt_hash_bytes(&name, sizeof(name)) & (set->size - 1);

	while (set->slot[h] && set->slot[h] != name)
		h = (h + 1) & (set->size - 1);
	return h;
}

/* 1 if name (interned) is in set. */
static int seen_has(const struct seen_set *set, const char *name)
{
	return set->used && set->slot[seen_slot(set, name)];
}

/* Add name (interned) to set: 1 if it was there already, else 0. */
static int seen_add(struct seen_set *set, const char *name)
{
	size_t h;

	if (2 * (set->used + 1) > set->size) {
		/* twice the room, the names there added again */
		struct seen_set old = *set;

		set->size = old.size ? 2 * old.size : 64;
		set->slot = xcalloc(set->size, sizeof(*set->slot));
		set->used = 0;
		for (h = 0; h < old.size; h++)
			if (old.slot[h])
				seen_add(set, old.slot[h]);
		free(old.slot);
	}
	h = seen_slot(set, name);
	if (set->slot[h])
		return 1;
	set->slot[h] = name;
	set->used++;
	return 0;
}

static void seen_clear(struct seen_set *set)
{
	if (set->used)
		memset(set->slot, 0, set->size * sizeof(*set->slot));
	set->used = 0;
}

/* What was found in the cells of a value: "85", or "41/45" for a ratio. */
static void found_text(struct strbuf *out, const char *value, const char *num, const char *den)
{
	if (!blank(value))
		strbuf_addstr(out, value);
	else if (!blank(num) && !blank(den))
		strbuf_addf(out, "%s/%s", num, den);
	else if (!blank(num))
		strbuf_addstr(out, num);
	else if (!blank(den))
		strbuf_addf(out, "/%s", den);
}

/*
 * The label of the cell of value id, or of the cell naming its indicator,
 * into out: its text, or its column_label ("" when it has none).
 */
static const char *value_cell(struct checker *ck, long long id, int indicator,
			      struct strbuf *out)
{
	sqlite3_stmt *st = ck->cell;

	strbuf_reset(out);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, indicator);
	if (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addstr(out, db_column_text(st, 0));
	sqlite3_reset(st);
	return out->buf;
}

/*
 * The checked number of value id, NULL if it was not checked.  The
 * statement asks of its rows in the order of their ids (value_submission),
 * several times a row, and ck->checked is in that order: looked for from
 * where the last was found.
 */
static const struct checked_number *checked_of(struct checker *ck, long long id)
{
	size_t i = ck->checked_at;

	if (i >= ck->nr_checked || ck->checked[i].id > id)
		i = 0;
	while (i < ck->nr_checked && ck->checked[i].id < id)
		i++;
	ck->checked_at = i;
	return i < ck->nr_checked && ck->checked[i].id == id ? &ck->checked[i] : NULL;
}

/*
 * tt_checked(ID, PART[, STORED]), for STORE_CHECKED_SQL: PART 1 the number
 * of value ID (NULL when it has none or was not checked), 2 and 3 its
 * numerator and denominator as checked (NULL when they are kept as they
 * are), 4 whether its row changes (own_row_checked(); STORED: whether
 * it has a number as stored, which a value not checked loses).
 */
static void checked_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct checker *ck = sqlite3_user_data(ctx);
	int part = sqlite3_value_int(argv[1]);
	const struct checked_number *k = checked_of(ck, sqlite3_value_int64(argv[0]));

	if (part == 4)
		sqlite3_result_int(ctx, k ? k->changes : argc > 2 && sqlite3_value_int(argv[2]));
	else if (part == 1 && k && k->has_number)
		sqlite3_result_double(ctx, k->number);
	else if (part == 2 && k && k->write_ratio)
		sqlite3_result_double(ctx, k->numerator);
	else if (part == 3 && k && k->write_ratio)
		sqlite3_result_double(ctx, k->denominator);
	else
		sqlite3_result_null(ctx);
}

/* By indicator, the newest (largest id) first: OWN_VALUES_SQL's order. */
static int cmp_own_row(const void *a, const void *b)
{
	const struct own_row *x = a, *y = b;
	int c = strcmp(x->e.code, y->e.code);

	if (c)
		return c;
	return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/*
 * Keep the values of s with a number, as store_checked() stored them
 * (ck->rows), for the outliers of its round, if it is the round being
 * checked and there is room.
 */
static void kept_add(struct checker *ck, const struct submission_row *s)
{
	struct kept_round *k = &ck->kept;
	struct kept_submission *sub;
	size_t i, n = 0;

	if (!k->open || !s->has_fy || !s->has_round || s->fy != k->fy || s->round != k->round)
		return;
	for (i = 0; i < ck->nr_rows; i++)
		n += ck->rows[i].has_number != 0;
	if (n > KEPT_VALUES - k->nr)
		return; /* read again with the others */
	xgrow(&k->subs, &k->alloc_subs, k->nr_subs + 1, sizeof(*k->subs));
	sub = &k->subs[k->nr_subs++];
	sub->id = s->id;
	sub->at = k->nr;
	sub->n = n;
	if (n)
		xgrow(&k->v, &k->alloc, k->nr + n, sizeof(*k->v));
	for (i = 0; i < ck->nr_rows; i++)
		if (ck->rows[i].has_number) {
			struct kept_value *v = &k->v[k->nr++];

			v->indicator = ck->rows[i].e.code;
			v->x = ck->rows[i].e.number;
			v->value = ck->rows[i].id;
		}
}

/*
 * Store the checked numbers of s (ck->checked) in one statement, run only
 * when a row changes, and keep its values with a number as its rules read
 * them (OWN_VALUES_SQL) in ck->own, from ck->rows.
 */
static int store_checked(struct checker *ck, const struct submission_row *s)
{
	sqlite3_stmt *st = ck->set_number;
	size_t i;
	int rc = 0;

	value_map_clear(&ck->own);
	for (i = 0; i < ck->nr_rows && !ck->rows[i].changes; i++)
		;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, s->id);
	/* (not a row to write: the statement not run) */
	if (i < ck->nr_rows && sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(ck->db, "could not store a checked value", ck->err);
	sqlite3_reset(st);
	if (ck->nr_rows)
		qsort(ck->rows, ck->nr_rows, sizeof(*ck->rows), cmp_own_row);
	for (i = 0; i < ck->nr_rows; i++) {
		struct own_row *r = &ck->rows[i];

		if (rc || !r->has_number ||
		    (ck->own.nr && ck->own.v[ck->own.nr - 1].code == r->e.code))
			continue;
		xgrow(&ck->own.v, &ck->own.alloc, ck->own.nr + 1, sizeof(*ck->own.v));
		ck->own.v[ck->own.nr++] = r->e;
	}
	if (!rc)
		kept_add(ck, s);
	ck->nr_rows = 0;
	ck->own.loaded = !rc;
	return rc;
}

/* The value at st's row (VALUES_SQL) as stored before it is checked; code interned. */
static void own_row_add(struct checker *ck, sqlite3_stmt *st, const char *code)
{
	struct own_row *r;

	xgrow(&ck->rows, &ck->alloc_rows, ck->nr_rows + 1, sizeof(*ck->rows));
	r = &ck->rows[ck->nr_rows++];
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->e.code = code;
	/* (a text's REAL, as CAST reads it) */
	r->e.has_numerator = sqlite3_column_type(st, 3) != SQLITE_NULL;
	r->e.numerator = sqlite3_column_double(st, 3);
	r->e.has_denominator = sqlite3_column_type(st, 4) != SQLITE_NULL;
	r->e.denominator = sqlite3_column_double(st, 4);
	r->stored = sqlite3_column_type(st, 6) != SQLITE_NULL;
	r->stored_number = sqlite3_column_double(st, 6);
	/* none until checked: a value not checked loses its number */
	r->changes = r->stored;
}

/* 1 if SQLite writes x as a whole number with ".0", which reads back as x. */
static int whole(double x)
{
	return x == floor(x) && fabs(x) < 1e15;
}

/* The last value's row once k is stored (STORE_CHECKED_SQL): 0 or TT_E*. */
static int own_row_checked(struct checker *ck, struct checked_number *k)
{
	struct own_row *r = &ck->rows[ck->nr_rows - 1];
	sqlite3_stmt *st = ck->as_stored;

	r->has_number = k->has_number;
	r->e.number = k->number;
	/* a numerator and denominator as typed ("41", not "๔๑" or "1,250") are kept */
	k->write_ratio = k->has_ratio &&
			 !(r->e.has_numerator && r->e.numerator == k->numerator &&
			   r->e.has_denominator && r->e.denominator == k->denominator);
	k->changes = r->changes = r->stored != k->has_number ||
				  (k->has_number && r->stored_number != k->number) ||
				  k->write_ratio;
	if (!k->write_ratio)
		return 0;
	r->e.has_numerator = r->e.has_denominator = 1;
	if (whole(k->numerator) && whole(k->denominator)) {
		/* "41.0" is read back as it was written */
		r->e.numerator = k->numerator;
		r->e.denominator = k->denominator;
		return 0;
	}
	sqlite3_reset(st);
	sqlite3_bind_double(st, 1, k->numerator);
	sqlite3_bind_double(st, 2, k->denominator);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(ck->db, "could not read a checked value", ck->err);
	r->e.numerator = sqlite3_column_double(st, 0);
	r->e.denominator = sqlite3_column_double(st, 1);
	sqlite3_reset(st);
	return 0;
}

static int check_values(struct checker *ck, const struct submission_row *s,
			const struct framework *fw, int *errors)
{
	sqlite3_stmt *st = ck->values;
	struct strbuf th, en, found, cell;
	char kind[16];
	int rc = 0;

	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_init(&found);
	strbuf_init(&cell);
	unit_kind(ck, s->unit, kind, sizeof(kind));
	value_map_clear(&ck->previous_values);
	seen_clear(&ck->seen);
	ck->nr_checked = ck->checked_at = 0;
	ck->nr_rows = 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, s->id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		long long value_id = sqlite3_column_int64(st, 0);
		/* interned: a name is looked up once a run, and seen by its pointer */
		const char *code = tt_strset_add(&ck->names, db_column_text(st, 1));
		const char *value = (const char *)sqlite3_column_text(st, 2);
		const char *num = (const char *)sqlite3_column_text(st, 3);
		const char *den = (const char *)sqlite3_column_text(st, 4);
		long row = sqlite3_column_int(st, 5);
		/* an earlier value of the submission under the same name */
		int duplicate;
		const struct indicator *ind;
		const char *known;
		struct value_check c;
		int area_result;

		own_row_add(ck, st, code);
		/*
		 * An empty cell is no value (ingest stores none; an older
		 * database may hold some): never an error by itself.
		 */
		if (blank(value) && blank(num) && blank(den)) {
			seen_add(&ck->seen, code);
			continue;
		}
		duplicate = seen_has(&ck->seen, code);
		ind = indicator_named(ck, fw, code, &known);
		/* stored under its code from here on (below), so seen by that */
		seen_add(&ck->seen, known);
		strbuf_reset(&th);
		strbuf_reset(&en);
		strbuf_reset(&found);
		found_text(&found, value, num, den);
		if (!ind) {
			strbuf_addf(&th, "ไม่รู้จักตัวชี้วัด \"%s\" ในกรอบการติดตามปีงบประมาณ %d"
				    " ใช้รหัสตัวชี้วัด (เช่น %s) หรือชื่อตัวชี้วัดที่ตรงกับกรอบทุกตัวอักษร",
				    code, fw->fiscal_year,
				    fw->nr_indicators ? fw->indicators[0].code : "-");
			strbuf_addf(&en, "unknown indicator '%s' in the framework of %d (give its"
				    " code, e.g. %s, or its exact Thai name)", code, fw->fiscal_year,
				    fw->nr_indicators ? fw->indicators[0].code : "-");
			if (!*value_cell(ck, value_id, 1, &cell))
				value_cell(ck, value_id, 0, &cell);
			rc = add_issue(ck, s->file_id, s->id, 1, "E-INDICATOR", row, cell.buf,
				       code, th.buf, en.buf);
			(*errors)++;
			continue;
		}
		if (code != known) {
			/* named by its Thai name: stored by code from now on */
			sqlite3_reset(ck->set_indicator);
			sqlite3_bind_int64(ck->set_indicator, 1, value_id);
			db_bind_text(ck->set_indicator, 2, ind->code);
			if (sqlite3_step(ck->set_indicator) != SQLITE_DONE) {
				rc = db_fail(ck->db, "could not store an indicator code", ck->err);
				break;
			}
		}
		code = known;
		ck->rows[ck->nr_rows - 1].e.code = code;
		if (!indicator_due(ind, s->round)) {
			strbuf_addf(&th, "ตัวชี้วัด %s ไม่ได้กำหนดให้รายงานในรอบ %d เดือน",
				    code, s->round);
			strbuf_addf(&en, "indicator %s is not reported at %d months", code, s->round);
			rc = add_issue(ck, s->file_id, s->id, 1, "E-ROUND", row,
				       value_cell(ck, value_id, 0, &cell), found.buf,
				       th.buf, en.buf);
			(*errors)++;
			continue;
		}
		area_result = ind->submitter == SUBMITTER_SCHOOL && !strcmp(kind, "office") &&
			      stands_for_area(ck, s->unit);
		if (kind[0] && !area_result &&
		    strcmp(kind, ind->submitter == SUBMITTER_SCHOOL ? "school" : "office")) {
			strbuf_addf(&th, "ตัวชี้วัด %s ต้องรายงานโดย%s", code,
				    ind->submitter == SUBMITTER_SCHOOL ? "โรงเรียน" : "สำนักงานเขตพื้นที่");
			strbuf_addf(&en, "indicator %s is reported by the %s", code,
				    ind->submitter == SUBMITTER_SCHOOL ? "schools" : "area office");
			rc = add_issue(ck, s->file_id, s->id, 1, "E-UNIT", row,
				       value_cell(ck, value_id, 0, &cell), s->unit,
				       th.buf, en.buf);
			(*errors)++;
			continue;
		}
		if (area_result)
			check_result_value(ind, value, num, den, &c);
		else
			validate_value(ind, value, num, den, &c);
		/* an area's total may fall when fewer schools reported: no E-DECREASE */
		if (!c.code && c.has_number && !area_result &&
		    (rc = compare_previous(ck, s, ind, &c))) {
			value_check_release(&c);
			break;
		}
		if (c.code) {
			strbuf_addf(&th, "%s: %s", ind->name, c.message_th.buf);
			strbuf_addf(&en, "%s: %s", code, c.message_en.buf);
			if (found.len && strcmp(c.code, "W-JUMP") && strcmp(c.code, "E-DECREASE")) {
				/* (those two say the value already) */
				strbuf_addf(&th, " (ค่าที่กรอก: %s)", found.buf);
				strbuf_addf(&en, " (found: %s)", found.buf);
			}
			rc = add_issue(ck, s->file_id, s->id, c.is_error, c.code, row,
				       value_cell(ck, value_id, 0, &cell),
				       found.buf, th.buf, en.buf);
			if (c.is_error)
				(*errors)++;
		}
		if (!rc && duplicate) {
			strbuf_reset(&th);
			strbuf_reset(&en);
			strbuf_addf(&th, "ตัวชี้วัด %s มีค่ามากกว่าหนึ่งครั้งในไฟล์เดียวกัน"
				    " ระบบใช้ค่าที่อยู่แถวหลังสุด", code);
			strbuf_addf(&en, "indicator %s appears more than once; the last is used",
				    code);
			rc = add_issue(ck, s->file_id, s->id, 0, "W-DUPLICATE", row,
				       value_cell(ck, value_id, 0, &cell), found.buf,
				       th.buf, en.buf);
		}
		if (!rc) {
			struct checked_number *k;

			xgrow(&ck->checked, &ck->alloc_checked, ck->nr_checked + 1,
			      sizeof(*ck->checked));
			k = &ck->checked[ck->nr_checked++];
			memset(k, 0, sizeof(*k));
			k->id = value_id;
			k->has_number = c.has_number && (!c.code || !c.is_error);
			k->number = c.number;
			k->has_ratio = ind->type == VALUE_PERCENT && c.has_number &&
				       c.denominator > 0;
			k->numerator = c.numerator;
			k->denominator = c.denominator;
			rc = own_row_checked(ck, k);
		}
		if (!rc && c.has_number && (!c.code || !c.is_error)) {
			struct past_value *p;

			xgrow(&ck->fresh, &ck->alloc_fresh, ck->nr_fresh + 1, sizeof(*ck->fresh));
			xgrow(&ck->fresh_ind, &ck->alloc_fresh_ind, ck->nr_fresh + 1,
			      sizeof(*ck->fresh_ind));
			ck->fresh_ind[ck->nr_fresh] = ind;
			p = &ck->fresh[ck->nr_fresh++];
			memset(p, 0, sizeof(*p));
			p->code = code;
			p->number = c.number;
		}
		value_check_release(&c);
	}
	strbuf_release(&th);
	strbuf_release(&en);
	strbuf_release(&found);
	strbuf_release(&cell);
	return rc ? rc : store_checked(ck, s);
}

/* A rule's view of one submission: the checked numbers of its values. */
struct rule_scope {
	struct checker *ck;
	long long submission;
	const char *unit;          /* and its fiscal year and round, for values */
	int fy, round;             /* sent in other files */
	struct value_map *own;     /* the submission's values, read once */
	struct value_map *others;  /* the unit's other files', read when needed */
	int failed;                /* reading them failed: ck->err says why */
};

/* The part of e a rule reads: 0 if it has it, into *out. */
static int take(const struct value_entry *e, enum expr_part part, double *out)
{
	if (!e)
		return 1;
	if (part == EXPR_NUMERATOR) {
		*out = e->numerator;
		return !e->has_numerator;
	}
	if (part == EXPR_DENOMINATOR) {
		*out = e->denominator;
		return !e->has_denominator;
	}
	*out = e->number;
	return 0;
}

/* Read the values a rule may use of rs's submission (others: of its unit). */
static int load_rule_values(struct rule_scope *rs, int others)
{
	struct checker *ck = rs->ck;
	sqlite3_stmt *st = others ? ck->unit_values : ck->own_values;

	/* the unit's other submissions of the round as checked so far */
	if (others && store_statuses_of(ck, rs->unit, rs->fy, rs->round)) {
		rs->failed = 1;
		return 1;
	}
	sqlite3_reset(st);
	if (others) {
		db_bind_text(st, 1, rs->unit);
		sqlite3_bind_int(st, 2, rs->fy);
		sqlite3_bind_int(st, 3, rs->round);
		sqlite3_bind_int64(st, 4, rs->submission);
	} else {
		sqlite3_bind_int64(st, 1, rs->submission);
	}
	if (value_map_load(ck, others ? rs->others : rs->own, st))
		rs->failed = 1;
	return rs->failed;
}

/*
 * A value for a rule: from the submission itself, else from the unit's
 * current accepted submission of the same round in another file (an XML
 * form beside a wide sheet, say).
 */
static int rule_lookup(const char *code, enum expr_part part, double *out, void *ctx)
{
	struct rule_scope *rs = ctx;

	if (!rs->own->loaded && load_rule_values(rs, 0))
		return 1;
	if (!take(value_map_find(rs->own, code), part, out))
		return 0;
	if (!rs->unit)
		return 1;
	if (!rs->others->loaded && load_rule_values(rs, 1))
		return 1;
	return take(value_map_find(rs->others, code), part, out);
}

/*
 * A rule's message with each {CODE}, {CODE.num} ... replaced by its value,
 * a value of an indicator of fw printed with its precision, a numerator or
 * denominator (or a sum) as a count.
 */
static void fill_message(const char *msg, const struct framework *fw, struct rule_scope *rs,
			 struct strbuf *out)
{
	const char *p = msg;

	while (*p) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		struct expr *ref;
		struct strbuf name;
		double v;

		if (!close) {
			strbuf_addch(out, *p++);
			continue;
		}
		strbuf_init(&name);
		strbuf_add(&name, p + 1, (size_t)(close - p - 1));
		ref = expr_parse(name.buf, NULL);
		if (ref && !expr_value(ref, rule_lookup, rs, &v)) {
			char *code = tt_trim(xstrdup(name.buf));

			add_figure(out, framework_indicator(fw, code), v);
			free(code);
		} else {
			strbuf_addstr(out, "-");
		}
		expr_free(ref);
		strbuf_release(&name);
		p = close + 1;
	}
}

struct touch {
	struct rule_scope *rs;
	int found;
};

static void touch_code(const char *code, void *ctx)
{
	struct touch *t = ctx;
	struct rule_scope own = *t->rs;
	double v;

	own.unit = NULL; /* this submission only */
	if (!t->found && !rule_lookup(code, EXPR_VALUE, &v, &own))
		t->found = 1;
}

/*
 * The framework's cross-value rules over the submission's values: a rule
 * that fails is an issue (E-RULE or W-RULE) naming the rule and the values
 * it used; one that cannot be decided (a value missing) is not reported.
 */
/* Set *ctx (a struct school_named) when code is an indicator schools report. */
struct school_named {
	const struct framework *fw;
	int found;
};

static void school_code(const char *code, void *ctx)
{
	struct school_named *sn = ctx;
	const struct indicator *ind = framework_indicator(sn->fw, code);

	if (ind && ind->submitter == SUBMITTER_SCHOOL)
		sn->found = 1;
}

static int check_rules(struct checker *ck, const struct submission_row *s,
		       const struct framework *fw, int *errors)
{
	struct value_map own, others;
	struct rule_scope rs = { ck, s->id, s->unit, s->fy, s->round, &own, &others, 0 };
	int area = stands_for_area(ck, s->unit);
	size_t i;
	int rc = 0;

	memset(&own, 0, sizeof(own));
	memset(&others, 0, sizeof(others));
	if (ck->own.loaded)
		rs.own = &ck->own; /* as check_values() stored them */
	else if (load_rule_values(&rs, 0))
		rc = TT_EDB;
	for (i = 0; !rc && i < fw->nr_rules; i++) {
		const struct rule *r = &fw->rules[i];
		struct strbuf used, th, en;
		int is_error = r->severity == RULE_ERROR;
		struct touch t = { &rs, 0 };

		/* a rule belongs to the submissions that hold one of its values */
		expr_each_code(r->expr, touch_code, &t);
		if (!t.found)
			continue;
		if (area) {
			/* a school's rule does not bind its area's totals and means */
			struct school_named sn = { fw, 0 };

			expr_each_code(r->expr, school_code, &sn);
			if (sn.found)
				continue;
		}
		/* most rules hold: write out the values used only for those that fail */
		if (expr_check(r->expr, rule_lookup, &rs, NULL) != EXPR_FALSE || rs.failed)
			continue;
		strbuf_init(&used);
		expr_check(r->expr, rule_lookup, &rs, &used);
		strbuf_init(&th);
		strbuf_init(&en);
		strbuf_addf(&th, "[%s] ", r->code);
		fill_message(r->message_th, fw, &rs, &th);
		strbuf_addf(&en, "[%s] ", r->code);
		if (r->message_en)
			fill_message(r->message_en, fw, &rs, &en);
		else
			strbuf_addf(&en, "rule does not hold: %s", r->test);
		rc = add_issue(ck, s->file_id, s->id, is_error, is_error ? "E-RULE" : "W-RULE",
			       s->first_row, NULL, used.buf, th.buf, en.buf);
		*errors += is_error;
		strbuf_release(&used);
		strbuf_release(&th);
		strbuf_release(&en);
	}
	if (!rc && rs.failed)
		rc = TT_EDB;
	value_map_release(&own);
	value_map_release(&others);
	return rc;
}

static int round_approved(struct checker *ck, const struct submission_row *s)
{
	size_t i;

	if (!s->has_fy || !s->has_round)
		return 0;
	for (i = 0; i < ck->nr_approved; i++)
		if (ck->approved[i].fy == s->fy && ck->approved[i].round == s->round)
			return 1;
	return 0;
}

/* The values of s are not checked: they have no numbers (CLEAR_NUMBERS_SQL). */
static int clear_numbers(struct checker *ck, const struct submission_row *s)
{
	sqlite3_stmt *st = ck->clear_numbers;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, s->id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(ck->db, "could not clear a value's number",
							    ck->err);
	sqlite3_reset(st);
	return rc;
}

/* Submission s's status, stored with those of its batch (store_statuses()). */
static int set_status(struct checker *ck, const struct submission_row *s, const char *status)
{
	struct pending_status *p = &ck->pending[ck->nr_statuses];

	sqlite3_reset(ck->set_status);
	sqlite3_bind_int64(ck->set_status, 1, s->id);
	db_bind_text_static(ck->set_status, 2, status);
	if (sqlite3_step(ck->set_status) != SQLITE_DONE)
		return db_fail(ck->db, "could not note a submission's status", ck->err);
	p->unit = tt_strset_add(&ck->names, s->unit);
	p->fy = s->has_fy ? s->fy : -1;
	p->round = s->has_round ? s->round : -1;
	return ++ck->nr_statuses == STATUS_BATCH ? store_statuses(ck) : 0;
}

static int check_submission(struct checker *ck, const struct submission_row *s)
{
	const struct framework *fw;
	int errors = 0, rc;

	ck->stats->submissions++;
	ck->nr_fresh = 0;
	value_map_clear(&ck->own);
	if (round_approved(ck, s)) {
		/* frozen: kept aside until the round is reopened */
		if ((rc = clear_numbers(ck, s)))
			return rc;
		if ((rc = set_status(ck, s, "held")))
			return rc;
		ck->stats->held++;
		return 0;
	}
	rc = check_header(ck, s, &fw, &errors);
	if (!rc && fw && !errors)
		rc = check_values(ck, s, fw, &errors);
	else if (!rc)
		rc = clear_numbers(ck, s);
	if (!rc && fw && fw->nr_rules)
		rc = check_rules(ck, s, fw, &errors);
	if (rc)
		return rc;
	if ((rc = set_status(ck, s, errors ? "rejected" : "accepted")))
		return rc;
	if (errors)
		ck->stats->rejected++;
	else
		ck->stats->accepted++;
	return errors ? 0 : past_add_fresh(ck, s);
}

/* ---- outliers among peers ------------------------------------------- */

/* A value among its peers (its submission and file read if it is flagged). */
struct peer_value {
	double x;
	long long value;
};

/* By value id: the flagged values in the order they were stored. */
static int cmp_peer_value(const void *a, const void *b)
{
	const struct peer_value *x = a, *y = b;

	return x->value < y->value ? -1 : x->value > y->value;
}

/* Fewer peers than this and no value is called an outlier. */
#define OUTLIER_MIN_PEERS 7

/* A new entry of ck->flags, of fy's round, the rest zero. */
static struct outlier_flag *flag_new(struct checker *ck, int fy, int round)
{
	struct outlier_flag *f;

	xgrow(&ck->flags, &ck->alloc_flags, ck->nr_flags + 1, sizeof(*ck->flags));
	f = &ck->flags[ck->nr_flags++];
	memset(f, 0, sizeof(*f));
	f->fy = fy;
	f->round = round;
	return f;
}

/*
 * Flag the values of one office, indicator and round that lie outside
 * median ± k·MAD of the peers (MAD scaled by 1.4826, so that k reads as
 * standard deviations of normal data): each added to ck->flags, in the
 * order they were stored, for store_outliers().  pv, in any order, is
 * reordered.
 */
static void flag_outliers(struct checker *ck, const struct indicator *ind, int fy, int round,
			  struct peer_value *pv, size_t n)
{
	double *v, med, mad, scale, lo, hi;
	size_t i, flagged;

	if (n < OUTLIER_MIN_PEERS || ind->outlier_k <= 0)
		return;
	v = xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = pv[i].x;
	med = tt_median(v, n);
	for (i = 0; i < n; i++)
		v[i] = fabs(pv[i].x - med);
	mad = tt_median(v, n);
	free(v);
	scale = ind->outlier_k * 1.4826 * mad;
	if (mad <= 0)
		return;
	/* counts, percentages and levels are never below 0 */
	lo = med - scale > 0 ? med - scale : 0.0;
	hi = med + scale;
	/* nor is a percentage above 100 or a level above 5 */
	if (ind->type == VALUE_PERCENT && hi > 100)
		hi = 100;
	if (ind->type == VALUE_LEVEL && hi > 5)
		hi = 5;
	/* the values flagged, few, put first and in the order they were stored */
	for (i = flagged = 0; i < n; i++)
		if (!(fabs(pv[i].x - med) <= scale)) {
			struct peer_value t = pv[flagged];

			pv[flagged++] = pv[i];
			pv[i] = t;
		}
	qsort(pv, flagged, sizeof(*pv), cmp_peer_value);
	for (i = 0; i < flagged; i++) {
		struct outlier_flag *f;

		f = flag_new(ck, fy, round);
		f->ind = ind;
		f->value = pv[i].value;
		f->x = pv[i].x;
		f->med = med;
		f->lo = lo;
		f->hi = hi;
	}
}

/* The issue of an outlier flagged (flag_outliers()), its cell read.  0 or TT_E*. */
static int store_flag(struct checker *ck, const struct outlier_flag *f)
{
	const struct indicator *ind = f->ind;
	const char *found, *col;
	struct strbuf th, en, x;
	double written;
	long row;
	int rc;

	sqlite3_reset(ck->outlier_cell);
	sqlite3_bind_int64(ck->outlier_cell, 1, f->value);
	if (sqlite3_step(ck->outlier_cell) != SQLITE_ROW)
		return db_fail(ck->db, "could not read a value", ck->err);
	row = sqlite3_column_int(ck->outlier_cell, 0);
	col = db_column_text(ck->outlier_cell, 1);
	found = db_column_text(ck->outlier_cell, 2);
	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_init(&x);
	add_figure(&x, ind, f->x);
	strbuf_addf(&th, "%s: ค่าที่กรอก %s", ind->name, found);
	strbuf_addf(&en, "%s: %s", ind->code, found);
	/* "41/45 (= 91.11)"; a number written is not said twice */
	if (parse_number(found, &written) || fabs(written - f->x) > 1e-9) {
		strbuf_addf(&th, " (= %s)", x.buf);
		strbuf_addf(&en, " (= %s)", x.buf);
	}
	/* median and range as the indicator prints its values: "91.67" */
	strbuf_addf(&th, " ต่างจากโรงเรียนอื่นในเขตมาก (รอบ %d เดือน มัธยฐาน ", f->round);
	add_statistic(&th, ind, f->med);
	strbuf_addstr(&th, " ช่วงปกติ ");
	add_statistic(&th, ind, f->lo);
	strbuf_addstr(&th, " ถึง ");
	add_statistic(&th, ind, f->hi);
	strbuf_addstr(&th, ") กรุณาตรวจสอบว่าถูกต้อง");
	strbuf_addstr(&en, " is far from the office's other schools (median ");
	add_statistic(&en, ind, f->med);
	strbuf_addstr(&en, ", usual range ");
	add_statistic(&en, ind, f->lo);
	strbuf_addstr(&en, " to ");
	add_statistic(&en, ind, f->hi);
	strbuf_addstr(&en, ")");
	rc = add_issue(ck, sqlite3_column_int64(ck->outlier_cell, 4),
		       sqlite3_column_int64(ck->outlier_cell, 3), 0, "W-OUTLIER", row, col, found,
		       th.buf, en.buf);
	strbuf_release(&th);
	strbuf_release(&en);
	strbuf_release(&x);
	return rc;
}

/*
 * The flags found (ck->flags), stored once every submission is checked,
 * round by round in the order given (NEW_ROUNDS_SQL's), so that their
 * issues follow the checks' as they always have: for each office, the old
 * flags of each parent's schools cleared, then the office's new ones.
 */
static int store_outliers(struct checker *ck, const struct approved_round *rounds,
			  size_t nr_rounds)
{
	sqlite3_stmt *del;
	size_t i, k;
	int rc;

	if ((rc = db_prepare(ck->db, &del, CLEAR_OUTLIERS_SQL, ck->err)))
		return rc;
	for (i = 0; !rc && i < nr_rounds; i++)
		for (k = 0; !rc && k < ck->nr_flags; k++) {
			const struct outlier_flag *f = &ck->flags[k];

			if (f->fy != rounds[i].fy || f->round != rounds[i].round)
				continue;
			if (f->ind) {
				rc = store_flag(ck, f);
				continue;
			}
			sqlite3_reset(del);
			db_bind_text(del, 1, f->parent);  /* NULL: no parent */
			sqlite3_bind_int(del, 2, f->fy);
			sqlite3_bind_int(del, 3, f->round);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = db_fail(ck->db, "could not clear outliers", ck->err);
		}
	sqlite3_finalize(del);
	return rc;
}

/* A value of an office's round: its indicator's group (struct peer_groups) and itself. */
struct peer_row {
	size_t group;
	struct peer_value v;
};

/*
 * The indicators of an office's rows, each a group of peers: found by
 * its interned name (struct checker's names) through open addressing
 * over the pointers, so that the rows are gathered by indicator in two
 * passes and only the few indicators are sorted, not every row.
 */
struct peer_group {
	const char *indicator;
	size_t n, at;            /* its rows, and where they begin in pv */
};

struct peer_groups {
	struct peer_group *g;
	size_t nr, alloc;
	size_t *slot;            /* a group's index + 1; 0: empty */
	size_t size;             /* a power of two, over twice nr */
	struct peer_group **sorted;  /* by indicator: peer_groups_place() */
};

static size_t peer_slot(const struct peer_groups *pg, const char *indicator)
{
	size_t h = tt_hash_bytes(&indicator, sizeof(indicator)) & (pg->size - 1);

	while (pg->slot[h] && pg->g[pg->slot[h] - 1].indicator != indicator)
		h = (h + 1) & (pg->size - 1);
	return h;
}

/* The group of indicator's values, added if new. */
static size_t peer_group_of(struct peer_groups *pg, const char *indicator)
{
	size_t h, i;

	if (2 * (pg->nr + 1) > pg->size) {
		pg->size = pg->size ? 2 * pg->size : 64;
		free(pg->slot);
		pg->slot = xcalloc(pg->size, sizeof(*pg->slot));
		for (i = 0; i < pg->nr; i++)
			pg->slot[peer_slot(pg, pg->g[i].indicator)] = i + 1;
	}
	h = peer_slot(pg, indicator);
	if (!pg->slot[h]) {
		xgrow(&pg->g, &pg->alloc, pg->nr + 1, sizeof(*pg->g));
		pg->g[pg->nr].indicator = indicator;
		pg->g[pg->nr].n = 0;
		pg->slot[h] = ++pg->nr;
	}
	pg->g[pg->slot[h] - 1].n++;
	return pg->slot[h] - 1;
}

static int cmp_peer_group(const void *a, const void *b)
{
	return strcmp((*(struct peer_group *const *)a)->indicator,
		      (*(struct peer_group *const *)b)->indicator);
}

/*
 * The rows put into pv (nr_rows long) indicator by indicator, each
 * indicator's as they were read, the groups sorted by indicator into
 * pg->sorted, each with where its rows begin.
 */
static void peer_groups_place(struct peer_groups *pg, const struct peer_row *rows,
			      size_t nr_rows, struct peer_value *pv)
{
	size_t i, at = 0;

	pg->sorted = xrealloc(pg->sorted, (pg->nr ? pg->nr : 1) * sizeof(*pg->sorted));
	for (i = 0; i < pg->nr; i++)
		pg->sorted[i] = &pg->g[i];
	qsort(pg->sorted, pg->nr, sizeof(*pg->sorted), cmp_peer_group);
	for (i = 0; i < pg->nr; i++) {
		pg->sorted[i]->at = at;
		at += pg->sorted[i]->n;
	}
	for (i = 0; i < nr_rows; i++)
		pv[pg->g[rows[i].group].at++] = rows[i].v;
	for (i = 0; i < pg->nr; i++)
		pg->g[i].at -= pg->g[i].n;
}

/* Emptied for the next office, its memory kept. */
static void peer_groups_clear(struct peer_groups *pg)
{
	if (pg->size)
		memset(pg->slot, 0, pg->size * sizeof(*pg->slot));
	pg->nr = 0;
}

static void peer_groups_release(struct peer_groups *pg)
{
	free(pg->g);
	free(pg->slot);
	free(pg->sorted);
}

/* By office, then parent (none first). */
static int cmp_school_office(const void *a, const void *b)
{
	const struct unit_entry *x = *(const struct unit_entry *const *)a;
	const struct unit_entry *y = *(const struct unit_entry *const *)b;
	int c = strcmp(x->office, y->office);

	if (c || x->parent == y->parent)
		return c;
	if (!x->parent || !y->parent)
		return x->parent ? 1 : -1;
	return strcmp(x->parent, y->parent);
}

/*
 * By fiscal year, round and office (as text).
 */
static int cmp_outlier_office(const void *a, const void *b)
{
	const struct outlier_office *x = a, *y = b;

	if (x->fy != y->fy)
		return x->fy < y->fy ? -1 : 1;
	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	return strcmp(x->office, y->office);
}

/* Sort the offices to check and keep each once. */
static void outlier_offices_unique(struct checker *ck)
{
	size_t i, j;

	if (ck->nr_outlier_offices)
		qsort(ck->outlier_offices, ck->nr_outlier_offices, sizeof(*ck->outlier_offices),
		      cmp_outlier_office);
	for (i = j = 0; i < ck->nr_outlier_offices; i++)
		if (!j || cmp_outlier_office(&ck->outlier_offices[j - 1], &ck->outlier_offices[i]))
			ck->outlier_offices[j++] = ck->outlier_offices[i];
	ck->nr_outlier_offices = j;
}

/*
 * The offices of the schools with a submission to check, by fiscal year
 * and round (NEW_UNIT_ROUNDS_SQL), for round_outliers(): read before the
 * checks change the submissions' status.  Made unique whenever they come
 * to twice what was unique, so that they never take more than about twice
 * their number, not one for each submission.
 */
static int outlier_offices_load(struct checker *ck)
{
	sqlite3_stmt *st;
	size_t alloc = 0, limit = 1024;
	int rc, step;

	if ((rc = db_prepare(ck->db, &st, NEW_UNIT_ROUNDS_SQL, ck->err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const struct unit_entry *u = unit_find(ck, db_column_text(st, 2));
		struct outlier_office *o;

		if (!u || !u->office)
			continue; /* not a school of the list: no one's peer */
		xgrow(&ck->outlier_offices, &alloc, ck->nr_outlier_offices + 1,
		      sizeof(*ck->outlier_offices));
		o = &ck->outlier_offices[ck->nr_outlier_offices++];
		o->fy = sqlite3_column_int(st, 0);
		o->round = sqlite3_column_int(st, 1);
		o->office = u->office;
		if (ck->nr_outlier_offices >= limit) {
			outlier_offices_unique(ck);
			if (limit < 2 * ck->nr_outlier_offices)
				limit = 2 * ck->nr_outlier_offices;
		}
	}
	if (step != SQLITE_DONE)
		rc = db_fail(ck->db, "could not read the submissions to check", ck->err);
	sqlite3_finalize(st);
	outlier_offices_unique(ck);
	return rc;
}

/* 1 if office had a school's submission to check in fy's round. */
static int outlier_office_new(const struct checker *ck, int fy, int round, const char *office)
{
	struct outlier_office key;

	key.fy = fy;
	key.round = round;
	key.office = office;
	return ck->nr_outlier_offices &&
	       bsearch(&key, ck->outlier_offices, ck->nr_outlier_offices,
		       sizeof(*ck->outlier_offices), cmp_outlier_office) != NULL;
}

/* By submission id, for kept_find(). */
static int cmp_kept_submission(const void *a, const void *b)
{
	const struct kept_submission *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The values kept of submission id (subs sorted), or NULL: to be read. */
static const struct kept_submission *kept_find(const struct kept_round *k, long long id)
{
	struct kept_submission key;

	key.id = id;
	return k->nr_subs ? bsearch(&key, k->subs, k->nr_subs, sizeof(*k->subs),
				    cmp_kept_submission) : NULL;
}

static void peer_row_add(struct peer_groups *pg, struct peer_row **rows, size_t *nr,
			 size_t *alloc, const char *indicator, double x, long long value)
{
	struct peer_row *r;

	xgrow(rows, alloc, *nr + 1, sizeof(**rows));
	r = &(*rows)[(*nr)++];
	r->group = peer_group_of(pg, indicator);
	r->v.x = x;
	r->v.value = value;
}

/*
 * The values with a number of the accepted submissions, not replaced,
 * under a school's parent p (NULL: none) in fy's round, into rows: those
 * checked in this run as kept (kept_add()), the others read.
 */
static int parent_values(struct checker *ck, const char *p, int fy, int round,
			 struct peer_groups *pg, struct peer_row **rows, size_t *nr_rows,
			 size_t *alloc_rows)
{
	sqlite3_stmt *st = ck->outlier_subs, *nums = ck->sub_numbers;
	int step;

	sqlite3_reset(st);
	db_bind_text(st, 1, p);  /* NULL: no parent */
	sqlite3_bind_int(st, 2, fy);
	sqlite3_bind_int(st, 3, round);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const struct kept_submission *k = kept_find(&ck->kept, id);
		size_t i;

		if (k) {
			for (i = k->at; i < k->at + k->n; i++)
				peer_row_add(pg, rows, nr_rows, alloc_rows, ck->kept.v[i].indicator,
					     ck->kept.v[i].x, ck->kept.v[i].value);
			continue;
		}
		sqlite3_reset(nums);
		sqlite3_bind_int64(nums, 1, id);
		while ((step = sqlite3_step(nums)) == SQLITE_ROW)
			peer_row_add(pg, rows, nr_rows, alloc_rows,
				     tt_strset_add(&ck->names, db_column_text(nums, 0)),
				     sqlite3_column_double(nums, 1), sqlite3_column_int64(nums, 2));
		if (step != SQLITE_DONE)
			break;
	}
	sqlite3_reset(nums);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : db_fail(ck->db, "could not read a round's values", ck->err);
}

/*
 * Outliers of one fiscal year and round, found again, once its last
 * submission is checked (round_checked()), from the accepted values of
 * each office with a school's submission checked in it
 * (outlier_offices_load()): a new submission can make an older one stand
 * out, or stop standing out, but only among its own office's schools, so
 * no other office's flags are read or written.  Office by office (in the
 * order of their codes), as only an office's schools are peers: what is
 * held is one office's values of the round, whatever the number of
 * offices.  The flags, and the clearing of the old ones, are stored at the
 * end (store_outliers()).
 */
static int round_outliers(struct checker *ck, int fy, int round)
{
	const struct framework *fw;
	struct peer_row *rows = NULL;
	struct peer_value *pv = NULL;
	struct peer_groups pg;
	size_t nr_rows, alloc_rows = 0, alloc_pv = 0, i, j, k;
	int rc;

	struct submission_row key;

	key.has_fy = key.has_round = 1;
	key.fy = fy;
	key.round = round;
	if ((rc = framework_of(ck->db, &ck->fws, fy, &fw, ck->err)))
		return rc;
	if (!fw || round_approved(ck, &key))
		return 0; /* an approved round is frozen, its flags with it */
	memset(&pg, 0, sizeof(pg));
	if (!ck->schools) {
		/* a school of each parent, by office, once a run */
		ck->schools = xcalloc(ck->nr_units ? ck->nr_units : 1, sizeof(*ck->schools));
		for (i = 0; i < ck->nr_units; i++)
			if (ck->units[i].office)
				ck->schools[ck->nr_schools++] = &ck->units[i];
		qsort(ck->schools, ck->nr_schools, sizeof(*ck->schools), cmp_school_office);
		for (i = j = 0; i < ck->nr_schools; i++)
			if (!j || ck->schools[j - 1]->parent != ck->schools[i]->parent)
				ck->schools[j++] = ck->schools[i];
		ck->nr_schools = j;
	}
	if (ck->kept.nr_subs)
		qsort(ck->kept.subs, ck->kept.nr_subs, sizeof(*ck->kept.subs),
		      cmp_kept_submission);
	for (i = 0; !rc && i < ck->nr_schools; i = j) {
		const char *office = ck->schools[i]->office;
		int is_new = outlier_office_new(ck, fy, round, office);

		/* the values of the office's schools, parent by parent, their flags cleared */
		nr_rows = 0;
		peer_groups_clear(&pg);
		for (j = i; !rc && j < ck->nr_schools && !strcmp(ck->schools[j]->office, office); j++) {
			struct outlier_flag *f;

			if (!is_new)
				continue;
			f = flag_new(ck, fy, round);
			f->parent = ck->schools[j]->parent;
			rc = parent_values(ck, ck->schools[j]->parent, fy, round, &pg, &rows,
					   &nr_rows, &alloc_rows);
		}
		if (rc || !nr_rows)
			continue;
		/* each indicator's values are peers, the indicators in the order of their codes */
		xgrow(&pv, &alloc_pv, nr_rows, sizeof(*pv));
		peer_groups_place(&pg, rows, nr_rows, pv);
		for (k = 0; k < pg.nr; k++) {
			const struct peer_group *g = pg.sorted[k];
			const struct indicator *ind = framework_indicator(fw, g->indicator);

			if (!ind || ind->type == VALUE_YESNO || ind->type == VALUE_TEXT)
				continue;
			flag_outliers(ck, ind, fy, round, pv + g->at, g->n);
		}
	}
	peer_groups_release(&pg);
	free(pv);
	free(rows);
	return rc;
}

/*
 * The round being checked (ck->kept) is done when s (NULL: none left) is of
 * another: its statuses stored, its superseding worked out, its outliers
 * found, its values kept emptied.  s's round is then the one being checked.
 */
static int round_checked(struct checker *ck, const struct submission_row *s)
{
	struct kept_round *k = &ck->kept;
	int rc = 0;

	if (k->open && s && s->has_fy && s->has_round && s->fy == k->fy && s->round == k->round)
		return 0;
	if (k->open) {
		sqlite3_reset(ck->round_supersede);
		sqlite3_bind_int(ck->round_supersede, 1, k->fy);
		sqlite3_bind_int(ck->round_supersede, 2, k->round);
		sqlite3_reset(ck->round_done);
		sqlite3_bind_int(ck->round_done, 1, k->fy);
		sqlite3_bind_int(ck->round_done, 2, k->round);
		if (!(rc = store_statuses(ck)) &&
		    (sqlite3_step(ck->round_supersede) != SQLITE_DONE ||
		     sqlite3_step(ck->round_done) != SQLITE_DONE))
			rc = db_fail(ck->db, "could not work out which submission replaces which",
				     ck->err);
		if (!rc)
			rc = round_outliers(ck, k->fy, k->round);
		sqlite3_reset(ck->round_supersede);
		sqlite3_reset(ck->round_done);
	}
	k->open = s && s->has_fy && s->has_round;
	k->fy = k->open ? s->fy : 0;
	k->round = k->open ? s->round : 0;
	k->nr = k->nr_subs = 0;
	return rc;
}

static int load_units(struct checker *ck)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	size_t i;

	if ((rc = db_prepare(ck->db, &st,
			     "SELECT u.code, u.kind, EXISTS(SELECT 1 FROM unit c WHERE c.parent = u.code),"
			     " u.parent FROM unit u ORDER BY u.code", ck->err)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct unit_entry *u;

		xgrow(&ck->units, &alloc, ck->nr_units + 1, sizeof(*ck->units));
		u = &ck->units[ck->nr_units++];
		memset(u, 0, sizeof(*u));
		u->code = xstrdup(db_column_text(st, 0));
		tt_strlcpy(u->kind, db_column_text(st, 1), sizeof(u->kind));
		u->has_children = sqlite3_column_int(st, 2);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			u->parent = tt_strset_add(&ck->names, db_column_text(st, 3));
	}
	sqlite3_finalize(st);
	for (i = 0; i < ck->nr_units; i++) {
		struct unit_entry *u = &ck->units[i];
		const struct unit_entry *p = unit_find(ck, u->parent);

		if (strcmp(u->kind, "school"))
			continue;
		if (p && !strcmp(p->kind, "office"))
			u->office = u->parent;
		else
			u->office = tt_strset_add(&ck->names, p && p->parent ? p->parent : "");
	}
	return 0;
}

static int load_approved(struct checker *ck)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	if ((rc = db_prepare(ck->db, &st, "SELECT fiscal_year, round FROM approved_round",
			     ck->err)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&ck->approved, &alloc, ck->nr_approved + 1, sizeof(*ck->approved));
		ck->approved[ck->nr_approved].fy = sqlite3_column_int(st, 0);
		ck->approved[ck->nr_approved++].round = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return 0;
}

static int prepare_checker(struct checker *ck)
{
	return load_units(ck) || load_approved(ck) ||
	       prepare_statuses(ck) ||
	       db_prepare(ck->db, &ck->set_status, SET_STATUS_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->add_issue,
			  "INSERT INTO issue(file_id, submission_id, severity, code, row, col,"
			  " found, message_th, message_en) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			  ck->err) ||
	       (sqlite3_create_function(ck->db, "tt_checked", -1, SQLITE_UTF8, ck, checked_fn,
					NULL, NULL) != SQLITE_OK &&
		db_fail(ck->db, "could not define tt_checked()", ck->err)) ||
	       db_prepare(ck->db, &ck->set_number, STORE_CHECKED_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->clear_numbers, CLEAR_NUMBERS_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->as_stored, AS_STORED_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->values, VALUES_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->set_indicator,
			  "UPDATE value SET indicator = ?2 WHERE id = ?1", ck->err) ||
	       db_prepare(ck->db, &ck->unit_values, UNIT_VALUES_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->own_values, OWN_VALUES_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->outlier_cell, OUTLIER_CELL_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->cell, VALUE_CELL_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->outlier_subs, OUTLIER_SUBMISSIONS_SQL, ck->err) ||
	       db_prepare(ck->db, &ck->sub_numbers, SUBMISSION_NUMBERS_SQL, ck->err)
		       ? TT_EDB : 0;
}

static void release_checker(struct checker *ck)
{
	size_t i;

	sqlite3_finalize(ck->add_issue);
	sqlite3_finalize(ck->set_number);
	sqlite3_finalize(ck->clear_numbers);
	sqlite3_finalize(ck->set_status);
	db_statements_free(&ck->store_status);
	free(ck->pending);
	sqlite3_finalize(ck->values);
	sqlite3_finalize(ck->own_values);
	sqlite3_finalize(ck->unit_values);
	sqlite3_finalize(ck->set_indicator);
	sqlite3_finalize(ck->outlier_cell);
	sqlite3_finalize(ck->cell);
	sqlite3_finalize(ck->as_stored);
	sqlite3_finalize(ck->outlier_subs);
	sqlite3_finalize(ck->sub_numbers);
	sqlite3_finalize(ck->round_supersede);
	sqlite3_finalize(ck->round_done);
	free(ck->kept.v);
	free(ck->kept.subs);
	free(ck->flags);
	if (ck->db)
		sqlite3_create_function(ck->db, "tt_checked", -1, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	for (i = 0; i < ck->fws.nr; i++)
		framework_free(ck->fws.fw[i]);
	free(ck->fws.years);
	free(ck->fws.fw);
	for (i = 0; i < ck->nr_units; i++) {
		free(ck->units[i].code);
		free(ck->units[i].past);
	}
	free(ck->units);
	free(ck->schools);
	free(ck->approved);
	free(ck->outlier_offices);
	value_map_release(&ck->previous_values);
	free(ck->seen.slot);
	free(ck->named.slot);
	tt_strset_release(&ck->names);
	free(ck->fresh);
	free(ck->fresh_ind);
	free(ck->checked);
	free(ck->rows);
	value_map_release(&ck->own);
}

int validate_explain(sqlite3 *db, const char *rule_code, const char *unit, int fy,
		     int round, struct strbuf *out, struct tt_error *err)
{
	struct checker ck;
	struct value_map own, others;
	struct rule_scope rs = { &ck, 0, unit, 0, round, &own, &others, 0 };
	const struct framework *fw = NULL;
	const struct rule *r = NULL;
	sqlite3_stmt *st = NULL;
	struct strbuf used, msg;
	size_t i;
	int rc, y;

	memset(&ck, 0, sizeof(ck));
	memset(&own, 0, sizeof(own));
	memset(&others, 0, sizeof(others));
	ck.db = db;
	ck.err = err;
	strbuf_init(&used);
	strbuf_init(&msg);
	/* the newest framework that has the rule, unless the year is given */
	if ((rc = db_prepare(db, &st, "SELECT DISTINCT fiscal_year FROM framework"
				      " WHERE ?1 = 0 OR fiscal_year = ?1"
				      " ORDER BY fiscal_year DESC", err)))
		goto out;
	sqlite3_bind_int(st, 1, fy);
	while (!r && sqlite3_step(st) == SQLITE_ROW) {
		y = sqlite3_column_int(st, 0);
		if ((rc = framework_of(db, &ck.fws, y, &fw, err)))
			break;
		for (i = 0; fw && i < fw->nr_rules; i++)
			if (!strcmp(fw->rules[i].code, rule_code))
				r = &fw->rules[i];
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc)
		goto out;
	if (!r) {
		rc = tt_error_set(err, TT_ENOTFOUND, "no framework has a rule '%s'", rule_code);
		goto out;
	}
	fy = fw->fiscal_year;
	if ((rc = prepare_checker(&ck)) ||
	    (rc = db_prepare(db, &st,
			     "SELECT s.id, f.path, s.status, s.superseded_by IS NOT NULL,"
			     " COALESCE(u.name, '') FROM submission s JOIN file f ON f.id = s.file_id"
			     " LEFT JOIN unit u ON u.code = s.unit_code"
			     " WHERE s.unit_code = ?1 AND s.fiscal_year = ?2 AND s.round = ?3"
			     " ORDER BY s.superseded_by IS NULL DESC, s.status = 'accepted' DESC,"
			     " s.submitted_on DESC, s.id DESC LIMIT 1", err)))
		goto out;
	db_bind_text(st, 1, unit);
	sqlite3_bind_int(st, 2, fy);
	sqlite3_bind_int(st, 3, round);
	strbuf_addf(out, "rule %s (%s): %s\n", r->code,
		    r->severity == RULE_ERROR ? "error" : "warning", r->test);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = tt_error_set(err, TT_ENOTFOUND, "unit %s sent nothing for the %d-month round"
				  " of %d", unit, round, fy);
		goto out;
	}
	rs.submission = sqlite3_column_int64(st, 0);
	rs.fy = fy;
	strbuf_addf(out, "unit %s %s, fiscal year %d, %d-month round\n", unit,
		    db_column_text(st, 4), fy, round);
	strbuf_addf(out, "values from %s (submission %lld, %s%s)\n", db_column_text(st, 1),
		    (long long)rs.submission, db_column_text(st, 2),
		    sqlite3_column_int(st, 3) ? ", superseded" : "");
	switch (expr_check(r->expr, rule_lookup, &rs, &used)) {
	case EXPR_TRUE:
		strbuf_addf(out, "with values: %s\nresult: holds\n", used.buf);
		break;
	case EXPR_FALSE:
		fill_message(r->message_th, fw, &rs, &msg);
		strbuf_addf(out, "with values: %s\nresult: does not hold: %s %s\n", used.buf,
			    r->severity == RULE_ERROR ? "E-RULE" : "W-RULE", msg.buf);
		break;
	case EXPR_UNKNOWN:
		strbuf_addf(out, "with values: %s\nresult: not decided (a value is missing or"
			    " divides by zero), so it is not reported\n", used.buf);
		break;
	}
	if (!rc && rs.failed)
		rc = TT_EDB;
out:
	sqlite3_finalize(st);
	release_checker(&ck);
	value_map_release(&own);
	value_map_release(&others);
	strbuf_release(&used);
	strbuf_release(&msg);
	return rc;
}

int validate_run(sqlite3 *db, struct validate_stats *stats,
		 struct tt_error *err)
{
	return validate_run_progress(db, NULL, stats, err);
}

/* The submissions waiting to be checked, for the progress line. */
static long count_new(sqlite3 *db)
{
	sqlite3_stmt *st;
	long n = 0;

	if (db_prepare(db, &st, "SELECT COUNT(*) FROM submission WHERE status = 'new'", NULL))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int validate_run_progress(sqlite3 *db, const struct tt_progress *progress,
			  struct validate_stats *stats, struct tt_error *err)
{
	struct checker ck;
	sqlite3_stmt *st = NULL;
	struct approved_round *rounds = NULL;
	size_t nr_rounds = 0, alloc_rounds = 0;
	long total = 0, done = 0;
	int rc, rejected;

	memset(stats, 0, sizeof(*stats));
	memset(&ck, 0, sizeof(ck));
	ck.db = db;
	ck.stats = stats;
	ck.err = err;
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
		return rc;
	if (progress && progress->step)
		total = count_new(db);
	if ((rc = prepare_checker(&ck)) || (rc = db_exec(db, CHECKED_GROUPS_SQL, err)) ||
	    (rc = db_prepare(db, &ck.round_supersede, ROUND_SUPERSEDE_SQL, err)) ||
	    (rc = db_prepare(db, &ck.round_done, ROUND_DONE_SQL, err)) ||
	    (rc = outlier_offices_load(&ck)) || (rc = past_load(&ck)) ||
	    (rc = db_prepare(db, &st, NEW_ROUNDS_SQL, err)))
		goto fail;
	/* the rounds whose outliers may change with this run */
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&rounds, &alloc_rounds, nr_rounds + 1, sizeof(*rounds));
		rounds[nr_rounds].fy = sqlite3_column_int(st, 0);
		rounds[nr_rounds++].round = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	ck.new_rounds = rounds;
	ck.nr_new_rounds = nr_rounds;
	if ((rc = db_exec(db, CLEAR_NEW_ISSUES_SQL, err)) ||
	    (rc = db_prepare(db, &st, NEW_SUBMISSIONS_SQL, err)))
		goto fail;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct submission_row s;

		s.id = sqlite3_column_int64(st, 0);
		s.file_id = sqlite3_column_int64(st, 1);
		s.unit = db_column_text(st, 2);
		s.fy_text = db_column_text(st, 3);
		s.round_text = db_column_text(st, 4);
		s.has_fy = sqlite3_column_type(st, 5) != SQLITE_NULL;
		s.fy = sqlite3_column_int(st, 5);
		s.has_round = sqlite3_column_type(st, 6) != SQLITE_NULL;
		s.round = sqlite3_column_int(st, 6);
		s.submitted = db_column_text(st, 7);
		s.first_row = sqlite3_column_int(st, 8);
		s.unit_col = (const char *)sqlite3_column_text(st, 9);
		s.fy_col = (const char *)sqlite3_column_text(st, 10);
		s.round_col = (const char *)sqlite3_column_text(st, 11);
		s.superseded = sqlite3_column_int(st, 13);
		rejected = stats->rejected;
		if (s.has_fy && s.has_round)
			past_prune(&ck, s.fy, s.round);
		if (!(rc = round_checked(&ck, &s)))
			rc = check_submission(&ck, &s);
		if (stats->rejected > rejected)
			tt_progress_refused(progress, db_column_text(st, 12));
		tt_progress_step(progress, ++done, total);
	}
	past_release(&ck);
	if (rc || (rc = round_checked(&ck, NULL)) || (rc = store_statuses(&ck)) ||
	    (rc = db_exec(db, SUPERSEDE_SQL, err)))
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	rc = store_outliers(&ck, rounds, nr_rounds);
	free(rounds);
	rounds = NULL;
	if (rc)
		goto fail;
	release_checker(&ck);
	return db_exec(db, "COMMIT", err);
fail:
	sqlite3_finalize(st);
	free(rounds);
	release_checker(&ck);
	db_exec(db, "ROLLBACK", NULL);
	return rc;
}

/* The statements on the hot path, for the test of their query plans. */
const char *const *validate_statements(void)
{
	static const char *const sql[] = {
		CHECKED_GROUPS_SQL, VALUES_SQL, VALUE_CELL_SQL, OWN_VALUES_SQL, UNIT_VALUES_SQL, PAST_SQL,
		CLEAR_NUMBERS_SQL,
		NEW_SUBMISSIONS_SQL,
		NEW_UNIT_ROUNDS_SQL, OUTLIER_SUBMISSIONS_SQL, SUBMISSION_NUMBERS_SQL, OUTLIER_CELL_SQL,
		CLEAR_OUTLIERS_SQL, CLEAR_NEW_ISSUES_SQL, NEW_ROUNDS_SQL,
		ROUND_SUPERSEDE_SQL, ROUND_DONE_SQL, SUPERSEDE_SQL, CHECKED_STATUS_SQL, SET_STATUS_SQL, STORE_STATUSES_SQL, NULL
	};

	return sql;
}

/*
 * The statements of a round's outliers, each reading only the rows of the
 * schools under one parent (for the test of their plans: never every
 * office's).
 */
const char *const *validate_outlier_statements(void)
{
	static const char *const sql[] = { OUTLIER_SUBMISSIONS_SQL, CLEAR_OUTLIERS_SQL, NULL };

	return sql;
}
