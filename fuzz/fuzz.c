/*
 * fuzz.c - helpers the fuzz targets share (fuzz.h): schema paths, a
 * temporary folder for readers that want a path, and the checks every
 * target makes on records and errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/record.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#ifndef FUZZ_SCHEMA_DIR
#define FUZZ_SCHEMA_DIR "templates/schema"
#endif

void fuzz_fail(const char *what)
{
	fprintf(stderr, "property failed: %s\n", what);
	abort();
}

const char *fuzz_schema(const char *file)
{
	static struct strbuf paths[4];
	static const char *names[4];
	const char *dir = getenv("TIDTAM_FUZZ_SCHEMAS");
	size_t i;

	for (i = 0; i < 4 && names[i]; i++)
		if (!strcmp(names[i], file))
			return paths[i].buf;
	if (i == 4)
		fuzz_fail("more than four schemas");
	names[i] = file;
	strbuf_init(&paths[i]);
	strbuf_addf(&paths[i], "%s/%s", dir && *dir ? dir : FUZZ_SCHEMA_DIR, file);
	if (access(paths[i].buf, R_OK)) {
		fprintf(stderr, "cannot read schema '%s' (set TIDTAM_FUZZ_SCHEMAS)\n",
			paths[i].buf);
		exit(3);
	}
	return paths[i].buf;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The temporary folder, and the files written in it. */
static struct strbuf temp_dir;
static struct strbuf temp_files[4];
static const char *temp_names[4];

static void remove_temp(void)
{
	size_t i;

	for (i = 0; i < 4 && temp_names[i]; i++) {
		unlink(temp_files[i].buf);
		strbuf_release(&temp_files[i]);
	}
	if (temp_dir.len)
		rmdir(temp_dir.buf);
	strbuf_release(&temp_dir);
}

const char *fuzz_temp_file(const char *name, const void *data, size_t size)
{
	FILE *f;
	size_t i;

	if (!temp_dir.len) {
		const char *tmp = getenv("TMPDIR");

		strbuf_init(&temp_dir);
		strbuf_addf(&temp_dir, "%s/tidtam-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(temp_dir.buf)) {
			perror("mkdtemp");
			exit(3);
		}
		atexit(remove_temp);
	}
	for (i = 0; i < 4 && temp_names[i] && strcmp(temp_names[i], name); i++)
		;
	if (i == 4)
		fuzz_fail("more than four temporary files");
	if (!temp_names[i]) {
		temp_names[i] = name;
		strbuf_init(&temp_files[i]);
		strbuf_addf(&temp_files[i], "%s/%s", temp_dir.buf, name);
	}
	f = fopen(temp_files[i].buf, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f)) {
		perror(temp_files[i].buf);
		exit(3);
	}
	return temp_files[i].buf;
}

int fuzz_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p++, need, cp, min;

		if (!c)
			return 0;
		if (c < 0x80)
			continue;
		if ((c & 0xE0) == 0xC0)
			need = 1, cp = c & 0x1F, min = 0x80;
		else if ((c & 0xF0) == 0xE0)
			need = 2, cp = c & 0x0F, min = 0x800;
		else if ((c & 0xF8) == 0xF0)
			need = 3, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		for (; need; need--, p++) {
			if (p == end || (*p & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (*p & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	}
	return 1;
}

/* Show s on stderr, bytes that are not printable ASCII as \xHH. */
static void show(const char *what, const char *s)
{
	fprintf(stderr, "%s: ", what);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7F)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02X", c);
	}
	fputc('\n', stderr);
}

void fuzz_check_error(const struct tt_error *err)
{
	if (!fuzz_utf8(err->message, strlen(err->message)))
		show("message", err->message);
	FUZZ_CHECK(fuzz_utf8(err->message, strlen(err->message)));
	FUZZ_CHECK(fuzz_utf8(err->file, strlen(err->file)));
	FUZZ_CHECK(fuzz_utf8(err->column, strlen(err->column)));
}

static void check_text(const char *s)
{
	if (s)
		FUZZ_CHECK(fuzz_utf8(s, strlen(s)));
}

int fuzz_record(const struct record *rec, void *ctx)
{
	static const enum record_field numbers[] = {
		FIELD_VALUE, FIELD_NUMERATOR, FIELD_DENOMINATOR, FIELD_BUDGET,
		FIELD_Q1, FIELD_Q2, FIELD_Q3, FIELD_Q4,
	};
	struct tt_date d;
	size_t i;
	double v;
	int n;

	(void)ctx;
	FUZZ_CHECK(rec->kind >= RECORD_VALUE && rec->kind <= RECORD_PROJECT);
	check_text(rec->column);
	check_text(rec->indicator_column);
	for (i = 0; i < 3; i++)
		check_text(rec->key_column[i]);
	for (i = 0; i < NR_FIELDS; i++) {
		char *copy;

		if (!rec->field[i])
			continue;
		check_text(rec->field[i]);
		/* as ingest stores codes, years, rounds and amounts */
		copy = tt_ascii_digits(tt_trim(xstrdup(rec->field[i])));
		check_text(copy);
		free(copy);
	}
	period_parse_fiscal_year(rec->field[FIELD_FISCAL_YEAR], &n);
	period_parse_round(rec->field[FIELD_ROUND], &n);
	if (rec->field[FIELD_SUBMITTED])
		period_parse_date(rec->field[FIELD_SUBMITTED], &d);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		tt_parse_number_text(rec->field[numbers[i]], &v, 1);
	return 0;
}

uint64_t fuzz_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

int fuzz_lookup(const char *code, enum expr_part part, double *out, void *ctx)
{
	uint64_t h = fuzz_hash(FUZZ_HASH0, code, strlen(code));

	(void)ctx;
	h = fuzz_hash(h, &part, sizeof(part));
	if (h % 5 == 0)
		return 1;
	*out = h % 7 == 0 ? 0 : (double)(h % 2001) - 1000;
	return 0;
}

void fuzz_xml_reset(void)
{
	xmlResetLastError();
}
