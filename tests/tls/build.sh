#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# build.sh OUT: what the VM's TLS tests need from the host, for
# initramfs.sh --tls OUT: a fresh test PKI in OUT/pki (pki.sh) and the
# static helpers of tests/e2e/tls in OUT/bin (ktls-loop).
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$1
rm -rf "${out:?}/pki" "${out:?}/bin"
mkdir -p "$out/bin"
"$here/pki.sh" "$out/pki"
# Static: the VM has no libc of its own (busybox is static too).
${CC:-gcc} -static -O2 -Wall -Wextra -Werror -o "$out/bin/ktls-loop" \
	"$here/../e2e/tls/ktls-loop.c"
