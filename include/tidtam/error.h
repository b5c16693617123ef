/*
 * error.h - how library functions report failure to their caller.
 *
 * A library function returns 0 on success or a negative TT_E* code, and fills
 * a caller-owned struct tt_error.  The library never prints and never exits;
 * only a program's cmd_*() decides what to show and which status to exit with.
 */
#ifndef TIDTAM_ERROR_H
#define TIDTAM_ERROR_H

#include <stdarg.h>

enum tt_error_code {
	TT_OK = 0,
	TT_EIO = -1,      /* reading or writing a file failed */
	TT_EPARSE = -2,   /* input is malformed: file/row/column say where */
	TT_EINVAL = -3,   /* a value or argument is not acceptable */
	TT_EDB = -4,      /* the database refused a statement */
	TT_ENOTFOUND = -5, /* something looked up does not exist */
	TT_EBUSY = -6     /* another process holds what is needed (the run lock) */
};

struct tt_error {
	int code;            /* one of enum tt_error_code */
	char message[512];   /* English, lowercase, problem first */
	char file[512];      /* input file the error is about, or "" */
	long row;            /* 1-based row or line, 0 when unknown */
	char column[128];    /* column header or element, or "" */
	const char *issue;   /* the issue code an input refused for this error is
				recorded under (a static string, e.g. "E-ZIPBOMB"), or
				NULL: the reader's generic one (E-FILE) */
};

/*
 * 1 when code says the system failed (a file of our own unreadable, the
 * database, the disk), 0 when it says the input is at fault (TT_EPARSE,
 * TT_EINVAL) or there is no error.  What is refused for the system's
 * fault is never recorded as the input's.
 */
int tt_error_is_system(int code);

/* Clear err to "no error".  err may be NULL. */
void tt_error_clear(struct tt_error *err);

/*
 * Record an error in err (which may be NULL) and return code, so that a
 * function can end with `return tt_error_set(err, TT_EIO, "...", ...);`.
 * The message is always valid UTF-8: a byte of it that is not part of a
 * whole character becomes U+FFFD, and a message too long for err is cut
 * between two characters.  The location fields are left as they are;
 * set them with tt_error_at().
 */
int tt_error_set(struct tt_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* tt_error_set() with the arguments in ap. */
int tt_error_vset(struct tt_error *err, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/*
 * Say which issue code an input refused for err is recorded under (issue: a
 * string that outlives err, as a literal does); tt_error_set() and
 * tt_error_clear() set it back to NULL.  Returns err->code.
 */
int tt_error_issue(struct tt_error *err, const char *issue);

/* Fill the location of err (any of file/column may be NULL). */
void tt_error_at(struct tt_error *err, const char *file, long row,
		 const char *column);

/*
 * Format err as "file:row:column: message" into buf of size len (the parts
 * that are unknown are left out).  Returns buf.
 */
const char *tt_error_format(const struct tt_error *err, char *buf, unsigned len);

#endif
