#!/bin/sh
# Text is always whole: after a demo run every text in the database (issue
# messages, values, names ...) and every receipt and CSV written is valid
# UTF-8.
#
# 2026-12-02: W-OUTLIER and W-JUMP messages were built in fixed arrays and
# cut in the middle of a Thai character ("ว่��") on the demo itself.
. "$(dirname "$0")/lib.sh"
demo_run
check "the demo run went through" [ -s output/tidtam.db ]
check "it flagged an outlier and a jump (the long messages)" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(DISTINCT code) FROM issue WHERE code IN ('W-OUTLIER', 'W-JUMP')")" = 2 ]
python3 "$TOP/tests/tools/check-utf8.py" output >bad.txt
check "every text stored or written is valid UTF-8" [ $? -eq 0 ]
[ -s bad.txt ] && head -n 5 bad.txt >&2
check "messages are not cut: the outlier's ends with its advice" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM issue WHERE code = 'W-OUTLIER' AND message_th NOT LIKE '%กรุณาตรวจสอบว่าถูกต้อง'")" = 0 ]
done_testing
