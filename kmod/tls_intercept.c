// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: where transparent TLS catches connections, without writing any
 * global table: a kprobe on tcp_v4_connect and tcp_v6_connect (socket
 * locked by the caller, before the SYN) for client rules, and one on
 * security_sock_graft(), which inet_accept() calls as it grafts the child
 * to the new struct socket (child locked, the application has no
 * descriptor for it yet), for server rules.  A match puts that one socket
 * behind the gate (tls_gate.c).  A plain kprobe, unlike a return probe on
 * inet_accept, has no instance limit: however many threads wait in
 * accept(), none is let through unseen.
 *
 * Handlers run atomically, possibly with interrupts off: rules are matched
 * under RCU and the gate allocates atomically.  What sleeps (the upcall)
 * starts later, from the application's first I/O.
 *
 * Connections the gate cannot take (a ULP or sockmap already there, TCP
 * Fast Open, whose SYN would carry application data) are counted as
 * unwrappable and then passed (fail-open) or refused: a client's connect()
 * fails with EINVAL before any packet leaves.  (An accepted socket cannot
 * have either: a listener's ULP and sockmap are not inherited.)  When the
 * gate cannot take a match (no memory), a client's connect() fails the
 * same way and an accepted socket is refused: all its I/O fails.  A
 * connect() retried after a failed one is matched again.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/ptrace.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "tls.h"

/* The destination of a connect(), from its kernel copy of the address. */
static bool kw_icpt_dest(const struct sockaddr *uaddr, int len, struct kw_tls_tuple *t)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)uaddr;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)uaddr;

	if (len >= (int)sizeof(*sin) && sin->sin_family == AF_INET) {
		t->family = AF_INET;
		memcpy(t->remote.s6_addr, &sin->sin_addr, 4);
		t->rport = ntohs(sin->sin_port);
		return true;
	}
	if (len < SIN6_LEN_RFC2133 || sin6->sin6_family != AF_INET6)
		return false;
	t->rport = ntohs(sin6->sin6_port);
	if (ipv6_addr_v4mapped(&sin6->sin6_addr)) {
		t->family = AF_INET;
		memcpy(t->remote.s6_addr, &sin6->sin6_addr.s6_addr32[3], 4);
	} else {
		t->family = AF_INET6;
		t->remote = sin6->sin6_addr;
	}
	return true;
}

/* The accepted connection's addresses (a v4-mapped peer as IPv4). */
static void kw_icpt_peer(struct sock *sk, struct kw_tls_tuple *t)
{
	struct inet_sock *inet = inet_sk(sk);

	t->family = AF_INET;
	memcpy(t->remote.s6_addr, &inet->inet_daddr, 4);
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6 && !ipv6_addr_v4mapped(&sk->sk_v6_daddr)) {
		t->family = AF_INET6;
		t->remote = sk->sk_v6_daddr;
	}
#endif
	t->lport = ntohs(inet->inet_sport);
	t->rport = ntohs(inet->inet_dport);
}

/*
 * Match @sk and gate it.  Return: 0 (not ours, passed, or gated) or a
 * negative errno when the connection must not go on.
 */
static int kw_icpt_socket(struct sock *sk, struct kw_tls_tuple *t, bool fastopen)
{
	struct socket *sock = sk->sk_socket;
	struct kw_tls_owner owner;
	struct kw_tls_rule *r;
	bool fail_open;
	int ret, refuse = 0;

	if (!sock || !sock->file || sk->sk_type != SOCK_STREAM || sk->sk_protocol != IPPROTO_TCP)
		return 0;
	ret = kw_tls_gate_wrappable(sk, sock);
	/* Gated already: a connect() retried after a failed one, a new destination. */
	if (ret == -EALREADY) {
		if (t->side != KWASM_TLS_CLIENT || kw_tls_gate_forget(sk, sock))
			return 0;
		ret = kw_tls_gate_wrappable(sk, sock);
	}
	t->uid = current_fsuid();
	t->cgrp = sock_cgroup_ptr(&sk->sk_cgrp_data);
	r = kw_tls_match(sock_net(sk), t);
	if (!r)
		return 0;
	kw_tls_count(r, KWASM_TLS_C_MATCHED);
	/* With a policy, passthrough is gated until the policy decides. */
	if (r->action == KWASM_TLS_ACT_PASSTHROUGH && !r->pol_module) {
		kw_tls_count(r, KWASM_TLS_C_PASSED);
		kw_tls_rule_put(r);
		return 0;
	}
	if (ret || fastopen) {
		kw_tls_count(r, KWASM_TLS_C_UNWRAPPABLE);
		fail_open = r->fail_open;
		if (fail_open)
			kw_tls_count(r, KWASM_TLS_C_PASSED);
		kw_tls_rule_put(r);
		return fail_open ? 0 : -EINVAL;
	}
	if (r->action == KWASM_TLS_ACT_DENY) {
		kw_tls_count(r, KWASM_TLS_C_DENIED);
		refuse = -ECONNREFUSED;
	}
	kw_tls_owner_capture(&owner, t->cgrp);
	refcount_inc(&r->ref);	/* to count a failure: arm takes one */
	ret = kw_tls_gate_arm(sk, sock, r, refuse, &owner);
	if (ret)
		kw_tls_count(r, KWASM_TLS_C_UNWRAPPABLE);
	kw_tls_rule_put(r);
	return ret ? -EINVAL : 0;
}

/* Make the probed connect() fail with EINVAL: its address length becomes 0. */
static void kw_icpt_fail_connect(struct pt_regs *regs)
{
#ifdef CONFIG_X86_64
	regs->dx = 0;
#endif
}

static struct kprobe kw_icpt_v4;

static int kw_icpt_connect(struct kprobe *p, struct pt_regs *regs)
{
	struct sock *sk = (struct sock *)regs_get_kernel_argument(regs, 0);
	struct sockaddr *uaddr = (struct sockaddr *)regs_get_kernel_argument(regs, 1);
	int len = (int)regs_get_kernel_argument(regs, 2);
	struct kw_tls_tuple t = { .side = KWASM_TLS_CLIENT };
	bool fastopen;

	if (!kw_icpt_dest(uaddr, len, &t))
		return 0;
	/* tcp_v6_connect() hands v4-mapped addresses on to tcp_v4_connect(). */
	if (sk->sk_family == AF_INET6 && p == &kw_icpt_v4)
		return 0;
	fastopen = tcp_sk(sk)->fastopen_req || kw_compat_defer_connect(sk);
	if (kw_icpt_socket(sk, &t, fastopen))
		kw_icpt_fail_connect(regs);
	return 0;
}

static struct kprobe kw_icpt_v4 = {
	.symbol_name = "tcp_v4_connect",
	.pre_handler = kw_icpt_connect,
};

static struct kprobe kw_icpt_v6 = {
	.symbol_name = "tcp_v6_connect",
	.pre_handler = kw_icpt_connect,
};

/*
 * security_sock_graft(sk, parent), from sock_graft(): every graft in the
 * system (unix, TCP, ...) comes here; only a TCP child being accepted into
 * a socket with a file is looked at (kw_icpt_socket()).  BHs are off and
 * sk_callback_lock is held: the gate never takes it.
 */
static int kw_icpt_graft(struct kprobe *p, struct pt_regs *regs)
{
	struct sock *sk = (struct sock *)regs_get_kernel_argument(regs, 0);
	struct socket *sock = (struct socket *)regs_get_kernel_argument(regs, 1);
	struct kw_tls_tuple t = { .side = KWASM_TLS_SERVER };

	if (!sk || !sock || sock->sk != sk || sk->sk_socket != sock ||
	    sk->sk_protocol != IPPROTO_TCP || sk->sk_type != SOCK_STREAM)
		return 0;
	kw_icpt_peer(sk, &t);
	if (kw_icpt_socket(sk, &t, false))
		kw_tls_gate_refuse(sock);
	return 0;
}

static struct kprobe kw_icpt_accept = {
	.symbol_name = "security_sock_graft",
	.pre_handler = kw_icpt_graft,
};

static bool kw_icpt_on = true;
module_param_named(tls_intercept, kw_icpt_on, bool, 0444);
MODULE_PARM_DESC(tls_intercept,
		 "Catch connections for the TLS rules (default on; off leaves every socket alone)");

static bool kw_icpt_v6_on;

/**
 * kw_tls_intercept_init() - put the probes in
 *
 * Without tcp_v6_connect (IPv6 off) only IPv4 clients are caught; without
 * the others nothing is, and the parameter tls_intercept reads 0.
 *
 * Return: 0 or a negative errno.
 */
int kw_tls_intercept_init(void)
{
	int ret;

	if (!kw_icpt_on)
		return 0;
	ret = register_kprobe(&kw_icpt_v4);
	if (ret) {
		pr_err("tls: cannot probe tcp_v4_connect (%d)\n", ret);
		kw_icpt_on = false;
		return ret;
	}
	kw_icpt_v6_on = !register_kprobe(&kw_icpt_v6);
	ret = register_kprobe(&kw_icpt_accept);
	if (ret) {
		pr_err("tls: cannot probe security_sock_graft (%d)\n", ret);
		if (kw_icpt_v6_on)
			unregister_kprobe(&kw_icpt_v6);
		unregister_kprobe(&kw_icpt_v4);
		kw_icpt_on = false;
	}
	return ret;
}

/**
 * kw_tls_intercept_uninit() - take the probes out; waits for handlers
 */
void kw_tls_intercept_uninit(void)
{
	if (!kw_icpt_on)
		return;
	unregister_kprobe(&kw_icpt_accept);
	if (kw_icpt_v6_on)
		unregister_kprobe(&kw_icpt_v6);
	unregister_kprobe(&kw_icpt_v4);
}
