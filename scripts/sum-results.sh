#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# sum-results.sh NAME "MAKE..." TARGET...: run each make target, show its
# output, and add up the `N passed, N failed` lines they end with.  A target
# that fails without such a line counts as one failure.
name=$1
mk=$2
shift 2
pass=0
fail=0
for t in "$@"; do
	out=$($mk "$t" 2>&1)
	rc=$?
	echo "$out" | grep -a -E 'passed|not ok|FAIL|rror' | tail -20
	line=$(echo "$out" | grep -a -E '[0-9]+ passed, [0-9]+ failed' | tail -1)
	if [ -n "$line" ]; then
		p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
		f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
		pass=$((pass + p))
		fail=$((fail + f))
	fi
	if [ "$rc" -ne 0 ]; then
		echo "$name: $t failed (exit $rc); its last lines:"
		echo "$out" | tail -40
		# A failure that printed no failed count still counts once.
		if [ -z "$line" ] || [ "${f:-0}" -eq 0 ]; then
			fail=$((fail + 1))
		fi
	fi
	f=0
done
echo "$name: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
