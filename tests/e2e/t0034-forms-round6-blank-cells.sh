#!/bin/sh
# 2026-12-02: the workbook `tidtam forms` writes, filled for the 6-month
# round, had every row rejected (E-ROUND on the EMPTY cells of indicators
# due only at 12 months), and every row a school left unfilled became a
# rejected submission of round "".  An empty cell is no value; a row with no
# value is passed over, and the receipt says how many.  The demo's forms
# are filled for round 6 as a school would (cells of indicators not due
# left empty, every 10th school's row left as the blank form has it), as a
# workbook, a UTF-8 wide CSV, the same CSV in Windows-874, a long CSV and
# XML forms; the expectations come from the framework, the unit list and
# the values written (values.tsv).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/filled
cp -r "$TOP/input/framework" "$TOP/input/units" input/
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam forms -q --fy 2567 -t "$TOP/templates"
F=output/forms/2567
"$TOOLS/fill-forms" output/tidtam.db 2567 6 input/filled/forms-2567.xlsx values.tsv 10
check "workbook filled for round 6" [ -s input/filled/forms-2567.xlsx ]
python3 "$TOP/tests/tools/fill-forms.py" values.tsv $F input/filled 6 3
python3 - <<'PY'
text = open("input/filled/wide.csv", encoding="utf-8-sig", newline="").read()
open("input/filled/wide-874.csv", "w", encoding="cp874", newline="").write(text)
PY
check "a Windows-874 copy of the wide CSV" [ -s input/filled/wide-874.csv ]

# what the inputs say
python3 - input/framework/2567.xml input/units/units-2567.csv values.tsv >expected.txt <<'PY'
import csv, sys
import xml.etree.ElementTree as ET
fw, units, values = sys.argv[1:4]
inds = [e for e in ET.parse(fw).iter() if e.tag.endswith("indicator")]
school = [i for i in inds if i.get("submitter") == "school"]
due6 = {i.get("code") for i in school if "6" in i.get("rounds").split()}
notdue6 = {i.get("code") for i in school} - due6
required6 = {i.get("code") for i in school if i.get("code") in due6 and i.get("required", "true") != "false"}
office6 = [i for i in inds if i.get("submitter") == "office" and "6" in i.get("rounds").split()
           and i.get("required", "true") != "false"]
schools = sorted(r["code"] for r in csv.DictReader(open(units, encoding="utf-8-sig")) if r["kind"] == "school")
pairs = {}
for line in open(values, encoding="utf-8"):
    unit, ind, part, text = line.rstrip("\n").split("\t")
    if text.strip():
        pairs.setdefault(unit, set()).add(ind)
filled = sorted(pairs)
print("schools", len(schools))
print("filled", len(filled))
print("unfilled", len(schools) - len(filled))
print("notdue", " ".join(sorted(notdue6)))
print("notdue_written", sum(1 for u in pairs for i in pairs[u] if i in notdue6))
print("values", sum(len(v) for v in pairs.values()))
print("xml_values", sum(len(pairs[u]) for u in filled[:3]))
print("first", filled[0], len(pairs[filled[0]]))
print("present", sum(len(pairs[u] & required6) for u in filled))
# the office owes its own indicators too, and sent none
print("expected_values", len(schools) * len(required6) + len(office6))
PY
val() { awk -v k="$1" '$1 == k { print $2 }' expected.txt; }
check "some indicators are not due at 6 months: $(val notdue)" [ -n "$(val notdue)" ]
check "the filler left their cells empty" [ "$(val notdue_written)" = 0 ]
check "some rows are left unfilled: $(val unfilled)" [ "$(val unfilled)" -gt 0 ]

tidtam ingest -s 0 -t "$TOP/templates" >ingest.txt 2>&1
check "ingest takes all seven files" grep -q "^ingest: 7 new files stored" ingest.txt
tidtam validate -q
check "validate exits 0: nothing rejected" [ $? -eq 0 ]
tidtam aggregate -q
q() { sqlite3 output/tidtam.db "$1"; }
check "no submission rejected" [ "$(q "SELECT COUNT(*) FROM submission WHERE status <> 'accepted'")" = 0 ]
check "no error at all (no E-ROUND, no E-TYPE, no E-REQUIRED)" \
	[ "$(q "SELECT COUNT(*) FROM issue WHERE severity = 'error'")" = 0 ]
check "no empty value stored" [ "$(q "SELECT COUNT(*) FROM value WHERE TRIM(COALESCE(value, ''))
	|| TRIM(COALESCE(numerator, '')) || TRIM(COALESCE(denominator, '')) = ''")" = 0 ]
notdue=$(val notdue | sed "s/\([^ ]*\)/'\1'/g; s/ /,/g")
check "no value of an indicator not due at 6 months" \
	[ "$(q "SELECT COUNT(*) FROM value WHERE indicator IN ($notdue)")" = 0 ]
for f in forms-2567.xlsx wide.csv wide-874.csv; do
	check "$f: a submission per filled row ($(val filled))" \
		[ "$(q "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'filled/$f'")" = "$(val filled)" ]
	check "$f: the values written, and only those ($(val values))" \
		[ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path = 'filled/$f'")" = "$(val values)" ]
	r=$(ls output/receipts/2567/*/filled_$f.txt)
	check "$f: the receipt says $(val unfilled) rows without values were passed over" \
		grep -q "^แถวที่ไม่ได้กรอกค่าใดเลย $(thai_digits $(val unfilled)) แถว ข้ามไป" "$r"
	check "$f: the receipt rejects nothing" sh -c "! grep -q 'ไม่รับ\]' '$r'"
	set -- $(awk '$1 == "first" { print $2, $3 }' expected.txt)
	check "$f: the receipt counts $1's $2 values" grep -q "^\[รับ\] $1 .* จำนวน $(thai_digits $2) ค่า" "$r"
done
check "XML forms: their empty elements are no values ($(val xml_values))" \
	[ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path LIKE 'filled/xml/%'")" = "$(val xml_values)" ]
check "the long CSV's receipt passes no row over" sh -c "! grep -q 'ไม่ได้กรอกค่าใดเลย' output/receipts/2567/*/filled_long.csv.txt"
check "completeness: the filled schools are received ($(val filled))" \
	[ "$(q "SELECT received FROM completeness WHERE unit_code = '3101' AND round = 6")" = "$(val filled)" ]
check "completeness: values present $(val present) of $(val expected_values)" \
	[ "$(q "SELECT values_present || '/' || values_expected FROM completeness WHERE unit_code = '3101' AND round = 6")" = "$(val present)/$(val expected_values)" ]

# the blank workbook sent back as it is: no submission, and the receipt says so
cp $F/forms-2567.xlsx input/filled/blank.xlsx
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam validate -q
check "the blank workbook makes no submission" [ "$(q "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'filled/blank.xlsx'")" = 0 ]
r=$(ls output/receipts/*/*/filled_blank.xlsx.txt)
check "its receipt: all $(val schools) rows passed over, no value in the file" sh -c \
	"grep -q '^แถวที่ไม่ได้กรอกค่าใดเลย $(thai_digits $(val schools)) แถว ข้ามไป' '$r' && grep -q '^ผลการตรวจ: ไม่พบค่าใดในไฟล์นี้' '$r'"

# a row with a value but no round is a submission, refused with E-ROUND
# saying no round was given (not 'found ""')
python3 - $F/wide-2567.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, row = rows[0], rows[1]
row[5] = "1"
with open("input/filled/no-round.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([head, row])
PY
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam validate -q
check "a row with values and no round: validate exits 1" [ $? -eq 1 ]
r=$(ls output/receipts/2567/*/filled_no-round.csv.txt)
check "its receipt: E-ROUND at the round's cell, no round given, nothing 'found'" \
	sh -c "grep -A1 -E 'E-ROUND เซลล์ [A-Z]+2 \\(รอบ[^)]*\\)$' '$r' | tail -n 1 | grep -q '^      ไม่ได้กรอกรอบรายงาน กรอบการติดตามปีงบประมาณ ๒๕๖๗ มีรอบ ๓, ๖, ๙ หรือ ๑๒ เดือน'"
done_testing
