#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kmod-btf.sh KVER KDIR WORK: decide how kwasm.ko for KVER gets module BTF
# (the eBPF kfuncs need it) and print the make arguments, one per line:
# first the KDIR to build against, then any VAR=value.  Messages go to
# stderr.  Used by scripts/kmod-build.sh and by the DKMS build, so it needs
# only the headers, gcc, make and (for BTF) pahole: nothing is downloaded.
#
# The base BTF, first found: KDIR/vmlinux (Debian's 6.12 headers ship it);
# $BTF_BASE (kmod-build.sh sets it from scripts/btf-vmlinux.sh); the
# running kernel's /sys/kernel/btf/vmlinux when KVER is running.  Without
# vmlinux in KDIR the build goes through WORK/kdir: symlinks to the headers
# plus that base as vmlinux.  resolve_btfids comes from the headers, else
# tools/btfids (built here with gcc; Debian's 6.1 headers lack it).
set -eu

[ $# -eq 3 ] || { echo "usage: $0 KVER KDIR WORK" >&2; exit 2; }
kver=$1
kdir=$2
work=$3
top=$(cd "$(dirname "$0")/.." && pwd)

has_btf() {
	readelf -S -W "$1" 2>/dev/null | grep -q ' \.BTF '
}
# No BTF: still a working module, without the eBPF bridge.
without() {
	# Kept for dkms.conf's POST_BUILD, which DKMS shows at install time.
	mkdir -p "$work"
	echo "$1" >"$work/no-btf"
	echo "kwasm: WARNING: building kwasm.ko for $kver without BTF: $1." >&2
	echo "kwasm: the module works, but its eBPF bridge (kfuncs) will be unavailable" >&2
	echo "kwasm: (kwasm stats says 'eBPF bridge: not registered')." >&2
	echo "$kdir"
	# Where the headers have vmlinux, skip the BTF step instead of failing.
	echo PAHOLE=true
	echo RESOLVE_BTFIDS=true
	exit 0
}

grep -q '^CONFIG_DEBUG_INFO_BTF_MODULES=y' "$kdir/.config" ||
	without "the kernel has no CONFIG_DEBUG_INFO_BTF_MODULES"
command -v pahole >/dev/null 2>&1 ||
	without "pahole is missing (apt install pahole, then rebuild)"

base=""
if [ -f "$kdir/vmlinux" ] && has_btf "$kdir/vmlinux"; then
	base=$kdir/vmlinux
elif [ -n "${BTF_BASE:-}" ]; then
	base=$BTF_BASE
elif [ "$kver" = "$(uname -r)" ] && [ -r /sys/kernel/btf/vmlinux ]; then
	base=/sys/kernel/btf/vmlinux
else
	without "its headers have no vmlinux and $kver is not the running kernel, so there is no base BTF; after booting $kver, rebuild: dkms install --force kwasm/VERSION -k $kver (or make module KVER=$kver)"
fi

mkdir -p "$work"
rm -f "$work/no-btf"
work=$(cd "$work" && pwd)
if [ "$base" != "$kdir/vmlinux" ]; then
	priv=$work/kdir
	rm -rf "$priv"
	mkdir -p "$priv"
	for f in "$kdir"/* "$kdir"/.config "$kdir"/.kernelvariables; do
		[ ! -e "$f" ] || ln -s "$f" "$priv/"
	done
	# A copy: the sysfs file may change size or vanish across a reboot.
	cp "$base" "$priv/vmlinux"
	echo "kwasm: module BTF for $kver based on $base" >&2
	kdir=$priv
fi
echo "$kdir"
echo PAHOLE=pahole
if [ ! -x "$kdir/tools/bpf/resolve_btfids/resolve_btfids" ]; then
	${CC:-gcc} -O2 -o "$work/btfids" "$top/tools/btfids/btfids.c"
	echo RESOLVE_BTFIDS="$work/btfids"
fi
