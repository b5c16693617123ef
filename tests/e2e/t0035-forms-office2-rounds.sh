#!/bin/sh
# 2026-12-02: the second office (rounds at 6 and 12 months, M305 and M306
# due only at 12, 6-digit codes) fills its 2568 forms: for round 6 the
# workbook (every 7th school leaves its row unfilled), the wide CSV saved in
# Windows-874, a long CSV and XML forms; for round 12 the workbook.  Empty
# cells are no values: nothing is rejected, rows without values are passed
# over, and only the values written are stored.  A value actually written
# in the cell of an indicator not due (M305 at 6 months) is still refused,
# at that cell.  Expectations come from the framework and values written.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/r6 input/r12
cp -r "$TOP/tests/data/office2/input/framework" "$TOP/tests/data/office2/input/units" input/
# the schools of the unit list, as the inputs say (not the database)
python3 "$TOP/tests/tools/expect-office2.py" input | awk -F'\t' '$1 == "school" { print $2 }' >schools.txt
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
tidtam forms -q --fy 2568 -t "$TOP/templates"
F=output/forms/2568
"$TOOLS/fill-forms" output/tidtam.db 2568 6 input/r6/forms-2568.xlsx v6.tsv 7
"$TOOLS/fill-forms" output/tidtam.db 2568 12 input/r12/forms-2568.xlsx v12.tsv
python3 "$TOP/tests/tools/fill-forms.py" v6.tsv $F input/r6 6 2
python3 - input/framework/2568.xml $F/wide-2568.csv <<'PY'
import csv, sys
import xml.etree.ElementTree as ET
# the wide CSV as a Windows-874 file, as Excel on a Thai Windows saves it
text = open("input/r6/wide.csv", encoding="utf-8-sig", newline="").read()
open("input/r6/wide-874.csv", "w", encoding="cp874", newline="").write(text)
# a school that writes a value in M305's column at 6 months
name = {e.get("code"): e.get("name") for e in ET.parse(sys.argv[1]).iter() if e.tag.endswith("indicator")}
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
head, row = rows[0], rows[1]
row[head.index("รอบ")] = "6"
row[head.index(name["M101"])] = "5"
row[head.index(name["M305"])] = "70"
with open("input/r6/m305.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([head, row])
print(row[0], file=open("m305-school.txt", "w"))
PY
rm input/r6/wide.csv
check "the inputs are written" [ -s input/r6/wide-874.csv ] && [ -s input/r6/m305.csv ] && [ -s input/r12/forms-2568.xlsx ]

python3 - input/framework/2568.xml schools.txt v6.tsv v12.tsv >expected.txt <<'PY'
import sys
import xml.etree.ElementTree as ET
fw, schools_txt, v6, v12 = sys.argv[1:5]
inds = [e for e in ET.parse(fw).iter() if e.tag.endswith("indicator")]
school = {i.get("code"): i for i in inds if i.get("submitter") == "school"}
for r in ("6", "12"):
    print("notdue%s" % r, " ".join(sorted(c for c, i in school.items() if r not in i.get("rounds").split())))
schools = set(open(schools_txt).read().split())
print("schools", len(schools))
for r, path in (("6", v6), ("12", v12)):
    pairs = {}
    for line in open(path, encoding="utf-8"):
        unit, ind, part, text = line.rstrip("\n").split("\t")
        if text.strip():
            pairs.setdefault(unit, set()).add(ind)
    notdue = {c for c, i in school.items() if r not in i.get("rounds").split()}
    print("filled%s" % r, len(pairs))
    print("unfilled%s" % r, len(schools - set(pairs)))
    print("values%s" % r, sum(len(v) for v in pairs.values()))
    print("notdue_written%s" % r, sum(1 for u in pairs for i in pairs[u] if i in notdue))
print("m305name", school["M305"].get("name"))
PY
val() { sed -n "s/^$1 //p" expected.txt; }
check "the unit list has schools: $(val schools)" [ "$(val schools)" -gt 0 ]
check "M305 and M306 are not due at 6 months: $(val notdue6)" [ "$(val notdue6)" = "M305 M306" ]
check "every school indicator is due at 12 months" [ -z "$(val notdue12)" ]
check "the filler wrote no value for them at 6 months" [ "$(val notdue_written6)" = 0 ]
check "rows left unfilled at 6 months: $(val unfilled6)" [ "$(val unfilled6)" -gt 0 ]

tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
tidtam validate -q
check "validate exits 1: the M305 row is rejected" [ $? -eq 1 ]
tidtam aggregate -q
q() { sqlite3 output/tidtam.db "$1"; }
school=$(cat m305-school.txt)
check "only the M305 row is rejected" [ "$(q "SELECT group_concat(s.unit_code || ' ' || f.path) FROM submission s JOIN file f ON f.id = s.file_id WHERE s.status <> 'accepted'")" = "$school r6/m305.csv" ]
check "with one error, E-ROUND (beside the unit list's planted bad row)" [ "$(q "SELECT group_concat(code) FROM issue WHERE severity = 'error' AND submission_id IS NOT NULL")" = E-ROUND ]
check "at M305's cell, with the value written" [ "$(q "SELECT row || ' ' || found FROM issue WHERE code = 'E-ROUND'")" = "2 70" ]
check "its column is M305's" sh -c "sqlite3 output/tidtam.db \"SELECT col FROM issue WHERE code = 'E-ROUND'\" | grep -qF '($(val m305name))'"
check "no empty value stored" [ "$(q "SELECT COUNT(*) FROM value WHERE TRIM(COALESCE(value, ''))
	|| TRIM(COALESCE(numerator, '')) || TRIM(COALESCE(denominator, '')) = ''")" = 0 ]
for f in r6/forms-2568.xlsx r6/wide-874.csv r12/forms-2568.xlsx; do
	r=${f%%/*}; r=${r#r}
	check "$f: a submission per filled row ($(val filled$r))" \
		[ "$(q "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = '$f' AND s.round = $r")" = "$(val filled$r)" ]
	check "$f: the values written, and only those ($(val values$r))" \
		[ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path = '$f'")" = "$(val values$r)" ]
	rc=$(ls output/receipts/2568/*/$(echo $f | tr / _).txt)
	if [ "$(val unfilled$r)" -gt 0 ]; then
		check "$f: the receipt says $(val unfilled$r) rows without values were passed over" \
			grep -q "^แถวที่ไม่ได้กรอกค่าใดเลย $(thai_digits $(val unfilled$r)) แถว ข้ามไป" "$rc"
	else
		check "$f: the receipt passes no row over" sh -c "! grep -q 'ไม่ได้กรอกค่าใดเลย' '$rc'"
	fi
	check "$f: the receipt rejects nothing" sh -c "! grep -q 'ไม่รับ\]' '$rc'"
done
check "the Windows-874 file was read as such" [ "$(q "SELECT encoding FROM file WHERE path = 'r6/wide-874.csv'")" = Windows-874 ]
check "no M305 or M306 value at 6 months" [ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.round = 6 AND s.status = 'accepted' AND v.indicator IN ('M305', 'M306')")" = 0 ]
for r in 6 12; do
	check "completeness at $r months: the filled schools are received ($(val filled$r))" \
		[ "$(q "SELECT received FROM completeness WHERE round = $r AND fiscal_year = 2568")" = "$(val filled$r)" ]
done
done_testing
