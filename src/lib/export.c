/*
 * export.c - results out of tidtam: CSV, JSON, XLSX and IHE ADX.
 *
 * Workload: one fiscal year of results (units x indicators x rounds, up to
 * a few hundred thousand rows for a national database) read by a single
 * query in a stable order and written row by row: text formats go through
 * a buffer emptied into the caller's stream every EXPORT_FLUSH bytes, the
 * workbook through libxlsxwriter's constant-memory mode.  Only reads: the
 * database is opened by the caller and never written.
 *
 * ADX: one <group> per unit and round (period = the cumulative interval
 * from the fiscal year's first day, so its value is the result to date,
 * the figure the reports print), a <dataValue> per indicator with a
 * result, and for a percentage its numerator and denominator as data
 * values of their own, CODE.num and CODE.den (as tidtam's wide sheets name
 * them): DHIS2 keeps a disaggregation only for a category combination
 * configured beforehand, while two more data elements need nothing but
 * their codes, and a DHIS2 indicator can divide them again.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "tidtam/aggregate.h"
#include "tidtam/csv.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/export.h"
#include "tidtam/framework.h"
#include "tidtam/json.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define BOM "\xEF\xBB\xBF"
#define EXPORT_FLUSH 65536

/* The columns, in order: CSV header, JSON keys, the workbook's header row. */
enum column {
	COL_FISCAL_YEAR, COL_ROUND, COL_UNIT, COL_UNIT_NAME, COL_UNIT_KIND, COL_PARENT,
	COL_OFFICE, COL_INDICATOR, COL_INDICATOR_NAME, COL_MEASURE_UNIT, COL_VALUE_TYPE,
	COL_DIRECTION, COL_AREA, COL_AREA_NAME, COL_VALUE, COL_TO_DATE, COL_NUMERATOR,
	COL_DENOMINATOR, COL_TARGET, COL_PERCENT, COL_ACHIEVED, COL_STATUS, COL_REPORTING,
	COL_EXPECTED, COL_APPROVAL, COL_SUBMITTED, NR_COLUMNS
};

/*
 * Each column's key and what it holds, in Thai and English (the workbook's
 * sheet คำอธิบาย).  None of the added keys is a sheet header alias but
 * those ingest reads back (sheet.c): submitted_on dates the submission.
 */
static const struct {
	const char *key, *th, *en;
} columns[NR_COLUMNS] = {
	{ "fiscal_year", "ปีงบประมาณ (พ.ศ.)", "fiscal year (Buddhist Era)" },
	{ "round", "รอบรายงาน (เดือนนับจาก 1 ตุลาคม: 3, 6, 9, 12)",
	  "round (months since 1 October: 3, 6, 9, 12)" },
	{ "unit_code", "รหัสหน่วยงาน", "unit code" },
	{ "unit_name", "ชื่อหน่วยงาน", "unit name" },
	{ "unit_kind", "ประเภทหน่วยงาน (office สำนักงานเขต, network เครือข่าย, school โรงเรียน)",
	  "unit kind (office, network, school)" },
	{ "parent", "รหัสหน่วยงานต้นสังกัด (โรงเรียนในเครือข่าย: รหัสเครือข่าย)",
	  "parent unit's code (a network's school: the network)" },
	{ "office", "รหัสสำนักงานเขตพื้นที่ที่หน่วยงานสังกัด", "code of the office the unit belongs to" },
	{ "indicator", "รหัสตัวชี้วัด", "indicator code" },
	{ "indicator_name", "ชื่อตัวชี้วัด", "indicator name" },
	{ "measure_unit", "หน่วยนับ (ร้อยละ, คน, โรง ...)", "unit of measure (per cent, persons, schools ...)" },
	{ "value_type", "ชนิดค่า (number จำนวน, percent ร้อยละ, level ระดับ 1-5, yesno มี/ไม่มี, text ข้อความ)",
	  "value type (number, percent, level 1-5, yesno, text)" },
	{ "direction", "ทิศทาง (higher ยิ่งมากยิ่งดี, lower ยิ่งน้อยยิ่งดี)",
	  "direction (higher or lower is better)" },
	{ "policy_area_code", "รหัสด้านนโยบาย", "policy area code" },
	{ "policy_area_name", "ชื่อด้านนโยบาย", "policy area name" },
	{ "value", "ค่าของรอบนี้", "the round's value" },
	{ "to_date", "ผลสะสมถึงรอบนี้ (ค่าที่รายงานพิมพ์)", "result to date (what the reports print)" },
	{ "numerator", "ตัวตั้ง (ร้อยละ)", "numerator (percentages)" },
	{ "denominator", "ตัวหาร (ร้อยละ)", "denominator (percentages)" },
	{ "target", "ค่าเป้าหมาย", "target" },
	{ "percent_of_target", "ร้อยละของค่าเป้าหมาย", "percentage of the target" },
	{ "achieved", "บรรลุค่าเป้าหมาย (1 บรรลุ, 0 ไม่บรรลุ)", "target achieved (1 yes, 0 no)" },
	{ "status", "สถานะ (ดูค่าด้านล่าง)", "status (values below)" },
	{ "reporting", "จำนวนหน่วยงานที่รายงาน", "units that reported" },
	{ "expected", "จำนวนหน่วยงานที่ต้องรายงาน", "units expected to report" },
	{ "approval", "การรับรองรอบ (approved รับรองแล้ว, open ยังไม่รับรอง)",
	  "the round's approval (approved or open)" },
	{ "submitted_on", "วันที่ของข้อมูล: วันที่ส่งที่นับของหน่วยงานในรอบนี้"
	  " (สำนักงานเขตและเครือข่าย: วันที่ล่าสุดของหน่วยงานในสังกัด)",
	  "data date: the unit's counted submission date of the round"
	  " (office, network: the newest of the units under it)" },
};

/* The status values, explained on the sheet คำอธิบาย. */
static const struct {
	const char *value, *th, *en;
} statuses[] = {
	{ "achieved", "บรรลุค่าเป้าหมาย", "the target is met" },
	{ "not-achieved", "ไม่บรรลุค่าเป้าหมาย", "the target is not met" },
	{ "no-target", "มีผล แต่ตัวชี้วัดไม่มีค่าเป้าหมาย", "a result, but the indicator has no target" },
	{ "no-result", "ยังไม่มีผล (ต้องรายงานแต่ยังไม่ได้รับ)", "no result yet (owed, not received)" },
};

/* Which columns are numbers (JSON numbers, workbook numbers). */
static const char column_numeric[NR_COLUMNS] = {
	[COL_FISCAL_YEAR] = 1, [COL_ROUND] = 1, [COL_VALUE] = 1, [COL_TO_DATE] = 1,
	[COL_NUMERATOR] = 1, [COL_DENOMINATOR] = 1, [COL_TARGET] = 1, [COL_PERCENT] = 1,
	[COL_ACHIEVED] = 1, [COL_REPORTING] = 1, [COL_EXPECTED] = 1,
};

/*
 * Every result of the year, with its unit, its unit's office, the round's
 * approval and data date, in the order every format writes.  ?2: a round
 * or 0; ?3: an office or NULL.  up: each unit with itself and every unit
 * above it (8 levels: deeper than any tree, and the end of a cycle); a
 * unit's data date is the newest counted date (AGGREGATE_COUNTED_DATE_SQL,
 * the date on time or late is said of) of itself and the units below it.
 */
static const char select_sql[] =
	"WITH RECURSIVE up(code, anc, depth) AS (SELECT code, code, 0 FROM unit"
	"  UNION ALL SELECT up.code, u.parent, up.depth + 1 FROM up JOIN unit u ON u.code = up.anc"
	"  WHERE u.parent IS NOT NULL AND u.parent <> '' AND up.depth < 8),"
	" office_of(code, office, depth) AS (SELECT up.code, o.code, MIN(up.depth) FROM up"
	"  JOIN unit o ON o.code = up.anc AND o.kind = 'office' GROUP BY up.code),"
	" counted(unit_code, round, d) AS (SELECT unit_code, round, " AGGREGATE_COUNTED_DATE_SQL
	"  FROM submission WHERE fiscal_year = ?1 AND round IS NOT NULL GROUP BY unit_code, round),"
	" dated(code, round, d) AS (SELECT up.anc, c.round, MAX(c.d) FROM counted c"
	"  JOIN up ON up.code = c.unit_code GROUP BY up.anc, c.round)"
	" SELECT r.fiscal_year, r.round, r.unit_code, COALESCE(u.name, ''),"
	" COALESCE(u.kind, ''), COALESCE(u.parent, ''), COALESCE(o.office, ''), r.indicator,"
	" r.value, r.to_date, r.numerator, r.denominator, r.percent_of_target, r.achieved,"
	" r.reporting, r.expected, a.at, d.d"
	" FROM result r LEFT JOIN unit u ON u.code = r.unit_code"
	" LEFT JOIN office_of o ON o.code = r.unit_code"
	" LEFT JOIN approved_round a ON a.fiscal_year = r.fiscal_year AND a.round = r.round"
	" LEFT JOIN dated d ON d.code = r.unit_code AND d.round = r.round"
	" WHERE r.fiscal_year = ?1 AND (?2 = 0 OR r.round = ?2)"
	" AND (?3 IS NULL OR r.unit_code IN (SELECT code FROM unit WHERE code = ?3"
	"   OR parent = ?3 OR parent IN (SELECT code FROM unit WHERE parent = ?3"
	"   AND kind = 'network')))"
	" ORDER BY r.unit_code, r.round, r.indicator";

enum { Q_FY, Q_ROUND, Q_UNIT, Q_NAME, Q_KIND, Q_PARENT, Q_OFFICE, Q_INDICATOR, Q_VALUE,
       Q_TO_DATE, Q_NUMERATOR, Q_DENOMINATOR, Q_PERCENT, Q_ACHIEVED, Q_REPORTING, Q_EXPECTED,
       Q_APPROVED_AT, Q_DATA_DATE };

int export_format_parse(const char *name, enum export_format *out)
{
	static const char *const names[] = { "csv", "json", "xlsx", "adx" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*out = (enum export_format)i;
			return 0;
		}
	return -1;
}

void export_period(int fy, int months, char *buf, size_t len)
{
	struct tt_date start;
	char iso[11];

	period_fiscal_year_start(fy, &start);
	period_format_iso(&start, iso);
	if (months == 12)
		snprintf(buf, len, "%s/P1Y", iso);
	else
		snprintf(buf, len, "%s/P%dM", iso, months);
}

int export_number(double v, char *buf, size_t len)
{
	int precision;
	char *end;

	if (!isfinite(v))
		return -1;
	for (precision = 15; precision <= 17; precision++) {
		if (snprintf(buf, len, "%.*g", precision, v) >= (int)len)
			return -1;
		if (strtod(buf, &end) == v)
			break;
	}
	if (!strchr(buf, 'e'))
		return 0;
	/* no exponent (xs:decimal has none): fixed, as few decimals as exact */
	for (precision = 0; precision <= 340; precision++) {
		if (snprintf(buf, len, "%.*f", precision, v) >= (int)len)
			return -1;
		if (strtod(buf, &end) == v)
			return 0;
	}
	return -1;
}

/* ------------------------------------------------------------------ */

/* One result row, as text (NULL for SQL NULL), ready for any format. */
struct row {
	const char *field[NR_COLUMNS];
	char numbers[NR_COLUMNS][64];
	struct strbuf unit_name, indicator_name, area_name;
	const char *approved_at;      /* the approval's date, or NULL */
	int months;                   /* the round */
};

struct exporter {
	sqlite3_stmt *st;
	const struct framework *fw;
	FILE *out;
	struct strbuf sb;
	struct row row;
	struct tt_error *err;
	int failed;                   /* writing to out failed */
};

/* Text of a number column into the row's own buffer, or NULL. */
static void number_field(struct exporter *ex, enum column col, int q)
{
	struct row *r = &ex->row;

	if (sqlite3_column_type(ex->st, q) == SQLITE_NULL ||
	    export_number(sqlite3_column_double(ex->st, q), r->numbers[col],
			  sizeof(r->numbers[col]))) {
		r->field[col] = NULL;
		return;
	}
	r->field[col] = r->numbers[col];
}

static void integer_field(struct exporter *ex, enum column col, int q)
{
	struct row *r = &ex->row;

	if (sqlite3_column_type(ex->st, q) == SQLITE_NULL) {
		r->field[col] = NULL;
		return;
	}
	snprintf(r->numbers[col], sizeof(r->numbers[col]), "%lld",
		 (long long)sqlite3_column_int64(ex->st, q));
	r->field[col] = r->numbers[col];
}

/* Text as written, its Thai digits made ASCII. */
static const char *ascii_text(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, s);
	tt_ascii_digits(sb->buf);
	return sb->buf;
}

/*
 * 1 if the unit of the statement's row owes its indicator at its round, or
 * has a result for it: an office's indicator is owed by the office alone,
 * a school's by the schools and, rolled up, the networks and offices; an
 * optional indicator by no one, and any indicator only at the rounds the
 * framework has and the indicator is due.  aggregate writes a row of an
 * office's indicator for every unit (each expecting itself), and a row of
 * an optional one for every unit expected: those without a result are
 * not owed and not exported.
 */
static int owed(const struct exporter *ex, const struct indicator *ind)
{
	sqlite3_stmt *st = ex->st;
	int months = sqlite3_column_int(st, Q_ROUND);

	if (sqlite3_column_type(st, Q_TO_DATE) != SQLITE_NULL)
		return 1;
	if (!ind || !ind->required || !indicator_due(ind, months) ||
	    !framework_round(ex->fw, months))
		return 0;
	return ind->submitter == SUBMITTER_SCHOOL ||
	       !strcmp(db_column_text(st, Q_KIND), "office");
}

/* The current row of the statement into ex->row. */
static void take_row(struct exporter *ex, const struct indicator *ind)
{
	struct row *r = &ex->row;
	sqlite3_stmt *st = ex->st;
	const struct policy_area *area =
		ind && ind->policy_area < ex->fw->nr_areas ? &ex->fw->areas[ind->policy_area] : NULL;
	int has_value = sqlite3_column_type(st, Q_TO_DATE) != SQLITE_NULL;
	int achieved = sqlite3_column_type(st, Q_ACHIEVED) == SQLITE_NULL
			       ? -1 : sqlite3_column_int(st, Q_ACHIEVED);

	integer_field(ex, COL_FISCAL_YEAR, Q_FY);
	integer_field(ex, COL_ROUND, Q_ROUND);
	r->months = sqlite3_column_int(st, Q_ROUND);
	r->field[COL_UNIT] = db_column_text(st, Q_UNIT);
	r->field[COL_UNIT_NAME] = ascii_text(&r->unit_name, db_column_text(st, Q_NAME));
	r->field[COL_UNIT_KIND] = db_column_text(st, Q_KIND);
	r->field[COL_PARENT] = db_column_text(st, Q_PARENT);
	r->field[COL_OFFICE] = db_column_text(st, Q_OFFICE);
	r->field[COL_INDICATOR] = db_column_text(st, Q_INDICATOR);
	r->field[COL_INDICATOR_NAME] = ascii_text(&r->indicator_name,
						  ind && ind->name ? ind->name : "");
	r->field[COL_MEASURE_UNIT] = ind && ind->unit ? ind->unit : "";
	r->field[COL_VALUE_TYPE] = ind ? value_type_name(ind->type) : "";
	r->field[COL_DIRECTION] = !ind ? ""
				  : ind->direction == DIRECTION_LOWER ? "lower" : "higher";
	r->field[COL_AREA] = area && area->code ? area->code : "";
	r->field[COL_AREA_NAME] = ascii_text(&r->area_name, area && area->name ? area->name : "");
	number_field(ex, COL_VALUE, Q_VALUE);
	number_field(ex, COL_TO_DATE, Q_TO_DATE);
	number_field(ex, COL_NUMERATOR, Q_NUMERATOR);
	number_field(ex, COL_DENOMINATOR, Q_DENOMINATOR);
	r->field[COL_TARGET] = NULL;
	if (ind && ind->has_target && !export_number(ind->target, r->numbers[COL_TARGET],
						     sizeof(r->numbers[COL_TARGET])))
		r->field[COL_TARGET] = r->numbers[COL_TARGET];
	number_field(ex, COL_PERCENT, Q_PERCENT);
	integer_field(ex, COL_ACHIEVED, Q_ACHIEVED);
	r->field[COL_STATUS] = !has_value ? "no-result"
			       : achieved < 0 ? "no-target"
			       : achieved ? "achieved" : "not-achieved";
	integer_field(ex, COL_REPORTING, Q_REPORTING);
	integer_field(ex, COL_EXPECTED, Q_EXPECTED);
	r->approved_at = sqlite3_column_type(st, Q_APPROVED_AT) == SQLITE_NULL
				 ? NULL : db_column_text(st, Q_APPROVED_AT);
	r->field[COL_APPROVAL] = r->approved_at ? "approved" : "open";
	r->field[COL_SUBMITTED] = sqlite3_column_type(st, Q_DATA_DATE) == SQLITE_NULL
					  ? NULL : db_column_text(st, Q_DATA_DATE);
}

/* Empty the buffer into the stream when it is full enough (or always). */
static void flush(struct exporter *ex, int always)
{
	if (!always && ex->sb.len < EXPORT_FLUSH)
		return;
	if (ex->sb.len && fwrite(ex->sb.buf, 1, ex->sb.len, ex->out) != ex->sb.len)
		ex->failed = 1;
	strbuf_reset(&ex->sb);
}

/* The next row owed into ex->row: 1, 0 at the end, or TT_EDB. */
static int next_row(struct exporter *ex, sqlite3 *db)
{
	const struct indicator *ind;

	for (;;) {
		switch (sqlite3_step(ex->st)) {
		case SQLITE_ROW:
			ind = framework_indicator(ex->fw, db_column_text(ex->st, Q_INDICATOR));
			if (!owed(ex, ind))
				continue;
			take_row(ex, ind);
			return 1;
		case SQLITE_DONE:
			return 0;
		default:
			return db_fail(db, "could not read the results", ex->err);
		}
	}
}

static int write_csv(struct exporter *ex, sqlite3 *db, long *rows)
{
	int rc;

	const char *keys[NR_COLUMNS];
	size_t k;

	for (k = 0; k < NR_COLUMNS; k++)
		keys[k] = columns[k].key;
	strbuf_addstr(&ex->sb, BOM);
	csv_write_row(&ex->sb, keys, NR_COLUMNS, 0);
	while ((rc = next_row(ex, db)) > 0) {
		csv_write_row(&ex->sb, ex->row.field, NR_COLUMNS, 0);
		(*rows)++;
		flush(ex, 0);
	}
	return rc;
}

static int write_json(struct exporter *ex, sqlite3 *db, long *rows)
{
	struct json_writer w;
	size_t k;
	int rc;

	json_init(&w, &ex->sb);
	json_begin_object(&w);
	json_member_integer(&w, "fiscal_year", ex->fw->fiscal_year);
	json_key(&w, "results");
	json_begin_array(&w);
	while ((rc = next_row(ex, db)) > 0) {
		json_begin_object(&w);
		for (k = 0; k < NR_COLUMNS; k++) {
			json_key(&w, columns[k].key);
			if (!ex->row.field[k])
				json_null(&w);
			else if (column_numeric[k])
				json_number_text(&w, ex->row.field[k]);
			else
				json_string(&w, ex->row.field[k]);
		}
		json_end_object(&w);
		(*rows)++;
		flush(ex, 0);
	}
	json_end_array(&w);
	json_end_object(&w);
	if (!rc)
		json_finish(&w);
	return rc;
}

static void adx_value(struct strbuf *sb, const char *element, const char *suffix,
		      const char *value)
{
	strbuf_addstr(sb, "    <dataValue dataElement=\"");
	strbuf_add_markup(sb, element);
	strbuf_addstr(sb, suffix);
	strbuf_addf(sb, "\" value=\"%s\"/>\n", value);
}

/*
 * One <group> per unit and round with at least one value; a group is
 * opened at its first value, so that none is empty (the schema wants one
 * data value at least).
 */
static int write_adx(struct exporter *ex, sqlite3 *db, long *rows, long *groups)
{
	struct tt_date today;
	char period[32], date[11], unit[128] = "";
	time_t now = tt_now();
	long seconds = (long)(now % 86400);
	int rc, round = 0, open = 0;

	if (seconds < 0)
		seconds += 86400;
	period_date_from_time(now, &today);
	period_format_iso(&today, date);
	strbuf_addf(&ex->sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"%sT%02ld:%02ld:%02ldZ\">\n",
		    date, seconds / 3600, seconds / 60 % 60, seconds % 60);
	while ((rc = next_row(ex, db)) > 0) {
		const struct row *r = &ex->row;
		int months = r->months;

		(*rows)++;
		if (!r->field[COL_TO_DATE])
			continue;
		if (!open || months != round || strcmp(unit, r->field[COL_UNIT])) {
			if (open)
				strbuf_addstr(&ex->sb, "  </group>\n");
			tt_strlcpy(unit, r->field[COL_UNIT], sizeof(unit));
			round = months;
			open = 1;
			(*groups)++;
			export_period(ex->fw->fiscal_year, months, period, sizeof(period));
			strbuf_addstr(&ex->sb, "  <group orgUnit=\"");
			strbuf_add_markup(&ex->sb, r->field[COL_UNIT]);
			strbuf_addf(&ex->sb, "\" period=\"%s\" dataSet=\"tidtam-%d\"", period,
				    ex->fw->fiscal_year);
			if (r->approved_at)
				strbuf_addf(&ex->sb, " completeDate=\"%s\"", r->approved_at);
			strbuf_addstr(&ex->sb, ">\n");
		}
		adx_value(&ex->sb, r->field[COL_INDICATOR], "", r->field[COL_TO_DATE]);
		if (r->field[COL_NUMERATOR])
			adx_value(&ex->sb, r->field[COL_INDICATOR], ".num",
				  r->field[COL_NUMERATOR]);
		if (r->field[COL_DENOMINATOR])
			adx_value(&ex->sb, r->field[COL_INDICATOR], ".den",
				  r->field[COL_DENOMINATOR]);
		flush(ex, 0);
	}
	if (open)
		strbuf_addstr(&ex->sb, "  </group>\n");
	strbuf_addstr(&ex->sb, "</adx>\n");
	return rc;
}

/*
 * The sheet คำอธิบาย: each column's key as the results sheet writes it,
 * with what it holds in Thai and in English, then the status values.
 */
static void write_legend(lxw_workbook *wb, lxw_format *head)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "คำอธิบาย");
	lxw_row_t r = 0;
	size_t k;

	worksheet_write_string(ws, r, 0, "คอลัมน์ / column", head);
	worksheet_write_string(ws, r, 1, "คำอธิบาย", head);
	worksheet_write_string(ws, r++, 2, "description", head);
	for (k = 0; k < NR_COLUMNS; k++, r++) {
		worksheet_write_string(ws, r, 0, columns[k].key, NULL);
		worksheet_write_string(ws, r, 1, columns[k].th, NULL);
		worksheet_write_string(ws, r, 2, columns[k].en, NULL);
	}
	r++;
	worksheet_write_string(ws, r, 0, "status", head);
	worksheet_write_string(ws, r, 1, "ความหมาย", head);
	worksheet_write_string(ws, r++, 2, "meaning", head);
	for (k = 0; k < sizeof(statuses) / sizeof(statuses[0]); k++, r++) {
		worksheet_write_string(ws, r, 0, statuses[k].value, NULL);
		worksheet_write_string(ws, r, 1, statuses[k].th, NULL);
		worksheet_write_string(ws, r, 2, statuses[k].en, NULL);
	}
	worksheet_set_column(ws, 0, 0, 20, NULL);
	worksheet_set_column(ws, 1, 2, 60, NULL);
}

static int write_xlsx(struct exporter *ex, sqlite3 *db, const char *path, long *rows)
{
	lxw_workbook_options wo = { LXW_TRUE, NULL, 0 };
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head;
	struct strbuf tmp;
	lxw_row_t r = 1;
	lxw_error e;
	size_t k;
	int rc;

	strbuf_init(&tmp);
	tt_temporary_name(&tmp, path);
	if (!(wb = workbook_new_opt(tmp.buf, &wo))) {
		strbuf_release(&tmp);
		return tt_error_set(ex->err, TT_EIO, "could not create '%s'", path);
	}
	memset(&props, 0, sizeof(props));
	props.title = "ผลการดำเนินงานตามตัวชี้วัด";
	props.author = "tidtam";
	props.created = tt_now();
	workbook_set_properties(wb, &props);
	head = workbook_add_format(wb);
	format_set_bold(head);
	ws = workbook_add_worksheet(wb, "results");
	for (k = 0; k < NR_COLUMNS; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, columns[k].key, head);
	worksheet_freeze_panes(ws, 1, 0);
	while ((rc = next_row(ex, db)) > 0) {
		for (k = 0; k < NR_COLUMNS; k++) {
			const char *f = ex->row.field[k];

			if (!f || !*f)
				continue;
			if (column_numeric[k])
				worksheet_write_number(ws, r, (lxw_col_t)k, strtod(f, NULL), NULL);
			else
				worksheet_write_string(ws, r, (lxw_col_t)k, f, NULL);
		}
		r++;
		(*rows)++;
	}
	write_legend(wb, head);
	e = workbook_close(wb);
	if (!rc && e != LXW_NO_ERROR)
		rc = tt_error_set(ex->err, TT_EIO, "could not write '%s': %s", path,
				  lxw_strerror(e));
	if (!rc)
		rc = tt_rename_into_place(tmp.buf, path, 0, ex->err);
	else
		remove(tmp.buf);
	strbuf_release(&tmp);
	return rc;
}

/* 0 if code is a registered office, else TT_ENOTFOUND (or TT_EDB). */
static int check_office(sqlite3 *db, const char *code, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "SELECT 1 FROM unit WHERE code = ?1 AND kind = 'office'",
			     err)))
		return rc;
	db_bind_text(st, 1, code);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		rc = 0;
		break;
	case SQLITE_DONE:
		rc = tt_error_set(err, TT_ENOTFOUND, "no office '%s' in the unit list", code);
		break;
	default:
		rc = db_fail(db, "could not read the units", err);
		break;
	}
	sqlite3_finalize(st);
	return rc;
}

int export_write(sqlite3 *db, const struct export_filter *filter, enum export_format fmt,
		 FILE *out, const char *path, struct export_stats *stats,
		 struct tt_error *err)
{
	struct export_stats dummy;
	struct framework *fw;
	struct exporter ex;
	int rc;

	if (!stats)
		stats = &dummy;
	memset(stats, 0, sizeof(*stats));
	if (fmt == EXPORT_XLSX ? !path : !out)
		return tt_error_set(err, TT_EINVAL, "a workbook needs a path, a text export a stream");
	if (filter->office && (rc = check_office(db, filter->office, err)))
		return rc;
	if (!(fw = db_load_framework(db, filter->fiscal_year, err)))
		return err->code ? err->code : TT_ENOTFOUND;
	memset(&ex, 0, sizeof(ex));
	ex.fw = fw;
	ex.out = out;
	ex.err = err;
	strbuf_init(&ex.sb);
	strbuf_init(&ex.row.unit_name);
	strbuf_init(&ex.row.indicator_name);
	strbuf_init(&ex.row.area_name);
	if ((rc = db_prepare(db, &ex.st, select_sql, err)))
		goto out;
	sqlite3_bind_int(ex.st, 1, filter->fiscal_year);
	sqlite3_bind_int(ex.st, 2, filter->round);
	db_bind_text(ex.st, 3, filter->office);
	switch (fmt) {
	case EXPORT_CSV:
		rc = write_csv(&ex, db, &stats->rows);
		break;
	case EXPORT_JSON:
		rc = write_json(&ex, db, &stats->rows);
		break;
	case EXPORT_ADX:
		rc = write_adx(&ex, db, &stats->rows, &stats->groups);
		break;
	case EXPORT_XLSX:
		rc = write_xlsx(&ex, db, path, &stats->rows);
		break;
	}
	if (!rc && fmt != EXPORT_XLSX) {
		flush(&ex, 1);
		if (fflush(out) || ex.failed)
			rc = tt_error_set(err, TT_EIO, "could not write the export");
	}
out:
	sqlite3_finalize(ex.st);
	strbuf_release(&ex.sb);
	strbuf_release(&ex.row.unit_name);
	strbuf_release(&ex.row.indicator_name);
	strbuf_release(&ex.row.area_name);
	framework_free(fw);
	return rc;
}
