/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The fake kwasm family (fake_kwasm.c): what its data-path half
 * (fake_dp.c) shares with the rest.
 */
#ifndef KWASM_TESTS_FAKE_KWASM_H
#define KWASM_TESTS_FAKE_KWASM_H

#include "kproto.h"

/* The fake family's id. */
#define FAMILY	0x20

const char *fake_mode(void);
void fake_reply(struct nl_msg *m, u16 type, u16 flags, u32 seq);
void fake_ack(u32 seq, int error, const char *msg);
void fake_done(u32 seq);
void fake_log(u8 cmd, const struct nlattr **tb);
void fake_attach(u32 seq, u8 cmd, const struct nlattr **tb);
void fake_map(u32 seq, u8 cmd, const struct nlattr **tb);

#endif /* KWASM_TESTS_FAKE_KWASM_H */
