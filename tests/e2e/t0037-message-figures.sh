#!/bin/sh
# 2026-12-02: W-OUTLIER printed its median raw inside the Thai text
# ("มัธยฐาน 91.66666667").  The figures of every message (medians, ranges,
# previous values, the values a rule names) are printed with their
# indicator's precision: never more than two decimals, a percentage's
# median with exactly two.  Checked on every issue of the demo and of the
# second office; the value as the submitter wrote it is left aside.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
for office in demo office2; do
	rm -rf input output
	if [ $office = demo ]; then
		cp -r "$TOP/input" input
	else
		cp -r "$TOP/tests/data/office2/input" input
	fi
	tidtam ingest -q -s 0 -t "$TOP/templates" 2>/dev/null
	tidtam validate -q
	sqlite3 -separator '	' output/tidtam.db "SELECT code, REPLACE(REPLACE(message_th || ' ' || message_en,
		COALESCE(found, ''), ''), COALESCE(found, ''), '') FROM issue WHERE code LIKE '_-%'" >messages.txt
	check "$office: issues were found" [ -s messages.txt ]
	check "$office: some W-OUTLIER" grep -q '^W-OUTLIER' messages.txt
	grep -E '[0-9]\.[0-9]{3,}' messages.txt >long.txt
	check "$office: no figure with more than two decimals: $(head -c 300 long.txt)" [ ! -s long.txt ]
	# percentages: the median has two decimals, as the reports print it
	sqlite3 output/tidtam.db "SELECT i.message_en FROM issue i JOIN value v ON v.submission_id = i.submission_id
		AND v.row = i.row AND v.col = i.col WHERE i.code = 'W-OUTLIER' AND v.denominator IS NOT NULL" >pct.txt
	if [ -s pct.txt ]; then
		check "$office: a percentage's median has two decimals: $(head -n 1 pct.txt)" \
			sh -c "! grep -vqE 'median [0-9,]+\.[0-9]{2},' pct.txt"
	fi
done
done_testing
