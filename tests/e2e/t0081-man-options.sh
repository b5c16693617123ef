#!/bin/sh
# Every option a program takes is in its manual page, and every option its
# page names is taken.  What a program takes is asked of the program
# itself: each candidate (every name in the option tables of src/cmd/*.c,
# every option named in any page, every letter as a short option) is given
# to it with a value, before an option no program has, so that it never
# runs; getopt says "unrecognized option" or "invalid option" of those it
# does not know.  What a page names is read from the tags of its OPTIONS
# section as groff sets them.  The same for the driver's commands.
#
# PENDING: options a page may document before its program takes them
# (none now); once a program takes one, it is checked like any other.
PENDING=""
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
LC_COLLATE=C
export LC_COLLATE

# the command a page is about: its own program, or the driver's command
# (tidtam.1 is about `tidtam run`, whose options it gives)
prog_of() {
	p=$(basename "$1" .1)
	if [ "$p" = tidtam ]; then echo "$TOP/tidtam run"
	elif [ -x "$TOP/$p" ]; then echo "$TOP/$p"
	else echo "$TOP/tidtam ${p#tidtam-}"; fi
}
pending() { echo "$PENDING" | tr ' ' '\n' | grep -qx "$1:$2"; }

# the tags of a section, as groff sets it: the lines at the tag's indent
section_tags() { # PAGE SECTION
	groff -K utf8 -man -Tutf8 -rHY=0 -P-cbou "$1" 2>/dev/null | awk -v s="$2" '
		/^[^ ]/ { on = ($0 == s); next }
		on && /^       [^ ]/ { print }'
}

# candidates: the option tables of the code, and every page's tags
grep -ho '{ "[a-z][a-z-]*", *\(no\|required\|optional\)_argument' "$TOP"/src/cmd/*.c |
	sed 's/{ "\([^"]*\)".*/\1/' >code.names
for page in "$TOP"/man/*.1; do section_tags "$page" OPTIONS; done |
	grep -o -- '--[a-z][a-z-]*' | sed 's/^--//' >page.names
sort -u code.names page.names >long.candidates
check "candidates found in the code ($(wc -l <code.names))" [ "$(wc -l <code.names)" -ge 15 ]

for page in "$TOP"/man/*.1; do
	name=$(basename "$page" .1)
	prog=$(prog_of "$page")
	section_tags "$page" OPTIONS >"$name.tags"
	grep -o -- '--[a-z][a-z-]*' "$name.tags" | sed 's/^--//' | sort -u >"$name.page-long"
	grep -o -- '\(^\|[ ,]\)-[A-Za-z]\b' "$name.tags" | grep -o '[A-Za-z]$' | sort -u >"$name.page-short"
	check "$name: its OPTIONS name some options" [ -s "$name.page-long" ]
	: >"$name.takes-long"
	while read -r o; do
		$prog "--$o=%" --no-such-option-at-all >/dev/null 2>probe.err
		if ! grep -q -e "unrecognized option '--$o" -e "option '--$o=%' is ambiguous" probe.err; then
			echo "$o" >>"$name.takes-long"
		fi
	done <long.candidates
	# a candidate taken only as the abbreviation of a longer option is not one
	: >"$name.takes"
	while read -r o; do
		if grep -v -x -- "$o" "$name.takes-long" | grep -q -- "^$o" &&
		   ! grep -q -x -- "$o" "$name.page-long"; then
			continue
		fi
		echo "$o" >>"$name.takes"
	done <"$name.takes-long"
	check "$name: takes options ($(wc -l <"$name.takes"))" [ "$(wc -l <"$name.takes")" -ge 8 ]
	# what the program takes, its page names
	missing=$(grep -v -x -f "$name.page-long" "$name.takes" | sed 's/^/--/' | tr '\n' ' ')
	check "$name: every long option it takes is in its page (missing: $missing)" [ -z "$missing" ]
	# what the page names, the program takes
	notaken=""
	for o in $(grep -v -x -f "$name.takes" "$name.page-long"); do
		if pending "$name" "--$o"; then
			echo "$name: --$o is in the page, not yet in the program (pending)" >&2
		else
			notaken="$notaken --$o"
		fi
	done
	check "$name: every long option in its page is taken (not:$notaken)" [ -z "$notaken" ]
	# short options: every letter
	: >"$name.takes-short"
	for c in a b c d e f g h i j k l m n o p q r s t u v w x y z \
		 A B C D E F G H I J K L M N O P Q R S T U V W X Y Z; do
		$prog "-$c%" --no-such-option-at-all >/dev/null 2>probe.err
		grep -q "invalid option -- '$c'" probe.err || echo "$c" >>"$name.takes-short"
	done
	sort -o "$name.takes-short" "$name.takes-short"
	check "$name: takes -h, -V and the common short options" \
		[ "$(grep -x '[Vhiloqstv]' "$name.takes-short" | tr -d '\n')" = "Vhiloqstv" ]
	check "$name: its page names exactly the short options it takes" \
		cmp -s "$name.takes-short" "$name.page-short"
	cmp -s "$name.takes-short" "$name.page-short" ||
		echo "    takes: $(tr -d '\n' <"$name.takes-short"), page: $(tr -d '\n' <"$name.page-short")" >&2
done

# the driver's commands: those the driver takes and those tidtam(1) lists
section_tags "$TOP/man/tidtam.1" COMMANDS | awk '{ print $1 }' | sort -u >page.commands
sed -n 's/^[[:space:]]*{ "\([a-z]*\)", cmd_.*/\1/p' "$TOP/src/cmd/tidtam.c" >code.commands
echo run >>code.commands
sort -u code.commands page.commands >command.candidates
: >takes.commands
while read -r c; do
	"$TOP/tidtam" "$c" --no-such-option-at-all >/dev/null 2>probe.err
	grep -q "is not a tidtam command" probe.err || echo "$c" >>takes.commands
done <command.candidates
check "the driver has its commands ($(wc -l <takes.commands))" [ "$(wc -l <takes.commands)" -ge 9 ]
missing=$(grep -v -x -f page.commands takes.commands | tr '\n' ' ')
check "every command of the driver is in tidtam(1) (missing: $missing)" [ -z "$missing" ]
notaken=""
for c in $(grep -v -x -f takes.commands page.commands); do
	if pending tidtam "$c"; then
		echo "tidtam: command $c is in the page, not yet in the driver (pending)" >&2
	else
		notaken="$notaken $c"
	fi
done
check "every command in tidtam(1) is one of the driver's (not:$notaken)" [ -z "$notaken" ]
# each command's page is named where the command is
groff -K utf8 -man -Tutf8 -rHY=0 -P-cbou "$TOP/man/tidtam.1" 2>/dev/null >tidtam.txt
for c in $(cat page.commands); do
	[ "$c" = run ] && continue
	page=tidtam-$c
	[ "$c" = reopen ] && page=tidtam-approve
	check "tidtam(1) refers to $page(1) for $c" grep -q "$page(1)" tidtam.txt
done
done_testing
