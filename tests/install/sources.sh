#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# sources.sh [SUITE]: print the host's apt sources for SUITE (default
# bookworm) and its -updates and -security suites as one-line "deb URI
# SUITE COMPONENTS" entries, read from /etc/apt at run time, so the mirror
# the install test uses is the one this machine is configured for (the
# repo names none).  Both sources.list formats are read; third-party
# entries (other suites) are left out.
set -eu
suite=${1:-bookworm}
etc=${APT_ETC:-/etc/apt}
{
	for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		# Drop [options]: the chroot's keyring is the archive's.
		sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]*\)\{0,1\}/deb /p' "$f"
	done
	for f in "$etc"/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		# deb822: one stanza per paragraph; an entry per URI and suite.
		awk '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && enabled != "no")
				for (i = 1; i <= nu; i++)
					for (j = 1; j <= ns; j++)
						print "deb " u[i] " " s[j] " " comps
			types = ""; enabled = ""; comps = ""; nu = 0; ns = 0
		}
		/^[[:space:]]*#/ { next }
		/^[[:space:]]*$/ { flush(); next }
		{
			key = tolower($1); sub(/:$/, "", key)
			$1 = ""; sub(/^ /, "")
			if (key == "types") types = $0
			else if (key == "enabled") enabled = tolower($0)
			else if (key == "uris") nu = split($0, u, " ")
			else if (key == "suites") ns = split($0, s, " ")
			else if (key == "components") comps = $0
		}
		END { flush() }' "$f"
	done
} | awk -v s="$suite" '$3 == s || $3 == s "-updates" || $3 == s "-security"' |
	awk '!seen[$0]++'
