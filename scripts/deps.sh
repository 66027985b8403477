#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
# Install the Debian packages the userspace build and tests need, if missing.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have wast2json || need="$need wabt"
have clang || need="$need clang"
have wasm-ld || need="$need lld"
have gcc || need="$need gcc"
have make || need="$need make"
have xz || need="$need xz-utils"
have perl || need="$need perl"
have openssl || need="$need openssl"
have valgrind || need="$need valgrind"
# The man pages: groff formats and checks them, mandoc lints them, man shows them.
have groff || need="$need groff-base"
have mandoc || need="$need mandoc"
have man || need="$need man-db"
dpkg-query -W -f='${Status}' libssl-dev 2>/dev/null | grep -q 'ok installed' ||
	need="$need libssl-dev"
if [ -n "$need" ]; then
	echo "deps: installing$need"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi
