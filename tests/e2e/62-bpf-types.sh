#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The kfuncs from the program types beyond XDP, tc and SYSCALL, through
# BPF_PROG_TEST_RUN (kwasm-bpf test-run, bpf/types.bpf.c): SCHED_ACT,
# LWT_IN/OUT/XMIT and NETFILTER call bpf_kwasm_call_ro(), registered where
# the kernel has kfunc hooks for them (6.12, not 6.1).  And on every
# kernel the verifier refuses the kfunc in SOCKET_FILTER and CGROUP_SKB
# programs (CAP_BPF alone loads them) and in kprobe and fentry programs
# (they can interrupt the engine): kwasm.ko never registers those types.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh

K=$KWASM
B=${KWASM_BPF:-/usr/bin/kwasm-bpf}
DP=$KWASM_GUESTS/e2e/e2e_dp.wasm
TYPES="act lwt_in lwt_out lwt_xmit netfilter"

cleanup() {
	"$K" unload e2e_dp 2>/dev/null
	kwasm_rmmod
}

kwasm_start 33 cleanup "$B" "$DP"

dp_load_e2e "$DP"

handle() { dp_handle e2e_dp "$1"; }
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

# CAP_BPF alone loads socket filters and cgroup_skb programs, and tracing
# contexts can interrupt the engine: the verifier must refuse the kfunc
# there (socket, cgroup_skb: bpf_kwasm_call_ro; kprobe, fentry:
# bpf_kwasm_call), and kwasm-bpf must say why.
for t in socket cgroup_skb kprobe fentry; do
	# The socket and cgroup_skb programs call noop or call_ro: whichever
	# branch the verifier walks first is refused.
	case $t in
	socket | cgroup_skb) f='bpf_kwasm_(noop|call_ro)' why="CAP_BPF alone loads them" ;;
	*) f=bpf_kwasm_call why="they can run inside the engine" ;;
	esac
	out=$("$B" test-run $t "$H_ECHO" 2>&1)
	rc=$?
	if [ $rc = 1 ] && echo "$out" | grep -Eq "calling kernel function $f is not allowed"; then
		ktap_ok "$t: the verifier refuses $f"
	else
		ktap_fail "$t: the verifier refuses $f" "exit $rc" "$out"
	fi
	if echo "$out" | grep -q "the verifier refused the kwasm kfunc: $t programs: $why"; then
		ktap_ok "$t: kwasm-bpf explains the refusal"
	else
		ktap_fail "$t: kwasm-bpf explains the refusal" "$out"
	fi
done

ktap_check "unload the data-path module" "$K" unload e2e_dp
ktap_check "no engine allocation left" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
dmesg_check "no kernel warnings"
ktap_done
