#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# What `make demo` shows inside the VM: kwasm.ko inserted into Debian's
# stock kernel, guests written in four languages loaded and called from
# the command line, and a runaway guest stopped by its fuel budget.
. "$(dirname "$0")"/lib.sh

say() {
	ktap_diag "$*"
}

run() {
	say "\$ $*"
	"$@" 2>&1 | while IFS= read -r l; do say "  $l"; done
}

ktap_plan 1
say "kernel: $(uname -r) (Debian's stock image, booted under QEMU)"
run insmod "$KWASM_KO"
for f in "$KWASM_GUESTS"/*_example.wasm; do
	run kwasm load "$f"
done
run kwasm call c_example fnv1a 1000
run kwasm call c_example collatz_steps 837799
run kwasm call rust_example fib 50
run kwasm call rust_example leibniz_pi 1000
run kwasm call as_example isPrime 1000000007
run kwasm call as_example distance 0 0 3 4
run kwasm call wat_example divmod 100 7
run kwasm load "$KWASM_GUESTS"/e2e/e2e_traps.wasm --name runaway --fuel 5000000
run kwasm call runaway spin
run kwasm call runaway div0 0
run kwasm list
run kwasm stats
run rmmod kwasm
ktap_ok "demo ran"
ktap_done
