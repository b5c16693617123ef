#!/bin/sh
# kill -9 at random times during render, on the demo and the second
# office: each run is then run again and leaves the same database and
# files as a run never stopped, and no temporary file (random_kills in
# crash.sh: a kill a random 0-40 ms after a random step of render, both
# drawn from a fixed seed; CRASH_TRIALS=30 for more).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
n=${CRASH_TRIALS:-}
random_kills demo "$TOP/input" render "${n:-3}" 1501
random_kills office2 "$TOP/tests/data/office2/input" render "${n:-7}" 1502
done_testing
