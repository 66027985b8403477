#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Churn: load/attach/detach/unload under traffic, namespaces torn down
# while attached, then unload and rmmod with the allocation counter at zero.
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh
K=$KWASM
W=$KWASM_GUESTS/e2e/e2e_nf.wasm

net_start 7
"$K" load "$W" --name f --datapath || ktap_skip_all "load failed"

ns_a sh -c 'while :; do ping -c 20 -i 0.01 -W1 10.99.0.2 >/dev/null 2>&1; done' &
flood=$!
fail=0
i=0
while [ $i -lt 30 ]; do
	"$K" attach f accept --hook ipv4-in --netns "$NS_B_NET" || fail=1
	"$K" attach f spin --hook ipv4-out --netns "$NS_B_NET" || fail=1
	"$K" detach f accept --hook ipv4-in --netns "$NS_B_NET" || fail=1
	"$K" detach f spin --hook ipv4-out --netns "$NS_B_NET" || fail=1
	# A second module is loaded, attached and unloaded under the same traffic.
	"$K" load "$W" --name g --datapath >/dev/null || fail=1
	"$K" attach g accept --hook ipv4-in --netns "$NS_B_NET" || fail=1
	"$K" detach g accept --hook ipv4-in --netns "$NS_B_NET" || fail=1
	"$K" unload g || fail=1
	i=$((i + 1))
done
ktap_check "30 load/attach/detach/unload rounds under traffic" test $fail = 0
"$K" attach f accept --hook ipv4-in --netns "$NS_B_NET"
"$K" attach f accept --hook ipv4-out --netns "$NS_B_NET"
"$K" attach f accept --hook ipv4-in --netns "$NS_A_NET"
sleep 1
"$K" list f >/tmp/list 2>&1
ktap_diag "$(cat /tmp/list)"
ktap_check "traffic counted" grep -q "accept on ipv4-in, netns.*: [1-9][0-9]* packets" /tmp/list
kill $flood 2>/dev/null
net_teardown
i=0
while [ $i -lt 100 ] && "$K" list f | grep -q attached:; do sleep 0.1; i=$((i + 1)); done
ktap_check "namespaces died under traffic: no attachment left" not sh -c "'$K' list f | grep -q attached:"
# Namespaces are freed by a workqueue: an attachment leaves the list when
# its hook is unregistered and lets go of the module a grace period later.
unload_f() {
	i=0
	until "$K" unload f 2>/dev/null; do
		[ $i -lt 100 ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}
ktap_check "unload once the namespaces' cleanup has run" unload_f
ktap_check "allocation counter back to zero" sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
ktap_check "rmmod" rmmod kwasm
dmesg_check "no WARN/BUG/Oops"
ktap_done
