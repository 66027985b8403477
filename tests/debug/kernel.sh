#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# kernel.sh [BUILD]: build the debug kernel of `make test-debug` and print
# its build tree, BUILD/debug-kernel/PKGVER-HASH (BUILD defaults to build).
#
# The source is Debian's linux-source-6.1, the version of the 6.1 headers
# that tests/qemu/kver.sh picks (the stock image's source) when apt has it.
# The config is x86_64_defconfig with tests/debug/debug.config merged on
# top (KASAN, lockdep, kmemleak, UBSAN, KFENCE, fault injection; see the
# fragment), not Debian's config: it builds in minutes on 2 cores.  HASH
# covers the base config and the fragment, so a changed fragment rebuilds.
#
# The tree is built out of the source folder (O=) and doubles as KDIR for
# out-of-tree modules: it has vmlinux (module BTF) and resolve_btfids.
# In it: arch/x86/boot/bzImage, kernelrelease (uname -r, e.g.
# 6.1.192-kwasm-debug) and root/lib/modules/KVER (modules_install, so the
# initramfs gets modules.builtin).  Full log: BUILD/debug-kernel/build.log.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
build=${1:-${BUILD:-$root/build}}
mkdir -p "$build/debug-kernel"
top=$(cd "$build/debug-kernel" && pwd)
pkg=linux-source-6.1

"$here/deps.sh"

exec 9>"$top/.lock"
flock 9

pkgver=$("$root/scripts/linux-source.sh" version)
base=x86_64_defconfig
hash=$( (echo "$base" && cat "$here/debug.config") | sha256sum | cut -c1-12)
tree=$top/${pkgver:-latest}-$hash
if [ -f "$tree/.kwasm-ready" ]; then
	echo "$tree"
	exit 0
fi

# The source: downloaded and unpacked once per version, shared by configs.
src=$top/src-${pkgver:-latest}/$pkg
if [ ! -f "$src/.kwasm-unpacked" ]; then
	tmp=$(mktemp -d "$top/.src.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	"$root/scripts/linux-source.sh" fetch "$tmp"
	dpkg-deb --fsys-tarfile "$tmp"/"$pkg"_*.deb |
		tar -xO "./usr/src/$pkg.tar.xz" | tar -xJ -C "$tmp"
	rm -rf "$src"
	mkdir -p "$(dirname "$src")"
	mv "$tmp/$pkg" "$src"
	touch "$src/.kwasm-unpacked"
	rm -rf "$tmp"
	trap - EXIT
fi

log=$top/build.log
echo "debug-kernel: building $pkg ${pkgver:-} into $tree (log: $log)" >&2
t0=$(date +%s)
mkdir -p "$tree"
jobs=$(nproc)
{
	make -C "$src" O="$tree" "$base"
	"$src/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" \
		"$here/debug.config"
	make -C "$src" O="$tree" olddefconfig
} >"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

# merge_config.sh only warns when a symbol did not get its value (a
# missing dependency): the sanitizers and the module BTF must be there.
for opt in KASAN KASAN_INLINE PROVE_LOCKING DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK UBSAN \
	UBSAN_BOUNDS KFENCE DEBUG_OBJECTS FAILSLAB FAIL_PAGE_ALLOC FAULT_INJECTION_DEBUG_FS \
	DEBUG_INFO_BTF DEBUG_INFO_BTF_MODULES BPF_JIT VETH TLS NET_CLS_BPF PVPANIC_MMIO; do
	grep -q "^CONFIG_$opt=y" "$tree/.config" ||
		{ echo "debug-kernel: CONFIG_$opt did not stick (see $tree/.config)" >&2; exit 1; }
done

make -C "$src" O="$tree" -j"$jobs" all >>"$log" 2>&1 ||
	{ grep -E 'error|Error' "$log" | head -20 >&2; tail -n 20 "$log" >&2; exit 1; }
rm -rf "$tree/root"
make -C "$src" O="$tree" INSTALL_MOD_PATH="$tree/root" modules_install >>"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; exit 1; }
make -s -C "$src" O="$tree" kernelrelease >"$tree/kernelrelease"
echo "debug-kernel: built $(cat "$tree/kernelrelease") in $(($(date +%s) - t0)) s" >&2
touch "$tree/.kwasm-ready"
echo "$tree"
