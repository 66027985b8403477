// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm tls add|del|list|status: the rules of transparent mutual TLS, held
 * by kwasm.ko in the "kwasm_tls" generic netlink family; the handshakes are
 * kwasm-tlsd's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "tls.h"

#define TLS_ADD_ARGS \
	"add --server|--client --port N [--addr A/P] [--uid N] [--cgroup PATH]\n" \
	"         [--action tls|tls-server-only|passthrough|deny] [--cert F --key F]\n" \
	"         [--ca F] [--peer dns:NAME|uri:URI]... [--sni NAME]\n" \
	"         [--policy MODULE:EXPORT] [--timeout-ms N] [--fail-open]"

/**
 * struct tls_rules - the rules a RULE_LIST reply carried
 * @v: the rules
 * @n: how many
 * @err: the first decoding error
 */
struct tls_rules {
	struct tls_rule *v;
	unsigned int n;
	int err;
};

static int tls_usage(const char *cmd, const char *why)
{
	if (why)
		fprintf(stderr, "kwasm: %s: %s\n", cmd, why);
	fprintf(stderr, "Usage: kwasm tls %s\n", TLS_ADD_ARGS);
	fprintf(stderr, "       kwasm tls del ID | list [-j] [ID] | status [-j]\n");
	return EXIT_ERROR;
}

/* The kernel's reason if it gave one; our own words for the common errors. */
static int tls_fail(const struct kconn *k, int err, const struct nl_ext_err *ext, u32 id)
{
	return kfail_say(k, err, ext, "CAP_NET_ADMIN", id ? "no rule %u" : NULL, id);
}

static int tls_connect(struct kconn *k, const char *cmd)
{
	char missing[128];

	snprintf(missing, sizeof(missing), "%s: no %s family: is kwasm.ko loaded? %s", cmd,
		 KWASM_TLS_GENL_NAME, "(try: modprobe kwasm)");
	return kconnect_family(k, cmd, KWASM_TLS_GENL_NAME, KWASM_TLS_GENL_VERSION, missing);
}

static int tls_add(int argc, char **argv)
{
	struct nl_ext_err ext;
	struct tls_rule r;
	struct nl_msg m;
	struct kconn k;
	char err[512];
	u32 id = 0;
	int rc;

	if (tls_rule_parse(argc, argv, &r, err, sizeof(err))) {
		tls_rule_free(&r);
		return tls_usage("tls add", err);
	}
	if (tls_connect(&k, "tls add")) {
		tls_rule_free(&r);
		return EXIT_ERROR;
	}
	rc = kmsg(&k, &m, KWASM_TLS_CMD_RULE_ADD, NLM_F_ACK);
	if (!rc) {
		tls_rule_put(&m, &r);
		rc = ksend(&k, &m, tls_id_cb, &id, &ext);
		if (rc)
			rc = tls_fail(&k, rc, &ext, 0);
		else
			printf("rule %u\n", id);
	}
	nl_close(&k.sock);
	tls_rule_free(&r);
	return rc;
}

static bool parse_id(const char *s, u32 *id)
{
	char *end;
	unsigned long v;

	if (!s || *s < '1' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v > 0xffffffffu)
		return false;
	*id = v;
	return true;
}

static int tls_del(int argc, char **argv)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	struct kconn k;
	u32 id;
	int rc;

	if (argc != 1 || !parse_id(argv[0], &id))
		return tls_usage("tls del", "give one rule id");
	if (tls_connect(&k, "tls del"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_TLS_CMD_RULE_DEL, NLM_F_ACK);
	if (!rc) {
		nl_put_u32(&m, KWASM_TLS_A_RULE_ID, id);
		rc = ksend(&k, &m, NULL, NULL, &ext);
		rc = rc ? tls_fail(&k, rc, &ext, id) : EXIT_OK;
	}
	nl_close(&k.sock);
	return rc;
}

static int rule_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	struct tls_rules *l = arg;
	struct tls_rule *v;
	int rc;

	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	rc = tls_rule_from_attrs(attrs, len, &l->v[l->n]);
	l->n++;
	return rc;
}

static void rules_free(struct tls_rules *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		tls_rule_free(&l->v[i]);
	free(l->v);
}

static const char *side_name(u8 side)
{
	return side == KWASM_TLS_SERVER ? "server" : side == KWASM_TLS_CLIENT ? "client" : "?";
}

static const char *addr_text(const struct tls_rule *r, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(r->addr_len == 4 ? AF_INET : AF_INET6, r->addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, len, "%s/%u", a, r->prefix);
	return buf;
}

static void print_counters(const u64 *c, const char *indent)
{
	unsigned int i;

	printf("%s", indent);
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX; i++)
		printf("%s%s %llu", i == KWASM_TLS_C_MATCHED ? "" : ", ", tls_counter_name(i),
		       (unsigned long long)c[i]);
	putchar('\n');
}

static void print_rule(const struct tls_rule *r)
{
	const char *act = tls_action_name(r->action);
	char addr[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	printf("rule %u: %s port %u", r->id, side_name(r->side), r->port);
	if (r->addr_len)
		printf(" addr %s", addr_text(r, addr, sizeof(addr)));
	if (r->has_uid)
		printf(" uid %u", r->uid);
	if (r->cgroup)
		printf(" cgroup %llu", (unsigned long long)r->cgroup);
	if (act)
		printf(" -> %s", act);
	else
		printf(" -> action %u", r->action);
	if (r->action == KWASM_TLS_ACT_TLS || r->action == KWASM_TLS_ACT_SERVER_ONLY)
		printf(", timeout %u ms, %s", r->timeout_ms ? r->timeout_ms :
		       KWASM_TLS_TIMEOUT_DEFAULT, r->fail_open ? "fail-open" : "fail-closed");
	putchar('\n');
	if (r->cert || r->key)
		printf("  cert %s key %s\n", r->cert ? r->cert : "-", r->key ? r->key : "-");
	if (r->ca)
		printf("  ca %s\n", r->ca);
	if (r->npeers) {
		printf("  peers");
		for (i = 0; i < r->npeers; i++)
			printf(" %s", r->peers[i]);
		putchar('\n');
	}
	if (r->sni)
		printf("  sni %s\n", r->sni);
	if (r->module)
		printf("  policy %s:%s\n", r->module, r->export ? r->export : "?");
	if (r->has_counters)
		print_counters(r->counters, "  ");
}

static void json_opt_str(const char *key, const char *s)
{
	printf(",\"%s\":", key);
	if (s)
		kjson_str(s);
	else
		printf("null");
}

static void json_counters(const u64 *c)
{
	unsigned int i;

	printf("{");
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX; i++)
		printf("%s\"%s\":%llu", i == KWASM_TLS_C_MATCHED ? "" : ",", tls_counter_name(i),
		       (unsigned long long)c[i]);
	printf("}");
}

static void json_rule(const struct tls_rule *r)
{
	const char *act = tls_action_name(r->action);
	char addr[INET6_ADDRSTRLEN + 8];
	unsigned int i;

	printf("{\"id\":%u,\"side\":\"%s\",\"port\":%u", r->id, side_name(r->side), r->port);
	json_opt_str("addr", r->addr_len ? addr_text(r, addr, sizeof(addr)) : NULL);
	if (r->has_uid)
		printf(",\"uid\":%u", r->uid);
	else
		printf(",\"uid\":null");
	printf(",\"cgroup\":%llu", (unsigned long long)r->cgroup);
	if (act)
		printf(",\"action\":\"%s\"", act);
	else
		printf(",\"action\":%u", r->action);
	json_opt_str("cert", r->cert);
	json_opt_str("key", r->key);
	json_opt_str("ca", r->ca);
	printf(",\"peers\":[");
	for (i = 0; i < r->npeers; i++) {
		printf(i ? "," : "");
		kjson_str(r->peers[i]);
	}
	printf("]");
	json_opt_str("sni", r->sni);
	json_opt_str("policy_module", r->module);
	json_opt_str("policy_export", r->export);
	printf(",\"timeout_ms\":%u,\"fail_open\":%s,\"counters\":",
	       r->timeout_ms ? r->timeout_ms : KWASM_TLS_TIMEOUT_DEFAULT,
	       r->fail_open ? "true" : "false");
	json_counters(r->counters);
	printf("}");
}

static int tls_list(int argc, char **argv)
{
	struct tls_rules l = { 0 };
	struct nl_ext_err ext;
	bool json = false;
	struct nl_msg m;
	struct kconn k;
	u32 id = 0;
	unsigned int i;
	int rc;

	for (i = 0; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			json = true;
		else if (id || !parse_id(argv[i], &id))
			return tls_usage("tls list", "give -j, a rule id, or both");
	}
	if (tls_connect(&k, "tls list"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_TLS_CMD_RULE_LIST, id ? NLM_F_ACK : NLM_F_DUMP);
	if (!rc) {
		if (id)
			nl_put_u32(&m, KWASM_TLS_A_RULE_ID, id);
		rc = ksend(&k, &m, rule_cb, &l, &ext);
		if (rc) {
			rc = tls_fail(&k, rc, &ext, id);
		} else if (json) {
			printf("[");
			for (i = 0; i < l.n; i++) {
				printf(i ? ",\n " : "");
				json_rule(&l.v[i]);
			}
			printf("]\n");
		} else {
			for (i = 0; i < l.n; i++)
				print_rule(&l.v[i]);
		}
	}
	rules_free(&l);
	nl_close(&k.sock);
	return rc;
}

/**
 * struct tls_status - what STATUS says
 * @agents: agents listening
 * @pending: handshakes waiting for one
 * @wrapped: sockets carrying kTLS through kwasm
 * @counters: the namespace's totals, KWASM_TLS_C_*
 */
struct tls_status {
	u32 agents;
	u32 pending;
	u32 wrapped;
	u64 counters[KWASM_TLS_C_MAX + 1];
};

static int status_cb(const struct genlmsghdr *genl, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1];
	struct tls_status *s = arg;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX))
		return -EBADMSG;
	nl_get_u32(tb[KWASM_TLS_A_AGENTS], &s->agents);
	nl_get_u32(tb[KWASM_TLS_A_PENDING], &s->pending);
	nl_get_u32(tb[KWASM_TLS_A_WRAPPED], &s->wrapped);
	return nl_get_u64_table(tb[KWASM_TLS_A_COUNTERS], s->counters,
				KWASM_TLS_C_PAD + 1, KWASM_TLS_C_MAX);
}

static int tls_status(int argc, char **argv)
{
	struct tls_status s = { 0 };
	struct nl_ext_err ext;
	struct nl_msg m;
	struct kconn k;
	bool json;
	int rc;

	json = argc == 1 && (!strcmp(argv[0], "-j") || !strcmp(argv[0], "--json"));
	if (argc > 1 || (argc == 1 && !json))
		return tls_usage("tls status", "give -j or nothing");
	if (tls_connect(&k, "tls status"))
		return EXIT_ERROR;
	rc = kmsg(&k, &m, KWASM_TLS_CMD_STATUS, NLM_F_ACK);
	if (!rc) {
		rc = ksend(&k, &m, status_cb, &s, &ext);
		if (rc) {
			rc = tls_fail(&k, rc, &ext, 0);
		} else if (json) {
			printf("{\"agents\":%u,\"pending\":%u,\"wrapped\":%u,\"counters\":",
			       s.agents, s.pending, s.wrapped);
			json_counters(s.counters);
			printf("}\n");
		} else {
			printf("agents %u, pending %u, wrapped %u%s\n", s.agents, s.pending,
			       s.wrapped, s.agents ? "" : " (no kwasm-tlsd running)");
			print_counters(s.counters, "");
		}
	}
	nl_close(&k.sock);
	return rc;
}

/**
 * cmd_tls() - the `kwasm tls` subcommand
 * @argc: argument count, argv[0] being "tls"
 * @argv: arguments
 *
 * Return: EXIT_OK or EXIT_ERROR.
 */
int cmd_tls(int argc, char **argv)
{
	if (argc < 2)
		return tls_usage("tls", "give add, del, list or status");
	if (!strcmp(argv[1], "add"))
		return tls_add(argc - 2, argv + 2);
	if (!strcmp(argv[1], "del"))
		return tls_del(argc - 2, argv + 2);
	if (!strcmp(argv[1], "list"))
		return tls_list(argc - 2, argv + 2);
	if (!strcmp(argv[1], "status"))
		return tls_status(argc - 2, argv + 2);
	return tls_usage("tls", "give add, del, list or status");
}
