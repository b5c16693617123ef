#!/bin/sh
# Workbooks that inflate past their limits are refused as zip bombs, and
# the school is told so (2026-12-03: it was told "no sheet of the workbook
# has a header row"): one whose sheet declares 1 GiB from 3 MB (refused
# from its zip directory, before anything is inflated), and one whose
# headers say 1 kB while its data gives 64 MB (refused as it inflates past
# what it declared).  Each is E-ZIPBOMB, said in Thai and English (the
# demo's receipts are read); every other file goes in as it does without
# them, in no more memory.  On the demo and on office2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
python3 "$HOSTILE" zipbomb bomb.xlsx 1 && python3 "$HOSTILE" liar liar.xlsx 64 || exit 3
check "the bomb is under 4 MB" [ "$(stat -c %s bomb.xlsx)" -lt 4000000 ]
for office in demo office2; do
	d=$WORK/$office
	hostile_ingest $office "$d" bomb.xlsx=submissions/hostile/bomb.xlsx \
		liar.xlsx=submissions/hostile/liar.xlsx
	check "$office: stderr: the bomb declares too much" grep -q \
		"rejected 'submissions/hostile/bomb.xlsx'.*compressed part too large: part 'xl/worksheets/sheet1.xml' declares 1073742[0-9]* bytes inflated, more than 536870912" \
		"$d/err.txt"
	check "$office: stderr: the liar inflates past what it declares" grep -q \
		"rejected 'submissions/hostile/liar.xlsx'.*compressed part too large: part 'xl/worksheets/sheet1.xml' inflates past the 1024 bytes its zip header declares" \
		"$d/err.txt"
	check "$office: no header row is said of neither" sh -c "! grep -q 'header row' '$d/err.txt'"
	for f in bomb liar; do
		check "$office: $f recorded as E-ZIPBOMB" \
			[ "$(issue_of "$d" "submissions/hostile/$f.xlsx" | cut -d' ' -f1)" = E-ZIPBOMB ]
	done
	# memory: measured 1.3 times the ingest without them
	as_without $office "$d" 2 'submissions/hostile/*'
	for f in bomb liar; do
		check "$office: $f said in Thai to be compressed wrongly" \
			said_th "$d" "submissions/hostile/$f.xlsx" "สาเหตุ: ไฟล์ถูกบีบอัดผิดปกติ"
	done
	# the receipts, here of the demo (t0144 reads office2's)
	[ $office = demo ] || continue
	(cd "$d" && tidtam validate -q -t "$TOP/templates" 2>/dev/null)
	for f in bomb liar; do
		check_receipt $office "$d" "submissions/hostile/$f.xlsx" E-ZIPBOMB \
			"ไฟล์ถูกบีบอัดผิดปกติ" "compressed part too large"
	done
done
done_testing
