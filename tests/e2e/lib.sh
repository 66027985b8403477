# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# KTAP helpers for the e2e scripts that run inside the QEMU guest (busybox
# sh) or on any test machine with a POSIX sh.  Source it, then:
#
#   ktap_plan N                  header and plan (or ktap_skip_all REASON)
#   ktap_ok DESC / ktap_fail DESC [DIAG...]
#   ktap_check DESC CMD [ARG...]  ok if CMD exits 0 (its output becomes diagnostics)
#   expect DESC RC OUT ERR -- CMD...
#                                ok if CMD exits RC, prints OUT and, on stderr,
#                                ERR (scripts/lib_check.sh: "*" any text, so
#                                '*' "*MSG*" is any stdout and MSG in stderr)
#   kwasm_rmmod                  rmmod kwasm, retrying while BPF programs pin it
#   ktap_skip DESC REASON
#   ktap_diag TEXT...            each line a "# " diagnostic line
#   ktap_cleanup FUNC            run FUNC now and again on exit (idempotent cleanup)
#   dmesg_mark / dmesg_check DESC  fail if the kernel logged a WARN/BUG/Oops since the mark
#   ktap_done                    totals, checks the plan, exits 0 only if all passed
#
# Results go to stdout, one KTAP line each; anything else a test prints
# must go to stderr or through ktap_diag.  Environment (set by the QEMU
# /init, defaults here): KVER, KWASM_KO (kwasm.ko path), KWASM (the static
# CLI), KWASM_GUESTS (folder of test .wasm files).

KVER=${KVER:-$(uname -r)}
KWASM_KO=${KWASM_KO:-/lib/modules/$KVER/extra/kwasm.ko}
KWASM=${KWASM:-/usr/bin/kwasm}
KWASM_GUESTS=${KWASM_GUESTS:-/guest}

# The checks and their lines, shared with the host's shell tests
# (scripts/lib_check.sh, linked next to this file's users: tests/e2e,
# bench/vm, tests/debug/vm, so the VM gets it with them): expect, t_check,
# t_ok, t_fail, t_diag and their counters t_n, t_pass, t_failed.
. "$(dirname "$0")"/lib_check.sh
ktap_ok() { t_ok "$@"; }
ktap_fail() { t_fail "$@"; }
ktap_check() { t_check "$@"; }
ktap_diag() { t_diag "$@"; }

ktap_planned=-1
ktap_skipped=0
ktap_mark=""

ktap_plan() {
	ktap_planned=$1
	echo "KTAP version 1"
	echo "1..$1"
}

# The whole script does not apply here (missing config, no module...).
ktap_skip_all() {
	echo "KTAP version 1"
	echo "1..0 # SKIP $*"
	exit 0
}

ktap_skip() {
	t_n=$((t_n + 1))
	ktap_skipped=$((ktap_skipped + 1))
	echo "ok $t_n $1 # SKIP $2"
}

ktap_cleanup_fn=""
ktap_on_exit() {
	rc=$?
	trap - EXIT
	[ -z "$ktap_cleanup_fn" ] || "$ktap_cleanup_fn" >/dev/null 2>&1 || true
	exit $rc
}

ktap_cleanup() {
	ktap_cleanup_fn=$1
	"$1" >/dev/null 2>&1 || true
	trap ktap_on_exit EXIT
	trap 'exit 130' INT TERM
}


# rmmod kwasm, trying for up to 10 s: a BPF program that called a kfunc
# holds a reference on kwasm.ko until the kernel frees it, which happens
# asynchronously after its last file descriptor is closed.
kwasm_rmmod() {
	i=0
	while [ -d /sys/module/kwasm ]; do
		rmmod kwasm 2>/dev/null && return 0
		i=$((i + 1))
		if [ $i -ge 10 ]; then
			rmmod kwasm
			return
		fi
		sleep 1
	done
}

# The kernel log lines that mean a bug, whatever panic_on_warn says.
KTAP_KERNEL_BUG='WARNING: CPU|BUG:|Oops|Call Trace|kernel BUG|general protection|soft lockup|UBSAN|KASAN|refcount_t:|list_(add|del) corruption'

# expect_grep [-F] DESC PATTERN CMD...: CMD succeeds and PATTERN (grep -E;
# with -F a fixed string) is in its stdout.
expect_grep() {
	how=-qE
	if [ "$1" = -F ]; then
		how=-qF
		shift
	fi
	desc=$1 pat=$2
	shift 2
	if out=$("$@" 2>/tmp/err) && printf '%s\n' "$out" | grep "$how" -- "$pat"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "want '$pat' in:" "$out" "$(cat /tmp/err)"
	fi
}

# ktap_need FILE...: skip the whole script unless each FILE is here.
ktap_need() {
	for f in "$@"; do
		[ -e "$f" ] || ktap_skip_all "not in this VM: $f"
	done
}

# kwasm_start PLAN CLEANUP [FILE...]: skip the script unless kwasm.ko and
# each FILE are here, plan PLAN checks, run CLEANUP now and at exit, mark
# dmesg and load kwasm.ko: the common start of a script that needs it.
kwasm_start() {
	plan=$1 fn=$2
	shift 2
	ktap_need "$KWASM_KO" "$@"
	ktap_plan "$plan"
	ktap_cleanup "$fn"
	dmesg_mark
	insmod "$KWASM_KO" || ktap_fail "insmod"
}

dmesg_mark() {
	ktap_mark="ktap-mark-$$-$t_n-$(date +%s)"
	echo "$ktap_mark" >/dev/kmsg
}

dmesg_since_mark() {
	dmesg | sed -n "/$ktap_mark/,\$p"
}

dmesg_check() {
	if [ -z "$ktap_mark" ]; then
		ktap_fail "$1" "dmesg_check without dmesg_mark"
		return
	fi
	bad=$(dmesg_since_mark | grep -E "$KTAP_KERNEL_BUG" | head -20)
	if [ -z "$bad" ]; then
		ktap_ok "$1"
	else
		ktap_fail "$1" "kernel log since the mark:" "$bad"
	fi
}

ktap_done() {
	if [ "$ktap_planned" -ge 0 ] && [ "$t_n" -ne "$ktap_planned" ]; then
		ktap_diag "planned $ktap_planned tests but ran $t_n"
		t_failed=$((t_failed + 1))
	fi
	echo "# Totals: pass:$t_pass fail:$t_failed xfail:0 xpass:0 skip:$ktap_skipped error:0"
	[ "$t_failed" -eq 0 ]
	exit $?
}
