#!/usr/bin/env python3
"""An office's data date of each round, read from an area's database:

    data-dates.py DB FY OFFICE

prints "ROUND DATE" per round, DATE the newest counted submission date of
the office and every unit below it (up the unit table's parents), a unit's
counted date being its newest accepted submission's, or its newest
submission's when none was accepted.
"""
import sqlite3, sys

db, fy, office = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
parent = dict(con.execute("SELECT code, parent FROM unit"))


def under(u):
    seen = []
    while u and u not in seen and len(seen) < 9:
        if u == office:
            return True
        seen.append(u)
        u = parent.get(u)
    return False


best = {}
for u, m, st, d in con.execute("SELECT unit_code, round, status, submitted_on FROM submission"
                               " WHERE fiscal_year = ? AND round IS NOT NULL", (fy,)):
    best.setdefault((u, m), []).append((st == "accepted", d))
dates = {}
for (u, m), subs in best.items():
    acc = [d for a, d in subs if a]
    d = max(acc) if acc else max(d for a, d in subs)
    if under(u) and d > dates.get(m, ""):
        dates[m] = d
for m in sorted(dates):
    print(m, dates[m])
