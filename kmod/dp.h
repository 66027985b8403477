/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: data-path modules (docs/DATAPATH.md).
 *
 * A module loaded with KWASM_A_DATAPATH has one instance per possible CPU.
 * Data-path calls (kfuncs, netfilter) run on the current CPU's instance
 * with bottom halves disabled, no allocation and a per-instance busy flag:
 * re-entry fails with -EBUSY and never waits.  Each (i32) -> i32 export
 * has a handle in a global xarray, looked up under RCU; unpublishing a
 * module's handles waits for an RCU grace period, after which no data-path
 * call can still be running in its instances.
 */
#ifndef KW_DP_H
#define KW_DP_H

#include <linux/types.h>

#include "abi.h"

struct kw_mod;
struct kw_reg_status;

/* Largest kfunc buffer (bpf_kwasm_call's buf__sz). */
#define KW_BUF_MAX	4096

/**
 * struct kw_dp_fn - one data-path export
 * @m: its module
 * @idx: index in the module's data-path exports
 * @handle: its handle, 0 until published
 * @name: the export name, NUL-terminated
 */
struct kw_dp_fn {
	struct kw_mod *m;
	u32 idx;
	u32 handle;
	char name[64];
};

int kw_dp_instantiate(struct kw_mod *m, struct kw_reg_status *st);
void kw_dp_free(struct kw_mod *m);
int kw_dp_publish(struct kw_mod *m);
void kw_dp_unpublish(struct kw_mod *m);

struct kw_dp_fn *kw_dp_find(const struct kw_mod *m, const char *name, u32 len);
int kw_dp_call(struct kw_dp_fn *fn, const struct kw_dp_input *in, s32 *result);
int kw_dp_call_handle(u32 handle, const struct kw_dp_input *in, s32 *result);

void kw_dp_stats(const struct kw_mod *m, u64 *calls, u64 *fuel);
struct kw_instance *kw_dp_claim(struct kw_mod *m, u32 *cpu);
void kw_dp_release(struct kw_mod *m, u32 cpu);

#endif /* KW_DP_H */
