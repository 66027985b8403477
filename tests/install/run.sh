#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh [BUILD [DEBDIR]]: the install test (make test-install).  Boots a
# copy of the Debian 12 root file system of image.sh in QEMU (TCG) on its
# own kernel and initrd (Debian's default 6.1, systemd as init), where
# guest-test.sh installs DEBDIR's kwasm-dkms and kwasm-tools with apt (DKMS
# builds kwasm.ko in the VM), uses kwasm, and installs the second kernel
# (6.12, tests/qemu/kver.sh) with its headers; then boots that kernel from
# the same disk, uses kwasm again, removes and purges the packages and
# looks for leftovers.  The VM has no network: the packages its apt would
# fetch are worked out and downloaded by this script.
#
#   BUILD   build folder (default build); the image and the downloaded
#           packages are cached in BUILD/install, logs go to
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
debdir=$(cd "${2:-$build/deb}" 2>/dev/null && pwd) || debdir=${2:-$build/deb}
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

out=$build/install/out
rm -rf "$out"
mkdir -p "$out/share"
exec 8>"$build/install/.run.lock"
flock 8

# Every run starts from the pristine image.
cp --sparse=always "$img" "$out/disk.img"
debugfs -R "dump /var/lib/dpkg/status $out/status" "$out/disk.img" 2>/dev/null
[ -s "$out/status" ] || { echo "install: no dpkg status in the image" >&2; exit 1; }

# The VM has no network: what its apt would fetch from the archive (the
# dependencies the image lacks) the host's apt works out against the
# image's dpkg status and downloads, once, into BUILD/install/pool.
pool=$build/install/pool
mkdir -p "$pool"
fetch() {
	dest=$1
	shift
	mkdir -p "$dest"
	apt-get -s -qq -o Dir::State::status="$out/status" -o Debug::NoLocking=1 \
		-o APT::Install-Recommends=false install "$@" >"$dest.sim"
	sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' "$dest.sim" >"$dest.list"
	while read -r p v; do
		case " $* " in *"/${p}_"*) continue ;; esac
		f=$(ls "$pool/${p}_$(echo "$v" | sed 's/:/%3a/')"_*.deb 2>/dev/null | head -1)
		if [ -z "$f" ]; then
			(cd "$pool" && apt-get download -qq -o APT::Sandbox::User=root "$p=$v" >&2)
			f=$(ls "$pool/${p}_$(echo "$v" | sed 's/:/%3a/')"_*.deb | head -1)
		fi
		cp "$f" "$dest/"
	done <"$dest.list"
}
# The second kernel, tests/qemu/kver.sh's 6.12.
k2=$("$here/../qemu/kver.sh" 6.12)
echo "install: resolving what apt would fetch (kwasm, then linux-image-$k2)" >&2
fetch "$out/share/deps" "$dkms_deb" "$tools_deb"
fetch "$out/share/k2" "linux-image-$k2" "linux-headers-$k2"

# The share disk: the test, the packages under test, their dependencies,
# the second kernel.
cp "$here/guest-test.sh" "$out/share/test.sh"
cp "$dkms_deb" "$tools_deb" "$wasm" "$out/share/"
echo "$k2" >"$out/share/k2.kver"
mkfs.ext4 -q -L KWTEST -d "$out/share" "$out/share.img" \
	$(($(du -sm "$out/share" | cut -f1) + 64))M
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
