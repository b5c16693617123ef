/*
 * validate.h - the second stage: check values, accept or reject submissions.
 *
 * Each submission (one unit's round in one file) still marked 'new' is
 * checked against the framework of its fiscal year: the unit exists and may
 * report the indicator, the year and round are known, each value has the
 * right type and range.  An empty cell is no value, never an error by
 * itself: ingest stores none, and a required indicator left empty is
 * simply not sent (completeness counts it missing).  Problems go into the
 * issue table with a stable code (E-RANGE, W-LATE ...), Thai and English
 * text, and the row and column they were found at.  A submission with any
 * error is rejected as a whole; one with only warnings is accepted.  An
 * older accepted submission of the same unit and round whose indicators a
 * newer accepted one all covers is marked superseded.  The program then
 * writes the receipts (receipt.h).
 */
#ifndef TIDTAM_VALIDATE_H
#define TIDTAM_VALIDATE_H

#include <sqlite3.h>

#include "tidtam/framework.h"
#include "tidtam/util.h"

struct tt_error;

struct validate_stats {
	int submissions; /* submissions checked in this run */
	int accepted;
	int rejected;
	int errors;
	int warnings;
	int held;        /* for an approved round: kept aside, not checked */
};

/* What checking one value found. */
struct value_check {
	const char *code;     /* NULL when the value is fine, else "E-RANGE" ... */
	int is_error;         /* 1 error, 0 warning */
	struct strbuf message_th; /* why, when code is set */
	struct strbuf message_en;
	int has_number;       /* number is meaningful */
	double number;        /* the value as a number (percent: num/den*100, yes = 1) */
	double numerator, denominator; /* percent only */
};

/*
 * Check one value of indicator ind as written (value, numerator and
 * denominator may each be NULL).  Pure: used by validate_run() and tests.
 * out is initialised here; free its messages with value_check_release().
 */
void validate_value(const struct indicator *ind, const char *value,
		    const char *numerator, const char *denominator,
		    struct value_check *out);

/* Free the messages of c (filled by validate_value()). */
void value_check_release(struct value_check *c);

/*
 * The number a value's texts read as before its indicator is known, as
 * most indicators read them: its value as a number or as yes (1) or no
 * (0), or with no value a numerator and denominator as the percentage
 * they make (41 and 45: 91.11...).  1 and *out set, or 0 when they read
 * as none.  Ingest stores it with the value; validate writes the value
 * again only where its indicator reads it otherwise.
 */
int validate_plain_number(const char *value, const char *numerator, const char *denominator,
			  double *out);

/* Parse yes/no as submitters write it (yes, y, 1, ใช่, มี, ผ่าน ...): 1, 0, or -1. */
int validate_parse_yesno(const char *s);

/*
 * Validate every new submission.  Returns 0, or a negative code with err
 * if the database failed (rejected input is not a failure: see stats).
 */
int validate_run(sqlite3 *db, struct validate_stats *stats, struct tt_error *err);

/*
 * validate_run() telling progress (NULL for none) of each submission
 * checked, of those to check, and of each one rejected, with its file.
 */
struct tt_progress;
int validate_run_progress(sqlite3 *db, const struct tt_progress *progress,
			  struct validate_stats *stats, struct tt_error *err);

/*
 * How rule rule_code evaluates for unit's round (fy 0: the newest framework
 * that has the rule), on the unit's current submission: the rule, where its
 * values come from, the rule written out with them, and the result.
 * Appended to out.  0, TT_ENOTFOUND (no such rule, or nothing sent) or TT_EDB.
 */
struct strbuf;
int validate_explain(sqlite3 *db, const char *rule_code, const char *unit, int fy,
		     int round, struct strbuf *out, struct tt_error *err);

/*
 * The SQL of the statements validate_run() runs per submission or per
 * round, NULL at the end: for the test that checks each reads through an
 * index.
 */
const char *const *validate_statements(void);

/*
 * Of those, the statements of outliers, each reading only the rows of the
 * schools under one parent (for the test of their plans: never every
 * office's).
 */
const char *const *validate_outlier_statements(void);

#endif
