#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Install what the guest examples need, if missing: clang + lld (C), wabt
# (WAT, import check), a rustc with the wasm32 core library (Debian's rustc and
# libstd-rust-dev-wasm32: a rustup toolchain earlier in PATH usually lacks the
# target and cannot fetch it here), node + npm and the pinned AssemblyScript
# compiler (npm ci into examples/assemblyscript/node_modules).
set -e
here=$(cd "$(dirname "$0")" && pwd)

# Print the first rustc that can build for wasm32-unknown-unknown.
wasm_rustc() {
	for r in rustc /usr/bin/rustc; do
		d=$("$r" --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) ||
			continue
		if ls "$d"/libcore-*.rlib >/dev/null 2>&1; then
			echo "$r"
			return 0
		fi
	done
	return 1
}

if [ "${1:-}" = rustc ]; then
	wasm_rustc
	exit
fi

# A rustc that lacks the wasm32 target counts as missing.
rust=""
wasm_rustc >/dev/null || rust="rustc libstd-rust-dev-wasm32"
# $rust is a list of package names, split on purpose.
# shellcheck disable=SC2086
"$here"/../scripts/apt-need.sh --recommends "guest deps" clang:clang lld:wasm-ld \
	wabt:wat2wasm wabt:wasm-objdump nodejs:node npm:npm $rust

# npm ci gives exactly the versions in package-lock.json; rerun it when the
# lock file is newer than the installed tree.
as=$here/assemblyscript
stamp=$as/node_modules/.package-lock.json
if [ ! -x "$as/node_modules/.bin/asc" ] || [ ! -f "$stamp" ] ||
   [ -n "$(find "$as/package-lock.json" -newer "$stamp")" ]; then
	echo "guest deps: npm ci in examples/assemblyscript"
	(cd "$as" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
