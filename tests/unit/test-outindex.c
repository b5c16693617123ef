/*
 * Unit tests of the index pages: a small office made by hand in a
 * database and a folder, its pages read back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/outindex.h"
#include "tidtam/util.h"
#include "test.h"

#define DEMO "input/framework/2567.xml"

static void put(const char *out, const char *rel)
{
	struct strbuf path, dir;
	struct tt_error err;
	char *slash;

	strbuf_init(&path);
	strbuf_init(&dir);
	strbuf_addf(&path, "%s/%s", out, rel);
	strbuf_addstr(&dir, path.buf);
	slash = strrchr(dir.buf, '/');
	*slash = '\0';
	tt_error_clear(&err);
	CHECK(!tt_mkdirs(dir.buf, &err));
	CHECK(!tt_write_file_atomic(path.buf, "x\n", 2, &err));
	strbuf_release(&path);
	strbuf_release(&dir);
}

static char *page(const char *out, const char *rel)
{
	struct strbuf path;
	struct tt_error err;
	char *text = NULL;
	size_t len;

	strbuf_init(&path);
	strbuf_addf(&path, "%s/%s", out, rel);
	if (tt_read_file(path.buf, &text, &len, &err))
		text = xstrdup("");
	strbuf_release(&path);
	return text;
}

/* 1 if a comes before b in s, both there. */
static int before(const char *s, const char *a, const char *b)
{
	const char *x = strstr(s, a), *y = strstr(s, b);

	return x && y && x < y;
}

static void setup(sqlite3 *db, const char *out)
{
	static const char *const files[] = {
		"reports/2567/O1/validation-2567-6m.csv", "reports/2567/O1/validation-2567-6m.pdf",
		"reports/2567/O1/validation-2567-6m.json", "reports/2567/O1/progress-2567-6m.pdf",
		"reports/2567/O1/annual-2567.pdf", "reports/2567/O1/cards/S1.pdf",
		"reports/2567/O1/cards/network-N1.pdf", "reports/2567/O1/cards/S9.pdf",
		"receipts/2567/S1/a b#ก.csv.txt", "receipts/2567/S1/a b#ก.csv.pdf",
		"receipts/2567/S1/a b#ก.csv.json", "receipts/2567/O1/units.csv.txt",
		"receipts/2567/O1/units.csv.pdf", "receipts/2567/S1/x.csv.pdf.tmp.123",
		"receipts/unknown/unknown/bad.bin.txt",
	};
	struct strbuf sql;
	sqlite3_stmt *st;
	char *xml;
	size_t len, i;
	struct tt_error err;

	tt_error_clear(&err);
	for (i = 0; i < sizeof(files) / sizeof(*files); i++)
		put(out, files[i]);
	CHECK(!tt_read_file(DEMO, &xml, &len, &err));
	CHECK(!db_exec(db,
		       "INSERT INTO file(id, path, size, sha256, version, format, status,"
		       " ingested_at) VALUES(1, 'framework/2567.xml', 1, 'f', 1, 'xml', 'stored',"
		       " '2024-10-01');"
		       "INSERT INTO unit VALUES('O1', 'สำนักงาน <ทดสอบ> 2', 'office', NULL, 1, 1);"
		       "INSERT INTO unit VALUES('N1', 'เครือข่าย \"หนึ่ง\"', 'network', 'O1', 1, 2);"
		       "INSERT INTO unit VALUES('S1', 'โรงเรียน A&B', 'school', 'N1', 1, 3);"
		       "INSERT INTO unit VALUES('S2', 'โรงเรียนตรง', 'school', 'O1', 1, 4);"
		       "INSERT INTO completeness VALUES(2567, 6, 'O1', 2, 1, 1, 0, 1, 0, 4, 2);"
		       "INSERT INTO rendered VALUES('gone/reports/2567/O1/progress-2567-12m.pdf', 'h');",
		       &err));
	CHECK(!db_prepare(db, &st, "INSERT INTO framework VALUES(2567, 1, ?1)", &err));
	sqlite3_bind_blob(st, 1, xml, (int)len, SQLITE_TRANSIENT);
	CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	free(xml);
	/* a file whose only submission was rejected, and a unit list */
	strbuf_init(&sql);
	CHECK(!db_prepare(db, &st, "INSERT INTO file(id, path, size, sha256, version, format,"
			  " status, ingested_at, receipt) VALUES(?1, ?2, 1, ?1, 1, 'csv', 'stored',"
			  " '2024-10-01', ?3)", &err));
	for (i = 0; i < 2; i++) {
		strbuf_reset(&sql);
		/* recorded under the output folder, as receipt.c records them */
		strbuf_addstr(&sql, i ? "receipts/2567/O1/units.csv.txt"
				      : "receipts/2567/S1/a b#ก.csv.txt");
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, (int)i + 2);
		db_bind_text(st, 2, i ? "units.csv" : "ส่ง/a b#ก.csv");
		db_bind_text(st, 3, sql.buf);
		CHECK(sqlite3_step(st) == SQLITE_DONE);
	}
	sqlite3_finalize(st);
	strbuf_release(&sql);
	CHECK(!db_exec(db, "INSERT INTO submission(file_id, unit_code, fiscal_year_text,"
		       " round_text, fiscal_year, round, submitted_on, first_row, status)"
		       " VALUES(2, 'S1', '2567', '6', 2567, 6, '2024-04-20', 2, 'rejected')", &err));
}

static void test_pages(void)
{
	char dir[] = "/tmp/test-outindex-XXXXXX";
	struct outindex_stats stats;
	struct tt_error err;
	struct strbuf cmd;
	struct stat st1, st2;
	sqlite3 *db;
	char *top, *office;

	tt_error_clear(&err);
	CHECK(mkdtemp(dir) != NULL);
	if (db_open(":memory:", &db, &err)) {
		CHECK(0);
		return;
	}
	setup(db, dir);
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.pages == 2);
	CHECK(stats.changed == 2);
	top = page(dir, "index.html");
	office = page(dir, "reports/2567/O1/index.html");

	CHECK(strstr(top, "<html lang=\"th\">") != NULL);
	CHECK(strstr(top, "<meta charset=\"utf-8\">") != NULL);
	CHECK(strstr(top, "href=\"reports/2567/O1/index.html\"") != NULL);
	CHECK(strstr(top, "data-round=\"6\"") != NULL);
	/* a receipt no office holds is on the top page */
	CHECK(strstr(top, "href=\"receipts/unknown/unknown/bad.bin.txt\"") != NULL);

	/* names escaped, digits of names and years Thai, codes as written */
	CHECK(strstr(office, "สำนักงาน &lt;ทดสอบ&gt; ๒ <span class=\"code\">(O1)</span>") != NULL);
	CHECK(strstr(office, "เครือข่าย &quot;หนึ่ง&quot;") != NULL);
	CHECK(strstr(office, "โรงเรียน A&amp;B") != NULL);
	CHECK(strstr(office, "ปีงบประมาณ พ.ศ. ๒๕๖๗ · ข้อมูล ณ วันที่ ๒๐ เมษายน ๒๕๖๗") != NULL);
	CHECK(strstr(office, "<th>รอบ ๖ เดือน</th><td class=\"n expected\">๒</td>") != NULL);
	/* reports in order, a link per extension */
	CHECK(before(office, "annual-2567.pdf", "progress-2567-6m.pdf"));
	CHECK(before(office, "progress-2567-6m.pdf", "validation-2567-6m.pdf"));
	CHECK(strstr(office, "href=\"validation-2567-6m.pdf\">PDF</a> <a class=\"f\""
			     " href=\"validation-2567-6m.csv\">CSV</a> <a class=\"f\""
			     " href=\"validation-2567-6m.json\">JSON</a>") != NULL);
	CHECK(strstr(office, "ไม่พบไฟล์") != NULL);
	CHECK(strstr(office, "<li class=\"code\">progress-2567-12m.pdf</li>") != NULL);
	/* cards: the network's, its school's, a school without one, one nobody knows */
	CHECK(before(office, "href=\"cards/network-N1.pdf\"", "href=\"cards/S1.pdf\""));
	CHECK(before(office, "href=\"cards/S1.pdf\"", "โรงเรียนในสังกัดสำนักงานโดยตรง"));
	CHECK(strstr(office, "<td>โรงเรียนตรง</td><td>–</td>") != NULL);
	CHECK(before(office, "บัตรอื่น ๆ", "href=\"cards/S9.pdf\""));
	/* receipts: the office's first, links percent-encoded, status from submissions */
	CHECK(before(office, "units.csv.pdf", "a%20b%23%E0%B8%81.csv.pdf"));
	CHECK(strstr(office, "<td class=\"code\">ส่ง/a b#ก.csv</td><td class=\"st-rejected\">ไม่รับ</td>")
	      != NULL);
	CHECK(strstr(office, "href=\"../../../receipts/2567/S1/a%20b%23%E0%B8%81.csv.json\">JSON</a>")
	      != NULL);
	CHECK(strstr(office, "<td class=\"code\">units.csv</td><td class=\"st-accepted\">รับแล้ว</td>")
	      != NULL);
	CHECK(strstr(office, ".tmp.123") == NULL);
	CHECK(strstr(office, "<script") == NULL && strstr(top, "<script") == NULL);

	/* the same again: nothing written */
	strbuf_init(&cmd);
	strbuf_addf(&cmd, "%s/index.html", dir);
	CHECK(!stat(cmd.buf, &st1));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.pages == 2 && stats.changed == 0);
	CHECK(!stat(cmd.buf, &st2));
	CHECK(st1.st_ino == st2.st_ino);
	/* nothing they show changed: neither made again */
	CHECK(stats.skipped == 2);
	/* a new file, put there by hand, changes the office's page only */
	put(dir, "reports/2567/O1/cards/S2.pdf");
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.pages == 2 && stats.changed == 1);
	free(office);
	office = page(dir, "reports/2567/O1/index.html");
	CHECK(strstr(office, "href=\"cards/S2.pdf\"") != NULL);
	/* the page's own writing in that folder does not make them again */
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 2);
	/* nor does a file's content changed in place (its folder is the same) */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s/receipts/2567/S1/a b#ก.csv.json", dir);
	{
		FILE *f = fopen(cmd.buf, "a");

		CHECK(f != NULL);
		if (f) {
			fputs("more\n", f);
			fclose(f);
		}
	}
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 2);
	/* a file gone from a receipt folder */
	CHECK(!unlink(cmd.buf));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.changed == 1);
	/* a report recorded as made (the file already listed) */
	CHECK(!db_exec(db, "INSERT INTO rendered VALUES('reports/2567/O1/cards/S2.pdf', 'h')",
		       &err));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.pages == 2 && stats.changed == 0);
	/* a page removed from disk is made again, the other left */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s/reports/2567/O1/index.html", dir);
	CHECK(!unlink(cmd.buf));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.changed == 1);
	CHECK(!access(cmd.buf, R_OK));
	/* so is a page changed on disk, to the bytes it had, and it alone */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s/index.html", dir);
	CHECK(!tt_write_file_atomic(cmd.buf, "x\n", 2, &err));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 1 && stats.changed == 1);
	free(top);
	top = page(dir, "index.html");
	CHECK(strstr(top, "href=\"reports/2567/O1/index.html\"") != NULL);
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 2);
	/* a submission's status (a change stamp, as a writer of statuses makes it: db.h) */
	CHECK(!db_statuses_changed(db, "file_id = 2 AND status IS NOT 'accepted'", &err));
	CHECK(!db_exec(db, "UPDATE submission SET status = 'accepted' WHERE file_id = 2", &err));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	/* both: the top page counts the round's rejected units too */
	CHECK(stats.skipped == 0 && stats.changed == 2);
	free(office);
	office = page(dir, "reports/2567/O1/index.html");
	CHECK(strstr(office, "<td class=\"code\">ส่ง/a b#ก.csv</td><td class=\"st-accepted\">")
	      != NULL);
	/* a receipt recorded, or its file's status */
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 2);
	CHECK(!db_exec(db, "UPDATE file SET status = 'failed' WHERE id = 3", &err));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.changed == 1);
	free(office);
	office = page(dir, "reports/2567/O1/index.html");
	CHECK(strstr(office, "<td class=\"code\">units.csv</td><td class=\"st-rejected\">")
	      != NULL);
	/* the index stamp's row gone: nothing can be known, every page made */
	CHECK(!db_exec(db, "DELETE FROM index_stamp", &err));
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.pages == 2);
	CHECK(!outindex_write_all(db, dir, &stats, &err));
	CHECK(stats.skipped == 0 && stats.pages == 2);

	free(top);
	free(office);
	db_close(db);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd.buf) == 0);
	strbuf_release(&cmd);
}

int main(void)
{
	test_pages();
	return test_report("test-outindex");
}
