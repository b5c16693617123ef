#!/bin/sh
# Blank forms -> filled in (CSV and XML by a script, XLSX written with
# libxlsxwriter) -> ingest -> the values in the database equal the values
# written, for every school, indicator and form.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input
cp -r "$TOP/input/framework" "$TOP/input/units" input/
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam forms --fy 2567 >out.txt
check "forms exits 0" [ $? -eq 0 ]
F=output/forms/2567
check "forms written" [ -s $F/long-2567.csv ] && [ -s $F/wide-2567.csv ] && [ -s $F/forms-2567.xlsx ]
check "an XML form per school and office" [ "$(ls $F/xml | wc -l)" = 137 ]
check "templates are UTF-8 with a BOM" [ "$(head -c 3 $F/wide-2567.csv | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "XML skeletons match submission.xsd" xmllint --noout --schema "$TOP/templates/schema/submission.xsd" $F/xml/1031010001.xml $F/xml/3101.xml
"$TOOLS/xlsx-dump" $F/forms-2567.xlsx >blank.json
check "workbook: data sheet and instructions" python3 -c '
import json, sys
d = json.load(open("blank.json")); s = d["sheets"]
assert [x["name"] for x in s] == ["ข้อมูล", "คำแนะนำ"], s
assert len(s[0]["rows"]) == 137 and s[0]["rows"][1][1][0] == "1031010001"'
check "workbook: frozen header, lists and number validation" sh -c "
	unzip -p $F/forms-2567.xlsx xl/worksheets/sheet1.xml >sheet1.xml &&
	grep -q 'state=\"frozen\"' sheet1.xml &&
	grep -q '<formula1>\"3,6,9,12\"</formula1>' sheet1.xml &&
	grep -q '<formula1>\"1,2,3,4,5\"</formula1>' sheet1.xml &&
	grep -q '<formula1>\"ใช่,ไม่ใช่\"</formula1>' sheet1.xml &&
	grep -q 'type=\"decimal\"' sheet1.xml"

# fill them in
mkdir -p input/filled
"$TOOLS/fill-forms" output/tidtam.db 2567 12 input/filled/forms.xlsx values.tsv
check "workbook filled with libxlsxwriter" [ -s input/filled/forms.xlsx ]
python3 "$TOP/tests/tools/fill-forms.py" values.tsv $F input/filled 12 3
check "CSV and XML filled by a script" [ -s input/filled/long.csv ] && [ -s input/filled/wide.csv ] && [ -s input/filled/xml/1031010001.xml ]
tidtam ingest -s 0 -t "$TOP/templates" >ingest.txt 2>&1
check "ingest takes all filled forms" grep -q "^ingest: 6 new files stored" ingest.txt
tidtam validate -q
check "the workbook's receipt: instructions sheet passed over" grep -q 'ชีต “คำแนะนำ” ข้ามไป (ไม่มีแถวหัวตาราง)' output/receipts/2567/*/filled_forms.xlsx.txt
check "its PDF beside it ($(part_pdf filled/forms.xlsx))" [ "$(dirname "$(part_pdf filled/forms.xlsx)")" = output/receipts/2567/3101 ]
check "its part there: at most four pages ($(part_pages filled/forms.xlsx))" [ "$(part_pages filled/forms.xlsx)" -le 4 ]
part_text filled/forms.xlsx >part.txt
check "what does not fit is counted and left to the text" grep -q 'ดูครบทุกรายการได้ในใบตอบรับแบบข้อความ' part.txt
check "every filled submission is accepted" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM submission WHERE status <> 'accepted'")" = 0 ]
sqlite3 -separator '	' output/tidtam.db "SELECT f.path, s.unit_code, v.indicator,
	COALESCE(v.value, ''), COALESCE(v.numerator, ''), COALESCE(v.denominator, ''), s.round
	FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id
	WHERE f.path LIKE 'filled/%'" >stored.tsv
python3 - values.tsv stored.tsv >compare.txt <<'PY'
import sys
want = {}
for line in open(sys.argv[1], encoding="utf-8"):
    unit, ind, part, text = line.rstrip("\n").split("\t")
    want[(unit, ind, part)] = text
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    path, unit, ind, value, num, den, rnd = line.rstrip("\n").split("\t")
    form = path.split("/")[1] if "/xml/" not in path else "xml"
    assert rnd == "12", line
    for part, text in (("value", value), ("numerator", num), ("denominator", den)):
        if text:
            got.setdefault(form, {})[(unit, ind, part)] = text
def same(a, b):
    try:
        return float(a) == float(b)
    except ValueError:
        return a == b
bad = 0
for form, cells in sorted(got.items()):
    units = {u for u, _, _ in cells}
    expect = {k: v for k, v in want.items() if k[0] in units}
    missing = set(expect) - set(cells)
    wrong = [k for k in cells if k not in expect or not same(cells[k], expect[k])]
    print(form, len(units), "units", len(cells), "values", len(missing), "missing", len(wrong), "wrong")
    bad += len(missing) + len(wrong)
print("MISMATCHES", bad)
PY
cat compare.txt >&2
check "long CSV: 3 schools' values back as written" grep -q "^long.csv 3 units 75 values 0 missing 0 wrong" compare.txt
check "wide CSV: 136 schools' values back as written" grep -q "^wide.csv 136 units 3400 values 0 missing 0 wrong" compare.txt
check "XLSX: 136 schools' values back as written" grep -q "^forms.xlsx 136 units 3400 values 0 missing 0 wrong" compare.txt
check "XML: 3 schools' values back as written" grep -q "^xml 3 units 75 values 0 missing 0 wrong" compare.txt
check "no mismatch at all" grep -q "^MISMATCHES 0" compare.txt
done_testing
