/*
 * report_int.h - what the report modules share: the report being made,
 * table cells, numbers as printed, and the hash of a report's inputs.
 * Not part of the public API (include/tidtam/report.h is).
 */
#ifndef TIDTAM_REPORT_INT_H
#define TIDTAM_REPORT_INT_H

#include <sqlite3.h>

#include "tidtam/approval.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/sha256.h"
#include "tidtam/template.h"
#include "tidtam/util.h"

struct framework;
struct indicator;
struct report_stats;
struct tt_error;

/* An entry of the table of contents: a section or a part of one. */
struct toc_entry {
	char *title;
	int level;                 /* 0 section, 1 part */
	int page;
};

/* Figures the text blocks' placeholders print. */
struct report_counts {
	int indicators;            /* with a target */
	int with_result, achieved;
	long schools, networks, files, submissions;
	long expected, on_time;    /* office completeness at the report's round */
};

struct report {
	sqlite3 *db;
	const struct framework *fw;
	const struct report_template *tpl;
	const char *office_code;
	char office_name[256];
	int months;                /* rounds up to this one (12: the whole year) */
	struct tt_date as_of;      /* the newest accepted submission */
	char framework_hash[TT_SHA256_HEX]; /* of the year's framework XML */
	char rows_hash[TT_SHA256_HEX]; /* national reports: the nation's
						     and its offices' rows, once a round */
	struct layout l;
	struct tt_error *err;
	struct approval approval;
	struct toc_entry *toc;
	size_t nr_toc, alloc_toc;
	HPDF_Outline outline;      /* the current section's bookmark */
	struct report_counts n;
	char title[512];           /* the report's title, placeholders filled */
	const char *school_code, *school_name, *network_name; /* school cards */
	char *parts;               /* {parts}: what the report holds, as a Thai phrase */
	struct report_note *notes; /* what the template asks that the framework lacks */
	size_t nr_notes, alloc_notes;
	const struct tt_progress *progress; /* told of each report gone through, or NULL */
	int batch, nr_batches;     /* school cards: only those of batch of nr_batches (0 of 0 or 1: all) */
	size_t root_len;           /* of "<output folder>/": rendered keeps what follows */
	struct report_orphans *orphans; /* the year's submissions of no known unit, or NULL */
	struct report_results *results; /* its office's results' digests for the run, or NULL */
	sqlite3_stmt *mark;        /* report_mark_prepare()'s, or NULL */
	struct report_out *out;    /* the job's files and records, or NULL: each at once */
};

/*
 * A job's reports written as one batch (util.h's tt_batch: written
 * unsynced, one flush, renamed into place) and recorded in `rendered`
 * together once they are durable in place (report_out_flush()), in place
 * of an fsync and a commit a report.  A crash before leaves them
 * unrecorded (made again by the next run) and temporaries (removed then).
 */
struct report_mark {
	char *path;
	char hash[TT_SHA256_HEX];
};

struct report_out {
	struct tt_batch batch;
	struct report_mark *marks;
	size_t nr_marks, alloc_marks;
	char *dir;                 /* the output folder, flushed before the records */
};

void report_out_init(struct report_out *out, const char *output_dir);
/*
 * The reports written and records asked for since the last flush put in
 * place and recorded: 0, or TT_EIO / TT_EDB with r->err (none of them
 * recorded, made again by the next run).
 */
int report_out_flush(struct report *r);
void report_out_release(struct report_out *out);

/*
 * Write data as the file at path: into r->out when r has one (in place
 * once flushed), else at once (tt_write_file_atomic()).  0 or TT_EIO.
 */
int report_write(struct report *r, const char *path, const void *data, size_t len);
/* The PDF r->l holds written as path (report_write()). */
int report_save(struct report *r, const char *path);

/*
 * The digests of an office's results of a year up to each round (3, 6, 9
 * and 12 months), and of the other rows its reports print, which
 * report_office_inputs() takes: each read in one pass for the four and
 * kept for the run (one an office and year), not once for each report.
 */
struct report_results {
	int read;                  /* hex holds them */
	char hex[4][TT_SHA256_HEX];
	int rows_read;             /* rows holds them */
	char rows[4][TT_SHA256_HEX];
};

/*
 * The submissions of a year whose unit no unit list knows (E-UNIT): every
 * office's validation report lists them, so its hash and data date take
 * them, and its open issues are read from their ids; read once per round
 * and run (report.c), not once per office.
 */
struct report_orphans {
	int fiscal_year;
	int read[4];               /* rounds 3, 6, 9, 12 read */
	char hash[4][TT_SHA256_HEX];
	char newest[4][11];        /* newest checked submission, YYYY-MM-DD, or "" */
	char *ids[4];              /* their ids, a JSON array ("[4,17]"), or NULL */
};
/* Free what o holds and clear it (a year of none). */
void report_orphans_release(struct report_orphans *o);

/* Tell r->progress that one more report was made, skipped or failed. */
void report_progress(const struct report *r, const struct report_stats *stats);

/* A warning about the template, in Thai for the report and English for the log. */
struct report_note {
	char *th, *en;
};

struct cells {
	char **items;
	size_t nr, alloc;
};

void cell_add(struct cells *c, char *s);
void cell_addf(struct cells *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cells_release(struct cells *c);
/*
 * Numbers as the reports print them.  A percentage is a bare number, said
 * once as ร้อยละ by the header or the sentence around it, never with "%";
 * its decimals are the template's percent-decimals (PERCENT_DECIMALS
 * unless the template says).  Money is whole baht with thousands
 * separators.
 */
#define PERCENT_DECIMALS 2
/* part as a percentage of whole, or "-" when whole is 0 */
void percent_cell(struct cells *cells, double part, double whole);
void percent_cell_at(struct cells *cells, double part, double whole, int decimals);

/* Decimals an indicator's values are printed with: a percentage with
 * percent_decimals, a mean with one, a count whole, and as many as its
 * target has if more.  report_value_decimals() takes PERCENT_DECIMALS. */
int report_decimals_at(const struct indicator *ind, int percent_decimals);
/* Decimals a value v of ind is printed with: report_decimals(), and a
 * count that is not whole (a minimum score of 72.5) keeps its fraction. */
int report_value_decimals(const struct indicator *ind, double v);
int report_value_decimals_at(const struct indicator *ind, double v, int percent_decimals);
/* Decimals its target is printed with: as many as it has (0.8 stays 0.8,
 * a level's 4 or "4.00" is 4). */
int report_target_decimals(const struct indicator *ind);
/* v with thousands separators and `decimals` decimals (a new string). */
char *report_number(double v, int decimals);
/* An amount of baht, whole, with thousands separators (a new string). */
char *report_money(double baht);

/*
 * An indicator table's columns: those the template's section lists, in its
 * order, from proto (header, width, alignment per column), leaving out
 * those whose bit (1 << column) is in hidden.  The name column takes the
 * width left (at least 120 points).  Returns how many; cols and which hold
 * NR_COLUMNS.
 */
size_t report_columns(struct layout *l, const struct template_section *sec,
		      const struct layout_column proto[NR_COLUMNS], unsigned hidden,
		      struct layout_column *cols, enum template_column *which);

/*
 * A report's date (ข้อมูล ณ วันที่): the newest date a submission of r's
 * office and year's rounds up to `months` was accepted (an annual or
 * progress report), or with round_only the newest submission of that
 * round, accepted or not, of the office or of no known unit (its
 * validation report).  The year's last day if none.
 */
void report_data_date(struct report *r, int months, int round_only, struct tt_date *out);

/*
 * SQL condition on a submission `s`: it was rejected, and accepted
 * submissions of the same unit, year and round that came since (sent the
 * same day or later, or read after it) carry every indicator it carried
 * that the framework has at that round (:known, ",CODE@6,CODE@12,", bound
 * by report_query()): its issues are no longer open.  An indicator sent
 * in a round it is not reported in (E-ROUND), or one the framework
 * lacks (E-INDICATOR), is not owed by the fix.  A fix read before the
 * file it fixes (".../x-fix.csv" sorts before ".../x.csv") counts when it
 * is dated the same day; another file of the school with other
 * indicators does not.
 */
#define SINCE_ACCEPTED \
	" fix.unit_code = s.unit_code AND fix.fiscal_year = s.fiscal_year" \
	" AND fix.round = s.round AND fix.status = 'accepted'" \
	" AND (fix.submitted_on >= s.submitted_on OR fix.id > s.id)"
#define REJECTION_CLOSED \
	" (s.status = 'rejected'" \
	"  AND EXISTS (SELECT 1 FROM submission fix WHERE" SINCE_ACCEPTED ")" \
	"  AND NOT EXISTS (SELECT 1 FROM value v WHERE v.submission_id = s.id" \
	"   AND instr(:known, ',' || v.indicator || '@' || s.round || ',') > 0" \
	"   AND NOT EXISTS (SELECT 1 FROM submission fix JOIN value w" \
	"    ON w.submission_id = fix.id WHERE" SINCE_ACCEPTED \
	"    AND w.indicator = v.indicator))) "


/*
 * The page of an office report as the template sets it (margins, the page
 * number's place), and the names the line breaker keeps whole: the
 * office's and every unit's.
 */
void report_page(struct report *r);

/* The round's approval as the page header: "ร่าง" or the approval line(s). */
int report_round_header(struct report *r, int months);

/*
 * Every report query takes the same parameters: ?1 the unit (the office,
 * unless said otherwise), ?2 the fiscal year, ?3 the round's months, and
 * others from ?4 on.  report_bind() resets st and binds the first three
 * (those the query has); report_query() prepares sql and binds them for
 * the report's office, and :known (if the query has it) to the framework's
 * indicators at each of their rounds, as ",CODE@3,CODE@6,"; report_count() is the first column of its first
 * row, 0 if none (or on error).
 */
void report_bind(sqlite3_stmt *st, const char *unit, int fy, int months);
int report_query(struct report *r, int months, sqlite3_stmt **st, const char *sql);
long report_count(struct report *r, int months, const char *sql);

/*
 * The units at and below an office, as a CTE to put before a query (?1);
 * each once (UNION), so that a cycle of parents, which unit lists refuse
 * but a database edited by hand may hold, ends the walk.
 */
#define OFFICE_TREE \
	"WITH RECURSIVE tree(code) AS (SELECT ?1 UNION" \
	" SELECT u.code FROM unit u JOIN tree t ON u.parent = t.code) "

/*
 * The statements the reports run for one office (?1), lists each ending
 * in NULL: every one that reads from the office's tree (OFFICE_TREE), and
 * those that read the office's own rows of a large table.  test-plans asks
 * SQLite how it reads each; report_query() refuses a statement of the tree
 * that none of them lists, so that none is left out of that test.  Each
 * file its own: report_office_inputs_sql and report_office_round_inputs_sql
 * the rows report_office_inputs() hashes.
 */
extern const char *const *const report_statements[];
extern const char *const report_office_sql[];
extern const char *const report_office_inputs_sql[];
extern const char *const report_office_round_inputs_sql[];
extern const char *const report_card_sql[];
extern const char *const report_practice_sql[];
extern const char *const report_profile_sql[];

/*
 * The hash of a report's inputs.  Everything a report prints comes from
 * the rows of queries and from the template, framework and program; the
 * hash takes them all, so an unchanged hash means an unchanged report.
 */
void inputs_begin(struct tt_sha256 *ctx, const char *kind);
void inputs_add(struct tt_sha256 *ctx, const char *s);
void inputs_add_int(struct tt_sha256 *ctx, long v);
/* Every column of every row of sql, bound as report_query() binds. */
int inputs_add_query(struct tt_sha256 *ctx, struct report *r, int months, const char *sql);
void inputs_end(struct tt_sha256 *ctx, char hex[TT_SHA256_HEX]);

/*
 * 1 if the report at path was made from inputs with this hash and is
 * still there: it need not be made again.
 */
int report_is_current(const struct report *r, const char *path, const char *hash);
/*
 * Record that path has been made from inputs with this hash (r->mark when
 * prepared, reset after use; else a statement of its own); with r->out,
 * once the job's files are in place (report_out_flush(), which a record
 * makes when the batch is full).
 */
int report_mark_current(struct report *r, const char *path, const char *hash,
			struct tt_error *err);
/*
 * r->mark prepared, for a maker of many reports (a school's card each):
 * the caller finalizes it before r's connection is closed.  0 or an error code.
 */
int report_mark_prepare(struct report *r, struct tt_error *err);

/* text with its placeholders ({office.name} ...) filled in, into out. */
void report_expand(struct report *r, const char *text, struct strbuf *out);

/*
 * Check what the office template asks of the year's framework, into
 * r->notes (replacing those there): each indicator a section names that
 * the framework lacks.  Never fails.
 */
void report_check_template(struct report *r);
void report_notes_release(struct report *r);

/* The annual report (months 12, template kind annual) or a progress report. */
int report_office(struct report *r, const char *path, struct tt_error *err);
/* The inputs of an office report, as a hash. */
int report_office_inputs(struct report *r, char hex[TT_SHA256_HEX]);

/*
 * What report_office.c lends the other parts of an office report (o is its
 * private state): a section's start on a new page with its heading,
 * bookmark and contents entry; a part's heading kept with `keep` points of
 * what follows; a body paragraph.
 */
struct office_report;
void section_start(struct office_report *o, const struct template_section *sec);
void part_start(struct office_report *o, const char *title, float keep, int new_page,
		int landscape);
void body_text(struct office_report *o, const char *text);

/*
 * The parts an office profile fills (report_profile.c; profile.h): the
 * number of contents entries (parts) the section sec of r's office report
 * holds, 0 when it is left out (no profile of the office and year, or
 * nothing in it for sec; also 0 for a section of another type).
 */
int report_profile_parts(const struct report *r, const struct template_section *sec);
/* Print the section sec (a SECTION_PROFILE_* one); 0 or an error code. */
int report_profile_section(struct office_report *o, struct report *r, float body,
			   float table, const struct template_section *sec);
/* The rows these parts print from, for report_office_inputs() (?1 office, ?2 year). */
#define REPORT_PROFILE_INPUTS \
	"SELECT file_id, office, fiscal_year, xml FROM profile WHERE office = ?1" \
	" AND fiscal_year = ?2 ORDER BY file_id", \
	OFFICE_TREE "SELECT f.code, f.size, f.district, f.students, f.students_by_level," \
	" f.teachers FROM tree t JOIN unit_figures f ON f.code = t.code ORDER BY f.code"

/*
 * Best practices, awards and outstanding work (report_practice.c), of the
 * office and the units below it in the report's year.
 * report_practices_count(): how many; report_photos_extra(): how many of
 * their photos the part does not show (the appendix has them); 0 on error.
 * report_practices() and report_activity_photos() draw the part and the
 * appendix at the cursor, under the section's heading and bookmark
 * (r->outline), which the caller has started; body is the text size.
 */
long report_practices_count(struct report *r);
long report_photos_extra(struct report *r);
int report_practices(struct report *r, float body);
int report_activity_photos(struct report *r, float body);
/*
 * The rows of practices and photos an office report's hash takes (?1 the
 * office, ?2 the year): those of the office's units.
 */
#define PRACTICE_INPUTS \
	OFFICE_TREE "SELECT p.*, f.path, f.sha256 FROM tree t JOIN practice p" \
	" ON p.fiscal_year = ?2 AND p.unit_code = t.code JOIN file f ON f.id = p.file_id" \
	" ORDER BY p.file_id", \
	OFFICE_TREE "SELECT ph.file_id, ph.seq, ph.path, ph.caption, f.id, f.sha256, f.status" \
	" FROM tree t JOIN practice p ON p.fiscal_year = ?2 AND p.unit_code = t.code" \
	" JOIN practice_photo ph ON ph.file_id = p.file_id JOIN file f ON f.path = ph.path" \
	" ORDER BY ph.file_id, ph.seq, f.id"

/*
 * What report.c lends the national reports: a year's template of a kind
 * (reports/<FY>/<name>.xml over reports/<name>.xml; NULL and noted as
 * failed with `what`), a report made by report_office() unless the hash
 * inputs() makes is the one recorded for path, and a failure noted.
 */
struct report_options;
struct report_template *report_template_load(const struct report_options *opt, int fy,
					     const char *name, enum template_kind kind,
					     const char *kind_name, struct report_stats *stats,
					     const char *what);
int report_render_if_changed(struct report *r, const char *path, struct report_stats *stats,
			     int (*inputs)(struct report *, char *));
void report_failed(struct report *r, struct report_stats *stats, const char *path);

/*
 * The national level (report_national.c).  The nation is an office with
 * offices under it (OBEC's bureau at the root of a national unit list);
 * its offices stand for their areas.  report_national_is_nation(): 1 if
 * office is one; report_national_is_member(): 1 if office is under one
 * (its summary is made with the nation's reports, not reports of its
 * own).  report_national_all(): the nation's reports of r's year into dir
 * (r as render_office() set it up for the nation): a national summary per
 * round with results, and a summary of each office at the latest.
 * report_national_section(): a national section of r's report
 * (report_office() calls it for kinds national and office-summary).
 */
int report_national_is_nation(sqlite3 *db, const char *office);
int report_national_is_member(sqlite3 *db, const char *office);
void report_national_all(struct report *r, const struct report_options *opt, const char *dir,
			 struct report_stats *stats);
int report_national_section(struct office_report *o, struct report *r, float body,
			    float table, const struct template_section *sec);

/*
 * School report cards of the office r is about (its db, framework, office,
 * date and framework hash): one PDF per school, one per network, into
 * dir/cards.  With office->nr_batches > 1, only those of batch
 * office->batch: the office's networks (their runs of schools, the schools
 * of none one more) shared into nr_batches batches of as many networks,
 * so that each network's file is made by one batch, with its schools'
 * cards.
 */
int report_cards(const struct report *office, const struct report_template *tpl,
		 const char *dir, struct report_stats *stats);

#endif
