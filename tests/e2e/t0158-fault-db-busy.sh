#!/bin/sh
# A database that is busy, on the demo and the second office, with a file
# sent late to take in: another program (the sqlite3 shell) holds a write
# transaction on output/tidtam.db (BEGIN IMMEDIATE, left open).  The run
# waits 10 s for it, then stops with exit 3 and a message saying the
# database is busy and naming it; it loses nothing, records no input file
# as failed, and once the other program is done the next run leaves what
# a run that met no fault leaves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
for o in demo office2; do
	fault_base $o
	fault_copy $o busy
	mkfifo "$d/hold"
	sqlite3 "$d/output/tidtam.db" <"$d/hold" >/dev/null 2>&1 &
	holder=$!
	exec 7>"$d/hold"
	# waiting its turn: a probe below may hold the lock for a moment
	printf '.timeout 30000\nBEGIN IMMEDIATE;\n' >&7
	n=0 # until it holds the write lock
	while sqlite3 "$d/output/tidtam.db" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; do
		n=$((n + 1))
		[ $n -le 300 ] || { echo "$o busy: the other program never held the database" >&2; exit 3; }
		sleep 0.1
	done
	start=$(date +%s)
	fault_run
	waited=$(($(date +%s) - start))
	echo 'ROLLBACK;' >&7
	exec 7>&-
	wait $holder
	check "$o busy: the run waited for the other program ($waited s)" [ $waited -ge 9 ]
	fault_checks $o busy "error: the database '.*/output/tidtam\.db' is busy: another program has held a write transaction on it"
done
done_testing
