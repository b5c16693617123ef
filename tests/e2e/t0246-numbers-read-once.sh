#!/bin/sh
# A value's number is read once, by ingest, as most indicators read it; a
# first validate writes again only the rows its indicator reads otherwise
# (a text answer, a value in error or not checked, a numerator typed in
# Thai digits), and ends where a validate of the same values stored with
# no number ends: the same numbers, issues and statuses.  Two offices of
# different shapes: the demo, and office2 (networks, 6-digit codes,
# Windows-874 sheets, Thai digits).
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

q() { sqlite3 "$1/tidtam.db" "$2"; }
# each value's row as validate leaves it: its number and what its
# numerator and denominator read as
values() {
	q "$1" "SELECT id, indicator, quote(number), quote(CAST(numerator AS REAL)),
		quote(CAST(denominator AS REAL)) FROM value ORDER BY id"
}
checked() {
	q "$1" "SELECT id, status, superseded_by FROM submission ORDER BY id"
	q "$1" "SELECT submission_id, code, row, col, found, message_en FROM issue ORDER BY id"
}

for office in demo office2; do
	[ $office = demo ] && in=$TOP/input || in=$TOP/tests/data/office2/input
	mkdir $office && cd $office || exit 3
	tidtam ingest -q -s 0 -i "$in" -o read -t "$TOP/templates" 2>err.txt
	rc=$?
	check "$office: ingest ran (exit $rc)" [ $rc -le 1 ]
	# a plain number ("12", "3.5") is stored as SQLite itself reads it
	plain="value GLOB '[0-9]*' AND value NOT GLOB '*[^0-9.]*' AND value NOT LIKE '%.%.%'"
	n=$(q read "SELECT COUNT(*) FROM value WHERE $plain")
	check "$office: values typed as plain numbers ($n)" [ "$n" -gt 100 ]
	check "$office: each with its number" \
		[ "$(q read "SELECT COUNT(*) FROM value WHERE $plain AND number IS NOT CAST(value AS REAL)")" = 0 ]
	check "$office: a value in Thai digits has its number" \
		[ "$(q read "SELECT COUNT(*) FROM value WHERE value GLOB '*[๐-๙]*' AND number IS NULL")" = 0 ]
	# the same database with no number stored, as an older ingest left it
	cp -r read blank
	q blank "UPDATE value SET number = NULL" >/dev/null
	cp read/tidtam.db ingested.db
	q read "CREATE TABLE written(id INTEGER);
		CREATE TRIGGER written AFTER UPDATE ON value BEGIN INSERT INTO written VALUES(NEW.id); END"
	tidtam validate -q -j 1 -o read 2>>err.txt
	tidtam validate -q -j 1 -o blank 2>>err.txt
	values read >read.txt
	values blank >blank.txt
	check "$office: the same numbers as from no number" cmp -s read.txt blank.txt
	checked read >read-checked.txt
	checked blank >blank-checked.txt
	check "$office: the same statuses and issues" cmp -s read-checked.txt blank-checked.txt
	# the rows written: those whose number, numerator or denominator is
	# not as ingest stored it, or whose indicator was named by its name
	# and is stored by its code
	differ="v.number IS NOT o.number OR v.numerator IS NOT o.numerator
		OR v.denominator IS NOT o.denominator"
	q read "ATTACH 'ingested.db' AS i; SELECT v.id FROM value v JOIN i.value o ON o.id = v.id
		WHERE $differ OR v.indicator IS NOT o.indicator ORDER BY v.id" >changed.txt
	q read "SELECT DISTINCT id FROM written ORDER BY id" >written.txt
	check "$office: only the rows that change are written" cmp -s changed.txt written.txt
	all=$(q read "SELECT COUNT(*) FROM value")
	w=$(q read "ATTACH 'ingested.db' AS i;
		SELECT COUNT(*) FROM value v JOIN i.value o ON o.id = v.id WHERE $differ")
	check "$office: few numbers read otherwise ($w of $all)" [ $((w * 5)) -lt "$all" ]
	cd "$WORK" || exit 3
done
# what office2 holds that is read otherwise than a number: text answers
check "office2: a text answer that reads as a number loses it" \
	[ "$(sqlite3 office2/read/tidtam.db "ATTACH 'office2/ingested.db' AS i;
		SELECT COUNT(*) FROM value v JOIN i.value o ON o.id = v.id
		WHERE o.number IS NOT NULL AND v.number IS NULL")" -gt 0 ]
done_testing
