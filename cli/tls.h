/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm tls: rules for transparent mutual TLS (include/uapi/linux/kwasm_tls.h).
 *
 * A rule is parsed from the command line (tls_rule.c, checked as far as
 * userspace can before the kernel sees it), encoded as RULE_ADD attributes,
 * and decoded again from RULE_LIST replies with its counters.
 */
#ifndef KWASM_CLI_TLS_H
#define KWASM_CLI_TLS_H

#include <stdbool.h>
#include <stddef.h>

#include "nl.h"
#include "../include/uapi/linux/kwasm_tls.h"

/**
 * struct tls_rule - one rule, as added or as listed
 * @id: KWASM_TLS_A_RULE_ID (listed rules)
 * @side: enum kwasm_tls_side
 * @port: the port
 * @addr: the client side's remote network, network byte order
 * @addr_len: 0 (none), 4 or 16
 * @prefix: its prefix length
 * @uid: the uid, if @has_uid
 * @has_uid: whether the rule matches one uid
 * @cgroup: the cgroup v2 id, if non-zero
 * @action: enum kwasm_tls_action
 * @cert: certificate chain path, absolute; NULL if none
 * @key: private key path, absolute; NULL if none
 * @ca: trust bundle path, absolute; NULL if none
 * @peers: allowed peer identities
 * @npeers: how many
 * @sni: server name (client side), or NULL
 * @module: policy module, or NULL
 * @export: its policy export
 * @timeout_ms: handshake deadline; 0 for the kernel's default
 * @fail_open: pass connections that cannot be wrapped in plaintext
 * @counters: KWASM_TLS_C_* (listed rules)
 * @has_counters: whether the kernel sent them
 */
struct tls_rule {
	u32 id;
	u8 side;
	u16 port;
	u8 addr[16];
	u8 addr_len;
	u8 prefix;
	u32 uid;
	bool has_uid;
	u64 cgroup;
	u8 action;
	char *cert;
	char *key;
	char *ca;
	char *peers[KWASM_TLS_PEERS_MAX];
	unsigned int npeers;
	char *sni;
	char *module;
	char *export;
	u32 timeout_ms;
	bool fail_open;
	u64 counters[KWASM_TLS_C_MAX + 1];
	bool has_counters;
};

int tls_rule_parse(int argc, char **argv, struct tls_rule *r, char *err, size_t errlen);
void tls_rule_put(struct nl_msg *m, const struct tls_rule *r);
int tls_rule_from_attrs(const void *attrs, size_t len, struct tls_rule *r);
void tls_rule_free(struct tls_rule *r);
int tls_cgroup_id(const char *path, u64 *id, char *err, size_t errlen);
const char *tls_action_name(u8 action);
unsigned int tls_action_parse(const char *name);
int tls_id_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg);
const char *tls_counter_name(unsigned int c);

#endif /* KWASM_CLI_TLS_H */
