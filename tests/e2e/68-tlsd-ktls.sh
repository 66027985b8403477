#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 68-tlsd-ktls: the crypto info kwasm-tlsd derives keys the kernel's own
# kTLS (issue 9); kwasm.ko is not involved.  kwasm-tlsd-ktls
# (tests/tlsd/ktls_peer.c) runs the agent's handshake core on a loopback
# connection, then hands both directions to kTLS with TCP_ULP, TLS_TX and
# TLS_RX and talks through plain send()/recvmsg():
#
#   kwasm-tlsd-ktls client --TLS 1.3--> openssl s_server -rev
#       "kwasm ping" out, "gnip msawk" back, after the server's two session
#       tickets, which must reach kTLS intact (the core reads none of them)
#   openssl s_client --TLS 1.3--> kwasm-tlsd-ktls server
#       "kwasm ping" in (sent right behind the client's Finished), "kwasm
#       pong" out, which s_client must print
#
# for each TLS 1.3 suite and several key types, with HelloRetryRequest;
# /proc/net/tls_stat must count one TX and one RX kTLS socket per run.
# The static kwasm-tlsd must start in the busybox VM.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
if ! command -v kwasm-tlsd-ktls >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1 ||
	[ ! -f "$PKI/ca.pem" ]; then
	ktap_skip_all "no kwasm-tlsd-ktls or userland in this VM (run.sh --userland)"
fi

ktap_plan 17
dmesg_mark

WAIT=${TLS_WAIT:-30}
port=4600

# DESC CMD...: CMD succeeds and kTLS counted one more TX and RX socket.
keyed() {
	desc=$1
	shift
	tx=$(tls_stat TlsTxSw)
	rx=$(tls_stat TlsRxSw)
	if out=$("$@" 2>&1) && [ "$(tls_stat TlsTxSw)" = $((tx + 1)) ] &&
		[ "$(tls_stat TlsRxSw)" = $((rx + 1)) ]; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "$out" "TlsTxSw $tx -> $(tls_stat TlsTxSw)," \
			"TlsRxSw $rx -> $(tls_stat TlsRxSw)"
	fi
}

# SUITE GROUPS CERT: kwasm-tlsd-ktls client against s_server -rev.
client_run() {
	port=$((port + 1))
	timeout "$WAIT" openssl s_server -accept "127.0.0.1:$port" -naccept 1 -rev \
		-ciphersuites "$1" -groups "$2" -cert "$PKI/$3.pem" -key "$PKI/$3.key" \
		-CAfile "$PKI/ca.pem" -Verify 1 -verify_return_error >/tmp/s_server.out 2>&1 &
	srv=$!
	tls_listening "$port" || { cat /tmp/s_server.out; return 1; }
	timeout "$WAIT" kwasm-tlsd-ktls client "$port" --cert "$PKI/client-p256.pem" \
		--key "$PKI/client-p256.key" --ca "$PKI/ca.pem" \
		--peer dns:server.example.org >/tmp/ktls.out 2>&1
	rc=$?
	wait "$srv"
	[ "$rc" = 0 ] && grep -q "^$1 dns:server.example.org ok" /tmp/ktls.out ||
		{ cat /tmp/ktls.out /tmp/s_server.out; return 1; }
}

# SUITE GROUPS CERT: s_client against kwasm-tlsd-ktls server.
server_run() {
	port=$((port + 1))
	timeout "$WAIT" kwasm-tlsd-ktls server "$port" --cert "$PKI/$3.pem" \
		--key "$PKI/$3.key" --ca "$PKI/ca.pem" \
		--peer uri:spiffe://example.org/client >/tmp/ktls.out 2>&1 &
	srv=$!
	tls_listening "$port" || { cat /tmp/ktls.out; return 1; }
	# stdin holds the ping before the handshake; -quiet waits for the answer.
	printf 'kwasm ping\n' | timeout "$WAIT" openssl s_client -quiet \
		-connect "127.0.0.1:$port" -ciphersuites "$1" -groups "$2" \
		-cert "$PKI/client-p384.pem" -key "$PKI/client-p384.key" \
		-CAfile "$PKI/ca.pem" -verify_return_error >/tmp/s_client.out 2>&1
	wait "$srv"
	rc=$?
	[ "$rc" = 0 ] && grep -q "kwasm pong" /tmp/s_client.out &&
		grep -q "^$1 uri:spiffe://example.org/client ok" /tmp/ktls.out ||
		{ cat /tmp/ktls.out /tmp/s_client.out; return 1; }
}

ktap_check "kwasm-tlsd --version (static OpenSSL in the VM)" sh -c \
	"kwasm-tlsd --version | grep -q 'OpenSSL 3'"
ktap_check "modprobe tls" modprobe tls
decrypt_errors=$(tls_stat TlsDecryptError)

for s in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
	# The core sends an X25519 share; P-384 only forces HelloRetryRequest.
	keyed "client keys kTLS, $s, RSA server, HRR to P-384" \
		client_run "$s" P-384 server-rsa
	keyed "client keys kTLS, $s, P-256 server, X25519" \
		client_run "$s" X25519 server-p256
	# s_client leads with an X448 share, which the core does not take.
	keyed "server keys kTLS, $s, P-256 certificate, HRR to P-256" \
		server_run "$s" X448:P-256 server-p256
	keyed "server keys kTLS, $s, P-384 certificate, X25519" \
		server_run "$s" X25519 server-p384
done
ktap_check "no kTLS socket left open" test "$(tls_stat TlsCurrTxSw)" = 0
ktap_check "no decrypt error" test "$(tls_stat TlsDecryptError)" = "$decrypt_errors"
dmesg_check "no kernel warnings"
ktap_done
