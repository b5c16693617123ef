#!/bin/sh
# Completeness with the rounds as columns: in each annual report, the
# completeness part has a header line naming every round of the year's
# framework in order, and the office's row (or, without networks, the
# row of units sent) gives received / expected per round as the database's
# completeness table has them.  Both offices.
. "$(dirname "$0")/lib.sh"
both_offices completeness
done_testing
