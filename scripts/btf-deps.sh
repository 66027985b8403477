#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Install the Debian packages that module BTF and the BPF programs need, if
# missing: pahole (module BTF), bpftool (vmlinux.h, skeletons), clang/llvm
# (BPF objects), and the static libraries the loader links against.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
have pahole || need="$need pahole"
have bpftool || [ -x /usr/sbin/bpftool ] || need="$need bpftool"
have clang || need="$need clang"
have llvm-strip || need="$need llvm"
have python3 || need="$need python3"
have xz || need="$need xz-utils"
have zstd || need="$need zstd"
have make || need="$need make"
have gcc || need="$need gcc"
for p in libbpf-dev libelf-dev zlib1g-dev libzstd-dev; do
	pkg $p || need="$need $p"
done
if [ -n "$need" ]; then
	echo "btf deps: installing$need" >&2
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 $need >/dev/null ||
		{ $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends \
			-o DPkg::Lock::Timeout=600 $need >/dev/null; }
fi
