// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-bpf check, test-run and bench: BPF_PROG_TEST_RUN of the example
 * programs, which call the kwasm kfuncs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "hex.h"
#include "loader.h"
#include "filter.skel.h"
#include "syscall.skel.h"

#define KB_DEFAULT_SIZE	64
#define KB_WHY_SYSCALL \
	"CAP_BPF alone loads SYSCALL programs, so kwasm.ko offers them only bpf_kwasm_call_sys(), which checks the caller for CAP_SYS_ADMIN"

/**
 * kb_filter_load() - open and load filter.bpf.o for a handle
 * @o: the handle and --write-back
 * @progs: KB_XDP, KB_XDP_NOOP, KB_TC: the programs to load
 *
 * Return: the skeleton, or NULL after saying why.
 */
struct kw_filter *kb_filter_load(const struct kb_opts *o, int progs)
{
	struct kw_config cfg = {
		.handle = o->handle, .write_back = o->write_back, .noop = o->noop, .ro = o->ro,
	};
	struct kw_filter *skel;
	__u32 key = 0;
	int err;

	if (kb_check_kernel())
		return NULL;
	skel = kw_filter__open();
	if (!skel) {
		kb_load_failed("filter.bpf.o", -errno);
		return NULL;
	}
	bpf_program__set_autoload(skel->progs.xdp_filter, progs & KB_XDP);
	bpf_program__set_autoload(skel->progs.xdp_filter_noop, progs & KB_XDP_NOOP);
	bpf_program__set_autoload(skel->progs.tc_filter, progs & KB_TC);
	err = kw_filter__load(skel);
	if (err) {
		kb_load_failed("filter.bpf.o", err);
		kw_filter__destroy(skel);
		return NULL;
	}
	err = bpf_map__update_elem(skel->maps.kw_config, &key, sizeof(key), &cfg, sizeof(cfg), 0);
	if (err) {
		fprintf(stderr, "kwasm-bpf: writing kw_config: %s\n", strerror(-err));
		kw_filter__destroy(skel);
		return NULL;
	}
	return skel;
}

/**
 * kb_payload() - the test payload: --data, or --size bytes counting up from 0
 * @o: the options
 * @buf: where it goes
 * @cap: room in @buf
 * @len: its length
 *
 * Return: 0, or a negative errno after saying what is wrong.
 */
int kb_payload(const struct kb_opts *o, __u8 *buf, size_t cap, size_t *len)
{
	size_t i;
	int err;

	if (o->data_hex) {
		err = hex_parse(o->data_hex, buf, cap, len);
		if (err)
			fprintf(stderr, "kwasm-bpf: --data: %s (at most %zu bytes of hex)\n",
				err == -E2BIG ? "too long" : "not hex", cap);
		return err;
	}
	*len = o->size >= 0 ? (size_t)o->size : KB_DEFAULT_SIZE;
	if (*len > cap) {
		fprintf(stderr, "kwasm-bpf: --size: at most %zu\n", cap);
		return -E2BIG;
	}
	for (i = 0; i < *len; i++)
		buf[i] = (__u8)i;
	return 0;
}

/**
 * kb_frame() - wrap a payload in an Ethernet header
 * @frame: where the frame goes, room for ETH_HLEN + @len
 * @payload: the payload
 * @len: its length
 *
 * From a locally administered address to all, with the local experimental
 * EtherType: the kernel parses nothing after it.
 *
 * Return: the frame's length.
 */
size_t kb_frame(__u8 *frame, const __u8 *payload, size_t len)
{
	static const __u8 eth[ETH_HLEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x88, 0xb5,
	};

	memcpy(frame, eth, ETH_HLEN);
	memcpy(frame + ETH_HLEN, payload, len);
	return ETH_HLEN + len;
}

/**
 * kb_scratch() - a filter program's kw_scratch on one CPU
 * @map: the skeleton's kw_scratch map (filter.bpf.o or types.bpf.o)
 * @cpu: the CPU the program ran on
 * @out: what the guest saw, and its result
 *
 * Return: 0 or a negative errno.
 */
int kb_scratch(const struct bpf_map *map, int cpu, struct kw_scratch *out)
{
	int ncpu = libbpf_num_possible_cpus();
	struct kw_scratch *all;
	__u32 key = 0;
	int err;

	if (ncpu < 0)
		return ncpu;
	all = calloc(ncpu, sizeof(*all));
	if (!all)
		return -ENOMEM;
	err = bpf_map__lookup_elem(map, &key, sizeof(key), all, ncpu * sizeof(*all), 0);
	if (!err)
		*out = all[cpu];
	free(all);
	return err;
}

static const char *kb_retname(bool xdp, __u32 ret)
{
	if (xdp)
		return ret == 1 ? "XDP_DROP" : ret == 2 ? "XDP_PASS" : "?";
	return ret == 0 ? "TC_ACT_OK" : ret == 2 ? "TC_ACT_SHOT" : "?";
}

static int kb_run_filter(bool xdp, const struct kb_opts *o)
{
	static __u8 payload[KB_FRAME_MAX], frame[KB_FRAME_MAX], out[KB_FRAME_MAX + 256];
	struct kw_scratch s = { 0 };
	struct kw_filter *skel;
	struct bpf_program *prog;
	size_t len, flen;
	int cpu, err, ret = KB_FAIL;

	if (kb_payload(o, payload, KB_FRAME_MAX - ETH_HLEN, &len))
		return KB_USAGE;
	flen = kb_frame(frame, payload, len);
	cpu = kb_pin_cpu();
	if (cpu < 0) {
		fprintf(stderr, "kwasm-bpf: cannot pin to a CPU: %s\n", strerror(-cpu));
		return KB_FAIL;
	}
	skel = kb_filter_load(o, xdp ? KB_XDP : KB_TC);
	if (!skel)
		return KB_FAIL;
	prog = xdp ? skel->progs.xdp_filter : skel->progs.tc_filter;
	if (kb_run_as(o))
		goto out;

	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = frame, .data_size_in = flen,
		    .data_out = out, .data_size_out = sizeof(out), .repeat = o->repeat);
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &t);
	if (err) {
		fprintf(stderr, "kwasm-bpf: test run of %s: %s\n", bpf_program__name(prog),
			strerror(errno));
		goto out;
	}
	err = kb_scratch(skel->maps.kw_scratch, cpu, &s);
	if (err) {
		fprintf(stderr, "kwasm-bpf: reading kw_scratch: %s\n", strerror(-err));
		goto out;
	}
	printf("retval %u %s\n", t.retval, kb_retname(xdp, t.retval));
	printf("result %d%s\n", s.result, kb_errname(s.result));
	printf("duration %u ns/run (%ld runs)\n", t.duration, o->repeat ? o->repeat : 1);
	kb_print_hex("buffer", s.data, s.len);
	if (t.data_size_out >= ETH_HLEN)
		kb_print_hex("data", out + ETH_HLEN, t.data_size_out - ETH_HLEN);
	ret = s.result < 0 ? KB_CALL_FAILED : KB_OK;
out:
	kw_filter__destroy(skel);
	return ret;
}

static double kb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* SYSCALL programs cannot repeat in the kernel: loop here. */
static int kb_run_syscall(const struct kb_opts *o, bool check)
{
	static struct kw_syscall_args args;
	struct bpf_program *p, *prog, *refused;
	struct kw_syscall *skel;
	size_t len;
	long i, n = o->repeat > 0 ? o->repeat : 1;
	double t0;
	int err, ret = KB_FAIL;

	if (kb_payload(o, args.data, sizeof(args.data), &len))
		return KB_USAGE;
	args.handle = o->handle;
	args.len = len;
	if (kb_check_kernel())
		return KB_FAIL;
	skel = kw_syscall__open();
	if (!skel) {
		kb_load_failed("syscall.bpf.o", -errno);
		return KB_FAIL;
	}
	refused = o->ro ? skel->progs.kw_call_ro : o->unchecked ? skel->progs.kw_call_xdp : NULL;
	prog = refused ? refused : o->noop ? skel->progs.kw_noop : skel->progs.kw_call;
	/* The programs the verifier must refuse load only when asked for. */
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, p == prog ||
					  (!refused && p != skel->progs.kw_call_ro &&
					   p != skel->progs.kw_call_xdp));
	err = kw_syscall__load(skel);
	if (err) {
		kb_load_refused("syscall.bpf.o", err, refused ? KB_WHY_SYSCALL : NULL);
		goto out;
	}
	if (refused) {
		fprintf(stderr,
			"kwasm-bpf: %s: LOADED: a SYSCALL program may call %s(), which kwasm.ko must never allow\n",
			bpf_program__name(refused),
			o->ro ? "bpf_kwasm_call_ro" : "bpf_kwasm_call");
		goto out;
	}
	if (kb_run_as(o))
		goto out;

	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &args, .ctx_size_in = sizeof(args));
	t0 = kb_now_ns();
	for (i = 0; i < n; i++) {
		err = bpf_prog_test_run_opts(bpf_program__fd(prog), &t);
		if (err) {
			fprintf(stderr, "kwasm-bpf: test run of kw_call: %s\n", strerror(errno));
			goto out;
		}
	}
	if (check) {
		printf("bpf_kwasm_call_sys(%u, %zu bytes) = %d%s\n", o->handle, len, args.result,
		       kb_errname(args.result));
	} else {
		printf("result %d%s\n", args.result, kb_errname(args.result));
		printf("duration %.0f ns/run (%ld runs, with the syscall)\n",
		       (kb_now_ns() - t0) / n, n);
		kb_print_hex("data", args.data, len);
	}
	ret = args.result < 0 ? KB_CALL_FAILED : KB_OK;
out:
	kw_syscall__destroy(skel);
	return ret;
}

/**
 * kb_check() - call bpf_kwasm_call_sys() once from a SYSCALL program
 * @o: the handle and, optionally, the data
 *
 * Return: KB_OK, KB_CALL_FAILED for a negative result (the kfunc was
 * reached), KB_FAIL if it could not be.
 */
int kb_check(const struct kb_opts *o)
{
	return kb_run_syscall(o, true);
}

/**
 * kb_test_run() - run one example program on test data
 * @type: "xdp", "tc", "syscall", or one of kb_run_type()'s
 * @o: handle, data, repeat count
 *
 * Return: as kb_check().
 */
int kb_test_run(const char *type, const struct kb_opts *o)
{
	if (!strcmp(type, "xdp"))
		return kb_run_filter(true, o);
	if (!strcmp(type, "tc"))
		return kb_run_filter(false, o);
	if (!strcmp(type, "syscall"))
		return kb_run_syscall(o, false);
	return kb_run_type(type, o);
}

/* Run @prog @repeat times in the kernel; its mean ns per run. */
static int kb_time(struct bpf_program *prog, const __u8 *frame, size_t flen, long repeat,
		   __u32 *ns)
{
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = frame, .data_size_in = flen,
		    .repeat = repeat);

	if (bpf_prog_test_run_opts(bpf_program__fd(prog), &t)) {
		fprintf(stderr, "kwasm-bpf: test run of %s: %s\n", bpf_program__name(prog),
			strerror(errno));
		return -errno;
	}
	*ns = t.duration;
	return 0;
}

/**
 * kb_bench() - bpf_kwasm_call() against bpf_kwasm_noop() from XDP
 * @o: handle, payload (--data or --size), runs (--repeat)
 *
 * The two XDP programs differ only in the kfunc they call.
 *
 * Return: KB_OK, KB_CALL_FAILED if the call returned an error (then the
 * timing is that of the error path), KB_FAIL.
 */
int kb_bench(const struct kb_opts *o)
{
	static __u8 payload[KB_FRAME_MAX], frame[KB_FRAME_MAX];
	struct kb_opts oo = *o;
	struct kw_scratch s = { 0 };
	struct kw_filter *skel;
	__u32 call_ns, noop_ns;
	size_t len, flen;
	int cpu, ret = KB_FAIL;

	oo.write_back = false;
	if (!oo.repeat)
		oo.repeat = 10000;
	if (kb_payload(&oo, payload, KB_FRAME_MAX - ETH_HLEN, &len))
		return KB_USAGE;
	flen = kb_frame(frame, payload, len);
	cpu = kb_pin_cpu();
	if (cpu < 0) {
		fprintf(stderr, "kwasm-bpf: cannot pin to a CPU: %s\n", strerror(-cpu));
		return KB_FAIL;
	}
	skel = kb_filter_load(&oo, KB_XDP | KB_XDP_NOOP);
	if (!skel)
		return KB_FAIL;
	/* Once first, to see what the call returns. */
	if (kb_time(skel->progs.xdp_filter, frame, flen, 1, &call_ns) ||
	    kb_scratch(skel->maps.kw_scratch, cpu, &s) ||
	    kb_time(skel->progs.xdp_filter_noop, frame, flen, oo.repeat, &noop_ns) ||
	    kb_time(skel->progs.xdp_filter, frame, flen, oo.repeat, &call_ns))
		goto out;
	printf("bench: xdp, %zu-byte payload, %ld runs each, handle %u\n", len, oo.repeat,
	       oo.handle);
	printf("bpf_kwasm_call %u ns/run (result %d%s)\n", call_ns, s.result,
	       kb_errname(s.result));
	printf("bpf_kwasm_noop %u ns/run\n", noop_ns);
	if (noop_ns)
		printf("ratio %.2f\n", (double)call_ns / noop_ns);
	else
		printf("ratio n/a (noop under 1 ns)\n");
	ret = s.result < 0 ? KB_CALL_FAILED : KB_OK;
	if (s.result < 0)
		fprintf(stderr, "kwasm-bpf: bench: the call failed (%s), so this timed errors\n",
			kb_errname(s.result) + 1);
out:
	kw_filter__destroy(skel);
	return ret;
}
