#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# userland.sh ROOT: copy real Debian programs into the initramfs tree ROOT
# (initramfs.sh --userland), for the tests that need independent TLS and
# HTTP peers: python3 with its stdlib, curl, openssl, gnutls-cli,
# gnutls-serv, certtool and socat.  Each goes to its own path with the
# shared libraries ldd lists (ELF interpreter included; python's extension
# modules too), at the paths ldd prints, so the VM's loader finds them in
# its default directories without a cache.
#
# Left out of python's stdlib: the test suites, IDLE, tkinter, turtledemo,
# ensurepip, lib2to3, distutils, pydoc's data, the static libpython
# (config-*) and the optimized .pyc files; the plain .pyc files stay, so
# imports need no compiling in the (slow, emulated) VM.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 ROOT" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$1
"$here/deps.sh"
# Debian's own programs, not whatever comes first in PATH (pyenv...).
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

# put FILE [DEST]: copy FILE's content to ROOT/DEST (default: the same
# path).  The tree holds absolute symlinks to /bin/busybox: remove first,
# or cp would follow them and write to this machine's busybox.
put() {
	dest=$root${2:-$1}
	mkdir -p "$(dirname "$dest")"
	rm -f "$dest"
	cp -L "$1" "$dest"
}

py=$(readlink -f /usr/bin/python3)
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
elfs=""
for b in /usr/bin/python3 /usr/bin/curl /usr/bin/openssl /usr/bin/gnutls-cli \
	/usr/bin/gnutls-serv /usr/bin/certtool /usr/bin/socat; do
	real=$(readlink -f "$b")
	put "$real"
	if [ "$real" != "$b" ]; then
		rm -f "$root$b"
		ln -s "$real" "$root$b"
	fi
	elfs="$elfs $real"
done

mkdir -p "$root$stdlib"
(cd "$stdlib" && tar -c --exclude=./test --exclude=./idlelib --exclude=./tkinter \
	--exclude=./turtledemo --exclude=./ensurepip --exclude=./lib2to3 \
	--exclude=./distutils --exclude=./pydoc_data --exclude='./config-*' \
	--exclude=./site-packages --exclude=./dist-packages \
	--exclude=./sitecustomize.py --exclude='*.opt-1.pyc' --exclude='*.opt-2.pyc' \
	--exclude='./lib-dynload/_test*' --exclude='./lib-dynload/_ctypes_test*' \
	--exclude='./lib-dynload/xx*' --exclude='./lib-dynload/_xx*' .) |
	(cd "$root$stdlib" && tar -x)
for so in "$root$stdlib"/lib-dynload/*.so; do
	elfs="$elfs ${so#"$root"}"
done

# ldd prints "name => /path (addr)" and, for the interpreter, "/path (addr)".
for e in $elfs; do
	ldd "$e" | sed -n 's|.*=> \(/[^ ]*\) .*|\1|p; s|^[[:space:]]*\(/[^ ]*\) (.*|\1|p'
done | sort -u | while read -r lib; do
	put "$lib"
done

# OpenSSL's default configuration (OPENSSLDIR points at it); local names.
mkdir -p "$root"/usr/lib/ssl "$root"/etc/ssl
put /etc/ssl/openssl.cnf
ln -sf /etc/ssl/openssl.cnf "$root"/usr/lib/ssl/openssl.cnf
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n' >"$root"/etc/hosts
printf 'hosts: files dns\n' >"$root"/etc/nsswitch.conf
