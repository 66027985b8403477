// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: what the attributes of a kwasm_tls reply must look like
 * (include/uapi/linux/kwasm_tls.h), for reply.c's checks: RULE_ADD's id,
 * RULE_LIST's rules with their peers, policy and counters, STATUS.
 */
#include "nlfuzz.h"

static const struct fz_rule tls_rules[KWASM_TLS_A_MAX + 1] = {
	[KWASM_TLS_A_RULE_ID] = SIZE(4),	[KWASM_TLS_A_SIDE] = SIZE(1),
	[KWASM_TLS_A_PORT] = SIZE(2),		[KWASM_TLS_A_ADDR] = SIZE(R_ADDR),
	[KWASM_TLS_A_PREFIX] = SIZE(1),	[KWASM_TLS_A_UID] = SIZE(4),
	[KWASM_TLS_A_CGROUP] = SIZE(8),	[KWASM_TLS_A_ACTION] = SIZE(1),
	[KWASM_TLS_A_CERT] = SIZE(R_STR),	[KWASM_TLS_A_KEY] = SIZE(R_STR),
	[KWASM_TLS_A_CA] = SIZE(R_STR),	[KWASM_TLS_A_PEERS] = NEST(NS_TLS_PEERS),
	[KWASM_TLS_A_SNI] = SIZE(R_STR),	[KWASM_TLS_A_POLICY] = NEST(NS_TLS_POLICY),
	[KWASM_TLS_A_TIMEOUT_MS] = SIZE(4),	[KWASM_TLS_A_FAIL_OPEN] = SIZE(R_FLAG),
	[KWASM_TLS_A_COUNTERS] = NEST(NS_TLS_COUNTERS),
	[KWASM_TLS_A_AGENTS] = SIZE(4),	[KWASM_TLS_A_PENDING] = SIZE(4),
	[KWASM_TLS_A_WRAPPED] = SIZE(4),	[KWASM_TLS_A_REQ_ID] = SIZE(8),
	[KWASM_TLS_A_FD] = SIZE(4),		[KWASM_TLS_A_STATUS] = SIZE(4),
	[KWASM_TLS_A_PEER_ID] = SIZE(R_STR),
};

static const struct fz_rule policy_rules[KWASM_TLS_P_MAX + 1] = {
	[KWASM_TLS_P_MODULE] = SIZE(R_STR),	[KWASM_TLS_P_EXPORT] = SIZE(R_STR),
};

/**
 * fz_tls_rule() - the rule for an attribute of a kwasm_tls reply
 * @ns: NS_TLS_*
 * @type: the attribute type
 *
 * Return: the rule, or NULL: unknown, only its bounds count.
 */
const struct fz_rule *fz_tls_rule(int ns, uint16_t type)
{
	static const struct fz_rule str = SIZE(R_STR), u64 = SIZE(8);

	switch (ns) {
	case NS_TLS_TOP:
		return type <= KWASM_TLS_A_MAX ? &tls_rules[type] : NULL;
	case NS_TLS_PEERS:
		return type == KWASM_TLS_A_PEER ? &str : NULL;
	case NS_TLS_POLICY:
		return type <= KWASM_TLS_P_MAX ? &policy_rules[type] : NULL;
	case NS_TLS_COUNTERS:
		return type > KWASM_TLS_C_PAD && type <= KWASM_TLS_C_MAX ? &u64 : NULL;
	}
	return NULL;
}
