#!/bin/sh
# Run the unit test programs given as arguments and every end-to-end test
# script, add up their "N passed, N failed" lines, and fail if any failed.
# The tests run TEST_JOBS at a time (default: one more than the number of
# processors, as a test often waits on fsync() or a child),
# each in its own temporary folder; a line per test is printed as it ends,
# with its count and seconds, and a failed test's whole output after it.
cd "$(dirname "$0")/.." || exit 3
jobs=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) + 1))}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the runs the end-to-end tests share (tests/e2e/lib.sh, run_once)
TIDTAM_TEST_CACHE=$out/cache
mkdir "$TIDTAM_TEST_CACHE" || exit 3
export TIDTAM_TEST_CACHE
# With TIDTAM_VALGRIND set, every program a test runs goes through valgrind:
# the unit tests directly, tidtam and tidtam-* through wrappers put first on
# the end-to-end tests' PATH (lib.sh); each process's errors and leaks go
# to a log of its own, and a log that is not empty fails the run.
vg=""
if [ -n "$TIDTAM_VALGRIND" ]; then
	mkdir "$out/vg-bin" "$out/vg-log" || exit 3
	vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect"
	vg="$vg --errors-for-leak-kinds=definite,indirect --log-file=$out/vg-log/%p.log"
	for p in "$PWD"/tidtam "$PWD"/tidtam-*; do
		[ -x "$p" ] || continue
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$vg" "$p" >"$out/vg-bin/${p##*/}"
		chmod +x "$out/vg-bin/${p##*/}"
	done
	TIDTAM_TEST_PATH=$out/vg-bin
	export TIDTAM_TEST_PATH
fi
# TESTS: the end-to-end tests to run (a shell pattern), all by default
n=0
for t in "$@" ${TESTS:-tests/e2e/t[0-9]*.sh}; do
	[ -e "$t" ] || continue
	n=$((n + 1))
	printf '%s %s\n' "$n" "$t"
done >"$out/list"
# counts LOG RC: "PASSED FAILED" from a test's last summary line and status
# (a test with no summary line, or failing with none counted, counts 1 failed)
counts() {
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	p=$(echo "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/^.*[^0-9]([0-9]+) failed.*/\1/')
	[ -n "$line" ] || { p=0; f=1; }
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	echo "$p $f"
}
# each line "N TEST": the test's output in $out/N.log, its status in $out/N.rc
VG=$vg xargs -P "$jobs" -L 1 sh -c '
	case "$2" in *.sh) cmd="sh $2" ;; *) cmd="$VG $2" ;; esac
	start=$(date +%s)
	$cmd >"$0/$1.log" 2>&1
	rc=$?
	echo $rc >"$0/$1.rc"
	s=$(( $(date +%s) - start ))
	line=$(grep -E "[0-9]+ passed, [0-9]+ failed" "$0/$1.log" | tail -n 1)
	if [ $rc -ne 0 ] || [ -z "$line" ] || ! echo "$line" | grep -q " 0 failed"; then
		{ echo "FAIL $2 (${s} s)"; sed "s/^/    /" "$0/$1.log"; } >"$0/$1.res"
	else
		echo "ok   $2 ($(echo "$line" | sed -E "s/^(.*[^0-9])?([0-9]+) passed.*/\2/"), ${s} s)" >"$0/$1.res"
	fi
	cat "$0/$1.res"' "$out" <"$out/list"
passed=0 failed=0
while read -r i t; do
	rc=$(cat "$out/$i.rc" 2>/dev/null || echo 1)
	set -- $(counts "$out/$i.log" "$rc")
	passed=$((passed + $1)) failed=$((failed + $2))
done <"$out/list"
if [ -n "$vg" ]; then
	nlog=0
	for l in "$out"/vg-log/*.log; do
		# "--PID--" lines are valgrind's notes on itself (a system call
		# it does not know, such as openat2 before 3.20, which the
		# programs then do without): errors and leaks are "==PID=="
		grep -v '^--[0-9]*-- ' "$l" >"$l.own"
		[ -s "$l.own" ] || continue
		nlog=$((nlog + 1))
		echo "FAIL valgrind: $(basename "$l" .log)"
		sed "s/^/    /" "$l"
	done
	echo "valgrind: $(ls "$out"/vg-log/*.log | wc -l) processes, $nlog with errors or leaks"
	if [ "$nlog" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + nlog)); fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
