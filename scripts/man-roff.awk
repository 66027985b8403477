# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# roff helpers of the generated man pages (scripts/man-cli.sh and
# scripts/man-guest.sh put them in front of their own awk programs).

# Escape backslashes and hyphens.
function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); return s }
# Protect a leading dot or quote, which would start a request.
function prot(s) { return s ~ /^[.\047]/ ? "\\&" s : s }
# Input lines of at most 80 bytes: break at a space, as a new line of
# filled text, or with sep "\\\n" as one line continued (a .TP tag).
function fold(s, sep,   out, cut, i) {
	out = ""
	while (length(s) > 79) {
		cut = 0
		for (i = 79; i > 1; i--)
			if (substr(s, i, 1) == " ") {
				cut = i
				break
			}
		if (!cut)
			break
		out = out prot(sep == "\n" ? substr(s, 1, cut - 1) : substr(s, 1, cut)) sep
		s = substr(s, cut + 1)
	}
	return out prot(s)
}
# Filled text.
function lead(s) { return fold(s, "\n") }
