#!/usr/bin/env python3
"""An area office made up from another's results export, for national tests.

    national-synth.py EXPORT.csv FROM TO NAME FACTOR DAYS [DROP_ROUNDS] > OUT.csv

Keeps the rows of office FROM only (the rows of its schools and networks
are left out: a national database passes them over anyway), renamed to
office TO (unit_code, unit_name, office), each number scaled by FACTOR: a
rate with its numerator and denominator gets the numerator scaled (whole,
at most the denominator) and its value made again from them; a count or
sum is scaled and made whole; a level is scaled, made whole and kept
within 1-5; a score is scaled to two decimals.  Each submitted_on is moved DAYS days (negative: earlier),
and the rounds in DROP_ROUNDS ("6,12") are left out, as an office that did
not send them.  The header and the order stay the export's.
"""
import csv
import datetime
import sys


def main():
    src, old, new, name, factor, days = sys.argv[1:7]
    factor, days = float(factor), int(days)
    drop = set(sys.argv[7].split(",")) if len(sys.argv) > 7 and sys.argv[7] else set()
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys())
    out = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    out.writeheader()
    for r in rows:
        if r["unit_code"] != old or r["round"] in drop:
            continue
        r = dict(r)
        r["unit_code"] = r["office"] = new
        r["unit_name"] = name
        if r["numerator"] and r["denominator"]:
            den = float(r["denominator"])
            num = min(den, float(round(float(r["numerator"]) * factor)))
            r["numerator"] = "%.0f" % num
            r["value"] = r["to_date"] = repr(num / den * 100.0) if den > 0 else r["value"]
        elif r["value"]:
            try:
                v = float(r["value"]) * factor
            except ValueError:
                v = None
            if v is not None:
                if r["value_type"] in ("number", "yesno"):
                    v = float(round(v))
                elif r["value_type"] == "level":
                    # whole, as an office's own level must be
                    v = max(1.0, min(5.0, float(int(v + 0.5))))
                else:
                    v = round(v, 2)
                r["value"] = "%.0f" % v if v == int(v) else repr(v)
                r["to_date"] = ""
        for k in ("target", "percent_of_target", "achieved", "status", "reporting",
                  "expected"):
            r[k] = ""
        if r["submitted_on"]:
            d = datetime.date.fromisoformat(r["submitted_on"]) + datetime.timedelta(days=days)
            r["submitted_on"] = d.isoformat()
        out.writerow(r)


if __name__ == "__main__":
    main()
