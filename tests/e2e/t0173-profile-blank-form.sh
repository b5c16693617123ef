#!/bin/sh
# `tidtam forms` writes a blank profile for each office, with the office and
# year filled in: it validates against profile.xsd as it is; with the comment
# marks around its examples removed, it still validates and goes in, and
# its parts then appear in the annual report (on office2, whose unit list
# names its office by a 5-letter code).
. "$(dirname "$0")/lib.sh"
cp -r "$TOP/tests/data/office2/input" "$WORK/input"
cd "$WORK" || exit 3
rm -rf input/profile "input/ข้อมูลสำนักงาน"
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
tidtam forms -q --fy 2567 -t "$TOP/templates" 2>>err.txt
check "tidtam forms exits 0" [ $? -eq 0 ]
f=output/forms/2567/profile-SPM35-2567.xml
check "the blank profile is written ($f)" [ -s "$f" ]
check "it names the office and year" grep -q 'office="SPM35" fiscal-year="2567"' "$f"
check "it says in Thai where it goes" grep -q 'โฟลเดอร์ profile/' "$f"
check "it validates against profile.xsd" xmllint --noout --schema "$TOP/templates/schema/profile.xsd" "$f"
check "only the offices get one (no school's)" [ "$(ls output/forms/2567/profile-*.xml | wc -l)" -eq 1 ]
# the examples, uncommented, are a valid profile too
mkdir -p input/profile
python3 - "$f" input/profile/2567.xml <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
head, body = text.split("<profile ", 1)
# each example: the comment's words up to the first element, then the element
body = re.sub(r"<!--[^<]*(<.*?)\s*-->", r"\1", body, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(head + "<profile " + body)
PY
check "the filled examples validate" xmllint --noout --schema "$TOP/templates/schema/profile.xsd" input/profile/2567.xml
touch -d '2024-01-01' input/profile/2567.xml
tidtam run -q -s 0 -t "$TOP/templates" 2>>err.txt
check "the filled examples go in" [ "$(sqlite3 output/tidtam.db "SELECT COUNT(*) FROM profile")" -eq 1 ]
pdftotext output/reports/2567/SPM35/annual-2567.pdf - | tr -d ' \n' >flat.txt
check "the report holds its vision" grep -qF "วิสัยทัศน์" flat.txt
check "and its committee" grep -qF "ประธานคณะทำงาน" flat.txt
done_testing
