// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the wrap of transparent TLS.  Once the handshake is done a
 * socket runs on kTLS's ops, but a plaintext application cannot read
 * kTLS's way: kTLS hands every record that is not application data only
 * to a reader with a control buffer, and fails plain reads with EIO.  So
 * the socket gets a copy of kTLS's ops with four entries wrapped:
 *
 *   recvmsg, splice_read  a record kTLS refused is read here with a
 *                         control buffer of our own and fed to the
 *                         post-handshake reader (tls_record.c): session
 *                         tickets vanish, close_notify becomes end of
 *                         stream (what follows it is never read: RFC
 *                         8446 section 6.1), a KeyUpdate ends the connection cleanly
 *                         (these kernels cannot take new keys), anything
 *                         else resets it
 *   shutdown, release     close_notify goes out before the FIN
 *
 * Sending is kTLS's own, untouched.  Application data never takes a
 * detour: only a refused read looks the socket up.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/tls.h>

#include "tls_sock.h"

/* kTLS's ops differ per family and per TX/RX configuration: 2 x 4 x 4. */
#define KW_WRAP_MAX	32

/**
 * struct kw_wrap - kTLS's ops of one configuration, wrapped
 * @ops: the socket's ops
 * @ktls: kTLS's ops they were made from
 * @seen: @ktls's contents then: the same address with other contents is a
 *	reloaded tls.ko, and gets a new entry
 */
struct kw_wrap {
	const struct proto_ops *ops;
	const struct proto_ops *ktls;
	const struct proto_ops *seen;
};

/* Filled in order and never emptied while kwasm.ko is loaded. */
static struct kw_wrap kw_wraps[KW_WRAP_MAX];
static DEFINE_MUTEX(kw_wrap_lock);

/* Our entries run only on a socket whose ops are a kw_wrap's. */
static const struct proto_ops *kw_wrap_base(const struct socket *sock)
{
	const struct proto_ops *ops = READ_ONCE(sock->ops);
	int i;

	for (i = 0; i < KW_WRAP_MAX; i++)
		if (READ_ONCE(kw_wraps[i].ops) == ops)
			return kw_wraps[i].ktls;
	WARN_ON_ONCE(1);
	return NULL;
}

/* One record into @buf, with its type; never waits.  Return: its length. */
static int kw_wrap_read(struct socket *sock, const struct proto_ops *base, void *buf,
			int flags, u8 *type)
{
	union {
		struct cmsghdr hdr;
		u8 buf[CMSG_SPACE(sizeof(u8))];
	} ctl;
	struct kvec kv = { .iov_base = buf, .iov_len = KW_TLS_REC_MAX };
	struct msghdr msg = { .msg_control = &ctl, .msg_controllen = sizeof(ctl) };
	int ret;

	*type = 0;
	iov_iter_kvec(&msg.msg_iter, ITER_DEST, &kv, 1, KW_TLS_REC_MAX);
	ret = base->recvmsg(sock, &msg, KW_TLS_REC_MAX, flags | MSG_DONTWAIT);
	if (ret >= 0 && sizeof(ctl) - msg.msg_controllen >= CMSG_LEN(sizeof(u8)) &&
	    ctl.hdr.cmsg_level == SOL_TLS && ctl.hdr.cmsg_type == TLS_GET_RECORD_TYPE)
		*type = *(u8 *)CMSG_DATA(&ctl.hdr);
	return ret;
}

/* close_notify, once, while the connection can still carry it. */
static void kw_wrap_close_notify(struct socket *sock, const struct proto_ops *base,
				 struct kw_tls_sock *st)
{
	static const u8 alert[2] = { 1, KW_TLS_ALERT_CLOSE_NOTIFY };	/* warning */
	union {
		struct cmsghdr hdr;
		u8 buf[CMSG_SPACE(sizeof(u8))];
	} ctl = {};
	struct kvec kv = { .iov_base = (void *)alert, .iov_len = sizeof(alert) };
	struct msghdr msg = {
		.msg_control = &ctl,
		.msg_controllen = sizeof(ctl),
		/* Best effort: a full send buffer or a closing task never waits. */
		.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL,
	};
	struct sock *sk = st->sk;

	if (test_and_set_bit(KW_SOCK_CLOSE_SENT, &st->flags) ||
	    (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) ||
	    !((1 << inet_sk_state_load(sk)) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)))
		return;
	ctl.hdr.cmsg_len = CMSG_LEN(sizeof(u8));
	ctl.hdr.cmsg_level = SOL_TLS;
	ctl.hdr.cmsg_type = TLS_SET_RECORD_TYPE;
	*(u8 *)CMSG_DATA(&ctl.hdr) = KW_TLS_REC_ALERT;
	iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &kv, 1, sizeof(alert));
	base->sendmsg(sock, &msg, sizeof(alert));
}

/* What a record means for the connection; the caller then reads again. */
static int kw_wrap_act(struct socket *sock, const struct proto_ops *base,
		       struct kw_tls_sock *st, int verdict, u8 type)
{
	switch (verdict) {
	case KW_TLS_REC_MORE:
		return 1;
	case KW_TLS_REC_CLOSE:
		/* The peer is done: the application reads the end of the stream. */
		set_bit(KW_SOCK_PEER_CLOSED, &st->flags);
		base->shutdown(sock, SHUT_RD);
		return 1;
	case KW_TLS_REC_REKEY:
		/* What follows is under keys kTLS lacks: the stream ends here too. */
		set_bit(KW_SOCK_PEER_CLOSED, &st->flags);
		kw_tls_count(st->stat, KWASM_TLS_C_KEY_UPDATE);
		kw_wrap_close_notify(sock, base, st);
		base->shutdown(sock, SHUT_RDWR);
		return 1;
	default:
		kw_tls_count(st->stat, KWASM_TLS_C_PEER_ERROR);
		pr_info_ratelimited("rule %u: record type %u (alert %u) after the handshake; connection reset\n",
				    st->stat->id, type, st->rec.alert);
		set_bit(KW_SOCK_CLOSE_SENT, &st->flags);
		tcp_abort(st->sk, ECONNRESET);
		return -ECONNRESET;
	}
}

/*
 * kTLS refused a read: take the record at the head of the stream if it is
 * not application data.  Under @st->rx_lock a peek and the read see the
 * same record, since plain readers never take such a record.
 *
 * Return: 1 when a record was taken (read again), 0 when the head holds
 * none (data, nothing, the end), or a negative errno for the caller.
 */
static int kw_wrap_take(struct socket *sock, const struct proto_ops *base)
{
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	u8 type, again;
	void *buf;
	int ret;

	if (!st)
		return 0;
	ret = -ENOMEM;
	buf = kmalloc(KW_TLS_REC_MAX, GFP_KERNEL);
	if (!buf)
		goto out;
	mutex_lock(&st->rx_lock);
	ret = kw_wrap_read(sock, base, buf, MSG_PEEK, &type);
	if (ret == -EAGAIN || (ret >= 0 && (!type || type == KW_TLS_REC_DATA))) {
		ret = 0;
	} else if (ret >= 0) {
		ret = kw_wrap_read(sock, base, buf, 0, &again);
		if (ret >= 0 && again != type)
			ret = -EPROTO;	/* cannot happen under the lock */
		if (ret >= 0)
			ret = kw_wrap_act(sock, base, st,
					  kw_tls_rec_feed(&st->rec, type, buf, ret), type);
	}
	mutex_unlock(&st->rx_lock);
	kfree(buf);
out:
	kw_tls_sock_put(st);
	return ret;
}

/*
 * After the peer's close_notify or KeyUpdate the stream has ended,
 * whatever records follow it.  Only a socket shut for reading is looked up.
 */
static bool kw_wrap_ended(struct socket *sock)
{
	struct kw_tls_sock *st;
	bool ret;

	if (likely(!(READ_ONCE(sock->sk->sk_shutdown) & RCV_SHUTDOWN)))
		return false;
	st = kw_tls_sock_get(sock);
	ret = st && test_bit(KW_SOCK_PEER_CLOSED, &st->flags);
	kw_tls_sock_put(st);
	return ret;
}

/*
 * The application's control buffer is hidden from kTLS: the only message
 * kTLS would put there is the record type, which is ours to read.
 */
static int kw_wrap_recvmsg(struct socket *sock, struct msghdr *msg, size_t len, int flags)
{
	const struct proto_ops *base = kw_wrap_base(sock);
	void *ctl = msg->msg_control;
	size_t ctl_len = msg->msg_controllen;
	int ret, races = 0;

	if (unlikely(!base))
		return -EPROTO;
	for (;;) {
		if (kw_wrap_ended(sock))
			return 0;
		msg->msg_control = NULL;
		msg->msg_controllen = 0;
		ret = base->recvmsg(sock, msg, len, flags);
		msg->msg_control = ctl;
		msg->msg_controllen = ctl_len;
		msg->msg_flags &= ~MSG_CTRUNC;
		if (ret != -EIO)
			return ret;
		ret = kw_wrap_take(sock, base);
		if (ret < 0)
			return ret;
		/* Another reader took the record first: try again, not forever. */
		if (!ret && ++races > 3)
			return -EIO;
		cond_resched();
	}
}

static ssize_t kw_wrap_splice_read(struct socket *sock, loff_t *ppos,
				   struct pipe_inode_info *pipe, size_t len, unsigned int flags)
{
	const struct proto_ops *base = kw_wrap_base(sock);
	ssize_t ret;
	int took;

	if (unlikely(!base))
		return -EPROTO;
	for (;;) {
		if (kw_wrap_ended(sock))
			return 0;
		/* kTLS's splice says EINVAL at a record that is not data. */
		ret = base->splice_read(sock, ppos, pipe, len, flags);
		if (ret != -EINVAL)
			return ret;
		took = kw_wrap_take(sock, base);
		if (took <= 0)
			return took < 0 ? took : ret;
		cond_resched();
	}
}

static int kw_wrap_shutdown(struct socket *sock, int how)
{
	const struct proto_ops *base = kw_wrap_base(sock);
	struct kw_tls_sock *st;

	if (unlikely(!base))
		return -EPROTO;
	/* SHUT_WR and SHUT_RDWR; bad values are the base's to refuse. */
	if (how == SHUT_WR || how == SHUT_RDWR) {
		st = kw_tls_sock_get(sock);
		if (st)
			kw_wrap_close_notify(sock, base, st);
		kw_tls_sock_put(st);
	}
	return base->shutdown(sock, how);
}

static int kw_wrap_release(struct socket *sock)
{
	const struct proto_ops *base = kw_wrap_base(sock);
	struct kw_tls_sock *st = kw_tls_sock_get(sock);
	int ret = 0;

	if (st && base)
		kw_wrap_close_notify(sock, base, st);
	if (base)
		ret = base->release(sock);
	if (st)
		kw_tls_sock_unhash(st);
	kw_tls_sock_put(st);
	return ret;
}

/* @ops, a copy of kTLS's, with the wrap in it. */
static const struct proto_ops *kw_wrap_build(struct proto_ops *ops)
{
	if (!ops)
		return NULL;
	ops->recvmsg = kw_wrap_recvmsg;
	if (ops->splice_read)
		ops->splice_read = kw_wrap_splice_read;
	ops->shutdown = kw_wrap_shutdown;
	ops->release = kw_wrap_release;
	return ops;
}

/**
 * kw_tls_wrap_ops() - the wrap of kTLS's ops for a socket kTLS just took
 * @ktls: the ops kTLS gave the socket
 *
 * Process context.  The entries live until kwasm.ko goes, which no
 * wrapped socket outlives.
 *
 * Return: the ops for the socket, or NULL (no memory, or no room).
 */
const struct proto_ops *kw_tls_wrap_ops(const struct proto_ops *ktls)
{
	const struct proto_ops *ops;
	struct kw_wrap *w = NULL;
	int i;

	mutex_lock(&kw_wrap_lock);
	for (i = 0; i < KW_WRAP_MAX && kw_wraps[i].ops; i++) {
		if (kw_wraps[i].ktls == ktls && !memcmp(kw_wraps[i].seen, ktls, sizeof(*ktls))) {
			w = &kw_wraps[i];
			goto out;
		}
	}
	if (i == KW_WRAP_MAX)
		goto out;
	ops = kw_wrap_build(kmemdup(ktls, sizeof(*ktls), GFP_KERNEL));
	kw_wraps[i].seen = kmemdup(ktls, sizeof(*ktls), GFP_KERNEL);
	if (!ops || !kw_wraps[i].seen) {
		kfree(ops);
		kfree(kw_wraps[i].seen);
		kw_wraps[i].seen = NULL;
		goto out;
	}
	w = &kw_wraps[i];
	w->ktls = ktls;
	/* Last: kw_wrap_base() matches on it without the lock. */
	smp_store_release(&w->ops, ops);
out:
	mutex_unlock(&kw_wrap_lock);
	return w ? w->ops : NULL;
}

/**
 * kw_tls_wrap_uninit() - free the wraps, once no socket uses them
 */
void kw_tls_wrap_uninit(void)
{
	int i;

	for (i = 0; i < KW_WRAP_MAX; i++) {
		kfree(kw_wraps[i].ops);
		kfree(kw_wraps[i].seen);
		kw_wraps[i] = (struct kw_wrap){};
	}
}
