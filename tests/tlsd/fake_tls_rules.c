// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The rule commands of the fake kwasm_tls family, for `kwasm tls` tests.
 *
 * Rules persist across CLI runs in FAKE_TLS_STATE (records of id, length
 * and the RULE_ADD attributes as sent) and are listed back as sent, with
 * made-up counters (matched = 10 x id, wrapped = 10 x id - 1,
 * verify_failed = 1).  RULE_ADD refuses a policy module named "nosuch"
 * with an extack message, as kwasm.ko would; FAKE_TLS_EPERM refuses every
 * command like a missing capability.  Each request is logged to
 * FAKE_TLS_LOG ("cmd N"), so a test can tell that bad input never
 * reached the kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_tls.h"

#define MAX_RULES	16
#define RULE_BYTES	8192

static struct rule {
	u32 id;
	u32 len;
	u8 attrs[RULE_BYTES];
} rules[MAX_RULES];
static unsigned int nrules;

static void load(void)
{
	const char *path = getenv("FAKE_TLS_STATE");
	FILE *f = path ? fopen(path, "r") : NULL;
	struct rule *r;

	nrules = 0;
	while (f && nrules < MAX_RULES) {
		r = &rules[nrules];
		if (fread(&r->id, 4, 1, f) != 1 || fread(&r->len, 4, 1, f) != 1 ||
		    r->len > RULE_BYTES || fread(r->attrs, 1, r->len, f) != r->len)
			break;
		nrules++;
	}
	if (f)
		fclose(f);
}

static void save(void)
{
	const char *path = getenv("FAKE_TLS_STATE");
	FILE *f = path ? fopen(path, "w") : NULL;
	unsigned int i;

	for (i = 0; f && i < nrules; i++) {
		fwrite(&rules[i].id, 4, 1, f);
		fwrite(&rules[i].len, 4, 1, f);
		fwrite(rules[i].attrs, 1, rules[i].len, f);
	}
	if (f)
		fclose(f);
}

static void put_counters(struct nl_msg *m, u64 matched)
{
	size_t nest = nl_nest_start(m, KWASM_TLS_A_COUNTERS);
	unsigned int c;

	for (c = KWASM_TLS_C_MATCHED; c <= KWASM_TLS_C_MAX; c++)
		nl_put_u64(m, c, c == KWASM_TLS_C_MATCHED ? matched :
			   c == KWASM_TLS_C_WRAPPED ? matched - 1 :
			   c == KWASM_TLS_C_VERIFY_FAILED ? 1 : 0);
	nl_nest_end(m, nest);
}

static void send_rule(int kern, const struct rule *r, u16 flags, u32 seq)
{
	struct nl_msg m;
	size_t at;

	nl_msg_init(&m, FAMILY, 0, KWASM_TLS_CMD_RULE_LIST, KWASM_TLS_GENL_VERSION);
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, r->id);
	/* The stored attributes as they are (4-byte multiples): drop the wrapper. */
	at = m.len;
	nl_put(&m, KWASM_TLS_A_UNSPEC, r->attrs, r->len);
	memmove(m.buf + at, m.buf + at + NLA_HDRLEN, r->len);
	m.len -= NLA_HDRLEN;
	put_counters(&m, 10ull * r->id);
	fake_reply(kern, &m, FAMILY, flags, seq);
}

static void add(int kern, u32 seq, const void *attrs, size_t len, const struct nlattr **tb)
{
	const struct nlattr *pt[KWASM_TLS_P_MAX + 1];
	const struct nlattr *p = tb[KWASM_TLS_A_POLICY];
	struct rule *r;
	struct nl_msg m;
	const char *mod;
	u32 id = 0;
	unsigned int i;

	if (p && !nl_parse(nl_data(p), nl_len(p), pt, KWASM_TLS_P_MAX)) {
		mod = nl_get_str(pt[KWASM_TLS_P_MODULE]);
		if (mod && !strcmp(mod, "nosuch"))
			return fake_ack(kern, seq, -ENOENT,
					"kwasm: policy module nosuch is not loaded");
	}
	if (!tb[KWASM_TLS_A_SIDE] || !tb[KWASM_TLS_A_PORT])
		return fake_ack(kern, seq, -EINVAL, "kwasm: a rule needs a side and a port");
	if (nrules == MAX_RULES || len > RULE_BYTES)
		return fake_ack(kern, seq, -ENOSPC, NULL);
	for (i = 0; i < nrules; i++)
		if (rules[i].id > id)
			id = rules[i].id;
	r = &rules[nrules++];
	r->id = id + 1;
	r->len = len;
	memcpy(r->attrs, attrs, len);
	save();
	nl_msg_init(&m, FAMILY, 0, KWASM_TLS_CMD_RULE_ADD, KWASM_TLS_GENL_VERSION);
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, r->id);
	fake_reply(kern, &m, FAMILY, 0, seq);
	fake_ack(kern, seq, 0, NULL);
}

static struct rule *find(const struct nlattr **tb)
{
	unsigned int i;
	u32 id;

	if (!nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &id))
		return NULL;
	for (i = 0; i < nrules; i++)
		if (rules[i].id == id)
			return &rules[i];
	return NULL;
}

static void list(int kern, const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	struct rule *r;
	struct nl_msg m;
	unsigned int i;

	if (!(nlh->nlmsg_flags & NLM_F_DUMP)) {
		r = find(tb);
		if (!r)
			return fake_ack(kern, nlh->nlmsg_seq, -ENOENT, NULL);
		send_rule(kern, r, 0, nlh->nlmsg_seq);
		return fake_ack(kern, nlh->nlmsg_seq, 0, NULL);
	}
	for (i = 0; i < nrules; i++)
		send_rule(kern, &rules[i], NLM_F_MULTI, nlh->nlmsg_seq);
	nl_msg_init(&m, NLMSG_DONE, 0, 0, 0);
	m.len = NLMSG_HDRLEN + 4;
	fake_reply(kern, &m, NLMSG_DONE, NLM_F_MULTI, nlh->nlmsg_seq);
}

/**
 * fake_rules() - answer RULE_ADD, RULE_DEL, RULE_LIST and STATUS
 * @kern: the kernel's end of the socket
 * @nlh: the request
 * @cmd: its command
 * @tb: its attributes
 */
void fake_rules(int kern, const struct nlmsghdr *nlh, u8 cmd, const struct nlattr **tb)
{
	const u8 *attrs = (const u8 *)NLMSG_DATA(nlh) + GENL_HDRLEN;
	size_t len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	u32 seq = nlh->nlmsg_seq;
	struct nl_msg m;
	struct rule *r;

	fake_log("cmd %u\n", cmd);
	if (getenv("FAKE_TLS_EPERM"))
		return fake_ack(kern, seq, -EPERM, NULL);
	load();
	switch (cmd) {
	case KWASM_TLS_CMD_RULE_ADD:
		return add(kern, seq, attrs, len, tb);
	case KWASM_TLS_CMD_RULE_DEL:
		r = find(tb);
		if (!r)
			return fake_ack(kern, seq, -ENOENT, NULL);
		*r = rules[--nrules];
		save();
		return fake_ack(kern, seq, 0, NULL);
	case KWASM_TLS_CMD_RULE_LIST:
		return list(kern, nlh, tb);
	case KWASM_TLS_CMD_STATUS:
		nl_msg_init(&m, FAMILY, 0, KWASM_TLS_CMD_STATUS, KWASM_TLS_GENL_VERSION);
		nl_put_u32(&m, KWASM_TLS_A_AGENTS, 1);
		nl_put_u32(&m, KWASM_TLS_A_PENDING, 0);
		nl_put_u32(&m, KWASM_TLS_A_WRAPPED, 2);
		put_counters(&m, 30);
		fake_reply(kern, &m, FAMILY, 0, seq);
		return fake_ack(kern, seq, 0, NULL);
	}
	fake_ack(kern, seq, -EOPNOTSUPP, NULL);
}
