#!/bin/sh
# A file is hashed from the same bytes that are parsed, and a file that
# changes while ingest reads it is left for the next run.  A test hook
# (TIDTAM_TEST_INGEST_HOOK, ingest.h) changes a big long sheet at the
# moment ingest has opened and measured it and not yet read it ("read"),
# and at the moment it has hashed it and is about to read it again as it
# parses it ("parse": a text file is not held in memory): cut to half its
# size, or bytes in its middle overwritten (same size, a new modification
# time), each on the demo and on office2.  Either way nothing of
# it is stored (no file row, no value), ingest says so, and the other
# files go in.  With the original put back, the next run stores it whole:
# its recorded SHA-256 is sha256sum's and it gives a value per row.
#
# 2026-12-03: a file truncated while ingest read it was stored part-way
# (484,770 of 1,000,000 rows) under the full file's hash, and putting the
# original back changed nothing, for good.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

changed() { # NAME INPUT-FOLDER FISCAL-YEAR ROWS HOW PHASE
	name=$1 fy=$3 rows=$4 how=$5 phase=$6
	mkdir -p "$WORK/$name" && cd "$WORK/$name" || exit 3
	cp -rp "$2" input
	mkdir -p input/submissions/big
	big=submissions/big/all-schools.csv
	# a long sheet: every listed school, the framework's first indicator, row after row
	python3 - "input/$big" "$fy" "$rows" input/units/*.csv "input/framework/$fy.xml" <<'PY'
import re, sys
out, fy, rows, lists, fw = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:-1], sys.argv[-1]
schools = []
for path in lists:
    for line in open(path, "rb").read().decode("utf-8", "replace").splitlines():
        cells = line.split(",")
        if len(cells) >= 3 and cells[2].strip() == "school":
            schools.append(cells[0].strip().lstrip("\ufeff"))
ind = re.search(r'<indicator code="([^"]+)"', open(fw, encoding="utf-8").read()).group(1)
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("unit,indicator,fiscal_year,round,value\n")
    for i in range(rows):
        f.write("%s,%s,%s,12,%d\n" % (schools[i % len(schools)], ind, fy, i % 97))
PY
	check "$name: the big sheet has $rows rows" [ "$(($(wc -l <"input/$big") - 1))" = "$rows" ]
	cp "input/$big" original.csv
	size=$(wc -c <original.csv)
	# the hook: changes the big sheet between ingest's fstat() and its read(),
	# or between its hash and its parse
	cat >hook.sh <<SH
[ "\$1" = $phase ] && [ "\$2" = "$big" ] || exit 0
case $how in
cut) truncate -s $((size / 2)) "input/\$2" ;;
overwrite) printf 'XXXXXXXX' | dd of="input/\$2" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null ;;
esac
echo "\$2" >>hook-ran.txt
SH
	TIDTAM_TEST_INGEST_HOOK="sh $(pwd)/hook.sh \"\$@\"" tidtam ingest -s 0 -t "$T" >out1.txt 2>err1.txt
	check "$name: the hook ran once, on the big sheet, at $phase" [ "$(cat hook-ran.txt 2>/dev/null)" = "$big" ]
	check "$name: the sheet was changed ($how)" sh -c "! cmp -s original.csv 'input/$big'"
	db=output/tidtam.db
	check "$name: nothing of it is recorded" [ "$(sqlite3 $db "SELECT COUNT(*) FROM file WHERE path = '$big'")" = 0 ]
	values=$(sqlite3 $db "SELECT COUNT(*) FROM value")
	check "$name: ingest says it changed while it was read" \
		grep -q "could not take '$big' (left for the next run): .*changed while it was read" err1.txt
	check "$name: the summary counts it as left for the next run" grep -q "1 changed while read or gone" out1.txt
	files=$(cd input && find . -type f \( -name '*.csv' -o -name '*.xml' -o -name '*.xlsx' \
		-o -name '*.jpg' -o -name '*.png' \) | wc -l)
	check "$name: every other file is recorded" \
		[ "$(sqlite3 $db 'SELECT COUNT(DISTINCT path) FROM file')" = $((files - 1)) ]

	# the original put back: the next run stores it whole, under its own hash
	cp original.csv "input/$big"
	tidtam ingest -s 0 -t "$T" >out2.txt 2>err2.txt
	check "$name: the next run stores it" [ "$(sqlite3 $db "SELECT status || ' ' || version FROM file
		WHERE path = '$big'")" = "stored 1" ]
	check "$name: under sha256sum's hash" [ "$(sqlite3 $db "SELECT sha256 FROM file WHERE path = '$big'")" = \
		"$(sha256sum original.csv | cut -d' ' -f1)" ]
	check "$name: and its size" [ "$(sqlite3 $db "SELECT size FROM file WHERE path = '$big'")" = "$size" ]
	check "$name: a value per row, $rows" [ "$(sqlite3 $db "SELECT COUNT(*) FROM value v JOIN submission s
		ON s.id = v.submission_id JOIN file f ON f.id = s.file_id WHERE f.path = '$big'")" = "$rows" ]
	check "$name: the first run stored none of them (values: $values, then $rows more)" \
		[ "$(sqlite3 $db "SELECT COUNT(*) FROM value")" = $((values + rows)) ]
	check "$name: the values' sum is the sheet's" [ "$(sqlite3 $db "SELECT SUM(CAST(v.value AS INTEGER)) FROM value v
		JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id
		WHERE f.path = '$big'")" = "$(awk -F, 'NR > 1 { s += $5 } END { print s }' original.csv)" ]
	check "$name: nothing else new" grep -q "1 new files stored ($rows values), 0 rejected" out2.txt
	cd "$WORK" || exit 3
}

changed demo "$TOP/input" 2567 200000 cut read
changed office2 "$TOP/tests/data/office2/input" 2568 50000 overwrite read
changed demo-parse "$TOP/input" 2567 50000 overwrite parse
changed office2-parse "$TOP/tests/data/office2/input" 2568 50000 cut parse
done_testing
