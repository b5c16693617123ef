/*
 * csv.c - CSV rows from libcsv's callbacks.
 *
 * libcsv reports fields and record ends through callbacks; this file
 * collects the fields of one record, numbers rows the way a spreadsheet
 * does (CSV_REPALL_NL reports blank lines too; a CR LF pair is one line
 * end), checks the text is UTF-8 and hands each row on.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/csv.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define CSV_MAX_FIELDS 4096
#define CSV_MAX_FIELD_BYTES (1 << 20)

struct reader {
	const char *name;
	csv_row_fn fn;
	void *ctx;
	struct tt_error *err;
	int rc;               /* first failure, stops everything after it */
	long row;
	int last_end;         /* terminator of the previous record */
	size_t nr_fields;
	size_t alloc_fields;
	char **fields;
	int bom_seen;         /* bytes of a UTF-8 BOM matched so far; 3 = done */
};

static void on_field(void *data, size_t len, void *p)
{
	struct reader *r = p;
	char *f;

	if (r->rc)
		return;
	if (r->nr_fields == CSV_MAX_FIELDS || len > CSV_MAX_FIELD_BYTES) {
		r->rc = tt_error_set(r->err, TT_EPARSE,
				     "row has too many or too long fields");
		tt_error_at(r->err, r->name, r->row + 1, NULL);
		return;
	}
	if (!tt_utf8_valid_text(data, len)) {
		r->rc = tt_error_set(r->err, TT_EPARSE,
				     "text is not UTF-8 (or holds control bytes) in column %zu",
				     r->nr_fields + 1);
		tt_error_at(r->err, r->name, r->row + 1, NULL);
		return;
	}
	f = xmalloc(len + 1);
	memcpy(f, data, len);
	f[len] = '\0';
	xgrow(&r->fields, &r->alloc_fields, r->nr_fields + 1, sizeof(*r->fields));
	r->fields[r->nr_fields++] = f;
}

static void clear_fields(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nr_fields; i++)
		free(r->fields[i]);
	r->nr_fields = 0;
}

static void on_record(int c, void *p)
{
	struct reader *r = p;
	struct csv_row row;

	if (r->rc) {
		clear_fields(r);
		return;
	}
	/* the LF of a CR LF pair ends nothing new */
	if (!r->nr_fields && c == '\n' && r->last_end == '\r') {
		r->last_end = c;
		return;
	}
	r->last_end = c;
	r->row++;
	row.number = r->row;
	row.nr_fields = r->nr_fields;
	row.fields = r->fields;
	r->rc = r->fn(&row, r->ctx);
	clear_fields(r);
}

static int report_libcsv(struct reader *r, struct csv_parser *p)
{
	int e = csv_error(p);

	r->rc = tt_error_set(r->err, TT_EPARSE, "malformed CSV: %s",
			     e == CSV_EPARSE ? "a quote character where none may stand"
					     : csv_strerror(e));
	tt_error_at(r->err, r->name, r->row + 1, NULL);
	return r->rc;
}

static int feed(struct reader *r, struct csv_parser *p, const char *data, size_t len)
{
	static const char bom[] = "\xEF\xBB\xBF";

	/* drop a byte-order mark, even one split across chunks */
	while (r->bom_seen < 3 && len > 0) {
		if (data[0] != bom[r->bom_seen]) {
			size_t partial = (size_t)r->bom_seen;

			r->bom_seen = 3;
			if (partial && csv_parse(p, bom, partial, on_field, on_record, r) != partial &&
			    !r->rc)
				return report_libcsv(r, p);
			break;
		}
		r->bom_seen++;
		data++;
		len--;
	}
	if (csv_parse(p, data, len, on_field, on_record, r) != len && !r->rc)
		return report_libcsv(r, p);
	return r->rc;
}

static int start(struct reader *r, struct csv_parser *p, const char *name,
		 csv_row_fn fn, void *ctx, struct tt_error *err)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL))
		return tt_error_set(err, TT_EIO, "could not set up the CSV parser");
	return 0;
}

static int finish(struct reader *r, struct csv_parser *p, int rc)
{
	if (!rc && csv_fini(p, on_field, on_record, r) && !r->rc)
		rc = report_libcsv(r, p);
	if (!rc)
		rc = r->rc;
	if (!rc && r->row == 0) {
		rc = tt_error_set(r->err, TT_EPARSE, "file is empty");
		tt_error_at(r->err, r->name, 0, NULL);
	}
	clear_fields(r);
	free(r->fields);
	csv_free(p);
	return rc;
}

int csv_read_memory(const char *data, size_t len, size_t chunk, const char *name,
		    csv_row_fn fn, void *ctx, struct tt_error *err)
{
	struct reader r;
	struct csv_parser p;
	size_t off = 0;
	int rc;

	if ((rc = start(&r, &p, name, fn, ctx, err)))
		return rc;
	if (!chunk)
		chunk = len ? len : 1;
	while (!rc && off < len) {
		size_t n = len - off < chunk ? len - off : chunk;

		rc = feed(&r, &p, data + off, n);
		off += n;
	}
	return finish(&r, &p, rc);
}

int csv_read_file(const char *path, csv_row_fn fn, void *ctx, struct tt_error *err)
{
	struct reader r;
	struct csv_parser p;
	char buf[65536];
	size_t n;
	FILE *f;
	int rc;

	f = fopen(path, "rb");
	if (!f)
		return tt_error_set(err, TT_EIO, "could not open '%s' for reading: %s",
				    path, strerror(errno));
	if ((rc = start(&r, &p, path, fn, ctx, err))) {
		fclose(f);
		return rc;
	}
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = feed(&r, &p, buf, n);
	if (!rc && ferror(f))
		rc = tt_error_set(err, TT_EIO, "could not read '%s'", path);
	fclose(f);
	return finish(&r, &p, rc);
}
