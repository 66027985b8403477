# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Helpers for the kfunc tests (source after lib.sh):
#
#   dp_handle MODULE EXPORT       the export's data-path handle (kwasm list)
#   bpf_result TYPE HANDLE [ARG...]  kwasm-bpf test-run's kfunc result, or
#                                 "none" if the run failed (output in /tmp/bpf.out)
#   expect_res DESC WANT TYPE HANDLE [ARG...]  ok if the result is WANT
#   dp_load_e2e FILE              checks: the eBPF bridge is registered, and
#                                 FILE loads for the data path as e2e_dp

KWASM_BPF=${KWASM_BPF:-/usr/bin/kwasm-bpf}

dp_handle() {
	"$KWASM" list "$1" | sed -n "s/.*handles.* $2=\([0-9]*\).*/\1/p"
}

bpf_result() {
	"$KWASM_BPF" test-run "$@" >/tmp/bpf.out 2>&1
	r=$(sed -n 's/^result \(-*[0-9]*\).*/\1/p' /tmp/bpf.out)
	echo "${r:-none}"
}

expect_res() {
	desc=$1 want=$2
	shift 2
	got=$(bpf_result "$@")
	if [ "$got" = "$want" ]; then
		ktap_ok "$desc"
	else
		ktap_fail "$desc" "got $got, want $want" "$(cat /tmp/bpf.out)"
	fi
}

dp_load_e2e() {
	ktap_check "the eBPF bridge is registered" \
		sh -c "'$KWASM' stats | grep -q 'eBPF bridge: *kfuncs registered'"
	ktap_check "load a data-path module" "$KWASM" load "$1" --datapath --name e2e_dp
}
