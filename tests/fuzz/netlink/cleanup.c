// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the end of a run.  TLS rules go first (cleanup_tls.c): a
 * rule's policy names a module.  Then every module name the fuzzer used, and
 * every module a LIST dump shows that was not there before the run (a bit
 * flip may have loaded one under a name nobody chose), is detached from its
 * netfilter hooks and unloaded; importers go before the modules they
 * import from, so this takes a few passes.  A module left over is a finding.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nlfuzz.h"

#define FZ_MAX_LEFT	128
#define FZ_PASSES	10

/**
 * struct fz_left - modules to unload
 * @name: their names
 * @n: their number
 */
struct fz_left {
	char name[FZ_MAX_LEFT][KWASM_NAME_MAX];
	int n;
};

static void add_name(struct fz_left *l, const char *name)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], name))
			return;
	if (l->n < FZ_MAX_LEFT && strlen(name) < KWASM_NAME_MAX)
		strcpy(l->name[l->n++], name);
}

/* Modules loaded before the run, by someone else: left alone. */
static struct fz_left before;

static bool ours(const char *name)
{
	int i;

	if (!strncmp(name, "fz_", 3))
		return true;
	for (i = 0; i < before.n; i++)
		if (!strcmp(before.name[i], name))
			return false;
	return true;
}

static int dump_cb(const struct genlmsghdr *g, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_NAME + 1];
	const char *name;

	if (nl_parse(attrs, len, tb, KWASM_A_NAME))
		return 0;
	name = nl_get_str(tb[KWASM_A_NAME]);
	if (name && (arg == &before || ours(name)))
		add_name(arg, name);
	return 0;
}

static int list_all(struct nl_sock *s, struct fz_left *l)
{
	struct nl_msg m;
	int rc;

	if (nl_msg_init(&m, fz_cfg.family, NLM_F_DUMP, KWASM_CMD_LIST, KWASM_GENL_VERSION))
		return -ENOMEM;
	rc = nl_request(s, &m, dump_cb, l, NULL);
	nl_msg_free(&m);
	return rc;
}

static int detach(struct nl_sock *s, const char *name, const struct nlattr *entry)
{
	const struct nlattr *tb[KWASM_T_MAX + 1];
	struct nl_msg m;
	uint32_t hook;
	int rc;

	if (nl_parse(nl_data(entry), nl_len(entry), tb, KWASM_T_MAX) ||
	    !nl_get_u32(tb[KWASM_T_HOOK], &hook) || !tb[KWASM_T_EXPORT])
		return -EBADMSG;
	if (nl_msg_init(&m, fz_cfg.family, NLM_F_ACK, KWASM_CMD_DETACH, KWASM_GENL_VERSION))
		return -ENOMEM;
	nl_put_str(&m, KWASM_A_NAME, name);
	/* The name as LIST sent it: its bytes and one NUL. */
	nl_put(&m, KWASM_A_EXPORT, nl_data(tb[KWASM_T_EXPORT]), nl_len(tb[KWASM_T_EXPORT]));
	nl_put_u32(&m, KWASM_A_HOOK, hook);
	rc = nl_request(s, &m, NULL, NULL, NULL);
	nl_msg_free(&m);
	return rc;
}

static int detach_cb(const struct genlmsghdr *g, const void *attrs, size_t len, void *arg)
{
	const struct nlattr *tb[KWASM_A_ATTACHMENTS + 1], *name, *a;
	struct nl_sock *s = arg;
	size_t off = 0;

	if (nl_parse(attrs, len, tb, KWASM_A_ATTACHMENTS) || !tb[KWASM_A_ATTACHMENTS])
		return 0;
	name = tb[KWASM_A_NAME];
	if (!nl_get_str(name))
		return 0;
	while ((a = nl_next(nl_data(tb[KWASM_A_ATTACHMENTS]), nl_len(tb[KWASM_A_ATTACHMENTS]),
			    &off)))
		detach(s + 1, nl_get_str(name), a);
	return 0;
}

/* Detach everything @name has attached, then unload it. */
static int remove_one(struct nl_sock *s, const char *name)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	int rc;

	if (nl_msg_init(&m, fz_cfg.family, NLM_F_ACK, KWASM_CMD_LIST, KWASM_GENL_VERSION))
		return -ENOMEM;
	nl_put_str(&m, KWASM_A_NAME, name);
	/* The LIST reply is read on s[0]; detaches go out on s[1] meanwhile. */
	rc = nl_request(&s[0], &m, detach_cb, s, NULL);
	nl_msg_free(&m);
	if (rc == -ENOENT)
		return 0;
	if (nl_msg_init(&m, fz_cfg.family, NLM_F_ACK, KWASM_CMD_UNLOAD, KWASM_GENL_VERSION))
		return -ENOMEM;
	nl_put_str(&m, KWASM_A_NAME, name);
	rc = nl_request(&s[0], &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	if (rc == -ENOENT)
		return 0;
	if (rc)
		fprintf(stderr, "nlfuzz: cleanup: unload %s: %s%s%s\n", name, strerror(-rc),
			ext.msg[0] ? ": " : "", ext.msg);
	return rc;
}

/**
 * fz_pool_snapshot() - remember the modules loaded before the run
 * @s: a socket
 *
 * Return: 0 or a negative errno.
 */
int fz_pool_snapshot(struct nl_sock *s)
{
	return list_all(s, &before);
}

/**
 * fz_pool_cleanup() - delete the run's TLS rules, detach and unload every
 *	module the fuzzer may have loaded
 *
 * Runs in its own process (the parent bounds its time).  Rules and modules
 * left are findings.
 *
 * Return: the number of rules and modules left.
 */
int fz_pool_cleanup(void)
{
	static struct fz_left l;
	struct nl_sock s[2];
	int i, pass, rc, left = 0, rules;

	if (fz_sock_open(&s[0]) || fz_sock_open(&s[1])) {
		fz_finding("cleanup: cannot open a netlink socket");
		return -1;
	}
	rules = fz_tls_cleanup(&s[0]);
	for (i = 0; i < FZ_NAMES; i++)
		if (fz_sh->used[i])
			add_name(&l, fz_pool[i].name);
	if (list_all(&s[0], &l))
		fz_finding("cleanup: LIST dump failed");
	for (i = 0; i < l.n; i++)
		if (strncmp(l.name[i], "fz_", 3))
			fprintf(stderr, "nlfuzz: cleanup: %s was loaded under a mangled name\n",
				l.name[i]);
	for (pass = 0; pass < FZ_PASSES; pass++) {
		left = 0;
		for (i = 0; i < l.n; i++) {
			if (!l.name[i][0])
				continue;
			rc = remove_one(s, l.name[i]);
			if (!rc)
				l.name[i][0] = 0;
			else
				left++;
		}
		if (!left)
			break;
		/* Importers went first in this pass; netns teardown is asynchronous. */
		usleep(200000);
	}
	l.n = 0;
	if (list_all(&s[0], &l))
		fz_finding("cleanup: LIST dump failed");
	for (i = 0; i < l.n; i++)
		fz_finding("cleanup: module %s is still loaded", l.name[i]);
	nl_close(&s[0]);
	nl_close(&s[1]);
	return l.n + (rules ? 1 : 0);
}
