# The checks of the output index pages that every office gets, sourced by
# the e2e tests after a run (needs lib.sh's check, $TOP; run in the folder
# holding output/).
#
# index_checks: every link resolves inside output/, every report, card and
# receipt is linked, the pages are Thai UTF-8 without script, the status
# counts shown are the completeness table's, every school of the office is
# named with its card, and each receipt's status is what its file's
# submissions say.
index_checks() {
	db=output/tidtam.db
	python3 "$TOP/tests/tools/check-index.py" output counts.tsv >walk.txt
	check "index walk: no problem: $(grep -m3 problem walk.txt)" [ $? -eq 0 ]
	files=$(find output/reports output/receipts -type f ! -name index.html | wc -l)
	check "index walk saw all $files files (got: $(grep files walk.txt))" \
		grep -qx "files $files" walk.txt
	check "some files to link" [ "$files" -gt 10 ]
	pages=$(sqlite3 $db "SELECT COUNT(*) FROM (SELECT DISTINCT c.fiscal_year, c.unit_code
		FROM completeness c JOIN unit u ON u.code = c.unit_code AND u.kind = 'office')")
	check "index pages: the top one and one per office and year ($((pages + 1)))" \
		grep -qx "pages $((pages + 1))" walk.txt

	# the counts: each completeness row of an office, on the top page and on
	# the office's own page, and nothing else
	sqlite3 -separator "$(printf '\t')" $db "SELECT c.fiscal_year, c.unit_code, c.round,
		c.expected, c.received, c.on_time, c.late, c.missing FROM completeness c
		JOIN unit u ON u.code = c.unit_code AND u.kind = 'office'
		ORDER BY 1, 2, 3" >want-counts.tsv
	rows=$(wc -l <want-counts.tsv)
	check "completeness has office rows ($rows)" [ "$rows" -gt 0 ]
	sort want-counts.tsv want-counts.tsv >want2.tsv
	cut -f2-9 counts.tsv | sort >got-counts.tsv
	check "counts shown (expected received on-time late missing), each on the top page and the office's page, equal the completeness table: $(diff want2.tsv got-counts.tsv | head -3)" \
		cmp -s want2.tsv got-counts.tsv

	# rejected and held, counted here from the submissions: a unit of the
	# office whose round has nothing accepted and whose newest submission
	# was rejected; a unit with a held submission in the round
	python3 - "$db" counts.tsv >rejected-held.txt <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
parent = dict(con.execute("SELECT code, parent FROM unit"))
kind = dict(con.execute("SELECT code, kind FROM unit"))
def office_of(c):
    for _ in range(16):
        if c not in kind: return None
        if kind[c] == "office": return c
        c = parent[c]
subs = {}
for unit, fy, rnd, status, on, sid in con.execute(
        "SELECT unit_code, fiscal_year, round, status, submitted_on, id FROM submission"
        " WHERE fiscal_year IS NOT NULL AND round IS NOT NULL"):
    subs.setdefault((office_of(unit), fy, rnd, unit), []).append((on, sid, status))
want = {}
for (office, fy, rnd, unit), l in subs.items():
    r, h = want.setdefault((office, fy, rnd), [0, 0])
    statuses = [s for _, _, s in l]
    rejected = "accepted" not in statuses and max(l)[2] == "rejected"
    want[(office, fy, rnd)] = [r + rejected, h + ("held" in statuses)]
bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    page, fy, office, rnd, *n = line.rstrip("\n").split("\t")
    w = want.get((office, int(fy), int(rnd)), [0, 0])
    if [int(n[5]), int(n[6])] != w:
        bad += 1
        print(f"{page} {fy} {office} {rnd}: rejected, held shown {n[5]}, {n[6]}; counted {w[0]}, {w[1]}")
print("rows", sum(1 for _ in open(sys.argv[2])), "bad", bad,
      "rejected", sum(v[0] for v in want.values()), "held", sum(v[1] for v in want.values()))
PY
	check "rejected and held shown equal those counted from the submissions: $(head -3 rejected-held.txt | tr '\n' ' ')" \
		grep -q " bad 0 " rejected-held.txt
	echo "index: $(tail -1 rejected-held.txt)"

	# Thai: years and rounds in Thai digits, codes in Arabic, names from the
	# unit table (with their digits made Thai as the reports print them)
	fy=$(sqlite3 $db "SELECT MIN(fiscal_year) FROM completeness")
	office=$(sqlite3 $db "SELECT code FROM unit WHERE kind = 'office' LIMIT 1")
	page=output/reports/$fy/$office/index.html
	thai() { echo "$1" | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/'; }
	check "$page: the year in Thai digits" grep -q "ปีงบประมาณ พ.ศ. $(thai $fy)" $page
	check "$page: the office code as written" grep -q "($office)" $page
	round=$(sqlite3 $db "SELECT MIN(round) FROM completeness WHERE fiscal_year = $fy")
	check "$page: rounds as รอบ $(thai $round) เดือน" grep -q "<th>รอบ $(thai $round) เดือน</th>" $page
	python3 - "$db" "$page" "$office" >names.txt <<'PY'
import html, re, sqlite3, sys
db, page, office = sys.argv[1:4]
text = html.unescape(open(page, encoding="utf-8").read())
thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
con = sqlite3.connect(db)
units = {c: (n, k, p) for c, n, k, p in con.execute("SELECT code, name, kind, parent FROM unit")}
def office_of(c):
    for _ in range(16):
        if c not in units: return None
        if units[c][1] == "office": return c
        c = units[c][2]
schools = [c for c, (n, k, p) in units.items() if k == "school" and office_of(c) == office]
missing = [c for c in schools if re.sub(r"\d", lambda m: m.group().translate(thai), units[c][0])
           not in text or f'<td class="code">{c}</td>' not in text]
cards = [c for c in schools if f'href="cards/{c}.pdf"' not in text]
print(len(schools), len(missing), len(cards))
PY
	read -r nschools nmissing ncards <names.txt
	check "$page: every school ($nschools) named, with its code ($nmissing missing)" \
		[ "$nschools" -gt 0 -a "$nmissing" -eq 0 ]
	check "$page: every school's card linked ($ncards without)" [ "$ncards" -eq 0 ]

	# receipts: "ไม่รับ" for a file that could not be read or whose every unit
	# was rejected, as the database says
	want=$(sqlite3 $db "SELECT COUNT(*) FROM file f WHERE f.receipt IS NOT NULL AND
		(f.status = 'failed' OR (EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id)
		 AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.file_id = f.id
				 AND s.status <> 'rejected')))")
	got=$(cat output/index.html output/reports/*/*/index.html | grep -c '<td class="st-rejected">ไม่รับ</td>')
	check "receipts marked ไม่รับ: $got, files refused in the database: $want" [ "$got" -eq "$want" ]
	want=$(sqlite3 $db "SELECT COUNT(*) FROM file WHERE receipt IS NOT NULL")
	got=$(cat output/index.html output/reports/*/*/index.html | grep -c '<tr class="st-[a-z]*"><td class="code">')
	check "a receipt row per file with a receipt: $got, database: $want" [ "$got" -eq "$want" ]
}
