#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Allocation failures in kwasm.ko's control plane, SQLite style: each
# command runs with its 1st, 2nd, 3rd... allocation failing (failslab and
# fail_page_alloc through fail-nth; lib_debug.sh fi_sweep) until a run
# injects nothing.  Every failure must be a clean "kwasm: ..." error that
# leaves nothing behind; afterwards the allocation counter is 0 and
# kmemleak finds nothing.
#
#   load (plain) -> load --datapath -> attach ipv4-in -> map set -> map get
. "$(dirname "$0")"/../e2e/lib.sh
. "$(dirname "$0")"/lib_debug.sh

K=$KWASM
T=$KWASM_GUESTS/e2e/e2e_traps.wasm
F=$KWASM_FILTERS/c_blocklist.wasm

cleanup() {
	fi_teardown
	"$K" detach fidp filter --hook ipv4-in
	"$K" unload fidp
	"$K" unload fi_plain
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

[ -f "$KWASM_KO" ] || ktap_skip_all "no kwasm.ko"
ktap_plan 9
ktap_cleanup cleanup
insmod "$KWASM_KO" || ktap_fail "insmod"

# A failed load must not leave the module loaded (nor half of it).
gone() {
	if "$K" list "$1" >/dev/null 2>&1; then
		"$K" unload "$1" >/dev/null 2>&1
		echo "a failed load left $1 loaded"
		return 1
	fi
}
plain_gone() { gone fi_plain; }
plain_undo() { "$K" unload fi_plain; }
dp_gone() { gone fidp; }
dp_undo() { "$K" unload fidp; }
not_attached() {
	if "$K" list fidp 2>&1 | grep -q 'attached: filter'; then
		"$K" detach fidp filter --hook ipv4-in >/dev/null 2>&1
		echo "a failed attach left filter attached"
		return 1
	fi
}
detach() { "$K" detach fidp filter --hook ipv4-in; }
no_entry() {
	if "$K" map get fidp 0 ip:10.0.0.2 >/dev/null 2>&1; then
		"$K" map del fidp 0 ip:10.0.0.2 >/dev/null 2>&1
		echo "a failed map set left the entry"
		return 1
	fi
}
map_undo() { "$K" map del fidp 0 ip:10.0.0.2; }
nothing() { :; }

fi_setup
fi_sweep "load a module under allocation failures" plain_gone plain_undo \
	"$K" load "$T" --name fi_plain
fi_sweep "load --datapath under allocation failures" dp_gone dp_undo \
	"$K" load "$F" --name fidp --datapath
fi_sweep "attach to ipv4-in under allocation failures" not_attached detach \
	"$K" attach fidp filter --hook ipv4-in
fi_sweep "map set under allocation failures" no_entry map_undo \
	"$K" map set fidp 0 ip:10.0.0.2 u8:1
fi_sweep "map get under allocation failures" nothing nothing \
	"$K" map get fidp 0 ip:10.0.0.2
fi_teardown
ktap_check "the filter, its map entry and both modules are there" \
	sh -c "'$K' list fidp | grep -q 'attached: filter' && '$K' map get fidp 0 ip:10.0.0.2 &&
		'$K' list fi_plain"
ktap_check "detach and unload both" sh -c "'$K' detach fidp filter --hook ipv4-in &&
	'$K' unload fidp && '$K' unload fi_plain"
ktap_check "the allocation counter is back to 0" \
	sh -c "'$K' stats -j | grep -q '\"allocations\":0,'"
rmmod kwasm || ktap_diag "rmmod kwasm failed"
kmemleak_check "kmemleak: nothing leaked by the failed commands"
ktap_done
