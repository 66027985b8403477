// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the handshake upcall (KWASM_TLS_CMD_READY, _ACCEPT, _DONE in
 * include/uapi/linux/kwasm_tls.h), modelled on mainline's net/handshake.
 *
 * A request is queued per namespace by the interception layer
 * (kw_tls_req_submit(), any context), announced to the agent group by a
 * work item (READY), taken by one agent (ACCEPT: the socket's file goes
 * into the agent's file table) and ended once, by whoever first takes it
 * off its list (kw_tls_req_claim()):
 *   DONE from the process that accepted it   kTLS installed, or reset
 *   its timeout (delayed work)              reset, or plaintext if
 *   READY reaching no agent (-ESRCH)         fail-open and never accepted
 *   the accepting agent's netlink socket     reset
 *   closing (NETLINK_URELEASE)
 * The one that claims a request cancels its timeout synchronously (unless
 * it is the timeout), reports the outcome and drops the list's reference.
 *
 * Locking: kw_tls_net.req_lock (a BH-safe spinlock: submitters may run in
 * softirq) guards the pending and accepted lists and the fields marked so;
 * it is never held across anything that sleeps.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "tls.h"

/**
 * struct kw_tls_req - one handshake request
 * @node: in kw_tls_net.pending or .accepted; empty once claimed (req_lock)
 * @ref: the list's reference, and one per ACCEPT building its reply
 * @id: unique for the module's lifetime, never 0
 * @tn: the namespace's state
 * @rule: the matched rule, with a reference
 * @file: the connection's socket file, with a reference
 * @ops: the interception layer's callbacks, or NULL
 * @priv: for @ops
 * @deadline: jiffies when the timeout fires
 * @timeout: fires at @deadline
 * @accepted: on the accepted list (req_lock)
 * @prepared: @ops->prepare ran (by the one ACCEPT holding the request)
 * @agent: thread group of the accepting agent, referenced (req_lock)
 * @portid: its netlink socket (req_lock)
 * @abort: set when that socket closes: the error to end with (req_lock)
 * @policy_denied: the rule's policy refused the connection after DONE
 * @owner: who made the connection, for the policy
 * @rcu: frees the request; the gate reads @agent under RCU
 */
struct kw_tls_req {
	struct list_head node;
	refcount_t ref;
	u64 id;
	struct kw_tls_net *tn;
	struct kw_tls_rule *rule;
	struct file *file;
	const struct kw_tls_req_ops *ops;
	void *priv;
	unsigned long deadline;
	struct delayed_work timeout;
	bool accepted;
	bool prepared;
	struct pid *agent;
	u32 portid;
	int abort;
	bool policy_denied;
	struct kw_tls_owner owner;
	struct rcu_head rcu;
};

static atomic64_t kw_tls_req_ids = ATOMIC64_INIT(0);

/**
 * kw_tls_req_priv() - the interception layer's pointer
 * @req: the request
 *
 * Return: what kw_tls_req_submit() was given.
 */
void *kw_tls_req_priv(const struct kw_tls_req *req)
{
	return req->priv;
}

static void kw_tls_req_put(struct kw_tls_req *req)
{
	if (!refcount_dec_and_test(&req->ref))
		return;
	fput(req->file);
	kw_tls_rule_put(req->rule);
	put_pid(req->agent);
	kfree_rcu(req, rcu);
}

/**
 * kw_tls_req_from_agent() - whether the current task does the handshake
 * @req: a request, under rcu_read_lock()
 *
 * The agent that accepted it, or a child it forked (kwasm-tlsd handshakes
 * in one): their I/O on the connection passes the gate.  Compares pids
 * only, never dereferences them.
 *
 * Return: true for the agent's process or its children.
 */
bool kw_tls_req_from_agent(const struct kw_tls_req *req)
{
	struct pid *agent = READ_ONCE(req->agent);

	if (!agent)
		return false;
	return task_tgid(current) == agent ||
	       task_tgid(rcu_dereference(current->real_parent)) == agent;
}

/* Take @req off its list; only one caller ever succeeds. */
static bool kw_tls_req_claim(struct kw_tls_req *req)
{
	struct kw_tls_net *tn = req->tn;
	bool claimed;

	spin_lock_bh(&tn->req_lock);
	claimed = !list_empty(&req->node);
	if (claimed) {
		list_del_init(&req->node);
		if (!req->accepted)
			tn->npending--;
	}
	spin_unlock_bh(&tn->req_lock);
	return claimed;
}

static unsigned int kw_tls_counter_of(int status)
{
	switch (status) {
	case -ETIMEDOUT:
	case -ESRCH:
		return KWASM_TLS_C_TIMEOUT;
	case -EACCES:
		return KWASM_TLS_C_VERIFY_FAILED;
	default:
		return KWASM_TLS_C_HANDSHAKE_FAILED;
	}
}

/*
 * The outcome of a claimed request: @status is 0 once kTLS is installed,
 * else a negative errno.  Without an agent ever taking it, a fail-open
 * rule passes the connection in plaintext; otherwise it is reset.
 * Process context.
 */
static void kw_tls_req_finish(struct kw_tls_req *req, int status)
{
	struct kw_tls_rule *r = req->rule;
	struct socket *sock = sock_from_file(req->file);
	int outcome = status;

	if (!status) {
		kw_tls_count(r, KWASM_TLS_C_WRAPPED);
	} else if (r->fail_open && !req->accepted &&
		   (status == -ESRCH || status == -ETIMEDOUT)) {
		kw_tls_count(r, KWASM_TLS_C_PASSED);
		outcome = KW_TLS_PASS;
		if (req->ops)
			req->ops->restore(req);
	} else {
		kw_tls_count(r, req->policy_denied ? KWASM_TLS_C_POLICY_DENIED :
				kw_tls_counter_of(status));
		/*
		 * Sends an RST; the application sees ECONNRESET and nothing
		 * that arrived before.  Before the gate opens, so nothing can
		 * be sent in plaintext meanwhile.
		 */
		if (sock && sock->sk)
			kw_tls_reset(sock->sk);
		if (req->ops)
			req->ops->restore(req);
	}
	if (req->ops)
		req->ops->done(req, outcome);
	kw_tls_req_put(req);
}

static void kw_tls_req_timeout(struct work_struct *work)
{
	struct kw_tls_req *req = container_of(to_delayed_work(work), struct kw_tls_req, timeout);

	if (kw_tls_req_claim(req))
		kw_tls_req_finish(req, -ETIMEDOUT);
}

/* End a request claimed by someone other than its timeout. */
static void kw_tls_req_end(struct kw_tls_req *req, int status)
{
	cancel_delayed_work_sync(&req->timeout);
	kw_tls_req_finish(req, status);
}

/**
 * kw_tls_req_submit() - queue a connection for a handshake
 * @net: its namespace
 * @sock: the connection, with a file (its application's)
 * @rule: the rule it matched; on success the request owns this reference
 * @owner: who made the connection (for the rule's policy), or NULL
 * @ops: callbacks of the interception layer, or NULL
 * @priv: for @ops (kw_tls_req_priv())
 * @reqp: where to store the request before anyone else can see it, or NULL
 * @gfp: allocation flags of the caller's context
 *
 * Any context that may take a BH-safe spinlock: takes only the request
 * lock and queues work.
 *
 * Return: 0, -EBADF for a socket without a file, -ENOMEM.
 */
int kw_tls_req_submit(struct net *net, struct socket *sock, struct kw_tls_rule *rule,
		      const struct kw_tls_owner *owner, const struct kw_tls_req_ops *ops,
		      void *priv, struct kw_tls_req **reqp, gfp_t gfp)
{
	struct kw_tls_net *tn = kw_tls_net(net);
	struct kw_tls_req *req;

	if (!sock->file)
		return -EBADF;
	req = kzalloc(sizeof(*req), gfp);
	if (!req)
		return -ENOMEM;
	refcount_set(&req->ref, 1);
	req->id = atomic64_inc_return(&kw_tls_req_ids);
	req->tn = tn;
	req->rule = rule;
	req->file = get_file(sock->file);
	if (owner)
		req->owner = *owner;
	req->ops = ops;
	req->priv = priv;
	req->deadline = jiffies + msecs_to_jiffies(rule->timeout_ms);
	INIT_DELAYED_WORK(&req->timeout, kw_tls_req_timeout);
	if (reqp)
		*reqp = req;

	spin_lock_bh(&tn->req_lock);
	list_add_tail(&req->node, &tn->pending);
	tn->npending++;
	schedule_delayed_work(&req->timeout, msecs_to_jiffies(rule->timeout_ms));
	spin_unlock_bh(&tn->req_lock);
	schedule_work(&tn->ready_work);
	return 0;
}

/* READY to the agents; with none in the namespace, end what waits. */
static void kw_tls_ready_work(struct work_struct *work)
{
	struct kw_tls_net *tn = container_of(work, struct kw_tls_net, ready_work);
	struct kw_tls_req *req;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &kw_tls_genl_family, 0, KWASM_TLS_CMD_READY);
	if (!hdr || nla_put_u32(msg, KWASM_TLS_A_PENDING, READ_ONCE(tn->npending))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_multicast_netns(&kw_tls_genl_family, tn->net, msg, 0, KW_TLS_MCGRP_AGENT,
				      GFP_KERNEL);
	if (ret != -ESRCH)
		return;
	for (;;) {
		spin_lock_bh(&tn->req_lock);
		req = list_first_entry_or_null(&tn->pending, struct kw_tls_req, node);
		if (req) {
			list_del_init(&req->node);
			tn->npending--;
		}
		spin_unlock_bh(&tn->req_lock);
		if (!req)
			break;
		kw_tls_req_end(req, -ESRCH);
	}
}

/* Requests whose agent's netlink socket closed (kw_tls_nl_event()). */
static void kw_tls_reap_work(struct work_struct *work)
{
	struct kw_tls_net *tn = container_of(work, struct kw_tls_net, reap_work);
	struct kw_tls_req *req, *found;
	int err;

	for (;;) {
		found = NULL;
		spin_lock_bh(&tn->req_lock);
		list_for_each_entry(req, &tn->accepted, node) {
			if (req->abort) {
				found = req;
				err = req->abort;
				list_del_init(&req->node);
				break;
			}
		}
		spin_unlock_bh(&tn->req_lock);
		if (!found)
			break;
		kw_tls_req_end(found, err);
	}
}

static int kw_tls_nl_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct kw_tls_req *req;
	struct kw_tls_net *tn;
	bool found = false;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	tn = kw_tls_net(n->net);
	spin_lock_bh(&tn->req_lock);
	list_for_each_entry(req, &tn->accepted, node) {
		if (req->portid == n->portid) {
			req->abort = -ECONNABORTED;
			found = true;
		}
	}
	spin_unlock_bh(&tn->req_lock);
	if (found)
		schedule_work(&tn->reap_work);
	return NOTIFY_DONE;
}

static struct notifier_block kw_tls_nl_notifier = {
	.notifier_call = kw_tls_nl_event,
};

/* The connection's address, as struct sockaddr_in or _in6. */
static int kw_tls_put_addr(struct sk_buff *msg, int type, struct socket *sock, bool peer)
{
	struct sockaddr_storage ss = {};
	int len;

	len = peer ? kernel_getpeername(sock, (struct sockaddr *)&ss) :
		     kernel_getsockname(sock, (struct sockaddr *)&ss);
	if (len < 0)
		return 0;
	return nla_put(msg, type, len, &ss);
}

static int kw_tls_put_accept(struct sk_buff *msg, const struct kw_tls_req *req, int fd)
{
	const struct kw_tls_rule *r = req->rule;
	struct socket *sock = sock_from_file(req->file);
	long left = (long)(req->deadline - jiffies);

	if (nla_put_u64_64bit(msg, KWASM_TLS_A_REQ_ID, req->id, KWASM_TLS_A_PAD) ||
	    nla_put_u32(msg, KWASM_TLS_A_FD, fd) ||
	    kw_tls_put_rule(msg, r, left > 0 ? jiffies_to_msecs(left) : 0))
		return -EMSGSIZE;
	if (sock && (kw_tls_put_addr(msg, KWASM_TLS_A_LOCAL, sock, false) ||
		     kw_tls_put_addr(msg, KWASM_TLS_A_REMOTE, sock, true)))
		return -EMSGSIZE;
	return 0;
}

/* Give an accepted request back to the queue after a failed ACCEPT. */
static void kw_tls_req_unaccept(struct kw_tls_req *req)
{
	struct kw_tls_net *tn = req->tn;
	struct pid *agent = NULL;
	bool requeued = false;

	spin_lock_bh(&tn->req_lock);
	if (!list_empty(&req->node) && req->accepted) {
		list_move(&req->node, &tn->pending);
		tn->npending++;
		req->accepted = false;
		agent = req->agent;
		req->agent = NULL;
		requeued = true;
	}
	spin_unlock_bh(&tn->req_lock);
	put_pid(agent);
	if (requeued)
		schedule_work(&tn->ready_work);
}

/**
 * kw_tls_genl_accept() - KWASM_TLS_CMD_ACCEPT: hand the oldest request to
 *	the caller
 * @skb: the request
 * @info: its parsed form
 *
 * The reply carries the request's rule and a new O_CLOEXEC descriptor of
 * the connection, installed only once the reply went out.
 *
 * Return: 0, -ENOENT when nothing is pending, or another negative errno
 * (the request then waits for the next ACCEPT).
 */
int kw_tls_genl_accept(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_tls_net *tn = kw_tls_net(genl_info_net(info));
	struct pid *agent = get_pid(task_tgid(current));
	struct kw_tls_req *req;
	struct sk_buff *msg;
	int fd, ret;
	void *hdr;

	spin_lock_bh(&tn->req_lock);
	req = list_first_entry_or_null(&tn->pending, struct kw_tls_req, node);
	if (req) {
		list_move_tail(&req->node, &tn->accepted);
		tn->npending--;
		req->accepted = true;
		req->agent = agent;
		req->portid = info->snd_portid;
		req->abort = 0;
		refcount_inc(&req->ref);
	}
	spin_unlock_bh(&tn->req_lock);
	if (!req) {
		put_pid(agent);
		NL_SET_ERR_MSG_MOD(info->extack, "no handshake is pending in this namespace");
		return -ENOENT;
	}

	/* Before the agent can touch the connection, and only once. */
	if (req->ops && req->ops->prepare && !req->prepared) {
		req->prepared = true;
		req->ops->prepare(req);
	}
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		NL_SET_ERR_MSG_MOD(info->extack, "no free file descriptor for the connection");
		goto undo;
	}
	ret = -ENOMEM;
	msg = genlmsg_new(req->rule->msg_size + 256, GFP_KERNEL);
	if (!msg)
		goto undo_fd;
	hdr = genlmsg_put_reply(msg, info, &kw_tls_genl_family, 0, KWASM_TLS_CMD_ACCEPT);
	if (!hdr || kw_tls_put_accept(msg, req, fd)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto undo_fd;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	if (ret)
		goto undo_fd;
	fd_install(fd, get_file(req->file));
	kw_tls_req_put(req);
	return 0;

undo_fd:
	put_unused_fd(fd);
undo:
	kw_tls_req_unaccept(req);
	kw_tls_req_put(req);
	return ret;
}

/* Find the accepted request @id of the caller and claim it. */
static struct kw_tls_req *kw_tls_req_take(struct kw_tls_net *tn, u64 id,
					  struct netlink_ext_ack *extack)
{
	struct kw_tls_req *req, *found = NULL;
	int err = -ENOENT;

	spin_lock_bh(&tn->req_lock);
	list_for_each_entry(req, &tn->accepted, node) {
		if (req->id != id)
			continue;
		if (req->agent != task_tgid(current)) {
			err = -EPERM;
			break;
		}
		list_del_init(&req->node);
		found = req;
		break;
	}
	spin_unlock_bh(&tn->req_lock);
	if (found)
		return found;
	if (err == -EPERM)
		NL_SET_ERR_MSG_FMT_MOD(extack, "handshake %llu was accepted by another process",
				       id);
	else
		NL_SET_ERR_MSG_FMT_MOD(extack, "no accepted handshake %llu in this namespace", id);
	return ERR_PTR(err);
}

/* What a successful DONE carries: the peer identity and the keys. */
static int kw_tls_done_check(struct genl_info *info)
{
	struct nlattr *id = info->attrs[KWASM_TLS_A_PEER_ID];
	size_t len;
	int ret;

	/* Empty when the peer was not verified (server-only, server side). */
	if (id && strnlen(nla_data(id), nla_len(id))) {
		ret = kw_tls_check_str(id, KWASM_TLS_PEER_MAX - 1, "peer identity", &len,
				       info->extack);
		if (ret)
			return ret;
	}
	return kw_tls_ktls_check(info->attrs[KWASM_TLS_A_TX], info->attrs[KWASM_TLS_A_RX],
				 info->extack);
}

/*
 * A successful DONE asks the rule's policy first, with the identity the
 * agent verified: a denial resets the connection before any key is used.
 */
static int kw_tls_done_policy(struct kw_tls_req *req, struct genl_info *info)
{
	struct nlattr *id = info->attrs[KWASM_TLS_A_PEER_ID];
	struct socket *sock = sock_from_file(req->file);
	const char *peer = id ? nla_data(id) : NULL;
	u32 len = id ? strnlen(peer, nla_len(id)) : 0;
	int ret;

	if (!req->rule->pol_module)
		return 0;
	if (!sock)
		return -ENOTSOCK;
	ret = kw_tls_policy_check(req->rule, sock, &req->owner, peer, len, true);
	if (!ret)
		return 0;
	req->policy_denied = true;
	if (ret == -EACCES)
		NL_SET_ERR_MSG_MOD(info->extack, "the rule's policy denied the connection");
	else
		NL_SET_ERR_MSG_MOD(info->extack,
				   "the rule's policy failed, so the connection is denied");
	return -EACCES;
}

/* A successful DONE: the keys into kTLS, through the gate if there is one. */
static int kw_tls_done_ok(struct kw_tls_req *req, struct genl_info *info)
{
	struct nlattr *tx = info->attrs[KWASM_TLS_A_TX], *rx = info->attrs[KWASM_TLS_A_RX];
	struct socket *sock = sock_from_file(req->file);
	int ret;

	if (!sock)
		return -ENOTSOCK;
	if (req->ops)
		ret = req->ops->install(req, nla_data(tx), nla_data(rx), nla_len(tx));
	else
		ret = kw_tls_ktls_install(sock, nla_data(tx), nla_data(rx), nla_len(tx));
	if (ret)
		NL_SET_ERR_MSG_FMT_MOD(info->extack, "installing kTLS failed (%d)", ret);
	return ret;
}

/**
 * kw_tls_genl_done() - KWASM_TLS_CMD_DONE: the outcome of a handshake
 * @skb: the request
 * @info: its parsed form
 *
 * Everything is validated before the request is looked up; only the
 * process that accepted it may end it.  Whatever the outcome, the keys in
 * the message are wiped before returning.
 *
 * Return: 0, or a negative errno: -EINVAL for a malformed DONE, -ENOENT
 * or -EPERM for a request that is not the caller's (all three leave the
 * request as it was), -EACCES when the rule's policy denied or failed, or
 * why installing kTLS failed (both reset the connection).
 */
int kw_tls_genl_done(struct sk_buff *skb, struct genl_info *info)
{
	struct kw_tls_net *tn = kw_tls_net(genl_info_net(info));
	struct nlattr *a;
	struct kw_tls_req *req;
	u32 status;
	int ret;
	u64 id;

	if (!info->attrs[KWASM_TLS_A_REQ_ID] || !info->attrs[KWASM_TLS_A_STATUS]) {
		NL_SET_ERR_MSG_MOD(info->extack, "DONE needs KWASM_TLS_A_REQ_ID and _STATUS");
		ret = -EINVAL;
		goto wipe;
	}
	id = nla_get_u64(info->attrs[KWASM_TLS_A_REQ_ID]);
	status = nla_get_u32(info->attrs[KWASM_TLS_A_STATUS]);
	if (status > MAX_ERRNO) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KWASM_TLS_A_STATUS],
				    "kwasm: KWASM_TLS_A_STATUS is 0 or an errno");
		ret = -EINVAL;
		goto wipe;
	}
	/* A malformed DONE leaves the request to a correct one or its timeout. */
	ret = status ? 0 : kw_tls_done_check(info);
	if (ret)
		goto wipe;
	req = kw_tls_req_take(tn, id, info->extack);
	if (IS_ERR(req)) {
		ret = PTR_ERR(req);
		goto wipe;
	}
	ret = status ? 0 : kw_tls_done_policy(req, info);
	if (!status && !ret)
		ret = kw_tls_done_ok(req, info);
	/* A DONE the kernel cannot use, or the policy refuses, fails it. */
	kw_tls_req_end(req, status ? -(int)status : (ret ? -EPROTO : 0));
wipe:
	a = info->attrs[KWASM_TLS_A_TX];
	if (a)
		memzero_explicit(nla_data(a), nla_len(a));
	a = info->attrs[KWASM_TLS_A_RX];
	if (a)
		memzero_explicit(nla_data(a), nla_len(a));
	return ret;
}

/**
 * kw_tls_pending() - requests waiting for an agent
 * @tn: the namespace's state
 *
 * Return: their number.
 */
u32 kw_tls_pending(struct kw_tls_net *tn)
{
	return READ_ONCE(tn->npending);
}

/**
 * kw_tls_upcall_net_init() - a namespace's empty queues
 * @tn: its state
 * @net: the namespace
 */
void kw_tls_upcall_net_init(struct kw_tls_net *tn, struct net *net)
{
	tn->net = net;
	spin_lock_init(&tn->req_lock);
	INIT_LIST_HEAD(&tn->pending);
	INIT_LIST_HEAD(&tn->accepted);
	INIT_WORK(&tn->ready_work, kw_tls_ready_work);
	INIT_WORK(&tn->reap_work, kw_tls_reap_work);
}

/**
 * kw_tls_upcall_net_exit() - end every request of a dying namespace
 * @tn: its state
 *
 * Requests hold their sockets' files, and sockets their namespace, so
 * there should be none; this is the backstop.
 */
void kw_tls_upcall_net_exit(struct kw_tls_net *tn)
{
	struct kw_tls_req *req;

	cancel_work_sync(&tn->ready_work);
	cancel_work_sync(&tn->reap_work);
	for (;;) {
		spin_lock_bh(&tn->req_lock);
		req = list_first_entry_or_null(&tn->pending, struct kw_tls_req, node);
		if (!req)
			req = list_first_entry_or_null(&tn->accepted, struct kw_tls_req, node);
		if (req) {
			if (!req->accepted)
				tn->npending--;
			list_del_init(&req->node);
		}
		spin_unlock_bh(&tn->req_lock);
		if (!req)
			break;
		kw_tls_req_end(req, -ENETDOWN);
	}
}

/**
 * kw_tls_upcall_init() - watch agents' netlink sockets close; load kTLS
 *
 * Return: 0 or a negative errno.
 */
int __init kw_tls_upcall_init(void)
{
	kw_tls_ktls_load();
	return netlink_register_notifier(&kw_tls_nl_notifier);
}

/**
 * kw_tls_upcall_uninit() - undo kw_tls_upcall_init()
 */
void kw_tls_upcall_uninit(void)
{
	netlink_unregister_notifier(&kw_tls_nl_notifier);
}
