#!/bin/sh
# The nightly run's systemd units, installed by make install: the service
# runs the tidtam installed in BINDIR (DESTDIR and PREFIX respected) as an
# unprivileged user, counts exit 1 (input rejected) as success, writes
# only under its working folder; the timer is nightly and persistent.
# systemd-analyze verify checks both when it is there.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 3
prefix="$WORK/no-such-prefix"
tree_make -s install DESTDIR="$WORK/stage" PREFIX="$prefix" >make.out 2>&1
rc=$?
check "make install with DESTDIR and PREFIX succeeds ($rc)" [ $rc -eq 0 ]
units="stage$prefix/lib/systemd/system"
svc="$units/tidtam.service"
check "the service is installed under PREFIX/lib/systemd/system" [ -f "$svc" ]
check "the timer too" [ -f "$units/tidtam.timer" ]
exec_start=$(sed -n 's/^ExecStart=//p' "$svc")
bin=${exec_start%% *}
check "ExecStart runs tidtam run ($exec_start)" sh -c "echo '$exec_start' | grep -q '^[^ ]*/tidtam run'"
check "ExecStart names BINDIR without DESTDIR ($bin)" [ "$bin" = "$prefix/bin/tidtam" ]
check "which make install put there, executable" [ -x "stage$bin" ]
check "no placeholder left" sh -c "! grep -q '@' '$svc'"
check "exit 1 (input rejected) counts as success" grep -qx 'SuccessExitStatus=1' "$svc"
user=$(sed -n 's/^User=//p' "$svc")
check "runs as a user of its own, not root ($user)" sh -c "[ -n '$user' ] && [ '$user' != root ] && [ '$user' != 0 ]"
check "in its working folder" grep -qx 'WorkingDirectory=/var/lib/tidtam' "$svc"
check "no new privileges" grep -qx 'NoNewPrivileges=yes' "$svc"
check "the system read-only" grep -qx 'ProtectSystem=strict' "$svc"
check "but its folder" grep -qx 'ReadWritePaths=/var/lib/tidtam' "$svc"
check "the timer is nightly" grep -Eqx 'OnCalendar=\*-\*-\* [0-9]{2}:[0-9]{2}:[0-9]{2}' "$units/tidtam.timer"
check "and catches up a missed night" grep -qx 'Persistent=true' "$units/tidtam.timer"
check "installed with the timers" grep -qx 'WantedBy=timers.target' "$units/tidtam.timer"
check "nothing written outside DESTDIR" [ ! -e "$prefix" ]

if command -v systemd-analyze >/dev/null 2>&1; then
	# installed for real (no DESTDIR) so that ExecStart exists
	tree_make -s install PREFIX="$WORK/real" >make2.out 2>&1
	systemd-analyze verify "$WORK/real/lib/systemd/system/tidtam.service" \
		"$WORK/real/lib/systemd/system/tidtam.timer" >verify.out 2>&1
	rc=$?
	check "systemd-analyze verify passes ($rc)" [ $rc -eq 0 ]
	check "without a warning: $(head -c 300 verify.out)" [ ! -s verify.out ]
	# and it would see a wrong path
	sed "s|^ExecStart=[^ ]*|ExecStart=$WORK/none/tidtam|" "$WORK/real/lib/systemd/system/tidtam.service" >broken.service
	systemd-analyze verify "$WORK/broken.service" >broken.out 2>&1
	check "systemd-analyze verify sees a wrong ExecStart" grep -q 'not executable' broken.out
fi
done_testing
