#!/bin/sh
# A lower-is-better indicator (direction="lower") reads against its
# ceiling: its row says "เกินเพดาน" or "ไม่เกินเพดาน" as the office's result
# in the database is over the framework's target or not, with the result
# and the ceiling, never a percentage of the ceiling; a note under the
# table explains such indicators.  Both offices, each year.
. "$(dirname "$0")/lib.sh"
both_offices ceiling
done_testing
