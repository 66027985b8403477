#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# make demo: boot Debian 12's stock 6.1 kernel in QEMU, insert kwasm.ko,
# load guests written in C, Rust, AssemblyScript and WAT, call them from
# the kwasm CLI, run a Wasm filter from eBPF and on netfilter, and print
# what happened.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for l in lib lib_net lib_bpf lib_tls; do
	cp "$here/tests/e2e/$l.sh" "$tmp"/
done
cp "$here"/demo/*.sh "$tmp"/
echo "Booting Debian's $(tests/qemu/kver.sh 6.1) kernel in QEMU (software emulation, ~40 s)..."
if ! tests/qemu/run.sh --e2e "$tmp" 6.1 "$build" >"$tmp/out.txt" 2>&1; then
	cat "$tmp/out.txt"
	echo "demo: the VM run failed"
	exit 1
fi
sed -n 's/^    # //p' "$tmp/out.txt" | grep -v '^Totals:'
grep '^ok - vm' "$tmp/out.txt" | sed 's/^ok - vm/VM check:/'
