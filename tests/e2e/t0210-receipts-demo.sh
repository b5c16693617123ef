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
size=$(wc -c <input/submissions/2567/6m/wrong/long-N05-first-try.csv)
check "version and size said apart ($size bytes)" grep -qx "ฉบับที่ ๑ · ขนาด $(thai_digits $size) ไบต์" "$r"
ls output/reports/2567/*/cards/*.pdf | head -n 12 >cards.txt
cards_checked $(cat cards.txt)

# the next day: nothing changed keeps its receipts byte for byte, date included
next_day input/submissions/2567/6m/wrong/long-N05-first-try.csv
# the second day's receipts pass the same checks
receipts_checked "$years" 2
done_testing
