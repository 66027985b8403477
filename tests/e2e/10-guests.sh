#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Any language in the kernel: every example guest (C, Rust, AssemblyScript,
# WAT) is loaded into kwasm.ko and every expected result of
# examples/expected.txt is checked through `kwasm call`.
#
#   /guest/*.wasm --kwasm load--> kwasm.ko --kwasm call--> results
. "$(dirname "$0")"/lib.sh

cleanup() {
	for f in "$KWASM_GUESTS"/*.wasm; do
		"$KWASM" unload "$(basename "$f" .wasm)" 2>/dev/null || true
	done
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

exp=$KWASM_GUESTS/expected.txt
if [ ! -f "$KWASM_KO" ] || [ ! -f "$exp" ]; then
	ktap_skip_all "no kwasm.ko or no guests in this image"
	exit 0
fi
nguest=$(ls "$KWASM_GUESTS"/*.wasm | wc -l)
nchecks=$(grep -v '^#' "$exp" | grep -c '=>')
ktap_plan $((nguest + nchecks + 3))
ktap_cleanup cleanup
dmesg_mark
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO"
for f in "$KWASM_GUESTS"/*.wasm; do
	ktap_check "load $(basename "$f")" "$KWASM" load "$f"
done
# check.sh prints "ok N - ..." / "not ok N - ..."; renumber them here.
KWASM=$KWASM EXPECTED=$exp sh "$KWASM_GUESTS"/check.sh call >/tmp/guests.out 2>&1
while IFS= read -r line; do
	case "$line" in
	"ok "*) ktap_ok "${line#ok * - }" ;;
	"not ok "*) ktap_fail "${line#not ok * - }" ;;
	*) ktap_diag "$line" ;;
	esac
done </tmp/guests.out
ktap_check "kwasm list shows every guest" sh -c \
	"[ \$($KWASM list | grep -c _example) -eq $nguest ]"
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
