#!/usr/bin/env python3
"""Walk the index pages of an output folder as a reader would.

    check-index.py OUTPUT_DIR COUNTS_OUT

Starts at OUTPUT_DIR/index.html and follows every href to an .html page
inside the folder.  Prints a line "problem: ..." for each of:
  - a link that leads outside OUTPUT_DIR, has a scheme (http:, file:,
    javascript:), or names a file that is not there, or a page of a PDF
    ("#page=N") it does not have;
  - a report, card or receipt file under reports/ or receipts/ that no page
    links to;
  - a page without <html lang="th">, <meta charset="utf-8">, or with a
    <script>.
Then "pages N", "links N", "files N".  Writes to COUNTS_OUT the status
counts every page shows, one line per table row, tab separated:
    page fy office round expected received on-time late missing rejected held
with the Thai digits made Arabic and "–" kept as it is.
Exits 1 if there was a problem.
"""
import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
KEYS = ["expected", "received", "on-time", "late", "missing", "rejected", "held"]


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.rows = [], []
        self.lang = self.charset = None
        self.script = False
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and "charset" in a:
            self.charset = a["charset"].lower()
        elif tag == "script":
            self.script = True
        elif tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        elif tag == "tr" and "data-round" in a:
            self.row = {"fy": a["data-fy"], "office": a["data-office"],
                        "round": a["data-round"]}
        elif tag == "td" and self.row is not None:
            classes = a.get("class", "").split()
            self.cell = next((k for k in KEYS if k in classes), None)
            if self.cell:
                self.row[self.cell] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.row is not None and self.cell:
            self.row[self.cell] += data


def main():
    out = os.path.realpath(sys.argv[1])
    problems, linked, pages, nlinks = [], set(), set(), 0
    todo = [os.path.join(out, "index.html")]
    counts = []
    pdf_pages = {}
    while todo:
        page = todo.pop()
        if page in pages:
            continue
        pages.add(page)
        p = Page()
        with open(page, encoding="utf-8") as f:
            p.feed(f.read())
        rel_page = os.path.relpath(page, out)
        if p.lang != "th":
            problems.append(f"{rel_page}: lang is {p.lang!r}, not 'th'")
        if p.charset != "utf-8":
            problems.append(f"{rel_page}: charset is {p.charset!r}")
        if p.script:
            problems.append(f"{rel_page}: has a <script>")
        for r in p.rows:
            counts.append("\t".join([rel_page, r["fy"], r["office"], r["round"]] +
                                    [r.get(k, "?").strip().translate(THAI).replace(",", "")
                                     for k in KEYS]))
        for href in p.hrefs:
            nlinks += 1
            u = urlsplit(href)
            if u.scheme or u.netloc:
                problems.append(f"{rel_page}: link with a scheme or host: {href}")
                continue
            if not u.path:          # "#receipts"
                continue
            target = os.path.realpath(os.path.join(os.path.dirname(page), unquote(u.path)))
            if os.path.commonpath([out, target]) != out:
                problems.append(f"{rel_page}: link outside the output folder: {href}")
                continue
            if not os.path.isfile(target):
                problems.append(f"{rel_page}: link to a file that is not there: {href}")
                continue
            if u.fragment.startswith("page="):
                if target not in pdf_pages:
                    info = subprocess.run(["pdfinfo", target], capture_output=True,
                                          text=True).stdout
                    pdf_pages[target] = int(([l.split()[1] for l in info.splitlines()
                                              if l.startswith("Pages:")] or ["0"])[0])
                n = u.fragment[len("page="):]
                if not n.isdigit() or not 1 <= int(n) <= pdf_pages[target]:
                    problems.append(f"{rel_page}: link to page {n} of a PDF of "
                                    f"{pdf_pages[target]}: {href}")
            linked.add(target)
            if target.endswith(".html"):
                todo.append(target)
    files = 0
    for top in ("reports", "receipts"):
        for d, _, names in os.walk(os.path.join(out, top)):
            for n in names:
                if n == "index.html":
                    continue
                files += 1
                path = os.path.realpath(os.path.join(d, n))
                if path not in linked:
                    problems.append("not linked from any index: " + os.path.relpath(path, out))
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("".join(c + "\n" for c in counts))
    for p in problems:
        print("problem:", p)
    print("pages", len(pages))
    print("links", nlinks)
    print("files", files)
    return 1 if problems else 0


sys.exit(main())
