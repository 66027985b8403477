#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tlsd-upcall: the whole handshake path with the real agent, on
# connections handed to kwasm.ko by its test hook (tls_test_hook=1,
# debugfs kwasm_tls/submit) instead of the socket probes:
#
#   openssl s_client --TCP--> app (kwasm-tlsd-ktls --submit RULE)
#        |                      | FD RULE -> kwasm.ko -> READY
#        +------ TLS 1.3 ------ kwasm-tlsd (ACCEPT, handshake, DONE)
#                               kwasm.ko installs kTLS; the app talks
#                               plaintext through it
#
# and the same for a client rule against openssl s_server -rev.  A peer
# the rule does not allow is refused: DONE with EACCES, the kernel resets
# the connection, the rule counts it.  Skips when kwasm.ko has no test
# hook (the upcall is not built in).
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
APP=kwasm-tlsd-ktls
WAIT=${TLS_WAIT:-30}

tls_need "$APP" openssl
cleanup() {
	[ -z "${agent:-}" ] || kill "$agent" 2>/dev/null
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
}

# Runs cleanup now too: kwasm.ko is loaded afresh, with the hook.
ktap_cleanup cleanup
# An unknown parameter is ignored, so look for it once loaded.
if ! insmod "$KWASM_KO" tls_test_hook=1 tls_intercept=0 2>/dev/null ||
	[ ! -f /sys/module/kwasm/parameters/tls_test_hook ]; then
	kwasm_rmmod 2>/dev/null
	ktap_skip_all "kwasm.ko has no tls_test_hook (no handshake upcall)"
fi
ktap_plan 17
dmesg_mark
mount -t debugfs none /sys/kernel/debug 2>/dev/null
modprobe tls

# PORT RULE CLIENT-CERT: s_client sends "kwasm ping" to the app, which
# answers through kTLS; the app's and s_client's output in /tmp.
server_flow() {
	timeout "$WAIT" $APP server "$1" --submit "$2" >/tmp/app.out 2>&1 &
	app=$!
	tls_listening "$1" || return 1
	printf 'kwasm ping\n' | timeout "$WAIT" openssl s_client -quiet \
		-connect "127.0.0.1:$1" -cert "$PKI/$3.pem" -key "$PKI/$3.key" \
		-CAfile "$PKI/ca.pem" -verify_return_error >/tmp/s_client.out 2>&1
	wait "$app"
}

tx=$(tls_stat TlsTxSw)
rx=$(tls_stat TlsRxSw)
CA="--ca $PKI/ca.pem"
ktap_check "rule 1: mutual TLS server, port 4700" "$KWASM" tls add --server --port 4700 \
	--cert "$PKI/server-p256.pem" --key "$PKI/server-p256.key" $CA \
	--peer uri:spiffe://example.org/client
ktap_check "rule 2: mutual TLS client, port 4701" "$KWASM" tls add --client --port 4701 \
	--cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key" $CA \
	--peer dns:server.example.org
ktap_check "rule 3: a server that allows only another client" "$KWASM" tls add --server \
	--port 4702 --cert "$PKI/server-p384.pem" --key "$PKI/server-p384.key" $CA \
	--peer dns:nobody.example.org

tls_agent_start -v
agent=$TLS_AGENT
ktap_check "the agent is listening" sh -c "$KWASM tls status | grep -q '^agents 1,'"

if server_flow 4700 1 client-p384; then
	ktap_ok "server rule: the plaintext app reads and answers through kTLS"
else
	ktap_fail "server rule: the plaintext app reads and answers through kTLS" \
		"$(cat /tmp/app.out /tmp/s_client.out)"
fi
ktap_check "s_client got the app's answer" grep -q "kwasm pong" /tmp/s_client.out

timeout "$WAIT" openssl s_server -accept 127.0.0.1:4701 -naccept 1 -rev \
	-cert "$PKI/server-rsa.pem" -key "$PKI/server-rsa.key" -CAfile "$PKI/ca.pem" \
	-Verify 1 -verify_return_error >/tmp/s_server.out 2>&1 &
srv=$!
tls_listening 4701
if timeout "$WAIT" $APP client 4701 --submit 2 >/tmp/app.out 2>&1; then
	ktap_ok "client rule: the plaintext app talks to s_server -rev through kTLS"
else
	ktap_fail "client rule: the plaintext app talks to s_server -rev through kTLS" \
		"$(cat /tmp/app.out /tmp/s_server.out)"
fi
wait "$srv"

if server_flow 4702 3 client-p256; then
	ktap_fail "a client not in the allow list is refused" "$(cat /tmp/app.out)"
else
	ktap_ok "a client not in the allow list is refused"
fi
ktap_check "the app saw its connection reset" grep -q "did not install kTLS" /tmp/app.out

ktap_check "kTLS counted two TX and two RX sockets" \
	test "$(tls_stat TlsTxSw) $(tls_stat TlsRxSw)" = "$((tx + 2)) $((rx + 2))"
"$KWASM" tls list >/tmp/list
ktap_check "rules 1 and 2 count one wrapped connection each" \
	test "$(grep -c '^  matched 1, wrapped 1,' /tmp/list)" = 2
ktap_check "rule 3 counts a verification failure" sh -c \
	"$KWASM tls list 3 | grep -q 'matched 1, wrapped 0, .*verify_failed 1'"

kill -TERM "$agent"
wait "$agent"
rc=$?
agent=""
ktap_check "kwasm-tlsd exits 0 on SIGTERM" test "$rc" = 0
ktap_check "agent log: the server handshake" grep -qE \
	"^kwasm-tlsd: rule 1 server 127\.0\.0\.1:[0-9]+ uri:spiffe://example.org/client [0-9]+ms TLS_" \
	/tmp/agent.err
ktap_check "agent log: the client handshake" grep -qE \
	"^kwasm-tlsd: rule 2 client 127\.0\.0\.1:4701 dns:server.example.org [0-9]+ms TLS_" \
	/tmp/agent.err
ktap_check "agent log: the refusal and its reason" grep -qF \
	"refused EACCES: peer identity not allowed (has dns:client.example.org)" /tmp/agent.err
dmesg_check "no kernel warnings"
ktap_done
