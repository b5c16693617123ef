#!/usr/bin/env python3
"""The input of a national machine for `make bench`: OFFICES area offices of
about SCHOOLS schools each, one fiscal year (2567), 30 indicators, 4 rounds.

Usage: gen-national.py DIR OFFICES [SCHOOLS]   (SCHOOLS default 120)

Writes DIR/input/, one drop folder as a national machine holds it:
  framework/2567.xml                  the year's framework, every office's
  units/<office>.csv                  each office's unit list
  profile/<office>.xml                each office's profile of the year
  projects/<office>/action-plan-2567.csv   each office's action plan
  submissions/<office>/2567/<m>m/...  its schools' submissions per round
and DIR/values.csv, every school value of DIR/input/ as one long sheet
(unit,indicator,fiscal_year,round,value,numerator,denominator): what the
benchmark gives `sqlite3 .import` as its baseline.

Offices differ as real ones do.  Two in three are primary offices
(สพป., code 1001...), whose schools have 10-digit codes and sit in networks
of about 20; their level, count and yes/no indicators come in a wide sheet
per network (CSV, or an XLSX workbook in one such office in four) and their
percentages in a long CSV per network.  The others are secondary offices
(สพม., SPM001...): schools with 6-digit codes directly under the office, one
workbook for the whole office per round (title rows, Thai headers, shared
strings) and the percentages in two long sheets saved as Windows-874.  In
every office each school also sends an XML form a round (eight indicators
and a narrative).  A few schools miss a round and a few are late.

Deterministic: every office is drawn from its own seed, so the first N
offices of a larger run are the same files, and running it again writes
the same bytes (fixed zip timestamps).  Names are invented.  Only the
standard library: XLSX written with zipfile.
"""
import os, random, sys, zipfile
from xml.sax.saxutils import escape

if len(sys.argv) not in (3, 4):
    sys.exit("usage: gen-national.py DIR OFFICES [SCHOOLS]")
DIR, OFFICES = sys.argv[1], int(sys.argv[2])
SCHOOLS = int(sys.argv[3]) if len(sys.argv) == 4 else 120
OUT = os.path.join(DIR, "input")
FY = 2567
ROUNDS = [(3, "2024-01-15"), (6, "2024-04-15"), (9, "2024-07-15"), (12, "2024-10-15")]
GROUPS = [("PLAN", "กลุ่มนโยบายและแผน"), ("ACAD", "กลุ่มส่งเสริมการจัดการศึกษา"),
          ("SUP", "กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา"), ("PERS", "กลุ่มบริหารงานบุคคล")]
AREAS = [("P1", "ด้านความปลอดภัย", "สร้างความปลอดภัยให้ผู้เรียน ครู และสถานศึกษา"),
         ("P2", "ด้านโอกาสและการลดความเหลื่อมล้ำทางการศึกษา", "เพิ่มโอกาสการเข้าถึงการศึกษาที่มีคุณภาพ"),
         ("P3", "ด้านคุณภาพ", "พัฒนาคุณภาพผู้เรียนและการจัดการเรียนรู้")]
TOPICS = ["การดำเนินงานตามมาตรการความปลอดภัย", "การซ้อมแผนเผชิญเหตุ", "การคัดกรองสุขภาพจิต",
          "การแก้ไขการกลั่นแกล้งรังแก", "การติดตามเด็กตกหล่น", "ระบบดูแลช่วยเหลือนักเรียน",
          "ทุนเสมอภาค", "สิ่งอำนวยความสะดวกสำหรับนักเรียนพิการ", "การอ่านออกเขียนได้",
          "การจัดการเรียนรู้เชิงรุก", "การพัฒนาครู", "การเรียนรู้ประวัติศาสตร์",
          "การประเมินคุณภาพภายใน", "ระบบสารสนเทศของสถานศึกษา", "การนิเทศภายใน"]
KIND_NAME = {"level": ("ระดับความสำเร็จของ", "ระดับ"), "number": ("จำนวนครั้งของ", "ครั้ง"),
             "percent": ("ร้อยละของนักเรียนที่ผ่าน", "ร้อยละ"), "yesno": ("สถานศึกษามี", "โรง")}


def indicators():
    """30 indicators: (code, name, type, aggregation, cumulative, target, area, channel).
    Channel: form (XML), wide (a wide sheet), long (a long sheet)."""
    out = []
    for i in range(30):
        typ = ("level", "number", "percent", "yesno", "number", "level")[i % 6]
        agg = {"number": "sum", "level": "mean", "percent": "ratio", "yesno": "count-yes"}[typ]
        cum = typ == "number" and i % 4 == 1
        target = {"level": "4", "number": str(3 * SCHOOLS), "percent": "80", "yesno": str(SCHOOLS * 9 // 10)}[typ]
        channel = "long" if typ == "percent" else ("form" if i < 12 else "wide")
        prefix, _ = KIND_NAME[typ]
        name = "%s%s (%d)" % (prefix, TOPICS[i % len(TOPICS)], i // len(TOPICS) + 1)
        out.append(("N%02d" % (i + 1), name, typ, agg, cum, target, AREAS[i // 10][0], channel))
    return out


INDS = indicators()


def write(rel, data):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)


def csv_text(rows, sep=","):
    def cell(c):
        c = str(c)
        return '"%s"' % c.replace('"', '""') if (sep in c or '"' in c or "\n" in c) else c
    return "".join(sep.join(cell(c) for c in r) + "\r\n" for r in rows)


def framework():
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<framework xmlns="urn:tidtam:framework:1" fiscal-year="%d">' % FY,
         '  <title>กรอบการติดตามและประเมินผลระดับประเทศ ปีงบประมาณ พ.ศ. %d</title>' % FY, '  <rounds>']
    x += ['    <round months="%d" deadline="%s"/>' % r for r in ROUNDS]
    x += ['  </rounds>', '  <groups>'] + ['    <group code="%s" name="%s"/>' % g for g in GROUPS] + ['  </groups>']
    for k, (acode, aname, sname) in enumerate(AREAS):
        x += ['  <policy-area code="%s" name="%s">' % (acode, aname),
              '    <strategy code="%sS1" name="%s">' % (acode, sname)]
        for j, (code, name, typ, agg, cum, target, area, _) in enumerate(INDS):
            if area != acode:
                continue
            extra = ' headline="%d"' % (k + 1) if j % 10 == 0 else ""
            extra += ' jump="20"' if typ == "number" and not cum else ""
            x.append('      <indicator code="%s" name="%s" unit="%s" type="%s" aggregation="%s" cumulative="%s"'
                     ' target="%s" direction="higher" group="%s" submitter="school" rounds="3 6 9 12"%s/>'
                     % (code, name, KIND_NAME[typ][1], typ, agg, "true" if cum else "false", target,
                        GROUPS[j % len(GROUPS)][0], extra))
        x += ['    </strategy>', '  </policy-area>']
    x += ['  <rules>',
          '    <rule code="R-N05" test="N05 &lt;= N02 × 10 + 40"><message lang="th">จำนวนครั้ง ({N05}) มากผิดปกติ</message></rule>',
          '    <rule code="W-N01" severity="warning" test="N01 ≥ 2 when N04 = yes">'
          '<message lang="th">ระดับความสำเร็จเพียง {N01}</message></rule>',
          '  </rules>', '</framework>']
    write("framework/%d.xml" % FY, ("\n".join(x) + "\n").encode("utf-8"))


PROVINCES = ["บุรีรัมย์", "สุรินทร์", "ศรีสะเกษ", "อุบลราชธานี", "ขอนแก่น", "อุดรธานี", "นครราชสีมา",
             "ชัยภูมิ", "เลย", "หนองคาย", "ร้อยเอ็ด", "มหาสารคาม", "กาฬสินธุ์", "สกลนคร", "นครพนม",
             "เชียงใหม่", "เชียงราย", "ลำปาง", "น่าน", "แพร่", "พิษณุโลก", "นครสวรรค์", "สงขลา",
             "นครศรีธรรมราช", "สุราษฎร์ธานี", "ตรัง", "กาญจนบุรี", "ราชบุรี", "เพชรบุรี", "ชลบุรี"]
SYL = ["หนอง", "โนน", "ดอน", "โคก", "นา", "ห้วย", "บึง", "คำ", "ป่า", "ท่า", "วัง", "สระ"]
SYL2 = ["บัว", "แดง", "ใหญ่", "น้อย", "สูง", "ตาล", "ม่วง", "ยาง", "สะแก", "กุ่ม", "ไผ่", "ขาม",
        "จาน", "งิ้ว", "เรือ", "ทอง", "แก้ว", "สว่าง", "เจริญ", "พัฒนา"]


def office_of(o):
    """(code, name, primary) of office o (0-based)."""
    prov, dist = PROVINCES[o % len(PROVINCES)], o // len(PROVINCES) + 1
    if o % 3 == 2:
        return "SPM%03d" % (o + 1), "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา%s เขต %d" % (prov, dist), False
    return "%04d" % (1001 + o), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา%s เขต %d" % (prov, dist), True


def schools_of(o, r):
    """[(code, name, parent)] and the networks [(code, name)] of office o."""
    code, _, primary = office_of(o)
    n = SCHOOLS + r.randint(-SCHOOLS // 10, SCHOOLS // 10)
    nets = [("%s-N%02d" % (code, k + 1), "เครือข่ายพัฒนาคุณภาพการศึกษาที่ %d" % (k + 1))
            for k in range((n + 19) // 20)] if primary else []
    out = []
    for k in range(n):
        name = "โรงเรียนบ้าน%s%s" % (r.choice(SYL), r.choice(SYL2))
        if primary:
            out.append(("10%s%04d" % (code, k + 1), name, nets[k // 20][0]))
        else:
            out.append(("%06d" % (100000 + o * 1000 + k), name.replace("บ้าน", "") + "วิทยา", code))
    return out, nets


def value(r, ind, pace, q):
    typ = ind[2]
    if typ == "level":
        return str(r.choice((2, 3, 3, 4, 4, 4, 5)))
    if typ == "yesno":
        return "yes" if r.random() < 0.92 else "no"
    if typ == "number":
        return str(pace * q) if ind[4] else str(r.randint(0, 9))
    den = r.randint(15, 60)
    return (min(den, int(den * r.uniform(0.6, 1.0))), den)


def submitted(r, months, late):
    dl = dict(ROUNDS)[months]
    y, m = int(dl[:4]), int(dl[5:7])
    if late:
        return "%04d-%02d-%02d" % (y + (m == 12), m % 12 + 1, r.randint(1, 20))
    return "%04d-%02d-%02d" % (y, m, r.randint(1, 14))


def thai_date(iso):
    y, m, d = iso.split("-")
    return "%d/%d/%d" % (int(d), int(m), int(y) + 543)


NARR = {"result": ["ดำเนินการตามแผนครบทุกกิจกรรม", "จัดกิจกรรมร่วมกับชุมชนและท้องถิ่น", "ครูและนักเรียนเข้าร่วมทุกคน"],
        "problems": ["ครูไม่ครบชั้น", "งบประมาณไม่เพียงพอ", "การเดินทางของนักเรียนลำบากในฤดูฝน"],
        "suggestions": ["ควรจัดสรรอัตรากำลังเพิ่ม", "ควรนิเทศอย่างต่อเนื่อง", "ขอความร่วมมือจากท้องถิ่น"]}


def col(n):
    """The letters of column n (0: A, 26: AA)."""
    return (col(n // 26 - 1) if n >= 26 else "") + chr(65 + n % 26)


def xlsx(rel, rows):
    """A workbook of one sheet, strings shared, as Excel writes them."""
    strings, index, xs = [], {}, []
    for i, row in enumerate(rows):
        cells = []
        for j, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = "%s%d" % (col(j), i + 1)
            if isinstance(v, int):
                cells.append('<c r="%s"><v>%d</v></c>' % (ref, v))
            else:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        xs.append('<row r="%d">%s</row>' % (i + 1, "".join(cells)))
    ns = "http://schemas.openxmlformats.org/"
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts = [
        ("[Content_Types].xml", head + '<Types xmlns="%spackage/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>' % ns),
        ("_rels/.rels", head + '<Relationships xmlns="%spackage/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>' % (ns, ns)),
        ("xl/workbook.xml", head + '<workbook xmlns="%sspreadsheetml/2006/main" xmlns:r="%sofficeDocument/2006/relationships">'
         '<sheets><sheet name="ผลรายโรงเรียน" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, ns)),
        ("xl/_rels/workbook.xml.rels", head + '<Relationships xmlns="%spackage/2006/relationships">'
         '<Relationship Id="rId1" Type="%sofficeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         '<Relationship Id="rId2" Type="%sofficeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         '</Relationships>' % (ns, ns, ns)),
        ("xl/worksheets/sheet1.xml", head + '<worksheet xmlns="%sspreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
         % (ns, "".join(xs))),
        ("xl/sharedStrings.xml", head + '<sst xmlns="%sspreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
         % (ns, len(strings), len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % escape(t) for t in strings))),
    ]
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text.encode("utf-8"))


def profile(o, r):
    code, name, primary = office_of(o)
    x = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<profile xmlns="urn:tidtam:profile:1" office="%s" fiscal-year="%d">' % (code, FY),
         '  <general>',
         '    <address>ศาลากลางจังหวัด%s ถนนราชดำเนิน</address>' % PROVINCES[o % len(PROVINCES)],
         '    <area>%d.%02d</area>' % (r.randint(800, 6000), r.randint(0, 99)),
         '  </general>', '  <structure>']
    for _, g in GROUPS:
        x.append('    <group name="%s" staff="%d"/>' % (g, r.randint(4, 14)))
    x += ['  </structure>', '  <staff>',
          '    <position type="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา" count="1"/>',
          '    <position type="ศึกษานิเทศก์" count="%d"/>' % r.randint(6, 16),
          '  </staff>', '  <direction>',
          '    <vision>ผู้เรียนมีคุณภาพ สถานศึกษาได้มาตรฐาน ภายในปี พ.ศ. 2570</vision>',
          '    <mission>', '      <item>จัดการศึกษาให้ทั่วถึงและมีคุณภาพ</item>',
          '      <item>พัฒนาครูให้จัดการเรียนรู้เชิงรุก</item>', '    </mission>',
          '  </direction>', '  <budget>',
          '    <plan name="แผนงานพื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์">',
          '      <output name="%s">' % ("ผลผลิตผู้จบการศึกษาภาคบังคับ" if primary else "ผลผลิตผู้จบการศึกษามัธยมศึกษาตอนปลาย")]
    for t in ("งบดำเนินงาน", "งบเงินอุดหนุน"):
        alloc = r.randrange(200000, 9000000, 100)
        x.append('        <expense type="%s" allocated="%.2f" spent="%.2f"/>' % (t, alloc, alloc * r.uniform(0.7, 0.99)))
    x += ['      </output>', '    </plan>', '  </budget>', '  <synthesis>', '    <problems>',
          '      <p>สถานศึกษาขนาดเล็กมีจำนวนมาก ครูไม่ครบชั้น</p>', '    </problems>', '  </synthesis>',
          '</profile>']
    write("profile/%s.xml" % code, ("\n".join(x) + "\n").encode("utf-8"))


def projects(o, r):
    code, _, _ = office_of(o)
    rows = [["รหัสโครงการ", "ชื่อโครงการ", "ด้าน", "กลุ่มงาน", "งบประมาณที่ได้รับ",
             "เบิกจ่ายไตรมาส 1", "เบิกจ่ายไตรมาส 2", "เบิกจ่ายไตรมาส 3", "เบิกจ่ายไตรมาส 4", "ปีงบประมาณ"]]
    for k in range(r.randint(5, 9)):
        budget = r.randrange(100000, 1500000, 1000)
        rows.append(["%s-P%02d" % (code, k + 1), "โครงการ%s" % TOPICS[(o + k) % len(TOPICS)],
                     AREAS[k % 3][0], GROUPS[k % len(GROUPS)][0], "{:,.2f}".format(budget)]
                    + ["{:,.2f}".format(budget * r.uniform(.1, .3)) for _ in range(4)] + [str(FY)])
    write("projects/%s/action-plan-%d.csv" % (code, FY), csv_text(rows).encode("utf-8"))


def office(o, values_out):
    r = random.Random(2567 * 1000 + o)
    code, name, primary = office_of(o)
    schs, nets = schools_of(o, r)
    units = [["code", "name", "kind", "parent"], [code, name, "office", ""]]
    units += [[c, n, "network", code] for c, n in nets]
    units += [[c, n, "school", p] for c, n, p in schs]
    write("units/%s.csv" % code, csv_text(units).encode("utf-8"))
    profile(o, r)
    projects(o, r)
    pace = [[r.randint(0, 6) for _ in INDS] for _ in schs]
    xlsx_nets = o % 6 == 3    # one primary office in four sends workbooks
    for q, (months, _) in enumerate(ROUNDS, 1):
        missing = set(r.sample(range(len(schs)), max(1, len(schs) // 50)))
        late = set(r.sample(range(len(schs)), max(1, len(schs) // 25)))
        vals, days = {}, {}
        for k, (sc, _, _) in enumerate(schs):
            if k in missing:
                continue
            days[k] = submitted(r, months, k in late)
            for j, ind in enumerate(INDS):
                v = value(r, ind, pace[k][j], q)
                vals[k, j] = v
                if isinstance(v, tuple):
                    values_out.append("%s,%s,%d,%d,,%d,%d\n" % (sc, ind[0], FY, months, v[0], v[1]))
                else:
                    values_out.append("%s,%s,%d,%d,%s,,\n" % (sc, ind[0], FY, months, v))
        rdir = "submissions/%s/%d/%dm" % (code, FY, months)
        form_j = [j for j, i in enumerate(INDS) if i[7] == "form"]
        wide_j = [j for j, i in enumerate(INDS) if i[7] == "wide"]
        long_j = [j for j, i in enumerate(INDS) if i[7] == "long"]
        for k, (sc, sname, _) in enumerate(schs):
            if k not in days:
                continue
            x = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<!-- แบบรายงานผลการดำเนินงาน %s รอบ %d เดือน -->' % (sname, months),
                 '<submission xmlns="urn:tidtam:submission:1" unit="%s" fiscal-year="%d" round="%d" submitted="%s">'
                 % (sc, FY, months, days[k])]
            x += ['  <value indicator="%s">%s</value>' % (INDS[j][0], vals[k, j]) for j in form_j]
            x.append('  <narrative indicator="%s">' % INDS[form_j[0]][0])
            x += ['    <%s>%s</%s>' % (f, NARR[f][(k + q + n) % 3], f) for n, f in enumerate(NARR)]
            x += ['  </narrative>', '</submission>']
            write("%s/forms/%s.xml" % (rdir, sc), ("\n".join(x) + "\n").encode("utf-8"))
        head = ["รหัสโรงเรียน", "ชื่อโรงเรียน", "ปีงบประมาณ", "รอบ", "วันที่ส่ง"] + \
               [INDS[j][1] if n % 2 == 0 else INDS[j][0] for n, j in enumerate(wide_j)]
        long_head = ["unit", "indicator", "fiscal_year", "round", "value", "numerator", "denominator", "note", "submitted"]
        if primary:
            for ncode, _ in nets:
                ks = [k for k, s in enumerate(schs) if s[2] == ncode and k in days]
                tail = ncode.split("-")[-1]
                if xlsx_nets:
                    rows = [head] + [[int(schs[k][0]), schs[k][1], FY, "รอบ %d เดือน" % months, thai_date(days[k])]
                                     + [int(vals[k, j]) if vals[k, j].isdigit() else vals[k, j] for j in wide_j]
                                     for k in ks]
                    xlsx("%s/wide-%s.xlsx" % (rdir, tail), rows)
                else:
                    rows = [head] + [[schs[k][0], schs[k][1], FY, "รอบ %d เดือน" % months, days[k]]
                                     + [vals[k, j] for j in wide_j] for k in ks]
                    write("%s/wide-%s.csv" % (rdir, tail), csv_text(rows).encode("utf-8"))
                rows = [long_head] + [[schs[k][0], INDS[j][0], FY, months, "", vals[k, j][0], vals[k, j][1], "", days[k]]
                                      for k in ks for j in long_j]
                write("%s/long-%s.csv" % (rdir, tail), csv_text(rows).encode("utf-8"))
        else:
            ks = sorted(days)
            rows = [["สรุปผลการดำเนินงานตามตัวชี้วัดของโรงเรียนในสังกัด รอบ %d เดือน ปีงบประมาณ พ.ศ. %d" % (months, FY)],
                    ["%s (รวบรวมโดยกลุ่มนโยบายและแผน)" % name], [], head]
            rows += [[schs[k][0] if k % 3 == 0 else int(schs[k][0]), schs[k][1], FY, "รอบ %d เดือน" % months,
                      thai_date(days[k])] + [int(vals[k, j]) if vals[k, j].isdigit() else vals[k, j] for j in wide_j]
                     for k in ks]
            xlsx("%s/สรุปผลรายโรงเรียน-%d-รอบ%d.xlsx" % (rdir, FY, months), rows)
            half = len(ks) // 2
            for part, kk in (("ก", ks[:half]), ("ข", ks[half:])):
                rows = [["รหัสโรงเรียน", "ตัวชี้วัด", "ปีงบประมาณ", "รอบ", "ตัวตั้ง", "ตัวหาร", "หมายเหตุ", "วันที่ส่ง"]]
                rows += [[schs[k][0], INDS[j][0], FY, months, vals[k, j][0], vals[k, j][1], "", days[k]]
                         for k in kk for j in long_j]
                write("%s/ร้อยละรายโรงเรียน-ส่วน%s.csv" % (rdir, part), csv_text(rows).encode("cp874"))
    return len(schs)


if __name__ == "__main__":
    framework()
    schools = 0
    with open(os.path.join(DIR, "values.csv"), "w", encoding="utf-8") as vf:
        vf.write("unit,indicator,fiscal_year,round,value,numerator,denominator\n")
        for o in range(OFFICES):
            buf = []
            schools += office(o, buf)
            vf.write("".join(buf))
    print("offices: %d, schools: %d, indicators: %d" % (OFFICES, schools, len(INDS)))
