#!/bin/sh
# A run killed with kill -9 while it holds the lock does not block the
# next: the kernel released the lock, the dead run's lines in the lock file
# are only overwritten, and the next run (with --wait 0) goes through and
# leaves the database, reports and receipts as a single run does.  The
# killed run's log says how far it got.  The temporary files a kill between
# a write and its rename leaves are removed by the next run.  On the demo and on office2.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

killed_run() { # NAME INPUT-FOLDER
	name=$1
	run_beside_single "$name" "$2"
	# killed once it is into its stages: as soon as validate starts (a
	# run of office2 now ends within a second of it)
	n=0
	while ! grep -q 'validate: start' output/log/*.log 2>/dev/null && [ $n -lt 6000 ]; do
		n=$((n + 1))
		sleep 0.01
	done
	kill -9 $a
	{ wait $a; } 2>/dev/null
	rc=$?
	check "$name: the run was killed ($rc)" [ $rc -eq 137 ]
	check "$name: its stale lines stay in the lock file" grep -qx "pid: $a" output/tidtam.lock
	check "$name: its log stops before the run's end" sh -c "! grep -q 'run: end' output/log/*.log"

	# what a kill between a write and its rename leaves (NAME.tmp.PID)
	mkdir -p output/reports/9999
	echo half >output/reports/9999/annual-9999.pdf.tmp.4242
	echo half >output/index.html.tmp.4243
	echo mine >output/notes.tmp.txt
	tidtam run -s 0 -t "$TOP/templates" --wait 0 >b.out 2>b.err
	rc=$?
	check "$name: the next run with --wait 0 is not blocked (exit $rc)" [ $rc -le 1 ]
	check "$name: no error" sh -c "! grep -Eiq 'error|sqlite' b.err"
	check "$name: no temporary file survives the next run" \
		sh -c "[ -z \"\$(find output -name '*.tmp.[0-9]*')\" ]"
	check "$name: the next run's log says it removed them" \
		grep -q 'temporary files of an interrupted run removed' output/log/*.log
	check "$name: other files are left alone" [ -f output/notes.tmp.txt ]
	rm -rf output/notes.tmp.txt output/reports/9999
	check_as_single "$name"
	cd "$WORK" || exit 3
}

killed_run demo "$TOP/input"
killed_run office2 "$TOP/tests/data/office2/input"
done_testing
