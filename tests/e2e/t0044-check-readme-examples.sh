#!/bin/sh
# The framework and unit list README gives as examples are taken from
# README.md itself and checked, so that README can never drift from what
# the programs accept: `tidtam check` finds nothing in them, ingest takes
# them, and they are not the demo office's.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"

# the indented block from <?xml ...> to </framework>, unindented
awk 'prev ~ /^ *<\?xml / && /^ *<framework xmlns=/ { p = 1; print substr(prev, 7) }
     p { print substr($0, 7) } /^ *<\/framework>/ { p = 0 } { prev = $0 }' \
	"$TOP/README.md" >fw.xml
# the indented block from its header to the first blank line, then the
# school written inline as one directly under the office
awk '/^ *code,name,kind,parent$/ { p = 1 } p && /^ *$/ { exit } p { sub(/^ +/, ""); print }' \
	"$TOP/README.md" >units.csv
sed -n 's/.*`\([0-9]*,[^`]*,school,[^`,]*\)`.*/\1/p' "$TOP/README.md" >>units.csv

check "README has a framework example" grep -q '</framework>' fw.xml
check "... with an XML declaration" [ "$(head -n 1 fw.xml | cut -c1-5)" = '<?xml' ]
check "README has a unit list example: header, office, network, school" \
	[ "$(cut -d, -f3 units.csv | tr '\n' ' ')" = "kind office network school school " ]
check "... and a school directly under the office" \
	[ "$(sed -n 5p units.csv | cut -d, -f4)" = "$(sed -n 2p units.csv | cut -d, -f1)" ]
check "the framework has rounds with deadlines, a group, an area, a strategy and a rule" \
	[ "$(grep -c -e '<round months=.* deadline=' -e '<group ' -e '<policy-area ' -e '<strategy ' -e '<rule ' fw.xml)" -ge 6 ]
check "... and indicators of three types" \
	[ "$(grep -o 'type="[a-z]*"' fw.xml | sort -u | wc -l)" -ge 3 ]
check "not the demo office" sh -c '! grep -q -e QUAL01 -e 3101 -e บุรีรัมย์ fw.xml units.csv'

tidtam check -t "$T" fw.xml units.csv >out.txt 2>err.txt
check "tidtam check finds nothing in them: exit 0" [ $? -eq 0 ]
check "... and says nothing" [ ! -s out.txt ]

# a framework that check does refuse tells this test reads what it checks
sed 's/ rounds="6 12" headline="1"/ headline="1"/' fw.xml >norounds.xml
tidtam check -t "$T" norounds.xml >out.txt 2>&1
check "without its rounds the example is refused" [ $? -eq 1 ]
check "... saying the default and the framework's rounds" \
	grep -q "has no rounds, so it is reported at the default 3 6 9 12, but the framework has only the rounds of 6 and 12 months" out.txt

fy=$(sed -n 's/.*fiscal-year="\([0-9]*\)".*/\1/p' fw.xml | head -n 1)
mkdir -p input/framework input/units
cp fw.xml "input/framework/$fy.xml"
cp units.csv input/units/units.csv
tidtam ingest -q -s 0 -t "$T" >/dev/null 2>err.txt
check "ingest takes both: exit 0" [ $? -eq 0 ]
check "the framework is stored" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM framework WHERE fiscal_year = $fy")" -eq 1 ]
check "every unit is registered" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM unit")" -eq "$(($(wc -l <units.csv) - 1))" ]
check "no issue is recorded" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM issue")" -eq 0 ]
done_testing
