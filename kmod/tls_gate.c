// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the gate of transparent TLS.  A socket a rule matched gets a
 * copy of its own proto_ops (sock->ops) in which every way to move
 * application bytes (sendmsg, recvmsg, splice_read, sendpage, mmap for
 * zero-copy receive, poll) first asks the gate.  Nothing else on the host
 * changes: struct proto and every other socket stay as they are.
 *
 *   ARMED    matched; the first I/O or poll on the established connection
 *            submits the handshake (lazily, so it never runs in probe
 *            context), or for a passthrough rule with a policy queues the
 *            policy call (tls_policy.c)
 *   PENDING  the agent handshakes, or the policy decides; only the
 *            agent's own I/O passes (the process that accepted the
 *            request and its children); the application blocks, or gets
 *            EAGAIN, and poll says not ready
 *   DONE     kTLS installed, or the connection reset or passed in
 *            plaintext; the gate forwards to whatever sock->ops is now
 *
 * kTLS goes on while the application is still held: a shadow struct
 * socket stands in as sk->sk_socket for the setsockopt calls, so kTLS
 * builds its tables from the socket's own ops and writes its ops into the
 * shadow; they reach the real socket only once both directions have keys.
 * No application byte can slip out between the ULP and the keys.
 *
 * State lives in a hash keyed by struct sock *, never in sk_user_data
 * (sockmap's).  Each gated socket holds a module reference, so kwasm.ko
 * cannot be unloaded under it.
 */
#include <linux/file.h>
#include <linux/hashtable.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/poll.h>
#include <linux/rculist.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/splice.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/inet_connection_sock.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "tls.h"
#include "tls_sock.h"

static DEFINE_HASHTABLE(kw_gate_hash, 10);
static DEFINE_SPINLOCK(kw_gate_lock);

/* The stock TCP ops per family (from kernel sockets at init), and ours. */
static const struct proto_ops *kw_gate_base[2];
static const struct proto_ops *kw_gate_ops[2];

static bool kw_gate_is_ours(const struct proto_ops *ops)
{
	return ops && (ops == kw_gate_ops[0] || ops == kw_gate_ops[1]);
}

/**
 * kw_tls_sock_get() - the state of a socket transparent TLS took
 * @sock: the socket
 *
 * Any context.  Pair with kw_tls_sock_put().
 *
 * Return: a reference to it, or NULL when the socket is none of ours.
 */
struct kw_tls_sock *kw_tls_sock_get(struct socket *sock)
{
	struct sock *sk = READ_ONCE(sock->sk);
	struct kw_tls_sock *st;

	rcu_read_lock();
	hash_for_each_possible_rcu(kw_gate_hash, st, node, (unsigned long)sk) {
		if (st->sk == sk && st->sock == sock && refcount_inc_not_zero(&st->ref)) {
			rcu_read_unlock();
			return st;
		}
	}
	rcu_read_unlock();
	return NULL;
}

static void kw_gate_free(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct kw_tls_sock, rcu));
}

/**
 * kw_tls_sock_put() - drop a reference from kw_tls_sock_get()
 * @st: the state, or NULL
 *
 * The last one frees it and lets kwasm.ko go: a socket the wrap carries
 * keeps the module until it is closed.
 */
void kw_tls_sock_put(struct kw_tls_sock *st)
{
	if (!st || !refcount_dec_and_test(&st->ref))
		return;
	if (st->rule)
		kw_tls_rule_put(st->rule);
	if (test_bit(KW_SOCK_WRAPPED, &st->flags))
		atomic_dec(&st->stat->tn->wrapped);
	kw_tls_rule_put(st->stat);
	call_rcu(&st->rcu, kw_gate_free);
	/* Last: the socket no longer reaches this module's code. */
	module_put(THIS_MODULE);
}

/**
 * kw_tls_sock_unhash() - forget a socket: its gate opened, or it closed
 * @st: the state
 *
 * Drops the hash's reference, once however often it is called.  Any
 * context.
 */
void kw_tls_sock_unhash(struct kw_tls_sock *st)
{
	unsigned long flags;
	bool hashed;

	spin_lock_irqsave(&kw_gate_lock, flags);
	hashed = !hlist_unhashed(&st->node);
	if (hashed)
		hash_del_rcu(&st->node);
	spin_unlock_irqrestore(&kw_gate_lock, flags);
	if (hashed)
		kw_tls_sock_put(st);
}

/* Whoever waits in the gate or polls the socket looks again. */
static void kw_gate_wake(struct sock *sk)
{
	struct socket_wq *wq;

	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_all(&wq->wait);
	rcu_read_unlock();
}

/*
 * Open the gate for good; @ops (when set) first becomes the socket's.  A
 * socket the wrap carries stays known until it closes.
 */
static void kw_gate_open(struct kw_tls_sock *st, const struct proto_ops *ops)
{
	if (ops)
		WRITE_ONCE(st->sock->ops, ops);
	/* The new ops before the phase: the gate forwards to them. */
	smp_store_release(&st->phase, KW_GATE_DONE);
	smp_mb();	/* phase before the wait queue check, as poll reads them */
	kw_gate_wake(st->sk);
	if (!test_bit(KW_SOCK_WRAPPED, &st->flags))
		kw_tls_sock_unhash(st);
}

/*
 * kTLS through a shadow socket: sk->sk_socket points at it while the ULP
 * and both keys go on, so kTLS reads and writes the shadow's ops, and the
 * application, which only knows the real socket, stays in the gate.
 */
static struct socket *kw_gate_shadow_on(struct kw_tls_sock *st)
{
	struct socket *real = st->sock, *shadow;
	struct sock *sk = st->sk;
	int ret;

	ret = sock_create_lite(sk->sk_family, SOCK_STREAM, IPPROTO_TCP, &shadow);
	if (ret)
		return ERR_PTR(ret);
	shadow->ops = st->orig;
	shadow->state = real->state;
	shadow->flags = real->flags;
	shadow->file = real->file;
	shadow->sk = sk;
	SOCK_INODE(shadow)->i_uid = SOCK_INODE(real)->i_uid;

	write_lock_bh(&sk->sk_callback_lock);
	WRITE_ONCE(sk->sk_socket, shadow);
	write_unlock_bh(&sk->sk_callback_lock);
	return shadow;
}

static void kw_gate_shadow_off(struct kw_tls_sock *st, struct socket *shadow)
{
	struct socket *real = st->sock;
	struct sock *sk = st->sk;

	write_lock_bh(&sk->sk_callback_lock);
	WRITE_ONCE(sk->sk_socket, real);
	write_unlock_bh(&sk->sk_callback_lock);
	/* What kTLS and TCP said through the shadow's flags. */
	if (!test_bit(SOCK_SUPPORT_ZC, &shadow->flags))
		clear_bit(SOCK_SUPPORT_ZC, &real->flags);
	if (test_bit(SOCK_NOSPACE, &shadow->flags))
		set_bit(SOCK_NOSPACE, &real->flags);
	/* Not the connection's: release only the shadow's inode. */
	shadow->ops = NULL;
	shadow->file = NULL;
	shadow->sk = NULL;
	sock_release(shadow);
}

/* The ULP before the agent's handshake; its ops stay in the shadow. */
static void kw_gate_prepare(struct kw_tls_req *req)
{
	struct kw_tls_sock *st = kw_tls_req_priv(req);
	struct socket *shadow = kw_gate_shadow_on(st);

	if (IS_ERR(shadow))
		return;
	kw_tls_ktls_ulp(shadow);
	kw_gate_shadow_off(st, shadow);
}

static int kw_gate_install(struct kw_tls_req *req, const void *tx, const void *rx, u32 len)
{
	struct kw_tls_sock *st = kw_tls_req_priv(req);
	const struct proto_ops *wrap;
	struct socket *shadow;
	int ret;

	shadow = kw_gate_shadow_on(st);
	if (IS_ERR(shadow))
		return PTR_ERR(shadow);
	ret = kw_tls_ktls_install(shadow, tx, rx, len);
	/* kTLS's ops, built from the socket's own, wrapped: the gate opens on them. */
	wrap = ret ? NULL : kw_tls_wrap_ops(shadow->ops);
	kw_gate_shadow_off(st, shadow);
	if (ret || !wrap)
		return ret ?: -ENOMEM;
	set_bit(KW_SOCK_WRAPPED, &st->flags);
	atomic_inc(&st->stat->tn->wrapped);
	WRITE_ONCE(st->sock->ops, wrap);
	return 0;
}

static void kw_gate_restore(struct kw_tls_req *req)
{
	struct kw_tls_sock *st = kw_tls_req_priv(req);

	if (kw_gate_is_ours(READ_ONCE(st->sock->ops)))
		WRITE_ONCE(st->sock->ops, st->orig);
}

static void kw_gate_done(struct kw_tls_req *req, int outcome)
{
	struct kw_tls_sock *st = kw_tls_req_priv(req);

	WRITE_ONCE(st->req, NULL);
	kw_gate_open(st, NULL);
	kw_tls_sock_put(st);	/* the request's */
}

static const struct kw_tls_req_ops kw_gate_req_ops = {
	.prepare = kw_gate_prepare,
	.install = kw_gate_install,
	.restore = kw_gate_restore,
	.done = kw_gate_done,
};

/**
 * kw_tls_reset() - reset a held connection and drop what it received
 * @sk: the connection, still behind the gate
 *
 * tcp_abort() sends the RST and makes I/O fail with ECONNRESET, but leaves
 * the receive queue readable: what the peer sent before the verdict (a
 * denied client's plaintext request) would still reach the application
 * once the gate opens.  A closed socket receives nothing more, so emptying
 * the queue once is enough.  Process context.
 */
void kw_tls_reset(struct sock *sk)
{
	tcp_abort(sk, ECONNRESET);
	lock_sock(sk);
	/* kTLS's receive side parses that queue in place: not ours to empty. */
	if (!kw_tls_ktls_rx(sk)) {
		__skb_queue_purge(&sk->sk_receive_queue);
		sk_mem_reclaim(sk);
	}
	release_sock(sk);
}

/* Reset a socket that gets no handshake; process context. */
static void kw_gate_abort_work(struct work_struct *work)
{
	struct kw_tls_sock *st = container_of(work, struct kw_tls_sock, abort_work);
	struct file *file = st->abort_file;

	kw_tls_reset(st->sk);
	kw_gate_open(st, st->orig);
	fput(file);
	kw_tls_sock_put(st);	/* the work's */
}

/*
 * A passthrough rule's policy, without a handshake (no peer identity);
 * process context, so the call may sleep while the application waits.
 */
static void kw_gate_policy_work(struct work_struct *work)
{
	struct kw_tls_sock *st = container_of(work, struct kw_tls_sock, policy_work);
	struct file *file = st->abort_file;
	struct kw_tls_rule *r = st->rule;

	if (kw_tls_policy_check(r, st->sock, &st->owner, NULL, 0, false)) {
		kw_tls_count(r, KWASM_TLS_C_POLICY_DENIED);
		kw_tls_reset(st->sk);
	} else {
		kw_tls_count(r, KWASM_TLS_C_PASSED);
	}
	kw_gate_open(st, st->orig);
	fput(file);
	kw_tls_sock_put(st);	/* the work's; drops the rule with the last one */
}

/*
 * ARMED to PENDING: submit the handshake, or reset.  Never sleeps (poll
 * calls it).  The work and the request each hold a reference.
 */
static void kw_gate_start(struct kw_tls_sock *st)
{
	struct kw_tls_rule *rule;
	int ret;

	if (cmpxchg(&st->phase, KW_GATE_ARMED, KW_GATE_PENDING) != KW_GATE_ARMED)
		return;
	if (!st->refuse && st->rule->action == KWASM_TLS_ACT_PASSTHROUGH) {
		refcount_inc(&st->ref);
		st->abort_file = get_file(st->sock->file);
		schedule_work(&st->policy_work);
		return;
	}
	rule = st->rule;
	st->rule = NULL;
	ret = st->refuse;
	if (!ret) {
		refcount_inc(&st->ref);
		ret = kw_tls_req_submit(sock_net(st->sk), st->sock, rule, &st->owner,
					&kw_gate_req_ops, st, &st->req, GFP_ATOMIC);
		if (!ret)
			return;
		kw_tls_count(rule, KWASM_TLS_C_HANDSHAKE_FAILED);
		refcount_dec(&st->ref);
	}
	kw_tls_rule_put(rule);
	/* The caller's file keeps the socket; the work keeps the file. */
	refcount_inc(&st->ref);
	st->abort_file = get_file(st->sock->file);
	schedule_work(&st->abort_work);
}

/*
 * What the gate forwards to: the socket's ops unless they are ours.  Ours
 * without a state mean a refused socket (kw_tls_gate_refuse()): NULL.
 */
static const struct proto_ops *kw_gate_next(struct socket *sock, struct kw_tls_sock *st)
{
	const struct proto_ops *ops = READ_ONCE(sock->ops);

	if (!kw_gate_is_ours(ops))
		return ops;
	return st ? st->orig : NULL;
}

static bool kw_gate_agent(struct kw_tls_sock *st)
{
	struct kw_tls_req *req;
	bool ret = false;

	rcu_read_lock();
	req = READ_ONCE(st->req);
	if (req && READ_ONCE(st->phase) == KW_GATE_PENDING)
		ret = kw_tls_req_from_agent(req);
	rcu_read_unlock();
	return ret;
}

/*
 * Whether the caller may go on now: 0 (forward), 1 (hold), or a negative
 * errno for the caller.  Starts the handshake once the connection is up.
 */
static int kw_gate_check(struct kw_tls_sock *st)
{
	/* Pairs with kw_gate_open(): DONE means the ops are in place. */
	int phase = smp_load_acquire(&st->phase);
	int state;

	if (phase == KW_GATE_DONE)
		return 0;
	if (phase == KW_GATE_ARMED) {
		state = inet_sk_state_load(st->sk);
		if ((1 << state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
			return 1;
		/*
		 * Never connected, or failed: TCP reports it.  What the peer
		 * sent before it reset was never checked: not for the reader.
		 */
		if (state == TCP_CLOSE)
			return skb_queue_empty_lockless(&st->sk->sk_receive_queue) ?
			       0 : -ECONNRESET;
		if (!((1 << state) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)) && !st->refuse)
			st->refuse = -ECONNABORTED;
		kw_gate_start(st);
		return 1;
	}
	return kw_gate_agent(st) ? 0 : 1;
}

static bool kw_gate_moved(struct kw_tls_sock *st, int phase, int state)
{
	return READ_ONCE(st->phase) != phase || inet_sk_state_load(st->sk) != state;
}

/* Hold the caller for at most @timeo jiffies (0: do not wait). */
static int kw_gate_hold(struct kw_tls_sock *st, long timeo)
{
	int ret, phase, state;

	for (;;) {
		phase = READ_ONCE(st->phase);
		state = inet_sk_state_load(st->sk);
		ret = kw_gate_check(st);
		if (ret <= 0)
			return ret;
		if (!timeo)
			return -EAGAIN;
		timeo = wait_event_interruptible_timeout(*sk_sleep(st->sk),
							 kw_gate_moved(st, phase, state), timeo);
		if (timeo < 0)
			return timeo;
		if (!timeo)
			return -EAGAIN;
	}
}

static int kw_gate_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	int ret = 0;

	if (st)
		ret = kw_gate_hold(st, sock_sndtimeo(sock->sk, msg->msg_flags & MSG_DONTWAIT));
	if (!ret) {
		ops = kw_gate_next(sock, st);
		ret = ops ? ops->sendmsg(sock, msg, len) : -ECONNRESET;
	}
	kw_tls_sock_put(st);
	return ret;
}

static int kw_gate_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	int ret = 0;

	if (st)
		ret = kw_gate_hold(st, sock_rcvtimeo(sock->sk, flags & MSG_DONTWAIT));
	if (!ret) {
		ops = kw_gate_next(sock, st);
		ret = ops ? ops->recvmsg(sock, msg, len, flags) : -ECONNRESET;
	}
	kw_tls_sock_put(st);
	return ret;
}

static ssize_t kw_gate_splice_read(struct socket *sock, loff_t *ppos,
				   struct pipe_inode_info *pipe, size_t len, unsigned int flags)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	bool nonblock;
	ssize_t ret = 0;

	if (st) {
		nonblock = (sock->file->f_flags & O_NONBLOCK) || (flags & SPLICE_F_NONBLOCK);
		ret = kw_gate_hold(st, sock_rcvtimeo(sock->sk, nonblock));
	}
	if (!ret) {
		ops = kw_gate_next(sock, st);
		ret = ops && ops->splice_read ? ops->splice_read(sock, ppos, pipe, len, flags) :
						-ECONNRESET;
	}
	kw_tls_sock_put(st);
	return ret;
}

#ifdef KW_COMPAT_OPS_SENDPAGE
static ssize_t kw_gate_sendpage(struct socket *sock, struct page *page, int offset,
				size_t size, int flags)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	ssize_t ret = 0;

	if (st)
		ret = kw_gate_hold(st, sock_sndtimeo(sock->sk, flags & MSG_DONTWAIT));
	if (!ret) {
		ops = kw_gate_next(sock, st);
		ret = ops ? ops->sendpage(sock, page, offset, size, flags) : -ECONNRESET;
	}
	kw_tls_sock_put(st);
	return ret;
}
#endif

/* Zero-copy receive maps the raw TCP stream: not before the gate opens. */
static int kw_gate_mmap(struct file *file, struct socket *sock, struct vm_area_struct *vma)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	int ret = -ENODEV;

	/* Pairs with kw_gate_open(), as in kw_gate_check(). */
	if (!st || smp_load_acquire(&st->phase) == KW_GATE_DONE) {
		ops = kw_gate_next(sock, st);
		ret = ops ? ops->mmap(file, sock, vma) : -ENODEV;
	}
	kw_tls_sock_put(st);
	return ret;
}

#define KW_GATE_DATA_EVENTS (EPOLLIN | EPOLLRDNORM | EPOLLRDBAND | EPOLLPRI | EPOLLOUT | \
			     EPOLLWRNORM | EPOLLWRBAND)

/*
 * The socket's own poll first (it queues the waiter), then the phase: a
 * gate that opened in between is seen, and its wake-up is not lost.
 */
static __poll_t kw_gate_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	__poll_t mask;

	if (!st) {
		ops = kw_gate_next(sock, NULL);
		return ops ? ops->poll(file, sock, wait) : EPOLLERR | EPOLLHUP;
	}
	mask = st->orig->poll(file, sock, wait);
	smp_mb();	/* pairs with kw_gate_open() */
	if (kw_gate_check(st) > 0) {
		mask &= ~KW_GATE_DATA_EVENTS;
	} else {
		ops = kw_gate_next(sock, st);
		if (ops != st->orig)
			mask = ops->poll(file, sock, NULL);
	}
	kw_tls_sock_put(st);
	return mask;
}

/* The application's last close of a socket still waiting to start. */
static int kw_gate_release(struct socket *sock)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	const struct proto_ops *ops;
	int ret;

	if (!st) {
		/* The gate opened meanwhile (its ops first, then the unhash)? */
		smp_rmb();
		ops = READ_ONCE(sock->ops);
		if (!kw_gate_is_ours(ops))
			return ops->release(sock);
		/* Refused: the stock release closes it, then the reference goes. */
		WRITE_ONCE(sock->ops, kw_gate_base[ops == kw_gate_ops[1]]);
		ret = sock->ops->release(sock);
		module_put(THIS_MODULE);
		return ret;
	}
	WRITE_ONCE(sock->ops, st->orig);
	kw_gate_open(st, NULL);
	ops = kw_gate_next(sock, st);
	ret = ops ? ops->release(sock) : 0;
	kw_tls_sock_put(st);
	return ret;
}

/**
 * kw_tls_gate_refuse() - make an accepted socket the gate could not take
 *	unusable, without allocating
 * @sock: the socket, on its family's stock ops (kw_tls_gate_wrappable())
 *
 * The gate's ops without a state: every read, write and poll fails
 * (ECONNRESET, EPOLLERR), and close resets the connection if the peer sent
 * anything.  No byte of it reaches the application in plaintext.  Any
 * context.
 *
 * Return: 0, or -EBUSY when kwasm.ko is going away (the socket is left
 * alone: its rules are going too).
 */
int kw_tls_gate_refuse(struct socket *sock)
{
	const struct proto_ops *ops = READ_ONCE(sock->ops);

	if (!try_module_get(THIS_MODULE))
		return -EBUSY;
	WRITE_ONCE(sock->ops, kw_gate_ops[ops == kw_gate_base[1]]);
	return 0;
}

/**
 * kw_tls_gate_wrappable() - whether the gate can take a TCP socket
 * @sk: the connection
 * @sock: its socket
 *
 * A socket of the application (it has a file), on the stock TCP ops of
 * its family, without a ULP (kTLS allows one per socket) or sk_user_data
 * (sockmap, tunnels).
 *
 * Return: 0 when kw_tls_gate_arm() may take it, -EALREADY when the gate
 * has it already (a connect() retried), -EOPNOTSUPP otherwise.
 */
int kw_tls_gate_wrappable(const struct sock *sk, const struct socket *sock)
{
	const struct proto_ops *ops = READ_ONCE(sock->ops);

	if (kw_gate_is_ours(ops))
		return -EALREADY;
	if (!sock->file || !ops || (ops != kw_gate_base[0] && ops != kw_gate_base[1]) ||
	    inet_csk(sk)->icsk_ulp_ops || rcu_access_pointer(sk->sk_user_data))
		return -EOPNOTSUPP;
	return 0;
}

/**
 * kw_tls_gate_arm() - gate a socket a rule matched
 * @sk: the connection
 * @sock: its socket (kw_tls_gate_wrappable())
 * @rule: the rule; the gate takes this reference, whatever the outcome
 * @refuse: 0, or the negative errno to reset the connection with instead
 *	of a handshake
 * @owner: who makes the connection, for the rule's policy
 *
 * Any context, even with interrupts off (probe handlers): allocates
 * atomically and takes only an IRQ-safe spinlock.
 *
 * Return: 0, -ENOMEM, -EBUSY (kwasm.ko is going away) or -EEXIST.
 */
int kw_tls_gate_arm(struct sock *sk, struct socket *sock, struct kw_tls_rule *rule, int refuse,
		    const struct kw_tls_owner *owner)
{
	const struct proto_ops *ops = READ_ONCE(sock->ops);
	struct kw_tls_sock *st, *it;
	unsigned long flags;
	int ret = -ENOMEM;

	/* The test hook's failures first. */
	if (unlikely(atomic_read(&kw_tls_fail_arm)) &&
	    atomic_dec_if_positive(&kw_tls_fail_arm) >= 0)
		goto out_rule;
	st = kzalloc(sizeof(*st), GFP_ATOMIC);
	if (!st)
		goto out_rule;
	ret = -EBUSY;
	if (!try_module_get(THIS_MODULE))
		goto out_free;
	refcount_set(&st->ref, 1);
	st->sk = sk;
	st->sock = sock;
	st->orig = ops;
	st->fam = ops == kw_gate_base[1];
	st->rule = rule;
	st->stat = rule;
	st->refuse = refuse;
	INIT_WORK(&st->abort_work, kw_gate_abort_work);
	mutex_init(&st->rx_lock);
	st->rec.server = rule->side == KWASM_TLS_SERVER;
	INIT_WORK(&st->policy_work, kw_gate_policy_work);
	st->owner = *owner;

	spin_lock_irqsave(&kw_gate_lock, flags);
	hash_for_each_possible(kw_gate_hash, it, node, (unsigned long)sk) {
		if (it->sk == sk) {
			spin_unlock_irqrestore(&kw_gate_lock, flags);
			module_put(THIS_MODULE);
			ret = -EEXIST;
			goto out_free;
		}
	}
	refcount_inc(&rule->ref);	/* @st->stat's */
	hash_add_rcu(kw_gate_hash, &st->node, (unsigned long)sk);
	/* Hashed before the ops change: the gate always finds its state. */
	WRITE_ONCE(sock->ops, kw_gate_ops[st->fam]);
	spin_unlock_irqrestore(&kw_gate_lock, flags);
	return 0;

out_free:
	kfree(st);
out_rule:
	kw_tls_rule_put(rule);
	return ret;
}

/**
 * kw_tls_gate_forget() - let a retried connect() be matched afresh
 * @sk: the connection
 * @sock: its socket, on the gate's ops
 *
 * TCP calls connect again only on a socket whose last attempt failed, so
 * the gate has not started: it lets go, and the new destination picks its
 * own rule (or none).  Any context.
 *
 * Return: 0, or -EALREADY when the gate has started (it keeps the socket).
 */
int kw_tls_gate_forget(struct sock *sk, struct socket *sock)
{
	struct kw_tls_sock *st, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&kw_gate_lock, flags);
	hash_for_each_possible(kw_gate_hash, st, node, (unsigned long)sk) {
		if (st->sk == sk && st->sock == sock && READ_ONCE(st->phase) == KW_GATE_ARMED) {
			found = st;
			/* The ops first: a lookup that misses then finds them stock. */
			WRITE_ONCE(sock->ops, st->orig);
			hash_del_rcu(&st->node);
			break;
		}
	}
	spin_unlock_irqrestore(&kw_gate_lock, flags);
	if (!found)
		return -EALREADY;
	kw_tls_sock_put(found);	/* the hash's */
	return 0;
}

static int kw_gate_base_ops(int family, const struct proto_ops **ops)
{
	struct socket *sock;
	int ret;

	ret = sock_create_kern(&init_net, family, SOCK_STREAM, IPPROTO_TCP, &sock);
	if (ret)
		return ret;
	*ops = sock->ops;
	sock_release(sock);
	return 0;
}

/* @ops, a copy of a family's stock ops, with the gate in it. */
static const struct proto_ops *kw_gate_build(struct proto_ops *ops)
{
	if (!ops)
		return NULL;
	ops->release = kw_gate_release;
	ops->poll = kw_gate_poll;
	ops->sendmsg = kw_gate_sendmsg;
	ops->recvmsg = kw_gate_recvmsg;
	ops->mmap = kw_gate_mmap;
	ops->splice_read = kw_gate_splice_read;
#ifdef KW_COMPAT_OPS_SENDPAGE
	ops->sendpage = kw_gate_sendpage;
#endif
	return ops;
}

/**
 * kw_tls_gate_init() - learn the stock TCP ops, build the gate's copies
 *
 * IPv6 may be absent (ipv6.disable=1): its sockets are then never gated.
 *
 * Return: 0 or a negative errno (no IPv4 TCP at all, no memory).
 */
int kw_tls_gate_init(void)
{
	int i, ret;

	ret = kw_gate_base_ops(AF_INET, &kw_gate_base[0]);
	if (ret)
		return ret;
	if (kw_gate_base_ops(AF_INET6, &kw_gate_base[1]))
		kw_gate_base[1] = NULL;
	for (i = 0; i < 2; i++) {
		if (!kw_gate_base[i])
			continue;
		kw_gate_ops[i] = kw_gate_build(kmemdup(kw_gate_base[i], sizeof(*kw_gate_base[i]),
						       GFP_KERNEL));
		if (!kw_gate_ops[i]) {
			kw_tls_gate_uninit();
			return -ENOMEM;
		}
	}
	return 0;
}

/**
 * kw_tls_gate_uninit() - after the probes are gone
 *
 * Every gated socket (and its abort work) holds a module reference, so
 * none is left; only the RCU frees are waited for.
 */
void kw_tls_gate_uninit(void)
{
	rcu_barrier();
	kw_tls_wrap_uninit();
	kfree(kw_gate_ops[0]);
	kfree(kw_gate_ops[1]);
	kw_gate_ops[0] = NULL;
	kw_gate_ops[1] = NULL;
}
