#!/usr/bin/env python3
"""One office's year as a single long CSV, for `make bench` (section long).

Usage: gen-long.py DIR SCHOOLS

Writes DIR/input/: the national benchmark's framework and profile of office
1001 (tools/gen-national.py, 30 indicators, 4 rounds), a unit list of that
office with SCHOOLS schools in networks of 20, and
submissions/1001/2567/long-all.csv: every school's 30 values of every round,
one row a value (unit, indicator, fiscal_year, round, value, numerator,
denominator, note, submitted), as gen-national.py draws them (levels, yes/no,
counts, running counts, percentages as numerator and denominator).
8,334 schools make 1,000,080 values (40 MB).  Deterministic.
"""
import os, random, re, shutil, subprocess, sys

if len(sys.argv) != 3:
    sys.exit("usage: gen-long.py DIR SCHOOLS")
DIR, SCHOOLS = sys.argv[1], int(sys.argv[2])
IN = os.path.join(DIR, "input")
shutil.rmtree(DIR, ignore_errors=True)
subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen-national.py"),
                os.path.join(DIR, "national"), "1", "120"], check=True, stdout=subprocess.DEVNULL)
os.makedirs(os.path.join(IN, "units"))
os.makedirs(os.path.join(IN, "submissions/1001/2567"))
for part in ("framework", "profile"):
    shutil.copytree(os.path.join(DIR, "national/input", part), os.path.join(IN, part))
shutil.rmtree(os.path.join(DIR, "national"))
with open(os.path.join(IN, "framework/2567.xml"), encoding="utf-8") as f:
    inds = re.findall(r'<indicator code="(\w+)"[^>]*type="(\w+)"[^>]*cumulative="(\w+)"', f.read())
assert len(inds) == 30, inds
r = random.Random(16)
with open(os.path.join(IN, "units/1001.csv"), "w", encoding="utf-8") as f:
    f.write("code,name,kind,parent\n1001,สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบุรีรัมย์ เขต 1,office,\n")
    for n in range((SCHOOLS + 19) // 20):
        f.write("1001-N%03d,เครือข่ายพัฒนาคุณภาพการศึกษาที่ %d,network,1001\n" % (n + 1, n + 1))
    for k in range(SCHOOLS):
        f.write("10100%05d,โรงเรียนบ้านทดสอบ %d,school,1001-N%03d\n" % (k + 1, k + 1, k // 20 + 1))
deadline = {3: (2024, 1), 6: (2024, 4), 9: (2024, 7), 12: (2024, 10)}
with open(os.path.join(IN, "submissions/1001/2567/long-all.csv"), "w", encoding="utf-8",
          newline="") as f:
    f.write("unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\r\n")
    for k in range(SCHOOLS):
        unit = "10100%05d" % (k + 1)
        pace = r.randint(0, 6)
        for q, m in enumerate((3, 6, 9, 12), 1):
            y, mo = deadline[m]
            day = "%04d-%02d-%02d" % (y, mo, r.randint(1, 14))
            rows = []
            for code, typ, cum in inds:
                if typ == "level":
                    v = (str(r.choice((2, 3, 3, 4, 4, 4, 5))), "", "")
                elif typ == "yesno":
                    v = ("yes" if r.random() < 0.92 else "no", "", "")
                elif typ == "number":
                    v = (str(pace * q) if cum == "true" else str(r.randint(0, 9)), "", "")
                else:
                    den = r.randint(15, 60)
                    v = ("", str(min(den, int(den * r.uniform(0.6, 1.0)))), str(den))
                rows.append("%s,%s,2567,%d,%s,%s,%s,,%s\r\n" % (unit, code, m, v[0], v[1], v[2], day))
            f.write("".join(rows))
