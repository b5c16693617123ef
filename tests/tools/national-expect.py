#!/usr/bin/env python3
"""What the national reports must print, worked out from the files alone.

    national-expect.py FRAMEWORK.xml MONTHS OFFICES EXPORT.csv...

OFFICES lists the nation's offices in code order ("3101,3201,SPM35"); each
EXPORT is an office's results export (tidtam export --format csv), whose
rows of its own office (unit_code = office) are what a national database
takes: rows of indicators the framework lacks and rows without a value are
passed over.  From those values and the framework XML (each indicator's
aggregation, cumulative, target and direction; the rounds' deadlines) it
rolls the offices up to the nation as the framework's aggregation says,
independently of tidtam's code, and prints, for the national report of
round MONTHS and the offices' summaries:

    NAT code value achieved/with    the nation's result to date (as printed:
                                    Thai digits, the report's decimals) and
                                    how many offices achieved of those with one
    RANK office code rank/of        an office's rank among those with a result
    SENT office months word         ตรงเวลา, ล่าช้า or ไม่ส่ง
    OFFICES-ACHIEVED office met/with  of its results with a target
"""
import csv
import math
import sys
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:framework:1}"
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def exact_decimals(v):
    d = 0
    while d < 4 and abs(v * 10 ** d - round(v * 10 ** d)) > 1e-6:
        d += 1
    return d


def printed(ind, v):
    d = 2 if ind["type"] == "percent" else 1 if ind["aggregation"] == "mean" else 0
    if ind["target"] is not None:
        d = max(d, exact_decimals(ind["target"]))
    e = exact_decimals(v)
    if d == 0 and e > 0:
        d = min(e, 2)
    return ("{:,.%df}" % d).format(v).translate(THAI)


def main():
    fw_path, months, offices = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
    root = ET.parse(fw_path).getroot()
    deadlines = {int(r.attrib["months"]): r.attrib["deadline"] for r in root.iter(NS + "round")}
    inds = {}
    for x in root.iter(NS + "indicator"):
        a = x.attrib
        inds[a["code"]] = {
            "type": a["type"], "aggregation": a["aggregation"],
            "cumulative": a.get("cumulative", "false") == "true",
            "target": float(a["target"]) if "target" in a else None,
            "lower": a.get("direction", "higher") == "lower",
        }
    order = [x.attrib["code"] for x in root.iter(NS + "indicator")]
    # the offices' own rows: value, numerator, denominator per round
    vals = {}     # (office, code, round) -> (number, num, den)
    sent = {}     # (office, round) -> date
    for path in sys.argv[4:]:
        with open(path, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                if r["unit_code"] != r["office"] or r["unit_code"] not in offices:
                    continue
                if not (r["value"] or r["numerator"] or r["denominator"]):
                    continue
                if r["indicator"] not in inds:
                    continue
                m = int(r["round"])
                sent.setdefault((r["unit_code"], m), r["submitted_on"])
                ind = inds[r["indicator"]]
                if ind["type"] == "text" or ind["aggregation"] == "none" or not r["value"]:
                    continue
                num = float(r["numerator"]) if r["numerator"] else 0.0
                den = float(r["denominator"]) if r["denominator"] else 0.0
                vals[(r["unit_code"], r["indicator"], m)] = (float(r["value"]), num, den)
    rounds = sorted(m for m in deadlines if m <= months)

    def to_date(unit_values, ind):
        """{round: result to date} from {round: [(number, num, den)...]}."""
        out, running = {}, 0.0
        for m in sorted(deadlines):
            got = unit_values.get(m, [])
            if not got:
                continue
            agg = ind["aggregation"]
            if agg == "sum":
                v = sum(x[0] for x in got)
            elif agg == "mean":
                v = sum(x[0] for x in got) / len(got)
            elif agg == "ratio":
                den = sum(x[2] for x in got)
                if den <= 0:
                    continue
                v = sum(x[1] for x in got) / den * 100.0
            elif agg == "min":
                v = min(x[0] for x in got)
            elif agg == "max":
                v = max(x[0] for x in got)
            elif agg == "count-yes":
                v = float(sum(int(math.floor(x[0] + 0.5)) for x in got))
            else:
                continue
            running += v
            out[m] = running if (not ind["cumulative"] and agg == "sum") else v
        return out

    def achieved(ind, v):
        if ind["target"] is None:
            return None
        return v <= ind["target"] if ind["lower"] else v >= ind["target"]

    met_with = {o: [0, 0] for o in offices}
    for code in order:
        ind = inds[code]
        if ind["type"] == "text" or ind["aggregation"] == "none":
            continue
        per = {o: to_date({m: [vals[(o, code, m)]] for m in deadlines
                           if (o, code, m) in vals}, ind) for o in offices}
        nation = to_date({m: [vals[(o, code, m)] for o in offices if (o, code, m) in vals]
                          for m in deadlines}, ind)
        shown = [m for m in rounds if m in nation]
        if not shown:
            continue
        m = shown[-1]
        have = [o for o in offices if m in per[o]]
        ok = sum(1 for o in have if achieved(ind, per[o][m]))
        print("NAT", code, printed(ind, nation[m]), ("%d/%d" % (ok, len(have))).translate(THAI))
        for o in have:
            v = per[o][m]
            better = sum(1 for p in have
                         if (per[p][m] < v if ind["lower"] else per[p][m] > v))
            print("RANK", o, code, ("%d/%d" % (better + 1, len(have))).translate(THAI))
            a = achieved(ind, v)
            if a is not None:
                met_with[o][1] += 1
                met_with[o][0] += a
    for o in offices:
        print("OFFICES-ACHIEVED", o, "%d/%d" % tuple(met_with[o]))
        for m in rounds:
            d = sent.get((o, m))
            word = "ไม่ส่ง" if d is None else "ตรงเวลา" if d <= deadlines[m] else "ล่าช้า"
            print("SENT", o, m, word)


if __name__ == "__main__":
    main()
