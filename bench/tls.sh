#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# tls.sh BUILD KERNEL...: the transparent-TLS figures.  Boots each kernel
# (6.1, 6.12) in QEMU with bench/vm/tls.sh, which measures on loopback
# (details there):
#   bulk  MIB MiB through a port with no rule, then through a port where
#         kwasm wraps both ends (kTLS carries the records): MB/s of each,
#         ratio plaintext/kTLS; and kTLS with TLS_RX_EXPECT_NO_PAD, which
#         kwasm.ko sets, cleared ("pad");
#   hs    CONNS sequential connections to `openssl s_server`, each a full
#         mutual TLS 1.3 handshake and one echoed line, by a plaintext
#         client through a kwasm client rule (kwasm-tlsd handshakes) and by
#         the same client doing TLS itself with python's ssl (one context;
#         "direct-ctx": a context per connection): handshakes/s of each,
#         ratio direct/kwasm.
# Printed per kernel: the best of ROUNDS rounds (host load only ever adds
# time), the agent's own mean handshake time, and where the CPU went in
# the last round (per cent of each window, from the clock tick's samples).
#
# Environment: ROUNDS (2), MIB (64), CONNS (100), TIMEOUT (900 s per VM).
# QEMU runs with -icount shift=0 and 1 vCPU: the guest clock advances 1 ns
# per emulated instruction and every process shares the one CPU, so a
# figure counts the instructions the whole system spent; it does not
# depend on host load.
set -u
. "$(dirname "$0")"/lib.sh
rounds=${ROUNDS:-2}
mib=${MIB:-64}
conns=${CONNS:-100}
tmo=${TIMEOUT:-900}

echo "transparent TLS: bulk through kTLS against plaintext; handshakes through"
echo "kwasm-tlsd against the client doing TLS itself (openssl s_server, mutual TLS 1.3)"
echo "QEMU TCG -icount shift=0 (1 ns = 1 guest instruction), 1 vCPU, best of $rounds rounds"
bulk=""
hs=""
for k in "$@"; do
	bench_vm "$k" tls bench-tls --timeout "$tmo" --smp 1 \
		--append "kwasm_bench.rounds=$rounds kwasm_bench.mib=$mib kwasm_bench.conns=$conns"
	# Lines "    # tls: ..." from the VM; the figures go to $out/figures.
	rm -f "$out/figures"
	sed -n 's/^ *# tls: //p' "$out/run.log" |
	awk -v k="$kver" -v fig="$out/figures" -v mib="$mib" -v conns="$conns" '
	$1 == "bulk" && $5 > 0 {
		mbs = $4 / $5 * 1000
		if (mbs > best[$2]) best[$2] = mbs
	}
	$1 == "hs" && $5 > 0 {
		r = $4 / $5 * 1e9
		if (r > best[$2]) best[$2] = r
	}
	$1 == "cpu" { cpu[$2] = $0 }
	$1 == "agent" && $2 ~ /^[0-9]+$/ && $2 > 0 { agent = sprintf("%.1f", $3 / $2) }
	$1 == "aead" { aead = $2 }
	END {
		printf "\n%s (kTLS AEAD %s)\n", k, aead ? aead : "?"
		printf "  bulk %4d MiB  %10s %10s %6s %14s\n", mib, "plain MB/s", "kTLS MB/s", "ratio",
			"pad MB/s"
		ok = best["plain"] && best["ktls"] && best["ktls-pad"]
		if (ok)
			printf "  %13s  %10.1f %10.1f %6.2f %14.1f\n", "", best["plain"], best["ktls"],
				best["plain"] / best["ktls"], best["ktls-pad"]
		else
			printf "  %13s  %10s\n", "", "FAIL"
		printf "  handshakes %3d  %10s %10s %6s %14s %12s\n", conns, "kwasm /s", "direct /s",
			"ratio", "direct-ctx /s", "agent ms/hs"
		hok = best["kwasm"] && best["direct"] && best["direct-ctx"]
		if (hok)
			printf "  %14s %10.1f %10.1f %6.2f %14.1f %12s\n", "", best["kwasm"],
				best["direct"], best["kwasm"] ? best["direct"] / best["kwasm"] : 0,
				best["direct-ctx"], agent ? agent : "-"
		else
			printf "  %14s %10s\n", "", "FAIL"
		printf "  CPU, last round, %% of the window:\n"
		n = split("plain ktls ktls-pad kwasm direct direct-ctx", kinds, " ")
		for (i = 1; i <= n; i++) {
			if (!(kinds[i] in cpu))
				continue
			m = split(cpu[kinds[i]], f, " ")
			tot = 0
			for (j = 4; j <= m; j++) {
				split(f[j], kv, "=")
				tot += kv[2]
			}
			line = ""
			for (j = 4; j <= m; j++) {
				split(f[j], kv, "=")
				line = line sprintf(" %s %d", kv[1], tot ? kv[2] * 100 / tot + 0.5 : 0)
			}
			printf "    %-10s%s\n", kinds[i], line
		}
		if (ok)
			printf "bulk %.2fx\n", best["plain"] / best["ktls"] >fig
		if (hok)
			printf "hs %.2fx\n", best["direct"] / best["kwasm"] >fig
		exit !(ok && hok)
	}' || fails="$fails $kver/figures"
	b=$(sed -n 's/^bulk //p' "$out/figures" 2>/dev/null)
	h=$(sed -n 's/^hs //p' "$out/figures" 2>/dev/null)
	bulk="$bulk${bulk:+,} $kver ${b:-FAIL}"
	hs="$hs${hs:+,} $kver ${h:-FAIL}"
done
echo
echo "bulk, plaintext MB/s / kTLS MB/s:$bulk"
echo "handshakes, direct /s / kwasm /s:$hs"
bench_done
