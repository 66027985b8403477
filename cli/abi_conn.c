// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The guest ABI's connection functions (version 2) for `kwasm run`: a TLS
 * policy reads the connection it decides on through conn_meta and
 * conn_read.  There is no connection in userspace, so they answer
 * KWASM_CONN_NONE, as the kernel does outside a policy call, unless
 * `--conn FIELD=VALUE` describes one to test a policy with.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "abi_user.h"
#include "cli.h"
#include "values.h"

const char abi_conn_usage[] =
	"  --conn FIELD=VALUE   a connection for kwasm.conn_* (TLS policies): side,\n"
	"                       family, lport, rport, uid, pid, cgroup, netns, rule,\n"
	"                       tls (numbers); laddr, raddr (addresses), comm, peer\n";

static const char *const meta_names[] = {
	[KWASM_CONN_SIDE] = "side",
	[KWASM_CONN_FAMILY] = "family",
	[KWASM_CONN_LOCAL_PORT] = "lport",
	[KWASM_CONN_REMOTE_PORT] = "rport",
	[KWASM_CONN_UID] = "uid",
	[KWASM_CONN_PID] = "pid",
	[KWASM_CONN_CGROUP] = "cgroup",
	[KWASM_CONN_NETNS] = "netns",
	[KWASM_CONN_RULE] = "rule",
	[KWASM_CONN_TLS] = "tls",
};

_Static_assert(ARRAY_SIZE(meta_names) == KWASM_CONN_META_MAX + 1, "a name per field");
_Static_assert(ARRAY_SIZE(((struct abi_conn *)0)->meta) == KWASM_CONN_META_MAX + 1,
	       "a value per field");

static struct abi_conn *conn_of(struct kw_host_call *hc)
{
	struct abi_user *ab = hc->data;

	return ab->conn.on ? &ab->conn : NULL;
}

/**
 * abi_fn_conn_meta() - kwasm.conn_meta(field) -> i64
 * @hc: the call
 * @args: the field
 * @res: the value, KWASM_CONN_BAD or KWASM_CONN_NONE
 *
 * Return: 0.
 */
int abi_fn_conn_meta(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct abi_conn *c = conn_of(hc);

	if (!c)
		res[0] = (u64)(s64)KWASM_CONN_NONE;
	else if ((u32)args[0] > KWASM_CONN_META_MAX)
		res[0] = (u64)(s64)KWASM_CONN_BAD;
	else
		res[0] = c->meta[(u32)args[0]];
	return 0;
}

/**
 * abi_fn_conn_read() - kwasm.conn_read(field, buf, len) -> i32
 * @hc: the call
 * @args: the field, the guest buffer and its length
 * @res: the field's full length, KWASM_CONN_BAD or KWASM_CONN_NONE
 *
 * Return: 0, or KW_TRAP_MEM_OOB when the buffer is not guest memory.
 */
int abi_fn_conn_read(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct abi_conn *c = conn_of(hc);
	u32 len = (u32)args[2], have;
	u8 *dst = kw_host_mem(hc, (u32)args[1], len);
	const void *src;

	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (!c) {
		res[0] = (u32)KWASM_CONN_NONE;
		return 0;
	}
	switch ((u32)args[0]) {
	case KWASM_CONN_LOCAL_ADDR:
	case KWASM_CONN_REMOTE_ADDR:
		src = (u32)args[0] == KWASM_CONN_LOCAL_ADDR ? c->laddr : c->raddr;
		have = c->meta[KWASM_CONN_FAMILY] == AF_INET6 ? 16 : 4;
		break;
	case KWASM_CONN_COMM:
		src = c->comm;
		have = strnlen(c->comm, sizeof(c->comm));
		break;
	case KWASM_CONN_PEER:
		src = c->peer;
		have = strlen(c->peer);
		break;
	default:
		res[0] = (u32)KWASM_CONN_BAD;
		return 0;
	}
	memcpy(dst, src, len < have ? len : have);
	res[0] = have;
	return 0;
}

static int conn_error(const char *arg, const char *why)
{
	fprintf(stderr, "kwasm: run: --conn '%s': %s\n", arg, why);
	return -1;
}

static int conn_addr(struct abi_conn *c, const char *arg, const char *v, u8 *addr)
{
	if (inet_pton(AF_INET, v, addr) == 1) {
		c->meta[KWASM_CONN_FAMILY] = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, v, addr) == 1) {
		c->meta[KWASM_CONN_FAMILY] = AF_INET6;
		return 0;
	}
	return conn_error(arg, "not an IPv4 or IPv6 address");
}

/**
 * abi_conn_option() - take one `--conn FIELD=VALUE`
 * @ab: the host module
 * @arg: FIELD=VALUE
 *
 * The first one puts the run in a connection: side 1 (server), family 2
 * (IPv4) and everything else 0 until set.
 *
 * Return: 0, or -1 after printing an error.
 */
int abi_conn_option(struct abi_user *ab, const char *arg)
{
	struct abi_conn *c = &ab->conn;
	const char *eq = strchr(arg, '='), *v;
	size_t n;
	u32 i;
	u64 x;

	if (!eq)
		return conn_error(arg, "expected FIELD=VALUE");
	n = eq - arg;
	v = eq + 1;
	if (!c->on) {
		c->on = true;
		c->meta[KWASM_CONN_SIDE] = 1;
		c->meta[KWASM_CONN_FAMILY] = AF_INET;
	}
	if (n == 5 && !strncmp(arg, "laddr", 5))
		return conn_addr(c, arg, v, c->laddr);
	if (n == 5 && !strncmp(arg, "raddr", 5))
		return conn_addr(c, arg, v, c->raddr);
	if (n == 4 && !strncmp(arg, "comm", 4)) {
		if (strlen(v) >= sizeof(c->comm))
			return conn_error(arg, "a task name has at most 15 bytes");
		strcpy(c->comm, v);
		return 0;
	}
	if (n == 4 && !strncmp(arg, "peer", 4)) {
		if (strlen(v) >= sizeof(c->peer))
			return conn_error(arg, "longer than 1023 bytes");
		strcpy(c->peer, v);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(meta_names); i++) {
		if (strlen(meta_names[i]) != n || strncmp(arg, meta_names[i], n))
			continue;
		if (*v == '-' || *v == '+' || val_parse_int(v, 64, &x) || x > INT64_MAX)
			return conn_error(arg, "expected a number from 0 to 2^63-1");
		c->meta[i] = x;
		return 0;
	}
	return conn_error(arg, "unknown field (see kwasm run --help)");
}
