#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The data-path subcommands (load --datapath, attach, detach, map, the data
# path in list and stats, unload of an attached module) against the fake
# kwasm family.  Every request that reaches the fake is logged as it decoded
# it (FAKE_LOG), so the tests see the attributes the CLI sent, and that bad
# input never gets as far as the kernel.  Env: see lib.sh.
. "$(dirname "$0")"/lib.sh

log=$tmp/log
: >"$log"
: >"$tmp/demo.wasm"

# logged NAME LINES: the requests sent since the last call, then forget them.
logged() {
	if [ "$(cat "$log")" = "$2" ]; then
		t_ok "$1: sent"
	else
		t_fail "$1: sent" "sent '$(cat "$log")' (want '$2')"
	fi
	: >"$log"
}

fk() {
	env FAKE_LOG="$log" LD_PRELOAD="$F" "$K" "$@"
}

hooks="ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward"
attach_usage="Usage: kwasm attach NAME EXPORT --hook $hooks [--netns PATH] [--fail-closed] [--priority N]"

# load
expect "load --datapath" 0 "loaded demo (id 3, data path)" "" -- fk load --datapath "$tmp/demo.wasm"
logged "load --datapath sends the flag" "LOAD name=demo datapath"
expect "load without it" 0 "loaded demo (id 3)" "" -- fk load "$tmp/demo.wasm"
logged "load sends no flag by default" "LOAD name=demo"

# attach, detach
expect "attach, every option" 0 "attached fw count to ipv4-out" "" -- \
	fk attach fw count --hook ipv4-out --netns /proc/self/ns/net --fail-closed --priority -5
logged "attach attributes" \
	"ATTACH name=fw export=count hook=2 netns=self fail_closed priority=-5"
expect "attach, defaults" 0 "attached fw count to forward" "" -- fk attach fw count --hook forward
logged "attach sends no defaults" "ATTACH name=fw export=count hook=5"
expect "attach ipv6-in" 0 "attached fw filter to ipv6-in" "" -- fk attach --hook ipv6-in fw filter
logged "options before arguments" "ATTACH name=fw export=filter hook=3"
expect "attach twice (extack)" 1 "" \
	"kwasm: attach: already attached to this hook in this netns" -- \
	fk attach fw filter --hook ipv4-in
expect "attach a plain module (extack)" 1 "" "kwasm: attach: not a data-path module" -- \
	fk attach adder add --hook ipv4-in
expect "attach to a missing module" 1 "" "kwasm: attach: no such module" -- \
	fk attach nope filter --hook ipv4-in
logged "each of those was sent" "ATTACH name=fw export=filter hook=1
ATTACH name=adder export=add hook=1
ATTACH name=nope export=filter hook=1"

expect "bad hook" 1 "" "kwasm: attach: unknown hook 'ipv4' (one of $hooks)" -- \
	fk attach fw filter --hook ipv4
expect "hook without a name" 1 "" "kwasm: attach: --hook needs a hook name
$attach_usage" -- fk attach fw filter --hook
expect "no hook" 1 "" "kwasm: attach: --hook is required
$attach_usage" -- fk attach fw filter
expect "no export" 1 "" "kwasm: attach: no export given
$attach_usage" -- fk attach fw --hook ipv4-in
expect "nothing" 1 "" "kwasm: attach: no module or export given
$attach_usage" -- fk attach
expect "too many arguments" 1 "" "kwasm: attach: too many arguments
$attach_usage" -- fk attach fw filter extra --hook ipv4-in
expect "bad module name" 1 "" \
	"kwasm: attach: invalid module name 'f w' (1-63 characters of A-Z a-z 0-9 _ . -)" -- \
	fk attach "f w" filter --hook ipv4-in
expect "missing netns" 1 "" \
	"kwasm: attach: --netns $tmp/none: No such file or directory" -- \
	fk attach fw filter --hook ipv4-out --netns "$tmp/none"
expect "netns not a namespace" 1 "" \
	"kwasm: attach: --netns $tmp/demo.wasm: not a network namespace file (try /proc/PID/ns/net or /run/netns/NAME)" -- \
	fk attach fw filter --hook ipv4-out --netns "$tmp/demo.wasm"
expect "netns of another kind" 1 "" \
	"kwasm: attach: --netns /proc/self/ns/uts: not a network namespace" -- \
	fk attach fw filter --hook ipv4-out --netns /proc/self/ns/uts
expect "netns without a path" 1 "" "kwasm: attach: --netns needs a path
$attach_usage" -- fk attach fw filter --hook ipv4-out --netns
expect "bad priority" 1 "" \
	"kwasm: attach: --priority needs a number from -2147483648 to 2147483647" -- \
	fk attach fw filter --hook ipv4-out --priority 2147483648
expect "unknown option" 1 "" "kwasm: attach: unknown option '--fail-open'
$attach_usage" -- fk attach fw filter --hook ipv4-out --fail-open
expect "detach takes no --fail-closed" 1 "" "kwasm: detach: unknown option '--fail-closed'
Usage: kwasm detach NAME EXPORT --hook $hooks [--netns PATH]" -- \
	fk detach fw filter --hook ipv4-in --fail-closed
logged "bad arguments never reach the kernel" ""

expect "detach" 0 "detached fw filter from ipv4-in" "" -- \
	fk detach fw filter --hook ipv4-in --netns /proc/self/ns/net
logged "detach attributes" "DETACH name=fw export=filter hook=1 netns=self"
expect "detach what is not attached (extack)" 1 "" \
	"kwasm: detach: not attached to this hook in this netns" -- fk detach fw filter --hook forward
logged "detach sent" "DETACH name=fw export=filter hook=5"

# unload of an attached module, and of one that is imported
expect "unload attached" 1 "" \
	"kwasm: unload: module is attached to a netfilter hook: detach it first" -- fk unload fw
expect "unload imported" 1 "" \
	"kwasm: unload: module is imported by another module: unload that first" -- \
	env FAKE_KWASM=busy FAKE_LOG="$log" LD_PRELOAD="$F" "$K" unload idle

# map
expect "map get ip key" 0 "u64:5" "" -- fk map get fw 0 ip:10.0.0.2
expect "map get str key" 0 "hex:0a0b" "" -- fk map get fw 0 str:example.com
expect "map get port key" 0 "str:allow" "" -- fk map get fw 1 port:53
logged "map get attributes" "MAP_GET name=fw map=0 key=0a000002
MAP_GET name=fw map=0 key=6578616d706c652e636f6d
MAP_GET name=fw map=1 key=0035"
expect "map get absent (extack)" 1 "" "kwasm: map get: no such key" -- fk map get fw 2 u8:1
expect "map get, no maps (extack)" 1 "" "kwasm: map get: module has no maps" -- \
	fk map get adder 0 u8:1
expect "map set" 0 "" "" -- fk map set fw 1 port:80 u64:7
expect "map set, empty value" 0 "" "" -- fk map set fw 3 u32:0x10 hex:
expect "map del" 0 "" "" -- fk map del fw 0 ip:10.0.0.2
expect "map del absent" 1 "" "kwasm: map del: no such module, map or key" -- \
	fk map del fw 0 i64:-1
logged "map set and del attributes" "MAP_GET name=fw map=2 key=01
MAP_GET name=adder map=0 key=01
MAP_SET name=fw map=1 key=0050 value=0700000000000000
MAP_SET name=fw map=3 key=10000000 value=
MAP_DEL name=fw map=0 key=0a000002
MAP_DEL name=fw map=0 key=ffffffffffffffff"
expect "map dump" 0 "0:hex:0a000002=u64:5
0:str:example.com=hex:0a0b
1:hex:0035=str:allow" "" -- fk map dump fw
expect "map dump one map" 0 "1:hex:0035=str:allow" "" -- fk map dump fw 1
expect "map dump, empty map" 0 "" "" -- fk map dump fw 2
logged "map dump attributes" "MAP_DUMP name=fw
MAP_DUMP name=fw map=1
MAP_DUMP name=fw map=2"
fk map dump -j fw >"$tmp/json"
if command -v python3 >/dev/null; then
	expect "map dump -j is JSON" 0 "3 1 str:allow" "" -- python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
print(len(v), v[2]["map"], v[2]["value"])' "$tmp/json"
fi
logged "map dump -j sent" "MAP_DUMP name=fw"

expect "map key without a type" 1 "" \
	"kwasm: map get: key '10.0.0.2': unknown type (ip: port: u8: u16: u32: u64: i64: str: hex:)" -- \
	fk map get fw 0 10.0.0.2
expect "map bad ip" 1 "" "kwasm: map get: key 'ip:10.0.0.256': ip: needs an IPv4 or IPv6 address" -- \
	fk map get fw 0 ip:10.0.0.256
expect "map value out of range" 1 "" \
	"kwasm: map set: value 'u8:300': number out of range for its type" -- \
	fk map set fw 0 u8:1 u8:300
expect "map empty key" 1 "" "kwasm: map del: key 'str:': a key needs at least one byte" -- \
	fk map del fw 0 str:
expect "map key too long" 1 "" "kwasm: map get: key 'hex:$(printf '%0130d' 0)': hex: needs pairs of hex digits, and no more than fit" -- \
	fk map get fw 0 "hex:$(printf '%0130d' 0)"
expect "map index" 1 "" "kwasm: map get: MAP needs a number up to 3" -- fk map get fw 4 u8:1
expect "map missing key" 1 "" "kwasm: map: missing arguments
Usage: kwasm map get NAME MAP KEY" -- fk map get fw 0
expect "map set missing value" 1 "" "kwasm: map: missing arguments
Usage: kwasm map set NAME MAP KEY VALUE" -- fk map set fw 0 u8:1
expect "map dump without a module" 1 "" "kwasm: map: missing arguments
Usage: kwasm map dump [-j] NAME [MAP]" -- fk map dump
expect "map too many" 1 "" "kwasm: map: too many arguments
Usage: kwasm map del NAME MAP KEY" -- fk map del fw 0 u8:1 u8:2
expect "map -j is for dump" 1 "" "kwasm: map get: unknown option '-j'
Usage: kwasm map get NAME MAP KEY" -- fk map get -j fw 0 u8:1
expect "map without a command" 1 "" "kwasm: map: no map command given
Usage: kwasm map get|set|del|dump NAME [MAP [KEY [VALUE]]]" -- fk map
expect "map unknown command" 1 "" "kwasm: map: unknown map command 'put'
Usage: kwasm map get|set|del|dump NAME [MAP [KEY [VALUE]]]" -- fk map put fw 0 u8:1 u8:2
logged "bad map arguments never reach the kernel" ""

# list and stats
fk list -j >"$tmp/json"
if command -v python3 >/dev/null; then
	expect "list -j data path" 0 "False True 3 None ipv6-out True -100 2 7" "" -- python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
fw = v[2]
t = fw["attachments"][1]
print(v[0]["datapath"], fw["datapath"], fw["exports"][0]["handle"],
      fw["exports"][2].get("handle"), t["hook"], t["fail_closed"], t["priority"],
      fw["dp_busy"], t["packets"])' "$tmp/json"
fi
expect "stats, no eBPF bridge" 0 "eBPF bridge:        not registered (Operation not supported)" "" -- \
	sh -c "env FAKE_KWASM=nobpf LD_PRELOAD='$F' '$K' stats | grep eBPF"
expect "stats -j, no eBPF bridge" 0 '"bpf_kfuncs":false,"bpf_errno":95}' "" -- \
	sh -c "env FAKE_KWASM=nobpf LD_PRELOAD='$F' '$K' stats -j | grep -o '\"bpf_kfuncs.*'"
expect "stats, module without BTF" 0 \
	"eBPF bridge:        not registered (kwasm.ko has no BTF: its build output says why)" "" -- \
	sh -c "env FAKE_KWASM=nobtf LD_PRELOAD='$F' '$K' stats | grep eBPF"
expect "stats, older kwasm.ko" 1 "" "" -- \
	sh -c "env FAKE_KWASM=old LD_PRELOAD='$F' '$K' stats | grep eBPF"

t_done kdp
