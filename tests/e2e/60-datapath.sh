#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# eBPF calls Wasm: every kfunc outcome through BPF_PROG_TEST_RUN on every
# registered program type, the guest ABI (maps, log, packet writes,
# memory growth without allocation), re-entry, and handles going away
# with their module.
#
#   kwasm-bpf (XDP/tc/SYSCALL program) --bpf_kwasm_call(handle)--> kwasm.ko
#   --per-CPU instance--> e2e_dp.wasm --kwasm.* imports--> maps, log
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh

K=$KWASM
B=${KWASM_BPF:-/usr/bin/kwasm-bpf}
DP=$KWASM_GUESTS/e2e/e2e_dp.wasm

cleanup() {
	"$K" unload e2e_dp 2>/dev/null
	"$K" unload e2e_plain 2>/dev/null
	kwasm_rmmod
}

kwasm_start 49 cleanup "$B"

dp_load_e2e "$DP"

handle() { dp_handle e2e_dp "$1"; }
H_ECHO=$(handle echo)
H_LEN=$(handle len)
if [ -n "$H_ECHO" ] && [ -n "$H_LEN" ] && [ -z "$(handle not_a_filter)" ]; then
	ktap_ok "kwasm list shows handles for (i32) -> i32 exports only"
else
	ktap_fail "kwasm list shows handles for (i32) -> i32 exports only" "$("$K" list e2e_dp)"
fi

for t in xdp tc syscall; do
	expect_res "$t: the guest reads the buffer (result = first byte)" 5 $t "$H_ECHO" --data 05aa07
	expect_res "$t: pkt_len is the buffer size" 100 $t "$H_LEN" --size 100
	expect_res "$t: an unknown handle is ENOENT" -2 $t 999999 --data 00
	# The handle table is indexed by the low 13 bits: a number that shares
	# a live handle's slot is not that handle.
	expect_res "$t: a handle 8192 past a live one is ENOENT" -2 $t $((H_ECHO + 8192)) --data 05
	expect_res "$t: a trap is EFAULT" -14 $t "$(handle trap)" --data 00
	expect_res "$t: running out of fuel is EDQUOT" -122 $t "$(handle spin)" --data 00
	expect_res "$t: a negative result is ERANGE" -34 $t "$(handle neg)" --data 00
	expect_res "$t: bpf_kwasm_noop returns 0 whatever the handle" 0 $t 999999 --data 00 --noop
done

out=$("$B" test-run syscall "$H_ECHO" --data 05aa07 2>&1)
if echo "$out" | grep -q '^data 06ab08'; then
	ktap_ok "pkt_write changes the caller's buffer"
else
	ktap_fail "pkt_write changes the caller's buffer" "$out"
fi
expect_res "the largest buffer (4096 bytes) works" 4096 syscall "$H_LEN" --size 4096
expect_res "an oversized buffer is E2BIG" -7 syscall "$H_LEN" --size 4097

# Maps: the guest counts, userspace reads; userspace writes, the guest reads.
for i in 1 2 3; do
	bpf_result syscall "$(handle count)" --data 00 >/dev/null
done
got=$("$K" map get e2e_dp 0 str:hits 2>&1)
case $got in
*3*) ktap_ok "map_add from the data path is visible to kwasm map get" ;;
*) ktap_fail "map_add from the data path is visible to kwasm map get" "$got" ;;
esac
"$K" map set e2e_dp 1 str:hits u64:42
expect_res "kwasm map set is visible to the guest" 42 syscall "$(handle rule)" --data 00
"$K" map set e2e_dp 1 str:hits u64:43
expect_res "changing the map changes the answer live" 43 syscall "$(handle rule)" --data 00
ktap_check "kwasm map dump lists the entries" sh -c "'$K' map dump e2e_dp | grep -c . | grep -qx 2"

# Memory grows inside the preallocated cap (32 pages), never beyond it.
expect_res "memory.grow inside the reserve works on the data path" 1 syscall "$(handle grow)" --size 3
expect_res "memory.grow past the cap fails (-1) on the data path" 0 syscall "$(handle grow)" --size 40

# kwasm.log: rate-limited, prefixed with the module name.
bpf_result syscall "$(handle hello)" --data 00 >/dev/null
ktap_check "kwasm.log reaches the kernel log with the module name" \
	sh -c "dmesg | grep -q 'kwasm: e2e_dp: e2e_dp says hello'"

# A control-plane call no longer holds a CPU's instance (it has its own),
# so it cannot provoke the re-entry guard: 35-hardening.sh checks that it
# leaves the data path alone.

# Bad imports fail LOAD with the import's name and nothing stays loaded.
E=$KWASM_GUESTS/e2e
expect "an unknown kwasm import fails LOAD with its name" 1 '*' \
	"*unknown import kwasm.no_such_fn*" -- "$K" load "$E/e2e_dp_unknown.wasm" --datapath --name bad1
expect "a kwasm import of the wrong type fails LOAD" 1 '*' \
	"*incompatible import type for kwasm.pkt_len*" -- "$K" load "$E/e2e_dp_badtype.wasm" --name bad2
expect "a data-path module cannot import other modules" 1 '*' \
	"*import only kwasm.*, not env.helper*" -- "$K" load "$E/e2e_dp_foreign.wasm" --datapath --name bad3
ktap_check "failed loads leave nothing behind" sh -c "! '$K' list | grep -q bad"

# A module that is not a data-path one can use the guest ABI too.
ktap_check "a control-plane module imports kwasm.*" "$K" load "$DP" --name e2e_plain
got=$("$K" call e2e_plain count 0 2>&1)
[ "$got" = 1 ] && ktap_ok "its maps work through kwasm call" ||
	ktap_fail "its maps work through kwasm call" "$got"
ktap_check "kfunc handles are only for data-path modules" \
	sh -c "! '$K' list e2e_plain | grep -q handles"

# Unload: handles die with the module, the allocation counter drops to 0.
"$K" unload e2e_plain
ktap_check "unload the data-path module" "$K" unload e2e_dp
expect_res "a handle of an unloaded module is ENOENT" -2 syscall "$H_ECHO" --data 00
ktap_check "no engine allocation left" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
ktap_check "rmmod kwasm once the BPF programs are gone" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
