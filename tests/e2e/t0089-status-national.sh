#!/bin/sh
# tidtam status on a database of national size, made here: 245 offices,
# each with 10 networks of 12 schools (29,400 schools), the demo's
# framework (4 rounds), and per school and round nothing, an accepted
# submission, a rejected one, or a rejected one corrected by an accepted
# one, on time or late.  `status --json` lists every office x round with
# counts equal to what aggregate stored and to check-status.py's own
# count from the tables, in a few seconds; one office's round alone is
# read without the rest.  Times are printed, and bounded loosely (a
# query per unit would take minutes).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
mkdir -p input/framework
cp "$TOP/input/framework/2567.xml" input/framework/
tidtam ingest -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
db=output/tidtam.db
check "a database with the framework" [ "$(sqlite3 $db "SELECT COUNT(*) FROM framework")" -eq 1 ]
python3 - $db <<'PY'
import random, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
random.seed(2567)
fid = con.execute("SELECT file_id FROM framework").fetchone()[0]
deadline = {3: "2024-01-15", 6: "2024-04-15", 9: "2024-07-15", 12: "2024-10-15"}
units, subs = [], []
for o in range(245):
    office = "%04d" % (1000 + o)
    units.append((office, "สำนักงานเขต %d" % o, "office", None))
    for n in range(10):
        net = "N%04d%02d" % (o, n)
        units.append((net, "เครือข่าย %d" % n, "network", office))
        for s in range(12):
            units.append(("%04d%02d%04d" % (1000 + o, n, s), "โรงเรียน %d-%d-%d" % (o, n, s), "school", net))
con.executemany("INSERT INTO unit(code, name, kind, parent, file_id, row) VALUES(?, ?, ?, ?, %d, 1)" % fid, units)
for code, _, kind, _ in units:
    if kind == "network":
        continue
    for rnd, dl in deadline.items():
        x = random.random()
        day = lambda late: dl[:8] + ("%02d" % (random.randint(16, 28) if late else random.randint(1, 15)))
        if x < 0.05:
            continue                                   # missing
        if x < 0.08:
            subs.append((code, rnd, day(random.random() < 0.3), "rejected", "a"))
        elif x < 0.10:
            subs.append((code, rnd, day(False), "rejected", "a"))
            subs.append((code, rnd, day(True), "accepted", "b"))
        else:
            subs.append((code, rnd, day(random.random() < 0.1), "accepted", "a"))
con.executemany("INSERT INTO submission(file_id, unit_code, fiscal_year_text, round_text,"
                " fiscal_year, round, submitted_on, first_row, status)"
                " VALUES(%d, ?1, '2567', ?2 || ?5, 2567, ?2, ?3, 2, ?4)" % fid, subs)
con.commit()
PY
check "29,400 schools" [ "$(sqlite3 $db "SELECT COUNT(*) FROM unit WHERE kind = 'school'")" -eq 29400 ]
tidtam aggregate -q >/dev/null 2>&1
check "aggregate counted 245 offices x 4 rounds" \
	[ "$(sqlite3 $db "SELECT COUNT(*) FROM completeness c JOIN unit u ON u.code = c.unit_code WHERE u.kind = 'office'")" -eq 980 ]

start=$(date +%s.%N)
tidtam status --json >status.json
rc=$?
end=$(date +%s.%N)
secs=$(awk -v a=$start -v b=$end 'BEGIN { printf "%.2f", b - a }')
echo "status --json, 245 offices x 4 rounds: $secs s"
check "status --json exits 0" [ $rc -eq 0 ]
check "status --json within 30 s on the national database ($secs s)" awk -v s=$secs 'BEGIN { exit !(s < 30) }'
python3 "$TOP/tests/tools/check-status.py" $db status.json >cmp.txt
check "check-status.py: 980 rounds x 8 comparisons" [ "$(grep -c '^ok' cmp.txt)" -eq 7841 ]
grep '^not' cmp.txt | head -5 | while read -r verdict what; do not_ok "$what"; done
check "rejected schools are counted" python3 -c "import json,sys; sys.exit(not sum(r['rejected'] for r in json.load(open(sys.argv[1]))['rounds']) > 500)" status.json

start=$(date +%s.%N)
tidtam status --fy 2567 --round 6 --office 1122 >one.txt
end=$(date +%s.%N)
secs=$(awk -v a=$start -v b=$end 'BEGIN { printf "%.2f", b - a }')
echo "status of one office's round: $secs s"
check "one office's round within 5 s ($secs s)" awk -v s=$secs 'BEGIN { exit !(s < 5) }'
check "  that round only" [ "$(grep -c '^2567 round 6 (deadline 2024-04-15), office 1122 ' one.txt)" -eq 1 ] && [ "$(grep -c ' round ' one.txt)" -eq 1 ]
done_testing
