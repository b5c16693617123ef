#!/bin/sh
# Schema 20: the value table holds no REFERENCES to submission (a lookup
# for each value stored).  A database an earlier version left (schema 19,
# the table with its REFERENCES) is brought up to date by the next run:
# every value as it was, its index there and used, and the runs after it
# end as they would have.  No value is ever without its submission, after
# a first run and after a file changed.  Two offices of different shapes:
# the demo, and office2 (networks, 6-digit codes, Windows-874 sheets).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

q() { sqlite3 "$1/tidtam.db" "$2"; }
values() { q "$1" "SELECT * FROM value ORDER BY id"; }
results() {
	q "$1" "SELECT * FROM submission ORDER BY id"
	q "$1" "SELECT * FROM issue ORDER BY id"
	q "$1" "SELECT * FROM result ORDER BY unit_code, fiscal_year, round, indicator"
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
PRAGMA user_version = 19;
COMMIT;'

for office in demo office2; do
	[ $office = demo ] && src=$TOP/input || src=$TOP/tests/data/office2/input
	mkdir $office && cd $office || exit 3
	cp -r "$src" in
	stages in now
	check "$office: the stages ran" [ $? -le 1 ]
	check "$office: schema 20" [ "$(q now 'PRAGMA user_version')" = 20 ]
	check "$office: value refers to no table" [ -z "$(q now 'PRAGMA foreign_key_list(value)')" ]
	n=$(q now "SELECT COUNT(*) FROM value")
	check "$office: values stored ($n)" [ "$n" -gt 1000 ]
	check "$office: each value with its submission" [ "$(orphans now)" = 0 ]

	# the same run's database as schema 19 left it, opened by this version
	cp -r now old
	q old "$v19"
	check "$office: made as schema 19" [ -n "$(q old 'PRAGMA foreign_key_list(value)')" ]
	values now >now-values.txt
	stages in old
	check "$office: a run over schema 19 (exit $?)" [ $? -le 1 ]
	check "$office: brought to schema 20" [ "$(q old 'PRAGMA user_version')" = 20 ]
	check "$office: its value table without REFERENCES" \
		[ -z "$(q old 'PRAGMA foreign_key_list(value)')" ]
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
	# (the first not in UTF-16, whose last line a byte-wise cut would split)
	f=$(find in/submissions -name '*.csv' | sort | while read -r c; do
		case $(head -c 2 "$c" | od -An -tx1 | tr -d ' ') in
		fffe|feff) ;;
		*) echo "$c"; break ;;
		esac
	done)
	sed '$d' "$f" >"$f.new" && mv "$f.new" "$f"
	before=$(q old "SELECT COUNT(*) FROM submission")
	stages in old
	check "$office: a run after a file changed (exit $?)" [ $? -le 1 ]
	check "$office: new submissions stored" \
		[ "$(q old "SELECT COUNT(*) FROM submission")" -gt "$before" ]
	check "$office: still each value with its submission" [ "$(orphans old)" = 0 ]
	check "$office: no database error" sh -c '! grep -qi "database" err.txt'
	cd .. || exit 3
done

done_testing
