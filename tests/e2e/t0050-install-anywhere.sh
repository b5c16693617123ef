#!/bin/sh
# An installed tidtam finds its templates and schemas where it was
# installed, whatever folder it is run from: `make install` into a staging
# folder (DESTDIR) for a prefix that does not exist, the tree moved
# elsewhere, its `tidtam run` started from / on a copy of the demo input
# makes the annual report with its Thai text; the same with a plain
# PREFIX, and through a symbolic link to the program.  -t still overrides.
# A missing font stops the run with exit 3 and says what to install.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
demo_copy
# a prefix that exists nowhere: the programs cannot fall back on the folder
# named at build time, only find their data beside themselves
gone="$WORK/gone-prefix"
tree_make -s install DESTDIR="$WORK/stage" PREFIX="$gone" >make.out 2>&1
rc=$?
check "make install with DESTDIR succeeds" [ $rc -eq 0 ]
[ $rc -eq 0 ] || sed 's/^/    /' make.out >&2
check "programs staged" [ -x "stage$gone/bin/tidtam" ] && [ -x "stage$gone/bin/tidtam-render" ]
# every file under templates/ is installed, byte for byte
missing=0
for f in $(cd "$TOP/templates" && find . -type f ! -name '.*'); do
	cmp -s "$TOP/templates/$f" "stage$gone/share/tidtam/$f" || { missing=$((missing + 1)); echo "not installed: $f" >&2; }
done
check "every template, schema and the logo installed" [ $missing -eq 0 ]
check "nothing written outside DESTDIR" [ ! -e "$gone" ]
mv "stage$gone" moved

annual=out1/reports/2567/3101/annual-2567.pdf
(cd / && "$WORK/moved/bin/tidtam" run -q -s 0 -i "$WORK/input" -o "$WORK/out1") >run1.out 2>run1.err
rc=$?
check "moved tree: run from / exits 0 or 1 ($rc)" [ $rc -le 1 ]
check "moved tree: no error of the system" sh -c "! grep -q 'error:' run1.err"
grep 'error:' run1.err >&2
check "moved tree: annual report made" [ -s "$annual" ]
pdftotext "$annual" annual1.txt 2>/dev/null
check "moved tree: pdftotext gives back the Thai title" grep -qF "รายงานผลการดำเนินงานประจำปี" annual1.txt
area=$(grep -o '<policy-area [^>]*name="[^"]*"' "$TOP/input/framework/2567.xml" | head -n 1 | sed 's/.*name="//; s/"$//')
check "moved tree: a policy area's Thai name ($area) read back" grep -qF "$area" annual1.txt
check "moved tree: receipts written" [ -n "$(find out1/receipts -name '*.pdf' | head -n 1)" ]
check "moved tree: no file failed but the demo's broken ones (under wrong/)" [ "$(sqlite3 out1/tidtam.db \
	"SELECT COUNT(*) FROM file WHERE status = 'failed' AND path NOT LIKE '%/wrong/%'")" = 0 ]

# plain PREFIX, run through a symbolic link from another folder
tree_make -s install PREFIX="$WORK/x" >make2.out 2>&1
rc=$?
check "make install PREFIX succeeds" [ $rc -eq 0 ]
[ $rc -eq 0 ] || sed 's/^/    /' make2.out >&2
# (the moved tree's database rendered again into another folder)
mkdir -p elsewhere links out2
ln -s "$WORK/x/bin/tidtam" links/tidtam
cp out1/tidtam.db out2/
(cd elsewhere && ../links/tidtam render -q -o "$WORK/out2") >/dev/null 2>run2.err
rc=$?
check "PREFIX, through a link: render exits 0 ($rc)" [ $rc -eq 0 ]
check "PREFIX, through a link: annual report made" [ -s out2/reports/2567/3101/annual-2567.pdf ]
check "PREFIX, through a link: same report as the moved tree" \
	cmp -s "$annual" out2/reports/2567/3101/annual-2567.pdf

# -t still overrides: a folder without templates is named in the error
(cd / && "$WORK/x/bin/tidtam" render -q -o "$WORK/out2" -t "$WORK/no-templates") >/dev/null 2>t.err
rc=$?
check "-t overrides: render of a missing folder fails (exit $rc)" [ $rc -eq 3 ]
check "-t overrides: the error names that folder" grep -qF "$WORK/no-templates/" t.err

# a missing font: exit 3, saying what to install
mkdir nofonts
(cd / && TIDTAM_FONT_DIR="$WORK/nofonts" "$WORK/x/bin/tidtam" run -q -s 0 -i "$WORK/input" -o "$WORK/out3") >/dev/null 2>font.err
rc=$?
check "no font: exit 3 ($rc)" [ $rc -eq 3 ]
check "no font: says which font and which package" grep -q "Laksaman.ttf.*fonts-tlwg-laksaman-ttf" font.err
# with nothing in the folders searched (needs a private mount namespace)
if [ -d /usr/share/fonts/truetype/tlwg ] && command -v mount >/dev/null &&
	unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount -t tmpfs none /usr/share/fonts/truetype/tlwg &&
		{ [ ! -d /usr/local/share/fonts ] || mount -t tmpfs none /usr/local/share/fonts; } &&
		exec "$1" render -q --specimen "$2"' sh "$WORK/x/bin/tidtam" "$WORK/s.pdf" 2>search.err
	rc=$?
	check "no font anywhere: exit 3 ($rc)" [ $rc -eq 3 ]
	check "no font anywhere: names the folders searched" \
		grep -q "'Laksaman.ttf' in '/usr/share/fonts/truetype/tlwg'.*install the Debian package fonts-tlwg-laksaman-ttf" search.err
	check "no font anywhere: no PDF" [ ! -e s.pdf ]
fi
done_testing
