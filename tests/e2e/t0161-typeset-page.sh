#!/bin/sh
# The page of an office report as a Thai official document, on the demo
# and office2 (pdftotext -bbox of every page, tests/tools/check-typeset.py):
# the text between a 3 cm left (binding) margin and a 2 cm right one, the
# page number alone at the top centre in the report's digits (no
# "หน้า N / M"), none on the cover, a draft's cover saying ร่าง once,
# the foreword justified to the right margin; a template that sets other
# margins moves the text.
. "$(dirname "$0")/lib.sh"
cm() { python3 -c "print($1 * 72 / 2.54)"; }
check_pages() {
	for f in $(find output/reports -name 'annual-*.pdf' -o -name 'progress-*.pdf' | sort); do
		check "$1: $f: margins 3 and 2 cm, bare page numbers at the top" \
			python3 "$TOP/tests/tools/check-typeset.py" page "$f" "$(cm 3)" "$(cm 2)"
	done
}
# each office in a folder of its own
run_once "$TOP/input" "$WORK/demo"
check "demo run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
check_pages demo
# a draft: the cover says ร่าง in its title block, no other page says more
annual=$(find output/reports -name 'annual-*.pdf' | head -n 1)
check "demo: the draft mark is ร่าง alone" \
	sh -c "! pdftotext '$annual' - | grep -q 'DRAFT'"
check "demo: every page has ร่าง once, the cover in its title block" \
	[ "$(pdftotext "$annual" - | tr '\f' '\n' | grep -cx 'ร่าง')" -eq "$(pdfinfo "$annual" | awk '/^Pages:/ { print $2 }')" ]
run_once "$TOP/tests/data/office2/input" "$WORK/office2"
check "office2 run exits 1 (some files are wrong on purpose), not $run_rc" [ "$run_rc" -eq 1 ]
check_pages office2
# margins set by the template
here=$(pwd)
mkdir -p "$WORK/tpl" && cp -r "$TOP/templates/." "$WORK/tpl/" || exit 3
sed -i 's/<report xmlns="urn:tidtam:report:1" kind="annual"/& margin-left="4" margin-right="1.5" document-number="ที่ ศธ ๐๔๐๐๐\/{fy}"/' \
	"$WORK/tpl/reports/annual.xml"
check "the template takes the attributes" grep -q 'margin-left="4"' "$WORK/tpl/reports/annual.xml"
cd "$here" && rm -rf output/reports && tidtam render -q -t "$WORK/tpl" 2>render.err
annual=$(find output/reports -name 'annual-*.pdf' | head -n 1)
check "office2 rendered again with the edited template: $(head -c 300 render.err)" [ -n "$annual" ]
check "margins 4 and 1.5 cm from the template" \
	python3 "$TOP/tests/tools/check-typeset.py" page "$annual" "$(cm 4)" "$(cm 1.5)"
check "the cover has the document number, its placeholder filled" \
	sh -c "pdftotext -f 1 -l 1 '$annual' - | sed 'y/๐๑๒๓๔๕๖๗๘๙/0123456789/' | grep -Eq 'ที่ ศธ 04000/256[78]'"
done_testing
