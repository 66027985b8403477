/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: netfilter attachments of data-path filters (docs/DATAPATH.md).
 *
 * An attachment runs one (i32) -> i32 export of a data-path module as a
 * netfilter hook in one network namespace.  It holds an attach reference on
 * its module (kw_registry_attach_get()), but none on its namespace: a dying
 * namespace detaches its attachments itself (pernet .pre_exit/.exit).
 *
 * Locking: one kmod-wide mutex guards the list of attachments.  It nests
 * inside the registry mutex (LIST replies) and is never held while calling
 * into the registry.  Process context only; the hook itself takes no lock.
 */
#ifndef KW_NF_H
#define KW_NF_H

#include <linux/types.h>

struct kw_dp_fn;
struct kw_entry;
struct net;
struct netlink_ext_ack;
struct sk_buff;

/* Attachments per module: keeps one LIST message well inside a dump skb. */
#define KW_NF_MAX_PER_MOD	64

int kw_nf_init(void);
void kw_nf_uninit(void);

int kw_nf_attach(struct kw_entry *m, struct kw_dp_fn *fn, u32 hook, struct net *net,
		 bool fail_closed, s32 prio, struct netlink_ext_ack *extack);
int kw_nf_detach(const char *modname, const char *export, u32 elen, u32 hook,
		 struct net *net, struct netlink_ext_ack *extack);

size_t kw_nf_attachments_size(void);
int kw_nf_put_attachments(struct sk_buff *msg, const struct kw_entry *m, const struct net *net);

#endif /* KW_NF_H */
