/*
 * csv.h - reading CSV into rows, streaming, with libcsv; and writing rows.
 *
 * The file is parsed in fixed-size chunks, so memory is bounded by the
 * longest row, not the file.  Rows are numbered as a text editor numbers
 * lines: blank lines count, a quoted field spanning lines stays in one row.
 *
 * What Excel and Thai Windows produce is read as it comes:
 *   - the encoding is sniffed (encoding.h) and converted to UTF-8, unless the
 *     caller already knows it;
 *   - the separator is a comma, semicolon or tab: Excel's "sep=;" first line
 *     names it, otherwise it is the one that splits the first lines (up to
 *     64 KiB) into the same number of fields most often;
 *   - line ends may be LF, CR LF or CR alone.
 * Text that holds NUL or control bytes after conversion is an error naming
 * the row.
 */
#ifndef TIDTAM_CSV_H
#define TIDTAM_CSV_H

#include <stddef.h>

#include "tidtam/encoding.h"
#include "tidtam/row.h"

struct tt_error;

struct csv_options {
	enum tt_encoding encoding; /* ENC_UNKNOWN: sniff it */
	int delimiter;             /* 0: find it */
};

/* What the reader found out about the file. */
struct csv_info {
	enum tt_encoding encoding;
	int delimiter;             /* ',', ';' or '\t' */
	int sep_line;              /* 1 if the file began with "sep=" */
};

/*
 * Read the CSV file at path and call fn for every row, blank ones included.
 * opt and info may be NULL.  Returns 0; TT_EIO if the file cannot be read;
 * TT_EPARSE if it is empty, in an unknown encoding or malformed (err->row
 * says where); or what fn returned.
 */
int csv_read_file(const char *path, const struct csv_options *opt, struct csv_info *info,
		  tt_row_fn fn, void *ctx, struct tt_error *err);

/*
 * The same on len bytes of data, fed to the parser chunk bytes at a time
 * (chunk 0 means all at once).  name is used in messages.
 */
int csv_read_memory(const char *data, size_t len, size_t chunk, const char *name,
		    const struct csv_options *opt, struct csv_info *info,
		    tt_row_fn fn, void *ctx, struct tt_error *err);

/*
 * The same, fed by the caller as the bytes come (the file read once, for
 * something else too): begin with the encoding known (opt->encoding not
 * ENC_UNKNOWN; NULL and err set otherwise or when the parser cannot be
 * set up), feed every chunk in order (what feed returns is the first
 * failure, after which the rest is not parsed), and end with rc, the
 * caller's own failure or 0: csv_stream_end() parses what is left,
 * fills info (may be NULL), frees s and returns as csv_read_file() does.
 */
struct csv_stream;
struct csv_stream *csv_stream_begin(const char *name, const struct csv_options *opt,
				    tt_row_fn fn, void *ctx, struct tt_error *err);
int csv_stream_feed(struct csv_stream *s, const void *data, size_t len);
int csv_stream_end(struct csv_stream *s, int rc, struct csv_info *info);

/*
 * Append one CSV row of n fields to sb, ended by CR LF (as Excel writes
 * it).  A field is quoted, its quotes doubled, when it holds a comma, quote
 * or line end, or always with quote_all; a NULL field is empty.
 */
struct strbuf;
void csv_write_row(struct strbuf *sb, const char *const *fields, size_t n, int quote_all);

#endif
