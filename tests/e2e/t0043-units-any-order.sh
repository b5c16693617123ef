#!/bin/sh
# A unit list refused for a parent not yet known is taken again when the
# parent's list arrives: in the same run (units/a-schools.csv is read before
# units/b-office.csv) or in a later one, without anyone sending it again;
# the schools' submissions go in with it.
#
# 2026-12-02: a school list read before its office's list stayed refused
# ("unknown parent") for good.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"
mkdir -p one/input/framework one/input/units one/input/sub
cp "$TOP/input/framework/2567.xml" one/input/framework/
cat >one/input/units/a-schools.csv <<'CSV'
code,name,kind,parent
540001,โรงเรียนบ้านนาหลวง,school,5401
540002,โรงเรียนบ้านดอนแก้ว,school,5401
CSV
cat >one/input/units/b-office.csv <<'CSV'
code,name,kind,parent
5401,สำนักงานเขตพื้นที่การศึกษาประถมศึกษาแพร่ เขต 1,office,
CSV
cat >one/input/sub/values.csv <<'CSV'
unit,indicator,fiscal_year,round,value,submitted
540001,SAFE03,2567,6,2,2024-04-01
540002,SAFE03,2567,6,1,2024-04-01
CSV
cp -r one two
units() { sqlite3 "$1/output/tidtam.db" "SELECT COUNT(*) FROM unit WHERE kind = 'school'"; }
refused() { sqlite3 "$1/output/tidtam.db" "SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-UNITLIST' AND f.id = (SELECT MAX(id) FROM file WHERE path = f.path)"; }
accepted() { sqlite3 "$1/output/tidtam.db" "SELECT COUNT(*) FROM submission WHERE status = 'accepted'"; }

# the same run: the schools' list comes first by name
(cd one && tidtam run -q -s 0 -t "$T" >/dev/null 2>&1)
check "same run: both schools registered" [ "$(units one)" = 2 ]
check "same run: no row refused" [ "$(refused one)" = 0 ]
check "same run: both schools' values accepted" [ "$(accepted one)" = 2 ]

# a later run: the office's list arrives a week after the schools'
mv two/input/units/b-office.csv two/b-office.csv
(cd two && tidtam run -q -s 0 -t "$T" >/dev/null 2>&1)
check "first run: the schools are refused (their office is unknown)" [ "$(refused two)" = 2 ]
check "first run: no school registered" [ "$(units two)" = 0 ]
check "first run: their values are rejected" [ "$(accepted two)" = 0 ]
check "first run: the receipt names the unknown parent" \
	grep -rq "5401" two/output/receipts
mv two/b-office.csv two/input/units/b-office.csv
(cd two && tidtam run -q -s 0 -t "$T" >/dev/null 2>&1)
check "second run: both schools registered" [ "$(units two)" = 2 ]
check "second run: no row refused any more" [ "$(refused two)" = 0 ]
check "second run: their values accepted without being sent again" [ "$(accepted two)" = 2 ]
check "second run: one receipt for the schools' list, filed under the office" [ \
	"$(find two/output/receipts -name 'units_a-schools.csv.txt')" = \
	two/output/receipts/2567/5401/units_a-schools.csv.txt ]
check "second run: it says both schools were registered" \
	grep -q "ลงทะเบียนหน่วยงาน ๒ หน่วย ไม่รับ ๐ แถว\|ลงทะเบียนหน่วยงาน 2 หน่วย ไม่รับ 0 แถว" \
	two/output/receipts/2567/5401/units_a-schools.csv.txt
check "second run: no receipt left under unknown" [ ! -e two/output/receipts/2567/unknown ]
(cd two && tidtam run -s 0 -t "$T" >out.txt 2>&1)
check "third run: nothing read again" grep -q "ingest: nothing new" two/out.txt

# check, before a list goes in, knows the units already registered
cat >two/new-schools.csv <<'CSV'
code,name,kind,parent
540003,โรงเรียนบ้านแม่ยาง,school,5401
CSV
cat >two/clash.csv <<'CSV'
code,name,kind,parent
540001,โรงเรียนบ้านนาหลวง (ซ้ำ),school,5401
CSV
(cd two && tidtam check -t "$T" new-schools.csv >check1.txt 2>&1)
check "check: a school under the registered office is fine (exit 0)" [ $? -eq 0 ]
(cd two && tidtam check -t "$T" clash.csv >check2.txt 2>&1)
check "check: a code registered by another list is refused (exit 1)" [ $? -eq 1 ]
check "... naming that list" grep -q "540001.*units/a-schools.csv" two/check2.txt
(cd two && tidtam check -t "$T" input/units/a-schools.csv >check3.txt 2>&1)
check "check: a list registered before does not clash with itself" [ $? -eq 0 ]
done_testing
