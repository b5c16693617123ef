#!/bin/sh
# Every part of the annual report an office's inputs call for is there, in
# the PDF's outline and in its contents, for the demo (2567) and the second
# office (2567 and 2568): which parts are due is worked out here from the
# input files alone (framework dimensions, networks in the unit list,
# projects, the office profile and what it holds, practice forms and how
# many photographs they name), and a part the inputs do not call for is
# not there.
. "$(dirname "$0")/lib.sh"

parts() { # INPUT FY PDF: one line per verdict, "ok WHAT" or "not WHAT"
	qpdf --json --json-key=outlines "$3" >outline.json
	python3 - "$1" "$2" "$3" outline.json <<'PY'
import csv, glob, json, os, re, subprocess, sys
import xml.etree.ElementTree as ET

inp, fy, pdf, outline = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
FW, PR, PC = "{urn:tidtam:framework:1}", "{urn:tidtam:profile:1}", "{urn:tidtam:practice:1}"
digits = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
flat = lambda s: re.sub(r"\s+", "", s.translate(digits))

def text_of(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "utf-16", "cp874"):
        try:
            return raw.decode(enc)
        except UnicodeError:
            pass
    return ""

def xml_roots():
    for path in glob.glob(os.path.join(inp, "**", "*.xml"), recursive=True):
        try:
            yield path, ET.parse(path).getroot()
        except ET.ParseError:
            pass

fw = ET.parse(os.path.join(inp, "framework", fy + ".xml")).getroot()
profile = practices = None
photos_named = []
for path, root in xml_roots():
    if root.tag == PR + "profile" and root.get("fiscal-year") == fy:
        profile = root
    if root.tag == PC + "practice" and root.get("fiscal-year", "").translate(digits) == fy:
        practices = (practices or 0) + 1
        photos_named.append(len(root.findall(".//" + PC + "photo")))

kinds = set()
for path in glob.glob(os.path.join(inp, "units", "**", "*.csv"), recursive=True):
    text = text_of(path)
    kinds |= set(re.findall(r"\b(network|เครือข่าย)\b", text))
projects = [p for p in glob.glob(os.path.join(inp, "projects", "**", "*.csv"), recursive=True)
            if fy in text_of(p)]

# (title words, due?) in the template's order
due = [("คำนำ", True), ("สารบัญ", True), ("บทสรุปสำหรับผู้บริหาร", True),
       ("ข้อมูลพื้นฐาน", profile is not None),
       ("ทิศทางการพัฒนา", profile is not None and profile.find(PR + "direction") is not None),
       ("ผลการดำเนินงานตามนโยบายและกลยุทธ์", True)]
for d in fw.iter(FW + "dimension"):
    has_areas = any(a.get("dimension") == d.get("code") for a in fw.iter(FW + "policy-area"))
    due.append((d.get("name"), has_areas))
due += [("ผลการดำเนินงานรายเครือข่ายสถานศึกษา", bool(kinds)),
        ("โครงการและการใช้จ่ายงบประมาณ", bool(projects)),
        ("ความครบถ้วนและความทันเวลาของการรายงาน", True),
        ("ผลงานดีเด่น รางวัล และแนวปฏิบัติที่ดี", bool(practices)),
        ("สรุปผลการดำเนินงาน", True),
        ("ปัญหา อุปสรรค และข้อเสนอแนะ",
         profile is not None and profile.find(PR + "synthesis") is not None),
        ("ภาคผนวก ข แหล่งข้อมูล", True),
        ("ภาคผนวก ค คำสั่งแต่งตั้งคณะทำงานและคณะผู้จัดทำ",
         profile is not None and profile.find(PR + "appendix") is not None),
        # a practice shows four photos; more are in the appendix
        ("ภาคผนวก ง ภาพกิจกรรม", any(n > 4 for n in photos_named)),
        ("สารบัญตาราง", True), ("สารบัญภาพ", True)]

top = [o["title"] for o in json.load(open(outline))["outlines"]]
first = {o["title"]: o["destpageposfrom1"] for o in json.load(open(outline))["outlines"]}
c = first["สารบัญ"]
last = min(p for p in first.values() if p > c) - 1
contents = flat(subprocess.run(["pdftotext", "-f", str(c), "-l", str(last), pdf, "-"],
                               capture_output=True, text=True).stdout)
for words, want in due:
    in_outline = any(words in t for t in top)
    in_contents = flat(words) in contents or words in ("สารบัญ",)
    if want:
        print(("ok " if in_outline else "not ") + "%s: '%s' in the outline" % (fy, words))
        print(("ok " if in_contents else "not ") + "%s: '%s' in the contents" % (fy, words))
    else:
        print(("ok " if not in_outline else "not ") + "%s: '%s' left out" % (fy, words))
print("ok %s: %d parts due of %d" % (fy, sum(w for _, w in due), len(due)))
PY
}

verdicts() { # FILE of verdicts
	while read -r verdict rest; do
		if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
	done <"$1"
}

run_once "$TOP/input" "$WORK/demo"
check "demo run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
pdf=output/reports/2567/3101/annual-2567.pdf
check "demo: the annual report is made" [ -s "$pdf" ]
parts "$TOP/input" 2567 "$pdf" >verdicts.txt
check "demo: the parts due worked out" grep -q 'parts due' verdicts.txt
verdicts verdicts.txt

run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
for fy in 2567 2568; do
	pdf=output/reports/$fy/SPM35/annual-$fy.pdf
	check "office2 $fy: the annual report is made" [ -s "$pdf" ]
	parts "$TOP/tests/data/office2/input" $fy "$pdf" >verdicts.txt
	check "office2 $fy: the parts due worked out" grep -q 'parts due' verdicts.txt
	verdicts verdicts.txt
done
done_testing
