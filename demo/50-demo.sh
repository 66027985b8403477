#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# What `make demo` shows inside the VM: kwasm.ko inserted into Debian's
# stock kernel, guests written in four languages loaded and called from
# the command line, a runaway guest stopped by its fuel budget, then the
# data path: an eBPF program calling a Wasm filter, and that filter
# dropping traffic between two network namespaces.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh
. "$(dirname "$0")"/lib_bpf.sh
. "$(dirname "$0")"/lib_demo.sh

ktap_plan 1
say "kernel: $(uname -r) (Debian's stock image, booted under QEMU)"
run insmod "$KWASM_KO"
for f in "$KWASM_GUESTS"/*_example.wasm; do
	run kwasm load "$f"
done
run kwasm call c_example fnv1a 1000
run kwasm call c_example collatz_steps 837799
run kwasm call rust_example fib 50
run kwasm call rust_example leibniz_pi 1000
run kwasm call as_example isPrime 1000000007
run kwasm call as_example distance 0 0 3 4
run kwasm call wat_example divmod 100 7
run kwasm load "$KWASM_GUESTS"/e2e/e2e_traps.wasm --name runaway --fuel 5000000
run kwasm call runaway spin
run kwasm call runaway div0 0
run kwasm list
run kwasm stats

say ""
say "Data path: the C blocklist filter (examples/filters), one instance per CPU;"
say "it drops IPv4 packets from or to an address listed in its map 0."
run kwasm load "$KWASM_FILTERS"/c_blocklist.wasm --name blocklist --datapath
h=$(dp_handle blocklist filter)
# An ICMP echo 10.99.0.1 -> 10.99.0.2 from its IP header on, as XDP hands
# it over (icmp4 of examples/filters/packets.sh).
pkt=450000241c464000400109cb0a6300010a63000208006668000100016162636465666768
# The XDP program's answer and the filter's result, not the buffers.
xdp_run() {
	say "\$ kwasm-bpf test-run xdp $h --data \$PKT"
	kwasm-bpf test-run xdp "$h" --data "$pkt" 2>&1 | sed -n 1,2p |
		while IFS= read -r l; do say "  $l"; done
}
say "eBPF calls Wasm: an XDP program's bpf_kwasm_call() asks handle $h for a verdict"
say "on PKT, an ICMP echo from 10.99.0.1 to 10.99.0.2"
xdp_run
run kwasm map set blocklist 0 ip:10.99.0.1 u8:1
xdp_run
run kwasm map del blocklist 0 ip:10.99.0.1

say ""
say "Netfilter: namespaces A (10.99.0.1) and B (10.99.0.2) over veth, the filter on B's ipv4-in"
if net_setup; then
	run kwasm attach blocklist filter --hook ipv4-in --netns "$NS_B_NET"
	run ns_a ping -q -c 3 -i 0.2 -W 1 10.99.0.2
	run kwasm map set blocklist 0 ip:10.99.0.1 u8:1
	run ns_a ping -q -c 3 -i 0.2 -W 1 10.99.0.2
	run kwasm list blocklist
	net_teardown
fi
run rmmod kwasm
ktap_ok "demo ran"
ktap_done
