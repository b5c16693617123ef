#!/bin/sh
# `tidtam check` on report templates: every schema problem at once in plain
# words, what the loader checks beyond the schema, and, given a framework,
# the indicator codes a template names that the framework lacks.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
T="$TOP/templates"

cat >bad.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:tidtam:report:1" kind="anual" font-size="40">
  <title>รายงานประจำปี {fy}</title>
  <cover/>
  <summry title="บทสรุป"/>
  <policy-areas title="ผลการดำเนินงาน" columns="code name tagret"/>
  <completeness/>
</report>
XML
line() { grep -n "$1" bad.xml | head -n 1 | cut -d: -f1; }
tidtam check -t "$T" bad.xml >out.txt 2>err.txt
check "problems found: exit 1" [ $? -eq 1 ]
en() { grep -q "^bad.xml:$1: $2" out.txt || { echo "missing: bad.xml:$1: $2" >&2; return 1; }; }
check "a misspelt kind" en 2 "<report>: kind 'anual' is not one of annual, progress, card"
check "a font size out of range" en 2 "<report>: font-size '40' must be at most 24"
check "a misspelt section" en "$(line summry)" "<summry> is not expected here"
check "a misspelt column" en "$(line tagret)" "<policy-areas>: columns 'tagret' is not one of code, name"
check "a missing title" en "$(line completeness)" "<completeness> has no title, which is required"
check "the same in Thai" grep -q "^bad.xml:$(line completeness): ความครบถ้วนของการรายงาน <completeness> ไม่ได้ระบุหัวข้อ (title)" out.txt
check "no schema jargon" sh -c '! grep -E "Element |\{urn:|facet|atomic type" out.txt'

# a valid template naming indicators: checked against a framework
cat >nets.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:tidtam:report:1" kind="annual">
  <title>รายงาน</title>
  <networks title="ผลรายเครือข่าย" indicators="QUAL01 READ99 SAFE01 MATH7"/>
</report>
XML
tidtam check -t "$T" nets.xml >out.txt 2>&1
check "without a framework, a valid template has no problem" [ $? -eq 0 ]
tidtam check -t "$T" --framework "$TOP/input/framework/2567.xml" nets.xml >out.txt 2>&1
check "with one: exit 1" [ $? -eq 1 ]
check "names the first unknown indicator" grep -q "^nets.xml:4: <networks> names indicator 'READ99', which the framework of 2567 does not have" out.txt
check "... and the second" grep -q "^nets.xml:4: <networks> names indicator 'MATH7'" out.txt
check "... and no known one" sh -c '! grep -q -e QUAL01 -e SAFE01 out.txt'
tidtam check -t "$T" nets.xml "$TOP/input/framework/2567.xml" >out2.txt 2>&1
check "a framework given beside the template is used" grep -q "'READ99'" out2.txt
mkdir -p input/framework && cp "$TOP/input/framework/2567.xml" input/framework/
tidtam ingest -q -s 0 -t "$T" >/dev/null 2>&1
tidtam check -t "$T" --fy 2567 nets.xml >out3.txt 2>&1
check "--fy takes the year's framework from the database" grep -q "'MATH7'" out3.txt
tidtam check -t "$T" --fy 2599 nets.xml >/dev/null 2>&1
check "--fy of a year with no framework: exit 2" [ $? -eq 2 ]
tidtam check -t "$T" --fy 25x nets.xml >/dev/null 2>&1
check "--fy that is no year: exit 2" [ $? -eq 2 ]
done_testing
