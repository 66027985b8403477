#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# linux-source.sh version | fetch DIR: Debian's linux-source-6.1 in the
# version of the 6.1 kernel the tests boot (its headers' version, when apt
# has it).  scripts/btf-tools.sh builds its tools and takes checkpatch from
# it; tests/debug/kernel.sh builds the debug kernel from it.
#
#   version    print that version (empty when apt knows none)
#   fetch DIR  download its .deb into DIR (the newest linux-source-6.1 when
#              that version is gone, after apt-get update if need be)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
pkg=linux-source-6.1

version() {
	kver=$("$root/tests/qemu/kver.sh" 6.1)
	dpkg-query -W -f='${Version}' "linux-headers-$kver" 2>/dev/null ||
		apt-cache show "linux-headers-$kver" 2>/dev/null | sed -n 's/^Version: //p' | head -1
}

# Root downloads itself: user _apt may not reach the build folder.
get() {
	(cd "$dir" && apt-get download -qq -o APT::Sandbox::User=root "$@" >&2)
}

case ${1:-} in
version)
	version
	;;
fetch)
	dir=$2
	v=$(version)
	echo "linux-source: fetching $pkg${v:+=$v}" >&2
	get "$pkg${v:+=$v}" || get "$pkg" || { apt-get update -qq && get "$pkg"; }
	;;
*)
	echo "usage: $0 version | fetch DIR" >&2
	exit 2
	;;
esac
