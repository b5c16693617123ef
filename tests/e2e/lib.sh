# Shared helpers of the end-to-end tests: a fresh copy of the demo input in
# a temporary folder, and check/summary functions.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
PATH="${TIDTAM_TEST_PATH:+$TIDTAM_TEST_PATH:}$TOP:$PATH"
# the test tools (tests/tools/*.c) of the build being tested: make test's
# build/tests, make sanitize's build-asan/tests
TOOLS=${TIDTAM_TEST_TOOLS:-$TOP/build/tests}
# sanitized: the programs are built with AddressSanitizer (make sanitize);
# unmeasured: they take memory of their own, that build's or valgrind's
# (make valgrind), so a peak measured is not the program's and none is
# checked
sanitized=
grep -qa __asan_init "$TOP/tidtam-ingest" 2>/dev/null && sanitized=1
unmeasured=$sanitized$TIDTAM_VALGRIND
WORK=$(mktemp -d)
trap '[ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "not ok: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
	desc=$1; shift
	if "$@"; then ok; else not_ok "$desc"; fi
}
done_testing() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}
# part_pdf PATH [DB]: the PDF binding the receipt of input file PATH (its
# newest version); part_page PATH [DB]: its first page there; part_pages
# PATH [DB]: how many pages it has (up to the next part or the end);
# part_text PATH [DB]: those pages as pdftotext gives them.
part_pdf() {
	sqlite3 "${2:-output/tidtam.db}" "SELECT '$(dirname "${2:-output/tidtam.db}")/' || receipt_pdf
		FROM file WHERE path = '$1' ORDER BY id DESC LIMIT 1"
}
part_page() {
	sqlite3 "${2:-output/tidtam.db}" "SELECT receipt_page FROM file WHERE path = '$1'
		ORDER BY id DESC LIMIT 1"
}
part_pages() {
	_pdf=$(part_pdf "$1" "$2")
	_first=$(part_page "$1" "$2")
	_next=$(sqlite3 "${2:-output/tidtam.db}" "SELECT MIN(receipt_page) FROM file
		WHERE receipt_pdf = '${_pdf#$(dirname "${2:-output/tidtam.db}")/}' AND receipt_page > $_first")
	[ -n "$_next" ] || _next=$(( $(pdfinfo "$_pdf" | awk '/^Pages:/ { print $2 }') + 1 ))
	echo $(( _next - _first ))
}
part_text() {
	_first=$(part_page "$1" "$2")
	pdftotext -f "$_first" -l $(( _first + $(part_pages "$1" "$2") - 1 )) \
		"$(part_pdf "$1" "$2")" -
}
demo_copy() { cp -r "$TOP/input" "$WORK/input"; }
# thai_digits TEXT...: TEXT with Thai digits, as receipts print numbers
thai_digits() { echo "$*" | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/'; }
# run_once INPUT [DIR]: INPUT copied into DIR (default $WORK) and run once
# through `tidtam run` with the shipped templates; leaves the current folder
# at DIR, the run's stderr in DIR/err.txt and its exit status in $run_rc.
# When tests/run.sh gives a cache folder (TIDTAM_TEST_CACHE), the run of an
# input (at a SOURCE_DATE_EPOCH) is made once for all the tests and its
# input/ and output/ copied from there.
run_once() {
	d=${2:-$WORK}
	mkdir -p "$d" || exit 3
	if [ -z "$TIDTAM_TEST_CACHE" ]; then
		cp -r "$1" "$d/input" && cd "$d" || exit 3
		tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
		run_rc=$?
		return
	fi
	c="$TIDTAM_TEST_CACHE/$(echo "$1 ${SOURCE_DATE_EPOCH:-now}" | md5sum | cut -c 1-16)"
	(
		flock 9 || exit 3
		[ -e "$c/rc" ] && exit 0
		rm -rf "$c.new" && mkdir "$c.new" && cp -r "$1" "$c.new/input" &&
			cd "$c.new" || exit 3
		tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
		echo $? >rc
		cd .. && mv "$c.new" "$c"
	) 9>"$c.lock" || exit 3
	cp -rp "$c/input" "$c/output" "$c/err.txt" "$d/" && cd "$d" || exit 3
	run_rc=$(cat "$c/rc")
}
# tree_make ARGS...: make in the source tree, one at a time among the tests
# run together (a `make install` with another PREFIX rebuilds the tree's
# objects, which two makes must not write at once).
tree_make() {
	if [ -n "$TIDTAM_TEST_CACHE" ]; then
		flock "$TIDTAM_TEST_CACHE/make.lock" make -C "$TOP" "$@"
	else
		make -C "$TOP" "$@"
	fi
}
# demo_run: the demo input run once (run_once); it exits 1, since some of
# its files are wrong on purpose.
demo_run() {
	run_once "$TOP/input"
	check "demo run exits 1 (some files are wrong on purpose), not $run_rc: $(head -c 300 err.txt)" [ "$run_rc" -eq 1 ]
}
# office2_run: the second test office (tests/data/office2) run once
# (run_once); it exits 1, since some of its files are wrong on purpose.
office2_run() {
	run_once "$TOP/tests/data/office2/input"
	check "office2 run exits 1 (some files are wrong on purpose), not $run_rc: $(head -c 300 err.txt)" [ "$run_rc" -eq 1 ]
}
# office2_complete_2568_6m: in an office2 run folder, office2's 2568 6-month
# round made complete: the one unit missing from it (checked: exactly one,
# from the tables) sends an accepted file, input/submissions/2568/complete.csv.
office2_complete_2568_6m() {
	school=$(sqlite3 output/tidtam.db "SELECT u.code FROM unit u WHERE u.kind IN
		('school', 'office') AND NOT EXISTS (SELECT 1 FROM submission s WHERE
		s.unit_code = u.code AND s.fiscal_year = 2568 AND s.round = 6)")
	check "office2 2568 6m: one school missing" [ "$(echo "$school" | grep -c .)" -eq 1 ]
	printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,M101,2568,6,120,2025-04-01\n' \
		"$school" >input/submissions/2568/complete.csv
}
# db_dump DB: every user table of a tidtam database, a sorted line per row,
# without the columns that say when a run happened (file.ingested_at,
# approval.at) or what the input files' copies are on this disk
# (file_stat's times and inode, the index pages' and their folders' in
# index_page and index_folder, and the receipts' folders' in
# receipt_folder: STAT_COLUMNS), so that two runs' databases
# can be compared.
STAT_COLUMNS="'mtime_ns', 'ctime_ns', 'ino', 'seen_ns'"
db_dump() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		cols=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ',')
			FROM pragma_table_info('$t') WHERE NOT ('$t' = 'file' AND name = 'ingested_at')
			AND NOT ('$t' = 'approval' AND name = 'at')
			AND NOT ('$t' IN ('file_stat', 'index_page', 'index_folder', 'receipt_folder') AND name IN ($STAT_COLUMNS))")
		sqlite3 "$1" "SELECT '$t', $cols FROM \"$t\"" | LC_ALL=C sort
	done
}
# out_digests DIR: the SHA-256 of every report, receipt and form under an
# output folder (not the database, the lock or the logs).
out_digests() {
	(cd "$1" && find . -type f ! -name 'tidtam.db*' ! -name tidtam.lock ! -path './log/*' |
		LC_ALL=C sort | xargs -d '\n' sha256sum)
}
# run_beside_single NAME INPUT-FOLDER: a run of a copy of the input alone
# in NAME-single/, then in NAME-under-way/ (left the current folder) a run
# of another copy started in the background, $a its pid, once it holds the
# lock; its stdout and stderr in a.out and a.err.
run_beside_single() {
	mkdir "$1-single" "$1-under-way"
	here=$(pwd)
	run_once "$2" "$here/$1-single"
	cp -rp "$2" "$here/$1-under-way/input"
	cd "$here/$1-under-way" || exit 3
	tidtam run -q -s 0 -t "$TOP/templates" >a.out 2>a.err &
	a=$!
	check "$1: the run under way writes its pid into the lock file" wait_holder output
}
# check_as_single NAME: after a second run, the current folder's output/
# holds two logs and an empty lock file, and its database and every report
# and receipt are those of the run alone in ../NAME-single.
check_as_single() {
	check "$1: two logs, one per run that went" [ "$(ls output/log | wc -l)" -eq 2 ]
	check "$1: the lock file is left empty" [ ! -s output/tidtam.lock ]
	db_dump output/tidtam.db >this.dump
	db_dump "../$1-single/output/tidtam.db" >single.dump
	check "$1: the database has rows" [ "$(wc -l <single.dump)" -gt 1000 ]
	check "$1: the database equals a single run's" cmp -s this.dump single.dump
	out_digests output >this.sha
	out_digests "../$1-single/output" >single.sha
	check "$1: reports and receipts made" [ "$(grep -c '\.pdf$' single.sha)" -gt 50 ]
	check "$1: every report and receipt equals a single run's" cmp -s this.sha single.sha
}
# wait_holder DIR: wait (up to 60 s) until DIR/tidtam.lock names the run
# that holds it.
wait_holder() {
	n=0
	while ! grep -q '^pid: ' "$1/tidtam.lock" 2>/dev/null; do
		n=$((n + 1))
		[ $n -le 600 ] || return 1
		sleep 0.1
	done
}
# report_numbers CHECK: tests/tools/report-numbers.py CHECK on the run in the
# current folder, each of its "ok"/"not ok" lines a check.
report_numbers() {
	python3 "$TOP/tests/tools/report-numbers.py" "$1" . >numbers.txt 2>&1
	check "report-numbers.py $1 ran: $(tail -n 3 numbers.txt)" grep -q '^ok ' numbers.txt
	while IFS= read -r line; do
		case $line in
		"ok "*) ok ;;
		*) not_ok "$line" ;;
		esac
	done <numbers.txt
}
# both_offices CHECK: report_numbers CHECK on a run of the demo and of office2.
both_offices() {
	for office in demo office2; do
		if [ $office = demo ]; then run_once "$TOP/input" "$WORK/demo"
		else run_once "$TOP/tests/data/office2/input" "$WORK/office2"; fi
		check "$office run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
		report_numbers "$1"
	done
}
# national_results EXPECT TEXT: the number of NAT lines of EXPECT
# (tests/tools/national-expect.py) not found in TEXT (pdftotext -layout of
# a national report): the indicator's row holds the nation's value, then
# how many offices achieved; each one missing said on stderr.
national_results() {
	nr_bad=0
	while read -r tag code value achieved; do
		[ "$tag" = NAT ] || continue
		line=$(grep -E "^ *$code " "$2" | head -n 1)
		case " $line " in
		*" $value "*" $achieved "*) ;;
		*) nr_bad=$((nr_bad + 1)); echo "$code: want $value and $achieved in: $line" >&2 ;;
		esac
	done <"$1"
	echo $nr_bad
}
# national_exports EXPECT TEXT DB OFFICES: the number of offices (codes,
# comma-separated) whose row of the exports table in TEXT (the table after
# its last caption) does not say, round by round, the SENT words of EXPECT;
# the offices' names from DB, in Thai digits.
national_exports() {
	start=$(grep -n 'การส่งผลการดำเนินงานของสำนักงานเขตพื้นที่การศึกษารายรอบ' "$2" | tail -n 1 | cut -d: -f1)
	tail -n +"${start:-1}" "$2" >exports.txt
	nr_bad=0
	for o in $(echo "$4" | tr , ' '); do
		oname=$(sqlite3 "$3" "SELECT name FROM unit WHERE code = '$o'" | sed 'y/0123456789/๐๑๒๓๔๕๖๗๘๙/')
		want=$(awk -v o="$o" '$1 == "SENT" && $2 == o { print $4 }' "$1" | paste -sd' ')
		got=$(grep -F "$oname" exports.txt | head -n 1 | grep -oE 'ตรงเวลา|ล่าช้า|ไม่ส่ง|ไม่ผ่านการตรวจ' | paste -sd' ')
		[ "$want" = "$got" ] || { nr_bad=$((nr_bad + 1)); echo "$o: want '$want', got '$got'" >&2; }
	done
	echo $nr_bad
}
