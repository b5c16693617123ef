/*
 * util.c - allocation that never returns NULL, growable strings, strict
 * number parsing, reproducible time and small file helpers.
 */
#define _GNU_SOURCE /* syncfs() */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidtam/error.h"
#include "tidtam/sha256.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static void die_oom(size_t size)
{
	fprintf(stderr, "fatal: out of memory allocating %zu bytes\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		die_oom(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

char *xstrdup(const char *s)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

void xgrow(void *array_ptr, size_t *alloc, size_t need, size_t size)
{
	void **array = array_ptr;
	size_t n = *alloc;

	if (need <= n)
		return;
	n = n ? n : 8;
	while (n < need)
		n *= 2;
	*array = xrealloc(*array, n * size);
	*alloc = n;
}

static char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *s = sb->alloc ? sb->buf : xstrdup("");

	strbuf_init(sb);
	return s;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->alloc)
		return;
	if (!sb->alloc) {
		sb->buf = NULL;
		sb->alloc = 0;
	}
	xgrow(&sb->buf, &sb->alloc, need, 1);
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	strbuf_add(sb, &ch, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* print into the room there is; grow and print again if it was short */
	strbuf_grow(sb, 64);
	va_copy(again, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		va_end(again);
		return;
	}
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	sb->len += (size_t)n;
}

void strbuf_add_markup(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(sb, "&quot;");
			break;
		case '\'':
			strbuf_addstr(sb, "&#39;");
			break;
		default:
			strbuf_addch(sb, *s);
		}
	}
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

int xsnprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}

void tt_strlcpy(char *buf, const char *s, size_t len)
{
	size_t n = strlen(s);

	if (!len)
		return;
	if (n >= len) {
		n = len - 1;
		/* do not cut a UTF-8 sequence in half */
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Bytes of the white-space character at s (ASCII or Unicode), or 0. */
static size_t space_at(const char *s)
{
	static const char *const wide[] = {
		"\xC2\xA0",     /* NO-BREAK SPACE */
		"\xE2\x80\x87", /* FIGURE SPACE */
		"\xE2\x80\x8B", /* ZERO WIDTH SPACE */
		"\xE2\x80\xAF", /* NARROW NO-BREAK SPACE */
		"\xE3\x80\x80", /* IDEOGRAPHIC SPACE */
		"\xEF\xBB\xBF", /* ZERO WIDTH NO-BREAK SPACE (BOM) */
	};
	unsigned char c = (unsigned char)*s;
	size_t i;

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	/* every wide space starts with one of these bytes: most text stops here */
	if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF)
		return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (!strncmp(s, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

/* Bytes of the white-space character that ends s[0..n), or 0. */
static size_t space_before(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 3 && k <= n; k++)
		if (space_at(s + n - k) == k)
			return k;
	return 0;
}

char *tt_trim(char *s)
{
	size_t n = strlen(s);
	size_t i = 0, k;

	while ((k = space_before(s, n)) > 0)
		s[n -= k] = '\0';
	while ((k = space_at(s + i)) > 0)
		i += k;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

char *tt_collapse_spaces(char *s)
{
	char *w = s;
	const char *r = s;
	size_t k;

	while (*r) {
		int seen = 0;

		/* zero-width spaces vanish; any other run of spaces is one space */
		while ((k = space_at(r)) > 0) {
			seen |= strncmp(r, "\xE2\x80\x8B", 3) && strncmp(r, "\xEF\xBB\xBF", 3);
			r += k;
		}
		if (seen && w > s && *r)
			*w++ = ' ';
		if (*r)
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

int tt_is_blank(const char *s)
{
	size_t k;

	if (!s)
		return 1;
	while ((k = space_at(s)) > 0)
		s += k;
	return !*s;
}

char *tt_ascii_digits(char *s)
{
	char *w = s;
	const char *r = s;

	while (*r) {
		/* U+0E50..U+0E59 THAI DIGIT ZERO..NINE are E0 B9 90..99 */
		if ((unsigned char)r[0] == 0xE0 && (unsigned char)r[1] == 0xB9 &&
		    (unsigned char)r[2] >= 0x90 && (unsigned char)r[2] <= 0x99) {
			*w++ = (char)('0' + ((unsigned char)r[2] - 0x90));
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

int tt_parse_number_text(const char *s, double *out, int allow_percent)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	for (; s && *s; s++)
		if (*s != ',')
			strbuf_addch(&sb, *s);
	tt_ascii_digits(tt_trim(sb.buf));
	sb.len = strlen(sb.buf);
	if (allow_percent && sb.len && sb.buf[sb.len - 1] == '%') {
		sb.buf[--sb.len] = '\0';
		tt_trim(sb.buf);
		sb.len = strlen(sb.buf);
	}
	rc = sb.len ? tt_parse_double(sb.buf, out) : 1;
	strbuf_release(&sb);
	return rc;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * Reorder v[lo..hi] so that v[k] is the value sorting would put there,
 * none before it greater and none after it smaller (Hoare's selection,
 * the pivot the median of the first, middle and last).
 */
static void select_kth(double *v, size_t lo, size_t hi, size_t k)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double a = v[lo], b = v[mid], c = v[hi], pivot, t;

		pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (!j--)
					break;
			}
		}
		/* v[lo..j] <= pivot <= v[i..hi], and between them the pivot's value */
		if (k <= j && j != (size_t)-1)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

double tt_median(double *v, size_t n)
{
	double below;
	size_t i;

	select_kth(v, 0, n - 1, n / 2);
	if (n % 2)
		return v[n / 2];
	/* the other middle value: the greatest of those before */
	below = v[0];
	for (i = 1; i < n / 2; i++)
		if (v[i] > below)
			below = v[i];
	return (below + v[n / 2]) / 2;
}

int tt_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*(s = skip_blanks(s)))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v) || *skip_blanks(end))
		return -1;
	*out = v;
	return 0;
}

int tt_parse_long(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !*(s = skip_blanks(s)))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || errno == ERANGE || *skip_blanks(end))
		return -1;
	*out = v;
	return 0;
}

time_t tt_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	long v;

	if (e && !tt_parse_long(e, &v) && v >= 0)
		return (time_t)v;
	return time(NULL);
}

int tt_utf8_valid_text(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n, k;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
				return 0;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		i += n + 1;
	}
	return 1;
}

long long tt_timespec_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

size_t tt_hash_bytes(const void *p, size_t len)
{
	const char *s = p;
	unsigned long long h = 0x9E3779B97F4A7C15ull ^ len, w;

	/* eight bytes at a time: a Thai letter is three, and the texts of a
	   page are looked up many times (a byte at a time was a third of a
	   lookup's cost) */
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return (size_t)(h ^ (h >> 32));
}

size_t tt_hash_string(const char *s)
{
	return tt_hash_bytes(s, strlen(s));
}

int tt_is_safe_code(const char *s)
{
	size_t n = 0;

	if (!s || !*s)
		return 0;
	for (; s[n]; n++) {
		char c = s[n];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return n <= 64;
}

int tt_mkdirs(const char *dir, struct tt_error *err)
{
	char *p = xstrdup(dir);
	char *q;
	int rc = 0;

	for (q = p + 1; ; q++) {
		if (*q == '/' || *q == '\0') {
			char save = *q;

			*q = '\0';
			if (mkdir(p, 0755) && errno != EEXIST) {
				rc = tt_error_set(err, TT_EIO,
						  "could not create directory '%s': %s",
						  p, strerror(errno));
				break;
			}
			*q = save;
			if (!save)
				break;
		}
	}
	free(p);
	return rc;
}

int tt_read_file(const char *path, char **out, size_t *len, struct tt_error *err)
{
	struct strbuf sb;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return tt_error_set(err, TT_EIO, "could not open '%s' for reading: %s",
				    path, strerror(errno));
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		fclose(f);
		strbuf_release(&sb);
		return tt_error_set(err, TT_EIO, "could not read '%s'", path);
	}
	fclose(f);
	*len = sb.len;
	*out = strbuf_detach(&sb);
	return 0;
}

static int too_large(const char *path, size_t max, const char *what, unsigned long long size,
		     struct tt_error *err)
{
	tt_error_set(err, TT_EPARSE, "%s too large: %llu bytes, more than its limit of %zu"
		     " (%zu MiB)", what, size, max, max >> 20);
	tt_error_at(err, path, 0, NULL);
	return tt_error_issue(err, "E-TOOLARGE");
}

int tt_read_file_max(const char *path, size_t max, const char *what, char **out,
		     size_t *len, struct tt_error *err)
{
	struct stat st;
	size_t have = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return tt_error_set(err, TT_EIO, "could not open '%s' for reading: %s",
				    path, strerror(errno));
	if (fstat(fd, &st)) {
		close(fd);
		return tt_error_set(err, TT_EIO, "could not read '%s': %s", path, strerror(errno));
	}
	if (st.st_size > 0 && (unsigned long long)st.st_size > max) {
		close(fd);
		return too_large(path, max, what, (unsigned long long)st.st_size, err);
	}
	/* the size said, and one more byte to see that it did not grow */
	buf = xmalloc((size_t)(st.st_size > 0 ? st.st_size : 0) + 2);
	for (;;) {
		size_t room = (size_t)(st.st_size > 0 ? st.st_size : 0) + 1 - have;
		ssize_t n;

		if (!room) {
			if (have > max) {
				free(buf);
				close(fd);
				return too_large(path, max, what, have, err);
			}
			/* grew while being read (or a file whose size fstat cannot tell) */
			st.st_size = (off_t)(have + 65536 < max + 1 ? have + 65536 : max + 1);
			buf = xrealloc(buf, (size_t)st.st_size + 2);
			continue;
		}
		n = read(fd, buf + have, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			close(fd);
			return tt_error_set(err, TT_EIO, "could not read '%s': %s", path,
					    strerror(errno));
		}
		if (!n)
			break;
		have += (size_t)n;
	}
	close(fd);
	if (have > max) {
		free(buf);
		return too_large(path, max, what, have, err);
	}
	buf[have] = '\0';
	*out = buf;
	*len = have;
	return 0;
}

int tt_file_has(const char *path, const void *data, size_t len)
{
	char *old;
	size_t old_len;
	int same;

	if (tt_read_file(path, &old, &old_len, NULL))
		return 0;
	same = old_len == len && !memcmp(old, data, len);
	free(old);
	return same;
}

void tt_temporary_name(struct strbuf *sb, const char *path)
{
	strbuf_addf(sb, "%s.tmp.%ld", path, (long)getpid());
}

/* fsync and close fd, the temporary file of path; 0 or TT_EIO with err. */
static int sync_close(int fd, const char *path, struct tt_error *err)
{
	int e = step_fault(STEP_OP_FSYNC);

	if (e || fsync(fd)) {
		if (e)
			errno = e;
		e = errno;
		close(fd);
		return tt_error_set(err, TT_EIO, "could not write '%s': %s", path, strerror(e));
	}
	if (close(fd))
		return tt_error_set(err, TT_EIO, "could not write '%s': %s", path,
				    strerror(errno));
	return 0;
}

int tt_rename_into_place(const char *tmp, const char *path, int synced, struct tt_error *err)
{
	int fd, e;

	if (!synced) {
		if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0) {
			tt_error_set(err, TT_EIO, "could not write '%s': %s", path,
				     strerror(errno));
			unlink(tmp);
			return TT_EIO;
		}
		if (sync_close(fd, path, err)) {
			unlink(tmp);
			return TT_EIO;
		}
	}
	step_take("rename", path);
	if ((e = step_fault(STEP_OP_RENAME)) || rename(tmp, path)) {
		if (e)
			errno = e;
		tt_error_set(err, TT_EIO, "could not put '%s' in place (renaming '%s'): %s",
			     path, tmp, strerror(errno));
		unlink(tmp);
		return TT_EIO;
	}
	return 0;
}

int tt_remove_file(const char *path)
{
	step_take("remove", path);
	return unlink(path);
}

/*
 * Create tmp, the temporary of path, and write data to it whole: *fd open
 * on it.  0, or TT_EIO with err naming path (tmp then removed).
 */
static int write_temporary(const char *path, const char *tmp, const void *data, size_t len,
			   int *fd_out, struct tt_error *err)
{
	const char *p = data;
	size_t done = 0;
	int fd, e;

	if ((e = step_fault(STEP_OP_WRITE))) {
		errno = e;
		fd = -1;
	} else {
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		return tt_error_set(err, TT_EIO, "could not create '%s': %s", path, strerror(errno));
	while (done < len) {
		ssize_t w = (e = step_fault(STEP_OP_WRITE)) ? -1 : write(fd, p + done, len - done);

		if (w < 0) {
			if (e)
				errno = e;
			else if (errno == EINTR)
				continue;
			e = errno;
			close(fd);
			unlink(tmp);
			return tt_error_set(err, TT_EIO, "could not write '%s': %s", path, strerror(e));
		}
		done += (size_t)w;
	}
	*fd_out = fd;
	return 0;
}

int tt_write_file_atomic(const char *path, const void *data, size_t len,
			 struct tt_error *err)
{
	struct strbuf tmp;
	int fd, rc;

	if (tt_file_has(path, data, len))
		return 0;
	strbuf_init(&tmp);
	tt_temporary_name(&tmp, path);
	if (!(rc = write_temporary(path, tmp.buf, data, len, &fd, err))) {
		if ((rc = sync_close(fd, path, err)))
			unlink(tmp.buf);
		else
			rc = tt_rename_into_place(tmp.buf, path, 1, err);
	}
	strbuf_release(&tmp);
	return rc;
}

void tt_batch_init(struct tt_batch *b)
{
	memset(b, 0, sizeof(*b));
}

/* Keep fd (a temporary of b, just created) if its file system is new to b; else close it. */
static void batch_keep_fs(struct tt_batch *b, int fd)
{
	struct stat st;
	size_t i;

	if (fstat(fd, &st)) {
		close(fd);
		return;
	}
	for (i = 0; i < b->nr_fs; i++)
		if (b->fs[i].dev == st.st_dev) {
			close(fd);
			return;
		}
	xgrow(&b->fs, &b->alloc_fs, b->nr_fs + 1, sizeof(*b->fs));
	b->fs[b->nr_fs].dev = st.st_dev;
	b->fs[b->nr_fs++].fd = fd;
}

int tt_batch_write(struct tt_batch *b, const char *path, const void *data, size_t len,
		   size_t tag, int *wrote, struct tt_error *err)
{
	struct strbuf tmp;
	int fd, rc;

	*wrote = 0;
	if (tt_file_has(path, data, len))
		return 0;
	b->failed = tag;
	strbuf_init(&tmp);
	tt_temporary_name(&tmp, path);
	if ((rc = write_temporary(path, tmp.buf, data, len, &fd, err))) {
		strbuf_release(&tmp);
		return rc;
	}
	/*
	 * The first temporary of a file system is kept open until the flush:
	 * syncfs() reports a write-back error of the file system since the
	 * file it is given was opened, so it covers every file of the batch.
	 */
	batch_keep_fs(b, fd);
	xgrow(&b->file, &b->alloc, b->nr + 1, sizeof(*b->file));
	b->file[b->nr].tmp = strbuf_detach(&tmp);
	b->file[b->nr].path = xstrdup(path);
	b->file[b->nr++].tag = tag;
	*wrote = 1;
	return 0;
}

/* Flush the file system fd lies on: 0, or an errno. */
static int flush_fs(int fd)
{
	int e = step_fault(STEP_OP_FSYNC);

	if (e)
		return e;
#ifdef __linux__
	if (syncfs(fd))
		return errno;
#else
	if (fsync(fd))
		return errno;
	sync();
#endif
	return 0;
}

int tt_batch_finish(struct tt_batch *b, struct tt_error *err)
{
	size_t i, k;
	int rc = 0, e = 0;

	for (k = 0; k < b->nr_fs && !e; k++)
		e = flush_fs(b->fs[k].fd);
	if (e && b->nr) {
		b->failed = b->file[0].tag;
		if (b->nr > 1)
			rc = tt_error_set(err, TT_EIO, "could not write '%s' and %zu other files: %s",
					  b->file[0].path, b->nr - 1, strerror(e));
		else
			rc = tt_error_set(err, TT_EIO, "could not write '%s': %s", b->file[0].path,
					  strerror(e));
	}
	for (i = 0; !rc && i < b->nr; i++) {
		if ((rc = tt_rename_into_place(b->file[i].tmp, b->file[i].path, 1, err)))
			b->failed = b->file[i].tag;
		free(b->file[i].tmp);
		b->file[i].tmp = NULL;
	}
	tt_batch_release(b);
	return rc;
}

void tt_batch_release(struct tt_batch *b)
{
	size_t i;

	for (i = 0; i < b->nr; i++) {
		if (b->file[i].tmp)
			unlink(b->file[i].tmp);
		free(b->file[i].tmp);
		free(b->file[i].path);
	}
	for (i = 0; i < b->nr_fs; i++)
		close(b->fs[i].fd);
	free(b->file);
	free(b->fs);
	b->file = NULL;
	b->fs = NULL;
	b->nr = b->alloc = b->nr_fs = b->alloc_fs = 0;
}

int tt_sync_output(const char *path, const char *what, struct tt_error *err)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e;

	if (fd < 0)
		return tt_error_set(err, TT_EIO, "could not make %s lasting under '%s': %s", what,
				    path, strerror(errno));
	e = flush_fs(fd);
	close(fd);
	if (e)
		return tt_error_set(err, TT_EIO, "could not make %s lasting under '%s': %s", what,
				    path, strerror(e));
	return 0;
}

/* 1 if name ends in ".tmp." and digits, as tt_write_file_atomic() names its files. */
static int is_temporary_name(const char *name)
{
	const char *p = strstr(name, ".tmp.");
	const char *last = NULL;

	while (p) {
		last = p;
		p = strstr(p + 1, ".tmp.");
	}
	if (!last || !last[5])
		return 0;
	for (p = last + 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

int tt_remove_stale_temporaries(const char *dir, long *removed, struct tt_error *err)
{
	struct strbuf path;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (!(d = opendir(dir))) {
		if (errno == ENOENT)
			return 0;
		return tt_error_set(err, TT_EIO, "could not read the folder '%s': %s", dir,
				    strerror(errno));
	}
	strbuf_init(&path);
	while (!rc && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, de->d_name);
		if (lstat(path.buf, &st))
			continue; /* gone meanwhile */
		if (S_ISDIR(st.st_mode))
			rc = tt_remove_stale_temporaries(path.buf, removed, err);
		else if (S_ISREG(st.st_mode) && is_temporary_name(de->d_name)) {
			if (unlink(path.buf) && errno != ENOENT)
				rc = tt_error_set(err, TT_EIO, "could not remove '%s': %s",
						  path.buf, strerror(errno));
			else
				(*removed)++;
		}
	}
	closedir(d);
	strbuf_release(&path);
	return rc;
}

/* The slot of s: where it is, or the empty one where it would go. */
static char **strset_slot(const struct tt_strset *set, const char *s)
{
	size_t i = tt_hash_string(s) & (set->size - 1);

	while (set->slot[i] && strcmp(set->slot[i], s))
		i = (i + 1) & (set->size - 1);
	return &set->slot[i];
}

int tt_strset_has(const struct tt_strset *set, const char *s)
{
	return set->size && *strset_slot(set, s);
}

const char *tt_strset_add(struct tt_strset *set, const char *s)
{
	char **slot;

	if (2 * (set->used + 1) > set->size) {
		struct tt_strset bigger;
		size_t i;

		bigger.size = set->size ? 2 * set->size : 64;
		bigger.used = set->used;
		bigger.slot = xcalloc(bigger.size, sizeof(*bigger.slot));
		for (i = 0; i < set->size; i++)
			if (set->slot[i])
				*strset_slot(&bigger, set->slot[i]) = set->slot[i];
		free(set->slot);
		*set = bigger;
	}
	slot = strset_slot(set, s);
	if (!*slot) {
		*slot = xstrdup(s);
		set->used++;
	}
	return *slot;
}

void tt_strset_clear(struct tt_strset *set)
{
	size_t i;

	for (i = 0; i < set->size; i++) {
		free(set->slot[i]);
		set->slot[i] = NULL;
	}
	set->used = 0;
}

void tt_strset_release(struct tt_strset *set)
{
	tt_strset_clear(set);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}

unsigned char tt_entry_type(const char *dir, const struct dirent *e)
{
	struct strbuf path;
	struct stat st;
	unsigned char type = DT_UNKNOWN;

	if (e->d_type != DT_UNKNOWN)
		return e->d_type;
	strbuf_init(&path);
	strbuf_addf(&path, "%s/%s", dir, e->d_name);
	if (!lstat(path.buf, &st))
		type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
	strbuf_release(&path);
	return type;
}

const char *tt_strpool_add(struct tt_strpool *pool, const char *s, size_t len)
{
	char *p;

	if (len >= TT_STRPOOL_BLOCK / 4) {
		/* a block of its own, before the one being filled */
		xgrow(&pool->block, &pool->alloc, pool->nr + 1, sizeof(*pool->block));
		p = xmalloc(len + 1);
		if (pool->nr) {
			pool->block[pool->nr] = pool->block[pool->nr - 1];
			pool->block[pool->nr - 1] = p;
		} else {
			pool->block[0] = p;
			pool->left = 0;
		}
		pool->nr++;
	} else {
		if (!pool->nr || pool->left < len + 1) {
			xgrow(&pool->block, &pool->alloc, pool->nr + 1, sizeof(*pool->block));
			pool->block[pool->nr++] = xmalloc(TT_STRPOOL_BLOCK);
			pool->left = TT_STRPOOL_BLOCK;
		}
		p = pool->block[pool->nr - 1] + (TT_STRPOOL_BLOCK - pool->left);
		pool->left -= len + 1;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void tt_strpool_release(struct tt_strpool *pool)
{
	size_t i;

	for (i = 0; i < pool->nr; i++)
		free(pool->block[i]);
	free(pool->block);
	memset(pool, 0, sizeof(*pool));
}

void tt_sha256_end(struct tt_sha256 *ctx, char hex[TT_SHA256_HEX])
{
	static const char digit[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(&ctx->nettle, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		hex[2 * i] = digit[d[i] >> 4];
		hex[2 * i + 1] = digit[d[i] & 15];
	}
	hex[2 * sizeof(d)] = '\0';
}

void tt_sha256_hex(const void *data, size_t len, char hex[TT_SHA256_HEX])
{
	struct tt_sha256 ctx;

	tt_sha256_init(&ctx);
	tt_sha256_update(&ctx, data, len);
	tt_sha256_end(&ctx, hex);
}
