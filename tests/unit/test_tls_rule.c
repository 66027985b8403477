// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `kwasm tls add` without a kernel: the options parsed into a rule (paths
 * made absolute, addresses and cgroups resolved), every refusal with its
 * message, and the rule encoded as RULE_ADD attributes and decoded back as
 * a RULE_LIST reply.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "tls.h"

#define HDRS	(NLMSG_HDRLEN + GENL_HDRLEN)

static struct tls_rule r;
static char err[512], cwd[4096];

/* Parse a NULL-terminated list of options; 0 or -EINVAL. */
static int parse(const char *first, ...)
{
	char *argv[200];
	const char *a;
	va_list ap;
	int argc = 0;

	tls_rule_free(&r);
	va_start(ap, first);
	for (a = first; a && argc < 200; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	return tls_rule_parse(argc, argv, &r, err, sizeof(err));
}

static bool says(const char *what)
{
	if (strstr(err, what))
		return true;
	printf("  message was: %s\n", err);
	return false;
}

static bool in_cwd(const char *path, const char *name)
{
	char want[4200];

	snprintf(want, sizeof(want), "%s/%s", cwd, name);
	return path && !strcmp(path, want);
}

#define MTLS "--cert", "c.pem", "--key", "k.pem", "--ca", "ca.pem"

static void test_valid(void)
{
	static const u8 net6[16] = { 0x20, 0x01, 0x0d, 0xb8 };

	CHECK(parse("--server", "--port", "8000", MTLS, "--peer", "dns:client.test",
		    "--peer", "uri:spiffe://kwasm.test/c", "--policy", "authz:check",
		    "--timeout-ms", "2000", "--fail-open", "--uid", "1000", NULL) == 0);
	CHECK(r.side == KWASM_TLS_SERVER && r.port == 8000 && r.action == KWASM_TLS_ACT_TLS);
	CHECK(in_cwd(r.cert, "c.pem") && in_cwd(r.key, "k.pem") && in_cwd(r.ca, "ca.pem"));
	CHECK(r.npeers == 2 && !strcmp(r.peers[1], "uri:spiffe://kwasm.test/c"));
	CHECK(r.module && !strcmp(r.module, "authz") && !strcmp(r.export, "check"));
	CHECK(r.timeout_ms == 2000 && r.fail_open && r.has_uid && r.uid == 1000);
	CHECK(!r.addr_len && !r.sni && !r.cgroup);

	CHECK(parse("--client", "--port", "443", "--addr", "10.0.0.0/8", "--sni", "api.test",
		    MTLS, NULL) == 0);
	CHECK(r.side == KWASM_TLS_CLIENT && r.addr_len == 4 && r.prefix == 8 && r.addr[0] == 10);
	CHECK(r.sni && !strcmp(r.sni, "api.test"));
	CHECK(parse("--client", "--port", "443", "--addr", "2001:db8::/32", MTLS, NULL) == 0);
	CHECK(r.addr_len == 16 && r.prefix == 32 && !memcmp(r.addr, net6, 16));
	CHECK(parse("--client", "--port", "443", "--addr", "192.0.2.7", MTLS, NULL) == 0);
	CHECK(r.addr_len == 4 && r.prefix == 32);
	/* Absolute paths stay as given. */
	CHECK(parse("--server", "--port", "1", "--cert", "/dev/null", "--key", "k.pem",
		    "--ca", "ca.pem", NULL) == -EINVAL && says("/dev/null: not a regular file"));
	CHECK(parse("--server", "--action", "tls-server-only", "--port", "1", "--cert", "c.pem",
		    "--key", "k.pem", NULL) == 0 && r.action == KWASM_TLS_ACT_SERVER_ONLY);
	CHECK(parse("--client", "--action", "tls-server-only", "--port", "1", "--ca", "ca.pem",
		    "--sni", "a.test", NULL) == 0);
	CHECK(parse("--client", "--port", "25", "--action", "deny", NULL) == 0 &&
	      r.action == KWASM_TLS_ACT_DENY);
	CHECK(parse("--server", "--port", "80", "--action", "passthrough", "--uid", "0",
		    NULL) == 0 && r.has_uid && !r.uid);
	CHECK(parse("--server", "--port", "65535", MTLS, "--timeout-ms", "100", NULL) == 0);
	CHECK(parse("--server", "--port", "1", MTLS, "--timeout-ms", "600000", NULL) == 0);
}

static void test_refusals(void)
{
	char many[80][24];
	char *argv[200];
	int i, n = 0;

	CHECK(parse("--port", "80", MTLS, NULL) == -EINVAL && says("give --server or --client"));
	CHECK(parse("--server", "--client", NULL) == -EINVAL && says("one of --server and"));
	CHECK(parse("--server", MTLS, NULL) == -EINVAL && says("give --port"));
	CHECK(parse("--server", "--port", "0", MTLS, NULL) == -EINVAL && says("1 to 65535"));
	CHECK(parse("--server", "--port", "65536", NULL) == -EINVAL && says("1 to 65535"));
	CHECK(parse("--server", "--port", "8o", NULL) == -EINVAL && says("1 to 65535"));
	CHECK(parse("--server", "--port", "1", "--port", "2", NULL) == -EINVAL && says("once"));
	CHECK(parse("--server", "--port", NULL) == -EINVAL && says("--port needs a value"));
	CHECK(parse("--server", "--port", "1", "extra", NULL) == -EINVAL &&
	      says("unexpected argument extra"));
	CHECK(parse("--server", "--prot", "1", NULL) == -EINVAL && says("unknown option --prot"));

	CHECK(parse("--client", "--port", "1", "--addr", "10.0.0.1/8", MTLS, NULL) == -EINVAL &&
	      says("host bits set"));
	CHECK(parse("--client", "--port", "1", "--addr", "10.0.0.0/33", MTLS, NULL) == -EINVAL &&
	      says("0 to 32"));
	CHECK(parse("--client", "--port", "1", "--addr", "::/129", MTLS, NULL) == -EINVAL &&
	      says("0 to 128"));
	CHECK(parse("--client", "--port", "1", "--addr", "host.test", MTLS, NULL) == -EINVAL &&
	      says("not an IPv4 or IPv6 address"));
	CHECK(parse("--server", "--port", "1", "--addr", "10.0.0.0/8", MTLS, NULL) == -EINVAL &&
	      says("for --client rules"));
	CHECK(parse("--server", "--port", "1", "--sni", "a.test", MTLS, NULL) == -EINVAL &&
	      says("for --client rules"));
	CHECK(parse("--client", "--port", "1", "--sni", "a b", MTLS, NULL) == -EINVAL &&
	      says("--sni needs a host name"));

	CHECK(parse("--server", "--port", "1", "--cert", "nothing.pem", "--key", "k.pem",
		    "--ca", "ca.pem", NULL) == -EINVAL && says("nothing.pem: No such file"));
	CHECK(parse("--server", "--port", "1", "--cert", ".", "--key", "k.pem", NULL) == -EINVAL &&
	      says("not a regular file"));
	CHECK(parse("--server", "--port", "1", "--cert", "c.pem", "--ca", "ca.pem", NULL) ==
	      -EINVAL && says("--cert and --key go together"));
	CHECK(parse("--server", "--port", "1", "--ca", "ca.pem", NULL) == -EINVAL &&
	      says("needs --cert and --key"));
	CHECK(parse("--server", "--port", "1", "--cert", "c.pem", "--key", "k.pem", NULL) ==
	      -EINVAL && says("give --ca"));
	CHECK(parse("--server", "--port", "1", MTLS, "--cert", "c.pem", NULL) == -EINVAL &&
	      says("--cert given twice"));
	CHECK(parse("--server", "--port", "1", "--action", "mtls", NULL) == -EINVAL &&
	      says("--action needs tls, tls-server-only, passthrough or deny"));
	CHECK(parse("--server", "--port", "1", "--action", "tls-server-only", "--cert", "c.pem",
		    "--key", "k.pem", "--peer", "dns:a", NULL) == -EINVAL &&
	      says("verifies no client"));
	CHECK(parse("--server", "--port", "1", "--action", "tls-server-only", NULL) == -EINVAL &&
	      says("a server needs --cert"));
	CHECK(parse("--client", "--port", "1", "--action", "tls-server-only", MTLS, NULL) ==
	      -EINVAL && says("presents no certificate"));
	CHECK(parse("--client", "--port", "1", "--action", "tls-server-only", NULL) == -EINVAL &&
	      says("give --ca"));
	CHECK(parse("--server", "--port", "1", "--action", "passthrough", "--ca", "ca.pem",
		    NULL) == -EINVAL && says("takes no TLS options"));
	CHECK(parse("--server", "--port", "1", "--action", "deny", "--fail-open", NULL) ==
	      -EINVAL && says("takes no TLS options"));
	CHECK(parse("--server", "--port", "1", "--action", "deny", "--policy", "m:e", NULL) ==
	      -EINVAL && says("--action deny takes no --policy"));
	CHECK(parse("--server", "--port", "1", "--action", "passthrough", "--policy", "m:e",
		    NULL) == 0);

	CHECK(parse("--server", "--port", "1", MTLS, "--peer", "client.test", NULL) == -EINVAL &&
	      says("expected dns:NAME or uri:URI"));
	CHECK(parse("--server", "--port", "1", MTLS, "--peer", "dns:", NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", MTLS, "--peer", "dns:a b", NULL) == -EINVAL);
	argv[n++] = "--server";
	argv[n++] = "--port";
	argv[n++] = "1";
	argv[n++] = "--cert";
	argv[n++] = "c.pem";
	argv[n++] = "--key";
	argv[n++] = "k.pem";
	argv[n++] = "--ca";
	argv[n++] = "ca.pem";
	for (i = 0; i <= KWASM_TLS_PEERS_MAX; i++) {
		snprintf(many[i], sizeof(many[i]), "dns:h%d", i);
		argv[n++] = "--peer";
		argv[n++] = many[i];
	}
	tls_rule_free(&r);
	CHECK(tls_rule_parse(n, argv, &r, err, sizeof(err)) == -EINVAL &&
	      says("more than 64 --peer"));
	tls_rule_free(&r);
	CHECK(tls_rule_parse(n - 2, argv, &r, err, sizeof(err)) == 0 &&
	      r.npeers == KWASM_TLS_PEERS_MAX);

	CHECK(parse("--server", "--port", "1", MTLS, "--policy", "authz", NULL) == -EINVAL &&
	      says("expected MODULE:EXPORT"));
	CHECK(parse("--server", "--port", "1", MTLS, "--policy", ":check", NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", MTLS, "--policy", "authz:", NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", MTLS, "--policy", "a z:c", NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", MTLS, "--timeout-ms", "99", NULL) == -EINVAL &&
	      says("from 100 to 600000"));
	CHECK(parse("--server", "--port", "1", MTLS, "--timeout-ms", "600001", NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", "--uid", "-1", MTLS, NULL) == -EINVAL &&
	      says("numeric uid"));
	CHECK(parse("--server", "--port", "1", "--uid", "root", MTLS, NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", "--uid", "4294967295", MTLS, NULL) == -EINVAL);
	CHECK(parse("--server", "--port", "1", "--cgroup", cwd, MTLS, NULL) == -EINVAL &&
	      says("not in a cgroup v2 file system"));
	CHECK(parse("--server", "--port", "1", "--cgroup", "no/such.slice", MTLS, NULL) ==
	      -EINVAL && says("/sys/fs/cgroup/no/such.slice: No such file"));
}

/* The cgroup id as the kernel numbers it, at this host's cgroup v2 mount. */
static void test_cgroup(void)
{
	char line[1024], dev[256], dir[512], type[64];
	struct stat st;
	bool found = false;
	FILE *f = fopen("/proc/self/mounts", "r");

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%255s %511s %63s", dev, dir, type) == 3 &&
			!strcmp(type, "cgroup2");
	if (f)
		fclose(f);
	if (!found) {
		printf("  (no cgroup v2 mounted: id resolution not checked)\n");
		return;
	}
	CHECK(parse("--server", "--port", "1", "--cgroup", dir, MTLS, NULL) == 0);
	/* On cgroup v2 (kernfs) the id is the directory's inode number. */
	CHECK(!stat(dir, &st) && r.cgroup == st.st_ino && r.cgroup);
	CHECK(parse("--server", "--port", "1", "--cgroup", dir, "--cgroup", dir, MTLS, NULL) ==
	      -EINVAL && says("--cgroup given twice"));
}

/*
 * Every truncation and 20000 random byte flips of a RULE_LIST reply are
 * decoded without reading out of bounds (ASan) or leaking; a decoded rule
 * never has more peers than the limit.
 */
static void mutate(const u8 *orig, size_t len)
{
	u8 *buf = malloc(len);
	struct tls_rule back;
	unsigned int seed = 7, k;
	bool sane = true;
	size_t i;

	if (!buf) {
		CHECK(!"out of memory");
		return;
	}
	for (i = 0; i < len; i++) {
		memcpy(buf, orig, i);
		if (!tls_rule_from_attrs(buf, i, &back))
			sane &= back.npeers <= KWASM_TLS_PEERS_MAX;
		tls_rule_free(&back);
	}
	for (k = 0; k < 20000; k++) {
		memcpy(buf, orig, len);
		seed = seed * 1103515245 + 12345;
		buf[(seed >> 8) % len] ^= 1 << ((seed >> 4) & 7);
		if (!tls_rule_from_attrs(buf, len, &back))
			sane &= back.npeers <= KWASM_TLS_PEERS_MAX;
		tls_rule_free(&back);
	}
	CHECK(sane);
	free(buf);
}

static void test_round_trip(void)
{
	static const u64 seen[KWASM_TLS_C_MAX + 1] = { 0, 0, 5, 3, 1, 0, 1, 0, 0, 0, 4, 6, 2 };
	struct tls_rule back;
	struct nl_msg m;
	size_t nest;
	unsigned int i;

	CHECK(parse("--client", "--port", "443", "--addr", "2001:db8::/32", "--uid", "7",
		    MTLS, "--peer", "dns:a.test", "--peer", "uri:spiffe://x/y", "--sni", "a.test",
		    "--policy", "authz:check", "--timeout-ms", "3000", "--fail-open", NULL) == 0);
	r.cgroup = 4242;
	nl_msg_init(&m, 0x30, 0, KWASM_TLS_CMD_RULE_LIST, KWASM_TLS_GENL_VERSION);
	nl_put_u32(&m, KWASM_TLS_A_RULE_ID, 9);
	tls_rule_put(&m, &r);
	nest = nl_nest_start(&m, KWASM_TLS_A_COUNTERS);
	for (i = KWASM_TLS_C_MATCHED; i <= KWASM_TLS_C_MAX; i++)
		nl_put_u64(&m, i, seen[i]);
	nl_put_u64(&m, KWASM_TLS_C_MAX + 1, 77);	/* a newer kernel's counter */
	nl_nest_end(&m, nest);
	CHECK(!m.oom && tls_rule_from_attrs(m.buf + HDRS, m.len - HDRS, &back) == 0);
	CHECK(back.id == 9 && back.side == KWASM_TLS_CLIENT && back.port == 443);
	CHECK(back.addr_len == 16 && back.prefix == 32 && !memcmp(back.addr, r.addr, 16));
	CHECK(back.has_uid && back.uid == 7 && back.cgroup == 4242);
	CHECK(back.action == KWASM_TLS_ACT_TLS && back.timeout_ms == 3000 && back.fail_open);
	CHECK(!strcmp(back.cert, r.cert) && !strcmp(back.key, r.key) && !strcmp(back.ca, r.ca));
	CHECK(back.npeers == 2 && !strcmp(back.peers[0], "dns:a.test"));
	CHECK(!strcmp(back.sni, "a.test") && !strcmp(back.module, "authz") &&
	      !strcmp(back.export, "check"));
	CHECK(back.has_counters && !memcmp(back.counters, seen, sizeof(seen)));
	tls_rule_free(&back);

	/* The port is a u16, the side a u8, exactly as the uapi says. */
	{
		const struct nlattr *tb[KWASM_TLS_A_MAX + 1];

		CHECK(nl_parse(m.buf + HDRS, m.len - HDRS, tb, KWASM_TLS_A_MAX) == 0);
		CHECK(nl_len(tb[KWASM_TLS_A_PORT]) == 2 && nl_len(tb[KWASM_TLS_A_SIDE]) == 1);
		CHECK(nl_len(tb[KWASM_TLS_A_CGROUP]) == 8);
		CHECK(nl_len(tb[KWASM_TLS_A_FAIL_OPEN]) == 0);
	}
	mutate(m.buf + HDRS, m.len - HDRS);
	nl_msg_free(&m);

	nl_msg_init(&m, 0x30, 0, KWASM_TLS_CMD_RULE_LIST, KWASM_TLS_GENL_VERSION);
	nl_put_u8(&m, KWASM_TLS_A_SIDE, KWASM_TLS_SERVER);
	CHECK(tls_rule_from_attrs(m.buf + HDRS, m.len - HDRS, &back) == -EBADMSG);
	tls_rule_free(&back);
	nl_msg_free(&m);
}

int main(void)
{
	char dir[] = "/tmp/kwasm-tls-rule-XXXXXX";
	static const char *const files[] = { "c.pem", "k.pem", "ca.pem" };
	unsigned int i;
	FILE *f;

	if (!mkdtemp(dir) || chdir(dir) || !getcwd(cwd, sizeof(cwd))) {
		printf("tls_rule: cannot make a directory\n0 passed, 1 failed\n");
		return 1;
	}
	for (i = 0; i < 3; i++) {
		f = fopen(files[i], "w");
		if (f)
			fclose(f);
	}
	test_valid();
	test_refusals();
	test_cgroup();
	test_round_trip();
	tls_rule_free(&r);
	for (i = 0; i < 3; i++)
		unlink(files[i]);
	if (chdir("/") || rmdir(dir))
		failed++;
	return check_done("tls_rule");
}
