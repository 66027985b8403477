# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Sourced by the tests of `kwasm run` (cli_test.sh, abi_test.sh): a scratch
# folder, pass/fail counters and expect.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
nl='
'

# expect NAME RC STDOUT STDERR-SUBSTRING -- CMD...
expect() {
	name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	if [ "$rc" -eq "$want_rc" ] && [ "$out" = "$want_out" ] &&
	   { [ -z "$want_err" ] || grep -qF -- "$want_err" "$tmp/err"; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - $name: rc $rc (want $want_rc), out '$out' (want '$want_out')," \
			"err '$(cat "$tmp/err")' (want '$want_err')"
	fi
}
