# Helpers of the receipt and card tests (t0210, t0211), after lib.sh:
# tests/tools/check-receipts.py run on the current folder's output/.
#
# receipts_checked THAI_YEARS [SUFFIX]: every receipt's checks, one check
# each; THAI_YEARS the receipt folders whose receipts are in Thai digits
# (comma-separated); the result kept in res$SUFFIX.txt.
receipts_checked() {
	python3 "$TOP/tests/tools/check-receipts.py" receipts output input "$1" \
		>"res$2.txt" 2>"res$2.err"
	cat "res$2.txt" "res$2.err" >&2
	for c in number pdfnumber pdfsize office date digits quotes; do
		check "receipts$2: $c" grep -qx "ok $c" "res$2.txt"
	done
}
# cards_checked PDF...: the cards' type sizes and notes.
cards_checked() {
	python3 "$TOP/tests/tools/check-receipts.py" cards "$@" >cards.res 2>&1
	cat cards.res >&2
	check "cards: body at 12 pt or more" grep -qx "ok cardsize" cards.res
	check "cards: notes above the footer" grep -qx "ok cardnote" cards.res
}
