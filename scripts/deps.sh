#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
# Install the Debian packages the userspace build and tests need, if missing
# (with recommends: gcc's libc6-dev).  The man pages: groff formats and
# checks them, mandoc lints them, man shows them.  json-c: the spec runner
# reads wast2json output with it.
exec "$(dirname "$0")"/apt-need.sh --recommends deps wabt:wast2json clang:clang \
	lld:wasm-ld gcc:gcc make:make xz-utils:xz perl:perl openssl:openssl \
	valgrind:valgrind groff-base:groff mandoc:mandoc man-db:man libssl-dev \
	libjson-c-dev
