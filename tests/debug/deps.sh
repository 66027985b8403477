#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# deps.sh: install the Debian packages that building the debug kernel
# needs, if missing (kconfig: flex, bison; objtool and the BTF: libelf,
# pahole; certs: libssl; bc for the timeconst header).
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for t in flex bison bc pahole make gcc perl python3 xz cpio; do
	have $t || case $t in
	xz) need="$need xz-utils" ;;
	*) need="$need $t" ;;
	esac
done
for p in libelf-dev libssl-dev; do
	pkg $p || need="$need $p"
done
if [ -n "$need" ]; then
	echo "debug deps: installing$need" >&2
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null ||
		{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
			-o DPkg::Lock::Timeout=600 $need >/dev/null; }
fi
