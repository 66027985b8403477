#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# btf-vmlinux.sh KVER [BUILD]: print the path of a vmlinux ELF with .BTF for
# KVER, the base that module BTF and vmlinux.h are made from.
#
# Headers that ship vmlinux (6.12) are used as they are.  Otherwise (6.1)
# the ELF is extracted once from the bzImage that tests/qemu/kernel.sh
# caches, into BUILD/btf/KVER/vmlinux: like the kernel's
# scripts/extract-vmlinux, try every xz/zstd/gzip stream in the image until
# one decompresses to an ELF.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 KVER [BUILD]" >&2; exit 2; }
kver=$("$root/tests/qemu/kver.sh" "$1")
build=${2:-${BUILD:-$root/build}}

has_btf() {
	readelf -S -W "$1" 2>/dev/null | grep -q ' \.BTF '
}

kdir=${KDIR:-$("$root/tests/qemu/headers.sh" "$kver" "$build")}
if [ -f "$kdir/vmlinux" ] && has_btf "$kdir/vmlinux"; then
	echo "$kdir/vmlinux"
	exit 0
fi

mkdir -p "$build/btf/$kver"
dir=$(cd "$build/btf/$kver" && pwd)
out=$dir/vmlinux
exec 9>"$dir/.vmlinux.lock"
flock 9
cache=$("$root/tests/qemu/kernel.sh" "$kver" "$build")
image=$cache/boot/vmlinuz-$kver
if [ -n "$(find "$out" -newer "$image" 2>/dev/null)" ] && has_btf "$out"; then
	echo "$out"
	exit 0
fi
"$root/scripts/btf-deps.sh"

# try MAGIC DECOMPRESSOR: decompress from each offset of MAGIC in the image.
try() {
	for pos in $(LC_ALL=C grep -aboP "$1" "$image" | cut -d: -f1); do
		tail -c "+$((pos + 1))" "$image" | $2 >"$out.tmp" 2>/dev/null || true
		if has_btf "$out.tmp"; then
			mv "$out.tmp" "$out"
			return 0
		fi
	done
	return 1
}
if try '\xfd7zXZ\x00' 'xz -dc' || try '\x28\xb5\x2f\xfd' 'zstd -dc' ||
	try '\x1f\x8b\x08' 'gzip -dc'; then
	echo "$out"
	exit 0
fi
rm -f "$out.tmp"
echo "btf-vmlinux: no vmlinux with .BTF found in $image" >&2
exit 1
