// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm tls add: the rule on the command line, checked before the kernel
 * sees it, and the rule in netlink attributes both ways.
 *
 * Relative certificate, key and CA paths are made absolute against the
 * current directory: the kernel keeps the path and the agent, with another
 * working directory, opens it.  Symbolic links are kept, not resolved, so
 * a certificate renewed by swapping a link is picked up by the next
 * handshake.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cli.h"
#include "tls.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

#define CGROUP_ROOT	"/sys/fs/cgroup"
#define SNI_MAX		253

static int bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool number(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return !*end && !errno && *out <= max;
}

/* An existing file, its path made absolute. */
static int file_opt(const char *opt, const char *s, char **out, char *err, size_t errlen)
{
	char cwd[KWASM_TLS_PATH_MAX];
	struct stat st;
	int n;

	if (*out)
		return bad(err, errlen, "%s given twice", opt);
	if (!*s)
		return bad(err, errlen, "%s needs a file", opt);
	if (stat(s, &st))
		return bad(err, errlen, "%s %s: %s", opt, s, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return bad(err, errlen, "%s %s: not a regular file", opt, s);
	if (s[0] == '/') {
		*out = strdup(s);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return bad(err, errlen, "%s %s: %s", opt, s, strerror(errno));
		n = asprintf(out, "%s/%s", strcmp(cwd, "/") ? cwd : "", s);
		if (n < 0)
			*out = NULL;
	}
	if (!*out)
		return bad(err, errlen, "out of memory");
	if (strlen(*out) >= KWASM_TLS_PATH_MAX)
		return bad(err, errlen, "%s %s: path too long", opt, s);
	return 0;
}

static int addr_opt(const char *s, struct tls_rule *r, char *err, size_t errlen)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	unsigned long long prefix;
	unsigned int i, bits;

	if (r->addr_len)
		return bad(err, errlen, "--addr given twice");
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = 0;
	if (inet_pton(AF_INET, buf, r->addr) == 1)
		r->addr_len = 4;
	else if (inet_pton(AF_INET6, buf, r->addr) == 1)
		r->addr_len = 16;
	else
		return bad(err, errlen, "--addr %s: not an IPv4 or IPv6 address", s);
	bits = r->addr_len * 8;
	if (slash && !number(slash, bits, &prefix))
		return bad(err, errlen, "--addr %s: prefix length must be 0 to %u", s, bits);
	r->prefix = slash ? prefix : bits;
	/* Like `ip route`: an address with host bits set is probably a typo. */
	for (i = r->prefix; i < bits; i++)
		if (r->addr[i / 8] & (0x80 >> (i % 8)))
			return bad(err, errlen, "--addr %s: host bits set beyond /%u", s,
				   r->prefix);
	return 0;
}

static bool peer_ok(const char *p)
{
	size_t n = strlen(p);

	if ((strncmp(p, "dns:", 4) && strncmp(p, "uri:", 4)) || n < 5 ||
	    n >= KWASM_TLS_PEER_MAX)
		return false;
	for (p += 4; *p; p++)
		if (*p <= ' ' || *p > '~')
			return false;
	return true;
}

static bool sni_ok(const char *s)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.";
	size_t n = strlen(s);

	return n && n <= SNI_MAX && strspn(s, ok) == n;
}

static int policy_opt(const char *s, struct tls_rule *r, char *err, size_t errlen)
{
	const char *colon = strchr(s, ':');
	size_t n = colon ? colon - s : 0;

	if (r->module)
		return bad(err, errlen, "--policy given twice");
	if (!colon || !n || !colon[1] || n >= 64 ||
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") != n)
		return bad(err, errlen, "--policy %s: expected MODULE:EXPORT", s);
	r->module = strndup(s, n);
	r->export = strdup(colon + 1);
	return r->module && r->export ? 0 : bad(err, errlen, "out of memory");
}

/**
 * tls_cgroup_id() - the id of a cgroup v2 directory, as the kernel names it
 * @path: absolute, or relative to /sys/fs/cgroup ("system.slice/x.service")
 * @id: out: the id (what bpf_get_current_cgroup_id() returns for its tasks)
 * @err: out: why not
 * @errlen: size of @err
 *
 * Return: 0 or -EINVAL.
 */
int tls_cgroup_id(const char *path, u64 *id, char *err, size_t errlen)
{
	struct {
		struct file_handle fh;
		u64 id;
	} h = { .fh.handle_bytes = sizeof(u64) };
	char full[KWASM_TLS_PATH_MAX];
	struct statfs sf;
	int mnt;

	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", CGROUP_ROOT, path);
	if (statfs(full, &sf))
		return bad(err, errlen, "--cgroup %s: %s", full, strerror(errno));
	if (sf.f_type != CGROUP2_SUPER_MAGIC)
		return bad(err, errlen, "--cgroup %s: not in a cgroup v2 file system", full);
	if (name_to_handle_at(AT_FDCWD, full, &h.fh, &mnt, 0) ||
	    h.fh.handle_bytes != sizeof(u64))
		return bad(err, errlen, "--cgroup %s: no cgroup id: %s", full, strerror(errno));
	memcpy(id, h.fh.f_handle, sizeof(*id));
	return 0;
}

static int one_opt(const char *opt, const char *v, struct tls_rule *r, char *err, size_t errlen)
{
	unsigned long long n;
	unsigned int i;

	if (!strcmp(opt, "--port")) {
		if (r->port || !number(v, 65535, &n) || !n)
			return bad(err, errlen, "--port needs a port from 1 to 65535, once");
		r->port = n;
	} else if (!strcmp(opt, "--addr")) {
		return addr_opt(v, r, err, errlen);
	} else if (!strcmp(opt, "--uid")) {
		if (r->has_uid || !number(v, 0xfffffffeu, &n))
			return bad(err, errlen, "--uid needs a numeric uid, once");
		r->uid = n;
		r->has_uid = true;
	} else if (!strcmp(opt, "--cgroup")) {
		if (r->cgroup)
			return bad(err, errlen, "--cgroup given twice");
		return tls_cgroup_id(v, &r->cgroup, err, errlen);
	} else if (!strcmp(opt, "--action")) {
		i = tls_action_parse(v);
		if (r->action || !i)
			return bad(err, errlen,
				   "--action needs tls, tls-server-only, passthrough or deny, once");
		r->action = i;
	} else if (!strcmp(opt, "--cert")) {
		return file_opt(opt, v, &r->cert, err, errlen);
	} else if (!strcmp(opt, "--key")) {
		return file_opt(opt, v, &r->key, err, errlen);
	} else if (!strcmp(opt, "--ca")) {
		return file_opt(opt, v, &r->ca, err, errlen);
	} else if (!strcmp(opt, "--peer")) {
		if (!peer_ok(v))
			return bad(err, errlen, "--peer %s: expected dns:NAME or uri:URI", v);
		if (r->npeers == KWASM_TLS_PEERS_MAX)
			return bad(err, errlen, "more than %d --peer", KWASM_TLS_PEERS_MAX);
		r->peers[r->npeers] = strdup(v);
		if (!r->peers[r->npeers++])
			return bad(err, errlen, "out of memory");
	} else if (!strcmp(opt, "--sni")) {
		if (r->sni || !sni_ok(v))
			return bad(err, errlen, "--sni needs a host name, once");
		r->sni = strdup(v);
		if (!r->sni)
			return bad(err, errlen, "out of memory");
	} else if (!strcmp(opt, "--policy")) {
		return policy_opt(v, r, err, errlen);
	} else if (!strcmp(opt, "--timeout-ms")) {
		if (r->timeout_ms || !number(v, KWASM_TLS_TIMEOUT_MAX, &n) ||
		    n < KWASM_TLS_TIMEOUT_MIN)
			return bad(err, errlen, "--timeout-ms needs a number from %d to %d, once",
				   KWASM_TLS_TIMEOUT_MIN, KWASM_TLS_TIMEOUT_MAX);
		r->timeout_ms = n;
	} else {
		return bad(err, errlen, "unknown option %s", opt);
	}
	return 0;
}

/* What each side and action needs, and what it cannot use. */
static int check(struct tls_rule *r, char *err, size_t errlen)
{
	bool server = r->side == KWASM_TLS_SERVER, tls;
	const char *act;

	if (!r->side)
		return bad(err, errlen, "give --server or --client");
	if (!r->port)
		return bad(err, errlen, "give --port");
	if (!r->action)
		r->action = KWASM_TLS_ACT_TLS;
	act = tls_action_name(r->action);
	tls = r->action == KWASM_TLS_ACT_TLS || r->action == KWASM_TLS_ACT_SERVER_ONLY;
	if (server && (r->addr_len || r->sni))
		return bad(err, errlen, "--addr and --sni are for --client rules");
	if (!tls && (r->cert || r->key || r->ca || r->npeers || r->sni || r->timeout_ms ||
		     r->fail_open))
		return bad(err, errlen, "--action %s takes no TLS options", act);
	/* A passthrough rule's policy runs before the gate opens; deny has none. */
	if (r->module && r->action == KWASM_TLS_ACT_DENY)
		return bad(err, errlen, "--action deny takes no --policy");
	if (!tls)
		return 0;
	if (!r->cert != !r->key)
		return bad(err, errlen, "--cert and --key go together");
	if (r->action == KWASM_TLS_ACT_TLS && !r->cert)
		return bad(err, errlen, "--action tls needs --cert and --key on both sides");
	if (r->action == KWASM_TLS_ACT_SERVER_ONLY && server && !r->cert)
		return bad(err, errlen, "a server needs --cert and --key");
	if (r->action == KWASM_TLS_ACT_SERVER_ONLY && !server && r->cert)
		return bad(err, errlen, "a tls-server-only client presents no certificate");
	if (r->action == KWASM_TLS_ACT_SERVER_ONLY && server && (r->ca || r->npeers))
		return bad(err, errlen, "%s: no --ca or --peer",
			   "a tls-server-only server verifies no client");
	if (!r->ca && !(r->action == KWASM_TLS_ACT_SERVER_ONLY && server))
		return bad(err, errlen, "give --ca, the bundle that verifies the peer");
	return 0;
}

/**
 * tls_rule_parse() - a rule from the options of `kwasm tls add`
 * @argc: number of options
 * @argv: the options (after "add")
 * @r: out: the rule; tls_rule_free() it, also on failure
 * @err: out: what is wrong, on failure
 * @errlen: size of @err
 *
 * Files must exist; their paths are made absolute; a cgroup path becomes
 * its id.  The kernel checks the rest (modules, limits, duplicates).
 *
 * Return: 0 or -EINVAL.
 */
int tls_rule_parse(int argc, char **argv, struct tls_rule *r, char *err, size_t errlen)
{
	const char *opt;
	int i, rc;

	memset(r, 0, sizeof(*r));
	err[0] = 0;
	for (i = 0; i < argc; i++) {
		opt = argv[i];
		if (!strcmp(opt, "--server") || !strcmp(opt, "--client")) {
			if (r->side)
				return bad(err, errlen, "give one of --server and --client");
			r->side = opt[2] == 's' ? KWASM_TLS_SERVER : KWASM_TLS_CLIENT;
			continue;
		}
		if (!strcmp(opt, "--fail-open")) {
			r->fail_open = true;
			continue;
		}
		if (strncmp(opt, "--", 2))
			return bad(err, errlen, "unexpected argument %s", opt);
		if (i + 1 == argc)
			return bad(err, errlen, "%s needs a value", opt);
		rc = one_opt(opt, argv[++i], r, err, errlen);
		if (rc)
			return rc;
	}
	return check(r, err, errlen);
}

/**
 * tls_rule_free() - free the strings of a rule
 * @r: the rule; it can be parsed into again
 */
void tls_rule_free(struct tls_rule *r)
{
	unsigned int i;

	free(r->cert);
	free(r->key);
	free(r->ca);
	free(r->sni);
	free(r->module);
	free(r->export);
	for (i = 0; i < r->npeers; i++)
		free(r->peers[i]);
	memset(r, 0, sizeof(*r));
}

/**
 * tls_rule_put() - the attributes of RULE_ADD
 * @m: the message
 * @r: the rule
 */
void tls_rule_put(struct nl_msg *m, const struct tls_rule *r)
{
	unsigned int i;
	size_t nest;

	nl_put_u8(m, KWASM_TLS_A_SIDE, r->side);
	nl_put(m, KWASM_TLS_A_PORT, &r->port, sizeof(r->port));
	if (r->addr_len) {
		nl_put(m, KWASM_TLS_A_ADDR, r->addr, r->addr_len);
		nl_put_u8(m, KWASM_TLS_A_PREFIX, r->prefix);
	}
	if (r->has_uid)
		nl_put_u32(m, KWASM_TLS_A_UID, r->uid);
	if (r->cgroup)
		nl_put_u64(m, KWASM_TLS_A_CGROUP, r->cgroup);
	nl_put_u8(m, KWASM_TLS_A_ACTION, r->action);
	if (r->cert)
		nl_put_str(m, KWASM_TLS_A_CERT, r->cert);
	if (r->key)
		nl_put_str(m, KWASM_TLS_A_KEY, r->key);
	if (r->ca)
		nl_put_str(m, KWASM_TLS_A_CA, r->ca);
	if (r->npeers) {
		nest = nl_nest_start(m, KWASM_TLS_A_PEERS);
		for (i = 0; i < r->npeers; i++)
			nl_put_str(m, KWASM_TLS_A_PEER, r->peers[i]);
		nl_nest_end(m, nest);
	}
	if (r->sni)
		nl_put_str(m, KWASM_TLS_A_SNI, r->sni);
	if (r->module) {
		nest = nl_nest_start(m, KWASM_TLS_A_POLICY);
		nl_put_str(m, KWASM_TLS_P_MODULE, r->module);
		nl_put_str(m, KWASM_TLS_P_EXPORT, r->export);
		nl_nest_end(m, nest);
	}
	if (r->timeout_ms)
		nl_put_u32(m, KWASM_TLS_A_TIMEOUT_MS, r->timeout_ms);
	if (r->fail_open)
		nl_put(m, KWASM_TLS_A_FAIL_OPEN, NULL, 0);
}

static int dup_str(const struct nlattr *a, char **out)
{
	const char *s;

	if (!a)
		return 0;
	s = nl_get_str(a);
	if (!s)
		return -EBADMSG;
	*out = strdup(s);
	return *out ? 0 : -ENOMEM;
}

static int add_peer(const struct nlattr *a, u16 type, void *arg)
{
	struct tls_rule *r = arg;
	int rc;

	if (r->npeers == KWASM_TLS_PEERS_MAX)
		return -EBADMSG;
	rc = dup_str(a, &r->peers[r->npeers]);
	if (!rc)
		r->npeers++;
	return rc;
}

static int peers(const struct nlattr *nest, struct tls_rule *r)
{
	return nl_nest_each(nest, KWASM_TLS_A_PEER, KWASM_TLS_A_PEER, add_peer, r);
}

/**
 * tls_rule_from_attrs() - a rule from a RULE_LIST reply
 * @attrs: the attributes after the genetlink header
 * @len: their length
 * @r: out: the rule; tls_rule_free() it, also on failure
 *
 * Return: 0, -EBADMSG if malformed or without a rule id, or -ENOMEM.
 */
int tls_rule_from_attrs(const void *attrs, size_t len, struct tls_rule *r)
{
	const struct nlattr *tb[KWASM_TLS_A_MAX + 1], *pt[KWASM_TLS_P_MAX + 1];
	const struct nlattr *addr;

	memset(r, 0, sizeof(*r));
	if (nl_parse(attrs, len, tb, KWASM_TLS_A_MAX) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &r->id))
		return -EBADMSG;
	nl_get_u8(tb[KWASM_TLS_A_SIDE], &r->side);
	nl_get_u16(tb[KWASM_TLS_A_PORT], &r->port);
	addr = tb[KWASM_TLS_A_ADDR];
	if (addr && (nl_len(addr) == 4 || nl_len(addr) == 16)) {
		r->addr_len = nl_len(addr);
		memcpy(r->addr, nl_data(addr), r->addr_len);
		r->prefix = r->addr_len * 8;
		nl_get_u8(tb[KWASM_TLS_A_PREFIX], &r->prefix);
	}
	r->has_uid = nl_get_u32(tb[KWASM_TLS_A_UID], &r->uid);
	nl_get_u64(tb[KWASM_TLS_A_CGROUP], &r->cgroup);
	r->action = KWASM_TLS_ACT_TLS;
	nl_get_u8(tb[KWASM_TLS_A_ACTION], &r->action);
	nl_get_u32(tb[KWASM_TLS_A_TIMEOUT_MS], &r->timeout_ms);
	r->fail_open = !!tb[KWASM_TLS_A_FAIL_OPEN];
	r->has_counters = !!tb[KWASM_TLS_A_COUNTERS];
	if (tb[KWASM_TLS_A_POLICY]) {
		const struct nlattr *p = tb[KWASM_TLS_A_POLICY];

		if (nl_parse(nl_data(p), nl_len(p), pt, KWASM_TLS_P_MAX) ||
		    dup_str(pt[KWASM_TLS_P_MODULE], &r->module) ||
		    dup_str(pt[KWASM_TLS_P_EXPORT], &r->export))
			return -EBADMSG;
	}
	return dup_str(tb[KWASM_TLS_A_CERT], &r->cert) ?:
	       dup_str(tb[KWASM_TLS_A_KEY], &r->key) ?:
	       dup_str(tb[KWASM_TLS_A_CA], &r->ca) ?:
	       dup_str(tb[KWASM_TLS_A_SNI], &r->sni) ?:
	       peers(tb[KWASM_TLS_A_PEERS], r) ?:
	       nl_get_u64_table(tb[KWASM_TLS_A_COUNTERS], r->counters,
				KWASM_TLS_C_PAD + 1, KWASM_TLS_C_MAX);
}
