#!/bin/sh
# The index pages are written again only when what they list changed: a
# run with nothing new (even at another time: no clock on the page) leaves
# both files as they were (same inode, same modification time); a new input
# file, whose receipt appears, changes its office's page, which then links
# it; a card deleted by hand is made again and linked; a rejected and a held
# submission are counted and their receipts marked.  On the demo and on the
# second office.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/tools/index-checks.sh"
stamp() { stat -c '%i %y' output/index.html output/reports/2567/$1/index.html; }
unchanged_then_new() { # OFFICE NEW-FILE-FROM NEW-FILE-TO
	office=$1
	stamp $office >before.txt
	sleep 1
	SOURCE_DATE_EPOCH=2000000000 tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	stamp $office >after.txt
	check "$office: a run with nothing new leaves both index pages untouched (inode, mtime): $(diff before.txt after.txt | tr '\n' ' ')" \
		cmp -s before.txt after.txt
	cp output/reports/2567/$office/index.html page-before.html
	# a new file: a copy of a sheet under a new name, with a blank line more
	# so that it is not taken for the same file moved
	cp "input/$2" "input/$3"
	printf '\r\n' >>"input/$3"
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	receipt=$(sqlite3 output/tidtam.db "SELECT 'output/' || receipt FROM file WHERE path = '$3'")
	check "$office: the new file has a receipt ($receipt)" [ -s "$receipt" ]
	check "$office: its office page changed" sh -c "! cmp -s page-before.html output/reports/2567/$office/index.html"
	# links are percent-encoded (a Thai file name is bytes %E0%B8…)
	python3 -c 'import re, sys, urllib.parse as u
print("\n".join(u.unquote(h) for h in re.findall("href=\"([^\"]*)\"", open(sys.argv[1], encoding="utf-8").read())))' \
		output/reports/2567/$office/index.html >links.txt
	rel=${receipt#output/}
	pdf=$(part_pdf "$3")
	pdf=${pdf#output/}
	check "$office: the page links the new receipt's text and its page of the PDF (${rel%.txt}, $pdf#page=$(part_page "$3"))" \
		sh -c "grep -qxF '../../../$pdf#page=$(part_page "$3")' links.txt && grep -qxF '../../../$rel' links.txt"
	card=$(ls output/reports/2567/$office/cards/ | head -1)
	rm "output/reports/2567/$office/cards/$card"
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	check "$office: a card deleted by hand is made again ($card)" [ -s "output/reports/2567/$office/cards/$card" ]
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "$office: after the changes every link resolves and every file is linked: $(grep -m3 problem walk.txt)" [ $? -eq 0 ]
}

# A school that sent nothing for round 12 sends a sheet with an unknown
# indicator (rejected); the round is approved; then a form for it arrives
# (held).  The counts and the receipts' status follow, as the database says.
rejected_then_held() { # OFFICE FY FORM
	school=$(sqlite3 output/tidtam.db "SELECT code FROM unit u WHERE kind = 'school'
		AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.unit_code = u.code
		AND s.fiscal_year = $2 AND s.round = 12) ORDER BY code LIMIT 1")
	printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\n%s,NOPE99,%s,12,1,,,,%s\n' \
		"$school" "$2" "$(($2 - 543))-10-20" >"input/late-$school.csv"
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	tidtam approve -q --fy "$2" --round 12 --by "ผู้ทดสอบ" --force
	cp "input/$3" "input/$3-again.xml" && echo >>"input/$3-again.xml"
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	index_checks
	page=output/reports/$2/$1/index.html
	check "$1: round 12 shows 1 rejected and 1 held" \
		grep -qF "<td class=\"n rejected\">๑</td><td class=\"n held\">๑</td>" $page
	check "$1: the school that sent an unknown indicator ($school) is listed as rejected" \
		grep -q "<td class=\"rejected-units\">[^<]* <span class=\"code\">($school)</span></td>" $page
	check "$1: its receipt says ไม่รับ" grep -qF "<td class=\"code\">late-$school.csv</td><td class=\"st-rejected\">ไม่รับ</td>" $page
	check "$1: the form after the approval: its receipt says พักไว้" \
		grep -qF "<td class=\"code\">$3-again.xml</td><td class=\"st-held\">พักไว้</td>" $page
}

run_once "$TOP/input" "$WORK/demo"
unchanged_then_new 3101 submissions/2567/12m/office-12m.csv submissions/2567/12m/office-12m-again.csv
rejected_then_held 3101 2567 submissions/2567/12m/forms/1031010001.xml

office2_run
f=$(cd input && find . -name '*.csv' -path '*2567*' | sed 's|^\./||' | sort | head -1)
unchanged_then_new SPM35 "$f" "$(dirname "$f")/again-$(basename "$f")"
rejected_then_held SPM35 2567 "submissions/2567/รอบ12/แบบรายงาน/350017.xml"
done_testing
