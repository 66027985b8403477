#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The DKMS build of kwasm.ko (dkms.conf's MAKE), from the source tree that
# kwasm-dkms installs in /usr/src/kwasm-VERSION:
#   dkms-build.sh KVER KDIR     build kwasm.ko here
#   dkms-build.sh clean         remove what a build left
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
[ $# -eq 2 ] || { echo "usage: $0 KVER KDIR | clean" >&2; exit 2; }
args=$(sh scripts/kmod-btf.sh "$1" "$2" "$PWD/.btf")
kdir=$(echo "$args" | sed -n 1p)
# shellcheck disable=SC2046 # VAR=value lines, no spaces
make -j"$(nproc)" -C "$kdir" M="$PWD" $(echo "$args" | sed 1d) modules
