#!/usr/bin/env python3
"""Big inputs for `make bench`: a long CSV and a wide XLSX of about the sizes asked.

Usage: gen-bench.py csv PATH MEGABYTES | xlsx PATH MEGABYTES
Values are pseudo-random (fixed seed), so the XLSX compresses about as
real data does, and both files are the same on every run.
"""
import random
import sys
import zipfile

kind, path, megabytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = megabytes << 20
rng = random.Random(2567)
codes = [f"IND{i:02d}" for i in range(30)]

if kind == "csv":
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("รหัสโรงเรียน,ตัวชี้วัด,ปีงบประมาณ,รอบ,ค่า,หมายเหตุ\r\n")
        size, school = 0, 0
        while size < target:
            school += 1
            unit = 1000000000 + school
            lines = "".join(f"{unit},{c},2567,{rng.choice((3, 6, 9, 12))},{rng.randint(0, 99999)},\r\n"
                            for c in codes)
            f.write(lines)
            size += len(lines.encode())
    sys.exit(0)

rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="ข้อมูล" sheetId="1" r:id="s1"/></sheets></workbook>')
letters = [chr(65 + i) if i < 26 else "A" + chr(65 + i - 26) for i in range(34)]
with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
    f.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
    head = ["รหัสโรงเรียน", "ปีงบประมาณ", "รอบ"] + codes
    f.write(('<row r="1">' + "".join(f'<c r="{letters[i]}1" t="inlineStr"><is><t>{h}</t></is></c>'
                                     for i, h in enumerate(head)) + "</row>").encode())
    r = 1
    while True:
        chunk = []
        for _ in range(1000):
            r += 1
            cells = [f'<c r="A{r}"><v>{1000000000 + r}</v></c><c r="B{r}"><v>2567</v></c>'
                     f'<c r="C{r}"><v>{rng.choice((3, 6, 9, 12))}</v></c>']
            cells += [f'<c r="{letters[3 + i]}{r}"><v>{rng.randint(0, 99999)}</v></c>'
                      for i in range(len(codes))]
            chunk.append(f'<row r="{r}">' + "".join(cells) + "</row>")
        f.write("".join(chunk).encode())
        z.fp.flush()
        if z.fp.tell() >= target:
            break
    f.write(b"</sheetData></worksheet>")
z.close()
