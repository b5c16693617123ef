/*
 * ingest.c - finding new input files and storing what they hold.
 *
 * Workload: a nightly run over a drop folder of a few hundred to a few
 * thousand small files, of which only the new ones are parsed.  A file
 * whose stat is as when it was last read is not opened (known_unchanged());
 * every other file is hashed (SHA-256) as it is read to tell whether it is
 * new, and parsed from those same bytes: a form, framework or workbook from memory, a text
 * file as it is read again, hashed again.  The drop folder is not trusted:
 * links are followed only within it and only to files, folder loops are
 * not walked, a file that changes while it is read waits for the next run, and
 * where a file lies decides whether it may be a framework or a unit list
 * (ingest.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tidtam/db.h"
#include "tidtam/encoding.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/profile.h"
#include "tidtam/image.h"
#include "tidtam/ingest.h"
#include "tidtam/practice.h"
#include "tidtam/progress.h"
#include "tidtam/period.h"
#include "tidtam/receipt.h"
#include "tidtam/sha256.h"
#include "tidtam/sheet.h"
#include "tidtam/step.h"
#include "tidtam/units.h"
#include "tidtam/util.h"
#include "tidtam/validate.h"
#include "tidtam/workers.h"
#include "tidtam/xlsx.h"
#include "tidtam/xmlform.h"
#include "tidtam/xmlutil.h"
#include "tidtam/banned.h"

/* A CSV file is decoded and parsed this many bytes at a time. */
#define CSV_CHUNK 65536

/*
 * The files the walk found: each path under the input folder, and what
 * lstat() said of it there that tells a file unchanged since it was read
 * (mode 0: not known, a link), so that it is known without a stat more:
 * 48 bytes a file, not a whole struct stat's 144.
 */
struct walked {
	char *path;
	long long size, mtime_ns, ctime_ns, ino;
	unsigned mode;
};

struct path_list {
	struct walked *items;
	size_t nr, alloc;
};

/*
 * The statements a file is stored with, prepared once a run and reset
 * after each use: prepared again for every file (a dozen, the insert into
 * file with its triggers the dearest) they were a third of ingest's CPU
 * (20 generated offices, 10,513 files).
 */
enum statement {
	ST_FIND_SUBMISSION, ST_ADD_SUBMISSION, ST_FIND_LABEL, ST_ADD_LABEL,
	ST_ADD_NARRATIVE, ST_ADD_PROJECT, ST_ADD_SHEET, ST_INSERT_FILE, ST_SET_FILE_READ,
	ST_REMEMBER_STAT, ST_ALREADY_STORED, ST_PATH_OFFICE, ST_SAME_CONTENT,
	ST_FAILED_ISSUE, ST_SAME_AS,
	NR_STATEMENTS
};

/*
 * Values go in by one statement for up to VALUE_ROWS of them (a
 * statement's own cost, its savepoint and its end, once for 32 rows; a
 * form's 30 values at once), VALUE_PARAMS parameters a row: submission,
 * indicator, value, numerator, denominator, note, row; its labels by
 * number (col '' and indicator_col NULL: schema 14); its number.
 */
#define ADD_VALUES_SQL \
	"INSERT INTO value(submission_id, indicator, value, numerator," \
	" denominator, note, row, col, col_label, indicator_col_label, number) VALUES"
#define VALUE_ROW "(?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)"
#define VALUE_PARAMS 10
#define VALUE_ROWS 32

static const char *const statement_sql[NR_STATEMENTS] = {
	[ST_FIND_SUBMISSION] =
		"SELECT id FROM submission WHERE file_id = ?1 AND unit_code = ?2"
		" AND fiscal_year_text = ?3 AND round_text = ?4",
	[ST_ADD_SUBMISSION] =
		"INSERT INTO submission(file_id, unit_code, fiscal_year_text,"
		" round_text, fiscal_year, round, submitted_on, first_row, unit_col,"
		" fiscal_year_col, round_col)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_FIND_LABEL] = "SELECT id FROM column_label WHERE label = ?1",
	[ST_ADD_LABEL] = "INSERT INTO column_label(label) VALUES(?1)",
	[ST_ADD_NARRATIVE] =
		"INSERT INTO narrative(submission_id, indicator, field, text, row)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
	[ST_ADD_PROJECT] =
		"INSERT INTO project(file_id, fiscal_year, code, name, policy_area,"
		" responsible_group, budget, q1, q2, q3, q4, row, office)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		/* the office its path names, else the only office */
		" COALESCE(?13, (SELECT MIN(code) FROM unit WHERE kind = 'office'"
		"  HAVING COUNT(*) = 1)))",
	[ST_ADD_SHEET] =
		"INSERT INTO file_sheet(file_id, seq, name, kind, header_row, status,"
		" note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_FILE] =
		"INSERT INTO file(path, size, sha256, version, format, status,"
		" ingested_at) VALUES(?1, ?2, ?3, (SELECT COALESCE(MAX(version), 0) + 1"
		" FROM file WHERE path = ?1), ?4, ?5, ?6)",
	[ST_SET_FILE_READ] =
		"UPDATE file SET kind = ?2, encoding = ?3, delimiter = ?4 WHERE id = ?1",
	[ST_REMEMBER_STAT] =
		"INSERT OR REPLACE INTO file_stat(path, sha256, size,"
		" mtime_ns, ctime_ns, ino, seen_ns)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_ALREADY_STORED] = "SELECT 1 FROM file WHERE path = ?1 AND sha256 = ?2",
	[ST_PATH_OFFICE] = "SELECT 1 FROM unit WHERE code = ?1 AND kind = 'office'",
	[ST_SAME_CONTENT] =
		"SELECT COALESCE(same_as, id), path FROM file WHERE sha256 = ?1 ORDER BY id",
	[ST_FAILED_ISSUE] =
		"INSERT INTO issue(file_id, severity, code, row, col, message_th,"
		" message_en) VALUES(?1, 'error', ?6, ?2, ?3, ?4, ?5)",
	[ST_SAME_AS] =
		"UPDATE file SET same_as = ?2, kind = (SELECT kind FROM"
		" file WHERE id = ?2) WHERE id = ?1",
};

struct statements {
	sqlite3 *db;
	int batched;             /* files go in by batches (file_begin()) */
	sqlite3_stmt *st[NR_STATEMENTS]; /* each prepared when first used */
	sqlite3_stmt *values[VALUE_ROWS + 1]; /* values[n] stores n values (values_statement()) */
	struct db_statements added; /* DB_SUBMISSIONS_ADDED_SQL: submissions_added() */
};

/*
 * Statement k of s, prepared if it is not yet, reset and its bindings
 * cleared: 0, or TT_EDB with err.
 */
static int statement(struct statements *s, enum statement k, sqlite3_stmt **st,
		     struct tt_error *err)
{
	if (!s->st[k] && db_prepare(s->db, &s->st[k], statement_sql[k], err)) {
		*st = NULL;
		return TT_EDB;
	}
	sqlite3_reset(s->st[k]);
	sqlite3_clear_bindings(s->st[k]);
	*st = s->st[k];
	return 0;
}

/* The statement of s storing n values (1 to VALUE_ROWS), as statement() gives one. */
static int values_statement(struct statements *s, size_t n, sqlite3_stmt **st,
			    struct tt_error *err)
{
	struct strbuf sql;
	size_t i;
	int rc = 0;

	if (!s->values[n]) {
		strbuf_init(&sql);
		strbuf_addstr(&sql, ADD_VALUES_SQL);
		for (i = 0; i < n; i++)
			strbuf_addstr(&sql, i ? ", " VALUE_ROW : " " VALUE_ROW);
		rc = db_prepare(s->db, &s->values[n], sql.buf, err);
		strbuf_release(&sql);
	}
	*st = s->values[n];
	return rc;
}

static void statements_release(struct statements *s)
{
	size_t k;

	for (k = 0; k < NR_STATEMENTS; k++) {
		sqlite3_finalize(s->st[k]);
		s->st[k] = NULL;
	}
	for (k = 0; k <= VALUE_ROWS; k++) {
		sqlite3_finalize(s->values[k]);
		s->values[k] = NULL;
	}
	db_statements_free(&s->added);
}

/*
 * A value read and not stored yet (store_value(), store_pending()): its
 * texts at offsets in the job's pending_text, plus one (0: NULL).
 */
enum pending_text { PENDING_INDICATOR, PENDING_VALUE, PENDING_NUMERATOR,
		    PENDING_DENOMINATOR, PENDING_NOTE, NR_PENDING_TEXTS };

struct pending_value {
	long long submission, col, indicator_col;
	long row;
	size_t text[NR_PENDING_TEXTS];
	int has_number;
	double number;
};

/* The run: options, where to report, and the frameworks known so far. */
struct run {
	sqlite3 *db;
	struct statements sts;   /* the statements of files stored, for the run */
	const struct ingest_options *opt;
	struct ingest_stats *stats;
	ingest_report_fn report;
	void *rctx;
	struct framework **fws;
	size_t nr_fws;
	struct strbuf form_schema;
	time_t now;
	int units_stored;        /* a unit list went in during this run */
	char *root;              /* the input folder, resolved (realpath()) */
	size_t root_len;
	int root_fd;             /* it, open: files opened beneath it (open_beneath()), or -1 */
	struct known_stat *known; /* file_stat as the run began, by path (known_unchanged()) */
	size_t nr_known;
	size_t batch;            /* files in the batch under way (gone_through()) */
	long batch_values;       /* stats->values when it began */
};

static int ignored_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || !strncmp(name, "~$", 2) ||
	       (n > 4 && !strcmp(name + n - 4, ".tmp")) ||
	       (n > 5 && !strcmp(name + n - 5, ".part"));
}

/* Where a file lies decides what it may be (ingest.h). */
enum place { PLACE_FRAMEWORK, PLACE_UNITS, PLACE_PROFILE, PLACE_OTHER };

static enum place place_of(const char *rel)
{
	if (!strncmp(rel, "framework/", 10))
		return PLACE_FRAMEWORK;
	if (!strncmp(rel, "units/", 6))
		return PLACE_UNITS;
	if (!strncmp(rel, "profile/", 8))
		return PLACE_PROFILE;
	return PLACE_OTHER;
}

/* Tell the program what became of rel, which is not recorded. */
static void tell(struct run *run, const char *rel, enum ingest_outcome what,
		 const struct tt_error *why)
{
	run->report(rel, what, why, run->rctx);
}

/* 1 if path (resolved) is the input folder or lies below it. */
static int inside_input(const struct run *run, const char *path)
{
	if (run->root_len == 1)  /* the input folder is "/" */
		return path[0] == '/';
	return !strncmp(path, run->root, run->root_len) &&
	       (path[run->root_len] == '/' || !path[run->root_len]);
}

/*
 * 1 if errno errnum, met opening or reading an input file or folder, is
 * the file's doing (its permissions or its name), 0 if the system's (a
 * disk error, memory, descriptors...).
 */
static int input_errno(int errnum)
{
	return errnum == EACCES || errnum == EPERM || errnum == ENAMETOOLONG || errnum == ENXIO;
}

/*
 * Where the symbolic link at full leads, resolved (the caller frees it),
 * or NULL with why: TT_EINVAL when it leads out of the input folder or
 * nowhere, TT_EIO when the system could not say (a fault: the next run).
 */
static char *link_target(const struct run *run, const char *full, struct tt_error *why)
{
	char *real = realpath(full, NULL);

	if (!real && (errno == ENOENT || errno == ENOTDIR || errno == ELOOP || input_errno(errno))) {
		tt_error_set(why, TT_EINVAL, "symbolic link leads nowhere (%s): not followed",
			     strerror(errno));
		return NULL;
	}
	if (!real) {
		tt_error_set(why, TT_EIO, "could not follow the symbolic link '%s': %s", full,
			     strerror(errno));
		return NULL;
	}
	if (!inside_input(run, real)) {
		tt_error_set(why, TT_EINVAL, "symbolic link leads outside the input folder, to '%s':"
			     " not followed", real);
		free(real);
		return NULL;
	}
	return real;
}

/* A folder on the way from the input folder down to the one walked. */
struct folder_id {
	dev_t dev;
	ino_t ino;
};

struct walker {
	struct run *run;
	struct path_list *out;
	struct folder_id *path;  /* the folders open, the input folder first */
	size_t depth, alloc;
};

static void add_path(struct path_list *out, char *rel, const struct stat *st)
{
	struct walked *w;

	xgrow(&out->items, &out->alloc, out->nr + 1, sizeof(*out->items));
	w = &out->items[out->nr++];
	memset(w, 0, sizeof(*w));
	w->path = rel;
	if (st) {
		w->size = (long long)st->st_size;
		w->mtime_ns = tt_timespec_ns(&st->st_mtim);
		w->ctime_ns = tt_timespec_ns(&st->st_ctim);
		w->ino = (long long)st->st_ino;
		w->mode = st->st_mode;
	}
}

/* A time as tt_timespec_ns() gave it, a timespec again. */
static struct timespec ns_timespec(long long ns)
{
	struct timespec t;

	t.tv_sec = (time_t)(ns / 1000000000);
	t.tv_nsec = (long)(ns % 1000000000);
	return t;
}

/* What the walk said of a file, as the struct stat lstat() gave it (those fields). */
static void walked_stat(const struct walked *w, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = w->mode;
	st->st_size = (off_t)w->size;
	st->st_ino = (ino_t)w->ino;
	st->st_mtim = ns_timespec(w->mtime_ns);
	st->st_ctim = ns_timespec(w->ctime_ns);
}

/* 1 if the folder st is one of those being walked: a loop. */
static int walking(const struct walker *w, const struct stat *st)
{
	size_t i;

	for (i = 0; i < w->depth; i++)
		if (w->path[i].dev == st->st_dev && w->path[i].ino == st->st_ino)
			return 1;
	return 0;
}

/*
 * List the files under the folder rel ("" for the input folder itself)
 * into w->out.  A link is followed only within the input folder, and only
 * to a file (a folder of the input folder is walked under its own name); a
 * folder already being walked (a loop) is passed over; each is told.  A
 * subfolder that cannot be opened is told and left for the next run.
 */
static int walk(struct walker *w, const char *rel, struct tt_error *err)
{
	struct run *run = w->run;
	struct strbuf dir;
	struct stat st;
	struct tt_error why;
	DIR *d;
	struct dirent *e;
	int rc = 0, is_link;

	strbuf_init(&dir);
	strbuf_addstr(&dir, run->opt->input_dir);
	if (*rel)
		strbuf_addf(&dir, "/%s", rel);
	d = opendir(dir.buf);
	if (!d || fstat(dirfd(d), &st)) {
		int errnum = errno;

		if (d)
			closedir(d);
		if (!*rel) {
			rc = tt_error_set(err, TT_EIO, "could not open folder '%s': %s", dir.buf,
					  strerror(errnum));
		} else {
			tt_error_clear(&why);
			tt_error_set(&why, TT_EIO, "could not open folder '%s': %s", dir.buf,
				     strerror(errnum));
			if (input_errno(errnum))
				run->stats->unreadable++;
			else
				run->stats->faults++;
			tell(run, rel, INGEST_LEFT, &why);
		}
		strbuf_release(&dir);
		return rc;
	}
	xgrow(&w->path, &w->alloc, w->depth + 1, sizeof(*w->path));
	w->path[w->depth].dev = st.st_dev;
	w->path[w->depth++].ino = st.st_ino;
	while (!rc && (e = readdir(d))) {
		struct strbuf path;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (ignored_name(e->d_name)) {
			run->stats->ignored++;
			continue;
		}
		strbuf_init(&path);
		if (*rel)
			strbuf_addf(&path, "%s/", rel);
		strbuf_addstr(&path, e->d_name);
		tt_error_clear(&why);
		is_link = 0;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW)) {
			st.st_mode = 0;  /* gone: its reading says so */
		} else if (S_ISLNK(st.st_mode)) {
			struct strbuf full;
			char *real;

			strbuf_init(&full);
			strbuf_addf(&full, "%s/%s", dir.buf, e->d_name);
			real = link_target(run, full.buf, &why);
			strbuf_release(&full);
			if (!real && why.code == TT_EIO) {
				run->stats->faults++;
				tell(run, path.buf, INGEST_LEFT, &why);
				strbuf_release(&path);
				continue;
			}
			if (!real) {
				run->stats->links_refused++;
				tell(run, path.buf, INGEST_REFUSED, &why);
				strbuf_release(&path);
				continue;
			}
			if (stat(real, &st))
				st.st_mode = 0;  /* gone: its reading says so */
			free(real);
			is_link = 1;
		}
		if (S_ISDIR(st.st_mode) && walking(w, &st)) {
			tt_error_set(&why, TT_EINVAL, "folder loop: '%s' leads back to a folder above"
				     " it: not walked again", path.buf);
			run->stats->loops++;
			tell(run, path.buf, INGEST_REFUSED, &why);
			strbuf_release(&path);
		} else if (S_ISDIR(st.st_mode) && is_link) {
			/* a folder of the input folder, whose files are read where
			   they are: walked again through links, two links a level
			   would list its files once per route, 2^levels times */
			run->stats->ignored++;
			strbuf_release(&path);
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(w, path.buf, err);
			strbuf_release(&path);
		} else {
			/* a link's stat is its target's: looked at again */
			add_path(w->out, strbuf_detach(&path), is_link ? NULL : &st);
		}
	}
	w->depth--;
	closedir(d);
	strbuf_release(&dir);
	return rc;
}

/*
 * Frameworks first, then unit lists, then images, then everything else,
 * each by path: a practice form finds the photographs sent with it taken.
 */
static int path_cmp(const void *a, const void *b)
{
	const char *x = ((const struct walked *)a)->path, *y = ((const struct walked *)b)->path;
	int rx = 2 * (int)place_of(x) + !image_file_name(x);
	int ry = 2 * (int)place_of(y) + !image_file_name(y);

	return rx != ry ? rx - ry : strcmp(x, y);
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/*
 * Tests only (ingest.h): run TIDTAM_TEST_INGEST_HOOK at the moment phase
 * of reading rel, and wait for it.
 */
static void test_hook(const char *phase, const char *rel)
{
	const char *hook = getenv("TIDTAM_TEST_INGEST_HOOK");
	pid_t pid;
	int status;

	if (!hook || !*hook)
		return;
	pid = fork();
	if (!pid) {
		execl("/bin/sh", "sh", "-c", hook, "hook", phase, rel, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/* What became of one input file's reading. */
enum take {
	TAKE_READ,       /* its bytes are in */
	TAKE_IGNORED,    /* not a regular file */
	TAKE_WAITING,    /* modified in the last settle_seconds */
	TAKE_LEFT,       /* changed while read, or gone: the next run */
	TAKE_UNREADABLE, /* its permissions or name keep it from being read: the next run */
	TAKE_FAULT,      /* a fault of the system kept it from being read: the next run */
	TAKE_REFUSED,    /* leads out of the input folder */
	TAKE_KNOWN       /* unchanged by its stat: not opened (known_unchanged()) */
};

/*
 * One input file as read: what is hashed is what is parsed.  A file its
 * reader can take whole from memory (a form, a framework, a workbook) is
 * kept; a text file is not: it stays open (fd) and its parser reads it a
 * second time, hashing again (stream_csv()).
 */
struct input_bytes {
	long long max;           /* the most kept: read_limit() */
	char *data;              /* NUL-terminated; NULL when not kept */
	int fd;                  /* a text file, open: -1 when none */
	struct enc_sniffer sniff; /* what its bytes say, for a text file */
	size_t len;
	long long size;
	char sha[TT_SHA256_HEX];
	enum tt_encoding encoding; /* what its bytes say, for a text file */
	struct stat st;          /* as opened */
	long long seen_ns;       /* the time st was taken, ns since the epoch */
	enum place place;
};

/* Why the file at full could not be had now (errno errnum). */
static enum take not_now(const char *full, int errnum, struct tt_error *why)
{
	if (errnum == ENOENT || errnum == ENOTDIR) {
		tt_error_set(why, TT_EIO, "'%s' is gone since the folder was listed", full);
		return TAKE_LEFT;
	}
	if (errnum == ELOOP) {
		tt_error_set(why, TT_EIO, "'%s' became a symbolic link since the folder was"
			     " listed: not followed", full);
		return TAKE_LEFT;
	}
	tt_error_set(why, TT_EIO, "could not read '%s': %s", full, strerror(errnum));
	return input_errno(errnum) ? TAKE_UNREADABLE : TAKE_FAULT;
}

/* 1 if a and b are the same file, unchanged: same inode, size and times. */
static int same_state(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * One read() of fd into buf (room bytes), again when interrupted: what
 * comes is hashed into ctx and counted in *got.  n, 0 at the end of the
 * file, -1 with errno set.  Both passes over a file (read_bytes() and
 * stream_csv()) read through it, so they hash alike.
 */
static ssize_t read_hashed(int fd, char *buf, size_t room, struct tt_sha256 *ctx, size_t *got)
{
	ssize_t n;
	int fault = step_fault(STEP_OP_READ);

	if (fault) {
		errno = fault;
		return -1;
	}
	do
		n = read(fd, buf, room);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		tt_sha256_update(ctx, buf, (size_t)n);
		*got += (size_t)n;
	}
	return n;
}

/* 1 if fd, having given got bytes, is still the file st described. */
static int still_same(int fd, const struct stat *st, size_t got)
{
	struct stat after;

	return got == (size_t)st->st_size && !fstat(fd, &after) && same_state(st, &after);
}

/*
 * Read the open file fd whole (in->st as fstat() gave it before), hashing
 * and sniffing the bytes as they come: the buffer is allocated from that
 * size, and a file that grew, shrank or changed meanwhile is not taken.
 * A file over in->max (read_limit()) is hashed and not kept.
 */
static enum take read_bytes(int fd, const char *full, struct input_bytes *in,
			    struct tt_error *why)
{
	struct tt_sha256 ctx;
	char spare[65536];
	size_t want = (size_t)in->st.st_size, got = 0;
	int keep = in->st.st_size <= in->max;

	tt_sha256_init(&ctx);
	enc_sniff_init(&in->sniff);
	in->data = keep ? xmalloc(want + 1) : NULL;
	for (;;) {
		char *to = keep && got < want ? in->data + got : spare;
		size_t room = keep && got < want ? want - got : sizeof(spare);
		ssize_t n = read_hashed(fd, to, room, &ctx, &got);

		if (n < 0) {
			int errnum = errno;

			free(in->data);
			in->data = NULL;
			return not_now(full, errnum, why);
		}
		if (!n)
			break;
		enc_sniff_feed(&in->sniff, to, (size_t)n);
		if (keep && got > want)
			break;  /* it grew: changed */
	}
	if (!still_same(fd, &in->st, got)) {
		tt_error_set(why, TT_EIO, "'%s' changed while it was read (%lld bytes when opened,"
			     " %zu read)", full, (long long)in->st.st_size, got);
		free(in->data);
		in->data = NULL;
		return TAKE_LEFT;
	}
	if (in->data)
		in->data[got] = '\0';
	in->len = got;
	in->size = (long long)got;
	tt_sha256_end(&ctx, in->sha);
	in->encoding = enc_sniff_result(&in->sniff, NULL);
	return TAKE_READ;
}

#define INPUT_OPEN_FLAGS (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

/*
 * The file rel under the input folder opened by the kernel's own rule
 * (openat2(), Linux 5.6): no link anywhere on its path, nothing outside
 * the folder, in one call.  The descriptor, or -1 with errno (ELOOP: a
 * link on the way; ENOSYS: no openat2() here, nor root_fd).
 */
static int open_beneath(const struct run *run, const char *rel)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = INPUT_OPEN_FLAGS;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, run->root_fd, rel, &how, sizeof(how));
}

/* 1 if open_beneath() can be used: the input folder itself opens so. */
static int beneath_works(const struct run *run)
{
	struct open_how how;
	int fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, run->root_fd, ".", &how, sizeof(how));
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/*
 * 0 when what fd has open lies outside the input folder (a folder on the
 * way swapped for a link since it was checked); 1 when inside, or when
 * /proc cannot say.
 */
static int opened_inside(const struct run *run, int fd)
{
	char link[64];
	char *target = xmalloc(PATH_MAX + 1);
	ssize_t n;
	int inside = 1;

	xsnprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, PATH_MAX + 1);
	if (n > 0 && n <= PATH_MAX && target[0] == '/') {
		target[n] = '\0';
		inside = inside_input(run, target);
	}
	free(target);
	return inside;
}

/*
 * 1 for a text file (CSV, or Excel's "Unicode text" and tab-separated saves,
 * .txt and .tsv): read as CSV.
 */
static int is_text_file(const char *rel)
{
	const char *ext = extension(rel);

	return !strcasecmp(ext, "csv") || !strcasecmp(ext, "txt") || !strcasecmp(ext, "tsv");
}

/*
 * The most of a file read into memory: an XML file (a form, or a framework)
 * no more than the larger of their limits, which their readers then hold
 * it to; a workbook INGEST_MAX_FILE_BYTES; a text file nothing (its parser
 * reads it as it goes).
 */
static long long read_limit(const char *rel)
{
	long long xml = FRAMEWORK_MAX_BYTES > XMLFORM_MAX_BYTES ? FRAMEWORK_MAX_BYTES
							       : XMLFORM_MAX_BYTES;

	if (xml < PROFILE_MAX_BYTES)
		xml = PROFILE_MAX_BYTES;

	if (is_text_file(rel))
		return 0;
	if (image_file_name(rel))
		return IMAGE_MAX_BYTES;
	return strcasecmp(extension(rel), "xml") ? INGEST_MAX_FILE_BYTES : xml;
}

/*
 * 1 if the file rel, at real, is as it was when its content was last read
 * and that content is recorded for rel: the same size, modification and
 * change times (nanoseconds) and inode, as git's index tells (file_stat).
 * A file modified no earlier than a second before its stat was taken may
 * have changed again within the same tick of the file system's clock (a
 * "racy" entry, as git calls it): it is read again.
 */
/*
 * A file's stat as recorded when its content, still recorded for its path,
 * was last read, and not racy (modified more than a second before that
 * stat was taken).  The run reads them all once, sorted by path.
 */
struct known_stat {
	char *path;
	long long size, mtime_ns, ctime_ns, ino;
};

static int cmp_known(const void *key, const void *elem)
{
	return strcmp(key, ((const struct known_stat *)elem)->path);
}

/* run->known from the database: a failure leaves it empty (every file read). */
static void load_known(struct run *run)
{
	sqlite3_stmt *st;
	size_t alloc = 0;

	if (db_prepare(run->db, &st, "SELECT s.path, s.size, s.mtime_ns, s.ctime_ns, s.ino"
		       " FROM file_stat s JOIN file f ON f.path = s.path AND f.sha256 = s.sha256"
		       " WHERE s.mtime_ns + 1000000000 < s.seen_ns ORDER BY s.path", NULL))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct known_stat *k;

		xgrow(&run->known, &alloc, run->nr_known + 1, sizeof(*run->known));
		k = &run->known[run->nr_known++];
		k->path = xstrdup(db_column_text(st, 0));
		k->size = sqlite3_column_int64(st, 1);
		k->mtime_ns = sqlite3_column_int64(st, 2);
		k->ctime_ns = sqlite3_column_int64(st, 3);
		k->ino = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
}

/* Let the run's known stats go: from now on every file is read. */
static void forget_known(struct run *run)
{
	size_t i;

	for (i = 0; i < run->nr_known; i++)
		free(run->known[i].path);
	free(run->known);
	run->known = NULL;
	run->nr_known = 0;
}

static int known_unchanged(struct run *run, const char *rel, const struct stat *now)
{
	const struct known_stat *k;

	if (!S_ISREG(now->st_mode) || !run->nr_known ||
	    !(k = bsearch(rel, run->known, run->nr_known, sizeof(*run->known), cmp_known)))
		return 0;
	return k->size == (long long)now->st_size && k->mtime_ns == tt_timespec_ns(&now->st_mtim) &&
	       k->ctime_ns == tt_timespec_ns(&now->st_ctim) && k->ino == (long long)now->st_ino;
}

/*
 * Record the stat of the file rel as read (in), whose content is now
 * recorded for rel (stored, failed, moved or already there), for
 * known_unchanged() in the next run.
 */
static int remember_stat(struct statements *sts, const char *rel, const struct input_bytes *in,
			 struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = statement(sts, ST_REMEMBER_STAT, &st, err)))
		return rc;
	db_bind_text(st, 1, rel);
	db_bind_text(st, 2, in->sha);
	sqlite3_bind_int64(st, 3, (long long)in->st.st_size);
	sqlite3_bind_int64(st, 4, tt_timespec_ns(&in->st.st_mtim));
	sqlite3_bind_int64(st, 5, tt_timespec_ns(&in->st.st_ctim));
	sqlite3_bind_int64(st, 6, (long long)in->st.st_ino);
	sqlite3_bind_int64(st, 7, in->seen_ns);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(sts->db, "could not record a file", err);
	sqlite3_reset(st);
	return rc;
}

/*
 * Open the file rel (full: under the input folder as given; walked: what
 * the walk's lstat() said of it, or NULL) and read it into in, or say why
 * not: a link out of the folder is refused before
 * anything is opened, and what is opened is not followed further
 * (O_NOFOLLOW, O_NONBLOCK for a FIFO put in its place).
 */
static enum take take_file(struct run *run, const char *rel, const char *full,
			   const struct walked *walked, struct input_bytes *in,
			   struct tt_error *why)
{
	struct stat lst;
	struct timespec seen;
	char *real;
	enum take t;
	int fd, beneath;

	/* as the walk found it, a file; else looked at now */
	if (walked && S_ISREG(walked->mode))
		walked_stat(walked, &lst);
	else if (lstat(full, &lst))
		return not_now(full, errno, why);
	/*
	 * A file (not a link) whose stat is as when it was last read is not
	 * opened, nor its path resolved: nothing of it is read, so where its
	 * folders lead does not matter.
	 */
	if (known_unchanged(run, rel, &lst))
		return TAKE_KNOWN;
	fd = -1;
	real = NULL;
	beneath = walked && S_ISREG(lst.st_mode) && run->root_fd >= 0;
	if (beneath) {
		/*
		 * A file the walk found in folders none of which is a link
		 * (it follows none into a folder) lies at its path under the
		 * input folder, and is opened beneath it with no link
		 * followed: a folder swapped for a link since is refused by
		 * the kernel (ELOOP), and nothing is resolved first
		 * (realpath(), an lstat() a folder on the way, and
		 * opened_inside() after: 8 % of ingest's CPU at 20 offices).
		 */
		test_hook("open", rel);
		if ((fd = open_beneath(run, rel)) < 0)
			return not_now(full, errno, why);
	} else if (S_ISLNK(lst.st_mode)) {
		if (!(real = link_target(run, full, why)))
			return why->code == TT_EIO ? TAKE_FAULT : TAKE_REFUSED;
	} else if (!(real = realpath(full, NULL))) {
		return not_now(full, errno, why);
	} else if (!inside_input(run, real)) {
		tt_error_set(why, TT_EINVAL, "'%s' lies outside the input folder, in '%s' (a folder"
			     " on its way is a symbolic link): not read", full, real);
		free(real);
		return TAKE_REFUSED;
	}
	/* a unit list or framework only where both its path and the file itself lie */
	in->place = place_of(rel);
	if (real && (strlen(real) <= run->root_len ||
		     place_of(real + run->root_len + (run->root_len > 1)) != in->place))
		in->place = PLACE_OTHER;
	if (fd < 0) {
		test_hook("open", rel);
		fd = open(real, INPUT_OPEN_FLAGS);
	}
	if (fd < 0) {
		t = not_now(full, errno, why);
		free(real);
		return t;
	}
	free(real);
	in->seen_ns = clock_gettime(CLOCK_REALTIME, &seen) ? 0 : tt_timespec_ns(&seen);
	if (fstat(fd, &in->st)) {
		t = not_now(full, errno, why);
	} else if (!S_ISREG(in->st.st_mode)) {
		t = TAKE_IGNORED;
	} else if (!beneath && !opened_inside(run, fd)) {
		tt_error_set(why, TT_EINVAL, "'%s' was moved outside the input folder as it was"
			     " opened: not read", full);
		t = TAKE_REFUSED;
	} else if (in->st.st_mtime > run->now - run->opt->settle_seconds) {
		t = TAKE_WAITING;  /* still being copied, perhaps */
	} else {
		test_hook("read", rel);
		in->max = read_limit(rel);
		t = read_bytes(fd, full, in, why);
		run->stats->hashed++;
		if (t == TAKE_READ && is_text_file(rel)) {
			in->fd = fd;  /* read again as it is parsed */
			return t;
		}
	}
	close(fd);
	return t;
}

/*
 * The submissions of the file being stored, by key (unit, fiscal year and
 * round as written).  The file is new, so while the map holds every one
 * made (complete) a key it lacks is a new submission; it holds at most
 * SUBMISSION_MAP_MAX, and once emptied for more a key it lacks is looked
 * up in the database.  Open addressing; the keys lie one after another
 * in keys, "unit\0fy\0round\0".
 */
#define SUBMISSION_MAP_MAX (1 << 17)

struct submission_slot {
	unsigned key;           /* offset in keys + 1; 0: an empty slot */
	unsigned hash;
	long long id;
};

struct submission_map {
	struct submission_slot *slots;
	size_t nr, size;        /* size: a power of two, or 0 */
	int complete;           /* every submission made is in it */
	struct strbuf keys;
	struct strbuf probe;    /* the key looked for */
};

static void submission_map_init(struct submission_map *m)
{
	memset(m, 0, sizeof(*m));
	m->complete = 1;
	strbuf_init(&m->keys);
	strbuf_init(&m->probe);
}

static void submission_map_release(struct submission_map *m)
{
	free(m->slots);
	strbuf_release(&m->keys);
	strbuf_release(&m->probe);
}

/* 1 if the key stored at a is b (b's three strings, len bytes). */
static int same_key(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;  /* b ends with its third NUL, so a ends there too */
}

/* The slot of m->probe: the one holding it, or the empty one it would take. */
static struct submission_slot *submission_slot(struct submission_map *m, unsigned hash)
{
	size_t i = hash & (m->size - 1);

	for (;; i = (i + 1) & (m->size - 1)) {
		struct submission_slot *s = &m->slots[i];

		if (!s->key || (s->hash == hash &&
				same_key(m->keys.buf + s->key - 1, m->probe.buf, m->probe.len)))
			return s;
	}
}

static void submission_map_grow(struct submission_map *m)
{
	struct submission_slot *old = m->slots;
	size_t old_size = m->size, i;

	m->size = old_size ? old_size * 2 : 64;
	m->slots = xcalloc(m->size, sizeof(*m->slots));
	for (i = 0; i < old_size; i++) {
		size_t j;

		if (!old[i].key)
			continue;
		for (j = old[i].hash & (m->size - 1); m->slots[j].key; j = (j + 1) & (m->size - 1))
			;
		m->slots[j] = old[i];
	}
	free(old);
}

/*
 * Sets m->probe to the key, and returns the id stored for it, or 0: a new
 * submission if m->complete, else one to look for in the database.
 */
static long long submission_map_find(struct submission_map *m, const char *const key[3],
				     unsigned *hash)
{
	int k;

	strbuf_reset(&m->probe);
	for (k = 0; k < 3; k++)
		strbuf_add(&m->probe, key[k], strlen(key[k]) + 1);
	*hash = (unsigned)tt_hash_bytes(m->probe.buf, m->probe.len);
	return m->size ? submission_slot(m, *hash)->id : 0;
}

/* Store id for m->probe, which submission_map_find() did not find. */
static void submission_map_add(struct submission_map *m, unsigned hash, long long id)
{
	struct submission_slot *s;

	if (m->nr == SUBMISSION_MAP_MAX || m->keys.len + m->probe.len >= 0x7fffffff) {
		/* full: emptied, and no longer all there is */
		memset(m->slots, 0, m->size * sizeof(*m->slots));
		strbuf_reset(&m->keys);
		m->nr = 0;
		m->complete = 0;
	}
	if (2 * (m->nr + 1) > m->size)
		submission_map_grow(m);
	s = submission_slot(m, hash);
	s->key = (unsigned)m->keys.len + 1;
	s->hash = hash;
	s->id = id;
	strbuf_add(&m->keys, m->probe.buf, m->probe.len);
	m->nr++;
}

/*
 * The column labels of the file being stored, each with its row in
 * column_label (schema 14): a value names its columns by number, and a
 * label is looked up or added once a file.  Open addressing, the table
 * at most half full; a file has as many labels as its sheets' columns.
 */
struct label_slot {
	char *label;            /* NULL: an empty slot */
	size_t hash;
	long long id;
};

struct label_map {
	struct label_slot *slots;
	size_t nr, size;        /* size: a power of two, or 0 */
};

static void label_map_release(struct label_map *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->slots[i].label);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

static struct label_slot *label_slot(struct label_map *m, const char *label, size_t hash)
{
	size_t i = hash & (m->size - 1);

	for (;; i = (i + 1) & (m->size - 1)) {
		struct label_slot *s = &m->slots[i];

		if (!s->label || (s->hash == hash && !strcmp(s->label, label)))
			return s;
	}
}

/* A slot for label (NULL if the map is empty), grown for one more. */
static struct label_slot *label_map_add(struct label_map *m, const char *label, size_t hash)
{
	if (2 * (m->nr + 1) > m->size) {
		struct label_map bigger = { NULL, m->nr, m->size ? m->size * 2 : 32 };
		size_t i;

		bigger.slots = xcalloc(bigger.size, sizeof(*bigger.slots));
		for (i = 0; i < m->size; i++)
			if (m->slots[i].label)
				*label_slot(&bigger, m->slots[i].label, m->slots[i].hash) =
					m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	return label_slot(m, label, hash);
}

/* One file being stored: its statements and the submissions made. */
struct file_job {
	sqlite3 *db;
	long long file_id;
	const char *path;          /* relative to the input folder, as stored */
	const char *full_path;     /* named in messages */
	const char *data;          /* the file's bytes, NUL-terminated; NULL: not kept */
	size_t len;
	const struct input_bytes *in; /* as read and hashed */
	int changed;               /* it changed since: the next run takes it */
	enum place place;          /* where it lies: what it may be */
	const char *form_schema;   /* submission.xsd */
	enum tt_encoding encoding; /* of a text file, sniffed while hashing */
	int delimiter;             /* a CSV file's separator, once read */
	struct tt_date mtime_date;
	struct tt_error *err;
	const struct framework *const *frameworks;
	size_t nr_frameworks;
	const char *office;        /* the office its path names (path_office()), or "" */
	sqlite3_stmt *find_submission, *add_submission, *add_narrative, *add_project,
		*add_sheet, *find_label, *add_label;
	struct statements *sts;    /* the run's, for the values' (values_statement()) */
	struct pending_value pending[VALUE_ROWS]; /* values not stored yet */
	size_t nr_pending;
	struct strbuf pending_text; /* their texts, each NUL-ended */
	struct label_map labels;   /* the column labels stored or found so far */
	int nr_sheets;             /* file_sheet rows so far */
	struct submission_map subs; /* the file's submissions so far */
	int made_submissions;      /* it added one (submissions_added()) */
	struct strbuf norm;        /* the record's fields as normalise() made them */
	long values;
	int changed_reference;     /* a framework or unit list went in */
	struct unit_list *units;   /* a unit list's rows, stored once all are read */
	char **known;              /* the registered unit codes, sorted, once a
				      results export needs them */
	size_t nr_known;
	int known_loaded;
	long other_unit_rows;      /* a results sheet's rows of units not known */
	long other_indicator_rows; /* and of indicators its year's framework lacks */
	struct xml_problems *problems; /* every problem of a framework refused */
	struct strbuf *out;        /* in a worker: where its records and sheets go
				      for the parent (emit_record(), emit_sheet()),
				      nothing stored, no database; else NULL */
	int unparsed;              /* in a worker: a profile or practice, whose
				      reading needs the database, or a file whose
				      records would pass JOB_MESSAGE_BYTES: not parsed */
};

static int job_db_fail(struct file_job *job, const char *what)
{
	return db_fail(job->db, what, job->err);
}

/*
 * What a worker sends the parent of a file (read_job()), one message a
 * file: items, each a type byte and its fields; numbers as 8 bytes, low
 * first; a string as its length + 1 in 4 bytes (0: NULL), its bytes and
 * a NUL, so that what is read back points into the message.
 */
/*
 * The most a worker's message (a job's files) holds: a file whose records
 * would take it further is not parsed there but read by the parent as it
 * comes (ITEM_UNPARSED), so that neither holds more: a workbook of 2 MB
 * holds 300,000 values, some 80 MB of records.
 */
#define JOB_MESSAGE_BYTES (1u << 20)

enum item {
	ITEM_READ = 'H',         /* how its reading went (take_file()) */
	ITEM_UNPARSED = 'U',     /* read, not parsed: the parent sees to it */
	ITEM_RECORD = 'R',       /* a record, as its reader gave it */
	ITEM_SHEET = 'S',        /* a sheet read or passed over (add_sheet()) */
	ITEM_END = 'E'           /* what its parse returned */
};

/* v's n lowest bytes at b, the lowest first. */
static void le_put(unsigned char *b, unsigned long long v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

/* The n bytes at p (le_put()'s) as a number. */
static unsigned long long le_get(const char *p, int n)
{
	unsigned long long v = 0;
	int i;

	for (i = 0; i < n; i++)
		v |= (unsigned long long)(unsigned char)p[i] << (8 * i);
	return v;
}

static void put_num(struct strbuf *sb, long long v)
{
	unsigned char b[8];

	le_put(b, (unsigned long long)v, 8);
	strbuf_add(sb, b, sizeof(b));
}

static void put_str(struct strbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;
	unsigned char b[4];

	le_put(b, n, 4);
	strbuf_add(sb, b, sizeof(b));
	if (s)
		strbuf_add(sb, s, n);
}

static void put_error(struct strbuf *sb, const struct tt_error *e)
{
	put_num(sb, e->code);
	put_str(sb, e->message);
	put_str(sb, e->file);
	put_num(sb, e->row);
	put_str(sb, e->column);
	put_str(sb, e->issue);
}

/* A message read back; bad once it was found short. */
struct item_reader {
	const char *p, *end;
	int bad;
};

static long long get_num(struct item_reader *r)
{
	unsigned long long v;

	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	v = le_get(r->p, 8);
	r->p += 8;
	return (long long)v;
}

static const char *get_str(struct item_reader *r)
{
	size_t n;
	const char *s;

	if (r->end - r->p < 4) {
		r->bad = 1;
		return NULL;
	}
	n = (size_t)le_get(r->p, 4);
	r->p += 4;
	if (!n)
		return NULL;
	if ((size_t)(r->end - r->p) < n || r->p[n - 1]) {
		r->bad = 1;
		return NULL;
	}
	s = r->p;
	r->p += n;
	return s;
}

static int get_type(struct item_reader *r)
{
	if (r->p >= r->end) {
		r->bad = 1;
		return 0;
	}
	return (unsigned char)*r->p++;
}

static const char *issue_named(const char *code);

static void get_error(struct item_reader *r, struct tt_error *e)
{
	long long code = get_num(r), row;
	const char *message = get_str(r), *file = get_str(r), *column, *issue;

	row = get_num(r);
	column = get_str(r);
	issue = get_str(r);
	tt_error_clear(e);
	e->code = (int)code;
	tt_strlcpy(e->message, message ? message : "", sizeof(e->message));
	tt_strlcpy(e->file, file ? file : "", sizeof(e->file));
	e->row = (long)row;
	tt_strlcpy(e->column, column ? column : "", sizeof(e->column));
	e->issue = issue ? issue_named(issue) : NULL;
}

/* 0, or (job->out past JOB_MESSAGE_BYTES) TT_EINVAL: the parse stops, for the parent to read it. */
static int message_full(struct file_job *job)
{
	if (job->out->len <= JOB_MESSAGE_BYTES)
		return 0;
	job->unparsed = 1;
	return TT_EINVAL;
}

/* A record as its reader gave it, for the parent to store (on_record()). */
static int emit_record(struct file_job *job, const struct record *rec)
{
	size_t i;

	strbuf_addch(job->out, ITEM_RECORD);
	put_num(job->out, rec->kind);
	put_num(job->out, rec->row);
	put_num(job->out, rec->from_results);
	for (i = 0; i < NR_FIELDS; i++)
		put_str(job->out, rec->field[i]);
	put_str(job->out, rec->column);
	put_str(job->out, rec->indicator_column);
	for (i = 0; i < 3; i++)
		put_str(job->out, rec->key_column[i]);
	return message_full(job);
}

/* The record emit_record() sent, its strings in the message. */
static void get_record(struct item_reader *r, struct record *rec)
{
	size_t i;

	memset(rec, 0, sizeof(*rec));
	rec->kind = (enum record_kind)get_num(r);
	rec->row = (long)get_num(r);
	rec->from_results = (int)get_num(r);
	for (i = 0; i < NR_FIELDS; i++)
		rec->field[i] = get_str(r);
	rec->column = get_str(r);
	rec->indicator_column = get_str(r);
	for (i = 0; i < 3; i++)
		rec->key_column[i] = get_str(r);
}

static int record_fail(struct file_job *job, const struct record *rec,
		       const char *message)
{
	tt_error_set(job->err, TT_EPARSE, "%s", message);
	tt_error_at(job->err, job->path, rec->row, rec->column);
	return TT_EPARSE;
}

static const char *field_or_empty(const struct record *rec, enum record_field f)
{
	return rec->field[f] ? rec->field[f] : "";
}

/*
 * The submission of the record's key (its fields are already trimmed by
 * normalise()): one unit's fiscal year and round in one file, made the
 * first time the file names it and then found in job->subs.
 */
static int submission_id(struct file_job *job, const struct record *rec,
			 long long *id)
{
	const char *unit = field_or_empty(rec, FIELD_UNIT);
	const char *fy_text = field_or_empty(rec, FIELD_FISCAL_YEAR);
	const char *round_text = field_or_empty(rec, FIELD_ROUND);
	const char *key[3] = { unit, fy_text, round_text };
	struct tt_date submitted = job->mtime_date;
	char iso[11];
	int fy, months, k;
	unsigned hash;
	sqlite3_stmt *st = job->add_submission;

	if ((*id = submission_map_find(&job->subs, key, &hash)))
		return 0;
	if (!job->subs.complete) {
		st = job->find_submission;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, job->file_id);
		for (k = 0; k < 3; k++)
			db_bind_text_static(st, 2 + k, key[k]);
		*id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		if (sqlite3_reset(st) != SQLITE_OK)
			return job_db_fail(job, "could not find a submission");
		if (*id) {
			submission_map_add(&job->subs, hash, *id);
			return 0;
		}
		st = job->add_submission;
	}
	if (rec->field[FIELD_SUBMITTED] && *rec->field[FIELD_SUBMITTED])
		period_parse_date(rec->field[FIELD_SUBMITTED], &submitted);
	period_format_iso(&submitted, iso);
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, job->file_id);
	for (k = 0; k < 3; k++)
		db_bind_text_static(st, 2 + k, key[k]);
	if (!period_parse_fiscal_year(fy_text, &fy))
		sqlite3_bind_int(st, 5, fy);
	else
		sqlite3_bind_null(st, 5);
	if (!period_parse_round(round_text, &months))
		sqlite3_bind_int(st, 6, months);
	else
		sqlite3_bind_null(st, 6);
	db_bind_text(st, 7, iso);
	sqlite3_bind_int64(st, 8, rec->row);
	for (k = 0; k < 3; k++)
		db_bind_text_static(st, 9 + k, rec->key_column[k]);
	if (sqlite3_step(st) != SQLITE_DONE)
		return job_db_fail(job, "could not store a submission");
	sqlite3_reset(st);
	*id = sqlite3_last_insert_rowid(job->db);
	submission_map_add(&job->subs, hash, *id);
	job->made_submissions = 1;
	return 0;
}

/* A submission of a round no approval froze (statuses checked again). */
#define NOT_FROZEN "NOT EXISTS (SELECT 1 FROM approved_round a WHERE" \
	" a.fiscal_year = submission.fiscal_year AND a.round = submission.round)"

/*
 * Once the file's submissions are in: what each added changes besides its
 * row (db.h DB_SUBMISSIONS_ADDED_SQL), by its statements prepared once a run.
 */
static int submissions_added(struct file_job *job)
{
	struct statements *sts = job->sts;

	if (!job->made_submissions)
		return 0;
	if (!sts->added.nr &&
	    db_statements_prepare(sts->db, DB_SUBMISSIONS_ADDED_SQL, &sts->added, job->err))
		return TT_EDB;
	return db_statements_run(sts->db, &sts->added, job->file_id,
				 "could not note the submissions added", job->err);
}

static int compare_codes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * 1 if code is a registered unit.  The codes are read once per file, in
 * one query, the first time a results export asks.
 */
static int unit_known(struct file_job *job, const char *code, int *known)
{
	const char *key = code;

	if (!job->known_loaded) {
		sqlite3_stmt *st;
		size_t alloc = 0;
		int rc;

		if ((rc = db_prepare(job->db, &st, "SELECT code FROM unit ORDER BY code",
				     job->err)))
			return rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			xgrow(&job->known, &alloc, job->nr_known + 1, sizeof(*job->known));
			job->known[job->nr_known++] = xstrdup(db_column_text(st, 0));
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return job_db_fail(job, "could not read the units");
		/* ORDER BY (binary collation) sorts as strcmp() does, for bsearch() */
		job->known_loaded = 1;
	}
	*known = job->nr_known && bsearch(&key, job->known, job->nr_known, sizeof(*job->known),
					  compare_codes) != NULL;
	return 0;
}

/*
 * 0 if a results row names an indicator that the framework of its fiscal
 * year, loaded in this run, lacks by code and by name (an area's own
 * indicator in a national database); 1 otherwise, also when the year has
 * no framework yet (validate then says E-FY).
 */
static int indicator_known(const struct file_job *job, const struct record *rec)
{
	const char *code = field_or_empty(rec, FIELD_INDICATOR);
	int fy;
	size_t i;

	if (period_parse_fiscal_year(field_or_empty(rec, FIELD_FISCAL_YEAR), &fy))
		return 1;
	for (i = 0; i < job->nr_frameworks; i++)
		if (job->frameworks[i]->fiscal_year == fy)
			return framework_indicator(job->frameworks[i], code) ||
			       framework_indicator_by_name(job->frameworks[i], code);
	return 1;
}

/*
 * The row of column_label holding label, into *id (0 for no label, NULL or
 * empty): found in job->labels, else in the table, else added to it.
 */
static int label_id(struct file_job *job, const char *label, long long *id)
{
	struct label_slot *slot;
	size_t hash;
	sqlite3_stmt *st;

	*id = 0;
	if (!label || !*label)
		return 0;
	hash = tt_hash_string(label);
	if (job->labels.size && (slot = label_slot(&job->labels, label, hash))->label) {
		*id = slot->id;
		return 0;
	}
	st = job->find_label;
	sqlite3_reset(st);
	db_bind_text_static(st, 1, label);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	if (sqlite3_reset(st) != SQLITE_OK)
		return job_db_fail(job, "could not find a column label");
	if (!*id) {
		st = job->add_label;
		sqlite3_reset(st);
		db_bind_text_static(st, 1, label);
		if (sqlite3_step(st) != SQLITE_DONE)
			return job_db_fail(job, "could not store a column label");
		sqlite3_reset(st);
		*id = sqlite3_last_insert_rowid(job->db);
	}
	slot = label_map_add(&job->labels, label, hash);
	slot->label = xstrdup(label);
	slot->hash = hash;
	slot->id = *id;
	job->labels.nr++;
	return 0;
}

static void bind_id_or_null(sqlite3_stmt *st, int index, long long id)
{
	if (id)
		sqlite3_bind_int64(st, index, id);
	else
		sqlite3_bind_null(st, index);
}

static void pending_text(struct file_job *job, struct pending_value *v, enum pending_text k,
			 const char *text)
{
	v->text[k] = 0;
	if (!text)
		return;
	v->text[k] = job->pending_text.len + 1;
	strbuf_add(&job->pending_text, text, strlen(text) + 1);
}

/* v's parameters from the first, first + 1 ... of st. */
static void bind_pending(struct file_job *job, sqlite3_stmt *st, int first,
			 const struct pending_value *v)
{
	int k;

	sqlite3_bind_int64(st, first, v->submission);
	for (k = 0; k < NR_PENDING_TEXTS; k++)
		db_bind_text_static(st, first + 1 + k,
				    v->text[k] ? job->pending_text.buf + v->text[k] - 1 : NULL);
	sqlite3_bind_int64(st, first + 6, v->row);
	bind_id_or_null(st, first + 7, v->col);
	bind_id_or_null(st, first + 8, v->indicator_col);
	if (v->has_number)
		sqlite3_bind_double(st, first + 9, v->number);
	else
		sqlite3_bind_null(st, first + 9);
}

/*
 * The values kept stored by one statement, in the order read.  The texts
 * are bound where they lie, and the statement is done with them once it
 * has stepped.
 */
static int store_pending(struct file_job *job)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (!job->nr_pending)
		return 0;
	if (!(rc = values_statement(job->sts, job->nr_pending, &st, job->err))) {
		for (i = 0; i < job->nr_pending; i++)
			bind_pending(job, st, (int)i * VALUE_PARAMS + 1, &job->pending[i]);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : job_db_fail(job, "could not store a value");
		sqlite3_reset(st);
	}
	job->nr_pending = 0;
	strbuf_reset(&job->pending_text);
	return rc;
}

static int store_value(struct file_job *job, const struct record *rec)
{
	long long col, indicator_col;
	long long sub;
	struct pending_value *v;
	int rc;

	/*
	 * An empty cell or element is no value (an XML form's indicator left
	 * blank, one not due in its round): nothing is stored, and a form with
	 * no value at all makes no submission.
	 */
	if (tt_is_blank(rec->field[FIELD_VALUE]) && tt_is_blank(rec->field[FIELD_NUMERATOR]) &&
	    tt_is_blank(rec->field[FIELD_DENOMINATOR]))
		return 0;
	if (rec->from_results) {
		/*
		 * A results export holds the area's schools and networks too:
		 * a database that does not know them (a national one, which
		 * knows the offices) passes their rows over and counts them.
		 */
		int known = 0;

		if ((rc = unit_known(job, field_or_empty(rec, FIELD_UNIT), &known)))
			return rc;
		if (!known) {
			job->other_unit_rows++;
			return 0;
		}
		/* and the area's own indicators, which the nation's framework lacks */
		if (!indicator_known(job, rec)) {
			job->other_indicator_rows++;
			return 0;
		}
	}
	if ((rc = submission_id(job, rec, &sub)) ||
	    (rc = label_id(job, rec->column, &col)) ||
	    (rc = label_id(job, rec->indicator_column, &indicator_col)))
		return rc;
	/*
	 * Kept until VALUE_ROWS are, then stored by one statement
	 * (store_pending()).  The number is the texts read as most
	 * indicators read them (validate_plain_number()): validate writes a
	 * row again only where its indicator reads it otherwise.
	 */
	if (job->nr_pending == VALUE_ROWS && (rc = store_pending(job)))
		return rc;
	v = &job->pending[job->nr_pending++];
	v->submission = sub;
	v->col = col;
	v->indicator_col = indicator_col;
	v->row = rec->row;
	pending_text(job, v, PENDING_INDICATOR, field_or_empty(rec, FIELD_INDICATOR));
	pending_text(job, v, PENDING_VALUE, rec->field[FIELD_VALUE]);
	pending_text(job, v, PENDING_NUMERATOR, rec->field[FIELD_NUMERATOR]);
	pending_text(job, v, PENDING_DENOMINATOR, rec->field[FIELD_DENOMINATOR]);
	pending_text(job, v, PENDING_NOTE, rec->field[FIELD_NOTE]);
	v->has_number = validate_plain_number(rec->field[FIELD_VALUE],
					      rec->field[FIELD_NUMERATOR],
					      rec->field[FIELD_DENOMINATOR], &v->number);
	job->values++;
	return 0;
}

static int store_narrative(struct file_job *job, const struct record *rec)
{
	long long sub;
	sqlite3_stmt *st = job->add_narrative;
	int rc;

	if (!rec->field[FIELD_VALUE] || !*rec->field[FIELD_VALUE])
		return 0;
	if ((rc = submission_id(job, rec, &sub)))
		return rc;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, sub);
	db_bind_text(st, 2, rec->field[FIELD_INDICATOR]);
	db_bind_text(st, 3, rec->field[FIELD_NARRATIVE]);
	db_bind_text(st, 4, rec->field[FIELD_VALUE]);
	sqlite3_bind_int64(st, 5, rec->row);
	if (sqlite3_step(st) != SQLITE_DONE)
		return job_db_fail(job, "could not store a narrative");
	return 0;
}

/*
 * A unit list's rows are kept until the whole file is read: see units.h.
 * Only a file under units/ may register units: elsewhere (a school's
 * upload) the whole file is refused, and the register is left alone.
 */
static int store_unit(struct file_job *job, const struct record *rec)
{
	if (!job->units)
		job->units = unit_list_new(job->path);
	unit_list_add(job->units, rec);
	return 0;
}

static int store_units(struct file_job *job)
{
	job->changed_reference = 1;
	return unit_list_store(job->units, job->db, job->file_id, NULL, NULL, job->err);
}

static int store_project(struct file_job *job, const struct record *rec)
{
	static const enum record_field amounts[] = { FIELD_BUDGET, FIELD_Q1, FIELD_Q2,
						     FIELD_Q3, FIELD_Q4 };
	/* normalise() trimmed it; record_check() saw it there */
	const char *code = rec->field[FIELD_PROJECT];
	sqlite3_stmt *st = job->add_project;
	int fy, rc = 0;
	size_t i;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, job->file_id);
	if (!period_parse_fiscal_year(rec->field[FIELD_FISCAL_YEAR], &fy))
		sqlite3_bind_int(st, 2, fy);
	else
		sqlite3_bind_null(st, 2);
	db_bind_text(st, 3, code);
	db_bind_text(st, 4, rec->field[FIELD_NAME]);
	db_bind_text(st, 5, rec->field[FIELD_POLICY_AREA]);
	db_bind_text(st, 6, rec->field[FIELD_GROUP]);
	for (i = 0; i < 5; i++) {
		double v;

		/* numbers or nothing (record_check()) */
		if (!tt_parse_number_text(rec->field[amounts[i]], &v, 0))
			sqlite3_bind_double(st, 7 + (int)i, v);
		else
			sqlite3_bind_null(st, 7 + (int)i);
	}
	sqlite3_bind_int64(st, 12, rec->row);
	if (*job->office)
		db_bind_text(st, 13, job->office);
	else
		sqlite3_bind_null(st, 13);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = job_db_fail(job, "could not store a project");
	return rc;
}

/*
 * What refuses a record (normalised) whatever the database holds: a unit
 * list's row outside units/ (only a file under units/ may register
 * units: elsewhere, a school's upload, the whole file is refused and the
 * register left alone), a project without a code or with an amount that
 * is not a number.  0, or TT_EPARSE with job->err.  Checked before a
 * record is stored, or sent to the parent by a worker (emit_record()).
 */
static int record_check(struct file_job *job, const struct record *rec)
{
	static const enum record_field amounts[] = { FIELD_BUDGET, FIELD_Q1, FIELD_Q2,
						     FIELD_Q3, FIELD_Q4 };
	const char *code = rec->field[FIELD_PROJECT];
	size_t i;

	if (rec->kind == RECORD_UNIT && job->place != PLACE_UNITS)
		return record_fail(job, rec, "unit list outside units/: a sheet with the columns of"
				   " a unit list (code, name, kind, parent) is read only from the"
				   " folder units/ of the input folder");
	if (rec->kind != RECORD_PROJECT)
		return 0;
	if (!code || !*code)
		return record_fail(job, rec, "project has no code");
	for (i = 0; i < 5; i++) {
		double v;

		if (tt_parse_number_text(rec->field[amounts[i]], &v, 0) < 0) {
			record_fail(job, rec, "amount is not a number");
			tt_error_at(job->err, NULL, rec->row, rec->field[amounts[i]]);
			return TT_EPARSE;
		}
	}
	return 0;
}

/*
 * 1 if trimming s and its Thai digits made ASCII would leave it as it is:
 * ASCII only (a Thai digit, a Unicode space are not), nothing at or below
 * the space at either end (white space, control characters: those go the
 * long way, tt_trim() deciding).  One pass, no copy.
 */
static int plain_field(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p)
		return 1;
	if (*p <= ' ')
		return 0;
	for (; *p; p++)
		if (*p >= 0x80)
			return 0;
	return p[-1] > ' ';
}

/*
 * Codes, years, rounds, dates and amounts as tidtam compares them: trimmed
 * of any white space and with Thai digits made ASCII, whatever the reader.
 * Values keep what was written (validation reads their digits), names,
 * notes and narratives keep their digits.
 */
static void normalise(struct file_job *job, const struct record *in, struct record *out)
{
	static const enum record_field keys[] = {
		FIELD_UNIT, FIELD_FISCAL_YEAR, FIELD_ROUND, FIELD_INDICATOR, FIELD_NUMERATOR,
		FIELD_DENOMINATOR, FIELD_SUBMITTED, FIELD_PARENT, FIELD_PROJECT,
		FIELD_BUDGET, FIELD_Q1, FIELD_Q2, FIELD_Q3, FIELD_Q4,
	};
	enum { NR_KEYS = sizeof(keys) / sizeof(keys[0]) };
	size_t at[NR_KEYS + 1], i;
	int value = in->kind != RECORD_NARRATIVE && in->field[FIELD_VALUE];

	/*
	 * copied into one buffer kept from record to record, then pointed
	 * at; a field that would stay as it is (most: plain_field()) is
	 * pointed at where it is
	 */
	*out = *in;
	strbuf_reset(&job->norm);
	for (i = 0; i < NR_KEYS; i++)
		if (in->field[keys[i]] && !plain_field(in->field[keys[i]])) {
			at[i] = job->norm.len;
			strbuf_add(&job->norm, in->field[keys[i]], strlen(in->field[keys[i]]) + 1);
		} else {
			at[i] = SIZE_MAX;
		}
	at[NR_KEYS] = SIZE_MAX;
	if (value && !plain_field(in->field[FIELD_VALUE])) {
		at[NR_KEYS] = job->norm.len;
		strbuf_add(&job->norm, in->field[FIELD_VALUE], strlen(in->field[FIELD_VALUE]) + 1);
	}
	for (i = 0; i < NR_KEYS; i++)
		if (at[i] != SIZE_MAX)
			out->field[keys[i]] = tt_ascii_digits(tt_trim(job->norm.buf + at[i]));
	if (at[NR_KEYS] != SIZE_MAX)
		out->field[FIELD_VALUE] = tt_trim(job->norm.buf + at[NR_KEYS]);
}

static int on_record(const struct record *in, void *ctx)
{
	struct file_job *job = ctx;
	struct record rec;
	int rc;

	normalise(job, in, &rec);
	if ((rc = record_check(job, &rec)))
		return rc;
	if (job->out)
		return emit_record(job, in);
	switch (rec.kind) {
	case RECORD_VALUE:
		return store_value(job, &rec);
	case RECORD_NARRATIVE:
		return store_narrative(job, &rec);
	case RECORD_UNIT:
		return store_unit(job, &rec);
	case RECORD_PROJECT:
		return store_project(job, &rec);
	}
	return 0;
}

/* What `tidtam check` warns of in a framework taken, as W-FRAMEWORK issues of its file. */
static int store_framework_warnings(struct file_job *job, const char *xml, size_t len,
				    const char *schema)
{
	struct xml_problems p;
	struct tt_error ignore;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	xml_problems_init(&p);
	tt_error_clear(&ignore);
	framework_check(xml, len, job->path, schema, &p, &ignore);
	if ((rc = db_prepare(job->db, &st, "INSERT INTO issue(file_id, severity, code, row,"
				     " message_th, message_en) VALUES(?1, 'warning',"
				     " 'W-FRAMEWORK', ?2, ?3, ?4)", job->err)))
		goto out;
	for (i = 0; !rc && i < p.nr; i++) {
		if (!p.items[i].warning)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, job->file_id);
		if (p.items[i].line > 0)
			sqlite3_bind_int64(st, 2, p.items[i].line);
		else
			sqlite3_bind_null(st, 2);
		db_bind_text(st, 3, p.items[i].th);
		db_bind_text(st, 4, p.items[i].en);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = job_db_fail(job, "could not record an issue");
	}
out:
	sqlite3_finalize(st);
	xml_problems_release(&p);
	return rc;
}

static int store_framework(struct file_job *job, const struct ingest_options *opt)
{
	struct framework *fw;
	struct strbuf schema;
	sqlite3_stmt *st = NULL;
	const char *xml = job->data;
	size_t len = job->len;
	int rc;

	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/framework.xsd", opt->schema_dir);
	fw = framework_parse(xml, len, job->path, schema.buf, job->err);
	if (!fw) {
		rc = job->err->code ? job->err->code : TT_EPARSE;
		/* too large: its own code says it all, and nothing more is parsed */
		if (rc == TT_EPARSE && job->problems && !job->err->issue)
			framework_check(xml, len, job->path, schema.buf, job->problems, NULL);
		goto free_fw;
	}
	if ((rc = db_prepare(job->db, &st,
			     "INSERT INTO framework(fiscal_year, file_id, xml) VALUES(?1, ?2, ?3)",
			     job->err)))
		goto free_fw;
	sqlite3_bind_int(st, 1, fw->fiscal_year);
	sqlite3_bind_int64(st, 2, job->file_id);
	sqlite3_bind_blob(st, 3, xml, (int)len, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = job_db_fail(job, "could not store the framework");
	if (!rc)
		rc = store_framework_warnings(job, xml, len, schema.buf);
	job->changed_reference = 1;
free_fw:
	framework_free(fw);
	sqlite3_finalize(st);
	strbuf_release(&schema);
	return rc;
}

/*
 * An office profile (profile.h): checked against profile.xsd, every
 * problem of one refused kept for its receipt (E-PROFILE), stored whole.
 */
static int store_profile(struct file_job *job, const struct ingest_options *opt)
{
	struct office_profile p;
	struct strbuf schema;
	int rc;

	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/profile.xsd", opt->schema_dir);
	rc = profile_parse(job->data, job->len, job->path, schema.buf, &p, job->err);
	if (rc == TT_EPARSE && !job->err->issue) {
		if (job->problems)
			profile_check(job->data, job->len, job->path, schema.buf, job->problems,
				      NULL);
		tt_error_issue(job->err, "E-PROFILE");
	}
	if (!rc) {
		rc = profile_store(job->db, job->file_id, &p, job->data, job->len, job->err);
		profile_release(&p);
	}
	strbuf_release(&schema);
	return rc;
}

/*
 * Each file goes in whole or not at all, by a savepoint of its own in the
 * transaction under way, else by a transaction of its own: *outer says
 * which, for file_end().  In ingest_run() (batched) the first file that
 * writes begins a batch transaction that holds the files after it until
 * batch_end() commits them; that first file needs no savepoint, the
 * batch's transaction holding nothing else (FILE_BATCH_FIRST: a savepoint
 * costs SQLite a record of every page the file changes, a sixth of the
 * CPU of a sheet of a million values); a pass of retake_unit_lists()
 * reads unit lists again in its own transaction.
 */
enum { FILE_SAVEPOINT, FILE_OWN, FILE_BATCH_FIRST };

static int file_begin(sqlite3 *db, int batched, int *outer, struct tt_error *err)
{
	if (batched && sqlite3_get_autocommit(db)) {
		*outer = FILE_BATCH_FIRST;
		return db_exec(db, "BEGIN IMMEDIATE", err);
	}
	*outer = sqlite3_get_autocommit(db) ? FILE_OWN : FILE_SAVEPOINT;
	return db_exec(db, *outer == FILE_OWN ? "BEGIN IMMEDIATE" : "SAVEPOINT file", err);
}

/*
 * Commit what file_begin() began (the first file of a batch: left in the
 * batch, which batch_end() commits), or roll it back (then 0, err
 * untouched; the first file of a batch: the batch with it).
 */
static int file_end(sqlite3 *db, int outer, int commit, struct tt_error *err)
{
	if (commit)
		return outer == FILE_BATCH_FIRST ? 0
		       : db_exec(db, outer == FILE_OWN ? "COMMIT" : "RELEASE file", err);
	if (outer == FILE_SAVEPOINT)
		db_exec(db, "ROLLBACK TO file; RELEASE file", NULL);
	else if (!sqlite3_get_autocommit(db))
		db_exec(db, "ROLLBACK", NULL);
	return 0;
}

/*
 * A refused framework's receipt lists every problem (E-FRAMEWORK, and
 * W-FRAMEWORK for what check only warns of), in the words `tidtam check`
 * uses, in place of the one E-FILE line of the failed file id.  In the
 * caller's transaction, the one that records the file as failed, so that a
 * crash cannot leave the E-FILE line for good.
 */
static int record_framework_problems(sqlite3 *db, long long id,
				     const struct xml_problems *p, int profile,
				     struct tt_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	if ((rc = db_prepare(db, &st, "DELETE FROM issue WHERE file_id = ?1"
				      " AND code IN ('E-FILE', 'E-PROFILE')", err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not record an issue", err);
	sqlite3_finalize(st);
	if (rc || (rc = db_prepare(db, &st, "UPDATE file SET kind = ?2 WHERE id = ?1", err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, profile ? "profile" : "framework");
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not record a file", err);
	sqlite3_finalize(st);
	if (rc || (rc = db_prepare(db, &st, "INSERT INTO issue(file_id, severity, code, row,"
					    " message_th, message_en) VALUES(?1, ?5, ?6, ?2, ?3, ?4)",
				   err)))
		return rc;
	for (i = 0; !rc && i < p->nr; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 5, p->items[i].warning ? "warning" : "error");
		/* a profile has no warnings: what its check finds is an error */
		db_bind_text(st, 6, profile ? "E-PROFILE"
				    : p->items[i].warning ? "W-FRAMEWORK" : "E-FRAMEWORK");
		if (p->items[i].line > 0)
			sqlite3_bind_int64(st, 2, p->items[i].line);
		else
			sqlite3_bind_null(st, 2);
		db_bind_text(st, 3, p->items[i].th);
		db_bind_text(st, 4, p->items[i].en);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, "could not record an issue", err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The job's statements, the run's (statement()). */
static int prepare_job(struct file_job *job, struct statements *sts)
{
	struct tt_error *err = job->err;

	job->sts = sts;
	return statement(sts, ST_FIND_SUBMISSION, &job->find_submission, err) ||
	       statement(sts, ST_ADD_SUBMISSION, &job->add_submission, err) ||

	       statement(sts, ST_FIND_LABEL, &job->find_label, err) ||
	       statement(sts, ST_ADD_LABEL, &job->add_label, err) ||
	       statement(sts, ST_ADD_NARRATIVE, &job->add_narrative, err) ||
	       statement(sts, ST_ADD_PROJECT, &job->add_project, err) ||
	       statement(sts, ST_ADD_SHEET, &job->add_sheet, err)
		       ? TT_EDB : 0;
}

static void release_job(struct file_job *job)
{
	/* the run's, kept for the next file: none left stepping */
	sqlite3_reset(job->find_submission);
	sqlite3_reset(job->add_submission);
	sqlite3_reset(job->add_narrative);
	sqlite3_reset(job->add_project);
	sqlite3_reset(job->add_sheet);
	sqlite3_reset(job->find_label);
	sqlite3_reset(job->add_label);
	label_map_release(&job->labels);
	submission_map_release(&job->subs);
	strbuf_release(&job->norm);
	/* (values not stored: the file failed, and nothing of it is kept) */
	strbuf_release(&job->pending_text);
	job->nr_pending = 0;
	unit_list_free(job->units);
	while (job->nr_known)
		free(job->known[--job->nr_known]);
	free(job->known);
}

/* Record how one sheet (or a CSV file, name NULL) was read or why skipped. */
static int add_sheet(struct file_job *job, const char *name, const struct sheet_reader *sr,
		     const char *note)
{
	sqlite3_stmt *st = job->add_sheet;

	if (job->out) {  /* a worker's: for the parent to record (replay()) */
		strbuf_addch(job->out, ITEM_SHEET);
		put_str(job->out, name);
		put_num(job->out, sr != NULL);
		put_num(job->out, sr ? sr->kind : 0);
		put_num(job->out, sr ? sr->header_row : 0);
		put_num(job->out, sr ? sr->rows_without_values : 0);
		put_str(job->out, note);
		return message_full(job);
	}

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, job->file_id);
	sqlite3_bind_int(st, 2, ++job->nr_sheets);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, sr && sr->kind != SHEET_UNKNOWN ? sheet_kind_name(sr->kind) : NULL);
	if (sr && sr->header_row)
		sqlite3_bind_int64(st, 5, sr->header_row);
	else
		sqlite3_bind_null(st, 5);
	db_bind_text(st, 6, note ? "skipped" : "read");
	if (!note && sr && (sr->rows_without_values > 0 || job->other_unit_rows > 0 ||
			    job->other_indicator_rows > 0)) {
		/*
		 * a read sheet's note: how many rows held no value, how many
		 * were of units not registered (receipt.h)
		 */
		struct strbuf sb;
		int rc;

		strbuf_init(&sb);
		if (sr->rows_without_values > 0)
			strbuf_addf(&sb, "%s%ld", RECEIPT_ROWS_WITHOUT_VALUES,
				    sr->rows_without_values);
		if (job->other_unit_rows > 0)
			strbuf_addf(&sb, "%s%s%ld", sb.len ? "; " : "", RECEIPT_ROWS_OTHER_UNITS,
				    job->other_unit_rows);
		job->other_unit_rows = 0;
		if (job->other_indicator_rows > 0)
			strbuf_addf(&sb, "%s%s%ld", sb.len ? "; " : "",
				    RECEIPT_ROWS_OTHER_INDICATORS, job->other_indicator_rows);
		job->other_indicator_rows = 0;
		db_bind_text(st, 7, sb.buf);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : job_db_fail(job, "could not record a sheet");
		strbuf_release(&sb);
		return rc;
	}
	db_bind_text(st, 7, note);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : job_db_fail(job, "could not record a sheet");
}

static int insert_file(struct statements *sts, const char *path, long long size,
		       const char *sha, const char *format, const char *status, long long *id,
		       struct tt_error *err)
{
	sqlite3_stmt *st;
	char now[11];
	struct tt_date today;
	int rc;

	period_date_from_time(tt_now(), &today);
	period_format_iso(&today, now);
	if ((rc = statement(sts, ST_INSERT_FILE, &st, err)))
		return rc;
	db_bind_text(st, 1, path);
	sqlite3_bind_int64(st, 2, size);
	db_bind_text(st, 3, sha);
	db_bind_text(st, 4, format);
	db_bind_text(st, 5, status);
	db_bind_text(st, 6, now);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(sts->db, "could not record a file", err);
	*id = sqlite3_last_insert_rowid(sts->db);
	sqlite3_reset(st);
	return rc;
}

/*
 * What the file turned out to be: its kind, and for a text file (CSV or
 * XML) the encoding it was read in and a CSV's separator (0 for none).
 */
static int set_file_read(struct statements *sts, long long id, const char *kind,
			 enum tt_encoding enc, int text, int delimiter, struct tt_error *err)
{
	sqlite3_stmt *st;
	char delim[4] = { (char)delimiter, 0 };
	int rc;

	if ((rc = statement(sts, ST_SET_FILE_READ, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, text ? encoding_name(enc) : NULL);
	db_bind_text(st, 4, !delimiter ? NULL : delimiter == '\t' ? "tab" : delim);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(sts->db, "could not update a file", err);
	sqlite3_reset(st);
	return rc;
}

/*
 * The refusals of a whole file that have their own issue code (a reader
 * sets it in its tt_error: error.h), with the Thai said of each; the
 * English is the reader's message.
 */
static const struct {
	const char *code, *th;
} file_issues[] = {
	{ "E-TOOLARGE", "ไฟล์ใหญ่เกินขนาดที่ระบบรับได้ ระบบจึงไม่อ่านไฟล์นี้ (ขนาดที่รับได้ของไฟล์แต่ละชนิด"
			"อยู่ในคู่มือ tidtam-input) กรุณาแบ่งเป็นหลายไฟล์ หรือลบชีตและข้อมูลที่ไม่ได้ใช้ออก" },
	{ "E-ZIPBOMB", "ไฟล์ถูกบีบอัดผิดปกติ ส่วนหนึ่งของไฟล์ Excel ขยายออกได้ใหญ่เกินกว่าไฟล์ปกติมาก"
		       " (ลักษณะของ zip bomb) ระบบจึงไม่เปิดอ่าน กรุณาเปิดไฟล์ใน Excel แล้วบันทึกใหม่"
		       " หรือส่งเป็น CSV" },
	{ "E-DAMAGED", "ไฟล์เสียหาย ข้อมูลในไฟล์ Excel ไม่ครบหรือไม่ผ่านการตรวจสอบความถูกต้อง"
		       " (เช่น คัดลอกหรือดาวน์โหลดมาไม่ครบ) กรุณาเปิดไฟล์ต้นฉบับใน Excel"
		       " บันทึกใหม่แล้วส่งอีกครั้ง" },
	{ "E-PROFILE", "แบบข้อมูลพื้นฐานของสำนักงาน (profile) ไม่ตรงตามแบบ profile.xsd"
		       " ระบบจึงไม่รับทั้งไฟล์ กรุณาแก้ตามรายการปัญหาแล้วส่งใหม่" },
	{ "E-IMAGE", "ไฟล์ภาพใช้ไม่ได้" },
	{ "E-PRACTICE", "แบบบันทึกผลงาน (ผลงานดีเด่น รางวัล หรือแนวปฏิบัติที่ดี) ไม่ตรงตามแบบ practice.xsd"
			" เช่น ขาดชื่อผลงาน ผู้รับผิดชอบ หรือเนื้อหา หรือชนิดผลงานไม่ใช่ best-practice award"
			" หรือ outstanding กรุณาแก้ตามรายละเอียดแล้วส่งใหม่" },
	{ "E-UNITLIST", "ทะเบียนหน่วยงานนี้จะทำให้หน่วยงานหนึ่งเป็นต้นสังกัดของตัวเอง (สังกัดวนกลับ)"
			" ผ่านหน่วยงานที่ลงทะเบียนไว้ก่อน ระบบจึงไม่รับทั้งไฟล์และคงทะเบียนเดิมไว้"
			" กรุณาแก้ต้นสังกัดแล้วส่งใหม่" },
};

/* The code of file_issues named code (a string of a message), or NULL. */
static const char *issue_named(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(file_issues) / sizeof(file_issues[0]); i++)
		if (!strcmp(code, file_issues[i].code))
			return file_issues[i].code;
	return NULL;
}

/* The issue code a refused file is recorded under. */
static const char *failure_code(const struct tt_error *why)
{
	size_t i;

	for (i = 0; why->issue && i < sizeof(file_issues) / sizeof(file_issues[0]); i++)
		if (!strcmp(why->issue, file_issues[i].code))
			return file_issues[i].code;
	return "E-FILE";
}

/*
 * Why a file could not be read, in Thai: by its issue code, else (E-FILE)
 * from the English message.
 */
static const char *failure_th(const struct tt_error *why)
{
	static const struct { const char *en, *th; } reasons[] = {
		{ "file is empty", "ไฟล์ว่างเปล่า" },
		{ "no header row", "ไม่พบแถวหัวตาราง ต้องมีคอลัมน์ เช่น รหัสโรงเรียน ตัวชี้วัด ค่า" },
		{ "no sheet of the workbook has a header row",
		  "ไม่มีชีตใดในสมุดงานที่มีแถวหัวตาราง (รหัสโรงเรียน ตัวชี้วัด ค่า)" },
		{ "text is neither UTF-8", "รหัสอักขระของไฟล์ไม่ใช่ UTF-8, UTF-16 หรือ Windows-874"
					  " (TIS-620) กรุณาบันทึกใหม่เป็น CSV UTF-8" },
		{ "file holds NUL bytes", "ไฟล์ไม่ใช่ข้อความ (อาจบันทึกผิดชนิด)" },
		{ "malformed CSV", "รูปแบบ CSV ผิด เช่น เครื่องหมายคำพูด (\") ไม่ครบคู่" },
		{ "workbook is password-protected", "ไฟล์ Excel ใส่รหัสผ่านไว้ หรือเป็นไฟล์ .xls"
						    " รุ่นเก่า กรุณาบันทึกเป็น .xlsx โดยไม่ใส่รหัสผ่าน" },
		{ "not an .xlsx workbook", "ไม่ใช่ไฟล์ Excel (.xlsx) ที่สมบูรณ์" },
		{ "XML with a DOCTYPE", "แบบฟอร์ม XML มี DOCTYPE ซึ่งไม่อนุญาต" },
		{ "not well-formed XML", "แบบฟอร์ม XML ไม่สมบูรณ์ (แท็กไม่ครบหรือไฟล์ถูกตัด)" },
		{ "does not match schema", "แบบฟอร์ม XML ไม่ตรงตามแบบ (submission.xsd)" },
		{ "unit list outside units/", "ไฟล์นี้มีคอลัมน์ของทะเบียนหน่วยงาน (รหัส ชื่อ ประเภท"
					      " สังกัด) แต่ไม่ได้อยู่ในโฟลเดอร์ units/ ระบบรับทะเบียน"
					      "หน่วยงานจากโฟลเดอร์ units/ เท่านั้น หากเป็นข้อมูลที่"
					      "โรงเรียนส่ง ต้องมีคอลัมน์ตัวชี้วัดและค่า" },
		{ "framework outside framework/", "ไฟล์นี้เป็นกรอบการติดตาม แต่ไม่ได้อยู่ในโฟลเดอร์"
						  " framework/ ระบบรับกรอบการติดตามจากโฟลเดอร์"
						  " framework/ เท่านั้น" },
		{ "file is larger than", "ไฟล์ใหญ่เกินขนาดที่ระบบรับได้"
					 " กรุณาแบ่งเป็นหลายไฟล์" },
	};
	const char *code = failure_code(why);
	size_t i;

	if (image_refusal_th(why))
		return image_refusal_th(why);
	for (i = 0; i < sizeof(file_issues) / sizeof(file_issues[0]); i++)
		if (!strcmp(code, file_issues[i].code))
			return file_issues[i].th;
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strstr(why->message, reasons[i].en))
			return reasons[i].th;
	return why->message;
}

/*
 * Record a file that could not be read as failed, with an E-FILE issue (or
 * the code its error names: file_issues), in its own transaction.
 */
static int record_failed_file(struct statements *sts, const char *path,
			      const struct input_bytes *in, const char *format,
			      const struct tt_error *why, const struct xml_problems *problems,
			      struct tt_error *err)
{
	sqlite3 *db = sts->db;
	sqlite3_stmt *st = NULL;
	struct strbuf th;
	long long id;
	int rc, outer;

	strbuf_init(&th);
	strbuf_addstr(&th, "อ่านไฟล์นี้ไม่ได้ ระบบจึงไม่ได้รับข้อมูลใดจากไฟล์นี้เลย");
	if (why->row > 0)
		strbuf_addf(&th, " (ปัญหาที่แถว %ld)", why->row);
	strbuf_addf(&th, " สาเหตุ: %s", failure_th(why));
	if (image_refusal_th(why))
		strbuf_addstr(&th, " ผลงานที่อ้างถึงภาพนี้จะพิมพ์ในรายงานโดยไม่มีภาพนี้");
	else
		strbuf_addstr(&th, " กรุณาแก้ไขแล้วส่งใหม่ ไฟล์ที่รับได้คือ CSV (UTF-8, UTF-16 หรือ"
				   " Windows-874/TIS-620), Excel (.xlsx) และแบบฟอร์ม XML");
	if ((rc = file_begin(db, sts->batched, &outer, err)))
		goto out;
	if ((rc = insert_file(sts, path, in->size, in->sha, format, "failed", &id, err)) ||
	    (rc = statement(sts, ST_FAILED_ISSUE, &st, err)))
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 6, failure_code(why));
	if (why->row > 0)
		sqlite3_bind_int64(st, 2, why->row);
	else
		sqlite3_bind_null(st, 2);
	db_bind_text(st, 3, why->column[0] ? why->column : NULL);
	db_bind_text(st, 4, th.buf);
	db_bind_text(st, 5, why->message);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, "could not record an issue", err);
		goto rollback;
	}
	if (problems && problems->nr &&
	    (rc = record_framework_problems(db, id, problems,
					    !strcmp(failure_code(why), "E-PROFILE"), err)))
		goto rollback;
	/* its stat in the same transaction: no commit of its own */
	if ((rc = remember_stat(sts, path, in, err)))
		goto rollback;
	rc = file_end(db, outer, 1, err);
	goto out;
rollback:
	file_end(db, outer, 0, NULL);
out:
	if (st)
		sqlite3_reset(st);
	strbuf_release(&th);
	return rc;
}

static int already_stored(struct statements *sts, const char *path, const char *sha,
			  int *found, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = statement(sts, ST_ALREADY_STORED, &st, err)))
		return rc;
	db_bind_text(st, 1, path);
	db_bind_text(st, 2, sha);
	*found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return 0;
}

/*
 * The office a path belongs to: the first of its folders named as an
 * office of the unit lists ("3102/projects/plan.csv"), into out; "" when
 * none is.
 */
static int path_office(struct statements *sts, const char *rel, struct strbuf *out,
		       struct tt_error *err)
{
	sqlite3_stmt *st;
	const char *p, *slash;
	int rc;

	strbuf_reset(out);
	if ((rc = statement(sts, ST_PATH_OFFICE, &st, err)))
		return rc;
	for (p = rel; !out->len && (slash = strchr(p, '/')); p = slash + 1) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p, (int)(slash - p), SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			strbuf_add(out, p, (size_t)(slash - p));
	}
	sqlite3_reset(st);
	return 0;
}

/*
 * The first file stored with this content under a path of the same place
 * (framework/, units/ or elsewhere: what a file may be depends on where it
 * lies) and of the same office (path_office(): two offices' identical
 * action plans are two files); 0 if none.
 */
static int same_content(struct statements *sts, const char *sha, enum place place,
			const char *office, long long *id, struct tt_error *err)
{
	sqlite3_stmt *st;
	struct strbuf other;
	int rc;

	*id = 0;
	if ((rc = statement(sts, ST_SAME_CONTENT, &st, err)))
		return rc;
	strbuf_init(&other);
	db_bind_text(st, 1, sha);
	while (!rc && !*id && sqlite3_step(st) == SQLITE_ROW) {
		if (place_of(db_column_text(st, 1)) != place ||
		    (rc = path_office(sts, db_column_text(st, 1), &other, err)))
			continue;
		if (!strcmp(other.buf, office))
			*id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	strbuf_release(&other);
	return rc;
}

/* A new path for content already stored: noted, not read again. */
static int record_moved_file(struct statements *sts, const char *path, long long size,
			     const char *sha, const char *format, long long same_as,
			     struct tt_error *err)
{
	sqlite3 *db = sts->db;
	sqlite3_stmt *st;
	long long id;
	int rc, outer;

	if ((rc = file_begin(db, sts->batched, &outer, err)))
		return rc;
	if ((rc = insert_file(sts, path, size, sha, format, "moved", &id, err)) ||
	    (rc = statement(sts, ST_SAME_AS, &st, err))) {
		file_end(db, outer, 0, NULL);
		return rc;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, same_as);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not record a file", err);
	sqlite3_reset(st);
	if (rc) {
		file_end(db, outer, 0, NULL);
		return rc;
	}
	return file_end(db, outer, 1, err);
}

/* Load the newest framework of every fiscal year, for wide-sheet headers. */
static void load_frameworks(sqlite3 *db, struct framework ***out, size_t *nr)
{
	sqlite3_stmt *st;
	size_t alloc = 0;

	*out = NULL;
	*nr = 0;
	if (db_prepare(db, &st,
		       "SELECT xml FROM framework f WHERE file_id = (SELECT MAX(file_id)"
		       " FROM framework g WHERE g.fiscal_year = f.fiscal_year)"
		       " ORDER BY fiscal_year DESC", NULL))
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct framework *fw = framework_parse(sqlite3_column_blob(st, 0),
						       (size_t)sqlite3_column_bytes(st, 0),
						       "framework", NULL, NULL);

		if (!fw)
			continue;
		xgrow(out, &alloc, *nr + 1, sizeof(**out));
		(*out)[(*nr)++] = fw;
	}
	sqlite3_finalize(st);
}

static void free_frameworks(struct framework **fws, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		framework_free(fws[i]);
	free(fws);
}

static void reader_init(struct sheet_reader *sr, struct file_job *job)
{
	/*
	 * A wide sheet's headers are stored as written: validation reads a
	 * code or an exact Thai name against the framework of the rows'
	 * own fiscal year, which may not be here yet, or may not be the
	 * newest one.
	 */
	memset(sr, 0, sizeof(*sr));
	sr->fn = on_record;
	sr->ctx = job;
}

/* The sheet a framework names for workbooks, if this workbook has it. */
static long framework_sheet(struct file_job *job, struct xlsx *x)
{
	size_t i, k;

	for (i = 0; i < job->nr_frameworks; i++) {
		const char *want = job->frameworks[i]->sheet;

		for (k = 0; want && k < xlsx_nr_sheets(x); k++)
			if (!strcmp(xlsx_sheet(x, k)->name, want))
				return (long)k;
	}
	return -1;
}

/*
 * Every sheet of a workbook with a header row is read as its own sheet (or
 * only the one the framework names); hidden sheets, chart sheets and
 * sheets without a header (instructions, lists) are passed over and noted.
 */
static int read_workbook(struct file_job *job, const char **kind)
{
	struct xlsx *x;
	size_t i;
	long only;
	int rc, read = 0;

	if ((rc = xlsx_open_memory(job->data, job->len, job->full_path, &x, job->err)))
		return rc;
	only = framework_sheet(job, x);
	for (i = 0; !rc && i < xlsx_nr_sheets(x); i++) {
		const struct xlsx_sheet *sh = xlsx_sheet(x, i);
		struct sheet_reader sr;
		struct sheet_parser *sp;

		reader_init(&sr, job);
		sr.sheet_name = sh->name;
		if (only >= 0 && (long)i != only) {
			rc = add_sheet(job, sh->name, NULL, "not the sheet the framework names");
			continue;
		}
		if (sh->is_chart || sh->state != XLSX_VISIBLE) {
			rc = add_sheet(job, sh->name, NULL, sh->is_chart ? "chart sheet"
								      : "hidden sheet");
			continue;
		}
		sp = sheet_parser_new(&sr, job->path, job->err);
		rc = sheet_parser_finish(sp, xlsx_read_rows(x, i, sheet_parser_row, sp, job->err));
		if (rc == TT_EPARSE && !sr.header_row && !job->err->issue) {
			/*
			 * no header: instructions or lists, not data (a fault of
			 * the workbook itself has its issue code, and is said)
			 */
			tt_error_clear(job->err);
			rc = add_sheet(job, sh->name, &sr, "no header row");
			continue;
		}
		if (rc) {
			if (!job->err->column[0])
				tt_error_at(job->err, NULL, job->err->row, sh->name);
			break;
		}
		if (!read++)
			*kind = sheet_kind_name(sr.kind);
		rc = add_sheet(job, sh->name, &sr, NULL);
	}
	if (!rc && !read) {
		rc = tt_error_set(job->err, TT_EPARSE,
				  "no sheet of the workbook has a header row: expected columns "
				  "such as unit/รหัสโรงเรียน, indicator/ตัวชี้วัด, value/ค่า");
		tt_error_at(job->err, job->path, 0, NULL);
	}
	xlsx_close(x);
	return rc;
}

/* ---- photographs and practices ------------------------------------------- */

/*
 * An image file: judged from its bytes (image.h) and kept whole, with its
 * type and size, so that a report draws it from the database.
 */
static int store_image(struct file_job *job)
{
	struct image_info info;
	sqlite3_stmt *st;
	int rc;

	if (!job->data) {
		image_too_large((long long)job->len, job->err);
		tt_error_at(job->err, job->full_path, 0, NULL);
		return TT_EPARSE;
	}
	if ((rc = image_inspect(job->data, job->len, &info, job->err))) {
		tt_error_at(job->err, job->full_path, 0, NULL);
		return rc;
	}
	if ((rc = db_prepare(job->db, &st, "INSERT INTO image(file_id, format, width, height,"
					   " bytes) VALUES(?1, ?2, ?3, ?4, ?5)", job->err)))
		return rc;
	sqlite3_bind_int64(st, 1, job->file_id);
	db_bind_text(st, 2, image_format_name(info.format));
	sqlite3_bind_int(st, 3, (int)info.width);
	sqlite3_bind_int(st, 4, (int)info.height);
	sqlite3_bind_blob(st, 5, job->data, (int)job->len, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : job_db_fail(job, "could not record an image");
	sqlite3_finalize(st);
	return rc;
}

/* A warning on the practice's receipt (the practice itself is taken). */
static int practice_warning(struct file_job *job, long line, const char *column,
			    const char *found, const char *th, const char *en)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(job->db, &st, "INSERT INTO issue(file_id, severity, code, row, col,"
					   " found, message_th, message_en)"
					   " VALUES(?1, 'warning', 'W-PRACTICE', ?2, ?3, ?4, ?5, ?6)",
			     job->err)))
		return rc;
	sqlite3_bind_int64(st, 1, job->file_id);
	sqlite3_bind_int64(st, 2, line);
	db_bind_text(st, 3, column);
	db_bind_text(st, 4, found);
	db_bind_text(st, 5, th);
	db_bind_text(st, 6, en);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : job_db_fail(job, "could not record an issue");
	sqlite3_finalize(st);
	return rc;
}

/*
 * What became of the photo at path, as the database has it now (images go
 * in before practices: path_cmp()): 0 taken, 1 never sent, 2 refused.
 */
static int photo_state(struct file_job *job, const char *path)
{
	sqlite3_stmt *st;
	int state = 1;

	if (db_prepare(job->db, &st, "SELECT EXISTS (SELECT 1 FROM image i WHERE i.file_id ="
				     " COALESCE(f.same_as, f.id)) FROM file f WHERE f.path = ?1"
				     " ORDER BY f.version DESC LIMIT 1", NULL))
		return 1;
	db_bind_text(st, 1, path);
	if (sqlite3_step(st) == SQLITE_ROW)
		state = sqlite3_column_int(st, 0) ? 0 : 2;
	sqlite3_finalize(st);
	return state;
}

/*
 * A practice form: the practice and the photos it names are stored; a
 * photo not sent or refused, and a unit not registered, are warnings on
 * its receipt, and the practice is printed without what is missing.
 */
static int store_practice(struct file_job *job, const struct ingest_options *opt)
{
	struct practice *p = NULL;
	struct strbuf schema, text, th, en;
	sqlite3_stmt *st = NULL, *ph = NULL;
	size_t i;
	int rc, known = 0;

	strbuf_init(&schema);
	strbuf_init(&text);
	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_addf(&schema, "%s/practice.xsd", opt->schema_dir);
	if ((rc = practice_read_memory(job->data, job->len, job->full_path, schema.buf, &p,
				       job->err)))
		goto out;
	for (i = 0; i < p->nr_paragraphs; i++)
		strbuf_addf(&text, "%s%s", i ? "\n" : "", p->paragraphs[i]);
	if ((rc = db_prepare(job->db, &st, "INSERT INTO practice(file_id, unit_code, fiscal_year,"
					   " kind, title, by_whom, text)"
					   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)", job->err)) ||
	    (rc = db_prepare(job->db, &ph, "INSERT INTO practice_photo(file_id, seq, path, caption)"
					   " VALUES(?1, ?2, ?3, ?4)", job->err)))
		goto out;
	sqlite3_bind_int64(st, 1, job->file_id);
	db_bind_text(st, 2, p->unit);
	sqlite3_bind_int(st, 3, p->fiscal_year);
	db_bind_text(st, 4, p->kind);
	db_bind_text(st, 5, p->title);
	db_bind_text(st, 6, p->by);
	db_bind_text(st, 7, text.buf);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = job_db_fail(job, "could not record a practice");
		goto out;
	}
	if ((rc = unit_known(job, p->unit, &known)))
		goto out;
	if (!known) {
		strbuf_addf(&th, "รหัสหน่วยงาน %s ไม่อยู่ในทะเบียนหน่วยงาน ผลงานนี้จะปรากฏในรายงาน"
			    "เมื่อหน่วยงานนี้ลงทะเบียนแล้ว", p->unit);
		strbuf_addf(&en, "unit '%s' is not registered: the practice is shown once it is",
			    p->unit);
		if ((rc = practice_warning(job, 1, "unit", p->unit, th.buf, en.buf)))
			goto out;
	}
	for (i = 0; i < p->nr_photos; i++) {
		char *path = practice_photo_path(job->path, p->photos[i].file);
		int state = photo_state(job, path);

		sqlite3_reset(ph);
		sqlite3_bind_int64(ph, 1, job->file_id);
		sqlite3_bind_int(ph, 2, (int)i + 1);
		db_bind_text(ph, 3, path);
		db_bind_text(ph, 4, p->photos[i].caption);
		rc = sqlite3_step(ph) == SQLITE_DONE ? 0 : job_db_fail(job, "could not record a photo");
		free(path);
		if (rc)
			goto out;
		if (!state)
			continue;
		strbuf_reset(&th);
		strbuf_reset(&en);
		if (state == 1) {
			strbuf_addf(&th, "ไม่พบไฟล์ภาพ %s ในโฟลเดอร์เดียวกับแบบบันทึกผลงานนี้ ผลงานจะพิมพ์"
				    "ในรายงานโดยไม่มีภาพนี้ กรุณาส่งไฟล์ภาพไว้ในโฟลเดอร์เดียวกัน",
				    p->photos[i].file);
			strbuf_addf(&en, "photo '%s' not found beside the form: the practice is"
				    " printed without it", p->photos[i].file);
		} else {
			strbuf_addf(&th, "ไฟล์ภาพ %s ไม่ผ่านการตรวจ (ดูใบตอบรับของไฟล์ภาพนั้น) ผลงานจะพิมพ์"
				    "ในรายงานโดยไม่มีภาพนี้", p->photos[i].file);
			strbuf_addf(&en, "photo '%s' was refused (see its receipt): the practice is"
				    " printed without it", p->photos[i].file);
		}
		if ((rc = practice_warning(job, p->photos[i].line, "photo", p->photos[i].file,
					   th.buf, en.buf)))
			goto out;
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ph);
	practice_free(p);
	strbuf_release(&schema);
	strbuf_release(&text);
	strbuf_release(&th);
	strbuf_release(&en);
	return rc;
}

/*
 * Parse the text file job->in holds open, reading it again from its start:
 * what is parsed must be what was hashed, so its bytes are hashed again as
 * they go by, and a file that is not the same as when first read (bytes,
 * size, inode or times) is left for the next run (job->changed), whatever
 * its parser made of it.
 */
static int stream_csv(struct file_job *job, const struct csv_options *co,
		      struct csv_info *info, tt_row_fn fn, void *ctx)
{
	const struct input_bytes *in = job->in;
	struct csv_stream *cs;
	struct tt_sha256 sha_ctx;
	char sha[TT_SHA256_HEX];
	char *buf;
	size_t got = 0;
	int rc = 0, read_rc = 0;

	if (co->encoding == ENC_UNKNOWN) {
		enc_sniff_result(&in->sniff, job->err);
		tt_error_at(job->err, job->full_path, job->err->row, NULL);
		return TT_EPARSE;
	}
	if (!(cs = csv_stream_begin(job->full_path, co, fn, ctx, job->err)))
		return job->err->code ? job->err->code : TT_EIO;
	buf = xmalloc(CSV_CHUNK);
	tt_sha256_init(&sha_ctx);
	test_hook("parse", job->path);
	if (lseek(in->fd, 0, SEEK_SET) < 0)
		read_rc = errno;
	while (!read_rc) {
		ssize_t n = read_hashed(in->fd, buf, CSV_CHUNK, &sha_ctx, &got);

		if (n < 0)
			read_rc = errno;
		if (n <= 0)
			break;
		if (!rc)  /* after a fault only hashed, to know whether it changed */
			rc = csv_stream_feed(cs, buf, (size_t)n);
	}
	free(buf);
	tt_sha256_end(&sha_ctx, sha);
	if (read_rc) {
		tt_error_clear(job->err);
		rc = tt_error_set(job->err, TT_EIO, "could not read '%s': %s", job->full_path,
				  strerror(read_rc));
	} else if (got != in->len || strcmp(sha, in->sha) || !still_same(in->fd, &in->st, got)) {
		tt_error_clear(job->err);
		rc = tt_error_set(job->err, TT_EIO, "'%s' changed while it was read (%zu bytes"
				  " when hashed, %zu parsed)", job->full_path, in->len, got);
		job->changed = 1;
	}
	return csv_stream_end(cs, rc, info);
}

static int parse_into(struct file_job *job, const struct ingest_options *opt,
		      const char *ext, const char **kind)
{
	struct sheet_reader sr;
	struct sheet_parser *sp;
	struct csv_options co = { job->encoding, 0 };
	char root[64] = "";
	int rc;

	if (image_file_name(job->path)) {
		*kind = "image";
		return store_image(job);
	}
	if (!job->data && !strcasecmp(ext, "xml")) {
		tt_error_set(job->err, TT_EPARSE, "XML file too large: %zu bytes, more than its limit"
			     " of %lld (%lld MiB)", job->len, read_limit(job->path),
			     read_limit(job->path) >> 20);
		tt_error_at(job->err, job->full_path, 0, NULL);
		return tt_error_issue(job->err, "E-TOOLARGE");
	}
	if (!job->data && (job->in->fd < 0 || job->len > INGEST_MAX_FILE_BYTES)) {
		tt_error_set(job->err, TT_EPARSE, "file is larger than %lld MiB, the most"
			     " tidtam reads", INGEST_MAX_FILE_BYTES >> 20);
		tt_error_at(job->err, job->full_path, 0, NULL);
		return tt_error_issue(job->err, "E-TOOLARGE");
	}
	if (job->place == PLACE_FRAMEWORK && !strcasecmp(ext, "xml")) {
		*kind = "framework";
		return store_framework(job, opt);
	}
	/* what an XML file means to be, by its root (read once) */
	if (!strcasecmp(ext, "xml"))
		tt_xml_root_name(job->data, job->len, root, sizeof(root));
	if (!strcasecmp(ext, "xml") && (job->place == PLACE_PROFILE || !strcmp(root, "profile"))) {
		*kind = "profile";
		if (job->out)
			return job->unparsed = 1, 0;  /* the parent's to store */
		return store_profile(job, opt);
	}
	if (!strcasecmp(ext, "xml") && !strcmp(root, "practice")) {
		*kind = "practice";
		if (job->out)
			return job->unparsed = 1, 0;
		return store_practice(job, opt);
	}
	if (!strcasecmp(ext, "xml")) {
		*kind = "form";
		rc = xmlform_read_memory(job->data, job->len, job->full_path, job->form_schema,
					 on_record, job, job->err);
		if (rc == TT_EPARSE && !strcmp(root, "framework")) {
			tt_error_clear(job->err);
			rc = tt_error_set(job->err, TT_EPARSE, "framework outside framework/: a"
					  " framework is read only from the folder framework/ of"
					  " the input folder");
			tt_error_at(job->err, job->full_path, 0, NULL);
		}
		return rc;
	}
	if (!strcasecmp(ext, "xlsx"))
		return read_workbook(job, kind);
	reader_init(&sr, job);
	sp = sheet_parser_new(&sr, job->full_path, job->err);
	rc = sheet_parser_finish(sp, stream_csv(job, &co, &sr.csv, sheet_parser_row, sp));
	*kind = sheet_kind_name(sr.kind);
	if (!rc)
		rc = add_sheet(job, NULL, &sr, NULL);
	job->delimiter = sr.csv.delimiter;
	return rc;
}

/*
 * The job of parsing the file rel (full: as named in messages), read into
 * in, against the run's frameworks, its problems told in why; no database,
 * office or problems' list yet (the caller's).  release_job() ends it.
 */
static void job_init(struct file_job *job, struct run *run, const char *rel,
		     const char *full, struct input_bytes *in, struct tt_error *why)
{
	memset(job, 0, sizeof(*job));
	submission_map_init(&job->subs);
	strbuf_init(&job->norm);
	strbuf_init(&job->pending_text);
	job->path = rel;
	job->full_path = full;
	job->data = in->data;
	job->len = in->len;
	job->in = in;
	job->place = in->place;
	job->form_schema = run->form_schema.buf;
	job->encoding = in->encoding;
	job->err = why;
	period_date_from_time(in->st.st_mtime, &job->mtime_date);
	job->frameworks = (const struct framework *const *)run->fws;
	job->nr_frameworks = run->nr_fws;
}

/* 1 if rel is of a kind tidtam reads (by its extension). */
static int readable_kind(const char *rel)
{
	const char *ext = extension(rel);

	return is_text_file(rel) || !strcasecmp(ext, "xml") || !strcasecmp(ext, "xlsx") ||
	       image_file_name(rel);
}

/*
 * Count and tell what became of a file not read (t, why: take_file()):
 * what is not read now is not recorded, the next run looks at it again.
 */
static void not_taken(struct run *run, const char *rel, enum take t, const struct tt_error *why)
{
	struct ingest_stats *stats = run->stats;

	switch (t) {
	case TAKE_READ:
		break;
	case TAKE_KNOWN:
		stats->unchanged++;
		stats->known++;
		break;
	case TAKE_IGNORED:
		stats->ignored++;
		break;
	case TAKE_WAITING:
		stats->waiting++;
		break;
	case TAKE_LEFT:
		stats->left++;
		tell(run, rel, INGEST_LEFT, why);
		break;
	case TAKE_UNREADABLE:
		stats->unreadable++;
		tell(run, rel, INGEST_LEFT, why);
		break;
	case TAKE_FAULT:
		stats->faults++;
		tell(run, rel, INGEST_LEFT, why);
		break;
	case TAKE_REFUSED:
		stats->links_refused++;
		tell(run, rel, INGEST_REFUSED, why);
		break;
	}
}

/* What a worker made of a file (read_job()), read back by the parent. */
struct read_back {
	int parsed;              /* 0: read, but not parsed (ITEM_UNPARSED) */
	struct item_reader items; /* its records and sheets, then ITEM_END */
};

static int replay(struct file_job *job, struct read_back *back, const char **kind);

/*
 * ingest_taken() could not store the file from what its worker sent (it
 * was not parsed there): it is read here, again.
 */
#define INGEST_AGAIN 1

/*
 * A file this large or larger begins a batch of its own, committing the
 * one under way: as a batch's first file it needs no savepoint, whose
 * record of every page changed cost a sixth of the CPU of a sheet of a
 * million values.
 */
#define BATCH_OWN_BYTES (1 << 20)
static int batch_cut(struct run *run, struct tt_error *err);

/*
 * Store the file rel (full: as named in messages), read into in: noted as
 * unchanged or moved, or parsed and stored, or recorded as failed.  Its
 * records are those a worker sent (back), or parsed here (back NULL).  0,
 * INGEST_AGAIN, or TT_EDB with err.
 */
static int ingest_taken(struct run *run, const char *rel, const char *full,
			struct input_bytes *in, struct read_back *back, struct tt_error *err)
{
	sqlite3 *db = run->db;
	const struct ingest_options *opt = run->opt;
	struct ingest_stats *stats = run->stats;
	struct file_job job;
	struct tt_error why;
	struct strbuf office;
	struct xml_problems problems;
	const char *ext = extension(rel), *kind = "unknown";
	long long same_as;
	int found, rc = 0, outer;

	strbuf_init(&office);
	xml_problems_init(&problems);
	tt_error_clear(&why);
	if ((rc = already_stored(&run->sts, rel, in->sha, &found, err)))
		goto out;
	if (found) {
		stats->unchanged++;
		rc = remember_stat(&run->sts, rel, in, err);
		goto out;
	}
	if ((rc = path_office(&run->sts, rel, &office, err)) ||
	    (rc = same_content(&run->sts, in->sha, in->place, office.buf, &same_as, err)))
		goto out;
	if (same_as) {
		/* moved, renamed or copied: the content is in already */
		rc = record_moved_file(&run->sts, rel, in->size, in->sha, ext, same_as, err);
		stats->moved += !rc;
		if (!rc)
			rc = remember_stat(&run->sts, rel, in, err);
		goto out;
	}
	if (back && !back->parsed) {
		rc = INGEST_AGAIN;
		goto out;
	}

	job_init(&job, run, rel, full, in, &why);
	job.db = db;
	job.office = office.buf;
	job.problems = &problems;
	/* a large file begins a batch of its own: no savepoint (file_begin()) */
	if (run->sts.batched && in->size >= BATCH_OWN_BYTES && (rc = batch_cut(run, err)))
		goto out;
	if ((rc = file_begin(db, run->sts.batched, &outer, err)))
		goto out;
	if ((rc = insert_file(&run->sts, rel, in->size, in->sha, ext, "stored", &job.file_id,
			      err)) ||
	    (rc = prepare_job(&job, &run->sts))) {
		if (!rc || !err->code)
			*err = why;
		file_end(db, outer, 0, NULL);
		goto out;
	}
	rc = back ? replay(&job, back, &kind) : parse_into(&job, opt, ext, &kind);
	if (!rc)
		rc = store_pending(&job);
	if (!rc)
		rc = submissions_added(&job);
	if (!rc && job.units)
		rc = store_units(&job);
	if (!rc && job.units)
		/* the lists read before it are looked at again (retake_unit_lists()) */
		rc = db_exec(db, "INSERT OR IGNORE INTO meta(key, value)"
			     " VALUES('unit_retake', 'pending')", &why);
	if (!rc)
		rc = set_file_read(&run->sts, job.file_id, kind, job.encoding,
				   strcasecmp(ext, "xlsx") != 0 && !image_file_name(rel),
				   job.delimiter, &why);
	if (!rc && job.changed_reference)
		/* everything is checked again, except what an approval froze */
		rc = db_statuses_changed(db, "status IS NOT 'new' AND " NOT_FROZEN, &why) ||
		     db_exec(db, "UPDATE submission SET status = 'new', superseded_by = NULL"
			     " WHERE " NOT_FROZEN, &why) ? TT_EDB : 0;
	release_job(&job);
	if (rc) {
		file_end(db, outer, 0, NULL);
		if (!why.code)
			why.code = rc;
		if (!why.file[0])
			tt_error_at(&why, rel, why.row, NULL);
		if (why.code == TT_EDB) {
			*err = why;
			rc = TT_EDB;
			goto out;
		}
		rc = 0;
		if (job.changed) {
			stats->left++;
			tell(run, rel, INGEST_LEFT, &why);
			goto out;
		}
		if (tt_error_is_system(why.code)) {
			/*
			 * A schema, the disk or a library failed us, not the
			 * file: nothing of it is recorded, so the next run
			 * takes it as new.
			 */
			stats->faults++;
			tell(run, rel, INGEST_LEFT, &why);
			goto out;
		}
		goto failed;
	}
	/* its stat in the same transaction: no commit of its own */
	if ((rc = remember_stat(&run->sts, rel, in, err)) || (rc = file_end(db, outer, 1, err))) {
		file_end(db, outer, 0, NULL);
		goto out;
	}
	if (!strcmp(kind, "framework")) {
		free_frameworks(run->fws, run->nr_fws);
		load_frameworks(db, &run->fws, &run->nr_fws);
	}
	if (job.units)
		run->units_stored = 1;
	stats->stored++;
	stats->values += job.values;
	tell(run, rel, INGEST_STORED, NULL);
	goto out;
failed:
	stats->failed++;
	tell(run, rel, INGEST_REJECTED, &why);
	rc = record_failed_file(&run->sts, rel, in, ext, &why, &problems, err);
out:
	xml_problems_release(&problems);
	strbuf_release(&office);
	return rc;
}

static int ingest_one(struct run *run, const char *rel, const struct walked *walked,
		      struct tt_error *err)
{
	struct tt_error why;
	struct strbuf full;
	struct input_bytes in;
	enum take t;
	int rc = 0;

	if (!readable_kind(rel)) {
		run->stats->ignored++;
		run->stats->other_kinds++;
		return 0;
	}
	strbuf_init(&full);
	strbuf_addf(&full, "%s/%s", run->opt->input_dir, rel);
	tt_error_clear(&why);
	memset(&in, 0, sizeof(in));
	in.fd = -1;
	if ((t = take_file(run, rel, full.buf, walked, &in, &why)) == TAKE_READ)
		rc = ingest_taken(run, rel, full.buf, &in, NULL, err);
	else
		not_taken(run, rel, t, &why);
	free(in.data);
	if (in.fd >= 0)
		close(in.fd);
	strbuf_release(&full);
	return rc;
}

/* The records and sheets a worker sent, stored (or the first error). */
static int replay(struct file_job *job, struct read_back *back, const char **kind)
{
	struct item_reader *r = &back->items;
	struct tt_error why;
	const char *name = NULL;
	int type, rc = 0;

	while (!rc && !r->bad && (type = get_type(r)) != ITEM_END) {
		if (type == ITEM_RECORD) {
			struct record rec;

			get_record(r, &rec);
			if (!r->bad)
				rc = on_record(&rec, job);
		} else if (type == ITEM_SHEET) {
			struct sheet_reader sr;
			const char *note;
			int whole;

			memset(&sr, 0, sizeof(sr));
			name = get_str(r);
			whole = (int)get_num(r);
			sr.kind = (enum sheet_kind)get_num(r);
			sr.header_row = (long)get_num(r);
			sr.rows_without_values = (long)get_num(r);
			note = get_str(r);
			if (!r->bad)
				rc = add_sheet(job, name, whole ? &sr : NULL, note);
		} else {
			r->bad = 1;
		}
	}
	if (rc)  /* the database's: the parse here would have stopped there */
		return rc;
	if (!r->bad) {
		rc = (int)get_num(r);
		get_error(r, &why);
		name = get_str(r);
		job->delimiter = (int)get_num(r);
		job->changed = (int)get_num(r);
	}
	if (r->bad)
		return tt_error_set(job->err, TT_EIO, "what the worker reading '%s' sent is damaged",
				    job->full_path);
	if (name)
		*kind = name;  /* lives as long as the message */
	if (rc)
		*job->err = why;
	return rc;
}

/*
 * Files read and parsed in worker processes (workers.h): what is worth
 * it, of what the walk found.  The parent sends none of them a byte:
 * each worker reads, hashes and parses the files it is given as one
 * process does (take_file(), parse_into()), storing nothing, and sends
 * back one message a file (ITEM_*): how its reading went and its records
 * and sheets.  The parent takes those in the order of the files,
 * whichever worker was quicker, and stores each as it would have parsed
 * it (ingest_taken(), replay()), with the files no worker reads in
 * between, so that the database is the same whatever the number of
 * workers.
 */

/* Fewer files to read than this are read in this process: workers would cost more. */
#define JOBS_WORTH_WORKERS 100
/*
 * A larger file is read in this process, as it streams (a text file's
 * records are some five times its size, and a worker's are held whole:
 * JOB_MESSAGE_BYTES); the test hooks of a file's reading and parse run
 * there too.
 */
#define JOB_MAX_BYTES (128LL << 10)
/* The files of a job: a message, a wakeup of the parent, a job. */
#define JOB_FILES 32
/* Jobs handed out beyond the one the parent takes from, at most... */
#define JOBS_AHEAD 4
/* ... and while what workers sent and the parent holds is less than this. */
#define JOBS_HELD_BYTES (4u << 20)

/*
 * 1 if the walked file w is read in a worker: a sheet or form of no
 * special place (frameworks, unit lists and profiles, which what follows
 * is read against, are stored before the first worker starts: path_cmp()),
 * not a photograph, a file (not a link) not known unchanged by its stat,
 * and not larger than JOB_MAX_BYTES.
 */
static int worth_a_worker(struct run *run, const struct walked *w)
{
	struct stat st;

	if (!readable_kind(w->path) || image_file_name(w->path) ||
	    place_of(w->path) != PLACE_OTHER || !S_ISREG(w->mode) || w->size > JOB_MAX_BYTES)
		return 0;
	walked_stat(w, &st);
	return !known_unchanged(run, w->path, &st);
}

/* What a worker sent of a job, held until the parent takes it. */
struct job_slot {
	char *msg;
	size_t len, at;          /* at: where the next file's part begins */
	size_t files;            /* of its files, those taken */
	char *lost;              /* why its worker did not make it, or NULL */
	int done;
};

/* The workers' and the parent's view of the files read in workers. */
struct job_reader {
	struct run *run;
	const struct path_list *files;
	const size_t *jobs;      /* the files read in workers, in order: job k
				    JOB_FILES of them from the k-th */
	size_t nr_jobs;          /* (files) */
	const char *db_path;
	/* in a worker */
	sqlite3 *db;             /* its own, read only: contents already stored */
	sqlite3_stmt *stored_sha;
	/* in the parent */
	struct job_slot *slots;
	size_t taken;            /* files of jobs taken, in order */
	size_t next_file;        /* the next file to take */
	size_t end_file;         /* the file after the last job */
	size_t held;             /* bytes of the slots held */
	int rc;                  /* the run's error: no more is taken */
	struct tt_error *err;
};

static int gone_through(struct run *run, size_t i, size_t nr, int rc, struct tt_error *err);

static int job_start(void *ctx, struct tt_error *err)
{
	struct job_reader *jr = ctx;

	(void)err;
	/* without it, every file is parsed: the parent sees to those stored */
	if (!jr->db_path || db_open_readonly(jr->db_path, &jr->db, NULL) ||
	    db_prepare(jr->db, &jr->stored_sha, "SELECT 1 FROM file WHERE sha256 = ?1 LIMIT 1",
		       NULL))
		jr->stored_sha = NULL;
	return 0;
}

static void job_finish(void *ctx)
{
	struct job_reader *jr = ctx;

	sqlite3_finalize(jr->stored_sha);
	db_close(jr->db);
}

/*
 * 1 if what the file holds is stored already (under this path or another
 * one), as the database stood when the worker looked: the parent decides
 * whether it is unchanged or moved, and reads it itself in the rare case
 * it is neither.  Not parsed for nothing when files were touched or copied.
 */
static int stored_already(struct job_reader *jr, const char *sha)
{
	int found;

	if (!jr->stored_sha)
		return 0;
	db_bind_text(jr->stored_sha, 1, sha);
	found = sqlite3_step(jr->stored_sha) == SQLITE_ROW;
	sqlite3_reset(jr->stored_sha);
	return found;
}

/* In a worker: read and parse the file w, and add what it holds to msg. */
static void read_file(struct job_reader *jr, const struct walked *w, struct strbuf *msg)
{
	struct run *run = jr->run;
	const char *rel = w->path, *ext = extension(rel), *kind = "unknown";
	struct strbuf full;
	struct input_bytes in;
	struct tt_error why;
	struct file_job job;
	size_t at = msg->len;
	int hashed = run->stats->hashed, rc;
	enum take t;

	strbuf_init(&full);
	strbuf_addf(&full, "%s/%s", run->opt->input_dir, rel);
	tt_error_clear(&why);
	memset(&in, 0, sizeof(in));
	in.fd = -1;
	put_num(msg, 0);  /* its length, once known */
	t = take_file(run, rel, full.buf, w, &in, &why);
	strbuf_addch(msg, ITEM_READ);
	put_num(msg, t);
	put_num(msg, run->stats->hashed - hashed);
	put_error(msg, &why);
	if (t == TAKE_READ) {
		put_str(msg, in.sha);
		put_num(msg, in.size);
		put_num(msg, (long long)in.len);
		put_num(msg, (long long)in.st.st_dev);
		put_num(msg, (long long)in.st.st_ino);
		put_num(msg, (long long)in.st.st_mode);
		put_num(msg, (long long)in.st.st_size);
		put_num(msg, tt_timespec_ns(&in.st.st_mtim));
		put_num(msg, tt_timespec_ns(&in.st.st_ctim));
		put_num(msg, in.seen_ns);
		put_num(msg, in.place);
		put_num(msg, in.encoding);
	}
	if (t == TAKE_READ && stored_already(jr, in.sha)) {
		/* known: the parent sees whether it is unchanged or moved */
		strbuf_addch(msg, ITEM_UNPARSED);
	} else if (t == TAKE_READ) {
		size_t mark = msg->len;

		job_init(&job, run, rel, full.buf, &in, &why);
		job.office = "";
		job.out = msg;
		rc = parse_into(&job, run->opt, ext, &kind);
		release_job(&job);
		if (job.unparsed) {
			msg->len = mark;  /* what it emitted, if anything, dropped */
			msg->buf[mark] = '\0';
			strbuf_addch(msg, ITEM_UNPARSED);
		} else {
			strbuf_addch(msg, ITEM_END);
			put_num(msg, rc);
			put_error(msg, &why);
			put_str(msg, kind);
			put_num(msg, job.delimiter);
			put_num(msg, job.changed);
		}
	}
	le_put((unsigned char *)msg->buf + at, msg->len - at - 8, 8);
	free(in.data);
	if (in.fd >= 0)
		close(in.fd);
	strbuf_release(&full);
}

/* In a worker: read and parse job k's files, and send what they hold, in one message. */
static void read_job(void *ctx, size_t k, struct workers_out *out)
{
	struct job_reader *jr = ctx;
	struct strbuf msg;
	size_t f;

	strbuf_init(&msg);
	for (f = k * JOB_FILES; f < jr->nr_jobs && f < (k + 1) * JOB_FILES; f++)
		read_file(jr, &jr->files->items[jr->jobs[f]], &msg);
	workers_send(out, msg.buf, msg.len);
	strbuf_release(&msg);
}

/*
 * In the parent: the file w, the next of job slot s, as its worker read
 * it (s->at: where it begins), stored.
 */
static int take_file_read(struct job_reader *jr, const struct walked *w, struct job_slot *s)
{
	struct run *run = jr->run;
	struct item_reader r = { s->msg + s->at, s->msg + s->len, 0 };
	struct read_back back;
	struct input_bytes in;
	struct tt_error why;
	struct strbuf full;
	const char *sha = NULL;
	enum take t = TAKE_FAULT;
	int rc = 0, hashed = 0;

	strbuf_init(&full);
	strbuf_addf(&full, "%s/%s", run->opt->input_dir, w->path);
	tt_error_clear(&why);
	memset(&in, 0, sizeof(in));
	in.fd = -1;
	if (!s->lost) {
		/* this file's part, and the next file's from where it ends */
		long long len = get_num(&r);

		if (r.bad || len < 0 || len > r.end - r.p)
			r.bad = 1;
		else
			r.end = r.p + len;
		s->at = (size_t)(r.end - s->msg);
	}
	if (!s->lost && !r.bad && get_type(&r) == ITEM_READ) {
		t = (enum take)get_num(&r);
		hashed = (int)get_num(&r);
		run->stats->hashed += hashed;
		get_error(&r, &why);
	} else {
		r.bad = 1;
	}
	if (!s->lost && !r.bad && t == TAKE_READ) {
		sha = get_str(&r);
		in.size = get_num(&r);
		in.len = (size_t)get_num(&r);
		in.st.st_dev = (dev_t)get_num(&r);
		in.st.st_ino = (ino_t)get_num(&r);
		in.st.st_mode = (mode_t)get_num(&r);
		in.st.st_size = (off_t)get_num(&r);
		in.st.st_mtim = ns_timespec(get_num(&r));
		in.st.st_ctim = ns_timespec(get_num(&r));
		in.seen_ns = get_num(&r);
		in.place = (enum place)get_num(&r);
		in.encoding = (enum tt_encoding)get_num(&r);
		if (sha && strlen(sha) < sizeof(in.sha))
			memcpy(in.sha, sha, strlen(sha) + 1);
		else
			r.bad = 1;
	}
	if (s->lost || r.bad) {
		/* the system's fault, never the file's: the next run reads it */
		tt_error_clear(&why);
		tt_error_set(&why, TT_EIO, "could not read '%s': %s", full.buf,
			     s->lost ? s->lost : "what its worker sent is damaged");
		t = TAKE_FAULT;
	}
	if (t != TAKE_READ) {
		not_taken(run, w->path, t, &why);
		goto out;
	}
	back.parsed = r.p < r.end && *r.p != ITEM_UNPARSED;
	back.items = r;
	rc = ingest_taken(run, w->path, full.buf, &in, &back, jr->err);
	if (rc == INGEST_AGAIN) {
		run->stats->hashed -= hashed;  /* a file read, counted once */
		rc = ingest_one(run, w->path, w, jr->err);
	}
out:
	strbuf_release(&full);
	return rc;
}

/*
 * In the parent: take the files in order while the next is not a job
 * still under way, each stored as its turn comes (those of no job read
 * here); the batch committed as in ingest_run().
 */
static void take_in_order(struct job_reader *jr)
{
	struct run *run = jr->run;
	const struct path_list *files = jr->files;

	while (!jr->rc && jr->next_file < jr->end_file) {
		size_t i = jr->next_file;
		int rc;

		if (jr->taken < jr->nr_jobs && jr->jobs[jr->taken] == i) {
			struct job_slot *s = &jr->slots[jr->taken / JOB_FILES];

			if (!s->done)
				return;
			rc = take_file_read(jr, &files->items[i], s);
			if (++jr->taken % JOB_FILES == 0 || jr->taken == jr->nr_jobs) {
				jr->held -= s->len;
				free(s->msg);
				free(s->lost);
				s->msg = s->lost = NULL;
			}
		} else {
			rc = ingest_one(run, files->items[i].path, &files->items[i], jr->err);
		}
		jr->next_file++;
		jr->rc = gone_through(run, i, files->nr, rc, jr->err);
	}
}

static void job_receive(void *ctx, size_t k, const char *msg, size_t len)
{
	struct job_reader *jr = ctx;
	struct job_slot *s = &jr->slots[k];

	if (s->done || jr->rc)
		return;
	s->msg = xmalloc(len + 1);
	memcpy(s->msg, msg, len);
	s->len = len;
	s->done = 1;
	jr->held += len;
	take_in_order(jr);
}

static void job_lost(void *ctx, size_t k, const char *why)
{
	struct job_reader *jr = ctx;
	struct job_slot *s = &jr->slots[k];

	if (s->done || jr->rc)
		return;  /* sent whole before its worker ended */
	s->lost = xstrdup(why);
	s->done = 1;
	take_in_order(jr);
}

static int job_ready(void *ctx, size_t k)
{
	struct job_reader *jr = ctx;

	if (jr->rc)
		return -1;
	return k < jr->taken / JOB_FILES + JOBS_AHEAD && jr->held < JOBS_HELD_BYTES;
}

/*
 * Take the files from jr->next_file on, those of jobs read and parsed in
 * up to nr_workers workers, until the file after the last job.  0, or the
 * run's error.  When no worker can start, nothing is taken: the caller
 * reads them here.
 */
static int read_in_workers(struct job_reader *jr, size_t nr_workers)
{
	static const struct workers_ops ops = {
		job_start, read_job, job_finish, job_receive, job_lost, job_ready,
	};
	size_t nr = (jr->nr_jobs + JOB_FILES - 1) / JOB_FILES, k;
	size_t *order = xcalloc(nr, sizeof(*order));
	struct tt_error werr;

	for (k = 0; k < nr; k++)
		order[k] = k;
	jr->slots = xcalloc(nr, sizeof(*jr->slots));
	tt_error_clear(&werr);
	if (nr_workers > nr)
		nr_workers = nr;
	if (!workers_run(nr_workers, order, nr, &ops, jr, &werr))
		jr->run->stats->workers = (int)nr_workers;
	for (k = 0; k < nr; k++) {
		free(jr->slots[k].msg);
		free(jr->slots[k].lost);
	}
	free(jr->slots);
	free(order);
	return jr->rc;
}

static int retake_unit_lists(struct run *run, const struct path_list *files,
			     struct tt_error *err);
static long refused_unit_rows(sqlite3 *db);

static int run_begin(struct run *run, sqlite3 *db, const struct ingest_options *opt,
		     struct ingest_stats *stats, ingest_report_fn report, void *report_ctx,
		     struct tt_error *err)
{
	memset(run, 0, sizeof(*run));
	memset(stats, 0, sizeof(*stats));
	run->db = db;
	run->sts.db = db;
	run->opt = opt;
	run->stats = stats;
	run->report = report;
	run->rctx = report_ctx;
	strbuf_init(&run->form_schema);
	strbuf_addf(&run->form_schema, "%s/submission.xsd", opt->schema_dir);
	run->now = time(NULL);
	/* the input folder as the kernel names it: links may not lead out of it */
	if (!(run->root = realpath(opt->input_dir, NULL)))
		return tt_error_set(err, TT_EIO, "could not open folder '%s': %s", opt->input_dir,
				    strerror(errno));
	run->root_len = strlen(run->root);
	run->root_fd = open(run->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (run->root_fd >= 0 && !beneath_works(run)) {
		/* a kernel before 5.6, or a filter refusing the call: paths resolved first */
		close(run->root_fd);
		run->root_fd = -1;
	}
	load_frameworks(db, &run->fws, &run->nr_fws);
	return 0;
}

static void run_end(struct run *run)
{
	statements_release(&run->sts);
	forget_known(run);
	free_frameworks(run->fws, run->nr_fws);
	strbuf_release(&run->form_schema);
	free(run->root);
	if (run->root_fd >= 0)
		close(run->root_fd);
}

/*
 * A batch of files is committed once it holds this many files, or this
 * many values: a commit a file (its pages of file, file_stat, the indexes
 * and the change stamps written again each time, and the checkpoints
 * after) was a third of ingest's CPU once its statements were prepared
 * once; a batch bounds what a run killed has to read again and how large
 * the write-ahead log grows.
 */
#define BATCH_FILES 500
#define BATCH_VALUES 250000

/*
 * End the batch under way, if one is: committed when rc is 0 (then its
 * result), else its files committed if the database still can (the file
 * at fault was rolled back to its savepoint), else rolled back.  rc, or
 * TT_EDB with err.
 */
static int batch_end(sqlite3 *db, int rc, struct tt_error *err)
{
	if (sqlite3_get_autocommit(db))
		return rc;
	if (!rc)
		rc = db_exec(db, "COMMIT", err);
	else
		db_exec(db, "COMMIT", NULL);
	if (!sqlite3_get_autocommit(db))
		db_exec(db, "ROLLBACK", NULL);
	return rc;
}

/* Commit the batch under way, if one is, and begin counting the next. */
static int batch_cut(struct run *run, struct tt_error *err)
{
	int rc = batch_end(run->db, 0, err);

	run->batch = 0;
	run->batch_values = run->stats->values;
	return rc;
}

/*
 * File i of nr gone through (rc: what ingest_one() said): the batch
 * committed when it is full, the last file or the run's error ended it
 * (files that wrote nothing begin no batch and count in none); the
 * progress told.  rc, or the commit's error.
 */
static int gone_through(struct run *run, size_t i, size_t nr, int rc, struct tt_error *err)
{
	if (!sqlite3_get_autocommit(run->db) &&
	    (rc || ++run->batch == BATCH_FILES ||
	     run->stats->values - run->batch_values >= BATCH_VALUES || i + 1 == nr)) {
		rc = batch_end(run->db, rc, err);
		run->batch = 0;
		run->batch_values = run->stats->values;
	}
	tt_progress_step(run->opt->progress, (long)i + 1, (long)nr);
	return rc;
}

/*
 * When there are files enough worth a worker (worth_a_worker()), take
 * the walk's files from *i up to the last of them with workers reading
 * and parsing those (read_in_workers()), the others read here as their
 * turn comes; *i set to the first file not taken.  0, or the run's error.
 */
static int read_files_in_workers(struct run *run, const struct path_list *files, sqlite3 *db,
				 size_t *i, struct tt_error *err)
{
	struct job_reader jr;
	size_t *jobs = NULL, alloc = 0, nr = 0, f;
	int rc = 0;

	for (f = 0; f < files->nr; f++)
		if (worth_a_worker(run, &files->items[f])) {
			xgrow(&jobs, &alloc, nr + 1, sizeof(*jobs));
			jobs[nr++] = f;
		}
	if (nr < JOBS_WORTH_WORKERS) {
		free(jobs);
		return 0;
	}
	/* what comes before the first: frameworks and unit lists above all */
	for (; !rc && *i < jobs[0]; (*i)++)
		rc = gone_through(run, *i, files->nr,
				  ingest_one(run, files->items[*i].path, &files->items[*i], err), err);
	/* no transaction open across fork() */
	if (!rc)
		rc = batch_end(db, 0, err);
	if (!rc) {
		memset(&jr, 0, sizeof(jr));
		jr.run = run;
		jr.files = files;
		jr.jobs = jobs;
		jr.nr_jobs = nr;
		jr.db_path = sqlite3_db_filename(db, "main");
		if (jr.db_path && !*jr.db_path)
			jr.db_path = NULL;  /* in memory: the workers parse every file */
		jr.next_file = *i;
		jr.end_file = jobs[nr - 1] + 1;
		jr.err = err;
		rc = read_in_workers(&jr, (size_t)run->opt->jobs);
		*i = jr.next_file;  /* no worker started: none taken */
	}
	run->batch = 0;
	run->batch_values = run->stats->values;
	free(jobs);
	return rc;
}

int ingest_run(sqlite3 *db, const struct ingest_options *opt,
	       struct ingest_stats *stats, ingest_report_fn report, void *report_ctx,
	       struct tt_error *err)
{
	struct path_list files = { 0 };
	struct walker w;
	struct run run;
	size_t i;
	int rc;

	if ((rc = run_begin(&run, db, opt, stats, report, report_ctx, err))) {
		run_end(&run);
		return rc;
	}
	load_known(&run);
	memset(&w, 0, sizeof(w));
	w.run = &run;
	w.out = &files;
	rc = walk(&w, "", err);
	free(w.path);
	if (!rc)
		qsort(files.items, files.nr, sizeof(*files.items), path_cmp);
	run.sts.batched = 1;
	i = 0;
	if (!rc && opt->jobs > 1)
		rc = read_files_in_workers(&run, &files, db, &i, err);
	for (; !rc && i < files.nr; i++)
		rc = gone_through(&run, i, files.nr,
				  ingest_one(&run, files.items[i].path, &files.items[i], err), err);
	rc = batch_end(db, rc, err);  /* the walk's last files wrote nothing */
	run.sts.batched = 0;
	/* a unit list taken again was forgotten: read, whatever its stat */
	forget_known(&run);
	if (!rc)
		rc = retake_unit_lists(&run, &files, err);
	if (!rc && run.units_stored)
		stats->unit_rows_refused = refused_unit_rows(db);
	run_end(&run);
	for (i = 0; i < files.nr; i++)
		free(files.items[i].path);
	free(files.items);
	return rc;
}

/* Rows the unit lists as they are now refuse (E-UNITLIST issues), or -1. */
static long refused_unit_rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	long n = -1;

	if (db_prepare(db, &st, "SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id"
			       " WHERE i.code = 'E-UNITLIST'"
			       " AND f.id = (SELECT MAX(g.id) FROM file g WHERE g.path = f.path)", NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * Forget the files listed in the temporary table forget (and the paths
 * recorded as copies of them, never read): their units, issues, sheets and
 * file rows, so that the next ingest reads them as new.  In the caller's
 * transaction.
 */
static const char forget_listed_sql[] =
	"INSERT OR IGNORE INTO forget SELECT id FROM file WHERE same_as IN (SELECT id FROM forget);"
	"DELETE FROM unit WHERE file_id IN (SELECT id FROM forget);"
	"DELETE FROM unit_figures WHERE file_id IN (SELECT id FROM forget);"
	"DELETE FROM issue WHERE file_id IN (SELECT id FROM forget);"
	"DELETE FROM file_sheet WHERE file_id IN (SELECT id FROM forget);"
	"DELETE FROM file WHERE id IN (SELECT id FROM forget);"
	"DELETE FROM forget;"; /* not dropped: a caller's statement may still be stepping */

/* Forget the stored unit list id, in one transaction, to read it again. */
static int forget_file(sqlite3 *db, long long id, struct tt_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, outer;

	if ((rc = file_begin(db, 0, &outer, err)))
		return rc;
	if ((rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS forget(id INTEGER PRIMARY KEY);"
			      "DELETE FROM forget;", err)) ||
	    (rc = db_prepare(db, &st, "INSERT INTO forget VALUES(?1)", err)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not forget a file", err);
	sqlite3_finalize(st);
	if (rc || (rc = db_exec(db, forget_listed_sql, err)))
		goto fail;
	return file_end(db, outer, 1, err);
fail:
	file_end(db, outer, 0, NULL);
	return rc;
}

/* *pending = 1 if a unit list went in since the last retake_unit_lists(). */
static int retake_pending(sqlite3 *db, int *pending, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "SELECT 1 FROM meta WHERE key = 'unit_retake'", err)))
		return rc;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*pending = 1;
		break;
	case SQLITE_DONE:
		*pending = 0;
		break;
	default:
		rc = db_fail(db, "could not read the database", err);
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * A unit list may refuse rows whose parent is in a list read after it
 * (units/a-schools.csv before units/b-office.csv, or the office's list sent
 * a week later).  When a unit list went in, the lists that still refuse
 * rows and are still in the drop folder are read again, until no more of
 * their rows are taken: nobody has to send them again.
 *
 * That a list went in is kept in the database, in the list's own
 * transaction (meta 'unit_retake'), and each pass (every list forgotten,
 * then read again in the order they first came) is one transaction that
 * also drops the mark when it is the last: a run cut short anywhere leaves
 * the next run to make the same passes, and none twice.
 */
static int retake_unit_lists(struct run *run, const struct path_list *files,
			     struct tt_error *err)
{
	sqlite3 *db = run->db;
	long before, after;
	size_t pass;
	int pending = 0, rc;

	if ((rc = retake_pending(db, &pending, err)) || !pending)
		return rc;
	for (pass = 0; !rc && pass < files->nr; pass++) {
		sqlite3_stmt *st;
		struct path_list again = { 0 };
		size_t i, j;

		if ((before = refused_unit_rows(db)) <= 0)
			break;
		if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
			break;
		if ((rc = db_prepare(db, &st,
				     "SELECT f.id, f.path FROM file f WHERE f.kind = 'units'"
				     " AND f.status = 'stored'"
				     " AND f.id = (SELECT MAX(g.id) FROM file g WHERE g.path = f.path)"
				     " AND EXISTS (SELECT 1 FROM issue i"
				     " WHERE i.file_id = f.id AND i.code = 'E-UNITLIST')"
				     /* first come, first served: a code claimed twice stays with the older list */
				     " ORDER BY (SELECT MIN(g.id) FROM file g WHERE g.path = f.path)", err))) {
			db_exec(db, "ROLLBACK", NULL);
			break;
		}
		while (!rc && sqlite3_step(st) == SQLITE_ROW) {
			const char *path = db_column_text(st, 1);

			for (j = 0; j < files->nr && strcmp(files->items[j].path, path); j++)
				;
			if (j == files->nr)
				continue;  /* gone from the drop folder: left as it is */
			rc = forget_file(db, sqlite3_column_int64(st, 0), err);
			if (!rc) {
				add_path(&again, xstrdup(path), NULL);
			}
		}
		sqlite3_finalize(st);
		for (i = 0; !rc && i < again.nr; i++) {
			run->stats->stored--;  /* counted once, when first read */
			rc = ingest_one(run, again.items[i].path, NULL, err);
		}
		for (i = 0; i < again.nr; i++)
			free(again.items[i].path);
		free(again.items);
		after = refused_unit_rows(db);
		if (!rc && after >= before)
			rc = db_exec(db, "DELETE FROM meta WHERE key = 'unit_retake'", err);
		if (!rc)
			rc = db_exec(db, "COMMIT", err);
		if (rc) {
			db_exec(db, "ROLLBACK", NULL);
			break;
		}
		if (after >= before)
			return 0;
	}
	if (!rc)  /* nothing refused, or as many passes as files */
		rc = db_exec(db, "DELETE FROM meta WHERE key = 'unit_retake'", err);
	return rc;
}

int ingest_forget_failed(sqlite3 *db, int *nr, struct tt_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*nr = 0;
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
		return rc;
	if ((rc = db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS forget(id INTEGER PRIMARY KEY);"
			      "DELETE FROM forget;"
			      "INSERT INTO forget SELECT id FROM file WHERE status = 'failed';", err)))
		goto fail;
	if ((rc = db_prepare(db, &st, "SELECT COUNT(*) FROM forget", err)))
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		*nr = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* copies of a failed file were never read: they are taken again too */
	if ((rc = db_exec(db, forget_listed_sql, err)))
		goto fail;
	return db_exec(db, "COMMIT", err);
fail:
	db_exec(db, "ROLLBACK", NULL);
	return rc;
}

int ingest_file(sqlite3 *db, const struct ingest_options *opt, const char *rel,
		struct ingest_stats *stats, ingest_report_fn report, void *report_ctx,
		long long *file_id, struct tt_error *err)
{
	struct run run;
	sqlite3_stmt *st;
	int rc;

	*file_id = 0;
	if (!(rc = run_begin(&run, db, opt, stats, report, report_ctx, err)))
		rc = ingest_one(&run, rel, NULL, err);
	run_end(&run);
	if (rc || (rc = db_prepare(db, &st, "SELECT COALESCE(same_as, id) FROM file"
					    " WHERE path = ?1 ORDER BY id DESC LIMIT 1", err)))
		return rc;
	db_bind_text(st, 1, rel);
	if (sqlite3_step(st) == SQLITE_ROW)
		*file_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}
