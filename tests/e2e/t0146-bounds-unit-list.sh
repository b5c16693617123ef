#!/bin/sh
# A unit list past its limits (a million schools; the limit is 100,000
# rows) is refused whole as E-TOOLARGE, the register left as it was and
# its rows past the limit never held in memory; so is one whose one name
# is 100 MB long (a field may be 1 MiB: 2026-12-03, libcsv held the whole
# field before its length was looked at); a list of 30,000 schools
# (tools/gen-bench.py: a national office's size) is taken whole.  Every
# other file goes in as it does without them.  On the demo and office2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
python3 "$HOSTILE" units huge.csv 1000000 && python3 "$TOP/tools/gen-bench.py" office big 30000 ||
	exit 3
# a list whose one name is 100 MB long: libcsv would hold it whole
python3 -c "import sys
f = open('long.csv', 'w', encoding='utf-8')
f.write('code,name,kind,parent\r\n9998,')
for _ in range(100):
    f.write('ก' * 349525 + 'x')
f.write(',office,\r\n')" || exit 3
schools=$(grep -c ',school,' big/units/units.csv)
units=$(($(wc -l <big/units/units.csv) - 1))
check "the big list has 30,000 schools ($schools)" [ "$schools" -eq 30000 ]
for office in demo office2; do
	d=$WORK/$office
	hostile_ingest $office "$d" huge.csv=units/huge.csv long.csv=units/long.csv
	check "$office: stderr: the list with a 100 MB name has a row too large" grep -q \
		"rejected 'units/long.csv'.*:2: row too large: more than 4096 fields, a field of more than 1 MiB" \
		"$d/err.txt"
	check "$office: recorded as E-TOOLARGE" \
		[ "$(issue_of "$d" units/long.csv | cut -d' ' -f1)" = E-TOOLARGE ]
	check "$office: stderr: the list is too large" grep -q \
		"rejected 'units/huge.csv'.*unit list too large: 1010001 rows, and a list may hold at most 100000 rows" \
		"$d/err.txt"
	check "$office: recorded as E-TOOLARGE" \
		[ "$(issue_of "$d" units/huge.csv | cut -d' ' -f1)" = E-TOOLARGE ]
	check "$office: said too large in Thai" said_th "$d" units/huge.csv "สาเหตุ: ไฟล์ใหญ่เกินขนาดที่ระบบรับได้"
	baseline $office
	sqlite3 "$base/output/tidtam.db" "SELECT code, kind, parent FROM unit ORDER BY code" >base-units.txt
	sqlite3 "$d/output/tidtam.db" "SELECT code, kind, parent FROM unit ORDER BY code" >units.txt
	check "$office: the register is as it was" cmp -s base-units.txt units.txt
	# memory: measured 2.9 times the ingest without them; 258 MB when every row was held (22 times), 128 MB when the lists were read whole (11 times)
	as_without $office "$d" 5 units/huge.csv units/long.csv

	d=$WORK/$office-national
	office_input $office "$d"
	cp big/units/units.csv "$d/input/units/national.csv"
	ingest_peak "$d"
	check "$office: the national-size list is taken, every unit of it ($units)" [ "$(sqlite3 \
		"$d/output/tidtam.db" "SELECT COUNT(*) FROM unit u JOIN file f ON f.id = u.file_id
		WHERE f.path = 'units/national.csv'")" -eq "$units" ]
	check "$office: every other file went in as it does without it" \
		same_as_base $office "$d" units/national.csv
	# measured 1.9 times the ingest without it
	peak_under $office national 4
done
done_testing
