#!/bin/sh
# Reports are made again only when what they are made from changes: a rerun
# with nothing new makes nothing and leaves every PDF byte-identical; a
# change to one school's submission makes again only the reports that hold
# that school.  Templates: a section removed or retitled, and errors that
# name their line.
. "$(dirname "$0")/lib.sh"
demo_run
dir=output/reports/2567/3101
all=$(find output/reports -name '*.pdf' | wc -l)
check "reports written ($all)" [ "$all" -gt 150 ]
find output/reports -name '*.pdf' | sort | xargs md5sum >before.md5

# a rerun with no new input
touch marker
tidtam run -s 0 -t "$TOP/templates" >out.txt 2>/dev/null
check "rerun says every report is unchanged" \
	grep -q "render: 0 annual and progress reports, 0 validation reports and 0 report cards made in output/reports; $all unchanged, skipped" out.txt
check "rerun rewrites no PDF" [ -z "$(find output/reports -name '*.pdf' -newer marker)" ]
check "every PDF byte-identical" md5sum -c --quiet before.md5

# one school's 12-month form: its largest SAFE05 grows by one, so that no
# median moves and no other school's card has reason to change
school=$(python3 - <<'EOF'
import glob, re
best = None
for f in glob.glob("input/submissions/2567/12m/forms/*.xml"):
    m = re.search(r'<value indicator="SAFE05">(\d+)</value>', open(f, encoding="utf-8").read())
    if m and (best is None or int(m.group(1)) > best[0]):
        best = (int(m.group(1)), f)
text = open(best[1], encoding="utf-8").read().replace(
    '<value indicator="SAFE05">%d<' % best[0], '<value indicator="SAFE05">%d<' % (best[0] + 1))
open(best[1], "w", encoding="utf-8").write(text)
print(re.search(r"(\d+)\.xml$", best[1]).group(1))
EOF
)
net=$(tr -d '\r' <input/units/units-2567.csv | awk -F, -v s="$school" '$1 == s {print $4}')
check "a school was changed ($school of $net)" [ -n "$school" ] && [ -n "$net" ]
touch marker
sleep 1
tidtam run -s 0 -t "$TOP/templates" >out.txt 2>/dev/null
find output/reports -name '*.pdf' -newer marker | sed "s|^$dir/||" | sort >made.txt
printf '%s\n' annual-2567.pdf "cards/$school.pdf" "cards/network-$net.pdf" \
	progress-2567-12m.pdf validation-2567-12m.pdf | sort >want.txt
# the 12-month validation report is made again too, but its bytes only
# change if what it prints about the school did (a file left as it was
# keeps its time)
check "the run makes the 5 reports holding $school and skips $((all - 5))" grep -q \
	"render: 2 annual and progress reports, 1 validation reports and 2 report cards made in output/reports; $((all - 5)) unchanged, skipped" \
	out.txt
check "only reports holding $school changed: $(tr '\n' ' ' <made.txt)" \
	sh -c "[ -z \"\$(comm -23 made.txt want.txt)\" ]"
for f in annual-2567.pdf "cards/$school.pdf" "cards/network-$net.pdf"; do
	check "$f changed" grep -qx "$f" made.txt
done
check "the annual report shows the new SAFE05 total" sh -c \
	"pdftotext -layout $dir/annual-2567.pdf - | grep -q '^ *SAFE05 '"

# templates: a section removed, another retitled
cp -r "$TOP/templates" tpl
sed -i '/<budget /d; s/title="ความครบถ้วนและความทันเวลาของการรายงาน"/title="การส่งรายงานของหน่วยงานในสังกัด"/' \
	tpl/reports/annual.xml
tidtam render -q -o output -t tpl 2>err.txt
check "render with the edited template exits 0" [ $? -eq 0 ]
pdftotext $dir/annual-2567.pdf edited.txt
check "removed section is gone" sh -c "! grep -q 'โครงการและการใช้จ่ายงบประมาณ' edited.txt"
check "retitled section has its new title" grep -q "การส่งรายงานของหน่วยงานในสังกัด" edited.txt
# the contents: from page 3 up to the next page an outline entry starts on
last=$(qpdf --json --json-key=outlines $dir/annual-2567.pdf | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
print(min(x["destpageposfrom1"] for x in o if x["destpageposfrom1"] > 3) - 1)')
check "the contents have the new title and not the old" sh -c \
	"pdftotext -f 3 -l $last $dir/annual-2567.pdf - | grep -q 'การส่งรายงานของหน่วยงานในสังกัด' &&
	 ! pdftotext -f 3 -l $last $dir/annual-2567.pdf - | grep -q 'ความครบถ้วนและความทันเวลาของการรายงาน'"
check "progress reports are unchanged by the annual template" \
	sh -c "grep progress-2567-3m.pdf before.md5 | md5sum -c --quiet"

# template errors name the file, the line and what is wrong
cp -r "$TOP/templates" bad
line=$(grep -n '<p>' bad/reports/annual.xml | head -n 1 | cut -d: -f1)
sed -i "${line}s/{office.name}/{office.nmae}/" bad/reports/annual.xml
tidtam render -q -o output -t bad 2>err.txt
check "a template error stops render" [ $? -ne 0 ]
check "unknown placeholder named with its line" \
	grep -q "annual.xml:$line: unknown placeholder {office.nmae}" err.txt
cp -r "$TOP/templates" bad2
sed -i 's/<budget title="\([^"]*\)" orientation="landscape" chart="yes"/<budget title="\1" orientation="sideways"/' \
	bad2/reports/annual.xml
line=$(grep -n '<budget ' bad2/reports/annual.xml | cut -d: -f1)
tidtam render -q -o output -t bad2 2>err.txt
check "a schema error names its line ($line)" grep -q "annual.xml:$line:.*orientation" err.txt
done_testing
