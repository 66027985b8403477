#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh BUILD: the kwasm-tlsd handshake core on this host, without kTLS.
# Each case is one hs_test run (see hs_test.c) over loopback TCP against
# Debian's openssl s_server/s_client or the core itself: the handshake,
# then application data decrypted and encrypted with the derived kTLS
# crypto info; or a refusal with the expected errno and reason.
set -u
build=$1
t=$build/tlsd/hs_test
p=$build/tlsd/pki
rm -rf "$p"
tests/tlsd/pki.sh "$p" || { echo "tlsd: 0 passed, 1 failed"; exit 1; }
. "$(dirname "$0")"/../../scripts/lib_check.sh

# Run a test program and add its `N passed, N failed` (none: one failure).
sub() {
	out=$("$@" 2>&1)
	echo "$out"
	t_add "$out"
}

# The agent's messages (ACCEPT parsed, DONE built) without a kernel.
sub "$build/tlsd/test_msg"
# Its loop, and the CLI's `kwasm tls`, against a fake kwasm_tls family.
sub tests/tlsd/agent_test.sh "$build"
sub tests/tlsd/cli_test.sh "$build"

# The static agent starts, and says why it cannot run on this host: no
# kwasm.ko (nothing is ever loaded into the host's kernel).
agent=$build/static/kwasm-tlsd
t_check "kwasm-tlsd --version" sh -c "'$agent' --version | grep -q '^kwasm-tlsd .*OpenSSL 3'"
t_check "kwasm-tlsd --help" sh -c "'$agent' --help | grep -q 'Usage: kwasm-tlsd'"
t_check "kwasm-tlsd refuses --max 0" sh -c "! '$agent' --max 0 2>/dev/null"
if ! grep -q '^kwasm ' /proc/modules 2>/dev/null; then
	"$agent" >"$build/tlsd/agent.out" 2>&1
	t_check "kwasm-tlsd exits 1 without kwasm.ko" test $? -eq 1
	t_check "kwasm-tlsd says kwasm.ko is missing" \
		grep -q 'no kwasm_tls family: is kwasm.ko loaded' "$build/tlsd/agent.out"
fi

run() { # name, hs_test arguments...
	name=$1
	shift
	if out=$(timeout 30 "$t" "$@" 2>&1); then
		t_ok "$name: ${out#ok }"
	else
		t_fail "$name" "$out"
	fi
}

CLI="--side client --cert $p/client.crt --key $p/client.key --ca $p/ca.crt"
SRV="--side server --cert $p/server.crt --key $p/server.key --ca $p/ca.crt"
# -rev answers each line reversed; -Verify 1 asks for a client certificate.
S_SERVER="openssl s_server -accept 0 -naccept 1 -rev -CAfile $p/ca.crt -Verify 1
	-verify_return_error"
S_CLIENT="openssl s_client -connect 127.0.0.1:%PORT% -quiet -CAfile $p/ca.crt
	-verify_return_error"
MTLS_CLIENT="$S_CLIENT -cert $p/client.crt -key $p/client.key"

# Every suite both ways.  The core offers an X25519 share only, so a server
# that takes P-384 only must send HelloRetryRequest; an s_client that
# leads with an X448 share (which the core does not take) gets one too.
for s in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
	run "client vs s_server $s, HRR to P-384" $CLI --peer dns:server.test \
		--expect-peer dns:server.test --expect-suite $s \
		-- $S_SERVER -cert $p/server.crt -key $p/server.key -ciphersuites $s -groups P-384
	run "server vs s_client $s, HRR to P-256" $SRV \
		--peer uri:spiffe://kwasm.test/client.test \
		--expect-peer uri:spiffe://kwasm.test/client.test --expect-suite $s \
		-- $MTLS_CLIENT -ciphersuites $s -groups X448:P-256
done
# The core against itself: it prefers AES-256-GCM, as OpenSSL does.
run "server vs core client" $SRV --expect-peer dns:client.test \
	--expect-suite TLS_AES_256_GCM_SHA384 --self --other-cert $p/client.crt \
	--other-key $p/client.key --other-ca $p/ca.crt --other-sni server.test
run "client vs s_server, P-256 share accepted" $CLI --expect-peer dns:server.test \
	-- $S_SERVER -cert $p/server.crt -key $p/server.key -groups X25519:P-256
run "server-only: server, no client certificate" --side server --server-only \
	--cert $p/server.crt --key $p/server.key --expect-peer "" -- $S_CLIENT
run "server-only: client checks the SNI" --side client --server-only --ca $p/ca.crt \
	--sni server.test --expect-peer dns:server.test \
	-- openssl s_server -accept 0 -naccept 1 -rev -cert $p/server.crt -key $p/server.key

# Refusals.
run "client refuses a server of another CA" $CLI --expect EACCES \
	--expect-reason "unable to get local issuer" \
	-- $S_SERVER -cert $p/server2.crt -key $p/server2.key
run "server refuses a client of another CA" $SRV --expect EACCES \
	--expect-reason "unable to get local issuer" \
	-- $S_CLIENT -cert $p/client2.crt -key $p/client2.key
run "client refuses an expired server" $CLI --expect EACCES --expect-reason expired \
	-- $S_SERVER -cert $p/expired.crt -key $p/expired.key
run "client refuses a SAN not in the list" $CLI --peer dns:other.test \
	--peer uri:spiffe://kwasm.test/other --expect EACCES \
	--expect-reason "not allowed (has dns:server.test)" \
	-- $S_SERVER -cert $p/server.crt -key $p/server.key
run "server refuses a SAN not in the list" $SRV --peer dns:server.test --expect EACCES \
	--expect-reason "not allowed" -- $MTLS_CLIENT
run "client refuses the wrong SNI name" --side client --server-only --ca $p/ca.crt \
	--sni wrong.test --expect EACCES --expect-reason "not allowed" \
	-- openssl s_server -accept 0 -naccept 1 -rev -cert $p/server.crt -key $p/server.key
run "server refuses a client without a certificate" $SRV --expect EACCES \
	--expect-reason "did not return a certificate" -- $S_CLIENT
run "client refuses a TLS 1.2-only server" $CLI --expect EPROTO \
	--expect-reason "protocol version" \
	-- $S_SERVER -cert $p/server.crt -key $p/server.key -tls1_2
run "server refuses a TLS 1.2-only client" $SRV --expect EPROTO \
	--expect-reason "unsupported protocol" -- $MTLS_CLIENT -tls1_2
run "server refuses HTTP instead of a ClientHello" $SRV --expect EPROTO --garbage
run "server gives up on a silent client after 300 ms" $SRV --timeout 300 \
	--expect ETIMEDOUT --silent
run "a key that is not the certificate's" --side server --cert $p/server.crt \
	--key $p/client.key --ca $p/ca.crt --expect EINVAL --expect-reason client.key --silent
run "a CA bundle that does not exist" $CLI --ca $p/nothing.crt --expect EINVAL \
	--expect-reason nothing.crt -- $S_SERVER -cert $p/server.crt -key $p/server.key

t_done tlsd
