/*
 * Unit tests of encoding detection and conversion, and of the CSV dialects
 * Thai offices produce: Windows-874 and UTF-16 files give the same rows as
 * the UTF-8 original, in any chunking; separators are found.
 */
#include <dirent.h>
#include <iconv.h>
#include <stdlib.h>

#include "tidtam/csv.h"
#include "tidtam/encoding.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "test.h"

#define CORPORA "tests/corpora"

static int collect(const struct tt_row *row, void *ctx)
{
	struct strbuf *sb = ctx;
	size_t i;

	strbuf_addf(sb, "%ld:", row->number);
	for (i = 0; i < row->nr_fields; i++) {
		if (i)
			strbuf_addch(sb, '|');
		strbuf_addstr(sb, row->fields[i]);
	}
	strbuf_addch(sb, '\n');
	return 0;
}

/* s converted by iconv to `to`, with a byte-order mark prepended if given. */
static char *convert(const char *s, const char *to, const char *bom, size_t bom_len,
		     size_t *len)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t in_left = strlen(s), out_size = in_left * 4 + 8, out_left;
	char *out = xmalloc(out_size), *ip = (char *)s, *op;

	memcpy(out, bom, bom_len);
	op = out + bom_len;
	out_left = out_size - bom_len;
	if (iconv(cd, &ip, &in_left, &op, &out_left) == (size_t)-1)
		abort();
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static void rows_of(const char *data, size_t len, size_t chunk, struct strbuf *sb,
		    struct csv_info *info, int *rc)
{
	struct tt_error err;

	tt_error_clear(&err);
	strbuf_reset(sb);
	*rc = csv_read_memory(data, len, chunk, "t.csv", NULL, info, collect, sb, &err);
}

static const char thai_csv[] =
	"รหัสโรงเรียน,ปีงบประมาณ,รอบ,ตัวชี้วัด,ค่า\r\n"
	"1031010001,๒๕๖๗,รอบ 6 เดือน,READ01,\"๘๕.๕%\"\r\n"
	"1031010002,2567,6,SAFE01,\"1,250\"\r\n"
	"1031010003,2567,6,NOTE,\"ผู้บริหาร “ใส่ใจ” – ติดตาม…\"\r\n";

static void test_same_rows_in_every_encoding(void)
{
	static const struct { const char *to, *bom; size_t bom_len; enum tt_encoding enc; } encs[] = {
		{ "CP874", "", 0, ENC_CP874 },
		{ "UTF-16LE", "\xFF\xFE", 2, ENC_UTF16LE },
		{ "UTF-16BE", "\xFE\xFF", 2, ENC_UTF16BE },
		{ "UTF-8", "\xEF\xBB\xBF", 3, ENC_UTF8_BOM },
	};
	static const size_t chunks[] = { 0, 1, 2, 3, 5, 64 };
	struct strbuf want, got;
	struct csv_info info;
	size_t i, j, len;
	int rc;

	strbuf_init(&want);
	strbuf_init(&got);
	rows_of(thai_csv, strlen(thai_csv), 0, &want, &info, &rc);
	CHECK(rc == 0 && info.encoding == ENC_UTF8 && info.delimiter == ',');
	for (i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
		char *data = convert(thai_csv, encs[i].to, encs[i].bom, encs[i].bom_len, &len);

		CHECK(encoding_detect(data, len, NULL) == encs[i].enc);
		for (j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++) {
			rows_of(data, len, chunks[j], &got, &info, &rc);
			CHECK(rc == 0);
			CHECK(info.encoding == encs[i].enc);
			if (strcmp(got.buf, want.buf))
				fprintf(stderr, "%s chunk %zu:\n%s\nwant:\n%s\n", encs[i].to,
					chunks[j], got.buf, want.buf);
			CHECK_STR(got.buf, want.buf);
		}
		free(data);
	}
	strbuf_release(&want);
	strbuf_release(&got);
}

static void test_thai_corpus_is_windows_874(void)
{
	DIR *d = opendir(CORPORA "/encodings/tis620-chardet");
	struct dirent *e;
	int seen = 0;

	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		struct strbuf path, text;
		struct decoder dec;
		struct tt_error err;
		char *data;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		strbuf_init(&path);
		strbuf_init(&text);
		strbuf_addf(&path, "%s/encodings/tis620-chardet/%s", CORPORA, e->d_name);
		tt_error_clear(&err);
		CHECK(tt_read_file(path.buf, &data, &len, &err) == 0);
		if (encoding_detect(data, len, &err) != ENC_CP874)
			fprintf(stderr, "%s: %s\n", e->d_name, err.message);
		CHECK(encoding_detect(data, len, NULL) == ENC_CP874);
		CHECK(decoder_init(&dec, ENC_CP874, &err) == 0);
		CHECK(decoder_feed(&dec, data, len, &text, &err) == 0);
		CHECK(decoder_finish(&dec, &text, &err) == 0);
		decoder_release(&dec);
		CHECK(tt_utf8_valid_text(text.buf, text.len) || strchr(text.buf, '\x1a'));
		CHECK(strstr(text.buf, "\xE0\xB8") != NULL); /* Thai block */
		seen++;
		free(data);
		strbuf_release(&path);
		strbuf_release(&text);
	}
	if (d)
		closedir(d);
	CHECK(seen == 6);
}

static void test_not_thai_is_refused(void)
{
	struct tt_error err;
	struct strbuf got;
	int rc;

	strbuf_init(&got);
	/* Latin-1: é is MAI THO in Windows-874, and stands after a Latin letter */
	tt_error_clear(&err);
	CHECK(encoding_detect("name\nCaf\xe9 cr\xe8me br\xfbl\xe9" "e\n", 21, &err) == ENC_UNKNOWN);
	CHECK(err.row == 2);
	/* one lone byte is no Thai word */
	CHECK(encoding_detect("a,b,c\n4,5,\xa9", 11, NULL) == ENC_UNKNOWN);
	rows_of("a,b\n\x00\x01,2\n", 10, 0, &got, NULL, &rc);
	CHECK(rc == TT_EPARSE);
	strbuf_release(&got);
}

/* A corpus file read whole; the rows collected into got. */
static int read_corpus(const char *rel, struct strbuf *got, struct csv_info *info,
		       struct tt_error *err)
{
	struct strbuf path;
	int rc;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/%s", CORPORA, rel);
	strbuf_reset(got);
	tt_error_clear(err);
	rc = csv_read_file(path.buf, NULL, info, collect, got, err);
	strbuf_release(&path);
	return rc;
}

static void test_corpus_dialects(void)
{
	struct strbuf got, want;
	struct csv_info info;
	struct tt_error err;

	strbuf_init(&got);
	strbuf_init(&want);
	CHECK(read_corpus("csv/csv-parser/fixtures/bench/utf8.csv", &want, &info, &err) == 0);
	CHECK(read_corpus("csv/csv-parser/fixtures/bench/utf16.csv", &got, &info, &err) == 0);
	CHECK(info.encoding == ENC_UTF16LE);
	CHECK_STR(got.buf, want.buf);
	CHECK(read_corpus("csv/csv-parser/fixtures/bench/utf16-big.csv", &got, &info, &err) == 0);
	CHECK(info.encoding == ENC_UTF16BE);
	CHECK_STR(got.buf, want.buf);
	CHECK(read_corpus("csv/csv-parser/fixtures/bench/latin.csv", &got, &info, &err) ==
	      TT_EPARSE);
	CHECK(err.row == 3);
	CHECK(read_corpus("csv/csv-parser/fixtures/bench/mac-newlines.csv", &got, &info,
			  &err) == 0);
	CHECK_STR(got.buf, "1:a|b|c\n2:1|2|3\n3:Once upon\ra time|5|6\n");
	CHECK(read_corpus("csv/frictionless/issue-1009-semicolon.csv", &got, &info, &err) == 0);
	CHECK(info.delimiter == ';');
	CHECK(read_corpus("csv/frictionless/issue-1009-comma.csv", &want, &info, &err) == 0);
	CHECK(info.delimiter == ',');
	CHECK_STR(got.buf, want.buf);
	CHECK(read_corpus("csv/frictionless/table.tsv", &got, &info, &err) == 0);
	CHECK(info.delimiter == '\t');
	CHECK(read_corpus("csv/frictionless/latin1.csv", &got, &info, &err) == TT_EPARSE);
	CHECK(err.row > 0);
	strbuf_release(&got);
	strbuf_release(&want);
}

static void test_separators(void)
{
	static const struct { const char *csv; int delim; int sep_line; const char *rows; } cases[] = {
		{ "sep=;\na;b\n1,5;2\n", ';', 1, "2:a|b\n3:1,5|2\n" },
		{ "\"sep=\t\"\r\na\tb\r\n", '\t', 1, "2:a|b\n" },
		{ "a;b;c\n1;\"x;y\";3\n", ';', 0, "1:a|b|c\n2:1|x;y|3\n" },
		{ "title, with a comma\n\na\tb\tc\n1\t2\t3\n4\t5\t6\n", '\t', 0, NULL },
		{ "one\ntwo\n", ',', 0, "1:one\n2:two\n" },
	};
	struct strbuf got;
	struct csv_info info;
	size_t i;
	int rc;

	strbuf_init(&got);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rows_of(cases[i].csv, strlen(cases[i].csv), 1, &got, &info, &rc);
		CHECK(rc == 0);
		CHECK(info.delimiter == cases[i].delim);
		CHECK(info.sep_line == cases[i].sep_line);
		if (cases[i].rows)
			CHECK_STR(got.buf, cases[i].rows);
	}
	strbuf_release(&got);
}

/* Every other CSV of the corpora is read, or refused with a reason and a row. */
static void test_every_corpus_csv(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		struct strbuf path, got;
		struct tt_error err;
		int rc;

		if (e->d_name[0] == '.' || (!strstr(e->d_name, ".csv") && !strstr(e->d_name, ".tsv")))
			continue;
		strbuf_init(&path);
		strbuf_init(&got);
		strbuf_addf(&path, "%s/%s", dir, e->d_name);
		tt_error_clear(&err);
		rc = csv_read_file(path.buf, NULL, NULL, collect, &got, &err);
		if (rc) {
			CHECK(rc == TT_EPARSE);
			CHECK(err.message[0] != '\0');
			/* an empty file has no row to name */
			CHECK(err.row > 0 || strstr(err.message, "empty"));
			if (getenv("TEST_VERBOSE"))
				fprintf(stderr, "%s: row %ld: %s\n", e->d_name, err.row, err.message);
		}
		files++;
		strbuf_release(&path);
		strbuf_release(&got);
	}
	if (d)
		closedir(d);
	CHECK(files > 20);
}

int main(void)
{
	test_same_rows_in_every_encoding();
	test_thai_corpus_is_windows_874();
	test_not_thai_is_refused();
	test_corpus_dialects();
	test_separators();
	test_every_corpus_csv(CORPORA "/csv/frictionless");
	test_every_corpus_csv(CORPORA "/csv/csv-parser/fixtures");
	return test_report("encoding");
}
