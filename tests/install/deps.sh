#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
# Install the Debian packages the install test (make test-install) needs,
# if missing: mmdebstrap builds the root file system (uidmap lets it run
# without root), e2fsprogs makes and reads the ext4 images, QEMU boots them.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have mmdebstrap || need="$need mmdebstrap"
have newuidmap || need="$need uidmap"
have mkfs.ext4 || need="$need e2fsprogs"
have debugfs || need="$need e2fsprogs"
have qemu-system-x86_64 || need="$need qemu-system-x86"
have flock || need="$need util-linux"
have timeout || need="$need coreutils"
if [ -n "$need" ]; then
	echo "install deps: installing$need" >&2
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null ||
		{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
			-o DPkg::Lock::Timeout=600 $need >/dev/null; }
fi
