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
pass=0
fail=0

if grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<|__KERNEL__' engine; then
	echo "freestanding: engine/ includes system headers or tests __KERNEL__"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
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
		echo "freestanding: $src does not compile freestanding"
		fail=$((fail + 1))
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
		echo "freestanding: undefined symbol $sym"
		fail=$((fail + 1))
		;;
	esac
done
[ "$fail" -eq 0 ] && pass=$((pass + 1))
echo "freestanding-check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
