#!/bin/sh
# What `make fuzz` does with a target (fuzz/run.sh), with a stand-in that
# prints libFuzzer's closing lines: the options it is given (time, longest
# input, timeout, memory, leaks, statistics, dictionary, seeds), the line
# of the table made from its statistics, and a crash, a leak or a failure
# with no input left: each fails the run, and an input left is kept as a
# regression case.  With clang on the machine, `make fuzz` itself: the
# rules' target built with libFuzzer, ASan and UBSan, run for a few
# seconds, its table line read.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
# the stand-in takes the place of the rules' target, whose seeds and
# dictionary run.sh then names
mkdir -p b/fuzz/bin || exit 3
cat >b/fuzz/bin/expr <<'EOF'
#!/bin/sh
# a stand-in for a libFuzzer target
for a; do
	case $a in -artifact_prefix=*) prefix=${a#-artifact_prefix=} ;; esac
done
printf '%s\n' "$@" >"$ARGS"
echo "#4321	DONE   cov: 42 ft: 99 corp: 5/100b lim: 4 exec/s: 617 rss: 30Mb"
echo "stat::number_of_executed_units: 4321"
echo "stat::average_exec_per_sec:     617"
case $STUB in
crash | leak | timeout | oom)
	printf 'input of a %s' "$STUB" >"${prefix}$STUB-0123abcd"
	echo "==1==ERROR: AddressSanitizer: $STUB"
	exit 1 ;;
fail) exit 77 ;;
esac
exit 0
EOF
chmod +x b/fuzz/bin/expr

fuzz() { # fuzz STUB: run.sh over the stand-in; its output in run.out
	ARGS=$WORK/args STUB=$1 FUZZ_SECONDS=7 FUZZ_REGRESS=$WORK/regress \
		sh "$TOP/fuzz/run.sh" "$WORK/b" expr >run.out 2>&1
}
row() { grep '^expr ' run.out | tr -s ' '; }

export ARGS STUB
fuzz ok
check "a clean run passes: $(tail -n 3 run.out)" [ $? -eq 0 ]
check "the table has a line per target, from the statistics" \
	[ "$(row | cut -d' ' -f1-6)" = "expr 4321 617 42 99 0" ]
check "the table's header" grep -q '^target  *executions  *exec/s  *cov  *ft  *findings  *seconds$' run.out
for want in -max_total_time=7 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	-detect_leaks=1 -print_final_stats=1 -dict=fuzz/dict/expr.dict fuzz/corpus/expr \
	"$WORK/b/corpus/expr" "-artifact_prefix=$WORK/b/artifacts/expr/"; do
	check "the target is given $want" grep -qx -- "$want" args
done
ARGS=$WORK/args STUB=ok FUZZ_SECONDS=7 FUZZ_RUNS=5000 FUZZ_REGRESS=$WORK/regress \
	sh "$TOP/fuzz/run.sh" "$WORK/b" expr >run.out 2>&1
check "FUZZ_RUNS bounds the executions" grep -qx -- -runs=5000 args
check "the regression inputs are seeds too (when there are any)" \
	sh -c "[ ! -d '$TOP/fuzz/regress/expr' ] || grep -qx fuzz/regress/expr args"

for kind in crash leak timeout oom; do
	fuzz $kind
	check "a $kind fails the run" [ $? -ne 0 ]
	check "a $kind is counted as a finding" [ "$(row | cut -d' ' -f6)" = 1 ]
	check "the input of a $kind is kept as a regression case" \
		[ "$(cat "regress/expr/$kind-0123abcd" 2>/dev/null)" = "input of a $kind" ]
	check "what went wrong is shown" grep -q "ERROR: AddressSanitizer: $kind" run.out
done
fuzz fail
check "a target failing without an input fails the run too" [ $? -ne 0 ]
check "and counts as a finding" [ "$(row | cut -d' ' -f6)" = 1 ]

if command -v clang >/dev/null 2>&1; then
	# the real thing, in a build folder of the test's own
	FUZZ_REGRESS=$WORK/regress-real make -s -C "$TOP" fuzz FUZZ_B="$WORK/bf" \
		FUZZ_TARGETS=expr FUZZ_SECONDS=3 >real.out 2>&1
	rc=$?
	check "make fuzz builds and runs the rules' target with clang: $(tail -n 5 real.out)" [ $rc -eq 0 ]
	line=$(grep '^expr ' real.out | tr -s ' ')
	check "it ran thousands of inputs ($line)" [ "$(echo "$line" | cut -d' ' -f2)" -gt 1000 ]
	check "with coverage" [ "$(echo "$line" | cut -d' ' -f4)" -gt 50 ]
	check "and no finding" [ "$(echo "$line" | cut -d' ' -f6)" = 0 ]
	check "nothing kept" [ ! -d "$WORK/regress-real" ]
fi
done_testing
