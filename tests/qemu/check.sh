#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# check.sh [BUILD [KERNEL...]]: the whole QEMU suite.  run.sh on every
# kernel (default 6.1 6.12), then canary.sh on the same kernels, and one
# `test-qemu: N passed, N failed, N skipped` line over all of them.  Build
# kwasm.ko (BUILD/kmod/KVER), the static CLI and the guests first.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-${BUILD:-$here/../../build}}
[ $# -eq 0 ] || shift
[ $# -gt 0 ] || set -- 6.1 6.12

pass=0
fail=0
skip=0
add() {
	line=$(grep -a -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	if [ -z "$line" ]; then
		fail=$((fail + 1))
		return
	fi
	pass=$((pass + $(echo "$line" | sed 's/.* \([0-9]*\) passed.*/\1/')))
	fail=$((fail + $(echo "$line" | sed 's/.* \([0-9]*\) failed.*/\1/')))
	case $line in
	*skipped*) skip=$((skip + $(echo "$line" | sed 's/.* \([0-9]*\) skipped.*/\1/'))) ;;
	esac
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for k in "$@"; do
	"$here/run.sh" "$k" "$build" >"$log" 2>&1 || true
	cat "$log"
	add "$log"
done
"$here/canary.sh" "$@" -- "$build" >"$log" 2>&1 || true
cat "$log"
add "$log"
echo "test-qemu: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
