#!/bin/sh
# Export fiscal year FY in every format twice, a second apart, with
# SOURCE_DATE_EPOCH set to EPOCH, into a.FORMAT and b.FORMAT of the current
# folder, and print "same FORMAT" or "differs FORMAT" for each:
#     export-twice.sh FY EPOCH
fy=$1 epoch=$2
for f in csv json xlsx adx; do
	SOURCE_DATE_EPOCH=$epoch tidtam export -q --fy "$fy" --format $f --to a.$f
	sleep 1
	SOURCE_DATE_EPOCH=$epoch tidtam export -q --fy "$fy" --format $f --to b.$f
	if cmp -s a.$f b.$f; then echo "same $f"; else echo "differs $f"; fi
done
