#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# image.sh [BUILD]: print the path of the install test's root file system,
# BUILD/install/rootfs-KEY.img (BUILD defaults to build): a raw ext4 image
# of a minimal Debian 12 system made by mmdebstrap from the host's apt
# sources (sources.sh), with systemd as init, Debian's default kernel and
# its headers, gcc/make/dkms and man-db, and the test driver unit
# (guest/).  KEY hashes this script, guest/ and the sources, so a change of
# the package list makes a new image; the image is made once, then reused
# (callers boot a copy).
#
# mmdebstrap's unshare mode needs no root (user namespaces; as root it
# only unshares mounts); mkfs.ext4 -d turns its tar into the ext4 image.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-${BUILD:-$here/../../build}}
mkdir -p "$build/install"
dir=$(cd "$build/install" && pwd)

# What the user's machine has before installing kwasm: a kernel with its
# headers and the tools DKMS needs (with dkms's recommends, so apt needs no
# network in the VM), a man page reader.  pahole: 6.12's kbuild package
# depends on it (module BTF), and Debian's 6.1 kernels need it for that too.
pkgs="systemd-sysv udev linux-image-amd64 linux-headers-amd64 gcc make dkms
fakeroot sudo man-db kmod initramfs-tools e2fsprogs pahole"
# Room on top of the system for a second kernel with headers and the DKMS
# builds (the image is sparse).
extra_mb=3072

"$here/deps.sh"
sources=$("$here/sources.sh" bookworm)
[ -n "$sources" ] || { echo "image: no bookworm apt sources in /etc/apt" >&2; exit 1; }
key=$( (cat "$0" "$here"/guest/*; echo "$sources") | sha256sum | cut -c1-16)
img=$dir/rootfs-$key.img
if [ -f "$img" ]; then
	echo "$img"
	exit 0
fi

exec 9>"$dir/.lock"
flock 9
[ ! -f "$img" ] || { echo "$img"; exit 0; }
rm -rf "$dir"/rootfs-*
tmp=$img.tmp
t0=$(date +%s)
echo "image: mmdebstrap bookworm with $(echo $pkgs | tr ' ' ,)" >&2
# One mirror argument per sources line.
IFS='
'
set --
for l in $sources; do set -- "$@" "$l"; done
unset IFS
mmdebstrap --mode=unshare --variant=apt \
	--include="$(echo $pkgs | tr ' ' ,)" \
	--customize-hook='echo kwasm-test >"$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda / ext4 defaults 0 1" >"$1/etc/fstab"' \
	--customize-hook="copy-in $here/guest/kwasm-insttest /usr/local/sbin" \
	--customize-hook="copy-in $here/guest/kwasm-insttest.service /etc/systemd/system" \
	--customize-hook='chroot "$1" systemctl enable kwasm-insttest.service' \
	--customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer systemd-timesyncd.service getty@tty1.service' \
	--customize-hook='chroot "$1" passwd -qd root' \
	bookworm "$tmp.tar" "$@" >&2
# The tar keeps root's ownership; unpacking it keeps that only as root, so
# others unpack and run mkfs.ext4 in a user namespace where they are root.
# No device nodes: the kernel's devtmpfs provides /dev.  Its output goes to
# stderr: stdout is the image's path (mkfs.ext4 -q still says it creates it).
ns=""
[ "$(id -u)" = 0 ] || ns="unshare --map-auto --map-root-user"
$ns sh -eu -c '
	mkdir "$1.d"
	tar -C "$1.d" --numeric-owner -xpf "$1.tar" --exclude="./dev/*"
	mkfs.ext4 -q -L kwroot -d "$1.d" "$1" $(($(du -sm "$1.d" | cut -f1) + $2))M
	rm -rf "$1.d" "$1.tar"' sh "$tmp" "$extra_mb" >&2
mv "$tmp" "$img"
echo "image: $(basename "$img") in $(($(date +%s) - t0)) s" >&2
echo "$img"
