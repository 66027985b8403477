#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Run the example filters (blocklist, dns, ratelimit; each in C, Rust and
# AssemblyScript) through `kwasm run` on crafted packets, and compare the
# verdicts and the maps left behind with what the filters' specifications
# say.  Every case runs once per language.  Ends with "N passed, N failed".
#
#   check.sh DIR      DIR holds {c,rust,as}_{blocklist,dns,ratelimit}.wasm
#
# KWASM: the kwasm command (default: DIR/../../hw/kwasm, else kwasm).
set -u
set -f

dir=${1:?usage: $0 DIR}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=packets.sh
. "$here/packets.sh"
if [ -z "${KWASM:-}" ] && [ -x "$dir/../../hw/kwasm" ]; then
	KWASM=$dir/../../hw/kwasm
fi
K=${KWASM:-kwasm}
LANGS=${LANGS:-c rust as}
err=$(mktemp)
trap 'rm -f "$err"' EXIT
. "$here"/../../scripts/lib_check.sh
nl='
'

# check FILTER NAME WANT [--hide REGEX] [KWASM-RUN-ARGS...]: WANT is the
# whole output, one verdict per packet then the --dump-maps lines, minus
# the lines matching REGEX.  Each filter runs as the kernel would: 32 pages
# at most, bounded fuel.
check() {
	f=$1 name=$2 want=$3 hide='^$'
	shift 3
	if [ "${1:-}" = --hide ]; then
		hide=$2
		shift 2
	fi
	for l in $LANGS; do
		got=$($K run "$dir/${l}_$f.wasm" --invoke filter --max-pages 32 \
			--fuel 1000000 "$@" </dev/null 2>"$err")
		rc=$?
		got=$(echo "$got" | grep -Ev "$hide")
		if [ $rc -eq 0 ] && [ "$got" = "$want" ]; then
			t_ok "$l $f: $name"
		else
			t_fail "$l $f: $name (exit $rc)" "want: $(echo "$want" | paste -sd'|')" \
				"got:  $(echo "$got" | paste -sd'|')" "$(cat "$err")"
		fi
	done
}

# lines WORD...: the words one per line, as kwasm prints verdicts.
lines() {
	printf '%s\n' "$@"
}

A=10.0.0.1
B=10.0.0.2
C=10.0.0.3
# 2001:db8::1 and 2001:db8::2, spelt out for the packet builder.
A6=20010db8000000000000000000000001
B6=20010db8000000000000000000000002
Q=$(dns_query www.example.com)

# --- blocklist --------------------------------------------------------------
check blocklist "nothing listed: all pass" "$(lines 0 0 0 0)" \
	--packet "$(udp4 $A $B 1234 53 "$Q")" --packet "$(tcp4 $A $B 40000 443)" \
	--packet "$(icmp4 $A $B)" --packet "$(udp6 $A6 $B6 5000 53 "$Q")"
check blocklist "address as source or destination, any protocol" \
	"$(lines 1 1 0 1 1 0 0)" --map "0:ip:$B=u64:1" \
	--packet "$(udp4 $A $B 1234 53 "$Q")" --packet "$(udp4 $B $A 53 1234 "$Q")" \
	--packet "$(udp4 $A $C 1234 53 "$Q")" --packet "$(icmp4 $A $B)" \
	--packet "$(tcp4 $B $C 40000 80)" --packet "$(icmp4 $A $C)" \
	--packet "$(tcp4 $C $A 40000 80)"
check blocklist "destination port, TCP and UDP only" "$(lines 1 1 0 0 0 0)" \
	--map 1:port:53=hex: \
	--packet "$(udp4 $A $B 1234 53 "$Q")" --packet "$(tcp4 $A $B 40000 53)" \
	--packet "$(udp4 $A $B 1234 54 "$Q")" --packet "$(udp4 $A $B 53 1234 "$Q")" \
	--packet "$(tcp4 $A $B 53 40000)" --packet "$(icmp4 $A $B)"
# 443 is 01bb: the byte-swapped port 47873 must not match.
check blocklist "ports are keys in network order" "$(lines 1 0)" \
	--map 1:port:443=hex: \
	--packet "$(tcp4 $A $B 40000 443)" --packet "$(tcp4 $A $B 40000 47873)"
check blocklist "a listed port does not block ICMP" "$(lines 0)" \
	--map 1:port:0=hex: --map 1:port:2048=hex: --packet "$(icmp4 $A $B)"
check blocklist "IPv6 addresses and ports" "$(lines 1 1 0 1)" \
	--map 0:ip:2001:db8::2=hex: --map 1:port:443=hex: \
	--packet "$(udp6 $A6 $B6 5000 53 "$Q")" --packet "$(udp6 $B6 $A6 53 5000 "$Q")" \
	--packet "$(udp6 $A6 $A6 5000 53 "$Q")" --packet "$(udp6 $A6 $A6 5000 443 "")"
# Fragment offset 0x100: no transport header, so only addresses count.
frag=$(ipv4 $A $B 17 "$(printf '%04x%04x0010000000000000' 1234 53)" 0100)
check blocklist "non-first fragment: ports ignored" "$(lines 0)" \
	--map 1:port:53=hex: --packet "$frag"
check blocklist "non-first fragment: addresses still count" "$(lines 1)" \
	--map "0:ip:$B=hex:" --packet "$frag"
check blocklist "not IP, or cut short: pass" "$(lines 0 0 0)" \
	--map "0:ip:$B=hex:" --packet 0001080006040001 \
	--packet "$(udp4 $A $B 1234 53 "$Q" | cut -c1-30)" --packet 45
check blocklist "netfilter hook (read-only input): same verdicts" "$(lines 1 0)" \
	--hook ipv4-in --map "0:ip:$A=hex:" \
	--packet "$(icmp4 $A $B)" --packet "$(icmp4 $B $C)"
check blocklist "the filter never changes the maps" \
	"$(lines 1 "map 0 hex:0a000002 str:x" "map 1 hex:0035 u64:7")" \
	--map "0:ip:$B=str:x" --map 1:port:53=u64:7 --dump-maps \
	--packet "$(tcp4 $A $B 1 53)"

# --- dns --------------------------------------------------------------------
check dns "names lowercased and counted across packets" \
	"$(lines 0 0 0 0 "map 0 str:mail.example.org u64:1" "map 0 str:www.example.com u64:3")" \
	--dump-maps \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query www.Example.com)")" \
	--packet "$(udp4 $A $B 40001 53 "$(dns_query WWW.EXAMPLE.COM)")" \
	--packet "$(udp4 $C $B 40002 53 "$(dns_query mail.example.org)")" \
	--packet "$(udp6 $A6 $B6 40003 53 "$(dns_query www.example.com)")"
check dns "the root name is \".\"" "$(lines 0 "map 0 str:. u64:1")" --dump-maps \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query "")")"
check dns "not a query to UDP port 53 (other port, a response, TCP): not counted" "$(lines 0 0 0 0)" --dump-maps \
	--packet "$(udp4 $A $B 40000 5353 "$Q")" \
	--packet "$(udp4 $B $A 5353 53 "$(dns_query www.example.com 8180)")" \
	--packet "$(tcp4 $A $B 40000 53)" --packet "$(icmp4 $A $B)"
# Cut inside a label; a compression pointer; no question; a short header;
# no QTYPE/QCLASS after the name.
cut=$(echo "$Q" | cut -c1-34)
ptr=12340100000100000000000003777777c00c00010001
check dns "malformed queries counted, and accepted" \
	"$(lines 0 0 0 0 0 0 "map 0 str:ok.example u64:1" "map 1 str:malformed u64:5")" \
	--dump-maps \
	--packet "$(udp4 $A $B 40000 53 "$cut")" \
	--packet "$(udp4 $A $B 40000 53 "$ptr")" \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query www.example.com 0100 0000)")" \
	--packet "$(udp4 $A $B 40000 53 1234010000)" \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query ok.example)")" \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query www.example.com | cut -c1-62)")"
# A 64-byte name is a key; 65 bytes is one too many.
l30=abcdefghijabcdefghijabcdefghij
check dns "names up to a key's 64 bytes; longer ones are \"toolong\"" \
	"$(lines 0 0 "map 0 str:$l30.$l30.ab u64:1" "map 1 str:toolong u64:1")" \
	--dump-maps \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query "$l30.$l30.ab")")" \
	--packet "$(udp4 $A $B 40000 53 "$(dns_query "$l30.$l30.abc")")"
# Total length 45 (0x2d) ends the packet inside the name: the bytes after
# it are padding, not the rest of the query.  (The header checksum is stale:
# no filter checks it.)
check dns "the IP total length bounds the query" "$(lines 0 "map 1 str:malformed u64:1")" \
	--dump-maps \
	--packet "$(udp4 $A $B 40000 53 "$Q" | sed 's/^4500..../4500002d/')"

# --- ratelimit --------------------------------------------------------------
# --clock START:STEP: packet i arrives at START + i * STEP ns.
p=$(udp4 $A $B 40000 53 "$Q")
pb=$(udp4 $B $A 40000 53 "$Q")
pkts() {
	i=0
	while [ $i -lt "$1" ]; do
		printf -- '--packet %s ' "$2"
		i=$((i + 1))
	done
}
# 21 packets at one time: the 21st finds no token.  The bucket is shown as
# tokens (billionths) and the last time, u64 LE each.
# shellcheck disable=SC2046 # pkts prints options, split on purpose
check ratelimit "default burst 20, then the bucket is empty" \
	"$(lines 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 \
		"map 0 hex:0a000001 hex:$(le64 0)$(le64 5)" "map 2 str:drops u64:1")" \
	--clock 5:0 $(pkts 21 "$p") --dump-maps
check ratelimit "a new source starts with burst tokens" \
	"$(lines 0 "map 0 hex:0a000001 hex:$(le64 19000000000)$(le64 1000)")" \
	--clock 1000 --packet "$p" --dump-maps
# shellcheck disable=SC2046
check ratelimit "rate and burst from map 1" \
	"$(lines 0 0 0 1 1 "map 1 str:burst u64:3" "map 1 str:rate u64:1" \
		"map 2 str:drops u64:2")" --hide '^map 0' \
	--map 1:str:rate=u64:1 --map 1:str:burst=u64:3 --clock 0:0 $(pkts 5 "$p") \
	--dump-maps
# rate 10/s: one token per 100 ms, half a token per 50 ms.
# shellcheck disable=SC2046
check ratelimit "refill: one token per 100 ms keeps up" "$(lines 0 0 0 0 0 0 0 0)" \
	--map 1:str:rate=u64:10 --map 1:str:burst=u64:2 --clock 0:100000000 \
	$(pkts 8 "$p")
# Tokens before each packet: 2, 1.5, 1, 0.5 (drop), 1, 0.5 (drop), 1, 0.5.
# shellcheck disable=SC2046
check ratelimit "refill: half a token per packet" "$(lines 0 0 0 1 0 1 0 1)" \
	--map 1:str:rate=u64:10 --map 1:str:burst=u64:2 --clock 0:50000000 \
	$(pkts 8 "$p")
check ratelimit "one bucket per source" \
	"$(lines 0 0 1 1 "map 0 hex:0a000001 hex:$(le64 0)$(le64 0)" \
		"map 0 hex:0a000002 hex:$(le64 0)$(le64 0)" "map 2 str:drops u64:2")" \
	--hide '^map 1' --map 1:str:rate=u64:0 --map 1:str:burst=u64:1 --clock 0:0 \
	--packet "$p" --packet "$pb" --packet "$p" --packet "$pb" --dump-maps
check ratelimit "rate 0, burst 1: one packet per source, ever" \
	"$(lines 0 0 1 1 "map 2 str:drops u64:2")" --hide '^map [01]' \
	--map 1:str:rate=u64:0 --map 1:str:burst=u64:1 --clock 0:1000000000000 \
	--packet "$p" --packet "$pb" --packet "$p" --packet "$pb" --dump-maps
# Two entries per map: C's bucket never fits, so C always starts full.
pc=$(udp4 $C $A 40000 53 "$Q")
check ratelimit "map 0 full: the source without a bucket passes" "$(lines 0 1 0 1 0 0 0)" \
	--map-entries 2 --map 1:str:rate=u64:0 --map 1:str:burst=u64:1 --clock 0:0 \
	--packet "$p" --packet "$p" --packet "$pb" --packet "$pb" \
	--packet "$pc" --packet "$pc" --packet "$pc"
check ratelimit "settings that are not 8 bytes: defaults" "$(lines 0 0 0)" \
	--map 1:str:rate=u32:0 --map 1:str:burst=u32:1 --clock 0:0 \
	--packet "$p" --packet "$p" --packet "$p"
check ratelimit "IPv6 sources have 16-byte keys" \
	"$(lines 0 1 "map 0 hex:$A6 hex:$(le64 0)$(le64 7)" "map 1 str:burst u64:1" \
		"map 1 str:rate u64:0" "map 2 str:drops u64:1")" \
	--map 1:str:rate=u64:0 --map 1:str:burst=u64:1 --clock 7:0 --dump-maps \
	--packet "$(udp6 $A6 $B6 1 2 "")" --packet "$(udp6 $A6 $B6 1 2 "")"
check ratelimit "not IP: passes, no state" "$(lines 0 0 "map 1 str:burst u64:0")" \
	--map 1:str:burst=u64:0 \
	--dump-maps --packet 0001080006040001 --packet 0001080006040001

t_done "" && [ "$t_n" -gt 0 ]
