#!/bin/sh
# Empty, binary, half-written and unreadable files are reported and
# skipped; the good files beside them still go in; nothing crashes.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/sub
cp -r "$TOP/input/framework" "$TOP/input/units" input/
: > input/sub/empty.csv
head -c 3000 /bin/sh > input/sub/binary.csv
printf '<?xml version="1.0"?>\n<submission unit="1031010001" fiscal-year="2567" round="6">\n<value indicator="SAFE01">4</va' > input/sub/half.xml
ln -s /nonexistent/file.csv input/sub/dangling.csv
cp "$TOP/input/submissions/2567/6m/long-N01.csv" input/sub/good.csv
cp "$TOP/tests/corpora/xml/defusedxml/xmlbomb.xml" input/sub/bomb.xml
tidtam ingest -s 0 -t "$TOP/templates" >out.txt 2>err.txt
rc=$?
check "ingest exits 1, not a crash" [ $rc -eq 1 ]
for f in empty.csv binary.csv half.xml dangling.csv bomb.xml; do
	check "$f reported" grep -q "rejected 'sub/$f'" err.txt
done
check "empty file said empty" grep -q "empty.csv.*file is empty" err.txt
check "binary file said not text" grep -q "binary.csv.*not text" err.txt
check "bomb refused for its DOCTYPE" grep -q "bomb.xml.*DOCTYPE" err.txt
check "good file stored" [ "$(sqlite3 output/tidtam.db \
	"SELECT status FROM file WHERE path = 'sub/good.csv'")" = stored ]
check "failed files recorded with E-FILE" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue WHERE code = 'E-FILE'")" = 4 ]
tidtam validate -q
check "receipt for the empty file" grep -q "ไม่รับไฟล์นี้" output/receipts/unknown/3101/sub_empty.csv.txt
done_testing
