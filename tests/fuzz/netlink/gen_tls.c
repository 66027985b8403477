// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: requests to the "kwasm_tls" family.  RULE_ADD gets what
 * kw_tls_parse_rule() reads (side, port, action, addr/prefix, uid, cgroup,
 * timeout, fail-open, credential paths, peers, policy), mostly consistent
 * so that rules are added and listed, then wrong values, strings without
 * NUL or too long, garbage in the nests, duplicate and huge peer lists.
 * RULE_DEL and RULE_LIST name rules added before; DONE carries bogus
 * request ids and KWASM_TLS_A_TX/_RX blobs of every size; ACCEPT finds
 * nothing pending.  The rule ids RULE_ADD returns are shared by all workers.
 */
#include <string.h>
#include <linux/tls.h>

#include "nlfuzz.h"

/* The u8 attributes, for extras of the right size. */
static const uint8_t attr_u8[] = { KWASM_TLS_A_SIDE, KWASM_TLS_A_PREFIX, KWASM_TLS_A_ACTION };

/* A path attribute: mostly a plausible path, else around every limit. */
static void put_path(struct fz_rng *r, struct nl_msg *m, uint16_t type)
{
	static const char *const paths[] = {
		"/etc/kwasm/tls/srv.pem", "/etc/kwasm/tls/srv.key", "/etc/kwasm/tls/ca.pem",
		"relative.pem", "/",
	};
	static char buf[KWASM_TLS_PATH_MAX + 8];
	size_t n;

	if (fz_chance(r, 85)) {
		nl_put_str(m, type, paths[fz_below(r, ARRAY_SIZE(paths))]);
		return;
	}
	switch (fz_below(r, 4)) {
	case 0:		/* PATH_MAX counts the NUL: 4095 bytes fit, 4096 do not */
		n = KWASM_TLS_PATH_MAX - 2 + fz_below(r, 4);
		memset(buf, 'p', n);
		buf[0] = '/';
		nl_put(m, type, buf, n + fz_below(r, 2));
		break;
	case 1:		/* empty, with and without its NUL */
		nl_put(m, type, "", fz_below(r, 2));
		break;
	case 2:		/* a NUL inside, or none at the end */
		if (fz_chance(r, 50))
			nl_put(m, type, "/a.pem\0/b.pem", 14);
		else
			nl_put(m, type, "/a.pem", 6);
		break;
	default:
		fz_put_random_attr(r, m, type, 2);
		break;
	}
}

/* One peer identity: "dns:NAME" or "uri:URI" mostly. */
static void put_peer(struct fz_rng *r, struct nl_msg *m, uint16_t type)
{
	static const char *const good[] = {
		"dns:api.test", "dns:srv.test", "uri:spiffe://test/srv", "dns:a",
	};
	static const char *const bad[] = { "dns:", "ip:10.0.0.1", "DNS:api.test", "uri", "" };
	static char buf[KWASM_TLS_PEER_MAX + 8];
	const char *s;
	size_t n;

	if (fz_chance(r, 80)) {
		nl_put_str(m, type, good[fz_below(r, ARRAY_SIZE(good))]);
		return;
	}
	switch (fz_below(r, 4)) {
	case 0:		/* 1023 bytes fit, 1024 do not */
		n = KWASM_TLS_PEER_MAX - 2 + fz_below(r, 4);
		memset(buf, 'n', n);
		memcpy(buf, "dns:", 4);
		nl_put(m, type, buf, n + fz_below(r, 2));
		break;
	case 1:
		s = bad[fz_below(r, ARRAY_SIZE(bad))];
		nl_put(m, type, s, strlen(s) + fz_below(r, 2));
		break;
	case 2:
		nl_put(m, type, "dns:a\0dns:b", 12);
		break;
	default:
		fz_put_random_attr(r, m, type, 2);
		break;
	}
}

/* KWASM_TLS_A_PEERS: a few identities; sometimes duplicates, 64/65, or a huge list. */
static void put_peers(struct fz_rng *r, struct nl_msg *m)
{
	size_t nest = nl_nest_start(m, KWASM_TLS_A_PEERS);
	uint32_t n, x = fz_below(r, 100);

	if (x < 80)
		n = 1 + fz_below(r, 4);
	else if (x < 88)
		n = KWASM_TLS_PEERS_MAX - 1 + fz_below(r, 3);
	else if (x < 92)
		n = 0;
	else
		n = 100 + fz_below(r, 2000);	/* past the limit, and past 64 KiB */
	while (n--) {
		if (fz_chance(r, 3))
			fz_put_random_attr(r, m, fz_below(r, 20), 2);
		else if (n > 8 && fz_chance(r, 60))
			nl_put_str(m, KWASM_TLS_A_PEER, "dns:api.test");	/* duplicates */
		else
			put_peer(r, m, KWASM_TLS_A_PEER);
	}
	nl_nest_end(m, nest);
}

/* KWASM_TLS_A_POLICY: a pool module (base ones exist) and an export. */
static void put_policy(struct fz_worker *w, struct nl_msg *m)
{
	static const char *const exports[] = { "policy", "allow", "filter", "main", "" };
	static char buf[4100];
	struct fz_rng *r = &w->rng;
	const struct fz_module *mod = &fz_pool[fz_pool_pick(w, true)];
	size_t nest;

	if (fz_chance(r, 3)) {
		fz_put_random_attr(r, m, KWASM_TLS_A_POLICY, 1);
		return;
	}
	nest = nl_nest_start(m, KWASM_TLS_A_POLICY);
	if (fz_chance(r, 95)) {
		if (fz_chance(r, 85))
			nl_put_str(m, KWASM_TLS_P_MODULE, mod->name);
		else
			put_path(r, m, KWASM_TLS_P_MODULE);
	}
	if (fz_chance(r, 95)) {
		if (mod->nexports && fz_chance(r, 50)) {
			memcpy(buf, mod->exports[0].name, mod->exports[0].len);
			buf[mod->exports[0].len] = 0;
			nl_put_str(m, KWASM_TLS_P_EXPORT, buf);
		} else if (fz_chance(r, 80)) {
			nl_put_str(m, KWASM_TLS_P_EXPORT,
				   exports[fz_below(r, ARRAY_SIZE(exports))]);
		} else {	/* 4096 bytes fit, 4097 do not */
			memset(buf, 'e', sizeof(buf));
			nl_put(m, KWASM_TLS_P_EXPORT, buf, 4095 + fz_below(r, 4));
		}
	}
	if (fz_chance(r, 10))
		fz_put_random_attr(r, m, fz_below(r, 5), 2);
	nl_nest_end(m, nest);
}

static void put_u16(struct nl_msg *m, uint16_t type, uint16_t v)
{
	nl_put(m, type, &v, sizeof(v));
}

/* KWASM_TLS_A_ADDR and _PREFIX, host bits clear mostly. */
static void put_addr(struct fz_rng *r, struct nl_msg *m)
{
	uint8_t a[17], prefix;
	uint32_t len = fz_chance(r, 90) ? (fz_chance(r, 50) ? 4 : 16) : fz_below(r, 18);
	uint32_t i, clear = fz_chance(r, 85) ? len : 0;

	fz_fill(r, a, sizeof(a));
	prefix = fz_chance(r, 90) ? fz_below(r, len * 8 + 1) : (uint8_t)fz_rand_value(r);
	for (i = 0; i < clear; i++) {
		if (i * 8 >= prefix)
			a[i] = 0;
		else if (i * 8 + 8 > prefix)
			a[i] &= 0xff << (8 - prefix % 8);
	}
	nl_put(m, KWASM_TLS_A_ADDR, a, len);
	if (fz_chance(r, 70))
		nl_put_u8(m, KWASM_TLS_A_PREFIX, prefix);
}

/* The credentials kw_tls_check_creds() wants for @side and @action, mostly. */
static void put_creds(struct fz_rng *r, struct nl_msg *m, uint8_t side, uint8_t action)
{
	bool sane = fz_chance(r, 85);
	bool present = action == KWASM_TLS_ACT_TLS ||
		       (action == KWASM_TLS_ACT_SERVER_ONLY && side == KWASM_TLS_SERVER);
	bool verify = action == KWASM_TLS_ACT_TLS ||
		      (action == KWASM_TLS_ACT_SERVER_ONLY && side == KWASM_TLS_CLIENT);

	if (sane ? present : fz_chance(r, 50))
		put_path(r, m, KWASM_TLS_A_CERT);
	if (sane ? present : fz_chance(r, 50))
		put_path(r, m, KWASM_TLS_A_KEY);
	if (sane ? verify : fz_chance(r, 50))
		put_path(r, m, KWASM_TLS_A_CA);
	if ((sane ? verify : true) && fz_chance(r, 30))
		put_peers(r, m);
	if ((sane ? side == KWASM_TLS_CLIENT && (present || verify) : true) && fz_chance(r, 30))
		put_path(r, m, KWASM_TLS_A_SNI);
}

/* A string attribute of @n bytes and its NUL: @prefix, then filler. */
static void put_long(struct nl_msg *m, uint16_t type, const char *prefix, size_t n)
{
	static char buf[KWASM_TLS_PATH_MAX + 8];

	memset(buf, 'l', n);
	memcpy(buf, prefix, strlen(prefix));
	buf[n] = 0;
	nl_put(m, type, buf, n + 1);
}

/*
 * The largest rule the kernel takes: every string at its limit and as many
 * 1023-byte peers as one nest holds, so that RULE_LIST and ACCEPT must size
 * their replies right (kw_tls_rule_size()).
 */
static void gen_rule_max(struct fz_worker *w, struct nl_msg *m)
{
	uint32_t n = (0xffff - NLA_HDRLEN) / NLA_ALIGN(NLA_HDRLEN + KWASM_TLS_PEER_MAX);
	size_t nest;

	nl_put_u8(m, KWASM_TLS_A_SIDE, KWASM_TLS_CLIENT);
	put_u16(m, KWASM_TLS_A_PORT, 20000 + fz_below(&w->rng, 64));
	put_long(m, KWASM_TLS_A_CERT, "/", KWASM_TLS_PATH_MAX - 1);
	put_long(m, KWASM_TLS_A_KEY, "/", KWASM_TLS_PATH_MAX - 1);
	put_long(m, KWASM_TLS_A_CA, "/", KWASM_TLS_PATH_MAX - 1);
	put_long(m, KWASM_TLS_A_SNI, "s", 255);
	nest = nl_nest_start(m, KWASM_TLS_A_PEERS);
	while (n--)
		put_long(m, KWASM_TLS_A_PEER, "dns:", KWASM_TLS_PEER_MAX - 1);
	nl_nest_end(m, nest);
	if (fz_chance(&w->rng, 50)) {
		nest = nl_nest_start(m, KWASM_TLS_A_POLICY);
		nl_put_str(m, KWASM_TLS_P_MODULE, fz_pool[fz_pool_pick(w, false)].name);
		put_long(m, KWASM_TLS_P_EXPORT, "e", 4096);
		nl_nest_end(m, nest);
	}
}

static void gen_rule_add(struct fz_worker *w, struct fz_req *rq)
{
	static const uint32_t uids[] = { 0, 1000, 65534, 0xffffffff };
	static const uint32_t timeouts[] = { 100, 250, 10000, 600000, 99, 600001, 0 };
	struct fz_rng *r = &w->rng;
	struct nl_msg *m = &rq->m;
	uint8_t side, action;

	if (fz_chance(r, 2)) {
		gen_rule_max(w, m);
		return;
	}
	side = fz_chance(r, 92) ? 1 + fz_below(r, 2) : (uint8_t)fz_rand_value(r);
	action = fz_chance(r, 92) ? 1 + fz_below(r, KWASM_TLS_ACT_MAX) : (uint8_t)fz_rand_value(r);
	if (fz_chance(r, 97))
		nl_put_u8(m, KWASM_TLS_A_SIDE, side);
	/* High ports nothing listens on; port 0 and the rest now and then. */
	if (fz_chance(r, 97))
		put_u16(m, KWASM_TLS_A_PORT, fz_chance(r, 85) ? 20000 + fz_below(r, 64) :
			(uint16_t)fz_rand_value(r));
	if (fz_chance(r, 75))
		nl_put_u8(m, KWASM_TLS_A_ACTION, action);
	else
		action = KWASM_TLS_ACT_TLS;
	if (fz_chance(r, side == KWASM_TLS_CLIENT ? 40 : 5))
		put_addr(r, m);
	else if (fz_chance(r, 2))
		nl_put_u8(m, KWASM_TLS_A_PREFIX, fz_below(r, 129));
	if (fz_chance(r, 20))
		nl_put_u32(m, KWASM_TLS_A_UID, uids[fz_below(r, ARRAY_SIZE(uids))]);
	if (fz_chance(r, 15))
		nl_put_u64(m, KWASM_TLS_A_CGROUP, fz_chance(r, 50) ? 1 : fz_rand_value(r));
	if (fz_chance(r, 40))
		nl_put_u32(m, KWASM_TLS_A_TIMEOUT_MS,
			   fz_chance(r, 90) ? timeouts[fz_below(r, ARRAY_SIZE(timeouts))] :
			   (uint32_t)fz_rand_value(r));
	if (fz_chance(r, 30))
		nl_put(m, KWASM_TLS_A_FAIL_OPEN, NULL, 0);
	put_creds(r, m, side, action);
	if (fz_chance(r, 20))
		put_policy(w, m);
}

/* A rule id: one RULE_ADD returned (maybe deleted since) mostly. */
static uint32_t pick_id(struct fz_rng *r)
{
	uint32_t n = __atomic_load_n(&fz_sh->tls_next, __ATOMIC_RELAXED);
	uint32_t at = fz_below(r, n < FZ_TLS_IDS ? n : FZ_TLS_IDS);

	if (n && fz_chance(r, 85))
		return __atomic_load_n(&fz_sh->tls_ids[at], __ATOMIC_RELAXED);
	return (uint32_t)fz_rand_value(r);
}

/* struct tls12_crypto_info_* of every size; TLS 1.3 and a real cipher mostly. */
static void put_crypto(struct fz_rng *r, struct nl_msg *m, uint16_t type, uint16_t cipher)
{
	static const size_t sizes[] = {
		sizeof(struct tls12_crypto_info_aes_gcm_128),
		sizeof(struct tls12_crypto_info_aes_gcm_256),
		sizeof(struct tls12_crypto_info_chacha20_poly1305),
		sizeof(struct tls_crypto_info),
	};
	static uint8_t buf[6000];
	struct tls_crypto_info *h = (void *)buf;
	size_t n;

	if (fz_chance(r, 60))	/* exact, or one byte off */
		n = sizes[fz_below(r, ARRAY_SIZE(sizes))] + (fz_chance(r, 90) ? 0 : 1) -
		    (fz_chance(r, 10) ? 1 : 0);
	else if (fz_chance(r, 80))
		n = fz_below(r, 80);
	else
		n = fz_below(r, sizeof(buf));
	fz_fill(r, buf, n);
	if (fz_chance(r, 85)) {
		h->version = fz_chance(r, 90) ? TLS_1_3_VERSION : TLS_1_2_VERSION;
		h->cipher_type = cipher;
	}
	nl_put(m, type, buf, n);
}

static void gen_done(struct fz_rng *r, struct nl_msg *m)
{
	static const uint16_t ciphers[] = {
		TLS_CIPHER_AES_GCM_128, TLS_CIPHER_AES_GCM_256, TLS_CIPHER_CHACHA20_POLY1305,
		TLS_CIPHER_AES_CCM_128, 0, 0xffff,
	};
	uint16_t cipher = ciphers[fz_below(r, ARRAY_SIZE(ciphers))];

	if (fz_chance(r, 95))
		nl_put_u64(m, KWASM_TLS_A_REQ_ID, fz_rand_value(r));
	if (fz_chance(r, 95))
		nl_put_u32(m, KWASM_TLS_A_STATUS, fz_chance(r, 60) ? 0 :
			   (uint32_t)fz_rand_value(r));
	if (fz_chance(r, 50))
		put_peer(r, m, KWASM_TLS_A_PEER_ID);
	if (fz_chance(r, 90))
		put_crypto(r, m, KWASM_TLS_A_TX, cipher);
	if (fz_chance(r, 90))
		put_crypto(r, m, KWASM_TLS_A_RX, fz_chance(r, 90) ? cipher :
			   ciphers[fz_below(r, ARRAY_SIZE(ciphers))]);
}

/* Random attributes: mostly the family's types, with that type's size now and then. */
static void put_extras(struct fz_rng *r, struct nl_msg *m, uint32_t n)
{
	uint16_t type;

	while (n--) {
		type = fz_chance(r, 90) ? fz_below(r, KWASM_TLS_A_MAX + 2) : fz_below(r, 0x4000);
		if (memchr(attr_u8, type, sizeof(attr_u8)) && fz_chance(r, 50))
			nl_put_u8(m, type, (uint8_t)fz_rand_value(r));
		else
			fz_put_random_attr(r, m, type, 1);
	}
}

/**
 * fz_tls_pick_cmd() - a kwasm_tls command, weighted towards the rule parser
 * @r: the worker's random stream
 *
 * Return: the command number; 0, READY (no handler) and unknown numbers too.
 */
uint8_t fz_tls_pick_cmd(struct fz_rng *r)
{
	static const uint8_t weight[] = {
		[KWASM_TLS_CMD_UNSPEC] = 1, [KWASM_TLS_CMD_RULE_ADD] = 30,
		[KWASM_TLS_CMD_RULE_DEL] = 14, [KWASM_TLS_CMD_RULE_LIST] = 10,
		[KWASM_TLS_CMD_STATUS] = 4, [KWASM_TLS_CMD_READY] = 1,
		[KWASM_TLS_CMD_ACCEPT] = 6, [KWASM_TLS_CMD_DONE] = 14,
	};
	uint32_t total = 0, c, x;

	if (fz_chance(r, 2))
		return KWASM_TLS_CMD_MAX + 1 + fz_below(r, 255 - KWASM_TLS_CMD_MAX);
	for (c = 0; c <= KWASM_TLS_CMD_MAX; c++)
		total += weight[c];
	x = fz_below(r, total);
	for (c = 0; c < KWASM_TLS_CMD_MAX; c++) {
		if (x < weight[c])
			break;
		x -= weight[c];
	}
	return c;
}

/**
 * fz_gen_tls() - the attributes of kwasm_tls request @i, after its header
 * @w: the worker
 * @rq: the datagram; @rq->m holds the request's headers
 * @i: which request
 * @dump: it is sent as a dump
 */
void fz_gen_tls(struct fz_worker *w, struct fz_req *rq, int i, bool dump)
{
	struct fz_rng *r = &w->rng;
	struct nl_msg *m = &rq->m;

	if (fz_chance(r, 6)) {
		put_extras(r, m, fz_below(r, 8));
		return;
	}
	switch (rq->cmd[i]) {
	case KWASM_TLS_CMD_RULE_ADD:
		gen_rule_add(w, rq);
		break;
	case KWASM_TLS_CMD_RULE_DEL:
		if (fz_chance(r, 95))
			nl_put_u32(m, KWASM_TLS_A_RULE_ID, pick_id(r));
		break;
	case KWASM_TLS_CMD_RULE_LIST:
		if (!dump ? fz_chance(r, 90) : fz_chance(r, 10))
			nl_put_u32(m, KWASM_TLS_A_RULE_ID, pick_id(r));
		break;
	case KWASM_TLS_CMD_DONE:
		gen_done(r, m);
		break;
	case KWASM_TLS_CMD_STATUS:
	case KWASM_TLS_CMD_ACCEPT:
		break;
	default:
		put_extras(r, m, fz_below(r, 4));
		break;
	}
	if (fz_chance(r, 10))
		put_extras(r, m, 1 + fz_below(r, 3));
	if (fz_chance(r, 8))
		fz_put_duplicate(r, m);
}

/**
 * fz_tls_remember() - keep the id a RULE_ADD reply carries
 * @attrs: the reply's attributes, checked by fz_check_attrs()
 * @len: their length
 */
void fz_tls_remember(const void *attrs, size_t len)
{
	const struct nlattr *tb[KWASM_TLS_A_RULE_ID + 1];
	uint32_t id, at;

	if (nl_parse(attrs, len, tb, KWASM_TLS_A_RULE_ID) ||
	    !nl_get_u32(tb[KWASM_TLS_A_RULE_ID], &id))
		return;
	at = __atomic_fetch_add(&fz_sh->tls_next, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&fz_sh->tls_ids[at % FZ_TLS_IDS], id, __ATOMIC_RELAXED);
}
