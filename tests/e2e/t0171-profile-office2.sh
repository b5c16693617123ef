#!/bin/sh
# The second office's profiles (a secondary office, no learning results, no
# committee): 2567's under profile/, 2568's elsewhere and known by its
# root; and its unit list's optional columns (size, district, students by
# level, teachers): the parts of both years hold what the files say, as
# computed from them, and 2568's overspend is flagged while 2567 has none.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profile.sh"
office2_run
check "both profiles went in" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM profile
	WHERE office = 'SPM35'")" -eq 2 ]
check "the unit list's figures stored: 40 schools with a size" [ "$(sqlite3 output/tidtam.db \
	"SELECT COUNT(*) FROM unit u JOIN unit_figures f ON f.code = u.code
	WHERE u.kind = 'school' AND f.size IS NOT NULL")" -eq 40 ]
for fy in 2567 2568; do
	profile_checks SPM35 $fy
done
check "2568 has an overspend to flag" grep -q "^over" expect-2568.txt
check "2567 has none" sh -c "! grep -q '^over' expect-2567.txt"
check "no progress report holds a profile part" sh -c \
	"! pdftotext output/reports/2567/SPM35/progress-2567-12m.pdf - | grep -q 'ทิศทางการพัฒนา'"
done_testing
