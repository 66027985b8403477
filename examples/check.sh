#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Run every check in expected.txt against the example guests and
# print TAP/KTAP-style lines, ending with "N passed, N failed".
#
#   check.sh run DIR [MODULE...]  userspace engine:
#                                 $KWASM run DIR/MODULE.wasm --invoke EXPORT ARGS...
#   check.sh call [MODULE...]     kernel module (modules already loaded, each
#                                 under its file's basename, e.g. c_example):
#                                 $KWASM call MODULE EXPORT ARGS...
#
# MODULE... limits the run to those modules.  Environment:
#   KWASM     the kwasm command, may include arguments (default: kwasm from
#             PATH; for "run", DIR/../hw/kwasm when it exists)
#   EXPECTED  the checks file (default: expected.txt beside this script)
#
# Each check line is "MODULE EXPORT ARGS... => RESULT..."; results are compared
# with the command's output lines, one result per line.  Exit 0 when every
# selected check passed and at least one ran.
set -u
set -f	# arguments such as "*" or "nan" are never globs

usage() {
	echo "usage: $0 run DIR [MODULE...] | $0 call [MODULE...]" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-}
[ $# -gt 0 ] && shift
case $mode in
run)
	[ $# -ge 1 ] || usage
	dir=$1
	shift
	if [ -z "${KWASM:-}" ] && [ -x "$dir/../hw/kwasm" ]; then
		KWASM=$dir/../hw/kwasm
	fi
	;;
call) ;;
*) usage ;;
esac
KWASM=${KWASM:-kwasm}
EXPECTED=${EXPECTED:-$here/expected.txt}
only=" $* "
[ "$only" = "  " ] && only=""

[ -r "$EXPECTED" ] || { echo "$0: cannot read $EXPECTED" >&2; exit 1; }
err=$(mktemp)
trap 'rm -f "$err"' EXIT

selected() {
	[ -z "$only" ] || case $only in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# Words of "$@" joined by single spaces: output lines and expected results
# compare the same way.
words() {
	echo "$*"
}

total=0
while read -r m _; do
	case $m in '' | '#'*) continue ;; esac
	selected "$m" && total=$((total + 1))
done <"$EXPECTED"
echo "1..$total"

n=0
passed=0
failed=0
while IFS= read -r line; do
	case $line in '' | '#'*) continue ;; esac
	lhs=${line%% => *}
	rhs=${line#* => }
	# shellcheck disable=SC2086 # word splitting is the point
	set -- $lhs
	module=$1
	selected "$module" || continue
	n=$((n + 1))
	if [ "$lhs" = "$line" ] || [ $# -lt 2 ]; then
		echo "not ok $n - malformed line: $line"
		failed=$((failed + 1))
		continue
	fi
	export=$2
	shift 2
	# shellcheck disable=SC2086
	if [ "$mode" = run ]; then
		out=$($KWASM run "$dir/$module.wasm" --invoke "$export" "$@" \
			</dev/null 2>"$err")
	else
		out=$($KWASM call "$module" "$export" "$@" </dev/null 2>"$err")
	fi
	rc=$?
	# shellcheck disable=SC2086
	got=$(words $out)
	# shellcheck disable=SC2086
	want=$(words $rhs)
	desc="$module $export${*:+ $*} => $want"
	if [ $rc -eq 0 ] && [ "$got" = "$want" ]; then
		echo "ok $n - $desc"
		passed=$((passed + 1))
	else
		echo "not ok $n - $desc"
		echo "# got: ${got:-(nothing)} (exit $rc)"
		sed 's/^/# /' "$err"
		failed=$((failed + 1))
	fi
done <"$EXPECTED"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $n -gt 0 ]
