#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# deb.sh [BUILD]: build kwasm-dkms, kwasm-tools and libkwasm-dev with
# dpkg-buildpackage -us -uc -b into BUILD/deb/*.deb (make deb).
#
# dpkg-buildpackage writes its results next to the source tree, so it runs
# in a copy of the tracked files (BUILD/deb/src/kwasm, mtimes kept) that
# builds into the tree's BUILD: objects from `make check` are reused.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${BUILD:-$root/build}}
mkdir -p "$build"
build=$(cd "$build" && pwd)
"$root/scripts/deps.sh"
"$root/scripts/btf-deps.sh"
"$root/scripts/pkg-deps.sh"

out=$build/deb
rm -rf "$out"
src=$out/src/kwasm
mkdir -p "$src"
cd "$root"
if [ -e .git ] && command -v git >/dev/null 2>&1; then
	git ls-files -z -c -o --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$src"
else
	tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$src"
fi
cd "$src"
if ! B=$build dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1; then
	tail -n 60 "$out/build.log"
	echo "deb: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
fi
mv "$out"/src/*.deb "$out"/src/*.changes "$out"/src/*.buildinfo "$out/"
rm -rf "$out/src"
ls "$out"/*.deb
