// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: a test hook that submits a connection to the handshake upcall
 * by hand, so the e2e tests drive READY, ACCEPT, DONE, kTLS, timeouts and
 * resets end to end with connections of their own.
 *
 * Only with the module parameter tls_test_hook=1 at load time: then root
 * may write to /sys/kernel/debug/kwasm_tls/submit
 *   "FD RULE_ID"           the socket is treated as if that rule matched it
 *   "FD match client|server"  the socket goes through kw_tls_match() as
 *                          the connecting (client) or accepting (server)
 *                          side, with the writer's uid; -ENOENT if no rule
 *                          matches
 * FD is an established TCP socket in the writer's file table; the rules
 * are its namespace's.  Nothing is gated.
 *
 * And /sys/kernel/debug/kwasm_tls/fail_arm: that many next connections the
 * probes match find the gate out of memory (kw_tls_gate_arm()).
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/debugfs.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/uaccess.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "tls.h"

static bool kw_tls_test_hook;
module_param_named(tls_test_hook, kw_tls_test_hook, bool, 0444);
MODULE_PARM_DESC(tls_test_hook,
		 "Offer debugfs kwasm_tls/submit to tests: queue a socket for a handshake (default off)");

static struct dentry *kw_tls_test_dir;

/* Read by kw_tls_gate_arm(); only this hook sets it. */
atomic_t kw_tls_fail_arm = ATOMIC_INIT(0);

/* The tuple kw_tls_match() sees for @sk, as the interception will build it. */
static void kw_tls_test_tuple(struct sock *sk, u8 side, struct kw_tls_tuple *t)
{
	struct inet_sock *inet = inet_sk(sk);

	t->side = side;
	t->family = sk->sk_family;
	if (sk->sk_family == AF_INET6)
		t->remote = sk->sk_v6_daddr;
	else
		memcpy(t->remote.s6_addr, &inet->inet_daddr, 4);
	t->lport = ntohs(inet->inet_sport);
	t->rport = ntohs(inet->inet_dport);
	t->uid = current_fsuid();
	t->cgrp = sock_cgroup_ptr(&sk->sk_cgrp_data);
}

/* @rule_id, or 0 to match as @side. */
static int kw_tls_test_submit(unsigned int fd, u32 rule_id, u8 side)
{
	struct kw_tls_tuple t = {};
	struct kw_tls_owner owner;
	struct kw_tls_rule *r;
	struct kw_tls_net *tn;
	struct socket *sock;
	struct file *file;
	int ret;

	file = fget(fd);
	if (!file)
		return -EBADF;
	sock = sock_from_file(file);
	ret = -ENOTSOCK;
	if (!sock || !sock->sk)
		goto out;
	ret = -EINVAL;
	if (sock->sk->sk_protocol != IPPROTO_TCP || sock->type != SOCK_STREAM ||
	    READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED)
		goto out;
	/* The probes gated it: one request per socket. */
	ret = -EBUSY;
	if (kw_tls_gate_wrappable(sock->sk, sock) == -EALREADY)
		goto out;
	if (rule_id) {
		tn = kw_tls_net(sock_net(sock->sk));
		mutex_lock(&tn->lock);
		r = kw_tls_rule_find(tn, rule_id);
		if (r)
			refcount_inc(&r->ref);
		mutex_unlock(&tn->lock);
	} else {
		kw_tls_test_tuple(sock->sk, side, &t);
		r = kw_tls_match(sock_net(sock->sk), &t);
	}
	ret = -ENOENT;
	if (!r)
		goto out;
	kw_tls_count(r, KWASM_TLS_C_MATCHED);
	kw_tls_owner_capture(&owner, sock_cgroup_ptr(&sock->sk->sk_cgrp_data));
	ret = kw_tls_req_submit(sock_net(sock->sk), sock, r, &owner, NULL, NULL, NULL,
				GFP_KERNEL);
	if (ret)
		kw_tls_rule_put(r);
out:
	fput(file);
	return ret;
}

static ssize_t kw_tls_test_write(struct file *f, const char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	unsigned int fd;
	char buf[32], side[8];
	u32 id;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%u match %7s", &fd, side) == 2 &&
	    (!strcmp(side, "client") || !strcmp(side, "server")))
		ret = kw_tls_test_submit(fd, 0, side[0] == 'c' ? KWASM_TLS_CLIENT :
				       KWASM_TLS_SERVER);
	else if (sscanf(buf, "%u %u", &fd, &id) == 2 && id)
		ret = kw_tls_test_submit(fd, id, 0);
	else
		return -EINVAL;
	return ret ? ret : len;
}

static const struct file_operations kw_tls_test_fops = {
	.owner = THIS_MODULE,
	.write = kw_tls_test_write,
	.llseek = noop_llseek,
};

/**
 * kw_tls_testhook_init() - create the debugfs file if asked to
 */
void kw_tls_testhook_init(void)
{
	if (!kw_tls_test_hook)
		return;
	kw_tls_test_dir = debugfs_create_dir("kwasm_tls", NULL);
	debugfs_create_file("submit", 0200, kw_tls_test_dir, NULL, &kw_tls_test_fops);
	debugfs_create_atomic_t("fail_arm", 0600, kw_tls_test_dir, &kw_tls_fail_arm);
	pr_warn("tls_test_hook is on: root may queue any socket for a handshake\n");
}

/**
 * kw_tls_testhook_uninit() - remove it; waits for writers in progress
 */
void kw_tls_testhook_uninit(void)
{
	debugfs_remove_recursive(kw_tls_test_dir);
	kw_tls_test_dir = NULL;
}
