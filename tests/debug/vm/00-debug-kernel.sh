#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# First of the debug-kernel run (tests/debug): the kernel really has the
# checkers the lane relies on, kwasm.ko has module BTF, and kmemleak's
# reports from boot are cleared so that later scans show only new leaks.
. "$(dirname "$0")"/../e2e/lib.sh
. "$(dirname "$0")"/lib_debug.sh

ktap_plan 9
ktap_check "KASAN is on" sh -c 'dmesg | grep -q "KernelAddressSanitizer initialized"'
ktap_check "lockdep is on and has not turned itself off" \
	sh -c 'grep -q "debug_locks: *1" /proc/lockdep_stats'
ktap_check "UBSAN is built in" grep -q ' __ubsan_handle_out_of_bounds$' /proc/kallsyms
ktap_check "KFENCE is on" grep -q 'enabled: 1' "$DBG/kfence/stats"
ktap_check "debugobjects is on" test -f "$DBG/debug_objects/stats"
ktap_check "failslab, fail_page_alloc and fail-nth are there" \
	test -d "$DBG/failslab" -a -d "$DBG/fail_page_alloc" -a -f /proc/self/fail-nth
ktap_check "the fail-nth helper is there" test -x "$FAILNTH"
if insmod "$KWASM_KO" 2>/tmp/err; then
	ktap_check "kwasm.ko has module BTF" test -f /sys/kernel/btf/kwasm
	rmmod kwasm
else
	ktap_fail "kwasm.ko has module BTF" "insmod: $(cat /tmp/err)"
fi
if [ -w "$KMEMLEAK" ]; then
	n=$(kmemleak_scan | grep -c '^unreferenced object')
	echo clear >"$KMEMLEAK"
	ktap_ok "kmemleak is on; $n reports from boot cleared"
else
	ktap_fail "kmemleak is on" "no $KMEMLEAK"
fi
ktap_done
