#!/bin/sh
# The blank forms of the second test office for 2568 (`tidtam forms`): the
# rounds offered are the framework's (6 and 12 months), the indicators are
# 2568's (M306 added, M303 dropped, M203 under its new name), and there is
# a form for every school of the unit list and none for the refused unit.
. "$(dirname "$0")/lib.sh"
cp -r "$TOP/tests/data/office2/input" "$WORK/input"
cd "$WORK" || exit 3
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
tidtam forms -q --fy 2568 -t "$TOP/templates" 2>forms-err.txt
check "tidtam forms --fy 2568 exits 0: $(head -c 200 forms-err.txt)" [ $? -eq 0 ]
dir=output/forms/2568
python3 - $dir/forms-2568.xlsx >rounds.txt <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if not n.startswith("xl/worksheets/"):
        continue
    t = z.read(n).decode()
    for dv in re.findall(r"<dataValidation [^>]*>.*?</dataValidation>", t, re.S):
        f = re.search(r"<formula1>\"?([^<\"]*)\"?</formula1>", dv)
        items = f.group(1).split(",") if f else []
        if 'type="list"' in dv and items and all(re.fullmatch(r"\D*\d+\D*", i) and
                                                  re.search(r"\d+", i).group() in ("3", "6", "9", "12") for i in items):
            print("list", " ".join(re.search(r"\d+", i).group() for i in items))
        p = re.search(r'prompt="([^"]*)"', dv)
        if p and re.search(r"3, 6, 9", p.group(1)):
            print("prompt", p.group(1))
PY
check "the workbook has a round list" grep -q '^list' rounds.txt
check "the workbook's round list offers 6 and 12 months only: $(grep '^list' rounds.txt | head -n 1)" \
	sh -c "[ \"\$(grep '^list' rounds.txt | sort -u)\" = 'list 6 12' ]"
check "no prompt of the workbook offers 3, 6, 9: $(grep '^prompt' rounds.txt | head -n 1)" sh -c "! grep -q '^prompt' rounds.txt"
grep '^school' expected.txt | cut -f2 >schools.txt
missing=0
while read -r code; do [ -s $dir/xml/$code.xml ] || missing=$((missing + 1)); done <schools.txt
check "an XML form for every school ($missing of 40 missing)" [ $missing -eq 0 ]
refused=$(grep '^unitrow' expected.txt | cut -f4)
check "no XML form for the refused unit $refused" [ ! -e $dir/xml/$refused.xml ]
f=$dir/xml/$(head -n 1 schools.txt).xml
check "the XML form has 2568's M306 and not the dropped M303" sh -c \
	"grep -q 'indicator=\"M306\"' $f && ! grep -q 'indicator=\"M303\"' $f"
check "the XML form does not offer rounds 3 and 9: $(grep -o '([^)]*12)' $f | head -n 1)" \
	sh -c "! grep -qE '3, 6, 9|(^|[^0-9])[39] เดือน' $f"
new=$(awk -F'"' '/code="M203"/{for (i = 1; i < NF; i++) if ($i ~ / name=$/) print $(i + 1)}' input/framework/2568.xml)
check "the wide form heads M203 with its 2568 name '$new'" grep -qF "$new" $dir/wide-2568.csv
rows=$(tail -n +2 $dir/wide-2568.csv | grep -c .)
check "the wide form has a row per school ($rows, expected 40)" [ "$rows" -eq 40 ]
done_testing
