#!/bin/sh
# Text always whole: every output of the second test office is valid UTF-8
# -- every text column of the database, every receipt, every CSV, and the
# text of every PDF as pdftotext gives it back (tests/tools/check-utf8.py).
# The demo office's outputs get the same check in t0001.
. "$(dirname "$0")/lib.sh"
office2_run
check "a database and receipts were written" \
	[ -s output/tidtam.db -a -n "$(find output/receipts -name '*.txt' | head -n 1)" ]
check "the run's own messages are valid UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 err.txt >/dev/null"
python3 "$TOP/tests/tools/check-utf8.py" output >utf8.txt
rc=$?
echo "# $(tail -n 1 utf8.txt)"
check "every output is valid UTF-8: $(head -n 3 utf8.txt)" [ $rc -eq 0 ]
check "the reports were checked too (annual, progress, validation, cards)" \
	[ "$(find output/reports -name '*.pdf' | wc -l)" -ge 90 ]
# the checker itself finds a character cut in half, in a file and in the database
mkdir bad && printf 'ค่าต่างจากโรงเรียนอื่นในเขตมาก (ช่วงปก\340\270\n' >bad/receipt.txt
check "check-utf8.py finds a character cut in half in a file" sh -c \
	"! python3 '$TOP/tests/tools/check-utf8.py' bad >/dev/null"
rm -r bad && mkdir bad && sqlite3 bad/t.db "CREATE TABLE t(x TEXT); INSERT INTO t VALUES(CAST(X'E0B8A7E0B8' AS TEXT))"
check "check-utf8.py finds a character cut in half in a database" sh -c \
	"! python3 '$TOP/tests/tools/check-utf8.py' bad >/dev/null"
done_testing
