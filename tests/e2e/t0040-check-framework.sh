#!/bin/sh
# `tidtam check` reports every mistake of a framework at once, each at its
# line, in plain English and Thai (no schema jargon); the framework's
# receipt says the same sentences and never names submission.xsd.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"

tidtam check -t "$T" "$TOP/input/framework/2567.xml" "$TOP"/templates/reports/*.xml >out.txt 2>err.txt
check "the demo framework and shipped templates: exit 0" [ $? -eq 0 ]
check "... and nothing said" [ ! -s out.txt ]

# A framework of another office, with seven planted mistakes.
cat >fw.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="2568">
  <title>กรอบการติดตาม สพม. ปีงบประมาณ 2568</title>
  <rounds>
    <round months="6" deadline="2025-04-20"/>
    <round months="12" deadline="20/10/2568"/>
  </rounds>
  <groups>
    <group code="POL" name="กลุ่มนโยบายและแผน"/>
    <group code="EDU" name="กลุ่มส่งเสริมการจัดการศึกษา"/>
  </groups>
  <policy-area code="A1" name="ด้านคุณภาพ">
    <strategy code="A1S1" name="ยกระดับผลสัมฤทธิ์">
      <indicator code="Q-ONET" name="ร้อยละของนักเรียนที่มีคะแนน O-NET ผ่านเกณฑ์" unit="ร้อยละ" type="precent" aggregation="ratio" target="60" group="EDU" rounds="12"/>
      <indicator code="Q-READ" name="ระดับความสำเร็จของการส่งเสริมการอ่าน" unit="ระดับ" type="level" aggregation="sum" target="4" group="EDU" rounds="6 12"/>
      <indicator code="Q-CLUB" name="จำนวนชุมนุมวิชาการ" type="number" aggregation="sum" target="12" group="EDU" rounds="6 12"/>
      <indicator code="Q-DROP" name="จำนวนนักเรียนออกกลางคัน" unit="คน" type="number" aggregation="sum" target="สิบ" direction="lower" group="STU" rounds="6 12"/>
      <indicator code="Q-READ" name="ซ้ำ" unit="คน" type="number" aggregation="sum" target="1" group="POL" rounds="6 12"/>
    </strategy>
  </policy-area>
  <rules>
    <rule code="R-ONET" test="Q-ONET.num &lt;= Q-ENROL">
      <message lang="th">ตัวตั้งเกินจำนวนนักเรียน</message>
    </rule>
  </rules>
</framework>
XML
line() { grep -n "$1" fw.xml | head -n 1 | cut -d: -f1; }
tidtam check -t "$T" fw.xml >out.txt 2>err.txt
check "mistakes found: exit 1" [ $? -eq 1 ]
en() { grep -q "^fw.xml:$1: $2" out.txt || { echo "missing: fw.xml:$1: $2" >&2; return 1; }; }
check "a date in the Thai style" en "$(line 'months="12"')" "<round>: deadline '20/10/2568' is not a date written YYYY-MM-DD"
check "a misspelt type" en "$(line 'code="Q-ONET"')" "indicator 'Q-ONET': type 'precent' is not one of number, percent, level, yesno, text"
check "an aggregation that does not fit" en "$(line 'code="Q-READ" name="ระดับ')" "indicator 'Q-READ': aggregation 'sum' does not fit type 'level'"
check "a missing unit" en "$(line 'code="Q-CLUB"')" "indicator 'Q-CLUB' has no unit, which is required"
check "a target that is not a number" en "$(line 'code="Q-DROP"')" "indicator 'Q-DROP': target 'สิบ' is not a number"
check "an undeclared group" en "$(line 'code="Q-DROP"')" "indicator 'Q-DROP': group 'STU' is not declared in <groups> (declared: POL, EDU)"
check "a code used twice" en "$(line 'name="ซ้ำ"')" "code 'Q-READ' is used twice"
check "a rule naming an unknown indicator" en "$(line 'code="R-ONET"')" "rule R-ONET names indicator 'Q-ENROL', which the framework does not have"
check "every problem also in Thai" [ "$(grep -c -e 'ตัวชี้วัด' -e 'รอบรายงาน' -e 'รหัส' -e 'กฎ' out.txt)" -eq 8 ]
check "each problem said once in each language" [ "$(wc -l <out.txt)" -eq 16 ]
check "the count on stderr" grep -q "8 problems in 1 of 1 file" err.txt
check "no schema jargon" sh -c '! grep -E "Element |\{urn:|facet|atomic type|key-sequence" out.txt'

printf '<framework xmlns="urn:tidtam:framework:1" fiscal-year="2568">\n<title>x</title>\n<rounds>\n</framework>\n' >cut.xml
tidtam check -t "$T" cut.xml >out.txt 2>&1
check "XML cut short: exit 1" [ $? -eq 1 ]
check "... said at its line" grep -q "^cut.xml:[45]: .*not well-formed" out.txt
check "... in Thai too" grep -q "^cut.xml:[45]: ไฟล์ XML ไม่สมบูรณ์" out.txt
tidtam check >/dev/null 2>&1
check "no file: usage, exit 2" [ $? -eq 2 ]
tidtam check --bogus fw.xml >/dev/null 2>&1
check "unknown option: exit 2" [ $? -eq 2 ]
tidtam check -t "$WORK/nowhere" fw.xml >/dev/null 2>err.txt
check "schema missing: a system failure, exit 3" [ $? -eq 3 ]
check "... naming the schema" grep -q "framework.xsd" err.txt

# The same framework dropped into input/: refused, its receipt lists the same problems.
mkdir -p input/framework input/units
cp fw.xml input/framework/2568.xml
cp "$TOP/input/units/units-2567.csv" input/units/
tidtam ingest -s 0 -t "$T" >/dev/null 2>err.txt
check "ingest refuses it" [ $? -eq 1 ]
check "ingest says the first problem plainly" grep -q "2568.xml:6: <round>: deadline" err.txt
tidtam validate -q -t "$T" >/dev/null
r=$(find output/receipts -name 'framework_2568.xml.txt')
check "the framework has a receipt" [ -n "$r" ]
check "one E-FRAMEWORK issue per problem" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue WHERE code = 'E-FRAMEWORK'")" -eq 8 ]
check "the receipt says the Thai sentences" grep -q "ตัวชี้วัด 'Q-ONET': ชนิดค่า (type) 'precent' ใช้ไม่ได้" "$r"
check "... at their lines" sh -c "grep -A1 'E-FRAMEWORK แถว $(thai_digits $(line 'code="Q-DROP"'))\$' '$r' | grep -q \"ตัวชี้วัด 'Q-DROP': กลุ่มงาน 'STU'\""
check "the receipt does not name submission.xsd" sh -c "! grep -q submission.xsd '$r'"
check "the file is refused" grep -q "ไม่รับไฟล์นี้" "$r"
tidtam validate -q -l en -t "$T" >/dev/null
check "the English receipt says the same as check" grep -q "indicator 'Q-ONET': type 'precent' is not one of number, percent, level, yesno, text" "$r"
done_testing
