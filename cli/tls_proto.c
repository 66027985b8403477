// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * What the kwasm command and kwasm-tlstest share of the kwasm_tls family:
 * the names of its actions and counters, and the rule id of a reply.
 * kwasm-tlstest links this file without the rest of the CLI (no cli.h).
 */
#include <errno.h>
#include <string.h>

#include "tls.h"

#define NAMES(a) (sizeof(a) / sizeof((a)[0]))

static const char *const action_names[] = {
	[KWASM_TLS_ACT_TLS] = "tls",
	[KWASM_TLS_ACT_SERVER_ONLY] = "tls-server-only",
	[KWASM_TLS_ACT_PASSTHROUGH] = "passthrough",
	[KWASM_TLS_ACT_DENY] = "deny",
};

static const char *const counter_names[] = {
	[KWASM_TLS_C_MATCHED] = "matched",
	[KWASM_TLS_C_WRAPPED] = "wrapped",
	[KWASM_TLS_C_PASSED] = "passed",
	[KWASM_TLS_C_DENIED] = "denied",
	[KWASM_TLS_C_VERIFY_FAILED] = "verify_failed",
	[KWASM_TLS_C_HANDSHAKE_FAILED] = "handshake_failed",
	[KWASM_TLS_C_TIMEOUT] = "timeout",
	[KWASM_TLS_C_UNWRAPPABLE] = "unwrappable",
	[KWASM_TLS_C_KEY_UPDATE] = "key_update",
	[KWASM_TLS_C_PEER_ERROR] = "peer_error",
	[KWASM_TLS_C_POLICY_DENIED] = "policy_denied",
};

/**
 * tls_action_name() - an action as `kwasm tls add --action` spells it
 * @action: enum kwasm_tls_action
 *
 * Return: its name, or NULL for an unknown value.
 */
const char *tls_action_name(u8 action)
{
	return action < NAMES(action_names) ? action_names[action] : NULL;
}

/**
 * tls_action_parse() - an action from its name
 * @name: as `kwasm tls add --action` takes it
 *
 * Return: the enum kwasm_tls_action, or 0 for an unknown name.
 */
unsigned int tls_action_parse(const char *name)
{
	unsigned int i;

	for (i = 1; i < NAMES(action_names); i++)
		if (action_names[i] && !strcmp(name, action_names[i]))
			return i;
	return 0;
}

/**
 * tls_counter_name() - the JSON key of a counter
 * @c: enum kwasm_tls_counter
 *
 * Return: its name, or NULL for an unknown one.
 */
const char *tls_counter_name(unsigned int c)
{
	return c < NAMES(counter_names) ? counter_names[c] : NULL;
}

/**
 * tls_id_cb() - nl_request() callback: the rule id of an ADD reply
 * @genl: the reply's header
 * @attrs: its attributes
 * @len: their length
 * @arg: a u32 for the id
 *
 * Return: 0, or -EBADMSG when the reply has no rule id.
 */
int tls_id_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], arg))
		return -EBADMSG;
	return 0;
}
