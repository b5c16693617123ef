#!/bin/sh
# A folder on a file's way swapped for a link after the input folder was
# listed (a test hook, TIDTAM_TEST_INGEST_HOOK, run just before the file
# is opened) is not followed: the file there, outside the input folder, is
# never opened (strace), the file is told and left for the next run, and
# nothing of it is recorded.  While the link stays, the next run refuses
# it as a link leading out; with the folder put back, the file is stored.
# On the demo and on office2 (folders of their own shapes).
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

swapped() { # NAME INPUT-FOLDER
	name=$1
	mkdir -p "$WORK/$name/held" "$WORK/$name/outside" && cd "$WORK/$name" || exit 3
	cp -rp "$2" input
	# the folder of the first submission sheet, and a copy of it outside
	f=$(cd input && find submissions -type f -name '*.csv' | LC_ALL=C sort | sed -n '1p')
	dir=$(dirname "$f")
	check "$name: a sheet in a folder of submissions ($f)" [ -n "$f" ] && [ "$dir" != . ]
	cp -rp "input/$dir" outside/copy
	cat >hook.sh <<SH
[ "\$1" = open ] && [ "\$2" = "$f" ] || exit 0
mv "input/$dir" held/dir && ln -s "$WORK/$name/outside/copy" "input/$dir"
SH
	# LeakSanitizer cannot work under ptrace (make sanitize)
	TIDTAM_TEST_INGEST_HOOK="sh $(pwd)/hook.sh \"\$@\"" ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -ff -y -e trace=open,openat,openat2 -o trace tidtam ingest -s 0 -t "$T" >out1.txt 2>err1.txt
	rc=$?
	cat trace.* >trace.txt
	check "$name: ingest exits 0 or 1 (the input's own rejections), not $rc" [ $rc -le 1 ]
	db=output/tidtam.db
	check "$name: the sheet is told, not followed" \
		grep -q "could not take '$f' (left for the next run): .* became a symbolic link" err1.txt
	check "$name: it is not recorded" [ "$(sqlite3 $db "SELECT COUNT(*) FROM file WHERE path = '$f'")" = 0 ]
	# (-y: each descriptor opened named by its path, wherever it was named from)
	check "$name: the trace names what is opened" grep -q "= [0-9]*<$WORK/$name/input/" trace.txt
	check "$name: nothing outside the input folder is opened" sh -c "! grep -q '$WORK/$name/outside' trace.txt"
	tidtam ingest -s 0 -t "$T" >out2.txt 2>err2.txt
	check "$name: with the link still there, it is refused as leading out" \
		grep -q "$(basename "$dir").*symbolic link leads outside the input folder" err2.txt
	check "$name: still not recorded" [ "$(sqlite3 $db "SELECT COUNT(*) FROM file WHERE path = '$f'")" = 0 ]
	rm "input/$dir" && mv held/dir "input/$dir"
	tidtam ingest -s 0 -t "$T" >out3.txt 2>err3.txt
	check "$name: the folder back, the sheet is stored" [ "$(sqlite3 $db "SELECT status || ' ' || sha256
		FROM file WHERE path = '$f'")" = "stored $(sha256sum "input/$f" | cut -d' ' -f1)" ]
	cd "$WORK" || exit 3
}

swapped demo "$TOP/input"
swapped office2 "$TOP/tests/data/office2/input"
done_testing
