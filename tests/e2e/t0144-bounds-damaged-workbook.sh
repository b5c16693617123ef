#!/bin/sh
# A workbook whose parts fail their CRC-32 check, and one cut short, are
# told to the school as damaged (2026-12-03: "no sheet of the workbook has
# a header row"): E-DAMAGED, "ไฟล์เสียหาย" and "file damaged" on the receipt
# (office2's receipts are read here, the demo's in t0142).  On the demo
# (its school's long sheet) and on office2 (its own workbook, broken);
# every other file goes in as it does without them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
o2=$TOP/tests/data/office2/input/submissions/2567/รอบ6/สรุปผลรายโรงเรียน-2567-รอบ6.xlsx
python3 "$HOSTILE" crc demo-crc.xlsx && python3 "$HOSTILE" truncated demo-cut.xlsx &&
	python3 "$HOSTILE" crc office2-crc.xlsx "$o2" &&
	python3 "$HOSTILE" truncated office2-cut.xlsx "$o2" || exit 3
for office in demo office2; do
	d=$WORK/$office
	hostile_ingest $office "$d" $office-crc.xlsx=submissions/hostile/crc.xlsx \
		$office-cut.xlsx=submissions/hostile/cut.xlsx
	check "$office: stderr: a CRC-32 that does not match" grep -q \
		"rejected 'submissions/hostile/crc.xlsx'.*file damaged: part 'xl/worksheets/sheet[0-9]*.xml' fails its CRC-32 check" \
		"$d/err.txt"
	check "$office: stderr: cut short" grep -q \
		"rejected 'submissions/hostile/cut.xlsx'.*file damaged: the workbook is cut short or its zip structure is broken" \
		"$d/err.txt"
	check "$office: no header row is said of neither" sh -c "! grep -q 'hostile.*header row' '$d/err.txt'"
	for f in crc cut; do
		check "$office: $f recorded as E-DAMAGED" \
			[ "$(issue_of "$d" "submissions/hostile/$f.xlsx" | cut -d' ' -f1)" = E-DAMAGED ]
		check "$office: $f said damaged in Thai" \
			said_th "$d" "submissions/hostile/$f.xlsx" "สาเหตุ: ไฟล์เสียหาย"
	done
	check "$office: nothing of the damaged files was stored" [ "$(sqlite3 "$d/output/tidtam.db" \
		"SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id
		 WHERE f.path GLOB 'submissions/hostile/*'")" -eq 0 ]
	as_without $office "$d" 2 'submissions/hostile/*'
	[ $office = office2 ] || continue
	(cd "$d" && tidtam validate -q -t "$TOP/templates" 2>/dev/null)
	for f in crc cut; do
		check_receipt $office "$d" "submissions/hostile/$f.xlsx" E-DAMAGED \
			"ไฟล์เสียหาย" "file damaged"
	done
done
done_testing
