#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tls-policy: the Wasm policy of transparent TLS rules (--policy
# MODULE:EXPORT), with `python3` serving several ports and `curl`, as in
# 69-tls-transparent.  The policies are tests/e2e/wat/e2e_policy.wat: they
# log what conn_meta and conn_read tell them and decide on it.
#
#   8000  mutual TLS, policy "check" on both sides: allowed (the server
#         side wants the client's SPIFFE identity and port 8000, the
#         client side the server's DNS name and the task curl)
#   8001  the same policy: the server side denies (port) -> reset
#   8002  server policy "trap" -> denied (fail closed), logged
#   8003  passthrough, policy "plain": allowed, in plaintext
#   8004  passthrough, "plain" denies (port) -> reset
#   8005  passthrough, "spin" runs out of fuel -> denied
#   8006  passthrough, "wide" returns an i64 -> denied
#   8007  passthrough, "burn" needs 60000 fuel: denied under
#         tls_policy_fuel=20000, allowed once the parameter is 0 (the
#         module's --fuel 100000 then applies)
# Then the policy module is unloaded: port 8000 is denied too.  Every
# denial is a reset, no HTTP byte reaches curl, and the rule counts it in
# policy_denied.
# vm: userland
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

PKI=${KWASM_TLS:-/tls}
WAIT=${TLS_WAIT:-30}
WWW=/tmp/www
POL=$KWASM_GUESTS/e2e/e2e_policy.wasm

tls_need python3 curl "$POL"
tls_cleanup agent web
ktap_plan 38
dmesg_mark
modprobe tls
ktap_check "insmod kwasm.ko tls_policy_fuel=20000" insmod "$KWASM_KO" tls_policy_fuel=20000
ktap_check "load the policy module (fuel 100000)" \
	"$KWASM" load "$POL" --name pol --fuel 100000

CA="--ca $PKI/ca.pem"
SRV="--cert $PKI/server-p256.pem --key $PKI/server-p256.key $CA"
CLI="--addr 127.0.0.0/8 --cert $PKI/client-rsa.pem --key $PKI/client-rsa.key $CA"
# Rule ids, in order: 1 and 2 for 8000, 3 and 4 for 8001, 5 and 6 for
# 8002, then one passthrough rule per port, 7 to 11 for 8003 to 8007.
add_rules() {
	for p in 8000 8001; do
		"$KWASM" tls add --server --port $p $SRV --peer uri:spiffe://example.org/client \
			--policy pol:check >/dev/null &&
			"$KWASM" tls add --client --port $p $CLI --peer dns:server.example.org \
				--policy pol:check >/dev/null || return 1
	done
	"$KWASM" tls add --server --port 8002 $SRV --peer uri:spiffe://example.org/client \
		--policy pol:trap >/dev/null &&
		"$KWASM" tls add --client --port 8002 $CLI --peer dns:server.example.org \
			>/dev/null || return 1
	"$KWASM" tls add --server --port 8003 --action passthrough --policy pol:plain >/dev/null &&
		"$KWASM" tls add --server --port 8004 --action passthrough --policy pol:plain \
			>/dev/null &&
		"$KWASM" tls add --server --port 8005 --action passthrough --policy pol:spin \
			>/dev/null &&
		"$KWASM" tls add --server --port 8006 --action passthrough --policy pol:wide \
			>/dev/null &&
		"$KWASM" tls add --server --port 8007 --action passthrough --policy pol:burn >/dev/null
}
ktap_check "eleven rules with policies" add_rules
ktap_check "kwasm tls list shows the policy" \
	sh -c "$KWASM tls list 1 | grep -q '^  policy pol:check$'"
ktap_check "kwasm tls list -j has policy_denied" \
	sh -c "$KWASM tls list -j 1 | grep -q '\"policy_denied\":0'"
tls_agent_start -v
agent=$TLS_AGENT

mkdir -p $WWW
echo "kwasm policy hello" >$WWW/kwasm-hello.txt
# One process (comm python3) serving every port; accept() runs in threads
# that keep the name.
python3 - $WWW 8000 8001 8002 8003 8004 8005 8006 8007 </dev/null >/tmp/web.log 2>&1 <<'PY' &
import functools, http.server, sys, threading
h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
for p in sys.argv[2:]:
    s = http.server.ThreadingHTTPServer(("127.0.0.1", int(p)), h)
    threading.Thread(target=s.serve_forever, daemon=True).start()
threading.Event().wait()
PY
web=$!
for p in 8000 8001 8002 8003 8004 8005 8006 8007; do
	tls_listening $p
done

# get PORT OUT: curl the file; fails when the connection is reset.
get() {
	curl -sS -m "$WAIT" "http://127.0.0.1:$1/kwasm-hello.txt" >"$2" 2>&1
}
# denied DESC PORT: curl fails and nothing of the file reaches it.
denied() {
	if get "$2" /tmp/curl.$2; then
		ktap_fail "$1" "$(cat /tmp/curl.$2)"
	elif grep -q "kwasm policy hello" /tmp/curl.$2; then
		ktap_fail "$1" "plaintext reached curl: $(cat /tmp/curl.$2)"
	else
		ktap_ok "$1"
	fi
}

get 8000 /tmp/curl.8000
ktap_check "8000: both policies allow, curl gets the file through TLS" \
	grep -qx "kwasm policy hello" /tmp/curl.8000
ktap_check "... both rules count it wrapped, none denied" \
	test "$(tls_counter 1 wrapped)/$(tls_counter 2 wrapped)/$(tls_counter 1 policy_denied)/$(tls_counter 2 policy_denied)" = 1/1/0/0
ktap_check "the server policy saw the client's verified identity, port and owner" \
	sh -c "dmesg | grep -Eq 'pol: side=1 lport=8000 rport=[0-9]+ uid=0 tls=1 comm=python3 peer=uri:spiffe://example.org/client$'"
ktap_check "the client policy saw the server's identity and curl, not the agent" \
	sh -c "dmesg | grep -Eq 'pol: side=2 lport=[0-9]+ rport=8000 uid=0 tls=1 comm=curl peer=dns:server.example.org$'"

denied "8001: the server policy denies: curl is reset" 8001
ktap_check "... the server rule counts it in policy_denied, not wrapped" \
	test "$(tls_counter 3 policy_denied)/$(tls_counter 3 wrapped)" = 1/0
ktap_check "... the agent hears why its DONE failed" \
	grep -q "the rule's policy denied the connection" "$TLS_AGENT_LOG"

denied "8002: a trapping policy denies" 8002
ktap_check "... counted in policy_denied" test "$(tls_counter 5 policy_denied)" = 1
ktap_check "... and logged with the trap" \
	sh -c "dmesg | grep -q 'rule 5: policy pol:trap failed (unreachable'"

get 8003 /tmp/curl.8003
ktap_check "8003: passthrough with a policy that allows: plaintext" \
	grep -qx "kwasm policy hello" /tmp/curl.8003
ktap_check "... counted passed" \
	test "$(tls_counter 7 passed)/$(tls_counter 7 policy_denied)" = 1/0
ktap_check "... the policy saw no handshake and the server's owner" \
	sh -c "dmesg | grep -Eq 'pol: side=1 lport=8003 rport=[0-9]+ uid=0 tls=0 comm=python3 peer=$'"
denied "8004: passthrough, the policy denies: reset" 8004
ktap_check "... counted in policy_denied" \
	test "$(tls_counter 8 policy_denied)/$(tls_counter 8 passed)" = 1/0
denied "8005: a policy out of fuel denies" 8005
ktap_check "... counted in policy_denied" test "$(tls_counter 9 policy_denied)" = 1
ktap_check "... and logged" sh -c "dmesg | grep -q 'rule 9: policy pol:spin failed (fuel exhausted'"
denied "8006: a policy returning an i64 denies" 8006
ktap_check "... counted in policy_denied" test "$(tls_counter 10 policy_denied)" = 1
ktap_check "... and logged" \
	sh -c "dmesg | grep -q 'rule 10: policy pol:wide failed (the export does not return one i32)'"

denied "8007: a policy over tls_policy_fuel denies" 8007
ktap_check "... counted in policy_denied" test "$(tls_counter 11 policy_denied)" = 1
echo 0 >/sys/module/kwasm/parameters/tls_policy_fuel
get 8007 /tmp/curl.8007
ktap_check "8007 with tls_policy_fuel=0: the module's fuel suffices, allowed" \
	grep -qx "kwasm policy hello" /tmp/curl.8007

ktap_check "unload the policy module while its rules stay" "$KWASM" unload pol
# The client side finishes its handshake first, so its policy runs first.
denied "8000 without the policy module: denied (fail closed)" 8000
ktap_check "... counted in policy_denied of the client rule" \
	test "$(tls_counter 2 policy_denied)" = 1
ktap_check "... and logged" \
	sh -c "dmesg | grep -q 'rule 2: policy pol:check failed (module not loaded)'"
ktap_check "the server got the three allowed requests only, no denied one" \
	test "$(grep -c 'GET /kwasm-hello.txt' /tmp/web.log)" = 3
total=$("$KWASM" tls status | tr ',' '\n' | sed -n 's/^ *policy_denied //p')
ktap_check "the namespace totals count the six denials or more" test "${total:-0}" -ge 6

tls_stop agent web
# The policy module, unloaded under its rules, left nothing behind.
ktap_check "the engine's allocation counter is back to 0" \
	sh -c "$KWASM stats -j | grep -q '\"allocations\":0[,}]'"
ktap_check "rmmod once the sockets are gone" kwasm_rmmod
dmesg_check "no kernel warnings"
ktap_done
