#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
# Install the Debian packages the QEMU harness needs, if missing.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have qemu-system-x86_64 || need="$need qemu-system-x86"
# The initramfs needs the static busybox, not the dynamic one.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	need="$need busybox-static"
have cpio || need="$need cpio"
have depmod || need="$need kmod"
have flock || need="$need util-linux"
have timeout || need="$need coreutils"
have make || need="$need make"
have gcc-12 || need="$need gcc-12"
# The real TLS and HTTP peers the userland initramfs carries (userland.sh
# copies Debian's, from /usr/bin: a python3 earlier in PATH does not count).
[ -x /usr/bin/python3 ] || need="$need python3"
[ -x /usr/bin/curl ] || need="$need curl"
[ -x /usr/bin/openssl ] || need="$need openssl"
[ -x /usr/bin/gnutls-cli ] || need="$need gnutls-bin"
[ -x /usr/bin/socat ] || need="$need socat"
if [ -n "$need" ]; then
	echo "qemu deps: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends \
			-o DPkg::Lock::Timeout=600 $need >/dev/null; }
fi
