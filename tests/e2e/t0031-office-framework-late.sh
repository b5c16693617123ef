#!/bin/sh
# A small secondary office unlike the demo: schools directly under the
# office with 6-digit codes, rounds at 6 and 12 months only, its own
# indicator codes, an optional text indicator, Windows-874 CSVs with Thai
# headers, a long sheet naming indicators by their Thai names, XML forms.
# Its files are dropped before the framework of their year: they are
# refused (E-FY) and go in, without being sent again, when it arrives; a
# school missing from the unit list goes in when a unit list names it.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
q() { sqlite3 output/tidtam.db "$1"; }
mkdir -p input/units input/projects input/submissions/2568/6m input/submissions/2568/12m later
python3 - <<'PY'
import random
random.seed(2568)
def cp874(path, text):
    open(path, 'wb').write(text.replace('\n', '\r\n').encode('cp874'))
schools = ['2100%02d' % i for i in range(1, 9)]
names = ['โรงเรียนมัธยมทดสอบ %d' % i for i in range(1, 9)]
cp874('input/units/units-2568.csv',
      'รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,สังกัด\n'
      'S21,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ,สพม.,\n' +
      ''.join('%s,%s,โรงเรียน,S21\n' % (c, n) for c, n in zip(schools, names)))
# a new school, in a unit list that comes later
cp874('later/units-2568-new.csv',
      'รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,สังกัด\n219999,โรงเรียนมัธยมเปิดใหม่,โรงเรียน,S21\n')
cp874('input/projects/plan-2568.csv',
      'รหัสโครงการ,ชื่อโครงการ,ด้าน,กลุ่มงาน,งบประมาณที่ได้รับ,เบิกจ่ายไตรมาส 1,'
      'เบิกจ่ายไตรมาส 2,เบิกจ่ายไตรมาส 3,เบิกจ่ายไตรมาส 4,ปีงบประมาณ\n'
      'PJ1,โครงการอ่านคล่อง,K1,ACD,"100,000",10000,20000,30000,40000,2568\n')
# 6 months: a long sheet; indicators by Thai name (spaces as people type
# them), by code; the optional text indicator only twice
a01 = 'ร้อยละของนักเรียนที่อ่านคล่อง (ม.1)'
a02 = 'จำนวนนักเรียนที่ได้รับทุนการศึกษา'
rows = ['รหัสโรงเรียน,ตัวชี้วัด,ปีงบประมาณ,รอบ,ผล,ตัวตั้ง,ตัวหาร,วันที่ส่ง']
for i, c in enumerate(schools):
    n = 40 + i
    rows.append('%s,%s,2568,รอบ 6 เดือน,,%d,%d,2025-04-01' % (c, '\u00a0ร้อยละของนักเรียนที่อ่านคล่อง  (ม.1) ' if i % 2 else a01, n - 5, n))
    rows.append('%s,%s,2568,รอบ 6 เดือน,%d,,,2025-04-01' % (c, a02 if i % 3 else 'B02', 10 + i))
    if i < 2:
        rows.append('%s,A03,2568,รอบ 6 เดือน,อ่านได้ดีขึ้น,,,2025-04-01' % c)
rows.append('210008,ร้อยละนักเรียนที่อ่านคล่อง,2568,รอบ 6 เดือน,,3,4,2025-04-01')
rows.append('219999,%s,2568,รอบ 6 เดือน,12,,,2025-04-01' % a02)
cp874('input/submissions/2568/6m/long.csv', '\n'.join(rows) + '\n')
# 12 months: XML forms, percentages as numerator and denominator
pct = [(80, 100), (82, 100), (85, 100), (88, 100), (5, 100), (84, 100), (86, 100), (83, 100)]
for c, (n, d), i in zip(schools, pct, range(8)):
    open('input/submissions/2568/12m/%s.xml' % c, 'w', encoding='utf-8').write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<submission xmlns="urn:tidtam:submission:1" unit="%s" fiscal-year="2568"'
        ' round="12" submitted="2025-10-01">\n'
        '  <value indicator="A01" numerator="%d" denominator="%d"/>\n'
        '  <value indicator="B02">%d</value>\n'
        '</submission>\n' % (c, n, d, 20 + i))
PY
cat >fw.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="2568">
  <title>กรอบการติดตามของสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ ปีงบประมาณ พ.ศ. 2568</title>
  <rounds>
    <round months="6" deadline="2025-04-15"/>
    <round months="12" deadline="2025-10-15"/>
  </rounds>
  <groups><group code="ACD" name="กลุ่มส่งเสริมการจัดการศึกษา"/></groups>
  <policy-area code="K1" name="ด้านคุณภาพผู้เรียน">
    <strategy code="K1S1" name="ส่งเสริมการอ่าน">
      <indicator code="A01" name="ร้อยละของนักเรียนที่อ่านคล่อง (ม.1)" unit="ร้อยละ" type="percent" aggregation="ratio" cumulative="false" target="80" direction="higher" group="ACD" submitter="school" rounds="6 12"/>
      <indicator code="B02" name="จำนวนนักเรียนที่ได้รับทุนการศึกษา" unit="คน" type="number" aggregation="sum" cumulative="false" target="100" direction="higher" group="ACD" submitter="school" rounds="6 12"/>
      <indicator code="A03" name="ข้อเสนอแนะด้านการอ่าน" unit="-" type="text" aggregation="none" cumulative="false" direction="higher" group="ACD" submitter="school" rounds="6 12" required="false"/>
    </strategy>
  </policy-area>
</framework>
XML
check "the units file is Windows-874" sh -c "! iconv -f UTF-8 -t UTF-8 input/units/units-2568.csv >/dev/null 2>&1"

# 1. no framework yet
# the stages that take files in, one by one (reports are not this test's)
stages() {
	tidtam ingest -s 0 -t "$TOP/templates" >"out$1.txt" 2>"err$1.txt"
	rc=$?
	tidtam validate >>"out$1.txt" 2>>"err$1.txt"
	r=$?; [ $r -gt $rc ] && rc=$r
	tidtam aggregate >>"out$1.txt" 2>>"err$1.txt" || rc=3
	return $rc
}
stages 1
check "first run: some input rejected" [ $? -eq 1 ]
check "no file failed" [ "$(q "SELECT COUNT(*) FROM file WHERE status = 'failed'")" = 0 ]
check "every submission refused for want of a framework" [ "$(q "SELECT COUNT(*) FROM submission s WHERE s.status = 'rejected' AND EXISTS (SELECT 1 FROM issue i WHERE i.submission_id = s.id AND i.code = 'E-FY')")" = "$(q "SELECT COUNT(*) FROM submission")" ]
check "E-FY says the year has no framework yet and that it will be checked again" \
	[ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'E-FY' AND message_th LIKE 'ยังไม่มีกรอบการติดตามของปีงบประมาณ 2568%ระบบจะตรวจไฟล์นี้อีกครั้งเอง%'")" -ge 1 ]
check "E-FY gives no year of the demo" [ "$(q "SELECT COUNT(*) FROM issue WHERE message_th LIKE '%2567%'")" = 0 ]
digits=$(iconv -f CP874 -t UTF-8 input/units/units-2568.csv | awk -F, '$3 ~ /โรงเรียน/ { print length($1) }' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
first=$(iconv -f CP874 -t UTF-8 input/units/units-2568.csv | awk -F, '$3 ~ /โรงเรียน/ { print $1 }' | LC_ALL=C sort | head -n 1)
check "E-UNIT takes its example from the unit list" \
	[ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'E-UNIT' AND found = '219999' AND message_th LIKE '%มี $digits หลัก เช่น $first)%'")" = 1 ]
check "and never says 10 digits" [ "$(q "SELECT COUNT(*) FROM issue WHERE message_th LIKE '%10 หลัก%'")" = 0 ]
check "the projects sheet's receipt is under its fiscal year and office" [ -s output/receipts/2568/S21/projects_plan-2568.csv.txt ]
check "so is the unit list's" [ -s output/receipts/2568/S21/units_units-2568.csv.txt ]
check "no receipt is under unknown" [ ! -d output/receipts/unknown ]

# 2. the framework arrives: the same files go in, none sent again
mkdir -p input/framework && cp fw.xml input/framework/2568.xml
stages 2
check "second run: the unknown school and name are still rejected" [ $? -eq 1 ]
check "E-FY is gone" [ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'E-FY'")" = 0 ]
check "every school's 12-month form is accepted" [ "$(q "SELECT COUNT(*) FROM submission WHERE round = 12 AND status = 'accepted'")" = 8 ]
check "7 schools' 6-month rows are accepted" [ "$(q "SELECT COUNT(*) FROM submission WHERE round = 6 AND status = 'accepted'")" = 7 ]
check "Thai names (with stray spaces) stored as codes" \
	[ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.round = 6 AND s.unit_code <> '219999' AND v.indicator IN ('A01', 'B02', 'A03')")" = "$(( 8 * 2 + 2 ))" ]
col=$(iconv -f CP874 -t UTF-8 input/submissions/2568/6m/long.csv | head -n 1 | tr -d '\r' | awk -F, '{ for (i = 1; i <= NF; i++) if ($i == "ตัวชี้วัด") printf "%c (%s)", 64 + i, $i }')
check "a wrong name is E-INDICATOR at the indicator's cell" \
	[ "$(q "SELECT col FROM issue WHERE code = 'E-INDICATOR'")" = "$col" ]
check "on its row" [ "$(q "SELECT row FROM issue WHERE code = 'E-INDICATOR'")" = "$(iconv -f CP874 -t UTF-8 input/submissions/2568/6m/long.csv | grep -n 'ร้อยละนักเรียนที่อ่านคล่อง' | cut -d: -f1)" ]
check "the outlier among percentages from forms shows what was found" \
	[ "$(q "SELECT found FROM issue WHERE code = 'W-OUTLIER'")" = "5/100" ]
check "in its message too" [ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'W-OUTLIER' AND message_th LIKE '%ค่าที่กรอก 5/100%'")" = 1 ]
check "the optional indicator is not owed: 12 months complete" \
	[ "$(q "SELECT values_expected || ' ' || values_present FROM completeness WHERE fiscal_year = 2568 AND round = 12 AND unit_code = 'S21'")" = "16 16" ]
check "A01 at 12 months: sum of numerators over denominators" \
	[ "$(q "SELECT ROUND(value, 4) FROM result WHERE fiscal_year = 2568 AND round = 12 AND unit_code = 'S21' AND indicator = 'A01'")" = \
	  "$(python3 -c 'print(round((80+82+85+88+5+84+86+83)/800*100, 4))')" ]

# 3. a unit list naming the new school arrives: its rows go in, not sent again
cp later/units-2568-new.csv input/units/
stages 3
check "third run: only the wrong name is still rejected" [ $? -eq 1 ]
check "the new school's submission is accepted" [ "$(q "SELECT status FROM submission WHERE unit_code = '219999'")" = accepted ]
check "every text stored or written is valid UTF-8" python3 "$TOP/tests/tools/check-utf8.py" output
done_testing
