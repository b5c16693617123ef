#!/bin/sh
# kill -9 at random times while receipts are written, on the demo and the
# second office: a run killed, run again and killed again, then run to its
# end, leaves the same database and files as a run never stopped, and no
# temporary file or half a receipt (random_kills in crash.sh: each kill at
# a random time within what is left of the stage, drawn from a fixed
# seed).  For more: CRASH_TRIALS=30 CRASH_CHAIN=1, each kill then run
# again and compared (make crash runs 30 a kind); make test kills one run
# of the demo and three of office2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
random_kills demo "$TOP/input" receipts "${CRASH_TRIALS:-1}" 1531 "${CRASH_CHAIN:-3}"
random_kills office2 "$TOP/tests/data/office2/input" receipts "${CRASH_TRIALS:-3}" 1532 "${CRASH_CHAIN:-3}"
done_testing
