# Helpers of the tests of the readers' size limits (t0140-t0149), sourced
# after lib.sh: hostile files made on the spot by tests/tools/hostile.py, an
# office's input with them dropped in, tidtam-ingest's peak memory measured
# with GNU time, and the files beside them compared with a run without them.
HOSTILE="$TOP/tests/tools/hostile.py"

# peak_under OFFICE DESC FACTOR: check that $peak_kb is under FACTOR times
# the peak of tidtam-ingest on OFFICE's input alone (baseline), measured in
# the same run on the same machine (not when $unmeasured, lib.sh).
peak_under() {
	[ -z "$unmeasured" ] || return 0
	baseline "$1"
	base_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$base/time.txt")
	echo "$1 $2: peak memory $peak_kb kB; ${base_kb:-?} kB without the hostile files"
	check "$1 $2: peak memory $peak_kb kB, under $3 times ${base_kb:-?} kB" \
		awk -v p="$peak_kb" -v b="${base_kb:-0}" -v f="$3" 'BEGIN { exit !(b > 0 && p < f * b) }'
}

# office_input OFFICE DIR: a copy of the demo's or office2's input in DIR/input.
office_input() {
	mkdir -p "$2" || exit 3
	case $1 in
	demo) cp -r "$TOP/input" "$2/input" ;;
	office2) cp -r "$TOP/tests/data/office2/input" "$2/input" ;;
	*) echo "office_input: no office '$1'" >&2; exit 3 ;;
	esac
}

# ingest_peak DIR: tidtam-ingest on DIR/input under GNU time (-v); sets
# $ingest_rc and $peak_kb (its maximum resident set size), leaves its
# stderr in DIR/err.txt.
ingest_peak() {
	(cd "$1" && /usr/bin/time -v -o time.txt tidtam-ingest -q -s 0 -t "$TOP/templates" \
		>out.txt 2>err.txt; echo $? >rc.txt)
	ingest_rc=$(cat "$1/rc.txt")
	peak_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1/time.txt")
	[ -n "$peak_kb" ] || peak_kb=999999999
}

# hostile_ingest OFFICE DIR SRC=DEST...: OFFICE's input copied to DIR/input
# (office_input), each file SRC dropped in as input/DEST, and tidtam-ingest
# run over it (ingest_peak), which must exit 1: the hostile files refused.
hostile_ingest() {
	o=$1 d=$2
	shift 2
	office_input "$o" "$d"
	for f in "$@"; do
		mkdir -p "$d/input/$(dirname "${f#*=}")" && cp "${f%%=*}" "$d/input/${f#*=}" || exit 3
	done
	ingest_peak "$d"
	check "$o: ingest exits 1 (files refused), not $ingest_rc" [ "$ingest_rc" -eq 1 ]
}

# as_without OFFICE DIR FACTOR GLOB...: every file in DIR but those matching
# a GLOB went in as it does without them (same_as_base), and ingest took
# under FACTOR times the memory it takes without them (peak_under).
as_without() {
	o=$1 d=$2 factor=$3
	shift 3
	check "$o: every other file went in as it does without them" same_as_base "$o" "$d" "$@"
	peak_under "$o" "" "$factor"
}

# baseline OFFICE: $base, a folder where the office's input alone went
# through tidtam-ingest (made once for the tests run together, under the
# runner's cache folder, else in $WORK).
baseline() {
	if [ -z "$TIDTAM_TEST_CACHE" ]; then
		base=$WORK/base-$1
		[ -e "$base/rc.txt" ] || { office_input "$1" "$base" && ingest_peak "$base"; }
		return
	fi
	base=$TIDTAM_TEST_CACHE/bounds-base-$1
	(
		flock 9 || exit 3
		[ -e "$base/rc.txt" ] && exit 0
		rm -rf "$base.new" && office_input "$1" "$base.new" && ingest_peak "$base.new" &&
			mv "$base.new" "$base"
	) 9>"$base.lock" || exit 3
}

# file_rows DIR GLOB...: each file in DIR's database whose path matches no
# GLOB, with its status, kind, and the values and units stored from it.
# (The baseline's database is read by the tests run beside this one: the
# first to open it since it was made recovers its WAL index under a lock
# the others wait for, not fail on.)
file_rows() {
	db=$1/output/tidtam.db
	shift
	not="0"
	for g in "$@"; do
		not="$not OR f.path GLOB '$g'"
	done
	sqlite3 -cmd '.timeout 10000' "$db" "SELECT f.path, f.status, f.kind,
		(SELECT COUNT(*) FROM value v JOIN submission s ON s.id = v.submission_id
		 WHERE s.file_id = f.id), (SELECT COUNT(*) FROM unit u WHERE u.file_id = f.id)
		FROM file f WHERE NOT ($not) ORDER BY f.path"
}

# same_as_base OFFICE DIR GLOB...: every file but those matching a GLOB
# went in as it does without the hostile ones (baseline OFFICE), and there
# were some.
same_as_base() {
	o=$1 d=$2
	shift 2
	baseline "$o"
	file_rows "$base" "$@" >"$d/base-files.txt"
	file_rows "$d" "$@" >"$d/files.txt"
	[ "$(wc -l <"$d/files.txt")" -gt 3 ] && cmp -s "$d/base-files.txt" "$d/files.txt"
}

# issue_of DIR PATH: the code and English message of the file's issue.
issue_of() {
	sqlite3 "$1/output/tidtam.db" "SELECT i.code || ' ' || i.message_en FROM issue i
		JOIN file f ON f.id = i.file_id WHERE f.path = '$2' AND f.status = 'failed'"
}

# said_th DIR PATH WORDS: the Thai message of the file's issue has WORDS.
said_th() {
	sqlite3 "$1/output/tidtam.db" "SELECT i.message_th FROM issue i JOIN file f
		ON f.id = i.file_id WHERE f.path = '$2' AND f.status = 'failed'" | grep -qF "$3"
}

# check_receipt LABEL DIR PATH CODE THAI ENGLISH: after validate, the receipt
# of the refused file PATH (from file.receipt) says CODE and that the file is
# refused, gives THAI as the cause and never that a header row is missing;
# its JSON has the error of type CODE, its message starting with ENGLISH and
# its Thai holding THAI.
check_receipt() {
	r=$2/$(sqlite3 "$2/output/tidtam.db" "SELECT 'output/' || receipt FROM file WHERE path = '$3'")
	check "$1: $3 has a receipt" [ -s "$r" ]
	check "$1: its receipt says $4 and the file refused" \
		sh -c "grep -q '$4' '$r' && grep -q 'ไม่รับไฟล์นี้' '$r'"
	check "$1: its receipt gives the cause in Thai: $5" grep -q "สาเหตุ: $5" "$r"
	check "$1: its receipt does not say there is no header row" sh -c "! grep -q 'แถวหัวตาราง' '$r'"
	check "$1: its receipt as JSON says $4: $6" python3 -c "import json, sys
e = json.load(open(sys.argv[1]))['tasks'][0]['errors'][0]
sys.exit(not (e['type'] == sys.argv[2] and e['message'].startswith(sys.argv[4])
              and sys.argv[3] in e['message_th']))" "${r%.txt}.json" "$4" "$5" "$6"
}
