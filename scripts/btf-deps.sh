#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Install the Debian packages that module BTF and the BPF programs need, if
# missing: pahole (module BTF), bpftool (vmlinux.h, skeletons), clang/llvm
# (BPF objects), and the static libraries the loader links against.
exec "$(dirname "$0")"/apt-need.sh "btf deps" pahole:pahole \
	bpftool:bpftool,/usr/sbin/bpftool clang:clang llvm:llvm-strip python3:python3 \
	xz-utils:xz zstd:zstd make:make gcc:gcc libbpf-dev libelf-dev zlib1g-dev libzstd-dev
