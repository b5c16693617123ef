#!/bin/sh
# The demo data plants one case of each kind of check (tools/gen-demo.py,
# PLANTED), beside the wrong files a school sent first: exactly those are
# reported, each with its severity, and nothing else but lateness.
. "$(dirname "$0")/lib.sh"
demo_run
sqlite3 -separator ' ' output/tidtam.db "SELECT i.code, i.severity, s.unit_code,
	COALESCE(s.round, '-'), s.status FROM issue i JOIN submission s ON s.id = i.submission_id
	WHERE i.code <> 'W-LATE' ORDER BY i.code, s.unit_code" >got.txt
cat >want.txt <<'TXT'
E-ALLOWED error 1031010041 3 rejected
E-DECREASE error 1031010051 9 rejected
E-INDICATOR error 1031010087 6 rejected
E-RANGE error 1031010031 9 rejected
E-RANGE error 1031010042 6 rejected
E-RATIO error 1031010086 6 rejected
E-ROUND error 1031010088 - rejected
E-RULE error 1031010011 6 rejected
E-TYPE error 1031010043 6 rejected
E-UNIT error 1031099999 6 rejected
W-JUMP warning 1031010061 6 accepted
W-OUTLIER warning 1031010071 12 accepted
W-RULE warning 1031010021 6 accepted
TXT
diff want.txt got.txt >&2
check "exactly the planted and wrong cases are reported, with their severity" cmp -s want.txt got.txt
q() { sqlite3 output/tidtam.db "$1"; }
check "E-RULE names the rule and its values" [ "$(q "SELECT message_th FROM issue WHERE code = 'E-RULE'")" = "[R-SAFE05] เหตุการณ์กลั่นแกล้งที่แก้ไข (25 ครั้ง) มากผิดปกติเมื่อเทียบกับจำนวนอุบัติเหตุ (1 คน) กรุณาตรวจสอบ" ]
check "E-RANGE gives the limit and the value found" [ "$(q "SELECT message_en FROM issue i JOIN submission s ON s.id = i.submission_id WHERE i.code = 'E-RANGE' AND s.unit_code = '1031010031'")" = "QUAL03: must be at most 100 (found: 150)" ]
check "E-DECREASE gives both values" [ "$(q "SELECT message_en FROM issue WHERE code = 'E-DECREASE'")" = "OPP02: a cumulative value fell from 6 (the 6-month round) to 2" ]
check "W-JUMP gives the factor" grep -q "more than 4 times" <<EOT
$(q "SELECT message_en FROM issue WHERE code = 'W-JUMP'")
EOT
check "every late file is only a warning" [ "$(q "SELECT COUNT(*) FROM issue WHERE code = 'W-LATE' AND severity <> 'warning'")" = 0 ]
check "the cases are in the validation reports" sh -c "grep -q W-OUTLIER output/reports/2567/3101/validation-2567-12m.csv && grep -q E-DECREASE output/reports/2567/3101/validation-2567-9m.csv"
done_testing
