/*
 * report.c - the fourth stage: which reports to make, what they share, and
 * whether they must be made again; the validation report of a round (PDF,
 * CSV and JSON, from the same rows).
 */
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tidtam/approval.h"
#include "tidtam/csv.h"
#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/progress.h"
#include "tidtam/report.h"
#include "tidtam/status.h"
#include "tidtam/template.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/json.h"
#include "tidtam/vreport.h"
#include "tidtam/workers.h"
#include "report_int.h"
#include "build-id.h"
#include "tidtam/banned.h"

#define BODY 14.0f
#define TABLE 12.0f

void cell_add(struct cells *c, char *s)
{
	xgrow(&c->items, &c->alloc, c->nr + 1, sizeof(*c->items));
	c->items[c->nr++] = s;
}

void cell_addf(struct cells *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cell_add(c, xstrdup(buf));
}

void cells_release(struct cells *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		free(c->items[i]);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

/* The fewest decimals (up to 4) that print v as it is. */
static int exact_decimals(double v)
{
	int d = 0;

	while (d < 4 && fabs(v * pow(10, d) - round(v * pow(10, d))) > 1e-6)
		d++;
	return d;
}

/*
 * How an indicator's value is printed: a percentage with the template's
 * decimals, a mean (of levels, scores) with one, a count or sum whole; and
 * never fewer than its target needs (a target of 2.5 ครั้ง: its values
 * with one).
 */
int report_decimals_at(const struct indicator *ind, int percent_decimals)
{
	int d = ind->type == VALUE_PERCENT ? percent_decimals
		: ind->aggregation == AGG_MEAN ? 1 : 0;
	int t = ind->has_target ? exact_decimals(ind->target) : 0;

	return t > d ? t : d;
}

/*
 * The decimals of a number as written ("12.5" 1, "20" 0, "0.80" 2), or -1
 * when it is not written as plain decimals ("1e3").
 */
static int written_decimals(const char *s)
{
	int d = 0;

	if (!s || strpbrk(s, "eExX"))
		return -1;
	if (!(s = strchr(s, '.')))
		return 0;
	for (s++; *s >= '0' && *s <= '9'; s++)
		d++;
	return d;
}

int report_target_decimals(const struct indicator *ind)
{
	int d = written_decimals(ind->target_text);

	/* "4.00" for a level is still 4: the decimals the target has, no more */
	if (d < 0 || d > exact_decimals(ind->target))
		d = exact_decimals(ind->target);
	return d;
}

int report_value_decimals_at(const struct indicator *ind, double v, int percent_decimals)
{
	int d = report_decimals_at(ind, percent_decimals), e = exact_decimals(v);

	/* a count or score that is not whole keeps up to two decimals */
	return d == 0 && e > 0 ? (e > 2 ? 2 : e) : d;
}

int report_value_decimals(const struct indicator *ind, double v)
{
	return report_value_decimals_at(ind, v, PERCENT_DECIMALS);
}

char *report_number(double v, int decimals)
{
	struct strbuf sb;

	strbuf_init(&sb);
	thai_format_number(&sb, v, decimals, 0);
	return strbuf_detach(&sb);
}

char *report_money(double baht)
{
	return report_number(baht, 0);
}

void percent_cell_at(struct cells *cells, double part, double whole, int decimals)
{
	cell_add(cells, whole > 0 ? report_number(100.0 * part / whole, decimals) : xstrdup("-"));
}

void percent_cell(struct cells *cells, double part, double whole)
{
	percent_cell_at(cells, part, whole, PERCENT_DECIMALS);
}

size_t report_columns(struct layout *l, const struct template_section *sec,
		      const struct layout_column proto[NR_COLUMNS], unsigned hidden,
		      struct layout_column *cols, enum template_column *which)
{
	float used = 0, area = layout_text_area(l);
	size_t i, n = 0, name = (size_t)-1;

	for (i = 0; i < sec->nr_columns; i++) {
		if (hidden & 1u << sec->columns[i])
			continue;
		cols[n] = proto[sec->columns[i]];
		which[n] = sec->columns[i];
		if (which[n] == COLUMN_NAME)
			name = n;
		used += cols[n].width;
		n++;
	}
	if (name != (size_t)-1)
		cols[name].width = area - used > 120 ? area - used : 120;
	return n;
}

/*
 * The year's submissions of no known unit in the round, read once (struct
 * report_orphans); NULL with r->err set if they cannot be.
 */
static const struct report_orphans *orphans_of(struct report *r, int months)
{
	struct report_orphans *o = r->orphans;
	int k = months / 3 - 1, rc;
	sqlite3_stmt *st;
	struct tt_sha256 ctx;

	if (!o || months % 3 || k < 0 || k > 3) {
		tt_error_set(r->err, TT_EINVAL, "round %d is not a quarter", months);
		return NULL;
	}
	if (o->fiscal_year != r->fw->fiscal_year) {
		report_orphans_release(o);
		o->fiscal_year = r->fw->fiscal_year;
	}
	if (o->read[k])
		return o;
	inputs_begin(&ctx, "orphans");
	if ((rc = inputs_add_query(&ctx, r, months, "SELECT s.id, s.unit_code, s.submitted_on,"
				   " s.status, s.superseded_by, f.path, (SELECT COUNT(*) FROM value v"
				   "  WHERE v.submission_id = s.id AND v.number IS NOT NULL)"
				   " FROM submission s JOIN file f ON f.id = s.file_id"
				   " WHERE s.fiscal_year = ?2 AND s.round = ?3 AND NOT EXISTS"
				   " (SELECT 1 FROM unit u WHERE u.code = s.unit_code) ORDER BY s.id")) ||
	    (rc = inputs_add_query(&ctx, r, months, "SELECT i.* FROM submission s"
				   " JOIN issue i ON i.submission_id = s.id"
				   " WHERE s.fiscal_year = ?2 AND s.round = ?3 AND NOT EXISTS"
				   " (SELECT 1 FROM unit u WHERE u.code = s.unit_code) ORDER BY i.id")))
		return NULL;
	inputs_end(&ctx, o->hash[k]);
	o->newest[k][0] = '\0';
	if (report_query(r, months, &st, "SELECT MAX(CASE WHEN s.status <> 'new'"
			 " THEN s.submitted_on END), json_group_array(s.id) FROM submission s"
			 " WHERE s.fiscal_year = ?2 AND s.round = ?3"
			 " AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.code = s.unit_code)"))
		return NULL;
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(r->db, "submissions of no known unit", r->err);
		sqlite3_finalize(st);
		return NULL;
	}
	if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		tt_strlcpy(o->newest[k], db_column_text(st, 0), sizeof(o->newest[k]));
	free(o->ids[k]);
	o->ids[k] = xstrdup(db_column_text(st, 1));
	sqlite3_finalize(st);
	o->read[k] = 1;
	return o;
}

void report_orphans_release(struct report_orphans *o)
{
	size_t k;

	for (k = 0; k < 4; k++)
		free(o->ids[k]);
	memset(o, 0, sizeof(*o));
}

/* The newest submission of the office's units: checked in the round, accepted up to it. */
#define DATA_DATE_ROUND_SQL \
	OFFICE_TREE "SELECT MAX(s.submitted_on) FROM tree t JOIN submission s" \
	" ON s.unit_code = t.code WHERE s.fiscal_year = ?2 AND s.round = ?3" \
	" AND s.status <> 'new'"
#define DATA_DATE_YEAR_SQL \
	OFFICE_TREE "SELECT MAX(s.submitted_on) FROM tree t JOIN submission s" \
	" ON s.unit_code = t.code WHERE s.fiscal_year = ?2 AND s.round <= ?3" \
	" AND s.status = 'accepted'"

void report_data_date(struct report *r, int months, int round_only, struct tt_date *out)
{
	const struct report_orphans *o = round_only ? orphans_of(r, months) : NULL;
	sqlite3_stmt *st;
	struct strbuf newest;

	if (round_only && !o)
		tt_error_clear(r->err); /* dated from the office's own submissions */
	period_fiscal_year_end(r->fw->fiscal_year, out);
	if (report_query(r, months, &st, round_only ? DATA_DATE_ROUND_SQL : DATA_DATE_YEAR_SQL)) {
		tt_error_clear(r->err); /* dated by the fiscal year's end */
		return;
	}
	strbuf_init(&newest);
	if (sqlite3_step(st) == SQLITE_ROW)
		strbuf_addstr(&newest, db_column_text(st, 0));
	sqlite3_finalize(st);
	/* ISO dates: the later sorts last */
	if (o && strcmp(o->newest[months / 3 - 1], newest.buf) > 0) {
		strbuf_reset(&newest);
		strbuf_addstr(&newest, o->newest[months / 3 - 1]);
	}
	if (newest.len)
		period_parse_date(newest.buf, out);
	strbuf_release(&newest);
}

int report_round_header(struct report *r, int months)
{
	int rc = approval_get(r->db, r->fw->fiscal_year, months, &r->approval, r->err);
	struct strbuf line;

	if (rc)
		return rc;
	strbuf_init(&line);
	/* a draft is marked "ร่าง" alone; an approval says by whom and when */
	approval_describe(&r->approval, r->approval.approved ? APPROVAL_LINE : APPROVAL_BRIEF,
			  &line);
	tt_strlcpy(r->l.header, line.buf, sizeof(r->l.header));
	strbuf_release(&line);
	return 0;
}

#define UNIT_NAMES_SQL \
	OFFICE_TREE "SELECT u.name FROM tree t JOIN unit u ON u.code = t.code" \
	" WHERE u.name <> '' ORDER BY u.code"

void report_page(struct report *r)
{
	const struct report_template *t = r->tpl;
	struct layout *l = &r->l;
	sqlite3_stmt *st;

	l->margin = t->margin_top_bottom;
	l->margin_left = t->margin_left;
	l->margin_right = t->margin_right;
	l->page_number_top = t->page_number_top;
	/* the office's name and its units' never broken unless wider than a line */
	thai_breaker_keep(l->breaker, r->office_name);
	if (report_query(r, r->months, &st, UNIT_NAMES_SQL)) {
		tt_error_clear(r->err); /* names broken as any text */
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		thai_breaker_keep(l->breaker, db_column_text(st, 0));
	sqlite3_finalize(st);
}

/* ---- what a report is made from ------------------------------------------- */

void report_bind(sqlite3_stmt *st, const char *unit, int fy, int months)
{
	int n = sqlite3_bind_parameter_count(st);

	sqlite3_reset(st);
	if (n >= 1 && unit)
		db_bind_text(st, 1, unit);
	if (n >= 2)
		sqlite3_bind_int(st, 2, fy);
	if (n >= 3)
		sqlite3_bind_int(st, 3, months);
}

/* 1 if sql is one of report_statements' (the same text, if not the same string). */
static int statement_listed(const char *sql)
{
	const char *const *const *list;
	const char *const *s;

	for (list = report_statements; *list; list++)
		for (s = *list; *s; s++)
			if (*s == sql || !strcmp(*s, sql))
				return 1;
	return 0;
}

int report_query(struct report *r, int months, sqlite3_stmt **st, const char *sql)
{
	int rc, known, m;
	size_t i;

	if (strstr(sql, OFFICE_TREE) && !statement_listed(sql))
		return tt_error_set(r->err, TT_EINVAL, "a statement of an office's tree that"
				    " report_statements does not list: %s", sql);
	if ((rc = db_prepare(r->db, st, sql, r->err)))
		return rc;
	report_bind(*st, r->office_code, r->fw->fiscal_year, months);
	if ((known = sqlite3_bind_parameter_index(*st, ":known")) > 0) {
		struct strbuf codes;

		strbuf_init(&codes);
		strbuf_addch(&codes, ',');
		for (i = 0; i < r->fw->nr_indicators; i++)
			for (m = 3; m <= 12; m += 3)
				if (indicator_due(&r->fw->indicators[i], m))
					strbuf_addf(&codes, "%s@%d,", r->fw->indicators[i].code, m);
		db_bind_text(*st, known, codes.buf);
		strbuf_release(&codes);
	}
	return 0;
}

long report_count(struct report *r, int months, const char *sql)
{
	sqlite3_stmt *st;
	long n = 0;

	if (report_query(r, months, &st, sql))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

void inputs_begin(struct tt_sha256 *ctx, const char *kind)
{
	tt_sha256_init(ctx);
	inputs_add(ctx, "tidtam " TT_BUILD);
	inputs_add(ctx, kind);
}

void inputs_add(struct tt_sha256 *ctx, const char *s)
{
	/* with its length, so that no two sequences of strings hash alike */
	inputs_add_int(ctx, (long)strlen(s));
	tt_sha256_update(ctx, s, strlen(s));
}

void inputs_add_int(struct tt_sha256 *ctx, long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld:", v);

	tt_sha256_update(ctx, buf, (size_t)n);
}

int inputs_add_query(struct tt_sha256 *ctx, struct report *r, int months, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = report_query(r, months, &st, sql)))
		return rc;
	rc = db_digest_rows(st, ctx);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, "could not read a report's inputs", r->err);
}

void inputs_end(struct tt_sha256 *ctx, char hex[TT_SHA256_HEX])
{
	tt_sha256_end(ctx, hex);
}

/* A report's path as rendered keeps it: under the output folder, however that was named. */
static const char *rendered_key(const struct report *r, const char *path)
{
	return strlen(path) > r->root_len ? path + r->root_len : path;
}

#define MARK_CURRENT_SQL "INSERT OR REPLACE INTO rendered(path, inputs) VALUES (?1, ?2)"

int report_is_current(const struct report *r, const char *path, const char *hash)
{
	sqlite3_stmt *st;
	int same = 0;

	if (access(path, R_OK))
		return 0;
	if (db_prepare(r->db, &st, "SELECT 1 FROM rendered WHERE path = ?1 AND inputs = ?2",
		       NULL))
		return 0;
	db_bind_text(st, 1, rendered_key(r, path));
	db_bind_text(st, 2, hash);
	same = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return same;
}

int report_mark_prepare(struct report *r, struct tt_error *err)
{
	return db_prepare(r->db, &r->mark, MARK_CURRENT_SQL, err);
}

/* A report's files put into place together: past this many, a job's are flushed. */
#define REPORT_OUT_FILES 256

/* Record path as made from inputs hash, now. */
static int mark_now(const struct report *r, const char *path, const char *hash,
		    struct tt_error *err)
{
	sqlite3_stmt *st = r->mark;
	int rc;

	if (!st && (rc = db_prepare(r->db, &st, MARK_CURRENT_SQL, err)))
		return rc;
	db_bind_text(st, 1, rendered_key(r, path));
	db_bind_text(st, 2, hash);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(r->db, "could not record a report",
							     err);
	if (st == r->mark)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	return rc;
}

int report_mark_current(struct report *r, const char *path, const char *hash,
			struct tt_error *err)
{
	struct report_out *out = r->out;
	struct report_mark *m;

	if (!out)
		return mark_now(r, path, hash, err);
	xgrow(&out->marks, &out->alloc_marks, out->nr_marks + 1, sizeof(*out->marks));
	m = &out->marks[out->nr_marks++];
	m->path = xstrdup(path);
	tt_strlcpy(m->hash, hash, sizeof(m->hash));
	return out->batch.nr >= REPORT_OUT_FILES ? report_out_flush(r) : 0;
}

void report_out_init(struct report_out *out, const char *output_dir)
{
	memset(out, 0, sizeof(*out));
	tt_batch_init(&out->batch);
	out->dir = xstrdup(output_dir);
}

static void marks_clear(struct report_out *out)
{
	size_t i;

	for (i = 0; i < out->nr_marks; i++)
		free(out->marks[i].path);
	out->nr_marks = 0;
}

int report_out_flush(struct report *r)
{
	struct report_out *out = r->out;
	size_t i;
	int rc;

	if (!out || (!out->batch.nr && !out->nr_marks))
		return 0;
	if (!(rc = tt_batch_finish(&out->batch, r->err)) &&
	    !(rc = tt_sync_output(out->dir, "the reports", r->err)) &&
	    !(rc = db_exec(r->db, "BEGIN IMMEDIATE", r->err))) {
		/* one statement for them all: r->mark, prepared here when r has none */
		int prepared = !r->mark;

		if (prepared)
			rc = report_mark_prepare(r, r->err);
		for (i = 0; !rc && i < out->nr_marks; i++)
			rc = mark_now(r, out->marks[i].path, out->marks[i].hash, r->err);
		if (prepared) {
			sqlite3_finalize(r->mark);
			r->mark = NULL;
		}
		if (!rc)
			rc = db_exec(r->db, "COMMIT", r->err);
		/* (a commit that failed may leave the transaction open) */
		if (rc && !sqlite3_get_autocommit(r->db))
			db_exec(r->db, "ROLLBACK", NULL);
	}
	tt_batch_release(&out->batch);
	marks_clear(out);
	return rc;
}

void report_out_release(struct report_out *out)
{
	tt_batch_release(&out->batch);
	marks_clear(out);
	free(out->marks);
	free(out->dir);
	memset(out, 0, sizeof(*out));
}

int report_write(struct report *r, const char *path, const void *data, size_t len)
{
	int wrote;

	if (!r->out)
		return tt_write_file_atomic(path, data, len, r->err);
	return tt_batch_write(&r->out->batch, path, data, len, r->out->batch.nr, &wrote, r->err);
}

int report_save(struct report *r, const char *path)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = layout_pdf_bytes(&r->l, &buf, &len, r->err)))
		return rc;
	rc = report_write(r, path, buf, len);
	free(buf);
	return rc;
}

/* ---- the validation report of a round --------------------------------- */

/*
 * What a round's validation report says, kept for its JSON: the
 * completeness rows of its unit table and the open issues of its CSV,
 * read from the same rows as the PDF and CSV.
 */
struct validation_row {
	char *code, *name, *kind;
	long counts[8];            /* expected .. values_present, as the completeness table */
};

struct validation_issue {
	struct vreport_issue is;
	char *path, *unit_name, *network;
	size_t seq;                /* order in the CSV */
};

struct validation_data {
	struct validation_row *units;
	size_t nr_units, alloc_units;
	struct validation_issue *issues;
	size_t nr_issues, alloc_issues;
};

static void validation_data_release(struct validation_data *d)
{
	size_t i;

	for (i = 0; i < d->nr_units; i++) {
		free(d->units[i].code);
		free(d->units[i].name);
		free(d->units[i].kind);
	}
	free(d->units);
	for (i = 0; i < d->nr_issues; i++) {
		vreport_issue_release(&d->issues[i].is);
		free(d->issues[i].path);
		free(d->issues[i].unit_name);
		free(d->issues[i].network);
	}
	free(d->issues);
	memset(d, 0, sizeof(*d));
}

/*
 * The round's completeness of the office and its networks, the office
 * last: from the units (SQLite would otherwise read every office's rows
 * of the round).
 */
#define ROUND_COMPLETENESS_SQL \
	"SELECT u.name, c.expected, c.received, c.on_time, c.late, c.missing," \
	" c.accepted, c.values_expected, c.values_present, c.unit_code, u.kind" \
	" FROM unit u CROSS JOIN completeness c ON c.unit_code = u.code" \
	" WHERE (u.code = ?1 OR (u.parent = ?1 AND u.kind = 'network'))" \
	" AND c.fiscal_year = ?2 AND c.round = ?3 ORDER BY u.kind = 'office', c.unit_code"

/* Completeness of the round: networks and office, groups, then each school. */
/* What the office's units sent in a round, per unit and indicator (sent_load()). */
struct sent_row {
	char *unit, *indicator;
	char *accepted;            /* the newest accepted submission's date; NULL: none */
	char *newest;              /* the newest submission's date */
	long values;               /* values in its accepted submissions not replaced */
};

struct sent_rows {
	struct sent_row *items;    /* a unit's rows one after another */
	size_t nr, alloc;
};

#define SENT_SQL \
	OFFICE_TREE \
	"SELECT s.unit_code, v.indicator," \
	" MAX(CASE WHEN s.status = 'accepted' THEN s.submitted_on END)," \
	" MAX(s.submitted_on)," \
	" SUM(s.status = 'accepted' AND s.superseded_by IS NULL" \
	"  AND (v.number IS NOT NULL OR COALESCE(v.value, '') <> ''))" \
	" FROM tree t CROSS JOIN submission s ON s.unit_code = t.code" \
	" JOIN value v ON v.submission_id = s.id" \
	" WHERE s.fiscal_year = ?2 AND s.round = ?3 AND v.indicator IS NOT NULL" \
	" GROUP BY s.unit_code, v.indicator ORDER BY s.unit_code"

/*
 * The round's values of the office's units, per unit and indicator, read
 * once for every responsible group of the completeness table.  0 or an
 * error code.
 */
static int sent_load(struct report *r, int months, struct sent_rows *out)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = report_query(r, months, &st, SENT_SQL)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sent_row *w;

		xgrow(&out->items, &out->alloc, out->nr + 1, sizeof(*out->items));
		w = &out->items[out->nr++];
		w->unit = xstrdup(db_column_text(st, 0));
		w->indicator = xstrdup(db_column_text(st, 1));
		w->accepted = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL
			      : xstrdup(db_column_text(st, 2));
		w->newest = xstrdup(db_column_text(st, 3));
		w->values = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, "could not read what the units sent", r->err);
}

static void sent_release(struct sent_rows *rows)
{
	size_t i;

	for (i = 0; i < rows->nr; i++) {
		free(rows->items[i].unit);
		free(rows->items[i].indicator);
		free(rows->items[i].accepted);
		free(rows->items[i].newest);
	}
	free(rows->items);
}

/*
 * Of the indicators in codes (",CODE,CODE,"): the units that sent any
 * value of them, those of them whose counted date (AGGREGATE_COUNTED_DATE_SQL:
 * the newest accepted submission's, else the newest's) is on or before
 * deadline, and the values of them in accepted submissions not replaced.
 */
static void sent_count(const struct sent_rows *rows, const char *codes, const char *deadline,
		       long *sent, long *on_time, long *values)
{
	struct strbuf code;
	size_t k = 0;

	*sent = *on_time = *values = 0;
	strbuf_init(&code);
	while (k < rows->nr) {
		const char *unit = rows->items[k].unit, *accepted = NULL, *newest = NULL;

		for (; k < rows->nr && !strcmp(rows->items[k].unit, unit); k++) {
			const struct sent_row *w = &rows->items[k];

			strbuf_reset(&code);
			strbuf_addf(&code, ",%s,", w->indicator);
			if (!strstr(codes, code.buf))
				continue;
			*values += w->values;
			if (w->accepted && (!accepted || strcmp(w->accepted, accepted) > 0))
				accepted = w->accepted;
			if (!newest || strcmp(w->newest, newest) > 0)
				newest = w->newest;
		}
		if (!newest)
			continue;
		(*sent)++;
		if (strcmp(accepted ? accepted : newest, deadline) <= 0)
			(*on_time)++;
	}
	strbuf_release(&code);
}

static int round_completeness(struct report *r, int months, struct validation_data *data)
{
	static const struct layout_column unit_cols[] = {
		{ "หน่วยงาน", 178, ALIGN_LEFT, 0 }, { "ต้องส่ง", 44, ALIGN_RIGHT, 0 },
		{ "ส่งแล้ว", 44, ALIGN_RIGHT, 0 }, { "ตรงเวลา", 44, ALIGN_RIGHT, 0 },
		{ "ล่าช้า", 40, ALIGN_RIGHT, 0 }, { "ไม่ส่ง", 40, ALIGN_RIGHT, 0 },
		{ "ผ่านการตรวจ", 50, ALIGN_RIGHT, 0 }, { "ข้อมูลครบ", 62, ALIGN_RIGHT, 0 },
	};
	static const struct layout_column group_cols[] = {
		{ "กลุ่มงานที่รับผิดชอบ", 164, ALIGN_LEFT, 0 }, { "ตัวชี้วัด", 44, ALIGN_RIGHT, 0 },
		{ "ต้องส่ง", 44, ALIGN_RIGHT, 0 }, { "ส่งแล้ว", 44, ALIGN_RIGHT, 0 },
		{ "ตรงเวลา", 44, ALIGN_RIGHT, 0 }, { "ล่าช้า", 40, ALIGN_RIGHT, 0 },
		{ "ไม่ส่ง", 40, ALIGN_RIGHT, 0 }, { "ข้อมูลครบ", 62, ALIGN_RIGHT, 0 },
	};
	static const struct layout_column school_cols[] = {
		{ "รหัส", 84, ALIGN_LEFT, LAYOUT_CODES }, { "หน่วยงาน", 190, ALIGN_LEFT, 0 },
		{ "สถานะ", 66, ALIGN_CENTER, 0 }, { "วันที่ส่ง", 74, ALIGN_CENTER, 0 },
		{ "ผลการตรวจ", 70, ALIGN_CENTER, 0 },
	};
	const struct round *round = framework_round(r->fw, months);
	struct status_list status;
	struct cells cells = { 0 };
	struct sent_rows sent_rows;
	sqlite3_stmt *st = NULL;
	long schools;
	size_t g, i;
	int rc, c;

	layout_heading(&r->l, 16, "ความครบถ้วนและความทันเวลา", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	if ((rc = report_query(r, months, &st, ROUND_COMPLETENESS_SQL)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct validation_row *row;

		xgrow(&data->units, &data->alloc_units, data->nr_units + 1, sizeof(*data->units));
		row = &data->units[data->nr_units++];
		row->code = xstrdup(db_column_text(st, 9));
		row->name = xstrdup(db_column_text(st, 0));
		row->kind = xstrdup(db_column_text(st, 10));
		for (c = 1; c <= 8; c++)
			row->counts[c - 1] = (long)sqlite3_column_int64(st, c);
		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		for (c = 1; c <= 6; c++)
			cell_add(&cells, report_number(sqlite3_column_double(st, c), 0));
		percent_cell(&cells, sqlite3_column_double(st, 8), sqlite3_column_double(st, 7));
	}
	sqlite3_finalize(st);
	layout_table(&r->l, unit_cols, 8, cells.items, cells.nr / 8, TABLE);
	cells_release(&cells);

	/*
	 * per responsible group: the units that owe its indicators (the schools
	 * for school indicators, the office for its own), which of them sent
	 * any (on time or late), and the values owed and received
	 */
	layout_space(&r->l, 10);
	if ((rc = sent_load(r, months, &sent_rows)))
		return rc;
	schools = report_count(r, months, OFFICE_TREE "SELECT COUNT(*) FROM unit u"
			       " JOIN tree t ON t.code = u.code WHERE u.kind = 'school'");
	for (g = 0; g < r->fw->nr_groups; g++) {
		struct strbuf codes;
		char deadline[11] = "9999-12-31";
		long due = 0, due_office = 0, owing, sent, on_time, values;

		strbuf_init(&codes);
		strbuf_addch(&codes, ',');
		for (i = 0; i < r->fw->nr_indicators; i++) {
			const struct indicator *ind = &r->fw->indicators[i];

			/* owed: what a school, or the office, must send this round */
			if (ind->group != g || !indicator_due(ind, months) || !ind->required)
				continue;
			strbuf_addf(&codes, "%s,", ind->code);
			if (ind->submitter == SUBMITTER_SCHOOL)
				due++;
			else
				due_office++;
		}
		if (!due && !due_office) {
			strbuf_release(&codes);
			continue;
		}
		if (round)
			period_format_iso(&round->deadline, deadline);
		sent_count(&sent_rows, codes.buf, deadline, &sent, &on_time, &values);
		strbuf_release(&codes);
		owing = (due ? schools : 0) + (due_office ? 1 : 0);
		cell_add(&cells, xstrdup(r->fw->groups[g].name));
		cell_add(&cells, report_number((double)(due + due_office), 0));
		cell_add(&cells, report_number((double)owing, 0));
		cell_add(&cells, report_number((double)sent, 0));
		cell_add(&cells, report_number((double)on_time, 0));
		cell_add(&cells, report_number((double)(sent - on_time), 0));
		cell_add(&cells, report_number((double)(owing - sent), 0));
		percent_cell(&cells, (double)values, (double)((due ? schools : 0) * due + due_office));
	}
	sent_release(&sent_rows);
	layout_table(&r->l, group_cols, 8, cells.items, cells.nr / 8, TABLE);
	cells_release(&cells);

	/* every unit that owes: on time, late or missing (status.h, as `tidtam status`) */
	layout_space(&r->l, 10);
	layout_heading(&r->l, 14, "การส่งข้อมูลรายหน่วยงาน", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	if ((rc = status_load_framework(r->db, r->fw, months, r->office_code, &status, r->err)))
		return rc;
	for (i = 0; status.nr_rounds && i < status.rounds[0].nr_units; i++) {
		const struct status_unit *u = &status.rounds[0].units[i];
		static const char *const judged[] = {
			[STATUS_MISSING] = "-", [STATUS_ACCEPTED] = "ผ่าน",
			[STATUS_REJECTED] = "ไม่ผ่าน", [STATUS_HELD] = "พักไว้",
			[STATUS_PENDING] = "รอตรวจ",
		};
		struct tt_date d;
		int dated = u->state != STATUS_MISSING && !period_parse_date(u->submitted_on, &d);
		struct strbuf date;

		cell_add(&cells, xstrdup(u->code));
		cell_add(&cells, xstrdup(u->name));
		cell_add(&cells, xstrdup(u->state == STATUS_MISSING ? "ไม่ส่ง"
					 : u->on_time ? "ตรงเวลา" : "ล่าช้า"));
		strbuf_init(&date);
		if (dated)
			period_format_thai(&date, &d, 0);
		else
			strbuf_addch(&date, '-');
		cell_add(&cells, strbuf_detach(&date));
		cell_add(&cells, xstrdup(judged[u->state]));
	}
	status_list_release(&status);
	layout_table(&r->l, school_cols, 5, cells.items, cells.nr / 5, TABLE);
	cells_release(&cells);
	return 0;
}

/*
 * The query of the round's open issues: those of its current submissions,
 * that is not superseded, and not rejected ones that an accepted
 * submission of the same unit has since replaced (REJECTION_CLOSED).  The
 * submissions are those of the office's units, read from its tree (SQLite
 * would otherwise go through every office's submissions of the round),
 * and those of codes no unit list knows (E-UNIT), found by their ids (?4,
 * struct report_orphans' JSON array); the office's own code is of the tree.
 */
static const char open_issues_sql[] = OFFICE_TREE
	", cur(id) AS (SELECT s.id FROM tree t CROSS JOIN submission s ON s.unit_code = t.code"
	"  WHERE s.fiscal_year = ?2 AND s.round = ?3"
	"  UNION ALL SELECT s.id FROM json_each(?4) o CROSS JOIN submission s ON s.id = o.value"
	"  WHERE s.unit_code IS NOT ?1"
	"  AND NOT EXISTS (SELECT 1 FROM unit k WHERE k.code = s.unit_code))"
	" SELECT s.unit_code, COALESCE(u.name, ''), COALESCE(n.name, ''), f.path,"
	" COALESCE(i.row, ''), COALESCE(i.col, ''), i.code, i.severity,"
	" i.message_th, i.message_en, COALESCE(i.found, ''), " VREPORT_ISSUE_COLUMNS
	" FROM cur CROSS JOIN submission s ON s.id = cur.id"
	" JOIN issue i ON i.submission_id = s.id"
	" JOIN file f ON f.id = i.file_id"
	" LEFT JOIN unit u ON u.code = s.unit_code"
	" LEFT JOIN unit n ON n.code = u.parent AND n.kind = 'network'"
	" WHERE s.fiscal_year = ?2 AND s.round = ?3 AND s.superseded_by IS NULL"
	" AND NOT" REJECTION_CLOSED
	" ORDER BY s.unit_code, i.severity, f.path, i.row, i.id";

/*
 * Open issues grouped by school, in the PDF, and all of them in the CSV
 * and in data (for the JSON).
 */
static int round_issues(struct report *r, int months, struct strbuf *csv, long *nr,
			struct validation_data *data)
{
	static const struct layout_column cols[] = {
		{ "ไฟล์", 128, ALIGN_LEFT, LAYOUT_CODES }, { "แถว", 34, ALIGN_RIGHT, 0 },
		{ "คอลัมน์", 62, ALIGN_LEFT, LAYOUT_CODES }, { "รหัสปัญหา", 84, ALIGN_LEFT, LAYOUT_CODES },
		{ "รายละเอียด", 176, ALIGN_LEFT, 0 },
	};
	static const char *const head[] = {
		"รหัสหน่วยงาน", "ชื่อหน่วยงาน", "เครือข่าย", "ไฟล์", "แถว", "คอลัมน์",
		"รหัสปัญหา", "ระดับ", "รายละเอียด", "message", "ค่าที่พบ",
	};
	enum { NR_HEAD = sizeof(head) / sizeof(head[0]) };
	const char *fields[NR_HEAD];
	const struct report_orphans *o;
	struct cells cells = { 0 };
	sqlite3_stmt *st = NULL;
	struct strbuf heading;
	char unit[64] = "";
	size_t k;
	int rc;

	*nr = 0;
	csv_write_row(csv, head, NR_HEAD, 1);
	if (!(o = orphans_of(r, months)))
		return r->err->code;
	if ((rc = report_query(r, months, &st, open_issues_sql)))
		return rc;
	db_bind_text(st, 4, o->ids[months / 3 - 1]);
	layout_new_page(&r->l, 0);
	layout_heading(&r->l, 16, "ปัญหาที่พบ แยกตามโรงเรียน", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	strbuf_init(&heading);
	for (;;) {
		int more = sqlite3_step(st) == SQLITE_ROW;
		const char *code = more ? db_column_text(st, 0) : "";
		struct validation_issue *vi;

		if (!more || strcmp(code, unit)) {
			/* the school's heading kept with its table's first row */
			if (cells.nr) {
				layout_space(&r->l, 6);
				layout_heading(&r->l, 13, heading.buf,
					       layout_table_height(&r->l, cols, 5, cells.items, 1, TABLE));
				layout_table(&r->l, cols, 5, cells.items, cells.nr / 5, TABLE);
			}
			cells_release(&cells);
			if (!more)
				break;
			tt_strlcpy(unit, code, sizeof(unit));
			strbuf_reset(&heading);
			strbuf_addf(&heading, "%s %s", code, db_column_text(st, 1));
		}
		for (k = 0; k < NR_HEAD; k++)
			fields[k] = db_column_text(st, (int)k);
		csv_write_row(csv, fields, NR_HEAD, 1);
		xgrow(&data->issues, &data->alloc_issues, data->nr_issues + 1,
		      sizeof(*data->issues));
		vi = &data->issues[data->nr_issues];
		vreport_issue_read(st, NR_HEAD, &vi->is);
		vi->path = xstrdup(db_column_text(st, 3));
		vi->unit_name = xstrdup(db_column_text(st, 1));
		vi->network = xstrdup(db_column_text(st, 2));
		vi->seq = data->nr_issues++;
		cell_add(&cells, xstrdup(db_column_text(st, 3)));
		cell_add(&cells, xstrdup(db_column_text(st, 4)));
		cell_add(&cells, xstrdup(db_column_text(st, 5)));
		/* the severity on a line of its own: no word of it is cut */
		cell_addf(&cells, "%s\n(%s)", db_column_text(st, 6),
			  !strcmp(db_column_text(st, 7), "error") ? "ข้อผิดพลาด" : "คำเตือน");
		cell_add(&cells, xstrdup(db_column_text(st, 8)));
		(*nr)++;
	}
	sqlite3_finalize(st);
	strbuf_release(&heading);
	if (!*nr)
		layout_paragraph(&r->l, 0, BODY, ALIGN_LEFT, "ไม่พบปัญหาในข้อมูลของรอบนี้");
	return 0;
}

static int issue_by_path(const void *a, const void *b)
{
	const struct validation_issue *x = *(const struct validation_issue *const *)a;
	const struct validation_issue *y = *(const struct validation_issue *const *)b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The members of an issue only a validation report has: whose it is. */
static void issue_unit(struct json_writer *w, void *data)
{
	const struct validation_issue *vi = data;

	json_member_string(w, "unitName", *vi->unit_name ? vi->unit_name : NULL);
	json_member_string(w, "network", *vi->network ? vi->network : NULL);
}

static void count_issues(struct validation_issue *const *v, size_t n, long *errors,
			 long *warnings)
{
	size_t i;

	*errors = *warnings = 0;
	for (i = 0; i < n; i++) {
		if (!strcmp(v[i]->is.severity, "error"))
			(*errors)++;
		else
			(*warnings)++;
	}
}

/*
 * The round's validation report as JSON (vreport.h): the round, its
 * completeness rows, and its open issues as one task per file, in the
 * CSV's order within each.
 */
static void validation_json(const struct report *r, int months,
			    const struct validation_data *d, struct strbuf *out)
{
	struct validation_issue **v = xcalloc(d->nr_issues + 1, sizeof(*v));
	struct json_writer w;
	long errors, warnings, tasks = 0;
	char date[11];
	size_t i, j, k;

	for (i = 0; i < d->nr_issues; i++)
		v[i] = &d->issues[i];
	if (d->nr_issues)
		qsort(v, d->nr_issues, sizeof(*v), issue_by_path);
	for (i = 0; i < d->nr_issues; i++)
		tasks += !i || strcmp(v[i]->path, v[i - 1]->path);
	count_issues(v, d->nr_issues, &errors, &warnings);
	json_init(&w, out);
	json_begin_object(&w);
	json_member_string(&w, "profile", VREPORT_PROFILE);
	json_member_string(&w, "kind", "validation");
	vreport_begin_stats(&w, tasks, errors, warnings);
	json_end_object(&w);
	json_member_string(&w, "office", r->office_code);
	json_member_string(&w, "officeName", r->office_name);
	json_member_integer(&w, "fiscalYear", r->fw->fiscal_year);
	json_member_integer(&w, "round", months);
	period_format_iso(&r->as_of, date);
	json_member_string(&w, "dataDate", date);
	json_key(&w, "approval");
	if (r->approval.approved) {
		json_begin_object(&w);
		json_member_string(&w, "by", r->approval.by);
		json_member_string(&w, "at", r->approval.at);
		json_key(&w, "forced");
		json_bool(&w, r->approval.forced);
		json_member_integer(&w, "missing", r->approval.missing);
		json_member_integer(&w, "rejected", r->approval.rejected);
		json_end_object(&w);
	} else {
		json_null(&w);
	}
	json_key(&w, "completeness");
	json_begin_array(&w);
	for (i = 0; i < d->nr_units; i++) {
		static const char *const keys[8] = {
			"expected", "received", "onTime", "late", "missing", "accepted",
			"valuesExpected", "valuesPresent",
		};
		const struct validation_row *row = &d->units[i];

		json_begin_object(&w);
		json_member_string(&w, "unit", row->code);
		json_member_string(&w, "name", row->name);
		json_member_string(&w, "kind", row->kind);
		for (k = 0; k < 8; k++)
			json_member_integer(&w, keys[k], row->counts[k]);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "errors");
	json_begin_array(&w);
	json_end_array(&w);
	json_key(&w, "tasks");
	json_begin_array(&w);
	for (i = 0; i < d->nr_issues; i = j) {
		long e, wn;

		for (j = i + 1; j < d->nr_issues && !strcmp(v[j]->path, v[i]->path); j++)
			;
		count_issues(v + i, j - i, &e, &wn);
		json_begin_object(&w);
		json_member_string(&w, "path", v[i]->path);
		json_member_string(&w, "type", "file");
		vreport_begin_stats(&w, -1, e, wn);
		json_end_object(&w);
		json_key(&w, "errors");
		json_begin_array(&w);
		for (k = i; k < j; k++)
			vreport_error(&w, &v[k]->is, issue_unit, v[k]);
		json_end_array(&w);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
	free(v);
}

/* What a round's validation report prints, of the office's units (validation_inputs()). */
#define VALIDATION_UNITS_SQL \
	OFFICE_TREE "SELECT u.code, u.name, u.kind, u.parent FROM tree t" \
	" JOIN unit u ON u.code = t.code ORDER BY u.code"
#define VALIDATION_COMPLETENESS_SQL \
	OFFICE_TREE "SELECT c.* FROM tree t CROSS JOIN completeness c" \
	" ON c.unit_code = t.code WHERE c.fiscal_year = ?2 AND c.round = ?3 ORDER BY c.unit_code"
#define VALIDATION_SUBMISSIONS_SQL \
	OFFICE_TREE "SELECT s.id, s.unit_code, s.submitted_on, s.status, s.superseded_by, f.path," \
	" (SELECT COUNT(*) FROM value v WHERE v.submission_id = s.id AND v.number IS NOT NULL)" \
	" FROM tree t CROSS JOIN submission s ON s.unit_code = t.code JOIN file f ON f.id = s.file_id" \
	" WHERE s.fiscal_year = ?2 AND s.round = ?3 ORDER BY s.id"
#define VALIDATION_ISSUES_SQL \
	OFFICE_TREE "SELECT i.* FROM tree t JOIN submission s ON s.unit_code = t.code" \
	" JOIN issue i ON i.submission_id = s.id WHERE s.fiscal_year = ?2 AND s.round = ?3" \
	" ORDER BY i.id"

static const char *const validation_inputs_sql[] = {
	"SELECT * FROM approved_round WHERE fiscal_year = ?2 AND round = ?3",
	VALIDATION_UNITS_SQL,
	VALIDATION_COMPLETENESS_SQL,
	VALIDATION_SUBMISSIONS_SQL,
	VALIDATION_ISSUES_SQL,
	NULL
};

/*
 * The inputs of a round's validation report, as a hash: the rows of the
 * office's units (OFFICE_TREE), and the round's submissions of no known
 * unit, which every office's report lists.
 */
static int validation_inputs(struct report *r, int months,
			     char hex[TT_SHA256_HEX])
{
	const struct report_orphans *o = orphans_of(r, months);
	struct tt_sha256 ctx;
	size_t i;
	int rc;

	if (!o)
		return r->err->code;

	inputs_begin(&ctx, "validation");
	inputs_add(&ctx, r->framework_hash);
	inputs_add(&ctx, r->office_code);
	inputs_add(&ctx, r->office_name);
	inputs_add_int(&ctx, months);
	inputs_add_int(&ctx, r->l.thai_digits);
	inputs_add_int(&ctx, r->as_of.year * 10000 + r->as_of.month * 100 + r->as_of.day);
	for (i = 0; validation_inputs_sql[i]; i++)
		if ((rc = inputs_add_query(&ctx, r, months, validation_inputs_sql[i])))
			return rc;
	inputs_add(&ctx, o->hash[months / 3 - 1]);
	inputs_end(&ctx, hex);
	return 0;
}

static int render_validation(struct report *r, int months, const char *dir,
			     struct report_stats *stats)
{
	struct validation_data data = { 0 };
	struct strbuf title, path, csv, sb, json_path;
	char hash[TT_SHA256_HEX];
	const struct tt_date *as_of = &r->as_of;
	long issues = 0;
	int rc, thai_digits = r->l.thai_digits;

	strbuf_init(&title);
	strbuf_init(&path);
	strbuf_init(&csv);
	strbuf_init(&sb);
	strbuf_init(&json_path);
	strbuf_addf(&path, "%s/validation-%d-%dm.pdf", dir, r->fw->fiscal_year, months);
	strbuf_addf(&json_path, "%s/validation-%d-%dm.json", dir, r->fw->fiscal_year, months);
	if ((rc = validation_inputs(r, months, hash)))
		goto out;
	/* the PDF stands for the three, unless the JSON is missing */
	if (report_is_current(r, path.buf, hash) && !access(json_path.buf, R_OK)) {
		stats->skipped++;
		goto out;
	}
	if ((rc = layout_open(&r->l, NULL, r->err)))
		goto out;
	r->l.thai_digits = thai_digits;
	strbuf_addstr(&title, "รายงานผลการตรวจสอบข้อมูล ");
	period_format_round(&title, months);
	strbuf_addch(&title, ' ');
	period_format_fiscal_year(&title, r->fw->fiscal_year);
	layout_set_info(&r->l, title.buf, r->office_name, as_of->year, as_of->month, as_of->day);
	xsnprintf(r->l.footer, sizeof(r->l.footer), "%s\n%s", title.buf, r->office_name);
	if ((rc = report_round_header(r, months)))
		goto out;
	layout_new_page(&r->l, 0);
	layout_paragraph(&r->l, FACE_BOLD, 20, ALIGN_CENTER, "รายงานผลการตรวจสอบข้อมูล");
	strbuf_reset(&sb);
	period_format_round(&sb, months);
	strbuf_addch(&sb, ' ');
	period_format_fiscal_year(&sb, r->fw->fiscal_year);
	layout_paragraph(&r->l, FACE_BOLD, 16, ALIGN_CENTER, sb.buf);
	layout_paragraph(&r->l, FACE_REGULAR, 16, ALIGN_CENTER, r->office_name);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "ข้อมูล ณ วันที่ ");
	period_format_thai(&sb, as_of, 1);
	layout_paragraph(&r->l, FACE_REGULAR, BODY, ALIGN_CENTER, sb.buf);
	layout_space(&r->l, 12);
	if ((rc = round_completeness(r, months, &data)) ||
	    (rc = round_issues(r, months, &csv, &issues, &data)))
		goto out;
	if ((rc = report_save(r, path.buf)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/validation-%d-%dm.csv", dir, r->fw->fiscal_year, months);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "\xEF\xBB\xBF");
	strbuf_add(&sb, csv.buf, csv.len);
	if ((rc = report_write(r, path.buf, sb.buf, sb.len)))
		goto out;
	strbuf_reset(&sb);
	validation_json(r, months, &data, &sb);
	if ((rc = report_write(r, json_path.buf, sb.buf, sb.len)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/validation-%d-%dm.pdf", dir, r->fw->fiscal_year, months);
	rc = report_mark_current(r, path.buf, hash, r->err);
	if (!rc)
		stats->validation++;
out:
	report_progress(r, stats);
	layout_close(&r->l);
	strbuf_release(&title);
	strbuf_release(&path);
	strbuf_release(&csv);
	strbuf_release(&sb);
	strbuf_release(&json_path);
	validation_data_release(&data);
	return rc;
}

/* ---- the reports of every office and year -------------------------------- */

void report_progress(const struct report *r, const struct report_stats *stats)
{
	tt_progress_step(r->progress, (long)stats->written + stats->validation + stats->cards +
			 stats->skipped + stats->failed, 0);
}

/* A message for the run's output, once however often it comes. */
static void stats_note(struct report_stats *stats, const char *msg)
{
	size_t i;

	for (i = 0; i < stats->nr_messages; i++)
		if (!strcmp(stats->messages[i], msg))
			return;
	xgrow(&stats->messages, &stats->alloc_messages, stats->nr_messages + 1,
	      sizeof(*stats->messages));
	stats->messages[stats->nr_messages++] = xstrdup(msg);
}

/* A report that could not be made: counted, and its error noted. */
static void stats_fail(struct report_stats *stats, const char *what, const struct tt_error *err)
{
	char buf[1200];
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "error: %s: %s", what, tt_error_format(err, buf, sizeof(buf)));
	stats_note(stats, sb.buf);
	strbuf_release(&sb);
	stats->failed++;
}

void report_stats_release(struct report_stats *stats)
{
	size_t i;

	for (i = 0; i < stats->nr_messages; i++)
		free(stats->messages[i]);
	free(stats->messages);
	stats->messages = NULL;
	stats->nr_messages = stats->alloc_messages = 0;
}

/* The templates of one fiscal year; NULL where one could not be read. */
struct templates {
	int fiscal_year;
	struct report_template *annual, *progress, *card;
};

static void templates_free(struct templates *t)
{
	template_free(t->annual);
	template_free(t->progress);
	template_free(t->card);
	memset(t, 0, sizeof(*t));
}

/*
 * The year's template name: reports/<FY>/<name>.xml over
 * reports/<name>.xml, which must be of kind; NULL, noted in stats as
 * failed with `what` ("the annual reports of 2567 are not made"), when it
 * cannot be read.  Its digits as opt says, if it says.
 */
struct report_template *report_template_load(const struct report_options *opt, int fy,
					     const char *name, enum template_kind kind,
					     const char *kind_name, struct report_stats *stats,
					     const char *what)
{
	const char *dir = opt->templates_dir;
	struct report_template *t;
	struct strbuf path, schema;
	struct tt_error err;

	strbuf_init(&path);
	strbuf_init(&schema);
	strbuf_addf(&schema, "%s/schema/report.xsd", dir);
	strbuf_addf(&path, "%s/reports/%d/%s.xml", dir, fy, name);
	if (access(path.buf, F_OK)) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/reports/%s.xml", dir, name);
	}
	tt_error_clear(&err);
	t = template_load(path.buf, schema.buf, &err);
	if (t && t->kind != kind) {
		tt_error_set(&err, TT_EPARSE, "kind=\"%s\" is expected here", kind_name);
		tt_error_at(&err, path.buf, 0, NULL);
		template_free(t);
		t = NULL;
	}
	if (!t)
		stats_fail(stats, what, &err);
	else if (opt->thai_digits >= 0)
		t->thai_digits = opt->thai_digits;
	strbuf_release(&path);
	strbuf_release(&schema);
	return t;
}

/*
 * The year's templates: reports/<FY>/<name>.xml over reports/<name>.xml.
 * One that cannot be read is noted as failed; the others are still loaded.
 */
static void templates_load(const struct report_options *opt, int fy, struct templates *t,
			   struct report_stats *stats)
{
	static const char *const names[] = { "annual", "progress", "card" };
	struct report_template **slot[] = { &t->annual, &t->progress, &t->card };
	static const enum template_kind kinds[] = { TEMPLATE_ANNUAL, TEMPLATE_PROGRESS,
						    TEMPLATE_CARD };
	struct strbuf what;
	size_t i;

	memset(t, 0, sizeof(*t));
	t->fiscal_year = fy;
	strbuf_init(&what);
	for (i = 0; i < 3; i++) {
		strbuf_reset(&what);
		strbuf_addf(&what, "the %s of %d are not made",
			    i == 0 ? "annual reports" : i == 1 ? "progress reports"
			    : "school report cards", fy);
		*slot[i] = report_template_load(opt, fy, names[i], kinds[i], names[i], stats,
						what.buf);
	}
	strbuf_release(&what);
}

/* The template's warnings, for the run's output. */
static void note_template(struct report *r, struct report_stats *stats)
{
	size_t i;

	report_check_template(r);
	for (i = 0; i < r->nr_notes; i++)
		stats_note(stats, r->notes[i].en);
}

/*
 * One report of r (its template r->tpl, made by report_office()), unless
 * the hash inputs() makes of its inputs is the one recorded for path.
 */
int report_render_if_changed(struct report *r, const char *path, struct report_stats *stats,
			     int (*inputs)(struct report *, char *))
{
	char hash[TT_SHA256_HEX];
	int rc;

	note_template(r, stats);
	if ((rc = inputs(r, hash)))
		return rc;
	if (report_is_current(r, path, hash)) {
		stats->skipped++;
		report_progress(r, stats);
		return 0;
	}
	if ((rc = report_office(r, path, r->err)) ||
	    (rc = report_mark_current(r, path, hash, r->err)))
		return rc;
	stats->written++;
	report_progress(r, stats);
	return 0;
}

/* One office report (annual or progress), unless its inputs are unchanged. */
static int render_office_report(struct report *r, const char *path, struct report_stats *stats)
{
	return report_render_if_changed(r, path, stats, report_office_inputs);
}

/* The framework the office's reports are made from, as a hash, once. */
static int framework_digest(struct report *r)
{
	struct tt_sha256 ctx;
	int rc;

	inputs_begin(&ctx, "framework");
	if ((rc = inputs_add_query(&ctx, r, 0, "SELECT xml FROM framework WHERE fiscal_year = ?2"
				   " ORDER BY file_id DESC LIMIT 1")))
		return rc;
	inputs_end(&ctx, r->framework_hash);
	return 0;
}

/* A report failed: noted, and the next one is tried. */
void report_failed(struct report *r, struct report_stats *stats, const char *path)
{
	struct strbuf what;

	strbuf_init(&what);
	strbuf_addf(&what, "'%s' is not made", path);
	stats_fail(stats, what.buf, r->err);
	tt_error_clear(r->err);
	strbuf_release(&what);
}
/*
 * What render shares between the offices of a run: the output folder, the
 * year's submissions of no known unit, and what the change stamps say.
 */
struct render_run {
	const char *output_dir;
	int thai_digits;           /* as report_options */
	struct report_orphans orphans;
	int results_current;       /* aggregate ran after the newest change stamped */
	int stamp_year;            /* the year orphan_stamp is of */
	long long orphan_stamp;    /* newest stamp of a code no unit list knows */
};

/* The newest change stamp of the office's units (db.c's version 10). */
#define OFFICE_STAMP_SQL \
	OFFICE_TREE "SELECT MAX(c.stamp) FROM tree t JOIN change_stamp c" \
	" ON c.unit_code = t.code AND c.fiscal_year IN (?2, 0)"

/*
 * The cheap stand-in for every report hash of an office and year: the
 * program (inputs_begin), the templates and logo, the framework, the
 * office, the year's approvals, and the newest change stamp of its units
 * (OFFICE_TREE, db.c's version 10) and of codes no unit list knows.  The
 * same digest as when its reports were last all made, with the results
 * made after every change stamped, means that none of them changed.
 */
static int office_digest(struct report *r, const struct templates *t,
			 const struct render_run *run, char hex[TT_SHA256_HEX])
{
	const struct report_template *tpl[] = { t->annual, t->progress, t->card };
	struct tt_sha256 ctx;
	size_t i;
	int rc;

	inputs_begin(&ctx, "office");
	for (i = 0; i < sizeof(tpl) / sizeof(tpl[0]); i++) {
		inputs_add(&ctx, tpl[i] ? tpl[i]->sha256 : "-");
		inputs_add_int(&ctx, tpl[i] ? tpl[i]->thai_digits : -1);
	}
	inputs_add(&ctx, r->framework_hash);
	inputs_add(&ctx, r->office_code);
	inputs_add(&ctx, r->office_name);
	inputs_add_int(&ctx, run->thai_digits);
	inputs_add_int(&ctx, (long)run->orphan_stamp);
	if ((rc = inputs_add_query(&ctx, r, 0, "SELECT * FROM approval WHERE fiscal_year = ?2"
				   " ORDER BY id")) ||
	    (rc = inputs_add_query(&ctx, r, 0, OFFICE_STAMP_SQL)))
		return rc;
	inputs_end(&ctx, hex);
	return 0;
}

/*
 * The files of the folders an office's reports lie in, each folder read
 * once (its entries as it gives them): whether a report recorded is still
 * there then costs no system call of its own (an access() a report was
 * 33,000 a night at 245 offices, against some 500 folders read).
 */
struct listed {
	struct tt_strset dirs;    /* read: paths under the output folder */
	struct tt_strset files;   /* what they hold, but folders */
};

/* 1 if path (under the output folder out) is in its folder, read on first asking. */
static int listed_has(struct listed *l, const char *out, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct strbuf dir, file;
	struct dirent *e;
	DIR *d;

	if (!slash)
		return 0;
	strbuf_init(&dir);
	strbuf_add(&dir, path, (size_t)(slash - path));
	if (!tt_strset_has(&l->dirs, dir.buf)) {
		tt_strset_add(&l->dirs, dir.buf);
		strbuf_init(&file);
		strbuf_addf(&file, "%s/%s", out, dir.buf);
		if ((d = opendir(file.buf))) {
			while ((e = readdir(d))) {
				if (e->d_type == DT_DIR || e->d_name[0] == '.')
					continue;
				strbuf_reset(&file);
				strbuf_addf(&file, "%s/%s", dir.buf, e->d_name);
				tt_strset_add(&l->files, file.buf);
			}
			closedir(d);
		}
		strbuf_release(&file);
	}
	strbuf_release(&dir);
	return tt_strset_has(&l->files, path);
}

/*
 * 1 when the office's folder rel (reports/<FY>/<office>) was last made
 * whole from inputs with this digest and each report rendered keeps under
 * it is still there (its folder's listing holds it, listed_has()): they
 * are counted as skipped, without reading their rows.
 */
static int office_unchanged(struct report *r, const struct templates *t,
			    const struct render_run *run, const char *rel, const char *digest,
			    struct report_stats *stats)
{
	sqlite3_stmt *st;
	struct strbuf lo, hi, path;
	struct listed listed = { { 0 }, { 0 } };
	int same, n = 0, progress = 0, annual = 0;

	if (db_prepare(r->db, &st, "SELECT 1 FROM rendered_office WHERE dir = ?1"
		       " AND inputs = ?2", NULL))
		return 0;
	db_bind_text(st, 1, rel);
	db_bind_text(st, 2, digest);
	same = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!same || db_prepare(r->db, &st, "SELECT path FROM rendered WHERE path >= ?1"
				" AND path < ?2 ORDER BY path", NULL))
		return 0;
	strbuf_init(&lo);
	strbuf_init(&hi);
	strbuf_init(&path);
	strbuf_addf(&lo, "%s/", rel);
	strbuf_addf(&hi, "%s0", rel); /* '0' follows '/' */
	db_bind_text(st, 1, lo.buf);
	db_bind_text(st, 2, hi.buf);
	while (same && sqlite3_step(st) == SQLITE_ROW) {
		const char *p = db_column_text(st, 0), *name = strrchr(p, '/') + 1;

		same = listed_has(&listed, run->output_dir, p);
		/* a validation report's JSON is made again when missing */
		if (same && !strncmp(name, "validation-", 11) && strlen(p) > 4) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%.*s.json", (int)strlen(p) - 4, p);
			same = listed_has(&listed, run->output_dir, path.buf);
		}
		progress |= !strncmp(name, "progress-", 9);
		annual |= !strncmp(name, "annual-", 7);
		n++;
	}
	sqlite3_finalize(st);
	strbuf_release(&lo);
	strbuf_release(&hi);
	strbuf_release(&path);
	tt_strset_release(&listed.dirs);
	tt_strset_release(&listed.files);
	/* none recorded: rendered was emptied, they are made again */
	if (!same || !n)
		return 0;
	/* the template's warnings, as when its reports are gone through */
	if (progress && t->progress) {
		r->tpl = t->progress;
		note_template(r, stats);
	}
	if (annual && t->annual) {
		r->tpl = t->annual;
		note_template(r, stats);
	}
	stats->skipped += n;
	report_progress(r, stats);
	return 1;
}

/* Note that the office's folder rel was made whole from inputs with this digest. */
static void office_made(struct report *r, const char *rel, const char *digest,
			struct report_stats *stats)
{
	sqlite3_stmt *st;

	if (db_prepare(r->db, &st, "INSERT OR REPLACE INTO rendered_office(dir, inputs)"
		       " VALUES (?1, ?2)", r->err))
		goto fail;
	db_bind_text(st, 1, rel);
	db_bind_text(st, 2, digest);
	if (sqlite3_step(st) != SQLITE_DONE)
		db_fail(r->db, "could not record an office's reports", r->err);
	sqlite3_finalize(st);
	if (!r->err->code)
		return;
fail:
	report_failed(r, stats, rel);
}

/*
 * The newest change stamp of the year fy (or of every year) on a code no
 * unit list knows, into run: every office's validation report lists their
 * submissions.  Read once per year.
 */
static int year_stamp(sqlite3 *db, int fy, struct render_run *run, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "SELECT COALESCE(MAX(c.stamp), 0) FROM change_stamp c"
				      " WHERE c.fiscal_year IN (?1, 0) AND NOT EXISTS"
				      " (SELECT 1 FROM unit u WHERE u.code = c.unit_code)", err)))
		return rc;
	sqlite3_bind_int(st, 1, fy);
	rc = sqlite3_step(st) == SQLITE_ROW ? 0 : db_fail(db, "could not read the change stamps",
							 err);
	run->stamp_year = fy;
	run->orphan_stamp = rc ? 0 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}


/*
 * ---- the plan: which reports are due, made in one process or several ----
 *
 * report_render_all() first plans: it reads the offices with results and,
 * for each, which reports are due, as jobs: none for an office whose
 * digest says nothing changed since its reports were last made whole
 * (office_unchanged(): it is counted as skipped while planning); for the
 * nation its national reports (report_national_all(), one job); for
 * another office a progress report per round with results and the annual
 * report; then for either a validation report per round with submissions
 * and the school cards.  Then the jobs are made, in plan order in this
 * process, or shared out to worker processes (workers.h), the costliest
 * first.  Each job keeps its own counts and messages, summed and listed in
 * plan order at the end, so that what the run says does not depend on
 * which worker made what.  A worker opens its own connection to the
 * database and records each report it makes in it as one process would
 * (report_mark_current(), a commit after the file is in place), so a run
 * killed anywhere leaves what it leaves today: files made and not yet
 * recorded are made again by the next run.  What is read once per run
 * (the year's submissions of no known unit, struct report_orphans) is read
 * by each process for itself, from the same rows.  Once every job has
 * ended, the parent records the digest of each office none of whose jobs
 * failed or was lost (office_made()).
 */

enum job_part { PART_NOTES, PART_PROGRESS, PART_ANNUAL, PART_NATIONAL, PART_VALIDATION,
		PART_CARDS };

/* The reports of one fiscal year: its templates and framework, loaded once. */
struct plan_year {
	struct templates t;
	struct framework *fw;      /* NULL: it could not be read (noted as failed) */
	struct report_orphans orphans; /* read once per process, when a job asks */
};

struct plan_office {
	size_t year;
	char *code, *name, *dir;
	char framework_hash[TT_SHA256_HEX];
	char digest[TT_SHA256_HEX]; /* office_digest() */
	size_t made;               /* its PART_NOTES job for office_made(), or (size_t)-1 */
	struct report_results results; /* read once per process, when a job asks */
};

struct job {
	size_t office;             /* (size_t)-1: of no office */
	enum job_part part;        /* PART_NOTES: only the messages of planning */
	int months;                /* of a progress or validation report */
	int batch, nr_batches;     /* of the cards: batch of nr_batches */
	long cost;                 /* about how long it takes, in milliseconds on the demo */
	struct report_stats stats; /* what making it counted and said */
};

struct plan {
	const struct report_options *opt;
	struct render_run run;
	char *db_path;             /* for the workers' own connections */
	sqlite3 *worker_db;        /* in a worker, its connection */
	struct plan_year *years;
	size_t nr_years, alloc_years;
	struct plan_office *offices;
	size_t nr_offices, alloc_offices;
	struct job *jobs;
	size_t nr_jobs, alloc_jobs;
	struct tt_progress progress; /* given to each job: a report gone through */
	struct workers_out *out;   /* in a worker, where its job's messages go */
	long done;                 /* reports gone through, in the parent */
	int lost;                  /* jobs lost with their worker */
};

static struct job *plan_job(struct plan *p, size_t office, enum job_part part, int months,
			    long cost)
{
	struct job *j;

	xgrow(&p->jobs, &p->alloc_jobs, p->nr_jobs + 1, sizeof(*p->jobs));
	j = &p->jobs[p->nr_jobs++];
	memset(j, 0, sizeof(*j));
	j->office = office;
	j->part = part;
	j->months = months;
	j->nr_batches = 1;
	j->cost = cost;
	return j;
}

/* The file (or folder, for cards and national reports) a job makes, for its messages. */
static void job_path(const struct plan *p, const struct job *j, struct strbuf *sb)
{
	const struct plan_office *o;
	int fy;

	if (j->part == PART_NOTES)
		return; /* of no report */
	o = &p->offices[j->office];
	fy = p->years[o->year].t.fiscal_year;
	switch (j->part) {
	case PART_PROGRESS:
		strbuf_addf(sb, "%s/progress-%d-%dm.pdf", o->dir, fy, j->months);
		break;
	case PART_ANNUAL:
		strbuf_addf(sb, "%s/annual-%d.pdf", o->dir, fy);
		break;
	case PART_NATIONAL:
		strbuf_addstr(sb, o->dir);
		break;
	case PART_VALIDATION:
		strbuf_addf(sb, "%s/validation-%d-%dm.pdf", o->dir, fy, j->months);
		break;
	case PART_CARDS:
		strbuf_addf(sb, "%s/cards", o->dir);
		break;
	case PART_NOTES:
		break;
	}
}

/* r set up for office o of p, with the connection db. */
static void job_report(struct plan *p, sqlite3 *db, struct plan_office *o,
		       struct report *r, struct tt_error *err)
{
	struct plan_year *y = &p->years[o->year];

	memset(r, 0, sizeof(*r));
	r->db = db;
	r->fw = y->fw;
	r->office_code = o->code;
	r->err = err;
	r->root_len = strlen(p->run.output_dir) + 1;
	r->orphans = &y->orphans;
	r->results = &o->results;
	tt_strlcpy(r->office_name, o->name, sizeof(r->office_name));
	tt_strlcpy(r->framework_hash, o->framework_hash, sizeof(r->framework_hash));
}

/* An office's schools, and the networks its cards go in (one of schools under none). */
#define PLAN_SCHOOLS_SQL \
	OFFICE_TREE "SELECT COUNT(*) FROM unit u JOIN tree t ON t.code = u.code" \
	" WHERE u.kind = 'school'"
#define PLAN_NETWORKS_SQL \
	OFFICE_TREE "SELECT COUNT(DISTINCT COALESCE(n.code, '')) FROM unit u" \
	" JOIN tree t ON t.code = u.code" \
	" LEFT JOIN unit n ON n.code = u.parent AND n.kind = 'network' WHERE u.kind = 'school'"

/*
 * The jobs of an office and fiscal year: every report that can be made,
 * or none when the office is unchanged.  cards_batches: into how many jobs
 * its school cards are cut.
 */
static void plan_office(struct plan *p, sqlite3 *db, size_t year, const char *office,
			const char *office_name, int cards_batches, struct tt_error *err)
{
	const struct plan_year *y = &p->years[year];
	const struct framework *fw = y->fw;
	struct plan_office *o;
	struct report r;
	struct job *notes;
	size_t k, n = p->nr_offices;
	long schools, networks;
	int last = 0, b;

	xgrow(&p->offices, &p->alloc_offices, p->nr_offices + 1, sizeof(*p->offices));
	o = &p->offices[p->nr_offices++];
	memset(o, 0, sizeof(*o));
	o->year = year;
	o->made = (size_t)-1;
	o->code = xstrdup(office);
	o->name = xstrdup(office_name);
	{
		struct strbuf dir;

		strbuf_init(&dir);
		strbuf_addf(&dir, "%s/reports/%d/%s", p->run.output_dir, fw->fiscal_year, office);
		o->dir = strbuf_detach(&dir);
	}
	job_report(p, db, o, &r, err);
	notes = plan_job(p, n, PART_NOTES, 0, 0);
	if (tt_mkdirs(o->dir, err) || framework_digest(&r) ||
	    office_digest(&r, &y->t, &p->run, o->digest)) {
		report_failed(&r, &notes->stats, o->dir);
		goto out;
	}
	tt_strlcpy(o->framework_hash, r.framework_hash, sizeof(o->framework_hash));
	if (p->run.results_current &&
	    office_unchanged(&r, &y->t, &p->run, o->dir + r.root_len, o->digest,
			     &notes->stats)) {
		/* its reports gone through at once */
		p->done += notes->stats.skipped;
		tt_progress_step(p->opt->progress, p->done, 0);
		goto out;
	}

	if (report_national_is_nation(db, office)) {
		/* the nation: its national reports and its offices' summaries */
		long offices = report_count(&r, 0, "SELECT COUNT(*) FROM unit WHERE parent = ?1"
					    " AND kind = 'office'");

		plan_job(p, n, PART_NATIONAL, 12, 400 * (long)fw->nr_rounds + 150 * offices);
	} else {
		/* a progress report for each round with results; the annual
		   report once the year's last round has them */
		for (k = 0; k < fw->nr_rounds; k++) {
			int months = fw->rounds[k].months;

			if (!report_count(&r, months, "SELECT 1 FROM result WHERE unit_code = ?1"
					  " AND fiscal_year = ?2 AND round = ?3 AND reporting > 0"
					  " LIMIT 1"))
				continue;
			last = months;
			if (y->t.progress)
				plan_job(p, n, PART_PROGRESS, months, 60 + 8 * months);
		}
		if (y->t.annual && fw->nr_rounds && last == fw->rounds[fw->nr_rounds - 1].months)
			plan_job(p, n, PART_ANNUAL, last, 400);
	}
	/* a validation report for each round of the year that has submissions */
	for (k = 0; k < fw->nr_rounds; k++)
		if (report_count(&r, fw->rounds[k].months, "SELECT 1 FROM submission"
				 " WHERE fiscal_year = ?2 AND round = ?3 LIMIT 1"))
			plan_job(p, n, PART_VALIDATION, fw->rounds[k].months, 60);
	/* a school's card and its page in its network's file: some 55 ms; an
	   office with no school under it (the nation, an office standing for
	   its area) has no cards, nor their folder */
	schools = y->t.card ? report_count(&r, 0, PLAN_SCHOOLS_SQL) : 0;
	if (schools > 0) {
		networks = report_count(&r, 0, PLAN_NETWORKS_SQL);
		if (cards_batches > networks)
			cards_batches = networks > 1 ? (int)networks : 1;
		for (b = 0; b < cards_batches; b++) {
			struct job *j = plan_job(p, n, PART_CARDS, 12,
						 55 * schools / cards_batches + 20);

			j->batch = b;
			j->nr_batches = cards_batches;
		}
	}
	/* every report made or found current: the next run may skip them all */
	if (p->run.results_current) {
		o->made = p->nr_jobs;
		plan_job(p, n, PART_NOTES, 0, 0);
	}
out:
	report_notes_release(&r);
}

/* Make job j with the connection db; its counts and messages into j->stats. */
static void run_job(struct plan *p, sqlite3 *db, struct job *j)
{
	struct plan_office *o;
	const struct plan_year *y;
	struct report_stats *stats = &j->stats;
	struct report_out out;
	struct strbuf path;
	struct tt_error err;
	struct report r;

	if (j->part == PART_NOTES)
		return;
	o = &p->offices[j->office];
	y = &p->years[o->year];
	tt_error_clear(&err);
	strbuf_init(&path);
	job_path(p, j, &path);
	job_report(p, db, o, &r, &err);
	r.progress = &p->progress;
	report_out_init(&out, p->run.output_dir);
	r.out = &out;
	switch (j->part) {
	case PART_PROGRESS:
	case PART_ANNUAL:
		r.tpl = j->part == PART_ANNUAL ? y->t.annual : y->t.progress;
		r.months = j->months;
		/* dated from the data of its own rounds */
		report_data_date(&r, j->months, 0, &r.as_of);
		if (render_office_report(&r, path.buf, stats))
			report_failed(&r, stats, path.buf);
		break;
	case PART_NATIONAL:
		report_data_date(&r, 12, 0, &r.as_of);
		report_national_all(&r, p->opt, o->dir, stats);
		break;
	case PART_VALIDATION:
		r.l.thai_digits = p->opt->thai_digits > 0;
		report_data_date(&r, j->months, 1, &r.as_of);
		if (render_validation(&r, j->months, o->dir, stats))
			report_failed(&r, stats, path.buf);
		break;
	case PART_CARDS:
		/* cards show each school's latest result: dated as the year's data */
		report_data_date(&r, 12, 0, &r.as_of);
		r.batch = j->batch;
		r.nr_batches = j->nr_batches;
		if (report_cards(&r, y->t.card, o->dir, stats))
			report_failed(&r, stats, path.buf);
		break;
	case PART_NOTES:
		break;
	}
	/* what was made before a failure is recorded too */
	if (report_out_flush(&r))
		report_failed(&r, stats, path.buf);
	report_out_release(&out);
	report_notes_release(&r);
	strbuf_release(&path);
}

/*
 * Once every job has ended: the digest of each office whose reports were
 * all made or found current (none of its jobs failed or was lost), so that
 * the next run may skip it; a failure to record it noted in its last job.
 */
static void offices_made(struct plan *p, sqlite3 *db)
{
	size_t i, k;

	for (i = 0; i < p->nr_offices; i++) {
		struct plan_office *o = &p->offices[i];
		struct tt_error err;
		struct report r;
		int failed = 0;

		if (o->made == (size_t)-1)
			continue;
		for (k = 0; k < p->nr_jobs; k++)
			failed |= p->jobs[k].office == i && p->jobs[k].stats.failed;
		if (failed)
			continue;
		tt_error_clear(&err);
		job_report(p, db, o, &r, &err);
		office_made(&r, o->dir + r.root_len, o->digest, &p->jobs[o->made].stats);
		report_notes_release(&r);
	}
}

/* A report gone through: counted here, or told to the parent by a worker. */
static void job_progress(void *ctx, long done, long total)
{
	struct plan *p = ctx;

	(void)done;
	(void)total;
	if (p->out) {
		workers_send(p->out, "P", 1);
		return;
	}
	tt_progress_step(p->opt->progress, ++p->done, 0);
}

/* ---- the jobs in worker processes (workers.h) ---- */

static int worker_start(void *ctx, struct tt_error *err)
{
	struct plan *p = ctx;

	layout_forget_shared();
	return db_open(p->db_path, &p->worker_db, err);
}

/*
 * A job made in a worker: its counts and messages to the parent, as
 * "R" and the five counts, then each message, each ending with a NUL.
 */
static void worker_run(void *ctx, size_t k, struct workers_out *out)
{
	struct plan *p = ctx;
	struct report_stats *s = &p->jobs[k].stats;
	struct strbuf sb;
	size_t i;

	p->out = out;
	run_job(p, p->worker_db, &p->jobs[k]);
	strbuf_init(&sb);
	strbuf_addf(&sb, "R%d %d %d %d %d", s->written, s->validation, s->cards, s->skipped,
		    s->failed);
	strbuf_addch(&sb, '\0');
	for (i = 0; i < s->nr_messages; i++) {
		strbuf_addstr(&sb, s->messages[i]);
		strbuf_addch(&sb, '\0');
	}
	workers_send(out, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void worker_finish(void *ctx)
{
	struct plan *p = ctx;

	db_close(p->worker_db);
	p->worker_db = NULL;
}

static void worker_receive(void *ctx, size_t k, const char *msg, size_t len)
{
	struct plan *p = ctx;
	struct report_stats *s = &p->jobs[k].stats;
	const char *end = msg + len, *at;
	long v[5];
	char *next;
	int i;

	if (!len)
		return;
	if (msg[0] == 'P') {
		tt_progress_step(p->opt->progress, ++p->done, 0);
		return;
	}
	if (msg[0] != 'R' || !(at = memchr(msg, '\0', len)))
		return;
	for (i = 0, next = (char *)msg + 1; i < 5; i++)
		v[i] = strtol(next, &next, 10);
	s->written = (int)v[0];
	s->validation = (int)v[1];
	s->cards = (int)v[2];
	s->skipped = (int)v[3];
	s->failed = (int)v[4];
	for (at++; at < end; at += strlen(at) + 1)
		stats_note(s, at);
}

static void worker_lost(void *ctx, size_t k, const char *why)
{
	struct plan *p = ctx;
	struct job *j = &p->jobs[k];
	struct strbuf what, path;
	struct tt_error err;

	strbuf_init(&what);
	strbuf_init(&path);
	job_path(p, j, &path);
	strbuf_addf(&what, "'%s' is not made", path.buf);
	tt_error_clear(&err);
	tt_error_set(&err, TT_EIO, "%s", why);
	stats_fail(&j->stats, what.buf, &err);
	strbuf_release(&what);
	strbuf_release(&path);
	p->lost++;
}

/* The order jobs are handed out in: the costliest first, else as planned. */
struct job_order {
	long cost;
	size_t k;
};

static int cmp_job_order(const void *a, const void *b)
{
	const struct job_order *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* The jobs planned made with workers processes (1: here, in plan order). */
static void run_jobs(struct plan *p, sqlite3 *db, int workers)
{
	static const struct workers_ops ops = {
		worker_start, worker_run, worker_finish, worker_receive, worker_lost, NULL,
	};
	struct job_order *order = xcalloc(p->nr_jobs + 1, sizeof(*order));
	size_t *ks = xcalloc(p->nr_jobs + 1, sizeof(*ks));
	struct tt_error err;
	size_t k, nr = 0;

	for (k = 0; k < p->nr_jobs; k++)
		if (p->jobs[k].part != PART_NOTES) {
			order[nr].cost = p->jobs[k].cost;
			order[nr++].k = k;
		}
	qsort(order, nr, sizeof(*order), cmp_job_order);
	for (k = 0; k < nr; k++)
		ks[k] = order[k].k;
	tt_error_clear(&err);
	/* no statement of db is under way, nor a transaction: the workers open their own */
	if (workers > 1 && nr > 1) {
		p->db_path = xstrdup(sqlite3_db_filename(db, "main"));
		if (!workers_run((size_t)workers, ks, nr, &ops, p, &err)) {
			/* what a worker that died was writing: no other process writes here */
			for (k = 0; p->lost && k < p->nr_offices; k++) {
				long removed = 0;

				tt_remove_stale_temporaries(p->offices[k].dir, &removed, &err);
			}
			goto out;
		}
		/* no worker could be started: made here, as with one */
	}
	for (k = 0; k < p->nr_jobs; k++)
		run_job(p, db, &p->jobs[k]);
out:
	free(order);
	free(ks);
}

static void plan_release(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->nr_years; i++) {
		templates_free(&p->years[i].t);
		framework_free(p->years[i].fw);
		report_orphans_release(&p->years[i].orphans);
	}
	free(p->years);
	for (i = 0; i < p->nr_offices; i++) {
		free(p->offices[i].code);
		free(p->offices[i].name);
		free(p->offices[i].dir);
	}
	free(p->offices);
	for (i = 0; i < p->nr_jobs; i++)
		report_stats_release(&p->jobs[i].stats);
	free(p->jobs);
	free(p->db_path);
	memset(p, 0, sizeof(*p));
}

/* An office with results in a fiscal year, as listed before planning. */
struct office_row {
	int fiscal_year;
	char *code, *name;
};

int report_render_all(sqlite3 *db, const char *output_dir,
		      const struct report_options *opt, struct report_stats *stats,
		      struct tt_error *err)
{
	struct office_row *rows = NULL;
	size_t nr_rows = 0, alloc_rows = 0, i, m;
	sqlite3_stmt *st = NULL;
	struct plan p;
	int rc, step, workers = opt->jobs > 1 ? opt->jobs : 1, cards_batches = 1;

	memset(stats, 0, sizeof(*stats));
	memset(&p, 0, sizeof(p));
	p.opt = opt;
	p.run.output_dir = output_dir;
	p.run.thai_digits = opt->thai_digits;
	p.progress.step = job_progress;
	p.progress.ctx = &p;
	if ((rc = db_prepare(db, &st, "SELECT COALESCE(MAX(stamp), 0) <= COALESCE((SELECT"
			     " CAST(value AS INTEGER) FROM meta WHERE key = 'aggregated_stamp'), -1)"
			     " FROM change_stamp", err)))
		return rc;
	p.run.results_current = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* the offices with results in each year, by the results' unit index */
	if ((rc = db_prepare(db, &st,
			     "SELECT y.fiscal_year, u.code, u.name"
			     " FROM (SELECT DISTINCT fiscal_year FROM framework) y"
			     " JOIN unit u ON u.kind = 'office' WHERE EXISTS (SELECT 1 FROM result r"
			     "  WHERE r.unit_code = u.code AND r.fiscal_year = y.fiscal_year)"
			     " ORDER BY y.fiscal_year, u.code", err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *office = db_column_text(st, 1);

		/* an office under the nation: the nation's run sums it up */
		if (!tt_is_safe_code(office) || report_national_is_member(db, office))
			continue;
		xgrow(&rows, &alloc_rows, nr_rows + 1, sizeof(*rows));
		rows[nr_rows].fiscal_year = sqlite3_column_int(st, 0);
		rows[nr_rows].code = xstrdup(office);
		rows[nr_rows++].name = xstrdup(db_column_text(st, 2));
	}
	if (step != SQLITE_DONE)
		rc = db_fail(db, "could not list the offices with results", err);
	sqlite3_finalize(st);
	if (rc)
		goto out;

	/*
	 * an office's cards cut so that every worker has some when offices
	 * are few; no more: each batch reads the office's schools and medians
	 * again, even when every card is unchanged
	 */
	if (workers > 1 && nr_rows)
		cards_batches = (int)(((size_t)workers + nr_rows - 1) / nr_rows);
	for (i = 0; i < nr_rows; i++) {
		struct plan_year *y = p.nr_years ? &p.years[p.nr_years - 1] : NULL;
		int fy = rows[i].fiscal_year;

		if (!y || y->t.fiscal_year != fy) {
			struct report_stats *notes;

			xgrow(&p.years, &p.alloc_years, p.nr_years + 1, sizeof(*p.years));
			y = &p.years[p.nr_years++];
			memset(y, 0, sizeof(*y));
			notes = &plan_job(&p, (size_t)-1, PART_NOTES, 0, 0)->stats;
			templates_load(opt, fy, &y->t, notes);
			tt_error_clear(err);
			if ((y->fw = db_load_framework(db, fy, err)) &&
			    year_stamp(db, fy, &p.run, err)) {
				framework_free(y->fw);
				y->fw = NULL;
			}
			if (!y->fw) {
				struct strbuf what;

				strbuf_init(&what);
				strbuf_addf(&what, "the reports of %d are not made", fy);
				stats_fail(notes, what.buf, err);
				strbuf_release(&what);
			}
		}
		if (!y->fw)
			continue;
		tt_error_clear(err);
		plan_office(&p, db, p.nr_years - 1, rows[i].code, rows[i].name, cards_batches,
			    err);
	}
	tt_error_clear(err);
	run_jobs(&p, db, workers);
	offices_made(&p, db);

	/* what each job counted and said, in plan order */
	for (i = 0; i < p.nr_jobs; i++) {
		const struct report_stats *s = &p.jobs[i].stats;

		stats->written += s->written;
		stats->validation += s->validation;
		stats->cards += s->cards;
		stats->skipped += s->skipped;
		stats->failed += s->failed;
		for (m = 0; m < s->nr_messages; m++)
			stats_note(stats, s->messages[m]);
	}
out:
	for (i = 0; i < nr_rows; i++) {
		free(rows[i].code);
		free(rows[i].name);
	}
	free(rows);
	plan_release(&p);
	return rc;
}

/* The statements of this file that the reports run for an office. */
static const char *const render_sql[] = {
	DATA_DATE_ROUND_SQL, DATA_DATE_YEAR_SQL, UNIT_NAMES_SQL, ROUND_COMPLETENESS_SQL,
	SENT_SQL, open_issues_sql, OFFICE_STAMP_SQL, PLAN_SCHOOLS_SQL, PLAN_NETWORKS_SQL,
	NULL
};

const char *const *const report_statements[] = {
	render_sql, validation_inputs_sql, report_office_sql, report_office_inputs_sql,
	report_office_round_inputs_sql, report_card_sql, report_practice_sql, report_profile_sql, NULL
};
