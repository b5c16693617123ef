/*
 * fuzz-csv.c - CSV sheets (csv.c, then sheet.c) as ingest reads them.
 *
 * The input is a file dropped into input/.  It is read as rows twice, all
 * at once and in chunks of a size taken from the input, and both must give
 * the same rows, or fail both; then it goes through the sheet reader into
 * records, as ingest reads a CSV submission.
 */
#include <string.h>

#include "fuzz.h"
#include "tidtam/csv.h"
#include "tidtam/error.h"
#include "tidtam/sheet.h"
#include "tidtam/banned.h"

struct digest {
	uint64_t hash;
	long rows;
};

static int on_row(const struct tt_row *row, void *ctx)
{
	struct digest *d = ctx;
	size_t i;

	FUZZ_CHECK(row->number > d->rows);
	d->rows = row->number;
	d->hash = fuzz_hash(d->hash, &row->number, sizeof(row->number));
	d->hash = fuzz_hash(d->hash, &row->nr_fields, sizeof(row->nr_fields));
	for (i = 0; i < row->nr_fields; i++) {
		FUZZ_CHECK(fuzz_utf8(row->fields[i], strlen(row->fields[i])));
		d->hash = fuzz_hash(d->hash, row->fields[i], strlen(row->fields[i]) + 1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct digest whole = { FUZZ_HASH0, 0 }, chunked = { FUZZ_HASH0, 0 };
	struct csv_info info_whole, info_chunked;
	struct sheet_reader sr;
	struct tt_error err;
	size_t chunk = 1 + fuzz_hash(FUZZ_HASH0, data, size) % 97;
	int rc_whole, rc_chunked, rc;

	tt_error_clear(&err);
	rc_whole = csv_read_memory(text, size, 0, "fuzz.csv", NULL, &info_whole, on_row,
				   &whole, &err);
	fuzz_check_error(&err);
	tt_error_clear(&err);
	rc_chunked = csv_read_memory(text, size, chunk, "fuzz.csv", NULL, &info_chunked,
				     on_row, &chunked, &err);
	fuzz_check_error(&err);
	FUZZ_CHECK(!rc_whole == !rc_chunked);
	if (!rc_whole) {
		FUZZ_CHECK(whole.rows == chunked.rows);
		FUZZ_CHECK(whole.hash == chunked.hash);
		FUZZ_CHECK(info_whole.encoding == info_chunked.encoding);
		FUZZ_CHECK(info_whole.delimiter == info_chunked.delimiter);
		FUZZ_CHECK(info_whole.sep_line == info_chunked.sep_line);
	}

	memset(&sr, 0, sizeof(sr));
	sr.fn = fuzz_record;
	tt_error_clear(&err);
	rc = sheet_read_csv_memory(&sr, text, size, "fuzz.csv", &err);
	fuzz_check_error(&err);
	FUZZ_CHECK(!rc || rc == TT_EPARSE);
	/* rows the CSV reader refuses never make records */
	FUZZ_CHECK(!rc_whole || rc);
	return 0;
}
