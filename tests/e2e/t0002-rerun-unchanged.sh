#!/bin/sh
# A second run with no new file ingests nothing, says so, and leaves the
# report byte-identical; a changed file is stored again as a new version.
. "$(dirname "$0")/lib.sh"
demo_run
pdf=output/reports/2567/3101/annual-2567.pdf
cp "$pdf" first.pdf
values=$(sqlite3 output/tidtam.db 'SELECT COUNT(*) FROM value')
tidtam run -s 0 -t "$TOP/templates" >out.txt 2>/dev/null
check "second run says nothing new" grep -q "ingest: nothing new" out.txt
check "report byte-identical" cmp -s first.pdf "$pdf"
check "no value added" [ "$(sqlite3 output/tidtam.db 'SELECT COUNT(*) FROM value')" = "$values" ]

f=input/submissions/2567/12m/office-12m.csv
sed -i 's/,81,,,/,95,,,/' "$f"
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
check "changed file stored as version 2" [ "$(sqlite3 output/tidtam.db \
	"SELECT MAX(version) FROM file WHERE path = 'submissions/2567/12m/office-12m.csv'")" = 2 ]
check "newer submission supersedes the older" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id
	 WHERE f.path = 'submissions/2567/12m/office-12m.csv' AND s.superseded_by IS NOT NULL")" = 1 ]
check "report changed with it" sh -c "! cmp -s first.pdf '$pdf'"
done_testing
