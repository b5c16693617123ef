#!/usr/bin/env python3
"""What the annual report of an office and year should print from its
profile and unit list, computed from the input files alone.

Usage: expect-profile.py INPUT_DIR OFFICE FY
Prints tab-separated lines:
  part TITLE              a part the report holds (in the order printed)
  budget A S R P          totals: allocated, spent, remaining, percent spent
  over TYPE OUTPUT AMOUNT an expense spent past its allocation, and by how much
  size NAME N PCT S T     schools of a size: count, percent, students, teachers
  district NAME N PCT S T
  level NAME N            students of a level
  teachers SCHOOLS T S    schools with teachers given, teachers, their students
  groups TOTAL            staff of the work groups
Numbers as the report prints them (Arabic digits, thousands separators).
The profile is the XML file under profile/, or elsewhere with root
<profile>, of the office and year (the newest by path order if several);
the unit list is every CSV under units/ (UTF-8 or Windows-874).
"""
import csv, io, os, sys
from decimal import Decimal, ROUND_HALF_UP
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:profile:1}"
INP, OFFICE, FY = sys.argv[1], sys.argv[2], int(sys.argv[3])


def out(*f):
    print("\t".join(str(x) for x in f))


def money(v):
    """Whole baht, a half rounded up, as the report prints money."""
    return "{:,}".format(int(Decimal(repr(v)).quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def pct(part, whole):
    return "{:.2f}".format(100.0 * part / whole) if whole > 0 else "-"


def find_profile():
    found = []
    for root, _, files in os.walk(INP):
        for f in sorted(files):
            if not f.lower().endswith(".xml"):
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, INP)
            if rel.startswith("framework/"):
                continue
            try:
                doc = ET.parse(p).getroot()
            except ET.ParseError:
                continue
            if doc.tag == NS + "profile" and doc.get("office") == OFFICE and int(doc.get("fiscal-year")) == FY:
                # profiles under profile/ are read before the other files
                found.append((0 if rel.startswith("profile/") else 1, rel, doc))
    found.sort(key=lambda x: (x[0], x[1]))
    return found[-1][2] if found else None


def texts(parent, path):
    return [e.text for e in parent.findall(path)] if parent is not None else []


def unit_rows():
    rows = []
    for root, _, files in os.walk(os.path.join(INP, "units")):
        for f in sorted(files):
            data = open(os.path.join(root, f), "rb").read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp874")
            lines = list(csv.reader(io.StringIO(text)))
            h = next(i for i, r in enumerate(lines) if any(c.strip().lower() in ("code", "รหัสหน่วยงาน") for c in r))
            head = [c.strip() for c in lines[h]]
            for r in lines[h + 1:]:
                if any(r):
                    rows.append(dict(zip(head, [c.strip() for c in r])))
    return rows


def col(row, *names):
    for n in names:
        if row.get(n):
            return row[n]
    return ""


def schools():
    rows = unit_rows()
    kinds = {col(r, "code", "รหัสหน่วยงาน"): (col(r, "kind", "ประเภท"), col(r, "parent", "สังกัด")) for r in rows}
    under = {OFFICE}
    changed = True
    while changed:
        changed = False
        for c, (k, p) in kinds.items():
            if p in under and c not in under:
                under.add(c)
                changed = True
    out_ = []
    for r in rows:
        c = col(r, "code", "รหัสหน่วยงาน")
        if kinds[c][0] == "school" and c in under:
            out_.append(r)
    return out_


def number(s):
    try:
        v = float(s.replace(",", ""))
        return int(v) if v >= 0 and v == int(v) else None
    except ValueError:
        return None


LEVELS = [("อนุบาล", ("students_pre", "นักเรียนอนุบาล", "อนุบาล")),
          ("ประถมศึกษา", ("students_primary", "นักเรียนประถมศึกษา", "ประถมศึกษา")),
          ("มัธยมศึกษาตอนต้น", ("students_lower", "นักเรียนมัธยมศึกษาตอนต้น", "มัธยมศึกษาตอนต้น", "ม.ต้น")),
          ("มัธยมศึกษาตอนปลาย", ("students_upper", "นักเรียนมัธยมศึกษาตอนปลาย", "มัธยมศึกษาตอนปลาย", "ม.ปลาย"))]
SIZES = {"เล็ก": 1, "small": 1, "กลาง": 2, "medium": 2, "ใหญ่": 3, "large": 3, "ใหญ่พิเศษ": 4, "extra-large": 4}


def school_figures(r):
    levels = {}
    for name, aliases in LEVELS:
        v = number(col(r, *aliases))
        if v is not None:
            levels[name] = v
    total = number(col(r, "students", "จำนวนนักเรียน", "นักเรียน", "นักเรียนทั้งหมด"))
    if total is None and levels:
        total = sum(levels.values())
    return (col(r, "size", "ขนาด", "ขนาดโรงเรียน", "ขนาดสถานศึกษา"), col(r, "district", "อำเภอ"),
            total, levels, number(col(r, "teachers", "จำนวนครู", "ครู")))


p = find_profile()
schs = [school_figures(r) for r in schools()]
g = lambda name: p.find(NS + name) if p is not None else None
parts = []
if p is not None:
    gen = g("general")
    if gen is not None and (gen.find(NS + "address") is not None or gen.find(NS + "area") is not None
                            or gen.find(NS + "districts") is not None):
        parts.append("ข้อมูลทั่วไป")
    if texts(gen, NS + "duties/" + NS + "p"):
        parts.append("อำนาจหน้าที่")
    if g("structure") is not None:
        parts.append("โครงสร้างการบริหารและกลุ่มงาน")
    if g("staff") is not None:
        parts.append("บุคลากรในสำนักงาน")
if any(s[0] for s in schs):
    parts.append("สถานศึกษาจำแนกตามขนาด")
if any(s[1] for s in schs):
    parts.append("สถานศึกษาจำแนกตามอำเภอ")
if any(s[3] for s in schs):
    parts.append("นักเรียนจำแนกตามระดับชั้น")
if any(s[4] is not None for s in schs):
    parts.append("ครูในสถานศึกษา")
if p is not None:
    if g("learning") is not None:
        parts.append("ผลสัมฤทธิ์ทางการเรียน")
    d = g("direction")
    for tag, title in [("vision", "วิสัยทัศน์"), ("mission", "พันธกิจ"), ("goals", "เป้าประสงค์"),
                       ("strategies", "กลยุทธ์"), ("focus", "จุดเน้น")]:
        if d is not None and d.find(NS + tag) is not None:
            parts.append(title)
    if g("budget") is not None:
        parts.append("งบประมาณที่ได้รับจัดสรร")
    s = g("synthesis")
    for tag, title in [("problems", "ปัญหาและอุปสรรค"), ("recommendations", "ข้อเสนอแนะ"),
                       ("next-year", "แนวทางการดำเนินงานในปีงบประมาณต่อไป")]:
        if s is not None and s.find(NS + tag) is not None:
            parts.append(title)
    a = g("appendix")
    if a is not None and a.find(NS + "committee") is not None:
        parts.append("คำสั่งแต่งตั้งคณะทำงาน")
    if a is not None and a.find(NS + "makers") is not None:
        parts.append("คณะผู้จัดทำรายงาน")
for t in parts:
    out("part", t)

if p is not None and g("budget") is not None:
    alloc = spent = 0.0
    for plan in g("budget").findall(NS + "plan"):
        for o in plan.findall(NS + "output"):
            for e in o.findall(NS + "expense"):
                a_, s_ = float(e.get("allocated")), float(e.get("spent"))
                alloc += a_
                spent += s_
                if s_ > a_:
                    out("over", e.get("type"), o.get("name"), money(s_ - a_))
    out("budget", money(alloc), money(spent), money(alloc - spent), pct(spent, alloc))
if p is not None and g("structure") is not None:
    out("groups", sum(int(e.get("staff")) for e in g("structure").findall(NS + "group")))

n_all = len(schs)
for kind, key in (("size", 0), ("district", 1)):
    groups = {}
    for s in schs:
        if s[key]:
            v = groups.setdefault(s[key], [0, 0, 0])
            v[0] += 1
            v[1] += s[2] or 0
            v[2] += s[4] or 0
    for name, (n, st, te) in groups.items():
        out(kind, name, n, pct(n, n_all), money(st), money(te))
levels = {}
for s in schs:
    for name, v in s[3].items():
        levels[name] = levels.get(name, 0) + v
for name, v in levels.items():
    out("level", name, money(v))
with_t = [s for s in schs if s[4] is not None]
if with_t:
    out("teachers", len(with_t), money(sum(s[4] for s in with_t)), money(sum(s[2] or 0 for s in with_t)))
