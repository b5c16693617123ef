#!/bin/sh
# The second office's practices (Thai folder and file names, a fiscal year
# in Thai digits, one tall photo, a school's practice with none) in its 2568
# annual report; its 2567 report has none: the part and its contents line
# left out.  A caption changed makes the 2568 report again, not the 2567.
. "$(dirname "$0")/lib.sh"
office2_run
check "2568: the practices part, as the forms say" python3 \
	"$TOP/tests/tools/check-practices.py" input output/tidtam.db \
	output/reports/2568/SPM35/annual-2568.pdf 2568 SPM35
check "2567: no practice, no part, no appendix" python3 \
	"$TOP/tests/tools/check-practices.py" input output/tidtam.db \
	output/reports/2567/SPM35/annual-2567.pdf 2567 SPM35
check "a form in Thai digits read as 2568" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM practice WHERE fiscal_year = 2568")" -eq \
	"$(grep -rl 'fiscal-year="๒๕๖๘"' input | wc -l)" ]
before7=$(sha256sum <output/reports/2567/SPM35/annual-2567.pdf)
before8=$(sha256sum <output/reports/2568/SPM35/annual-2568.pdf)
f=$(grep -rl '<photo ' input --include='*.xml' | head -n 1)
sed -i 's|\(<photo [^>]*>\)[^<]*|\1ภาพเปลี่ยนคำบรรยายแล้ว|' "$f"
tidtam run -q -s 0 -t "$TOP/templates" 2>err2.txt
check "a caption changed: the 2568 report made again" \
	[ "$(sha256sum <output/reports/2568/SPM35/annual-2568.pdf)" != "$before8" ]
check "... with the new caption" python3 "$TOP/tests/tools/check-practices.py" input \
	output/tidtam.db output/reports/2568/SPM35/annual-2568.pdf 2568 SPM35
check "... and the 2567 report left as it was" \
	[ "$(sha256sum <output/reports/2567/SPM35/annual-2567.pdf)" = "$before7" ]
done_testing
