#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tls-props: properties of transparent TLS under load, both ends of
# port 8100 wrapped (a server and a client rule, one agent), with a
# plaintext Python server and client that know nothing of it:
#   - 8 MiB each way byte for byte; the upload ends with the client's
#     shutdown(SHUT_WR) (half-close: the server reads the end of the
#     stream, then still answers);
#   - sendfile() on the server, splice() on the client;
#   - 100 connections at once; a non-blocking asyncio server;
#   - the application resetting, or closing, during its handshake (the
#     agent's descriptor keeps the socket until the handshake ends), and a
#     peer resetting during the server's (counted): none disturbs the next
#     connection;
#   - rules added and deleted while connections run;
#   - kwasm tls status counts the wrapped sockets, rmmod is refused while
#     they live, and once they closed the module's reference count is 0.
# The rules allow 60 s per handshake: 200 of them queue at one agent, in
# software emulation.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
PORT=8100
APORT=8101
SONLY=8102
PLAIN=8103
PY=/tmp/tls-props.py

tls_need python3
tls_cleanup agent srv asrv plain hold load
ktap_plan 29
dmesg_mark
modprobe tls
ktap_check "insmod kwasm.ko (tls_test_hook=1)" insmod "$KWASM_KO" tls_test_hook=1

cat >$PY <<'EOF'
import asyncio, errno, hashlib, os, socket, struct, sys, threading, time

def pattern(n):
    """n deterministic bytes, different at every offset."""
    out, i = bytearray(), 0
    while len(out) < n:
        out += hashlib.sha256(i.to_bytes(8, "little")).digest()
        i += 1
    return bytes(out[:n])

def recv_all(s):
    buf = bytearray()
    while True:
        d = s.recv(1 << 16)
        if not d:
            return bytes(buf)
        buf += d

def line(s):
    buf = b""
    while not buf.endswith(b"\n"):
        d = s.recv(1)
        if not d:
            raise EOFError("no command")
        buf += d
    return buf.decode().split()

def handle(c):
    try:
        cmd = line(c)
        if cmd[0] == "echo":
            while True:
                d = c.recv(1 << 16)
                if not d:
                    break
                c.sendall(d)
        elif cmd[0] == "down":
            c.sendall(pattern(int(cmd[1])))
        elif cmd[0] == "sendfile":
            path = "/tmp/tls-props.%d" % threading.get_ident()
            with open(path, "wb") as f:
                f.write(pattern(int(cmd[1])))
            with open(path, "rb") as f:
                c.sendfile(f)
            os.unlink(path)
        elif cmd[0] == "up":
            data = recv_all(c)
            c.sendall(("%d %s\n" % (len(data), hashlib.sha256(data).hexdigest())).encode())
    except (OSError, EOFError):
        pass
    finally:
        c.close()

def serve(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(256)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(c,), daemon=True).start()

async def aecho(r, w):
    await r.readline()
    while True:
        d = await r.read(1 << 16)
        if not d:
            break
        w.write(d)
        await w.drain()
    w.close()

async def aserve(port):
    srv = await asyncio.start_server(aecho, "127.0.0.1", port)
    async with srv:
        await srv.serve_forever()

def conn(port):
    return socket.create_connection(("127.0.0.1", port), timeout=60)

def echo(port, n=65536, seed=0):
    want = pattern(n + seed)[seed:]
    s = conn(port)
    s.sendall(b"echo\n" + want)
    s.shutdown(socket.SHUT_WR)
    got = recv_all(s)
    s.close()
    return got == want

def main():
    op, port = sys.argv[1], int(sys.argv[2])
    arg = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if op == "serve":
        serve(port)
    elif op == "aserve":
        asyncio.run(aserve(port))
    elif op == "down":
        s = conn(port)
        s.sendall(b"down %d\n" % arg)
        ok = recv_all(s) == pattern(arg)
    elif op == "splice":
        # sendfile() on the server, splice() into a pipe here.
        s = conn(port)
        s.sendall(b"sendfile %d\n" % arg)
        r, w = os.pipe()
        got = bytearray()
        while True:
            n = os.splice(s.fileno(), w, 1 << 16)
            if not n:
                break
            got += os.read(r, n)
        ok = bytes(got) == pattern(arg)
    elif op == "up":
        # Half-close: the request ends with SHUT_WR; the answer still comes.
        data = pattern(arg)
        s = conn(port)
        s.sendall(b"up\n" + data)
        s.shutdown(socket.SHUT_WR)
        ok = recv_all(s).decode() == "%d %s\n" % (arg, hashlib.sha256(data).hexdigest())
    elif op == "echo":
        ok = echo(port, arg or 65536)
    elif op == "parallel":
        res = []
        def one(i):
            try:
                res.append(echo(port, 4096 + i, i))
            except OSError as e:
                print("connection %d: %s" % (i, e))
                res.append(False)
        ts = [threading.Thread(target=one, args=(i,)) for i in range(arg)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print("%d of %d byte-equal" % (res.count(True), arg))
        ok = res.count(True) == arg
    elif op == "loop":
        # arg connections one after another; the count of good ones.
        good = sum(1 for i in range(arg) if echo(port, 1024 + i, i))
        print("%d of %d byte-equal" % (good, arg))
        ok = good == arg
    elif op in ("reset", "close"):
        # The application's own end, during its handshake: the first send
        # (non-blocking) starts it, then an RST (SO_LINGER 0) or a close.
        s = conn(port)
        s.setblocking(False)
        try:
            s.send(b"echo\n")
        except BlockingIOError:
            pass
        if op == "reset":
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        ok = True
    elif op == "peer_reset":
        # A peer that starts a ClientHello and resets mid-way, once the
        # agent has had time to start reading it.
        s = conn(port)
        s.sendall(bytes([22, 3, 1, 2, 0, 1, 0, 1, 252, 3, 3]) + os.urandom(32))
        time.sleep(3)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        ok = True
    elif op == "nopad":
        # TLS_RX_EXPECT_NO_PAD (SOL_TLS 282, option 4) on this wrapped end.
        s = conn(port)
        s.sendall(b"echo\nhello\n")
        ok = s.recv(6) == b"hello\n"
        got = s.getsockopt(282, 4)
        print("no_pad", got)
        ok = ok and got == arg
    elif op == "refused":
        # The server's gate had no memory: its application reads nothing
        # (it would echo), and its close resets the connection.
        s = conn(port)
        s.sendall(b"echo\nsecret\n")
        try:
            got = recv_all(s)
        except ConnectionResetError:
            got = b"(reset)"
        print("got", got)
        ok = got in (b"", b"(reset)")
    elif op == "connect_fails":
        # The client's gate had no memory: connect() fails, no SYN leaves.
        try:
            conn(port)
            ok = False
        except OSError as e:
            print(e)
            ok = e.errno == errno.EINVAL
    elif op == "retry":
        # connect() to a port with a client rule and no listener, then the
        # same socket to arg, a port with no rule: plaintext, echoed.
        # Blocking: a failed non-blocking connect() leaves the socket
        # SS_CONNECTING, and the next connect() only reports it.
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", port))
            ok = False
        except ConnectionRefusedError:
            s.connect(("127.0.0.1", arg))
            s.settimeout(60)
            s.sendall(b"echo\nplain\n")
            ok = s.recv(6) == b"plain\n"
            print("echoed", ok)
    elif op == "hold":
        # One echo (both handshakes done), then keep the connection open.
        s = conn(port)
        s.sendall(b"echo\nhello\n")
        ok = s.recv(6) == b"hello\n"
        print("held", flush=True)
        threading.Event().wait(120)
    sys.exit(0 if ok else 1)

main()
EOF

# Until COUNTER of RULE moved past OLD (handshakes end asynchronously).
counter_above() {
	[ "$(tls_counter "$1" "$2")" -gt "$3" ]
}
counter_past() {
	tls_until counter_above "$@"
}

CA="--ca $PKI/ca.pem"
for p in $PORT $APORT; do
	"$KWASM" tls add --server --port $p --cert "$PKI/server-p256.pem" \
		--key "$PKI/server-p256.key" $CA --peer uri:spiffe://example.org/client \
		--timeout-ms 60000 >/dev/null &&
		"$KWASM" tls add --client --port $p --addr 127.0.0.0/8 \
			--cert "$PKI/client-rsa.pem" --key "$PKI/client-rsa.key" $CA \
			--peer dns:server.example.org --timeout-ms 60000 >/dev/null || break
done
"$KWASM" tls add --server --port $SONLY --cert "$PKI/server-p256.pem" \
	--key "$PKI/server-p256.key" $CA >/dev/null
ktap_check "rules: both sides of $PORT and $APORT, the server side of $SONLY" test $? -eq 0
tls_agent_start
agent=$TLS_AGENT

python3 $PY serve $PORT </dev/null >/dev/null 2>&1 &
srv=$!
tls_listening $PORT
ktap_check "8 MiB down, byte for byte" python3 $PY down $PORT 8388608
ktap_check "8 MiB up, ended by SHUT_WR, answered after it" python3 $PY up $PORT 8388608
ktap_check "sendfile() on the server, splice() on the client, 1 MiB" \
	python3 $PY splice $PORT 1048576
ktap_check "100 connections at once" python3 $PY parallel $PORT 100
ktap_check "... all 100 wrapped on the server side" counter_past 1 wrapped 102

python3 $PY aserve $APORT </dev/null >/dev/null 2>&1 &
asrv=$!
tls_listening $APORT
ktap_check "a non-blocking asyncio server, 20 connections" python3 $PY loop $APORT 20
kill $asrv
wait $asrv 2>/dev/null
asrv=
python3 $PY serve $PLAIN </dev/null >/dev/null 2>&1 &
plain=$!
tls_listening $PLAIN
ktap_check "connect() refused on a rule's port, retried to a port without one: plaintext" \
	python3 $PY retry $APORT $PLAIN
kill $plain
wait $plain 2>/dev/null
plain=

ktap_check "the client resets during its handshake" python3 $PY reset $PORT
ktap_check "the client closes during its handshake" python3 $PY close $PORT
ktap_check "... the next connection is fine" python3 $PY echo $PORT
NOPAD=/sys/module/kwasm/parameters/tls_rx_no_pad
ktap_check "kTLS decrypts into the reader's buffer (TLS_RX_EXPECT_NO_PAD)" \
	python3 $PY nopad $PORT 1
echo N >$NOPAD
ktap_check "... not with tls_rx_no_pad=N" python3 $PY nopad $PORT 0
echo Y >$NOPAD
python3 $PY serve $SONLY </dev/null >/dev/null 2>&1 &
sonly=$!
tls_listening $SONLY
f5=$(tls_counter 5 handshake_failed)
ktap_check "a peer resets during the server's handshake" python3 $PY peer_reset $SONLY
ktap_check "... counted as a failed handshake" counter_past 5 handshake_failed "$f5"
FAIL_ARM=/sys/kernel/debug/kwasm_tls/fail_arm
u5=$(tls_counter 5 unwrappable)
echo 1 >$FAIL_ARM
ktap_check "no memory for an accepted socket's gate: its I/O fails, nothing echoed" \
	python3 $PY refused $SONLY
ktap_check "... counted as unwrappable" test "$(tls_counter 5 unwrappable)" = $((u5 + 1))
u2=$(tls_counter 2 unwrappable)
echo 1 >$FAIL_ARM
ktap_check "no memory for a connecting socket's gate: connect() fails with EINVAL" \
	python3 $PY connect_fails $PORT
ktap_check "... counted as unwrappable" test "$(tls_counter 2 unwrappable)" = $((u2 + 1))
kill $sonly
wait $sonly 2>/dev/null

# Rules come and go while 3 x 15 connections run.
(
	for j in 1 2 3; do
		python3 $PY loop $PORT 15 >/tmp/load.$j 2>&1 &
	done
	wait
) &
load=$!
n=0
while kill -0 $load 2>/dev/null && [ $n -lt 200 ]; do
	id=$("$KWASM" tls add --server --port 9$((n % 100 + 100)) --action deny 2>/dev/null |
		sed -n 's/^rule \([0-9]*\).*/\1/p')
	[ -z "$id" ] || "$KWASM" tls del "$id" >/dev/null 2>&1
	n=$((n + 1))
done
wait $load
load=
ktap_diag "$n rule changes; $(cat /tmp/load.1 /tmp/load.2 /tmp/load.3 | tr '\n' ' ')"
ktap_check "45 connections while rules changed ($n changes), all byte-equal" \
	sh -c "test \$(grep -c '^15 of 15 byte-equal' /tmp/load.1 /tmp/load.2 /tmp/load.3 |
		awk -F: '{ s += \$2 } END { print s }') = 3"
ktap_check "... and the rule list is back to five" \
	sh -c "test \$($KWASM tls list | grep -c '^rule ') = 5"

# A live wrapped connection: counted, and it pins the module.
rm -f /tmp/hold.out
python3 $PY hold $PORT </dev/null >/tmp/hold.out 2>&1 &
hold=$!
tls_until grep -q held /tmp/hold.out
ktap_check "kwasm tls status counts both wrapped ends" \
	sh -c "$KWASM tls status | grep -q '^agents 1, pending 0, wrapped 2'"
tls_rmmod_refused "rmmod refused while wrapped sockets live"
kill $hold
wait $hold 2>/dev/null
hold=
kill $srv
wait $srv 2>/dev/null
srv=
tls_until sh -c "$KWASM tls status | grep -q '^agents 1, pending 0, wrapped 0'"
ktap_check "closed: no socket wrapped" \
	sh -c "$KWASM tls status | grep -q '^agents 1, pending 0, wrapped 0'"
kill $agent
wait $agent 2>/dev/null
agent=
ktap_check "no peer error, no KeyUpdate on any rule" \
	sh -c "! $KWASM tls list | grep -Eq '(key_update|peer_error) [1-9]'"
ktap_diag "module references: $(cat /sys/module/kwasm/refcnt)"
ktap_check "the module's reference count is back to 0" test "$(cat /sys/module/kwasm/refcnt)" = 0
ktap_check "rmmod" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
