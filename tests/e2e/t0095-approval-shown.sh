#!/bin/sh
# A round's approval where officers see it, on both test offices: after
# approve --force and a render, the round's row on both index pages says
# who approved it, when, and how many units were missing and rejected then;
# every page of the round's validation and progress reports carries the
# approval line with the same numbers (as tidtam status --json gives them,
# and as the approval table holds them: a change there remakes the
# reports); an approval without --force prints no forced wording; after
# reopen the index says ร่าง again and the reports carry the draft mark.
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1746057600   # 2025-05-01
by="นายสมชาย ใจดี"
q() { sqlite3 output/tidtam.db "$1"; }
render() { tidtam render -q -t "$TOP/templates" >/dev/null 2>&1; }

# shown FY ROUND OFFICE: the index rows of FY (both pages) and the round's
# validation and progress reports against tidtam status --json
shown() {
	tidtam status --fy "$1" --json >st.json
	d=output/reports/$1/$3
	for f in validation progress; do
		[ -f "$d/$f-$1-$2m.pdf" ] || continue
		pdftotext "$d/$f-$1-$2m.pdf" "$f.txt"
		pdfinfo "$d/$f-$1-$2m.pdf" | awk '/^Pages:/ { print $2 }' >"$f.pages"
	done
	python3 - st.json "$1" "$2" "$3" output/index.html "$d/index.html" "$d/validation-$1-$2m.json" <<'PY'
import json, re, sys, os
st, fy, rnd, office, top, page, vjson = sys.argv[1:]
fy, rnd = int(fy), int(rnd)
months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
arabic = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
def thai_date(iso):
    y, m, d = map(int, iso.split("-"))
    return "%d %s %d" % (d, months[m - 1], y + 543)
bad = []
rounds = [r for r in json.load(open(st))["rounds"] if r["office"] == office]
for path in (top, page):
    html = open(path, encoding="utf-8").read()
    for r in rounds:
        m = re.search(r'<tr data-fy="%d" data-office="%s" data-round="%d">.*?'
                      r'<td class="approval (\w+)">(.*?)</td></tr>' % (fy, office, r["round"]), html)
        if not m:
            bad.append("%s: no approval cell for round %d" % (path, r["round"])); continue
        a = r["approval"]
        if a is None:
            want = ("draft", "ร่าง")
        else:
            text = "อนุมัติแล้ว โดย %s เมื่อ %s" % (a["by"], thai_date(a["at"]))
            if a["forced"]:
                text += " (ยังขาด %d หน่วย ไม่ผ่านการตรวจสอบ %d หน่วย)" % (a["missing"], a["rejected"])
            want = ("forced" if a["forced"] else "approved", text)
        got = (m.group(1), m.group(2).translate(arabic))
        if got != want:
            bad.append("%s round %d: %r, not %r" % (path, r["round"], got, want))
r = [r for r in rounds if r["round"] == rnd][0]
a = r["approval"]
squash = lambda s: re.sub(r"\s+", "", s.translate(arabic))
for f in ("validation", "progress"):
    if not os.path.exists(f + ".txt"):
        continue
    text, pages = squash(open(f + ".txt").read()), int(open(f + ".pages").read())
    if a is None:
        # a draft is marked ร่าง alone (its cover in the title block)
        want, n = "ร่าง", text.count("ร่าง")
    else:
        want = squash("ผ่านการอนุมัติของคณะกรรมการกลั่นกรอง โดย %s เมื่อวันที่ %s" % (a["by"], thai_date(a["at"])))
        if a["forced"]:
            want += squash("โดยมีหน่วยงานที่ยังไม่ส่งข้อมูล %d หน่วย และที่ส่งแล้วแต่ไม่ผ่านการตรวจสอบ %d หน่วย"
                           " ณ วันที่อนุมัติ" % (a["missing"], a["rejected"]))
        n = text.count(want)
    if n != pages:
        bad.append("%s: the approval line on %d of %d pages: %s" % (f, n, pages, want))
    if (a is None or not a["forced"]) and "ยังไม่ส่งข้อมูล" in text:
        bad.append("%s: forced wording on a round not forced" % f)
v = json.load(open(vjson))["approval"]
if (v is None) != (a is None) or (v and v != a):
    bad.append("validation JSON approval %r, status %r" % (v, a))
for b in bad:
    print(b)
sys.exit(bool(bad))
PY
}

# office2: 2567 6m approved with --force
office2_run
tidtam approve --fy 2567 --round 6 --by "$by" --force >out.txt 2>err.txt
check "office2 2567 6m forced: exit 0" [ $? -eq 0 ]
check "  says the outputs change on the next run" \
	grep -q "forced (.*); the reports and index pages show it after the next 'tidtam run' (or 'tidtam render')" out.txt
nf=$(q "SELECT missing FROM approved_round WHERE fiscal_year = 2567 AND round = 6")
check "  units were missing ($nf)" [ "$nf" -gt 0 ]
render
check "  index pages and reports show the forced approval as status says" shown 2567 6 SPM35
check "  the 12-month round still ร่าง" \
	grep -q 'data-round="12">.*<td class="approval draft">ร่าง</td>' output/reports/2567/SPM35/index.html
# the approval's counts are inputs of the reports: changed in the table, the reports follow
q "UPDATE approval SET missing = missing + 5, rejected = rejected + 2 WHERE id = (SELECT MAX(id) FROM approval)"
render
check "  a change of the recorded counts remakes reports and index" shown 2567 6 SPM35
check "  (the counts changed)" grep -q "ยังไม่ส่งข้อมูล $((nf + 5)) หน่วย" validation.txt
tidtam reopen --fy 2567 --round 6 --by "$by" >out.txt 2>err.txt
check "reopen: exit 0, saying the outputs change on the next run" sh -c \
	"grep -q 'open again; .* after the next .tidtam run. (or .tidtam render.)' out.txt"
render
check "  index pages say ร่าง again, reports the draft mark" shown 2567 6 SPM35
check "  (ร่าง in the 6-month row)" \
	grep -q 'data-round="6">.*<td class="approval draft">ร่าง</td>' output/index.html

# office2: 2568 6m made complete (its one missing school sends), approved without --force
office2_complete_2568_6m
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
tidtam approve --fy 2568 --round 6 --by "$by" >out.txt 2>err.txt
check "  approved without --force" [ $? -eq 0 ]
check "  the message names no reopening, only the next run" sh -c \
	"! grep -q 'open again' out.txt && grep -q 'approved by .*; the reports and index pages show it' out.txt"
render
check "  index and reports: approved, no forced wording" shown 2568 6 SPM35
check "  (the approval line is there)" grep -q "ผ่านการอนุมัติ" validation.txt

# the demo: 2567 6m approved with --force
mkdir "$WORK/demo" && cd "$WORK/demo" || exit 3
cp -r "$TOP/input" input
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
tidtam approve --fy 2567 --round 6 --by "$by" --force -q >out.txt 2>err.txt
check "demo 2567 6m forced: exit 0" [ $? -eq 0 ]
check "  units were missing" [ "$(q "SELECT missing FROM approved_round")" -gt 0 ]
render
check "  index pages and reports show the forced approval as status says" shown 2567 6 3101
tidtam reopen --fy 2567 --round 6 --by "$by" -q >/dev/null 2>&1
render
check "  reopened: ร่าง again" shown 2567 6 3101
done_testing
