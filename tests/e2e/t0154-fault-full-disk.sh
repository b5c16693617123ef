#!/bin/sh
# A full disk, on the demo and the second office, with a file sent late
# to take in: when the database cannot grow, or a receipt or a report
# cannot be written, the run stops with exit 3 and a message saying what
# and which file, loses nothing (the database whole, no input file
# recorded as failed, the late file in whole or not at all), and the next
# run, with room again, leaves what a run that met no fault leaves.
# Injected (TIDTAM_FAULT: db-enospc, enospc), and for real on a small
# tmpfs when the test may mount one (root).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
for o in demo office2; do
	fault_base $o
	fault_copy $o db-full
	fault_run TIDTAM_FAULT=db-enospc@ingest:1
	fault_checks $o db-full "error: the disk holding the database '.*/output/tidtam\.db' is full"
	fault_copy $o receipt-full
	fault_run TIDTAM_FAULT=enospc@receipts:1
	fault_checks $o receipt-full "error: could not (create|write) 'output/receipts/.*late\.csv\.json': No space left on device"
	fault_copy $o report-full
	fault_run TIDTAM_FAULT=enospc@render:1
	fault_checks $o report-full "error: .*could not (create|write) 'output/reports/[^']*': No space left on device"
done

# for real: a tmpfs with room for what is there and 16 kB more, on output/
# (the database fails first) or on output/reports (a report fails)
if can_mount; then
	trap 'unmount_under "$WORK"; [ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
	for o in demo office2; do
		for part in output output/reports; do
			fault_copy $o tmpfs-$(basename $part)
			mv "$d/$part" "$d/$part.old" && mkdir "$d/$part" || exit 3
			# what its files take on a tmpfs: whole pages, folders nothing
			kb=$(find "$d/$part.old" -type f -printf '%s\n' |
				awk '{ k += int(($1 + 4095) / 4096) * 4 } END { print k + 0 }')
			mount -t tmpfs -o size=$((kb + 16))k tmpfs "$d/$part" || exit 3
			cp -a "$d/$part.old/." "$d/$part/" && rm -rf "$d/$part.old" || exit 3
			fault_run
			mount -o remount,size=$((kb * 2 + 8192))k "$d/$part" # room again
			if [ $part = output ]; then
				fault_checks $o tmpfs-output "error: the disk holding the database '.*/output/tidtam\.db' is full"
			else
				fault_checks $o tmpfs-reports "error: .*could not (create|write) 'output/reports/[^']*': No space left on device"
			fi
		done
	done
else
	echo "not root: a full disk injected only"
fi
done_testing
