#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Who may drive a data-path guest from eBPF (docs/DATAPATH.md, Security
# model), with kwasm-bpf --caps dropping to nobody with a few capabilities
# before the load and --run-caps after it: CAP_BPF alone loads SYSCALL
# programs, whose bpf_kwasm_call_sys() then fails with -EPERM without
# running the guest, whoever loaded them; they get neither
# bpf_kwasm_call() nor bpf_kwasm_call_ro().  XDP, tc and the other skb
# types need CAP_NET_ADMIN to load, and then their kfuncs check no task,
# on packets and in test runs alike, on 6.1 and 6.12; socket filters and
# cgroup_skb programs, which CAP_BPF alone loads, are refused by the
# verifier.  And the read-only variant: bpf_kwasm_call_ro() leaves the
# buffer alone (pkt_write returns -1 to the guest) where bpf_kwasm_call()
# lets the guest write it.
# Uses e2e_dp_write.wasm (tests/e2e/wat): fill returns pkt_write's
# result + 1, so 0 means read-only and N + 1 means N bytes written.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh

K=$KWASM
B=$KWASM_BPF
W=$KWASM_GUESTS/e2e/e2e_dp_write.wasm

cleanup() {
	"$K" unload e2e_perm 2>/dev/null
	kwasm_rmmod
}

kwasm_start 43 cleanup "$B" "$W"

# run DESC WANT_RC PATTERN -- CMD...: CMD exits WANT_RC, output matches
# PATTERN (grep -E).
run() {
	desc=$1 want=$2 pat=$3
	shift 4
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && echo "$out" | grep -Eq -- "$pat"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "exit $rc (want $want), want /$pat/: $*" "$out"
	fi
}

calls() {
	"$K" list e2e_perm | sed -n 's/.*; calls \([0-9]*\),.*/\1/p'
}

# calls_are DESC N: the guest's data-path call counter is N.
calls_are() {
	got=$(calls)
	if [ "$got" = "$2" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "data-path calls $got, want $2" "$("$K" list e2e_perm)"
	fi
}

ktap_check "load a data-path module" "$K" load "$W" --datapath --name e2e_perm
F=$(dp_handle e2e_perm fill)
[ -n "$F" ] || F=999999
NOT_ALLOWED='calling kernel function bpf_kwasm_[a-z_]+ is not allowed'

# --- CAP_BPF alone ---------------------------------------------------------
calls_are "no call yet" 0
run "CAP_BPF: a SYSCALL program loads, bpf_kwasm_call_sys is EPERM" 3 '= -1 EPERM$' -- \
	"$B" --caps bpf check "$F" --data 0102
run "CAP_BPF: test-run syscall leaves the data alone" 3 '^data 0102$' -- \
	"$B" --caps bpf test-run syscall "$F" --data 0102
calls_are "CAP_BPF: the guest never ran" 0
run "CAP_BPF: an unknown handle is EPERM too (no probing)" 3 '= -1 EPERM$' -- \
	"$B" --caps bpf check 999999
run "CAP_BPF: bpf_kwasm_call_ro is refused in SYSCALL programs" 1 "$NOT_ALLOWED" -- \
	"$B" --caps bpf test-run syscall "$F" --ro
run "CAP_BPF: bpf_kwasm_call (unchecked) is refused in SYSCALL programs" 1 \
	'calling kernel function bpf_kwasm_call is not allowed' -- \
	"$B" --caps bpf test-run syscall "$F" --unchecked
for t in xdp tc act lwt_in; do
	run "CAP_BPF: $t programs do not load (CAP_NET_ADMIN)" 1 'not permitted' -- \
		"$B" --caps bpf test-run $t "$F"
done
case $KVER in
6.1.*) ktap_skip "CAP_BPF: netfilter programs do not load" "6.1 has no netfilter programs" ;;
*) run "CAP_BPF: netfilter programs do not load" 1 'not permitted' -- \
	"$B" --caps bpf test-run netfilter "$F" --size 20 ;;
esac
for t in socket cgroup_skb; do
	run "CAP_BPF: the verifier refuses the kfunc in $t programs" 1 "$NOT_ALLOWED" -- \
		"$B" --caps bpf test-run $t "$F"
done
run "no capabilities: SYSCALL programs do not load" 1 'not permitted' -- \
	"$B" --caps none check "$F"
calls_are "still no call" 0

# --- CAP_BPF + CAP_NET_ADMIN, without CAP_SYS_ADMIN ------------------------
run "CAP_BPF+CAP_NET_ADMIN: SYSCALL bpf_kwasm_call_sys is still EPERM" 3 '= -1 EPERM$' -- \
	"$B" --caps bpf,net_admin check "$F" --data 0102
calls_are "CAP_BPF+CAP_NET_ADMIN: the SYSCALL program did not run the guest" 0
# 6.1 test-runs XDP in task context with bottom halves enabled, 6.12 with
# them off: either way bpf_kwasm_call() checks no task, as the loader
# needed CAP_NET_ADMIN.
run "CAP_BPF+CAP_NET_ADMIN: XDP test run, bpf_kwasm_call is not checked" 0 \
	'^buffer eeee$' -- "$B" --caps bpf,net_admin test-run xdp "$F" --data 0102
calls_are "CAP_BPF+CAP_NET_ADMIN: the XDP test run ran the guest" 1
run "CAP_BPF+CAP_NET_ADMIN: tc calls bpf_kwasm_call_ro, never checked" 0 '^result 0$' -- \
	"$B" --caps bpf,net_admin test-run tc "$F" --data 0102
run "CAP_BPF+CAP_NET_ADMIN: XDP with bpf_kwasm_call_ro, never checked" 0 '^result 0$' -- \
	"$B" --caps bpf,net_admin test-run xdp "$F" --data 0102 --ro
calls_are "the two read-only calls ran the guest" 3

# --- root loads, nobody with CAP_BPF runs ----------------------------------
# The fd's holder, not its loader, is checked: CAP_BPF because 6.1 refuses
# every bpf() command without it while unprivileged BPF is off (Debian).
run "run by CAP_BPF: root's SYSCALL program, bpf_kwasm_call_sys is EPERM" 3 \
	'= -1 EPERM$' -- "$B" --run-caps bpf check "$F" --data 0102
run "run by CAP_BPF: root's XDP program, the guest writes the buffer" 0 \
	'^buffer eeee$' -- "$B" --run-caps bpf test-run xdp "$F" --data 0102
calls_are "run by CAP_BPF: only the XDP test run ran the guest" 4

# --- root: the writable calls write, bpf_kwasm_call_ro does not ----------
run "root: SYSCALL bpf_kwasm_call_sys runs the guest" 0 '= 3$' -- "$B" check "$F" --data 0102
calls_are "root: the guest ran" 5
run "root: SYSCALL, the guest's pkt_write comes back" 0 '^data eeee$' -- \
	"$B" test-run syscall "$F" --data 0102
run "root: XDP bpf_kwasm_call, the guest writes the buffer" 0 '^buffer eeee$' -- \
	"$B" test-run xdp "$F" --data 0102
run "root: XDP --write-back puts it into the packet" 0 '^data eeee$' -- \
	"$B" test-run xdp "$F" --data 0102 --write-back
run "root: XDP bpf_kwasm_call_ro, pkt_write returns -1" 0 '^result 0$' -- \
	"$B" test-run xdp "$F" --data 0102 --ro
run "root: XDP bpf_kwasm_call_ro leaves the buffer alone" 0 '^buffer 0102$' -- \
	"$B" test-run xdp "$F" --data 0102 --ro
run "root: tc (bpf_kwasm_call_ro) leaves the buffer alone" 0 '^buffer 0102$' -- \
	"$B" test-run tc "$F" --data 0102
run "root: tc --write-back is a usage error" 2 'bpf_kwasm_call_ro' -- \
	"$B" test-run tc "$F" --write-back
run "root: the verifier refuses bpf_kwasm_call_ro in SYSCALL programs" 1 "$NOT_ALLOWED" -- \
	"$B" test-run syscall "$F" --ro
run "root: the verifier refuses bpf_kwasm_call in SYSCALL programs" 1 \
	'calling kernel function bpf_kwasm_call is not allowed' -- \
	"$B" test-run syscall "$F" --unchecked
d=0102030405060708090a0b0c0d0e0f1011121314
case $KVER in
6.1.*)
	ktap_skip "root: act, lwt_in, netfilter leave the buffer alone" "6.1 has no kfunc hooks for them"
	;;
*)
	bad=""
	for t in act lwt_in netfilter; do
		out=$("$B" test-run $t "$F" --data $d 2>&1)
		echo "$out" | grep -q '^result 0$' && echo "$out" | grep -q "^buffer $d\$" ||
			bad="$bad $t: $out"
	done
	if [ -z "$bad" ]; then
		ktap_ok "root: act, lwt_in, netfilter leave the buffer alone"
	else
		ktap_fail "root: act, lwt_in, netfilter leave the buffer alone" "$bad"
	fi
	;;
esac

ktap_check "unload the data-path module" "$K" unload e2e_perm
ktap_check "no engine allocation left" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
ktap_check "rmmod kwasm" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
