#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# `kwasm run` as a user meets it: argument parsing, result printing, exit
# codes, trap and error messages, runaway guests under a tiny native stack.
# Env: KWASM (the binary), WATDIR (folder with cli.wasm).
W=${WATDIR:-build/unit/wat}/cli.wasm
. "$(dirname "$0")"/lib.sh

expect "i32 add" 0 "5" "" -- $K run "$W" --invoke add 2 3
expect "i32 wraps, signed output" 0 "-2" "" -- $K run "$W" --invoke add 0xffffffff 4294967295
expect "i64 negate" 0 "-9223372036854775807" "" -- $K run "$W" --invoke neg64 9223372036854775807
expect "f64 shortest form" 0 "0.3333333333333333" "" -- $K run "$W" --invoke fdiv 1 3
expect "f64 infinity" 0 "inf" "" -- $K run "$W" --invoke fdiv 1 0
expect "f32 shortest form" 0 "1.4142135" "" -- $K run "$W" --invoke fsqrt 2
expect "multi-value" 0 "-1${nl}9000000000${nl}0.5" "" -- $K run "$W" --invoke multi
expect "default _start" 0 "" "" -- $K run "$W"
expect "divide by zero" 2 "" "*kwasm: trap: integer divide by zero*" -- \
	$K run "$W" --invoke div 1 0
expect "overflow" 2 "" "*kwasm: trap: integer overflow*" -- \
	$K run "$W" --invoke div -2147483648 -1
expect "memory bounds" 2 "" "*kwasm: trap: out of bounds memory access*" -- \
	$K run "$W" --invoke oob
expect "fuel" 2 "" "*kwasm: trap: fuel exhausted*" -- $K run "$W" --invoke spin --fuel 100000
expect "recursion" 2 "" "*kwasm: trap: call stack exhausted*" -- $K run "$W" --invoke recurse 0
# Neither runaway grows the native stack: 256 KiB is plenty.
expect "recursion, small stack" 2 "" "*call stack exhausted*" -- \
	sh -c "ulimit -s 256; exec $K run '$W' --invoke recurse 0"
expect "fuel, small stack" 2 "" "*fuel exhausted*" -- \
	sh -c "ulimit -s 256; exec $K run '$W' --invoke spin --fuel 1000000"
expect "unknown export" 1 "" "*nosuch*" -- $K run "$W" --invoke nosuch
expect "bad argument" 1 "" "kwasm: argument 2: 'zebra' is not a valid i32" -- $K run "$W" --invoke add 1 zebra
expect "missing argument" 1 "" "kwasm: add expects 2 arguments (i32 i32), got 1" -- $K run "$W" --invoke add 1
expect "missing file" 1 "" "*kwasm:*" -- $K run "$tmp/none.wasm"

# Invalid modules: `kwasm: FILE: OFFSET: reason`, exit 1, never a crash.
head -c 8 "$W" >"$tmp/header.wasm"
printf '\0asm\1\0\0\0\1\5\1\140\0\1\176\3\2\1\0\12\6\1\4\0\101\0\13' >"$tmp/bad.wasm"
printf 'garbage!' >"$tmp/garbage.wasm"
expect "empty module runs nothing" 1 "" "*_start*" -- $K run "$tmp/header.wasm"
expect "garbage" 1 "" "*magic header not detected*" -- $K run "$tmp/garbage.wasm"
expect "type mismatch" 1 "" "*type mismatch*" -- $K run "$tmp/bad.wasm"
n=$(wc -c <"$W")
i=9
bad=0
while [ "$i" -lt "$n" ]; do
	head -c "$i" "$W" >"$tmp/cut.wasm"
	$K run "$tmp/cut.wasm" >/dev/null 2>"$tmp/err"
	rc=$?
	# A cut at a section boundary can leave a valid module without _start.
	if [ "$rc" -ne 1 ] || ! grep -q "^kwasm: .*cut.wasm: " "$tmp/err"; then
		bad=$((bad + 1))
		echo "not ok - truncated at $i: rc $rc: $(cat "$tmp/err")"
	fi
	i=$((i + 7))
done
if [ "$bad" -eq 0 ]; then t_ok "every truncation refused"; else
	t_fail "every truncation refused" "$bad cuts were not"
fi

# The command itself: version, help per command, unknown commands.
expect "--version" 0 "1" "" -- sh -c "$K --version | grep -c '^kwasm [0-9][0-9a-z.+]*$'"
expect "help COMMAND" 0 "Usage: kwasm detach NAME EXPORT --hook ipv4-in|ipv4-out|ipv6-in|ipv6-out|forward [--netns PATH]
  remove a netfilter attachment" "" -- $K help detach
expect "COMMAND --help" 0 "Usage: kwasm unload NAME
  unload a module from the kernel" "" -- $K unload --help
expect "help run: the guest ABI options" 0 "1" "" -- sh -c "$K help run | grep -c -- '^  --packet HEX | --packet-file FILE'"
expect "help spec: every option" 0 "1" "" -- sh -c "$K help spec | grep -c -- '^  --timeout SECONDS'"
expect "typo" 1 "" "*kwasm: unknown command 'lsit'; did you mean 'list'?*" -- $K lsit
expect "unique prefix" 1 "" "*did you mean 'detach'?*" -- $K det
expect "no guess" 1 "" "*Run 'kwasm help' for the list of commands.*" -- $K zzzz
expect "no guess, no wrong hint" 0 "0" "" -- sh -c "$K zzzz 2>&1 | grep -c 'did you mean' || true"
expect "help: typo" 1 "" "*kwasm: unknown command 'lod'; did you mean 'load'?*" -- $K help lod

t_done cli_test
