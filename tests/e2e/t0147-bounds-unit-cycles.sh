#!/bin/sh
# Cycles of parents are refused with the rows that make them, whatever
# files they run through (2026-12-03: a list putting the office under an
# office of another list that was under it was taken, and "a school that
# sent 5 shows 40, 8 of 8 reporting"):
#   - a loop through another list: the office's own list sent again with
#     the office under X2, where X2 -> X1 -> the office (units/extra.csv);
#   - A -> B -> A across two lists: pair-b.csv's PB under PA, then
#     pair-a.csv sent again with PA under PB;
#   - in one list: an office its own parent, A -> B -> A, A -> B -> C -> A.
# Each row of a cycle is refused naming every unit of it in order, in Thai
# and English (E-UNITLIST), with what hangs under it; the register keeps
# its previous state.  On the demo (office 3101) and office2 (SPM35).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bounds.sh"
cd "$WORK" || exit 3
# reparent FILE CODE PARENT: the row of CODE in the list FILE (UTF-8 or
# Windows-874, as it is) given PARENT
reparent() {
	python3 - "$@" <<'PY'
import re, sys
path, code, parent = sys.argv[1:]
raw = open(path, "rb").read()
try:
    enc, text = "utf-8", raw.decode("utf-8")
except UnicodeDecodeError:
    enc, text = "cp874", raw.decode("cp874")
text, n = re.subn(r"(?m)^(%s,[^,\r\n]*,office,)[^,\r\n]*" % re.escape(code), r"\g<1>" + parent, text)
assert n == 1, n
open(path, "wb").write(text.encode(enc))
PY
}
units() { sqlite3 "$1/output/tidtam.db" "SELECT code, kind, parent FROM unit ORDER BY code"; }
# problem DIR FILE ROW: the English and the Thai of the file's problem at ROW
problem() {
	sqlite3 "$1/output/tidtam.db" "SELECT i.message_en || ' | ' || i.message_th FROM issue i
		JOIN file f ON f.id = i.file_id WHERE f.path = '$2' AND i.row = $3
		AND i.code = 'E-UNITLIST' AND f.id = (SELECT MAX(id) FROM file WHERE path = '$2')"
}
has() { echo "$1" | grep -qF -- "$2"; }
for office in demo office2; do
	d=$WORK/$office
	office_input $office "$d"
	if [ $office = demo ]; then o=3101 row=2 list=units/units-2567.csv
	else o=SPM35 row=3 list=units/ทะเบียนโรงเรียน.csv; fi
	printf 'code,name,kind,parent\r\nX1,สำนักงานเอ็กซ์หนึ่ง,office,%s\r\nX2,สำนักงานเอ็กซ์สอง,office,X1\r\n' \
		$o >"$d/input/units/extra.csv"
	printf 'code,name,kind,parent\r\nPA,สำนักงานพีเอ,office,\r\n' >"$d/input/units/pair-a.csv"
	printf 'code,name,kind,parent\r\nPB,สำนักงานพีบี,office,PA\r\n' >"$d/input/units/pair-b.csv"
	ingest_peak "$d"
	units "$d" >"$d/before.txt"
	schools=$(sqlite3 "$d/output/tidtam.db" "SELECT COUNT(*) FROM unit u JOIN file f
		ON f.id = u.file_id WHERE f.path = '$list' AND u.kind = 'school'")
	check "$office: X1, X2, PA and PB registered" [ "$(grep -cE '^(X1|X2|PA|PB)\|office' \
		"$d/before.txt")" -eq 4 ]

	# the office's list again, the office under X2; pair-a again, PA under PB
	reparent "$d/input/$list" $o X2
	reparent "$d/input/units/pair-a.csv" PA PB
	printf 'code,name,kind,parent\r\nL0,สำนักงาน ศูนย์,office,L0\r\nLA,สำนักงาน เอ,office,LB\r\nLB,สำนักงาน บี,office,LA\r\nLC,สำนักงาน ซี,office,LD\r\nLD,สำนักงาน ดี,office,LE\r\nLE,สำนักงาน อี,office,LC\r\nLF,สำนักงาน เอฟ,office,\r\n' \
		>"$d/input/units/loops.csv"
	ingest_peak "$d"
	check "$office: ingest exits 1 (rows refused), not $ingest_rc" [ "$ingest_rc" -eq 1 ]
	p=$(problem "$d" "$list" $row)
	check "$office: the office refused, its cycle named through extra.csv" has "$p" \
		"office '$o' would be its own ancestor through units registered by other lists: $o -> X2 (units/extra.csv row 3) -> X1 (units/extra.csv row 2) -> $o"
	check "$office: ... and in Thai" has "$p" \
		"สังกัดวนกลับ: $o -> X2 (units/extra.csv แถวที่ 3) -> X1 (units/extra.csv แถวที่ 2) -> $o"
	check "$office: every school of its list refused with it" [ "$(sqlite3 "$d/output/tidtam.db" \
		"SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path = '$list'
		AND f.id = (SELECT MAX(id) FROM file WHERE path = '$list')
		AND i.message_en LIKE '%was refused, so school%'")" -eq "$schools" ]
	p=$(problem "$d" units/pair-a.csv 2)
	check "$office: PA refused, A -> B -> A named" has "$p" \
		"office 'PA' would be its own ancestor through units registered by other lists: PA -> PB (units/pair-b.csv row 2) -> PA"
	check "$office: self-parent refused" has "$(problem "$d" units/loops.csv 2)" \
		"office 'L0' is its own parent"
	check "$office: A -> B -> A in one list refused" has "$(problem "$d" units/loops.csv 3)" \
		"office 'LA' is its own ancestor: LA -> LB -> LA"
	check "$office: ... both rows of it" has "$(problem "$d" units/loops.csv 4)" \
		"office 'LB' is its own ancestor: LB -> LA -> LB"
	p=$(problem "$d" units/loops.csv 7)
	check "$office: A -> B -> C -> A refused" has "$p" "office 'LE' is its own ancestor: LE -> LC -> LD -> LE"
	check "$office: ... in Thai" has "$p" "เป็นต้นสังกัดของตัวเอง (สังกัดวนกลับ: LE -> LC -> LD -> LE)"
	check "$office: the good row of loops.csv is taken" [ -z "$(problem "$d" units/loops.csv 8)" ]
	units "$d" | grep -v '^LF|' >"$d/after.txt"
	check "$office: the register is as it was, but for the one good row" cmp -s \
		"$d/before.txt" "$d/after.txt"
	check "$office: no cycle in the register" [ "$(sqlite3 "$d/output/tidtam.db" \
		"WITH RECURSIVE up(start, code) AS (SELECT code, parent FROM unit WHERE parent IS NOT NULL
		UNION SELECT up.start, u.parent FROM up JOIN unit u ON u.code = up.code
		WHERE u.parent IS NOT NULL) SELECT COUNT(*) FROM up WHERE code = start")" -eq 0 ]
done
done_testing
