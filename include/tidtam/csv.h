/*
 * csv.h - reading CSV into rows, streaming, with libcsv.
 *
 * The file is parsed in fixed-size chunks, so memory is bounded by the
 * longest row, not the file.  Rows are numbered as a spreadsheet numbers
 * them: blank lines count, a quoted field spanning lines stays in one row.
 * A UTF-8 byte-order mark at the start is dropped.  Text that is not UTF-8
 * (or holds NUL or control bytes) is an error naming the row.
 */
#ifndef TIDTAM_CSV_H
#define TIDTAM_CSV_H

#include <stddef.h>

struct tt_error;

struct csv_row {
	long number;          /* 1-based row number */
	size_t nr_fields;     /* 0 for a blank line */
	char **fields;        /* NUL-terminated, borrowed during the callback */
};

/* Return 0 to go on, or a negative code (err filled by the callee) to stop. */
typedef int (*csv_row_fn)(const struct csv_row *row, void *ctx);

/*
 * Read the CSV file at path and call fn for every row, blank ones included.
 * Returns 0; TT_EIO if the file cannot be read; TT_EPARSE if it is empty or
 * malformed (err->row says where); or what fn returned.
 */
int csv_read_file(const char *path, csv_row_fn fn, void *ctx, struct tt_error *err);

/*
 * The same on len bytes of data, fed to the parser chunk bytes at a time
 * (chunk 0 means all at once).  name is used in messages.
 */
int csv_read_memory(const char *data, size_t len, size_t chunk, const char *name,
		    csv_row_fn fn, void *ctx, struct tt_error *err);

#endif
