#!/bin/sh
# The database is read whole (PRAGMA quick_check) only when it is not
# exactly as a run that ended left it: a run with nothing new, and each
# stage run alone after it, read a few of its pages, not all of them; a
# program writing to it, a run killed, a run that failed, a stamp removed
# or not matching: the next run checks it whole.  (A damaged database is
# then found before anything is written: t0159.)
. "$(dirname "$0")/lib.sh"
demo_run
db=output/tidtam.db
run() { tidtam run -q -s 0 -t "$TOP/templates" >out.txt 2>err.txt; }
# checked LABEL yes|no: the last run's log says it checked the database whole, or not
checked() {
	log=$(ls -t output/log/* | head -n 1)
	if [ "$2" = yes ]; then
		check "$1: the database checked whole" grep -q 'database checked whole' "$log"
	else
		check "$1: the database not checked again" \
			grep -q 'database as the last run that ended left it' "$log"
	fi
}
pages=$(sqlite3 $db 'PRAGMA page_count')
size=$(sqlite3 $db 'PRAGMA page_size')

# a copy of the first run's output (the tests' cache): another file
run
checked "a copy of the database" yes
check "the run leaves the stamp beside the database" [ -s $db-whole ]
check "no log with frames left" sh -c "[ ! -s $db-wal ]"
run
checked "nothing new" no
if strace -f -o trace.txt -y -e trace=pread64 true 2>/dev/null; then
	strace -f -o trace.txt -y -e trace=pread64 tidtam run -q -s 0 -t "$TOP/templates" \
		>out.txt 2>err.txt
	read=$(grep -c "pread64([0-9]*<[^>]*/tidtam\.db>" trace.txt)
	check "nothing new: $read pages of the database's $pages read, fewer than half" \
		[ "$read" -lt $((pages / 2)) ]
	# the same check, whole: every page read
	rm $db-whole
	strace -f -o trace.txt -y -e trace=pread64 tidtam run -q -s 0 -t "$TOP/templates" \
		>out.txt 2>err.txt
	read=$(grep -c "pread64([0-9]*<[^>]*/tidtam\.db>" trace.txt)
	check "the stamp removed: the database read whole ($read pages of $pages)" \
		[ "$read" -ge "$pages" ]
	checked "the stamp removed" yes
fi

# each stage alone, one after the other: none checks it again
for stage in validate aggregate render; do
	tidtam $stage -q -t "$TOP/templates" >out.txt 2>err.txt
	checked "$stage alone" no
done

# another program writes to it
sqlite3 $db "INSERT OR REPLACE INTO meta(key, value) VALUES('t0241', 'x')"
run
checked "written by another program" yes
run
checked "then nothing new" no

# written in place to the same bytes, its times put back: its change time differs
cp -p $db keep.db
dd if=keep.db of=$db bs="$size" count=1 conv=notrunc 2>/dev/null
touch -r keep.db $db
run
checked "rewritten in place, times put back" yes

# a run killed after its first commit: the next checks whole
touch -d '1 hour ago' input/submissions/2567/12m/*.csv
TIDTAM_CRASH_AT=ingest:2 tidtam run -q -s 0 -t "$TOP/templates" >out.txt 2>err.txt
check "the run was killed (exit $?)" [ $? -gt 128 ]
run
checked "after a killed run" yes

# a run that failed (exit 3, the disk full for the database): the stamp goes
touch -d '2 hours ago' input/submissions/2567/12m/*.csv
TIDTAM_FAULT=db-enospc@1 tidtam run -q -s 0 -t "$TOP/templates" >out.txt 2>err.txt
rc=$?
check "the run failed (exit $rc)" [ $rc -eq 3 ]
check "no stamp after a failed run" [ ! -e $db-whole ]
run
checked "after a failed run" yes

# a stamp of another file does not stand for this one
run
cp $db-whole stamp.txt
awk '{ $4 = $4 + 1; print }' stamp.txt >$db-whole
run
checked "a stamp not matching" yes
check "the output as a run with nothing new leaves it" [ "$(sqlite3 $db 'PRAGMA quick_check')" = ok ]
done_testing
