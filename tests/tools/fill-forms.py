#!/usr/bin/env python3
"""Fill the CSV and XML templates that `tidtam forms` wrote, as a school would.

Usage: fill-forms.py VALUES.tsv FORMS-DIR OUT-DIR ROUND SCHOOLS
VALUES.tsv (from fill-forms) gives every value; SCHOOLS is how many schools
fill the long CSV and their XML form (the wide CSV gets them all).  A cell
VALUES.tsv has no value for stays empty, and a school with no value at all
leaves its row of the wide CSV as the blank form has it.  Writes
OUT-DIR/long.csv, OUT-DIR/wide.csv and OUT-DIR/xml/<unit>.xml, keeping the
templates' encoding (UTF-8 with BOM), header rows and column order.
"""
import csv
import glob
import os
import re
import sys
from xml.sax.saxutils import escape

values_tsv, forms, out, round_, schools = sys.argv[1:6]
schools = int(schools)
values = {}
for line in open(values_tsv, encoding="utf-8"):
    unit, ind, part, text = line.rstrip("\n").split("\t")
    values[(unit, ind, part)] = text
units = sorted({u for u, _, _ in values})
os.makedirs(os.path.join(out, "xml"), exist_ok=True)
fy = os.path.basename(os.path.normpath(forms))

# long: the template's rows, copied once per school with its values
with open(os.path.join(forms, f"long-{fy}.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
col = {name: i for i, name in enumerate(header)}
with open(os.path.join(out, "long.csv"), "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    for unit in units[:schools]:
        for row in body:
            ind = row[col["รหัสตัวชี้วัด"]]
            if not any((unit, ind, p) in values for p in ("value", "numerator")):
                continue
            row = list(row)
            row[col["รหัสโรงเรียน"]] = unit
            row[col["รอบ"]] = round_
            row[col["ค่า"]] = values.get((unit, ind, "value"), "")
            row[col["ตัวตั้ง"]] = values.get((unit, ind, "numerator"), "")
            row[col["ตัวหาร"]] = values.get((unit, ind, "denominator"), "")
            w.writerow(row)

# wide: every school's row of the template filled in, column by column;
# a column's indicator is found through the long template (code -> name)
name_to_code = {row[col["ชื่อตัวชี้วัด"]]: row[col["รหัสตัวชี้วัด"]] for row in body}
with open(os.path.join(forms, f"wide-{fy}.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
header = rows[0]
with open(os.path.join(out, "wide.csv"), "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    for row in rows[1:]:
        unit = row[0]
        if not any(k[0] == unit for k in values):
            w.writerow(row)  # a school that fills nothing leaves its row blank
            continue
        row[header.index("รอบ")] = round_
        for i, title in enumerate(header):
            m = re.fullmatch(r"(.*) \((ตัวตั้ง|ตัวหาร)\)", title)
            name, part = (m.group(1), "numerator" if m.group(2) == "ตัวตั้ง" else "denominator") \
                if m else (title, "value")
            if name in name_to_code:
                row[i] = values.get((unit, name_to_code[name], part), "")
        w.writerow(row)

# xml: the skeleton's empty values and attributes filled in
for unit in units[:schools]:
    text = open(os.path.join(forms, "xml", f"{unit}.xml"), encoding="utf-8").read()
    text = text.replace('round=""', f'round="{round_}"', 1)
    # an indicator the school has no value for (not due in the round) stays empty
    def fill_value(m):
        ind = m.group(1)
        return f'<value indicator="{ind}">{escape(values.get((unit, ind, "value"), ""))}</value>'
    def fill_parts(m):
        ind = m.group(1)
        return (f'<value indicator="{ind}" numerator="{values.get((unit, ind, "numerator"), "")}"'
                f' denominator="{values.get((unit, ind, "denominator"), "")}"/>')
    text = re.sub(r'<value indicator="([^"]+)"></value>', fill_value, text)
    text = re.sub(r'<value indicator="([^"]+)" numerator="" denominator=""/>', fill_parts, text)
    open(os.path.join(out, "xml", f"{unit}.xml"), "w", encoding="utf-8").write(text)
