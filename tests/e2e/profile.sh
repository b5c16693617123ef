# Checks shared by the profile tests (t0170, t0171): in a run folder, the
# annual report of office $1 and year $2 holds what its profile and unit
# list say (tests/tools/expect-profile.py computes it from the input files):
# each part in the contents and the outline, and none that has nothing;
# budget totals, what remains and what was overspent; schools by size and
# district, students by level, teachers.
profile_checks() {
	o=$1 fy=$2 pdf=output/reports/$2/$1/annual-$2.pdf
	python3 "$TOP/tests/tools/expect-profile.py" input "$o" "$fy" >expect-$fy.txt
	check "$o $fy: expectations computed" [ -s expect-$fy.txt ]
	[ -s "$pdf" ] || { not_ok "$o $fy: no annual report $pdf"; return; }
	check "$o $fy: qpdf --check passes" sh -c "qpdf --check '$pdf' >/dev/null"
	pdftotext -layout "$pdf" - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >annual-$fy.txt
	tr -d ' \n' <annual-$fy.txt >flat-$fy.txt
	# the contents: the lines with a dotted leader on its pages, from its
	# outline entry's page to the page before the next page an entry starts
	# on (the lists of tables and figures follow it, their entries last)
	pages=$(qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
c = [x["destpageposfrom1"] for x in o if x["title"] == "สารบัญ"][0]
print(c, min(x["destpageposfrom1"] for x in o if x["destpageposfrom1"] > c) - 1)')
	check "$o $fy: the contents found ($pages)" [ -n "$pages" ]
	pdftotext -layout -f "${pages% *}" -l "${pages#* }" "$pdf" - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' |
		grep -E '(\. ?){3,} *[0-9]+ *$' | sed -E 's/ *(\. ?){3,} *[0-9]+ *$//; s/^ +//' >toc-$fy.txt
	qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
def walk(items):
    for o in items:
        yield o["title"]
        yield from walk(o.get("kids", []))
for t in walk(json.load(sys.stdin)["outlines"]):
    print(t.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))' >outline-$fy.txt
	for all in ข้อมูลทั่วไป อำนาจหน้าที่ โครงสร้างการบริหารและกลุ่มงาน บุคลากรในสำนักงาน \
		สถานศึกษาจำแนกตามขนาด สถานศึกษาจำแนกตามอำเภอ นักเรียนจำแนกตามระดับชั้น \
		ครูในสถานศึกษา ผลสัมฤทธิ์ทางการเรียน วิสัยทัศน์ พันธกิจ เป้าประสงค์ กลยุทธ์ จุดเน้น \
		งบประมาณที่ได้รับจัดสรร ปัญหาและอุปสรรค ข้อเสนอแนะ \
		แนวทางการดำเนินงานในปีงบประมาณต่อไป คำสั่งแต่งตั้งคณะทำงาน คณะผู้จัดทำรายงาน; do
		if grep -qxF "part	$all" expect-$fy.txt; then
			check "$o $fy: '$all' in the contents" grep -qxF "$all" toc-$fy.txt
			check "$o $fy: '$all' in the outline" grep -qxF "$all" outline-$fy.txt
		else
			check "$o $fy: no '$all' in the contents (nothing for it)" sh -c "! grep -qxF '$all' toc-$fy.txt"
			check "$o $fy: no '$all' in the outline" sh -c "! grep -qxF '$all' outline-$fy.txt"
		fi
	done
	# the profile's three parts under the titles the annual template gives them
	python3 -c '
import sys, xml.etree.ElementTree as ET
ns = "{urn:tidtam:report:1}"
root = ET.parse(sys.argv[1]).getroot()
for part in ("profile-basics", "profile-direction", "profile-synthesis"):
    e = root.find(ns + part)
    print("" if e is None else e.get("title", "").translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
' "$TOP/templates/reports/annual.xml" >parts-$fy.txt
	check "$o $fy: the annual template titles the profile's three parts" \
		[ "$(grep -c . parts-$fy.txt)" -eq 3 ]
	while IFS= read -r sec; do
		[ -n "$sec" ] || continue
		check "$o $fy: '$sec' in the contents and outline" sh -c \
			"grep -qxF '$sec' toc-$fy.txt && grep -qxF '$sec' outline-$fy.txt"
	done <parts-$fy.txt
	tab=$(printf '\t')
	while IFS="$tab" read -r what a b c d e; do
		case $what in
		budget)
			check "$o $fy: the budget's total row: $a $b $c $d" \
				grep -qE "^ *รวมทั้งสิ้น +$a +$b +-?$c +$d *$" annual-$fy.txt
			check "$o $fy: the sentence gives the total $a and spent $b" \
				grep -qF "รวม${a}บาทเบิกจ่ายแล้ว${b}บาท" flat-$fy.txt ;;
		over)
			check "$o $fy: the overspend of '$a' of '$b' ($c) named in words" \
				grep -qF "${a}ของ$(echo "$b" | tr -d ' ')เบิกจ่ายเกินวงเงินที่ได้รับ${c}บาท" flat-$fy.txt
			check "$o $fy: its row shows -$c left" grep -qE " -$c +[0-9]" annual-$fy.txt ;;
		size | district)
			check "$o $fy: $what $a: $b schools ($c %), $d students, $e teachers" \
				grep -qE "^ *$a +$b +$c +$d +$e *$" annual-$fy.txt ;;
		level)
			check "$o $fy: $b students in $a" grep -qE "^ *$a +$b +[0-9.]+ *$" annual-$fy.txt ;;
		teachers)
			check "$o $fy: $b teachers in $a schools, $c students" \
				grep -qF "จำนวนครู${a}โรงมีครูรวม${b}คนนักเรียนของสถานศึกษาเหล่านี้${c}คน" flat-$fy.txt ;;
		groups)
			check "$o $fy: the work groups' staff add up to $a" grep -qE "^ *รวม +$a *$" annual-$fy.txt ;;
		esac
	done <expect-$fy.txt
	if ! grep -q "^over" expect-$fy.txt; then
		check "$o $fy: no overspend, none flagged" sh -c "! grep -qF 'เบิกจ่ายเกินวงเงิน' flat-$fy.txt"
	fi
}
