#!/bin/sh
# The validation report of each round: its completeness figures for the
# office equal what this test counts from the input files themselves, it
# lists every school, and the CSV beside it holds every open issue.
. "$(dirname "$0")/lib.sh"
demo_run
D=output/reports/2567/3101
for m in 3 6 9 12; do
	check "validation report of $m months" [ -s $D/validation-2567-${m}m.pdf ] && [ -s $D/validation-2567-${m}m.csv ]
done
check "qpdf --check passes" sh -c "qpdf --check $D/validation-2567-6m.pdf >/dev/null"

# count from the files: who sent what for a round, and when (first date)
count() { # count MONTHS DEADLINE: "expected received on_time late missing"
	python3 - "$1" "$2" <<'PY'
import csv, glob, re, sys
months, deadline = sys.argv[1], sys.argv[2]
units = list(csv.DictReader(open("input/units/units-2567.csv", encoding="utf-8-sig")))
owe = {u["code"] for u in units if u["kind"] in ("school", "office")}
first = {}
def saw(unit, date):
    if unit in owe and (unit not in first or date < first[unit]):
        first[unit] = date
for path in glob.glob(f"input/submissions/2567/{months}m/**/*.csv", recursive=True):
    for row in csv.DictReader(open(path, encoding="utf-8-sig")):
        unit = row.get("unit") or row.get("รหัสโรงเรียน")
        rnd = (row.get("round") or row.get("รอบ") or "")
        if re.search(r"\b%s\b" % months, rnd):
            saw(unit, row.get("submitted") or row.get("วันที่ส่ง") or "9999")
for path in glob.glob(f"input/submissions/2567/{months}m/**/*.xml", recursive=True):
    text = open(path, encoding="utf-8").read()
    unit = re.search(r'unit="([^"]+)"', text).group(1)
    m = re.search(r'submitted="([^"]+)"', text)
    date = m.group(1) if m else "9999"   # no date: the file's own, this year
    if re.search(r'round="%s"' % months, text):
        saw(unit, date)
on_time = sum(1 for d in first.values() if d <= deadline)
print(len(owe), len(first), on_time, len(first) - on_time, len(owe) - len(first))
PY
}
office_row() { # the office's row of the report's first table, as numbers
	pdftotext -layout -f 1 -l 2 $D/validation-2567-${1}m.pdf - |
		awk '/^สำนักงานเขตพื้นที่/ { print $(NF-6), $(NF-5), $(NF-4), $(NF-3), $(NF-2); exit }'
}
for r in "3 2024-01-15" "6 2024-04-15" "9 2024-07-15" "12 2024-10-15"; do
	set -- $r
	want=$(count $1 $2)
	got=$(office_row $1)
	[ "$want" = "$got" ] || echo "round $1: counted '$want', report '$got'" >&2
	check "round $1: expected, received, on time, late, missing as counted from the files" [ "$want" = "$got" ]
done
check "every school is listed" [ "$(pdftotext $D/validation-2567-6m.pdf - | grep -cE '^103101(00[0-9][0-9]|01[0-9][0-9])( |$)')" -ge 136 ]
# the open issues of the round, counted here: those of its current
# submissions; a rejected one is closed when accepted submissions of the
# same school and round that came since (sent the same day or later, or read
# after it) carry every indicator it sent that the framework has at 6 months
open=$(python3 - output/tidtam.db input/framework/2567.xml <<'PY'
import re, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
due = {c for c, r in re.findall(r'<indicator code="([^"]+)"[^>]*rounds="([^"]+)"',
                                  open(sys.argv[2], encoding="utf-8").read())
       if "6" in r.split()}
subs = con.execute("SELECT id, unit_code, status, submitted_on, superseded_by FROM submission"
                   " WHERE fiscal_year = 2567 AND round = 6").fetchall()
def inds(sid):
    return {r[0] for r in con.execute("SELECT indicator FROM value WHERE submission_id = ?", (sid,))}
n = 0
for sid, unit, status, date, sup in subs:
    if sup is not None:
        continue
    if status == "rejected":
        later = [x for x in subs if x[1] == unit and x[2] == "accepted" and (x[3] >= date or x[0] > sid)]
        covered = set().union(*[inds(x[0]) for x in later]) if later else set()
        if later and (inds(sid) & due) <= covered:
            continue
    n += con.execute("SELECT COUNT(*) FROM issue WHERE submission_id = ?", (sid,)).fetchone()[0]
print(n)
PY
)
check "CSV: one row per open issue of the round ($open)" [ "$(($(wc -l <$D/validation-2567-6m.csv) - 1))" = "$open" ]
check "CSV: the rejected first tries that later files replaced are not listed" \
	sh -c "! grep 'first-try' $D/validation-2567-6m.csv | grep -qE '^\"10310100(42|43|86|87)\"'"
check "CSV: the first try's unknown school code stays open (nothing replaced it)" \
	sh -c "grep 'first-try' $D/validation-2567-6m.csv | grep -q '\"E-UNIT\"'"
check "CSV: the rejected form whose indicators no later file carries is listed" \
	grep -q 'forms/1031010011.xml' $D/validation-2567-6m.csv
check "CSV carries code, severity and both languages" sh -c "grep -q '\"W-LATE\",\"warning\",\"ส่งหลังกำหนด' $D/validation-2567-6m.csv && grep -q 'after the deadline' $D/validation-2567-6m.csv"
done_testing
