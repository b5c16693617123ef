#!/bin/sh
# Reports made by worker processes (render -j): on the demo (-j 1 and 2)
# and office2 (-j 1, 2 and 3), render from the same database (every report to make)
# makes the same files, byte for byte, the same database rows and says the
# same; a worker killed (TIDTAM_CRASH_AT, counted in each worker when -j is
# given) makes render exit 3 naming each report it lost once, leaving no
# temporary and no file half written, and a run after it makes what -j 1
# made; a write that fails in a worker (TIDTAM_FAULT) is an error of that
# report, exit 3; render killed (kill -9) leaves no worker behind, and the
# run after it makes what -j 1 made.  The wall and CPU seconds of -j 1 and
# -j 2 on the demo are printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3

# fresh NAME: a copy of NAME-base with no report made yet (nor an office)
fresh() {
	rm -rf "$WORK/$1" && cp -a "$WORK/$2-base" "$WORK/$1" || exit 3
	rm -rf "$WORK/$1/output/reports" "$WORK/$1/output/index.html"
	sqlite3 "$WORK/$1/output/tidtam.db" "DELETE FROM rendered; DELETE FROM rendered_office" || exit 3
}

# render NAME [ARGS]: tidtam render in WORK/NAME; $rrc its status
render() {
	dir=$1
	shift
	(cd "$WORK/$dir" && tidtam render -t "$TOP/templates" "$@" >out.txt 2>err.txt)
	rrc=$?
}

for name in demo office2; do
	run_once "$(office_input $name)" "$WORK/$name-base"
	cd "$WORK" || exit 3
	out_digests "$WORK/$name-base/output" >"$WORK/$name-base/out.sha"
	jobs="1 2 3"
	[ $name = demo ] && jobs="1 2"
	for j in $jobs; do
		fresh "$name-j$j" "$name"
		timed "$name: render -j $j" render "$name-j$j" -j $j
		check "$name -j $j: exit 0, not $rrc: $(head -c 300 "$WORK/$name-j$j/err.txt")" [ "$rrc" -eq 0 ]
		keep_digests "$name-j$j"
	done
	r=$WORK/$name-j1
	check "$name: -j 1 made reports" [ "$(grep -c '\.pdf$' "$r/out.sha")" -gt 10 ]
	check "$name: -j 1 makes what the run made" cmp -s "$r/out.sha" "$WORK/$name-base/out.sha"
	for j in ${jobs#1 }; do
		d=$WORK/$name-j$j
		check "$name -j $j: every file as -j 1 makes it: $(diff "$r/out.sha" "$d/out.sha" | head -n 4)" \
			cmp -s "$r/out.sha" "$d/out.sha"
		check "$name -j $j: every row as -j 1 leaves it" cmp -s "$r/db.dump" "$d/db.dump"
		check "$name -j $j: the same summary" cmp -s "$r/out.txt" "$d/out.txt"
		check "$name -j $j: the same messages" cmp -s "$r/err.txt" "$d/err.txt"
		check "$name -j $j: no temporary left" [ -z "$(temporaries "$d/output")" ]
	done
	# nothing changed: all skipped, in workers too
	render "$name-j2" -j 2
	check "$name -j 2 again: exit 0, everything skipped" \
		grep -q "^render: 0 annual and progress reports, 0 validation reports and 0 report cards" \
		"$WORK/$name-j2/out.txt"
	check "$name -j 2 again: no file changed" same_as "$name-j2" "$name-j1"
done

# a worker killed at its second durable step: every worker is, each
# counting its own steps
fresh office2-killed office2
TIDTAM_CRASH_AT=render:2 render office2-killed -j 2
d=$WORK/office2-killed
check "a worker killed: exit 3, not $rrc" [ "$rrc" -eq 3 ]
check "a worker killed: its reports named as lost: $(head -c 300 "$d/err.txt")" \
	grep -q "is not made: its worker was killed by signal 9" "$d/err.txt"
check "a worker killed: each message once" [ -z "$(sort "$d/err.txt" | uniq -d)" ]
check "a worker killed: no temporary left: $(temporaries "$d/output" | head -n 2)" \
	[ -z "$(temporaries "$d/output")" ]
check "a worker killed: no PDF half written" pdfs_whole "$d/output/reports"
check "a worker killed: the summary says some could not be made" \
	grep -q "some could not be made" "$d/out.txt"
render office2-killed -j 2
check "a worker killed, run again: exit 0, not $rrc" [ "$rrc" -eq 0 ]
check "a worker killed, run again: what -j 1 made" same_as office2-killed office2-j1

# a write that fails in the workers: the report's error, exit 3
fresh office2-fault office2
TIDTAM_FAULT=rename@render:3 render office2-fault -j 2
d=$WORK/office2-fault
check "a rename failing in a worker: exit 3, not $rrc" [ "$rrc" -eq 3 ]
check "a rename failing in a worker: said: $(head -c 300 "$d/err.txt")" \
	grep -q "error: .* is not made" "$d/err.txt"
check "a rename failing in a worker: each message once" [ -z "$(sort "$d/err.txt" | uniq -d)" ]
check "a rename failing in a worker: no temporary left" [ -z "$(temporaries "$d/output")" ]
check "a rename failing in a worker: the database whole" \
	[ "$(sqlite3 "$d/output/tidtam.db" "PRAGMA quick_check")" = ok ]
render office2-fault -j 2
check "a rename failing, run again: exit 0, not $rrc" [ "$rrc" -eq 0 ]
check "a rename failing, run again: what -j 1 made" same_as office2-fault office2-j1

# render killed while its workers make the cards: none is left running
fresh office2-kill9 office2
d=$WORK/office2-kill9
kill_under_way "$d" "$d/output/reports" 20 tidtam render -q -j 2 -t "$TOP/templates"
check "render killed under way (exit $kill_rc)" [ $kill_rc -eq 137 ]
check "render killed: no worker left running ($left)" [ -z "$left" ]
render office2-kill9 -j 2
check "render killed, run again: exit 0, not $rrc" [ "$rrc" -eq 0 ]
check "render killed, run again: what -j 1 made" same_as office2-kill9 office2-j1

# the option
render office2-j1 -j 0
check "-j 0: a usage error" [ "$rrc" -eq 2 ] && grep -q -- "--jobs takes a number" "$WORK/office2-j1/err.txt"
render office2-j1 --jobs=2 -q
check "--jobs=2 taken" [ "$rrc" -eq 0 ]
(cd "$WORK/office2-j1" && tidtam run -q -s 0 -j 2 -t "$TOP/templates" >run.out 2>run.err)
check "tidtam run -j 2: taken, every stage runs (exit $?)" [ $? -le 1 ] &&
	[ ! -s "$WORK/office2-j1/run.out" ]
(cd "$WORK/office2-j1" && tidtam ingest -j 2 -s 0 -t "$TOP/templates" >/dev/null 2>ingest.err)
check "tidtam ingest alone takes -j (it reads files in workers)" [ $? -le 1 ]
(cd "$WORK/office2-j1" && tidtam aggregate -j 2 >/dev/null 2>aggregate.err)
check "tidtam aggregate alone does not take -j" [ $? -eq 2 ]
done_testing
