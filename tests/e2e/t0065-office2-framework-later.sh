#!/bin/sh
# A fiscal year's files dropped before its framework: the first run refuses
# the 2568 submissions (E-FY) and makes no 2568 results; when the framework
# of 2568 arrives, the next run takes those files again without anyone
# sending them again: the submissions expect-office2.py accepts go in, the
# results of 2568 are the expected ones, the annual report of 2568 is made and
# the receipts no longer say E-FY.
. "$(dirname "$0")/lib.sh"
cp -r "$TOP/tests/data/office2/input" "$WORK/input"
cd "$WORK" || exit 3
mv input/framework/2568.xml fw-2568.xml
tidtam run -q -s 0 -t "$TOP/templates" 2>err1.txt
rc=$?
check "first run exits 1 (2568 has no framework yet), not $rc: $(head -c 300 err1.txt)" [ $rc -eq 1 ]
python3 "$TOP/tests/tools/expect-office2.py" input >expected1.txt
db=output/tidtam.db
compare_subs() { # compare_subs EXPECTED STATUS FY: the submissions of FY with STATUS
	awk -F'\t' -v k="$2" -v y="$3" '$1 == k && $4 == y {print $2 "|" $3 "|" $4 "|" $5}' "$1" | sort -u >want.txt
	sqlite3 $db "SELECT f.path, s.unit_code, s.fiscal_year, s.round FROM submission s
		JOIN file f ON f.id = s.file_id WHERE s.fiscal_year = $3 AND s.status = '$4'" | sort -u >got.txt
	[ -s want.txt ] && cmp -s want.txt got.txt
}
check "first run: every 2568 submission is rejected with E-FY" sh -c \
	"awk -F'\t' '\$1 == \"reject\" && \$4 == 2568 && \$6 == \"E-FY\"' expected1.txt | grep -q . &&
	 [ \$(sqlite3 $db \"SELECT COUNT(*) FROM submission WHERE fiscal_year = 2568 AND status <> 'rejected'\") -eq 0 ] &&
	 [ \$(sqlite3 $db \"SELECT COUNT(DISTINCT s.id) FROM submission s JOIN issue i ON i.submission_id = s.id
		WHERE s.fiscal_year = 2568 AND i.code = 'E-FY'\") -eq \$(sqlite3 $db \"SELECT COUNT(*) FROM submission WHERE fiscal_year = 2568\") ]"
check "first run: no results for 2568" [ "$(sqlite3 $db "SELECT COUNT(*) FROM result WHERE fiscal_year = 2568")" -eq 0 ]
check "first run: no annual report of 2568" [ ! -e output/reports/2568/SPM35/annual-2568.pdf ]
check "first run: the annual report of 2567 is made" [ -s output/reports/2567/SPM35/annual-2567.pdf ]

# the framework arrives
cp fw-2568.xml input/framework/2568.xml
tidtam run -q -s 0 -t "$TOP/templates" 2>err2.txt
rc=$?
check "second run exits 1 (some files are wrong on purpose), not $rc: $(head -c 300 err2.txt)" [ $rc -eq 1 ]
python3 "$TOP/tests/tools/expect-office2.py" input >expected2.txt
compare_subs expected2.txt accept 2568 accepted
check "second run: the $(wc -l <want.txt) 2568 submissions expected to pass are accepted ($(comm -23 want.txt got.txt | wc -l) are not)" \
	compare_subs expected2.txt accept 2568 accepted
check "second run: only the 2568 submissions expected to fail are rejected" sh -c \
	"[ \$(sqlite3 $db \"SELECT COUNT(*) FROM submission WHERE fiscal_year = 2568 AND status = 'rejected'\") -eq \
	   \$(awk -F'\t' '\$1 == \"reject\" && \$4 == 2568 {print \$2 \$3 \$5}' expected2.txt | sort -u | wc -l) ]"
python3 - $db expected2.txt >compare.txt <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for f in (l.rstrip("\n").split("\t") for l in open(sys.argv[2])):
    if f[0] != "result" or f[1] != "2568" or f[4] == "-":
        continue
    row = con.execute("SELECT to_date, achieved FROM result WHERE fiscal_year = 2568 AND round = ?"
                      " AND unit_code = 'SPM35' AND indicator = ?", (int(f[2]), f[3])).fetchone()
    want = None if f[6] == "-" else int(f[6] == "บรรลุ")
    good = row is not None and row[0] is not None and abs(row[0] - float(f[5])) < 1e-6 and row[1] == want
    print(("ok " if good else "not ") + "2568 %sm %s after the framework arrived: stored %s, expected %s %s"
          % (f[2], f[3], row, f[5], want))
PY
while read -r verdict rest; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
done <compare.txt
check "second run: results of 2568 compared ($(wc -l <compare.txt))" [ "$(wc -l <compare.txt)" -ge 20 ]
check "second run: the annual report of 2568 is made" [ -s output/reports/2568/SPM35/annual-2568.pdf ]
form=$(cd input && ls submissions/2568/รอบ12/แบบรายงาน/*.xml | head -n 1)
rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$form' ORDER BY id DESC LIMIT 1")
check "second run: the receipt of $form no longer says E-FY" sh -c "[ -s '$rec' ] && ! grep -q 'E-FY' '$rec'"
done_testing
