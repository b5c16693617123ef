#!/bin/sh
# The demo office's profile (input/profile/2567.xml, a primary office with
# learning results, three plans and an overspent project) in its annual
# report: every part in the contents and the outline, the budget's totals,
# what remains and the overspend, as computed from the input files.  The
# demo's unit list has none of the optional columns: the parts of schools
# by size and district, students by level and teachers are left out.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/profile.sh"
demo_run
check "the profile went in" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM profile
	WHERE office = '3101' AND fiscal_year = 2567")" -eq 1 ]
check "its receipt-less file is recorded as a profile" [ "$(sqlite3 output/tidtam.db \
	"SELECT kind FROM file WHERE path = 'profile/2567.xml'")" = profile ]
profile_checks 3101 2567
check "the learning results: 8 rows, O-NET first" grep -qE "^ *O-NET +ป\.6 +ภาษาไทย +[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{2} +[-+][0-9.]+ *$" annual-2567.txt
check "the committee's order, its number and date" grep -qF "ที่512/2567ลงวันที่1ตุลาคม2567" flat-2567.txt
done_testing
