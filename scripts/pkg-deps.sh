#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Install the Debian packages that `make deb` and `make test-pkg` need, if
# missing: debhelper and dh-dkms (the package build), dpkg-dev, lintian,
# fakeroot (dpkg-buildpackage without root), pkg-config (test-pkg), and what the build itself
# needs (scripts/deps.sh and scripts/btf-deps.sh cover the rest).
set -e
need=""
pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in debhelper dh-dkms dpkg-dev lintian fakeroot pkg-config; do
	pkg $p || need="$need $p"
done
if [ -n "$need" ]; then
	echo "pkg deps: installing$need" >&2
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null ||
		{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
			-o DPkg::Lock::Timeout=600 $need >/dev/null; }
fi
