#!/bin/sh
# `tidtam check` on a template says every problem in one go: an unknown
# placeholder no longer hides the indicator codes the framework lacks, nor
# a misspelt attribute, a section in the wrong kind of template or another
# unknown placeholder further down (in a title, an attribute or a
# paragraph's later line); each with its own Thai sentence.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"
FW="$TOP/tests/data/office2/input/framework/2568.xml"

cat >annual.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:tidtam:report:1" kind="annual">
  <title>รายงานประจำปี {fy} ของ{office.nmae}</title>
  <director name="นายทดสอบ ใจดี" position="ผู้อำนวยการ{office.name}"/>
  <text title="คำนำ" colour="blue">
    <p>รายงานของ{office.name} ปีงบประมาณ {fy}
       รวบรวมจากโรงเรียน {schools} โรง{in-network}</p>
  </text>
  <networks title="ผลรายเครือข่าย {round" indicators="QUAL01 M201 RD-P1" top="500"/>
  <school-results columns="code name result"/>
</report>
XML
line() { grep -n "$1" annual.xml | head -n 1 | cut -d: -f1; }
en() { grep -q "^annual.xml:$1: $2" out.txt || { echo "missing: annual.xml:$1: $2" >&2; return 1; }; }
tidtam check -t "$T" --framework "$FW" annual.xml >out.txt 2>err.txt
check "problems: exit 1" [ $? -eq 1 ]
check "the unknown placeholder, with the one meant" en "$(line nmae)" \
	"unknown placeholder {office.nmae}: did you mean {office.name}?"
check "... in Thai" grep -q "^annual.xml:$(line nmae): ไม่รู้จักตัวแทนข้อความ {office.nmae} หมายถึง {office.name} หรือไม่" out.txt
check "the codes the framework lacks, said beside it" en "$(line RD-P1)" \
	"<networks> names indicator 'QUAL01', which the framework of 2568 does not have"
check "... every one of them" en "$(line RD-P1)" "<networks> names indicator 'RD-P1'"
check "... but not the one it has" sh -c "! grep -q \"'M201'\" out.txt"
check "a misspelt attribute" en "$(line colour)" "<text>: there is no attribute 'colour'"
check "a placeholder on a paragraph's second line, at that line" en "$(line 'in-network')" \
	"unknown placeholder {in-network}: did you mean {in-networks}?"
check "a brace left open in an attribute" en "$(line RD-P1)" "'{' without its '}' in \"{round\""
check "top beyond 100" en "$(line RD-P1)" "<networks>: top=\"500\" is more schools than a report shows"
check "a school card's section in an annual report" en "$(line school-results)" \
	"<school-results> belongs only in a school report card (kind=\"card\")"
check "eight problems in all, each in both languages" [ "$(wc -l <out.txt)" -eq 16 ]
check "every problem has a line in Thai" [ "$(LC_ALL=C grep -c "[^ -~]" out.txt)" -eq 8 ]
check "no line sends the reader to the English" sh -c '! grep -q "ดูข้อความภาษาอังกฤษ" out.txt'
check "the count on stderr" grep -q "8 problems in 1 of 1 file" err.txt

# a card with an office's section; the framework given beside it
cat >card.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:tidtam:report:1" kind="card">
  <title>บัตรรายงานผล {school.name}</title>
  <summary title="บทสรุป"/>
  <school-results columns="code name result median"/>
</report>
XML
tidtam check -t "$T" card.xml "$FW" >out.txt 2>&1
check "a card: exit 1" [ $? -eq 1 ]
check "an office's section in a card" grep -q "^card.xml:4: <summary> does not belong in a school report card" out.txt
check "the shipped templates still pass" tidtam check -t "$T" "$FW" "$T"/reports/*.xml
done_testing
