#!/bin/sh
# The index pages are made again only when what they show may have
# changed.  Two offices (tools/gen-national.py): a run with nothing new
# makes no page (the log says so), reads no folder of reports/ but render's
# one reading of each office's folders, and opens no page, only looks at
# each (strace); a rejected
# file of a school of one office that had sent nothing for a round remakes
# that office's page and the top page (both count it), and leaves the
# other office's page as it was (inode, modification time), the top page
# taking its counts from its record; a receipt
# removed by hand remakes that office's page and the top page, not the
# other; a file put into a report folder by hand is listed (its page and
# the top page made again), and no more once removed; a page removed from
# disk, or changed there, is made again as it was, the other not; receipts
# whose paths a database holds under the output folder's name are listed
# as those under receipts/.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 3
python3 "$TOP/tools/gen-national.py" . 2 12 >/dev/null || exit 3
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "first run exits 0: $(head -c 300 err.txt)" [ $? -eq 0 ]
T=output/index.html A=output/reports/2567/1001/index.html B=output/reports/2567/1002/index.html
check "the top page and both offices' pages made" sh -c "[ -s $T ] && [ -s $A ] && [ -s $B ]"
stamp() { stat -c '%n %i %y' "$@"; }
render_line() { grep ' render: ' "$(ls output/log/*.log | tail -n 1)" | tail -n 1; }

# nothing new
stamp $T $A $B >before.txt
sleep 1
# (LeakSanitizer cannot work under ptrace: make sanitize)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -f -e trace=openat,open -o trace.txt tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "nothing new: the run exits 0: $(head -c 300 err.txt)" [ $? -eq 0 ]
check "nothing new: the log says no index page was made again: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q '3 index pages, none made again'"
stamp $T $A $B >after.txt
check "nothing new: the pages untouched (inode, mtime): $(diff before.txt after.txt | tr '\n' ' ')" \
	cmp -s before.txt after.txt
# (validate reads the folders of receipts/ itself, when it may sweep;
# render reads each office's report folders once, for its reports, and
# never reports/ or a year's folder, where the index pages would begin)
grep '"output/reports' trace.txt | grep O_DIRECTORY | grep -o '"[^"]*"' | sort >dirs.txt
check "nothing new: no folder of output/reports read twice: $(uniq -d dirs.txt | head -n 2)" \
	sh -c "! uniq -d dirs.txt | grep -q ."
check "nothing new: neither output/reports nor a year's folder read: $(grep -E -m 2 '^\"output/reports(/[0-9]+)?\"$' dirs.txt)" \
	sh -c "! grep -qE '^\"output/reports(/[0-9]+)?\"$' dirs.txt"
check "nothing new: no index page opened: $(grep -m 2 'index\.html' trace.txt)" \
	sh -c "! grep -q 'index\.html' trace.txt"

# a school of office 1001 that sent nothing for round 6 sends a file that
# is refused, dated as the round's first: the year's data date stays
# (validate checks the round's outliers again, which stamps units of the
# other office too: its page is made again, the same bytes)
school=$(sqlite3 output/tidtam.db "SELECT code FROM unit u WHERE kind = 'school'
	AND parent IN (SELECT code FROM unit WHERE code = '1001' OR parent = '1001')
	AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.unit_code = u.code
	AND s.fiscal_year = 2567 AND s.round = 6) ORDER BY code LIMIT 1")
first=$(sqlite3 output/tidtam.db "SELECT MIN(submitted_on) FROM submission WHERE fiscal_year = 2567 AND round = 6")
check "a school of 1001 without round 6 ($school), the round's first date ($first)" \
	sh -c "[ -n '$school' ] && [ -n '$first' ]"
printf 'unit,indicator,fiscal_year,round,value,submitted\n%s,NOPE99,2567,6,1,%s\n' "$school" "$first" \
	>input/submissions/1001/2567/6m/late-$school.csv
cp $T top-before.html
cp $A a-before.html
stamp $B >b-before.txt
sleep 1
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "a refused file: the log says pages were made: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q '3 index pages, 2 changed'"
check "  office 1001's page changed" sh -c "! cmp -s a-before.html $A"
check "  it lists the file as refused" \
	grep -qF "<td class=\"code\">submissions/1001/2567/6m/late-$school.csv</td><td class=\"st-rejected\">ไม่รับ</td>" $A
check "  it names the school among the rejected of round 6" \
	grep -q "<td class=\"rejected-units\">[^<]* <span class=\"code\">($school)</span></td>" $A
check "  the top page changed" sh -c "! cmp -s top-before.html $T"
check "  the top page counts round 6 of 1001 with one rejected" \
	grep -q "data-office=\"1001\" data-round=\"6\">.*<td class=\"n rejected\">๑</td>" $T
stamp $B >b-after.txt
check "  office 1002's page untouched (inode, mtime)" cmp -s b-before.txt b-after.txt
# the top page took office 1002's counts from its page's record: the same
# as read afresh, both when a page's record keeps no counts (as one made
# before schema 26) and when every page is made again
cp $T top-now.html
sqlite3 output/tidtam.db "UPDATE index_page SET counts = NULL; DELETE FROM meta WHERE key = 'index_inputs'"
tidtam render -q -t "$TOP/templates" 2>err.txt
check "  the top page with counts read again where not kept: the same" cmp -s top-now.html $T
sqlite3 output/tidtam.db "DELETE FROM index_page"
tidtam render -q -t "$TOP/templates" 2>err.txt
check "  the top page with every page made again: the same" cmp -s top-now.html $T

# a receipt of a school of 1001 removed by hand: made again, the same
# bytes, by validate alone; that office's page and the top page are made
# again (its folder changed, a receipt recorded again), the other not
gone=$(find output/receipts/2567 -path "*/$school/*.txt" | head -n 1)
cp "$gone" receipt-kept.txt
rm "$gone"
stamp $B >b-before.txt
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "a receipt removed ($gone): made again as it was: $(head -c 200 err.txt)" \
	cmp -s receipt-kept.txt "$gone"
check "  its office's page and the top page made again, the other not: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q '3 index pages, 0 changed (2 made again)'"
stamp $B >b-after.txt
check "  office 1002's page untouched (inode, mtime)" cmp -s b-before.txt b-after.txt

# a file put into a report folder by hand is listed on the next run
echo x >output/reports/2567/1002/cards/notes-by-hand.pdf
stamp $A >a-before.txt
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "a file put by hand: listed on its office's page" grep -qF 'href="cards/notes-by-hand.pdf"' $B
check "  that page and the top page made again, the other not: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q '3 index pages, 1 changed (2 made again)'"
stamp $A >a-after.txt
check "  office 1001's page untouched (inode, mtime)" cmp -s a-before.txt a-after.txt
rm output/reports/2567/1002/cards/notes-by-hand.pdf
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "  and no more once removed" sh -c "! grep -qF 'notes-by-hand' $B"

# a page removed from disk, and one changed there
cp $B b-kept.html
rm $B
printf 'x\n' >>$T
stamp $A >a-before.txt
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "a page removed is made again as it was" cmp -s b-kept.html $B
check "a page changed on disk is made again without the change" sh -c "! tail -n 1 $T | grep -qx x"
check "  those two made again, the third not: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q '3 index pages, 2 changed (2 made again)'"
stamp $A >a-after.txt
check "  office 1001's page untouched (inode, mtime)" cmp -s a-before.txt a-after.txt
tidtam run -q -s 0 -t "$TOP/templates" 2>err.txt
check "then nothing new again: $(render_line)" \
	sh -c "echo '$(render_line)' | grep -q 'none made again'"

# receipts' paths held under the output folder's name (as a database made
# before they were kept under receipts/ may hold some): every receipt is
# read at once, and the pages say the same
cp $A a-kept.html
cp $B b-kept.html
sqlite3 output/tidtam.db "UPDATE file SET receipt = '$PWD/output/' || receipt
	WHERE receipt IS NOT NULL AND id % 2 = 0; DELETE FROM index_page"
tidtam render -q -t "$TOP/templates" 2>err.txt
check "receipts held under another name: the pages made again: $(head -c 300 err.txt)" \
	sh -c "[ -s $A ] && [ -s $B ]"
check "  office 1001's page the same" cmp -s a-kept.html $A
check "  office 1002's page the same" cmp -s b-kept.html $B
done_testing
