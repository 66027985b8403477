/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm kfuncs for BPF programs: run a Wasm export of kwasm.ko on a buffer.
 *
 * Include after vmlinux.h (or <linux/types.h>) and <bpf/bpf_helpers.h>.
 * Only program types that need CAP_NET_ADMIN to load, and SYSCALL:
 *
 *   bpf_kwasm_call      XDP (the guest may write the buffer)
 *   bpf_kwasm_call_sys  SYSCALL (the same, if the task has CAP_SYS_ADMIN)
 *   bpf_kwasm_call_ro   XDP, SCHED_CLS (tc), and on 6.4+ (6.12) SCHED_ACT,
 *                       LWT_* and NETFILTER (the guest only reads it)
 *   bpf_kwasm_noop      all of these
 *
 * Never from SOCKET_FILTER, cgroup, tracing or kprobe programs: the
 * verifier refuses the call.  Programs must be GPL-licensed.
 * kwasm.ko must be loaded, with module BTF, before the program is; libbpf
 * resolves the externs in /sys/kernel/btf/kwasm.
 * docs/DATAPATH.md is the contract.
 */
#ifndef KWASM_KFUNCS_H
#define KWASM_KFUNCS_H

/* Largest buf__sz the kfuncs accept. */
#define KWASM_BUF_MAX		4096

/*
 * Negative results (BPF programs see no errno.h).  A kfunc never decides
 * a verdict: on any of these the program picks its own policy.
 */
#define KWASM_EPERM		1	/* bpf_kwasm_call_sys(): the task lacks CAP_SYS_ADMIN */
#define KWASM_ENOENT		2	/* no such handle (never assigned, or unloaded) */
#define KWASM_EFAULT		14	/* the guest trapped */
#define KWASM_EBUSY		16	/* this CPU's instance is busy, or IRQs are off */
#define KWASM_E2BIG		7	/* buf__sz above KWASM_BUF_MAX */
#define KWASM_ERANGE		34	/* the guest returned a negative number */
#define KWASM_EDQUOT		122	/* the guest ran out of fuel */

/**
 * bpf_kwasm_call() - run a data-path export on a buffer
 * @handle: the export's handle, as `kwasm list` shows it
 * @buf: the input; the guest reads it with pkt_read and may change it with
 *	pkt_write
 * @buf__sz: bytes in @buf, at most KWASM_BUF_MAX (the guest's pkt_len)
 *
 * Runs on the calling CPU's instance of the module, with its fuel limit.
 * From XDP programs, on packets and in test runs alike: their loader
 * needed CAP_NET_ADMIN, so the calling task is not checked.
 *
 * Return: the export's result (>= 0), or -KWASM_ENOENT, -KWASM_E2BIG,
 * -KWASM_EBUSY, -KWASM_EDQUOT, -KWASM_EFAULT or -KWASM_ERANGE.
 */
int bpf_kwasm_call(__u32 handle, void *buf, __u32 buf__sz) __ksym;

/**
 * bpf_kwasm_call_sys() - bpf_kwasm_call() from a SYSCALL program
 * @handle: the export's handle, as `kwasm list` shows it
 * @buf: the input; the guest reads it with pkt_read and may change it with
 *	pkt_write
 * @buf__sz: bytes in @buf, at most KWASM_BUF_MAX (the guest's pkt_len)
 *
 * CAP_BPF alone loads SYSCALL programs, so the task that runs the program
 * must have CAP_SYS_ADMIN, else -KWASM_EPERM and the guest does not run.
 *
 * Return: as bpf_kwasm_call(), or -KWASM_EPERM.
 */
int bpf_kwasm_call_sys(__u32 handle, void *buf, __u32 buf__sz) __ksym;

/**
 * bpf_kwasm_call_ro() - run a data-path export on a buffer it may only read
 * @handle: the export's handle, as `kwasm list` shows it
 * @buf: the input; the guest reads it with pkt_read, pkt_write returns -1
 * @buf__sz: bytes in @buf, at most KWASM_BUF_MAX (the guest's pkt_len)
 *
 * For the skb program types, where a packet pointer may point at shared
 * or read-only data.  Not from SYSCALL programs.
 *
 * Return: as bpf_kwasm_call().
 */
int bpf_kwasm_call_ro(__u32 handle, void *buf, __u32 buf__sz) __ksym;

/**
 * bpf_kwasm_noop() - the cost of a kfunc call and nothing else
 * @handle: ignored
 * @buf: ignored
 * @buf__sz: ignored, but checked by the verifier like bpf_kwasm_call()'s
 *
 * The baseline that benchmarks compare bpf_kwasm_call() against.
 *
 * Return: 0.
 */
int bpf_kwasm_noop(__u32 handle, void *buf, __u32 buf__sz) __ksym;

#endif /* KWASM_KFUNCS_H */
