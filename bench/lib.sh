# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# What bench/datapath.sh and bench/tls.sh share: both take BUILD KERNEL...
# and boot each kernel in QEMU with one script of bench/vm.  Sourced at the
# top of the script, it checks the arguments and leaves the kernels in "$@":
#
#   build, here                  the build folder (absolute) and bench/
#   bench_vm KERNEL TEST DIR [RUN.SH OPTION...]
#                                run bench/vm/TEST.sh on KERNEL (-icount, so
#                                the guest clock counts instructions); sets
#                                kver and out (BUILD/qemu/DIR/KVER, with
#                                run.log), a failed run goes to fails
#   bench_done                   "!!! FAILED: ..." and exit 1 if any failed

if [ $# -lt 2 ]; then
	echo "usage: $0 BUILD KERNEL..." >&2
	exit 2
fi
build=$(cd "$1" && pwd) || exit 2
shift
here=$(cd "$(dirname "$0")" && pwd)
fails=""

bench_vm() {
	bv_k=$1
	bv_test=$2
	kver=$("$here/../tests/qemu/kver.sh" "$bv_k") || exit 2
	out=$build/qemu/$3/$kver
	shift 3
	mkdir -p "$out"
	"$here/../tests/qemu/run.sh" --icount --e2e "$here/vm" -t "$bv_test" --out "$out" "$@" \
		"$bv_k" "$build" >"$out/run.log" 2>&1 ||
		fails="$fails $kver (see $out/run.log)"
}

bench_done() {
	if [ -n "$fails" ]; then
		echo "!!! FAILED:$fails"
		exit 1
	fi
}
