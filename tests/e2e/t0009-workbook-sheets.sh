#!/bin/sh
# A workbook's sheets: every visible sheet with a header is its own sheet of
# submissions, hidden ones are passed over, and when the framework names a
# sheet (sheet="ส่ง") only that one is read.  Locations name the sheet.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/framework input/sub
cp -r "$TOP/input/units" input/
python3 - <<'PY'
import zipfile
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
def sheet(rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                        for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    return f'<worksheet xmlns="{main}"><sheetData>{"".join(out)}</sheetData></worksheet>'
head = ["รหัสโรงเรียน", "ปีงบประมาณ", "รอบ", "SAFE01"]
sheets = [("ร่าง", "visible", [head, ["1031010001", "2567", "6", "2"]]),
          ("ส่ง", "visible", [["แบบรายงาน"], head, ["1031010001", "2567", "6", "4"]]),
          ("ซ่อน", "hidden", [head, ["1031010001", "2567", "6", "1"]])]
for name in ("book", "book2"):
  z = zipfile.ZipFile(f"input/sub/{name}.xlsx", "w", zipfile.ZIP_DEFLATED)
  z.comment = name.encode()
  z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
  z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(f'<Relationship Id="s{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(3)) + "</Relationships>")
  z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>' + "".join(f'<sheet name="{n}" state="{s}" sheetId="{i + 1}" r:id="s{i}"/>' for i, (n, s, _) in enumerate(sheets)) + "</sheets></workbook>")
  for i, (_, _, rows) in enumerate(sheets):
    z.writestr(f"xl/worksheets/sheet{i}.xml", sheet(rows))
  z.close()
PY
q() { sqlite3 output/tidtam.db "$1"; }
# without a sheet named: both visible sheets are read, the hidden one is not
cp "$TOP/input/framework/2567.xml" input/framework/
tidtam ingest -q -s 0 -t "$TOP/templates" -i input 2>/dev/null
check "both visible sheets read" [ "$(q "SELECT group_concat(v.value, ' ') FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path = 'sub/book.xlsx'")" = "2 4" ]
check "the hidden sheet passed over" [ "$(q "SELECT note FROM file_sheet WHERE name = 'ซ่อน' LIMIT 1")" = "hidden sheet" ]
check "the header found below the title in sheet ส่ง" [ "$(q "SELECT header_row FROM file_sheet WHERE name = 'ส่ง' LIMIT 1")" = 2 ]
check "locations name the sheet" [ "$(q "SELECT c.label FROM value v JOIN column_label c ON c.id = v.col_label WHERE v.value = '4' LIMIT 1")" = "ส่ง!D (SAFE01)" ]
check "a value's label stored once, not in the value" [ "$(q "SELECT col || '|' || COALESCE(indicator_col, 'NULL') FROM value WHERE value = '4' LIMIT 1")" = "|NULL" ]
# with sheet="ส่ง" in the framework only that sheet is read
rm -rf output input/sub/book.xlsx
sed 's/<framework xmlns="urn:tidtam:framework:1" fiscal-year="2567"/& sheet="ส่ง"/' \
	"$TOP/input/framework/2567.xml" >input/framework/2567.xml
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
check "framework's sheet attribute accepted" [ "$(q "SELECT COUNT(*) FROM framework")" = 1 ]
check "only the named sheet read" [ "$(q "SELECT group_concat(v.value, ' ') FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path = 'sub/book2.xlsx'")" = 4 ]
check "the other sheet noted" [ "$(q "SELECT note FROM file_sheet WHERE name = 'ร่าง'")" = "not the sheet the framework names" ]
# a value as a database before schema 14 holds it (its label's text in
# col): validate and the receipt still place an issue at its cell
q "UPDATE value SET col = (SELECT label FROM column_label WHERE id = col_label), col_label = NULL,
   value = '9' WHERE value = '4'; UPDATE submission SET status = 'new'"
tidtam validate -q -j 1 2>/dev/null
check "an issue at an old value's cell" [ "$(q "SELECT col FROM issue WHERE code = 'E-RANGE'")" = "ส่ง!D (SAFE01)" ]
check "its receipt names the indicator" grep -q '"indicator": "SAFE01"' output/receipts/2567/*/sub_book2.xlsx.json
# and one stored since, by its label's number
q "UPDATE value SET col_label = (SELECT id FROM column_label WHERE label = col), col = ''; UPDATE submission SET status = 'new'"
rm -rf output/receipts
q "UPDATE file SET receipt_stale = 1"
tidtam validate -q -j 1 2>/dev/null
check "an issue at a new value's cell" [ "$(q "SELECT col FROM issue WHERE code = 'E-RANGE'")" = "ส่ง!D (SAFE01)" ]
check "its receipt names the indicator" grep -q '"indicator": "SAFE01"' output/receipts/2567/*/sub_book2.xlsx.json
done_testing
