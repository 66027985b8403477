#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# cli/completion/kwasm.bash as bash runs it: sources it, sets COMP_WORDS
# as bash would for a line, calls the completion function and compares
# COMPREPLY.  `kwasm` on PATH is the real CLI against the fake kwasm family
# (LD_PRELOAD, tests/unit/fake_kwasm.c), so module names, exports and
# handles come from real `kwasm list` output.  Also: nothing, and nothing
# on stderr, when the module is not loaded or the family is missing.
# Env: KWASM, KWASM_BPF (the binaries), FAKE (fake_kwasm.so).
set -u
K=$(realpath "${KWASM:-build/hw/kwasm}")
B=$(realpath "${KWASM_BPF:-build/bpf/kwasm-bpf}")
F=$(realpath "${FAKE:-build/unit/fake_kwasm.so}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

mkdir -p "$tmp/bin" "$tmp/sys/kwasm" "$tmp/files/sub"
cat >"$tmp/bin/kwasm" <<EOS
#!/bin/sh
LD_PRELOAD=$F exec $K "\$@"
EOS
chmod +x "$tmp/bin/kwasm"
ln -s "$B" "$tmp/bin/kwasm-bpf"
: >"$tmp/files/a.wasm"
: >"$tmp/files/b.txt"
PATH=$tmp/bin:$PATH
_kwasm_sysmod=$tmp/sys/kwasm
# shellcheck source=/dev/null
. "$(dirname "$0")/../../cli/completion/kwasm.bash"

sorted() {
	tr -s ' ' '\n' <<<"$1" | sed '/^$/d' | sort | tr '\n' ' '
}

# expect NAME WANT WORD...: complete the last WORD; WANT is COMPREPLY,
# space-separated, in any order (bash sorts it), and stderr must stay empty.
expect() {
	local name=$1 want=$2 got f=_kwasm
	shift 2
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	[ "$1" = kwasm-bpf ] && f=_kwasm_bpf
	$f 2>"$tmp/err"
	got="${COMPREPLY[*]}"
	if [ "$(sorted "$got")" = "$(sorted "$want")" ] && [ ! -s "$tmp/err" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - $name: got '$got' (want '$want'), stderr '$(cat "$tmp/err")'"
	fi
}

# Registered for both commands.
for c in kwasm kwasm-bpf; do
	if complete -p "$c" 2>/dev/null | grep -q -- "-F _kwasm"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - complete -p $c: $(complete -p "$c" 2>&1)"
	fi
done

cmds="run spec load unload list call attach detach map stats tls help"
hooks="ipv4-in ipv4-out ipv6-in ipv6-out forward"
expect "commands" "$cmds --help --version" kwasm ''
expect "command prefix" "load list" kwasm l
expect "options at the top" "--help --version" kwasm --
expect "help COMMAND" "$cmds" kwasm help ''
expect "unknown command: nothing" "" kwasm bogus ''
expect "attach --hook" "$hooks" kwasm attach fw filter --hook ''
expect "attach --hook prefix" "ipv6-in ipv6-out" kwasm attach fw filter --hook ipv6
expect "detach --hook" "$hooks" kwasm detach fw filter --hook ''
expect "run --hook (the hooks attach lists)" "$hooks" kwasm run x.wasm --hook ''
expect "attach options" "--fail-closed --hook --netns --priority" kwasm attach fw filter --
expect "after a flag, options again" "--fail-closed --hook --netns --priority" \
	kwasm attach fw filter --fail-closed --
expect "run options, the guest ABI's too" \
	"--clock --conn --dump-maps --fuel --hook --invoke --map --map-entries --max-pages --meta --packet --packet-file --stats" \
	kwasm run x.wasm --
expect "spec options" "--kernel --quiet --spectest --timeout --verbose -q -v" kwasm spec -
expect "list -j" "-j" kwasm list -
expect "a value: nothing" "" kwasm load x.wasm --fuel ''
expect "modules" "adder idle fw" kwasm list ''
expect "module prefix" "idle" kwasm unload i
expect "call: exports" 'add div pair say\ \"hi\"' kwasm call adder ''
expect "call: after a value option" 'add div pair say\ \"hi\"' kwasm call --fuel 10 adder ''
expect "attach: (i32)->i32 exports only" "filter count" kwasm attach fw ''
expect "detach: attached exports" "count filter" kwasm detach fw ''
expect "map verbs" "get set del dump" kwasm map ''
expect "map: modules" "adder idle fw" kwasm map dump ''
expect "map: map numbers" "0 1 2 3" kwasm map get fw ''
expect "map dump -j: modules" "adder idle fw" kwasm map dump -j ''
expect "tls verbs" "add del list status" kwasm tls ''
expect "tls --action" "tls tls-server-only passthrough deny" kwasm tls add --action ''
expect "tls add options" \
	"--action --addr --ca --cert --cgroup --client --fail-open --key --peer --policy --port --server --sni --timeout-ms --uid" \
	kwasm tls add --
cd "$tmp/files" || exit 1
expect "load: .wasm files and folders" "a.wasm sub" kwasm load ''
expect "tls --cert: files" "a.wasm b.txt sub" kwasm tls add --cert ''
expect "--netns: files" "sub" kwasm attach fw filter --netns s
cd - >/dev/null || exit 1

expect "bpf commands" "bench check tc test-run xdp" kwasm-bpf ''
expect "bpf test-run types" \
	"act cgroup_skb fentry kprobe lwt_in lwt_out lwt_xmit netfilter socket syscall tc xdp" \
	kwasm-bpf test-run ''
expect "bpf xdp verbs" "attach detach stats" kwasm-bpf xdp ''
expect "bpf interfaces" "$(cd /sys/class/net && printf '%s ' l*)" kwasm-bpf tc attach l
expect "bpf handles" "3 4" kwasm-bpf xdp attach lo ''
expect "bpf check handle" "3 4" kwasm-bpf check ''
expect "bpf options" "--caps --data --egress --help --noop --repeat --ro --run-caps --size --skb-mode --unchecked --version --write-back -v" kwasm-bpf -

# Degrading: no module loaded, or no family, completes no module and says nothing.
rmdir "$tmp/sys/kwasm"
expect "not loaded: no modules" "" kwasm list ''
expect "not loaded: no exports" "" kwasm call adder ''
expect "not loaded: no handles" "" kwasm-bpf xdp attach lo ''
expect "not loaded: commands still" "$cmds --help --version" kwasm ''
mkdir "$tmp/sys/kwasm"
export FAKE_KWASM=absent
expect "no family: no modules" "" kwasm list ''
expect "no family: no exports" "" kwasm attach fw ''
unset FAKE_KWASM
# No kwasm at all: no commands, and no error.
expect "no program" "--help --version" /nonexistent/kwasm ''

echo "completion: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
