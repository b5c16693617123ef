#!/bin/sh
# A byte-identical copy of a rejected file gets the same receipt.  Beside
# an office's input, under another folder: a copy of a file refused whole
# (a form cut short: failed, E-FILE) and a copy of a file with a rejected
# submission.  Each copy is recorded as a copy (not read twice) and gets a
# receipt, text, PDF and JSON, beside the first file's: it names the
# copy's own path and the file it repeats, and lists the same findings
# (the issue lines of the text, the errors and submissions of the JSON);
# the index page shows it refused.  A copy of a file accepted whole gets
# none.  On the demo and on office2.
#
# 2026-12-03: a byte-identical copy of a rejected file got no receipt.
. "$(dirname "$0")/lib.sh"
T="$TOP/templates"

dup() { # NAME INPUT-FOLDER
	name=$1
	run_once "$2" "$WORK/$name"
	db=output/tidtam.db
	# a form cut short: refused whole
	form=$(cd input && find submissions -name '*.xml' | LC_ALL=C sort | head -1)
	mkdir -p input/submissions/broken
	failed=submissions/broken/cut-short.xml
	head -c 200 "input/$form" >"input/$failed"
	rejected=$(sqlite3 $db "SELECT f.path FROM file f WHERE f.status = 'stored' AND EXISTS (SELECT 1
		FROM submission s WHERE s.file_id = f.id AND s.status = 'rejected') ORDER BY f.path LIMIT 1")
	accepted=$(sqlite3 $db "SELECT f.path FROM file f WHERE f.status = 'stored' AND f.kind IN
		('long', 'wide', 'form') AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id
		AND s.status <> 'accepted') AND NOT EXISTS (SELECT 1 FROM issue i WHERE i.file_id = f.id
		AND i.severity = 'error') ORDER BY f.path LIMIT 1")
	check "$name: a failed file ($failed), a rejected one ($rejected), an accepted one ($accepted)" \
		[ -n "$failed" -a -n "$rejected" -a -n "$accepted" ]
	mkdir -p input/submissions/sent-again
	for f in "$failed" "$rejected" "$accepted"; do
		cp -p "input/$f" "input/submissions/sent-again/copy-$(basename "$f")"
	done
	tidtam run -q -s 0 -t "$T" >out.txt 2>err.txt
	rc=$?
	check "$name: the run exits 1, not $rc" [ $rc -eq 1 ]
	check "$name: the form cut short is refused" [ "$(sqlite3 $db "SELECT status FROM file WHERE path = '$failed'")" = failed ]
	for f in "$failed" "$rejected"; do
		c="submissions/sent-again/copy-$(basename "$f")"
		check "$name: $c is recorded as a copy of $f" [ "$(sqlite3 $db "SELECT f.status || ' ' || g.path
			FROM file f JOIN file g ON g.id = f.same_as WHERE f.path = '$c'")" = "moved $f" ]
		orig=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$f' ORDER BY id DESC LIMIT 1")
		rec=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$c'")
		pdf=$(sqlite3 $db "SELECT 'output/' || receipt_pdf FROM file WHERE path = '$c'")
		check "$name: the copy has a receipt ($rec)" [ -s "$rec" -a -s "$pdf" -a -s "${rec%.txt}.json" ]
		check "$name: its PDF beside it" [ "$(dirname "$pdf")" = "$(dirname "$rec")" ]
		check "$name: beside the first's" [ "$(dirname "$rec")" = "$(dirname "$orig")" ]
		check "$name: it names the copy" grep -qxF "ไฟล์: $c" "$rec"
		check "$name: and the file it repeats" grep -qF "เนื้อหาเหมือนไฟล์ $f ที่ได้รับไว้แล้ว" "$rec"
		grep '^    - ' "$orig" >orig.issues
		grep '^    - ' "$rec" >copy.issues
		check "$name: the same findings, line for line ($(wc -l <orig.issues) lines)" \
			sh -c "[ -s orig.issues ] && cmp -s orig.issues copy.issues"
		check "$name: the same result line" [ "$(grep '^ผลการตรวจ' "$rec")" = "$(grep '^ผลการตรวจ' "$orig")" ]
		python3 - "${orig%.txt}.json" "${rec%.txt}.json" "$c" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8"))["tasks"][0] for p in sys.argv[1:3])
same = a["errors"] == b["errors"] and a["submissions"] == b["submissions"]
sys.exit(0 if same and b["path"] == sys.argv[3] and b["status"] == "moved" and not b["valid"] else 1)
PY
		check "$name: its JSON: the copy's path, status moved, not valid, the same errors and submissions" [ $? -eq 0 ]
		st=$(python3 - "$f" "$c" <<'PY'
import glob, re, sys
pages = "".join(open(p, encoding="utf-8").read() for p in glob.glob("output/**/index.html", recursive=True))
cls = [re.findall(r'<td class="code">%s</td><td class="(st-[a-z]+)">' % re.escape(p), pages) for p in sys.argv[1:]]
print(" ".join(",".join(c) for c in cls))
PY
)
		check "$name: the index pages show the copy as the first: refused or partly ($st)" \
			sh -c "echo '$st' | grep -Eqx '(st-rejected|st-partly) \1'"
	done
	c="submissions/sent-again/copy-$(basename "$accepted")"
	check "$name: a copy of an accepted file is recorded as a copy" \
		[ "$(sqlite3 $db "SELECT status FROM file WHERE path = '$c'")" = moved ]
	check "$name: and gets no receipt" [ -z "$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$c'")" ]
	python3 "$TOP/tests/tools/check-vreport.py" output "$TOP/templates/schema/validation-report.json" >vreport.txt
	check "$name: the JSON receipts agree with the database: $(grep -m2 'not ok' vreport.txt)" [ $? -eq 0 ]
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "$name: the index pages link every receipt: $(grep -m2 problem walk.txt)" [ $? -eq 0 ]
	cd "$WORK" || exit 3
}

dup demo "$TOP/input"
dup office2 "$TOP/tests/data/office2/input"
done_testing
