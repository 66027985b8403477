#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Build kwasm.ko out of tree without putting objects next to the sources:
#   scripts/kmod-build.sh [KVER [OUTDIR]] [make arguments, e.g. W=1]
# OUTDIR (default build/kmod/$KVER) gets symlinks to the sources and the
# top-level Kbuild; the module ends up in OUTDIR/kwasm.ko.  KVER defaults
# to the version behind Debian's linux-headers-amd64; KDIR overrides the
# headers folder (default /usr/src/linux-headers-$KVER).
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
echo "kmod-build: $out/kwasm.ko"
