#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Build kwasm.ko out of tree without putting objects next to the sources:
#   scripts/kmod-build.sh [KVER [OUTDIR]] [make arguments, e.g. W=1]
# OUTDIR (default build/kmod/$KVER) gets symlinks to the sources and the
# top-level Kbuild; the module ends up in OUTDIR/kwasm.ko.  KVER defaults
# to the version behind Debian's linux-headers-amd64; KDIR overrides the
# headers folder (default /usr/src/linux-headers-$KVER).
#
# Module BTF (kfuncs need it): when the headers lack vmlinux (Debian 6.1),
# the build goes through a private KDIR, BUILD/btf/KVER/kdir, of symlinks
# to the headers plus a vmlinux extracted from the kernel image
# (scripts/btf-vmlinux.sh); when they lack resolve_btfids, one built from
# linux-source is used (scripts/btf-tools.sh).  If kmod/bpf.c exists (the
# module registers kfuncs), a module without .BTF or with unresolved
# .BTF_ids fails the build (scripts/btf-check.sh).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)

default_kver() {
	dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		grep -o 'linux-headers-[^ ,]*-amd64' | head -1 | sed 's/^linux-headers-//'
}

kver=""
case "${1:-}" in
"" | *=*) ;;
*) kver=$1; shift ;;
esac
[ -n "$kver" ] || kver=$(default_kver)
[ -n "$kver" ] || { echo "kmod-build: no KVER given and linux-headers-amd64 not installed" >&2; exit 2; }

out=""
case "${1:-}" in
"" | *=*) ;;
*) out=$1; shift ;;
esac
[ -n "$out" ] || out=$root/build/kmod/$kver

kdir=${KDIR:-/usr/src/linux-headers-$kver}
if [ ! -f "$kdir/Makefile" ]; then
	echo "kmod-build: no kernel headers in $kdir (apt-get install linux-headers-$kver)" >&2
	exit 2
fi

mkdir -p "$out/kmod" "$out/engine/src" "$out/port/kernel"
out=$(cd "$out" && pwd)

# The build folder: the one OUTDIR sits in (BUILD/kmod/KVER), else build/.
case $out in
*/kmod/"$kver") build=${BUILD:-${out%/kmod/"$kver"}} ;;
*) build=${BUILD:-$root/build} ;;
esac

set -- PAHOLE=pahole "$@"
if grep -q '^CONFIG_DEBUG_INFO_BTF_MODULES=y' "$kdir/.config"; then
	command -v pahole >/dev/null 2>&1 || "$root/scripts/btf-deps.sh"
	if [ ! -f "$kdir/vmlinux" ]; then
		vmlinux=$("$root/scripts/btf-vmlinux.sh" "$kver" "$build")
		priv=$build/btf/$kver/kdir
		rm -rf "$priv"
		mkdir -p "$priv"
		for f in "$kdir"/* "$kdir"/.config "$kdir"/.kernelvariables; do
			[ ! -e "$f" ] || ln -s "$f" "$priv/"
		done
		ln -s "$vmlinux" "$priv/vmlinux"
		kdir=$priv
	fi
	if [ ! -x "$kdir/tools/bpf/resolve_btfids/resolve_btfids" ]; then
		set -- RESOLVE_BTFIDS="$("$root/scripts/btf-tools.sh" "$build")" "$@"
	fi
fi

# Refresh the symlinks: sources may have been added or removed since last time.
find "$out" -type l -name '*.c' -delete
ln -sf "$root/Kbuild" "$out/Kbuild"
for f in "$root"/kmod/*.c; do
	ln -sf "$f" "$out/kmod/"
done
for f in "$root"/engine/src/*.c; do
	[ "$(basename "$f")" = float_hw.c ] || ln -sf "$f" "$out/engine/src/"
done
ln -sf "$root/port/kernel/port_kernel.c" "$out/port/kernel/"

make -C "$kdir" M="$out" "$@" modules
[ ! -f "$root/kmod/bpf.c" ] || "$root/scripts/btf-check.sh" "$out/kwasm.ko"
echo "kmod-build: $out/kwasm.ko"
