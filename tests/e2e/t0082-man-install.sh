#!/bin/sh
# make install puts every manual page under MANDIR (PREFIX/share/man by
# default): pages of section 1 in man1, of section 5 in man5, byte for byte,
# under DESTDIR when it is given; MANDIR may be set apart from PREFIX; and
# man finds an installed page by its name.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3

prefix="$WORK/no-such-prefix"
tree_make -s install DESTDIR="$WORK/stage" PREFIX="$prefix" >make.out 2>&1
rc=$?
check "make install with DESTDIR succeeds ($rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || sed 's/^/    /' make.out >&2
man="stage$prefix/share/man"
n=0
for page in "$TOP"/man/*.[1-9]; do
	n=$((n + 1))
	f=$(basename "$page")
	s=${f##*.}
	check "$f installed in man$s" cmp -s "$page" "$man/man$s/$f"
done
check "pages found under man/ ($n)" [ $n -ge 9 ]
installed=$(find "$man" -type f | wc -l)
check "nothing else installed under share/man ($installed)" [ "$installed" -eq $n ]
check "section 5 is there" [ -f "$man/man5/tidtam-input.5" ]
check "nothing written outside DESTDIR" [ ! -e "$prefix" ]
# man finds the installed pages by name, from that tree only
for p in tidtam tidtam-ingest tidtam-approve; do
	MANWIDTH=80 LC_ALL=C.UTF-8 man -M "$man" "$p" >"$p.man" 2>"$p.err"
	check "man -M finds $p" grep -q "^NAME" "$p.man"
done
MANWIDTH=80 LC_ALL=C.UTF-8 man -M "$man" 5 tidtam-input >input.man 2>/dev/null
# (piped, man-db passes the page through col, which drops Thai vowel and tone
# marks: a name without any is looked for)
check "man -M finds tidtam-input(5), with its Thai column names" grep -q "รอบรายงาน" input.man
# the installed programs' help is the installed pages' text
for p in tidtam-ingest tidtam-check; do
	"stage$prefix/bin/$p" --help >"$p.help"
	sh "$TOP/tools/man2help.sh" -t "$man/man1/$p.1" >"$p.expect"
	check "installed $p --help is its installed page's text" cmp -s "$p.expect" "$p.help"
done

# MANDIR apart from PREFIX
tree_make -s install DESTDIR="$WORK/stage2" PREFIX=/opt/t MANDIR=/usr/share/man >make2.out 2>&1
rc=$?
check "make install MANDIR=... succeeds ($rc)" [ $rc -eq 0 ]
check "MANDIR: tidtam.1 in /usr/share/man/man1 of DESTDIR" [ -f stage2/usr/share/man/man1/tidtam.1 ]
check "MANDIR: tidtam-input.5 in man5" [ -f stage2/usr/share/man/man5/tidtam-input.5 ]
check "MANDIR: none under PREFIX/share/man" [ ! -e stage2/opt/t/share/man ]
check "MANDIR: the programs still under PREFIX/bin" [ -x stage2/opt/t/bin/tidtam ]
done_testing
