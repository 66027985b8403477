// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: netfilter attachments of data-path filters (nf.h,
 * docs/DATAPATH.md).
 *
 * The hook runs in softirq or process context (local out) under RCU;
 * kw_dp_call() disables bottom halves and neither sleeps nor allocates.
 * nf_unregister_net_hook() does not wait for hooks in flight (the old hook
 * array is freed through RCU), so an attachment and its module reference
 * are released only after a grace period.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/netlink.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "dp.h"
#include "nf.h"
#include "registry.h"

static const struct {
	u8 pf;
	u8 hooknum;
	const char *name;	/* as `kwasm attach --hook` spells it */
} kw_nf_hooks[KWASM_HOOK_MAX + 1] = {
	[KWASM_HOOK_IPV4_IN] = { NFPROTO_IPV4, NF_INET_LOCAL_IN, "ipv4-in" },
	[KWASM_HOOK_IPV4_OUT] = { NFPROTO_IPV4, NF_INET_LOCAL_OUT, "ipv4-out" },
	[KWASM_HOOK_IPV6_IN] = { NFPROTO_IPV6, NF_INET_LOCAL_IN, "ipv6-in" },
	[KWASM_HOOK_IPV6_OUT] = { NFPROTO_IPV6, NF_INET_LOCAL_OUT, "ipv6-out" },
	[KWASM_HOOK_FORWARD] = { NFPROTO_IPV4, NF_INET_FORWARD, "forward" },
};

/*
 * One attachment's counters on one CPU.  Every packet counts in @packets
 * and in @accepts or @drops by the verdict it got; a failed call counts in
 * @errors too, so packets = accepts + drops.  Plain u64: this_cpu_inc() is
 * safe in process context, and 64-bit reads from other CPUs do not tear.
 */
struct kw_nf_pcpu {
	u64 packets;
	u64 accepts;
	u64 drops;
	u64 errors;
};

/**
 * struct kw_nf_att - one attachment
 * @node: in kw_nf_list; in kw_nf_dying once its namespace is going away
 * @m: the module, with an attach reference
 * @fn: the export; valid while @m is attached
 * @net: the namespace, without a reference: it detaches us before it dies
 * @hook: KWASM_HOOK_*
 * @fail_closed: drop packets when the filter fails
 * @prio: netfilter priority
 * @ops: the registered hook; @ops.priv points back here
 * @stats: per-CPU counters
 */
struct kw_nf_att {
	struct list_head node;
	struct kw_entry *m;
	struct kw_dp_fn *fn;
	struct net *net;
	u32 hook;
	bool fail_closed;
	s32 prio;
	struct nf_hook_ops ops;
	struct kw_nf_pcpu __percpu *stats;
};

static DEFINE_MUTEX(kw_nf_lock);
static LIST_HEAD(kw_nf_list);		/* live attachments, under kw_nf_lock */
static LIST_HEAD(kw_nf_dying);		/* unregistered by .pre_exit, freed by .exit */

static bool kw_nf_hook_ok(u32 hook, struct netlink_ext_ack *extack)
{
	if (hook > KWASM_HOOK_NONE && hook <= KWASM_HOOK_MAX)
		return true;
	NL_SET_ERR_MSG_FMT_MOD(extack, "unknown netfilter hook %u", hook);
	return false;
}

static unsigned int kw_nf_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct kw_nf_att *a = priv;
	const struct net_device *dev = state->in ? state->in : state->out;
	int off = skb_network_offset(skb);
	struct kw_dp_input in = {
		.skb = skb,
		.writable = false,
		.wire_len = skb->len,
		.proto = ntohs(skb->protocol),
		.ifindex = dev ? dev->ifindex : 0,
		.mark = skb->mark,
		.hook = a->hook,
	};
	int ret = -EINVAL;
	s32 res = -1;
	bool drop;

	/* The network header always lies in the data at these hooks. */
	if (off >= 0 && (u32)off <= skb->len) {
		in.skb_off = off;
		in.len = min_t(u32, skb->len - off, KWASM_PKT_MAX);
		ret = kw_dp_call(a->fn, &in, &res);
	}
	this_cpu_inc(a->stats->packets);
	if (!ret && (res == KWASM_VERDICT_ACCEPT || res == KWASM_VERDICT_DROP)) {
		drop = res == KWASM_VERDICT_DROP;
	} else {
		this_cpu_inc(a->stats->errors);
		drop = a->fail_closed;
	}
	if (drop) {
		this_cpu_inc(a->stats->drops);
		return NF_DROP;
	}
	this_cpu_inc(a->stats->accepts);
	return NF_ACCEPT;
}

/* After a grace period since its hook was unregistered. */
static void kw_nf_release(struct kw_nf_att *a)
{
	struct kw_entry *m = a->m;

	free_percpu(a->stats);
	kfree(a);
	kw_registry_attach_put(m);
}

/**
 * kw_nf_attach() - attach a data-path export to a netfilter hook
 * @m: its module, with a reference from kw_registry_attach_get()
 * @fn: the export, from kw_dp_find(@m, ...)
 * @hook: KWASM_HOOK_*
 * @net: the network namespace; the caller holds a reference while this runs
 * @fail_closed: drop packets when the filter fails, instead of accepting them
 * @prio: netfilter priority (NF_IP_PRI_FILTER by default)
 * @extack: for the reason of a failure
 *
 * On success the attachment owns the caller's reference on @m and gives it
 * back when detached; on failure the caller still owns it.
 *
 * Return: 0, -EEXIST if @fn is attached at @hook in @net already, -ENOSPC
 * if @m has KW_NF_MAX_PER_MOD attachments, or another negative errno.
 */
int kw_nf_attach(struct kw_entry *m, struct kw_dp_fn *fn, u32 hook, struct net *net,
		 bool fail_closed, s32 prio, struct netlink_ext_ack *extack)
{
	struct kw_nf_att *a, *it;
	u32 n = 0;
	int ret;

	if (!kw_nf_hook_ok(hook, extack))
		return -EINVAL;
	a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
	if (!a)
		return -ENOMEM;
	a->stats = alloc_percpu_gfp(struct kw_nf_pcpu, GFP_KERNEL_ACCOUNT);
	if (!a->stats) {
		kfree(a);
		return -ENOMEM;
	}
	a->m = m;
	a->fn = fn;
	a->net = net;
	a->hook = hook;
	a->fail_closed = fail_closed;
	a->prio = prio;
	a->ops.hook = kw_nf_hook;
	a->ops.priv = a;
	a->ops.pf = kw_nf_hooks[hook].pf;
	a->ops.hooknum = kw_nf_hooks[hook].hooknum;
	a->ops.priority = prio;

	mutex_lock(&kw_nf_lock);
	list_for_each_entry(it, &kw_nf_list, node) {
		if (it->m != m)
			continue;
		if (it->fn == fn && it->hook == hook && net_eq(it->net, net)) {
			NL_SET_ERR_MSG_FMT_MOD(extack,
					       "%s.%s is already attached at %s in netns %u",
					       m->name, fn->name, kw_nf_hooks[hook].name,
					       net->ns.inum);
			ret = -EEXIST;
			goto fail;
		}
		n++;
	}
	if (n >= KW_NF_MAX_PER_MOD) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "module %s has %u attachments, the most allowed",
				       m->name, n);
		ret = -ENOSPC;
		goto fail;
	}
	ret = nf_register_net_hook(net, &a->ops);
	if (ret) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "registering the netfilter hook failed (%d)", ret);
		goto fail;
	}
	list_add_tail(&a->node, &kw_nf_list);
	mutex_unlock(&kw_nf_lock);
	return 0;

fail:
	mutex_unlock(&kw_nf_lock);
	free_percpu(a->stats);
	kfree(a);
	return ret;
}

/**
 * kw_nf_detach() - remove an attachment
 * @modname: the module's name
 * @export: the export's name, not NUL-terminated (Wasm names may hold NULs)
 * @elen: its length
 * @hook: KWASM_HOOK_*
 * @net: the network namespace; the caller holds a reference
 * @extack: for the reason of a failure
 *
 * Returns once no packet runs the filter any more and the attachment's
 * module reference is dropped.  May sleep (an RCU grace period).
 *
 * Return: 0, or -ENOENT if there is no such attachment.
 */
int kw_nf_detach(const char *modname, const char *export, u32 elen, u32 hook,
		 struct net *net, struct netlink_ext_ack *extack)
{
	struct kw_nf_att *a = NULL, *it;

	if (!kw_nf_hook_ok(hook, extack))
		return -EINVAL;
	mutex_lock(&kw_nf_lock);
	list_for_each_entry(it, &kw_nf_list, node) {
		if (it->hook == hook && net_eq(it->net, net) && !strcmp(it->m->name, modname) &&
		    it->fn->name_len == elen &&
		    !memcmp(it->fn->name, export, elen)) {
			a = it;
			break;
		}
	}
	if (!a) {
		mutex_unlock(&kw_nf_lock);
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s.%.*s is not attached at %s in netns %u",
				       modname, (int)min(elen, 48U), export,
				       kw_nf_hooks[hook].name, net->ns.inum);
		return -ENOENT;
	}
	list_del(&a->node);
	nf_unregister_net_hook(net, &a->ops);
	mutex_unlock(&kw_nf_lock);
	synchronize_net();
	kw_nf_release(a);
	return 0;
}

/* Unhook a dying namespace's attachments; .exit frees them. */
static void __net_exit kw_nf_net_pre_exit(struct net *net)
{
	struct kw_nf_att *a, *tmp;

	mutex_lock(&kw_nf_lock);
	list_for_each_entry_safe(a, tmp, &kw_nf_list, node) {
		if (!net_eq(a->net, net))
			continue;
		nf_unregister_net_hook(net, &a->ops);
		list_move_tail(&a->node, &kw_nf_dying);
	}
	mutex_unlock(&kw_nf_lock);
}

/* The core runs synchronize_rcu() between .pre_exit and .exit. */
static void __net_exit kw_nf_net_exit(struct net *net)
{
	struct kw_nf_att *a, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&kw_nf_lock);
	list_for_each_entry_safe(a, tmp, &kw_nf_dying, node)
		if (net_eq(a->net, net))
			list_move_tail(&a->node, &gone);
	mutex_unlock(&kw_nf_lock);
	/* Outside kw_nf_lock: it nests inside the registry mutex. */
	list_for_each_entry_safe(a, tmp, &gone, node)
		kw_nf_release(a);
}

static struct pernet_operations kw_nf_net_ops = {
	.pre_exit = kw_nf_net_pre_exit,
	.exit = kw_nf_net_exit,
};

/* The largest KWASM_A_ATTACH_ENTRY kw_nf_put_one() writes. */
static size_t kw_nf_entry_size(void)
{
	return nla_total_size(0) + 3 * nla_total_size(sizeof(u32)) +
	       nla_total_size(sizeof(u8)) +
	       nla_total_size(sizeof_field(struct kw_dp_fn, name)) +
	       4 * nla_total_size_64bit(sizeof(u64));
}

/**
 * kw_nf_attachments_size() - room kw_nf_put_attachments() may need
 *
 * Return: bytes for KW_NF_MAX_PER_MOD attachments, whatever the module has
 * now: one may be added between sizing a message and filling it.
 */
size_t kw_nf_attachments_size(void)
{
	return nla_total_size(0) + KW_NF_MAX_PER_MOD * kw_nf_entry_size();
}

static int kw_nf_put_one(struct sk_buff *msg, const struct kw_nf_att *a)
{
	struct kw_nf_pcpu sum = {};
	const struct kw_nf_pcpu *p;
	struct nlattr *nest;
	int cpu;

	for_each_possible_cpu(cpu) {
		p = per_cpu_ptr(a->stats, cpu);
		sum.packets += READ_ONCE(p->packets);
		sum.accepts += READ_ONCE(p->accepts);
		sum.drops += READ_ONCE(p->drops);
		sum.errors += READ_ONCE(p->errors);
	}
	nest = nla_nest_start(msg, KWASM_A_ATTACH_ENTRY);
	if (!nest || nla_put_u32(msg, KWASM_T_HOOK, a->hook) ||
	    /* NUL-padded: the name, its NUL bytes and one terminating NUL. */
	    nla_put(msg, KWASM_T_EXPORT, a->fn->name_len + 1, a->fn->name) ||
	    nla_put_u32(msg, KWASM_T_NETNS, a->net->ns.inum) ||
	    nla_put_u8(msg, KWASM_T_FAIL_CLOSED, a->fail_closed) ||
	    nla_put_u32(msg, KWASM_T_PRIORITY, (u32)a->prio) ||
	    nla_put_u64_64bit(msg, KWASM_T_PACKETS, sum.packets, KWASM_T_PAD) ||
	    nla_put_u64_64bit(msg, KWASM_T_ACCEPTS, sum.accepts, KWASM_T_PAD) ||
	    nla_put_u64_64bit(msg, KWASM_T_DROPS, sum.drops, KWASM_T_PAD) ||
	    nla_put_u64_64bit(msg, KWASM_T_ERRORS, sum.errors, KWASM_T_PAD))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/**
 * kw_nf_put_attachments() - add a module's attachments to a LIST message
 * @msg: the message
 * @m: the module
 * @net: only the attachments in this network namespace, or NULL for all
 *
 * Puts KWASM_A_ATTACHMENTS, empty if @m has no attachment.  Process
 * context; may be called under the registry mutex.
 *
 * Return: 0, or -EMSGSIZE (the caller cancels the message).
 */
int kw_nf_put_attachments(struct sk_buff *msg, const struct kw_entry *m, const struct net *net)
{
	const struct kw_nf_att *a;
	struct nlattr *all;
	int ret = 0;

	all = nla_nest_start(msg, KWASM_A_ATTACHMENTS);
	if (!all)
		return -EMSGSIZE;
	mutex_lock(&kw_nf_lock);
	list_for_each_entry(a, &kw_nf_list, node) {
		if (a->m != m || (net && !net_eq(a->net, net)))
			continue;
		ret = kw_nf_put_one(msg, a);
		if (ret)
			break;
	}
	mutex_unlock(&kw_nf_lock);
	if (ret) {
		nla_nest_cancel(msg, all);
		return ret;
	}
	nla_nest_end(msg, all);
	return 0;
}

/**
 * kw_nf_init() - start following network namespaces
 *
 * Return: 0 or a negative errno.
 */
int __init kw_nf_init(void)
{
	return register_pernet_subsys(&kw_nf_net_ops);
}

/**
 * kw_nf_uninit() - detach everything
 *
 * Runs .pre_exit and .exit for every namespace, which detaches every
 * attachment.  Call once no ATTACH can run any more (after the family is
 * unregistered) and before the registry goes away.
 */
void kw_nf_uninit(void)
{
	unregister_pernet_subsys(&kw_nf_net_ops);
	WARN_ON(!list_empty(&kw_nf_list) || !list_empty(&kw_nf_dying));
}
