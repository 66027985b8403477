# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Sourced by run.sh and agent_test.sh: the pass/fail counters and check.
# CHECK_TAG, when set, goes before each name ("agent: ").
pass=0
fail=0

# check NAME COMMAND...: passes when COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		echo "ok ${CHECK_TAG:-}$name"
	else
		fail=$((fail + 1))
		echo "FAIL ${CHECK_TAG:-}$name"
	fi
}
