#!/bin/sh
# Decimals by kind, in the annual reports of both offices: a level's target
# (from the framework XML) printed whole ("๔", not "๔.๐๐"), the mean
# levels of the rounds with one decimal at most, money in whole baht with
# thousands separators (each project's budget from the project sheets) and
# no amount of baht with satang anywhere.
. "$(dirname "$0")/lib.sh"
both_offices decimals
done_testing
