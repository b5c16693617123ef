#!/bin/sh
# Regressions (issue 12, item 5): the validation report broke file names
# and codes inside a word ("1052020008-r12-fix.cs" / "v", "(GOODPR" /
# "AC)"): every file name, issue code and column name of every open issue
# in the CSV comes back whole from its PDF.  And cards showed a school's
# yes/no answer as "๑ โรง": a school's card shows มี/ไม่มี as it answered.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" --networks input
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
whole() { # whole PDF CSV: every file name, code and column of CSV's rows on one line of PDF
	pdftotext "$1" pdf.txt
	python3 - "$2" pdf.txt <<'PY'
import csv, sys
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
text = " ".join(lines)
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
bad = 0
for r in rows:
    for what in (r["ไฟล์"].split("/")[-1], r["รหัสปัญหา"], r["คอลัมน์"]):
        for word in what.split():
            # a code or name of Latin letters, digits and signs
            if word and all(ord(ch) < 0x0E00 for ch in word) and \
                    not any(word in l for l in lines):
                print("broken: %r" % word)
                bad += 1
print("rows %d bad %d" % (len(rows), bad))
PY
}
D=output/reports/2568/4021
for m in 6 12; do
	out=$(whole $D/validation-2568-${m}m.pdf $D/validation-2568-${m}m.csv)
	check "$m months: file names, codes and columns whole ($out)" sh -c "echo '$out' | grep -q 'rows [1-9][0-9]* bad 0'"
done
check "12 months: the fix's name is listed whole" grep -q '^1040210008-r12-fix.csv$' pdf.txt
whole $D/validation-2568-6m.pdf $D/validation-2568-6m.csv >/dev/null
check "6 months: the GOODPRAC column whole" grep -q '(GOODPRAC)' pdf.txt

# the yes/no answers on the cards, as each school sent them at 12 months
python3 - <<'PY' >answers.txt
import csv, glob
ans = {}
for p in sorted(glob.glob("input/submissions/2568/12m/*.csv")):
    for r in csv.DictReader(open(p, encoding="utf-8")):
        if r["indicator"] == "GOODPRAC" and r["value"] in ("มี", "ไม่มี"):
            ans[r["unit"]] = r["value"]
for u, v in sorted(ans.items()):
    print(u, v)
PY
check "the 12-month files answer GOODPRAC for 15 schools" [ "$(wc -l <answers.txt)" -eq 15 ]
while read -r school answer; do
	row=$(pdftotext -layout $D/cards/$school.pdf - | grep -E '^ *GOODPRAC ')
	check "card $school: GOODPRAC answered '$answer' ($row)" \
		sh -c "echo '$row' | grep -qE ' มี/ไม่มี +- +$answer '"
done <answers.txt
check "no card counts a school's answer in schools" \
	sh -c "! pdftotext -layout $D/cards/network-4021-K1.pdf - | grep -E '^ *GOODPRAC ' | grep -qE 'โรง +[๐๑] '"

# the demo's validation reports too
rm -rf input output
demo_run
for m in 3 6 9 12; do
	out=$(whole output/reports/2567/3101/validation-2567-${m}m.pdf output/reports/2567/3101/validation-2567-${m}m.csv)
	check "demo, $m months: file names, codes and columns whole ($out)" sh -c "echo '$out' | grep -q 'rows [1-9][0-9]* bad 0'"
done
done_testing
