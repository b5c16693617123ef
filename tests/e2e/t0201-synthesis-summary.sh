#!/bin/sh
# The executive summary in sentences from the data: per area (of every
# dimension) how many indicators achieved their target out of those with a
# result, and the indicator furthest below its target named first with its
# target, all computed from the result table and the framework XML; and the
# synthesis part: the problems and the suggestions sent, gathered (near-equal
# texts once), most frequent first, with a count only above one, computed
# from the narrative rows; no "(๑ หน่วยงาน)" anywhere.  Demo and office2.
. "$(dirname "$0")/lib.sh"
verdicts() {
	while read -r verdict rest; do
		if [ "$verdict" = ok ]; then ok; else not_ok "$1: $rest"; fi
	done
}
both() { # both NAME FRAMEWORK PDF
	for what in summary synthesis; do
		python3 "$TOP/tests/tools/check-synthesis.py" $what "$2" output/tidtam.db "$3" \
			>"$1-$what.txt" 2>&1
		verdicts "$1 $what" <"$1-$what.txt"
	done
	check "$1: an area count checked" grep -q "^ok summary: .* achieved" "$1-summary.txt"
	check "$1: the furthest-below indicator checked" grep -q "^ok summary: furthest" "$1-summary.txt"
	check "$1: problems checked in order" grep -q "^ok synthesis problems" "$1-synthesis.txt"
}
demo_run
both demo input/framework/2567.xml output/reports/2567/3101/annual-2567.pdf
# office2 in a folder of its own (run_once leaves the current folder there)
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
for fy in 2567 2568; do
	both "office2-$fy" input/framework/$fy.xml output/reports/$fy/SPM35/annual-$fy.pdf
done
# completeness and budget in words, from the tables
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
pdftotext output/reports/2567/SPM35/annual-2567.pdf - | arabic | tr -d ' \n' >annual.txt
set -- $(sqlite3 -separator ' ' output/tidtam.db "SELECT expected, received, on_time FROM completeness
	WHERE unit_code = 'SPM35' AND fiscal_year = 2567 AND round = 12")
check "office2: the summary says $2 of $1 units reported, $3 on time" \
	grep -q "หน่วยงานที่ต้องรายงาน$1แห่งส่งรายงานแล้ว$2แห่ง.*ส่งตรงเวลา$3แห่ง" annual.txt
done_testing
