#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# guest-test.sh PHASE SHARE: the install test inside the booted Debian
# system (run by guest/kwasm-insttest from the share disk, as test.sh).
# Prints "ok - ..." / "not ok - ..." lines and "# ..." diagnostics; exits
# with the number of failures.  SHARE holds the kwasm .debs, what apt
# would fetch for them (deps/), the second kernel's .debs (k2/; the VM has
# no network), e2e_traps.wasm and k2.kver naming that kernel's ABI.
#
#   1  (first kernel)  apt install the kwasm debs, use kwasm, apt install
#                      the second kernel with headers: DKMS builds for it
#   2  (second kernel) use kwasm, apt remove and purge: nothing left behind
set -u
phase=$1
share=$2
export DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin
kver=$(uname -r)
k2=$(cat "$share/k2.kver")
fails=0
log=/tmp/kwt.out

ok() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	[ ! -s "$log" ] || tail -n 25 "$log" | sed 's/^/# /'
	fails=$((fails + 1))
}
# check DESC CMD...: one test; the command's output goes to the console.
check() {
	d=$1
	shift
	if "$@" >"$log" 2>&1; then ok "$d"; else fail "$d"; fi
	sed "s/^/[$phase] /" "$log" >/dev/console
}
# timed DESC CMD...: check, and say how long it took.
timed() {
	t0=$(date +%s)
	check "$@"
	echo "# time: $1: $(($(date +%s) - t0)) s"
}

# The file DKMS installed for kernel $1 (kwasm.ko, maybe compressed); the
# end of DKMS's build log when there is none.
dkms_ko() {
	f=$(modinfo -k "$1" -n kwasm 2>/dev/null) || f=""
	echo "$f"
	case $f in */updates/dkms/kwasm.ko*) return 0 ;; esac
	for l in /var/lib/dkms/kwasm/*/"$1"/*/log/make.log /var/lib/dkms/kwasm/*/build/make.log; do
		[ ! -f "$l" ] || tail -n 20 "$l"
	done
	return 1
}

# Is the loaded kwasm.ko the file DKMS installed for kernel $1?  Compares
# GNU build IDs (no srcversion without MODULE_VERSION).
same_build_id() {
	f=$(modinfo -k "$1" -n kwasm) || return 1
	case $f in
	*.xz) xz -dc "$f" ;;
	*.zst) zstd -dc "$f" ;;
	*.gz) gzip -dc "$f" ;;
	*) cat "$f" ;;
	esac >/tmp/kwasm.ko || return 1
	want=$(readelf -n /tmp/kwasm.ko | sed -n 's/.*Build ID: *//p')
	# The note: namesz, descsz, type, "GNU\0", then the ID.
	got=$(od -An -tx1 -v /sys/module/kwasm/notes/.note.gnu.build-id | tr -d ' \n' | cut -c33-)
	echo "loaded $got, $f $want"
	[ -n "$want" ] && [ "$got" = "$want" ]
}

# Step 2 of the test: what a user does once the packages are in.
use_kwasm() {
	check "$kver: kwasm.ko is not loaded before first use" test ! -d /sys/module/kwasm
	check "$kver: kwasm stats autoloads kwasm.ko" sh -c \
		'kwasm stats >/tmp/stats && cat /tmp/stats && test -d /sys/module/kwasm'
	check "$kver: the loaded kwasm.ko is the DKMS build" same_build_id "$kver"
	check "$kver: kwasm stats says the eBPF bridge is registered" \
		grep -E '^eBPF bridge: +kfuncs registered' /tmp/stats
	check "$kver: kwasm.ko has BTF (/sys/kernel/btf/kwasm)" test -f /sys/kernel/btf/kwasm
	check "$kver: kwasm load" kwasm load "$share/e2e_traps.wasm" --name traps
	check "$kver: kwasm call" sh -c '[ "$(kwasm call traps count 1000)" = 1000 ]'
	check "$kver: kwasm list shows the module" sh -c 'kwasm list | grep -w traps'
	check "$kver: kwasm unload" kwasm unload traps
	check "$kver: man kwasm shows the page" sh -c \
		'man -P cat kwasm >/tmp/man && cat /tmp/man && grep -q "^NAME" /tmp/man && grep -qi "kwasm" /tmp/man'
	check "$kver: no WARN/BUG/Oops in dmesg" sh -c \
		'! dmesg | grep -v "module verification failed" |
		grep -E "BUG:|WARNING:|Oops|Call Trace|kwasm.*(error|fail)"'
}

# Files the packages own, without directories (shared ones stay).
owned_files() {
	for p in kwasm-dkms kwasm-tools; do dpkg -L "$p"; done | sort -u |
		while IFS= read -r f; do [ -d "$f" ] || echo "$f"; done
}
# Anything named kwasm on the system but this test's own unit and driver.
leftovers() {
	find /lib/modules /usr /etc /var/lib /opt -xdev -iname '*kwasm*' 2>/dev/null |
		grep -v '/kwasm-insttest' || true
}

case $phase in
1)
	check "booted $kver with systemd as init" sh -c '[ "$(cat /proc/1/comm)" = systemd ]'
	check "kwasm is not installed yet" test -z "$(leftovers)"
	timed "apt install ./kwasm-dkms_*.deb ./kwasm-tools_*.deb" sh -c \
		"cd '$share' && apt-get install -y ./kwasm-dkms_*.deb ./kwasm-tools_*.deb \$(ls deps/*.deb 2>/dev/null | sed 's|^|./|')"
	check "$kver: DKMS installed kwasm.ko" dkms_ko "$kver"
	check "$kver: dkms status says installed" sh -c "dkms status kwasm | grep '$kver.*installed'"
	use_kwasm
	timed "apt install linux-image-$k2 linux-headers-$k2 (DKMS builds for it)" sh -c \
		"apt-get install -y '$share'/k2/*.deb"
	check "$k2: DKMS installed kwasm.ko" dkms_ko "$k2"
	check "$k2: dkms status says installed" sh -c "dkms status kwasm | grep '$k2.*installed'"
	check "$k2: has an initrd to boot" test -s "/boot/initrd.img-$k2"
	;;
2)
	check "rebooted into $k2" test "$kver" = "$k2"
	use_kwasm
	owned_files >/tmp/owned
	dpkg-query -W -f='${Conffiles}\n' kwasm-dkms kwasm-tools | awk 'NF { print $1 }' |
		sort >/tmp/conffiles
	echo "# the packages own $(wc -l </tmp/owned) files, $(wc -l </tmp/conffiles) conffiles"
	check "kwasm.ko is loaded before remove" test -d /sys/module/kwasm
	timed "apt remove kwasm-dkms kwasm-tools" apt-get remove -y kwasm-dkms kwasm-tools
	check "after remove: kwasm.ko is unloaded" test ! -d /sys/module/kwasm
	check "after remove: no kwasm.ko for any kernel" sh -c \
		'! find /lib/modules -name "kwasm*.ko*" | grep .'
	check "after remove: DKMS forgot kwasm" sh -c \
		'[ -z "$(dkms status kwasm)" ] && [ ! -e /var/lib/dkms/kwasm ]'
	check "after remove: no packaged file but conffiles is left" sh -c \
		'while read -r f; do [ ! -e "$f" ] || grep -qxF "$f" /tmp/conffiles || echo "$f"; done </tmp/owned | grep . && exit 1 || exit 0'
	check "after remove: no kwasm unit" sh -c \
		'! systemctl list-unit-files --no-legend | grep -i kwasm | grep -v kwasm-insttest'
	timed "apt purge kwasm-dkms kwasm-tools" apt-get purge -y kwasm-dkms kwasm-tools
	check "after purge: dpkg knows no kwasm package" sh -c \
		'! dpkg -l | grep -E "^[a-z]{2} +(kwasm|libkwasm)"'
	check "after purge: no file of the packages is left" sh -c \
		'while read -r f; do [ ! -e "$f" ] || echo "$f"; done </tmp/owned | grep . && exit 1 || exit 0'
	check "after purge: nothing named kwasm in /lib/modules /usr /etc /var/lib /opt" \
		sh -c 'test -z "$1" || { echo "$1"; exit 1; }' sh "$(leftovers)"
	;;
*)
	fail "unknown phase '$phase'"
	;;
esac
exit "$fails"
