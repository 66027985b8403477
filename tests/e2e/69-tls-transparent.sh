#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tls-transparent: the original scenario of transparent mutual TLS,
# literally: `python3 -m http.server 8000` and `curl http://...:8000`, two
# rules for port 8000 (server and client side), kwasm-tlsd doing both
# handshakes, and neither program knowing:
#
#   curl --plaintext--> [gate, kTLS] ==TLS 1.3== [kTLS, gate] --> http.server
#                           kwasm-tlsd (client)    kwasm-tlsd (server)
#
# Shown: curl gets the listing and a 4 MiB file byte for byte; both rules
# count a wrapped connection; /proc/net/tls_stat counts the kTLS sockets; a
# packet capture on lo (wire_capture) sees TLS application-data records
# and no byte of the HTTP text.  Then the refusals: without an
# agent the connection is reset and counted, never passed in plaintext;
# kwasm.ko cannot be unloaded while a socket is gated, and can once it
# closed.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
WAIT=${TLS_WAIT:-30}
PORT=8000
WWW=/tmp/www

tls_need python3 curl
tls_cleanup agent web cap idle
ktap_plan 18
dmesg_mark
modprobe tls
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"

# wire_capture IFACE PORT STOPFILE: TCP payloads to or from PORT until
# STOPFILE exists; prints how many packets carried data, how many TLS
# application-data record headers they hold and how many held plaintext.
wire_capture() {
	python3 - "$@" <<'PY'
import os, socket, struct, sys
iface, port, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))
s.bind((iface, 0))
s.settimeout(0.2)
print("capturing", flush=True)
pkts = records = plain = 0
texts = (b"HTTP/1", b"GET /", b"kwasm transparent hello", b"kwasm-hello")
while not os.path.exists(stop):
    try:
        f = s.recv(65600)
    except socket.timeout:
        continue
    if len(f) < 34 or f[12:14] != b"\x08\x00" or f[23] != 6:
        continue
    ip = 14 + (f[14] & 15) * 4
    sport, dport = struct.unpack("!HH", f[ip:ip + 4])
    if port not in (sport, dport):
        continue
    data = f[ip + (f[ip + 12] >> 4) * 4:14 + struct.unpack("!H", f[16:18])[0]]
    if not data:
        continue
    pkts += 1
    records += data.count(b"\x17\x03\x03")
    plain += any(t in data for t in texts)
print("packets", pkts)
print("records", records)
print("plaintext", plain)
PY
}

CA="--ca $PKI/ca.pem"
"$KWASM" tls add --server --port $PORT --cert "$PKI/server-p256.pem" \
	--key "$PKI/server-p256.key" $CA --peer uri:spiffe://example.org/client >/dev/null &&
	"$KWASM" tls add --client --port $PORT --addr 127.0.0.0/8 \
		--cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key" $CA \
		--peer dns:server.example.org >/dev/null
ktap_check "rules: server and client side of port $PORT" test $? -eq 0
tls_agent_start -v
agent=$TLS_AGENT
ktap_check "kwasm-tlsd registers" sh -c "$KWASM tls status | grep -q '^agents 1,'"

mkdir -p $WWW
echo "kwasm transparent hello" >$WWW/kwasm-hello.txt
head -c 4194304 /dev/urandom >$WWW/blob
python3 -m http.server $PORT --bind 127.0.0.1 --directory $WWW </dev/null >/tmp/web.log 2>&1 &
web=$!
tls_listening $PORT

tx=$(tls_stat TlsTxSw)
rx=$(tls_stat TlsRxSw)
rm -f /tmp/wire.out /tmp/wire.stop
wire_capture lo $PORT /tmp/wire.stop </dev/null >/tmp/wire.out 2>&1 &
cap=$!
i=0
while ! grep -q capturing /tmp/wire.out && [ $i -lt 100 ]; do
	i=$((i + 1))
	sleep 0.1
done
curl -sS -m "$WAIT" -v "http://127.0.0.1:$PORT/" >/tmp/curl.out 2>/tmp/curl.err
ktap_check "curl gets the directory listing through TLS it never saw" \
	grep -q "kwasm-hello.txt" /tmp/curl.out
curl -sS -m "$WAIT" "http://127.0.0.1:$PORT/kwasm-hello.txt" >/tmp/hello.out 2>>/tmp/curl.err
ktap_check "curl gets a file" grep -qx "kwasm transparent hello" /tmp/hello.out
touch /tmp/wire.stop
wait $cap
cap=
ktap_diag "$(cat /tmp/wire.out)"
ktap_check "the wire carries TLS application-data records" \
	grep -q "^records [1-9]" /tmp/wire.out
ktap_check "the wire carries no byte of the HTTP text" grep -qx "plaintext 0" /tmp/wire.out
ktap_check "kTLS TX on both ends, twice" test "$(($(tls_stat TlsTxSw) - tx))" -ge 4
ktap_check "kTLS RX on both ends, twice" test "$(($(tls_stat TlsRxSw) - rx))" -ge 4
ktap_check "the server rule counts two wrapped connections" \
	sh -c "$KWASM tls list 1 | grep -q '  matched 2, wrapped 2,'"
ktap_check "the client rule counts two wrapped connections" \
	sh -c "$KWASM tls list 2 | grep -q '  matched 2, wrapped 2,'"

curl -sS -m "$WAIT" "http://127.0.0.1:$PORT/blob" -o /tmp/blob 2>>/tmp/curl.err
ktap_check "4 MiB through both gates, byte for byte" cmp -s $WWW/blob /tmp/blob

# No agent: the client side times out (fail-closed) and resets.
tls_stop agent
if curl -sS -m "$WAIT" "http://127.0.0.1:$PORT/kwasm-hello.txt" >/tmp/noagent.out 2>&1; then
	ktap_fail "without an agent the connection is refused" "$(cat /tmp/noagent.out)"
else
	ktap_ok "without an agent the connection is refused"
fi
ktap_check "... and nothing reached curl" sh -c '! grep -q "kwasm transparent hello" /tmp/noagent.out'
ktap_check "... and the client rule counts it" \
	sh -c "$KWASM tls list 2 | grep -Eq 'timeout [1-9]'"

# A gated socket pins the module: connect, no I/O, so it stays ARMED.
m0=$(tls_counter 2 matched)
python3 -c "
import socket, time
s = socket.create_connection(('127.0.0.1', $PORT))
time.sleep(30)
" </dev/null >/dev/null 2>&1 &
idle=$!
# Until the probe has matched it (python starts slowly on a debug kernel),
# and has gated it: the rule counts the match just before.
tls_until sh -c "[ \"\$($KWASM tls list 2 | grep -o 'matched [0-9]*')\" != 'matched $m0' ]"
tls_until sh -c '[ "$(cat /sys/module/kwasm/refcnt)" -gt 0 ]'
ktap_diag "module references: $(cat /sys/module/kwasm/refcnt); rule 2: $($KWASM tls list 2 |
	grep -o 'matched [0-9]*, wrapped [0-9]*')"
tls_rmmod_refused "rmmod refused while a socket is gated"
tls_stop idle web
ktap_check "rmmod once the sockets are gone" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
