#!/usr/bin/env python3
"""Generate the second test office of tidtam: a secondary-school area office
(สพม.) unlike the demo in every way that matters to the pipeline.

- about forty schools directly under the office (no networks), 6-digit codes;
- two fiscal years in one input, 2567 and 2568, reported at 6 and 12 months
  only, whose frameworks differ (an indicator renamed, one dropped, one added,
  targets changed);
- indicators of every type: a count whose office total passes 10,000, a
  percentage with a target of 0.8 where lower is better, levels, yes/no, a
  text the office must send and an optional (required="false") text;
- files as offices really have them: a workbook compiled by the office (title
  rows, a merged title, Thai headers, an instructions sheet, shared strings),
  long sheets saved by Thai Windows (Windows-874), the office's own sheet as
  Excel's "Unicode text" (UTF-16, tab separated), XML forms with narratives,
  and the projects of the action plan naming their fiscal year;
- planted mistakes (PLANTED below): an unknown school code, a level out of
  range, late senders, a corrected resubmission (a newer accepted form
  superseding an older one), a byte-identical copy of a form, and a unit row
  whose parent is unknown.

Deterministic (fixed seeds, fixed zip timestamps): running it again writes
the same bytes.  School and office names are invented.
Usage: tools/gen-office2.py [OUTPUT_DIR]   (default tests/data/office2/input)
"""
import os, random, sys, zipfile
from xml.sax.saxutils import escape

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/data/office2/input"
OFFICE = "SPM35"
OFFICE_NAME = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาภูผาทอง"
YEARS = (2567, 2568)
# deadlines of the two rounds, per fiscal year (CE dates)
DEADLINES = {2567: {6: "2024-04-10", 12: "2024-10-10"},
             2568: {6: "2025-04-10", 12: "2025-10-10"}}

# (code, name, unit, type, aggregation, cumulative, target, direction,
#  group, submitter, rounds, channel, extra attributes)
# channel: xlsx (the office's compiled workbook), form (XML), long
# (Windows-874 long sheet), office (the office's UTF-16 sheet)
I = lambda *a: a
AREAS_2567 = [
  ("SA1", "ยุทธศาสตร์ที่ 1 ความปลอดภัยและสุขภาวะของผู้เรียน", [
    ("SA1-1", "ป้องกันและแก้ไขปัญหาพฤติกรรมเสี่ยงของนักเรียนวัยรุ่น", [
      I("M101", "จำนวนนักเรียนที่ได้รับการคัดกรองพฤติกรรมเสี่ยงด้วยระบบดูแลช่วยเหลือนักเรียน", "คน", "number", "sum", True, 15000, "higher", "GUID", "school", "6 12", "xlsx", ""),
      I("M102", "โรงเรียนมีมาตรการป้องกันและแก้ไขปัญหายาเสพติดที่เป็นรูปธรรม", "โรง", "yesno", "count-yes", False, 36, "higher", "GUID", "school", "6 12", "form", ""),
      I("M103", "จำนวนอุบัติเหตุจากการเดินทางมาเรียนของนักเรียน", "ครั้ง", "number", "sum", False, 60, "lower", "GUID", "school", "6 12", "form", ' integer="true"'),
    ])]),
  ("SA2", "ยุทธศาสตร์ที่ 2 โอกาสและความเสมอภาคทางการศึกษา", [
    ("SA2-1", "ลดการออกกลางคันและเพิ่มการศึกษาต่อ", [
      I("M201", "อัตราการออกกลางคันของนักเรียนมัธยมศึกษา", "ร้อยละ", "percent", "ratio", True, 0.8, "lower", "PLANS", "school", "6 12", "long", ""),
      I("M202", "ร้อยละของนักเรียนยากจนที่ได้รับทุนการศึกษาต่อเนื่อง", "ร้อยละ", "percent", "ratio", True, 85, "higher", "PLANS", "school", "6 12", "long", ""),
      I("M203", "ระดับความสำเร็จของการแนะแนวการศึกษาต่อ", "ระดับ", "level", "mean", False, 4, "higher", "GUID", "school", "6 12", "xlsx", ""),
    ])]),
  ("SA3", "ยุทธศาสตร์ที่ 3 คุณภาพผู้เรียนระดับมัธยมศึกษา", [
    ("SA3-1", "ยกระดับผลสัมฤทธิ์และสมรรถนะผู้เรียน", [
      I("M301", "ร้อยละของนักเรียนชั้นมัธยมศึกษาปีที่ 3 ที่มีผลการประเมินสมรรถนะระดับดีขึ้นไป", "ร้อยละ", "percent", "mean", False, 60, "higher", "ACADS", "school", "6 12", "xlsx", ""),
      I("M302", "ระดับคุณภาพการจัดการเรียนรู้เชิงรุกของครูมัธยมศึกษา", "ระดับ", "level", "mean", False, 3.5, "higher", "ACADS", "school", "6 12", "form", ""),
      I("M303", "คะแนนสูงสุดของการแข่งขันทักษะวิชาการระดับเขตพื้นที่", "คะแนน", "number", "max", False, 95, "higher", "ACADS", "school", "12", "xlsx", ""),
      I("M305", "คะแนนเฉลี่ยต่ำสุดของการประเมินคุณภาพภายในของโรงเรียน", "คะแนน", "number", "min", False, 65, "higher", "ACADS", "school", "12", "xlsx", ""),
      I("M304", "นวัตกรรมการจัดการเรียนรู้ที่เป็นแบบอย่าง (ถ้ามี)", "-", "text", "none", False, None, "higher", "ACADS", "school", "6 12", "form", ' required="false"'),
    ])]),
  ("SA4", "ยุทธศาสตร์ที่ 4 การบริหารจัดการสำนักงานเขตพื้นที่", [
    ("SA4-1", "บริหารงบประมาณและการนิเทศอย่างมีประสิทธิภาพ", [
      I("M401", "ร้อยละการเบิกจ่ายงบประมาณของสำนักงานเขตพื้นที่การศึกษา", "ร้อยละ", "percent", "ratio", True, 90, "higher", "FINS", "office", "6 12", "office", ""),
      I("M402", "จำนวนครั้งของการนิเทศโรงเรียนมัธยมศึกษา", "ครั้ง", "number", "sum", False, 80, "higher", "SUPS", "office", "6 12", "office", ""),
      I("M403", "สำนักงานเขตพื้นที่ผ่านการประเมินคุณธรรมและความโปร่งใสระดับ A", "แห่ง", "yesno", "count-yes", False, 1, "higher", "ADMS", "office", "12", "office", ""),
      I("M404", "สรุปผลการบริหารจัดการของสำนักงานเขตพื้นที่", "-", "text", "none", False, None, "higher", "PLANS", "office", "6 12", "office", ""),
    ])]),
]
GROUPS = [("PLANS", "กลุ่มนโยบายและแผน"), ("ACADS", "กลุ่มส่งเสริมการจัดการศึกษา"),
          ("GUID", "กลุ่มส่งเสริมการจัดการศึกษา งานแนะแนวและระบบดูแลช่วยเหลือนักเรียน"),
          ("SUPS", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"),
          ("FINS", "กลุ่มบริหารงานการเงินและสินทรัพย์"), ("ADMS", "กลุ่มอำนวยการ")]

# The office standards, a dimension of results of their own (a part of the
# annual report), reported by the office itself in a sheet of their own.
STANDARDS = ("OSTD", "มาตรฐานสำนักงานเขตพื้นที่การศึกษา")
STANDARD_AREAS = [
  ("MS1", "มาตรฐานที่ 1 การบริหารจัดการองค์การ", [("MS1-1", "ตัวบ่งชี้ของมาตรฐานที่ 1", [
    I("S101", "ระดับความสำเร็จของการบริหารงานตามหลักธรรมาภิบาล", "ระดับ", "level", "mean", False, 4, "higher", "ADMS", "office", "6 12", "office", ""),
    I("S102", "ร้อยละของบุคลากรที่ได้รับการพัฒนาตามแผนพัฒนาบุคลากร", "ร้อยละ", "percent", "ratio", True, 85, "higher", "ADMS", "office", "6 12", "office", ""),
  ])]),
  ("MS2", "มาตรฐานที่ 2 การบริหารและการจัดการศึกษา", [("MS2-1", "ตัวบ่งชี้ของมาตรฐานที่ 2", [
    I("S201", "ระดับความสำเร็จของการนิเทศ ติดตามและประเมินผลโรงเรียน", "ระดับ", "level", "mean", False, 4, "higher", "SUPS", "office", "6 12", "office", ""),
    I("S202", "จำนวนโรงเรียนที่ได้รับการส่งเสริมการประกันคุณภาพภายใน", "โรง", "number", "sum", True, 40, "higher", "ACADS", "office", "6 12", "office", ""),
  ])]),
]
# (year, months): the office's values of them, a value or (numerator, denominator)
STANDARD_VALUES = {
    (2567, 6): {"S101": "3", "S102": (30, 62), "S201": "3", "S202": "18"},
    (2567, 12): {"S101": "4", "S102": (49, 62), "S201": "4", "S202": "37"},
    (2568, 6): {"S101": "4", "S102": (28, 60), "S201": "3", "S202": "22"},
    (2568, 12): {"S101": "4", "S102": (54, 60), "S201": "3", "S202": "40"},
}

# FY 2568: M203 renamed, M303 dropped, M306 added, targets of M101 and M401 changed
RENAMED = {"M203": "ระดับความสำเร็จของการแนะแนวการศึกษาต่อและการมีงานทำ"}
DROPPED = {"M303"}
TARGETS_2568 = {"M101": 17000, "M401": 92}
ADDED = ("M306", "ร้อยละของนักเรียนที่ผ่านการประเมินการอ่าน คิดวิเคราะห์ และเขียน", "ร้อยละ", "percent", "ratio", False, 80, "higher", "ACADS", "school", "12", "xlsx", "")


def areas(fy):
    if fy == 2567:
        return AREAS_2567
    out = []
    for acode, aname, strategies in AREAS_2567:
        ss = []
        for scode, sname, inds in strategies:
            new = []
            for ind in inds:
                if ind[0] in DROPPED:
                    continue
                ind = list(ind)
                ind[1] = RENAMED.get(ind[0], ind[1])
                ind[6] = TARGETS_2568.get(ind[0], ind[6])
                new.append(tuple(ind))
            if scode == "SA3-1":
                new.insert(3, ADDED)
            ss.append((scode, sname, new))
        out.append((acode, aname, ss))
    return out


def indicators(fy):
    return [i for _, _, ss in areas(fy) for _, _, inds in ss for i in inds]


def path(rel):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(rel, data):
    with open(path(rel), "wb") as f:
        f.write(data)


def csv_text(rows, sep=","):
    def cell(c):
        c = str(c)
        return '"%s"' % c.replace('"', '""') if (sep in c or '"' in c) else c
    return "".join(sep.join(cell(c) for c in r) + "\r\n" for r in rows)


# short names, the charts' labels (attribute short); M305 and M306 have
# none, so that theirs are cut from their names
SHORT = {
    "M101": "คัดกรองพฤติกรรมเสี่ยง", "M102": "มาตรการยาเสพติด", "M103": "อุบัติเหตุการเดินทาง",
    "M201": "ออกกลางคัน", "M202": "ทุนนักเรียนยากจน", "M203": "การแนะแนว",
    "M301": "สมรรถนะ ม.3", "M302": "การเรียนรู้เชิงรุก", "M303": "แข่งขันทักษะวิชาการ",
    "M401": "การเบิกจ่าย", "M402": "การนิเทศ", "M403": "ITA ระดับ A",
}


def short(code):
    return ' short="%s"' % SHORT[code] if code in SHORT else ''


def framework(fy):
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<framework xmlns="urn:tidtam:framework:1" fiscal-year="%d">' % fy,
         '  <title>กรอบการติดตามและประเมินผลการจัดการศึกษามัธยมศึกษา %s ปีงบประมาณ พ.ศ. %d</title>'
         % (OFFICE_NAME, fy),
         '  <rounds>']
    x += ['    <round months="%d" deadline="%s"/>' % (m, d) for m, d in sorted(DEADLINES[fy].items())]
    x += ['  </rounds>', '  <groups>']
    x += ['    <group code="%s" name="%s"/>' % g for g in GROUPS]
    x += ['  </groups>', '  <dimensions>', '    <dimension code="%s" name="%s"/>' % STANDARDS,
          '  </dimensions>']
    for dim, acode, aname, strategies in ([(None,) + a for a in areas(fy)] +
                                          [(STANDARDS[0],) + a for a in STANDARD_AREAS]):
        x.append('  <policy-area code="%s" name="%s"%s>'
                 % (acode, aname, ' dimension="%s"' % dim if dim else ''))
        for scode, sname, inds in strategies:
            x.append('    <strategy code="%s" name="%s">' % (scode, sname))
            for (code, name, unit, typ, agg, cum, target, d, g, sub, rounds, _, extra) in inds:
                t = '' if target is None else ' target="%s"' % target
                x.append('      <indicator code="%s" name="%s"%s unit="%s" type="%s" aggregation="%s"'
                         ' cumulative="%s"%s direction="%s" group="%s" submitter="%s" rounds="%s"%s/>'
                         % (code, escape(name), short(code), unit, typ, agg, "true" if cum else "false",
                            t, d, g, sub, rounds, extra))
            x.append('    </strategy>')
        x.append('  </policy-area>')
    x.append('</framework>')
    write("framework/%d.xml" % fy, ("\n".join(x) + "\n").encode("utf-8"))


PLACES = ["ภูผาทอง", "หนองบัวแดง", "ท่าช้างเผือก", "ดอนแก้ว", "ห้วยทรายขาว", "โนนสูงเนิน", "นาคำน้อย",
          "ภูเงิน", "วังน้ำเย็น", "ทุ่งทองคำ", "เขาแก้วมณี", "คลองยางงาม", "ป่าแดงงาม", "หนองแสงศรี",
          "บ่อทองคำ", "ศรีสำราญ", "โพธิ์ชัยศรี", "นาดีงาม", "ดงเย็นใจ", "บึงสวรรค์", "ชัยพฤกษ์",
          "แสนสุขใจ", "สามัคคีธรรม", "ผาแดงหลวง", "น้ำเกลี้ยง", "ห้วยผึ้ง", "เวียงเก่า", "ท่าข้าม",
          "กุดจิก", "โคกสว่าง", "นาหว้า", "ซับใหญ่", "ลำน้ำใส", "หินกอง", "บ้านไร่ทอง", "ม่วงหวาน",
          "ตะเคียนงาม", "สระแก้วใส", "ปากน้ำโพธิ์", "วังหิน"]
SUFFIX = ["วิทยา", "พิทยาคม", "วิทยาคม", "ศึกษา", "พิทยาสรรค์", "ราษฎร์บำรุง", "วิทยาลัย", "ประชาสรรค์"]
N_SCHOOLS = 40
BAD_UNIT = ("350999", "โรงเรียนบ้านใหม่พัฒนา", "school", "SPM99")  # PLANTED: parent unknown


# what the unit list says of each school beside its place: the optional
# columns size, district, students by level and teachers
FIGURE_COLUMNS = ["ขนาด", "อำเภอ", "ม.ต้น", "ม.ปลาย", "จำนวนครู"]
DISTRICTS = ["ภูผาทอง", "หนองบัวแดง", "ท่าช้างเผือก", "ดอนแก้ว", "เขาแก้วมณี"]


def school_figures(k):
    """School k's size (by its students, as OBEC sizes secondary schools),
    district, students in lower and upper secondary, and teachers."""
    r = random.Random("figures-%d" % k)
    lower = r.choice([r.randint(40, 300), r.randint(300, 900), r.randint(900, 1800)])
    upper = int(lower * r.uniform(0.5, 0.9))
    total = lower + upper
    size = ("เล็ก" if total <= 499 else "กลาง" if total <= 1499
            else "ใหญ่" if total <= 2499 else "ใหญ่พิเศษ")
    return [size, DISTRICTS[k % len(DISTRICTS)], str(lower), str(upper), str(max(4, total // 20))]


def schools():
    r = random.Random(3508)
    codes = sorted(r.sample(range(350001, 350990), N_SCHOOLS))
    out = []
    for k, code in enumerate(codes):
        out.append(("%06d" % code, "โรงเรียน%s%s" % (PLACES[k], SUFFIX[r.randrange(len(SUFFIX))])))
    rows = [["ทะเบียนหน่วยงานในสังกัด %s" % OFFICE_NAME, "", "", ""] + [""] * len(FIGURE_COLUMNS),
            ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภท", "สังกัด"] + FIGURE_COLUMNS,
            [OFFICE, OFFICE_NAME, "office", ""] + [""] * len(FIGURE_COLUMNS)]
    rows += [[c, n, "school", OFFICE] + school_figures(k) for k, (c, n) in enumerate(out)]
    rows.append(list(BAD_UNIT) + [""] * len(FIGURE_COLUMNS))
    # as Thai Windows saves a CSV: Windows-874, CR LF
    write("units/ทะเบียนโรงเรียน.csv", csv_text(rows).encode("cp874"))
    return out


# ---------------------------------------------------------------- values
def level(r):
    return r.choice([2, 3, 3, 4, 4, 4, 5])


def school_value(ind, k, fy, m):
    """School k's value of ind at round m of fy: a string, or (num, den)."""
    code, typ = ind[0], ind[3]
    key = "%s-%d-%d" % (code, k, fy)
    r = random.Random("%s-%d" % (key, m))
    if (code, k, fy, m) in PLANTED:
        return PLANTED[(code, k, fy, m)]
    if code == "M101":      # a running total: ~470 a school a year, > 10,000 for the office
        year = random.Random(key).randint(380, 560)
        return str(year // 2 if m == 6 else year)
    if code == "M103":
        return str(r.randint(0, 2))
    if code in ("M303",):
        return str(r.randint(70, 97))
    if code == "M305":
        return str(r.randint(62, 94))
    if typ == "level":
        return str(level(r))
    if typ == "yesno":
        return "ใช่" if r.random() < 0.92 else "ไม่ใช่"
    if code in ("M201", "M202"):  # cumulative: the numerator grows, the base stays
        base = random.Random(key)
        den = base.randint(300, 1400) if code == "M201" else base.randint(20, 80)
        rate = {"M201": base.uniform(0.001, 0.009), "M202": base.uniform(0.55, 0.98)}[code]
        share = 0.5 if m == 6 else 1.0
        num = int(den * rate * share) if code == "M201" else int(den * min(1.0, rate * (0.9 if m == 6 else 1.0)))
        return (num, den)
    if code in ("M301", "M306"):
        den = r.randint(80, 420)
        return (int(den * r.uniform(0.42, 0.78)), den)
    if typ == "text":
        return r.choice(INNOVATIONS)
    raise ValueError(code)


INNOVATIONS = ["ห้องเรียนกลับด้านวิชาวิทยาศาสตร์ด้วยคลิปวิดีโอที่ครูผลิตเอง",
               "โครงงานฐานชุมชนเรื่องการแปรรูปผลผลิตทางการเกษตรในท้องถิ่น",
               "ชุดกิจกรรมคณิตศาสตร์เชิงรุกสำหรับนักเรียนชั้นมัธยมศึกษาปีที่ 2",
               "ระบบติดตามการมาเรียนผ่านแอปพลิเคชันร่วมกับผู้ปกครอง"]
NARR = {
    "result": ["โรงเรียนคัดกรองนักเรียนครบทุกห้องเรียนและจัดครูที่ปรึกษาดูแลรายบุคคล",
               "จัดกิจกรรมห้องเรียนสีขาวและเครือข่ายผู้ปกครองเฝ้าระวังยาเสพติด",
               "ครูแนะแนวจัดตลาดนัดการศึกษาต่อร่วมกับสถาบันอาชีวศึกษาในจังหวัด"],
    "problems": ["นักเรียนบางส่วนต้องช่วยครอบครัวทำงานในช่วงฤดูเก็บเกี่ยว",
                 "ครูมีภาระงานสอนมาก ทำให้การเยี่ยมบ้านนักเรียนล่าช้า",
                 "การเดินทางมาเรียนของนักเรียนในพื้นที่ห่างไกลยังไม่ปลอดภัย"],
    "suggestions": ["ควรจัดสรรทุนการศึกษาต่อเนื่องให้นักเรียนกลุ่มเสี่ยงหลุดออกจากระบบ",
                    "ขอความร่วมมือองค์กรปกครองส่วนท้องถิ่นจัดรถรับส่งนักเรียน",
                    "ควรพัฒนาครูแนะแนวด้านการให้คำปรึกษาเชิงจิตวิทยา"],
}

# Planted values (indicator, school index, fiscal year, months) -> value
PLANTED = {
    ("M302", 12, 2567, 12): "7",       # a level out of range: E-RANGE, the form is refused
    ("M301", 30, 2568, 12): (5, 410),  # a percentage far below the others (W-OUTLIER)
}
# the first form of school 5, 2567 6 months, said 14 accidents; its corrected
# form a few days later says 4 (the newer accepted submission supersedes)
FIRST_TRY = {"M103": "14"}
# school 12's refused 12-month form of 2567 is sent again with the level fixed
CORRECTED_LEVEL = "4"
# schools that send nothing in a round, and schools late in a round
MISSING = {(2567, 6): {3, 27}, (2567, 12): {33}, (2568, 6): {8}, (2568, 12): {19, 36}}
LATE = {(2567, 6): {2, 17, 25}, (2567, 12): {9, 21}, (2568, 6): {14, 29, 38}, (2568, 12): {6}}
UNKNOWN_SCHOOL = "359999"  # PLANTED: a row for a school not in the unit list (2567, 6 months)
DUPLICATE = (7, 2568, 6)   # PLANTED: this school's form, copied byte for byte under another name


def thai_date(iso):
    y, m, d = map(int, iso.split("-"))
    return "%d/%d/%d" % (d, m, y + 543)


def sent_on(k, fy, m):
    dl = DEADLINES[fy][m]
    y, mo, d = map(int, dl.split("-"))
    r = random.Random("date-%d-%d-%d" % (k, fy, m))
    if k in LATE[(fy, m)]:
        return "%04d-%02d-%02d" % (y, mo, r.randint(14, 27))
    return "%04d-%02d-%02d" % (y, mo - 1 if r.random() < .4 else mo, r.randint(1, 9))


# ---------------------------------------------------------------- XML forms
def form(sch, k, fy, m, date, override=None):
    code, name = sch
    r = random.Random("narr-%d-%d-%d" % (k, fy, m))
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<!-- แบบรายงานผลการดำเนินงาน %s ปีงบประมาณ %d รอบ %d เดือน -->' % (name, fy, m),
         '<submission xmlns="urn:tidtam:submission:1" unit="%s" fiscal-year="%d" round="%d" submitted="%s">'
         % (code, fy, m, date)]
    for ind in indicators(fy):
        if ind[11] != "form" or str(m) not in ind[10].split():
            continue
        if ind[0] == "M304" and k % 2:     # the optional text: only half the schools write it
            continue
        v = school_value(ind, k, fy, m)
        if override and ind[0] in override:
            v = override[ind[0]]
        x.append('  <value indicator="%s">%s</value>' % (ind[0], escape(v)))
    for ic in ("M102", "M302"):
        x.append('  <narrative indicator="%s">' % ic)
        for f in ("result", "problems", "suggestions"):
            x.append('    <%s>%s</%s>' % (f, r.choice(NARR[f]), f))
        x.append('  </narrative>')
    x.append('</submission>')
    return ("\n".join(x) + "\n").encode("utf-8")


# ---------------------------------------------------------------- XLSX
def col(n):
    s = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


class Workbook:
    """A minimal OOXML workbook written by hand: shared strings, numbers,
    a merged title, several sheets."""

    def __init__(self):
        self.strings, self.index, self.sheets = [], {}, []

    def s(self, text):
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def add_sheet(self, name, rows, merge=None):
        xs = []
        for i, row in enumerate(rows):
            cells = []
            for j, v in enumerate(row):
                ref = "%s%d" % (col(j), i + 1)
                if v is None or v == "":
                    continue
                if isinstance(v, (int, float)):
                    cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                else:
                    cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, self.s(v)))
            xs.append('<row r="%d">%s</row>' % (i + 1, "".join(cells)))
        m = '<mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % merge if merge else ""
        self.sheets.append((name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                            '<sheetData>%s</sheetData>%s</worksheet>' % ("".join(xs), m)))

    def bytes(self, target):
        parts = {}
        parts["[Content_Types].xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                      for i in range(len(self.sheets))) +
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>')
        parts["_rels/.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
        parts["xl/workbook.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                      for i, (n, _) in enumerate(self.sheets)) + '</sheets></workbook>')
        parts["xl/_rels/workbook.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                      for i in range(len(self.sheets))) +
            '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            % (len(self.sheets) + 1) + '</Relationships>')
        for i, (_, xml) in enumerate(self.sheets):
            parts["xl/worksheets/sheet%d.xml" % (i + 1)] = xml
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
            % (len(self.strings), len(self.strings))
            + "".join('<si><t xml:space="preserve">%s</t></si>' % escape(t) for t in self.strings) + '</sst>')
        p = path(target)
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
            for name in parts:
                zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, parts[name].encode("utf-8"))


def workbook(schs, fy, m):
    inds = [i for i in indicators(fy) if i[11] == "xlsx" and str(m) in i[10].split()]
    head = ["รหัสโรงเรียน", "ชื่อโรงเรียน", "ปีงบประมาณ", "รอบ", "วันที่ส่ง"]
    for ind in inds:
        if ind[3] == "percent":
            head += ["%s (ตัวตั้ง)" % ind[1], "%s (ตัวหาร)" % ind[1]]
        else:
            head.append(ind[1])
    rows = [["สรุปผลการดำเนินงานตามตัวชี้วัดของโรงเรียนในสังกัด รอบ %d เดือน ปีงบประมาณ พ.ศ. %d" % (m, fy)],
            ["%s (รวบรวมโดยกลุ่มนโยบายและแผน)" % OFFICE_NAME],
            [],
            head]
    for k, (code, name) in enumerate(schs):
        if k in MISSING[(fy, m)]:
            continue
        row = [int(code) if k % 3 else code, name, fy, "รอบ %d เดือน" % m, thai_date(sent_on(k, fy, m))]
        for ind in inds:
            v = school_value(ind, k, fy, m)
            if isinstance(v, tuple):
                row += [v[0], v[1]]
            else:
                row.append(int(v) if v.isdigit() else v)
        rows.append(row)
    if (fy, m) == (2567, 6):   # PLANTED: a school the unit list does not have
        row = [UNKNOWN_SCHOOL, "โรงเรียนที่ไม่มีในทะเบียน", fy, "รอบ %d เดือน" % m, thai_date(DEADLINES[fy][m])]
        for ind in inds:
            row += [50, 100] if ind[3] == "percent" else [3 if ind[3] == "level" else 400]
        rows.append(row)
    wb = Workbook()
    wb.add_sheet("คำชี้แจง", [["คำชี้แจงการกรอกข้อมูล"],
                               ["1. กรอกข้อมูลหนึ่งแถวต่อหนึ่งโรงเรียน"],
                               ["2. ตัวชี้วัดร้อยละให้กรอกตัวตั้งและตัวหาร"]])
    wb.add_sheet("ผลรายโรงเรียน", rows, merge="A1:%s1" % col(len(head) - 1))
    wb.bytes("submissions/%d/รอบ%d/สรุปผลรายโรงเรียน-%d-รอบ%d.xlsx" % (fy, m, fy, m))


# ---------------------------------------------------------------- long sheets
def long_sheets(schs, fy, m):
    inds = [i for i in indicators(fy) if i[11] == "long" and str(m) in i[10].split()]
    half = len(schs) // 2
    for part, ks in (("ก", range(0, half)), ("ข", range(half, len(schs)))):
        rows = [["รหัสโรงเรียน", "ตัวชี้วัด", "ปีงบประมาณ", "รอบ", "ตัวตั้ง", "ตัวหาร", "หมายเหตุ", "วันที่ส่ง"]]
        for k in ks:
            if k in MISSING[(fy, m)]:
                continue
            for ind in inds:
                num, den = school_value(ind, k, fy, m)
                # the second part names indicators by their exact Thai name
                rows.append([schs[k][0], ind[0] if part == "ก" else ind[1], str(fy), str(m),
                             "{:,}".format(num), "{:,}".format(den), "", sent_on(k, fy, m)])
        write("submissions/%d/รอบ%d/ร้อยละรายโรงเรียน-ส่วน%s.csv" % (fy, m, part),
              csv_text(rows).encode("cp874"))


# ---------------------------------------------------------------- the office's own
OFFICE_VALUES = {
    (2567, 6): {"M401": (19_845_000, 43_500_000), "M402": "38", "M404": "เร่งรัดการเบิกจ่ายงบลงทุนและนิเทศโรงเรียนขนาดเล็กครบทุกโรง"},
    (2567, 12): {"M401": (40_020_000, 43_500_000), "M402": "47", "M403": "ผ่าน", "M404": "เบิกจ่ายได้ตามเป้าหมาย นิเทศแบบผสมผสานออนไลน์และลงพื้นที่"},
    (2568, 6): {"M401": (22_310_000, 46_200_000), "M402": "35", "M404": "ปรับแผนการนิเทศให้สอดคล้องกับกรอบการติดตามใหม่"},
    (2568, 12): {"M401": (41_580_000, 46_200_000), "M402": "41", "M403": "ไม่ผ่าน", "M404": "การเบิกจ่ายงบลงทุนล่าช้าจากการประกวดราคา"},
}
OFFICE_LATE = {(2568, 12)}


def office_sheet(fy):
    rows = [["รหัสหน่วยงาน", "ตัวชี้วัด", "ปีงบประมาณ", "รอบ", "ค่า", "ตัวตั้ง", "ตัวหาร", "หมายเหตุ", "วันที่ส่ง"]]
    for m in (6, 12):
        dl = DEADLINES[fy][m]
        day = dl[:8] + ("20" if (fy, m) in OFFICE_LATE else "05")
        for code, v in OFFICE_VALUES[(fy, m)].items():
            if isinstance(v, tuple):
                rows.append([OFFICE, code, str(fy), "ไตรมาส %d" % (m // 3), "", str(v[0]), str(v[1]), "งบดำเนินงานและงบลงทุน", thai_date(day)])
            else:
                rows.append([OFFICE, code, str(fy), "ไตรมาส %d" % (m // 3), v, "", "", "", thai_date(day)])
    # Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tabs
    write("submissions/%d/ผลของสำนักงานเขต-%d.csv" % (fy, fy), csv_text(rows, "\t").encode("utf-16"))


def standards_sheet(fy):
    """The office's sheet of its standards' indicators, both rounds of a year."""
    rows = [["รหัสหน่วยงาน", "ตัวชี้วัด", "ปีงบประมาณ", "รอบ", "ค่า", "ตัวตั้ง", "ตัวหาร", "หมายเหตุ", "วันที่ส่ง"]]
    for m in (6, 12):
        day = DEADLINES[fy][m][:8] + "03"
        for code, v in STANDARD_VALUES[(fy, m)].items():
            num, den = v if isinstance(v, tuple) else ("", "")
            rows.append([OFFICE, code, str(fy), str(m), "" if isinstance(v, tuple) else v,
                         str(num), str(den), "", day])
    write("submissions/%d/มาตรฐานสำนักงานเขต-%d.csv" % (fy, fy), csv_text(rows).encode("utf-8"))


def projects():
    names = [("SP-01", "โครงการป้องกันและแก้ไขปัญหายาเสพติดในสถานศึกษา", "SA1", "GUID", 520000),
             ("SP-02", "โครงการพัฒนาระบบดูแลช่วยเหลือนักเรียนมัธยมศึกษา", "SA1", "GUID", 340000),
             ("SP-03", "โครงการทุนการศึกษาเพื่อนักเรียนยากจน", "SA2", "PLANS", 1850000),
             ("SP-04", "โครงการตลาดนัดแนะแนวการศึกษาต่อ", "SA2", "GUID", 260000),
             ("SP-05", "โครงการยกระดับผลสัมฤทธิ์ทางการเรียนระดับมัธยมศึกษา", "SA3", "ACADS", 980000),
             ("SP-06", "โครงการนิเทศ ติดตามและประเมินผลโรงเรียนมัธยมศึกษา", "SA4", "SUPS", 410000)]
    rows = [["แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567 %s" % OFFICE_NAME],
            ["รหัสโครงการ", "ชื่อโครงการ", "ด้าน", "กลุ่มงาน", "งบประมาณที่ได้รับ",
             "เบิกจ่ายไตรมาส 1", "เบิกจ่ายไตรมาส 2", "เบิกจ่ายไตรมาส 3", "เบิกจ่ายไตรมาส 4", "ปีงบประมาณ"]]
    r = random.Random(35)
    for code, name, area, group, budget in names:
        spent = [round(budget * r.uniform(.1, .28), 2) for _ in range(4)]
        rows.append([code, name, area, group, "{:,.2f}".format(budget)] + ["{:,.2f}".format(s) for s in spent] + ["2567"])
    write("projects/แผนปฏิบัติการ-2567.csv", csv_text(rows).encode("cp874"))


def extra_projects():
    """A second sheet of the plan, added during the year: one project spent
    over its budget (the report flags it)."""
    rows = [["รหัสโครงการ", "ชื่อโครงการ", "ด้าน", "กลุ่มงาน", "งบประมาณที่ได้รับ",
             "เบิกจ่ายไตรมาส 1", "เบิกจ่ายไตรมาส 2", "เบิกจ่ายไตรมาส 3", "เบิกจ่ายไตรมาส 4", "ปีงบประมาณ"],
            ["SP-07", "โครงการค่ายพัฒนาทักษะชีวิตนักเรียนมัธยมศึกษา", "SA1", "GUID", "150,000.00",
             "42,500.00", "51,250.00", "38,900.00", "29,350.00", "2567"]]
    write("projects/โครงการเพิ่มเติม-2567.csv", csv_text(rows).encode("utf-8"))


def submissions(schs):
    for fy in YEARS:
        for m in (6, 12):
            rdir = "submissions/%d/รอบ%d" % (fy, m)
            for k, sch in enumerate(schs):
                if k in MISSING[(fy, m)]:
                    continue
                date = sent_on(k, fy, m)
                if (fy, m, k) == (2567, 6, 5):
                    # PLANTED: a first form, then the corrected one five days later
                    write("%s/แบบรายงาน/%s.xml" % (rdir, sch[0]), form(sch, k, fy, m, date, FIRST_TRY))
                    y, mo, d = map(int, date.split("-"))
                    later = "%04d-%02d-%02d" % (y, mo, d + 5)
                    write("%s/แบบรายงาน/%s-ฉบับแก้ไข.xml" % (rdir, sch[0]), form(sch, k, fy, m, later))
                    continue
                data = form(sch, k, fy, m, date)
                write("%s/แบบรายงาน/%s.xml" % (rdir, sch[0]), data)
                if (fy, m, k) == (2567, 12, 12):
                    # the refused form (level 7) sent again, fixed, before the deadline
                    write("%s/แบบรายงาน/%s-ส่งใหม่.xml" % (rdir, sch[0]),
                          form(sch, k, fy, m, DEADLINES[fy][m], {"M302": CORRECTED_LEVEL}))
                if (k, fy, m) == DUPLICATE:
                    write("%s/สำเนา/%s (1).xml" % (rdir, sch[0]), data)
            workbook(schs, fy, m)
            long_sheets(schs, fy, m)
        office_sheet(fy)
        standards_sheet(fy)


def xml_text(text, attr=False):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attr else text


# the budget of a secondary office: (plan, [(output or project, [(type, allocated, spent)])])
BUDGET = {
    2567: [("แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
            [("ผลผลิตผู้จบการศึกษามัธยมศึกษาตอนต้น", [("งบบุคลากร", 1250000, 1248500),
                                                      ("งบดำเนินงาน", 860000, 791250.50)]),
             ("ผลผลิตผู้จบการศึกษามัธยมศึกษาตอนปลาย", [("งบดำเนินงาน", 640000, 598000),
                                                       ("งบลงทุน", 2400000, 1950000)])]),
           ("แผนงานยุทธศาสตร์สร้างความเสมอภาคทางการศึกษา",
            [("โครงการสนับสนุนค่าใช้จ่ายในการจัดการศึกษาตั้งแต่ระดับอนุบาลจนจบการศึกษาขั้นพื้นฐาน",
              [("งบเงินอุดหนุน", 5300000, 5300000)])]),
           ("แผนงานบุคลากรภาครัฐ",
            [("รายการค่าใช้จ่ายบุคลากรภาครัฐ", [("งบบุคลากร", 3100000, 2980000),
                                                ("งบรายจ่ายอื่น", 150000, 96000)])])],
    2568: [("แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
            [("ผลผลิตผู้จบการศึกษามัธยมศึกษาตอนต้น", [("งบดำเนินงาน", 900000, 912000)]),
             ("ผลผลิตผู้จบการศึกษามัธยมศึกษาตอนปลาย", [("งบดำเนินงาน", 700000, 455000)])]),
           ("แผนงานยุทธศาสตร์พัฒนาศักยภาพคนตลอดช่วงชีวิต",
            [("โครงการยกระดับคุณภาพการเรียนรู้ภาษาอังกฤษ", [("งบดำเนินงาน", 350000, 120000)])])],
}


def profile(fy):
    """The office's profile of fy: a secondary office, no learning results;
    2567's under profile/, 2568's elsewhere, known by its root."""
    p = lambda tag, items: ["    <%s>" % tag] + ["      <p>%s</p>" % xml_text(t) for t in items] + ["    </%s>" % tag]
    items = lambda tag, v: ["    <%s>" % tag] + ["      <item>%s</item>" % xml_text(t) for t in v] + ["    </%s>" % tag]
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<profile xmlns="urn:tidtam:profile:1" office="%s" fiscal-year="%d">' % (OFFICE, fy),
         '  <general>',
         '    <address>ศาลากลางจังหวัดหลังเก่า ถนนราชดำเนิน ตำบลภูผาทอง อำเภอภูผาทอง</address>',
         '    <districts>'] + ['      <district>%s</district>' % d for d in DISTRICTS] + [
         '    </districts>']
    x += p("duties", ["จัดทำนโยบาย แผนพัฒนา และมาตรฐานการศึกษามัธยมศึกษาของเขตพื้นที่การศึกษา",
                      "กำกับ ดูแล ติดตาม และประเมินผลสถานศึกษาระดับมัธยมศึกษาในเขตพื้นที่การศึกษา"])
    x += ['  </general>', '  <structure>']
    for name, staff in [("กลุ่มอำนวยการ", 6), ("กลุ่มนโยบายและแผน", 4), ("กลุ่มบริหารงานบุคคล", 5),
                        ("กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา", 7 if fy == 2567 else 8),
                        ("หน่วยตรวจสอบภายใน", 2)]:
        x.append('    <group name="%s" staff="%d"/>' % (xml_text(name, True), staff))
    x += ['  </structure>', '  <staff>',
          '    <position type="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา" count="1"/>',
          '    <position type="รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา" count="2"/>',
          '    <position type="ศึกษานิเทศก์" count="%d"/>' % (7 if fy == 2567 else 8),
          '    <position type="บุคลากรทางการศึกษาอื่น" count="16"/>',
          '  </staff>', '  <direction>',
          '    <vision>นักเรียนมัธยมศึกษามีคุณภาพ พร้อมก้าวสู่การศึกษาระดับสูงและการมีงานทำ</vision>']
    x += items("mission", ["จัดการศึกษามัธยมศึกษาให้ทั่วถึงและมีคุณภาพ", "พัฒนาครูให้จัดการเรียนรู้เชิงรุก"])
    x += items("goals", ["นักเรียนมีสมรรถนะตามหลักสูตร", "สถานศึกษาบริหารจัดการอย่างมีประสิทธิภาพ"])
    x += items("strategies", ["ยกระดับคุณภาพการจัดการศึกษามัธยมศึกษา", "ส่งเสริมการแนะแนวและการมีงานทำ",
                              "พัฒนาระบบบริหารจัดการ"])
    x += ['  </direction>', '  <budget>']
    for plan, outs in BUDGET[fy]:
        x.append('    <plan name="%s">' % xml_text(plan, True))
        for out, exps in outs:
            x.append('      <output name="%s">' % xml_text(out, True))
            x += ['        <expense type="%s" allocated="%.2f" spent="%.2f"/>' % e for e in exps]
            x.append('      </output>')
        x.append('    </plan>')
    x += ['  </budget>', '  <synthesis>']
    x += p("problems", ["ครูสาขาวิชาขาดแคลนในโรงเรียนขนาดเล็ก",
                        "นักเรียนออกกลางคันเพื่อไปทำงานในช่วงฤดูเก็บเกี่ยว"])
    x += p("recommendations", ["จัดสรรอัตรากำลังครูตามสาขาที่ขาดแคลนเป็นลำดับแรก"])
    x += ['  </synthesis>', '  <appendix>', '    <makers>',
          '      <maker name="นางปราณี ภูผาสุข" position="นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ"/>',
          '    </makers>', '  </appendix>', '</profile>']
    rel = "profile/%d.xml" % fy if fy == 2567 else "ข้อมูลสำนักงาน/ข้อมูลพื้นฐาน-%d.xml" % fy
    write(rel, ("\n".join(x) + "\n").encode("utf-8"))


# ---------------------------------------------------------------- practices
def practices(schs):
    """Practices of another shape: an award of the office with one tall
    photograph, a school's work without photographs, in FY 2568."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "gen_photos", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-photos.py"))
    ph = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ph)

    def form(unit, kind, title, by, paras, photos):
        return ph.practice_xml(unit, "๒๕๖๘", kind, title, by, paras, photos).encode("utf-8")

    d = "ผลงานเด่น/2568/"
    write(d + "รางวัลยาเสพติด/ผลงาน.xml", form(
        OFFICE, "award", "รางวัลหน่วยงานต้นแบบการป้องกันและแก้ไขปัญหายาเสพติดในสถานศึกษา",
        "กลุ่มส่งเสริมการจัดการศึกษา",
        ["สำนักงานเขตพื้นที่การศึกษาได้รับรางวัลหน่วยงานต้นแบบระดับประเทศ จากการขับเคลื่อนมาตรการห้องเรียนสีขาวในโรงเรียนมัธยมศึกษาทุกโรง ร่วมกับตำรวจภูธรจังหวัดและสาธารณสุขอำเภอ",
         "โรงเรียนในสังกัดคัดกรองนักเรียนกลุ่มเสี่ยงด้วยระบบดูแลช่วยเหลือนักเรียน ส่งต่อนักเรียนที่ต้องการความช่วยเหลือ และจัดกิจกรรมทางเลือกหลังเลิกเรียน ทำให้จำนวนนักเรียนกลุ่มเสี่ยงลดลงจากปีก่อน",
         "คณะกรรมการตัดสินชื่นชมการใช้ข้อมูลจากการรายงานผลของโรงเรียนทุกรอบในการติดตามและปรับมาตรการ"],
        [("ภาพมอบรางวัล.jpg", "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษารับรางวัลหน่วยงานต้นแบบ")]))
    ph.photo(os.path.join(OUT, d, "รางวัลยาเสพติด/ภาพมอบรางวัล.jpg"), "ceremony", 540, 960, 35)
    s = schs[3]
    write(d + "โรงเรียนสุจริต/ผลงาน.xml", form(
        s[0], "best-practice", "โรงเรียนสุจริต สร้างนิสัยพอเพียงด้วยสหกรณ์ร้านค้านักเรียน", s[1],
        ["นักเรียนบริหารสหกรณ์ร้านค้าเอง ตั้งแต่การสั่งซื้อ การขาย และการทำบัญชี ครูที่ปรึกษาตรวจบัญชีทุกสิ้นเดือน และรายงานผลต่อที่ประชุมผู้ปกครอง"],
        []))


if __name__ == "__main__":
    for fy in YEARS:
        framework(fy)
    s = schools()
    submissions(s)
    projects()
    for fy in YEARS:
        profile(fy)
    practices(s)
    extra_projects()
    print("schools: %d, indicators: %s" % (len(s), ", ".join("%d: %d" % (fy, len(indicators(fy))) for fy in YEARS)))
