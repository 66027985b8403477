#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# canary.sh [KERNEL...] [-- BUILD]: prove that run.sh catches a broken
# kernel.  For each kernel (default: 6.1 6.12) it boots the VM with the
# must-fail canary module (tests/qemu/canary) in each mode of CANARY_MODES
# (default "warn oops"; "lockup" takes ~30 s more) and passes only if
# run.sh failed, the canary did run, and no sentinel came back.  A control
# run with mode=none must pass, so the failures are the canary's doing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
kernels=""
build=${BUILD:-$here/../../build}
while [ $# -gt 0 ]; do
	case $1 in
	--) build=$2; break ;;
	*) kernels="$kernels $1"; shift ;;
	esac
done
[ -n "$kernels" ] || kernels="6.1 6.12"
modes=${CANARY_MODES:-warn oops}

. "$here"/../../scripts/lib_check.sh

set -- $kernels
echo "KTAP version 1"
echo "1..$(($# * ($(echo $modes | wc -w) + 1)))"
for k in "$@"; do
	kver=$("$here/kver.sh" "$k")
	for mode in none $modes; do
		log=$(mktemp)
		rc=0
		"$here/run.sh" --canary "$mode" "$kver" "$build" >"$log" 2>&1 || rc=$?
		console=$build/qemu/out/$kver-canary-$mode/console.log
		ran=0
		grep -aq "kwasm_canary: triggering $mode" "$console" 2>/dev/null && ran=1
		why=$(grep -a '^not ok - vm' "$log" | cut -c1-160 || true)
		if [ "$mode" = none ]; then
			if [ "$rc" = 0 ] && [ "$ran" = 1 ]; then
				t_ok "canary none on $kver: control run passes"
			else
				t_fail "canary none on $kver: control run failed (exit $rc, ran=$ran)" \
					"$(tail -n 30 "$log")"
			fi
		elif [ "$rc" != 0 ] && [ "$ran" = 1 ] && echo "$why" | grep -q 'no @@RESULT'; then
			t_ok "canary $mode on $kver: caught (${why#not ok - vm })"
		else
			t_fail "canary $mode on $kver: NOT caught (exit $rc, ran=$ran)" \
				"$(tail -n 30 "$log")"
		fi
		rm -f "$log"
	done
done
t_done canary
