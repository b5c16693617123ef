/*
 * report.c - the annual report of an area office, from the result tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/approval.h"
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
		long expected_values = sqlite3_column_int64(st, 8);
		int c;

		cell_add(&cells, xstrdup(db_column_text(st, 0)));
		cell_addf(&cells, "%d เดือน", sqlite3_column_int(st, 1));
		for (c = 2; c <= 7; c++)
			cell_add(&cells, number_text(sqlite3_column_double(st, c), 0));
		if (expected_values) {
			struct strbuf pct;

			strbuf_init(&pct);
			thai_format_percent(&pct, 100.0 * (double)sqlite3_column_int64(st, 9) /
					    (double)expected_values, 2);
			cell_add(&cells, strbuf_detach(&pct));
		} else {
			cell_add(&cells, xstrdup("-"));
		}
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
	if ((rc = approval_get(db, fw->fiscal_year, 12, &r.approval, err)))
		goto out;
	if (r.approval.approved) {
		struct strbuf line;
		struct tt_date on;

		strbuf_init(&line);
		strbuf_addf(&line, "ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง โดย %s", r.approval.by);
		if (!period_parse_date(r.approval.at, &on)) {
			strbuf_addstr(&line, " เมื่อวันที่ ");
			period_format_thai(&line, &on, 1);
		}
		tt_strlcpy(r.l.header, line.buf, sizeof(r.l.header));
		strbuf_release(&line);
	} else {
		tt_strlcpy(r.l.header, "ร่าง / DRAFT  ยังไม่ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง",
			   sizeof(r.l.header));
	}
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
		framework_free(fw);
	}
	sqlite3_finalize(st);
	return rc;
}
