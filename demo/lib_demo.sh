# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# For the demo scripts (sourced after lib.sh): what they show goes out as
# KTAP diagnostics, which scripts/demo.sh prints.
#   say TEXT...     one line
#   run CMD [ARG..] "$ CMD ARG...", then CMD's output and errors, indented

say() {
	ktap_diag "$*"
}

run() {
	say "\$ $*"
	"$@" 2>&1 | while IFS= read -r l; do say "  $l"; done
}
