#!/bin/sh
# `tidtam export` on the second office (SPM35: schools directly under it,
# 6-digit codes, rounds 6 and 12, two fiscal years with different
# frameworks): for 2567 and 2568 every format holds the result table
# (tests/tools/check-export.py), the ADX validates against the generic
# schema and the year's own, and the office's ADX figures are those
# tests/tools/expect-office2.py computes from the input files alone; two
# exports are byte-identical; the filters.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
db=output/tidtam.db
office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
check "one office ($office)" [ -n "$office" ]
for fy in 2567 2568; do
	all=$(sqlite3 $db "SELECT COUNT(*) FROM result WHERE fiscal_year = $fy")
	fw=input/framework/$fy.xml
	python3 "$TOP/tests/tools/owed-rows.py" $db $fw $fy >owed-$fy.txt
	rows=$(sed -n 's/^owed //p' owed-$fy.txt)
	check "$fy: $rows rows owed of the table's $all ($(tail -n 2 owed-$fy.txt | tr '\n' ' '))" \
		sh -c "[ '$rows' -gt 100 ] && [ '$rows' -lt '$all' ]"
	for f in csv json xlsx adx; do
		tidtam export -q --fy $fy --format $f --to r-$fy.$f 2>e.txt
		check "$fy: export --format $f exits 0: $(head -c 200 e.txt)" [ $? -eq 0 ]
		python3 "$TOP/tests/tools/check-export.py" --framework $fw $db $f r-$fy.$f $fy >c-$fy-$f.txt
		check "$fy: the $f export is the result table: $(tail -n 3 c-$fy-$f.txt | tr '\n' ' ')" [ $? -eq 0 ]
	done
	check "$fy: csv, json and xlsx hold one row per result owed ($rows)" sh -c \
		"[ \"\$(cat c-$fy-csv.txt c-$fy-json.txt c-$fy-xlsx.txt | sort -u)\" = 'ok $rows' ]"
	python3 "$TOP/tests/tools/owed-rows.py" --csv r-$fy.csv $fw >not-owed.txt
	check "$fy: no school row of an office's indicator, of an optional one without result: $(head -n 3 not-owed.txt | tr '\n' ' ')" \
		[ "$(cat not-owed.txt)" = "none not owed" ]
	xmllint --noout --schema "$TOP/tests/adx/adx.xsd" r-$fy.adx 2>x.txt
	echo "$(tail -n 1 x.txt)"
	check "$fy: the ADX validates against tests/adx/adx.xsd" grep -q "r-$fy.adx validates" x.txt
	python3 "$TOP/tests/tools/adx-schema.py" "$TOP/tests/adx/adx.xsd" input/framework/$fy.xml >adx-$fy.xsd
	xmllint --noout --schema adx-$fy.xsd r-$fy.adx 2>x.txt
	echo "$(tail -n 1 x.txt) ($fy's data structure)"
	check "$fy: the ADX validates against $fy's data structure" grep -q "r-$fy.adx validates" x.txt
	check "$fy: the ADX has only the periods of rounds 6 and 12" sh -c \
		"[ \"\$(grep -o 'period=\"[^\"]*\"' r-$fy.adx | sort -u | tr '\n' ' ')\" = \
'period=\"$((fy - 544))-10-01/P1Y\" period=\"$((fy - 544))-10-01/P6M\" ' ]"
	# the office's figures against what the input files give
	python3 - r-$fy.adx $fy $office expected.txt >adx-$fy.txt <<'PY'
import sys
import xml.etree.ElementTree as ET
adx, fy, office, expected = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
NS = "{urn:ihe:qrph:adx:2015}"
start = "%d-10-01" % (int(fy) - 544)
got = {}
for g in ET.parse(adx).getroot().iter(NS + "group"):
    if g.attrib["orgUnit"] == office:
        for dv in g.iter(NS + "dataValue"):
            got[(g.attrib["period"], dv.attrib["dataElement"])] = float(dv.attrib["value"])
n = bad = 0
for line in open(expected, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[0] != "result" or f[1] != fy or f[5] == "-":
        continue
    period = start + ("/P1Y" if f[2] == "12" else "/P%sM" % f[2])
    v = got.get((period, f[3]))
    n += 1
    if v is None or abs(v - float(f[5])) > 1e-6:
        bad += 1
        print("differs", period, f[3], v, f[5])
print("compared", n, "differ", bad)
PY
	check "$fy: the office's ADX figures are expect-office2.py's: $(tail -n 1 adx-$fy.txt)" sh -c \
		"grep -q '^compared [1-9][0-9]* differ 0\$' adx-$fy.txt"
done
sh "$TOP/tests/tools/export-twice.sh" 2568 1735689600 >twice.txt
check "two exports of 2568 in each format are byte-identical: $(tr '\n' ' ' <twice.txt)" \
	[ "$(cat twice.txt | tr '\n' ' ')" = "same csv same json same xlsx same adx " ]
check "the ADX's exported time is SOURCE_DATE_EPOCH's" grep -q 'exported="2025-01-01T00:00:00Z"' a.adx
tidtam export -q --fy 2568 --round 6 --office "$office" --format csv --to o.csv
check "--round 6 --office $office" sh -c \
	"python3 '$TOP/tests/tools/check-export.py' --framework input/framework/2568.xml $db csv o.csv 2568 6 $office >/dev/null"
tidtam export --fy 2568 --round 9 --format csv >r9.csv 2>e.txt
check "a round the year lacks gives the header alone" sh -c "[ $? -eq 0 ] && [ \$(wc -l <r9.csv) -eq 1 ]"
done_testing
