# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Sourced by the shell unit tests (cli_test.sh, abi_test.sh, fma_test.sh,
# kcli_test.sh, kdp_test.sh): a scratch folder, pass/fail counters, expect,
# and the CLI run against the fake kwasm family.
# Env: KWASM (the binary; for kcli/kdp not an ASan build), FAKE
# (fake_kwasm.so, for the kernel subcommands).
set -u
K=${KWASM:-build/hw/kwasm}
F=${FAKE:-build/unit/fake_kwasm.so}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
nl='
'

# text_is TEXT WANT: TEXT is WANT, literally, except that a `*` at the start
# or the end of WANT stands for any text there ("" is empty, "*" anything).
text_is() {
	text=$1 want=$2 head= tail=
	case $want in \**) head=h want=${want#\*} ;; esac
	case $want in *\*) tail=t want=${want%\*} ;; esac
	case $head$tail in
	ht) case $text in *"$want"*) return 0 ;; esac ;;
	h) case $text in *"$want") return 0 ;; esac ;;
	t) case $text in "$want"*) return 0 ;; esac ;;
	*) [ "$text" = "$want" ] && return 0 ;;
	esac
	return 1
}

# expect NAME RC STDOUT STDERR -- CMD...: CMD exits RC, prints exactly
# STDOUT and, on stderr, what text_is calls STDERR.
expect() {
	name=$1 want_rc=$2 want_out=$3 want_err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
	if [ "$rc" -eq "$want_rc" ] && [ "$out" = "$want_out" ] && text_is "$err" "$want_err"; then
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

# done_line NAME: the last line, which the unit test runner adds up.
done_line() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
