// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: kfuncs for eBPF programs (docs/DATAPATH.md, "Security model").
 *
 * Registered only for program types that need CAP_NET_ADMIN on top of
 * CAP_BPF to load (XDP, SCHED_CLS, and on 6.4+ SCHED_ACT, LWT_* and
 * NETFILTER) and for SYSCALL programs, which need only CAP_BPF: those get
 * bpf_kwasm_call_sys(), which checks the calling task for CAP_SYS_ADMIN.
 * Never tracing, kprobe or perf programs: they could fire inside the
 * engine.
 *
 * The policy follows the program type, not the context: a kfunc cannot
 * tell which program called it, and a set's filter (6.12, not 6.1) only
 * allows or refuses a call at load time, in the loader's task, so each
 * policy is a kfunc of its own, and each type's set holds only the
 * kfuncs allowed there.
 *
 * bpf_kwasm_call() and bpf_kwasm_call_sys() let the guest write the
 * buffer, so they are registered only where every buffer the verifier
 * accepts is writable by the program: XDP (packet data is always
 * writable there) and SYSCALL (the context is the kernel's copy).
 * Elsewhere a packet pointer may be read-only or shared (a cloned skb:
 * a kfunc argument does not make the verifier emit tc's unclone
 * prologue), so those types get bpf_kwasm_call_ro() only.
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/user_namespace.h>
#include <linux/kwasm.h>

#include "bpf.h"
#include "dp.h"

static __always_inline int kw_bpf_call(u32 handle, void *buf, u32 len, bool writable)
{
	struct kw_dp_input in = {
		.buf = buf,
		.len = len,
		.writable = writable,
		.wire_len = len,
	};
	s32 result;
	int ret;

	if (len > KW_BUF_MAX)
		return -E2BIG;
	/* local_bh_enable() must not run softirqs with interrupts off. */
	if (unlikely(in_hardirq() || in_nmi() || irqs_disabled()))
		return -EBUSY;
	ret = kw_dp_call_handle(handle, &in, &result);
	return ret ? ret : result;
}

__bpf_kfunc_start_defs();

/**
 * bpf_kwasm_call() - call a data-path export from an XDP program
 * @handle: the export's handle (kwasm list)
 * @buf: the input, which the guest reads with pkt_read and may change
 *	 with pkt_write
 * @buf__sz: its size, at most KW_BUF_MAX
 *
 * For XDP programs only, whose loader needed CAP_NET_ADMIN: the calling
 * task is never checked, neither for packets nor for test runs (which 6.1
 * runs with bottom halves enabled, 6.4+ with them off).
 *
 * Context: process or softirq.  Where interrupts are off (netpoll runs
 * XDP that way) the call is refused with -EBUSY.
 * Return: the export's result (>= 0), or -ENOENT (unknown handle), -E2BIG
 * (buffer too large), -EBUSY (re-entry, or interrupts off), -EDQUOT (out
 * of fuel), -EFAULT (trap), -ERANGE (negative result).
 */
__bpf_kfunc int bpf_kwasm_call(u32 handle, void *buf, u32 buf__sz)
{
	return kw_bpf_call(handle, buf, buf__sz, true);
}

/**
 * bpf_kwasm_call_sys() - bpf_kwasm_call() for SYSCALL programs
 * @handle: the export's handle (kwasm list)
 * @buf: the input, which the guest reads with pkt_read and may change
 *	 with pkt_write
 * @buf__sz: its size, at most KW_BUF_MAX
 *
 * CAP_BPF alone loads SYSCALL programs, and whoever holds the program's
 * fd runs it (BPF_PROG_TEST_RUN), so the running task must have
 * CAP_SYS_ADMIN, as loading the module did.  Checked at every call, not
 * at load: the fd may be handed to a less privileged task.
 *
 * Context: process (SYSCALL programs run only in the task that asked).
 * Return: as bpf_kwasm_call(), or -EPERM (the task lacks CAP_SYS_ADMIN;
 * the guest did not run).
 */
__bpf_kfunc int bpf_kwasm_call_sys(u32 handle, void *buf, u32 buf__sz)
{
	/*
	 * The noaudit check does not sleep (ptrace_may_access() makes it
	 * under task_lock()); a denial is not audited (but in AppArmor
	 * complain mode).
	 */
	if (!ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	return kw_bpf_call(handle, buf, buf__sz, true);
}

/**
 * bpf_kwasm_call_ro() - bpf_kwasm_call() on a buffer the guest cannot change
 * @handle: the export's handle (kwasm list)
 * @buf: the input, which the guest reads with pkt_read; pkt_write
 *	 returns -1
 * @buf__sz: its size, at most KW_BUF_MAX
 *
 * For every program type kwasm.ko registers but SYSCALL, all of which
 * need CAP_NET_ADMIN to load, so the task is never checked: a netfilter
 * program at LOCAL_OUT runs in the sending task with bottom halves
 * enabled, and that task's capabilities must not decide the verdict.
 *
 * Context: as bpf_kwasm_call().
 * Return: as bpf_kwasm_call().
 */
__bpf_kfunc int bpf_kwasm_call_ro(u32 handle, void *buf, u32 buf__sz)
{
	return kw_bpf_call(handle, buf, buf__sz, false);
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

/* XDP: everything but the checked call. */
BTF_KFUNCS_START(kw_bpf_xdp_ids)
BTF_ID_FLAGS(func, bpf_kwasm_call)
BTF_ID_FLAGS(func, bpf_kwasm_call_ro)
BTF_ID_FLAGS(func, bpf_kwasm_noop)
BTF_KFUNCS_END(kw_bpf_xdp_ids)

/* SYSCALL: CAP_BPF loads it, so only the checked call. */
BTF_KFUNCS_START(kw_bpf_syscall_ids)
BTF_ID_FLAGS(func, bpf_kwasm_call_sys)
BTF_ID_FLAGS(func, bpf_kwasm_noop)
BTF_KFUNCS_END(kw_bpf_syscall_ids)

/* skb programs: packet data may be shared or read-only. */
BTF_KFUNCS_START(kw_bpf_skb_ids)
BTF_ID_FLAGS(func, bpf_kwasm_call_ro)
BTF_ID_FLAGS(func, bpf_kwasm_noop)
BTF_KFUNCS_END(kw_bpf_skb_ids)

static const struct btf_kfunc_id_set kw_bpf_xdp_set = {
	.owner = THIS_MODULE,
	.set = &kw_bpf_xdp_ids,
};

static const struct btf_kfunc_id_set kw_bpf_syscall_set = {
	.owner = THIS_MODULE,
	.set = &kw_bpf_syscall_ids,
};

static const struct btf_kfunc_id_set kw_bpf_skb_set = {
	.owner = THIS_MODULE,
	.set = &kw_bpf_skb_ids,
};

/*
 * One type per kfunc hook, one set each: a module may register only one
 * set per hook on 6.1 (a second one WARNs), and several types share a
 * hook.  No SOCKET_FILTER or cgroup hook: CAP_BPF alone loads those.
 */
static const struct {
	enum bpf_prog_type type;
	const struct btf_kfunc_id_set *set;
} kw_bpf_hooks[] = {
	{ BPF_PROG_TYPE_XDP, &kw_bpf_xdp_set },
	{ BPF_PROG_TYPE_SYSCALL, &kw_bpf_syscall_set },
	{ BPF_PROG_TYPE_SCHED_CLS, &kw_bpf_skb_set },
#ifdef KW_COMPAT_NET_KFUNC_HOOKS
	{ BPF_PROG_TYPE_SCHED_ACT, &kw_bpf_skb_set },
	/* The hook of LWT_IN, _OUT, _XMIT and _SEG6LOCAL */
	{ BPF_PROG_TYPE_LWT_IN, &kw_bpf_skb_set },
	{ BPF_PROG_TYPE_NETFILTER, &kw_bpf_skb_set },
#endif
};

static int kw_bpf_err = -ENODEV;

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
	for (i = 0; i < ARRAY_SIZE(kw_bpf_hooks) && !ret; i++)
		ret = register_btf_kfunc_id_set(kw_bpf_hooks[i].type, kw_bpf_hooks[i].set);
	if (ret == -ENOKEY)
		pr_warn("eBPF kfuncs not registered: module built without BTF\n");
	else if (ret)
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
