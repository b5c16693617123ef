#!/bin/sh
# The XLSX reader against the corpora: calamine's workbooks read as its
# EXPECTED.json says (or refused with a reason), frictionless's workbooks
# read without a crash or hang and with the values they show, and a zip
# bomb refused by the inflation limit.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
DUMP="$TOOLS/xlsx-dump"
C="$TOP/tests/corpora/xlsx"

for f in "$C"/calamine/*.xlsx; do
	timeout 10 "$DUMP" "$f" >>calamine.jsonl
	check "$(basename "$f") does not crash or hang" [ $? -eq 0 ]
done
python3 "$TOP/tests/tools/check-xlsx.py" "$C/calamine/EXPECTED.json" calamine.jsonl >check.txt
rc=$?
cat check.txt >&2
check "calamine workbooks as EXPECTED.json says" [ $rc -eq 0 ]

for f in "$C"/frictionless/*.xlsx; do
	timeout 10 "$DUMP" "$f" >"$(basename "$f").json"
	check "$(basename "$f") does not crash or hang" [ $? -eq 0 ]
	check "$(basename "$f") read" sh -c "! grep -q '\"error\"' '$(basename "$f").json'"
done
row() { # row FILE.json SHEET-INDEX ROW: the row's text cells as a|b|c
	python3 -c 'import json,sys
d = json.load(open(sys.argv[1])); s = d["sheets"][int(sys.argv[2])]
print("|".join(next((r[1] for r in s["rows"] if r[0] == int(sys.argv[3])), [])))' "$@"
}
check "table.xlsx: Thai-free Unicode" [ "$(row table.xlsx.json 0 3)" = "2|中国人" ]
check "float error shown as Excel does" [ "$(row adjust-floating-point-error.xlsx.json 0 3 | cut -d'|' -f3)" = 274.66 ]
check "percent format read as a percentage" [ "$(row preserve-formatting-percentage.xlsx.json 0 2)" = "123|52%" ]
check "1904 dates" [ "$(row skip-rows.xlsx.json 0 3)" = "8|9" ]
check "merged block filled" [ "$(row merged-cells.xlsx.json 0 3)" = "data|data" ]
check "leading zeros kept as text" [ "$(row cast-int-to-string-issue-1251.xlsx.json 0 2 | cut -d'|' -f1)" = 001 ]
check "second sheet by index" [ "$(row sheets.xlsx.json 1 2)" = "2|paris" ]

# a zip bomb: 200 MB of empty rows in a valid-looking sheet
python3 - <<'PY'
import zipfile
z = zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED)
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % rel)
z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="s1"/></sheets></workbook>' % rel)
with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
    f.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    for _ in range(200):
        f.write(b"<row/>" * 174762)
    f.write(b"</sheetData></worksheet>")
z.close()
PY
timeout 10 "$DUMP" bomb.xlsx >bomb.json
check "zip bomb: no hang" [ $? -eq 0 ]
check "zip bomb refused by the ratio limit" grep -q "zip bomb" bomb.json
done_testing
