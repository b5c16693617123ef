#!/bin/sh
# A read-only output folder, on the demo and the second office, with a
# file sent late to take in: all of output/ (the run cannot take its lock
# and does nothing), or only output/receipts or output/reports.  Each run
# stops with exit 3 and a message naming the file, loses nothing, records
# no input file as failed, and the next run, the folder writable again,
# leaves what a run that met no fault leaves.  Read-only for real: a
# read-only bind mount when the test may mount (root, whom file modes do
# not bind), else the modes (chmod); and injected once (TIDTAM_FAULT=erofs).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/crash.sh"
cd "$WORK" || exit 3
if can_mount; then
	mounts=1
	trap 'unmount_under "$WORK"; [ -n "$KEEP" ] || rm -rf "$WORK"' EXIT
elif [ "$(id -u)" -eq 0 ]; then
	echo "root, and mount refused: read-only injected only"
	mounts=
else
	mounts=0
fi
# read_only DIR / writable DIR: make DIR read-only, or writable again
read_only() {
	if [ "$mounts" = 1 ]; then
		mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"
	else
		chmod -R a-w "$1"
	fi
}
writable() {
	if [ "$mounts" = 1 ]; then umount "$1"; else chmod -R u+w "$1"; fi
}
for o in demo office2; do
	fault_base $o
	if [ -n "$mounts" ]; then
		fault_copy $o ro-output
		read_only "$d/output"
		fault_run
		writable "$d/output"
		fault_checks $o ro-output "error: could not open the run lock 'output/tidtam\.lock': (Read-only file system|Permission denied)"
		fault_copy $o ro-receipts
		read_only "$d/output/receipts"
		fault_run
		writable "$d/output/receipts"
		fault_checks $o ro-receipts "error: could not create 'output/receipts/.*late\.csv\.json': (Read-only file system|Permission denied)"
		fault_copy $o ro-reports
		read_only "$d/output/reports"
		fault_run
		writable "$d/output/reports"
		fault_checks $o ro-reports "error: .*could not create 'output/reports/[^']*': (Read-only file system|Permission denied)"
	fi
done
fault_copy office2 erofs
fault_run TIDTAM_FAULT=erofs@receipts:1
fault_checks office2 erofs "error: could not create 'output/receipts/.*late\.csv\.json': Read-only file system"
done_testing
