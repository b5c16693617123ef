#!/bin/sh
# Outliers are worked out among the schools of one office, and only for the
# offices with something new: a school's new value flags (or clears) the
# values of its own office's round, leaves every other office's flags as
# they were (the same rows), and gives the flags a run from empty would.
# Three offices of different shapes: schools under the office (6-digit
# codes), schools under networks (10-digit codes), and both.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/framework input/units input/sub
cp "$TOP/input/framework/2567.xml" input/framework/
{
	echo "code,name,kind,parent"
	echo "7001,สำนักงานเขตทดสอบเจ็ด,office,"
	echo "8001,สำนักงานเขตทดสอบแปด,office,"
	echo "8001-N1,เครือข่ายหนึ่ง,network,8001"
	echo "8001-N2,เครือข่ายสอง,network,8001"
	echo "6001,สำนักงานเขตทดสอบหก,office,"
	echo "6001-N1,เครือข่ายของหก,network,6001"
	for i in 01 02 03 04 05 06 07 08 09 10 11; do
		echo "7001$i,โรงเรียนเจ็ด$i,school,7001"
		echo "80010000$i,โรงเรียนแปด$i,school,8001-N$((1 + ${i#0} % 2))"
		[ "${i#0}" -le 5 ] && p=6001 || p=6001-N1
		echo "60010000$i,โรงเรียนหก$i,school,$p"
	done
} >input/units/units.csv
# SAFE03 at 9 months: ten ordinary values in each office, one far off; and
# QUAL01, a percentage of a numerator and denominator (82 to 100), one far
# off in Thai digits (5 of 50), the number flagged the one worked out
rows() { # rows PREFIX LAST-VALUE: the eleven schools' rows
	echo "unit,indicator,fiscal_year,round,value,numerator,denominator,submitted"
	for i in 01 02 03 04 05 06 07 08 09 10; do
		echo "$1$i,SAFE03,2567,9,$((${i#0} + 1)),,,2024-07-01"
		echo "$1$i,QUAL01,2567,9,,$((40 + ${i#0})),50,2024-07-01"
	done
	echo "${1}11,SAFE03,2567,9,$2,,,2024-07-01"
	echo "${1}11,QUAL01,2567,9,,๕,๕๐,2024-07-01"
}
rows 7001 400 >input/sub/seven.csv
rows 80010000 300 >input/sub/eight.csv
rows 60010000 500 >input/sub/six.csv

q() { sqlite3 output/tidtam.db "$1"; }
# the flags: unit and message, one a line, sorted; their rows' ids by office
flags() {
	sqlite3 "${1:-.}/output/tidtam.db" "SELECT s.unit_code || ' ' || i.message_en FROM issue i
		JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-OUTLIER'
		ORDER BY s.unit_code, i.message_en"
}
ids() {
	q "SELECT group_concat(i.id) FROM issue i JOIN submission s ON s.id = i.submission_id
		WHERE i.code = 'W-OUTLIER' AND s.unit_code LIKE '$1%' ORDER BY i.id"
}
# the same input run from empty into a folder of its own
from_empty() {
	rm -rf fresh && mkdir fresh && cp -r input fresh/ &&
		(cd fresh && tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null)
	flags fresh
}

tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "one flag in each office, the value far off" [ "$(flags | grep ' SAFE03: ' | cut -d' ' -f1 | tr '\n' ' ')" = "6001000011 700111 8001000011 " ]
check "and the percentage far off" [ "$(flags | grep -c ' QUAL01: 5/50 (= 10.00) is far ')" = 3 ]
# values 2..11 and 300: median 7, MAD 3, usual range 7 ± 3 × 1.4826 × 3
check "with its office's median" [ "$(q "SELECT message_en FROM issue i JOIN submission s ON s.id = i.submission_id WHERE i.code = 'W-OUTLIER' AND s.unit_code = '8001000011' AND i.message_en LIKE 'SAFE03%'")" = "SAFE03: 300 is far from the office's other schools (median 7, usual range 0 to 20.34)" ]
eight=$(ids 8001) six=$(ids 6001)

# a second school of office 7001 sends a value far off
printf 'unit,indicator,fiscal_year,round,value,submitted\n700102,SAFE03,2567,9,250,2024-07-05\n' \
	>input/sub/seven-late.csv
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "the office's new outlier is flagged" [ "$(flags | grep -c '^700102 SAFE03: 250 ')" = 1 ]
check "its first still is" [ "$(flags | grep -c '^700111 SAFE03: 400 ')" = 1 ]
check "the other offices' flags are the same rows" [ "$(ids 8001) $(ids 6001)" = "$eight $six" ]
from_empty >fresh.txt
flags >now.txt
check "the flags are those of a run from empty" cmp -s now.txt fresh.txt

# a school of office 8001 corrects its value: its office's flag goes
seven=$(ids 7001)
printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,submitted\n%s\n%s\n' \
	8001000011,SAFE03,2567,9,5,,,2024-07-06 8001000011,QUAL01,2567,9,,5,50,2024-07-06 \
	>input/sub/eight-late.csv
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "the corrected office has no flag of it left" [ "$(flags | grep -c '^8001[0-9]* SAFE03')" = 0 ]
check "its percentage still flagged" [ "$(flags | grep -c '^8001000011 QUAL01')" = 1 ]
check "office 7001's flags are the same rows" [ "$(ids 7001)" = "$seven" ]
check "office 6001's flags are the same rows" [ "$(ids 6001)" = "$six" ]
from_empty >fresh.txt
flags >now.txt
check "the flags are those of a run from empty, again" cmp -s now.txt fresh.txt

# a school of a network of office 6001 sends again: the office's flags are
# worked out again (new rows), the others kept
printf 'unit,indicator,fiscal_year,round,value,submitted\n6001000008,SAFE03,2567,9,9,2024-07-07\n' \
	>input/sub/six-late.csv
seven=$(ids 7001)
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "office 6001: its flag again, a new row" \
	[ "$(flags | grep -c '^6001000011 SAFE03')" = 1 -a "$(ids 6001)" != "$six" ]
check "office 7001's flags untouched by it" [ "$(ids 7001)" = "$seven" ]
from_empty >fresh.txt
flags >now.txt
check "the flags are those of a run from empty, at the end" cmp -s now.txt fresh.txt
done_testing
