#!/bin/sh
# Cross-value rules from the framework: an error rule that fails rejects
# the submission, a warning rule flags it; messages show the values; a
# rule whose "when" does not hold, or whose values are missing, says
# nothing.  Across rounds: a cumulative count that falls is an error, a
# value that jumps past the indicator's factor a warning.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/framework input/sub
cp -r "$TOP/input/units" input/
# the demo's own rules make way for the ones under test
awk '/^  <rules>/ { skip = 1 } skip { if (/<\/rules>/) skip = 0; next } /<\/framework>/ {
	print "  <rules>"
	print "    <rule code=\"R-QUAL03-OPP05\" test=\"QUAL03 &lt;= OPP05 × 2\">"
	print "      <message lang=\"th\">ครูที่ได้รับการพัฒนา ({QUAL03} คน) เกินสองเท่าของนักเรียนพิการ ({OPP05} คน)</message>"
	print "      <message lang=\"en\">{QUAL03} teachers trained is more than twice {OPP05}</message>"
	print "    </rule>"
	print "    <rule code=\"W-SAFE-PLAN\" severity=\"warning\" test=\"SAFE01 ≥ 3 when SAFE02 = yes\">"
	print "      <message lang=\"th\">มีแผนเผชิญเหตุแต่ระดับความปลอดภัยเพียง {SAFE01}</message>"
	print "    </rule>"
	print "  </rules>"
} { print }' "$TOP/input/framework/2567.xml" |
	sed 's/code="SAFE05" \([^>]*\)\/>/code="SAFE05" \1 jump="3"\/>/' >input/framework/2567.xml
cat >input/sub/r3.csv <<'CSV'
unit,indicator,fiscal_year,round,value,submitted
1031010004,QUAL03,2567,3,30,2024-01-10
1031010004,SAFE05,2567,3,2,2024-01-10
1031010005,SAFE05,2567,3,2,2024-01-10
CSV
cat >input/sub/r6.csv <<'CSV'
unit,indicator,fiscal_year,round,value,submitted
1031010004,QUAL03,2567,6,20,2024-04-10
1031010005,QUAL03,2567,6,40,2024-04-10
1031010005,SAFE05,2567,6,9,2024-04-10
CSV
cat >input/sub/rules.csv <<'CSV'
unit,indicator,fiscal_year,round,value
1031010001,QUAL03,2567,6,30
1031010001,OPP05,2567,6,10
1031010001,SAFE01,2567,6,2
1031010001,SAFE02,2567,6,yes
1031010002,QUAL03,2567,6,30
1031010002,OPP05,2567,6,20
1031010002,SAFE01,2567,6,2
1031010002,SAFE02,2567,6,no
1031010003,QUAL03,2567,6,30
1031010003,SAFE01,2567,6,4
1031010003,SAFE02,2567,6,yes
CSV
# a rule over values the unit sent in two files
printf 'unit,indicator,fiscal_year,round,value,submitted\n1031010006,OPP05,2567,6,5,2024-04-01\n' >input/sub/a.csv
printf 'unit,indicator,fiscal_year,round,value,submitted\n1031010006,QUAL03,2567,6,30,2024-04-02\n' >input/sub/b.csv
{ echo "unit,indicator,fiscal_year,round,value,submitted"
  for i in 10 11 12 13 14 15 16 17 18 19; do echo "10310100$i,SAFE03,2567,9,$((i - 8)),2024-07-01"; done
  echo "1031010020,SAFE03,2567,9,400,2024-07-01"; } >input/sub/r9.csv
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
check "framework with rules stored" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM framework")" = 1 ]
tidtam validate -q
q() { sqlite3 output/tidtam.db "$1"; }
check "error rule rejects 1031010001" [ "$(q "SELECT status FROM submission WHERE unit_code = '1031010001'")" = rejected ]
check "with E-RULE and the values" [ "$(q "SELECT message_th FROM issue i JOIN file f ON f.id = i.file_id WHERE code = 'E-RULE' AND f.path = 'sub/rules.csv'")" = "[R-QUAL03-OPP05] ครูที่ได้รับการพัฒนา (30 คน) เกินสองเท่าของนักเรียนพิการ (10 คน)" ]
check "English message filled too" [ "$(q "SELECT message_en FROM issue i JOIN file f ON f.id = i.file_id WHERE code = 'E-RULE' AND f.path = 'sub/rules.csv'")" = "[R-QUAL03-OPP05] 30 teachers trained is more than twice 10" ]
check "what the rule used is shown" [ "$(q "SELECT found FROM issue i JOIN file f ON f.id = i.file_id WHERE code = 'E-RULE' AND f.path = 'sub/rules.csv'")" = "QUAL03 [30] <= OPP05 [10] × 2" ]
check "warning rule flags 1031010001" [ "$(q "SELECT COUNT(*) FROM issue i JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-RULE' AND s.unit_code = '1031010001'")" = 1 ]
check "1031010002 passes (when does not hold)" [ "$(q "SELECT status FROM submission WHERE unit_code = '1031010002'")" = accepted ]
check "1031010003 passes (a value missing: not decided)" [ "$(q "SELECT COUNT(*) FROM issue i JOIN submission s ON s.id = i.submission_id WHERE s.unit_code = '1031010003' AND i.code LIKE '%-RULE'")" = 0 ]
check "a cumulative count that falls is rejected" [ "$(q "SELECT i.code || ' ' || s.status FROM issue i JOIN submission s ON s.id = i.submission_id WHERE s.unit_code = '1031010004' AND s.round = 6")" = "E-DECREASE rejected" ]
check "with both values and the round" [ "$(q "SELECT message_en FROM issue WHERE code = 'E-DECREASE'")" = "QUAL03: a cumulative value fell from 30 (the 3-month round) to 20" ]
check "a jump past the factor is a warning" [ "$(q "SELECT i.code || ' ' || s.status FROM issue i JOIN submission s ON s.id = i.submission_id WHERE s.unit_code = '1031010005' AND s.round = 6")" = "W-JUMP accepted" ]
check "and its number still counts" [ "$(q "SELECT v.number FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.unit_code = '1031010005' AND s.round = 6 AND v.indicator = 'SAFE05'")" = 9.0 ]
check "an outlier among the office's schools is flagged, once" [ "$(q "SELECT group_concat(s.unit_code) FROM issue i JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-OUTLIER'")" = 1031010020 ]
check "with the median and usual range" [ "$(q "SELECT message_en FROM issue WHERE code = 'W-OUTLIER'")" = "SAFE03: 400 is far from the office's other schools (median 7, usual range 0 to 20.34)" ]
check "and still accepted" [ "$(q "SELECT status FROM submission WHERE unit_code = '1031010020'")" = accepted ]
check "a rule reads the unit's values from its other files too" [ "$(q "SELECT f.path || ' ' || i.found FROM issue i JOIN file f ON f.id = i.file_id WHERE i.code = 'E-RULE' AND f.path = 'sub/b.csv'")" = "sub/b.csv QUAL03 [30] <= OPP05 [5] × 2" ]
tidtam validate --explain R-QUAL03-OPP05 1031010001 6 >explain.txt
check "--explain: the rule written out with its values" grep -q "^with values: QUAL03 \[30\] <= OPP05 \[10\] × 2$" explain.txt
check "--explain: where the values come from" grep -q "^values from sub/rules.csv (submission [0-9]*, rejected)$" explain.txt
check "--explain: the result and the message" grep -q "^result: does not hold: E-RULE ครูที่ได้รับการพัฒนา (30 คน)" explain.txt
tidtam validate --explain R-QUAL03-OPP05 1031010003 รอบ\ 6\ เดือน >explain.txt
check "--explain: a missing value leaves it undecided" grep -q "OPP05 \[ไม่มีค่า\]" explain.txt
tidtam validate --explain R-NOPE 1031010003 6 >/dev/null 2>err.txt
check "--explain: an unknown rule is said so" grep -q "no framework has a rule 'R-NOPE'" err.txt
r=$(ls output/receipts/2567/*/sub_rules.csv.txt)
check "receipt shows the rule" sh -c "grep -A1 E-RULE '$r' | grep -q R-QUAL03-OPP05"
done_testing
