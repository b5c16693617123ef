#!/bin/sh
# Schema 20: the value table holds no REFERENCES to submission (a lookup
# for each value stored).  Schemas 21 and 23: a submission added, or its
# status changed, fires no trigger; ingest stamps its units, marks them
# for aggregation and its file's receipt stale once for the file, and
# validate once for the statuses it sets.  Schema 24: nor does a unit
# stored; its unit list stamps them and calls for every result.  Schema 22: a receipt counts the values
# of a submission after the last one with a blank value (stored by an
# older version) by their index entries.  A database an earlier version
# left (schema 19: the table with its REFERENCES, the ten triggers, a
# blank value) is brought up to date by the next run: every value as it
# was, its index there and used, the runs after it end as they would
# have, the receipt of the file with the blank value says what it said.
# A file changed then stamps its units and is aggregated as when every
# unit is made again.  No value is ever without its submission.  Two
# offices of different shapes: the demo, and office2 (networks, 6-digit
# codes, Windows-874 sheets).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

q() { sqlite3 "$1/tidtam.db" "$2"; }
SCHEMA=$(sed -n 's/^#define DB_SCHEMA_VERSION //p' "$TOP/include/tidtam/db.h")
values() { q "$1" "SELECT * FROM value WHERE id <= $last ORDER BY id"; }
aggregated() {
	q "$1" "SELECT * FROM result ORDER BY unit_code, fiscal_year, round, indicator"
	q "$1" "SELECT * FROM completeness ORDER BY unit_code, fiscal_year, round"
	q "$1" "SELECT * FROM area_result ORDER BY unit_code, fiscal_year, round, policy_area"
}
results() {
	q "$1" "SELECT * FROM submission ORDER BY id"
	q "$1" "SELECT * FROM issue ORDER BY id"
	aggregated "$1"
}
# the triggers on a submission added or its status changed, a unit or its
# school columns added (schemas 21, 23, 24)
triggers() {
	q "$1" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND (name IN
		('stamp_submission_new', 'submission_added', 'receipt_of_submission_new',
		'stamp_submission_status', 'stamp_unit_new', 'unit_added', 'receipt_of_units_new',
		'stamp_figures_new')
		OR (tbl_name = 'submission' AND sql LIKE '%UPDATE OF%status%'))"
}
# unstamped ROWS STAMP: how many of the submissions ROWS ("FROM submission
# s WHERE ...") have their unit and year stamped no later than STAMP;
# unpending ROWS: how many have theirs not pending aggregation (in old)
unstamped() {
	q old "SELECT COUNT(*) $1 AND NOT EXISTS (SELECT 1 FROM change_stamp c
		WHERE c.unit_code = s.unit_code AND c.fiscal_year = COALESCE(s.fiscal_year, 0)
		AND c.stamp > $2)"
}
unpending() {
	q old "SELECT COUNT(*) $1 AND NOT EXISTS (SELECT 1 FROM aggregate_pending p
		WHERE p.unit_code = s.unit_code AND p.fiscal_year = s.fiscal_year)"
}
orphans() {
	q "$1" "SELECT COUNT(*) FROM value WHERE submission_id NOT IN (SELECT id FROM submission)"
}
stages() { # stages IN OUT: the worst exit of the three
	worst=0
	tidtam ingest -q -s 0 -i "$1" -o "$2" -t "$TOP/templates" 2>>err.txt || worst=$?
	tidtam validate -q -j 1 -o "$2" 2>>err.txt || worst=$((worst > $? ? worst : $?))
	tidtam aggregate -q -o "$2" 2>>err.txt || worst=$((worst > $? ? worst : $?))
	return $worst
}
# the value table as schema 19 made it (v1's columns, v14's two after)
v19='BEGIN;
CREATE TABLE value_old(
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submission(id),
  indicator TEXT NOT NULL,
  value TEXT, numerator TEXT, denominator TEXT, note TEXT,
  number REAL,
  row INTEGER NOT NULL, col TEXT NOT NULL, indicator_col TEXT,
  col_label INTEGER, indicator_col_label INTEGER);
INSERT INTO value_old SELECT * FROM value;
DROP TABLE value;
ALTER TABLE value_old RENAME TO value;
CREATE INDEX value_submission ON value(submission_id);
CREATE TRIGGER stamp_submission_new AFTER INSERT ON submission BEGIN
  INSERT INTO change_stamp(unit_code, fiscal_year, stamp) SELECT NEW.unit_code,
  COALESCE(NEW.fiscal_year, 0), (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp)
  WHERE NEW.unit_code IS NOT NULL
  ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp; END;
CREATE TRIGGER submission_added AFTER INSERT ON submission
  WHEN NEW.fiscal_year IS NOT NULL BEGIN
  INSERT OR IGNORE INTO aggregate_pending VALUES(NEW.fiscal_year, NEW.unit_code);
END;
CREATE TRIGGER receipt_of_submission_new AFTER INSERT ON submission
  BEGIN UPDATE file SET receipt_stale = 1 WHERE id = NEW.file_id AND receipt_stale = 0; END;
CREATE TRIGGER stamp_submission_status AFTER UPDATE OF status ON submission
  WHEN OLD.status IS NOT NEW.status BEGIN
  INSERT INTO change_stamp(unit_code, fiscal_year, stamp) SELECT NEW.unit_code,
  COALESCE(NEW.fiscal_year, 0), (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp)
  WHERE NEW.unit_code IS NOT NULL
  ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp; END;
DROP TRIGGER submission_changed;
CREATE TRIGGER submission_changed
  AFTER UPDATE OF status, unit_code, fiscal_year, round, submitted_on ON submission
  WHEN OLD.status IS NOT NEW.status OR OLD.unit_code IS NOT NEW.unit_code
    OR OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.round IS NOT NEW.round
    OR OLD.submitted_on IS NOT NEW.submitted_on BEGIN
  INSERT OR IGNORE INTO aggregate_pending
    SELECT OLD.fiscal_year, OLD.unit_code WHERE OLD.fiscal_year IS NOT NULL;
  INSERT OR IGNORE INTO aggregate_pending
    SELECT NEW.fiscal_year, NEW.unit_code WHERE NEW.fiscal_year IS NOT NULL;
END;
DROP TRIGGER receipt_of_submission;
CREATE TRIGGER receipt_of_submission AFTER UPDATE OF file_id, unit_code,
  fiscal_year_text, round_text, fiscal_year, round, submitted_on, first_row, status
  ON submission BEGIN UPDATE file SET receipt_stale = 1 WHERE id IN (OLD.file_id, NEW.file_id)
  AND receipt_stale = 0; END;
CREATE TRIGGER stamp_unit_new AFTER INSERT ON unit BEGIN
  INSERT INTO change_stamp(unit_code, fiscal_year, stamp) SELECT NEW.code, 0,
  (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp) WHERE NEW.code IS NOT NULL
  ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp; END;
CREATE TRIGGER unit_added AFTER INSERT ON unit BEGIN
  INSERT OR REPLACE INTO meta(key, value) VALUES('"'"'aggregate_all'"'"', '"'"'pending'"'"');
END;
CREATE TRIGGER receipt_of_units_new AFTER INSERT ON unit
  BEGIN DELETE FROM meta WHERE key = '"'"'receipt_context'"'"'; END;
CREATE TRIGGER stamp_figures_new AFTER INSERT ON unit_figures BEGIN
  INSERT INTO change_stamp(unit_code, fiscal_year, stamp) SELECT NEW.code, 0,
  (SELECT COALESCE(MAX(stamp), 0) + 1 FROM change_stamp) WHERE NEW.code IS NOT NULL
  ON CONFLICT(unit_code, fiscal_year) DO UPDATE SET stamp = excluded.stamp; END;
PRAGMA user_version = 19;
COMMIT;'

for office in demo office2; do
	[ $office = demo ] && src=$TOP/input || src=$TOP/tests/data/office2/input
	mkdir $office && cd $office || exit 3
	cp -r "$src" in
	stages in now
	check "$office: the stages ran" [ $? -le 1 ]
	check "$office: schema $SCHEMA" [ "$(q now 'PRAGMA user_version')" = "$SCHEMA" ]
	check "$office: no blank value, none before" \
		[ "$(q now "SELECT value FROM meta WHERE key = 'values_given_after'")" = 0 ]
	check "$office: value refers to no table" [ -z "$(q now 'PRAGMA foreign_key_list(value)')" ]
	check "$office: no trigger on a submission added or its status changed" \
		[ "$(triggers now)" = 0 ]
	# ingest alone: the units stored are stamped and call for every result
	tidtam ingest -q -s 0 -i in -o first -t "$TOP/templates" 2>>err.txt
	check "$office: each unit stored stamped" [ "$(q first "SELECT COUNT(*) FROM unit u
		WHERE NOT EXISTS (SELECT 1 FROM change_stamp c WHERE c.unit_code = u.code
		AND c.fiscal_year = 0)")" = 0 ]
	check "$office: every result to be made" \
		[ "$(q first "SELECT value FROM meta WHERE key = 'aggregate_all'")" = pending ]
	n=$(q now "SELECT COUNT(*) FROM value")
	check "$office: values stored ($n)" [ "$n" -gt 1000 ]
	check "$office: each value with its submission" [ "$(orphans now)" = 0 ]

	# (the first CSV not in UTF-16, whose last line a byte-wise cut would split)
	f=$(find in/submissions -name '*.csv' | sort | while read -r c; do
		case $(head -c 2 "$c" | od -An -tx1 | tr -d ' ') in
		fffe|feff) ;;
		*) echo "$c"; break ;;
		esac
	done)
	fid=$(q now "SELECT id FROM file WHERE path = '${f#in/}' ORDER BY id DESC LIMIT 1")
	sid=$(q now "SELECT MIN(id) FROM submission WHERE file_id = $fid")
	json=$(q now "SELECT substr(receipt, 1, length(receipt) - 3) || 'json' FROM file WHERE id = $fid")
	check "$office: $f has a submission" [ -n "$sid" ]
	check "$office: and a receipt" [ -s "now/$json" ]
	last=$(q now "SELECT MAX(id) FROM value")

	# the same run's database as schema 19 left it, with a value an older
	# version stored blank, opened by this version
	cp -r now old
	q old "$v19"
	q old "INSERT INTO value(submission_id, indicator, value, row, col)
		VALUES($sid, 'BLANK', ' ', 1, 'Z'); UPDATE file SET receipt_stale = 1 WHERE id = $fid;
		DELETE FROM meta WHERE key = 'values_given_after'"
	check "$office: made as schema 19" [ -n "$(q old 'PRAGMA foreign_key_list(value)')" ]
	check "$office: with its triggers" [ "$(triggers old)" = 10 ]
	values now >now-values.txt
	stages in old
	check "$office: a run over schema 19 (exit $?)" [ $? -le 1 ]
	check "$office: brought to schema $SCHEMA" [ "$(q old 'PRAGMA user_version')" = "$SCHEMA" ]
	check "$office: the blank value's submission the last with one" \
		[ "$(q old "SELECT value FROM meta WHERE key = 'values_given_after'")" = "$sid" ]
	check "$office: its file's receipt made again, its values counted as before" \
		cmp -s "now/$json" "old/$json"
	check "$office: its value table without REFERENCES" \
		[ -z "$(q old 'PRAGMA foreign_key_list(value)')" ]
	check "$office: its triggers on a submission added or its status changed gone" \
		[ "$(triggers old)" = 0 ]
	values old >old-values.txt
	check "$office: every value as it was" cmp -s now-values.txt old-values.txt
	q old "EXPLAIN QUERY PLAN SELECT id FROM value WHERE submission_id = 1" >plan.txt
	check "$office: a submission's values read through value_submission" \
		grep -q "USING COVERING INDEX value_submission" plan.txt
	results now >now-results.txt
	results old >old-results.txt
	check "$office: submissions, issues and results as they were" \
		cmp -s now-results.txt old-results.txt

	# a file sent again with a row less: its values go in anew, each
	# under a submission of its own
	sed '$d' "$f" >"$f.new" && mv "$f.new" "$f"
	before=$(q old "SELECT COUNT(*) FROM submission")
	stamp=$(q old "SELECT MAX(stamp) FROM change_stamp")
	# ingest alone: what a submission added changes, before validate
	# changes their statuses (whose triggers stamp and mark them too)
	tidtam ingest -q -s 0 -i in -o old -t "$TOP/templates" 2>>err.txt
	check "$office: ingest after a file changed (exit $?)" [ $? -le 1 ]
	new="FROM submission s WHERE s.id > $before"
	check "$office: new submissions stored" [ "$(q old "SELECT COUNT(*) $new")" -gt 0 ]
	check "$office: each unit and year of the new submissions stamped anew" \
		[ "$(unstamped "$new" "$stamp")" = 0 ]
	check "$office: each unit and year of them pending aggregation" \
		[ "$(unpending "$new")" = 0 ]
	check "$office: their file's receipt to be made" \
		[ "$(q old "SELECT COUNT(DISTINCT f.id) FROM file f JOIN submission s
			ON s.file_id = f.id WHERE s.id > $before AND f.receipt_stale = 1")" = 1 ]
	# validate alone, what ingest marked let go: the statuses it sets stamp
	# their units again, mark them for aggregation and their receipts
	stamp=$(q old "SELECT MAX(stamp) FROM change_stamp")
	q old "DELETE FROM aggregate_pending; UPDATE file SET receipt_stale = 0"
	tidtam validate -q -j 1 -o old 2>>err.txt
	check "$office: validate after a file changed (exit $?)" [ $? -le 1 ]
	check "$office: its statuses set" [ "$(q old "SELECT COUNT(*) $new AND status = 'new'")" = 0 ]
	check "$office: each unit and year of them stamped by validate" \
		[ "$(unstamped "$new" "$stamp")" = 0 ]
	check "$office: and pending aggregation again" [ "$(unpending "$new")" = 0 ]
	check "$office: their file's receipt made" \
		[ -f "old/$(q old "SELECT f.receipt FROM file f JOIN submission s ON s.file_id = f.id
			WHERE s.id > $before LIMIT 1")" ]
	stages in old
	check "$office: a run after a file changed (exit $?)" [ $? -le 1 ]
	check "$office: still each value with its submission" [ "$(orphans old)" = 0 ]
	check "$office: nothing left pending aggregation" \
		[ "$(q old "SELECT COUNT(*) FROM aggregate_pending")" = 0 ]
	# the same database aggregated whole
	cp -r old whole
	q whole "INSERT OR REPLACE INTO meta(key, value) VALUES('aggregate_all', 'pending')"
	tidtam aggregate -q -o whole 2>>err.txt
	aggregated old >old-aggregated.txt
	aggregated whole >whole-aggregated.txt
	check "$office: aggregated as when every unit is made again" \
		cmp -s old-aggregated.txt whole-aggregated.txt
	check "$office: no database error" sh -c '! grep -qi "database" err.txt'
	cd .. || exit 3
done

done_testing
