#!/usr/bin/env python3
"""Big inputs for `make bench`: a long CSV and a wide XLSX of about the sizes asked.

Usage: gen-bench.py csv PATH MEGABYTES | xlsx PATH MEGABYTES | office DIR SCHOOLS
"office" writes a whole drop folder: a framework of 30 indicators (with
per-indicator rules and two cross-value rules), one office, a network per
100 schools, and a wide sheet per round with every school's 30 values.
Values are pseudo-random (fixed seed), so the XLSX compresses about as
real data does, and both files are the same on every run.
"""
import random
import sys
import zipfile

kind, path, megabytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = megabytes << 20
rng = random.Random(2567)

if kind == "office":
    import os
    schools = megabytes
    os.makedirs(f"{path}/framework", exist_ok=True)
    os.makedirs(f"{path}/units", exist_ok=True)
    os.makedirs(f"{path}/submissions", exist_ok=True)
    inds = []
    for i in range(30):
        typ = ("number", "level", "percent", "yesno")[i % 4]
        agg = {"number": "sum", "level": "mean", "percent": "ratio", "yesno": "count-yes"}[typ]
        extra = ' jump="5"' if typ == "number" else ""
        extra += ' cumulative="true"' if i % 8 == 0 else ""
        inds.append((f"B{i:02d}", typ, agg, extra))
    with open(f"{path}/framework/2567.xml", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<framework xmlns="urn:tidtam:framework:1" fiscal-year="2567">\n'
                "  <title>กรอบทดสอบความเร็ว</title>\n  <rounds>\n")
        for m, d in ((3, "2024-01-15"), (6, "2024-04-15"), (9, "2024-07-15"), (12, "2024-10-15")):
            f.write(f'    <round months="{m}" deadline="{d}"/>\n')
        f.write('  </rounds>\n  <groups>\n    <group code="G" name="กลุ่ม"/>\n  </groups>\n'
                '  <policy-area code="P" name="ด้าน">\n    <strategy code="S" name="กลยุทธ์">\n')
        for code, typ, agg, extra in inds:
            f.write(f'      <indicator code="{code}" name="ตัวชี้วัด {code}" unit="หน่วย" type="{typ}"'
                    f' aggregation="{agg}" target="1" group="G"{extra}/>\n')
        f.write("    </strategy>\n  </policy-area>\n  <rules>\n"
                '    <rule code="R-B00" test="B00 &lt;= B04 × 100"><message lang="th">เกิน</message></rule>\n'
                '    <rule code="W-B01" severity="warning" test="B01 ≥ 2 when B03 = yes">'
                '<message lang="th">ต่ำ</message></rule>\n  </rules>\n</framework>\n')
    with open(f"{path}/units/units.csv", "w", encoding="utf-8") as f:
        f.write("code,name,kind,parent\n9999,สำนักงานทดสอบ,office,\n")
        for n in range((schools + 99) // 100):
            f.write(f"9999-N{n:03d},เครือข่าย {n},network,9999\n")
        for k in range(schools):
            f.write(f"{2000000000 + k},โรงเรียน {k},school,9999-N{k // 100:03d}\n")
    for q, months in enumerate((3, 6, 9, 12), 1):
        with open(f"{path}/submissions/wide-{months}.csv", "w", encoding="utf-8") as f:
            f.write("รหัสโรงเรียน,ปีงบประมาณ,รอบ,วันที่ส่ง," + ",".join(
                f"{c}.num,{c}.den" if t == "percent" else c for c, t, _, _ in inds) + "\n")
            for k in range(schools):
                row = [str(2000000000 + k), "2567", str(months), "2024-0%d-01" % (q * 3 - 2 if q < 4 else 9)]
                for i, (c, t, _, extra) in enumerate(inds):
                    if t == "number" and "cumulative" in extra:
                        # a running total: the same pace for the school every quarter
                        row.append(str(random.Random(k * 100 + i).randint(0, 50) * q))
                    elif t == "number":
                        row.append(str(rng.randint(0, 50)))
                    elif t == "level":
                        row.append(str(rng.randint(1, 5)))
                    elif t == "percent":
                        d = rng.randint(20, 60)
                        row += [str(rng.randint(0, d)), str(d)]
                    else:
                        row.append(rng.choice(("yes", "no")))
                f.write(",".join(row) + "\n")
    sys.exit(0)
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
