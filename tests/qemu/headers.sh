#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# headers.sh KVER [BUILD]: print a kernel headers folder for KVER that
# kmod builds can use as KDIR.  Installed headers are used when present;
# otherwise the headers, -common and kbuild packages are downloaded and
# unpacked into BUILD/qemu/cache/root-KVER, because installing Debian's
# 6.12 headers would pull in (and install) the matching kernel image.
set -eu
kver=$1
build=${2:-build}
if [ -f "/usr/src/linux-headers-$kver/Makefile" ]; then
	echo "/usr/src/linux-headers-$kver"
	exit 0
fi
root=$(mkdir -p "$build/qemu/cache" && cd "$build/qemu/cache" && pwd)/root-$kver
kdir=$root/usr/src/linux-headers-$kver
if [ ! -f "$kdir/.kwasm-ready" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	deps=$(apt-cache depends "linux-headers-$kver" 2>/dev/null || true)
	if [ -z "$deps" ]; then
		apt-get update -qq
		deps=$(apt-cache depends "linux-headers-$kver")
	fi
	common=$(echo "$deps" | sed -n 's/.*Depends: \(linux-headers-[^ ]*-common\)$/\1/p' | head -1)
	kbuild=$(echo "$deps" | sed -n 's/.*Depends: \(linux-kbuild-[^ ]*\)$/\1/p' | head -1)
	(cd "$tmp" && apt-get download "linux-headers-$kver" "$common" "$kbuild" >/dev/null)
	rm -rf "$root"
	mkdir -p "$root"
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$root"
	done
	# The arch Makefile includes the -common tree by absolute path.
	sed -i "s|/usr/src/|$root/usr/src/|" "$kdir/Makefile"
	touch "$kdir/.kwasm-ready"
fi
echo "$kdir"
