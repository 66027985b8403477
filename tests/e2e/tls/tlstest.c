// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-tlstest: drive the "kwasm_tls" family from the e2e tests.
 *
 *   kwasm-tlstest add [OPTIONS]   prints the new rule's id
 *     --side N --port N --addr A --prefix N --uid N --cgroup N --action N
 *     --cert P --key P --ca P --sni S --peer S (repeatable) --peers N (N
 *     generated identities) --cert-len N (a certificate path N bytes long)
 *     --policy MODULE EXPORT --timeout MS --fail-open
 *   kwasm-tlstest del ID
 *   kwasm-tlstest list [ID]       one line per rule (dump, or one by id)
 *   kwasm-tlstest status          agents=N pending=N wrapped=N n_...=N
 *   kwasm-tlstest join-status     the same, while listening as an agent
 *   kwasm-tlstest agent ...       a fake handshake agent (agent.c: accept,
 *                                 done, serve)
 *   kwasm-tlstest conn RULE MODE  a connection of its own through the
 *                                 upcall (conn.c; needs tls_test_hook=1)
 *   kwasm-tlstest fuzz SECS [SEED]  random requests (fuzz.c)
 *
 * Errors: "kwasm-tlstest: WHAT: strerror (extack)" on stderr, exit 1.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "tlstest.h"
#include "tls.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/**
 * tt_fail() - report a failed request
 * @what: the operation
 * @err: negative errno
 * @ext: the kernel's extack, or NULL
 *
 * Return: 1, the exit status.
 */
int tt_fail(const char *what, int err, const struct nl_ext_err *ext)
{
	fprintf(stderr, "kwasm-tlstest: %s: %s", what, strerror(-err));
	if (ext && ext->msg[0])
		fprintf(stderr, " (%s)", ext->msg);
	fputc('\n', stderr);
	return 1;
}

static int family_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *g, *gt[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct tt *t = arg;
	const char *name;
	size_t off = 0;

	if (nl_parse(attrs, len, tb, CTRL_ATTR_MAX) ||
	    !nl_get_u16(tb[CTRL_ATTR_FAMILY_ID], &t->family))
		return -EBADMSG;
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	while ((g = nl_next(nl_data(tb[CTRL_ATTR_MCAST_GROUPS]),
			    nl_len(tb[CTRL_ATTR_MCAST_GROUPS]), &off))) {
		if (nl_parse(nl_data(g), nl_len(g), gt, CTRL_ATTR_MCAST_GRP_MAX))
			return -EBADMSG;
		name = nl_get_str(gt[CTRL_ATTR_MCAST_GRP_NAME]);
		if (name && !strcmp(name, KWASM_TLS_MCGRP_AGENT))
			nl_get_u32(gt[CTRL_ATTR_MCAST_GRP_ID], &t->mcgrp);
	}
	return 0;
}

/**
 * tt_open() - open a socket and find the family and its agent group
 * @t: filled in
 *
 * Return: 0 or the exit status after an error message.
 */
int tt_open(struct tt *t)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = nl_open(&t->nl);
	if (rc)
		return tt_fail("socket", rc, NULL);
	rc = nl_msg_init(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	if (rc)
		return tt_fail("family", rc, NULL);
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, KWASM_TLS_GENL_NAME);
	rc = nl_request(&t->nl, &m, family_cb, t, &ext);
	nl_msg_free(&m);
	if (!rc && (!t->family || !t->mcgrp))
		rc = -EBADMSG;
	return rc ? tt_fail("family " KWASM_TLS_GENL_NAME, rc, &ext) : 0;
}

/**
 * tt_join() - listen to the agent group
 * @t: the connection
 *
 * Return: 0 or the exit status after an error message.
 */
int tt_join(struct tt *t)
{
	if (setsockopt(t->nl.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &t->mcgrp,
		       sizeof(t->mcgrp)))
		return tt_fail("join the agent group", -errno, NULL);
	return 0;
}

static int start(struct tt *t, struct nl_msg *m, u16 flags, u8 cmd)
{
	int rc = nl_msg_init(m, t->family, flags, cmd, KWASM_TLS_GENL_VERSION);

	return rc ? tt_fail("message", rc, NULL) : 0;
}

static void put_addr(struct nl_msg *m, const char *s)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, s, a) == 1)
		nl_put(m, KWASM_TLS_A_ADDR, a, 4);
	else if (inet_pton(AF_INET6, s, a) == 1)
		nl_put(m, KWASM_TLS_A_ADDR, a, 16);
	else /* raw bytes: a wrong length on purpose */
		nl_put(m, KWASM_TLS_A_ADDR, s, strlen(s));
}

static void put_peers(struct nl_msg *m, char **peers, int npeers, long gen)
{
	char name[64];
	size_t nest;
	long i;

	if (!npeers && gen < 0)
		return;
	nest = nl_nest_start(m, KWASM_TLS_A_PEERS);
	for (i = 0; i < npeers; i++)
		nl_put_str(m, KWASM_TLS_A_PEER, peers[i]);
	for (i = 0; i < gen; i++) {
		snprintf(name, sizeof(name), "dns:peer%ld.test", i);
		nl_put_str(m, KWASM_TLS_A_PEER, name);
	}
	nl_nest_end(m, nest);
}

static int cmd_add(struct tt *t, int argc, char **argv)
{
	char *peers[KWASM_TLS_PEERS_MAX * 2];
	struct nl_ext_err ext;
	int i, npeers = 0, rc;
	long gen = -1, n;
	struct nl_msg m;
	size_t nest;
	const char *bad = "";
	char *path;
	u32 id = 0;

	if (start(t, &m, NLM_F_ACK, KWASM_TLS_CMD_RULE_ADD))
		return 1;
	for (i = 0; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		bad = o;

		if (!strcmp(o, "--fail-open")) {
			nl_put(&m, KWASM_TLS_A_FAIL_OPEN, NULL, 0);
			continue;
		}
		if (!v)
			goto usage;
		i++;
		n = strtol(v, NULL, 0);
		if (!strcmp(o, "--cert-len") && n > 1 && n < 65000) {
			path = malloc(n + 1);
			if (!path)
				return tt_fail("add", -ENOMEM, NULL);
			memset(path, 'a', n);
			path[0] = '/';
			path[n] = '\0';
			nl_put_str(&m, KWASM_TLS_A_CERT, path);
			free(path);
			continue;
		}
		if (!strcmp(o, "--policy") && i + 1 < argc) {
			nest = nl_nest_start(&m, KWASM_TLS_A_POLICY);
			nl_put_str(&m, KWASM_TLS_P_MODULE, v);
			nl_put_str(&m, KWASM_TLS_P_EXPORT, argv[++i]);
			nl_nest_end(&m, nest);
			continue;
		}
		if (!strcmp(o, "--side"))
			nl_put_u8(&m, KWASM_TLS_A_SIDE, n);
		else if (!strcmp(o, "--port"))
			nl_put(&m, KWASM_TLS_A_PORT, &(u16){ n }, 2);
		else if (!strcmp(o, "--addr"))
			put_addr(&m, v);
		else if (!strcmp(o, "--prefix"))
			nl_put_u8(&m, KWASM_TLS_A_PREFIX, n);
		else if (!strcmp(o, "--uid"))
			nl_put_u32(&m, KWASM_TLS_A_UID, n);
		else if (!strcmp(o, "--cgroup"))
			nl_put_u64(&m, KWASM_TLS_A_CGROUP, strtoull(v, NULL, 0));
		else if (!strcmp(o, "--action"))
			nl_put_u8(&m, KWASM_TLS_A_ACTION, n);
		else if (!strcmp(o, "--cert"))
			nl_put_str(&m, KWASM_TLS_A_CERT, v);
		else if (!strcmp(o, "--key"))
			nl_put_str(&m, KWASM_TLS_A_KEY, v);
		else if (!strcmp(o, "--ca"))
			nl_put_str(&m, KWASM_TLS_A_CA, v);
		else if (!strcmp(o, "--sni"))
			nl_put_str(&m, KWASM_TLS_A_SNI, v);
		else if (!strcmp(o, "--timeout"))
			nl_put_u32(&m, KWASM_TLS_A_TIMEOUT_MS, n);
		else if (!strcmp(o, "--peers"))
			gen = n;
		else if (!strcmp(o, "--peer") && npeers < (int)(sizeof(peers) / sizeof(*peers)))
			peers[npeers++] = argv[i];
		else
			goto usage;
	}
	put_peers(&m, peers, npeers, gen);
	rc = nl_request(&t->nl, &m, tls_id_cb, &id, &ext);
	nl_msg_free(&m);
	if (rc)
		return tt_fail("add", rc, &ext);
	printf("%u\n", id);
	return 0;
usage:
	nl_msg_free(&m);
	fprintf(stderr, "kwasm-tlstest: add: bad option %s\n", bad);
	return 2;
}

static int cmd_del(struct tt *t, int argc, char **argv)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (argc != 1)
		return 2;
	if (start(t, &m, NLM_F_ACK, KWASM_TLS_CMD_RULE_DEL))
		return 1;
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, strtoul(argv[0], NULL, 0));
	rc = nl_request(&t->nl, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	return rc ? tt_fail("del", rc, &ext) : 0;
}

static void print_counters(const struct nlattr *nest)
{
	const struct nlattr *tb[KWASM_TLS_C_MAX + 1];
	u64 v;
	int i;

	if (!nest || nl_parse(nl_data(nest), nl_len(nest), tb, KWASM_TLS_C_MAX)) {
		printf(" counters=missing");
		return;
	}
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX; i++) {
		if (nl_get_u64(tb[i], &v))
			printf(" n_%s=%llu", tls_counter_name(i), (unsigned long long)v);
		else
			printf(" n_%s=missing", tls_counter_name(i));
	}
}

static void print_str(const struct nlattr *a, const char *name)
{
	const char *s = nl_get_str(a);
	size_t len;

	if (!s)
		return;
	len = strlen(s);
	/* Long paths: the length only. */
	if (len > 64)
		printf(" %s=<%zu bytes>", name, len);
	else
		printf(" %s=%s", name, s);
}

static int rule_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1], *pt[KWASM_TLS_P_MAX + 1], *p;
	char addr[INET6_ADDRSTRLEN];
	u32 id, uid, tmo;
	u16 port;
	u8 side, action, prefix;
	const char *sep = "";
	size_t off = 0;
	u64 cg;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &id) || !nl_get_u8(tb[KWASM_TLS_A_SIDE], &side) ||
	    !nl_get_u16(tb[KWASM_TLS_A_PORT], &port) ||
	    !nl_get_u8(tb[KWASM_TLS_A_ACTION], &action) ||
	    !nl_get_u32(tb[KWASM_TLS_A_TIMEOUT_MS], &tmo))
		return -EBADMSG;
	printf("rule id=%u side=%u port=%u action=%u timeout_ms=%u", id, side, port, action, tmo);
	if (tb[KWASM_TLS_A_ADDR] && nl_get_u8(tb[KWASM_TLS_A_PREFIX], &prefix) &&
	    inet_ntop(nl_len(tb[KWASM_TLS_A_ADDR]) == 4 ? AF_INET : AF_INET6,
		      nl_data(tb[KWASM_TLS_A_ADDR]), addr, sizeof(addr)))
		printf(" addr=%s/%u", addr, prefix);
	if (nl_get_u32(tb[KWASM_TLS_A_UID], &uid))
		printf(" uid=%u", uid);
	if (nl_get_u64(tb[KWASM_TLS_A_CGROUP], &cg))
		printf(" cgroup=%llu", (unsigned long long)cg);
	if (tb[KWASM_TLS_A_FAIL_OPEN])
		printf(" fail-open");
	print_str(tb[KWASM_TLS_A_CERT], "cert");
	print_str(tb[KWASM_TLS_A_KEY], "key");
	print_str(tb[KWASM_TLS_A_CA], "ca");
	print_str(tb[KWASM_TLS_A_SNI], "sni");
	if (tb[KWASM_TLS_A_PEERS]) {
		printf(" peers=");
		while ((p = nl_next(nl_data(tb[KWASM_TLS_A_PEERS]), nl_len(tb[KWASM_TLS_A_PEERS]),
				    &off))) {
			printf("%s%s", sep, nl_get_str(p) ? nl_get_str(p) : "?");
			sep = ",";
		}
	}
	if (tb[KWASM_TLS_A_POLICY] &&
	    !nl_parse(nl_data(tb[KWASM_TLS_A_POLICY]), nl_len(tb[KWASM_TLS_A_POLICY]), pt,
		      KWASM_TLS_P_MAX))
		printf(" policy=%s:%s", nl_get_str(pt[KWASM_TLS_P_MODULE]) ?: "?",
		       nl_get_str(pt[KWASM_TLS_P_EXPORT]) ?: "?");
	print_counters(tb[KWASM_TLS_A_COUNTERS]);
	printf("\n");
	return 0;
}

static int cmd_list(struct tt *t, int argc, char **argv)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (start(t, &m, argc ? NLM_F_ACK : NLM_F_DUMP, KWASM_TLS_CMD_RULE_LIST))
		return 1;
	if (argc)
		nl_put_u32(&m, KWASM_TLS_A_RULE_ID, strtoul(argv[0], NULL, 0));
	rc = nl_request(&t->nl, &m, rule_cb, NULL, &ext);
	nl_msg_free(&m);
	return rc ? tt_fail("list", rc, &ext) : 0;
}

struct status {
	char *buf;
	size_t len;
};

static int status_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1], *ct[KWASM_TLS_C_MAX + 1];
	struct status *st = arg;
	u32 agents, pending, wrapped;
	size_t off;
	u64 v;
	int i;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX) ||
	    !nl_get_u32(tb[KWASM_TLS_A_AGENTS], &agents) ||
	    !nl_get_u32(tb[KWASM_TLS_A_PENDING], &pending) ||
	    !nl_get_u32(tb[KWASM_TLS_A_WRAPPED], &wrapped) || !tb[KWASM_TLS_A_COUNTERS] ||
	    nl_parse(nl_data(tb[KWASM_TLS_A_COUNTERS]), nl_len(tb[KWASM_TLS_A_COUNTERS]), ct,
		     KWASM_TLS_C_MAX))
		return -EBADMSG;
	off = snprintf(st->buf, st->len, "agents=%u pending=%u wrapped=%u", agents, pending,
		       wrapped);
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX && off < st->len; i++) {
		if (!nl_get_u64(ct[i], &v))
			return -EBADMSG;
		off += snprintf(st->buf + off, st->len - off, " n_%s=%llu", tls_counter_name(i),
				(unsigned long long)v);
	}
	return 0;
}

/**
 * tt_status_line() - KWASM_TLS_CMD_STATUS as one line
 * @t: the connection
 * @buf: out: the line
 * @len: its size
 *
 * Return: 0 or the exit status after an error message.
 */
int tt_status_line(struct tt *t, char *buf, size_t len)
{
	struct status st = { buf, len };
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	buf[0] = '\0';
	if (start(t, &m, NLM_F_ACK, KWASM_TLS_CMD_STATUS))
		return 1;
	rc = nl_request(&t->nl, &m, status_cb, &st, &ext);
	nl_msg_free(&m);
	return rc ? tt_fail("status", rc, &ext) : 0;
}

static int cmd_status(struct tt *t, bool join)
{
	char line[512];
	struct tt l;
	int rc;

	/* A second socket listens, so the first one's replies stay apart. */
	if (join) {
		rc = tt_open(&l);
		if (!rc)
			rc = tt_join(&l);
		if (rc)
			return rc;
	}
	rc = tt_status_line(t, line, sizeof(line));
	if (!rc)
		printf("%s\n", line);
	if (join)
		nl_close(&l.nl);
	return rc;
}

int main(int argc, char **argv)
{
	struct tt t;
	int rc;

	if (argc < 2) {
		fputs("usage: kwasm-tlstest add|del|list|status|join-status|agent|conn|fuzz\n",
		      stderr);
		return 2;
	}
	rc = tt_open(&t);
	if (rc)
		return rc;
	if (!strcmp(argv[1], "add"))
		rc = cmd_add(&t, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "del"))
		rc = cmd_del(&t, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "list"))
		rc = cmd_list(&t, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "status"))
		rc = cmd_status(&t, false);
	else if (!strcmp(argv[1], "join-status"))
		rc = cmd_status(&t, true);
	else if (!strcmp(argv[1], "agent"))
		rc = tt_agent(&t, argc - 2, argv + 2);
	else if (!strcmp(argv[1], "conn"))
		rc = tt_conn(argc - 2, argv + 2);
	else if (!strcmp(argv[1], "fuzz"))
		rc = tt_fuzz(&t, argc - 2, argv + 2);
	else
		rc = 2;
	nl_close(&t.nl);
	return rc;
}
