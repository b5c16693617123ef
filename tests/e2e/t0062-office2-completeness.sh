#!/bin/sh
# Completeness and timeliness of the second test office, per fiscal year and
# round (6 and 12 months only): units expected, received, on time, late,
# missing, accepted, and values owed and present (an optional indicator is
# not owed), in the database and in each year's annual report, equal what
# expect-office2.py counts from the input files.
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
	pct=$(awk -v p=$vpres -v e=$vexp 'BEGIN{printf "%.2f", p / e * 100}')
	check "$fy ${rnd}m: the annual report's completeness row reads $exp $rec $on $late $((exp - rec)) $acc $pct%" \
		grep -qE " $rnd เดือน +$exp +$rec +$on +$late +$((exp - rec)) +$acc +$pct%" annual-$fy.txt 2>/dev/null
done <expected.txt
done_testing
