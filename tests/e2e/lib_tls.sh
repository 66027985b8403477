#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Helpers of the transparent-TLS e2e scripts (sourced after lib.sh):
#   tls_stat KEY            a counter of /proc/net/tls_stat (TlsTxSw, ...)
#   tls_listening PORT      wait (TLS_WAIT s) until 127.0.0.1:PORT listens
#   tls_agent_start [ARG..] kwasm-tlsd in the background (TLS_AGENT: its
#                           pid; stderr to TLS_AGENT_LOG, emptied) until STATUS
#                           counts it; not inside a check, which would
#                           wait for its stdout
#   tls_counter RULE NAME   a counter of `kwasm tls list RULE` (wrapped...)
#   tls_until CMD [ARG..]   run CMD every 0.1 s until it succeeds, for at
#                           most TLS_WAIT s
#   tls_rmmod_refused DESC  a check that rmmod fails now (and reloads the
#                           module if it did not)
#   tls_need [PROG|FILE..]  skip the script unless kwasm.ko, kwasm-tlsd,
#                           the test PKI and each PROG (or /FILE) are here
#   tls_cleanup VAR..       now and at exit: kill those pids, unload kwasm
#   tls_stop VAR..          kill and reap those pids, clear the variables
#   tls_agents N            wait (TLS_WAIT s) until STATUS counts N agents

TLS_WAIT=${TLS_WAIT:-30}
TLS_AGENT_LOG=${TLS_AGENT_LOG:-/tmp/agent.err}

tls_stat() {
	awk -v k="$1" '$1 == k { print $2 }' /proc/net/tls_stat
}

tls_until() {
	_tls_n=0
	until "$@"; do
		_tls_n=$((_tls_n + 1))
		[ $_tls_n -lt $((TLS_WAIT * 10)) ] || return 1
		sleep 0.1
	done
}

tls_listening() {
	tls_until grep -q ":$(printf '%04X' "$1") 00000000:0000 0A" /proc/net/tcp
}

tls_agent_start() {
	kwasm-tlsd "$@" </dev/null >/dev/null 2>"$TLS_AGENT_LOG" &
	TLS_AGENT=$!
	tls_agents 1
}

tls_agents() {
	tls_until tls_agents_now "$1"
}

tls_agents_now() {
	"$KWASM" tls status | grep -q "^agents $1,"
}

tls_counter() {
	"$KWASM" tls list "$1" | grep '^ *matched ' | tr ',' '\n' |
		sed -n "s/^ *\(matched \)\{0,1\}$2 //p"
}

tls_rmmod_refused() {
	if rmmod kwasm 2>/dev/null; then
		ktap_fail "$1"
		insmod "$KWASM_KO"
	else
		ktap_ok "$1"
	fi
}

# tls_cleanup VAR...: now and at exit, kill the processes whose pids the
# named variables hold (unset ones are skipped), then unload kwasm.ko.
tls_cleanup() {
	tls_pid_vars="$*"
	ktap_cleanup tls_teardown
}

tls_teardown() {
	for v in $tls_pid_vars; do
		eval "p=\${$v:-}"
		[ -z "$p" ] || kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	[ ! -d /sys/module/kwasm ] || kwasm_rmmod
}

# tls_need [PROG|/FILE...]: skip the whole script, naming what is missing,
# unless kwasm.ko, kwasm-tlsd, the test PKI ($PKI/ca.pem) and each PROG in
# PATH (or absolute FILE) are in this VM.
tls_need() {
	miss=""
	for n in "$KWASM_KO" "${PKI:-/tls}/ca.pem" kwasm-tlsd "$@"; do
		case $n in
		/*) [ -f "$n" ] || miss="$miss $n" ;;
		*) command -v "$n" >/dev/null 2>&1 || miss="$miss $n" ;;
		esac
	done
	[ -z "$miss" ] || ktap_skip_all "not in this VM:$miss"
}

# tls_stop VAR...: kill the process whose pid each named variable holds,
# wait for it, and clear the variable.
tls_stop() {
	for v in "$@"; do
		eval "p=\${$v:-}"
		if [ -n "$p" ]; then
			kill "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		fi
		eval "$v="
	done
}
