#!/bin/sh
# The dimensions of results besides the OBEC policy (the office standards,
# the demo's performance agreement) each get a part of the annual report
# of their own, in the framework's order: a top-level entry of the outline
# and a line of the contents with its areas under it, and in its pages the
# rows of its indicators, none of which is in the policy part.  The demo and
# office2 (both years), expected from the framework XML
# (tests/tools/check-synthesis.py).
. "$(dirname "$0")/lib.sh"
verdicts() {
	while read -r verdict rest; do
		if [ "$verdict" = ok ]; then ok; else not_ok "$1: $rest"; fi
	done
}
demo_run
python3 "$TOP/tests/tools/check-synthesis.py" dimensions input/framework/2567.xml \
	output/tidtam.db output/reports/2567/3101/annual-2567.pdf >demo.txt 2>&1
verdicts demo <demo.txt
check "demo: both dimensions checked" [ "$(grep -c "^ok dimension .*outline entries" demo.txt)" -eq 2 ]
check "demo: the annual report passes qpdf --check" \
	sh -c "qpdf --check output/reports/2567/3101/annual-2567.pdf >/dev/null"

# office2 in a folder of its own (run_once leaves the current folder there)
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
for fy in 2567 2568; do
	python3 "$TOP/tests/tools/check-synthesis.py" dimensions input/framework/$fy.xml \
		output/tidtam.db output/reports/$fy/SPM35/annual-$fy.pdf >o2-$fy.txt 2>&1
	verdicts "office2 $fy" <o2-$fy.txt
	check "office2 $fy: the standards' four indicators checked" \
		[ "$(grep -c "^ok indicator S[0-9]*'s row" o2-$fy.txt)" -eq 4 ]
done
# the progress template has no <dimensions/>: no part of its own there
qpdf --json --json-key=outlines output/reports/2567/SPM35/progress-2567-12m.pdf >progress.json
check "office2: the progress report has no standards part" \
	sh -c "grep -q 'ผลการดำเนินงานตามนโยบาย' progress.json &&
	       ! grep -q '\"title\": \"ผลการดำเนินงานตามมาตรฐาน' progress.json"
done_testing
