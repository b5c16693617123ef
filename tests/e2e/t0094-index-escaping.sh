#!/bin/sh
# The index pages escape every text from the database (a school named with
# <script>, &, quotes), and link whatever files lie beside a report, card
# or receipt by their extension, not from a fixed list: a .json beside a
# receipt or a validation report is a link in the same row, a file of
# another name in cards/ is listed, and a receipt folder of a unit nobody
# knows is listed on the top page.  On the demo and on the second office.
. "$(dirname "$0")/lib.sh"
NAME="<script>alert(1)</script> & 'q' \"x\""
CSVNAME='"<script>alert(1)</script> & '\''q'\'' ""x"""'
SEDNAME=$(printf '%s' "$CSVNAME" | sed 's/&/\\&/g')
# the name escaped, its digit made Thai as the reports print names
ESCAPED="&lt;script&gt;alert(๑)&lt;/script&gt; &amp; &#39;q&#39; &quot;x&quot;"

extras() { # OFFICE FY SCHOOL
	db=output/tidtam.db
	check "$1: the unit list took the name as written" \
		[ "$(sqlite3 $db "SELECT name FROM unit WHERE code = '$3'")" = "$NAME" ]
	page=output/reports/$2/$1/index.html
	check "$1: the page holds the name escaped" grep -qF "$ESCAPED" $page
	check "$1: no script on any page" sh -c "! grep -qi '<script' output/index.html output/reports/*/*/index.html"
	receipt=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE receipt LIKE 'receipts/$2/$3/%' LIMIT 1")
	check "$1: school $3 has a receipt" [ -s "$receipt" ]
	echo '{}' >"${receipt%.txt}.json"
	echo '{}' >output/reports/$2/$1/validation-$2-12m.json
	echo x >output/reports/$2/$1/cards/notes-by-hand.pdf
	mkdir -p output/receipts/$2/NOBODY && echo x >output/receipts/$2/NOBODY/lost.csv.txt
	tidtam render -q -t "$TOP/templates" 2>/dev/null
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "$1: every link resolves, every file linked: $(grep -m3 problem walk.txt)" [ $? -eq 0 ]
	# links are percent-encoded (Thai file names); the row's links in order
	python3 -c 'import re, sys, urllib.parse as u
print("\n".join(u.unquote(h) + " " + t for h, t in re.findall("href=\"([^\"]*)\">([^<]*)<", open(sys.argv[1], encoding="utf-8").read())))' \
		$page >links.txt
	rel=${receipt#output/}
	pdf=$(sqlite3 $db "SELECT 'output/' || receipt_pdf || '#page=' || receipt_page FROM file WHERE 'output/' || receipt = '$receipt'")
	pdf=${pdf#output/}
	grep -B1 -A1 -xF "../../../$rel TXT" links.txt >row.txt
	printf '%s\n' "../../../$pdf PDF" "../../../$rel TXT" "../../../${rel%.txt}.json JSON" >want-row.txt
	check "$1: the receipt's JSON is a link in its row, after its page of the PDF and TXT ($(tr '\n' ' ' <row.txt))" \
		cmp -s want-row.txt row.txt
	check "$1: the validation report's JSON in its row" \
		grep -qF "href=\"validation-$2-12m.csv\">CSV</a> <a class=\"f\" href=\"validation-$2-12m.json\">JSON</a>" $page
	check "$1: a file of another name in cards/ listed among other cards" \
		sh -c "grep -qF 'บัตรอื่น ๆ' $page && grep -qF 'href=\"cards/notes-by-hand.pdf\"' $page"
	check "$1: the receipts of an unknown unit on the top page" \
		grep -qF "href=\"receipts/$2/NOBODY/lost.csv.txt\"" output/index.html
}

# the demo: its unit list is UTF-8
mkdir "$WORK/demo" && cp -r "$TOP/input" "$WORK/demo/input" && cd "$WORK/demo" || exit 3
sed -i "s|^1031010001,[^,]*,|1031010001,$SEDNAME,|" input/units/units-2567.csv
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
extras 3101 2567 1031010001

# the second office: its unit list is Windows-874
cd "$WORK" || exit 3
cp -r "$TOP/tests/data/office2/input" "$WORK/input"
u="input/units/ทะเบียนโรงเรียน.csv"
iconv -f cp874 -t utf-8 "$u" | sed "s|^350017,[^,]*,|350017,$SEDNAME,|" | iconv -f utf-8 -t cp874 >units.tmp && mv units.tmp "$u"
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
extras SPM35 2568 350017
done_testing
