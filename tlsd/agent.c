// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: the netlink sockets of the handshake upcall.
 *
 * One socket carries requests and their replies (cli/nl.c, which skips
 * anything with another sequence number, multicasts included); the other
 * only listens to the "agent" group, so a READY that arrives while a
 * request is in flight is not lost.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "agent.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct family {
	u16 id;
	u32 group;
};

static int group_cb(const struct nlattr *grps, struct family *f)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_ID + 1], *g;
	size_t off = 0;
	const char *name;

	while ((g = nl_next(nl_data(grps), nl_len(grps), &off))) {
		if (nl_parse(nl_data(g), nl_len(g), tb, CTRL_ATTR_MCAST_GRP_ID))
			return -EBADMSG;
		name = nl_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]);
		if (name && !strcmp(name, KWASM_TLS_MCGRP_AGENT) &&
		    !nl_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &f->group))
			return -EBADMSG;
	}
	return 0;
}

static int family_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GROUPS + 1];
	struct family *f = arg;

	if (nl_parse(attrs, len, tb, CTRL_ATTR_MCAST_GROUPS) ||
	    !nl_get_u16(tb[CTRL_ATTR_FAMILY_ID], &f->id))
		return -EBADMSG;
	return tb[CTRL_ATTR_MCAST_GROUPS] ? group_cb(tb[CTRL_ATTR_MCAST_GROUPS], f) : 0;
}

static int resolve(struct nl_sock *s, struct family *f, struct nl_ext_err *ext)
{
	struct nl_msg m;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = nl_msg_init(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	if (rc)
		return rc;
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, KWASM_TLS_GENL_NAME);
	rc = nl_request(s, &m, family_cb, f, ext);
	nl_msg_free(&m);
	if (!rc && (!f->id || !f->group))
		rc = f->id ? -EPROTO : -EBADMSG;
	return rc;
}

/**
 * tlsd_agent_open() - find the kwasm_tls family and join its agent group
 * @a: the agent to set up; tlsd_agent_close() it when done
 * @ext: out: the kernel's message on failure
 *
 * Return: 0; -ENOENT if the family is not registered (kwasm.ko not
 * loaded), -EPROTO if it has no agent group; another negative errno.
 */
int tlsd_agent_open(struct tlsd_agent *a, struct nl_ext_err *ext)
{
	struct family f;
	int rc;

	a->ev.fd = -1;
	rc = nl_open(&a->req);
	if (rc)
		return rc;
	rc = resolve(&a->req, &f, ext);
	if (rc)
		goto err;
	a->family = f.id;
	a->group = f.group;
	rc = nl_open(&a->ev);
	if (rc)
		goto err;
	if (setsockopt(a->ev.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &a->group,
		       sizeof(a->group))) {
		rc = -errno;
		goto err;
	}
	return 0;
err:
	tlsd_agent_close(a);
	return rc;
}

/**
 * tlsd_agent_check() - is the family still the one the agent joined?
 * @a: the agent
 *
 * kwasm.ko may be unloaded and loaded again; the family then gets a new
 * id and group, and the old ones fail quietly (-ENOENT reads like "nothing
 * pending").
 *
 * Return: 0, -ESTALE if the family changed or went away, or another
 * negative errno.
 */
int tlsd_agent_check(struct tlsd_agent *a)
{
	struct family f;
	int rc = resolve(&a->req, &f, NULL);

	if (rc == -ENOENT || (!rc && (f.id != a->family || f.group != a->group)))
		return -ESTALE;
	return rc;
}

/**
 * tlsd_agent_close() - close both sockets
 * @a: the agent
 */
void tlsd_agent_close(struct tlsd_agent *a)
{
	nl_close(&a->req);
	if (a->ev.fd >= 0)
		nl_close(&a->ev);
}

/**
 * tlsd_agent_events() - drain the multicast socket without blocking
 * @a: the agent
 *
 * Every message on the group means "look for work"; so does an overrun
 * (ENOBUFS), which means some were dropped.
 *
 * Return: 1 if requests may be pending, 0 if nothing arrived, or a
 * negative errno.
 */
int tlsd_agent_events(struct tlsd_agent *a)
{
	char buf[8192];
	int any = 0;
	ssize_t n;

	for (;;) {
		n = recv(a->ev.fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0 || (n < 0 && errno == ENOBUFS)) {
			any = 1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return any;
		return n < 0 ? -errno : -ECONNRESET;
	}
}

struct accept_arg {
	struct tlsd_req *req;
	int rc;
	bool seen;
};

static int accept_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	struct accept_arg *x = arg;

	if (x->seen)
		return 0;
	x->seen = true;
	x->rc = tlsd_msg_parse_accept(attrs, len, x->req);
	return 0;
}

/**
 * tlsd_agent_accept() - take one pending handshake
 * @a: the agent
 * @req: out: the request; on -EBADMSG or -EINVAL its id and fd may still
 *	be set and must be failed and closed; tlsd_req_free() it in any case
 * @ext: out: the kernel's message on failure
 *
 * Return: 0, -ENOENT when nothing is pending, or another negative errno.
 */
int tlsd_agent_accept(struct tlsd_agent *a, struct tlsd_req *req, struct nl_ext_err *ext)
{
	struct accept_arg x = { .req = req };
	struct nl_msg m;
	int rc;

	memset(req, 0, sizeof(*req));
	req->fd = -1;
	rc = nl_msg_init(&m, a->family, NLM_F_ACK, KWASM_TLS_CMD_ACCEPT, KWASM_TLS_GENL_VERSION);
	if (rc)
		return rc;
	rc = nl_request(&a->req, &m, accept_cb, &x, ext);
	nl_msg_free(&m);
	if (!rc && !x.seen)
		rc = -EBADMSG;
	return rc ? rc : x.rc;
}

/**
 * tlsd_agent_done() - report the outcome of a handshake
 * @a: the agent
 * @id: the request
 * @err: 0 or a negative errno
 * @r: on success, the peer identity and kTLS material
 * @ext: out: the kernel's message on failure
 *
 * Return: 0 or a negative errno (-ENOENT: the kernel gave up on it).
 */
int tlsd_agent_done(struct tlsd_agent *a, u64 id, int err, const struct tlsd_hs_result *r,
		    struct nl_ext_err *ext)
{
	struct nl_msg m;
	int rc;

	rc = nl_msg_init(&m, a->family, NLM_F_ACK, KWASM_TLS_CMD_DONE, KWASM_TLS_GENL_VERSION);
	if (rc)
		return rc;
	tlsd_msg_put_done(&m, id, err, r);
	rc = nl_request(&a->req, &m, NULL, NULL, ext);
	/* The message held the traffic keys. */
	if (m.buf)
		explicit_bzero(m.buf, m.cap);
	nl_msg_free(&m);
	return rc;
}
