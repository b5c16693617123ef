#!/bin/sh
# The line breaker's keep-together rules and the lists of tables and
# figures, on every PDF of the demo and of office2 read back with
# pdftotext (tests/tools/check-typeset.py): no line of a paragraph or a
# cell ends in a number whose next line starts with its unit, counting
# word or month, no word of the keep list (thai_keep_words in thai.c, read
# from the source) is split across lines; the annual report has its
# contents, its list of tables and its list of figures, and every caption
# found on the pages (ตารางที่ N, ภาพที่ N, numbered from 1) is listed with
# the page it is on.
. "$(dirname "$0")/lib.sh"
check_office() {
	pdfs=$(find output/reports -name '*.pdf' | sort)
	check "$1: reports made" [ -n "$pdfs" ]
	check "$1: no number parted from its word, no kept word split" \
		python3 "$TOP/tests/tools/check-typeset.py" breaks "$TOP/src/lib/thai.c" $pdfs
	annual=$(find output/reports -name 'annual-*.pdf' | sort)
	check "$1: annual reports made" [ -n "$annual" ]
	for f in $annual; do
		check "$1: $f: contents, list of tables and of figures, every caption listed" \
			python3 "$TOP/tests/tools/check-typeset.py" lists "$f"
		check "$1: $f: qpdf --check passes" qpdf --check "$f"
	done
}
# each office in a folder of its own
run_once "$TOP/input" "$WORK/demo"
check "demo run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
check_office demo
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
check_office office2
done_testing
