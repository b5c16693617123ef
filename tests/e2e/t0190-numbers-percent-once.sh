#!/bin/sh
# A percentage is said once: in no report of either office (annual,
# progress, validation, cards) is a figure written "ร้อยละ ๖๒.๕๐%", nor a
# number followed by "%" (a cell under a ร้อยละ header, a sentence).  The
# expressions are first shown to catch both forms.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
report_numbers selftest
both_offices percent-once
done_testing
