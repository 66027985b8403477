#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# btf-check.sh MODULE.ko: fail unless the module carries what its kfuncs
# need: a .BTF section (pahole ran) and a .BTF_ids section that is not all
# zeroes (resolve_btfids ran).  Without them the kernel accepts the kfunc
# registration and then exposes nothing, so catch it at build time.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 MODULE.ko" >&2; exit 2; }
ko=$1
sections=$(readelf -S -W "$ko")
if ! echo "$sections" | grep -q ' \.BTF '; then
	echo "btf-check: $ko has no .BTF section (no vmlinux or pahole at build time?)" >&2
	exit 1
fi
if ! echo "$sections" | grep -q ' \.BTF_ids '; then
	echo "btf-check: $ko has no .BTF_ids section (no kfunc sets?)" >&2
	exit 1
fi
# Every __BTF_ID__<kind>__<name>__N symbol (not the set headers) marks a
# 4-byte id that resolve_btfids must have filled in with a BTF type id.
idx=$(echo "$sections" | sed -n 's/^ *\[ *\([0-9]*\)\] \.BTF_ids .*/\1/p')
base=$(echo "$sections" |
	sed -n 's/.*\] \.BTF_ids *[A-Z]* *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
ids=$(readelf -s -W "$ko" | awk -v idx="$idx" '$7 == idx && $8 ~ /^__BTF_ID__/ &&
	$8 !~ /^__BTF_ID__set/ { print $2, $8 }')
if [ -z "$ids" ]; then
	echo "btf-check: $ko has no BTF ids in .BTF_ids" >&2
	exit 1
fi
bad=0
n=0
echo "$ids" | {
	while read -r off sym; do
		n=$((n + 1))
		val=$(od -An -tu4 -j $((0x$base + 0x$off)) -N4 "$ko" | tr -d ' ')
		if [ "$val" = 0 ]; then
			echo "btf-check: $ko: $sym unresolved (resolve_btfids did not run, or no BTF for it)" >&2
			bad=1
		fi
	done
	[ "$bad" = 0 ] || exit 1
	echo "btf-check: $ko: .BTF ok, $n BTF ids resolved"
}
