#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# agent_test.sh BUILD: kwasm-tlsd's loop against a fake kwasm_tls family
# (fake_tls.c, LD_PRELOAD into a dynamically linked build of the agent):
# READY, four ACCEPTs and their DONEs, the keys of the successful one used
# on the socket afterwards as the kernel would, one log line each, and a
# clean exit on SIGTERM.  Needs the PKI that run.sh made.
set -u
build=$1
pki=$(cd "$build/tlsd/pki" && pwd)
dir=$build/tlsd/agent
rm -rf "$dir"
mkdir -p "$dir"
. "$(dirname "$0")"/../../scripts/lib_check.sh

openssl s_server -accept 0 -rev -cert "$pki/server.crt" -key "$pki/server.key" \
	-CAfile "$pki/ca.crt" -Verify 1 -verify_return_error >"$dir/s_server.out" 2>&1 &
srv=$!
i=0
while ! grep -q ACCEPT "$dir/s_server.out" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(grep ACCEPT "$dir/s_server.out" | grep -oE '[0-9]+$')

LD_PRELOAD=$(cd "$build/tlsd" && pwd)/fake_tls.so FAKE_TLS_PORT=$port FAKE_TLS_PKI=$pki \
	FAKE_TLS_LOG=$dir/kernel.log "$build/tlsd/kwasm-tlsd-dyn" -v 2>"$dir/agent.err" &
agent=$!
i=0
while [ "$(grep -c '^done' "$dir/kernel.log" 2>/dev/null)" != 4 ] && [ $i -lt 150 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $agent
wait $agent
rc=$?
kill $srv 2>/dev/null
wait $srv 2>/dev/null

log=$dir/kernel.log
err=$dir/agent.err
# tls12_crypto_info_aes_gcm_256 is 56 bytes: what OpenSSL's default suite gives.
t_check "mutual TLS done, keys of the negotiated suite" \
	grep -q '^done id=1 status=0 peer=dns:server.test tx=56 rx=56$' "$log"
t_check "the kernel's side of the keys talks to s_server" grep -q '^data ok id=1$' "$log"
t_check "a SAN not in the list is EACCES" grep -q '^done id=2 status=13 peer=- tx=0 rx=0$' "$log"
t_check "a silent peer is ETIMEDOUT" grep -q '^done id=3 status=110 peer=- tx=0 rx=0$' "$log"
t_check "a malformed request is EBADMSG" grep -q '^done id=4 status=74 ' "$log"
t_check "log: success line" grep -qE "^kwasm-tlsd: rule 11 client 127.0.0.1:$port dns:server.test [0-9]+ms TLS_AES_256_GCM_SHA384$" "$err"
t_check "log: refusal with reason" grep -qE "^kwasm-tlsd: rule 12 client 127.0.0.1:$port refused EACCES: peer identity not allowed \(has dns:server.test\) [0-9]+ms$" "$err"
t_check "log: timeout" grep -qE "^kwasm-tlsd: rule 13 client .* refused ETIMEDOUT: handshake timed out after 300 ms [0-9]+ms$" "$err"
t_check "exit 0 on SIGTERM" test "$rc" -eq 0
[ "$t_failed" -eq 0 ] || { echo "--- kernel.log"; cat "$log"; echo "--- agent.err"; cat "$err"; }
t_done agent
