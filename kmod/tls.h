/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: transparent mutual TLS (include/uapi/linux/kwasm_tls.h,
 * docs/TLS.md).  Rules (tls_rules.c), the "kwasm_tls" generic netlink
 * family (tls_genl.c) and the handshake upcall (tls_upcall.c).
 *
 * Everything is per network namespace (struct kw_tls_net).  Writers of the
 * rule list hold the namespace's mutex; the matcher reads it under RCU from
 * any context, so the data path never takes a lock.  A rule is reference
 * counted: the list holds one reference, every matched connection another,
 * and a deleted rule is freed after a grace period once the last one goes.
 */
#ifndef KW_TLS_H
#define KW_TLS_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/uidgid.h>
#include <linux/kwasm_tls.h>

struct cgroup;
struct genl_info;
struct net;
struct netlink_ext_ack;
struct sk_buff;
struct socket;

/* Rules per namespace (module parameter tls_max_rules). */
extern unsigned int kw_tls_max_rules;

/**
 * struct kw_tls_rule - one rule, immutable once listed (but for counters)
 * @node: in kw_tls_net.rules (RCU), under kw_tls_net.lock
 * @rcu: frees the rule after the last reference went
 * @ref: the list's reference and one per matched connection
 * @tn: the namespace's state; outlives the rule (kw_tls_net_exit())
 * @id: unique in the namespace, never 0
 * @seq: order of addition, for resuming dumps
 * @side: enum kwasm_tls_side
 * @action: enum kwasm_tls_action
 * @port: local (server side) or remote (client side) port, host order
 * @family: AF_INET or AF_INET6 when @addr is set, else 0 (any)
 * @prefix: prefix length of @addr
 * @addr: remote network, @family's bytes first
 * @has_uid: @uid is set
 * @uid: only sockets of this user
 * @cgroup: only tasks in this cgroup v2 (id) or below it; 0 for any
 * @timeout_ms: handshake deadline
 * @fail_open: pass in plaintext when the connection cannot be wrapped
 * @cert: certificate chain path, or NULL
 * @key: private key path, or NULL
 * @ca: trust bundle path, or NULL
 * @sni: server name (client side), or NULL
 * @peers: KWASM_TLS_A_PEERS, validated, every string NUL-terminated; or NULL
 * @pol_module: the policy's module (KWASM_TLS_P_MODULE), or NULL
 * @pol_export: the policy's export (KWASM_TLS_P_EXPORT), or NULL
 * @msg_size: room its KWASM_TLS_CMD_RULE_LIST message needs
 * @ctr: counters, indexed by enum kwasm_tls_counter
 */
struct kw_tls_rule {
	struct list_head node;
	struct rcu_head rcu;
	refcount_t ref;
	struct kw_tls_net *tn;
	u32 id;
	u64 seq;
	u8 side;
	u8 action;
	u16 port;
	u16 family;
	u8 prefix;
	struct in6_addr addr;
	bool has_uid;
	kuid_t uid;
	u64 cgroup;
	u32 timeout_ms;
	bool fail_open;
	char *cert;
	char *key;
	char *ca;
	char *sni;
	struct nlattr *peers;
	char *pol_module;
	char *pol_export;
	size_t msg_size;
	atomic64_t ctr[__KWASM_TLS_C_MAX];
};

/**
 * struct kw_tls_net - a network namespace's TLS state
 * @lock: serialises writers of @rules, @nrules, @next_id and @next_seq
 * @rules: in order of addition; RCU readers
 * @nrules: entries in @rules
 * @next_id: next rule id to try
 * @next_seq: next rule sequence number
 * @totals: the namespace's counters, over rules present and gone
 * @wrapped: sockets carrying kTLS through kwasm
 * @net: the namespace
 * @req_lock: guards @pending, @accepted, @npending (tls_upcall.c)
 * @pending: handshake requests no agent has taken
 * @accepted: requests an agent works on
 * @npending: entries in @pending
 * @ready_work: sends READY
 * @reap_work: ends the requests of agents that went away
 */
struct kw_tls_net {
	struct mutex lock;		/* see above */
	struct list_head rules;
	u32 nrules;
	u32 next_id;
	u64 next_seq;
	atomic64_t totals[__KWASM_TLS_C_MAX];
	atomic_t wrapped;
	struct net *net;
	spinlock_t req_lock;		/* see above */
	struct list_head pending;
	struct list_head accepted;
	u32 npending;
	struct work_struct ready_work;
	struct work_struct reap_work;
};

/**
 * struct kw_tls_tuple - what a connection is matched on
 * @side: enum kwasm_tls_side
 * @family: AF_INET or AF_INET6
 * @remote: remote address (IPv4 in the first 4 bytes)
 * @lport: local port, host order
 * @rport: remote port, host order
 * @uid: the connecting or accepting task's user
 * @cgrp: its cgroup v2, or NULL
 */
struct kw_tls_tuple {
	u8 side;
	u16 family;
	struct in6_addr remote;
	u16 lport;
	u16 rport;
	kuid_t uid;
	struct cgroup *cgrp;
};

/**
 * struct kw_tls_owner - who made a connection, captured when a rule matched
 * @uid: the connecting or accepting task's fsuid
 * @pid: its thread group id, in the initial pid namespace
 * @cgroup: the socket's cgroup v2 id, or 0
 * @comm: the task's name
 *
 * Read from current in the probe (atomic context, cheap copies), since in
 * the agent's context current is the agent.
 */
struct kw_tls_owner {
	kuid_t uid;
	u32 pid;
	u64 cgroup;
	char comm[16];
};

void kw_tls_owner_capture(struct kw_tls_owner *o, struct cgroup *cgrp);

/* tls_policy.c: process context, may sleep up to the call_ms deadline. */
int kw_tls_policy_check(struct kw_tls_rule *r, struct socket *sock,
			const struct kw_tls_owner *owner, const char *peer, u32 peer_len,
			bool tls);

int kw_tls_init(void);
void kw_tls_uninit(void);

struct kw_tls_net *kw_tls_net(const struct net *net);
struct kw_tls_rule *kw_tls_match(const struct net *net, const struct kw_tls_tuple *t);
void kw_tls_rule_put(struct kw_tls_rule *r);
void kw_tls_count(struct kw_tls_rule *r, unsigned int counter);

/* Rule list, for tls_genl.c: process context, may sleep. */
int kw_tls_rule_add(struct kw_tls_net *tn, struct kw_tls_rule *r, struct netlink_ext_ack *extack);
int kw_tls_rule_del(struct kw_tls_net *tn, u32 id, struct netlink_ext_ack *extack);
struct kw_tls_rule *kw_tls_rule_find(struct kw_tls_net *tn, u32 id);
struct kw_tls_rule *kw_tls_rule_alloc(void);
void kw_tls_rule_free(struct kw_tls_rule *r);

/* tls_genl.c; the agent group's index in the family's groups. */
#define KW_TLS_MCGRP_AGENT	0
extern struct genl_family kw_tls_genl_family;
int kw_tls_check_str(const struct nlattr *a, size_t max, const char *what, size_t *lenp,
		     struct netlink_ext_ack *extack);
int kw_tls_genl_init(void);
void kw_tls_genl_uninit(void);
int kw_tls_put_rule(struct sk_buff *msg, const struct kw_tls_rule *r, u32 timeout_ms);
int kw_tls_put_counters(struct sk_buff *msg, const atomic64_t *ctr);

/* tls_upcall.c */
struct kw_tls_req;

/* kw_tls_req_ops.done's outcome besides 0 and errors: passed in plaintext. */
#define KW_TLS_PASS	1

/**
 * struct kw_tls_req_ops - the interception layer's part of a request
 * @prepare: optional; put the ULP on the connection (kw_tls_ktls_ulp())
 *	before the agent gets it; process context, best effort: a failure
 *	shows again in @install
 * @install: put kTLS on the connection (kw_tls_ktls_install()) while the
 *	application stays held; process context, socket unlocked
 * @restore: open the gate on the socket's own ops; process context, after
 *	the connection was reset, or to pass it in plaintext (fail-open)
 * @done: the outcome, once, in process context: 0 (kTLS carries the
 *	connection), KW_TLS_PASS (plaintext, fail-open) or a negative errno
 *	(the connection was reset)
 */
struct kw_tls_req_ops {
	void (*prepare)(struct kw_tls_req *req);
	int (*install)(struct kw_tls_req *req, const void *tx, const void *rx, u32 len);
	void (*restore)(struct kw_tls_req *req);
	void (*done)(struct kw_tls_req *req, int outcome);
};

int kw_tls_req_submit(struct net *net, struct socket *sock, struct kw_tls_rule *rule,
		      const struct kw_tls_owner *owner, const struct kw_tls_req_ops *ops,
		      void *priv, struct kw_tls_req **reqp, gfp_t gfp);
void *kw_tls_req_priv(const struct kw_tls_req *req);
bool kw_tls_req_from_agent(const struct kw_tls_req *req);
u32 kw_tls_pending(struct kw_tls_net *tn);
int kw_tls_genl_accept(struct sk_buff *skb, struct genl_info *info);
int kw_tls_genl_done(struct sk_buff *skb, struct genl_info *info);
void kw_tls_upcall_net_init(struct kw_tls_net *tn, struct net *net);
void kw_tls_upcall_net_exit(struct kw_tls_net *tn);
int kw_tls_upcall_init(void);
void kw_tls_upcall_uninit(void);

/* tls_ktls.c */
int kw_tls_ktls_check(const struct nlattr *tx, const struct nlattr *rx,
		      struct netlink_ext_ack *extack);
int kw_tls_ktls_install(struct socket *sock, const void *tx, const void *rx, u32 len);
int kw_tls_ktls_ulp(struct socket *sock);
bool kw_tls_ktls_rx(struct sock *sk);
void kw_tls_ktls_load(void);

/* tls_gate.c: the per-socket gate; tls_intercept.c: the probes. */
int kw_tls_gate_arm(struct sock *sk, struct socket *sock, struct kw_tls_rule *rule, int refuse,
		    const struct kw_tls_owner *owner);
int kw_tls_gate_wrappable(const struct sock *sk, const struct socket *sock);
int kw_tls_gate_refuse(struct socket *sock);
int kw_tls_gate_forget(struct sock *sk, struct socket *sock);
extern atomic_t kw_tls_fail_arm;
void kw_tls_reset(struct sock *sk);
int kw_tls_gate_init(void);
void kw_tls_gate_uninit(void);
int kw_tls_intercept_init(void);
void kw_tls_intercept_uninit(void);

/* tls_testhook.c */
void kw_tls_testhook_init(void);
void kw_tls_testhook_uninit(void);

#endif /* KW_TLS_H */
