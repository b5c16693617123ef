#!/bin/sh
# Regression (issue 12, item 7): the progress report of 3 months was dated
# (ข้อมูล ณ วันที่) with the year's last submission, from the 12-month
# round.  Each progress report is dated with the newest submission of its
# own rounds, and each validation report with the newest of its round, as
# the input files date them.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
python3 "$TOP/tests/tools/gen-small-office.py" --networks input
tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
D=output/reports/2568/4021
python3 - >dates.txt <<'PY'
import csv, glob
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
newest = {}
for p in glob.glob("input/submissions/2568/*/*.csv"):
    for r in csv.DictReader(open(p, encoding="utf-8")):
        m = int(r.get("round") or r.get("รอบ"))
        d = r.get("submitted") or r.get("วันที่ส่ง")
        newest[m] = max(newest.get(m, ""), d)
def thai(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return "%d %s %d" % (d, MONTHS[m - 1], y + 543)
for m in sorted(newest):
    print("%d\t%s\t%s" % (m, thai(max(v for k, v in newest.items() if k <= m)), thai(newest[m])))
PY
check "four rounds dated in the input" [ "$(wc -l <dates.txt)" -eq 4 ]
arabic() { sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/'; }
while IFS="$(printf '\t')" read -r m upto own; do
	got=$(pdftotext -f 1 -l 1 $D/progress-2568-${m}m.pdf - | arabic | grep -o 'ข้อมูล ณ วันที่ .*' | head -n 1)
	check "progress report of $m months dated '$upto' ($got)" [ "$got" = "ข้อมูล ณ วันที่ $upto" ]
	got=$(pdftotext -f 1 -l 1 $D/validation-2568-${m}m.pdf - | arabic | grep -o 'ข้อมูล ณ วันที่ .*' | head -n 1)
	check "validation report of $m months dated '$own' ($got)" [ "$got" = "ข้อมูล ณ วันที่ $own" ]
done <dates.txt
upto=$(awk -F'\t' '$1 == 12 {print $2}' dates.txt)
got=$(pdftotext -f 1 -l 1 $D/annual-2568.pdf - | arabic | grep -o 'ข้อมูล ณ วันที่ .*' | head -n 1)
check "the annual report dated '$upto' ($got)" [ "$got" = "ข้อมูล ณ วันที่ $upto" ]
done_testing
