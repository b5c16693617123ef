#!/bin/sh
# Crash tests like SQLite's (t0150) on the second office, and on every step
# of ingest of a small input whose unit lists come in the wrong order and
# whose framework of 2568 is refused, with real kills (SIGKILL).
#
# 2026-12-03: a kill just before a refused framework's problems were
# recorded left its receipt saying only "could not read" for good; a kill
# after the office's unit list went in and before the schools' list was
# read again left the schools refused for good (their values uncounted).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
crash_sample office2 "$TOP/tests/data/office2/input" \
	ingest:2,validate:1,receipts:4,receipts:400,aggregate:1,render:2,render:80,index:3

cd "$WORK" || exit 3
mkdir -p mini/framework mini/units mini/sub
cp "$TOP/input/framework/2567.xml" mini/framework/
# refused: deadlines before the year and out of order, an undeclared group
sed -e 's/fiscal-year="2567"/fiscal-year="2568"/' -e 's/deadline="2024-04-15"/deadline="2023-01-15"/' \
	-e 's/group="FIN"/group="NOPE"/' "$TOP/input/framework/2567.xml" >mini/framework/2568.xml
cat >mini/units/a-schools.csv <<'CSV'
code,name,kind,parent
540001,โรงเรียนบ้านนาหลวง,school,5401
540002,โรงเรียนบ้านดอนแก้ว,school,5401
540003,โรงเรียนบ้านไกล,school,5499
CSV
cat >mini/units/b-office.csv <<'CSV'
code,name,kind,parent
5401,สำนักงานเขตพื้นที่การศึกษาประถมศึกษาแพร่ เขต 1,office,
CSV
cat >mini/sub/values.csv <<'CSV'
unit,indicator,fiscal_year,round,value,submitted
540001,SAFE03,2567,6,2,2024-04-01
540002,SAFE03,2567,6,1,2024-04-01
540003,SAFE03,2567,6,1,2024-04-01
CSV
CRASH_JOBS=1 sh "$TOP/tests/tools/crash-sweep.sh" mini ingest:all,receipts:2,render:1 >sweep.txt 2>&1
check "every step of ingest, killed and run again, leaves the same: $(grep -A 8 DIFFERENT sweep.txt | head -c 600)" \
	grep -q 'crash-sweep: mini: [0-9]* steps, \([0-9]*\) tried, \1 identical' sweep.txt
check "ingest has its steps: two to open the database, one the batch of its five files, two passes over the unit lists" \
	[ "$(grep -c ' ingest ' sweep.txt)" -eq 5 ]
tail -n 1 sweep.txt

# the kill is real: the file of the step it died at is left under its
# temporary name, with the rest of its batch (written, flushed, not yet
# renamed), and the next run removes them
cp -r mini kill-input && mkdir kill && mv kill-input kill/input && cd kill || exit 3
TIDTAM_CRASH_AT=receipts:2 tt_run >/dev/null 2>err.txt
rc=$?
check "TIDTAM_CRASH_AT kills the run (SIGKILL), not exit $rc" [ $rc -eq 137 ]
n=$(temporaries output | grep -c '/receipts/.*\.\(json\|pdf\|txt\)\.tmp\.[0-9]*$')
check "the receipt it died at is left under its temporary name, with its batch's ($n)" \
	[ "$n" -ge 1 -a "$n" -eq "$(temporaries output | wc -l)" ]
tt_run >/dev/null 2>&1
check "the next run removes them" [ -z "$(temporaries output)" ]
check "and logs it" grep -q "$n temporary files of an interrupted run removed" output/log/*.log
done_testing
