#!/bin/sh
# The hostile photos of t0182 beside a practice of the demo office (its
# framework, units, profile, practices and the last round's submissions,
# which make the annual report due: the other rounds play no part in what is
# checked here, and t0180 reads the practices in the whole demo).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/practices.sh"
cd "$WORK" || exit 3
mkdir input
for d in framework units profile practices; do cp -r "$TOP/input/$d" input/; done
mkdir -p input/submissions/2567 && cp -r "$TOP/input/submissions/2567/12m" input/submissions/2567/
hostile_practice input/practices/2567/broken 3101 2567
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
rc=$?
check "the run exits 1 (files refused), not $rc" [ $rc -eq 1 ]
check_hostile_practice practices/2567/broken 2567 3101
done_testing
