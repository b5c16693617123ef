#!/bin/sh
# A workbook of 2 MB whose shared strings are millions of tiny ones, each
# part inflating about 120 times (under the ratio limit), is refused when
# it passes 2,000,000 strings (2026-12-03: a 2.2 MB workbook took 544 MB),
# as E-TOOLARGE; a good workbook of 300,000 values beside it goes in whole,
# and the rest of the folder as it does without them.  Peak memory stays
# bounded.  On the demo and on office2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
python3 "$HOSTILE" sst strings.xlsx 2 && python3 "$TOP/tools/gen-bench.py" xlsx good.xlsx 2 || exit 3
check "the bomb is about 2 MB" [ "$(stat -c %s strings.xlsx)" -lt 2500000 ]
# the good workbook's values, counted from its XML: every cell after the
# three key columns (unit, year, round) of each row after the header
values=$(python3 -c "import re, sys, zipfile
x = zipfile.ZipFile('good.xlsx').read('xl/worksheets/sheet1.xml').decode()
rows = re.findall(r'<row r=\"(\d+)\">(.*?)</row>', x)
print(sum(len(re.findall(r'<c r=\"[A-Z]+\d+\"><v>', c)) - 3 for r, c in rows if r != '1'))")
check "the good workbook has some 300,000 values ($values)" [ "$values" -gt 250000 ]
for office in demo office2; do
	d=$WORK/$office
	hostile_ingest $office "$d" strings.xlsx=submissions/hostile/strings.xlsx \
		good.xlsx=submissions/hostile/good.xlsx
	check "$office: stderr: too many shared strings" grep -q \
		"rejected 'submissions/hostile/strings.xlsx'.*workbook too large: more than 2000000 shared strings" \
		"$d/err.txt"
	check "$office: recorded as E-TOOLARGE" \
		[ "$(issue_of "$d" submissions/hostile/strings.xlsx | cut -d' ' -f1)" = E-TOOLARGE ]
	check "$office: said too large in Thai" \
		said_th "$d" submissions/hostile/strings.xlsx "สาเหตุ: ไฟล์ใหญ่เกินขนาดที่ระบบรับได้"
	check "$office: the good workbook went in whole ($values values)" [ "$(sqlite3 \
		"$d/output/tidtam.db" "SELECT f.status || ' ' || COUNT(v.id) FROM file f
		JOIN submission s ON s.file_id = f.id JOIN value v ON v.submission_id = s.id
		WHERE f.path = 'submissions/hostile/good.xlsx'")" = "stored $values" ]
	# memory: measured 2.4 times the ingest without it (2,000,000 strings held before the limit); 148 MB before (13 times)
	as_without $office "$d" 4 'submissions/hostile/*'
done
done_testing
