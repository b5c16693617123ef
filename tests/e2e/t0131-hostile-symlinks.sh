#!/bin/sh
# No symbolic link leads outside input/, and folder loops are not walked.
# Beside an office's input: a link to a good submission kept outside
# input/, a link to /etc/passwd, a link to a folder outside, a link to
# nowhere and a link back to a folder above it (a loop).  Ingest, traced
# with strace, opens none of their targets; nothing of them is stored; each
# is named on stderr and in the run's log and counted in the summary; a
# link that stays inside input/ is followed (its content is recorded as a
# copy); the run goes on through every stage and exits 1.  On the demo and
# on office2.
#
# 2026-12-03: a link to a file outside input/ had its values stored,
# /etc/passwd was read, and a folder loop was walked 240 times over until
# validate exited 3.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

links() { # NAME INPUT-FOLDER FISCAL-YEAR
	name=$1 fy=$3
	mkdir -p "$WORK/$name/outside/folder" && cd "$WORK/$name" || exit 3
	cp -rp "$2" input
	out="$WORK/$name/outside"
	# a good submission of a listed school, outside input/: a marker value
	school=$(awk -F, '$3 == "school" { print $1; exit }' input/units/*.csv)
	indicator=$(grep -o '<indicator code="[^"]*"' "input/framework/$fy.xml" | head -1 | cut -d'"' -f2)
	check "$name: a school ($school) and an indicator ($indicator)" [ -n "$school" -a -n "$indicator" ]
	printf 'unit,indicator,fiscal_year,round,value\n%s,%s,%s,12,424242\n' "$school" "$indicator" "$fy" \
		>"$out/values.csv"
	cp "$out/values.csv" "$out/folder/more-values.csv"
	s=input/submissions
	ln -s "$out/values.csv" $s/outside.csv
	ln -s /etc/passwd $s/passwd.csv
	ln -s ../../outside/folder $s/outside-folder
	ln -s "$out/gone.csv" $s/nowhere.csv
	mkdir -p $s/deep/er
	ln -s ../.. $s/deep/er/loop
	# a link inside input/: to a file of input/ (followed: a copy)
	inside=$(cd input && find submissions -name '*.csv' -type f | LC_ALL=C sort | head -1)
	ln -s "$(pwd)/input/$inside" $s/deep/inside-copy.csv
	# links to folders inside input/: two a level, 20 levels (followed,
	# 2^20 routes to the one file at the bottom); and one to a real folder
	mkdir -p $s/fan/l0
	for i in $(seq 0 19); do
		mkdir $s/fan/l$((i + 1)) && ln -s ../l$((i + 1)) $s/fan/l$i/a &&
			ln -s ../l$((i + 1)) $s/fan/l$i/b || exit 3
	done
	cp "$(pwd)/input/$(cd input && find submissions -name '*.csv' -type f | LC_ALL=C sort | head -1)" \
		$s/fan/l20/bottom.csv
	ln -s fan/l20 $s/to-bottom
	# LeakSanitizer cannot work under ptrace (make sanitize): leaks are looked for in every other run
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -e trace=open,openat,openat2,creat -o trace.txt \
		tidtam ingest -s 0 -t "$T" >ingest.out 2>ingest.err
	rc=$?
	check "$name: ingest exits 1, not $rc: $(head -c 300 ingest.err)" [ $rc -eq 1 ]
	check "$name: /etc/passwd is never opened" sh -c "! grep -q '\"/etc/passwd\"' trace.txt"
	check "$name: nothing outside input/ is opened ($(grep -m1 "$out" trace.txt))" \
		sh -c "! grep -qF '$out' trace.txt"
	check "$name: the trace is of ingest's opens" grep -q 'input/units' trace.txt
	db=output/tidtam.db
	check "$name: the value from outside is not stored" \
		[ "$(sqlite3 $db "SELECT COUNT(*) FROM value WHERE value = '424242'")" = 0 ]
	check "$name: no file through a refused link is recorded" [ "$(sqlite3 $db "SELECT COUNT(*) FROM file
		WHERE path LIKE '%outside%' OR path LIKE '%passwd%' OR path LIKE '%nowhere%' OR path LIKE '%/loop/%'")" = 0 ]
	for l in outside.csv passwd.csv outside-folder; do
		check "$name: $l is named on stderr as leading outside" \
			grep -q "rejected 'submissions/$l': symbolic link leads outside the input folder" ingest.err
	done
	check "$name: the link to nowhere is named" grep -q "rejected 'submissions/nowhere.csv': symbolic link leads nowhere" ingest.err
	check "$name: the loop is named, once" [ "$(grep -c "rejected 'submissions/deep/er/loop': folder loop" ingest.err)" = 1 ]
	check "$name: the summary counts them" grep -q "4 symbolic links not followed.*1 folder loop not walked" ingest.out
	log=$(ls output/log/*.log)
	check "$name: the log names each of them" [ "$(grep -c "ingest: rejected 'submissions/[a-z/-]*\(outside\|passwd\|nowhere\|loop\)" $log)" = 5 ]
	check "$name: the link inside input/ is followed: a copy of $inside" \
		[ "$(sqlite3 $db "SELECT f.status || ' ' || g.path FROM file f JOIN file g ON g.id = f.same_as
			WHERE f.path = 'submissions/deep/inside-copy.csv'")" = "moved $inside" ]
	check "$name: the file at the bottom of the links is recorded once, under its own path" \
		[ "$(sqlite3 $db "SELECT group_concat(path) FROM file WHERE path LIKE '%bottom%'")" = \
			submissions/fan/l20/bottom.csv ]
	check "$name: no link to a folder is followed" \
		[ "$(sqlite3 $db "SELECT COUNT(*) FROM file WHERE path GLOB '*/[ab]/*' OR path GLOB '*to-bottom*'")" = 0 ]
	files=$(cd input && find . -type f \( -name '*.csv' -o -name '*.xml' -o -name '*.xlsx' \
		-o -name '*.jpg' -o -name '*.png' \) | wc -l)
	check "$name: every file of input/ and the one link are recorded, nothing more" \
		[ "$(sqlite3 $db 'SELECT COUNT(DISTINCT path) FROM file')" = $((files + 1)) ]
	tidtam run -q -s 0 -t "$T" >run.out 2>run.err
	rc=$?
	check "$name: the whole run exits 1, not $rc" [ $rc -eq 1 ]
	for stage in validate aggregate render; do
		check "$name: $stage ends" grep -q "$stage: end" output/log/$(ls -t output/log | head -1)
	done
	office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
	check "$name: the annual report is made" [ -s "output/reports/$fy/$office/annual-$fy.pdf" ]
	check "$name: the value from outside is still not stored" \
		[ "$(sqlite3 $db "SELECT COUNT(*) FROM value WHERE value = '424242'")" = 0 ]
	cd "$WORK" || exit 3
}

links demo "$TOP/input" 2567
links office2 "$TOP/tests/data/office2/input" 2568
done_testing
