#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# version.sh: print kwasm's version.  VERSION is the one place it is set;
# a git checkout past the tag vVERSION adds +gitN.gHASH (sorts after the
# release, as Debian versions do).  An unpacked tarball or a package build
# has no .git and gets VERSION as it is; KWASM_VERSION overrides both, for
# a package whose changelog says otherwise.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${KWASM_VERSION:-}" ]; then
	echo "$KWASM_VERSION"
	exit 0
fi
v=$(cat "$top/VERSION")
if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1; then
	# Only this version's own tag counts: an old tag must not name new code.
	d=$(git -C "$top" describe --tags --match "v$v" 2>/dev/null || true)
	case $d in
	"v$v") ;;
	"v$v"-*-g*)
		n=${d#"v$v"-}
		v="$v+git${n%%-*}.${d##*-}"
		;;
	esac
fi
echo "$v"
