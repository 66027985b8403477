// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlsd: parsing ACCEPT replies and building DONE requests.
 *
 * The kernel is trusted to be well-behaved but not assumed to be: every
 * attribute is checked for size and termination, and a reply that names a
 * request but is otherwise malformed still yields its id and fd, so the
 * agent can close the fd and fail that request instead of leaking it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"

static int get_addr(const struct nlattr *a, struct sockaddr_storage *ss)
{
	const struct sockaddr *sa;

	ss->ss_family = AF_UNSPEC;
	if (!a)
		return 0;
	sa = nl_data(a);
	if ((nl_len(a) == sizeof(struct sockaddr_in) && sa->sa_family == AF_INET) ||
	    (nl_len(a) == sizeof(struct sockaddr_in6) && sa->sa_family == AF_INET6)) {
		memcpy(ss, sa, nl_len(a));
		return 0;
	}
	return -EBADMSG;
}

/*
 * An optional string.  A relative path is refused (-EINVAL): the kernel
 * keeps paths as given and the agent's working directory is not the one
 * of whoever added the rule (kwasm tls add sends absolute ones).
 */
static int get_str(const struct nlattr *a, const char **out, size_t max, bool path)
{
	*out = NULL;
	if (!a)
		return 0;
	*out = nl_get_str(a);
	if (!*out || !**out || strlen(*out) >= max)
		return -EBADMSG;
	return path && **out != '/' ? -EINVAL : 0;
}

static int add_peer(const struct nlattr *a, u16 type, void *arg)
{
	struct tlsd_req *req = arg;
	const char *s;

	if (req->params.npeers == KWASM_TLS_PEERS_MAX ||
	    get_str(a, &s, KWASM_TLS_PEER_MAX, false))
		return -EBADMSG;
	req->peers[req->params.npeers++] = s;
	return 0;
}

static int get_peers(const struct nlattr *nest, struct tlsd_req *req)
{
	return nl_nest_each(nest, KWASM_TLS_A_PEER, KWASM_TLS_A_PEER, add_peer, req);
}

/**
 * tlsd_msg_parse_accept() - read an ACCEPT reply
 * @attrs: the attributes after the genetlink header
 * @len: their length
 * @req: out: the request; free it with tlsd_req_free(), which does not
 *	close @req->fd
 *
 * Return: 0; -EBADMSG if it is malformed, with @req->id and @req->fd set
 * if the reply carried them; -EINVAL (id and fd set) for a relative path
 * or an action that needs no agent; -ENOMEM.
 */
int tlsd_msg_parse_accept(const void *attrs, size_t len, struct tlsd_req *req)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];
	struct tlsd_hs_params *p = &req->params;
	u32 fd = ~0u, timeout = KWASM_TLS_TIMEOUT_DEFAULT;
	u8 side = 0, action = KWASM_TLS_ACT_TLS;
	int rc;

	memset(req, 0, sizeof(*req));
	req->fd = -1;
	p->peers = req->peers;
	req->buf = malloc(len ? len : 1);
	if (!req->buf)
		return -ENOMEM;
	memcpy(req->buf, attrs, len);
	if (nl_parse(req->buf, len, tb, KWASM_TLS_A_MAX))
		return -EBADMSG;
	if (!nl_get_u64(tb[KWASM_TLS_A_REQ_ID], &req->id))
		req->id = 0;
	if (nl_get_u32(tb[KWASM_TLS_A_FD], &fd) && fd <= 0x7fffffff)
		req->fd = fd;
	if (!req->id || req->fd < 0 || !nl_get_u8(tb[KWASM_TLS_A_SIDE], &side) ||
	    (side != KWASM_TLS_SERVER && side != KWASM_TLS_CLIENT))
		return -EBADMSG;
	if ((tb[KWASM_TLS_A_ACTION] && !nl_get_u8(tb[KWASM_TLS_A_ACTION], &action)) ||
	    (tb[KWASM_TLS_A_TIMEOUT_MS] && !nl_get_u32(tb[KWASM_TLS_A_TIMEOUT_MS], &timeout)) ||
	    (tb[KWASM_TLS_A_RULE_ID] && !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &req->rule_id)))
		return -EBADMSG;
	rc = get_str(tb[KWASM_TLS_A_CERT], &p->cert, KWASM_TLS_PATH_MAX, true) ?:
	     get_str(tb[KWASM_TLS_A_KEY], &p->key, KWASM_TLS_PATH_MAX, true) ?:
	     get_str(tb[KWASM_TLS_A_CA], &p->ca, KWASM_TLS_PATH_MAX, true) ?:
	     get_str(tb[KWASM_TLS_A_SNI], &p->sni, 256, false) ?:
	     get_peers(tb[KWASM_TLS_A_PEERS], req) ?:
	     get_addr(tb[KWASM_TLS_A_LOCAL], &req->local) ?:
	     get_addr(tb[KWASM_TLS_A_REMOTE], &req->remote);
	if (rc)
		return rc;
	if (action != KWASM_TLS_ACT_TLS && action != KWASM_TLS_ACT_SERVER_ONLY)
		return -EINVAL;
	p->side = side;
	p->action = action;
	/* The time left may be short; a zero still gets a try rather than a hang. */
	p->timeout_ms = timeout ? timeout : 1;
	return 0;
}

/**
 * tlsd_req_free() - free what tlsd_msg_parse_accept() allocated
 * @req: the request; its fd is left to the caller
 */
void tlsd_req_free(struct tlsd_req *req)
{
	free(req->buf);
	req->buf = NULL;
}

/**
 * tlsd_msg_put_done() - add the attributes of a DONE request
 * @m: the message, started with KWASM_TLS_CMD_DONE
 * @id: the request
 * @err: 0 or a negative errno
 * @r: on success, the peer identity and the kTLS material
 */
void tlsd_msg_put_done(struct nl_msg *m, u64 id, int err, const struct tlsd_hs_result *r)
{
	nl_put_u64(m, KWASM_TLS_A_REQ_ID, id);
	nl_put_u32(m, KWASM_TLS_A_STATUS, err < 0 ? -err : err);
	if (err || !r)
		return;
	nl_put_str(m, KWASM_TLS_A_PEER_ID, r->peer_id);
	nl_put(m, KWASM_TLS_A_TX, &r->tx, r->crypto_len);
	nl_put(m, KWASM_TLS_A_RX, &r->rx, r->crypto_len);
}

/**
 * tlsd_addr_str() - an address for the log: "192.0.2.1:443", "[2001:db8::1]:443"
 * @ss: the address; AF_UNSPEC gives "?"
 * @buf: where to write
 * @len: its size, INET6_ADDRSTRLEN + 8 is enough
 *
 * Return: @buf.
 */
const char *tlsd_addr_str(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	const struct sockaddr_in6 *s6 = (const void *)ss;
	const struct sockaddr_in *s4 = (const void *)ss;
	char a[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET && inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a)))
		snprintf(buf, len, "%s:%u", a, ntohs(s4->sin_port));
	else if (ss->ss_family == AF_INET6 && inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a)))
		snprintf(buf, len, "[%s]:%u", a, ntohs(s6->sin6_port));
	else
		snprintf(buf, len, "?");
	return buf;
}
