#!/bin/sh
# The index pages are written again only when what they list changed: a
# run with nothing new (even at another time: no clock on the page) leaves
# both files as they were (same inode, same modification time); a new input
# file, whose receipt appears, changes its office's page, which then links
# it; a card deleted by hand is made again and linked.  On the demo and on
# the second office.
. "$(dirname "$0")/lib.sh"
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
	receipt=$(sqlite3 output/tidtam.db "SELECT receipt FROM file WHERE path = '$3'")
	check "$office: the new file has a receipt ($receipt)" [ -s "$receipt" ]
	check "$office: its office page changed" sh -c "! cmp -s page-before.html output/reports/2567/$office/index.html"
	# links are percent-encoded (a Thai file name is bytes %E0%B8…)
	python3 -c 'import re, sys, urllib.parse as u
print("\n".join(u.unquote(h) for h in re.findall("href=\"([^\"]*)\"", open(sys.argv[1], encoding="utf-8").read())))' \
		output/reports/2567/$office/index.html >links.txt
	rel=${receipt#output/}
	check "$office: the page links the new receipt's PDF and text (${rel%.txt})" \
		sh -c "grep -qxF '../../../${rel%.txt}.pdf' links.txt && grep -qxF '../../../$rel' links.txt"
	card=$(ls output/reports/2567/$office/cards/ | head -1)
	rm "output/reports/2567/$office/cards/$card"
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	check "$office: a card deleted by hand is made again ($card)" [ -s "output/reports/2567/$office/cards/$card" ]
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "$office: after the changes every link resolves and every file is linked: $(grep -m3 problem walk.txt)" [ $? -eq 0 ]
}

mkdir "$WORK/demo" && cp -r "$TOP/input" "$WORK/demo/input" && cd "$WORK/demo" || exit 3
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
unchanged_then_new 3101 submissions/2567/12m/office-12m.csv submissions/2567/12m/office-12m-again.csv

office2_run
f=$(cd input && find . -name '*.csv' -path '*2567*' | sed 's|^\./||' | sort | head -1)
unchanged_then_new SPM35 "$f" "$(dirname "$f")/again-$(basename "$f")"
done_testing
