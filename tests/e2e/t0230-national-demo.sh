#!/bin/sh
# A national roll-up on OBEC's framework of 2567 (the demo's): a national
# folder whose unit list has the nation (kind สพฐ.) at its root and the
# offices under it takes the results exports of the demo office (3101),
# of the second office (whose own indicators this framework lacks: its rows
# are passed over and counted, not rejected), of three offices made up from
# the demo's export with other codes, values and dates, and lists one office
# that sends nothing.  The nation's result of every indicator, how many
# offices achieved, each office's rank and which offices sent on time are
# worked out from the export files and the framework alone
# (tests/tools/national-expect.py) and found in the national reports and
# the offices' summaries; the reports are made again only when an export
# changes.
. "$(dirname "$0")/lib.sh"
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
tidtam export -q --fy 2567 --format csv --to "$WORK/office2.csv"
o2=$(sqlite3 output/tidtam.db "SELECT code FROM unit WHERE kind = 'office'")
demo_run
tidtam export -q --fy 2567 --format csv --to area.csv
check "the exports are written" [ -s area.csv ] && [ -s "$WORK/office2.csv" ]

n=nat/input
mkdir -p $n/framework $n/units $n/exports
cp input/framework/2567.xml $n/framework/
synth="$TOP/tests/tools/national-synth.py"
# 3201 a little lower and on time, 3301 higher and late, 3401 half and
# without its last round; 3501 sends nothing
python3 "$synth" area.csv 3101 3201 "สพป.ทดสอบ เขต 2" 0.9 -40 >$n/exports/3201-2567.csv
python3 "$synth" area.csv 3101 3301 "สพป.ทดสอบ เขต 3" 1.1 10 >$n/exports/3301-2567.csv
python3 "$synth" area.csv 3101 3401 "สพป.ทดสอบ เขต 4" 0.5 -60 12 >$n/exports/3401-2567.csv
cp area.csv $n/exports/3101-2567.csv
cp "$WORK/office2.csv" $n/exports/$o2-2567.csv
cat >$n/units/offices.csv <<EOF
code,name,kind,parent
OBEC,สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน,สพฐ.,
3101,สพป.บุรีรัมย์ เขต 1,สพป.,OBEC
3201,สพป.ทดสอบ เขต 2,สพป.,OBEC
3301,สพป.ทดสอบ เขต 3,สพป.,OBEC
3401,สพป.ทดสอบ เขต 4,สพป.,OBEC
3501,สพป.ทดสอบ เขต 5,สพป.,OBEC
$o2,สพม.ทดสอบ,สพม.,OBEC
EOF
offices=$(printf '3101\n3201\n3301\n3401\n3501\n%s\n' "$o2" | LC_ALL=C sort | paste -sd,)
(cd nat && tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt)
check "the national run takes every export with no rejection: $(head -c 300 nat/err.txt)" [ $? -eq 0 ]
ndb=nat/output/tidtam.db
check "nothing is rejected" [ "$(sqlite3 $ndb "SELECT COUNT(*) FROM issue WHERE code LIKE 'E-%'")" -eq 0 ]
rep=nat/output/reports/2567/OBEC

# the second office's rows: its schools' passed over, its own indicators
# (none in this framework) passed over and counted
other=$(python3 - "$WORK/office2.csv" input/framework/2567.xml "$o2" <<'PY'
import csv, re, sys
known = set(re.findall(r'<indicator [^>]*code="([^"]+)"', open(sys.argv[2], encoding="utf-8").read()))
with open(sys.argv[1], encoding="utf-8-sig") as f:
    print(sum(1 for r in csv.DictReader(f) if r["unit_code"] == sys.argv[3]
              and (r["value"] or r["numerator"] or r["denominator"]) and r["indicator"] not in known))
PY
)
receipt=$(ls nat/output/receipts/2567/*/exports_$o2-2567.csv.txt)
check "the second office's $other rows of indicators not in the framework are counted in its receipt" \
	sh -c "[ $other -gt 0 ] && grep -q 'ตัวชี้วัดที่ไม่มีในกรอบการติดตาม.* $(thai_digits $other) แถว ข้ามไป' '$receipt'"
check "the second office has no submission" \
	[ "$(sqlite3 $ndb "SELECT COUNT(*) FROM submission WHERE unit_code = '$o2'")" -eq 0 ]

# the nation's results: aggregate rolled the offices up
check "the nation has results of every indicator it aggregates" \
	[ "$(sqlite3 $ndb "SELECT COUNT(DISTINCT indicator) FROM result WHERE unit_code = 'OBEC' AND reporting > 0")" -gt 20 ]
check "the nation owes nothing itself: its completeness counts its six offices" \
	[ "$(sqlite3 $ndb "SELECT group_concat(DISTINCT expected) FROM completeness WHERE unit_code = 'OBEC'")" = 6 ]

for m in 3 6 9 12; do
	check "${m}m: a national report" [ -s $rep/national-2567-${m}m.pdf ]
done
check "no reports of the offices under the nation but the nation's" \
	[ -z "$(find nat/output/reports/2567 -name '*.pdf' ! -path '*/OBEC/*')" ]
check "no cards folder for the nation, which has no school under it" [ ! -e $rep/cards ]
for o in $(echo "$offices" | tr , ' '); do
	check "$o: its summary" [ -s $rep/offices/$o-2567.pdf ]
done
for f in $rep/national-2567-*.pdf $rep/offices/*.pdf; do
	check "$(basename "$f"): qpdf --check" sh -c "qpdf --check '$f' >/dev/null 2>&1"
done

# what the reports must print, from the exports and the framework alone
python3 "$TOP/tests/tools/national-expect.py" input/framework/2567.xml 12 "$offices" \
	$n/exports/*.csv >expect.txt
check "expectations worked out: $(grep -c '^NAT' expect.txt) indicators" [ "$(grep -c '^NAT' expect.txt)" -gt 20 ]
pdftotext -layout $rep/national-2567-12m.pdf nat12.txt
check "the national report is Thai text" grep -q "ผลการดำเนินงานระดับประเทศรายตัวชี้วัด" nat12.txt
check "no percent sign after a number" sh -c "! grep -qE '[0-9]%|[๐๑๒๓๔๕๖๗๘๙]%' nat12.txt"
bad=$(national_results expect.txt nat12.txt)
check "every indicator's national result and offices achieved as worked out ($bad wrong)" [ $bad -eq 0 ]

# the exports part: each office's rounds, on time, late or not sent
tr -s ' \n' ' ' <nat12.txt >nat12.flat
bad=$(national_exports expect.txt nat12.txt $ndb "$offices")
check "each office's exports, round by round, as the files' dates say ($bad wrong)" [ $bad -eq 0 ]
check "the offices that sent nothing are named as not sent" \
	grep -q "ยังไม่ส่ง ๒ เขต ได้แก่ สพป.ทดสอบ เขต ๕ สพม.ทดสอบ" nat12.flat

# each office's summary: its rank of every indicator
bad=0
for o in 3101 3201 3301 3401; do
	pdftotext -layout $rep/offices/$o-2567.pdf sum-$o.txt
	tr -s ' \n' ' ' <sum-$o.txt >sum-$o.flat
	while read -r tag office code rank; do
		[ "$tag" = RANK ] && [ "$office" = "$o" ] || continue
		line=$(grep -E "^ *P[0-9]+ +$code |^ *[A-Z0-9]+ +$code " sum-$o.txt | head -n 1)
		case " $line " in
		*" $rank "*) ;;
		*) bad=$((bad + 1)); echo "$o $code: want rank $rank in: $line" >&2 ;;
		esac
	done <expect.txt
	mw=$(awk -v o="$o" '$1 == "OFFICES-ACHIEVED" && $2 == o { print $3 }' expect.txt)
	check "$o: its summary says ${mw#*/} results with a target, ${mw%/*} achieved" \
		grep -q "ที่มีเป้าหมาย $(thai_digits ${mw#*/}) ตัว บรรลุเป้าหมาย $(thai_digits ${mw%/*}) ตัว" sum-$o.flat
done
check "every office's rank of every indicator as worked out ($bad wrong)" [ $bad -eq 0 ]

# the index pages link every national report and summary
python3 "$TOP/tests/tools/check-index.py" nat/output counts.tsv >walk.txt
check "the index pages link every report, summary and receipt: $(grep problem walk.txt | head -n 3)" \
	sh -c "! grep -q problem walk.txt"
check "the nation's page names its national reports and the offices' summaries" \
	sh -c "grep -q 'รายงานสรุปผลระดับประเทศ รอบ ๑๒ เดือน' $rep/index.html &&
	       grep -q 'href=\"offices/3201-2567.pdf\"' $rep/index.html"

# the national templates pass tidtam check; a national section in an
# area's annual report is refused, in Thai and English
check "tidtam check passes national.xml and office-summary.xml" \
	tidtam check "$TOP/templates/reports/national.xml" "$TOP/templates/reports/office-summary.xml"
mkdir tpl && cp "$TOP/templates/reports/logo.png" tpl/
sed 's|<summary title="บทสรุปสำหรับผู้บริหาร" chart="yes"/>|<office-areas title="x"/>|' \
	"$TOP/templates/reports/annual.xml" >tpl/annual.xml
tidtam check tpl/annual.xml >tpl.txt 2>&1
check "tidtam check refuses a national section in an annual report: $(head -c 200 tpl.txt)" \
	sh -c "[ $? -eq 1 ] && grep -q 'office-areas> belongs only in a national report' tpl.txt &&
	       grep -q 'ใช้ได้เฉพาะในแม่แบบรายงานระดับประเทศ' tpl.txt"

# pages as set: a landscape table page of the national results
pdftoppm -r 50 -png -f 9 -l 9 $rep/national-2567-12m.pdf page
check "a page of the national results is drawn" [ -s page-09.png ] || [ -s page-9.png ]

# made again only when an export changes
(cd nat && tidtam run -s 0 -t "$TOP/templates" >again.txt 2>&1)
check "a second run makes no report: $(grep render nat/again.txt)" \
	grep -q "render: 0 annual and progress reports, 0 validation reports" nat/again.txt
# 3501 sends its 12-month round late: only the 12-month national report
# and the summaries (whose ranks it changes) are made again
python3 "$synth" area.csv 3101 3501 "สพป.ทดสอบ เขต 5" 1 0 3,6,9 >$n/exports/3501-2567.csv
(cd nat && tidtam run -s 0 -t "$TOP/templates" >changed.txt 2>&1)
made=$(sed -n 's/^render: \([0-9]*\) annual.*/\1/p' nat/changed.txt)
check "an office's export of round 12 came: the 12-month national report and the six summaries are made again, no other ($made)" \
	[ "$made" -eq 7 ]
done_testing
