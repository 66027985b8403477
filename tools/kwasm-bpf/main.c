// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-bpf: run and attach the BPF programs of bpf/, which call
 * kwasm.ko's kfuncs.  Static, so it runs in the QEMU tests' busybox.
 */
#include <stdio.h>
#include <string.h>

#include "loader.h"
#include "version.h"

/* Also the source of the kwasm-bpf(8) man page (docs/man/), which reads --help. */
static const char kb_usage[] =
	"usage: kwasm-bpf [-v] [--caps CAPS | --run-caps CAPS] COMMAND ...\n"
	"       kwasm-bpf --help | --version\n"
	"  check HANDLE [--data HEX | --size N]\n"
	"      call bpf_kwasm_call_sys() once from a SYSCALL program; print the result\n"
	"  test-run xdp|syscall HANDLE [--data HEX | --size N] [--repeat N] [--write-back] [--noop|--ro]\n"
	"  test-run syscall HANDLE --unchecked\n"
	"  test-run tc HANDLE [--data HEX | --size N] [--repeat N] [--noop]\n"
	"      run a program on test data (xdp, tc: the bytes after an Ethernet\n"
	"      header that is added); print its return value, the kfunc's result\n"
	"      and the buffer afterwards in hex.  xdp calls bpf_kwasm_call(), syscall\n"
	"      bpf_kwasm_call_sys(), tc bpf_kwasm_call_ro(), xdp with --ro too;\n"
	"      the verifier must refuse syscall --ro and syscall --unchecked (a\n"
	"      SYSCALL program calling bpf_kwasm_call())\n"
	"  test-run act|lwt_in|lwt_out|lwt_xmit|netfilter HANDLE [...] [--noop]\n"
	"      the same for the program types with kfunc hooks on 6.4+ (netfilter:\n"
	"      the data is the IP packet, at least 20 bytes; bpf_kwasm_call_ro())\n"
	"  test-run socket|cgroup_skb|kprobe|fentry HANDLE\n"
	"      load a program of a type kwasm.ko never registers: must be refused\n"
	"  xdp attach IFACE HANDLE [--write-back | --ro] [--skb-mode]\n"
	"  xdp detach|stats IFACE\n"
	"  tc attach IFACE HANDLE [--egress]\n"
	"  tc detach|stats IFACE [--egress]\n"
	"      attach the filter (result 1 drops, 0 passes, errors pass and are\n"
	"      counted) and pin it under " KB_PIN_ROOT "; print its counters\n"
	"  bench HANDLE [--repeat N] [--data HEX | --size N]\n"
	"      ns per run of XDP calling bpf_kwasm_call() against bpf_kwasm_noop()\n"
	"  -v\n"
	"      print all of libbpf's messages (debug level too) as they come\n"
	"  --caps CAPS\n"
	"      load and run the programs as nobody with only CAPS (bpf,\n"
	"      net_admin, sys_admin, perfmon, comma-separated, or none), holding\n"
	"      the module BTF fds that root opened: for tests\n"
	"  --run-caps CAPS\n"
	"      load the programs as root, then test-run or check them as nobody\n"
	"      with only CAPS: for tests\n"
	"exit status: 0 success, 1 failure, 2 usage, 3 the kfunc returned an error\n";

static int kb_usage_err(const char *why)
{
	if (why)
		fprintf(stderr, "kwasm-bpf: %s\n", why);
	fputs(kb_usage, stderr);
	return KB_USAGE;
}

/* Take the options out of argv, leaving the words; returns their count. */
static int kb_options(int argc, char **argv, struct kb_opts *o)
{
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool val = !strcmp(a, "--data") || !strcmp(a, "--size") ||
			!strcmp(a, "--repeat") || !strcmp(a, "--caps") ||
			!strcmp(a, "--run-caps");

		if (val && i + 1 >= argc)
			return -1;
		if (a[0] != '-' || !a[1]) {
			argv[n++] = argv[i];
		} else if (!strcmp(a, "-v")) {
			o->verbose = true;
		} else if (!strcmp(a, "--data")) {
			o->data_hex = argv[++i];
		} else if (!strcmp(a, "--size")) {
			if (kb_parse_long(argv[++i], &o->size))
				return -1;
		} else if (!strcmp(a, "--repeat")) {
			if (kb_parse_long(argv[++i], &o->repeat))
				return -1;
		} else if (!strcmp(a, "--write-back")) {
			o->write_back = true;
		} else if (!strcmp(a, "--noop")) {
			o->noop = true;
		} else if (!strcmp(a, "--ro")) {
			o->ro = true;
		} else if (!strcmp(a, "--unchecked")) {
			o->unchecked = true;
		} else if (!strcmp(a, "--caps")) {
			o->caps = argv[++i];
		} else if (!strcmp(a, "--run-caps")) {
			o->run_caps = argv[++i];
		} else if (!strcmp(a, "--egress")) {
			o->egress = true;
		} else if (!strcmp(a, "--skb-mode")) {
			o->skb_mode = true;
		} else {
			return -1;
		}
	}
	return n;
}

/* tc programs get bpf_kwasm_call_ro() only: nothing to write back. */
static const char *kb_bad_combo(const char *cmd, const char *type, const struct kb_opts *o)
{
	bool tc = !strcmp(cmd, "tc") || (!strcmp(cmd, "test-run") && !strcmp(type, "tc"));
	bool xdp = !strcmp(cmd, "xdp") || (!strcmp(cmd, "test-run") && !strcmp(type, "xdp"));

	if (o->write_back && tc)
		return "--write-back: tc programs may only call bpf_kwasm_call_ro()";
	if (o->ro && o->write_back)
		return "--ro and --write-back exclude each other";
	if (o->ro && o->noop)
		return "--ro and --noop exclude each other";
	if (o->ro && !xdp && strcmp(type, "syscall"))
		return "--ro: only for xdp and syscall (the other types always use it)";
	if (o->unchecked && (strcmp(cmd, "test-run") || strcmp(type, "syscall")))
		return "--unchecked: only for test-run syscall (xdp calls bpf_kwasm_call() anyway)";
	if (o->unchecked && (o->ro || o->noop || o->write_back))
		return "--unchecked excludes --ro, --noop and --write-back";
	if ((o->caps || o->run_caps) && (!strcmp(type, "kprobe") || !strcmp(type, "fentry")))
		return "--caps, --run-caps: not for tracing programs";
	if (o->caps && o->run_caps)
		return "--caps and --run-caps exclude each other";
	if (o->run_caps && strcmp(cmd, "test-run") && strcmp(cmd, "check"))
		return "--run-caps: only for test-run and check";
	return NULL;
}

int main(int argc, char **argv)
{
	struct kb_opts o = { .size = -1 };
	const char *cmd, *bad;
	int n;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "help"))) {
		fputs(kb_usage, stdout);
		return 0;
	}
	if (argc == 2 && (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		printf("kwasm-bpf %s\n", KWASM_VERSION);
		return 0;
	}
	n = kb_options(argc, argv, &o);
	if (n < 1)
		return kb_usage_err(n < 0 ? "bad option" : NULL);
	kb_log_setup(o.verbose);
	cmd = argv[0];
	bad = kb_bad_combo(cmd, n > 1 ? argv[1] : "", &o);
	if (bad)
		return kb_usage_err(bad);
	if (o.caps && kb_drop_caps(o.caps))
		return KB_FAIL;
	if (!strcmp(cmd, "check") && n == 2) {
		if (kb_parse_u32(argv[1], &o.handle))
			return kb_usage_err("bad HANDLE");
		return kb_check(&o);
	}
	if (!strcmp(cmd, "test-run") && n == 3) {
		if (kb_parse_u32(argv[2], &o.handle))
			return kb_usage_err("bad HANDLE");
		return kb_test_run(argv[1], &o);
	}
	if (!strcmp(cmd, "bench") && n == 2) {
		if (kb_parse_u32(argv[1], &o.handle))
			return kb_usage_err("bad HANDLE");
		return kb_bench(&o);
	}
	if ((!strcmp(cmd, "xdp") || !strcmp(cmd, "tc")) && n >= 3) {
		if (!strcmp(argv[1], "attach") && n == 4) {
			if (kb_parse_u32(argv[3], &o.handle))
				return kb_usage_err("bad HANDLE");
			return kb_attach(cmd, argv[2], &o);
		}
		if (!strcmp(argv[1], "detach") && n == 3)
			return kb_detach(cmd, argv[2], &o);
		if (!strcmp(argv[1], "stats") && n == 3)
			return kb_stats(cmd, argv[2], &o);
	}
	if (strcmp(cmd, "check") && strcmp(cmd, "test-run") && strcmp(cmd, "bench") &&
	    strcmp(cmd, "xdp") && strcmp(cmd, "tc")) {
		fprintf(stderr, "kwasm-bpf: unknown command '%s'\n", cmd);
		return kb_usage_err(NULL);
	}
	return kb_usage_err("wrong arguments");
}
