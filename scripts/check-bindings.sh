#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# check-bindings.sh ABI_H RUST_RS AS_TS: the Rust and AssemblyScript
# bindings against sdk/c/kwasm_abi.h, the guest ABI's one definition.
# A binding of ABI_VERSION N must declare every import of version <= N
# with the header's Wasm signature and every constant of version <= N
# (a group of #defines whose title says "(version 2)" is version 2) with
# the header's value, and nothing the header lacks.  Prints one line per
# check and "bindings: N passed, N failed".
set -eu
abi_h=$1
rust=$2
ts=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "import NAME VERSION SIG" and "const NAME VERSION VALUE", SIG as i32,i32>i64.
awk '
/^\/\* .* \*\/$/ { ver = $0 ~ /\(version [0-9]+\)/ ? $0 : ""; sub(/.*\(version /, "", ver);
	sub(/\).*/, "", ver); if (ver == "") ver = 1; next }
/^$/ { ver = 1 }
/^#define KWASM_ABI_VERSION[ \t]/ { print "const ABI_VERSION 1 " $3; next }
/^#define KWASM_[A-Z0-9_]+[ \t]+\(?-?[0-9]+\)?/ {
	n = $2; sub(/^KWASM_/, "", n); v = $3; gsub(/[()]/, "", v)
	print "const " n " " ver " " v; next
}
/^[ \t]*X\([a-z_]+,/ {
	s = $0; sub(/^[ \t]*X\(/, "", s); sub(/\).*/, "", s); gsub(/ /, "", s)
	k = split(s, f, ","); sig = ""
	for (i = 5; i <= k; i++)
		sig = sig (i == 5 + f[3] ? ">" : i == 5 ? "" : ",") tolower(f[i])
	if (f[4] == 0)
		sig = sig ">"
	print "import " f[1] " " f[2] " " sig
}' "$abi_h" >"$tmp/abi"

# The Wasm type of a binding type: pointers and 32-bit integers are i32.
# "import NAME SIG" and "const NAME VALUE" from the two languages.
wasm_types='
function wt(t) {
	gsub(/^[ \t]+|[ \t]+$/, "", t)
	sub(/^[a-z_]+ *: */, "", t)
	if (t ~ /^(i64|u64)$/)
		return "i64"
	if (t ~ /^(i32|u32|usize|isize)$/ || t ~ /\*/)
		return "i32"
	return "?" t
}
function sig(params, ret,   k, p, i, s) {
	k = split(params, p, ",")
	s = ""
	for (i = 1; i <= k; i++)
		if (p[i] !~ /^[ \t]*$/)
			s = s (s == "" ? "" : ",") wt(p[i])
	return s ">" (ret == "" || ret == "void" ? "" : wt(ret))
}'
awk "$wasm_types"'
/^pub const [A-Z0-9_]+: [a-z0-9]+ = -?[0-9]+;/ {
	n = $3; sub(/:$/, "", n); v = $6; sub(/;$/, "", v); print "const " n " " v; next
}
/^ *pub fn [a-z_]+\(.*\)( -> [a-z0-9]+)?;$/ {
	n = $0; sub(/^ *pub fn /, "", n); sub(/\(.*/, "", n)
	p = $0; sub(/^[^(]*\(/, "", p); sub(/\).*/, "", p)
	r = $0; if (!sub(/.*\) -> /, "", r)) r = ""; sub(/;$/, "", r)
	print "import " n " " sig(p, r)
}' "$rust" >"$tmp/rust"
awk "$wasm_types"'
/^export const [A-Z0-9_]+: [a-z0-9]+ = -?[0-9]+;/ {
	n = $3; sub(/:$/, "", n); v = $6; sub(/;$/, "", v); print "const " n " " v; next
}
/^@external\("kwasm", "[a-z_]+"\)$/ { ext = $2; gsub(/"|\)/, "", ext); next }
/^export declare function [a-z_]+\(.*\): [a-z0-9]+;$/ {
	n = $4; sub(/\(.*/, "", n)
	if (n != ext) { print "import " n " unlinked"; next }
	p = $0; sub(/^[^(]*\(/, "", p); sub(/\).*/, "", p)
	r = $0; sub(/.*\): /, "", r); sub(/;$/, "", r)
	print "import " n " " sig(p, r)
}' "$ts" >"$tmp/ts"

. "$(dirname "$0")"/lib_check.sh

for b in rust ts; do
	f=$tmp/$b
	bver=$(awk '$1 == "const" && $2 == "ABI_VERSION" { print $3 }' "$f")
	hver=$(awk '$2 == "ABI_VERSION" { print $4 }' "$tmp/abi")
	if [ -n "$bver" ] && [ "$bver" -le "$hver" ]; then
		t_ok "$b: ABI_VERSION $bver"
	else
		t_fail "$b: ABI_VERSION '$bver' (header: $hver)"
		bver=0
	fi
	# What the header asks of a binding of this version, and what it has.
	awk -v v="$bver" '$1 == "import" && $3 <= v { print "import " $2 " " $4 }
		$1 == "const" && $2 != "ABI_VERSION" && $3 <= v { print "const " $2 " " $4 }' \
		"$tmp/abi" | sort >"$tmp/want"
	grep -v '^const ABI_VERSION ' "$f" | sort >"$tmp/have"
	while read -r kind name val; do
		if grep -qx "$kind $name $val" "$tmp/have"; then
			t_ok "$b: $kind $name $val"
		else
			got=$(awk -v k="$kind" -v n="$name" '$1 == k && $2 == n { print $3 }' \
				"$tmp/have")
			t_fail "$b: $kind $name is '${got:-missing}', header: $val"
		fi
	done <"$tmp/want"
	# Anything beyond the header (or of a later version) is drift too.
	while read -r kind name val; do
		grep -qx "$kind $name $val" "$tmp/want" ||
			t_fail "$b: $kind $name $val is not in $abi_h for version $bver"
	done <"$tmp/have"
done

t_done bindings
