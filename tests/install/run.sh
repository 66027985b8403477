#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh [BUILD [DEBDIR]]: the install test (make test-install).  Boots a
# copy of the Debian 12 root file system of image.sh in QEMU (TCG) on its
# own kernel and initrd (Debian's default 6.1, systemd as init), where
# guest-test.sh installs DEBDIR's kwasm-dkms and kwasm-tools with apt (DKMS
# builds kwasm.ko in the VM), uses kwasm, and installs the second kernel
# (6.12, tests/qemu/kver.sh) with its headers from .debs this script
# downloads; then boots that kernel from the same disk, uses kwasm again,
# removes and purges the packages and looks for leftovers.
#
#   BUILD   build folder (default build); the image and the downloaded
#           kernel packages are cached in BUILD/install, logs go to
#           BUILD/install/out
#   DEBDIR  folder with kwasm-dkms_*.deb and kwasm-tools_*.deb
#           (default BUILD/deb)
#
# Each boot passes when the VM wrote its sentinel with rc=0, taints nothing
# but O and E and its console shows no BUG/Oops/WARNING/lockup.  Output:
# the guest's ok/not ok lines, then `install: N passed, N failed`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-${BUILD:-$here/../../build}}
mkdir -p "$build/install"
build=$(cd "$build" && pwd)
debdir=${2:-$build/deb}
tmo=${KWASM_INSTALL_TIMEOUT:-3600}
mem=2048
"$here/deps.sh"

dkms_deb=$(ls "$debdir"/kwasm-dkms_*.deb 2>/dev/null | tail -1)
tools_deb=$(ls "$debdir"/kwasm-tools_*.deb 2>/dev/null | tail -1)
wasm=$build/guest/e2e/e2e_traps.wasm
for f in "$dkms_deb" "$tools_deb" "$wasm"; do
	[ -f "$f" ] || {
		echo "install: missing kwasm-dkms/kwasm-tools debs in $debdir or $wasm" >&2
		exit 1
	}
done

t0=$(date +%s)
img=$("$here/image.sh" "$build")
t_img=$(($(date +%s) - t0))

# The second kernel: the packages a user's apt would fetch for
# linux-image-KVER and linux-headers-KVER that the image lacks (the
# headers' -common and kbuild), downloaded once.
k2=$("$here/../qemu/kver.sh" 6.12)
kdebs=$build/install/debs-$k2
if [ ! -f "$kdebs/.done" ]; then
	echo "install: downloading linux-image-$k2 and its headers" >&2
	rm -rf "$kdebs"
	mkdir -p "$kdebs"
	deps=$(apt-cache depends "linux-headers-$k2")
	common=$(echo "$deps" | sed -n 's/.*Depends: \(linux-headers-[^ ]*-common\)$/\1/p' | head -1)
	kbuild=$(echo "$deps" | sed -n 's/.*Depends: \(linux-kbuild-[^ ]*\)$/\1/p' | head -1)
	(cd "$kdebs" && apt-get download -qq -o APT::Sandbox::User=root \
		"linux-image-$k2" "linux-headers-$k2" $common $kbuild >&2)
	touch "$kdebs/.done"
fi

out=$build/install/out
rm -rf "$out"
mkdir -p "$out/share/k2"
exec 8>"$build/install/.run.lock"
flock 8

# The share disk: the test, the packages under test, the second kernel.
cp "$here/guest-test.sh" "$out/share/test.sh"
cp "$dkms_deb" "$tools_deb" "$wasm" "$out/share/"
cp "$kdebs"/*.deb "$out/share/k2/"
echo "$k2" >"$out/share/k2.kver"
mkfs.ext4 -q -L KWTEST -d "$out/share" "$out/share.img" \
	$(($(du -sm "$out/share" | cut -f1) + 64))M
# Every run starts from the pristine image.
cp --sparse=always "$img" "$out/disk.img"

# Boot kernel KVER of the disk (its /boot read with debugfs, no mount).
boot() {
	phase=$1
	kv=$2
	for f in vmlinuz initrd.img; do
		rm -f "$out/$f-$kv"
		debugfs -R "dump /boot/$f-$kv $out/$f-$kv" "$out/disk.img" 2>/dev/null
		[ -s "$out/$f-$kv" ] || { echo "install: no /boot/$f-$kv in the image" >&2; return 1; }
	done
	log=$out/console-$phase.log
	res=$out/results-$phase.txt
	echo "install: booting $kv (phase $phase)" >&2
	b0=$(date +%s)
	qrc=0
	# thread=single: see tests/qemu/run.sh.
	timeout -k 5 "$tmo" qemu-system-x86_64 -nodefaults -no-user-config -machine pc \
		-accel tcg,thread=single -cpu max -m "$mem" -smp 1 -display none -no-reboot \
		-kernel "$out/vmlinuz-$kv" -initrd "$out/initrd.img-$kv" \
		-append "root=/dev/vda rw console=ttyS0 panic=-1 oops=panic softlockup_panic=1 kwtest.phase=$phase" \
		-drive "file=$out/disk.img,format=raw,if=virtio" \
		-drive "file=$out/share.img,format=raw,if=virtio" \
		-serial "file:$log" -serial "file:$res" \
		-device pvpanic -action panic=exit-failure </dev/null || qrc=$?
	secs=$(($(date +%s) - b0))
	tr -d '\r' <"$res" >"$res.ktap" 2>/dev/null || : >"$res.ktap"
	reasons=""
	sentinel=$(grep -a '^@@RESULT ' "$res.ktap" | tail -1 || true)
	case $qrc in
	0) ;;
	124 | 137) reasons="$reasons; timed out after ${tmo}s" ;;
	*) reasons="$reasons; qemu exited $qrc (guest panic?)" ;;
	esac
	if [ -z "$sentinel" ]; then
		reasons="$reasons; no @@RESULT sentinel (the VM crashed or hung)"
	else
		rc=$(echo "$sentinel" | sed -n 's/.* rc=\([0-9]*\).*/\1/p')
		taint=$(echo "$sentinel" | sed -n 's/.* taint=\([0-9]*\).*/\1/p')
		[ "$rc" = 0 ] || reasons="$reasons; rc=$rc"
		[ $((${taint:-1} & ~12288)) -eq 0 ] || reasons="$reasons; taint=$taint beyond O and E"
	fi
	bad='BUG:|Oops|WARNING: CPU|Call Trace|soft lockup|detected stall|Kernel panic|general protection fault'
	badline=$(tr -d '\r' <"$log" | grep -aE "$bad" | head -1 || true)
	[ -z "$badline" ] || reasons="$reasons; console: $badline"
	grep -av '^@@RESULT ' "$res.ktap" || true
	if [ -z "$reasons" ]; then
		echo "ok - vm $kv: sentinel, rc=0, taint ok, clean console (${secs}s)"
	else
		echo "not ok - vm $kv:${reasons#;}"
		tr -d '\r' <"$log" | tail -n 40 | sed 's/^/# console: /'
		echo "# full logs: $out"
	fi
	echo "# time: boot $phase ($kv): ${secs} s"
}

k1=$(debugfs -R 'ls /boot' "$out/disk.img" 2>/dev/null | tr -s ' \t' '\n' |
	sed -n 's/^vmlinuz-//p' | head -1)
{
	echo "# time: image: ${t_img} s (cached when 0)"
	echo "# packages: $(basename "$dkms_deb") $(basename "$tools_deb")"
	boot 1 "$k1"
	if grep -q "^ok - $k2: has an initrd to boot" "$out/results-1.txt.ktap"; then
		boot 2 "$k2"
	else
		echo "not ok - vm $k2: not booted (the first boot did not install it)"
	fi
} | tee "$out/results.txt"
awk '
/^ok / { pass++ }
/^not ok / { fail++ }
END {
	printf "install: %d passed, %d failed\n", pass, fail
	exit fail != 0 || pass == 0
}' "$out/results.txt"
