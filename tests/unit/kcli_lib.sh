# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Sourced by the tests of the kernel subcommands (kernel_cli_test.sh,
# kernel_dp_test.sh), which run the CLI against a fake kwasm family.
# Env: KWASM (the binary, not an ASan build), FAKE (fake_kwasm.so).
set -u
K=${KWASM:-build/hw/kwasm}
F=${FAKE:-build/unit/fake_kwasm.so}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
nl='
'

# expect NAME RC STDOUT STDERR -- CMD...  (STDERR exact, or "" for empty)
expect() {
	name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	if [ "$rc" -eq "$want_rc" ] && [ "$out" = "$want_out" ] && [ "$err" = "$want_err" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - $name: rc $rc (want $want_rc), out '$out' (want '$want_out')," \
			"err '$err' (want '$want_err')"
	fi
}

# fake CMD...: CMD against the fake kwasm family.
fake() {
	env LD_PRELOAD="$F" "$@"
}

# The last line, which the unit test runner adds up.
kcli_done() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
