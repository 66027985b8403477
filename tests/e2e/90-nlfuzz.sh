#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The netlink fuzzer (tests/fuzz/netlink) against kwasm.ko: random and
# mutated requests of every command from privileged and unprivileged
# senders at once, for KWASM_NLFUZZ_SECONDS (default 20; the debug-kernel
# lane sets more).  Then: no findings (every request acked, every reply
# well-formed, no sender killed), no fz_ module left, no engine allocation
# left, a clean kernel log, and kwasm.ko still unloads.
#
#   kwasm-nlfuzz: 3 root workers + 1 uid 65534 worker --genl--> kwasm.ko
#                 (modules from /guest and /spec, fds of every kind)
. "$(dirname "$0")"/lib.sh

NLFUZZ=${KWASM_NLFUZZ:-/usr/bin/kwasm-nlfuzz}
secs=${KWASM_NLFUZZ_SECONDS:-20}
seed=${KWASM_NLFUZZ_SEED:-1}

cleanup() {
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
}

if [ ! -f "$KWASM_KO" ] || [ ! -x "$NLFUZZ" ] || [ ! -x "$KWASM" ]; then
	ktap_skip_all "no kwasm.ko, kwasm CLI or kwasm-nlfuzz in this image"
fi
ktap_plan 7
ktap_cleanup cleanup
dmesg_mark
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"

set -- --seed "$seed" --seconds "$secs"
for d in "$KWASM_GUESTS" /spec; do
	[ ! -d "$d" ] || set -- "$@" --dir "$d"
done
# The fuzzer bounds itself; this only guards against a bug in it.
timeout -s KILL $((secs + 300)) "$NLFUZZ" "$@" >/tmp/nlfuzz.out 2>/tmp/nlfuzz.err
rc=$?
ktap_diag "$(cat /tmp/nlfuzz.out)"
summary=$(tail -n 1 /tmp/nlfuzz.out)
case $rc:$summary in
0:"nlfuzz: "*" messages, 0 findings")
	ktap_ok "nlfuzz: $secs s, seed $seed, no findings" ;;
*)
	ktap_fail "nlfuzz: $secs s, seed $seed, no findings" "exit $rc" \
		"$(grep -v '^nlfuzz: w[0-9]' /tmp/nlfuzz.err | tail -n 40)" ;;
esac

if list=$("$KWASM" list 2>&1); then
	left=$(echo "$list" | grep -o 'fz_[A-Za-z0-9_.-]*' | sort -u | tr '\n' ' ')
	if [ -z "$left" ]; then
		ktap_ok "every fz_ module is unloaded"
	else
		ktap_fail "every fz_ module is unloaded" "left: $left"
	fi
else
	ktap_fail "every fz_ module is unloaded" "kwasm list: $list"
fi
stats=$("$KWASM" stats -j 2>&1)
case $stats in
*'"modules":0,'*) ktap_ok "kwasm stats: no module loaded" ;;
*) ktap_fail "kwasm stats: no module loaded" "$stats" ;;
esac
case $stats in
*'"allocations":0,'*) ktap_ok "kwasm stats: allocation counter back to zero" ;;
*) ktap_fail "kwasm stats: allocation counter back to zero" "$stats" ;;
esac
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_check "rmmod kwasm" kwasm_rmmod
ktap_done
