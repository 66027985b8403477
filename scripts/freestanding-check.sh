#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Prove the engine needs nothing from libc or the kernel: compile every
# engine file (soft floats) against the null port with -ffreestanding
# -nostdinc, then allow only the port functions and mem* as undefined.
set -eu
CC=${CC:-gcc}
out=${BUILD:-build}/freestanding
mkdir -p "$out"
. "$(dirname "$0")"/lib_check.sh

if grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<|__KERNEL__' engine; then
	t_fail "engine/ includes no system header and tests no __KERNEL__"
else
	t_ok "engine/ includes no system header and tests no __KERNEL__"
fi

objs=""
for src in engine/src/*.c; do
	case "$src" in
	engine/src/float_hw.c) continue ;;
	esac
	obj="$out/$(basename "$src" .c).o"
	if $CC -std=gnu11 -ffreestanding -nostdinc -fno-builtin -fno-strict-aliasing -fwrapv \
		-ffp-contract=off -O2 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Werror \
		-Wframe-larger-than=1024 -Iengine/include -Iengine/src -Iport/null \
		-c "$src" -o "$obj"; then
		objs="$objs $obj"
	else
		t_fail "$src compiles freestanding"
	fi
done

# Symbols defined by the engine itself may be used across its files.
defined=$(nm --defined-only $objs | awk 'NF == 3 { print $3 }' | sort -u)
undef=$(nm -u $objs | awk 'NF >= 2 { print $2 }' | sort -u)
for sym in $undef; do
	if echo "$defined" | grep -qx "$sym"; then
		continue
	fi
	case "$sym" in
	kw_port_*|memcpy|memset|memmove|memcmp) ;;
	*)
		t_fail "undefined symbol $sym"
		;;
	esac
done
[ "$t_failed" -ne 0 ] || t_ok "the engine needs only kw_port_* and mem*"
t_done freestanding-check
