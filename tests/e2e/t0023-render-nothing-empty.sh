#!/bin/sh
# Regression (issue 12, item 2): an office with networks whose headline
# indicators are reported at 6 and 12 months only got, in its 3-month
# progress report, a networks section of "-" and ranking tables headed
# "ข้อมูลรอบ ๐ เดือน จากโรงเรียนที่มีผล ๐ โรง".  A part with nothing to
# show is left out of the report and its contents: the networks section
# before the headline indicators' first round, a policy area none of whose
# indicators is reported yet, a ranking no school has a result for, the
# data-quality parts with nothing in them.  What each report should hold is
# read from the framework and the input files.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" --networks input
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "run exits 1 (files refused on purpose)" [ $? -eq 1 ]
D=output/reports/2568/4021
FW=input/framework/2568.xml
thai() { sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/'; }

# from the framework: the headline indicators' rounds, each area's rounds
python3 - "$FW" >plan.txt <<'PY'
import re, sys
xml = open(sys.argv[1], encoding="utf-8").read()
for area in re.findall(r'<policy-area code="[^"]+" name="([^"]+)">(.*?)</policy-area>', xml, re.S):
    rounds = set()
    for r in re.findall(r'rounds="([^"]+)"', area[1]):
        rounds |= {int(x) for x in r.split()}
    print("area\t%s\t%d" % (area[0], min(rounds)))
for code, attrs in re.findall(r'<indicator code="([^"]+)"([^>]*)>', xml):
    if 'headline="' in attrs:
        r = [int(x) for x in re.search(r'rounds="([^"]+)"', attrs).group(1).split()]
        print("headline\t%s\t%d" % (code, min(r)))
PY
first=$(awk -F'\t' '$1 == "headline" {print $3}' plan.txt | sort -n | head -n 1)
check "the headline indicators start after 3 months (at $first)" [ "$first" -gt 3 ]

for m in 3 6 9 12; do
	pdftotext -layout $D/progress-2568-${m}m.pdf p$m.txt
	toc=$(sed -n '/^สารบัญ/,/^ภาคผนวก ข/p' p$m.txt)
	if [ $m -lt $first ]; then
		check "$m months: no networks section" sh -c "! grep -q 'รายเครือข่าย' p$m.txt"
		check "$m months: no ranking of round 0" sh -c "! grep -q 'ข้อมูลรอบ ๐' p$m.txt"
	else
		check "$m months: the networks section, in the contents too" \
			sh -c "grep -q '^ผลการดำเนินงานรายเครือข่ายสถานศึกษา *\\.' p$m.txt"
		for code in $(awk -F'\t' '$1 == "headline" {print $2}' plan.txt); do
			check "$m months: a ranking of $code" grep -q "สูงสุดและต่ำสุด ตัวชี้วัด $code" p$m.txt
		done
	fi
	# every area reported by this round is there, in the contents; the others are not
	while IFS="$(printf '\t')" read -r kind name start; do
		[ "$kind" = area ] || continue
		if [ "$start" -le $m ]; then
			check "$m months: area '$name' shown and in the contents" \
				sh -c "[ \$(grep -c 'ด้านที่ .* $name' p$m.txt) -ge 2 ]"
		else
			check "$m months: area '$name' (first reported at $start months) left out" \
				sh -c "! grep -q '^ *ด้านที่ .* $name' p$m.txt"
		fi
	done <plan.txt
	check "$m months: no empty ranking" sh -c "! grep -q 'จากโรงเรียนที่มีผล ๐ โรง' p$m.txt"
done
# a 6-month ranking names as many schools as sent a value for LRN01 that was accepted:
# every school of the long files, and of the wide sheet all but the one refused ("maybe")
n6=$(python3 - <<'PY'
import csv, glob
n = 0
for p in glob.glob("input/submissions/2568/6m/*.csv"):
    rows = list(csv.DictReader(open(p, encoding="utf-8")))
    if "indicator" in rows[0]:
        n += sum(1 for r in rows if r["indicator"] == "LRN01")
    else:
        n += sum(1 for r in rows if r["GOODPRAC"] in ("มี", "ไม่มี"))
print(n)
PY
)
check "6 months: LRN01 ranked from the $n6 schools with a result" \
	grep -q "ข้อมูลรอบ ๖ เดือน จากโรงเรียนที่มีผล $(echo $n6 | thai) โรง" p6.txt
# the 3-month report holds no row "reported later" as if it were missing
row=$(grep -E '^ *LRN01 ' p3.txt | head -n 1)
check "3 months: LRN01 is not yet due, not 'no result' ($row)" sh -c "echo '$row' | grep -q 'ยังไม่ถึงรอบ$'"
# the data-quality appendix of 3 months: its only rejection was replaced the same day
check "3 months: no rejected-files part" sh -c "! grep -q 'ไฟล์ที่ไม่ผ่านการตรวจสอบ *\\.' p3.txt"
check "3 months: the appendix says the data have no problem" grep -q 'ไม่พบปัญหาในข้อมูลฉบับล่าสุด' p3.txt
check "3 months: no PDF failed" sh -c "! grep -q 'not made' err.txt"

# the small office without networks: still no network part anywhere
rm -rf input output
python3 "$TOP/tests/tools/gen-small-office.py" input 2567
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
for f in output/reports/2567/2032/annual-2567.pdf output/reports/2567/2032/progress-2567-6m.pdf; do
	check "$f: no networks section" sh -c "! pdftotext $f - | grep -q 'รายเครือข่าย'"
done
done_testing
