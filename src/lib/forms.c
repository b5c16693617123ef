/*
 * forms.c - blank submission forms from the framework: CSV, XLSX, XML.
 *
 * The column layout of the wide form is decided once (form_columns()) and
 * shared by the CSV and the workbook, so the two always read back alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "tidtam/csv.h"
#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/forms.h"
#include "tidtam/period.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define BOM "\xEF\xBB\xBF"

/* The fixed columns of the wide form, as the sheet reader knows them. */
static const char *const fixed_titles[] = {
	"รหัสโรงเรียน", "ชื่อโรงเรียน", "ปีงบประมาณ", "รอบ", "วันที่ส่ง",
};
enum { COL_UNIT, COL_NAME, COL_FY, COL_ROUND, COL_DATE, NR_FIXED };

struct form_column {
	const struct indicator *ind;
	enum forms_part part;
	char *title;
};

/* A percentage summed as a ratio is given as numerator and denominator. */
static int two_parts(const struct indicator *ind)
{
	return ind->type == VALUE_PERCENT && ind->aggregation != AGG_MEAN;
}

static size_t form_columns(const struct framework *fw, struct form_column **out)
{
	size_t i, n = 0, alloc = 0;
	struct form_column *cols = NULL;

	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		int p;

		if (ind->submitter != SUBMITTER_SCHOOL)
			continue;
		for (p = two_parts(ind) ? FORMS_NUMERATOR : FORMS_VALUE;
		     p <= (two_parts(ind) ? FORMS_DENOMINATOR : FORMS_VALUE); p++) {
			struct strbuf sb;

			strbuf_init(&sb);
			strbuf_addstr(&sb, ind->name);
			if (p != FORMS_VALUE)
				strbuf_addstr(&sb, p == FORMS_NUMERATOR ? " (ตัวตั้ง)" : " (ตัวหาร)");
			xgrow(&cols, &alloc, n + 1, sizeof(*cols));
			cols[n].ind = ind;
			cols[n].part = (enum forms_part)p;
			cols[n++].title = strbuf_detach(&sb);
		}
	}
	*out = cols;
	return n;
}

static void free_columns(struct form_column *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(cols[i].title);
	free(cols);
}

/* What to type for this indicator, in Thai, for prompts and instructions. */
static const char *how_to_fill(const struct indicator *ind)
{
	switch (ind->type) {
	case VALUE_NUMBER: return "ตัวเลข ไม่ติดลบ";
	case VALUE_PERCENT:
		return two_parts(ind) ? "ตัวตั้งและตัวหาร (จำนวนเต็ม) ระบบคำนวณร้อยละให้"
				      : "ร้อยละ 0 ถึง 100";
	case VALUE_LEVEL: return "ระดับ 1 ถึง 5";
	case VALUE_YESNO: return "ใช่ หรือ ไม่ใช่";
	case VALUE_TEXT: return "ข้อความ";
	}
	return "";
}

static int write_long_csv(const struct framework *fw, const char *path, struct tt_error *err)
{
	static const char *const header[] = {
		"รหัสโรงเรียน", "ปีงบประมาณ", "รอบ", "รหัสตัวชี้วัด", "ชื่อตัวชี้วัด", "หน่วยนับ",
		"ค่า", "ตัวตั้ง", "ตัวหาร", "หมายเหตุ", "วันที่ส่ง",
	};
	struct strbuf sb;
	char fy[8];
	size_t i;
	int rc;

	strbuf_init(&sb);
	snprintf(fy, sizeof(fy), "%d", fw->fiscal_year);
	strbuf_addstr(&sb, BOM);
	csv_write_row(&sb, header, sizeof(header) / sizeof(header[0]), 0);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];
		const char *row[] = { "", fy, "", ind->code, ind->name, ind->unit,
				      "", "", "", "", "" };

		csv_write_row(&sb, row, sizeof(row) / sizeof(row[0]), 0);
	}
	rc = tt_write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

static int write_wide_csv(const struct framework *fw, const struct forms_unit *units,
			  size_t nr_units, const char *path, struct tt_error *err)
{
	struct form_column *cols;
	size_t nr_cols = form_columns(fw, &cols), i, k;
	const char **row = xcalloc(NR_FIXED + nr_cols, sizeof(*row));
	struct strbuf sb;
	char fy[8];
	int rc;

	strbuf_init(&sb);
	snprintf(fy, sizeof(fy), "%d", fw->fiscal_year);
	strbuf_addstr(&sb, BOM);
	for (k = 0; k < NR_FIXED; k++)
		row[k] = fixed_titles[k];
	for (k = 0; k < nr_cols; k++)
		row[NR_FIXED + k] = cols[k].title;
	csv_write_row(&sb, row, NR_FIXED + nr_cols, 0);
	for (i = 0; i < nr_units; i++) {
		if (!units[i].is_school)
			continue;
		for (k = 0; k < NR_FIXED + nr_cols; k++)
			row[k] = "";
		row[COL_UNIT] = units[i].code;
		row[COL_NAME] = units[i].name;
		row[COL_FY] = fy;
		csv_write_row(&sb, row, NR_FIXED + nr_cols, 0);
	}
	rc = tt_write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	free(row);
	free_columns(cols, nr_cols);
	return rc;
}

/* Text safe inside an XML comment: no "--". */
static void xml_comment_text(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		strbuf_addch(sb, *s);
		if (*s == '-' && s[1] == '-')
			strbuf_addch(sb, ' ');
	}
}

/* The framework's rounds as a Thai list: "3, 6, 9 หรือ 12", "6 หรือ 12". */
static void round_list(const struct framework *fw, struct strbuf *sb)
{
	size_t k;

	for (k = 0; k < fw->nr_rounds; k++)
		strbuf_addf(sb, "%s%d", !k ? "" : k + 1 == fw->nr_rounds ? " หรือ " : ", ",
			    fw->rounds[k].months);
}

static int write_xml(const struct framework *fw, const struct forms_unit *unit,
		     const char *path, struct tt_error *err)
{
	struct strbuf sb;
	size_t i;
	int rc;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
	xml_comment_text(&sb, "แบบรายงานผลการดำเนินงาน ");
	xml_comment_text(&sb, unit->name);
	strbuf_addf(&sb, " ปีงบประมาณ %d\n     กรอกรอบ (", fw->fiscal_year);
	round_list(fw, &sb);
	strbuf_addstr(&sb, ") วันที่ส่ง (ปปปป-ดด-วว) และค่าของแต่ละตัวชี้วัด -->\n");
	strbuf_addf(&sb, "<submission xmlns=\"urn:tidtam:submission:1\" unit=\"%s\""
			 " fiscal-year=\"%d\" round=\"\" submitted=\"\">\n",
		    unit->code, fw->fiscal_year);
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];

		if ((ind->submitter == SUBMITTER_SCHOOL) != unit->is_school)
			continue;
		strbuf_addstr(&sb, "  <!-- ");
		xml_comment_text(&sb, ind->name);
		strbuf_addstr(&sb, ": ");
		xml_comment_text(&sb, how_to_fill(ind));
		strbuf_addstr(&sb, " -->\n");
		if (two_parts(ind))
			strbuf_addf(&sb, "  <value indicator=\"%s\" numerator=\"\" denominator=\"\"/>\n",
				    ind->code);
		else
			strbuf_addf(&sb, "  <value indicator=\"%s\"></value>\n", ind->code);
	}
	strbuf_addstr(&sb, "</submission>\n");
	rc = tt_write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

/*
 * The blank office profile (profile.h): the office and year filled in, and
 * every part as a commented example saying in Thai what goes where, so
 * that the blank validates against profile.xsd as it is and each part
 * is taken once its comment marks are removed and its values written.
 */
static const char profile_blank[] =
	"  <!-- ข้อมูลทั่วไป: ที่ตั้ง พื้นที่ (ตารางกิโลเมตร) อำเภอในเขตบริการ และอำนาจหน้าที่\n"
	"       (ข้อละหนึ่งย่อหน้า p) ลบเครื่องหมายหมายเหตุ (ขีดคู่ขั้นต้นและท้าย) ของส่วนที่กรอก\n"
	"  <general>\n"
	"    <address>เลขที่ ถนน ตำบล อำเภอ จังหวัด รหัสไปรษณีย์</address>\n"
	"    <area>0</area>\n"
	"    <districts><district>ชื่ออำเภอ (ไม่ต้องเขียนคำว่าอำเภอ)</district></districts>\n"
	"    <duties><p>อำนาจหน้าที่ข้อที่ 1</p></duties>\n"
	"  </general>\n"
	"  -->\n"
	"  <!-- โครงสร้างการบริหาร: กลุ่มงาน ผู้อำนวยการกลุ่ม (head ไม่บังคับ) และจำนวนบุคลากร (คน)\n"
	"  <structure>\n"
	"    <group name=\"กลุ่มอำนวยการ\" head=\"ชื่อ นามสกุล\" staff=\"0\"/>\n"
	"  </structure>\n"
	"  -->\n"
	"  <!-- บุคลากรในสำนักงาน จำแนกตามประเภทตำแหน่ง (คน)\n"
	"  <staff>\n"
	"    <position type=\"ศึกษานิเทศก์\" count=\"0\"/>\n"
	"  </staff>\n"
	"  -->\n"
	"  <!-- ทิศทางการพัฒนาตามแผนปฏิบัติราชการ: วิสัยทัศน์ พันธกิจ เป้าประสงค์ กลยุทธ์ และจุดเน้น\n"
	"       (ข้อละหนึ่ง item)\n"
	"  <direction>\n"
	"    <vision>วิสัยทัศน์</vision>\n"
	"    <mission><item>พันธกิจข้อที่ 1</item></mission>\n"
	"    <goals><item>เป้าประสงค์ข้อที่ 1</item></goals>\n"
	"    <strategies><item>กลยุทธ์ที่ 1</item></strategies>\n"
	"    <focus><item>จุดเน้นข้อที่ 1</item></focus>\n"
	"  </direction>\n"
	"  -->\n"
	"  <!-- ผลสัมฤทธิ์ทางการเรียน (ไม่บังคับ): test เป็น O-NET, NT หรือ RT ระดับชั้น วิชาหรือด้าน\n"
	"       ค่าเฉลี่ยของเขตพื้นที่ (office) และของประเทศ (national ไม่บังคับ)\n"
	"  <learning>\n"
	"    <result test=\"O-NET\" level=\"ป.6\" subject=\"ภาษาไทย\" office=\"0\" national=\"0\"/>\n"
	"  </learning>\n"
	"  -->\n"
	"  <!-- งบประมาณที่ได้รับ: แผนงาน ผลผลิตหรือโครงการ และงบรายจ่าย (งบบุคลากร งบดำเนินงาน งบลงทุน\n"
	"       งบเงินอุดหนุน หรืองบรายจ่ายอื่น) พร้อมวงเงินที่ได้รับจัดสรรและเบิกจ่าย (บาท ไม่ใส่จุลภาค)\n"
	"  <budget>\n"
	"    <plan name=\"ชื่อแผนงาน\">\n"
	"      <output name=\"ชื่อผลผลิตหรือโครงการ\">\n"
	"        <expense type=\"งบดำเนินงาน\" allocated=\"0\" spent=\"0\"/>\n"
	"      </output>\n"
	"    </plan>\n"
	"  </budget>\n"
	"  -->\n"
	"  <!-- ส่วนที่สำนักงานเขียนเอง: ปัญหาและอุปสรรค ข้อเสนอแนะ และแนวทางการดำเนินงานปีต่อไป\n"
	"       (ข้อละหนึ่งย่อหน้า p)\n"
	"  <synthesis>\n"
	"    <problems><p>ปัญหาข้อที่ 1</p></problems>\n"
	"    <recommendations><p>ข้อเสนอแนะข้อที่ 1</p></recommendations>\n"
	"    <next-year><p>แนวทางข้อที่ 1</p></next-year>\n"
	"  </synthesis>\n"
	"  -->\n"
	"  <!-- ภาคผนวก: คำสั่งแต่งตั้งคณะทำงาน (เลขที่ วันที่ กรรมการ ตำแหน่ง หน้าที่) และคณะผู้จัดทำ\n"
	"  <appendix>\n"
	"    <committee number=\"0/0000\" date=\"1 ตุลาคม 0000\">\n"
	"      <member name=\"ชื่อ นามสกุล\" position=\"ตำแหน่ง\" role=\"ประธานคณะทำงาน\"/>\n"
	"    </committee>\n"
	"    <makers>\n"
	"      <maker name=\"ชื่อ นามสกุล\" position=\"ตำแหน่ง\"/>\n"
	"    </makers>\n"
	"  </appendix>\n"
	"  -->\n";

static int write_profile(const struct forms_unit *office, int fy, const char *path,
			 struct tt_error *err)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
	xml_comment_text(&sb, "ข้อมูลพื้นฐานของ");
	xml_comment_text(&sb, office->name);
	strbuf_addf(&sb, " ปีงบประมาณ %d\n     กรอกเฉพาะส่วนที่มีข้อมูล แล้ววางไฟล์ในโฟลเดอร์ profile/"
			 " ของโฟลเดอร์ข้อมูลนำเข้า\n     ส่วนที่ไม่กรอกจะไม่ปรากฏในรายงานประจำปี"
			 " -->\n", fy);
	strbuf_addf(&sb, "<profile xmlns=\"urn:tidtam:profile:1\" office=\"%s\""
			 " fiscal-year=\"%d\">\n", office->code, fy);
	strbuf_addstr(&sb, profile_blank);
	strbuf_addstr(&sb, "</profile>\n");
	rc = tt_write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

/* ---- the workbook ----------------------------------------------------- */

static void validate_column(lxw_worksheet *ws, lxw_col_t col, lxw_row_t last,
			    const struct indicator *ind, enum forms_part part)
{
	static const char *const levels[] = { "1", "2", "3", "4", "5", NULL };
	static const char *const yesno[] = { "ใช่", "ไม่ใช่", NULL };
	lxw_data_validation v;
	char prompt[256];

	memset(&v, 0, sizeof(v));
	switch (ind->type) {
	case VALUE_LEVEL:
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = (char **)levels;
		break;
	case VALUE_YESNO:
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = (char **)yesno;
		break;
	case VALUE_NUMBER:
		v.validate = LXW_VALIDATION_TYPE_DECIMAL;
		v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		v.value_number = 0;
		break;
	case VALUE_PERCENT:
		if (part == FORMS_VALUE) {
			v.validate = LXW_VALIDATION_TYPE_DECIMAL;
			v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
			v.minimum_number = 0;
			v.maximum_number = 100;
		} else {
			v.validate = LXW_VALIDATION_TYPE_INTEGER;
			v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
			v.value_number = 0;
		}
		break;
	case VALUE_TEXT:
		v.validate = LXW_VALIDATION_TYPE_ANY;
		break;
	}
	/* Excel allows 255 characters in a prompt: cut at a character */
	tt_strlcpy(prompt, how_to_fill(ind), sizeof(prompt));
	v.input_title = ind->code;
	v.input_message = prompt;
	v.show_input = LXW_VALIDATION_ON;
	v.error_title = "ค่าไม่ถูกต้อง";
	v.error_message = (char *)how_to_fill(ind);
	worksheet_data_validation_range(ws, 1, col, last, col, &v);
}

static void instructions(lxw_workbook *wb, const struct framework *fw, lxw_format *bold,
			 lxw_format *wrap)
{
	static const char *const header[] = {
		"ลำดับ", "ตัวชี้วัด (รหัส)", "ชื่อตัวชี้วัด", "หน่วยนับ", "วิธีกรอก", "ผู้รายงาน",
	};
	static const char *const lines[] = {
		"วิธีกรอกแบบรายงาน",
		"1. กรอกในชีต \"ข้อมูล\" หนึ่งแถวต่อหนึ่งโรงเรียน รหัสและชื่อโรงเรียนกรอกไว้ให้แล้ว",
		NULL, /* 2. the rounds, from the framework */
		"3. กรอกค่าของแต่ละตัวชี้วัดตามตารางด้านล่าง ช่องที่มีรายการให้เลือกจากรายการ",
		"4. ร้อยละที่มีตัวตั้งและตัวหาร ให้กรอกจำนวนนับทั้งสองช่อง ระบบคำนวณร้อยละให้",
		"5. บันทึกเป็น .xlsx แล้ววางในโฟลเดอร์รับข้อมูล ระบบจะออกใบตอบรับให้",
	};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "คำแนะนำ");
	lxw_row_t r = 0;
	size_t i, k;

	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	worksheet_set_column(ws, 2, 2, 60, wrap);
	worksheet_set_column(ws, 3, 3, 10, NULL);
	worksheet_set_column(ws, 4, 4, 36, wrap);
	worksheet_set_column(ws, 5, 5, 14, NULL);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		if (lines[i]) {
			strbuf_addstr(&sb, lines[i]);
		} else {
			strbuf_addstr(&sb, "2. เลือกรอบรายงาน (");
			round_list(fw, &sb);
			strbuf_addstr(&sb, " เดือน) และกรอกวันที่ส่ง");
		}
		worksheet_write_string(ws, r++, 0, sb.buf, i ? NULL : bold);
		strbuf_release(&sb);
	}
	r++;
	for (k = 0; k < sizeof(header) / sizeof(header[0]); k++)
		worksheet_write_string(ws, r, (lxw_col_t)k, header[k], bold);
	r++;
	for (i = 0; i < fw->nr_indicators; i++) {
		const struct indicator *ind = &fw->indicators[i];

		worksheet_write_number(ws, r, 0, (double)(i + 1), NULL);
		worksheet_write_string(ws, r, 1, ind->code, NULL);
		worksheet_write_string(ws, r, 2, ind->name, NULL);
		worksheet_write_string(ws, r, 3, ind->unit, NULL);
		worksheet_write_string(ws, r, 4, how_to_fill(ind), NULL);
		worksheet_write_string(ws, r, 5, ind->submitter == SUBMITTER_SCHOOL
							 ? "โรงเรียน" : "สำนักงานเขต", NULL);
		r++;
	}
}

/* A cell the filler gave: a number when it reads as one, else text. */
static void write_filled(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text)
{
	double v;

	if (text && !tt_parse_double(text, &v))
		worksheet_write_number(ws, r, c, v, NULL);
	else if (text)
		worksheet_write_string(ws, r, c, text, NULL);
}

int forms_write_xlsx(const struct framework *fw, const struct forms_unit *units,
		     size_t nr_units, const char *path, const struct forms_fill *fill,
		     struct tt_error *err)
{
	char round_names[4][4], *rounds[5] = { NULL };
	struct strbuf round_help;
	lxw_workbook_options wo = { 0, NULL, 0 };
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *bold, *wrap, *text;
	lxw_data_validation v;
	struct form_column *cols;
	struct tt_date start;
	struct strbuf tmp;
	size_t nr_cols = form_columns(fw, &cols), i, k, given;
	lxw_row_t r = 1;
	lxw_error e;
	int rc;

	/* the rounds the framework has, for the drop-down list */
	strbuf_init(&round_help);
	for (k = 0; k < fw->nr_rounds && k < 4; k++) {
		snprintf(round_names[k], sizeof(round_names[k]), "%d", fw->rounds[k].months);
		rounds[k] = round_names[k];
	}
	round_list(fw, &round_help);
	strbuf_addstr(&round_help, " เดือน");
	/* written beside the target and renamed, like every output */
	strbuf_init(&tmp);
	tt_temporary_name(&tmp, path);
	wb = workbook_new_opt(tmp.buf, &wo);
	if (!wb) {
		free_columns(cols, nr_cols);
		strbuf_release(&round_help);
		strbuf_release(&tmp);
		return tt_error_set(err, TT_EIO, "could not create '%s'", path);
	}
	memset(&props, 0, sizeof(props));
	props.title = "แบบรายงานผลการดำเนินงานตามตัวชี้วัด";
	props.author = "tidtam";
	period_fiscal_year_start(fw->fiscal_year, &start);
	props.created = (time_t)period_day_number(&start) * 86400;
	workbook_set_properties(wb, &props);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");

	ws = workbook_add_worksheet(wb, fw->sheet ? fw->sheet : "ข้อมูล");
	for (k = 0; k < NR_FIXED; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, fixed_titles[k], head);
	for (k = 0; k < nr_cols; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)(NR_FIXED + k), cols[k].title, head);
	worksheet_set_row(ws, 0, 90, NULL);
	worksheet_freeze_panes(ws, 1, 2);
	worksheet_set_column(ws, COL_UNIT, COL_UNIT, 13, text);
	worksheet_set_column(ws, COL_NAME, COL_NAME, 34, NULL);
	worksheet_set_column(ws, COL_FY, COL_ROUND, 9, NULL);
	worksheet_set_column(ws, COL_DATE, COL_DATE, 12, text);
	if (nr_cols)
		worksheet_set_column(ws, NR_FIXED, (lxw_col_t)(NR_FIXED + nr_cols - 1), 18, NULL);
	for (i = 0; i < nr_units; i++) {
		if (!units[i].is_school)
			continue;
		worksheet_write_string(ws, r, COL_UNIT, units[i].code, NULL);
		worksheet_write_string(ws, r, COL_NAME, units[i].name, NULL);
		worksheet_write_number(ws, r, COL_FY, fw->fiscal_year, NULL);
		for (k = 0, given = 0; fill && k < nr_cols; k++) {
			const char *cell = fill->value(&units[i], cols[k].ind, cols[k].part,
						       fill->ctx);

			write_filled(ws, r, (lxw_col_t)(NR_FIXED + k), cell);
			given += cell != NULL;
		}
		/* a row left unfilled keeps its round empty too */
		if (fill && fill->round && given)
			write_filled(ws, r, COL_ROUND, fill->round);
		r++;
	}
	if (r > 1) {
		memset(&v, 0, sizeof(v));
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = rounds;
		v.input_title = "รอบรายงาน";
		v.input_message = round_help.buf;
		v.show_input = LXW_VALIDATION_ON;
		worksheet_data_validation_range(ws, 1, COL_ROUND, r - 1, COL_ROUND, &v);
		for (k = 0; k < nr_cols; k++)
			validate_column(ws, (lxw_col_t)(NR_FIXED + k), r - 1, cols[k].ind,
					cols[k].part);
	}
	instructions(wb, fw, bold, wrap);
	free_columns(cols, nr_cols);
	e = workbook_close(wb);
	strbuf_release(&round_help);
	if (e != LXW_NO_ERROR) {
		remove(tmp.buf);
		strbuf_release(&tmp);
		return tt_error_set(err, TT_EIO, "could not write '%s': %s", path, lxw_strerror(e));
	}
	rc = tt_rename_into_place(tmp.buf, path, 0, err);
	strbuf_release(&tmp);
	return rc;
}

/* ---- all forms of a year ---------------------------------------------- */

static int load_units(sqlite3 *db, struct forms_unit **out, size_t *nr, struct tt_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*nr = 0;
	if ((rc = db_prepare(db, &st, "SELECT code, name, kind FROM unit"
				      " WHERE kind IN ('school', 'office') ORDER BY code", err)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct forms_unit *u;

		if (!tt_is_safe_code(db_column_text(st, 0)))
			continue;
		xgrow(out, &alloc, *nr + 1, sizeof(**out));
		u = &(*out)[(*nr)++];
		u->code = xstrdup(db_column_text(st, 0));
		u->name = xstrdup(db_column_text(st, 1));
		u->is_school = !strcmp(db_column_text(st, 2), "school");
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * A blank practice form (practice.xsd) of the office for fy at path: what
 * an analyst fills in and drops, with its photos, into a folder of its own
 * under input/practices/.
 */
static int write_practice(sqlite3 *db, int fy, const char *path, struct tt_error *err)
{
	sqlite3_stmt *st;
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<!--\n"
		      "  แบบบันทึกผลงานดีเด่น รางวัล หรือแนวปฏิบัติที่ดี หนึ่งเรื่องต่อหนึ่งไฟล์\n"
		      "  วางไฟล์นี้พร้อมภาพประกอบ (JPEG หรือ PNG ไม่เกิน 8 MiB ต่อภาพ ด้านละไม่เกิน 6,000 จุด)\n"
		      "  ไว้ในโฟลเดอร์ของเรื่องนั้น เช่น input/practices/");
	strbuf_addf(&sb, "%d/ชื่อเรื่อง/\n", fy);
	strbuf_addstr(&sb, "  unit: รหัสสำนักงานเขตหรือรหัสโรงเรียนเจ้าของผลงาน\n"
		      "  kind: best-practice (แนวปฏิบัติที่ดี) award (รางวัล) outstanding (ผลงานดีเด่น)\n"
		      "  <by> หน่วยงานหรือผู้รับผิดชอบ  <p> ย่อหน้าละหนึ่งองค์ประกอบ\n"
		      "  <photo file=\"ชื่อไฟล์ภาพในโฟลเดอร์เดียวกัน\"> คำบรรยายภาพ (ไม่เกิน 20 ภาพ"
		      " พิมพ์พร้อมเรื่อง 4 ภาพแรก ที่เหลืออยู่ในภาคผนวกภาพกิจกรรม)\n"
		      "-->\n"
		      "<practice xmlns=\"urn:tidtam:practice:1\" unit=\"");
	if (!db_prepare(db, &st, "SELECT code FROM unit WHERE kind = 'office' ORDER BY code LIMIT 1",
			NULL)) {
		if (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addstr(&sb, db_column_text(st, 0));
		sqlite3_finalize(st);
	}
	strbuf_addf(&sb, "\" fiscal-year=\"%d\" kind=\"best-practice\">\n", fy);
	strbuf_addstr(&sb, "  <title></title>\n"
		      "  <by></by>\n"
		      "  <p></p>\n"
		      "  <p></p>\n"
		      "  <photo file=\"01.jpg\"></photo>\n"
		      "</practice>\n");
	rc = tt_write_file_atomic(path, sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

int forms_write_all(sqlite3 *db, int fy, const char *output_dir,
		    struct forms_stats *stats, struct tt_error *err)
{
	struct framework *fw = db_load_framework(db, fy, err);
	struct forms_unit *units = NULL;
	struct strbuf dir, path;
	size_t nr = 0, i;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if (!fw)
		return err && err->code ? err->code : TT_ENOTFOUND;
	strbuf_init(&dir);
	strbuf_init(&path);
	strbuf_addf(&dir, "%s/forms/%d", output_dir, fy);
	if ((rc = load_units(db, &units, &nr, err)))
		goto out;
	strbuf_addf(&path, "%s/xml", dir.buf);
	if ((rc = tt_mkdirs(path.buf, err)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/long-%d.csv", dir.buf, fy);
	if ((rc = write_long_csv(fw, path.buf, err)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/wide-%d.csv", dir.buf, fy);
	if ((rc = write_wide_csv(fw, units, nr, path.buf, err)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/forms-%d.xlsx", dir.buf, fy);
	if ((rc = forms_write_xlsx(fw, units, nr, path.buf, NULL, err)))
		goto out;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/practice-%d.xml", dir.buf, fy);
	if ((rc = write_practice(db, fy, path.buf, err)))
		goto out;
	stats->files = 4;
	for (i = 0; !rc && i < nr; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/xml/%s.xml", dir.buf, units[i].code);
		rc = write_xml(fw, &units[i], path.buf, err);
		stats->files += !rc;
		stats->schools += units[i].is_school;
		if (rc || units[i].is_school)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/profile-%s-%d.xml", dir.buf, units[i].code, fy);
		rc = write_profile(&units[i], fy, path.buf, err);
		stats->files += !rc;
	}
out:
	for (i = 0; i < nr; i++) {
		free((char *)units[i].code);
		free((char *)units[i].name);
	}
	free(units);
	framework_free(fw);
	strbuf_release(&dir);
	strbuf_release(&path);
	return rc;
}
