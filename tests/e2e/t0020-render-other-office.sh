#!/bin/sh
# The shipped templates on an office unlike the demo: its own indicator
# codes, schools with 6-digit codes directly under the office (no
# networks), rounds at 6 and 12 months only, no projects file.  Every
# report is made; no network part, no budget part and no 3 or 9-month
# round appears; a target of 0.8 prints as 0.8; a count of 10,000 or more
# keeps to one line; the summary line chart has two rounds.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" input 2567
# the expected figures, from the input files
sum12=$(awk -F, '$2 == "M-STUD" && $4 == 12 {s += $5} END {print s}' input/submissions/2567/long-12m.csv)
check "the test office has a count of 10,000 or more ($sum12)" [ "$sum12" -ge 10000 ]
# a file refused, in a folder whose name has digits: its path is printed as written
mkdir -p "input/submissions/2567/รอบ 6 เดือน"
printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\n320101,M-LEVEL,2567,6,9,,,,2024-04-12\n' \
	>"input/submissions/2567/รอบ 6 เดือน/แก้ไข 2.csv"
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "run exits 1 (one file refused)" [ $? -eq 1 ]
cat err.txt >&2
dir=output/reports/2567/2032
for f in annual-2567.pdf progress-2567-6m.pdf progress-2567-12m.pdf validation-2567-6m.pdf \
	validation-2567-12m.pdf validation-2567-12m.csv; do
	check "$f made" [ -s "$dir/$f" ]
done
check "no 3 or 9-month report" sh -c "! ls $dir | grep -qE '(3|9)m\\.'"
check "a card per school (12)" [ "$(ls $dir/cards/ | grep -cE '^[0-9]{6}\.pdf$')" -eq 12 ]
check "no network card file" sh -c "! ls $dir/cards | grep -q network"

arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
pdftotext -layout $dir/annual-2567.pdf annual.txt
arabic <annual.txt >annual-ar.txt
check "the refused file's path and school code as written, on its row" \
	grep -qE '^submissions/2567/รอบ 6 เดือน/.* +320101 +๖ ' annual.txt
check "no network section" sh -c "! grep -q 'รายเครือข่าย' annual.txt"
check "no budget section" sh -c "! grep -q 'โครงการและการใช้จ่ายงบประมาณ' annual.txt"
check "the foreword names no networks" sh -c "! grep -q 'เครือข่าย' annual.txt"
check "6 and 12-month columns" sh -c "grep -q '6 เดือน' annual-ar.txt && grep -q '12 เดือน' annual-ar.txt"
check "no 3 or 9-month column or round" sh -c "! grep -qE '(^|[^0-9])(3|9) เดือน' annual-ar.txt"
row=$(grep -E '^ *M-DROP ' annual.txt | head -n 1)
check "target 0.8 printed as ๐.๘ ($row)" sh -c "echo '$row' | grep -q ' ๐\\.๘ '"
fmt=$(printf "%'d" "$sum12" 2>/dev/null | arabic)
case $fmt in *,*) ;; *) fmt=$(echo "$sum12" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta') ;; esac
row=$(grep -E '^ *M-STUD ' annual-ar.txt | head -n 1)
check "the count $fmt on one line of its row ($row)" sh -c "echo '$row' | grep -qF ' $fmt '"
# the rows of the annual report: M-DROP's 12-month rate from the input files
rate=$(awk -F, '$2 == "M-DROP" && $4 == 12 {n += $6; d += $7} END {printf "%.2f", 100 * n / d}' \
	input/submissions/2567/long-12m.csv)
row=$(grep -E '^ *M-DROP ' annual-ar.txt | head -n 1)
check "M-DROP 12-month rate $rate printed ($row)" sh -c "echo '$row' | grep -qF ' $rate '"
pdftotext -layout $dir/progress-2567-6m.pdf p6.txt
head=$(grep -E '^ *รหัส ' p6.txt | head -n 1)
check "6-month report's table has the 6-month column only ($head)" \
	sh -c "echo '$head' | grep -q '๖ เดือน' && ! echo '$head' | grep -qE '(๑๒|๙|๓) เดือน'"
check "6-month report has no 3 or 9-month round" sh -c "! grep -qE '(^| )(๙|๓) เดือน' p6.txt"
# every school's card shows no office name as its network
card=$(pdftotext $dir/cards/320101.pdf - | tr -s ' \n' ' ')
check "a card names its school" sh -c "echo '$card' | grep -q 'โรงเรียนมัธยมทดสอบ'"
check "a card's network line is not the office" \
	sh -c "! echo '$card' | grep -q 'สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ ผลการดำเนินงานล่าสุด'"
check "the validation CSV has no network names" \
	sh -c "! cut -d, -f3 $dir/validation-2567-12m.csv | grep -q 'สำนักงาน'"
# every school sent every indicator of the round, the text one too
sent=$(awk -F, '$4 == 12 {n++} END {print n}' input/submissions/2567/long-12m.csv)
check "the input holds 12 schools x 4 indicators at 12 months ($sent)" [ "$sent" -eq 48 ]
row=$(pdftotext -layout $dir/validation-2567-12m.pdf - | grep 'กลุ่มส่งเสริมการจัดการศึกษา' | head -n 1)
# the last column, a percentage said by its header, without "%"
check "the group's values are 100 per cent complete ($row)" sh -c "echo '$row' | grep -qE ' 100\.00\s*$'"

# the blank forms offer the framework's rounds only
tidtam forms --fy 2567 >/dev/null
check "forms exit 0" [ $? -eq 0 ]
unzip -p output/forms/2567/forms-2567.xlsx xl/worksheets/sheet1.xml >sheet1.xml
check "the workbook's round list is 6 and 12" grep -q '<formula1>"6,12"</formula1>' sheet1.xml
check "the XML form asks for round 6 or 12" grep -q 'กรอกรอบ (6 หรือ 12)' output/forms/2567/xml/320101.xml
done_testing
