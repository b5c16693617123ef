/*
 * fuzz-encoding.c - sniffing and decoding text files (encoding.c), as
 * ingest sniffs a file while it hashes it and the CSV reader decodes it.
 *
 * What holds: the sniffer names the same encoding, or refuses at the same
 * line, whether it is fed the file at once or in pieces; a file it names
 * decodes, to the same UTF-8 at once or in pieces; UTF-8 comes out as it
 * went in (less its byte-order mark), and whatever comes out is UTF-8.
 * The decoder is also run over the input as one other encoding, picked by
 * the input, where it may refuse but must not break.
 */
#include <string.h>

#include "fuzz.h"
#include "tidtam/encoding.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* 1 if the NUL-separated pieces of s are valid UTF-8. */
static int utf8_pieces(const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		const char *nul = memchr(s, '\0', (size_t)(end - s));
		size_t n = nul ? (size_t)(nul - s) : (size_t)(end - s);

		if (!fuzz_utf8(s, n))
			return 0;
		s += n + (nul != NULL);
	}
	return 1;
}

/* Decode the input as enc, chunk bytes at a time (0: at once): 0 or TT_EPARSE. */
static int decode(enum tt_encoding enc, const uint8_t *data, size_t size, size_t chunk,
		  struct strbuf *out)
{
	struct decoder d;
	struct tt_error err;
	size_t off = 0;
	int rc;

	tt_error_clear(&err);
	FUZZ_CHECK(!decoder_init(&d, enc, &err));
	if (!chunk)
		chunk = size ? size : 1;
	rc = 0;
	while (!rc && off < size) {
		size_t n = size - off < chunk ? size - off : chunk;

		rc = decoder_feed(&d, (const char *)data + off, n, out, &err);
		off += n;
	}
	if (!rc)
		rc = decoder_finish(&d, out, &err);
	decoder_release(&d);
	fuzz_check_error(&err);
	FUZZ_CHECK(!rc || rc == TT_EPARSE);
	/* what iconv makes is UTF-8 (UTF-8 itself is only copied) */
	if (!rc && enc != ENC_UTF8 && enc != ENC_UTF8_BOM)
		FUZZ_CHECK(utf8_pieces(out->buf, out->len));
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t h = fuzz_hash(FUZZ_HASH0, data, size);
	size_t chunk = 1 + h % 13, off;
	struct enc_sniffer s;
	struct tt_error whole_err, err;
	enum tt_encoding whole, pieces, other;
	struct strbuf a, b;
	int rc_a, rc_b;

	tt_error_clear(&whole_err);
	whole = encoding_detect(data, size, &whole_err);
	fuzz_check_error(&whole_err);
	enc_sniff_init(&s);
	for (off = 0; off < size; off += chunk)
		enc_sniff_feed(&s, data + off, size - off < chunk ? size - off : chunk);
	tt_error_clear(&err);
	pieces = enc_sniff_result(&s, &err);
	FUZZ_CHECK(whole == pieces && whole_err.row == err.row);
	FUZZ_CHECK(!strcmp(whole_err.message, err.message));
	FUZZ_CHECK(encoding_name(whole) != NULL);

	/* the encoding named, and one other the input picks */
	for (other = ENC_UTF8; other <= ENC_CP874; other++) {
		if (other != whole && other != (enum tt_encoding)(ENC_UTF8 + h % 5))
			continue;
		strbuf_init(&a);
		strbuf_init(&b);
		rc_a = decode(other, data, size, 0, &a);
		rc_b = decode(other, data, size, chunk, &b);
		FUZZ_CHECK(rc_a == rc_b);
		if (!rc_a)
			FUZZ_CHECK(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
		if (other == whole && whole != ENC_UTF16LE && whole != ENC_UTF16BE) {
			/* what the sniffer names, the decoder reads (UTF-16 is
			   named by its byte-order mark alone) */
			FUZZ_CHECK(!rc_a);
			if (whole == ENC_UTF8)
				FUZZ_CHECK(a.len == size && !memcmp(a.buf, data, size));
			if (whole == ENC_UTF8_BOM)
				FUZZ_CHECK(a.len == size - 3 && !memcmp(a.buf, data + 3, size - 3));
		}
		strbuf_release(&a);
		strbuf_release(&b);
	}
	return 0;
}
