// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: kfuncs for XDP, tc (SCHED_CLS) and SYSCALL programs, and on
 * newer kernels for the other networking program types too.
 *
 * Only program types that run in process or softirq context and never
 * inside the engine are registered: tracing, kprobe and perf programs
 * could fire in the middle of a call on the same CPU.  The per-CPU busy
 * flag would refuse them anyway, but they would see nothing but -EBUSY
 * there.
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/kwasm.h>

#include "bpf.h"
#include "dp.h"

__bpf_kfunc_start_defs();

/**
 * bpf_kwasm_call() - call a data-path export from an eBPF program
 * @handle: the export's handle (kwasm list)
 * @buf: the input, which the guest reads with pkt_read and may change
 *	 with pkt_write
 * @buf__sz: its size, at most KW_BUF_MAX
 *
 * Context: process or softirq.  Where interrupts are off (netpoll runs
 * XDP and packet taps that way) the call is refused with -EBUSY:
 * local_bh_enable() must not run softirqs there.
 * Return: the export's result (>= 0), or -ENOENT (unknown handle), -E2BIG
 * (buffer too large), -EBUSY (re-entry, or interrupts off), -EDQUOT (out
 * of fuel), -EFAULT (trap), -ERANGE (negative result).
 */
__bpf_kfunc int bpf_kwasm_call(u32 handle, void *buf, u32 buf__sz)
{
	struct kw_dp_input in = {
		.buf = buf,
		.len = buf__sz,
		.writable = true,
		.wire_len = buf__sz,
	};
	s32 result;
	int ret;

	if (buf__sz > KW_BUF_MAX)
		return -E2BIG;
	if (unlikely(in_hardirq() || in_nmi() || irqs_disabled()))
		return -EBUSY;
	ret = kw_dp_call_handle(handle, &in, &result);
	return ret ? ret : result;
}

/**
 * bpf_kwasm_noop() - the same signature, doing nothing
 * @handle: ignored
 * @buf: ignored
 * @buf__sz: ignored
 *
 * The baseline for measuring what bpf_kwasm_call() costs.
 *
 * Return: 0.
 */
__bpf_kfunc int bpf_kwasm_noop(u32 handle, void *buf, u32 buf__sz)
{
	return 0;
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(kw_bpf_kfunc_ids)
BTF_ID_FLAGS(func, bpf_kwasm_call)
BTF_ID_FLAGS(func, bpf_kwasm_noop)
BTF_KFUNCS_END(kw_bpf_kfunc_ids)

static const struct btf_kfunc_id_set kw_bpf_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &kw_bpf_kfunc_ids,
};

static int kw_bpf_err = -ENODEV;

/*
 * One type per kfunc hook: a module may register only one set per hook
 * (a second one WARNs), and several types share a hook.
 */
static const enum bpf_prog_type kw_bpf_types[] = {
	BPF_PROG_TYPE_XDP, BPF_PROG_TYPE_SCHED_CLS, BPF_PROG_TYPE_SYSCALL,
#ifdef KW_COMPAT_NET_KFUNC_HOOKS
	/* Softirq or process context, like the three above. */
	BPF_PROG_TYPE_SCHED_ACT,
	BPF_PROG_TYPE_SOCKET_FILTER,
	/* The hook of CGROUP_SKB, _SOCK, _SOCK_ADDR, _SOCKOPT, _SYSCTL, _DEVICE */
	BPF_PROG_TYPE_CGROUP_SKB,
	/* The hook of LWT_IN, _OUT, _XMIT and _SEG6LOCAL */
	BPF_PROG_TYPE_LWT_IN,
	BPF_PROG_TYPE_NETFILTER,
#endif
};

/**
 * kw_bpf_init() - register the kfuncs
 *
 * A failure is not fatal: kwasm works without eBPF, and KWASM_CMD_STATS
 * reports why the bridge is missing.  Module BTF is a build requirement
 * (scripts/kmod-build.sh fails without it), but a kernel built without
 * BTF still loads the module.
 *
 * Return: 0, -ENOKEY if the module has no BTF, or the registration's
 * negative errno.
 */
int kw_bpf_init(void)
{
	u32 i;
	int ret = 0;

#ifdef CONFIG_DEBUG_INFO_BTF_MODULES
	/* Without BTF, registering "succeeds" and nothing is callable. */
	if (!THIS_MODULE->btf_data_size)
		ret = -ENOKEY;
#endif
	for (i = 0; i < ARRAY_SIZE(kw_bpf_types) && !ret; i++)
		ret = register_btf_kfunc_id_set(kw_bpf_types[i], &kw_bpf_kfunc_set);
	if (ret)
		pr_warn("eBPF kfuncs not registered: %d\n", ret);
	kw_bpf_err = ret;
	return ret;
}

/**
 * kw_bpf_status() - whether the kfuncs are registered
 *
 * Return: 0 if they are, else the registration's negative errno.
 */
int kw_bpf_status(void)
{
	return kw_bpf_err;
}
