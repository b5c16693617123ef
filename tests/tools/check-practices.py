#!/usr/bin/env python3
"""Check an annual report's practices part against the practice forms.

Usage: check-practices.py INPUT_DIR DB PDF FY OFFICE [REFUSED_NAME...]

What is expected is computed from the input folder: every XML file whose
root is <practice> (urn:tidtam:practice:1) of fiscal year FY (ASCII or Thai
digits), of a unit at or under OFFICE (the tree read from the unit table
of DB), is printed; its photos are the files it names that lie beside it
(less those named REFUSED_NAME, which the test made hostile), numbered in
the report's order: the office's practices first, then by unit code and
path; the first four of each with it, the others in the appendix.  The
report numbers its figures in one sequence (the charts' and the photos'),
each once, all in the list of figures (สารบัญภาพ): the photos of the part
follow the figures printed before it, those of the appendix the figures
printed before the appendix.  The PDF
is read through pdftotext (the text), pdftohtml -xml (where every image
and caption lies) and qpdf --json (the outline).  Prints each failure and
exits 1 if any.
"""
import json, os, re, subprocess, sqlite3, sys, tempfile
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:practice:1}"
PART = "ผลงานดีเด่น รางวัล และแนวปฏิบัติที่ดี"
APPENDIX = "ภาคผนวก ง ภาพกิจกรรม"
SHOWN = 4
MARGIN = 56.7  # 2 cm: no image nearer an edge of the page
THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

inp, db, pdf, fy, office = sys.argv[1:6]
refused = set(sys.argv[6:])
fy = int(fy)
failures = []


def fail(msg):
    failures.append(msg)
    print("not ok:", msg)


def squeeze(s):
    return re.sub(r"\s+", "", s.translate(THAI))


# the office's tree, from the database's unit table
con = sqlite3.connect(db)
parent = dict(con.execute("SELECT code, parent FROM unit"))
kind = dict(con.execute("SELECT code, kind FROM unit"))


def in_tree(code):
    seen = set()
    while code and code not in seen:
        if code == office:
            return True
        seen.add(code)
        code = parent.get(code)
    return False


practices = []
for root, dirs, files in os.walk(inp):
    for f in files:
        if not f.lower().endswith(".xml"):
            continue
        path = os.path.join(root, f)
        try:
            doc = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        if doc.tag != NS + "practice":
            continue
        if int(doc.get("fiscal-year").strip().translate(THAI)) != fy:
            continue
        unit = doc.get("unit").strip()
        if not in_tree(unit):
            continue
        photos = [(p.get("file"), " ".join((p.text or "").split())) for p in doc.findall(NS + "photo")]
        present = [(n, c) for n, c in photos
                   if os.path.isfile(os.path.join(root, n)) and n not in refused]
        practices.append({"unit": unit, "path": os.path.relpath(path, inp),
                          "title": " ".join(doc.find(NS + "title").text.split()),
                          "paras": [" ".join(p.text.split()) for p in doc.findall(NS + "p")],
                          "photos": present, "missing": len(photos) - len(present)})
practices.sort(key=lambda p: (kind.get(p["unit"]) != "office", p["unit"], p["path"]))
shown = [c for p in practices for _, c in p["photos"][:SHOWN]]
extra = [c for p in practices for _, c in p["photos"][SHOWN:]]
print("practices: %d, photos shown: %d, in the appendix: %d, left out: %d" % (
    len(practices), len(shown), len(extra), sum(p["missing"] for p in practices)))

# the text within the margins: the running header and footer (the draft mark,
# title and page number, in the top and bottom margins) left out, so that a
# paragraph broken over two pages reads on
text = subprocess.run(["pdftotext", "-x", "0", "-y", "50", "-W", "1000", "-H", "740", pdf, "-"],
                      capture_output=True, text=True, check=True).stdout
flat = squeeze(text)
pages = text.split("\f")

# the outline: the contents' pages run from its entry's page to the next page
# any entry starts on (the lists of tables and figures follow it, their
# entries last); the body from the page of the entry after the contents'
outline = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                                    capture_output=True, text=True, check=True).stdout)["outlines"]
titles = [o["title"] for o in outline]
at = titles.index("สารบัญ")
first = outline[at]["destpageposfrom1"]
last = min(o["destpageposfrom1"] for o in outline if o["destpageposfrom1"] > first) - 1
contents = pages[first - 1:last]
body_from = outline[at + 1]["destpageposfrom1"]
lists = pages[last:body_from - 1]
start = {o["title"]: o["destpageposfrom1"] for o in outline}

# every figure's label at the head of a line of the body, by page: each
# number once, from 1 on without a gap, a page's after the pages' before it
# (within a page pdftotext may read two captions side by side out of order)
LABEL = re.compile(r"^\s*ภาพที่\s*([๐-๙0-9]+)", re.M)
labels = [(k + 1, int(m.group(1).translate(THAI)))
          for k in range(body_from - 1, len(pages)) for m in LABEL.finditer(pages[k])]
numbers = [n for _, n in labels]
if sorted(numbers) != list(range(1, len(numbers) + 1)) or \
        any(p < q and n > m for p, n in labels for q, m in labels):
    fail("the figures are not numbered once each from 1 in order: %s" % numbers)


def before(title):
    """How many figures the body has before the page title's part starts on."""
    return sum(1 for pg, _ in labels if pg < start.get(title, len(pages) + 1))


captions = [(before(PART) + k, c) for k, c in enumerate(shown, 1)] + \
           [(before(APPENDIX) + k, c) for k, c in enumerate(extra, 1)]
listed = squeeze("".join(lists))
for k, c in captions:
    if not re.search(squeeze("ภาพที่ %d" % k) + r"(?![0-9])", listed):
        fail("photo %d not in the list of figures" % k)

# the part and the appendix: there exactly when they have something, in the contents
for title, wanted in ((PART, bool(practices)), (APPENDIX, bool(extra))):
    n = flat.count(squeeze(title))
    # a part: its contents line and its heading; absent: nowhere
    if (n >= 2) != wanted or (not wanted and n):
        fail("'%s' found %d times, expected %s" % (title, n, "in contents and heading" if wanted else "none"))
    if wanted and not any(re.search(re.escape(title) + r"[ .]*[๐-๙0-9]+", pg) for pg in contents):
        fail("'%s' not in the contents with its page" % title)

# every practice's title and text, every caption with its number
for p in practices:
    if squeeze(p["title"]) not in flat:
        fail("title '%s' not printed" % p["title"])
    for para in p["paras"]:
        if squeeze(para) not in flat:
            fail("a paragraph of '%s' not printed" % p["title"])
body = squeeze("".join(pages[body_from - 1:]))
for k, c in captions:
    if squeeze("ภาพที่ %d %s" % (k, c)) not in body:
        fail("caption %d '%s' not printed" % (k, c))

# the outline: the part (its entries are the contents', which has the part only)
part = [o for o in outline if o["title"] == PART]
if bool(part) != bool(practices):
    fail("the part's bookmark: %d, expected %d" % (len(part), bool(practices)))
if bool([o for o in outline if o["title"] == APPENDIX]) != bool(extra):
    fail("the appendix's bookmark")

# where every image lies, and its caption below it on its page
with tempfile.TemporaryDirectory() as tmp:  # where pdftohtml puts the images it lists
    xml = subprocess.run(["pdftohtml", "-xml", "-zoom", "1", "-stdout", "-q", pdf,
                          os.path.join(tmp, "img")], capture_output=True, text=True,
                         check=True).stdout
images, texts = [], []
for page in ET.fromstring(xml.replace('<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">', "")).iter("page"):
    n, W, H = int(page.get("number")), float(page.get("width")), float(page.get("height"))
    for e in page:
        if e.tag not in ("image", "text"):
            continue
        box = [float(e.get(a)) for a in ("left", "top", "width", "height")]
        if e.tag == "image":
            images.append((n, box[1], box[0], box, W, H))
        elif e.tag == "text":
            texts.append((n, box, "".join(e.itertext())))
for n, _, _, (x, y, w, h), W, H in images:
    if x < MARGIN - 1 or y < MARGIN - 1 or x + w > W - MARGIN + 1 or y + h > H - MARGIN + 1:
        fail("page %d: an image at %.0f,%.0f %.0fx%.0f crosses a margin of the %.0fx%.0f page"
             % (n, x, y, w, h, W, H))
photos = sorted(i for i in images if i[0] > 1)  # the cover's logo left aside
if len(photos) != len(captions):
    fail("%d photos drawn, expected %d" % (len(photos), len(captions)))
for (k, _), (n, _, _, (x, y, w, h), W, H) in zip(captions, photos):
    label = "ภาพที่ %d" % k
    label = label.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    below = [t for t in texts if t[0] == n and t[2].startswith(label) and t[1][1] >= y + h - 1]
    if not below:
        fail("the caption of photo %d is not under it on page %d" % (k, n))
if failures:
    sys.exit(1)
print("ok")
