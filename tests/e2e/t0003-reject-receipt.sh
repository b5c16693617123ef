#!/bin/sh
# A file with wrong values is rejected, and its receipt names the row,
# column, value and code of each problem, in Thai.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input
cp -r "$TOP/input/framework" "$TOP/input/units" input/
mkdir -p input/sub
printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\r\n1031010001,SAFE01,2567,6,4,,,,2024-04-02\r\n1031010001,QUAL01,2567,6,,52,48,,2024-04-02\r\n1031010002,OPP01,2567,6,7,,,,2024-04-02\r\n1031010003,OPP01,2567,6,3,,,,2024-04-02\r\n' > input/sub/bad.csv
tidtam ingest -q -s 0 -t "$TOP/templates"
tidtam validate -q
check "validate exits 1 on rejected input" [ $? -eq 1 ]
r1=output/receipts/2567/1031010001/sub_bad.csv.txt
r=$(ls output/receipts/2567/*/sub_bad.csv.txt 2>/dev/null | head -n 1)
check "receipt written" [ -n "$r" ]
check "receipt names cell F3, the numerator column, and what was found" grep -qF "E-RATIO เซลล์ F3 (numerator) พบ “52/48”" "$r"
check "receipt names cell E4, the value column" grep -qF "E-RANGE เซลล์ E4 (value) พบ “7”" "$r"
check "receipt says rejected in Thai" grep -q "\[ไม่รับ\] 1031010001" "$r"
check "the correct unit is accepted" grep -q "\[รับ\] 1031010003" "$r"
check "issues stored with English text" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue WHERE severity = 'error' AND message_en <> ''")" = 2 ]
[ -n "$r1" ]
done_testing
