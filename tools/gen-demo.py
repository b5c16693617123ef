#!/usr/bin/env python3
"""Generate the demo input of tidtam: one primary area office, FY 2567.

Deterministic (fixed seed): running it again writes the same files.
School names come from Thai Wikipedia's lists of schools in Buriram
(Thai Wikipedia contributors, CC BY-SA 4.0), from tests/corpora.
Usage: tools/gen-demo.py [SCHOOLS_CSV] [OUTPUT_DIR]
"""
import csv, os, random, sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "tests/corpora/thai/schools-wikipedia/buriram.csv"
OUT = sys.argv[2] if len(sys.argv) > 2 else "input"
rng = random.Random(2567)
OFFICE = "3101"
OFFICE_NAME = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์ เขต 1"
NETWORKS = [  # (code suffix, district, name, how many schools)
    ("N01", "เมืองบุรีรัมย์", "เครือข่ายพัฒนาคุณภาพการศึกษาเมืองบุรีรัมย์ 1", 20),
    ("N02", "เมืองบุรีรัมย์", "เครือข่ายพัฒนาคุณภาพการศึกษาเมืองบุรีรัมย์ 2", 20),
    ("N03", "กระสัง", "เครือข่ายพัฒนาคุณภาพการศึกษากระสัง", 20),
    ("N04", "ลำปลายมาศ", "เครือข่ายพัฒนาคุณภาพการศึกษาลำปลายมาศ", 20),
    ("N05", "ประโคนชัย", "เครือข่ายพัฒนาคุณภาพการศึกษาประโคนชัย", 20),
    ("N06", "สตึก", "เครือข่ายพัฒนาคุณภาพการศึกษาสตึก", 19),
    ("N07", "คูเมือง", "เครือข่ายพัฒนาคุณภาพการศึกษาคูเมือง", 17),
]
# (code, name, unit, type, aggregation, cumulative, target, direction, group, submitter, rounds, channel)
# channel: which kind of file carries it: wide CSV, long CSV, XML form, office long CSV
AREAS = [
  ("P1", "ด้านความปลอดภัย", [("P1S1", "สร้างความปลอดภัยให้ผู้เรียน ครู และสถานศึกษา", [
    ("SAFE01", "ระดับความสำเร็จของการดำเนินงานตามมาตรการความปลอดภัยในสถานศึกษา", "ระดับ", "level", "mean", False, 4, "higher", "SUP", "school", "3 6 9 12", "form"),
    ("SAFE02", "สถานศึกษามีแผนเผชิญเหตุและซ้อมแผนอย่างน้อยปีละครั้ง", "โรง", "yesno", "count-yes", False, 130, "higher", "SUP", "school", "6 12", "form"),
    ("SAFE03", "จำนวนนักเรียนที่ได้รับอุบัติเหตุในสถานศึกษา", "คน", "number", "sum", False, 20, "lower", "SUP", "school", "3 6 9 12", "form"),
    ("SAFE04", "ร้อยละของนักเรียนที่ได้รับการคัดกรองสุขภาพจิต", "ร้อยละ", "percent", "ratio", True, 90, "higher", "SUP", "school", "3 6 9 12", "long"),
    ("SAFE05", "จำนวนเหตุการณ์การกลั่นแกล้งรังแกที่ได้รับการแก้ไข", "ครั้ง", "number", "sum", False, 50, "higher", "SUP", "school", "3 6 9 12", "form"),
    ("SAFE06", "ผลการดำเนินงานด้านความปลอดภัยของสถานศึกษา", "-", "text", "none", False, None, "higher", "SUP", "school", "6 12", "form"),
  ])]),
  ("P2", "ด้านโอกาสและการลดความเหลื่อมล้ำทางการศึกษา", [("P2S1", "เพิ่มโอกาสการเข้าถึงการศึกษาที่มีคุณภาพ", [
    ("OPP01", "ระดับความสำเร็จของการดำเนินการพาน้องกลับมาเรียน", "ระดับ", "level", "mean", False, 4, "higher", "PROM", "school", "3 6 9 12", "wide"),
    ("OPP02", "จำนวนเด็กตกหล่นและออกกลางคันที่ได้รับการติดตามกลับเข้าเรียน", "คน", "number", "sum", True, 150, "higher", "PROM", "school", "3 6 9 12", "wide"),
    ("OPP03", "ร้อยละของนักเรียนยากจนพิเศษที่ได้รับทุนเสมอภาค", "ร้อยละ", "percent", "ratio", True, 95, "higher", "PROM", "school", "3 6 9 12", "long"),
    ("OPP04", "สถานศึกษามีระบบดูแลช่วยเหลือนักเรียนที่เป็นปัจจุบัน", "โรง", "yesno", "count-yes", False, 125, "higher", "PROM", "school", "3 6 9 12", "wide"),
    ("OPP05", "จำนวนนักเรียนพิการเรียนร่วมที่ได้รับสิ่งอำนวยความสะดวก", "คน", "number", "sum", True, 300, "higher", "PROM", "school", "3 6 9 12", "wide"),
    ("OPP06", "อัตราการออกกลางคันของนักเรียน", "ร้อยละ", "percent", "ratio", True, 0.5, "lower", "PROM", "school", "6 12", "long"),
  ])]),
  ("P3", "ด้านคุณภาพ", [("P3S1", "พัฒนาคุณภาพผู้เรียนและการจัดการเรียนรู้", [
    ("QUAL01", "ร้อยละของนักเรียนชั้นประถมศึกษาปีที่ 1 ที่อ่านออกเขียนได้", "ร้อยละ", "percent", "ratio", True, 85, "higher", "ACAD", "school", "3 6 9 12", "long"),
    ("QUAL02", "ระดับความสำเร็จของการจัดการเรียนรู้เชิงรุก (Active Learning)", "ระดับ", "level", "mean", False, 4, "higher", "ACAD", "school", "3 6 9 12", "wide"),
    ("QUAL03", "จำนวนครูที่ได้รับการพัฒนาตามหลักสูตรที่ได้รับการรับรอง", "คน", "number", "sum", True, 600, "higher", "PERS", "school", "3 6 9 12", "wide"),
    ("QUAL04", "ร้อยละของนักเรียนที่มีผลการทดสอบ NT ด้านคณิตศาสตร์ระดับดีขึ้นไป", "ร้อยละ", "percent", "mean", False, 50, "higher", "ACAD", "school", "12", "long"),
    ("QUAL05", "สถานศึกษาจัดการเรียนรู้ประวัติศาสตร์และหน้าที่พลเมือง", "โรง", "yesno", "count-yes", False, 136, "higher", "ACAD", "school", "6 12", "wide"),
    ("QUAL06", "คะแนนเฉลี่ยต่ำสุดของการประเมินคุณภาพภายในของสถานศึกษา", "คะแนน", "number", "min", False, 60, "higher", "ACAD", "school", "12", "wide"),
    ("QUAL07", "คะแนนสูงสุดของการประกวดผลงานนวัตกรรมการจัดการเรียนรู้", "คะแนน", "number", "max", False, 90, "higher", "ACAD", "school", "12", "wide"),
  ])]),
  ("P4", "ด้านประสิทธิภาพ", [("P4S1", "บริหารจัดการอย่างมีประสิทธิภาพ", [
    ("EFF01", "ร้อยละการเบิกจ่ายงบประมาณของสำนักงานเขตพื้นที่การศึกษา", "ร้อยละ", "percent", "ratio", True, 80, "higher", "FIN", "office", "3 6 9 12", "office"),
    ("EFF02", "ระดับความสำเร็จของการนิเทศ ติดตามและประเมินผล", "ระดับ", "level", "mean", False, 4, "higher", "SUP", "office", "3 6 9 12", "office"),
    ("EFF03", "จำนวนครั้งของการนิเทศสถานศึกษา", "ครั้ง", "number", "sum", False, 280, "higher", "SUP", "office", "3 6 9 12", "office"),
    ("EFF04", "สำนักงานเขตพื้นที่ผ่านการประเมิน ITA", "แห่ง", "yesno", "count-yes", False, 1, "higher", "ADMIN", "office", "12", "office"),
    ("EFF05", "ระดับความสำเร็จของการใช้ระบบสารสนเทศในการบริหารสถานศึกษา", "ระดับ", "level", "mean", False, 3, "higher", "PLAN", "school", "3 6 9 12", "wide"),
    ("EFF06", "จำนวนสถานศึกษาขนาดเล็กที่บริหารจัดการแบบควบรวม", "โรง", "number", "sum", True, 10, "higher", "PLAN", "school", "6 12", "wide"),
    ("EFF07", "ผลการดำเนินงานด้านประสิทธิภาพของสำนักงานเขตพื้นที่", "-", "text", "none", False, None, "higher", "PLAN", "office", "6 12", "office"),
  ])]),
]
GROUPS = [("PLAN", "กลุ่มนโยบายและแผน"), ("ACAD", "กลุ่มส่งเสริมการจัดการศึกษา"),
          ("SUP", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"), ("PROM", "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"),
          ("PERS", "กลุ่มบริหารงานบุคคล"), ("FIN", "กลุ่มบริหารงานการเงินและสินทรัพย์"), ("ADMIN", "กลุ่มอำนวยการ")]
# Dimensions of results besides the OBEC policy: the office standards and
# the performance agreement, each a part of its own in the annual report,
# with indicators the office reports itself (values: DIMENSION_VALUES).
DIMENSIONS = [("STD", "มาตรฐานสำนักงานเขตพื้นที่การศึกษา"),
              ("KRS", "คำรับรองการปฏิบัติราชการ")]
DIMENSION_AREAS = [
  ("STD", "STD1", "มาตรฐานที่ 1 การบริหารจัดการองค์การสู่ความเป็นเลิศ", [("STD1S1", "ตัวบ่งชี้ของมาตรฐานที่ 1", [
    ("STD101", "ระดับความสำเร็จของการบริหารจัดการองค์การตามหลักธรรมาภิบาล", "ระดับ", "level", "mean", False, 4, "higher", "ADMIN", "office", "6 12", "office"),
    ("STD102", "ร้อยละของบุคลากรสำนักงานเขตพื้นที่ที่ได้รับการพัฒนาตามแผน", "ร้อยละ", "percent", "ratio", True, 90, "higher", "PERS", "office", "6 12", "office"),
  ])]),
  ("STD", "STD2", "มาตรฐานที่ 2 การบริหารและการจัดการศึกษา", [("STD2S1", "ตัวบ่งชี้ของมาตรฐานที่ 2", [
    ("STD201", "ระดับความสำเร็จของการส่งเสริมสนับสนุนการจัดการศึกษาของสถานศึกษา", "ระดับ", "level", "mean", False, 4, "higher", "ACAD", "office", "6 12", "office"),
    ("STD202", "จำนวนสถานศึกษาที่ได้รับการนิเทศแบบบูรณาการ", "โรง", "number", "sum", True, 130, "higher", "SUP", "office", "6 12", "office"),
  ])]),
  ("STD", "STD3", "มาตรฐานที่ 3 ผลการบริหารและการจัดการศึกษา", [("STD3S1", "ตัวบ่งชี้ของมาตรฐานที่ 3", [
    ("STD301", "ระดับคุณภาพของผลการบริหารและการจัดการศึกษาโดยรวม", "ระดับ", "level", "mean", False, 4, "higher", "PLAN", "office", "12", "office"),
  ])]),
  ("KRS", "KRS1", "องค์ประกอบที่ 1 การประเมินประสิทธิผลการดำเนินงาน", [("KRS1S1", "ตัวชี้วัดตามคำรับรอง องค์ประกอบที่ 1", [
    ("KRS101", "ร้อยละของสถานศึกษาที่มีผลการทดสอบ O-NET เฉลี่ยเพิ่มขึ้น", "ร้อยละ", "percent", "ratio", False, 50, "higher", "ACAD", "office", "12", "office"),
    ("KRS102", "ระดับความสำเร็จของการขับเคลื่อนนโยบายสู่การปฏิบัติ", "ระดับ", "level", "mean", False, 5, "higher", "PLAN", "office", "6 12", "office"),
  ])]),
  ("KRS", "KRS2", "องค์ประกอบที่ 2 การประเมินศักยภาพการดำเนินงาน", [("KRS2S1", "ตัวชี้วัดตามคำรับรอง องค์ประกอบที่ 2", [
    ("KRS201", "ระดับความสำเร็จของการพัฒนาองค์การสู่ดิจิทัล", "ระดับ", "level", "mean", False, 4, "higher", "PLAN", "office", "6 12", "office"),
  ])]),
]
# the office's values of them: (value or (numerator, denominator)) at 6 and 12 months
DIMENSION_VALUES = {
    "STD101": {6: "3", 12: "4"}, "STD102": {6: (21, 48), 12: (45, 48)},
    "STD201": {6: "3", 12: "3"}, "STD202": {6: "58", 12: "121"},
    "STD301": {12: "4"}, "KRS101": {12: (62, 140)}, "KRS102": {6: "3", 12: "4"},
    "KRS201": {6: "2", 12: "3"},
}
ROUNDS = [(3, "2024-01-15"), (6, "2024-04-15"), (9, "2024-07-15"), (12, "2024-10-15")]
INDICATORS = [i for _, _, ss in AREAS for _, _, inds in ss for i in inds]


def w(path, text):
    path = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_csv(path, rows):
    path2 = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(path2), exist_ok=True)
    with open(path2, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


# short names, the charts' labels (attribute short); QUAL07 has none, so that
# its label is cut from its name
SHORT = {
    "SAFE01": "มาตรการความปลอดภัย", "SAFE02": "แผนเผชิญเหตุ", "SAFE03": "อุบัติเหตุ",
    "SAFE04": "คัดกรองสุขภาพจิต", "SAFE05": "แก้ไขการรังแก",
    "OPP01": "พาน้องกลับมาเรียน", "OPP02": "ติดตามเด็กกลับเข้าเรียน", "OPP03": "ทุนเสมอภาค",
    "OPP04": "ระบบดูแลช่วยเหลือ", "OPP05": "สิ่งอำนวยความสะดวก", "OPP06": "ออกกลางคัน",
    "QUAL01": "อ่านออกเขียนได้ ป.1", "QUAL02": "Active Learning", "QUAL03": "ครูได้รับการพัฒนา",
    "QUAL04": "NT คณิตศาสตร์", "QUAL05": "ประวัติศาสตร์", "QUAL06": "ประเมินคุณภาพภายใน",
    "EFF01": "การเบิกจ่าย", "EFF02": "การนิเทศ", "EFF03": "ครั้งการนิเทศ", "EFF04": "ITA",
    "EFF05": "ระบบสารสนเทศ", "EFF06": "ควบรวมโรงเรียน",
}


def short(code):
    return ' short="%s"' % SHORT[code] if code in SHORT else ''


def framework():
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<framework xmlns="urn:tidtam:framework:1" fiscal-year="2567">',
         '  <title>กรอบการติดตามและประเมินผลการดำเนินงานตามนโยบาย สพฐ. ปีงบประมาณ พ.ศ. 2567</title>',
         '  <rounds>']
    x += ['    <round months="%d" deadline="%s"/>' % r for r in ROUNDS]
    x += ['  </rounds>', '  <groups>']
    x += ['    <group code="%s" name="%s"/>' % g for g in GROUPS]
    x += ['  </groups>', '  <dimensions>']
    x += ['    <dimension code="%s" name="%s"/>' % d for d in DIMENSIONS]
    x += ['  </dimensions>']
    for dim, acode, aname, strategies in [(None,) + a for a in AREAS] + DIMENSION_AREAS:
        x.append('  <policy-area code="%s" name="%s"%s>'
                 % (acode, aname, ' dimension="%s"' % dim if dim else ''))
        for scode, sname, inds in strategies:
            x.append('    <strategy code="%s" name="%s">' % (scode, sname))
            for (code, name, unit, typ, agg, cum, target, d, g, sub, rounds, _) in inds:
                t = '' if target is None else ' target="%s"' % target
                x.append('      <indicator code="%s" name="%s"%s unit="%s" type="%s" aggregation="%s"'
                         ' cumulative="%s"%s direction="%s" group="%s" submitter="%s" rounds="%s"%s/>'
                         % (code, name, short(code), unit, typ, agg, "true" if cum else "false", t, d, g,
                            sub, rounds, EXTRA.get(code, "")))
            x.append('    </strategy>')
        x.append('  </policy-area>')
    x.append(RULES.rstrip("\n"))
    x.append('</framework>')
    w("framework/2567.xml", "\n".join(x) + "\n")


def schools():
    rows = list(csv.DictReader(open(SRC, encoding="utf-8")))
    out, used = [], set()
    for ncode, district, nname, count in NETWORKS:
        cand = [r for r in rows if r["district"] == district and "ประถม" in r["level"]
                and r["name"] not in used]
        cand.sort(key=lambda r: r["name"])
        picked = cand[20:20 + count] if ncode == "N02" else cand[:count]
        for r in picked:
            used.add(r["name"])
            out.append((ncode, r["name"].replace('"', "")))
    units = [["code", "name", "kind", "parent"], [OFFICE, OFFICE_NAME, "office", ""]]
    for ncode, _, nname, _ in NETWORKS:
        units.append(["%s-%s" % (OFFICE, ncode), nname, "network", OFFICE])
    result = []
    for i, (ncode, name) in enumerate(out):
        code = "10%s%04d" % (OFFICE, i + 1)
        units.append([code, name, "school", "%s-%s" % (OFFICE, ncode)])
        result.append((code, name, "%s-%s" % (OFFICE, ncode)))
    write_csv("units/units-2567.csv", units)
    return result


# Per-indicator rules of the demo framework.
# the headline indicators, in their order: the reports' results per network
EXTRA = {"QUAL03": ' max="100"', "QUAL01": ' headline="1"', "QUAL02": ' values="2 3 4 5" headline="2"',
         "OPP01": ' headline="3"', "EFF05": ' jump="4"'}
# Cross-value rules of the demo framework.
RULES = """  <rules>
    <rule code="R-SAFE05" test="SAFE05 &lt;= SAFE03 × 10 + 10">
      <message lang="th">เหตุการณ์กลั่นแกล้งที่แก้ไข ({SAFE05} ครั้ง) มากผิดปกติเมื่อเทียบกับจำนวนอุบัติเหตุ ({SAFE03} คน) กรุณาตรวจสอบ</message>
      <message lang="en">{SAFE05} bullying cases resolved is implausible beside {SAFE03} accidents</message>
    </rule>
    <rule code="W-SAFE01" severity="warning" test="SAFE01 ≥ 2 when SAFE02 = yes">
      <message lang="th">มีแผนเผชิญเหตุแล้วแต่ระดับความสำเร็จด้านความปลอดภัยเพียง {SAFE01}</message>
      <message lang="en">a safety plan exists but the safety level is only {SAFE01}</message>
    </rule>
  </rules>
"""
# Values planted to trip each kind of check once: (indicator, school, months).
# R-SAFE05 (E-RULE), W-SAFE01 (W-RULE), max (E-RANGE), values (E-ALLOWED),
# a falling running total (E-DECREASE), jump (W-JUMP), an outlier (W-OUTLIER).
PLANTED = {
    ("SAFE05", 10, 6): "25", ("SAFE03", 10, 6): "1",
    ("SAFE01", 20, 6): "1", ("SAFE02", 20, 6): "yes",
    ("QUAL03", 30, 9): "150",
    ("QUAL02", 40, 3): "1",
    ("OPP02", 50, 6): "6", ("OPP02", 50, 9): "2", ("OPP02", 50, 12): "8",
    ("EFF05", 60, 3): "1", ("EFF05", 60, 6): "5",
    ("QUAL06", 70, 12): "300",
}


def value_for(ind, school_i, months):
    """A plausible value; cumulative ones grow with the round."""
    code, typ = ind[0], ind[3]
    if (code, school_i, months) in PLANTED:
        return PLANTED[(code, school_i, months)]
    r = random.Random("%s-%d-%d" % (code, school_i, months))
    q = months // 3
    if typ == "level":
        return str(min(5, max(1, r.choice([2, 3, 3, 4, 4, 4, 5]) + (1 if q == 4 and r.random() < .3 else 0))))
    if typ == "yesno":
        return "yes" if r.random() < 0.93 else "no"
    if typ == "number":
        base = {"SAFE03": 2, "SAFE05": 2, "OPP02": 3, "OPP05": 6, "QUAL03": 12, "EFF06": 1}.get(code)
        if code == "QUAL06":
            return str(r.randint(55, 92))
        if code == "QUAL07":
            return str(r.randint(60, 98))
        if code == "EFF06":
            return "1" if (school_i % 15 == 0) else "0"
        if ind[5]:
            # a running total since 1 October: the same pace every quarter
            v = random.Random("%s-%d" % (code, school_i)).randint(0, base)
            return str(v * q)
        return str(r.randint(0, base))
    if typ == "percent":
        den = r.randint(15, 60)
        rate = {"SAFE04": .25 * q, "OPP03": .24 * q, "OPP06": .003 * q / 2, "QUAL01": .70 + .05 * q,
                "QUAL04": .45}.get(code, .8)
        num = min(den, int(round(den * min(rate, 1.0) * r.uniform(.9, 1.08))))
        return (num, den)
    return ""


def submitted(months, late, r):
    dl = dict(ROUNDS)[months]
    y, m, d = map(int, dl.split("-"))
    day = r.randint(1, 14) if not late else None
    if late:
        m2 = m + 1 if m < 12 else 1
        return "%04d-%02d-%02d" % (y if m < 12 else y + 1, m2, r.randint(1, 20))
    return "%04d-%02d-%02d" % (y, m, day)


NARR = {
    "result": ["สถานศึกษาดำเนินการตามมาตรการความปลอดภัยครบทุกด้าน มีการตรวจสภาพอาคารและเครื่องเล่นทุกเดือน",
               "จัดกิจกรรมส่งเสริมความปลอดภัยร่วมกับเทศบาลและสถานีตำรวจในพื้นที่",
               "ครูเวรประจำวันดูแลการรับส่งนักเรียนหน้าประตูโรงเรียนทุกวัน"],
    "problems": ["อาคารเรียนบางหลังชำรุด รอการซ่อมแซมจากงบประมาณปีถัดไป",
                 "ถนนหน้าโรงเรียนมีรถสัญจรหนาแน่นช่วงเช้า",
                 "บุคลากรมีภาระงานมาก ทำให้การซ้อมแผนล่าช้า"],
    "suggestions": ["ควรจัดสรรงบประมาณซ่อมแซมอาคารเร่งด่วน",
                    "ขอความร่วมมือหน่วยงานท้องถิ่นติดตั้งป้ายเตือนและทางม้าลาย",
                    "ควรมีการอบรมครูด้านการปฐมพยาบาลเบื้องต้น"],
}


def submissions(schs):
    rng_local = random.Random(7)
    form_inds = [i for i in INDICATORS if i[11] == "form"]
    wide_inds = [i for i in INDICATORS if i[11] == "wide"]
    long_inds = [i for i in INDICATORS if i[11] == "long"]
    office_inds = [i for i in INDICATORS if i[11] == "office"]
    due = lambda ind, m: str(m) in ind[10].split()
    # units that never send a given round (missing), and late senders
    missing = {m: set(rng_local.sample(range(len(schs)), {3: 9, 6: 6, 9: 7, 12: 4}[m])) for m, _ in ROUNDS}
    late = {m: set(rng_local.sample(range(len(schs)), 8)) for m, _ in ROUNDS}
    for months, _ in ROUNDS:
        rdir = "submissions/2567/%dm" % months
        # XML forms, one per school
        for i, (code, name, net) in enumerate(schs):
            if i in missing[months]:
                continue
            r = random.Random("form-%d-%d" % (i, months))
            x = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<!-- แบบรายงานผลการดำเนินงาน %s รอบ %d เดือน -->' % (name, months),
                 '<submission xmlns="urn:tidtam:submission:1" unit="%s" fiscal-year="2567" round="%d" submitted="%s">'
                 % (code, months, submitted(months, i in late[months], r))]
            for ind in form_inds:
                if not due(ind, months) or ind[3] == "text":
                    continue
                v = value_for(ind, i, months)
                x.append('  <value indicator="%s">%s</value>' % (ind[0], v))
            for ind in form_inds:
                if ind[3] == "text" and due(ind, months):
                    x.append('  <value indicator="%s">%s</value>' % (ind[0], r.choice(NARR["result"])))
            x.append('  <narrative indicator="SAFE01">')
            for f in ("result", "problems", "suggestions"):
                x.append('    <%s>%s</%s>' % (f, r.choice(NARR[f]), f))
            x.append('  </narrative>')
            x.append('</submission>')
            w("%s/forms/%s.xml" % (rdir, code), "\n".join(x) + "\n")
        # wide CSV per network (Thai headers: indicator names)
        for ncode, _, nname, _ in NETWORKS:
            net = "%s-%s" % (OFFICE, ncode)
            inds = [i for i in wide_inds if due(i, months)]
            head = ["รหัสโรงเรียน", "ชื่อโรงเรียน", "ปีงบประมาณ", "รอบ", "วันที่ส่ง"] + \
                   [i[1] if k % 2 == 0 else i[0] for k, i in enumerate(inds)]
            rows = [head]
            for i, (code, name, n) in enumerate(schs):
                if n != net or i in missing[months]:
                    continue
                r = random.Random("wide-%d-%d" % (i, months))
                rows.append([code, name, "2567", "รอบ %d เดือน" % months, submitted(months, i in late[months], r)]
                            + [value_for(ind, i, months) for ind in inds])
            write_csv("%s/wide-%s.csv" % (rdir, ncode), rows)
        # long CSV per network for the percentage indicators
        for ncode, _, _, _ in NETWORKS:
            net = "%s-%s" % (OFFICE, ncode)
            rows = [["unit", "indicator", "fiscal_year", "round", "value", "numerator", "denominator", "note", "submitted"]]
            for i, (code, name, n) in enumerate(schs):
                if n != net or i in missing[months]:
                    continue
                r = random.Random("long-%d-%d" % (i, months))
                day = submitted(months, i in late[months], r)
                for ind in long_inds:
                    if not due(ind, months):
                        continue
                    num, den = value_for(ind, i, months)
                    rows.append([code, ind[0], "2567", str(months), "", str(num), str(den), "", day])
            write_csv("%s/long-%s.csv" % (rdir, ncode), rows)
        # the office's own indicators, sent by its work groups
        rows = [["unit", "indicator", "fiscal_year", "round", "value", "numerator", "denominator", "note", "submitted"]]
        r = random.Random("office-%d" % months)
        day = submitted(months, months == 9, r)
        for ind in office_inds:
            if not due(ind, months):
                continue
            code = ind[0]
            if code == "EFF01":
                rows.append([OFFICE, code, "2567", str(months), "", str(int(48_500_000 * {3: .22, 6: .47, 9: .71, 12: .93}[months])), "48500000", "งบดำเนินงานและงบลงทุน", day])
            elif code == "EFF02":
                rows.append([OFFICE, code, "2567", str(months), str({3: 3, 6: 3, 9: 4, 12: 4}[months]), "", "", "", day])
            elif code == "EFF03":
                rows.append([OFFICE, code, "2567", str(months), str({3: 62, 6: 75, 9: 70, 12: 81}[months]), "", "", "นิเทศออนไลน์และลงพื้นที่", day])
            elif code == "EFF04":
                rows.append([OFFICE, code, "2567", str(months), "yes", "", "", "ผ่านการประเมิน 92.4 คะแนน", day])
            elif code == "EFF07":
                rows.append([OFFICE, code, "2567", str(months), "สำนักงานเขตพื้นที่ขับเคลื่อนการบริหารงานด้วยระบบสารสนเทศ ลดขั้นตอนการเบิกจ่าย", "", "", "", day])
        write_csv("%s/office-%dm.csv" % (rdir, months), rows)
    # wrong submissions, as offices really see them (round 6), and their corrections
    w("submissions/2567/6m/wrong/wide-N03-first-try.csv",
      "รหัสโรงเรียน,ชื่อโรงเรียน,ปีงบประมาณ,รอบ,วันที่ส่ง,OPP01,OPP04,QUAL02\r\n"
      "%s,%s,2567,6,2024-04-02,7,yes,4\r\n" % (schs[41][0], schs[41][1]) +
      "%s,%s,2567,6,2024-04-02,3,maybe,4\r\n" % (schs[42][0], schs[42][1]) +
      "1031099999,โรงเรียนที่ไม่มีในทะเบียน,2567,6,2024-04-02,3,yes,4\r\n")
    w("submissions/2567/6m/wrong/long-N05-first-try.csv",
      "unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\r\n"
      "%s,QUAL01,2567,6,,52,48,ตัวตั้งเกินตัวหาร,2024-04-03\r\n" % schs[85][0] +
      "%s,QUAL99,2567,6,,10,20,,2024-04-03\r\n" % schs[86][0] +
      "%s,SAFE04,2567,5,,10,20,,2024-04-03\r\n" % schs[87][0])
    # a half-written file, left by an interrupted copy
    w("submissions/2567/9m/wrong/form-cut-short.xml",
      '<?xml version="1.0" encoding="UTF-8"?>\n<submission xmlns="urn:tidtam:submission:1" unit="%s" fiscal-year="2567" round="9">\n  <value indicator="SAFE01">4</va' % schs[3][0])
    return missing, late


def dimension_values():
    """The office's own sheet of its standards and agreement indicators, a file a round."""
    for months, deadline in ROUNDS:
        rows = [["unit", "indicator", "fiscal_year", "round", "value", "numerator", "denominator", "note", "submitted"]]
        day = "%s-%02d" % (deadline[:7], int(deadline[8:]) - 5)
        for _, _, _, strategies in DIMENSION_AREAS:
            for _, _, inds in strategies:
                for ind in inds:
                    v = DIMENSION_VALUES[ind[0]].get(months)
                    if v is None:
                        continue
                    if isinstance(v, tuple):
                        rows.append([OFFICE, ind[0], "2567", str(months), "", str(v[0]), str(v[1]), "", day])
                    else:
                        rows.append([OFFICE, ind[0], "2567", str(months), v, "", "", "", day])
        if len(rows) > 1:
            write_csv("submissions/2567/%dm/office-standards-%dm.csv" % (months, months), rows)


def projects():
    names = [("PRJ01", "โครงการส่งเสริมความปลอดภัยในสถานศึกษา", "P1", "SUP", 450000),
             ("PRJ02", "โครงการพาน้องกลับมาเรียน", "P2", "PROM", 380000),
             ("PRJ03", "โครงการทุนการศึกษาเพื่อความเสมอภาค", "P2", "PROM", 1250000),
             ("PRJ04", "โครงการพัฒนาการอ่านออกเขียนได้ ชั้น ป.1", "P3", "ACAD", 620000),
             ("PRJ05", "โครงการส่งเสริมการจัดการเรียนรู้เชิงรุก (Active Learning)", "P3", "ACAD", 540000),
             ("PRJ06", "โครงการพัฒนาครูด้วยระบบคูปองพัฒนาตนเอง", "P3", "PERS", 900000),
             ("PRJ07", "โครงการนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "P4", "SUP", 310000),
             ("PRJ08", "โครงการพัฒนาระบบสารสนเทศเพื่อการบริหาร", "P4", "PLAN", 275000),
             ("PRJ09", "โครงการประเมินคุณธรรมและความโปร่งใส (ITA)", "P4", "ADMIN", 120000),
             ("PRJ10", "โครงการบริหารจัดการสถานศึกษาขนาดเล็ก", "P4", "PLAN", 480000)]
    rows = [["รหัสโครงการ", "ชื่อโครงการ", "ด้าน", "กลุ่มงาน", "งบประมาณที่ได้รับ",
             "เบิกจ่ายไตรมาส 1", "เบิกจ่ายไตรมาส 2", "เบิกจ่ายไตรมาส 3", "เบิกจ่ายไตรมาส 4", "ปีงบประมาณ"]]
    r = random.Random(11)
    for code, name, area, group, budget in names:
        parts = [r.uniform(.1, .3) for _ in range(4)]
        spent = [round(budget * p, 2) for p in parts]
        rows.append([code, name, area, group, "{:,.2f}".format(budget)] + ["{:,.2f}".format(s) for s in spent] + ["2567"])
    write_csv("projects/action-plan-2567.csv", rows)


def esc(text, attr=False):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attr else text


def each(tag, texts):
    """Lines of <tag>text</tag>, one per text, escaped."""
    return ['      <%s>%s</%s>' % (tag, esc(t), tag) for t in texts]


def profile():
    """The office profile of FY 2567 (input/profile/): a primary office with
    learning results, three plans, and one expense spent past its allocation."""
    r = random.Random(2567 * 7)
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!-- ข้อมูลพื้นฐานของสำนักงาน ปีงบประมาณ พ.ศ. 2567 -->',
         '<profile xmlns="urn:tidtam:profile:1" office="%s" fiscal-year="2567">' % OFFICE,
         '  <general>',
         '    <address>เลขที่ 99 ถนนจิระ ตำบลในเมือง อำเภอเมืองบุรีรัมย์ จังหวัดบุรีรัมย์ 31000</address>',
         '    <area>3450.75</area>',
         '    <districts>']
    for d in sorted(set(n[1] for n in NETWORKS)):
        x.append('      <district>%s</district>' % esc(d))
    x += ['    </districts>', '    <duties>']
    x += each("p", ["จัดทำนโยบาย แผนพัฒนา และมาตรฐานการศึกษาของเขตพื้นที่การศึกษาให้สอดคล้องกับนโยบาย มาตรฐานการศึกษา แผนการศึกษา แผนพัฒนาการศึกษาขั้นพื้นฐาน และความต้องการของท้องถิ่น",
              "วิเคราะห์การจัดตั้งงบประมาณเงินอุดหนุนทั่วไปของสถานศึกษา แจ้งการจัดสรรงบประมาณที่ได้รับให้หน่วยงานในสังกัด รวมทั้งกำกับ ตรวจสอบ ติดตามการใช้จ่ายงบประมาณของหน่วยงาน",
              "ประสาน ส่งเสริม สนับสนุน และพัฒนาหลักสูตรร่วมกับสถานศึกษาในเขตพื้นที่การศึกษา",
              "กำกับดูแล ติดตาม และประเมินผลสถานศึกษาขั้นพื้นฐานในเขตพื้นที่การศึกษา",
              "ศึกษา วิเคราะห์ วิจัย และรวบรวมข้อมูลสารสนเทศด้านการศึกษาในเขตพื้นที่การศึกษา"])
    x += ['    </duties>', '  </general>', '  <structure>']
    heads = ["นายสมชาย ใจดี", "นางสาวพรทิพย์ ศรีสุข", "นายวิชัย บุญมา", "นางมาลี ทองดี",
             "นายประเสริฐ แก้วกาญจนา", "นางสุนันทา พิมพ์ทอง", "นายอนุชา ศรีบุรี"]
    for (code, name), head in zip(GROUPS, heads):
        x.append('    <group name="%s" head="%s" staff="%d"/>' % (esc(name, True), head, r.randint(5, 14)))
    x += ['  </structure>', '  <staff>']
    for t, n in [("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", 1), ("รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", 3),
                 ("ศึกษานิเทศก์", 14), ("บุคลากรทางการศึกษาอื่นตามมาตรา 38 ค.(2)", 38),
                 ("ลูกจ้างประจำ", 4), ("พนักงานราชการ", 3), ("ลูกจ้างชั่วคราว", 9)]:
        x.append('    <position type="%s" count="%d"/>' % (esc(t, True), n))
    x += ['  </staff>', '  <direction>',
          '    <vision>ผู้เรียนมีคุณภาพ ครูมีคุณธรรม สถานศึกษาได้มาตรฐาน บริหารจัดการด้วยหลักธรรมาภิบาล ภายในปี พ.ศ. 2570</vision>',
          '    <mission>']
    x += each("item", ["ส่งเสริม สนับสนุนการจัดการศึกษาให้ผู้เรียนมีความปลอดภัยจากภัยทุกรูปแบบ",
              "เพิ่มโอกาสให้ประชากรวัยเรียนได้รับการศึกษาอย่างทั่วถึงและเท่าเทียม",
              "พัฒนาคุณภาพผู้เรียนให้มีสมรรถนะตามหลักสูตรและทักษะที่จำเป็นในศตวรรษที่ 21",
              "พัฒนาครูและบุคลากรทางการศึกษาให้มีสมรรถนะตามมาตรฐานวิชาชีพ",
              "บริหารจัดการอย่างมีประสิทธิภาพด้วยหลักธรรมาภิบาลและการใช้เทคโนโลยีดิจิทัล"])
    x += ['    </mission>', '    <goals>']
    x += each("item", ["ผู้เรียน ครู และบุคลากรทางการศึกษามีความปลอดภัยในสถานศึกษา",
              "ประชากรวัยเรียนทุกคนได้รับการศึกษาอย่างทั่วถึง มีคุณภาพ และเสมอภาค",
              "ผู้เรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้นและมีทักษะที่จำเป็น",
              "สำนักงานเขตพื้นที่และสถานศึกษาบริหารจัดการอย่างมีประสิทธิภาพ"])
    x += ['    </goals>', '    <strategies>']
    for _, name, ss in AREAS:
        x.append('      <item>%s: %s</item>' % (esc(name), esc(ss[0][1])))
    x += ['    </strategies>', '    <focus>']
    x += each("item", ["อ่านออกเขียนได้ทุกคนตั้งแต่ชั้นประถมศึกษาปีที่ 1",
              "โรงเรียนปลอดภัย ปลอดยาเสพติด ปลอดการกลั่นแกล้งรังแก",
              "พาน้องกลับมาเรียน ไม่มีเด็กตกหล่นในเขตพื้นที่",
              "ลดภาระครูและนักเรียน ใช้ระบบสารสนเทศในการบริหาร"])
    x += ['    </focus>', '  </direction>', '  <learning>']
    for test, level, subjects in [("O-NET", "ป.6", ["ภาษาไทย", "คณิตศาสตร์", "วิทยาศาสตร์", "ภาษาอังกฤษ"]),
                                  ("NT", "ป.3", ["ความสามารถด้านคณิตศาสตร์", "ความสามารถด้านภาษาไทย"]),
                                  ("RT", "ป.1", ["การอ่านออกเสียง", "การอ่านรู้เรื่อง"])]:
        for sub in subjects:
            nat = round(r.uniform(30, 75), 2)
            off = round(nat + r.uniform(-6, 6), 2)
            x.append('    <result test="%s" level="%s" subject="%s" office="%.2f" national="%.2f"/>'
                     % (test, level, esc(sub, True), off, nat))
    x += ['  </learning>', '  <budget>']
    plans = [("แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
              [("ผลผลิตผู้จบการศึกษาภาคบังคับ", ["งบบุคลากร", "งบดำเนินงาน", "งบเงินอุดหนุน"]),
               ("ผลผลิตผู้รับบริการการศึกษาก่อนวัยเรียน", ["งบดำเนินงาน", "งบเงินอุดหนุน"])]),
             ("แผนงานยุทธศาสตร์สร้างความเสมอภาคทางการศึกษา",
              [("โครงการสนับสนุนค่าใช้จ่ายในการจัดการศึกษาตั้งแต่ระดับอนุบาลจนจบการศึกษาขั้นพื้นฐาน", ["งบเงินอุดหนุน"]),
               ("โครงการพาน้องกลับมาเรียน", ["งบดำเนินงาน"])]),
             ("แผนงานยุทธศาสตร์พัฒนาศักยภาพคนตลอดช่วงชีวิต",
              [("โครงการโรงเรียนคุณภาพของชุมชน", ["งบลงทุน", "งบดำเนินงาน"])])]
    for pname, outs in plans:
        x.append('    <plan name="%s">' % esc(pname, True))
        for oname, types in outs:
            x.append('      <output name="%s">' % esc(oname, True))
            for t in types:
                alloc = r.randrange(200000, 9000000, 100)
                spent = round(alloc * r.uniform(0.72, 0.99), 2)
                if oname == "โครงการพาน้องกลับมาเรียน":
                    spent = round(alloc * 1.1, 2)   # PLANTED: spent past its allocation
                x.append('        <expense type="%s" allocated="%.2f" spent="%.2f"/>' % (t, alloc, spent))
            x.append('      </output>')
        x.append('    </plan>')
    x += ['  </budget>', '  <synthesis>', '    <problems>']
    x += each("p", ["สถานศึกษาขนาดเล็กมีจำนวนมาก ครูไม่ครบชั้น ทำให้การจัดการเรียนรู้ไม่เต็มศักยภาพ",
              "การรายงานข้อมูลของสถานศึกษาบางแห่งล่าช้ากว่ากำหนด และมีข้อมูลไม่ครบถ้วนในรอบแรก",
              "งบประมาณโครงการพาน้องกลับมาเรียนไม่เพียงพอต่อจำนวนเด็กที่ต้องติดตาม"])
    x += ['    </problems>', '    <recommendations>']
    x += each("p", ["ส่งเสริมการบริหารจัดการสถานศึกษาขนาดเล็กแบบเครือข่ายและการควบรวมตามความสมัครใจของชุมชน",
              "จัดอบรมผู้รับผิดชอบข้อมูลของสถานศึกษาก่อนรอบรายงานแรกของปี"])
    x += ['    </recommendations>', '    <next-year>']
    x += each("p", ["เร่งรัดการเบิกจ่ายงบประมาณให้เป็นไปตามเป้าหมายรายไตรมาส",
              "ยกระดับผลสัมฤทธิ์ทางการเรียนด้านการอ่านและคณิตศาสตร์ผ่านการนิเทศแบบเครือข่าย",
              "พัฒนาระบบติดตามเด็กตกหล่นร่วมกับองค์กรปกครองส่วนท้องถิ่น"])
    x += ['    </next-year>', '  </synthesis>', '  <appendix>',
          '    <committee number="512/2567" date="1 ตุลาคม 2567">']
    for name, pos, role in [("นายวีระพงษ์ สุขประเสริฐ", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "ประธานคณะทำงาน"),
                            ("นางศิริพร มั่นคง", "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "รองประธานคณะทำงาน"),
                            (heads[0], "ผู้อำนวยการกลุ่มนโยบายและแผน", "คณะทำงาน"),
                            (heads[2], "ผู้อำนวยการกลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", "คณะทำงาน"),
                            ("นางสาวกมลวรรณ ดีงาม", "นักวิเคราะห์นโยบายและแผนชำนาญการ", "คณะทำงานและเลขานุการ")]:
        x.append('      <member name="%s" position="%s" role="%s"/>' % (name, esc(pos, True), role))
    x += ['    </committee>', '    <makers>']
    for name, pos in [("นางสาวกมลวรรณ ดีงาม", "นักวิเคราะห์นโยบายและแผนชำนาญการ"),
                      ("นายธนพล รักษ์ถิ่น", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ")]:
        x.append('      <maker name="%s" position="%s"/>' % (name, pos))
    x += ['    </makers>', '  </appendix>', '</profile>']
    w("profile/2567.xml", "\n".join(x) + "\n")

# ---------------------------------------------------------------- practices
def load_photos():
    """tools/gen-photos.py, imported by its path (its name has a hyphen)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "gen_photos", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-photos.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# (folder, unit: None the office or a school's index, kind, title, by: None
#  the school's name, paragraphs, photos: (file, caption, scene, width, height)
#  and a caption of a photo not sent)
PRACTICES = [
    ("reading-network", None, "best-practice",
     "เครือข่ายพี่ช่วยน้อง ยกระดับการอ่านออกเขียนได้ของนักเรียนชั้นประถมศึกษาปีที่ 1",
     "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",
     ["สำนักงานเขตพื้นที่การศึกษาจัดให้โรงเรียนที่มีผลการประเมินการอ่านออกเขียนได้สูงจับคู่กับโรงเรียนขนาดเล็กในเครือข่ายเดียวกัน ครูพี่เลี้ยงร่วมวางแผนการสอนอ่านแบบแจกลูกสะกดคำ และศึกษานิเทศก์ติดตามทุกเดือน",
      "ตลอดปีงบประมาณ พ.ศ. 2567 มีโรงเรียนเข้าร่วม 48 โรง ครู 96 คน นักเรียนชั้นประถมศึกษาปีที่ 1 ที่อ่านออกเขียนได้เพิ่มจากร้อยละ 78 เป็นร้อยละ 91 และโรงเรียนที่เข้าร่วมทุกโรงมีคลังสื่อการอ่านใช้ร่วมกัน",
      "ปัจจัยความสำเร็จคือการนิเทศอย่างต่อเนื่อง การใช้ข้อมูลผลการอ่านรายคนในการวางแผน และการมีส่วนร่วมของผู้ปกครองในการอ่านกับบุตรหลานที่บ้านวันละ 15 นาที"],
     [("01-classroom.jpg", "ครูพี่เลี้ยงสาธิตการสอนอ่านแบบแจกลูกสะกดคำ", "classroom", 1200, 800),
      ("02-library.png", "มุมหนังสือและคลังสื่อการอ่านของเครือข่าย", "library", 3000, 2000),
      ("03-reading.jpg", "นักเรียนอ่านหนังสือร่วมกับผู้ปกครอง", "classroom", 600, 900),
      ("04-ceremony.jpg", "พิธีมอบเกียรติบัตรโรงเรียนต้นแบบการอ่าน", "ceremony", 640, 480),
      ("05-market.jpg", "ตลาดนัดหนังสือของเครือข่ายโรงเรียน", "market", 800, 500)]),
    ("safe-school", 0, "award", "รางวัลสถานศึกษาปลอดภัยดีเด่น ระดับเขตพื้นที่การศึกษา", None,
     ["โรงเรียนจัดทำแผนเผชิญเหตุร่วมกับองค์การบริหารส่วนตำบลและโรงพยาบาลส่งเสริมสุขภาพตำบล ซ้อมอพยพหนีไฟภาคเรียนละครั้ง และจัดเวรครูดูแลการข้ามถนนหน้าโรงเรียนทุกเช้า",
      "ปีการศึกษาที่ผ่านมาไม่มีอุบัติเหตุร้ายแรงในโรงเรียน จึงได้รับรางวัลสถานศึกษาปลอดภัยดีเด่น"],
     [("01-sports.jpg", "การซ้อมอพยพหนีไฟของนักเรียนและครู", "sports", 640, 427),
      ("02-garden.png", "ลานกิจกรรมที่ปรับปรุงให้ปลอดภัย", "garden", 480, 320)]),
    ("waste-bank", 45, "outstanding", "ธนาคารขยะรีไซเคิล โรงเรียนสะอาด ชุมชนมีรายได้", None,
     ["นักเรียนสภานักเรียนเปิดธนาคารขยะทุกวันศุกร์ รับซื้อขวดพลาสติก กระดาษ และกระป๋องจากนักเรียนและชุมชน บันทึกบัญชีเงินฝากของสมาชิกด้วยตนเอง",
      "ผลงานนี้ได้รับคัดเลือกเป็นผลงานดีเด่นด้านการจัดการเรียนรู้บูรณาการสิ่งแวดล้อม"],
     [("01-garden.jpg", "จุดรับฝากขยะของธนาคารขยะโรงเรียน", "garden", 600, 800),
      ("02-missing.jpg", "สมาชิกธนาคารขยะรับสมุดบัญชี", None, 0, 0)]),  # not sent
]


def practices(schs):
    """Best practices with their photographs: one by the office (five photos,
    one of them 3000 x 2000), two by schools (one naming a photo not sent)."""
    ph = load_photos()
    seed = 0
    for folder, who, kind, title, by, paras, photos in PRACTICES:
        unit = OFFICE if who is None else schs[who][0]
        d = "practices/2567/%s/" % folder
        w(d + "practice.xml", ph.practice_xml(unit, "2567", kind, title, by or schs[who][1], paras,
                                              [(f, c) for f, c, _, _, _ in photos]))
        for f, _, scene, width, height in photos:
            seed += 1
            if scene:
                ph.photo(os.path.join(OUT, d, f), scene, width, height, seed)

if __name__ == "__main__":
    framework()
    s = schools()
    submissions(s)
    dimension_values()
    projects()
    profile()
    practices(s)
    print("schools: %d, indicators: %d" % (len(s), len(INDICATORS)))
