#!/bin/sh
# Receipts made by worker processes (validate -j): on the demo and office2,
# validate from the same ingested database (every receipt to make) with
# -j 1 and -j 2 makes the same receipts, byte for byte, the same database
# rows and says the same; run again it finds them all current; a worker
# killed (TIDTAM_CRASH_AT, counted in each worker when -j is given) makes
# validate exit 3 naming a receipt it lost, leaving no temporary, no PDF
# half written and nothing recorded, and a validate after it makes what
# -j 1 made; a rename that fails says the same error with -j 1 and -j 2;
# validate killed (kill -9) leaves no worker behind.  The wall and CPU
# seconds of -j 1 and -j 2 on the demo are printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3

# fresh NAME BASE: a copy of BASE (ingested, nothing validated)
fresh() {
	rm -rf "$WORK/$1" && cp -a "$WORK/$2-base" "$WORK/$1" || exit 3
}

# validate NAME [ARGS]: tidtam validate in WORK/NAME; $vrc its status
validate() {
	dir=$1
	shift
	(cd "$WORK/$dir" && tidtam validate -t "$TOP/templates" "$@" >out.txt 2>err.txt)
	vrc=$?
}

# receipts_recorded NAME: the files recorded with a receipt
receipts_recorded() {
	sqlite3 "$WORK/$1/output/tidtam.db" "SELECT COUNT(*) FROM file WHERE receipt IS NOT NULL"
}

for name in demo office2; do
	mkdir -p "$WORK/$name-base" && cp -r "$(office_input $name)" "$WORK/$name-base/input" || exit 3
	(cd "$WORK/$name-base" && tidtam ingest -q -s 0 2>/dev/null)
	check "$name: ingested (exit $?)" [ -s "$WORK/$name-base/output/tidtam.db" ]
	for j in 1 2; do
		fresh "$name-j$j" "$name"
		timed "$name: validate -j $j" validate "$name-j$j" -j $j
		check "$name -j $j: exit 0 or 1, not $vrc: $(head -c 300 "$WORK/$name-j$j/err.txt")" [ "$vrc" -le 1 ]
		keep_digests "$name-j$j"
	done
	r=$WORK/$name-j1
	d=$WORK/$name-j2
	n=$(grep -c '/receipts/.*\.txt$' "$r/out.sha")
	check "$name: -j 1 made receipts ($n)" [ "$n" -gt 20 ]
	check "$name: one receipt recorded a receipt made" [ "$(receipts_recorded $name-j1)" -eq "$n" ]
	check "$name: each PDF made binds receipts recorded" [ "$(grep -c '/receipts/.*\.pdf$' "$r/out.sha")" -eq \
		"$(sqlite3 "$r/output/tidtam.db" "SELECT COUNT(DISTINCT receipt_pdf) FROM file")" ]
	check "$name: no receipt stale" \
		[ "$(sqlite3 "$r/output/tidtam.db" "SELECT COUNT(*) FROM file WHERE receipt_stale = 1 AND receipt IS NOT NULL")" -eq 0 ]
	check "$name -j 2: every file as -j 1 makes it: $(diff "$r/out.sha" "$d/out.sha" | head -n 4)" \
		cmp -s "$r/out.sha" "$d/out.sha"
	check "$name -j 2: every row as -j 1 leaves it" cmp -s "$r/db.dump" "$d/db.dump"
	check "$name -j 2: the same summary" cmp -s "$r/out.txt" "$d/out.txt"
	check "$name -j 2: the same messages" cmp -s "$r/err.txt" "$d/err.txt"
	check "$name -j 2: no temporary left" [ -z "$(temporaries "$d/output")" ]
	# nothing changed: every receipt current, none written again
	find "$d/output/receipts" -type f -newer "$d/out.sha" >"$WORK/newer.txt"
	sleep 1.1
	touch "$d/mark"
	validate "$name-j2" -j 2
	check "$name -j 2 again: exit 0 or 1, not $vrc" [ "$vrc" -le 1 ]
	check "$name -j 2 again: no receipt written" \
		[ -z "$(find "$d/output/receipts" -type f -newer "$d/mark")" ]
	check "$name -j 2 again: no file changed" same_as "$name-j2" "$name-j1"
done

# a worker killed at its second durable step (the marks' commit is the
# parent's first): every worker is, each counting its own steps
fresh office2-killed office2
TIDTAM_CRASH_AT=receipts:3 validate office2-killed -j 2
d=$WORK/office2-killed
check "a worker killed: exit 3, not $vrc" [ "$vrc" -eq 3 ]
check "a worker killed: a receipt named as lost: $(head -c 300 "$d/err.txt")" \
	grep -q "the receipt of '.*' is not made: its worker was killed by signal 9" "$d/err.txt"
check "a worker killed: one error" [ "$(grep -c 'error:' "$d/err.txt")" -eq 1 ]
check "a worker killed: no temporary left: $(temporaries "$d/output" | head -n 2)" \
	[ -z "$(temporaries "$d/output")" ]
check "a worker killed: no PDF half written" pdfs_whole "$d/output/receipts"
check "a worker killed: no receipt recorded" [ "$(receipts_recorded office2-killed)" -eq 0 ]
check "a worker killed: the database whole" \
	[ "$(sqlite3 "$d/output/tidtam.db" "PRAGMA quick_check")" = ok ]
validate office2-killed -j 2
check "a worker killed, run again: exit 0 or 1, not $vrc" [ "$vrc" -le 1 ]
check "a worker killed, run again: what -j 1 made" same_as office2-killed office2-j1

# a rename that fails (from each process's second on): the same error
# whatever -j, the first receipt in file order
for j in 1 2; do
	fresh office2-fault$j office2
	TIDTAM_FAULT=rename@receipts:2 validate office2-fault$j -j $j
	check "a rename failing, -j $j: exit 3, not $vrc" [ "$vrc" -eq 3 ]
	check "a rename failing, -j $j: no temporary left" \
		[ -z "$(temporaries "$WORK/office2-fault$j/output")" ]
	check "a rename failing, -j $j: no receipt recorded" \
		[ "$(receipts_recorded office2-fault$j)" -eq 0 ]
done
check "a rename failing: said: $(head -c 300 "$WORK/office2-fault2/err.txt")" \
	grep -q "error: .*receipts/" "$WORK/office2-fault2/err.txt"
# the same but for the temporary's name, which holds the writer's pid
for j in 1 2; do
	sed -E 's/\.tmp\.[0-9]+/.tmp.PID/g' "$WORK/office2-fault$j/err.txt" >"$WORK/fault$j.txt"
done
check "a rename failing: the same error with -j 1 and -j 2: $(head -c 300 "$WORK/fault2.txt")" \
	cmp -s "$WORK/fault1.txt" "$WORK/fault2.txt"
validate office2-fault2 -j 2
check "a rename failing, run again: exit 0 or 1, not $vrc" [ "$vrc" -le 1 ]
check "a rename failing, run again: what -j 1 made" same_as office2-fault2 office2-j1

# validate killed while its workers make the receipts: none is left running
fresh demo-kill9 demo
d=$WORK/demo-kill9
kill_under_way "$d" "$d/output/receipts" 40 tidtam validate -q -j 2 -t "$TOP/templates"
check "validate killed under way (exit $kill_rc)" [ $kill_rc -eq 137 ]
check "validate killed: no worker left running ($left)" [ -z "$left" ]
validate demo-kill9 -j 2
check "validate killed, run again: exit 0 or 1, not $vrc" [ "$vrc" -le 1 ]
check "validate killed, run again: no temporary left" [ -z "$(temporaries "$d/output")" ]
check "validate killed, run again: what -j 1 made" same_as demo-kill9 demo-j1

# the option
validate office2-j1 -j 0
check "-j 0: a usage error" [ "$vrc" -eq 2 ] && grep -q -- "--jobs takes a number" "$WORK/office2-j1/err.txt"
validate office2-j1 --jobs=2 -q
check "--jobs=2 taken (exit $vrc)" [ "$vrc" -le 1 ]
done_testing
