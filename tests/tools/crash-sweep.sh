#!/bin/sh
# crash-sweep.sh INPUT [POINTS]: SQLite's crash test over every durable
# step of a `tidtam run` of INPUT (or the steps POINTS lists: "1,5,9",
# "every:10", "render:1,index:2", "ingest:all"), as t0150/t0151 do on a
# sample.
#
# A reference run (not stopped) lists the steps (TIDTAM_CRASH_STEPS).  Then,
# for each step N, a run of a fresh copy of INPUT is killed just before N
# (TIDTAM_CRASH_AT=N, SIGKILL), run again with no hook, and compared with
# the reference: every row of every table, every file under output/ but the
# logs (same_output in tests/e2e/crash.sh), no temporary file left.
# CRASH_MODE=stop takes the copies from one run that stops at each step
# (TIDTAM_CRASH_SIGNAL=STOP) instead: what is on disk there is what a kill
# leaves, and the killed runs are not made again, so it takes half the time.
#
# CRASH_JOBS trials at a time (default: processors); a line per trial
# ("N STAGE K KIND: same" or "…: DIFFERENT" with the difference indented)
# and at the end "crash-sweep: S steps, T tried, I identical"; exit 1 if
# any differs.  KEEP=1 keeps the folders.  Make runs it as `make crash`
# (CRASH_INPUTS, default the demo and office2).
[ $# -ge 1 ] || { echo "usage: crash-sweep.sh INPUT [POINTS]" >&2; exit 2; }
input=$(cd "$1" && pwd) || exit 2
points=$2
. "$(dirname "$0")/../e2e/lib.sh"
. "$(dirname "$0")/../e2e/crash.sh"
jobs=${CRASH_JOBS:-$(nproc 2>/dev/null || echo 1)}
mode=${CRASH_MODE:-kill}
cd "$WORK" || exit 3

# the reference, which lists the steps
mkdir ref && cp -r "$input" ref/input && cd ref || exit 3
TIDTAM_CRASH_STEPS=$WORK/steps.txt tt_run >/dev/null 2>err.txt
ref_rc=$?
cd "$WORK" || exit 3
[ "$ref_rc" -le 1 ] || { echo "crash-sweep: the reference run failed ($ref_rc)" >&2; exit 3; }
total=$(wc -l <steps.txt)
same_output ref ref >/dev/null 2>&1 # its dump and digests, made once

# the steps to try: numbers, one a line
case $points in
'') seq 1 "$total" ;;
every:*) seq 1 "${points#every:}" "$total" ;;
*)
	echo "$points" | tr ',' '\n' | while read -r p; do
		case $p in
		*:all) awk -F '\t' -v s="${p%%:*}" '$2 == s { print $1 }' steps.txt ;;
		*:*) awk -F '\t' -v s="${p%%:*}" -v k="${p#*:}" '$2 == s && $3 == k { print $1 }' steps.txt ;;
		*) echo "$p" ;;
		esac
	done
	;;
esac >todo.txt
tried=$(wc -l <todo.txt)

# trial N: the line of the outcome into result.N
trial() {
	n=$1 d=$WORK/n$1
	at=$(sed -n "${n}p" "$WORK/steps.txt" | cut -f 1-4 | tr '\t' ' ')
	if [ "$mode" = kill ]; then
		mkdir "$d" && cp -r "$input" "$d/input" || return 3
		(cd "$d" && TIDTAM_CRASH_AT=$n tt_run >/dev/null 2>&1)
		rc=$?
		if [ $rc -ne 137 ]; then
			echo "$at: DIFFERENT" >"$WORK/result.$n"
			echo "    the run was not killed: exit $rc" >>"$WORK/result.$n"
			return
		fi
	fi
	if rerun_equal "$d" "$WORK/ref"; then
		echo "$at: same" >"$WORK/result.$n"
		[ -n "$KEEP" ] || rm -rf "$d"
	else
		{ echo "$at: DIFFERENT"; sed 's/^/    /' "$d/diff.txt"; } >"$WORK/result.$n"
	fi
}

# wait_slot: until fewer than $jobs trials run (each leaves done.N)
started=0
wait_slot() {
	while [ $((started - $(ls "$WORK" | grep -c '^done\.'))) -ge "$jobs" ]; do
		sleep 0.1
	done
}

if [ "$mode" = stop ]; then
	# one run stops at every step; each to try is copied and run again by
	# a trial in the background; the run waits for a free slot
	mkdir run && cp -r "$input" run/input || exit 3
	(cd run && TIDTAM_CRASH_AT=all TIDTAM_CRASH_SIGNAL=STOP \
		TIDTAM_CRASH_STEPS=$WORK/run/steps.txt \
		exec tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1) &
	pid=$!
	trap 'kill -9 $pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
	seen=0
	while :; do
		case $(proc_state $pid) in
		T)
			n=$(wc -l <run/steps.txt)
			if [ "$n" -le "$seen" ]; then
				sleep 0.01
				continue
			fi
			seen=$n
			if grep -qx "$n" todo.txt; then
				wait_slot
				mkdir "n$n" && cp -a run/input run/output "n$n/" || exit 3
				started=$((started + 1))
				(trial "$n"; touch "$WORK/done.$n") &
			fi
			kill -CONT $pid
			;;
		'' | Z) break ;;
		*) sleep 0.005 ;;
		esac
	done
	wait
else
	while read -r n; do
		wait_slot
		started=$((started + 1))
		(trial "$n"; touch "$WORK/done.$n") &
	done <todo.txt
	wait
fi

for n in $(cat todo.txt); do
	cat "result.$n" 2>/dev/null || echo "step $n: DIFFERENT (no outcome)"
done
identical=$(cat result.* 2>/dev/null | grep -c ': same$')
echo "crash-sweep: $(basename "$input"): $total steps, $tried tried, $identical identical"
[ "$identical" -eq "$tried" ]
