#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The example filters (examples/filters) on real traffic between two
# namespaces: the blocklist (C, Rust, AssemblyScript) on netfilter's
# ipv4-in hook in B, driven live through its maps; the DNS counter; the
# rate limiter; then the C blocklist under XDP through kwasm-bpf.
#
#   A veth-a --ping, TCP, DNS--> veth-b [XDP] B [ipv4-in] --> the filter
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh
K=$KWASM
BPF=$KWASM_BPF
F=$KWASM_FILTERS
P=5001	# the port map 1 blocks
P2=5002	# a port it leaves alone

[ -f "$KWASM_KO" ] || ktap_skip_all "no kwasm.ko"
[ -f "$F/c_blocklist.wasm" ] || ktap_skip_all "no example filters in $F"

cleanup() {
	[ -z "$NS_B_PID" ] || ns_b "$BPF" xdp detach "$NET_IF_B"
	net_teardown
	kwasm_rmmod
}

ktap_cleanup cleanup
dmesg_mark
insmod "$KWASM_KO" || ktap_skip_all "insmod failed"
net_setup || ktap_skip_all "net_setup failed"
ktap_plan 56

# expect_eq DESC WANT GOT
expect_eq() {
	if [ "$3" = "$2" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "got '$3', want '$2'"
	fi
}

# NAME: the counters of NAME's one netfilter attachment.
nf_counts() {
	"$K" list "$1" | sed -n 's/^  attached: .*: \([0-9]* packets.*\)/\1/p'
}

# NAME: the data-path handle of NAME's export "filter".
handle() {
	"$K" list "$1" | sed -n 's/.*handles.* filter=\([0-9]*\).*/\1/p'
}

# pass|drop|error: the XDP program's counter on veth-b.
xdp_stat() {
	ns_b "$BPF" xdp stats "$NET_IF_B" | sed -n "s/^$1 \([0-9]*\)$/\1/p"
}

# NAME FILE: load FILE as NAME and attach its filter on ipv4-in in B.
nf_load() {
	"$K" load "$2" --name "$1" --datapath >/dev/null &&
		"$K" attach "$1" filter --hook ipv4-in --netns "$NS_B_NET"
}

# --- netfilter: the C blocklist --------------------------------------------
ktap_check "C blocklist: load --datapath, attach on ipv4-in in B" \
	nf_load blocklist "$F/c_blocklist.wasm"
# Exact counts: ipv4-in in B sees IPv4 arriving in B only (no ARP, no
# IPv6), and until the blocked pings are done nothing else arrives (TCP
# comes after: its late ACKs and retransmits would blur the count).  So 5
# echoes are exactly 5 packets, and blocked ones exactly 5 drops: a counter
# off by one fails.
expect_eq "5 pings A->B pass" 5 "$(ping_count a b 5)"
expect_eq "counters: 5 packets, 5 accepts" "5 packets, 5 accepts, 0 drops, 0 errors" \
	"$(nf_counts blocklist)"
ktap_check "map set blocklist 0 ip:A" "$K" map set blocklist 0 "ip:$NET_A4" u8:1
expect_eq "A listed: no echo comes back" 0 "$(ping_count a b 5)"
expect_eq "counters: 5 more packets, 5 drops" "10 packets, 5 accepts, 5 drops, 0 errors" \
	"$(nf_counts blocklist)"
ktap_check "A listed: TCP A->B:$P fails" not tcp_ok a b $P
ktap_check "map del: A unlisted live" "$K" map del blocklist 0 "ip:$NET_A4"
ktap_check "unlisted: ping passes" ping_ok a b
ktap_check "unlisted: TCP passes" tcp_ok a b $P
ktap_check "map set blocklist 1 port:$P" "$K" map set blocklist 1 "port:$P" u8:1
ktap_check "port $P blocked: TCP to it fails" not tcp_ok a b $P
ktap_check "port $P blocked: TCP to $P2 passes" tcp_ok a b $P2
ktap_check "port $P blocked: ping passes" ping_ok a b
ktap_check "map del port" "$K" map del blocklist 1 "port:$P"
# The dropped SYNs add up to a number TCP decides; only the sum is exact.
c=$(nf_counts blocklist)
ktap_diag "$c"
ktap_check "counters: packets = accepts + drops, drops > 5, no errors" \
	sh -c "echo '$c' | awk '\$1 == \$3 + \$5 && \$5 > 5 && \$7 == 0 { ok = 1 } END { exit !ok }'"
ktap_check "detach the C blocklist" "$K" detach blocklist filter --hook ipv4-in --netns "$NS_B_NET"

# --- netfilter: the same filter in Rust and AssemblyScript -----------------
# Exact again: the last TCP connection closed long before (a ping, two
# commands and a load in between), so each filter sees just its 2 echoes.
for l in rust as; do
	m=${l}_blocklist
	ktap_check "$l blocklist: load, attach" nf_load "$m" "$F/$m.wasm"
	ktap_check "$l blocklist: ping passes" ping_ok a b
	"$K" map set "$m" 0 "ip:$NET_A4" u8:1
	ktap_check "$l blocklist: A listed, ping dropped" not ping_ok a b
	expect_eq "$l blocklist: counters" "2 packets, 1 accepts, 1 drops, 0 errors" "$(nf_counts "$m")"
	ktap_check "$l blocklist: detach" "$K" detach "$m" filter --hook ipv4-in --netns "$NS_B_NET"
done

# --- netfilter: the DNS counter --------------------------------------------
ktap_check "dns: load, attach" nf_load dns "$F/c_dns.wasm"
# nslookup may send A and AAAA queries and retry: whatever it sent, every
# query that reached B's UDP layer passed the filter, and counts.
rx=$(udp_rx b)
dns_query a b kwasm.example
rx=$(($(udp_rx b) - rx))
ktap_check "dns: the queries reached B" test "$rx" -ge 1
expect_eq "dns: map 0 counts every query for kwasm.example" "u64:$rx" \
	"$("$K" map get dns 0 str:kwasm.example 2>&1)"
ktap_check "dns: no other name counted" sh -c "'$K' map dump dns 0 | grep -c . | grep -qx 1"
ktap_check "dns: detach" "$K" detach dns filter --hook ipv4-in --netns "$NS_B_NET"

# --- netfilter: the rate limiter -------------------------------------------
# Rate 0 refills nothing: exactly the burst passes, however slow TCG is.
ktap_check "ratelimit: load" "$K" load "$F/c_ratelimit.wasm" --name ratelimit --datapath
"$K" map set ratelimit 1 str:rate u64:0
"$K" map set ratelimit 1 str:burst u64:3
ktap_check "ratelimit: attach (rate 0, burst 3)" \
	"$K" attach ratelimit filter --hook ipv4-in --netns "$NS_B_NET"
expect_eq "ratelimit: 3 of 8 pings pass" 3 "$(ping_count a b 8)"
expect_eq "ratelimit: map 2 counts 5 drops" u64:5 "$("$K" map get ratelimit 2 str:drops 2>&1)"
expect_eq "ratelimit: counters" "8 packets, 3 accepts, 5 drops, 0 errors" "$(nf_counts ratelimit)"
ktap_check "ratelimit: detach" "$K" detach ratelimit filter --hook ipv4-in --netns "$NS_B_NET"

# --- XDP: the C blocklist through kwasm-bpf --------------------------------
if [ -x "$BPF" ]; then
	ktap_check "xdp attach veth-b, blocklist handle" \
		ns_b "$BPF" xdp attach "$NET_IF_B" "$(handle blocklist)"
	expect_eq "xdp: 5 pings pass" 5 "$(ping_count a b 5)"
	"$K" map set blocklist 0 "ip:$NET_A4" u8:1
	expect_eq "xdp: A listed, no echo comes back" 0 "$(ping_count a b 5)"
	# XDP also sees ARP and IPv6, but those pass (not IPv4, not listed):
	# the noise is in "pass" only, drops are exactly the 5 echoes.
	expect_eq "xdp stats: exactly 5 drops" 5 "$(xdp_stat drop)"
	ktap_check "xdp stats: at least 5 passes" test "$(xdp_stat pass)" -ge 5
	ktap_check "xdp: A listed, TCP fails" not tcp_ok a b $P
	"$K" map del blocklist 0 "ip:$NET_A4"
	ktap_check "xdp: unlisted live, ping passes" ping_ok a b
	ktap_check "xdp: unlisted, TCP passes" tcp_ok a b $P
	"$K" map set blocklist 1 "port:$P" u8:1
	ktap_check "xdp: port $P blocked, TCP to it fails" not tcp_ok a b $P
	ktap_check "xdp: port $P blocked, TCP to $P2 passes" tcp_ok a b $P2
	ktap_check "xdp: port $P blocked, ping passes" ping_ok a b
	ktap_diag "$(ns_b "$BPF" xdp stats "$NET_IF_B" 2>&1)"
	ktap_check "xdp stats: more drops (the SYNs)" test "$(xdp_stat drop)" -gt 5
	expect_eq "xdp stats: no errors" 0 "$(xdp_stat error)"
	ktap_check "xdp detach" ns_b "$BPF" xdp detach "$NET_IF_B"
	ktap_check "xdp detached: TCP to $P passes" tcp_ok a b $P
else
	for t in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		ktap_skip "xdp $t" "no kwasm-bpf"
	done
fi

# --- cleanup ----------------------------------------------------------------
net_teardown
for m in blocklist rust_blocklist as_blocklist dns ratelimit; do
	"$K" unload "$m" || ktap_diag "unload $m failed"
done
ktap_check "no engine allocation left" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
ktap_check "rmmod kwasm" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
