#!/bin/sh
# The demo's best practices in its annual report: each practice's title,
# text and photos with their captions, numbered, under their photos, every
# photo within the page's margins, the part and the appendix of activity
# photos in the contents and the outline (check-practices.py, from the
# forms); the photos kept whole in the database, so that the report is made
# again without input/; receipts of practices and photos, a photo not sent
# a warning on its practice's receipt; a blank form from tidtam forms.
. "$(dirname "$0")/lib.sh"
demo_run
A=output/reports/2567/3101/annual-2567.pdf
check "the practices part, as the forms say" python3 "$TOP/tests/tools/check-practices.py" \
	input output/tidtam.db $A 2567 3101
check "qpdf finds nothing wrong" sh -c "qpdf --check $A >/dev/null"
check "every photo of the input kept whole in the database" python3 - <<'PY'
import hashlib, os, sqlite3
con = sqlite3.connect("output/tidtam.db")
kept = {p: hashlib.sha256(b).hexdigest() for p, b in con.execute(
    "SELECT f.path, i.bytes FROM image i JOIN file f ON f.id = i.file_id")}
files = {}
for root, _, names in os.walk("input"):
    for n in names:
        if n.lower().endswith((".jpg", ".jpeg", ".png")):
            p = os.path.join(root, n)
            files[os.path.relpath(p, "input")] = hashlib.sha256(open(p, "rb").read()).hexdigest()
assert files and kept == files, (sorted(files), sorted(kept))
PY
P=input/practices/2567/waste-bank/practice.xml
missing=$(sed -n 's/.*<photo file="\([^"]*\)".*/\1/p' $P |
	while read -r f; do [ -e "${P%/*}/$f" ] || echo "$f"; done)
unit=$(sed -n 's/.* unit="\([^"]*\)".*/\1/p' $P)
R=output/receipts/2567/$unit/practices_2567_waste-bank_practice.xml.txt
check "a photo named but not sent: $missing" [ "$(echo "$missing" | grep -c .)" -eq 1 ]
check "its practice's receipt, under the school, warns of it" grep -q "W-PRACTICE.*$missing" "$R"
check "... and says the practice was taken" grep -q "ผลการตรวจ: รับผลงาน" "$R"
check "each photo has a receipt with its size in pixels" sh -c '
	for f in $(cd input && find practices -name "*.jpg" -o -name "*.png"); do
		r=$(find output/receipts -name "$(echo "$f" | tr / _).txt")
		[ -n "$r" ] && grep -q "ผลการตรวจ: รับภาพ .* ขนาด .* × .* จุด" "$r" || exit 1
	done'
check "a blank practice form from tidtam forms, the office's code in it" sh -c '
	tidtam forms -q --fy 2567 >/dev/null &&
	xmllint --noout output/forms/2567/practice-2567.xml &&
	grep -q "unit=\"3101\"" output/forms/2567/practice-2567.xml'
# render reads the photos from the database, never from input/
mv input input.sent
mkdir input
rm $A
tidtam render -q -t "$TOP/templates" 2>render.err
check "render without input/ exits 0: $(head -c 200 render.err)" [ $? -eq 0 ]
check "... and makes the same part, photos and all" python3 \
	"$TOP/tests/tools/check-practices.py" input.sent output/tidtam.db $A 2567 3101
done_testing
