/*
 * specimen.c - the Thai type specimen, and typesetting a text file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/specimen.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

#define GRID_SIZE 17.0f
#define BODY 16.0f

/* The 44 consonants. */
static const char *const consonants[] = {
	"ก", "ข", "ฃ", "ค", "ฅ", "ฆ", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ",
	"ฐ", "ฑ", "ฒ", "ณ", "ด", "ต", "ถ", "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ",
	"ฟ", "ภ", "ม", "ย", "ร", "ล", "ว", "ศ", "ษ", "ส", "ห", "ฬ", "อ", "ฮ",
};

/*
 * The marks set on each consonant in the grid: tones alone (lowered), over
 * each upper vowel (stacked), with lower vowels (tails cut, dropped), with
 * SARA AM (above the nikhahit) and the other marks.
 */
static const char *const grid_marks[] = {
	"่", "้", "๊", "๋", "์", "ิ่", "ี้", "ึ๊", "ื๋", "ั่", "็", "ุ", "ู้", "ฺ", "่ำ", "้ำ", "ํ",
};

/* Real words with the clusters renderers get wrong. */
static const char *const hard_words =
	"ป่า ป้า ปู่ ปี่ ปิ่นโต ปั้น ปั๊ม ปิ๋ว เป็น ฝั่ง ฝ่าย ฝ้าย ฝึก ฟ้า ฟื้นฟู ฟิล์ม ฟั่น "
	"กีฬา ปลาวาฬ จุฬาฯ น้ำ ค่ำ ต่ำ ซ้ำ ถ้ำ ย้ำ กล้ำ ล้ำค่า ร่ำรวย ทำ คำนำ ญี่ปุ่น บุญ กตัญญู "
	"ญาติ ฐาน ฐานะ ฎีกา กฎหมาย ปฏิบัติ ปฏิทิน ที่ นี่ พี่ ดื่ม ชื่อ เนื้อ มั่น ตั้ง ครั้ง ติ๊ก จิ๋ว "
	"ตั๋ว ก็ เล็ก ศาสตร์ จันทร์ สัตว์ กอล์ฟ ฟิสิกส์ ผู้อำนวยการ ศึกษานิเทศก์ ประสิทธิภาพ "
	"ภูมิภาค ฤดู ฤๅษี ๆ ฯลฯ";

static const char *const paragraph =
	"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาได้ดำเนินงานตามนโยบายของสำนักงานคณะกรรมการ"
	"การศึกษาขั้นพื้นฐาน ประจำปีงบประมาณ พ.ศ. 2567 โดยมุ่งเน้นให้ผู้เรียนได้รับการศึกษา"
	"อย่างทั่วถึงและมีคุณภาพ ส่งเสริมความปลอดภัยในสถานศึกษา ลดความเหลื่อมล้ำทางการศึกษา "
	"และพัฒนาประสิทธิภาพการบริหารจัดการ ผลการดำเนินงานรอบ 12 เดือน พบว่าตัวชี้วัดร้อยละ 76.92 "
	"บรรลุค่าเป้าหมาย (20 จาก 26 ตัวชี้วัด) ทั้งนี้ได้ใช้งบประมาณ 12,345,678.50 บาท "
	"หรือร้อยละ 98.75 ของงบประมาณที่ได้รับจัดสรร ปัญหาอุปสรรคที่พบ ได้แก่ ข้อมูลจาก "
	"Google Forms และระบบ DMC ไม่ตรงกัน ซึ่งจะนำไปปรับปรุงในปีต่อไป";

static const char *const mixed[] = {
	"ผลสัมฤทธิ์ O-NET ป.6 ปีการศึกษา 2566 เฉลี่ย 45.25 คะแนน (เพิ่มขึ้น +3.5%)",
	"ไฟล์ input/2567/6m/network-3101-N01-wide.csv แถว 12 คอลัมน์ F (numerator)",
	"e-mail: plan@bru1.go.th โทร. 0-4461-1234 ต่อ 205",
	"ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์เขต1ลงนามรับรองข้อมูลแล้ว",
};

static void heading(struct layout *l, const char *text)
{
	if (l->page && l->y > l->margin)
		layout_space(l, 10);
	layout_heading(l, 20, text, 3 * BODY * LAYOUT_LINE_HEIGHT);
	layout_space(l, 4);
}

static void body(struct layout *l, enum layout_align align, const char *text)
{
	layout_paragraph(l, FACE_REGULAR, BODY, align, text);
}

static void faces(struct layout *l)
{
	static const char *const names[NR_FACES] = {
		"ตัวปกติ (Laksaman)", "ตัวหนา (Laksaman Bold)", "ตัวเอน (Laksaman Italic)",
		"ตัวหนาเอน (Laksaman Bold Italic)",
	};
	int f;

	for (f = 0; f < NR_FACES; f++) {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addf(&sb, "%s: ป่าไม้ น้ำใจ ปี่พาทย์ กตัญญู ฐานข้อมูล 0123456789", names[f]);
		layout_paragraph(l, f, 18, ALIGN_LEFT, sb.buf);
		strbuf_release(&sb);
	}
}

/* Every consonant with every mark combination: one row a consonant. */
static void grid(struct layout *l)
{
	size_t nr_marks = sizeof(grid_marks) / sizeof(grid_marks[0]);
	size_t nr_cons = sizeof(consonants) / sizeof(consonants[0]);
	struct layout_column *cols = xcalloc(nr_marks + 1, sizeof(*cols));
	char **cells = xcalloc(nr_cons * (nr_marks + 1), sizeof(*cells));
	float w = layout_text_area(l) / (float)(nr_marks + 1);
	char **titles = xcalloc(nr_marks, sizeof(*titles));
	size_t c, m;

	for (m = 0; m < nr_marks; m++) {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addf(&sb, "◌%s", grid_marks[m]); /* a mark shown on a dotted circle */
		titles[m] = strbuf_detach(&sb);
	}
	for (m = 0; m <= nr_marks; m++) {
		cols[m].title = m ? titles[m - 1] : "";
		cols[m].width = w;
		cols[m].align = ALIGN_CENTER;
	}
	for (c = 0; c < nr_cons; c++) {
		cells[c * (nr_marks + 1)] = xstrdup(consonants[c]);
		for (m = 0; m < nr_marks; m++) {
			struct strbuf sb;

			strbuf_init(&sb);
			strbuf_addf(&sb, "%s%s", consonants[c], grid_marks[m]);
			cells[c * (nr_marks + 1) + m + 1] = strbuf_detach(&sb);
		}
	}
	layout_table(l, cols, nr_marks + 1, cells, nr_cons, GRID_SIZE);
	for (c = 0; c < nr_cons * (nr_marks + 1); c++)
		free(cells[c]);
	for (m = 0; m < nr_marks; m++)
		free(titles[m]);
	free(titles);
	free(cells);
	free(cols);
}

/*
 * The same paragraph in two narrow columns side by side (left-aligned and
 * justified), then across the page, left-aligned and justified.
 */
static void columns(struct layout *l)
{
	struct layout_style st;
	float w = (layout_text_area(l) - 24) / 2, h;

	memset(&st, 0, sizeof(st));
	st.size = BODY;
	st.indent = 24;
	h = layout_block(l, 0, 0, w, &st, paragraph, 0);
	layout_need(l, h);
	layout_block(l, l->margin, l->y, w, &st, paragraph, 1);
	st.align = ALIGN_JUSTIFY;
	layout_block(l, l->margin + w + 24, l->y, w, &st, paragraph, 1);
	layout_space(l, h + 8);
	st.align = ALIGN_LEFT;
	st.space_after = 8;
	layout_para(l, &st, paragraph);
	st.align = ALIGN_JUSTIFY;
	layout_para(l, &st, paragraph);
}

static void numbers(struct layout *l)
{
	static const struct tt_date day = { 2023, 10, 1 };
	int digits = l->thai_digits, pass;

	for (pass = 0; pass < 2; pass++) {
		struct strbuf sb;

		l->thai_digits = pass;
		strbuf_init(&sb);
		strbuf_addstr(&sb, pass ? "เลขไทย: " : "เลขอารบิก: ");
		period_format_thai(&sb, &day, 1);
		strbuf_addstr(&sb, " / ");
		period_format_thai(&sb, &day, 0);
		strbuf_addstr(&sb, " / ");
		period_format_fiscal_year(&sb, 2567);
		strbuf_addstr(&sb, " / ");
		period_format_round(&sb, 6);
		strbuf_addstr(&sb, " / ");
		thai_format_number(&sb, 1234567.5, 2, 0);
		strbuf_addstr(&sb, " บาท / ร้อยละ ");
		thai_format_percent(&sb, 85.456, 2);
		strbuf_addstr(&sb, " / ตัวชี้วัด QUAL01 เครือข่าย 3101-N01");
		body(l, ALIGN_LEFT, sb.buf);
		strbuf_release(&sb);
	}
	l->thai_digits = digits;
}

static void framework_names(struct layout *l, const struct framework *fw)
{
	size_t i;

	for (i = 0; i < fw->nr_areas; i++)
		body(l, ALIGN_LEFT, fw->areas[i].name);
	for (i = 0; i < fw->nr_indicators; i++) {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_addf(&sb, "%s %s", fw->indicators[i].code, fw->indicators[i].name);
		body(l, ALIGN_LEFT, sb.buf);
		strbuf_release(&sb);
	}
}

static void builtin(struct layout *l, const struct specimen_options *opt)
{
	layout_new_page(l, 0);
	layout_paragraph(l, FACE_BOLD, 24, ALIGN_CENTER, "ตัวอย่างการเรียงพิมพ์ภาษาไทย");
	heading(l, "แบบอักษร");
	faces(l);
	heading(l, "คำที่มีวรรณยุกต์และสระซ้อน");
	body(l, ALIGN_JUSTIFY, hard_words);
	heading(l, "ย่อหน้าในคอลัมน์แคบและกว้าง ชิดซ้ายและเต็มแนว");
	columns(l);
	heading(l, "อักษรไทย อักษรละติน และตัวเลข");
	{
		size_t i;

		for (i = 0; i < sizeof(mixed) / sizeof(mixed[0]); i++)
			body(l, ALIGN_LEFT, mixed[i]);
	}
	numbers(l);
	layout_new_page(l, 1);
	heading(l, "พยัญชนะทุกตัวกับสระบน สระล่าง และวรรณยุกต์");
	grid(l);
	if (opt->fw) {
		layout_new_page(l, 0);
		heading(l, "ชื่อนโยบายและตัวชี้วัด");
		framework_names(l, opt->fw);
	}
}

static int typeset_file(struct layout *l, const struct specimen_options *opt,
			struct tt_error *err)
{
	struct layout_style st;
	char *text, *line, *next;
	size_t len;

	if (tt_read_file(opt->text_path, &text, &len, err))
		return err->code;
	memset(&st, 0, sizeof(st));
	st.size = BODY;
	st.align = opt->justify ? ALIGN_JUSTIFY : ALIGN_LEFT;
	st.space_after = 4;
	layout_new_page(l, 0);
	layout_set_column(l, 0, opt->column);
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line)
			layout_para(l, &st, line);
	}
	free(text);
	return 0;
}

int specimen_render(const char *path, const struct specimen_options *opt,
		    struct tt_error *err)
{
	struct layout l;
	FILE *log = NULL;
	int rc;

	if ((rc = layout_open(&l, NULL, err)))
		return rc;
	l.thai_digits = opt->thai_digits;
	layout_set_info(&l, "ตัวอย่างการเรียงพิมพ์ภาษาไทย", "tidtam", 2024, 1, 1);
	snprintf(l.footer, sizeof(l.footer), "tidtam %s  ตัวอย่างการเรียงพิมพ์", TT_VERSION);
	if (opt->lines_path && !(log = fopen(opt->lines_path, "w"))) {
		rc = tt_error_set(err, TT_EIO, "cannot write '%s'", opt->lines_path);
		goto out;
	}
	l.line_log = log;
	if (opt->text_path)
		rc = typeset_file(&l, opt, err);
	else
		builtin(&l, opt);
	l.line_log = NULL;
	if (!rc)
		rc = layout_save(&l, path, err);
out:
	if (log && fclose(log) && !rc)
		rc = tt_error_set(err, TT_EIO, "cannot write '%s'", opt->lines_path);
	layout_close(&l);
	return rc;
}
