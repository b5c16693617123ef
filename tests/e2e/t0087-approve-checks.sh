#!/bin/sh
# The checks before an approval, on both test offices: approve refuses
# (exit 1) a year with no framework, a round the framework does not have
# and a round with no accepted data; it lists the schools still missing or
# rejected (as computed here from the tables) and refuses unless --force,
# which is recorded (forced, and how many were missing and rejected) and
# shown by tidtam status; a complete round is approved without --force and
# not marked forced; reopening a round that is not approved says so.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1746057600   # 2025-05-01
office2_run
db=output/tidtam.db
q() { sqlite3 $db "$1"; }
nr_approvals() { q "SELECT COUNT(*) FROM approval"; }

tidtam approve --fy 2590 --round 6 --by "ก" >out.txt 2>err.txt
check "office2: a year with no framework: exit 1" [ $? -eq 1 ]
check "  saying so" grep -q "fiscal year 2590 has no framework" err.txt
tidtam approve --fy 2567 --round 9 --by "ก" >out.txt 2>err.txt
check "office2: a round the framework lacks: exit 1" [ $? -eq 1 ]
check "  naming the framework's rounds" grep -q "the framework of 2567 has no 9-month round (its rounds: 6, 12)" err.txt
check "  nothing recorded" [ "$(nr_approvals)" -eq 0 ]

# 2567, 6 months: schools missing (computed from the tables)
missing=$(q "SELECT u.code FROM unit u WHERE u.kind IN ('school', 'office') AND NOT EXISTS
	(SELECT 1 FROM submission s WHERE s.unit_code = u.code AND s.fiscal_year = 2567
	AND s.round = 6) ORDER BY u.kind = 'school', u.code")
n=$(echo "$missing" | grep -c .)
check "office2 2567 6m leaves schools missing" [ "$n" -gt 0 ]
tidtam approve --fy 2567 --round 6 --by "นายสมชาย ใจดี" >out.txt 2>err.txt
check "missing schools without --force: exit 1" [ $? -eq 1 ]
check "  refusal says how many and how to force" \
	grep -q "the 6-month round of 2567 is not approved: $n units missing and 0 rejected (listed above); --force" err.txt
check "  the list is the schools missing" \
	[ "$(awk '$1 == "missing" { print $2 }' out.txt)" = "$(echo "$missing")" ]
for code in $missing; do
	name=$(q "SELECT name FROM unit WHERE code = '$code'")
	check "  $code listed with its name" grep -q "^  missing  $code *$name\$" out.txt
done
check "  nothing recorded" [ "$(nr_approvals)" -eq 0 ]
tidtam approve --fy 2567 --round 6 --by "นายสมชาย ใจดี" --force >out.txt 2>err.txt
check "with --force: exit 0" [ $? -eq 0 ]
check "  says it was forced" grep -q "approved by นายสมชาย ใจดี on 2025-05-01, forced ($n units missing, 0 rejected)" out.txt
check "  recorded as forced with the counts" \
	[ "$(q "SELECT forced || '|' || missing || '|' || rejected FROM approval")" = "1|$n|0" ]
tidtam status --fy 2567 --round 6 >st.txt
check "status shows it approved and forced" \
	grep -q "approved by นายสมชาย ใจดี on 2025-05-01 (forced: $n missing, 0 rejected then)" st.txt
tidtam status --fy 2567 --json >st.json
check "status --json: approval of 6m forced, 12m none" python3 - st.json "$n" <<'PY'
import json, sys
r = {x["round"]: x for x in json.load(open(sys.argv[1]))["rounds"]}
a = r[6]["approval"]
sys.exit(not (a == {"by": "นายสมชาย ใจดี", "at": "2025-05-01", "forced": True,
                    "missing": int(sys.argv[2]), "rejected": 0} and r[12]["approval"] is None))
PY
tidtam approve --fy 2567 --round 6 --by "x" --force >out.txt 2>err.txt
check "approving twice is refused, saying by whom" [ $? -eq 1 ]
check "  " grep -q "already approved (by นายสมชาย ใจดี on 2025-05-01)" err.txt

# 2568, 6 months made complete: its one missing school sends an accepted file
office2_complete_2568_6m
# and a school missing at 2567's approved 6-month round sends its data: held
held=$(echo "$missing" | grep -v SPM35 | head -1)
printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,M101,2567,6,120,2024-06-01\n' \
	"$held" >input/submissions/2567/held.csv
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "the file for the approved round is held" [ "$(q "SELECT s.status FROM submission s
	JOIN file f ON f.id = s.file_id WHERE f.path = 'submissions/2567/held.csv'")" = held ]
tidtam status --json >st.json
python3 "$TOP/tests/tools/check-status.py" $db st.json output/reports >cmp.txt
check "status equals the tables, held included (37 comparisons)" [ "$(grep -c '^ok' cmp.txt)" -eq 37 ]
grep '^not' cmp.txt | while read -r verdict what; do not_ok "$what"; done
check "  $held is held at 2567 6m, not missing" python3 - st.json "$held" <<'PY'
import json, sys
r = [r for r in json.load(open(sys.argv[1]))["rounds"] if (r["fiscal_year"], r["round"]) == (2567, 6)][0]
sys.exit(not ([u["code"] for u in r["held_units"]] == [sys.argv[2]] and r["held"] == 1
              and sys.argv[2] not in [u["code"] for u in r["missing_units"]]))
PY
tidtam status --fy 2567 --round 6 >st.txt
check "  the terminal lists it under held" sh -c "grep -A1 '^  held (1):' st.txt | grep -q '^    $held '"
tidtam approve --fy 2568 --round 6 --by "นายสมชาย ใจดี" >out.txt 2>err.txt
check "a complete round is approved without --force" [ $? -eq 0 ]
check "  nothing listed" [ "$(grep -c '^  missing\|^  rejected' out.txt)" -eq 0 ]
check "  not forced" [ "$(q "SELECT forced || '|' || missing || '|' || rejected FROM approval
	WHERE fiscal_year = 2568")" = "0|0|0" ]
tidtam status --fy 2568 --round 6 >st.txt
check "  status shows it approved, not forced" sh -c \
	"grep -q 'approved by นายสมชาย ใจดี on 2025-05-01\$' st.txt && ! grep -q forced st.txt"
tidtam reopen --fy 2568 --round 12 --by "ก" >out.txt 2>err.txt
check "reopening a round not approved: exit 1" [ $? -eq 1 ]
check "  saying so" grep -q "the 12-month round of 2568 is not approved" err.txt

# the demo: nothing accepted before validation; then missing schools listed
mkdir "$WORK/demo" && cd "$WORK/demo" || exit 3
cp -r "$TOP/input" input
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
tidtam approve --fy 2567 --round 6 --by "ก" >out.txt 2>err.txt
check "demo: a round with no accepted data (not validated yet): exit 1" [ $? -eq 1 ]
check "  saying so" grep -q "the 6-month round of 2567 has no accepted data" err.txt
tidtam approve --fy 2568 --round 6 --by "ก" >out.txt 2>err.txt
check "demo: 2568 has no framework: exit 1" [ $? -eq 1 ]
tidtam validate -q -t "$TOP/templates" >/dev/null 2>&1
missing=$(q "SELECT u.code FROM unit u WHERE u.kind IN ('school', 'office') AND NOT EXISTS
	(SELECT 1 FROM submission s WHERE s.unit_code = u.code AND s.fiscal_year = 2567
	AND s.round = 3) ORDER BY u.kind = 'school', u.code")
n=$(echo "$missing" | grep -c .)
tidtam approve --fy 2567 --round 3m --by "ก" >out.txt 2>err.txt
check "demo 3m: $n missing, refused without --force" [ $? -eq 1 ]
check "  the list is the schools missing" \
	[ "$(awk '$1 == "missing" { print $2 }' out.txt)" = "$(echo "$missing")" ]
check "  under the office" grep -q "^office 3101 .*: $n missing, 0 rejected\$" out.txt
tidtam approve --fy 2567 --round 3m --by "ก" --force -q >out.txt 2>err.txt
check "demo 3m with --force -q: exit 0, nothing printed" [ $? -eq 0 ] && [ ! -s out.txt ]
check "  recorded as forced" [ "$(q "SELECT forced || '|' || missing FROM approved_round")" = "1|$n" ]
done_testing
