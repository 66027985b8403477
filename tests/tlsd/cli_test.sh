#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# cli_test.sh BUILD: `kwasm tls add|del|list|status` against the fake
# kwasm_tls family (fake_tls_rules.c): what it sends, what it prints, and
# how it words the kernel's refusals; bad input never reaches the kernel.
set -u
build=$1
kwasm=$(cd "$build/hw" && pwd)/kwasm
dir=$build/tlsd/cli
rm -rf "$dir"
mkdir -p "$dir/certs"
dir=$(cd "$dir" && pwd)
: >"$dir/certs/c.pem"
: >"$dir/certs/k.pem"
: >"$dir/certs/ca.pem"
fake=$(cd "$build/tlsd" && pwd)/fake_tls.so
. "$(dirname "$0")"/../../scripts/lib_check.sh

# run NAME EXPECTED-EXIT TEXT... -- kwasm ARGS: the output must contain each TEXT.
run() {
	name=$1
	want=$2
	shift 2
	texts=""
	while [ "$1" != "--" ]; do
		texts="$texts
$1"
		shift
	done
	shift
	out=$(cd "$dir/certs" && LD_PRELOAD=$fake FAKE_TLS_STATE=$dir/state \
		FAKE_TLS_LOG=$dir/requests "$kwasm" "$@" 2>&1)
	rc=$?
	ok=1
	[ "$rc" -eq "$want" ] || ok=0
	old_ifs=$IFS
	IFS='
'
	for t in $texts; do
		case $out in *"$t"*) ;; *) ok=0 ;; esac
	done
	IFS=$old_ifs
	if [ $ok -eq 1 ]; then
		t_ok "$name"
	else
		t_fail "$name" "exit $rc (want $want)" "$out"
	fi
}

requests() { [ -f "$dir/requests" ] && wc -l <"$dir/requests" || echo 0; }

run "add a server rule" 0 "rule 1" -- tls add --server --port 8000 --cert c.pem \
	--key k.pem --ca ca.pem --peer dns:client.test --peer uri:spiffe://kwasm.test/c
run "add a client rule" 0 "rule 2" -- tls add --client --port 443 --addr 10.0.0.0/8 \
	--action tls-server-only --ca "$dir/certs/ca.pem" --sni server.test --uid 1000 \
	--timeout-ms 2500 --fail-open
run "list shows both, paths absolute" 0 \
	"rule 1: server port 8000 -> tls, timeout 10000 ms, fail-closed" \
	"  cert $dir/certs/c.pem key $dir/certs/k.pem" "  ca $dir/certs/ca.pem" \
	"  peers dns:client.test uri:spiffe://kwasm.test/c" \
	"  matched 10, wrapped 9, passed 0, denied 0, verify_failed 1" \
	"rule 2: client port 443 addr 10.0.0.0/8 uid 1000 -> tls-server-only, timeout 2500 ms, fail-open" \
	"  sni server.test" "matched 20, wrapped 19" -- tls list
run "list -j" 0 \
	"[{\"id\":1,\"side\":\"server\",\"port\":8000,\"addr\":null,\"uid\":null,\"cgroup\":0,\"action\":\"tls\",\"cert\":\"$dir/certs/c.pem\"" \
	"\"peers\":[\"dns:client.test\",\"uri:spiffe://kwasm.test/c\"],\"sni\":null" \
	"\"timeout_ms\":10000,\"fail_open\":false,\"counters\":{\"matched\":10,\"wrapped\":9,\"passed\":0" \
	",
 {\"id\":2,\"side\":\"client\",\"port\":443,\"addr\":\"10.0.0.0/8\",\"uid\":1000" \
	"\"cert\":null,\"key\":null" "\"peer_error\":0,\"policy_denied\":0}}]" -- tls list -j
run "list one rule" 0 "rule 2: client port 443" -- tls list 2
case $out in
*"rule 1"*) t_fail "list 2 shows no other rule" "$out" ;;
*) t_ok "list 2 shows no other rule" ;;
esac
run "del" 0 -- tls del 1
run "del of a rule that is gone" 1 "kwasm: tls del: no rule 1" -- tls del 1
run "list after del" 0 "rule 2:" -- tls list
run "list of a rule that is gone" 1 "kwasm: tls list: no rule 1" -- tls list 1
run "status" 0 "agents 1, pending 0, wrapped 2" "matched 30, wrapped 29" -- tls status
run "status -j" 0 "{\"agents\":1,\"pending\":0,\"wrapped\":2,\"counters\":{\"matched\":30," \
	-- tls status -j
run "the kernel's reason, prefix dropped" 1 \
	"kwasm: tls add: policy module nosuch is not loaded" -- tls add --server --port 1 \
	--cert c.pem --key k.pem --ca ca.pem --policy nosuch:check
n=$(requests)
run "bad input: no kernel request" 1 "kwasm: tls add: --port needs a port from 1 to 65535" \
	"Usage: kwasm tls add" -- tls add --server --port 0 --cert c.pem --key k.pem --ca ca.pem
run "missing file: no kernel request" 1 "kwasm: tls add: --ca nothing.pem: No such file" \
	-- tls add --server --port 1 --cert c.pem --key k.pem --ca nothing.pem
run "bad id: no kernel request" 1 "kwasm: tls del: give one rule id" -- tls del x
if [ "$(requests)" -eq "$n" ]; then
	t_ok "refused input sent nothing"
else
	t_fail "refused input sent nothing" "it reached the fake kernel"
fi
export FAKE_TLS_EPERM=1
run "no capability" 1 "kwasm: tls add: Operation not permitted (need CAP_NET_ADMIN)" \
	-- tls add --server --port 1 --action deny
unset FAKE_TLS_EPERM
export FAKE_TLS_ABSENT=1
run "no kwasm.ko" 1 "kwasm: tls status: no kwasm_tls family: is kwasm.ko loaded?" \
	-- tls status
unset FAKE_TLS_ABSENT
run "help lists tls" 0 "kwasm tls add --server|--client --port N" -- help tls
t_done cli
