/*
 * error.c - filling and formatting struct tt_error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

int tt_error_is_system(int code)
{
	return code < 0 && code != TT_EPARSE && code != TT_EINVAL;
}

void tt_error_clear(struct tt_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
}

/* Bytes of the valid UTF-8 character at s (at most n bytes), or 0. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	size_t need, i;
	unsigned cp, min;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0)
		need = 1, cp = s[0] & 0x1F, min = 0x80;
	else if ((s[0] & 0xF0) == 0xE0)
		need = 2, cp = s[0] & 0x0F, min = 0x800;
	else if ((s[0] & 0xF8) == 0xF0)
		need = 3, cp = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (need >= n)
		return 0;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need + 1;
}

int tt_error_vset(struct tt_error *err, int code, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	struct strbuf sb, text;
	size_t i, n;

	err->code = code;
	err->issue = NULL;
	/* built whole, then cut (if it must be) between two UTF-8 characters */
	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt, ap);
	/*
	 * What a message quotes (libxml2's own messages quote the document,
	 * "%.100s" cuts a value) may not be UTF-8: a byte that does not
	 * begin a whole character becomes U+FFFD, so that the message is
	 * text wherever it is written.
	 */
	strbuf_init(&text);
	for (i = 0; i < sb.len; i += n ? n : 1) {
		n = utf8_char((const unsigned char *)sb.buf + i, sb.len - i);
		if (n)
			strbuf_add(&text, sb.buf + i, n);
		else
			strbuf_addstr(&text, "\xEF\xBF\xBD");
	}
	tt_strlcpy(err->message, text.buf, sizeof(err->message));
	strbuf_release(&text);
	strbuf_release(&sb);
	return code;
}

int tt_error_set(struct tt_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tt_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int tt_error_issue(struct tt_error *err, const char *issue)
{
	if (!err)
		return 0;
	err->issue = issue;
	return err->code;
}

void tt_error_at(struct tt_error *err, const char *file, long row,
		 const char *column)
{
	if (!err)
		return;
	if (file)
		tt_strlcpy(err->file, file, sizeof(err->file));
	err->row = row;
	if (column)
		tt_strlcpy(err->column, column, sizeof(err->column));
}

const char *tt_error_format(const struct tt_error *err, char *buf, unsigned len)
{
	struct strbuf sb;

	strbuf_init(&sb);
	if (err->file[0])
		strbuf_addf(&sb, "%s:", err->file);
	if (err->row > 0)
		strbuf_addf(&sb, "%ld:", err->row);
	if (err->column[0])
		strbuf_addf(&sb, "%s:", err->column);
	if (sb.len)
		strbuf_addch(&sb, ' ');
	strbuf_addstr(&sb, err->message);
	tt_strlcpy(buf, sb.buf, len);
	strbuf_release(&sb);
	return buf;
}
