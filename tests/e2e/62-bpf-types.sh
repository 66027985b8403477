#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The kfuncs from the program types beyond XDP, tc and SYSCALL, through
# BPF_PROG_TEST_RUN (kwasm-bpf test-run, guest/bpf/types.bpf.c): SCHED_ACT,
# SOCKET_FILTER, CGROUP_SKB, LWT_IN/OUT/XMIT and NETFILTER, registered
# where the kernel has kfunc hooks for them (6.12, not 6.1).  And on every
# kernel: kprobe and fentry programs that call bpf_kwasm_call() are
# refused by the verifier, because kwasm.ko never registers those types.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh

K=$KWASM
B=${KWASM_BPF:-/usr/bin/kwasm-bpf}
DP=$KWASM_GUESTS/e2e/e2e_dp.wasm
TYPES="act socket cgroup_skb lwt_in lwt_out lwt_xmit netfilter"

cleanup() {
	"$K" unload e2e_dp 2>/dev/null
	kwasm_rmmod
}

[ -f "$KWASM_KO" ] || ktap_skip_all "no kwasm.ko"
[ -x "$B" ] || ktap_skip_all "no kwasm-bpf"
[ -f "$DP" ] || ktap_skip_all "no e2e_dp.wasm"
ktap_plan 37
ktap_cleanup cleanup
dmesg_mark
insmod "$KWASM_KO" || ktap_fail "insmod"

ktap_check "the eBPF bridge is registered" sh -c "'$K' stats | grep -q 'eBPF bridge: *kfuncs registered'"
ktap_check "load a data-path module" "$K" load "$DP" --datapath --name e2e_dp

handle() {
	dp_handle e2e_dp "$1"
}
H_ECHO=$(handle echo)
H_TRAP=$(handle trap)

# The kfunc hooks for these types came in 6.3 and 6.4; kwasm.ko does not
# even try them on older kernels.
case $KVER in
6.1.*) old="6.1 has no kfunc hooks for this program type" ;;
*) old="" ;;
esac

for t in $TYPES; do
	# Netfilter test runs want an IP packet: at least 20 bytes.
	d=05aa07
	[ "$t" != netfilter ] || d=05aa070000000000000000000000000000000000
	if [ -n "$old" ]; then
		for c in "the guest reads the buffer" "an unknown handle is ENOENT" \
			"a trap is EFAULT" "bpf_kwasm_noop returns 0"; do
			ktap_skip "$t: $c" "$old"
		done
		continue
	fi
	expect_res "$t: the guest reads the buffer (result = first byte)" 5 $t "$H_ECHO" --data $d
	expect_res "$t: an unknown handle is ENOENT" -2 $t 999999 --data $d
	expect_res "$t: a trap is EFAULT" -14 $t "$H_TRAP" --data $d
	expect_res "$t: bpf_kwasm_noop returns 0 whatever the handle" 0 $t 999999 --data $d --noop
done

# Tracing contexts can interrupt the engine: the verifier must refuse the
# kfunc there, and kwasm-bpf must say so.
for t in kprobe fentry; do
	out=$("$B" test-run $t "$H_ECHO" 2>&1)
	rc=$?
	if [ $rc = 1 ] && echo "$out" | grep -q 'calling kernel function bpf_kwasm_call is not allowed'; then
		ktap_ok "$t: the verifier refuses bpf_kwasm_call"
	else
		ktap_fail "$t: the verifier refuses bpf_kwasm_call" "exit $rc" "$out"
	fi
	if echo "$out" | grep -q "the verifier refused the kwasm kfunc: $t programs can run inside the engine"; then
		ktap_ok "$t: kwasm-bpf explains the refusal"
	else
		ktap_fail "$t: kwasm-bpf explains the refusal" "$out"
	fi
done

ktap_check "unload the data-path module" "$K" unload e2e_dp
ktap_check "no engine allocation left" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
dmesg_check "no kernel warnings"
ktap_done
