#!/bin/sh
# Receipts and school cards readable when printed, on the demo office:
# receipts' body at 14 pt or more, the number (the same in the text, the PDF
# and the JSON, one per file), the office above the file's units in the
# unit list, Thai digits as the annual template says, Thai quotation marks;
# the date of issue kept by a run on the next day for files unchanged, a new
# file dated that day; cards at 12 pt or more, their notes above the footer
# (tests/tools/check-receipts.py).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/receipts.sh"
demo_run
years=$(ls output/receipts | paste -sd, -)
receipts_checked "$years"
r=$(ls output/receipts/2567/*/submissions_2567_6m_wrong_long-N05-first-try.csv.txt)
check "a rejected receipt names the cell and quotes the value found" \
	grep -qF "    - ข้อผิดพลาด E-RATIO เซลล์ F2 (numerator) พบ “52/48”" "$r"
check "and says what is wrong on the line below" \
	sh -c "grep -A1 -F 'E-RATIO เซลล์ F2' '$r' | tail -n 1 | grep -q '^      .*ตัวตั้งมากกว่าตัวหาร'"
check "version and size said apart" grep -qx "ฉบับที่ ๑ · ขนาด ๒๖๓ ไบต์" "$r"
ls output/reports/2567/*/cards/*.pdf | head -n 12 >cards.txt
cards_checked $(cat cards.txt)

# the next day: nothing changed keeps its receipts byte for byte, date included
find output/receipts -type f | sort | xargs sha256sum >before.sum
day2=$(( ${SOURCE_DATE_EPOCH:-$(date +%s)} + 86400 ))
cp input/submissions/2567/6m/wrong/long-N05-first-try.csv input/day2.csv
echo "" >>input/day2.csv
SOURCE_DATE_EPOCH=$day2 tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
find output/receipts -type f | sort | xargs sha256sum >after.sum
check "receipts of files unchanged are the same bytes the next day" \
	sh -c "grep -v day2 after.sum | diff before.sum -"
want=$(python3 -c "
import datetime
d = datetime.datetime.fromtimestamp($day2, datetime.timezone.utc).date()
m = ['มกราคม','กุมภาพันธ์','มีนาคม','เมษายน','พฤษภาคม','มิถุนายน','กรกฎาคม','สิงหาคม','กันยายน','ตุลาคม','พฤศจิกายน','ธันวาคม']
print(('%d %s %d' % (d.day, m[d.month - 1], d.year + 543)).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')))")
new=$(ls output/receipts/*/*/day2.csv.txt)
check "a file received the next day is dated that day ($want)" grep -qx "วันที่ออก $want" "$new"
check "and the receipts of the day before are not" sh -c "! grep -qx 'วันที่ออก $want' '$r'"
# the second day's receipts pass the same checks
receipts_checked "$years" 2
done_testing
