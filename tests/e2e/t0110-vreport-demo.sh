#!/bin/sh
# The JSON validation reports of the demo office: every receipt has its
# .json, which parses and lists exactly the issue table's rows of its file
# (code, row, column, severity) and the codes its text lists; every
# validation-<FY>-<m>m.json lists the rows of the CSV beside it and the
# completeness table's counts (tests/tools/check-vreport.py); all valid
# against templates/schema/validation-report.json and valid UTF-8.  A
# receipt in English (-l en) leaves the JSON byte for byte as it was: it
# holds both languages whatever -l says.
. "$(dirname "$0")/lib.sh"
demo_run
n_txt=$(find output/receipts -name '*.txt' | wc -l)
n_json=$(find output/receipts -name '*.json' | wc -l)
check "every receipt has its JSON ($n_txt texts, $n_json JSON)" [ "$n_txt" -gt 500 -a "$n_txt" = "$n_json" ]
check "a validation JSON beside each validation CSV" [ \
	"$(find output/reports -name 'validation-*.csv' | wc -l)" = \
	"$(find output/reports -name 'validation-*.json' | wc -l)" -a \
	-s output/reports/2567/3101/validation-2567-6m.json ]
python3 "$TOP/tests/tools/check-vreport.py" output "$TOP/templates/schema/validation-report.json" >vreport.txt
rc=$?
echo "# $(tail -n 1 vreport.txt)"
check "receipts' and validation reports' JSON agree with the database and CSV: $(head -n 3 vreport.txt)" [ $rc -eq 0 ]
check "issues were compared (some of every kind the demo has)" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue")" -gt 100 ]
# one receipt looked at closely: the wrong wide sheet
r=$(ls output/receipts/2567/*/submissions_2567_6m_wrong_wide-N03-first-try.csv.json)
python3 - "$r" >one.txt <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tasks"][0]
e = {x["type"]: x for x in t["errors"]}
r = e["E-RANGE"]
print(d["valid"], t["status"], t["stats"]["rejected"], r["rowNumber"], r["fieldName"], r["fieldNumber"],
      r["cellReference"], r["cell"], r["indicator"], r["fiscalYear"], r["round"], e["E-UNIT"]["fieldName"])
PY
# independently: the sheet's header row and the cell at row 2 of OPP01's column
want=$(python3 - input/submissions/2567/6m/wrong/wide-N03-first-try.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
c = rows[0].index("OPP01")
print("False stored 3 2 OPP01 %d %s2 %s OPP01 2567 6 %s" % (c + 1, chr(ord("A") + c), rows[1][c], rows[0][0]))
PY
)
check "the wrong sheet's E-RANGE: row, header, column number, cell, value, indicator ($(cat one.txt) / $want)" \
	[ "$(cat one.txt)" = "$want" ]
check "receipts' JSON is valid UTF-8 (the validation JSON is read as strict UTF-8 above)" sh -c "python3 '$TOP/tests/tools/check-utf8.py' output/receipts >/dev/null"
# English receipts: the text changes, the JSON does not
find output -name '*.json' | sort | xargs md5sum >json.md5
cp "${r%.json}.txt" th.txt
tidtam validate -q -l en 2>/dev/null
check "the receipt's text is now English" sh -c "! cmp -s th.txt '${r%.json}.txt' && grep -q 'Result:' '${r%.json}.txt'"
check "every JSON unchanged by -l en" md5sum -c --quiet json.md5
# the checker finds an issue left out of a receipt's JSON
python3 - "$r" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["tasks"][0]["errors"].pop()
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
check "check-vreport.py finds an issue left out" sh -c \
	"! python3 '$TOP/tests/tools/check-vreport.py' output >/dev/null"
done_testing
