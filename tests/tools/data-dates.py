#!/usr/bin/env python3
"""An office's data date of each round, read from an area's database:

    data-dates.py DB FY OFFICE

prints "ROUND DATE" per round, DATE the newest counted submission date of
the office and every unit below it (up the unit table's parents), a unit's
counted date being its newest accepted submission's, or its newest
submission's when none was accepted.  check-export.py takes each unit's
office and data date from here too.
"""
import sqlite3, sys


def ancestors(con):
    """A function giving a unit and the units above it, nearest first."""
    parent = dict(con.execute("SELECT code, parent FROM unit"))

    def chain(u):
        seen = []
        while u and u not in seen and len(seen) < 9:
            seen.append(u)
            u = parent.get(u)
        return seen
    return chain


def data_dates(con, fy):
    """{(unit, round): data date} for every unit with a submission below it."""
    chain = ancestors(con)
    subs = {}
    for u, m, st, d in con.execute("SELECT unit_code, round, status, submitted_on FROM submission"
                                   " WHERE fiscal_year = ? AND round IS NOT NULL", (fy,)):
        subs.setdefault((u, m), []).append((st == "accepted", d))
    dates = {}
    for (u, m), s in subs.items():
        acc = [d for a, d in s if a]
        d = max(acc) if acc else max(d for a, d in s)
        for a in chain(u):
            if d > dates.get((a, m), ""):
                dates[(a, m)] = d
    return dates


if __name__ == "__main__":
    db, fy, office = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    dates = data_dates(con, fy)
    for m in sorted(m for (u, m) in dates if u == office):
        print(m, dates[(office, m)])
