#!/usr/bin/env python3
"""What tidtam must make of an input folder, computed from the input files
alone (never from tidtam's database or reports):

    expect-office2.py INPUT_DIR

Reads the frameworks, the unit lists (any encoding, title rows), the
submissions (long and wide CSV in UTF-8, UTF-16 or Windows-874; XLSX
workbooks with title rows; XML forms) and checks them by the rules README
states, for the kinds of mistakes a test office plants: an unknown unit or
one of the wrong kind (E-UNIT), no framework for the year (E-FY), a round
the framework lacks (E-ROUND), an unknown indicator code or name
(E-INDICATOR), a value of the wrong type (E-TYPE), a level outside 1-5
(E-RANGE), a numerator above its denominator (E-RATIO), a late date (W-LATE).
A byte-identical copy of a file already read is not read again; the newer
accepted value of a unit's indicator in a round is the one used, and a
unit's round is on time when its newest accepted submission (or, with none
accepted, its newest) arrived by the deadline.

Prints tab-separated lines:

    school   CODE NAME                      a school of the unit list
    unitrow  FILE ROW CODE                  a unit row that must be refused
    reject   FILE UNIT FY ROUND ERRCODE     an error that rejects a submission
    late     FILE UNIT FY ROUND             a submission sent after the deadline
    accept   FILE UNIT FY ROUND             a submission accepted
    result   FY ROUND CODE VALUE TO_DATE STATUS   the office's result (STATUS
                                            บรรลุ, ไม่บรรลุ or - with no target)
    target   FY CODE TARGET                 as the framework writes it
    complete FY ROUND EXPECTED RECEIVED ON_TIME LATE ACCEPTED VALUES_EXPECTED VALUES_PRESENT
"""
import csv, glob, hashlib, io, os, re, sys, zipfile
import xml.etree.ElementTree as ET

INP = sys.argv[1]
FNS = "{urn:tidtam:framework:1}"
SNS = "{urn:tidtam:submission:1}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def out(*f):
    print("\t".join(str(x) for x in f))


# ---------------------------------------------------------------- frameworks
FW = {}   # fy -> {"rounds": {months: deadline}, "inds": {code: attrs}, "by_name": {name: code}}
for p in sorted(glob.glob(os.path.join(INP, "framework", "*.xml"))):
    root = ET.parse(p).getroot()
    fy = int(root.attrib["fiscal-year"])
    inds, by_name = {}, {}
    for el in root.iter(FNS + "indicator"):
        a = dict(el.attrib)
        a.setdefault("rounds", "3 6 9 12")
        a.setdefault("submitter", "school")
        a.setdefault("direction", "higher")
        a.setdefault("cumulative", "false")
        a.setdefault("required", "true")
        inds[a["code"]] = a
        by_name[a["name"]] = a["code"]
    rounds = {int(r.attrib["months"]): r.attrib["deadline"] for r in root.iter(FNS + "round")}
    FW[fy] = {"rounds": rounds, "inds": inds, "by_name": by_name}
    for code, a in inds.items():
        if "target" in a:
            out("target", fy, code, a["target"])


# ---------------------------------------------------------------- reading files
def decode(data):
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874")


def csv_rows(data):
    text = decode(data)
    first = text.split("\n", 1)[0]
    sep = "\t" if "\t" in first else (";" if first.count(";") > first.count(",") else ",")
    return [[c.strip().strip("\u00a0") for c in r] for r in csv.reader(io.StringIO(text), delimiter=sep)]


def xlsx_sheets(p):
    """Every sheet as rows of cell texts (merged title cells as written)."""
    z = zipfile.ZipFile(p)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(MAIN + "si"):
            shared.append("".join(t.text or "" for t in si.iter(MAIN + "t")))
    sheets = []
    for name in sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet")):
        rows = []
        for row in ET.fromstring(z.read(name)).iter(MAIN + "row"):
            cells = {}
            for c in row.iter(MAIN + "c"):
                ref = re.match(r"([A-Z]+)", c.attrib["r"]).group(1)
                j = 0
                for ch in ref:
                    j = j * 26 + ord(ch) - 64
                v = c.find(MAIN + "v")
                text = v.text if v is not None else ""
                if c.attrib.get("t") == "s":
                    text = shared[int(text)]
                cells[j - 1] = text
            n = max(cells) + 1 if cells else 0
            rows.append([cells.get(j, "").strip() for j in range(n)])
        sheets.append(rows)
    return sheets


UNIT_H = ("unit", "unit_code", "school_code", "code", "รหัสหน่วยงาน", "รหัสโรงเรียน", "รหัสสถานศึกษา")
ALIASES = {
    "unit": UNIT_H,
    "fy": ("fiscal_year", "fy", "year", "ปีงบประมาณ", "ปีงบ"),
    "round": ("round", "quarter", "รอบ", "รอบรายงาน", "ไตรมาส"),
    "indicator": ("indicator", "indicator_code", "ตัวชี้วัด", "รหัสตัวชี้วัด"),
    "value": ("value", "result", "ค่า", "ผล", "ผลการดำเนินงาน"),
    "num": ("numerator", "num", "ตัวตั้ง"),
    "den": ("denominator", "den", "ตัวหาร"),
    "submitted": ("submitted", "submitted_on", "date", "วันที่ส่ง", "วันที่รายงาน"),
    "name": ("name", "unit_name", "school_name", "ชื่อ", "ชื่อหน่วยงาน", "ชื่อโรงเรียน"),
    "kind": ("kind", "unit_kind", "ประเภท", "ประเภทหน่วยงาน"),
    "parent": ("parent", "parent_code", "สังกัด", "รหัสสังกัด"),
    "project": ("project", "project_code", "รหัสโครงการ"),
}


def header(rows):
    """(index of the header row, {field: column}) or (None, None)."""
    for i, r in enumerate(rows[:20]):
        cols = {}
        for j, h in enumerate(r):
            k = " ".join(h.split()).lower()
            for f, names in ALIASES.items():
                if k in names and f not in cols:
                    cols[f] = j
        if "unit" in cols or "project" in cols:
            return i, cols
    return None, None


def parse_round(text):
    t = text.translate(THAI_DIGITS)
    m = re.search(r"(?:ไตรมาส|Q)\s*(\d)", t, re.I)
    if m:
        return int(m.group(1)) * 3
    m = re.search(r"\d+", t)
    return int(m.group()) if m else None


def parse_date(text):
    t = text.translate(THAI_DIGITS).strip()
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        d, mo, y = map(int, m.groups())
    if y > 2400:
        y -= 543
    return "%04d-%02d-%02d" % (y, mo, d)


def parse_number(text):
    t = text.translate(THAI_DIGITS).replace(",", "").strip().rstrip("%")
    return float(t)


# ---------------------------------------------------------------- units
units, unit_rows, names = {}, [], {}   # code -> (kind, parent)
for p in sorted(glob.glob(os.path.join(INP, "units", "*"))):
    rel = os.path.relpath(p, INP)
    rows = csv_rows(open(p, "rb").read())
    h, cols = header(rows)
    for i in range(h + 1, len(rows)):
        r = rows[i]
        if not any(r):
            continue
        g = lambda f: r[cols[f]] if cols.get(f) is not None and cols[f] < len(r) else ""
        unit_rows.append((rel, i + 1, g("unit"), g("kind"), g("parent")))
        names[g("unit")] = g("name")
# a row is refused when its parent is not a unit (after the others are known),
# its code is malformed or repeated
known = {}
for rel, row, code, kind, parent in unit_rows:
    if code in known or (kind == "school" and not re.fullmatch(r"\d{6}|\d{10}", code)):
        out("unitrow", rel, row, code)
        continue
    known[code] = (rel, row, kind, parent)
changed = True
while changed:
    changed = False
    for code, (rel, row, kind, parent) in list(known.items()):
        if parent and parent not in known:
            out("unitrow", rel, row, code)
            del known[code]
            changed = True
units = {c: (k, p) for c, (_, _, k, p) in known.items()}
OFFICE = [c for c, (k, _) in units.items() if k == "office"][0]
SCHOOLS = sorted(c for c, (k, _) in units.items() if k == "school")
for c in SCHOOLS:
    out("school", c, names[c])


# ---------------------------------------------------------------- submissions
# (file, unit, fy_text, round_text) -> {"date": ..., "values": [(ind_text, value, num, den)]}
subs, order = {}, []


def sub(rel, unit, fy, rnd, date):
    key = (rel, unit, fy, rnd)
    if key not in subs:
        subs[key] = {"date": date, "values": []}
        order.append(key)
    return subs[key]


seen = set()
files = sorted(p for p in glob.glob(os.path.join(INP, "**", "*"), recursive=True)
               if os.path.isfile(p) and os.path.relpath(p, INP).split(os.sep)[0]
               not in ("framework", "units", "projects", "profile"))
for p in files:
    rel = os.path.relpath(p, INP)
    data = open(p, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest in seen:      # a copy of a file already read
        continue
    seen.add(digest)
    if p.lower().endswith((".jpg", ".jpeg", ".png")):  # photographs of practices
        continue
    if p.endswith(".xml"):
        root = ET.fromstring(data)
        if root.tag == "{urn:tidtam:profile:1}profile":
            continue        # the office's profile, not a submission
        if root.tag == "{urn:tidtam:practice:1}practice":  # a practice, no values
            continue
        a = root.attrib
        s = sub(rel, a["unit"], a["fiscal-year"], a["round"], a.get("submitted", ""))
        for v in root.findall(SNS + "value"):
            s["values"].append((v.attrib["indicator"], (v.text or "").strip(),
                                v.attrib.get("numerator", ""), v.attrib.get("denominator", "")))
        continue
    sheets = xlsx_sheets(p) if p.endswith(".xlsx") else [csv_rows(data)]
    for rows in sheets:
        h, cols = header(rows)
        if h is None:
            continue
        g = lambda r, f: r[cols[f]] if cols.get(f) is not None and cols[f] < len(r) else ""
        if "indicator" in cols:             # long
            for r in rows[h + 1:]:
                if not any(r):
                    continue
                s = sub(rel, g(r, "unit"), g(r, "fy"), g(r, "round"), g(r, "submitted"))
                s["values"].append((g(r, "indicator"), g(r, "value"), g(r, "num"), g(r, "den")))
            continue
        # wide: columns headed by an indicator's code or Thai name, or their parts
        head = rows[h]
        for r in rows[h + 1:]:
            if not any(r):
                continue
            s = sub(rel, g(r, "unit"), g(r, "fy"), g(r, "round"), g(r, "submitted"))
            parts = {}
            for j, name in enumerate(head):
                if j in cols.values() or j >= len(r) or r[j] == "":
                    continue
                m = re.fullmatch(r"(.*?)(?:\.(num|den)| \((ตัวตั้ง|ตัวหาร)\))?", name)
                base, part = m.group(1), m.group(2) or m.group(3)
                part = {"ตัวตั้ง": "num", "ตัวหาร": "den"}.get(part, part)
                e = parts.setdefault(base, ["", "", ""])
                e[{"num": 1, "den": 2}.get(part, 0)] = r[j]
            for base, (v, n, d) in parts.items():
                s["values"].append((base, v, n, d))


def check(key):
    """(errors, warnings, resolved values) of one submission."""
    rel, unit, fy_t, rnd_t = key
    s = subs[key]
    errors, warnings, vals = [], [], {}
    try:
        fy = int(fy_t.translate(THAI_DIGITS))
    except ValueError:
        fy = None
    fw = FW.get(fy)
    if fw is None:
        return ["E-FY"], [], {}, fy, None
    rnd = parse_round(rnd_t)
    if rnd not in fw["rounds"]:
        errors.append("E-ROUND")
    if unit not in units:
        errors.append("E-UNIT")
    date = parse_date(s["date"])
    if rnd in fw["rounds"] and date > fw["rounds"][rnd]:
        warnings.append("W-LATE")
    for ind_t, v, n, d in s["values"]:
        code = ind_t if ind_t in fw["inds"] else fw["by_name"].get(ind_t)
        if code is None:
            errors.append("E-INDICATOR")
            continue
        ind = fw["inds"][code]
        if unit in units and units[unit][0] != ind["submitter"]:
            errors.append("E-UNIT")
        if rnd is not None and str(rnd) not in ind["rounds"].split():
            errors.append("E-ROUND")
        t = ind["type"]
        try:
            if t == "percent":
                if "/" in v and not n:
                    n, d = v.split("/")
                num, den = parse_number(n), parse_number(d)
                if den <= 0 or num > den or num < 0:
                    errors.append("E-RATIO")
                    continue
                vals[code] = (num / den * 100, num, den, v)
            elif t == "yesno":
                yes = {"yes", "y", "1", "true", "ใช่", "มี", "ผ่าน", "ดำเนินการแล้ว"}
                no = {"no", "n", "0", "false", "ไม่ใช่", "ไม่มี", "ไม่ผ่าน", "ยังไม่ดำเนินการ"}
                if v.lower() not in yes | no:
                    errors.append("E-TYPE")
                    continue
                vals[code] = (1.0 if v.lower() in yes else 0.0, None, None, v)
            elif t == "text":
                vals[code] = (None, None, None, v)
            else:
                x = parse_number(v)
                if t == "level" and (x != int(x) or not 1 <= x <= 5):
                    errors.append("E-RANGE")
                    continue
                if x < 0:
                    errors.append("E-RANGE")
                    continue
                vals[code] = (x, None, None, v)
        except (ValueError, TypeError):
            errors.append("E-TYPE")
    return errors, warnings, vals, fy, rnd


accepted = {}   # (fy, rnd, unit, code) -> [(date, seq, value tuple)]
# (fy, rnd, unit) -> [date that counts, any accepted]: the newest accepted
# submission's date, or the newest one's when none was accepted (README:
# a late correction of an on-time submission is late data)
received = {}
for seq, key in enumerate(order):
    rel, unit = key[0], key[1]
    errors, warnings, vals, fy, rnd = check(key)
    for e in sorted(set(errors)):
        out("reject", rel, unit, fy if fy else key[2], rnd if rnd else key[3], e)
    if fy in FW and rnd in FW[fy]["rounds"] and unit in units:
        date = parse_date(subs[key]["date"])
        r = received.setdefault((fy, rnd, unit), [date, False])
        if not errors and not r[1]:
            r[0] = date          # the first accepted: rejected ones no longer count
        elif not errors or not r[1]:
            r[0] = max(r[0], date)
        r[1] = r[1] or not errors
    if errors:
        continue
    out("accept", rel, unit, fy, rnd)
    if "W-LATE" in warnings:
        out("late", rel, unit, fy, rnd)
    for code, v in vals.items():
        accepted.setdefault((fy, rnd, unit, code), []).append((parse_date(subs[key]["date"]), seq, v))


def latest(fy, rnd, unit, code):
    e = accepted.get((fy, rnd, unit, code))
    return max(e)[2] if e else None


# ---------------------------------------------------------------- results
for fy, fw in sorted(FW.items()):
    for code, ind in fw["inds"].items():
        if ind["aggregation"] == "none":
            continue
        running, has_any = 0.0, False
        for rnd in sorted(fw["rounds"]):
            if str(rnd) not in ind["rounds"].split():
                continue
            who = [OFFICE] if ind["submitter"] == "office" else SCHOOLS
            xs = [v for v in (latest(fy, rnd, u, code) for u in who) if v is not None]
            if not xs:
                out("result", fy, rnd, code, "-", "-", "-")
                continue
            agg = ind["aggregation"]
            if agg == "ratio":
                value = sum(x[1] for x in xs) / sum(x[2] for x in xs) * 100
            elif agg in ("sum", "count-yes"):
                value = sum(x[0] for x in xs) if agg == "sum" else sum(1 for x in xs if x[0])
            elif agg == "mean":
                value = sum(x[0] for x in xs) / len(xs)
            elif agg == "min":
                value = min(x[0] for x in xs)
            else:
                value = max(x[0] for x in xs)
            running += value
            to_date = running if ind["cumulative"] == "false" and agg == "sum" else value
            status = "-"
            if "target" in ind:
                t = float(ind["target"])
                met = to_date >= t if ind["direction"] == "higher" else to_date <= t
                status = "บรรลุ" if met else "ไม่บรรลุ"
            out("result", fy, rnd, code, "%.6f" % value, "%.6f" % to_date, status)

# ---------------------------------------------------------------- completeness
for fy, fw in sorted(FW.items()):
    for rnd, deadline in sorted(fw["rounds"].items()):
        c = [0] * 7
        for u, (kind, _) in sorted(units.items()):
            due = [code for code, ind in fw["inds"].items()
                   if ind["submitter"] == kind and str(rnd) in ind["rounds"].split()]
            if not due:
                continue
            owed = [code for code in due if fw["inds"][code]["required"] == "true"]
            r = received.get((fy, rnd, u))
            c[0] += 1
            if r:
                c[1] += 1
                c[2] += r[0] <= deadline
                c[3] += r[0] > deadline
                c[4] += r[1]
            c[5] += len(owed)
            c[6] += sum(1 for code in owed
                        if (lambda v: v is not None and (v[0] is not None or v[3] != ""))(
                            latest(fy, rnd, u, code)))
        out("complete", fy, rnd, *c)
