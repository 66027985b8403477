#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The official spec testsuite with kwasm.ko doing the work: `kwasm spec
# --kernel` LOADs every module (imports mapped through registrations and
# the spectest guest), CALLs every action and reads globals through CALL,
# with the same verdicts as the userspace runner.  One KTAP line per
# non-SIMD .json file of /spec (see tests/qemu/initramfs.sh --spec), after
# a few direct checks of linking (LOAD's import mapping) and its refusals.
. "$(dirname "$0")"/lib.sh

SPEC=${KWASM_SPEC:-/spec}
SPECTEST=$KWASM_GUESTS/e2e/spectest.wasm

cleanup() {
	for m in lk_imp2 lk_imp lk_x lk_st; do
		"$KWASM" unload "$m" 2>/dev/null || true
	done
	[ ! -d /sys/module/kwasm ] || rmmod kwasm
}

# expect_fail DESC PATTERN CMD...: ok if CMD fails saying PATTERN.
expect_fail() {
	desc=$1
	pat=$2
	shift 2
	if out=$("$@" 2>&1); then
		ktap_fail "$desc" "succeeded: $*" "$out"
	elif printf '%s\n' "$out" | grep -q "$pat"; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "expected \"$pat\": $*" "$out"
	fi
}

[ -f "$KWASM_KO" ] || ktap_skip_all "no kwasm.ko in this image"
ls "$SPEC"/*.json >/dev/null 2>&1 ||
	ktap_skip_all "no spec testsuite in this image (make test-spec builds BUILD/spec-json)"
[ -f "$SPECTEST" ] || ktap_skip_all "no $SPECTEST in this image"
nfiles=$(ls "$SPEC"/*.json | wc -l)
ktap_plan $((nfiles + 14))
ktap_cleanup cleanup
dmesg_mark
# A file keeps all its modules loaded until its end; some have hundreds.
ktap_check "insmod kwasm.ko" insmod "$KWASM_KO" max_modules=4096

E=$KWASM_GUESTS/e2e
ktap_check "link: load spectest" "$KWASM" load "$E"/spectest.wasm --name lk_st
ktap_check "link: load an importer of it" \
	"$KWASM" load "$E"/e2e_import.wasm --name lk_imp --import spectest=lk_st
ktap_check "link: load a second importer" \
	"$KWASM" load "$E"/e2e_import.wasm --name lk_imp2 --import spectest=lk_st
ktap_check "link: the imported global reads 666" sh -c \
	"[ \"\$($KWASM call lk_imp get)\" = 666 ]"
ktap_check "link: importers share the target's memory" sh -c \
	"$KWASM call lk_imp poke 42 && [ \"\$($KWASM call lk_imp2 peek)\" = 42 ]"
expect_fail "link: an imported module cannot be unloaded" "imported by another module" \
	"$KWASM" unload lk_st
expect_fail "link: an unmapped import is refused" "unknown import spectest.global_i32" \
	"$KWASM" load "$E"/e2e_import.wasm --name lk_x
expect_fail "link: an import mapped to no module is refused" "unknown import" \
	"$KWASM" load "$E"/e2e_import.wasm --name lk_x --import spectest=nosuch
expect_fail "link: an import of the wrong type is refused" "incompatible import type" \
	"$KWASM" load "$E"/e2e_import_bad.wasm --name lk_x --import spectest=lk_st
ktap_check "link: importers unload, then the target" sh -c \
	"$KWASM unload lk_imp2 && $KWASM unload lk_imp && $KWASM unload lk_st"

"$KWASM" spec --kernel --quiet --spectest "$SPECTEST" "$SPEC" >/tmp/spec.out 2>&1
rc=$?
total=""
while IFS= read -r line; do
	case "$line" in
	"PASS "*) ktap_ok "${line#PASS }" ;;
	"FAIL "*) ktap_fail "${line#FAIL }" ;;
	"SKIP "*)
		f=${line#SKIP }
		ktap_skip "$f" "no command ran, all were skipped (text-format modules; kwasm spec -v says why)"
		;;
	[0-9]*" passed, "*) total=$line ;;
	*) ktap_diag "$line" ;;
	esac
done </tmp/spec.out
if [ "$rc" = 0 ] && [ -n "$total" ]; then
	ktap_ok "kwasm spec --kernel: $total"
else
	ktap_fail "kwasm spec --kernel: ${total:-no totals}" "exit status $rc"
fi
ktap_check "every module unloaded, no engine allocation left" sh -c \
	"$KWASM stats | grep -q '^modules: *0 ' && $KWASM stats | grep -q '^engine allocations: 0\$'"
dmesg_check "no WARN/BUG/Oops in the kernel log"
ktap_done
