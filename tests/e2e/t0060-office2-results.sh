#!/bin/sh
# The second test office (a secondary office, schools directly under it,
# 6-digit codes, rounds at 6 and 12 months, two fiscal years) through
# `tidtam run` with the shipped templates unchanged: every indicator's
# result and status, per fiscal year and round, in the database and in each
# year's annual report equal what tests/tools/expect-office2.py computes from
# the input files alone.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
# one result a round of every indicator but the text ones, as the frameworks say
rounds=$(python3 - input/framework/2567.xml input/framework/2568.xml <<'PY'
import sys
import xml.etree.ElementTree as ET
print(sum(len(i.get("rounds", "").split()) for f in sys.argv[1:]
          for i in ET.parse(f).getroot().iter("{urn:tidtam:framework:1}indicator")
          if i.get("type") != "text"))
PY
)
check "expected results computed for $rounds indicator rounds" \
	[ "$(grep -c '^result' expected.txt)" -eq "$rounds" ]

# the result table: the office's value, result to date and status
python3 - output/tidtam.db expected.txt >compare.txt <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
office = con.execute("SELECT code FROM unit WHERE kind = 'office'").fetchone()[0]
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if f[0] != "result":
        continue
    fy, rnd, code, value, to_date, status = int(f[1]), int(f[2]), f[3], f[4], f[5], f[6]
    row = con.execute("SELECT value, to_date, achieved FROM result WHERE fiscal_year = ?"
                      " AND round = ? AND unit_code = ? AND indicator = ?",
                      (fy, rnd, office, code)).fetchone()
    what = "%d %dm %s" % (fy, rnd, code)
    if row is None:
        print("not result of %s: no row" % what)
        continue
    want = None if status == "-" else (1 if status == "บรรลุ" else 0)
    if value == "-":
        ok = row[0] is None
    else:
        ok = (row[0] is not None and abs(row[0] - float(value)) < 1e-6 and
              abs(row[1] - float(to_date)) < 1e-6 and row[2] == want)
    print(("ok " if ok else "not ") + "result of %s: stored %s %s %s, expected %s %s %s"
          % (what, row[0], row[1], row[2], value, to_date, want))
PY
while read -r verdict rest; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
done <compare.txt

# each year's annual report: the 12-month result and the status on the row
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
for fy in 2567 2568; do
	pdf=output/reports/$fy/SPM35/annual-$fy.pdf
	check "annual report of $fy written and passes qpdf --check" \
		sh -c "qpdf --check '$pdf' >/dev/null 2>&1"
	[ -s "$pdf" ] || continue
	echo "# annual-$fy.pdf: $(pdfinfo "$pdf" | awk '/^Pages:/{print $2}') pages"
	pdftotext -layout "$pdf" - | arabic >annual-$fy.txt
	python3 - annual-$fy.txt expected.txt $fy >rows-$fy.txt <<'PY'
import sys
text = [t.split() for t in open(sys.argv[1]).read().splitlines()]
fy = sys.argv[3]
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if f[0] != "result" or f[1] != fy or f[2] != "12" or f[6] == "-":
        continue
    code, value, status = f[3], float(f[5]), f[6]
    row = next((r for r in text if r and r[0] == code and r[-1] in ("บรรลุ", "ไม่บรรลุ")), None)
    if not row:
        print("not %s %s: no row with a status in the annual report" % (fy, code))
        continue
    # a ceiling's percent cell is a word and "(result/ceiling)"
    row = [t for t in row if not (t.startswith("(") and t.endswith(")"))]
    printed = row[-3]
    try:
        got = float(printed.replace(",", ""))
    except ValueError:
        print("not %s %s: 12-month cell reads %r" % (fy, code, printed))
        continue
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    if abs(got - value) > 0.6 * 10 ** -decimals or row[-1] != status:
        print("not %s %s: printed %s %s, expected %.4f %s" % (fy, code, printed, row[-1], value, status))
    else:
        print("ok %s %s" % (fy, code))
PY
	while read -r verdict rest; do
		if [ "$verdict" = ok ]; then ok; else not_ok "annual report: $rest"; fi
	done <rows-$fy.txt
	check "annual report of $fy: a row checked for each of its indicators with a target" \
		[ "$(wc -l <rows-$fy.txt)" -eq "$(awk -F'\t' -v y=$fy '$1=="result" && $2==y && $3==12 && $7!="-"' expected.txt | wc -l)" ]
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
	check "annual report of $fy: the page number alone at the top of page 4 (of $pages)" sh -c \
		"pdftotext -f 4 -l 4 '$pdf' - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' | grep -v '^$' | head -n 1 | grep -qx 4"
done
done_testing
