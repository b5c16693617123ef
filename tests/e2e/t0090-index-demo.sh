#!/bin/sh
# The index pages of the demo office (networks, 10-digit codes, four
# rounds): every link leads to a file inside output/, every report, card and
# receipt is linked, the status counts are the completeness table's, the
# schools and receipts are named as the database names them.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/tools/index-checks.sh"
demo_run
check "output/index.html made" [ -s output/index.html ]
index_checks
page=output/reports/2567/3101/index.html
check "$page: each network with its network card" [ "$(grep -c 'href="cards/network-3101-N0[0-9].pdf"' $page)" -eq \
	"$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM unit WHERE kind = 'network'")" ]
for m in 3 6 9 12; do
	t=$(echo $m | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/')
	check "$page: progress report of round $m linked under รายงานความก้าวหน้า รอบ $t เดือน" \
		grep -q "<td>รายงานความก้าวหน้า รอบ $t เดือน</td><td><a class=\"f\" href=\"progress-2567-${m}m.pdf\">PDF</a>" $page
	check "$page: validation report of round $m, PDF and CSV" \
		grep -q "<td>รายงานการตรวจสอบข้อมูล รอบ $t เดือน</td><td><a class=\"f\" href=\"validation-2567-${m}m.pdf\">PDF</a> <a class=\"f\" href=\"validation-2567-${m}m.csv\">CSV</a>" $page
done
check "$page: the annual report first among the reports" \
	sh -c "grep -o 'href=\"[a-z]*-2567[-0-9m]*\.pdf\"' $page | head -1 | grep -q annual-2567.pdf"
done_testing
