#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# man-cli.sh PROG PAGE.in TITLE: print the man page PAGE.in with its
# synopsis and commands taken from PROG's own help, so the page cannot
# drift from the program.  PAGE.in holds what help text cannot say; its
# lines `.\" @SYNOPSIS@` and `.\" @COMMANDS@` become the generated parts
# (TITLE names the second), @VERSION@ and @DATE@ the version and date.
#
# Help format: `Usage: PROG ...` lines, then items: a line indented by two
# spaces is a tag (a command or option; a description after two spaces),
# deeper lines describe it, unindented lines are paragraphs (a blank line
# ends one), and `Exit status: ...` becomes its own section.  A PROG with a `help`
# command (kwasm) is asked `PROG help NAME` for each command it lists.
set -eu
prog=$1
page=$2
title=$3
name=$(basename "$prog")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
top=$(cd "$(dirname "$0")/.." && pwd)

# The shared roff helpers (scripts/man-roff.awk), and a tag: bold, with the
# upper-case metavariables in italics.
lib=$(cat "$top/scripts/man-roff.awk")'
function tag(s) {
	s = esc(s)
	gsub(/[A-Z][A-Z0-9_]*/, "\001&\002", s)
	gsub(/\001/, "\\fI", s)
	gsub(/\002/, "\\fB", s)
	return fold("\\fB" s "\\fR", "\\\n")
}
'

# The items of a help text (everything after the usage lines) as roff;
# `items top`: right below a section heading.
items() {
	awk -v top="${1:-}" "$lib"'
	/^[ \t]*$/ { state = ""; next }
	{
		match($0, /^ */)
		ind = RLENGTH
		text = substr($0, ind + 1)
	}
	ind == 0 && tolower(text) ~ /^exit status: / {
		print ".SH \"EXIT STATUS\""
		print lead(esc(substr(text, 14)))
		state = "para"
		next
	}
	ind == 0 {
		# A paragraph right below the section heading needs no .PP.
		if (state != "para" && !(top && NR == 1))
			print ".PP"
		print lead(esc(text))
		state = "para"
		next
	}
	ind == 2 {
		d = ""
		if (match(text, /  +/)) {
			d = substr(text, RSTART + RLENGTH)
			text = substr(text, 1, RSTART - 1)
		}
		print state == "tag" ? ".TQ" : ".TP"
		print tag(text)
		state = d == "" ? "tag" : "desc"
		if (d != "")
			print lead(esc(d))
		next
	}
	{ print lead(esc(text)); if (state == "tag") state = "desc" }
	'
}

# The usage lines: `Usage: PROG ARGS` and `       PROG ARGS` below it.
"$prog" --help >"$tmp/help"
awk "$lib"'
	NR == 1 { sub(/^[Uu]sage: */, ""); print tag($0); next }
	/^       [^ ]/ { sub(/^ +/, ""); print ".br"; print tag($0); next }
	{ exit }
' "$tmp/help" >"$tmp/synopsis"

if "$prog" help help >/dev/null 2>&1; then
	# One item per command, from `PROG help NAME`: its synopsis (continued
	# by lines indented 9), its description (a line indented 2 and what
	# follows), then after a blank line its options, indented.
	for c in $(awk '/^  [a-z]/ { print $1 }' "$tmp/help"); do
		"$prog" help "$c" >"$tmp/cmd"
		awk "$lib"'
		NR == 1 { sub(/^Usage: [^ ]+ /, ""); syn = $0; next }
		/^$/ { exit }
		!done && /^         / { sub(/^ +/, ""); syn = syn " " $0; next }
		!done { print ".TP"; print tag(syn); done = 1 }
		{ sub(/^ +/, ""); print lead(esc($0)) }
		' "$tmp/cmd"
		sed '1,/^$/d' "$tmp/cmd" >"$tmp/more"
		if [ -s "$tmp/more" ]; then
			echo ".RS"
			items <"$tmp/more"
			echo ".RE"
		fi
	done >"$tmp/commands"
	grep -i '^exit status: ' "$tmp/help" | items >>"$tmp/commands"
else
	awk '/^[Uu]sage: / || /^       [^ ]/ { next } { print }' "$tmp/help" | items top \
		>"$tmp/commands"
fi

# `PROG VERSION`, maybe followed by more (kwasm-tlsd names its OpenSSL).
version=$("$prog" --version | awk '{ print $2; exit }')
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
else
	date=$(git -C "$top" log -1 --format=%cs 2>/dev/null || date -u -r "$top/VERSION" +%Y-%m-%d)
fi
awk -v syn="$tmp/synopsis" -v cmds="$tmp/commands" -v title="$title" \
    -v version="$version" -v date="$date" -v name="$name" '
function cat(f,   l) { while ((getline l <f) > 0) print l; close(f) }
$0 == ".\\\" @SYNOPSIS@" { print ".SH SYNOPSIS"; cat(syn); next }
$0 == ".\\\" @COMMANDS@" { print ".SH " title; cat(cmds); next }
{ gsub(/@VERSION@/, version); gsub(/@DATE@/, date); print }
' "$page"
