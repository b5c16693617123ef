#!/bin/sh
# The hostile photos of t0182 beside a practice of the demo office.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/practices.sh"
cd "$WORK" || exit 3
cp -r "$TOP/input" input
hostile_practice input/practices/2567/broken 3101 2567
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
rc=$?
check "the run exits 1 (files refused), not $rc" [ $rc -eq 1 ]
check_hostile_practice practices/2567/broken 2567 3101
done_testing
