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
struct said_row;

/* The office's projects, of the newest stored version of each projects file. */
#define CURRENT_PROJECTS \
	" FROM project p JOIN file f ON f.id = p.file_id WHERE p.office = ?1 AND p.fiscal_year = ?2" \
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
#define OPEN_ISSUES_BY_CODE_SQL OPEN_ISSUES " ORDER BY i.severity, i.code"
#define REJECTED_FILES \
	OFFICE_TREE "SELECT f.path, s.unit_code, s.round, (SELECT i.message_th FROM issue i" \
	"  WHERE i.submission_id = s.id AND i.severity = 'error'" \
	"  ORDER BY i.row, i.id LIMIT 1)" \
	" FROM tree t CROSS JOIN submission s ON s.unit_code = t.code" \
	" JOIN file f ON f.id = s.file_id WHERE s.fiscal_year = ?2" \
	" AND s.round <= ?3 AND s.superseded_by IS NULL AND s.status = 'rejected'" \
	" AND NOT" REJECTION_CLOSED
#define REJECTED_COUNT_SQL "SELECT COUNT(*) FROM (" REJECTED_FILES ")"
#define REJECTED_LIST_SQL REJECTED_FILES " ORDER BY s.round, f.path, s.unit_code"

/* The indicators a section shows (networks), as resolved for the framework. */
struct chosen {
	const struct indicator **inds;
	size_t nr;
	long *ranked;              /* [i]: schools with a result to rank, at the
				      latest round with an office result */
};

/* A text units sent as an indicator's result, and how many sent it (reported_load()). */
struct reported {
	char *indicator;
	char *text;
	long units;
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
	struct said_row *said;     /* problems and suggestions sent (said_load()) */
	size_t nr_said;
	struct reported *reported; /* results sent as text (reported_load()) */
	size_t nr_reported;
	int reported_loaded;
	int synthesis_parts;       /* the synthesis section's parts with something */
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

/* A policy-areas section showing a dimension the framework does not declare. */
static void dimension_note(struct report *r, const struct template_section *sec)
{
	struct report_note *n;
	struct strbuf th, en;

	strbuf_init(&th);
	strbuf_init(&en);
	strbuf_addf(&en, "%s:%ld: warning: <policy-areas> shows dimension '%s', which the"
		    " framework of %d does not declare; the section is left out", r->tpl->name,
		    sec->line, sec->dimension, r->fw->fiscal_year);
	strbuf_addf(&th, "แม่แบบรายงาน %s บรรทัด %ld ระบุมิติ %s ซึ่งไม่มีในกรอบการติดตาม"
		    "ของปีงบประมาณนี้ จึงไม่แสดงส่วนนี้", r->tpl->name, sec->line, sec->dimension);
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
		const struct template_section *sec = &r->tpl->sections[i];
		struct chosen c;

		if (sec->type == SECTION_AREAS && sec->dimension &&
		    framework_dimension(r->fw, sec->dimension) == DIMENSION_POLICY)
			dimension_note(r, sec);
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
		/* a bare number: the text says ร้อยละ before it */
		if (n->with_result)
			thai_format_number(out, 100.0 * n->achieved / n->with_result,
					   t->percent_decimals, 0);
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
			thai_format_number(out, 100.0 * n->on_time / n->expected,
					   t->percent_decimals, 0);
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

/* The office's schools, networks, files, and accepted submissions. */
#define OFFICE_SCHOOLS_SQL \
	OFFICE_TREE "SELECT COUNT(*) FROM unit u" \
	" JOIN tree t ON t.code = u.code WHERE u.kind = 'school'"
#define OFFICE_NETWORKS_SQL \
	OFFICE_TREE "SELECT COUNT(*) FROM unit u" \
	" JOIN tree t ON t.code = u.code WHERE u.kind = 'network'"
#define OFFICE_FILES_SQL \
	OFFICE_TREE "SELECT COUNT(DISTINCT s.file_id)" \
	" FROM submission s JOIN tree t ON t.code = s.unit_code" \
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status <> 'held'"
#define OFFICE_SUBMISSIONS_SQL \
	OFFICE_TREE "SELECT COUNT(*) FROM submission s" \
	" JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2" \
	" AND s.round <= ?3 AND s.status = 'accepted'"

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
	n->schools = report_count(r, r->months, OFFICE_SCHOOLS_SQL);
	n->networks = report_count(r, r->months, OFFICE_NETWORKS_SQL);
	n->files = report_count(r, r->months, OFFICE_FILES_SQL);
	n->submissions = report_count(r, r->months, OFFICE_SUBMISSIONS_SQL);
	n->expected = report_count(r, r->months, "SELECT expected FROM completeness"
				   " WHERE unit_code = ?1 AND fiscal_year = ?2 AND round = ?3");
	n->on_time = report_count(r, r->months, "SELECT on_time FROM completeness"
				  " WHERE unit_code = ?1 AND fiscal_year = ?2 AND round = ?3");
}

/* The problems and suggestions the office's units sent. */
#define OFFICE_NARRATIVES_SQL \
	OFFICE_TREE "SELECT COUNT(*) FROM narrative n" \
	" JOIN submission s ON s.id = n.submission_id" \
	" JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2" \
	" AND s.round <= ?3 AND s.status = 'accepted'" \
	" AND n.field IN ('problems', 'suggestions')"

/*
 * {parts}: the parts the report holds, as the foreword lists them
 * ("ผลการดำเนินงานรายด้าน ผลรายเครือข่ายสถานศึกษา ... ตลอดจนปัญหาอุปสรรคและ
 * ข้อเสนอแนะจากสถานศึกษา"), only those it has.
 */
static size_t section_dimension(const struct framework *fw, const struct template_section *sec,
				int *known);
static int dimension_printed(const struct office_report *o, size_t d);

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
		case SECTION_AREAS: {
			int known;
			size_t d = section_dimension(r->fw, &t->sections[i], &known);

			name = d == DIMENSION_POLICY ? "ผลการดำเนินงานรายด้าน"
						     : r->fw->dimensions[d].title;
			narratives |= t->sections[i].narratives;
			break;
		}
		case SECTION_DIMENSIONS: {
			size_t d;

			for (d = 0; d < r->fw->nr_dimensions; d++)
				if (dimension_printed(o, d))
					strbuf_addf(&sb, "%s%s", sb.len ? " " : "",
						    r->fw->dimensions[d].title);
			narratives |= t->sections[i].narratives;
			break;
		}
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
	if (narratives && report_count(r, r->months, OFFICE_NARRATIVES_SQL))
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
#define RANKED_COUNT_SQL "SELECT COUNT(*) FROM (" RANKED_SCHOOLS ")"
/* the best first (?5: when higher is better) */
#define RANKED_ORDER_SQL \
	RANKED_SCHOOLS " ORDER BY CASE WHEN ?5 THEN r.to_date ELSE -r.to_date END DESC, u.code"

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
	if (db_prepare(r->db, &st, RANKED_COUNT_SQL, NULL))
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

/* The dimension a policy-areas section shows (DIMENSION_POLICY also when unknown). */
static size_t section_dimension(const struct framework *fw, const struct template_section *sec,
				int *known)
{
	size_t d = framework_dimension(fw, sec->dimension);

	*known = !sec->dimension || d != DIMENSION_POLICY;
	return d;
}

/* How many policy areas of dimension dim the report shows. */
static size_t dimension_areas(const struct office_report *o, size_t dim)
{
	const struct framework *fw = o->r->fw;
	size_t a, n = 0;

	for (a = 0; a < fw->nr_areas; a++)
		n += o->area_shown[a] && fw->areas[a].dimension == dim;
	return n;
}

/*
 * 1 if <dimensions/> prints dimension d: it has areas to show and no
 * policy-areas section of the template shows it.
 */
static int dimension_printed(const struct office_report *o, size_t d)
{
	const struct report_template *t = o->r->tpl;
	size_t i;

	for (i = 0; i < t->nr_sections; i++)
		if (t->sections[i].type == SECTION_AREAS && t->sections[i].dimension &&
		    !strcmp(t->sections[i].dimension, o->r->fw->dimensions[d].code))
			return 0;
	return dimension_areas(o, d) > 0;
}

static int synthesis_parts(const struct office_report *o);

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
	size_t i, k;

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
	o->synthesis_parts = synthesis_parts(o);
	o->open_issues = report_count(r, r->months, OPEN_ISSUES_COUNT);
	o->rejected = report_count(r, r->months, REJECTED_COUNT_SQL);
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
		case SECTION_AREAS: {
			int known;
			size_t d = section_dimension(fw, sec, &known);

			o->shown[i] = known && dimension_areas(o, d) > 0;
			break;
		}
		case SECTION_DIMENSIONS:
			o->shown[i] = 0;
			for (k = 0; k < fw->nr_dimensions; k++)
				o->shown[i] |= dimension_printed(o, k);
			break;
		case SECTION_SYNTHESIS:
			o->shown[i] = o->synthesis_parts > 0;
			break;
		case SECTION_COMPLETENESS:
			o->shown[i] = report_count(r, r->months, "SELECT COUNT(*) FROM completeness"
						   " WHERE unit_code = ?1 AND fiscal_year = ?2"
						   " AND round <= ?3") > 0;
			break;
		case SECTION_SCHOOL:
			o->shown[i] = 0;
			break;
		case SECTION_PROFILE_BASICS:
		case SECTION_PROFILE_DIRECTION:
		case SECTION_PROFILE_SYNTHESIS:
		case SECTION_PROFILE_APPENDIX:
			o->shown[i] = report_profile_parts(r, sec) > 0;
			break;
		case SECTION_PRACTICES:
			o->shown[i] = report_practices_count(r) > 0;
			break;
		case SECTION_PHOTOS:
			o->shown[i] = report_photos_extra(r) > 0;
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
static void section_open(struct office_report *o, const char *heading, int landscape)
{
	struct report *r = o->r;
	struct strbuf title;

	strbuf_init(&title);
	report_expand(o->r, heading, &title);
	layout_new_page(&r->l, landscape);
	toc_note(r, title.buf, 0);
	main_heading(o, title.buf, 3 * o->body * LAYOUT_LINE_HEIGHT);
	layout_space(&r->l, 4);
	strbuf_release(&title);
}

void section_start(struct office_report *o, const struct template_section *sec)
{
	section_open(o, sec->title ? sec->title : "", sec->landscape);
}

/* A part of a section: a heading kept with `keep` points, and an entry. */
void part_start(struct office_report *o, const char *title, float keep, int new_page,
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

void body_text(struct office_report *o, const char *text)
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
		if (t == SECTION_AREAS) {
			int known;

			n += dimension_areas(o, section_dimension(r->fw, &r->tpl->sections[i],
								  &known));
		}
		/* a section per dimension printed, a line per area */
		for (k = 0; t == SECTION_DIMENSIONS && k < r->fw->nr_dimensions; k++)
			if (dimension_printed(o, k))
				n += 1 + dimension_areas(o, k);
		if (t == SECTION_DIMENSIONS)
			n--;
		if (t == SECTION_SYNTHESIS)
			n += (size_t)o->synthesis_parts;
		n += (size_t)report_profile_parts(r, &r->tpl->sections[i]);
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
	/*
	 * As contents_fill() sets them: the first page under its heading (a
	 * line at body + 4 and half a line of space), the pages after it whole
	 */
	{
		const struct layout *l = &r->l;
		float room = l->height - 2 * l->margin - (o->body + 4) * LAYOUT_LINE_HEIGHT -
			     o->body * 0.5f;

		per_page = room > TOC_LINE(o) ? (size_t)(room / TOC_LINE(o)) : 1;
	}
	o->toc_pages = 1;
	if (lines > per_page) {
		const struct layout *l = &r->l;
		size_t more = (size_t)((l->height - 2 * l->margin) / TOC_LINE(o));

		if (more < 1)
			more = 1;
		o->toc_pages += (int)((lines - per_page + more - 1) / more);
	}
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
	/*
	 * a line kept whole ends two sizes short of its number; wrapped, the
	 * first line starts two further left and the rest are indented by two:
	 * every line ends a size short of it, for the leader
	 */
	n = layout_wrap(l, face, o->body, right - x - nw - o->body * (wrap ? 3 : 2),
			wrap ? -o->body * 2 : 0, text, &lines);
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
		[COLUMN_UNIT] = { "หน่วยนับ", 54, ALIGN_CENTER, 0 },
		[COLUMN_TARGET] = { "เป้าหมาย", 60, ALIGN_RIGHT, 0 },
		[COLUMN_3M] = { "3 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_6M] = { "6 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_9M] = { "9 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_12M] = { "12 เดือน", 54, ALIGN_RIGHT, 0 },
		[COLUMN_PERCENT] = { "ร้อยละของเป้าหมาย", 80, ALIGN_RIGHT, 0 },
		[COLUMN_STATUS] = { "ผลการประเมิน", 74, ALIGN_LEFT, LAYOUT_MARKS },
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

/* 1 if ind's target is a ceiling: lower is better, and the table says so in words. */
static int is_ceiling(const struct indicator *ind)
{
	return ind->direction == DIRECTION_LOWER && ind->has_target && ind->type != VALUE_TEXT;
}

/*
 * The percent-of-target cell: the result as a percentage of the target;
 * for a ceiling (lower is better), whether the result is over it, with
 * the result and the ceiling ("เกินเพดาน (๕๑๒/๒๐)"), since a percentage
 * of a ceiling reads as nothing.
 */
static char *percent_of_target(const struct indicator *ind, const struct status *s, int pd)
{
	struct strbuf sb;

	if (!s->has_result || (isnan(s->percent) && !is_ceiling(ind)))
		return xstrdup("-");
	strbuf_init(&sb);
	if (is_ceiling(ind)) {
		strbuf_addstr(&sb, s->value > ind->target ? "เกินเพดาน (" : "ไม่เกินเพดาน (");
		thai_format_number(&sb, s->value, report_value_decimals_at(ind, s->value, pd), 0);
		strbuf_addch(&sb, '/');
		thai_format_number(&sb, ind->target, report_target_decimals(ind), 0);
		strbuf_addch(&sb, ')');
	} else {
		thai_format_number(&sb, s->percent, pd, 0);
	}
	return strbuf_detach(&sb);
}

static void indicator_row(const struct office_report *o, const struct indicator *ind,
			  const struct status *s, const enum template_column *which, size_t n,
			  struct cells *cells)
{
	int pd = o->r->tpl->percent_decimals;
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
						 report_value_decimals_at(ind, s->round_value[k], pd))
				 : xstrdup(ind->type == VALUE_TEXT ? "" : "-"));
			break;
		case COLUMN_PERCENT:
			cell_add(cells, percent_of_target(ind, s, pd));
			break;
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

/* An indicator's label on a chart: its short name, else a short form of its name. */
static char *indicator_label(struct report *r, const struct indicator *ind)
{
	return ind->short_name ? xstrdup(ind->short_name)
	       : chart_short_label(r->l.breaker, ind->name, 30);
}

/*
 * Result against target, as % of target so that every unit fits one axis;
 * the target the dashed line at 100.  A ceiling's bar is its result as %
 * of the ceiling: over the line is over the ceiling.  Bars over 200 % are
 * cut there and labelled with their percentage.
 */
static void area_chart(struct office_report *o, size_t area)
{
	const struct framework *fw = o->r->fw;
	char **labels = xcalloc(fw->nr_indicators, sizeof(*labels));
	double *result = xcalloc(fw->nr_indicators, sizeof(double));
	struct chart_series series[1] = { { "ผลการดำเนินงาน (ร้อยละของเป้าหมาย)", result } };
	struct chart c;
	size_t i, n = 0, ceilings = 0, capped = 0;

	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const struct status *s = &o->status[i];

		if (ind->policy_area != area || !ind->has_target || ind->type == VALUE_TEXT)
			continue;
		labels[n] = indicator_label(o->r, ind);
		if (is_ceiling(ind)) {
			result[n] = s->has_result && ind->target > 0 ? 100.0 * s->value / ind->target
				    : NAN;
			ceilings += !isnan(result[n]);
		} else {
			result[n] = s->percent;
		}
		capped += !isnan(result[n]) && result[n] > 200;
		n++;
	}
	if (n) {
		struct layout_style st;
		struct strbuf sb;

		/* what the chart's bars mean, above it, so that it stays with it */
		strbuf_init(&sb);
		strbuf_addstr(&sb, "แผนภูมิแสดงผลการดำเนินงานเป็นร้อยละของเป้าหมาย เส้นประคือเป้าหมาย");
		if (ceilings)
			strbuf_addstr(&sb, " ตัวชี้วัดที่ค่ายิ่งต่ำยิ่งดีแสดงผลเป็นร้อยละของเพดาน"
				      " แท่งที่สูงเกินเส้นเป้าหมายคือผลเกินเพดาน");
		if (capped)
			strbuf_addstr(&sb, " แท่งที่เกิน 200 ตัดไว้ที่ 200 และระบุค่าจริงไว้เหนือแท่ง");
		memset(&st, 0, sizeof(st));
		st.size = o->table;
		st.align = ALIGN_LEFT;
		st.keep = 240;
		layout_space(&o->r->l, 8);
		layout_para(&o->r->l, &st, sb.buf);
		strbuf_release(&sb);
		memset(&c, 0, sizeof(c));
		c.kind = CHART_BARS;
		c.labels = (const char *const *)labels;
		c.nr_labels = n;
		c.series = series;
		c.nr_series = 1;
		c.axis_title = "ร้อยละของเป้าหมาย";
		c.reference = 100;
		c.reference_name = "เป้าหมาย";
		/* capped so that one far-over indicator does not flatten the rest */
		c.cap = 200;
		c.height = 260;
		c.size = o->table;
		chart_draw(&o->r->l, &c);
		caption(o, 1, "ผลการดำเนินงานเทียบกับเป้าหมาย %s", fw->areas[area].name);
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(result);
}

/* ---- what the units wrote, gathered ------------------------------------------ */

/*
 * A problem or suggestion sent: of an indicator (or of none), by a unit, in
 * the latest round up to the report's in which that indicator has any.
 */
struct said_row {
	const struct indicator *ind; /* NULL: of no indicator the framework has */
	int suggestion;              /* 0 a problem, 1 a suggestion */
	char *text;
	char *key;                   /* near-equal texts share it (said_key()) */
	char *unit;
	int school;                  /* the unit is a school */
};

/* A text as gathered: near-equal ones once, with how many units wrote it. */
struct said {
	const char *text;            /* the first of the near-equal texts, in
					byte order; borrowed from a said_row */
	long units;
};

/*
 * The key under which near-equal texts are one: without spaces, zero-width
 * characters, quotation marks and ASCII punctuation; ASCII in lower case.
 */
static char *said_key(const char *text)
{
	static const char skip[] = " \t\r\n.,;:!?\"'()-/";
	const unsigned char *p = (const unsigned char *)text;
	struct strbuf sb;

	strbuf_init(&sb);
	while (*p) {
		if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0x8B || p[2] == 0x8C || p[2] == 0x8D || p[2] == 0x9C || p[2] == 0x9D)) {
			p += 3;
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {
			p += 2;
		} else if (*p < 0x80 && strchr(skip, *p)) {
			p++;
		} else {
			strbuf_addch(&sb, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : (char)*p);
			p++;
		}
	}
	return strbuf_detach(&sb);
}

#define SAID_SQL \
	OFFICE_TREE \
	"SELECT indicator, field, text, unit_code, kind FROM (" \
	" SELECT n.indicator, n.field, trim(n.text) AS text, s.unit_code," \
	"  u.kind, s.round, MAX(s.round) OVER (PARTITION BY n.indicator) AS latest" \
	" FROM narrative n JOIN submission s ON s.id = n.submission_id" \
	" JOIN tree t ON t.code = s.unit_code JOIN unit u ON u.code = s.unit_code" \
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status = 'accepted'" \
	" AND s.superseded_by IS NULL AND n.field IN ('problems', 'suggestions')" \
	" AND trim(n.text) <> '')" \
	" WHERE round = latest ORDER BY indicator, field, text, unit_code"

/* The problems and suggestions the office's units sent, in one query. */
static int said_load(struct office_report *o)
{
	struct report *r = o->r;
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	if ((rc = report_query(r, r->months, &st, SAID_SQL)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct said_row *w;

		xgrow(&o->said, &alloc, o->nr_said + 1, sizeof(*o->said));
		w = &o->said[o->nr_said++];
		w->ind = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL
			 : framework_indicator(r->fw, db_column_text(st, 0));
		w->suggestion = !strcmp(db_column_text(st, 1), "suggestions");
		w->text = xstrdup(db_column_text(st, 2));
		w->key = said_key(w->text);
		w->unit = xstrdup(db_column_text(st, 3));
		w->school = !strcmp(db_column_text(st, 4), "school");
	}
	sqlite3_finalize(st);
	return 0;
}

static void said_release(struct office_report *o)
{
	size_t i;

	for (i = 0; i < o->nr_said; i++) {
		free(o->said[i].text);
		free(o->said[i].key);
		free(o->said[i].unit);
	}
	free(o->said);
}

static int cmp_said_key(const void *a, const void *b)
{
	const struct said_row *x = *(const struct said_row *const *)a;
	const struct said_row *y = *(const struct said_row *const *)b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->unit, y->unit);
}

static int cmp_said_unit(const void *a, const void *b)
{
	const struct said_row *x = *(const struct said_row *const *)a;
	const struct said_row *y = *(const struct said_row *const *)b;

	return strcmp(x->unit, y->unit);
}

static int cmp_said(const void *a, const void *b)
{
	const struct said *x = a, *y = b;

	if (x->units != y->units)
		return x->units < y->units ? 1 : -1;
	return strcmp(x->text, y->text);
}

/* What said_gather() found. */
struct said_list {
	struct said *items;        /* most frequent first */
	size_t nr;
	long units;                /* units that wrote any */
	int schools;               /* all of them schools */
};

/*
 * The problems (suggestion 0) or suggestions of the indicators of `area`
 * (SIZE_MAX: of the whole report), near-equal texts once with how many
 * units wrote them, most frequent first.  Released with free(out->items).
 */
static void said_gather(const struct office_report *o, int suggestion, size_t area,
			struct said_list *out)
{
	const struct said_row **rows = xcalloc(o->nr_said + 1, sizeof(*rows));
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	out->items = xcalloc(o->nr_said + 1, sizeof(*out->items));
	out->schools = 1;
	for (i = 0; i < o->nr_said; i++) {
		const struct said_row *w = &o->said[i];

		if (w->suggestion != suggestion ||
		    (area != SIZE_MAX && (!w->ind || w->ind->policy_area != area)))
			continue;
		rows[n++] = w;
		out->schools &= w->school;
	}
	qsort(rows, n, sizeof(*rows), cmp_said_key);
	for (i = 0; i < n; i++) {
		struct said *s;

		if (i == 0 || strcmp(rows[i]->key, rows[i - 1]->key)) {
			s = &out->items[out->nr++];
			s->text = rows[i]->text;
			s->units = 0;
		}
		s = &out->items[out->nr - 1];
		if (strcmp(rows[i]->text, s->text) < 0)
			s->text = rows[i]->text;
		s->units += i == 0 || strcmp(rows[i]->key, rows[i - 1]->key) ||
			    strcmp(rows[i]->unit, rows[i - 1]->unit);
	}
	qsort(out->items, out->nr, sizeof(*out->items), cmp_said);
	qsort(rows, n, sizeof(*rows), cmp_said_unit);
	for (i = 0; i < n; i++)
		out->units += i == 0 || strcmp(rows[i]->unit, rows[i - 1]->unit);
	free(rows);
}

/* A list item: the mark hangs left of the text, whose lines all start at x. */
static void bullet(struct office_report *o, float x, const char *text)
{
	struct layout *l = &o->r->l;
	struct layout_style st;
	float lh = o->body * LAYOUT_LINE_HEIGHT;

	memset(&st, 0, sizeof(st));
	st.size = o->body;
	st.align = ALIGN_LEFT;
	layout_need(l, lh);
	layout_text_at(l, layout_left(l) + x - o->body * 0.8f, l->y + lh - o->body * 0.38f,
		       FACE_REGULAR, o->body, "•");
	layout_set_column(l, x, 0);
	layout_para(l, &st, text);
	layout_set_column(l, 0, 0);
}

/* A heading inside a part: bold italic, kept with a line of what follows. */
static void sub_heading(struct office_report *o, const char *text)
{
	struct layout_style st;

	memset(&st, 0, sizeof(st));
	st.face = FACE_BOLD_ITALIC;
	st.size = o->body;
	st.space_before = o->body * 0.3f;
	st.keep = 2 * o->body * LAYOUT_LINE_HEIGHT;
	layout_set_column(&o->r->l, o->body, 0);
	layout_para(&o->r->l, &st, text);
	layout_set_column(&o->r->l, 0, 0);
}

/*
 * A gathered list under its heading: at most `max` texts, each with how
 * many units wrote it when more than one did, and how many are left out.
 */
static void said_print(struct office_report *o, const char *what, const struct said_list *list,
		       size_t max)
{
	const char *who = list->schools ? "โรงเรียน" : "หน่วยงาน";
	struct strbuf sb;
	size_t i;

	if (!list->nr)
		return;
	strbuf_init(&sb);
	strbuf_addstr(&sb, what);
	if (list->units > 1)
		strbuf_addf(&sb, " (รวบรวมจาก %ld %s)", list->units, who);
	sub_heading(o, sb.buf);
	for (i = 0; i < list->nr && i < max; i++) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, list->items[i].text);
		if (list->items[i].units > 1)
			strbuf_addf(&sb, " (%ld %s)", list->items[i].units, who);
		bullet(o, o->body * 3, sb.buf);
	}
	if (list->nr > max) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "และเรื่องอื่นอีก %zu เรื่อง ที่รายงานโดยหน่วยงานจำนวนน้อยกว่า",
			    list->nr - max);
		bullet(o, o->body * 3, sb.buf);
	}
	strbuf_release(&sb);
}

/* ---- figures put in words ------------------------------------------------------ */

/* "ร้อยละ 62.5": part of whole, one decimal unless it is whole. */
static void share(struct strbuf *sb, double part, double whole)
{
	double p = whole > 0 ? 100.0 * part / whole : 0;

	strbuf_addstr(sb, "ร้อยละ ");
	thai_format_number(sb, p, fabs(p - floor(p + 0.5)) < 0.05 ? 0 : 1, 0);
}

/* A value (or the target) with its unit, in the order Thai says it. */
static void amount(struct strbuf *sb, const struct indicator *ind, double v, int target)
{
	char *num = report_number(v, target ? report_target_decimals(ind)
					   : report_value_decimals(ind, v));

	if (!strcmp(ind->unit, "ร้อยละ") || !strcmp(ind->unit, "ระดับ"))
		strbuf_addf(sb, "%s %s", ind->unit, num);
	else if (!*ind->unit || !strcmp(ind->unit, "-"))
		strbuf_addstr(sb, num);
	else
		strbuf_addf(sb, "%s %s", num, ind->unit);
	free(num);
}

/* " ได้ 494 ครั้ง (เป้าหมาย 50 ครั้ง)": a result against its target, or its ceiling. */
static void against_target(struct strbuf *sb, const struct indicator *ind, double v)
{
	strbuf_addstr(sb, " ได้ ");
	amount(sb, ind, v, 0);
	strbuf_addstr(sb, ind->direction == DIRECTION_LOWER ? " (เป้าหมายไม่เกิน " : " (เป้าหมาย ");
	amount(sb, ind, ind->target, 1);
	strbuf_addch(sb, ')');
}

/* The indicators of an area with a target: how many, with a result, achieved. */
static void area_counts(const struct office_report *o, size_t area, int *inds, int *with,
			int *met)
{
	const struct framework *fw = o->r->fw;
	size_t i;

	*inds = *with = *met = 0;
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct status *s = &o->status[i];

		if (fw->indicators[i].policy_area != area || !fw->indicators[i].has_target)
			continue;
		(*inds)++;
		if (s->has_result && s->achieved >= 0) {
			(*with)++;
			*met += s->achieved;
		}
	}
}

/* An indicator ranked: its index, the figure it is ranked by, rounds compared. */
struct ranked {
	size_t i;
	double key;
	int from, to;              /* round indexes (months/3 - 1) compared */
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The indicators of `area` (SIZE_MAX: all) with a target and a result,
 * achieved or not as `achieved`, by % of target: lowest first.
 */
static size_t rank_by_percent(const struct office_report *o, size_t area, int achieved,
			      struct ranked **out)
{
	const struct framework *fw = o->r->fw;
	size_t i, n = 0;

	*out = xcalloc(fw->nr_indicators + 1, sizeof(**out));
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct status *s = &o->status[i];

		if ((area != SIZE_MAX && fw->indicators[i].policy_area != area) ||
		    !fw->indicators[i].has_target || !s->has_result || s->achieved != achieved ||
		    isnan(s->percent))
			continue;
		(*out)[n].i = i;
		(*out)[n++].key = s->percent;
	}
	qsort(*out, n, sizeof(**out), cmp_ranked);
	return n;
}

/*
 * The indicators that improved most between the two latest rounds with a
 * result up to the report's (in % of target; running totals left out, they
 * grow by themselves), most improved first.
 */
static size_t rank_improved(const struct office_report *o, struct ranked **out)
{
	const struct framework *fw = o->r->fw;
	size_t i, n = 0;
	int k, to, from;

	*out = xcalloc(fw->nr_indicators + 1, sizeof(**out));
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct status *s = &o->status[i];

		if (!fw->indicators[i].has_target || fw->indicators[i].cumulative ||
		    fw->indicators[i].type == VALUE_TEXT)
			continue;
		for (to = -1, k = o->r->months / 3 - 1; k >= 0 && to < 0; k--)
			if (!isnan(s->round_percent[k]))
				to = k;
		for (from = -1, k = to - 1; k >= 0 && from < 0; k--)
			if (!isnan(s->round_percent[k]))
				from = k;
		if (from < 0 || s->round_percent[to] - s->round_percent[from] < 0.5)
			continue;
		(*out)[n].i = i;
		(*out)[n].from = from;
		(*out)[n].to = to;
		(*out)[n++].key = s->round_percent[from] - s->round_percent[to];
	}
	qsort(*out, n, sizeof(**out), cmp_ranked);
	return n;
}

/* "ด้านที่ 2 ด้านโอกาส..." for the OBEC policy, the area's name in another dimension. */
static void area_label(const struct office_report *o, size_t area, struct strbuf *sb)
{
	const struct framework *fw = o->r->fw;
	size_t a, k = 0;

	if (fw->areas[area].dimension != DIMENSION_POLICY) {
		strbuf_addstr(sb, fw->areas[area].name);
		return;
	}
	for (a = 0; a <= area; a++)
		k += fw->areas[a].dimension == DIMENSION_POLICY;
	strbuf_addf(sb, "ด้านที่ %zu %s", k, fw->areas[area].name);
}

/* The achievement of an area in a sentence, with its best results. */
static void area_achievement(struct office_report *o, size_t area, struct strbuf *sb)
{
	const struct framework *fw = o->r->fw;
	struct ranked *best;
	size_t n, k;
	int inds, with, met;

	area_counts(o, area, &inds, &with, &met);
	if (!inds) {
		strbuf_addstr(sb, "มีเฉพาะตัวชี้วัดเชิงคุณภาพ ซึ่งไม่กำหนดเป้าหมาย");
		return;
	}
	if (!with) {
		strbuf_addf(sb, "ตัวชี้วัดที่มีเป้าหมาย %d ตัว ยังไม่มีผลการดำเนินงาน", inds);
		return;
	}
	strbuf_addf(sb, "บรรลุเป้าหมาย %d จาก %d ตัวชี้วัดที่มีผลการดำเนินงาน (", met, with);
	share(sb, met, with);
	strbuf_addch(sb, ')');
	if (inds > with)
		strbuf_addf(sb, " ยังไม่มีผลอีก %d ตัว", inds - with);
	n = rank_by_percent(o, area, 1, &best);
	for (k = 0; k < n && k < 2; k++) {
		const struct indicator *ind = &fw->indicators[best[n - 1 - k].i];

		strbuf_addf(sb, "%s%s", k ? " และ" : " ผลเด่น ได้แก่ ", ind->name);
		against_target(sb, ind, o->status[best[n - 1 - k].i].value);
	}
	free(best);
}

/* ?4 the text indicators (",CODE,"): reported_load() */
#define REPORTED_SQL \
	OFFICE_TREE \
	", current AS (SELECT s.id, s.round FROM submission s" \
	"  JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2" \
	"  AND s.round <= ?3 AND s.status = 'accepted' AND s.superseded_by IS NULL)," \
	" texts AS (SELECT n.indicator, c.round, n.field, n.text FROM narrative n" \
	"  JOIN current c ON c.id = n.submission_id" \
	"  UNION ALL SELECT v.indicator, c.round, 'result', v.value FROM value v" \
	"  JOIN current c ON c.id = v.submission_id WHERE ?4 <> ','" \
	"  AND instr(?4, ',' || v.indicator || ',') > 0" \
	"  AND v.value IS NOT NULL AND v.value <> '')," \
	" latest AS (SELECT indicator, MAX(round) AS round FROM texts" \
	"  GROUP BY indicator)" \
	" SELECT t.indicator, t.text, COUNT(*) FROM texts t JOIN latest l" \
	" ON l.indicator = t.indicator AND l.round = t.round" \
	" WHERE t.field = 'result' GROUP BY t.indicator, t.text" \
	" ORDER BY t.indicator, COUNT(*) DESC, t.text"

/*
 * The results the office's units reported as text, of every indicator, in
 * one query (read when the first area shows them): of each indicator, the
 * texts of field 'result' (a narrative's, or a text indicator's value) of
 * the latest round the indicator has any text of, each different text once
 * with how many sent it, most sent first, then in byte order.  Rows of one
 * indicator follow one another.
 */
static int reported_load(struct office_report *o)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	struct strbuf text_codes;
	sqlite3_stmt *st;
	size_t alloc = 0, i;
	int rc;

	if (o->reported_loaded)
		return 0;
	o->reported_loaded = 1;
	if ((rc = report_query(r, r->months, &st, REPORTED_SQL)))
		return rc;
	/* the text indicators, whose values are texts sent */
	strbuf_init(&text_codes);
	strbuf_addch(&text_codes, ',');
	for (i = 0; i < fw->nr_indicators; i++)
		if (fw->indicators[i].type == VALUE_TEXT)
			strbuf_addf(&text_codes, "%s,", fw->indicators[i].code);
	db_bind_text(st, 4, text_codes.buf);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct reported *w;

		xgrow(&o->reported, &alloc, o->nr_reported + 1, sizeof(*o->reported));
		w = &o->reported[o->nr_reported++];
		w->indicator = xstrdup(db_column_text(st, 0));
		w->text = xstrdup(db_column_text(st, 1));
		w->units = sqlite3_column_int(st, 2);
	}
	strbuf_release(&text_codes);
	rc = rc == SQLITE_DONE ? 0 : db_fail(r->db, "could not read the results units reported",
					     r->err);
	sqlite3_finalize(st);
	return rc;
}

/*
 * What the units wrote of an area's indicators: the results each indicator's
 * units reported (each different text once, with how many wrote it when more
 * than one did), then the area's problems and suggestions gathered.
 */
static int area_narratives(struct office_report *o, size_t area)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	struct said_list problems, suggestions;
	struct strbuf sb;
	size_t i, k;
	int rc, any = 0;

	if ((rc = reported_load(o)))
		return rc;
	strbuf_init(&sb);
	layout_space(&r->l, 8);
	layout_heading(&r->l, o->body + 1, "ผลสัมฤทธิ์ ปัญหาอุปสรรค และข้อเสนอแนะ",
		       3 * o->body * LAYOUT_LINE_HEIGHT);
	sub_heading(o, "สรุปผลสัมฤทธิ์");
	area_achievement(o, area, &sb);
	body_text(o, sb.buf);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		int header = 0;

		if (ind->policy_area != area)
			continue;
		for (k = 0; k < o->nr_reported; k++) {
			const struct reported *w = &o->reported[k];

			if (strcmp(w->indicator, ind->code))
				continue;
			if (!any++)
				sub_heading(o, "ผลการดำเนินงานที่หน่วยงานรายงาน");
			if (!header++) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s %s", ind->code, ind->name);
				layout_need(&r->l, 2 * o->body * LAYOUT_LINE_HEIGHT);
				layout_set_column(&r->l, o->body * 2, 0);
				layout_paragraph(&r->l, FACE_BOLD, o->body, ALIGN_LEFT, sb.buf);
				layout_set_column(&r->l, 0, 0);
			}
			strbuf_reset(&sb);
			strbuf_addstr(&sb, w->text);
			if (w->units > 1)
				strbuf_addf(&sb, " (%ld หน่วยงาน)", w->units);
			bullet(o, o->body * 3, sb.buf);
		}
	}
	said_gather(o, 0, area, &problems);
	said_gather(o, 1, area, &suggestions);
	said_print(o, "ปัญหาอุปสรรค", &problems, 8);
	said_print(o, "ข้อเสนอแนะ", &suggestions, 8);
	free(problems.items);
	free(suggestions.items);
	strbuf_release(&sb);
	return 0;
}

/* Under an area's tables: what the wording of a ceiling's row means, if it has one. */
static void ceiling_note(struct office_report *o, size_t area)
{
	const struct framework *fw = o->r->fw;
	struct layout_style st;
	struct strbuf sb;
	size_t i, n = 0;

	strbuf_init(&sb);
	for (i = 0; i < fw->nr_indicators; i++)
		if (fw->indicators[i].policy_area == area && is_ceiling(&fw->indicators[i]))
			strbuf_addf(&sb, "%s%s", n++ ? " และ" : "", fw->indicators[i].name);
	if (n) {
		struct strbuf text;

		strbuf_init(&text);
		strbuf_addf(&text, "หมายเหตุ ตัวชี้วัดที่ค่ายิ่งต่ำยิ่งดี (%s) มีเป้าหมายเป็นค่าเพดาน"
			    " คือค่าสูงสุดที่ยอมรับได้ ช่องร้อยละของเป้าหมายจึงแสดงว่าผลเกินเพดาน"
			    "หรือไม่เกินเพดาน ตามด้วยผลและเพดาน (ผล/เพดาน) แทนร้อยละ", sb.buf);
		memset(&st, 0, sizeof(st));
		st.size = o->table;
		st.align = ALIGN_LEFT;
		layout_space(&o->r->l, 4);
		layout_para(&o->r->l, &st, text.buf);
		strbuf_release(&text);
	}
	strbuf_release(&sb);
}

/*
 * The policy areas of dimension dim, a part each (table per strategy,
 * chart, what the units wrote), under a section titled `title`.
 */
static int areas_section(struct office_report *o, const struct template_section *sec, size_t dim,
			 const char *title)
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
		int inds, with, met;

		/* an area none of whose indicators is reported by the report's round */
		if (!o->area_shown[a] || fw->areas[a].dimension != dim)
			continue;
		if (!parts++)
			section_open(o, title, sec->landscape);
		strbuf_reset(&sb);
		area_label(o, a, &sb);
		part_start(o, sb.buf, 6 * o->table * LAYOUT_LINE_HEIGHT, parts > 1, sec->landscape);
		n = area_columns(o, sec, cols, which);
		area_counts(o, a, &inds, &with, &met);
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
		ceiling_note(o, a);
		if (sec->chart)
			area_chart(o, a);
		if (!rc && sec->narratives)
			rc = area_narratives(o, a);
	}
	strbuf_release(&sb);
	return rc;
}

/* <dimensions/>: a section per dimension no policy-areas of the template shows. */
static int dimensions_section(struct office_report *o, const struct template_section *sec)
{
	const struct framework *fw = o->r->fw;
	size_t d;
	int rc = 0;

	for (d = 0; !rc && d < fw->nr_dimensions; d++)
		if (dimension_printed(o, d))
			rc = areas_section(o, sec, d, fw->dimensions[d].title);
	return rc;
}

/* ---- the executive summary and the synthesis ----------------------------------- */

/* The problem most units wrote of `area`, in a sentence. */
static void top_problem(const struct office_report *o, size_t area, struct strbuf *sb)
{
	struct said_list l;

	said_gather(o, 0, area, &l);
	if (l.nr) {
		strbuf_addf(sb, " ปัญหาอุปสรรคที่%sรายงานมากที่สุดใน",
			    l.schools ? "โรงเรียน" : "หน่วยงาน");
		area_label(o, area, sb);
		strbuf_addf(sb, " คือ “%s”", l.items[0].text);
		if (l.items[0].units > 1)
			strbuf_addf(sb, " (%ld จาก %ld %s)", l.items[0].units, l.units,
				    l.schools ? "โรงเรียน" : "หน่วยงาน");
	}
	free(l.items);
}

/* The indicators furthest below their targets, and why as the units wrote it. */
static void below_sentence(struct office_report *o, struct strbuf *sb)
{
	const struct framework *fw = o->r->fw;
	struct ranked *rk;
	size_t n = rank_by_percent(o, SIZE_MAX, 0, &rk), k;

	for (k = 0; k < n && k < 3; k++) {
		const struct indicator *ind = &fw->indicators[rk[k].i];
		const struct status *s = &o->status[rk[k].i];

		strbuf_addstr(sb, k == 0 ? "ตัวชี้วัดที่ยังห่างจากเป้าหมายมากที่สุด ได้แก่ "
				 : k + 1 == n || k == 2 ? " และ" : " ");
		strbuf_addf(sb, "%s ผลการดำเนินงาน ", ind->name);
		amount(sb, ind, s->value, 0);
		if (ind->direction == DIRECTION_LOWER) {
			strbuf_addstr(sb, " ขณะที่เป้าหมายกำหนดไว้ไม่เกิน ");
			amount(sb, ind, ind->target, 1);
		} else {
			strbuf_addstr(sb, " จากเป้าหมาย ");
			amount(sb, ind, ind->target, 1);
			strbuf_addstr(sb, " (");
			share(sb, s->value, ind->target);
			strbuf_addstr(sb, " ของเป้าหมาย)");
		}
	}
	if (n)
		top_problem(o, fw->indicators[rk[0].i].policy_area, sb);
	free(rk);
}

/* The indicators that improved most between rounds. */
static void improved_sentence(struct office_report *o, struct strbuf *sb)
{
	const struct framework *fw = o->r->fw;
	struct ranked *rk;
	size_t n = rank_improved(o, &rk), k;

	for (k = 0; k < n && k < 2; k++) {
		const struct indicator *ind = &fw->indicators[rk[k].i];
		const struct status *s = &o->status[rk[k].i];

		strbuf_addstr(sb, k ? " และ" : "ตัวชี้วัดที่มีผลดีขึ้นมากที่สุดระหว่างรอบ ได้แก่ ");
		strbuf_addf(sb, "%s จาก ", ind->name);
		amount(sb, ind, s->round_value[rk[k].from], 0);
		strbuf_addf(sb, " ในรอบ %d เดือน เป็น ", (rk[k].from + 1) * 3);
		amount(sb, ind, s->round_value[rk[k].to], 0);
		strbuf_addf(sb, " ในรอบ %d เดือน", (rk[k].to + 1) * 3);
	}
	free(rk);
}

/* Completeness of reporting at the report's round, and the budget spent. */
static void reporting_sentences(struct office_report *o, struct strbuf *sb)
{
	struct report *r = o->r;
	sqlite3_stmt *st;

	if (!report_query(r, r->months, &st, "SELECT expected, received, on_time, late, missing"
			  " FROM completeness WHERE unit_code = ?1 AND fiscal_year = ?2"
			  " AND round = ?3")) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
			long expected = sqlite3_column_int64(st, 0);

			strbuf_addf(sb, "การรายงานผลรอบ %d เดือน หน่วยงานที่ต้องรายงาน %ld แห่ง"
				    " ส่งรายงานแล้ว %lld แห่ง (", r->months, expected,
				    sqlite3_column_int64(st, 1));
			share(sb, (double)sqlite3_column_int64(st, 1), (double)expected);
			strbuf_addf(sb, ") ส่งตรงเวลา %lld แห่ง ส่งช้า %lld แห่ง",
				    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
			if (sqlite3_column_int64(st, 4) > 0)
				strbuf_addf(sb, " และยังไม่ส่ง %lld แห่ง", sqlite3_column_int64(st, 4));
		}
		sqlite3_finalize(st);
	}
	if (!o->projects || report_query(r, r->months, &st,
			  "SELECT COUNT(*), SUM(budget), SUM(spent), SUM(spent > budget) FROM ("
			  " SELECT COALESCE(p.budget, 0) AS budget, COALESCE(p.q1, 0)"
			  " + CASE WHEN ?3 >= 6 THEN COALESCE(p.q2, 0) ELSE 0 END"
			  " + CASE WHEN ?3 >= 9 THEN COALESCE(p.q3, 0) ELSE 0 END"
			  " + CASE WHEN ?3 >= 12 THEN COALESCE(p.q4, 0) ELSE 0 END AS spent"
			  CURRENT_PROJECTS ")"))
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
		double budget = sqlite3_column_double(st, 1), spent = sqlite3_column_double(st, 2);
		char *b = report_number(budget, 0), *p = report_number(spent, 0);

		strbuf_addf(sb, "%sโครงการตามแผนปฏิบัติการ %lld โครงการ ได้รับงบประมาณรวม %s บาท"
			    " เบิกจ่ายแล้ว %s บาท", sb->len ? " " : "", sqlite3_column_int64(st, 0),
			    b, p);
		if (budget > 0) {
			strbuf_addstr(sb, " (");
			share(sb, spent, budget);
			strbuf_addstr(sb, " ของงบประมาณ)");
		}
		if (sqlite3_column_int64(st, 3) > 0)
			strbuf_addf(sb, " มีโครงการที่เบิกจ่ายเกินงบประมาณที่ได้รับ %lld โครงการ",
				    sqlite3_column_int64(st, 3));
		free(b);
		free(p);
	}
	sqlite3_finalize(st);
}

/*
 * The executive summary in sentences from the data: what was achieved
 * overall and per area of each dimension, what was not (furthest below
 * target) and why as the units wrote it, what improved, how complete the
 * reporting was and how much of the budget was spent.
 */
static void summary_sentences(struct office_report *o)
{
	struct report *r = o->r;
	const struct framework *fw = r->fw;
	static void (*const then[])(struct office_report *, struct strbuf *) = {
		below_sentence, improved_sentence, reporting_sentences,
	};
	struct strbuf sb, round;
	size_t a, d, k;
	int inds, with, met, total = 0, total_with = 0, total_met = 0;

	strbuf_init(&sb);
	strbuf_init(&round);
	value_of(r, "round", 5, &round);
	for (a = 0; a < fw->nr_areas; a++) {
		area_counts(o, a, &inds, &with, &met);
		total += inds;
		total_with += with;
		total_met += met;
	}
	strbuf_addf(&sb, "ผลการดำเนินงาน%s ตัวชี้วัดที่มีเป้าหมายทั้งหมด %d ตัว"
		    " มีผลการดำเนินงานแล้ว %d ตัว บรรลุเป้าหมาย %d ตัว", round.buf, total,
		    total_with, total_met);
	if (total_with) {
		strbuf_addstr(&sb, " คิดเป็น");
		share(&sb, total_met, total_with);
		strbuf_addstr(&sb, " ของตัวชี้วัดที่มีผล");
	}
	strbuf_addf(&sb, " ไม่บรรลุเป้าหมาย %d ตัว", total_with - total_met);
	if (total > total_with)
		strbuf_addf(&sb, " และยังไม่มีผลการดำเนินงาน %d ตัว", total - total_with);
	body_text(o, sb.buf);
	/* per area, the OBEC policy's (DIMENSION_POLICY + 1 wraps to 0) then each dimension's */
	for (d = DIMENSION_POLICY; d == DIMENSION_POLICY || d < fw->nr_dimensions; d++) {
		int first = 1;

		strbuf_reset(&sb);
		for (a = 0; a < fw->nr_areas; a++) {
			if (fw->areas[a].dimension != d || !o->area_shown[a])
				continue;
			area_counts(o, a, &inds, &with, &met);
			if (!with)
				continue;
			if (!first)
				strbuf_addch(&sb, ' ');
			else if (d == DIMENSION_POLICY)
				strbuf_addstr(&sb, "เมื่อพิจารณารายด้าน ");
			else
				strbuf_addf(&sb, "ผลการดำเนินงานตาม%s ", fw->dimensions[d].name);
			first = 0;
			area_label(o, a, &sb);
			strbuf_addf(&sb, " บรรลุเป้าหมาย %d จาก %d ตัว (", met, with);
			share(&sb, met, with);
			strbuf_addch(&sb, ')');
		}
		if (!first)
			body_text(o, sb.buf);
	}
	/* what was not achieved and why, what improved, reporting and spending */
	for (k = 0; k < sizeof(then) / sizeof(then[0]); k++) {
		strbuf_reset(&sb);
		then[k](o, &sb);
		if (sb.len)
			body_text(o, sb.buf);
	}
	strbuf_release(&sb);
	strbuf_release(&round);
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
	/* the charts: the areas of the OBEC policy, pol[] of them */
	size_t *pol = xcalloc(fw->nr_areas + 1, sizeof(*pol)), nr_pol = 0;
	double *met = xcalloc(fw->nr_areas + 1, sizeof(double));
	double *not_met = xcalloc(fw->nr_areas + 1, sizeof(double));
	double *pending = xcalloc(fw->nr_areas + 1, sizeof(double));
	double (*by_round)[4] = xcalloc(fw->nr_areas + 1, sizeof(*by_round));
	const char **labels = xcalloc(fw->nr_areas + 1, sizeof(*labels));
	char (*short_names)[64] = xcalloc(fw->nr_areas + 1, sizeof(*short_names));
	struct strbuf sb;
	size_t a, i, p;
	int k, total_met = 0, total_with = 0, total = 0;

	section_start(o, sec);
	summary_sentences(o);
	memcpy(c6, cols, sizeof(cols));
	c6[0].width = layout_text_area(&r->l) - 292;
	strbuf_init(&sb);
	for (a = 0; a < fw->nr_areas; a++) {
		int inds, with, ok;

		area_counts(o, a, &inds, &with, &ok);
		total += inds;
		total_with += with;
		total_met += ok;
		strbuf_reset(&sb);
		area_label(o, a, &sb);
		cell_add(&cells, xstrdup(sb.buf));
		cell_add(&cells, report_number(inds, 0));
		cell_add(&cells, report_number(with, 0));
		cell_add(&cells, report_number(ok, 0));
		cell_add(&cells, report_number(with - ok, 0));
		percent_cell_at(&cells, ok, with, r->tpl->percent_decimals);
		if (fw->areas[a].dimension != DIMENSION_POLICY)
			continue;
		p = nr_pol++;
		pol[p] = a;
		for (i = 0; i < fw->nr_indicators; i++) {
			const struct status *s = &o->status[i];

			if (fw->indicators[i].policy_area != a || !fw->indicators[i].has_target)
				continue;
			for (k = 0; k < 4; k++)
				if (!isnan(s->round_percent[k]) && s->round_percent[k] >= 100 - 1e-9)
					by_round[p][k]++;
		}
		met[p] = ok;
		not_met[p] = with - ok;
		pending[p] = inds - with;
		for (k = 0; k < 4; k++)
			by_round[p][k] = inds ? 100.0 * by_round[p][k] / inds : NAN;
		snprintf(short_names[p], sizeof(short_names[p]), "ด้านที่ %zu", p + 1);
		labels[p] = short_names[p];
	}
	cell_add(&cells, xstrdup("รวม"));
	cell_add(&cells, report_number(total, 0));
	cell_add(&cells, report_number(total_with, 0));
	cell_add(&cells, report_number(total_met, 0));
	cell_add(&cells, report_number(total_with - total_met, 0));
	percent_cell_at(&cells, total_met, total_with, r->tpl->percent_decimals);
	layout_space(&r->l, 4);
	caption(o, 0, "สรุปผลการดำเนินงาน รายด้าน");
	layout_table(&r->l, c6, 6, cells.items, cells.nr / 6, o->table);
	if (sec->chart && nr_pol) {
		struct chart_series s3[3] = { { "บรรลุ", met }, { "ไม่บรรลุ", not_met },
					      { "ยังไม่มีผล", pending } };
		struct chart_series *lines = xcalloc(nr_pol, sizeof(*lines));
		static const char *const rounds[] = { "3 เดือน", "6 เดือน", "9 เดือน", "12 เดือน" };
		double (*at_round)[4] = xcalloc(nr_pol + 1, sizeof(*at_round));
		const char *round_labels[4];
		struct chart c;

		memset(&c, 0, sizeof(c));
		c.kind = CHART_BARS;
		c.labels = labels;
		c.nr_labels = nr_pol;
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
		for (p = 0; p < nr_pol; p++) {
			for (k = 0; k < (int)fw->nr_rounds && k < 4; k++) {
				int m = fw->rounds[k].months, any = 0;

				/* no point where none of the area's indicators is reported */
				for (i = 0; i < fw->nr_indicators; i++)
					any |= fw->indicators[i].policy_area == pol[p] &&
					       fw->indicators[i].has_target &&
					       indicator_due(&fw->indicators[i], m);
				at_round[p][k] = m <= r->months && any
						 ? by_round[p][m / 3 - 1] : NAN;
			}
			lines[p].name = labels[p];
			lines[p].values = at_round[p];
		}
		c.kind = CHART_LINES;
		c.labels = round_labels;
		c.nr_labels = fw->nr_rounds < 4 ? fw->nr_rounds : 4;
		c.series = lines;
		c.nr_series = nr_pol;
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
	free(pol);
	free(met);
	free(not_met);
	free(pending);
	free(by_round);
	free(labels);
	free(short_names);
	return 0;
}

/* How many parts the synthesis has: achievements, problems, suggestions. */
static int synthesis_parts(const struct office_report *o)
{
	size_t a, i;
	int n = 0, p = 0, s = 0;

	for (a = 0; a < o->r->fw->nr_areas && !n; a++)
		n = o->area_shown[a] != 0;
	for (i = 0; i < o->nr_said; i++) {
		p |= !o->said[i].suggestion;
		s |= o->said[i].suggestion;
	}
	return n + p + s;
}

/*
 * The synthesis of the whole report: achievements per dimension and area
 * with the best results, then the problems and the suggestions the units
 * wrote of every area, gathered, most frequent first.
 */
static int synthesis_section(struct office_report *o, const struct template_section *sec)
{
	const struct framework *fw = o->r->fw;
	struct said_list list;
	struct strbuf sb;
	struct ranked *best;
	size_t a, d, n, k;

	section_start(o, sec);
	strbuf_init(&sb);
	part_start(o, "ผลสัมฤทธิ์ภาพรวม", 4 * o->body * LAYOUT_LINE_HEIGHT, 0, sec->landscape);
	for (d = DIMENSION_POLICY; d == DIMENSION_POLICY || d < fw->nr_dimensions; d++) {
		int any = 0;

		for (a = 0; a < fw->nr_areas; a++) {
			if (fw->areas[a].dimension != d || !o->area_shown[a])
				continue;
			if (!any++) {
				strbuf_reset(&sb);
				strbuf_addstr(&sb, d == DIMENSION_POLICY
					      ? "ผลการดำเนินงานตามนโยบายและกลยุทธ์"
					      : fw->dimensions[d].title);
				sub_heading(o, sb.buf);
			}
			strbuf_reset(&sb);
			area_label(o, a, &sb);
			strbuf_addch(&sb, ' ');
			area_achievement(o, a, &sb);
			bullet(o, o->body * 3, sb.buf);
		}
	}
	n = rank_by_percent(o, SIZE_MAX, 1, &best);
	strbuf_reset(&sb);
	for (k = 0; k < n && k < 3; k++) {
		const struct indicator *ind = &fw->indicators[best[n - 1 - k].i];

		strbuf_addf(&sb, "%s%s", k == 0 ? "ผลการดำเนินงานที่เกินเป้าหมายมากที่สุด ได้แก่ "
				    : k + 1 == n || k == 2 ? " และ" : " ", ind->name);
		against_target(&sb, ind, o->status[best[n - 1 - k].i].value);
	}
	if (sb.len) {
		layout_space(&o->r->l, 4);
		body_text(o, sb.buf);
	}
	free(best);
	for (k = 0; k < 2; k++) {
		said_gather(o, (int)k, SIZE_MAX, &list);
		if (list.nr) {
			part_start(o, k ? "ข้อเสนอแนะภาพรวม" : "ปัญหาอุปสรรคภาพรวม",
				   4 * o->body * LAYOUT_LINE_HEIGHT, 0, sec->landscape);
			said_print(o, k ? "ข้อเสนอแนะที่รายงานมากที่สุด"
				   : "ปัญหาอุปสรรคที่รายงานมากที่สุด", &list, 10);
		}
		free(list.items);
	}
	strbuf_release(&sb);
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
						 report_value_decimals_at(inds[i],
								sqlite3_column_double(res, 0),
								r->tpl->percent_decimals))
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
	if ((rc = report_query(r, r->months, &rank, RANKED_ORDER_SQL)))
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
			cell_add(&cells, report_number(vals[k], report_value_decimals_at(inds[i],
						vals[k], r->tpl->percent_decimals)));
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


/* A project whose spending is over its budget, for the sentence under the table. */
struct overspend {
	char *name;
	double budget, spent;
};

/* The sentence under the budget table naming each project spent over its budget. */
static void overspend_text(struct office_report *o, const struct overspend *v, size_t n)
{
	struct strbuf sb;
	size_t i;

	if (!n)
		return;
	strbuf_init(&sb);
	strbuf_addf(&sb, "โครงการที่เบิกจ่ายเกินงบประมาณที่ได้รับ %zu โครงการ ได้แก่ ", n);
	for (i = 0; i < n; i++) {
		char *b = report_money(v[i].budget), *sp = report_money(v[i].spent);
		char *over = report_money(v[i].spent - v[i].budget);

		strbuf_addf(&sb, "%s%s ได้รับ %s บาท เบิกจ่าย %s บาท เกินงบประมาณ %s บาท"
			    " (ร้อยละ ", i ? " และ" : "", v[i].name, b, sp, over);
		thai_format_number(&sb, 100.0 * v[i].spent / v[i].budget,
				   o->r->tpl->percent_decimals, 0);
		strbuf_addstr(&sb, " ของงบประมาณ)");
		free(b);
		free(sp);
		free(over);
	}
	strbuf_addstr(&sb, " ควรตรวจสอบแหล่งเงินที่ใช้เบิกจ่ายส่วนที่เกินและปรับแผนการใช้จ่าย");
	layout_space(&o->r->l, 4);
	body_text(o, sb.buf);
	strbuf_release(&sb);
}

/* The remaining-balance cell: the balance, or the overspend with its mark. */
static char *balance_cell(double budget, double spent)
{
	struct strbuf sb;
	char *v;

	strbuf_init(&sb);
	if (spent > budget + 0.005) {
		v = report_money(spent - budget);
		strbuf_addf(&sb, "%cเกินงบ %s", '0' + MARK_NOT_MET, v);
	} else {
		v = report_money(budget - spent);
		strbuf_addf(&sb, "%c%s", '0' + MARK_NONE, v);
	}
	free(v);
	return strbuf_detach(&sb);
}

static int budget_section(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct layout_column cols[10];
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	double total[6] = { 0 };
	char **labels = NULL;
	double *budget = NULL, *spent = NULL;
	struct overspend *over = NULL;
	size_t n = 0, alloc = 0, alloc_over = 0, nr_over = 0, c, ncols;
	int quarters = r->months / 3, q, rc, pd = r->tpl->percent_decimals;

	if ((rc = report_query(r, r->months, &st, "SELECT p.code, p.name, COALESCE(p.budget, 0),"
			       " COALESCE(p.q1, 0), COALESCE(p.q2, 0), COALESCE(p.q3, 0),"
			       " COALESCE(p.q4, 0)" CURRENT_PROJECTS " ORDER BY p.code")))
		return rc;
	section_start(o, sec);
	ncols = 0;
	cols[ncols++] = (struct layout_column){ "รหัส", 44, ALIGN_LEFT, LAYOUT_CODES };
	cols[ncols++] = (struct layout_column){ "โครงการ", 0, ALIGN_LEFT, 0 };
	cols[ncols++] = (struct layout_column){ "งบประมาณที่ได้รับ", 72, ALIGN_RIGHT, 0 };
	for (q = 0; q < quarters; q++) {
		static const char *const qn[] = { "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4" };

		cols[ncols++] = (struct layout_column){ qn[q], 62, ALIGN_RIGHT, 0 };
	}
	cols[ncols++] = (struct layout_column){ "เบิกจ่ายรวม", 72, ALIGN_RIGHT, 0 };
	cols[ncols++] = (struct layout_column){ "คงเหลือ", 96, ALIGN_RIGHT, LAYOUT_MARKS };
	cols[ncols++] = (struct layout_column){ "ร้อยละการเบิกจ่าย", 60, ALIGN_RIGHT, 0 };
	{
		float used = 0;

		for (c = 0; c < ncols; c++)
			used += cols[c].width;
		cols[1].width = layout_text_area(&r->l) - used;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		double b = sqlite3_column_double(st, 2), sum = 0;
		size_t a2 = alloc, a3 = alloc;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_add(&cells, xstrdup(db_column_text(st, 1)));
		cell_add(&cells, report_money(b));
		for (q = 0; q < quarters; q++) {
			double v = sqlite3_column_double(st, 3 + q);

			cell_add(&cells, report_money(v));
			total[1 + q] += v;
			sum += v;
		}
		cell_add(&cells, report_money(sum));
		cell_add(&cells, balance_cell(b, sum));
		percent_cell_at(&cells, sum, b, pd);
		total[0] += b;
		total[5] += sum;
		if (sum > b + 0.005 && b > 0) {
			xgrow(&over, &alloc_over, nr_over + 1, sizeof(*over));
			over[nr_over++] = (struct overspend){ xstrdup(db_column_text(st, 1)), b, sum };
		}
		xgrow(&labels, &alloc, n + 1, sizeof(*labels));
		xgrow(&budget, &a2, n + 1, sizeof(*budget));
		xgrow(&spent, &a3, n + 1, sizeof(*spent));
		labels[n] = chart_short_label(r->l.breaker, db_column_text(st, 1), 24);
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
	cell_add(&cells, report_money(total[0]));
	for (q = 0; q < quarters; q++)
		cell_add(&cells, report_money(total[1 + q]));
	cell_add(&cells, report_money(total[5]));
	cell_add(&cells, balance_cell(total[0], total[5]));
	percent_cell_at(&cells, total[5], total[0], pd);
	{
		struct strbuf sb;
		char *b = report_money(total[0]), *sp = report_money(total[5]);
		char *left = report_money(total[0] - total[5]);

		strbuf_init(&sb);
		strbuf_addf(&sb, "โครงการตามแผนปฏิบัติการ %zu โครงการ ได้รับงบประมาณรวม %s บาท"
			    " เบิกจ่ายแล้ว %s บาท", n, b, sp);
		if (total[0] > 0) {
			strbuf_addstr(&sb, " คิดเป็นร้อยละ ");
			thai_format_number(&sb, 100.0 * total[5] / total[0], pd, 0);
		}
		if (total[0] >= total[5])
			strbuf_addf(&sb, " คงเหลือ %s บาท", left);
		strbuf_addstr(&sb, " (จำนวนเงินในตารางเป็นบาท)");
		body_text(o, sb.buf);
		strbuf_release(&sb);
		free(b);
		free(sp);
		free(left);
	}
	/* whole baht, a size smaller, so that every amount fits its line */
	caption(o, 0, "งบประมาณและการเบิกจ่าย รายโครงการ");
	layout_table(&r->l, cols, ncols, cells.items, cells.nr / ncols, o->table - 2);
	cells_release(&cells);
	overspend_text(o, over, nr_over);
	if (sec->chart) {
		struct chart_series s1[1] = { { "เบิกจ่ายแล้ว", spent } };
		struct chart ch;

		memset(&ch, 0, sizeof(ch));
		ch.kind = CHART_BARS;
		ch.labels = (const char *const *)labels;
		ch.nr_labels = n;
		ch.series = s1;
		ch.nr_series = 1;
		ch.marks = budget;
		ch.marks_name = "งบประมาณที่ได้รับ";
		ch.axis_title = "พันบาท";
		ch.reference = NAN;
		ch.height = 260;
		ch.size = o->table;
		layout_space(&r->l, 10);
		chart_draw(&r->l, &ch);
		caption(o, 1, "งบประมาณที่ได้รับและที่เบิกจ่ายแล้ว รายโครงการ");
	}
	for (c = 0; c < n; c++)
		free(labels[c]);
	for (c = 0; c < nr_over; c++)
		free(over[c].name);
	free(over);
	free(labels);
	free(budget);
	free(spent);
	return 0;
}

/* ---- completeness -------------------------------------------------------- */

/* A unit's completeness at each of the report's rounds (NAN: no row). */
struct unit_rounds {
	char *name;
	int office;
	double expected[4], received[4], on_time[4], late[4], missing[4];
	double values_expected[4], values_present[4];
};

/* What a completeness table's cell says. */
enum round_cell { CELL_SENT, CELL_ON_TIME, CELL_VALUES };

/* A round's cell of one of the measures for unit u at round k. */
static void round_cell(struct office_report *o, const struct unit_rounds *u, size_t k,
		       enum round_cell what, struct cells *cells)
{
	int pd = o->r->tpl->percent_decimals;

	if (isnan(u->expected[k])) {
		cell_add(cells, xstrdup("-"));
	} else if (what == CELL_SENT) {
		char *a = report_number(u->received[k], 0), *b = report_number(u->expected[k], 0);

		cell_addf(cells, "%s / %s", a, b);
		free(a);
		free(b);
	} else if (what == CELL_ON_TIME) {
		percent_cell_at(cells, u->on_time[k], u->expected[k], pd);
	} else {
		percent_cell_at(cells, u->values_present[k], u->values_expected[k], pd);
	}
}

static const char *const measure_titles[] = {
	[CELL_SENT] = "จำนวนหน่วยงานที่ส่งข้อมูลแล้ว / ที่ต้องส่ง",
	[CELL_ON_TIME] = "ร้อยละของหน่วยงานที่ส่งตรงเวลา",
	[CELL_VALUES] = "ร้อยละความครบถ้วนของข้อมูล (ค่าที่ได้รับจากค่าที่ต้องรายงาน)",
};

/*
 * The completeness tables, a column per round: with one unit (no
 * networks) one table, a row per measure; with networks a table per
 * measure, a row per unit (the office, then its networks).
 */
static void round_tables(struct office_report *o, const struct unit_rounds *u, size_t n)
{
	static const char *const rounds[] = { "3 เดือน", "6 เดือน", "9 เดือน", "12 เดือน" };
	struct report *r = o->r;
	struct layout_column cols[5];
	size_t i, k, ncols = o->nr_rounds + 1;
	float each = 96;
	int what;

	cols[0] = (struct layout_column){ n > 1 ? "หน่วยงาน" : "รายการ", 0, ALIGN_LEFT, 0 };
	for (k = 0; k < o->nr_rounds; k++)
		cols[k + 1] = (struct layout_column){ rounds[o->rounds[k] / 3 - 1], each,
						      ALIGN_RIGHT, 0 };
	cols[0].width = layout_text_area(&r->l) - each * (float)o->nr_rounds;
	if (n == 1) {
		struct cells cells = { 0 };

		for (what = CELL_SENT; what <= CELL_VALUES; what++) {
			cell_add(&cells, xstrdup(measure_titles[what]));
			for (k = 0; k < o->nr_rounds; k++)
				round_cell(o, &u[0], k, (enum round_cell)what, &cells);
		}
		layout_space(&r->l, 6);
		layout_heading(&r->l, o->body, u[0].name, 6 * o->table * LAYOUT_LINE_HEIGHT);
		caption(o, 0, "ความครบถ้วนและความตรงเวลาของการรายงาน รายรอบ");
		layout_table(&r->l, cols, ncols, cells.items, cells.nr / ncols, o->table);
		cells_release(&cells);
		return;
	}
	for (what = CELL_SENT; what <= CELL_VALUES; what++) {
		struct cells cells = { 0 };

		for (i = 0; i < n; i++) {
			cell_add(&cells, xstrdup(u[i].name));
			for (k = 0; k < o->nr_rounds; k++)
				round_cell(o, &u[i], k, (enum round_cell)what, &cells);
		}
		layout_space(&r->l, 6);
		layout_heading(&r->l, o->body, measure_titles[what],
			       (float)(n + 3) * o->table * LAYOUT_LINE_HEIGHT);
		caption(o, 0, "ความครบถ้วนของการรายงาน รายรอบ: %s", measure_titles[what]);
		layout_table(&r->l, cols, ncols, cells.items, cells.nr / ncols, o->table);
		cells_release(&cells);
	}
}

/*
 * The office's and its networks' completeness, each round up to the
 * report's: from the units (SQLite would otherwise read every office's
 * rows of the year).
 */
#define COMPLETENESS_ROUNDS_SQL \
	"SELECT c.unit_code, u.name, c.round, c.expected, c.received," \
	" c.on_time, c.late, c.missing, c.values_expected, c.values_present, u.kind" \
	" FROM unit u CROSS JOIN completeness c ON c.unit_code = u.code" \
	" WHERE (u.code = ?1 OR (u.parent = ?1 AND u.kind = 'network'))" \
	" AND c.fiscal_year = ?2 AND c.round <= ?3" \
	" ORDER BY u.kind = 'network', c.unit_code, c.round"

static int completeness_section(struct office_report *o, const struct template_section *sec)
{
	struct report *r = o->r;
	struct unit_rounds *u = NULL;
	size_t n = 0, alloc = 0, j;
	double on_time[4], late[4], missing[4];
	static const char *const rounds[] = { "3 เดือน", "6 เดือน", "9 เดือน", "12 เดือน" };
	const char *labels[4];
	sqlite3_stmt *st = NULL;
	int rc, k;

	for (k = 0; k < 4; k++)
		on_time[k] = late[k] = missing[k] = NAN;
	if ((rc = report_query(r, r->months, &st, COMPLETENESS_ROUNDS_SQL)))
		return rc;
	section_start(o, sec);
	body_text(o, r->n.networks
		  ? "การส่งข้อมูลของแต่ละรอบรายงาน แยกตามสำนักงานเขตพื้นที่และเครือข่ายสถานศึกษา"
		    " รอบละหนึ่งคอลัมน์ ส่งตรงเวลาคือส่งภายในกำหนดส่งของรอบ"
		  : "การส่งข้อมูลของแต่ละรอบรายงาน ของสำนักงานเขตพื้นที่และสถานศึกษาในสังกัด"
		    " รอบละหนึ่งคอลัมน์ ส่งตรงเวลาคือส่งภายในกำหนดส่งของรอบ");
	{
		char last[64] = "";

		while (sqlite3_step(st) == SQLITE_ROW) {
			int m = sqlite3_column_int(st, 2);
			struct unit_rounds *cur;

			if (!n || strcmp(last, db_column_text(st, 0))) {
				xgrow(&u, &alloc, n + 1, sizeof(*u));
				cur = &u[n++];
				cur->name = xstrdup(db_column_text(st, 1));
				cur->office = !strcmp(db_column_text(st, 10), "office");
				for (k = 0; k < 4; k++)
					cur->expected[k] = NAN;
				tt_strlcpy(last, db_column_text(st, 0), sizeof(last));
			}
			cur = &u[n - 1];
			for (j = 0; j < o->nr_rounds; j++) {
				if (o->rounds[j] != m)
					continue;
				cur->expected[j] = sqlite3_column_double(st, 3);
				cur->received[j] = sqlite3_column_double(st, 4);
				cur->on_time[j] = sqlite3_column_double(st, 5);
				cur->late[j] = sqlite3_column_double(st, 6);
				cur->missing[j] = sqlite3_column_double(st, 7);
				cur->values_expected[j] = sqlite3_column_double(st, 8);
				cur->values_present[j] = sqlite3_column_double(st, 9);
				if (cur->office) {
					on_time[j] = cur->on_time[j];
					late[j] = cur->late[j];
					missing[j] = cur->missing[j];
				}
			}
		}
	}
	sqlite3_finalize(st);
	if (n)
		round_tables(o, u, n);
	for (j = 0; j < n; j++)
		free(u[j].name);
	free(u);
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
		ch.height = 240;
		ch.size = o->table;
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
		if ((rc = report_query(r, r->months, &st, OPEN_ISSUES_BY_CODE_SQL)))
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
		if ((rc = report_query(r, r->months, &st, REJECTED_LIST_SQL)))
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

/*
 * Per round, the office's files, units, values and dates: from the tree
 * (SQLite would otherwise go through every office's submissions of the
 * year and look each up in it).
 */
#define SOURCES_SQL \
	OFFICE_TREE "SELECT s.round, COUNT(DISTINCT s.file_id), COUNT(DISTINCT s.unit_code)," \
	" (SELECT COUNT(*) FROM value v JOIN submission s2 ON s2.id = v.submission_id" \
	"  JOIN tree t2 ON t2.code = s2.unit_code WHERE s2.fiscal_year = ?2" \
	"  AND s2.round = s.round AND s2.status = 'accepted'" \
	"  AND s2.superseded_by IS NULL)," \
	" MIN(s.submitted_on), MAX(s.submitted_on)" \
	" FROM tree t CROSS JOIN submission s ON s.unit_code = t.code" \
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND s.status <> 'held'" \
	" GROUP BY s.round ORDER BY s.round"

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
	if ((rc = report_query(r, r->months, &st, SOURCES_SQL)))
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
	if ((rc = said_load(&o)))
		goto out;
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
		case SECTION_AREAS: {
			int known;
			size_t d = section_dimension(r->fw, sec, &known);

			rc = areas_section(&o, sec, d, sec->title);
			break;
		}
		case SECTION_DIMENSIONS:
			rc = dimensions_section(&o, sec);
			break;
		case SECTION_SYNTHESIS:
			rc = synthesis_section(&o, sec);
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
		case SECTION_PROFILE_BASICS:
		case SECTION_PROFILE_DIRECTION:
		case SECTION_PROFILE_SYNTHESIS:
		case SECTION_PROFILE_APPENDIX:
			rc = report_profile_section(&o, r, o.body, o.table, sec);
			break;
		case SECTION_PRACTICES:
			section_start(&o, sec);
			rc = report_practices(r, o.body);
			break;
		case SECTION_PHOTOS:
			section_start(&o, sec);
			rc = report_activity_photos(r, o.body);
			break;
		case SECTION_NATIONAL_RESULTS:
		case SECTION_OFFICE_AREAS:
		case SECTION_OFFICE_EXPORTS:
		case SECTION_OFFICE_STANDING:
			rc = report_national_section(&o, r, o.body, o.table, sec);
			break;
		}
	}
	if (!rc && contents)
		contents_fill(&o, contents);
	if (!rc)
		rc = report_save(r, path);
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
	said_release(&o);
	for (i = 0; i < o.nr_reported; i++) {
		free(o.reported[i].indicator);
		free(o.reported[i].text);
	}
	free(o.reported);
	free(o.chosen);
	free(o.shown);
	free(r->parts);
	r->parts = NULL;
	layout_close(&r->l);
	strbuf_release(&title);
	return rc;
}

/*
 * What an office report prints comes from these rows (?1 the office, ?2
 * the year), each read from the office's own units down (OFFICE_TREE, by
 * the indexes on unit; the result tables, keyed by unit first, after the
 * tree in a CROSS JOIN: without statistics SQLite could rather read the
 * year's rows of every office): the framework is hashed once per office,
 * see report.c.  Submissions come with their dates, status and files;
 * values only where they are text (narratives), since numbers reach the
 * report through the results.  Those of report_office_round_inputs_sql
 * are of rounds up to ?3, each row's round its last column, so that one
 * reading makes the digest of each round (round_digests()); those
 * of report_office_inputs_sql are the same for every round.
 */
const char *const report_office_inputs_sql[] = {
	OFFICE_TREE "SELECT u.code, u.name, u.kind, u.parent FROM tree t"
	" JOIN unit u ON u.code = t.code ORDER BY u.code",
	"SELECT p.*" CURRENT_PROJECTS " ORDER BY p.code",
	REPORT_PROFILE_INPUTS,
	PRACTICE_INPUTS,
	NULL
};

const char *const report_office_round_inputs_sql[] = {
	OFFICE_TREE "SELECT c.*, c.round FROM tree t CROSS JOIN completeness c"
	" ON c.unit_code = t.code"
	" WHERE c.fiscal_year = ?2 AND c.round <= ?3 ORDER BY c.round, c.unit_code",
	OFFICE_TREE "SELECT s.id, s.unit_code, s.round, s.submitted_on, s.status, s.superseded_by,"
	" f.path, f.sha256, s.round FROM tree t JOIN submission s ON s.unit_code = t.code"
	" JOIN file f ON f.id = s.file_id WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY s.id",
	OFFICE_TREE "SELECT n.submission_id, n.indicator, n.field, n.text, s.round FROM tree t"
	" JOIN submission s ON s.unit_code = t.code JOIN narrative n ON n.submission_id = s.id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY n.id",
	OFFICE_TREE "SELECT v.submission_id, v.indicator, v.value, s.round FROM tree t"
	" JOIN submission s ON s.unit_code = t.code JOIN value v ON v.submission_id = s.id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 AND v.number IS NULL AND v.value <> ''"
	" ORDER BY v.id",
	OFFICE_TREE "SELECT i.submission_id, i.code, i.severity, i.message_th, s.round FROM tree t"
	" JOIN submission s ON s.unit_code = t.code JOIN issue i ON i.submission_id = s.id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3 ORDER BY i.id",
	/* the values counted: a row a round (the tree first, or SQLite reads
	   every office's submissions of the year to group them by round) */
	OFFICE_TREE "SELECT COUNT(*), s.round FROM tree t"
	" CROSS JOIN submission s ON s.unit_code = t.code JOIN value v ON v.submission_id = s.id"
	" WHERE s.fiscal_year = ?2 AND s.round <= ?3"
	" AND s.status = 'accepted' AND s.superseded_by IS NULL GROUP BY s.round ORDER BY s.round",
	NULL
};

/*
 * The digest of the rows of the statements sql (each row's round its last
 * column) of rounds up to r's, then, with fixed_sql, the digest of the
 * rows of those: one reading of the year's rows makes the digest of each
 * round up to 12 months, kept in cache and *read (r->results) for the
 * office's other reports of the run.  A round of no quarter is read for
 * itself alone.
 */
static int round_digests(struct report *r, const char *const *sql, const char *const *fixed_sql,
			 char cache[4][TT_SHA256_HEX], int *read,
			 char hex[TT_SHA256_HEX])
{
	char mine[4][TT_SHA256_HEX], fixed[TT_SHA256_HEX];
	char (*out)[TT_SHA256_HEX] = r->results ? cache : mine;
	int k = r->months / 3 - 1, upto = r->months, nr = 4, i, rc;
	struct tt_sha256 ctx[4], ctx_fixed;
	sqlite3_stmt *st;
	size_t q;

	if (r->months % 3 || k < 0 || k > 3) {
		out = mine;
		k = 0;
		nr = 1;
	} else if (out == cache && *read) {
		memcpy(hex, cache[k], TT_SHA256_HEX);
		return 0;
	} else {
		upto = 12;
	}
	for (i = 0; i < nr; i++)
		tt_sha256_init(&ctx[i]);
	for (q = 0; sql[q]; q++) {
		if ((rc = report_query(r, upto, &st, sql[q])))
			return rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int round = sqlite3_column_int(st, sqlite3_column_count(st) - 1);

			for (i = 0; i < nr; i++)
				if (round <= (nr == 1 ? upto : 3 * (i + 1)))
					db_digest_row(st, &ctx[i]);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return db_fail(r->db, "could not read a report's inputs", r->err);
	}
	if (fixed_sql) {
		tt_sha256_init(&ctx_fixed);
		for (q = 0; fixed_sql[q]; q++)
			if ((rc = inputs_add_query(&ctx_fixed, r, upto, fixed_sql[q])))
				return rc;
		tt_sha256_end(&ctx_fixed, fixed);
		for (i = 0; i < nr; i++)
			inputs_add(&ctx[i], fixed);
	}
	for (i = 0; i < nr; i++)
		tt_sha256_end(&ctx[i], out[i]);
	if (out == cache)
		*read = 1;
	memcpy(hex, out[k], TT_SHA256_HEX);
	return 0;
}

/* The office's results up to a round (?3), the round last, in round, unit and indicator order */
#define RESULTS_DIGEST_SQL \
	OFFICE_TREE "SELECT r.*, r.round FROM tree t" \
	" CROSS JOIN result r ON r.unit_code = t.code" \
	" WHERE r.fiscal_year = ?2 AND r.round <= ?3" \
	" ORDER BY r.round, r.unit_code, r.indicator"
static const char *const results_digest_sql[] = { RESULTS_DIGEST_SQL, NULL };

int report_office_inputs(struct report *r, char hex[TT_SHA256_HEX])
{
	char rows[TT_SHA256_HEX], results[TT_SHA256_HEX];
	struct tt_sha256 ctx;
	int rc;

	inputs_begin(&ctx, r->tpl->kind == TEMPLATE_ANNUAL ? "annual" : "progress");
	inputs_add(&ctx, r->tpl->sha256);
	inputs_add(&ctx, r->framework_hash);
	inputs_add(&ctx, r->office_code);
	inputs_add_int(&ctx, r->months);
	inputs_add_int(&ctx, r->tpl->thai_digits);
	inputs_add_int(&ctx, r->as_of.year * 10000 + r->as_of.month * 100 + r->as_of.day);
	if ((rc = inputs_add_query(&ctx, r, r->months, "SELECT * FROM approved_round"
				   " WHERE fiscal_year = ?2 AND round = ?3")) ||
	    (rc = round_digests(r, report_office_round_inputs_sql, report_office_inputs_sql,
				r->results ? r->results->rows : NULL,
				r->results ? &r->results->rows_read : NULL, rows)) ||
	    (rc = round_digests(r, results_digest_sql, NULL, r->results ? r->results->hex : NULL,
				r->results ? &r->results->read : NULL, results)))
		return rc;
	inputs_add(&ctx, rows);
	inputs_add(&ctx, results);
	inputs_end(&ctx, hex);
	return 0;
}

const char *const report_office_sql[] = {
	OPEN_ISSUES_COUNT, OPEN_ISSUES_BY_CODE_SQL, REJECTED_COUNT_SQL, REJECTED_LIST_SQL,
	OFFICE_SCHOOLS_SQL, OFFICE_NETWORKS_SQL, OFFICE_FILES_SQL, OFFICE_SUBMISSIONS_SQL,
	OFFICE_NARRATIVES_SQL, RANKED_COUNT_SQL, RANKED_ORDER_SQL, SAID_SQL, REPORTED_SQL,
	COMPLETENESS_ROUNDS_SQL, SOURCES_SQL, RESULTS_DIGEST_SQL, NULL
};
