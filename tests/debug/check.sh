#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# check.sh [BUILD]: the debug-kernel lane, `make test-debug`.  Builds (or
# reuses) the debug kernel (tests/debug/kernel.sh: KASAN, lockdep, UBSAN,
# kmemleak, KFENCE, debugobjects, fault injection), kwasm.ko against it
# into BUILD/kmod/KVER, then boots it under QEMU (tests/qemu/run.sh
# --kernel-tree) and runs every tests/e2e script plus tests/debug/vm: the
# checkers are on, allocation failures injected into load, attach and map
# commands, kmemleak after the last rmmod.  Build the static CLI, the
# guests and the eBPF programs first (the Makefile target does).
#
# The run fails on a report of any checker on the console, besides what
# run.sh already catches (BUG, Oops, WARNING, taint...).  The reports, with
# the script that was running, go to BUILD/debug/out/reports.txt.  Ends
# with `test-debug: N passed, N failed, N skipped`; a script that skipped
# whole counts as failed.
#
# Environment: DEBUG_TIMEOUT (VM run, default 7200 s), DEBUG_MEM (MB,
# default 2048), DEBUG_TEST (only these scripts, comma-separated),
# DEBUG_ENV (kwasm.env for the scripts; the default, NET_SLOW=4, gives
# 50-net's timing checks four times their stock-kernel limits: KASAN under
# TCG made a refused connection take 1.9 s), KWASM_SPEC_DIR (the spec
# testsuite for 40-spec).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-${BUILD:-$root/build}}
mkdir -p "$build/debug"
build=$(cd "$build" && pwd)
out=$build/debug/out
tmo=${DEBUG_TIMEOUT:-7200}
mem=${DEBUG_MEM:-2048}
env=${DEBUG_ENV-NET_SLOW=4}
specdir=${KWASM_SPEC_DIR:-$root/../shared/wasm-testsuite}

t0=$(date +%s)
tree=$("$here/kernel.sh" "$build")
kver=$(cat "$tree/kernelrelease")
echo "# test-debug: kernel $kver ($tree), ready after $(($(date +%s) - t0)) s"

# kwasm.ko against the debug tree: KDIR has vmlinux and resolve_btfids,
# so kmod-build.sh makes module BTF without the stock-kernel detour.
log=$build/debug/kmod.log
KDIR=$tree "$root/scripts/kmod-build.sh" "$kver" "$build/kmod/$kver" >"$log" 2>&1 ||
	{ cat "$log"; echo "test-debug: 0 passed, 1 failed, 0 skipped"; exit 1; }

# What /extra gets: the in-VM scripts and the fail-nth helper.
extra=$build/debug/extra
rm -rf "$extra"
mkdir -p "$extra"
cp "$here"/vm/*.sh "$extra/"
${CC:-gcc} -static -O2 -Wall -Wextra -Werror -o "$extra/failnth" "$here/failnth.c"

# 40-spec needs the spec testsuite as JSON (what scripts/spec.sh makes).
if [ -d "$specdir" ]; then
	mkdir -p "$build/spec-json"
	for wast in "$specdir"/*.wast; do
		json=$build/spec-json/$(basename "$wast" .wast).json
		[ ! -f "$json" ] || continue
		wast2json "$wast" -o "$json" >/dev/null 2>&1 || echo "# wast2json failed: $wast"
	done
else
	echo "# test-debug: no spec testsuite in $specdir: 40-spec will skip"
fi

# Reports of the checkers; run.sh's own list covers BUG: (KASAN, KFENCE,
# sleeping in atomic), Oops, WARNING: CPU and Call Trace.
debug_bad='BUG: KASAN|BUG: KFENCE|WARNING: possible|possible circular locking|INFO: possible|UBSAN:|BUG: sleeping function called from invalid context|ODEBUG:|unreferenced object 0x|suspected memory leak|DEBUG_LOCKS_WARN_ON|inconsistent lock state|bad unlock balance|held lock freed'

# no5lvl: -cpu max offers LA57, and with 5-level paging an interrupt that
# lands while identify_cpu() rereads the CPU features makes KASAN see the
# direct map as wild addresses (false reports at boot, seen once in two).
set -- --kernel-tree "$tree" --extra "$extra" --bad "$debug_bad" --timeout "$tmo" \
	--mem "$mem" --out "$out" \
	--append "panic_on_warn=0 kasan_multi_shot no5lvl${env:+ kwasm.env=$env}"
[ -z "${DEBUG_TEST:-}" ] || set -- "$@" --test "$DEBUG_TEST"
runlog=$build/debug/run.log
rc=0
"$root/tests/qemu/run.sh" "$@" "$build" >"$runlog" 2>&1 || rc=$?
cat "$runlog"

# Every report block with the script that was running (init.sh logs
# "kwasm-e2e: running NAME" to kmsg before each script).
tr -d '\r' <"$out/console.judged" | awk -v pat="$debug_bad|BUG:|Oops|WARNING: CPU|general protection" '
/kwasm-e2e: running / { script = $NF }
$0 ~ pat && NR > until {
	printf "==== during %s (console line %d)\n", script ? script : "boot", NR
	until = NR + 80
}
NR <= until { print }' >"$out/reports.txt"
if [ -s "$out/reports.txt" ]; then
	echo "# test-debug: kernel reports in $out/reports.txt:"
	grep '^==== ' "$out/reports.txt" | sed 's/^/#   /'
fi
echo "# test-debug: $(($(date +%s) - t0)) s in all"

line=$(grep -E '^[^ ]*: [0-9]+ passed, [0-9]+ failed' "$runlog" | tail -1 || true)
if [ -z "$line" ]; then
	echo "test-debug: 0 passed, 1 failed, 0 skipped"
	exit 1
fi
# The lane exists to run every script under the checkers: a script that
# skipped whole (a helper missing from the image) is a failure here.
whole=$(awk '/^ *1\.\.0 # SKIP/ { n++ } END { print n + 0 }' "$runlog")
if [ "$whole" -gt 0 ]; then
	echo "# test-debug: $whole script(s) skipped whole (1..0 # SKIP above)"
	rc=1
fi
# shellcheck disable=SC2046 # three numbers, split on purpose
set -- $(echo "${line#*: }" | tr -dc '0-9 ')
echo "test-debug: $1 passed, $(($2 + whole)) failed, $((${3:-0} - whole)) skipped"
[ "$rc" -eq 0 ]
