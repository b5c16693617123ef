/*
 * outindex.c - the index pages of output/: which reports, cards and
 * receipts there are for each office and fiscal year, in Thai, as plain
 * HTML an officer opens from the folder (no server, no script).
 *
 * The disk says which files there are; the database names them (units),
 * says each receipt's input file and status, the data date, and which
 * reports should be there (rendered); the status module gives the counts
 * of each round and who is missing, rejected or held.  A
 * page is built whole in memory and written into a batch (tt_batch),
 * which leaves a file holding the same bytes untouched; nothing on a page
 * comes from the clock, so a page changes only when what it lists does.
 * The workload is small: a few thousand files per office and year, read
 * once per run, and only when the digest of what the pages show
 * (pages_digest()) or a page on disk (pages_current()) changed since they
 * were last made; then only the pages whose own digest (page_digest()),
 * file or folders changed, and the top page.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/outindex.h"
#include "tidtam/period.h"
#include "tidtam/receipt.h"
#include "tidtam/sha256.h"
#include "tidtam/status.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "build-id.h"
#include "tidtam/banned.h"

/* ---- what the database says ---------------------------------------- */

struct unit_row {
	char *code, *name, *kind, *parent;
};

enum receipt_status { RS_NONE, RS_ACCEPTED, RS_PARTLY, RS_HELD, RS_REJECTED };

struct receipt_row {
	const char *stem;         /* receipts/<FY>/<unit>/<name>, no extension */
	const char *input;        /* the input file's path under input/ */
	enum receipt_status status;
	const char *pdf;          /* the PDF binding it: its name in the same folder,
				     no extension, kept once; NULL: none */
	int page;                 /* its first page there */
};

/* A folder the pages list, as it was when listed: -1 when it was not there. */
struct folder_seen {
	char *rel;                /* under the output folder */
	long long mtime_ns, ino;
};

/* A page made, as pages_made() records it. */
struct page_made {
	char *path;               /* under the output folder */
	char *inputs;             /* the digest it was made from */
	char *counts;             /* its status counts (add_counts()); NULL: none */
};

struct ctx {
	sqlite3 *db;
	const char *out;          /* the output folder */
	struct tt_error *err;
	struct unit_row *units;   /* sorted by code */
	size_t nr_units, alloc_units;
	struct receipt_row *receipts;   /* sorted by stem */
	size_t nr_receipts, alloc_receipts;
	struct tt_strpool receipt_strings; /* their stems and inputs */
	struct tt_strset receipt_pdfs;     /* their PDFs' names, each once */
	int receipts_whole;       /* receipts holds every one: receipts_of_folder() */
	int receipts_legacy;      /* -1: not known yet; 1: a path not under receipts/ */
	sqlite3_stmt *folder_receipts;  /* FOLDER_RECEIPTS_SQL, once prepared */
	char **rendered;          /* paths under the output folder, sorted */
	size_t nr_rendered, alloc_rendered;
	int date_year, date_read, date_found;  /* data_date() of date_year, once */
	struct tt_date date;
	struct page_made *written;  /* the pages made, recorded by pages_made() */
	size_t nr_written, alloc_written;
	const char *inputs;       /* the digest of the page being made */
	const char *counts;       /* and its counts, recorded with it; NULL: none */
	struct tt_batch batch;    /* the pages whose bytes changed, to go into place */
	struct folder_seen *folders;   /* each folder listed, as it was */
	size_t nr_folders, alloc_folders;
	struct fy_receipts *fy_receipts; /* receipts/<FY> read, once a year */
	size_t nr_fy_receipts, alloc_fy_receipts;
};

/* A file's path as the database holds it, made relative to the output folder. */
static const char *output_relative(const char *path, const char *out, const char *top)
{
	size_t n = strlen(out), t = strlen(top);
	const char *p, *last = NULL;

	if (!strncmp(path, out, n) && path[n] == '/' && !strncmp(path + n + 1, top, t))
		return path + n + 1;
	if (!strncmp(path, top, t))
		last = path;
	for (p = strchr(path, '/'); p; p = strchr(p + 1, '/'))
		if (!strncmp(p + 1, top, t))
			last = p + 1;
	return last;
}

static int cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct unit_row *)a)->code, ((const struct unit_row *)b)->code);
}

static const struct unit_row *unit_find(const struct ctx *c, const char *code)
{
	struct unit_row key = { (char *)code, NULL, NULL, NULL };

	if (!c->nr_units)
		return NULL;
	return bsearch(&key, c->units, c->nr_units, sizeof(key), cmp_unit);
}

/* The office a unit is in (itself for an office), or NULL. */
static const char *unit_office(const struct ctx *c, const char *code)
{
	const struct unit_row *u = unit_find(c, code);
	int depth;

	for (depth = 0; u && depth < 16; depth++) {   /* a cycle never goes in */
		if (!strcmp(u->kind, "office"))
			return u->code;
		u = u->parent ? unit_find(c, u->parent) : NULL;
	}
	return NULL;
}

static int cmp_receipt(const void *a, const void *b)
{
	return strcmp(((const struct receipt_row *)a)->stem,
		      ((const struct receipt_row *)b)->stem);
}

static const struct receipt_row *receipt_find(const struct ctx *c, const char *stem)
{
	struct receipt_row key = { stem, NULL, RS_NONE, NULL, 0 };

	if (!c->nr_receipts)
		return NULL;
	return bsearch(&key, c->receipts, c->nr_receipts, sizeof(key), cmp_receipt);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_units(struct ctx *c)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = db_prepare(c->db, &st, "SELECT code, name, kind, parent FROM unit ORDER BY code",
			     c->err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit_row *u;

		xgrow(&c->units, &c->alloc_units, c->nr_units + 1, sizeof(*c->units));
		u = &c->units[c->nr_units++];
		u->code = xstrdup(db_column_text(st, 0));
		u->name = xstrdup(db_column_text(st, 1));
		u->kind = xstrdup(db_column_text(st, 2));
		u->parent = sqlite3_column_type(st, 3) == SQLITE_NULL
			    ? NULL : xstrdup(db_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(c->db, "could not list the units", c->err);
	if (c->nr_units)
		qsort(c->units, c->nr_units, sizeof(*c->units), cmp_unit);
	return 0;
}

/*
 * Receipts with their input file and the file's status: refused when the
 * file could not be read or none of its units went in, partly when some
 * did and some did not, held when a unit waits for a round to reopen.  Of
 * every file (where: "1"), or of one folder, its paths ?1 <= receipt < ?2
 * (file_receipt, schema 25).
 */
#define RECEIPTS_SQL(where) \
	"SELECT f.receipt, f.path, c.status, " RECEIPT_SUBMISSIONS("accepted") "," \
	" " RECEIPT_SUBMISSIONS("rejected") ", " RECEIPT_SUBMISSIONS("held") "," \
	" f.receipt_pdf, f.receipt_page" \
	/* a copy (moved) stands as the file it copies */ \
	" FROM file f JOIN file c ON c.id = COALESCE(f.same_as, f.id)" \
	" WHERE f.receipt IS NOT NULL AND " where
/* (by file, not grouped: a grouping by file would read every file in order) */
#define RECEIPT_SUBMISSIONS(status) \
	"(SELECT COUNT(*) FROM submission s WHERE s.file_id = c.id AND s.status = '" status "')"
#define FOLDER_RECEIPTS_SQL RECEIPTS_SQL("f.receipt >= ?1 AND f.receipt < ?2")
/* whether a receipt's path is held other than under receipts/, as before schema 25 */
#define RECEIPTS_LEGACY_SQL \
	"SELECT EXISTS (SELECT 1 FROM file WHERE receipt < 'receipts/')" \
	" OR EXISTS (SELECT 1 FROM file WHERE receipt >= 'receipts0')"

const char *const *outindex_statements(void)
{
	static const char *const sql[] = { FOLDER_RECEIPTS_SQL, RECEIPTS_LEGACY_SQL, NULL };

	return sql;
}

/* The receipts st reads, added to c->receipts, which is then sorted.  0 or TT_EDB. */
static int add_receipts_read(struct ctx *c, sqlite3_stmt *st)
{
	struct strbuf pdf;
	int step;

	strbuf_init(&pdf);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = output_relative(db_column_text(st, 0), c->out, "receipts/");
		int accepted = sqlite3_column_int(st, 3), rejected = sqlite3_column_int(st, 4);
		int held = sqlite3_column_int(st, 5);
		struct receipt_row *r;
		size_t n;

		if (!rel || (n = strlen(rel)) < 5 || strcmp(rel + n - 4, ".txt"))
			continue;
		xgrow(&c->receipts, &c->alloc_receipts, c->nr_receipts + 1, sizeof(*c->receipts));
		r = &c->receipts[c->nr_receipts++];
		r->stem = tt_strpool_add(&c->receipt_strings, rel, n - 4);
		r->input = db_column_text(st, 1);
		r->input = tt_strpool_add(&c->receipt_strings, r->input, strlen(r->input));
		/* the PDF lies beside the text: its name is enough */
		r->pdf = NULL;
		r->page = sqlite3_column_int(st, 7);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			const char *path = db_column_text(st, 6), *slash = strrchr(path, '/');

			size_t len;

			path = slash ? slash + 1 : path;
			len = strlen(path);
			if (len > 4 && !strcmp(path + len - 4, ".pdf"))
				len -= 4;
			strbuf_reset(&pdf);
			strbuf_add(&pdf, path, len);
			r->pdf = tt_strset_add(&c->receipt_pdfs, pdf.buf);
		}
		if (!strcmp(db_column_text(st, 2), "failed") || (rejected && !accepted && !held))
			r->status = RS_REJECTED;
		else if (rejected)
			r->status = RS_PARTLY;
		else if (held)
			r->status = RS_HELD;
		else
			r->status = RS_ACCEPTED;
	}
	strbuf_release(&pdf);
	if (step != SQLITE_DONE)
		return db_fail(c->db, "could not list the receipts", c->err);
	if (c->nr_receipts)
		qsort(c->receipts, c->nr_receipts, sizeof(*c->receipts), cmp_receipt);
	return 0;
}

/*
 * The receipts of the folder rel ("receipts/<FY>/<unit>/") into
 * c->receipts, before its rows are listed (add_receipt_unit()): only the
 * folders of the pages made are read, so that a change in one office does
 * not read every receipt of the nation (126,000 at 245 offices, 0.3 s of
 * one change's render).  A database holding a receipt's path other than
 * under receipts/ (made before schema 25's index, by a run under another
 * name of the output folder) has every receipt read at once instead, their
 * strings packed in a pool and their PDFs' names kept once.  0 or TT_EDB.
 */
static int receipts_of_folder(struct ctx *c, const char *rel)
{
	struct strbuf end;
	sqlite3_stmt *st;
	int rc;

	if (c->receipts_whole)
		return 0;
	if (c->receipts_legacy < 0) {
		if ((rc = db_prepare(c->db, &st, RECEIPTS_LEGACY_SQL, c->err)))
			return rc;
		c->receipts_legacy = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (c->receipts_legacy) {
		if ((rc = db_prepare(c->db, &st, RECEIPTS_SQL("1"), c->err)))
			return rc;
		c->nr_receipts = 0;
		rc = add_receipts_read(c, st);
		sqlite3_finalize(st);
		c->receipts_whole = !rc;
		return rc;
	}
	if (!c->folder_receipts &&
	    (rc = db_prepare(c->db, &c->folder_receipts, FOLDER_RECEIPTS_SQL, c->err)))
		return rc;
	/* the folder's paths: from "…/" up to "…0", the byte after '/' */
	strbuf_init(&end);
	strbuf_addstr(&end, rel);
	if (end.len && end.buf[end.len - 1] == '/')
		end.buf[end.len - 1] = '0';
	st = c->folder_receipts;
	sqlite3_reset(st);
	db_bind_text(st, 1, rel);
	db_bind_text(st, 2, end.buf);
	c->nr_receipts = 0;
	tt_strpool_release(&c->receipt_strings);
	rc = add_receipts_read(c, st);
	sqlite3_reset(st);
	strbuf_release(&end);
	return rc;
}

static int load_rendered(struct ctx *c)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = db_prepare(c->db, &st, "SELECT path FROM rendered", c->err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rel = output_relative(db_column_text(st, 0), c->out, "reports/");

		if (!rel)
			continue;
		xgrow(&c->rendered, &c->alloc_rendered, c->nr_rendered + 1, sizeof(*c->rendered));
		c->rendered[c->nr_rendered++] = xstrdup(rel);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(c->db, "could not list the reports made", c->err);
	if (c->nr_rendered)
		qsort(c->rendered, c->nr_rendered, sizeof(*c->rendered), cmp_str);
	return 0;
}

/* The index in c->rendered of the first path not before prefix. */
static size_t first_under(const struct ctx *c, const char *prefix)
{
	size_t lo = 0, hi = c->nr_rendered;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->rendered[mid], prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The data date of a year: its newest submission checked; 0 if none. */
static int data_date(struct ctx *c, int fy, struct tt_date *out)
{
	sqlite3_stmt *st;

	/* the same for every page of the year: read once */
	if (c->date_year == fy && c->date_read) {
		*out = c->date;
		return c->date_found;
	}
	c->date_year = fy;
	c->date_read = 1;
	c->date_found = 0;
	if (db_prepare(c->db, &st, "SELECT MAX(submitted_on) FROM submission"
				   " WHERE fiscal_year = ?1 AND status <> 'new'", NULL))
		return 0;
	sqlite3_bind_int(st, 1, fy);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		c->date_found = !period_parse_date(db_column_text(st, 0), &c->date);
	sqlite3_finalize(st);
	*out = c->date;
	return c->date_found;
}

/* ---- what the disk holds -------------------------------------------- */

/* The files of one name in a folder: "annual-2567" with pdf; "x.csv" with pdf, txt. */
struct stem_files {
	char *stem;
	char **exts;              /* sorted: pdf, csv, txt, json, then the rest */
	size_t nr, alloc;
	int listed;               /* shown on a page already */
};

struct listing {
	struct stem_files *v;     /* sorted by stem */
	size_t nr, alloc;
};

static int ext_rank(const char *ext)
{
	static const char *const order[] = { "pdf", "csv", "txt", "json" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(*order); i++)
		if (!strcmp(ext, order[i]))
			return (int)i;
	return 100;
}

static int cmp_ext(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int rx = ext_rank(x), ry = ext_rank(y);

	return rx != ry ? rx - ry : strcmp(x, y);
}

static int cmp_stem(const void *a, const void *b)
{
	return strcmp(((const struct stem_files *)a)->stem, ((const struct stem_files *)b)->stem);
}

static void listing_release(struct listing *l)
{
	size_t i, j;

	for (i = 0; i < l->nr; i++) {
		for (j = 0; j < l->v[i].nr; j++)
			free(l->v[i].exts[j]);
		free(l->v[i].exts);
		free(l->v[i].stem);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct stem_files *listing_find(const struct listing *l, const char *stem)
{
	struct stem_files key;

	if (!l->nr)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.stem = (char *)stem;
	return bsearch(&key, l->v, l->nr, sizeof(key), cmp_stem);
}

/* 1 if name ("stem.ext") is a regular file of the listing l. */
static int listed(const struct listing *l, const char *name)
{
	const char *dot = strrchr(name, '.');
	struct stem_files *f;
	struct strbuf stem;
	size_t i;
	int found = 0;

	if (!dot || dot == name)
		return 0;
	strbuf_init(&stem);
	strbuf_add(&stem, name, (size_t)(dot - name));
	if ((f = listing_find(l, stem.buf)))
		for (i = 0; i < f->nr && !found; i++)
			found = !strcmp(f->exts[i], dot + 1);
	strbuf_release(&stem);
	return found;
}

/* A name tt_write_file_atomic() gives a file while it writes it. */
static int is_temporary(const char *name)
{
	const char *p = strstr(name, ".tmp.");

	if (!p)
		return 0;
	for (p += 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* Note folder dir (under c->out) as listed: its modification time and inode, or gone. */
static void folder_seen(struct ctx *c, const char *dir, const struct stat *st)
{
	struct folder_seen *f;

	if (strncmp(dir, c->out, strlen(c->out)) || dir[strlen(c->out)] != '/')
		return;
	xgrow(&c->folders, &c->alloc_folders, c->nr_folders + 1, sizeof(*c->folders));
	f = &c->folders[c->nr_folders++];
	f->rel = xstrdup(dir + strlen(c->out) + 1);
	f->mtime_ns = st ? tt_timespec_ns(&st->st_mtim) : -1;
	f->ino = st ? (long long)st->st_ino : -1;
}

/*
 * The entries of dir, sorted: folders (want_dirs) or regular files, leaving
 * out hidden names, the index page and files being written.  A folder that
 * is not there has no entries.  0 or TT_EIO.
 */
static int read_names(struct ctx *c, const char *dir, int want_dirs, char ***names, size_t *nr)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat ds;
	size_t alloc = 0;

	*names = NULL;
	*nr = 0;
	if (!d) {
		if (errno != ENOENT && errno != ENOTDIR)
			return tt_error_set(c->err, TT_EIO, "could not read '%s': %s", dir,
					    strerror(errno));
		folder_seen(c, dir, NULL);
		return 0;
	}
	/* an entry added or removed changes the folder's modification time */
	folder_seen(c, dir, fstat(dirfd(d), &ds) ? NULL : &ds);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "index.html") ||
		    is_temporary(e->d_name))
			continue;
		/* the entry's type as the folder gives it: no lstat() a file */
		if (tt_entry_type(dir, e) != (want_dirs ? DT_DIR : DT_REG))
			continue;
		xgrow(names, &alloc, *nr + 1, sizeof(**names));
		(*names)[(*nr)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*nr)
		qsort(*names, *nr, sizeof(**names), cmp_str);
	return 0;
}

static void free_names(char **names, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

struct name_pair {
	char *stem, *ext;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct name_pair *x = a, *y = b;
	int c = strcmp(x->stem, y->stem);

	return c ? c : cmp_ext(&x->ext, &y->ext);
}

/* The files of dir grouped by name without extension.  0 or TT_EIO. */
static int list_files(struct ctx *c, const char *dir, struct listing *out)
{
	struct name_pair *pairs;
	char **names;
	size_t nr, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_names(c, dir, 0, &names, &nr)) || !nr)
		return rc;
	pairs = xcalloc(nr, sizeof(*pairs));
	for (i = 0; i < nr; i++) {
		char *dot = strrchr(names[i], '.');

		pairs[i].stem = names[i];
		pairs[i].ext = "";
		if (dot && dot != names[i]) {
			*dot = '\0';
			pairs[i].ext = dot + 1;
		}
	}
	qsort(pairs, nr, sizeof(*pairs), cmp_pair);
	for (i = 0; i < nr; i++) {
		struct stem_files *s = out->nr ? &out->v[out->nr - 1] : NULL;

		if (!s || strcmp(s->stem, pairs[i].stem)) {
			xgrow(&out->v, &out->alloc, out->nr + 1, sizeof(*out->v));
			s = &out->v[out->nr++];
			memset(s, 0, sizeof(*s));
			s->stem = xstrdup(pairs[i].stem);
		}
		xgrow(&s->exts, &s->alloc, s->nr + 1, sizeof(*s->exts));
		s->exts[s->nr++] = xstrdup(pairs[i].ext);
	}
	free(pairs);
	free_names(names, nr);
	return 0;
}

/* ---- HTML ----------------------------------------------------------- */

/* Text with its numbers in Thai digits (codes and paths keep theirs), escaped. */
static void esc_thai(struct strbuf *sb, const char *s)
{
	struct strbuf t;

	strbuf_init(&t);
	thai_digits(&t, s);
	strbuf_add_markup(sb, t.buf);
	strbuf_release(&t);
}

/*
 * A relative link: every byte but [A-Za-z0-9/._~-] percent-encoded;
 * with page > 0, to that page of a PDF ("#page=3").
 */
static void add_href_at(struct strbuf *sb, const char *prefix, const char *rel, int page)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	strbuf_addstr(sb, " href=\"");
	strbuf_addstr(sb, prefix);
	for (p = (const unsigned char *)rel; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._~-", *p)) {
			strbuf_addch(sb, *p);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[*p >> 4]);
			strbuf_addch(sb, hex[*p & 15]);
		}
	}
	if (page > 0)
		strbuf_addf(sb, "#page=%d", page);
	strbuf_addch(sb, '"');
}

static void add_href(struct strbuf *sb, const char *prefix, const char *rel)
{
	add_href_at(sb, prefix, rel, 0);
}

/* One link per extension of a name: PDF CSV TXT … */
static void add_file_links(struct strbuf *sb, const char *prefix, const char *dir,
			   const struct stem_files *s)
{
	struct strbuf rel;
	size_t i;
	const char *p;

	strbuf_init(&rel);
	for (i = 0; i < s->nr; i++) {
		strbuf_reset(&rel);
		strbuf_addf(&rel, "%s%s%s%s", dir, s->stem, *s->exts[i] ? "." : "", s->exts[i]);
		strbuf_addstr(sb, "<a class=\"f\"");
		add_href(sb, prefix, rel.buf);
		strbuf_addch(sb, '>');
		if (!*s->exts[i])
			strbuf_addstr(sb, "ไฟล์");
		for (p = s->exts[i]; *p; p++)
			strbuf_addch(sb, *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		strbuf_addstr(sb, "</a> ");
	}
	strbuf_release(&rel);
}

static const char style[] =
	"body{font-family:\"Laksaman\",\"TH Sarabun New\",\"TH SarabunPSK\",\"Sarabun\","
	"\"Noto Sans Thai\",\"Noto Sans Thai UI\",\"Noto Sans\",sans-serif;font-size:18px;"
	"line-height:1.6;color:#111;background:#fff;max-width:62em;margin:0 auto;padding:0 1em}\n"
	"h1{font-size:1.6em;margin:.6em 0 .1em}\n"
	"h2{font-size:1.3em;margin:1.4em 0 .4em;border-bottom:2px solid #444}\n"
	"h3{font-size:1.1em;margin:1em 0 .3em}\n"
	"p.sub{margin:0 0 1em;color:#333}\n"
	".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
	"table{border-collapse:collapse;margin:.2em 0 1em;min-width:60%}\n"
	"th,td{border:1px solid #888;padding:.2em .5em;text-align:left;vertical-align:top}\n"
	"th{background:#e8e8e8}\n"
	"td.n,th.n{text-align:right;white-space:nowrap}\n"
	".code{white-space:nowrap}\n"
	"table.who th,table.counts th{white-space:nowrap}\n"
	"a.f{display:inline-block;padding:.1em .4em;margin:.1em .3em .1em 0;"
	"border:1px solid #36c;border-radius:3px;text-decoration:none;color:#124}\n"
	"td.st-rejected{color:#a00;font-weight:bold}\n"
	"td.st-partly,td.st-held{color:#850;font-weight:bold}\n"
	"td.draft{color:#555}td.forced{color:#850;font-weight:bold}\n"
	".gone{color:#a00}\n"
	"@media (max-width:600px){body{font-size:16px;padding:0 .4em}"
	"th,td{padding:.15em .3em}}\n"
	"@media print{body{max-width:none;font-size:14pt}.scroll{overflow:visible}"
	"nav{display:none}a.f{border:none;padding:0;color:#000}"
	"tr,h3{break-inside:avoid}h2,h3{break-after:avoid}}\n";

static void page_begin(struct strbuf *sb, const char *title)
{
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>");
	esc_thai(sb, title);
	strbuf_addstr(sb, "</title>\n<style>\n");
	strbuf_addstr(sb, style);
	strbuf_addstr(sb, "</style>\n</head>\n<body>\n");
}

static void page_end(struct strbuf *sb)
{
	strbuf_addstr(sb, "</body>\n</html>\n");
}

/* "ปีงบประมาณ พ.ศ. ๒๕๖๗ · ข้อมูล ณ วันที่ ๑๕ ตุลาคม ๒๕๖๗" */
static void add_year_line(struct strbuf *sb, struct ctx *c, int fy)
{
	struct strbuf t;
	struct tt_date d;

	strbuf_init(&t);
	period_format_fiscal_year(&t, fy);
	if (data_date(c, fy, &d)) {
		strbuf_addstr(&t, " · ข้อมูล ณ วันที่ ");
		period_format_thai(&t, &d, 1);
	}
	esc_thai(sb, t.buf);
	strbuf_release(&t);
}

static void add_unit_name(struct strbuf *sb, struct ctx *c, const char *code)
{
	const struct unit_row *u = unit_find(c, code);

	if (u) {
		esc_thai(sb, u->name);
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, "<span class=\"code\">(");
	strbuf_add_markup(sb, code);
	strbuf_addstr(sb, ")</span>");
}

/*
 * The status counts of one office's year, a row per round, and its
 * approval, from its rounds (status_load() of the office).
 */
static void add_counts(struct strbuf *sb, const struct status_list *status, int fy,
		       const char *office)
{
	static const char *const heads[] = { "ต้องส่ง", "ส่งแล้ว", "ตรงเวลา", "ล่าช้า",
					     "ยังไม่ส่ง", "ไม่ผ่าน", "พักไว้" };
	static const char *const keys[] = { "expected", "received", "on-time", "late",
					    "missing", "rejected", "held" };
	size_t i, k, shown = 0;

	for (i = 0; i < status->nr_rounds; i++) {
		const struct status_round *n = &status->rounds[i];
		long v[7];
		struct strbuf t;

		if (n->fiscal_year != fy || strcmp(n->office, office))
			continue;
		if (!shown++) {
			strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"counts\">\n<thead><tr>"
					  "<th>รอบ</th>");
			for (k = 0; k < 7; k++)
				strbuf_addf(sb, "<th class=\"n\">%s</th>", heads[k]);
			strbuf_addstr(sb, "<th>การอนุมัติ</th></tr></thead>\n<tbody>\n");
		}
		v[0] = n->expected; v[1] = n->received; v[2] = n->on_time; v[3] = n->late;
		v[4] = n->missing; v[5] = n->rejected; v[6] = n->held;
		strbuf_addf(sb, "<tr data-fy=\"%d\" data-office=\"", fy);
		strbuf_add_markup(sb, office);
		strbuf_addf(sb, "\" data-round=\"%d\"><th>", n->round);
		strbuf_init(&t);
		period_format_round(&t, n->round);
		esc_thai(sb, t.buf);
		strbuf_release(&t);
		strbuf_addstr(sb, "</th>");
		for (k = 0; k < 7; k++) {
			strbuf_addf(sb, "<td class=\"n %s\">", keys[k]);
			thai_format_number(sb, (double)v[k], 0, 1);
			strbuf_addstr(sb, "</td>");
		}
		/* from the approval table, so the page is written again when it changes */
		strbuf_addf(sb, "<td class=\"approval %s\">", !n->approval.approved ? "draft"
			    : n->approval.forced ? "forced" : "approved");
		strbuf_init(&t);
		approval_describe(&n->approval, APPROVAL_BRIEF, &t);
		esc_thai(sb, t.buf);
		strbuf_release(&t);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	if (shown)
		strbuf_addstr(sb, "</tbody>\n</table></div>\n");
	else
		strbuf_addstr(sb, "<p>ยังไม่มีข้อมูลสถานะการส่งของปีนี้</p>\n");
}

/* The units of one round in a state (held: with held submissions), by name. */
static size_t add_units_in(struct strbuf *sb, const struct status_round *n,
			   enum status_state state)
{
	size_t i, shown = 0;

	for (i = 0; i < n->nr_units; i++) {
		const struct status_unit *u = &n->units[i];

		if (state == STATUS_HELD ? !u->held : u->state != state)
			continue;
		if (shown++)
			strbuf_addstr(sb, ", ");
		esc_thai(sb, u->name);
		strbuf_addstr(sb, " <span class=\"code\">(");
		strbuf_add_markup(sb, u->code);
		strbuf_addstr(sb, ")</span>");
	}
	if (!shown)
		strbuf_addstr(sb, "–");
	return shown;
}

/* Who has not sent, whose data was not accepted, whose waits: per round. */
static void add_who(struct strbuf *sb, const struct status_list *status, int fy,
		    const char *office)
{
	size_t i, shown = 0;

	for (i = 0; i < status->nr_rounds; i++) {
		const struct status_round *n = &status->rounds[i];
		struct strbuf t;

		if (n->fiscal_year != fy || strcmp(n->office, office) ||
		    !(n->missing || n->rejected || n->held))
			continue;
		if (!shown++)
			strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"who\">\n<thead><tr>"
					  "<th>รอบ</th><th>ยังไม่ส่ง</th><th>ไม่ผ่าน</th><th>พักไว้</th>"
					  "</tr></thead>\n<tbody>\n");
		strbuf_addstr(sb, "<tr><th>");
		strbuf_init(&t);
		period_format_round(&t, n->round);
		esc_thai(sb, t.buf);
		strbuf_release(&t);
		strbuf_addstr(sb, "</th><td class=\"missing-units\">");
		add_units_in(sb, n, STATUS_MISSING);
		strbuf_addstr(sb, "</td><td class=\"rejected-units\">");
		add_units_in(sb, n, STATUS_REJECTED);
		strbuf_addstr(sb, "</td><td class=\"held-units\">");
		add_units_in(sb, n, STATUS_HELD);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	if (shown)
		strbuf_addstr(sb, "</tbody>\n</table></div>\n");
}

/* ---- an office's page ----------------------------------------------- */

/* 1 and the months if stem is "<prefix><FY>-<m>m". */
static int round_stem(const char *stem, const char *prefix, int fy, int *months)
{
	struct strbuf want;
	const char *p;
	long m = 0;
	int ok;

	strbuf_init(&want);
	strbuf_addf(&want, "%s%d-", prefix, fy);
	ok = !strncmp(stem, want.buf, want.len);
	p = stem + (ok ? want.len : 0);
	strbuf_release(&want);
	if (!ok || *p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9' && m < 100; p++)
		m = m * 10 + (*p - '0');
	if (strcmp(p, "m"))
		return 0;
	*months = (int)m;
	return 1;
}

/* Where a report goes in the table (annual; each round's progress, validation; the rest). */
static int report_key(const char *stem, int fy, int *months)
{
	struct strbuf annual;
	int is_annual;

	strbuf_init(&annual);
	strbuf_addf(&annual, "annual-%d", fy);
	is_annual = !strcmp(stem, annual.buf);
	strbuf_release(&annual);
	*months = 0;
	if (is_annual)
		return 0;
	if (round_stem(stem, "progress-", fy, months))
		return *months * 10 + 1;
	if (round_stem(stem, "validation-", fy, months))
		return *months * 10 + 2;
	if (round_stem(stem, "national-", fy, months))
		return *months * 10 + 3;
	return 10000;
}

struct report_entry {
	int key, months;
	const struct stem_files *files;
};

static int cmp_report(const void *a, const void *b)
{
	const struct report_entry *x = a, *y = b;

	return x->key != y->key ? x->key - y->key : strcmp(x->files->stem, y->files->stem);
}

/*
 * The reports of an office's folder, and those the database says were
 * made there (rendered) but are not: files, cards and summaries are the
 * folder's listings (a report listed is there; one not listed is looked
 * for).
 */
static void add_reports(struct strbuf *sb, struct ctx *c, int fy, const char *office,
			const struct listing *files, const struct listing *cards,
			const struct listing *summaries)
{
	struct report_entry *order;
	struct strbuf label, prefix;
	size_t i, missing = 0;

	strbuf_addstr(sb, "<h2 id=\"reports\">รายงาน</h2>\n");
	if (!files->nr)
		strbuf_addstr(sb, "<p>ยังไม่มีรายงานของปีนี้</p>\n");
	order = xcalloc(files->nr + 1, sizeof(*order));
	for (i = 0; i < files->nr; i++) {
		order[i].files = &files->v[i];
		order[i].key = report_key(files->v[i].stem, fy, &order[i].months);
	}
	if (files->nr)
		qsort(order, files->nr, sizeof(*order), cmp_report);
	strbuf_init(&label);
	if (files->nr)
		strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"reports\">\n<thead><tr>"
				  "<th>รายงาน</th><th>ไฟล์</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < files->nr; i++) {
		int months = order[i].months, key = order[i].key;

		strbuf_reset(&label);
		if (key == 0)
			strbuf_addstr(&label, "รายงานผลการดำเนินงานประจำปี");
		else if (key < 10000) {
			strbuf_addstr(&label, key % 10 == 1 ? "รายงานความก้าวหน้า "
					  : key % 10 == 3 ? "รายงานสรุปผลระดับประเทศ "
					  : "รายงานการตรวจสอบข้อมูล ");
			period_format_round(&label, months);
		}
		strbuf_addstr(sb, "<tr><td>");
		if (label.len)
			esc_thai(sb, label.buf);
		else
			strbuf_add_markup(sb, order[i].files->stem);
		strbuf_addstr(sb, "</td><td>");
		add_file_links(sb, "", "", order[i].files);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	if (files->nr)
		strbuf_addstr(sb, "</tbody>\n</table></div>\n");
	free(order);
	/* what the database says was made but is not on disk */
	strbuf_init(&prefix);
	strbuf_addf(&prefix, "reports/%d/%s/", fy, office);
	/* the folder's paths follow one another in rendered, sorted */
	for (i = first_under(c, prefix.buf);
	     i < c->nr_rendered && !strncmp(c->rendered[i], prefix.buf, prefix.len); i++) {
		const char *name = c->rendered[i] + prefix.len;
		struct stat st;
		struct strbuf path;
		int gone;

		if (strchr(name, '/') ? (!strncmp(name, "cards/", 6) && listed(cards, name + 6)) ||
					(!strncmp(name, "offices/", 8) &&
					 listed(summaries, name + 8))
				      : listed(files, name))
			continue;
		strbuf_init(&path);
		strbuf_addf(&path, "%s/%s", c->out, c->rendered[i]);
		gone = stat(path.buf, &st) != 0;
		strbuf_release(&path);
		if (!gone)
			continue;
		if (!missing++)
			strbuf_addstr(sb, "<p class=\"gone\">ไม่พบไฟล์ที่บันทึกไว้ว่าสร้างแล้ว"
					  " (จะสร้างใหม่ในรอบถัดไป):</p>\n<ul>\n");
		strbuf_addstr(sb, "<li class=\"code\">");
		strbuf_add_markup(sb, c->rendered[i] + prefix.len);
		strbuf_addstr(sb, "</li>\n");
	}
	if (missing)
		strbuf_addstr(sb, "</ul>\n");
	strbuf_release(&prefix);
	strbuf_release(&label);
}

/* A table of the schools whose parent is `parent`, with their cards. */
static void add_school_cards(struct strbuf *sb, struct ctx *c, const char *parent,
			     struct listing *cards)
{
	size_t i, shown = 0;

	for (i = 0; i < c->nr_units; i++) {
		const struct unit_row *u = &c->units[i];
		struct stem_files *s;

		if (strcmp(u->kind, "school") || !u->parent || strcmp(u->parent, parent))
			continue;
		if (!shown++)
			strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"cards\">\n<thead><tr>"
					  "<th>รหัส</th><th>โรงเรียน</th><th>บัตรรายงานผล</th>"
					  "</tr></thead>\n<tbody>\n");
		strbuf_addstr(sb, "<tr><td class=\"code\">");
		strbuf_add_markup(sb, u->code);
		strbuf_addstr(sb, "</td><td>");
		esc_thai(sb, u->name);
		strbuf_addstr(sb, "</td><td>");
		if ((s = listing_find(cards, u->code))) {
			add_file_links(sb, "", "cards/", s);
			s->listed = 1;
		} else {
			strbuf_addstr(sb, "–");
		}
		strbuf_addstr(sb, "</td></tr>\n");
	}
	if (shown)
		strbuf_addstr(sb, "</tbody>\n</table></div>\n");
}

static void add_cards(struct strbuf *sb, struct ctx *c, const char *office,
		      struct listing *cards)
{
	struct strbuf stem;
	size_t i, networks = 0, other = 0;

	strbuf_addstr(sb, "<h2 id=\"cards\">บัตรรายงานผลโรงเรียน</h2>\n");
	strbuf_init(&stem);
	for (i = 0; i < c->nr_units; i++) {
		const struct unit_row *u = &c->units[i];
		struct stem_files *s;

		if (strcmp(u->kind, "network") || !u->parent || strcmp(u->parent, office))
			continue;
		networks++;
		strbuf_addstr(sb, "<h3>");
		add_unit_name(sb, c, u->code);
		strbuf_addstr(sb, "</h3>\n");
		strbuf_reset(&stem);
		strbuf_addf(&stem, "network-%s", u->code);
		if ((s = listing_find(cards, stem.buf))) {
			strbuf_addstr(sb, "<p>บัตรของทุกโรงเรียนในเครือข่าย: ");
			add_file_links(sb, "", "cards/", s);
			strbuf_addstr(sb, "</p>\n");
			s->listed = 1;
		}
		add_school_cards(sb, c, u->code, cards);
	}
	if (networks)
		strbuf_addstr(sb, "<h3>โรงเรียนในสังกัดสำนักงานโดยตรง</h3>\n");
	add_school_cards(sb, c, office, cards);
	for (i = 0; i < cards->nr; i++) {
		if (cards->v[i].listed)
			continue;
		if (!other++)
			strbuf_addstr(sb, "<h3>บัตรอื่น ๆ</h3>\n<div class=\"scroll\"><table class=\"cards\">"
					  "\n<thead><tr><th>ชื่อไฟล์</th><th>บัตรรายงานผล</th></tr>"
					  "</thead>\n<tbody>\n");
		strbuf_addstr(sb, "<tr><td class=\"code\">");
		strbuf_add_markup(sb, cards->v[i].stem);
		strbuf_addstr(sb, "</td><td>");
		add_file_links(sb, "", "cards/", &cards->v[i]);
		strbuf_addstr(sb, "</td></tr>\n");
		cards->v[i].listed = 1;
	}
	if (other)
		strbuf_addstr(sb, "</tbody>\n</table></div>\n");
	strbuf_release(&stem);
}

/*
 * The summaries of the offices under the nation (offices/<code>-<FY>),
 * named from the unit list; none on the page of an office that has none.
 */
static void add_office_summaries(struct strbuf *sb, struct ctx *c, int fy, const char *nation,
				 struct listing *summaries)
{
	struct strbuf stem;
	size_t i;

	if (!summaries->nr)
		return;
	strbuf_addstr(sb, "<h2 id=\"offices\">สรุปผลรายสำนักงานเขตพื้นที่การศึกษา</h2>\n"
			  "<div class=\"scroll\"><table class=\"cards\">\n<thead><tr><th>รหัส</th>"
			  "<th>สำนักงานเขตพื้นที่การศึกษา</th><th>สรุปผล</th></tr></thead>\n<tbody>\n");
	strbuf_init(&stem);
	for (i = 0; i < c->nr_units; i++) {
		const struct unit_row *u = &c->units[i];
		struct stem_files *f;

		if (strcmp(u->kind, "office") || !u->parent || strcmp(u->parent, nation))
			continue;
		strbuf_reset(&stem);
		strbuf_addf(&stem, "%s-%d", u->code, fy);
		strbuf_addstr(sb, "<tr><td class=\"code\">");
		strbuf_add_markup(sb, u->code);
		strbuf_addstr(sb, "</td><td>");
		esc_thai(sb, u->name);
		strbuf_addstr(sb, "</td><td>");
		if ((f = listing_find(summaries, stem.buf)))
			add_file_links(sb, "", "offices/", f);
		else
			strbuf_addstr(sb, "–");
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody>\n</table></div>\n");
	strbuf_release(&stem);
}

static const char *const status_class[] = { "st-none", "st-accepted", "st-partly", "st-held",
					       "st-rejected" };
static const char *const status_th[] = { "–", "รับแล้ว", "รับบางส่วน", "พักไว้", "ไม่รับ" };

/* The listed name stem in files, or NULL. */
static const struct stem_files *stem_listed(const struct listing *files, const char *stem)
{
	struct stem_files key;

	memset(&key, 0, sizeof(key));
	key.stem = (char *)stem;
	return files->nr ? bsearch(&key, files->v, files->nr, sizeof(key), cmp_stem) : NULL;
}

/* 1 if s is a receipts PDF of a day (received-YYYY-MM-DD.pdf, alone), with the day in *d. */
static int day_pdf(const struct stem_files *s, struct tt_date *d)
{
	size_t n = strlen(RECEIPT_PDF_PREFIX);

	return s->nr == 1 && !strcmp(s->exts[0], "pdf") &&
	       !strncmp(s->stem, RECEIPT_PDF_PREFIX, n) && strlen(s->stem + n) == 10 &&
	       !period_parse_date(s->stem + n, d);
}

/*
 * The receipts in receipts/<fy_dir>/<unit>/, a row per input file with its
 * status and a link per extension, its PDF's opening at its page; then a
 * row per day's PDF binding them all.  prefix leads from the page to
 * output/.  0 or TT_EIO.
 */
static int add_receipt_unit(struct strbuf *sb, struct ctx *c, const char *fy_dir,
			    const char *unit, const char *prefix)
{
	struct strbuf dir, rel, stem, label;
	const struct stem_files *pdf;
	struct listing files;
	struct tt_date day;
	size_t i;
	int rc;

	strbuf_init(&dir);
	strbuf_init(&rel);
	strbuf_init(&stem);
	strbuf_init(&label);
	strbuf_addf(&rel, "receipts/%s/%s/", fy_dir, unit);
	strbuf_addf(&dir, "%s/%s", c->out, rel.buf);
	if ((rc = list_files(c, dir.buf, &files)) || !files.nr ||
	    (rc = receipts_of_folder(c, rel.buf)))
		goto out;
	strbuf_addstr(sb, "<h3>");
	add_unit_name(sb, c, unit);
	strbuf_addstr(sb, "</h3>\n<div class=\"scroll\"><table class=\"receipts\">\n<thead><tr>"
			  "<th>ไฟล์ที่ส่ง</th><th>สถานะ</th><th>ใบตอบรับ</th></tr></thead>\n"
			  "<tbody>\n");
	for (i = 0; i < files.nr; i++) {
		const struct receipt_row *r;

		strbuf_reset(&stem);
		strbuf_addf(&stem, "%s%s", rel.buf, files.v[i].stem);
		r = receipt_find(c, stem.buf);
		if (!r && day_pdf(&files.v[i], &day))
			continue;
		strbuf_addf(sb, "<tr class=\"%s\"><td class=\"code\">",
			    status_class[r ? r->status : RS_NONE]);
		strbuf_add_markup(sb, r ? r->input : files.v[i].stem);
		strbuf_addf(sb, "</td><td class=\"%s\">%s</td><td>",
			    status_class[r ? r->status : RS_NONE], status_th[r ? r->status : RS_NONE]);
		/* its part of the day's PDF, when that is there */
		if (r && r->pdf && (pdf = stem_listed(&files, r->pdf)) && day_pdf(pdf, &day)) {
			strbuf_reset(&stem);
			strbuf_addf(&stem, "%s%s.pdf", rel.buf, r->pdf);
			strbuf_addstr(sb, "<a class=\"f\"");
			add_href_at(sb, prefix, stem.buf, r->page);
			strbuf_addstr(sb, ">PDF</a> ");
		}
		strbuf_reset(&stem);
		strbuf_addstr(&stem, prefix);
		add_file_links(sb, stem.buf, rel.buf, &files.v[i]);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	for (i = 0; i < files.nr; i++) {
		strbuf_reset(&stem);
		strbuf_addf(&stem, "%s%s", rel.buf, files.v[i].stem);
		if (receipt_find(c, stem.buf) || !day_pdf(&files.v[i], &day))
			continue;
		strbuf_reset(&label);
		strbuf_addstr(&label, "ใบตอบรับทุกไฟล์ที่ได้รับวันที่ ");
		period_format_thai(&label, &day, 1);
		strbuf_addstr(sb, "<tr class=\"st-none\"><td>");
		esc_thai(sb, label.buf);
		strbuf_addstr(sb, "</td><td class=\"st-none\">รวมไว้สำหรับพิมพ์</td><td>");
		strbuf_reset(&stem);
		strbuf_addstr(&stem, prefix);
		add_file_links(sb, stem.buf, rel.buf, &files.v[i]);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody>\n</table></div>\n");
out:
	listing_release(&files);
	strbuf_release(&dir);
	strbuf_release(&rel);
	strbuf_release(&stem);
	strbuf_release(&label);
	return rc;
}

static int kind_rank(const struct unit_row *u)
{
	return !u ? 3 : !strcmp(u->kind, "office") ? 0 : !strcmp(u->kind, "network") ? 1 : 2;
}

struct unit_dir {
	const char *office;       /* the office above it */
	int rank;
	const char *code;
};

/* By office; in an office, the office first, then its networks, then its schools; each by code. */
static int cmp_unit_dir(const void *a, const void *b)
{
	const struct unit_dir *x = a, *y = b;
	int c = strcmp(x->office, y->office);

	return c ? c : x->rank != y->rank ? x->rank - y->rank : strcmp(x->code, y->code);
}

/*
 * The unit folders of receipts/<FY>, each with the office above it, read
 * once a run and year: every office's page takes its own, rather than
 * reading the year's folder (a folder per unit: 30,000 nationally) and
 * finding each one's office again (what made the pages cost 9.6 s at 245
 * offices).
 */
struct fy_receipts {
	int fy;
	char **names;
	size_t nr_names;
	struct unit_dir *order;   /* those of an office, sorted (cmp_unit_dir) */
	size_t nr;
};

static int fy_receipts_of(struct ctx *c, int fy, const struct fy_receipts **out)
{
	struct fy_receipts *f;
	struct strbuf dir;
	size_t i;
	int rc;

	for (i = 0; i < c->nr_fy_receipts; i++)
		if (c->fy_receipts[i].fy == fy) {
			*out = &c->fy_receipts[i];
			return 0;
		}
	xgrow(&c->fy_receipts, &c->alloc_fy_receipts, c->nr_fy_receipts + 1,
	      sizeof(*c->fy_receipts));
	f = &c->fy_receipts[c->nr_fy_receipts++];
	memset(f, 0, sizeof(*f));
	f->fy = fy;
	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/receipts/%d", c->out, fy);
	rc = read_names(c, dir.buf, 1, &f->names, &f->nr_names);
	strbuf_release(&dir);
	if (rc)
		return rc;
	f->order = xcalloc(f->nr_names + 1, sizeof(*f->order));
	for (i = 0; i < f->nr_names; i++) {
		const char *o = unit_office(c, f->names[i]);

		if (!o)
			continue;
		f->order[f->nr].office = o;
		f->order[f->nr].rank = kind_rank(unit_find(c, f->names[i]));
		f->order[f->nr++].code = f->names[i];
	}
	if (f->nr)
		qsort(f->order, f->nr, sizeof(*f->order), cmp_unit_dir);
	*out = f;
	return 0;
}

/* The receipts of every unit of office in fiscal year fy. */
static int add_receipts(struct strbuf *sb, struct ctx *c, int fy, const char *office)
{
	const struct fy_receipts *f;
	struct strbuf fy_dir;
	size_t lo = 0, hi, i, shown = 0;
	int rc;

	strbuf_init(&fy_dir);
	strbuf_addf(&fy_dir, "%d", fy);
	strbuf_addstr(sb, "<h2 id=\"receipts\">ใบตอบรับ</h2>\n");
	if ((rc = fy_receipts_of(c, fy, &f)))
		goto out;
	/* the office's folders: the first of them, then while they are its */
	hi = f->nr;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(f->order[mid].office, office) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; !rc && i < f->nr && !strcmp(f->order[i].office, office); i++)
		shown += !(rc = add_receipt_unit(sb, c, fy_dir.buf, f->order[i].code,
						 "../../../"));
	if (!rc && !shown)
		strbuf_addstr(sb, "<p>ยังไม่มีใบตอบรับของปีนี้</p>\n");
out:
	strbuf_release(&fy_dir);
	return rc;
}

/*
 * The folder of path, listed before the page in it was written there: as
 * it is now, so that the page's own writing does not make it again.
 */
static void folder_written(struct ctx *c, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = strlen(c->out) + 1, i;
	struct strbuf dir;
	struct stat st;

	if (!slash || (size_t)(slash - path) <= n)
		return;   /* the top page: output/ itself is not listed */
	strbuf_init(&dir);
	strbuf_add(&dir, path, (size_t)(slash - path));
	if (!lstat(dir.buf, &st))
		for (i = 0; i < c->nr_folders; i++)
			if (!strcmp(c->folders[i].rel, dir.buf + n)) {
				c->folders[i].mtime_ns = tt_timespec_ns(&st.st_mtim);
				c->folders[i].ino = (long long)st.st_ino;
			}
	strbuf_release(&dir);
}

/*
 * Write path with page's bytes into the batch, when they changed (it goes
 * into place with the others, pages_put()); count it, and whether it
 * changed.
 */
static int write_page(struct ctx *c, const char *path, const struct strbuf *page,
		      struct outindex_stats *stats)
{
	int wrote, rc = tt_batch_write(&c->batch, path, page->buf, page->len, c->nr_written,
				       &wrote, c->err);

	stats->pages++;
	stats->changed += !rc && wrote;
	if (!rc) {
		struct page_made *m;

		xgrow(&c->written, &c->alloc_written, c->nr_written + 1, sizeof(*c->written));
		m = &c->written[c->nr_written++];
		m->path = xstrdup(path + strlen(c->out) + 1);
		m->inputs = xstrdup(c->inputs ? c->inputs : "");
		m->counts = c->counts ? xstrdup(c->counts) : NULL;
	}
	return rc;
}

/*
 * The pages whose bytes changed put into place at once (tt_batch_finish():
 * one flush, then a rename each), each folder they went in listed again as
 * it now is; then flushed again, so that the renames are lasting before
 * the records of the pages (pages_made()) say so.  0 or TT_EIO.
 */
static int pages_put(struct ctx *c)
{
	size_t i, nr = c->batch.nr;
	char **paths = xcalloc(nr + 1, sizeof(*paths));
	int rc;

	for (i = 0; i < nr; i++)
		paths[i] = xstrdup(c->batch.file[i].path);
	rc = tt_batch_finish(&c->batch, c->err);
	for (i = 0; i < nr; i++) {
		if (!rc)
			folder_written(c, paths[i]);
		free(paths[i]);
	}
	free(paths);
	if (!rc && nr)
		rc = tt_sync_output(c->out, "the index pages", c->err);
	return rc;
}

/*
 * The status counts of office's year (add_counts()) into sb, from the
 * office's rounds (status_load(), of the office alone).  0 or an error code.
 */
static int office_counts(struct ctx *c, int fy, const char *office, struct strbuf *sb)
{
	struct status_list status;
	int rc;

	if (!(rc = status_load(c->db, fy, 0, office, &status, c->err)))
		add_counts(sb, &status, fy, office);
	status_list_release(&status);
	return rc;
}

/*
 * The page of office's year, its status counts (add_counts()) also into
 * counts, for the top page.  0 or an error code.
 */
static int office_page(struct ctx *c, int fy, const char *office, struct outindex_stats *stats,
		       struct strbuf *counts)
{
	struct strbuf page, dir, path, title;
	struct listing reports, cards, summaries;
	const struct unit_row *u = unit_find(c, office);
	struct status_list status;
	int rc;

	memset(&status, 0, sizeof(status));
	strbuf_init(&page);
	strbuf_init(&dir);
	strbuf_init(&path);
	strbuf_init(&title);
	memset(&cards, 0, sizeof(cards));
	memset(&summaries, 0, sizeof(summaries));
	memset(&reports, 0, sizeof(reports));
	strbuf_addf(&dir, "%s/reports/%d/%s", c->out, fy, office);
	if ((rc = status_load(c->db, fy, 0, office, &status, c->err)) ||
	    (rc = list_files(c, dir.buf, &reports)))
		goto out;
	strbuf_addf(&path, "%s/cards", dir.buf);
	if ((rc = list_files(c, path.buf, &cards)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/offices", dir.buf);
	if ((rc = list_files(c, path.buf, &summaries)))
		goto out;
	strbuf_addf(&title, "%s ", u ? u->name : office);
	period_format_fiscal_year(&title, fy);
	page_begin(&page, title.buf);
	strbuf_addstr(&page, "<nav><p><a href=\"../../../index.html\">← ดัชนีทุกหน่วยงานและทุกปี</a>"
			     " · <a href=\"#reports\">รายงาน</a> · <a href=\"#cards\">บัตรรายงานผล</a>"
			     " · <a href=\"#receipts\">ใบตอบรับ</a></p></nav>\n<h1>");
	add_unit_name(&page, c, office);
	strbuf_addstr(&page, "</h1>\n<p class=\"sub\">");
	add_year_line(&page, c, fy);
	strbuf_addstr(&page, "</p>\n<h2 id=\"status\">สถานะการส่งข้อมูลแต่ละรอบ</h2>\n");
	add_counts(counts, &status, fy, office);
	strbuf_addstr(&page, counts->buf);
	add_who(&page, &status, fy, office);
	add_reports(&page, c, fy, office, &reports, &cards, &summaries);
	add_office_summaries(&page, c, fy, office, &summaries);
	add_cards(&page, c, office, &cards);
	if ((rc = add_receipts(&page, c, fy, office)))
		goto out;
	page_end(&page);
	if (!(rc = tt_mkdirs(dir.buf, c->err))) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/index.html", dir.buf);
		c->counts = counts->buf;
		rc = write_page(c, path.buf, &page, stats);
		c->counts = NULL;
	}
out:
	status_list_release(&status);
	listing_release(&reports);
	listing_release(&cards);
	listing_release(&summaries);
	strbuf_release(&page);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&title);
	return rc;
}

/* ---- the pages there are, and the top page --------------------------- */

struct page_key {
	int fiscal_year;
	char *office;
};

static int cmp_page(const void *a, const void *b)
{
	const struct page_key *x = a, *y = b;

	return x->fiscal_year != y->fiscal_year ? x->fiscal_year - y->fiscal_year
						: strcmp(x->office, y->office);
}

static void add_page(struct page_key **v, size_t *nr, size_t *alloc, int fy, const char *office)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if ((*v)[i].fiscal_year == fy && !strcmp((*v)[i].office, office))
			return;
	xgrow(v, alloc, *nr + 1, sizeof(**v));
	(*v)[*nr].fiscal_year = fy;
	(*v)[(*nr)++].office = xstrdup(office);
}

/* A folder name that is a fiscal year: four digits. */
static int year_dir(const char *name, int *fy)
{
	long v;

	if (strlen(name) != 4 || tt_parse_long(name, &v) || v < 2400 || v > 2800)
		return 0;
	*fy = (int)v;
	return 1;
}

/*
 * Every office and year to make a page for: a folder under reports/, an
 * office with receipts under receipts/, or an office with status counts.
 */
/*
 * The pages of the rounds status_load() gives: every office of the unit
 * lists, for every fiscal year whose framework has a round (without
 * loading every office's status, which only the pages made need).  0 or
 * an error code.
 */
static int round_pages(struct ctx *c, struct page_key **v, size_t *nr, size_t *alloc)
{
	sqlite3_stmt *st;
	int rc = 0, step;

	if (db_prepare(c->db, &st, "SELECT DISTINCT fiscal_year FROM framework"
			" ORDER BY fiscal_year", c->err))
		return TT_EDB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int fy = sqlite3_column_int(st, 0), months, rounds = 0;
		struct framework *fw = db_load_framework(c->db, fy, c->err);
		size_t i;

		if (!fw) {
			rc = c->err && c->err->code ? c->err->code : TT_EDB;
			break;
		}
		for (months = 3; months <= 12; months += 3)
			rounds += framework_round(fw, months) != NULL;
		framework_free(fw);
		for (i = 0; rounds && i < c->nr_units; i++)
			if (!strcmp(c->units[i].kind, "office") && tt_is_safe_code(c->units[i].code))
				add_page(v, nr, alloc, fy, c->units[i].code);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(c->db, "could not list the frameworks", c->err);
	sqlite3_finalize(st);
	return rc;
}

static int find_pages(struct ctx *c, struct page_key **v, size_t *nr)
{
	struct strbuf dir;
	char **years = NULL, **subs = NULL;
	size_t nr_years = 0, nr_subs = 0, alloc = 0, i, j, t;
	int rc = 0, fy;

	*v = NULL;
	*nr = 0;
	strbuf_init(&dir);
	for (t = 0; !rc && t < 2; t++) {
		const char *top = t ? "receipts" : "reports";

		strbuf_reset(&dir);
		strbuf_addf(&dir, "%s/%s", c->out, top);
		if ((rc = read_names(c, dir.buf, 1, &years, &nr_years)))
			break;
		for (i = 0; !rc && i < nr_years; i++) {
			if (!year_dir(years[i], &fy))
				continue;
			strbuf_reset(&dir);
			strbuf_addf(&dir, "%s/%s/%s", c->out, top, years[i]);
			if ((rc = read_names(c, dir.buf, 1, &subs, &nr_subs)))
				break;
			for (j = 0; j < nr_subs; j++) {
				const char *office = t ? unit_office(c, subs[j]) : subs[j];

				if (office && tt_is_safe_code(office))
					add_page(v, nr, &alloc, fy, office);
			}
			free_names(subs, nr_subs);
		}
		free_names(years, nr_years);
	}
	if (!rc)
		rc = round_pages(c, v, nr, &alloc);
	if (*nr)
		qsort(*v, *nr, sizeof(**v), cmp_page);
	strbuf_release(&dir);
	return rc;
}

/* Receipts that no office's page holds: an unknown year or unit. */
static int add_other_receipts(struct strbuf *sb, struct ctx *c)
{
	struct strbuf dir;
	char **years, **units;
	size_t nr_years, nr_units, i, j, shown = 0;
	int rc, fy;

	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/receipts", c->out);
	if ((rc = read_names(c, dir.buf, 1, &years, &nr_years)))
		goto out;
	for (i = 0; !rc && i < nr_years; i++) {
		int known_year = year_dir(years[i], &fy);

		strbuf_reset(&dir);
		strbuf_addf(&dir, "%s/receipts/%s", c->out, years[i]);
		if ((rc = read_names(c, dir.buf, 1, &units, &nr_units)))
			break;
		for (j = 0; !rc && j < nr_units; j++) {
			if (known_year && unit_office(c, units[j]))
				continue;
			if (!shown++)
				strbuf_addstr(sb, "<h2 id=\"other-receipts\">ใบตอบรับที่ไม่ทราบหน่วยงาน"
						  "หรือปีงบประมาณ</h2>\n");
			strbuf_addstr(sb, "<p class=\"sub\">ปี: <span class=\"code\">");
			strbuf_add_markup(sb, years[i]);
			strbuf_addstr(sb, "</span></p>\n");
			rc = add_receipt_unit(sb, c, years[i], units[j], "");
		}
		free_names(units, nr_units);
	}
	free_names(years, nr_years);
out:
	strbuf_release(&dir);
	return rc;
}

/*
 * The top page: each page's office, year and status counts (counts[i], as
 * its page shows them), the receipts of no office.  0 or an error code.
 */
static int top_page(struct ctx *c, const struct page_key *pages, char *const *counts, size_t nr,
		    struct outindex_stats *stats)
{
	struct strbuf page, path, rel;
	size_t i;
	int rc;

	strbuf_init(&page);
	strbuf_init(&path);
	strbuf_init(&rel);
	page_begin(&page, "ดัชนีรายงานและใบตอบรับ");
	strbuf_addstr(&page, "<h1>ดัชนีรายงานและใบตอบรับ</h1>\n<p class=\"sub\">"
			     "รายงาน บัตรรายงานผล และใบตอบรับของทุกหน่วยงานและทุกปีงบประมาณ"
			     " เปิดหน้าของแต่ละหน่วยงานเพื่อดูไฟล์ทั้งหมด</p>\n");
	if (!nr)
		strbuf_addstr(&page, "<p>ยังไม่มีรายงานหรือใบตอบรับ</p>\n");
	for (i = 0; i < nr; i++) {
		strbuf_addstr(&page, "<h2>");
		add_unit_name(&page, c, pages[i].office);
		strbuf_addstr(&page, "</h2>\n<p class=\"sub\">");
		add_year_line(&page, c, pages[i].fiscal_year);
		strbuf_addstr(&page, "</p>\n<p><a class=\"f\"");
		strbuf_reset(&rel);
		strbuf_addf(&rel, "reports/%d/%s/index.html", pages[i].fiscal_year, pages[i].office);
		add_href(&page, "", rel.buf);
		strbuf_addstr(&page, ">รายงาน บัตรรายงานผล และใบตอบรับ</a></p>\n");
		strbuf_addstr(&page, counts[i]);
	}
	if ((rc = add_other_receipts(&page, c)))
		goto out;
	page_end(&page);
	strbuf_addf(&path, "%s/index.html", c->out);
	rc = write_page(c, path.buf, &page, stats);
out:
	strbuf_release(&page);
	strbuf_release(&path);
	strbuf_release(&rel);
	return rc;
}

static void ctx_release(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nr_units; i++) {
		free(c->units[i].code);
		free(c->units[i].name);
		free(c->units[i].kind);
		free(c->units[i].parent);
	}
	free(c->units);
	free(c->receipts);
	sqlite3_finalize(c->folder_receipts);
	tt_strpool_release(&c->receipt_strings);
	tt_strset_release(&c->receipt_pdfs);
	free_names(c->rendered, c->nr_rendered);
	for (i = 0; i < c->nr_written; i++) {
		free(c->written[i].path);
		free(c->written[i].inputs);
		free(c->written[i].counts);
	}
	free(c->written);
	tt_batch_release(&c->batch);
	for (i = 0; i < c->nr_folders; i++)
		free(c->folders[i].rel);
	free(c->folders);
	for (i = 0; i < c->nr_fy_receipts; i++) {
		free_names(c->fy_receipts[i].names, c->fy_receipts[i].nr_names);
		free(c->fy_receipts[i].order);
	}
	free(c->fy_receipts);
}

/* ---- made again only when what they show may have changed ------------ */

static void digest_add(struct tt_sha256 *ctx, const void *data, size_t len)
{
	unsigned char n[8];
	size_t i;

	for (i = 0; i < 8; i++)
		n[i] = (unsigned char)(len >> (8 * i));
	tt_sha256_update(ctx, n, sizeof(n));
	if (len)
		tt_sha256_update(ctx, data, len);
}

/*
 * Every row of sql into ctx (db_digest_rows()); with office, ?1 bound to
 * it and ?2 to fy.  0, or TT_EDB with err saying what could not be done.
 */
static int digest_query(struct tt_sha256 *ctx, struct ctx *c, const char *sql, const char *office,
			int fy, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(c->db, &st, sql, c->err)))
		return rc;
	if (office) {
		db_bind_text(st, 1, office);
		sqlite3_bind_int(st, 2, fy);
	}
	rc = db_digest_rows(st, ctx);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(c->db, what, c->err);
}

/*
 * The digest of everything the pages may show, read without reading it:
 * the program, the output folder, the newest change stamp (a unit's
 * submissions, their statuses and issues, the units themselves: db.c's
 * version 11) and the one aggregate's results were made after, the index
 * stamp (reports and receipts recorded: version 15), the approvals and
 * the frameworks.  hex is "" when the index stamp's row is gone: nothing
 * can be known, every page is made.
 */
static int pages_digest(struct ctx *c, char hex[TT_SHA256_HEX])
{
	static const char *const sql[] = {
		"SELECT COALESCE(MAX(stamp), 0) FROM change_stamp",
		"SELECT value FROM meta WHERE key = 'aggregated_stamp'",
		"SELECT stamp FROM index_stamp",
		"SELECT * FROM approved_round ORDER BY fiscal_year, round",
		("SELECT f.fiscal_year, f.file_id, x.sha256 FROM framework f"
		 " LEFT JOIN file x ON x.id = f.file_id ORDER BY f.fiscal_year, f.file_id"),
	};
	struct tt_sha256 ctx;
	sqlite3_stmt *st;
	size_t i;
	int rc, known;

	hex[0] = '\0';
	if ((rc = db_prepare(c->db, &st, "SELECT 1 FROM index_stamp", c->err)))
		return rc;
	known = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!known)
		return 0;
	tt_sha256_init(&ctx);
	digest_add(&ctx, "tidtam " TT_BUILD, strlen("tidtam " TT_BUILD));
	digest_add(&ctx, c->out, strlen(c->out));
	for (i = 0; i < sizeof(sql) / sizeof(*sql); i++)
		if ((rc = digest_query(&ctx, c, sql[i], NULL, 0,
				       "could not read what the index pages show")))
			return rc;
	tt_sha256_end(&ctx, hex);
	return 0;
}

/*
 * 1 if the page rel (under the output folder) is on disk as it was
 * written: a regular file of that size, times and inode (one lstat());
 * path is room to name it in.
 */
static int page_as_written(const struct ctx *c, struct strbuf *path, const char *rel,
			   long long size, long long mtime_ns, long long ctime_ns, long long ino)
{
	struct stat sb;

	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", c->out, rel);
	return !lstat(path->buf, &sb) && S_ISREG(sb.st_mode) && (long long)sb.st_size == size &&
	       tt_timespec_ns(&sb.st_mtim) == mtime_ns && tt_timespec_ns(&sb.st_ctim) == ctime_ns &&
	       (long long)sb.st_ino == ino;
}

/*
 * 1 if the folder rel (under the output folder), listed with mtime_ns
 * (-1: not there) and ino, changed since (one lstat()): another folder
 * there, none where one was, one where none was, or a name added or
 * removed.  path is room to name it in.
 */
static int folder_changed(const struct ctx *c, struct strbuf *path, const char *rel,
			  long long mtime_ns, long long ino)
{
	struct stat sb;

	strbuf_reset(path);
	strbuf_addf(path, "%s/%s", c->out, rel);
	if (lstat(path->buf, &sb) || !S_ISDIR(sb.st_mode))
		return mtime_ns != -1;
	return tt_timespec_ns(&sb.st_mtim) != mtime_ns || (long long)sb.st_ino != ino;
}

/*
 * 1 when the pages were last made from what digest stands for, each is
 * on disk as it was written (one lstat() a page), and each folder they
 * list has the modification time and inode it had when listed (a file
 * added or removed, by hand too, changes it): none needs making again.
 * *nr the pages there are.
 */
static int pages_current(struct ctx *c, const char *digest, int *nr)
{
	sqlite3_stmt *st;
	struct strbuf path;
	int same = 0, step;

	*nr = 0;
	if (!*digest || db_prepare(c->db, &st, "SELECT 1 FROM meta WHERE key = 'index_inputs'"
				   " AND value = ?1", NULL))
		return 0;
	db_bind_text(st, 1, digest);
	same = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!same || db_prepare(c->db, &st, "SELECT path, size, mtime_ns, ctime_ns, ino"
				" FROM index_page", NULL))
		return 0;
	strbuf_init(&path);
	while (same && (step = sqlite3_step(st)) == SQLITE_ROW) {
		same = page_as_written(c, &path, db_column_text(st, 0),
				       sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				       sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4));
		(*nr)++;
	}
	sqlite3_finalize(st);
	if (same && *nr && !db_prepare(c->db, &st, "SELECT path, mtime_ns, ino FROM index_folder",
				       NULL)) {
		while (same && sqlite3_step(st) == SQLITE_ROW)
			same = !folder_changed(c, &path, db_column_text(st, 0),
					       sqlite3_column_int64(st, 1),
					       sqlite3_column_int64(st, 2));
		sqlite3_finalize(st);
	} else {
		same = 0;
	}
	strbuf_release(&path);
	/* none recorded: the top page at least is made */
	return same && *nr;
}

/* ---- each page made again only when what it shows may have changed ---- */

/* An index page as last made (index_page). */
struct page_record {
	char *path;               /* under the output folder */
	long long size, mtime_ns, ctime_ns, ino;
	char *inputs;             /* the digest it was made from; "": not known */
	char *counts;             /* its status counts (add_counts()); NULL: not known */
	int current;              /* not made again this run: its row kept */
};

/* A folder the pages listed (index_folder), and whether it changed since. */
struct folder_record {
	char *path;               /* under the output folder */
	int changed;
};

struct records {
	struct page_record *page; /* sorted by path */
	size_t nr_pages, alloc_pages;
	struct folder_record *folder;
	size_t nr_folders, alloc_folders;
};

static void records_release(struct records *r)
{
	size_t i;

	for (i = 0; i < r->nr_pages; i++) {
		free(r->page[i].path);
		free(r->page[i].inputs);
		free(r->page[i].counts);
	}
	free(r->page);
	for (i = 0; i < r->nr_folders; i++)
		free(r->folder[i].path);
	free(r->folder);
}

/*
 * The pages and folders recorded, each folder looked at (one lstat()):
 * changed when another file is there, or none where one was, or one
 * where none was.  0 or TT_EDB.
 */
static int records_load(struct ctx *c, struct records *r)
{
	sqlite3_stmt *st;
	struct strbuf path;
	int rc, step;

	if ((rc = db_prepare(c->db, &st, "SELECT path, size, mtime_ns, ctime_ns, ino,"
				 " COALESCE(inputs, ''), counts FROM index_page ORDER BY path", c->err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct page_record *p;

		xgrow(&r->page, &r->alloc_pages, r->nr_pages + 1, sizeof(*r->page));
		p = &r->page[r->nr_pages++];
		memset(p, 0, sizeof(*p));
		p->path = xstrdup(db_column_text(st, 0));
		p->size = sqlite3_column_int64(st, 1);
		p->mtime_ns = sqlite3_column_int64(st, 2);
		p->ctime_ns = sqlite3_column_int64(st, 3);
		p->ino = sqlite3_column_int64(st, 4);
		p->inputs = xstrdup(db_column_text(st, 5));
		p->counts = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL
			    : xstrdup(db_column_text(st, 6));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(c->db, "could not read the index pages made", c->err);
	if ((rc = db_prepare(c->db, &st, "SELECT path, mtime_ns, ino FROM index_folder", c->err)))
		return rc;
	strbuf_init(&path);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct folder_record *f;

		xgrow(&r->folder, &r->alloc_folders, r->nr_folders + 1, sizeof(*r->folder));
		f = &r->folder[r->nr_folders++];
		f->path = xstrdup(db_column_text(st, 0));
		f->changed = folder_changed(c, &path, f->path, sqlite3_column_int64(st, 1),
					    sqlite3_column_int64(st, 2));
	}
	strbuf_release(&path);
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(c->db, "could not read the index pages' folders", c->err);
	return 0;
}

static int cmp_page_record(const void *key, const void *rec)
{
	return strcmp(key, ((const struct page_record *)rec)->path);
}

/*
 * The record of k's page, "reports/<FY>/<office>/index.html" (named in
 * path), or NULL when none.
 */
static struct page_record *page_recorded(const struct records *r, struct strbuf *path,
					 const struct page_key *k)
{
	strbuf_reset(path);
	strbuf_addf(path, "reports/%d/%s/index.html", k->fiscal_year, k->office);
	return r->nr_pages ? bsearch(path->buf, r->page, r->nr_pages, sizeof(*r->page),
				     cmp_page_record) : NULL;
}

/* The index in pages of (fy, office), or nr. */
static size_t page_index(const struct page_key *pages, size_t nr, int fy, const char *office)
{
	struct page_key key, *k;

	key.fiscal_year = fy;
	key.office = (char *)office;
	k = nr ? bsearch(&key, pages, nr, sizeof(key), cmp_page) : NULL;
	return k ? (size_t)(k - pages) : nr;
}

/*
 * The office page a folder under the output folder belongs to: its index
 * in pages; nr for the top page alone (reports/, receipts/, a year of
 * reports, the folder of a unit no office holds); *all_of the year when
 * each page of it lists the folder (receipts/<FY>: which units have
 * receipts).
 */
static size_t folder_page(const struct ctx *c, const struct page_key *pages, size_t nr,
			  const char *rel, int *all_of)
{
	struct strbuf year, name;
	const char *p = rel, *office = NULL;
	int reports = !strncmp(rel, "reports/", 8), fy = 0;
	size_t i = nr;

	*all_of = 0;
	if (!reports && strncmp(rel, "receipts/", 9))
		return nr;
	p += reports ? 8 : 9;
	strbuf_init(&year);
	strbuf_init(&name);
	strbuf_add(&year, p, strcspn(p, "/"));
	p += year.len;
	if (year_dir(year.buf, &fy) && *p == '/') {
		p++;
		strbuf_add(&name, p, strcspn(p, "/"));
		office = reports ? name.buf : unit_office(c, name.buf);
		/* a folder is listed as "receipts/<FY>/<unit>/" */
		if (office && (reports || !p[name.len] || !strcmp(p + name.len, "/")))
			i = page_index(pages, nr, fy, office);
	} else if (!reports && year_dir(year.buf, &fy) && !*p) {
		*all_of = fy;
	}
	strbuf_release(&year);
	strbuf_release(&name);
	return i;
}

/*
 * The office pages whose folders changed since listed (stale[i] set):
 * those are made again whatever their digest says.
 */
static void pages_stale(const struct ctx *c, const struct page_key *pages, size_t nr,
			const struct records *r, unsigned char *stale)
{
	size_t i, k;
	int fy;

	for (i = 0; i < r->nr_folders; i++) {
		if (!r->folder[i].changed)
			continue;
		k = folder_page(c, pages, nr, r->folder[i].path, &fy);
		if (k < nr)
			stale[k] = 1;
		for (k = 0; fy && k < nr; k++)
			if (pages[k].fiscal_year == fy)
				stale[k] = 1;
	}
}

/* The office's units: itself and every unit under it (the unit_parent index). */
#define PAGE_TREE \
	"WITH RECURSIVE tree(code) AS (SELECT ?1 UNION" \
	" SELECT u.code FROM unit u JOIN tree t ON u.parent = t.code) "

/*
 * The digest of what one office's page of a year may show, read without
 * reading it (the top page's, pages_digest(), stands for every page): the
 * program, the output folder, the office and year, the year's data date,
 * approvals and framework, the newest change stamp of the office's units
 * for the year or every year (their submissions, statuses, names and
 * tree: db.c's version 11) and whether aggregate's results were made
 * after it (the status counts read its completeness), and the count of
 * each of its folders' reports and receipts recorded (index_dir_stamp,
 * version 19: its reports folder, each of its units' receipts folder).
 * What another office's rows say changes none of it.
 */
static int page_digest(struct ctx *c, int fy, const char *office,
		       char hex[TT_SHA256_HEX])
{
	static const char *const sql[] = {
		"SELECT * FROM approved_round WHERE fiscal_year = ?2 ORDER BY round",
		("SELECT f.file_id, x.sha256 FROM framework f LEFT JOIN file x ON x.id = f.file_id"
		 " WHERE f.fiscal_year = ?2 ORDER BY f.file_id"),
		PAGE_TREE "SELECT MAX(s.stamp), MAX(s.stamp) <= (SELECT CAST(value AS INTEGER)"
		" FROM meta WHERE key = 'aggregated_stamp') FROM tree t JOIN change_stamp s"
		" ON s.unit_code = t.code AND s.fiscal_year IN (?2, 0)",
		PAGE_TREE "SELECT d.dir, d.n FROM tree t JOIN index_dir_stamp d"
		" ON d.dir = 'receipts/' || ?2 || '/' || t.code UNION ALL"
		" SELECT dir, n FROM index_dir_stamp WHERE dir = 'reports/' || ?2 || '/' || ?1"
		" ORDER BY 1",
	};
	struct strbuf date;
	struct tt_date d;
	struct tt_sha256 ctx;
	size_t i;
	int rc;

	strbuf_init(&date);
	if (data_date(c, fy, &d))
		strbuf_addf(&date, "%d-%02d-%02d", d.year, d.month, d.day);
	tt_sha256_init(&ctx);
	digest_add(&ctx, "page tidtam " TT_BUILD, strlen("page tidtam " TT_BUILD));
	digest_add(&ctx, c->out, strlen(c->out));
	digest_add(&ctx, office, strlen(office));
	digest_add(&ctx, &fy, sizeof(fy));
	digest_add(&ctx, date.buf, date.len);
	strbuf_release(&date);
	for (i = 0; i < sizeof(sql) / sizeof(*sql); i++)
		if ((rc = digest_query(&ctx, c, sql[i], office, fy,
				       "could not read what an index page shows")))
			return rc;
	tt_sha256_end(&ctx, hex);
	return 0;
}

/* 1 if the page r records is on disk as it was written (one lstat()). */
static int page_on_disk(const struct ctx *c, const struct page_record *r)
{
	struct strbuf path;
	int same;

	strbuf_init(&path);
	same = page_as_written(c, &path, r->path, r->size, r->mtime_ns, r->ctime_ns, r->ino);
	strbuf_release(&path);
	return same;
}

/*
 * Record the pages made (each with the digest it was made from), the
 * folders listed and the digest of all of them; the rows of the pages
 * not made again, and of their folders, stay; those of pages and folders
 * no page lists now go.  0 or TT_EDB.
 */
static int pages_made(struct ctx *c, const char *digest, const struct records *r,
		      const struct page_key *pages, size_t nr_pages)
{
	sqlite3_stmt *st = NULL, *gone = NULL;
	struct tt_strset listed = { 0 };
	struct strbuf path;
	size_t i, k;
	int rc, fy;

	if (!*digest)
		return 0;
	if ((rc = db_exec(c->db, "SAVEPOINT index_pages", c->err)))
		return rc;
	strbuf_init(&path);
	if ((rc = db_prepare(c->db, &gone, "DELETE FROM index_page WHERE path = ?1", c->err)))
		goto out;
	for (i = 0; !rc && i < r->nr_pages; i++) {
		if (r->page[i].current)
			continue;
		sqlite3_reset(gone);
		db_bind_text(gone, 1, r->page[i].path);
		if (sqlite3_step(gone) != SQLITE_DONE)
			rc = db_fail(c->db, "could not record an index page", c->err);
	}
	sqlite3_finalize(gone);
	gone = NULL;
	if (rc || (rc = db_prepare(c->db, &st, "INSERT OR REPLACE INTO index_page(path, size,"
				   " mtime_ns, ctime_ns, ino, inputs, counts)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", c->err)))
		goto out;
	for (i = 0; !rc && i < c->nr_written; i++) {
		struct stat sb;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", c->out, c->written[i].path);
		if (lstat(path.buf, &sb))
			continue;   /* gone already: made next time */
		sqlite3_reset(st);
		db_bind_text(st, 1, c->written[i].path);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)sb.st_size);
		sqlite3_bind_int64(st, 3, tt_timespec_ns(&sb.st_mtim));
		sqlite3_bind_int64(st, 4, tt_timespec_ns(&sb.st_ctim));
		sqlite3_bind_int64(st, 5, (sqlite3_int64)sb.st_ino);
		db_bind_text(st, 6, c->written[i].inputs);
		db_bind_text(st, 7, c->written[i].counts);  /* NULL: none */
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(c->db, "could not record an index page", c->err);
	}
	sqlite3_finalize(st);
	st = NULL;
	/* a folder no page made now listed: kept while the page listing it is */
	for (i = 0; i < c->nr_folders; i++)
		tt_strset_add(&listed, c->folders[i].rel);
	if (!rc && !(rc = db_prepare(c->db, &gone, "DELETE FROM index_folder WHERE path = ?1",
				     c->err))) {
		for (i = 0; !rc && i < r->nr_folders; i++) {
			const struct folder_record *f = &r->folder[i];
			struct page_record *p = NULL;

			if (tt_strset_has(&listed, f->path))
				continue;   /* listed again: replaced below */
			if (!f->changed && (k = folder_page(c, pages, nr_pages, f->path, &fy)) < nr_pages &&
			    !fy)
				p = page_recorded(r, &path, &pages[k]);
			if (p && p->current)
				continue;
			sqlite3_reset(gone);
			db_bind_text(gone, 1, f->path);
			if (sqlite3_step(gone) != SQLITE_DONE)
				rc = db_fail(c->db, "could not record an index page's folder", c->err);
		}
		sqlite3_finalize(gone);
		gone = NULL;
	}
	if (!rc && !(rc = db_prepare(c->db, &st, "INSERT OR REPLACE INTO index_folder(path, mtime_ns, ino)"
				     " VALUES (?1, ?2, ?3)", c->err))) {
		for (i = 0; !rc && i < c->nr_folders; i++) {
			sqlite3_reset(st);
			db_bind_text(st, 1, c->folders[i].rel);
			sqlite3_bind_int64(st, 2, c->folders[i].mtime_ns);
			sqlite3_bind_int64(st, 3, c->folders[i].ino);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_fail(c->db, "could not record an index page's folder", c->err);
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (!rc && !(rc = db_prepare(c->db, &st, "INSERT OR REPLACE INTO meta(key, value)"
				     " VALUES ('index_inputs', ?1)", c->err))) {
		db_bind_text(st, 1, digest);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(c->db, "could not record the index pages' inputs", c->err);
		sqlite3_finalize(st);
	}
out:
	strbuf_release(&path);
	tt_strset_release(&listed);
	if (rc) {
		db_exec(c->db, "ROLLBACK TO index_pages", NULL);
		db_exec(c->db, "RELEASE index_pages", NULL);
		return rc;
	}
	return db_exec(c->db, "RELEASE index_pages", c->err);
}

int outindex_write_all(sqlite3 *db, const char *output_dir, struct outindex_stats *stats,
		       struct tt_error *err)
{
	struct ctx c;
	struct records r;
	struct page_key *pages = NULL;
	char digest[TT_SHA256_HEX], page[TT_SHA256_HEX];
	unsigned char *stale = NULL;
	char **counts = NULL;        /* each page's status counts, for the top page */
	struct strbuf path;
	size_t nr_pages = 0, i;
	int rc, nr_current, loaded = 0;

	memset(stats, 0, sizeof(*stats));
	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	strbuf_init(&path);
	c.db = db;
	c.out = output_dir;
	c.err = err;
	c.receipts_legacy = -1;
	tt_batch_init(&c.batch);
	if ((rc = pages_digest(&c, digest)))
		goto out;
	if (pages_current(&c, digest, &nr_current)) {
		stats->pages = stats->skipped = nr_current;
		goto out;
	}
	if ((rc = load_units(&c)) || (rc = find_pages(&c, &pages, &nr_pages)) ||
	    (rc = records_load(&c, &r)))
		goto out;
	stale = xcalloc(nr_pages + 1, 1);
	counts = xcalloc(nr_pages + 1, sizeof(*counts));
	pages_stale(&c, pages, nr_pages, &r, stale);
	for (i = 0; !rc && i < nr_pages; i++) {
		struct page_record *p;
		struct strbuf sb;

		if ((rc = page_digest(&c, pages[i].fiscal_year, pages[i].office, page)))
			break;
		p = page_recorded(&r, &path, &pages[i]);
		if (*digest && p && !stale[i] && !strcmp(p->inputs, page) && page_on_disk(&c, p)) {
			p->current = 1;
			stats->pages++;
			stats->skipped++;
			/* its counts as the page shows them; read again if not kept */
			if (p->counts) {
				counts[i] = xstrdup(p->counts);
				continue;
			}
			strbuf_init(&sb);
			rc = office_counts(&c, pages[i].fiscal_year, pages[i].office, &sb);
			counts[i] = strbuf_detach(&sb);
			continue;
		}
		if (!loaded && !(rc = load_rendered(&c)))
			loaded = 1;
		c.inputs = page;
		strbuf_init(&sb);
		if (!rc)
			rc = office_page(&c, pages[i].fiscal_year, pages[i].office, stats, &sb);
		counts[i] = strbuf_detach(&sb);
	}
	/* the top page shows every office's counts: made whenever any changed */
	if (!rc && !loaded)
		rc = load_rendered(&c);
	c.inputs = digest;
	if (!rc)
		rc = top_page(&c, pages, counts, nr_pages, stats);
	if (!rc)
		rc = pages_put(&c);
	if (!rc)
		rc = pages_made(&c, digest, &r, pages, nr_pages);
out:
	for (i = 0; i < nr_pages; i++)
		free(pages[i].office);
	free(pages);
	free_names(counts, counts ? nr_pages : 0);
	free(stale);
	records_release(&r);
	strbuf_release(&path);
	ctx_release(&c);
	return rc;
}
