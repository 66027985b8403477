#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# In the QEMU VM of bench/datapath.sh (not a test: tests live in tests/e2e).
# Loads e2e_dp.wasm with --datapath and times `kwasm-bpf bench` for the
# exports `empty` (default 64-byte payload) and `echo` (64 bytes), ROUNDS
# rounds of RUNS test runs each.  Each round prints, for the host to read:
#
#   # dp: EXPORT SIZE ROUND CALL_NS NOOP_NS
#
# Kernel command line: kwasm_bench.rounds=N, kwasm_bench.runs=N.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh
. "$(dirname "$0")"/lib_bench.sh

B=$KWASM_BPF
DP=$KWASM_GUESTS/e2e/e2e_dp.wasm
ktap_need "$B" "$KWASM_KO" "$DP"

rounds=$(bench_arg rounds 10)
runs=$(bench_arg runs 50000)

cleanup() {
	"$KWASM" unload e2e_dp
	rmmod kwasm
}

# bench EXPORT SIZE: one KTAP line per round, its figures as a diagnostic.
bench() {
	h=$(dp_handle e2e_dp "$1")
	r=1
	while [ "$r" -le "$rounds" ]; do
		if out=$("$B" bench "${h:-999999}" --repeat "$runs" --size "$2" 2>&1); then
			call=$(echo "$out" | sed -n 's/^bpf_kwasm_call \([0-9]*\) ns.*/\1/p')
			noop=$(echo "$out" | sed -n 's/^bpf_kwasm_noop \([0-9]*\) ns.*/\1/p')
			ktap_ok "$1 round $r"
			ktap_diag "dp: $1 $2 $r $call $noop"
		else
			ktap_fail "$1 round $r" "$out"
		fi
		r=$((r + 1))
	done
}

ktap_plan $((2 * rounds + 1))
ktap_cleanup cleanup
dmesg_mark
insmod "$KWASM_KO"
"$KWASM" load "$DP" --datapath >/dev/null
ktap_diag "dp-runs: $rounds x $runs"
bench empty 64
bench echo 64
dmesg_check "no kernel warnings"
ktap_done
