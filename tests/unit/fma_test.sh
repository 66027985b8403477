#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# No fused multiply-add: (x * y) + z rounds twice in Wasm.  With x = 1 + e,
# y = 1 - e and z = -1 the exact product 1 - e^2 rounds to 1, so the sum is
# 0; a contracted multiply-add gives -e^2.  Checked on the plain hardware
# float build and on the x86-64-v3 one (KWASM_FMA), whose CPU has FMA and
# whose compiler would contract the engine's mul+add cells if allowed.
# Env: KWASM, KWASM_FMA (may be absent off x86-64), WATDIR (cli.wasm).
W=${WATDIR:-build/unit/wat}/cli.wasm
. "$(dirname "$0")"/lib.sh

check() {
	expect "$1: f64 mul+add rounds twice" 0 "0" "" -- \
		"$2" run "$W" --invoke mla64 0x1.00000004p+0 0x1.fffffff8p-1 -1
	expect "$1: f32 mul+add rounds twice" 0 "0" "" -- \
		"$2" run "$W" --invoke mla32 0x1.0008p+0 0x1.fffp-1 -1
	# An exact product: both roundings agree, -2^-22.
	expect "$1: f32 exact product" 0 "-2.3841858e-07" "" -- \
		"$2" run "$W" --invoke mla32 0x1.002p+0 0x1.ffcp-1 -1
}

check hw "${KWASM:-build/hw/kwasm}"
if [ -x "${KWASM_FMA:-}" ] && grep -qw fma /proc/cpuinfo; then
	check fma "$KWASM_FMA"
else
	# Not counted as passed: nothing was shown.
	echo "# fma: not run (no x86-64-v3 build or no FMA in this CPU)"
fi
t_done fma
