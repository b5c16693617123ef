#!/bin/sh
# kill -9 at random times while receipts are written, on the demo and the
# second office: each run is then run again and leaves the same database
# and files as a run never stopped, and no temporary file or half a
# receipt (random_kills in crash.sh: a kill a random 0-40 ms after a random
# step of receipts, both drawn from a fixed seed; CRASH_TRIALS=30 for more).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
n=${CRASH_TRIALS:-}
random_kills demo "$TOP/input" receipts "${n:-3}" 1531
random_kills office2 "$TOP/tests/data/office2/input" receipts "${n:-7}" 1532
done_testing
