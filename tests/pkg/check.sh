#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# check.sh [BUILD]: the packages and make install, on this host, no VM and
# nothing installed into it (make test-pkg):
#   - make deb builds kwasm-dkms, kwasm-tools and libkwasm-dev into BUILD/deb
#   - lintian reports no errors (warnings are listed)
#   - each package holds the files it should (dpkg-deb -c), the tools are
#     linked dynamically, the unit names /usr/sbin, dkms.conf its version
#   - libkwasm-dev links a program, statically and shared, through pkg-config
#   - the DKMS tree from kwasm-dkms: how kmod-btf.sh picks the BTF (no base,
#     a raw /sys-style base, headers with vmlinux), then a full build for 6.1
#     from that tree alone with a raw base: BTF ids resolved, genetlink
#     aliases there; `dkms-build.sh clean` leaves the tree as packaged
#   - make install DESTDIR=tmp, then make uninstall leaves no file;
#     make module-install KVER=... DESTDIR=tmp and module-uninstall
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${BUILD:-$root/build}}
mkdir -p "$build"
build=$(cd "$build" && pwd)
cd "$root"
tmp=$(mktemp -d "$build/.pkgtest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

. scripts/lib_check.sh
finish() {
	t_done test-pkg
	exit
}

t0=$(date +%s)
if make -s deb BUILD="$build" >"$tmp/deb.log" 2>&1; then
	t_ok "make deb ($(($(date +%s) - t0)) s)"
else
	t_fail "make deb" "$(tail -n 40 "$tmp/deb.log")"
	finish
fi
deb=$build/deb
for p in kwasm-dkms kwasm-tools libkwasm-dev; do
	# shellcheck disable=SC2012 # one file name, no odd characters
	n=$(ls "$deb/${p}_"*.deb 2>/dev/null | wc -l)
	t_check "one ${p}_*.deb in BUILD/deb" test "$n" -eq 1
done
# shellcheck disable=SC2012
n=$(ls "$deb"/*.deb | wc -l)
t_check "exactly three .debs (no -dbgsym)" test "$n" -eq 3
version=$(dpkg-deb -f "$deb"/kwasm-tools_*.deb Version)
t_check "debian/changelog's version is VERSION ($(cat VERSION))" \
	test "$(dpkg-parsechangelog -SVersion)" = "$(cat VERSION)"

# Exit 0 with --fail-on error: it ran, and found no error.
lrc=0
lintian --fail-on error "$deb"/*.changes >"$tmp/lintian" 2>&1 || lrc=$?
sed -n 's/^\([EW]\): /     lintian \1: /p' "$tmp/lintian"
t_check "lintian: no errors (exit $lrc)" test "$lrc" -eq 0

# shellcheck disable=SC2317 # has() runs through check()
# has PACKAGE PATH...: every PATH (a dpkg-deb -c name, ./ stripped) is there.
has() {
	p=$1
	shift
	dpkg-deb -c "$deb/${p}_"*.deb | awk '{ print $6 }' | sed 's|^\./||' >"$tmp/list.$p"
	for f in "$@"; do
		grep -qx "$f" "$tmp/list.$p" || { echo "$p lacks $f"; return 1; }
	done
}
src=usr/src/kwasm-$version
t_check "kwasm-dkms contents" has kwasm-dkms "$src/dkms.conf" "$src/Kbuild" \
	"$src/kmod/main.c" "$src/kmod/bpf.c" "$src/engine/src/interp.c" \
	"$src/engine/include/kwasm/engine.h" "$src/port/kernel/port_kernel.c" \
	"$src/include/uapi/linux/kwasm.h" "$src/sdk/c/kwasm_guest.h" \
	"$src/scripts/dkms-build.sh" "$src/scripts/kmod-btf.sh" "$src/tools/btfids/btfids.c"
t_check "kwasm-dkms ships no objects" sh -c "! grep -E '\\.(o|ko|cmd)\$' '$tmp/list.kwasm-dkms'"
t_check "kwasm-tools contents" has kwasm-tools usr/sbin/kwasm usr/sbin/kwasm-bpf \
	usr/sbin/kwasm-tlsd usr/share/man/man8/kwasm.8.gz usr/share/man/man8/kwasm-bpf.8.gz \
	usr/share/man/man8/kwasm-tlsd.8.gz \
	usr/share/man/man7/kwasm-guest.7.gz usr/share/bash-completion/completions/kwasm \
	usr/share/bash-completion/completions/kwasm-bpf lib/systemd/system/kwasm-tlsd.service
lib=usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)
t_check "libkwasm-dev contents" has libkwasm-dev usr/include/kwasm/engine.h \
	usr/include/kwasm/kw_port.h usr/include/kwasm/kw_port_types.h \
	usr/include/kwasm-guest/kwasm_guest.h "$lib/libkwasm.a" "$lib/libkwasm.so" \
	"$lib/libkwasm.so.0" "$lib/pkgconfig/kwasm.pc" "$lib/pkgconfig/kwasm-guest.pc"

for p in kwasm-dkms kwasm-tools libkwasm-dev; do
	mkdir -p "$tmp/x/$p"
	dpkg-deb -x "$deb/${p}_"*.deb "$tmp/x/$p"
	dpkg-deb -e "$deb/${p}_"*.deb "$tmp/x/$p/DEBIAN"
done
x=$tmp/x
t_check "dkms.conf: version $version, autoinstall" sh -c \
	"grep -qx 'PACKAGE_VERSION=\"$version\"' '$x/kwasm-dkms/$src/dkms.conf' &&
	 grep -qx 'AUTOINSTALL=\"yes\"' '$x/kwasm-dkms/$src/dkms.conf'"
t_check "kwasm-dkms postinst runs dkms, depends on dkms" sh -c \
	"grep -q 'dkms' '$x/kwasm-dkms/DEBIAN/postinst' &&
	 dpkg-deb -f '$deb'/kwasm-dkms_*.deb Depends | grep -q 'dkms'"
t_check "kwasm-dkms postinst has the every-kernel loop" grep -q 'dkms install -m kwasm' \
	"$x/kwasm-dkms/DEBIAN/postinst"
# That loop against fake kernels (in a copy pointed at them) and a fake
# dkms and dpkg-query first on PATH: it installs for the kernel with
# headers that DKMS has not done, and for no other.
fk=$tmp/fk
mkdir -p "$fk/bin" "$fk/mods/6.1.0-1-amd64/build" "$fk/mods/6.12.1-amd64/build" \
	"$fk/mods/5.10-old"
touch "$fk/mods/6.1.0-1-amd64/build/Makefile" "$fk/mods/6.12.1-amd64/build/Makefile"
{
	echo '#!/bin/sh'
	echo 'case "$*" in'
	echo "status*6.1.0-1-amd64*) echo 'kwasm/$version, 6.1.0-1-amd64, x86_64: installed' ;;"
	echo 'status*) ;;'
	echo "*) echo \"\$*\" >>'$fk/calls' ;;"
	echo 'esac'
} >"$fk/bin/dkms"
printf '#!/bin/sh\necho %s\n' "$version" >"$fk/bin/dpkg-query"
chmod +x "$fk/bin/dkms" "$fk/bin/dpkg-query"
sed "s|/lib/modules/|$fk/mods/|" debian/kwasm-dkms.postinst >"$fk/postinst"
t_check "postinst loop: dkms install for the kernel DKMS skipped, only it" sh -c \
	"PATH='$fk/bin':\$PATH sh '$fk/postinst' configure &&
	 test \"\$(cat '$fk/calls')\" = 'install -m kwasm -v $version -k 6.12.1-amd64'"
t_check "kwasm-tools does not depend on dkms" sh -c \
	"! dpkg-deb -f '$deb'/kwasm-tools_*.deb Depends | grep -q dkms"
for b in kwasm kwasm-bpf kwasm-tlsd; do
	t_check "$b is dynamically linked" sh -c \
		"readelf -d '$x/kwasm-tools/usr/sbin/$b' | grep -q NEEDED"
done
t_check "kwasm --version says $version" sh -c \
	"'$x/kwasm-tools/usr/sbin/kwasm' --version | grep -qF '$version'"
t_check "unit starts /usr/sbin/kwasm-tlsd" grep -qx 'ExecStart=/usr/sbin/kwasm-tlsd' \
	"$x/kwasm-tools/lib/systemd/system/kwasm-tlsd.service"
# dh_installsystemd --no-enable: re-enable only where it was already
# installed (debian-installed) and enabled; --no-start: no start at all.
t_check "unit neither enabled nor started at install" sh -c \
	"grep -q \"deb-systemd-helper debian-installed 'kwasm-tlsd.service'\" \
		'$x/kwasm-tools/DEBIAN/postinst' &&
	 ! grep -q 'deb-systemd-invoke.*start' '$x/kwasm-tools/DEBIAN/postinst'"

# A program against libkwasm-dev, found through its pkg-config file.
cat >"$tmp/emb.c" <<'EOF'
#include <stdio.h>
#include <kwasm/engine.h>

int main(void)
{
	static const unsigned char empty[] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	struct kw_module *m;
	int rc = kw_module_load(empty, sizeof(empty), &m, NULL);

	if (rc)
		return 1;
	kw_module_free(m);
	/* Not Wasm: must fail, so the call above is real. */
	return kw_module_load(empty + 1, 7, &m, NULL) ? 0 : 1;
}
EOF
pcdir=$x/libkwasm-dev/$lib/pkgconfig
pc() { PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$x/libkwasm-dev pkg-config "$@"; }
if command -v pkg-config >/dev/null 2>&1; then
	# shellcheck disable=SC2046 # pkg-config prints flags
	t_check "libkwasm-dev: static link via pkg-config" sh -c \
		"gcc -o '$tmp/emb-static' '$tmp/emb.c' $(pc --cflags kwasm) \
			'$x/libkwasm-dev/$lib/libkwasm.a' -lm && '$tmp/emb-static'"
	t_check "libkwasm-dev: shared link via pkg-config" sh -c \
		"gcc -o '$tmp/emb-shared' '$tmp/emb.c' $(pc --cflags --libs kwasm) &&
		 LD_LIBRARY_PATH='$x/libkwasm-dev/$lib' '$tmp/emb-shared' &&
		 readelf -d '$tmp/emb-shared' | grep -q 'libkwasm.so.0'"
	ginc=$(pc --cflags kwasm-guest | sed 's/^-I//; s/ *$//')
	t_check "kwasm-guest.pc points at the guest header" test -f "$ginc/kwasm_guest.h"
else
	t_fail "pkg-config missing (apt install pkg-config)"
fi

# The DKMS tree alone: which BTF, and a real build with the raw base.
dk=$x/kwasm-dkms/$src
k61=$(tests/qemu/kver.sh 6.1)
k612=$(tests/qemu/kver.sh 6.12)
kd61=$(tests/qemu/headers.sh "$k61" "$build")
kd612=$(tests/qemu/headers.sh "$k612" "$build")
rawbtf=$tmp/vmlinux.btf
# Raw BTF, as /sys/kernel/btf/vmlinux has it (.BTF is loaded, so -O binary).
objcopy -O binary --only-section=.BTF "$(KDIR=$kd61 scripts/btf-vmlinux.sh "$k61" "$build")" \
	"$rawbtf"
t_check "kmod-btf: 6.1 not running, no base: no BTF, says why" sh -c \
	"sh '$dk/scripts/kmod-btf.sh' '$k61' '$kd61' '$tmp/w1' 2>'$tmp/w1.err' >'$tmp/w1.out' &&
	 grep -qx PAHOLE=true '$tmp/w1.out' && head -n 1 '$tmp/w1.out' | grep -qx '$kd61' &&
	 grep -q 'without BTF.*no base BTF' '$tmp/w1.err' &&
	 grep -q 'eBPF bridge (kfuncs) will be unavailable' '$tmp/w1.err'"
t_check "kmod-btf: raw BTF base: private kdir, btfids" sh -c \
	"BTF_BASE='$rawbtf' sh '$dk/scripts/kmod-btf.sh' '$k61' '$kd61' '$tmp/w2' >'$tmp/w2.out' &&
	 head -n 1 '$tmp/w2.out' | grep -qx '$tmp/w2/kdir' && cmp -s '$tmp/w2/kdir/vmlinux' '$rawbtf' &&
	 grep -qx PAHOLE=pahole '$tmp/w2.out' &&
	 grep -qx 'RESOLVE_BTFIDS=$tmp/w2/btfids' '$tmp/w2.out' && test -x '$tmp/w2/btfids'"
t_check "kmod-btf: 6.12 headers have vmlinux and resolve_btfids" sh -c \
	"sh '$dk/scripts/kmod-btf.sh' '$k612' '$kd612' '$tmp/w3' >'$tmp/w3.out' &&
	 test \"\$(cat '$tmp/w3.out')\" = \"\$(printf '%s\\n' '$kd612' PAHOLE=pahole)\""

# DKMS shows POST_BUILD's output at install time (make.log only in a file).
cp -a "$dk" "$tmp/dkms-nobtf"
sh "$dk/scripts/kmod-btf.sh" "$k61" "$kd61" "$tmp/dkms-nobtf/.btf" >/dev/null 2>&1
t_check "POST_BUILD (executable) repeats the no-BTF warning" sh -c \
	"test -x '$dk/scripts/dkms-build.sh' &&
	 grep -qx 'POST_BUILD=\"scripts/dkms-build.sh post-build\"' '$dk/dkms.conf' &&
	 cd '$tmp/dkms-nobtf' && scripts/dkms-build.sh post-build 2>&1 >/dev/null |
		grep -q 'WARNING.*without BTF: its headers have no vmlinux'"
cp -a "$dk" "$tmp/dkms"
find "$tmp/dkms" | sort >"$tmp/dkms.before"
t0=$(date +%s)
t_check "DKMS tree builds kwasm.ko for $k61 with a raw BTF base" sh -c \
	"BTF_BASE='$rawbtf' sh '$tmp/dkms/scripts/dkms-build.sh' '$k61' '$kd61'"
t_check "  ... BTF ids resolved ($(($(date +%s) - t0)) s)" scripts/btf-check.sh "$tmp/dkms/kwasm.ko"
t_check "  ... genetlink family aliases" sh -c \
	"modinfo -F alias '$tmp/dkms/kwasm.ko' | grep -qx net-pf-16-proto-16-family-kwasm &&
	 modinfo -F alias '$tmp/dkms/kwasm.ko' | grep -qx net-pf-16-proto-16-family-kwasm_tls"
t_check "  ... vermagic $k61" sh -c "modinfo -F vermagic '$tmp/dkms/kwasm.ko' | grep -q '^$k61 '"
t_check "  ... version $version" sh -c "modinfo -F version '$tmp/dkms/kwasm.ko' | grep -qx '$version'"
t_check "  ... POST_BUILD silent when BTF is there" sh -c \
	"cd '$tmp/dkms' && test -z \"\$(scripts/dkms-build.sh post-build 2>&1)\""
sh "$tmp/dkms/scripts/dkms-build.sh" clean
find "$tmp/dkms" | sort >"$tmp/dkms.after"
t_check "dkms-build.sh clean leaves the tree as packaged" cmp "$tmp/dkms.before" "$tmp/dkms.after"

# make install / uninstall into a DESTDIR.
dest=$tmp/dest
t_check "make install DESTDIR PREFIX=/opt/kw" make -s install BUILD="$build" DESTDIR="$dest" PREFIX=/opt/kw
t_check "  ... installed the tools, pages, completion, unit, library" sh -c \
	"cd '$dest/opt/kw' && test -x sbin/kwasm && test -x sbin/kwasm-bpf && test -x sbin/kwasm-tlsd &&
	 test -f share/man/man8/kwasm.8 && test -f share/man/man7/kwasm-guest.7 &&
	 test -f share/bash-completion/completions/kwasm && test -f include/kwasm/engine.h &&
	 test -f lib/libkwasm.a && test -L lib/libkwasm.so && test -f lib/pkgconfig/kwasm.pc &&
	 grep -qx 'ExecStart=/opt/kw/sbin/kwasm-tlsd' lib/systemd/system/kwasm-tlsd.service &&
	 grep -qx 'prefix=/opt/kw' lib/pkgconfig/kwasm.pc"
t_check "make uninstall leaves no file" sh -c \
	"make -s uninstall BUILD='$build' DESTDIR='$dest' PREFIX=/opt/kw &&
	 test -z \"\$(find '$dest' ! -type d)\""
t_check "make module-install KVER DESTDIR" make -s module-install BUILD="$build" KVER="$k61" \
	KDIR="$kd61" DESTDIR="$dest"
t_check "  ... kwasm.ko in lib/modules/$k61/updates" test -f "$dest/lib/modules/$k61/updates/kwasm.ko"
t_check "make module-uninstall leaves no file" sh -c \
	"make -s module-uninstall BUILD='$build' KVER='$k61' KDIR='$kd61' DESTDIR='$dest' &&
	 test -z \"\$(find '$dest' ! -type d)\""
finish
