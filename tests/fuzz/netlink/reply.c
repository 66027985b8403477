// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: sending a datagram and checking what comes back.  Every
 * request must get exactly what netlink promises: an NLMSG_ERROR ack (doit)
 * or an NLMSG_DONE (dump), echoing its header; every length in a reply
 * must stay inside its message, every nest inside its parent, and known
 * attributes must have their type's size.  Anything else is a finding.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "nlfuzz.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

static const struct fz_rule top_rules[KWASM_A_MAX + 1] = {
	[KWASM_A_NAME] = SIZE(R_STR),	[KWASM_A_FD] = SIZE(4),
	[KWASM_A_FUEL] = SIZE(8),		[KWASM_A_MAX_PAGES] = SIZE(4),
	[KWASM_A_ID] = SIZE(4),		[KWASM_A_SIZE] = SIZE(8),
	[KWASM_A_MEM_PAGES] = SIZE(4),	[KWASM_A_EXPORTS] = NEST(NS_EXPORTS),
	[KWASM_A_RESULTS] = NEST(NS_VALUES),
	[KWASM_A_TRAP_CODE] = SIZE(4),	[KWASM_A_TRAP_MSG] = SIZE(R_STR),
	[KWASM_A_TRAP_FUNC] = SIZE(4),	[KWASM_A_TRAP_OFFSET] = SIZE(4),
	[KWASM_A_FUEL_USED] = SIZE(8),	[KWASM_A_STATS] = NEST(NS_STATS),
	[KWASM_A_STATUS] = SIZE(4),	[KWASM_A_OFFSET] = SIZE(4),
	[KWASM_A_NMODULES] = SIZE(4),	[KWASM_A_ALLOCS] = SIZE(8),
	[KWASM_A_MAX_MODULES] = SIZE(4),	[KWASM_A_MAX_FILE] = SIZE(4),
	[KWASM_A_DATAPATH] = SIZE(R_FLAG), [KWASM_A_ATTACHMENTS] = NEST(NS_ATTACHMENTS),
	[KWASM_A_MAP] = SIZE(4),		[KWASM_A_KEY] = SIZE(R_KEY),
	[KWASM_A_MAP_VALUE] = SIZE(R_VAL), [KWASM_A_BPF] = SIZE(4),
};

static const struct fz_rule entry_rules[KWASM_E_MAX + 1] = {
	[KWASM_E_NAME] = SIZE(R_STR),	[KWASM_E_HANDLE] = SIZE(4),
};

static const struct fz_rule stats_rules[KWASM_S_MAX + 1] = {
	[KWASM_S_CALLS] = SIZE(8),	[KWASM_S_TRAPS] = SIZE(8),
	[KWASM_S_FUEL] = SIZE(8),		[KWASM_S_TIME_NS] = SIZE(8),
	[KWASM_S_TRAP_KINDS] = NEST(NS_KINDS),
	[KWASM_S_DP_CALLS] = SIZE(8),	[KWASM_S_DP_BUSY] = SIZE(8),
	[KWASM_S_DP_ERRORS] = SIZE(8),
};

static const struct fz_rule value_rules[KWASM_V_MAX + 1] = {
	[KWASM_V_TYPE] = SIZE(1),		[KWASM_V_BITS] = SIZE(8),
};

static const struct fz_rule attach_rules[KWASM_T_MAX + 1] = {
	[KWASM_T_HOOK] = SIZE(4),		[KWASM_T_EXPORT] = SIZE(R_STR),
	[KWASM_T_NETNS] = SIZE(4),	[KWASM_T_FAIL_CLOSED] = SIZE(1),
	[KWASM_T_PRIORITY] = SIZE(4),	[KWASM_T_PACKETS] = SIZE(8),
	[KWASM_T_ACCEPTS] = SIZE(8),	[KWASM_T_DROPS] = SIZE(8),
	[KWASM_T_ERRORS] = SIZE(8),
};

static const struct fz_rule extack_rules[NLMSGERR_ATTR_OFFS + 1] = {
	[NLMSGERR_ATTR_MSG] = SIZE(R_STR), [NLMSGERR_ATTR_OFFS] = SIZE(4),
};

/* The rule for @type in namespace @ns; NULL: unknown, only its bounds count. */
static const struct fz_rule *rule(int ns, uint16_t type)
{
	static const struct fz_rule kind = SIZE(8), exports = NEST(NS_ENTRY),
		values = NEST(NS_VALUE), attachments = NEST(NS_ATTACH);

	switch (ns) {
	case NS_TOP:
		return type <= KWASM_A_MAX ? &top_rules[type] : NULL;
	case NS_EXPORTS:
		return type == KWASM_A_EXPORT_ENTRY ? &exports : NULL;
	case NS_ENTRY:
		return type <= KWASM_E_MAX ? &entry_rules[type] : NULL;
	case NS_STATS:
		return type <= KWASM_S_MAX ? &stats_rules[type] : NULL;
	case NS_KINDS:
		return type ? &kind : NULL;	/* type 0 pads */
	case NS_VALUES:
		return type == KWASM_A_VALUE ? &values : NULL;
	case NS_VALUE:
		return type <= KWASM_V_MAX ? &value_rules[type] : NULL;
	case NS_ATTACHMENTS:
		return type == KWASM_A_ATTACH_ENTRY ? &attachments : NULL;
	case NS_ATTACH:
		return type <= KWASM_T_MAX ? &attach_rules[type] : NULL;
	case NS_EXTACK:
		return type <= NLMSGERR_ATTR_OFFS ? &extack_rules[type] : NULL;
	}
	return fz_tls_rule(ns, type);
}

static char why[160];

/* Check a stream of attributes; NULL if fine, else what is wrong. */
static const char *check_ns(const void *data, size_t len, int ns, int depth)
{
	const struct nlattr *a;
	const struct fz_rule *ru;
	const char *bad;
	const uint8_t *p;
	size_t off = 0, n;
	uint16_t type;

	while ((a = nl_next(data, len, &off))) {
		type = a->nla_type & NLA_TYPE_MASK;
		ru = rule(ns, type);
		n = nl_len(a);
		p = nl_data(a);
		if (!ru)
			continue;
		if (ru->nest) {
			if (depth > 8)
				return "nests deeper than the protocol";
			bad = check_ns(p, n, ru->nest, depth + 1);
			if (bad)
				return bad;
			continue;
		}
		switch (ru->size) {
		case R_ANY:
			break;
		case R_STR:
			if (!n || p[n - 1])
				goto bad_size;
			break;
		case R_FLAG:
			if (n)
				goto bad_size;
			break;
		case R_KEY:
			if (!n || n > KWASM_MAP_KEY_MAX)
				goto bad_size;
			break;
		case R_VAL:
			if (n > KWASM_MAP_VALUE_MAX)
				goto bad_size;
			break;
		case R_ADDR:
			if (n != 4 && n != 16)
				goto bad_size;
			break;
		default:
			if (n != ru->size)
				goto bad_size;
		}
	}
	if (off < len) {
		snprintf(why, sizeof(why), "attribute at %zu of %zu overruns its %s (namespace %d)",
			 off, len, depth ? "nest" : "message", ns);
		return why;
	}
	return NULL;
bad_size:
	snprintf(why, sizeof(why), "attribute type %u (namespace %d) has %zu bytes", type, ns, n);
	return why;
}

/**
 * fz_check_attrs() - check the attributes of a reply message
 * @data: the attributes after the generic netlink header
 * @len: their length
 * @tls: a kwasm_tls reply, else a kwasm one
 *
 * Return: NULL if well-formed, else a description of the problem.
 */
const char *fz_check_attrs(const void *data, size_t len, bool tls)
{
	return check_ns(data, len, tls ? NS_TLS_TOP : NS_TOP, 0);
}

/* Commands an unprivileged caller must never get a success for: all of kwasm_tls's. */
static bool needs_admin(const struct fz_req *rq, int i)
{
	return rq->tls[i] || (rq->cmd[i] != KWASM_CMD_LIST && rq->cmd[i] != KWASM_CMD_STATS);
}

/*
 * Commands nobody may get a success for: ACCEPT and DONE, since no
 * connection matches a rule (the fuzzer sends UDP only) so none is pending.
 */
static bool never_ok(const struct fz_req *rq, int i)
{
	return rq->tls[i] && (rq->cmd[i] == KWASM_TLS_CMD_ACCEPT ||
			      rq->cmd[i] == KWASM_TLS_CMD_DONE);
}

static int counter(const struct fz_req *rq, int i)
{
	return fz_cmd_index(rq->tls[i], rq->cmd[i]);
}

static const char *req_name(const struct fz_req *rq, int i)
{
	return fz_cmd_name(counter(rq, i));
}

static uint16_t family(const struct fz_req *rq, int i)
{
	return rq->tls[i] ? fz_cfg.tls_family : fz_cfg.family;
}

/**
 * struct fz_wait - the acks a datagram still waits for
 * @w: the worker
 * @rq: the datagram
 * @done: which requests are complete
 * @pending: how many are not
 */
struct fz_wait {
	struct fz_worker *w;
	struct fz_req *rq;
	bool done[2];
	int pending;
};

static void complete(struct fz_wait *st, int i, int err)
{
	struct fz_req *rq = st->rq;
	int c = counter(rq, i);

	st->done[i] = true;
	st->pending--;
	if (!err) {
		fz_add(&fz_sh->ok[c], 1);
		if (!st->w->priv && rq->request[i] && needs_admin(rq, i) &&
		    c != FZ_CMD_UNKNOWN && c != FZ_TLS_UNKNOWN)
			fz_finding("unprivileged %s succeeded (worker %d, seq %u)",
				   req_name(rq, i), st->w->id, rq->seq[i]);
		if (rq->request[i] && never_ok(rq, i))
			fz_finding("%s succeeded with nothing pending (worker %d, seq %u)",
				   req_name(rq, i), st->w->id, rq->seq[i]);
		if (rq->tls[i])
			return;
		if (rq->cmd[i] == KWASM_CMD_ATTACH && rq->request[i])
			st->w->traffic = true;
		if (rq->cmd[i] == KWASM_CMD_LOAD && rq->request[i] && i == 0) {
			if (rq->src >= 0)
				fz_corpus_good(rq->src);
			if (rq->pool >= 0)
				st->w->learn = rq->pool;
		}
		return;
	}
	fz_add(&fz_sh->err[c], 1);
	/* The kernel sizes a rule's message itself (dumps may race a bigger rule). */
	if (err == -EMSGSIZE && rq->request[i] && !rq->dump[i] && rq->tls[i] &&
	    (rq->cmd[i] == KWASM_TLS_CMD_RULE_LIST || rq->cmd[i] == KWASM_TLS_CMD_RULE_ADD))
		fz_finding("%s: EMSGSIZE: the kernel sized its reply wrong (worker %d, seq %u)",
			   req_name(rq, i), st->w->id, rq->seq[i]);
	fz_add(&fz_sh->errnos[-err < FZ_ERRNOS - 1 ? -err : FZ_ERRNOS - 1], 1);
}

/* NLMSG_ERROR: the ack of a doit, or a refused dump. */
static void on_error(struct fz_wait *st, int i, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN, hlen = sizeof(*e);
	const char *bad;
	uint32_t off;

	if (len < sizeof(*e)) {
		fz_finding("%s: ack of %zu bytes", req_name(st->rq, i), len);
		complete(st, i, -EPROTO);
		return;
	}
	if (e->error > 0 || e->error < -4095)
		fz_finding("%s: ack with error %d", req_name(st->rq, i), e->error);
	if (e->msg.nlmsg_seq != st->rq->seq[i] || e->msg.nlmsg_type != family(st->rq, i) ||
	    e->msg.nlmsg_len != st->rq->len[i])
		fz_finding("%s: ack echoes seq %u type %u len %u, sent %u %u %u",
			   req_name(st->rq, i), e->msg.nlmsg_seq, e->msg.nlmsg_type,
			   e->msg.nlmsg_len, st->rq->seq[i], family(st->rq, i), st->rq->len[i]);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		hlen += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && hlen <= len) {
		const struct nlattr *tb[NLMSGERR_ATTR_OFFS + 1];

		bad = check_ns((const uint8_t *)e + hlen, len - hlen, NS_EXTACK, 0);
		if (bad)
			fz_finding("%s: extended ack: %s", req_name(st->rq, i), bad);
		else if (!nl_parse((const uint8_t *)e + hlen, len - hlen, tb, NLMSGERR_ATTR_OFFS) &&
			 nl_get_u32(tb[NLMSGERR_ATTR_OFFS], &off) && off >= st->rq->len[i])
			fz_finding("%s: extack offset %u past the request's %u bytes",
				   req_name(st->rq, i), off, st->rq->len[i]);
	}
	complete(st, i, e->error > 0 ? -EPROTO : e->error);
}

/* NLMSG_DONE: the end of a dump, with its status. */
static void on_done(struct fz_wait *st, int i, const struct nlmsghdr *nlh)
{
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN;
	int err = 0;

	if (!st->rq->dump[i])
		fz_finding("%s: NLMSG_DONE for a request that is not a dump",
			   req_name(st->rq, i));
	if (len < sizeof(err)) {
		fz_finding("%s: NLMSG_DONE of %zu bytes", req_name(st->rq, i), len);
	} else {
		memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
		if (err > 0 || err < -4095) {
			fz_finding("%s: NLMSG_DONE with status %d", req_name(st->rq, i),
				   err);
			err = -EPROTO;
		}
	}
	complete(st, i, err);
}

static void on_data(struct fz_wait *st, int i, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct fz_req *rq = st->rq;
	const char *bad, *name;
	const struct nlattr *tb[KWASM_A_NAME + 1];
	size_t len;
	int idx;

	if (nlh->nlmsg_type != family(rq, i)) {
		fz_finding("%s: reply of message type %u", req_name(rq, i),
			   nlh->nlmsg_type);
		return;
	}
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
		fz_finding("%s: reply without a genl header", req_name(rq, i));
		return;
	}
	fz_add(&fz_sh->data[counter(rq, i)], 1);
	if (g->cmd != rq->cmd[i])
		fz_finding("%s: reply for command %u", req_name(rq, i), g->cmd);
	if (rq->dump[i] && !(nlh->nlmsg_flags & NLM_F_MULTI))
		fz_finding("%s: dump message without NLM_F_MULTI", req_name(rq, i));
	len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	bad = fz_check_attrs((const uint8_t *)g + GENL_HDRLEN, len, rq->tls[i]);
	if (bad) {
		fz_finding("%s: malformed reply: %s", req_name(rq, i), bad);
		return;
	}
	if (rq->tls[i]) {
		if (g->cmd == KWASM_TLS_CMD_RULE_ADD)
			fz_tls_remember((const uint8_t *)g + GENL_HDRLEN, len);
		return;
	}
	if (g->cmd != KWASM_CMD_LIST)
		return;
	nl_parse((const uint8_t *)g + GENL_HDRLEN, len, tb, KWASM_A_NAME);
	name = nl_get_str(tb[KWASM_A_NAME]);
	idx = name ? fz_pool_index(name, strlen(name)) : -1;
	if (idx >= 0)
		fz_pool_learn(idx, (const uint8_t *)g + GENL_HDRLEN, len);
}

/* Process one received datagram. */
static void on_datagram(struct fz_wait *st, const uint8_t *buf, size_t len)
{
	const struct nlmsghdr *nlh;
	size_t off = 0;
	int i;

	while (off < len) {
		nlh = (const struct nlmsghdr *)(buf + off);
		if (len - off < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
		    nlh->nlmsg_len > len - off) {
			fz_finding("%s: reply message at %zu of %zu has length %u",
				   req_name(st->rq, 0), off, len,
				   len - off < NLMSG_HDRLEN ? 0 : nlh->nlmsg_len);
			return;
		}
		off += NLMSG_ALIGN(nlh->nlmsg_len);
		for (i = 0; i < st->rq->nmsgs; i++)
			if (!st->done[i] && nlh->nlmsg_seq == st->rq->seq[i])
				break;
		if (i == st->rq->nmsgs) {
			fz_add(&fz_sh->stale, 1);
			continue;
		}
		switch (nlh->nlmsg_type) {
		case NLMSG_ERROR:
			on_error(st, i, nlh);
			break;
		case NLMSG_DONE:
			on_done(st, i, nlh);
			break;
		case NLMSG_NOOP:
		case NLMSG_OVERRUN:
			fz_finding("%s: reply of control type %u", req_name(st->rq, i),
				   nlh->nlmsg_type);
			break;
		default:
			on_data(st, i, nlh);
		}
	}
}

/**
 * fz_exchange() - send a datagram and check every reply to it
 * @w: the worker
 * @rq: the datagram
 *
 * A request without its ack after fz_cfg.ack_ms is a finding.  The ack of
 * a doit is queued before send() returns, so only dumps (which the kernel
 * continues as we read) and a busy kernel make us wait at all.
 */
void fz_exchange(struct fz_worker *w, struct fz_req *rq)
{
	struct fz_wait st = { .w = w, .rq = rq, .pending = rq->nmsgs };
	uint64_t deadline;
	ssize_t n;
	int i;

	for (i = 0; i < rq->nmsgs; i++)
		fz_add(&fz_sh->sent[counter(rq, i)], 1);
	do {
		n = send(w->sock.fd, rq->m.buf, rq->m.len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		fz_add(&fz_sh->send_errors, 1);
		return;
	}
	if (rq->noack) {
		fz_add(&fz_sh->noack, 1);
		return;
	}
	deadline = fz_now_ms() + fz_cfg.ack_ms;
	while (st.pending > 0) {
		n = recv(w->sock.fd, w->buf, w->cap, MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			/* The socket dropped replies; whatever was pending is lost. */
			fz_add(&fz_sh->overruns, 1);
			return;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (fz_now_ms() < deadline)
				continue;
			for (i = 0; i < rq->nmsgs; i++)
				if (!st.done[i])
					fz_finding("%s: no ack within %u ms (worker %d, seq %u)",
						   req_name(rq, i), fz_cfg.ack_ms, w->id,
						   rq->seq[i]);
			return;
		}
		if (n <= 0) {
			fz_finding("recv on the netlink socket: %s", n ? strerror(errno) : "EOF");
			return;
		}
		if ((size_t)n > w->cap) {
			fz_finding("%s: reply datagram of %zd bytes", req_name(rq, 0), n);
			return;
		}
		on_datagram(&st, w->buf, n);
	}
}

/**
 * fz_sock_open() - a generic netlink socket for the fuzzer
 * @s: the socket
 *
 * Extended, capped acks (nl_open()), a receive timeout so nothing blocks
 * for ever, and a large receive buffer so dumps are not cut.
 *
 * Return: 0 or a negative errno.
 */
int fz_sock_open(struct nl_sock *s)
{
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	int size = 4 << 20, ret;

	ret = nl_open(s);
	if (ret)
		return ret;
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	return 0;
}
