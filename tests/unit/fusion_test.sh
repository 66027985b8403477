#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# The fused cells' edge cases (tests/unit/wast/*.wast) through `kwasm spec`:
# wraparound, traps, branches into a fused sequence.  Needs KWASM, OUT.
set -u
mkdir -p "$OUT"
for w in tests/unit/wast/*.wast; do
	wast2json "$w" -o "$OUT/$(basename "$w" .wast).json" || exit 1
done
"$KWASM" spec --quiet "$OUT"
