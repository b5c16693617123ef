/*
 * vreport.h - validation reports as JSON, for other programs to read.
 *
 * Beside each receipt (<path>.json) and each validation report
 * (validation-<FY>-<m>m.json) tidtam writes the same facts as data, in
 * the shape of a Frictionless Data validation report: at the top `valid`,
 * `stats` {tasks, errors, warnings} and `tasks`, one per input file, each
 * with its `path`, `valid`, `stats` and `errors`.  Every issue is an
 * object of `errors`: `type` (our code, E-RANGE), `severity`, `rowNumber`,
 * `column` (the cell as the issue table holds it), `sheet`, `fieldName`
 * (the column's header as the sheet names it), `fieldNumber` and
 * `cellReference` (F12) where the column is a sheet's, `cell` (the value
 * found), `message` (English) and `message_th`, and `unit`, `fiscalYear`,
 * `round`, `indicator` where known (null where not).
 * templates/schema/validation-report.json is the JSON Schema of both.
 *
 * Issues are read from SQL that selects VREPORT_ISSUE_COLUMNS, so that
 * every report lists an issue from the same columns.
 */
#ifndef TIDTAM_VREPORT_H
#define TIDTAM_VREPORT_H

#include <sqlite3.h>

struct json_writer;

/* The profile every report names (`profile`), raised when the shape changes. */
#define VREPORT_PROFILE "tidtam-validation-report/1"

/*
 * The columns of an issue, for a query over `issue i LEFT JOIN submission
 * s ON s.id = i.submission_id`: code, severity, row, col, found, Thai and
 * English messages, the submission's unit, fiscal year and round, and the
 * indicator of the value at the issue's cell (NULL when the cell is not a
 * value's, as for E-RULE or E-UNIT at the unit's cell); a value names its
 * cells by text (before schema 14) or by column_label.
 */
#define VREPORT_ISSUE_COLUMNS \
	"i.code, i.severity, i.row, COALESCE(i.col, ''), i.found, i.message_th," \
	" i.message_en, s.unit_code, s.fiscal_year, s.round," \
	" (SELECT v.indicator FROM value v WHERE v.submission_id = i.submission_id" \
	"  AND v.row = i.row AND COALESCE(i.col, '') <> ''" \
	"  AND (v.col = i.col OR v.indicator_col = i.col OR" \
	"   (SELECT c.id FROM column_label c WHERE c.label = i.col)" \
	"   IN (v.col_label, v.indicator_col_label)) ORDER BY v.id LIMIT 1)"
#define VREPORT_ISSUE_NR_COLUMNS 11

/* One issue, every string owned (vreport_issue_release() frees them). */
struct vreport_issue {
	char *code;                /* "E-RANGE" */
	char *severity;            /* "error" or "warning" */
	long row;                  /* 0: none */
	char *column;              /* issue.col: "ข้อมูล!F (OPP01)", "value", "" */
	char *found;               /* NULL: nothing found */
	char *message_th, *message_en;
	char *unit;                /* NULL: a problem of the file as a whole */
	int fiscal_year, round;    /* 0: not known */
	char *indicator;           /* NULL: not known */
};

/*
 * Read the issue whose VREPORT_ISSUE_COLUMNS start at column `first` of
 * st's current row into *out (overwritten, not released first).
 */
void vreport_issue_read(sqlite3_stmt *st, int first, struct vreport_issue *out);
void vreport_issue_release(struct vreport_issue *is);

/*
 * Where a column label points: "ข้อมูล!F (OPP01)" is sheet "ข้อมูล",
 * letters "F", number 6, field "OPP01"; "F" alone has no field; a label
 * that names no spreadsheet column ("value", "สังกัด/parent") is a field
 * only (number 0, no letters).  Strings owned: vreport_cell_release().
 */
struct vreport_cell {
	char *sheet;               /* NULL: none named */
	char *field_name;          /* NULL: none */
	char letters[8];           /* "" when not a spreadsheet column */
	long field_number;         /* 1 for A; 0 when not a spreadsheet column */
};

void vreport_cell_parse(const char *column, struct vreport_cell *out);
void vreport_cell_release(struct vreport_cell *c);

/*
 * Write is as an element of an `errors` array; `extra` (may be NULL) is
 * called with w inside the object, after the common members, to add
 * members of the caller's (the validation report's unit name, network).
 */
void vreport_error(struct json_writer *w, const struct vreport_issue *is,
		   void (*extra)(struct json_writer *w, void *data), void *data);

/*
 * Inside a report's or a task's object: `valid` (no error), then `stats`
 * begun with `tasks` (left out when tasks < 0), `errors` and `warnings`,
 * left open for the caller's own counts; the caller ends it
 * (json_end_object()).
 */
void vreport_begin_stats(struct json_writer *w, long tasks, long errors, long warnings);

#endif
