# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# For the bench/vm scripts (sourced after lib.sh):
#   bench_arg NAME DEFAULT  the value of kwasm_bench.NAME=VALUE on the kernel
#                           command line (bench/datapath.sh and bench/tls.sh
#                           pass their settings so), else DEFAULT

bench_arg() {
	_bench_v=$2
	for _bench_a in $(cat /proc/cmdline); do
		case $_bench_a in
		kwasm_bench.$1=*) _bench_v=${_bench_a#*=} ;;
		esac
	done
	echo "$_bench_v"
}
