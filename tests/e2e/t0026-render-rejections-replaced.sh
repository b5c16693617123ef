#!/bin/sh
# Regression (issue 12, item 4): after accepted fixes replaced every
# rejected submission, the data-quality appendix of the annual report still
# counted their E-RANGE and E-ROUND among the open problems and listed them
# under ไฟล์ที่ไม่ผ่านการตรวจสอบ; the validation reports too, as a fix
# read first (…-r12-fix.csv sorts before …-r12.csv) looked older.  A
# rejection is closed once accepted submissions of the same school and
# round that came since carry what it carried; one nothing replaced stays.
# What is wrong in which file is found here from the input files.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" --networks input
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
D=output/reports/2568/4021

# each school's submission in each file: its errors, and whether a file of
# the same school and round, dated the same day or later, sends without
# error every indicator it sent that the framework has at that round
python3 - input >expected.txt <<'PY'
import csv, glob, os, re, sys
top = sys.argv[1]
xml = open(glob.glob(top + "/framework/*.xml")[0], encoding="utf-8").read()
due, kind = {}, {}
for code, attrs in re.findall(r'<indicator code="([^"]+)"([^>]*)>', xml):
    due[code] = {int(x) for x in re.search(r'rounds="([^"]+)"', attrs).group(1).split()}
    kind[code] = re.search(r'type="([^"]+)"', attrs).group(1)
subs = []   # (path, unit, round, date, {indicator: value}, [error codes])
for path in sorted(glob.glob(top + "/submissions/**/*.csv", recursive=True)):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    by = {}
    for r in rows:
        if "indicator" in r:
            key = (r["unit"], int(r["round"]), r["submitted"])
            by.setdefault(key, {})[r["indicator"]] = r["value"] or r["numerator"]
        else:
            key = (r["รหัสโรงเรียน"], int(r["รอบ"]), r["วันที่ส่ง"])
            by[key] = {k: v for k, v in r.items() if k in due}
    for (unit, rnd, date), vals in by.items():
        errs = []
        for i, v in vals.items():
            if rnd not in due[i]:
                errs.append("E-ROUND")
            elif kind[i] == "level" and v not in "12345":
                errs.append("E-RANGE")
            elif kind[i] == "yesno" and v not in ("มี", "ไม่มี"):
                errs.append("E-TYPE")
        subs.append((os.path.relpath(path, top), unit, rnd, date, vals, errs))
for path, unit, rnd, date, vals, errs in subs:
    if not errs:
        continue
    owed = {i for i in vals if rnd in due[i]}
    sent = set()
    for p2, u2, r2, d2, v2, e2 in subs:
        if (u2, r2) == (unit, rnd) and not e2 and d2 >= date:
            sent |= set(v2)
    state = "closed" if sent and owed <= sent else "open"
    for e in errs:
        print("%s\t%s\t%s\t%s\t%d" % (state, e, path, unit, rnd))
PY
check "the input holds rejections fixed later (E-RANGE, E-ROUND)" \
	sh -c "grep -q '^closed	E-RANGE' expected.txt && grep -q '^closed	E-ROUND' expected.txt"
check "and one nothing replaced" grep -q '^open' expected.txt

pdftotext -layout $D/annual-2568.pdf annual.txt
sed -n '/^ *ภาคผนวก ก/,/^ *ภาคผนวก ข/p' annual.txt | sed -n '3,$p' >appendix.txt
while IFS="$(printf '\t')" read -r state code path unit rnd; do
	if [ "$state" = open ]; then
		check "appendix: the open $code counted" grep -qE "^ *$code " appendix.txt
		check "appendix: $path ($unit) listed as not passed" grep -qE "^$path +$unit " appendix.txt
	else
		check "appendix: $code of $path, fixed, not counted as open" sh -c "! grep -qE '^ *$code ' appendix.txt"
		check "appendix: $path, fixed, not listed" sh -c "! grep -qF '$path' appendix.txt"
		check "validation report of $rnd months: $path, fixed, not listed" \
			sh -c "! grep -qF '$path' $D/validation-2568-${rnd}m.csv"
	fi
done <expected.txt
done_testing
