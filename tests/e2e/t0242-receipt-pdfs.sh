#!/bin/sh
# Receipts bound in PDFs, one for each receipts folder and day files came,
# on the demo and the second office: every PDF binds exactly the receipts
# the database says, each from its own page and numbered by itself
# (check-receipts.py, every PDF read); a refused file sent again right
# moves to its school's PDF, which is made again with it, and the PDF it
# left is made again without it; no other PDF changes a byte.
. "$(dirname "$0")/lib.sh"

pdf_count() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

for office in demo office2; do
	case $office in
	demo) run_once "$TOP/input" "$WORK/$office" ;;
	*) run_once "$TOP/tests/data/office2/input" "$WORK/$office" ;;
	esac
	check "$office: run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
	years=$(ls output/receipts | paste -sd, -)
	python3 "$TOP/tests/tools/check-receipts.py" receipts output input "$years" all \
		>res.txt 2>res.err
	cat res.err >&2
	check "$office: every PDF binds its receipts: $(grep -m2 '^not ok pdf' res.txt)" \
		sh -c "grep -qx 'ok pdfparts' res.txt && grep -qx 'ok pdfnumber' res.txt"
	check "$office: no PDF without a receipt recorded in it" [ "$(find output/receipts -name '*.pdf' | wc -l)" -eq \
		"$(sqlite3 output/tidtam.db "SELECT COUNT(DISTINCT receipt_pdf) FROM file")" ]
	check "$office: fewer PDFs than receipts" [ "$(find output/receipts -name '*.pdf' | wc -l)" -lt \
		"$(find output/receipts -name '*.txt' | wc -l)" ]

	# a form cut short arrives: refused, its receipt joins its office's PDF of the day
	find output/receipts -name '*.pdf' | LC_ALL=C sort | xargs sha256sum >before.sum
	failed=submissions/2567/form-cut-short-again.xml
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<submission' >"input/$failed"
	tidtam run -s 0 -t "$TOP/templates" >run2.txt 2>/dev/null
	check "$office: the form cut short is refused" \
		[ "$(sqlite3 output/tidtam.db "SELECT status FROM file WHERE path = '$failed'")" = failed ]
	old_pdf=$(part_pdf "$failed")
	check "$office: its receipt joins a PDF made before ($old_pdf)" grep -qF "$old_pdf" before.sum
	check "$office: which binds others too" [ "$(part_page "$failed")" -gt 1 ]
	n=$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM file WHERE 'output/' || receipt_pdf = '$old_pdf'")
	check "$office: that PDF's $n receipts made again, no other ($(grep '^validate:' run2.txt | sed 's/.*rounds, //'))" \
		grep -q "^validate: .* receipts ($n made now, in 1 PDFs)$" run2.txt
	find output/receipts -name '*.pdf' | LC_ALL=C sort | xargs sha256sum >after.sum
	check "$office: no other PDF changed: $(diff before.sum after.sum | grep '^[<>]' | grep -v -e "$old_pdf" | head -n 2)" \
		sh -c "diff before.sum after.sum | grep '^[<>]' | grep -v -e '$old_pdf' | grep -q . && exit 1 || exit 0"

	# sent again right, as a copy of a school's accepted form
	good=$(sqlite3 output/tidtam.db "SELECT f.path FROM file f WHERE f.status = 'stored'
		AND f.path LIKE '%.xml' AND (SELECT COUNT(DISTINCT unit_code) FROM submission s
		WHERE s.file_id = f.id AND s.status = 'accepted') = 1 ORDER BY f.id LIMIT 1")
	check "$office: a school's accepted form ($good)" [ -n "$good" ]
	old_pdf=$(part_pdf "$failed")
	old_pages=$(pdf_count "$old_pdf")
	part=$(part_pages "$failed")
	school_pdf=$(part_pdf "$good")
	school_pages=$(pdf_count "$school_pdf")
	find output/receipts -name '*.pdf' | LC_ALL=C sort | xargs sha256sum >before.sum
	cp "input/$good" "input/$failed" && echo >>"input/$failed"
	tidtam ingest -q -s 0 --retry-failed -t "$TOP/templates" 2>/dev/null
	tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	new_pdf=$(part_pdf "$failed")
	check "$office: sent again, its receipt is bound in its school's PDF ($new_pdf)" [ "$new_pdf" = "$school_pdf" ]
	part_text "$failed" >part.txt
	check "$office: its part there names it" grep -qxF "ไฟล์: $failed" part.txt
	check "$office: and says it was accepted" grep -q "รับไว้ ๑ หน่วย" part.txt
	check "$office: the school's PDF grew by its pages ($school_pages + $(part_pages "$failed"))" \
		[ "$(pdf_count "$school_pdf")" -eq $((school_pages + $(part_pages "$failed"))) ]
	check "$office: the PDF it left lost its $part pages" [ "$(pdf_count "$old_pdf")" -eq $((old_pages - part)) ]
	check "$office: and no longer names it" sh -c "! pdftotext '$old_pdf' - | grep -qxF 'ไฟล์: $failed'"
	find output/receipts -name '*.pdf' | LC_ALL=C sort | xargs sha256sum >after.sum
	check "$office: no other PDF changed: $(diff before.sum after.sum | grep '^[<>]' | grep -v -e "$old_pdf" -e "$school_pdf" | head -n 2)" \
		sh -c "diff before.sum after.sum | grep '^[<>]' | grep -v -e '$old_pdf' -e '$school_pdf' | grep -q . && exit 1 || exit 0"
	python3 "$TOP/tests/tools/check-receipts.py" receipts output input "$years" all \
		>res2.txt 2>res2.err
	check "$office: then too every PDF binds its receipts: $(grep -m2 '^not ok pdf' res2.txt)" \
		sh -c "grep -qx 'ok pdfparts' res2.txt && grep -qx 'ok pdfnumber' res2.txt"
done
done_testing
