#!/bin/sh
# Excel's "Unicode text" save (UTF-16 with a byte-order mark, tab separated,
# CR LF, named .txt) is read as a sheet; a file of a kind tidtam does not
# read is counted in the summary, never passed over without a word.
#
# 2026-12-02: a whole round saved as .txt was skipped silently.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/framework input/units input/sub
cp "$TOP/input/framework/2567.xml" input/framework/
cat >input/units/units.csv <<'CSV'
code,name,kind,parent
4401,สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำน้ำชี,office,
4400001001,โรงเรียนชีวิทยา,school,4401
4400001002,โรงเรียนบ้านท่าม่วง,school,4401
CSV
python3 - <<'PY'
rows = [["unit", "indicator", "fiscal_year", "round", "value", "submitted"],
        ["4400001001", "SAFE03", "2567", "6", "2", "5/4/2567"],
        ["4400001002", "SAFE03", "2567", "6", "1,250", "2024-04-05"]]
text = "\r\n".join("\t".join(r) for r in rows) + "\r\n"
open("input/sub/รอบ6-unicode.txt", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open("input/sub/notes.docx", "wb").write(b"PK\x03\x04 not a sheet")
PY
tidtam ingest -s 0 -t "$TOP/templates" >out.txt 2>err.txt
check "ingest exits 0" [ $? -eq 0 ]
check "the .txt file is stored" [ "$(sqlite3 output/tidtam.db "SELECT status FROM file WHERE path = 'sub/รอบ6-unicode.txt'")" = stored ]
check "read as UTF-16, tab separated" [ "$(sqlite3 output/tidtam.db "SELECT encoding || ' ' || delimiter
	FROM file WHERE path = 'sub/รอบ6-unicode.txt'")" = "UTF-16LE tab" ]
check "the summary counts the .docx left alone" grep -q "1 of other kinds left alone" out.txt
tidtam validate -s 0 -t "$TOP/templates" >/dev/null 2>&1
check "both values accepted, 1,250 read as 1250" [ "$(sqlite3 output/tidtam.db "SELECT group_concat(v.number, ' ')
	FROM value v JOIN submission s ON s.id = v.submission_id WHERE s.status = 'accepted' ORDER BY s.unit_code")" = "2.0 1250.0" ]
check "its receipt is written" [ -n "$(find output/receipts -name '*unicode.txt.txt')" ]
done_testing
