# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Helpers for the debug-kernel scripts (source after tests/e2e/lib.sh):
#
#   kmemleak_check DESC     two scans; ok if kmemleak reports nothing, else
#                           fail with the report (also on the console, for
#                           the host), then clear it so it is reported once
#   fi_setup / fi_teardown  failslab and fail_page_alloc ready for
#                           fail-nth on every allocation a task makes
#   fi_sweep DESC CLEAN UNDO CMD...  run CMD with its 1st, 2nd, ... fault
#                           point failing until a run injects nothing
#
# The scripts run from /extra next to the e2e scripts (tests/qemu/init.sh).

DBG=/sys/kernel/debug
KMEMLEAK=$DBG/kmemleak
FAILNTH=${FAILNTH:-$(dirname "$0")/failnth}
# Upper bound of fault points per command: a sweep that reaches it fails.
FI_MAX=${FI_MAX:-3000}
# A command still running after this long is stuck: failnth prints its
# kernel stack and kills it (exit 124).
FAILNTH_TIMEOUT=${FAILNTH_TIMEOUT:-20}
export FAILNTH_TIMEOUT

kmemleak_scan() {
	# Objects younger than 5 s are never reported; the second scan
	# confirms what the first one found.
	echo scan >"$KMEMLEAK"
	sleep 6
	echo scan >"$KMEMLEAK"
	cat "$KMEMLEAK"
}

kmemleak_check() {
	report=$(kmemleak_scan)
	if [ -z "$report" ]; then
		ktap_ok "$1"
	else
		n=$(printf '%s\n' "$report" | grep -c '^unreferenced object')
		k=$(printf '%s\n' "$report" | grep -c '\[kwasm\]')
		ktap_fail "$1" "kmemleak: $n unreferenced objects, $k backtrace lines in kwasm:" \
			"$(printf '%s\n' "$report" | head -n 80)"
		printf '%s\n' "$report" | sed 's/^/kmemleak-report: /' >&2
	fi
	echo clear >"$KMEMLEAK"
}

fi_setup() {
	for a in failslab fail_page_alloc; do
		# fail-nth ignores probability; 0 keeps the knobs off for
		# everyone else.  GFP_KERNEL allocations are what kwasm makes.
		echo 0 >"$DBG/$a/probability"
		echo 0 >"$DBG/$a/verbose"
		echo N >"$DBG/$a/ignore-gfp-wait"
	done
	# Order-0 pages too (vmalloc'ed memory); user pages stay out (highmem
	# is ignored), so page faults of the command never fail.
	echo 0 >"$DBG/fail_page_alloc/min-order"
	echo "@@ALLOC-FAILURES-EXPECTED begin" >/dev/kmsg
}

fi_teardown() {
	echo "@@ALLOC-FAILURES-EXPECTED end" >/dev/kmsg
	for a in failslab fail_page_alloc; do
		echo Y >"$DBG/$a/ignore-gfp-wait"
		echo 2 >"$DBG/$a/verbose"
	done
	echo 1 >"$DBG/fail_page_alloc/min-order"
}

# fi_sweep DESC CLEAN UNDO CMD...: for N = 1, 2, 3...: run CMD with its Nth
# fault point failing (tests/debug/failnth.c), until a run in which no
# fault was injected; that run must succeed.  Every run that failed must
# fail cleanly: status 1 with a "kwasm: " message, or, before the CLI
# ran at all, the exec failing (126/127, or SIGSEGV/SIGKILL once exec is
# past the point of no return).  After each failed run CLEAN (a shell
# function) must succeed: it checks that the failure left nothing behind,
# and undoes what it finds.  A run that succeeded although a fault was
# injected (the kernel tolerated it) is undone with UNDO.  Prints one KTAP
# line; the diagnostics count the outcomes and the distinct messages.
fi_sweep() {
	desc=$1 clean_fn=$2 undo_fn=$3
	shift 3
	n=0 clean=0 execf=0 tolerated=0 hung=0 bad="" hangs="" nbad=0 cli=0 done=0
	: >/tmp/fi.msgs
	# Ten bad runs are enough to see the problem; the rest of a sweep
	# would only repeat it (a module left behind makes every later load
	# fail with EEXIST).
	while [ $n -lt "$FI_MAX" ] && [ $nbad -lt 10 ]; do
		n=$((n + 1))
		# Progress on the console: a sweep takes minutes under KASAN.
		[ $((n % 100)) != 0 ] || echo "fi_sweep: $desc: N=$n" >/dev/kmsg
		rm -f /tmp/fi.fired
		"$FAILNTH" /tmp/fi.fired $n "$@" >/tmp/fi.out 2>/tmp/fi.err
		rc=$?
		fired=$(cat /tmp/fi.fired 2>/dev/null)
		if [ -z "$fired" ]; then
			bad="$bad; N=$n: failnth: $(cat /tmp/fi.err)"
			break
		fi
		if [ "$fired" = "not fired" ]; then
			[ $rc -eq 0 ] || bad="$bad; N=$n: exit $rc without a fault: $(head -c 200 /tmp/fi.err)"
			done=1
			break
		fi
		case $rc in
		0)
			tolerated=$((tolerated + 1))
			"$undo_fn" >/dev/null 2>&1
			continue
			;;
		1)
			if grep -q '^kwasm: ' /tmp/fi.err; then
				clean=$((clean + 1))
				cli=1
				head -n 1 /tmp/fi.err | sed 's/0x[0-9a-f]*/0x../g' >>/tmp/fi.msgs
			else
				bad="$bad; N=$n: exit 1 without a kwasm message: $(head -c 200 /tmp/fi.err)"
			fi
			;;
		126 | 127 | 135 | 137 | 139)
			# The exec failed: the CLI never ran, nothing to check.
			if [ $cli = 0 ]; then
				execf=$((execf + 1))
				continue
			fi
			bad="$bad; N=$n: exit $rc after the CLI ran: $(head -c 200 /tmp/fi.err)"
			;;
		124)
			# Counted apart: a hang does not stop the sweep.
			hung=$((hung + 1))
			hangs="$hangs; N=$n: stuck, killed: $(tr '\n' ' ' </tmp/fi.err | head -c 300)"
			;;
		*) bad="$bad; N=$n: exit $rc: $(head -c 200 /tmp/fi.err)" ;;
		esac
		if ! out=$("$clean_fn" 2>&1); then
			bad="$bad; N=$n: $out"
		fi
		nbad=$(echo "$bad" | tr -cd ';' | wc -c)
	done
	[ $done = 1 ] || bad="$bad; stopped at N=$n without a fault-free run"
	[ $hung = 0 ] || bad="$bad$(echo "$hangs" | head -c 1200)"
	msgs=$(sort /tmp/fi.msgs | uniq -c | sort -rn | head -n 8)
	summary="$n runs: $clean clean errors, $execf exec failures, $tolerated tolerated, $hung hung"
	if [ -z "$bad" ]; then
		ktap_ok "$desc ($summary)"
		ktap_diag "$msgs"
	else
		ktap_fail "$desc ($summary)" "$(echo "${bad#; }" | tr ';' '\n' | head -n 20)" "$msgs"
	fi
}
