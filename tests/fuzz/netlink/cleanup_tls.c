// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the end of a run, for kwasm_tls.  Every rule a RULE_LIST
 * dump shows that was not there before the run is deleted (the workers
 * delete many as they go, but not all, and a bit flip can add a rule whose
 * reply went to a request that was not waiting for it).  A rule left
 * over is a finding.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nlfuzz.h"

/* More than tls_max_rules's default: a dump that does not fit is a finding. */
#define FZ_TLS_MAX_RULES	4096

/**
 * struct fz_rules - rule ids from a RULE_LIST dump
 * @id: the ids
 * @n: their number
 * @lost: ids that did not fit
 */
struct fz_rules {
	uint32_t id[FZ_TLS_MAX_RULES];
	uint32_t n;
	uint32_t lost;
};

/* Rules added before the run, by someone else: left alone. */
static struct fz_rules before;

static int dump_cb(const struct genlmsghdr *g, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_TLS_A_RULE_ID + 1];
	struct fz_rules *l = arg;
	uint32_t id;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_RULE_ID) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &id))
		return -EBADMSG;
	if (l->n < FZ_TLS_MAX_RULES)
		l->id[l->n++] = id;
	else
		l->lost++;
	return 0;
}

static int list_rules(struct nl_sock *s, struct fz_rules *l)
{
	struct nl_msg m;
	int rc;

	l->n = 0;
	l->lost = 0;
	if (nl_msg_init(&m, fz_cfg.tls_family, NLM_F_DUMP, KWASM_TLS_CMD_RULE_LIST,
			KWASM_TLS_GENL_VERSION))
		return -ENOMEM;
	rc = nl_request(s, &m, dump_cb, l, NULL);
	nl_msg_free(&m);
	return rc;
}

static bool old_rule(uint32_t id)
{
	uint32_t i;

	for (i = 0; i < before.n; i++)
		if (before.id[i] == id)
			return true;
	return false;
}

static int del_rule(struct nl_sock *s, uint32_t id)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (nl_msg_init(&m, fz_cfg.tls_family, NLM_F_ACK, KWASM_TLS_CMD_RULE_DEL,
			KWASM_TLS_GENL_VERSION))
		return -ENOMEM;
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, id);
	rc = nl_request(s, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	if (rc)
		fprintf(stderr, "nlfuzz: cleanup: delete TLS rule %u: %s%s%s\n", id, strerror(-rc),
			ext.msg[0] ? ": " : "", ext.msg);
	return rc;
}

/**
 * fz_tls_snapshot() - remember the TLS rules that exist before the run
 * @s: a socket
 *
 * Return: 0 (also without a kwasm_tls family) or a negative errno.
 */
int fz_tls_snapshot(struct nl_sock *s)
{
	return fz_cfg.tls_family ? list_rules(s, &before) : 0;
}

/**
 * fz_tls_cleanup() - delete every TLS rule the run added
 * @s: a socket
 *
 * Rules that cannot be deleted, or that are still there afterwards, are
 * findings.
 *
 * Return: the number of rules left.
 */
int fz_tls_cleanup(struct nl_sock *s)
{
	static struct fz_rules l;
	uint32_t i, deleted = 0, left = 0;

	if (!fz_cfg.tls_family)
		return 0;
	if (list_rules(s, &l)) {
		fz_finding("cleanup: RULE_LIST dump failed");
		return -1;
	}
	if (l.lost)
		fz_finding("cleanup: more than %u TLS rules", FZ_TLS_MAX_RULES);
	for (i = 0; i < l.n; i++)
		if (!old_rule(l.id[i]) && !del_rule(s, l.id[i]))
			deleted++;
	if (list_rules(s, &l)) {
		fz_finding("cleanup: RULE_LIST dump failed");
		return -1;
	}
	for (i = 0; i < l.n; i++) {
		if (old_rule(l.id[i]))
			continue;
		fz_finding("cleanup: TLS rule %u is still there", l.id[i]);
		left++;
	}
	printf("nlfuzz: cleanup: %u TLS rules deleted, %u left\n", deleted, left);
	return left;
}
