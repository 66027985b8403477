#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# /init of the QEMU test initramfs (busybox).  Runs the e2e scripts in
# /e2e and the extra scripts in /extra (initramfs.sh --extra), all in name
# order, streams their KTAP to /dev/ttyS1 as subtests of one top-level KTAP
# document, then writes the sentinel the host waits for and powers off:
#
#   @@RESULT rc=<failed scripts> taint=<kernel taint>
#
# Kernel command line:
#   kwasm.test=A[,B]   run only these scripts (name without .sh)
#   kwasm.canary=MODE  after the tests, insmod kwasm_canary.ko mode=MODE
#   kwasm.env=N=V[,N=V]  export these variables to the scripts (NET_WAIT=6)
# A kernel crash leaves no sentinel; the host treats that as failure.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# For pinning BPF programs and links (the data-path tests).
mount -t bpf bpf /sys/fs/bpf 2>/dev/null
exec </dev/console >/dev/console 2>&1
# Raw output: no \r\n translation in the result file.
stty -F /dev/ttyS1 raw -echo 2>/dev/null
exec 3>/dev/ttyS1

only=""
canary=""
for arg in $(cat /proc/cmdline); do
	case $arg in
	kwasm.test=*) only=$(echo "${arg#kwasm.test=}" | tr , ' ') ;;
	kwasm.canary=*) canary=${arg#kwasm.canary=} ;;
	kwasm.env=*)
		for kv in $(echo "${arg#kwasm.env=}" | tr , ' '); do
			# shellcheck disable=SC2163 # kv is NAME=VALUE
			export "$kv"
		done
		;;
	esac
done

KVER=$(uname -r)
KWASM_KO=/lib/modules/$KVER/extra/kwasm.ko
KWASM=/usr/bin/kwasm
KWASM_GUESTS=/guest
KWASM_FILTERS=/guest/filters
KWASM_BPF=/usr/bin/kwasm-bpf
KWASM_BPF_OBJS=/bpf
export KVER KWASM_KO KWASM KWASM_GUESTS KWASM_FILTERS KWASM_BPF KWASM_BPF_OBJS
# pvpanic makes QEMU exit with failure on a guest panic.
modprobe pvpanic-mmio 2>/dev/null
hostname kwasm-vm
ip link set lo up 2>/dev/null

tests=""
# By name across both folders: an extra script can run before the e2e ones.
for f in $(ls /e2e/*.sh /extra/*.sh 2>/dev/null | awk -F/ '{ print $NF, $0 }' |
	sort | cut -d' ' -f2); do
	name=$(basename "$f" .sh)
	# lib.sh, lib_net.sh...: sourced by the tests, not tests.
	case $name in lib | lib_*) continue ;; esac
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) continue ;; esac
	fi
	tests="$tests $f"
done

set -- $tests
echo "KTAP version 1" >&3
echo "1..$#" >&3
failed=0
for name in $only; do
	if [ ! -f "/e2e/$name.sh" ] && [ ! -f "/extra/$name.sh" ]; then
		echo "# no such test: $name" >&3
		failed=$((failed + 1))
	fi
done
i=0
for f in "$@"; do
	i=$((i + 1))
	name=$(basename "$f" .sh)
	echo "kwasm-e2e: running $name" >/dev/kmsg
	# Line by line, so a crash mid-script still leaves the lines so far.
	(cd /tmp && sh "$f" </dev/null 2>/dev/console 3>&-; echo $? >/tmp/.rc) |
		while IFS= read -r line; do echo "    $line" >&3; done
	rc=$(cat /tmp/.rc)
	if [ "$rc" = 0 ]; then
		echo "ok $i $name" >&3
	else
		echo "not ok $i $name # exit status $rc" >&3
		failed=$((failed + 1))
	fi
done

if [ -n "$canary" ]; then
	echo "# canary: insmod kwasm_canary.ko mode=$canary" >&3
	insmod "/lib/modules/$KVER/extra/kwasm_canary.ko" "mode=$canary" ||
		failed=$((failed + 1))
fi

echo "@@RESULT rc=$failed taint=$(cat /proc/sys/kernel/tainted)" >&3
sync
poweroff -f
