/*
 * util.h - memory, growable strings, numbers and time shared by every module.
 *
 * Out of memory is the one failure that is not reported through
 * struct tt_error: xmalloc() and friends print a message and abort.
 */
#ifndef TIDTAM_UTIL_H
#define TIDTAM_UTIL_H

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Copy of s, owned by the caller.  xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
/* Grow *array (of elements of size `size`) so that it holds at least `need`. */
void xgrow(void *array_ptr, size_t *alloc, size_t need, size_t size);

/*
 * A growable NUL-terminated string.  Invariant: buf is never NULL after
 * strbuf_init(); it points at "" until something is added.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

void strbuf_init(struct strbuf *sb);
/* Free the contents; sb may be reused after strbuf_init(). */
void strbuf_release(struct strbuf *sb);
/* Hand the string to the caller, who frees it; sb is left empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* strbuf_addf() with the arguments in ap (ap is used up, as by vprintf). */
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/*
 * Append s escaped for XML and HTML, in text and in attribute values
 * alike: & < > " and ' as character references, everything else as given.
 */
void strbuf_add_markup(struct strbuf *sb, const char *s);

/* snprintf that never truncates silently: returns -1 if buf was too small. */
int xsnprintf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copy s into buf of size len, truncating at a UTF-8 boundary. */
void tt_strlcpy(char *buf, const char *s, size_t len);

/*
 * Parse a whole string as a number.  Surrounding spaces are allowed; any
 * other trailing text is not.  Returns 0 and sets *out, or -1.
 */
int tt_parse_double(const char *s, double *out);
int tt_parse_long(const char *s, long *out);

/*
 * The median of v[0..n-1] (n > 0, none NaN): the middle value, or the
 * mean of the two middle ones; v is reordered.  By selection, not by
 * sorting: linear in n, and exactly the value sorting would give.
 */
double tt_median(double *v, size_t n);

/*
 * Strip white space from both ends in place: ASCII spaces, tabs, CR/LF, and
 * the Unicode spaces spreadsheets leave in cells (no-break, narrow no-break,
 * figure, ideographic, zero-width, a stray BOM).  Returns s.
 */
char *tt_trim(char *s);

/*
 * Trim s and make every inner run of white space (as tt_trim() knows it)
 * one ASCII space, in place; returns s.  For names compared as people type
 * them: "ร้อยละของ  นักเรียน " and "ร้อยละของ นักเรียน" are the same.
 */
char *tt_collapse_spaces(char *s);

/* 1 if s is NULL, empty or only white space (as tt_trim() strips it). */
int tt_is_blank(const char *s);

/* Turn Thai digits (๐-๙) into ASCII digits in place; returns s. */
char *tt_ascii_digits(char *s);

/*
 * A number as people type it in a sheet: Thai or ASCII digits, thousands
 * separators ("1,250"), surrounding white space of any kind, and with
 * allow_percent a trailing '%' ("85.5 %").  Returns 0 and sets *out, 1 if
 * s is blank (or NULL), -1 if it is not a number.
 */
int tt_parse_number_text(const char *s, double *out, int allow_percent);

/*
 * The current time, or SOURCE_DATE_EPOCH when that is set, so that every
 * output that mentions "now" is reproducible.
 */
time_t tt_now(void);

/* 1 if s is valid UTF-8 with no NUL and no C0 control other than tab/CR/LF. */
int tt_utf8_valid_text(const char *s, size_t len);

/* 1 if s is a code made of [A-Za-z0-9_-] and 1..64 long: safe in a path. */
int tt_is_safe_code(const char *s);

/* Create dir and its parents (mode 0755).  Returns 0 or TT_EIO with err. */
struct tt_error;
int tt_mkdirs(const char *dir, struct tt_error *err);

/* 1 if the file at path holds exactly the len bytes of data. */
int tt_file_has(const char *path, const void *data, size_t len);

/*
 * Write data to path through a temporary file (tt_temporary_name()),
 * synced and renamed into place (tt_rename_into_place()), so that a reader
 * never sees half a file and a crash leaves the old file or the new one.
 * If path already has exactly this content it is left untouched (no
 * durable step).  Returns 0 or TT_EIO with err naming path; the temporary
 * file is then gone.
 */
int tt_write_file_atomic(const char *path, const void *data, size_t len,
			 struct tt_error *err);

/*
 * Append to sb the temporary name a file bound for path is written under,
 * "path.tmp.PID": the one name tt_remove_stale_temporaries() removes after
 * a crash.  For writers that must hand a library a file name (a workbook).
 */
void tt_temporary_name(struct strbuf *sb, const char *path);

/*
 * Put the file written at tmp (closed) into place as path: synced first
 * unless synced says the caller did, then renamed, a durable step
 * (step.h).  The one way a file goes into place.  Returns 0, or TT_EIO
 * with err naming path, tmp then removed.
 */
int tt_rename_into_place(const char *tmp, const char *path, int synced,
			 struct tt_error *err);

/*
 * Files written together and made durable at once, as git's
 * core.fsyncMethod=batch does, for one flush of the file system instead
 * of an fsync a file: tt_batch_write() writes each whole under its
 * temporary name (tt_temporary_name()), unsynced; tt_batch_finish()
 * flushes the file systems they lie on once (syncfs()), then renames each
 * into place in the order written (tt_rename_into_place(), a durable step
 * each).  As with tt_write_file_atomic(), no file is ever under its name
 * before its bytes are on the disk, a file already holding the same bytes
 * is left untouched, and a crash leaves the old file or the new one (and
 * temporaries, which the next run removes).  The renames themselves are
 * durable only after the next flush (tt_sync_output()): a caller records
 * what it renamed after that.
 */
struct tt_batch_file {
	char *tmp, *path;
	size_t tag;               /* the caller's, for an error about the file */
};

struct tt_batch_fs {
	dev_t dev;
	int fd;                   /* a temporary's, opened before it was written */
};

struct tt_batch {
	struct tt_batch_file *file;
	size_t nr, alloc;
	struct tt_batch_fs *fs;   /* each file system written on, once */
	size_t nr_fs, alloc_fs;
	size_t failed;            /* the tag of the file an error is about */
};

void tt_batch_init(struct tt_batch *b);

/*
 * Write data to path's temporary name, to go into place with the batch;
 * nothing when path holds exactly these bytes (*wrote 0, else 1).  tag is
 * the caller's name for the file (b->failed on an error).  0, or TT_EIO
 * with err naming path (its temporary then removed; the batch's others
 * stay, for tt_batch_release()).
 */
int tt_batch_write(struct tt_batch *b, const char *path, const void *data, size_t len,
		   size_t tag, int *wrote, struct tt_error *err);

/*
 * Flush the files written (one syncfs() a file system), then rename each
 * into place in the order written.  The batch is empty after, whatever
 * happens: on an error (TT_EIO with err: the flush, naming the first file
 * written; or a rename, naming its file), every temporary not yet renamed
 * is removed and b->failed is the tag of the file named.
 */
int tt_batch_finish(struct tt_batch *b, struct tt_error *err);

/* The temporaries of files not put in place removed; b emptied. */
void tt_batch_release(struct tt_batch *b);

/*
 * Flush the file system holding path (syncfs()): the files renamed into
 * place and removed there are durable once it returns, before the
 * database records them.  An fsync for the tests' faults (step.h).
 * 0, or TT_EIO with err naming what.
 */
int tt_sync_output(const char *path, const char *what, struct tt_error *err);

/*
 * unlink(path) as a durable step (step.h): returns 0, or -1 with errno.
 */
int tt_remove_file(const char *path);

/*
 * Remove the temporary files tt_write_file_atomic() leaves when its process
 * dies between write and rename ("NAME.tmp.PID") anywhere under dir,
 * following no symbolic link.  Only for a caller holding the run lock of
 * dir (runlock.h), so that no live writer's file is taken.  *removed counts
 * them.  Returns 0, or TT_EIO with err when a folder cannot be read or a
 * file removed.
 */
int tt_remove_stale_temporaries(const char *dir, long *removed, struct tt_error *err);

/*
 * The type of entry e read from folder dir (DT_DIR, DT_REG, ...): as the
 * folder gives it, no system call; on a file system that does not say,
 * by lstat() (DT_DIR, DT_REG, else DT_UNKNOWN, also when it is gone).
 */
unsigned char tt_entry_type(const char *dir, const struct dirent *e);

/* A file time (struct stat's st_mtim, st_ctim) in nanoseconds. */
long long tt_timespec_ns(const struct timespec *t);

/*
 * The hash of len bytes at p, and of the string s, for tidtam's own tables
 * (a slot is the hash masked to the table's size, a power of 2): taken
 * eight bytes at a time, its high bits folded into the low ones.  Never
 * stored: a table's order may change with it, nothing written may.
 */
size_t tt_hash_bytes(const void *p, size_t len);
size_t tt_hash_string(const char *s);

/*
 * A set of strings, each kept once (open addressing over slot[size], a
 * power of two; used of them taken): whether a string was seen, and one
 * copy of each for pointers to share.  Zeroed: empty.
 */
struct tt_strset {
	char **slot;
	size_t size, used;
};

/* 1 if s is in set. */
int tt_strset_has(const struct tt_strset *set, const char *s);
/* s as set keeps it, added if it was not there; alive until set is cleared. */
const char *tt_strset_add(struct tt_strset *set, const char *s);
/* Empty the set (its room kept). */
void tt_strset_clear(struct tt_strset *set);
/* Empty the set and free its room. */
void tt_strset_release(struct tt_strset *set);

/*
 * Strings kept until the pool is released, packed into blocks of
 * TT_STRPOOL_BLOCK bytes (a longer one in a block of its own): no
 * allocation and none of malloc's overhead per string, for the many short
 * strings a run holds at once.  Zeroed: empty.
 */
#define TT_STRPOOL_BLOCK 65536
struct tt_strpool {
	char **block;
	size_t nr, alloc;
	size_t left;            /* room left in the last block */
};

/* The len bytes at s and a NUL, kept in pool; alive until it is released. */
const char *tt_strpool_add(struct tt_strpool *pool, const char *s, size_t len);
/* Free every string of pool; it is empty again. */
void tt_strpool_release(struct tt_strpool *pool);

/* Read a whole (small) file.  *out is the caller's to free.  0 or TT_EIO. */
int tt_read_file(const char *path, char **out, size_t *len, struct tt_error *err);

/*
 * Read a whole file of at most max bytes: its size is asked of the open file
 * (fstat) before anything is allocated, and the bytes read are counted too,
 * since a file may grow while it is read.  A larger file is refused unread
 * with TT_EPARSE, its err naming what (a "framework", an "XML form": the
 * input's kind, for the message) and the limit, and issue E-TOOLARGE
 * (error.h).  Otherwise as tt_read_file(): *out (NUL-terminated) is the
 * caller's to free; TT_EIO when it cannot be read.
 */
int tt_read_file_max(const char *path, size_t max, const char *what, char **out,
		     size_t *len, struct tt_error *err);

#endif
