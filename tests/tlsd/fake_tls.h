/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The fake kwasm_tls family (fake_tls.c, fake_tls_rules.c), shared parts.
 */
#ifndef KWASM_TEST_FAKE_TLS_H
#define KWASM_TEST_FAKE_TLS_H

#include "nl.h"
#include "../../include/uapi/linux/kwasm_tls.h"

#define FAMILY		0x31

void fake_reply(int kern, struct nl_msg *m, u16 type, u16 flags, u32 seq);
void fake_ack(int kern, u32 seq, int error, const char *msg);
void fake_log(const char *fmt, ...);
void fake_rules(int kern, const struct nlmsghdr *nlh, u8 cmd, const struct nlattr **tb);

#endif /* KWASM_TEST_FAKE_TLS_H */
