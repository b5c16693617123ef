#!/bin/sh
# The second test office's planted mistakes: exactly the submissions
# expect-office2.py finds wrong are rejected, each with its issue code; late
# submissions carry W-LATE; the unit row whose parent is unknown is refused
# with its row in the unit list's receipt; a corrected form supersedes the
# first; a byte-identical copy is not read twice; every file has a receipt,
# and the projects sheet's goes to the folder of the year it names.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
db=output/tidtam.db

python3 - $db expected.txt >compare.txt <<'PY'
import re, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
exp = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
key = lambda f: (f[1], f[2], int(f[3]), int(f[4]))
want_rej = {key(f) for f in exp if f[0] == "reject"}
want_codes = {key(f) + (f[5],) for f in exp if f[0] == "reject"}
want_late = {key(f) for f in exp if f[0] == "late"}
got_rej = {r for r in con.execute(
    "SELECT f.path, s.unit_code, s.fiscal_year, s.round FROM submission s"
    " JOIN file f ON f.id = s.file_id WHERE s.status = 'rejected'")}
got_codes = {r for r in con.execute(
    "SELECT f.path, s.unit_code, s.fiscal_year, s.round, i.code FROM issue i"
    " JOIN submission s ON s.id = i.submission_id JOIN file f ON f.id = s.file_id"
    " WHERE i.severity = 'error'")}
got_late = {r for r in con.execute(
    "SELECT f.path, s.unit_code, s.fiscal_year, s.round FROM issue i"
    " JOIN submission s ON s.id = i.submission_id JOIN file f ON f.id = s.file_id"
    " WHERE i.code = 'W-LATE'")}
print("count rejected %d" % len(want_rej))
for k in sorted(want_rej):
    print(("ok " if k in got_rej else "not ") + "rejected: %s %s %d %dm" % k)
extra = {}
for k in sorted(got_rej - want_rej):
    extra.setdefault(k[0], []).append(k)
for path, ks in sorted(extra.items()):
    codes = sorted({c[4] for c in got_codes if c[:4] in ks})
    print("not %d submissions of %s rejected although nothing is wrong with them (%s), e.g. %s %d %dm"
          % ((len(ks), path, " ".join(codes)) + ks[0][1:]))
for k in sorted(want_codes):
    print(("ok " if k in got_codes else "not ") + "issue %s on %s %s %d %dm" % ((k[4],) + k[:4]))
print("count late %d" % len(want_late))
for k in sorted(want_late):
    print(("ok " if k in got_late else "not ") + "W-LATE on %s %s %d %dm" % k)
for k in sorted(got_late - want_late):
    print("not W-LATE on a submission sent in time: %s %s %d %dm" % k)
# the refused unit rows: an error on the row of the unit list, and the unit not used
for f in exp:
    if f[0] != "unitrow":
        continue
    path, row, code = f[1], int(f[2]), f[3]
    n = con.execute("SELECT COUNT(*) FROM issue i JOIN file f ON f.id = i.file_id"
                    " WHERE f.path = ? AND i.row = ? AND i.severity = 'error'", (path, row)).fetchone()[0]
    print(("ok " if n else "not ") + "unit row %s:%d (%s) refused with an error on its row" % (path, row, code))
    n = con.execute("SELECT COUNT(*) FROM unit WHERE code = ?", (code,)).fetchone()[0]
    print(("ok " if not n else "not ") + "refused unit %s is not in the unit table" % code)
    rec = con.execute("SELECT 'output/' || receipt FROM file WHERE path = ?", (path,)).fetchone()[0]
    text = open(rec, encoding="utf-8").read().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")) if rec else ""
    # a problem is its line and the indented line under it (what is wrong)
    issues = re.sub(r"\n      (?=\S)", " ", text).splitlines()
    named = any(code in l and re.search(r"(?<!\d)%d(?!\d)" % row, l) for l in issues)
    print(("ok " if named else "not ") +
          "the unit list's receipt names the refused row %d and code %s in one problem" % (row, code))
PY
while read -r verdict rest; do
	case $verdict in
	ok) ok ;;
	count) set -- $rest; check "expected $1 $2 > 0" [ "$2" -gt 0 ] ;;
	*) not_ok "$rest" ;;
	esac
done <compare.txt
check "expected one refused unit row" [ "$(grep -c '^unitrow' expected.txt)" -eq 1 ]
check "expected E-UNIT and E-RANGE rejections" sh -c \
	"grep -q 'E-UNIT$' expected.txt && grep -q 'E-RANGE$' expected.txt"

# messages state this office's facts: its codes have 6 digits, not the demo's 10
check "E-UNIT message does not ask for a 10-digit code" sh -c \
	"! sqlite3 $db \"SELECT message_th || ' ' || message_en FROM issue WHERE code = 'E-UNIT'\" | grep -qE '(10|๑๐) (หลัก|digit)'"

# a corrected form supersedes the first one
fix=$(cd input && ls submissions/2567/รอบ6/แบบรายงาน/*-ฉบับแก้ไข.xml)
first=$(echo "$fix" | sed 's/-ฉบับแก้ไข//')
sup=$(sqlite3 $db "SELECT s.superseded_by = (SELECT s2.id FROM submission s2 JOIN file f2 ON f2.id = s2.file_id
	WHERE f2.path = '$fix') FROM submission s JOIN file f ON f.id = s.file_id
	WHERE f.path = '$first' AND s.status = 'accepted'")
check "the corrected form $fix supersedes $first" [ "$sup" = 1 ]

# a byte-identical copy is recognised and not read twice
copy=$(cd input && ls submissions/2568/รอบ6/สำเนา/*.xml)
orig=submissions/2568/รอบ6/แบบรายงาน/$(basename "$copy" | sed 's/ (1)//')
check "the copy is byte-identical to $orig" cmp -s "input/$copy" "input/$orig"
n=$(sqlite3 $db "SELECT COUNT(*) FROM submission s JOIN file f ON f.id = s.file_id
	WHERE f.path IN ('$copy', '$orig')")
check "the form and its copy give one submission, not $n" [ "$n" -eq 1 ]

# every file a unit sent has its receipt, text and PDF (a copy of another
# file is only recorded as such)
check "every input file is in the database" \
	[ "$(sqlite3 $db 'SELECT COUNT(DISTINCT path) FROM file')" -eq "$(find input -type f | wc -l)" ]
sqlite3 -separator '|' $db "SELECT path, COALESCE('output/' || receipt, ''), COALESCE('output/' || receipt_pdf, '') FROM file
	WHERE path NOT LIKE 'framework/%' AND same_as IS NULL" >receipts.txt
while IFS='|' read -r path rec pdf; do
	if [ -n "$rec" ] && [ -s "$rec" ] && [ -s "$pdf" ]; then ok
	else not_ok "no receipt (text and PDF) for $path: '$rec'"; fi
done <receipts.txt
proj=$(grep '^projects/' receipts.txt | cut -d'|' -f2)
check "the projects sheet's receipt goes to its year, 2567: $proj" \
	sh -c "echo '$proj' | grep -q '^output/receipts/2567/'"
units=$(grep '^units/' receipts.txt | cut -d'|' -f2)
check "the unit list's receipt is not filed under unknown: $units" \
	sh -c "echo '$units' | grep -qv '/unknown/'"

# the receipts of the planted mistakes say what was wrong
xlsx=$(grep 'E-UNIT$' expected.txt | cut -f2)
rec=$(grep -F "$xlsx|" receipts.txt | cut -d'|' -f2)
check "receipt of $xlsx names E-UNIT and 359999" sh -c \
	"grep -q 'E-UNIT' '$rec' && grep -q '359999' '$rec'"
form=$(grep 'E-RANGE$' expected.txt | cut -f2)
rec=$(grep -F "$form|" receipts.txt | cut -d'|' -f2)
check "receipt of $form names E-RANGE and the level found (7)" sh -c \
	"grep -q 'E-RANGE' '$rec' && grep -qE 'พบ “(7|๗)”' '$rec'"
# 2026-12-02: E-UNIT named the row only; it points at the cell of the code
check "E-UNIT points at the cell that holds the unknown code" [ "$(sqlite3 output/tidtam.db \
	"SELECT col FROM issue WHERE code = 'E-UNIT' AND found = '359999'" | grep -c '!A (รหัสโรงเรียน)$')" = 1 ]
done_testing
