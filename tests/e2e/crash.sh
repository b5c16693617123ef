# Helpers of the crash and fault tests (t0150-t0159, tests/tools/crash-sweep.sh),
# sourced after lib.sh.  The hooks they drive are described in
# include/tidtam/step.h: TIDTAM_CRASH_AT, TIDTAM_CRASH_SIGNAL,
# TIDTAM_CRASH_STEPS, TIDTAM_FAULT.
#
# Every run is made at one SOURCE_DATE_EPOCH, so the times a run writes into
# the database (file.ingested_at, approval.at) and its outputs are the same
# in every run and nothing needs leaving out when two runs are compared.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
export SOURCE_DATE_EPOCH
unset TIDTAM_CRASH_AT TIDTAM_CRASH_SIGNAL TIDTAM_CRASH_STEPS TIDTAM_FAULT

# tt_run: `tidtam run` as the tests run it, in the current folder.
tt_run() { tidtam run -q -s 0 -t "$TOP/templates" "$@"; }

# full_dump DB: every row of every user table, all columns (SQL literals,
# blobs as hex), a sorted line per row.
full_dump() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		sqlite3 -cmd '.mode quote' "$1" "SELECT '$t', * FROM \"$t\"" | LC_ALL=C sort
	done
}

# temporaries DIR: the temporary files (NAME.tmp.PID) under DIR, one a line.
temporaries() { find "$1" -name '*.tmp.*' | LC_ALL=C sort; }

# same_output DIR REF: 0 if DIR/output is REF/output: every row of the
# database and the SHA-256 of every file (out_digests: not the database, the
# lock or the logs), and no temporary file is left in DIR/output.  What
# differs goes into DIR/diff.txt.
same_output() {
	full_dump "$1/output/tidtam.db" >"$1/db.dump" 2>&1
	[ -s "$2/db.dump" ] || full_dump "$2/output/tidtam.db" >"$2/db.dump"
	out_digests "$1/output" >"$1/out.sha"
	[ -s "$2/out.sha" ] || out_digests "$2/output" >"$2/out.sha"
	{
		temporaries "$1/output" | sed 's/^/temporary left: /'
		diff "$2/db.dump" "$1/db.dump" | head -n 20
		diff "$2/out.sha" "$1/out.sha" | head -n 20
	} >"$1/diff.txt"
	[ ! -s "$1/diff.txt" ]
}

# proc_state PID: the state letter of a process (T when stopped), or
# nothing when it is gone.
proc_state() { sed -E 's/^[0-9]+ \(.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null; }

# snapshot_run INPUT DIR POINTS: a run of a copy of INPUT in DIR that stops
# itself (SIGSTOP) at each of POINTS (TIDTAM_CRASH_AT) and lists its steps in
# DIR/steps.txt.  At each stop, what a kill there would leave (input/ and
# output/) is copied to DIR.K (K = 1, 2, … in the order reached), with the
# step it stopped before in DIR.K/step.txt; then the run goes on.  $snap_rc
# is the run's exit status, $snaps the number of copies.
snapshot_run() {
	mkdir -p "$2" && cp -r "$1" "$2/input" || exit 3
	(cd "$2" && TIDTAM_CRASH_AT=$3 TIDTAM_CRASH_SIGNAL=STOP \
		TIDTAM_CRASH_STEPS="$2/steps.txt" exec tidtam run -q -s 0 \
		-t "$TOP/templates" >out.txt 2>err.txt) &
	snap_pid=$!
	trap 'kill -9 $snap_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
	snaps=0 seen=0
	while :; do
		case $(proc_state $snap_pid) in
		T)
			# a new stop has a new line: the step is listed before it stops
			n=$(wc -l <"$2/steps.txt")
			if [ "$n" -gt "$seen" ]; then
				seen=$n snaps=$((snaps + 1))
				mkdir "$2.$snaps" && cp -a "$2/input" "$2/output" "$2.$snaps/" ||
					exit 3
				tail -n 1 "$2/steps.txt" >"$2.$snaps/step.txt"
				kill -CONT $snap_pid
			else
				sleep 0.01
			fi
			;;
		'' | Z) break ;;
		*) sleep 0.01 ;;
		esac
	done
	wait $snap_pid
	snap_rc=$?
}

# rerun_equal DIR REF: a run with no hook in DIR (whose input/ and output/
# a crash left) exits 0 or 1 and leaves what REF holds (same_output).  Not
# always the status of REF's run: input rejected before the crash was said
# so then, and is not new to this run.
rerun_equal() {
	(cd "$1" && tt_run >rerun.out 2>rerun.err)
	rc=$?
	same_output "$1" "$2"
	rerun_same=$?
	[ $rc -le 1 ] || echo "rerun exit $rc: $(head -c 300 "$1/rerun.err")" >>"$1/diff.txt"
	[ $rerun_same -eq 0 ] && [ $rc -le 1 ]
}

# stage_steps STEPS STAGE [KIND]: how many steps of STEPS (a steps.txt)
# belong to STAGE (and are of KIND).
stage_steps() {
	awk -F '\t' -v s="$2" -v k="$3" '$2 == s && (k == "" || $4 == k)' "$1" | wc -l
}

# crash_sample NAME INPUT POINTS: SQLite's crash test on a sample.  A run
# of INPUT that was not stopped (run_once, in NAME-ref), and one that stops
# at each of POINTS (snapshot_run, in NAME); then each copy of what a kill
# at a point leaves is run again and compared with the run not stopped.
# Checks that every point was reached, that every stage has steps and the
# steps of receipts, render and index are the files they write, and that
# every run again leaves what the run not stopped left.
crash_sample() {
	name=$1 input=$2 points=$3
	run_once "$input" "$WORK/$name-ref"
	cd "$WORK" || exit 3
	check "$name: the run not stopped exits 1, not $run_rc" [ "$run_rc" -eq 1 ]
	snapshot_run "$input" "$WORK/$name" "$points"
	s=$WORK/$name/steps.txt
	check "$name: the run that stopped exits 1 too, not $snap_rc" [ "$snap_rc" -eq 1 ]
	check "$name: it stopped at each of the $(echo "$points" | tr ',' '\n' | wc -l) points, not $snaps" \
		[ "$snaps" -eq "$(echo "$points" | tr ',' '\n' | wc -l)" ]
	check "$name: stopping and going on changes nothing: $(head -c 300 "$WORK/$name/diff.txt" 2>/dev/null)" \
		same_output "$WORK/$name" "$WORK/$name-ref"
	for stage in ingest validate receipts aggregate render index; do
		check "$name: steps in $stage" [ "$(stage_steps "$s" $stage)" -gt 0 ]
	done
	r=$WORK/$name-ref/output
	check "$name: a receipt file is a step" [ "$(stage_steps "$s" receipts rename)" -eq \
		"$(find "$r/receipts" -type f | wc -l)" ]
	check "$name: a receipt recorded is a step" [ "$(stage_steps "$s" receipts commit)" -eq \
		"$(find "$r/receipts" -name '*.txt' | wc -l)" ]
	check "$name: a report file is a step" [ "$(stage_steps "$s" render rename)" -eq \
		"$(find "$r/reports" -type f ! -name index.html | wc -l)" ]
	check "$name: a report recorded is a step" [ "$(stage_steps "$s" render commit)" -eq \
		"$(find "$r/reports" -name '*.pdf' | wc -l)" ]
	check "$name: an index page is a step" [ "$(stage_steps "$s" index rename)" -eq \
		"$(find "$r" -name index.html | wc -l)" ]
	check "$name: an input file is a step of ingest at least" [ "$(stage_steps "$s" ingest commit)" -ge \
		"$(find "$input" -type f | wc -l)" ]
	echo "$name: $(wc -l <"$s") steps:$(for stage in ingest validate receipts aggregate render index; do
		printf ' %s %s' $stage "$(stage_steps "$s" $stage)"; done); $snaps tried"
	identical=0 k=1
	while [ $k -le "$snaps" ]; do
		at=$(cut -f 1-4 "$WORK/$name.$k/step.txt" | tr '\t' ' ')
		if rerun_equal "$WORK/$name.$k" "$WORK/$name-ref"; then
			identical=$((identical + 1))
			[ -n "$KEEP" ] || rm -rf "$WORK/$name.$k"
		fi
		check "$name: stopped before step $at, run again: the same outcome: $(head -c 400 "$WORK/$name.$k/diff.txt" 2>/dev/null)" \
			[ ! -s "$WORK/$name.$k/diff.txt" ]
		k=$((k + 1))
	done
	echo "$name: $identical of $snaps identical"
}
