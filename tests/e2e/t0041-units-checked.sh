#!/bin/sh
# Unit lists are checked: an office unlike the demo (6-digit codes, schools
# directly under the office, Thai headers, Windows-874) with a bad row of
# every kind.  Good rows go in, each bad one is refused in the file's
# receipt with its row, column and reason, a school under a refused parent
# is refused naming it, and `tidtam check` says the same of the same rows.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"
mkdir -p input/framework input/units input/sub
cp "$TOP/input/framework/2567.xml" input/framework/

cat >input/units/a-office.csv <<'CSV'
รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,สังกัด
10320000,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาบุรีรัมย์,สพม.,
CSV
# rows: 2 good, 3 good, 4 bad code, 5 unknown parent, 6 repeated code,
# 7 network under a school, 8 school under that network, 9 unknown kind,
# 10-11 offices in a cycle, 12 school under the cycle, 13 no name, 14 good network,
# 15 good school under it
python3 - <<'PY'
rows = """รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,สังกัด
310001,โรงเรียนบุรีรัมย์พิทยาคม,โรงเรียน,10320000
310002,โรงเรียนกระสังพิทยาคม,โรงเรียน,10320000
99x,โรงเรียนรหัสผิด,โรงเรียน,10320000
310003,โรงเรียนนางรอง,โรงเรียน,10329999
310002,โรงเรียนลำปลายมาศ,โรงเรียน,10320000
NET-A,เครือข่ายสตึก,เครือข่าย,310001
310004,โรงเรียนสตึก,โรงเรียน,NET-A
310005,โรงเรียนคูเมือง,ร.ร.,10320000
1111,สำนักงานวน ก,สพม.,2222
2222,สำนักงานวน ข,สพม.,1111
310006,โรงเรียนประโคนชัย,โรงเรียน,2222
310007,,โรงเรียน,10320000
NET-B,เครือข่ายเมือง,เครือข่าย,10320000
310008,โรงเรียนเมือง,โรงเรียน,NET-B
"""
open("input/units/b-schools.csv", "wb").write(rows.encode("cp874"))
PY
cat >input/units/c-more.csv <<'CSV'
code,name,kind,parent
310001,โรงเรียนบุรีรัมย์พิทยาคม (ซ้ำ),school,10320000
310009,โรงเรียนใหม่,school,10320000
CSV
# values of a good school and of one refused for its parent
cat >input/sub/values.csv <<'CSV'
unit,indicator,fiscal_year,round,value,submitted
310001,SAFE03,2567,6,2,2024-04-01
310004,SAFE03,2567,6,3,2024-04-01
CSV
tidtam ingest -s 0 -t "$T" >/dev/null 2>err.txt
check "ingest: the unit lists are stored, not failed" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM file WHERE path LIKE 'units/%' AND status = 'stored'")" -eq 3 ]
check "only the good units are registered" [ "$(sqlite3 output/tidtam.db \
	"SELECT group_concat(code, ' ') FROM (SELECT code FROM unit ORDER BY code)")" = \
	"10320000 310001 310002 310008 310009 NET-B" ]
check "310001 stays where its first list put it" [ "$(sqlite3 output/tidtam.db \
	"SELECT f.path FROM unit u JOIN file f ON f.id = u.file_id WHERE u.code = '310001'")" = units/b-schools.csv ]
q() { sqlite3 output/tidtam.db "SELECT i.row || '|' || COALESCE(i.col, '') || '|' || i.message_en FROM issue i
	JOIN file f ON f.id = i.file_id WHERE f.path = '$1' AND i.code = 'E-UNITLIST' ORDER BY i.row, i.id"; }
q units/b-schools.csv >issues.txt
row() { grep -q "^$1|$2|.*$3" issues.txt || { echo "row $1: want $3" >&2; return 1; }; }
check "a malformed code" row 4 "A (รหัสหน่วยงาน)" "school code '99x' is not an OBEC school code: 6 digits (such as 310001)"
check "an unknown parent" row 5 "สังกัด/parent" "parent '10329999' of school '310003' is neither in this list nor registered"
check "a code repeated in the file" row 6 "A (รหัสหน่วยงาน)" "code '310002' is already on row 3 of this file"
check "a network under a school" row 7 "สังกัด/parent" "network 'NET-A' cannot be under school '310001'"
check "a school under a refused network, naming it" row 8 "สังกัด/parent" "parent 'NET-A' (row 7) was refused, so school '310004' is refused too"
check "an unknown kind" row 9 "ประเภท/kind" "kind 'ร.ร.' is not office, network or school"
check "a cycle" row 10 "สังกัด/parent" "office '1111' is its own ancestor: 1111 -> 2222 -> 1111"
check "... both ways" row 11 "สังกัด/parent" "office '2222' is its own ancestor"
check "a school under the cycle" row 12 "สังกัด/parent" "parent '2222' (row 11) was refused"
check "a unit with no name" row 13 "ชื่อ/name" "unit '310007' has no name"
check "nothing said of good rows" [ "$(cut -d'|' -f1 issues.txt | sort -un | tr '\n' ' ')" = "4 5 6 7 8 9 10 11 12 13 " ]
check "a code registered by another file" [ "$(q units/c-more.csv)" = \
	"2|A (code)|code '310001' is already registered by units/b-schools.csv (row 2): a unit belongs to one list only, so remove it from one of the two files" ]

tidtam validate -q -t "$T" >/dev/null
r=$(find output/receipts -name 'units_b-schools.csv.txt')
check "the list has a receipt" [ -n "$r" ]
check "the receipt counts what was taken" grep -q "ผลการตรวจ: ลงทะเบียนหน่วยงาน ๔ หน่วย ไม่รับ ๑๐ แถว" "$r"
check "the receipt says the rows were refused, the others taken" grep -q "แถวที่ไม่รับ (แถวอื่นรับไว้แล้ว)" "$r"
check "the receipt names the row, column and value" grep -q "E-UNITLIST แถว ๕ คอลัมน์ สังกัด/parent พบ “10329999”$" "$r"
check "and what is wrong under it" sh -c "grep -A1 'E-UNITLIST แถว ๕ ' '$r' | grep -q \"^      ไม่พบหน่วยงานต้นสังกัด '10329999' ของโรงเรียน '310003'\""
check "ten rows listed in the receipt" [ "$(grep -c 'E-UNITLIST' "$r")" -eq 10 ]
check "the refused school's values are rejected, saying so" [ "$(sqlite3 output/tidtam.db \
	"SELECT s.status || ' ' || i.code FROM submission s JOIN issue i ON i.submission_id = s.id
	 WHERE s.unit_code = '310004'")" = "rejected E-UNIT" ]
check "the good school's values are accepted" [ "$(sqlite3 output/tidtam.db \
	"SELECT status FROM submission WHERE unit_code = '310001'")" = accepted ]

# a corrected version of the same list: its units are declared again, not "taken"
python3 -c "
d = open('input/units/b-schools.csv', 'rb').read().decode('cp874')
open('input/units/b-schools.csv', 'wb').write(d.replace('10329999', '10320000').encode('cp874'))"
touch -d '2 minutes ago' input/units/b-schools.csv
tidtam ingest -s 0 -t "$T" >/dev/null 2>&1
check "the corrected row goes in" [ "$(sqlite3 output/tidtam.db "SELECT parent FROM unit WHERE code = '310003'")" = 10320000 ]
check "the new version does not clash with its own earlier version" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path = 'units/b-schools.csv'
	 AND f.version = 2 AND i.message_en LIKE '%already registered%'")" -eq 0 ]
check "... and refuses the rest again" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path = 'units/b-schools.csv'
	 AND f.version = 2 AND i.code = 'E-UNITLIST'")" -eq 9 ]

# check, on the same files, says the same problems at the same rows
tidtam check -t "$T" input/units/a-office.csv input/units/b-schools.csv input/units/c-more.csv >out.txt 2>err.txt
check "check: exit 1" [ $? -eq 1 ]
check "check: the same rows of the list" [ "$(grep '^input/units/b-schools.csv:[0-9]*: [a-z]' out.txt | cut -d: -f2 | tr '\n' ' ')" = \
	"4 6 7 8 9 10 11 12 13 " ]
check "check: the same sentence" grep -q "^input/units/b-schools.csv:8: parent 'NET-A' (row 7) was refused, so school '310004' is refused too and left out of every total" out.txt
check "check: across files" grep -q "^input/units/c-more.csv:2: code '310001' is already registered by input/units/b-schools.csv (row 2)" out.txt
check "check: the demo's list is sound" tidtam check -t "$T" "$TOP/input/units/units-2567.csv"
printf 'unit,indicator,fiscal_year,round,value\n310001,SAFE03,2567,6,2\n' >notunits.csv
tidtam check -t "$T" notunits.csv >out.txt 2>&1
check "check: a sheet that is not a unit list is said so" grep -q "notunits.csv: this is not a unit list" out.txt
# a unit list as a workbook, checked the same way
python3 - <<'PY'
import zipfile
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rows = [["code", "name", "kind", "parent"], ["3101", "สำนักงาน", "office", ""],
        ["99x", "โรงเรียน", "school", "3101"], ["1031010001", "โรงเรียนดี", "school", "3101"]]
cells = lambda i, row: "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % ("ABCD"[j], i, v)
                               for j, v in enumerate(row))
with zipfile.ZipFile("units.xlsx", "w") as z:
    z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel)
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % rel)
    z.writestr("xl/workbook.xml", '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="หน่วยงาน" sheetId="1" r:id="s1"/></sheets></workbook>' % (main, rel))
    z.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (main,
               "".join('<row r="%d">%s</row>' % (i + 1, cells(i + 1, r)) for i, r in enumerate(rows))))
PY
tidtam check -t "$T" units.xlsx >out.txt 2>err.txt
check "check: a workbook unit list, exit 1" [ $? -eq 1 ]
check "check: its bad row, by its own example" grep -q "^units.xlsx:3: school code '99x' is not an OBEC school code: 10 digits (such as 1031010001)" out.txt
check "check: only that row" [ "$(wc -l <out.txt)" -eq 2 ]
done_testing
