#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# initramfs.sh [OPTIONS] KVER OUT.cpio.gz: build the test initramfs.
#
#   --ko FILE        out-of-tree module, to /lib/modules/KVER/extra (repeatable)
#   --cli FILE       static kwasm binary, to /usr/bin/kwasm
#   --nlfuzz FILE    static netlink fuzzer, to /usr/bin/kwasm-nlfuzz
#   --bin FILE       another static test program, to /usr/bin (repeatable)
#   --guests DIR     *.wasm from DIR and its subfolders one level down
#                    (e2e, filters...), to /guest and /guest/SUBFOLDER
#   --bpf DIR        the static eBPF loader DIR/kwasm-bpf, to
#                    /usr/bin/kwasm-bpf, and DIR/*.bpf.o, to /bpf
#   --e2e DIR        e2e scripts, to /e2e (default: tests/e2e)
#   --extra DIR      more test scripts, their lib*.sh and helpers: every
#                    file of DIR, to /extra; /init runs the *.sh with the
#                    e2e ones, in name order
#   --kernel DIR     kernel cache folder from kernel.sh (for --intree)
#   --intree NAME    in-tree module NAME and its dependencies (repeatable)
#   --spec DIR       wast2json output (scripts/spec.sh); its non-SIMD .json
#                    files and the .wasm files they name, to /spec
#   --userland       real Debian programs for the TLS and HTTP tests:
#                    python3 (its stdlib without tests, IDLE, tkinter...),
#                    curl, openssl, gnutls-cli, gnutls-serv, certtool and
#                    socat, with their shared libraries and ELF interpreter;
#                    and the in-tree modules kTLS needs (tls, every module
#                    of kernel/crypto, arch/x86/crypto, lib/crypto; needs
#                    --kernel)
#   --tls DIR        tests/tls/build.sh output: DIR/pki to /tls, the static
#                    helpers DIR/bin/* to /usr/bin
#
# Contents: static busybox with its applet links, /init (init.sh), the
# modules (depmod'ed, so busybox modprobe also serves request_module()),
# the CLI, the guests, the eBPF loader, the spec testsuite and the e2e
# scripts (with their lib*.sh).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
e2e=$here/../e2e
kos=""
cli=""
nlfuzz=""
bins=""
guests=""
bpf=""
kdir=""
intree=""
spec=""
extra=""
userland=0
tls=""
usage() {
	sed -n '4,/^set -eu/{/^set -eu/d; s/^# \{0,1\}//; p}' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--ko) kos="$kos $2"; shift 2 ;;
	--cli) cli=$2; shift 2 ;;
	--nlfuzz) nlfuzz=$2; shift 2 ;;
	--bin) bins="$bins $2"; shift 2 ;;
	--guests) guests=$2; shift 2 ;;
	--bpf) bpf=$2; shift 2 ;;
	--e2e) e2e=$2; shift 2 ;;
	--extra) extra=$2; shift 2 ;;
	--kernel) kdir=$2; shift 2 ;;
	--intree) intree="$intree $2"; shift 2 ;;
	--spec) spec=$2; shift 2 ;;
	--userland) userland=1; shift ;;
	--tls) tls=$2; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || usage
kver=$1
out=$2
[ -x /bin/busybox ] || "$here/deps.sh"

root=$(mktemp -d)
# mktemp makes it 0700: the unprivileged-user tests need to reach /bin.
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/bin "$root"/sbin "$root"/usr/bin "$root"/usr/sbin "$root"/dev \
	"$root"/proc "$root"/sys "$root"/tmp "$root"/run "$root"/root "$root"/etc \
	"$root"/e2e "$root"/guest "$root/lib/modules/$kver/extra"
cp /bin/busybox "$root"/bin/busybox
for a in $(/bin/busybox --list-full); do
	[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done
# The kernel opens /dev/console before /init mounts devtmpfs.
mknod -m 600 "$root"/dev/console c 5 1 2>/dev/null || true
cp "$here"/init.sh "$root"/init
chmod 755 "$root"/init
# nobody is for the tests that check what an unprivileged user may do.
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' \
	>"$root"/etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root"/etc/group

# kTLS and every crypto module: with a self-test's algorithm missing (ecdh
# needs its KPP helpers), loading tls WARNs, and panic_on_warn is set.
if [ "$userland" = 1 ]; then
	[ -n "$kdir" ] || { echo "initramfs: --userland needs --kernel" >&2; exit 2; }
	intree="$intree tls $(cd "$kdir/lib/modules/$kver/kernel" 2>/dev/null &&
		find crypto arch/x86/crypto lib/crypto -name '*.ko*' 2>/dev/null |
		sed 's|.*/||; s|\.ko.*||')"
fi
for ko in $kos; do
	cp "$ko" "$root/lib/modules/$kver/extra/"
done
if [ -n "$intree" ]; then
	[ -n "$kdir" ] || { echo "initramfs: --intree needs --kernel" >&2; exit 2; }
	for m in $intree; do
		modprobe -d "$kdir" -S "$kver" --show-depends "$m" |
			sed -n 's/^insmod \([^ ]*\).*/\1/p'
	done | sort -u | while read -r f; do
		rel=${f#"$kdir"/}
		mkdir -p "$root/$(dirname "$rel")"
		# 6.12 ships .ko.xz; plain .ko needs no decompressor in the VM.
		case $f in
		*.xz) xz -dc "$f" >"$root/${rel%.xz}" ;;
		*) cp "$f" "$root/$rel" ;;
		esac
	done
fi
if [ -n "$kdir" ]; then
	cp "$kdir/lib/modules/$kver"/modules.builtin* "$kdir/lib/modules/$kver"/modules.order \
		"$root/lib/modules/$kver/" 2>/dev/null || true
fi
depmod -b "$root" "$kver"

[ -z "$cli" ] || cp "$cli" "$root"/usr/bin/kwasm
[ -z "$nlfuzz" ] || cp "$nlfuzz" "$root"/usr/bin/kwasm-nlfuzz
for b in $bins; do
	cp "$b" "$root"/usr/bin/
done
if [ -n "$guests" ] && [ -d "$guests" ]; then
	find "$guests" -maxdepth 1 -name '*.wasm' -exec cp {} "$root"/guest/ \;
	# The expected results and their checker, for `kwasm call` in the VM.
	cp "$here"/../../examples/check.sh "$here"/../../examples/expected.txt \
		"$root"/guest/
fi
# Test-only modules (traps, runaway code) built from tests/e2e/wat, the
# data-path filters...: every subfolder that holds .wasm files.
if [ -n "$guests" ] && [ -d "$guests" ]; then
	for d in "$guests"/*/; do
		d=${d%/}
		set -- "$d"/*.wasm
		[ -f "$1" ] || continue
		mkdir -p "$root/guest/${d##*/}"
		cp "$@" "$root/guest/${d##*/}/"
	done
fi
if [ -n "$bpf" ] && [ -d "$bpf" ]; then
	[ ! -x "$bpf/kwasm-bpf" ] || cp "$bpf/kwasm-bpf" "$root"/usr/bin/kwasm-bpf
	set -- "$bpf"/*.bpf.o
	if [ -f "$1" ]; then
		mkdir -p "$root"/bpf
		cp "$@" "$root"/bpf/
	fi
fi
# SIMD is not implemented (the runner skips those files), and is half the size.
if [ -n "$spec" ] && [ -d "$spec" ]; then
	mkdir -p "$root"/spec
	for j in "$spec"/*.json; do
		b=$(basename "$j" .json)
		case $b in simd_*) continue ;; esac
		cp "$j" "$root"/spec/
		for w in "$spec/$b".*.wasm; do
			[ ! -f "$w" ] || cp "$w" "$root"/spec/
		done
	done
fi
cp "$e2e"/*.sh "$root"/e2e/
[ "$userland" = 0 ] || "$here"/userland.sh "$root"
if [ -n "$tls" ]; then
	mkdir -p "$root"/tls
	cp "$tls"/pki/* "$root"/tls/
	[ ! -d "$tls/bin" ] || cp "$tls"/bin/* "$root"/usr/bin/
fi
if [ -n "$extra" ]; then
	mkdir -p "$root"/extra
	cp "$extra"/* "$root"/extra/
fi

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
