#!/bin/sh
# The second office's CSV exports of 2567 and 2568 taken in by a national
# database (a fresh folder: the office alone in its unit list, both years'
# frameworks): each year's office rows become its submissions of rounds 6
# and 12, its 40 schools' rows are passed over and counted, and the national
# export of each year gives the office exactly its results in the area.
. "$(dirname "$0")/lib.sh"
office2_run
db=output/tidtam.db
office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
mkdir -p nat/input/framework nat/input/units nat/input/areas
{ echo "code,name,kind,parent"
  sqlite3 -csv $db "SELECT code, name, kind, '' FROM unit WHERE kind = 'office'"; } \
	>nat/input/units/offices.csv
for fy in 2567 2568; do
	tidtam export -q --fy $fy --format csv --to area-$fy.csv
	check "$fy: the area's export is written" [ -s area-$fy.csv ]
	cp input/framework/$fy.xml nat/input/framework/
	cp area-$fy.csv nat/input/areas/$office-$fy.csv
done
# the national deadlines of 2568 are the area's data dates: on time, just
python3 "$TOP/tests/tools/data-dates.py" $db 2568 "$office" >dates-2568.txt
python3 - nat/input/framework/2568.xml dates-2568.txt <<'PY'
import re, sys
dates = dict(l.split() for l in open(sys.argv[2]))
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'<round months="(\d+)" deadline="[^"]*"',
              lambda m: '<round months="%s" deadline="%s"' % (m.group(1), dates[m.group(1)]), text)
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
(cd nat && tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt)
check "the national run takes both exports with no rejection: $(head -c 300 nat/err.txt)" [ $? -eq 0 ]
ndb=nat/output/tidtam.db
for fy in 2567 2568; do
	subs=$(sqlite3 $ndb "SELECT group_concat(unit_code || ':' || round || ':' || status, ' ')
		FROM (SELECT * FROM submission WHERE fiscal_year = $fy ORDER BY round)")
	check "$fy: one accepted submission of $office per round ($subs)" \
		[ "$subs" = "$office:6:accepted $office:12:accepted" ]
	# the data date travels; W-LATE for exactly the rounds past the deadline
	python3 "$TOP/tests/tools/data-dates.py" $db $fy "$office" >area-dates-$fy.txt
	sqlite3 -separator ' ' $ndb "SELECT round, submitted_on FROM submission
		WHERE unit_code = '$office' AND fiscal_year = $fy ORDER BY round" >nat-dates-$fy.txt
	check "$fy: the national submissions have the area's data dates: $(tr '\n' ' ' <nat-dates-$fy.txt)" \
		sh -c "[ -s area-dates-$fy.txt ] && cmp -s area-dates-$fy.txt nat-dates-$fy.txt"
	late_want=$(python3 - nat/input/framework/$fy.xml area-dates-$fy.txt <<'PY'
import sys
import xml.etree.ElementTree as ET
dl = {x.attrib["months"]: x.attrib["deadline"]
      for x in ET.parse(sys.argv[1]).getroot().iter("{urn:tidtam:framework:1}round")}
print(" ".join(m for m, d in (l.split() for l in open(sys.argv[2])) if d > dl[m]))
PY
)
	late=$(sqlite3 $ndb "SELECT group_concat(round, ' ') FROM (SELECT DISTINCT s.round FROM issue i
		JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-LATE'
		AND s.fiscal_year = $fy ORDER BY s.round)")
	check "$fy: W-LATE for the rounds the area's data was late ('$late_want'), no other: '$late'" \
		[ "$late" = "$late_want" ]
	other=$(python3 -c "
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig') as f:
    print(sum(1 for r in csv.DictReader(f)
              if r['unit_code'] != sys.argv[2] and (r['value'] or r['numerator'] or r['denominator'])))
" area-$fy.csv "$office")
	receipt=$(ls nat/output/receipts/$fy/*/areas_$office-$fy.csv.txt)
	check "$fy: the receipt counts the $other rows of the schools" \
		grep -q "หน่วยงานที่ไม่มีในทะเบียนหน่วยงาน.* $(thai_digits $other) แถว ข้ามไป" "$receipt"
	(cd nat && tidtam export -q --fy $fy --format csv --to national-$fy.csv)
	python3 "$TOP/tests/tools/same-office-rows.py" area-$fy.csv nat/national-$fy.csv "$office" >same.txt
	check "$fy: the national results of $office are the area's: $(tail -n 3 same.txt | tr '\n' ' ')" [ $? -eq 0 ]
	n=$(sqlite3 $db "SELECT COUNT(*) FROM result WHERE fiscal_year = $fy AND unit_code = '$office'")
	check "$fy: every office result compared ($n)" [ "$(cat same.txt)" = "same $n" ]
done
check "2568, its deadlines the area's data dates: no W-LATE" \
	[ "$(sqlite3 $ndb "SELECT COUNT(*) FROM issue i JOIN submission s ON s.id = i.submission_id
		WHERE i.code = 'W-LATE' AND s.fiscal_year = 2568")" -eq 0 ]
check "nothing is rejected: no E- issue" [ "$(sqlite3 $ndb "SELECT COUNT(*) FROM issue WHERE code LIKE 'E-%'")" -eq 0 ]
done_testing
