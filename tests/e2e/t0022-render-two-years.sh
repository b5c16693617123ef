#!/bin/sh
# One input holding two fiscal years, each with its own framework: each
# year gets its own reports, with that year's indicator names and targets;
# the year in progress (its 6-month round only) gets its 6-month progress
# report and no annual report yet.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" input 2567 2568:6
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "run exits 0" [ $? -eq 0 ]
cat err.txt >&2
d7=output/reports/2567/2032 d8=output/reports/2568/2032
for f in $d7/annual-2567.pdf $d7/progress-2567-6m.pdf $d7/progress-2567-12m.pdf \
	$d8/progress-2568-6m.pdf $d8/validation-2568-6m.pdf; do
	check "$f made" [ -s "$f" ]
done
check "no annual report of the year in progress" [ ! -e $d8/annual-2568.pdf ]
check "no 12-month report of the year in progress" [ ! -e $d8/progress-2568-12m.pdf ]
check "cards of each year" [ "$(ls $d7/cards | wc -l)" -eq 12 ] && [ "$(ls $d8/cards | wc -l)" -eq 12 ]

arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
# each year's names and targets, from its framework file
for fy in 2567 2568; do
	dir=output/reports/$fy/2032
	pdftotext -layout $dir/progress-$fy-6m.pdf - | arabic >p$fy.txt
	name=$(grep -o 'code="M-STUD" name="[^"]*"' input/framework/$fy.xml | sed 's/.*name="//; s/"$//')
	target=$(grep -o 'code="M-STUD"[^>]*target="[^"]*"' input/framework/$fy.xml | sed 's/.*target="//; s/"$//')
	target=$(echo "$target" | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta')
	row=$(grep -E '^ *M-STUD ' p$fy.txt | head -n 1)
	# the name column of the row and of the lines it wraps onto, joined
	cell=$(python3 - p$fy.txt <<'PY'
import re, sys
lines = open(sys.argv[1]).read().split("\n")
i = next(k for k, l in enumerate(lines) if re.match(r" *M-STUD ", l))
m = re.match(r"( *M-STUD +)(\S+(?: \S+)*)", lines[i])
col, parts = m.end(1), [m.group(2)]
for l in lines[i + 1:]:
    # the wrapped lines of the name start near its column (pdftotext -layout
    # places them within a few characters)
    if re.match(r" *M-[A-Z]", l) or not l.strip() or abs(len(l) - len(l.lstrip()) - col) > 8:
        break
    parts.append(re.split(r"\s{2,}", l.strip())[0])
print("".join(parts).replace(" ", ""))
PY
)
	check "$fy: M-STUD named '$name' ($cell)" [ "$cell" = "$(echo "$name" | tr -d ' ')" ]
	check "$fy: M-STUD's target $target ($row)" sh -c "echo '$row' | grep -qF ' $target '"
	total=$(awk -F, -v fy=$fy '$2 == "M-STUD" && $3 == fy && $4 == 6 {s += $5} END {print s}' \
		input/submissions/$fy/long-6m.csv | sed -E ':a;s/^([0-9]+)([0-9]{3})/\1,\2/;ta')
	check "$fy: M-STUD's 6-month total $total" sh -c "echo '$row' | grep -qF ' $total '"
done
check "2567 has M-LEVEL, not M-READ" sh -c "grep -q 'M-LEVEL' p2567.txt && ! grep -q 'M-READ' p2567.txt"
check "2568 has M-READ, not M-LEVEL" sh -c "grep -q 'M-READ' p2568.txt && ! grep -q 'M-LEVEL' p2568.txt"
check "2568's report is of 2568" grep -q 'ปีงบประมาณ พ.ศ. 2568' p2568.txt
done_testing
