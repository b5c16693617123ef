#!/bin/sh
# A failing rename (TIDTAM_FAULT=rename), on the demo and the second
# office, with a file sent late to take in: of a receipt, of a report, of
# an index page.  Each run stops with exit 3 and a message naming the file
# it could not put in place, leaves no temporary file, loses nothing,
# records no input file as failed, and the next run leaves what a run that
# met no fault leaves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
for o in demo office2; do
	fault_base $o
	for stage in receipts render index; do
		case $stage in
		receipts) file="output/receipts/[^']*late\.csv\.json" ;;
		render) file="output/reports/[^']*\.pdf" ;;
		index) file="output/reports/[^']*/index\.html" ;;
		esac
		fault_copy $o rename-$stage
		fault_run TIDTAM_FAULT=rename@$stage:1
		check "$o rename-$stage: no temporary file left" [ -z "$(temporaries "$d/output")" ]
		fault_checks $o rename-$stage "error: .*could not put '$file' in place \(renaming '[^']*\.tmp\.[0-9]+'\): Input/output error"
	done
done
done_testing
