// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the per-namespace TLS rule lists and the matcher (tls.h).
 *
 * Entry points and contexts:
 *   kw_tls_rule_add/_del     process (genl), take kw_tls_net.lock
 *   kw_tls_match             any context, RCU only, never sleeps
 *   kw_tls_rule_put          any context; the rule is freed by RCU
 *   kw_tls_count             any context, atomics only
 */
#include <linux/cgroup.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "tls.h"

unsigned int kw_tls_max_rules = 1024;
module_param_named(tls_max_rules, kw_tls_max_rules, uint, 0644);
MODULE_PARM_DESC(tls_max_rules, "Maximum number of TLS rules per network namespace (default 1024)");

static unsigned int kw_tls_net_id __read_mostly;

/**
 * kw_tls_net() - a namespace's TLS state
 * @net: the namespace, alive
 *
 * Return: its state; valid as long as @net.
 */
struct kw_tls_net *kw_tls_net(const struct net *net)
{
	return net_generic(net, kw_tls_net_id);
}

/**
 * kw_tls_rule_alloc() - a zeroed, unlisted rule holding one reference
 *
 * Return: the rule or NULL.
 */
struct kw_tls_rule *kw_tls_rule_alloc(void)
{
	struct kw_tls_rule *r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);

	if (r)
		refcount_set(&r->ref, 1);
	return r;
}

/**
 * kw_tls_rule_free() - free a rule at once
 * @r: the rule, never listed (or unreachable for a grace period); may be NULL
 */
void kw_tls_rule_free(struct kw_tls_rule *r)
{
	if (!r)
		return;
	kfree(r->cert);
	kfree(r->key);
	kfree(r->ca);
	kfree(r->sni);
	kfree(r->peers);
	kfree(r->pol_module);
	kfree(r->pol_export);
	kfree(r);
}

static void kw_tls_rule_rcu(struct rcu_head *head)
{
	kw_tls_rule_free(container_of(head, struct kw_tls_rule, rcu));
}

/**
 * kw_tls_rule_put() - drop a reference to a rule
 * @r: the rule
 *
 * Matchers may still be looking at it under RCU: free after a grace period.
 */
void kw_tls_rule_put(struct kw_tls_rule *r)
{
	if (refcount_dec_and_test(&r->ref))
		call_rcu(&r->rcu, kw_tls_rule_rcu);
}

/**
 * kw_tls_count() - count an event on a rule and its namespace
 * @r: the rule
 * @counter: enum kwasm_tls_counter
 */
void kw_tls_count(struct kw_tls_rule *r, unsigned int counter)
{
	if (WARN_ON_ONCE(!counter || counter > KWASM_TLS_C_MAX))
		return;
	atomic64_inc(&r->ctr[counter]);
	atomic64_inc(&r->tn->totals[counter]);
}

/**
 * kw_tls_rule_find() - a listed rule by id
 * @tn: the namespace's state, with @tn->lock held
 * @id: the rule's id
 *
 * Return: the rule (valid while the lock is held) or NULL.
 */
struct kw_tls_rule *kw_tls_rule_find(struct kw_tls_net *tn, u32 id)
{
	struct kw_tls_rule *r;

	list_for_each_entry(r, &tn->rules, node)
		if (r->id == id)
			return r;
	return NULL;
}

/**
 * kw_tls_rule_add() - list a rule last, giving it an id
 * @tn: the namespace's state
 * @r: a validated rule from kw_tls_rule_alloc(); on success the list owns
 *	the caller's reference, on failure the caller still does
 * @extack: for the reason of a failure
 *
 * Return: 0 or -ENOSPC when the namespace has tls_max_rules rules.
 */
int kw_tls_rule_add(struct kw_tls_net *tn, struct kw_tls_rule *r, struct netlink_ext_ack *extack)
{
	unsigned int max = READ_ONCE(kw_tls_max_rules);

	mutex_lock(&tn->lock);
	if (tn->nrules >= max) {
		mutex_unlock(&tn->lock);
		NL_SET_ERR_MSG_FMT_MOD(extack, "namespace has %u TLS rules (tls_max_rules)", max);
		return -ENOSPC;
	}
	/* Ids wrap after 2^32 additions; at most tls_max_rules are taken. */
	while (!tn->next_id || kw_tls_rule_find(tn, tn->next_id))
		tn->next_id++;
	r->id = tn->next_id++;
	r->seq = tn->next_seq++;
	r->tn = tn;
	list_add_tail_rcu(&r->node, &tn->rules);
	tn->nrules++;
	mutex_unlock(&tn->lock);
	return 0;
}

/**
 * kw_tls_rule_del() - unlist a rule
 * @tn: the namespace's state
 * @id: the rule's id
 * @extack: for the reason of a failure
 *
 * Connections it matched keep their reference (and the rule as it was).
 *
 * Return: 0 or -ENOENT.
 */
int kw_tls_rule_del(struct kw_tls_net *tn, u32 id, struct netlink_ext_ack *extack)
{
	struct kw_tls_rule *r;

	mutex_lock(&tn->lock);
	r = kw_tls_rule_find(tn, id);
	if (!r) {
		mutex_unlock(&tn->lock);
		NL_SET_ERR_MSG_FMT_MOD(extack, "no TLS rule %u in this network namespace", id);
		return -ENOENT;
	}
	list_del_rcu(&r->node);
	tn->nrules--;
	mutex_unlock(&tn->lock);
	kw_tls_rule_put(r);
	return 0;
}

/* The first @bits bits of @a and @b are equal. */
static bool kw_tls_prefix_eq(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int bytes = bits / 8, rest = bits % 8;
	u8 mask;

	if (memcmp(a, b, bytes))
		return false;
	if (!rest)
		return true;
	mask = 0xff << (8 - rest);
	return !((a[bytes] ^ b[bytes]) & mask);
}

static bool kw_tls_addr_ok(const struct kw_tls_rule *r, const struct kw_tls_tuple *t)
{
	const u8 *remote = t->remote.s6_addr;
	u16 family = t->family;

	if (!r->family)
		return true;
	/* An IPv6 socket talking to an IPv4 peer matches IPv4 rules. */
	if (family == AF_INET6 && ipv6_addr_v4mapped(&t->remote)) {
		family = AF_INET;
		remote += 12;
	}
	return family == r->family && kw_tls_prefix_eq(remote, r->addr.s6_addr, r->prefix);
}

/* Under RCU: cgroup_parent() walks RCU-protected cgroups. */
static bool kw_tls_cgroup_ok(const struct kw_tls_rule *r, struct cgroup *cgrp)
{
	if (!r->cgroup)
		return true;
	for (; cgrp; cgrp = cgroup_parent(cgrp))
		if (cgroup_id(cgrp) == r->cgroup)
			return true;
	return false;
}

/**
 * kw_tls_match() - the first rule a connection matches
 * @net: the connection's namespace
 * @t: the connection
 *
 * Any context: reads the list under RCU, takes no lock, does not sleep or
 * allocate.  The rule is the one matched at this instant; deleting it later
 * does not affect the caller.
 *
 * Return: the rule with a reference (kw_tls_rule_put()), or NULL.
 */
struct kw_tls_rule *kw_tls_match(const struct net *net, const struct kw_tls_tuple *t)
{
	struct kw_tls_net *tn = kw_tls_net(net);
	struct kw_tls_rule *r, *found = NULL;
	u16 port;

	rcu_read_lock();
	list_for_each_entry_rcu(r, &tn->rules, node) {
		if (r->side != t->side)
			continue;
		port = t->side == KWASM_TLS_SERVER ? t->lport : t->rport;
		if (port != r->port || !kw_tls_addr_ok(r, t))
			continue;
		if (r->has_uid && !uid_eq(r->uid, t->uid))
			continue;
		if (!kw_tls_cgroup_ok(r, t->cgrp))
			continue;
		/* A rule being deleted has dropped its last reference: skip it. */
		if (refcount_inc_not_zero(&r->ref)) {
			found = r;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

static int __net_init kw_tls_net_init(struct net *net)
{
	struct kw_tls_net *tn = kw_tls_net(net);

	mutex_init(&tn->lock);
	INIT_LIST_HEAD(&tn->rules);
	tn->next_id = 1;
	kw_tls_upcall_net_init(tn, net);
	return 0;
}

/* No socket of the namespace is left, so no connection holds a rule. */
static void __net_exit kw_tls_net_exit(struct net *net)
{
	struct kw_tls_net *tn = kw_tls_net(net);
	struct kw_tls_rule *r, *tmp;

	kw_tls_upcall_net_exit(tn);
	mutex_lock(&tn->lock);
	list_for_each_entry_safe(r, tmp, &tn->rules, node) {
		list_del_rcu(&r->node);
		kw_tls_rule_put(r);
	}
	tn->nrules = 0;
	mutex_unlock(&tn->lock);
	mutex_destroy(&tn->lock);
}

static struct pernet_operations kw_tls_net_ops = {
	.init = kw_tls_net_init,
	.exit = kw_tls_net_exit,
	.id = &kw_tls_net_id,
	.size = sizeof(struct kw_tls_net),
};

/**
 * kw_tls_init() - set up the TLS state of every namespace, then the family
 *
 * Return: 0 or a negative errno.
 */
int __init kw_tls_init(void)
{
	int ret;

	ret = register_pernet_subsys(&kw_tls_net_ops);
	if (ret)
		return ret;
	ret = kw_tls_upcall_init();
	if (ret)
		goto err_upcall;
	ret = kw_tls_genl_init();
	if (ret)
		goto err_genl;
	ret = kw_tls_gate_init();
	if (ret)
		goto err_gate;
	/* Without kprobes, rules are kept but catch nothing (it says why). */
	kw_tls_intercept_init();
	kw_tls_testhook_init();
	return 0;

err_gate:
	kw_tls_gate_uninit();
	kw_tls_genl_uninit();
err_genl:
	kw_tls_upcall_uninit();
err_upcall:
	unregister_pernet_subsys(&kw_tls_net_ops);
	rcu_barrier();
	return ret;
}

/**
 * kw_tls_uninit() - undo kw_tls_init()
 *
 * The family goes first, so no request adds a rule to a namespace whose
 * state is being freed; each namespace's exit ends its handshake requests;
 * rcu_barrier() waits for the rules' RCU frees.
 */
void kw_tls_uninit(void)
{
	kw_tls_testhook_uninit();
	kw_tls_intercept_uninit();
	kw_tls_gate_uninit();
	kw_tls_genl_uninit();
	kw_tls_upcall_uninit();
	unregister_pernet_subsys(&kw_tls_net_ops);
	rcu_barrier();
}
