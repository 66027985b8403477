#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kernel.sh KERNEL [BUILD]: make a stock Debian kernel ready to boot in QEMU
# and print its cache folder, BUILD/qemu/cache/KVER (BUILD defaults to
# build).  KERNEL is 6.1, 6.12 or a full KVER (see kver.sh).  The folder
# holds boot/vmlinuz-KVER and lib/modules/KVER (depmod'ed), extracted from
# the linux-image package whose version matches the installed headers.
#
# The image is never installed on this machine: apt-get download + dpkg-deb
# -x, once, under a lock so parallel runs share the work.  The headers come
# from headers.sh: installed ones, or the packages unpacked into the cache
# (installing 6.12's headers would install its image too).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 6.1|6.12|KVER [BUILD]" >&2; exit 2; }
kver=$("$here/kver.sh" "$1")
build=${2:-${BUILD:-$here/../../build}}
mkdir -p "$build/qemu/cache"
cache=$(cd "$build/qemu/cache" && pwd)
dir=$cache/$kver

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}

for t in depmod flock; do
	command -v $t >/dev/null 2>&1 || "$here/deps.sh"
done

exec 9>"$cache/$kver.lock"
flock 9

"$here/headers.sh" "$kver" "$build" >/dev/null
if installed "linux-headers-$kver"; then
	pkgver=$(dpkg-query -W -f='${Version}' "linux-headers-$kver")
else
	pkgver=$(apt-cache show "linux-headers-$kver" | sed -n 's/^Version: //p' | head -1)
fi

if [ "$(cat "$dir/.pkgver" 2>/dev/null)" != "$pkgver" ]; then
	echo "kernel: fetching linux-image-$kver=$pkgver" >&2
	tmp=$(mktemp -d "$cache/.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# Root downloads itself: user _apt may not reach the build folder.
	(cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root \
		"linux-image-$kver=$pkgver" >&2)
	mkdir "$tmp/root"
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/root"
	depmod -b "$tmp/root" "$kver"
	echo "$pkgver" >"$tmp/root/.pkgver"
	rm -rf "$dir"
	mv "$tmp/root" "$dir"
fi
[ -f "$dir/boot/vmlinuz-$kver" ] || { echo "kernel: no vmlinuz in $dir" >&2; exit 1; }
echo "$dir"
