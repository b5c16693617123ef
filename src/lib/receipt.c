/*
 * receipt.c - receipts for submitters, one per input file version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/period.h"
#include "tidtam/receipt.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const char *kind_th(const char *kind)
{
	static const struct { const char *kind, *th; } names[] = {
		{ "long", "ตารางแบบยาว (หนึ่งค่าต่อแถว)" },
		{ "wide", "ตารางแบบกว้าง (หนึ่งโรงเรียนต่อแถว)" },
		{ "form", "แบบฟอร์ม XML" },
		{ "units", "ทะเบียนหน่วยงาน" },
		{ "projects", "แผนปฏิบัติการ (โครงการ)" },
		{ "framework", "กรอบการติดตาม" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(kind, names[i].kind))
			return names[i].th;
	return "ไม่ทราบชนิด";
}

static void add_issue_line(struct strbuf *sb, sqlite3_stmt *st)
{
	const char *sev = db_column_text(st, 0);
	const char *code = db_column_text(st, 1);

	strbuf_addf(sb, "    - %s %s", !strcmp(sev, "error") ? "ข้อผิดพลาด" : "คำเตือน", code);
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		strbuf_addf(sb, " แถว %d", sqlite3_column_int(st, 2));
	if (*db_column_text(st, 3))
		strbuf_addf(sb, " คอลัมน์ %s", db_column_text(st, 3));
	if (sqlite3_column_type(st, 4) != SQLITE_NULL)
		strbuf_addf(sb, " พบ \"%s\"", db_column_text(st, 4));
	strbuf_addf(sb, ": %s\n", db_column_text(st, 5));
}

int receipt_text(sqlite3 *db, long long file_id, struct strbuf *sb, struct tt_error *err)
{
	sqlite3_stmt *f = NULL, *subs = NULL, *issues = NULL;
	int rc, accepted = 0, rejected = 0;
	struct strbuf body;

	strbuf_init(&body);
	if ((rc = db_prepare(db, &f, "SELECT path, version, size, sha256, kind, status"
				     " FROM file WHERE id = ?1", err)) ||
	    (rc = db_prepare(db, &subs,
			     "SELECT s.id, s.unit_code, COALESCE(u.name, ''), s.fiscal_year_text,"
			     " s.round, s.round_text, s.submitted_on, s.status,"
			     " (SELECT COUNT(*) FROM value v WHERE v.submission_id = s.id),"
			     " s.superseded_by"
			     " FROM submission s LEFT JOIN unit u ON u.code = s.unit_code"
			     " WHERE s.file_id = ?1 ORDER BY s.first_row, s.id", err)) ||
	    (rc = db_prepare(db, &issues,
			     "SELECT severity, code, row, col, found, message_th FROM issue"
			     " WHERE file_id = ?1 AND (submission_id = ?2 OR"
			     " (?2 IS NULL AND submission_id IS NULL))"
			     " ORDER BY severity, row, id", err)))
		goto out;
	sqlite3_bind_int64(f, 1, file_id);
	if (sqlite3_step(f) != SQLITE_ROW) {
		rc = tt_error_set(err, TT_ENOTFOUND, "no file %lld", file_id);
		goto out;
	}
	strbuf_addstr(sb, "ใบตอบรับการส่งข้อมูลติดตามและประเมินผล (tidtam)\n");
	strbuf_addf(sb, "ไฟล์: %s (ฉบับที่ %d, %lld ไบต์)\n", db_column_text(f, 0),
		    sqlite3_column_int(f, 1), (long long)sqlite3_column_int64(f, 2));
	strbuf_addf(sb, "SHA-256: %s\n", db_column_text(f, 3));
	strbuf_addf(sb, "ชนิด: %s\n", kind_th((const char *)sqlite3_column_text(f, 4)));

	/* problems with the file as a whole */
	sqlite3_bind_int64(issues, 1, file_id);
	sqlite3_bind_null(issues, 2);
	while (sqlite3_step(issues) == SQLITE_ROW) {
		if (!body.len)
			strbuf_addstr(&body, "\nปัญหาของไฟล์ (ไม่ได้รับข้อมูลจากไฟล์นี้):\n");
		add_issue_line(&body, issues);
	}
	sqlite3_bind_int64(subs, 1, file_id);
	while (sqlite3_step(subs) == SQLITE_ROW) {
		const char *status = db_column_text(subs, 7);
		struct tt_date d;
		int ok = !strcmp(status, "accepted");

		accepted += ok;
		rejected += !strcmp(status, "rejected");
		strbuf_addf(&body, "\n[%s] %s %s ปีงบประมาณ %s ",
			    ok ? "รับ" : !strcmp(status, "rejected") ? "ไม่รับ" : "รอตรวจ",
			    db_column_text(subs, 1), db_column_text(subs, 2),
			    db_column_text(subs, 3));
		if (sqlite3_column_type(subs, 4) != SQLITE_NULL)
			strbuf_addf(&body, "รอบ %d เดือน", sqlite3_column_int(subs, 4));
		else
			strbuf_addf(&body, "รอบ \"%s\"", db_column_text(subs, 5));
		if (!period_parse_date(db_column_text(subs, 6), &d)) {
			strbuf_addstr(&body, " ส่งเมื่อ ");
			period_format_thai(&body, &d, 1);
		}
		strbuf_addf(&body, " จำนวน %d ค่า", sqlite3_column_int(subs, 8));
		if (sqlite3_column_type(subs, 9) != SQLITE_NULL)
			strbuf_addstr(&body, " (มีฉบับที่ส่งภายหลังใช้แทนแล้ว)");
		strbuf_addch(&body, '\n');
		sqlite3_reset(issues);
		sqlite3_bind_int64(issues, 2, sqlite3_column_int64(subs, 0));
		while (sqlite3_step(issues) == SQLITE_ROW)
			add_issue_line(&body, issues);
	}
	if (!strcmp(db_column_text(f, 5), "failed"))
		strbuf_addstr(sb, "ผลการตรวจ: ไม่รับไฟล์นี้\n");
	else if (accepted + rejected)
		strbuf_addf(sb, "ผลการตรวจ: ได้รับข้อมูล %d หน่วย รับไว้ %d หน่วย ไม่รับ %d หน่วย\n",
			    accepted + rejected, accepted, rejected);
	else
		strbuf_addstr(sb, "ผลการตรวจ: รับไว้แล้ว\n");
	strbuf_add(sb, body.buf, body.len);
	if (rejected)
		strbuf_addstr(sb, "\nหน่วยที่ \"ไม่รับ\" ต้องแก้ไขตามรายการข้างต้นแล้วส่งไฟล์ใหม่ทั้งไฟล์"
				  " ข้อมูลของหน่วยนั้นจึงจะนำไปใช้ในรายงาน\n");
out:
	sqlite3_finalize(f);
	sqlite3_finalize(subs);
	sqlite3_finalize(issues);
	strbuf_release(&body);
	return rc;
}

/* The file name part of path, made safe to use under output/. */
static void safe_basename(struct strbuf *sb, const char *path)
{
	const char *base = strrchr(path, '/');
	const unsigned char *p;

	base = base ? base + 1 : path;
	for (p = (const unsigned char *)base; *p; p++)
		strbuf_addch(sb, (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
				  (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
				  *p == '-' || *p == '_' || (*p == '.' && p != (const unsigned char *)base))
					 ? *p : '_');
}

/*
 * The folder a file's receipt goes to: its fiscal year and the one unit,
 * or the parent all its units share, or the office above them.
 */
static void receipt_dir(sqlite3 *db, long long file_id, struct strbuf *fy_out,
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
		"       ELSE (SELECT code FROM unit WHERE kind = 'office' ORDER BY code LIMIT 1) END";

	strbuf_addstr(fy_out, "unknown");
	strbuf_addstr(unit_out, "unknown");
	if (db_prepare(db, &st, sql, NULL))
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
	sqlite3_finalize(st);
}

int receipt_write_all(sqlite3 *db, const char *output_dir, int *written,
		      struct tt_error *err)
{
	sqlite3_stmt *files = NULL, *set = NULL;
	int rc;

	*written = 0;
	if ((rc = db_prepare(db, &files, "SELECT id, path, version FROM file"
					 " WHERE (kind IS NULL OR kind NOT IN ('framework'))"
					 " AND status != 'moved' ORDER BY id", err)) ||
	    (rc = db_prepare(db, &set, "UPDATE file SET receipt = ?2 WHERE id = ?1", err)))
		goto out;
	while (!rc && sqlite3_step(files) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(files, 0);
		struct strbuf text, dir, fy, unit, path;

		strbuf_init(&text);
		strbuf_init(&dir);
		strbuf_init(&fy);
		strbuf_init(&unit);
		strbuf_init(&path);
		receipt_dir(db, id, &fy, &unit);
		strbuf_addf(&dir, "%s/receipts/%s/%s", output_dir, fy.buf, unit.buf);
		strbuf_addf(&path, "%s/", dir.buf);
		safe_basename(&path, db_column_text(files, 1));
		if (sqlite3_column_int(files, 2) > 1)
			strbuf_addf(&path, "-v%d", sqlite3_column_int(files, 2));
		strbuf_addstr(&path, ".txt");
		rc = receipt_text(db, id, &text, err);
		if (!rc)
			rc = tt_mkdirs(dir.buf, err);
		if (!rc)
			rc = tt_write_file_atomic(path.buf, text.buf, text.len, err);
		if (!rc) {
			sqlite3_reset(set);
			sqlite3_bind_int64(set, 1, id);
			db_bind_text(set, 2, path.buf);
			if (sqlite3_step(set) != SQLITE_DONE)
				rc = db_fail(db, "could not record a receipt", err);
			(*written)++;
		}
		strbuf_release(&text);
		strbuf_release(&dir);
		strbuf_release(&fy);
		strbuf_release(&unit);
		strbuf_release(&path);
	}
out:
	sqlite3_finalize(files);
	sqlite3_finalize(set);
	return rc;
}
