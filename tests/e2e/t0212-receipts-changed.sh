#!/bin/sh
# Receipts are made again only for files new or changed: a run with nothing
# new writes none and reads no receipts folder, nor one naming the output
# folder otherwise (./output, its absolute path); a folder removed comes
# back, a file put in one is swept; a receipt removed from output/ comes back, and only it;
# a file sent late writes its own receipt and that of the file whose
# submission it replaces; a unit renamed in a new unit list rewrites the
# receipts that name it.  After each run the receipts are those every file
# gets when all are made again from the database (receipts/ removed).
. "$(dirname "$0")/lib.sh"
demo_run
run() { # run STEPS: a run, its durable steps listed in STEPS
	rm -f "$1"
	TIDTAM_CRASH_STEPS=$WORK/$1 tidtam run -q -s 0 -t "$TOP/templates" >/dev/null 2>&1
}
written() { awk -F '\t' '$2 == "receipts" && $4 == "rename"' "$1" | wc -l; }
# same_as_all_again WHAT: the receipts now are those a run making every one
# again writes
same_as_all_again() {
	rm -rf before && cp -r output/receipts before &&
		rm -rf output/receipts && run all.txt
	check "$1: $(written all.txt) receipt files made again from nothing are the same" \
		diff -r before output/receipts
}
total=$(find output/receipts -type f | wc -l)

run none.txt
check "nothing new: no receipt written ($(written none.txt) of $total)" [ "$(written none.txt)" -eq 0 ]
check "nothing new: the receipts recorded in one commit at most" \
	[ "$(awk -F '\t' '$2 == "receipts" && $4 == "commit"' none.txt | wc -l)" -le 1 ]
# the output folder named otherwise finds the same receipts: none made again
for o in ./output "$WORK/output" output/; do
	tidtam validate -t "$TOP/templates" -o "$o" >spelled.txt 2>&1
	check "-o $o: no receipt made again ($(grep '^validate:' spelled.txt | sed 's/.*held for approved rounds, //'))" \
		grep -q "^validate: .* receipts (0 made now, in 0 PDFs)$" spelled.txt
done

pdf=$(find output/receipts -name '*.pdf' | LC_ALL=C sort | sed -n 3p)
json=$(find output/receipts -name '*.json' | LC_ALL=C sort | sed -n 40p)
cp "$pdf" kept.pdf && cp "$json" kept.json
rm "$pdf" "$json"
run gone.txt
check "removed: the two files written again, nothing else ($(written gone.txt))" \
	[ "$(written gone.txt)" -eq 2 ]
check "removed: the PDF back, the same bytes" cmp -s kept.pdf "$pdf"
check "removed: the JSON back, the same bytes" cmp -s kept.json "$json"

# with nothing new, no receipts folder is read: each is looked at (its
# record, receipt_folder), none listed
strace -f -e trace=openat -o folders.trace tidtam validate -q -t "$TOP/templates" >/dev/null 2>&1
check "nothing new: no receipts folder read ($(grep -c '/receipts.*O_DIRECTORY' folders.trace) opened)" \
	[ "$(grep -c '/receipts.*O_DIRECTORY' folders.trace)" -eq 0 ]
check "nothing new: validate still ran (the trace has its database)" grep -q 'tidtam.db' folders.trace
# a unit's whole folder removed by hand: its receipts back, the same bytes
unit=$(dirname "$pdf")
rm -rf kept-unit && cp -r "$unit" kept-unit && rm -r "$unit"
run unit.txt
check "a folder removed: its receipts back, the same bytes" diff -r kept-unit "$unit"
# a file no receipt holds, put by hand in a folder as recorded: swept
echo stray >"$unit/stray.txt"
run stray.txt
check "a file no receipt holds, put in a receipts folder: swept" [ ! -e "$unit/stray.txt" ]
check "and the folder's receipts kept" diff -r kept-unit "$unit"

# a school's 12-month submission sent again, later, whole, in a file of its
# own: it replaces the one before (validate's superseded_by)
school=1031010001
db=output/tidtam.db
old_path=$(sqlite3 $db "SELECT f.path FROM submission s JOIN file f ON f.id = s.file_id
	WHERE s.unit_code = '$school' AND s.fiscal_year = 2567 AND s.round = 12
	AND s.superseded_by IS NULL AND f.path LIKE '%.csv'
	ORDER BY (SELECT COUNT(*) FROM value v WHERE v.submission_id = s.id), f.path LIMIT 1")
old=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = '$old_path'")
check "late: the school's 12-month submission in $old_path has a receipt" [ -s "$old" ]
cp "$old" old.txt
{
	echo unit,indicator,fiscal_year,round,value,numerator,denominator,note,submitted
	sqlite3 -separator , $db "SELECT s.unit_code, v.indicator, 2567, 12, COALESCE(v.value, ''),
		COALESCE(v.numerator, ''), COALESCE(v.denominator, ''), '', '2024-10-20'
		FROM value v JOIN submission s ON s.id = v.submission_id JOIN file f ON f.id = s.file_id
		WHERE s.unit_code = '$school' AND s.round = 12 AND f.path = '$old_path'"
} >input/submissions/2567/12m/late-$school.csv
run late.txt
new=$(sqlite3 $db "SELECT 'output/' || receipt FROM file WHERE path = 'submissions/2567/12m/late-$school.csv'")
check "late: the new file has its receipt" [ -s "$new" ]
check "late: the replaced file's receipt says so" grep -q "มีฉบับที่ส่งภายหลังใช้แทนแล้ว" "$old"
check "late: the replaced file's receipt said nothing of it before" \
	sh -c "! grep -q 'มีฉบับที่ส่งภายหลังใช้แทนแล้ว' old.txt"
check "late: those two receipts written, a few others at most ($(written late.txt) files)" \
	[ "$(written late.txt)" -ge 6 -a "$(written late.txt)" -lt $((total / 10)) ]
same_as_all_again "late"

# the school renamed in a new unit list
name=$(grep "^$school," input/units/units-2567.csv | cut -d, -f2)
sed -i "s/^$school,$name,/$school,$name ใหม่,/" input/units/units-2567.csv
naming=$(grep -rl "$name" output/receipts --include='*.txt' | wc -l)
run renamed.txt
check "renamed: the receipts naming the school rewritten" \
	[ "$(grep -rl "$name ใหม่" output/receipts --include='*.txt' | wc -l)" -ge "$naming" ]
check "renamed: not every receipt rewritten ($(written renamed.txt) of $total files)" \
	[ "$(written renamed.txt)" -lt "$total" ]
same_as_all_again "renamed"
done_testing
