/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * For the netlink tests: turning a message built with nl_msg into a reply
 * as the kernel would send it, and fuzzing a LIST reply.
 */
#ifndef KW_TEST_NL_CANNED_H
#define KW_TEST_NL_CANNED_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kproto.h"

/* Finish a message as the kernel would send it: length, seq, type. */
static inline void seal(struct nl_msg *m, u16 type, u32 seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;

	nlh->nlmsg_len = m->len;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = 0;
}

/*
 * Decode the sealed, complete LIST reply @msg (seq 42) into @l.
 * Return: the decoder's error, or -EPROTO if the reply was not one message.
 */
static inline int list_decode(const struct nl_msg *msg, struct kp_modules *l)
{
	int cb_err = 0;

	if (nl_parse_reply(msg->buf, msg->len, 42, kp_module_cb, l, NULL, &cb_err) != 1)
		return -EPROTO;
	return cb_err;
}

/*
 * Decode every truncation of the sealed LIST reply @msg (seq 42) and 20000
 * random corruptions of it.  A truncation must fail with -EBADMSG or be
 * skipped as incomplete; corruptions must only not crash (ASan watches).
 * Return: the number of truncations that did neither, or -1 without memory.
 */
static inline int list_fuzz_bad(const struct nl_msg *msg)
{
	struct kp_modules l = { 0 };
	unsigned int seed = 1;
	int cb_err, rc, bad = 0;
	size_t len, i;
	u8 *copy;

	copy = malloc(msg->len);
	if (!copy)
		return -1;
	for (len = 0; len < msg->len; len++) {
		memcpy(copy, msg->buf, len);
		/* Keep nlmsg_len honest so the truncation reaches the attributes. */
		if (len >= 4)
			*(u32 *)copy = len;
		cb_err = 0;
		rc = nl_parse_reply(copy, len, 42, kp_module_cb, &l, NULL, &cb_err);
		bad += rc != -EBADMSG && cb_err != -EBADMSG && rc != 1;
		kp_modules_free(&l);
	}
	for (i = 0; i < 20000; i++) {
		memcpy(copy, msg->buf, msg->len);
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % msg->len] ^= 1 << ((seed >> 4) & 7);
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % msg->len] = seed >> 20;
		cb_err = 0;
		nl_parse_reply(copy, msg->len, 42, kp_module_cb, &l, NULL, &cb_err);
		kp_modules_free(&l);
	}
	free(copy);
	return bad;
}

#endif /* KW_TEST_NL_CANNED_H */
