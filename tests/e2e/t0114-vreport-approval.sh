#!/bin/sh
# Approval in the JSON reports, on the second office: once the committee
# approves 2567's 12-month round, that round's validation JSON names who
# and when (as the approval table has it) and the other rounds' say null;
# a late file for the approved round is held, and its JSON receipt says
# so (status held, counted in stats.held); reopened, the JSON says
# accepted and the approval is null again.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1728000000   # 2024-10-04
office2_run
q() { sqlite3 output/tidtam.db "$1"; }
approval() { # approval FILE: the validation JSON's approval, as "by at" or None
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["approval"]
print(a and "%s %s" % (a["by"], a["at"]))' "$1"
}
V=output/reports/2567/SPM35
check "before: no approval in the 12-month validation JSON" [ "$(approval $V/validation-2567-12m.json)" = None ]
# a school is still missing at 12 months: approved all the same
tidtam approve --fy 2567 --round 12 --by "นายสมชาย ใจดี" --force >/dev/null
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
want=$(q "SELECT by_name || ' ' || at FROM approved_round WHERE fiscal_year = 2567 AND round = 12")
check "approved: the 12-month validation JSON says by whom and when ($(approval $V/validation-2567-12m.json))" \
	[ -n "$want" -a "$(approval $V/validation-2567-12m.json)" = "$want" ]
check "the 6-month one still says null" [ "$(approval $V/validation-2567-6m.json)" = None ]

# a late file for the approved round: a value a school already sent, again
set -- $(q "SELECT s.unit_code, v.indicator, v.value FROM value v JOIN submission s ON s.id = v.submission_id
	WHERE s.fiscal_year = 2567 AND s.round = 12 AND s.status = 'accepted' AND v.value IS NOT NULL
	AND v.number IS NOT NULL ORDER BY s.unit_code, v.indicator LIMIT 1" | tr '|' ' ')
printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,%s,2567,12,%s,2024-10-20\n' "$1" "$2" "$3" >input/late.csv
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "the late file is held" [ "$(q "SELECT s.status FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'late.csv'")" = held ]
r=$(q "SELECT 'output/' || receipt FROM file WHERE path = 'late.csv'")
held() { python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["tasks"][0]
print(t["submissions"][0]["unit"], t["submissions"][0]["status"], t["stats"]["held"], t["stats"]["accepted"])' "$1"; }
check "its JSON receipt says held ($(held ${r%.txt}.json))" [ "$(held ${r%.txt}.json)" = "$1 held 1 0" ]
python3 "$TOP/tests/tools/check-vreport.py" output >vreport.txt
check "every JSON agrees with the database and CSV: $(head -n 3 vreport.txt)" [ $? -eq 0 ]

tidtam reopen --fy 2567 --round 12 --by "นายสมชาย ใจดี" >/dev/null
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "reopened: its JSON receipt says accepted ($(held ${r%.txt}.json))" [ "$(held ${r%.txt}.json)" = "$1 accepted 0 1" ]
check "reopened: the validation JSON's approval is null again" [ "$(approval $V/validation-2567-12m.json)" = None ]
done_testing
