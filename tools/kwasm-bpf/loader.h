/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-bpf: loads the example BPF programs of bpf/, which call the
 * kwasm kfuncs, runs them through BPF_PROG_TEST_RUN or attaches them.
 */
#ifndef KWASM_BPF_LOADER_H
#define KWASM_BPF_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "kwasm_bpf.h"

/* Exit codes: a failed call (negative result) is not a setup failure. */
#define KB_OK		0
#define KB_FAIL		1
#define KB_USAGE	2
#define KB_CALL_FAILED	3

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Where attachments pin their link or program and maps. */
#define KB_PIN_ROOT	"/sys/fs/bpf/kwasm"

struct kb_opts {
	__u32 handle;
	const char *data_hex;	/* --data */
	long size;		/* --size, -1 if not given */
	long repeat;		/* --repeat */
	bool write_back;	/* --write-back */
	bool noop;		/* --noop: call bpf_kwasm_noop() */
	bool ro;		/* --ro: call bpf_kwasm_call_ro() (xdp, syscall) */
	bool unchecked;		/* --unchecked: syscall calls bpf_kwasm_call() */
	const char *caps;	/* --caps: load and run as nobody with these */
	const char *run_caps;	/* --run-caps: load as is, run as nobody with these */
	bool egress;		/* --egress (tc) */
	bool skb_mode;		/* --skb-mode (xdp) */
	bool verbose;		/* -v: all of libbpf's messages */
};

/* env.c */
void kb_log_setup(bool verbose);
int kb_check_kernel(void);
const char *kb_log_text(void);
void kb_load_failed(const char *what, int err);
void kb_load_refused(const char *what, int err, const char *why);
int kb_mount_bpffs(void);
int kb_parse_u32(const char *s, __u32 *out);
int kb_parse_long(const char *s, long *out);
void kb_print_hex(const char *label, const __u8 *buf, size_t len);
const char *kb_errname(int err);
int kb_pin_cpu(void);
int kb_drop_caps(const char *list);
int kb_run_as(const struct kb_opts *o);

#define ETH_HLEN	14
#define KB_FRAME_MAX	(ETH_HLEN + 1500)

/* run.c; KB_* select programs of filter.bpf.o. */
#define KB_XDP		1
#define KB_XDP_NOOP	2
#define KB_TC		4
struct kw_filter;
struct kw_filter *kb_filter_load(const struct kb_opts *o, int progs);
int kb_check(const struct kb_opts *o);
int kb_test_run(const char *type, const struct kb_opts *o);
int kb_bench(const struct kb_opts *o);
int kb_payload(const struct kb_opts *o, __u8 *buf, size_t cap, size_t *len);
size_t kb_frame(__u8 *frame, const __u8 *payload, size_t len);
struct bpf_map;
int kb_scratch(const struct bpf_map *map, int cpu, struct kw_scratch *out);

/* types.c */
int kb_run_type(const char *type, const struct kb_opts *o);

/* attach.c */
int kb_attach(const char *type, const char *ifname, const struct kb_opts *o);
int kb_detach(const char *type, const char *ifname, const struct kb_opts *o);
int kb_stats(const char *type, const char *ifname, const struct kb_opts *o);

#endif /* KWASM_BPF_LOADER_H */
