#!/bin/sh
# `tidtam export` on the demo office (3101: networks, 10-digit codes, four
# rounds): every format holds the result table's rows and figures (compared
# by tests/tools/check-export.py with the table read by python's sqlite3),
# the ADX validates against the generic ADX schema and against one made from
# the framework, and its office figures of the last round are those the
# annual report prints; two exports are byte-identical; the filters; the
# database is not written; usage errors.
. "$(dirname "$0")/lib.sh"
demo_run
db=output/tidtam.db
# the database and its log; readers in WAL mode do use the -shm index
sha_db() { cat output/tidtam.db output/tidtam.db-wal 2>/dev/null | sha256sum; }
before=$(sha_db)
all=$(sqlite3 $db "SELECT COUNT(*) FROM result WHERE fiscal_year = 2567")
check "the demo has results ($all)" [ "$all" -gt 1000 ]
# the rows owed, from the framework XML and the result table: an office's
# indicator on the office alone, an optional one only with a result, and
# only at the rounds the indicator is due
fw=input/framework/2567.xml
python3 "$TOP/tests/tools/owed-rows.py" $db $fw 2567 >owed.txt
rows=$(sed -n 's/^owed //p' owed.txt)
check "fewer rows owed ($rows) than the result table has ($all): $(tr '\n' ' ' <owed.txt)" \
	sh -c "[ '$rows' -gt 1000 ] && [ '$rows' -lt '$all' ]"

for f in csv json xlsx adx; do
	tidtam export -q --fy 2567 --format $f --to r.$f 2>e-$f.txt
	check "export --format $f exits 0: $(head -c 200 e-$f.txt)" [ $? -eq 0 ]
	python3 "$TOP/tests/tools/check-export.py" --framework $fw $db $f r.$f 2567 >c-$f.txt
	check "the $f export is the result table: $(tail -n 3 c-$f.txt | tr '\n' ' ')" [ $? -eq 0 ]
done
check "csv, json and xlsx hold one row per result owed ($rows)" sh -c \
	"[ \"\$(cat c-csv.txt)\" = 'ok $rows' ] && [ \"\$(cat c-json.txt)\" = 'ok $rows' ] &&
	 [ \"\$(cat c-xlsx.txt)\" = 'ok $rows' ]"
values=$(sqlite3 $db "SELECT COUNT(to_date) + COUNT(CASE WHEN to_date IS NOT NULL THEN numerator END)
	+ COUNT(CASE WHEN to_date IS NOT NULL THEN denominator END) FROM result WHERE fiscal_year = 2567")
check "the ADX has a data value per result and per numerator and denominator ($values)" \
	[ "$(cat c-adx.txt)" = "ok $values" ]
check "the workbook opens as a zip with a sheet" sh -c "unzip -l r.xlsx | grep -q 'xl/worksheets/sheet1.xml'"
python3 "$TOP/tests/tools/owed-rows.py" --csv r.csv $fw >not-owed.txt
check "no school or network row of an office's indicator, no row not due: $(head -n 3 not-owed.txt | tr '\n' ' ')" \
	[ "$(cat not-owed.txt)" = "none not owed" ]
python3 - r.xlsx r.csv >legend.txt <<'PY'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]*)"', book)
ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
import xml.etree.ElementTree as ET
shared = ["".join(t.text or "" for t in si.iter(ns + "t"))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si")] \
    if "xl/sharedStrings.xml" in z.namelist() else []
cells = []
for c in ET.fromstring(z.read("xl/worksheets/sheet2.xml")).iter(ns + "c"):
    if not re.match(r"A[0-9]", c.attrib.get("r", "")):
        continue
    if c.attrib.get("t") == "s":
        cells.append(shared[int(c.find(ns + "v").text)])
    elif c.attrib.get("t") == "inlineStr":
        cells.append("".join(t.text or "" for t in c.iter(ns + "t")))
with open(sys.argv[2], encoding="utf-8-sig") as f:
    head = next(csv.reader(f))
statuses = {"achieved", "not-achieved", "no-target", "no-result"}
print(names, "columns", "all" if set(head) <= set(cells) else sorted(set(head) - set(cells)),
      "statuses", "all" if statuses <= set(cells) else sorted(statuses - set(cells)))
PY
check "the workbook's second sheet คำอธิบาย explains every column and status: $(cat legend.txt)" \
	[ "$(cat legend.txt)" = "['results', 'คำอธิบาย'] columns all statuses all" ]
check "the CSV starts with a UTF-8 byte-order mark" sh -c "head -c 3 r.csv | od -An -tx1 | grep -q 'ef bb bf'"
check "no Thai digit in any text export" python3 -c "
import re, sys
sys.exit(any(re.search('[\u0e50-\u0e59]', open(f, encoding='utf-8').read()) for f in sys.argv[1:]))
" r.csv r.json r.adx

# ADX: the generic schema, and the data structure of 2567's framework
xmllint --noout --schema "$TOP/tests/adx/adx.xsd" r.adx 2>xmllint.txt
echo "$(tail -n 1 xmllint.txt)"
check "the ADX validates against tests/adx/adx.xsd: $(tail -n 1 xmllint.txt)" grep -q 'r.adx validates' xmllint.txt
python3 "$TOP/tests/tools/adx-schema.py" "$TOP/tests/adx/adx.xsd" input/framework/2567.xml >adx-2567.xsd
xmllint --noout --schema adx-2567.xsd r.adx 2>xmllint-dsd.txt
echo "$(tail -n 1 xmllint-dsd.txt) (2567's data structure)"
check "the ADX validates against 2567's data structure: $(tail -n 1 xmllint-dsd.txt)" \
	grep -q 'r.adx validates' xmllint-dsd.txt
sed 's/dataElement="SAFE01"/dataElement="SAFE99"/' r.adx >bad.adx
check "a data element the framework lacks fails that schema" sh -c \
	"! xmllint --noout --schema adx-2567.xsd bad.adx 2>/dev/null"
check "the ADX root and its exported time" grep -q '^<adx xmlns="urn:ihe:qrph:adx:2015" exported="[0-9-]*T[0-9:]*Z">' r.adx
check "the ADX has the four periods of 2567" sh -c "[ \"\$(grep -o 'period=\"[^\"]*\"' r.adx | sort -u | tr '\n' ' ')\" = \
'period=\"2023-10-01/P1Y\" period=\"2023-10-01/P3M\" period=\"2023-10-01/P6M\" period=\"2023-10-01/P9M\" ' ]"

# the office's ADX figures of the year against the result table and the annual report
python3 - r.adx $db input/framework/2567.xml output/reports/2567/3101/annual-2567.pdf >annual.txt <<'PY'
import re, sqlite3, subprocess, sys
import xml.etree.ElementTree as ET
adx, db, fw, pdf = sys.argv[1:5]
NS = "{urn:ihe:qrph:adx:2015}"
got = {}
for g in ET.parse(adx).getroot().iter(NS + "group"):
    if g.attrib["orgUnit"] == "3101" and g.attrib["period"] == "2023-10-01/P1Y":
        for dv in g.iter(NS + "dataValue"):
            got[dv.attrib["dataElement"]] = float(dv.attrib["value"])
con = sqlite3.connect(db)
table = dict(con.execute("SELECT indicator, to_date FROM result WHERE fiscal_year = 2567"
                         " AND round = 12 AND unit_code = '3101' AND to_date IS NOT NULL"))
print("table", "same" if {k: v for k, v in got.items() if "." not in k} == table else "differs",
      len(table))
root = ET.parse(fw).getroot()
heads = [i.attrib["code"] for i in root.iter("{urn:tidtam:framework:1}indicator")
         if "headline" in i.attrib]
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                      text=True).stdout.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
for code in heads:
    for line in text.splitlines():
        if line.startswith(code + " "):
            nums = re.findall(r"\d+(?:\.\d+)?", line[len(code):])
            if len(nums) >= 6:
                printed = float(nums[-2])  # the 12-month column, before % of target
                # as rounded to the decimals printed (a mean level has one)
                dec = len(nums[-2].split(".")[1]) if "." in nums[-2] else 0
                ok = abs(printed - got[code]) <= 0.5 * 10 ** -dec + 1e-9
                print("headline", code, "ok" if ok else "differs", printed, got[code])
                break
    else:
        print("headline", code, "not found")
PY
check "the office's 12-month ADX values are the result table's: $(grep '^table' annual.txt)" \
	grep -q '^table same' annual.txt
check "the headline indicators' ADX values are those the annual report prints: $(grep -v ' ok ' annual.txt | tr '\n' ' ')" \
	sh -c "[ \$(grep -c '^headline .* ok ' annual.txt) -ge 3 ] && ! grep -q '^headline .* \(differs\|not found\)' annual.txt"

# same bytes twice with SOURCE_DATE_EPOCH; the ADX says that time
sh "$TOP/tests/tools/export-twice.sh" 2567 1700000000 >twice.txt
check "two exports in each format are byte-identical: $(tr '\n' ' ' <twice.txt)" \
	[ "$(cat twice.txt | tr '\n' ' ')" = "same csv same json same xlsx same adx " ]
check "the ADX's exported time is SOURCE_DATE_EPOCH's" grep -q 'exported="2023-11-14T22:13:20Z"' a.adx

# filters and standard output
tidtam export --fy 2567 --round 6 --format json >r6.json 2>e6.txt
check "export to standard output with --round 6: $(head -c 200 e6.txt)" [ $? -eq 0 ]
r6=$(python3 "$TOP/tests/tools/owed-rows.py" $db $fw 2567 6 | sed -n 's/^owed //p')
check "--round 6 holds round 6 only ($r6 rows)" sh -c \
	"[ \"\$(python3 '$TOP/tests/tools/check-export.py' --framework $fw $db json r6.json 2567 6)\" = 'ok $r6' ]"
tidtam export -q --fy 2567 --round 12 --office 3101 --format csv --to o.csv
check "--office 3101 --round 12 holds that office's units at 12 months" sh -c \
	"python3 '$TOP/tests/tools/check-export.py' --framework $fw $db csv o.csv 2567 12 3101 >/dev/null"
tidtam export -q --fy 2567 --round 3m --format adx --to r3.adx
check "--round 3m gives only the period 2023-10-01/P3M" sh -c \
	"[ \"\$(grep -o 'period=\"[^\"]*\"' r3.adx | sort -u)\" = 'period=\"2023-10-01/P3M\"' ]"

# errors
tidtam export --fy 2567 --office 3101-N01 --format csv >/dev/null 2>e.txt
check "a network is not an office: exit 1 ($(cat e.txt))" sh -c "[ $? -eq 1 ] && grep -q \"no office '3101-N01'\" e.txt"
tidtam export --fy 2566 --format csv >/dev/null 2>e.txt
check "a year without framework: exit 1 ($(cat e.txt))" sh -c "[ $? -eq 1 ] && grep -q 'no framework for fiscal year 2566' e.txt"
tidtam export --fy 2567 --format xlsx >/dev/null 2>e.txt
check "xlsx without --to: exit 2" [ $? -eq 2 ]
tidtam export --fy 2567 --format xml >/dev/null 2>e.txt
check "an unknown format: exit 2 ($(head -n 1 e.txt))" [ $? -eq 2 ]
tidtam export --format csv >/dev/null 2>e.txt
check "no --fy: exit 2" [ $? -eq 2 ]
tidtam export -o nowhere --fy 2567 --format csv >/dev/null 2>e.txt
check "no database: exit 3 ($(cat e.txt))" sh -c "[ $? -eq 3 ] && [ ! -e nowhere ]"
check "exporting wrote nothing to the database" [ "$(sha_db)" = "$before" ]
check "no temporary file left beside the exports" sh -c "! ls *.tmp 2>/dev/null"
done_testing
