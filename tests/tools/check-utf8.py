#!/usr/bin/env python3
"""Check that every text an output folder holds is valid UTF-8:

    check-utf8.py OUTPUT_DIR...

- every text column of every table of every SQLite database (*.db);
- every .txt, .csv, .xml, .json file as it is;
- every .pdf as pdftotext gives it back (the text it shows and copies);
- every .xlsx part.

Prints one line per bad text (file, where, the bytes around the fault) and
a last line "checked N texts in M files"; exits 1 when any is bad.
"""
import os, sqlite3, subprocess, sys, zipfile

bad, texts, files = [], 0, 0


def check(data, where):
    global texts
    texts += 1
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s: invalid UTF-8 at byte %d: %r" % (where, e.start, data[max(0, e.start - 12):e.end + 12]))


def check_db(path):
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    con.text_factory = bytes
    tables = [r[0].decode() for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for t in tables:
        info = list(con.execute('PRAGMA table_info("%s")' % t))
        cols = [r[1].decode() for r in info]
        # a row named by its rowid, or by its primary key in a WITHOUT ROWID table
        key = [r[1].decode() for r in sorted(info, key=lambda r: r[5]) if r[5]]
        without_rowid = b"WITHOUT ROWID" in (con.execute(
            "SELECT upper(sql) FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] or b"")
        name = (" || ' ' || ".join('quote("%s")' % k for k in key)
                if without_rowid else "rowid")
        for c in cols:
            for row, v in con.execute('SELECT %s, "%s" FROM "%s" WHERE typeof("%s") = \'text\'' % (name, c, t, c)):
                check(v, "%s: %s.%s %s %s" % (path, t, c, "key" if without_rowid else "rowid", row))
    con.close()


for top in sys.argv[1:]:
    for d, _, names in os.walk(top):
        for n in sorted(names):
            p = os.path.join(d, n)
            ext = os.path.splitext(n)[1].lower()
            if ext == ".db":
                check_db(p)
            elif ext in (".txt", ".csv", ".xml", ".json"):
                check(open(p, "rb").read(), p)
            elif ext == ".pdf":
                r = subprocess.run(["pdftotext", "-enc", "UTF-8", p, "-"], capture_output=True)
                if r.returncode:
                    bad.append("%s: pdftotext failed" % p)
                check(r.stdout, p + " (pdftotext)")
            elif ext == ".xlsx":
                with zipfile.ZipFile(p) as z:
                    for part in z.namelist():
                        if part.endswith((".xml", ".rels")):
                            check(z.read(part), "%s:%s" % (p, part))
            else:
                continue
            files += 1
for b in bad:
    print(b)
print("checked %d texts in %d files" % (texts, files))
sys.exit(1 if bad else 0)
