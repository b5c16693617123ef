#!/bin/sh
# The run's log, OUTPUT/log/<timestamp>-<pid>.log: a start and an end line
# per stage (the end with its counts and exit status), a line per file
# refused by ingest with its issue code and per file whose submissions
# validate rejected with their number, all compared with what the
# database records (sqlite3 here); valid UTF-8.  With -v the same lines
# on stderr.  A stage program run alone writes its own log.  On the demo
# and on office2.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"
stamp='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'

log_of_run() { # NAME INPUT-FOLDER
	name=$1
	mkdir "$name"
	cp -rp "$2" "$name/input"
	cd "$name" || exit 3
	tidtam run -v -s 0 -t "$T" >run.out 2>run.err
	rc=$?
	check "$name: the run exits 1 (some files are wrong on purpose), not $rc" [ $rc -eq 1 ]
	check "$name: one log" [ "$(ls output/log | wc -l)" -eq 1 ]
	log=$(ls output/log/*.log)
	base=$(basename "$log")
	check "$name: named <timestamp>-<pid>.log ($base)" \
		sh -c "echo '$base' | grep -Eq '^[0-9]{8}T[0-9]{6}Z-[0-9]{7}\.log$'"
	check "$name: every line begins with a UTC timestamp" \
		sh -c "! grep -Evq '^$stamp ' '$log'"
	check "$name: the log is valid UTF-8" iconv -f UTF-8 -t UTF-8 -o /dev/null "$log"
	check "$name: the run's start line names its command" \
		grep -Eq "^$stamp run: start: tidtam run -v -s 0 -t $T \(pid [0-9]+\)$" "$log"
	for stage in ingest validate aggregate render; do
		check "$name: $stage: one start line" [ "$(grep -Ec "^$stamp $stage: start$" "$log")" -eq 1 ]
		check "$name: $stage: one end line with its exit status" \
			[ "$(grep -Ec "^$stamp $stage: end, exit [0-9] \(" "$log")" -eq 1 ]
		summary=$(grep "^$stage: " run.out | sed "s/^$stage: //")
		check "$name: $stage: the end line carries the summary printed" \
			grep -qF "$stage: end, exit" "$log" && grep -qF ": $summary" "$log"
	done
	check "$name: the run's end line gives its exit status" \
		grep -Eq "^$stamp run: end, exit $rc \(some input rejected\)$" "$log"
	check "$name: stages in order" sh -c "grep -Eo ' (run|ingest|validate|aggregate|render): (start|end)' '$log' |
		tr -d '\n' | grep -qx ' run: start ingest: start ingest: end validate: start validate: end aggregate: start aggregate: end render: start render: end run: end'"

	# ingest: a line per failed file, with the code of its first error
	sqlite3 output/tidtam.db "SELECT f.path || char(9) || (SELECT code FROM issue
		WHERE file_id = f.id AND severity = 'error' ORDER BY id LIMIT 1)
		FROM file f WHERE f.status = 'failed' ORDER BY f.path" >failed.expected
	grep -E "^$stamp ingest: rejected '" "$log" |
		sed -E "s/^$stamp ingest: rejected '([^']*)': ([A-Z-]+): .*/\1	\2/" | LC_ALL=C sort >failed.logged
	LC_ALL=C sort failed.expected -o failed.expected
	check "$name: ingest: the failed files and their codes, as the database has them" \
		cmp -s failed.logged failed.expected
	# ingest: a line per unit list refusing rows, with how many
	sqlite3 output/tidtam.db "SELECT f.path || char(9) || COUNT(*) FROM issue i
		JOIN file f ON f.id = i.file_id WHERE i.code = 'E-UNITLIST' GROUP BY f.id" |
		LC_ALL=C sort >rows.expected
	grep -E "^$stamp ingest: '[^']*': [0-9]+ rows? refused: E-UNITLIST: " "$log" |
		sed -E "s/^$stamp ingest: '([^']*)': ([0-9]+) .*/\1	\2/" | LC_ALL=C sort >rows.logged
	check "$name: ingest: the unit lists refusing rows, with how many" cmp -s rows.logged rows.expected
	# validate: a line per file with rejected submissions, with how many
	sqlite3 output/tidtam.db "SELECT f.path || char(9) || COUNT(*) FROM submission s
		JOIN file f ON f.id = s.file_id WHERE s.status = 'rejected' GROUP BY f.id" |
		LC_ALL=C sort >rejected.expected
	grep -E "^$stamp validate: '" "$log" |
		sed -E "s/^$stamp validate: '([^']*)': ([0-9]+) submissions? rejected$/\1	\2/" |
		LC_ALL=C sort >rejected.logged
	check "$name: the database has rejected submissions" [ -s rejected.expected ]
	check "$name: validate: the files with rejected submissions, and how many" \
		cmp -s rejected.logged rejected.expected
	# -v: the same lines on stderr, in the same order
	grep -E "^$stamp " run.err >verbose.lines
	check "$name: -v puts the log's lines on stderr" cmp -s verbose.lines "$log"

	# a stage alone writes its own log
	tidtam-aggregate -q >agg.out 2>agg.err
	rc=$?
	check "$name: tidtam-aggregate alone exits 0 ($rc), quiet" [ $rc -eq 0 ] && [ ! -s agg.out ] && [ ! -s agg.err ]
	check "$name: and writes a log of its own" [ "$(ls output/log | wc -l)" -eq 2 ]
	new=$(ls output/log/*.log | LC_ALL=C sort | tail -n 1)
	check "$name: the newest name is the new log" sh -c "[ '$new' != '$log' ]"
	check "$name: with its start" grep -Eq "^$stamp aggregate: start: tidtam-aggregate -q \(pid [0-9]+\)$" "$new"
	check "$name: and its end" grep -Eq "^$stamp aggregate: end, exit 0 \(all went in\): [0-9]+ results" "$new"
	check "$name: and nothing of a run" sh -c "! grep -q ' run: ' '$new'"
	cd "$WORK" || exit 3
}

log_of_run demo "$TOP/input"
log_of_run office2 "$TOP/tests/data/office2/input"

# logs are kept to a bound, the newest; other files are left alone
cd demo || exit 3
i=10
while [ $i -lt 50 ]; do
	: >"output/log/$(printf '201901%02dT0000%02dZ-%07d.log' $((i / 10)) $i $i)"
	i=$((i + 1))
done
: >output/log/notes.txt
tidtam aggregate -q
check "pruned: 30 logs kept" [ "$(ls output/log/*.log | wc -l)" -eq 30 ]
check "pruned: the real runs' logs kept" [ "$(grep -l ' aggregate: start' output/log/*.log | wc -l)" -eq 3 ]
check "pruned: the oldest went" [ ! -e output/log/20190101T000010Z-0000010.log ]
check "pruned: the newest old ones stayed" [ -e output/log/20190104T000049Z-0000049.log ]
check "pruned: the 13 oldest went" [ "$(ls output/log | grep -c '^2019')" -eq 27 ]
check "pruned: a file not a log stays" [ -e output/log/notes.txt ]
done_testing
