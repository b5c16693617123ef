#!/bin/sh
# A cycle of parents planted straight into a run's unit table (sqlite3),
# past the unit lists that refuse one: aggregate still counts each value
# once (2026-12-03: "a school that sent 5 shows 40, 8 of 8 reporting"), says
# how many units sit on the cycle, and render ends (its office tree took a
# unit once per turn of the cycle, for ever).  The demo: office 3101 and a
# new office X1 each the other's parent; every result of the schools'
# indicators is as before the plant, and X1's are 3101's.  Office2: SPM35
# its own parent; every result and completeness row is as before.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
# school_rows DB: the results of the schools' indicators (from the
# framework XML), a line each
school_rows() {
	sqlite3 "$1" "SELECT xml FROM framework" | python3 -c "import re, sys
print('\n'.join(sorted(set(m.group(1) for m in re.finditer(
    r'<indicator\s[^>]*?code=\"([^\"]+)\"(?![^>]*submitter=\"office\")[^>]*>', sys.stdin.read())))))" \
		>school-indicators.txt
	sqlite3 "$1" "SELECT unit_code, indicator, round, value, to_date, numerator, denominator,
		reporting, expected FROM result ORDER BY unit_code, indicator, round" |
		awk -F'|' 'NR == FNR { ind[$1] = 1; next } ind[$2]' school-indicators.txt -
}

demo_run
db=output/tidtam.db
school_rows $db >before.txt
check "demo: results of the schools' indicators to compare" [ "$(wc -l <before.txt)" -gt 1000 ]
sqlite3 $db "INSERT INTO unit(code, name, kind, parent, file_id, row) SELECT 'X1',
	'สำนักงานปลูก', 'office', '3101', file_id, 9999 FROM unit WHERE code = '3101';
	UPDATE unit SET parent = 'X1' WHERE code = '3101'" || exit 3
tidtam aggregate -q 2>err.txt
check "demo: aggregate exits 0 with the cycle ($?)" [ $? -eq 0 ]
check "demo: aggregate says 2 units sit on a cycle" \
	grep -q "unit table has 2 units on a cycle of parents: each value counted once" err.txt
school_rows $db >after.txt
grep -v '^X1|' after.txt >after-without-x1.txt
check "demo: every result of every other unit is as before" cmp -s before.txt after-without-x1.txt
grep '^3101|' before.txt | sed 's/^3101|/X1|/' >x1-expected.txt
grep '^X1|' after.txt >x1.txt
check "demo: X1, above 3101 and under it, has 3101's results" cmp -s x1-expected.txt x1.txt
check "demo: no unit reports more schools than the office has" [ "$(sqlite3 $db "SELECT
	MAX(reporting) <= (SELECT COUNT(*) FROM unit WHERE kind = 'school') FROM result")" -eq 1 ]
timeout 900 tidtam render -q -t "$TOP/templates" >/dev/null 2>render.txt
check "demo: render ends with the cycle ($?)" [ $? -eq 0 ]

run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
db=output/tidtam.db
sqlite3 $db "SELECT * FROM result ORDER BY 1, 2, 3, 4" >before.txt
sqlite3 $db "SELECT * FROM completeness ORDER BY 1, 2, 3" >>before.txt
check "office2: results to compare" [ "$(wc -l <before.txt)" -gt 500 ]
sqlite3 $db "UPDATE unit SET parent = 'SPM35' WHERE code = 'SPM35'" || exit 3
tidtam aggregate -q 2>err.txt
check "office2: aggregate exits 0 with the cycle ($?)" [ $? -eq 0 ]
check "office2: aggregate says 1 unit sits on a cycle" \
	grep -q "unit table has 1 unit on a cycle of parents" err.txt
sqlite3 $db "SELECT * FROM result ORDER BY 1, 2, 3, 4" >after.txt
sqlite3 $db "SELECT * FROM completeness ORDER BY 1, 2, 3" >>after.txt
check "office2: every result and completeness row is as before" cmp -s before.txt after.txt
timeout 900 tidtam render -q -t "$TOP/templates" >/dev/null 2>render.txt
check "office2: render ends with the cycle ($?)" [ $? -eq 0 ]
done_testing
