#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# datapath.sh BUILD KERNEL...: the data-path figure.  Boots each kernel
# (6.1, 6.12) in QEMU with bench/vm as its scripts, where an XDP program
# calls a Wasm export through bpf_kwasm_call() and, as the baseline, the
# same program calls the empty kfunc bpf_kwasm_noop() (kwasm-bpf bench,
# BPF_PROG_TEST_RUN).  Exports of tests/e2e/wat/e2e_dp.wat: `empty`
# returns 0; `echo` reads the 64-byte payload, increments every byte and
# writes it back.  Each round times RUNS runs of the noop program, then of
# the call program.  Printed per kernel and export: the best ns/run of
# ROUNDS rounds of each (best of, like run.sh: host load only ever adds
# time), their ratio, and the median and range of the rounds' own ratios.
#
# Environment: ROUNDS (2), RUNS (50000), SMP (1 vCPU), TIMEOUT (600 s per
# VM).  QEMU runs with -icount shift=0: the guest clock advances 1 ns per
# emulated instruction, so the figures count instructions and do not
# depend on host load; the ratio is the figure.
set -u
. "$(dirname "$0")"/lib.sh
rounds=${ROUNDS:-2}
runs=${RUNS:-50000}
tmo=${TIMEOUT:-600}
smp=${SMP:-1}

row() {
	printf '%-22s %-6s %5s %12s %12s %6s %7s %11s\n' "$@"
}

echo "data path: XDP -> bpf_kwasm_call() -> Wasm export, against XDP -> bpf_kwasm_noop()"
echo "QEMU TCG -icount shift=0 (1 ns = 1 guest instruction), $rounds rounds x $runs runs"
echo "per program, export and kernel; best ns/run"
row kernel export bytes "call ns/run" "noop ns/run" ratio median range
for k in "$@"; do
	bench_vm "$k" datapath bench --timeout "$tmo" --smp "$smp" \
		--append "kwasm_bench.rounds=$rounds kwasm_bench.runs=$runs"
	for e in empty echo; do
		# Lines "    # dp: EXPORT SIZE ROUND CALL NOOP" from the VM.
		sed -n "s/^ *# dp: $e //p" "$out/run.log" | awk -v k="$kver" -v e="$e" '
		function median(a, n,   i, j, t) {
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
					t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
				}
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		$3 > 0 && $4 > 0 {
			n++; size = $1; r[n] = $3 / $4
			if (n == 1 || $3 < c) c = $3
			if (n == 1 || $4 < o) o = $4
			if (n == 1 || r[n] < lo) lo = r[n]
			if (n == 1 || r[n] > hi) hi = r[n]
		}
		END {
			f = "%-22s %-6s %5s %12s %12s %6s %7s %11s\n"
			if (!n) {
				printf f, k, e, "-", "FAIL", "-", "-", "-", "-"
				exit 1
			}
			printf f, k, e, size, c, o, sprintf("%.2f", c / o), sprintf("%.2f", median(r, n)),
				sprintf("%.2f-%.2f", lo, hi)
		}' || fails="$fails $kver/$e"
	done
done
bench_done
