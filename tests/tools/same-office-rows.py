#!/usr/bin/env python3
"""Whether two CSV exports (`tidtam export --format csv`) give an office the
same results:

    same-office-rows.py AREA.csv NATIONAL.csv OFFICE

Compares the office's rows (unit_code OFFICE) of both, round by round and
indicator by indicator: every figure the result holds (value, to_date,
numerator, denominator, target, percent_of_target, achieved, status) must
be the same text, so the same double.  reporting and expected are left out:
they count the units each database holds.  Prints "same N" or each
difference, and exits 1 on any.
"""
import csv, sys

area, national, office = sys.argv[1:4]
COLS = ["value", "to_date", "numerator", "denominator", "target", "percent_of_target",
        "achieved", "status"]


def rows(path):
    with open(path, encoding="utf-8-sig") as f:
        return {(r["fiscal_year"], r["round"], r["indicator"]): r
                for r in csv.DictReader(f) if r["unit_code"] == office}


a, n = rows(area), rows(national)
diff = []
for key in sorted(set(a) | set(n)):
    if key not in a or key not in n:
        diff.append("%s only in the %s export" % (key, "area's" if key in a else "national"))
        continue
    for c in COLS:
        if a[key][c] != n[key][c]:
            diff.append("%s %s: area %r, national %r" % (key, c, a[key][c], n[key][c]))
for d in diff[:20]:
    print(d)
if diff or not a:
    print("%d differences in %d rows" % (len(diff), len(a)))
    sys.exit(1)
print("same %d" % len(a))
