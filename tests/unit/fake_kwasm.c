// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A fake kwasm kernel module for testing the CLI without a kernel: an
 * LD_PRELOAD library that turns the generic netlink socket into one end of
 * a socketpair and answers each request sent on it from the other end.
 *
 * It knows three modules, "adder" (add(i32,i32)->i32, div(i32,i32)->i32,
 * pair()->(i64,f64)), "idle" and the data-path module "fw" (filter and
 * count, attached to two hooks, with maps); div by 0 traps.
 * FAKE_KWASM=eperm rejects every mutating command like a missing capability
 * does (no message); FAKE_KWASM=absent has no kwasm family; =busy makes
 * UNLOAD -EBUSY without a message; =nobpf and =old change what STATS says
 * about the eBPF bridge.  With FAKE_LOG=FILE, the data-path requests are
 * written to FILE, one line each, as the fake decoded them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "fake_kwasm.h"
#include "fake_nlerr.h"

static int app_fd = -1, kern_fd = -1;

static ssize_t (*real_send)(int fd, const void *buf, size_t len, int flags);

const char *fake_mode(void)
{
	const char *m = getenv("FAKE_KWASM");

	return m ? m : "";
}

int socket(int domain, int type, int protocol)
{
	int (*real)(int d, int t, int p) = dlsym(RTLD_NEXT, "socket");
	int sv[2];

	if (domain != AF_NETLINK || protocol != NETLINK_GENERIC)
		return real(domain, type, protocol);
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	app_fd = sv[0];
	kern_fd = sv[1];
	return app_fd;
}

int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	int (*real)(int f, const struct sockaddr *a, socklen_t l) = dlsym(RTLD_NEXT, "bind");

	return fd == app_fd ? 0 : real(fd, sa, len);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int (*real)(int f, int l, int n, const void *v, socklen_t s) =
		dlsym(RTLD_NEXT, "setsockopt");

	return fd == app_fd ? 0 : real(fd, level, name, val, len);
}

void fake_reply(struct nl_msg *m, u16 type, u16 flags, u32 seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;

	nlh->nlmsg_len = m->len;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	real_send(kern_fd, m->buf, m->len, 0);
	nl_msg_free(m);
}

/* NLMSG_ERROR (0 is the ACK), capped, with an extack message if @msg. */
void fake_ack(u32 seq, int error, const char *msg)
{
	u8 buf[FAKE_NLERR_MAX] __attribute__((aligned(4))) = { 0 };

	real_send(kern_fd, buf, fake_nlerr(buf, FAMILY, seq, error, msg), 0);
}

/* The end of a dump. */
void fake_done(u32 seq)
{
	struct nl_msg m;

	nl_msg_init(&m, NLMSG_DONE, 0, 0, 0);
	m.len = NLMSG_HDRLEN + 4;
	fake_reply(&m, NLMSG_DONE, NLM_F_MULTI, seq);
}

static void put_export(struct nl_msg *m, const char *name, const char *params,
		       const char *results)
{
	size_t e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);

	nl_put_str(m, KWASM_E_NAME, name);
	nl_put(m, KWASM_E_PARAMS, params, strlen(params));
	nl_put(m, KWASM_E_RESULTS, results, strlen(results));
	nl_nest_end(m, e);
}

static void put_filter(struct nl_msg *m, const char *name, u32 handle)
{
	size_t e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);

	nl_put_str(m, KWASM_E_NAME, name);
	nl_put(m, KWASM_E_PARAMS, "\x7f", 1);
	nl_put(m, KWASM_E_RESULTS, "\x7f", 1);
	nl_put_u32(m, KWASM_E_HANDLE, handle);
	nl_nest_end(m, e);
}

static void put_attach(struct nl_msg *m, u32 hook, const char *export, bool closed, s32 prio,
		       u64 packets, u64 drops)
{
	size_t t = nl_nest_start(m, KWASM_A_ATTACH_ENTRY);

	nl_put_u32(m, KWASM_T_HOOK, hook);
	nl_put_str(m, KWASM_T_EXPORT, export);
	nl_put_u32(m, KWASM_T_NETNS, 4026531840u);
	nl_put_u8(m, KWASM_T_FAIL_CLOSED, closed);
	nl_put_u32(m, KWASM_T_PRIORITY, prio);
	nl_put_u64(m, KWASM_T_PACKETS, packets);
	nl_put_u64(m, KWASM_T_ACCEPTS, packets - drops - 1);
	nl_put_u64(m, KWASM_T_DROPS, drops);
	nl_put_u64(m, KWASM_T_ERRORS, 1);
	nl_nest_end(m, t);
}

static void send_module(u32 seq, const char *name, u16 flags)
{
	bool adder = !strcmp(name, "adder"), fw = !strcmp(name, "fw");
	size_t exps, st, kinds, at;
	struct nl_msg m;

	nl_msg_init(&m, FAMILY, 0, KWASM_CMD_LIST, 1);
	nl_put_str(&m, KWASM_A_NAME, name);
	nl_put_u32(&m, KWASM_A_ID, adder ? 1 : fw ? 4 : 2);
	nl_put_u64(&m, KWASM_A_SIZE, adder ? 87 : fw ? 300 : 8);
	nl_put_u64(&m, KWASM_A_FUEL, 1000000);
	nl_put_u32(&m, KWASM_A_MAX_PAGES, 16);
	nl_put_u32(&m, KWASM_A_MEM_PAGES, adder ? 1 : fw ? 16 : 0);
	if (fw)
		nl_put(&m, KWASM_A_DATAPATH, NULL, 0);
	exps = nl_nest_start(&m, KWASM_A_EXPORTS);
	if (adder) {
		put_export(&m, "add", "\x7f\x7f", "\x7f");
		put_export(&m, "div", "\x7f\x7f", "\x7f");
		put_export(&m, "pair", "", "\x7e\x7c");
		put_export(&m, "say \"hi\"", "\x7d", "");
	}
	if (fw) {
		put_filter(&m, "filter", 3);
		put_filter(&m, "count", 4);
		put_export(&m, "reset", "", "");
	}
	nl_nest_end(&m, exps);
	if (fw) {
		at = nl_nest_start(&m, KWASM_A_ATTACHMENTS);
		put_attach(&m, KWASM_HOOK_IPV4_IN, "filter", false, 0, 100, 10);
		put_attach(&m, KWASM_HOOK_IPV6_OUT, "count", true, -100, 7, 0);
		nl_nest_end(&m, at);
	}
	st = nl_nest_start(&m, KWASM_A_STATS);
	nl_put_u64(&m, KWASM_S_CALLS, adder ? 12 : 0);
	nl_put_u64(&m, KWASM_S_TRAPS, adder ? 2 : 0);
	nl_put_u64(&m, KWASM_S_FUEL, adder ? 345 : 0);
	nl_put_u64(&m, KWASM_S_TIME_NS, adder ? 2500000 : 0);
	if (fw) {
		nl_put_u64(&m, KWASM_S_DP_CALLS, 120);
		nl_put_u64(&m, KWASM_S_DP_BUSY, 2);
		nl_put_u64(&m, KWASM_S_DP_ERRORS, 1);
	}
	kinds = nl_nest_start(&m, KWASM_S_TRAP_KINDS);
	if (adder)
		nl_put_u64(&m, KW_TRAP_DIV_ZERO, 2);
	nl_nest_end(&m, kinds);
	nl_nest_end(&m, st);
	fake_reply(&m, FAMILY, flags, seq);
}

static void value(struct nl_msg *m, u8 type, u64 bits)
{
	size_t v = nl_nest_start(m, KWASM_A_VALUE);

	nl_put_u8(m, KWASM_V_TYPE, type);
	nl_put_u64(m, KWASM_V_BITS, bits);
	nl_nest_end(m, v);
}

static void call(u32 seq, const struct nlattr **tb)
{
	const char *fn = nl_get_str(tb[KWASM_A_EXPORT]);
	const struct nlattr *a, *vt[KWASM_V_MAX + 1];
	u64 arg[2] = { 0, 0 };
	struct nl_msg m;
	size_t off = 0, res;
	int n = 0;

	while (tb[KWASM_A_ARGS] &&
	       (a = nl_next(nl_data(tb[KWASM_A_ARGS]), nl_len(tb[KWASM_A_ARGS]), &off)) && n < 2)
		if (!nl_parse(nl_data(a), nl_len(a), vt, KWASM_V_MAX))
			nl_get_u64(vt[KWASM_V_BITS], &arg[n++]);
	nl_msg_init(&m, FAMILY, 0, KWASM_CMD_CALL, 1);
	nl_put_u64(&m, KWASM_A_FUEL_USED, 4);
	if (!strcmp(fn, "div") && !(u32)arg[1]) {
		nl_put_u32(&m, KWASM_A_TRAP_CODE, KW_TRAP_DIV_ZERO);
		nl_put_str(&m, KWASM_A_TRAP_MSG, "integer divide by zero");
	} else {
		res = nl_nest_start(&m, KWASM_A_RESULTS);
		if (!strcmp(fn, "add"))
			value(&m, KW_I32, (u32)(arg[0] + arg[1]));
		else if (!strcmp(fn, "div"))
			value(&m, KW_I32, (u32)((s32)arg[0] / (s32)arg[1]));
		if (!strcmp(fn, "pair")) {
			value(&m, KW_I64, -5);
			value(&m, KW_F64, 0x3fe0000000000000ull);
		}
		nl_nest_end(&m, res);
	}
	fake_reply(&m, FAMILY, 0, seq);
	fake_ack(seq, 0, NULL);
}

static void stats(u32 seq)
{
	struct nl_msg m;

	nl_msg_init(&m, FAMILY, 0, KWASM_CMD_STATS, 1);
	nl_put_u32(&m, KWASM_A_NMODULES, 2);
	nl_put_u64(&m, KWASM_A_ALLOCS, 17);
	nl_put_u64(&m, KWASM_A_FUEL, 1000000);
	nl_put_u32(&m, KWASM_A_MAX_PAGES, 16);
	nl_put_u32(&m, KWASM_A_MAX_MODULES, 64);
	nl_put_u32(&m, KWASM_A_MAX_FILE, 1 << 20);
	if (strcmp(fake_mode(), "old"))
		nl_put_u32(&m, KWASM_A_BPF, !strcmp(fake_mode(), "nobpf") ? -EOPNOTSUPP :
			   !strcmp(fake_mode(), "nobtf") ? -ENOKEY : 0);
	fake_reply(&m, FAMILY, 0, seq);
	fake_ack(seq, 0, NULL);
}

static void family_cmd(const struct nlmsghdr *nlh, const struct genlmsghdr *g,
		       const struct nlattr **tb)
{
	const char *name = nl_get_str(tb[KWASM_A_NAME]);
	u32 seq = nlh->nlmsg_seq, id = 3;
	struct nl_msg m;

	if (g->cmd != KWASM_CMD_LIST && g->cmd != KWASM_CMD_STATS && !strcmp(fake_mode(), "eperm"))
		return fake_ack(seq, -EPERM, NULL);
	fake_log(g->cmd, tb);
	if (name && strcmp(name, "adder") && strcmp(name, "idle") && strcmp(name, "fw") &&
	    g->cmd != KWASM_CMD_LOAD)
		return fake_ack(seq, -ENOENT, !strcmp(name, "quiet") ? NULL : "no such module");
	switch (g->cmd) {
	case KWASM_CMD_LOAD:
		if (!strcmp(name, "bad"))
			return fake_ack(seq, -EINVAL,
				   "kwasm: validation failed at offset 0x1f3: type mismatch");
		nl_msg_init(&m, FAMILY, 0, KWASM_CMD_LOAD, 1);
		nl_put_u32(&m, KWASM_A_ID, id);
		fake_reply(&m, FAMILY, 0, seq);
		return fake_ack(seq, 0, NULL);
	case KWASM_CMD_UNLOAD:
		if (!strcmp(name, "fw") || !strcmp(fake_mode(), "busy"))
			return fake_ack(seq, -EBUSY, NULL);
		return fake_ack(seq, 0, NULL);
	case KWASM_CMD_LIST:
		if (name) {
			send_module(seq, name, 0);
			return fake_ack(seq, 0, NULL);
		}
		send_module(seq, "adder", NLM_F_MULTI);
		send_module(seq, "idle", NLM_F_MULTI);
		send_module(seq, "fw", NLM_F_MULTI);
		return fake_done(seq);
	case KWASM_CMD_CALL:
		return call(seq, tb);
	case KWASM_CMD_STATS:
		return stats(seq);
	case KWASM_CMD_ATTACH:
	case KWASM_CMD_DETACH:
		return fake_attach(seq, g->cmd, tb);
	case KWASM_CMD_MAP_GET:
	case KWASM_CMD_MAP_SET:
	case KWASM_CMD_MAP_DEL:
	case KWASM_CMD_MAP_DUMP:
		return fake_map(seq, g->cmd, tb);
	}
	fake_ack(seq, -EOPNOTSUPP, NULL);
}

static void answer(const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	const struct nlattr *tb[KWASM_A_MAX + 1];
	const char *fam;
	struct nl_msg m;

	if (len < NLMSG_HDRLEN + GENL_HDRLEN || nl_parse(g + 1, len - NLMSG_HDRLEN - GENL_HDRLEN,
							 tb, KWASM_A_MAX))
		return fake_ack(nlh->nlmsg_seq, -EINVAL, "fake: malformed request");
	if (nlh->nlmsg_type == FAMILY)
		return family_cmd(nlh, g, tb);
	/* The controller: CTRL_ATTR_FAMILY_NAME is attribute 2, like KWASM_A_NAME. */
	fam = nl_get_str(tb[CTRL_ATTR_FAMILY_NAME]);
	if (!fam || strcmp(fam, "kwasm") || !strcmp(fake_mode(), "absent"))
		return fake_ack(nlh->nlmsg_seq, -ENOENT, NULL);
	nl_msg_init(&m, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY, 2);
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, "kwasm");
	nl_put(&m, CTRL_ATTR_FAMILY_ID, &(u16){ FAMILY }, 2);
	fake_reply(&m, GENL_ID_CTRL, 0, nlh->nlmsg_seq);
	fake_ack(nlh->nlmsg_seq, 0, NULL);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	if (!real_send)
		real_send = dlsym(RTLD_NEXT, "send");
	if (fd != app_fd)
		return real_send(fd, buf, len, flags);
	answer(buf, len);
	return len;
}
