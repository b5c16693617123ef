#!/usr/bin/env python3
"""Fail if any text tidtam stored or wrote is not valid UTF-8.

usage: check-utf8.py OUTPUT_DIR

Every TEXT value of every table of OUTPUT_DIR/tidtam.db is read as bytes
and decoded strictly; so is every .txt and .csv file under OUTPUT_DIR.
Prints one line per bad text and exits 1 if there is any.
"""
import os
import sqlite3
import sys


def bad_db_texts(path):
    db = sqlite3.connect(path)
    db.text_factory = bytes
    tables = [r[0].decode() for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    checked = 0
    for t in tables:
        cols = [r[1].decode() if isinstance(r[1], bytes) else r[1]
                for r in db.execute('PRAGMA table_info("%s")' % t)]
        for c in cols:
            q = 'SELECT rowid, "%s" FROM "%s" WHERE typeof("%s") = \'text\'' % (c, t, c)
            try:
                rows = db.execute(q).fetchall()
            except sqlite3.OperationalError:  # a table without rowid
                rows = db.execute('SELECT 0, "%s" FROM "%s" WHERE typeof("%s") = \'text\''
                                  % (c, t, c)).fetchall()
            for rowid, v in rows:
                checked += 1
                try:
                    v.decode('utf-8', 'strict')
                except UnicodeDecodeError as e:
                    yield '%s.%s row %s: %s: %r' % (t, c, rowid, e.reason, v[max(0, e.start - 12):e.end + 12])
    if not checked:
        yield 'no text in the database at all'


def bad_files(top):
    for root, _, files in os.walk(top):
        for f in files:
            if not f.endswith(('.txt', '.csv')):
                continue
            p = os.path.join(root, f)
            with open(p, 'rb') as fh:
                data = fh.read()
            try:
                data.decode('utf-8', 'strict')
            except UnicodeDecodeError as e:
                yield '%s: byte %d: %s' % (p, e.start, e.reason)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    out = sys.argv[1]
    bad = list(bad_db_texts(os.path.join(out, 'tidtam.db'))) + list(bad_files(out))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
