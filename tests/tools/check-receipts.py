#!/usr/bin/env python3
"""Check receipts and school cards as printed documents.

    check-receipts.py receipts OUTPUT INPUT THAI_YEARS [all]
    check-receipts.py cards CARD.pdf...

receipts: every receipt the file table records (OUTPUT/tidtam.db) is
checked against the database and INPUT's unit lists, read here on their
own (UTF-8 or Windows-874 CSV):
  number    the JSON's receiptNumber is "<file id>/<fiscal year of
            ingested_at>", the text says it, the PDF says it, and no two
            receipts share one
  office    the office name (text's first line, JSON officeName) is the
            office above the file's units in the unit list; a file of no
            unit names the list's one office
  date      the date of issue (JSON issued, the text's วันที่ออก line)
            is the day the file was received
  digits    receipts filed under a year in THAI_YEARS (comma-separated)
            have Thai digits in their own words and none Arabic there
            (what is quoted “…” and a unit's code are said as written:
            a code of the unit list in Thai digits fails); the others
            have no Thai digit at all
  quotes    no ASCII quotation mark in a Thai receipt
  pdfsize   every text of a receipt PDF's body is set at 14 pt or more
  pdfparts  the receipts of a folder's files that came on one day are
            bound in one PDF, received-<YYYY-MM-DD>.pdf beside their
            texts (file.receipt_pdf), in file order, each from a page of
            its own (file.receipt_page) numbered by itself "หน้า 1 / n"
            with its number in the footer, and nothing else
The PDFs read are every one binding a receipt with an error and 30 of
the others, or with "all" every one.
cards: every text of each card's body is set at 12 pt or more, and the
notes (มัธยฐานของเขต...) end above the footer.

The body of a page is what lies more than 50 pt from its top and bottom
edges: a page's footer and header lines are set in those margins.  Sizes
are read from the content streams (qpdf --qdf: each BT block's Tf and
Td), the notes' and footer's places from pdftotext -bbox-layout.
Prints "ok NAME" or "not ok NAME: why" per check.
"""
import csv
import datetime
import glob
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

THAI = "๐๑๒๓๔๕๖๗๘๙"
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
EDGE = 50.0
failures = {}


def fail(name, why):
    failures.setdefault(name, why)


def to_arabic(s):
    return s.translate(str.maketrans(THAI, "0123456789"))


def to_thai(s):
    return s.translate(str.maketrans("0123456789", THAI))


def fiscal_year(d):
    return d.year + 543 + (1 if d.month >= 10 else 0)


def decode(data):
    for enc in ("utf-8-sig", "utf-16", "cp874"):
        try:
            text = data.decode(enc)
            if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return text
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def unit_list(inp):
    """code -> (name, kind, parent) from every CSV unit list of INPUT."""
    units = {}
    for p in sorted(glob.glob(os.path.join(inp, "units", "**", "*.csv"), recursive=True)):
        text = decode(open(p, "rb").read())
        delim = ";" if text.count(";") > text.count(",") else ","
        for row in csv.reader(io.StringIO(text), delimiter=delim):
            row = [c.strip() for c in row] + ["", "", "", ""]
            if row[2] in ("office", "network", "school") and row[0] not in units:
                units[row[0]] = (row[1], row[2], row[3])
    return units


def office_above(units, code):
    seen = set()
    while code in units and code not in seen:
        seen.add(code)
        name, kind, parent = units[code]
        if kind == "office":
            return code
        code = parent
    return None


def content_sizes(pdf):
    """[(page height, [(size, y)])] per page, from the content streams."""
    with tempfile.TemporaryDirectory() as d:
        q = os.path.join(d, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, q], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        data = open(q, "rb").read().decode("latin-1")
    pages = []
    # qdf marks each page and its content stream: "%% Page N" ... "%% Contents for page N"
    heights = [float(m.group(1)) for m in
               re.finditer(r"/MediaBox \[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s*\]", data)]
    for i, m in enumerate(re.finditer(r"%% Contents for page \d+\n.*?stream\n(.*?)endstream",
                                      data, re.S)):
        blocks = []
        for bt in re.finditer(r"BT(.*?)ET", m.group(1), re.S):
            size = re.search(r"/\w+ ([\d.]+) Tf", bt.group(1))
            pos = re.search(r"([-\d.]+) ([-\d.]+) Td", bt.group(1))
            if size and pos:
                blocks.append((float(size.group(1)), float(pos.group(2))))
        pages.append((heights[i] if i < len(heights) else 842.0, blocks))
    return pages


def body_sizes(pdf):
    """The sizes of the body's texts; [0] when none is found (a failure)."""
    sizes = []
    for height, blocks in content_sizes(pdf):
        sizes += [s for s, y in blocks if EDGE < y < height - EDGE]
    return sizes or [0]


def pdftext(pdf):
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout


def receipts(out, inp, thai_years, every_pdf=False):
    db = sqlite3.connect(os.path.join(out, "tidtam.db"))
    units = unit_list(inp)
    offices = [c for c, (_, k, _) in units.items() if k == "office"]
    rows = db.execute("SELECT id, path, receipt, ingested_at, COALESCE(same_as, id),"
                      " receipt_pdf, receipt_page FROM file"
                      " WHERE receipt IS NOT NULL ORDER BY id").fetchall()
    if not rows:
        fail("number", "no receipt at all")
    numbers = {}
    pdf_checked = 0
    groups = {}
    for fid, path, txt, ingested, content, pdf, page in rows:
        # recorded under the output folder
        base = os.path.join(out, txt[:-4])
        text = open(base + ".txt", encoding="utf-8").read()
        js = json.load(open(base + ".json", encoding="utf-8"))
        lines = text.split("\n")
        day = datetime.date.fromisoformat(ingested)
        # number
        want = "%d/%d" % (fid, fiscal_year(day))
        if js.get("receiptNumber") != want:
            fail("number", "%s: JSON says %r, not %r" % (path, js.get("receiptNumber"), want))
        m = [to_arabic(l.split(" ", 1)[1]) for l in lines if l.startswith("เลขที่ใบตอบรับ ")]
        if m != [want]:
            fail("number", "%s: the text says %r, not %r" % (path, m, want))
        if want in numbers:
            fail("number", "%s and %s share %s" % (numbers[want], path, want))
        numbers[want] = path
        # its PDF: its folder's of the day it came
        want_pdf = os.path.join(os.path.dirname(base), "received-%s.pdf" % ingested)
        got_pdf = os.path.join(out, pdf) if pdf else None
        if got_pdf != want_pdf:
            fail("pdfparts", "%s: bound in %r, not %r" % (path, pdf, want_pdf))
        g = groups.setdefault(want_pdf, {"parts": [], "error": False})
        g["parts"].append((fid, want, page, path))
        g["error"] |= "ข้อผิดพลาด" in text
        # office
        codes = [r[0] for r in db.execute("SELECT DISTINCT unit_code FROM submission"
                                          " WHERE file_id = ?", (content,))]
        if codes:
            # units not in the list have no office to say; the others'
            above = {office_above(units, c) for c in codes if c in units}
            office = units[above.pop()][0] if len(above) == 1 and None not in above else None
        else:
            office = units[offices[0]][0] if len(offices) == 1 else None
        if js.get("officeName") != office:
            fail("office", "%s: JSON names %r, not %r" % (path, js.get("officeName"), office))
        first = lines[0]
        if office and to_arabic(first) != to_arabic(office):
            fail("office", "%s: the text opens with %r, not %r" % (path, first, office))
        if not office and first.startswith("สำนักงาน"):
            fail("office", "%s: names an office %r where none is one" % (path, first))
        # date
        if js.get("issued") != ingested:
            fail("date", "%s: JSON issued %r, not %r" % (path, js.get("issued"), ingested))
        fy_dir = base.split(os.sep + "receipts" + os.sep, 1)[1].split(os.sep)[0]
        thai = fy_dir in thai_years
        date = "%d %s %d" % (day.day, MONTHS[day.month - 1], day.year + 543)
        if "วันที่ออก " + (to_thai(date) if thai else date) not in lines:
            fail("date", "%s: no line วันที่ออก %s" % (path, date))
        # digits: the receipt's own lines (date, size, result), less what
        # they say as written: a text quoted (a practice's title) and a
        # unit's code, which must not be in Thai digits either
        own = [l for l in lines if l.startswith(("วันที่ออก", "ฉบับที่", "ผลการตรวจ"))]
        words = [" ".join("" if w in units else w for w in re.sub(r"“[^”]*”", "“”", l).split(" "))
                 for l in own]
        coded = [w for l in own for w in l.split(" ") if to_arabic(w) in units and w != to_arabic(w)]
        if thai:
            if any(re.search(r"[0-9]", l) for l in words) or not any(
                    re.search("[" + THAI + "]", l) for l in words):
                fail("digits", "%s (%s): not in Thai digits: %r" % (path, fy_dir, own))
            if coded:
                fail("digits", "%s (%s): a unit's code not as written: %r" % (path, fy_dir, coded))
        elif re.search("[" + THAI + "]", text):
            fail("digits", "%s (%s): Thai digits where the year says Arabic" % (path, fy_dir))
        # quotes
        if '"' in text:
            fail("quotes", "%s: an ASCII quotation mark: %r" % (
                path, [l for l in lines if '"' in l][:2]))
        if "“" not in text and "ชีต" in text and "ชีต “" not in text:
            fail("quotes", "%s: a sheet named without Thai quotation marks" % path)
    # the PDFs: every one binding an error, and a sample of the others
    for pdf, g in sorted(groups.items()):
        if pdf_checked >= 30 and not g["error"] and not every_pdf:
            continue
        pdf_checked += 1
        if not os.path.exists(pdf):
            fail("pdfparts", "%s is not there" % pdf)
            continue
        pages = [to_arabic(t) for t in pdftext(pdf).split("\f")]
        if pages and not pages[-1].strip():
            pages.pop()
        # each page's footer: the number of its receipt, its page within it
        feet = []
        for t in pages:
            n = re.findall(r"ใบตอบรับเลขที่ (\d+/\d+)", t)
            k = re.findall(r"หน้า (\d+) / (\d+)", t)
            feet.append((n[-1] if n else None, tuple(map(int, k[-1])) if k else None))
        at = 0
        for fid, want, page, path in g["parts"]:
            if page != at + 1:
                fail("pdfparts", "%s: recorded at page %r of %s, its part starts at %d"
                     % (path, page, pdf, at + 1))
            if at >= len(feet) or feet[at] != (want, (1, feet[at][1][1] if feet[at][1] else 0)):
                fail("pdfparts", "%s: page %d of %s is not the first of receipt %s: %r"
                     % (path, at + 1, pdf, want, feet[at] if at < len(feet) else None))
                break
            n = feet[at][1][1]
            for k in range(n):
                if at + k >= len(feet) or feet[at + k] != (want, (k + 1, n)):
                    fail("pdfparts", "%s: page %d of %s is not page %d / %d of receipt %s"
                         % (path, at + k + 1, pdf, k + 1, n, want))
            if n > 4:
                fail("pdfparts", "%s: %d pages in %s" % (path, n, pdf))
            if "เลขที่ใบตอบรับ " + want not in pages[at]:
                fail("pdfnumber", "%s: its part of %s does not say number %s" % (path, pdf, want))
            at += n
        if at != len(pages):
            fail("pdfparts", "%s: %d pages, its receipts' parts %d" % (pdf, len(pages), at))
        small = [s for s in body_sizes(pdf) if s < 14]
        if small:
            fail("pdfsize", "%s: body text at %s pt" % (pdf, sorted(set(small))))
    print("receipts checked: %d, PDFs read: %d of %d" % (len(rows), pdf_checked, len(groups)),
          file=sys.stderr)
    for name in ("number", "pdfnumber", "pdfsize", "pdfparts", "office", "date", "digits",
                 "quotes"):
        report(name)


def bbox_lines(pdf):
    """Per page: (height, [(yMin, yMax, text)]) of pdftotext -bbox-layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True).stdout
    pages = []
    for pg in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        lines = []
        for ln in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                              r'(.*?)</line>', pg.group(2), re.S):
            words = re.findall(r">([^<]*)</word>", ln.group(3))
            lines.append((float(ln.group(1)), float(ln.group(2)), " ".join(words)))
        pages.append((float(pg.group(1)), lines))
    return pages


def cards(pdfs):
    if not pdfs:
        fail("cardsize", "no card")
    notes = 0
    for pdf in pdfs:
        small = [s for s in body_sizes(pdf) if s < 12]
        if small:
            fail("cardsize", "%s: body text at %s pt" % (pdf, sorted(set(small))))
        for height, lines in bbox_lines(pdf):
            # the footer: its lines in the bottom margin (report title, office)
            foot = [l for l in lines if l[0] > height - EDGE]
            note = [l for l in lines if "มัธยฐานของเขต" in l[2] or "เป้าหมายรายโรงเรียน" in l[2]]
            if not note:
                continue
            notes += 1
            if not foot:
                fail("cardnote", "%s: no footer found" % pdf)
            elif max(l[1] for l in note) > min(l[0] for l in foot):
                fail("cardnote", "%s: the notes end at %.1f, the footer starts at %.1f" % (
                    pdf, max(l[1] for l in note), min(l[0] for l in foot)))
    if not notes:
        fail("cardnote", "no card notes found")
    report("cardsize")
    report("cardnote")


def report(name):
    if name in failures:
        print("not ok %s: %s" % (name, failures[name]))
    else:
        print("ok %s" % name)


if __name__ == "__main__":
    if sys.argv[1] == "receipts":
        receipts(sys.argv[2], sys.argv[3], set(y for y in sys.argv[4].split(",") if y),
                 sys.argv[5:6] == ["all"])
    else:
        cards(sys.argv[2:])
