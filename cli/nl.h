/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A small generic netlink client: one socket, one request at a time.
 *
 * Messages are built in a growing buffer (struct nl_msg); replies are read
 * until the final ACK, error or NLMSG_DONE, and each data message's attributes
 * are handed to a callback.  Every length read from the kernel is checked, so
 * a malformed reply is an error (-EBADMSG), never a crash.
 */
#ifndef KWASM_CLI_NL_H
#define KWASM_CLI_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "kw_port_types.h"

/**
 * struct nl_sock - a generic netlink socket
 * @fd: the AF_NETLINK socket (or any datagram socket, in tests)
 * @seq: sequence number of the last request sent
 * @buf: receive buffer, grown to fit the largest datagram
 * @cap: its size
 */
struct nl_sock {
	int fd;
	u32 seq;
	u8 *buf;
	size_t cap;
};

/**
 * struct nl_msg - a request being built
 * @buf: the bytes, starting with struct nlmsghdr and struct genlmsghdr
 * @len: bytes used (always a multiple of 4)
 * @cap: bytes allocated
 * @oom: an append failed; nl_request() then fails with -ENOMEM
 */
struct nl_msg {
	u8 *buf;
	size_t len;
	size_t cap;
	bool oom;
};

/* Longest extack message kept; the kernel's are much shorter. */
#define NL_EXTACK_LEN	256

/**
 * struct nl_ext_err - what the kernel said about a request, beyond errno
 * @msg: NLMSGERR_ATTR_MSG, or "" if there was none
 * @offset: NLMSGERR_ATTR_OFFS: offset of the bad attribute in the request
 * @has_offset: whether @offset was sent
 */
struct nl_ext_err {
	char msg[NL_EXTACK_LEN];
	u32 offset;
	bool has_offset;
};

/*
 * Called for each data message of a reply with the attributes that follow
 * its struct genlmsghdr.  A negative return ends the request with that error
 * (the rest of the reply is still read and dropped).
 */
typedef int (*nl_cb_t)(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);

int nl_open(struct nl_sock *s);
void nl_close(struct nl_sock *s);
int nl_family(struct nl_sock *s, const char *name, u16 *id, struct nl_ext_err *ext);
int nl_request(struct nl_sock *s, struct nl_msg *m, nl_cb_t cb, void *arg,
	       struct nl_ext_err *ext);

int nl_msg_init(struct nl_msg *m, u16 family, u16 flags, u8 cmd, u8 version);
void nl_msg_free(struct nl_msg *m);
void nl_put(struct nl_msg *m, u16 type, const void *data, size_t len);
void nl_put_u8(struct nl_msg *m, u16 type, u8 v);
void nl_put_u32(struct nl_msg *m, u16 type, u32 v);
void nl_put_u64(struct nl_msg *m, u16 type, u64 v);
void nl_put_str(struct nl_msg *m, u16 type, const char *s);
size_t nl_nest_start(struct nl_msg *m, u16 type);
void nl_nest_end(struct nl_msg *m, size_t start);

int nl_parse(const void *data, size_t len, const struct nlattr **tb, u16 max);
const struct nlattr *nl_next(const void *data, size_t len, size_t *off);
int nl_parse_reply(const void *buf, size_t len, u32 seq, nl_cb_t cb, void *arg,
		   struct nl_ext_err *ext, int *cb_err);

/* Payload of an attribute; its length is nl_len(). */
static inline const void *nl_data(const struct nlattr *a)
{
	return (const u8 *)a + NLA_HDRLEN;
}

static inline size_t nl_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

bool nl_get_u8(const struct nlattr *a, u8 *out);
bool nl_get_u16(const struct nlattr *a, u16 *out);
bool nl_get_u32(const struct nlattr *a, u32 *out);
bool nl_get_u64(const struct nlattr *a, u64 *out);
int nl_nest_each(const struct nlattr *nest, u16 first, u16 last,
		 int (*fn)(const struct nlattr *a, u16 type, void *arg), void *arg);
int nl_get_u64_table(const struct nlattr *nest, u64 *out, u16 first, u16 last);
const char *nl_get_str(const struct nlattr *a);

#endif /* KWASM_CLI_NL_H */
