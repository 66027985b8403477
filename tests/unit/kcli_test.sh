#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The kernel subcommands (load, unload, list, call, stats) as a user meets
# them, against a fake kwasm family (FAKE, an LD_PRELOAD library: see
# fake_kwasm.c), plus the real kernel's answer when kwasm is not loaded.
# The data-path commands are in kdp_test.sh.  Env: see lib.sh.
. "$(dirname "$0")"/lib.sh

notloaded="kwasm: the kwasm kernel module is not loaded (try: modprobe kwasm)"
: >"$tmp/demo.wasm"

if [ -e /sys/module/kwasm ]; then
	echo "skip: kwasm is loaded here; the real-kernel 'not loaded' case needs it absent"
else
	expect "real kernel: list" 1 "" "$notloaded" -- $K list
	expect "real kernel: call" 1 "" "$notloaded" -- $K call adder add 1 2
fi
expect "no family" 1 "" "$notloaded" -- env FAKE_KWASM=absent LD_PRELOAD="$F" $K stats

table="NAME   ID  SIZE  PAGES     FUEL  CALLS  TRAPS  FUEL-USED   TIME  EXPORTS
adder   1    87   1/16  1000000     12      2        345  2.5ms  add(i32,i32)->i32 div(i32,i32)->i32 pair()->(i64,f64) say \"hi\"(f32)
idle    2     8   0/16  1000000      0      0          0    0ns  -
fw      4   300  16/16  1000000      0      0          0    0ns  filter(i32)->i32 count(i32)->i32 reset()
  data path: handles filter=3 count=4; calls 120, busy 2, errors 1
  attached: filter on ipv4-in, netns 4026531840, fail-open, priority 0: 100 packets, 89 accepts, 10 drops, 1 errors
  attached: count on ipv6-out, netns 4026531840, fail-closed, priority -100: 7 packets, 6 accepts, 0 drops, 1 errors"
expect "list table" 0 "$table" "" -- fake $K list
expect "list one" 0 "$(echo "$table" | sed -n 1,2p)" "" -- fake $K list adder
expect "list missing" 1 "" "kwasm: list: no such module" -- fake $K list nope
expect "list usage" 1 "" "Usage: kwasm list [-j] [NAME]" -- fake $K list -x
fake $K list -j >"$tmp/json"
if command -v python3 >/dev/null; then
	expect "list -j is JSON" 0 "3 idle 2 ['pair', 'i64', 'f64']" "" -- python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
e = v[0]["exports"][2]
print(len(v), v[1]["name"], v[0]["trap_kinds"]["div_by_zero"], [e["name"]] + e["results"])' \
		"$tmp/json"
fi
expect "list -j escapes" 0 '1' "" -- grep -c '"name":"say \\"hi\\"","params":\["f32"\]' "$tmp/json"

expect "call add" 0 "5" "" -- fake $K call adder add 2 3
expect "call wraps" 0 "-2" "" -- fake $K call adder add -1 0xffffffff
expect "call multi" 0 "-5${nl}0.5" "" -- fake $K call adder pair
expect "call --stats" 0 "3" "kwasm: fuel used: 4" -- fake $K call adder div 7 2 --stats
expect "call trap" 2 "" "kwasm: trap: integer divide by zero" -- fake $K call adder div 7 0
expect "call arity" 1 "" "kwasm: add expects 2 arguments (i32 i32), got 1" -- \
	fake $K call adder add 1
expect "call bad arg" 1 "" "kwasm: argument 2: 'x' is not a valid i32" -- \
	fake $K call adder add 1 x
expect "call no export" 1 "" "kwasm: call: adder: no exported function 'mul'" -- \
	fake $K call adder mul
expect "call no module (extack)" 1 "" "kwasm: call: no such module" -- fake $K call zz add
expect "call no module (errno)" 1 "" "kwasm: call: quiet: no such module" -- \
	fake $K call quiet add
expect "call usage" 1 "" "kwasm: call: no module or export given
Usage: kwasm call NAME EXPORT [ARG...] [--fuel N] [--stats]" -- fake $K call adder
expect "call bad fuel" 1 "" "kwasm: call: --fuel needs a number" -- \
	fake $K call adder add 1 2 --fuel -3

expect "load" 0 "loaded demo (id 3)" "" -- fake $K load "$tmp/demo.wasm" --fuel 10
expect "load extack" 1 "" "kwasm: load: validation failed at offset 0x1f3: type mismatch" -- \
	fake $K load "$tmp/demo.wasm" --name bad --max-pages 2
expect "load eperm" 1 "" "kwasm: load: Operation not permitted (need CAP_SYS_ADMIN)" -- \
	env FAKE_KWASM=eperm LD_PRELOAD="$F" $K load "$tmp/demo.wasm"
expect "load missing file" 1 "" "kwasm: load: $tmp/none.wasm: No such file or directory" -- \
	fake $K load "$tmp/none.wasm"
expect "load directory" 1 "" "kwasm: load: $tmp: not a regular file" -- fake $K load "$tmp"
expect "load bad name" 1 "" \
	"kwasm: load: invalid module name 'a b' (1-63 characters of A-Z a-z 0-9 _ . -)" -- \
	fake $K load "$tmp/demo.wasm" --name "a b"
expect "load pages" 1 "" "kwasm: load: --max-pages needs a number up to 65536" -- \
	fake $K load "$tmp/demo.wasm" --max-pages 70000

expect "unload" 0 "" "" -- fake $K unload adder
expect "unload missing" 1 "" "kwasm: unload: no such module" -- fake $K unload zz
expect "unload eperm" 1 "" "kwasm: unload: Operation not permitted (need CAP_SYS_ADMIN)" -- \
	env FAKE_KWASM=eperm LD_PRELOAD="$F" $K unload adder

expect "stats" 0 "modules:            2 (max 64)
engine allocations: 17
default fuel:       1000000
max memory pages:   16
max file size:      1048576 bytes
eBPF bridge:        kfuncs registered" "" -- fake $K stats
expect "stats -j" 0 \
	'{"modules":2,"allocations":17,"fuel":1000000,"max_pages":16,"max_modules":64,"max_file_size":1048576,"bpf_kfuncs":true,"bpf_errno":0}' \
	"" -- fake $K stats -j

t_done kcli
