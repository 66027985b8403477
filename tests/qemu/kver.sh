#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kver.sh 6.1|6.12|KVER: print the Debian kernel ABI name (uname -r) that the
# module build and the QEMU harness use for that kernel line, e.g.
# 6.1.0-56-amd64 or 6.12.117+deb12-amd64.  A full KVER is printed unchanged.
#
#   6.1   the ABI that linux-headers-amd64 (Debian 12's default) depends on
#   6.12  the newest linux-image-6.12.*+deb12-amd64 whose headers exist too
#
# Both the kmod build and tests/qemu/kernel.sh call this, so the image that
# boots always matches the headers that the module was built against.
set -eu
export LC_ALL=C

[ $# -eq 1 ] || { echo "usage: $0 6.1|6.12|KVER" >&2; exit 2; }

kver_61() {
	deps=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null ||
		apt-cache show linux-headers-amd64 2>/dev/null | sed -n 's/^Depends: //p')
	echo "$deps" | grep -o 'linux-headers-[^ ,]*-amd64' | head -1 |
		sed 's/^linux-headers-//'
}

# Newest 6.12 ABI for which both the image and the headers are available.
kver_612() {
	apt-cache pkgnames linux-headers-6.12. | sed -n 's/^linux-headers-//p' |
		sort >"$tmp"
	apt-cache pkgnames linux-image-6.12. |
		sed -n 's/^linux-image-\(6\.12\.[0-9]*+deb12-amd64\)$/\1/p' |
		sort | comm -12 - "$tmp" | sort -rV | head -1
}

case $1 in
*-amd64)
	echo "$1"
	exit 0
	;;
6.1 | 6.12) ;;
*)
	echo "kver: unknown kernel '$1' (want 6.1, 6.12 or a full KVER)" >&2
	exit 2
	;;
esac

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
lookup() {
	if [ "$1" = 6.1 ]; then kver_61; else kver_612; fi
}
k=$(lookup "$1")
# apt-cache knows nothing on a machine that never ran apt-get update.
if [ -z "$k" ]; then
	apt-get update -qq >&2
	k=$(lookup "$1")
fi
[ -n "$k" ] || { echo "kver: no Debian kernel found for $1" >&2; exit 1; }
echo "$k"
