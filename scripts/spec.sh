#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# Run the WebAssembly spec test suite against every userspace flavour.
#
#   scripts/spec.sh SPECDIR BUILDDIR
#
# Converts SPECDIR/*.wast with wast2json into BUILDDIR/spec-json (only files
# that are missing or older than their .wast), then runs
# BUILDDIR/{hw,soft,asan}/kwasm spec --quiet on that directory, in parallel.
# If a flavour dies without its summary line (a crash), its files are rerun
# one by one so the crash is pinned to a file and the rest still counts.
# Ends with "N passed, N failed" summed over the flavours (skips are not
# counted); a .wast that fails to convert counts as one failure.  Exits
# nonzero if anything failed.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 SPECDIR BUILDDIR" >&2
	exit 2
fi
specdir=$1
build=$2
out=$build/spec-json
flavours="hw soft asan"

mkdir -p "$out" || exit 1
command -v wast2json >/dev/null 2>&1 || { echo "spec: wast2json not found" >&2; exit 1; }

convfail=0
nwast=0
for wast in "$specdir"/*.wast; do
	[ -e "$wast" ] || continue
	nwast=$((nwast + 1))
	name=$(basename "$wast" .wast)
	json=$out/$name.json
	if [ -f "$json" ] && [ ! "$wast" -nt "$json" ]; then
		continue
	fi
	if ! wast2json "$wast" -o "$json" >"$out/$name.log" 2>&1; then
		echo "FAIL $name.wast: wast2json failed (see $out/$name.log)"
		rm -f "$json"
		convfail=$((convfail + 1))
	fi
done
if [ "$nwast" -eq 0 ]; then
	echo "spec: no .wast files in $specdir" >&2
	exit 1
fi

# The counts from the last line of a `kwasm spec` log: "P F S", or nothing.
summary() {
	tail -n 1 "$1" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p'
}

# run_flavour NAME: writes $out/NAME.log and $out/NAME.sum ("P F S").
run_flavour() {
	local name=$1 bin=$build/$1/kwasm log=$out/$1.log json rc sum p=0 f=0 s=0 a b c

	if [ ! -x "$bin" ]; then
		echo "FAIL $name: $bin not built" >"$log"
		echo "0 1 0" >"$out/$name.sum"
		return
	fi
	"$bin" spec --quiet "$out" >"$log" 2>&1
	rc=$?
	sum=$(summary "$log")
	if [ -n "$sum" ] && [ "$rc" -le 1 ]; then
		echo "$sum" >"$out/$name.sum"
		return
	fi
	# It crashed: go file by file.
	echo "note: $name exited with status $rc without a summary; rerunning file by file" >"$log"
	for json in "$out"/*.json; do
		"$bin" spec --quiet "$json" >"$log.one" 2>&1
		rc=$?
		sum=$(summary "$log.one")
		if [ -n "$sum" ] && [ "$rc" -le 1 ]; then
			grep -v '^[0-9]* passed' "$log.one" >>"$log"
			read -r a b c <<<"$sum"
			p=$((p + a)) f=$((f + b)) s=$((s + c))
		else
			echo "FAIL $(basename "$json"): crashed (exit status $rc)" >>"$log"
			tail -n 5 "$log.one" | sed 's/^/    /' >>"$log"
			f=$((f + 1))
		fi
	done
	rm -f "$log.one"
	echo "$p passed, $f failed, $s skipped" >>"$log"
	echo "$p $f $s" >"$out/$name.sum"
}

for fl in $flavours; do
	run_flavour "$fl" &
done
wait

total_p=0
total_f=$convfail
for fl in $flavours; do
	grep -v '^PASS \|^SKIP \|^[0-9]* passed' "$out/$fl.log"
	read -r a b c <"$out/$fl.sum"
	echo "spec $fl: $a passed, $b failed, $c skipped"
	total_p=$((total_p + a))
	total_f=$((total_f + b))
done
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
