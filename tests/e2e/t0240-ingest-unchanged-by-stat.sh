#!/bin/sh
# A nightly ingest opens only what changed: a file whose size, modification
# and change times and inode are as when it was last read is passed over
# unopened; a file touched is read and hashed again but not stored again; a
# file rewritten in place to the same size with its time put back is found
# by its change time; a file moved is recorded as moved, as before; and a
# file modified within a second of being read is read again the next night.
. "$(dirname "$0")/lib.sh"

demo_copy
cd "$WORK" || exit 3
# the files an hour old: older than the run by far (none "racy")
find input -type f -exec touch -d '1 hour ago' {} +
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
files=$(find input -type f | wc -l)

# ingest -v says what it read; the counts come from the database and find
ingest() { tidtam ingest -v -s 0 -t "$TOP/templates" >out.txt 2>err.txt; }
hashed() { sed -n 's/^ingest: \([0-9]*\) files read and hashed, \([0-9]*\) known.*/\1 \2/p' out.txt; }
versions() { sqlite3 output/tidtam.db "SELECT COUNT(*) FROM file WHERE path = '$1'"; }

# 1. nothing changed: no file under input/ opened, every one known by its stat
opened=
if strace -f -o trace.txt -e trace=open,openat true 2>/dev/null; then
	# (LeakSanitizer cannot work under ptrace: make sanitize)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -o trace.txt -e trace=open,openat,openat2,newfstatat,readlink \
		tidtam ingest -v -s 0 -t "$TOP/templates" >out.txt 2>err.txt
	# every file the program opened under input/ (by its path, or beneath
	# the input folder with openat2()): folders only
	opened=$(grep 'open.*"input/\|openat2(' trace.txt | grep -v O_DIRECTORY | grep -v ENOENT)
	check "no unchanged input file opened: $opened" test -z "$opened"
	# a file's path resolved only when it is to be read
	check "no path under input/ resolved" sh -c "! grep -q 'readlink(\"input/' trace.txt"
	# the run before ended well: no sweep of output/ for temporaries
	check "nothing under output/receipts or output/reports looked at" \
		sh -c "! grep -q '\"output/re' trace.txt"
else
	ingest
fi
check "nothing new" grep -q 'nothing new' out.txt
# the demo's files, less the ignored ones (README, notes), all known by stat
set -- $(hashed)
check "no file read and hashed (got '$1')" test "$1" = 0
known=$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM file_stat")
check "every recorded file known by its stat ($2 of $known)" test "$2" = "$known" -a "$known" -gt 500
check "file_stat no larger than the files ($known <= $files)" test "$known" -le "$files"

# 2. touched, same content: read and hashed again, not stored again
f=submissions/2567/12m/long-N01.csv
touch -d '30 minutes ago' "input/$f"
ingest
set -- $(hashed)
check "touched file read and hashed (got '$1')" test "$1" = 1
check "touched file not stored again" test "$(versions $f)" = 1
check "touched file: nothing new" grep -q 'nothing new' out.txt
ingest
set -- $(hashed)
check "touched file passed over the night after (got '$1')" test "$1" = 0

# 3. rewritten in place to the same size, its modification time put back:
#    the inode is the same, the change time is not
g=submissions/2567/12m/long-N02.csv
mtime=$(stat -c %y "input/$g")
size=$(stat -c %s "input/$g")
ino=$(stat -c %i "input/$g")
# the first value digit of line 2 made another digit, in place
line=$(sed -n 2p "input/$g")
new=$(echo "$line" | sed 's/,\([0-9]\)\([0-9]*\),/,X\2,/; s/X/9/')
[ "$new" = "$line" ] && new=$(echo "$line" | sed 's/,9\([0-9]*\),/,8\1,/')
check "the test changes line 2 ('$line')" test "$new" != "$line"
off=$(head -n 1 "input/$g" | wc -c)
printf '%s' "$new" | dd of="input/$g" bs=1 seek="$off" conv=notrunc status=none
touch -d "$mtime" "input/$g"
check "same size" test "$(stat -c %s "input/$g")" = "$size"
check "same inode" test "$(stat -c %i "input/$g")" = "$ino"
check "same modification time" test "$(stat -c %y "input/$g")" = "$mtime"
ingest
set -- $(hashed)
check "rewritten file read and hashed (got '$1')" test "$1" = 1
check "rewritten file stored as a new version" test "$(versions $g)" = 2
check "one new file stored" grep -q '^ingest: 1 new files stored' out.txt

# 4. moved: recorded as moved or copied, its content not read again
mkdir -p input/submissions/2567/12m/moved
mv "input/submissions/2567/12m/long-N03.csv" input/submissions/2567/12m/moved/
ingest
set -- $(hashed)
check "moved file read and hashed (got '$1')" test "$1" = 1
check "moved file recorded as moved" grep -q '1 moved or copied' out.txt
check "moved file's row" test "$(sqlite3 output/tidtam.db "SELECT status FROM file WHERE
	path = 'submissions/2567/12m/moved/long-N03.csv'")" = moved
ingest
set -- $(hashed)
check "moved file passed over the night after (got '$1')" test "$1" = 0

# 5. modified within a second of being read: read again the next time
h=submissions/2567/12m/wide-N01.csv
touch "input/$h"
ingest
racy=$(sqlite3 output/tidtam.db "SELECT seen_ns - mtime_ns < 1000000000 FROM file_stat
	WHERE path = '$h'")
ingest
set -- $(hashed)
if [ "$racy" = 1 ]; then
	check "racy file read again (got '$1')" test "$1" = 1
else
	check "file read a second after its change passed over (got '$1')" test "$1" = 0
fi
check "racy file not stored again" test "$(versions $h)" = 1
done_testing
