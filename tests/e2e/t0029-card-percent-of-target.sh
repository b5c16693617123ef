#!/bin/sh
# A card's "% of target" is the annual report's: result / target for a
# higher-is-better indicator, target / result for a lower-is-better one
# (the second office's M201, a dropout rate with a target of 0.8).
#
# 2026-12-02: cards divided the result by the target whatever the direction
# (86.51 on the card where the annual report said 180.95 for M201).
. "$(dirname "$0")/lib.sh"
cp -r "$TOP/tests/data/office2/input" "$WORK/input"
cd "$WORK" || exit 3
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
for f in output/reports/2568/SPM35/cards/*.pdf; do
	code=$(basename "$f" .pdf)
	pdftotext -layout "$f" - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' | grep "^ *M[0-9]" |
		sed "s/^/$code /"
done >cards.txt
sqlite3 -separator ' ' output/tidtam.db "SELECT unit_code, indicator, value FROM result
	WHERE fiscal_year = 2568 AND round = 12 AND value IS NOT NULL" >results.txt
python3 - input/framework/2568.xml >verdicts.txt <<'PY'
import re, sys
import xml.etree.ElementTree as ET
inds = {e.attrib["code"]: e.attrib for e in ET.parse(sys.argv[1]).getroot().iter("{urn:tidtam:framework:1}indicator")}
value = {(u, i): float(v) for u, i, v in (l.split() for l in open("results.txt"))}
checked = 0
for line in open("cards.txt"):
    f = line.split()
    school, code = f[0], f[1]
    a = inds.get(code)
    if not a or a["type"] not in ("percent", "level") or "target" not in a or (school, code) not in value:
        continue
    # the last four figures of the row: target, result, percent of target,
    # median (the name may hold digits of its own)
    nums = [t for t in f[2:] if re.fullmatch(r"[\d,]+(\.\d+)?", t)][-4:]
    if len(nums) < 4:
        print("not %s %s: no percent of target on the card: %s" % (school, code, line.strip()))
        continue
    v, t = value[(school, code)], float(a["target"])
    if a.get("direction") == "lower":
        want = t / v * 100 if v > 0 else 100.0
    else:
        want = v / t * 100
    got = float(nums[2].replace(",", ""))
    print(("ok " if abs(got - want) < 0.006 else "not ") +
          "%s %s (%s is better): card says %s, expected %.2f" % (school, code, a.get("direction", "higher"), nums[2], want))
    checked += code == "M201"
print(("ok " if checked >= 30 else "not ") + "lower-is-better M201 checked on %d cards" % checked)
PY
while read -r verdict rest; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$rest"; fi
done <verdicts.txt
done_testing
