#!/usr/bin/env python3
"""A small office unlike the demo, for the report tests.

Usage: gen-small-office.py OUTPUT_DIR [FY[:ROUNDS] ...]   (default: 2567)

A secondary office (code 2032) with twelve schools under it directly (no
networks, 6-digit codes), its own indicator codes, reporting rounds at 6
and 12 months only, no projects file.  Each fiscal year named gets its
framework and a long CSV per round; FY:6 stops the year after its 6-month
round (a year in progress).  From the second year on the framework changes:
M-STUD is renamed and gets another target, M-LEVEL is dropped and M-READ is
added.  Fixed seed: the same arguments give the same files.
"""
import os
import random
import sys

out = sys.argv[1]
years = sys.argv[2:] or ["2567"]
rng = random.Random(20)


def w(path, text):
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


SCHOOLS = [("%06d" % (320100 + i), "โรงเรียนมัธยมทดสอบ %d" % i) for i in range(1, 13)]
w("units/units.csv", "code,name,kind,parent\n"
  "2032,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาทดสอบ,office,\n" +
  "".join("%s,%s,school,2032\n" % s for s in SCHOOLS))


def indicators(first):
    ind = ['<indicator code="M-DROP" name="อัตราการออกกลางคันของนักเรียนมัธยมศึกษา" unit="ร้อยละ"'
           ' type="percent" aggregation="ratio" cumulative="true" target="0.8" direction="lower"'
           ' group="G1" rounds="6 12"/>']
    if first:
        ind.append('<indicator code="M-LEVEL" name="ระดับความสำเร็จของการจัดการเรียนรู้เชิงรุก"'
                   ' unit="ระดับ" type="level" aggregation="mean" target="3.5" group="G1"'
                   ' rounds="6 12"/>')
        ind.append('<indicator code="M-STUD" name="จำนวนนักเรียนที่ได้รับการแนะแนวศึกษาต่อ"'
                   ' unit="คน" type="number" aggregation="sum" cumulative="true" target="15000"'
                   ' group="G1" rounds="6 12"/>')
    else:
        ind.append('<indicator code="M-READ" name="ร้อยละของนักเรียนที่อ่านคล่องเขียนคล่อง"'
                   ' unit="ร้อยละ" type="percent" aggregation="ratio" target="90" group="G1"'
                   ' rounds="6 12"/>')
        ind.append('<indicator code="M-STUD" name="จำนวนนักเรียนที่ได้รับการแนะแนวอาชีพ"'
                   ' unit="คน" type="number" aggregation="sum" cumulative="true" target="18000"'
                   ' group="G1" rounds="6 12"/>')
    ind.append('<indicator code="M-NOTE" name="ผลการดำเนินงานด้านคุณภาพผู้เรียน" unit="-"'
               ' type="text" aggregation="none" group="G1" rounds="12"/>')
    return "\n      ".join(ind)


for n, arg in enumerate(years):
    fy, _, last = arg.partition(":")
    fy, last = int(fy), int(last or 12)
    ce = fy - 543
    w("framework/%d.xml" % fy, """<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="%d">
  <title>กรอบการติดตามผลการดำเนินงาน สพม. ปีงบประมาณ พ.ศ. %d</title>
  <rounds>
    <round months="6" deadline="%d-04-15"/>
    <round months="12" deadline="%d-10-15"/>
  </rounds>
  <groups>
    <group code="G1" name="กลุ่มส่งเสริมการจัดการศึกษา"/>
  </groups>
  <policy-area code="A" name="ด้านคุณภาพผู้เรียนมัธยมศึกษา">
    <strategy code="A1" name="ยกระดับคุณภาพผู้เรียน">
      %s
    </strategy>
  </policy-area>
</framework>
""" % (fy, fy, ce, ce, indicators(n == 0)))
    enrolled = {code: rng.randint(1500, 1800) for code, _ in SCHOOLS}
    for m, day in ((6, "%d-04-10" % ce), (12, "%d-10-10" % ce)):
        if m > last:
            break
        rows = ["unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted"]
        for code, _ in SCHOOLS:
            # running totals since 1 October: the 12-month figures are the larger
            rows.append("%s,M-DROP,%d,%d,,%d,%d,,%s" % (code, fy, m, rng.randint(2, 7) * m // 6,
                                                       enrolled[code], day))
            if n == 0:
                rows.append("%s,M-LEVEL,%d,%d,%d,,,,%s" % (code, fy, m, rng.randint(2, 5), day))
            else:
                rows.append("%s,M-READ,%d,%d,,%d,%d,,%s" % (code, fy, m, rng.randint(140, 160),
                                                           160, day))
            rows.append("%s,M-STUD,%d,%d,%d,,,,%s" % (code, fy, m, enrolled[code] * m // 12, day))
            if m == 12:
                rows.append("%s,M-NOTE,%d,%d,จัดกิจกรรมแนะแนวครบทุกระดับชั้น,,,,%s"
                            % (code, fy, m, day))
        w("submissions/%d/long-%dm.csv" % (fy, m), "\n".join(rows) + "\n")
