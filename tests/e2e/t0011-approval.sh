#!/bin/sh
# Approval: the vetting committee approves the 12-month round; a late file
# for it is held and listed, and the report does not change; after the
# round is reopened the file goes in and the report shows it.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1728000000   # 2024-10-04
R=output/reports/2567/3101/annual-2567.pdf
q() { sqlite3 output/tidtam.db "$1"; }
demo_run
check "draft before approval: ร่าง alone" sh -c "pdftotext -f 2 -l 2 $R - | grep -qx 'ร่าง'"
# the demo leaves schools missing in every round: approved with --force
tidtam approve --fy 2567 --round 12m --by "นางสาวมาลี ตั้งใจ" --force >out.txt
check "approve exits 0" [ $? -eq 0 ]
check "approve says who and when" grep -q "approved by นางสาวมาลี ตั้งใจ on 2024-10-04" out.txt
tidtam approve --fy 2567 --round 12 --by "x" >/dev/null 2>err.txt
check "approving twice is refused, saying by whom" [ $? -eq 1 ] && grep -q "already approved (by นางสาวมาลี ตั้งใจ on 2024-10-04)" err.txt
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "approval line on every page" [ "$(pdftotext $R - | grep -c 'ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง โดย นางสาวมาลี ตั้งใจ')" = "$(pdfinfo $R | awk '/^Pages:/ { print $2 }')" ]
check "no draft mark once approved" sh -c "! pdftotext $R - | grep -q DRAFT"
cp $R approved.pdf
before=$(q "SELECT value FROM result WHERE fiscal_year = 2567 AND round = 12 AND unit_code = '3101' AND indicator = 'SAFE03'")

# a late, corrected file for the approved round
printf 'unit,indicator,fiscal_year,round,value,submitted\n1031010001,SAFE03,2567,12,50,2024-10-20\n' >input/late.csv
tidtam run -s 0 -t "$TOP/templates" >run.txt 2>&1
check "the late file is held" [ "$(q "SELECT s.status FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'late.csv'")" = held ]
check "the run says so" grep -q "1 held for approved rounds" run.txt
check "its receipt lists it as held" grep -q "\[พักไว้\] 1031010001.*คณะกรรมการกลั่นกรองอนุมัติรอบนี้แล้ว" output/receipts/2567/1031010001/late.csv.txt
check "the result is unchanged" [ "$(q "SELECT value FROM result WHERE fiscal_year = 2567 AND round = 12 AND unit_code = '3101' AND indicator = 'SAFE03'")" = "$before" ]
check "the report is byte-identical" cmp -s $R approved.pdf

# reopen: the held file goes through
tidtam reopen --fy 2567 --round 12 --by "นางสาวมาลี ตั้งใจ" >out.txt
check "reopen releases the held file" grep -q "1 held submissions go through" out.txt
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "the late file is now applied" [ "$(q "SELECT s.status FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'late.csv'")" = accepted ]
check "and counted in the result" [ "$(q "SELECT value FROM result WHERE fiscal_year = 2567 AND round = 12 AND unit_code = '3101' AND indicator = 'SAFE03'")" != "$before" ]
check "the report is a draft again" sh -c "pdftotext -f 2 -l 2 $R - | grep -qx 'ร่าง'"
check "every action is kept" [ "$(q "SELECT group_concat(action || ':' || by_name, ' ') FROM approval")" = "approve:นางสาวมาลี ตั้งใจ reopen:นางสาวมาลี ตั้งใจ" ]
done_testing
