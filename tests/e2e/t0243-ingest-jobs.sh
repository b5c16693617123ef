#!/bin/sh
# Files read and parsed by worker processes (ingest -j): the demo's input,
# with files added that fail as a school's upload fails (CSV cut short,
# XML not well-formed, a damaged workbook, a unit list and a projects
# sheet out of place or wrong), ingested with -j 1 and -j 2 stores the
# same rows, says the same on stdout and stderr and exits the same; -j 2
# says it used workers, -j 1 and a nightly run with nothing new do not; a
# worker killed (TIDTAM_TEST_INGEST_HOOK kills the process reading one
# file) blames no file: its files are left for the next run (exit 3, the
# killed worker named), none recorded, and the next run stores what -j 1
# stored.  The wall and CPU seconds of -j 1 and -j 2 are printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3

mkdir -p base && cp -r "$TOP/input" base/input || exit 3
bad=base/input/submissions/2567/zz-bad
mkdir -p "$bad" || exit 3
printf 'unit,indicator,fiscal_year,round,value\n1031010001,SAFE03,2567,6,"2\n' >"$bad/cut-short.csv"
printf '<?xml version="1.0"?>\n<submission><unit>1031010001</unit>\n' >"$bad/cut-short.xml"
head -c 3000 /dev/urandom >"$bad/damaged.xlsx"
printf 'code,name,kind,parent\n1031019999,โรงเรียนใหม่,school,10310100\n' >"$bad/units-here.csv"
printf 'project,name,budget,fiscal_year\nP1,โครงการ,มาก,2567\n' >"$bad/plan.csv"
find base/input -type f -exec touch -d '1 hour ago' {} +
nbad=$(ls "$bad" | wc -l)

# ingest NAME [ARGS]: tidtam ingest -v of a copy of base/input in NAME; $irc its status
ingest() {
	dir=$1
	shift
	[ -d "$dir/input" ] || { mkdir -p "$dir" && cp -a base/input "$dir/input"; } || exit 3
	(cd "$dir" && tidtam ingest -v -s 0 -t "$TOP/templates" "$@" >out.txt 2>err.txt)
	irc=$?
}

for j in 1 2; do
	timed "ingest -j $j" ingest j$j -j $j
	eval rc$j=$irc
	db_dump j$j/output/tidtam.db >j$j/db.dump
	# what differs between runs: the cost line (said apart below)
	grep -v 'files read and hashed' j$j/out.txt >j$j/said.txt
	# -v logs on stderr too: the command line and the cost line apart
	grep -v 'ingest: start: \|files read and hashed' j$j/err.txt >j$j/told.txt
	sed -n 's/.*files read and hashed, .*; files read in \([0-9]*\) worker.*/\1/p' \
		j$j/out.txt >j$j/workers.txt
done
check "-j 1 exits 1 (files refused), not $rc1" [ "$rc1" -eq 1 ]
check "-j 2 exits as -j 1 ($rc2)" [ "$rc2" -eq "$rc1" ]
check "the database has rows" [ "$(wc -l <j1/db.dump)" -gt 10000 ]
check "-j 2 stores what -j 1 stores, row for row: $(diff j1/db.dump j2/db.dump | head -c 400)" \
	cmp -s j1/db.dump j2/db.dump
check "-j 2 says on stdout what -j 1 says" cmp -s j1/said.txt j2/said.txt
check "-j 2 says on stderr what -j 1 says: $(diff j1/told.txt j2/told.txt | head -c 400)" \
	cmp -s j1/told.txt j2/told.txt
check "... and as many files read and hashed" [ "$(grep -o '[0-9]* files read and hashed' j1/out.txt)" = \
	"$(grep -o '[0-9]* files read and hashed' j2/out.txt)" ]
check "-j 2 read and parsed in 2 workers ($(cat j2/workers.txt))" [ "$(cat j2/workers.txt)" = 2 ]
check "-j 1 in none" [ ! -s j1/workers.txt ]
failed=$(sqlite3 j2/output/tidtam.db "SELECT COUNT(*) FROM file WHERE status = 'failed'
	AND path LIKE 'submissions/2567/zz-bad/%'")
check "each bad file is recorded as failed with -j 2 ($failed of $nbad)" [ "$failed" -eq "$nbad" ]
check "the cut-short CSV's E-FILE says why" [ "$(sqlite3 j2/output/tidtam.db "SELECT message_en
	FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path LIKE '%zz-bad/cut-short.csv'")" != "" ]
check "the damaged workbook is rejected, told on stderr" grep -q "rejected 'submissions/2567/zz-bad/damaged.xlsx'" j2/err.txt

# nightly, nothing new: no worker started
(cd j2 && tidtam ingest -v -s 0 -t "$TOP/templates" -j 2 >again.txt 2>&1)
check "nothing new" grep -q 'nothing new' j2/again.txt
check "no worker for nothing new" sh -c "! grep -q 'worker' j2/again.txt"

# a worker killed as it reads one file: the system's fault, no file blamed
victim=$(cd base/input && find submissions -name '*.xml' | LC_ALL=C sort | sed -n 200p)
TIDTAM_TEST_INGEST_HOOK="[ \"\$1:\$2\" = 'read:$victim' ] && kill -9 \$PPID; exit 0" \
	ingest killed -j 2
check "a worker killed: exit 3, not $irc" [ "$irc" -eq 3 ]
check "its file is left, the worker named: $(head -c 300 killed/err.txt)" \
	grep -q "could not take '$victim' (left for the next run): could not read '.*': its worker was killed by signal 9" killed/err.txt
check "the summary counts files not taken through a fault of the system" \
	grep -q 'not taken through a fault of the system' killed/out.txt
check "the file it died on is not recorded" \
	[ "$(sqlite3 killed/output/tidtam.db "SELECT COUNT(*) FROM file WHERE path = '$victim'")" -eq 0 ]
check "no file recorded as failed but the bad ones" \
	[ "$(sqlite3 killed/output/tidtam.db "SELECT COUNT(*) FROM file WHERE status = 'failed'")" -eq \
	  "$(sqlite3 j1/output/tidtam.db "SELECT COUNT(*) FROM file WHERE status = 'failed'")" ]
(cd killed && tidtam ingest -q -s 0 -t "$TOP/templates" -j 2 >out2.txt 2>err2.txt)
check "the next run takes the files left, all good (exit $?)" [ $? -eq 0 ]
# stored in another order, so other ids: the files and what they hold
stored() {
	sqlite3 "$1/output/tidtam.db" "SELECT path, sha256, status, kind, encoding, delimiter,
		(SELECT COUNT(*) FROM submission s WHERE s.file_id = f.id),
		(SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id
		 WHERE s.file_id = f.id),
		(SELECT group_concat(code || ':' || message_en, ';') FROM issue i WHERE i.file_id = f.id)
		FROM file f ORDER BY path"
}
stored j1 >j1/stored.txt
stored killed >killed/stored.txt
check "... and stores what -j 1 stored: $(diff j1/stored.txt killed/stored.txt | head -c 400)" \
	cmp -s j1/stored.txt killed/stored.txt
done_testing
