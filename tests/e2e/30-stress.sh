#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The kernel stays healthy under hostile load: a guest spinning with an
# enormous fuel budget next to a shell that must stay responsive, four
# processes making 1000 calls each while modules come and go, unload in
# the middle of a call, and insmod/rmmod cycles with modules loaded.
#
#   cpu0: kwasm call spin (fuel 2^63)    cpu0: shell loop timing `true`
#   4 x (1000 x kwasm call)  <->  load/unload churn  <->  unload mid-call
. "$(dirname "$0")"/lib.sh

T=$KWASM_GUESTS/e2e/e2e_traps.wasm
K=$KWASM

cleanup() {
	kill -9 $(jobs -p) 2>/dev/null || true
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

if [ ! -f "$KWASM_KO" ] || [ ! -f "$T" ]; then
	ktap_skip_all "no kwasm.ko or no e2e guests in this image"
	exit 0
fi
ktap_plan 10
ktap_cleanup cleanup
dmesg_mark
# call_ms (default 10 s) would end the 25 s runaway call: allow a minute.
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO" call_ms=60000
ktap_check "load the runaway module" "$K" load "$T" --name spin --fuel 9223372036854775807

# Pin the spinning call and the shell to one CPU: only cond_resched() in
# the guest's back-edges lets the shell run.  25 s outlasts the soft
# lockup watchdog (softlockup_panic=1 would crash the VM).
taskset -c 0 "$K" call spin spin >/dev/null 2>&1 &
spinner=$!
worst=0
i=0
while [ $i -lt 25 ]; do
	t0=$(date +%s)
	taskset -c 0 sh -c 'i=0; while [ $i -lt 200 ]; do i=$((i + 1)); done'
	t1=$(date +%s)
	[ $((t1 - t0)) -le $worst ] || worst=$((t1 - t0))
	sleep 1
	i=$((i + 1))
done
# Without a yield the shell would wait for the whole 25 s call; a loaded
# host (other VMs on its 2 cores) stretched a yielding run to 4 s.
ktap_check "shell stayed responsive beside a spinning guest (worst ${worst}s)" \
	test "$worst" -le 10
ktap_check "the spinning call is still running" kill -0 $spinner
kill -9 $spinner
wait $spinner 2>/dev/null
ktap_check "killing the caller ends the call; the module answers again" \
	sh -c "[ \$($K call spin count 10) = 10 ]"

# 4 x 1000 calls while another process loads and unloads modules.
churn() {
	n=0
	while [ -f /tmp/churn ]; do
		"$K" load "$T" --name churn$n >/dev/null 2>&1
		"$K" unload churn$n >/dev/null 2>&1
		n=$(((n + 1) % 4))
	done
}
caller() {
	bad=0
	i=0
	while [ $i -lt 1000 ]; do
		[ "$("$K" call spin count 7 2>/dev/null)" = 7 ] || bad=$((bad + 1))
		i=$((i + 1))
	done
	echo $bad >/tmp/caller.$1
}
touch /tmp/churn
churn &
for c in 1 2 3 4; do
	caller $c &
done
for c in 1 2 3 4; do
	while [ ! -f /tmp/caller.$c ]; do sleep 1; done
done
rm -f /tmp/churn
wait
bad=$(cat /tmp/caller.1 /tmp/caller.2 /tmp/caller.3 /tmp/caller.4 | awk '{ s += $1 } END { print s }')
ktap_check "4 x 1000 concurrent calls during load/unload churn all correct ($bad wrong)" \
	test "$bad" -eq 0

# Unload while a long call runs: the unload waits, nothing is freed early.
"$K" load "$T" --name long --fuel 300000000 >/dev/null
"$K" call long spin >/tmp/long.out 2>&1 &
caller=$!
sleep 1
ktap_check "unload during a call succeeds" "$K" unload long
wait $caller
ktap_check "the call in flight finished with fuel exhausted" grep -q "fuel exhausted" /tmp/long.out

# insmod/rmmod cycles with modules loaded each time.
bad=0
i=0
while [ $i -lt 20 ]; do
	[ -d /sys/module/kwasm ] || insmod "$KWASM_KO" || bad=$((bad + 1))
	"$K" load "$T" --name cyc >/dev/null 2>&1 || bad=$((bad + 1))
	"$K" load "$KWASM_GUESTS"/c_example.wasm >/dev/null 2>&1 || bad=$((bad + 1))
	rmmod kwasm || bad=$((bad + 1))
	i=$((i + 1))
done
ktap_check "20 insmod/rmmod cycles with modules loaded ($bad failures)" test "$bad" -eq 0
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
