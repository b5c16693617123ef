#!/bin/sh
# Receipt names stay within the file system's limits for any input path.
# Beside an office's input: a file whose Thai file name is 255 bytes (the
# most a name may have) in a submissions folder, and a file at the end of
# a path 4,000 bytes deep.  The run exits 0 or 1 and every stage goes
# through; each file gets a receipt (text, PDF, JSON) whose name is at
# most 255 bytes, valid UTF-8, keeps the flattened path's beginning and
# ends in "~" and the first 16 hex digits of the SHA-256 of the input path
# (python's hashlib), then its extension; the receipt names the whole
# path; the JSON receipts agree with the database (check-vreport.py) and
# the index pages link every receipt (check-index.py).  On the demo and on
# office2.
#
# 2026-12-03: one long input path made validate exit 3 (a receipt name over
# 255 bytes) and `tidtam run` skipped aggregate and render, every night.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

long_names() { # NAME INPUT-FOLDER FISCAL-YEAR
	name=$1 fy=$3
	run_once "$2" "$WORK/$name"
	db=output/tidtam.db
	# a file with a rejected submission and one all accepted (a form, or a
	# sheet in UTF-8 or Windows-874, to which a line can be added)
	pick() { sqlite3 $db "SELECT f.path FROM file f WHERE f.status = 'stored' AND (f.format = 'xml'
		OR f.format = 'csv' AND f.encoding IN ('UTF-8', 'UTF-8 (BOM)', 'Windows-874')) AND $1
		ORDER BY f.format, f.path LIMIT 1"; }
	bad=$(pick "EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id AND s.status = 'rejected')")
	good=$(pick "NOT EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id AND s.status <> 'accepted')
		AND EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id)")
	check "$name: a rejected sheet ($bad) and an accepted one ($good)" [ -n "$bad" -a -n "$good" ]
	paths=$(python3 - "$fy" "${bad##*.}" "${good##*.}" <<'PY'
import sys
fy, ext_bad, ext_good = sys.argv[1:]
# a name of 255 bytes: Thai letters (3 bytes each), then "-x.csv" or "-x.xml"
name = ("ผลการดำเนินงานตามตัวชี้วัด" * 10)[:83] + "-x." + ext_bad
assert len(name.encode()) == 255, len(name.encode())
long = "submissions/%s/%s" % (fy, name)
# a path of 4,000 bytes: folders of 202 bytes, Thai and ASCII
part = ("รอบ-" + "ก" * 64)
deep = "submissions/%s/deep" % fy
while len((deep + "/" + part).encode()) <= 4000 - len("/d/sheet.xml"):
    deep += "/" + part
deep += "/" + "d" * (4000 - len((deep + "//sheet.csv").encode())) + "/sheet." + ext_good
assert max(len(p.encode()) for p in deep.split("/")) <= 255
assert len(deep.encode()) == 4000, len(deep.encode())
print(long)
print(deep)
PY
)
	long=$(echo "$paths" | sed -n 1p)
	deep=$(echo "$paths" | sed -n 2p)
	mkdir -p "input/$(dirname "$deep")"
	# new content (one line more), so that each is read, not taken as a copy
	{ cat "input/$bad"; echo; } >"input/$long"
	{ cat "input/$good"; echo; } >"input/$deep"
	check "$name: the deep path is 4,000 bytes" [ "$(printf %s "$deep" | wc -c)" = 4000 ]
	tidtam run -q -s 0 -t "$T" >out.txt 2>err.txt
	rc=$?
	check "$name: the run exits 0 or 1, not $rc: $(head -c 300 err.txt)" [ $rc -le 1 ]
	log=output/log/$(ls -t output/log | head -1)
	for stage in ingest validate aggregate render; do
		check "$name: $stage ends, exit 0 or 1" grep -q "$stage: end, exit [01] " $log
	done
	office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office'")
	check "$name: the annual report is made" [ -s "output/reports/$fy/$office/annual-$fy.pdf" ]
	for p in "$long" "$deep"; do
		what=$([ "$p" = "$long" ] && echo "the 255-byte name" || echo "the 4,000-byte path")
		rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$p' AND status = 'stored'")
		check "$name: $what is stored, with a receipt" [ -n "$rec" ]
		python3 - "$rec" "$p" <<'PY'
import hashlib, os, sys
rec, path = sys.argv[1], sys.argv[2]
base = os.path.basename(rec)
stem = base[:-len(".txt")]
want_end = "~%s.%s" % (hashlib.sha256(path.encode()).hexdigest()[:16], path.rsplit(".", 1)[1])
flat = path.replace("/", "_")
problems = []
for ext in (".txt", ".json"):
    f = rec[:-4] + ext
    if not os.path.getsize(f):
        problems.append("empty " + ext)
    if len(os.path.basename(f).encode()) > 255:
        problems.append("%s name of %d bytes" % (ext, len(os.path.basename(f).encode())))
if not stem.endswith(want_end):
    problems.append("the name %r does not end in %r" % (stem[-40:], want_end))
if not flat.startswith(stem[:20]):
    problems.append("the name does not begin as the path %r" % stem[:20])
text = open(rec, encoding="utf-8").read()
if ("ไฟล์: %s\n" % path) not in text:
    problems.append("the receipt does not name the whole path")
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY
		check "$name: $what: receipt named within limits, the path's SHA-256 in it, the whole path inside" [ $? -eq 0 ]
		pdf=$(sqlite3 $db "SELECT 'output/' || receipt_pdf FROM file WHERE path = '$p' AND status = 'stored'")
		beside=no
		[ "$(dirname "$pdf")" = "$(dirname "$rec")" ] && pdfinfo "$pdf" >/dev/null && beside=yes
		check "$name: $what: its PDF beside it is a PDF ($pdf)" [ $beside = yes ]
	done
	check "$name: the 255-byte name's receipt lists its findings (rejected)" \
		grep -q "ไม่รับ" "$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$long'")"
	python3 "$TOP/tests/tools/check-vreport.py" output "$TOP/templates/schema/validation-report.json" >vreport.txt
	check "$name: the JSON receipts agree with the database: $(grep -m2 'not ok' vreport.txt)" [ $? -eq 0 ]
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "$name: the index pages link every receipt: $(grep -m2 problem walk.txt)" [ $? -eq 0 ]
	check "$name: no temporary file is left" [ -z "$(find output -name '*.tmp.*')" ]
	cd "$WORK" || exit 3
}

long_names demo "$TOP/input" 2567
long_names office2 "$TOP/tests/data/office2/input" 2567
done_testing
