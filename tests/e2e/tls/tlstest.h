/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-tlstest: a small client of the "kwasm_tls" generic netlink family
 * for tests/e2e/66-tls-rules.sh, independent of the kwasm CLI: it sends
 * exactly the attributes it is told to, bad ones included, and plays a
 * fake handshake agent.
 */
#ifndef KWASM_TLSTEST_H
#define KWASM_TLSTEST_H

#include <linux/kwasm_tls.h>

#include "nl.h"

/**
 * struct tt - the connection to the family
 * @nl: generic netlink socket
 * @family: the family's id
 * @mcgrp: the agent group's id
 */
struct tt {
	struct nl_sock nl;
	u16 family;
	u32 mcgrp;
};

int tt_open(struct tt *t);
int tt_fail(const char *what, int err, const struct nl_ext_err *ext);
int tt_join(struct tt *t);
int tt_agent(struct tt *t, int argc, char **argv);
int tt_status_line(struct tt *t, char *buf, size_t len);
int tt_conn(int argc, char **argv);
int tt_fuzz(struct tt *t, int argc, char **argv);

#endif /* KWASM_TLSTEST_H */
