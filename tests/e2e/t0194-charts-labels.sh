#!/bin/sh
# Charts are labelled in words: on every page of the annual and progress
# reports that holds a chart (one of the charts' axis titles alone on a
# line), no indicator code of the year's framework and no project code
# appears anywhere but at the start of a line (the code column of a
# table, a narrative's heading); the framework's short names are the
# labels.  Both offices.
. "$(dirname "$0")/lib.sh"
both_offices chart-labels
done_testing
