#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Install the Debian packages that `make deb` and `make test-pkg` need, if
# missing: debhelper and dh-dkms (the package build), dpkg-dev, lintian,
# fakeroot (dpkg-buildpackage without root), pkg-config (test-pkg), and what the build itself
# needs (scripts/deps.sh and scripts/btf-deps.sh cover the rest).
exec "$(dirname "$0")"/apt-need.sh "pkg deps" debhelper dh-dkms dpkg-dev lintian fakeroot \
	pkg-config
