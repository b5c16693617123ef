#!/bin/sh
# The fuzz targets' inputs replayed without libFuzzer: every seed
# (fuzz/corpus/TARGET) and every input a fuzzer once broke a reader with
# (fuzz/regress/TARGET) goes through its target, built with fuzz/driver.c
# by the normal compiler (under `make sanitize`, with AddressSanitizer and
# UBSan, which also catch leaks), without a crash, a failed property or a
# hang, and with nothing printed (the library never prints).  The seeds
# hold both offices' files (the demo's and office2's, byte for byte) for
# the readers of their kinds.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

# inputs: the regular files of a folder, as the driver takes them
inputs() { find "$@" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }

targets=$(cd "$TOP/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')
listed=$(sed -n 's/^FUZZ_TARGETS *= *//p' "$TOP/Makefile" | tr ' ' '\n' | sort | tr '\n' ' ')
check "a fuzz target for each reader the Makefile lists ($listed)" \
	[ "$(echo "$targets" | sort | tr '\n' ' ')" = "$listed" ]
check "ten fuzz targets at least ($(echo $targets))" [ "$(echo "$targets" | wc -w)" -ge 10 ]
total=0
for t in $targets; do
	bin="$TOOLS/fuzz-$t"
	dirs="$TOP/fuzz/corpus/$t"
	[ -d "$TOP/fuzz/regress/$t" ] && dirs="$dirs $TOP/fuzz/regress/$t"
	n=$(inputs $dirs)
	total=$((total + n))
	check "$t: has seeds" [ "$(inputs "$TOP/fuzz/corpus/$t")" -gt 0 ]
	check "$t: replay program built ($bin)" [ -x "$bin" ]
	# shellcheck disable=SC2086
	timeout 600 "$bin" $dirs >"$t.out" 2>"$t.err"
	rc=$?
	check "$t: $n inputs replayed without a crash or failed property (exit $rc): $(tail -c 300 "$t.err")" \
		[ "$rc" -eq 0 ]
	check "$t: every input replayed" [ "$(cat "$t.out")" = "replayed $n inputs" ]
	# the library prints nothing (libxml2 would, of an encoding error)
	check "$t: nothing printed on stderr: $(head -c 300 "$t.err")" [ ! -s "$t.err" ]
done
check "inputs replayed in all: $total" [ "$total" -gt 150 ]

# the seeds of a reader hold real files of both offices (compared by content)
sums() { find "$@" -type f -exec sha256sum {} + | cut -d' ' -f1 | sort -u; }
sums "$TOP/input" >demo.sha
sums "$TOP/tests/data/office2/input" >office2.sha
for t in csv units xmlform framework; do
	sums "$TOP/fuzz/corpus/$t" >"$t.sha"
	check "$t: seeds from the demo" [ -n "$(comm -12 demo.sha "$t.sha")" ]
	check "$t: seeds from office2" [ -n "$(comm -12 office2.sha "$t.sha")" ]
done
sums "$TOP/fuzz/corpus/xlsx" >xlsx.sha
check "xlsx: seeds from office2's workbooks" [ -n "$(comm -12 office2.sha xlsx.sha)" ]
sums "$TOP/templates/reports" >templates.sha
sums "$TOP/fuzz/corpus/template" >template.sha
check "template: the shipped templates are seeds" \
	[ "$(comm -12 templates.sha template.sha | wc -l)" -eq 3 ]

# a path that cannot be read is the driver's failure, not a pass
"$TOOLS/fuzz-expr" "$WORK/no-such-folder" >/dev/null 2>&1
check "the driver fails on a path it cannot read" [ $? -eq 3 ]
done_testing
