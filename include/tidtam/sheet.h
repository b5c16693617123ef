/*
 * sheet.h - what a sheet (CSV, or one sheet of a workbook) means: its header
 * row, its kind, its records.
 *
 * The header is the first row whose cells name known columns; title rows
 * above it (a form's heading, the office name, up to 20 of them) are passed
 * over.  Headers are matched, English or Thai, against one alias table
 * (รหัสโรงเรียน = school_code = unit ...), ignoring case and runs of white
 * space, and the kind of sheet follows from which columns it has:
 *
 *   long      a column for the indicator: one value per row
 *   wide      a unit column and one column per indicator (by code or by its
 *             exact Thai name; "CODE.num"/"CODE.den" or "(ตัวตั้ง)"/"(ตัวหาร)"
 *             for a percentage's numerator and denominator)
 *   projects  a project-code column: the office's action plan
 *   units     a unit column with a kind or parent column: the unit tree
 *   results   a long sheet that also says each row's unit kind: tidtam's own
 *             results export (export.h), read as a long sheet; ingest passes
 *             over its rows of units the database does not know
 *
 * Each data row becomes one or more records (record.h).  An empty cell is no
 * value: a wide row gives a record only for the indicators it has a value
 * for, a long row none when its value cells are empty, and a row with no
 * value at all (a form's row left unfilled, with only its code and name)
 * gives no record; such rows are counted in rows_without_values.
 */
#ifndef TIDTAM_SHEET_H
#define TIDTAM_SHEET_H

#include "tidtam/csv.h"
#include "tidtam/record.h"
#include "tidtam/row.h"

struct tt_error;

enum sheet_kind { SHEET_UNKNOWN, SHEET_LONG, SHEET_WIDE, SHEET_PROJECTS, SHEET_UNITS,
		  SHEET_RESULTS };

/*
 * Maps a wide sheet's column header to an indicator code, or returns NULL
 * when it knows no such indicator (the header is then kept as written, and
 * validation reports it).  The returned string must outlive the read.
 */
typedef const char *(*indicator_resolve_fn)(const char *header, void *ctx);

struct sheet_reader {
	indicator_resolve_fn resolve; /* may be NULL */
	void *resolve_ctx;
	record_fn fn;
	void *ctx;
	const char *sheet_name;       /* a workbook's sheet, named in locations */
	/* what was found: */
	enum sheet_kind kind;         /* set once the header has been read */
	long header_row;              /* row of the header, 0 if none */
	long rows_without_values;     /* data rows passed over: no value in them */
	struct csv_info csv;          /* encoding and separator of a CSV file */
};

/*
 * Read the CSV sheet at path and call sr->fn for each record.  opt may be
 * NULL (sniff the encoding and separator).  Returns 0, or a negative code
 * with err naming the file and row.
 */
int sheet_read_csv(struct sheet_reader *sr, const char *path,
		   const struct csv_options *opt, struct tt_error *err);

/* The same for a sheet already in memory (chunk as in csv_read_memory()). */
int sheet_read_csv_memory(struct sheet_reader *sr, const char *data, size_t len,
			  const char *name, struct tt_error *err);

/*
 * Rows from any other reader: sheet_parser_new() starts a sheet (name is
 * used in messages), sheet_parser_row() is the tt_row_fn to hand the reader
 * with the parser as its context, and sheet_parser_finish() ends the sheet,
 * frees the parser and returns rc, or TT_EPARSE if no header was found.
 */
struct sheet_parser;
struct sheet_parser *sheet_parser_new(struct sheet_reader *sr, const char *name,
				      struct tt_error *err);
int sheet_parser_row(const struct tt_row *row, void *parser);
int sheet_parser_finish(struct sheet_parser *parser, int rc);

/* The field a header names ("ปีงบประมาณ" -> FIELD_FISCAL_YEAR), or -1. */
int sheet_header_field(const char *header);

const char *sheet_kind_name(enum sheet_kind kind);

#endif
