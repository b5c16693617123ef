/*
 * encoding.c - sniffing a file's encoding and converting it to UTF-8.
 *
 * The sniffer keeps a few counters per byte, and passes over plain ASCII
 * eight bytes at a time, so it costs little next to the SHA-256 it runs
 * beside.  Conversion goes through iconv; UTF-8 input
 * is copied with only its byte-order mark removed.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "tidtam/encoding.h"
#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

const char *encoding_name(enum tt_encoding enc)
{
	switch (enc) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 (BOM)";
	case ENC_UTF16LE: return "UTF-16LE";
	case ENC_UTF16BE: return "UTF-16BE";
	case ENC_CP874: return "Windows-874";
	case ENC_UNKNOWN: break;
	}
	return "unknown";
}

void enc_sniff_init(struct enc_sniffer *s)
{
	memset(s, 0, sizeof(*s));
	s->utf8_ok = 1;
	s->cp874_ok = 1;
	s->line = 1;
}

/*
 * What a byte is in Windows-874: undefined there, a mark that sits above or
 * below a consonant, or a consonant (bytes below 0x80 are none of these).
 * A table, since the sniffer looks at every byte of every file.
 */
enum { CP874_UNDEFINED = 1, CP874_MARK = 2, CP874_CONSONANT = 4 };

static const unsigned char cp874_class[256] = {
	[0x80] =
	/* 80 */ 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 90 */ 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
	/* A0 */ 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	/* B0 */ 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	/* C0 */ 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0,
	/* D0 */ 0, 2, 0, 0, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0,
	/* E0 */ 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 0,
	/* F0 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
};

static void utf8_step(struct enc_sniffer *s, unsigned char c)
{
	if (s->utf8_need) {
		if ((c & 0xC0) != 0x80) {
			s->utf8_ok = 0;
			return;
		}
		s->utf8_cp = (s->utf8_cp << 6) | (c & 0x3F);
		if (--s->utf8_need == 0 &&
		    (s->utf8_cp < s->utf8_min || s->utf8_cp > 0x10FFFF ||
		     (s->utf8_cp >= 0xD800 && s->utf8_cp <= 0xDFFF)))
			s->utf8_ok = 0;
		return;
	}
	if (c < 0x80)
		return;
	if ((c & 0xE0) == 0xC0) {
		s->utf8_need = 1;
		s->utf8_cp = c & 0x1F;
		s->utf8_min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		s->utf8_need = 2;
		s->utf8_cp = c & 0x0F;
		s->utf8_min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		s->utf8_need = 3;
		s->utf8_cp = c & 0x07;
		s->utf8_min = 0x10000;
	} else {
		s->utf8_ok = 0;
	}
}

/* 1 if the 8 bytes of w are ASCII, none of them NUL or a line feed. */
static int plain_word(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t lf = w ^ (ones * '\n');

	return !(w & highs) && !((w - ones) & ~w & highs) && !((lf - ones) & ~lf & highs);
}

void enc_sniff_feed(struct enc_sniffer *s, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c;

		/*
		 * Plain ASCII (most of any file) changes nothing but the
		 * last byte seen, once the head is kept and no UTF-8
		 * sequence is open: it is passed over 8 bytes at a time.
		 */
		if (s->nr_head == sizeof(s->head) && (!s->utf8_need || !s->utf8_ok)) {
			size_t from = i;
			uint64_t w;

			while (len - i >= 8 && (memcpy(&w, p + i, 8), plain_word(w)))
				i += 8;
			if (i > from) {
				s->run = 0;
				s->prev = p[i - 1];
				if (i == len)
					break;
			}
		}
		c = p[i];

		if (s->nr_head < sizeof(s->head))
			s->head[s->nr_head++] = c;
		if (c >= 0x80) {
			s->has_high = 1;
			if (s->utf8_ok) {
				utf8_step(s, c);
				if (!s->utf8_ok)
					s->bad_line = s->line;
			}
			if (cp874_class[c] & CP874_UNDEFINED)
				s->cp874_ok = 0;
			if (c >= 0xA1) {
				s->thai++;
				if (++s->run > s->longest_run)
					s->longest_run = s->run;
				if ((cp874_class[c] & CP874_MARK) &&
				    !(cp874_class[s->prev] & (CP874_MARK | CP874_CONSONANT)))
					s->misplaced_marks++;
			}
		} else {
			if (!c)
				s->has_nul = 1;
			if (s->utf8_need && s->utf8_ok) {
				s->utf8_ok = 0;
				s->bad_line = s->line;
			}
			if (c == '\n')
				s->line++;
		}
		if (c < 0xA1)
			s->run = 0;
		s->prev = c;
	}
	s->bytes += len;
}

enum tt_encoding enc_sniff_result(const struct enc_sniffer *s, struct tt_error *err)
{
	if (s->nr_head >= 2 && s->head[0] == 0xFF && s->head[1] == 0xFE)
		return ENC_UTF16LE;
	if (s->nr_head >= 2 && s->head[0] == 0xFE && s->head[1] == 0xFF)
		return ENC_UTF16BE;
	if (s->has_nul) {
		tt_error_set(err, TT_EPARSE, "file holds NUL bytes: it is not text, or it is "
					     "UTF-16 without a byte-order mark");
		return ENC_UNKNOWN;
	}
	if (s->nr_head >= 3 && !memcmp(s->head, "\xEF\xBB\xBF", 3) && s->utf8_ok &&
	    !s->utf8_need)
		return ENC_UTF8_BOM;
	if (!s->has_high || (s->utf8_ok && !s->utf8_need))
		return ENC_UTF8;
	/* a Thai mark may be misplaced now and then; Latin-1 misplaces them all */
	if (s->cp874_ok && s->longest_run >= 3 && s->misplaced_marks * 50 <= s->thai)
		return ENC_CP874;
	tt_error_set(err, TT_EPARSE, "text is neither UTF-8, UTF-16 nor Thai Windows-874 "
				     "(TIS-620)");
	if (err)
		err->row = s->bad_line;
	return ENC_UNKNOWN;
}

enum tt_encoding encoding_detect(const void *data, size_t len, struct tt_error *err)
{
	struct enc_sniffer s;

	enc_sniff_init(&s);
	enc_sniff_feed(&s, data, len);
	return enc_sniff_result(&s, err);
}

int decoder_init(struct decoder *d, enum tt_encoding enc, struct tt_error *err)
{
	static const char *const from[] = {
		[ENC_UTF16LE] = "UTF-16LE", [ENC_UTF16BE] = "UTF-16BE", [ENC_CP874] = "CP874",
	};
	iconv_t cd;

	memset(d, 0, sizeof(*d));
	d->enc = enc;
	d->bom_done = enc != ENC_UTF8_BOM && enc != ENC_UTF16LE && enc != ENC_UTF16BE;
	if (enc != ENC_UTF16LE && enc != ENC_UTF16BE && enc != ENC_CP874)
		return 0;
	cd = iconv_open("UTF-8", from[enc]);
	if (cd == (iconv_t)-1)
		return tt_error_set(err, TT_EIO, "could not convert from %s: %s",
				    encoding_name(enc), strerror(errno));
	d->cd = cd;
	return 0;
}

static void skip_bom(struct decoder *d, const char **in, size_t *len)
{
	size_t n = 0;

	if (d->bom_done || !*len)
		return;
	/* a BOM is at most 3 bytes; chunks smaller than that are rare enough
	 * to keep the bytes seen in carry until the BOM is decided */
	while (d->nr_carry < 3 && *len) {
		d->carry[d->nr_carry++] = **in;
		(*in)++;
		(*len)--;
	}
	if (d->enc == ENC_UTF8_BOM && d->nr_carry >= 3)
		n = 3;
	else if ((d->enc == ENC_UTF16LE || d->enc == ENC_UTF16BE) && d->nr_carry >= 2)
		n = 2;
	else if (d->nr_carry < 3 && !*len)
		return; /* wait for more */
	memmove(d->carry, d->carry + n, d->nr_carry - n);
	d->nr_carry -= n;
	d->bom_done = 1;
}

static int convert(struct decoder *d, const char *in, size_t len, struct strbuf *out,
		   struct tt_error *err)
{
	char buf[8192];

	while (len) {
		char *ip = (char *)in, *op = buf;
		size_t il = len, ol = sizeof(buf);
		size_t r = iconv((iconv_t)d->cd, &ip, &il, &op, &ol);

		strbuf_add(out, buf, (size_t)(op - buf));
		if (r == (size_t)-1 && errno == EINVAL) {
			/* a sequence split at the chunk's end: keep it */
			if (il > sizeof(d->carry))
				return tt_error_set(err, TT_EPARSE, "bad %s sequence",
						    encoding_name(d->enc));
			memcpy(d->carry, ip, il);
			d->nr_carry = il;
			return 0;
		}
		if (r == (size_t)-1 && errno != E2BIG)
			return tt_error_set(err, TT_EPARSE, "text is not valid %s",
					    encoding_name(d->enc));
		len = il;
		in = ip;
	}
	return 0;
}

int decoder_feed(struct decoder *d, const char *in, size_t len, struct strbuf *out,
		 struct tt_error *err)
{
	int rc;

	skip_bom(d, &in, &len);
	if (!d->bom_done)
		return 0;
	if (!d->cd) {
		strbuf_add(out, d->carry, d->nr_carry);
		d->nr_carry = 0;
		strbuf_add(out, in, len);
		return 0;
	}
	/* complete a sequence split at the last chunk's end, a byte at a time */
	while (d->nr_carry && len) {
		char tmp[sizeof(d->carry)];
		size_t n = d->nr_carry;

		if (n == sizeof(tmp))
			return tt_error_set(err, TT_EPARSE, "text is not valid %s",
					    encoding_name(d->enc));
		memcpy(tmp, d->carry, n);
		tmp[n++] = *in++;
		len--;
		d->nr_carry = 0;
		if ((rc = convert(d, tmp, n, out, err)))
			return rc;
	}
	return convert(d, in, len, out, err);
}

int decoder_finish(struct decoder *d, struct strbuf *out, struct tt_error *err)
{
	int rc;

	if (!d->bom_done) {
		/* fewer than three bytes in all: no byte-order mark among them */
		char tmp[sizeof(d->carry)];
		size_t n = d->nr_carry;

		memcpy(tmp, d->carry, n);
		d->nr_carry = 0;
		d->bom_done = 1;
		if ((rc = decoder_feed(d, tmp, n, out, err)))
			return rc;
	}
	if (d->nr_carry)
		return tt_error_set(err, TT_EPARSE, "text ends inside a %s character",
				    encoding_name(d->enc));
	return 0;
}

void decoder_release(struct decoder *d)
{
	if (d->cd)
		iconv_close((iconv_t)d->cd);
	d->cd = NULL;
}
