#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Netfilter attachments end to end: verdicts per hook and namespace,
# fail-open/closed, counters, refusals, namespaces dying while attached.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh
K=$KWASM
W=$KWASM_GUESTS/e2e/e2e_nf.wasm

net_start 35

att() { grep -o "attached: $1 on $2[^\n]*" /tmp/list; }

ktap_check "load --datapath" "$K" load "$W" --name f --datapath
ktap_check "load plain" "$K" load "$W" --name plain
ktap_check "ping a->b before" ping_ok a b
ktap_check "attach drop ipv4-in in B" "$K" attach f drop --hook ipv4-in --netns "$NS_B_NET"
ktap_check "ping a->b dropped" not ping_ok a b
ktap_check "ping a->b6 unaffected" ping_ok a b6
expect "attach twice: EEXIST" 1 '*' "*already attached*" -- \
	"$K" attach f drop --hook ipv4-in --netns "$NS_B_NET"
expect "unload while attached: EBUSY" 1 '*' "*detach it first*" -- "$K" unload f
expect "attach non-dp module" 1 '*' "*not a data-path*" -- "$K" attach plain drop --hook ipv4-in
expect "attach missing export" 1 '*' "*no data-path export*" -- "$K" attach f nosuch --hook ipv4-in
expect "detach not attached" 1 '*' "*not attached*" -- \
	"$K" detach f accept --hook ipv4-in --netns "$NS_B_NET"
"$K" list f >/tmp/list 2>&1
ktap_diag "$(cat /tmp/list)"
ktap_check "list shows drops" grep -q "drop on ipv4-in, netns .*fail-open, priority 0: [1-9][0-9]* packets, 0 accepts, [1-9]" /tmp/list
ktap_check "detach drop" "$K" detach f drop --hook ipv4-in --netns "$NS_B_NET"
ktap_check "ping a->b after detach" ping_ok a b
ktap_check "attach drop_icmp ipv4-out in A" "$K" attach f drop_icmp --hook ipv4-out --netns "$NS_A_NET"
ktap_check "ping a->b dropped at out" not ping_ok a b
ktap_check "tcp a->b passes" tcp_ok a b 5001
ktap_check "detach drop_icmp" "$K" detach f drop_icmp --hook ipv4-out --netns "$NS_A_NET"
ktap_check "attach drop_icmp6 ipv6-in in B" "$K" attach f drop_icmp6 --hook ipv6-in --netns "$NS_B_NET"
ktap_check "ping a->b6 dropped" not ping_ok a b6
ktap_check "attach trap fail-closed" "$K" attach f trap --hook ipv4-in --netns "$NS_B_NET" --fail-closed --priority -5
ktap_check "ping a->b dropped (fail-closed)" not ping_ok a b
ktap_check "attach bad fail-open in A" "$K" attach f bad --hook ipv4-in --netns "$NS_A_NET"
ktap_check "attach spin fail-open in A out" "$K" attach f spin --hook ipv4-out --netns "$NS_A_NET"
ktap_check "attach len_cap forward" "$K" attach f len_cap --hook forward
ktap_check "attach len_cap in A, fail-closed, priority 10" "$K" attach f len_cap --hook ipv4-in --netns "$NS_A_NET" --fail-closed --priority 10
# b -> a: A in runs bad and len_cap (reassembled 4028 bytes: sees 2048), A out runs spin.
ns_b ping -c1 -W2 -s 4000 10.99.0.1 >/dev/null 2>&1
"$K" list f >/tmp/list 2>&1
ktap_diag "$(cat /tmp/list)"
ktap_check "bad result: error, accepted" grep -q "bad on ipv4-in.*: 1 packets, 1 accepts, 0 drops, 1 errors" /tmp/list
ktap_check "out of fuel: error, accepted" grep -q "spin on ipv4-out.*: 1 packets, 1 accepts, 0 drops, 1 errors" /tmp/list
ktap_check "len_cap: 4 KB packet seen as at most 2048" grep -q "len_cap on ipv4-in.*fail-closed, priority 10: 1 packets, 1 accepts, 0 drops, 0 errors" /tmp/list
"$K" list f >/tmp/list 2>&1
ktap_diag "$(cat /tmp/list)"
ktap_check "trap: errors and drops" grep -q "trap on ipv4-in.*fail-closed, priority -5: [1-9][0-9]* packets, 0 accepts, [1-9][0-9]* drops, [1-9]" /tmp/list
# Namespace B goes away with two attachments: they must detach themselves.
kill "$NS_B_PID"; wait "$NS_B_PID" 2>/dev/null
net_teardown
i=0
while [ $i -lt 100 ]; do
	n=$("$K" list f 2>/dev/null | grep -c "attached:")
	[ "$n" -le 3 ] && break
	sleep 0.1; i=$((i + 1))
done
"$K" list f >/tmp/list 2>&1
ktap_diag "$(cat /tmp/list)"
ktap_check "dying namespaces detached theirs (only the root one left)" test "$("$K" list f | grep -c attached:)" = 1
ktap_check "detach forward" "$K" detach f len_cap --hook forward
ktap_check "unload f" "$K" unload f
ktap_check "load again, attach in root, rmmod with it attached" sh -c "'$K' load '$W' --name g --datapath && '$K' attach g accept --hook ipv4-in && '$K' attach g drop_icmp6 --hook ipv6-out && ping -c1 -W1 127.0.0.1 >/dev/null && rmmod kwasm"
dmesg_check "no WARN/BUG/Oops"
ktap_done
