# Shared helpers of the end-to-end tests: a fresh copy of the demo input in
# a temporary folder, and check/summary functions.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PATH="$TOP:$PATH"
WORK=$(mktemp -d)
trap '[ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "not ok: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	desc=$1; shift
	if "$@"; then ok; else not_ok "$desc"; fi
}
done_testing() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}
demo_copy() { cp -r "$TOP/input" "$WORK/input"; }
# The second test office (tests/data/office2) copied into $WORK and run once
# through `tidtam run`; it exits 1, since some of its files are wrong on
# purpose.  Leaves the current folder at $WORK.
office2_run() {
	cp -r "$TOP/tests/data/office2/input" "$WORK/input"
	cd "$WORK" || exit 3
	tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
	rc=$?
	check "run exits 1 (some files are wrong on purpose), not $rc: $(head -c 300 err.txt)" [ $rc -eq 1 ]
}
