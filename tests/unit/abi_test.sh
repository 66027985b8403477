#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The guest ABI in `kwasm run` (cli/abi_user.c, cli/abi_opts.c): each
# import's results, clamping and traps on the command line's packets, and
# the options that feed them.  Env: KWASM (the binary), WATDIR (abi*.wasm,
# cli.wasm).
D=${WATDIR:-build/unit/wat}
W=$D/abi.wasm
. "$(dirname "$0")"/lib.sh

# r EXPORT ARGS...: kwasm run abi.wasm --invoke EXPORT ARGS...
r() {
	e=$1
	shift
	$K run "$W" --invoke "$e" "$@"
}

P4=45000014	# 4 bytes
P6=0a0b0c0d0e0f

# Input: length, bytes, clamping at the end.
expect "pkt_len and the argument" 0 "8${nl}12" "" -- r len --packet $P4 --packet $P6
expect "no packet: pkt_len 0" 0 "0" "" -- r len 0
expect "first bytes, little endian" 0 "335544389" "" -- r first4 --packet $P4
expect "a short input reads short" 0 "-99" "" -- r first4 --packet 0a0b
expect "read clamped at the end" 0 "2${nl}4" "" -- r read_from2 --packet $P4 --packet $P6
expect "read at the end: 0 bytes" 0 "0" "" -- r read_at_end --packet $P6
expect "read past the end: -1" 0 "-1" "" -- r read_past_end --packet $P6
expect "no packet: read past the end" 0 "-1" "" -- r read_past_end 0
expect "read: buffer leaves memory: trap" 2 "" "*out of bounds memory access*" -- \
	r read_oob --packet 0a
expect "read: last byte of memory" 0 "1" "" -- r read_last_byte --packet 0a
expect "hex with spaces and colons" 0 "4" "" -- r read_from2 --packet "0a 0b:0c 0d 0e 0f"

# pkt_write: in place, clamped, refused past the end or on a netfilter hook.
expect "write then read back" 0 "$((2 * 65536 + 0xbbaa))" "" -- r write_read --packet $P6
expect "write clamped at the end" 0 "1" "" -- r write_clamped --packet $P6
expect "write past the end: -1" 0 "-1" "" -- r write_past_end --packet $P6
expect "write: source leaves memory: trap" 2 "" "*out of bounds memory access*" -- \
	r write_oob --packet $P6
expect "write on a netfilter hook: -1" 0 "-1" "" -- r write_read --hook ipv4-in --packet $P6
expect "no packet: write -1" 0 "-1" "" -- r write_read 0
# Writes change the packet for the rest of this call only: each packet is
# its own buffer.
expect "packets are separate buffers" 0 "$((2 * 65536 + 0xbbaa))${nl}$((2 * 65536 + 0xbbaa))" "" -- \
	r write_read --packet $P6 --packet $P6

# pkt_meta
expect "meta: length" 0 "4${nl}6" "" -- r meta_len --packet $P4 --packet $P6
expect "meta: no protocol without a hook" 0 "0" "" -- r meta_proto --packet $P4
expect "meta: IPv4 on a hook" 0 "2048" "" -- r meta_proto --hook ipv4-out --packet $P4
expect "meta: IPv6 on a hook" 0 "34525" "" -- r meta_proto --hook ipv6-in --packet 60000000
expect "meta: not IP on a hook" 0 "0" "" -- r meta_proto --hook forward --packet $P6
expect "meta: --meta proto" 0 "2054" "" -- r meta_proto --meta proto=0x806 --packet $P4
expect "meta: ifindex" 0 "7" "" -- r meta_ifindex --meta ifindex=7 --packet $P4
expect "meta: mark" 0 "4294967295" "" -- r meta_mark --meta mark=0xffffffff --packet $P4
expect "meta: hook none" 0 "0" "" -- r meta_hook --packet $P4
for h in ipv4-in:1 ipv4-out:2 ipv6-in:3 ipv6-out:4 forward:5; do
	expect "meta: hook ${h%:*}" 0 "${h#*:}" "" -- r meta_hook --hook "${h%:*}" --packet $P4
done
expect "meta: unknown field 5" 0 "-1" "" -- r meta_5 --packet $P4
expect "meta: unknown field -1" 0 "-1" "" -- r meta_neg --packet $P4
expect "meta: no packet, all 0" 0 "0" "" -- r meta_len 0 --meta mark=5

# Big packets: a kfunc takes 4096 bytes, a netfilter hook sees 2048.
head -c 4096 /dev/zero >"$tmp/4096"
head -c 4097 /dev/zero >"$tmp/4097"
head -c 3000 /dev/zero >"$tmp/3000"
expect "4096 bytes from a file" 0 "8192" "" -- r len --packet-file "$tmp/4096"
expect "4097 bytes refused without a hook" 1 "" "*over 4096 bytes*" -- \
	r len --packet-file "$tmp/4097"
expect "a hook sees 2048 bytes" 0 "4096" "" -- r len --hook ipv4-in --packet-file "$tmp/3000"
expect "a hook's LEN is the whole packet" 0 "3000" "" -- \
	r meta_len --hook ipv4-in --packet-file "$tmp/3000"

# log: "kwasm: NAME: TEXT", unprintable bytes as '?', 200 bytes at most.
expect "log" 0 "0" "*kwasm: abi: hello?world*" -- r log_hello --packet $P4
expect "log without input" 0 "0" "*kwasm: abi: hello?world*" -- r log_hello 0
r log_long 0 >/dev/null 2>"$tmp/log"
line=$(grep '^kwasm: abi: ' "$tmp/log")
if [ "${#line}" -eq $((12 + 200)) ]; then t_ok "log cut at 200 bytes"; else
	t_fail "log cut at 200 bytes" "${#line} characters"
fi
expect "log: text leaves memory: trap" 2 "" "*out of bounds memory access*" -- r log_oob 0

# time_ns: the fake clock advances per packet; the real one is monotonic.
expect "fake clock" 0 "5${nl}15${nl}25" "" -- r time --clock 5:10 --packet 0a --packet 0a --packet 0a
expect "fake clock, no step" 0 "7${nl}7" "" -- r time --clock 7 --packet 0a --packet 0a
t=$(r time --packet 0a --packet 0a)
t1=${t%"$nl"*}
t2=${t#*"$nl"}
if [ "$t1" -gt 0 ] && [ "$t2" -ge "$t1" ]; then t_ok "monotonic clock"; else
	t_fail "monotonic clock" "'$t1' then '$t2'"
fi

# random
expect "random: two draws differ" 0 "1" "" -- r random_ok 0
expect "random: 256 bytes" 0 "0" "" -- r random_256 0
expect "random: 257 bytes: -1" 0 "-1" "" -- r random_257 0
expect "random: buffer leaves memory: trap" 2 "" "*out of bounds memory access*" -- \
	r random_oob 0

# Maps through guest memory; they persist across the calls of one run.
# "hel" as a little-endian i32 is 0x6c6568.
expect "map_set then map_get, cut to vcap" 0 "$((5 * 1000000 + 0x6c6568))" "" -- r map_roundtrip 0
expect "map preloaded from the command line" 0 "2" "" -- r map_get_key 0 --map 2:str:key=u16:7
expect "map_get absent" 0 "-1" "" -- r map_get_key 0
expect "map_del present, then absent" 0 "0${nl}-1" "" -- \
	r map_del_key --map 2:str:key=hex: --packet 0a --packet 0a
expect "map_add counts across packets" 0 "1${nl}2${nl}3${nl}map 1 str:key u64:3" "" -- \
	r map_count --packet 0a --packet 0a --packet 0a --dump-maps
expect "map_add from a preloaded value" 0 "42" "" -- r map_count 0 --map 1:str:key=u64:41
expect "bad map: -2" 0 "-2" "" -- r map_bad_map 0
expect "bad key length: -2" 0 "-2" "" -- r map_bad_klen 0
expect "bad value length: -2" 0 "-2" "" -- r map_bad_vlen 0
expect "map_add, bad map: -1" 0 "-1" "" -- r map_add_bad 0
expect "key leaves memory: trap, before the map check" 2 "" "*out of bounds memory access*" -- \
	r map_oob_key 0
expect "value leaves memory: trap" 2 "" "*out of bounds memory access*" -- r map_oob_val 0
expect "map full (--map-entries)" 1 "" "*map full*" -- \
	r map_get_key 0 --map-entries 1 --map 0:str:a=hex: --map 0:str:b=hex:
expect "--dump-maps after a trap too" 2 "map 3 hex:0001 hex:" "kwasm: trap: out of bounds memory access" -- \
	r map_oob_val 0 --map 3:port:1=hex: --dump-maps
expect "--dump-maps, sorted" 0 "0${nl}map 0 str:a hex:01${nl}map 0 str:b hex:${nl}map 3 hex:0001 hex:" "" -- \
	r meta_hook 0 --map 3:port:1=hex: --map 0:str:b=hex: --map 0:str:a=u8:1 --dump-maps

# Linking
expect "unknown ABI function" 1 "" "*unknown import kwasm.nope*" -- \
	$K run "$D/abi_unknown.wasm" --invoke filter 0
expect "wrong signature" 1 "" "kwasm: $D/abi_badsig.wasm: 0x0: incompatible import type (kwasm.pkt_len)" -- $K run "$D/abi_badsig.wasm" --invoke filter 0

# Bad options: exit 1 with a reason, before anything runs.
expect "packet: not hex" 1 "" "*--packet 'zz'*" -- r len --packet zz
expect "packet: odd digits" 1 "" "*--packet*" -- r len --packet abc
expect "packet: empty" 1 "" "*--packet*" -- r len --packet ""
expect "packet file: missing" 1 "" "*--packet-file*" -- r len --packet-file "$tmp/none"
expect "packet file: empty" 1 "" "*empty file*" -- r len --packet-file /dev/null
expect "packets and arguments" 1 "" "*argument is each packet's length*" -- r len 5 --packet 0a
expect "packets need (i32)" 1 "" "*must take one i32*" -- \
	$K run "$D/cli.wasm" --invoke add --packet 0a
expect "map: no type" 1 "" "*unknown type*" -- r len 0 --map 0:key=u64:1
expect "map: no such map" 1 "" "*no such map*" -- r len 0 --map 4:str:k=u64:1
expect "map: no '='" 1 "" "*expected MAP*" -- r len 0 --map 0:str:k
expect "map: empty key" 1 "" "*at least one byte*" -- r len 0 --map 0:str:=u64:1
expect "map-entries: 0" 1 "" "*--map-entries*" -- r len 0 --map-entries 0
expect "hook: unknown" 1 "" "*not a hook name*" -- r len 0 --hook ipv5-in
expect "meta: unknown field" 1 "" "*fields are*" -- r len 0 --meta color=1
expect "meta: not a number" 1 "" "*FIELD=NUMBER*" -- r len 0 --meta mark=x
expect "clock: not a number" 1 "" "*START[:STEP]*" -- r len 0 --clock x
expect "clock: bad step" 1 "" "*START[:STEP]*" -- r len 0 --clock 1:
expect "option without its value" 1 "" "*needs a value*" -- r len 0 --packet

# conn_meta, conn_read (version 2): "not in a connection" without --conn.
c() {
	e=$1
	shift
	$K run "$D/abi_conn.wasm" --invoke "$e" "$@"
}
PEER=uri:spiffe://example.org/client
expect "conn_meta without a connection: -2" 0 "-2" "" -- c meta 4
expect "conn_read without a connection: -2" 0 "-2" "" -- c len 3 64
expect "conn_read checks the buffer first: trap" 2 "" "*out of bounds memory access*" -- c oob
expect "conn_meta: uid" 0 "1000" "" -- c meta 4 --conn uid=1000
expect "conn_meta: a connection's defaults (server, IPv4)" 0 "1${nl}2${nl}0" "" -- \
	sh -c "$K run $D/abi_conn.wasm --invoke meta 0 --conn uid=1 &&
	$K run $D/abi_conn.wasm --invoke meta 1 --conn uid=1 &&
	$K run $D/abi_conn.wasm --invoke meta 3 --conn uid=1"
expect "conn_meta: unknown field -1" 0 "-1" "" -- c meta 10 --conn uid=0
expect "conn_read: unknown field -1" 0 "-1" "" -- c len 4 64 --conn uid=0
expect "conn_read: the peer's full length" 0 "31" "" -- c len 3 64 --conn peer=$PEER
expect "conn_read: cut at the buffer, length still full" 0 "31" "" -- c len 3 4 --conn peer=$PEER
expect "conn_read: the cut copies only len bytes" 0 "238" "" -- c byte 3 4 4 --conn peer=$PEER
expect "conn_read: the last byte copied" 0 "58" "" -- c byte 3 4 3 --conn peer=$PEER
expect "conn_read: no peer, length 0" 0 "0" "" -- c len 3 64 --conn tls=0
expect "conn_read: IPv4 address, 4 bytes" 0 "4" "" -- c len 1 64 --conn raddr=10.1.2.3
expect "conn_read: IPv4 address bytes" 0 "3" "" -- c byte 1 64 3 --conn raddr=10.1.2.3
expect "conn_read: IPv6 address, 16 bytes" 0 "16" "" -- c len 0 64 --conn laddr=fe80::1
expect "conn_meta: the address sets the family" 0 "10" "" -- c meta 1 --conn laddr=fe80::1
expect "conn_read: comm" 0 "4" "" -- c len 2 64 --conn comm=curl
expect "conn: unknown field" 1 "" "*unknown field*" -- c meta 0 --conn colour=1
expect "conn: no '='" 1 "" "*FIELD=VALUE*" -- c meta 0 --conn uid
expect "conn: negative" 1 "" "*from 0 to 2^63-1*" -- c meta 0 --conn uid=-1
expect "conn: not an address" 1 "" "*not an IPv4 or IPv6*" -- c meta 0 --conn raddr=x
expect "conn: comm too long" 1 "" "*at most 15*" -- c meta 0 --conn comm=0123456789abcdef

t_done abi_test
