#!/bin/sh
# make bench: ingest a 200 MB CSV and a 50 MB XLSX, and run a 30,000-school
# office through ingest, validate and aggregate; report time and peak
# memory (GNU time), beside a baseline in the same run: sha256sum reading
# the same file.  Ratios, not seconds, are what compare across machines.
set -e
cd "$(dirname "$0")/.."
B=${BENCH_DIR:-build/bench}
CSV_MB=${BENCH_CSV_MB:-200}
XLSX_MB=${BENCH_XLSX_MB:-50}
mkdir -p "$B"
[ -s "$B/big-$CSV_MB.csv" ] || python3 tools/gen-bench.py csv "$B/big-$CSV_MB.csv" "$CSV_MB"
[ -s "$B/big-$XLSX_MB.xlsx" ] || python3 tools/gen-bench.py xlsx "$B/big-$XLSX_MB.xlsx" "$XLSX_MB"

measure() { # measure NAME COMMAND...: prints "seconds peak-kB"
	name=$1; shift
	rc=0
	/usr/bin/time -f '%e %M' -o "$B/$name.time" "$@" >/dev/null 2>"$B/$name.err" || rc=$?
	# exit 1 means some input was rejected: the run itself went through
	if [ $rc -gt 1 ]; then cat "$B/$name.err" >&2; return 1; fi
	tail -n 1 "$B/$name.time"
}

echo "file                    size MB  values   ingest s  peak RSS MB  MB/s   x sha256sum"
for f in "$B/big-$CSV_MB.csv" "$B/big-$XLSX_MB.xlsx"; do
	rm -rf "$B/in" "$B/out"
	mkdir -p "$B/in"
	cp "$f" "$B/in/"
	set -- $(measure base sha256sum "$f")
	base=$1
	set -- $(measure ingest ./tidtam ingest -s 0 -i "$B/in" -o "$B/out" -t templates)
	secs=$1 kb=$2
	values=$(sqlite3 "$B/out/tidtam.db" "SELECT COUNT(*) FROM value")
	mb=$(du -m "$f" | cut -f1)
	awk -v f="$(basename "$f")" -v mb="$mb" -v n="$values" -v s="$secs" -v kb="$kb" -v b="$base" \
	    'BEGIN { printf "%-22s %7d %8d %10.1f %12.1f %6.1f %12.1f\n", f, mb, n, s, kb / 1024,
		     mb / (s > 0 ? s : 0.01), s / (b > 0 ? b : 0.01) }'
done

# A whole office of schools x 30 indicators x 4 rounds: ingest, validate
# (rules, checks across rounds, outliers, receipts) and aggregate.
SCHOOLS=${BENCH_SCHOOLS:-30000}
O="$B/office-$SCHOOLS"
[ -d "$O" ] || python3 tools/gen-bench.py office "$O" "$SCHOOLS"
rm -rf "$B/office-out"
echo
echo "office of $SCHOOLS schools    seconds  peak RSS MB  s per million values"
for stage in ingest validate aggregate; do
	if [ $stage = ingest ]; then
		set -- $(measure $stage ./tidtam ingest -s 0 -i "$O" -o "$B/office-out" -t templates)
	else
		set -- $(measure $stage ./tidtam $stage -o "$B/office-out")
	fi
	values=$(sqlite3 "$B/office-out/tidtam.db" "SELECT COUNT(*) FROM value")
	awk -v st=$stage -v s="$1" -v kb="$2" -v n="$values" \
	    'BEGIN { printf "%-28s %8.1f %12.1f %20.2f\n", st, s, kb / 1024, s / (n / 1e6) }'
done
echo "values: $values; issues: $(sqlite3 "$B/office-out/tidtam.db" \
	"SELECT group_concat(code || ' ' || n, ', ') FROM (SELECT code, COUNT(*) n FROM issue GROUP BY code)")"
