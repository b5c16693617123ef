#!/bin/sh
# Thai typesetting read back: more than 300 real phrases (the demo
# framework's names, the wisesight corpus lines, school names, our own hard
# cases) are typeset into a narrow column, left-aligned and justified.
# pdftotext must give back exactly the lines the layout broke, with no
# private-use code point, no spaces added inside words and no warning; the
# lines joined must be the phrases; qpdf must pass; the glyph forms must be
# in the PDF (the shaping did happen).  Then the same for the demo report.
. "$(dirname "$0")/lib.sh"
CORPORA="$TOP/tests/corpora"
cd "$WORK" || exit 3

# the phrases
{ grep -o 'name="[^"]*"' "$TOP/input/framework/2567.xml" | sed 's/^name="//; s/"$//'
  grep -o '<title>[^<]*</title>' "$TOP/input/framework/2567.xml" | sed 's/<[^>]*>//g'
} | sed 's/&amp;/\&/g' > phrases.txt
check "the framework's names are among them" [ "$(wc -l < phrases.txt)" -ge 30 ]
cat "$CORPORA/thai/wordseg-wisesight/wisesight-160-samples-tokenised.txt" >> phrases.txt
awk -F, 'NR > 1 && NR <= 101 { print $1 }' \
	"$CORPORA/thai/schools-wikipedia/buriram.csv" >> phrases.txt
cat "$TOP/tests/data/thai-phrases.txt" >> phrases.txt
n=$(grep -c . phrases.txt)
check "at least 300 phrases ($n)" [ "$n" -ge 300 ]

squeeze() { tr -d ' \n' < "$1"; }
body_lines() { # PDF TEXT: the page text without the footer and blank lines
	grep -v '^$' "$2" | grep -v '^tidtam [0-9.]* ตัวอย่างการเรียงพิมพ์$' |
		grep -v "^หน้า [0-9]* / $(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')\$"
}

for mode in left justify; do
	flag=
	[ "$mode" = justify ] && flag=--justify
	tidtam-render -q --specimen $mode.pdf --text phrases.txt --column 220 $flag \
		--lines $mode.lines
	check "$mode: PDF written" [ -s $mode.pdf ]
	check "$mode: qpdf --check passes" sh -c "qpdf --check $mode.pdf >/dev/null 2>&1"
	pdftotext -nopgbrk $mode.pdf $mode.txt 2>$mode.err
	check "$mode: pdftotext warns of nothing" [ ! -s $mode.err ]
	body_lines $mode.pdf $mode.txt > $mode.body
	lines=$(wc -l < $mode.lines)
	check "$mode: phrases broke into more lines ($lines) than phrases" [ "$lines" -gt "$n" ]
	check "$mode: pdftotext gives back exactly the lines typeset" cmp -s $mode.lines $mode.body
	[ -s $mode.body ] && ! cmp -s $mode.lines $mode.body && diff $mode.lines $mode.body | head -n 6 >&2
	squeeze phrases.txt > want
	squeeze $mode.lines > got
	check "$mode: the lines joined are the phrases" cmp -s want got
	check "$mode: no private-use code point read back" sh -c \
		"! grep -qP '[\\x{E000}-\\x{F8FF}]' $mode.txt"
done

# the glyph forms were drawn: the content streams hold U+F70A (a lowered
# mai ek, as in แม่) and U+F705 (lowered and shifted, as in ป่า)
qpdf --qdf --object-streams=disable left.pdf left-qdf.pdf 2>/dev/null
check "lowered tone drawn" grep -aqi 'f70a' left-qdf.pdf
check "lowered left-shifted tone drawn" grep -aqi 'f705' left-qdf.pdf
check "ToUnicode maps the forms back" grep -aqi '<F705> <0E48>' left-qdf.pdf
check "libharu's invalid ToUnicode is gone" sh -c "! grep -aq begincidrange left-qdf.pdf"

# the demo report through the same module
demo_run
pdf=output/reports/2567/3101/annual-2567.pdf
pdftotext "$pdf" demo.txt 2>demo.err
check "demo: qpdf --check passes" sh -c "qpdf --check '$pdf' >/dev/null 2>&1"
check "demo: pdftotext warns of nothing" [ ! -s demo.err ]
check "demo: no private-use code point read back" sh -c \
	"! grep -qP '[\\x{E000}-\\x{F8FF}]' demo.txt"
check "demo: Thai read back" grep -qF "ระดับความสำเร็จของการดำเนินงานตามมาตรการ" demo.txt
tidtam-render -q -o output -t "$TOP/templates" --digits thai
pdftotext "$pdf" thai.txt 2>/dev/null
check "demo: --digits thai prints the year as ๒๕๖๗" grep -qF "ปีงบประมาณ พ.ศ. ๒๕๖๗" thai.txt
check "demo: codes keep their digits" grep -qF "QUAL01" thai.txt

# the specimen itself
tidtam-render -q -i "$TOP/input" -t "$TOP/templates" --specimen specimen.pdf
check "specimen written" [ -s specimen.pdf ]
check "specimen: qpdf --check passes" sh -c "qpdf --check specimen.pdf >/dev/null 2>&1"
pdftotext specimen.pdf specimen.txt 2>/dev/null
check "specimen: holds the framework's names" grep -qF "ด้านความปลอดภัย" specimen.txt
check "specimen: holds Thai digits" grep -qF "๑ ตุลาคม ๒๕๖๖" specimen.txt
done_testing
