/*
 * report_office.c - the annual and progress reports of an area office.
 *
 * The template says which sections come in which order; each section reads
 * the result tables and lays itself out.  Section starts are noted as they
 * are laid out (a bookmark and a contents entry each); the contents pages
 * are reserved where the template puts them and filled in at the end, when
 * every page number is known.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/chart.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/report.h"
#include "tidtam/template.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "report_int.h"
#include "tidtam/banned.h"

struct status;

/* The projects of the newest stored version of each projects file. */
#define CURRENT_PROJECTS \
	" FROM project p JOIN file f ON f.id = p.file_id WHERE p.fiscal_year = ?2" \
	" AND f.id = (SELECT MAX(g.id) FROM file g WHERE g.path = f.path AND g.status = 'stored')"

/*
 * The data-quality appendix: the open issues of the office's submissions
 * up to the report's round (not superseded, not held, not a rejection an
 * accepted submission has since replaced), by code; and the rejected
 * submissions not since replaced.
 */
#define OPEN_ISSUES \
	OFFICE_TREE "SELECT i.code, i.severity, MIN(i.message_th), COUNT(*)," \
	" COUNT(DISTINCT s.unit_code) FROM issue i JOIN submission s" \
	" ON s.id = i.submission_id JOIN tree t ON t.code = s.unit_code" \
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.superseded_by IS NULL" \
	" AND s.status <> 'held' AND NOT" REJECTION_CLOSED \
	" GROUP BY i.code, i.severity"
#define OPEN_ISSUES_COUNT "SELECT COUNT(*) FROM (" OPEN_ISSUES ")"
#define REJECTED_FILES \
	OFFICE_TREE "SELECT f.path, s.unit_code, s.round, (SELECT i.message_th FROM issue i" \
	"  WHERE i.submission_id = s.id AND i.severity = 'error'" \
	"  ORDER BY i.row, i.id LIMIT 1)" \
	" FROM submission s JOIN tree t ON t.code = s.unit_code" \
	" JOIN file f ON f.id = s.file_id WHERE s.fiscal_year = ?2" \
	" AND s.round <= ?3 AND s.superseded_by IS NULL AND s.status = 'rejected'" \
	" AND NOT" REJECTION_CLOSED

/* The indicators a section shows (networks), as resolved for the framework. */
struct chosen {
	const struct indicator **inds;
	size_t nr;
	long *ranked;              /* [i]: schools with a result to rank, at the
				      latest round with an office result */
};

struct office_report {
	struct report *r;
	struct status *status;     /* [indicator] at the report's round */
	float body, table;         /* sizes of body text and tables */
	int toc_first, toc_pages;  /* the reserved contents pages */
	int *shown;                /* [section]: it has something to show */
	struct chosen *chosen;     /* [section]: networks, its indicators */
	long projects;             /* projects of the year */
	int rounds[4];             /* the framework's rounds up to the report's, in months */
	size_t nr_rounds;
	int *area_shown;           /* [policy area]: it has an indicator reported
				      in the report's rounds */
	long open_issues;          /* data quality: open issues up to the report's round */
	long rejected;             /* and rejected submissions not since replaced */
};

/* ---- what the template asks of the framework ------------------------------ */

static void add_note(struct report *r, const struct template_section *sec, const char *code,
		     int text)
{
	struct report_note *n;
	struct strbuf th, en;

	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_addf(&en, "%s:%ld: warning: <networks> names indicator '%s', which the framework"
		    " of %d %s; it is left out", r->tpl->name, sec->line, code, r->fw->fiscal_year,
		    text ? "has as text" : "does not have");
	strbuf_addf(&th, "แม่แบบรายงาน %s บรรทัด %ld ระบุตัวชี้วัด %s ซึ่ง%s"
		    " จึงไม่แสดงตัวชี้วัดนี้", r->tpl->name, sec->line, code,
		    text ? "เป็นตัวชี้วัดเชิงคุณภาพ (ข้อความ)" : "ไม่มีในกรอบการติดตามของปีงบประมาณนี้");
	xgrow(&r->notes, &r->alloc_notes, r->nr_notes + 1, sizeof(*r->notes));
	n = &r->notes[r->nr_notes++];
	n->th = strbuf_detach(&th);
	n->en = strbuf_detach(&en);
}

void report_notes_release(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nr_notes; i++) {
		free(r->notes[i].th);
		free(r->notes[i].en);
	}
	free(r->notes);
	r->notes = NULL;
	r->nr_notes = r->alloc_notes = 0;
}

/* An indicator whose figure compares across schools: a rate, level or mean. */
static int comparable(const struct indicator *ind)
{
	return ind->type != VALUE_TEXT && ind->submitter == SUBMITTER_SCHOOL &&
	       (ind->type == VALUE_PERCENT || ind->type == VALUE_LEVEL ||
		ind->aggregation == AGG_RATIO || ind->aggregation == AGG_MEAN);
}

static int cmp_headline(const void *a, const void *b)
{
	const struct indicator *x = *(const struct indicator *const *)a;
	const struct indicator *y = *(const struct indicator *const *)b;

	if (x->headline != y->headline)
		return x->headline < y->headline ? -1 : 1;
	return x < y ? -1 : x > y; /* document order: both are in fw->indicators */
}

/* How many indicators the networks section takes when the framework marks none. */
#define HEADLINE_DEFAULT 3

/*
 * The indicators a networks section shows: those the template names that
 * the framework has as figures (noting the others when note is set); if
 * it names none, the framework's headline indicators in their order; if
 * the framework marks none, the first few comparable school indicators.
 */
static void choose_indicators(struct report *r, const struct template_section *sec,
			      struct chosen *out, int note)
{
	const struct framework *fw = r->fw;
	size_t i;

	out->inds = xcalloc(fw->nr_indicators + sec->nr_indicators + 1, sizeof(*out->inds));
	out->nr = 0;
	out->ranked = NULL;
	if (sec->nr_indicators) {
		for (i = 0; i < sec->nr_indicators; i++) {
			const struct indicator *ind = framework_indicator(fw, sec->indicators[i]);

			if (ind && ind->type != VALUE_TEXT)
				out->inds[out->nr++] = ind;
			else if (note)
				add_note(r, sec, sec->indicators[i], ind != NULL);
		}
		return;
	}
	for (i = 0; i < fw->nr_indicators; i++)
		if (fw->indicators[i].headline && fw->indicators[i].type != VALUE_TEXT)
			out->inds[out->nr++] = &fw->indicators[i];
	if (out->nr) {
		qsort(out->inds, out->nr, sizeof(*out->inds), cmp_headline);
		return;
	}
	for (i = 0; i < fw->nr_indicators && out->nr < HEADLINE_DEFAULT; i++)
		if (comparable(&fw->indicators[i]))
			out->inds[out->nr++] = &fw->indicators[i];
}

void report_check_template(struct report *r)
{
	size_t i;

	report_notes_release(r);
	for (i = 0; r->tpl && i < r->tpl->nr_sections; i++) {
		struct chosen c;

		if (r->tpl->sections[i].type != SECTION_NETWORKS)
			continue;
		choose_indicators(r, &r->tpl->sections[i], &c, 1);
		free(c.inds);
	}
}

/* ---- placeholders -------------------------------------------------------- */

static void add_count(struct strbuf *out, long v)
{
	thai_format_number(out, (double)v, 0, 0);
}

static void value_of(struct report *r, const char *name, size_t len, struct strbuf *out)
{
	const struct report_template *t = r->tpl;
	const struct report_counts *n = &r->n;

#define IS(s) (len == sizeof(s) - 1 && !strncmp(name, s, len))
	if (IS("office.name"))
		strbuf_addstr(out, r->office_name);
	else if (IS("office.code"))
		strbuf_addstr(out, r->office_code);
	else if (IS("fy"))
		strbuf_addf(out, "%d", r->fw->fiscal_year);
	else if (IS("round")) {
		if (r->months == 12 && t->kind == TEMPLATE_ANNUAL)
			strbuf_addstr(out, "ประจำปี");
		else
			period_format_round(out, r->months);
	} else if (IS("date"))
		period_format_thai(out, &r->as_of, 1);
	else if (IS("title"))
		strbuf_addstr(out, r->title);
	else if (IS("school.name"))
		strbuf_addstr(out, r->school_name ? r->school_name : "");
	else if (IS("school.code"))
		strbuf_addstr(out, r->school_code ? r->school_code : "");
	else if (IS("network.name"))
		strbuf_addstr(out, r->network_name ? r->network_name : "");
	else if (IS("director.name"))
		strbuf_addstr(out, t->director_name ? t->director_name : "");
	else if (IS("director.position")) {
		/* the position may itself name the office; by default it is its director */
		const char *p = t->director_position && *t->director_position
				? t->director_position : "ผู้อำนวยการ{office.name}";
		const char *at = strstr(p, "{office.name}");

		if (at) {
			strbuf_add(out, p, (size_t)(at - p));
			strbuf_addstr(out, r->office_name);
			strbuf_addstr(out, at + strlen("{office.name}"));
		} else {
			strbuf_addstr(out, p);
		}
	} else if (IS("indicators"))
		add_count(out, n->indicators);
	else if (IS("achieved"))
		add_count(out, n->achieved);
	else if (IS("not-achieved"))
		add_count(out, n->with_result - n->achieved);
	else if (IS("achieved.percent")) {
		if (n->with_result)
			thai_format_percent(out, 100.0 * n->achieved / n->with_result, 2);
		else
			strbuf_addch(out, '-');
	} else if (IS("schools"))
		add_count(out, n->schools);
	else if (IS("networks"))
		add_count(out, n->networks);
	else if (IS("parts"))
		strbuf_addstr(out, r->parts ? r->parts : "");
	else if (IS("in-networks")) {
		/* " ใน 3 เครือข่าย", or nothing where schools are directly under the office */
		if (n->networks) {
			strbuf_addstr(out, " ใน ");
			add_count(out, n->networks);
			strbuf_addstr(out, " เครือข่าย");
		}
	}
	else if (IS("files"))
		add_count(out, n->files);
	else if (IS("submissions"))
		add_count(out, n->submissions);
	else if (IS("on-time.percent")) {
		if (n->expected)
			thai_format_percent(out, 100.0 * n->on_time / n->expected, 2);
		else
			strbuf_addch(out, '-');
	}
#undef IS
}

void report_expand(struct report *r, const char *text, struct strbuf *out)
{
	const char *p = text;

	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;

		if (!close) {
			strbuf_addstr(out, p);
			break;
		}
		strbuf_add(out, p, (size_t)(open - p));
		value_of(r, open + 1, (size_t)(close - open - 1), out);
		p = close + 1;
	}
}

/* The status of every indicator at the report's round. */
struct status {
	int has_result;            /* a result at some round up to the report's */
	int achieved;              /* -1: no target */
	double value, percent;     /* to date; % of target (NAN: none) */
	double round_value[4];     /* 3/6/9/12 months, NAN: none */
	double round_percent[4];
};

/* The status of every indicator, from one pass over the office's results. */
static int load_statuses(struct office_report *o)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	sqlite3_stmt *st;
	size_t i;
	int k, rc;

	o->status = xcalloc(fw->nr_indicators + 1, sizeof(*o->status));
	for (i = 0; i < fw->nr_indicators; i++) {
		struct status *s = &o->status[i];

		s->achieved = -1;
		s->percent = NAN;
		for (k = 0; k < 4; k++)
			s->round_value[k] = s->round_percent[k] = NAN;
	}
	if ((rc = report_query(r, r->months, &st,
			       "SELECT indicator, round, to_date, achieved, percent_of_target"
			       " FROM result WHERE unit_code = ?1 AND fiscal_year = ?2 AND round <= ?3"
			       " AND to_date IS NOT NULL ORDER BY indicator, round")))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct indicator *ind = framework_indicator(fw, db_column_text(st, 0));
		int m = sqlite3_column_int(st, 1);
		struct status *s;

		if (!ind || m < 3 || m > 12 || m % 3)
			continue;
		s = &o->status[ind - fw->indicators];
		s->has_result = 1;
		s->value = s->round_value[m / 3 - 1] = sqlite3_column_double(st, 2);
		s->achieved = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1
			    : sqlite3_column_int(st, 3);
		s->percent = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN
			   : sqlite3_column_double(st, 4);
		s->round_percent[m / 3 - 1] = s->percent;
	}
	sqlite3_finalize(st);
	return 0;
}

static void load_counts(struct office_report *o)
{
	struct report *r = o->r;
	struct report_counts *n = &r->n;
	const struct framework *fw = r->fw;
	size_t i;

	memset(n, 0, sizeof(*n));

	for (i = 0; i < fw->nr_indicators; i++) {
		const struct status *s = &o->status[i];

		if (!fw->indicators[i].has_target)
			continue;
		n->indicators++;
		if (!s->has_result || s->achieved < 0)
			continue;
		n->with_result++;
		n->achieved += s->achieved;
	}
	n->schools = report_count(r, r->months, OFFICE_TREE "SELECT COUNT(*) FROM unit u"
				  " JOIN tree t ON t.code = u.code WHERE u.kind = 'school'");
	n->networks = report_count(r, r->months, OFFICE_TREE "SELECT COUNT(*) FROM unit u"
				   " JOIN tree t ON t.code = u.code WHERE u.kind = 'network'");
	n->files = report_count(r, r->months, OFFICE_TREE "SELECT COUNT(DISTINCT s.file_id)"
				" FROM submission s JOIN tree t ON t.code = s.unit_code"
				" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status <> 'held'");
	n->submissions = report_count(r, r->months, OFFICE_TREE "SELECT COUNT(*) FROM submission s"
				      " JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2"
				      " AND s.round <= ?3 AND s.status = 'accepted'");
	n->expected = report_count(r, r->months, "SELECT expected FROM completeness"
				   " WHERE unit_code = ?1 AND fiscal_year = ?2 AND round = ?3");
	n->on_time = report_count(r, r->months, "SELECT on_time FROM completeness"
				  " WHERE unit_code = ?1 AND fiscal_year = ?2 AND round = ?3");
}

/*
 * {parts}: the parts the report holds, as the foreword lists them
 * ("ผลการดำเนินงานรายด้าน ผลรายเครือข่ายสถานศึกษา ... ตลอดจนปัญหาอุปสรรคและ
 * ข้อเสนอแนะจากสถานศึกษา"), only those it has.
 */
static char *parts_phrase(struct office_report *o)
{
	struct report *r = o->r;
	const struct report_template *t = r->tpl;
	struct strbuf sb;
	size_t i;
	int narratives = 0;

	strbuf_init(&sb);
	for (i = 0; i < t->nr_sections; i++) {
		const char *name = NULL;

		if (!o->shown[i])
			continue;
		switch (t->sections[i].type) {
		case SECTION_AREAS:
			name = "ผลการดำเนินงานรายด้าน";
			narratives |= t->sections[i].narratives;
			break;
		case SECTION_NETWORKS:
			name = "ผลรายเครือข่ายสถานศึกษา";
			break;
		case SECTION_BUDGET:
			name = "โครงการและงบประมาณ";
			break;
		case SECTION_COMPLETENESS:
			name = "ความครบถ้วนและความทันเวลาของการรายงาน";
			break;
		default:
			break;
		}
		if (name)
			strbuf_addf(&sb, "%s%s", sb.len ? " " : "", name);
	}
	if (narratives && report_count(r, r->months, OFFICE_TREE "SELECT COUNT(*) FROM narrative n"
				       " JOIN submission s ON s.id = n.submission_id"
				       " JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2"
				       " AND s.round <= ?3 AND s.status = 'accepted'"
				       " AND n.field IN ('problems', 'suggestions')"))
		strbuf_addf(&sb, "%sปัญหาอุปสรรคและข้อเสนอแนะจากสถานศึกษา", sb.len ? " ตลอดจน" : "");
	return strbuf_detach(&sb);
}

/* The latest round up to the report's with an office result for ind, or 0. */
static int latest_round(const struct office_report *o, const struct indicator *ind)
{
	const struct status *s = &o->status[ind - o->r->fw->indicators];
	int k;

	for (k = 3; k >= 0; k--)
		if (!isnan(s->round_value[k]) && (k + 1) * 3 <= o->r->months)
			return (k + 1) * 3;
	return 0;
}

/* The schools of the office with a result for ind at round m (?3), ?4 ind. */
#define RANKED_SCHOOLS \
	OFFICE_TREE "SELECT u.code, u.name, COALESCE(n.name, ''), r.to_date FROM result r" \
	" JOIN unit u ON u.code = r.unit_code AND u.kind = 'school'" \
	" JOIN tree t ON t.code = u.code" \
	" LEFT JOIN unit n ON n.code = u.parent AND n.kind = 'network'" \
	" WHERE r.fiscal_year = ?2 AND r.round = ?3 AND r.indicator = ?4" \
	" AND r.to_date IS NOT NULL"

/*
 * Keep of the chosen indicators those with an office result in the
 * report's rounds (a 3-month report of indicators first reported at 6
 * months has none: the section is left out), and count for each the
 * schools its ranking would list.
 */
static void keep_ranked(struct office_report *o, struct chosen *c)
{
	struct report *r = o->r;
	sqlite3_stmt *st = NULL;
	size_t i, n = 0;

	c->ranked = xcalloc(c->nr + 1, sizeof(*c->ranked));
	if (db_prepare(r->db, &st, "SELECT COUNT(*) FROM (" RANKED_SCHOOLS ")", NULL))
		st = NULL;
	for (i = 0; i < c->nr; i++) {
		int m = latest_round(o, c->inds[i]);

		if (!m)
			continue;
		c->inds[n] = c->inds[i];
		c->ranked[n] = 0;
		if (st) {
			report_bind(st, r->office_code, r->fw->fiscal_year, m);
			db_bind_text(st, 4, c->inds[i]->code);
			if (sqlite3_step(st) == SQLITE_ROW)
				c->ranked[n] = sqlite3_column_int64(st, 0);
		}
		n++;
	}
	c->nr = n;
	sqlite3_finalize(st);
}

/*
 * What the report holds: the framework's rounds up to the report's, and
 * which sections have anything to show (no networks, no projects: their
 * sections are left out, and out of the contents).
 */
static void plan_sections(struct office_report *o)
{
	struct report *r = o->r;
	const struct report_template *t = r->tpl;
	const struct framework *fw = r->fw;
	size_t i, k, areas = 0;

	for (i = 0; i < fw->nr_rounds && o->nr_rounds < 4; i++)
		if (fw->rounds[i].months <= r->months)
			o->rounds[o->nr_rounds++] = fw->rounds[i].months;
	o->projects = report_count(r, r->months, "SELECT COUNT(*)" CURRENT_PROJECTS);
	/* a policy area none of whose indicators is reported by now is left out */
	o->area_shown = xcalloc(fw->nr_areas + 1, sizeof(*o->area_shown));
	for (i = 0; i < fw->nr_indicators; i++)
		for (k = 0; k < o->nr_rounds; k++)
			if (indicator_due(&fw->indicators[i], o->rounds[k]) ||
			    o->status[i].has_result)
				o->area_shown[fw->indicators[i].policy_area] = 1;
	for (i = 0; i < fw->nr_areas; i++)
		areas += o->area_shown[i] != 0;
	o->open_issues = report_count(r, r->months, OPEN_ISSUES_COUNT);
	o->rejected = report_count(r, r->months, "SELECT COUNT(*) FROM (" REJECTED_FILES ")");
	o->shown = xcalloc(t->nr_sections + 1, sizeof(*o->shown));
	o->chosen = xcalloc(t->nr_sections + 1, sizeof(*o->chosen));
	for (i = 0; i < t->nr_sections; i++) {
		const struct template_section *sec = &t->sections[i];

		o->shown[i] = 1;
		switch (sec->type) {
		case SECTION_NETWORKS:
			choose_indicators(r, sec, &o->chosen[i], 0);
			keep_ranked(o, &o->chosen[i]);
			o->shown[i] = r->n.networks > 0 && o->chosen[i].nr > 0;
			break;
		case SECTION_BUDGET:
			o->shown[i] = o->projects > 0;
			break;
		case SECTION_AREAS:
			o->shown[i] = areas > 0;
			break;
		case SECTION_COMPLETENESS:
			o->shown[i] = report_count(r, r->months, "SELECT COUNT(*) FROM completeness"
						   " WHERE unit_code = ?1 AND fiscal_year = ?2"
						   " AND round <= ?3") > 0;
			break;
		case SECTION_SCHOOL:
			o->shown[i] = 0;
			break;
		default:
			break;
		}
	}
	o->r->parts = parts_phrase(o);
}

/* ---- sections, contents, bookmarks ------------------------------------ */

static void toc_note(struct report *r, const char *title, int level)
{
	struct toc_entry *e;

	xgrow(&r->toc, &r->alloc_toc, r->nr_toc + 1, sizeof(*r->toc));
	e = &r->toc[r->nr_toc++];
	e->title = xstrdup(title);
	e->level = level;
	e->page = r->l.page_no;
	if (level == 0)
		r->outline = layout_bookmark(&r->l, NULL, title);
	else
		layout_bookmark(&r->l, r->outline, title);
}

/*
 * A caption for the next table (figure 0: drawn with it) or under the
 * figure just drawn (figure 1), numbered and listed; fmt as printf.
 */
static void caption(struct office_report *o, int figure, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void caption(struct office_report *o, int figure, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (figure)
		layout_caption_figure(&o->r->l, sb.buf);
	else
		layout_caption_table(&o->r->l, sb.buf);
	strbuf_release(&sb);
}

/* A main heading (a section's: คำนำ, สารบัญ, a part), centred if the template says. */
static void main_heading(struct office_report *o, const char *title, float keep)
{
	if (o->r->tpl->centre_headings)
		layout_heading_centred(&o->r->l, o->body + 4, title, keep);
	else
		layout_heading(&o->r->l, o->body + 4, title, keep);
}

/* A section starts on a new page, with its heading, bookmark and entry. */
static void section_start(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct strbuf title;

	strbuf_init(&title);
	report_expand(o->r, sec->title ? sec->title : "", &title);
	layout_new_page(&r->l, sec->landscape);
	toc_note(r, title.buf, 0);
	main_heading(o, title.buf, 3 * o->body * LAYOUT_LINE_HEIGHT);
	layout_space(&r->l, 4);
	strbuf_release(&title);
}

/* A part of a section: a heading kept with `keep` points, and an entry. */
static void part_start(struct office_report *o, const char *title, float keep, int new_page,
		       int landscape)
{
	struct report *r = o->r;

	if (new_page)
		layout_new_page(&r->l, landscape);
	else
		layout_need(&r->l, o->body * 2 * LAYOUT_LINE_HEIGHT + keep);
	toc_note(r, title, 1);
	layout_heading(&r->l, o->body + 2, title, keep);
}

static void body_text(struct office_report *o, const char *text)
{
	struct layout_style st;

	memset(&st, 0, sizeof(st));
	st.size = o->body;
	st.align = o->r->tpl->justify ? ALIGN_JUSTIFY : ALIGN_LEFT;
	st.indent = o->body * 2.5f;
	st.space_after = o->body * 0.3f;
	layout_para(&o->r->l, &st, text);
}

/* How many contents lines the template's sections will make. */
static size_t toc_lines(const struct office_report *o)
{
	const struct report *r = o->r;
	size_t i, k, n = 0;

	for (i = 0; i < r->tpl->nr_sections; i++) {
		enum section_type t = r->tpl->sections[i].type;

		if (t == SECTION_COVER || t == SECTION_CONTENTS || !o->shown[i])
			continue;
		n++;
		for (k = 0; t == SECTION_AREAS && k < r->fw->nr_areas; k++)
			n += o->area_shown[k] != 0;
		if (t == SECTION_NETWORKS) {
			n++;
			for (k = 0; k < o->chosen[i].nr; k++)
				n += o->chosen[i].ranked[k] > 0;
		}
		if (t == SECTION_QUALITY)
			n += (o->open_issues > 0) + (o->rejected > 0) + (r->nr_notes > 0);
	}
	return n;
}

#define TOC_LINE(o) ((o)->body * LAYOUT_LINE_HEIGHT)

/* How many lines of a list fit on a page under its heading. */
static size_t toc_per_page(const struct office_report *o)
{
	const struct layout *l = &o->r->l;
	float room = l->height - 2 * l->margin - (o->body + 4) * LAYOUT_LINE_HEIGHT * 2;
	size_t per_page = (size_t)(room / TOC_LINE(o));

	return per_page < 1 ? 1 : per_page;
}

static void contents_reserve(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	/* the lists of tables and figures have their lines in it */
	size_t lines = toc_lines(o) + (r->tpl->lists ? 2 : 0), per_page;
	int k;

	layout_new_page(&r->l, 0);
	o->toc_first = r->l.page_no;
	{
		struct strbuf title;

		strbuf_init(&title);
		report_expand(o->r, sec->title, &title);
		r->outline = layout_bookmark(&r->l, NULL, title.buf);
		strbuf_release(&title);
	}
	per_page = toc_per_page(o);
	o->toc_pages = (int)((lines + per_page - 1) / per_page);
	if (o->toc_pages < 1)
		o->toc_pages = 1;
	for (k = 1; k < o->toc_pages; k++)
		layout_new_page(&r->l, 0);
}

/*
 * An entry of a contents or list at the cursor: the title, a dotted
 * leader, the page number at the right; bold at level 0 (a section),
 * indented at level 1 (a part), at the margin at level 2 (a caption).  A title too
 * long for the line keeps its first line only, or with `wrap` goes on over
 * more lines, indented, the number on the last.  Returns its lines; with
 * draw 0 only counts them.
 */
static size_t toc_line(struct office_report *o, int level, const char *text, int page,
		       int wrap, int draw)
{
	struct layout *l = &o->r->l;
	float x = layout_left(l) + (level == 1 ? o->body * 2 : 0), right = layout_left(l) +
		  layout_text_area(l), lh = TOC_LINE(o), tw, nw, dots, base;
	int face = level ? FACE_REGULAR : FACE_BOLD;
	struct strbuf num;
	char **lines;
	size_t n, k;

	strbuf_init(&num);
	strbuf_addf(&num, "%d", page);
	nw = layout_text_width(l, FACE_REGULAR, o->body, num.buf);
	n = layout_wrap(l, face, o->body, right - x - nw - o->body * 2, wrap ? -o->body * 2 : 0,
			text, &lines);
	if (n > 1 && !wrap) {
		struct strbuf cut;

		strbuf_init(&cut);
		strbuf_addf(&cut, "%s…", lines[0]);
		free(lines[0]);
		lines[0] = strbuf_detach(&cut);
		for (k = 1; k < n; k++)
			free(lines[k]);
		n = 1;
	}
	for (k = 0; draw && k < n; k++) {
		float at = x + (k ? o->body * 2 : 0);

		base = l->y + lh - o->body * 0.38f;
		layout_text_at(l, at, base, face, o->body, lines[k]);
		if (k + 1 < n) {
			l->y += lh;
			continue;
		}
		tw = layout_text_width(l, face, o->body, lines[k]);
		for (dots = at + tw + o->body * 0.5f; dots < right - nw - o->body * 0.6f;
		     dots += o->body * 0.4f)
			layout_text_at(l, dots, base, FACE_REGULAR, o->body, ".");
		layout_text_at(l, right - nw, base, FACE_REGULAR, o->body, num.buf);
		l->y += lh;
	}
	layout_free_lines(lines, n);
	strbuf_release(&num);
	return n;
}

static const char *const list_title[2] = { "สารบัญตาราง", "สารบัญภาพ" };

/* A caption as its list shows it: "ตารางที่ N  text". */
static void caption_entry(const struct layout_caption *c, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s %d  %s", c->figure ? "ภาพที่" : "ตารางที่", c->number, c->text);
}

/* The pages a list takes: its captions' lines, an entry kept on one page. */
static int list_pages(struct office_report *o, int kind, size_t per_page)
{
	struct layout *l = &o->r->l;
	struct strbuf sb;
	size_t i, used = 0;
	int pages = 0;

	strbuf_init(&sb);
	for (i = 0; i < l->nr_captions; i++) {
		size_t n;

		if ((l->captions[i].figure != 0) != kind)
			continue;
		caption_entry(&l->captions[i], &sb);
		n = toc_line(o, 2, sb.buf, l->captions[i].page, 1, 0);
		if (!pages || used + n > per_page) {
			pages++;
			used = 0;
		}
		used += n;
	}
	strbuf_release(&sb);
	return pages;
}

/*
 * The lists of tables and of figures, on pages inserted after page
 * `after` (the contents' last): each caption with its page.  Entries of
 * the contents after them move down by the pages inserted, and each list
 * gets its own entry in the contents and a bookmark.
 */
static void lists_fill(struct office_report *o, int after)
{
	struct report *r = o->r;
	struct layout *l = &r->l;
	size_t per_page = toc_per_page(o), i, at, used;
	int pages[2], inserted = 0, kind, page;
	struct strbuf sb;

	for (kind = 0; kind < 2; kind++)
		inserted += pages[kind] = list_pages(o, kind, per_page);
	if (!inserted)
		return;
	layout_insert_pages(l, after, inserted);
	for (at = 0; at < r->nr_toc && r->toc[at].page <= after; at++)
		;
	for (i = at; i < r->nr_toc; i++)
		r->toc[i].page += inserted;
	page = after + 1;
	strbuf_init(&sb);
	for (kind = 0; kind < 2; kind++) {
		if (!pages[kind])
			continue;
		/* its entry in the contents, before the parts after it */
		xgrow(&r->toc, &r->alloc_toc, r->nr_toc + 1, sizeof(*r->toc));
		memmove(r->toc + at + 1, r->toc + at, (r->nr_toc - at) * sizeof(*r->toc));
		r->toc[at].title = xstrdup(list_title[kind]);
		r->toc[at].level = 0;
		r->toc[at].page = page;
		r->nr_toc++;
		at++;
		layout_goto_page(l, page);
		layout_bookmark(l, NULL, list_title[kind]);
		main_heading(o, list_title[kind], 0);
		layout_space(l, o->body * 0.5f);
		for (i = 0, used = 0; i < l->nr_captions; i++) {
			const struct layout_caption *c = &l->captions[i];
			size_t n;

			if ((c->figure != 0) != kind)
				continue;
			caption_entry(c, &sb);
			/* the pages as list_pages() counted them */
			n = toc_line(o, 2, sb.buf, c->page, 1, 0);
			if (used + n > per_page) {
				layout_goto_page(l, ++page);
				used = 0;
			}
			used += toc_line(o, 2, sb.buf, c->page, 1, 1);
		}
		page++;
	}
	strbuf_release(&sb);
}

/* Fill the reserved pages: each entry, a dotted leader, its page number. */
static void contents_fill(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct layout *l = &r->l;
	struct strbuf title;
	int page = o->toc_first;
	size_t i;

	if (r->tpl->lists)
		lists_fill(o, o->toc_first + o->toc_pages - 1);
	strbuf_init(&title);
	layout_goto_page(l, page);
	report_expand(o->r, sec->title, &title);
	main_heading(o, title.buf, 0);
	layout_space(l, o->body * 0.5f);
	for (i = 0; i < r->nr_toc; i++) {
		if (l->y + TOC_LINE(o) > l->height - l->margin &&
		    page < o->toc_first + o->toc_pages - 1)
			layout_goto_page(l, ++page);
		toc_line(o, r->toc[i].level, r->toc[i].title, r->toc[i].page, 0, 1);
	}
	strbuf_release(&title);
}

/* ---- cover and text ------------------------------------------------------ */

static int cover(struct office_report *o)
{
	struct report *r = o->r;
	struct layout *l = &r->l;
	struct strbuf sb;
	struct tt_error ignore;

	layout_new_page(l, 0);
	l->no_footer_from = 2;
	strbuf_init(&sb);
	if (r->tpl->document_number) {
		/* the document's number, ที่ ..., at the top left */
		report_expand(o->r, r->tpl->document_number, &sb);
		layout_paragraph(l, FACE_REGULAR, o->body, ALIGN_LEFT, sb.buf);
		strbuf_reset(&sb);
	}
	/* the emblem's place, centred above the title */
	if (r->tpl->logo)
		layout_image(l, r->tpl->logo, layout_left(l) + (layout_text_area(l) - 110) / 2,
			     l->margin + 40, 110, 110,
			     &ignore);
	l->y = l->margin + 200;
	report_expand(o->r, r->tpl->title, &sb);
	layout_paragraph(l, FACE_BOLD, o->body + 12, ALIGN_CENTER, sb.buf);
	layout_space(l, 16);
	layout_paragraph(l, FACE_REGULAR, o->body + 2, ALIGN_CENTER, r->fw->title);
	if (!r->approval.approved) {
		/* a draft says so in its title block, and the page has no other mark */
		layout_space(l, 12);
		layout_paragraph(l, FACE_BOLD, o->body + 8, ALIGN_CENTER, "ร่าง");
		l->no_cover_header = 1;
	}
	l->y = l->height - l->margin - 200;
	{
		/* the office's name on one line if a size down to the body's allows */
		float size = o->body + 6;

		while (size > o->body &&
		       layout_text_width(l, FACE_BOLD, size, r->office_name) > layout_text_area(l))
			size -= 1;
		layout_paragraph(l, FACE_BOLD, size, ALIGN_CENTER, r->office_name);
	}
	layout_paragraph(l, FACE_REGULAR, o->body, ALIGN_CENTER,
			 "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน กระทรวงศึกษาธิการ");
	layout_space(l, 24);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "ข้อมูล ณ วันที่ ");
	period_format_thai(&sb, &r->as_of, 1);
	layout_paragraph(l, FACE_REGULAR, o->body, ALIGN_CENTER, sb.buf);
	strbuf_release(&sb);
	return 0;
}

static int text_section(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct strbuf sb;
	size_t i;

	section_start(o, sec);
	strbuf_init(&sb);
	for (i = 0; i < sec->nr_paragraphs; i++) {
		strbuf_reset(&sb);
		report_expand(o->r, sec->paragraphs[i], &sb);
		body_text(o, sb.buf);
	}
	if (sec->signature) {
		struct layout_style st;
		/* the right part of the page, wide enough for an office's long name */
		float left = layout_text_area(&r->l) * 0.3f;
		const char *name = r->tpl->director_name;

		memset(&st, 0, sizeof(st));
		st.size = o->body;
		st.align = ALIGN_CENTER;
		layout_need(&r->l, 4 * o->body * LAYOUT_LINE_HEIGHT + 30);
		layout_space(&r->l, 30);
		layout_set_column(&r->l, left, layout_text_area(&r->l) - left);
		strbuf_reset(&sb);
		/* the template names no one: a dotted line to sign over and write on */
		strbuf_addf(&sb, "(%s)", name && *name ? name
			    : "………………………………");
		layout_para(&r->l, &st, sb.buf);
		strbuf_reset(&sb);
		value_of(r, "director.position", strlen("director.position"), &sb);
		layout_para(&r->l, &st, sb.buf);
		layout_set_column(&r->l, 0, 0);
	}
	strbuf_release(&sb);
	return 0;
}

/* ---- results -------------------------------------------------------------- */

/* 1 if ind is reported in one of the report's rounds. */
static int due_by_now(const struct office_report *o, const struct indicator *ind)
{
	size_t k;

	for (k = 0; k < o->nr_rounds; k++)
		if (indicator_due(ind, o->rounds[k]))
			return 1;
	return 0;
}

static const char *status_word(const struct indicator *ind, const struct status *s,
			       int due, enum layout_mark *mark)
{
	*mark = MARK_NONE;
	if (ind->type == VALUE_TEXT)
		return "รายงานเชิงคุณภาพ";
	if (!s->has_result) {
		*mark = MARK_PENDING;
		/* first reported in a later round than the report's */
		return due ? "ยังไม่มีผล" : "ยังไม่ถึงรอบ";
	}
	if (s->achieved < 0)
		return "ไม่มีเป้าหมาย";
	*mark = s->achieved ? MARK_MET : MARK_NOT_MET;
	return s->achieved ? "บรรลุ" : "ไม่บรรลุ";
}

/* The indicator table's columns from the template, rounds after the report's left out. */
static size_t area_columns(struct office_report *o, const struct template_section *sec,
			   struct layout_column *cols, enum template_column *which)
{
	static const struct layout_column proto[NR_COLUMNS] = {
		[COLUMN_CODE] = { "รหัส", 64, ALIGN_LEFT, LAYOUT_CODES },
		[COLUMN_NAME] = { "ตัวชี้วัด", 0, ALIGN_LEFT, 0 },
		[COLUMN_UNIT] = { "หน่วยนับ", 58, ALIGN_CENTER, 0 },
		[COLUMN_TARGET] = { "เป้าหมาย", 62, ALIGN_RIGHT, 0 },
		[COLUMN_3M] = { "3 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_6M] = { "6 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_9M] = { "9 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_12M] = { "12 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_PERCENT] = { "ร้อยละของเป้าหมาย", 62, ALIGN_RIGHT, 0 },
		[COLUMN_STATUS] = { "ผลการประเมิน", 86, ALIGN_LEFT, LAYOUT_MARKS },
		[COLUMN_RESULT] = { "ผล", 56, ALIGN_RIGHT, 0 },
		[COLUMN_MEDIAN] = { "มัธยฐาน", 56, ALIGN_RIGHT, 0 },
	};
	unsigned hidden = 1u << COLUMN_RESULT | 1u << COLUMN_MEDIAN;
	size_t k;

	/* the round columns stand for the rounds the framework has, up to the report's */
	hidden |= 1u << COLUMN_3M | 1u << COLUMN_6M | 1u << COLUMN_9M | 1u << COLUMN_12M;
	for (k = 0; k < o->nr_rounds; k++)
		hidden &= ~(1u << (COLUMN_3M + o->rounds[k] / 3 - 1));
	return report_columns(&o->r->l, sec, proto, hidden, cols, which);
}

static void indicator_row(const struct office_report *o, const struct indicator *ind,
			  const struct status *s, const enum template_column *which, size_t n,
			  struct cells *cells)
{
	size_t c;

	for (c = 0; c < n; c++) {
		enum layout_mark mark;
		const char *word;
		int k;

		switch (which[c]) {
		case COLUMN_CODE:
			cell_add(cells, xstrdup(ind->code));
			break;
		case COLUMN_NAME:
			cell_add(cells, xstrdup(ind->name));
			break;
		case COLUMN_UNIT:
			cell_add(cells, xstrdup(ind->unit));
			break;
		case COLUMN_TARGET:
			cell_add(cells, ind->has_target
				 ? report_number(ind->target, report_target_decimals(ind))
				 : xstrdup("-"));
			break;
		case COLUMN_3M: case COLUMN_6M: case COLUMN_9M: case COLUMN_12M:
			k = (int)(which[c] - COLUMN_3M);
			cell_add(cells, !isnan(s->round_value[k])
				 ? report_number(s->round_value[k],
						 report_value_decimals(ind, s->round_value[k]))
				 : xstrdup(ind->type == VALUE_TEXT ? "" : "-"));
			break;
		case COLUMN_PERCENT: {
			struct strbuf sb;

			strbuf_init(&sb);
			if (isnan(s->percent))
				strbuf_addch(&sb, '-');
			else
				thai_format_number(&sb, s->percent, 2, 0);
			cell_add(cells, strbuf_detach(&sb));
			break;
		}
		case COLUMN_STATUS:
			word = status_word(ind, s, due_by_now(o, ind), &mark);
			cell_addf(cells, "%c%s", '0' + (int)mark, word);
			break;
		default:
			cell_add(cells, xstrdup(""));
			break;
		}
	}
}

/* Target against result, as % of target so that every unit fits one axis. */
static void area_chart(struct office_report *o, size_t area)
{
	const struct framework *fw = o->r->fw;
	const char **labels = xcalloc(fw->nr_indicators, sizeof(*labels));
	double *target = xcalloc(fw->nr_indicators, sizeof(double));
	double *result = xcalloc(fw->nr_indicators, sizeof(double));
	struct chart_series series[2] = { { "เป้าหมาย (ร้อยละ 100)", target },
					  { "ผลการดำเนินงาน (ร้อยละของเป้าหมาย)", result } };
	struct chart c;
	size_t i, n = 0;

	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const struct status *s = &o->status[i];

		if (ind->policy_area != area || !ind->has_target || ind->type == VALUE_TEXT)
			continue;
		labels[n] = ind->code;
		target[n] = 100;
		/* capped so that one far-over indicator does not flatten the rest */
		result[n] = isnan(s->percent) ? NAN : s->percent > 200 ? 200 : s->percent;
		n++;
	}
	if (n) {
		memset(&c, 0, sizeof(c));
		c.kind = CHART_BARS;
		c.labels = labels;
		c.nr_labels = n;
		c.series = series;
		c.nr_series = 2;
		c.axis_title = "ร้อยละของเป้าหมาย (ไม่เกิน 200)";
		c.reference = 100;
		c.reference_name = "เป้าหมาย";
		c.height = 200;
		c.size = o->table - 2;
		layout_space(&o->r->l, 8);
		chart_draw(&o->r->l, &c);
		caption(o, 1, "ผลการดำเนินงานเทียบกับเป้าหมาย %s", fw->areas[area].name);
	}
	free(labels);
	free(target);
	free(result);
}

static const char *const narrative_fields[][2] = {
	{ "result", "ผลการดำเนินงาน" },
	{ "problems", "ปัญหาอุปสรรค" },
	{ "suggestions", "ข้อเสนอแนะ" },
};

/*
 * The narratives of an indicator sent in the report's latest round that
 * has any: each different text once, with how many units wrote it.
 */
static int area_narratives(struct office_report *o, size_t area)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	sqlite3_stmt *st = NULL;
	struct strbuf sb;
	size_t i, f;
	int rc, any = 0;

	if ((rc = report_query(r, r->months, &st, OFFICE_TREE
			     ", current AS (SELECT s.id, s.round FROM submission s"
			     "  JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2"
			     "  AND s.round <= ?3 AND s.status = 'accepted' AND s.superseded_by IS NULL),"
			     " texts AS (SELECT c.round, n.field, n.text FROM narrative n"
			     "  JOIN current c ON c.id = n.submission_id WHERE n.indicator = ?4"
			     "  UNION ALL SELECT c.round, 'result', v.value FROM value v"
			     "  JOIN current c ON c.id = v.submission_id WHERE v.indicator = ?4"
			     "  AND ?5 AND v.value IS NOT NULL AND v.value <> '')"
			     " SELECT field, text, COUNT(*) FROM texts"
			     " WHERE round = (SELECT MAX(round) FROM texts)"
			     " GROUP BY field, text ORDER BY field, COUNT(*) DESC, text")))
		return rc;
	strbuf_init(&sb);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		int header = 0;

		if (ind->policy_area != area)
			continue;
		for (f = 0; f < sizeof(narrative_fields) / sizeof(narrative_fields[0]); f++) {
			int field_header = 0;

			report_bind(st, r->office_code, fw->fiscal_year, r->months);
			db_bind_text(st, 4, ind->code);
			sqlite3_bind_int(st, 5, ind->type == VALUE_TEXT);
			while (sqlite3_step(st) == SQLITE_ROW) {
				struct layout_style bullet;

				if (strcmp(db_column_text(st, 0), narrative_fields[f][0]))
					continue;
				if (!any) {
					layout_space(&r->l, 8);
					layout_heading(&r->l, o->body + 1,
						       "ผลการดำเนินงาน ปัญหาอุปสรรค และข้อเสนอแนะ",
						       3 * o->body * LAYOUT_LINE_HEIGHT);
					any = 1;
				}
				if (!header) {
					strbuf_reset(&sb);
					strbuf_addf(&sb, "%s %s", ind->code, ind->name);
					layout_space(&r->l, 4);
					layout_heading(&r->l, o->body, sb.buf,
						       2 * o->body * LAYOUT_LINE_HEIGHT);
					header = 1;
				}
				if (!field_header) {
					memset(&bullet, 0, sizeof(bullet));
					bullet.face = FACE_BOLD_ITALIC;
					bullet.size = o->body;
					bullet.indent = o->body;
					bullet.keep = o->body * LAYOUT_LINE_HEIGHT;
					layout_para(&r->l, &bullet, narrative_fields[f][1]);
					field_header = 1;
				}
				strbuf_reset(&sb);
				strbuf_addf(&sb, "- %s (%d หน่วยงาน)", db_column_text(st, 1),
					    sqlite3_column_int(st, 2));
				memset(&bullet, 0, sizeof(bullet));
				bullet.size = o->body;
				bullet.align = ALIGN_LEFT;
				layout_set_column(&r->l, o->body * 2, 0);
				layout_para(&r->l, &bullet, sb.buf);
				layout_set_column(&r->l, 0, 0);
			}
		}
	}
	strbuf_release(&sb);
	sqlite3_finalize(st);
	return 0;
}

static int areas_section(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	struct layout_column cols[NR_COLUMNS];
	enum template_column which[NR_COLUMNS];
	struct strbuf sb;
	size_t a, g, i, n;
	int rc = 0, parts = 0;

	strbuf_init(&sb);
	for (a = 0; !rc && a < fw->nr_areas; a++) {
		int inds = 0, with = 0, met = 0;

		/* an area none of whose indicators is reported by the report's round */
		if (!o->area_shown[a])
			continue;
		if (!parts++)
			section_start(o, sec);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ด้านที่ %zu %s", a + 1, fw->areas[a].name);
		part_start(o, sb.buf, 6 * o->table * LAYOUT_LINE_HEIGHT, parts > 1, sec->landscape);
		n = area_columns(o, sec, cols, which);
		for (i = 0; i < fw->nr_indicators; i++) {
			const struct status *s = &o->status[i];

			if (fw->indicators[i].policy_area != a || !fw->indicators[i].has_target)
				continue;
			inds++;
			if (s->has_result && s->achieved >= 0) {
				with++;
				met += s->achieved;
			}
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ตัวชี้วัดที่มีเป้าหมาย %d ตัว มีผลการดำเนินงาน %d ตัว"
			    " บรรลุเป้าหมาย %d ตัว ไม่บรรลุ %d ตัว", inds, with, met, with - met);
		body_text(o, sb.buf);
		/* a table per strategy of the area */
		for (g = 0; g < fw->nr_strategies; g++) {
			struct cells cells = { 0 };

			if (fw->strategies[g].policy_area != a)
				continue;
			for (i = 0; i < fw->nr_indicators; i++)
				if (fw->indicators[i].strategy == g)
					indicator_row(o, &fw->indicators[i], &o->status[i], which, n,
						      &cells);
			if (!cells.nr) {
				cells_release(&cells);
				continue;
			}
			strbuf_reset(&sb);
			strbuf_addf(&sb, "กลยุทธ์ %s", fw->strategies[g].name);
			layout_space(&r->l, 4);
			layout_heading(&r->l, o->body, sb.buf, 4 * o->table * LAYOUT_LINE_HEIGHT);
			caption(o, 0, "ผลการดำเนินงานตามตัวชี้วัด %s", sb.buf);
			layout_table(&r->l, cols, n, cells.items, cells.nr / n, o->table);
			cells_release(&cells);
		}
		if (sec->chart)
			area_chart(o, a);
		if (!rc && sec->narratives)
			rc = area_narratives(o, a);
	}
	strbuf_release(&sb);
	return rc;
}

static int summary_section(struct office_report *o, const struct template_section *sec)
{
	static const struct layout_column cols[] = {
		{ "ด้าน", 0, ALIGN_LEFT, 0 }, { "ตัวชี้วัด", 60, ALIGN_RIGHT, 0 },
		{ "มีผล", 50, ALIGN_RIGHT, 0 }, { "บรรลุ", 50, ALIGN_RIGHT, 0 },
		{ "ไม่บรรลุ", 56, ALIGN_RIGHT, 0 }, { "ร้อยละที่บรรลุ", 76, ALIGN_RIGHT, 0 },
	};
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	struct layout_column c6[6];
	struct cells cells = { 0 };
	double *met = xcalloc(fw->nr_areas + 1, sizeof(double));
	double *not_met = xcalloc(fw->nr_areas + 1, sizeof(double));
	double *pending = xcalloc(fw->nr_areas + 1, sizeof(double));
	double (*by_round)[4] = xcalloc(fw->nr_areas + 1, sizeof(*by_round));
	const char **labels = xcalloc(fw->nr_areas + 1, sizeof(*labels));
	char (*short_names)[64] = xcalloc(fw->nr_areas + 1, sizeof(*short_names));
	struct strbuf sb;
	size_t a, i;
	int k, total_met = 0, total_with = 0, total = 0;

	section_start(o, sec);
	memcpy(c6, cols, sizeof(cols));
	c6[0].width = layout_text_area(&r->l) - 292;
	for (a = 0; a < fw->nr_areas; a++) {
		int inds = 0, with = 0, ok = 0;

		for (i = 0; i < fw->nr_indicators; i++) {
			const struct indicator *ind = &fw->indicators[i];
			const struct status *s = &o->status[i];

			if (ind->policy_area != a || !ind->has_target)
				continue;
			inds++;
			if (s->has_result && s->achieved >= 0) {
				with++;
				ok += s->achieved;
			}
			for (k = 0; k < 4; k++)
				if (!isnan(s->round_percent[k]) && s->round_percent[k] >= 100 - 1e-9)
					by_round[a][k]++;
		}
		met[a] = ok;
		not_met[a] = with - ok;
		pending[a] = inds - with;
		for (k = 0; k < 4; k++)
			by_round[a][k] = inds ? 100.0 * by_round[a][k] / inds : NAN;
		total += inds;
		total_with += with;
		total_met += ok;
		cell_add(&cells, xstrdup(fw->areas[a].name));
		cell_add(&cells, report_number(inds, 0));
		cell_add(&cells, report_number(with, 0));
		cell_add(&cells, report_number(ok, 0));
		cell_add(&cells, report_number(with - ok, 0));
		percent_cell(&cells, ok, with);
		snprintf(short_names[a], sizeof(short_names[a]), "ด้านที่ %zu", a + 1);
		labels[a] = short_names[a];
	}
	cell_add(&cells, xstrdup("รวม"));
	cell_add(&cells, report_number(total, 0));
	cell_add(&cells, report_number(total_with, 0));
	cell_add(&cells, report_number(total_met, 0));
	cell_add(&cells, report_number(total_with - total_met, 0));
	percent_cell(&cells, total_met, total_with);

	strbuf_init(&sb);
	{
		struct strbuf round;

		strbuf_init(&round);
		value_of(r, "round", 5, &round);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ผลการดำเนินงาน%s ตัวชี้วัดที่มีเป้าหมายทั้งหมด %d ตัว"
			    " มีผลการดำเนินงาน %d ตัว บรรลุเป้าหมาย %d ตัว และไม่บรรลุเป้าหมาย"
			    " %d ตัว", round.buf, total, total_with, total_met,
			    total_with - total_met);
		strbuf_release(&round);
	}
	body_text(o, sb.buf);
	layout_space(&r->l, 4);
	caption(o, 0, "สรุปผลการดำเนินงาน รายด้าน");
	layout_table(&r->l, c6, 6, cells.items, cells.nr / 6, o->table);
	if (sec->chart) {
		struct chart_series s3[3] = { { "บรรลุ", met }, { "ไม่บรรลุ", not_met },
					      { "ยังไม่มีผล", pending } };
		struct chart_series *lines = xcalloc(fw->nr_areas, sizeof(*lines));
		static const char *const rounds[] = { "3 เดือน", "6 เดือน", "9 เดือน", "12 เดือน" };
		double (*at_round)[4] = xcalloc(fw->nr_areas + 1, sizeof(*at_round));
		const char *round_labels[4];
		struct chart c;

		memset(&c, 0, sizeof(c));
		c.kind = CHART_BARS;
		c.labels = labels;
		c.nr_labels = fw->nr_areas;
		c.series = s3;
		c.nr_series = 3;
		c.axis_title = "จำนวนตัวชี้วัด";
		c.reference = NAN;
		c.height = 170;
		c.size = o->table - 2;
		layout_space(&r->l, 10);
		chart_draw(&r->l, &c);
		caption(o, 1, "จำนวนตัวชี้วัดที่บรรลุและไม่บรรลุเป้าหมาย รายด้าน");
		/* a place for each of the framework's rounds, a point up to the report's */
		for (k = 0; k < (int)fw->nr_rounds && k < 4; k++)
			round_labels[k] = rounds[fw->rounds[k].months / 3 - 1];
		for (a = 0; a < fw->nr_areas; a++) {
			for (k = 0; k < (int)fw->nr_rounds && k < 4; k++) {
				int m = fw->rounds[k].months, any = 0;

				/* no point where none of the area's indicators is reported */
				for (i = 0; i < fw->nr_indicators; i++)
					any |= fw->indicators[i].policy_area == a &&
					       fw->indicators[i].has_target &&
					       indicator_due(&fw->indicators[i], m);
				at_round[a][k] = m <= r->months && any
						 ? by_round[a][m / 3 - 1] : NAN;
			}
			lines[a].name = labels[a];
			lines[a].values = at_round[a];
		}
		c.kind = CHART_LINES;
		c.labels = round_labels;
		c.nr_labels = fw->nr_rounds < 4 ? fw->nr_rounds : 4;
		c.series = lines;
		c.nr_series = fw->nr_areas;
		c.axis_title = "ร้อยละของตัวชี้วัดที่บรรลุเป้าหมาย ณ แต่ละรอบ";
		c.reference = 100;
		layout_space(&r->l, 10);
		chart_draw(&r->l, &c);
		caption(o, 1, "ร้อยละของตัวชี้วัดที่บรรลุเป้าหมาย ณ แต่ละรอบ รายด้าน");
		free(lines);
		free(at_round);
	}
	strbuf_release(&sb);
	cells_release(&cells);
	free(met);
	free(not_met);
	free(pending);
	free(by_round);
	free(labels);
	free(short_names);
	return 0;
}

/* ---- networks -------------------------------------------------------------- */

static int networks_section(struct office_report *o, const struct template_section *sec,
			    const struct chosen *chosen)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	const struct indicator *const *inds = chosen->inds;
	size_t nr_inds = chosen->nr;
	struct layout_column *cols = xcalloc(nr_inds + 2, sizeof(*cols));
	struct cells cells = { 0 };
	sqlite3_stmt *nets = NULL, *res = NULL, *rank = NULL;
	struct strbuf sb;
	size_t i;
	int rc = 0;

	strbuf_init(&sb);
	section_start(o, sec);
	if ((rc = report_query(r, r->months, &nets,
			       "SELECT u.code, u.name, (SELECT COUNT(*) FROM unit s WHERE s.parent = u.code"
			       " AND s.kind = 'school') FROM unit u WHERE u.parent = ?1"
			       " AND u.kind = 'network' ORDER BY u.code")) ||
	    (rc = report_query(r, r->months, &res,
			       "SELECT to_date FROM result WHERE unit_code = ?1 AND fiscal_year = ?2"
			       " AND round = ?3 AND indicator = ?4")))
		goto out;
	/* every network's result for the chosen indicators */
	part_start(o, "ผลของตัวชี้วัดที่เลือก แยกตามเครือข่าย", 5 * o->table * LAYOUT_LINE_HEIGHT, 0, 0);
	cols[0] = (struct layout_column){ "เครือข่าย", 0, ALIGN_LEFT, 0 };
	cols[1] = (struct layout_column){ "โรงเรียน", 62, ALIGN_RIGHT, 0 };
	{
		/* 70 points an indicator, less when many leave the names under 120 */
		float each = (layout_text_area(&r->l) - 62 - 120) / (float)(nr_inds ? nr_inds : 1);

		if (each > 70)
			each = 70;
		for (i = 0; i < nr_inds; i++)
			cols[i + 2] = (struct layout_column){ inds[i]->code, each, ALIGN_RIGHT, 0 };
		cols[0].width = layout_text_area(&r->l) - 62 - each * (float)nr_inds;
	}
	while (sqlite3_step(nets) == SQLITE_ROW) {
		cell_add(&cells, xstrdup(db_column_text(nets, 1)));
		cell_add(&cells, report_number(sqlite3_column_int(nets, 2), 0));
		for (i = 0; i < nr_inds; i++) {
			int m = latest_round(o, inds[i]);

			report_bind(res, db_column_text(nets, 0), fw->fiscal_year, m);
			db_bind_text(res, 4, inds[i]->code);
			cell_add(&cells, sqlite3_step(res) == SQLITE_ROW &&
				 sqlite3_column_type(res, 0) != SQLITE_NULL
				 ? report_number(sqlite3_column_double(res, 0),
						 report_value_decimals(inds[i],
								       sqlite3_column_double(res, 0)))
				 : xstrdup("-"));
		}
	}
	caption(o, 0, "ผลตัวชี้วัดหลัก รายเครือข่าย");
	layout_table(&r->l, cols, nr_inds + 2, cells.items,
		     cells.nr / (nr_inds + 2), o->table);
	cells_release(&cells);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "รหัสตัวชี้วัด: ");
	for (i = 0; i < nr_inds; i++)
		strbuf_addf(&sb, "%s%s %s (%s)", i ? "; " : "", inds[i]->code, inds[i]->name,
			    inds[i]->unit);
	layout_space(&r->l, 4);
	layout_paragraph(&r->l, FACE_REGULAR, o->table, ALIGN_LEFT, sb.buf);

	/* the best and the worst schools of each */
	if ((rc = report_query(r, r->months, &rank, RANKED_SCHOOLS
			     " ORDER BY CASE WHEN ?5 THEN r.to_date ELSE -r.to_date END DESC, u.code")))
		goto out;
	for (i = 0; i < nr_inds; i++) {
		static const struct layout_column rank_cols[] = {
			{ "อันดับ", 44, ALIGN_RIGHT, 0 }, { "โรงเรียน", 0, ALIGN_LEFT, 0 },
			{ "เครือข่าย", 0, ALIGN_LEFT, 0 }, { "ผล", 70, ALIGN_RIGHT, 0 },
		};
		struct layout_column rc4[4];
		char **codes = NULL;
		double *vals = NULL;
		char **names = NULL, **netn = NULL;
		size_t n = 0, alloc = 0, k;
		int m = latest_round(o, inds[i]);
		float rest;

		/* no school has a result to rank: no part */
		if (!chosen->ranked[i])
			continue;
		report_bind(rank, r->office_code, fw->fiscal_year, m);
		db_bind_text(rank, 4, inds[i]->code);
		sqlite3_bind_int(rank, 5, inds[i]->direction == DIRECTION_HIGHER);
		while (sqlite3_step(rank) == SQLITE_ROW) {
			size_t a2 = alloc, a3 = alloc, a4 = alloc;

			xgrow(&codes, &alloc, n + 1, sizeof(*codes));
			xgrow(&names, &a2, n + 1, sizeof(*names));
			xgrow(&netn, &a3, n + 1, sizeof(*netn));
			xgrow(&vals, &a4, n + 1, sizeof(*vals));
			codes[n] = xstrdup(db_column_text(rank, 0));
			names[n] = xstrdup(db_column_text(rank, 1));
			netn[n] = xstrdup(db_column_text(rank, 2));
			vals[n] = sqlite3_column_double(rank, 3);
			n++;
		}
		strbuf_reset(&sb);
		strbuf_addf(&sb, "โรงเรียนที่มีผลสูงสุดและต่ำสุด ตัวชี้วัด %s", inds[i]->code);
		part_start(o, sb.buf, 5 * o->table * LAYOUT_LINE_HEIGHT, 0, 0);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s (%s) ข้อมูลรอบ %d เดือน จากโรงเรียนที่มีผล %zu โรง"
			    " เรียงจากผลที่%s", inds[i]->name, inds[i]->unit, m, n,
			    inds[i]->direction == DIRECTION_HIGHER ? "สูง (ดี) ไปต่ำ" : "ต่ำ (ดี) ไปสูง");
		body_text(o, sb.buf);
		memcpy(rc4, rank_cols, sizeof(rc4));
		rest = layout_text_area(&r->l) - 44 - 70;
		rc4[1].width = rest * 0.55f;
		rc4[2].width = rest - rc4[1].width;
		for (k = 0; k < n; k++) {
			size_t top = (size_t)sec->top;

			/* the first `top` and the last `top`, each school once */
			if (k >= top && k + top < n)
				continue;
			cell_add(&cells, report_number((double)(k + 1), 0));
			cell_add(&cells, xstrdup(names[k]));
			cell_add(&cells, xstrdup(netn[k]));
			cell_add(&cells, report_number(vals[k], report_value_decimals(inds[i], vals[k])));
		}
		caption(o, 0, "โรงเรียนที่มีผลสูงสุดและต่ำสุด %s", inds[i]->name);
		layout_table(&r->l, rc4, 4, cells.items, cells.nr / 4, o->table);
		cells_release(&cells);
		for (k = 0; k < n; k++) {
			free(codes[k]);
			free(names[k]);
			free(netn[k]);
		}
		free(codes);
		free(names);
		free(netn);
		free(vals);
	}
	strbuf_release(&sb);
out:
	sqlite3_finalize(nets);
	sqlite3_finalize(res);
	sqlite3_finalize(rank);
	free(cols);
	return rc;
}

/* ---- budget ------------------------------------------------------------------ */


static int budget_section(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct layout_column cols[9];
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	double total[6] = { 0 };
	const char **labels = NULL;
	double *budget = NULL, *spent = NULL;
	size_t n = 0, alloc = 0, c, ncols;
	int quarters = r->months / 3, q, rc;
	char (*codes)[33] = NULL;

	if ((rc = report_query(r, r->months, &st, "SELECT p.code, p.name, COALESCE(p.budget, 0),"
			       " COALESCE(p.q1, 0), COALESCE(p.q2, 0), COALESCE(p.q3, 0),"
			       " COALESCE(p.q4, 0)" CURRENT_PROJECTS " ORDER BY p.code")))
		return rc;
	section_start(o, sec);
	ncols = 0;
	cols[ncols++] = (struct layout_column){ "รหัส", 48, ALIGN_LEFT, LAYOUT_CODES };
	cols[ncols++] = (struct layout_column){ "โครงการ", 0, ALIGN_LEFT, 0 };
	cols[ncols++] = (struct layout_column){ "งบประมาณที่ได้รับ", 84, ALIGN_RIGHT, 0 };
	for (q = 0; q < quarters; q++) {
		static const char *const qn[] = { "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4" };

		cols[ncols++] = (struct layout_column){ qn[q], 76, ALIGN_RIGHT, 0 };
	}
	cols[ncols++] = (struct layout_column){ "เบิกจ่ายรวม", 84, ALIGN_RIGHT, 0 };
	cols[ncols++] = (struct layout_column){ "ร้อยละ", 62, ALIGN_RIGHT, 0 };
	{
		float used = 0;

		for (c = 0; c < ncols; c++)
			used += cols[c].width;
		cols[1].width = layout_text_area(&r->l) - used;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		double b = sqlite3_column_double(st, 2), sum = 0;
		size_t a2 = alloc, a3 = alloc, a4 = alloc;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_add(&cells, xstrdup(db_column_text(st, 1)));
		cell_add(&cells, report_number(b, 0));
		for (q = 0; q < quarters; q++) {
			double v = sqlite3_column_double(st, 3 + q);

			cell_add(&cells, report_number(v, 0));
			total[1 + q] += v;
			sum += v;
		}
		cell_add(&cells, report_number(sum, 0));
		percent_cell(&cells, sum, b);
		total[0] += b;
		total[5] += sum;
		xgrow(&codes, &alloc, n + 1, sizeof(*codes));
		xgrow(&labels, &a2, n + 1, sizeof(*labels));
		xgrow(&budget, &a3, n + 1, sizeof(*budget));
		xgrow(&spent, &a4, n + 1, sizeof(*spent));
		tt_strlcpy(codes[n], db_column_text(st, 0), sizeof(codes[n]));
		budget[n] = b / 1000.0;
		spent[n] = sum / 1000.0;
		n++;
	}
	sqlite3_finalize(st);
	if (!n) {
		body_text(o, "ไม่มีข้อมูลโครงการและงบประมาณของปีงบประมาณนี้");
		return 0;
	}
	cell_add(&cells, xstrdup(""));
	cell_add(&cells, xstrdup("รวมทุกโครงการ"));
	cell_add(&cells, report_number(total[0], 0));
	for (q = 0; q < quarters; q++)
		cell_add(&cells, report_number(total[1 + q], 0));
	cell_add(&cells, report_number(total[5], 0));
	percent_cell(&cells, total[5], total[0]);
	{
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addf(&sb, "โครงการตามแผนปฏิบัติการ %zu โครงการ ได้รับงบประมาณรวม ", n);
		thai_format_number(&sb, total[0], 2, 0);
		strbuf_addstr(&sb, " บาท เบิกจ่ายแล้ว ");
		thai_format_number(&sb, total[5], 2, 0);
		strbuf_addstr(&sb, " บาท คิดเป็นร้อยละ ");
		if (total[0] > 0)
			thai_format_number(&sb, 100.0 * total[5] / total[0], 2, 0);
		else
			strbuf_addch(&sb, '-');
		body_text(o, sb.buf);
		strbuf_release(&sb);
	}
	/* whole baht in the table (the totals above have the satang), a size
	   smaller, so that every amount fits its line */
	caption(o, 0, "งบประมาณและการเบิกจ่าย รายโครงการ");
	layout_table(&r->l, cols, ncols, cells.items, cells.nr / ncols, o->table - 2);
	cells_release(&cells);
	if (sec->chart) {
		struct chart_series s2[2] = { { "งบประมาณที่ได้รับ", budget },
					      { "เบิกจ่ายแล้ว", spent } };
		struct chart ch;

		for (c = 0; c < n; c++)
			labels[c] = codes[c];
		memset(&ch, 0, sizeof(ch));
		ch.kind = CHART_BARS;
		ch.labels = labels;
		ch.nr_labels = n;
		ch.series = s2;
		ch.nr_series = 2;
		ch.axis_title = "พันบาท";
		ch.reference = NAN;
		ch.height = 200;
		ch.size = o->table - 2;
		layout_space(&r->l, 10);
		chart_draw(&r->l, &ch);
		caption(o, 1, "งบประมาณที่ได้รับและที่เบิกจ่ายแล้ว รายโครงการ");
	}
	free(codes);
	free(labels);
	free(budget);
	free(spent);
	return 0;
}

/* ---- completeness -------------------------------------------------------- */

static int completeness_section(struct office_report *o, const struct template_section *sec)
{
	static const struct layout_column cols[] = {
		{ "หน่วยงาน", 0, ALIGN_LEFT, 0 }, { "รอบรายงาน", 64, ALIGN_CENTER, 0 },
		{ "ต้องส่ง", 50, ALIGN_RIGHT, 0 }, { "ส่งแล้ว", 50, ALIGN_RIGHT, 0 },
		{ "ตรงเวลา", 50, ALIGN_RIGHT, 0 }, { "ล่าช้า", 46, ALIGN_RIGHT, 0 },
		{ "ไม่ส่ง", 46, ALIGN_RIGHT, 0 }, { "ผ่านการตรวจ", 64, ALIGN_RIGHT, 0 },
		{ "ความครบถ้วนของข้อมูล", 76, ALIGN_RIGHT, 0 },
	};
	struct report *r = o->r;
	struct layout_column c9[9];
	struct cells cells = { 0 };
	double on_time[4], late[4], missing[4];
	static const char *const rounds[] = { "3 เดือน", "6 เดือน", "9 เดือน", "12 เดือน" };
	const char *labels[4];
	size_t j;
	sqlite3_stmt *st = NULL;
	int rc, k;

	for (k = 0; k < 4; k++)
		on_time[k] = late[k] = missing[k] = NAN;
	if ((rc = report_query(r, r->months, &st,
			       "SELECT u.name, c.round, c.expected, c.received, c.on_time, c.late,"
			       " c.missing, c.accepted, c.values_expected, c.values_present, u.kind"
			       " FROM completeness c JOIN unit u ON u.code = c.unit_code"
			       " WHERE c.fiscal_year = ?2 AND c.round <= ?3"
			       " AND (c.unit_code = ?1 OR (u.parent = ?1 AND u.kind = 'network'))"
			       " ORDER BY u.kind = 'network', c.unit_code, c.round")))
		return rc;
	section_start(o, sec);
	memcpy(c9, cols, sizeof(cols));
	c9[0].width = layout_text_area(&r->l) - 446;
	body_text(o, r->n.networks
		  ? "จำนวนหน่วยงานที่ต้องส่งข้อมูลในแต่ละรอบ ส่งแล้ว ส่งตรงเวลา (ภายในกำหนดส่ง"
		    "ของรอบ) ส่งล่าช้า และไม่ส่ง แยกตามสำนักงานเขตพื้นที่และเครือข่ายสถานศึกษา"
		  : "จำนวนหน่วยงานที่ต้องส่งข้อมูลในแต่ละรอบ ส่งแล้ว ส่งตรงเวลา (ภายในกำหนดส่ง"
		    "ของรอบ) ส่งล่าช้า และไม่ส่ง ของสำนักงานเขตพื้นที่และสถานศึกษาในสังกัด");
	while (sqlite3_step(st) == SQLITE_ROW) {
		int m = sqlite3_column_int(st, 1), c;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_addf(&cells, "%d เดือน", m);
		for (c = 2; c <= 7; c++)
			cell_add(&cells, report_number(sqlite3_column_double(st, c), 0));
		percent_cell(&cells, sqlite3_column_double(st, 9), sqlite3_column_double(st, 8));
		for (j = 0; j < o->nr_rounds; j++)
			if (o->rounds[j] == m && !strcmp(db_column_text(st, 10), "office")) {
				on_time[j] = sqlite3_column_double(st, 4);
				late[j] = sqlite3_column_double(st, 5);
				missing[j] = sqlite3_column_double(st, 6);
			}
	}
	sqlite3_finalize(st);
	caption(o, 0, "ความครบถ้วนและความตรงเวลาของการรายงาน รายรอบ");
	layout_table(&r->l, c9, 9, cells.items, cells.nr / 9, o->table);
	cells_release(&cells);
	if (sec->chart) {
		struct chart_series s3[3] = { { "ส่งตรงเวลา", on_time }, { "ส่งล่าช้า", late },
					      { "ไม่ส่ง", missing } };
		struct chart ch;

		memset(&ch, 0, sizeof(ch));
		ch.kind = CHART_STACKED;
		for (j = 0; j < o->nr_rounds; j++)
			labels[j] = rounds[o->rounds[j] / 3 - 1];
		ch.labels = labels;
		ch.nr_labels = o->nr_rounds;
		ch.series = s3;
		ch.nr_series = 3;
		ch.axis_title = "จำนวนหน่วยงาน (สำนักงานเขตพื้นที่และโรงเรียน)";
		ch.reference = NAN;
		ch.height = 200;
		ch.size = o->table - 2;
		layout_space(&r->l, 10);
		chart_draw(&r->l, &ch);
		caption(o, 1, "หน่วยงานที่รายงานตรงเวลา ล่าช้า และยังไม่รายงาน รายรอบ");
	}
	return 0;
}

/* ---- appendices ----------------------------------------------------------- */

static int quality_section(struct office_report *o, const struct template_section *sec)
{
	static const struct layout_column code_cols[] = {
		{ "รหัสปัญหา", 90, ALIGN_LEFT, LAYOUT_CODES }, { "ระดับ", 80, ALIGN_LEFT, 0 },
		{ "รายละเอียด (ตัวอย่าง)", 0, ALIGN_LEFT, 0 }, { "จำนวน", 50, ALIGN_RIGHT, 0 },
		{ "หน่วยงาน", 56, ALIGN_RIGHT, 0 },
	};
	static const struct layout_column file_cols[] = {
		{ "ไฟล์", 0, ALIGN_LEFT, LAYOUT_CODES }, { "หน่วยงาน", 110, ALIGN_LEFT, LAYOUT_CODES },
		{ "รอบ", 40, ALIGN_RIGHT, 0 }, { "ปัญหาแรกที่พบ", 0, ALIGN_LEFT, 0 },
	};
	struct report *r = o->r;
	struct layout_column c5[5], c4[4];
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	size_t i;
	int rc;

	section_start(o, sec);
	memcpy(c5, code_cols, sizeof(c5));
	c5[2].width = layout_text_area(&r->l) - 276;
	memcpy(c4, file_cols, sizeof(c4));
	c4[0].width = (layout_text_area(&r->l) - 150) * 0.45f;
	c4[3].width = layout_text_area(&r->l) - 150 - c4[0].width;
	/* parts with nothing to show are left out; data with no problem say so once */
	if (!o->open_issues && !o->rejected && !r->nr_notes)
		body_text(o, "ไม่พบปัญหาในข้อมูลฉบับล่าสุดของแต่ละหน่วยงาน และไม่มีไฟล์ที่ไม่ผ่าน"
			     "การตรวจสอบ ทุกรอบจนถึงรอบของรายงาน");
	if (o->open_issues) {
		part_start(o, "ปัญหาที่ยังเปิดอยู่ แยกตามรหัสปัญหา", 4 * o->table * LAYOUT_LINE_HEIGHT,
			   0, 0);
		body_text(o, "ข้อผิดพลาดและคำเตือนของข้อมูลฉบับล่าสุดของแต่ละหน่วยงาน ทุกรอบจนถึง"
			     "รอบของรายงาน รายการทั้งหมดอยู่ในรายงานผลการตรวจสอบข้อมูลของแต่ละรอบ");
		if ((rc = report_query(r, r->months, &st, OPEN_ISSUES " ORDER BY i.severity, i.code")))
			return rc;
		while (sqlite3_step(st) == SQLITE_ROW) {
			cell_add(&cells, xstrdup(db_column_text(st, 0)));
			cell_add(&cells, xstrdup(!strcmp(db_column_text(st, 1), "error")
						 ? "ข้อผิดพลาด" : "คำเตือน"));
			cell_add(&cells, xstrdup(db_column_text(st, 2)));
			cell_add(&cells, report_number(sqlite3_column_double(st, 3), 0));
			cell_add(&cells, report_number(sqlite3_column_double(st, 4), 0));
		}
		sqlite3_finalize(st);
		layout_table(&r->l, c5, 5, cells.items, cells.nr / 5, o->table);
		cells_release(&cells);
		layout_space(&r->l, 8);
	}
	if (o->rejected) {
		part_start(o, "ไฟล์ที่ไม่ผ่านการตรวจสอบ", 4 * o->table * LAYOUT_LINE_HEIGHT, 0, 0);
		body_text(o, "ข้อมูลที่ไม่ผ่านการตรวจสอบ ซึ่งหน่วยงานยังไม่ได้ส่งข้อมูลที่ผ่านการตรวจสอบ"
			     "ของรอบเดียวกันมาแทน");
		if ((rc = report_query(r, r->months, &st, REJECTED_FILES
				       " ORDER BY s.round, f.path, s.unit_code")))
			return rc;
		while (sqlite3_step(st) == SQLITE_ROW) {
			cell_add(&cells, xstrdup(db_column_text(st, 0)));
			cell_add(&cells, xstrdup(db_column_text(st, 1)));
			cell_add(&cells, report_number(sqlite3_column_double(st, 2), 0));
			cell_add(&cells, xstrdup(db_column_text(st, 3)));
		}
		sqlite3_finalize(st);
		layout_table(&r->l, c4, 4, cells.items, cells.nr / 4, o->table);
		cells_release(&cells);
		layout_space(&r->l, 8);
	}
	/* what the template asks that the year's framework does not have */
	if (r->nr_notes) {
		part_start(o, "ข้อสังเกตเกี่ยวกับแม่แบบรายงาน", 3 * o->body * LAYOUT_LINE_HEIGHT, 0, 0);
		for (i = 0; i < r->nr_notes; i++)
			body_text(o, r->notes[i].th);
	}
	return 0;
}

static int sources_section(struct office_report *o, const struct template_section *sec)
{
	static const struct layout_column cols[] = {
		{ "รอบรายงาน", 0, ALIGN_LEFT, 0 }, { "ไฟล์", 56, ALIGN_RIGHT, 0 },
		{ "หน่วยงานที่ส่ง", 80, ALIGN_RIGHT, 0 }, { "ค่าที่รับไว้", 70, ALIGN_RIGHT, 0 },
		{ "ส่งครั้งแรก", 90, ALIGN_CENTER, 0 }, { "ส่งครั้งล่าสุด", 90, ALIGN_CENTER, 0 },
	};
	struct report *r = o->r;
	const struct report_counts *n = &r->n;
	struct layout_column c6[6];
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	int rc;

	section_start(o, sec);
	memcpy(c6, cols, sizeof(c6));
	c6[0].width = layout_text_area(&r->l) - 386;
	body_text(o, "ข้อมูลในรายงานนี้รวบรวมจากแบบรายงานที่สถานศึกษาและกลุ่มงานส่งเข้าระบบ"
		     " (ไฟล์ CSV, XLSX และแบบฟอร์ม XML) ตรวจสอบตามกรอบการติดตามของปีงบประมาณ"
		     " แล้วนำเฉพาะข้อมูลฉบับล่าสุดที่ผ่านการตรวจสอบมาประมวลผล");
	if ((rc = report_query(r, r->months, &st, OFFICE_TREE
			     "SELECT s.round, COUNT(DISTINCT s.file_id), COUNT(DISTINCT s.unit_code),"
			     " (SELECT COUNT(*) FROM value v JOIN submission s2 ON s2.id = v.submission_id"
			     "  JOIN tree t2 ON t2.code = s2.unit_code WHERE s2.fiscal_year = ?2"
			     "  AND s2.round = s.round AND s2.status = 'accepted'"
			     "  AND s2.superseded_by IS NULL),"
			     " MIN(s.submitted_on), MAX(s.submitted_on)"
			     " FROM submission s JOIN tree t ON t.code = s.unit_code"
			     " WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status <> 'held'"
			     " GROUP BY s.round"
			     " ORDER BY s.round")))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int c;

		cell_addf(&cells, "%d เดือน", sqlite3_column_int(st, 0));
		for (c = 1; c <= 3; c++)
			cell_add(&cells, report_number(sqlite3_column_double(st, c), 0));
		for (c = 4; c <= 5; c++) {
			struct tt_date d;
			struct strbuf sb;

			strbuf_init(&sb);
			if (!period_parse_date(db_column_text(st, c), &d))
				period_format_thai(&sb, &d, 0);
			else
				strbuf_addch(&sb, '-');
			cell_add(&cells, strbuf_detach(&sb));
		}
	}
	sqlite3_finalize(st);
	layout_space(&r->l, 4);
	layout_table(&r->l, c6, 6, cells.items, cells.nr / 6, o->table);
	cells_release(&cells);
	{
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addstr(&sb, "ทั้งหมด ");
		add_count(&sb, n->files);
		strbuf_addstr(&sb, " ไฟล์ จากหน่วยงานในสังกัด (โรงเรียน ");
		add_count(&sb, n->schools);
		strbuf_addstr(&sb, " โรง");
		if (n->networks) {
			strbuf_addstr(&sb, " เครือข่าย ");
			add_count(&sb, n->networks);
			strbuf_addstr(&sb, " เครือข่าย");
		}
		strbuf_addstr(&sb, ") รับไว้ ");
		add_count(&sb, n->submissions);
		strbuf_addstr(&sb, " ชุดข้อมูล ข้อมูล ณ วันที่ ");
		period_format_thai(&sb, &r->as_of, 1);
		layout_space(&r->l, 6);
		body_text(o, sb.buf);
		strbuf_release(&sb);
	}
	return 0;
}

/* ---- the report ------------------------------------------------------------- */

int report_office(struct report *r, const char *path, struct tt_error *err)
{
	struct office_report o;
	const struct template_section *contents = NULL;
	struct strbuf title;
	size_t i;
	int rc;

	memset(&o, 0, sizeof(o));
	o.r = r;
	o.body = r->tpl->font_size;
	o.table = o.body - 2;
	if ((rc = layout_open(&r->l, NULL, err)))
		return rc;
	r->l.thai_digits = r->tpl->thai_digits;
	report_page(r);
	strbuf_init(&title);
	if ((rc = load_statuses(&o)))
		goto out;
	load_counts(&o);
	report_check_template(r);
	plan_sections(&o);
	report_expand(r, r->tpl->title, &title);
	tt_strlcpy(r->title, title.buf, sizeof(r->title));
	layout_set_info(&r->l, r->title, r->office_name, r->as_of.year, r->as_of.month,
			r->as_of.day);
	xsnprintf(r->l.footer, sizeof(r->l.footer), "%s\n%s", r->title, r->office_name);
	if ((rc = report_round_header(r, r->months)))
		goto out;
	for (i = 0; !rc && i < r->tpl->nr_sections; i++) {
		const struct template_section *sec = &r->tpl->sections[i];

		if (!o.shown[i])
			continue;
		switch (sec->type) {
		case SECTION_COVER:
			rc = cover(&o);
			break;
		case SECTION_TEXT:
			rc = text_section(&o, sec);
			break;
		case SECTION_CONTENTS:
			contents = sec;
			contents_reserve(&o, sec);
			break;
		case SECTION_SUMMARY:
			rc = summary_section(&o, sec);
			break;
		case SECTION_AREAS:
			rc = areas_section(&o, sec);
			break;
		case SECTION_NETWORKS:
			rc = networks_section(&o, sec, &o.chosen[i]);
			break;
		case SECTION_BUDGET:
			rc = budget_section(&o, sec);
			break;
		case SECTION_COMPLETENESS:
			rc = completeness_section(&o, sec);
			break;
		case SECTION_QUALITY:
			rc = quality_section(&o, sec);
			break;
		case SECTION_SOURCES:
			rc = sources_section(&o, sec);
			break;
		case SECTION_SCHOOL:
			break;
		}
	}
	if (!rc && contents)
		contents_fill(&o, contents);
	if (!rc)
		rc = layout_save(&r->l, path, err);
out:
	for (i = 0; i < r->nr_toc; i++)
		free(r->toc[i].title);
	free(r->toc);
	r->toc = NULL;
	r->nr_toc = r->alloc_toc = 0;
	free(o.status);
	for (i = 0; o.chosen && i < r->tpl->nr_sections; i++) {
		free(o.chosen[i].inds);
		free(o.chosen[i].ranked);
	}
	free(o.area_shown);
	free(o.chosen);
	free(o.shown);
	free(r->parts);
	r->parts = NULL;
	layout_close(&r->l);
	strbuf_release(&title);
	return rc;
}

/*
 * What an office report prints comes from these rows (?2 the year, ?3 the
 * report's round): the framework is hashed once per office, see
 * report.c.  Submissions come with their dates, status and files; values
 * only where they are text (narratives), since numbers reach the report
 * through the results.
 */
static const char *const office_inputs[] = {
	"SELECT * FROM approved_round WHERE fiscal_year = ?2 AND round = ?3",
	"SELECT code, name, kind, parent FROM unit ORDER BY code",
	"SELECT * FROM result WHERE fiscal_year = ?2 AND round <= ?3"
	" ORDER BY round, unit_code, indicator",
	"SELECT * FROM completeness WHERE fiscal_year = ?2 AND round <= ?3"
	" ORDER BY round, unit_code",
	"SELECT p.*" CURRENT_PROJECTS " ORDER BY p.code",
	"SELECT s.id, s.unit_code, s.round, s.submitted_on, s.status, s.superseded_by, f.path,"
	" f.sha256 FROM submission s JOIN file f ON f.id = s.file_id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY s.id",
	"SELECT n.submission_id, n.indicator, n.field, n.text FROM narrative n"
	" JOIN submission s ON s.id = n.submission_id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY n.id",
	"SELECT v.submission_id, v.indicator, v.value FROM value v"
	" JOIN submission s ON s.id = v.submission_id WHERE s.fiscal_year = ?2"
	" AND s.round <= ?3 AND v.number IS NULL AND v.value <> '' ORDER BY v.id",
	"SELECT i.submission_id, i.code, i.severity, i.message_th FROM issue i"
	" JOIN submission s ON s.id = i.submission_id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY i.id",
	"SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status = 'accepted'"
	" AND s.superseded_by IS NULL",
};

int report_office_inputs(struct report *r, char hex[SHA256_DIGEST_STRING_LENGTH])
{
	SHA2_CTX ctx;
	size_t i;
	int rc;

	inputs_begin(&ctx, r->tpl->kind == TEMPLATE_ANNUAL ? "annual" : "progress");
	inputs_add(&ctx, r->tpl->sha256);
	inputs_add(&ctx, r->framework_hash);
	inputs_add(&ctx, r->office_code);
	inputs_add_int(&ctx, r->months);
	inputs_add_int(&ctx, r->tpl->thai_digits);
	inputs_add_int(&ctx, r->as_of.year * 10000 + r->as_of.month * 100 + r->as_of.day);
	for (i = 0; i < sizeof(office_inputs) / sizeof(office_inputs[0]); i++)
		if ((rc = inputs_add_query(&ctx, r, r->months, office_inputs[i])))
			return rc;
	inputs_end(&ctx, hex);
	return 0;
}
