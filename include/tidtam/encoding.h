/*
 * encoding.h - which character encoding a text file is in, and turning it
 * into UTF-8 as it streams past.
 *
 * Thai offices save text in four ways: UTF-8 (with or without Excel's
 * byte-order mark), UTF-16 with a byte-order mark (Excel's "Unicode text"),
 * and the Thai single-byte code page, labelled TIS-620 but in practice
 * Windows-874 (its superset: the WHATWG Encoding Standard maps tis-620 and
 * iso-8859-11 to windows-874 as well).  The sniffer is fed the whole file a
 * chunk at a time (ingest feeds it during the SHA-256 pass, so the file is
 * read once more at most) and then names the encoding:
 *
 *   - a byte-order mark decides;
 *   - otherwise text that is valid UTF-8 throughout is UTF-8;
 *   - otherwise, if every byte is defined in Windows-874 and the Thai it
 *     decodes to is plausible (it has a Thai word of three letters or more,
 *     and a vowel or tone mark almost always follows a Thai consonant), it
 *     is Windows-874;
 *   - anything else (Latin-1, a NUL-ridden binary) is refused.
 */
#ifndef TIDTAM_ENCODING_H
#define TIDTAM_ENCODING_H

#include <stddef.h>

struct strbuf;
struct tt_error;

enum tt_encoding {
	ENC_UNKNOWN,  /* not yet known, or not one tidtam reads */
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_UTF16LE,  /* always with a byte-order mark */
	ENC_UTF16BE,
	ENC_CP874     /* Windows-874, which also reads TIS-620 */
};

/* "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "Windows-874", "unknown". */
const char *encoding_name(enum tt_encoding enc);

struct enc_sniffer {
	unsigned char head[4];  /* the first bytes, for a byte-order mark */
	size_t nr_head;
	unsigned long long bytes;
	int utf8_ok;            /* no invalid sequence so far */
	int utf8_need;          /* continuation bytes still owed */
	unsigned utf8_cp, utf8_min;
	int has_nul, has_high;
	int cp874_ok;           /* no byte undefined in Windows-874 */
	unsigned char prev;     /* previous byte, for the Thai plausibility test */
	unsigned long thai, misplaced_marks;
	unsigned run, longest_run;  /* Thai bytes in a row */
	long line;              /* current line, 1-based */
	long bad_line;          /* line where UTF-8 first broke, 0 if none */
};

void enc_sniff_init(struct enc_sniffer *s);
void enc_sniff_feed(struct enc_sniffer *s, const void *data, size_t len);
/*
 * The encoding of everything fed so far, or ENC_UNKNOWN with err saying
 * why (TT_EPARSE, err->row the first line that is not UTF-8) when it is
 * none tidtam reads.
 */
enum tt_encoding enc_sniff_result(const struct enc_sniffer *s, struct tt_error *err);

/* Sniff a whole buffer: enc_sniff_init/feed/result in one call. */
enum tt_encoding encoding_detect(const void *data, size_t len, struct tt_error *err);

/*
 * A streaming converter to UTF-8.  A sequence split between two chunks is
 * kept for the next call; a byte-order mark is dropped.
 */
struct decoder {
	enum tt_encoding enc;
	void *cd;               /* iconv_t, or NULL when the input is UTF-8 */
	int bom_done;
	char carry[8];
	size_t nr_carry;
};

/* 0, or TT_EIO if iconv cannot convert from enc. */
int decoder_init(struct decoder *d, enum tt_encoding enc, struct tt_error *err);
/*
 * Append len bytes of input, converted to UTF-8, to out.  Returns 0, or
 * TT_EPARSE when a byte sequence cannot be converted.
 */
int decoder_feed(struct decoder *d, const char *in, size_t len, struct strbuf *out,
		 struct tt_error *err);
/*
 * Append what is still held back to out.  TT_EPARSE if the input ended
 * inside a sequence, else 0.
 */
int decoder_finish(struct decoder *d, struct strbuf *out, struct tt_error *err);
void decoder_release(struct decoder *d);

#endif
