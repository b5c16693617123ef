#!/bin/sh
# Completeness and timeliness of the second test office, per fiscal year and
# round (6 and 12 months only): units expected, received, on time, late,
# missing, accepted, and values owed and present (an optional indicator is
# not owed) in the database, and units sent of those due, the percentage on
# time and of values present in each year's annual report (a column per
# round), equal what expect-office2.py counts from the input files.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
check "completeness expected for 2 years x 2 rounds" [ "$(grep -c '^complete' expected.txt)" -eq 4 ]
db=output/tidtam.db
office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
check "the completeness table has the rounds of the frameworks only (6, 12)" \
	[ "$(sqlite3 $db "SELECT group_concat(DISTINCT round) FROM (SELECT round FROM completeness ORDER BY round)")" = "6,12" ]
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
for fy in 2567 2568; do
	pdf=output/reports/$fy/$office/annual-$fy.pdf
	[ -s "$pdf" ] && pdftotext -layout "$pdf" - | arabic >annual-$fy.txt
done
while IFS="$(printf '\t')" read -r kind fy rnd exp rec on late acc vexp vpres; do
	[ "$kind" = complete ] || continue
	want="$exp|$rec|$on|$late|$((exp - rec))|$acc"
	got=$(sqlite3 $db "SELECT expected, received, on_time, late, missing, accepted
		FROM completeness WHERE fiscal_year = $fy AND round = $rnd AND unit_code = '$office'")
	check "$fy ${rnd}m units (expected|received|on time|late|missing|accepted): stored $got, expected $want" \
		[ "$got" = "$want" ]
	got=$(sqlite3 $db "SELECT values_expected FROM completeness
		WHERE fiscal_year = $fy AND round = $rnd AND unit_code = '$office'")
	check "$fy ${rnd}m values owed (an optional indicator is not owed): stored $got, expected $vexp" \
		[ "$got" = "$vexp" ]
	got=$(sqlite3 $db "SELECT values_present FROM completeness
		WHERE fiscal_year = $fy AND round = $rnd AND unit_code = '$office'")
	check "$fy ${rnd}m values owed and present: stored $got, expected $vpres" \
		[ "$got" = "$vpres" ]
	# the annual report's completeness table: a column per round (6, 12), a
	# row each for units sent / due, % on time and % of values present
	col=$((rnd / 6))
	pct=$(awk -v p=$vpres -v e=$vexp 'BEGIN{printf "%.2f", p / e * 100}')
	ontime=$(awk -v o=$on -v e=$exp 'BEGIN{printf "%.2f", o / e * 100}')
	got=$(grep 'จำนวนหน่วยงานที่ส่งข้อมูลแล้ว / ที่ต้องส่ง' annual-$fy.txt | grep -oE '[0-9,]+ / [0-9,]+' | sed -n "${col}p")
	check "$fy ${rnd}m: the annual report's completeness column says $rec / $exp units sent ($got)" \
		[ "$got" = "$rec / $exp" ]
	got=$(grep 'ร้อยละของหน่วยงานที่ส่งตรงเวลา' annual-$fy.txt | grep -oE '[0-9.]+' | sed -n "${col}p")
	check "$fy ${rnd}m: the annual report's completeness column says $ontime % on time ($got)" \
		[ "$got" = "$ontime" ]
	got=$(grep 'ร้อยละความครบถ้วนของข้อมูล' annual-$fy.txt | grep -oE '[0-9]+\.[0-9]+' | sed -n "${col}p")
	check "$fy ${rnd}m: the annual report's completeness column says $pct % of values present ($got)" \
		[ "$got" = "$pct" ]
done <expected.txt

# The validation report's group table counts the units that owe each group's
# indicators: the schools for school indicators, the office for its own.
# 2026-12-02: only schools were counted, and the office was never listed.
for fy in 2567 2568; do
	for rnd in 6 12; do
		pdf=output/reports/$fy/SPM35/validation-$fy-${rnd}m.pdf
		[ -s "$pdf" ] || { not_ok "$pdf not written"; continue; }
		pdftotext -layout "$pdf" - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >val.txt
		python3 - input/framework/$fy.xml $rnd "$(grep -c '^school' expected.txt)" >groups.txt <<'PY'
import re, sys
import xml.etree.ElementTree as ET
ns = "{urn:tidtam:framework:1}"
root = ET.parse(sys.argv[1]).getroot()
rnd, schools = sys.argv[2], int(sys.argv[3])
want = []
for g in root.iter(ns + "group"):
    s = o = 0
    for i in root.iter(ns + "indicator"):
        a = i.attrib
        if a["group"] != g.attrib["code"] or a.get("required", "true") == "false" \
           or rnd not in a.get("rounds", "3 6 9 12").split():
            continue
        if a.get("submitter", "school") == "school":
            s += 1
        else:
            o += 1
    if s or o:
        want.append((s + o, schools * (s > 0) + (o > 0)))
got = []
for line in open("val.txt"):
    m = re.match(r"\S.*?\s{2,}(\d+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\.\d+\s*$", line)
    if m and not line.startswith("สำนักงาน"):
        got.append((int(m.group(1)), int(m.group(2))))
print("%s %s" % ("ok" if got == want else "not", "groups (indicators, units owing): %s, expected %s" % (got, want)))
PY
		read -r verdict rest <groups.txt
		if [ "$verdict" = ok ]; then ok; else not_ok "$fy ${rnd}m: $rest"; fi
		check "$fy ${rnd}m: the office is listed among the units that owe data" grep -q '^SPM35 ' val.txt
	done
done
done_testing
