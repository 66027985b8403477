#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Regression tests for the lifetime, type-confusion and resource bugs of
# the kwasm.ko review (issue 8), one block per defect.  On a stock kernel
# a use-after-free may go unnoticed; the debug-kernel lane (KASAN,
# lockdep, kmemleak) runs this script too and catches it there.
#
#   1  a normal module importing from a data-path module is refused
#   2  an unloaded importer's function (and its host functions) stays
#      callable from the exporter's table, also after a trapped instantiation
#   3  "a\0x" (a function) and "a" (a global) stay apart on the data path
#   5  per-call fuel above the module's is refused; call_ms ends calls and
#      start functions; LOAD reads only memfd/tmpfs descriptors
#   6  data-path fuel is capped; 2^63 fuel runs and ends by the deadline
#   7  a control-plane call on a data-path module leaves the CPUs' instances free
#   8  1,048,576 imports are refused cleanly (no allocator WARN)
#   9  LIST needs CAP_NET_ADMIN, shows a container only its own attachments,
#      and cuts 3,000 exports into a well-formed message
#   10 data-path memory is capped; buried modules count against max_modules
. "$(dirname "$0")"/lib.sh
. "$(dirname "$0")"/lib_bpf.sh

K=$KWASM
B=$KWASM_BPF
G=$KWASM_GUESTS/e2e
P=/sys/module/kwasm/parameters

cleanup() {
	kill -9 $(jobs -p) 2>/dev/null
	"$K" detach h_cp echo --hook ipv4-in 2>/dev/null
	for m in h_user h_table h_dp h_names h_cp h_big h_spin h_wide h_x h_y; do
		"$K" unload $m 2>/dev/null
	done
	kwasm_rmmod
}

kwasm_start 41 cleanup "$G/hard_table.wasm" "$B"

allocs() {
	"$K" stats -j | sed -n 's/.*"allocations":\([0-9]*\).*/\1/p'
}

# --- 1: importing from a data-path module -------------------------------
"$K" load "$G/e2e_dp.wasm" --datapath --name h_dp >/dev/null
expect "1: importing from a data-path module is refused" 1 \
	'*' "*module h_dp is a data-path module: modules cannot import from it*" -- \
	"$K" load "$G/hard_user.wasm" --name h_user --import env=h_dp
"$K" unload h_dp >/dev/null
ktap_check "1: the data-path module unloads alone, nothing leaks" test "$(allocs)" = 0

# --- 2: a buried importer stays whole ------------------------------------
"$K" load "$G/hard_table.wasm" --name h_table >/dev/null
ktap_check "2: load an importer that fills the exporter's table" \
	"$K" load "$G/hard_user.wasm" --name h_user --import env=h_table
ktap_check "2: unload the importer" "$K" unload h_user
ktap_check "2: the exporter still calls the unloaded importer's function" \
	sh -c "[ \"\$('$K' call h_table go)\" = 42 ]"
if dmesg_since_mark | grep -q "h_user: hard_user still here"; then
	ktap_ok "2: its kwasm.log host function ran, with its module's name"
else
	ktap_fail "2: its kwasm.log host function ran, with its module's name" \
		"$(dmesg_since_mark | tail -5)"
fi
expect "2: an importer trapping after its element segment fails to load" 1 \
	'*' "*instantiation trapped: unreachable*" -- \
	"$K" load "$G/hard_user_trap.wasm" --name h_x --import env=h_table
ktap_check "2: the exporter calls the trapped importer's function" \
	sh -c "[ \"\$('$K' call h_table go)\" = 43 ]"
if dmesg_since_mark | grep -q "h_x: trapped importer still here"; then
	ktap_ok "2: the trapped importer's host function ran"
else
	ktap_fail "2: the trapped importer's host function ran" "$(dmesg_since_mark | tail -5)"
fi
ktap_check "2: the exporter unloads (no importer pins it)" "$K" unload h_table
ktap_check "2: the graveyard is freed with the last linked module" test "$(allocs)" = 0

# --- 3: export names with NUL bytes --------------------------------------
"$K" load "$G/hard_names.wasm" --datapath --name h_names >/dev/null
h=$("$K" list -j h_names | sed -n 's/.*"handle":\([0-9]*\).*/\1/p')
if [ -n "$h" ]; then
	ktap_ok "3: \"a\\0x\" has a data-path handle"
else
	ktap_fail "3: \"a\\0x\" has a data-path handle" "$("$K" list -j h_names)"
fi
expect_res "3: the handle calls the function, not the global \"a\"" 77 xdp "${h:-0}" --data 00
"$K" unload h_names >/dev/null

# --- 5: bounded control-plane work ---------------------------------------
"$K" load "$G/hard_spin.wasm" --name h_spin --fuel 1000 >/dev/null
expect "5: a call may not ask for more fuel than its module has" 1 \
	'*' "*fuel 2000 is above the module's limit 1000*" -- "$K" call h_spin spin --fuel 2000
"$K" unload h_spin >/dev/null
echo 1500 >$P/call_ms
"$K" load "$G/hard_spin.wasm" --name h_spin --fuel 9223372036854775807 >/dev/null
t0=$(date +%s)
"$K" call h_spin spin >/tmp/h_spin.out 2>&1
t1=$(date +%s)
if grep -q "deadline exceeded" /tmp/h_spin.out && [ $((t1 - t0)) -le 8 ]; then
	ktap_ok "5: call_ms ends a call with 2^63 fuel ($((t1 - t0)) s)"
else
	ktap_fail "5: call_ms ends a call with 2^63 fuel" "$((t1 - t0)) s" "$(cat /tmp/h_spin.out)"
fi
expect "5: call_ms ends a start function that never returns" 1 \
	'*' "*instantiation trapped: deadline exceeded*" -- \
	"$K" load "$G/hard_start_loop.wasm" --name h_x --fuel 9223372036854775807
echo 10000 >$P/call_ms
"$K" unload h_spin >/dev/null
# LOAD reads only memory: a sysfs file stands for FUSE or NFS here.
N=${KWASM_NLFUZZ:-/usr/bin/kwasm-nlfuzz}
out=$("$N" --load-fd $P/fuel h_x 2>&1)
case $out in
*"Bad file descriptor: "*"must be a memfd or a tmpfs file"*)
	ktap_ok "5: LOAD refuses a descriptor on a file system that may block" ;;
*) ktap_fail "5: LOAD refuses a descriptor on a file system that may block" "$out" ;;
esac
out=$("$N" --load-fd "$G/hard_spin.wasm" h_x 2>&1)
if [ "$out" = "load-fd: ok" ] && "$K" unload h_x >/dev/null; then
	ktap_ok "5: ... and reads one on tmpfs"
else
	ktap_fail "5: ... and reads one on tmpfs" "$out"
fi

# --- 6: data-path fuel ----------------------------------------------------
expect "6: data-path fuel above dp_fuel_max is refused" 1 '*' "*is above dp_fuel_max*" -- \
	"$K" load "$G/e2e_dp.wasm" --datapath --name h_dp --fuel 4611686018427387903
max=$(cat $P/dp_fuel_max)
echo 18446744073709551615 >$P/dp_fuel_max
ktap_check "6: with the cap raised, 2^63 fuel loads" \
	"$K" load "$G/e2e_dp.wasm" --datapath --name h_dp --fuel 9223372036854775808
echo "$max" >$P/dp_fuel_max
expect_res "6: 2^63 fuel does not wrap into an immediate trap" 5 xdp "$(dp_handle h_dp echo)" \
	--data 05
t0=$(date +%s)
expect_res "6: a spinning filter ends by dp_call_us (EDQUOT)" -122 xdp "$(dp_handle h_dp spin)" \
	--data 00
t1=$(date +%s)
ktap_check "6: ... promptly ($((t1 - t0)) s)" test $((t1 - t0)) -le 5
"$K" unload h_dp >/dev/null

# --- 7: control-plane calls have their own instance ----------------------
echo 120000 >$P/call_ms
"$K" load "$G/e2e_dp.wasm" --datapath --name h_cp --fuel 100000000 >/dev/null
taskset -c 0 "$K" call h_cp spin 0 >/tmp/h_cp.out 2>&1 &
sleep 1
got=$(taskset -c 0 "$B" test-run xdp "$(dp_handle h_cp echo)" --data 05 2>&1)
if [ "$(echo "$got" | sed -n 's/^result \(-*[0-9]*\).*/\1/p')" = 5 ]; then
	ktap_ok "7: a data-path call on the same CPU meanwhile is not EBUSY"
else
	ktap_fail "7: a data-path call on the same CPU meanwhile is not EBUSY" "$got"
fi
wait
echo 10000 >$P/call_ms
ktap_check "7: the control-plane call ran to its own end" grep -q "fuel exhausted" /tmp/h_cp.out
"$K" unload h_cp >/dev/null

# --- 8: module-controlled allocation sizes -------------------------------
# 2^20 imports of "e"."f" (6 bytes each): the header, then doubling.
printf '\001e\001f\000\000' >/tmp/h_imp
i=0
while [ $i -lt 20 ]; do
	cat /tmp/h_imp /tmp/h_imp >/tmp/h_imp2 && mv /tmp/h_imp2 /tmp/h_imp
	i=$((i + 1))
done
{
	printf '\000asm\001\000\000\000\001\004\001\140\000\000'
	printf '\002\203\200\200\003\200\200\100'
	cat /tmp/h_imp
} >/tmp/h_big.wasm
rm -f /tmp/h_imp
expect "8: 1,048,576 imports are refused with a reason" 1 \
	'*' "*module has 1048576 imports, at most 100000*" -- "$K" load /tmp/h_big.wasm --name h_big
expect "8: ... also for the data path" 1 '*' "*module has 1048576 imports*" -- \
	"$K" load /tmp/h_big.wasm --name h_big --datapath
rm -f /tmp/h_big.wasm
ktap_check "8: nothing leaks" test "$(allocs)" = 0

# --- 9: LIST ---------------------------------------------------------------
"$K" load "$G/e2e_dp.wasm" --datapath --name h_cp >/dev/null
"$K" attach h_cp echo --hook ipv4-in >/dev/null
expect "9: LIST needs CAP_NET_ADMIN" 1 '*' "*Operation not permitted*" -- \
	su nobody -s /bin/sh -c "$K list"
if "$K" list -j h_cp | grep -q '"attachments":\[{'; then
	ktap_ok "9: the admin sees the attachment"
else
	ktap_fail "9: the admin sees the attachment" "$("$K" list -j h_cp)"
fi
out=$(unshare -U -r -n "$K" list -j h_cp 2>&1)
if echo "$out" | grep -q '"name":"h_cp"' && echo "$out" | grep -q '"attachments":\[\]'; then
	ktap_ok "9: a container's admin sees the module but not the host's attachments"
else
	ktap_fail "9: a container's admin sees the module but not the host's attachments" "$out"
fi
"$K" detach h_cp echo --hook ipv4-in >/dev/null
# An error quoting a long export name is cut to the extack's 80 bytes,
# without 6.2+'s "truncated extack" line quoting it whole in the log.
long=$(printf 'x%.0s' $(seq 1 100))
expect "9: an attach error with a 100-byte export name" 1 '*' "*no data-path export xxx*" -- \
	"$K" attach h_cp "$long" --hook ipv4-in
ktap_check "9: ... is cut without a kernel log line" \
	sh -c "! dmesg | grep -q 'truncated extack'"
"$K" unload h_cp >/dev/null
# 3,000 function exports "e0000".."e2999" of one function: more than a
# 64 KiB attribute nest holds.
{
	printf '\000asm\001\000\000\000\001\004\001\140\000\000\003\002\001\000'
	printf '\007\302\273\001\270\027'
	i=0
	while [ $i -lt 3000 ]; do
		printf '\005e%04d\000\000' $i
		i=$((i + 1))
	done
	printf '\012\004\001\002\000\013'
} >/tmp/h_wide.wasm
"$K" load /tmp/h_wide.wasm --name h_wide >/dev/null
rm -f /tmp/h_wide.wasm
for how in "list -j h_wide" "list -j"; do
	out=$("$K" $how 2>&1)
	n=$(echo "$out" | grep -o '{"name":"e[0-9]*"' | wc -l)
	o=$(echo "$out" | sed -n 's/.*"name":"h_wide".*"exports_omitted":\([0-9]*\).*/\1/p')
	if [ -n "$o" ] && [ "$o" -gt 0 ] && [ $((n + o)) -eq 3000 ]; then
		ktap_ok "9: kwasm $how: $n exports listed, $o counted as omitted"
	else
		ktap_fail "9: kwasm $how: exports listed + omitted = 3000" "listed $n omitted '$o'" \
			"$(echo "$out" | head -c 300)"
	fi
done
"$K" unload h_wide >/dev/null

# --- 10: admin resource limits ------------------------------------------
expect "10: data-path memory above dp_pages_limit is refused" 1 '*' "*above dp_pages_limit*" -- \
	"$K" load "$G/e2e_dp.wasm" --datapath --name h_dp --max-pages 1024
echo 2 >$P/max_modules
"$K" load "$G/hard_table.wasm" --name h_table >/dev/null
"$K" load "$G/hard_user.wasm" --name h_user --import env=h_table >/dev/null
"$K" unload h_user >/dev/null
expect "10: a buried module counts against max_modules" 1 '*' "*1 unloaded but linked*" -- \
	"$K" load "$G/hard_spin.wasm" --name h_y
"$K" unload h_table >/dev/null
ktap_check "10: unloading the last linked module frees the graveyard slot" \
	"$K" load "$G/hard_spin.wasm" --name h_y
"$K" unload h_y >/dev/null
echo 64 >$P/max_modules
ktap_check "allocation counter back to zero" test "$(allocs)" = 0
ktap_check "rmmod kwasm" kwasm_rmmod
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
