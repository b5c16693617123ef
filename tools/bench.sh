#!/bin/sh
# make bench: how fast tidtam is, each figure beside a baseline measured in
# the same run (ratios, not seconds, are what compare across machines).
# Sections, chosen by the arguments (or BENCH), all three by default:
#   files     ingest a 200 MB CSV and a 50 MB XLSX, beside sha256sum
#             reading the same file;
#   office    a 30,000-school office through ingest, validate, aggregate;
#   long      one long CSV of 1 M values (tools/gen-long.py): ingest,
#             validate's checks and aggregate, CPU, beside sqlite3 .import;
#   national  N offices of ~120 schools (tools/gen-national.py): a full run
#             from empty stage by stage, a nightly run with nothing new, a
#             run after one school's value changed; beside sqlite3 .import
#             of the same values and a bare libharu program's pages
#             (build/tools/bare-pdf).  Table in build/bench/national.txt.
# Time and peak memory from GNU time.  Figures never fail the bench.
set -e
cd "$(dirname "$0")/.."
B=${BENCH_DIR:-build/bench}
CSV_MB=${BENCH_CSV_MB:-200}
XLSX_MB=${BENCH_XLSX_MB:-50}
mkdir -p "$B"

measure() { # measure NAME COMMAND...: prints "seconds peak-kB"
	name=$1; shift
	rc=0
	/usr/bin/time -f '%e %M' -o "$B/$name.time" "$@" >/dev/null 2>"$B/$name.err" || rc=$?
	# exit 1 means some input was rejected: the run itself went through
	if [ $rc -gt 1 ]; then cat "$B/$name.err" >&2; return 1; fi
	tail -n 1 "$B/$name.time"
}

files() { # a long CSV and a wide XLSX: ingest beside sha256sum
	[ -s "$B/big-$CSV_MB.csv" ] || python3 tools/gen-bench.py csv "$B/big-$CSV_MB.csv" "$CSV_MB"
	[ -s "$B/big-$XLSX_MB.xlsx" ] || python3 tools/gen-bench.py xlsx "$B/big-$XLSX_MB.xlsx" "$XLSX_MB"
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
}

office() {
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
}

# ---------------------------------------------------------------- national
# For each N of BENCH_NATIONAL_NS (default "1 5 20 MAX", MAX from
# BENCH_NATIONAL_MAX, default 245, lowered to what the disk holds): the
# input of N offices (tools/gen-national.py, kept in $B/national/gen-N and
# made again when the generator changes), then
#   import   sqlite3 .import of the same values (gen-N/values.csv, repeated
#            to a million rows or more: ratios are per value);
#   full     ingest -s 0, validate, aggregate, render from empty, each
#            measured (BENCH_NATIONAL_SPLIT=0: one `tidtam run -s 0`);
#   bare     build/tools/bare-pdf drawing as many pages as render made
#            (at least 100, at most BENCH_BARE_MAX_PAGES, default 5000),
#            the median of three runs (one second: a run alone swung from
#            0.21 to 0.28 ms a page on a shared machine);
#   nightly  `tidtam run -s 0` again, nothing new;
#   change   one value of one school's form changed, the stages again
#            (the form put back afterwards).
# PDFs and pages made are the files new or changed (inode, mtime) under
# the output folder; "remade", those under output/reports.  The table and
# the targets: tools/bench-national.py report.
NAT="$B/national"
RESULTS="$NAT/results.tsv"
NICE=${BENCH_NICE:-10}

timed() { # timed N STEP STAGE COMMAND...: run it, "%e %U %S %M" added to $NAT/times
	n=$1 step=$2 stage=$3; shift 3
	rc=0
	nice -n "$NICE" /usr/bin/time -f '%e %U %S %M' -o "$NAT/time" "$@" >"$NAT/out" 2>"$NAT/err" || rc=$?
	if [ $rc -gt 1 ]; then
		echo "bench: $step $stage at N=$n failed ($rc):" >&2
		tail -n 20 "$NAT/err" >&2
		return 1
	fi
	tail -n 1 "$NAT/time" >>"$NAT/times"
}

record() { # record N STEP STAGE: the line in $NAT/time into RESULTS, and shown
	awk -v n="$1" -v s="$2" -v st="$3" \
		'{ printf "time\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n, s, st, $1, $2, $3, $4 }' \
		"$NAT/time" >>"$RESULTS"
	awk -v s="$2" -v st="$3" \
		'{ printf "  %-8s %-10s %8.2f s wall %8.2f s CPU %7.1f MB\n", s, st, $1, $2 + $3, $4 / 1024 }' \
		"$NAT/time"
}

ntime() { # ntime N STEP STAGE COMMAND...: one line "time" into RESULTS
	: >"$NAT/times"
	timed "$@" || return 1
	tail -n 1 "$NAT/times" >"$NAT/time"
	record "$1" "$2" "$3"
}

ntime3() { # ntime3 N STEP STAGE COMMAND...: ntime of the run of median CPU of three
	: >"$NAT/times"
	timed "$@" && timed "$@" && timed "$@" || return 1
	awk '{ print $2 + $3, $0 }' "$NAT/times" | sort -n | sed -n 2p | cut -d' ' -f2- >"$NAT/time"
	record "$1" "$2" "$3"
}

count() { # count N STEP KEY VALUE
	printf 'count\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RESULTS"
}

made() { # made N STEP OLD-SNAPSHOT NEW-SNAPSHOT: counts of the files made
	n=$1 step=$2
	set -- $(python3 tools/bench-national.py made "$3" "$4" "$OUT")
	count "$n" "$step" pdfs "$1"
	count "$n" "$step" pages "$2"
	count "$n" "$step" reports "$3"
	count "$n" "$step" offices "$6"
}

stages() { # stages N STEP: the four stages, or one run
	if [ "${BENCH_NATIONAL_SPLIT:-1}" = 0 ]; then
		ntime "$1" "$2" run ./tidtam run -q -s 0 -i "$G/input" -o "$OUT" -t templates
		return
	fi
	ntime "$1" "$2" ingest ./tidtam ingest -q -s 0 -i "$G/input" -o "$OUT" -t templates
	ntime "$1" "$2" validate ./tidtam validate -q -o "$OUT" -t templates
	python3 tools/bench-national.py snap "$OUT" "$NAT/snap-v"
	ntime "$1" "$2" aggregate ./tidtam aggregate -q -o "$OUT" -t templates
	ntime "$1" "$2" render ./tidtam render -q -o "$OUT" -t templates
}

national() {
	mkdir -p "$NAT"
	: >"$RESULTS"
	max=${BENCH_NATIONAL_MAX:-245}
	schools=${BENCH_NATIONAL_SCHOOLS:-120}
	stamp="$(cksum <tools/gen-national.py | cut -d' ' -f1) $schools"
	per_office_kb=60000         # a first guess, corrected by each N measured
	done_ns=
	echo
	echo "national: offices of ~$schools schools, 30 indicators, 4 rounds"
	for n in ${BENCH_NATIONAL_NS:-1 5 20 $max}; do
		# the largest that fits: 80 % of the free space, at what an office took
		free=$(df -Pk "$B" | awk 'NR == 2 { print $4 }')
		fit=$((free * 8 / 10 / per_office_kb))
		if [ "$n" -gt "$fit" ]; then
			echo "N=$n does not fit in ${free} kB free (about $per_office_kb kB an office): N=$fit"
			n=$fit
		fi
		[ "$n" -ge 1 ] || break
		case " $done_ns " in *" $n "*) continue ;; esac
		done_ns="$done_ns $n"
		G="$NAT/gen-$n"
		OUT="$NAT/out-$n"
		if [ "$(cat "$G/stamp" 2>/dev/null)" != "$stamp" ]; then
			rm -rf "$G"
			mkdir -p "$G"
			nice -n "$NICE" python3 tools/gen-national.py "$G" "$n" "$schools"
			echo "$stamp" >"$G/stamp"
		fi
		echo "N=$n"

		# the same values, repeated to a million rows at least, so that
		# the import's time is well above the clock's 10 ms
		rows=$(($(wc -l <"$G/values.csv") - 1))
		times=$(((999999 + rows) / rows))
		{ head -n 1 "$G/values.csv"
		  i=0; while [ $i -lt $times ]; do tail -n +2 "$G/values.csv"; i=$((i + 1)); done
		} >"$NAT/import.csv"
		rm -f "$NAT/import.db"
		ntime "$n" import sqlite3 sqlite3 "$NAT/import.db" ".import --csv $NAT/import.csv value"
		count "$n" import rows "$(sqlite3 "$NAT/import.db" 'SELECT COUNT(*) FROM value')"
		rm -f "$NAT/import.db" "$NAT/import.csv"

		rm -rf "$OUT"
		: >"$NAT/snap-0"
		stages "$n" full
		python3 tools/bench-national.py snap "$OUT" "$NAT/snap-1"
		count "$n" full values "$(sqlite3 "$OUT/tidtam.db" 'SELECT COUNT(*) FROM value')"
		count "$n" full schools "$(sqlite3 "$OUT/tidtam.db" "SELECT COUNT(*) FROM unit WHERE kind = 'school'")"
		made "$n" full "$NAT/snap-0" "$NAT/snap-1"
		if [ -s "$NAT/snap-v" ] && [ "${BENCH_NATIONAL_SPLIT:-1}" != 0 ]; then
			# receipts are validate's PDFs, reports render's
			set -- $(python3 tools/bench-national.py made "$NAT/snap-0" "$NAT/snap-v" "$OUT")
			count "$n" full receipt_pdfs "$1"
			count "$n" full receipt_pages "$2"
			set -- $(python3 tools/bench-national.py made "$NAT/snap-v" "$NAT/snap-1" "$OUT")
			count "$n" full report_pdfs "$4"
			count "$n" full report_pages "$5"
		fi

		pages=$(awk -F'\t' -v n="$n" '$1 == "count" && $2 == n && $3 == "full" && $4 == "report_pages" { p = $5 }
			END { print p + 0 }' "$RESULTS")
		bare_max=${BENCH_BARE_MAX_PAGES:-5000}
		[ "$pages" -ge 100 ] || pages=100
		[ "$pages" -le "$bare_max" ] || pages=$bare_max
		ntime3 "$n" bare libharu build/tools/bare-pdf "$NAT/bare.pdf" "$pages"
		count "$n" bare pages "$pages"
		rm -f "$NAT/bare.pdf"

		ntime "$n" nightly run ./tidtam run -q -s 0 -i "$G/input" -o "$OUT" -t templates
		python3 tools/bench-national.py snap "$OUT" "$NAT/snap-2"
		made "$n" nightly "$NAT/snap-1" "$NAT/snap-2"

		form=$(find "$G/input/submissions" -path '*/12m/forms/*.xml' | LC_ALL=C sort | head -n 1)
		office=${form#"$G/input/submissions/"}
		office=${office%%/*}
		cp -p "$form" "$NAT/form.orig"
		count "$n" change edited "$(python3 tools/bench-national.py edit "$form")"
		count "$n" change office "$office"
		: >"$NAT/snap-v"
		stages "$n" change
		python3 tools/bench-national.py snap "$OUT" "$NAT/snap-3"
		made "$n" change "$NAT/snap-2" "$NAT/snap-3"
		cp -p "$NAT/form.orig" "$form"

		# what an office takes on disk, input and output, for the next N
		used=$(du -sk "$G" "$OUT" | awk '{ s += $1 } END { print s }')
		per_office_kb=$((used / n + 1))
		[ -n "${BENCH_NATIONAL_KEEP:-}" ] || rm -rf "$OUT"
	done
	echo
	python3 tools/bench-national.py report "$RESULTS" "$B/national.txt"
}

# ---------------------------------------------------------------- long
# One office's year as one long CSV (tools/gen-long.py: BENCH_LONG_SCHOOLS
# schools, default 8,334 = 1,000,080 values): ingest, validate's checks and
# aggregate, each beside `sqlite3 DB ".import --csv FILE value"` of the same
# file run just before it, three times; CPU seconds (user + system), the
# median, and its ratio to the import's median.  Validate's checks without
# its receipts: it is stopped (TIDTAM_CRASH_AT=receipts:1, SIGKILL) just
# before the receipts' first commit, after the checks' own.
cpu() { # cpu COMMAND...: CPU seconds of the command
	rc=0
	/usr/bin/time -f '%U %S' -o "$B/long.time" "$@" >/dev/null 2>"$B/long.err" || rc=$?
	if [ $rc -gt 1 ] && [ $rc -ne 137 ]; then cat "$B/long.err" >&2; return 1; fi
	tail -n 1 "$B/long.time" | awk '{ printf "%.2f\n", $1 + $2 }'
}

median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

long() {
	SCHOOLS=${BENCH_LONG_SCHOOLS:-8334}
	L="$B/long-$SCHOOLS"
	[ -d "$L" ] || python3 tools/gen-long.py "$L" "$SCHOOLS"
	csv="$L/input/submissions/1001/2567/long-all.csv"
	echo
	echo "one long CSV, $SCHOOLS schools   CPU s (median of 3)  import s   x import"
	imp='' ing='' val='' agg='' ii='' iv='' ia=''
	for i in 1 2 3; do
		rm -rf "$B/long-out" "$B/long-import.db"
		ii="$ii $(cpu sqlite3 "$B/long-import.db" ".import --csv $csv value")"
		rm -f "$B/long-import.db"
		ing="$ing $(cpu ./tidtam ingest -q -s 0 -i "$L/input" -o "$B/long-out" -t templates)"
		iv="$iv $(cpu sqlite3 "$B/long-import.db" ".import --csv $csv value")"
		rm -f "$B/long-import.db"
		val="$val $(cpu env TIDTAM_CRASH_AT=receipts:1 ./tidtam validate -q -j 1 -o "$B/long-out")"
		ia="$ia $(cpu sqlite3 "$B/long-import.db" ".import --csv $csv value")"
		rm -f "$B/long-import.db"
		agg="$agg $(cpu ./tidtam aggregate -q -o "$B/long-out")"
	done
	for stage in ing val agg; do
		eval "s=\$(median3 \$$stage)"
		case $stage in ing) b=$(median3 $ii) name=ingest ;; val) b=$(median3 $iv) name="validate (checks)" ;;
		agg) b=$(median3 $ia) name=aggregate ;; esac
		awk -v n="$name" -v s="$s" -v b="$b" \
		    'BEGIN { printf "%-30s %10.2f %20.2f %10.2f\n", n, s, b, s / (b > 0 ? b : 0.01) }'
	done
	echo "values: $(sqlite3 "$B/long-out/tidtam.db" "SELECT COUNT(*) FROM value");" \
	     "accepted: $(sqlite3 "$B/long-out/tidtam.db" "SELECT COUNT(*) FROM submission WHERE status = 'accepted'");" \
	     "results: $(sqlite3 "$B/long-out/tidtam.db" "SELECT COUNT(*) FROM result")"
}

sections=${*:-${BENCH:-files office long national}}
for section in $sections; do
	case $section in
	files|office|long|national) $section ;;
	*) echo "bench: no section '$section' (files, office, long, national)" >&2; exit 2 ;;
	esac
done
