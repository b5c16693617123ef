#!/bin/sh
# man2help.sh [-t] man/PROG.1: the --help text of PROG, taken from its
# manual page so that the options are written in one place.  The page's
# SYNOPSIS (as "usage: ..."), COMMANDS and OPTIONS sections, as groff sets
# them for a terminal (UTF-8, left-aligned, no hyphenation) with bold,
# underlining and escape codes left out, then a line naming the page.
# Printed as a C string literal (one "line\n" per line) for
# `#include "help/PROG.h"`, or with -t as the text itself.
set -u
text=
if [ "${1:-}" = -t ]; then
	text=1
	shift
fi
[ $# -eq 1 ] || { echo "usage: man2help.sh [-t] PAGE" >&2; exit 2; }
page=$1
name=$(basename "$page")
name=${name%.*}
command -v groff >/dev/null ||
	{ echo "man2help.sh: groff is needed (Debian package groff-base)" >&2; exit 1; }
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp" "$tmp.txt"' EXIT
sed '/^\.TH /a\
.ad l' "$page" | groff -K utf8 -man -Tutf8 -rHY=0 -P-cbou >"$tmp" || exit 1
awk -v name="$name" '
function flush_section(    n) {
	# a section ends without its trailing blank lines
	while (nr > 0 && lines[nr] == "")
		nr--
	for (n = 1; n <= nr; n++)
		out[++nout] = lines[n]
	nr = 0
}
# first reading: where the page footer is (the last line not blank)
NR == FNR { if ($0 ~ /[^ ]/) footer = FNR; next }
# the page header and footer are no part of any section
FNR == 1 || FNR == footer { next }
# a section heading: capitals at the left margin
/^[A-Z][A-Z ]*[A-Z]$/ {
	flush_section()
	sec = ($0 == "SYNOPSIS" || $0 == "COMMANDS" || $0 == "OPTIONS") ? $0 : ""
	first = 1
	if (sec != "" && sec != "SYNOPSIS") {
		out[++nout] = ""
		out[++nout] = tolower(sec) ":"
	}
	next
}
# anything else at the left margin ends it
/^[^ ]/ { flush_section(); sec = ""; next }
sec == "" { next }
{
	sub(/[ \t]+$/, "")
	if (sec == "SYNOPSIS") {
		if ($0 == "")
			next
		sub(/^       /, "")
		$0 = (first ? "usage: " : "       ") $0
		first = 0
	} else {
		# the body keeps its shape, moved 5 columns to the left
		match($0, /^ */)
		$0 = substr($0, (RLENGTH < 5 ? RLENGTH : 5) + 1)
		if (first && $0 == "")
			next
		first = 0
	}
	lines[++nr] = $0
}
END {
	flush_section()
	out[++nout] = ""
	out[++nout] = "The manual: man " name
	for (n = 1; n <= nout; n++)
		print out[n]
}' "$tmp" "$tmp" >"$tmp.txt" || exit 1
if [ -n "$text" ]; then
	cat "$tmp.txt"
else
	# a C string literal: \ " and ? (no trigraphs) escaped, a line each
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$/\\n"/' "$tmp.txt"
fi
