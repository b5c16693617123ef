#!/usr/bin/env python3
"""Expectations of the annual report's dimension parts, executive summary and
synthesis, computed from the framework XML and the database alone, checked
against the report's text (pdftotext) and outline (qpdf --json).

Usage: check-synthesis.py dimensions|summary|synthesis FRAMEWORK.xml DB PDF
Prints a line per check: "ok WHAT" or "not WHAT: why".
"""
import json, re, sqlite3, subprocess, sys
import xml.etree.ElementTree as ET

NS = "{urn:tidtam:framework:1}"
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
SKIP = set(" \t\r\n.,;:!?\"'()-/\u200b\u200c\u200d\u201c\u201d\u00a0")


def framework(path):
    """dimensions [(code, name, title)], areas [(code, name, dim, [indicator attrs])]"""
    root = ET.parse(path).getroot()
    dims = [(d.get("code"), d.get("name"), d.get("title") or "ผลการดำเนินงานตาม" + d.get("name"))
            for d in root.iter(NS + "dimension")]
    areas = []
    for a in root.findall(NS + "policy-area"):
        inds = [i.attrib for i in a.iter(NS + "indicator")]
        areas.append((a.get("code"), a.get("name"), a.get("dimension"), inds))
    return dims, areas


def label(areas, k):
    """The area's heading: ด้านที่ N for the OBEC policy's, its name in another dimension."""
    code, name, dim, _ = areas[k]
    if dim:
        return name
    return "ด้านที่ %d %s" % (sum(1 for a in areas[:k + 1] if not a[2]), name)


def text(pdf):
    out = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").translate(ARABIC)


# the top and bottom margins (2 cm): the running heads (the page's number,
# the draft mark) are there, never the body
MARGIN = 2 * 72 / 2.54


def pages(pdf):
    """Each page's body text (spaces taken out) without its running heads,
    so that a line going on over a page break reads on."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out.decode("utf-8"))
    xh = "{http://www.w3.org/1999/xhtml}"
    res = []
    for page in root.iter(xh + "page"):
        h = float(page.get("height"))
        words = [w.text or "" for w in page.iter(xh + "word")
                 if MARGIN < (float(w.get("yMin")) + float(w.get("yMax"))) / 2 < h - MARGIN]
        res.append(squeeze("".join(words).translate(ARABIC)))
    return res


def squeeze(s):
    return "".join(c for c in s if not c.isspace())


def outline(pdf):
    out = subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf], capture_output=True,
                         check=True).stdout
    return [(o["title"].translate(ARABIC), [k["title"].translate(ARABIC) for k in o.get("kids", [])],
             o["destpageposfrom1"]) for o in json.loads(out)["outlines"]]


def section(pg, top, title):
    """The text of the section titled `title`, from its first page to the
    page before the next section's (spaces taken out)."""
    titles = [t for t, _, _ in top]
    i = titles.index(title)
    end = top[i + 1][2] - 1 if i + 1 < len(top) else len(pg)
    return "".join(pg[top[i][2] - 1:max(end, top[i][2])])


def say(ok, what, why=""):
    print(("ok " if ok else "not ") + what + ("" if ok else ": " + why))


def statuses(db, fy, months):
    """indicator -> (achieved, percent, value) at its latest round with a result."""
    con = sqlite3.connect(db)
    office = con.execute("SELECT code FROM unit WHERE kind = 'office'").fetchone()[0]
    out = {}
    for code, rnd, to_date, achieved, pct in con.execute(
            "SELECT indicator, round, to_date, achieved, percent_of_target FROM result"
            " WHERE unit_code = ? AND fiscal_year = ? AND round <= ? AND to_date IS NOT NULL"
            " ORDER BY indicator, round", (office, fy, months)):
        out[code] = (achieved, pct, to_date)
    return out


def dimensions(fw, db, pdf):
    dims, areas = framework(fw)
    top = outline(pdf)
    pg = pages(pdf)
    titles = [t for t, _, _ in top]
    contents = section(pg, top, "สารบัญ")
    say(len(dims) > 0, "the framework declares dimensions", "none")
    where = []
    for code, name, title in dims:
        mine = [a for a in areas if a[2] == code]
        if title not in titles:
            say(False, "dimension %s in the outline" % code, "no top-level entry '%s'" % title)
            continue
        where.append(titles.index(title))
        kids = top[titles.index(title)][1]
        want = [a[1] for a in mine]
        say(kids == want, "dimension %s's areas are its outline entries, in order" % code,
            "%s, want %s" % (kids, want))
        say(squeeze(title) in contents, "dimension %s's title in the contents" % code)
        for a in want:
            say(squeeze(a) in contents, "area '%s' of %s in the contents" % (a, code))
        part = section(pg, top, title)
        for a in mine:
            for ind in a[3]:
                say(ind["code"] in part and squeeze(ind["name"])[:20] in part,
                    "indicator %s's row in the part of %s" % (ind["code"], code))
    say(where == sorted(where), "the dimension parts in the framework's order", str(where))
    # the OBEC policy's part holds no indicator of another dimension
    policy = [t for t in titles if "นโยบาย" in t]
    if policy:
        part = section(pg, top, policy[0])
        for a in areas:
            for ind in a[3] if a[2] else []:
                say(ind["code"] not in part, "indicator %s not in the policy part" % ind["code"])


def summary(fw, db, pdf, fy):
    dims, areas = framework(fw)
    st = statuses(db, fy, 12)
    top = outline(pdf)
    part = section(pages(pdf), top, "บทสรุปสำหรับผู้บริหาร")
    say(len(part) > 0, "the executive summary found")
    order = {}
    for k, a in enumerate(areas):
        inds = [i for i in a[3] if i.get("target") is not None]
        got = [st[i["code"]] for i in inds if i["code"] in st and st[i["code"]][0] is not None]
        if not got:
            continue
        met = sum(1 for g in got if g[0])
        phrase = squeeze("%s บรรลุเป้าหมาย %d จาก %d ตัว" % (label(areas, k), met, len(got)))
        say(phrase in part, "summary: %s achieved %d of %d" % (a[0], met, len(got)),
            "no '%s'" % phrase)
    below = []
    for k, a in enumerate(areas):
        for i in a[3]:
            s = st.get(i["code"])
            if i.get("target") is not None and s and s[0] == 0 and s[1] is not None:
                below.append((s[1], len(below), i))
    below.sort(key=lambda b: (b[0], b[1]))
    if below:
        name = squeeze(below[0][2]["name"])
        at = part.find(squeeze("ตัวชี้วัดที่ยังห่างจากเป้าหมายมากที่สุด ได้แก่") + name)
        say(at >= 0, "summary: furthest below target is %s (%.1f %% of target)"
            % (below[0][2]["code"], below[0][0]), "not named first")
        target = below[0][2]["target"]
        say(at >= 0 and target in part[at:at + 400],
            "summary: %s's target %s given" % (below[0][2]["code"], target))


def said(db, fy, field):
    """The problems or suggestions gathered as the report does it, independently."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT n.indicator, s.round, trim(n.text), s.unit_code, u.kind, n.field FROM narrative n"
        " JOIN submission s ON s.id = n.submission_id JOIN unit u ON u.code = s.unit_code"
        " WHERE s.fiscal_year = ? AND s.round <= 12 AND s.status = 'accepted'"
        " AND s.superseded_by IS NULL AND n.field IN ('problems', 'suggestions')"
        " AND trim(n.text) <> ''", (fy,)).fetchall()
    # an indicator's latest round with a problem or a suggestion
    latest = {}
    for ind, rnd, _, _, _, _ in rows:
        latest[ind] = max(latest.get(ind, 0), rnd)
    groups = {}
    for ind, rnd, t, unit, kind, f in rows:
        if rnd != latest[ind] or f != field:
            continue
        key = "".join(c for c in t if c not in SKIP).lower()
        g = groups.setdefault(key, [t, set()])
        g[0] = min(g[0], t)
        g[1].add(unit)
    return sorted(((len(u), t) for t, u in groups.values()), key=lambda x: (-x[0], x[1]))


def synthesis(fw, db, pdf, fy):
    top = outline(pdf)
    full = text(pdf)
    title = [t for t, _, _ in top if t.startswith("สรุปผลการดำเนินงาน")]
    say(len(title) == 1, "the synthesis section in the outline")
    if not title:
        return
    kids = [k for t, k, _ in top if t == title[0]][0]
    part = section(pages(pdf), top, title[0])
    for field, head in (("problems", "ปัญหาอุปสรรคภาพรวม"), ("suggestions", "ข้อเสนอแนะภาพรวม")):
        items = said(db, fy, field)
        say((head in kids) == bool(items), "synthesis: part '%s' there when texts were sent" % head)
        if not items:
            continue
        last = part.find(squeeze(head))
        for n, t in items[:10]:
            want = squeeze(t) + ("(%dโรงเรียน)" % n if n > 1 else "")
            pos = part.find(want, last)
            say(pos > last, "synthesis %s in frequency order: '%s' (%d)" % (field, t[:30], n),
                "not found after the one before")
            if pos > last:
                last = pos
    for one in ("(๑ หน่วยงาน)", "(1 หน่วยงาน)", "(1 โรงเรียน)"):
        say(one.translate(ARABIC) not in full, "no '%s' in the report" % one)


if __name__ == "__main__":
    what, fw, db, pdf = sys.argv[1:5]
    fy = int(re.search(r"fiscal-year=\"(\d+)\"", open(fw, encoding="utf-8").read()).group(1))
    if what == "dimensions":
        dimensions(fw, db, pdf)
    elif what == "summary":
        summary(fw, db, pdf, fy)
    else:
        synthesis(fw, db, pdf, fy)
