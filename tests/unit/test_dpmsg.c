// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tests of the data-path messages (cli/kproto_dp.c, and the data-path parts
 * of LIST and STATS in cli/kproto.c): exact request bytes for ATTACH,
 * DETACH and MAP_*, hook names, and replies decoded from canned buffers,
 * malformed and truncated ones included.  Prints "N passed, N failed" last.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kproto.h"
#include "nl_canned.h"

#define HDR	(NLMSG_HDRLEN + GENL_HDRLEN)

/* The attributes of @m are exactly @want. */
static bool attrs_are(const struct nl_msg *m, const u8 *want, size_t len)
{
	return !m->oom && m->len == HDR + len && !memcmp(m->buf + HDR, want, len);
}

static void test_hooks(void)
{
	static const char *const names[] = {
		"ipv4-in", "ipv4-out", "ipv6-in", "ipv6-out", "forward",
	};
	int i;

	for (i = 0; i < 5; i++) {
		CHECK(kp_hook_parse(names[i]) == i + 1);
		CHECK(kp_hook_name(i + 1) && !strcmp(kp_hook_name(i + 1), names[i]));
	}
	CHECK(kp_hook_parse("IPV4-IN") == -EINVAL);
	CHECK(kp_hook_parse("ipv4") == -EINVAL);
	CHECK(kp_hook_parse("") == -EINVAL);
	CHECK(kp_hook_parse("none") == -EINVAL);
	CHECK(!kp_hook_name(KWASM_HOOK_NONE));
	CHECK(!kp_hook_name(KWASM_HOOK_MAX + 1));
	CHECK(!kp_hook_name(~0u));
}

static void test_attach_req(void)
{
	static const u8 attach[] = {
		7, 0, KWASM_A_NAME, 0,  'f', 'w', 0, 0,
		10, 0, KWASM_A_EXPORT, 0,  'c', 'o', 'u', 'n', 't', 0, 0, 0,
		8, 0, KWASM_A_HOOK, 0,  KWASM_HOOK_IPV4_OUT, 0, 0, 0,
		8, 0, KWASM_A_NETNS_FD, 0,  7, 0, 0, 0,
		4, 0, KWASM_A_FAIL_CLOSED, 0,					/* flag */
		8, 0, KWASM_A_PRIORITY, 0,  0xfb, 0xff, 0xff, 0xff,		/* -5 */
	};
	static const u8 detach[] = {
		7, 0, KWASM_A_NAME, 0,  'f', 'w', 0, 0,
		10, 0, KWASM_A_EXPORT, 0,  'c', 'o', 'u', 'n', 't', 0, 0, 0,
		8, 0, KWASM_A_HOOK, 0,  KWASM_HOOK_IPV4_OUT, 0, 0, 0,
	};
	struct kp_attach_req r = {
		.name = "fw", .export = "count", .hook = KWASM_HOOK_IPV4_OUT, .netns_fd = 7,
		.fail_closed = true, .priority = -5, .has_priority = true,
	};
	struct nl_msg m;

	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_ATTACH, 1));
	kp_put_attach(&m, &r, true);
	CHECK(attrs_are(&m, attach, sizeof(attach)));
	nl_msg_free(&m);

	/* DETACH ignores the attach-only settings; no fd means the caller's netns. */
	r.netns_fd = -1;
	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_DETACH, 1));
	kp_put_attach(&m, &r, false);
	CHECK(attrs_are(&m, detach, sizeof(detach)));
	nl_msg_free(&m);

	/* ATTACH with the defaults sends no optional attribute. */
	r.fail_closed = false;
	r.has_priority = false;
	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_ATTACH, 1));
	kp_put_attach(&m, &r, true);
	CHECK(attrs_are(&m, detach, sizeof(detach)));
	nl_msg_free(&m);
}

static void test_map_req(void)
{
	static const u8 get[] = {
		7, 0, KWASM_A_NAME, 0,  'f', 'w', 0, 0,
		8, 0, KWASM_A_MAP, 0,  2, 0, 0, 0,
		8, 0, KWASM_A_KEY, 0,  0x0a, 0, 0, 2,
	};
	static const u8 set_empty[] = {
		7, 0, KWASM_A_NAME, 0,  'f', 'w', 0, 0,
		8, 0, KWASM_A_MAP, 0,  0, 0, 0, 0,
		5, 0, KWASM_A_KEY, 0,  'k', 0, 0, 0,
		4, 0, KWASM_A_MAP_VALUE, 0,				/* empty value */
	};
	static const u8 dump_all[] = { 7, 0, KWASM_A_NAME, 0, 'f', 'w', 0, 0 };
	static const u8 key[] = { 0x0a, 0, 0, 2 };
	struct kp_map_req r = { .name = "fw", .map = 2, .key = key, .klen = 4 };
	struct nl_msg m;

	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_MAP_GET, 1));
	kp_put_map(&m, &r);
	CHECK(attrs_are(&m, get, sizeof(get)));
	nl_msg_free(&m);

	r = (struct kp_map_req){ .name = "fw", .map = 0, .key = (const u8 *)"k", .klen = 1,
				 .value = key, .vlen = 0 };
	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_ACK, KWASM_CMD_MAP_SET, 1));
	kp_put_map(&m, &r);
	CHECK(attrs_are(&m, set_empty, sizeof(set_empty)));
	nl_msg_free(&m);

	r = (struct kp_map_req){ .name = "fw", .map = -1 };
	CHECK(!nl_msg_init(&m, 0x1c, NLM_F_DUMP, KWASM_CMD_MAP_DUMP, 1));
	kp_put_map(&m, &r);
	CHECK(attrs_are(&m, dump_all, sizeof(dump_all)));
	nl_msg_free(&m);
}

/* What can be wrong with an attachment entry in a canned LIST reply. */
enum fw_flaw { FW_OK, FW_NO_HOOK, FW_NO_EXPORT, FW_SHORT_HANDLE };

static void put_attach(struct nl_msg *m, enum fw_flaw flaw)
{
	size_t t = nl_nest_start(m, KWASM_A_ATTACH_ENTRY);

	if (flaw != FW_NO_HOOK)
		nl_put_u32(m, KWASM_T_HOOK, KWASM_HOOK_IPV6_OUT);
	if (flaw != FW_NO_EXPORT)
		nl_put_str(m, KWASM_T_EXPORT, "count");
	nl_put_u32(m, KWASM_T_NETNS, 4026531840u);
	nl_put_u8(m, KWASM_T_FAIL_CLOSED, 1);
	nl_put_u32(m, KWASM_T_PRIORITY, (u32)-100);
	nl_put(m, KWASM_T_PAD, NULL, 0);
	nl_put_u64(m, KWASM_T_PACKETS, 7);
	nl_put_u64(m, KWASM_T_ACCEPTS, 5);
	nl_put_u64(m, KWASM_T_DROPS, 1);
	nl_put_u64(m, KWASM_T_ERRORS, 1);
	nl_put_u32(m, KWASM_T_MAX + 5, 1);	/* from a newer kernel: ignored */
	nl_nest_end(m, t);
}

/* A LIST reply for the data-path module "fw". */
static void fw_reply(struct nl_msg *m, enum fw_flaw flaw)
{
	size_t exps, e, at, st;

	nl_msg_init(m, 0x1c, 0, KWASM_CMD_LIST, 1);
	nl_put_str(m, KWASM_A_NAME, "fw");
	nl_put_u32(m, KWASM_A_ID, 4);
	nl_put(m, KWASM_A_DATAPATH, NULL, 0);
	exps = nl_nest_start(m, KWASM_A_EXPORTS);
	e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);
	nl_put_str(m, KWASM_E_NAME, "count");
	nl_put(m, KWASM_E_PARAMS, "\x7f", 1);
	nl_put(m, KWASM_E_RESULTS, "\x7f", 1);
	if (flaw == FW_SHORT_HANDLE)
		nl_put(m, KWASM_E_HANDLE, "\x03\x00", 2);
	else
		nl_put_u32(m, KWASM_E_HANDLE, 3);
	nl_nest_end(m, e);
	e = nl_nest_start(m, KWASM_A_EXPORT_ENTRY);
	nl_put_str(m, KWASM_E_NAME, "reset");
	nl_nest_end(m, e);
	nl_nest_end(m, exps);
	at = nl_nest_start(m, KWASM_A_ATTACHMENTS);
	put_attach(m, FW_OK);
	put_attach(m, flaw);
	nl_nest_end(m, at);
	st = nl_nest_start(m, KWASM_A_STATS);
	nl_put_u64(m, KWASM_S_CALLS, 1);
	nl_put_u64(m, KWASM_S_DP_CALLS, 120);
	nl_put_u64(m, KWASM_S_DP_BUSY, 2);
	nl_put_u64(m, KWASM_S_DP_ERRORS, 3);
	nl_nest_end(m, st);
	seal(m, 0x1c, 42);
}

static void test_list(void)
{
	struct kp_modules l = { 0 };
	const struct kp_attach *t;
	const struct kp_export *e;
	struct kp_module *m;
	struct nl_msg msg;
	enum fw_flaw flaw;

	fw_reply(&msg, FW_OK);
	CHECK(!list_decode(&msg, &l) && l.n == 1);
	m = l.n ? &l.v[0] : NULL;
	CHECK(m && m->datapath && m->dp_calls == 120 && m->dp_busy == 2 && m->dp_errors == 3);
	CHECK(m && m->calls == 1 && m->nexports == 2 && m->nattach == 2);
	e = m ? kp_find_export(m, "count") : NULL;
	CHECK(e && e->has_handle && e->handle == 3);
	e = m ? kp_find_export(m, "reset") : NULL;
	CHECK(e && !e->has_handle);
	t = m && m->nattach == 2 ? &m->attach[1] : NULL;
	CHECK(t && t->hook == KWASM_HOOK_IPV6_OUT && !strcmp(t->export, "count"));
	CHECK(t && t->netns == 4026531840u && t->fail_closed && t->priority == -100);
	CHECK(t && t->packets == 7 && t->accepts == 5 && t->drops == 1 && t->errors == 1);
	kp_modules_free(&l);
	CHECK(!l.n && !l.v);
	/* Truncated and corrupted: errors, never crashes. */
	CHECK(list_fuzz_bad(&msg) == 0);
	nl_msg_free(&msg);

	/* A plain module: no flag, no handles, no attachments. */
	nl_msg_init(&msg, 0x1c, 0, KWASM_CMD_LIST, 1);
	nl_put_str(&msg, KWASM_A_NAME, "plain");
	seal(&msg, 0x1c, 42);
	CHECK(!list_decode(&msg, &l) && l.n == 1);
	CHECK(l.n && !l.v[0].datapath && !l.v[0].nattach && !l.v[0].attach);
	kp_modules_free(&l);
	nl_msg_free(&msg);

	/* Each flaw spoils the reply, without leaks (ASan checks). */
	for (flaw = FW_NO_HOOK; flaw <= FW_SHORT_HANDLE; flaw++) {
		fw_reply(&msg, flaw);
		CHECK(list_decode(&msg, &l) == -EBADMSG && l.n == 0);
		kp_modules_free(&l);
		nl_msg_free(&msg);
	}
}

static void test_stats(void)
{
	struct kp_stats s;
	struct nl_msg m;
	int cb_err = 0, i;
	static const s32 bpf[] = { 0, -EOPNOTSUPP };

	for (i = 0; i < 3; i++) {
		memset(&s, 0, sizeof(s));
		nl_msg_init(&m, 0x1c, 0, KWASM_CMD_STATS, 1);
		nl_put_u32(&m, KWASM_A_NMODULES, 1);
		if (i < 2)
			nl_put_u32(&m, KWASM_A_BPF, (u32)bpf[i]);
		seal(&m, 0x1c, 42);
		CHECK(nl_parse_reply(m.buf, m.len, 42, kp_stats_cb, &s, NULL, &cb_err) == 1);
		CHECK(!cb_err && s.nmodules == 1);
		/* The third reply is an older kernel's: it does not say. */
		CHECK(i < 2 ? s.has_bpf && s.bpf == bpf[i] : !s.has_bpf);
		nl_msg_free(&m);
	}
}

/* A MAP_GET (@dump false) or MAP_DUMP reply; a negative length leaves it out. */
static int map_reply(bool dump, int map, int klen, int vlen)
{
	struct kp_map_entries l = { 0 };
	static u8 bytes[100];
	struct nl_msg m;
	int cb_err = 0;

	memset(bytes, 0xab, sizeof(bytes));
	nl_msg_init(&m, 0x1c, 0, dump ? KWASM_CMD_MAP_DUMP : KWASM_CMD_MAP_GET, 1);
	if (map >= 0)
		nl_put_u32(&m, KWASM_A_MAP, map);
	if (klen >= 0)
		nl_put(&m, KWASM_A_KEY, bytes, klen);
	if (vlen >= 0)
		nl_put(&m, KWASM_A_MAP_VALUE, bytes, vlen);
	seal(&m, 0x1c, 42);
	if (nl_parse_reply(m.buf, m.len, 42, dump ? kp_map_entry_cb : kp_map_value_cb, &l,
			   NULL, &cb_err) != 1)
		cb_err = -EPROTO;
	/* Decoded, it must be exactly what was sent. */
	if (!cb_err && (l.n != 1 || l.v[0].vlen != vlen || l.v[0].klen != (klen < 0 ? 0 : klen) ||
			(dump && l.v[0].map != map) ||
			(vlen > 0 && l.v[0].value[vlen - 1] != 0xab)))
		cb_err = -EINVAL;
	kp_map_entries_free(&l);
	nl_msg_free(&m);
	return cb_err;
}

static void test_map_replies(void)
{
	CHECK(map_reply(false, -1, -1, 8) == 0);
	CHECK(map_reply(false, -1, -1, 0) == 0);	/* an empty value */
	CHECK(map_reply(false, -1, -1, KWASM_MAP_VALUE_MAX) == 0);
	CHECK(map_reply(false, -1, -1, KWASM_MAP_VALUE_MAX + 1) == -EBADMSG);
	CHECK(map_reply(false, -1, -1, -1) == -EBADMSG);	/* no value */
	CHECK(map_reply(true, 3, 4, 8) == 0);
	CHECK(map_reply(true, 0, KWASM_MAP_KEY_MAX, 0) == 0);
	CHECK(map_reply(true, 0, KWASM_MAP_KEY_MAX + 1, 0) == -EBADMSG);
	CHECK(map_reply(true, -1, 4, 8) == -EBADMSG);	/* no map */
	CHECK(map_reply(true, 1, -1, 8) == -EBADMSG);	/* no key */
	CHECK(map_reply(true, 1, 4, -1) == -EBADMSG);	/* no value */
}

int main(void)
{
	test_hooks();
	test_attach_req();
	test_map_req();
	test_list();
	test_stats();
	test_map_replies();
	return check_done(NULL);
}
