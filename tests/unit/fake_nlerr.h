/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The NLMSG_ERROR a fake netlink family answers with, shared by the fake
 * kwasm family (fake_kwasm.c) and the fake kwasm_tls one
 * (tests/tlsd/fake_tls.c).
 */
#ifndef KW_TEST_FAKE_NLERR_H
#define KW_TEST_FAKE_NLERR_H

#include <string.h>
#include <linux/netlink.h>

/* Room for the error, the echoed header and a short extack message. */
#define FAKE_NLERR_MAX	512

/**
 * fake_nlerr() - build an NLMSG_ERROR, capped, as the kernel sends it
 * @buf: FAKE_NLERR_MAX zeroed bytes, 4-byte aligned
 * @type: the request's type, echoed in the capped header
 * @seq: the request's sequence number
 * @error: 0 (the ACK) or a negative errno
 * @msg: an extack message, or NULL
 *
 * Return: the message's length.
 */
static inline size_t fake_nlerr(void *buf, __u16 type, __u32 seq, int error, const char *msg)
{
	struct nlmsgerr e = { .error = error };
	struct nlmsghdr *nlh = buf;
	size_t len = NLMSG_HDRLEN + sizeof(e);
	struct nlattr *a;

	e.msg.nlmsg_len = NLMSG_HDRLEN;
	e.msg.nlmsg_type = type;
	e.msg.nlmsg_seq = seq;
	memcpy((char *)buf + NLMSG_HDRLEN, &e, sizeof(e));
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_CAPPED;
	nlh->nlmsg_seq = seq;
	if (msg && len + NLA_HDRLEN + strlen(msg) + 1 <= FAKE_NLERR_MAX) {
		a = (struct nlattr *)((char *)buf + len);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = NLA_HDRLEN + strlen(msg) + 1;
		memcpy(a + 1, msg, strlen(msg) + 1);
		len += NLA_ALIGN(a->nla_len);
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	}
	nlh->nlmsg_len = len;
	return len;
}

#endif /* KW_TEST_FAKE_NLERR_H */
