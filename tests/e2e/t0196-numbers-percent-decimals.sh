#!/bin/sh
# A template sets the decimals of its percentages: with
# percent-decimals="1" on the annual template's root, office2's annual
# report gives the share of indicators achieved (its foreword) and every
# ร้อยละ cell of the summary table with one decimal, as computed from the
# summary's own counts; the progress reports (template untouched) keep two.
# A value out of 0-3 is refused with the template's line.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
cp -r "$TOP/templates" templates && cp -r "$TOP/tests/data/office2/input" input || exit 3
sed -i 's/<report xmlns="urn:tidtam:report:1" kind="annual"/& percent-decimals="1"/' templates/reports/annual.xml
check "the template says percent-decimals=\"1\"" grep -q 'percent-decimals="1"' templates/reports/annual.xml
tidtam run -q -s 0 -t templates 2>err.txt
check "run exits 1 (office2's planted mistakes)" [ $? -eq 1 ]
pdftotext -layout output/reports/2567/SPM35/annual-2567.pdf - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >annual.txt
pdftotext -layout output/reports/2567/SPM35/progress-2567-12m.pdf - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >progress.txt
# the summary's total row: indicators, with a result, achieved, not, percent
total=$(grep -E '^รวม +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+ *$' annual.txt | head -n 1)
want=$(echo "$total" | awk '{printf "%.1f", 100 * $4 / $3}')
check "the summary's total row has its percentage with one decimal, $want: $total" \
	sh -c "echo '$total' | awk '{exit !(\$NF == \"$want\")}'"
check "the foreword says ร้อยละ $want once, without %" grep -q "ร้อยละ $want ของตัวชี้วัด" annual.txt
bad=$(grep -E '^ด้าน|^ยุทธ' annual.txt | grep -E '[0-9]+\.[0-9]{2} *$' | head -n 2)
check "no area row of the summary with two decimals: $bad" [ -z "$bad" ]
ptotal=$(grep -E '^รวม +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+ *$' progress.txt | head -n 1)
check "the progress report keeps two decimals: $ptotal" sh -c "echo '$ptotal' | grep -qE '\\.[0-9]{2} *\$'"
# out of range: refused, with the line
sed -i 's/percent-decimals="1"/percent-decimals="5"/' templates/reports/annual.xml
tidtam check -t templates templates/reports/annual.xml >check.txt 2>&1
check "percent-decimals=\"5\" is refused with the template's line: $(head -c 300 check.txt)" \
	grep -q 'annual.xml:[0-9]*:.*percent-decimals' check.txt
done_testing
