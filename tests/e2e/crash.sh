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

# now_ms: the time in milliseconds.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# tt_run: `tidtam run` as the tests run it, in the current folder.
tt_run() { tidtam run -q -s 0 -t "$TOP/templates" "$@"; }

# full_dump DB: every row of every user table, all columns (SQL literals,
# blobs as hex) but file_stat's, index_page's, index_folder's and
# receipt_folder's times and
# inodes (STAT_COLUMNS, lib.sh: when the input's files were looked at, or
# the index pages and folders written, not what was read or written), a
# sorted line per row.
full_dump() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		cols=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ',')
			FROM pragma_table_info('$t')
			WHERE NOT ('$t' IN ('file_stat', 'index_page', 'index_folder', 'receipt_folder') AND name IN ($STAT_COLUMNS))")
		sqlite3 -cmd '.mode quote' "$1" "SELECT '$t', $cols FROM \"$t\"" | LC_ALL=C sort
	done
}

# temporaries DIR: the temporary files (NAME.tmp.PID) under DIR, one a line.
temporaries() { find "$1" -name '*.tmp.*' | LC_ALL=C sort; }

# keep_digests NAME: WORK/NAME/out.sha and db.dump, what same_as compares
keep_digests() {
	out_digests "$WORK/$1/output" >"$WORK/$1/out.sha"
	full_dump "$WORK/$1/output/tidtam.db" >"$WORK/$1/db.dump"
}

# same_as NAME REF: WORK/NAME's output holds WORK/REF's files and rows
# (REF/out.sha and REF/db.dump, made before), and no temporary
same_as() {
	keep_digests "$1"
	cmp -s "$WORK/$1/out.sha" "$WORK/$2/out.sha" &&
		cmp -s "$WORK/$1/db.dump" "$WORK/$2/db.dump" &&
		[ -z "$(temporaries "$WORK/$1/output")" ]
}

# pdfs_whole DIR: every PDF under DIR ends as a PDF ends
pdfs_whole() {
	find "$1" -name '*.pdf' | while read -r f; do
		tail -c 8 "$f" | grep -q '%%EOF' || echo "$f"
	done | grep -q . && return 1
	return 0
}

# timed LABEL COMMAND...: COMMAND run in this shell, then "LABEL: W s
# wall, C s CPU" printed (the CPU of every process it waited for)
timed() {
	tlabel=$1
	shift
	cpu c0
	t0=$(now_ms)
	"$@"
	ms=$(($(now_ms) - t0))
	cpu c1
	echo "$tlabel: $(awk -v m=$ms 'BEGIN { printf "%.2f", m / 1000 }') s wall, $(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }') s CPU"
}

# kill_under_way DIR WHERE N COMMAND...: COMMAND run in DIR (its output
# in DIR/out.txt and err.txt) and killed (kill -9) once N PDFs lie under
# WHERE (or it ended); $kill_rc its status, $left the processes still
# running in DIR half a second later (its workers, say), one a line.
kill_under_way() {
	kd=$1 kwhere=$2 kn=$3
	shift 3
	(cd "$kd" && exec "$@" >out.txt 2>err.txt) &
	kpid=$!
	n=0
	while [ "$(find "$kwhere" -name '*.pdf' 2>/dev/null | wc -l)" -lt "$kn" ] && [ $n -lt 3000 ]; do
		case $(proc_state $kpid) in '' | Z) break ;; esac
		sleep 0.01
		n=$((n + 1))
	done
	kill -9 $kpid 2>/dev/null
	{ wait $kpid; } 2>/dev/null
	kill_rc=$?
	sleep 0.5
	left=$(for p in /proc/[0-9]*; do [ "$(readlink "$p/cwd" 2>/dev/null)" = "$kd" ] && echo "${p#/proc/}"; done)
}

# cpu VAR: the CPU seconds (user and system) of this shell's children so far into VAR
cpu() {
	times >"$WORK/times.txt"
	eval "$1=$(awk 'END { split($1, u, /m|s/); split($2, s, /m|s/)
		printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times.txt")"
}

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

# step_listed PID STEPS STAGE [after] [once]: back once STEPS lists a
# step of STAGE (with "after": a step of a later stage after it), or the
# process PID has ended; with "once", back after one look, 1 if not yet.
step_listed() {
	while ! awk -F '\t' -v s="$3" -v a="$4" '$2 == s { f = 1; next } f && a == "after" { g = 1 }
			END { exit !(a == "after" ? g : f) }' "$2" 2>/dev/null; do
		case $(proc_state "$1") in '' | Z) break ;; esac
		[ "$5" = once ] && return 1
		sleep 0.005
	done
	return 0
}

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
	# the receipts recorded (and the copies that need none now cleared) at once
	check "$name: the receipts recorded are one step" [ "$(stage_steps "$s" receipts commit)" -eq 1 ]
	check "$name: a report file is a step" [ "$(stage_steps "$s" render rename)" -eq \
		"$(find "$r/reports" -type f ! -name index.html | wc -l)" ]
	# the reports recorded by jobs, each commit once its files are in place
	# (after a rename), and each office's folder of a year once made whole
	# (rendered_office, at the end)
	commits=$(stage_steps "$s" render commit)
	whole=$(sqlite3 "$r/tidtam.db" "SELECT COUNT(*) FROM rendered_office")
	reports=$(find "$r/reports" -name '*.pdf' | wc -l)
	check "$name: the reports recorded together: $commits commits for $reports reports" \
		[ "$commits" -gt "$whole" -a "$commits" -lt "$reports" ]
	check "$name: each record of reports once their files are in place" [ "$(awk -F '\t' \
		'$2 == "render" { if ($4 == "commit" && last == "rename") n++; last = $4 } END { print n + 0 }' \
		"$s")" -eq $((commits - whole)) ]
	check "$name: an index page is a step" [ "$(stage_steps "$s" index rename)" -eq \
		"$(find "$r" -name index.html | wc -l)" ]
	# the files go in by batches of 500 (ingest.c BATCH_FILES), a commit each
	check "$name: a batch of input files is a step of ingest at least" [ "$(stage_steps "$s" ingest commit)" -ge \
		$((($(find "$input" -type f | wc -l) + 499) / 500)) ]
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

# random_kills NAME INPUT STAGE TRIALS SEED [CHAIN]: kill -9 at random
# times during STAGE.  The state a kill just before STAGE's first step
# leaves (TIDTAM_CRASH_AT=STAGE:1) is copied, and a run of it is killed
# (SIGKILL, from outside) at a time drawn by awk from SEED: once the stage
# before STAGE has listed its step (TIDTAM_CRASH_STEPS), within the first
# half of the time STAGE takes from there (measured once, on the same
# machine, up to the first step of a later stage; shortened as the files
# STAGE put in place add up), or at once if a later stage begins first.
# The stages write their files in batches, a burst of steps at the end of
# work that makes none, so a kill drawn after a step would mostly fall at
# the end; drawn in time, it falls anywhere, in a write as well as between
# steps, on a machine fast or slow.  CHAIN kills (default
# 1) are made one after the other, each run taking up what the one before
# left; then a run with no hook, compared with the run never stopped
# (run_once, in NAME-ref).  TRIALS kills in all.
random_kills() {
	name=$1 input=$2 stage=$3 trials=$4 seed=$5 chain=${6:-1}
	run_once "$input" "$WORK/$name-ref"
	cd "$WORK" || exit 3
	# the files STAGE writes, and a step more (the receipts' records, one
	# commit at the end of receipts); the reports' records, a commit a job,
	# fall among their files, so that a kill is drawn among the steps
	# before the last file, counted by the files put in place
	r=$name-ref/output
	case $stage in
	receipts) files=$(find "$r/receipts" -type f | wc -l) always=1 before=validate ;;
	render) files=$(find "$r/reports" -type f ! -name index.html | wc -l) always=0 before=aggregate ;;
	esac
	mkdir "$name-at" && cp -r "$input" "$name-at/input" || exit 3
	(cd "$name-at" && TIDTAM_CRASH_AT=$stage:1 tt_run >/dev/null 2>&1)
	check "$name: killed at the first step of $stage" [ $? -eq 137 ]
	# how long STAGE takes, from the step of the stage before to a later
	# one's, and when each count of its files was in place (NAME-times.txt:
	# files, nanoseconds into the stage)
	rm -rf "$name.t" && cp -a "$name-at" "$name.t" || exit 3
	(cd "$name.t" && TIDTAM_CRASH_STEPS=$WORK/$name.t/steps.txt exec tidtam run -q -s 0 \
		-t "$TOP/templates" >/dev/null 2>&1) &
	pid=$!
	step_listed $pid "$name.t/steps.txt" $before
	t0=$(date +%s%N)
	: >"$name-times.txt"
	until step_listed $pid "$name.t/steps.txt" "$stage" after once; do
		echo "$(stage_steps "$name.t/steps.txt" "$stage" rename) $(($(date +%s%N) - t0))" \
			>>"$name-times.txt"
	done
	whole=$(($(date +%s%N) - t0))
	wait $pid
	rm -rf "$name.t"
	awk -v n="$trials" -v s="$seed" 'BEGIN { srand(s)
		for (i = 0; i < n; i++) printf "%.4f\n", rand() }' >"$name-kills.txt"
	landed=0 identical=0 k=0 link=0 chains=0 done_steps=0
	while read -r u; do
		k=$((k + 1))
		if [ $link -eq 0 ]; then
			rm -rf "$name.run" && cp -a "$name-at" "$name.run" || exit 3
			done_steps=0 kills=
		fi
		left=$((always + files - done_steps))
		# within the first half of what was left of the stage once as many
		# files were in place (the measure and this run may not go at the
		# same speed on a loaded machine)
		ms=$(awk -v u="$u" -v w="$whole" -v d="$done_steps" '$1 >= d { t = $2; exit }
			END { printf "%.3f", u * (w - t) / 2e9 }' "$name-times.txt")
		rm -f "$name.run/steps.txt"
		(cd "$name.run" && TIDTAM_CRASH_STEPS=$WORK/$name.run/steps.txt exec tidtam run -q -s 0 \
			-t "$TOP/templates" >/dev/null 2>&1) &
		pid=$!
		step_listed $pid "$name.run/steps.txt" $before
		# the time drawn, or at once when the stage has ended sooner
		t0=$(date +%s%N) at_ns=$(awk -v ms="$ms" 'BEGIN { printf "%d", ms * 1e9 }')
		while [ $(($(date +%s%N) - t0)) -lt "$at_ns" ] &&
		      ! step_listed $pid "$name.run/steps.txt" "$stage" after once; do
			sleep 0.002
		done
		kill -9 $pid 2>/dev/null
		{ wait $pid; } 2>/dev/null
		kill_rc=$?
		[ $kill_rc -eq 137 ] && landed=$((landed + 1))
		# the files put in place
		done_steps=$((done_steps + $(stage_steps "$name.run/steps.txt" "$stage" rename)))
		at="$(tail -n 1 "$name.run/steps.txt" | cut -f 2-4 | tr '\t' ' ')"
		kills="$kills; $ms s into $stage (exit $kill_rc, the last step listed $at)"
		echo "$name: kill $k: $ms s into $stage, some $left files left, exit $kill_rc, the last step listed $at"
		link=$((link + 1))
		if [ $link -ge "$chain" ] || [ $k -ge "$trials" ]; then
			chains=$((chains + 1))
			rerun_equal "$name.run" "$name-ref" && identical=$((identical + 1))
			check "$name: killed${kills#;}; run again: the same: $(head -c 400 "$name.run/diff.txt" 2>/dev/null)" \
				[ ! -s "$name.run/diff.txt" ]
			link=0
		fi
	done <"$name-kills.txt"
	[ -n "$KEEP" ] || rm -rf "$name.run"
	check "$name: most kills found the run under way ($landed of $trials)" [ $((landed * 2)) -ge "$trials" ]
	echo "$name: $trials kills during $stage ($landed found it under way), $chains runs again, $identical identical"
}

# ---- faults of the system (t0154-t0159) -----------------------------------

# late_file DIR: DIR/input/late.csv, one value sent late by the first
# school, one more than it sent in the newest round it sent: work for
# every stage of the next run.
late_file() {
	{
		echo unit,indicator,fiscal_year,round,value,submitted
		sqlite3 -separator , "$1/output/tidtam.db" "SELECT s.unit_code, v.indicator,
			s.fiscal_year, s.round, v.number + 1, '2025-01-01' FROM value v
			JOIN submission s ON s.id = v.submission_id JOIN unit u ON u.code = s.unit_code
			WHERE u.kind = 'school' AND s.status = 'accepted' AND v.number IS NOT NULL
			ORDER BY s.unit_code, s.fiscal_year DESC, s.round DESC, v.indicator LIMIT 1"
	} >"$1/input/late.csv"
}

# failed_files DB: the paths of the files recorded as failed, sorted.
failed_files() { sqlite3 "$1" "SELECT path FROM file WHERE status = 'failed' ORDER BY path"; }

# office_input OFFICE: the input folder of the demo or office2.
office_input() {
	if [ "$1" = demo ]; then echo "$TOP/input"; else echo "$TOP/tests/data/$1/input"; fi
}

# fault_base OFFICE: in OFFICE-base, what a run of its input left (run_once,
# OFFICE-ref) with a file sent late (late_file); in OFFICE-control, the run
# of it with no fault, which has steps in every stage.
fault_base() {
	run_once "$(office_input "$1")" "$WORK/$1-ref"
	cd "$WORK" || exit 3
	mkdir "$1-base" && cp -a "$1-ref/input" "$1-ref/output" "$1-base/" || exit 3
	late_file "$1-base"
	failed_files "$1-base/output/tidtam.db" >"$1-base/failed.txt"
	cp -a "$1-base" "$1-control" || exit 3
	(cd "$1-control" && TIDTAM_CRASH_STEPS=$WORK/$1-control/steps.txt tt_run >out.txt 2>err.txt)
	check "$1: the late file's run with no fault exits 0 or 1, not $?" [ $? -le 1 ]
	for stage in ingest validate receipts aggregate render index; do
		check "$1: it has work in $stage" [ "$(stage_steps "$1-control/steps.txt" $stage)" -gt 0 ]
	done
}

# fault_copy NAME CASE: $d, a copy of NAME-base for the case.
fault_copy() {
	d=$WORK/$1-$2
	cp -a "$WORK/$1-base" "$d" || exit 3
}

# fault_run [VAR=VALUE…]: `tidtam run` in $d with these variables set;
# $frc its status, $d/err.txt its messages.
fault_run() {
	fstart=$(now_ms)
	(cd "$d" && env "$@" tidtam run -q -s 0 -t "$TOP/templates" >out.txt 2>err.txt)
	frc=$?
	fms=$(($(now_ms) - fstart))
}

# fault_checks NAME CASE PATTERN: the run in $d met a fault: it exited 3
# with a message matching PATTERN (grep -E), lost nothing (the database
# whole, no input file recorded as failed, the late file in whole or not
# at all); the next run, with no fault, leaves what NAME-control holds.
fault_checks() {
	check "$1 $2: exit 3, not $frc: $(head -c 300 "$d/err.txt")" [ "$frc" -eq 3 ]
	check "$1 $2: the message says what and where: $(head -c 300 "$d/err.txt")" \
		grep -Eq -- "$3" "$d/err.txt"
	echo "$1 $2: exit $frc after ${fms:-?} ms: $(grep -E -- "$3" "$d/err.txt" | head -n 1)"
	db=$d/output/tidtam.db
	check "$1 $2: the database is whole" [ "$(sqlite3 "$db" "PRAGMA quick_check")" = ok ]
	failed_files "$db" >"$d/failed.txt"
	check "$1 $2: no input file is recorded as failed" cmp -s "$d/failed.txt" "$WORK/$1-base/failed.txt"
	check "$1 $2: the late file is in whole or not at all" [ "$(sqlite3 "$db" "SELECT
		(SELECT COUNT(*) FROM file WHERE path = 'late.csv') = (SELECT COUNT(*) FROM
		submission s JOIN file f ON f.id = s.file_id WHERE f.path = 'late.csv')")" = 1 ]
	fstart=$(now_ms)
	(cd "$d" && tt_run >next.out 2>next.err)
	nrc=$?
	echo "$1 $2: the next run: exit $nrc after $(($(now_ms) - fstart)) ms"
	check "$1 $2: the next run, with no fault, completes (exit $nrc): $(head -c 200 "$d/next.err")" [ $nrc -le 1 ]
	check "$1 $2: ... and leaves what a run with no fault leaves: $(head -c 300 "$d/diff.txt" 2>/dev/null)" \
		same_output "$d" "$WORK/$1-control"
	unmount_under "$d"
	[ -n "$KEEP" ] || rm -rf "$d"
}

# unmount_under DIR: unmount what the test mounted under DIR, deepest first.
unmount_under() {
	[ "$(id -u)" -eq 0 ] || return 0
	awk -v d="$1/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
		umount "$m"
	done
}

# can_mount: 0 if this test may mount file systems (root, and mount works).
can_mount() {
	[ "$(id -u)" -eq 0 ] || return 1
	mkdir -p "$WORK/.mnt" && mount -t tmpfs -o size=64k tmpfs "$WORK/.mnt" 2>/dev/null &&
		umount "$WORK/.mnt"
}
