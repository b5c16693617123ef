/*
 * report_national.c - the national level: the nation's summary of each
 * round and a short summary of each office beside it.
 *
 * A national database holds OBEC's framework of the year, a unit list with
 * the nation (an office, kind สพฐ.) at its root and the area offices under
 * it, and each office's results export.  Aggregate rolls the offices'
 * results up to the nation by each indicator's aggregation; this file
 * prints them.  The reports are office reports (report_office(): cover,
 * foreword, contents, summary, policy areas all work for the nation as for
 * an area) whose templates, of kinds national and office-summary, may also
 * hold the sections made here: per area and indicator the nation against
 * its target with how many offices achieved and those furthest below
 * (national-results), offices x areas (office-areas), which offices' exports
 * came and when (office-exports), and an office's results beside the
 * nation's with its rank (office-standing).  Each report is made again only
 * when the hash of its inputs (national_inputs()) changed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/aggregate.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/report.h"
#include "tidtam/template.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "report_int.h"
#include "tidtam/banned.h"

/* ---- which reports ------------------------------------------------------ */

/* The office p is under no office: the nation is the root (aggregate.c mark_national()). */
#define NOT_UNDER_OFFICE \
	"NOT EXISTS (SELECT 1 FROM unit g WHERE g.code = p.parent AND g.kind = 'office')"

int report_national_is_nation(sqlite3 *db, const char *office)
{
	sqlite3_stmt *st;
	int yes;

	if (db_prepare(db, &st, "SELECT 1 FROM unit u JOIN unit p ON p.code = u.parent"
			       " WHERE u.parent = ?1 AND u.kind = 'office' AND p.kind = 'office'"
			       " AND " NOT_UNDER_OFFICE " LIMIT 1", NULL))
		return 0;
	db_bind_text(st, 1, office);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int report_national_is_member(sqlite3 *db, const char *office)
{
	sqlite3_stmt *st;
	int yes;

	if (db_prepare(db, &st, "SELECT 1 FROM unit u JOIN unit p ON p.code = u.parent"
			       " WHERE u.code = ?1 AND u.kind = 'office' AND p.kind = 'office'"
			       " AND " NOT_UNDER_OFFICE, NULL))
		return 0;
	db_bind_text(st, 1, office);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/*
 * What a national report or an office's summary prints comes from these
 * rows (?1 the nation, ?2 the year, ?3 the report's round; hashed once a
 * round, national_rows_digest()): the units, the
 * results and area counts of the nation and its offices, the offices'
 * submissions with their dates and files (the exports part), their issues
 * and narratives (the office parts a template may take), approvals.
 */
static const char *const national_inputs[] = {
	"SELECT * FROM approved_round WHERE fiscal_year = ?2 AND round = ?3",
	"SELECT code, name, kind, parent FROM unit WHERE code = ?1 OR parent = ?1 ORDER BY code",
	"SELECT r.* FROM result r JOIN unit u ON u.code = r.unit_code"
	" WHERE (u.code = ?1 OR u.parent = ?1) AND r.fiscal_year = ?2 AND r.round <= ?3"
	" ORDER BY r.round, r.unit_code, r.indicator",
	"SELECT a.* FROM area_result a JOIN unit u ON u.code = a.unit_code"
	" WHERE (u.code = ?1 OR u.parent = ?1) AND a.fiscal_year = ?2 AND a.round <= ?3"
	" ORDER BY a.round, a.unit_code, a.policy_area",
	"SELECT c.* FROM completeness c WHERE c.unit_code = ?1 AND c.fiscal_year = ?2"
	" AND c.round <= ?3 ORDER BY c.round",
	"SELECT s.id, s.unit_code, s.round, s.submitted_on, s.status, s.superseded_by, f.path,"
	" f.sha256 FROM submission s JOIN file f ON f.id = s.file_id"
	" JOIN unit u ON u.code = s.unit_code WHERE (u.code = ?1 OR u.parent = ?1)"
	" AND s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY s.id",
	"SELECT i.submission_id, i.code, i.severity, i.message_th FROM issue i"
	" JOIN submission s ON s.id = i.submission_id JOIN unit u ON u.code = s.unit_code"
	" WHERE (u.code = ?1 OR u.parent = ?1) AND s.fiscal_year = ?2 AND s.round <= ?3"
	" ORDER BY i.id",
	"SELECT n.submission_id, n.indicator, n.field, n.text FROM narrative n"
	" JOIN submission s ON s.id = n.submission_id JOIN unit u ON u.code = s.unit_code"
	" WHERE (u.code = ?1 OR u.parent = ?1) AND s.fiscal_year = ?2 AND s.round <= ?3"
	" ORDER BY n.id",
	"SELECT v.submission_id, v.indicator, v.value FROM value v"
	" JOIN submission s ON s.id = v.submission_id JOIN unit u ON u.code = s.unit_code"
	" WHERE (u.code = ?1 OR u.parent = ?1) AND s.fiscal_year = ?2 AND s.round <= ?3"
	" AND v.number IS NULL AND v.value <> '' ORDER BY v.id",
	REPORT_PROFILE_INPUTS,
	PRACTICE_INPUTS,
};

/*
 * The nation's code for r: the office itself for a national report, its
 * parent for an office's summary (a new string; NULL on error).
 */
static char *nation_of(struct report *r)
{
	sqlite3_stmt *st;
	char *code = NULL;

	if (r->tpl->kind == TEMPLATE_NATIONAL)
		return xstrdup(r->office_code);
	if (db_prepare(r->db, &st, "SELECT parent FROM unit WHERE code = ?1", r->err))
		return NULL;
	db_bind_text(st, 1, r->office_code);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		code = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	if (!code)
		tt_error_set(r->err, TT_EDB, "office '%s' is under no nation", r->office_code);
	return code;
}

/*
 * The rows every national report and summary of round r->months prints
 * from, into r->rows_hash: read once a round, whatever the number of
 * offices (r->office_code is the nation).
 */
static int national_rows_digest(struct report *r)
{
	struct tt_sha256 ctx;
	size_t i;
	int rc;

	inputs_begin(&ctx, "national rows");
	inputs_add(&ctx, r->office_code);
	inputs_add_int(&ctx, r->months);
	for (i = 0; i < sizeof(national_inputs) / sizeof(national_inputs[0]); i++)
		if ((rc = inputs_add_query(&ctx, r, r->months, national_inputs[i])))
			return rc;
	inputs_end(&ctx, r->rows_hash);
	return 0;
}

/*
 * The hash of a national report's or an office summary's inputs: its
 * template, the framework, its unit (the nation or the office), round,
 * digits and data date, and the rows of its round (r->rows_hash).
 */
static int national_report_inputs(struct report *r, char hex[TT_SHA256_HEX])
{
	struct tt_sha256 ctx;

	inputs_begin(&ctx, r->tpl->kind == TEMPLATE_NATIONAL ? "national" : "office-summary");
	inputs_add(&ctx, r->tpl->sha256);
	inputs_add(&ctx, r->framework_hash);
	inputs_add(&ctx, r->office_code);
	inputs_add(&ctx, r->rows_hash);
	inputs_add_int(&ctx, r->months);
	inputs_add_int(&ctx, r->tpl->thai_digits);
	inputs_add_int(&ctx, r->as_of.year * 10000 + r->as_of.month * 100 + r->as_of.day);
	inputs_end(&ctx, hex);
	return 0;
}

/* The newest round (months) up to `months` with a result of the nation, or 0. */
static int latest_round_with_results(struct report *r, int months)
{
	sqlite3_stmt *st;
	int m = 0;

	if (report_query(r, months, &st, "SELECT MAX(round) FROM result WHERE unit_code = ?1"
			 " AND fiscal_year = ?2 AND round <= ?3 AND reporting > 0"))
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		m = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return m;
}

void report_national_all(struct report *r, const struct report_options *opt, const char *dir,
			 struct report_stats *stats)
{
	const struct framework *fw = r->fw;
	struct report_template *national, *summary;
	const char *nation = r->office_code;
	char nation_name[sizeof(r->office_name)];
	struct strbuf path, what;
	sqlite3_stmt *st = NULL;
	char **offices = NULL;     /* code, name, code, name ... */
	size_t k, nr = 0, alloc = 0;
	int last = 0;

	strbuf_init(&path);
	strbuf_init(&what);
	memcpy(nation_name, r->office_name, sizeof(nation_name));
	strbuf_addf(&what, "the national reports of %d are not made", fw->fiscal_year);
	national = report_template_load(opt, fw->fiscal_year, "national", TEMPLATE_NATIONAL,
					"national", stats, what.buf);
	strbuf_reset(&what);
	strbuf_addf(&what, "the offices' summaries of %d are not made", fw->fiscal_year);
	summary = report_template_load(opt, fw->fiscal_year, "office-summary",
				       TEMPLATE_OFFICE_SUMMARY, "office-summary", stats, what.buf);

	/* a national summary of each round with results */
	for (k = 0; k < fw->nr_rounds; k++) {
		int months = fw->rounds[k].months;

		if (latest_round_with_results(r, months) != months)
			continue;
		last = months;
		if (!national)
			continue;
		r->tpl = national;
		r->months = months;
		report_data_date(r, months, 0, &r->as_of);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/national-%d-%dm.pdf", dir, fw->fiscal_year, months);
		if (national_rows_digest(r) ||
		    report_render_if_changed(r, path.buf, stats, national_report_inputs))
			report_failed(r, stats, path.buf);
		report_notes_release(r);
	}
	if (!last || !summary)
		goto out;

	/* each office beside the nation, at the latest round with results */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/offices", dir);
	if (tt_mkdirs(path.buf, r->err)) {
		report_failed(r, stats, path.buf);
		goto out;
	}
	/*
	 * the offices read whole before the first is made: a statement left
	 * under way would hold the write of each report's record open, and
	 * with render's workers every other process waiting on it
	 */
	if (db_prepare(r->db, &st, "SELECT code, name FROM unit WHERE parent = ?1"
			       " AND kind = 'office' ORDER BY code", r->err)) {
		report_failed(r, stats, path.buf);
		goto out;
	}
	db_bind_text(st, 1, nation);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!tt_is_safe_code(db_column_text(st, 0)))
			continue;
		xgrow(&offices, &alloc, nr + 2, sizeof(*offices));
		offices[nr++] = xstrdup(db_column_text(st, 0));
		offices[nr++] = xstrdup(db_column_text(st, 1));
	}
	sqlite3_finalize(st);
	r->tpl = summary;
	r->months = last;
	report_data_date(r, last, 0, &r->as_of);
	if (national_rows_digest(r)) {
		report_failed(r, stats, path.buf);
		goto out;
	}
	for (k = 0; k < nr; k += 2) {
		r->office_code = offices[k];
		tt_strlcpy(r->office_name, offices[k + 1], sizeof(r->office_name));
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/offices/%s-%d.pdf", dir, offices[k], fw->fiscal_year);
		if (report_render_if_changed(r, path.buf, stats, national_report_inputs))
			report_failed(r, stats, path.buf);
		report_notes_release(r);
	}
out:
	r->office_code = nation;
	memcpy(r->office_name, nation_name, sizeof(nation_name));
	r->tpl = NULL;
	template_free(national);
	template_free(summary);
	strbuf_release(&path);
	strbuf_release(&what);
	for (k = 0; k < nr; k++)
		free(offices[k]);
	free(offices);
}

/* ---- the figures --------------------------------------------------------- */

struct nat_cell {
	int has;
	double value;              /* the result to date */
	int achieved;              /* 1/0, -1 without a target */
	double percent;            /* of the target, NAN without */
};

struct nat_office {
	char *code, *name;
};

struct national {
	struct office_report *o;
	struct report *r;
	float body, table;
	char *nation;
	struct nat_office *offices;   /* sorted by code; the nation is index nr_offices */
	size_t nr_offices;
	struct nat_cell *cells;       /* [unit][indicator][round 0..3] */
	int *round;                   /* [indicator]: the round shown (months), 0: none */
	long self;                    /* an office summary's office, or -1 */
};

static struct nat_cell *nat_cell(const struct national *n, size_t unit, size_t ind, int months)
{
	return &n->cells[(unit * n->r->fw->nr_indicators + ind) * 4 + (size_t)(months / 3 - 1)];
}

static int cmp_office(const void *a, const void *b)
{
	return strcmp(((const struct nat_office *)a)->code, ((const struct nat_office *)b)->code);
}

static long office_index(const struct national *n, const char *code)
{
	struct nat_office key, *hit;

	if (!strcmp(code, n->nation))
		return (long)n->nr_offices;
	key.code = (char *)code;
	hit = bsearch(&key, n->offices, n->nr_offices, sizeof(*n->offices), cmp_office);
	return hit ? hit - n->offices : -1;
}

/* 1 if ind is one the national parts show: a figure with a result. */
static int shown(const struct indicator *ind)
{
	return ind->type != VALUE_TEXT && ind->aggregation != AGG_NONE;
}

static int national_load(struct national *n)
{
	struct report *r = n->r;
	const struct framework *fw = r->fw;
	const char *office = r->office_code;
	size_t alloc = 0, i;
	sqlite3_stmt *st;
	int rc, m;

	n->self = -1;
	if (!(n->nation = nation_of(r)))
		return TT_EDB;
	r->office_code = n->nation;
	rc = report_query(r, r->months, &st, "SELECT code, name FROM unit WHERE parent = ?1"
			  " AND kind = 'office' ORDER BY code");
	r->office_code = office;
	if (rc)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		xgrow(&n->offices, &alloc, n->nr_offices + 1, sizeof(*n->offices));
		n->offices[n->nr_offices].code = xstrdup(db_column_text(st, 0));
		n->offices[n->nr_offices].name = xstrdup(db_column_text(st, 1));
		n->nr_offices++;
	}
	sqlite3_finalize(st);
	n->cells = xcalloc((n->nr_offices + 1) * fw->nr_indicators * 4 + 1, sizeof(*n->cells));
	n->round = xcalloc(fw->nr_indicators + 1, sizeof(*n->round));
	r->office_code = n->nation;
	rc = report_query(r, r->months, &st,
			  "SELECT r.unit_code, r.indicator, r.round, r.to_date, r.achieved,"
			  " r.percent_of_target FROM result r JOIN unit u ON u.code = r.unit_code"
			  " WHERE (u.code = ?1 OR u.parent = ?1) AND r.fiscal_year = ?2"
			  " AND r.round <= ?3 AND r.to_date IS NOT NULL AND r.reporting > 0");
	r->office_code = office;
	if (rc)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long u = office_index(n, db_column_text(st, 0));
		const struct indicator *ind = framework_indicator(fw, db_column_text(st, 1));
		struct nat_cell *c;

		m = sqlite3_column_int(st, 2);
		if (u < 0 || !ind || m % 3 || m < 3 || m > 12)
			continue;
		c = nat_cell(n, (size_t)u, (size_t)(ind - fw->indicators), m);
		c->has = 1;
		c->value = sqlite3_column_double(st, 3);
		c->achieved = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1
			      : sqlite3_column_int(st, 4);
		c->percent = sqlite3_column_type(st, 5) == SQLITE_NULL ? NAN
			     : sqlite3_column_double(st, 5);
	}
	sqlite3_finalize(st);
	/* each indicator at the nation's latest round with a result */
	for (i = 0; i < fw->nr_indicators; i++)
		for (m = 3; m <= r->months; m += 3)
			if (nat_cell(n, n->nr_offices, i, m)->has)
				n->round[i] = m;
	if (r->tpl->kind == TEMPLATE_OFFICE_SUMMARY)
		n->self = office_index(n, r->office_code);
	return 0;
}

static void national_release(struct national *n)
{
	size_t i;

	for (i = 0; i < n->nr_offices; i++) {
		free(n->offices[i].code);
		free(n->offices[i].name);
	}
	free(n->offices);
	free(n->cells);
	free(n->round);
	free(n->nation);
}

/* The cell of unit u for indicator i at its round shown (has 0 if none). */
static const struct nat_cell *shown_cell(const struct national *n, size_t u, size_t i)
{
	static const struct nat_cell none;

	return n->round[i] ? nat_cell(n, u, i, n->round[i]) : &none;
}

/* 1 if a is better than b for ind (higher, or lower when lower is better). */
static int better(const struct indicator *ind, double a, double b)
{
	return ind->direction == DIRECTION_LOWER ? a < b : a > b;
}

/*
 * Office u's rank for indicator i among the offices with a result (one
 * more than those better; equal results share a rank), into *of how many
 * ranked; 0 when u has no result.
 */
static long office_rank(const struct national *n, size_t u, size_t i, long *of)
{
	const struct indicator *ind = &n->r->fw->indicators[i];
	const struct nat_cell *mine = shown_cell(n, u, i);
	long rank = 1;
	size_t k;

	*of = 0;
	for (k = 0; k < n->nr_offices; k++) {
		const struct nat_cell *c = shown_cell(n, k, i);

		if (!c->has)
			continue;
		(*of)++;
		if (mine->has && better(ind, c->value, mine->value))
			rank++;
	}
	return mine->has ? rank : 0;
}

/* ---- how a figure is printed ----------------------------------------------- */

static char *value_text(const struct national *n, const struct indicator *ind,
			const struct nat_cell *c)
{
	if (!c->has)
		return xstrdup("-");
	return report_number(c->value, report_value_decimals_at(ind, c->value,
								n->r->tpl->percent_decimals));
}

static char *target_text(const struct indicator *ind)
{
	return ind->has_target ? report_number(ind->target, report_target_decimals(ind))
			       : xstrdup("-");
}

/* The percent of target, or for a ceiling whether it is over it, as the area tables say. */
static char *percent_text(const struct national *n, const struct indicator *ind,
			  const struct nat_cell *c)
{
	if (!c->has || !ind->has_target)
		return xstrdup("-");
	if (ind->direction == DIRECTION_LOWER)
		return xstrdup(c->value > ind->target ? "เกินเพดาน" : "ไม่เกินเพดาน");
	if (isnan(c->percent))
		return xstrdup("-");
	return report_number(c->percent, n->r->tpl->percent_decimals);
}

/* The status cell: a mark, then its word (LAYOUT_MARKS). */
static void status_cell(struct cells *cells, const struct nat_cell *c)
{
	enum layout_mark mark = !c->has ? MARK_PENDING : c->achieved < 0 ? MARK_NONE
				: c->achieved ? MARK_MET : MARK_NOT_MET;
	const char *word = !c->has ? "ยังไม่มีผล" : c->achieved < 0 ? "ไม่มีเป้าหมาย"
			   : c->achieved ? "บรรลุ" : "ไม่บรรลุ";

	cell_addf(cells, "%c%s", '0' + (int)mark, word);
}

/* The columns' widths: the one of width 0 takes what the others leave. */
static void fit_columns(struct layout *l, struct layout_column *cols, size_t n)
{
	float used = 0, area = layout_text_area(l);
	size_t i, rest = n;

	for (i = 0; i < n; i++) {
		if (cols[i].width == 0)
			rest = i;
		used += cols[i].width;
	}
	if (rest < n)
		cols[rest].width = area - used > 100 ? area - used : 100;
}

static void area_title(const struct framework *fw, size_t a, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s %s", fw->areas[a].code, fw->areas[a].name);
}

/* Under a table whose rows or columns give areas by code: what each stands for. */
static void area_legend(const struct national *n, const size_t *areas, size_t nr)
{
	const struct framework *fw = n->r->fw;
	struct strbuf sb;
	size_t a;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "หมายเหตุ");
	for (a = 0; a < nr; a++)
		strbuf_addf(&sb, " %s หมายถึง %s", fw->areas[areas[a]].code, fw->areas[areas[a]].name);
	layout_space(&n->r->l, 4);
	layout_paragraph(&n->r->l, 0, n->table, ALIGN_LEFT, sb.buf);
	strbuf_release(&sb);
}

/* ---- the sections ------------------------------------------------------ */

/* Offices with a result for i, and how many of them achieved. */
static void offices_achieved(const struct national *n, size_t i, long *with, long *met)
{
	size_t k;

	*with = *met = 0;
	for (k = 0; k < n->nr_offices; k++) {
		const struct nat_cell *c = shown_cell(n, k, i);

		if (!c->has)
			continue;
		(*with)++;
		*met += c->achieved == 1;
	}
}

struct below {
	size_t office;
	double percent;
};

static int cmp_below(const void *a, const void *b)
{
	const struct below *x = a, *y = b;

	if (x->percent != y->percent)
		return x->percent < y->percent ? -1 : 1;
	return x->office < y->office ? -1 : x->office > y->office;
}

/* The `top` offices furthest below i's target: lowest percent of target first. */
static char *furthest_below(const struct national *n, size_t i, int top)
{
	const struct indicator *ind = &n->r->fw->indicators[i];
	struct below *v = xcalloc(n->nr_offices + 1, sizeof(*v));
	struct strbuf sb;
	size_t k, nr = 0;

	for (k = 0; k < n->nr_offices; k++) {
		const struct nat_cell *c = shown_cell(n, k, i);

		if (c->has && c->achieved == 0 && !isnan(c->percent)) {
			v[nr].office = k;
			v[nr++].percent = c->percent;
		}
	}
	qsort(v, nr, sizeof(*v), cmp_below);
	strbuf_init(&sb);
	for (k = 0; k < nr && k < (size_t)top; k++) {
		char *val = value_text(n, ind, shown_cell(n, v[k].office, i));

		strbuf_addf(&sb, "%s%s (%s)", k ? " " : "", n->offices[v[k].office].name, val);
		free(val);
	}
	free(v);
	if (!sb.len)
		strbuf_addstr(&sb, "-");
	return strbuf_detach(&sb);
}

/* <national-results>: per policy area, the nation against its targets. */
static int results_section(struct national *n, const struct template_section *sec)
{
	static const struct layout_column proto[] = {
		{ "รหัส", 58, ALIGN_LEFT, LAYOUT_CODES }, { "ตัวชี้วัด", 0, ALIGN_LEFT, 0 },
		{ "เป้าหมาย", 54, ALIGN_RIGHT, 0 }, { "ผลระดับประเทศ", 62, ALIGN_RIGHT, 0 },
		{ "ร้อยละของเป้าหมาย", 70, ALIGN_RIGHT, 0 },
		{ "ผลการประเมิน", 74, ALIGN_LEFT, LAYOUT_MARKS },
		{ "เขตที่บรรลุ", 54, ALIGN_RIGHT, 0 },
		{ "เขตที่ต่ำกว่าเป้าหมายมากที่สุด", 150, ALIGN_LEFT, 0 },
	};
	enum { NCOLS = sizeof(proto) / sizeof(proto[0]) };
	const struct framework *fw = n->r->fw;
	struct layout_column cols[NCOLS];
	struct strbuf sb;
	size_t a, i;
	int parts = 0;

	memcpy(cols, proto, sizeof(cols));
	strbuf_init(&sb);
	section_start(n->o, sec);
	fit_columns(&n->r->l, cols, NCOLS);
	strbuf_addf(&sb, "ผลระดับประเทศของแต่ละตัวชี้วัดรวมจากผลของสำนักงานเขตพื้นที่การศึกษา %zu เขต"
		    " ตามวิธีรวมผลของตัวชี้วัดในกรอบการติดตาม ณ รอบล่าสุดที่มีผล"
		    " เขตที่บรรลุนับจากเขตที่มีผลของตัวชี้วัดนั้น"
		    " และเขตที่ต่ำกว่าเป้าหมายมากที่สุดเรียงจากร้อยละของเป้าหมายน้อยที่สุด"
		    " พร้อมผลของเขตในวงเล็บ", n->nr_offices);
	body_text(n->o, sb.buf);
	for (a = 0; a < fw->nr_areas; a++) {
		struct cells cells = { 0 };
		long inds = 0, met = 0;

		for (i = 0; i < fw->nr_indicators; i++) {
			const struct indicator *ind = &fw->indicators[i];
			const struct nat_cell *c = shown_cell(n, n->nr_offices, i);
			long with, achieved;

			if (ind->policy_area != a || !shown(ind) || !n->round[i])
				continue;
			inds++;
			met += c->achieved == 1;
			offices_achieved(n, i, &with, &achieved);
			cell_add(&cells, xstrdup(ind->code));
			cell_add(&cells, xstrdup(ind->name));
			cell_add(&cells, target_text(ind));
			cell_add(&cells, value_text(n, ind, c));
			cell_add(&cells, percent_text(n, ind, c));
			status_cell(&cells, c);
			cell_addf(&cells, "%ld/%ld", achieved, with);
			cell_add(&cells, furthest_below(n, i, sec->top > 0 ? sec->top : 3));
		}
		if (!cells.nr)
			continue;
		area_title(fw, a, &sb);
		part_start(n->o, sb.buf, 6 * n->table * LAYOUT_LINE_HEIGHT, parts++ > 0,
			   sec->landscape);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ตัวชี้วัดที่มีผลระดับประเทศ %ld ตัว บรรลุเป้าหมาย %ld ตัว", inds, met);
		body_text(n->o, sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ผลระดับประเทศ %s %s", fw->areas[a].code, fw->areas[a].name);
		layout_caption_table(&n->r->l, sb.buf);
		layout_table(&n->r->l, cols, NCOLS, cells.items, cells.nr / NCOLS, n->table);
		cells_release(&cells);
	}
	if (!parts)
		body_text(n->o, "ยังไม่มีผลระดับประเทศในรอบนี้");
	strbuf_release(&sb);
	return 0;
}

/* Areas with an indicator shown, in the framework's order. */
static size_t areas_shown(const struct national *n, size_t *areas)
{
	const struct framework *fw = n->r->fw;
	size_t a, i, nr = 0;

	for (a = 0; a < fw->nr_areas; a++)
		for (i = 0; i < fw->nr_indicators; i++)
			if (fw->indicators[i].policy_area == a && shown(&fw->indicators[i]) &&
			    n->round[i]) {
				areas[nr++] = a;
				break;
			}
	return nr;
}

/* Of unit u's results in area a: how many, and how many achieved. */
static void unit_area(const struct national *n, size_t u, size_t a, long *with, long *met)
{
	const struct framework *fw = n->r->fw;
	size_t i;

	*with = *met = 0;
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct nat_cell *c;

		if (fw->indicators[i].policy_area != a || !shown(&fw->indicators[i]))
			continue;
		c = shown_cell(n, u, i);
		if (!c->has || c->achieved < 0)
			continue;
		(*with)++;
		*met += c->achieved;
	}
}

/* <office-areas>: a row per office (and the nation's), a column per area. */
static int areas_table_section(struct national *n, const struct template_section *sec)
{
	const struct framework *fw = n->r->fw;
	size_t *areas = xcalloc(fw->nr_areas + 1, sizeof(*areas));
	size_t nr = areas_shown(n, areas), ncols = nr + 4, a, u;
	struct layout_column *cols = xcalloc(ncols, sizeof(*cols));
	struct cells cells = { 0 };
	struct strbuf sb;

	strbuf_init(&sb);
	section_start(n->o, sec);
	body_text(n->o, "ตารางต่อไปนี้แสดงจำนวนตัวชี้วัดที่บรรลุเป้าหมายต่อจำนวนตัวชี้วัดที่มีผลและมีเป้าหมาย"
		  " ของแต่ละสำนักงานเขตพื้นที่การศึกษาในแต่ละด้าน"
		  " ณ รอบล่าสุดที่มีผลของแต่ละตัวชี้วัด แถวสุดท้ายเป็นผลระดับประเทศ");
	cols[0] = (struct layout_column){ "รหัส", 50, ALIGN_LEFT, LAYOUT_CODES };
	cols[1] = (struct layout_column){ "สำนักงานเขตพื้นที่การศึกษา", 0, ALIGN_LEFT, 0 };
	for (a = 0; a < nr; a++)
		cols[2 + a] = (struct layout_column){ fw->areas[areas[a]].code, 40, ALIGN_RIGHT,
						      0 };
	cols[2 + nr] = (struct layout_column){ "รวม", 44, ALIGN_RIGHT, 0 };
	cols[3 + nr] = (struct layout_column){ "ร้อยละที่บรรลุ", 56, ALIGN_RIGHT, 0 };
	fit_columns(&n->r->l, cols, ncols);
	for (u = 0; u <= n->nr_offices; u++) {
		long all_with = 0, all_met = 0, with, met;

		cell_add(&cells, xstrdup(u < n->nr_offices ? n->offices[u].code : ""));
		cell_add(&cells, xstrdup(u < n->nr_offices ? n->offices[u].name : "ระดับประเทศ"));
		for (a = 0; a < nr; a++) {
			unit_area(n, u, areas[a], &with, &met);
			all_with += with;
			all_met += met;
			if (with)
				cell_addf(&cells, "%ld/%ld", met, with);
			else
				cell_add(&cells, xstrdup("-"));
		}
		cell_addf(&cells, "%ld/%ld", all_met, all_with);
		percent_cell_at(&cells, (double)all_met, (double)all_with,
				n->r->tpl->percent_decimals);
	}
	layout_caption_table(&n->r->l, "ตัวชี้วัดที่บรรลุเป้าหมายรายสำนักงานเขตพื้นที่การศึกษาและรายด้าน");
	layout_table(&n->r->l, cols, ncols, cells.items, cells.nr / ncols, n->table);
	area_legend(n, areas, nr);
	cells_release(&cells);
	strbuf_release(&sb);
	free(cols);
	free(areas);
	return 0;
}

/* How an office's export of a round stands. */
enum sent { SENT_NOT, SENT_ON_TIME, SENT_LATE, SENT_REJECTED };

struct export_row {
	enum sent sent[4];
	char date[4][11];
};

/* Each office's export of each round up to the report's, from its submissions. */
static int load_exports(struct national *n, struct export_row *rows)
{
	struct report *r = n->r;
	const char *office = r->office_code;
	sqlite3_stmt *st;
	int rc;

	r->office_code = n->nation;
	rc = report_query(r, r->months, &st,
			  "SELECT s.unit_code, s.round, " AGGREGATE_COUNTED_DATE_SQL ","
			  " MAX(s.status = 'accepted') FROM submission s JOIN unit u"
			  " ON u.code = s.unit_code WHERE u.parent = ?1 AND u.kind = 'office'"
			  " AND s.fiscal_year = ?2 AND s.round <= ?3 GROUP BY s.unit_code, s.round");
	r->office_code = office;
	if (rc)
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long u = office_index(n, db_column_text(st, 0));
		int m = sqlite3_column_int(st, 1);
		const struct round *round = framework_round(r->fw, m);
		char deadline[11] = "9999-12-31";
		const char *date = db_column_text(st, 2);

		if (u < 0 || (size_t)u >= n->nr_offices || m % 3 || m < 3 || m > 12)
			continue;
		if (round)
			period_format_iso(&round->deadline, deadline);
		tt_strlcpy(rows[u].date[m / 3 - 1], date, sizeof(rows[u].date[0]));
		rows[u].sent[m / 3 - 1] = !sqlite3_column_int(st, 3) ? SENT_REJECTED
					  : strcmp(date, deadline) <= 0 ? SENT_ON_TIME : SENT_LATE;
	}
	sqlite3_finalize(st);
	return 0;
}

static void export_cell(struct cells *cells, const struct export_row *row, int k)
{
	static const char *const words[] = { "ไม่ส่ง", "ตรงเวลา", "ล่าช้า", "ไม่ผ่านการตรวจ" };
	struct tt_date d;
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addstr(&sb, words[row->sent[k]]);
	if (row->sent[k] != SENT_NOT && !period_parse_date(row->date[k], &d)) {
		strbuf_addch(&sb, ' ');
		period_format_thai(&sb, &d, 0);
	}
	cell_add(cells, strbuf_detach(&sb));
}

/* <office-exports>: which offices' exports came in each round, on time or not. */
static int exports_section(struct national *n, const struct template_section *sec)
{
	struct report *r = n->r;
	const struct framework *fw = r->fw;
	struct export_row *rows = xcalloc(n->nr_offices + 1, sizeof(*rows));
	struct layout_column cols[6];
	struct cells cells = { 0 };
	int rounds[4], nr = 0, k, rc;
	struct strbuf sb, names;
	size_t u, i, ncols;

	for (i = 0; i < fw->nr_rounds && nr < 4; i++)
		if (fw->rounds[i].months <= r->months)
			rounds[nr++] = fw->rounds[i].months;
	if ((rc = load_exports(n, rows))) {
		free(rows);
		return rc;
	}
	strbuf_init(&sb);
	strbuf_init(&names);
	section_start(n->o, sec);
	for (k = 0; k < nr; k++) {
		const struct round *round = framework_round(fw, rounds[k]);
		long count[4] = { 0 };

		strbuf_reset(&names);
		for (u = 0; u < n->nr_offices; u++) {
			enum sent s = rows[u].sent[rounds[k] / 3 - 1];

			count[s]++;
			if (s == SENT_NOT || s == SENT_REJECTED)
				strbuf_addf(&names, "%s%s", names.len ? " " : "", n->offices[u].name);
		}
		strbuf_reset(&sb);
		period_format_round(&sb, rounds[k]);
		if (round) {
			strbuf_addstr(&sb, " (กำหนดส่ง ");
			period_format_thai(&sb, &round->deadline, 1);
			strbuf_addch(&sb, ')');
		}
		strbuf_addf(&sb, " สำนักงานเขตพื้นที่การศึกษาส่งผลแล้ว %ld เขต จาก %zu เขต"
			    " ตรงเวลา %ld เขต ล่าช้า %ld เขต", count[SENT_ON_TIME] + count[SENT_LATE],
			    n->nr_offices, count[SENT_ON_TIME], count[SENT_LATE]);
		if (count[SENT_REJECTED])
			strbuf_addf(&sb, " ส่งแต่ไม่ผ่านการตรวจ %ld เขต", count[SENT_REJECTED]);
		if (count[SENT_NOT])
			strbuf_addf(&sb, " ยังไม่ส่ง %ld เขต", count[SENT_NOT]);
		if (names.len)
			strbuf_addf(&sb, " ได้แก่ %s", names.buf);
		body_text(n->o, sb.buf);
	}
	cols[0] = (struct layout_column){ "สำนักงานเขตพื้นที่การศึกษา", 0, ALIGN_LEFT, 0 };
	for (k = 0; k < nr; k++) {
		strbuf_reset(&sb);
		period_format_round(&sb, rounds[k]);
		cols[1 + k] = (struct layout_column){ xstrdup(sb.buf), 92, ALIGN_LEFT, 0 };
	}
	ncols = (size_t)nr + 1;
	fit_columns(&r->l, cols, ncols);
	for (u = 0; u < n->nr_offices; u++) {
		cell_add(&cells, xstrdup(n->offices[u].name));
		for (k = 0; k < nr; k++)
			export_cell(&cells, &rows[u], rounds[k] / 3 - 1);
	}
	layout_space(&r->l, 6);
	layout_caption_table(&r->l, "การส่งผลการดำเนินงานของสำนักงานเขตพื้นที่การศึกษารายรอบ");
	layout_table(&r->l, cols, ncols, cells.items, cells.nr / ncols, n->table);
	for (k = 0; k < nr; k++)
		free((char *)cols[1 + k].title);
	cells_release(&cells);
	strbuf_release(&sb);
	strbuf_release(&names);
	free(rows);
	return 0;
}

/* <office-standing>: the office's results beside the nation's, with its rank. */
static int standing_section(struct national *n, const struct template_section *sec)
{
	static const struct layout_column proto[] = {
		{ "ด้าน", 44, ALIGN_LEFT, LAYOUT_CODES }, { "รหัส", 58, ALIGN_LEFT, LAYOUT_CODES },
		{ "ตัวชี้วัด", 0, ALIGN_LEFT, 0 },
		{ "เป้าหมาย", 54, ALIGN_RIGHT, 0 }, { "ผลของเขต", 56, ALIGN_RIGHT, 0 },
		{ "ผลระดับประเทศ", 62, ALIGN_RIGHT, 0 },
		{ "ผลการประเมินของเขต", 74, ALIGN_LEFT, LAYOUT_MARKS },
		{ "อันดับ", 50, ALIGN_RIGHT, 0 },
	};
	enum { NCOLS = sizeof(proto) / sizeof(proto[0]) };
	const struct framework *fw = n->r->fw;
	size_t *areas = xcalloc(fw->nr_areas + 1, sizeof(*areas));
	size_t nr = areas_shown(n, areas), i;
	struct layout_column cols[NCOLS];
	long with = 0, met = 0, nat_with = 0, nat_met = 0, first = 0;
	struct cells cells = { 0 };
	struct strbuf sb;

	if (n->self < 0 || (size_t)n->self >= n->nr_offices) {
		free(areas);
		return 0;
	}
	memcpy(cols, proto, sizeof(cols));
	strbuf_init(&sb);
	section_start(n->o, sec);
	fit_columns(&n->r->l, cols, NCOLS);
	/* in the framework's order, which is by area */
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const struct nat_cell *c = shown_cell(n, (size_t)n->self, i);
		const struct nat_cell *nat = shown_cell(n, n->nr_offices, i);
		long rank, of;

		if (!shown(ind) || !n->round[i])
			continue;
		if (c->has && c->achieved >= 0) {
			with++;
			met += c->achieved;
		}
		if (nat->has && nat->achieved >= 0) {
			nat_with++;
			nat_met += nat->achieved;
		}
		rank = office_rank(n, (size_t)n->self, i, &of);
		first += rank == 1;
		cell_add(&cells, xstrdup(fw->areas[ind->policy_area].code));
		cell_add(&cells, xstrdup(ind->code));
		cell_add(&cells, xstrdup(ind->name));
		cell_add(&cells, target_text(ind));
		cell_add(&cells, value_text(n, ind, c));
		cell_add(&cells, value_text(n, ind, nat));
		status_cell(&cells, c);
		if (rank)
			cell_addf(&cells, "%ld/%ld", rank, of);
		else
			cell_add(&cells, xstrdup("-"));
	}
	strbuf_addf(&sb, "%s มีผลการดำเนินงานของตัวชี้วัดที่มีเป้าหมาย %ld ตัว บรรลุเป้าหมาย %ld ตัว"
		    " ขณะที่ผลระดับประเทศบรรลุเป้าหมาย %ld ตัว จาก %ld ตัว"
		    " เป็นอันดับหนึ่งของสำนักงานเขตพื้นที่การศึกษา %zu เขต %ld ตัวชี้วัด"
		    " อันดับนับเฉพาะเขตที่มีผลของตัวชี้วัดนั้น ผลมากเป็นอันดับแรก"
		    " เว้นแต่ตัวชี้วัดที่ผลน้อยดีกว่า", n->r->office_name, with, met, nat_met,
		    nat_with, n->nr_offices, first);
	body_text(n->o, sb.buf);
	layout_caption_table(&n->r->l, "ผลของเขตเทียบกับผลระดับประเทศรายตัวชี้วัด");
	layout_table(&n->r->l, cols, NCOLS, cells.items, cells.nr / NCOLS, n->table);
	area_legend(n, areas, nr);
	cells_release(&cells);
	strbuf_release(&sb);
	free(areas);
	return 0;
}

int report_national_section(struct office_report *o, struct report *r, float body,
			    float table, const struct template_section *sec)
{
	struct national n;
	int rc;

	memset(&n, 0, sizeof(n));
	n.o = o;
	n.r = r;
	n.body = body;
	n.table = table;
	if (!(rc = national_load(&n))) {
		switch (sec->type) {
		case SECTION_NATIONAL_RESULTS:
			rc = results_section(&n, sec);
			break;
		case SECTION_OFFICE_AREAS:
			rc = areas_table_section(&n, sec);
			break;
		case SECTION_OFFICE_EXPORTS:
			rc = exports_section(&n, sec);
			break;
		case SECTION_OFFICE_STANDING:
			rc = standing_section(&n, sec);
			break;
		default:
			break;
		}
	}
	national_release(&n);
	return rc;
}
