#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# deps.sh: install the Debian packages that building the debug kernel
# needs, if missing (kconfig: flex, bison; objtool and the BTF: libelf,
# pahole; certs: libssl; bc for the timeconst header).
exec "$(dirname "$0")"/../../scripts/apt-need.sh "debug deps" flex:flex bison:bison bc:bc \
	pahole:pahole make:make gcc:gcc perl:perl python3:python3 xz-utils:xz cpio:cpio \
	libelf-dev libssl-dev
