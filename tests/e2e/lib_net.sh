# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Network namespaces joined by veth pairs, for the e2e scripts that need
# traffic (busybox sh in the QEMU guest).  Source lib.sh, then this:
#
#   net_setup                 ns A and B joined by one veth pair (one
#                             subnet); returns non-zero, with a message, on
#                             failure
#   net_setup routed          A and B on two subnets with a router ns R
#                             between them (forwarding on; for the forward
#                             hook): A veth-a -- veth-ra R veth-rb -- veth-b B
#   net_teardown              stop everything running in A, B (and R): the
#                             namespaces and veth pairs go with them
#                             (idempotent)
#   net_start PLAN            kwasm_start PLAN net_teardown, then net_setup;
#                             skips the script if that fails
#   ns_a CMD [ARG...]         run CMD in ns A (ns_b, ns_r likewise)
#   ns_run a|b|r CMD [ARG...] the same, namespace as an argument
#   ns_bg SECS a|b|r CMD [ARG...]  start CMD in the background, killed after
#                             SECS; its pid goes to NET_BG_PID (`ns_b CMD &`
#                             would give the pid of a subshell, not CMD's)
#   ping_ok FROM TO           one ICMP echo FROM (a|b|r) TO, within NET_WAIT s
#   ping_count FROM TO N      sends N echoes (5 a second), prints how many
#                             came back
#   tcp_ok FROM TO PORT       a TCP connection FROM to TO:PORT carries a
#                             token to a one-shot nc server in TO's namespace
#   tcp_connect FROM TO PORT  connects with no server started; prints
#                             ok, refused, timeout, unreachable or error
#   dns_query FROM TO NAME    one DNS query (UDP, port 53) for NAME to TO,
#                             by busybox nslookup; nothing answers in the
#                             namespaces, so its status means nothing, but
#                             it returns within NET_WAIT + 1 s
#   udp_rx a|b|r              UDP datagrams (IPv4 + IPv6) that reached that
#                             namespace's UDP layer, listener or not
#   dns_delivered FROM TO NAME   dns_query, then succeeds if the query
#                             reached TO's UDP layer
#   net_ifindex a|b           ifindex of veth-a in A, or veth-b in B
#   net_foreign_ns            pids living outside the root network namespace
#   net_now                   hundredths of a second since boot
#   not CMD [ARG...]          succeeds if CMD fails (for ktap_check)
#
# TO is a, b (IPv4), a6, b6 (IPv6) or a literal address of A or B.
# Call net_setup and net_teardown directly, not through ktap_check (which
# runs its command in a subshell, so the holders' pids would be lost).
# After net_setup:
#   NS_A_PID NS_B_PID NS_R_PID    the holders (`unshare -n sleep`)
#   NS_A_NET NS_B_NET NS_R_NET    /proc/PID/ns/net, for `kwasm attach --netns`
#   NET_IF_A NET_IF_B         veth-a (in A) and veth-b (in B)
#   NET_A4 NET_A6             10.99.0.1, fd99::1
#   NET_B4 NET_B6             10.99.0.2, fd99::2; routed: 10.99.1.2, fd99:1::2
#   NET_R4A NET_R6A           routed: R on A's side (A's gateway),
#                             10.99.0.254, fd99::fe
#   NET_R4B NET_R6B           routed: R on B's side, 10.99.1.254, fd99:1::fe
# NET_WAIT (default 2) bounds every wait for a reply, in seconds; a
# dropped packet costs that long, never more than NET_WAIT + 2.  DAD is
# off on the veth ends, so IPv6 works as soon as net_setup returns.
# NET_SLOW (default 1) multiplies the time limits of timing checks, for
# kernels that are slower by design (the KASAN kernel of test-debug).
# Busybox nc has no UDP: UDP traffic is DNS queries from nslookup, seen
# arriving through the namespace's UDP counters (udp_rx).
#
# Typical use:
#   . "$(dirname "$0")"/lib.sh
#   . "$(dirname "$0")"/lib_net.sh
#   ktap_cleanup net_teardown
#   net_setup || ktap_skip_all "no veth"
#   ktap_check "ping A->B" ping_ok a b
#   ktap_check "port 81 dropped" not tcp_ok a b 81
# shellcheck disable=SC2034 # the NS_* and NET_* variables are for the tests

NET_WAIT=${NET_WAIT:-2}
NET_SLOW=${NET_SLOW:-1}
NET_IF_A=veth-a
NET_IF_B=veth-b
NET_A4=10.99.0.1
NET_A6=fd99::1
NET_B4=10.99.0.2
NET_B6=fd99::2
NET_R4A=10.99.0.254
NET_R6A=fd99::fe
NET_R4B=10.99.1.254
NET_R6B=fd99:1::fe
# No namespaces yet (net_teardown returns to this).
net_forget() {
	NS_A_PID=""
	NS_B_PID=""
	NS_R_PID=""
	NS_A_NET=""
	NS_B_NET=""
	NS_R_NET=""
}
net_forget
# Files the guest side of the data-path tests may use (set by the QEMU
# /init when present).
KWASM_BPF=${KWASM_BPF:-/usr/bin/kwasm-bpf}
KWASM_FILTERS=${KWASM_FILTERS:-/guest/filters}
NET_BG_PID=""
_net_seq=0
_net_rootifs=""

not() {
	! "$@"
}

# a|b|r -> _net_p, the holder's pid.
_net_pid() {
	case $1 in
	a) _net_p=$NS_A_PID ;;
	b) _net_p=$NS_B_PID ;;
	r) _net_p=$NS_R_PID ;;
	*) _net_p="" ;;
	esac
	if [ -z "$_net_p" ]; then
		echo "lib_net: no namespace '$1' (net_setup?)" >&2
		return 2
	fi
}

ns_run() {
	_net_pid "$1" || return 2
	shift
	nsenter -F -t "$_net_p" -n "$@"
}

# SECS a|b|r CMD...: ns_run under timeout.  The timeout's watchdog stays
# in the root namespace.
ns_timeout() {
	_net_pid "$2" || return 2
	_net_t=$1
	shift 2
	timeout "$_net_t" nsenter -F -t "$_net_p" -n "$@"
}

ns_bg() {
	_net_pid "$2" || return 2
	_net_t=$1
	shift 2
	timeout "$_net_t" nsenter -F -t "$_net_p" -n "$@" &
	NET_BG_PID=$!
}

ns_a() {
	ns_run a "$@"
}

ns_b() {
	ns_run b "$@"
}

ns_r() {
	ns_run r "$@"
}

# a|b|a6|b6|address -> address
net_addr() {
	case $1 in
	a) echo "$NET_A4" ;;
	b) echo "$NET_B4" ;;
	a6) echo "$NET_A6" ;;
	b6) echo "$NET_B6" ;;
	*) echo "$1" ;;
	esac
}

# a|b|a6|b6|address -> the namespace that owns it
net_owner() {
	case $1 in
	a | a6 | "$NET_A4" | "$NET_A6") echo a ;;
	b | b6 | "$NET_B4" | "$NET_B6") echo b ;;
	"$NET_R4A" | "$NET_R6A" | "$NET_R4B" | "$NET_R6B") echo r ;;
	*) echo "net_owner: '$1' is not an address of A, B or R" >&2; return 1 ;;
	esac
}

# Hundredths of a second since boot.
net_now() {
	awk '{ printf "%d\n", $1 * 100 }' /proc/uptime
}

# An `unshare -n sleep` whose pid goes to _net_holder once it has its own
# network namespace.
_net_hold() {
	unshare -n sleep 100000 </dev/null >/dev/null 2>&1 &
	_net_holder=$!
	_net_root=$(readlink /proc/1/ns/net)
	_net_i=0
	while [ "$(readlink "/proc/$_net_holder/ns/net" 2>/dev/null)" = "$_net_root" ] ||
		[ ! -e "/proc/$_net_holder/ns/net" ]; do
		_net_i=$((_net_i + 1))
		if [ $_net_i -gt 200 ]; then
			echo "net_setup: unshare -n did not make a namespace" >&2
			kill "$_net_holder" 2>/dev/null
			return 1
		fi
		sleep 0.01
	done
}

# NS IF ADDR4/LEN ADDR6/LEN: DAD off, then up with both addresses (one
# nsenter: every process counts under TCG).  Addresses added before the
# peer is up stay tentative until the carrier comes, then wait a random
# router_solicitation_delay (up to 1 s) for DAD to even start: make it 0.
_net_conf() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	ns_run "$1" sh -c 'c=/proc/sys/net/ipv6/conf/$0 &&
		echo 0 >"$c/accept_dad" && echo 0 >"$c/router_solicitation_delay" &&
		ip link set lo up && ip link set "$0" up &&
		ip addr add "$1" dev "$0" && ip -6 addr add "$2" dev "$0"' "$2" "$3" "$4"
}

# NS1 IF1 NS2 IF2: a veth pair from IF1 in NS1 to IF2 in NS2.  Busybox ip
# ignores "peer name": the kernel names the peer vethN, renamed in NS2.
_net_pair() {
	_net_rootifs="$_net_rootifs $2"
	ip link add "$2" type veth || return 1
	_net_peer=$(ip link show dev "$2" | sed -n '1s/^[0-9]*: [^@]*@\([^:]*\):.*/\1/p')
	[ -n "$_net_peer" ] || return 1
	_net_rootifs="$_net_rootifs $_net_peer"
	_net_pid "$1" && ip link set "$2" netns "$_net_p" &&
		_net_pid "$3" && ip link set "$_net_peer" netns "$_net_p" &&
		ns_run "$3" ip link set "$_net_peer" name "$4"
}

# Two subnets through R: addresses, default routes, forwarding.
_net_routed() {
	NET_B4=10.99.1.2
	NET_B6=fd99:1::2
	_net_pair a "$NET_IF_A" r veth-ra &&
		_net_pair r veth-rb b "$NET_IF_B" &&
		_net_conf a "$NET_IF_A" "$NET_A4/24" "$NET_A6/64" &&
		_net_conf r veth-ra "$NET_R4A/24" "$NET_R6A/64" &&
		_net_conf r veth-rb "$NET_R4B/24" "$NET_R6B/64" &&
		_net_conf b "$NET_IF_B" "$NET_B4/24" "$NET_B6/64" &&
		ns_r sh -c 'echo 1 >/proc/sys/net/ipv4/ip_forward &&
			echo 1 >/proc/sys/net/ipv6/conf/all/forwarding' &&
		ns_a ip route add default via "$NET_R4A" &&
		ns_a ip -6 route add default via "$NET_R6A" &&
		ns_b ip route add default via "$NET_R4B" &&
		ns_b ip -6 route add default via "$NET_R6B"
}

net_setup() {
	net_teardown
	NET_B4=10.99.0.2
	NET_B6=fd99::2
	# rtnetlink would modprobe it on demand too; this gives a clear error.
	[ -d /sys/module/veth ] || modprobe veth ||
		{ echo "net_setup: no veth module" >&2; return 1; }
	for _net_ns in a b ${1:+r}; do
		if ! _net_hold; then
			net_teardown
			return 1
		fi
		case $_net_ns in
		a) NS_A_PID=$_net_holder; NS_A_NET=/proc/$_net_holder/ns/net ;;
		b) NS_B_PID=$_net_holder; NS_B_NET=/proc/$_net_holder/ns/net ;;
		r) NS_R_PID=$_net_holder; NS_R_NET=/proc/$_net_holder/ns/net ;;
		esac
	done
	case ${1:-} in
	"")
		_net_pair a "$NET_IF_A" b "$NET_IF_B" &&
			_net_conf a "$NET_IF_A" "$NET_A4/24" "$NET_A6/64" &&
			_net_conf b "$NET_IF_B" "$NET_B4/24" "$NET_B6/64"
		;;
	routed) _net_routed ;;
	*) echo "net_setup: unknown layout '$1'" >&2; false ;;
	esac || {
		echo "net_setup: veth plumbing failed" >&2
		net_teardown
		return 1
	}
	# Addresses leave the tentative state in a work item: wait for that.
	_net_i=0
	while for _net_ns in a b ${1:+r}; do
		ns_run "$_net_ns" ip -6 addr show
	done | grep -q tentative; do
		_net_i=$((_net_i + 1))
		if [ $_net_i -gt 300 ]; then
			echo "net_setup: IPv6 addresses stay tentative" >&2
			net_teardown
			return 1
		fi
		sleep 0.01
	done
}

# "pid net:[inode]" for every process that has one (not a zombie).
_net_ns_list() {
	# shellcheck disable=SC2012 # the names are /proc/PID/ns/net
	ls -l /proc/[0-9]*/ns/net 2>/dev/null |
		awk '$(NF - 1) == "->" { split($(NF - 2), p, "/"); print p[3], $NF }'
}

net_start() {
	kwasm_start "$1" net_teardown
	net_setup || ktap_skip_all "net_setup failed"
}

net_teardown() {
	# Everything still running in A, B or R (servers a test left behind,
	# the holders): the namespaces and the veth pairs die with the last.
	_net_ids=""
	for _net_p in $NS_A_PID $NS_B_PID $NS_R_PID; do
		_net_ids="$_net_ids $(readlink "/proc/$_net_p/ns/net" 2>/dev/null)"
	done
	_net_i=0
	while [ -n "${_net_ids# }" ]; do
		_net_left=$(_net_ns_list | awk -v ids="$_net_ids " \
			'index(ids, " " $2 " ") { print $1 }')
		[ -n "$_net_left" ] || break
		_net_i=$((_net_i + 1))
		if [ $_net_i -gt 300 ]; then
			echo "net_teardown: still running in A, B or R: $_net_left" >&2
			break
		fi
		# SIGTERM first, SIGKILL after a second.
		if [ $_net_i -le 100 ]; then
			# shellcheck disable=SC2086 # a list of pids
			kill $_net_left 2>/dev/null
		else
			# shellcheck disable=SC2086
			kill -9 $_net_left 2>/dev/null
		fi
		sleep 0.01
	done
	for _net_p in $NS_A_PID $NS_B_PID $NS_R_PID; do
		wait "$_net_p" 2>/dev/null
	done
	# Left in the root namespace if setup failed before moving them.
	for _net_if in $_net_rootifs; do
		ip link del "$_net_if" 2>/dev/null
	done
	_net_rootifs=""
	net_forget
	return 0
}

net_foreign_ns() {
	_net_ns_list | awk -v root="$(readlink /proc/1/ns/net)" '$2 != root'
}

net_ifindex() {
	case $1 in
	a) ns_a ip link show dev "$NET_IF_A" ;;
	b) ns_b ip link show dev "$NET_IF_B" ;;
	*) return 1 ;;
	esac | sed -n '1s/^\([0-9]*\):.*/\1/p'
}

# FROM TO COUNT: busybox ping's summary.
_net_ping() {
	_net_to=$(net_addr "$2")
	case $_net_to in
	*:*) _net_fam=-6 ;;
	*) _net_fam=-4 ;;
	esac
	ns_timeout $((NET_WAIT + $3 + 2)) "$1" \
		ping "$_net_fam" -q -c "$3" -i 0.2 -W "$NET_WAIT" "$_net_to" 2>&1
}

ping_ok() {
	_net_ping "$1" "$2" 1 >/dev/null
}

ping_count() {
	_net_ping "$1" "$2" "$3" | sed -n 's/.* \([0-9]*\) packets received.*/\1/p' |
		grep . || echo 0
}

tcp_connect() {
	_net_to=$(net_addr "$2")
	_net_err=$(echo | ns_timeout $((NET_WAIT + 2)) "$1" \
		nc -w "$NET_WAIT" "$_net_to" "$3" 2>&1 >/dev/null)
	_net_rc=$?
	case $_net_rc:$_net_err in
	0:*) echo ok ;;
	*[Rr]efused*) echo refused ;;
	*[Tt]imed\ out* | 124:* | 143:*) echo timeout ;;
	*[Nn]o\ route* | *[Uu]nreachable*) echo unreachable ;;
	*) echo "error: $_net_err" ;;
	esac
}

# Wait until TCP PORT listens in namespace $1.
_net_listening() {
	_net_hex=$(printf '%04X' "$2")
	_net_i=0
	while ! ns_run "$1" cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		grep -q "^ *[0-9]*: [0-9A-F]*:$_net_hex [0-9A-F]*:0000 0A "; do
		_net_i=$((_net_i + 1))
		[ $_net_i -lt 200 ] || return 1
		sleep 0.01
	done
}

tcp_ok() {
	_net_srv=$(net_owner "$2") || return 2
	_net_to=$(net_addr "$2")
	_net_seq=$((_net_seq + 1))
	_net_tok=kwasm-net-$$-$_net_seq
	_net_out=/tmp/.net-tcp.$$.$_net_seq
	: >"$_net_out"
	ns_bg $((NET_WAIT + 2)) "$_net_srv" nc -l -p "$3" \
		</dev/null >"$_net_out" 2>/dev/null
	_net_spid=$NET_BG_PID
	if ! _net_listening "$_net_srv" "$3"; then
		echo "tcp_ok: no listener on port $3 in ns $_net_srv" >&2
		kill "$_net_spid" 2>/dev/null
		wait "$_net_spid" 2>/dev/null
		rm -f "$_net_out"
		return 2
	fi
	echo "$_net_tok" | ns_timeout $((NET_WAIT + 2)) "$1" \
		nc -w "$NET_WAIT" "$_net_to" "$3" >/dev/null 2>&1
	_net_rc=$?
	# On success the server exits when the client closes; else stop it.
	[ $_net_rc -eq 0 ] || kill "$_net_spid" 2>/dev/null
	wait "$_net_spid" 2>/dev/null
	grep -qx "$_net_tok" "$_net_out"
	_net_rc=$?
	rm -f "$_net_out"
	return $_net_rc
}

dns_query() {
	ns_timeout $((NET_WAIT + 1)) "$1" nslookup "$3" "$(net_addr "$2")" >/dev/null 2>&1
}

# InDatagrams + NoPorts + InErrors of Udp (snmp) and Udp6 (snmp6).
udp_rx() {
	ns_run "$1" cat /proc/net/snmp /proc/net/snmp6 2>/dev/null | awk '
	$1 == "Udp:" && $2 !~ /^[0-9]/ { for (i = 2; i <= NF; i++) col[$i] = i; next }
	$1 == "Udp:" { n += $col["InDatagrams"] + $col["NoPorts"] + $col["InErrors"] }
	$1 == "Udp6InDatagrams" || $1 == "Udp6NoPorts" || $1 == "Udp6InErrors" { n += $2 }
	END { print n + 0 }'
}

dns_delivered() {
	_net_srv=$(net_owner "$2") || return 2
	_net_before=$(udp_rx "$_net_srv")
	dns_query "$@"
	[ "$(udp_rx "$_net_srv")" -gt "$_net_before" ]
}
