#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The "kwasm_tls" control plane (include/uapi/linux/kwasm_tls.h), driven
# by its own test client kwasm-tlstest (tests/e2e/tls), not the CLI:
# rules added, listed (dump and by id) with counters, deleted; every
# validation error with its message; CAP_NET_ADMIN in the namespace's
# user namespace (nobody refused, nobody's own user+net namespace
# allowed); rules per network namespace and the tls_max_rules cap; STATUS
# and the agent multicast group; ACCEPT and DONE without a connection.
#
#   kwasm-tlstest --genl kwasm_tls--> kwasm.ko (root netns, unshare -n
#                                     netns, unshare -Urn as nobody)
. "$(dirname "$0")"/lib.sh

TT=${KWASM_TLSTEST:-/usr/bin/kwasm-tlstest}
T=$KWASM_GUESTS/e2e/e2e_traps.wasm
CREDS="--cert /tls/srv.pem --key /tls/srv.key --ca /tls/ca.pem"
MAXP=/sys/module/kwasm/parameters/tls_max_rules

cleanup() {
	[ ! -w "$MAXP" ] || echo 1024 >"$MAXP"
	"$KWASM" unload tlspol 2>/dev/null || true
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
}

# add_bad DESC MESSAGE ARGS...: kwasm-tlstest add fails with MESSAGE.
add_bad() {
	desc=$1 msg=$2
	shift 2
	expect "$desc" 1 '*' "*$msg*" -- "$TT" add "$@"
}

if [ ! -f "$KWASM_KO" ] || [ ! -x "$TT" ]; then
	ktap_skip_all "no kwasm.ko or no kwasm-tlstest in this image"
fi
ktap_plan 80
ktap_cleanup cleanup
dmesg_mark

ktap_check "the first request loads kwasm.ko (family alias)" \
	sh -c "$TT status >/dev/null && test -d /sys/module/kwasm"
expect_grep "STATUS: no agent, nothing pending, zero counters" \
	'^agents=0 pending=0 wrapped=0 n_matched=0 n_wrapped=0 n_passed=0 n_denied=0 n_verify_failed=0 n_handshake_failed=0 n_timeout=0 n_unwrappable=0 n_key_update=0 n_peer_error=0 n_policy_denied=0$' \
	"$TT" status

# Rules, listed in order of addition.
expect_grep "add a server rule" '^1$' "$TT" add --side 1 --port 443 $CREDS
expect_grep "add a client rule with every option" '^2$' "$TT" add --side 2 --port 8443 \
	--addr 10.1.0.0 --prefix 16 --uid 1000 --cgroup 77 --action 2 --ca /tls/ca.pem \
	--sni api.test --peer dns:api.test --peer uri:spiffe://test/api --timeout 250 --fail-open
expect_grep "add an IPv6 client rule (prefix defaults to 128)" '^3$' "$TT" add --side 2 \
	--port 80 --addr fd00::1 --action 4
expect_grep "add a passthrough rule" '^4$' "$TT" add --side 2 --port 25 --addr fd00:: \
	--prefix 8 --action 3
"$TT" list >/tmp/list 2>&1
if [ "$(grep -c '^rule ' /tmp/list)" = 4 ] &&
	[ "$(sed -n 's/^rule id=\([0-9]*\).*/\1/p' /tmp/list | tr '\n' ,)" = "1,2,3,4," ]; then
	ktap_ok "the dump lists the four rules in order"
else
	ktap_fail "the dump lists the four rules in order" "$(cat /tmp/list)"
fi
ktap_check "rule 1 as added, default action and timeout" grep -qxF \
	"rule id=1 side=1 port=443 action=1 timeout_ms=10000 cert=/tls/srv.pem key=/tls/srv.key ca=/tls/ca.pem n_matched=0 n_wrapped=0 n_passed=0 n_denied=0 n_verify_failed=0 n_handshake_failed=0 n_timeout=0 n_unwrappable=0 n_key_update=0 n_peer_error=0 n_policy_denied=0" \
	/tmp/list
ktap_check "rule 2 as added" grep -qF \
	"rule id=2 side=2 port=8443 action=2 timeout_ms=250 addr=10.1.0.0/16 uid=1000 cgroup=77 fail-open ca=/tls/ca.pem sni=api.test peers=dns:api.test,uri:spiffe://test/api n_matched=0" \
	/tmp/list
ktap_check "rule 3: IPv6 /128" grep -qF "rule id=3 side=2 port=80 action=4 timeout_ms=10000 addr=fd00::1/128 n_matched=0" /tmp/list
ktap_check "rule 4: IPv6 /8" grep -qF "addr=fd00::/8" /tmp/list
expect_grep "list one rule by id" '^rule id=2 side=2 port=8443 ' "$TT" list 2
expect "list an unknown id" 1 '*' "*no TLS rule 99 in this network namespace*" -- "$TT" list 99

# Every validation error carries its reason.
add_bad "missing side" "missing side (KWASM_TLS_A_SIDE)" --port 1 $CREDS
add_bad "bad side" "side 3 is neither 1 (server) nor 2 (client)" --side 3 --port 1 $CREDS
add_bad "missing port" "missing port (KWASM_TLS_A_PORT)" --side 1 $CREDS
add_bad "port 0" "port 0 matches nothing" --side 1 --port 0 $CREDS
add_bad "prefix longer than the address" "prefix length 33 is longer than the address (32)" \
	--side 2 --port 1 --addr 10.0.0.0 --prefix 33 $CREDS
add_bad "IPv6 prefix longer than the address" "prefix length 129 is longer" \
	--side 2 --port 1 --addr fd00:: --prefix 129 $CREDS
add_bad "host bits beyond the prefix" "bits set beyond its /8 prefix" \
	--side 2 --port 1 --addr 10.0.0.1 --prefix 8 $CREDS
add_bad "address of a wrong length" "is 4 (IPv4) or 16 (IPv6) bytes" \
	--side 2 --port 1 --addr xyz $CREDS
add_bad "address on a server rule" "(remote network) is for client rules" \
	--side 1 --port 1 --addr 10.0.0.0 --prefix 8 $CREDS
add_bad "prefix without address" "KWASM_TLS_A_PREFIX needs KWASM_TLS_A_ADDR" \
	--side 2 --port 1 --prefix 8 $CREDS
add_bad "mutual TLS without a certificate" "this action presents a certificate" \
	--side 2 --port 1 --ca /tls/ca.pem
add_bad "server-only server side without a certificate" "presents a certificate" \
	--side 1 --port 1 --action 2
add_bad "certificate without key" "the certificate needs its key" \
	--side 1 --port 1 --cert /c --ca /tls/ca.pem
add_bad "key without certificate" "KWASM_TLS_A_KEY without KWASM_TLS_A_CERT" \
	--side 1 --port 1 --action 4 --key /k
add_bad "mutual TLS without a CA bundle" "verifying the peer needs a CA bundle" \
	--side 1 --port 1 --cert /c --key /k
add_bad "65 peer identities" "more than 64 peer identities" --side 1 --port 1 $CREDS --peers 65
add_bad "a peer that is neither dns: nor uri:" "a peer identity is dns:NAME or uri:URI" \
	--side 1 --port 1 $CREDS --peer ip:10.0.0.1
add_bad "peers on a rule that verifies no peer" "needs a rule that verifies the peer" \
	--side 1 --port 1 --action 2 --cert /c --key /k --peer dns:x
add_bad "a 4096-byte path" "certificate path is longer than 4095 bytes" \
	--side 1 --port 1 --cert-len 4096 --key /k --ca /c
add_bad "an empty path" "CA bundle path is empty" --side 1 --port 1 --cert /c --key /k --ca ""
add_bad "unknown action" "unknown action 9 (1..4)" --side 1 --port 1 --action 9 $CREDS
add_bad "timeout below the minimum" "timeout 99 ms is outside 100..600000" \
	--side 1 --port 1 --timeout 99 $CREDS
add_bad "timeout above the maximum" "timeout 600001 ms is outside" \
	--side 1 --port 1 --timeout 600001 $CREDS
add_bad "server name on a server rule" "KWASM_TLS_A_SNI is for client rules" \
	--side 1 --port 1 --sni x.test $CREDS
add_bad "unmapped uid" "uid 4294967295 is unmapped" --side 1 --port 1 --uid 4294967295 $CREDS
add_bad "cgroup id 0" "cgroup id 0 names no cgroup" --side 1 --port 1 --cgroup 0 $CREDS
add_bad "policy module not loaded" "no kwasm module named nosuch for the policy" \
	--side 1 --port 1 $CREDS --policy nosuch tls_policy
add_bad "a policy on a deny rule" "a deny rule takes no policy" \
	--side 1 --port 1 --action 4 --policy nosuch tls_policy
expect "delete an unknown rule" 1 '*' "*no TLS rule 999 in this network namespace*" -- "$TT" del 999

# The limits themselves are accepted.
expect_grep "64 peer identities" '^5$' "$TT" add --side 1 --port 1 $CREDS --peers 64
expect_grep "a 4095-byte path, listed whole" 'cert=<4095 bytes>' \
	sh -c "id=\$($TT add --side 1 --port 2 --cert-len 4095 --key /k --ca /c) && $TT list \$id"
expect_grep "the 64 identities are listed" 'peers=dns:peer0.test,.*,dns:peer63.test n_' \
	"$TT" list 5
if [ -f "$T" ] && [ -x "$KWASM" ] && "$KWASM" load "$T" --name tlspol >/dev/null 2>&1; then
	expect_grep "a policy names a loaded module" 'policy=tlspol:count' sh -c \
		"id=\$($TT add --side 1 --port 3 $CREDS --policy tlspol count) && $TT list \$id"
else
	ktap_skip "a policy names a loaded module" "no kwasm CLI or e2e guests"
fi

# Deleting.
ktap_check "delete rule 1" "$TT" del 1
expect "rule 1 is gone" 1 '*' "*no TLS rule 1 in*" -- "$TT" list 1
expect "delete it again" 1 '*' "*no TLS rule 1 in*" -- "$TT" del 1
ktap_check "the others stay" sh -c "$TT list 2 >/dev/null && $TT list 5 >/dev/null"

# Who may: CAP_NET_ADMIN in the namespace's user namespace.
expect "nobody cannot add" 1 '*' "*Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$TT add --side 1 --port 9 $CREDS"
expect "nobody cannot list" 1 '*' "*Operation not permitted*" -- su nobody -s /bin/sh -c "$TT list"
expect "nobody cannot read STATUS" 1 '*' "*Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$TT status"
expect "nobody cannot join the agent group" 1 \
	'*' "*join the agent group: Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$TT join-status"
if su nobody -s /bin/sh -c "unshare -Urn true" 2>/dev/null; then
	expect_grep "nobody manages the rules of its own user+net namespace" '^rule id=1 side=1 port=9 ' \
		su nobody -s /bin/sh -c "unshare -Urn sh -c '$TT add --side 1 --port 9 $CREDS >/dev/null && $TT list'"
else
	ktap_skip "nobody manages the rules of its own user+net namespace" \
		"unprivileged user namespaces are off"
fi

# Per network namespace.
expect_grep "a new namespace starts empty, with its own ids" '^0 1 rule id=1 side=2 port=7 ' \
	unshare -n sh -c "echo \$($TT list | grep -c '^rule') \$($TT add --side 2 --port 7 --action 4) \$($TT list)"
ktap_check "its rule did not reach the root namespace" sh -c \
	"$TT list >/tmp/root && grep -q ' port=8443 ' /tmp/root && ! grep -q ' port=7 ' /tmp/root"
echo 2 >"$MAXP"
expect "tls_max_rules caps a namespace" 1 '*' "*namespace has 2 TLS rules (tls_max_rules)*" -- \
	unshare -n sh -c "$TT add --side 2 --port 1 --action 4 && $TT add --side 2 --port 2 --action 4 && $TT add --side 2 --port 3 --action 4"
echo 1024 >"$MAXP"

# A dump longer than one buffer: 40 rules of ~12 KiB each, in a namespace.
expect_grep "a dump of 40 large rules comes back whole and in order" '^40 1-40$' \
	unshare -n sh -c "i=0; while [ \$i -lt 40 ]; do i=\$((i + 1)); \
		$TT add --side 1 --port \$i --cert-len 4095 --key /k --ca /c >/dev/null || exit 1; \
		done; $TT list >/tmp/big; echo \$(grep -c '^rule id=' /tmp/big) \
		\$(sed -n 's/^rule id=\([0-9]*\) .*/\1/p' /tmp/big | head -1)-\$(sed -n 's/^rule id=\([0-9]*\) .*/\1/p' /tmp/big | tail -1)"

# Writers and dumpers at once, in namespaces that come and go.
i=0
pids=""
while [ $i -lt 4 ]; do
	i=$((i + 1))
	unshare -n sh -c "end=\$((\$(date +%s) + 4)); while [ \$(date +%s) -lt \$end ]; do \
		id=\$($TT add --side 2 --port $i --action 4) && $TT list >/dev/null && \
		$TT list \$id >/dev/null && $TT del \$id || exit 1; done" &
	pids="$pids $!"
done
end=$(($(date +%s) + 4))
churn=0
while [ "$(date +%s)" -lt $end ]; do
	unshare -n sh -c "$TT add --side 2 --port 1 --action 4 >/dev/null" && churn=$((churn + 1))
done
fails=0
for p in $pids; do
	wait "$p" || fails=$((fails + 1))
done
if [ $fails -eq 0 ] && [ $churn -gt 0 ]; then
	ktap_ok "4 namespaces add/list/del while $churn more come and go"
else
	ktap_fail "4 namespaces add/list/del while namespaces come and go" \
		"$fails writers failed, $churn namespaces"
fi

# Random requests, as root in a namespace and as nobody in its own
# user+net namespace (where it is admin): acked or refused, never a hang
# or a malformed reply; the namespaces' rules go with them.
# fuzz DESC CMD...: the fuzzer's summary goes into the description.
fuzz() {
	desc=$1
	shift
	if out=$("$@" 2>&1) && echo "$out" | grep -qE '^[0-9]+ requests, [0-9]+ acked'; then
		ktap_ok "$desc: $out"
	else
		ktap_fail "$desc" "$out"
	fi
}
fuzz "fuzz: 10 s of random requests as root" unshare -n "$TT" fuzz 10 1
if su nobody -s /bin/sh -c "unshare -Urn true" 2>/dev/null; then
	fuzz "fuzz: 5 s as nobody, admin of its own namespaces" \
		su nobody -s /bin/sh -c "unshare -Urn $TT fuzz 5 2"
else
	ktap_skip "fuzz: 5 s as nobody, admin of its own namespaces" \
		"unprivileged user namespaces are off"
fi

# The agent group.
expect_grep "an agent listening shows in STATUS" '^agents=1 pending=0 ' "$TT" join-status
expect_grep "and is gone when its socket closes" '^agents=0 ' "$TT" status

# The upcall, as far as it goes without an intercepted connection: ACCEPT
# with nothing pending, and DONE validated before its request is looked up.
A="$TT agent"
expect "ACCEPT with nothing pending" 1 '*' "*no handshake is pending in this namespace*" -- \
	$A accept
expect "nobody cannot ACCEPT" 1 '*' "*Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$A accept"
expect "nobody cannot send DONE" 1 '*' "*Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$A done 1 0 gcm128"
expect "DONE without a request id" 1 '*' "*DONE needs KWASM_TLS_A_REQ_ID and _STATUS*" -- \
	$A done - 71
expect "DONE with a status that is no errno" 1 '*' "*KWASM_TLS_A_STATUS is 0 or an errno*" -- \
	$A done 1 4096
expect "DONE of a failure for an unknown request" 1 \
	'*' "*no accepted handshake 4242 in this namespace*" -- \
	$A done 4242 71
expect "a successful DONE needs keys" 1 \
	'*' "*a successful DONE carries KWASM_TLS_A_TX and _RX*" -- \
	$A done 1 0 none
expect "a successful DONE needs both directions" 1 '*' "*carries KWASM_TLS_A_TX and _RX*" -- \
	$A done 1 0 tx-only
expect "TLS 1.2 keys are refused" 1 '*' "*need TLS 1.3 AES-GCM/ChaCha20 keys (tx 0x303/51*" -- \
	$A done 1 0 tls12
expect "keys of two ciphers are refused" 1 '*' "*need TLS 1.3 AES-GCM/ChaCha20 keys*" -- \
	$A done 1 0 mixed
expect "crypto_info of the wrong size is refused" 1 \
	'*' "*cipher 51: crypto_info is 40 bytes, not 41/41*" -- \
	$A done 1 0 long
for k in gcm128 gcm256 chacha; do
	expect "$k keys pass validation (then: no such request)" 1 \
		'*' "*no accepted handshake 4243 in this namespace*" -- $A done 4243 0 $k
done

ktap_check "rmmod kwasm with rules in namespaces" kwasm_rmmod
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
