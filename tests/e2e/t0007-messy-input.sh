#!/bin/sh
# What schools really send: the same values saved in UTF-8, Windows-874
# (made with iconv) and UTF-16 give the same values in the database; title
# rows, Thai and English header aliases, Thai digits, thousands separators,
# a trailing %, non-breaking spaces, semicolons and tabs, sep= lines, blank
# rows and trailing empty columns are all read; a value given twice is
# reported.  Then the drop-folder rules: hidden, lock and partial files and
# files still being copied wait; a moved file is not read twice; a corrected
# file becomes a new version that supersedes the old one.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/a input/b input/c
cp -r "$TOP/input/framework" "$TOP/input/units" input/
NB=$(printf '\302\240')

# a title, the office, a blank row, then the header (Thai aliases, ;)
cat >messy.csv <<CSV
แบบรายงานผลการดำเนินงานตามตัวชี้วัด;;;;;;;
สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์ เขต 1;;;;;;;
;;;;;;;
รหัสสถานศึกษา;ปีงบประมาณ;ไตรมาส;รหัสตัวชี้วัด;ผลการดำเนินงาน;ตัวตั้ง;ตัวหาร;;
${NB}1031010001${NB};๒๕๖๗;Q2;SAFE01;๔;;;;
1031010001;2567;Q2;SAFE03; 1,250 ;;;;

1031010001;2567;Q2;QUAL01;;๔๑;๔๕;;
1031010001;2567;Q4;QUAL04;62.5 %;;;;
1031010001;2567;Q2;SAFE01;3;;;;
;;;;;;;;
CSV
cp messy.csv input/a/utf8.csv
iconv -f UTF-8 -t CP874 messy.csv >input/b/win874.csv
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE messy.csv; } >input/c/utf16.csv
# a wide sheet, tab-separated with Excel's sep= line and Thai indicator names
printf 'sep=\t\nรหัสโรงเรียน\tปีงบ\tรอบ\tระดับความสำเร็จของการดำเนินงานตามมาตรการความปลอดภัยในสถานศึกษา\tSAFE03\t\n1031010002\t2567\tรอบ ๖ เดือน\t๕\t2\t\n' >input/a/wide.tsv.csv
tidtam ingest -q -s 0 -t "$TOP/templates" 2>err.txt
check "ingest reads all four" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM file WHERE status = 'stored'")" = 6 ]
cat err.txt >&2
tidtam validate -q
q() { sqlite3 output/tidtam.db "$1"; }
vals() { # vals FILE: indicator=number of each value of the file, sorted
	q "SELECT v.indicator || '=' || COALESCE(v.number, 'NULL') FROM value v
	   JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id
	   WHERE f.path = '$1' ORDER BY v.row"
}
want=$(printf 'SAFE01=4.0\nSAFE03=1250.0\nQUAL01=91.1111111111111\nQUAL04=62.5\nSAFE01=3.0')
check "UTF-8: values read" [ "$(vals a/utf8.csv)" = "$want" ]
check "Windows-874 (iconv): the same values" [ "$(vals b/win874.csv)" = "$want" ]
check "UTF-16: the same values" [ "$(vals c/utf16.csv)" = "$want" ]
check "Thai digits in the year and unit code" [ "$(q "SELECT group_concat(s.unit_code || '/' || s.fiscal_year || '/' || s.round, ' ') FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'b/win874.csv'")" = "1031010001/2567/6 1031010001/2567/12" ]
check "encodings recorded" [ "$(q "SELECT group_concat(encoding || ' ' || delimiter, ',') FROM (SELECT * FROM file WHERE kind = 'long' ORDER BY path)")" = "UTF-8 ;,Windows-874 ;,UTF-16LE ;" ]
check "header found below the title rows" [ "$(q "SELECT header_row FROM file_sheet s JOIN file f ON f.id = s.file_id WHERE f.path = 'b/win874.csv'")" = 4 ]
check "duplicate reported" [ "$(q "SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path = 'a/utf8.csv' AND i.code = 'W-DUPLICATE'")" -ge 1 ]
check "wide sheet: tab, sep=, Thai name and digits" [ "$(vals a/wide.tsv.csv | tr '\n' ' ')" = "SAFE01=5.0 SAFE03=2.0 " ]
r=$(ls output/receipts/2567/*/b_win874.csv.txt)
check "receipt says the encoding" grep -q "Windows-874" "$r"

# the drop folder
mkdir -p input/d
find input -type f -exec touch -d '-1 hour' {} +
cp input/a/utf8.csv input/d/.hidden.csv
cp input/a/utf8.csv 'input/d/~$lock.csv'
cp input/a/utf8.csv input/d/copying.csv.part
printf 'unit,indicator,fiscal_year,round,value\n1031010003,SAFE01,2567,6,4\n' >input/d/fresh.csv
touch -d '-1 hour' input/d/.hidden.csv
tidtam ingest -s 600 -t "$TOP/templates" >out.txt 2>&1
check "a file just written waits" grep -q "1 modified in the last 600 s" out.txt
check "hidden, lock and partial files are left alone" [ "$(q "SELECT COUNT(*) FROM file WHERE path LIKE 'd/%'")" = 0 ]
tidtam ingest -q -s 0 -t "$TOP/templates"
check "after settling it goes in" [ "$(q "SELECT status FROM file WHERE path = 'd/fresh.csv'")" = stored ]
mv input/a/utf8.csv input/a/renamed.csv
tidtam ingest -s 0 -t "$TOP/templates" >out.txt 2>&1
check "a renamed file is recognised by content" grep -q "1 moved" out.txt
check "and not counted twice" [ "$(q "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'a/renamed.csv'")" = 0 ]
printf 'unit,indicator,fiscal_year,round,value\n1031010003,SAFE01,2567,6,5\n' >input/d/fresh.csv
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam validate -q
check "a corrected file is version 2" [ "$(q "SELECT MAX(version) FROM file WHERE path = 'd/fresh.csv'")" = 2 ]
check "and supersedes version 1" [ "$(q "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'd/fresh.csv' AND s.superseded_by IS NOT NULL AND f.version = 1")" = 1 ]

# a dry run prints the receipt and stores nothing
before=$(q "SELECT COUNT(*) FROM file")
iconv -f UTF-8 -t CP874 messy.csv | sed 's/SAFE03;/SAFE03;x/' >try.csv
tidtam ingest --dry-run try.csv -t "$TOP/templates" >dry.txt 2>/dev/null
check "dry run exits 1 for a rejected unit" [ $? -eq 1 ]
check "dry run prints the receipt" grep -q "ไฟล์: try.csv" dry.txt
check "with the encoding" grep -q "Windows-874 (TIS-620)" dry.txt
check "and the problem, its cell and column" grep -qF "E-TYPE เซลล์ E6 (ผลการดำเนินงาน) พบ “x 1,250”" dry.txt
tidtam ingest --dry-run try.csv --lang en -t "$TOP/templates" >dry-en.txt 2>/dev/null
check "dry run in English" grep -q "error E-TYPE cell E6 (ผลการดำเนินงาน) found \"x 1,250\"" dry-en.txt
tidtam validate -q -l en
part_text b/win874.csv >part-en.txt
check "an English PDF receipt is numbered in English" grep -q '^Page 1 of 1$' part-en.txt
check "dry run stored nothing" [ "$(q "SELECT COUNT(*) FROM file")" = "$before" ]
done_testing
