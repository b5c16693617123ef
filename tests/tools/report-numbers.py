#!/usr/bin/env python3
"""Checks of how the office reports print numbers and charts, computed from
the input files (framework XML, project sheets) and the database, against
the reports' text (pdftotext -layout).  Each check prints "ok DESC" or
"not ok DESC" lines; tests/e2e/t0190-t0195 count them.

usage: report-numbers.py CHECK RUN_DIR [ARGS]
  percent-once      every PDF under output/reports: no figure said as
                    ร้อยละ and % at once, no % after a number at all
  decimals          annual reports: level targets whole, mean levels with
                    one decimal, money whole baht with separators
  ceiling           annual reports: lower-is-better rows in ceiling words
  overspend         annual reports: projects spent over budget flagged
  chart-labels      chart pages of annual/progress reports: no indicator or
                    project code outside the table's code column
  completeness      annual reports: a column per round of the framework
  selftest          the regular expressions catch what they must
"""
import csv
import glob
import io
import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:framework:1}"
TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
NUM = r"[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?"
# "ร้อยละ 62.50%" / "ร้อยละ ๖๒.๕๐ %": percent said twice
TWICE = re.compile(r"ร้อยละ\s*(?:\S+\s+)?" + NUM + r"\s*%")
# a number with % after it, anywhere (a cell under a ร้อยละ header, a sentence)
PERCENT_SIGN = re.compile(NUM + r"\s*%")

failed = 0


def result(ok, desc):
    global failed
    print(("ok " if ok else "not ok ") + desc)
    failed += not ok


def text(pdf, first=None, last=None):
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [pdf, "-"], capture_output=True, check=True).stdout.decode()


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


def frameworks(run):
    """{fiscal year: [indicator attributes]} from the input's framework XML."""
    out = {}
    for path in glob.glob(os.path.join(run, "input", "framework", "*.xml")):
        root = ET.parse(path).getroot()
        fy = int(root.get("fiscal-year"))
        out[fy] = {"indicators": [i.attrib for i in root.iter(NS + "indicator")],
                   "rounds": sorted(int(r.get("months")) for r in root.iter(NS + "round"))}
    return out


def annuals(run):
    """[(fiscal year, office code, path)] of the annual reports."""
    out = []
    for p in sorted(glob.glob(os.path.join(run, "output", "reports", "*", "*", "annual-*.pdf"))):
        parts = p.split(os.sep)
        out.append((int(parts[-3]), parts[-2], p))
    return out


def thai(v):
    return v.translate(TO_THAI)


def money(v):
    # whole baht, half away from zero
    return thai("{:,}".format(int(abs(v) + 0.5)))


def row_block(lines, code):
    """The lines of a table row: the one starting with code and those under
    it until a blank line."""
    for i, l in enumerate(lines):
        if re.match(r"^\s*" + re.escape(code) + r"\s", l):
            block = [l]
            for m in lines[i + 1:]:
                if not m.strip() or re.match(r"^\S", m):
                    break
                block.append(m)
            return block
    return None


def check_percent_once(run):
    pdfs = sorted(glob.glob(os.path.join(run, "output", "reports", "**", "*.pdf"), recursive=True))
    result(len(pdfs) > 0, "reports found (%d)" % len(pdfs))
    for pdf in pdfs:
        t = text(pdf)
        name = os.path.relpath(pdf, run)
        twice = [l.strip() for l in t.splitlines() if TWICE.search(l)]
        result(not twice, "%s: no ร้อยละ with %% for one figure %s" % (name, twice[:2]))
        sign = [l.strip() for l in t.splitlines() if PERCENT_SIGN.search(l)]
        result(not sign, "%s: no %% after a number %s" % (name, sign[:2]))


def check_decimals(run):
    fws = frameworks(run)
    for fy, office, pdf in annuals(run):
        lines = text(pdf).splitlines()
        levels = [i for i in fws[fy]["indicators"] if i.get("type") == "level" and i.get("target")]
        result(len(levels) > 0, "%s: the framework has levels with a target" % os.path.basename(pdf))
        for ind in levels:
            block = row_block(lines, ind["code"])
            if not block:
                result(False, "%d: a row for level %s" % (fy, ind["code"]))
                continue
            target = float(ind["target"])
            want = thai(("%g" % target))
            fields = block[0].split()
            try:
                at = fields.index(ind["unit"])
            except ValueError:
                result(False, "%d %s: unit %s in the row %s" % (fy, ind["code"], ind["unit"], fields))
                continue
            result(fields[at + 1] == want, "%d %s: target printed %s as %s (%s)" %
                   (fy, ind["code"], ind["target"], want, fields[at + 1]))
            # the round values, between the target and the percent cell: one decimal at most
            vals = [f for f in fields[at + 2:] if re.fullmatch(NUM, f)][:-1]
            bad = [v for v in vals if re.search(r"\.[0-9๐-๙]{2,}$", v)]
            result(vals and not bad, "%d %s: mean levels with one decimal %s" % (fy, ind["code"], vals))
        # money: no amount of baht with satang, and every project's budget whole
        t = "\n".join(lines)
        satang = re.findall(NUM + r"\.[0-9๐-๙]+\s*บาท", t)
        result(not satang, "%d: no amount of baht with satang %s" % (fy, satang[:3]))
        for code, name, budget, spent in projects(run, fy):
            block = row_block(lines, code)
            result(block is not None and money(budget) in block[0].split(),
                   "%d %s: budget %s whole with separators" % (fy, code, money(budget)))


def projects(run, fy):
    """[(code, name, budget, spent)] of the year, from the project sheets."""
    out = []
    for path in sorted(glob.glob(os.path.join(run, "input", "projects", "*.csv"))):
        raw = open(path, "rb").read()
        for enc in ("utf-8-sig", "cp874"):
            try:
                s = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        rows = list(csv.reader(io.StringIO(s)))
        head = next(i for i, r in enumerate(rows) if r and r[0].strip() == "รหัสโครงการ")
        h = [c.strip() for c in rows[head]]
        for r in rows[head + 1:]:
            if len(r) < len(h):
                continue
            d = dict(zip(h, r))
            if int(d["ปีงบประมาณ"]) != fy:
                continue
            num = lambda c: float(d[c].replace(",", "") or 0)
            spent = sum(num("เบิกจ่ายไตรมาส %d" % q) for q in range(1, 5))
            out.append((d["รหัสโครงการ"], d["ชื่อโครงการ"], num("งบประมาณที่ได้รับ"), spent))
    return out


def check_ceiling(run):
    fws = frameworks(run)
    db = sqlite3.connect(os.path.join(run, "output", "tidtam.db"))
    seen = 0
    for fy, office, pdf in annuals(run):
        lines = text(pdf).splitlines()
        for ind in fws[fy]["indicators"]:
            if ind.get("direction") != "lower" or not ind.get("target"):
                continue
            row = db.execute("SELECT to_date FROM result WHERE unit_code = ? AND fiscal_year = ?"
                             " AND round <= 12 AND indicator = ? AND to_date IS NOT NULL"
                             " ORDER BY round DESC LIMIT 1", (office, fy, ind["code"])).fetchone()
            if not row:
                continue
            seen += 1
            block = row_block(lines, ind["code"])
            joined = re.sub(r"\s+", "", "".join(block or []))
            word = "เกินเพดาน" if row[0] > float(ind["target"]) + 1e-9 else "ไม่เกินเพดาน"
            other = "ไม่เกินเพดาน" if word == "เกินเพดาน" else None
            ceiling = thai("%g" % float(ind["target"]))
            ok = word in joined and "/" + ceiling + ")" in joined and \
                (other is None or other not in joined)
            result(ok, "%d %s: result %g against ceiling %s printed as %s: %s" %
                   (fy, ind["code"], row[0], ind["target"], word, joined[-60:]))
            result("ร้อยละของเป้าหมาย" + thai("%.2f" % (100.0 * float(ind["target"]) / row[0]))
                   not in joined if row[0] else True,
                   "%d %s: no percent of a ceiling" % (fy, ind["code"]))
        if any(i.get("direction") == "lower" for i in fws[fy]["indicators"]):
            result("ตัวชี้วัดที่ค่ายิ่งต่ำยิ่งดี" in "\n".join(lines),
                   "%d: a note explains lower-is-better indicators" % fy)
    result(seen > 0, "lower-is-better indicators with a result (%d)" % seen)


def check_overspend(run):
    seen = 0
    for fy, office, pdf in annuals(run):
        lines = text(pdf).splitlines()
        t = re.sub(r"\s+", "", "\n".join(lines))
        for code, name, budget, spent in projects(run, fy):
            block = row_block(lines, code)
            joined = re.sub(r"\s+", "", "".join(block or []))
            over = spent > budget + 0.005
            seen += over
            fields = [f for l in block or [] for f in l.split()]
            result(block is not None and ("เกินงบ" in joined and
                                          money(spent - budget) in fields) == over,
                   "%d %s: spent %.2f of %.2f %s" % (fy, code, spent, budget,
                                                     "flagged over budget" if over else "not flagged"))
            if over:
                result(re.sub(r"\s+", "", name) + "ได้รับ" + money(budget) in t and
                       "เกินงบประมาณ" + money(spent - budget) + "บาท" in t,
                       "%d %s: the sentence under the table names it and the overspend" % (fy, code))
            else:
                result(("คงเหลือ" in t and money(budget - spent) in joined),
                       "%d %s: remaining balance %s" % (fy, code, money(budget - spent)))
    result(seen > 0, "a project spent over its budget (%d)" % seen)


def chart_pages(pdf):
    """Pages holding a chart: an axis title line of one of the report's charts."""
    titles = ("ร้อยละของเป้าหมาย", "พันบาท", "จำนวนตัวชี้วัด", "จำนวนหน่วยงาน (",
              "ร้อยละของตัวชี้วัดที่บรรลุเป้าหมาย ณ แต่ละรอบ")
    out = []
    for p in range(1, pages(pdf) + 1):
        t = text(pdf, p)
        if any(l.strip().startswith(titles) and len(l.strip()) < 60 for l in t.splitlines()):
            out.append((p, t))
    return out


def check_chart_labels(run):
    fws = frameworks(run)
    for pdf in sorted(glob.glob(os.path.join(run, "output", "reports", "*", "*", "*.pdf"))):
        name = os.path.basename(pdf)
        if not name.startswith(("annual", "progress")):
            continue
        fy = int(pdf.split(os.sep)[-3])
        codes = [i["code"] for i in fws[fy]["indicators"]]
        codes += [c for c, _, _, _ in projects(run, fy)]
        found = chart_pages(pdf)
        result(len(found) > 0, "%s: chart pages found (%s)" % (name, [p for p, _ in found]))
        for p, t in found:
            bad = []
            for l in t.splitlines():
                for c in codes:
                    for m in re.finditer(r"(?<![A-Za-z0-9-])" + re.escape(c) + r"(?![A-Za-z0-9-])", l):
                        if l[:m.start()].strip():
                            bad.append(c)
            result(not bad, "%s page %d: no code outside the code column %s" % (name, p, bad[:5]))
        if name.startswith("annual"):
            shorts = [i["short"] for i in fws[fy]["indicators"] if i.get("short")]
            alltext = re.sub(r"\s+", "", "".join(t for _, t in found))
            drawn = [s for s in shorts if re.sub(r"\s+", "", s) in alltext]
            result(len(drawn) > 0, "%s: short names label the charts (%d of %d)" %
                   (name, len(drawn), len(shorts)))


def check_completeness(run):
    fws = frameworks(run)
    db = sqlite3.connect(os.path.join(run, "output", "tidtam.db"))
    for fy, office, pdf in annuals(run):
        lines = text(pdf).splitlines()
        heads = [thai("%d เดือน" % m) for m in fws[fy]["rounds"]]
        start = next((i for i, l in enumerate(lines)
                      if l.strip() == "ความครบถ้วนและความทันเวลาของการรายงาน"), None)
        result(start is not None, "%d: the completeness part" % fy)
        if start is None:
            continue
        part = lines[start:]
        header = [l for l in part if all(h in l for h in heads)]
        result(len(header) > 0, "%d: a header line with a column per round %s" % (fy, heads))
        if header:
            h = header[0]
            result([h.index(x) for x in heads] == sorted(h.index(x) for x in heads),
                   "%d: the rounds in order" % fy)
        want = [thai("{:,} / {:,}".format(r, e)) for r, e in db.execute(
            "SELECT received, expected FROM completeness WHERE unit_code = ? AND fiscal_year = ?"
            " ORDER BY round", (office, fy))]
        name = db.execute("SELECT name FROM unit WHERE code = ?", (office,)).fetchone()[0]
        sent = [l for l in part if re.findall(r"[๐-๙,]+ / [๐-๙,]+", l)]
        office_line = next((l for l in sent if l.strip().startswith((thai(name),
                            "จำนวนหน่วยงานที่ส่งข้อมูลแล้ว"))), "")
        got = re.findall(r"[๐-๙,]+ / [๐-๙,]+", office_line)
        result(got == want, "%d: the office's sent / due per round in one row %s (%s)" %
               (fy, want, got))


def selftest():
    result(bool(TWICE.search("คิดเป็นร้อยละ ๖๒.๕๐% ของตัวชี้วัด")), "twice: caught in text")
    result(bool(TWICE.search("ร้อยละ 85.5 %")), "twice: caught with a space")
    result(not TWICE.search("คิดเป็นร้อยละ ๖๒.๕๐ ของตัวชี้วัด"), "twice: once is fine")
    result(bool(PERCENT_SIGN.search("ด้านความปลอดภัย   ๕   ๒   ๔๐.๐๐%")), "sign: a cell caught")
    result(not PERCENT_SIGN.search("ด้านความปลอดภัย   ๕   ๒   ๔๐.๐๐"), "sign: a bare cell is fine")
    lines = ["SAFE01  ระดับ  ๔  ๓.๕", "        ต่อ", "", "SAFE02 x"]
    result(row_block(lines, "SAFE01") == lines[:2], "row_block: a row with its second line")


CHECKS = {"percent-once": check_percent_once, "decimals": check_decimals,
          "ceiling": check_ceiling, "overspend": check_overspend,
          "chart-labels": check_chart_labels, "completeness": check_completeness}

if __name__ == "__main__":
    if sys.argv[1] == "selftest":
        selftest()
    else:
        CHECKS[sys.argv[1]](sys.argv[2])
    sys.exit(1 if failed else 0)
