#!/bin/sh
# tidtam status on the second office (6-digit codes, no networks, two
# fiscal years, rounds 6 and 12 only): per year and round the counts of
# `status --json` equal what tests/tools/expect-office2.py counts from the
# input files, the completeness table and the validation report; the
# schools missing and rejected are those the input files leave missing or
# only rejected.  A school missing at 2568's 12-month round sends a file
# that is rejected: it is listed as rejected, no longer missing.
. "$(dirname "$0")/lib.sh"
office2_run
db=output/tidtam.db
python3 "$TOP/tests/tools/expect-office2.py" input >before.txt
# a school none of the input files speaks for at 2568, 12 months
school=$(awk -F'\t' '$1 == "school" { s[$2] = 1 }
	($1 == "accept" || $1 == "reject") && $4 == 2568 && $5 == 12 { sent[$3] = 1 }
	END { for (c in s) if (!(c in sent)) print c }' before.txt | sort | head -1)
check "the input leaves a school missing at 2568, 12 months" [ -n "$school" ]
printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,M101,2568,12,abc,2025-10-01\n' \
	"$school" >input/submissions/2568/status-late.csv
tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
python3 "$TOP/tests/tools/expect-office2.py" input >expected.txt
check "expect-office2.py rejects the planted file" \
	grep -q "^reject	submissions/2568/status-late.csv	$school	2568	12	E-TYPE" expected.txt

tidtam status --json >status.json
check "status --json exits 0" [ $? -eq 0 ]
# from the input files: counts per round, and who is missing or only rejected
python3 - expected.txt status.json >cmp.txt <<'PY'
import json, sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
schools = {l[1]: l[2] for l in lines if l[0] == "school"}
status = json.load(open(sys.argv[2], encoding="utf-8"))
office = status["rounds"][0]["office"] if status["rounds"] else "?"
def say(ok, what):
    print(("ok " if ok else "not ") + what)
complete = [l for l in lines if l[0] == "complete"]
say(len(status["rounds"]) == len(complete) == 4,
    "rounds: json %d, input %d" % (len(status["rounds"]), len(complete)))
for l in complete:
    fy, rnd = int(l[1]), int(l[2])
    exp, rec, on, late, acc = (int(x) for x in l[3:8])
    got = [r for r in status["rounds"] if r["fiscal_year"] == fy and r["round"] == rnd]
    if not got:
        say(False, "%d %dm not in the json" % (fy, rnd))
        continue
    r = got[0]
    keys = ["expected", "received", "on_time", "late", "missing", "accepted"]
    want = [exp, rec, on, late, exp - rec, acc]
    say([r[k] for k in keys] == want, "%d %dm %s: json %s, input %s" % (fy, rnd, "|".join(keys), [r[k] for k in keys], want))
    owing = set(schools) | ({office} if exp == len(schools) + 1 else set())
    sent = {l[2] for l in lines if l[0] in ("accept", "reject") and l[3:5] == [str(fy), str(rnd)]}
    acc_units = {l[2] for l in lines if l[0] == "accept" and l[3:5] == [str(fy), str(rnd)]}
    missing = sorted(owing - sent)
    rejected = sorted((sent & owing) - acc_units)
    gm = [u["code"] for u in r["missing_units"]]
    gr = [u["code"] for u in r["rejected_units"]]
    say(gm == sorted(gm, key=lambda c: (c != office, c)) and sorted(gm) == missing,
        "%d %dm missing: json %s, input %s" % (fy, rnd, gm, missing))
    say(sorted(gr) == rejected, "%d %dm rejected: json %s, input %s" % (fy, rnd, gr, rejected))
    say(r["rejected"] == len(rejected), "%d %dm rejected count %d" % (fy, rnd, r["rejected"]))
    say(all(u["name"] == schools.get(u["code"], u["name"]) for u in r["missing_units"] + r["rejected_units"]),
        "%d %dm names as the unit list writes them" % (fy, rnd))
PY
check "compared 4 rounds x 6" [ "$(grep -c '^ok' cmp.txt)" -eq 21 ]
while read -r verdict what; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$what"; fi
done <cmp.txt
python3 "$TOP/tests/tools/check-status.py" $db status.json output/reports >cmp2.txt
check "check-status.py: 4 rounds, 37 comparisons" [ "$(grep -c '^ok' cmp2.txt)" -eq 37 ]
while read -r verdict what; do
	if [ "$verdict" = ok ]; then ok; else not_ok "$what"; fi
done <cmp2.txt

# the terminal
tidtam status --fy 2568 --round 12 >term.txt
check "status exits 0" [ $? -eq 0 ]
name=$(awk -F'\t' -v c="$school" '$1 == "school" && $2 == c { print $3 }' expected.txt)
check "the rejected school with its name: $school $name" \
	grep -q "^    $school *$name (sent 2025-10-01)\$" term.txt
check "under 'rejected (1):'" sh -c "grep -A1 '^  rejected (1):' term.txt | grep -q '$school'"
for code in $(python3 -c "import json,sys; [print(u['code']) for r in json.load(open(sys.argv[1]))['rounds'] if (r['fiscal_year'], r['round']) == (2568, 12) for u in r['missing_units']]" status.json); do
	n=$(awk -F'\t' -v c="$code" '$1 == "school" && $2 == c { print $3 }' expected.txt)
	check "missing school $code listed with its name" grep -q "^    $code *$n\$" term.txt
done
check "no other round shown" [ "$(grep -c '^25[0-9][0-9] round' term.txt)" -eq 1 ]
done_testing
