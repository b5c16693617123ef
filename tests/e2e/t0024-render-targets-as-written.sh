#!/bin/sh
# Regression (issue 12, item 5): targets were printed with the decimals of
# their results: 20 on a number averaged over schools as ๒๐.๐๐, 4 on a
# level as ๔.๐๐, 12.5 as ๑๒.๕๐, and 85 as ๘๕ in the reports but ๘๕.๐๐ on
# the cards.  Every target prints as the framework writes it, in the annual
# and progress reports and on the cards, for each indicator of the
# framework file.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" --networks input
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
D=output/reports/2568/4021
thai() { sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/'; }
# code, unit, type and target as written
grep -o '<indicator [^>]*target="[^"]*"[^>]*>' input/framework/2568.xml |
	sed -E 's/.*code="([^"]+)".*unit="([^"]+)".*type="([^"]+)".*target="([^"]+)".*/\1 \2 \3 \4/' >targets.txt
check "the framework has targets written 20, 4, 12.5 and 85" \
	sh -c "grep -q ' 20\$' targets.txt && grep -q ' 4\$' targets.txt && grep -q ' 12.5\$' targets.txt && grep -q ' 85\$' targets.txt"
pdftotext -layout $D/annual-2568.pdf annual.txt
pdftotext -layout $D/progress-2568-6m.pdf p6.txt
pdftotext -layout $D/cards/1040210001.pdf card.txt
while read -r code unit type target; do
	t=$(echo "$target" | thai)
	for f in annual.txt p6.txt; do
		row=$(grep -E "^ *$code " $f | head -n 1)
		check "$f: $code's target $target printed as $t ($row)" \
			sh -c "echo '$row' | grep -qE ' $unit +$t( |\$)'"
	done
	case $type in percent|level)
		row=$(grep -E "^ *$code " card.txt | head -n 1)
		check "card: $code's target $target printed as $t ($row)" \
			sh -c "echo '$row' | grep -qE ' $unit +$t( |\$)'" ;;
	esac
done <targets.txt
done_testing
