#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The second half of `make demo`: transparent mutual TLS, the scenario of
# the system kwasm descends from.  python3 -m http.server and curl speak
# plaintext HTTP on port 8000; two rules and kwasm-tlsd make the kernel
# wrap both ends in TLS 1.3 with kTLS.  The test PKI (tests/tls/pki.sh)
# is in /tls.  69-tls-transparent checks the same, and the wire.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh
. "$(dirname "$0")"/lib_demo.sh

ktap_plan 1
say "Transparent mutual TLS: a plaintext web server and client, wrapped by the kernel"
modprobe tls
run insmod "$KWASM_KO"
run kwasm tls add --server --port 8000 --cert /tls/server-p256.pem --key /tls/server-p256.key \
	--ca /tls/ca.pem --peer uri:spiffe://example.org/client
run kwasm tls add --client --port 8000 --addr 127.0.0.0/8 --cert /tls/client-rsa.pem \
	--key /tls/client-rsa.key --ca /tls/ca.pem --peer dns:server.example.org
say "\$ kwasm-tlsd &"
kwasm-tlsd </dev/null >/dev/null 2>/tmp/agent.log &
agent=$!
mkdir -p /tmp/www
echo "hello through kTLS" >/tmp/www/hello.txt
say "\$ python3 -m http.server 8000 --bind 127.0.0.1 &"
python3 -m http.server 8000 --bind 127.0.0.1 --directory /tmp/www </dev/null >/dev/null 2>&1 &
web=$!
tls_listening 8000 || :
tx=$(tls_stat TlsTxSw)
run curl -sS -m 30 http://127.0.0.1:8000/hello.txt
say "kTLS sockets opened by that request (/proc/net/tls_stat TlsTxSw): $(($(tls_stat TlsTxSw) - tx))"
say "kwasm-tlsd's log:"
while IFS= read -r l; do say "  $l"; done </tmp/agent.log
run kwasm tls list
kill "$web" "$agent"
wait 2>/dev/null
run rmmod kwasm
ktap_ok "TLS demo ran"
ktap_done
