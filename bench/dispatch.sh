#!/bin/sh
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# dispatch.sh BUILD [PROG...]: per bench program, the interpreter's dispatches
# (from the dispatch-counting build, BUILD/count/kwasm) and the TOP (8)
# instructions that took most of them.  Deterministic, unlike wall-clock.
set -eu
build=$1
shift
if [ $# -eq 0 ]; then
	for f in bench/progs/*.c; do
		n=${f##*/}
		set -- "$@" "${n%.c}"
	done
fi
top=${TOP:-8}
tmp=$(mktemp "${TMPDIR:-/tmp}/kwasm-dispatch.XXXXXX")
trap 'rm -f "$tmp"' EXIT INT TERM
for p in "$@"; do
	"$build/count/kwasm" run "$build/bench/wasm/$p.wasm" --invoke run >/dev/null 2>"$tmp"
	awk -v p="$p" -v top="$top" '$1 == "dispatch" { n[$2] = $3; t += $3 }
		END {
			printf "%-8s %14d dispatches:", p, t
			for (k = 0; k < top; k++) {
				best = ""
				for (o in n)
					if (best == "" || n[o] > n[best])
						best = o
				if (best == "")
					break
				printf " %s %.1f%%", best, 100 * n[best] / t
				delete n[best]
			}
			printf "\n"
		}' "$tmp"
done
