// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tests of the CLI's netlink layer and kwasm messages (cli/nl.c,
 * cli/kproto.c): exact request bytes, replies decoded from canned buffers,
 * malformed and truncated replies, a fake kernel on a socketpair, and the
 * real kernel's generic netlink controller.  Prints "N passed, N failed" last.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "kproto.h"
#include "nl_canned.h"

static void test_build(void)
{
	static const u8 want[] = {
		36, 0, 0, 0,  0x1c, 0,  0x05, 0,  0, 0, 0, 0,  0, 0, 0, 0,	/* nlmsghdr */
		KWASM_CMD_UNLOAD, KWASM_GENL_VERSION, 0, 0,			/* genlmsghdr */
		7, 0, KWASM_A_NAME, 0,  'a', 'b', 0, 0,				/* "ab" padded */
		8, 0, KWASM_A_FD, 0,  3, 0, 0, 0,				/* u32 3 */
	};
	struct nl_msg m;

	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_UNLOAD, KWASM_GENL_VERSION));
	nl_put_str(&m, KWASM_A_NAME, "ab");
	nl_put_u32(&m, KWASM_A_FD, 3);
	/* nl_request() fills in the length; do it here to compare. */
	((struct nlmsghdr *)m.buf)->nlmsg_len = m.len;
	CHECK(m.len == sizeof(want) && !memcmp(m.buf, want, sizeof(want)));
	CHECK(!m.oom);
	nl_msg_free(&m);

	/* An oversized attribute poisons the message instead of wrapping nla_len. */
	CHECK(!nl_msg_init(&m, 0x1c, 0, 1, 1));
	{
		static char big[70000];

		nl_put(&m, KWASM_A_NAME, big, sizeof(big));
	}
	CHECK(m.oom);
	{
		struct nl_sock s = { .fd = -1 };

		CHECK(nl_request(&s, &m, NULL, NULL, NULL) == -ENOMEM);
	}
	nl_msg_free(&m);
}

static void test_args(void)
{
	struct kw_value v[3] = {
		{ .type = KW_I32, .i32 = 0xffffffff },
		{ .type = KW_F64, .f64 = 0x3ff0000000000000ull },
		{ .type = KW_EXTERNREF, .ref = NULL },
	};
	const struct nlattr *tb[KWASM_A_MAX + 1], *vt[KWASM_V_MAX + 1], *a;
	struct nl_msg m;
	size_t off = 0;
	u64 bits;
	int n = 0;
	u8 type;

	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_CALL, 1));
	kp_put_args(&m, v, 3);
	CHECK(!nl_parse(m.buf + NLMSG_HDRLEN + GENL_HDRLEN, m.len - NLMSG_HDRLEN - GENL_HDRLEN,
			tb, KWASM_A_MAX));
	a = tb[KWASM_A_ARGS];
	CHECK(a && (a->nla_type & NLA_F_NESTED));
	while (a && (a = nl_next(nl_data(tb[KWASM_A_ARGS]), nl_len(tb[KWASM_A_ARGS]), &off))) {
		CHECK(a->nla_type == (KWASM_A_VALUE | NLA_F_NESTED));
		CHECK(!nl_parse(nl_data(a), nl_len(a), vt, KWASM_V_MAX));
		CHECK(nl_get_u8(vt[KWASM_V_TYPE], &type) && type == v[n].type);
		CHECK(nl_get_u64(vt[KWASM_V_BITS], &bits));
		/* i32 travels in the low 32 bits, zero-extended. */
		CHECK(bits == (n == 0 ? 0xffffffffull : n == 1 ? 0x3ff0000000000000ull : 0));
		n++;
	}
	CHECK(n == 3);
	nl_msg_free(&m);
}

static void test_parse(void)
{
	static const u8 ok[] = { 6, 0, 2, 0, 'x', 0, 0, 0, 8, 0, 0x99, 0, 1, 2, 3, 4,
				 8, 0, 3, NLA_F_NESTED >> 8, 0, 0, 0, 0 };
	static const u8 short_len[] = { 3, 0, 2, 0, 'x', 0, 0, 0 };
	static const u8 overrun[] = { 12, 0, 2, 0, 'x', 0, 0, 0 };
	static const u8 trailing[] = { 4, 0, 2, 0, 1, 2 };
	static const u8 nostr[] = { 6, 0, 1, 0, 'a', 'b', 0, 0 };
	const struct nlattr *tb[4];
	u32 u;
	u64 q;
	u16 h;

	CHECK(!nl_parse(ok, sizeof(ok), tb, 3));
	CHECK(tb[2] && nl_get_str(tb[2]) && !strcmp(nl_get_str(tb[2]), "x"));
	CHECK(!tb[0] && !tb[1]);	/* type 0x99 is above max: skipped */
	CHECK(tb[3] && nl_len(tb[3]) == 4);	/* NLA_F_NESTED masked off */
	CHECK(!nl_get_u64(tb[3], &q));
	CHECK(!nl_get_u16(tb[3], &h));
	CHECK(nl_get_u32(tb[3], &u) && u == 0);
	CHECK(!nl_get_u32(NULL, &u));
	CHECK(nl_parse(short_len, sizeof(short_len), tb, 3) == -EBADMSG);
	CHECK(nl_parse(overrun, sizeof(overrun), tb, 3) == -EBADMSG);
	CHECK(nl_parse(trailing, sizeof(trailing), NULL, 0) == -EBADMSG);
	CHECK(!nl_parse(ok, 0, tb, 3) && !tb[2]);
	CHECK(!nl_parse(nostr, sizeof(nostr), tb, 3));
	CHECK(!nl_get_str(tb[1]));	/* not NUL-terminated */
}

/*
 * An NLMSG_ERROR as Linux sends it for a capped, extended ACK:
 * error -EPERM, the request's header, then NLMSGERR_ATTR_MSG.
 */
static const u8 eperm_extack[] = {
	48, 0, 0, 0,  2, 0,  0x00, 0x03,  42, 0, 0, 0,  0x10, 0, 0, 0,
	0xff, 0xff, 0xff, 0xff,						/* -EPERM */
	20, 0, 0, 0,  0x1c, 0,  5, 0,  42, 0, 0, 0,  0, 0, 0, 0,	/* request header */
	11, 0, NLMSGERR_ATTR_MSG, 0,  'n', 'o', ' ', 'w', 'a', 'y', 0, 0,
};

static void test_reply_errors(void)
{
	static const u8 echo[] = { 12, 0, 5, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };
	static const u8 done_tlv[] = { 13, 0, NLMSGERR_ATTR_MSG, 0, 'b', 'a', 'd', ' ',
				       'd', 'u', 'm', 'p', 0 };
	struct nl_ext_err ext = { 0 };
	int cb_err = 0;
	u8 buf[128];

	CHECK(nl_parse_reply(eperm_extack, sizeof(eperm_extack), 42, NULL, NULL, &ext,
			     &cb_err) == -EPERM);
	CHECK(!strcmp(ext.msg, "no way"));
	/* Another request's reply is skipped, whatever it says. */
	CHECK(nl_parse_reply(eperm_extack, sizeof(eperm_extack), 7, NULL, NULL, NULL,
			     &cb_err) == 1);

	/* Uncapped: the whole request is echoed before the TLVs. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, eperm_extack, 36);
	buf[0] = 60;
	buf[6] = 0;	/* flags: ACK_TLVS (0x200) only */
	buf[7] = 0x02;
	buf[20] = 28;	/* echoed request: 16 + 12 bytes */
	memcpy(buf + 36, echo, sizeof(echo));	/* echoed payload */
	memcpy(buf + 48, eperm_extack + 36, 12);
	memset(&ext, 0, sizeof(ext));
	CHECK(nl_parse_reply(buf, 60, 42, NULL, NULL, &ext, &cb_err) == -EPERM);
	CHECK(!strcmp(ext.msg, "no way"));

	/* A plain ACK; a positive "errno" is a protocol error. */
	memcpy(buf, eperm_extack, 36);
	buf[0] = 36;
	buf[6] = 0;
	buf[7] = 0;
	memset(buf + 16, 0, 4);
	CHECK(nl_parse_reply(buf, 36, 42, NULL, NULL, NULL, &cb_err) == 0);
	buf[16] = 5;
	CHECK(nl_parse_reply(buf, 36, 42, NULL, NULL, NULL, &cb_err) == -EPROTO);

	/* Truncations of every kind. */
	CHECK(nl_parse_reply(eperm_extack, 10, 42, NULL, NULL, NULL, &cb_err) == -EBADMSG);
	CHECK(nl_parse_reply(eperm_extack, 40, 42, NULL, NULL, NULL, &cb_err) == -EBADMSG);
	memcpy(buf, eperm_extack, 20);
	buf[0] = 18;	/* NLMSG_ERROR too short for struct nlmsgerr */
	CHECK(nl_parse_reply(buf, 20, 42, NULL, NULL, NULL, &cb_err) == -EBADMSG);
	buf[0] = 8;	/* shorter than a header */
	CHECK(nl_parse_reply(buf, 20, 42, NULL, NULL, NULL, &cb_err) == -EBADMSG);

	/* NLMSG_DONE carrying a dump's error and its message. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\x24\x00\x00\x00\x03\x00\x02\x02\x2a\x00\x00\x00", 12);
	memcpy(buf + 16, "\xea\xff\xff\xff", 4);			/* -EINVAL */
	memcpy(buf + 20, done_tlv, sizeof(done_tlv));
	memset(&ext, 0, sizeof(ext));
	CHECK(nl_parse_reply(buf, 36, 42, NULL, NULL, &ext, &cb_err) == -EINVAL);
	CHECK(!strcmp(ext.msg, "bad dump"));
	buf[0] = 16;	/* old kernels: no payload at all */
	CHECK(nl_parse_reply(buf, 16, 42, NULL, NULL, NULL, &cb_err) == 0);
}

/* A LIST reply for module "adder" as the kernel would build it. */
static void list_reply(struct nl_msg *m, bool with_bad_export)
{
	size_t exps, e, st, kinds;

	nl_msg_init(m, 0x1c, 0, KWASM_CMD_LIST, 1);
	nl_put_str(m, KWASM_A_NAME, "adder");
	nl_put_u32(m, KWASM_A_ID, 7);
	nl_put(m, KWASM_A_PAD, NULL, 0);
	nl_put_u64(m, KWASM_A_SIZE, 123);
	nl_put_u64(m, KWASM_A_FUEL, 1000000);
	nl_put_u32(m, KWASM_A_MAX_PAGES, 16);
	nl_put_u32(m, KWASM_A_MEM_PAGES, 1);
	exps = nl_nest_start(m, KWASM_A_EXPORTS);
	e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);
	nl_put_str(m, KWASM_E_NAME, "add");
	nl_put(m, KWASM_E_PARAMS, "\x7f\x7f", 2);
	nl_put(m, KWASM_E_RESULTS, "\x7f", 1);
	nl_nest_end(m, e);
	e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);
	if (!with_bad_export)
		nl_put_str(m, KWASM_E_NAME, "nop");
	nl_nest_end(m, e);
	nl_nest_end(m, exps);
	st = nl_nest_start(m, KWASM_A_STATS);
	nl_put_u64(m, KWASM_S_CALLS, 10);
	nl_put_u64(m, KWASM_S_TRAPS, 3);
	nl_put_u64(m, KWASM_S_FUEL, 500);
	nl_put_u64(m, KWASM_S_TIME_NS, 123456);
	kinds = nl_nest_start(m, KWASM_S_TRAP_KINDS);
	nl_put_u64(m, KW_TRAP_DIV_ZERO, 2);
	nl_put_u64(m, KW_TRAP_UNREACHABLE, 1);
	nl_put_u64(m, 200, 9);	/* a kind from the future: ignored */
	nl_nest_end(m, kinds);
	nl_nest_end(m, st);
	seal(m, 0x1c, 42);
}

static void test_list(void)
{
	struct kp_modules l = { 0 };
	const struct kp_export *e;
	struct kp_module *m;
	struct nl_msg msg;
	int cb_err = 0;
	u8 *two;

	list_reply(&msg, false);
	/* One datagram: the module twice (a multi-part dump), then DONE. */
	two = calloc(1, 2 * msg.len + 20);
	memcpy(two, msg.buf, msg.len);
	memcpy(two + msg.len, msg.buf, msg.len);
	memcpy(two + 2 * msg.len, "\x14\x00\x00\x00\x03\x00\x02\x00\x2a\x00\x00\x00", 12);
	CHECK(nl_parse_reply(two, 2 * msg.len + 20, 42, kp_module_cb, &l, NULL, &cb_err) == 0);
	CHECK(!cb_err && l.n == 2);
	m = &l.v[0];
	CHECK(!strcmp(m->name, "adder") && m->id == 7 && m->size == 123);
	CHECK(m->fuel == 1000000 && m->max_pages == 16 && m->mem_pages == 1);
	CHECK(m->calls == 10 && m->traps == 3 && m->fuel_used == 500 && m->time_ns == 123456);
	CHECK(m->trap_kinds[KW_TRAP_DIV_ZERO] == 2 && m->trap_kinds[KW_TRAP_UNREACHABLE] == 1);
	CHECK(m->nexports == 2);
	e = kp_find_export(m, "add");
	CHECK(e && e->nparams == 2 && e->params[1] == KW_I32 && e->nresults == 1);
	e = kp_find_export(m, "nop");
	CHECK(e && !e->nparams && !e->nresults);
	CHECK(!kp_find_export(m, "ad"));
	kp_modules_free(&l);
	nl_msg_free(&msg);
	free(two);

	/* An export without a name spoils the reply, without leaks. */
	list_reply(&msg, true);
	CHECK(list_decode(&msg, &l) == -EBADMSG && l.n == 0);
	kp_modules_free(&l);
	nl_msg_free(&msg);

	/* Every truncation and many corruptions of a reply: errors, never crashes. */
	list_reply(&msg, false);
	CHECK(list_fuzz_bad(&msg) == 0);
	nl_msg_free(&msg);
}

static void test_call_stats(void)
{
	struct kp_stats s = { 0 };
	struct kp_call c = { 0 };
	struct nl_msg m;
	size_t res, v;
	int cb_err = 0;

	nl_msg_init(&m, 0x1c, 0, KWASM_CMD_CALL, 1);
	res = nl_nest_start(&m, KWASM_A_RESULTS);
	v = nl_nest_start(&m, KWASM_A_VALUE);
	nl_put_u8(&m, KWASM_V_TYPE, KW_I32);
	nl_put_u64(&m, KWASM_V_BITS, 0xfffffffeull);
	nl_nest_end(&m, v);
	v = nl_nest_start(&m, KWASM_A_VALUE);
	nl_put_u8(&m, KWASM_V_TYPE, KW_F32);
	nl_put_u64(&m, KWASM_V_BITS, 0x3f800000);
	nl_nest_end(&m, v);
	nl_nest_end(&m, res);
	nl_put_u64(&m, KWASM_A_FUEL_USED, 17);
	seal(&m, 0x1c, 42);
	CHECK(nl_parse_reply(m.buf, m.len, 42, kp_call_cb, &c, NULL, &cb_err) == 1 && !cb_err);
	CHECK(!c.trapped && c.nresults == 2 && c.fuel_used == 17);
	CHECK(c.nresults == 2 && c.results[0].type == KW_I32 && (s32)c.results[0].i32 == -2);
	CHECK(c.nresults == 2 && c.results[1].type == KW_F32 && c.results[1].f32 == 0x3f800000);
	kp_call_free(&c);
	nl_msg_free(&m);

	memset(&c, 0, sizeof(c));
	nl_msg_init(&m, 0x1c, 0, KWASM_CMD_CALL, 1);
	nl_put_u32(&m, KWASM_A_TRAP_CODE, KW_TRAP_DIV_ZERO);
	nl_put_str(&m, KWASM_A_TRAP_MSG, "integer divide by zero");
	nl_put_u32(&m, KWASM_A_TRAP_OFFSET, 0x2a);
	nl_put_u64(&m, KWASM_A_FUEL_USED, 3);
	seal(&m, 0x1c, 42);
	CHECK(nl_parse_reply(m.buf, m.len, 42, kp_call_cb, &c, NULL, &cb_err) == 1 && !cb_err);
	CHECK(c.trapped && c.trap_code == KW_TRAP_DIV_ZERO && c.trap_offset == 0x2a);
	CHECK(!strcmp(c.trap_msg, "integer divide by zero") && !c.nresults);
	kp_call_free(&c);
	nl_msg_free(&m);

	/* A value without its bits. */
	memset(&c, 0, sizeof(c));
	nl_msg_init(&m, 0x1c, 0, KWASM_CMD_CALL, 1);
	res = nl_nest_start(&m, KWASM_A_RESULTS);
	v = nl_nest_start(&m, KWASM_A_VALUE);
	nl_put_u8(&m, KWASM_V_TYPE, KW_I32);
	nl_nest_end(&m, v);
	nl_nest_end(&m, res);
	seal(&m, 0x1c, 42);
	CHECK(nl_parse_reply(m.buf, m.len, 42, kp_call_cb, &c, NULL, &cb_err) == 1);
	CHECK(cb_err == -EBADMSG);
	kp_call_free(&c);
	nl_msg_free(&m);

	cb_err = 0;
	nl_msg_init(&m, 0x1c, 0, KWASM_CMD_STATS, 1);
	nl_put_u32(&m, KWASM_A_NMODULES, 2);
	nl_put_u64(&m, KWASM_A_ALLOCS, 0);
	nl_put_u64(&m, KWASM_A_FUEL, 1000);
	nl_put_u32(&m, KWASM_A_MAX_PAGES, 16);
	nl_put_u32(&m, KWASM_A_MAX_MODULES, 64);
	nl_put_u32(&m, KWASM_A_MAX_FILE, 1 << 20);
	seal(&m, 0x1c, 42);
	CHECK(nl_parse_reply(m.buf, m.len, 42, kp_stats_cb, &s, NULL, &cb_err) == 1 && !cb_err);
	CHECK(s.nmodules == 2 && s.fuel == 1000 && s.max_modules == 64 && s.max_file == 1 << 20);
	nl_msg_free(&m);
}

/* nl_request() against a fake kernel: the other end of a datagram socketpair. */
static void test_socketpair(void)
{
	struct nl_sock s = { 0 };
	struct kp_modules l = { 0 };
	struct nl_ext_err ext;
	struct nl_msg m, req;
	int sv[2];
	u8 got[256];
	u16 id = 0;
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv)) {
		CHECK(0);
		return;
	}
	s.fd = sv[0];
	s.seq = 41;

	/* Family lookup: the controller's reply, then the ACK. */
	nl_msg_init(&m, GENL_ID_CTRL, 0, CTRL_CMD_NEWFAMILY, 2);
	nl_put_str(&m, CTRL_ATTR_FAMILY_NAME, "kwasm");
	nl_put(&m, CTRL_ATTR_FAMILY_ID, "\x1d\x00", 2);
	seal(&m, GENL_ID_CTRL, 42);
	CHECK(send(sv[1], m.buf, m.len, 0) == (ssize_t)m.len);
	CHECK(send(sv[1], "\x24\0\0\0\x02\0\x00\x01\x2a\0\0\0\0\0\0\0\0\0\0\0"
		   "\x10\0\0\0\x10\0\x05\0\x2a\0\0\0\0\0\0\0", 36, 0) == 36);
	CHECK(!nl_family(&s, "kwasm", &id, &ext) && id == 0x1d);
	n = recv(sv[1], got, sizeof(got), 0);
	CHECK(n == 32 && got[4] == GENL_ID_CTRL && got[16] == CTRL_CMD_GETFAMILY);
	CHECK(n == 32 && !memcmp(got + 24, "kwasm", 6));
	nl_msg_free(&m);

	/* A dump in two datagrams, the first larger than the initial buffer. */
	nl_msg_init(&m, 0x1d, 0, KWASM_CMD_LIST, 1);
	nl_put_str(&m, KWASM_A_NAME, "big");
	{
		static u8 pad[40000];

		nl_put(&m, KWASM_A_MAX + 100, pad, sizeof(pad));
	}
	seal(&m, 0x1d, 43);
	CHECK(send(sv[1], m.buf, m.len, 0) == (ssize_t)m.len);
	CHECK(send(sv[1], "\x14\0\0\0\x03\0\x02\0\x2b\0\0\0\0\0\0\0\0\0\0\0", 20, 0) == 20);
	nl_msg_init(&req, 0x1d, NLM_F_DUMP, KWASM_CMD_LIST, 1);
	CHECK(!nl_request(&s, &req, kp_module_cb, &l, &ext));
	CHECK(l.n == 1 && !strcmp(l.v[0].name, "big"));
	recv(sv[1], got, sizeof(got), 0);
	kp_modules_free(&l);
	nl_msg_free(&m);

	/* The error wins over what the callback said; extack reaches the caller. */
	memcpy(got, eperm_extack, sizeof(eperm_extack));
	got[8] = 44;
	CHECK(send(sv[1], got, sizeof(eperm_extack), 0) == sizeof(eperm_extack));
	CHECK(nl_request(&s, &req, kp_module_cb, &l, &ext) == -EPERM);
	CHECK(!strcmp(ext.msg, "no way"));
	recv(sv[1], got, sizeof(got), 0);

	/* The peer goes away mid-reply. */
	close(sv[1]);
	CHECK(nl_request(&s, &req, NULL, NULL, &ext) < 0);
	nl_msg_free(&req);
	nl_close(&s);
}

/* The running kernel's controller: lookups and a real extended ACK. */
static void test_kernel(void)
{
	struct nl_ext_err ext;
	struct nl_sock s;
	struct nl_msg m;
	u16 id = 0;
	int rc;

	rc = nl_open(&s);
	if (rc) {
		printf("skip: no generic netlink here (%s)\n", strerror(-rc));
		return;
	}
	CHECK(!nl_family(&s, "nlctrl", &id, &ext) && id == GENL_ID_CTRL);
	CHECK(nl_family(&s, "kwasm-nope", &id, &ext) == -ENOENT);
	/* A u8 where the policy wants a u16: rejected with a message. */
	nl_msg_init(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	nl_put_u8(&m, CTRL_ATTR_FAMILY_ID, 1);
	rc = nl_request(&s, &m, NULL, NULL, &ext);
	CHECK(rc == -EINVAL || rc == -ERANGE);
	printf("kernel said: %s (%s)\n", strerror(-rc), ext.msg[0] ? ext.msg : "no message");
	nl_msg_free(&m);
	nl_close(&s);
}

int main(void)
{
	test_build();
	test_args();
	test_parse();
	test_reply_errors();
	test_list();
	test_call_stats();
	test_socketpair();
	test_kernel();
	return check_done(NULL);
}
