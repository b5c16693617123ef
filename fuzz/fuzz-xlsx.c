/*
 * fuzz-xlsx.c - Excel workbooks (xlsx.c, then sheet.c) as ingest reads them.
 *
 * An input is either a workbook as it is (it begins with "PK") or, so that
 * mutations reach the XML parts instead of breaking the zip's checksums,
 * the parts of one written out:
 *
 *   === [Content_Types].xml
 *   <?xml ...?><Types ...>...</Types>
 *   === xl/workbook.xml
 *   ...
 *
 * each "=== NAME" line starting a part that runs to the next such line;
 * they are stored (not deflated) into a zip written to a temporary file.
 * The workbook is then opened and every visible sheet read into records,
 * as ingest's read_workbook() does.
 */
#include <string.h>

#include <zip.h>

#include "fuzz.h"
#include "tidtam/error.h"
#include "tidtam/sheet.h"
#include "tidtam/xlsx.h"
#include "tidtam/banned.h"

#define SEPARATOR "=== "

/* Write the parts of a text input into a zip at path; 0, or -1 if none. */
static int write_parts(const char *path, const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	zip_t *za;
	int err = 0, parts = 0;

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za)
		return -1;
	/* find the first part */
	while (p < end && (size_t)(end - p) >= 4 && memcmp(p, SEPARATOR, 4)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	while (p < end && (size_t)(end - p) >= 4) {
		const char *name = p + 4, *nl = memchr(name, '\n', (size_t)(end - name));
		const char *body, *next;
		char namebuf[256];
		size_t n;
		zip_source_t *src;
		zip_int64_t idx;

		if (!nl)
			break;
		body = nl + 1;
		/* the part ends where a line begins with the separator */
		for (next = body; next < end; next++)
			if ((next == body || next[-1] == '\n') && (size_t)(end - next) >= 4 &&
			    !memcmp(next, SEPARATOR, 4))
				break;
		n = (size_t)(nl - name);
		if (n && n < sizeof(namebuf) && !memchr(name, '\0', n)) {
			size_t len = (size_t)(next - body);

			/* the newline before the next separator is not the part's */
			if (next < end && len && body[len - 1] == '\n')
				len--;
			memcpy(namebuf, name, n);
			namebuf[n] = '\0';
			src = zip_source_buffer(za, body, len, 0);
			if (src) {
				idx = zip_file_add(za, namebuf, src, ZIP_FL_OVERWRITE);
				if (idx < 0)
					zip_source_free(src);
				else if (!zip_set_file_compression(za, (zip_uint64_t)idx,
								   ZIP_CM_STORE, 0))
					parts++;
			}
		}
		p = next;
	}
	if (!parts) {
		zip_discard(za);
		return -1;
	}
	if (zip_close(za)) {
		zip_discard(za);
		return -1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	struct xlsx *x;
	struct tt_error err;
	size_t i;
	int rc;

	if (size >= 2 && !memcmp(data, "PK", 2)) {
		path = fuzz_temp_file("book.xlsx", data, size);
	} else {
		/* an empty file first: zip_open() must not take an old one */
		path = fuzz_temp_file("book.xlsx", "", 0);
		if (write_parts(path, (const char *)data, size))
			return 0;
	}
	tt_error_clear(&err);
	rc = xlsx_open(path, &x, &err);
	fuzz_check_error(&err);
	if (rc) {
		FUZZ_CHECK(!x && (rc == TT_EPARSE || rc == TT_EIO));
		fuzz_xml_reset();
		return 0;
	}
	for (i = 0; !rc && i < xlsx_nr_sheets(x); i++) {
		const struct xlsx_sheet *sh = xlsx_sheet(x, i);
		struct sheet_reader sr;
		struct sheet_parser *sp;

		FUZZ_CHECK(sh && sh->name && sh->part);
		FUZZ_CHECK(fuzz_utf8(sh->name, strlen(sh->name)));
		if (sh->is_chart || sh->state != XLSX_VISIBLE)
			continue;
		memset(&sr, 0, sizeof(sr));
		sr.fn = fuzz_record;
		sr.sheet_name = sh->name;
		sp = sheet_parser_new(&sr, "book.xlsx", &err);
		rc = sheet_parser_finish(sp, xlsx_read_rows(x, i, sheet_parser_row, sp, &err));
		fuzz_check_error(&err);
		FUZZ_CHECK(!rc || rc == TT_EPARSE);
		if (rc == TT_EPARSE && !sr.header_row) {
			tt_error_clear(&err);
			rc = 0;
		}
	}
	xlsx_close(x);
	fuzz_xml_reset();
	return 0;
}
