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
# db_dump DB: every user table of a tidtam database, a sorted line per row,
# without the columns that say when a run happened (file.ingested_at,
# approval.at), so that two runs' databases can be compared.
db_dump() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		cols=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ',')
			FROM pragma_table_info('$t') WHERE NOT ('$t' = 'file' AND name = 'ingested_at')
			AND NOT ('$t' = 'approval' AND name = 'at')")
		sqlite3 "$1" "SELECT '$t', $cols FROM \"$t\"" | LC_ALL=C sort
	done
}
# out_digests DIR: the SHA-256 of every report, receipt and form under an
# output folder (not the database, the lock or the logs).
out_digests() {
	(cd "$1" && find . -type f ! -name 'tidtam.db*' ! -name tidtam.lock ! -path './log/*' |
		LC_ALL=C sort | xargs -d '\n' sha256sum)
}
# wait_holder DIR: wait (up to 60 s) until DIR/tidtam.lock names the run
# that holds it.
wait_holder() {
	n=0
	while ! grep -q '^pid: ' "$1/tidtam.lock" 2>/dev/null; do
		n=$((n + 1))
		[ $n -le 600 ] || return 1
		sleep 0.1
	done
}
