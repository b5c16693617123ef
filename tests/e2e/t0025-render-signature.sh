#!/bin/sh
# Regression (issue 12, item 4): the shipped templates signed every
# office's foreword with the demo director's name.  No shipped template
# names a person: the foreword ends with a dotted line to sign over and the
# position, ผู้อำนวยการ and the office's name from the unit list.  A year's
# own template may give the name.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
check "no shipped template names a director" sh -c "! grep -rq '<director[^>]*name=' '$TOP/templates'"
check "no shipped file holds the demo director's name" sh -c "! grep -rq 'สมชาย' '$TOP/templates'"

python3 "$TOP/tests/tools/gen-small-office.py" --networks input
office=$(awk -F, '$3 == "office" {print $2}' input/units/*.csv | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/')
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
D=output/reports/2568/4021
want="(………………………………)ผู้อำนวยการ$(echo "$office" | tr -d ' ')"
check "annual report: signed over a dotted line above 'ผู้อำนวยการ$office'" \
	sh -c "pdftotext -f 1 -l 3 $D/annual-2568.pdf - | tr -d '\\n ' | grep -qF '$want'"
# the demo too
rm -rf input output
demo_run
office=$(awk -F, '$3 == "office" {print $2}' input/units/*.csv | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/' | tr -d ' ')
check "demo annual report: a dotted line and its director's position" \
	sh -c "pdftotext -f 1 -l 3 output/reports/2567/3101/annual-2567.pdf - | tr -d '\\n ' | grep -qF '(………………………………)ผู้อำนวยการ$office'"

# a year's template names the director; the other reports keep the line
cp -r "$TOP/templates" tpl
mkdir -p tpl/reports/2567
sed 's|<director position=|<director name="นางสาวอรุณี ทดลองดี" position=|' tpl/reports/annual.xml >tpl/reports/2567/annual.xml
check "the year's template names a director" grep -q 'name="นางสาวอรุณี' tpl/reports/2567/annual.xml
tidtam render -q -t tpl 2>err.txt
check "render with the year's template exits 0" [ $? -eq 0 ]
check "the year's annual report is signed by name" \
	sh -c "pdftotext -f 1 -l 3 output/reports/2567/3101/annual-2567.pdf - | tr -d '\\n ' | grep -qF '(นางสาวอรุณีทดลองดี)ผู้อำนวยการ$office'"
check "the year's progress reports (the shipped template) name no one" \
	sh -c "! pdftotext output/reports/2567/3101/progress-2567-6m.pdf - | grep -q 'อรุณี'"
done_testing
