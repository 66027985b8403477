// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the Wasm policy of a transparent TLS rule (--policy
 * MODULE:EXPORT, docs/TLS.md "Policy").  Once per connection, in process
 * context, the export runs with the connection's metadata behind the
 * guest ABI's conn_meta and conn_read (abi.c): after a successful
 * handshake (DONE, tls_upcall.c) with the verified peer identity, or
 * before the gate opens for a passthrough rule (tls_gate.c), without one.
 *
 * Only KWASM_POLICY_ALLOW lets the connection through.  Everything else
 * fails closed: another result, a trap, running out of fuel or past the
 * call_ms deadline, a module unloaded since the rule was added (or
 * replaced by a data-path one), an export of the wrong type.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/kwasm.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "../sdk/c/kwasm_guest.h"
#include "registry.h"
#include "tls.h"

/*
 * The connection waits for its policy: a cap below the control plane's
 * default fuel (and the module's own --fuel, if lower, wins).
 */
static unsigned long long kw_tls_pol_fuel = 1000000;
module_param_named(tls_policy_fuel, kw_tls_pol_fuel, ullong, 0644);
MODULE_PARM_DESC(tls_policy_fuel,
		 "Fuel of one TLS policy call, at most the module's (default 1000000; 0: the module's)");

/* One policy call's state: too big for the stack of a netlink handler. */
struct kw_tls_pol_call {
	struct kw_conn_input in;
	struct kw_call_out out;
	struct kw_status st;
	struct sockaddr_storage ss;
};

/**
 * kw_tls_owner_capture() - who makes the connection the probe just matched
 * @o: filled
 * @cgrp: the socket's cgroup v2, or NULL
 *
 * Any context: reads current with plain copies, takes no lock.
 */
void kw_tls_owner_capture(struct kw_tls_owner *o, struct cgroup *cgrp)
{
	o->uid = current_fsuid();
	o->pid = task_tgid_nr(current);
	o->cgroup = cgrp ? cgroup_id(cgrp) : 0;
	/* A racing rename can only give a mix of two names, NUL-terminated. */
	strscpy_pad(o->comm, current->comm, sizeof(o->comm));
}

/* One end's address and port; a v4-mapped IPv6 address as IPv4. */
static void kw_tls_pol_addr(struct kw_tls_pol_call *pc, struct socket *sock, bool peer)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&pc->ss;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&pc->ss;
	struct kw_conn_input *in = &pc->in;
	u8 *addr = peer ? in->raddr : in->laddr;
	u16 port = 0;
	int len;

	memset(&pc->ss, 0, sizeof(pc->ss));
	len = peer ? kernel_getpeername(sock, (struct sockaddr *)&pc->ss) :
		     kernel_getsockname(sock, (struct sockaddr *)&pc->ss);
	if (len < 0)
		return;
	if (pc->ss.ss_family == AF_INET) {
		in->family = AF_INET;
		memcpy(addr, &sin->sin_addr, 4);
		port = ntohs(sin->sin_port);
	} else if (pc->ss.ss_family == AF_INET6) {
		if (ipv6_addr_v4mapped(&sin6->sin6_addr)) {
			in->family = AF_INET;
			memcpy(addr, &sin6->sin6_addr.s6_addr32[3], 4);
		} else {
			in->family = AF_INET6;
			memcpy(addr, &sin6->sin6_addr, 16);
		}
		port = ntohs(sin6->sin6_port);
	}
	if (peer)
		in->rport = port;
	else
		in->lport = port;
}

static void kw_tls_pol_fill(struct kw_tls_pol_call *pc, const struct kw_tls_rule *r,
			    struct socket *sock, const struct kw_tls_owner *owner,
			    const char *peer, u32 peer_len, bool tls)
{
	struct kw_conn_input *in = &pc->in;
	struct net *net = sock_net(sock->sk);

	in->side = r->side;
	kw_tls_pol_addr(pc, sock, false);
	kw_tls_pol_addr(pc, sock, true);
	in->uid = from_kuid_munged(net->user_ns, owner->uid);
	in->pid = owner->pid;
	in->cgroup = owner->cgroup;
	memcpy(in->comm, owner->comm, sizeof(in->comm));
	in->netns = net->ns.inum;
	in->rule = r->id;
	in->tls = tls;
	in->peer = peer_len ? peer : NULL;
	in->peer_len = peer_len;
}

/*
 * Run the export.  Return: 0 with *allow set, or a negative errno with
 * @why saying what failed.
 */
static int kw_tls_pol_run(struct kw_tls_pol_call *pc, const struct kw_tls_rule *r,
			  bool *allow, const char **why)
{
	struct kw_call_out *out = &pc->out;
	struct kw_entry *m;
	u64 fuel;
	int ret;

	m = kw_registry_get(r->pol_module);
	if (!m) {
		*why = "module not loaded";
		return -ENOENT;
	}
	ret = -EINVAL;
	if (m->dp) {
		*why = "a data-path module";
		goto out;
	}
	/* Fuel (the lower of the two) and the call_ms deadline bound the call. */
	fuel = READ_ONCE(kw_tls_pol_fuel);
	if (m->fuel && fuel > m->fuel)
		fuel = 0;
	ret = kw_entry_call_conn(m, r->pol_export, strlen(r->pol_export), NULL, 0, fuel, &pc->in,
				 out, &pc->st);
	if (ret) {
		*why = pc->st.msg[0] ? pc->st.msg : "call failed";
		goto out;
	}
	if (out->trapped) {
		*why = kw_trap_message(out->ctx.trap.code);
		ret = -EFAULT;
	} else if (out->nresults != 1 || out->results[0].type != KW_I32) {
		*why = "the export does not return one i32";
		ret = -EINVAL;
	} else {
		*allow = out->results[0].i32 == KWASM_POLICY_ALLOW;
	}
	kfree(out->results);
out:
	kw_entry_put(m);
	return ret;
}

/**
 * kw_tls_policy_check() - ask a rule's policy about one connection
 * @r: the rule, with a policy (held by the caller)
 * @sock: the connection, held by the caller
 * @owner: who made it, captured when the rule matched
 * @peer: the verified peer identity, or NULL
 * @peer_len: its length (0 for none)
 * @tls: called after a TLS handshake
 *
 * A failing policy is logged, rate-limited; the caller counts the denial.
 *
 * Context: process context, may sleep (module's fuel, call_ms deadline).
 * Return: 0 to allow, -EACCES when the policy denies, another negative
 * errno when it failed (which denies too).
 */
int kw_tls_policy_check(struct kw_tls_rule *r, struct socket *sock,
			const struct kw_tls_owner *owner, const char *peer, u32 peer_len,
			bool tls)
{
	struct kw_tls_pol_call *pc;
	const char *why = "out of memory";
	bool allow = false;
	int ret = -ENOMEM;

	pc = kzalloc(sizeof(*pc), GFP_KERNEL);
	if (pc) {
		kw_tls_pol_fill(pc, r, sock, owner, peer, peer_len, tls);
		ret = kw_tls_pol_run(pc, r, &allow, &why);
	}
	if (ret)
		pr_warn_ratelimited("tls: rule %u: policy %s:%s failed (%s): connection denied\n",
				    r->id, r->pol_module, r->pol_export, why);
	kfree(pc);
	if (ret)
		return ret;
	return allow ? 0 : -EACCES;
}
