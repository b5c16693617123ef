#!/bin/sh
# tidtam status on both test offices: --fy, --round and --office keep
# exactly the matching rounds of the full listing; a filter matching
# nothing is exit 1, a bad value exit 2; JSON is the same run after run;
# the database is only read (unchanged bytes, never created: no database
# is exit 3 saying nothing has run yet); a database with no framework yet
# shows nothing and exits 0; networks are never listed as units.
. "$(dirname "$0")/lib.sh"
office2_run
db=output/tidtam.db

subset() { # subset FULL.json PART.json PYTHON-CONDITION-ON-r
	python3 - "$1" "$2" "$3" <<'PY'
import json, sys
full = json.load(open(sys.argv[1]))["rounds"]
part = json.load(open(sys.argv[2]))["rounds"]
want = [r for r in full if eval(sys.argv[3])]
sys.exit(not (want and part == want))
PY
}
# the database's bytes, and nothing written to its write-ahead log (a
# reader of a WAL database may leave SQLite's empty -wal and -shm files)
sums() { sha256sum output/tidtam.db; [ ! -s output/tidtam.db-wal ] || echo "wal written"; }
before=$(sums)
tidtam status --json >all.json
check "office2: all rounds: 2 years x 2 rounds" \
	[ "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['rounds']))" all.json)" -eq 4 ]
tidtam status --json >again.json
check "office2: the same JSON twice" cmp -s all.json again.json
tidtam status --json --fy 2568 >part.json
check "office2: --fy 2568" subset all.json part.json 'r["fiscal_year"] == 2568'
tidtam status --json --round 12m >part.json
check "office2: --round 12m" subset all.json part.json 'r["round"] == 12'
tidtam status --json --fy 2567 --round 6 --office SPM35 >part.json
check "office2: --fy 2567 --round 6 --office SPM35" subset all.json part.json \
	'(r["fiscal_year"], r["round"], r["office"]) == (2567, 6, "SPM35")'
tidtam status --fy 2568 >part.txt
check "office2: the terminal, --fy 2568: two rounds" [ "$(grep -c '^2568 round' part.txt)" -eq 2 ] && ! grep -q '^2567' part.txt
tidtam status --round 3 >out.txt 2>err.txt
check "office2: --round 3 (no framework has it): exit 1" [ $? -eq 1 ]
check "  saying no round matches" grep -q "no round matches" err.txt
tidtam status --office NOPE >out.txt 2>err.txt
check "office2: an unknown office: exit 1" [ $? -eq 1 ]
tidtam status --fy 2590 --json >out.txt 2>err.txt
check "office2: a year without framework: exit 1" [ $? -eq 1 ]
tidtam status --round 7 >out.txt 2>err.txt
check "office2: --round 7: usage, exit 2" [ $? -eq 2 ] && grep -q "round is 3, 6, 9 or 12, not '7'" err.txt
tidtam-status --fy 2567 --round 6 >standalone.txt
tidtam status --fy 2567 --round 6 >driver.txt
check "tidtam-status is the same program" cmp -s standalone.txt driver.txt
check "office2: the database was only read" [ "$(sums)" = "$before" ]
check "office2: the office itself owes and is counted among the units" python3 - all.json <<'PY'
import json, sys
sys.exit(not all(r["expected"] == 41 for r in json.load(open(sys.argv[1]))["rounds"]))
PY

# no database: exit 3, nothing created
tidtam status -o "$WORK/nowhere" >out.txt 2>err.txt
check "no database: exit 3" [ $? -eq 3 ]
check "  saying nothing has run yet" grep -q "no database '$WORK/nowhere/tidtam.db': nothing has run yet" err.txt
check "  and creating nothing" [ ! -e "$WORK/nowhere" ]
# a database with no framework yet
mkdir -p "$WORK/empty/input/units" && cd "$WORK/empty" || exit 3
tidtam ingest -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
tidtam status >out.txt 2>err.txt
check "no framework yet: exit 0" [ $? -eq 0 ]
check "  saying there is nothing to show" grep -q "nothing to show yet: no fiscal year has a framework" out.txt
tidtam status --json >out.json
check "  --json: no rounds" python3 -c "import json,sys; sys.exit(json.load(open(sys.argv[1]))['rounds'] != [])" out.json

# the demo: networks, four rounds
mkdir "$WORK/demo" && cd "$WORK/demo" || exit 3
cp -r "$TOP/input" input
for stage in ingest validate aggregate; do
	tidtam $stage -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
done
before=$(sums)
tidtam status --json >all.json
check "demo: 4 rounds of 2567" [ "$(python3 -c "import json,sys; print([r['round'] for r in json.load(open(sys.argv[1]))['rounds']])" all.json)" = "[3, 6, 9, 12]" ]
tidtam status --json --office 3101 --round 9 >part.json
check "demo: --office 3101 --round 9" subset all.json part.json '(r["office"], r["round"]) == ("3101", 9)'
tidtam status --json --fy 2567 >part.json
check "demo: --fy 2567 is all of it" cmp -s all.json part.json
networks=$(sqlite3 output/tidtam.db "SELECT code FROM unit WHERE kind = 'network'")
check "demo: no network listed as a unit" python3 - all.json $networks <<'PY'
import json, sys
codes = {u["code"] for r in json.load(open(sys.argv[1]))["rounds"]
         for k in ("missing_units", "rejected_units", "held_units") for u in r[k]}
sys.exit(bool(codes & set(sys.argv[2:])) or len(sys.argv) < 4)
PY
tidtam status --round 9 >term.txt
check "demo: the terminal, --round 9: one round" [ "$(grep -c '^2567 round 9 (deadline 2024-07-15), office 3101 ' term.txt)" -eq 1 ]
check "demo: the database was only read" [ "$(sums)" = "$before" ]
done_testing
