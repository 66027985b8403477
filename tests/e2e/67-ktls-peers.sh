#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 67-ktls-peers: the VM can run real TLS peers and kTLS, the groundwork of
# transparent mutual TLS (issue 9); kwasm is not involved.
#   - the tls module loads, and kTLS carries loopback connections set up by
#     tests/e2e/tls/ktls-loop (fixed keys, TX and RX, every cipher, TLS 1.2
#     and 1.3): data round-trips, the wire holds records, not plaintext,
#     control records need cmsg space, a wrong key fails to decrypt, and
#     /proc/net/tls_stat counts exactly what was set up;
#   - OpenSSL 3.0 (Options = KTLS in its config; 3.0 has no -ktls switch)
#     moves its record layer into kTLS: TX in TLS 1.3, TX and RX in 1.2;
#   - between two namespaces (lib_net.sh): python3 -m http.server and
#     curl; openssl s_server/s_client in TLS 1.3 verifying the test PKI
#     (tests/tls/pki.sh, in /tls) and rejecting an expired certificate, an
#     unrelated CA's and a name not asked for; mutual TLS with curl and
#     gnutls-cli against openssl, and gnutls-cli against gnutls-serv.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_net.sh

PKI=${KWASM_TLS:-/tls}
if ! command -v python3 >/dev/null 2>&1 || ! command -v ktls-loop >/dev/null 2>&1 ||
	[ ! -f "$PKI/ca.pem" ]; then
	ktap_skip_all "no userland in this VM (run.sh --userland)"
fi

ktap_plan 33
dmesg_mark

# The emulated VM is slow: python needs seconds to start.
WAIT=${TLS_WAIT:-30}

tls_stat() {
	awk -v k="$1" '$1 == k { print $2 }' /proc/net/tls_stat
}

# Remember the counters; grown NAME prints NAME's growth since.
snap() {
	for k in TlsTxSw TlsRxSw TlsDecryptError; do
		eval "snap_$k=\$(tls_stat $k)"
	done
}

grown() {
	eval "echo \$(($(tls_stat "$1") - snap_$1))"
}

# DESC TX RX [DECRYPT-ERRORS]: the counters grew by exactly that much.
counted() {
	tx=$(grown TlsTxSw)
	rx=$(grown TlsRxSw)
	de=$(grown TlsDecryptError)
	if [ "$tx $rx $de" = "$2 $3 ${4:-0}" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "TlsTxSw +$tx, TlsRxSw +$rx, TlsDecryptError +$de;" \
			"want +$2, +$3, +${4:-0}"
	fi
}

# NS PORT: wait until TCP PORT listens in namespace NS.
listening() {
	hex=$(printf '%04X' "$2")
	i=0
	while ! ns_run "$1" cat /proc/net/tcp 2>/dev/null |
		grep -q "^ *[0-9]*: [0-9A-F]*:$hex [0-9A-F]*:0000 0A "; do
		i=$((i + 1))
		[ $i -lt $((WAIT * 10)) ] || return 1
		sleep 0.1
	done
}

# The module behind a cipher of ktls-loop.  A kernel built without it
# (the debug lane's has no ChaCha20-Poly1305) skips that cipher; Debian's
# kernels have them all, and initramfs.sh --userland ships them.
cipher_mod() {
	case $1 in
	aes-gcm-*) echo gcm ;;
	aes-ccm-*) echo ccm ;;
	chacha20-poly1305) echo chacha20poly1305 ;;
	esac
}

have_cipher() {
	grep -q "/$(cipher_mod "$1")\.ko" "/lib/modules/$KVER/modules.dep" \
		"/lib/modules/$KVER/modules.builtin" 2>/dev/null
}

cleanup() {
	net_teardown
}
ktap_cleanup cleanup

# --- kTLS itself ---------------------------------------------------------
ktap_check "modprobe tls" modprobe tls
ktap_check "/proc/net/tls_stat exists" test -r /proc/net/tls_stat

snap
ktap_check "ktls-loop: 64 KiB echo, AES-GCM-128, TLS 1.3" ktls-loop echo
counted "tls_stat counts 2 TX and 2 RX kTLS sockets" 2 2
ktap_check "no kTLS socket left open" test "$(tls_stat TlsCurrTxSw)" = 0
for v in 1.3 1.2; do
	for c in aes-gcm-256 aes-ccm-128 chacha20-poly1305; do
		if have_cipher $c; then
			ktap_check "ktls-loop: echo, $c, TLS $v" ktls-loop -v $v -c $c -n 20000 echo
		else
			ktap_skip "ktls-loop: echo, $c, TLS $v" "no $(cipher_mod $c) in this kernel"
		fi
	done
done
ktap_check "ktls-loop: echo, aes-gcm-128, TLS 1.2" ktls-loop -v 1.2 echo
ktap_check "ktls-loop: the wire holds a TLS 1.3 record, not plaintext" ktls-loop wire
ktap_check "ktls-loop: the wire holds a TLS 1.2 record, not plaintext" \
	ktls-loop -v 1.2 -c aes-gcm-256 wire
ktap_check "ktls-loop: an alert needs cmsg space (EIO without)" ktls-loop ctl
snap
ktap_check "ktls-loop: a record under the wrong key fails (EBADMSG)" ktls-loop badkey
counted "tls_stat counts the decrypt error" 1 1 1

# --- OpenSSL's own kTLS, on loopback -------------------------------------
# s_server -www answers one GET with a page naming the protocol; -quiet
# makes s_client wait for that answer after its stdin ends.
cat >/tmp/ktls.cnf <<'EOF'
openssl_conf = init
[init]
ssl_conf = ssl
[ssl]
system_default = sys
[sys]
Options = KTLS
EOF

# PORT VERSION: one GET through openssl s_server/s_client, both with kTLS.
openssl_ktls() {
	OPENSSL_CONF=/tmp/ktls.cnf timeout "$WAIT" openssl s_server -quiet -naccept 1 \
		-accept "127.0.0.1:$1" -"$2" -www -cert "$PKI/server-p256.pem" \
		-key "$PKI/server-p256.key" >/tmp/s_server.out 2>&1 &
	srv=$!
	i=0
	while ! grep -q ":$(printf '%04X' "$1") 00000000:0000 0A" /proc/net/tcp; do
		i=$((i + 1))
		[ $i -lt $((WAIT * 10)) ] || break
		sleep 0.1
	done
	printf 'GET / HTTP/1.0\r\n\r\n' | OPENSSL_CONF=/tmp/ktls.cnf timeout "$WAIT" \
		openssl s_client -quiet -connect "127.0.0.1:$1" -"$2" \
		-CAfile "$PKI/ca.pem" >/tmp/s_client.out 2>&1
	rc=$?
	wait "$srv"
	[ "$rc" = 0 ] && grep -q "^New, TLSv1.[23]" /tmp/s_client.out ||
		{ cat /tmp/s_client.out /tmp/s_server.out; return 1; }
}

snap
ktap_check "openssl s_server/s_client with kTLS, TLS 1.3" openssl_ktls 4431 tls1_3
counted "OpenSSL 3.0 put TLS 1.3 TX on kTLS (both ends; no RX before 3.2)" 2 0
snap
ktap_check "openssl s_server/s_client with kTLS, TLS 1.2" openssl_ktls 4432 tls1_2
counted "OpenSSL 3.0 put TLS 1.2 TX and RX on kTLS (both ends)" 2 2

# --- peers in two namespaces ---------------------------------------------
if ! net_setup; then
	ktap_fail "net_setup"
	ktap_done
fi

mkdir -p /tmp/www
token=kwasm-http-$$-$(cat /proc/sys/kernel/random/uuid)
echo "$token" >/tmp/www/token.txt
ns_bg $((WAIT * 2)) b python3 -m http.server --bind "$NET_B4" --directory /tmp/www 8080 \
	>/dev/null 2>&1
py=$NET_BG_PID
ktap_check "python3 -m http.server listens in B" listening b 8080
got=$(ns_timeout "$WAIT" a curl -sS --max-time "$WAIT" "http://$NET_B4:8080/token.txt" 2>&1)
if [ "$got" = "$token" ]; then
	ktap_ok "curl in A fetches a file from python3 in B"
else
	ktap_fail "curl in A fetches a file from python3 in B" "got: $got"
fi
kill "$py" 2>/dev/null

# PORT CERT [ARGS...]: openssl s_server in B for one connection, TLS 1.3.
s_server() {
	port=$1 cert=$2
	shift 2
	ns_bg "$WAIT" b openssl s_server -quiet -naccept 1 -accept "$NET_B4:$port" \
		-tls1_3 -www -cert "$PKI/$cert.pem" -key "$PKI/$cert.key" "$@" \
		>/tmp/s_server.out 2>&1
	listening b "$port"
}

# PORT [ARGS...]: openssl s_client in A, verifying server.example.org
# against the test CA; GET / and the answer in /tmp/s_client.out.
s_client() {
	port=$1
	shift
	printf 'GET / HTTP/1.0\r\n\r\n' | ns_timeout "$WAIT" a openssl s_client -quiet \
		-connect "$NET_B4:$port" -tls1_3 -servername server.example.org \
		-verify_hostname server.example.org -CAfile "$PKI/ca.pem" \
		-verify_return_error "$@" >/tmp/s_client.out 2>&1
}

# DESC PORT CERT: s_client accepts CERT and reads the page over TLS 1.3.
accepts() {
	if s_server "$2" "$3" && s_client "$2" &&
		grep -q '^New, TLSv1.3' /tmp/s_client.out; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "$(cat /tmp/s_client.out /tmp/s_server.out)"
	fi
}

# DESC PORT CERT WHY: s_client refuses CERT with WHY in its errors.
refuses() {
	if ! s_server "$2" "$3"; then
		ktap_fail "$1" "s_server did not start" "$(cat /tmp/s_server.out)"
	elif s_client "$2"; then
		ktap_fail "$1" "s_client accepted $3"
	elif ! grep -q "$4" /tmp/s_client.out; then
		ktap_fail "$1" "no '$4' in:" "$(cat /tmp/s_client.out)"
	else
		ktap_ok "$1"
	fi
}

accepts "openssl s_client verifies an RSA-2048 server in TLS 1.3" 4441 server-rsa
accepts "openssl s_client verifies a P-384 server in TLS 1.3" 4442 server-p384
refuses "openssl s_client rejects an expired server certificate" 4443 server-expired \
	"certificate has expired"
refuses "openssl s_client rejects a server from an unrelated CA" 4444 server-other \
	"unable to get local issuer certificate"
refuses "openssl s_client rejects a server not named server.example.org" 4445 \
	server-rogue "hostname mismatch"

# Mutual TLS: openssl s_server requires a client certificate from the CA.
mtls="-Verify 1 -verify_return_error -CAfile $PKI/ca.pem"
# shellcheck disable=SC2086 # $mtls is a list of options
s_server 4451 server-p256 $mtls
got=$(ns_timeout "$WAIT" a curl -sS --max-time "$WAIT" --cacert "$PKI/ca.pem" \
	--cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key" \
	--resolve "server.example.org:4451:$NET_B4" https://server.example.org:4451/ 2>&1)
case $got in
*"New, TLSv1.3"*) ktap_ok "curl (client RSA) and openssl s_server: mutual TLS 1.3" ;;
*) ktap_fail "curl (client RSA) and openssl s_server: mutual TLS 1.3" "$got" \
	"$(cat /tmp/s_server.out)" ;;
esac

# shellcheck disable=SC2086
s_server 4452 server-p256 $mtls
if s_client 4452 -cert "$PKI/client-other.pem" -key "$PKI/client-other.key" ||
	grep -q '^HTTP/1.0 200' /tmp/s_client.out; then
	ktap_fail "openssl s_server refuses a client from an unrelated CA" \
		"$(cat /tmp/s_client.out)"
else
	ktap_ok "openssl s_server refuses a client from an unrelated CA"
fi

# GnuTLS: TLS 1.3 only, the client checks the name and the chain.
gnutls_cli() {
	port=$1
	shift
	printf 'GET / HTTP/1.0\r\n\r\n' | ns_timeout "$WAIT" a gnutls-cli \
		--priority NORMAL:-VERS-ALL:+VERS-TLS1.3 --x509cafile "$PKI/ca.pem" \
		--sni-hostname server.example.org --verify-hostname server.example.org \
		-p "$port" "$@" "$NET_B4" >/tmp/gnutls-cli.out 2>&1 &&
		grep -q 'Handshake was completed' /tmp/gnutls-cli.out &&
		grep -q 'TLS1\.3' /tmp/gnutls-cli.out ||
		{ cat /tmp/gnutls-cli.out; return 1; }
}

# shellcheck disable=SC2086
s_server 4461 server-p384 $mtls
ktap_check "gnutls-cli (client P-384) and openssl s_server: mutual TLS 1.3" \
	gnutls_cli 4461 --x509certfile "$PKI/client-p384.pem" \
	--x509keyfile "$PKI/client-p384.key"

ns_bg $((WAIT * 2)) b gnutls-serv --http -p 4471 --priority NORMAL:-VERS-ALL:+VERS-TLS1.3 \
	--x509certfile "$PKI/server-rsa.pem" --x509keyfile "$PKI/server-rsa.key" \
	--x509cafile "$PKI/ca.pem" --require-client-cert >/tmp/gnutls-serv.out 2>&1
gserv=$NET_BG_PID
if listening b 4471; then
	ktap_check "gnutls-cli and gnutls-serv: mutual TLS 1.3 with the test PKI" \
		gnutls_cli 4471 --x509certfile "$PKI/client-p256.pem" \
		--x509keyfile "$PKI/client-p256.key"
else
	ktap_fail "gnutls-cli and gnutls-serv: mutual TLS 1.3 with the test PKI" \
		"gnutls-serv did not listen" "$(cat /tmp/gnutls-serv.out)"
fi
kill "$gserv" 2>/dev/null

net_teardown
dmesg_check "no kernel warnings"
ktap_done
