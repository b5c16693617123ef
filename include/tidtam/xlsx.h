/*
 * xlsx.h - reading Excel workbooks (.xlsx, Office Open XML), streaming.
 *
 * The zip container is read through libzip, one part at a time and never
 * whole; each XML part goes through libxml2's reader as it is inflated.
 * Memory holds the shared strings, the styles and one row, not a sheet.
 *
 * What a cell becomes, as text (xlsx_read_rows()):
 *   - shared and inline strings as stored (rich-text runs joined, phonetic
 *     runs left out, Excel's _xHHHH_ escapes decoded); white space is kept:
 *     the sheet layer trims it;
 *   - numbers with at most 15 significant digits, as Excel shows them
 *     (274.65999999999997 is "274.66"), a percent format as "85.5%";
 *   - numbers in a date format as "YYYY-MM-DD" (and " HH:MM:SS" when the
 *     time is not midnight), in the 1900 or 1904 system; in a duration
 *     format ([h]:mm:ss) as "255:10:10"; t="d" cells as their ISO text;
 *   - booleans as "TRUE"/"FALSE", errors as Excel writes them ("#DIV/0!");
 *   - formulas give their cached value;
 *   - every cell of a merged range reads as its top-left cell.
 *
 * Limits guard against zip bombs and runaway files, each checked before
 * the memory it guards is taken, none trusting what the file says of itself.
 * They are set from real needs: a workbook of 1 M values (an office's
 * export: a sheet part of some 50 MB, a million shared strings at most) is
 * taken with room to spare (tools/gen-bench.py makes one).
 *
 *   - the zip: at most XLSX_MAX_ENTRIES entries (read from its end of
 *     central directory before libzip reads the directory); no entry
 *     declaring more than XLSX_MAX_PART bytes inflated, or more than
 *     XLSX_MAX_RATIO times its compressed size (once past 1 MiB), nor all
 *     together more than XLSX_MAX_TOTAL; and while inflating, no part giving
 *     more than it declared, than XLSX_MAX_RATIO times its compressed size or
 *     XLSX_MAX_PART, nor all the parts read (a sheet is read twice: its
 *     merged ranges, then its cells) more than XLSX_MAX_TOTAL: E-ZIPBOMB;
 *   - a part whose CRC-32 does not match (every part read is read to its
 *     end), whose data does not inflate, that is not well-formed XML, has a
 *     DOCTYPE or is missing, a zip cut short: E-DAMAGED;
 *   - the workbook: at most XLSX_MAX_SHEETS sheets, XLSX_MAX_RELS
 *     relationships in a .rels part, XLSX_MAX_STYLES cell styles and
 *     XLSX_MAX_FORMATS number formats; XLSX_MAX_SHARED_STRINGS shared
 *     strings holding XLSX_MAX_SHARED_BYTES in all; XLSX_MAX_TEXT bytes of
 *     text in a cell; XLSX_MAX_CELLS cells with a value in all its sheets;
 *     XLSX_MAX_ROW_BYTES of text in a row (merged ranges filled in);
 *     XLSX_MAX_MERGES merged ranges in a sheet covering XLSX_MAX_MERGED_CELLS
 *     cells in all: E-TOOLARGE.
 *
 * Each breach is a TT_EPARSE error saying which limit, with its issue code
 * in err->issue (error.h).  Peak memory is then the shared strings (at most
 * XLSX_MAX_SHARED_BYTES and 4 bytes per string), one row and libzip's
 * directory.
 */
#ifndef TIDTAM_XLSX_H
#define TIDTAM_XLSX_H

#include <stddef.h>

#include "tidtam/row.h"

struct tt_error;

#define XLSX_MAX_ENTRIES 10000u
#define XLSX_MAX_RATIO 200
#define XLSX_MAX_PART (512ULL << 20)         /* one part inflated */
#define XLSX_MAX_TOTAL (2ULL << 30)          /* all parts inflated, every pass */
#define XLSX_MAX_SHEETS 1024u
#define XLSX_MAX_RELS 8192u
#define XLSX_MAX_STYLES 65536u               /* Excel's own: 64,000 */
#define XLSX_MAX_FORMATS 4096u               /* Excel's own: about 250 */
#define XLSX_MAX_SHARED_STRINGS 2000000u
#define XLSX_MAX_SHARED_BYTES (64u << 20)    /* text of the shared strings */
#define XLSX_MAX_TEXT (128u << 10)           /* a cell: Excel's 32,767 characters */
#define XLSX_MAX_CELLS 5000000ULL            /* 3.5 times a 1 M-value export's cells */
#define XLSX_MAX_COLUMNS 16384               /* Excel's own: column XFD */
#define XLSX_MAX_ROW_BYTES (4u << 20)
#define XLSX_MAX_MERGES 100000u
#define XLSX_MAX_MERGED_CELLS 10000000ULL

enum xlsx_sheet_state { XLSX_VISIBLE, XLSX_HIDDEN, XLSX_VERY_HIDDEN };

struct xlsx_sheet {
	char *name;
	enum xlsx_sheet_state state;
	int is_chart;            /* a chart sheet: no cells */
	char *part;              /* zip entry of the sheet, "" if not found */
};

enum xlsx_cell_type {
	XLSX_NUMBER, XLSX_STRING, XLSX_BOOL, XLSX_ERROR,
	XLSX_DATE,     /* a number in a date or time format */
	XLSX_DURATION, /* a number in an elapsed-time format ([h]:mm) */
	XLSX_ISO_DATE  /* t="d": ISO 8601 text */
};

/* One cell, for xlsx_read_cells(); text is borrowed during the call. */
struct xlsx_cell {
	long row;                /* 1-based */
	long col;                /* 0-based: A is 0 */
	enum xlsx_cell_type type;
	double number;           /* NUMBER, BOOL (0/1), DATE, DURATION */
	const char *text;        /* the cell as xlsx_read_rows() gives it */
};

typedef int (*xlsx_cell_fn)(const struct xlsx_cell *cell, void *ctx);

struct xlsx;

/*
 * Open the workbook at path and read its list of sheets, shared strings
 * and styles.  Returns 0 and *out (free with xlsx_close()), or TT_EIO /
 * TT_EPARSE with err saying why: not a zip, password-protected, a limit
 * passed, a part missing or malformed.
 */
int xlsx_open(const char *path, struct xlsx **out, struct tt_error *err);

/*
 * xlsx_open() for a workbook already in memory, len bytes at data (name is
 * used in messages, and kept: it must outlive the workbook).  The bytes
 * are read in place, never copied or freed: they must outlive *out.  The
 * same returns as xlsx_open().
 */
int xlsx_open_memory(const void *data, size_t len, const char *name, struct xlsx **out,
		     struct tt_error *err);
void xlsx_close(struct xlsx *x);

size_t xlsx_nr_sheets(const struct xlsx *x);
const struct xlsx_sheet *xlsx_sheet(const struct xlsx *x, size_t i);
/* 1 if the workbook counts dates from 1904. */
int xlsx_date1904(const struct xlsx *x);

/*
 * Call fn for each row of sheet i that has a cell, in order; row->fields
 * holds the text of columns A.. up to the last cell of the row ("" where
 * there is none).  Returns 0, what fn returned, or TT_EPARSE.
 */
int xlsx_read_rows(struct xlsx *x, size_t i, tt_row_fn fn, void *ctx,
		   struct tt_error *err);

/* The same, one cell at a time with its type; merged ranges not filled. */
int xlsx_read_cells(struct xlsx *x, size_t i, xlsx_cell_fn fn, void *ctx,
		    struct tt_error *err);

/*
 * The merged ranges of sheet i, as "A1:B2" strings appended to *out with
 * their count in *nr (the caller frees each and the array).  On error
 * (TT_EPARSE) *out is NULL and *nr 0.
 */
int xlsx_merged_ranges(struct xlsx *x, size_t i, char ***out, size_t *nr,
		       struct tt_error *err);

#endif
