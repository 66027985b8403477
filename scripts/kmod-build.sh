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
# Module BTF (kfuncs need it): scripts/kmod-btf.sh picks the base BTF (the
# headers' vmlinux, else the running kernel's /sys/kernel/btf/vmlinux, else
# one extracted from the kernel image by scripts/btf-vmlinux.sh, which
# downloads it) and resolve_btfids (the headers', else tools/btfids); with
# none, the module is built without BTF and the output says why.  If
# kmod/bpf.c exists (the module registers kfuncs) and BTF was meant to be
# there, a module without .BTF or with unresolved .BTF_ids fails the build
# (scripts/btf-check.sh).
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

# Module BTF: the base from the headers, the running kernel or (for a
# kernel that is neither, e.g. the QEMU ones) its image; scripts/kmod-btf.sh
# says which, or why there is none.
if grep -q '^CONFIG_DEBUG_INFO_BTF_MODULES=y' "$kdir/.config"; then
	command -v pahole >/dev/null 2>&1 || "$root/scripts/btf-deps.sh"
fi
if [ -z "${BTF_BASE:-}" ] && [ ! -f "$kdir/vmlinux" ] && [ "$kver" != "$(uname -r)" ] &&
	grep -q '^CONFIG_DEBUG_INFO_BTF_MODULES=y' "$kdir/.config"; then
	BTF_BASE=$(KDIR=$kdir "$root/scripts/btf-vmlinux.sh" "$kver" "$build") || BTF_BASE=""
fi
btf=$(BTF_BASE=${BTF_BASE:-} "$root/scripts/kmod-btf.sh" "$kver" "$kdir" "$build/btf/$kver")
kdir=$(echo "$btf" | sed -n 1p)
# shellcheck disable=SC2046 # VAR=value lines, no spaces
set -- $(echo "$btf" | sed 1d) "$@"

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
# Fail a build that meant to have BTF but lacks it (kfuncs would be
# missing); REQUIRE_BTF=1 (make module for the QEMU kernels) fails one
# without BTF at all.
if [ "${REQUIRE_BTF:-0}" = 1 ] && ! echo "$btf" | grep -q '^PAHOLE=pahole$'; then
	echo "kmod-build: no module BTF for $kver, and REQUIRE_BTF=1" >&2
	exit 1
fi
if [ -f "$root/kmod/bpf.c" ] && echo "$btf" | grep -q '^PAHOLE=pahole$'; then
	"$root/scripts/btf-check.sh" "$out/kwasm.ko"
fi
echo "kmod-build: $out/kwasm.ko"
