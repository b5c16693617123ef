#!/bin/sh
# A damaged database, on the demo and the second office: its header
# overwritten, or a page in its middle.  The run stops with exit 3 before
# it writes anything, with a message saying the database is damaged and
# what to do (restore it, or move it aside); the file is left exactly as it
# was, never made again in its place.  Moved aside, the next run builds
# the database anew from input/ and leaves what a run never disturbed
# leaves.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
for o in demo office2; do
	run_once "$(office_input $o)" "$WORK/$o-ref"
	cd "$WORK" || exit 3
	pages=$(sqlite3 "$o-ref/output/tidtam.db" 'PRAGMA page_count')
	size=$(sqlite3 "$o-ref/output/tidtam.db" 'PRAGMA page_size')
	for damage in header middle; do
		d=$WORK/$o-$damage
		mkdir "$d" && cp -a "$o-ref/input" "$o-ref/output" "$d/" || exit 3
		db=$d/output/tidtam.db
		if [ $damage = header ]; then
			printf 'this is not a database, it was overwritten' |
				dd of="$db" bs=1 seek=0 conv=notrunc 2>/dev/null
		else # a page of the middle, its b-tree header and cells
			head -c "$size" /dev/zero | tr '\0' '\377' |
				dd of="$db" bs="$size" seek=$((pages / 2)) conv=notrunc 2>/dev/null
		fi
		before=$(sha256sum <"$db")
		(cd "$d" && tt_run >out.txt 2>err.txt)
		rc=$?
		check "$o $damage: exit 3, not $rc: $(head -c 300 "$d/err.txt")" [ $rc -eq 3 ]
		check "$o $damage: the message says the database is damaged, and what to do: $(head -c 400 "$d/err.txt")" \
			grep -q "error: the database '.*/output/tidtam\.db' is damaged .*: restore it from a backup, or move it aside and run again" "$d/err.txt"
		echo "$o $damage: $(head -n 1 "$d/err.txt")"
		check "$o $damage: one message" [ "$(wc -l <"$d/err.txt")" -eq 1 ]
		check "$o $damage: the database is left as it was" [ "$(sha256sum <"$db")" = "$before" ]
		check "$o $damage: nothing else written: no receipt or report newer than it" \
			[ -z "$(find "$d/output/receipts" "$d/output/reports" -newer "$db" -type f)" ]
	done
	# moved aside, the next run builds it anew
	mkdir "$d/aside" && mv "$d"/output/tidtam.db* "$d/aside/" || exit 3
	(cd "$d" && tt_run >next.out 2>next.err)
	check "$o: moved aside, the next run completes (exit $?)" [ $? -le 1 ]
	check "$o: ... and leaves what a run never disturbed leaves: $(head -c 300 "$d/diff.txt" 2>/dev/null)" \
		same_output "$d" "$WORK/$o-ref"
done
done_testing
