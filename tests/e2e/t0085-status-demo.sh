#!/bin/sh
# tidtam status on the demo office: for every round of 2567 the counts of
# `status --json` equal the completeness table and the office's row of the
# validation report, and the schools missing, rejected and held equal what
# tests/tools/check-status.py works out from the database's tables by
# another route.  A school that sent nothing for the 6-month round sends a
# file that is rejected: it moves from missing to rejected, in the JSON and
# in the terminal's list, with its Thai name.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1728000000   # 2024-10-04
db=output/tidtam.db
q() { sqlite3 $db "$1"; }
demo_run

# a school with nothing for the 6-month round, found from the tables
school=$(q "SELECT u.code FROM unit u WHERE u.kind = 'school' AND NOT EXISTS (SELECT 1
	FROM submission s WHERE s.unit_code = u.code AND s.fiscal_year = 2567 AND s.round = 6)
	ORDER BY u.code LIMIT 1")
name=$(q "SELECT name FROM unit WHERE code = '$school'")
check "the demo leaves a school missing at 6 months" [ -n "$school" ]
tidtam status --fy 2567 --round 6 >before.txt
check "before: the school is listed missing with its name" \
	grep -q "^    $school *$name\$" before.txt
# its first file: a value that is not a number (E-TYPE), sent on time
printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,SAFE03,2567,6,abc,2024-04-10\n' \
	"$school" >input/late-school.csv
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "the file is rejected" [ "$(q "SELECT s.status FROM submission s JOIN file f
	ON f.id = s.file_id WHERE f.path = 'late-school.csv'")" = rejected ]

tidtam status --json >status.json
check "status --json exits 0" [ $? -eq 0 ]
python3 "$TOP/tests/tools/check-status.py" $db status.json output/reports >cmp.txt
check "check-status.py compared the 4 rounds (37 comparisons)" [ "$(grep -c '^ok' cmp.txt)" -eq 37 ]
while read -r verdict what; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$what"; fi
done <cmp.txt
check "the JSON is valid UTF-8 JSON" python3 -c "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))" status.json
check "the planted school is rejected at 6 months, not missing" python3 - status.json "$school" <<'PY'
import json, sys
r = [r for r in json.load(open(sys.argv[1]))["rounds"] if r["round"] == 6][0]
sys.exit(not (sys.argv[2] in [u["code"] for u in r["rejected_units"]]
              and sys.argv[2] not in [u["code"] for u in r["missing_units"]]
              and r["rejected"] == 1))
PY

# the terminal: the counts, then each missing and rejected school by code and name
tidtam status --fy 2567 --round 6 >term.txt
check "status exits 0" [ $? -eq 0 ]
check "one round shown" [ "$(grep -c '^2567 round' term.txt)" -eq 1 ]
check "the table of counts" grep -q 'expected received  on time     late  missing accepted rejected     held' term.txt
row=$(q "SELECT printf('%8d %8d %8d %8d %8d %8d %8d %8d', expected, received, on_time, late,
	missing, accepted, 1, 0) FROM completeness WHERE fiscal_year = 2567 AND round = 6 AND unit_code = '3101'")
check "the counts as completeness: $row" grep -qF "  $row" term.txt
check "the rejected school with its name and date" \
	grep -q "^    $school *$name (sent 2024-04-10)\$" term.txt
check "under 'rejected (1):'" sh -c "grep -A1 '^  rejected (1):' term.txt | grep -q '$school'"
missing=$(q "SELECT missing FROM completeness WHERE fiscal_year = 2567 AND round = 6 AND unit_code = '3101'")
check "'missing ($missing):' heads the list" grep -q "^  missing ($missing):" term.txt
for code in $(python3 -c "import json,sys; [print(u['code']) for r in json.load(open(sys.argv[1]))['rounds'] if r['round'] == 6 for u in r['missing_units']]" status.json); do
	n=$(q "SELECT name FROM unit WHERE code = '$code'")
	check "missing school $code listed with its name" grep -q "^    $code *$n\$" term.txt
done
check "every text is valid UTF-8" python3 -c "import sys; [open(f, encoding='utf-8').read() for f in sys.argv[1:]]" term.txt status.json
done_testing
