#!/bin/sh
# The index pages in a real browser: headless Chromium opens them from the
# folder (file://, no server), its DOM holds the Thai text and every link
# the file has, and its screenshots are PNGs of the page size, kept in
# tests/out/ to be looked at.  On the demo and on the second office.
. "$(dirname "$0")/lib.sh"
OUT="$TOP/tests/out"
mkdir -p "$OUT"
browse() { # NAME PAGE: screenshot and DOM of PAGE
	chromium --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" \
		--screenshot="$WORK/$1.png" --window-size=1280,1600 "file://$PWD/$2" \
		>/dev/null 2>>"$WORK/chromium.txt"
	chromium --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/profile" \
		--dump-dom "file://$PWD/$2" >"$WORK/$1.dom" 2>>"$WORK/chromium.txt"
	check "$1: chromium wrote a screenshot" [ -s "$WORK/$1.png" ]
	check "$1: it is a PNG" sh -c "head -c 8 '$WORK/$1.png' | od -An -tx1 | tr -d ' \n' | grep -qx 89504e470d0a1a0a"
	size=$(od -An -tu1 -j16 -N8 "$WORK/$1.png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
	check "$1: of the window's size (1280x1600, got $size)" [ "$size" = 1280x1600 ]
	check "$1: of a non-trivial size ($(wc -c <"$WORK/$1.png") bytes: a blank page is a few kB)" \
		[ "$(wc -c <"$WORK/$1.png")" -gt 40000 ]
	cp "$WORK/$1.png" "$OUT/t0093-$1.png"
	echo "screenshot: tests/out/t0093-$1.png"
	check "$1: the DOM is the page in Thai (lang th)" grep -q '<html lang="th">' "$WORK/$1.dom"
	want=$(grep -o '<a [^>]*href=' "$2" | wc -l)
	got=$(grep -o '<a [^>]*href=' "$WORK/$1.dom" | wc -l)
	check "$1: the DOM holds every link of the file ($got of $want)" [ "$want" -gt 0 -a "$got" -eq "$want" ]
}
names() { # OFFICE FY: the office's name and its first school's, as the page prints them
	sqlite3 output/tidtam.db "SELECT name FROM unit WHERE code = '$1';
		SELECT name FROM unit WHERE kind = 'school' ORDER BY code LIMIT 1" |
		sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/'
}
office_page() { # NAME OFFICE FY
	browse "$1" output/reports/$3/$2/index.html
	names $2 $3 >names.txt
	while read -r n; do
		check "$1: the DOM shows '$n'" grep -qF "$n" "$WORK/$1.dom"
	done <names.txt
	check "$1: the DOM shows the Thai year" grep -qF "ปีงบประมาณ พ.ศ. $(echo $3 | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/')" "$WORK/$1.dom"
	check "$1: the DOM shows the rounds and receipts headings" \
		sh -c "grep -qF 'เดือน</th>' '$WORK/$1.dom' && grep -qF 'ใบตอบรับ</h2>' '$WORK/$1.dom'"
}

run_once "$TOP/input" "$WORK/demo"
browse demo-index output/index.html
check "demo-index: the DOM shows the title" grep -qF 'ดัชนีรายงานและใบตอบรับ</h1>' "$WORK/demo-index.dom"
office_page demo-office 3101 2567

office2_run
office_page office2-office SPM35 2568
done_testing
