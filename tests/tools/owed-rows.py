#!/usr/bin/env python3
"""Which results a unit owes, read from a framework XML alone:

    owed-rows.py DB XML FY [ROUND]     prints "owed N": the rows of DB's
                                       result table owed or with a result
    owed-rows.py --csv FILE XML        prints "none not owed", or each row
                                       of a CSV export that is not owed

A unit owes an indicator at a round when the framework has the round, the
indicator is due at it (its rounds, by default 3 6 9 12) and is required
(by default), and the indicator is the unit's to report: an office's
(submitter="office") the office's alone, a school's every unit's (the
networks and the office roll it up).  A row with a result is always kept.
check-export.py takes its expectations from here too.
"""
import csv, sqlite3, sys
import xml.etree.ElementTree as ET

F = "{urn:tidtam:framework:1}"


def indicators(path):
    """Each indicator's facts by code, as the XML (and its defaults) says."""
    root = ET.parse(path).getroot()
    months = {int(x.attrib["months"]) for x in root.iter(F + "round")}
    out = {}
    for area in root.iter(F + "policy-area"):
        for i in area.iter(F + "indicator"):
            a = i.attrib
            out[a["code"]] = {
                "due": {int(m) for m in a.get("rounds", "3 6 9 12").split()} & months,
                "office": a.get("submitter", "school") == "office",
                "required": a.get("required", "true") in ("true", "1"),
                "measure_unit": a["unit"], "value_type": a["type"],
                "direction": a.get("direction", "higher"),
                "policy_area_code": area.attrib["code"],
                "policy_area_name": area.attrib["name"]}
    return out


def owed(meta, months, kind, indicator, has_result):
    m = meta.get(indicator)
    if has_result:
        return True
    return (bool(m) and m["required"] and months in m["due"]
            and (not m["office"] or kind == "office"))


if __name__ == "__main__":
    if sys.argv[1] == "--csv":
        meta = indicators(sys.argv[3])
        bad = 0
        with open(sys.argv[2], encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                if not owed(meta, int(r["round"]), r["unit_kind"], r["indicator"],
                            r["to_date"] != ""):
                    bad += 1
                    if bad <= 5:
                        print("not owed:", r["round"], r["unit_code"], r["unit_kind"],
                              r["indicator"], r["status"])
        print("%d not owed" % bad if bad else "none not owed")
        sys.exit(0)
    db, xml, fy = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    meta = indicators(xml)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    n = office_elsewhere = optional = 0
    for months, kind, ind, to_date in con.execute(
            "SELECT r.round, u.kind, r.indicator, r.to_date FROM result r"
            " LEFT JOIN unit u ON u.code = r.unit_code WHERE r.fiscal_year = ?"
            " AND (? = 0 OR r.round = ?)", (fy, rnd, rnd)):
        if owed(meta, months, kind, ind, to_date is not None):
            n += 1
        elif meta.get(ind, {}).get("office") and kind != "office":
            office_elsewhere += 1
        else:
            optional += 1
    print("owed %d" % n)
    print("office indicators on schools and networks %d" % office_elsewhere)
    print("other rows not owed (optional, no result) %d" % optional)
