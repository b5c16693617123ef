#!/bin/sh
# Receipts and school cards readable when printed, on the second office
# (no networks, 6-digit codes, Windows-874 unit list, two fiscal years):
# the checks of t0210 (tests/tools/check-receipts.py), the next day's run
# included; tidtam check of a card's optional columns; then a template of
# 2568 that says digits="arabic" gives that year's receipts Arabic digits
# and leaves 2567's Thai.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/receipts.sh"
office2_run
years=$(ls output/receipts | paste -sd, -)
receipts_checked "$years"
f=submissions/2567/รอบ6/สรุปผลรายโรงเรียน-2567-รอบ6.xlsx
r=$(ls output/receipts/2567/*/submissions_2567_รอบ6_สรุปผลรายโรงเรียน-2567-รอบ6.xlsx.txt)
size=$(python3 -c "import os; print(format(os.path.getsize('input/$f'), ',').translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')))")
check "version and size said apart ($size)" grep -qx "ฉบับที่ ๑ · ขนาด $size ไบต์" "$r"
check "a problem names its sheet and cell" \
	grep -qF "ข้อผิดพลาด E-UNIT ชีต “ผลรายโรงเรียน” เซลล์ A" "$r"
ls output/reports/*/*/cards/*.pdf | head -n 12 >cards.txt
cards_checked $(cat cards.txt)

# the next day: nothing changed keeps its receipts byte for byte, date included
next_day "input/$f"
receipts_checked "$(ls output/receipts | paste -sd, -)" 2

# a card's optional columns are among its columns, and its least size in points
sed 's/optional="code unit"/optional="percent 3m"/' "$TOP/templates/reports/card.xml" >card.xml
tidtam check card.xml >check.txt 2>&1
check "tidtam check refuses an optional column the table lacks" grep -q "optional column '3m' is not one of its columns" check.txt
sed 's/min-font-size="12"/min-font-size="6"/' "$TOP/templates/reports/card.xml" >card.xml
check "and a least size under 8 points" sh -c "! tidtam check card.xml >/dev/null 2>&1"

# the office's digits, per year: 2568's annual template says Arabic
cp -r "$TOP/templates" tpl
mkdir -p tpl/reports/2568
sed 's/digits="thai"/digits="arabic"/' tpl/reports/annual.xml >tpl/reports/2568/annual.xml
check "the year's template says arabic" grep -q 'digits="arabic"' tpl/reports/2568/annual.xml
tidtam validate -q -t tpl 2>/dev/null
thai=$(ls output/receipts | grep -vx 2568 | paste -sd, -)
# digits: 2568's receipts in Arabic digits, the others' Thai
receipts_checked "$thai" 3
check "an Arabic receipt of 2568" sh -c \
	"grep -h '^วันที่ออก' output/receipts/2568/*/*.txt | grep -q '[0-9]'"
check "a Thai one of 2567" sh -c \
	"grep -h '^วันที่ออก' output/receipts/2567/*/*.txt | grep -qv '[0-9]'"
done_testing
