/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What the example BPF programs and their loader (kwasm-bpf) share: map
 * layouts and the SYSCALL programs' context.  Built for BPF (after
 * vmlinux.h) and for userspace (after <linux/types.h>).
 */
#ifndef KWASM_BPF_H
#define KWASM_BPF_H

#include "../include/uapi/linux/kwasm_abi.h"

/* Bytes after the Ethernet header that the filters hand to the guest. */
#define KW_FILTER_BYTES		256

/* Slots of the filters' per-CPU kw_stats array. */
enum kw_stat {
	KW_STAT_PASS,		/* result 0 */
	KW_STAT_DROP,		/* result 1 */
	KW_STAT_ERROR,		/* a negative result, or one above 1: passed */
	KW_STAT_SHORT,		/* no bytes after the Ethernet header: passed */
	KW_STATS
};

/* kw_errors is indexed by -result, capped here; slot 0 counts results > 1. */
#define KW_ERRNO_SLOTS		128

/* The filters' settings, kw_config[0]: the loader writes it before attaching. */
struct kw_config {
	__u32 handle;		/* the export to call */
	__u32 write_back;	/* copy the guest's changes back into the packet */
	__u32 noop;		/* call bpf_kwasm_noop() instead (kwasm-bpf --noop) */
	__u32 ro;		/* XDP: bpf_kwasm_call_ro() instead (kwasm-bpf --ro) */
};

/* The filters' per-CPU scratch: the guest's input and the last result. */
struct kw_scratch {
	__s32 result;
	__u32 len;
	__u8 data[KW_FILTER_BYTES];
};

/* One word above the kfunc's limit, so tests can check -E2BIG. */
#define KW_SYSCALL_BYTES	(KWASM_BUF_MAX + 8)

/*
 * Context of the SYSCALL programs (BPF_PROG_TEST_RUN ctx_in, copied back
 * after the run).  data comes first: the verifier accepts a context
 * pointer as kfunc memory only at offset 0.
 */
struct kw_syscall_args {
	__u8 data[KW_SYSCALL_BYTES];	/* in and out: the guest may change it */
	__u32 handle;			/* in */
	__u32 len;			/* in: bytes of data to pass */
	__s32 result;			/* out: the kfunc's return value */
	__u32 pad;
};

#endif /* KWASM_BPF_H */
