#!/bin/sh
# Run the unit test programs given as arguments and every end-to-end test
# script, add up their "N passed, N failed" lines, and fail if any failed.
cd "$(dirname "$0")/.." || exit 3
passed=0 failed=0
log=$(mktemp)
for t in "$@" tests/e2e/t[0-9]*.sh; do
	[ -e "$t" ] || continue
	case "$t" in *.sh) cmd="sh $t" ;; *) cmd="$t" ;; esac
	$cmd >"$log" 2>&1
	rc=$?
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/')
	f=$(echo "$line" | sed -E 's/^.*[^0-9]([0-9]+) failed.*/\1/')
	[ -n "$line" ] || { p=0; f=1; }
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $t"
		sed 's/^/    /' "$log"
	else
		echo "ok   $t ($p)"
	fi
done
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
