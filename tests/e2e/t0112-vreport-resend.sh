#!/bin/sh
# A file fixed and sent again: its JSON receipt says the new state.  On the
# demo: a long sheet with a level out of range is rejected (its JSON: not
# valid, E-RANGE at the cell); fixed under the same path it is version 2,
# whose JSON is valid and accepted, and the round's validation JSON no
# longer lists the error.  An empty file's receipt (under unknown/, no
# year) moves when the file, filled in, is read again (--retry-failed):
# its old text, PDF and JSON are all swept, and so is a stale trio left in
# a receipt folder.  On the second office: an XML form with a value out of
# range, sent again fixed, the same.
. "$(dirname "$0")/lib.sh"
demo_copy
cd "$WORK" || exit 3
mkdir -p input/x-late
printf 'unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted\n1031010001,OPP01,2567,6,7,,,,2024-04-13\n1031010001,OPP04,2567,6,yes,,,,2024-04-13\n' >input/x-late/fix.csv
: >input/x-late/empty.csv
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
v1=output/receipts/2567/1031010001/x-late_fix.csv.json
summary() { # summary JSON: valid, statuses, error codes with their row and cell
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tasks"][0]
print(d["valid"], ",".join(s["status"] + ("/superseded" if s["superseded"] else "") for s in t["submissions"]),
      ",".join("%s@%s" % (e["type"], e["cellReference"]) for e in t["errors"]))
PY
}
check "first: the JSON says rejected, E-RANGE at E2 ($(summary $v1))" [ "$(summary $v1)" = "False rejected E-RANGE@E2" ]
old=output/receipts/unknown/3101/x-late_empty.csv
old_pdf=$(part_pdf x-late/empty.csv)
check "the empty file's receipt is under unknown/, all three" [ -s $old.txt -a -s $old.json -a "$(dirname "$old_pdf")" = "$(dirname $old)" -a -s "$old_pdf" ]
check "its JSON says failed, E-FILE" [ "$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tasks"][0]; print(t["status"], t["errors"][0]["type"])' $old.json)" = "failed E-FILE" ]
check "the 6-month validation JSON lists the error" grep -q '"path": "x-late/fix.csv"' output/reports/2567/3101/validation-2567-6m.json
mkdir -p output/receipts/2567/3101
for e in txt pdf json; do echo stale >output/receipts/2567/3101/gone.csv.$e; done

# fixed and sent again; the empty file filled in
sed -i 's/,7,,,,/,3,,,,/' input/x-late/fix.csv
sed 's/2024-04-13/2024-04-14/' input/x-late/fix.csv >input/x-late/empty.csv
tidtam ingest -q -s 0 --retry-failed -t "$TOP/templates" 2>/dev/null
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
v2=output/receipts/2567/1031010001/x-late_fix.csv-v2.json
check "version 2's JSON: valid, accepted, no issue ($(summary $v2))" [ "$(summary $v2)" = "True accepted/superseded " ]
check "version 1's JSON still says what it had" [ "$(summary $v1)" = "False rejected E-RANGE@E2" ]
check "the 6-month validation JSON no longer lists it" sh -c \
	"! grep -q '\"path\": \"x-late/fix.csv\"' output/reports/2567/3101/validation-2567-6m.json"
new=output/receipts/2567/1031010001/x-late_empty.csv
new_pdf=$(part_pdf x-late/empty.csv)
check "the filled-in file's receipt moved: all three at the new place" [ -s $new.txt -a -s $new.json -a "$(dirname "$new_pdf")" = "$(dirname $new)" -a -s "$new_pdf" ]
part_text x-late/empty.csv >part.txt
check "its part of the PDF there names it" grep -qxF "ไฟล์: x-late/empty.csv" part.txt
check "its JSON says stored, accepted ($(summary $new.json))" [ "$(summary $new.json)" = "True accepted " ]
check "the old receipt swept: text and JSON" [ ! -e $old.txt -a ! -e $old.json ]
check "and the PDF that bound it alone" [ ! -e "$old_pdf" ]
check "the stale trio swept" [ -z "$(ls output/receipts/2567/3101/gone.csv.* 2>/dev/null)" ]
python3 "$TOP/tests/tools/check-vreport.py" output >vreport.txt
check "every JSON agrees with the database and CSV: $(head -n 3 vreport.txt)" [ $? -eq 0 ]

# the second office: an XML form with a value out of range, sent fixed
mkdir "$WORK/o2" && cd "$WORK/o2" || exit 3
WORK=$WORK/o2 office2_run
f=$(sqlite3 output/tidtam.db "SELECT f.path FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-RANGE' AND f.path LIKE '%.xml' LIMIT 1")
r=$(sqlite3 output/tidtam.db "SELECT 'output/' || receipt FROM file WHERE path = '$f'")
row=$(sqlite3 output/tidtam.db "SELECT i.row FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-RANGE' AND f.path = '$f'")
check "office2: the form's JSON says rejected, E-RANGE at its line ($(summary ${r%.txt}.json))" \
	[ "$(summary ${r%.txt}.json)" = "False rejected E-RANGE@None" -a \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tasks"][0]["errors"][0]["rowNumber"])' ${r%.txt}.json)" = "$row" ]
found=$(sqlite3 output/tidtam.db "SELECT i.found FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-RANGE' AND f.path = '$f'")
sed -i "${row}s/>$found</>3</" "input/$f"
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
r2=$(sqlite3 output/tidtam.db "SELECT 'output/' || receipt FROM file WHERE path = '$f' AND version = 2")
check "office2: version 2's JSON says accepted ($(summary ${r2%.txt}.json))" sh -c \
	"summary() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=d[\"tasks\"][0]; print(d[\"valid\"], t[\"submissions\"][0][\"status\"])' \"\$1\"; }
	 [ \"\$(summary ${r2%.txt}.json)\" = 'True accepted' ]"
python3 "$TOP/tests/tools/check-vreport.py" output >vreport.txt
check "office2: every JSON agrees with the database and CSV: $(head -n 3 vreport.txt)" [ $? -eq 0 ]
done_testing
