#!/bin/sh
# A national roll-up on the second office's frameworks (2567 and 2568,
# rounds at 6 and 12 months, indicators unlike the demo's): the nation
# (kind สพฐ.) with the second office, two offices made up from its exports
# and the demo office, whose indicators these frameworks lack (its rows
# passed over and counted).  For each year the nation's results, offices
# achieved, ranks and exports are worked out from the files alone
# (tests/tools/national-expect.py) and found in the reports.
. "$(dirname "$0")/lib.sh"
demo_run
tidtam export -q --fy 2567 --format csv --to "$WORK/demo.csv"
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
o2=$(sqlite3 output/tidtam.db "SELECT code FROM unit WHERE kind = 'office'")
n=nat/input
mkdir -p $n/framework $n/units $n/exports
synth="$TOP/tests/tools/national-synth.py"
for fy in 2567 2568; do
	tidtam export -q --fy $fy --format csv --to area-$fy.csv
	check "$fy: the export is written" [ -s area-$fy.csv ]
	cp input/framework/$fy.xml $n/framework/
	cp area-$fy.csv $n/exports/$o2-$fy.csv
	python3 "$synth" area-$fy.csv "$o2" SPM40 "สพม.ทดสอบ 40" 0.8 -30 >$n/exports/SPM40-$fy.csv
	python3 "$synth" area-$fy.csv "$o2" SPM41 "สพม.ทดสอบ 41" 1.3 20 12 >$n/exports/SPM41-$fy.csv
done
cp "$WORK/demo.csv" $n/exports/3101-2567.csv
cat >$n/units/offices.csv <<EOF2
code,name,kind,parent
NATION,สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน,obec,
$o2,สพม.ภูผาทอง,สพม.,NATION
SPM40,สพม.ทดสอบ 40,สพม.,NATION
SPM41,สพม.ทดสอบ 41,สพม.,NATION
3101,สพป.บุรีรัมย์ เขต 1,สพป.,NATION
EOF2
offices=$(printf '3101\nSPM40\nSPM41\n%s\n' "$o2" | LC_ALL=C sort | paste -sd,)
(cd nat && tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt)
check "the national run takes every export with no rejection: $(head -c 300 nat/err.txt)" [ $? -eq 0 ]
ndb=nat/output/tidtam.db
check "the demo office's rows are all passed over: no submission of 3101" \
	[ "$(sqlite3 $ndb "SELECT COUNT(*) FROM submission WHERE unit_code = '3101'")" -eq 0 ]
receipt=$(ls nat/output/receipts/2567/*/exports_3101-2567.csv.txt)
check "its receipt counts the rows of indicators not in the framework" \
	grep -q "ตัวชี้วัดที่ไม่มีในกรอบการติดตาม" "$receipt"
for fy in 2567 2568; do
	rep=nat/output/reports/$fy/NATION
	for m in 6 12; do
		check "$fy ${m}m: a national report" sh -c "qpdf --check $rep/national-$fy-${m}m.pdf >/dev/null 2>&1"
	done
	check "$fy: no report of other rounds" [ "$(ls $rep/national-*.pdf | wc -l)" -eq 2 ]
	for o in $(echo "$offices" | tr , ' '); do
		check "$fy $o: its summary" sh -c "qpdf --check $rep/offices/$o-$fy.pdf >/dev/null 2>&1"
	done
	for m in 6 12; do
		python3 "$TOP/tests/tools/national-expect.py" $n/framework/$fy.xml $m "$offices" \
			$n/exports/*-$fy.csv >expect-$fy-$m.txt
		check "$fy ${m}m: expectations worked out" [ "$(grep -c '^NAT' expect-$fy-$m.txt)" -gt 10 ]
		pdftotext -layout $rep/national-$fy-${m}m.pdf nat.txt
		bad=$(national_results expect-$fy-$m.txt nat.txt)
		check "$fy ${m}m: every national result and offices achieved as worked out ($bad wrong)" [ $bad -eq 0 ]
		bad=$(national_exports expect-$fy-$m.txt nat.txt $ndb "$offices")
		check "$fy ${m}m: each office's exports as the files' dates say ($bad wrong)" [ $bad -eq 0 ]
	done
	bad=0
	for o in SPM40 SPM41 "$o2"; do
		pdftotext -layout $rep/offices/$o-$fy.pdf sum.txt
		while read -r tag office code rank; do
			[ "$tag" = RANK ] && [ "$office" = "$o" ] || continue
			line=$(grep -E "^ *[A-Za-z0-9]+ +$code " sum.txt | head -n 1)
			case " $line " in
			*" $rank "*) ;;
			*) bad=$((bad + 1)); echo "$fy $o $code: want rank $rank in: $line" >&2 ;;
			esac
		done <expect-$fy-12.txt
	done
	check "$fy: every office's rank as worked out ($bad wrong)" [ $bad -eq 0 ]
done
done_testing
