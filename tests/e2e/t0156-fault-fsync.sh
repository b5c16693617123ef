#!/bin/sh
# A failing fsync (TIDTAM_FAULT: fsync, db-fsync), on the demo and the
# second office, with a file sent late to take in: of a receipt (the one
# flush of the receipts written together, named by the first of them, and
# the flush before their records commit), of a report, of the database
# (its WAL written back).  Each run stops with exit
# 3 and a message naming the file, leaves no temporary file, loses
# nothing, records no input file as failed, and the next run leaves what a
# run that met no fault leaves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
for o in demo office2; do
	fault_base $o
	fault_copy $o fsync-receipt
	fault_run TIDTAM_FAULT=fsync@receipts:1
	check "$o fsync-receipt: no temporary file left" [ -z "$(temporaries "$d/output")" ]
	fault_checks $o fsync-receipt "error: could not write 'output/receipts/[^']*late\.csv\.json'( and [0-9]+ other files)?: Input/output error"
	# the flush before the receipts' records commit: none recorded
	fault_copy $o fsync-receipts-recorded
	fault_run TIDTAM_FAULT=fsync@receipts:2
	check "$o fsync-receipts-recorded: no temporary file left" [ -z "$(temporaries "$d/output")" ]
	check "$o fsync-receipts-recorded: the late file's receipt not recorded" \
		[ "$(sqlite3 "$d/output/tidtam.db" "SELECT COUNT(*) FROM file WHERE path = 'late.csv' AND receipt IS NOT NULL")" -eq 0 ]
	fault_checks $o fsync-receipts-recorded "error: could not make the receipts lasting under '[^']*output/receipts/': Input/output error"
	fault_copy $o fsync-report
	fault_run TIDTAM_FAULT=fsync@render:1
	check "$o fsync-report: no temporary file left" [ -z "$(temporaries "$d/output")" ]
	fault_checks $o fsync-report "error: .*could not write 'output/reports/[^']*': Input/output error"
	fault_copy $o fsync-database
	fault_run TIDTAM_FAULT=db-fsync@1
	fault_checks $o fsync-database "error: the database '.*/output/tidtam\.db' could not be read or written"
done
done_testing
