#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The DKMS build of kwasm.ko (dkms.conf's MAKE), from the source tree that
# kwasm-dkms installs in /usr/src/kwasm-VERSION:
#   dkms-build.sh KVER KDIR [VAR=value...]   build kwasm.ko here
#   dkms-build.sh clean         remove what a build left
#   dkms-build.sh post-build    repeat a no-BTF warning where apt shows it
# Offline: scripts/kmod-btf.sh picks the BTF base and resolve_btfids from
# what the machine has, or says why the module gets no BTF.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = clean ]; then
	find . \( -name '*.o' -o -name '*.ko' -o -name '*.cmd' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name 'modules.order' -o -name 'Module.symvers' \) \
		-exec rm -f {} +
	rm -rf .btf
	exit 0
fi
if [ "${1:-}" = post-build ]; then
	# stderr: DKMS's package postinst sends a build's stdout to /dev/null.
	if [ -f .btf/no-btf ]; then
		echo "kwasm: WARNING: kwasm.ko was built without BTF: $(cat .btf/no-btf)." >&2
		echo "kwasm: the module works, but its eBPF bridge (kfuncs) is unavailable." >&2
	fi
	exit 0
fi
[ $# -ge 2 ] || { echo "usage: $0 KVER KDIR [VAR=value...] | clean | post-build" >&2; exit 2; }
kver=$1
kdir=$2
shift 2
# DKMS appends CC=clang (and LD=ld.lld) for a clang-built kernel: pass them on.
args=$(sh scripts/kmod-btf.sh "$kver" "$kdir" "$PWD/.btf")
kdir=$(echo "$args" | sed -n 1p)
# MODULE_VERSION is the packaged one (VERSION), whatever the environment says.
# shellcheck disable=SC2046 # VAR=value lines, no spaces
make -j"$(nproc)" -C "$kdir" M="$PWD" KWASM_VERSION="$(cat VERSION)" \
	$(echo "$args" | sed 1d) "$@" modules
