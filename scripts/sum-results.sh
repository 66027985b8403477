#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# sum-results.sh NAME "MAKE..." TARGET...: run each make target, show its
# output, and add up the `N passed, N failed` lines they end with.  A target
# that fails without such a line counts as one failure.
name=$1
mk=$2
shift 2
. "$(dirname "$0")"/lib_check.sh
for t in "$@"; do
	out=$($mk "$t" 2>&1)
	rc=$?
	echo "$out" | grep -a -E 'passed|not ok|FAIL|rror' | tail -20
	failed=$t_failed
	! echo "$out" | grep -q -a -E '[0-9]+ passed, [0-9]+ failed' || t_add "$out"
	if [ "$rc" -ne 0 ]; then
		echo "$name: $t failed (exit $rc); its last lines:"
		echo "$out" | tail -40
		# A failure that printed no failed count still counts once.
		[ "$t_failed" -gt "$failed" ] || t_fail "$t: exit $rc, no failure counted"
	fi
done
t_done "$name"
