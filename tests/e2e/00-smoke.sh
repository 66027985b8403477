#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Smoke test: the VM is the kernel we meant to boot, the static kwasm CLI
# runs in it, and kwasm.ko loads and unloads cleanly (each part skipped
# when the image does not carry that file).
#
#   insmod kwasm.ko -> /sys/module/kwasm -> rmmod kwasm -> gone, log clean
. "$(dirname "$0")"/lib.sh

unload() {
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

ktap_plan 9
ktap_cleanup unload
dmesg_mark

if grep -q "$KVER" /proc/version; then
	ktap_ok "kernel is $KVER"
else
	ktap_fail "kernel is $KVER" "$(cat /proc/version)"
fi
# Only out-of-tree (O, 4096) and unsigned (E, 8192) taints are expected.
taint=$(cat /proc/sys/kernel/tainted)
ktap_check "kernel taint $taint has no bits beyond O and E" test $((taint & ~12288)) -eq 0

if [ -x "$KWASM" ]; then
	ktap_check "kwasm CLI runs" "$KWASM" help
else
	ktap_skip "kwasm CLI runs" "no $KWASM"
fi

if [ ! -f "$KWASM_KO" ]; then
	for t in "insmod kwasm.ko" "module is live" "module version is the CLI's" \
		"rmmod kwasm" "module is gone"; do
		ktap_skip "$t" "no $KWASM_KO"
	done
else
	ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"
	ktap_check "module is live" grep -qx live /sys/module/kwasm/initstate
	# Both come from one build of scripts/version.sh.
	modver=$(cat /sys/module/kwasm/version 2>&1 || true)
	cliver=$("$KWASM" --version | cut -d' ' -f2)
	ktap_check "module version is the CLI's ($cliver)" test "$modver" = "$cliver"
	ktap_check "rmmod kwasm" rmmod kwasm
	ktap_check "module is gone" test ! -e /sys/module/kwasm
fi
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
