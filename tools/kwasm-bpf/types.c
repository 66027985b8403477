// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-bpf test-run for the programs of types.bpf.c: SCHED_ACT,
 * LWT_IN/OUT/XMIT and NETFILTER, which can call bpf_kwasm_call_ro() on
 * kernels with kfunc hooks for them (6.4+), and SOCKET_FILTER,
 * CGROUP_SKB, kprobe and fentry programs, which the verifier must refuse
 * everywhere.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "loader.h"
#include "types.skel.h"

/* 6.4+; the UAPI headers we build with (6.1's) lack them. */
#define KB_PROG_TYPE_NETFILTER	32
#define KB_ATTACH_NETFILTER	45
#define KB_IPV4_HLEN		20

enum kb_input {
	KB_IN_L2,	/* an Ethernet frame; the program sees it whole */
	KB_IN_L3,	/* an Ethernet frame; the test run strips the header */
	KB_IN_IP,	/* the payload alone, as an IP packet (netfilter) */
	KB_IN_NONE,	/* load only: a type the verifier must refuse */
};

/* Why kwasm.ko never registers its kfuncs for a type. */
#define KB_WHY_CAP_BPF	"CAP_BPF alone loads them, so kwasm.ko never registers its kfuncs for them (docs/DATAPATH.md, Security model)"
#define KB_WHY_TRACING	"they can run inside the engine, so kwasm.ko never registers its kfuncs for them"

struct kb_type {
	const char *name;	/* test-run TYPE */
	const char *prog;	/* its program in types.bpf.c */
	enum kb_input in;
	__u32 pass, drop;	/* the program's return values */
	const char *pass_name, *drop_name;
	const char *never;	/* KB_IN_NONE: why it must not load */
};

static const struct kb_type kb_types[] = {
	{ "act", "act_filter", KB_IN_L2, 0, 2, "TC_ACT_OK", "TC_ACT_SHOT", NULL },

	{ "lwt_in", "lwt_in_filter", KB_IN_L3, 0, 2, "BPF_OK", "BPF_DROP", NULL },
	{ "lwt_out", "lwt_out_filter", KB_IN_L3, 0, 2, "BPF_OK", "BPF_DROP", NULL },
	{ "lwt_xmit", "lwt_xmit_filter", KB_IN_L3, 0, 2, "BPF_OK", "BPF_DROP", NULL },
	{ "netfilter", "nf_filter", KB_IN_IP, 1, 0, "NF_ACCEPT", "NF_DROP", NULL },
	{ "socket", "sock_filter", KB_IN_NONE, 0, 0, NULL, NULL, KB_WHY_CAP_BPF },
	{ "cgroup_skb", "cgskb_filter", KB_IN_NONE, 0, 0, NULL, NULL, KB_WHY_CAP_BPF },
	{ "kprobe", "kprobe_call", KB_IN_NONE, 0, 0, NULL, NULL, KB_WHY_TRACING },
	{ "fentry", "fentry_call", KB_IN_NONE, 0, 0, NULL, NULL, KB_WHY_TRACING },
};

static const char *kb_type_retname(const struct kb_type *t, __u32 ret)
{
	if (ret == t->drop)
		return t->drop_name;
	return ret == t->pass ? t->pass_name : "?";
}

/* Load only @t's program; NULL after saying why not. */
static struct kw_types *kb_types_load(const struct kb_type *t, struct bpf_program **progp)
{
	char why[256];
	struct bpf_program *p, *prog;
	struct kw_types *skel;
	int err;

	if (kb_check_kernel())
		return NULL;
	skel = kw_types__open();
	if (!skel) {
		kb_load_failed("types.bpf.o", -errno);
		return NULL;
	}
	prog = bpf_object__find_program_by_name(skel->obj, t->prog);
	bpf_object__for_each_program(p, skel->obj)
		bpf_program__set_autoload(p, p == prog);
	/* libbpf 1.1 does not know the netfilter type. */
	if (t->in == KB_IN_IP) {
		bpf_program__set_type(prog, KB_PROG_TYPE_NETFILTER);
		bpf_program__set_expected_attach_type(prog, KB_ATTACH_NETFILTER);
	}
	err = kw_types__load(skel);
	if (!err) {
		*progp = prog;
		return skel;
	}
	/* Before 6.4 the program type itself is unknown. */
	if (t->in == KB_IN_IP && err == -EINVAL &&
	    !strstr(kb_log_text(), "calling kernel function")) {
		kb_load_failed(t->prog, err);
		fprintf(stderr, "kwasm-bpf: %s: the kernel may lack netfilter programs (6.4+)\n",
			t->prog);
		kw_types__destroy(skel);
		return NULL;
	}
	if (t->in == KB_IN_NONE)
		snprintf(why, sizeof(why), "%s programs: %s", t->name, t->never);
	else
		snprintf(why, sizeof(why),
			 "kwasm.ko registers its kfuncs for %s programs only where the kernel has a kfunc hook for them (6.4+, e.g. 6.12; see kwasm status)",
			 t->name);
	kb_load_refused(t->prog, err, why);
	kw_types__destroy(skel);
	return NULL;
}

static int kb_types_run(const struct kb_type *t, const struct kb_opts *o)
{
	static __u8 payload[KB_FRAME_MAX], frame[KB_FRAME_MAX];
	struct kw_config cfg = { .handle = o->handle, .noop = o->noop };
	struct kw_scratch s = { 0 };
	struct bpf_program *prog;
	struct kw_types *skel;
	size_t len, flen;
	__u32 key = 0;
	int cpu, err, ret = KB_FAIL;

	if (kb_payload(o, payload, KB_FRAME_MAX - ETH_HLEN, &len))
		return KB_USAGE;
	if (t->in == KB_IN_IP && len < KB_IPV4_HLEN) {
		fprintf(stderr,
			"kwasm-bpf: netfilter: the kernel wants at least %d bytes (an IPv4 header)\n",
			KB_IPV4_HLEN);
		return KB_USAGE;
	}
	cpu = kb_pin_cpu();
	if (cpu < 0) {
		fprintf(stderr, "kwasm-bpf: cannot pin to a CPU: %s\n", strerror(-cpu));
		return KB_FAIL;
	}
	skel = kb_types_load(t, &prog);
	if (!skel)
		return KB_FAIL;
	err = bpf_map__update_elem(skel->maps.kw_config, &key, sizeof(key), &cfg, sizeof(cfg), 0);
	if (err) {
		fprintf(stderr, "kwasm-bpf: writing kw_config: %s\n", strerror(-err));
		goto out;
	}
	if (t->in == KB_IN_IP) {
		memcpy(frame, payload, len);
		flen = len;
	} else {
		flen = kb_frame(frame, payload, len);
	}
	if (kb_run_as(o))
		goto out;

	LIBBPF_OPTS(bpf_test_run_opts, r, .data_in = frame, .data_size_in = flen,
		    .repeat = o->repeat);
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &r);
	if (err) {
		fprintf(stderr, "kwasm-bpf: test run of %s: %s\n", t->prog, strerror(errno));
		goto out;
	}
	err = kb_scratch(skel->maps.kw_scratch, cpu, &s);
	if (err) {
		fprintf(stderr, "kwasm-bpf: reading kw_scratch: %s\n", strerror(-err));
		goto out;
	}
	printf("retval %u %s\n", r.retval, kb_type_retname(t, r.retval));
	printf("result %d%s\n", s.result, kb_errname(s.result));
	printf("duration %u ns/run (%ld runs)\n", r.duration, o->repeat ? o->repeat : 1);
	kb_print_hex("buffer", s.data, s.len);
	ret = s.result < 0 ? KB_CALL_FAILED : KB_OK;
out:
	kw_types__destroy(skel);
	return ret;
}

/**
 * kb_run_type() - test-run a program of types.bpf.c
 * @type: act, lwt_in, lwt_out, lwt_xmit, netfilter; or socket,
 *	  cgroup_skb, kprobe, fentry: only loaded, which must fail
 * @o: handle, data, repeat count, --noop
 *
 * Return: as kb_check(); KB_FAIL for socket, cgroup_skb, kprobe and
 * fentry in any case (the message says whether the verifier refused
 * them, as it must).
 */
int kb_run_type(const char *type, const struct kb_opts *o)
{
	struct bpf_program *prog;
	struct kw_types *skel;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kb_types); i++) {
		const struct kb_type *t = &kb_types[i];

		if (strcmp(type, t->name))
			continue;
		if (o->write_back) {
			fprintf(stderr, "kwasm-bpf: --write-back: only for xdp and syscall\n");
			return KB_USAGE;
		}
		if (t->in != KB_IN_NONE)
			return kb_types_run(t, o);
		skel = kb_types_load(t, &prog);
		if (!skel)
			return KB_FAIL;
		fprintf(stderr,
			"kwasm-bpf: %s: LOADED: the kernel lets %s programs call the kwasm kfuncs, which kwasm.ko must never allow\n",
			t->prog, t->name);
		kw_types__destroy(skel);
		return KB_FAIL;
	}
	fprintf(stderr,
		"kwasm-bpf: test-run: unknown program type '%s' (xdp, tc, syscall, act, socket, cgroup_skb, lwt_in, lwt_out, lwt_xmit, netfilter, kprobe, fentry)\n",
		type);
	return KB_USAGE;
}
