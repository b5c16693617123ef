#!/usr/bin/env python3
"""Compare a `tidtam export` file with the result table it was made from,
read here straight from the database:

    check-export.py [--framework XML] DB FORMAT FILE FY [ROUND [OFFICE]]

FORMAT is csv, json, xlsx or adx; ROUND 0 means every round; OFFICE limits
the rows to an office, its networks and its schools.  The CSV is parsed by
python's csv module, the JSON by json, the workbook by zipfile and an XML
parser (its first sheet), the ADX by an XML parser.  Every figure must be
the stored double exactly (the workbook's to the 16 significant digits
libxlsxwriter writes; Excel keeps 15); every row of the table must be there once and no other.
With --framework, the rows expected are only those a unit owes or has a
result for, read from the framework XML here (an office's indicator on
offices only, a school's on every unit, an optional one nowhere, and only
at the framework's rounds the indicator is due), and each row's measure
unit, value type, direction and policy area must be the XML's; each
unit's office is found up the unit table's parents, and submitted_on must
be the newest counted date (accepted first) of the unit and those below it.
Prints "ok N" (rows compared) or one line per difference, and exits 1
when there is any.
"""
import csv, importlib.util, io, json, math, os, re, sqlite3, sys, zipfile
import xml.etree.ElementTree as ET

args = sys.argv[1:]
framework = None
if args[0] == "--framework":
    framework, args = args[1], args[2:]
db, fmt, path, fy = args[0], args[1], args[2], int(args[3])
rnd = int(args[4]) if len(args) > 4 else 0
office = args[5] if len(args) > 5 else None

con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
sql = ("SELECT r.round, r.unit_code, r.indicator, r.value, r.to_date, r.numerator,"
       " r.denominator, r.achieved, r.percent_of_target, r.reporting, r.expected,"
       " u.kind, u.parent FROM result r LEFT JOIN unit u ON u.code = r.unit_code"
       " WHERE r.fiscal_year = ?")
rows = [r for r in con.execute(sql, (fy,)) if not rnd or r[0] == rnd]
if office:
    kids = {c for (c,) in con.execute("SELECT code FROM unit WHERE parent = ? AND kind = 'network'",
                                      (office,))}
    rows = [r for r in rows if r[1] == office or r[12] == office or r[12] in kids]
problems = []
meta = {}
if framework:
    def helper(name):
        """A script beside this one, as a module."""
        spec = importlib.util.spec_from_file_location(
            name.replace("-", "_"), os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 name + ".py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    owed_rows = helper("owed-rows")
    meta = owed_rows.indicators(framework)
    rows = [r for r in rows if owed_rows.owed(meta, r[0], r[11], r[2], r[4] is not None)]
    dd = helper("data-dates")
    chain = dd.ancestors(con)
    kind = dict(con.execute("SELECT code, kind FROM unit"))
    office_of = {u: next((a for a in chain(u) if kind.get(a) == "office"), "") for u in kind}
    data_date = dd.data_dates(con, fy)
want = {(r[0], r[1], r[2]): r for r in rows}
NUMS = ["value", "to_date", "numerator", "denominator", "achieved", "percent_of_target",
        "reporting", "expected"]
THAI = re.compile("[\u0e50-\u0e59]")


def same(a, b, loose):
    if a is None or b is None:
        return a is None and b is None
    if loose:
        return math.isclose(a, b, rel_tol=1e-14, abs_tol=1e-300)
    return a == b


def compare_records(records, loose=False):
    seen = set()
    for rec in records:
        key = (int(rec["round"]), rec["unit_code"], rec["indicator"])
        if int(rec["fiscal_year"]) != fy:
            problems.append("wrong fiscal year %s" % (key,))
        if key in seen:
            problems.append("twice: %s" % (key,))
        seen.add(key)
        r = want.get(key)
        if not r:
            problems.append("not in the result table: %s" % (key,))
            continue
        for k, v in zip(NUMS, r[3:11]):
            got = rec.get(k)
            got = None if got in (None, "") else float(got)
            if not same(got, v, loose):
                problems.append("%s %s: %r, the table has %r" % (key, k, rec.get(k), v))
        if meta:
            m = meta[key[2]]
            for k in ("measure_unit", "value_type", "direction", "policy_area_code",
                      "policy_area_name"):
                if rec.get(k) != m[k]:
                    problems.append("%s %s: %r, the framework has %r" % (key, k, rec.get(k), m[k]))
            if (rec.get("office") or "") != office_of.get(key[1], ""):
                problems.append("%s office: %r, not %r" % (key, rec.get("office"),
                                                          office_of.get(key[1])))
            dd = data_date.get((key[1], key[0])) or ""
            if (rec.get("submitted_on") or "") != dd:
                problems.append("%s submitted_on: %r, not %r" % (key, rec.get("submitted_on"), dd))
        for k, v in rec.items():
            if isinstance(v, str) and THAI.search(v):
                problems.append("%s %s has Thai digits: %s" % (key, k, v))
    for key in want:
        if key not in seen:
            problems.append("missing: %s" % (key,))
    return len(seen)


def xlsx_records(p):
    z = zipfile.ZipFile(p)
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si"):
            shared.append("".join(t.text or "" for t in si.iter(ns + "t")))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in sheet.iter(ns + "row"):
        cells = {}
        for c in row.iter(ns + "c"):
            col = re.match(r"[A-Z]+", c.attrib["r"]).group()
            n = 0
            for ch in col:
                n = n * 26 + ord(ch) - 64
            t = c.attrib.get("t")
            if t == "s":
                v = shared[int(c.find(ns + "v").text)]
            elif t == "inlineStr":
                v = "".join(x.text or "" for x in c.iter(ns + "t"))
            else:
                e = c.find(ns + "v")
                v = e.text if e is not None else ""
            cells[n - 1] = v
        table.append([cells.get(i, "") for i in range(max(cells) + 1 if cells else 0)])
    head = table[0]
    return [dict(zip(head, r + [""] * (len(head) - len(r)))) for r in table[1:]]


def adx_check(p):
    ns = "{urn:ihe:qrph:adx:2015}"
    root = ET.parse(p).getroot()
    if root.tag != ns + "adx":
        problems.append("root is %s" % root.tag)
    start = "%d-10-01" % (fy - 543 - 1)
    period_of = {3: start + "/P3M", 6: start + "/P6M", 9: start + "/P9M", 12: start + "/P1Y"}
    expect = {}
    for (m, unit, ind), r in want.items():
        for suffix, v in (("", r[4]), (".num", r[5]), (".den", r[6])):
            if r[4] is not None and v is not None:
                expect[(unit, period_of[m], ind + suffix)] = v
    got = {}
    for g in root.iter(ns + "group"):
        for dv in g.iter(ns + "dataValue"):
            key = (g.attrib["orgUnit"], g.attrib["period"], dv.attrib["dataElement"])
            if key in got:
                problems.append("twice: %s" % (key,))
            got[key] = dv.attrib["value"]
    for key, v in expect.items():
        if key not in got:
            problems.append("missing: %s" % (key,))
        elif float(got[key]) != v:
            problems.append("%s: %s, the table has %r" % (key, got[key], v))
    for key in got:
        if key not in expect:
            problems.append("not in the result table: %s" % (key,))
    return len(got)


if fmt == "csv":
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("\ufeff"):
        problems.append("no byte-order mark")
    n = compare_records(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
elif fmt == "json":
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("fiscal_year") != fy:
        problems.append("fiscal_year %r" % doc.get("fiscal_year"))
    n = compare_records(doc["results"])
elif fmt == "xlsx":
    n = compare_records(xlsx_records(path), loose=True)
else:
    n = adx_check(path)
for p in problems[:20]:
    print(p)
if problems:
    print("%d differences" % len(problems))
    sys.exit(1)
print("ok %d" % n)
