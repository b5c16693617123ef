#!/bin/sh
# The index pages of the second test office (no networks, 6-digit codes,
# rounds 6 and 12, two fiscal years): a page per year, every link leads to a
# file inside output/, every report, card and receipt is linked, the status
# counts are the completeness table's.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/tools/index-checks.sh"
office2_run
index_checks
for fy in 2567 2568; do
	page=output/reports/$fy/SPM35/index.html
	check "$page made" [ -s $page ]
	check "$page: no networks, so no network heading" sh -c "! grep -q 'โรงเรียนในสังกัดสำนักงานโดยตรง' $page"
	check "$page: only the rounds of the framework (6, 12)" \
		[ "$(grep -o 'data-round="[0-9]*"' $page | sort -u | tr '\n' ' ')" = 'data-round="12" data-round="6" ' ]
	check "top page links the $fy page" grep -q "href=\"reports/$fy/SPM35/index.html\"" output/index.html
done
done_testing
