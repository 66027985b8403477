#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh [OPTIONS] KERNEL [BUILD]: boot a stock Debian kernel in QEMU (TCG),
# run the e2e scripts inside and judge the result.
# run.sh [OPTIONS] --kernel-tree DIR [BUILD]: the same with a kernel built
# from source (tests/debug/kernel.sh): DIR/arch/x86/boot/bzImage, its
# release in DIR/kernelrelease, modules_install'ed under DIR/root.
#
#   KERNEL  6.1, 6.12 or a full KVER (tests/qemu/kver.sh)
#   BUILD   build folder (default: build); uses when present
#           BUILD/kmod/KVER/kwasm.ko, BUILD/static/kwasm, BUILD/guest/*.wasm
#           and BUILD/guest/*/*.wasm, BUILD/bpf/kwasm-bpf and BUILD/bpf/*.bpf.o,
#           BUILD/spec-json (the spec testsuite, for 40-spec),
#           BUILD/static/kwasm-nlfuzz (the netlink fuzzer, for 90-nlfuzz) and
#           BUILD/static/kwasm-tlstest (the kwasm_tls client, for 66-tls-rules),
#           BUILD/static/kwasm-tlsd and kwasm-tlsd-ktls (the TLS agent and its
#           core keying kTLS, for 68-tlsd-ktls)
#
#   -t, --test A[,B]  run only these e2e scripts (names without .sh)
#   --canary MODE     load the must-fail canary module after the tests
#                     (warn, oops, lockup; none loads it harmlessly)
#   --no-kwasm        leave kwasm.ko out of the VM (its tests skip)
#   --e2e DIR         take the e2e scripts from DIR (default: tests/e2e)
#   --extra DIR       also run the scripts of DIR (initramfs.sh --extra)
#   --bad REGEX       also fail on console lines matching REGEX (grep -E)
#   --intree NAME     also ship this in-tree module and its deps (repeatable)
#   --userland        ship the real Debian programs, the kTLS modules and a
#                     fresh test PKI (initramfs.sh --userland, --tls); on
#                     by itself when a script to run has a "# vm: userland"
#                     line
#   --timeout SEC     host timeout for the whole VM run (default 1200; the
#                     whole e2e suite is several minutes per kernel)
#   --smp N, --mem MB VM size (default 2 CPUs, 1024 MB)
#   --append ARGS     extra kernel command line
#   --icount          -icount shift=0: the guest clock counts instructions
#                     (1 ns each), so timings are deterministic (benchmarks)
#   --out DIR         where console.log and results.txt go
#                     (default BUILD/qemu/out/KVER[-canary-MODE])
#   -v, --verbose     print the whole console log
#
# The run passes when the VM wrote its sentinel with rc=0, taints nothing
# but O and E, the console shows no BUG/Oops/WARNING/lockup, and every KTAP
# test passed.  Output: the KTAP document, then `NAME: N passed, N failed,
# N skipped` (the VM-level checks count as one test).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
only=""
tree=""
extra=""
morebad=""
canary=""
kwasm=1
intree=""
e2e=""
e2edir=$here/../e2e
extradir=""
userland=0
tmo=1200
smp=2
mem=1024
append=""
icount=""
out=""
verbose=0
usage() {
	sed -n '4,/^set -eu/{/^set -eu/d; s/^# \{0,1\}//; p}' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	-t | --test) only=$2; shift 2 ;;
	--canary) canary=$2; shift 2 ;;
	--no-kwasm) kwasm=0; shift ;;
	--e2e) e2e="--e2e $2"; e2edir=$2; shift 2 ;;
	--kernel-tree) tree=$2; shift 2 ;;
	--extra) extra="--extra $2"; extradir=$2; shift 2 ;;
	--bad) morebad=$2; shift 2 ;;
	--intree) intree="$intree --intree $2"; shift 2 ;;
	--userland) userland=1; shift ;;
	--timeout) tmo=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--icount) icount="-icount shift=0"; shift ;;
	--out) out=$2; shift 2 ;;
	-v | --verbose) verbose=1; shift ;;
	-h | --help) usage ;;
	-*) echo "run: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
if [ -n "$tree" ]; then
	[ $# -le 1 ] || usage
	set -- "" "$@"
else
	[ $# -ge 1 ] && [ $# -le 2 ] || usage
fi
"$here/deps.sh"
build=${2:-${BUILD:-$here/../../build}}
mkdir -p "$build/qemu"
build=$(cd "$build" && pwd)
if [ -n "$tree" ]; then
	tree=$(cd "$tree" && pwd)
	kver=$(cat "$tree/kernelrelease")
	kdir=$tree/root
	vmlinuz=$tree/arch/x86/boot/bzImage
else
	kver=$("$here/kver.sh" "$1")
	kdir=$("$here/kernel.sh" "$kver" "$build")
	vmlinuz=$kdir/boot/vmlinuz-$kver
fi
[ -n "$out" ] || out=$build/qemu/out/$kver${canary:+-canary-$canary}
mkdir -p "$out"
exec 8>"$out/.lock"
flock 8

# The canary builds like kwasm.ko, against the headers headers.sh finds or
# unpacks (KDIR overrides), from symlinks so the source tree stays clean.
build_canary() {
	cdir=$build/qemu/canary-$kver
	mkdir -p "$cdir"
	for f in Kbuild kwasm_canary.c; do
		ln -sf "$here/canary/$f" "$cdir/$f"
	done
	(
		flock 7
		hdrs=${KDIR:-${tree:-$("$here/headers.sh" "$kver" "$build")}}
		make -C "$hdrs" M="$cdir" modules >"$cdir/build.log" 2>&1 ||
			{ cat "$cdir/build.log" >&2; exit 1; }
	) 7>"$cdir/.lock"
	echo "$cdir/kwasm_canary.ko"
}

set --
ko=$build/kmod/$kver/kwasm.ko
if [ "$kwasm" = 1 ] && [ -f "$ko" ]; then
	set -- "$@" --ko "$ko"
else
	echo "# run: no kwasm.ko for $kver (looked for $ko)"
fi
if [ -n "$canary" ]; then
	cko=$(build_canary)
	set -- "$@" --ko "$cko"
	[ -n "$only" ] || only=00-smoke
fi
[ ! -x "$build/static/kwasm" ] || set -- "$@" --cli "$build/static/kwasm"
[ ! -x "$build/static/kwasm-nlfuzz" ] || set -- "$@" --nlfuzz "$build/static/kwasm-nlfuzz"
[ ! -x "$build/static/kwasm-tlstest" ] || set -- "$@" --bin "$build/static/kwasm-tlstest"
for b in kwasm-tlsd kwasm-tlsd-ktls; do
	[ ! -x "$build/static/$b" ] || set -- "$@" --bin "$build/static/$b"
done
[ ! -d "$build/guest" ] || set -- "$@" --guests "$build/guest"
[ ! -d "$build/bpf" ] || set -- "$@" --bpf "$build/bpf"
[ ! -d "$build/spec-json" ] || set -- "$@" --spec "$build/spec-json"
# The userland costs boot time (unpacking ~65 MB): only for the scripts
# that ask for it.
for f in "$e2edir"/*.sh ${extradir:+"$extradir"/*.sh}; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .sh)
	case ,$only, in ,,) ;; *,$n,*) ;; *) continue ;; esac
	! grep -q '^# vm: userland' "$f" || userland=1
done
if [ "$userland" = 1 ]; then
	"$here/../tls/build.sh" "$out/tls" >&2
	set -- "$@" --userland --tls "$out/tls"
fi
# veth for the namespaces of lib_net.sh; sch_ingress (clsact) and cls_bpf
# for tc programs on 6.1.  Netfilter and IPv6 are built in: raw nf hooks
# need no module.
# shellcheck disable=SC2086 # $e2e, $extra and $intree are lists of options
"$here/initramfs.sh" "$@" --kernel "$kdir" --intree pvpanic-mmio \
	--intree veth --intree sch_ingress --intree cls_bpf $e2e $extra $intree \
	"$kver" "$out/initramfs.cpio.gz"

cmdline="console=ttyS0 loglevel=5 panic=-1 oops=panic panic_on_warn=1 softlockup_panic=1"
[ -z "$only" ] || cmdline="$cmdline kwasm.test=$only"
[ -z "$canary" ] || cmdline="$cmdline kwasm.canary=$canary"
[ -z "$append" ] || cmdline="$cmdline $append"

rm -f "$out/console.log" "$out/results.txt"
t0=$(date +%s%N)
qrc=0
# One host thread runs all vCPUs (thread=single): with multi-threaded TCG
# a vCPU can execute kernel text while another patches it (static keys,
# flipped by every netfilter or BPF attach), which oopses on int3 even at
# boot, with no kwasm loaded.
timeout -k 5 "$tmo" qemu-system-x86_64 -nodefaults -no-user-config -machine pc \
	-accel tcg,thread=single \
	-cpu max -m "$mem" -smp "$smp" -display none -no-reboot $icount \
	-kernel "$vmlinuz" -initrd "$out/initramfs.cpio.gz" \
	-append "$cmdline" \
	-serial "file:$out/console.log" -serial "file:$out/results.txt" \
	-device pvpanic -action panic=exit-failure </dev/null || qrc=$?
t1=$(date +%s%N)
secs=$(((t1 - t0) / 1000000))
secs=$((secs / 1000)).$((secs % 1000 / 100))

# VM-level checks; each failure adds a reason.
tr -d '\r' <"$out/results.txt" >"$out/results.ktap" 2>/dev/null || : >"$out/results.ktap"
reasons=""
sentinel=$(grep -a '^@@RESULT ' "$out/results.ktap" | tail -1 || true)
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
	# Allowed: TAINT_OOT_MODULE (O, 4096) and TAINT_UNSIGNED_MODULE (E, 8192).
	[ $((${taint:-1} & ~12288)) -eq 0 ] || reasons="$reasons; taint=$taint beyond O and E"
fi
bad='BUG:|Oops|WARNING: CPU|Call Trace|soft lockup|detected stall|Kernel panic|general protection fault'
[ -z "$morebad" ] || bad="$bad|$morebad"
# A test that injects allocation failures brackets them with these kmsg
# lines: the kernel's allocation-failure reports between them (header to
# end of stack) are expected, anything else there still counts.
tr -d '\r' <"$out/console.log" 2>/dev/null | awk '
/@@ALLOC-FAILURES-EXPECTED begin/ { win = 1 }
/@@ALLOC-FAILURES-EXPECTED end/ { win = 0 }
win && /page allocation failure:|vmalloc error:/ { skip = 1 }
skip { if (/<\/TASK>/) skip = 0; next }
{ print }' >"$out/console.judged"
badline=$(grep -aE "$bad" "$out/console.judged" 2>/dev/null | head -1 || true)
[ -z "$badline" ] || reasons="$reasons; console: $badline"

[ "$verbose" = 0 ] || tr -d '\r' <"$out/console.log" | sed 's/^/# console: /'
grep -av '^@@RESULT ' "$out/results.ktap" || true
if [ -z "$reasons" ]; then
	echo "ok - vm $kver: sentinel, rc=0, taint ok, clean console (${secs}s)"
	vm=ok
else
	echo "not ok - vm $kver:${reasons#;}"
	# The console from the first bad line on, else its end.
	first=$(grep -anE "$bad" "$out/console.judged" 2>/dev/null | head -1 | cut -d: -f1)
	if [ -n "$first" ]; then
		sed -n "$first,$((first + 39))p" "$out/console.judged"
	else
		tail -n 40 "$out/console.log" 2>/dev/null
	fi | tr -d '\r' | sed 's/^/# console: /'
	echo "# full logs: $out"
	vm=fail
fi

# Leaf tests are the scripts' own lines (indented once); a script that
# failed without a failing leaf (crash, bad plan) counts as one failure.
awk -v vm="$vm" -v name="qemu-$kver" '
/^    (not )?ok [0-9]+/ {
	if ($0 ~ /# SKIP/) skip++
	else if ($1 == "not") { fail++; leaf_fail++ }
	else pass++
	next
}
/^    1\.\.0 # SKIP/ { skip++; next }
/^not ok [0-9]+/ { if (!leaf_fail) fail++; leaf_fail = 0; next }
/^ok [0-9]+/ { leaf_fail = 0; next }
END {
	if (vm == "ok") pass++; else fail++
	printf "%s: %d passed, %d failed, %d skipped\n", name, pass, fail, skip
	exit fail != 0
}' "$out/results.ktap"
