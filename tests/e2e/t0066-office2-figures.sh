#!/bin/sh
# Figures and codes of the second test office as they are: a count of
# 10,000 or more is never broken across lines (the office's M101 total, in
# the annual and 12-month progress reports); the target 0.8 prints as 0.8 on
# the reports and the cards; the digits of file paths and of school codes
# are never rewritten as Thai digits; the planted outlier (a percentage read
# from the office's workbook) is flagged with the value found.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
db=output/tidtam.db
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
# the fields of the first line of an indicator's row
row() { grep -E "^ *$1 " "$2" | head -n 1; }
for fy in 2567 2568; do
	dir=output/reports/$fy/SPM35
	total=$(awk -F'\t' -v y=$fy '$1 == "result" && $2 == y && $3 == 12 && $4 == "M101" {printf "%d", $6}' expected.txt)
	big=$(echo "$total" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta')
	target=$(awk -F'\t' -v y=$fy '$1 == "target" && $2 == y && $3 == "M101" {print $4}' expected.txt |
		sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta')
	check "$fy: the office's M101 total $total is above 10,000" [ "$total" -ge 10000 ]
	for pdf in $dir/annual-$fy.pdf $dir/progress-$fy-12m.pdf; do
		b=$(basename "$pdf")
		[ -s "$pdf" ] || { not_ok "$b not written"; continue; }
		pdftotext -layout "$pdf" - | arabic >text.txt
		r=$(row M101 text.txt)
		check "$b: the M101 row holds $big whole: $r" sh -c "echo '$r' | tr -s ' ' '\n' | grep -qx '$big'"
		check "$b: the M101 row holds the target $target whole" sh -c "echo '$r' | tr -s ' ' '\n' | grep -qx '$target'"
		r=$(row M201 text.txt)
		check "$b: the M201 target prints as 0.8: $r" sh -c "echo '$r' | tr -s ' ' '\n' | grep -qxE '0\.80*'"
	done
	card=$dir/cards/$(awk -F'\t' '$1 == "school" {print $2; exit}' expected.txt).pdf
	if [ -s "$card" ]; then
		# its row: the code, or the name where the card leaves the code column out
		name=$(python3 -c "
import sys, xml.etree.ElementTree as ET
for e in ET.parse('input/framework/$fy.xml').getroot().iter('{urn:tidtam:framework:1}indicator'):
    if e.get('code') == 'M201':
        print(e.get('name'))")
		r=$(pdftotext -layout "$card" - | arabic | grep -E "^ *(M201|$name) " | head -n 1)
		check "$fy: a card prints the M201 target as 0.8: $r" sh -c "echo '$r' | tr -s ' ' '\n' | grep -qxE '0\.80*'"
	else
		not_ok "$fy: no card $card"
	fi
	# paths and codes keep their digits in every office report
	for pdf in $dir/annual-$fy.pdf $dir/progress-$fy-*.pdf $dir/validation-$fy-*.pdf; do
		[ -s "$pdf" ] || continue
		b=$(basename "$pdf")
		pdftotext -layout "$pdf" - >raw.txt
		bad=$(grep -oE '(submissions|units|projects|framework)/[^ ]*' raw.txt | grep '[๐๑๒๓๔๕๖๗๘๙]' | head -n 2 | tr '\n' ' ')
		check "$b: file paths keep their digits: $bad" [ -z "$bad" ]
		thai=$(awk -F'\t' '$1 == "school" {print $2}' expected.txt | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/' >codes.txt; grep -oFf codes.txt raw.txt | head -n 2 | tr '\n' ' ')
		check "$b: school codes keep their digits: $thai" [ -z "$thai" ]
	done
done

# the planted outlier: school 31 of the list, M301 at 12 months of 2568, in the workbook
school=$(awk -F'\t' '$1 == "school" {n++; if (n == 31) print $2}' expected.txt)
found=$(sqlite3 $db "SELECT COALESCE(i.found, '') FROM issue i JOIN submission s ON s.id = i.submission_id
	JOIN file f ON f.id = s.file_id JOIN value v ON v.submission_id = s.id AND v.row = i.row
	WHERE i.code = 'W-OUTLIER' AND s.unit_code = '$school' AND s.fiscal_year = 2568 AND s.round = 12
	AND v.indicator = 'M301' AND f.path LIKE '%.xlsx' LIMIT 1")
n=$(sqlite3 $db "SELECT COUNT(*) FROM issue i JOIN submission s ON s.id = i.submission_id
	WHERE i.code = 'W-OUTLIER' AND s.unit_code = '$school' AND s.fiscal_year = 2568 AND s.round = 12")
check "W-OUTLIER on $school's 5 of 410 (M301, 2568, 12 months)" [ "$n" -ge 1 ]
check "the W-OUTLIER issue shows the value found: '$found'" sh -c "echo '$found' | grep -q '5'"
done_testing
