#!/usr/bin/env python3
"""Compare xlsx-dump's JSON for the calamine corpus with its EXPECTED.json.

Usage: check-xlsx.py EXPECTED.json DUMP.jsonl
Prints one "not ok" line per difference and ends with "N passed, N failed".

Policy (tidtam's, documented in xlsx.h): the reader keeps a string's white
space and the sheet layer trims it, so strings are compared trimmed.
"""
import json
import math
import re
import sys


def ref_parts(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


def same(want, got):
    if isinstance(want, bool) or isinstance(got, bool):
        return want is got or want == got and type(want) is type(got)
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-9)
    if isinstance(want, str) and isinstance(got, str):
        return want.strip() == got.strip()
    if want is None:
        return got is None or got == ""
    if isinstance(want, dict) and isinstance(got, dict):
        if "error" in want:
            return got.get("error") == want["error"]
        if "iso" in want:
            return got.get("iso") == want["iso"]
        if "serial" in want:
            ok = "serial" in got and math.isclose(want["serial"], got["serial"], rel_tol=1e-9)
            ok = ok and want.get("kind", got.get("kind")) == got.get("kind")
            for key in ("date", "duration"):
                if key in want:
                    ok = ok and got.get("text", "").startswith(want[key])
            return ok
    return False


def main():
    expected = json.load(open(sys.argv[1], encoding="utf-8"))
    dumps = {}
    for line in open(sys.argv[2], encoding="utf-8"):
        d = json.loads(line)
        dumps[d["file"].rsplit("/", 1)[-1]] = d
    passed = failed = 0

    def check(cond, what):
        nonlocal passed, failed
        if cond:
            passed += 1
        else:
            failed += 1
            print("not ok:", what)

    for name, exp in expected.items():
        if name.startswith("_"):
            continue
        d = dumps.get(name)
        check(d is not None, f"{name}: dumped")
        if d is None:
            continue
        if exp.get("expect") == "reject":
            check("error" in d and d["error"], f"{name}: rejected with a reason")
            continue
        check("error" not in d, f"{name}: read without error ({d.get('error')})")
        if "error" in d:
            continue
        sheets = {s["name"]: s for s in d["sheets"]}
        first = d["sheets"][0] if d["sheets"] else None

        def cells_of(sheet):
            return {} if sheet is None else sheet["cells"]

        if exp.get("expect") == "all sheets empty":
            check(all(not s["cells"] for s in d["sheets"]), f"{name}: all sheets empty")
        if "epoch1904" in exp:
            check(d["date1904"] == exp["epoch1904"], f"{name}: 1904 system")
        for key, want in exp.items():
            if key.startswith("_") or key in ("expect", "epoch1904"):
                continue
            if key == "sheets":
                if want and isinstance(want[0], dict):
                    got = [{"name": s["name"],
                            "type": "chartsheet" if s["chart"] else "worksheet",
                            "state": s["state"]} for s in d["sheets"]]
                else:
                    got = [s["name"] for s in d["sheets"]]
                check(got == want, f"{name}: sheets {got} != {want}")
            elif key == "cells" or key.startswith("cells_"):
                sheet = first if key == "cells" else sheets.get(key[6:])
                got = cells_of(sheet)
                for ref, value in want.items():
                    check(same(value, got.get(ref)),
                          f"{name} {key} {ref}: {got.get(ref)!r} != {value!r}")
            elif key.startswith("merged_ranges_"):
                sheet = sheets.get(key[len("merged_ranges_"):])
                got = sheet["merged"] if sheet else None
                check(got == want, f"{name} {key}: {got} != {want}")
            else:
                sheet = sheets.get(key)
                check(sheet is not None, f"{name}: sheet {key}")
                if sheet is None:
                    continue
                cells = sheet["cells"]
                rows = sorted({ref_parts(r)[0] for r in cells})
                top = rows[0] if rows else 1
                for i, want_row in enumerate(want):
                    for j, value in enumerate(want_row):
                        ref = None
                        for r, c in ((top + i, j),):
                            for k, v in cells.items():
                                if ref_parts(k) == (r, c):
                                    ref = k
                        got = cells.get(ref) if ref else None
                        check(same(value, got),
                              f"{name} {key} row {top + i} col {j}: {got!r} != {value!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
