#!/bin/sh
# Two runs started together on one output folder: the second, with
# --wait 0, refuses with exit 3 and names the run under way (pid, command,
# since when), touching nothing; a stage program alone and approve are
# refused the same way; a program that only reads still works meanwhile; a
# third run with the default wait waits, then goes.  The database (every
# table, the run's dates aside) and every report and receipt (SHA-256) are
# then those of a single run.  No SQLite error anywhere ("database is
# locked", "UNIQUE constraint failed", "table meta already exists" before
# the lock).  On the demo and on office2.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"

two_runs() { # NAME INPUT-FOLDER
	name=$1
	run_beside_single "$name" "$2"
	check "$name: the lock file names it" grep -qx "pid: $a" output/tidtam.lock
	check "$name: and its command" grep -qx "command: tidtam run -q -s 0 -t $T" output/tidtam.lock

	tidtam run -s 0 -t "$T" --wait 0 >b.out 2>b.err
	rc=$?
	check "$name: a second run with --wait 0 exits 3 (not $rc)" [ $rc -eq 3 ]
	check "$name: its message names the pid of the run under way" grep -q "(pid $a, " b.err
	check "$name: and its command" grep -qF "'tidtam run -q -s 0 -t $T'" b.err
	check "$name: and since when" grep -Eq "since [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\)" b.err
	check "$name: it says nothing was done" grep -q "nothing done" b.err
	check "$name: no SQLite error" sh -c "! grep -Eiq 'sqlite|database|constraint|already exists' b.err"
	check "$name: nothing on stdout" [ ! -s b.out ]
	check "$name: the refused run writes no log" [ "$(ls output/log | wc -l)" -eq 1 ]

	tidtam-ingest -s 0 -t "$T" --wait 0 >i.out 2>i.err
	rc=$?
	check "$name: tidtam-ingest alone is refused too, exit 3 (not $rc)" [ $rc -eq 3 ]
	check "$name: naming the run under way" grep -q "tidtam-ingest: error: another run holds .*(pid $a, " i.err
	tidtam approve --fy 2567 --round 12 --by test -q --wait 0 2>p.err
	rc=$?
	check "$name: approve is refused too, exit 3 (not $rc)" [ $rc -eq 3 ]
	tidtam check "input/framework/2567.xml" >k.out 2>k.err
	rc=$?
	check "$name: tidtam check (reads only) works meanwhile ($rc)" [ $rc -eq 0 ]
	check "$name: without a SQLite error" sh -c "! grep -Eiq 'sqlite|locked' k.err"

	# (the default wait, 60 s, may be too short on a busy machine)
	tidtam run -s 0 -t "$T" --wait 900 >c.out 2>c.err &
	c=$!
	wait $a
	rca=$?
	wait $c
	rcc=$?
	check "$name: the first run ends as a run alone does, exit 1 ($rca)" [ $rca -eq 1 ]
	check "$name: the waiting run said it waits" grep -q "another run holds .*(pid $a, .*waiting up to 900 s" c.err
	check "$name: then went, finding nothing new (exit $rcc)" [ $rcc -eq 0 ]
	check "$name: ingest found nothing new" grep -q "^ingest: nothing new" c.out
	check "$name: no error in either" sh -c "! grep -Eiq 'error|sqlite' a.err c.err"
	check_as_single "$name"
	cd "$WORK" || exit 3
}

two_runs demo "$TOP/input"
two_runs office2 "$TOP/tests/data/office2/input"
done_testing
