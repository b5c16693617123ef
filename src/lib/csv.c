/*
 * csv.c - CSV rows from libcsv's callbacks.
 *
 * Bytes go through the decoder (encoding.h) to UTF-8; until the separator
 * is known the text is held back (at most CSV_SNIFF_BYTES), then it all goes
 * to libcsv.  libcsv reports fields and record ends through callbacks; this
 * file collects the fields of one record, numbers rows the way an editor
 * does (CSV_REPALL_NL reports blank lines too; a CR LF pair is one line
 * end), checks the text and hands each row on.  libcsv holds a field whole
 * before it hands it on, so the text goes to it 64 KiB at a time and the
 * field it holds is measured between two (CSV_MAX_FIELD_BYTES), as are the
 * fields of a row (CSV_MAX_FIELDS, CSV_MAX_ROW_BYTES): the memory a row
 * takes is bounded whatever the file.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidtam/csv.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define CSV_MAX_FIELDS 4096
#define CSV_MAX_FIELD_BYTES (1 << 20)
#define CSV_MAX_ROW_BYTES (4 << 20)
#define CSV_CHUNK 65536
#define CSV_SNIFF_BYTES 65536
#define CSV_SNIFF_LINES 40

struct reader {
	const char *name;
	tt_row_fn fn;
	void *ctx;
	struct tt_error *err;
	int rc;               /* first failure, stops everything after it */
	long row;
	int last_end;         /* terminator of the previous record */
	size_t nr_fields;
	size_t alloc_fields, alloc_ends;
	size_t row_bytes;     /* text of the fields of the record so far */
	char **fields;        /* into row_text, set as the record ends */
	size_t *ends;         /* where each field ends in row_text */
	struct strbuf row_text; /* the fields of the record, each NUL-terminated */
	struct csv_parser parser;
	struct decoder dec;
	struct csv_info info;
	int decided;          /* the separator is known */
	struct strbuf text;   /* decoded text not yet parsed */
};

static int too_large(struct reader *r)
{
	tt_error_set(r->err, TT_EPARSE, "row too large: more than %d fields, a field of more than"
		     " %d MiB or more than %d MiB of text", CSV_MAX_FIELDS, CSV_MAX_FIELD_BYTES >> 20,
		     CSV_MAX_ROW_BYTES >> 20);
	tt_error_at(r->err, r->name, r->row + 1, NULL);
	return tt_error_issue(r->err, "E-TOOLARGE");
}

static void on_field(void *data, size_t len, void *p)
{
	struct reader *r = p;

	if (r->rc)
		return;
	r->row_bytes += len;
	if (r->nr_fields == CSV_MAX_FIELDS || len > CSV_MAX_FIELD_BYTES ||
	    r->row_bytes > CSV_MAX_ROW_BYTES) {
		r->rc = too_large(r);
		return;
	}
	if (!tt_utf8_valid_text(data, len)) {
		r->rc = tt_error_set(r->err, TT_EPARSE,
				     "text is not UTF-8 (or holds control bytes) in column %zu",
				     r->nr_fields + 1);
		tt_error_at(r->err, r->name, r->row + 1, NULL);
		return;
	}
	/* one buffer for the whole record, kept from record to record */
	strbuf_add(&r->row_text, data, len);
	strbuf_addch(&r->row_text, '\0');
	xgrow(&r->ends, &r->alloc_ends, r->nr_fields + 1, sizeof(*r->ends));
	r->ends[r->nr_fields++] = r->row_text.len;
}

static void clear_fields(struct reader *r)
{
	r->nr_fields = 0;
	r->row_bytes = 0;
	strbuf_reset(&r->row_text);
}

/* The fields' pointers, once the record's text has stopped moving. */
static void point_fields(struct reader *r)
{
	size_t i, at = 0;

	xgrow(&r->fields, &r->alloc_fields, r->nr_fields + 1, sizeof(*r->fields));
	for (i = 0; i < r->nr_fields; i++) {
		r->fields[i] = r->row_text.buf + at;
		at = r->ends[i];
	}
}

static void on_record(int c, void *p)
{
	struct reader *r = p;
	struct tt_row row;

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
	point_fields(r);
	row.nr_fields = r->nr_fields;
	row.fields = r->fields;
	r->rc = r->fn(&row, r->ctx);
	clear_fields(r);
}

static int report_libcsv(struct reader *r)
{
	int e = csv_error(&r->parser);

	r->rc = tt_error_set(r->err, TT_EPARSE, "malformed CSV: %s",
			     e == CSV_EPARSE ? "a quote character where none may stand"
					     : csv_strerror(e));
	tt_error_at(r->err, r->name, r->row + 1, NULL);
	return r->rc;
}

static int parse(struct reader *r, const char *text, size_t len)
{
	size_t at, n;

	for (at = 0; !r->rc && at < len; at += n) {
		n = len - at < CSV_CHUNK ? len - at : CSV_CHUNK;
		if (csv_parse(&r->parser, text + at, n, on_field, on_record, r) != n && !r->rc)
			return report_libcsv(r);
		/* the field libcsv holds, not yet handed on */
		if (!r->rc && r->parser.entry_pos > CSV_MAX_FIELD_BYTES)
			r->rc = too_large(r);
	}
	return r->rc;
}

/* Fields of one line split at c, quotes respected; *end gets the next line. */
static size_t count_fields(const char *p, const char *lim, int c, const char **end)
{
	size_t n = 1;
	int quoted = 0;

	for (; p < lim; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == c)
			n++;
	}
	while (p < lim && (*p == '\n' || *p == '\r'))
		p++;
	*end = p;
	return n;
}

/*
 * The separator that splits the first lines into the same number (two or
 * more) of fields most often; ties go to the comma, then the semicolon.
 */
static int find_delimiter(const char *text, size_t len)
{
	static const char candidates[] = { ',', ';', '\t' };
	int best = ',';
	size_t best_freq = 0, best_mode = 0, i;

	for (i = 0; i < sizeof(candidates); i++) {
		size_t counts[CSV_SNIFF_LINES], nr = 0, j, k, mode = 0, freq = 0;
		const char *p = text, *lim = text + len, *next;

		while (p < lim && nr < CSV_SNIFF_LINES) {
			counts[nr++] = count_fields(p, lim, candidates[i], &next);
			p = next;
		}
		for (j = 0; j < nr; j++) {
			size_t f = 0;

			if (counts[j] < 2)
				continue;
			for (k = 0; k < nr; k++)
				f += counts[k] == counts[j];
			if (f > freq || (f == freq && counts[j] > mode)) {
				freq = f;
				mode = counts[j];
			}
		}
		if (freq > best_freq || (freq == best_freq && freq && mode > best_mode)) {
			best = candidates[i];
			best_freq = freq;
			best_mode = mode;
		}
	}
	return best;
}

/* Excel's first line "sep=;" names the separator; it counts as row 1. */
static size_t sep_line(struct reader *r, const char *text, size_t len)
{
	size_t i = 0;

	if (len > 0 && text[0] == '"')
		i++;
	if (len < i + 5 || strncasecmp(text + i, "sep=", 4) ||
	    !strchr(",;\t|", text[i + 4]))
		return 0;
	r->info.delimiter = (unsigned char)text[i + 4];
	r->info.sep_line = 1;
	for (i += 5; i < len && text[i] != '\n' && text[i] != '\r'; i++)
		;
	if (i < len && text[i] == '\r')
		i++;
	if (i < len && text[i] == '\n')
		i++;
	r->row = 1;
	return i;
}

/* Decide the separator from the text held back, then parse it. */
static int decide(struct reader *r, int given)
{
	size_t skip = sep_line(r, r->text.buf, r->text.len);

	if (!r->info.sep_line)
		r->info.delimiter = given ? given
					  : find_delimiter(r->text.buf,
							   r->text.len < CSV_SNIFF_BYTES
								   ? r->text.len
								   : CSV_SNIFF_BYTES);
	csv_set_delim(&r->parser, (unsigned char)r->info.delimiter);
	r->decided = 1;
	parse(r, r->text.buf + skip, r->text.len - skip);
	strbuf_reset(&r->text);
	return r->rc;
}

static int feed(struct reader *r, const char *data, size_t len, int given)
{
	if (r->rc)
		return r->rc;
	if ((r->rc = decoder_feed(&r->dec, data, len, &r->text, r->err))) {
		tt_error_at(r->err, r->name, r->row + 1, NULL);
		return r->rc;
	}
	if (!r->decided) {
		if (r->text.len < CSV_SNIFF_BYTES)
			return 0;
		return decide(r, given);
	}
	parse(r, r->text.buf, r->text.len);
	strbuf_reset(&r->text);
	return r->rc;
}

static int start(struct reader *r, const char *name, enum tt_encoding enc,
		 tt_row_fn fn, void *ctx, struct tt_error *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	r->info.encoding = enc;
	strbuf_init(&r->text);
	strbuf_init(&r->row_text);
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL |
				 CSV_APPEND_NULL))
		return tt_error_set(err, TT_EIO, "could not set up the CSV parser");
	if ((rc = decoder_init(&r->dec, enc, err))) {
		csv_free(&r->parser);
		return rc;
	}
	return 0;
}

static int finish(struct reader *r, int rc, int given, struct csv_info *info)
{
	if (!rc && (rc = decoder_finish(&r->dec, &r->text, r->err)))
		tt_error_at(r->err, r->name, r->row + 1, NULL);
	if (!rc && !r->decided)
		rc = decide(r, given);
	else if (!rc && r->text.len)
		rc = parse(r, r->text.buf, r->text.len);
	if (!rc && csv_fini(&r->parser, on_field, on_record, r) && !r->rc)
		rc = report_libcsv(r);
	if (!rc)
		rc = r->rc;
	if (!rc && r->row == 0) {
		rc = tt_error_set(r->err, TT_EPARSE, "file is empty");
		tt_error_at(r->err, r->name, 0, NULL);
	}
	if (info)
		*info = r->info;
	clear_fields(r);
	free(r->fields);
	free(r->ends);
	strbuf_release(&r->row_text);
	csv_free(&r->parser);
	decoder_release(&r->dec);
	strbuf_release(&r->text);
	return rc;
}

static enum tt_encoding known_encoding(const struct csv_options *opt)
{
	return opt ? opt->encoding : ENC_UNKNOWN;
}

static int given_delimiter(const struct csv_options *opt)
{
	return opt ? opt->delimiter : 0;
}

int csv_read_memory(const char *data, size_t len, size_t chunk, const char *name,
		    const struct csv_options *opt, struct csv_info *info,
		    tt_row_fn fn, void *ctx, struct tt_error *err)
{
	enum tt_encoding enc = known_encoding(opt);
	struct reader r;
	size_t off = 0;
	int rc;

	if (enc == ENC_UNKNOWN && (enc = encoding_detect(data, len, err)) == ENC_UNKNOWN) {
		tt_error_at(err, name, err ? err->row : 0, NULL);
		return TT_EPARSE;
	}
	if ((rc = start(&r, name, enc, fn, ctx, err)))
		return rc;
	if (!chunk)
		chunk = len ? len : 1;
	while (!rc && off < len) {
		size_t n = len - off < chunk ? len - off : chunk;

		rc = feed(&r, data + off, n, given_delimiter(opt));
		off += n;
	}
	return finish(&r, rc, given_delimiter(opt), info);
}

/* Sniff the encoding of the whole file (one streaming pass). */
static int sniff_file(FILE *f, const char *path, enum tt_encoding *enc,
		      struct tt_error *err)
{
	struct enc_sniffer s;
	char buf[65536];
	size_t n;

	enc_sniff_init(&s);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		enc_sniff_feed(&s, buf, n);
	if (ferror(f) || fseek(f, 0, SEEK_SET))
		return tt_error_set(err, TT_EIO, "could not read '%s'", path);
	if ((*enc = enc_sniff_result(&s, err)) == ENC_UNKNOWN) {
		tt_error_at(err, path, err ? err->row : 0, NULL);
		return TT_EPARSE;
	}
	return 0;
}

int csv_read_file(const char *path, const struct csv_options *opt, struct csv_info *info,
		  tt_row_fn fn, void *ctx, struct tt_error *err)
{
	enum tt_encoding enc = known_encoding(opt);
	struct reader r;
	char buf[65536];
	size_t n;
	FILE *f;
	int rc;

	f = fopen(path, "rb");
	if (!f)
		return tt_error_set(err, TT_EIO, "could not open '%s' for reading: %s",
				    path, strerror(errno));
	if (enc == ENC_UNKNOWN && (rc = sniff_file(f, path, &enc, err))) {
		fclose(f);
		return rc;
	}
	if ((rc = start(&r, path, enc, fn, ctx, err))) {
		fclose(f);
		return rc;
	}
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = feed(&r, buf, n, given_delimiter(opt));
	if (!rc && ferror(f))
		rc = tt_error_set(err, TT_EIO, "could not read '%s'", path);
	fclose(f);
	return finish(&r, rc, given_delimiter(opt), info);
}

struct csv_stream {
	struct reader r;
	int given;            /* the separator asked for, 0: find it */
};

struct csv_stream *csv_stream_begin(const char *name, const struct csv_options *opt,
				    tt_row_fn fn, void *ctx, struct tt_error *err)
{
	struct csv_stream *s;

	if (known_encoding(opt) == ENC_UNKNOWN) {
		tt_error_set(err, TT_EINVAL, "a CSV stream needs its encoding");
		return NULL;
	}
	s = xmalloc(sizeof(*s));
	if (start(&s->r, name, known_encoding(opt), fn, ctx, err)) {
		free(s);
		return NULL;
	}
	s->given = given_delimiter(opt);
	return s;
}

int csv_stream_feed(struct csv_stream *s, const void *data, size_t len)
{
	return feed(&s->r, data, len, s->given);
}

int csv_stream_end(struct csv_stream *s, int rc, struct csv_info *info)
{
	if (!s)
		return rc;
	rc = finish(&s->r, rc ? rc : s->r.rc, s->given, info);
	free(s);
	return rc;
}

void csv_write_row(struct strbuf *sb, const char *const *fields, size_t n, int quote_all)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";
		int quote = quote_all || strpbrk(s, ",\"\r\n");

		if (i)
			strbuf_addch(sb, ',');
		if (!quote) {
			strbuf_addstr(sb, s);
			continue;
		}
		strbuf_addch(sb, '"');
		for (; *s; s++) {
			if (*s == '"')
				strbuf_addch(sb, '"');
			strbuf_addch(sb, *s);
		}
		strbuf_addch(sb, '"');
	}
	strbuf_addstr(sb, "\r\n");
}
