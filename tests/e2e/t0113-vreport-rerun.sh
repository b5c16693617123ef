#!/bin/sh
# The JSON reports are written only when what they say changed: a second
# run with nothing new leaves every receipt's and validation report's JSON
# untouched (same bytes, same modification time), on the demo and on the
# second office; and they hold no clock time: the second office run again
# from scratch, later, in another folder, gives the same JSON byte for byte.
. "$(dirname "$0")/lib.sh"
unchanged() { # unchanged DIR: run again; no JSON under DIR/output rewritten or changed
	(cd "$1" && find output -name '*.json' | sort | xargs md5sum >json.md5 &&
	 find output -name '*.json' -printf '%T@ %p\n' | sort >json.mtime &&
	 tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null
	 md5sum -c --quiet json.md5 &&
	 find output -name '*.json' -printf '%T@ %p\n' | sort | cmp -s - json.mtime)
}
run_once "$TOP/input" "$WORK/demo"
n=$(find "$WORK/demo/output" -name '*.json' | wc -l)
check "demo: JSON written ($n)" [ "$n" -gt 500 ]
sleep 1
check "demo: a run with nothing new leaves every JSON untouched" unchanged "$WORK/demo"

run_once "$TOP/tests/data/office2/input" "$WORK/a"
cd "$WORK" || exit 3
n=$(find a/output -name '*.json' | wc -l)
check "office2: JSON written ($n)" [ "$n" -gt 100 ]
sleep 1
check "office2: a run with nothing new leaves every JSON untouched" unchanged "$WORK/a"
# (a run of its own, not one shared with other tests)
mkdir "$WORK/b" && cp -r "$TOP/tests/data/office2/input" "$WORK/b/input" || exit 3
(cd "$WORK/b" && tidtam run -q -s 0 -t "$TOP/templates" 2>/dev/null)
(cd a && find output -name '*.json' | sort | xargs md5sum) >a.md5
check "office2 from scratch, later, elsewhere: every JSON the same bytes" sh -c \
	"cd b && md5sum -c --quiet ../a.md5 && [ \$(find output -name '*.json' | wc -l) -eq $n ]"
done_testing
