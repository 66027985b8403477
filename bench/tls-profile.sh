#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# tls-profile.sh BUILD: where a kwasm-tlsd handshake spends its
# instructions, on this machine, without a kernel: BUILD/bench/tls_profile
# (bench/tls_profile.c) runs the agent's handshake code for a client rule
# in a freshly forked child, as the agent does, against `openssl s_server`
# with the settings of bench/vm/tls.sh (test PKI, ECDSA P-256, mutual TLS
# 1.3, TLS_AES_256_GCM_SHA384, X25519), under valgrind's callgrind: once
# with OpenSSL as the agent's parent leaves it (cold), once after the
# parent did a handshake itself (warm).  Prints the inclusive instruction
# counts of the steps, in millions.  Instruction counts do not depend on
# host load; they are what -icount counts in bench/tls.sh's VM.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 BUILD" >&2; exit 2; }
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/bench/tls_profile
out=$build/bench/tls-profile
[ -x "$bin" ] || { echo "tls-profile: no $bin (make tls-profile builds it)" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
"$here/../tests/tls/pki.sh" "$out/pki" >/dev/null 2>&1
pki=$out/pki

srv=""
trap '[ -z "$srv" ] || kill "$srv" 2>/dev/null' EXIT
openssl s_server -accept 127.0.0.1:0 -rev -tls1_3 -num_tickets 0 \
	-ciphersuites TLS_AES_256_GCM_SHA384 -groups X25519 -cert "$pki/server-p256.pem" \
	-key "$pki/server-p256.key" -CAfile "$pki/ca.pem" -Verify 1 -verify_return_error \
	</dev/null >"$out/s_server.log" 2>&1 &
srv=$!
i=0
until port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$out/s_server.log") && [ -n "$port" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "tls-profile: s_server did not start" >&2; exit 1; }
	sleep 0.1
done

if ! valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" "$bin" "$port" "$pki" \
	>"$out/pids" 2>"$out/valgrind.log"; then
	cat "$out/valgrind.log" "$out/s_server.log" >&2
	exit 1
fi

# counts FILE: "FUNCTION COUNT" for every function of the profile, from
# lines "26,910,110 (97.90%)  FILE:FUNCTION [OBJECT]" (a function can be
# listed under two spellings of its file: the same count).
counts() {
	callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$1" |
		sed -n 's/^ *\([0-9,]*\) ( *[0-9.]*%) *[^ ]*:\([^ :]*\) .*/\2 \1/p' | tr -d , |
		awk '$2 > n[$1] { n[$1] = $2 } END { for (f in n) print f, n[f] }'
}
for k in cold warm; do
	pid=$(sed -n "s/^$k //p" "$out/pids")
	if [ -z "$pid" ] || [ ! -f "$out/cg.$pid" ]; then
		echo "tls-profile: no $k profile" >&2
		exit 1
	fi
	counts "$out/cg.$pid" >"$out/$k.txt"
done

echo "kwasm-tlsd: one client handshake in a forked child, millions of instructions (callgrind)"
printf '%-44s %8s %8s\n' "" cold warm
# row LABEL FUNCTION...: the sum of the functions' inclusive counts.
row() {
	label=$1
	shift
	printf '%-44s' "$label"
	for k in cold warm; do
		awk -v f=" $* " 'index(f, " " $1 " ") { s += $2 } END { printf " %8.2f", s / 1e6 }' \
			"$out/$k.txt"
	done
	echo
}
row "the child's whole handshake (tlsd_hs_run)" tlsd_hs_run
row "  SSL_CTX_new" SSL_CTX_new
row "  certificate chain from its file" SSL_CTX_use_certificate_chain_file
row "  private key from its file" SSL_CTX_use_PrivateKey_file
row "  CA bundle from its file" SSL_CTX_load_verify_file
row "  the handshake (SSL_do_handshake)" SSL_do_handshake
row "    ECDSA P-256 verifications" ossl_ecdsa_verify
row "    ECDSA P-256 signature" ossl_ecdsa_sign
row "    X25519 key share and secret" EVP_PKEY_keygen EVP_PKEY_derive
