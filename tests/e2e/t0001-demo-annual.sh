#!/bin/sh
# The whole pipeline on the demo office: the annual report exists, passes
# qpdf, gives its Thai back through pdftotext, and its numbers for three
# indicators equal numbers computed here straight from the input files.
. "$(dirname "$0")/lib.sh"
demo_run
pdf=output/reports/2567/3101/annual-2567.pdf
check "annual report written" [ -s "$pdf" ]
check "qpdf --check passes" sh -c "qpdf --check '$pdf' >/dev/null 2>&1"
# the report prints Thai digits: compare in Arabic ones
pdftotext -layout "$pdf" - 2>/dev/null | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >text.txt
pdftotext "$pdf" - 2>/dev/null | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >plain.txt
for s in "รายงานผลการดำเนินงาน" "ประจำปีงบประมาณ พ.ศ. 2567" \
	"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์ เขต 1" "ด้านความปลอดภัย" \
	"ด้านคุณภาพ" "ความครบถ้วนและความทันเวลาของการรายงาน" "ผลการดำเนินงานตามนโยบายและกลยุทธ์"; do
	check "pdftotext gives back '$s'" grep -qF "$s" plain.txt
done

# the 12-month figure printed on an indicator's row
row_has() { grep -E "^ *$1 " text.txt | head -n 1 | grep -qF -- "$2"; }
commas() { echo "$1" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta'; }

# QUAL03, sum over schools: the QUAL03 column of the networks' wide sheets
q3=$(for f in input/submissions/2567/12m/wide-*.csv; do
	awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="QUAL03") c=i; next} c&&$c!=""{s+=$c} END{print s+0}' "$f"
done | awk '{s+=$1} END{print s}')
check "QUAL03 12-month sum $q3 in the PDF" row_has QUAL03 "$(commas "$q3")"

# QUAL01, ratio of sums: numerators over denominators of the long sheets
q1=$(cat input/submissions/2567/12m/long-*.csv | tr -d '\r' |
	awk -F, '$2=="QUAL01"{n+=$6; d+=$7} END{printf "%.2f", n/d*100}')
check "QUAL01 12-month ratio $q1 in the PDF" row_has QUAL01 "$q1"

# SAFE02, count of yes: the XML forms of the 12-month round
s2=$(grep -l '<value indicator="SAFE02">yes</value>' input/submissions/2567/12m/forms/*.xml | wc -l)
check "SAFE02 12-month count $s2 in the PDF" row_has SAFE02 " $s2 "

# completeness, 12 months, office: schools expected vs forms received
forms=$(ls input/submissions/2567/12m/forms/*.xml | wc -l)
schools=$(grep -c ',school,' input/units/units-2567.csv)
# the office's row of units sent / due, a column per round, 12 months last
sent12=$(sed -n '/จำนวนหน่วยงานที่ส่งข้อมูลแล้ว/,$p' text.txt | grep -v 'หน้า [0-9]' |
	grep -E '^สำนักงาน.* [0-9]+ / [0-9]+ *$' | head -n 1 | grep -oE '[0-9]+ / [0-9]+' | tail -n 1)
check "office row counts $forms schools received at 12 months ($sent12)" \
	[ "$sent12" = "$((forms + 1)) / $((schools + 1))" ]
check "every output is valid UTF-8 (database, receipts, CSV, PDF text)" \
	python3 "$TOP/tests/tools/check-utf8.py" output
done_testing
