#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The network plumbing the data-path tests stand on (lib_net.sh): two
# namespaces joined by a veth pair, reachable both ways over IPv4 and IPv6,
# TCP that carries data, UDP (DNS) queries delivered, a closed port
# refused at once, a silent host reported within the helpers' bounded
# wait, and a teardown that leaves no namespace behind; then the routed
# layout (A and B through a forwarding namespace R).  No kwasm involved.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh

# An address on the veth subnet that nobody answers for (ARP fails).
silent=10.99.0.3

ktap_plan 24
ktap_cleanup net_teardown
dmesg_mark

if ! net_setup 2>/tmp/.net-setup.err; then
	ktap_fail "net_setup: two namespaces and a veth pair" "$(cat /tmp/.net-setup.err)"
	for t in $(seq 2 23); do
		ktap_skip "plumbing test $t" "net_setup failed"
	done
	dmesg_check "no WARN/BUG/Oops in the kernel log"
	ktap_done
fi
ktap_ok "net_setup: two namespaces and a veth pair"

root=$(readlink /proc/1/ns/net)
na=$(readlink "$NS_A_NET")
nb=$(readlink "$NS_B_NET")
if [ -n "$na" ] && [ -n "$nb" ] && [ "$na" != "$root" ] && [ "$nb" != "$root" ] &&
	[ "$na" != "$nb" ]; then
	ktap_ok "A, B and the root are three network namespaces"
else
	ktap_fail "A, B and the root are three network namespaces" "root $root A $na B $nb"
fi

if ns_a ip link show dev "$NET_IF_A" >/dev/null 2>&1 &&
	ns_b ip link show dev "$NET_IF_B" >/dev/null 2>&1 &&
	! ip link show dev "$NET_IF_A" >/dev/null 2>&1 &&
	! ip link show dev "$NET_IF_B" >/dev/null 2>&1 &&
	[ -n "$(net_ifindex a)" ] && [ -n "$(net_ifindex b)" ]; then
	ktap_ok "$NET_IF_A is in A, $NET_IF_B in B, neither in the root"
else
	ktap_fail "$NET_IF_A is in A, $NET_IF_B in B, neither in the root" \
		"root: $(ip -o link 2>&1)" "A: $(ns_a ip -o link 2>&1)" "B: $(ns_b ip -o link 2>&1)"
fi

ktap_check "ping A -> B (IPv4)" ping_ok a b
ktap_check "ping B -> A (IPv4)" ping_ok b a
ktap_check "ping A -> B (IPv6)" ping_ok a b6
ktap_check "ping B -> A (IPv6)" ping_ok b a6
n=$(ping_count a b 3)
ktap_check "3 echoes A -> B, 3 replies (got $n)" test "$n" = 3

ktap_check "TCP A -> B:5001 carries data (IPv4)" tcp_ok a b 5001
ktap_check "TCP B -> A:5002 carries data (IPv6)" tcp_ok b a6 5002
# UDP: nothing listens on port 53, the query still reaches B's UDP layer.
rx0=$(udp_rx b)
ktap_check "DNS query A -> B reaches B's UDP layer (IPv4)" dns_delivered a b example.org
rx1=$(udp_rx b)
ktap_check "DNS query B -> A reaches A's UDP layer (IPv6)" dns_delivered b a6 example.org
rx2=$(udp_rx b)
# The counter moves for what B receives, not for what B sends.
ktap_check "B's UDP count: $rx0 -> $rx1 (query to B) -> $rx2 (query from B)" \
	test "$rx1" -gt "$rx0" -a "$rx2" -eq "$rx1"

t0=$(net_now)
r=$(tcp_connect a b 5003)
dt=$(($(net_now) - t0))
ktap_check "TCP A -> B closed port: $r in ${dt}0 ms" test "$r" = refused -a "$dt" -lt $((100 * NET_SLOW))

# The negative paths must answer "no", and within NET_WAIT + 2 seconds
# (times NET_SLOW).
NET_WAIT=1
t0=$(net_now)
ping_ok a $silent
rc=$?
dt=$(($(net_now) - t0))
ktap_check "ping A -> silent host fails (rc $rc) in ${dt}0 ms" \
	test "$rc" -ne 0 -a "$dt" -lt $((300 * NET_SLOW))
t0=$(net_now)
r=$(tcp_connect a $silent 5004)
dt=$(($(net_now) - t0))
# No answer, or no ARP answer (EHOSTUNREACH) when neighbour resolution
# gives up first, which a slow (debug) kernel lets happen.
ktap_check "TCP A -> silent host: $r in ${dt}0 ms" \
	test "(" "$r" = timeout -o "$r" = unreachable ")" -a "$dt" -lt $((300 * NET_SLOW))
NET_WAIT=2

# A server left running in B must not keep its namespace alive.
ns_bg 60 b nc -l -p 5005 </dev/null >/dev/null 2>&1
net_teardown
left=$(net_foreign_ns)
ktap_check "teardown (with a stray server in B) leaves no process in another namespace" \
	test -z "$left"
left=$(ip -o link show 2>&1 | grep -e "$NET_IF_A" -e "$NET_IF_B")
ktap_check "teardown leaves no veth in the root namespace" test -z "$left"

if net_setup routed 2>/tmp/.net-setup.err; then
	ktap_ok "net_setup routed: A and B through R"
	ktap_check "routed: ping A -> B (IPv4, $NET_B4)" ping_ok a b
	ktap_check "routed: ping B -> A (IPv6)" ping_ok b a6
	ktap_check "routed: TCP A -> B:5006 carries data (IPv4)" tcp_ok a b 5006
else
	ktap_fail "net_setup routed: A and B through R" "$(cat /tmp/.net-setup.err)"
	for t in "ping A -> B" "ping B -> A" "TCP A -> B"; do
		ktap_skip "routed: $t" "net_setup routed failed"
	done
fi
net_teardown
left=$(net_foreign_ns)
ktap_check "routed: teardown leaves no process in another namespace" test -z "$left"

dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
