#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# 69-tls-cli: `kwasm tls` and kwasm-tlsd against kwasm.ko's kwasm_tls
# family (66-tls-rules covers the family itself with its own client):
# rules added with relative paths (listed absolute), every option through
# the kernel and back in the text and JSON listings, one rule by id,
# delete; the kernel's refusals worded by the CLI; CAP_NET_ADMIN; and the
# agent joining the "agent" group (STATUS counts it) and leaving on
# SIGTERM.
#
#   kwasm tls / kwasm-tlsd --genl kwasm_tls--> kwasm.ko (root netns)
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_tls.sh

D=/tmp/tlscli
AGENT=$(command -v kwasm-tlsd)

cleanup() {
	[ -z "${agent:-}" ] || kill "$agent" 2>/dev/null
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
	rm -rf "$D"
}


if [ ! -f "$KWASM_KO" ] || [ ! -x "$KWASM" ]; then
	ktap_skip_all "no kwasm.ko or no kwasm CLI in this image"
fi
ktap_plan 23
ktap_cleanup cleanup
dmesg_mark

mkdir -p "$D/certs"
for f in srv.pem srv.key ca.pem; do
	: >"$D/certs/$f"
done
# A cgroup v2 directory to name; the VM's /init mounts none.
cg=""
if mkdir -p "$D/cg" && mount -t cgroup2 none "$D/cg" 2>/dev/null; then
	cg=$D/cg
fi

expect_grep -F "status loads kwasm.ko; no agent" "agents 0, pending 0, wrapped 0" \
	"$KWASM" tls status
cd "$D/certs" || exit 1
expect_grep -F "add a mutual TLS server rule, relative paths" "rule 1" \
	"$KWASM" tls add --server --port 443 --cert srv.pem --key srv.key --ca ca.pem \
	--peer dns:client.test --peer uri:spiffe://test/client
expect_grep -F "add a server-only client rule with every match" "rule 2" \
	"$KWASM" tls add --client --port 8443 --addr 10.1.0.0/16 --uid 1000 \
	${cg:+--cgroup "$cg"} --action tls-server-only --ca ca.pem --sni api.test \
	--timeout-ms 250 --fail-open
cd / || exit 1
expect_grep -F "add an IPv6 deny rule" "rule 3" \
	"$KWASM" tls add --client --port 80 --addr fd00::/8 --action deny

"$KWASM" tls list >/tmp/list 2>&1
ktap_check "list: rule 1 as added" grep -qxF \
	"rule 1: server port 443 -> tls, timeout 10000 ms, fail-closed" /tmp/list
ktap_check "list: paths made absolute" grep -qxF \
	"  cert $D/certs/srv.pem key $D/certs/srv.key" /tmp/list
ktap_check "list: peers" grep -qxF "  peers dns:client.test uri:spiffe://test/client" /tmp/list
ktap_check "list: counters" grep -qxF \
	"  matched 0, wrapped 0, passed 0, denied 0, verify_failed 0, handshake_failed 0, timeout 0, unwrappable 0, key_update 0, peer_error 0, policy_denied 0" \
	/tmp/list
if [ -n "$cg" ]; then
	cgid=$(stat -c %i "$cg")
	ktap_check "list: rule 2 with the cgroup's id" grep -qxF \
		"rule 2: client port 8443 addr 10.1.0.0/16 uid 1000 cgroup $cgid -> tls-server-only, timeout 250 ms, fail-open" \
		/tmp/list
else
	cgid=0
	ktap_check "list: rule 2 (no cgroup v2 here)" grep -qxF \
		"rule 2: client port 8443 addr 10.1.0.0/16 uid 1000 -> tls-server-only, timeout 250 ms, fail-open" \
		/tmp/list
fi
ktap_check "list: rule 3" grep -qxF "rule 3: client port 80 addr fd00::/8 -> deny" /tmp/list
expect_grep -F "list -j" \
	"{\"id\":2,\"side\":\"client\",\"port\":8443,\"addr\":\"10.1.0.0/16\",\"uid\":1000,\"cgroup\":$cgid,\"action\":\"tls-server-only\",\"cert\":null,\"key\":null,\"ca\":\"$D/certs/ca.pem\",\"peers\":[],\"sni\":\"api.test\"" \
	"$KWASM" tls list -j
expect_grep -F "list one rule by id" "rule 3: client port 80" "$KWASM" tls list 3
if "$KWASM" tls list 3 | grep -q "^rule [12]:"; then
	ktap_fail "list by id shows no other rule" "$("$KWASM" tls list 3)"
else
	ktap_ok "list by id shows no other rule"
fi

ktap_check "del rule 1" "$KWASM" tls del 1
if "$KWASM" tls list | grep -q "^rule 1:"; then
	ktap_fail "rule 1 is gone" "$("$KWASM" tls list)"
else
	ktap_ok "rule 1 is gone"
fi
expect "del again: the kernel's reason, once prefixed" 1 '*' "*kwasm: tls del: no TLS rule 1*" -- \
	"$KWASM" tls del 1
if grep -q "kwasm: kwasm" /tmp/err; then
	ktap_fail "no doubled prefix" "$(cat /tmp/err)"
else
	ktap_ok "no doubled prefix"
fi
expect "a policy module that is not loaded" 1 \
	'*' "*kwasm: tls add: no kwasm module named nosuch for the policy*" -- \
	"$KWASM" tls add --server --port 9 --cert "$D/certs/srv.pem" --key "$D/certs/srv.key" \
	--ca "$D/certs/ca.pem" --policy nosuch:check
expect "nobody may not add" 1 '*' "*Operation not permitted (need CAP_NET_ADMIN)*" -- \
	su nobody -s /bin/sh -c "$KWASM tls add --server --port 9 --action deny"

# The agent joins the group, STATUS counts it; SIGTERM ends it cleanly.
if [ -x "$AGENT" ]; then
	"$AGENT" -v 2>/tmp/agent.err &
	agent=$!
	ktap_check "kwasm-tlsd joins the agent group (STATUS: agents 1)" tls_agents 1
	kill -TERM "$agent"
	wait "$agent"
	rc=$?
	agent=""
	if [ "$rc" = 0 ] && tls_agents 0; then
		ktap_ok "kwasm-tlsd exits 0 on SIGTERM and leaves the group"
	else
		ktap_fail "kwasm-tlsd exits 0 on SIGTERM and leaves the group" "exit $rc" \
			"$(cat /tmp/agent.err)"
	fi
else
	ktap_skip "kwasm-tlsd joins the agent group (STATUS: agents 1)" "no kwasm-tlsd"
	ktap_skip "kwasm-tlsd exits 0 on SIGTERM and leaves the group" "no kwasm-tlsd"
fi

ktap_check "del the other rules" sh -c "$KWASM tls del 2 && $KWASM tls del 3"
[ -z "$cg" ] || umount "$cg"
dmesg_check "no kernel warnings"
ktap_done
