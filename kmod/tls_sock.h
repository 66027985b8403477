/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the state of one socket transparent TLS took, shared by the
 * gate (tls_gate.c, until the handshake ends) and the wrap (tls_wrap.c,
 * kTLS's ops with the post-handshake records taken out, until close).
 */
#ifndef KW_TLS_SOCK_H
#define KW_TLS_SOCK_H

#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "tls.h"
#include "tls_record.h"

enum { KW_GATE_ARMED, KW_GATE_PENDING, KW_GATE_DONE };

/* kw_tls_sock.flags */
enum {
	KW_SOCK_WRAPPED,	/* the wrap's ops are the socket's */
	KW_SOCK_CLOSE_SENT,	/* close_notify went out, or will never */
	KW_SOCK_PEER_CLOSED,	/* close_notify or KeyUpdate came: the stream ends */
};

/**
 * struct kw_tls_sock - a socket transparent TLS took
 * @node: in the gate's hash (its lock; RCU readers)
 * @rcu: frees it after readers are gone
 * @ref: the hash's reference, one per caller in the gate, one for a request
 * @sk: the connection
 * @sock: its socket, the application's
 * @orig: the socket's own ops
 * @fam: 0 for IPv4 ops, 1 for IPv6
 * @rule: the matched rule's reference until a request takes it (a
 *	passthrough rule's stays for the policy call)
 * @stat: the rule again, for the counters of the socket's whole life
 * @req: the request while PENDING (RCU: requests are freed by RCU)
 * @phase: KW_GATE_*
 * @refuse: reset instead of a handshake with this errno (deny, unwrappable)
 * @flags: KW_SOCK_* bits
 * @abort_work: ends a socket whose request could not be submitted
 * @abort_file: the socket's file, held while @abort_work or @policy_work
 *	is queued
 * @policy_work: asks a passthrough rule's policy, then opens or resets
 * @owner: who made the connection, for the policy
 * @rx_lock: one reader of post-handshake records at a time
 * @rec: their reader's state (@rx_lock)
 */
struct kw_tls_sock {
	struct hlist_node node;
	struct rcu_head rcu;
	refcount_t ref;
	struct sock *sk;
	struct socket *sock;
	const struct proto_ops *orig;
	int fam;
	struct kw_tls_rule *rule;
	struct kw_tls_rule *stat;
	struct kw_tls_req *req;
	int phase;
	int refuse;
	unsigned long flags;
	struct work_struct abort_work;
	struct file *abort_file;
	struct work_struct policy_work;
	struct kw_tls_owner owner;
	struct mutex rx_lock;		/* see above */
	struct kw_tls_rec rec;
};

/* tls_gate.c */
struct kw_tls_sock *kw_tls_sock_get(struct socket *sock);
void kw_tls_sock_put(struct kw_tls_sock *st);
void kw_tls_sock_unhash(struct kw_tls_sock *st);

/* tls_wrap.c */
const struct proto_ops *kw_tls_wrap_ops(const struct proto_ops *ktls);
void kw_tls_wrap_uninit(void);

#endif /* KW_TLS_SOCK_H */
