#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# apt-need.sh WHO ITEM...: install the Debian packages of ITEM... that are
# missing, with apt-get (through sudo when not root), and say so once on
# stderr: "WHO: installing missing Debian packages: ...".  The one place
# the project installs packages; each deps script lists what it needs.
#
#   PKG          needed unless dpkg has PKG installed
#   PKG:PROG     needed unless PROG is found: a command in PATH, or with a
#                slash an executable file; PROG,PROG... any one of them
#
# Without recommends (what they pull is not needed here), except with
# --recommends first: gcc recommends libc6-dev, which the userspace build
# needs.  apt-get update runs only when the install fails (stale lists).
set -e
rec=--no-install-recommends
if [ "${1:-}" = --recommends ]; then
	rec=
	shift
fi
who=$1
shift

# found PROG[,PROG...]: one of them is there.
found() {
	for p in $(echo "$1" | tr ',' ' '); do
		case $p in
		*/*) [ -x "$p" ] && return 0 ;;
		*) command -v "$p" >/dev/null 2>&1 && return 0 ;;
		esac
	done
	return 1
}

need=""
for item in "$@"; do
	pkg=${item%%:*}
	case $item in
	*:*) found "${item#*:}" && continue ;;
	*) dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' && continue ;;
	esac
	case " $need " in
	*" $pkg "*) ;;
	*) need="$need $pkg" ;;
	esac
done
[ -n "$need" ] || exit 0

echo "$who: installing missing Debian packages:$need" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
# env passes the frontend through sudo; the lock timeout waits for
# another apt run instead of failing; $need and $rec are lists of words.
# shellcheck disable=SC2086
install() {
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $rec \
		-o DPkg::Lock::Timeout=600 $need >/dev/null
}
install || { $SUDO apt-get update -qq && install; }
