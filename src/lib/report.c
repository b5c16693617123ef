/*
 * report.c - the annual report of an area office, from the result tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/approval.h"
#include "tidtam/csv.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/report.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define BODY 14.0f
#define TABLE 12.0f

struct cells {
	char **items;
	size_t nr, alloc;
};

static void cell_add(struct cells *c, char *s)
{
	xgrow(&c->items, &c->alloc, c->nr + 1, sizeof(*c->items));
	c->items[c->nr++] = s;
}

static void cell_addf(struct cells *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void cell_addf(struct cells *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cell_add(c, xstrdup(buf));
}

static void cells_release(struct cells *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		free(c->items[i]);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

/* How an indicator's value is printed: percentages and means with decimals. */
static int decimals_of(const struct indicator *ind)
{
	if (ind->type == VALUE_PERCENT || ind->aggregation == AGG_MEAN)
		return 2;
	return 0;
}

static char *number_text(double v, int decimals)
{
	struct strbuf sb;

	strbuf_init(&sb);
	thai_format_number(&sb, v, decimals, 0);
	return strbuf_detach(&sb);
}

struct report {
	sqlite3 *db;
	const struct framework *fw;
	const char *office_code;
	char office_name[256];
	struct layout l;
	struct tt_error *err;
	struct approval approval;  /* of the 12-month round */
};

/* Room for a table's header row and its first row, which a title keeps. */
#define TABLE_START (4 * TABLE * LAYOUT_LINE_HEIGHT)

static void cover(struct report *r, const struct tt_date *as_of)
{
	struct layout *l = &r->l;
	struct strbuf sb;

	layout_new_page(l, 0);
	layout_space(l, 180);
	layout_paragraph(l, 1, 26, ALIGN_CENTER, "รายงานผลการดำเนินงาน");
	strbuf_init(&sb);
	strbuf_addstr(&sb, "ประจำ");
	period_format_fiscal_year(&sb, r->fw->fiscal_year);
	layout_paragraph(l, 1, 22, ALIGN_CENTER, sb.buf);
	layout_space(l, 20);
	layout_paragraph(l, 0, 18, ALIGN_CENTER, r->fw->title);
	layout_space(l, 120);
	layout_paragraph(l, 1, 20, ALIGN_CENTER, r->office_name);
	layout_paragraph(l, 0, 16, ALIGN_CENTER, "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
						  " กระทรวงศึกษาธิการ");
	layout_space(l, 40);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "ข้อมูล ณ วันที่ ");
	period_format_thai(&sb, as_of, 1);
	layout_paragraph(l, 0, 16, ALIGN_CENTER, sb.buf);
	strbuf_release(&sb);
}

static int area_section(struct report *r, size_t area)
{
	static const struct layout_column cols[] = {
		{ "รหัส", 58, ALIGN_LEFT }, { "ตัวชี้วัด", 250, ALIGN_LEFT },
		{ "หน่วยนับ", 52, ALIGN_CENTER }, { "เป้าหมาย", 56, ALIGN_RIGHT },
		{ "3 เดือน", 56, ALIGN_RIGHT }, { "6 เดือน", 56, ALIGN_RIGHT },
		{ "9 เดือน", 56, ALIGN_RIGHT }, { "12 เดือน", 56, ALIGN_RIGHT },
		{ "ผลการประเมิน", 88, ALIGN_CENTER },
	};
	const struct framework *fw = r->fw;
	struct cells cells = { 0 };
	sqlite3_stmt *st = NULL, *sum = NULL;
	struct strbuf sb;
	size_t i;
	int rc, m;

	if ((rc = db_prepare(r->db, &st,
			     "SELECT to_date, achieved, reporting, expected FROM result"
			     " WHERE fiscal_year = ?1 AND round = ?2 AND unit_code = ?3"
			     " AND indicator = ?4", r->err)) ||
	    (rc = db_prepare(r->db, &sum,
			     "SELECT indicators, with_result, achieved, round FROM area_result"
			     " WHERE fiscal_year = ?1 AND unit_code = ?2 AND policy_area = ?3"
			     " AND with_result > 0 ORDER BY round DESC LIMIT 1", r->err)))
		goto out;
	layout_new_page(&r->l, 1);
	strbuf_init(&sb);
	strbuf_addf(&sb, "ด้านที่ %zu %s", area + 1, fw->areas[area].name);
	layout_heading(&r->l, 18, sb.buf, BODY * LAYOUT_LINE_HEIGHT + TABLE_START);
	sqlite3_bind_int(sum, 1, fw->fiscal_year);
	db_bind_text(sum, 2, r->office_code);
	db_bind_text(sum, 3, fw->areas[area].code);
	strbuf_reset(&sb);
	if (sqlite3_step(sum) == SQLITE_ROW)
		strbuf_addf(&sb, "ตัวชี้วัดที่มีเป้าหมาย %d ตัว มีผลการดำเนินงาน %d ตัว"
			    " บรรลุเป้าหมาย %d ตัว (ข้อมูลรอบ %d เดือน)",
			    sqlite3_column_int(sum, 0), sqlite3_column_int(sum, 1),
			    sqlite3_column_int(sum, 2), sqlite3_column_int(sum, 3));
	else
		strbuf_addstr(&sb, "ยังไม่มีผลการดำเนินงานของด้านนี้");
	layout_paragraph(&r->l, 0, BODY, ALIGN_LEFT, sb.buf);
	layout_space(&r->l, 6);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const char *status = "ยังไม่มีผล";

		if (ind->policy_area != area)
			continue;
		cell_add(&cells, xstrdup(ind->code));
		cell_add(&cells, xstrdup(ind->name));
		cell_add(&cells, xstrdup(ind->unit));
		cell_add(&cells, ind->has_target ? number_text(ind->target, ind->type == VALUE_PERCENT ? 0 : decimals_of(ind))
						 : xstrdup("-"));
		for (m = 3; m <= 12; m += 3) {
			sqlite3_reset(st);
			sqlite3_bind_int(st, 1, fw->fiscal_year);
			sqlite3_bind_int(st, 2, m);
			db_bind_text(st, 3, r->office_code);
			db_bind_text(st, 4, ind->code);
			if (sqlite3_step(st) == SQLITE_ROW &&
			    sqlite3_column_type(st, 0) != SQLITE_NULL) {
				cell_add(&cells, number_text(sqlite3_column_double(st, 0),
							     decimals_of(ind)));
				if (sqlite3_column_type(st, 1) != SQLITE_NULL)
					status = sqlite3_column_int(st, 1) ? "บรรลุ"
									   : "ไม่บรรลุ";
			} else {
				cell_add(&cells, xstrdup(ind->type == VALUE_TEXT ? "" : "-"));
			}
		}
		cell_add(&cells, xstrdup(ind->type == VALUE_TEXT ? "รายงานเชิงคุณภาพ" : status));
	}
	layout_table(&r->l, cols, sizeof(cols) / sizeof(cols[0]), cells.items,
		     cells.nr / (sizeof(cols) / sizeof(cols[0])), TABLE);
	strbuf_release(&sb);
out:
	cells_release(&cells);
	sqlite3_finalize(st);
	sqlite3_finalize(sum);
	return rc;
}

/* part as a percentage of whole, or "-" when whole is 0 */
static void percent_cell(struct cells *cells, double part, double whole)
{
	struct strbuf pct;

	strbuf_init(&pct);
	if (whole > 0)
		thai_format_percent(&pct, 100.0 * part / whole, 2);
	else
		strbuf_addch(&pct, '-');
	cell_add(cells, strbuf_detach(&pct));
}

static int completeness_section(struct report *r)
{
	static const struct layout_column cols[] = {
		{ "หน่วยงาน", 250, ALIGN_LEFT }, { "รอบรายงาน", 70, ALIGN_CENTER },
		{ "ต้องส่ง", 56, ALIGN_RIGHT }, { "ส่งแล้ว", 56, ALIGN_RIGHT },
		{ "ตรงเวลา", 56, ALIGN_RIGHT }, { "ล่าช้า", 56, ALIGN_RIGHT },
		{ "ไม่ส่ง", 56, ALIGN_RIGHT }, { "ผ่านการตรวจ", 64, ALIGN_RIGHT },
		{ "ความครบถ้วนของข้อมูล", 64, ALIGN_RIGHT },
	};
	struct cells cells = { 0 };
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(r->db, &st,
			     "SELECT u.name, c.round, c.expected, c.received, c.on_time, c.late,"
			     " c.missing, c.accepted, c.values_expected, c.values_present"
			     " FROM completeness c JOIN unit u ON u.code = c.unit_code"
			     " WHERE c.fiscal_year = ?1 AND (c.unit_code = ?2 OR u.parent = ?2)"
			     " ORDER BY u.kind = 'network', c.unit_code, c.round", r->err)))
		return rc;
	layout_new_page(&r->l, 1);
	layout_heading(&r->l, 18, "ความครบถ้วนและความทันเวลาของการรายงาน",
		       2 * BODY * LAYOUT_LINE_HEIGHT + TABLE_START);
	layout_paragraph(&r->l, 0, BODY, ALIGN_LEFT,
			 "จำนวนหน่วยงานที่ต้องส่งข้อมูลในแต่ละรอบ ส่งแล้ว ส่งตรงเวลา (ภายในกำหนดส่ง"
			 "ของรอบ) ส่งล่าช้า และไม่ส่ง แยกตามสำนักงานเขตพื้นที่และเครือข่ายสถานศึกษา");
	layout_space(&r->l, 6);
	sqlite3_bind_int(st, 1, r->fw->fiscal_year);
	db_bind_text(st, 2, r->office_code);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int c;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_addf(&cells, "%d เดือน", sqlite3_column_int(st, 1));
		for (c = 2; c <= 7; c++)
			cell_add(&cells, number_text(sqlite3_column_double(st, c), 0));
		percent_cell(&cells, sqlite3_column_double(st, 9), sqlite3_column_double(st, 8));
	}
	layout_table(&r->l, cols, sizeof(cols) / sizeof(cols[0]), cells.items,
		     cells.nr / (sizeof(cols) / sizeof(cols[0])), TABLE);
	cells_release(&cells);
	sqlite3_finalize(st);
	return 0;
}

/* The newest date a submission of the year was sent: the report's date. */
static void data_date(sqlite3 *db, int fy, struct tt_date *out)
{
	sqlite3_stmt *st;

	period_fiscal_year_end(fy, out);
	if (db_prepare(db, &st, "SELECT MAX(submitted_on) FROM submission"
				" WHERE fiscal_year = ?1 AND status = 'accepted'", NULL))
		return;
	sqlite3_bind_int(st, 1, fy);
	if (sqlite3_step(st) == SQLITE_ROW)
		period_parse_date(db_column_text(st, 0), out);
	sqlite3_finalize(st);
}

/* The round's approval as the page header: a draft mark or the approval line. */
static int round_header(struct report *r, int months)
{
	int rc = approval_get(r->db, r->fw->fiscal_year, months, &r->approval, r->err);
	struct strbuf line;
	struct tt_date on;

	if (rc)
		return rc;
	strbuf_init(&line);
	if (r->approval.approved) {
		strbuf_addf(&line, "ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง โดย %s", r->approval.by);
		if (!period_parse_date(r->approval.at, &on)) {
			strbuf_addstr(&line, " เมื่อวันที่ ");
			period_format_thai(&line, &on, 1);
		}
	} else {
		strbuf_addstr(&line, "ร่าง / DRAFT  ยังไม่ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง");
	}
	tt_strlcpy(r->l.header, line.buf, sizeof(r->l.header));
	strbuf_release(&line);
	return 0;
}

static int render_annual(sqlite3 *db, const struct framework *fw, const char *office,
			 const char *office_name, const char *output_dir,
			 const struct report_options *opt, struct tt_error *err)
{
	struct report r;
	struct strbuf dir, path, title;
	struct tt_date as_of;
	size_t a;
	int rc;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.fw = fw;
	r.office_code = office;
	r.err = err;
	tt_strlcpy(r.office_name, office_name, sizeof(r.office_name));
	strbuf_init(&dir);
	strbuf_init(&path);
	strbuf_init(&title);
	if ((rc = layout_open(&r.l, NULL, err)))
		goto out;
	r.l.thai_digits = opt->thai_digits;
	data_date(db, fw->fiscal_year, &as_of);
	strbuf_addstr(&title, "รายงานผลการดำเนินงานประจำ");
	period_format_fiscal_year(&title, fw->fiscal_year);
	layout_set_info(&r.l, title.buf, office_name, as_of.year, as_of.month, as_of.day);
	snprintf(r.l.footer, sizeof(r.l.footer), "%s  %s", office_name, title.buf);
	/* the annual report is signed off with the 12-month round */
	if ((rc = round_header(&r, 12)))
		goto out;
	cover(&r, &as_of);
	for (a = 0; !rc && a < fw->nr_areas; a++)
		rc = area_section(&r, a);
	if (!rc)
		rc = completeness_section(&r);
	strbuf_addf(&dir, "%s/reports/%d/%s", output_dir, fw->fiscal_year, office);
	strbuf_addf(&path, "%s/annual-%d.pdf", dir.buf, fw->fiscal_year);
	if (!rc)
		rc = tt_mkdirs(dir.buf, err);
	if (!rc)
		rc = layout_save(&r.l, path.buf, err);
out:
	layout_close(&r.l);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&title);
	return rc;
}

/* ---- the validation report of a round --------------------------------- */

/* The units at and below an office, as a CTE to put before a query. */
#define OFFICE_TREE \
	"WITH RECURSIVE tree(code) AS (SELECT ?1 UNION ALL" \
	" SELECT u.code FROM unit u JOIN tree t ON u.parent = t.code) "

/* A round query: ?1 the office, ?2 the fiscal year, ?3 the round's months. */
static int prepare_round(struct report *r, int months, sqlite3_stmt **st, const char *sql)
{
	int rc = db_prepare(r->db, st, sql, r->err);

	if (rc)
		return rc;
	db_bind_text(*st, 1, r->office_code);
	sqlite3_bind_int(*st, 2, r->fw->fiscal_year);
	sqlite3_bind_int(*st, 3, months);
	return 0;
}

/* Completeness of the round: networks and office, groups, then each school. */
static int round_completeness(struct report *r, int months)
{
	static const struct layout_column unit_cols[] = {
		{ "หน่วยงาน", 178, ALIGN_LEFT }, { "ต้องส่ง", 44, ALIGN_RIGHT },
		{ "ส่งแล้ว", 44, ALIGN_RIGHT }, { "ตรงเวลา", 44, ALIGN_RIGHT },
		{ "ล่าช้า", 40, ALIGN_RIGHT }, { "ไม่ส่ง", 40, ALIGN_RIGHT },
		{ "ผ่านการตรวจ", 50, ALIGN_RIGHT }, { "ข้อมูลครบ", 62, ALIGN_RIGHT },
	};
	static const struct layout_column group_cols[] = {
		{ "กลุ่มงานที่รับผิดชอบ", 164, ALIGN_LEFT }, { "ตัวชี้วัด", 44, ALIGN_RIGHT },
		{ "ต้องส่ง", 44, ALIGN_RIGHT }, { "ส่งแล้ว", 44, ALIGN_RIGHT },
		{ "ตรงเวลา", 44, ALIGN_RIGHT }, { "ล่าช้า", 40, ALIGN_RIGHT },
		{ "ไม่ส่ง", 40, ALIGN_RIGHT }, { "ข้อมูลครบ", 62, ALIGN_RIGHT },
	};
	static const struct layout_column school_cols[] = {
		{ "รหัส", 84, ALIGN_LEFT }, { "โรงเรียน", 190, ALIGN_LEFT },
		{ "สถานะ", 66, ALIGN_CENTER }, { "วันที่ส่ง", 74, ALIGN_CENTER },
		{ "ผลการตรวจ", 70, ALIGN_CENTER },
	};
	const struct round *round = framework_round(r->fw, months);
	struct cells cells = { 0 };
	sqlite3_stmt *st = NULL;
	size_t g, i;
	int rc, c;

	layout_heading(&r->l, 16, "ความครบถ้วนและความทันเวลา", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	if ((rc = prepare_round(r, months, &st,
			     "SELECT u.name, c.expected, c.received, c.on_time, c.late, c.missing,"
			     " c.accepted, c.values_expected, c.values_present"
			     " FROM completeness c JOIN unit u ON u.code = c.unit_code"
			     " WHERE c.fiscal_year = ?2 AND c.round = ?3"
			     " AND (c.unit_code = ?1 OR u.parent = ?1)"
			     " ORDER BY u.kind = 'office', c.unit_code")))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		for (c = 1; c <= 6; c++)
			cell_add(&cells, number_text(sqlite3_column_double(st, c), 0));
		percent_cell(&cells, sqlite3_column_double(st, 8), sqlite3_column_double(st, 7));
	}
	sqlite3_finalize(st);
	layout_table(&r->l, unit_cols, 8, cells.items, cells.nr / 8, TABLE);
	cells_release(&cells);

	/*
	 * per responsible group: the schools that owe its indicators, which of
	 * them sent any (on time or late), and the values owed and received
	 */
	layout_space(&r->l, 10);
	if ((rc = db_prepare(r->db, &st, OFFICE_TREE
			     ", sent AS (SELECT s.unit_code AS code, MIN(s.submitted_on) AS first"
			     "  FROM submission s JOIN value v ON v.submission_id = s.id"
			     "  WHERE s.fiscal_year = ?2 AND s.round = ?3"
			     "  AND instr(?4, ',' || v.indicator || ',') > 0 GROUP BY s.unit_code)"
			     " SELECT (SELECT COUNT(*) FROM unit u JOIN tree t ON t.code = u.code"
			     "  WHERE u.kind = 'school'),"
			     " (SELECT COUNT(*) FROM sent JOIN tree t ON t.code = sent.code),"
			     " (SELECT COUNT(*) FROM sent JOIN tree t ON t.code = sent.code"
			     "  WHERE sent.first <= ?5),"
			     " (SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id"
			     "  JOIN tree t ON t.code = s.unit_code WHERE s.fiscal_year = ?2"
			     "  AND s.round = ?3 AND s.status = 'accepted' AND s.superseded_by IS NULL"
			     "  AND instr(?4, ',' || v.indicator || ',') > 0 AND v.number IS NOT NULL)",
			     r->err)))
		return rc;
	for (g = 0; g < r->fw->nr_groups; g++) {
		struct strbuf codes;
		char deadline[11] = "9999-12-31";
		long due = 0, schools, sent, on_time;

		strbuf_init(&codes);
		strbuf_addch(&codes, ',');
		for (i = 0; i < r->fw->nr_indicators; i++) {
			const struct indicator *ind = &r->fw->indicators[i];

			if (ind->group != g || !indicator_due(ind, months) ||
			    ind->submitter != SUBMITTER_SCHOOL)
				continue;
			strbuf_addf(&codes, "%s,", ind->code);
			due++;
		}
		if (!due) {
			strbuf_release(&codes);
			continue;
		}
		if (round)
			period_format_iso(&round->deadline, deadline);
		sqlite3_reset(st);
		db_bind_text(st, 1, r->office_code);
		sqlite3_bind_int(st, 2, r->fw->fiscal_year);
		sqlite3_bind_int(st, 3, months);
		db_bind_text(st, 4, codes.buf);
		db_bind_text(st, 5, deadline);
		strbuf_release(&codes);
		if (sqlite3_step(st) != SQLITE_ROW)
			continue;
		schools = sqlite3_column_int64(st, 0);
		sent = sqlite3_column_int64(st, 1);
		on_time = sqlite3_column_int64(st, 2);
		cell_add(&cells, xstrdup(r->fw->groups[g].name));
		cell_add(&cells, number_text((double)due, 0));
		cell_add(&cells, number_text((double)schools, 0));
		cell_add(&cells, number_text((double)sent, 0));
		cell_add(&cells, number_text((double)on_time, 0));
		cell_add(&cells, number_text((double)(sent - on_time), 0));
		cell_add(&cells, number_text((double)(schools - sent), 0));
		percent_cell(&cells, sqlite3_column_double(st, 3), (double)(schools * due));
	}
	sqlite3_finalize(st);
	layout_table(&r->l, group_cols, 8, cells.items, cells.nr / 8, TABLE);
	cells_release(&cells);

	/* every school: on time, late or missing */
	layout_space(&r->l, 10);
	layout_heading(&r->l, 14, "การส่งข้อมูลรายโรงเรียน", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	if ((rc = prepare_round(r, months, &st, OFFICE_TREE
			     "SELECT u.code, u.name, MIN(s.submitted_on),"
			     " MAX(s.status = 'accepted'), MAX(s.status = 'held'), COUNT(s.id)"
			     " FROM unit u JOIN tree t ON t.code = u.code"
			     " LEFT JOIN submission s ON s.unit_code = u.code AND s.fiscal_year = ?2"
			     " AND s.round = ?3"
			     " WHERE u.kind = 'school' GROUP BY u.code ORDER BY u.code")))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct tt_date d;
		int sent = sqlite3_column_int(st, 5) > 0;
		int dated = sent && !period_parse_date(db_column_text(st, 2), &d);
		struct strbuf date;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_add(&cells, xstrdup(db_column_text(st, 1)));
		cell_add(&cells, xstrdup(!sent ? "ไม่ส่ง"
					 : dated && round && period_date_cmp(&d, &round->deadline) > 0
						   ? "ล่าช้า" : "ตรงเวลา"));
		strbuf_init(&date);
		if (dated)
			period_format_thai(&date, &d, 0);
		else
			strbuf_addch(&date, '-');
		cell_add(&cells, strbuf_detach(&date));
		cell_add(&cells, xstrdup(!sent ? "-" : sqlite3_column_int(st, 3) ? "ผ่าน"
					 : sqlite3_column_int(st, 4) ? "พักไว้" : "ไม่ผ่าน"));
	}
	sqlite3_finalize(st);
	layout_table(&r->l, school_cols, 5, cells.items, cells.nr / 5, TABLE);
	cells_release(&cells);
	return 0;
}

/*
 * The query of the round's open issues: those of its current submissions,
 * that is not superseded, and not rejected ones that a later accepted
 * submission of the same unit has since replaced.
 */
static const char open_issues_sql[] = OFFICE_TREE
	"SELECT s.unit_code, COALESCE(u.name, ''), COALESCE(n.name, ''), f.path,"
	" COALESCE(i.row, ''), COALESCE(i.col, ''), i.code, i.severity,"
	" i.message_th, i.message_en, COALESCE(i.found, '')"
	" FROM issue i JOIN submission s ON s.id = i.submission_id"
	" JOIN file f ON f.id = i.file_id"
	" LEFT JOIN unit u ON u.code = s.unit_code LEFT JOIN unit n ON n.code = u.parent"
	/* the office's units, and codes no unit list knows (E-UNIT) */
	" WHERE (s.unit_code IN (SELECT code FROM tree) OR u.code IS NULL)"
	" AND s.fiscal_year = ?2 AND s.round = ?3 AND s.superseded_by IS NULL"
	" AND NOT (s.status = 'rejected' AND EXISTS (SELECT 1 FROM submission n"
	"  WHERE n.unit_code = s.unit_code AND n.fiscal_year = s.fiscal_year"
	"  AND n.round = s.round AND n.status = 'accepted' AND (n.submitted_on > s.submitted_on"
	"  OR (n.submitted_on = s.submitted_on AND n.id > s.id))))"
	" ORDER BY s.unit_code, i.severity, f.path, i.row, i.id";

/* Open issues grouped by school, in the PDF, and all of them in the CSV. */
static int round_issues(struct report *r, int months, struct strbuf *csv, long *nr)
{
	static const struct layout_column cols[] = {
		{ "ไฟล์", 128, ALIGN_LEFT }, { "แถว", 34, ALIGN_RIGHT },
		{ "คอลัมน์", 62, ALIGN_LEFT }, { "รหัสปัญหา", 84, ALIGN_LEFT },
		{ "รายละเอียด", 176, ALIGN_LEFT },
	};
	static const char *const head[] = {
		"รหัสหน่วยงาน", "ชื่อหน่วยงาน", "เครือข่าย", "ไฟล์", "แถว", "คอลัมน์",
		"รหัสปัญหา", "ระดับ", "รายละเอียด", "message", "ค่าที่พบ",
	};
	enum { NR_HEAD = sizeof(head) / sizeof(head[0]) };
	const char *fields[NR_HEAD];
	struct cells cells = { 0 };
	sqlite3_stmt *st = NULL;
	char unit[64] = "";
	size_t k;
	int rc;

	*nr = 0;
	csv_write_row(csv, head, NR_HEAD, 1);
	if ((rc = prepare_round(r, months, &st, open_issues_sql)))
		return rc;
	layout_new_page(&r->l, 0);
	layout_heading(&r->l, 16, "ปัญหาที่พบ แยกตามโรงเรียน", 4 * TABLE * LAYOUT_LINE_HEIGHT);
	for (;;) {
		int more = sqlite3_step(st) == SQLITE_ROW;
		const char *code = more ? db_column_text(st, 0) : "";

		if (!more || strcmp(code, unit)) {
			if (cells.nr)
				layout_table(&r->l, cols, 5, cells.items, cells.nr / 5, TABLE);
			cells_release(&cells);
			if (!more)
				break;
			tt_strlcpy(unit, code, sizeof(unit));
			{
				struct strbuf h;

				strbuf_init(&h);
				strbuf_addf(&h, "%s %s", code, db_column_text(st, 1));
				layout_space(&r->l, 6);
				layout_heading(&r->l, 13, h.buf, 3 * TABLE * LAYOUT_LINE_HEIGHT);
				strbuf_release(&h);
			}
		}
		for (k = 0; k < NR_HEAD; k++)
			fields[k] = db_column_text(st, (int)k);
		csv_write_row(csv, fields, NR_HEAD, 1);
		cell_add(&cells, xstrdup(db_column_text(st, 3)));
		cell_add(&cells, xstrdup(db_column_text(st, 4)));
		cell_add(&cells, xstrdup(db_column_text(st, 5)));
		cell_addf(&cells, "%s (%s)", db_column_text(st, 6),
			  !strcmp(db_column_text(st, 7), "error") ? "ข้อผิดพลาด" : "คำเตือน");
		cell_add(&cells, xstrdup(db_column_text(st, 8)));
		(*nr)++;
	}
	sqlite3_finalize(st);
	if (!*nr)
		layout_paragraph(&r->l, 0, BODY, ALIGN_LEFT, "ไม่พบปัญหาในข้อมูลของรอบนี้");
	return 0;
}

static int render_validation(struct report *r, int months, const char *dir,
			     const struct tt_date *as_of, struct report_stats *stats)
{
	struct strbuf title, path, csv, sb;
	long issues = 0;
	int rc;

	strbuf_init(&title);
	strbuf_init(&path);
	strbuf_init(&csv);
	strbuf_init(&sb);
	if ((rc = layout_open(&r->l, NULL, r->err)))
		goto out;
	strbuf_addstr(&title, "รายงานผลการตรวจสอบข้อมูล ");
	period_format_round(&title, months);
	strbuf_addch(&title, ' ');
	period_format_fiscal_year(&title, r->fw->fiscal_year);
	layout_set_info(&r->l, title.buf, r->office_name, as_of->year, as_of->month, as_of->day);
	snprintf(r->l.footer, sizeof(r->l.footer), "%s  ตรวจสอบข้อมูล %d เดือน %d",
		 r->office_name, months, r->fw->fiscal_year);
	if ((rc = round_header(r, months)))
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
	if ((rc = round_completeness(r, months)) ||
	    (rc = round_issues(r, months, &csv, &issues)))
		goto out;
	strbuf_addf(&path, "%s/validation-%d-%dm.pdf", dir, r->fw->fiscal_year, months);
	if ((rc = layout_save(&r->l, path.buf, r->err)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/validation-%d-%dm.csv", dir, r->fw->fiscal_year, months);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "\xEF\xBB\xBF");
	strbuf_add(&sb, csv.buf, csv.len);
	rc = tt_write_file_atomic(path.buf, sb.buf, sb.len, r->err);
	if (!rc)
		stats->validation++;
out:
	layout_close(&r->l);
	strbuf_release(&title);
	strbuf_release(&path);
	strbuf_release(&csv);
	strbuf_release(&sb);
	return rc;
}

/* A validation report for each round of the year that has submissions. */
static int render_validations(sqlite3 *db, const struct framework *fw, const char *office,
			      const char *office_name, const char *output_dir,
			      const struct report_options *opt, struct report_stats *stats,
			      struct tt_error *err)
{
	struct report r;
	struct strbuf dir;
	struct tt_date as_of;
	size_t k;
	int rc = 0;

	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/reports/%d/%s", output_dir, fw->fiscal_year, office);
	if ((rc = tt_mkdirs(dir.buf, err)))
		goto out;
	data_date(db, fw->fiscal_year, &as_of);
	for (k = 0; !rc && k < fw->nr_rounds; k++) {
		sqlite3_stmt *st;
		int any = 0;

		if ((rc = db_prepare(db, &st, "SELECT 1 FROM submission WHERE fiscal_year = ?1"
					      " AND round = ?2 LIMIT 1", err)))
			break;
		sqlite3_bind_int(st, 1, fw->fiscal_year);
		sqlite3_bind_int(st, 2, fw->rounds[k].months);
		any = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (!any)
			continue;
		memset(&r, 0, sizeof(r));
		r.db = db;
		r.fw = fw;
		r.office_code = office;
		r.err = err;
		r.l.thai_digits = opt->thai_digits;
		tt_strlcpy(r.office_name, office_name, sizeof(r.office_name));
		rc = render_validation(&r, fw->rounds[k].months, dir.buf, &as_of, stats);
	}
out:
	strbuf_release(&dir);
	return rc;
}

int report_render_all(sqlite3 *db, const char *output_dir,
		      const struct report_options *opt, struct report_stats *stats,
		      struct tt_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if ((rc = db_prepare(db, &st,
			     "SELECT DISTINCT r.fiscal_year, u.code, u.name FROM result r"
			     " JOIN unit u ON u.code = r.unit_code AND u.kind = 'office'"
			     " ORDER BY r.fiscal_year, u.code", err)))
		return rc;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int fy = sqlite3_column_int(st, 0);
		const char *office = db_column_text(st, 1);
		struct framework *fw;

		if (!tt_is_safe_code(office))
			continue;
		fw = db_load_framework(db, fy, err);
		if (!fw) {
			rc = TT_EPARSE;
			break;
		}
		rc = render_annual(db, fw, office, db_column_text(st, 2), output_dir, opt, err);
		if (!rc)
			stats->written++;
		if (!rc)
			rc = render_validations(db, fw, office, db_column_text(st, 2), output_dir,
						opt, stats, err);
		framework_free(fw);
	}
	sqlite3_finalize(st);
	return rc;
}
