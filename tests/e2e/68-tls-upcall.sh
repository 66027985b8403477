#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The handshake upcall of "kwasm_tls" end to end, before interception
# exists: kwasm.ko loaded with tls_test_hook=1 lets kwasm-tlstest submit a
# loopback connection of its own as if a rule had matched it; a fake agent
# (kwasm-tlstest agent serve) takes it over READY and ACCEPT, gets the
# socket as a new fd, and reports DONE.  Checked: a failed handshake, no
# agent, an agent that dies, one that is too slow all reset the
# connection; fail-open passes it when no agent is there; a DONE from
# another process is refused; a successful DONE installs kTLS with the
# reported keys (data flows through it); counters and PENDING follow.
# The same hook runs connections through the rule matcher: network, uid,
# cgroup (v2, or below), port, side and order of addition.
#
#   conn (client end --submit--> kwasm.ko --READY--> agent --ACCEPT-->
#   fd of the client end --DONE--> kTLS or RST) <--> server end
# vm: userland
. "$(dirname "$0")"/lib.sh

TT=${KWASM_TLSTEST:-/usr/bin/kwasm-tlstest}
CREDS="--cert /tls/c.pem --key /tls/c.key --ca /tls/ca.pem"

CG=/sys/fs/cgroup

cleanup() {
	kill $APID 2>/dev/null
	rmdir $CG/kwt $CG/kwt-other 2>/dev/null
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
}

# in_cg CMD...: run CMD in the cgroup kwt (its sockets are created there).
in_cg() {
	sh -c 'echo $$ >'$CG'/kwt/cgroup.procs && exec "$@"' sh "$@"
}

# matched RULE N: the rule's n_matched is N.
matched() {
	"$TT" list "$1" | grep -q " n_matched=$2 "
}

# rule [OPTIONS]: a client rule (port 443 unless given); prints its id.
rule() {
	case " $* " in
	*" --port "*) "$TT" add --side 2 $CREDS "$@" ;;
	*) "$TT" add --side 2 --port 443 $CREDS "$@" ;;
	esac
}

# agent SECS WHAT [KEYS]: a fake agent in the background (APID), listening
# before this returns.
agent() {
	"$TT" agent serve "$@" >/tmp/agent.out 2>&1 &
	APID=$!
	i=0
	while ! grep -q listening /tmp/agent.out && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# scenario DESC RULE MODE WANT-AGENT-OUTPUT COUNTER: conn RULE MODE
# succeeds, the agent (if any) printed WANT, and the rule counted COUNTER.
scenario() {
	desc=$1 rid=$2 mode=$3 want=$4 ctr=$5
	out=$("$TT" conn "$rid" "$mode" 10 2>&1)
	rc=$?
	[ -z "$APID" ] || wait "$APID"
	APID=""
	if [ $rc -eq 0 ] && echo "$out" | grep -qx "$mode" &&
		{ [ -z "$want" ] || grep -q "$want" /tmp/agent.out; } &&
		"$TT" list "$rid" | grep -q " n_matched=1 .*n_$ctr=1"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "conn: $out" "agent: $(cat /tmp/agent.out 2>/dev/null)" \
			"rule: $("$TT" list "$rid" 2>&1)"
	fi
	rm -f /tmp/agent.out
}

if [ ! -f "$KWASM_KO" ] || [ ! -x "$TT" ]; then
	ktap_skip_all "no kwasm.ko or no kwasm-tlstest in this image"
fi
ktap_plan 16
APID=""
ktap_cleanup cleanup
dmesg_mark
ktap_check "insmod kwasm.ko tls_test_hook=1" insmod "$KWASM_KO" tls_test_hook=1 tls_intercept=0
ktap_check "the test hook is there" test -w /sys/kernel/debug/kwasm_tls/submit

r=$(rule)
agent 10 71
scenario "a failed handshake (EPROTO) resets the connection" "$r" reset "^done$" \
	handshake_failed

r=$(rule)
scenario "with no agent, the connection is reset at once" "$r" reset "" timeout

r=$(rule --fail-open)
scenario "with no agent, fail-open passes it in plaintext" "$r" pass "" passed

r=$(rule)
agent 10 exit
scenario "an agent that exits without DONE: reset" "$r" reset "^req=" handshake_failed

r=$(rule --timeout 300)
agent 3 hang
scenario "an agent slower than the timeout: reset" "$r" reset "^req=" timeout

r=$(rule)
agent 10 other
scenario "DONE from another process is refused" "$r" reset "^child refused$" handshake_failed

r=$(rule)
if modprobe tls 2>/dev/null; then
	agent 10 0 gcm128
	scenario "a successful DONE installs kTLS with its keys" "$r" ktls "^done$" wrapped
else
	agent 10 0 gcm128
	scenario "without the tls module, DONE fails and resets" "$r" reset "" handshake_failed
fi

# The matcher (kw_tls_match()) on connections of our own.  No agent
# listens: a matched connection is reset at once and counted on its rule.
mountpoint -q $CG || mount -t cgroup2 none $CG
mkdir -p $CG/kwt $CG/kwt-other
cg_root=$(stat -c %i $CG)
cg_other=$(stat -c %i $CG/kwt-other)
m1=$(rule --port 4433 --addr 10.0.0.0 --prefix 8)
m2=$(rule --port 4433 --uid 1000)
m3=$(rule --port 4433 --cgroup "$cg_other")
m4=$(rule --port 4434)
m5=$(rule --port 4433 --addr 127.0.0.0 --prefix 8 --uid 0 --cgroup "$cg_root")
m6=$(rule --port 4433)
out=$(in_cg "$TT" conn client reset 10 4433 2>&1)
if echo "$out" | grep -qx reset && matched "$m5" 1 && matched "$m1" 0 && matched "$m2" 0 &&
	matched "$m3" 0 && matched "$m4" 0 && matched "$m6" 0; then
	ktap_ok "first match wins over network, uid, cgroup (or below) and port"
else
	ktap_fail "first match wins over network, uid, cgroup (or below) and port" "$out" \
		"$("$TT" list 2>&1 | grep ' port=443[34] ')"
fi
"$TT" del "$m5"
out=$(in_cg "$TT" conn client reset 10 4433 2>&1)
if echo "$out" | grep -qx reset && matched "$m6" 1; then
	ktap_ok "once it is deleted, the next matching rule takes the next connection"
else
	ktap_fail "once it is deleted, the next matching rule takes the next connection" "$out"
fi
ms=$("$TT" add --side 1 --port 4435 $CREDS)
out=$("$TT" conn server reset 10 4435 2>&1)
if echo "$out" | grep -qx reset && matched "$ms" 1; then
	ktap_ok "a server rule matches the accepted end by its local port"
else
	ktap_fail "a server rule matches the accepted end by its local port" "$out"
fi
expect "a connection no rule matches is not submitted" 1 '*' "*No such file or directory*" -- \
	"$TT" conn client reset 10 4436

expect_status() {
	if "$TT" status | grep -q "$1"; then
		ktap_ok "$2"
	else
		ktap_fail "$2" "$("$TT" status 2>&1)"
	fi
}
expect_status "^agents=0 pending=0 wrapped=0 n_matched=10 " \
	"STATUS totals: 10 matched, nothing pending"
ktap_check "rmmod kwasm" kwasm_rmmod
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
