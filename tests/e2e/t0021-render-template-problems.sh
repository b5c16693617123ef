#!/bin/sh
# A year's own templates (templates/reports/<FY>/) over the shipped ones;
# a template naming an indicator the year's framework lacks is a warning on
# stderr and in the report's data-quality appendix, and the report is still
# made; a template that cannot be read stops only its own reports: the
# validation reports and cards are made, and render exits 3 at the end.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" input 2567
cp -r "$TOP/templates" templates
mkdir templates/reports/2567
sed 's|<networks title="\([^"]*\)"|<networks title="\1" indicators="QUAL01 M-DROP M-NOTE"|;
     s|<title>รายงานผลการดำเนินงานประจำปี|<title>รายงานประจำปีของปีนี้|' \
	templates/reports/annual.xml >templates/reports/2567/annual.xml
line=$(grep -n '<networks' templates/reports/2567/annual.xml | cut -d: -f1)
check "the year's template names QUAL01 at line $line" [ -n "$line" ]
printf '<report xmlns="urn:tidtam:report:1" kind="progress"><title>x</title><broken>\n' \
	>templates/reports/2567/progress.xml
# a unit list with a network, so that the networks section is made
printf '2032-N1,เครือข่ายทดสอบ,network,2032\n' >>input/units/units.csv
sed -i 's/^\(3201[0-9]*\),\(.*\),school,2032/\1,\2,school,2032-N1/' input/units/units.csv

tidtam run -q -s 0 -t templates 2>err.txt
rc=$?
cat err.txt >&2
check "run exits 3: a template could not be read (exit $rc)" [ $rc -eq 3 ]
check "stderr names the broken template" grep -q 'progress.xml' err.txt
check "stderr warns of QUAL01 at its line" grep -q "annual.xml:$line: warning: .*'QUAL01'" err.txt
check "stderr warns of M-NOTE (text)" grep -q "annual.xml:$line: warning: .*'M-NOTE'.*text" err.txt
check "the warning is printed once" [ "$(grep -c "'QUAL01'" err.txt)" -eq 1 ]
dir=output/reports/2567/2032
check "annual report made from the year's template" [ -s $dir/annual-2567.pdf ]
check "no progress report (its template is broken)" sh -c "! ls $dir | grep -q progress"
check "validation reports made" [ -s $dir/validation-2567-12m.pdf ] && [ -s $dir/validation-2567-6m.csv ]
check "cards made" [ "$(ls $dir/cards | grep -cE '^[0-9]{6}\.pdf$')" -eq 12 ]
check "receipts written" [ "$(find output/receipts -name '*.txt' | wc -l)" -ge 2 ]
pdftotext -layout $dir/annual-2567.pdf annual.txt
check "the year's own title" grep -q 'รายงานประจำปีของปีนี้' annual.txt
check "the appendix lists the missing indicator" grep -q 'ระบุตัวชี้วัด QUAL01 ซึ่งไม่มีในกรอบการติดตาม' annual.txt
check "the networks section shows M-DROP" sh -c "grep -q 'รายเครือข่าย' annual.txt && grep -q 'ตัวชี้วัด M-DROP' annual.txt"
check "nothing recorded as failed" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM file WHERE status = 'failed'" 2>/dev/null || echo 0)" -eq 0 ]

# the template mended: the next run makes the progress reports and exits 0
rm templates/reports/2567/progress.xml
tidtam run -q -s 0 -t templates 2>err2.txt
check "the next run exits 0" [ $? -eq 0 ]
check "the progress reports are made" [ -s $dir/progress-2567-6m.pdf ] && [ -s $dir/progress-2567-12m.pdf ]
check "the warning comes again" grep -q "'QUAL01'" err2.txt

# the shipped template: with no headline indicator in the framework, the
# first school indicators that are rates, levels or means (M-DROP, M-LEVEL)
rm templates/reports/2567/annual.xml
tidtam render -q -t templates 2>err4.txt
check "render with the shipped template exits 0" [ $? -eq 0 ]
check "no warning" [ ! -s err4.txt ]
pdftotext -layout $dir/annual-2567.pdf annual2.txt
check "the networks part ranks M-DROP and M-LEVEL" \
	grep -qE '^ *เครือข่าย +โรงเรียน +M-DROP +M-LEVEL *$' annual2.txt
check "and not the count M-STUD" sh -c "! grep -q 'ตัวชี้วัด M-STUD' annual2.txt"
check "the appendix has no template note" sh -c "! grep -q 'แม่แบบรายงาน' annual2.txt"

# no templates at all: no report but the validation reports, exit 3
mv templates/reports templates/gone
rm $dir/validation-*
tidtam render -q -t templates 2>err3.txt
check "render without templates exits 3" [ $? -eq 3 ]
check "and still makes the validation reports" \
	[ "$(ls $dir/validation-*.pdf | wc -l)" -eq 2 ]
check "and says which reports are not made" grep -q 'annual reports of 2567 are not made' err3.txt
done_testing
