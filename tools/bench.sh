#!/bin/sh
# make bench: ingest a 200 MB CSV and a 50 MB XLSX and report time and peak
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
	/usr/bin/time -f '%e %M' -o "$B/$name.time" "$@" >/dev/null 2>"$B/$name.err" || {
		cat "$B/$name.err" >&2; return 1; }
	cat "$B/$name.time"
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
