#!/bin/sh
# A file's size is checked from fstat() before anything is allocated for
# it.  A sheet of 300 MiB (sparse: it costs no disk) beside an office's
# input is refused as larger than the 256 MiB ingest reads (failed, with
# an E-TOOLARGE in its receipt) while ingest's peak memory stays far below
# the file's size (getrusage, from python); it is hashed all the same:
# the next run finds it unchanged, under sha256sum's hash.  On the demo and
# on office2.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

peak() { # COMMAND...: run it, its peak memory in KiB on fd 3
	python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=open(3, "w", closefd=False))
sys.exit(rc)' "$@"
}

too_big() { # NAME INPUT-FOLDER
	name=$1
	mkdir -p "$WORK/$name" && cd "$WORK/$name" || exit 3
	cp -rp "$2" input
	big=submissions/huge.csv
	printf 'unit,indicator,fiscal_year,round,value\n' >"input/$big"
	truncate -s 300M "input/$big"
	peak tidtam ingest -s 0 -t "$T" >out1.txt 2>err1.txt 3>peak.txt
	kib=$(cat peak.txt)
	[ -n "$unmeasured" ] ||
		check "$name: ingest's peak memory is under 64 MiB ($kib KiB) for a 300 MiB file" [ "$kib" -lt 65536 ]
	db=output/tidtam.db
	check "$name: the file is refused" [ "$(sqlite3 $db "SELECT status || ' ' || size FROM file WHERE path = '$big'")" = \
		"failed $((300 * 1024 * 1024))" ]
	check "$name: for its size" [ "$(sqlite3 $db "SELECT message_en FROM issue i JOIN file f ON f.id = i.file_id
		WHERE f.path = '$big'")" = "file is larger than 256 MiB, the most tidtam reads" ]
	check "$name: under sha256sum's hash" [ "$(sqlite3 $db "SELECT sha256 FROM file WHERE path = '$big'")" = \
		"$(sha256sum "input/$big" | cut -d' ' -f1)" ]
	check "$name: stderr says so" grep -q "rejected '$big': .*larger than 256 MiB" err1.txt
	tidtam validate -q -s 0 -t "$T" 2>/dev/null
	rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$big'")
	check "$name: its receipt says the file is too large" grep -q "ไฟล์ใหญ่เกินขนาดที่ระบบรับได้" "$rec"
	tidtam ingest -s 0 -t "$T" >out2.txt 2>err2.txt
	check "$name: the next run finds it unchanged" grep -q "nothing new" out2.txt
	cd "$WORK" || exit 3
}

too_big demo "$TOP/input"
too_big office2 "$TOP/tests/data/office2/input"
done_testing
