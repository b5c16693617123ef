/*
 * sheet.c - from rows (CSV or XLSX) to records: finds the header below any
 * title rows, decides the kind of sheet from its columns, and turns each
 * data row into records.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidtam/csv.h"
#include "tidtam/error.h"
#include "tidtam/sheet.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

/* Rows (not blank) looked at for the header before giving up. */
#define SHEET_MAX_TITLE_ROWS 20

/* Header aliases, compared after trimming and ignoring ASCII case. */
static const struct {
	enum record_field field;
	const char *names[8];
} aliases[] = {
	{ FIELD_UNIT, { "unit", "unit_code", "school_code", "code", "รหัสหน่วยงาน",
			"รหัสโรงเรียน", "รหัสสถานศึกษา", NULL } },
	{ FIELD_FISCAL_YEAR, { "fiscal_year", "fy", "year", "ปีงบประมาณ", "ปีงบ", NULL } },
	{ FIELD_ROUND, { "round", "quarter", "รอบ", "รอบรายงาน", "ไตรมาส", NULL } },
	{ FIELD_INDICATOR, { "indicator", "indicator_code", "ตัวชี้วัด", "รหัสตัวชี้วัด", NULL } },
	{ FIELD_VALUE, { "value", "result", "ค่า", "ผล", "ผลการดำเนินงาน", NULL } },
	{ FIELD_NUMERATOR, { "numerator", "num", "ตัวตั้ง", NULL } },
	{ FIELD_DENOMINATOR, { "denominator", "den", "ตัวหาร", NULL } },
	{ FIELD_NOTE, { "note", "notes", "หมายเหตุ", NULL } },
	{ FIELD_SUBMITTED, { "submitted", "submitted_on", "date", "วันที่ส่ง",
			     "วันที่รายงาน", NULL } },
	{ FIELD_NAME, { "name", "unit_name", "school_name", "project_name", "ชื่อ",
			"ชื่อหน่วยงาน", "ชื่อโรงเรียน", "ชื่อโครงการ" } },
	{ FIELD_KIND, { "kind", "unit_kind", "ประเภท", "ประเภทหน่วยงาน", NULL } },
	{ FIELD_PARENT, { "parent", "parent_code", "สังกัด", "รหัสสังกัด", NULL } },
	{ FIELD_PROJECT, { "project", "project_code", "รหัสโครงการ", NULL } },
	{ FIELD_POLICY_AREA, { "policy_area", "policy", "ด้าน", "นโยบาย", "ด้านนโยบาย", NULL } },
	{ FIELD_GROUP, { "group", "responsible_group", "กลุ่มงาน", "กลุ่มที่รับผิดชอบ", NULL } },
	{ FIELD_BUDGET, { "budget", "allocated", "งบประมาณ", "งบประมาณที่ได้รับ", NULL } },
	{ FIELD_Q1, { "q1", "disbursed_q1", "เบิกจ่ายไตรมาส 1", "เบิกจ่าย ไตรมาส 1", NULL } },
	{ FIELD_Q2, { "q2", "disbursed_q2", "เบิกจ่ายไตรมาส 2", "เบิกจ่าย ไตรมาส 2", NULL } },
	{ FIELD_Q3, { "q3", "disbursed_q3", "เบิกจ่ายไตรมาส 3", "เบิกจ่าย ไตรมาส 3", NULL } },
	{ FIELD_Q4, { "q4", "disbursed_q4", "เบิกจ่ายไตรมาส 4", "เบิกจ่าย ไตรมาส 4", NULL } },
	{ FIELD_SIZE, { "size", "school_size", "ขนาด", "ขนาดโรงเรียน", "ขนาดสถานศึกษา", NULL } },
	{ FIELD_DISTRICT, { "district", "อำเภอ", "ที่ตั้งอำเภอ", NULL } },
	{ FIELD_STUDENTS, { "students", "จำนวนนักเรียน", "นักเรียน", "นักเรียนทั้งหมด", NULL } },
	{ FIELD_STUDENTS_PRE, { "students_pre", "นักเรียนอนุบาล", "อนุบาล", NULL } },
	{ FIELD_STUDENTS_PRIMARY, { "students_primary", "นักเรียนประถมศึกษา", "ประถมศึกษา",
				    NULL } },
	{ FIELD_STUDENTS_LOWER, { "students_lower", "นักเรียนมัธยมศึกษาตอนต้น",
				  "มัธยมศึกษาตอนต้น", "ม.ต้น", NULL } },
	{ FIELD_STUDENTS_UPPER, { "students_upper", "นักเรียนมัธยมศึกษาตอนปลาย",
				  "มัธยมศึกษาตอนปลาย", "ม.ปลาย", NULL } },
	{ FIELD_TEACHERS, { "teachers", "จำนวนครู", "ครู", NULL } },
};

/* Header text as compared: trimmed, inner runs of white space made one space. */
static char *header_key(const char *header)
{
	char *h = tt_trim(xstrdup(header));
	char *w = h;
	const char *r;

	for (r = h; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			if (w > h && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return h;
}

int sheet_header_field(const char *header)
{
	char *h = header_key(header);
	size_t i, j;
	int found = -1;

	for (i = 0; found < 0 && i < sizeof(aliases) / sizeof(aliases[0]); i++)
		for (j = 0; j < 8 && aliases[i].names[j]; j++)
			if (!strcasecmp(h, aliases[i].names[j])) {
				found = (int)aliases[i].field;
				break;
			}
	free(h);
	return found;
}

const char *sheet_kind_name(enum sheet_kind kind)
{
	static const char *const names[] = { "unknown", "long", "wide", "projects", "units",
					     "results" };

	return names[kind];
}

enum part { PART_VALUE, PART_NUMERATOR, PART_DENOMINATOR };

struct indicator_column {
	char *code;          /* resolved code, or the header as written */
	long column[3];      /* column index of value, numerator, denominator; -1 if none */
};

struct sheet_parser {
	struct sheet_reader *sr;
	const char *name;
	struct tt_error *err;
	int have_header;
	int rows_before;         /* non-blank rows looked at for the header */
	size_t nr_columns;
	char **headers;          /* trimmed header text per column */
	char **labels;           /* per column: column_label(), made once */
	int *field_of;           /* per column: enum record_field or -1 */
	long field_column[NR_FIELDS]; /* column of each field, or -1 */
	struct indicator_column *indicators; /* wide sheets */
	size_t nr_indicators, alloc_indicators;
	struct strbuf label;
	struct strbuf key_label[3];    /* the unit's, fiscal year's and round's */
};

static void column_letters(struct strbuf *sb, size_t col)
{
	char buf[8];
	int n = 0;

	col++;
	while (col && n < 7) {
		buf[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	while (n)
		strbuf_addch(sb, buf[--n]);
}

/*
 * "E (SAFE01)", or "ข้อมูล!E (SAFE01)" in a workbook: sheet, spreadsheet
 * letter and header of column col, into sb
 */
static void make_label(struct sheet_parser *st, struct strbuf *sb, long col)
{
	if (st->sr->sheet_name)
		strbuf_addf(sb, "%s!", st->sr->sheet_name);
	column_letters(sb, (size_t)col);
	if ((size_t)col < st->nr_columns && st->headers[col][0])
		strbuf_addf(sb, " (%s)", st->headers[col]);
}

/*
 * The label of column col: made once per column of the header, when it is
 * read (st->labels), and into st->label for a column beyond it.
 */
static const char *column_label(struct sheet_parser *st, long col)
{
	if (col < 0)
		return "";
	if (st->labels && (size_t)col < st->nr_columns)
		return st->labels[col];
	strbuf_reset(&st->label);
	make_label(st, &st->label, col);
	return st->label.buf;
}

static void make_labels(struct sheet_parser *st)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	st->labels = xcalloc(st->nr_columns, sizeof(*st->labels));
	for (i = 0; i < st->nr_columns; i++) {
		strbuf_reset(&sb);
		make_label(st, &sb, (long)i);
		st->labels[i] = xstrdup(sb.buf);
	}
	strbuf_release(&sb);
}

/* Split "CODE.num", "name (ตัวตั้ง)" into the indicator part and which part. */
static char *split_part(const char *header, enum part *part)
{
	static const struct { const char *suffix; enum part part; } suffixes[] = {
		{ ".num", PART_NUMERATOR }, { ".den", PART_DENOMINATOR },
		{ "(ตัวตั้ง)", PART_NUMERATOR }, { "(ตัวหาร)", PART_DENOMINATOR },
	};
	char *h = xstrdup(header);
	size_t n = strlen(h), i;

	*part = PART_VALUE;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i].suffix);

		if (n > k && !strcasecmp(h + n - k, suffixes[i].suffix)) {
			h[n - k] = '\0';
			*part = suffixes[i].part;
			tt_trim(h);
			break;
		}
	}
	return h;
}

static void add_indicator_column(struct sheet_parser *st, const char *header, long col)
{
	enum part part;
	char *base = split_part(header, &part);
	const char *code = NULL;
	size_t i;

	if (st->sr->resolve)
		code = st->sr->resolve(base, st->sr->resolve_ctx);
	if (!code)
		code = base;
	for (i = 0; i < st->nr_indicators; i++)
		if (!strcmp(st->indicators[i].code, code))
			break;
	if (i == st->nr_indicators) {
		xgrow(&st->indicators, &st->alloc_indicators, i + 1, sizeof(*st->indicators));
		st->indicators[i].code = xstrdup(code);
		st->indicators[i].column[0] = st->indicators[i].column[1] =
			st->indicators[i].column[2] = -1;
		st->nr_indicators++;
	}
	st->indicators[i].column[part] = col;
	free(base);
}

/* 1 if row is the header (and st now knows the columns), 0 if not. */
static void forget_header(struct sheet_parser *st)
{
	size_t i;

	for (i = 0; i < st->nr_columns; i++) {
		free(st->headers[i]);
		if (st->labels)
			free(st->labels[i]);
	}
	free(st->headers);
	free(st->labels);
	free(st->field_of);
	for (i = 0; i < st->nr_indicators; i++)
		free(st->indicators[i].code);
	st->headers = NULL;
	st->labels = NULL;
	st->field_of = NULL;
	st->nr_columns = 0;
	st->nr_indicators = 0;
}

static int read_header(struct sheet_parser *st, const struct tt_row *row)
{
	struct sheet_reader *sr = st->sr;
	size_t i;
	long *fc = st->field_column;

	st->nr_columns = row->nr_fields;
	st->headers = xcalloc(row->nr_fields, sizeof(*st->headers));
	st->field_of = xcalloc(row->nr_fields, sizeof(*st->field_of));
	for (i = 0; i < NR_FIELDS; i++)
		fc[i] = -1;
	for (i = 0; i < row->nr_fields; i++) {
		int f;

		st->headers[i] = header_key(row->fields[i]);
		f = sheet_header_field(st->headers[i]);
		st->field_of[i] = f;
		if (f >= 0 && fc[f] < 0)
			fc[f] = (long)i;
	}
	if (fc[FIELD_PROJECT] >= 0)
		sr->kind = SHEET_PROJECTS;
	else if (fc[FIELD_INDICATOR] >= 0)
		/* a long sheet that says each unit's kind: a results export */
		sr->kind = fc[FIELD_KIND] >= 0 ? SHEET_RESULTS : SHEET_LONG;
	else if (fc[FIELD_UNIT] >= 0 && (fc[FIELD_KIND] >= 0 || fc[FIELD_PARENT] >= 0))
		sr->kind = SHEET_UNITS;
	else if (fc[FIELD_UNIT] >= 0)
		sr->kind = SHEET_WIDE;
	if (sr->kind != SHEET_UNITS)
		/* size, district, students, teachers: columns of unit lists only */
		for (i = 0; i < row->nr_fields; i++)
			if (st->field_of[i] >= FIELD_SIZE) {
				fc[st->field_of[i]] = -1;
				st->field_of[i] = -1;
			}
	if (sr->kind == SHEET_WIDE)
		for (i = 0; i < row->nr_fields; i++)
			if (st->field_of[i] < 0 && st->headers[i][0])
				add_indicator_column(st, st->headers[i], (long)i);
	if (sr->kind == SHEET_UNKNOWN || (sr->kind == SHEET_WIDE && !st->nr_indicators)) {
		sr->kind = SHEET_UNKNOWN;
		forget_header(st);
		return 0;
	}
	sr->header_row = row->number;
	make_labels(st);
	return 1;
}

static const char *cell(const struct tt_row *row, long col)
{
	if (col < 0 || (size_t)col >= row->nr_fields)
		return NULL;
	return row->fields[col];
}

static int row_is_blank(const struct tt_row *row)
{
	size_t i;

	for (i = 0; i < row->nr_fields; i++) {
		const char *p = row->fields[i];

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			return 0;
	}
	return 1;
}

/* 1 if none of a value's cells holds anything: no value was given. */
static int no_value(const struct record *rec)
{
	return tt_is_blank(rec->field[FIELD_VALUE]) && tt_is_blank(rec->field[FIELD_NUMERATOR]) &&
	       tt_is_blank(rec->field[FIELD_DENOMINATOR]);
}

/*
 * A record per indicator the row gives a value for.  An empty cell is no
 * value (an indicator not due in the row's round, or not known yet), and a
 * row with none at all is no submission: it is counted and passed over.
 */
static int emit_wide(struct sheet_parser *st, const struct tt_row *row,
		     struct record *rec)
{
	size_t i;
	int rc, given = 0;

	for (i = 0; i < st->nr_indicators; i++) {
		const struct indicator_column *ic = &st->indicators[i];
		long col = ic->column[PART_VALUE] >= 0 ? ic->column[PART_VALUE]
						       : ic->column[PART_NUMERATOR];

		if (col < 0)
			col = ic->column[PART_DENOMINATOR];
		rec->field[FIELD_INDICATOR] = ic->code;
		rec->field[FIELD_VALUE] = cell(row, ic->column[PART_VALUE]);
		rec->field[FIELD_NUMERATOR] = cell(row, ic->column[PART_NUMERATOR]);
		rec->field[FIELD_DENOMINATOR] = cell(row, ic->column[PART_DENOMINATOR]);
		if (no_value(rec))
			continue;
		given++;
		rec->column = column_label(st, col);
		if ((rc = st->sr->fn(rec, st->sr->ctx)))
			return rc;
	}
	if (!given)
		st->sr->rows_without_values++;
	return 0;
}

/* The labels of the columns that hold a submission's key, once per sheet. */
static void key_labels(struct sheet_parser *st)
{
	static const enum record_field key[3] = { FIELD_UNIT, FIELD_FISCAL_YEAR, FIELD_ROUND };
	size_t k;

	for (k = 0; k < 3; k++) {
		strbuf_reset(&st->key_label[k]);
		if (st->field_column[key[k]] >= 0)
			strbuf_addstr(&st->key_label[k], column_label(st, st->field_column[key[k]]));
	}
}

static void key_columns(struct sheet_parser *st, struct record *rec)
{
	size_t k;

	for (k = 0; k < 3; k++)
		rec->key_column[k] = st->key_label[k].len ? st->key_label[k].buf : NULL;
}

int sheet_parser_row(const struct tt_row *row, void *ctx)
{
	struct sheet_parser *st = ctx;
	struct record rec;
	long main_col;
	size_t f;

	if (row_is_blank(row))
		return 0;
	if (!st->have_header) {
		/* title rows above the header are passed over */
		if (read_header(st, row)) {
			st->have_header = 1;
			key_labels(st);
			return 0;
		}
		if (++st->rows_before < SHEET_MAX_TITLE_ROWS)
			return 0;
		tt_error_set(st->err, TT_EPARSE,
			     "no header row in the first %d rows: expected columns such as "
			     "unit/รหัสโรงเรียน, indicator/ตัวชี้วัด, value/ค่า",
			     SHEET_MAX_TITLE_ROWS);
		tt_error_at(st->err, st->name, row->number, NULL);
		return TT_EPARSE;
	}
	memset(&rec, 0, sizeof(rec));
	rec.row = row->number;
	for (f = 0; f < NR_FIELDS; f++)
		rec.field[f] = cell(row, st->field_column[f]);
	switch (st->sr->kind) {
	case SHEET_WIDE:
		rec.kind = RECORD_VALUE;
		key_columns(st, &rec);
		return emit_wide(st, row, &rec);
	case SHEET_LONG:
	case SHEET_RESULTS:
		rec.kind = RECORD_VALUE;
		rec.from_results = st->sr->kind == SHEET_RESULTS;
		if (no_value(&rec)) {
			/* a form's row left empty: no value, no submission */
			st->sr->rows_without_values++;
			return 0;
		}
		main_col = st->field_column[FIELD_VALUE];
		if ((!rec.field[FIELD_VALUE] || !*rec.field[FIELD_VALUE]) &&
		    st->field_column[FIELD_NUMERATOR] >= 0)
			main_col = st->field_column[FIELD_NUMERATOR];
		break;
	case SHEET_PROJECTS:
		rec.kind = RECORD_PROJECT;
		main_col = st->field_column[FIELD_PROJECT];
		break;
	case SHEET_UNITS:
		rec.kind = RECORD_UNIT;
		main_col = st->field_column[FIELD_UNIT];
		break;
	default:
		return 0;
	}
	rec.column = column_label(st, main_col);
	key_columns(st, &rec);
	if (st->sr->kind == SHEET_LONG || st->sr->kind == SHEET_RESULTS) {
		/* both columns are the header's: their labels are st->labels' */
		rec.indicator_column = column_label(st, st->field_column[FIELD_INDICATOR]);
	}
	return st->sr->fn(&rec, st->sr->ctx);
}

struct sheet_parser *sheet_parser_new(struct sheet_reader *sr, const char *name,
				      struct tt_error *err)
{
	struct sheet_parser *st = xcalloc(1, sizeof(*st));

	st->sr = sr;
	st->name = name;
	st->err = err;
	strbuf_init(&st->label);
	strbuf_init(&st->key_label[0]);
	strbuf_init(&st->key_label[1]);
	strbuf_init(&st->key_label[2]);
	sr->kind = SHEET_UNKNOWN;
	sr->header_row = 0;
	sr->rows_without_values = 0;
	return st;
}

int sheet_parser_finish(struct sheet_parser *st, int rc)
{
	if (!st)
		return rc;
	if (!rc && !st->have_header) {
		rc = tt_error_set(st->err, TT_EPARSE,
				  "no header row: expected columns such as "
				  "unit/รหัสโรงเรียน, indicator/ตัวชี้วัด, value/ค่า");
		tt_error_at(st->err, st->name, 0, NULL);
	}
	forget_header(st);
	free(st->indicators);
	strbuf_release(&st->label);
	strbuf_release(&st->key_label[0]);
	strbuf_release(&st->key_label[1]);
	strbuf_release(&st->key_label[2]);
	free(st);
	return rc;
}

int sheet_read_csv(struct sheet_reader *sr, const char *path,
		   const struct csv_options *opt, struct tt_error *err)
{
	struct sheet_parser *st = sheet_parser_new(sr, path, err);

	return sheet_parser_finish(st, csv_read_file(path, opt, &sr->csv, sheet_parser_row,
						     st, err));
}

int sheet_read_csv_memory(struct sheet_reader *sr, const char *data, size_t len,
			  const char *name, struct tt_error *err)
{
	struct sheet_parser *st = sheet_parser_new(sr, name, err);

	return sheet_parser_finish(st, csv_read_memory(data, len, 0, name, NULL, &sr->csv,
						       sheet_parser_row, st, err));
}
