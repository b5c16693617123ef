#!/usr/bin/env python3
"""The office's result and status of every indicator at one round, computed
straight from the demo's input files, without tidtam's aggregation:

    expect-results.py INPUT_DIR DB MONTHS

Reads the framework, the long and wide CSV sheets and the XML forms.  The
only thing taken from tidtam is which submissions validation rejected (the
database's submission.status), since that is validation's job and not the
report's.  Prints, per indicator with a target, a line

    CODE <tab> result to date <tab> บรรลุ | ไม่บรรลุ
"""
import csv, glob, os, re, sqlite3, sys
import xml.etree.ElementTree as ET

inp, db, months = sys.argv[1], sys.argv[2], int(sys.argv[3])
NS = {"f": "urn:tidtam:framework:1", "s": "urn:tidtam:submission:1"}

fw = ET.parse(os.path.join(inp, "framework", "2567.xml")).getroot()
inds, by_name = {}, {}
for el in fw.iter("{urn:tidtam:framework:1}indicator"):
    a = el.attrib
    inds[a["code"]] = a
    by_name[a["name"]] = a["code"]
units = {}
with open(os.path.join(inp, "units", "units-2567.csv"), encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        units[row["code"]] = row["kind"]
office = [c for c, k in units.items() if k == "office"][0]

con = sqlite3.connect(db)
rejected = {(p, u, r) for p, u, r in con.execute(
    "SELECT f.path, s.unit_code, s.round FROM submission s JOIN file f ON f.id = s.file_id"
    " WHERE s.status = 'rejected'")}

# (unit, indicator, round) -> [(date, value, numerator, denominator, file)]
vals = {}
def put(path, unit, code, rnd, date, value, num=None, den=None):
    if (path, unit, rnd) in rejected or code not in inds or unit not in units:
        return
    vals.setdefault((unit, code, rnd), []).append((date, value, num, den, path))

def round_of(text):
    m = re.search(r"\d+", text or "")
    return int(m.group()) if m else None

for path in sorted(glob.glob(os.path.join(inp, "submissions", "**", "*"), recursive=True)):
    rel = os.path.relpath(path, inp)
    if path.endswith(".csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        if head[0] == "unit":
            for r in rows[1:]:
                d = dict(zip(head, r))
                put(rel, d["unit"], d["indicator"], round_of(d["round"]), d["submitted"],
                    d["value"], d["numerator"], d["denominator"])
        elif head[0] == "รหัสโรงเรียน":
            codes = [by_name.get(h, h) for h in head]
            for r in rows[1:]:
                for k in range(5, len(head)):
                    if k < len(r) and r[k] != "":
                        put(rel, r[0], codes[k], round_of(r[3]), r[4], r[k])
    elif path.endswith(".xml"):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        a = root.attrib
        for v in root.findall("s:value", NS):
            put(rel, a["unit"], v.attrib["indicator"], round_of(a["round"]), a["submitted"],
                (v.text or "").strip())

def number(ind, entry):
    _, value, num, den, _ = entry
    t = ind["type"]
    if t == "percent":
        return (float(num), float(den))
    if t == "yesno":
        return 1.0 if value.strip().lower() in ("yes", "ใช่", "มี") else 0.0
    return float(value.replace(",", ""))

def latest(unit, code, rnd):
    e = vals.get((unit, code, rnd))
    if not e:
        return None
    e.sort(key=lambda x: x[0])
    if len(e) > 1 and e[-1][0] == e[-2][0] and e[-1][1:4] != e[-2][1:4]:
        sys.exit("two accepted values of %s %s round %d on the same day" % (unit, code, rnd))
    return e[-1]

def office_value(code, rnd):
    ind = inds[code]
    if ind["submitter"] == "office":
        e = latest(office, code, rnd)
        if e is None:
            return None
        n = number(ind, e)
        return n[0] / n[1] * 100 if ind["type"] == "percent" else n
    xs = [number(ind, e) for e in (latest(u, code, rnd) for u, k in units.items()
                                    if k == "school") if e is not None]
    if not xs:
        return None
    agg = ind["aggregation"]
    if agg == "ratio":
        return sum(n for n, _ in xs) / sum(d for _, d in xs) * 100
    if ind["type"] == "percent":
        xs = [n / d * 100 for n, d in xs]
    return {"sum": sum, "count-yes": sum, "min": min, "max": max,
            "mean": lambda v: sum(v) / len(v)}[agg](xs)

for code, ind in inds.items():
    if ind["type"] == "text" or "target" not in ind:
        continue
    rounds = [m for m in (3, 6, 9, 12) if m <= months and str(m) in ind["rounds"].split()]
    per = {m: office_value(code, m) for m in rounds}
    per = {m: v for m, v in per.items() if v is not None}
    if not per:
        continue
    last = max(per)
    if ind["cumulative"] == "false" and ind["aggregation"] == "sum":
        to_date = sum(per.values())
    else:
        to_date = per[last]
    target = float(ind["target"])
    met = to_date >= target if ind["direction"] == "higher" else to_date <= target
    print("%s\t%.6f\t%s" % (code, to_date, "บรรลุ" if met else "ไม่บรรลุ"))
