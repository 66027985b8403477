#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Last of the debug-kernel run: every script before has unloaded kwasm.ko;
# kmemleak must find nothing the run left behind, and lockdep must still
# be on (it turns itself off after its first report).
. "$(dirname "$0")"/../e2e/lib.sh
. "$(dirname "$0")"/lib_debug.sh

ktap_plan 3
if [ -d /sys/module/kwasm ]; then
	ktap_fail "kwasm.ko was unloaded by the scripts before" "rmmod: $(rmmod kwasm 2>&1)"
else
	ktap_ok "kwasm.ko was unloaded by the scripts before"
fi
kmemleak_check "kmemleak: nothing leaked after the last rmmod"
ktap_check "lockdep reported nothing (still on)" \
	sh -c 'grep -q "debug_locks: *1" /proc/lockdep_stats'
ktap_done
