#!/bin/sh
# The manual pages are the one source of the options: every program's
# --help is the text its page gives (SYNOPSIS, COMMANDS, OPTIONS as groff
# sets them), taken again from the page here, so that the two cannot drift;
# the help is plain UTF-8 in 80 columns; every page under man/ is set by
# groff without a warning; and make knows that a page's help must be made
# before its program is compiled, and again when the page changes.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

# the program a page is about: its own binary, or the driver's command
# (tidtam.1 is the driver's and `tidtam run`'s, which take the same help)
prog_of() { # PAGE -> command words
	p=$(basename "$1" .1)
	if [ "$p" = tidtam ]; then echo "$TOP/tidtam run"
	elif [ -x "$TOP/$p" ]; then echo "$TOP/$p"
	else echo "$TOP/tidtam ${p#tidtam-}"; fi
}

pages=0
for page in "$TOP"/man/*.1; do
	pages=$((pages + 1))
	name=$(basename "$page" .1)
	prog=$(prog_of "$page")
	$prog --help >"$name.help" 2>"$name.err"
	rc=$?
	check "$name: --help exits 0 ($rc)" [ $rc -eq 0 ]
	sh "$TOP/tools/man2help.sh" -t "$page" >"$name.expect"
	check "$name: --help is the text of its page" cmp -s "$name.expect" "$name.help"
	cmp -s "$name.expect" "$name.help" || diff "$name.expect" "$name.help" | head -n 10 >&2
	# a second route: the page's OPTIONS section as man would show it, in
	# its own words, is inside the help (moved left, as the help has it)
	groff -K utf8 -man -Tutf8 -rHY=0 -P-cbou "$page" 2>/dev/null >"$name.man" || true
	check "$name: the page's OPTIONS are in --help" python3 - "$page" "$name.help" <<'PY'
import re, subprocess, sys
page, helpfile = sys.argv[1], sys.argv[2]
src = open(page, encoding="utf-8").read()
src = re.sub(r"^(\.TH .*)$", r"\1\n.ad l", src, count=1, flags=re.M)
out = subprocess.run(["groff", "-K", "utf8", "-man", "-Tutf8", "-rHY=0", "-P-cbou"],
                     input=src.encode(), capture_output=True, check=True).stdout.decode()
lines = out.split("\n")
try:
    start = lines.index("OPTIONS") + 1
except ValueError:
    sys.exit("no OPTIONS section in " + page)
body = []
for l in lines[start:]:
    if l and not l.startswith(" "):
        break
    body.append(l.rstrip())
while body and body[-1] == "":
    body.pop()
while body and body[0] == "":
    body.pop(0)
want = "\n".join(l[min(5, len(l) - len(l.lstrip(" "))):] for l in body)
got = open(helpfile, encoding="utf-8").read()
if want not in got:
    sys.exit("OPTIONS of %s not found in its --help" % page)
PY
	check "$name: the first line of --help is its usage" sh -c "head -n 1 '$name.help' | grep -q '^usage: '"
	# plain text: UTF-8, no backspace or escape, 80 columns at most
	check "$name: --help is plain UTF-8 text in 80 columns" python3 - "$name.help" <<'PY'
import sys, unicodedata
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")            # fails on anything not UTF-8
bad = [c for c in text if (ord(c) < 32 and c != "\n") or ord(c) == 127]
if bad:
    sys.exit("control characters: %r" % sorted(set(bad)))
for line in text.split("\n"):
    width = sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Mn" else 1
                for c in line)
    if width > 80:
        sys.exit("wider than 80 columns: " + line)
PY
	# a usage error prints the synopsis: the help's lines before its first blank one
	$prog --no-such-option >/dev/null 2>"$name.usage"
	rc=$?
	awk 'NF == 0 { exit } { print }' "$name.help" >"$name.synopsis"
	check "$name: a usage error exits 2 ($rc)" [ $rc -eq 2 ]
	check "$name: a usage error shows the synopsis" sh -c \
		"sed -n '/^usage: /,\$p' '$name.usage' | grep -v '^(--help' | cmp -s - '$name.synopsis'"
done
check "the pages of the driver and the seven programs are there ($pages)" [ $pages -ge 8 ]
"$TOP/tidtam" --help >driver.help
check "tidtam --help is tidtam run --help" cmp -s driver.help tidtam.help
"$TOP/tidtam" 2>driver.err
rc=$?
check "tidtam alone: exit 2 ($rc)" [ $rc -eq 2 ]
check "tidtam alone: the whole help, with the commands" cmp -s driver.err tidtam.help
for p in tidtam tidtam-ingest tidtam-validate tidtam-aggregate tidtam-render tidtam-forms \
	 tidtam-approve tidtam-check; do
	check "man/$p.1 exists" [ -f "$TOP/man/$p.1" ]
done
check "the input formats have their page (section 5)" [ -f "$TOP/man/tidtam-input.5" ]

# every page set by groff with all warnings on, and none given
for page in "$TOP"/man/*.[1-9]; do
	groff -K utf8 -man -Tutf8 -ww -z "$page" >lint.out 2>&1
	check "$(basename "$page"): groff sets it without a warning" [ ! -s lint.out ]
	[ -s lint.out ] && head -n 5 lint.out >&2
	# and man shows it, with its NAME
	MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$page" 2>/dev/null >man.out
	check "$(basename "$page"): man -l shows it" grep -q '^NAME' man.out
done
# the .5 page gives every column name the sheet reader knows (src/lib/sheet.c)
python3 - "$TOP/src/lib/sheet.c" "$TOP/man/tidtam-input.5" >aliases.out <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
table = src[src.index("aliases[]"):src.index("};", src.index("aliases[]"))]
page = open(sys.argv[2], encoding="utf-8").read().replace("\\", "")
for name in re.findall(r'"([^"]+)"', table):
    if name not in page:
        print(name)
PY
check "every column name of sheet.c is in tidtam-input(5): $(tr '\n' ' ' <aliases.out)" \
	[ ! -s aliases.out ]
# and every element and attribute of the framework's schema
# (type names: code, text, … short-name are the types of attributes the page names)
grep -o 'name="[a-z-]*"' "$TOP/templates/schema/framework.xsd" | sed 's/name="//; s/"$//' |
	sort -u | grep -v -x -e code -e text -e months -e month-list -e value-type \
		-e aggregation -e direction -e submitter -e indicator-code -e short-name >xsd.names
missing=$(while read -r n; do grep -q -- "$(echo "$n" | sed 's/-/\\\\-/g')" "$TOP/man/tidtam-input.5" ||
	grep -q -- "$n" "$TOP/man/tidtam-input.5" || echo "$n"; done <xsd.names)
check "every element and attribute of framework.xsd is in tidtam-input(5): $missing" [ -z "$missing" ]

# the issue codes: those the code gives, tidtam-input(5) lists, and the reverse
groff -K utf8 -man -Tutf8 -rHY=0 -P-cbou "$TOP/man/tidtam-input.5" 2>/dev/null |
	awk '/^[^ ]/ { on = ($0 == "ISSUE CODES"); next } on && /^       [EW]-/ { print $1 }' |
	sort -u >page.codes
grep -ho '"[EW]-[A-Z]*"' "$TOP"/src/lib/*.c | tr -d '"' | sort -u >code.codes
missing=$(comm -23 code.codes page.codes | tr '\n' ' ')
check "every issue code of the code is in tidtam-input(5) (missing: $missing)" [ -z "$missing" ]
unknown=$(while read -r c; do grep -rq -- "$c" "$TOP/src/lib" || echo "$c"; done <page.codes)
check "every issue code in tidtam-input(5) is the code's (unknown: $unknown)" [ -z "$unknown" ]
check "issue codes listed ($(wc -l <page.codes))" [ "$(wc -l <page.codes)" -ge 19 ]

# make: a clean tree makes the help of every page before compiling a program
make -s -n -C "$TOP" B="$WORK/b" tidtam-forms >dry.out 2>&1
help_at=$(grep -n 'man2help.sh man/tidtam-forms.1' dry.out | head -n 1 | cut -d: -f1)
cc_at=$(grep -n -- '-o .*forms-main.o' dry.out | head -n 1 | cut -d: -f1)
check "clean tree: the help is made ($help_at) before the program is compiled ($cc_at)" \
	[ -n "$help_at" ] && [ -n "$cc_at" ] && [ "$help_at" -lt "$cc_at" ]
# an edited page makes its help and the code that includes it again, and
# nothing else (in a build folder of the test's own, the objects alone)
objs="$WORK/b/cmd/forms.o $WORK/b/cmd/forms-main.o $WORK/b/cmd/ingest.o"
make -s -C "$TOP" B="$WORK/b" $objs >objs.out 2>&1
check "the objects build in a folder of their own" [ -f "$WORK/b/cmd/ingest.o" ]
make -n -C "$TOP" B="$WORK/b" -W man/tidtam-forms.1 $objs >edit.out 2>&1
check "an edited page makes its help again" grep -q 'man2help.sh man/tidtam-forms.1' edit.out
check "... and its program's code" grep -q -- "-o $WORK/b/cmd/forms-main.o" edit.out
check "... and the driver's" grep -q -- "-o $WORK/b/cmd/forms.o" edit.out
check "... and no other page's help, nor another program's code" \
	sh -c "[ \$(grep -c man2help edit.out) = 1 ] && ! grep -q -- '-o [^ ]*/ingest.o' edit.out"
make -n -C "$TOP" B="$WORK/b" $objs >same.out 2>&1
check "an unchanged tree makes nothing again" sh -c "! grep -q -e man2help -e ' -c ' same.out"
done_testing
