/*
 * receipt.c - receipts for submitters, one per input file version: the
 * text, a PDF of it set for printing, and the same facts as JSON for
 * programs (vreport.h), all three made from one reading of the database.
 *
 * A receipt is a document its submitter keeps: it opens with the office's
 * name, the title, the receipt's number (the file's id and the fiscal year
 * it was received in: "42/2567") and its date of issue (the day the file
 * was received, file.ingested_at, so that a receipt made again on a later
 * night keeps it).  Its Thai text is set as the office's reports are: with
 * Thai digits when the annual template of the receipt's fiscal year says
 * digits="thai", and Thai quotation marks; what the submitter wrote (a
 * path, a sheet's name, a value found) is quoted as written.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/json.h"
#include "tidtam/layout.h"
#include "tidtam/period.h"
#include "tidtam/progress.h"
#include "tidtam/receipt.h"
#include "tidtam/sha256.h"
#include "tidtam/template.h"
#include "tidtam/thai.h"
#include "tidtam/util.h"
#include "tidtam/vreport.h"
#include "tidtam/workers.h"
#include "build-id.h"
#include "tidtam/banned.h"

/* A receipt as lines of a few kinds, so text and PDF are made the same. */
enum line_kind { L_OFFICE, L_TITLE, L_META, L_DIGEST, L_RESULT, L_SECTION, L_UNIT, L_ISSUE,
		 L_ISSUE_TEXT, L_NOTE };

/*
 * While a line is built, what the submitter wrote is bracketed, so that
 * the line's own words and numbers are set in the receipt's digits and
 * quotation marks without touching it: QUOTED_BEGIN ... QUOTED_END is set
 * in quotation marks (“…” in Thai), VERBATIM_BEGIN ... VERBATIM_END as it
 * is.  add() takes the brackets out (finish_line()).
 */
#define QUOTED_BEGIN '\x01'
#define QUOTED_END '\x02'
#define VERBATIM_BEGIN '\x03'
#define VERBATIM_END '\x04'
#define THAI_OPEN_QUOTE "\xe2\x80\x9c"   /* U+201C */
#define THAI_CLOSE_QUOTE "\xe2\x80\x9d"  /* U+201D */

/* A sheet of the file as file_sheet has it, for the JSON receipt. */
struct receipt_sheet {
	char *name, *kind, *note;  /* name NULL for a CSV file */
	int header_row;            /* 0: none */
	int skipped;
};

/* A submission of the file, for the JSON receipt. */
struct receipt_submission {
	char *unit, *unit_name, *fiscal_year_text, *round_text, *submitted_on, *status;
	int fiscal_year, round;    /* 0: not read */
	int values, superseded;
};

struct receipt {
	int english;              /* English instead of Thai */
	int thai_digits;          /* the Thai text's digits as ๐-๙ (never in English) */
	char *number;             /* "<file id>/<fiscal year received>", Arabic digits */
	char *office;             /* the submitting units' office, NULL: not one known */
	char *office_code;        /* its code */
	struct tt_date issued;    /* the day the file was received */
	enum line_kind *kinds;
	char **lines;
	size_t nr, alloc;
	/* the facts the lines say, as data */
	char *path, *sha256, *kind, *status, *format, *encoding, *delimiter;
	int version;
	long long size;
	long rows_passed;         /* rows without values */
	struct receipt_sheet *sheets;
	size_t nr_sheets, alloc_sheets;
	struct receipt_submission *subs;
	size_t nr_subs, alloc_subs;
	struct vreport_issue *issues;
	size_t nr_issues, alloc_issues;
	long errors, warnings;
};

/*
 * The statements a receipt is read with, each prepared once for its
 * connection and reset after every use: prepared again for each receipt
 * they cost more than running them (half of reading a receipt).  A reader
 * is of one connection and is released before the connection is closed;
 * between receipts it holds no lock (its statements are reset).
 */
enum reader_sql { RS_FILE, RS_SUBMISSIONS, RS_ISSUES, RS_SHEETS, RS_OFFICE, RS_UNITS,
		  RS_UNIT_ROWS, RS_PRACTICE, RS_DIR, RS_DIR_OTHER, NR_READER_SQL };

struct receipt_reader {
	sqlite3 *db;
	sqlite3_stmt *st[NR_READER_SQL];  /* NULL: not prepared yet */
};

static void reader_init(struct receipt_reader *rd, sqlite3 *db)
{
	memset(rd, 0, sizeof(*rd));
	rd->db = db;
}

static void reader_release(struct receipt_reader *rd)
{
	int i;

	for (i = 0; i < NR_READER_SQL; i++)
		sqlite3_finalize(rd->st[i]);
	memset(rd, 0, sizeof(*rd));
}

/*
 * Into *st, rd's statement slot, prepared from sql the first time (a slot
 * is always given the same sql).  0 or TT_EDB with err (err may be NULL).
 */
static int reader_stmt(struct receipt_reader *rd, enum reader_sql slot, const char *sql,
		       sqlite3_stmt **st, struct tt_error *err)
{
	int rc;

	*st = NULL;
	if (!rd->st[slot] && (rc = db_prepare(rd->db, &rd->st[slot], sql, err)))
		return rc;
	*st = rd->st[slot];
	return 0;
}

/* A reader's statement done with (NULL: none): reset, its parameters cleared. */
static void reader_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Append s, whatever the submitter wrote, within the brackets given. */
static void add_bracketed(struct strbuf *sb, char begin, char end, const char *s)
{
	strbuf_addch(sb, begin);
	for (; s && *s; s++)
		strbuf_addch(sb, (unsigned char)*s < 0x20 ? ' ' : *s);
	strbuf_addch(sb, end);
}

/* Append s in quotation marks, as written: a sheet's name, a value found. */
static void add_quoted(struct strbuf *sb, const char *s)
{
	add_bracketed(sb, QUOTED_BEGIN, QUOTED_END, s);
}

/* Append s as written: a path, a code, a digest. */
static void add_verbatim(struct strbuf *sb, const char *s)
{
	add_bracketed(sb, VERBATIM_BEGIN, VERBATIM_END, s);
}

/* Append the n bytes of s in the receipt's digits. */
static void add_digits(const struct receipt *r, struct strbuf *out, const char *s, size_t n)
{
	struct strbuf seg;

	strbuf_init(&seg);
	strbuf_add(&seg, s, n);
	if (r->thai_digits && !r->english)
		thai_digits(out, seg.buf);
	else
		strbuf_addstr(out, seg.buf);
	strbuf_release(&seg);
}

/*
 * The receipt's own words in its digits and quotation marks.  In Thai a
 * pair of ASCII quotes (in a message the validator wrote) becomes “…”,
 * what is between them left as written (a value the submitter gave), and
 * the other digits become Thai ones when the receipt says so
 * (thai_digits(): not those of a code or a file name).
 */
static void finish_plain(const struct receipt *r, struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i;

		while (k < n && (s[k] != '"' || r->english))
			k++;
		add_digits(r, out, s + i, k - i);
		if (k == n)
			break;
		i = k + 1;
		while (k + 1 < n && s[k + 1] != '"')
			k++;
		strbuf_addstr(out, THAI_OPEN_QUOTE);
		strbuf_add(out, s + i, k + 1 - i);
		strbuf_addstr(out, THAI_CLOSE_QUOTE);
		i = k + 2;
	}
}

/* The line raw with its brackets taken out (see QUOTED_BEGIN): the caller's. */
static char *finish_line(const struct receipt *r, const char *raw)
{
	static const char brackets[] = { QUOTED_BEGIN, VERBATIM_BEGIN, '\0' };
	struct strbuf out;
	const char *p = raw;

	strbuf_init(&out);
	while (*p) {
		size_t n = strcspn(p, brackets);
		int quoted;
		char end[2] = { 0, 0 };

		finish_plain(r, &out, p, n);
		p += n;
		if (!*p)
			break;
		quoted = *p == QUOTED_BEGIN;
		end[0] = quoted ? QUOTED_END : VERBATIM_END;
		n = strcspn(p + 1, end);
		if (quoted)
			strbuf_addstr(&out, r->english ? "\"" : THAI_OPEN_QUOTE);
		strbuf_add(&out, p + 1, n);
		if (quoted)
			strbuf_addstr(&out, r->english ? "\"" : THAI_CLOSE_QUOTE);
		p += 1 + n;
		if (*p)
			p++;
	}
	return strbuf_detach(&out);
}

static void add(struct receipt *r, enum line_kind kind, struct strbuf *sb)
{
	xgrow(&r->lines, &r->alloc, r->nr + 1, sizeof(*r->lines));
	r->kinds = xrealloc(r->kinds, r->alloc * sizeof(*r->kinds));
	r->kinds[r->nr] = kind;
	r->lines[r->nr++] = finish_line(r, sb->buf);
	strbuf_reset(sb);
}

/*
 * The digits of receipts filed under a fiscal year: those of that year's
 * annual report, as its template's root says (digits="thai"), the
 * template found as render finds it (<templates>/reports/<FY>/annual.xml
 * over reports/annual.xml); for a year not known, reports/annual.xml.  A
 * template that cannot be read gives Arabic digits, its schema's default
 * (render says what is wrong with it).  Read once per year.
 */
struct digits_cache {
	const char *templates_dir;  /* NULL: Arabic digits */
	int years[16], thai[16];
	size_t nr;
};

static int digits_of_year(struct digits_cache *c, const char *fy)
{
	struct report_template *t;
	struct tt_error err;
	struct strbuf path;
	long year = 0;
	int thai;
	size_t i;

	if (!c->templates_dir)
		return 0;
	if (tt_parse_long(fy, &year))
		year = 0;
	for (i = 0; i < c->nr; i++)
		if (c->years[i] == (int)year)
			return c->thai[i];
	strbuf_init(&path);
	if (year) {
		strbuf_addf(&path, "%s/reports/%ld/annual.xml", c->templates_dir, year);
		if (access(path.buf, F_OK))
			strbuf_reset(&path);
	}
	if (!path.len)
		strbuf_addf(&path, "%s/reports/annual.xml", c->templates_dir);
	tt_error_clear(&err);
	t = template_load(path.buf, NULL, &err);
	thai = t && t->thai_digits;
	template_free(t);
	strbuf_release(&path);
	if (c->nr < sizeof(c->years) / sizeof(c->years[0])) {
		c->years[c->nr] = (int)year;
		c->thai[c->nr++] = thai;
	}
	return thai;
}

static void receipt_release(struct receipt *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r->kinds);
	free(r->number);
	free(r->office);
	free(r->office_code);
	free(r->path);
	free(r->sha256);
	free(r->kind);
	free(r->status);
	free(r->format);
	free(r->encoding);
	free(r->delimiter);
	for (i = 0; i < r->nr_sheets; i++) {
		free(r->sheets[i].name);
		free(r->sheets[i].kind);
		free(r->sheets[i].note);
	}
	free(r->sheets);
	for (i = 0; i < r->nr_subs; i++) {
		free(r->subs[i].unit);
		free(r->subs[i].unit_name);
		free(r->subs[i].fiscal_year_text);
		free(r->subs[i].round_text);
		free(r->subs[i].submitted_on);
		free(r->subs[i].status);
	}
	free(r->subs);
	for (i = 0; i < r->nr_issues; i++)
		vreport_issue_release(&r->issues[i]);
	free(r->issues);
}

/* A text column, or NULL when the column is NULL: the caller's to free. */
static char *column_dup(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NULL : xstrdup(db_column_text(st, col));
}

/* th or en, as the receipt's language says */
#define T(r, thai, eng) ((r)->english ? (eng) : (thai))

static const char *kind_name(const struct receipt *r, const char *kind)
{
	static const struct { const char *kind, *th, *en; } names[] = {
		{ "long", "ตารางแบบยาว (หนึ่งค่าต่อแถว)", "long sheet (one value per row)" },
		{ "results", "ผลการดำเนินงานที่ส่งออกจากระบบติดตาม (หนึ่งค่าต่อแถว)",
		  "results exported by tidtam (one value per row)" },
		{ "wide", "ตารางแบบกว้าง (หนึ่งโรงเรียนต่อแถว)", "wide sheet (one school per row)" },
		{ "form", "แบบฟอร์ม XML", "XML form" },
		{ "units", "ทะเบียนหน่วยงาน", "list of units" },
		{ "projects", "แผนปฏิบัติการ (โครงการ)", "action plan (projects)" },
		{ "framework", "กรอบการติดตาม", "framework" },
		{ "profile", "ข้อมูลพื้นฐานของสำนักงาน", "office profile" },
		{ "practice", "แบบบันทึกผลงานดีเด่น รางวัล หรือแนวปฏิบัติที่ดี",
		  "practice form (best practice, award or outstanding work)" },
		{ "image", "ภาพประกอบผลงาน", "photograph of a practice" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(kind, names[i].kind))
			return T(r, names[i].th, names[i].en);
	return T(r, "ไม่ทราบชนิด", "unknown");
}

static const char *separator_name(const struct receipt *r, const char *d)
{
	if (!strcmp(d, ","))
		return T(r, "จุลภาค (,)", "comma (,)");
	if (!strcmp(d, ";"))
		return T(r, "อัฒภาค (;)", "semicolon (;)");
	if (!strcmp(d, "tab"))
		return T(r, "แท็บ", "tab");
	return d;
}

/*
 * Where an issue is: the sheet named, then the cell as a spreadsheet names
 * it ("เซลล์ F12 (OPP01)") when the column is a sheet's letter, else the
 * row and the column's name.
 */
static void issue_where(const struct receipt *r, struct strbuf *sb,
			const struct vreport_issue *is)
{
	struct vreport_cell cell;

	vreport_cell_parse(is->column, &cell);
	if (cell.sheet) {
		strbuf_addstr(sb, T(r, " ชีต ", " sheet "));
		add_quoted(sb, cell.sheet);
	}
	if (is->row > 0 && cell.letters[0]) {
		struct strbuf ref;

		strbuf_init(&ref);
		strbuf_addf(&ref, "%s%ld", cell.letters, is->row);
		strbuf_addstr(sb, T(r, " เซลล์ ", " cell "));
		add_verbatim(sb, ref.buf);
		strbuf_release(&ref);
	} else {
		if (is->row > 0)
			strbuf_addf(sb, T(r, " แถว %ld", " row %ld"), is->row);
		if (cell.letters[0]) {
			strbuf_addstr(sb, T(r, " คอลัมน์ ", " column "));
			add_verbatim(sb, cell.letters);
		}
	}
	if (cell.field_name) {
		strbuf_addstr(sb, cell.letters[0] ? " (" : T(r, " คอลัมน์ ", " column "));
		add_verbatim(sb, cell.field_name);
		if (cell.letters[0])
			strbuf_addch(sb, ')');
	}
	vreport_cell_release(&cell);
}

/* The issue at st's row (VREPORT_ISSUE_COLUMNS), as lines and as data. */
static void add_issue(struct receipt *r, sqlite3_stmt *st)
{
	struct vreport_issue *is;
	struct strbuf sb;

	xgrow(&r->issues, &r->alloc_issues, r->nr_issues + 1, sizeof(*r->issues));
	is = &r->issues[r->nr_issues++];
	vreport_issue_read(st, 0, is);
	if (!strcmp(is->severity, "error"))
		r->errors++;
	else
		r->warnings++;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s ", !strcmp(is->severity, "error") ? T(r, "ข้อผิดพลาด", "error")
								: T(r, "คำเตือน", "warning"));
	add_verbatim(&sb, is->code);
	issue_where(r, &sb, is);
	if (is->found) {
		strbuf_addstr(&sb, T(r, " พบ ", " found "));
		add_quoted(&sb, is->found);
	}
	add(r, L_ISSUE, &sb);
	/* what it means and what to do, on a line of its own */
	strbuf_addstr(&sb, r->english ? is->message_en : is->message_th);
	add(r, L_ISSUE_TEXT, &sb);
	strbuf_release(&sb);
}

static const char *skip_reason_in(int english, const char *note)
{
	static const struct { const char *en, *th; } notes[] = {
		{ "no header row", "ไม่มีแถวหัวตาราง" },
		{ "hidden sheet", "ชีตที่ซ่อนไว้" },
		{ "chart sheet", "ชีตแผนภูมิ" },
		{ "not the sheet the framework names", "ไม่ใช่ชีตที่กรอบการติดตามกำหนดให้อ่าน" },
	};
	size_t i;

	for (i = 0; !english && i < sizeof(notes) / sizeof(notes[0]); i++)
		if (!strcmp(note, notes[i].en))
			return notes[i].th;
	return note;
}

static const char *skip_reason(const struct receipt *r, const char *note)
{
	return skip_reason_in(r->english, note);
}

/* How the file was read: encoding, separator, sheets and header rows. */
static int add_reading(struct receipt *r, struct receipt_reader *rd, long long file_id,
		       sqlite3_stmt *f,
		       struct tt_error *err)
{
	sqlite3_stmt *st;
	struct strbuf sb;
	long passed = 0, other_units = 0, other_indicators = 0;
	int rc;

	strbuf_init(&sb);
	if (sqlite3_column_type(f, 6) != SQLITE_NULL) {
		strbuf_addstr(&sb, T(r, "อ่านเป็นข้อความรหัส ", "read as "));
		add_verbatim(&sb, db_column_text(f, 6));
		strbuf_addstr(&sb, T(r, "", " text"));
		if (!strcmp(db_column_text(f, 6), "Windows-874"))
			strbuf_addstr(&sb, " (TIS-620)");
		if (*db_column_text(f, 7))
			strbuf_addf(&sb, T(r, " คั่นด้วย%s", ", separated by %s"),
				    separator_name(r, db_column_text(f, 7)));
	}
	if ((rc = reader_stmt(rd, RS_SHEETS, "SELECT name, header_row, status, note, kind"
				" FROM file_sheet WHERE file_id = ?1 ORDER BY seq", &st, err))) {
		strbuf_release(&sb);
		return rc;
	}
	sqlite3_bind_int64(st, 1, file_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int skipped = !strcmp(db_column_text(st, 2), "skipped");
		const char *note = db_column_text(st, 3);
		size_t k = strlen(RECEIPT_ROWS_WITHOUT_VALUES);
		struct receipt_sheet *sh;

		xgrow(&r->sheets, &r->alloc_sheets, r->nr_sheets + 1, sizeof(*r->sheets));
		sh = &r->sheets[r->nr_sheets++];
		sh->name = column_dup(st, 0);
		sh->header_row = sqlite3_column_int(st, 1);
		sh->skipped = skipped;
		sh->note = *note ? xstrdup(note) : NULL;
		sh->kind = column_dup(st, 4);

		const char *others = strstr(note, RECEIPT_ROWS_OTHER_UNITS);

		if (!skipped && !strncmp(note, RECEIPT_ROWS_WITHOUT_VALUES, k))
			passed += strtol(note + k, NULL, 10);
		if (!skipped && others)
			other_units += strtol(others + strlen(RECEIPT_ROWS_OTHER_UNITS), NULL, 10);
		if (!skipped && (others = strstr(note, RECEIPT_ROWS_OTHER_INDICATORS)))
			other_indicators += strtol(others + strlen(RECEIPT_ROWS_OTHER_INDICATORS),
						   NULL, 10);

		if (sb.len)
			strbuf_addstr(&sb, r->english ? "; " : " ");
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			strbuf_addstr(&sb, T(r, "ชีต ", "sheet "));
			add_quoted(&sb, db_column_text(st, 0));
			strbuf_addch(&sb, ' ');
		}
		if (skipped)
			strbuf_addf(&sb, T(r, "ข้ามไป (%s)", "passed over (%s)"),
				    skip_reason(r, db_column_text(st, 3)));
		else if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			strbuf_addf(&sb, T(r, "หัวตารางอยู่แถว %d", "header at row %d"),
				    sqlite3_column_int(st, 1));
	}
	reader_done(st);
	r->rows_passed = passed;
	if (sb.len) {
		struct strbuf line;

		strbuf_init(&line);
		strbuf_addstr(&line, T(r, "การอ่าน: ", "Reading: "));
		strbuf_add(&line, sb.buf, sb.len);
		add(r, L_META, &line);
		strbuf_release(&line);
	}
	if (other_units > 0) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, T(r, "แถวของหน่วยงานที่ไม่มีในทะเบียนหน่วยงาน (เช่น โรงเรียนและเครือข่ายของเขต)"
				   " %ld แถว ข้ามไป",
				   "%ld rows of units not in the unit list (an area's schools and"
				   " networks) passed over"),
			    other_units);
		add(r, L_META, &sb);
	}
	if (other_indicators > 0) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, T(r, "แถวของตัวชี้วัดที่ไม่มีในกรอบการติดตามของปีงบประมาณ"
				   " (ตัวชี้วัดเฉพาะของเขต) %ld แถว ข้ามไป",
				   "%ld rows of indicators not in the year's framework (an area's"
				   " own indicators) passed over"),
			    other_indicators);
		add(r, L_META, &sb);
	}
	if (passed > 0) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, T(r, "แถวที่ไม่ได้กรอกค่าใดเลย %ld แถว ข้ามไป (ไม่นับเป็นการส่งข้อมูล)",
				   "%ld rows without any value passed over (not submissions)"),
			    passed);
		add(r, L_META, &sb);
	}
	strbuf_release(&sb);
	return 0;
}

/* The one number a query of file_id gives (rd's statement slot), 0 if none. */
static int count(struct receipt_reader *rd, enum reader_sql slot, const char *sql,
		 long long file_id)
{
	sqlite3_stmt *st;
	int n = 0;

	if (reader_stmt(rd, slot, sql, &st, NULL))
		return 0;
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	reader_done(st);
	return n;
}

/*
 * The name of the office of the units file_id's submissions are of (each
 * walked up the unit tree, a bounded walk), when they are all of one;
 * for a file of no unit, the office when the database holds only one.
 */
static int office_of(struct receipt *r, struct receipt_reader *rd, long long file_id,
		     struct tt_error *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(code, depth) AS ("
		"  SELECT DISTINCT unit_code, 0 FROM submission WHERE file_id = ?1"
		"  UNION SELECT u.parent, up.depth + 1 FROM up JOIN unit u ON u.code = up.code"
		"  WHERE u.parent IS NOT NULL AND up.depth < 64),"
		" offices AS (SELECT DISTINCT o.code, o.name FROM up"
		"  JOIN unit o ON o.code = up.code AND o.kind = 'office')"
		" SELECT code, name FROM offices WHERE (SELECT COUNT(*) FROM offices) = 1"
		" UNION ALL SELECT code, name FROM unit WHERE kind = 'office'"
		"  AND NOT EXISTS (SELECT 1 FROM submission WHERE file_id = ?1)"
		"  AND (SELECT COUNT(*) FROM unit WHERE kind = 'office') = 1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = reader_stmt(rd, RS_OFFICE, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) == SQLITE_ROW && *db_column_text(st, 1)) {
		r->office_code = xstrdup(db_column_text(st, 0));
		r->office = xstrdup(db_column_text(st, 1));
	}
	reader_done(st);
	return 0;
}

/*
 * The result line of a practice form (its title, unit, year and photos
 * taken) or of a photograph (its type and size in pixels), into sb.
 */
static void practice_result(const struct receipt *r, struct receipt_reader *rd,
			    long long file_id, struct strbuf *sb)
{
	sqlite3_stmt *st;

	if (reader_stmt(rd, RS_PRACTICE, "SELECT p.title, p.unit_code, p.fiscal_year,"
			" (SELECT COUNT(*) FROM practice_photo ph WHERE ph.file_id = p.file_id),"
			" NULL, NULL FROM practice p WHERE p.file_id = ?1 UNION ALL"
			" SELECT NULL, NULL, NULL, i.width, i.height, upper(i.format)"
			" FROM image i WHERE i.file_id = ?1", &st, NULL)) {
		strbuf_addstr(sb, T(r, "ผลการตรวจ: รับไว้แล้ว", "Result: received"));
		return;
	}
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		strbuf_addstr(sb, T(r, "ผลการตรวจ: รับไว้แล้ว", "Result: received"));
	} else if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		/* the title quoted as written, the unit's code as written */
		strbuf_addstr(sb, T(r, "ผลการตรวจ: รับผลงาน ", "Result: practice "));
		add_quoted(sb, db_column_text(st, 0));
		strbuf_addstr(sb, T(r, " ของหน่วยงาน ", " of unit "));
		add_verbatim(sb, db_column_text(st, 1));
		strbuf_addf(sb, T(r, " ปีงบประมาณ %d ภาพประกอบที่อ้างถึง %d ภาพ",
				  ", fiscal year %d, naming %d photos, received"),
			    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
	} else {
		strbuf_addf(sb, T(r, "ผลการตรวจ: รับภาพ %s ขนาด %d × %d จุดไว้แล้ว",
				  "Result: %s image of %d x %d pixels received"),
			    db_column_text(st, 5), sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
	}
	reader_done(st);
}

/*
 * The receipt of file id.  A copy of a file stored before (status moved,
 * not read again) says what was found in that file: its sheets, issues and
 * submissions are the first one's, under the copy's own path and version.
 */
/*
 * The values a submission (s) gave: an empty one, stored by an older
 * version, is none.  Those of a submission after meta 'values_given_after'
 * (schema 22) are all given, and counted by their index entries alone.
 */
#define RECEIPT_VALUES_GIVEN							\
	"(CASE WHEN s.id > (SELECT CAST(value AS INTEGER) FROM meta"		\
	"  WHERE key = 'values_given_after')"					\
	" THEN (SELECT COUNT(*) FROM value v WHERE v.submission_id = s.id)"	\
	" ELSE (SELECT COUNT(*) FROM value v WHERE v.submission_id = s.id"	\
	"  AND (TRIM(COALESCE(v.value, '')) <> '' OR TRIM(COALESCE(v.numerator, ''))" \
	"  <> '' OR TRIM(COALESCE(v.denominator, '')) <> '')) END)"

static int build(struct receipt *r, struct receipt_reader *rd, long long id,
		 struct tt_error *err)
{
	sqlite3_stmt *f = NULL, *subs = NULL, *issues = NULL;
	int rc, accepted = 0, rejected = 0, failed;
	long long file_id;         /* the file whose content was read */
	size_t result_at;
	struct strbuf sb;

	strbuf_init(&sb);
	if ((rc = reader_stmt(rd, RS_FILE, "SELECT f.path, f.version, c.size, c.sha256, c.kind,"
			      " f.status, c.encoding, COALESCE(c.delimiter, ''), c.format, c.status,"
			      " c.path, c.id, f.ingested_at"
			      " FROM file f JOIN file c ON c.id = COALESCE(f.same_as, f.id)"
			      " WHERE f.id = ?1", &f, err)) ||
	    (rc = reader_stmt(rd, RS_SUBMISSIONS,
			     "SELECT s.id, s.unit_code, COALESCE(u.name, ''), s.fiscal_year_text,"
			     " s.round, s.round_text, s.submitted_on, s.status,"
			     " " RECEIPT_VALUES_GIVEN ","
			     " s.superseded_by, s.fiscal_year"
			     " FROM submission s LEFT JOIN unit u ON u.code = s.unit_code"
			     " WHERE s.file_id = ?1 ORDER BY s.first_row, s.id", &subs, err)) ||
	    (rc = reader_stmt(rd, RS_ISSUES,
			     "SELECT " VREPORT_ISSUE_COLUMNS
			     " FROM issue i LEFT JOIN submission s ON s.id = i.submission_id"
			     " WHERE i.file_id = ?1 AND i.submission_id IS ?2"
			     " ORDER BY i.severity, i.row, i.id", &issues, err)))
		goto out;
	sqlite3_bind_int64(f, 1, id);
	if (sqlite3_step(f) != SQLITE_ROW) {
		rc = tt_error_set(err, TT_ENOTFOUND, "no file %lld", id);
		goto out;
	}
	file_id = sqlite3_column_int64(f, 11);
	failed = !strcmp(db_column_text(f, 9), "failed");
	r->path = xstrdup(db_column_text(f, 0));
	r->version = sqlite3_column_int(f, 1);
	r->size = sqlite3_column_int64(f, 2);
	r->sha256 = xstrdup(db_column_text(f, 3));
	r->kind = column_dup(f, 4);
	r->status = xstrdup(db_column_text(f, 5));
	r->encoding = column_dup(f, 6);
	r->delimiter = *db_column_text(f, 7) ? xstrdup(db_column_text(f, 7)) : NULL;
	r->format = xstrdup(db_column_text(f, 8));
	if (period_parse_date(db_column_text(f, 12), &r->issued))
		period_date_from_time(0, &r->issued);
	/* the number: the file's id and the fiscal year it was received in */
	strbuf_addf(&sb, "%lld/%d", id, period_fiscal_year(&r->issued));
	r->number = strbuf_detach(&sb);
	if ((rc = office_of(r, rd, file_id, err)))
		goto out;
	if (r->office) {
		strbuf_addstr(&sb, r->office);
		add(r, L_OFFICE, &sb);
	}
	strbuf_addstr(&sb, T(r, "ใบตอบรับการส่งข้อมูลติดตามและประเมินผล (tidtam)",
			     "Receipt for monitoring and evaluation data (tidtam)"));
	add(r, L_TITLE, &sb);
	strbuf_addf(&sb, T(r, "เลขที่ใบตอบรับ %s", "Receipt number %s"), r->number);
	add(r, L_META, &sb);
	if (r->english) {
		char iso[11];

		period_format_iso(&r->issued, iso);
		strbuf_addf(&sb, "Issued on %s", iso);
	} else {
		strbuf_addstr(&sb, "วันที่ออก ");
		period_format_thai(&sb, &r->issued, 1);
	}
	add(r, L_META, &sb);
	strbuf_addstr(&sb, T(r, "ไฟล์: ", "File: "));
	add_verbatim(&sb, db_column_text(f, 0));
	add(r, L_META, &sb);
	/* version and size apart, so that neither reads as part of the other */
	strbuf_addf(&sb, T(r, "ฉบับที่ %d · ขนาด ", "Version %d · size "), r->version);
	thai_format_number(&sb, (double)r->size, 0, 0);
	strbuf_addstr(&sb, T(r, " ไบต์", " bytes"));
	add(r, L_META, &sb);
	strbuf_addstr(&sb, "SHA-256: ");
	add_verbatim(&sb, db_column_text(f, 3));
	add(r, L_DIGEST, &sb);
	if (file_id != id) {
		strbuf_addstr(&sb, T(r, "เนื้อหาเหมือนไฟล์ ", "Byte for byte the same as "));
		add_verbatim(&sb, db_column_text(f, 10));
		strbuf_addstr(&sb, T(r, " ที่ได้รับไว้แล้วทุกไบต์ จึงไม่ได้อ่านซ้ำ"
					" ผลการตรวจด้านล่างเป็นของไฟล์นั้น",
				     ", received before: not read again;"
				     " what follows is what was found in it"));
		add(r, L_META, &sb);
	}
	strbuf_addf(&sb, T(r, "ชนิด: %s", "Kind: %s"),
		    kind_name(r, (const char *)sqlite3_column_text(f, 4)));
	add(r, L_META, &sb);
	if ((rc = add_reading(r, rd, file_id, f, err)))
		goto out;
	result_at = r->nr;
	strbuf_addstr(&sb, "");
	add(r, L_RESULT, &sb); /* filled in below, once the counts are known */

	/* problems with the file as a whole */
	sqlite3_bind_int64(issues, 1, file_id);
	sqlite3_bind_null(issues, 2);
	while (sqlite3_step(issues) == SQLITE_ROW) {
		/* one heading over them all: an issue ends with its text's line */
		if (r->kinds[r->nr - 1] != L_ISSUE_TEXT) {
			if (!failed && !strcmp(db_column_text(f, 4), "practice"))
				strbuf_addstr(&sb, T(r, "คำเตือน (รับผลงานนี้ไว้แล้ว):",
						     "Warnings (the practice was taken):"));
			else if (!failed && !strcmp(db_column_text(f, 4), "framework"))
				/* a framework taken: what `tidtam check` warns of */
				strbuf_addstr(&sb, T(r, "คำเตือน (รับกรอบการติดตามนี้ไว้แล้ว):",
						     "Warnings (the framework was taken):"));
			else if (!failed)
				/* a unit list: the rows refused, the others taken */
				strbuf_addstr(&sb, T(r, "แถวที่ไม่รับ (แถวอื่นรับไว้แล้ว):",
						     "Rows refused (the other rows were taken):"));
			else
				strbuf_addstr(&sb, T(r, "ปัญหาของไฟล์ (ไม่ได้รับข้อมูลจากไฟล์นี้):",
						     "Problems with the file (nothing was taken from it):"));
			add(r, L_SECTION, &sb);
		}
		add_issue(r, issues);
	}
	sqlite3_bind_int64(subs, 1, file_id);
	while (sqlite3_step(subs) == SQLITE_ROW) {
		const char *status = db_column_text(subs, 7);
		struct tt_date d;
		int ok = !strcmp(status, "accepted"), bad = !strcmp(status, "rejected");
		int held = !strcmp(status, "held");
		struct receipt_submission *sub;

		xgrow(&r->subs, &r->alloc_subs, r->nr_subs + 1, sizeof(*r->subs));
		sub = &r->subs[r->nr_subs++];
		sub->unit = xstrdup(db_column_text(subs, 1));
		sub->unit_name = column_dup(subs, 2);
		sub->fiscal_year_text = xstrdup(db_column_text(subs, 3));
		sub->fiscal_year = sqlite3_column_int(subs, 10);
		sub->round = sqlite3_column_int(subs, 4);
		sub->round_text = xstrdup(db_column_text(subs, 5));
		sub->submitted_on = xstrdup(db_column_text(subs, 6));
		sub->status = xstrdup(status);
		sub->values = sqlite3_column_int(subs, 8);
		sub->superseded = sqlite3_column_type(subs, 9) != SQLITE_NULL;
		accepted += ok;
		rejected += bad;
		strbuf_addf(&sb, "[%s] ", ok ? T(r, "รับ", "accepted")
					 : bad ? T(r, "ไม่รับ", "rejected")
					 : held ? T(r, "พักไว้", "held")
					       : T(r, "รอตรวจ", "not yet checked"));
		add_verbatim(&sb, db_column_text(subs, 1));
		strbuf_addf(&sb, " %s ", db_column_text(subs, 2));
		/* the year as read, or as written when it could not be */
		if (sub->fiscal_year)
			strbuf_addf(&sb, T(r, "ปีงบประมาณ %d ", "fiscal year %d, "), sub->fiscal_year);
		else {
			strbuf_addstr(&sb, T(r, "ปีงบประมาณ ", "fiscal year "));
			add_quoted(&sb, db_column_text(subs, 3));
			strbuf_addstr(&sb, T(r, " ", ", "));
		}
		if (sqlite3_column_type(subs, 4) != SQLITE_NULL)
			strbuf_addf(&sb, T(r, "รอบ %d เดือน", "%d-month round"),
				    sqlite3_column_int(subs, 4));
		else {
			strbuf_addstr(&sb, T(r, "รอบ ", "round "));
			add_quoted(&sb, db_column_text(subs, 5));
		}
		if (!period_parse_date(db_column_text(subs, 6), &d)) {
			if (r->english) {
				char iso[11];

				period_format_iso(&d, iso);
				strbuf_addf(&sb, ", sent %s", iso);
			} else {
				strbuf_addstr(&sb, " ส่งเมื่อ ");
				period_format_thai(&sb, &d, 1);
			}
		}
		strbuf_addf(&sb, T(r, " จำนวน %d ค่า", sqlite3_column_int(subs, 8) == 1 ? ", %d value"
									       : ", %d values"),
			    sqlite3_column_int(subs, 8));
		if (sqlite3_column_type(subs, 9) != SQLITE_NULL)
			strbuf_addstr(&sb, T(r, " (มีฉบับที่ส่งภายหลังใช้แทนแล้ว)",
					     " (replaced by a later submission)"));
		if (held)
			strbuf_addstr(&sb, T(r, " (คณะกรรมการกลั่นกรองอนุมัติรอบนี้แล้ว"
						" ข้อมูลนี้จะนำไปใช้เมื่อเปิดรอบอีกครั้ง)",
					     " (the vetting committee has approved this round;"
					     " this data is applied if the round is reopened)"));
		add(r, L_UNIT, &sb);
		sqlite3_reset(issues);
		sqlite3_bind_int64(issues, 2, sqlite3_column_int64(subs, 0));
		while (sqlite3_step(issues) == SQLITE_ROW)
			add_issue(r, issues);
	}
	if (failed)
		strbuf_addstr(&sb, T(r, "ผลการตรวจ: ไม่รับไฟล์นี้", "Result: the file is refused"));
	else if (accepted + rejected)
		strbuf_addf(&sb, T(r, "ผลการตรวจ: ได้รับข้อมูล %d หน่วย รับไว้ %d หน่วย ไม่รับ %d หน่วย",
				   "Result: %d units received, %d accepted, %d rejected"),
			    accepted + rejected, accepted, rejected);
	else if (!strcmp(db_column_text(f, 4), "units"))
		strbuf_addf(&sb, T(r, "ผลการตรวจ: ลงทะเบียนหน่วยงาน %d หน่วย ไม่รับ %d แถว",
				   "Result: %d units registered, %d rows refused"),
			    count(rd, RS_UNITS, "SELECT COUNT(*) FROM unit WHERE file_id = ?1", file_id),
			    count(rd, RS_UNIT_ROWS, "SELECT COUNT(DISTINCT row) FROM issue"
				  " WHERE file_id = ?1 AND code = 'E-UNITLIST'", file_id));
	else if (!strcmp(db_column_text(f, 4), "practice") || !strcmp(db_column_text(f, 4), "image"))
		practice_result(r, rd, file_id, &sb);
	else if (sqlite3_column_type(f, 4) != SQLITE_NULL &&
		 (!strcmp(db_column_text(f, 4), "wide") || !strcmp(db_column_text(f, 4), "long") ||
		  !strcmp(db_column_text(f, 4), "form")))
		/* every row or element left empty */
		strbuf_addstr(&sb, T(r, "ผลการตรวจ: ไม่พบค่าใดในไฟล์นี้ จึงไม่มีข้อมูลที่ส่ง"
					" กรุณากรอกค่าแล้วส่งใหม่",
				     "Result: the file holds no value, so nothing was sent;"
				     " fill the values in and send it again"));
	else
		strbuf_addstr(&sb, T(r, "ผลการตรวจ: รับไว้แล้ว", "Result: received"));
	free(r->lines[result_at]);
	r->lines[result_at] = finish_line(r, sb.buf);
	strbuf_reset(&sb);
	if (rejected) {
		strbuf_addstr(&sb, T(r, "หน่วยที่ \"ไม่รับ\" ต้องแก้ไขตามรายการข้างต้นแล้วส่งไฟล์ใหม่ทั้งไฟล์"
					" ข้อมูลของหน่วยนั้นจึงจะนำไปใช้ในรายงาน",
				     "Correct what is listed for each rejected unit and send the whole "
				     "file again; only then is that unit's data used in reports."));
		add(r, L_NOTE, &sb);
	}
out:
	reader_done(f);
	reader_done(subs);
	reader_done(issues);
	strbuf_release(&sb);
	return rc;
}

static void to_text(const struct receipt *r, struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		const char *lead = "";

		if (r->kinds[i] == L_ISSUE)
			lead = "    - ";
		else if (r->kinds[i] == L_ISSUE_TEXT)
			lead = "      ";
		else if ((r->kinds[i] == L_SECTION || r->kinds[i] == L_UNIT ||
			  r->kinds[i] == L_NOTE) && i)
			strbuf_addch(sb, '\n');
		strbuf_addf(sb, "%s%s\n", lead, r->lines[i]);
	}
}

/*
 * The receipt as a validation report of one task, the file (vreport.h):
 * its facts, sheets, submissions and every issue, in Thai and English
 * whatever the receipt's language.
 */
static void to_json(const struct receipt *r, struct strbuf *sb)
{
	struct json_writer w;
	char issued[11];
	long accepted = 0, rejected = 0, held = 0;
	size_t i;

	for (i = 0; i < r->nr_subs; i++) {
		accepted += !strcmp(r->subs[i].status, "accepted");
		rejected += !strcmp(r->subs[i].status, "rejected");
		held += !strcmp(r->subs[i].status, "held");
	}
	json_init(&w, sb);
	json_begin_object(&w);
	json_member_string(&w, "profile", VREPORT_PROFILE);
	json_member_string(&w, "kind", "receipt");
	json_member_string(&w, "receiptNumber", r->number);
	period_format_iso(&r->issued, issued);
	json_member_string(&w, "issued", issued);
	if (r->office) {
		json_member_string(&w, "office", r->office_code);
		json_member_string(&w, "officeName", r->office);
	}
	vreport_begin_stats(&w, 1, r->errors, r->warnings);
	json_end_object(&w);
	json_key(&w, "errors");
	json_begin_array(&w);
	json_end_array(&w);
	json_key(&w, "tasks");
	json_begin_array(&w);
	json_begin_object(&w);
	json_member_string(&w, "path", r->path);
	json_member_string(&w, "type", "file");
	json_member_string(&w, "status", r->status);
	json_member_integer(&w, "version", r->version);
	json_member_string(&w, "format", r->format);
	json_member_string(&w, "kind", r->kind);
	json_member_string(&w, "encoding", r->encoding);
	json_member_string(&w, "delimiter", r->delimiter);
	json_member_integer(&w, "bytes", r->size);
	json_member_string(&w, "sha256", r->sha256);
	vreport_begin_stats(&w, -1, r->errors, r->warnings);
	json_member_integer(&w, "submissions", (long long)r->nr_subs);
	json_member_integer(&w, "accepted", accepted);
	json_member_integer(&w, "rejected", rejected);
	json_member_integer(&w, "held", held);
	json_member_integer(&w, "rowsWithoutValues", r->rows_passed);
	json_end_object(&w);
	json_key(&w, "sheets");
	json_begin_array(&w);
	for (i = 0; i < r->nr_sheets; i++) {
		const struct receipt_sheet *sh = &r->sheets[i];
		int reason = sh->skipped && sh->note;

		json_begin_object(&w);
		json_member_string(&w, "name", sh->name);
		json_member_string(&w, "kind", sh->kind);
		json_member_string(&w, "status", sh->skipped ? "skipped" : "read");
		json_member_optional_integer(&w, "headerRow", sh->header_row, sh->header_row > 0);
		json_member_string(&w, "reason", reason ? sh->note : NULL);
		json_member_string(&w, "reason_th", reason ? skip_reason_in(0, sh->note) : NULL);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "submissions");
	json_begin_array(&w);
	for (i = 0; i < r->nr_subs; i++) {
		const struct receipt_submission *sub = &r->subs[i];

		json_begin_object(&w);
		json_member_string(&w, "unit", sub->unit);
		json_member_string(&w, "unitName", *sub->unit_name ? sub->unit_name : NULL);
		json_member_optional_integer(&w, "fiscalYear", sub->fiscal_year, sub->fiscal_year != 0);
		json_member_string(&w, "fiscalYearText", sub->fiscal_year_text);
		json_member_optional_integer(&w, "round", sub->round, sub->round != 0);
		json_member_string(&w, "roundText", sub->round_text);
		json_member_string(&w, "submittedOn", sub->submitted_on);
		json_member_string(&w, "status", sub->status);
		json_member_integer(&w, "values", sub->values);
		json_key(&w, "superseded");
		json_bool(&w, sub->superseded);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "errors");
	json_begin_array(&w);
	for (i = 0; i < r->nr_issues; i++)
		vreport_error(&w, &r->issues[i], NULL, NULL);
	json_end_array(&w);
	json_end_object(&w);
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

static void receipt_dir(struct receipt_reader *rd, long long file_id, struct strbuf *fy_out,
			struct strbuf *unit_out);

int receipt_text(sqlite3 *db, long long file_id, int english, const char *templates_dir,
		 struct strbuf *sb, struct tt_error *err)
{
	struct digits_cache digits = { templates_dir, { 0 }, { 0 }, 0 };
	struct receipt_reader rd;
	struct strbuf fy, unit;
	struct receipt r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.english = english;
	reader_init(&rd, db);
	strbuf_init(&fy);
	strbuf_init(&unit);
	receipt_dir(&rd, file_id, &fy, &unit);
	r.thai_digits = !english && digits_of_year(&digits, fy.buf);
	strbuf_release(&fy);
	strbuf_release(&unit);
	if (!(rc = build(&r, &rd, file_id, err)))
		to_text(&r, sb);
	receipt_release(&r);
	reader_release(&rd);
	return rc;
}

/*
 * The receipt r set for printing, bound into l as a part of its own
 * (layout_new_part(): from a new page, numbered "หน้า 1 / n" by itself,
 * its number and office in its footer, a bookmark naming it): the body
 * at RECEIPT_BODY_SIZE points (Thai official documents are set at 16; 15
 * keeps a receipt's long lines few), the office and the title centred at
 * its head, each problem's place on a line and what it means under it,
 * indented.  At most RECEIPT_PDF_PAGES pages: what does not fit them is
 * summed up in a last line that points to the text receipt, which has it
 * all.  The lines hold their digits already (finish_line()), so layout
 * converts none; the footer (the receipt's number, the page numbers) is
 * set in the receipt's digits (the layout's thai_digits, set by the
 * caller).  *first is the part's first page in l, *pages how many it has.
 */
#define RECEIPT_BODY_SIZE 15.0f
#define RECEIPT_PDF_PAGES 4

static void add_part(struct layout *l, const struct receipt *r, int *first, int *pages)
{
	static const struct layout_style styles[] = {
		[L_OFFICE] = { .face = FACE_BOLD, .size = 16, .align = ALIGN_CENTER, .space_after = 2 },
		[L_TITLE] = { .face = FACE_BOLD, .size = 20, .align = ALIGN_CENTER, .space_after = 8 },
		[L_META] = { .face = FACE_REGULAR, .size = RECEIPT_BODY_SIZE, .whole_words = 1 },
		/* 14 pt: the digest whole on a line of its own */
		[L_DIGEST] = { .face = FACE_REGULAR, .size = 14, .whole_words = 1 },
		[L_RESULT] = { .face = FACE_BOLD, .size = 16, .space_before = 8,
			       .space_after = 4 },
		[L_SECTION] = { .face = FACE_BOLD, .size = RECEIPT_BODY_SIZE,
				.space_before = 8 },
		[L_UNIT] = { .face = FACE_BOLD, .size = RECEIPT_BODY_SIZE, .space_before = 8 },
		[L_ISSUE] = { .face = FACE_REGULAR, .size = RECEIPT_BODY_SIZE, .space_before = 2,
			      .whole_words = 1 },
		[L_ISSUE_TEXT] = { .face = FACE_REGULAR, .size = RECEIPT_BODY_SIZE,
				   .space_after = 2 },
		[L_NOTE] = { .face = FACE_ITALIC, .size = RECEIPT_BODY_SIZE,
			     .space_before = 10 },
	};
	float more_h = 2.0f * RECEIPT_BODY_SIZE * LAYOUT_LINE_HEIGHT;
	struct strbuf sb;
	char *more;
	size_t i;

	strbuf_init(&sb);
	strbuf_addf(&sb, T(r, "ใบตอบรับเลขที่ %s", "Receipt %s"), r->number);
	if (r->office)
		strbuf_addf(&sb, "\n%s", r->office);
	layout_new_part(l, sb.buf);
	*first = l->page_no;
	/* the part's bookmark: its number and the file, for a reader's list of them */
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s ", r->number);
	strbuf_addstr(&sb, r->path);
	layout_bookmark(l, NULL, sb.buf);
	strbuf_reset(&sb);
	for (i = 0; i < r->nr; i++) {
		const struct layout_style *st = &styles[r->kinds[i]];
		float room = l->height - l->margin - l->y, lh, need;
		float indent = r->kinds[i] == L_ISSUE ? 16.0f : r->kinds[i] == L_ISSUE_TEXT ? 32.0f
											   : 0.0f;
		float width = layout_text_area(l) - indent;
		char **lines;
		size_t n;

		layout_set_column(l, indent, indent > 0 ? width : 0);
		n = layout_wrap(l, st->face, st->size, width, 0, r->lines[i], &lines);
		layout_free_lines(lines, n);
		lh = st->size * (st->line_height > 0 ? st->line_height : LAYOUT_LINE_HEIGHT);
		need = st->space_before + (float)n * lh + st->space_after;
		/* on the last page, leave room for "and N more" unless this is the last */
		if (l->page_no - *first + 1 >= RECEIPT_PDF_PAGES &&
		    need + (i + 1 < r->nr ? more_h : 0) > room) {
			strbuf_addf(&sb, T(r, "… และอีก %zu บรรทัด ดูครบทุกรายการได้ในใบตอบรับแบบข้อความ (.txt)",
					   "… and %zu more lines: the text receipt (.txt) lists them all"),
				    r->nr - i);
			layout_set_column(l, 0, 0);
			more = finish_line(r, sb.buf);
			layout_paragraph(l, FACE_ITALIC, RECEIPT_BODY_SIZE, ALIGN_LEFT, more);
			free(more);
			break;
		}
		/* a problem's place keeps with what it means */
		if (r->kinds[i] == L_ISSUE && i + 1 < r->nr && r->kinds[i + 1] == L_ISSUE_TEXT)
			layout_need(l, need + lh);
		layout_para(l, st, r->lines[i]);
	}
	layout_set_column(l, 0, 0);
	*pages = l->page_no - *first + 1;
	strbuf_release(&sb);
}

/*
 * The file's path under input/ made one safe file name: "6m/forms/a.xml"
 * becomes "6m_forms_a.xml", so files of the same name in different folders
 * get receipts of their own.
 */
static void safe_name(struct strbuf *sb, const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++)
		strbuf_addch(sb, (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
				  (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				  *p == '-' || *p == '_' || (*p == '.' && p != (const unsigned char *)path &&
							      p[-1] != '/'))
					 ? *p : '_');
}

/*
 * The name of a receipt (before .txt, .pdf or .json): the input path made
 * safe, "-v<version>" after a first version.  A name longer than
 * RECEIPT_NAME_MAX bytes (a deep path, a long Thai file name: a file name
 * may not pass 255 bytes, and tt_write_file_atomic() adds ".tmp.<pid>" to
 * it) keeps its first RECEIPT_NAME_KEEP bytes, cut between two UTF-8
 * characters, then "~" and the first 16 hex digits of the SHA-256 of the
 * whole input path, and the path's extension; the receipt itself names
 * the whole path.
 */
#define RECEIPT_NAME_MAX 200
#define RECEIPT_NAME_KEEP 160

static void receipt_name(struct strbuf *sb, const char *path, int version)
{
	struct strbuf name;
	const char *slash = strrchr(path, '/'), *ext = strrchr(path, '.');
	char hex[TT_SHA256_HEX];
	size_t keep = RECEIPT_NAME_KEEP;

	strbuf_init(&name);
	safe_name(&name, path);
	if (version > 1)
		strbuf_addf(&name, "-v%d", version);
	if (name.len <= RECEIPT_NAME_MAX) {
		strbuf_addstr(sb, name.buf);
		strbuf_release(&name);
		return;
	}
	while (keep > 0 && ((unsigned char)name.buf[keep] & 0xC0) == 0x80)
		keep--;
	strbuf_add(sb, name.buf, keep);
	tt_sha256_hex(path, strlen(path), hex);
	strbuf_addf(sb, "~%.16s", hex);
	if (ext && (!slash || ext > slash) && strlen(ext) <= 5 && ext[1]) {
		strbuf_addch(sb, '.');
		safe_name(sb, ext + 1);
	}
	if (version > 1)
		strbuf_addf(sb, "-v%d", version);
	strbuf_release(&name);
}

/* A Buddhist Era year (2500-2699) standing alone in path ("units-2567.csv"), or 0. */
static int year_in_path(const char *path)
{
	const char *p = path;

	for (; *p; p++) {
		long y = 0;
		int k;

		if (p > path && p[-1] >= '0' && p[-1] <= '9')
			continue;
		for (k = 0; k < 4 && p[k] >= '0' && p[k] <= '9'; k++)
			y = y * 10 + (p[k] - '0');
		if (k == 4 && !(p[4] >= '0' && p[4] <= '9') && y >= 2500 && y <= 2699)
			return (int)y;
	}
	return 0;
}

/*
 * Where a file with no submission belongs: the fiscal year of its projects
 * (or of its practice, or of the practice naming a photo), else the year
 * its path names, else (a unit list) the newest year with a framework; a
 * projects sheet or unit list under the office, a practice and its photos
 * under the unit the practice is about.
 */
static void receipt_dir_other(struct receipt_reader *rd, long long file_id,
			      struct strbuf *fy_out, struct strbuf *unit_out)
{
	static const char sql[] =
		"SELECT COALESCE((SELECT MIN(fiscal_year) FROM project WHERE file_id = ?1),"
		"  (SELECT MIN(fiscal_year) FROM profile WHERE file_id = ?1),"
		"  (SELECT fiscal_year FROM practice WHERE file_id = ?1),"
		"  (SELECT MAX(p.fiscal_year) FROM practice_photo ph JOIN practice p"
		"   ON p.file_id = ph.file_id WHERE ph.path = f.path)), f.path,"
		" CASE WHEN f.kind IN ('projects', 'units', 'profile') THEN COALESCE((SELECT"
		"  MIN(office) FROM profile WHERE file_id = ?1), (SELECT code FROM unit"
		"  WHERE kind = 'office' ORDER BY code LIMIT 1)) END,"
		" CASE WHEN f.kind = 'units' THEN (SELECT MAX(fiscal_year) FROM framework) END,"
		" COALESCE((SELECT unit_code FROM practice WHERE file_id = ?1),"
		"  (SELECT p.unit_code FROM practice_photo ph JOIN practice p"
		"   ON p.file_id = ph.file_id WHERE ph.path = f.path ORDER BY p.file_id DESC LIMIT 1))"
		" FROM file f WHERE f.id = ?1";
	sqlite3_stmt *st;
	int fy = 0;

	if (reader_stmt(rd, RS_DIR_OTHER, sql, &st, NULL))
		return;
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		fy = sqlite3_column_int(st, 0);
		if (!fy)
			fy = year_in_path(db_column_text(st, 1));
		if (!fy) /* a unit list serves every year: file it under the newest */
			fy = sqlite3_column_int(st, 3);
		if (fy && !strcmp(fy_out->buf, "unknown")) {
			strbuf_reset(fy_out);
			strbuf_addf(fy_out, "%d", fy);
		}
		if (!strcmp(unit_out->buf, "unknown") && tt_is_safe_code(db_column_text(st, 2))) {
			strbuf_reset(unit_out);
			strbuf_addstr(unit_out, db_column_text(st, 2));
		}
		/* a practice, and a photo, under the unit the practice is about */
		if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    tt_is_safe_code(db_column_text(st, 4))) {
			strbuf_reset(unit_out);
			strbuf_addstr(unit_out, db_column_text(st, 4));
		}
	}
	reader_done(st);
}

/*
 * The folder a file's receipt goes to: its fiscal year and the one unit,
 * or the parent all its units share, or the office above them.
 */
static void receipt_dir(struct receipt_reader *rd, long long file_id, struct strbuf *fy_out,
			struct strbuf *unit_out)
{
	sqlite3_stmt *st;
	static const char sql[] =
		"WITH u AS (SELECT DISTINCT s.unit_code AS code, n.parent AS parent,"
		"  s.fiscal_year AS fy FROM submission s LEFT JOIN unit n ON n.code = s.unit_code"
		"  WHERE s.file_id = ?1)"
		" SELECT (SELECT MIN(fy) FROM u),"
		"  CASE WHEN (SELECT COUNT(*) FROM u) = 1 THEN (SELECT code FROM u)"
		"       WHEN (SELECT COUNT(DISTINCT parent) FROM u) = 1"
		"        AND (SELECT COUNT(*) FROM u WHERE parent IS NULL) = 0"
		"       THEN (SELECT parent FROM u LIMIT 1)"
		"       ELSE COALESCE((SELECT MIN(office) FROM project WHERE file_id = ?1),"
		"        (SELECT code FROM unit WHERE kind = 'office' ORDER BY code LIMIT 1)) END";

	strbuf_addstr(fy_out, "unknown");
	strbuf_addstr(unit_out, "unknown");
	if (reader_stmt(rd, RS_DIR, sql, &st, NULL))
		return;
	sqlite3_bind_int64(st, 1, file_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			strbuf_reset(fy_out);
			strbuf_addf(fy_out, "%d", sqlite3_column_int(st, 0));
		}
		if (tt_is_safe_code(db_column_text(st, 1))) {
			strbuf_reset(unit_out);
			strbuf_addstr(unit_out, db_column_text(st, 1));
		}
	}
	reader_done(st);
	if (!strcmp(fy_out->buf, "unknown") || !strcmp(unit_out->buf, "unknown"))
		receipt_dir_other(rd, file_id, fy_out, unit_out);
}

/*
 * Receipts' paths as recorded (file.receipt, receipt_pdf, receipt_group):
 * under the output folder, so that they stay the same however a run
 * names it ("output", "./output", its absolute path).
 */
#define RECEIPTS_DIR "receipts/"

/*
 * What output/receipts holds, read once a run (receipts_read()) before any
 * receipt is made.  Each folder under it that a run made receipts in or
 * swept is recorded with its times and inode (receipt_folder); a folder
 * as recorded has not had a name added, removed or renamed since, so what
 * the database says lies there does, and it is not read.  Only folders
 * changed since (a receipt removed by hand, a folder made), or never
 * recorded, are read: every regular file's path in them, and how many
 * entries each has.  A nightly run with nothing new reads no folder: a
 * stat of each recorded one, not a walk of them all (some 30,000 folders
 * and 280,000 files nationally).  Those it says are there
 * (receipt_on_disk()) and those the sweep may remove come from this.
 */
struct receipt_disk {
	struct strbuf top;        /* "<output>/receipts/" */
	char **files;             /* paths under top in the folders read, sorted */
	size_t nr_files, alloc_files;
	struct disk_dir {
		char *path;       /* under top, no '/' at its end ("": top itself) */
		long entries;     /* names in it, . and .. left out (when read) */
		int read;         /* its names read; 0: as recorded, not read */
		int gone;         /* recorded, and not there now */
	} *dirs;                  /* sorted by path */
	size_t nr_dirs, alloc_dirs;
	struct folder_record {
		char *path;
		long long mtime_ns, ctime_ns, ino;
	} *records;               /* receipt_folder, sorted by path */
	size_t nr_records, alloc_records;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_disk_dir(const void *a, const void *b)
{
	return strcmp(((const struct disk_dir *)a)->path, ((const struct disk_dir *)b)->path);
}

/* bsearch(): a folder's path against a record */
static int cmp_path_record(const void *path, const void *rec)
{
	return strcmp(path, ((const struct folder_record *)rec)->path);
}

static const struct folder_record *folder_recorded(const struct receipt_disk *disk,
						   const char *rel)
{
	return disk->nr_records ? bsearch(rel, disk->records, disk->nr_records,
					  sizeof(*disk->records), cmp_path_record) : NULL;
}

/* sb cut back to its first len bytes */
static void cut_to(struct strbuf *sb, size_t len)
{
	sb->len = len;
	if (sb->alloc)
		sb->buf[len] = '\0';
}

static struct disk_dir *disk_dir_add(struct receipt_disk *disk, const char *rel, int read)
{
	struct disk_dir *d;

	xgrow(&disk->dirs, &disk->alloc_dirs, disk->nr_dirs + 1, sizeof(*disk->dirs));
	d = &disk->dirs[disk->nr_dirs++];
	memset(d, 0, sizeof(*d));
	d->path = xstrdup(rel);
	d->read = read;
	/* a folder not read is not known to be empty */
	d->entries = read ? 0 : 1;
	return d;
}

/*
 * Read the names in the folder rel under disk->top, their types as it
 * gives them: each regular file's path into disk->files and, with walk,
 * the folders in it that are not recorded read the same way
 * (disk_walk()).  The number of names, . and .. left out, or -1 when the
 * folder cannot be opened.
 */
static void disk_walk(struct receipt_disk *disk, struct strbuf *rel);

static long disk_list(struct receipt_disk *disk, struct strbuf *rel, int walk)
{
	struct strbuf path;
	struct dirent *e;
	size_t at = rel->len;
	long entries = 0;
	DIR *d;

	strbuf_init(&path);
	strbuf_addf(&path, "%s%s", disk->top.buf, rel->buf);
	if (!(d = opendir(path.buf))) {
		strbuf_release(&path);
		return -1;
	}
	while ((e = readdir(d))) {
		unsigned char type;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		entries++;
		type = tt_entry_type(path.buf, e);
		cut_to(rel, at);
		if (at)
			strbuf_addch(rel, '/');
		strbuf_addstr(rel, e->d_name);
		if (type == DT_DIR) {
			if (walk && !folder_recorded(disk, rel->buf))
				disk_walk(disk, rel);
		} else if (type == DT_REG) {
			xgrow(&disk->files, &disk->alloc_files, disk->nr_files + 1,
			      sizeof(*disk->files));
			disk->files[disk->nr_files++] = xstrdup(rel->buf);
		}
	}
	closedir(d);
	strbuf_release(&path);
	cut_to(rel, at);
	return entries;
}

/*
 * Read the folder rel under disk->top (disk_list()), and the folders in it
 * that are not recorded (all of them when nothing is) the same way; a
 * folder that cannot be opened is left out.
 */
static void disk_walk(struct receipt_disk *disk, struct strbuf *rel)
{
	size_t k = disk->nr_dirs;
	long entries;

	disk_dir_add(disk, rel->buf, 1);
	if ((entries = disk_list(disk, rel, 1)) < 0) {
		free(disk->dirs[k].path);  /* the last: nothing was read below it */
		disk->nr_dirs--;
		return;
	}
	disk->dirs[k].entries = entries;
}

/* st as a folder's record says it: the same folder, no name changed in it since. */
static int folder_same(const struct folder_record *r, const struct stat *st)
{
	return r->mtime_ns == tt_timespec_ns(&st->st_mtim) &&
	       r->ctime_ns == tt_timespec_ns(&st->st_ctim) && r->ino == (long long)st->st_ino;
}

static void disk_sort(struct receipt_disk *disk)
{
	if (disk->nr_files)
		qsort(disk->files, disk->nr_files, sizeof(*disk->files), cmp_str);
	if (disk->nr_dirs)
		qsort(disk->dirs, disk->nr_dirs, sizeof(*disk->dirs), cmp_disk_dir);
}

/*
 * What output_dir/receipts holds now (nothing when it is not there), the
 * folders db records (receipt_folder) read only when changed.
 */
static void receipts_read(struct receipt_disk *disk, const char *output_dir, sqlite3 *db)
{
	struct strbuf rel, full;
	sqlite3_stmt *st;
	size_t i;

	memset(disk, 0, sizeof(*disk));
	strbuf_init(&disk->top);
	strbuf_addf(&disk->top, "%s/" RECEIPTS_DIR, output_dir);
	strbuf_init(&rel);
	strbuf_init(&full);
	/* no record to be had: every folder read */
	if (!db_prepare(db, &st, "SELECT path, mtime_ns, ctime_ns, ino FROM receipt_folder"
				 " ORDER BY path", NULL)) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct folder_record *r;

			xgrow(&disk->records, &disk->alloc_records, disk->nr_records + 1,
			      sizeof(*disk->records));
			r = &disk->records[disk->nr_records++];
			r->path = xstrdup(db_column_text(st, 0));
			r->mtime_ns = sqlite3_column_int64(st, 1);
			r->ctime_ns = sqlite3_column_int64(st, 2);
			r->ino = sqlite3_column_int64(st, 3);
		}
		sqlite3_finalize(st);
	}
	if (!disk->nr_records)
		disk_walk(disk, &rel);
	for (i = 0; i < disk->nr_records; i++) {
		const struct folder_record *r = &disk->records[i];
		struct stat sb;

		strbuf_reset(&full);
		strbuf_addf(&full, "%s%s", disk->top.buf, r->path);
		if (lstat(full.buf, &sb) || !S_ISDIR(sb.st_mode)) {
			disk_dir_add(disk, r->path, 1)->gone = 1;
		} else if (folder_same(r, &sb)) {
			disk_dir_add(disk, r->path, 0);
		} else {
			strbuf_reset(&rel);
			strbuf_addstr(&rel, r->path);
			disk_walk(disk, &rel);
		}
	}
	strbuf_release(&rel);
	strbuf_release(&full);
	disk_sort(disk);
}

static void receipts_release(struct receipt_disk *disk)
{
	size_t i;

	for (i = 0; i < disk->nr_files; i++)
		free(disk->files[i]);
	free(disk->files);
	for (i = 0; i < disk->nr_dirs; i++)
		free(disk->dirs[i].path);
	free(disk->dirs);
	for (i = 0; i < disk->nr_records; i++)
		free(disk->records[i].path);
	free(disk->records);
	strbuf_release(&disk->top);
	memset(disk, 0, sizeof(*disk));
}

/* The folder rel[0, len) (under disk->top), as recorded or read; NULL if neither. */
static struct disk_dir *disk_dir_of(const struct receipt_disk *disk, const char *rel, size_t len)
{
	size_t lo = 0, hi = disk->nr_dirs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = disk->dirs[mid].path;
		int c = strncmp(p, rel, len);

		if (!c)
			c = p[len] ? 1 : 0;
		if (!c)
			return &disk->dirs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * 1 if the receipt file at path (under the output folder), as the database
 * records it, was under receipts/ when the run began: in a folder as it
 * was recorded, or found there when the folder was read.
 */
static int receipts_had(const struct receipt_disk *disk, const char *path)
{
	const char *rel, *slash;
	const struct disk_dir *d;

	if (strncmp(path, RECEIPTS_DIR, strlen(RECEIPTS_DIR)))
		return 0;
	rel = path + strlen(RECEIPTS_DIR);
	slash = strrchr(rel, '/');
	if (!(d = disk_dir_of(disk, rel, slash ? (size_t)(slash - rel) : 0)) || d->gone)
		return 0;
	if (!d->read)
		return 1;
	return bsearch(&rel, disk->files, disk->nr_files, sizeof(*disk->files), cmp_str) != NULL;
}

/*
 * The folders in dirs[0, nr) (under disk->top; NULL ones passed over)
 * that were not read, read now: the folders the sweep looks in besides
 * those read at first.
 */
static void disk_read_more(struct receipt_disk *disk, char *const *dirs, size_t nr)
{
	struct strbuf rel;
	size_t i;

	strbuf_init(&rel);
	for (i = 0; i < nr; i++) {
		struct disk_dir *d = dirs[i] ? disk_dir_of(disk, dirs[i], strlen(dirs[i])) : NULL;
		long entries;

		if (!d || d->read)
			continue;
		strbuf_reset(&rel);
		strbuf_addstr(&rel, d->path);
		/* its files only: no folder is added while dirs is looked up */
		entries = disk_list(disk, &rel, 0);
		d->read = 1;
		d->gone = entries < 0;
		d->entries = entries < 0 ? 0 : entries;
	}
	strbuf_release(&rel);
	disk_sort(disk);
}

struct receipt_set {
	char **paths;
	size_t nr, alloc;
};

/*
 * Whether a file's receipt is the text txt (its path under the output
 * folder) or a PDF of receipts (receipt_group) is txt: each looked up by
 * its index (file_receipt, schema 25), for the few files of the folders a
 * run read, not every receipt of the country read into memory.
 */
#define RECEIPT_HELD_SQL \
	"SELECT EXISTS (SELECT 1 FROM file WHERE receipt = ?1)" \
	" OR EXISTS (SELECT 1 FROM receipt_group WHERE pdf = ?1)"

/* 1 if the database holds txt as a receipt (RECEIPT_HELD_SQL, held), -1 if it cannot tell. */
static int receipt_held(sqlite3_stmt *held, const char *txt)
{
	int r;

	sqlite3_reset(held);
	db_bind_text(held, 1, txt);
	r = sqlite3_step(held) == SQLITE_ROW ? sqlite3_column_int(held, 0) : -1;
	sqlite3_reset(held);
	return r;
}

/* The length of name's extension if it is a receipt's (.txt, .pdf, .json), else 0. */
static size_t receipt_extension(const char *name, size_t n)
{
	static const char *const exts[] = { ".txt", ".pdf", ".json" };
	size_t i, k;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		k = strlen(exts[i]);
		if (n > k && !strcmp(name + n - k, exts[i]))
			return k;
	}
	return 0;
}

/*
 * Remove the receipts no file holds any more, of those disk says were
 * there before this run made any: a file's receipt moves when its fiscal
 * year or unit becomes known, and a file read again gets a new one.
 * Folders left empty go too (those the run wrote into are not empty).
 * Errors are ignored: a stale receipt left behind is harmless, and the
 * next run tries again.  Returns how many files and folders went.
 */
static long sweep(struct receipt_disk *disk, sqlite3_stmt *held)
{
	struct strbuf path, txt;
	size_t i;
	long removed = 0;

	strbuf_init(&path);
	strbuf_init(&txt);
	for (i = 0; i < disk->nr_files; i++) {
		const char *rel = disk->files[i], *slash = strrchr(rel, '/');
		size_t n = strlen(rel), ext = receipt_extension(rel, n);
		struct disk_dir *d;

		if (!ext)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", disk->top.buf, rel);
		/* a PDF is held as itself, a text or JSON as its receipt's text */
		strbuf_reset(&txt);
		strbuf_addstr(&txt, RECEIPTS_DIR);
		strbuf_add(&txt, rel, n - ext);
		strbuf_addstr(&txt, strcmp(rel + n - ext, ".pdf") ? ".txt" : ".pdf");
		/* (one that cannot be told held is kept) */
		if (receipt_held(held, txt.buf) || tt_remove_file(path.buf))
			continue;
		removed++;
		if ((d = disk_dir_of(disk, rel, slash ? (size_t)(slash - rel) : 0)))
			d->entries--;
	}
	/* the deepest first: a folder sorts after the one holding it */
	for (i = disk->nr_dirs; i-- > 1;) {
		const char *rel = disk->dirs[i].path, *slash = strrchr(rel, '/');
		struct disk_dir *up;

		if (!disk->dirs[i].read || disk->dirs[i].gone || disk->dirs[i].entries > 0)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", disk->top.buf, rel);
		if (rmdir(path.buf))  /* only when empty: the run may have written there */
			continue;
		removed++;
		if ((up = disk_dir_of(disk, rel, slash ? (size_t)(slash - rel) : 0)))
			up->entries--;
	}
	strbuf_release(&path);
	strbuf_release(&txt);
	return removed;
}

/* The sweep (sweep()), *removed what it removed.  0 or TT_EDB. */
static int sweep_receipts(sqlite3 *db, struct receipt_disk *disk, long *removed,
			  struct tt_error *err)
{
	sqlite3_stmt *held;
	int rc;

	if ((rc = db_prepare(db, &held, RECEIPT_HELD_SQL, err)))
		return rc;
	*removed = sweep(disk, held);
	sqlite3_finalize(held);
	return 0;
}

/*
 * A file recorded as a copy (status moved) of one that was refused, or
 * had a submission rejected or a row refused: the copy gets the same
 * receipt, so that whoever sent it again hears why.
 */
#define COPY_OF_REFUSED \
	"EXISTS (SELECT 1 FROM file c WHERE c.id = file.same_as AND (c.status = 'failed'" \
	" OR EXISTS (SELECT 1 FROM submission s WHERE s.file_id = c.id AND s.status = 'rejected')" \
	" OR EXISTS (SELECT 1 FROM issue i WHERE i.file_id = c.id AND i.severity = 'error')))"

/*
 * What every receipt says beyond its file's rows, into sb: the program
 * that makes them, their language, and the digits of each annual template
 * (digits_of_year() of reports/annual.xml and of every reports/<FY>/).
 */
static void receipt_context(struct digits_cache *digits, int english, struct strbuf *sb)
{
	struct receipt_set years = { 0 };
	struct strbuf dir;
	struct dirent *e;
	size_t i;
	DIR *d;

	strbuf_addf(sb, "tidtam %s; %s; digits %d", TT_BUILD, english ? "en" : "th",
		    !english && digits_of_year(digits, ""));
	if (english || !digits->templates_dir)
		return;
	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/reports", digits->templates_dir);
	if ((d = opendir(dir.buf))) {
		while ((e = readdir(d)))
			if (e->d_name[0] && strspn(e->d_name, "0123456789") == strlen(e->d_name)) {
				xgrow(&years.paths, &years.alloc, years.nr + 1, sizeof(*years.paths));
				years.paths[years.nr++] = xstrdup(e->d_name);
			}
		closedir(d);
	}
	if (years.nr)
		qsort(years.paths, years.nr, sizeof(*years.paths), cmp_str);
	for (i = 0; i < years.nr; i++) {
		strbuf_addf(sb, " %s=%d", years.paths[i], digits_of_year(digits, years.paths[i]));
		free(years.paths[i]);
	}
	free(years.paths);
	strbuf_release(&dir);
}

/*
 * The receipts of the submissions replaced, or no longer replaced, since
 * their receipts were made, stale: found through the partial index of
 * them (submission_receipt_superseded, schema 25), not by reading every
 * submission.
 */
#define SUPERSEDED_STALE_SQL \
	"UPDATE file SET receipt_stale = 1 WHERE receipt_stale = 0 AND id IN" \
	" (SELECT file_id FROM submission" \
	"  WHERE (superseded_by IS NOT NULL) <> receipt_superseded)"

const char *const *receipt_statements(void)
{
	static const char *const sql[] = { RECEIPT_HELD_SQL, SUPERSEDED_STALE_SQL, NULL };

	return sql;
}

/*
 * Mark the receipts to make again (file.receipt_stale, kept by the
 * database's triggers: schema_v10 in db.c): all of them when the context
 * they were made under (meta receipt_context) is not this run's, those of
 * a submission replaced or no longer replaced since its receipt was made
 * (receipt_superseded), and a copy's when its first's is.  In the
 * caller's transaction.
 */
static int mark_stale(sqlite3 *db, struct digits_cache *digits, int english,
		      struct tt_error *err)
{
	sqlite3_stmt *st;
	struct strbuf context;
	int rc, same;

	strbuf_init(&context);
	receipt_context(digits, english, &context);
	if ((rc = db_prepare(db, &st, "SELECT value = ?1 FROM meta WHERE key = 'receipt_context'",
			     err)))
		goto out;
	db_bind_text(st, 1, context.buf);
	same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!same) {
		if ((rc = db_exec(db, "UPDATE file SET receipt_stale = 1 WHERE receipt_stale = 0",
				  err)) ||
		    (rc = db_prepare(db, &st, "INSERT OR REPLACE INTO meta(key, value)"
					      " VALUES('receipt_context', ?1)", err)))
			goto out;
		db_bind_text(st, 1, context.buf);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0
			: db_fail(db, "could not record the receipts' context", err);
		sqlite3_finalize(st);
		if (rc)
			goto out;
	}
	if ((rc = db_exec(db, SUPERSEDED_STALE_SQL, err)))
		goto out;
	rc = db_exec(db, "UPDATE file SET receipt_stale = 1 WHERE receipt_stale = 0 AND same_as IN"
			 " (SELECT id FROM file WHERE receipt_stale = 1)", err);
out:
	strbuf_release(&context);
	return rc;
}

/*
 * 1 if the receipt recorded as txt (its .txt path under the output
 * folder) lies under receipts/, with its JSON beside it and the PDF
 * binding it (pdf), as disk read them.
 */
static int receipt_on_disk(const struct receipt_disk *disk, const char *txt, const char *pdf)
{
	struct strbuf json;
	size_t n = strlen(txt);
	int on_disk;

	strbuf_init(&json);
	on_disk = pdf && n > 4 && !strcmp(txt + n - 4, ".txt") && receipts_had(disk, txt) &&
		  receipts_had(disk, pdf);
	if (on_disk) {
		strbuf_add(&json, txt, n - 4);
		strbuf_addstr(&json, ".json");
		on_disk = receipts_had(disk, json.buf);
	}
	strbuf_release(&json);
	return on_disk;
}

int receipt_write_all(sqlite3 *db, const char *output_dir, int english,
		      const char *templates_dir, struct receipt_counts *counts,
		      struct tt_error *err)
{
	return receipt_write_all_progress(db, output_dir, english, templates_dir, NULL, 1,
					  counts, err);
}

/*
 * A file with a receipt, as the plan finds it: as small as can be, since
 * a national first run plans one for each of some 126,000 files.
 */
struct receipt_todo {
	long long id;
	long long first;          /* the file whose folder it goes to: a copy's first */
	const char *pdf;          /* the PDF binding it, its folder's of the day it came,
				     under the output folder (kept once: struct tt_strset) */
	char *txt;                /* once made: its .txt path under the output folder */
	int page;                 /* and its first page in pdf */
	int ok;                   /* made before from what the database still holds, and there */
};

/* A PDF of receipts to make: todo[first .. first + nr), of one folder and day, in file order. */
struct receipt_group {
	size_t first, nr;
};

/*
 * The receipts of a run to make, a PDF at a time, and what making them
 * came to.  Shared out to workers in jobs of whole PDFs: job k makes
 * groups job_first[k] .. job_first[k + 1] - 1.
 */
struct receipt_plan {
	const char *output_dir;
	int english;
	struct digits_cache digits;
	const struct tt_progress *progress;
	int *written;
	struct receipt_todo *todo;
	size_t nr, alloc;
	struct receipt_group *groups;
	size_t nr_groups, alloc_groups;
	size_t *job_first;        /* nr_jobs + 1 entries */
	size_t nr_jobs;
	struct tt_strset pdfs;    /* every todo's pdf */
	struct tt_strset old_dirs; /* folders (under receipts/) of receipts made again
				     or given up, where they were: swept too */
	char **gone;              /* PDFs recorded (receipt_group) that bind no receipt now */
	size_t nr_gone, alloc_gone;
	size_t err_at;            /* the first file not made, in plan order (nr: none) */
	struct tt_error err;      /* why */
	int lost;                 /* jobs lost with their worker */
	sqlite3 *db;              /* this process's connection */
	char *db_path;            /* for the workers' own connections */
	sqlite3 *worker_db;       /* in a worker, its connection */
	struct receipt_disk disk; /* receipts/ as the run found it */
	struct receipt_reader worker_rd;  /* and its reader */
};

/*
 * Where t's receipt goes, read with rd: the PDF of its folder (its fiscal
 * year's and unit's) for the day its file came (ingested_at, its date of
 * issue), kept in p->pdfs.
 */
static void place(struct receipt_plan *p, struct receipt_reader *rd, struct receipt_todo *t,
		  const char *ingested_at)
{
	struct strbuf fy, unit, sb;
	struct tt_date day;
	char iso[11];

	strbuf_init(&fy);
	strbuf_init(&unit);
	strbuf_init(&sb);
	/* a copy's receipt lies beside its first's */
	receipt_dir(rd, t->first, &fy, &unit);
	if (period_parse_date(ingested_at, &day))
		period_date_from_time(0, &day);
	period_format_iso(&day, iso);
	strbuf_addf(&sb, RECEIPTS_DIR "%s/%s/" RECEIPT_PDF_PREFIX "%s.pdf", fy.buf, unit.buf,
		    iso);
	t->pdf = tt_strset_add(&p->pdfs, sb.buf);
	strbuf_release(&fy);
	strbuf_release(&unit);
	strbuf_release(&sb);
}

/* The fiscal year's folder name of a receipts PDF: "receipts/<FY>/<unit>/…". */
static void pdf_year(const char *pdf, struct strbuf *fy)
{
	const char *y = pdf + strlen(RECEIPTS_DIR);

	strbuf_add(fy, y, strcspn(y, "/"));
}

/*
 * The text and JSON of receipt r of t (todo[i]), each written under
 * output_dir into batch b, in the folder of t's PDF, and only when its
 * bytes changed; t->txt its .txt path (under the output folder) then.  0
 * or TT_EIO.
 */
static int write_texts(const char *output_dir, struct receipt_todo *t, size_t i,
		       const struct receipt *r, struct tt_batch *b, struct tt_error *err)
{
	struct strbuf base, txt, json, json_path;
	size_t out_len = strlen(output_dir) + 1;
	int rc, wrote;

	strbuf_init(&base);
	strbuf_init(&txt);
	strbuf_init(&json);
	strbuf_init(&json_path);
	strbuf_addf(&base, "%s/%.*s", output_dir, (int)(strrchr(t->pdf, '/') - t->pdf), t->pdf);
	if ((rc = tt_mkdirs(base.buf, err)))
		goto out;
	strbuf_addch(&base, '/');
	receipt_name(&base, r->path, r->version);
	strbuf_addf(&json_path, "%s.json", base.buf);
	strbuf_addstr(&base, ".txt");
	to_text(r, &txt);
	to_json(r, &json);
	if (!(rc = tt_batch_write(b, json_path.buf, json.buf, json.len, i, &wrote, err)) &&
	    !(rc = tt_batch_write(b, base.buf, txt.buf, txt.len, i, &wrote, err))) {
		free(t->txt);
		t->txt = xstrdup(base.buf + out_len);
	}
out:
	strbuf_release(&base);
	strbuf_release(&txt);
	strbuf_release(&json);
	strbuf_release(&json_path);
	return rc;
}

/*
 * Make the receipts of group g, reading with rd, into batch b: each one's
 * text and JSON, and the PDF binding them all, a part each in file order
 * (each file written only when its bytes changed).  Each member's txt and
 * page are set; on an error, *at is the member it is about (the group's
 * first for the PDF) and none of them is to be recorded.  Writes nothing
 * to the database.  0, TT_EDB or TT_EIO.
 */
static int make_group(struct receipt_plan *p, struct receipt_reader *rd,
		      const struct receipt_group *g, struct tt_batch *b, size_t *at,
		      struct tt_error *err)
{
	struct strbuf fy;
	int thai;
	struct layout l;
	struct receipt r;
	int rc = 0, opened = 0, pages;
	size_t i;

	strbuf_init(&fy);
	pdf_year(p->todo[g->first].pdf, &fy);
	thai = !p->english && digits_of_year(&p->digits, fy.buf);
	strbuf_release(&fy);
	for (i = g->first; !rc && i < g->first + g->nr; i++) {
		struct receipt_todo *t = &p->todo[i];

		*at = i;
		memset(&r, 0, sizeof(r));
		r.english = p->english;
		r.thai_digits = thai;
		if (!(rc = build(&r, rd, t->id, err)))
			rc = write_texts(p->output_dir, t, i, &r, b, err);
		if (!rc && !opened && !(rc = layout_open(&l, NULL, err))) {
			opened = 1;
			layout_set_info(&l, r.lines[r.office ? 1 : 0],
					r.office ? r.office : "tidtam", r.issued.year,
					r.issued.month, r.issued.day);
			l.english_footer = p->english;
		}
		if (!rc)
			add_part(&l, &r, &t->page, &pages);
		receipt_release(&r);
	}
	if (!rc && opened) {
		struct strbuf path;
		char *pdf;
		size_t len;
		int wrote;

		*at = g->first;
		/* the footers in the receipts' digits */
		l.thai_digits = thai;
		if (!(rc = layout_pdf_bytes(&l, &pdf, &len, err))) {
			strbuf_init(&path);
			strbuf_addf(&path, "%s/%s", p->output_dir, p->todo[g->first].pdf);
			rc = tt_batch_write(b, path.buf, pdf, len, g->first, &wrote, err);
			strbuf_release(&path);
			free(pdf);
		}
	}
	if (opened)
		layout_close(&l);
	return rc;
}

/* A receipt made: counted, and told. */
static void receipt_made(struct receipt_plan *p)
{
	(*p->written)++;
	tt_progress_step(p->progress, *p->written, 0);
}

/* File i of the plan was not made, for the reason err gives: kept when it is the first. */
static void receipt_failed(struct receipt_plan *p, size_t i, const struct tt_error *err)
{
	if (i >= p->err_at)
		return;
	p->err_at = i;
	p->err = *err;
}

/* The receipts job k makes: todo[*lo .. *hi). */
static void job_range(const struct receipt_plan *p, size_t k, size_t *lo, size_t *hi)
{
	const struct receipt_group *last = &p->groups[p->job_first[k + 1] - 1];

	*lo = p->groups[p->job_first[k]].first;
	*hi = last->first + last->nr;
}

/*
 * Make the PDFs of job k, reading with rd, up to the first that fails,
 * their files written as one batch (util.h): written, flushed once, then
 * each renamed into place.  On an error, *at is the receipt it is about
 * and none of the job's is to be recorded (their txt cleared).  0, TT_EDB
 * or TT_EIO.
 */
static int make_job(struct receipt_plan *p, struct receipt_reader *rd, size_t k, size_t *at,
		    struct tt_error *err)
{
	struct tt_batch b;
	size_t g, i, lo, hi;
	int rc = 0;

	tt_batch_init(&b);
	for (g = p->job_first[k]; !rc && g < p->job_first[k + 1]; g++)
		rc = make_group(p, rd, &p->groups[g], &b, at, err);
	if (!rc && (rc = tt_batch_finish(&b, err)))
		*at = b.failed;
	tt_batch_release(&b);
	if (rc) {
		job_range(p, k, &lo, &hi);
		for (i = lo; i < hi; i++) {
			free(p->todo[i].txt);
			p->todo[i].txt = NULL;
		}
	}
	return rc;
}

/* The receipts planned, made here in plan order up to the first that fails. */
static void make_here(struct receipt_plan *p, sqlite3 *db)
{
	struct receipt_reader rd;
	struct tt_error err;
	size_t k, i, at, lo, hi;

	reader_init(&rd, db);
	for (k = 0; k < p->nr_jobs; k++) {
		tt_error_clear(&err);
		if (make_job(p, &rd, k, &at, &err)) {
			receipt_failed(p, at, &err);
			break;
		}
		job_range(p, k, &lo, &hi);
		for (i = lo; i < hi; i++)
			receipt_made(p);
	}
	reader_release(&rd);
}

/* ---- receipts made in worker processes (workers.h) ---- */

static int receipt_worker_start(void *ctx, struct tt_error *err)
{
	struct receipt_plan *p = ctx;
	int rc;

	layout_forget_shared();
	if ((rc = db_open(p->db_path, &p->worker_db, err)))
		return rc;
	reader_init(&p->worker_rd, p->worker_db);
	return 0;
}

/*
 * Job k in a worker (make_job()): once its files are in place, each
 * receipt made told to the parent as "M<i>", a NUL, its .txt path, a NUL
 * and its first page; or the one it failed at as "E<i>" and the error's
 * code, message, file, row and column, each after a NUL.
 */
static void receipt_worker_run(void *ctx, size_t k, struct workers_out *out)
{
	struct receipt_plan *p = ctx;
	struct tt_error err;
	struct strbuf msg;
	size_t i, at, lo, hi;
	int rc;

	strbuf_init(&msg);
	tt_error_clear(&err);
	if ((rc = make_job(p, &p->worker_rd, k, &at, &err))) {
		strbuf_addf(&msg, "E%zu", at);
		strbuf_addch(&msg, '\0');
		strbuf_addf(&msg, "%d", rc);
		strbuf_addch(&msg, '\0');
		strbuf_addstr(&msg, err.message);
		strbuf_addch(&msg, '\0');
		strbuf_addstr(&msg, err.file);
		strbuf_addch(&msg, '\0');
		strbuf_addf(&msg, "%ld", err.row);
		strbuf_addch(&msg, '\0');
		strbuf_addstr(&msg, err.column);
		workers_send(out, msg.buf, msg.len);
		strbuf_release(&msg);
		return;
	}
	job_range(p, k, &lo, &hi);
	for (i = lo; i < hi; i++) {
		strbuf_reset(&msg);
		strbuf_addf(&msg, "M%zu", i);
		strbuf_addch(&msg, '\0');
		strbuf_addstr(&msg, p->todo[i].txt);
		strbuf_addch(&msg, '\0');
		strbuf_addf(&msg, "%d", p->todo[i].page);
		workers_send(out, msg.buf, msg.len);
	}
	strbuf_release(&msg);
}

static void receipt_worker_finish(void *ctx)
{
	struct receipt_plan *p = ctx;

	reader_release(&p->worker_rd);
	db_close(p->worker_db);
	p->worker_db = NULL;
}

static void receipt_worker_receive(void *ctx, size_t k, const char *msg, size_t len)
{
	struct receipt_plan *p = ctx;
	const char *end = msg + len, *a, *field[5];
	struct tt_error err;
	struct strbuf copy;
	unsigned long long i;
	size_t lo, hi, f;
	char *stop;

	if (len < 2 || (msg[0] != 'M' && msg[0] != 'E') || !(a = memchr(msg, '\0', len)))
		return;
	i = strtoull(msg + 1, &stop, 10);
	job_range(p, k, &lo, &hi);
	if (stop != a || i < lo || i >= hi)
		return;
	a++;
	/* the fields after the first NUL, each ending with one (the last, with the message) */
	strbuf_init(&copy);
	strbuf_add(&copy, a, (size_t)(end - a));
	for (f = 0, a = copy.buf; f < 5; f++) {
		field[f] = a;
		if (a < copy.buf + copy.len)
			a += strlen(a) + 1;
	}
	if (msg[0] == 'M') {
		if (!p->todo[i].txt) {
			p->todo[i].txt = xstrdup(field[0]);
			p->todo[i].page = (int)strtol(field[1], NULL, 10);
			receipt_made(p);
		}
	} else {
		tt_error_clear(&err);
		tt_error_set(&err, (int)strtol(field[0], NULL, 10), "%s", field[1]);
		snprintf(err.file, sizeof(err.file), "%s", field[2]);
		err.row = strtol(field[3], NULL, 10);
		snprintf(err.column, sizeof(err.column), "%s", field[4]);
		receipt_failed(p, (size_t)i, &err);
	}
	strbuf_release(&copy);
}

/* The input path of file id, into sb ("" if it cannot be read). */
static const char *file_path(sqlite3 *db, long long id, struct strbuf *sb)
{
	sqlite3_stmt *st;

	if (!db_prepare(db, &st, "SELECT path FROM file WHERE id = ?1", NULL)) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addstr(sb, db_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return sb->buf;
}

/* Job k lost with its worker: its first file not made is named. */
static void receipt_worker_lost(void *ctx, size_t k, const char *why)
{
	struct receipt_plan *p = ctx;
	struct tt_error err;
	struct strbuf path;
	size_t lo, hi, i;

	strbuf_init(&path);
	p->lost++;
	job_range(p, k, &lo, &hi);
	for (i = lo; i < hi && p->todo[i].txt; i++)
		;
	if (i == hi) {
		strbuf_release(&path);
		return;
	}
	tt_error_clear(&err);
	tt_error_set(&err, TT_EIO, "the receipt of '%s' is not made: %s",
		     file_path(p->db, p->todo[i].id, &path), why);
	receipt_failed(p, i, &err);
	strbuf_release(&path);
}

/*
 * The receipts planned made in up to workers processes, a job of whole
 * PDFs each in plan order; with no worker to be had, here.  No statement
 * of db is under way nor a transaction: the workers open their own.
 */
static void make_in_workers(struct receipt_plan *p, sqlite3 *db, size_t workers)
{
	static const struct workers_ops ops = {
		receipt_worker_start, receipt_worker_run, receipt_worker_finish,
		receipt_worker_receive, receipt_worker_lost, NULL,
	};
	size_t *order = xcalloc(p->nr_jobs, sizeof(*order)), k;
	struct tt_error err;
	struct strbuf dir;
	long removed = 0;

	for (k = 0; k < p->nr_jobs; k++)
		order[k] = k;
	p->db_path = xstrdup(sqlite3_db_filename(db, "main"));
	tt_error_clear(&err);
	if (workers_run(workers, order, p->nr_jobs, &ops, p, &err)) {
		make_here(p, db);
	} else if (p->lost) {
		/* what a worker that died was writing: no other process writes here */
		strbuf_init(&dir);
		strbuf_addf(&dir, "%s/receipts", p->output_dir);
		tt_remove_stale_temporaries(dir.buf, &removed, &err);
		strbuf_release(&dir);
	}
	free(order);
}

/*
 * The receipts a worker's job holds, at least: so many that each worker
 * has about four jobs (the last ones short, so both end together), within
 * bounds: a few receipts are made here sooner than a worker starts, and a
 * long job leaves the other worker idle at the end.  A job takes whole
 * PDFs, so it may hold more.
 */
#define RECEIPT_JOB_MIN 8
#define RECEIPT_JOB_MAX 64

static void plan_jobs(struct receipt_plan *p, size_t workers)
{
	size_t per = (p->nr + workers * 4 - 1) / (workers * 4), g, in_job = 0;

	per = per < RECEIPT_JOB_MIN ? RECEIPT_JOB_MIN : per > RECEIPT_JOB_MAX ? RECEIPT_JOB_MAX
									    : per;
	p->job_first = xcalloc(p->nr_groups + 1, sizeof(*p->job_first));
	p->nr_jobs = 0;
	for (g = 0; g < p->nr_groups; g++) {
		if (g == 0 || in_job >= per) {
			p->job_first[p->nr_jobs++] = g;
			in_job = 0;
		}
		in_job += p->groups[g].nr;
	}
	p->job_first[p->nr_jobs] = p->nr_groups;
}

static int cmp_todo(const void *a, const void *b)
{
	const struct receipt_todo *x = a, *y = b;
	int c = strcmp(x->pdf, y->pdf);

	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

/* The PDFs recorded (receipt_group: path, parts), sorted by path. */
struct group_record {
	char *pdf;
	long parts;
	int seen;                 /* a receipt of the plan is bound in it */
};

/* bsearch(): a PDF's path against a record */
static int cmp_pdf_record(const void *pdf, const void *rec)
{
	return strcmp(pdf, ((const struct group_record *)rec)->pdf);
}

static int read_group_records(sqlite3 *db, struct group_record **out, size_t *nr,
			      struct tt_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc, step;

	*out = NULL;
	*nr = 0;
	if ((rc = db_prepare(db, &st, "SELECT pdf, parts FROM receipt_group ORDER BY pdf", err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(out, &alloc, *nr + 1, sizeof(**out));
		(*out)[*nr].pdf = xstrdup(db_column_text(st, 0));
		(*out)[*nr].parts = sqlite3_column_int(st, 1);
		(*out)[(*nr)++].seen = 0;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_fail(db, "could not list the receipts' PDFs", err);
	/* SQLite's order of text is memcmp()'s, as strcmp()'s */
	return 0;
}

/*
 * The folder dir (under receipts/, "" for receipts/ itself) into set, and
 * with ancestors the folders above it up to receipts/ itself.
 */
static void add_dir(struct tt_strset *set, const char *dir, int ancestors)
{
	struct strbuf sb;
	const char *slash;

	strbuf_init(&sb);
	strbuf_addstr(&sb, dir);
	tt_strset_add(set, sb.buf);
	while (ancestors && sb.len) {
		slash = strrchr(sb.buf, '/');
		cut_to(&sb, slash ? (size_t)(slash - sb.buf) : 0);
		tt_strset_add(set, sb.buf);
	}
	strbuf_release(&sb);
}

/*
 * The folder (under receipts/) of path, a receipt's file under the output
 * folder, into set, with ancestors as add_dir(); nothing for NULL or a
 * path not under receipts/.
 */
static void add_folder(struct tt_strset *set, const char *path, int ancestors)
{
	struct strbuf dir;
	const char *slash;

	if (!path || strncmp(path, RECEIPTS_DIR, strlen(RECEIPTS_DIR)))
		return;
	path += strlen(RECEIPTS_DIR);
	slash = strrchr(path, '/');
	strbuf_init(&dir);
	strbuf_add(&dir, path, slash ? (size_t)(slash - path) : 0);
	add_dir(set, dir.buf, ancestors);
	strbuf_release(&dir);
}

/* The folders of the receipts (text, PDF) the rows of sql name, into p->old_dirs. */
static int old_folders(sqlite3 *db, struct receipt_plan *p, const char *sql,
		       struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc, step;

	if ((rc = db_prepare(db, &st, sql, err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		add_folder(&p->old_dirs, (const char *)sqlite3_column_text(st, 0), 0);
		add_folder(&p->old_dirs, (const char *)sqlite3_column_text(st, 1), 0);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_fail(db, "could not list the receipts given up", err);
}

/*
 * Plan the receipts to make, in the caller's transaction.  Every file
 * that has a receipt is bound in the PDF of its folder and the day it
 * came; a PDF is made again, all its receipts, when one of them is stale
 * (marked, or any of its three files not there) or it binds another
 * number of receipts than when made (one moved away, or its file was
 * forgotten).  The others are counted as written.  The plan is in PDF
 * order, each PDF's receipts in file order.
 */
static int plan_receipts(sqlite3 *db, struct receipt_plan *p, struct tt_error *err)
{
	struct receipt_reader rd;
	struct group_record *rec = NULL, *found;
	struct receipt_todo *all = NULL;
	size_t nr_all = 0, alloc_all = 0, nr_rec = 0, i, j, k, w;
	sqlite3_stmt *files;
	int rc, step;

	/* a copy whose first no longer has anything refused needs no receipt now */
	if ((rc = mark_stale(db, &p->digits, p->english, err)) ||
	    (rc = old_folders(db, p, "SELECT receipt, receipt_pdf FROM file WHERE status = 'moved'"
			      " AND receipt IS NOT NULL AND NOT " COPY_OF_REFUSED, err)) ||
	    (rc = db_exec(db, "UPDATE file SET receipt = NULL, receipt_pdf = NULL,"
			      " receipt_page = NULL WHERE status = 'moved'"
			      " AND receipt IS NOT NULL AND NOT " COPY_OF_REFUSED, err)) ||
	    (rc = read_group_records(db, &rec, &nr_rec, err)) ||
	    (rc = db_prepare(db, &files, "SELECT id, ingested_at,"
					 " COALESCE(same_as, id), receipt_stale, receipt, receipt_pdf"
					 " FROM file"
					 " WHERE (kind IS NULL OR kind NOT IN ('framework')"
					 " OR status = 'failed' OR EXISTS (SELECT 1 FROM issue i"
					 " WHERE i.file_id = file.id))"
					 " AND status != 'moved' OR status = 'moved' AND " COPY_OF_REFUSED
					 " ORDER BY id", err)))
		goto out;
	reader_init(&rd, db);
	while ((step = sqlite3_step(files)) == SQLITE_ROW) {
		struct receipt_todo *t;

		xgrow(&all, &alloc_all, nr_all + 1, sizeof(*all));
		t = &all[nr_all++];
		memset(t, 0, sizeof(*t));
		t->id = sqlite3_column_int64(files, 0);
		t->first = sqlite3_column_int64(files, 2);
		t->ok = !sqlite3_column_int(files, 3) &&
			sqlite3_column_type(files, 4) != SQLITE_NULL &&
			sqlite3_column_type(files, 5) != SQLITE_NULL &&
			receipt_on_disk(&p->disk, db_column_text(files, 4),
					db_column_text(files, 5));
		if (t->ok) {
			t->pdf = tt_strset_add(&p->pdfs, db_column_text(files, 5));
		} else {
			place(p, &rd, t, db_column_text(files, 1));
			add_folder(&p->old_dirs, (const char *)sqlite3_column_text(files, 4), 0);
			add_folder(&p->old_dirs, (const char *)sqlite3_column_text(files, 5), 0);
		}
	}
	rc = step == SQLITE_DONE ? 0 : db_fail(db, "could not list the files' receipts", err);
	sqlite3_finalize(files);
	if (rc)
		goto done;
	if (nr_all)
		qsort(all, nr_all, sizeof(*all), cmp_todo);
	/* each PDF: made again, or its receipts counted; those made kept in place */
	for (i = w = 0; i < nr_all; i = j) {
		int again = 0;

		for (j = i; j < nr_all && !strcmp(all[j].pdf, all[i].pdf); j++)
			again |= !all[j].ok;
		found = nr_rec ? bsearch(all[i].pdf, rec, nr_rec, sizeof(*rec), cmp_pdf_record) : NULL;
		if (found)
			found->seen = 1;
		if (!found || found->parts != (long)(j - i))
			again = 1;
		if (!again) {
			for (k = i; k < j; k++)
				receipt_made(p);
			continue;
		}
		xgrow(&p->groups, &p->alloc_groups, p->nr_groups + 1, sizeof(*p->groups));
		p->groups[p->nr_groups].first = w;
		p->groups[p->nr_groups++].nr = j - i;
		for (k = i; k < j; k++)
			all[w++] = all[k];
	}
	p->todo = all;
	p->nr = w;
	p->alloc = alloc_all;
	all = NULL;
	for (i = 0; i < nr_rec; i++)
		if (!rec[i].seen) {
			xgrow(&p->gone, &p->alloc_gone, p->nr_gone + 1, sizeof(*p->gone));
			p->gone[p->nr_gone++] = xstrdup(rec[i].pdf);
			add_folder(&p->old_dirs, rec[i].pdf, 0);
		}
done:
	reader_release(&rd);
out:
	for (i = 0; i < nr_rec; i++)
		free(rec[i].pdf);
	free(rec);
	free(all);
	return rc;
}

/*
 * Record the receipts made (file.receipt, receipt_pdf, receipt_page,
 * receipt_stale, receipt_superseded) and the PDFs (receipt_group), in the
 * caller's transaction.
 */
static int record_receipts(sqlite3 *db, const struct receipt_plan *p, struct tt_error *err)
{
	sqlite3_stmt *set = NULL, *said = NULL, *group = NULL, *gone = NULL;
	size_t i, k;
	int rc;

	if ((rc = db_prepare(db, &set, "UPDATE file SET receipt = ?2, receipt_pdf = ?3,"
				       " receipt_page = ?4, receipt_stale = 0 WHERE id = ?1", err)) ||
	    (rc = db_prepare(db, &said, "UPDATE submission SET receipt_superseded ="
					" (superseded_by IS NOT NULL) WHERE file_id = ?1"
					" AND receipt_superseded <> (superseded_by IS NOT NULL)", err)) ||
	    (rc = db_prepare(db, &group, "INSERT OR REPLACE INTO receipt_group(pdf, parts)"
					 " VALUES (?1, ?2)", err)) ||
	    (rc = db_prepare(db, &gone, "DELETE FROM receipt_group WHERE pdf = ?1", err)))
		goto out;
	for (i = 0; !rc && i < p->nr; i++) {
		if (!p->todo[i].txt)
			continue;
		sqlite3_reset(set);
		sqlite3_bind_int64(set, 1, p->todo[i].id);
		db_bind_text(set, 2, p->todo[i].txt);
		db_bind_text(set, 3, p->todo[i].pdf);
		sqlite3_bind_int(set, 4, p->todo[i].page);
		sqlite3_reset(said);
		sqlite3_bind_int64(said, 1, p->todo[i].first);
		if (sqlite3_step(set) != SQLITE_DONE || sqlite3_step(said) != SQLITE_DONE)
			rc = db_fail(db, "could not record a receipt", err);
	}
	for (k = 0; !rc && k < p->nr_groups; k++) {
		const struct receipt_todo *t = &p->todo[p->groups[k].first];

		if (!t->txt)
			continue;
		sqlite3_reset(group);
		db_bind_text(group, 1, t->pdf);
		sqlite3_bind_int64(group, 2, (sqlite3_int64)p->groups[k].nr);
		if (sqlite3_step(group) != SQLITE_DONE)
			rc = db_fail(db, "could not record a receipts' PDF", err);
	}
	for (k = 0; !rc && k < p->nr_gone; k++) {
		sqlite3_reset(gone);
		db_bind_text(gone, 1, p->gone[k]);
		if (sqlite3_step(gone) != SQLITE_DONE)
			rc = db_fail(db, "could not record a receipts' PDF", err);
	}
out:
	sqlite3_finalize(set);
	sqlite3_finalize(said);
	sqlite3_finalize(group);
	sqlite3_finalize(gone);
	return rc;
}

/*
 * Record the receipts folders as this run leaves them (receipt_folder):
 * those read, swept or written in, and the folders above them; a folder
 * no longer there is forgotten.  The others keep their records: nothing
 * was done in them.  In the caller's transaction, with the receipts'
 * records, after the sweep: a run stopped before the commit leaves the
 * older records, and the folders changed since are read next time.
 */
static int record_folders(sqlite3 *db, struct receipt_plan *p, struct tt_error *err)
{
	struct tt_strset folders = { 0 };
	sqlite3_stmt *put = NULL, *forget = NULL;
	struct strbuf path;
	size_t i;
	int rc = 0;

	strbuf_init(&path);
	for (i = 0; i < p->disk.nr_dirs; i++)
		if (p->disk.dirs[i].read)
			add_dir(&folders, p->disk.dirs[i].path, 1);
	for (i = 0; i < p->old_dirs.size; i++)
		if (p->old_dirs.slot[i])
			add_dir(&folders, p->old_dirs.slot[i], 1);
	for (i = 0; i < p->nr; i++)
		add_folder(&folders, p->todo[i].pdf, 1);
	if (!folders.used)
		goto out;
	if ((rc = db_prepare(db, &put, "INSERT OR REPLACE INTO receipt_folder(path, mtime_ns,"
				       " ctime_ns, ino) VALUES (?1, ?2, ?3, ?4)", err)) ||
	    (rc = db_prepare(db, &forget, "DELETE FROM receipt_folder WHERE path = ?1", err)))
		goto fail;
	for (i = 0; i < folders.size; i++) {
		const char *dir = folders.slot[i];
		struct stat st;
		sqlite3_stmt *q;

		if (!dir)
			continue;
		/* "" is receipts/ itself, "x/y" a folder in it */
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", p->disk.top.buf, dir);
		if (!lstat(path.buf, &st) && S_ISDIR(st.st_mode)) {
			q = put;
			sqlite3_reset(q);
			sqlite3_bind_int64(q, 2, tt_timespec_ns(&st.st_mtim));
			sqlite3_bind_int64(q, 3, tt_timespec_ns(&st.st_ctim));
			sqlite3_bind_int64(q, 4, (sqlite3_int64)st.st_ino);
		} else {
			q = forget;
			sqlite3_reset(q);
		}
		db_bind_text(q, 1, dir);
		if (sqlite3_step(q) != SQLITE_DONE) {
			rc = db_fail(db, "could not record the receipts' folders", err);
			goto fail;
		}
	}
fail:
	sqlite3_finalize(put);
	sqlite3_finalize(forget);
out:
	tt_strset_release(&folders);
	strbuf_release(&path);
	return rc;
}

/* The file system of output_dir/receipts flushed (tt_sync_output()). */
static int receipts_flush(const char *output_dir, struct tt_error *err)
{
	struct strbuf dir;
	struct stat st;
	int rc;

	strbuf_init(&dir);
	strbuf_addf(&dir, "%s/" RECEIPTS_DIR, output_dir);
	/* receipts/ may be a file system of its own; swept away, it is the output folder's */
	rc = tt_sync_output(lstat(dir.buf, &st) ? output_dir : dir.buf, "the receipts", err);
	strbuf_release(&dir);
	return rc;
}

int receipt_write_all_progress(sqlite3 *db, const char *output_dir, int english,
			       const char *templates_dir, const struct tt_progress *progress,
			       int jobs, struct receipt_counts *counts, struct tt_error *err)
{
	struct receipt_plan p;
	size_t workers = jobs > 1 ? (size_t)jobs : 1, i;
	long removed = 0;
	int rc;

	memset(&p, 0, sizeof(p));
	p.db = db;
	p.output_dir = output_dir;
	p.english = english;
	p.digits.templates_dir = templates_dir;
	p.progress = progress;
	memset(counts, 0, sizeof(*counts));
	p.written = &counts->receipts;
	/*
	 * One transaction: the receipts recorded (and no longer stale) all at
	 * once.  Killed before its end, the next run makes them again, each
	 * the same bytes, and finds them written.
	 */
	if ((rc = db_exec(db, "BEGIN", err)))
		return rc;
	receipts_read(&p.disk, output_dir, db);
	if ((rc = plan_receipts(db, &p, err)))
		goto out;
	p.err_at = p.nr;
	plan_jobs(&p, workers);
	if (workers > 1 && p.nr_jobs > 1) {
		/*
		 * The marks committed first, so that the workers read what the
		 * receipts say without a transaction of this process open
		 * across fork(); the records in a transaction of their own.
		 */
		if ((rc = db_exec(db, "COMMIT", err)))
			goto out;
		make_in_workers(&p, db, workers);
		if ((rc = db_exec(db, "BEGIN", err)))
			goto out;
	} else {
		make_here(&p, db);
	}
	if (p.err_at < p.nr) {
		*err = p.err;
		rc = err->code;
	}
	if (!rc)
		rc = record_receipts(db, &p, err);
	if (!rc) {
		counts->made = (int)p.nr;
		counts->pdfs = (int)p.nr_groups;
		/*
		 * Swept before the records are committed, from what they say:
		 * stopped before the commit, the next run makes again what a
		 * file swept held, the same bytes.  Where receipts were before
		 * they were made again or given up is read now.
		 */
		disk_read_more(&p.disk, p.old_dirs.slot, p.old_dirs.size);
		rc = sweep_receipts(db, &p.disk, &removed, err);
	}
	if (!rc)
		rc = record_folders(db, &p, err);
	/*
	 * What was renamed into place and removed made lasting before the
	 * records saying so are committed: a crash then leaves either the
	 * records before (the receipts made again, the same bytes) or these
	 * with every file they name on the disk.
	 */
	if (!rc && (p.nr_groups || removed))
		rc = receipts_flush(output_dir, err);
out:
	if (!rc)
		rc = db_exec(db, "COMMIT", err);
	if (rc && sqlite3_get_autocommit(db) == 0)
		db_exec(db, "ROLLBACK", NULL);
	receipts_release(&p.disk);
	for (i = 0; i < p.nr; i++)
		free(p.todo[i].txt);
	free(p.todo);
	tt_strset_release(&p.pdfs);
	tt_strset_release(&p.old_dirs);
	free(p.groups);
	free(p.job_first);
	for (i = 0; i < p.nr_gone; i++)
		free(p.gone[i]);
	free(p.gone);
	free(p.db_path);
	return rc;
}
