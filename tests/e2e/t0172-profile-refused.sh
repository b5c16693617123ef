#!/bin/sh
# A bad profile is refused whole, with a receipt naming each problem at
# its line in Thai and English (E-PROFILE); one too large is refused
# unparsed (E-TOOLARGE); a good one outside profile/ is known by its root
# and taken; a profile refused leaves the report without the parts it
# would fill, and the office's earlier profile, if any, in place.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/input/profile" "$WORK/input/อื่น ๆ"
cp -r "$TOP/input/framework" "$TOP/input/units" "$WORK/input/"
cd "$WORK" || exit 3
cat >input/profile/2567-bad.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:tidtam:profile:1" office="3101" fiscal-year="2567">
  <budget>
    <plan name="แผนงานพื้นฐาน">
      <output name="ผลผลิตผู้จบการศึกษาภาคบังคับ">
        <expense type="งบอื่น ๆ" allocated="1000" spent="900"/>
        <expense type="งบลงทุน" allocated="หนึ่งพัน" spent="900"/>
      </output>
    </plan>
  </budget>
  <staff><position type="ศึกษานิเทศก์" count="-2"/></staff>
</profile>
XML
bad_type=$(grep -n 'งบอื่น' input/profile/2567-bad.xml | cut -d: -f1)
bad_amount=$(grep -n 'หนึ่งพัน' input/profile/2567-bad.xml | cut -d: -f1)
misplaced=$(grep -n '<staff>' input/profile/2567-bad.xml | cut -d: -f1)
python3 - input/profile/2567-big.xml <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<profile xmlns="urn:tidtam:profile:1"'
            ' office="3101" fiscal-year="2567">\n<general><address>')
    f.write("ถนนจิระ " * 60000)
    f.write("</address></general>\n</profile>\n")
PY
cat >"input/อื่น ๆ/ข้อมูลพื้นฐาน.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:tidtam:profile:1" office="3101" fiscal-year="2567">
  <direction><vision>วิสัยทัศน์จากไฟล์นอกโฟลเดอร์ profile</vision></direction>
</profile>
XML
touch -d '2024-01-01' input/profile/* "input/อื่น ๆ"/*
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
rc=$?
check "the run exits 1 (input refused), not $rc" [ "$rc" -eq 1 ]
check "stderr names the bad profile and its line $bad_type" grep -q "2567-bad.xml:$bad_type" err.txt
db=output/tidtam.db
check "the bad and the large profile are failed files" [ "$(sqlite3 $db "SELECT COUNT(*) FROM file
	WHERE path LIKE 'profile/2567-%' AND status = 'failed'")" -eq 2 ]
check "every problem recorded as E-PROFILE at its line" [ "$(sqlite3 $db "SELECT group_concat(i.row, ' ')
	FROM (SELECT i.row FROM issue i JOIN file f ON f.id = i.file_id WHERE f.path = 'profile/2567-bad.xml'
	AND i.code = 'E-PROFILE' ORDER BY i.row) i")" = "$bad_type $bad_amount $misplaced" ]
check "the large one is E-TOOLARGE" [ "$(sqlite3 $db "SELECT i.code FROM issue i JOIN file f
	ON f.id = i.file_id WHERE f.path = 'profile/2567-big.xml'")" = E-TOOLARGE ]
r=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = 'profile/2567-bad.xml'")
check "the bad profile has a receipt ($r)" [ -s "$r" ]
sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' "$r" >receipt.txt
check "the receipt names the file as an office profile" grep -q 'ข้อมูลพื้นฐานของสำนักงาน' receipt.txt
# each problem's place on a line, what it means on the next one
check "the receipt gives the bad expense type at line $bad_type, in Thai" \
	sh -c "grep -A1 -E 'E-PROFILE แถว $bad_type\$' receipt.txt | tail -n 1 | grep -q '^      .*งบอื่น ๆ.*ใช้ไม่ได้'"
check "and the amount that is not a number at line $bad_amount" \
	sh -c "grep -A1 -E 'E-PROFILE แถว $bad_amount\$' receipt.txt | tail -n 1 | grep -q '^      .*หนึ่งพัน'"
check "the problems listed under one heading" \
	[ "$(grep -c 'ปัญหาของไฟล์' receipt.txt)" -eq 1 ]
check "the receipt goes under the year and office" sh -c "echo '$r' | grep -q '/2567/3101/'"
j=${r%.txt}.json
check "the JSON receipt says it in English too" sh -c "grep -q 'is not one of' '$j'"
check "the profile outside profile/ was taken by its root" [ "$(sqlite3 $db "SELECT f.path FROM profile p
	JOIN file f ON f.id = p.file_id")" = "อื่น ๆ/ข้อมูลพื้นฐาน.xml" ]
check "nothing else of a profile is stored" [ "$(sqlite3 $db "SELECT COUNT(*) FROM profile")" -eq 1 ]
# tidtam check says the same before the file is dropped in
tidtam check -t "$TOP/templates" input/profile/2567-bad.xml >check.txt
rc=$?
check "tidtam check refuses the bad profile (exit 1, not $rc)" [ "$rc" -eq 1 ]
for line in $bad_type $bad_amount $misplaced; do
	check "and names line $line, in English and Thai" \
		[ "$(grep -c "^input/profile/2567-bad.xml:$line:" check.txt)" -eq 2 ]
done
tidtam check -t "$TOP/templates" "input/อื่น ๆ/ข้อมูลพื้นฐาน.xml" >check-good.txt
check "and passes the good one" [ $? -eq 0 ]
[ -n "$KEEP" ] && echo "$WORK"
done_testing
