#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# run.sh OUT KWASM_HW KWASM_SOFT PROG...
#
# For each program: run OUT/native/PROG (best of NATIVE_REPS calls of run() in
# one process), then time `KWASM run OUT/wasm/PROG.wasm --invoke run [KWASM_ARGS]`
# end to end, best of REPS processes.  Start-up (load + compile) is included and
# shown on its own as the time of a trivial module.  A runner's result counts only
# if its checksum equals the native one.  An empty KWASM_HW/KWASM_SOFT skips that
# column.  A runner named wasm-interp (wabt) is driven with --run-all-exports.
#
# Environment: REPS (3), NATIVE_REPS (5), SLOW_MS (5000: no more repeats once one
# run took this long), TIMEOUT (300 s per run), KWASM_ARGS, HW_LABEL, SOFT_LABEL.

set -u

if [ $# -lt 3 ]; then
	echo "usage: $0 OUT KWASM_HW KWASM_SOFT PROG..." >&2
	exit 2
fi
out=$1
hw=$2
soft=$3
shift 3

reps=${REPS:-3}
nreps=${NATIVE_REPS:-5}
slow_ms=${SLOW_MS:-5000}
tmo=${TIMEOUT:-300}
kargs=${KWASM_ARGS:-}
hw_label=${HW_LABEL:-kwasm-hw}
soft_label=${SOFT_LABEL:-kwasm-soft}

if [ -z "$hw" ] && [ -z "$soft" ]; then
	echo "bench: set KWASM_HW and/or KWASM_SOFT (absolute paths to kwasm binaries)" >&2
	exit 2
fi
for r in "$hw" "$soft"; do
	if [ -n "$r" ] && [ ! -x "$r" ]; then
		echo "bench: $r is not an executable" >&2
		exit 2
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kwasm-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
errs=$tmp/errors
: >"$errs"

# Last integer on the first line of a file ("123", "i32:123", "run() => i32:123").
checksum_of() {
	head -n 1 "$1" | awk '{
		s = $0; v = "";
		while (match(s, /-?[0-9]+/)) {
			v = substr(s, RSTART, RLENGTH);
			s = substr(s, RSTART + RLENGTH);
		}
		print v
	}'
}

# ms_between T0_NS T1_NS
ms_between() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'
}

# run_wasm RUNNER WASM WANT: sets res_ms to the best time or res_err to a reason.
run_wasm() {
	rw_r=$1
	rw_w=$2
	rw_want=$3
	res_ms=""
	res_err=""
	rw_i=0
	while [ "$rw_i" -lt "$reps" ]; do
		rw_t0=$(date +%s%N)
		case ${rw_r##*/} in
		wasm-interp*)
			timeout "$tmo" "$rw_r" "$rw_w" --run-all-exports >"$tmp/out" 2>"$tmp/err"
			;;
		*)
			# shellcheck disable=SC2086 # KWASM_ARGS is a word list on purpose
			timeout "$tmo" "$rw_r" run "$rw_w" --invoke run $kargs \
				>"$tmp/out" 2>"$tmp/err"
			;;
		esac
		rw_rc=$?
		rw_t1=$(date +%s%N)
		if [ "$rw_rc" -ne 0 ]; then
			[ "$rw_rc" -eq 124 ] && echo "timed out after ${tmo}s" >>"$tmp/err"
			rw_msg=$(cat "$tmp/err" "$tmp/out" | head -n 3 | tr '\n' ' ')
			res_err="exit $rw_rc: $rw_msg"
			return
		fi
		rw_got=$(checksum_of "$tmp/out")
		if [ "$rw_got" != "$rw_want" ]; then
			res_err="checksum mismatch: got '$rw_got', native $rw_want"
			return
		fi
		rw_ms=$(ms_between "$rw_t0" "$rw_t1")
		if [ -z "$res_ms" ] || awk -v a="$rw_ms" -v b="$res_ms" 'BEGIN { exit !(a < b) }'
		then
			res_ms=$rw_ms
		fi
		awk -v a="$rw_ms" -v s="$slow_ms" 'BEGIN { exit !(a >= s) }' && break
		rw_i=$((rw_i + 1))
	done
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

row() {
	printf '%-10s %10s %14s %8s %14s %8s\n' "$@"
}

# column RUNNER LABEL: the cells of RUNNER in the row of program $p, col_ms
# and col_r (its ratio to the native $nat_raw ms); "-" for no runner, FAIL
# (recorded in $errs, ok cleared) for a failed run.
column() {
	col_ms="-"
	col_r="-"
	[ -n "$1" ] || return 0
	run_wasm "$1" "$out/wasm/$p.wasm" "$want"
	if [ -n "$res_err" ]; then
		echo "$p/$2: $res_err" >>"$errs"
		col_ms=FAIL
		ok=0
	else
		col_ms=$res_ms
		col_r=$(ratio "$res_ms" "$nat_raw")
	fi
}

row program "native ms" "$hw_label ms" ratio "$soft_label ms" ratio
passed=0
failed=0
hw_logs=""
soft_logs=""

# Start-up: a module whose run() returns 42.
st_hw="-"
st_soft="-"
if [ -n "$hw" ]; then
	run_wasm "$hw" "$out/wasm/startup.wasm" 42
	st_hw=${res_ms:-FAIL}
	[ -n "$res_err" ] && echo "startup/$hw_label: $res_err" >>"$errs"
fi
if [ -n "$soft" ]; then
	run_wasm "$soft" "$out/wasm/startup.wasm" 42
	st_soft=${res_ms:-FAIL}
	[ -n "$res_err" ] && echo "startup/$soft_label: $res_err" >>"$errs"
fi
row "(startup)" - "$st_hw" - "$st_soft" -

for p in "$@"; do
	ok=1
	if ! "$out/native/$p" "$nreps" >"$tmp/native" 2>"$tmp/err"; then
		echo "$p/native: $(head -n 3 "$tmp/err" | tr '\n' ' ')" >>"$errs"
		row "$p" FAIL - - - -
		failed=$((failed + 1))
		continue
	fi
	read -r want nat_raw <"$tmp/native"
	nat_ms=$(awk -v a="$nat_raw" 'BEGIN { printf "%.1f", a }')

	column "$hw" "$hw_label"
	h_ms=$col_ms
	h_r=$col_r
	[ "$h_r" = - ] || hw_logs="$hw_logs $h_r"
	column "$soft" "$soft_label"
	s_ms=$col_ms
	s_r=$col_r
	[ "$s_r" = - ] || soft_logs="$soft_logs $s_r"
	row "$p" "$nat_ms" "$h_ms" "$h_r" "$s_ms" "$s_r"
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done

geomean() {
	echo "$1" | awk '{
		s = 0;
		for (i = 1; i <= NF; i++)
			s += log($i);
		if (NF)
			printf "%.2f", exp(s / NF);
		else
			printf "-";
	}'
}
row geomean - - "$(geomean "$hw_logs")" - "$(geomean "$soft_logs")"

if [ -s "$errs" ]; then
	echo
	echo "!!! FAILURES (not counted in the ratios):"
	sed 's/^/!!!   /' "$errs"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ! -s "$errs" ]
