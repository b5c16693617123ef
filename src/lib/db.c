/*
 * db.c - opening the SQLite store and keeping its schema current.
 *
 * The workload is a nightly batch: one writer at a time, a few thousand to a
 * few million rows a year per office.  WAL lets officers read while a run
 * writes; each stage wraps its unit of work (a file, a report) in one
 * transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidtam/db.h"
#include "tidtam/error.h"
#include "tidtam/framework.h"
#include "tidtam/sha256.h"
#include "tidtam/step.h"
#include "tidtam/util.h"
#include "tidtam/banned.h"

static const char schema_v1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);\n"
	"CREATE TABLE file(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  path TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL,\n"
	"  sha256 TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL,\n"
	"  format TEXT NOT NULL,\n"        /* csv, xml, framework, ... */
	"  kind TEXT,\n"                   /* long, wide, form, units, projects, framework */
	"  status TEXT NOT NULL,\n"        /* stored | failed */
	"  ingested_at TEXT NOT NULL,\n"
	"  receipt TEXT,\n"                /* path of its receipt, once written */
	"  UNIQUE(path, sha256));\n"
	"CREATE TABLE framework(\n"
	"  fiscal_year INTEGER NOT NULL,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  xml BLOB NOT NULL,\n"
	"  PRIMARY KEY(fiscal_year, file_id));\n"
	"CREATE TABLE unit(\n"
	"  code TEXT PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK(kind IN ('office','network','school')),\n"
	"  parent TEXT,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  row INTEGER NOT NULL);\n"
	"CREATE TABLE submission(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  unit_code TEXT NOT NULL,\n"
	"  fiscal_year_text TEXT NOT NULL,\n"
	"  round_text TEXT NOT NULL,\n"
	"  fiscal_year INTEGER,\n"        /* parsed, NULL when unreadable */
	"  round INTEGER,\n"              /* months 3/6/9/12, NULL when unreadable */
	"  submitted_on TEXT NOT NULL,\n" /* YYYY-MM-DD */
	"  first_row INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'new',\n" /* new | accepted | rejected */
	"  superseded_by INTEGER REFERENCES submission(id),\n"
	"  UNIQUE(file_id, unit_code, fiscal_year_text, round_text));\n"
	"CREATE TABLE value(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  submission_id INTEGER NOT NULL REFERENCES submission(id),\n"
	"  indicator TEXT NOT NULL,\n"
	"  value TEXT, numerator TEXT, denominator TEXT, note TEXT,\n"
	"  number REAL,\n"               /* the value as a number, once validated */
	"  row INTEGER NOT NULL, col TEXT NOT NULL);\n"
	"CREATE INDEX value_submission ON value(submission_id);\n"
	"CREATE TABLE narrative(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  submission_id INTEGER NOT NULL REFERENCES submission(id),\n"
	"  indicator TEXT, field TEXT NOT NULL, text TEXT NOT NULL,\n"
	"  row INTEGER NOT NULL);\n"
	"CREATE TABLE project(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  fiscal_year INTEGER, code TEXT NOT NULL, name TEXT, policy_area TEXT,\n"
	"  responsible_group TEXT, budget REAL, q1 REAL, q2 REAL, q3 REAL, q4 REAL,\n"
	"  row INTEGER NOT NULL);\n"
	"CREATE TABLE issue(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  submission_id INTEGER REFERENCES submission(id),\n"
	"  severity TEXT NOT NULL CHECK(severity IN ('error','warning')),\n"
	"  code TEXT NOT NULL,\n"
	"  row INTEGER, col TEXT, found TEXT,\n"
	"  message_th TEXT NOT NULL, message_en TEXT NOT NULL);\n"
	"CREATE INDEX issue_file ON issue(file_id);\n"
	"CREATE TABLE result(\n"
	"  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL,\n"
	"  unit_code TEXT NOT NULL, indicator TEXT NOT NULL,\n"
	"  value REAL,\n"                 /* this round's aggregate */
	"  to_date REAL,\n"               /* the result to date (cumulative view) */
	"  numerator REAL, denominator REAL,\n"
	"  reporting INTEGER NOT NULL,\n" /* schools whose value went in */
	"  expected INTEGER NOT NULL,\n"
	"  achieved INTEGER,\n"           /* 1/0 against the target, NULL if none */
	"  percent_of_target REAL,\n"
	"  PRIMARY KEY(fiscal_year, round, unit_code, indicator));\n"
	"CREATE TABLE completeness(\n"
	"  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL, unit_code TEXT NOT NULL,\n"
	"  expected INTEGER NOT NULL, received INTEGER NOT NULL, on_time INTEGER NOT NULL,\n"
	"  late INTEGER NOT NULL, missing INTEGER NOT NULL, accepted INTEGER NOT NULL,\n"
	"  values_expected INTEGER NOT NULL, values_present INTEGER NOT NULL,\n"
	"  PRIMARY KEY(fiscal_year, round, unit_code));\n"
	"CREATE TABLE area_result(\n"
	"  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL, unit_code TEXT NOT NULL,\n"
	"  policy_area TEXT NOT NULL, indicators INTEGER NOT NULL,\n"
	"  with_result INTEGER NOT NULL, achieved INTEGER NOT NULL,\n"
	"  PRIMARY KEY(fiscal_year, round, unit_code, policy_area));\n";

/*
 * Version 2: how each file was read (encoding, separator, its sheets), and
 * files that are only another name for content already stored.
 */
static const char schema_v2[] =
	"ALTER TABLE file ADD COLUMN encoding TEXT;\n"   /* as encoding_name() */
	"ALTER TABLE file ADD COLUMN delimiter TEXT;\n"  /* CSV separator */
	"ALTER TABLE file ADD COLUMN same_as INTEGER REFERENCES file(id);\n" /* status 'moved' */
	"CREATE INDEX file_sha ON file(sha256);\n"
	"CREATE TABLE file_sheet(\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  seq INTEGER NOT NULL,\n"           /* order in the workbook, from 1 */
	"  name TEXT,\n"                      /* NULL for a CSV file */
	"  kind TEXT,\n"                      /* long, wide, ... as file.kind */
	"  header_row INTEGER,\n"
	"  status TEXT NOT NULL,\n"           /* read | skipped */
	"  note TEXT,\n"                      /* why it was skipped (English) */
	"  PRIMARY KEY(file_id, seq));\n";

/*
 * Version 3: the vetting committee's approvals, and the indexes that keep
 * checks across rounds and superseding linear in the number of submissions.  A round is approved while
 * its newest action is 'approve'; approved_round says which, by whom, when.
 */
static const char schema_v3[] =
	"CREATE TABLE approval(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL,\n"
	"  action TEXT NOT NULL CHECK(action IN ('approve','reopen')),\n"
	"  by_name TEXT NOT NULL, at TEXT NOT NULL);\n"   /* at: YYYY-MM-DD */
	"CREATE INDEX submission_unit ON submission(unit_code, fiscal_year, round);\n"
	"CREATE INDEX issue_submission ON issue(submission_id);\n"
	"CREATE VIEW approved_round AS\n"
	"  SELECT a.fiscal_year, a.round, a.by_name, a.at FROM approval a\n"
	"  WHERE a.action = 'approve' AND a.id = (SELECT MAX(b.id) FROM approval b\n"
	"    WHERE b.fiscal_year = a.fiscal_year AND b.round = a.round);\n";

/*
 * Version 4: the reports made, each with the hash of what it was made
 * from, so that a run makes again only those whose inputs changed.
 */
static const char schema_v4[] =
	"CREATE TABLE rendered(\n"
	"  path TEXT PRIMARY KEY,\n"          /* as written, under the output folder */
	"  inputs TEXT NOT NULL);\n";         /* SHA-256 of its inputs, hex */

/*
 * Version 5: where a long sheet names each value's indicator, so that an
 * unknown indicator is shown at its own cell.
 */
static const char schema_v5[] =
	"ALTER TABLE value ADD COLUMN indicator_col TEXT;\n";   /* NULL: as col */

/*
 * Version 6: the cells that hold a submission's unit, fiscal year and round,
 * so that E-UNIT, E-FY and E-ROUND point at the cell at fault.
 */
static const char schema_v6[] =
	"ALTER TABLE submission ADD COLUMN unit_col TEXT;\n"
	"ALTER TABLE submission ADD COLUMN fiscal_year_col TEXT;\n"
	"ALTER TABLE submission ADD COLUMN round_col TEXT;\n";

/*
 * Version 7: an approval given although units were still missing or
 * rejected (--force) says so, with how many there were at that moment;
 * approved_round shows it.  unit_parent: walking down the tree from one
 * office (status.c) without reading every unit.
 */
static const char schema_v7[] =
	"ALTER TABLE approval ADD COLUMN forced INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE approval ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE approval ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;\n"
	"DROP VIEW approved_round;\n"
	"CREATE VIEW approved_round AS\n"
	"  SELECT a.fiscal_year, a.round, a.by_name, a.at, a.forced, a.missing, a.rejected\n"
	"  FROM approval a\n"
	"  WHERE a.action = 'approve' AND a.id = (SELECT MAX(b.id) FROM approval b\n"
	"    WHERE b.fiscal_year = a.fiscal_year AND b.round = a.round);\n"
	"CREATE INDEX unit_parent ON unit(parent);\n";

/*
 * Version 8: the office profile (profile.h), its XML as read, keyed by
 * file, office and fiscal year (the newest file of an office and year is
 * the one printed); and what a unit list may say of a school beyond its
 * code, name, kind and parent (unit_figures, a row only for a unit the
 * list says something of): its size, district, students (in all and by
 * level, as "level=count;…") and teachers.
 */
static const char schema_v8[] =
	"CREATE TABLE profile(\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"
	"  office TEXT NOT NULL,\n"
	"  fiscal_year INTEGER NOT NULL,\n"
	"  xml BLOB NOT NULL,\n"
	"  PRIMARY KEY(office, fiscal_year, file_id));\n"
	"CREATE TABLE unit_figures(\n"
	"  code TEXT PRIMARY KEY,\n"
	"  size TEXT, district TEXT, students INTEGER, students_by_level TEXT,\n"
	"  teachers INTEGER,\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id));\n";

/*
 * Version 9: best practices, awards and outstanding work (practice.h), the
 * photographs each names (practice_photo: by path, beside the form; shown
 * from the newest stored version of that path), and every image taken
 * (image: its bytes kept, so that a report is drawn from the database
 * alone, whatever input/ holds by then).
 */
static const char schema_v9[] =
	"CREATE TABLE practice(\n"
	"  file_id INTEGER PRIMARY KEY REFERENCES file(id),\n"
	"  unit_code TEXT NOT NULL,\n"
	"  fiscal_year INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK(kind IN ('best-practice','award','outstanding')),\n"
	"  title TEXT NOT NULL,\n"
	"  by_whom TEXT NOT NULL,\n"       /* the unit or the people, as written */
	"  text TEXT NOT NULL);\n"         /* its paragraphs, one a line */
	"CREATE INDEX practice_year ON practice(fiscal_year, unit_code);\n"
	"CREATE TABLE practice_photo(\n"
	"  file_id INTEGER NOT NULL REFERENCES file(id),\n"  /* the practice */
	"  seq INTEGER NOT NULL,\n"         /* order in the form, from 1 */
	"  path TEXT NOT NULL,\n"           /* the image, as file.path */
	"  caption TEXT NOT NULL,\n"
	"  PRIMARY KEY(file_id, seq));\n"
	"CREATE TABLE image(\n"
	"  file_id INTEGER PRIMARY KEY REFERENCES file(id),\n"
	"  format TEXT NOT NULL CHECK(format IN ('png','jpeg')),\n"
	"  width INTEGER NOT NULL, height INTEGER NOT NULL,\n"   /* pixels */
	"  bytes BLOB NOT NULL);\n";

/*
 * Version 10: what ingest needs to pass over a file without reading it.
 * One row per path, the stat of the file (size, times in nanoseconds,
 * inode) when its content (sha256) was last read, and when that stat was
 * taken (seen_ns: a file modified as late as that is read again).
 */
static const char schema_v10[] =
	"CREATE TABLE file_stat(\n"
	"  path TEXT PRIMARY KEY,\n"      /* as file.path */
	"  sha256 TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL,\n"
	"  mtime_ns INTEGER NOT NULL,\n"
	"  ctime_ns INTEGER NOT NULL,\n"
	"  ino INTEGER NOT NULL,\n"
	"  seen_ns INTEGER NOT NULL) WITHOUT ROWID;\n";

/*
 * Version 11: every report scoped to its office, and a cheap test of
 * whether anything an office's reports read has changed.
 * project.office: the office an action plan belongs to (the office named
 * by its path, or the only office).  change_stamp: for each unit and
 * fiscal year (0: every year) a number raised, from one counter, by the
 * triggers below whenever a row the unit's reports read is written (its
 * submissions and their statuses and issues, the unit itself and its
 * school columns, its profile, projects, practices and their photos; an
 * upsert, since a trigger's own conflict clause would give way to its
 * statement's, an INSERT OR IGNORE's); aggregate notes in meta
 * 'aggregated_stamp' the newest stamp its results were made after;
 * rendered_office: per office folder of a year, the digest of those
 * stamps and of what else its reports read (render, report.c).  Indexes:
 * an office's results, completeness, narratives and photos read unit by
 * unit.  rendered keeps paths under the output folder ("reports/…"):
 * those kept as the folder was typed are let go (made again once).
 */
#define STAMP_WHERE(unit, fy, from, cond) \
	"INSERT INTO change_stamp(unit_code, fiscal_year, stamp) SELECT " unit ","		\
	" COALESCE(" fy ", 0), (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp) " from	\
	" WHERE " unit " IS NOT NULL" cond							\
	" ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp;"
#define STAMP(unit, fy) STAMP_WHERE(unit, fy, "", "")
static const char schema_v11[] =
	"ALTER TABLE project ADD COLUMN office TEXT;\n"
	"UPDATE project SET office = (SELECT code FROM unit WHERE kind = 'office')"
	" WHERE (SELECT COUNT(*) FROM unit WHERE kind = 'office') = 1;\n"
	"CREATE INDEX project_office ON project(office, fiscal_year);\n"
	"CREATE INDEX result_unit ON result(unit_code, fiscal_year, round);\n"
	"CREATE INDEX completeness_unit ON completeness(unit_code, fiscal_year, round);\n"
	"CREATE INDEX narrative_submission ON narrative(submission_id);\n"
	"CREATE INDEX practice_photo_path ON practice_photo(path);\n"
	"CREATE TABLE change_stamp(\n"
	"  unit_code TEXT NOT NULL,\n"
	"  fiscal_year INTEGER NOT NULL,\n"   /* 0: every year */
	"  stamp INTEGER NOT NULL,\n"
	"  PRIMARY KEY(unit_code, fiscal_year));\n"
	"CREATE INDEX change_stamp_order ON change_stamp(stamp);\n"
	"CREATE TABLE rendered_office(\n"
	"  dir TEXT PRIMARY KEY,\n"          /* reports/<FY>/<office> */
	"  inputs TEXT NOT NULL);\n"         /* SHA-256 of its stamps and the rest, hex */
	"DELETE FROM rendered WHERE path NOT LIKE 'reports/%';\n"
	"CREATE TRIGGER stamp_submission_new AFTER INSERT ON submission BEGIN "
	STAMP("NEW.unit_code", "NEW.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_submission_gone AFTER DELETE ON submission BEGIN "
	STAMP("OLD.unit_code", "OLD.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_submission_status AFTER UPDATE OF status ON submission"
	" WHEN OLD.status IS NOT NEW.status BEGIN "
	STAMP("NEW.unit_code", "NEW.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_issue_new AFTER INSERT ON issue"
	" WHEN NEW.submission_id IS NOT NULL BEGIN "
	STAMP_WHERE("s.unit_code", "s.fiscal_year", "FROM submission s", " AND s.id = NEW.submission_id")
	" END;\n"
	"CREATE TRIGGER stamp_issue_gone AFTER DELETE ON issue"
	" WHEN OLD.submission_id IS NOT NULL BEGIN "
	STAMP_WHERE("s.unit_code", "s.fiscal_year", "FROM submission s", " AND s.id = OLD.submission_id")
	" END;\n"
	"CREATE TRIGGER stamp_unit_new AFTER INSERT ON unit BEGIN "
	STAMP("NEW.code", "0") " END;\n"
	"CREATE TRIGGER stamp_unit_changed AFTER UPDATE ON unit BEGIN "
	STAMP("NEW.code", "0") STAMP("OLD.parent", "0") " END;\n"
	"CREATE TRIGGER stamp_unit_gone AFTER DELETE ON unit BEGIN "
	STAMP("OLD.code", "0") STAMP("OLD.parent", "0") " END;\n"
	"CREATE TRIGGER stamp_figures_new AFTER INSERT ON unit_figures BEGIN "
	STAMP("NEW.code", "0") " END;\n"
	"CREATE TRIGGER stamp_figures_changed AFTER UPDATE ON unit_figures BEGIN "
	STAMP("NEW.code", "0") STAMP("OLD.code", "0") " END;\n"
	"CREATE TRIGGER stamp_figures_gone AFTER DELETE ON unit_figures BEGIN "
	STAMP("OLD.code", "0") " END;\n"
	"CREATE TRIGGER stamp_profile_new AFTER INSERT ON profile BEGIN "
	STAMP("NEW.office", "NEW.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_profile_gone AFTER DELETE ON profile BEGIN "
	STAMP("OLD.office", "OLD.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_project_new AFTER INSERT ON project BEGIN "
	STAMP("COALESCE(NEW.office, '')", "NEW.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_project_gone AFTER DELETE ON project BEGIN "
	STAMP("COALESCE(OLD.office, '')", "OLD.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_practice_new AFTER INSERT ON practice BEGIN "
	STAMP("NEW.unit_code", "NEW.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_practice_gone AFTER DELETE ON practice BEGIN "
	STAMP("OLD.unit_code", "OLD.fiscal_year") " END;\n"
	"CREATE TRIGGER stamp_photo_new AFTER INSERT ON practice_photo BEGIN "
	STAMP_WHERE("p.unit_code", "p.fiscal_year", "FROM practice p", " AND p.file_id = NEW.file_id")
	" END;\n"
	"CREATE TRIGGER stamp_photo_gone AFTER DELETE ON practice_photo BEGIN "
	STAMP_WHERE("p.unit_code", "p.fiscal_year", "FROM practice p", " AND p.file_id = OLD.file_id")
	" END;\n"
	/* a photo is shown from the newest file of its path */
	"CREATE TRIGGER stamp_photo_file_new AFTER INSERT ON file BEGIN "
	STAMP_WHERE("p.unit_code", "p.fiscal_year", "FROM practice_photo ph JOIN practice p"
	      " ON p.file_id = ph.file_id", " AND ph.path = NEW.path") " END;\n"
	"CREATE TRIGGER stamp_photo_file_changed AFTER UPDATE OF status, sha256 ON file BEGIN "
	STAMP_WHERE("p.unit_code", "p.fiscal_year", "FROM practice_photo ph JOIN practice p"
	      " ON p.file_id = ph.file_id", " AND ph.path = NEW.path") " END;\n"
	"CREATE TRIGGER stamp_photo_file_gone AFTER DELETE ON file BEGIN "
	STAMP_WHERE("p.unit_code", "p.fiscal_year", "FROM practice_photo ph JOIN practice p"
	      " ON p.file_id = ph.file_id", " AND ph.path = OLD.path") " END;\n";
#undef STAMP
#undef STAMP_WHERE

/*
 * Version 12: a nightly run costs what changed.  aggregate_pending: the
 * fiscal years and units whose submissions were added, changed status (or
 * unit, year, round, date) or went since the last aggregation, kept by
 * triggers whatever stage made the change; meta 'aggregate_all': a
 * framework or the unit list changed, so everything is aggregated again.
 * And the indexes the stages' statements read through: the submissions
 * still to check (a partial index, so that one unit's are still found by
 * submission_unit) and a fiscal year's and round's submissions.
 */
static const char schema_v12[] =
	"CREATE TABLE aggregate_pending(\n"
	"  fiscal_year INTEGER NOT NULL, unit_code TEXT NOT NULL,\n"
	"  PRIMARY KEY(fiscal_year, unit_code)) WITHOUT ROWID;\n"
	"CREATE TRIGGER submission_added AFTER INSERT ON submission\n"
	"  WHEN NEW.fiscal_year IS NOT NULL BEGIN\n"
	"  INSERT OR IGNORE INTO aggregate_pending VALUES(NEW.fiscal_year, NEW.unit_code);\n"
	"END;\n"
	"CREATE TRIGGER submission_changed\n"
	"  AFTER UPDATE OF status, unit_code, fiscal_year, round, submitted_on ON submission\n"
	"  WHEN OLD.status IS NOT NEW.status OR OLD.unit_code IS NOT NEW.unit_code\n"
	"    OR OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.round IS NOT NEW.round\n"
	"    OR OLD.submitted_on IS NOT NEW.submitted_on BEGIN\n"
	"  INSERT OR IGNORE INTO aggregate_pending\n"
	"    SELECT OLD.fiscal_year, OLD.unit_code WHERE OLD.fiscal_year IS NOT NULL;\n"
	"  INSERT OR IGNORE INTO aggregate_pending\n"
	"    SELECT NEW.fiscal_year, NEW.unit_code WHERE NEW.fiscal_year IS NOT NULL;\n"
	"END;\n"
	"CREATE TRIGGER submission_gone AFTER DELETE ON submission\n"
	"  WHEN OLD.fiscal_year IS NOT NULL BEGIN\n"
	"  INSERT OR IGNORE INTO aggregate_pending VALUES(OLD.fiscal_year, OLD.unit_code);\n"
	"END;\n"
	"CREATE TRIGGER unit_added AFTER INSERT ON unit BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"CREATE TRIGGER unit_changed AFTER UPDATE OF code, kind, parent ON unit BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"CREATE TRIGGER unit_gone AFTER DELETE ON unit BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"CREATE TRIGGER framework_added AFTER INSERT ON framework BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"CREATE TRIGGER framework_changed AFTER UPDATE ON framework BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"CREATE TRIGGER framework_gone AFTER DELETE ON framework BEGIN\n"
	"  INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"END;\n"
	"INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending');\n"
	"CREATE INDEX submission_new ON submission(fiscal_year, round) WHERE status = 'new';\n"
	"CREATE INDEX submission_round ON submission(fiscal_year, round);\n";

/*
 * Version 13: which receipts are to be made again (receipt.c), kept by
 * the database itself, so that a run makes only those of files new or
 * changed whatever program changed them.  A file's receipt_stale is set
 * when the file is stored, when its row changes, when a submission or an
 * issue of it is added, changed or removed, and when a practice names it
 * as a photo; the receipts write it back to 0.  A submission replaced or
 * no longer replaced is found by the receipts themselves: validate works
 * out superseded_by afresh every run, and receipt_superseded is what the
 * submission's receipt last said.  What every receipt says (the units'
 * names and tree, the frameworks' years) changing clears the receipts'
 * context in meta, which makes them all again.
 */
static const char schema_v13[] =
	"ALTER TABLE file ADD COLUMN receipt_stale INTEGER NOT NULL DEFAULT 1;\n"
	"ALTER TABLE submission ADD COLUMN receipt_superseded INTEGER NOT NULL DEFAULT 0;\n"
	"CREATE INDEX file_receipt_stale ON file(id) WHERE receipt_stale = 1;\n"
	"CREATE TRIGGER receipt_of_file AFTER UPDATE OF path, size, sha256, version, format,"
	" kind, status, ingested_at, encoding, delimiter, same_as ON file"
	" WHEN OLD.receipt_stale = 0"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id = NEW.id; END;\n"
	"CREATE TRIGGER receipt_of_submission_new AFTER INSERT ON submission"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id = NEW.file_id"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_submission AFTER UPDATE OF file_id, unit_code,"
	" fiscal_year_text, round_text, fiscal_year, round, submitted_on, first_row, status"
	" ON submission"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id IN (OLD.file_id, NEW.file_id)"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_submission_gone AFTER DELETE ON submission"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id = OLD.file_id"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_issue_new AFTER INSERT ON issue"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id = NEW.file_id"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_issue AFTER UPDATE ON issue"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id IN (OLD.file_id, NEW.file_id)"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_issue_gone AFTER DELETE ON issue"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id = OLD.file_id"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_photo_new AFTER INSERT ON practice_photo"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE path = NEW.path"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_photo_gone AFTER DELETE ON practice_photo"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE path = OLD.path"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_practice AFTER UPDATE ON practice"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE path IN (SELECT path FROM"
	" practice_photo WHERE file_id IN (OLD.file_id, NEW.file_id))"
	" AND receipt_stale = 0; END;\n"
	"CREATE TRIGGER receipt_of_units_new AFTER INSERT ON unit"
	" BEGIN DELETE FROM meta WHERE key = 'receipt_context'; END;\n"
	"CREATE TRIGGER receipt_of_units AFTER UPDATE ON unit"
	" BEGIN DELETE FROM meta WHERE key = 'receipt_context'; END;\n"
	"CREATE TRIGGER receipt_of_units_gone AFTER DELETE ON unit"
	" BEGIN DELETE FROM meta WHERE key = 'receipt_context'; END;\n"
	"CREATE TRIGGER receipt_of_framework_new AFTER INSERT ON framework"
	" BEGIN DELETE FROM meta WHERE key = 'receipt_context'; END;\n"
	"CREATE TRIGGER receipt_of_framework_gone AFTER DELETE ON framework"
	" BEGIN DELETE FROM meta WHERE key = 'receipt_context'; END;\n";

/*
 * Version 14: a value's column labels ("E (ค่า)", "ส่ง!D (SAFE01)") stored
 * once each in column_label and named by number from the value
 * (col_label, indicator_col_label), instead of their text in every value
 * (a third of a long sheet's row).  Values stored before keep their text
 * in col and indicator_col; a value stored since has col '' and
 * indicator_col NULL, and its labels are COALESCE(label, col).  No
 * REFERENCES: a label is never removed, and the check would cost a lookup
 * per value stored.
 */
static const char schema_v14[] =
	"CREATE TABLE column_label(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  label TEXT NOT NULL UNIQUE);\n"
	"ALTER TABLE value ADD COLUMN col_label INTEGER;\n"
	"ALTER TABLE value ADD COLUMN indicator_col_label INTEGER;\n";

/*
 * Version 15: the index pages (outindex.c) made again only when what they
 * show may have changed.  index_stamp: one counter, raised by triggers
 * whenever the set of reports recorded (rendered) or a receipt recorded
 * (file.receipt, or the path, status or copy of a file holding one)
 * changes; the rest a page shows is stamped already (change_stamp,
 * approvals, frameworks).  index_page: each page as last written (its
 * path under the output folder, size, modification and change times and
 * inode), so that a page changed or removed on disk is made again;
 * index_folder: each folder the pages list (reports/ and receipts/ and
 * those under them), its modification time and inode when listed, so
 * that a file added or removed there, by hand too, makes them again; meta
 * 'index_inputs' the digest of what the pages were made from.
 */
#define INDEX_BUMP " BEGIN UPDATE index_stamp SET stamp = stamp + 1; END;\n"
static const char schema_v15[] =
	"CREATE TABLE index_stamp(stamp INTEGER NOT NULL);\n"
	"INSERT INTO index_stamp VALUES (1);\n"
	"CREATE TABLE index_page(\n"
	"  path TEXT PRIMARY KEY,\n"        /* under the output folder */
	"  size INTEGER NOT NULL,\n"
	"  mtime_ns INTEGER NOT NULL,\n"
	"  ctime_ns INTEGER NOT NULL,\n"
	"  ino INTEGER NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE index_folder(\n"
	"  path TEXT PRIMARY KEY,\n"        /* under the output folder */
	"  mtime_ns INTEGER NOT NULL,\n"    /* -1: not there */
	"  ino INTEGER NOT NULL) WITHOUT ROWID;\n"
	"CREATE TRIGGER index_of_report_new AFTER INSERT ON rendered" INDEX_BUMP
	"CREATE TRIGGER index_of_report_gone AFTER DELETE ON rendered" INDEX_BUMP
	"CREATE TRIGGER index_of_receipt_new AFTER INSERT ON file"
	" WHEN NEW.receipt IS NOT NULL" INDEX_BUMP
	"CREATE TRIGGER index_of_receipt AFTER UPDATE OF receipt, path, status, same_as ON file"
	" WHEN OLD.receipt IS NOT NEW.receipt OR (NEW.receipt IS NOT NULL AND"
	" (OLD.path IS NOT NEW.path OR OLD.status IS NOT NEW.status"
	" OR OLD.same_as IS NOT NEW.same_as))" INDEX_BUMP
	"CREATE TRIGGER index_of_receipt_gone AFTER DELETE ON file"
	" WHEN OLD.receipt IS NOT NULL" INDEX_BUMP;

/*
 * Version 16: receipts bound in PDFs, one for each receipts folder and
 * day files came (receipt.c).  file.receipt_pdf: the PDF binding the
 * file's receipt, file.receipt_page: its first page there (the .txt
 * stays in file.receipt); receipt_group: each such PDF as last made and
 * how many receipts it binds, so that one bound there no longer (moved,
 * or its file forgotten) makes it again.  The index pages link a
 * receipt's page: index_of_receipt is raised by those columns too.
 */
static const char schema_v16[] =
	"ALTER TABLE file ADD COLUMN receipt_pdf TEXT;\n"
	"ALTER TABLE file ADD COLUMN receipt_page INTEGER;\n"
	"CREATE TABLE receipt_group(\n"
	"  pdf TEXT PRIMARY KEY,\n"
	"  parts INTEGER NOT NULL) WITHOUT ROWID;\n"
	"DROP TRIGGER index_of_receipt;\n"
	"CREATE TRIGGER index_of_receipt AFTER UPDATE OF receipt, receipt_pdf, receipt_page,"
	" path, status, same_as ON file"
	" WHEN OLD.receipt IS NOT NEW.receipt OR (NEW.receipt IS NOT NULL AND"
	" (OLD.receipt_pdf IS NOT NEW.receipt_pdf OR OLD.receipt_page IS NOT NEW.receipt_page"
	" OR OLD.path IS NOT NEW.path OR OLD.status IS NOT NEW.status"
	" OR OLD.same_as IS NOT NEW.same_as))" INDEX_BUMP;
#undef INDEX_BUMP

/*
 * Version 17: receipt_folder, each folder under receipts/ as the last run
 * that made receipts in it, swept it or read it left it (its path under
 * receipts/, "" for receipts/ itself; modification and change times in
 * ns; inode), so that a later run reads only the folders changed since,
 * not all of them (receipt.c receipts_read()).
 */
static const char schema_v17[] =
	"CREATE TABLE receipt_folder(\n"
	"  path TEXT PRIMARY KEY,\n"
	"  mtime_ns INTEGER NOT NULL,\n"
	"  ctime_ns INTEGER NOT NULL,\n"
	"  ino INTEGER NOT NULL) WITHOUT ROWID;\n";

/*
 * Version 18: the three result tables keyed by unit first (unit, fiscal
 * year, round, indicator or policy area) WITHOUT ROWID, each one B-tree
 * in place of a table, its key's index and the unit index (result_unit,
 * completeness_unit, v11) beside them: every reader asks by unit (an
 * office's tree, a unit's rounds) or reads a year's rows in unit order
 * (export), and aggregate writes a unit's rows together, in key order, so
 * each row stored is one insert near the last.  Rows are copied as they
 * are, the columns in the same order.
 */
#define RESULTS_V18(table, cols, key)						\
	"CREATE TABLE " table "_v18(\n" cols ",\n"				\
	"  PRIMARY KEY(" key ")) WITHOUT ROWID;\n"				\
	"INSERT INTO " table "_v18 SELECT * FROM " table " ORDER BY " key ";\n"	\
	"DROP TABLE " table ";\n"						\
	"ALTER TABLE " table "_v18 RENAME TO " table ";\n"
static const char schema_v18[] =
	RESULTS_V18("result",
		    "  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL,\n"
		    "  unit_code TEXT NOT NULL, indicator TEXT NOT NULL,\n"
		    "  value REAL,\n"                 /* this round's aggregate */
		    "  to_date REAL,\n"               /* the result to date */
		    "  numerator REAL, denominator REAL,\n"
		    "  reporting INTEGER NOT NULL,\n" /* schools whose value went in */
		    "  expected INTEGER NOT NULL,\n"
		    "  achieved INTEGER,\n"           /* 1/0 against the target */
		    "  percent_of_target REAL",
		    "unit_code, fiscal_year, round, indicator")
	RESULTS_V18("completeness",
		    "  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL,"
		    " unit_code TEXT NOT NULL,\n"
		    "  expected INTEGER NOT NULL, received INTEGER NOT NULL,"
		    " on_time INTEGER NOT NULL,\n"
		    "  late INTEGER NOT NULL, missing INTEGER NOT NULL,"
		    " accepted INTEGER NOT NULL,\n"
		    "  values_expected INTEGER NOT NULL, values_present INTEGER NOT NULL",
		    "unit_code, fiscal_year, round")
	RESULTS_V18("area_result",
		    "  fiscal_year INTEGER NOT NULL, round INTEGER NOT NULL,"
		    " unit_code TEXT NOT NULL,\n"
		    "  policy_area TEXT NOT NULL, indicators INTEGER NOT NULL,\n"
		    "  with_result INTEGER NOT NULL, achieved INTEGER NOT NULL",
		    "unit_code, fiscal_year, round, policy_area");
#undef RESULTS_V18

/*
 * Version 19: each index page made again only when what it shows may
 * have changed, not all of them when anything did (outindex.c).
 * index_dir_stamp: for each folder reports/<FY>/<office> and
 * receipts/<FY>/<unit>, a count raised by triggers whenever a report
 * recorded there (rendered) comes or goes (not when it is made again
 * under its path), or a receipt recorded there
 * (a file's receipt) comes, goes or changes what its page shows (the
 * file's receipt, PDF, page, path, status or copy), as index_stamp is
 * raised for all of them; a row is never removed, so a page's rows say
 * exactly whether any of its folders' records changed.  index_page.inputs:
 * the digest of what the page was last made from (page_digest()).
 */
#define INDEX_DIR(p, top) "substr(" p ", 1, " top " + instr(substr(" p ", " top " + 1), '/')" \
	" + instr(substr(" p ", " top " + 1 + instr(substr(" p ", " top " + 1), '/')), '/') - 1)"
#define INDEX_DIR_BUMP(p, top, cond)						\
	" INSERT INTO index_dir_stamp(dir, n) SELECT " INDEX_DIR(p, top) ", 1"		\
	" WHERE " cond " ON CONFLICT(dir) DO UPDATE SET n = n + 1;"
static const char schema_v19[] =
	"CREATE TABLE index_dir_stamp(\n"
	"  dir TEXT PRIMARY KEY,\n"        /* reports/<FY>/<office>, receipts/<FY>/<unit> */
	"  n INTEGER NOT NULL) WITHOUT ROWID;\n"
	"ALTER TABLE index_page ADD COLUMN inputs TEXT;\n"
	/* a report made again under its path (INSERT OR REPLACE) shows the same */
	"CREATE TRIGGER index_dir_report_new BEFORE INSERT ON rendered"
	" WHEN NOT EXISTS (SELECT 1 FROM rendered WHERE path = NEW.path) BEGIN"
	INDEX_DIR_BUMP("NEW.path", "8", "NEW.path LIKE 'reports/%'") " END;\n"
	"CREATE TRIGGER index_dir_report_gone AFTER DELETE ON rendered BEGIN"
	INDEX_DIR_BUMP("OLD.path", "8", "OLD.path LIKE 'reports/%'") " END;\n"
	"CREATE TRIGGER index_dir_receipt_new AFTER INSERT ON file"
	" WHEN NEW.receipt IS NOT NULL BEGIN"
	INDEX_DIR_BUMP("NEW.receipt", "9", "NEW.receipt LIKE 'receipts/%'") " END;\n"
	"CREATE TRIGGER index_dir_receipt AFTER UPDATE OF receipt, receipt_pdf, receipt_page,"
	" path, status, same_as ON file"
	" WHEN OLD.receipt IS NOT NEW.receipt OR (NEW.receipt IS NOT NULL AND"
	" (OLD.receipt_pdf IS NOT NEW.receipt_pdf OR OLD.receipt_page IS NOT NEW.receipt_page"
	" OR OLD.path IS NOT NEW.path OR OLD.status IS NOT NEW.status"
	" OR OLD.same_as IS NOT NEW.same_as)) BEGIN"
	INDEX_DIR_BUMP("OLD.receipt", "9", "OLD.receipt LIKE 'receipts/%'")
	INDEX_DIR_BUMP("NEW.receipt", "9", "NEW.receipt LIKE 'receipts/%'") " END;\n"
	"CREATE TRIGGER index_dir_receipt_gone AFTER DELETE ON file"
	" WHEN OLD.receipt IS NOT NULL BEGIN"
	INDEX_DIR_BUMP("OLD.receipt", "9", "OLD.receipt LIKE 'receipts/%'") " END;\n";
#undef INDEX_DIR_BUMP
#undef INDEX_DIR

/*
 * Version 20: value without REFERENCES submission(id), as column_label
 * (v14): the check cost a lookup of the submission for each value stored,
 * a ninth of ingest on a long sheet.  Ingest stores a value only under the
 * submission it made or found in the same transaction, and no program
 * removes a submission; the tests check that no value is left without
 * one.  The table is made again, its rows as they are.
 */
static const char schema_v20[] =
	"CREATE TABLE value_v20(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  submission_id INTEGER NOT NULL,\n"
	"  indicator TEXT NOT NULL,\n"
	"  value TEXT, numerator TEXT, denominator TEXT, note TEXT,\n"
	"  number REAL,\n"
	"  row INTEGER NOT NULL, col TEXT NOT NULL, indicator_col TEXT,\n"
	"  col_label INTEGER, indicator_col_label INTEGER);\n"
	"INSERT INTO value_v20 SELECT id, submission_id, indicator, value, numerator,"
	" denominator, note, number, row, col, indicator_col, col_label,"
	" indicator_col_label FROM value ORDER BY id;\n"
	"DROP TABLE value;\n"
	"ALTER TABLE value_v20 RENAME TO value;\n"
	"CREATE INDEX value_submission ON value(submission_id);\n";

/*
 * Version 21: a submission added no longer fires triggers
 * (stamp_submission_new, submission_added, receipt_of_submission_new):
 * whoever adds submissions does what they did once for the file, set-based
 * (db.h DB_SUBMISSIONS_ADDED_SQL).  A trigger made
 * SQLite keep a statement journal of every page each insert touched, and
 * ran its program for each row: 0.77 → 0.13 s for a long sheet's 33,336
 * submissions, stored one statement each.  The triggers on a submission
 * changed or removed stay.
 */
static const char schema_v21[] =
	"DROP TRIGGER IF EXISTS stamp_submission_new;\n"
	"DROP TRIGGER IF EXISTS submission_added;\n"
	"DROP TRIGGER IF EXISTS receipt_of_submission_new;\n";

/*
 * Version 22: meta 'values_given_after', the newest submission any of
 * whose values is blank (as TRIM() sees its value, numerator and
 * denominator; 0: none).  Such values were stored by versions before
 * ingest passed blank cells over; every submission after it has only
 * values given, so that a receipt counts a submission's values by its
 * index entries alone instead of reading each value's texts (a third of
 * the receipt of a long sheet: receipt.c RECEIPT_VALUES_GIVEN).
 */
static const char schema_v22[] =
	"INSERT OR REPLACE INTO meta(key, value) SELECT 'values_given_after',"
	" COALESCE(MAX(submission_id), 0) FROM value WHERE TRIM(COALESCE(value, '')) = ''"
	" AND TRIM(COALESCE(numerator, '')) = '' AND TRIM(COALESCE(denominator, '')) = '';\n";

/*
 * Version 23: a submission's status changed fires no trigger either
 * (stamp_submission_status dropped; submission_changed and
 * receipt_of_submission made again without status): whoever changes
 * statuses does what they did once for all the rows it changes,
 * set-based (db_statuses_changed()).  A first check sets every status it
 * checks, and the triggers, run for each row, were 0.25 of the 0.28 s of
 * storing a long sheet's 33,336 statuses.  The triggers of the other
 * columns stay.
 */
static const char schema_v23[] =
	"DROP TRIGGER IF EXISTS stamp_submission_status;\n"
	"DROP TRIGGER IF EXISTS submission_changed;\n"
	"CREATE TRIGGER submission_changed\n"
	"  AFTER UPDATE OF unit_code, fiscal_year, round, submitted_on ON submission\n"
	"  WHEN OLD.unit_code IS NOT NEW.unit_code\n"
	"    OR OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.round IS NOT NEW.round\n"
	"    OR OLD.submitted_on IS NOT NEW.submitted_on BEGIN\n"
	"  INSERT OR IGNORE INTO aggregate_pending\n"
	"    SELECT OLD.fiscal_year, OLD.unit_code WHERE OLD.fiscal_year IS NOT NULL;\n"
	"  INSERT OR IGNORE INTO aggregate_pending\n"
	"    SELECT NEW.fiscal_year, NEW.unit_code WHERE NEW.fiscal_year IS NOT NULL;\n"
	"END;\n"
	"DROP TRIGGER IF EXISTS receipt_of_submission;\n"
	"CREATE TRIGGER receipt_of_submission AFTER UPDATE OF file_id, unit_code,"
	" fiscal_year_text, round_text, fiscal_year, round, submitted_on, first_row"
	" ON submission"
	" BEGIN UPDATE file SET receipt_stale = 1 WHERE id IN (OLD.file_id, NEW.file_id)"
	" AND receipt_stale = 0; END;\n";

/*
 * Version 24: a unit or its school columns stored fire no trigger
 * (stamp_unit_new, unit_added, receipt_of_units_new, stamp_figures_new):
 * the unit list's store does what they did once for the list, set-based
 * (db_units_stored()).  Three statements a unit, each with its triggers
 * and so a statement journal, were 17 microseconds a unit, 0.14 s for a
 * list of 8,334 schools.  The triggers of a unit changed or removed stay.
 */
static const char schema_v24[] =
	"DROP TRIGGER IF EXISTS stamp_unit_new;\n"
	"DROP TRIGGER IF EXISTS unit_added;\n"
	"DROP TRIGGER IF EXISTS receipt_of_units_new;\n"
	"DROP TRIGGER IF EXISTS stamp_figures_new;\n";

/*
 * Version 25: the receipts a run did not make found by index, not by
 * reading every file.  file_receipt: whether a receipt on disk is one a
 * file holds, for the sweep of the folders a run read (RECEIPT_HELD_SQL
 * in receipt.c; every receipt of the country was read for it, 0.25 s at
 * 245 offices when one file changed).  submission_receipt_superseded: the
 * few submissions whose receipt says otherwise of their being replaced
 * (receipt.c's mark_stale(), which scanned every submission).
 */
static const char schema_v25[] =
	"CREATE INDEX IF NOT EXISTS file_receipt ON file(receipt) WHERE receipt IS NOT NULL;\n"
	"CREATE INDEX IF NOT EXISTS submission_receipt_superseded ON submission(file_id)"
	" WHERE (superseded_by IS NOT NULL) <> receipt_superseded;\n";

/*
 * Version 26: an index page's record keeps its status counts (the HTML of
 * its counts table), which the top page shows for every office: a page not
 * made again lends the top page its counts, so that a change in one office
 * reads that office's status, not every office's (0.3 s at 245 offices).
 * NULL until the page is made again: the top page reads that office's.
 */
static const char schema_v26[] =
	"ALTER TABLE index_page ADD COLUMN counts TEXT;\n";

/* 1 if table has a column of that name (a migration that adds it runs once). */
static int has_column(sqlite3 *db, const char *table, const char *column)
{
	sqlite3_stmt *st;
	int has = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1,
			       &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return has;
}

/*
 * What SQLite's error means for the person running the program, naming
 * the file: "" when its own message says it all.
 */
static void explain(sqlite3 *db, struct strbuf *sb)
{
	const char *name = sqlite3_db_filename(db, "main");
	int code;

	if (!name || !*name)
		return; /* a database in memory */
	code = sqlite3_errcode(db) & 0xff;
	/* SQLite says "disk I/O error" when a full disk fails its WAL index */
	if (code == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC)
		code = SQLITE_FULL;
	else if (code == SQLITE_IOERR && (sqlite3_system_errno(db) == EROFS ||
					  sqlite3_system_errno(db) == EACCES))
		code = SQLITE_READONLY;
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		strbuf_addf(sb, "the database '%s' is busy: another program has held a"
			    " write transaction on it for 10 s; nothing of this run is lost,"
			    " run again once it ends", name);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		strbuf_addf(sb, "the database '%s' is damaged and was left as it is:"
			    " restore it from a backup, or move it aside and run again to"
			    " build it anew from input/ (approvals are then lost)", name);
		break;
	case SQLITE_FULL:
		strbuf_addf(sb, "the disk holding the database '%s' is full; nothing of"
			    " this step was recorded, run again once there is room", name);
		break;
	case SQLITE_IOERR:
		strbuf_addf(sb, "the database '%s' could not be read or written; nothing of"
			    " this step was recorded", name);
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		strbuf_addf(sb, "the database '%s' cannot be written", name);
		break;
	}
}

int db_fail(sqlite3 *db, const char *what, struct tt_error *err)
{
	struct strbuf why;
	int rc;

	if (!db)
		return tt_error_set(err, TT_EDB, "%s: no database", what);
	strbuf_init(&why);
	explain(db, &why);
	if (why.len)
		rc = tt_error_set(err, TT_EDB, "%s (%s: %s)", why.buf, what, sqlite3_errmsg(db));
	else
		rc = tt_error_set(err, TT_EDB, "%s: %s", what, sqlite3_errmsg(db));
	strbuf_release(&why);
	return rc;
}

int db_exec(sqlite3 *db, const char *sql, struct tt_error *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "database statement failed", err);
	return 0;
}

int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, struct tt_error *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return db_fail(db, "could not prepare a statement", err);
	}
	return 0;
}

void db_bind_text(sqlite3_stmt *st, int index, const char *s)
{
	if (s)
		sqlite3_bind_text(st, index, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, index);
}

void db_bind_text_static(sqlite3_stmt *st, int index, const char *s)
{
	if (s)
		sqlite3_bind_text(st, index, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, index);
}

/* v's 8 bytes, most significant first, at p. */
static unsigned char *put_u64(unsigned char *p, sqlite3_uint64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
	return p + 8;
}

void db_digest_row(sqlite3_stmt *st, struct tt_sha256 *ctx)
{
	/* the row's fixed-size parts gathered, so that tt_sha256_update() is called rarely */
	unsigned char buf[512], *p;
	int c, n = sqlite3_column_count(st);

	p = put_u64(buf, (sqlite3_uint64)n);
	for (c = 0; c < n; c++) {
		int type = sqlite3_column_type(st, c);
		const unsigned char *b;
		sqlite3_uint64 u;
		double d;
		int len;

		if (p > buf + sizeof(buf) - 9 - 8) {
			tt_sha256_update(ctx, buf, (size_t)(p - buf));
			p = buf;
		}
		*p++ = (unsigned char)type;
		switch (type) {
		case SQLITE_INTEGER:
			p = put_u64(p, (sqlite3_uint64)sqlite3_column_int64(st, c));
			break;
		case SQLITE_FLOAT:
			d = sqlite3_column_double(st, c);
			memcpy(&u, &d, sizeof(u));
			p = put_u64(p, u);
			break;
		case SQLITE_NULL:
			break;
		default: /* text and blobs, as they are stored */
			b = sqlite3_column_blob(st, c);
			len = sqlite3_column_bytes(st, c);
			p = put_u64(p, (sqlite3_uint64)len);
			if (b && len > 0) {
				if ((size_t)len <= (size_t)(buf + sizeof(buf) - p)) {
					memcpy(p, b, (size_t)len);
					p += len;
				} else {
					tt_sha256_update(ctx, buf, (size_t)(p - buf));
					tt_sha256_update(ctx, b, (size_t)len);
					p = buf;
				}
			}
			break;
		}
	}
	tt_sha256_update(ctx, buf, (size_t)(p - buf));
}

int db_digest_rows(sqlite3_stmt *st, struct tt_sha256 *ctx)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_digest_row(st, ctx);
	return rc;
}

const char *db_column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

void db_statuses_changed_sql(struct strbuf *sql, const char *where)
{
	strbuf_addf(sql,
		    DB_STAMP_SQL("unit_code", "fiscal_year", "submission WHERE (%s)") ";"
		    "INSERT OR IGNORE INTO aggregate_pending(fiscal_year, unit_code)"
		    " SELECT fiscal_year, unit_code FROM submission"
		    " WHERE (%s) AND fiscal_year IS NOT NULL;"
		    "UPDATE file SET receipt_stale = 1 WHERE receipt_stale = 0"
		    " AND id IN (SELECT file_id FROM submission WHERE (%s));",
		    where, where, where);
}

int db_statuses_changed(sqlite3 *db, const char *where, struct tt_error *err)
{
	struct strbuf sql;
	int rc;

	strbuf_init(&sql);
	db_statuses_changed_sql(&sql, where);
	rc = db_exec(db, sql.buf, err);
	strbuf_release(&sql);
	return rc;
}

int db_statements_prepare(sqlite3 *db, const char *sql, struct db_statements *s,
			  struct tt_error *err)
{
	size_t alloc = 0;
	const char *tail;
	sqlite3_stmt *st;

	memset(s, 0, sizeof(*s));
	while (*sql) {
		if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) {
			db_statements_free(s);
			return db_fail(db, "could not prepare a statement", err);
		}
		sql = tail;
		if (!st)
			continue; /* white space or a comment */
		xgrow(&s->st, &alloc, s->nr + 1, sizeof(*s->st));
		s->st[s->nr++] = st;
	}
	return 0;
}

int db_statements_run(sqlite3 *db, struct db_statements *s, long long arg, const char *what,
		      struct tt_error *err)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		sqlite3_reset(s->st[i]);
		if (sqlite3_bind_parameter_count(s->st[i]) >= 1)
			sqlite3_bind_int64(s->st[i], 1, arg);
		if (sqlite3_step(s->st[i]) != SQLITE_DONE) {
			sqlite3_reset(s->st[i]);
			return db_fail(db, what, err);
		}
		sqlite3_reset(s->st[i]);
	}
	return 0;
}

void db_statements_free(struct db_statements *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		sqlite3_finalize(s->st[i]);
	free(s->st);
	memset(s, 0, sizeof(*s));
}

/* The statements of sql, run once with ?1 = arg and let go. */
static int run_once(sqlite3 *db, const char *sql, long long arg, const char *what,
		    struct tt_error *err)
{
	struct db_statements s;
	int rc;

	if ((rc = db_statements_prepare(db, sql, &s, err)))
		return rc;
	rc = db_statements_run(db, &s, arg, what, err);
	db_statements_free(&s);
	return rc;
}

int db_submissions_added(sqlite3 *db, long long file_id, struct tt_error *err)
{
	return run_once(db, DB_SUBMISSIONS_ADDED_SQL, file_id,
			"could not note the submissions added", err);
}

int db_units_stored(sqlite3 *db, long long file_id, struct tt_error *err)
{
	static const char sql[] =
		DB_STAMP_SQL("code", "0", "(SELECT code FROM unit WHERE file_id = ?1"
			     " UNION SELECT code FROM unit_figures WHERE file_id = ?1) WHERE true") ";"
		"INSERT OR REPLACE INTO meta(key, value) SELECT 'aggregate_all', 'pending'"
		" WHERE EXISTS (SELECT 1 FROM unit WHERE file_id = ?1);"
		"DELETE FROM meta WHERE key = 'receipt_context'"
		" AND EXISTS (SELECT 1 FROM unit WHERE file_id = ?1);";

	return run_once(db, sql, file_id, "could not note the units stored", err);
}

int db_set_meta(sqlite3 *db, const char *key, const char *value, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st,
			     "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)", err)))
		return rc;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, "could not set meta", err);
	sqlite3_finalize(st);
	return rc;
}

static int user_version(sqlite3 *db, int *version, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "PRAGMA user_version", err)))
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return db_fail(db, "could not read the schema version", err);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int migrate(sqlite3 *db, struct tt_error *err)
{
	int version = 0, rc;

	if ((rc = user_version(db, &version, err)))
		return rc;
	if (version == DB_SCHEMA_VERSION)
		return 0;
	if (version > DB_SCHEMA_VERSION)
		return tt_error_set(err, TT_EDB,
				    "database schema %d is newer than this program (%d)",
				    version, DB_SCHEMA_VERSION);
	if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
		return rc;
	/*
	 * Read again under the write lock: another connection (a program that
	 * only reads, opening the database while a run creates it) may have
	 * brought it up to date meanwhile, and a version applied twice fails
	 * ("table meta already exists").
	 */
	if ((rc = user_version(db, &version, err)))
		goto fail;
	if (version == DB_SCHEMA_VERSION)
		return db_exec(db, "COMMIT", err);
	if (version < 1 && (rc = db_exec(db, schema_v1, err)))
		goto fail;
	if (version < 2 && (rc = db_exec(db, schema_v2, err)))
		goto fail;
	if (version < 3 && (rc = db_exec(db, schema_v3, err)))
		goto fail;
	if (version < 4 && (rc = db_exec(db, schema_v4, err)))
		goto fail;
	if (version < 5 && (rc = db_exec(db, schema_v5, err)))
		goto fail;
	if (version < 6 && (rc = db_exec(db, schema_v6, err)))
		goto fail;
	if (version < 7 && (rc = db_exec(db, schema_v7, err)))
		goto fail;
	if (version < 8 && (rc = db_exec(db, schema_v8, err)))
		goto fail;
	if (version < 9 && (rc = db_exec(db, schema_v9, err)))
		goto fail;
	if (version < 10 && (rc = db_exec(db, schema_v10, err)))
		goto fail;
	if (version < 11 && (rc = db_exec(db, schema_v11, err)))
		goto fail;
	if (version < 12 && (rc = db_exec(db, schema_v12, err)))
		goto fail;
	if (version < 13 && (rc = db_exec(db, schema_v13, err)))
		goto fail;
	if (version < 14 && (rc = db_exec(db, schema_v14, err)))
		goto fail;
	if (version < 15 && (rc = db_exec(db, schema_v15, err)))
		goto fail;
	if (version < 16 && (rc = db_exec(db, schema_v16, err)))
		goto fail;
	if (version < 17 && (rc = db_exec(db, schema_v17, err)))
		goto fail;
	if (version < 18 && (rc = db_exec(db, schema_v18, err)))
		goto fail;
	if (version < 19 && (rc = db_exec(db, schema_v19, err)))
		goto fail;
	if (version < 20 && (rc = db_exec(db, schema_v20, err)))
		goto fail;
	if (version < 21 && (rc = db_exec(db, schema_v21, err)))
		goto fail;
	if (version < 22 && (rc = db_exec(db, schema_v22, err)))
		goto fail;
	if (version < 23 && (rc = db_exec(db, schema_v23, err)))
		goto fail;
	if (version < 24 && (rc = db_exec(db, schema_v24, err)))
		goto fail;
	if (version < 25 && (rc = db_exec(db, schema_v25, err)))
		goto fail;
	if (version < 26 && !has_column(db, "index_page", "counts") &&
	    (rc = db_exec(db, schema_v26, err)))
		goto fail;
	if ((rc = db_exec(db, "PRAGMA user_version = 26", err)))
		goto fail;
	return db_exec(db, "COMMIT", err);
fail:
	db_exec(db, "ROLLBACK", NULL);
	return rc;
}

/* ---- the crash and fault hooks (step.h) --------------------------------- */

/* Every commit of the database, a statement's own included, is a durable step. */
static int commit_step(void *db)
{
	step_take("commit", sqlite3_db_filename(db, "main"));
	return 0;
}

/*
 * With TIDTAM_FAULT set, the database is opened through "tidtam-fault", the
 * default file system of SQLite with its writes and syncs of the database
 * and its WAL asking step_fault() first, so that a disk that is full or
 * fails fails SQLite as it fails the rest of tidtam.
 */
struct fault_file {
	sqlite3_file base;
	sqlite3_file *real; /* the default VFS's file, just after this */
	int counted;        /* the database or its WAL or journal */
};

static sqlite3_vfs fault_vfs, *fault_real;

static int fault_close(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xClose(ff->real);
}

static int fault_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xRead(ff->real, buf, n, off);
}

static int fault_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	struct fault_file *ff = (struct fault_file *)f;
	int e = ff->counted ? step_fault(STEP_OP_DB_WRITE) : 0;

	if (e)
		return e == ENOSPC ? SQLITE_FULL : SQLITE_IOERR_WRITE;
	return ff->real->pMethods->xWrite(ff->real, buf, n, off);
}

static int fault_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xTruncate(ff->real, size);
}

static int fault_sync(sqlite3_file *f, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;

	if (ff->counted && step_fault(STEP_OP_DB_FSYNC))
		return SQLITE_IOERR_FSYNC;
	return ff->real->pMethods->xSync(ff->real, flags);
}

static int fault_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xFileSize(ff->real, size);
}

static int fault_lock(sqlite3_file *f, int level)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xLock(ff->real, level);
}

static int fault_unlock(sqlite3_file *f, int level)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xUnlock(ff->real, level);
}

static int fault_check_reserved(sqlite3_file *f, int *out)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xCheckReservedLock(ff->real, out);
}

static int fault_file_control(sqlite3_file *f, int op, void *arg)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xFileControl(ff->real, op, arg);
}

static int fault_sector_size(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xSectorSize(ff->real);
}

static int fault_device(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xDeviceCharacteristics(ff->real);
}

static int fault_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **p)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xShmMap(ff->real, page, size, extend, p);
}

static int fault_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xShmLock(ff->real, offset, n, flags);
}

static void fault_shm_barrier(sqlite3_file *f)
{
	struct fault_file *ff = (struct fault_file *)f;

	ff->real->pMethods->xShmBarrier(ff->real);
}

static int fault_shm_unmap(sqlite3_file *f, int delete_flag)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xShmUnmap(ff->real, delete_flag);
}

static int fault_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xFetch(ff->real, off, n, p);
}

static int fault_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	struct fault_file *ff = (struct fault_file *)f;

	return ff->real->pMethods->xUnfetch(ff->real, off, p);
}

static const sqlite3_io_methods fault_methods = {
	3, fault_close, fault_read, fault_write, fault_truncate, fault_sync,
	fault_file_size, fault_lock, fault_unlock, fault_check_reserved,
	fault_file_control, fault_sector_size, fault_device, fault_shm_map,
	fault_shm_lock, fault_shm_barrier, fault_shm_unmap, fault_fetch, fault_unfetch,
};

static int fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
		      int *out_flags)
{
	struct fault_file *ff = (struct fault_file *)f;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)&ff[1];
	ff->counted = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL |
				SQLITE_OPEN_MAIN_JOURNAL)) != 0;
	rc = fault_real->xOpen(fault_real, name, ff->real, flags, out_flags);
	ff->base.pMethods = ff->real->pMethods ? &fault_methods : NULL;
	return rc;
}

/* The name of the VFS to open the database through: NULL for the default. */
static const char *vfs_name(void)
{
	if (!step_faults_wanted())
		return NULL;
	if (sqlite3_vfs_find("tidtam-fault"))
		return "tidtam-fault";
	if (!(fault_real = sqlite3_vfs_find(NULL)))
		return NULL;
	/* the default's other methods, which see only what is copied here */
	fault_vfs = *fault_real;
	fault_vfs.zName = "tidtam-fault";
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + fault_real->szOsFile;
	fault_vfs.pNext = NULL;
	fault_vfs.xOpen = fault_open;
	if (sqlite3_vfs_register(&fault_vfs, 0))
		return NULL;
	return "tidtam-fault";
}

/*
 * A statement that may stop half way (one whose triggers write, as a
 * submission's insert or status change does) copies each page it changes
 * that existed before it into a statement journal, to undo it alone.
 * SQLite keeps that journal in memory up to 64 KiB and beyond it in a
 * temporary file, which then stays a file for the rest of the transaction:
 * a file of 1,000 submissions wrote 9 pages a submission to it, more than
 * the database and its WAL together.  The journal is kept in memory
 * (STMT_JOURNAL_SPILL -1): a statement of one row needs a few dozen pages,
 * the largest of ours (validate's SUPERSEDE_SQL over every submission
 * checked) a copy of the submission table's pages, 6 MB more at 1 M
 * values.  (A larger threshold than SQLite's but not -1 makes its memory
 * journal allocate in chunks of that size, and SQLite 3.40 failed with
 * "database or disk is full" when such a journal went to a file.)  Set
 * once a process, before SQLite is first used (db_open() is the first use
 * in every program; after it, sqlite3_config() refuses and the default
 * stays).
 */
#define STMT_JOURNAL_SPILL (-1)

static void configure_sqlite(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
}

int db_open(const char *path, sqlite3 **out, struct tt_error *err)
{
	sqlite3 *db = NULL;
	int rc;

	configure_sqlite();
	/* one thread per connection: SQLite's mutexes would only cost (NOMUTEX) */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				       SQLITE_OPEN_NOMUTEX, vfs_name()) != SQLITE_OK) {
		rc = tt_error_set(err, TT_EDB, "could not open database '%s': %s", path,
				  db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 10000);
	if (step_steps_wanted())
		sqlite3_commit_hook(db, commit_step, db);
	if ((rc = db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = NORMAL;", err)) ||
	    (rc = migrate(db, err))) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

int db_open_readonly(const char *path, sqlite3 **out, struct tt_error *err)
{
	sqlite3 *db = NULL;
	int version = 0, rc;

	if (access(path, F_OK))
		return tt_error_set(err, TT_ENOTFOUND, "no database '%s': nothing has run yet",
				    path);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = tt_error_set(err, TT_EDB, "could not open database '%s': %s", path,
				  db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_busy_timeout(db, 10000);
	if ((rc = user_version(db, &version, err))) {
		sqlite3_close(db);
		return rc;
	}
	if (version > DB_SCHEMA_VERSION) {
		sqlite3_close(db);
		return tt_error_set(err, TT_EDB, "database '%s' is of schema version %d, newer"
				    " than this program's %d", path, version, DB_SCHEMA_VERSION);
	}
	if (version < DB_SCHEMA_VERSION) {
		/* an older file is left as it is: read through a migrated copy */
		sqlite3_close(db);
		return db_open_copy(path, out, err);
	}
	*out = db;
	return 0;
}

int db_open_copy(const char *path, sqlite3 **out, struct tt_error *err)
{
	sqlite3 *mem = NULL, *disk = NULL;
	sqlite3_backup *b;
	int rc;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
		sqlite3_close(mem);
		return tt_error_set(err, TT_EDB, "could not open a database in memory");
	}
	if (sqlite3_open_v2(path, &disk, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_busy_timeout(disk, 10000) == SQLITE_OK &&
	    (b = sqlite3_backup_init(mem, "main", disk, "main"))) {
		sqlite3_backup_step(b, -1);
		if (sqlite3_backup_finish(b) != SQLITE_OK) {
			rc = db_fail(mem, "could not copy the database", err);
			sqlite3_close(disk);
			sqlite3_close(mem);
			return rc;
		}
	}
	sqlite3_close(disk);
	if ((rc = db_exec(mem, "PRAGMA foreign_keys = ON", err)) || (rc = migrate(mem, err))) {
		sqlite3_close(mem);
		return rc;
	}
	*out = mem;
	return 0;
}

int db_check(sqlite3 *db, struct tt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_prepare(db, &st, "PRAGMA quick_check(1)", err)))
		return rc;
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		if (strcmp(db_column_text(st, 0), "ok")) {
			/* "*** in database main ***\nPage 142: …": one line */
			const char *what = db_column_text(st, 0), *nl = strchr(what, '\n');
			struct strbuf line;
			size_t i;

			strbuf_init(&line);
			strbuf_addstr(&line, nl && !strncmp(what, "***", 3) ? nl + 1 : what);
			for (i = 0; i < line.len; i++)
				if (line.buf[i] == '\n')
					line.buf[i] = ' ';
			rc = tt_error_set(err, TT_EDB, "the database '%s' is damaged (%s) and was"
					  " left as it is: restore it from a backup, or move it"
					  " aside and run again to build it anew from input/"
					  " (approvals are then lost)",
					  sqlite3_db_filename(db, "main"), line.buf);
			strbuf_release(&line);
		}
		break;
	default:
		rc = db_fail(db, "could not check the database", err);
		break;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * The identity of the file at path as the stamp holds it: device, inode,
 * size, and the times of its last change of content and of inode, in ns.
 */
static int file_identity(const char *path, struct strbuf *sb)
{
	struct stat st;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return -1;
	strbuf_addf(sb, "tidtam-db-whole 1 %llu %llu %lld %lld.%09ld %lld.%09ld\n",
		    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
		    (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		    (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
	return 0;
}

/* The stamp's path (DB_WHOLE_SUFFIX) or the log's ("-wal") beside path. */
static void beside(const char *path, const char *suffix, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, path);
	strbuf_addstr(sb, suffix);
}

int db_left_whole(const char *path)
{
	struct strbuf side, now;
	struct tt_error err;
	struct stat st;
	char *kept = NULL;
	size_t len = 0;
	int same = 0;

	tt_error_clear(&err);
	strbuf_init(&side);
	strbuf_init(&now);
	/* a log with frames in it: written since, by a run that did not end */
	beside(path, "-wal", &side);
	if (!stat(side.buf, &st) && st.st_size > 0)
		goto out;
	beside(path, DB_WHOLE_SUFFIX, &side);
	if (file_identity(path, &now) ||
	    tt_read_file_max(side.buf, 256, "stamp", &kept, &len, &err))
		goto out;
	same = len == now.len && !memcmp(kept, now.buf, len);
out:
	free(kept);
	strbuf_release(&side);
	strbuf_release(&now);
	return same;
}

void db_note_whole(const char *path, int whole)
{
	struct strbuf side, now;
	struct stat st;
	int fd;

	strbuf_init(&side);
	strbuf_init(&now);
	beside(path, "-wal", &side);
	/* only a file no connection holds frames for: its own bytes are all */
	if (whole && (stat(side.buf, &st) || st.st_size == 0) && !file_identity(path, &now)) {
		beside(path, DB_WHOLE_SUFFIX, &side);
		fd = open(side.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		/* written short, it matches nothing: the next run checks */
		whole = fd >= 0 && write(fd, now.buf, now.len) == (ssize_t)now.len;
		whole = (fd < 0 || !close(fd)) && whole;
	} else {
		whole = 0;
	}
	if (!whole) {
		beside(path, DB_WHOLE_SUFFIX, &side);
		unlink(side.buf);
	}
	strbuf_release(&side);
	strbuf_release(&now);
}

void db_close(sqlite3 *db)
{
	if (db)
		sqlite3_close(db);
}

struct framework *db_load_framework(sqlite3 *db, int fy, struct tt_error *err)
{
	struct framework *fw = NULL;
	sqlite3_stmt *st;
	char name[64];

	if (db_prepare(db, &st,
		       "SELECT xml FROM framework WHERE fiscal_year = ?1"
		       " ORDER BY file_id DESC LIMIT 1", err))
		return NULL;
	sqlite3_bind_int(st, 1, fy);
	snprintf(name, sizeof(name), "framework %d", fy);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		fw = framework_parse(sqlite3_column_blob(st, 0),
				     (size_t)sqlite3_column_bytes(st, 0), name, NULL, err);
		break;
	case SQLITE_DONE:
		tt_error_set(err, TT_ENOTFOUND, "no framework for fiscal year %d", fy);
		break;
	default: /* busy, locked, corrupt: the system's fault, not "none" */
		db_fail(db, "could not read a framework", err);
		break;
	}
	sqlite3_finalize(st);
	return fw;
}
