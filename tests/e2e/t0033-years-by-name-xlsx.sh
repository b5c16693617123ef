#!/bin/sh
# Two fiscal years whose frameworks give one Thai name different codes: a
# wide sheet headed by Thai names is read against the framework of its own
# year, whichever came in last.  A long sheet in a workbook (written by this
# test: inline strings, numbers in number cells) gives percentages as
# numerator and denominator; an outlier among them shows what was found.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
q() { sqlite3 output/tidtam.db "$1"; }
mkdir -p input/framework input/units input/sub
fw() { # fw YEAR CODE-OF-READING CODE-OF-GRANTS
	cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="$1">
  <title>กรอบการติดตาม ปีงบประมาณ พ.ศ. $1</title>
  <rounds><round months="6" deadline="$(($1 - 543))-04-15"/><round months="12" deadline="$(($1 - 543))-10-15"/></rounds>
  <groups><group code="G1" name="กลุ่มนิเทศ"/></groups>
  <policy-area code="Q" name="ด้านคุณภาพ">
    <strategy code="Q1" name="การอ่าน">
      <indicator code="$2" name="ร้อยละของนักเรียนที่อ่านคล่อง" unit="ร้อยละ" type="percent" aggregation="ratio" cumulative="false" target="80" direction="higher" group="G1" submitter="school" rounds="6 12"/>
      <indicator code="$3" name="จำนวนนักเรียนที่ได้รับทุน" unit="คน" type="number" aggregation="sum" cumulative="false" target="10" direction="higher" group="G1" submitter="school" rounds="6 12"/>
    </strategy>
  </policy-area>
</framework>
XML
}
fw 2567 R67 T67 >input/framework/2567.xml
fw 2568 R68 T68 >input/framework/2568.xml
python3 - <<'PY'
import zipfile
from xml.sax.saxutils import escape
schools = ['5301%02d' % i for i in range(1, 9)]
with open('input/units/units.csv', 'w', encoding='utf-8') as f:
    f.write('code,name,kind,parent\nX1,สำนักงานทดสอบ,office,\n')
    for c in schools:
        f.write('%s,โรงเรียน %s,school,X1\n' % (c, c))
# a wide sheet of 2567 headed by Thai names (numerator and denominator apart)
with open('input/sub/wide-2567.csv', 'w', encoding='utf-8') as f:
    f.write('รหัสโรงเรียน,ปีงบประมาณ,รอบ,ร้อยละของนักเรียนที่อ่านคล่อง (ตัวตั้ง),'
            'ร้อยละของนักเรียนที่อ่านคล่อง (ตัวหาร),จำนวนนักเรียนที่ได้รับทุน,วันที่ส่ง\n')
    for i, c in enumerate(schools):
        f.write('%s,2567,6,%d,50,%d,2024-04-01\n' % (c, 40 + i, i))
# a long sheet of 2568 in a workbook, with a title row above the header
rows = [['รายงานผลการอ่าน ปีงบประมาณ 2568'],
        ['รหัสโรงเรียน', 'ตัวชี้วัด', 'ปีงบประมาณ', 'รอบ', 'ตัวตั้ง', 'ตัวหาร', 'วันที่ส่ง']]
nums = [80, 82, 85, 88, 5, 84, 86, 83]
for c, n in zip(schools, nums):
    rows.append([c, 'ร้อยละของนักเรียนที่อ่านคล่อง', 2568, 12, n, 100, '2025-10-01'])
def cell(ref, v):
    if isinstance(v, int):
        return '<c r="%s"><v>%d</v></c>' % (ref, v)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))
sheet = ''.join('<row r="%d">%s</row>' % (r + 1, ''.join(cell('%s%d' % (chr(65 + k), r + 1), v)
        for k, v in enumerate(row))) for r, row in enumerate(rows))
with zipfile.ZipFile('input/sub/long-2568.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="ข้อมูล" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet)
PY
tidtam ingest -q -s 0 -t "$TOP/templates" 2>err.txt
check "every file goes in" [ $? -eq 0 ]
tidtam validate -q 2>>err.txt
check "nothing rejected" [ $? -eq 0 ]
check "the wide sheet's Thai names became the codes of 2567, not of 2568" \
	[ "$(q "SELECT group_concat(DISTINCT v.indicator) FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.fiscal_year = 2567 ORDER BY 1")" = "R67,T67" ]
check "the workbook's rows the code of 2568" \
	[ "$(q "SELECT group_concat(DISTINCT v.indicator) FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.fiscal_year = 2568")" = R68 ]
check "numerator and denominator of 2567 read from their own columns" \
	[ "$(q "SELECT SUM(CAST(numerator AS REAL)) || ' ' || SUM(CAST(denominator AS REAL)) FROM value WHERE indicator = 'R67'")" = "$((40+41+42+43+44+45+46+47)).0 400.0" ]
check "the outlier in the workbook shows what was found" \
	[ "$(q "SELECT found FROM issue WHERE code = 'W-OUTLIER'")" = "5/100" ]
check "at its row" [ "$(q "SELECT row FROM issue WHERE code = 'W-OUTLIER'")" = 7 ]
check "every text stored is valid UTF-8" python3 "$TOP/tests/tools/check-utf8.py" output
done_testing
