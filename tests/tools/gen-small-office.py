#!/usr/bin/env python3
"""A small office unlike the demo, for the report tests.

Usage: gen-small-office.py OUTPUT_DIR [FY[:ROUNDS] ...]   (default: 2567)
       gen-small-office.py --networks OUTPUT_DIR              (FY 2568)

A secondary office (code 2032) with twelve schools under it directly (no
networks, 6-digit codes), its own indicator codes, reporting rounds at 6
and 12 months only, no projects file.  Each fiscal year named gets its
framework and a long CSV per round; FY:6 stops the year after its 6-month
round (a year in progress).  From the second year on the framework changes:
M-STUD is renamed and gets another target, M-LEVEL is dropped and M-READ is
added.  Fixed seed: the same arguments give the same files.

--networks writes another office (code 4021): fifteen schools with
10-digit codes in three networks, rounds at 3, 6, 9 and 12 months, and a
framework whose headline indicators are reported at 6 and 12 months only,
whose policy area E has nothing at 3 months, with targets written 85, 4,
20 (a number averaged over schools), 12.5 and 5 and a yes/no indicator
(มี/ไม่มี).  Planted: school 1040210003 sends at 3 months an indicator not
reported then (E-ROUND), and a fix the same day; school 1040210008 sends at
12 months a level of 7 (E-RANGE) and a fix, both late, the fix's name
sorting before the file it fixes; school 1040210013 answers "maybe" in the
GOODPRAC column of network K3's 6-month wide sheet (E-TYPE), never fixed.
"""
import os
import random
import sys

if sys.argv[1:2] == ["--networks"]:
    NETWORKS = True
    out = sys.argv[2]
    years = []
else:
    NETWORKS = False
    out = sys.argv[1]
    years = sys.argv[2:] or ["2567"]
rng = random.Random(20)


def w(path, text):
    path = os.path.join(out, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def networks_office():
    fy, ce = 2568, 2025
    office = "4021"
    nets = [("4021-K%d" % k, "กลุ่มเครือข่ายส่งเสริมประสิทธิภาพการจัดการศึกษาทดสอบที่ %d" % k)
            for k in (1, 2, 3)]
    schools = [("10402100%02d" % i, "โรงเรียนบ้านทดสอบเครือข่าย %d" % i, nets[(i - 1) // 5][0])
               for i in range(1, 16)]
    w("units/units-4021.csv", "code,name,kind,parent\n"
      "%s,สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต 2,office,\n" % office +
      "".join("%s,%s,network,%s\n" % (c, n, office) for c, n in nets) +
      "".join("%s,%s,school,%s\n" % s for s in schools))
    ind = [
        # area L: the headline indicators, at 6 and 12 months only
        ("L", "L1", '<indicator code="LRN01" name="ร้อยละของนักเรียนชั้นประถมศึกษาปีที่ 3 ที่อ่านคล่อง"'
         ' unit="ร้อยละ" type="percent" aggregation="ratio" target="85" group="ACD"'
         ' rounds="6 12" headline="1"/>'),
        ("L", "L1", '<indicator code="LRN02" name="ระดับความสำเร็จของการจัดการเรียนรู้ที่เน้นทักษะการคิด"'
         ' unit="ระดับ" type="level" aggregation="mean" target="4" group="ACD"'
         ' rounds="6 12" headline="2"/>'),
        ("L", "L1", '<indicator code="LRN03" name="คะแนนเฉลี่ยการทดสอบความสามารถด้านการอ่านของโรงเรียน"'
         ' unit="คะแนน" type="number" aggregation="mean" target="20" group="ACD"'
         ' rounds="6 12" headline="3"/>'),
        ("L", "L2", '<indicator code="HLT01" name="ร้อยละของนักเรียนที่มีภาวะโภชนาการเกิน"'
         ' unit="ร้อยละ" type="percent" aggregation="ratio" target="12.5" direction="lower"'
         ' group="ACD" rounds="3 6 9 12"/>'),
        # area E: nothing at 3 months
        ("E", "E1", '<indicator code="EQ01" name="ร้อยละของนักเรียนยากจนที่ได้รับทุนการศึกษา"'
         ' unit="ร้อยละ" type="percent" aggregation="ratio" target="90" group="ACD"'
         ' rounds="6 12"/>'),
        ("E", "E1", '<indicator code="EQ02" name="ผลการดำเนินงานด้านความเสมอภาคทางการศึกษา"'
         ' unit="-" type="text" aggregation="none" group="ACD" rounds="12"/>'),
        ("M", "M1", '<indicator code="MGT01" name="จำนวนนวัตกรรมการบริหารที่สถานศึกษาพัฒนาขึ้น"'
         ' unit="ชิ้นงาน" type="number" aggregation="sum" cumulative="true" target="5"'
         ' group="PLN" rounds="3 6 9 12"/>'),
        ("M", "M1", '<indicator code="GOODPRAC" name="สถานศึกษามีแนวปฏิบัติที่ดีด้านการบริหารจัดการ"'
         ' unit="โรง" type="yesno" aggregation="count-yes" target="12" group="PLN"'
         ' rounds="6 12"/>'),
    ]
    areas = [("L", "ด้านคุณภาพผู้เรียน", [("L1", "ยกระดับผลสัมฤทธิ์ทางการเรียน"),
                                          ("L2", "ส่งเสริมสุขภาวะของผู้เรียน")]),
             ("E", "ด้านความเสมอภาคทางการศึกษา", [("E1", "ลดความเหลื่อมล้ำทางการศึกษา")]),
             ("M", "ด้านการบริหารจัดการ", [("M1", "พัฒนาการบริหารจัดการสถานศึกษา")])]
    body = ""
    for a, aname, strats in areas:
        body += '  <policy-area code="%s" name="%s">\n' % (a, aname)
        for st, sname in strats:
            body += '    <strategy code="%s" name="%s">\n' % (st, sname)
            body += "".join("      %s\n" % x for (pa, sa, x) in ind if sa == st)
            body += "    </strategy>\n"
        body += "  </policy-area>\n"
    w("framework/%d.xml" % fy, """<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:tidtam:framework:1" fiscal-year="%d">
  <title>กรอบการติดตามและประเมินผลการดำเนินงาน ปีงบประมาณ พ.ศ. %d</title>
  <rounds>
    <round months="3" deadline="%d-01-15"/>
    <round months="6" deadline="%d-04-15"/>
    <round months="9" deadline="%d-07-15"/>
    <round months="12" deadline="%d-10-15"/>
  </rounds>
  <groups>
    <group code="ACD" name="กลุ่มส่งเสริมการจัดการศึกษา"/>
    <group code="PLN" name="กลุ่มนโยบายและแผน"/>
  </groups>
%s</framework>
""" % (fy, fy, ce, ce, ce, ce, body))

    due = {3: ["HLT01", "MGT01"],
           6: ["LRN01", "LRN02", "LRN03", "HLT01", "EQ01", "MGT01", "GOODPRAC"],
           9: ["HLT01", "MGT01"],
           12: ["LRN01", "LRN02", "LRN03", "HLT01", "EQ01", "EQ02", "MGT01", "GOODPRAC"]}
    month = {3: "%d-01" % ce, 6: "%d-04" % ce, 9: "%d-07" % ce, 12: "%d-10" % ce}
    pupils = {c: rng.randint(40, 90) for c, _, _ in schools}
    innov = {c: 0 for c, _, _ in schools}

    def values(code, m):
        """The school's row fields (value, numerator, denominator) per indicator of round m."""
        v = {}
        for i in due[m]:
            if i in ("LRN01", "EQ01"):
                d = pupils[code] if i == "LRN01" else rng.randint(5, 15)
                v[i] = ("", str(rng.randint(d * 6 // 10, d)), str(d))
            elif i == "HLT01":
                v[i] = ("", str(rng.randint(2, 14)), str(pupils[code]))
            elif i == "LRN02":
                v[i] = (str(rng.randint(2, 5)), "", "")
            elif i == "LRN03":
                v[i] = ("%.1f" % rng.uniform(12, 28), "", "")
            elif i == "MGT01":
                innov[code] += rng.randint(0, 1) if m < 12 or innov[code] else 1
                v[i] = (str(innov[code]), "", "")
            elif i == "GOODPRAC":
                v[i] = (rng.choice(["มี", "มี", "ไม่มี"]), "", "")
            elif i == "EQ02":
                v[i] = ("มอบทุนและติดตามนักเรียนยากจนทุกคน", "", "")
        return v

    head = "unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted"

    def long_rows(code, m, v, day):
        return ["%s,%s,%d,%d,%s,%s,%s,,%s" % (code, i, fy, m, x[0], x[1], x[2], day)
                for i, x in v.items()]

    for m in (3, 6, 9, 12):
        for k, (net, _) in enumerate(nets):
            day = "%s-%02d" % (month[m], 5 + k)
            members = [c for c, _, n in schools if n == net]
            if m == 6 and k == 2:
                # network K3 sends a wide sheet at 6 months, indicators as columns
                cols = due[6]
                rows = ["รหัสโรงเรียน,ปีงบประมาณ,รอบ,วันที่ส่ง," + ",".join(cols)]
                for c in members:
                    v = values(c, m)
                    cells = ["%s/%s" % (v[i][1], v[i][2]) if v[i][1] else v[i][0] for i in cols]
                    if c == "1040210013":
                        cells[cols.index("GOODPRAC")] = "maybe"
                    rows.append("%s,%d,%d,%s," % (c, fy, m, day) + ",".join(cells))
                w("submissions/%d/%dm/K3-wide-%dm.csv" % (fy, m, m), "\n".join(rows) + "\n")
                continue
            rows = [head]
            for c in members:
                v = values(c, m)
                if (c, m) == ("1040210003", 3):
                    # a 6-month indicator sent at 3 months, then the file again without it
                    bad = dict(v)
                    bad["LRN01"] = ("", "30", str(pupils[c]))
                    w("submissions/%d/%dm/%s-r%d.csv" % (fy, m, c, m),
                      "\n".join([head] + long_rows(c, m, bad, day)) + "\n")
                    w("submissions/%d/%dm/%s-r%d-fix.csv" % (fy, m, c, m),
                      "\n".join([head] + long_rows(c, m, v, day)) + "\n")
                    continue
                if (c, m) == ("1040210008", 12):
                    # a level of 7, then the fix; both after the deadline
                    late = "%d-10-20" % ce
                    bad = dict(v)
                    bad["LRN02"] = ("7", "", "")
                    w("submissions/%d/%dm/%s-r%d.csv" % (fy, m, c, m),
                      "\n".join([head] + long_rows(c, m, bad, late)) + "\n")
                    w("submissions/%d/%dm/%s-r%d-fix.csv" % (fy, m, c, m),
                      "\n".join([head] + long_rows(c, m, v, late)) + "\n")
                    continue
                rows += long_rows(c, m, v, day)
            w("submissions/%d/%dm/%s-%dm.csv" % (fy, m, net[-2:], m), "\n".join(rows) + "\n")


if NETWORKS:
    networks_office()
    sys.exit(0)

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
