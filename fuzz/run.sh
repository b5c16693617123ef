#!/bin/sh
# Run libFuzzer targets one after another (make fuzz):
#
#   FUZZ_SECONDS=60 sh fuzz/run.sh BUILD TARGET...
#
# BUILD is the fuzz build folder (build-fuzz), whose fuzz/bin/TARGET are
# the targets.  Each runs for FUZZ_SECONDS (default 60) from its seeds,
# fuzz/corpus/TARGET, the inputs kept from earlier findings,
# fuzz/regress/TARGET, and what earlier runs found (BUILD/corpus/TARGET,
# where new inputs go), with its dictionary fuzz/dict/TARGET.dict when
# there is one; FUZZ_RUNS=N stops it after N executions if that comes
# first.  A crash, a failed property, a leak, a timeout (an input
# taking over FUZZ_TIMEOUT seconds, default 10) or running out of memory
# (FUZZ_RSS_MB, default 2048) is a finding: its input is copied into
# fuzz/regress/TARGET (under FUZZ_REGRESS, default fuzz/regress), where
# `make test` replays it, and the run fails.
# Last, a line per target: executions, executions per second, coverage
# (libFuzzer's cov: edges and ft: features), findings and seconds.
cd "$(dirname "$0")/.." || exit 3
[ $# -ge 2 ] || { echo "usage: sh fuzz/run.sh BUILD TARGET..." >&2; exit 2; }
build=$1
shift
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
regress=${FUZZ_REGRESS:-fuzz/regress}
runs=${FUZZ_RUNS:+-runs=$FUZZ_RUNS}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# the targets that read a path write their input to a file: in memory
[ -z "$TMPDIR" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm

# the longest input tried, per target: above the readers' windows (64 KiB
# for a CSV's separator) where that matters, about the largest real file
# (a framework of 12 KB, a template of 4 KB) where longer inputs only slow
# the target down
max_len() {
	case $1 in
	csv) echo 131072 ;;
	xlsx) echo 65536 ;;
	framework | units) echo 16384 ;;
	xmlform | template) echo 8192 ;;
	expr) echo 4096 ;;
	encoding | period) echo 1024 ;;
	*) echo 65536 ;;
	esac
}

table=$(mktemp)
trap 'rm -f "$table"' EXIT
failed=0
for t in "$@"; do
	bin=$build/fuzz/bin/$t
	[ -x "$bin" ] || { echo "no fuzz target '$bin'" >&2; exit 3; }
	mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "$build/log" || exit 3
	rm -f "$build/artifacts/$t"/*
	dirs="$build/corpus/$t"
	for d in fuzz/corpus/$t fuzz/regress/$t; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	dict=
	[ -f "fuzz/dict/$t.dict" ] && dict="-dict=fuzz/dict/$t.dict"
	log=$build/log/$t.log
	echo "fuzzing $t for $seconds s (log: $log)"
	start=$(date +%s)
	"$bin" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout="$timeout" \
		-rss_limit_mb="$rss" -malloc_limit_mb="$rss" -detect_leaks=1 \
		-print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" $runs $dict $dirs \
		>"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	findings=0
	for f in "$build/artifacts/$t"/crash-* "$build/artifacts/$t"/leak-* \
		"$build/artifacts/$t"/timeout-* "$build/artifacts/$t"/oom-*; do
		[ -f "$f" ] || continue
		findings=$((findings + 1))
		mkdir -p "$regress/$t" && cp "$f" "$regress/$t/" &&
			echo "  finding kept: $regress/$t/$(basename "$f")"
	done
	# a failure libFuzzer left no input for still fails the run
	[ "$rc" -ne 0 ] && [ "$findings" -eq 0 ] && findings=1
	if [ "$findings" -ne 0 ]; then
		failed=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|property failed|.*runtime error)' "$log" |
			head -n 5 | sed 's/^/  /'
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	printf '%-10s %12s %9s %7s %7s %9s %8s\n' "$t" "${execs:--}" "${rate:--}" \
		"${cov:--}" "${ft:--}" "$findings" "$secs" >>"$table"
done
printf '%-10s %12s %9s %7s %7s %9s %8s\n' target executions exec/s cov ft findings seconds
cat "$table"
exit $failed
