#!/bin/sh
# Crash tests like SQLite's, on the demo: a run that stops dead at one of
# its durable steps (a commit, a file renamed into place) and is run again
# leaves the same database, every row of every table, and the same files,
# byte for byte, as a run that was never stopped; no temporary file is
# left.  The steps are counted (TIDTAM_CRASH_STEPS), every stage must have
# some, and a deterministic sample of them is tried: on the demo, whose
# runs are long, one in each of receipts, render and index (t0151 tries
# every stage on office2); tests/tools/crash-sweep.sh tries them all
# (make crash).  The copies are taken from one run that stops itself at
# each step of the sample (TIDTAM_CRASH_SIGNAL=STOP), exactly what a kill
# there leaves; t0151 kills for real.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
crash_sample demo "$TOP/input" \
	receipts:1200,render:100,index:1

done_testing
