#!/bin/sh
# What a new user's framework held and `tidtam check` let pass: indicators
# at rounds the framework lacks (given, or by the default 3 6 9 12), a
# deadline before the fiscal year and out of the rounds' order, a target on
# a text indicator, a level target above 5 - all refused, each said at its
# line; a late deadline, a headline number given twice, direction="lower"
# on a text indicator and a percentage target below 1 when higher is better
# are warnings: check exits 0 on them alone, the framework is taken, and
# its receipt lists them (W-FRAMEWORK).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"

cat >fw.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="2568">
  <title>กรอบการติดตาม สพม.ทดสอบ ปีงบประมาณ 2568</title>
  <rounds>
    <round months="6" deadline="2025-04-15"/>
    <round months="9" deadline="2023-03-01"/>
    <round months="12" deadline="2025-10-15"/>
  </rounds>
  <groups>
    <group code="POL" name="กลุ่มนโยบายและแผน"/>
  </groups>
  <policy-area code="A1" name="ด้านคุณภาพ">
    <strategy code="A1S1" name="ยกระดับผลสัมฤทธิ์">
      <indicator code="T-READ" name="ร้อยละการอ่าน" unit="ร้อยละ" type="percent" aggregation="ratio" target="80" group="POL" rounds="3 6 9 12"/>
      <indicator code="T-TEACH" name="จำนวนครูที่ได้รับการพัฒนา" unit="คน" type="number" aggregation="sum" target="10" group="POL"/>
      <indicator code="T-NOTE" name="ข้อเสนอแนะ" unit="-" type="text" aggregation="none" target="5" group="POL" rounds="6 12"/>
      <indicator code="T-LEVEL" name="ระดับความสำเร็จ" unit="ระดับ" type="level" aggregation="mean" target="80" group="POL" rounds="12"/>
      <indicator code="T-DROP" name="อัตราการออกกลางคัน" unit="ร้อยละ" type="percent" aggregation="ratio" target="0.5" direction="lower" group="POL" rounds="6 12"/>
    </strategy>
  </policy-area>
</framework>
XML
line() { grep -n "$1" fw.xml | head -n 1 | cut -d: -f1; }
en() { grep -q "^fw.xml:$1: $2" out.txt || { echo "missing: fw.xml:$1: $2" >&2; return 1; }; }
tidtam check -t "$T" fw.xml >out.txt 2>err.txt
check "mistakes: exit 1" [ $? -eq 1 ]
check "rounds given that the framework lacks" en "$(line T-READ)" \
	"indicator 'T-READ' is reported at rounds=\"3 6 9 12\", but the framework has no round of 3 months (its rounds: 6, 9 and 12 months)"
check "rounds left to the default, which the framework lacks" en "$(line T-TEACH)" \
	"indicator 'T-TEACH' has no rounds, so it is reported at the default 3 6 9 12, but the framework has only the rounds of 6, 9 and 12 months: give it rounds=\"6 9 12\""
check "a deadline before the year" en "$(line 'months="9"')" \
	"the 9-month round's deadline 2023-03-01 is before fiscal year 2568 begins (2024-10-01)"
check "... and before the round before it" en "$(line 'months="9"')" \
	"the 9-month round's deadline 2023-03-01 is not after the 6-month round's deadline 2025-04-15"
check "... said in Thai with the Buddhist-Era dates" grep -q \
	"^fw.xml:$(line 'months="9"'): กำหนดส่งรอบ 9 เดือน 2023-03-01 (1 มีนาคม 2566) อยู่ก่อนวันเริ่มปีงบประมาณ 2568 (1 ตุลาคม 2567)" out.txt
check "a target on a text indicator" en "$(line T-NOTE)" "indicator 'T-NOTE' is of type text, which has no target: remove target=\"5\""
check "a level target above 5" en "$(line T-LEVEL)" "indicator 'T-LEVEL' is a success level from 1 to 5, but its target is 80"
check "a dropout rate of 0.5 % (lower is better) is not warned of" sh -c '! grep -q T-DROP out.txt'
check "six problems, each in both languages" [ "$(wc -l <out.txt)" -eq 12 ]
check "the count on stderr" grep -q "6 problems in 1 of 1 file" err.txt
check "no line without its Thai" sh -c '! grep -q "ดูข้อความภาษาอังกฤษ" out.txt'

# the same framework mended, with only what is worth a warning left
sed -e 's/ rounds="3 6 9 12"/ rounds="6 9 12" headline="1"/' \
    -e 's/target="10" group="POL"/target="10" group="POL" rounds="6 12" headline="1"/' \
    -e 's/deadline="2023-03-01"/deadline="2025-07-15"/' \
    -e 's/deadline="2025-10-15"/deadline="2026-05-20"/' \
    -e 's/ target="5" group="POL"/ direction="lower" group="POL"/' \
    -e 's/target="80" group="POL" rounds="12"/target="4" group="POL" rounds="12"/' \
    -e 's/type="percent" aggregation="ratio" target="80"/type="percent" aggregation="ratio" target="0.8"/' \
    fw.xml >warn.xml
line() { grep -n "$1" warn.xml | head -n 1 | cut -d: -f1; }
ww() { grep -q "^warn.xml:$1: warning: $2" out.txt || { echo "missing: warn.xml:$1: warning: $2" >&2; return 1; }; }
tidtam check -t "$T" warn.xml >out.txt 2>err.txt
check "warnings only: exit 0" [ $? -eq 0 ]
check "a deadline more than six months after its round" ww "$(line 'months="12"')" \
	"the 12-month round's deadline 2026-05-20 is 232 days after the round ends (2025-09-30)"
check "a percentage below 1 when higher is better" ww "$(line T-READ)" \
	"indicator 'T-READ': target 0.8 is below 1 % although a higher value is better; percentages are written from 0 to 100, so if 80 % is meant, write target=\"80\""
check "a headline number given twice" ww "$(line T-TEACH)" \
	"indicator 'T-TEACH' has headline=\"1\", as has indicator 'T-READ' (line $(line T-READ))"
check "direction=lower on a text indicator" ww "$(line T-NOTE)" "indicator 'T-NOTE' is of type text, so direction=\"lower\" means nothing"
check "... each in Thai too" [ "$(grep -c '^warn.xml:[0-9]*: คำเตือน: ' out.txt)" -eq 4 ]
check "four warnings and nothing else" [ "$(wc -l <out.txt)" -eq 8 ]
check "the count says warnings" grep -q "4 warnings in 1 of 1 file" err.txt

mkdir -p input/framework input/units
cp warn.xml input/framework/2568.xml
printf 'code,name,kind,parent\nTST1,สำนักงานทดสอบ,office,\n' >input/units/units.csv
tidtam ingest -s 0 -t "$T" >/dev/null 2>err.txt
check "ingest takes a framework with warnings" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM framework WHERE fiscal_year = 2568")" -eq 1 ]
check "... recording them as W-FRAMEWORK warnings" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue WHERE code = 'W-FRAMEWORK' AND severity = 'warning'")" -eq 4 ]
tidtam validate -q -t "$T" >/dev/null
r=$(find output/receipts -name 'framework_2568.xml.txt')
check "the framework taken has a receipt" [ -n "$r" ]
check "... saying it was taken" grep -q "ผลการตรวจ: รับไว้แล้ว" "$r"
check "... under a heading of warnings" grep -q "คำเตือน (รับกรอบการติดตามนี้ไว้แล้ว):" "$r"
check "... listing each at its line" sh -c "grep -A1 'คำเตือน W-FRAMEWORK แถว $(thai_digits $(line T-TEACH))\$' '$r' | grep -q \"ตัวชี้วัด 'T-TEACH' กำหนด headline=“1” ซ้ำกับตัวชี้วัด 'T-READ'\""

# refused: its receipt lists the errors and the warnings, each as what it is
cp fw.xml input/framework/2568.xml
sed -i 's/deadline="2025-10-15"/deadline="2026-05-20"/' input/framework/2568.xml
touch -d '1 minute ago' input/framework/2568.xml
tidtam ingest -s 0 -t "$T" >/dev/null 2>err.txt
check "a framework with errors is refused" [ $? -eq 1 ]
tidtam validate -q -t "$T" >/dev/null
r=$(find output/receipts -name 'framework_2568.xml-v2.txt')
check "its receipt lists six errors" [ "$(grep -c 'ข้อผิดพลาด E-FRAMEWORK' "$r")" -eq 6 ]
check "... and the warning" [ "$(grep -c 'คำเตือน W-FRAMEWORK' "$r")" -eq 1 ]
check "... and refuses the file" grep -q "ไม่รับไฟล์นี้" "$r"
done_testing
