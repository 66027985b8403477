/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: differences between the kernels we build for (Debian 12's 6.1
 * and 6.12).  Force-included before every kmod source file; the only
 * place that knows about kernel versions.
 */
#ifndef KW_COMPAT_H
#define KW_COMPAT_H

/* Before any kernel header, so every pr_*() gets the prefix. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compiler.h>
#include <linux/netlink.h>

#ifndef NL_SET_ERR_MSG_FMT_MOD
/*
 * 6.1 has no formatted extack: struct netlink_ext_ack only points at a
 * message, and the ack is built after the doit handler returns.  The text
 * goes into a ring of static slots, so it outlives the handler; a slot is
 * reused only after KW_EXTACK_SLOTS further messages.
 */
#define KW_COMPAT_EXTACK_RING	1
#define KW_EXTACK_SLOTS		128
#define KW_EXTACK_LEN		80	/* as NETLINK_MAX_FMTMSG_LEN on 6.2+ */

__printf(2, 3)
void kw_compat_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...);

#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) \
	kw_compat_extack_fmt((extack), KBUILD_MODNAME ": " fmt, ##args)
#else
/*
 * 6.2+ logs a message longer than NETLINK_MAX_FMTMSG_LEN in full as a
 * "truncated extack" warning, and ours may quote bytes a guest chose
 * (export names): compat.c cuts it silently instead, as on 6.1.
 */
__printf(2, 3)
void kw_compat_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...);

#undef NL_SET_ERR_MSG_FMT_MOD
#define NL_SET_ERR_MSG_FMT_MOD(extack, fmt, args...) \
	kw_compat_extack_fmt((extack), KBUILD_MODNAME ": " fmt, ##args)
#endif

/*
 * kfuncs: 6.1 has neither __bpf_kfunc (6.2) nor BTF_KFUNCS_START (6.9,
 * which 6.9+ requires: a BTF_SET8 there is rejected with -EINVAL).
 */
#include <linux/btf.h>
#include <linux/btf_ids.h>

#ifndef __bpf_kfunc
#define __bpf_kfunc __used noinline
#endif
#ifndef __bpf_kfunc_start_defs
#define __bpf_kfunc_start_defs()					\
	__diag_push();							\
	__diag_ignore_all("-Wmissing-prototypes",			\
			  "Global kfuncs as their definitions will be in BTF")
#define __bpf_kfunc_end_defs() __diag_pop()
#endif
#ifndef BTF_KFUNCS_START
#define BTF_KFUNCS_START(name) BTF_SET8_START(name)
#define BTF_KFUNCS_END(name) BTF_SET8_END(name)
#endif

/*
 * kfunc hooks for SCHED_ACT, SOCKET_FILTER, CGROUP, LWT (6.3) and
 * NETFILTER (6.4) programs.  The hooks are private to kernel/bpf/btf.c,
 * so we go by KF_ITER_NEW in <linux/btf.h>, also new in 6.4.  6.1 must not
 * even try them: a failed registration there silently drops every set
 * the module registered before.
 */
#ifdef KF_ITER_NEW
#define KW_COMPAT_NET_KFUNC_HOOKS	1
#endif

/*
 * 6.2 moved a dump's parsed attributes into a struct genl_info; the same
 * release added GENL_SET_ERR_MSG_FMT, which is how we tell.
 */
#include <net/genetlink.h>
#ifdef GENL_SET_ERR_MSG_FMT
#define kw_compat_dump_attrs(cb) (genl_dumpit_info(cb)->info.attrs)
#else
#define kw_compat_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

/*
 * 6.5 replaced proto_ops.sendpage by sendmsg with MSG_SPLICE_PAGES; the
 * transparent-TLS gate holds whichever the kernel has.
 */
#include <linux/socket.h>
#ifndef MSG_SPLICE_PAGES
#define KW_COMPAT_OPS_SENDPAGE	1
#endif

/* 6.6 moved inet_sock's flag bits into one word (inet_test_bit()). */
#include <net/inet_sock.h>
#ifdef inet_test_bit
#define kw_compat_defer_connect(sk) inet_test_bit(DEFER_CONNECT, (sk))
#else
#define kw_compat_defer_connect(sk) (inet_sk(sk)->defer_connect)
#endif

#endif /* KW_COMPAT_H */
