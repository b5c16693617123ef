#!/bin/sh
# 2026-12-02: a school's rejected row dated before the deadline and its
# accepted correction dated after it: the receipt said W-LATE, completeness
# counted the school on time (by its first submission).  The rule is now
# one: a unit's round is on time when the submission that counts (its
# newest accepted one; with none accepted, its newest) arrived by the
# deadline, and the receipts' W-LATE and completeness agree.  The demo's
# 6-month deadline is 2024-04-15 (from its framework):
#   1031010001  rejected 04-10, accepted correction 04-20   late
#   1031010002  accepted 04-10, accepted correction 04-20   late
#   1031010003  accepted 04-10, rejected resend 04-20       on time
#   1031010004  rejected 04-10 only                         on time
#   1031010005  accepted 04-20                              late
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/sub
cp -r "$TOP/input/framework" "$TOP/input/units" input/
deadline=$(sed -n 's/.*<round months="6" deadline="\([0-9-]*\)".*/\1/p' input/framework/2567.xml)
check "the demo's 6-month deadline is 2024-04-15" [ "$deadline" = 2024-04-15 ]
h='unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted'
printf '%s\r\n1031010001,SAFE01,2567,6,9,,,,2024-04-10\r\n1031010002,SAFE01,2567,6,3,,,,2024-04-10\r\n1031010003,SAFE01,2567,6,3,,,,2024-04-10\r\n1031010004,SAFE01,2567,6,0,,,,2024-04-10\r\n' "$h" >input/sub/a-first.csv
printf '%s\r\n1031010001,SAFE01,2567,6,4,,,,2024-04-20\r\n1031010002,SAFE01,2567,6,4,,,,2024-04-20\r\n1031010003,SAFE01,2567,6,7,,,,2024-04-20\r\n1031010005,SAFE01,2567,6,2,,,,2024-04-20\r\n' "$h" >input/sub/b-again.csv
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
tidtam validate -q
tidtam aggregate -q
q() { sqlite3 output/tidtam.db "$1"; }
st() { q "SELECT s.status FROM submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'sub/$1' AND s.unit_code = '$2'"; }
check "the planted statuses" [ "$(st a-first.csv 1031010001) $(st b-again.csv 1031010001) $(st a-first.csv 1031010002) $(st b-again.csv 1031010002) $(st a-first.csv 1031010003) $(st b-again.csv 1031010003) $(st a-first.csv 1031010004) $(st b-again.csv 1031010005)" = "rejected accepted accepted accepted accepted rejected rejected accepted" ]
r=$(ls output/receipts/2567/*/sub_b-again.csv.txt)
check "the correction's receipt says W-LATE for 1031010001" sh -c "grep -A3 '^\[รับ\] 1031010001' '$r' | grep -q W-LATE"
check "the first file's receipt says no W-LATE" sh -c "! grep -q W-LATE output/receipts/2567/*/sub_a-first.csv.txt"
check "completeness: 5 received, 2 on time, 3 late" \
	[ "$(q "SELECT received || ' ' || on_time || ' ' || late FROM completeness WHERE unit_code = '3101' AND round = 6")" = "5 2 3" ]

# the whole demo: every unit's round is late in completeness exactly when
# the receipt of the submission that counts says W-LATE
rm -rf input output
cp -r "$TOP/input" input
tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
tidtam validate -q
tidtam aggregate -q
q "WITH counted AS (SELECT s.unit_code, s.round, (SELECT c.id FROM submission c
	WHERE c.unit_code = s.unit_code AND c.fiscal_year = s.fiscal_year AND c.round = s.round
	ORDER BY c.status = 'accepted' DESC, c.submitted_on DESC, c.id DESC LIMIT 1) AS id
	FROM submission s JOIN unit u ON u.code = s.unit_code
	WHERE s.fiscal_year = 2567 AND s.round IS NOT NULL GROUP BY s.unit_code, s.round)
	SELECT round, COUNT(*), SUM(EXISTS (SELECT 1 FROM issue i WHERE i.submission_id = counted.id
	AND i.code = 'W-LATE')) FROM counted GROUP BY round ORDER BY round" >receipts.txt
q "SELECT round, received, late FROM completeness WHERE unit_code = '3101' ORDER BY round" >completeness.txt
check "the demo has late submissions" [ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'W-LATE'")" -gt 0 ]
check "per round, received and late as the receipts say: $(tr '\n' ' ' <completeness.txt)" cmp -s receipts.txt completeness.txt
done_testing
