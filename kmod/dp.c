// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: data-path modules: per-CPU instances, handles and calls (see
 * dp.h).
 */
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "dp.h"
#include "registry.h"

/* More handles than this per module would only bloat every CPU's table. */
#define KW_DP_MAX_FNS	64

/**
 * struct kw_dp_slot - one CPU's instance
 * @inst: the instance
 * @ai: its guest ABI state
 * @busy: set while a call runs on @inst: the re-entry guard
 * @calls: data-path calls on @inst, written only by the holder of @busy
 * @fuel: fuel they used, likewise
 * @funcs: the exports in @inst, by index in the module's data-path exports
 * @ctx: the options and outcome of the running call, likewise; its fuel,
 *	deadline and flags are set once, at instantiation
 * @val: the argument and result of the running call, likewise
 * @call_us: the dp_call_us that @ctx's budget_ns was computed from
 *
 * Per-CPU counters keep shared atomics off the hot path, and a context
 * here rather than on the stack is not zeroed on every call.
 */
struct kw_dp_slot {
	struct kw_instance *inst;
	struct kw_abi_inst ai;
	atomic_t busy;
	u64 calls;
	u64 fuel;
	struct kw_func **funcs;
	struct kw_call_ctx ctx;
	u64 val;
	u32 call_us;
} ____cacheline_aligned_in_smp;

/**
 * struct kw_dp - a data-path module's instances and exports
 * @nfns: number of (i32) -> i32 exports
 * @fns: those exports
 * @slots: one per possible CPU, indexed by CPU number, then the
 *	control-plane instance's at index nr_cpu_ids
 * @funcs: the exports in each CPU's instance: [cpu * @nfns + fn idx]
 */
struct kw_dp {
	u32 nfns;
	struct kw_dp_fn *fns;
	struct kw_dp_slot *slots;
	struct kw_func **funcs;
};

/*
 * Handle -> struct kw_dp_fn: a flat table indexed by the handle's low
 * bits, read with bottom halves off (an RCU reader) on the data path.  A
 * lookup is a load and a compare; an xarray walk with its own RCU nesting
 * cost more than the rest of the kfunc.  Handles count up from 1 and
 * take only a free slot, so a slot holds one handle at a time and a stale
 * handle finds another number there (-ENOENT).
 */
#define KW_DP_TAB_BITS	13
#define KW_DP_TAB_SIZE	(1U << KW_DP_TAB_BITS)
static struct kw_dp_fn __rcu *kw_dp_tab[KW_DP_TAB_SIZE];
static DEFINE_MUTEX(kw_dp_tab_lock);
static u32 kw_dp_next_handle = 1;

/* Handle @h's place in the table. */
static __always_inline struct kw_dp_fn __rcu **kw_dp_slot_of(u32 h)
{
	return &kw_dp_tab[h & (KW_DP_TAB_SIZE - 1)];
}

static bool kw_dp_is_filter(const struct kw_functype *ft)
{
	return ft->nparams == 1 && ft->nresults == 1 && ft->types[0] == KW_I32 &&
	       ft->types[1] == KW_I32;
}

static int kw_dp_collect_fns(struct kw_entry *m, struct kw_dp *dp)
{
	u32 n = kw_module_export_count(m->mod), i;
	struct kw_export_desc d;

	dp->fns = kcalloc(KW_DP_MAX_FNS, sizeof(*dp->fns), GFP_KERNEL);
	if (!dp->fns)
		return -ENOMEM;
	for (i = 0; i < n && dp->nfns < KW_DP_MAX_FNS; i++) {
		struct kw_dp_fn *fn = &dp->fns[dp->nfns];

		if (kw_module_export(m->mod, i, &d) || d.kind != KW_EXTERN_FUNC ||
		    !kw_dp_is_filter(&d.type) || d.name_len >= sizeof(fn->name))
			continue;
		fn->m = m;
		fn->idx = dp->nfns++;
		fn->name_len = d.name_len;
		memcpy(fn->name, d.name, d.name_len);
	}
	return 0;
}

/* Resolve @m's imports, which must all come from "kwasm", for @ai. */
static int kw_dp_resolve(struct kw_entry *m, struct kw_abi_inst *ai, struct kw_extern *ext,
			 u32 n, struct kw_status *st)
{
	struct kw_import_desc d;
	u32 i;
	int ret;

	for (i = 0; i < n; i++) {
		if (kw_module_import(m->mod, i, &d))
			return -EINVAL;
		ret = kw_abi_is_module(d.module, d.module_len) ? kw_abi_resolve(ai, &d, &ext[i])
							       : -EXDEV;
		if (!ret)
			continue;
		if (ret == -ENOMEM)
			return ret;
		st->status = KW_ELINK;
		if (ret == -EXDEV)
			kw_inst_import_msg(st, "data-path modules import only kwasm.*, not", &d);
		else
			kw_inst_import_msg(st, ret == -ENOENT ? "unknown import" :
					  "incompatible import type for", &d);
		return ret == -EXDEV ? -EINVAL : ret;
	}
	return 0;
}

/* The clock is read only once a call has run a first short slice. */
static void kw_dp_set_budget(struct kw_dp_slot *slot, u32 us)
{
	slot->call_us = us;
	slot->ctx.budget_ns = (u64)clamp_t(u32, us, 1, KW_DP_CALL_US_MAX) * NSEC_PER_USEC;
}

static int kw_dp_instantiate_cpu(struct kw_entry *m, struct kw_dp *dp, u32 cpu,
				 struct kw_extern *ext, struct kw_status *st)
{
	struct kw_dp_slot *slot = &dp->slots[cpu];
	u32 n = kw_module_import_count(m->mod), i;
	struct kw_error err = {};
	struct kw_call_ctx ctx;
	struct kw_limits lim;
	struct kw_extern ex;
	int ret;

	kw_inst_params(m, true, &lim, &ctx);

	slot->ai.m = m;
	ret = kw_dp_resolve(m, &slot->ai, ext, n, st);
	if (ret)
		return ret;
	ret = kw_instance_new(m->mod, ext, n, &lim, &slot->inst, &ctx, &err);
	if (ret)
		return kw_inst_err(ret, &ctx, &err, st);
	if (cpu == nr_cpu_ids)
		return 0;
	/* Fuel bounds the work, the budget the time (a slow CPU, a host call). */
	slot->ctx.fuel = m->fuel;
	slot->ctx.deadline_ns = 0;
	slot->ctx.may_yield = false;
	slot->ctx.no_alloc = true;
	kw_dp_set_budget(slot, READ_ONCE(kw_param_dp_call_us));
	slot->funcs = &dp->funcs[cpu * dp->nfns];
	/* By name and length, and of the kind collected: never a global as a function. */
	for (i = 0; i < dp->nfns; i++) {
		if (kw_instance_export(slot->inst, dp->fns[i].name, dp->fns[i].name_len, &ex) ||
		    ex.kind != KW_EXTERN_FUNC)
			return -EINVAL;
		dp->funcs[cpu * dp->nfns + i] = ex.func;
	}
	return 0;
}

/**
 * kw_dp_instantiate() - instantiate a data-path module on every possible CPU
 * @m: the module, loaded but not yet listed
 * @st: why it failed, on failure
 *
 * On failure the caller frees what was built with kw_dp_free().
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno.
 */
int kw_dp_instantiate(struct kw_entry *m, struct kw_status *st)
{
	u32 n = kw_module_import_count(m->mod), cpu;
	struct kw_extern *ext;
	struct kw_dp *dp;
	int ret;

	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dp)
		return -ENOMEM;
	m->dp = dp;
	ret = kw_dp_collect_fns(m, dp);
	if (ret)
		return ret;
	dp->slots = kvcalloc(nr_cpu_ids + 1, sizeof(*dp->slots), GFP_KERNEL);
	dp->funcs = kvcalloc((size_t)nr_cpu_ids * max_t(u32, dp->nfns, 1), sizeof(*dp->funcs),
			     GFP_KERNEL);
	ext = kvcalloc(max_t(u32, n, 1), sizeof(*ext), GFP_KERNEL | __GFP_NOWARN);
	if (!dp->slots || !dp->funcs || !ext) {
		kvfree(ext);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		ret = kw_dp_instantiate_cpu(m, dp, cpu, ext, st);
		if (ret)
			goto out;
	}
	ret = kw_dp_instantiate_cpu(m, dp, nr_cpu_ids, ext, st);
	if (!ret)
		m->inst = dp->slots[nr_cpu_ids].inst;
out:
	kvfree(ext);
	return ret;
}

/**
 * kw_dp_free() - free a data-path module's instances
 * @m: the module; its handles are unpublished
 */
void kw_dp_free(struct kw_entry *m)
{
	struct kw_dp *dp = m->dp;
	u32 cpu;

	if (!dp)
		return;
	/* The possible CPUs' slots, then the control-plane slot. */
	for (cpu = 0; dp->slots && cpu <= nr_cpu_ids; cpu++) {
		kw_instance_free(dp->slots[cpu].inst);
		kw_abi_release(&dp->slots[cpu].ai);
	}
	kvfree(dp->slots);
	kvfree(dp->funcs);
	kfree(dp->fns);
	kfree(dp);
	m->dp = NULL;
	m->inst = NULL;
}

/* The next handle whose slot is free, or 0 if every slot is taken. */
static u32 kw_dp_take_handle(void)
{
	u32 tries, h;

	lockdep_assert_held(&kw_dp_tab_lock);
	for (tries = 0; tries < KW_DP_TAB_SIZE; tries++) {
		h = kw_dp_next_handle;
		kw_dp_next_handle = h == INT_MAX ? 1 : h + 1;
		if (!rcu_access_pointer(*kw_dp_slot_of(h)))
			return h;
	}
	return 0;
}

/**
 * kw_dp_publish() - give every data-path export a handle
 * @m: the module, listed
 *
 * Handles are not reused until 2^31 more have been given out.
 *
 * Context: process context, may sleep.
 * Return: 0 or -EBUSY (every slot of the handle table is taken); nothing
 * is published then.
 */
int kw_dp_publish(struct kw_entry *m)
{
	struct kw_dp *dp = m->dp;
	u32 i, h;

	mutex_lock(&kw_dp_tab_lock);
	for (i = 0; i < dp->nfns; i++) {
		h = kw_dp_take_handle();
		if (!h)
			break;
		dp->fns[i].handle = h;
		rcu_assign_pointer(*kw_dp_slot_of(h), &dp->fns[i]);
	}
	mutex_unlock(&kw_dp_tab_lock);
	if (i < dp->nfns) {
		kw_dp_unpublish(m);
		return -EBUSY;
	}
	return 0;
}

/**
 * kw_dp_uninit() - forget every handle, at module exit
 *
 * The registry frees the modules left without unpublishing them one by one
 * (a grace period each); nothing can look a handle up any more by then.
 */
void kw_dp_uninit(void)
{
	memset(kw_dp_tab, 0, sizeof(kw_dp_tab));
}

/**
 * kw_dp_unpublish() - withdraw a module's handles
 * @m: the module
 *
 * Returns after an RCU grace period: no data-path call that looked up one
 * of the handles is still running.
 *
 * Context: process context, may sleep.
 */
void kw_dp_unpublish(struct kw_entry *m)
{
	struct kw_dp *dp = m->dp;
	struct kw_dp_fn __rcu **slot;
	u32 i;

	if (!dp)
		return;
	mutex_lock(&kw_dp_tab_lock);
	for (i = 0; i < dp->nfns; i++) {
		slot = kw_dp_slot_of(dp->fns[i].handle);
		if (dp->fns[i].handle && rcu_access_pointer(*slot) == &dp->fns[i])
			RCU_INIT_POINTER(*slot, NULL);
		WRITE_ONCE(dp->fns[i].handle, 0);
	}
	mutex_unlock(&kw_dp_tab_lock);
	/* Bottom-half-disabled readers count: synchronize_rcu() waits for them. */
	synchronize_rcu();
}

/**
 * kw_dp_find() - a data-path export by name
 * @m: the module
 * @name: the export name (not NUL-terminated)
 * @len: its length
 *
 * Return: the export, or NULL if @m is not a data-path module or has no
 * (i32) -> i32 export of that name.
 */
struct kw_dp_fn *kw_dp_find(const struct kw_entry *m, const char *name, u32 len)
{
	struct kw_dp *dp = m->dp;
	u32 i;

	for (i = 0; dp && i < dp->nfns; i++)
		if (dp->fns[i].name_len == len && !memcmp(dp->fns[i].name, name, len))
			return &dp->fns[i];
	return NULL;
}

static int kw_dp_errno(struct kw_entry *m, int ret, const struct kw_call_ctx *ctx)
{
	if (ret != -KW_ETRAP)
		return ret == -KW_EBUSY ? -EBUSY : -EINVAL;
	atomic64_inc(&m->stats.traps);
	if (ctx->trap.code < __KW_TRAP_LAST)
		atomic64_inc(&m->stats.trap_kinds[ctx->trap.code]);
	return ctx->trap.code == KW_TRAP_FUEL || ctx->trap.code == KW_TRAP_DEADLINE ? -EDQUOT :
										       -EFAULT;
}

/* A failed call's errno, counted in @m's statistics. */
static noinline int kw_dp_failed(struct kw_entry *m, int ret, const struct kw_call_ctx *ctx)
{
	if (ret == -KW_EBUSY) {
		atomic64_inc(&m->stats.dp_busy);
		return -EBUSY;
	}
	ret = ret ? kw_dp_errno(m, ret, ctx) : -ERANGE;
	atomic64_inc(&m->stats.dp_errors);
	return ret;
}

/*
 * Runs @fn on this CPU's instance, bottom halves off (the caller's):
 * that pins the CPU and keeps softirqs from re-entering the instance.
 * Returns the export's result as kw_dp_call() does, found before the
 * slot, which holds the call's context, is released.
 */
static __always_inline int kw_dp_run(struct kw_dp_fn *fn, const struct kw_dp_input *in,
				     s32 *result)
{
	struct kw_entry *m = fn->m;
	struct kw_dp_slot *slot = &m->dp->slots[smp_processor_id()];
	u32 us;
	int ret;

	if (atomic_xchg(&slot->busy, 1))
		return kw_dp_failed(m, -KW_EBUSY, NULL);
	slot->ai.in = in;
	us = READ_ONCE(kw_param_dp_call_us);
	if (unlikely(us != slot->call_us))
		kw_dp_set_budget(slot, us);
	slot->val = in->len;
	/* Every export in dp->funcs is (i32) -> i32 (kw_dp_is_filter()). */
	ret = kw_call_slots(slot->funcs[fn->idx], &slot->val, &slot->ctx);
	slot->ai.in = NULL;
	WRITE_ONCE(slot->calls, slot->calls + 1);
	WRITE_ONCE(slot->fuel, slot->fuel + slot->ctx.fuel_used);
	/* A negative result is -ERANGE. */
	if (unlikely(ret || (s32)slot->val < 0))
		ret = kw_dp_failed(m, ret, &slot->ctx);
	else
		*result = (s32)slot->val;
	atomic_set_release(&slot->busy, 0);
	return ret;
}

/**
 * kw_dp_call() - run a data-path export on this CPU's instance
 * @fn: the export; its module cannot go away during the call (a netfilter
 *	hook that calls it is registered)
 * @in: what pkt_* functions see
 * @result: the export's result, on success
 *
 * Context: any but hard interrupt and NMI; never sleeps or allocates.
 * Return: 0, -EBUSY (this CPU's instance is running), -EDQUOT (out of
 * fuel), -EFAULT (other trap), -ERANGE (negative result).
 */
int kw_dp_call(struct kw_dp_fn *fn, const struct kw_dp_input *in, s32 *result)
{
	int ret;

	local_bh_disable();
	ret = kw_dp_run(fn, in, result);
	local_bh_enable();
	return ret;
}

/**
 * kw_dp_call_handle() - run the data-path export behind a handle
 * @handle: from kwasm list
 * @in: what pkt_* functions see
 * @result: the export's result, on success
 *
 * Context: any but hard interrupt and NMI; never sleeps or allocates.
 * Return: as kw_dp_call(), or -ENOENT for an unknown handle.
 */
int kw_dp_call_handle(u32 handle, const struct kw_dp_input *in, s32 *result)
{
	/*
	 * Packets (softirq) and 6.4+ test runs come with bottom halves off
	 * already: they skip a local_bh_enable() that looks for pending
	 * softirqs.  Off, they make this an RCU reader of the handle table.
	 */
	bool bh = !in_softirq();
	int ret = -ENOENT;
	struct kw_dp_fn *fn;

	if (bh)
		local_bh_disable();
	fn = rcu_dereference_bh(*kw_dp_slot_of(handle));
	/* The module stays until a grace period after unpublishing. */
	if (likely(fn && READ_ONCE(fn->handle) == handle))
		ret = kw_dp_run(fn, in, result);
	if (bh)
		local_bh_enable();
	return ret;
}

/**
 * kw_dp_stats() - data-path calls and the fuel they used, over all CPUs
 * @m: the module, listed (its instances cannot go away)
 * @calls: out: calls
 * @fuel: out: fuel
 */
void kw_dp_stats(const struct kw_entry *m, u64 *calls, u64 *fuel)
{
	u32 cpu;

	*calls = 0;
	*fuel = 0;
	if (!m->dp)
		return;
	for_each_possible_cpu(cpu) {
		*calls += READ_ONCE(m->dp->slots[cpu].calls);
		*fuel += READ_ONCE(m->dp->slots[cpu].fuel);
	}
}
