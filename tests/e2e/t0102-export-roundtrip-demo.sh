#!/bin/sh
# An area's CSV export taken in by a national database (the demo office,
# 3101): a fresh folder whose unit list holds the office alone and whose
# framework is 2567's ingests the export; the office's own rows become its
# submission of each round, the rows of its networks and schools are passed
# over and counted in the receipt (not rejected one by one), and the
# national export gives the office exactly the results it has in the area.
. "$(dirname "$0")/lib.sh"
demo_run
tidtam export -q --fy 2567 --format csv --to area.csv
check "the area's export is written" [ -s area.csv ]

mkdir -p nat/input/framework nat/input/units nat/input/areas
cp input/framework/2567.xml nat/input/framework/
{ echo "code,name,kind,parent"
  sqlite3 -csv output/tidtam.db "SELECT code, name, kind, '' FROM unit WHERE kind = 'office'"; } \
	>nat/input/units/offices.csv
cp area.csv nat/input/areas/3101-2567.csv
(cd nat && tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt)
check "the national run takes the export with no rejection: $(head -c 300 nat/err.txt)" [ $? -eq 0 ]
ndb=nat/output/tidtam.db
check "the national database holds the office alone" \
	[ "$(sqlite3 $ndb "SELECT group_concat(code) FROM unit")" = 3101 ]
subs=$(sqlite3 $ndb "SELECT group_concat(unit_code || ':' || round || ':' || status, ' ')
	FROM (SELECT * FROM submission ORDER BY round)")
check "one accepted submission of the office per round ($subs)" \
	[ "$subs" = "3101:3:accepted 3101:6:accepted 3101:9:accepted 3101:12:accepted" ]
check "the file is read as a results export" \
	[ "$(sqlite3 $ndb "SELECT kind FROM file WHERE path = 'areas/3101-2567.csv'")" = results ]

# the data date travels: each round's submission is dated as the area's
# data (the newest counted date of the office and its units), and W-LATE
# is said of exactly the rounds whose data date is past the deadline
python3 "$TOP/tests/tools/data-dates.py" output/tidtam.db 2567 3101 >area-dates.txt
sqlite3 -separator ' ' $ndb "SELECT round, submitted_on FROM submission WHERE unit_code = '3101'
	ORDER BY round" >nat-dates.txt
check "the national submissions have the area's data dates: $(tr '\n' ' ' <nat-dates.txt)" \
	sh -c "[ -s area-dates.txt ] && cmp -s area-dates.txt nat-dates.txt"
python3 - input/framework/2567.xml area-dates.txt >late-want.txt <<'PY'
import sys
import xml.etree.ElementTree as ET
dl = {x.attrib["months"]: x.attrib["deadline"]
      for x in ET.parse(sys.argv[1]).getroot().iter("{urn:tidtam:framework:1}round")}
print(" ".join(m for m, d in (l.split() for l in open(sys.argv[2])) if d > dl[m]))
PY
late=$(sqlite3 $ndb "SELECT group_concat(round, ' ') FROM (SELECT DISTINCT s.round FROM issue i
	JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-LATE' ORDER BY s.round)")
check "W-LATE for the rounds the area's data was late ($(cat late-want.txt)), no other: '$late'" \
	[ "$late" = "$(cat late-want.txt)" ]

# the rows passed over: of other units, and with no value at all
python3 - area.csv >counts.txt <<'PY'
import csv, sys
other = empty = 0
with open(sys.argv[1], encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        if not (r["value"] or r["numerator"] or r["denominator"]):
            empty += 1
        elif r["unit_code"] != "3101":
            other += 1
print(other, empty)
PY
read -r other empty <counts.txt
receipt=$(ls nat/output/receipts/2567/*/areas_3101-2567.csv.txt)
check "the receipt counts the $other rows of the area's schools and networks" \
	grep -q "หน่วยงานที่ไม่มีในทะเบียนหน่วยงาน.* $(thai_digits $other) แถว ข้ามไป" "$receipt"
check "the receipt counts the $empty rows without a value" grep -q "ไม่ได้กรอกค่าใดเลย $(thai_digits $empty) แถว" "$receipt"
check "nothing is rejected: no E- issue" [ "$(sqlite3 $ndb "SELECT COUNT(*) FROM issue WHERE code LIKE 'E-%'")" -eq 0 ]
check "the English receipt says it too" sh -c \
	"cd nat && tidtam validate -q -l en -t '$TOP/templates' >/dev/null 2>&1;
	 grep -q '$other rows of units not in the unit list' output/receipts/2567/*/areas_3101-2567.csv.txt"

(cd nat && tidtam export -q --fy 2567 --format csv --to national.csv)
python3 "$TOP/tests/tools/same-office-rows.py" area.csv nat/national.csv 3101 >same.txt
check "the national results of 3101 are the area's: $(tail -n 3 same.txt | tr '\n' ' ')" [ $? -eq 0 ]
n=$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM result WHERE fiscal_year = 2567 AND unit_code = '3101'")
check "every office result compared ($n)" [ "$(cat same.txt)" = "same $n" ]
done_testing
