#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tls-peers: transparent TLS against peers no one here wrote, through
# the probes (no test hook):
#   - a server rule in front of python3 -m http.server: openssl s_client
#     with each TLS 1.3 suite, X25519 and a P-256 share (HelloRetryRequest),
#     curl https:// with a client certificate, gnutls-cli;
#   - a client rule in front of curl http://: openssl s_server -www with
#     RSA, P-256 and P-384 certificates, asking for a client certificate,
#     with its two session tickets (the kernel takes them out of the
#     stream) and with none; s_server's page shows the session it saw,
#     "New, TLSv1.3";
#   - a KeyUpdate from s_server: the plaintext client reads what came
#     before it, then the end of the stream;
#   - a server that sends a record after its close_notify (our own
#     kwasm-tlsd-ktls, as no stock peer does): the client never reads it;
#   - refusals, each a reset and a counter: no client certificate, another
#     CA's, an expired one, a SAN the rule does not allow, a TLS 1.2-only
#     client, plain HTTP instead of a ClientHello, a deny rule, a server
#     that never answers (the rule's timeout), the agent killed mid-handshake.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
WAIT=${TLS_WAIT:-30}
SRV=8443
CLI=9443
DENY=8444
MUTE=9444
KILL=9445
WWW=/tmp/www-peers

tls_need openssl gnutls-cli kwasm-tlsd-ktls
tls_cleanup agent web srv mute
ktap_plan 34
dmesg_mark
modprobe tls
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"

CA="--ca $PKI/ca.pem"
"$KWASM" tls add --server --port $SRV --cert "$PKI/server-p256.pem" \
	--key "$PKI/server-p256.key" $CA --peer uri:spiffe://example.org/client >/dev/null &&
	"$KWASM" tls add --client --port $CLI --addr 127.0.0.1/32 \
		--cert "$PKI/client-p384.pem" --key "$PKI/client-p384.key" $CA \
		--peer dns:server.example.org >/dev/null &&
	"$KWASM" tls add --server --port $DENY --action deny >/dev/null &&
	"$KWASM" tls add --client --port $MUTE --cert "$PKI/client-p256.pem" \
		--key "$PKI/client-p256.key" $CA --timeout-ms 2000 >/dev/null &&
	"$KWASM" tls add --client --port $KILL --cert "$PKI/client-p256.pem" \
		--key "$PKI/client-p256.key" $CA --timeout-ms 20000 >/dev/null
ktap_check "rules: a server, a client and a deny rule" test $? -eq 0

tls_agent_start
agent=$TLS_AGENT
mkdir -p $WWW
echo "kwasm peers hello" >$WWW/hello.txt
python3 -m http.server $SRV --bind 127.0.0.1 --directory $WWW </dev/null >/dev/null 2>&1 &
web=$!
tls_listening $SRV

# s_client SUITE GROUPS [CERT]: one GET through the server rule.
s_client() {
	cert=${3:-client-p256}
	printf 'GET /hello.txt HTTP/1.0\r\n\r\n' | timeout "$WAIT" openssl s_client -quiet \
		-connect 127.0.0.1:$SRV -tls1_3 -ciphersuites "$1" -groups "$2" \
		-cert "$PKI/$cert.pem" -key "$PKI/$cert.key" -CAfile "$PKI/ca.pem" \
		-verify_return_error >/tmp/s_client.out 2>&1
	grep -q "kwasm peers hello" /tmp/s_client.out || { cat /tmp/s_client.out; return 1; }
}
for cs in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
	ktap_check "s_client $cs, X25519" s_client $cs X25519
done
ktap_check "s_client, a P-256 share the server does not prefer (HelloRetryRequest)" \
	s_client TLS_AES_128_GCM_SHA256 P-256:X25519

# curl_https [CURL OPTIONS]: one GET through the server rule.  curl fails
# a response that ends without close_notify, which the kernel sends when
# the server closes.
curl_https() {
	timeout "$WAIT" curl -sS --max-time "$WAIT" --cacert "$PKI/ca.pem" \
		--resolve server.example.org:$SRV:127.0.0.1 "$@" \
		"https://server.example.org:$SRV/hello.txt" >/tmp/curl.out 2>&1 &&
		grep -q "kwasm peers hello" /tmp/curl.out
}
ktap_check "curl https:// with a client certificate" \
	curl_https --cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key"
gnutls() {
	printf 'GET /hello.txt HTTP/1.0\r\n\r\n' | timeout "$WAIT" gnutls-cli \
		--priority NORMAL:-VERS-ALL:+VERS-TLS1.3 --x509cafile "$PKI/ca.pem" \
		--x509certfile "$PKI/client-p384.pem" --x509keyfile "$PKI/client-p384.key" \
		--sni-hostname server.example.org --verify-hostname server.example.org \
		-p $SRV 127.0.0.1 >/tmp/gnutls.out 2>&1
	grep -q "kwasm peers hello" /tmp/gnutls.out || { cat /tmp/gnutls.out; return 1; }
}
ktap_check "gnutls-cli with a client certificate" gnutls
ktap_check "the server rule counts six wrapped connections" test "$(tls_counter 1 wrapped)" = 6

# Refusals at the server rule: the client sees no page.
refused() {
	desc=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ktap_fail "$desc is refused" "$(cat /tmp/s_client.out /tmp/curl.out 2>/dev/null)"
	else
		ktap_ok "$desc is refused"
	fi
}
v0=$(tls_counter 1 verify_failed)
refused "curl without a client certificate" curl_https
refused "a client certificate of another CA" s_client TLS_AES_128_GCM_SHA256 X25519 client-other
refused "an expired client certificate" s_client TLS_AES_128_GCM_SHA256 X25519 client-expired
refused "a client whose SAN the rule does not allow" \
	s_client TLS_AES_128_GCM_SHA256 X25519 client-rogue
ktap_check "verify_failed counts all four" test "$(($(tls_counter 1 verify_failed) - v0))" -ge 4
h0=$(tls_counter 1 handshake_failed)
printf 'GET / HTTP/1.0\r\n\r\n' | timeout "$WAIT" openssl s_client -quiet -tls1_2 \
	-connect 127.0.0.1:$SRV >/tmp/s_client.out 2>&1
refused "a TLS 1.2-only client" grep -q "kwasm peers hello" /tmp/s_client.out
timeout "$WAIT" curl -sS --max-time "$WAIT" "http://127.0.0.1:$SRV/hello.txt" >/tmp/curl.out 2>&1
refused "plain HTTP instead of a ClientHello" grep -q "kwasm peers hello" /tmp/curl.out
ktap_check "handshake_failed counts both" test "$(($(tls_counter 1 handshake_failed) - h0))" -ge 2

python3 -m http.server $DENY --bind 127.0.0.1 --directory $WWW </dev/null >/dev/null 2>&1 &
srv=$!
tls_listening $DENY
timeout "$WAIT" curl -sS --max-time "$WAIT" "http://127.0.0.1:$DENY/hello.txt" >/tmp/curl.out 2>&1
refused "a connection a deny rule matches" grep -q "kwasm peers hello" /tmp/curl.out
ktap_check "the deny rule counts it" test "$(tls_counter 3 denied)" -ge 1
tls_stop srv

# The client rule against openssl s_server -www: s_server CERT [OPTION].
s_server() {
	timeout "$WAIT" openssl s_server -accept 127.0.0.1:$CLI -naccept 1 -www ${2:-} \
		-cert "$PKI/$1.pem" -key "$PKI/$1.key" -CAfile "$PKI/ca.pem" \
		-Verify 1 -verify_return_error </dev/null >/tmp/s_server.out 2>&1 &
	srv=$!
	tls_listening $CLI || return 1
	timeout "$WAIT" curl -sS --max-time "$WAIT" "http://127.0.0.1:$CLI/" >/tmp/curl.out 2>&1
	wait $srv
	srv=
	grep -q "New, TLSv1.3" /tmp/curl.out || { cat /tmp/curl.out /tmp/s_server.out; return 1; }
}
for c in server-rsa server-p256 server-p384; do
	ktap_check "curl http:// to s_server -www ($c, client certificate asked, 2 tickets)" \
		s_server $c
done
ktap_check "curl http:// to s_server -www -num_tickets 0" s_server server-p256 "-num_tickets 0"
ktap_check "the client rule counts four wrapped connections" test "$(tls_counter 2 wrapped)" = 4

# to_eof PORT LINE GOT: a plaintext client sends LINE, then reads to the end
# (what came so far in the file GOT) and prints "EOF b'...'" or "ERROR ...".
to_eof() {
	timeout "$WAIT" python3 -c "
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(sys.argv[2].encode() + b'\\n')
got = b''
try:
    while True:
        d = s.recv(4096)
        if not d:
            break
        got += d
        open(sys.argv[3], 'wb').write(got)
    print('EOF', got)
except OSError as e:
    print('ERROR', e, got)
" "$@"
}

# client_read OUT WANT SERVER_LOG: once the server $srv ends, the client's
# output OUT (shown as a diagnostic) is the line WANT; if not, the
# server's log is shown too.
client_read() {
	wait $srv
	srv=
	ktap_diag "client: $(cat "$1")"
	grep -qxF "$2" "$1" || { cat "$3"; return 1; }
}

# s_server sends "hello", then a KeyUpdate (its stdin command "k"): the
# plaintext client reads "hello", then the end of the stream, and the
# rule counts the KeyUpdate.
key_update() {
	rm -f /tmp/ku.fifo /tmp/ku.got
	mkfifo /tmp/ku.fifo
	timeout "$WAIT" openssl s_server -accept 127.0.0.1:$CLI -naccept 1 \
		-cert "$PKI/server-p256.pem" -key "$PKI/server-p256.key" \
		-CAfile "$PKI/ca.pem" -Verify 1 </tmp/ku.fifo >/tmp/s_server.out 2>&1 &
	srv=$!
	exec 7>/tmp/ku.fifo
	tls_listening $CLI || return 1
	to_eof $CLI ping /tmp/ku.got >/tmp/ku.out 2>&1 &
	cli=$!
	tls_until grep -q ping /tmp/s_server.out && echo hello >&7 &&
		tls_until grep -qs hello /tmp/ku.got && echo k >&7
	wait $cli
	exec 7>&-
	client_read /tmp/ku.out "EOF b'hello\\n'" /tmp/s_server.out
}
ktap_check "a KeyUpdate from s_server: the client reads hello, then the end" key_update
ktap_check "... counted as key_update" test "$(tls_counter 2 key_update)" = 1

# RFC 8446 section 6.1: data after a close_notify is ignored.  The server
# answers the ping, sends close_notify, then "after close" in a record of
# its own: the plaintext client reads the answer, then the end.
after_close() {
	timeout "$WAIT" kwasm-tlsd-ktls server $CLI --cert "$PKI/server-p256.pem" \
		--key "$PKI/server-p256.key" --ca "$PKI/ca.pem" \
		--after-close "after close" >/tmp/ac_server.out 2>&1 &
	srv=$!
	tls_listening $CLI || return 1
	to_eof $CLI "kwasm ping" /tmp/ac.got >/tmp/ac.out 2>&1
	client_read /tmp/ac.out "EOF b'kwasm pong\\n'" /tmp/ac_server.out
}
ktap_check "a record after the server's close_notify: the client reads the end" after_close
ktap_check "... and no peer error" test "$(tls_counter 2 peer_error)" = 0

# A server that takes the connection and says nothing: the agent's
# ClientHello goes unanswered until the rule's 2 s timeout resets it.
mute_server() {
	python3 -c "
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1])))
s.listen()
c, _ = s.accept()
time.sleep(60)
" "$1" </dev/null >/dev/null 2>&1 &
	mute=$!
	tls_listening "$1"
}
mute_server $MUTE
t0=$(date +%s)
timeout "$WAIT" curl -sS --max-time "$WAIT" "http://127.0.0.1:$MUTE/" >/tmp/curl.out 2>&1
rc=$?
dt=$(($(date +%s) - t0))
ktap_diag "curl: $(cat /tmp/curl.out)"
# curl's own limit would be exit status 28, after $WAIT s.
ktap_check "a silent server: the rule's timeout ends it (curl $rc after ${dt} s)" \
	test "$rc" -ne 0 -a "$rc" -ne 28 -a "$dt" -lt 15
ktap_check "... counted as a timeout" test "$(tls_counter 4 timeout)" = 1
tls_stop mute

# The agent dies while its handshake waits on a silent server.
mute_server $KILL
timeout "$WAIT" curl -sS --max-time "$WAIT" "http://127.0.0.1:$KILL/" >/tmp/curl.out 2>&1 &
cpid=$!
# Matched, and taken by the agent (nothing pending), then a moment more.
sleep 1
i=0
while [ "$(tls_counter 5 matched)" != 1 ] || ! "$KWASM" tls status | grep -q "pending 0,"; do
	i=$((i + 1))
	[ $i -lt 100 ] || break
	sleep 0.1
done
sleep 1
kill -9 "$agent"
wait "$agent" 2>/dev/null
agent=
wait $cpid
rc=$?
ktap_diag "curl: $(cat /tmp/curl.out)"
ktap_check "agent killed mid-handshake: the connection ends (curl $rc)" \
	test "$rc" -ne 0 -a "$rc" -ne 28 -a "$rc" -ne 124
ktap_check "... counted as a failed handshake" test "$(tls_counter 5 handshake_failed)" = 1
tls_stop mute

kill "$web"
wait 2>/dev/null
web=
ktap_check "rmmod" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
