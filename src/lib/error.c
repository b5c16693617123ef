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

int tt_error_vset(struct tt_error *err, int code, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	struct strbuf sb;

	err->code = code;
	err->issue = NULL;
	/* built whole, then cut (if it must be) between two UTF-8 characters */
	strbuf_init(&sb);
	strbuf_vaddf(&sb, fmt, ap);
	tt_strlcpy(err->message, sb.buf, sizeof(err->message));
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
