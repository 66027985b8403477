#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
# Install the Debian packages the QEMU harness needs, if missing.  The
# initramfs needs the static busybox, not the dynamic one.  The real TLS and
# HTTP peers the userland initramfs carries are Debian's (userland.sh copies
# them from /usr/bin: a python3 earlier in PATH does not count).
exec "$(dirname "$0")"/../../scripts/apt-need.sh "qemu deps" \
	qemu-system-x86:qemu-system-x86_64 busybox-static cpio:cpio kmod:depmod \
	util-linux:flock coreutils:timeout make:make gcc-12:gcc-12 \
	python3:/usr/bin/python3 curl:/usr/bin/curl openssl:/usr/bin/openssl \
	gnutls-bin:/usr/bin/gnutls-cli socat:/usr/bin/socat
