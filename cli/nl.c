// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A small generic netlink client over a raw AF_NETLINK socket.
 *
 * Requests always ask for an ACK (doit) or are dumps, so every request ends
 * with exactly one NLMSG_ERROR or NLMSG_DONE; messages with another sequence
 * number are stale and skipped.  Extended ACKs are enabled and capped, so
 * error replies carry the kernel's message but not a copy of the request.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

#define NL_MIN_RECV	32768

/**
 * nl_open() - open a generic netlink socket
 * @s: the socket to set up
 *
 * Extended and capped ACKs are requested; kernels without them still work,
 * only without error messages.
 *
 * Return: 0 or a negative errno.
 */
int nl_open(struct nl_sock *s)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	memset(s, 0, sizeof(*s));
	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		return -errno;
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		nl_close(s);
		return err;
	}
	setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* Distinct sequence numbers per run keep stale replies apart. */
	s->seq = (u32)time(NULL);
	return 0;
}

/**
 * nl_close() - close a socket opened with nl_open()
 * @s: the socket; closing twice is harmless
 */
void nl_close(struct nl_sock *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	s->cap = 0;
}

static void *grow(struct nl_msg *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 256;
	u8 *p;

	if (m->oom)
		return NULL;
	while (cap < m->len + need)
		cap *= 2;
	if (cap != m->cap) {
		p = realloc(m->buf, cap);
		if (!p) {
			m->oom = true;
			return NULL;
		}
		m->buf = p;
		m->cap = cap;
	}
	p = m->buf + m->len;
	memset(p, 0, need);
	m->len += need;
	return p;
}

/**
 * nl_msg_init() - start a generic netlink request
 * @m: the message (its old contents, if any, are freed)
 * @family: family id (GENL_ID_CTRL or what nl_family() found)
 * @flags: NLM_F_* besides NLM_F_REQUEST, e.g. NLM_F_ACK or NLM_F_DUMP
 * @cmd: the family's command
 * @version: the family's version
 *
 * Return: 0 or -ENOMEM.
 */
int nl_msg_init(struct nl_msg *m, u16 family, u16 flags, u8 cmd, u8 version)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	if (!grow(m, NLMSG_HDRLEN + GENL_HDRLEN))
		return -ENOMEM;
	nlh = (struct nlmsghdr *)m->buf;
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	g = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = version;
	return 0;
}

/**
 * nl_msg_free() - free a message's buffer
 * @m: the message
 */
void nl_msg_free(struct nl_msg *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}

/**
 * nl_put() - append an attribute
 * @m: the message
 * @type: attribute type
 * @data: payload
 * @len: its length; the attribute is padded to 4 bytes
 *
 * Failures are remembered in @m and reported by nl_request().
 */
void nl_put(struct nl_msg *m, u16 type, const void *data, size_t len)
{
	struct nlattr *a;

	if (len > 0xffff - NLA_HDRLEN) {
		m->oom = true;
		return;
	}
	a = grow(m, NLA_ALIGN(NLA_HDRLEN + len));
	if (!a)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((u8 *)a + NLA_HDRLEN, data, len);
}

/**
 * nl_put_u8() - append a u8 attribute
 * @m: the message
 * @type: attribute type
 * @v: value
 */
void nl_put_u8(struct nl_msg *m, u16 type, u8 v)
{
	nl_put(m, type, &v, sizeof(v));
}

/**
 * nl_put_u32() - append a u32 attribute
 * @m: the message
 * @type: attribute type
 * @v: value
 */
void nl_put_u32(struct nl_msg *m, u16 type, u32 v)
{
	nl_put(m, type, &v, sizeof(v));
}

/**
 * nl_put_u64() - append a u64 attribute
 * @m: the message
 * @type: attribute type
 * @v: value
 *
 * The kernel reads u64 attributes with memcpy-safe accessors, so no padding
 * attribute is needed in requests.
 */
void nl_put_u64(struct nl_msg *m, u16 type, u64 v)
{
	nl_put(m, type, &v, sizeof(v));
}

/**
 * nl_put_str() - append a NUL-terminated string attribute
 * @m: the message
 * @type: attribute type
 * @s: the string
 */
void nl_put_str(struct nl_msg *m, u16 type, const char *s)
{
	nl_put(m, type, s, strlen(s) + 1);
}

/**
 * nl_nest_start() - open a nested attribute
 * @m: the message
 * @type: attribute type (NLA_F_NESTED is added)
 *
 * Return: a handle for nl_nest_end().
 */
size_t nl_nest_start(struct nl_msg *m, u16 type)
{
	size_t start = m->len;

	nl_put(m, type | NLA_F_NESTED, NULL, 0);
	return start;
}

/**
 * nl_nest_end() - close a nested attribute, fixing up its length
 * @m: the message
 * @start: what nl_nest_start() returned
 */
void nl_nest_end(struct nl_msg *m, size_t start)
{
	struct nlattr *a;

	if (m->oom)
		return;
	if (m->len - start > 0xffff) {
		m->oom = true;
		return;
	}
	a = (struct nlattr *)(m->buf + start);
	a->nla_len = m->len - start;
}

/**
 * nl_next() - iterate over a stream of attributes
 * @data: the attributes
 * @len: their total length
 * @off: cursor, 0 to start
 *
 * Return: the next attribute, or NULL at the end or at a malformed one
 * (check the stream with nl_parse() first to tell the two apart).
 */
const struct nlattr *nl_next(const void *data, size_t len, size_t *off)
{
	const struct nlattr *a;

	if (*off >= len || len - *off < NLA_HDRLEN)
		return NULL;
	a = (const struct nlattr *)((const u8 *)data + *off);
	if (a->nla_len < NLA_HDRLEN || a->nla_len > len - *off)
		return NULL;
	*off += NLA_ALIGN(a->nla_len);
	return a;
}

/**
 * nl_parse() - check a stream of attributes and index it by type
 * @data: the attributes (4-byte aligned, as in any netlink message)
 * @len: their total length
 * @tb: out: tb[type] = the last attribute of that type, or NULL; may be NULL
 * @max: highest type to index; @tb has @max + 1 entries
 *
 * Types above @max are skipped (newer kernels may add attributes).
 *
 * Return: 0, or -EBADMSG if an attribute overruns @len.
 */
int nl_parse(const void *data, size_t len, const struct nlattr **tb, u16 max)
{
	const struct nlattr *a;
	size_t off = 0;
	u16 type;

	if (tb)
		memset(tb, 0, (max + 1) * sizeof(*tb));
	while ((a = nl_next(data, len, &off))) {
		type = a->nla_type & NLA_TYPE_MASK;
		if (tb && type <= max)
			tb[type] = a;
	}
	/* Stopped early, or a trailing fragment shorter than a header. */
	return off < len ? -EBADMSG : 0;
}

static bool get_fixed(const struct nlattr *a, void *out, size_t size)
{
	if (!a || nl_len(a) != size)
		return false;
	memcpy(out, nl_data(a), size);
	return true;
}

/**
 * nl_get_u8() - read a u8 attribute
 * @a: the attribute, or NULL
 * @out: the value; untouched on failure
 *
 * Return: false if @a is missing or not exactly that size.
 */
bool nl_get_u8(const struct nlattr *a, u8 *out)
{
	return get_fixed(a, out, sizeof(*out));
}

/**
 * nl_get_u16() - read a u16 attribute
 * @a: the attribute, or NULL
 * @out: the value; untouched on failure
 *
 * Return: false if @a is missing or not exactly that size.
 */
bool nl_get_u16(const struct nlattr *a, u16 *out)
{
	return get_fixed(a, out, sizeof(*out));
}

/**
 * nl_get_u32() - read a u32 attribute
 * @a: the attribute, or NULL
 * @out: the value; untouched on failure
 *
 * Return: false if @a is missing or not exactly that size.
 */
bool nl_get_u32(const struct nlattr *a, u32 *out)
{
	return get_fixed(a, out, sizeof(*out));
}

/**
 * nl_get_u64() - read a u64 attribute (it may be unaligned)
 * @a: the attribute, or NULL
 * @out: the value; untouched on failure
 *
 * Return: false if @a is missing or not exactly that size.
 */
bool nl_get_u64(const struct nlattr *a, u64 *out)
{
	return get_fixed(a, out, sizeof(*out));
}

/**
 * nl_nest_each() - call @fn on each attribute of a nest within a type range
 * @nest: the nest, or NULL (then nothing is called)
 * @first: the lowest type wanted
 * @last: the highest; other types (newer kernels may send more) are skipped
 * @fn: called with each wanted attribute, its type and @arg; a nonzero
 *      return ends the walk with it
 * @arg: for @fn
 *
 * Return: 0, -EBADMSG if the nest is malformed, or what @fn returned.
 */
int nl_nest_each(const struct nlattr *nest, u16 first, u16 last,
		 int (*fn)(const struct nlattr *a, u16 type, void *arg), void *arg)
{
	const struct nlattr *a;
	size_t off = 0;
	u16 type;
	int rc;

	if (!nest)
		return 0;
	if (nl_parse(nl_data(nest), nl_len(nest), NULL, 0))
		return -EBADMSG;
	while ((a = nl_next(nl_data(nest), nl_len(nest), &off))) {
		type = a->nla_type & NLA_TYPE_MASK;
		if (type < first || type > last)
			continue;
		rc = fn(a, type, arg);
		if (rc)
			return rc;
	}
	return 0;
}

static int u64_at(const struct nlattr *a, u16 type, void *out)
{
	return nl_get_u64(a, (u64 *)out + type) ? 0 : -EBADMSG;
}

/**
 * nl_get_u64_table() - read a nest of u64 counters indexed by attribute type
 * @nest: the nest, or NULL (then nothing is read)
 * @out: the table, indexed by type
 * @first: the lowest type kept
 * @last: the highest type kept; newer kernels may send more, which are skipped
 *
 * Return: 0, or -EBADMSG if the nest or a kept counter is malformed.
 */
int nl_get_u64_table(const struct nlattr *nest, u64 *out, u16 first, u16 last)
{
	return nl_nest_each(nest, first, last, u64_at, out);
}

/**
 * nl_get_str() - read a string attribute
 * @a: the attribute, or NULL
 *
 * Return: the string, or NULL if @a is missing or not NUL-terminated.
 */
const char *nl_get_str(const struct nlattr *a)
{
	const char *s;

	if (!a || !nl_len(a))
		return NULL;
	s = nl_data(a);
	return s[nl_len(a) - 1] ? NULL : s;
}

/* Extended ACK attributes after an NLMSG_ERROR or NLMSG_DONE payload. */
static void parse_extack(const void *data, size_t len, struct nl_ext_err *ext)
{
	const struct nlattr *tb[NLMSGERR_ATTR_OFFS + 1];
	const char *msg;

	if (!ext || nl_parse(data, len, tb, NLMSGERR_ATTR_OFFS))
		return;
	msg = nl_get_str(tb[NLMSGERR_ATTR_MSG]);
	if (msg)
		snprintf(ext->msg, sizeof(ext->msg), "%s", msg);
	ext->has_offset = nl_get_u32(tb[NLMSGERR_ATTR_OFFS], &ext->offset);
}

static int parse_error(const struct nlmsghdr *nlh, struct nl_ext_err *ext)
{
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN, hlen = sizeof(struct nlmsgerr);
	const struct nlmsgerr *e = NLMSG_DATA(nlh);

	if (len < sizeof(*e))
		return -EBADMSG;
	/* Uncapped errors echo the request's payload before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		hlen += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && hlen < len)
		parse_extack((const u8 *)e + hlen, len - hlen, ext);
	if (e->error > 0)
		return -EPROTO;
	return e->error;
}

static int parse_done(const struct nlmsghdr *nlh, struct nl_ext_err *ext)
{
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN;
	int err = 0;

	/* Old kernels may send NLMSG_DONE without the error code. */
	if (len >= sizeof(int))
		memcpy(&err, NLMSG_DATA(nlh), sizeof(int));
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && len > sizeof(int))
		parse_extack((const u8 *)NLMSG_DATA(nlh) + NLMSG_ALIGN(sizeof(int)),
			     len - NLMSG_ALIGN(sizeof(int)), ext);
	return err > 0 ? -EPROTO : err;
}

/**
 * nl_parse_reply() - process one received datagram of a reply
 * @buf: the datagram
 * @len: its length
 * @seq: the request's sequence number; other messages are skipped
 * @cb: called for each data message, may be NULL
 * @arg: passed to @cb
 * @ext: out: extack details of an error or DONE message, may be NULL
 * @cb_err: in/out: the first error returned by @cb; later calls are skipped
 *
 * Return: 1 if more datagrams follow, 0 when the reply is complete, or a
 * negative errno sent by the kernel (or -EBADMSG for a malformed datagram).
 */
int nl_parse_reply(const void *buf, size_t len, u32 seq, nl_cb_t cb, void *arg,
		   struct nl_ext_err *ext, int *cb_err)
{
	const struct nlmsghdr *nlh;
	size_t off = 0, mlen;
	int rc;

	while (off < len) {
		if (len - off < NLMSG_HDRLEN)
			return -EBADMSG;
		nlh = (const struct nlmsghdr *)((const u8 *)buf + off);
		mlen = nlh->nlmsg_len;
		if (mlen < NLMSG_HDRLEN || mlen > len - off)
			return -EBADMSG;
		off += NLMSG_ALIGN(mlen);
		if (nlh->nlmsg_seq != seq)
			continue;
		switch (nlh->nlmsg_type) {
		case NLMSG_ERROR:
			return parse_error(nlh, ext);
		case NLMSG_DONE:
			return parse_done(nlh, ext);
		case NLMSG_OVERRUN:
			return -ENOBUFS;
		case NLMSG_NOOP:
			continue;
		}
		if (mlen < NLMSG_HDRLEN + GENL_HDRLEN)
			return -EBADMSG;
		if (cb && !*cb_err) {
			rc = cb(NLMSG_DATA(nlh), (const u8 *)NLMSG_DATA(nlh) + GENL_HDRLEN,
				mlen - NLMSG_HDRLEN - GENL_HDRLEN, arg);
			if (rc < 0)
				*cb_err = rc;
		}
	}
	return 1;
}

/* Receive one whole datagram, growing the buffer to fit it. */
static ssize_t recv_one(struct nl_sock *s, int flags)
{
	ssize_t n;
	u8 *p;

	for (;;) {
		n = recv(s->fd, s->buf, s->cap, MSG_PEEK | MSG_TRUNC | flags);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if ((size_t)n <= s->cap && s->cap)
			break;
		p = realloc(s->buf, n > NL_MIN_RECV ? n : NL_MIN_RECV);
		if (!p)
			return -ENOMEM;
		s->buf = p;
		s->cap = n > NL_MIN_RECV ? n : NL_MIN_RECV;
	}
	do {
		n = recv(s->fd, s->buf, s->cap, flags);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	/* Netlink never sends empty datagrams; a closed test peer does. */
	return n ? n : -ECONNRESET;
}

/**
 * nl_request() - send a request and read its whole reply
 * @s: the socket
 * @m: the request, from nl_msg_init() and nl_put*(); its sequence number is set here
 * @cb: called for each data message of the reply, may be NULL
 * @arg: passed to @cb
 * @ext: out: the kernel's extended error message, if any; may be NULL
 *
 * Return: 0, the first error @cb returned, or a negative errno.
 */
int nl_request(struct nl_sock *s, struct nl_msg *m, nl_cb_t cb, void *arg,
	       struct nl_ext_err *ext)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	int rc = 1, cb_err = 0, flags = 0;
	ssize_t n;

	if (ext)
		memset(ext, 0, sizeof(*ext));
	if (m->oom || !nlh)
		return -ENOMEM;
	nlh->nlmsg_len = m->len;
	nlh->nlmsg_seq = ++s->seq;
	do {
		n = send(s->fd, m->buf, m->len, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != m->len)
		return -EMSGSIZE;
	do {
		n = recv_one(s, flags);
		if (n == -ENOBUFS && !flags) {
			/*
			 * The kernel could not allocate part of its answer; the
			 * socket reports that before what is queued.  A doit
			 * answers within send(), so the rest is queued already:
			 * read it without waiting, and without an ack it stays
			 * -ENOBUFS (see ksend_settle()).
			 */
			flags = MSG_DONTWAIT;
			continue;
		}
		if (n == -EAGAIN && flags)
			return -ENOBUFS;
		if (n < 0)
			return n;
		rc = nl_parse_reply(s->buf, n, s->seq, cb, arg, ext, &cb_err);
	} while (rc > 0);
	return rc ? rc : cb_err;
}

static int family_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_FAMILY_NAME + 1];

	if (nl_parse(attrs, len, tb, CTRL_ATTR_FAMILY_NAME) ||
	    !nl_get_u16(tb[CTRL_ATTR_FAMILY_ID], arg))
		return -EBADMSG;
	return 0;
}

/**
 * nl_family() - look up a generic netlink family's id
 * @s: the socket
 * @name: family name
 * @id: out: its id
 * @ext: out: extended error, may be NULL
 *
 * Return: 0, -ENOENT if no such family is registered, or another errno.
 */
int nl_family(struct nl_sock *s, const char *name, u16 *id, struct nl_ext_err *ext)
{
	struct nl_msg m;
	u16 found = 0;
	int rc;

	rc = nl_msg_init(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	if (rc)
		return rc;
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, name);
	rc = nl_request(s, &m, family_cb, &found, ext);
	nl_msg_free(&m);
	if (!rc && !found)
		rc = -EBADMSG;
	if (!rc)
		*id = found;
	return rc;
}
