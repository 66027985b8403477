#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The netlink fuzzer (tests/fuzz/netlink) against kwasm.ko: random and
# mutated requests of every command of the kwasm and kwasm_tls families
# from privileged and unprivileged senders at once, for
# KWASM_NLFUZZ_SECONDS (default 20; the debug-kernel lane sets more).
# Then: no findings (every request acked, every reply well-formed, no
# sender killed), no fz_ module and no TLS rule left, no handshake pending
# or socket wrapped, no engine allocation left, a clean kernel log, and
# kwasm.ko still unloads.  A low tls_max_rules makes the rule limit's
# refusal part of the run.  No kwasm-tlsd runs and no TCP traffic flows.
#
#   kwasm-nlfuzz: 3 root workers + 1 uid 65534 worker --genl--> kwasm.ko
#                 (modules from /guest and /spec, fds of every kind;
#                 TLS rules, DONE with bogus ids and keys)
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
ktap_plan 9
ktap_cleanup cleanup
dmesg_mark
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO" tls_max_rules=48

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
if rules=$("$KWASM" tls list 2>&1) && [ -z "$rules" ]; then
	ktap_ok "kwasm tls list: no rule left"
else
	ktap_fail "kwasm tls list: no rule left" "$(echo "$rules" | head -n 20)"
fi
status=$("$KWASM" tls status 2>&1)
case $status in
*"pending 0, wrapped 0"*) ktap_ok "kwasm tls status: pending 0, wrapped 0" ;;
*) ktap_fail "kwasm tls status: pending 0, wrapped 0" "$status" ;;
esac
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
