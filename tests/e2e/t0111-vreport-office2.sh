#!/bin/sh
# The JSON validation reports of the second office (6-digit codes, no
# networks, two fiscal years, workbooks with a sheet passed over): every
# receipt's JSON lists its file's issues as the issue table has them and
# the codes of its text, and each validation JSON the rows of its CSV and
# the completeness table (tests/tools/check-vreport.py); a workbook's
# issue names its sheet, and its passed-over sheet says why in both
# languages.
. "$(dirname "$0")/lib.sh"
office2_run
n_txt=$(find output/receipts -name '*.txt' | wc -l)
n_json=$(find output/receipts -name '*.json' | wc -l)
check "every receipt has its JSON ($n_txt texts, $n_json JSON)" [ "$n_txt" -gt 100 -a "$n_txt" = "$n_json" ]
check "a validation JSON for each round of both years" [ \
	"$(find output/reports -name 'validation-*.json' | sort | tr '\n' ' ')" = \
	"$(find output/reports -name 'validation-*.csv' | sed 's/csv$/json/' | sort | tr '\n' ' ')" -a \
	-s output/reports/2568/SPM35/validation-2568-12m.json ]
python3 "$TOP/tests/tools/check-vreport.py" output "$TOP/templates/schema/validation-report.json" >vreport.txt
rc=$?
echo "# $(tail -n 1 vreport.txt)"
check "receipts' and validation reports' JSON agree with the database and CSV: $(head -n 3 vreport.txt)" [ $rc -eq 0 ]
# the workbook whose unit is unknown: its E-UNIT names the sheet and the cell
x=$(sqlite3 output/tidtam.db "SELECT 'output/' || f.receipt FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-UNIT' AND f.path LIKE '%.xlsx' LIMIT 1")
want=$(sqlite3 -separator ' ' output/tidtam.db "SELECT i.row, i.found FROM issue i JOIN file f ON f.id = i.file_id
	WHERE i.code = 'E-UNIT' AND f.path LIKE '%.xlsx' LIMIT 1")
got=$(python3 - "${x%.txt}.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tasks"][0]
e = [x for x in t["errors"] if x["type"] == "E-UNIT"][0]
skipped = [s for s in t["sheets"] if s["status"] == "skipped"][0]
print(e["rowNumber"], e["cell"], e["sheet"], e["fieldNumber"], e["cellReference"], skipped["reason"],
      skipped["reason_th"], t["format"])
PY
)
check "the workbook's E-UNIT: row, code, sheet, column A, passed-over sheet in both languages ($got)" \
	[ "$got" = "$want ผลรายโรงเรียน 1 A$(echo $want | cut -d' ' -f1) no header row ไม่มีแถวหัวตาราง xlsx" ]
# the unit list's refused row: a field named by its header, no spreadsheet column
got=$(python3 - "$(sqlite3 output/tidtam.db "SELECT 'output/' || receipt FROM file WHERE kind = 'units' AND receipt IS NOT NULL
	AND id IN (SELECT file_id FROM issue WHERE code = 'E-UNITLIST')" | sed 's/txt$/json/')" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))["tasks"][0]["errors"][0]
print(e["type"], e["fieldName"], e["fieldNumber"], e["unit"])
PY
)
want="E-UNITLIST $(sqlite3 output/tidtam.db "SELECT col FROM issue WHERE code = 'E-UNITLIST'") None None"
check "the unit list's refused row names its column by header ($got)" [ "$got" = "$want" ]
check "receipts' JSON is valid UTF-8" sh -c "python3 '$TOP/tests/tools/check-utf8.py' output/receipts >/dev/null"
done_testing
