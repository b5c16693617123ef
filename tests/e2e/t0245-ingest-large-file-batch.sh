#!/bin/sh
# A file of a megabyte or more goes in as the first of a batch of its own
# (no savepoint): among the demo's files, a large sheet goes in whole, a
# large sheet malformed at its very end leaves nothing but its failure,
# each value is stored as its row says and in its order,
# and every other file of the run is stored as without them; a second run
# finds nothing new.
. "$(dirname "$0")/lib.sh"

demo_copy
cd "$WORK" || exit 3
# the demo's schools, each sending SAFE03 for the 3-month round again and again
awk -F, '$3 == "school" { print $1 }' input/units/*.csv >schools.txt
awk 'BEGIN { print "unit,indicator,fiscal_year,round,value,submitted" }
	{ u[n++] = $1 }
	END { for (i = 0; i < 34000; i++)
		printf "%s,SAFE03,2567,3,%d,2024-01-0%d\n", u[i % n], i % 9, 1 + i % 9 }' \
	schools.txt >input/big-good.csv
{ cat input/big-good.csv; echo "$(head -n 1 schools.txt),SAFE03,2567,3,\"4,2024-01-02"; } \
	>input/big-bad.csv
check "the sheets are over a megabyte" [ "$(wc -c <input/big-good.csv)" -ge 1048576 ]

tidtam ingest -q -s 0 -t "$TOP/templates" >out.txt 2>err.txt
q() { sqlite3 output/tidtam.db "$1"; }
rows=$(($(wc -l <input/big-good.csv) - 1))
check "the large sheet went in whole: $rows values" \
	[ "$(q "SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id
		JOIN file f ON f.id = s.file_id WHERE f.path = 'big-good.csv'")" = "$rows" ]
# values go in 32 by one statement, the rest one by one: each row's, in order
tail -n +2 input/big-good.csv | awk -F, '{ print NR + 1 "|" $1 "|" $5 }' >sheet.txt
q "SELECT v.row, s.unit_code, v.value FROM value v JOIN submission s ON s.id = v.submission_id
	JOIN file f ON f.id = s.file_id WHERE f.path = 'big-good.csv' ORDER BY v.id" >stored.txt
check "each row's value, in the sheet's order" cmp -s sheet.txt stored.txt
check "the malformed one failed, E-FILE, nothing of it stored" \
	[ "$(q "SELECT f.status || ' ' || i.code || ' ' || (SELECT COUNT(*) FROM submission
		WHERE file_id = f.id) FROM file f JOIN issue i ON i.file_id = f.id
		WHERE f.path = 'big-bad.csv'")" = "failed E-FILE 0" ]
check "every input file recorded" \
	[ "$(q "SELECT COUNT(DISTINCT path) FROM file")" = "$(find input -type f | wc -l)" ]
# the demo's own files as a run without the two large ones stores them
mkdir alone && cp -r "$TOP/input" alone/input &&
	(cd alone && tidtam ingest -q -s 0 -t "$TOP/templates" >/dev/null 2>&1)
demo_rows() {
	sqlite3 "$1" "SELECT f.path, f.status, s.unit_code, s.round, v.indicator, v.value
		FROM file f LEFT JOIN submission s ON s.file_id = f.id
		LEFT JOIN value v ON v.submission_id = s.id
		WHERE f.path NOT LIKE 'big-%' ORDER BY 1, 3, 4, 5, 6"
}
demo_rows output/tidtam.db >with.txt
demo_rows alone/output/tidtam.db >without.txt
check "the demo's files stored as without the large ones" cmp -s with.txt without.txt
tidtam ingest -v -s 0 -t "$TOP/templates" >again.txt 2>&1
check "a second run finds nothing new" grep -q "nothing new" again.txt
done_testing
