#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The man pages of `make man` and the version: each page formats without
# a warning (groff -ww; mandoc -Tlint, style notes too) and renders with
# man; each says what its one source says (every command and option of the
# help, every import and constant of kwasm_guest.h, the programs' version); the
# hand-written parts repeat no README line; kwasm-bpf and kwasm-tlsd have
# kwasm's version, and scripts/version.sh falls back to VERSION without git.
# Env: MAN (build/man), KWASM, KWASM_BPF, KWASM_TLSD (the binaries).
set -u
M=${MAN:-build/man}
K=${KWASM:-build/hw/kwasm}
B=${KWASM_BPF:-build/bpf/kwasm-bpf}
T=${KWASM_TLSD:-build/static/kwasm-tlsd}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top"/scripts/lib_check.sh

# The checkers catch what they are used for here.  mandoc -Tlint prints
# its messages, style notes too, on stdout.
printf '.TH T 1\n.SH NAME\nt \\- t\n.XX bogus\n' >"$tmp/bad.1"
t_check "groff -ww reports an unknown macro" sh -c \
	"groff -man -Tutf8 -ww '$tmp/bad.1' 2>&1 >/dev/null | grep -q ."
t_check "mandoc -Tlint reports an unknown macro" sh -c "mandoc -Tlint '$tmp/bad.1' 2>&1 | grep -q ."
printf '.TH T 1 2026-01-01\n.SH NAME\nt \\- %090d\n' 0 >"$tmp/long.1"
t_check "mandoc -Tlint reports a long line" sh -c "mandoc -Tlint '$tmp/long.1' 2>&1 | grep -q STYLE"

version=$("$top/scripts/version.sh")
for p in kwasm.8 kwasm-bpf.8 kwasm-tlsd.8 kwasm-guest.7; do
	f=$M/$p
	t_check "$p exists" test -s "$f"
	expect "$p: groff -ww" 0 '*' "" -- groff -man -Tutf8 -ww "$f"
	expect "$p: mandoc -Tlint" 0 "" "" -- mandoc -Tlint "$f"
	t_check "$p: man -l renders NAME and SEE ALSO" sh -c \
		"MANWIDTH=80 man -l '$f' 2>/dev/null | grep -q '^NAME' &&
		 MANWIDTH=80 man -l '$f' 2>/dev/null | grep -q '^SEE ALSO'"
	t_check "$p: version $version in the header" grep -q "^\.TH .*\"kwasm $version\"" "$f"
done

# kwasm(8): every command's synopsis and every option of `kwasm help CMD`.
rendered=$(MANWIDTH=200 man -l "$M/kwasm.8" 2>/dev/null)
miss=""
for c in $("$K" help | awk '/^  [a-z]/ { print $1 }'); do
	first=$("$K" help "$c" | head -n 1 | sed 's/^Usage: kwasm //')
	printf '%s\n' "$rendered" | grep -qF -- "$first" || miss="$miss $c"
	for o in $("$K" help "$c" | grep -oE '(^|[ [|])--[a-z][a-z-]*' | sed 's/^[ [|]//' | sort -u); do
		printf '%s\n' "$rendered" | grep -qF -- "$o" || miss="$miss $c:$o"
	done
done
t_check "kwasm.8 has every command and option" test -z "$miss"
t_check "kwasm.8: exit status section" sh -c "printf '%s\n' \"\$1\" | grep -q '^EXIT STATUS'" - "$rendered"

# kwasm-bpf(8) and kwasm-tlsd(8): every line of the help that names a
# command or option, and (kwasm-tlsd) its paragraph and exit status.
has_help() {
	rendered=$(MANWIDTH=200 man -l "$M/$2" 2>/dev/null | tr -s ' \n' '  ')
	miss=""
	"$1" --help | sed -n 's/^  \([^ ].*\)$/\1/p' >"$tmp/tags"
	"$1" --help | grep '^[A-Za-z]' | sed 's/^[Uu]sage: //; s/^[Ee]xit status: //' >>"$tmp/tags"
	while IFS= read -r t; do
		t=$(printf '%s' "$t" | tr -s ' ' ' ')
		printf '%s\n' "$rendered" | grep -qF -- "$t" || miss="$miss [$t]"
	done <"$tmp/tags"
	if [ -z "$miss" ] && [ -s "$tmp/tags" ]; then t_ok "$2 has its help"; else
		t_fail "$2 has its help" "lacks:$miss"; fi
}
has_help "$B" kwasm-bpf.8
has_help "$T" kwasm-tlsd.8
t_check "kwasm-tlsd.8: exit status section" sh -c \
	"MANWIDTH=80 man -l '$M/kwasm-tlsd.8' 2>/dev/null | grep -q '^EXIT STATUS'"

# kwasm-guest(7): every import, its Wasm type, every constant, the ABI version.
h=$top/sdk/c/kwasm_guest.h
abi_h=$top/sdk/c/kwasm_abi.h
rendered=$(MANWIDTH=200 man -l "$M/kwasm-guest.7" 2>/dev/null)
miss=""
for i in $(sed -n 's/^KWASM_IMPORT(\([a-z_]*\)).*/\1/p' "$h"); do
	printf '%s\n' "$rendered" | grep -qF "(import \"kwasm\" \"$i\" (func" || miss="$miss $i"
done
for d in $(sed -n 's/^#define \(KWASM_[A-Z0-9_]*\)[[:space:]].*/\1/p' "$h" "$abi_h"); do
	printf '%s\n' "$rendered" | grep -qF "$d =" || miss="$miss $d"
done
t_check "kwasm-guest.7 has every import and constant" test -z "$miss"
abi=$(sed -n 's/^#define KWASM_ABI_VERSION[[:space:]]*\([0-9]*\).*/\1/p' "$abi_h")
t_check "kwasm-guest.7: ABI version $abi in NAME" grep -q "guest ABI, version $abi\$" "$M/kwasm-guest.7"
t_check "kwasm-guest.7: map_add is (i32 i32 i32 i64) -> i64" grep -qF \
	'(import "kwasm" "map_add" (func (param i32 i32 i32 i64) (result i64)))' "$M/kwasm-guest.7"

# The hand-written parts point to the README rather than repeat it.
for f in "$top"/docs/man/*.in; do
	grep -v '^\.' "$f" | sed 's/\\-/-/g; s/\\f[BIR]//g' | while IFS= read -r l; do
		[ "${#l}" -ge 30 ] && grep -qF -- "$l" "$top/README.md" && echo "$l"
	done
done >"$tmp/dup"
if [ ! -s "$tmp/dup" ]; then t_ok "no README lines in docs/man"; else
	t_fail "no README lines in docs/man" "$(cat "$tmp/dup")"; fi

# The version: one place, the same for both programs; VERSION without git.
t_check "kwasm --version" test "$("$K" --version)" = "kwasm $version"
t_check "kwasm-bpf --version" test "$("$B" --version)" = "kwasm-bpf $version"
t_check "kwasm-tlsd --version" sh -c "'$T' --version | grep -q '^kwasm-tlsd $version (OpenSSL '"
t_check "KWASM_VERSION overrides" test "$(KWASM_VERSION=9.8.7 "$top/scripts/version.sh")" = 9.8.7
mkdir -p "$tmp/tree/scripts"
cp "$top/VERSION" "$tmp/tree/"
cp "$top/scripts/version.sh" "$tmp/tree/scripts/"
t_check "a tree without git: VERSION" test "$(env -u KWASM_VERSION "$tmp/tree/scripts/version.sh")" \
	= "$(cat "$top/VERSION")"
t_check "kwasm-bpf --help: stdout, status 0" sh -c "'$B' --help | grep -q '^usage: kwasm-bpf'"

t_done man
