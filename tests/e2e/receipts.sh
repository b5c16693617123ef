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
	for c in number pdfnumber pdfsize pdfparts office date digits quotes; do
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
# next_day FILE: a run a day later (SOURCE_DATE_EPOCH + 86400) with FILE
# copied in as input/day2.csv, a line added: the receipts of the files
# unchanged keep their bytes, the new file's receipt is dated that day and
# no other is; it is bound in a PDF of its own day, the others' PDFs
# keep their bytes.
next_day() {
	find output/receipts -type f | sort | xargs sha256sum >before.sum
	day2=$(( ${SOURCE_DATE_EPOCH:-$(date +%s)} + 86400 ))
	cp "$1" input/day2.csv
	echo "" >>input/day2.csv
	SOURCE_DATE_EPOCH=$day2 tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	find output/receipts -type f | sort | xargs sha256sum >after.sum
	iso=$(python3 -c "
import datetime
print(datetime.datetime.fromtimestamp($day2, datetime.timezone.utc).date().isoformat())")
	check "receipts of files unchanged are the same bytes the next day, PDFs too" \
		sh -c "grep -v -e day2 -e received-$iso.pdf after.sum | diff before.sum -"
	check "the new file's receipt is bound in a PDF of that day beside its text" \
		sh -c "[ \"\$(grep -c received-$iso.pdf after.sum)\" = 1 ] &&
		       [ -s \"\$(dirname output/receipts/*/*/day2.csv.txt)/received-$iso.pdf\" ]"
	want=$(python3 -c "
import datetime
d = datetime.datetime.fromtimestamp($day2, datetime.timezone.utc).date()
m = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม',
     'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม']
print(('%d %s %d' % (d.day, m[d.month - 1], d.year + 543)).translate(
    str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙')))")
	new=$(ls output/receipts/*/*/day2.csv.txt)
	check "a file received the next day is dated that day ($want)" \
		grep -qx "วันที่ออก $want" "$new"
	check "and no receipt of the day before is" \
		sh -c "[ \"\$(grep -rlx 'วันที่ออก $want' output/receipts)\" = '$new' ]"
}
