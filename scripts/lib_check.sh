# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The one way the shell tests check a command and count results, on the
# host (bash, dash) and in the QEMU guest (busybox sh).  Sourced by
# tests/unit/lib.sh, by tests/e2e/lib.sh (tests/e2e, bench/vm and
# tests/debug/vm link it, so it is shipped to the VM with them) and by the
# host runners that count their checks:
#
#   text_is TEXT WANT           TEXT is WANT, literally, except that a `*`
#                               at the start or the end of WANT stands for
#                               any text there: "" is empty, "*" anything,
#                               "*x*" contains x
#   expect NAME RC OUT ERR -- CMD...
#                               one check: CMD exits RC, and its stdout and
#                               its stderr are OUT and ERR by text_is
#   t_check NAME CMD...         one check: CMD exits 0 (its output, both
#                               streams, is the diagnostic of a failure)
#   t_ok NAME                   count a pass: "ok N NAME" (N counts checks)
#   t_fail NAME [DIAG...]       count a failure: "not ok N NAME", then
#                               the DIAGs by t_diag
#   t_diag TEXT...              each line of each TEXT as a "# " line
#   t_add TEXT                  add the counts of TEXT's last "N passed,
#                               N failed" line (another runner's output);
#                               no such line counts as one failure
#   t_done LABEL                the last line, "LABEL: N passed, N failed"
#                               (no "LABEL: " if LABEL is empty), and true
#                               if nothing failed
#
# The lines are KTAP's, so tests/e2e/lib.sh builds its KTAP document (plan,
# skips, totals) on them.  expect keeps CMD's output in $tmp/out and
# $tmp/err ($tmp defaults to /tmp).

t_n=0
t_pass=0
t_failed=0

text_is() {
	t_text=$1 t_want=$2 t_at=
	case $t_want in \**) t_at=h t_want=${t_want#\*} ;; esac
	case $t_want in *\*) t_at=${t_at}t t_want=${t_want%\*} ;; esac
	case $t_at in
	ht) case $t_text in *"$t_want"*) return 0 ;; esac ;;
	h) case $t_text in *"$t_want") return 0 ;; esac ;;
	t) case $t_text in "$t_want"*) return 0 ;; esac ;;
	*) [ "$t_text" = "$t_want" ] && return 0 ;;
	esac
	return 1
}

expect() {
	t_name=$1 t_rc=$2 t_wout=$3 t_werr=$4
	shift 5
	t_got=0
	"$@" >"${tmp:-/tmp}/out" 2>"${tmp:-/tmp}/err" || t_got=$?
	t_out=$(cat "${tmp:-/tmp}/out")
	t_err=$(cat "${tmp:-/tmp}/err")
	if [ "$t_got" -eq "$t_rc" ] && text_is "$t_out" "$t_wout" &&
		text_is "$t_err" "$t_werr"; then
		t_ok "$t_name"
	else
		t_fail "$t_name" "exit $t_got (want $t_rc): $*" \
			"stdout: '$t_out' (want '$t_wout')" "stderr: '$t_err' (want '$t_werr')"
	fi
}

t_check() {
	t_name=$1
	shift
	if t_out=$("$@" 2>&1); then
		t_ok "$t_name"
	else
		t_fail "$t_name" "exit $?: $*" "$t_out"
	fi
}

t_ok() {
	t_n=$((t_n + 1))
	t_pass=$((t_pass + 1))
	echo "ok $t_n $1"
}

t_fail() {
	t_n=$((t_n + 1))
	t_failed=$((t_failed + 1))
	echo "not ok $t_n $1"
	shift
	t_diag "$@"
}

t_diag() {
	for t_d in "$@"; do
		[ -z "$t_d" ] || printf '%s\n' "$t_d" | sed 's/^/# /'
	done
}

t_add() {
	t_line=$(printf '%s\n' "$1" | grep -a -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	t_p=$(echo "$t_line" | sed -n 's/^\(.*[^0-9]\)*\([0-9][0-9]*\) passed.*/\2/p')
	t_f=$(echo "$t_line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	t_pass=$((t_pass + ${t_p:-0}))
	t_failed=$((t_failed + ${t_f:-1}))
}

t_done() {
	echo "${1:+$1: }$t_pass passed, $t_failed failed"
	[ "$t_failed" -eq 0 ]
}
