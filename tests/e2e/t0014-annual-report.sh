#!/bin/sh
# The annual report as an office signs it: every indicator's 12-month result
# and status equal what is computed here from the input files; the contents
# page's numbers are the pages the sections start on; every section has a
# bookmark; progress reports and school report cards exist.
. "$(dirname "$0")/lib.sh"
demo_run
dir=output/reports/2567/3101
pdf=$dir/annual-2567.pdf
for f in "$pdf" $dir/progress-2567-3m.pdf $dir/progress-2567-6m.pdf \
	$dir/progress-2567-9m.pdf $dir/progress-2567-12m.pdf; do
	check "$f written and passes qpdf --check" sh -c "qpdf --check '$f' >/dev/null 2>&1"
done
schools=$(grep -c ',school,' input/units/units-2567.csv)
networks=$(grep -c ',network,' input/units/units-2567.csv)
check "a report card per school ($schools)" \
	[ "$(ls $dir/cards/10*.pdf | wc -l)" -eq "$schools" ]
check "a combined card file per network ($networks)" \
	[ "$(ls $dir/cards/network-*.pdf | wc -l)" -eq "$networks" ]
n=$(ls $dir/cards/network-*.pdf | head -n 1)
net=$(basename "$n" .pdf | sed 's/^network-//')
members=$(tr -d '\r' <input/units/units-2567.csv | awk -F, -v n="$net" '$3 == "school" && $4 == n {print $1}')
pages=0
for m in $members; do
	pages=$((pages + $(pdfinfo $dir/cards/$m.pdf | awk '/^Pages:/{print $2}')))
done
check "$(basename "$n") has the cards of the schools of its network ($(echo $members | wc -w) schools, $pages pages)" \
	[ "$(pdfinfo "$n" | awk '/^Pages:/{print $2}')" -eq "$pages" ]
# a card's table goes on to a second page rather than be set under 12 pt
check "a school's card is one or two pages" \
	[ "$(pdfinfo $dir/cards/1031010001.pdf | awk '/^Pages:/{print $2}')" -le 2 ]

# Thai digits back to Arabic, for comparing numbers
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
pdftotext -layout "$pdf" - | arabic >annual.txt

# every indicator: the 12-month result and the status printed on its row
python3 "$TOP/tests/tools/expect-results.py" input output/tidtam.db 12 >expected.txt
targets=$(grep -c '<indicator [^>]*target=' input/framework/2567.xml)
check "expected results computed for the $targets indicators with a target" \
	[ "$(wc -l <expected.txt)" -eq "$targets" ]
python3 - annual.txt expected.txt >compare.txt <<'EOF'
import re, sys
text = open(sys.argv[1]).read().splitlines()
for line in open(sys.argv[2]):
    code, value, status = line.rstrip("\n").split("\t")
    # the first line of the indicator's row: code, name, unit, target, the
    # rounds, % of target, status; read from the right
    row = None
    for t in text:
        f = t.split()
        if f and f[0] == code and f[-1] in ("บรรลุ", "ไม่บรรลุ"):
            row = f
            break
    if not row:
        print("not %s: no row in the annual report" % code)
        continue
    printed = float(row[-3].replace(",", ""))
    decimals = len(row[-3].split(".")[1]) if "." in row[-3] else 0
    if abs(printed - float(value)) > 0.6 * 10 ** -decimals or row[-1] != status:
        print("not %s: printed %s %s, expected %s %s" % (code, row[-3], row[-1], value, status))
    else:
        print("ok %s" % code)
EOF
while read -r verdict rest; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
done <compare.txt

# the contents pages (from page 3 to the page before the next section's):
# each entry's page starts with that entry's heading
last=$(qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
i = [x["title"] for x in o].index("สารบัญ")
c = o[i]["destpageposfrom1"]
# up to the next page any entry starts on (the lists of tables and figures
# follow the contents, their entries last in the outline)
print(min(x["destpageposfrom1"] for x in o if x["destpageposfrom1"] > c) - 1)')
toc=$(pdftotext -f 3 -l "$last" -layout "$pdf" - | arabic)
check "page 3 is the contents" sh -c "echo '$toc' | grep -q 'สารบัญ'"
echo "$toc" | grep -E '(\. ?){3,} *[0-9]+ *$' | sed -E 's/ *(\. ?){3,} *([0-9]+) *$/\t\2/; s/^ +//' >toc.txt
check "the contents list at least 15 entries" [ "$(wc -l <toc.txt)" -ge 15 ]
while IFS="$(printf '\t')" read -r title page; do
	title=${title%…}
	if pdftotext -f "$page" -l "$page" "$pdf" - | arabic | tr -s ' \n' ' ' | grep -qF "$title"; then
		ok
	else
		not_ok "contents entry '$title' is not on page $page"
	fi
done <toc.txt
pages=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
check "the page number alone at the top of page 4 (of $pages)" sh -c \
	"pdftotext -f 4 -l 4 '$pdf' - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' | grep -v '^$' | head -n 1 | grep -qx 4"

# bookmarks: an entry for every section (and part) listed in the contents
qpdf --json --json-key=outlines "$pdf" >outline.json
python3 - outline.json toc.txt >bookmarks.txt <<'EOF'
import json, sys
def walk(items):
    for o in items:
        yield o["title"]
        yield from walk(o.get("kids", []))
arabic = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
titles = [t.translate(arabic) for t in walk(json.load(open(sys.argv[1]))["outlines"])]
for line in open(sys.argv[2]):
    t = line.split("\t")[0].rstrip("…")
    print("ok" if any(x.startswith(t) for x in titles) else "not bookmark for " + t)
print("count", len(titles))
EOF
while read -r verdict rest; do
	case $verdict in
	ok) ok ;;
	count) check "the outline has as many entries as the contents ($rest)" \
		[ "$rest" -eq "$(($(wc -l <toc.txt) + 1))" ] ;;
	*) not_ok "$rest" ;;
	esac
done <bookmarks.txt

# the networks part shows the framework's headline indicators, in their order
order=$(grep -o 'code="[A-Z0-9]*"[^>]*headline="[0-9]*"' input/framework/2567.xml |
	sed -E 's/code="([^"]*)".*headline="([0-9]*)"/\2 \1/' | sort -n | cut -d' ' -f2 | tr '\n' ' ')
check "the networks table's columns are the headline indicators: $order" \
	grep -qE "^ *เครือข่าย +โรงเรียน +$(echo $order | sed 's/ / +/g') *$" annual.txt

# a progress report holds only its rounds
pdftotext -layout $dir/progress-2567-6m.pdf - | arabic >p6.txt
check "6-month progress report has a 6-month column" grep -q "6 เดือน" p6.txt
check "6-month progress report has no 9 or 12-month column" \
	sh -c "! grep -qE '^ *รหัส .*(9|12) เดือน' p6.txt"
check "6-month progress report is titled so" grep -q "รอบ 6 เดือน" p6.txt
done_testing
