#!/bin/sh
# Two fiscal years in one input whose frameworks differ (M203 renamed, M303
# dropped, M306 added, the targets of M101 and M401 changed): each year gets
# its own annual report whose indicator table has exactly that year's
# indicators, each with that year's name and target as the framework writes
# it (a target of 0.8 stays 0.8), and is judged against that year's target.
. "$(dirname "$0")/lib.sh"
office2_run
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
db=output/tidtam.db
check "the frameworks differ as planted: M303 only in 2567, M306 only in 2568" sh -c \
	"grep -q 'code=\"M303\"' input/framework/2567.xml && ! grep -q 'code=\"M303\"' input/framework/2568.xml &&
	 grep -q 'code=\"M306\"' input/framework/2568.xml && ! grep -q 'code=\"M306\"' input/framework/2567.xml"
check "results of 2567 have M303, not M306" [ "$(sqlite3 $db "SELECT group_concat(DISTINCT indicator) FROM result
	WHERE fiscal_year = 2567 AND indicator IN ('M303', 'M306')")" = M303 ]
check "results of 2568 have M306, not M303" [ "$(sqlite3 $db "SELECT group_concat(DISTINCT indicator) FROM result
	WHERE fiscal_year = 2568 AND indicator IN ('M303', 'M306')")" = M306 ]
for fy in 2567 2568; do
	pdf=output/reports/$fy/SPM35/annual-$fy.pdf
	check "annual report of $fy written" [ -s "$pdf" ]
	[ -s "$pdf" ] || continue
	pdftotext -layout "$pdf" - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' >annual-$fy.txt
	check "annual report of $fy is titled with its year" grep -q "ประจำปีงบประมาณ พ.ศ. $fy" annual-$fy.txt
	python3 - annual-$fy.txt input/framework/$fy.xml expected.txt $fy >rows-$fy.txt <<'PY'
import re, sys
import xml.etree.ElementTree as ET
lines = open(sys.argv[1]).read().splitlines()
fy = sys.argv[4]
inds = {e.attrib["code"]: e.attrib for e in ET.parse(sys.argv[2]).getroot().iter("{urn:tidtam:framework:1}indicator")}
status = {f[3]: f[6] for f in (l.rstrip("\n").split("\t") for l in open(sys.argv[3]))
          if f[0] == "result" and f[1] == fy and f[2] == "12"}
# the indicator table rows: a line starting with a code, then the lines of
# its wrapped name below it (only the text under the name column: another
# column may wrap too)
rows = {}
for i, line in enumerate(lines):
    seg = re.split(r"\s{3,}", line.strip())
    # a code column as wide as its codes: one space to the name
    m = re.match(r"([A-Z]+\d+) (\S.*)", seg[0])
    if m:
        seg[0:1] = [m.group(1), m.group(2)]
    if len(seg) < 3 or not re.fullmatch(r"[A-Z]+\d+", seg[0]) or seg[0] in rows:
        continue
    name = seg[1]
    col = line.index(name)
    rest = line[col + len(name):].split()
    for nxt in lines[i + 1:i + 6]:
        s = nxt.strip()
        if not s or re.match(r"[A-Z]+\d+\s", s):
            break
        start = len(nxt) - len(nxt.lstrip())
        # pdftotext may set the name's later lines a few places right of
        # its first when the code column is narrow; other columns are far
        if not -2 <= start - col <= 6:
            continue
        name += re.split(r"\s{3,}", s)[0]
    rows[seg[0]] = (seg, name, rest)
codes = [c for c in rows if c.startswith("M")]
for c in sorted(set(codes) - set(inds)):
    print("not %s: the annual report of %s has a row for %s, which its framework does not have" % (fy, fy, c))
for c, a in inds.items():
    if c not in rows:
        print("not %s: no row for %s in the annual report" % (fy, c))
        continue
    seg, name, rest = rows[c]
    want = a["name"].replace(" ", "")
    print(("ok " if name.replace(" ", "") == want else "not ") +
          "%s %s: name printed '%s', the framework says '%s'" % (fy, c, name, a["name"]))
    if "target" in a:
        # after the name: the unit (as many words as it has), then the target
        t = rest[len(a["unit"].split())] if len(rest) > len(a["unit"].split()) else ""
        try:
            same = float(t.replace(",", "")) == float(a["target"])
        except ValueError:
            same = False
        print(("ok " if same else "not ") + "%s %s: target printed '%s', the framework says %s" % (fy, c, t, a["target"]))
        print(("ok " if rest[-1] == status.get(c) else "not ") +
              "%s %s: status '%s', against this year's target expected '%s'" % (fy, c, rest[-1], status.get(c)))
PY
	while read -r verdict rest; do
		if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
	done <rows-$fy.txt
	check "$fy: every indicator of the framework checked" \
		[ "$(grep -c 'name printed' rows-$fy.txt)" -eq "$(grep -c '<indicator ' input/framework/$fy.xml)" ]
done
done_testing
