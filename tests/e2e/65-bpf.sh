#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The kwasm kfuncs from eBPF, through kwasm-bpf (bpf/): clear errors
# without kwasm.ko, module BTF, every outcome of bpf_kwasm_call() from
# SYSCALL, XDP and tc test runs, the filters attached to a veth pair, the
# benchmark, and unloading afterwards.  Uses e2e_dp.wasm (tests/e2e/wat).
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh

B=$KWASM_BPF
DP=$KWASM_GUESTS/e2e/e2e_dp.wasm
ktap_need "$B" "$KWASM_KO" "$DP"

cleanup() {
	for i in veth-a veth-b; do
		ns_run a "$B" tc detach $i --egress
		ns_run b "$B" xdp detach $i
	done
	net_teardown
	"$KWASM" unload e2e_dp
	kwasm_rmmod
}

# run DESC WANT_RC PATTERN... -- CMD...: CMD exits WANT_RC and its output
# has every PATTERN (grep -E).
run() {
	desc=$1
	want=$2
	shift 2
	pats=""
	while [ "$1" != -- ]; do
		pats="$pats
$1"
		shift
	done
	shift
	out=$("$@" 2>&1)
	rc=$?
	miss=""
	# One pattern a line, no globbing.
	set -f
	old_ifs=$IFS
	IFS='
'
	for p in $pats; do
		echo "$out" | grep -Eq -- "$p" || miss="$miss '$p'"
	done
	IFS=$old_ifs
	set +f
	if [ "$rc" = "$want" ] && [ -z "$miss" ]; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "exit $rc (want $want), missing:$miss" "$*" "$out"
	fi
}

handle() {
	"$KWASM" list e2e_dp | sed -n "s/.* $1=\([0-9]*\).*/\1/p"
}

ktap_plan 26
ktap_cleanup cleanup
dmesg_mark

run "no kwasm.ko: says so" 1 'not loaded' -- "$B" check 1
insmod "$KWASM_KO"
ktap_check "kwasm.ko has module BTF" test -e /sys/kernel/btf/kwasm
run "check: an unknown handle reaches the kfunc, -ENOENT" 3 '= -2 ENOENT' -- "$B" check 4000000000

"$KWASM" load "$DP" --datapath >/dev/null
echo=$(handle echo)
rule=$(handle rule)
if [ -z "$echo" ] || [ -z "$rule" ]; then
	ktap_diag "$("$KWASM" list e2e_dp 2>&1)"
	echo=999999
	rule=999999
fi
run "check: echo returns the first byte" 0 '= 5$' -- "$B" check "$echo" --data 05
run "syscall: the guest's pkt_write comes back" 0 '^result 0$' '^data 010203$' -- \
	"$B" test-run syscall "$echo" --data 000102
run "syscall: 4096 bytes" 0 '^result 4096$' -- "$B" test-run syscall "$(handle len)" --size 4096
run "xdp: result 1 drops" 0 'XDP_DROP' '^result 1$' '^buffer 02ab$' '^data 01aa$' -- \
	"$B" test-run xdp "$echo" --data 01aa
run "xdp: result 0 passes" 0 'XDP_PASS' '^result 0$' -- "$B" test-run xdp "$echo" --data 00
run "xdp: --write-back changes the packet" 0 '^data 02ab$' -- \
	"$B" test-run xdp "$echo" --data 01aa --write-back
run "xdp: 256 bytes at most reach the guest" 0 '^result 256$' -- \
	"$B" test-run xdp "$(handle len)" --size 1000
run "tc: result 1 drops" 0 'TC_ACT_SHOT' -- "$B" test-run tc "$echo" --data 01
run "xdp: a trap fails open, -EFAULT" 3 'XDP_PASS' 'EFAULT' -- "$B" test-run xdp "$(handle trap)"
run "xdp: out of fuel fails open, -EDQUOT" 3 'XDP_PASS' 'EDQUOT' -- "$B" test-run xdp "$(handle spin)"
run "xdp: a negative result fails open, -ERANGE" 3 'XDP_PASS' 'ERANGE' -- \
	"$B" test-run xdp "$(handle neg)"
run "bench: call against noop" 0 '^bpf_kwasm_call [0-9]+ ns' '^bpf_kwasm_noop [0-9]+ ns' '^ratio' -- \
	"$B" bench "$echo" --repeat 2000
ktap_diag "$("$B" bench "$echo" --repeat 20000 2>&1)" "$("$B" bench "$(handle empty)" --repeat 20000 2>&1)"

if net_setup; then
	"$KWASM" map set e2e_dp 1 str:hits u64:0 >/dev/null
	run "xdp attach" 0 'pinned' -- ns_b "$B" xdp attach veth-b "$rule"
	ktap_check "xdp: rule 0 passes" ping_ok a b
	"$KWASM" map set e2e_dp 1 str:hits u64:1 >/dev/null
	ktap_check "xdp: rule 1 drops" not ping_ok a b
	run "xdp stats count both" 0 '^pass [1-9]' '^drop [1-9]' '^error 0$' -- \
		ns_b "$B" xdp stats veth-b
	run "xdp detach" 0 'detached' -- ns_b "$B" xdp detach veth-b
	ktap_check "xdp: detached, traffic flows" ping_ok a b
	run "tc attach egress" 0 'pinned' -- ns_a "$B" tc attach veth-a "$rule" --egress
	ktap_check "tc: rule 1 drops" not ping_ok a b
	run "tc stats and detach" 0 '^drop [1-9]' 'detached' -- \
		ns_a sh -c "'$B' tc stats veth-a --egress && '$B' tc detach veth-a --egress"
	net_teardown
else
	for t in 1 2 3 4 5 6 7 8 9; do
		ktap_skip "attach $t" "no veth"
	done
fi

"$KWASM" unload e2e_dp >/dev/null
ktap_check "rmmod kwasm after the programs are gone" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
