#!/bin/sh
# The shape of the second test office in its reports: schools directly under
# the office (no networks) and rounds at 6 and 12 months only.  Each year has
# a report card for every school of the unit list (one page, naming the
# school) and none for the refused unit; progress and validation reports for
# rounds 6 and 12 only; no report shows a 3- or 9-month round, prints the
# per-network section, or counts 0 networks.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
grep '^school' expected.txt | cut -f2,3 >schools.txt
refused=$(grep '^unitrow' expected.txt | cut -f4)
check "40 schools expected" [ "$(wc -l <schools.txt)" -eq 40 ]
nettitle=$(sed -n 's/.*<networks [^>]*title="\([^"]*\)".*/\1/p' "$TOP/templates/reports/annual.xml" | head -n 1)
[ -n "$nettitle" ] || nettitle="ผลการดำเนินงานรายเครือข่ายสถานศึกษา"
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
for fy in 2567 2568; do
	dir=output/reports/$fy/SPM35
	missing=0 pages=0 named=0
	while IFS="$(printf '\t')" read -r code name; do
		card=$dir/cards/$code.pdf
		if [ ! -s "$card" ]; then missing=$((missing + 1)); continue; fi
		[ "$(pdfinfo "$card" 2>/dev/null | awk '/^Pages:/{print $2}')" = 1 ] || pages=$((pages + 1))
		pdftotext "$card" - 2>/dev/null | tr -d ' \n' | grep -qF "$(echo "$name" | tr -d ' ')" || named=$((named + 1))
	done <schools.txt
	check "$fy: a card for every school ($missing of 40 missing)" [ $missing -eq 0 ]
	check "$fy: every card is one page ($pages are not)" [ $pages -eq 0 ]
	check "$fy: every card names its school ($named do not)" [ $named -eq 0 ]
	check "$fy: no card for the refused unit $refused" [ ! -e "$dir/cards/$refused.pdf" ]
	check "$fy: no network card files, the office has no networks: $(cd $dir/cards 2>/dev/null && ls network-*.pdf 2>/dev/null | tr '\n' ' ')" \
		sh -c "! ls $dir/cards/network-*.pdf >/dev/null 2>&1"
	for m in 6 12; do
		check "$fy: progress report of ${m} months" [ -s $dir/progress-$fy-${m}m.pdf ]
		check "$fy: validation report of ${m} months" [ -s $dir/validation-$fy-${m}m.pdf ]
	done
	for m in 3 9; do
		check "$fy: no progress or validation report of ${m} months" sh -c \
			"! ls $dir/progress-$fy-${m}m.pdf $dir/validation-$fy-${m}m.* >/dev/null 2>&1"
	done
	for pdf in $dir/annual-$fy.pdf $dir/progress-$fy-*.pdf $dir/validation-$fy-*.pdf; do
		[ -s "$pdf" ] || { not_ok "$pdf not written"; continue; }
		pdftotext -layout "$pdf" - | arabic >text.txt
		b=$(basename "$pdf")
		check "$b shows no 3- or 9-month round: $(grep -oE '(^|[^0-9])[39] เดือน' text.txt | head -n 3 | tr '\n' ' ')" \
			sh -c "! grep -qE '(^|[^0-9])[39] เดือน' text.txt"
		check "$b has no section '$nettitle'" sh -c "! tr -d ' \n' <text.txt | grep -qF '$(echo "$nettitle" | tr -d ' ')'"
		check "$b does not count 0 networks" sh -c "! grep -qE '(^|[^0-9])0 เครือข่าย' text.txt"
	done
done
done_testing
