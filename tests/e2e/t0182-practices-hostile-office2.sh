#!/bin/sh
# Hostile photos beside a practice of the second office: a PNG claiming
# 100000 x 100000 pixels, a JPEG cut short, a text file named .jpg, a file
# past 8 MiB, a photo not sent.  Each refused with its reason and a
# receipt; the practice printed with its one good photo; nothing crashes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/practices.sh"
cd "$WORK" || exit 3
cp -r "$TOP/tests/data/office2/input" input
hostile_practice "input/ผลงานเด่น/2568/ภาพเสีย" SPM35 2568
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
rc=$?
check "the run exits 1 (files refused), not $rc" [ $rc -eq 1 ]
check_hostile_practice "ผลงานเด่น/2568/ภาพเสีย" 2568 SPM35
done_testing
