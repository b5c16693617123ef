#!/bin/sh
# Progress on a terminal: under a pseudo-terminal (script(1), from
# bsdutils) the long stages draw a line updated in place (count, total when
# known, rate) and clear it; with stdout a file there is no progress, only
# the summary of each stage; -q prints nothing, on a terminal or not.  On
# the demo (on a terminal) and on office2 (all three).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"
esc=$(printf '\033')
cr=$(printf '\r')

progress_of() { # NAME INPUT-FOLDER [tty]: with tty, only the run on a terminal
	name=$1
	mkdir "$name-tty" "$name-file" "$name-quiet"
	cp -rp "$2" "$name-tty/input"
	cp -rp "$2" "$name-file/input"
	cp -rp "$2" "$name-quiet/input"

	# a line at every item: a stage may end before the first draw's 0.3 s
	(cd "$name-tty" && TIDTAM_TEST_PROGRESS_NOW=1 script -qec "tidtam run -s 0 -t '$T'" \
		/dev/null >tty.out 2>&1)
	rc=$?
	check "$name: on a terminal the run exits 1 ($rc)" [ $rc -eq 1 ]
	tr '\r' '\n' <"$name-tty/tty.out" >"$name-tty/tty.lines"
	check "$name: progress of the receipts, with a rate" \
		grep -Eq "^validate: [0-9]+ receipts?, [0-9.]+/s$esc\[K" "$name-tty/tty.lines"
	check "$name: progress of the reports, with a rate" \
		grep -Eq "^render: [0-9]+ reports?, [0-9.]+/s$esc\[K" "$name-tty/tty.lines"
	check "$name: a progress line is cleared before the summary" \
		grep -Eq "^$esc\[Krender: [0-9]+ annual and progress reports" "$name-tty/tty.lines"
	check "$name: drawn in place, not line after line" \
		[ "$(grep -c "/s$esc\[K" "$name-tty/tty.lines")" -gt "$(grep -c "/s$esc\[K$cr\$" "$name-tty/tty.out")" ]
	[ "$3" = tty ] && return

	(cd "$name-file" && tidtam run -s 0 -t "$T" >run.out 2>run.err)
	rc=$?
	check "$name: stdout a file: exits 1 ($rc)" [ $rc -eq 1 ]
	check "$name: no progress in the file" sh -c "! grep -q '[$cr$esc]' '$name-file/run.out'"
	check "$name: no progress on stderr" sh -c "! grep -q '[$cr$esc]' '$name-file/run.err'"
	check "$name: only the four summaries" \
		sh -c "cut -d: -f1 '$name-file/run.out' | tr '\n' ' ' | grep -qx 'ingest validate aggregate render '"
	check "$name: the same summaries as on the terminal" \
		sh -c "sed 's/^$esc\[K//' '$name-tty/tty.lines' | grep -v '/s$esc\[K' |
			grep -E '^(ingest|validate|aggregate|render): ' | cmp -s - '$name-file/run.out'"

	(cd "$name-quiet" && script -qec "tidtam run -q -s 0 -t '$T'" /dev/null >tty.out 2>&1)
	rc=$?
	check "$name: -q on a terminal exits 1 ($rc)" [ $rc -eq 1 ]
	check "$name: -q on a terminal prints nothing but the refusals on stderr" \
		sh -c "! grep -Eq '[0-9]/s|$esc|^(ingest|validate|aggregate|render): ' '$name-quiet/tty.out'"
	(cd "$name-quiet" && tidtam run -q -s 0 -t "$T" >again.out 2>again.err)
	check "$name: -q again (nothing new): nothing at all" [ ! -s "$name-quiet/again.out" ] && [ ! -s "$name-quiet/again.err" ]
}

progress_of demo "$TOP/input" tty
progress_of office2 "$TOP/tests/data/office2/input"
done_testing
