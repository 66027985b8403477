#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# btf-tools.sh [BUILD]: build resolve_btfids (needed for module BTF on 6.1,
# whose headers do not ship it) and print its path,
# BUILD/tools/resolve_btfids/resolve_btfids.
#
# It comes from Debian's linux-source-6.1, the version of the 6.1 headers
# when apt has it.  Only tools/ and scripts/bpf_doc.py are unpacked (~30 s
# with the build).  The same download fills BUILD/tools/checkpatch when
# that is missing, so scripts/style.sh does not fetch the source again.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${BUILD:-$root/build}}
mkdir -p "$build/tools"
tools=$(cd "$build/tools" && pwd)
bin=$tools/resolve_btfids/resolve_btfids

exec 9>"$tools/.resolve_btfids.lock"
flock 9
if [ -x "$bin" ] && [ -x "$tools/checkpatch/checkpatch.pl" ]; then
	echo "$bin"
	exit 0
fi
"$root/scripts/btf-deps.sh"

pkg=linux-source-6.1
tmp=$(mktemp -d "$tools/.src.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/linux-source.sh" fetch "$tmp"

dpkg-deb --fsys-tarfile "$tmp"/"$pkg"_*.deb |
	tar -xO "./usr/src/$pkg.tar.xz" |
	tar -xJ -C "$tmp" --wildcards "$pkg/tools/*" "$pkg/scripts/bpf_doc.py" \
		"$pkg/scripts/checkpatch.pl" "$pkg/scripts/spelling.txt" \
		"$pkg/scripts/const_structs.checkpatch"
rm -f "$tmp"/*.deb

src=$tmp/$pkg
make -s -C "$src/tools/bpf/resolve_btfids" -j"$(nproc)" >&2
mkdir -p "$(dirname "$bin")"
cp "$src/tools/bpf/resolve_btfids/resolve_btfids" "$bin.tmp"
mv "$bin.tmp" "$bin"

if [ ! -x "$tools/checkpatch/checkpatch.pl" ]; then
	mkdir -p "$tools/checkpatch"
	cp "$src/scripts/spelling.txt" "$src/scripts/const_structs.checkpatch" "$tools/checkpatch/"
	cp "$src/scripts/checkpatch.pl" "$tools/checkpatch/"
fi
echo "$bin"
