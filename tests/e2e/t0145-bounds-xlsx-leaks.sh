#!/bin/sh
# The workbook reader's error paths free what they took (2026-12-03: two
# leaked, found by fuzzing: a .rels part failing half-way in xlsx_open(),
# the merged ranges found before a failure in xlsx_read_rows()).  Under
# valgrind: test-xlsx's cases of them, xlsx-dump over damaged copies of the
# demo's and office2's workbooks (CRC errors, cut at many points, bytes
# flipped), and tidtam-ingest over a folder of hostile workbooks.  A build
# with AddressSanitizer checks leaks itself, and valgrind cannot run it:
# there this test only says so.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
if [ -n "$sanitized" ]; then
	echo "built with AddressSanitizer: its leak checker runs in every test instead"
	done_testing
fi
for t in test-xlsx xlsx-dump; do
	[ -x "$TOOLS/$t" ] || tree_make -s "build/tests/$t" >/dev/null || exit 3
done
# vg PROGRAM...: under valgrind, its report in vg-N.txt; exit 9 on a leak or
# an error, else the program's own status
runs=0
vg() {
	runs=$((runs + 1))
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=9 --log-file="$WORK/vg-$runs.txt" "$@" >/dev/null 2>&1
}
vg "$TOOLS/test-xlsx" leaks
check "test-xlsx's error paths: no leak, no error under valgrind (exit $?)" [ $? -eq 0 ]
o2=$TOP/tests/data/office2/input/submissions/2567/รอบ6/สรุปผลรายโรงเรียน-2567-รอบ6.xlsx
python3 "$HOSTILE" workbook demo.xlsx 50 && python3 "$HOSTILE" crc demo-crc.xlsx &&
	python3 "$HOSTILE" crc office2-crc.xlsx "$o2" && python3 "$HOSTILE" liar liar.xlsx 4 &&
	python3 "$HOSTILE" zipbomb bomb.xlsx 1 || exit 3
cp "$o2" office2.xlsx
# each workbook cut at four points and with bytes flipped at four places
python3 - <<'PY' || exit 3
import random
rng = random.Random(2567)
for name in ("demo", "office2"):
    data = open(name + ".xlsx", "rb").read()
    for k in range(4):
        open("%s-cut%d.xlsx" % (name, k), "wb").write(data[:len(data) * (2 * k + 1) // 9])
        b = bytearray(data)
        for _ in range(1 + k % 3):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        open("%s-flip%d.xlsx" % (name, k), "wb").write(bytes(b))
PY
n=0 bad=0
for f in *.xlsx; do
	n=$((n + 1))
	vg "$TOOLS/xlsx-dump" "$f" || { bad=$((bad + 1)); echo "leak or error: $f" >&2; }
done
check "xlsx-dump over $n workbooks, damaged and not: no leak, no error ($bad)" [ $bad -eq 0 ]
mkdir -p d && office_input demo d && mkdir -p d/input/submissions/hostile &&
	cp demo-crc.xlsx office2-crc.xlsx demo-cut2.xlsx office2-cut3.xlsx liar.xlsx bomb.xlsx \
		d/input/submissions/hostile/ && rm -rf d/input/submissions/2567 || exit 3
(cd d && vg "$TOP/tidtam-ingest" -q -s 0 -t "$TOP/templates")
check "tidtam-ingest over hostile workbooks exits 1 (refused), no leak, no error under valgrind (exit $?)" [ $? -eq 1 ]
check "and each was refused" [ "$(sqlite3 d/output/tidtam.db "SELECT COUNT(*) FROM file
	WHERE path GLOB 'submissions/hostile/*' AND status = 'failed'")" -eq 6 ]
cat vg-*.txt | head -n 40 >&2
done_testing
