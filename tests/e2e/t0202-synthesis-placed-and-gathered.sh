#!/bin/sh
# A small office: without dimensions its annual report has no dimension
# part; with one (ITA) that a year's template places itself
# (<policy-areas dimension="ITA" title="...">), the part comes where the
# template puts it, with the template's title, and <dimensions/> does not
# print it again; a template naming a dimension the framework lacks is a
# warning, and its section is left out.  Problems written a little
# differently by different schools (spaces, a full stop) are one, counted
# once per school, most frequent first; a text one school wrote has no count.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" input 2567
outline() { qpdf --json --json-key=outlines "$1" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["outlines"]:
    print(o["title"])
    for k in o.get("kids", []):
        print("  " + k["title"])'; }

tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
rc=$?
check "the small office runs (exit $rc): $(head -c 300 err.txt)" [ $rc -eq 0 ]
pdf=output/reports/2567/2032/annual-2567.pdf
outline $pdf >plain.txt
check "no dimension: no part but the policy's" \
	sh -c "[ \$(grep -c '^ผลการดำเนินงานตาม' plain.txt) -eq 1 ]"
check "no narratives: the synthesis has its achievements only" \
	sh -c "grep -A3 '^สรุปผลการดำเนินงาน' plain.txt | grep -q '^  ผลสัมฤทธิ์ภาพรวม' &&
	       ! grep -q 'ปัญหาอุปสรรคภาพรวม' plain.txt"

# an ITA dimension, its office indicator and value; narratives from five schools
sed -i 's|  </groups>|  </groups>\n  <dimensions><dimension code="ITA" name="การประเมินคุณธรรมและความโปร่งใส"/></dimensions>|;
        s|</framework>|  <policy-area code="I" name="ผลการประเมิน ITA" dimension="ITA">\n    <strategy code="I1" name="คุณธรรมและความโปร่งใส">\n      <indicator code="ITA01" name="คะแนนการประเมินคุณธรรมและความโปร่งใส" unit="คะแนน" type="number" aggregation="max" target="85" group="G1" submitter="office" rounds="12"/>\n    </strategy>\n  </policy-area>\n</framework>|' \
	input/framework/2567.xml
printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\n2032,ITA01,2567,12,91.5,,,,2024-10-09\n' \
	>input/submissions/2567/ita-12m.csv
k=0
for text in "ครูไม่เพียงพอ ต่อจำนวนนักเรียน" "ครูไม่เพียงพอต่อจำนวนนักเรียน." "ครูไม่เพียงพอต่อ  จำนวนนักเรียน" \
	"งบประมาณมาล่าช้า" "งบประมาณมาล่าช้า" "ห้องเรียนไม่พอ"; do
	k=$((k + 1))
	school=$(awk -F, -v k=$k '$3 == "school" { if (++n == k) print $1 }' input/units/units.csv)
	cat >input/submissions/2567/narrative-$school.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<submission xmlns="urn:tidtam:submission:1" unit="$school" fiscal-year="2567" round="12" submitted="2024-10-12">
  <narrative indicator="M-LEVEL"><problems>$text</problems></narrative>
</submission>
XML
done
mkdir -p templates/reports/2567
cp -r "$TOP/templates/schema" templates/
cp "$TOP/templates/reports/"* templates/reports/
sed 's|<policy-areas title=|<policy-areas dimension="ITA" title="ผลการประเมิน ITA ของ{office.name}" columns="code name unit target 12m status"/>\n  <policy-areas dimension="NOPE" title="มิติที่ไม่มี" columns="code name"/>\n  <policy-areas title=|' \
	"$TOP/templates/reports/annual.xml" >templates/reports/2567/annual.xml
line=$(grep -n 'dimension="NOPE"' templates/reports/2567/annual.xml | cut -d: -f1)
rm -rf output
tidtam run -q -s 0 -t templates 2>err.txt
rc=$?
check "the small office with ITA runs (exit $rc): $(head -c 300 err.txt)" [ $rc -eq 0 ]
check "a warning names the unknown dimension at its line ($line)" \
	grep -q "annual.xml:$line: warning: .*dimension 'NOPE'" err.txt
outline $pdf >ita.txt
cat ita.txt >&2
check "the ITA part with the template's title, before the policy part" \
	sh -c "grep -n '' ita.txt | grep -B100 ':ผลการดำเนินงานตามนโยบาย' | grep -q ':ผลการประเมิน ITA ของสำนักงาน'"
check "its area under it" sh -c "grep -A1 '^ผลการประเมิน ITA ของ' ita.txt | grep -q '^  ผลการประเมิน ITA$'"
check "printed once: <dimensions/> leaves it to its own section" \
	[ "$(grep -c 'ITA' ita.txt)" -eq 2 ]
check "no section for the unknown dimension" sh -c "! grep -q 'มิติที่ไม่มี' ita.txt"
pdftotext $pdf - | tr -d ' \n' >annual.txt
check "ITA01's row is there" sh -c "grep -q 'ITA01' annual.txt &&
	grep -q 'คะแนนการประเมินคุณธรรมและความโปร่งใส.*บรรลุ' annual.txt"
check "the appendix notes the unknown dimension" grep -q 'ระบุมิติNOPEซึ่งไม่มีในกรอบการติดตาม' annual.txt
check "near-equal problems are one, three schools" grep -q 'ครูไม่เพียงพอต่อจำนวนนักเรียน(๓โรงเรียน)' annual.txt
check "then the one two schools wrote" \
	grep -q 'ครูไม่เพียงพอต่อจำนวนนักเรียน(๓โรงเรียน)•งบประมาณมาล่าช้า(๒โรงเรียน)•ห้องเรียนไม่พอ' annual.txt
check "a text one school wrote has no count" sh -c "! grep -q 'ห้องเรียนไม่พอ(' annual.txt"
check "the problems counted from six schools" grep -q 'ปัญหาอุปสรรค(รวบรวมจาก๖โรงเรียน)' annual.txt
done_testing
