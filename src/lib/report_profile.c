/*
 * report_profile.c - the parts of an office report the office profile
 * fills (profile.h): ข้อมูลพื้นฐาน (general information, duties, work
 * groups, staff, schools by size and by district, students by level,
 * teachers, learning results), ทิศทางการพัฒนา (vision, mission, goals,
 * strategies, focus points, the budget received by plan, output and
 * expense type with what is left and what was overspent), the office's own
 * problems, recommendations and directions for next year, and the appendix
 * of the working committee's order and the makers of the report.
 *
 * The schools' figures come from the unit list's optional columns (size,
 * district, students, teachers: table unit), the rest from the newest
 * profile of the office and year.  Each part is printed only when there is
 * something for it, and a section with no part is left out with its
 * contents line: report_profile_parts() and the printing go through the
 * same plan, so the contents reserved match the entries made.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/layout.h"
#include "tidtam/profile.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* The parts of the four sections, in the order printed. */
enum part {
	P_GENERAL, P_DUTIES, P_GROUPS, P_STAFF, P_SIZES, P_DISTRICTS, P_LEVELS, P_TEACHERS,
	P_LEARNING,
	P_VISION, P_MISSION, P_GOALS, P_STRATEGIES, P_FOCUS, P_BUDGET,
	P_PROBLEMS, P_RECOMMENDATIONS, P_NEXT_YEAR,
	P_COMMITTEE, P_MAKERS,
	NR_PARTS
};

static const char *const part_titles[NR_PARTS] = {
	"ข้อมูลทั่วไป", "อำนาจหน้าที่", "โครงสร้างการบริหารและกลุ่มงาน", "บุคลากรในสำนักงาน",
	"สถานศึกษาจำแนกตามขนาด", "สถานศึกษาจำแนกตามอำเภอ", "นักเรียนจำแนกตามระดับชั้น",
	"ครูในสถานศึกษา", "ผลสัมฤทธิ์ทางการเรียน",
	"วิสัยทัศน์", "พันธกิจ", "เป้าประสงค์", "กลยุทธ์", "จุดเน้น",
	"งบประมาณที่ได้รับจัดสรร",
	"ปัญหาและอุปสรรค", "ข้อเสนอแนะ", "แนวทางการดำเนินงานในปีงบประมาณต่อไป",
	"คำสั่งแต่งตั้งคณะทำงาน", "คณะผู้จัดทำรายงาน",
};

/* The first and one past the last part of each section type. */
static int part_range(enum section_type t, int *first, int *end)
{
	switch (t) {
	case SECTION_PROFILE_BASICS:
		*first = P_GENERAL, *end = P_VISION;
		return 1;
	case SECTION_PROFILE_DIRECTION:
		*first = P_VISION, *end = P_PROBLEMS;
		return 1;
	case SECTION_PROFILE_SYNTHESIS:
		*first = P_PROBLEMS, *end = P_COMMITTEE;
		return 1;
	case SECTION_PROFILE_APPENDIX:
		*first = P_COMMITTEE, *end = NR_PARTS;
		return 1;
	default:
		return 0;
	}
}

/* Schools of the office (?1) and below, with what the unit list says of them. */
#define SCHOOLS \
	OFFICE_TREE "SELECT u.code, f.size, f.district, f.students, f.students_by_level," \
	" f.teachers FROM unit u JOIN tree t ON t.code = u.code" \
	" LEFT JOIN unit_figures f ON f.code = u.code WHERE u.kind = 'school'"

/* Sizes in their natural order, those written otherwise after them. */
#define SIZE_ORDER \
	" ORDER BY CASE replace(replace(size, 'ขนาด', ''), ' ', '') WHEN 'เล็ก' THEN 1" \
	" WHEN 'small' THEN 1 WHEN 'กลาง' THEN 2 WHEN 'medium' THEN 2 WHEN 'ใหญ่' THEN 3" \
	" WHEN 'large' THEN 3 WHEN 'ใหญ่พิเศษ' THEN 4 WHEN 'extra-large' THEN 4 ELSE 5 END, size"

/* What the parts count and print of the schools. */
#define COUNT_SIZES "SELECT COUNT(*) FROM (" SCHOOLS ") WHERE size IS NOT NULL"
#define COUNT_DISTRICTS "SELECT COUNT(*) FROM (" SCHOOLS ") WHERE district IS NOT NULL"
#define COUNT_LEVELS "SELECT COUNT(*) FROM (" SCHOOLS ") WHERE students_by_level IS NOT NULL"
#define COUNT_TEACHERS "SELECT COUNT(*) FROM (" SCHOOLS ") WHERE teachers IS NOT NULL"
#define COUNT_SCHOOLS "SELECT COUNT(*) FROM (" SCHOOLS ")"
#define BY_LEVEL \
	"SELECT students_by_level FROM (" SCHOOLS ") WHERE students_by_level IS NOT NULL"
#define TEACHERS \
	"SELECT COUNT(*), SUM(teachers), SUM(CASE WHEN teachers IS NOT NULL THEN students END)" \
	" FROM (" SCHOOLS ") WHERE teachers IS NOT NULL"
#define BY_SIZE \
	"SELECT size, COUNT(*), SUM(students), SUM(teachers) FROM (" SCHOOLS ")" \
	" WHERE size IS NOT NULL GROUP BY size" SIZE_ORDER
#define BY_DISTRICT \
	"SELECT district, COUNT(*), SUM(students), SUM(teachers) FROM (" SCHOOLS ")" \
	" WHERE district IS NOT NULL GROUP BY district ORDER BY district"

static long count_query(const struct report *r, const char *sql)
{
	sqlite3_stmt *st;
	long n = 0;

	if (db_prepare(r->db, &st, sql, NULL))
		return 0;
	report_bind(st, r->office_code, r->fw->fiscal_year, r->months);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Which parts have something to print. */
static void plan(const struct report *r, const struct office_profile *p, int has[NR_PARTS])
{
	memset(has, 0, NR_PARTS * sizeof(*has));
	has[P_GENERAL] = p->address || p->has_area || p->districts.nr;
	has[P_DUTIES] = p->duties.nr > 0;
	has[P_GROUPS] = p->nr_groups > 0;
	has[P_STAFF] = p->nr_staff > 0;
	has[P_SIZES] = count_query(r, COUNT_SIZES) > 0;
	has[P_DISTRICTS] = count_query(r, COUNT_DISTRICTS) > 0;
	has[P_LEVELS] = count_query(r, COUNT_LEVELS) > 0;
	has[P_TEACHERS] = count_query(r, COUNT_TEACHERS) > 0;
	has[P_LEARNING] = p->nr_results > 0;
	has[P_VISION] = p->vision != NULL;
	has[P_MISSION] = p->mission.nr > 0;
	has[P_GOALS] = p->goals.nr > 0;
	has[P_STRATEGIES] = p->strategies.nr > 0;
	has[P_FOCUS] = p->focus.nr > 0;
	has[P_BUDGET] = p->nr_expenses > 0;
	has[P_PROBLEMS] = p->problems.nr > 0;
	has[P_RECOMMENDATIONS] = p->recommendations.nr > 0;
	has[P_NEXT_YEAR] = p->next_year.nr > 0;
	has[P_COMMITTEE] = p->order_number != NULL;
	has[P_MAKERS] = p->nr_makers > 0;
}

int report_profile_parts(const struct report *r, const struct template_section *sec)
{
	struct office_profile p;
	int has[NR_PARTS], first, end, k, n = 0;

	if (!part_range(sec->type, &first, &end))
		return 0;
	if (profile_load(r->db, r->office_code, r->fw->fiscal_year, &p, NULL) < 0)
		memset(&p, 0, sizeof(p));
	plan(r, &p, has);
	profile_release(&p);
	for (k = first; k < end; k++)
		n += has[k];
	return n;
}

/* ---- printing ------------------------------------------------------------ */

struct printer {
	struct office_report *o;
	struct report *r;
	float body, table;
};

static void para(struct printer *pr, const char *text)
{
	body_text(pr->o, text);
}

/* A numbered list: "1. item" each, as paragraphs. */
static void numbered(struct printer *pr, const struct profile_list *l)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < l->nr; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu. %s", i + 1, l->items[i]);
		para(pr, sb.buf);
	}
	strbuf_release(&sb);
}

/* The name column (index name) takes the width the others leave. */
static void fit_columns(struct printer *pr, struct layout_column *cols, size_t n, size_t name)
{
	float used = 0;
	size_t c;

	for (c = 0; c < n; c++)
		if (c != name)
			used += cols[c].width;
	cols[name].width = layout_text_area(&pr->r->l) - used;
}

static void table(struct printer *pr, struct layout_column *cols, size_t ncols,
		  struct cells *cells)
{
	layout_space(&pr->r->l, 4);
	layout_table(&pr->r->l, cols, ncols, cells->items, cells->nr / ncols, pr->table);
	layout_space(&pr->r->l, 6);
	cells_release(cells);
}

static void add_count(struct strbuf *sb, double v)
{
	char *s = report_number(v, 0);

	strbuf_addstr(sb, s);
	free(s);
}

static void general(struct printer *pr, const struct office_profile *p)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	if (p->address) {
		strbuf_addf(&sb, "%s ตั้งอยู่ที่ %s", pr->r->office_name, p->address);
		para(pr, sb.buf);
	}
	if (p->has_area || p->districts.nr) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "มีเขตพื้นที่บริการ");
		if (p->has_area) {
			char *a = report_number(p->area, p->area == floor(p->area) ? 0 : 2);

			strbuf_addf(&sb, " %s ตารางกิโลเมตร", a);
			free(a);
		}
		if (p->districts.nr) {
			strbuf_addf(&sb, " ครอบคลุม %zu อำเภอ ได้แก่ ", p->districts.nr);
			/* a district's name is a name: never broken unless wider than a line */
			for (i = 0; i < p->districts.nr; i++)
				thai_breaker_keep(pr->r->l.breaker, p->districts.items[i]);
			for (i = 0; i < p->districts.nr; i++)
				strbuf_addf(&sb, "%s%s%s", i ? (i + 1 == p->districts.nr ? " และ" : " ")
							: "", "อำเภอ", p->districts.items[i]);
		}
		para(pr, sb.buf);
	}
	strbuf_release(&sb);
}

static void groups(struct printer *pr, const struct office_profile *p)
{
	struct layout_column cols[4] = {
		{ "ที่", 30, ALIGN_CENTER, 0 }, { "กลุ่มงาน", 0, ALIGN_LEFT, 0 },
		{ "ผู้อำนวยการกลุ่ม", 170, ALIGN_LEFT, 0 }, { "บุคลากร (คน)", 70, ALIGN_RIGHT, 0 },
	};
	struct cells cells = { 0 };
	long total = 0;
	size_t i;
	int heads = 0;

	for (i = 0; i < p->nr_groups; i++)
		heads |= p->groups[i].head != NULL;
	if (!heads)
		/* no head named: the column is left out */
		cols[2] = cols[3];
	fit_columns(pr, cols, heads ? 4 : 3, 1);
	for (i = 0; i < p->nr_groups; i++) {
		cell_addf(&cells, "%zu", i + 1);
		cell_add(&cells, xstrdup(p->groups[i].name));
		if (heads)
			cell_add(&cells, xstrdup(p->groups[i].head ? p->groups[i].head : "-"));
		cell_add(&cells, report_number((double)p->groups[i].staff, 0));
		total += p->groups[i].staff;
	}
	cell_add(&cells, xstrdup(""));
	cell_add(&cells, xstrdup("รวม"));
	if (heads)
		cell_add(&cells, xstrdup(""));
	cell_add(&cells, report_number((double)total, 0));
	table(pr, cols, heads ? 4 : 3, &cells);
}

static void staff(struct printer *pr, const struct office_profile *p)
{
	struct layout_column cols[4] = {
		{ "ที่", 30, ALIGN_CENTER, 0 }, { "ประเภทตำแหน่ง", 0, ALIGN_LEFT, 0 },
		{ "จำนวน (คน)", 80, ALIGN_RIGHT, 0 }, { "ร้อยละ", 70, ALIGN_RIGHT, 0 },
	};
	struct cells cells = { 0 };
	long total = 0;
	size_t i;

	fit_columns(pr, cols, 4, 1);
	for (i = 0; i < p->nr_staff; i++)
		total += p->staff[i].count;
	for (i = 0; i < p->nr_staff; i++) {
		cell_addf(&cells, "%zu", i + 1);
		cell_add(&cells, xstrdup(p->staff[i].type));
		cell_add(&cells, report_number((double)p->staff[i].count, 0));
		cell_add(&cells, total ? report_number(100.0 * p->staff[i].count / total, 2)
				       : xstrdup("-"));
	}
	cell_add(&cells, xstrdup(""));
	cell_add(&cells, xstrdup("รวม"));
	cell_add(&cells, report_number((double)total, 0));
	cell_add(&cells, total ? report_number(100, 2) : xstrdup("-"));
	table(pr, cols, 4, &cells);
}

/* Schools grouped by a column of unit (size or district): schools, students, teachers. */
static int schools_by(struct printer *pr, const char *what, const char *sql)
{
	struct layout_column cols[5] = {
		{ what, 0, ALIGN_LEFT, 0 }, { "โรงเรียน", 70, ALIGN_RIGHT, 0 },
		{ "ร้อยละ", 60, ALIGN_RIGHT, 0 }, { "นักเรียน (คน)", 90, ALIGN_RIGHT, 0 },
		{ "ครู (คน)", 80, ALIGN_RIGHT, 0 },
	};
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	double total[3] = { 0 }, all;
	int rc;

	if ((rc = report_query(pr->r, pr->r->months, &st, sql)))
		return rc;
	all = (double)count_query(pr->r, COUNT_SCHOOLS);
	fit_columns(pr, cols, 5, 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		double n = sqlite3_column_double(st, 1);

		cell_add(&cells, xstrdup(sqlite3_column_type(st, 0) == SQLITE_NULL
						 ? "ไม่ระบุ" : db_column_text(st, 0)));
		cell_add(&cells, report_number(n, 0));
		cell_add(&cells, all > 0 ? report_number(100.0 * n / all, 2) : xstrdup("-"));
		cell_add(&cells, report_number(sqlite3_column_double(st, 2), 0));
		cell_add(&cells, report_number(sqlite3_column_double(st, 3), 0));
		total[0] += n;
		total[1] += sqlite3_column_double(st, 2);
		total[2] += sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	cell_add(&cells, xstrdup("รวม"));
	cell_add(&cells, report_number(total[0], 0));
	cell_add(&cells, all > 0 ? report_number(100.0 * total[0] / all, 2) : xstrdup("-"));
	cell_add(&cells, report_number(total[1], 0));
	cell_add(&cells, report_number(total[2], 0));
	table(pr, cols, 5, &cells);
	return 0;
}

/* Students by level: the sums of "level=count;…" over the office's schools. */
static int levels(struct printer *pr)
{
	static const char *const names[] = { "อนุบาล", "ประถมศึกษา", "มัธยมศึกษาตอนต้น",
					     "มัธยมศึกษาตอนปลาย" };
	struct layout_column cols[3] = {
		{ "ระดับชั้น", 0, ALIGN_LEFT, 0 }, { "นักเรียน (คน)", 100, ALIGN_RIGHT, 0 },
		{ "ร้อยละ", 80, ALIGN_RIGHT, 0 },
	};
	struct cells cells = { 0 };
	sqlite3_stmt *st;
	double sum[4] = { 0 }, total = 0;
	int has[4] = { 0 }, rc;
	size_t k;

	if ((rc = report_query(pr->r, pr->r->months, &st, BY_LEVEL)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = db_column_text(st, 0);

		for (k = 0; k < 4; k++) {
			const char *at = strstr(s, names[k]);
			size_t n = strlen(names[k]);
			long v;
			char *end;

			/* "มัธยมศึกษาตอนต้น" is not found inside another level's name */
			if (!at || at[n] != '=')
				continue;
			v = strtol(at + n + 1, &end, 10);
			sum[k] += (double)v;
			total += (double)v;
			has[k] = 1;
		}
	}
	sqlite3_finalize(st);
	fit_columns(pr, cols, 3, 0);
	for (k = 0; k < 4; k++) {
		if (!has[k])
			continue;
		cell_add(&cells, xstrdup(names[k]));
		cell_add(&cells, report_number(sum[k], 0));
		cell_add(&cells, total > 0 ? report_number(100.0 * sum[k] / total, 2) : xstrdup("-"));
	}
	cell_add(&cells, xstrdup("รวม"));
	cell_add(&cells, report_number(total, 0));
	cell_add(&cells, total > 0 ? report_number(100, 2) : xstrdup("-"));
	table(pr, cols, 3, &cells);
	return 0;
}

static void teachers(struct printer *pr)
{
	sqlite3_stmt *st;
	struct strbuf sb;

	if (report_query(pr->r, pr->r->months, &st, TEACHERS))
		return;
	strbuf_init(&sb);
	if (sqlite3_step(st) == SQLITE_ROW) {
		double schools = sqlite3_column_double(st, 0), t = sqlite3_column_double(st, 1);
		double s = sqlite3_column_double(st, 2);

		strbuf_addstr(&sb, "สถานศึกษาในสังกัดที่รายงานจำนวนครู ");
		add_count(&sb, schools);
		strbuf_addstr(&sb, " โรง มีครูรวม ");
		add_count(&sb, t);
		strbuf_addstr(&sb, " คน");
		if (t > 0 && s > 0) {
			char *ratio = report_number(s / t, 1);

			strbuf_addstr(&sb, " นักเรียนของสถานศึกษาเหล่านี้ ");
			add_count(&sb, s);
			strbuf_addf(&sb, " คน คิดเป็นนักเรียน %s คนต่อครู 1 คน", ratio);
			free(ratio);
		}
		para(pr, sb.buf);
	}
	sqlite3_finalize(st);
	strbuf_release(&sb);
}

static void learning(struct printer *pr, const struct office_profile *p)
{
	struct layout_column cols[6] = {
		{ "การทดสอบ", 76, ALIGN_LEFT, 0 }, { "ระดับชั้น", 58, ALIGN_LEFT, 0 },
		{ "วิชา/ด้าน", 0, ALIGN_LEFT, 0 }, { "ค่าเฉลี่ยเขตพื้นที่", 90, ALIGN_RIGHT, 0 },
		{ "ค่าเฉลี่ยระดับประเทศ", 90, ALIGN_RIGHT, 0 }, { "ผลต่าง", 56, ALIGN_RIGHT, 0 },
	};
	struct cells cells = { 0 };
	size_t i, above = 0, compared = 0;
	struct strbuf sb;

	fit_columns(pr, cols, 6, 2);
	for (i = 0; i < p->nr_results; i++) {
		const struct profile_result *x = &p->results[i];

		cell_add(&cells, xstrdup(x->test));
		cell_add(&cells, xstrdup(x->level));
		cell_add(&cells, xstrdup(x->subject));
		cell_add(&cells, report_number(x->office, 2));
		if (x->has_national) {
			struct strbuf d;
			char *n = report_number(fabs(x->office - x->national), 2);

			strbuf_init(&d);
			strbuf_addf(&d, "%s%s", x->office > x->national ? "+"
						: x->office < x->national ? "-" : "", n);
			free(n);
			cell_add(&cells, report_number(x->national, 2));
			cell_add(&cells, strbuf_detach(&d));
			compared++;
			above += x->office > x->national;
		} else {
			cell_add(&cells, xstrdup("-"));
			cell_add(&cells, xstrdup("-"));
		}
	}
	table(pr, cols, 6, &cells);
	if (compared) {
		strbuf_init(&sb);
		strbuf_addf(&sb, "จากผลการทดสอบที่เทียบกับระดับประเทศได้ %zu รายการ ค่าเฉลี่ยของ"
			    "เขตพื้นที่สูงกว่าค่าเฉลี่ยระดับประเทศ %zu รายการ และไม่สูงกว่า %zu รายการ",
			    compared, above, compared - above);
		para(pr, sb.buf);
		strbuf_release(&sb);
	}
}

/* ---- the budget received ---------------------------------------------------- */

struct sums {
	double allocated, spent;
};

/*
 * A budget row: name, allocated, spent, what remains (below 0 when more was
 * spent than allocated: the words below the table name each such row),
 * percent spent.
 */
static void budget_row(struct cells *cells, const char *name, const struct sums *s)
{
	cell_add(cells, xstrdup(name));
	cell_add(cells, report_number(s->allocated, 0));
	cell_add(cells, report_number(s->spent, 0));
	cell_add(cells, report_number(s->allocated - s->spent, 0));
	cell_add(cells, s->allocated > 0 ? report_number(100.0 * s->spent / s->allocated, 2)
					 : xstrdup("-"));
}

static void budget_columns(struct printer *pr, struct layout_column cols[5], const char *what)
{
	cols[0] = (struct layout_column){ what, 0, ALIGN_LEFT, 0 };
	cols[1] = (struct layout_column){ "ได้รับจัดสรร (บาท)", 76, ALIGN_RIGHT, 0 };
	cols[2] = (struct layout_column){ "เบิกจ่าย (บาท)", 76, ALIGN_RIGHT, 0 };
	cols[3] = (struct layout_column){ "คงเหลือ (บาท)", 76, ALIGN_RIGHT, 0 };
	cols[4] = (struct layout_column){ "ร้อยละที่เบิกจ่าย", 56, ALIGN_RIGHT, 0 };
	fit_columns(pr, cols, 5, 0);
}

static void add_sums(struct sums *s, const struct profile_expense *x)
{
	s->allocated += x->allocated;
	s->spent += x->spent;
}

/* The total of the expenses from i on with the same plan (output too if by_output). */
static struct sums group_sums(const struct office_profile *p, size_t i, int by_output,
			      size_t *end)
{
	struct sums s = { 0, 0 };
	size_t k;

	for (k = i; k < p->nr_expenses && !strcmp(p->expenses[k].plan, p->expenses[i].plan) &&
		    (!by_output || !strcmp(p->expenses[k].output, p->expenses[i].output)); k++)
		add_sums(&s, &p->expenses[k]);
	*end = k;
	return s;
}

static void budget(struct printer *pr, const struct office_profile *p)
{
	struct layout_column cols[5];
	struct cells cells = { 0 };
	struct sums total = { 0, 0 }, by_type[PROFILE_NR_EXPENSE_TYPES];
	struct strbuf sb, over;
	size_t i, k, plan_no = 0, out_no = 0, nr_over = 0;

	memset(by_type, 0, sizeof(by_type));
	strbuf_init(&sb);
	strbuf_init(&over);
	budget_columns(pr, cols, "แผนงาน / ผลผลิตหรือโครงการ / งบรายจ่าย");
	for (i = 0; i < p->nr_expenses;) {
		size_t plan_end, out_end;
		struct sums ps = group_sums(p, i, 0, &plan_end);

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%zu %s", ++plan_no, p->expenses[i].plan);
		budget_row(&cells, sb.buf, &ps);
		out_no = 0;
		while (i < plan_end) {
			struct sums os = group_sums(p, i, 1, &out_end);

			strbuf_reset(&sb);
			strbuf_addf(&sb, "%zu.%zu %s", plan_no, ++out_no, p->expenses[i].output);
			budget_row(&cells, sb.buf, &os);
			for (k = i; k < out_end; k++) {
				const struct profile_expense *x = &p->expenses[k];
				struct sums es = { x->allocated, x->spent };
				size_t t;

				strbuf_reset(&sb);
				strbuf_addf(&sb, "%zu.%zu.%zu %s", plan_no, out_no, k - i + 1, x->type);
				budget_row(&cells, sb.buf, &es);
				for (t = 0; t < PROFILE_NR_EXPENSE_TYPES; t++)
					if (!strcmp(x->type, profile_expense_types[t]))
						add_sums(&by_type[t], x);
				add_sums(&total, x);
				if (x->spent > x->allocated) {
					char *a = report_number(x->spent - x->allocated, 0);
					char *pc = report_number(x->allocated > 0 ? 100.0 * x->spent /
								 x->allocated : 0, 2);

					strbuf_addf(&over, "%s%s ของ%s เบิกจ่ายเกินวงเงินที่ได้รับ"
						    " %s บาท (เบิกจ่ายร้อยละ %s ของวงเงิน)",
						    nr_over ? " " : "", x->type, x->output, a, pc);
					free(a);
					free(pc);
					nr_over++;
				}
			}
			i = out_end;
		}
	}
	budget_row(&cells, "รวมทั้งสิ้น", &total);
	{
		char *a = report_number(total.allocated, 0), *s = report_number(total.spent, 0);
		char *pc = report_number(total.allocated > 0 ? 100.0 * total.spent / total.allocated
					 : 0, 2);

		strbuf_reset(&sb);
		strbuf_addf(&sb, "ในปีงบประมาณ พ.ศ. %d %s ได้รับจัดสรรงบประมาณ %zu แผนงาน"
			    " รวม %s บาท เบิกจ่ายแล้ว %s บาท คิดเป็นร้อยละ %s ของงบประมาณที่ได้รับ",
			    p->fiscal_year, pr->r->office_name, plan_no, a, s, pc);
		free(a);
		free(s);
		free(pc);
		if (total.spent <= total.allocated) {
			char *rem = report_number(total.allocated - total.spent, 0);

			strbuf_addf(&sb, " คงเหลือ %s บาท", rem);
			free(rem);
		} else {
			char *ex = report_number(total.spent - total.allocated, 0);

			strbuf_addf(&sb, " เบิกจ่ายเกินงบประมาณที่ได้รับรวม %s บาท", ex);
			free(ex);
		}
		para(pr, sb.buf);
	}
	table(pr, cols, 5, &cells);
	if (nr_over) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ข้อสังเกต: มีรายการที่เบิกจ่ายเกินงบประมาณที่ได้รับจัดสรร %zu รายการ"
			    " ได้แก่ %s ควรตรวจสอบการโอนเปลี่ยนแปลงงบประมาณหรือความถูกต้องของข้อมูล",
			    nr_over, over.buf);
		para(pr, sb.buf);
	}
	/* by expense type */
	budget_columns(pr, cols, "งบรายจ่าย");
	for (k = 0; k < PROFILE_NR_EXPENSE_TYPES; k++)
		if (by_type[k].allocated > 0 || by_type[k].spent > 0)
			budget_row(&cells, profile_expense_types[k], &by_type[k]);
	budget_row(&cells, "รวม", &total);
	layout_need(&pr->r->l, pr->body * 4 * LAYOUT_LINE_HEIGHT);
	para(pr, "งบประมาณที่ได้รับจำแนกตามงบรายจ่าย");
	table(pr, cols, 5, &cells);
	strbuf_release(&sb);
	strbuf_release(&over);
}

/* ---- the appendix --------------------------------------------------------- */

static void people(struct printer *pr, const struct profile_person *v, size_t n, int roles)
{
	struct layout_column cols[4] = {
		{ "ที่", 30, ALIGN_CENTER, 0 }, { "ชื่อ - สกุล", 150, ALIGN_LEFT, 0 },
		{ "ตำแหน่ง", 0, ALIGN_LEFT, 0 }, { "หน้าที่", 135, ALIGN_LEFT, 0 },
	};
	struct cells cells = { 0 };
	size_t i, ncols = roles ? 4 : 3;

	fit_columns(pr, cols, ncols, 2);
	for (i = 0; i < n; i++) {
		cell_addf(&cells, "%zu", i + 1);
		cell_add(&cells, xstrdup(v[i].name));
		cell_add(&cells, xstrdup(v[i].position));
		if (roles)
			cell_add(&cells, xstrdup(v[i].role ? v[i].role : "-"));
	}
	table(pr, cols, ncols, &cells);
}

static void committee(struct printer *pr, const struct office_profile *p)
{
	struct strbuf sb;
	size_t i;
	int roles = 0;

	strbuf_init(&sb);
	strbuf_addf(&sb, "คำสั่ง%s ที่ %s ลงวันที่ %s เรื่อง ", pr->r->office_name,
		    p->order_number, p->order_date);
	if (p->order_title)
		strbuf_addstr(&sb, p->order_title);
	else
		strbuf_addf(&sb, "แต่งตั้งคณะทำงานจัดทำรายงานผลการดำเนินงานประจำปีงบประมาณ"
			    " พ.ศ. %d", p->fiscal_year);
	para(pr, sb.buf);
	strbuf_release(&sb);
	for (i = 0; i < p->nr_committee; i++)
		roles |= p->committee[i].role != NULL;
	if (p->nr_committee)
		people(pr, p->committee, p->nr_committee, roles);
}

/* ---- the sections ----------------------------------------------------------- */

static int print_part(struct printer *pr, const struct office_profile *p, int k)
{
	switch ((enum part)k) {
	case P_GENERAL:
		general(pr, p);
		break;
	case P_DUTIES:
		numbered(pr, &p->duties);
		break;
	case P_GROUPS:
		groups(pr, p);
		break;
	case P_STAFF:
		staff(pr, p);
		break;
	case P_SIZES:
		return schools_by(pr, "ขนาดสถานศึกษา", BY_SIZE);
	case P_DISTRICTS:
		return schools_by(pr, "อำเภอ", BY_DISTRICT);
	case P_LEVELS:
		return levels(pr);
	case P_TEACHERS:
		teachers(pr);
		break;
	case P_LEARNING:
		learning(pr, p);
		break;
	case P_VISION:
		para(pr, p->vision);
		break;
	case P_MISSION:
		numbered(pr, &p->mission);
		break;
	case P_GOALS:
		numbered(pr, &p->goals);
		break;
	case P_STRATEGIES:
		numbered(pr, &p->strategies);
		break;
	case P_FOCUS:
		numbered(pr, &p->focus);
		break;
	case P_BUDGET:
		budget(pr, p);
		break;
	case P_PROBLEMS:
		numbered(pr, &p->problems);
		break;
	case P_RECOMMENDATIONS:
		numbered(pr, &p->recommendations);
		break;
	case P_NEXT_YEAR:
		numbered(pr, &p->next_year);
		break;
	case P_COMMITTEE:
		committee(pr, p);
		break;
	case P_MAKERS:
		people(pr, p->makers, p->nr_makers, 0);
		break;
	case NR_PARTS:
		break;
	}
	return 0;
}

int report_profile_section(struct office_report *o, struct report *r, float body,
			   float table_size, const struct template_section *sec)
{
	struct printer pr = { o, r, body, table_size };
	struct office_profile p;
	int has[NR_PARTS], first, end, k, rc;

	if (!part_range(sec->type, &first, &end))
		return 0;
	if ((rc = profile_load(r->db, r->office_code, r->fw->fiscal_year, &p, r->err)) < 0)
		return rc;
	plan(r, &p, has);
	section_start(o, sec);
	for (rc = 0, k = first; !rc && k < end; k++) {
		if (!has[k])
			continue;
		part_start(o, part_titles[k], body * 3 * LAYOUT_LINE_HEIGHT, 0, sec->landscape);
		rc = print_part(&pr, &p, k);
	}
	profile_release(&p);
	return rc;
}

const char *const report_profile_sql[] = {
	COUNT_SIZES, COUNT_DISTRICTS, COUNT_LEVELS, COUNT_TEACHERS, COUNT_SCHOOLS, BY_LEVEL,
	TEACHERS, BY_SIZE, BY_DISTRICT, NULL
};
