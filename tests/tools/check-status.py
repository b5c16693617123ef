#!/usr/bin/env python3
"""Check `tidtam status --json` against the database, by another route:

    check-status.py DB STATUS.json [REPORTS_DIR]

From the tables alone (frameworks as XML, units, submissions; not the
status module nor aggregate's code) it works out, per office, fiscal year
and round of the year's framework: the units that owe (schools when a
required school indicator is due at the round, the office when one of
its own is), which of them sent, on time (the submission that counts: the
newest accepted, else the newest, by the round's deadline), accepted,
rejected (nothing accepted and the newest rejected) and held.  Compares
every count with the JSON and with the completeness table aggregate wrote,
and the lists of missing, rejected and held units with the JSON's.  With
REPORTS_DIR, also the office's row of each validation-<FY>-<m>m.pdf
(pdftotext).  Prints one line per comparison: "ok WHAT" or "not WHAT".
"""
import json, os, re, sqlite3, subprocess, sys
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:framework:1}"
db, js = sys.argv[1], sys.argv[2]
reports = sys.argv[3] if len(sys.argv) > 3 else None
con = sqlite3.connect(db)
status = json.load(open(js, encoding="utf-8"))


def say(ok, what):
    print(("ok " if ok else "not ") + what)


units = {c: (n, k, p) for c, n, k, p in con.execute("SELECT code, name, kind, parent FROM unit")}


def office_of(code):
    seen = 0
    while code in units and units[code][1] != "office" and seen < 10:
        code, seen = units[code][2], seen + 1
    return code if code in units and units[code][1] == "office" else None


frameworks = {}
for fy, xml in con.execute("SELECT fiscal_year, xml FROM framework f WHERE file_id ="
                           " (SELECT MAX(file_id) FROM framework g WHERE g.fiscal_year = f.fiscal_year)"):
    root = ET.fromstring(xml if isinstance(xml, bytes) else xml.encode())
    rounds = {int(r.attrib["months"]): r.attrib["deadline"] for r in root.iter(NS + "round")}
    owes = {}
    for m in rounds:
        s = o = False
        for i in root.iter(NS + "indicator"):
            a = i.attrib
            if a.get("required", "true") == "false" or str(m) not in a.get("rounds", "3 6 9 12").split():
                continue
            if a.get("submitter", "school") == "school":
                s = True
            else:
                o = True
        owes[m] = (s, o)
    frameworks[fy] = (rounds, owes)

subs = {}
for fy, rnd, unit, date, st, sid in con.execute(
        "SELECT fiscal_year, round, unit_code, submitted_on, status, id FROM submission"
        " WHERE fiscal_year IS NOT NULL AND round IS NOT NULL"):
    subs.setdefault((fy, rnd, unit), []).append((date, sid, st))

completeness = {(fy, rnd, u): row[3:] for row in con.execute(
    "SELECT fiscal_year, round, unit_code, expected, received, on_time, late, missing, accepted"
    " FROM completeness") for fy, rnd, u in [row[:3]]}

offices = sorted(c for c, v in units.items() if v[1] == "office")
by_office = {}
for c in sorted(units, key=lambda c: (units[c][1] != "office", c)):   # the office first
    by_office.setdefault(office_of(c), []).append(c)
want = []
for fy in sorted(frameworks):
    rounds, owes = frameworks[fy]
    for m in sorted(rounds):
        for off in offices:
            s_owes, o_owes = owes[m]
            owing = [c for c in by_office.get(off, []) if
                     (units[c][1] == "school" and s_owes) or (units[c][1] == "office" and o_owes)]
            r = {"fiscal_year": fy, "round": m, "office": off, "expected": len(owing),
                 "received": 0, "on_time": 0, "accepted": 0, "rejected": 0, "held": 0,
                 "missing_units": [], "rejected_units": [], "held_units": []}
            for c in owing:
                got = subs.get((fy, m, c))
                if not got:
                    r["missing_units"].append(c)
                    continue
                r["received"] += 1
                acc = [d for d, _, st in got if st == "accepted"]
                counted = max(acc) if acc else max(d for d, _, _ in got)
                r["on_time"] += counted <= rounds[m]
                r["accepted"] += bool(acc)
                newest = max(got)[2]
                if not acc and newest == "rejected":
                    r["rejected"] += 1
                    r["rejected_units"].append(c)
                if any(st == "held" for _, _, st in got):
                    r["held"] += 1
                    r["held_units"].append(c)
            r["late"] = r["received"] - r["on_time"]
            r["missing"] = len(r["missing_units"])
            want.append(r)

rounds = status.get("rounds", [])
say([(r["fiscal_year"], r["round"], r["office"]) for r in rounds] ==
    [(r["fiscal_year"], r["round"], r["office"]) for r in want],
    "rounds listed: %d, expected %d (every office x year x framework round, in order)" % (len(rounds), len(want)))
KEYS = ["expected", "received", "on_time", "late", "missing", "accepted"]
for g, w in zip(rounds, want):
    tag = "%s %d %dm" % (w["office"], w["fiscal_year"], w["round"])
    counts = KEYS + ["rejected", "held"]
    say([g[k] for k in counts] == [w[k] for k in counts],
        "%s counts %s: json %s, expected %s" % (tag, "|".join(counts),
                                                [g[k] for k in counts], [w[k] for k in counts]))
    c = completeness.get((w["fiscal_year"], w["round"], w["office"]))
    say(c is not None and list(c) == [g[k] for k in KEYS],
        "%s counts equal the completeness table: %s and %s" % (tag, c, [g[k] for k in KEYS]))
    for key in ("missing_units", "rejected_units", "held_units"):
        codes = [u["code"] for u in g[key]]
        say(codes == w[key], "%s %s: json %s, expected %s" % (tag, key, codes, w[key]))
        say(all(u["name"] == units[u["code"]][0] for u in g[key]), "%s %s names" % (tag, key))
    if reports:
        pdf = os.path.join(reports, str(w["fiscal_year"]), w["office"],
                           "validation-%d-%dm.pdf" % (w["fiscal_year"], w["round"]))
        if not os.path.exists(pdf):
            continue
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              text=True).stdout.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        row = None
        for line in text.splitlines():
            m = re.match(r"^สำนักงาน\S*.*?\s(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[\d.]+%?\s*$", line)
            if m:
                row = [int(x) for x in m.groups()]
                break
        say(row == [g[k] for k in KEYS],
            "%s the validation report's office row %s equals json %s" % (tag, row, [g[k] for k in KEYS]))
