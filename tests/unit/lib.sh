# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Sourced by the shell unit tests (cli_test.sh, abi_test.sh, fma_test.sh,
# kcli_test.sh, kdp_test.sh): a scratch folder, scripts/lib_check.sh
# (expect, t_ok, t_fail, t_done), and the CLI run against the fake kwasm
# family.
# Env: KWASM (the binary; for kcli/kdp not an ASan build), FAKE
# (fake_kwasm.so, for the kernel subcommands).
set -u
K=${KWASM:-build/hw/kwasm}
F=${FAKE:-build/unit/fake_kwasm.so}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nl='
'
. "$(dirname "$0")"/../../scripts/lib_check.sh

# fake CMD...: CMD against the fake kwasm family.
fake() {
	env LD_PRELOAD="$F" "$@"
}
