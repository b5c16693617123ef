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
