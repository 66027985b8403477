#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The control plane as a user meets it: bad modules rejected with the
# engine's reason, every trap kind, fuel and memory limits, non-root
# refused, and the allocation counter back at zero after unloading.
#
#   kwasm CLI --generic netlink--> kwasm.ko (LOAD/CALL/LIST/UNLOAD/STATS)
. "$(dirname "$0")"/lib.sh

T=$KWASM_GUESTS/e2e/e2e_traps.wasm
K=$KWASM

cleanup() {
	for n in traps capped fuelled; do
		"$K" unload $n 2>/dev/null || true
	done
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

ktap_need "$KWASM_KO" "$T"
ktap_plan 25
ktap_cleanup cleanup
dmesg_mark
# The family alias lets the kernel load kwasm.ko on the CLI's first
# request; with the module file gone the CLI must say what to do.
mv "$KWASM_KO" "$KWASM_KO.off"
expect "without kwasm.ko the CLI says to modprobe" 1 '*' "*modprobe kwasm*" -- "$K" list
mv "$KWASM_KO.off" "$KWASM_KO"
ktap_check "the first request loads kwasm.ko" sh -c "$K list && test -d /sys/module/kwasm"

printf 'garbage!' >/tmp/garbage.wasm
head -c 20 "$T" >/tmp/cut.wasm
printf '\0asm\1\0\0\0\1\5\1\140\0\1\176\3\2\1\0\12\6\1\4\0\101\0\13' >/tmp/bad.wasm
dd if=/dev/zero of=/tmp/big.wasm bs=1M count=17 2>/dev/null
expect "garbage rejected" 1 '*' "*magic header not detected*" -- "$K" load /tmp/garbage.wasm
expect "truncated module rejected" 1 '*' "*offset*" -- "$K" load /tmp/cut.wasm
expect "invalid module rejected with the reason" 1 '*' "*type mismatch*" -- "$K" load /tmp/bad.wasm
expect "oversized module rejected" 1 '*' "*max_file_size*" -- "$K" load /tmp/big.wasm

ktap_check "load traps module" "$K" load "$T" --name traps
expect "unreachable" 2 '*' "*kwasm: trap: unreachable*" -- "$K" call traps unreachable
expect "memory bounds" 2 '*' "*out of bounds memory access*" -- "$K" call traps oob
expect "divide by zero" 2 '*' "*integer divide by zero*" -- "$K" call traps div0 0
expect "integer overflow" 2 '*' "*integer overflow*" -- "$K" call traps overflow
expect "invalid conversion" 2 '*' "*invalid conversion to integer*" -- "$K" call traps conv
expect "undefined element" 2 '*' "*undefined element*" -- "$K" call traps undef
expect "uninitialized element" 2 '*' "*uninitialized element*" -- "$K" call traps uninit
expect "indirect call type mismatch" 2 '*' "*indirect call type mismatch*" -- \
	"$K" call traps mismatch
expect "call stack exhausted" 2 '*' "*call stack exhausted*" -- "$K" call traps recurse 0
expect "fuel exhausted" 2 '*' "*fuel exhausted*" -- "$K" call traps spin --fuel 1000000
expect "a trap leaves the module usable" 0 "1000" '*' -- "$K" call traps count 1000

ktap_check "load with a 2-page memory cap" "$K" load "$T" --name capped --max-pages 2
expect "grow within the cap" 0 "1" '*' -- "$K" call capped grow 1
expect "grow past the cap fails" 0 "-1" '*' -- "$K" call capped grow 1

expect "non-root cannot load" 1 \
	'*' "*kwasm: load: Operation not permitted (need CAP_SYS_ADMIN)*" -- \
	su nobody -s /bin/sh -c "$K load $T --name fuelled"
ktap_check "unload everything" sh -c "$K unload traps && $K unload capped"
ktap_check "allocation counter back to zero" sh -c \
	"$K stats -j | grep -q '\"allocations\":0,'"
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
