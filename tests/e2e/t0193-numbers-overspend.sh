#!/bin/sh
# The budget table flags a project spent over its budget: the projects
# over budget are computed from the project sheets (every file of
# input/projects, CP874 or UTF-8); each of their rows says "เกินงบ" with the
# amount, the sentence under the table names it with its budget and the
# overspend, every other row has its remaining balance and no flag.  Both
# offices (office2's extra sheet holds its overspent project).
. "$(dirname "$0")/lib.sh"
both_offices overspend
done_testing
