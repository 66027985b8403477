#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# man-guest.sh KWASM_H: print kwasm-guest(7), the guest ABI, made from
# sdk/c/kwasm_guest.h and the kwasm_abi.h it includes (read in place of its
# #include line, without its first comment).  They are the ABI's one definition:
# kwasm.ko and the CLI compile its constants, guests its declarations, and
# its kernel-doc says what each import does; a page made from it cannot
# disagree with what runs.  Its first comment becomes DESCRIPTION, each
# kernel-doc block and KWASM_IMPORT() declaration a function (with the
# Wasm type of the import, derived from the C types), and each group of
# #defines under a one-line comment a table of constants.
set -eu
h=$1
top=$(cd "$(dirname "$0")/.." && pwd)
version=${KWASM_VERSION:-$("$top/scripts/version.sh")}
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
	date=$(git -C "$top" log -1 --format=%cs -- "$h" 2>/dev/null || true)
	[ -n "$date" ] || date=$(date -u -r "$h" +%Y-%m-%d)
fi

# kwasm_guest.h with kwasm_abi.h's body in place of its #include.
inline() {
	awk -v abi="$(dirname "$h")/kwasm_abi.h" '
	$0 == "#include \"kwasm_abi.h\"" {
		top = 1
		while ((getline l < abi) > 0) {
			if (top) {
				if (l ~ /^ \*\//)
					top = 0
				continue
			}
			print l
		}
		next
	}
	{ print }
	' "$h"
}

inline | awk -v version="$version" -v date="$date" "$(cat "$top/scripts/man-roff.awk")"'
# Prose: @param in italics, constants and functions in bold.
function prose(s) {
	s = esc(s)
	gsub(/@[a-z_]+/, "\001&\002", s)
	gsub(/\001@/, "\\fI", s)
	gsub(/KWASM_[A-Z0-9_]+\*?|kwasm_[a-z_]+\(\)/, "\\fB&\\fR", s)
	gsub(/\002/, "\\fR", s)
	return lead(s)
}
function add(sec, s) { out[sec] = out[sec] s "\n" }
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
# The Wasm value type of a C parameter or result: pointers are i32 addresses.
function wtype(t) {
	t = trim(t)
	if (t ~ /\*/ || t ~ /(^|[ ])int$/)
		return "i32"
	if (t ~ /long long$/)
		return "i64"
	return ""
}
# Close the block of comment text being gathered.
function flush_code() {
	if (code) {
		add(sec_of_text, ".EE")
		add(sec_of_text, ".RE")
		code = 0
	}
}
function comment_line(s) {
	sub(/^ \*/, "", s)
	if (s ~ /^\t/) {
		if (!code) {
			add(sec_of_text, ".PP")
			add(sec_of_text, ".RS")
			add(sec_of_text, ".EX")
			code = 1
		}
		sub(/^\t/, "", s)
		gsub(/\t/, "        ", s)
		add(sec_of_text, prot(esc(s)))
		return
	}
	flush_code()
	s = trim(s)
	if (s == "") {
		para = 1
		return
	}
	if (para) {
		add(sec_of_text, ".PP")
		para = 0
	}
	add(sec_of_text, prose(s))
}

# The first comment: the description.
state == "" && /^\/\*$/ && !seen_top { state = "top"; sec_of_text = "desc"; para = 0; next }
state == "top" && /^ \*\// { flush_code(); state = ""; seen_top = 1; next }
state == "top" { comment_line($0); next }

# Kernel-doc: "name() - summary", @params, body, Return:.
/^\/\*\*$/ { state = "doc"; nparam = 0; body = ""; ret = ""; summary = ""; inret = 0; next }
state == "doc" && /^ \*\// { state = "decl"; decl = ""; next }
state == "doc" {
	s = $0
	sub(/^ \* ?/, "", s)
	if (summary == "") {
		summary = s
		sub(/^[a-z_]+\(\) - /, "", summary)
	} else if (s ~ /^@[a-z_]+: /) {
		pname[++nparam] = substr(s, 2, index(s, ":") - 2)
		pdesc[nparam] = substr(s, index(s, ":") + 2)
	} else if (s ~ /^Return: /) {
		ret = substr(s, 9)
		inret = 1
	} else if (trim(s) == "") {
		inret = 0
		if (body != "")
			body = body "\n"
	} else if (inret) {
		ret = ret " " trim(s)
	} else if (nparam && body == "" && s ~ /^  /) {
		pdesc[nparam] = pdesc[nparam] " " trim(s)
	} else {
		body = body (body == "" || body ~ /\n$/ ? "" : " ") trim(s)
	}
	next
}
state == "decl" {
	decl = decl " " trim($0)
	if (decl !~ /;/)
		next
	state = ""
	imp = decl
	sub(/^ *KWASM_IMPORT\(/, "", imp)
	sub(/\).*/, "", imp)
	proto = decl
	sub(/^ *KWASM_IMPORT\([a-z_]+\) */, "", proto)
	# The C type of the result, the name, the parameters.
	rtype = proto
	sub(/ *kwasm_[a-z_]+\(.*/, "", rtype)
	fname = proto
	sub(/^[^(]* /, "", fname)
	sub(/\(.*/, "", fname)
	params = proto
	sub(/^[^(]*\(/, "", params)
	sub(/\);$/, "", params)
	n = split(params, pv, ",")
	wparams = ""
	# The prototype, broken after a comma where it would pass 78 columns.
	shown = esc(rtype) " \\fB" fname "\\fR("
	col = length(rtype) + length(fname) + 2
	for (i = 1; i <= n; i++) {
		t = trim(pv[i])
		if (t == "void")
			break
		# Name in italics: the last word, after any "*".
		pn = t
		sub(/.*[ *]/, "", pn)
		t = substr(t, 1, length(t) - length(pn))
		wparams = wparams " " wtype(t)
		if (i > 1 && col + length(t) + length(pn) + 3 > 78) {
			shown = shown ",\n        "
			col = 8
		} else if (i > 1) {
			shown = shown ", "
			col += 2
		}
		shown = shown esc(t) "\\fI" pn "\\fR"
		col += length(t) + length(pn)
	}
	shown = shown (n == 1 && trim(pv[1]) == "void" ? "void" : "") ");"
	wat = "(import \"kwasm\" \"" imp "\" (func"
	if (wparams != "")
		wat = wat " (param" wparams ")"
	if (wtype(rtype) != "")
		wat = wat " (result " wtype(rtype) ")"
	wat = wat "))"
	add("syn", shown)
	add("fn", ".SS \"" imp "\"")
	add("fn", ".nf")
	add("fn", shown)
	add("fn", esc(wat))
	add("fn", ".fi")
	add("fn", ".PP")
	add("fn", prose(summary) ".")
	for (i = 1; i <= nparam; i++) {
		add("fn", ".TP")
		add("fn", ".I " pname[i])
		add("fn", prose(pdesc[i]))
	}
	m = split(body, bp, "\n")
	for (i = 1; i <= m; i++)
		if (bp[i] != "") {
			add("fn", ".PP")
			add("fn", prose(bp[i]))
		}
	if (ret != "") {
		add("fn", ".PP")
		add("fn", prose("Returns " ret))
	}
	next
}

# Constants: a one-line comment names the group of #defines below it.
/^\/\* .* \*\/$/ { title = $0; gsub(/^\/\* | \*\/$/, "", title); next }
/^$/ { title = ""; group = ""; next }
/^#define KWASM_[A-Z0-9_]+[ \t]/ {
	name = $2
	val = $3
	cm = $0
	if (!sub(/.*\/\* */, "", cm))
		cm = ""
	sub(/ *\*\/ *$/, "", cm)
	if (name == "KWASM_ABI_VERSION")
		abi = val
	if (title != group) {
		add("const", ".SS \"" esc(title) "\"")
		group = title
	}
	add("const", ".TP")
	add("const", "\\fB" esc(name) "\\fR = " esc(val))
	if (cm != "")
		add("const", prose(cm))
	pend = $0 ~ /\/\*/ && $0 !~ /\*\//
	next
}
pend {
	s = $0
	sub(/^[ \t]*\*\/?/, "", s)
	if (trim(s) != "")
		add("const", prose(trim(s)))
	if ($0 ~ /\*\//)
		pend = 0
	next
}

END {
	print ".\\\" Generated by scripts/man-guest.sh from sdk/c/kwasm_guest.h; edit that."
	print ".TH KWASM\\-GUEST 7 \"" date "\" \"kwasm " version "\" \"kwasm guest ABI\""
	print ".nh"
	print ".ad l"
	print ".SH NAME"
	print "kwasm\\-guest \\- the host functions of the kwasm guest ABI, version " abi
	print ".SH SYNOPSIS"
	print ".nf"
	print "\\fB#include \"kwasm_guest.h\"\\fR"
	print ""
	printf "%s", out["syn"]
	print ".fi"
	print ".SH DESCRIPTION"
	printf "%s", out["desc"]
	print ".SH FUNCTIONS"
	print "Each function is imported from the module \\fBkwasm\\fR under the name"
	print "that heads it; its Wasm type follows the C declaration."
	printf "%s", out["fn"]
	print ".SH CONSTANTS"
	printf "%s", out["const"]
	print ".SH SEE ALSO"
	print ".BR kwasm (8),"
	print ".BR kwasm\\-bpf (8);"
	print ".I docs/DATAPATH.md"
	print "and"
	print ".I docs/TLS.md"
	print "of the kwasm sources"
}
'
