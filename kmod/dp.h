/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: data-path modules (docs/DATAPATH.md).
 *
 * A module loaded with KWASM_A_DATAPATH has one instance per possible CPU,
 * and one more for control-plane calls (kwasm call), which may sleep and
 * so must never hold a CPU's instance.
 * Data-path calls (kfuncs, netfilter) run on the current CPU's instance
 * with bottom halves disabled, no allocation and a per-instance busy flag:
 * re-entry fails with -EBUSY and never waits.  Fuel and a time budget
 * (dp_call_us, from the call's first KW_BUDGET_START_FUEL units of fuel)
 * bound each call, since bottom halves are off.  Each (i32) -> i32 export
 * has a handle in a global table, looked up under RCU; unpublishing a
 * module's handles waits for an RCU grace period, after which no data-path
 * call can still be running in its instances.
 */
#ifndef KW_DP_H
#define KW_DP_H

#include <linux/types.h>

#include "abi.h"

struct kw_entry;
struct kw_status;

/* Largest kfunc buffer (bpf_kwasm_call's buf__sz): the guest ABI's. */
#define KW_BUF_MAX	KWASM_BUF_MAX
/* The longest dp_call_us: 100 ms with bottom halves off is already too long. */
#define KW_DP_CALL_US_MAX	100000U

/**
 * struct kw_dp_fn - one data-path export
 * @m: its module
 * @idx: index in the module's data-path exports
 * @handle: its handle, 0 until published
 * @name_len: the length of @name; Wasm names may hold NUL bytes
 * @name: the export name, NUL-padded
 */
struct kw_dp_fn {
	struct kw_entry *m;
	u32 idx;
	u32 handle;
	u32 name_len;
	char name[64];
};

int kw_dp_instantiate(struct kw_entry *m, struct kw_status *st);
void kw_dp_free(struct kw_entry *m);
int kw_dp_publish(struct kw_entry *m);
void kw_dp_unpublish(struct kw_entry *m);
void kw_dp_uninit(void);

struct kw_dp_fn *kw_dp_find(const struct kw_entry *m, const char *name, u32 len);
int kw_dp_call(struct kw_dp_fn *fn, const struct kw_dp_input *in, s32 *result);
int kw_dp_call_handle(u32 handle, const struct kw_dp_input *in, s32 *result);

void kw_dp_stats(const struct kw_entry *m, u64 *calls, u64 *fuel);

#endif /* KW_DP_H */
