#!/bin/sh
# Crash tests like SQLite's, on the demo: a run that stops dead at one of
# its durable steps (a commit, a file renamed into place) and is run again
# leaves the same database, every row of every table, and the same files,
# byte for byte, as a run that was never stopped; no temporary file is
# left.  The steps are counted (TIDTAM_CRASH_STEPS) and a deterministic
# sample of them is tried, in every stage: ingest, validate, receipts,
# aggregate, render and index; tests/tools/crash-sweep.sh tries them all
# (make crash).  A real kill (TIDTAM_CRASH_AT, SIGKILL) at one more.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
crash_sample demo "$TOP/input" \
	ingest:300,validate:1,receipts:1000,aggregate:1,render:150,index:1

# the hook kills for real: SIGKILL just before the step, its file left
# under its temporary name, which the next run removes
mkdir kill && cp -r "$TOP/input" kill/input && cd kill || exit 3
TIDTAM_CRASH_AT=render:3 tt_run >/dev/null 2>err.txt
rc=$?
check "TIDTAM_CRASH_AT kills the run (SIGKILL), not exit $rc" [ $rc -eq 137 ]
check "the file of the step it died at is left under a temporary name" \
	[ "$(temporaries output | grep -c 'progress-2567-6m\.pdf\.tmp\.')" -eq 1 ]
cd "$WORK" || exit 3
check "run again, the outcome is the same: $(head -c 300 kill/diff.txt 2>/dev/null)" \
	rerun_equal kill demo-ref
done_testing
