#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# In the QEMU VM of bench/tls.sh (not a test: tests live in tests/e2e).
# Transparent TLS against doing without it, on loopback, with the test PKI
# of /tls (ECDSA P-256 certificates on both sides, mutual TLS):
#
#   bulk   a python3 client sends MIB MiB to a python3 sink on a port
#          with no rule (plaintext), then on a port with a server and a
#          client rule (both ends wrapped by kwasm-tlsd, records carried
#          by kTLS); timed from the first byte of data to the sink's
#          acknowledgement of the last, handshakes excluded;
#          kwasm.ko sets TLS_RX_EXPECT_NO_PAD, which lets kTLS decrypt
#          straight into the reader's buffer; "ktls-pad" the same with the
#          sink clearing it (decryption into a kernel buffer, then a copy).
#   hs     CONNS sequential connections to one `openssl s_server -rev`
#          (TLS 1.3 only, TLS_AES_256_GCM_SHA384, X25519, client
#          certificate required, no session tickets), each a full
#          handshake and one line echoed: "kwasm" a plaintext client
#          through a client rule (kwasm-tlsd handshakes, kTLS carries the
#          line); "direct" the same client doing TLS itself with python's
#          ssl (OpenSSL, the same certificate, one context for all
#          connections); "direct-ctx" the same with a new context per
#          connection, as the agent builds one per handshake.  The rule
#          matches 127.0.0.2 only, so the direct client reaches the same
#          server through 127.0.0.1.
#
# Each round prints, for the host to read (NS of the VM's clock):
#
#   # tls: bulk plain|ktls|ktls-pad ROUND BYTES NS
#   # tls: hs kwasm|direct|direct-ctx ROUND CONNS NS
#   # tls: cpu plain|ktls|ktls-pad|kwasm|direct|direct-ctx ROUND NAME=MS...
#
# a cpu line saying where the CPU went in that window (clock-tick samples
# of /proc/stat and /proc/PID/stat: the driver, the agent's parent,
# s_server, the sink, irq+softirq, "other" busy time, which is mostly the
# agent's handshake processes, and idle).  Once: "# tls: agent
# HANDSHAKES MS" (the sum of the times kwasm-tlsd logs for the hs rule,
# ACCEPT to DONE, fork included), "# tls: suite ..." (what the direct
# client negotiated), "# tls: cpu-flags ..." and "# tls: aead ..." (the
# kernel's gcm(aes) driver, which kTLS used).
# Kernel command line: kwasm_bench.mib=N, kwasm_bench.conns=N,
# kwasm_bench.rounds=N.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh
. "$(dirname "$0")"/lib_bench.sh

PKI=${KWASM_TLS:-/tls}
BULK_TLS=7000
BULK_PLAIN=7001
HS=7443

tls_need python3 openssl

mib=$(bench_arg mib 64)
conns=$(bench_arg conns 100)
rounds=$(bench_arg rounds 2)

tls_cleanup agent sink srv
ktap_plan 13
dmesg_mark
modprobe tls
# kTLS takes the best gcm(aes) the kernel has; udev loads aesni_intel on a
# machine with AES-NI, the VM's busybox /init does not.
ktap_check "AES-NI for kTLS (aesni_intel)" modprobe aesni_intel
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"

CA="--ca $PKI/ca.pem"
SRV_ID="--cert $PKI/server-p256.pem --key $PKI/server-p256.key"
CLI_ID="--cert $PKI/client-p256.pem --key $PKI/client-p256.key"
# Rules 1 and 2: both ends of the bulk port; rule 3: the handshake port.
"$KWASM" tls add --server --port $BULK_TLS $SRV_ID $CA \
	--peer uri:spiffe://example.org/client >/dev/null &&
	"$KWASM" tls add --client --port $BULK_TLS --addr 127.0.0.0/8 $CLI_ID $CA \
		--peer dns:server.example.org >/dev/null &&
	"$KWASM" tls add --client --port $HS --addr 127.0.0.2/32 $CLI_ID $CA \
		--peer dns:server.example.org >/dev/null
ktap_check "rules: both ends of port $BULK_TLS, clients of 127.0.0.2:$HS" test $? -eq 0
tls_agent_start
agent=$TLS_AGENT
ktap_check "kwasm-tlsd registers" sh -c "$KWASM tls status | grep -q '^agents 1,'"

# One Python program plays two parts.  The sink (sink PORT...): for each
# connection a line with the byte count (and "pad" to clear
# TLS_RX_EXPECT_NO_PAD: SOL_TLS 282, option 4), "go", the bytes, "ok".  The
# driver (driver PKI MIB CONNS ROUNDS PORTS... PIDS...): a warm-up of each
# kind, then ROUNDS rounds of the six, each followed by where the CPU went
# meanwhile (ms; the clock tick's samples in /proc).
cat >/tmp/tls-bench.py <<'PY'
import os, select, socket, ssl, sys, time

def line(c):
    b = b""
    while not b.endswith(b"\n"):
        d = c.recv(64)
        if not d:
            raise OSError("eof before the line")
        b += d
    return b

def serve(c, buf):
    h = line(c).split()
    n = int(h[0])
    if h[1:] == [b"pad"]:
        c.setsockopt(282, 4, 0)
    c.sendall(b"go\n")
    got = 0
    while got < n:
        k = c.recv_into(buf)
        if not k:
            raise OSError("eof after %d of %d bytes" % (got, n))
        got += k
    c.sendall(b"ok\n")

def sink_loop(ports):
    ls = []
    for p in ports:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", int(p)))
        s.listen(8)
        ls.append(s)
    buf = bytearray(1 << 18)
    while True:
        for s in select.select(ls, [], [])[0]:
            c = s.accept()[0]
            try:
                serve(c, buf)
            except (OSError, ValueError) as e:
                print("sink:", e, flush=True)
            c.close()

if sys.argv[1] == "sink":
    sink_loop(sys.argv[2:])  # until killed

# The driver.
pki = sys.argv[2]
mib, conns, rounds, plain, wrapped, hs, agent, server, sink = map(int, sys.argv[3:])
data = memoryview(os.urandom(1 << 18))
tick = 1000 // os.sysconf("SC_CLK_TCK")

# The time from "go" (both ends wrapped by then) to "ok", and the CPU
# ticks at "go".
def bulk(port, nbytes, opt=b""):
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(b"%d%s\n" % (nbytes, opt))
    if line(c) != b"go\n":
        raise OSError("no go")
    t = ticks()
    t0 = time.monotonic_ns()
    left = nbytes
    while left:
        n = min(left, len(data))
        c.sendall(data[:n])
        left -= n
    if line(c) != b"ok\n":
        raise OSError("no ok")
    t1 = time.monotonic_ns()
    c.close()
    return t1 - t0, t

def context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_verify_locations(pki + "/ca.pem")
    ctx.load_cert_chain(pki + "/client-p256.pem", pki + "/client-p256.key")
    return ctx

def handshakes(n, kind):
    ctx = context() if kind == "direct" else None
    t0 = time.monotonic_ns()
    for _ in range(n):
        c = socket.create_connection(("127.0.0.2" if kind == "kwasm" else "127.0.0.1", hs))
        # The line goes right behind the client's Finished: without this,
        # Nagle holds it until the server's delayed ACK, 40 ms of idle CPU.
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if kind != "kwasm":
            c = (ctx or context()).wrap_socket(c, server_hostname="server.example.org")
        c.sendall(b"kwasm\n")
        if line(c) != b"msawk\n":
            raise OSError("bad echo")
        c.close()
    return time.monotonic_ns() - t0

# CPU ticks so far: user+system of the driver, the agent's parent,
# s_server and the sink; irq+softirq, all busy and idle of the CPU.
def ticks():
    def pid(p):
        f = open("/proc/%d/stat" % p).read().rsplit(")", 1)[1].split()
        return int(f[11]) + int(f[12])
    cpu = [int(x) for x in open("/proc/stat").readline().split()[1:8]]
    return [pid(os.getpid()), pid(agent), pid(server), pid(sink), cpu[5] + cpu[6],
            sum(cpu) - cpu[3] - cpu[4], cpu[3] + cpu[4]]

# "other": busy time none of those had, mostly the agent's handshake
# processes (their own ticks would only show once the agent reaps them).
def cpu(what, r, t0):
    d = [(b - a) * tick for a, b in zip(t0, ticks())]
    d[5] -= sum(d[:5])
    names = "driver", "agent", "s_server", "sink", "irq", "other", "idle"
    print("cpu", what, r, " ".join("%s=%d" % x for x in zip(names, d)), flush=True)

for port in plain, wrapped:
    bulk(port, 1 << 20)
for kind in "kwasm", "direct", "direct-ctx":
    handshakes(1, kind)
c = context().wrap_socket(socket.create_connection(("127.0.0.1", hs)),
                          server_hostname="server.example.org")
print("suite", c.version(), c.cipher()[0], flush=True)
c.close()
for r in range(1, rounds + 1):
    for name, port, opt in (("plain", plain, b""), ("ktls", wrapped, b""),
                            ("ktls-pad", wrapped, b" pad")):
        ns, t = bulk(port, mib << 20, opt)
        print("bulk", name, r, mib << 20, ns, flush=True)
        cpu(name, r, t)
    for kind in "kwasm", "direct", "direct-ctx":
        t = ticks()
        print("hs", kind, r, conns, handshakes(conns, kind), flush=True)
        cpu(kind, r, t)
PY
python3 /tmp/tls-bench.py sink $BULK_TLS $BULK_PLAIN >/tmp/sink.log 2>&1 &
sink=$!
# One server for both handshake clients; no tickets: the kernel does not
# consume them yet (docs/TLS.md).
openssl s_server -4 -accept $HS -rev -quiet -tls1_3 -num_tickets 0 \
	-ciphersuites TLS_AES_256_GCM_SHA384 -groups X25519 $SRV_ID -CAfile "$PKI/ca.pem" \
	-Verify 1 -verify_return_error </dev/null >/tmp/s_server.log 2>&1 &
srv=$!
listening() {
	tls_listening $BULK_TLS && tls_listening $BULK_PLAIN && tls_listening $HS
}
ktap_check "the sink and openssl s_server listen" listening
tx0=$(tls_stat TlsTxSw)

python3 /tmp/tls-bench.py driver "$PKI" "$mib" "$conns" "$rounds" $BULK_PLAIN $BULK_TLS $HS \
	"$agent" "$srv" "$sink" >/tmp/driver.out 2>/tmp/driver.err
rc=$?
while read -r l; do
	ktap_diag "tls: $l"
done </tmp/driver.out
if [ $rc -eq 0 ] && [ "$(grep -c '^hs ' /tmp/driver.out)" -eq $((3 * rounds)) ]; then
	ktap_ok "every transfer and handshake completed"
else
	ktap_fail "every transfer and handshake completed" "driver exit $rc" \
		"$(cat /tmp/driver.err /tmp/sink.log /tmp/s_server.log)" "$(tail -5 "$TLS_AGENT_LOG")"
fi

# The agent's own times for the handshake rule: "... 12ms SUITE".
ktap_diag "tls: agent $(sed -n 's/^kwasm-tlsd: rule 3 client .* \([0-9]*\)ms .*/\1/p' \
	"$TLS_AGENT_LOG" | awk '{ n++; s += $1 } END { print n + 0, s + 0 }')"
ktap_diag "tls: cpu-flags $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' |
	grep -xE 'aes|pclmulqdq|avx|avx2|vaes|vpclmulqdq|erms|fsrm' | tr '\n' ' ')"
ktap_diag "tls: aead $(awk '$1 == "name" { n = $3 } $1 == "driver" { d = $3 }
	$1 == "priority" && n == "gcm(aes)" && $3 > p { p = $3; best = d }
	END { print best ? best : "-" }' /proc/crypto)"
ktap_check "the bulk rules wrapped every bulk connection, both ends" \
	test "$(tls_counter 1 wrapped) $(tls_counter 2 wrapped)" = \
	"$((2 * rounds + 1)) $((2 * rounds + 1))"
ktap_check "the handshake rule wrapped every kwasm connection" \
	test "$(tls_counter 3 wrapped)" = "$((rounds * conns + 1))"
ktap_check "kTLS carried them" test "$(($(tls_stat TlsTxSw) - tx0))" -ge $((rounds * conns))
ktap_diag "tls: agent says $(grep -m1 'rule 3 client' "$TLS_AGENT_LOG")"
if grep -q refused "$TLS_AGENT_LOG"; then
	ktap_fail "no handshake refused" "$(grep refused "$TLS_AGENT_LOG" | head -5)"
else
	ktap_ok "no handshake refused"
fi
ktap_check "the sink saw no error" test ! -s /tmp/sink.log
kill $sink $srv
wait $sink $srv 2>/dev/null
sink=
srv=
tls_stop agent
ktap_check "rmmod kwasm" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
