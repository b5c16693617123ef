#!/bin/sh
# Only units/ holds unit lists and only framework/ frameworks, at any depth
# below them.  A school's upload with the columns of a unit list (code,
# name, kind, parent) that renames the office and moves a school, put under
# submissions/, leaves the unit table as it was (dumped with sqlite3 before
# and after): the file is refused with an E-FILE that says where unit
# lists go, in its receipt; a dry run of it says the same.  A framework
# put outside framework/ is refused in the same way, the framework table
# unchanged.  A list deeper under units/ still registers its school.  On
# the demo and on office2.
#
# 2026-12-03: any file anywhere in input/ with the columns of a unit list
# replaced the unit register; a school's upload renamed the office.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

elsewhere() { # NAME INPUT-FOLDER FISCAL-YEAR NEW-SCHOOL-CODE
	name=$1 fy=$3 new=$4
	run_once "$2" "$WORK/$name"
	db=output/tidtam.db
	# (a list that refuses rows is read again when another list arrives: by its path)
	units_dump() { sqlite3 $db "SELECT u.code, u.name, u.kind, COALESCE(u.parent, ''), f.path,
		u.row FROM unit u JOIN file f ON f.id = u.file_id WHERE u.code <> '$new' ORDER BY u.code"; }
	units_dump >units.before
	sqlite3 $db "SELECT fiscal_year, file_id, length(xml) FROM framework ORDER BY 1, 2" >fw.before
	check "$name: the unit table has rows" [ "$(wc -l <units.before)" -gt 10 ]
	office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
	school=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'school' ORDER BY code LIMIT 1")
	# the upload: the office renamed, a school moved to another network (or
	# put straight under the office, in an office without networks)
	other=$(sqlite3 $db "SELECT COALESCE((SELECT code FROM unit WHERE kind = 'network'
		AND code <> (SELECT parent FROM unit WHERE code = '$school') ORDER BY code LIMIT 1),
		'$office')")
	{ echo "code,name,kind,parent"
	  echo "$office,สำนักงานที่ถูกแก้ชื่อ,office,"
	  echo "$school,โรงเรียนที่ถูกย้าย,school,$other"; } >input/submissions/upload-units.csv
	# a framework of the year, its targets changed, outside framework/
	sed 's/target="[0-9.]*"/target="1"/' "input/framework/$fy.xml" >input/submissions/framework-$fy.xml
	# a list deeper under units/: one new school
	mkdir -p input/units/extra/more
	{ echo "code,name,kind,parent"; echo "$new,โรงเรียนใหม่ในโฟลเดอร์ย่อย,school,$office"; } \
		>input/units/extra/more/new-school.csv
	tidtam run -q -s 0 -t "$T" >out.txt 2>err.txt
	rc=$?
	check "$name: the run exits 1, not $rc: $(head -c 300 err.txt)" [ $rc -eq 1 ]
	units_dump >units.after
	check "$name: the unit table is as it was" cmp -s units.before units.after
	check "$name: the office keeps its name" [ "$(sqlite3 $db "SELECT COUNT(*) FROM unit
		WHERE name = 'สำนักงานที่ถูกแก้ชื่อ' OR name = 'โรงเรียนที่ถูกย้าย'")" = 0 ]
	sqlite3 $db "SELECT fiscal_year, file_id, length(xml) FROM framework ORDER BY 1, 2" >fw.after
	check "$name: the framework table is as it was" cmp -s fw.before fw.after
	q() { sqlite3 $db "SELECT f.status || ' ' || i.code || ' ' || i.message_en FROM file f
		JOIN issue i ON i.file_id = f.id WHERE f.path = '$1'"; }
	check "$name: the upload is refused: unit lists only from units/ ($(q submissions/upload-units.csv))" \
		sh -c "echo '$(q submissions/upload-units.csv)' | grep -q '^failed E-FILE unit list outside units/'"
	check "$name: the framework outside framework/ is refused ($(q submissions/framework-$fy.xml))" \
		sh -c "echo '$(q submissions/framework-$fy.xml)' | grep -q '^failed E-FILE framework outside framework/'"
	check "$name: stderr names the upload" grep -q "rejected 'submissions/upload-units.csv'.*unit list outside units/" err.txt
	rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = 'submissions/upload-units.csv'")
	check "$name: its receipt says unit lists go in units/ ($rec)" grep -q "ระบบรับทะเบียนหน่วยงานจากโฟลเดอร์ units/ เท่านั้น" "$rec"
	check "$name: and that the file is refused" grep -q "ผลการตรวจ: ไม่รับไฟล์นี้" "$rec"
	rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = 'submissions/framework-$fy.xml'")
	check "$name: the framework's receipt says where frameworks go ($rec)" grep -q "จากโฟลเดอร์ framework/ เท่านั้น" "$rec"
	check "$name: the school listed deeper under units/ is registered" \
		[ "$(sqlite3 $db "SELECT u.parent || ' ' || f.path FROM unit u JOIN file f ON f.id = u.file_id
			WHERE u.code = '$new'")" = "$office units/extra/more/new-school.csv" ]
	check "$name: every stage went through (the annual report is there)" [ -s "output/reports/$fy/$office/annual-$fy.pdf" ]
	# a dry run says the same, and lists read from units/ stay lists
	tidtam ingest --dry-run input/submissions/upload-units.csv -t "$T" >dry.txt 2>dry.err
	check "$name: a dry run of the upload exits 1" [ $? -eq 1 ]
	check "$name: and prints its refusal" grep -q "ระบบรับทะเบียนหน่วยงานจากโฟลเดอร์ units/" dry.txt
	cp input/units/extra/more/new-school.csv input/units/extra/more/new-school-2.csv
	sed -i "s/^$new,[^,]*/$new,ชื่อใหม่/" input/units/extra/more/new-school-2.csv
	tidtam ingest --dry-run input/units/extra/more/new-school-2.csv -t "$T" >dry2.txt 2>dry2.err
	check "$name: a dry run of a list under units/ reads it as a unit list ($(grep -m1 'ชนิด' dry2.txt))" \
		grep -q "ชนิด: ทะเบียนหน่วยงาน" dry2.txt
	cd "$WORK" || exit 3
}

elsewhere demo "$TOP/input" 2567 1031019999
elsewhere office2 "$TOP/tests/data/office2/input" 2568 359999
done_testing
