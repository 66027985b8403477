// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: building requests (kwasm_tls's bodies: gen_tls.c).  Each
 * command gets the attributes its handler reads, mostly well-formed and
 * naming modules and exports that exist, so that the deep paths run
 * (calls, attachments, maps); then some attributes get the wrong type or
 * size, duplicates, garbage nests or random extras, and some messages are
 * damaged byte-wise (mutate.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlfuzz.h"

/* What a top-level attribute holds, for "right type" payloads. */
enum fz_kind { K_NONE, K_U32, K_U64, K_S32, K_STR, K_FLAG, K_BIN, K_ARGS, K_IMPORTS };

static const uint8_t attr_kind[KWASM_A_MAX + 1] = {
	[KWASM_A_NAME] = K_STR,		[KWASM_A_FD] = K_U32,
	[KWASM_A_FUEL] = K_U64,		[KWASM_A_MAX_PAGES] = K_U32,
	[KWASM_A_ID] = K_U32,		[KWASM_A_SIZE] = K_U64,
	[KWASM_A_EXPORT] = K_STR,	[KWASM_A_ARGS] = K_ARGS,
	[KWASM_A_RESULTS] = K_ARGS,	[KWASM_A_IMPORTS] = K_IMPORTS,
	[KWASM_A_DATAPATH] = K_FLAG,	[KWASM_A_HOOK] = K_U32,
	[KWASM_A_NETNS_FD] = K_U32,	[KWASM_A_FAIL_CLOSED] = K_FLAG,
	[KWASM_A_PRIORITY] = K_S32,	[KWASM_A_MAP] = K_U32,
	[KWASM_A_KEY] = K_BIN,		[KWASM_A_MAP_VALUE] = K_BIN,
	[KWASM_A_STATUS] = K_U32,	[KWASM_A_BPF] = K_S32,
};

static const uint64_t interesting[] = {
	0, 1, 2, 7, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
	0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
	0xffffffffffffffffULL, 0x7fc00000, 0x7ff8000000000000ULL,
};

#define NINTERESTING ARRAY_SIZE(interesting)

/**
 * fz_rand_value() - a number for any integer attribute, often a boundary
 * @r: the worker's random stream
 *
 * Return: the number.
 */
uint64_t fz_rand_value(struct fz_rng *r)
{
	if (fz_chance(r, 60))
		return interesting[fz_below(r, NINTERESTING)];
	if (fz_chance(r, 50))
		return fz_below(r, 100);
	return fz_rand(r);
}

static void put_random_bytes(struct fz_rng *r, struct nl_msg *m, uint16_t type, size_t len)
{
	static uint8_t buf[65000];

	fz_fill(r, buf, len);
	nl_put(m, type, buf, len);
}

static void put_garbage_nest(struct fz_rng *r, struct nl_msg *m, uint16_t type, int depth);

/**
 * fz_put_random_attr() - an attribute with a payload of any shape
 * @r: the worker's random stream
 * @m: the message
 * @type: its type
 * @depth: how deep in garbage nests it is
 */
void fz_put_random_attr(struct fz_rng *r, struct nl_msg *m, uint16_t type, int depth)
{
	static const size_t odd[] = { 1, 2, 3, 5, 6, 7, 9, 12, 15, 16 };
	uint64_t v = fz_rand_value(r);
	uint8_t b[16];

	switch (fz_below(r, 9)) {
	case 0:
		nl_put(m, type, NULL, 0);
		break;
	case 1:
		fz_fill(r, b, sizeof(b));
		nl_put(m, type, b, odd[fz_below(r, 10)]);
		break;
	case 2:
		nl_put_u32(m, type, (uint32_t)v);
		break;
	case 3:
		nl_put_u64(m, type, v);
		break;
	case 4:
		put_random_bytes(r, m, type, fz_below(r, 300));
		break;
	case 5:
		/* Huge: rare, it costs the kernel little but the VM a lot. */
		put_random_bytes(r, m, type, fz_chance(r, 10) ? 1000 + fz_below(r, 64000) :
				 fz_below(r, 5000));
		break;
	case 6:
		if (depth < 4)
			put_garbage_nest(r, m, type, depth + 1);
		else
			nl_put_str(m, type, "fz_b0");
		break;
	case 7:
		nl_put_str(m, type, "fz_b0");
		break;
	default:
		nl_put_u8(m, type, (uint8_t)v);
		break;
	}
}

static void put_garbage_nest(struct fz_rng *r, struct nl_msg *m, uint16_t type, int depth)
{
	size_t nest = nl_nest_start(m, type);
	uint32_t n = fz_below(r, 6);

	while (n--)
		fz_put_random_attr(r, m, fz_below(r, 12), depth);
	nl_nest_end(m, nest);
}

/* A module name: the pool's mostly, else valid but unknown, else invalid. */
static void put_name(struct fz_worker *w, struct fz_req *rq, bool load)
{
	static const char *const bad[] = {
		"", "fz_/", "fz_ b", "fz_b0!", "../fz_b0", "fz_\xff", "fz_b0\n", "FZ_*",
	};
	struct fz_rng *r = &w->rng;
	char buf[300];
	size_t n;
	int idx;

	if (fz_chance(r, 80)) {
		idx = fz_pool_pick(w, !load);
		rq->pool = idx;
		/* Whatever LOAD says, cleanup will try to unload this name. */
		if (load)
			fz_sh->used[idx] = 1;
		nl_put_str(&rq->m, KWASM_A_NAME, fz_pool[idx].name);
		return;
	}
	switch (fz_below(r, 5)) {
	case 0:		/* valid, unknown, and never loaded by anyone else */
		snprintf(buf, sizeof(buf), "fz_x%u", fz_below(r, 1000));
		if (load)	/* a LOAD that works leaves it for cleanup's dump */
			buf[1] = '!';
		nl_put_str(&rq->m, KWASM_A_NAME, buf);
		break;
	case 1:		/* 63, 64 and more characters */
		n = 62 + fz_below(r, 4) + (fz_chance(r, 20) ? 200 : 0);
		memset(buf, 'x', n);
		memcpy(buf, "fz_", 3);
		buf[n] = 0;
		if (load)
			buf[3] = '/';
		nl_put(&rq->m, KWASM_A_NAME, buf, n + fz_below(r, 2));
		break;
	case 2:		/* no terminating NUL, or a NUL inside */
		if (fz_chance(r, 50))
			nl_put(&rq->m, KWASM_A_NAME, "fz_b1", 5);
		else
			nl_put(&rq->m, KWASM_A_NAME, "fz_!\0fz_b1", 9);
		break;
	default:
		n = fz_below(r, ARRAY_SIZE(bad));
		nl_put(&rq->m, KWASM_A_NAME, bad[n], strlen(bad[n]) + fz_below(r, 2));
		break;
	}
}

/* An export name: one the module has, mostly; returns it if so. */
static const struct fz_export *put_export(struct fz_worker *w, struct fz_req *rq)
{
	static const char *const common[] = {
		"filter", "echo", "spin", "count", "_start", "memory", "global_i32",
		"accept", "drop", "trap", "main", "",
	};
	struct fz_rng *r = &w->rng;
	const struct fz_module *mod = rq->pool >= 0 ? &fz_pool[rq->pool] : NULL;
	const struct fz_export *e;
	const char *s;
	char buf[5000];
	size_t n;

	if (mod && mod->nexports && fz_chance(r, 80)) {
		e = &mod->exports[fz_below(r, mod->nexports)];
		memcpy(buf, e->name, e->len);
		buf[e->len] = 0;
		nl_put(&rq->m, KWASM_A_EXPORT, buf, e->len + !fz_chance(r, 10));
		return e;
	}
	if (fz_chance(r, 60)) {
		s = common[fz_below(r, ARRAY_SIZE(common))];
		nl_put_str(&rq->m, KWASM_A_EXPORT, s);
		return NULL;
	}
	/* Around the 4096-byte limit, or random bytes with NULs inside. */
	n = fz_chance(r, 50) ? 4094 + fz_below(r, 5) : fz_below(r, 64);
	fz_fill(r, buf, n);
	nl_put(&rq->m, KWASM_A_EXPORT, buf, n);
	return NULL;
}

static uint8_t rand_valtype(struct fz_rng *r)
{
	static const uint8_t t[] = { FZ_I32, FZ_I64, FZ_F32, FZ_F64, FZ_FUNCREF, FZ_EXTERNREF,
				     0x7b, 0, 0xff };

	return t[fz_below(r, sizeof(t))];
}

static void put_value(struct fz_rng *r, struct nl_msg *m, uint8_t type, bool sloppy)
{
	size_t nest = nl_nest_start(m, sloppy && fz_chance(r, 10) ? KWASM_A_NAME : KWASM_A_VALUE);

	if (!sloppy || fz_chance(r, 85))
		nl_put_u8(m, KWASM_V_TYPE, type);
	if (!sloppy || fz_chance(r, 85))
		nl_put_u64(m, KWASM_V_BITS, type == FZ_FUNCREF && fz_chance(r, 70) ? 0 :
			   fz_rand_value(r));
	if (sloppy && fz_chance(r, 15))
		fz_put_random_attr(r, m, fz_below(r, 5), 2);
	nl_nest_end(m, nest);
}

/* CALL's arguments: the export's own types mostly, else any. */
static void put_args(struct fz_rng *r, struct nl_msg *m, const struct fz_export *e)
{
	size_t nest;
	uint32_t i, n;

	if (e && fz_chance(r, 75)) {
		nest = nl_nest_start(m, KWASM_A_ARGS);
		for (i = 0; i < e->nparams; i++)
			put_value(r, m, fz_chance(r, 95) ? e->params[i] : rand_valtype(r), false);
		if (fz_chance(r, 5))
			put_value(r, m, rand_valtype(r), false);
		nl_nest_end(m, nest);
		return;
	}
	if (fz_chance(r, 30))
		return;
	/* Wasm allows at most 1000 parameters: around that, rarely. */
	n = fz_chance(r, 3) ? 999 + fz_below(r, 4) : fz_below(r, 6);
	nest = nl_nest_start(m, KWASM_A_ARGS);
	for (i = 0; i < n; i++)
		put_value(r, m, rand_valtype(r), true);
	nl_nest_end(m, nest);
}

static void put_imports(struct fz_worker *w, struct nl_msg *m)
{
	static const char *const from[] = { "spectest", "env", "kwasm", "m", "" };
	struct fz_rng *r = &w->rng;
	size_t all, one;
	uint32_t n = 1 + fz_below(r, 3);

	all = nl_nest_start(m, KWASM_A_IMPORTS);
	while (n--) {
		one = nl_nest_start(m, fz_chance(r, 95) ? KWASM_A_IMPORT_MAP : fz_below(r, 40));
		if (fz_chance(r, 95))
			nl_put_str(m, KWASM_M_FROM, from[fz_below(r, 5)]);
		if (fz_chance(r, 95))
			nl_put_str(m, KWASM_M_TO, fz_pool[fz_pool_pick(w, true)].name);
		if (fz_chance(r, 10))
			fz_put_random_attr(r, m, fz_below(r, 4), 2);
		nl_nest_end(m, one);
	}
	nl_nest_end(m, all);
}

static uint64_t rand_fuel(struct fz_rng *r)
{
	static const uint64_t f[] = { 0, 1, 10, 1000, 100000, 1000000 };

	if (fz_chance(r, 90))
		return f[fz_below(r, 6)];
	return fz_rand_value(r);
}

/* Fuel beyond this may keep a call busy for seconds under emulation. */
#define FZ_LONG_FUEL 2000000

static void gen_load(struct fz_worker *w, struct fz_req *rq)
{
	static const uint32_t pages[] = { 0, 1, 2, 16, 256, 65536, 65537 };
	struct fz_rng *r = &w->rng;
	uint64_t fuel;

	put_name(w, rq, true);
	/* Put a base module back as it was, mostly, so deep paths stay reachable. */
	if (rq->pool >= 0 && rq->pool < FZ_BASE_NAMES && fz_pool[rq->pool].src >= 0 &&
	    fz_chance(r, 70)) {
		nl_put_u32(&rq->m, KWASM_A_FD,
			   fz_fds_file(w->fds, fz_corpus.paths[fz_pool[rq->pool].src]));
		fz_pool_base_load(&rq->m, rq->pool);
		return;
	}
	if (fz_chance(r, 95))
		nl_put_u32(&rq->m, KWASM_A_FD, fz_fds_pick(w->fds, r, true, &rq->src));
	rq->may_run_long = true;
	if (fz_chance(r, 85)) {
		fuel = rand_fuel(r);
		nl_put_u64(&rq->m, KWASM_A_FUEL, fuel);
		rq->may_run_long = !fuel || fuel > FZ_LONG_FUEL;
	}
	if (fz_chance(r, 30))
		nl_put_u32(&rq->m, KWASM_A_MAX_PAGES, fz_chance(r, 90) ? pages[fz_below(r, 7)] :
			   (uint32_t)fz_rand_value(r));
	if (fz_chance(r, 30))
		nl_put(&rq->m, KWASM_A_DATAPATH, NULL, 0);
	if (fz_chance(r, 25))
		put_imports(w, &rq->m);
}

static void gen_call(struct fz_worker *w, struct fz_req *rq)
{
	struct fz_rng *r = &w->rng;
	const struct fz_export *e;
	uint64_t fuel;

	put_name(w, rq, false);
	e = fz_chance(r, 97) ? put_export(w, rq) : NULL;
	put_args(r, &rq->m, e);
	/* Without fuel the module's applies: the fuzzer's modules have little. */
	rq->may_run_long = true;
	if (fz_chance(r, 70)) {
		fuel = fz_chance(r, 97) ? rand_fuel(r) : fz_rand_value(r);
		nl_put_u64(&rq->m, KWASM_A_FUEL, fuel);
		rq->may_run_long = !fuel || fuel > FZ_LONG_FUEL;
	}
}

static void gen_nf(struct fz_worker *w, struct fz_req *rq, bool attach)
{
	struct fz_rng *r = &w->rng;

	put_name(w, rq, false);
	if (fz_chance(r, 95))
		put_export(w, rq);
	if (fz_chance(r, 95))
		nl_put_u32(&rq->m, KWASM_A_HOOK,
			   fz_chance(r, 85) ? 1 + fz_below(r, KWASM_HOOK_MAX) :
			   (uint32_t)fz_rand_value(r));
	if (fz_chance(r, 30))
		nl_put_u32(&rq->m, KWASM_A_NETNS_FD, fz_fds_netns(w->fds, r));
	if (fz_chance(r, attach ? 40 : 5))
		nl_put(&rq->m, KWASM_A_FAIL_CLOSED, NULL, 0);
	if (fz_chance(r, attach ? 40 : 5))
		nl_put_u32(&rq->m, KWASM_A_PRIORITY, (uint32_t)fz_rand_value(r));
}

static void gen_map(struct fz_worker *w, struct fz_req *rq)
{
	static const char *const keys[] = { "hits", "a", "\x0a\x00\x00\x02", "k1", "k2" };
	static const uint8_t klen[] = { 4, 1, 4, 2, 2 };
	struct fz_rng *r = &w->rng;
	uint8_t cmd = rq->cmd[0], buf[80];
	size_t n;

	put_name(w, rq, false);
	if (fz_chance(r, cmd == KWASM_CMD_MAP_DUMP ? 50 : 95))
		nl_put_u32(&rq->m, KWASM_A_MAP, fz_chance(r, 90) ? fz_below(r, KWASM_MAPS + 1) :
			   (uint32_t)fz_rand_value(r));
	if (cmd != KWASM_CMD_MAP_DUMP && fz_chance(r, 95)) {
		/* A small key space, so that GET and DEL find what SET stored. */
		if (fz_chance(r, 80)) {
			n = fz_below(r, 5);
			nl_put(&rq->m, KWASM_A_KEY, keys[n], klen[n]);
		} else {
			n = fz_chance(r, 50) ? 63 + fz_below(r, 3) : fz_below(r, 80);
			put_random_bytes(r, &rq->m, KWASM_A_KEY, n);
		}
	}
	if (cmd == KWASM_CMD_MAP_SET && fz_chance(r, 95)) {
		n = fz_chance(r, 80) ? 1 + fz_below(r, 8) : fz_below(r, 80);
		fz_fill(r, buf, n);
		nl_put(&rq->m, KWASM_A_MAP_VALUE, buf, n);
	}
}

/* Random attributes of any type and shape: extras, duplicates, chaos. */
static void put_extras(struct fz_rng *r, struct nl_msg *m, uint32_t n)
{
	uint16_t type;

	while (n--) {
		type = fz_chance(r, 90) ? fz_below(r, KWASM_A_MAX + 1) : fz_below(r, 0x4000);
		if (type <= KWASM_A_MAX && attr_kind[type] == K_U32 && fz_chance(r, 50))
			nl_put_u32(m, type, (uint32_t)fz_rand_value(r));
		else
			fz_put_random_attr(r, m, type, 1);
	}
}

/**
 * fz_put_duplicate() - repeat one of the attributes already in the message
 * @r: the worker's random stream
 * @m: the message
 */
void fz_put_duplicate(struct fz_rng *r, struct nl_msg *m)
{
	size_t base = NLMSG_HDRLEN + GENL_HDRLEN, off = 0, n = 0;
	const struct nlattr *a, *pick = NULL;
	static uint8_t copy[NLA_HDRLEN + 65536];

	while ((a = nl_next(m->buf + base, m->len - base, &off)))
		if (!fz_below(r, ++n))
			pick = a;
	if (!pick)
		return;
	memcpy(copy, pick, pick->nla_len);
	nl_put(m, ((struct nlattr *)copy)->nla_type, copy + NLA_HDRLEN, nl_len(pick));
}

/* Request @i's family and command: kwasm_tls for about a third. */
static void pick_cmd(struct fz_worker *w, struct fz_req *rq, int i)
{
	static const uint8_t weight[] = {
		[KWASM_CMD_UNSPEC] = 1, [KWASM_CMD_LOAD] = 14, [KWASM_CMD_UNLOAD] = 6,
		[KWASM_CMD_LIST] = 8, [KWASM_CMD_CALL] = 20, [KWASM_CMD_STATS] = 3,
		[KWASM_CMD_ATTACH] = 9, [KWASM_CMD_DETACH] = 7, [KWASM_CMD_MAP_GET] = 7,
		[KWASM_CMD_MAP_SET] = 8, [KWASM_CMD_MAP_DEL] = 5, [KWASM_CMD_MAP_DUMP] = 5,
	};
	uint32_t total = 0, c, x;

	rq->tls[i] = fz_cfg.tls_family && fz_chance(&w->rng, 35);
	if (rq->tls[i]) {
		rq->cmd[i] = fz_tls_pick_cmd(&w->rng);
		return;
	}
	if (fz_chance(&w->rng, 2)) {
		rq->cmd[i] = KWASM_CMD_MAX + 1 + fz_below(&w->rng, 255 - KWASM_CMD_MAX);
		return;
	}
	for (c = 0; c <= KWASM_CMD_MAX; c++)
		total += weight[c];
	x = fz_below(&w->rng, total);
	for (c = 0; c < KWASM_CMD_MAX; c++) {
		if (x < weight[c])
			break;
		x -= weight[c];
	}
	rq->cmd[i] = c;
}

/* Request @i of the datagram, in a fresh @rq->m. */
static void gen_one(struct fz_worker *w, struct fz_req *rq, int i)
{
	struct fz_rng *r = &w->rng;
	uint8_t cmd = rq->cmd[i];
	uint16_t flags = NLM_F_ACK;
	bool tls = rq->tls[i];
	bool dump;

	if (tls)
		dump = cmd == KWASM_TLS_CMD_RULE_LIST && fz_chance(r, 50);
	else
		dump = cmd == KWASM_CMD_MAP_DUMP || (cmd == KWASM_CMD_LIST && fz_chance(r, 50));
	if (fz_chance(r, 3))
		dump = !dump;
	if (dump)
		flags |= NLM_F_DUMP;
	if (fz_chance(r, 5))
		flags |= 1u << (4 + fz_below(r, 8));	/* ECHO, DUMP_INTR, ROOT... */
	nl_msg_init(&rq->m, tls ? fz_cfg.tls_family : fz_cfg.family, flags, cmd,
		    fz_chance(r, 95) ? (tls ? KWASM_TLS_GENL_VERSION : KWASM_GENL_VERSION) :
		    fz_below(r, 256));
	/* Not a request: the kernel only acks it (nl_msg_init() sets the flag). */
	if (rq->m.buf && fz_chance(r, 3))
		((struct nlmsghdr *)rq->m.buf)->nlmsg_flags &= ~NLM_F_REQUEST;
	else
		flags |= NLM_F_REQUEST;
	rq->request[i] = flags & NLM_F_REQUEST;
	rq->dump[i] = rq->request[i] && (flags & NLM_F_DUMP) == NLM_F_DUMP;

	if (tls) {
		fz_gen_tls(w, rq, i, dump);
		return;
	}
	if (fz_chance(r, 8)) {
		put_extras(r, &rq->m, fz_below(r, 8));
		return;
	}
	switch (cmd) {
	case KWASM_CMD_LOAD:
		gen_load(w, rq);
		break;
	case KWASM_CMD_UNLOAD:
		put_name(w, rq, false);
		break;
	case KWASM_CMD_LIST:
		if (!dump || fz_chance(r, 20))
			put_name(w, rq, false);
		break;
	case KWASM_CMD_CALL:
		gen_call(w, rq);
		break;
	case KWASM_CMD_STATS:
		break;
	case KWASM_CMD_ATTACH:
	case KWASM_CMD_DETACH:
		gen_nf(w, rq, cmd == KWASM_CMD_ATTACH);
		break;
	case KWASM_CMD_MAP_GET:
	case KWASM_CMD_MAP_SET:
	case KWASM_CMD_MAP_DEL:
	case KWASM_CMD_MAP_DUMP:
		gen_map(w, rq);
		break;
	default:
		put_extras(r, &rq->m, fz_below(r, 4));
		break;
	}
	if (fz_chance(r, 15))
		put_extras(r, &rq->m, 1 + fz_below(r, 3));
	if (fz_chance(r, 10))
		fz_put_duplicate(r, &rq->m);
}

/* A well-formed LIST of one module, to learn its exports after a LOAD. */
static void gen_learn(struct fz_worker *w, struct fz_req *rq)
{
	rq->cmd[0] = KWASM_CMD_LIST;
	rq->request[0] = true;
	rq->pool = w->learn;
	nl_msg_init(&rq->m, fz_cfg.family, NLM_F_ACK | NLM_F_REQUEST, KWASM_CMD_LIST,
		    KWASM_GENL_VERSION);
	nl_put_str(&rq->m, KWASM_A_NAME, fz_pool[w->learn].name);
	w->learn = -1;
}

/**
 * fz_gen() - build the next datagram
 * @w: the worker
 * @rq: filled in; nl_msg_free(&rq->m) when done
 *
 * Return: 0, or -1 when out of memory.
 */
int fz_gen(struct fz_worker *w, struct fz_req *rq)
{
	struct fz_rng *r = &w->rng;
	struct nl_msg second;
	int pool, src;
	bool long_first;
	uint8_t *p;
	size_t at;

	memset(rq, 0, sizeof(*rq));
	rq->pool = -1;
	rq->src = -1;
	rq->nmsgs = 1;
	if (w->learn >= 0) {
		gen_learn(w, rq);
	} else {
		pick_cmd(w, rq, 0);
		gen_one(w, rq, 0);
		if (fz_chance(r, 25))
			fz_mutate_msg(r, rq);
	}
	if (rq->m.oom)
		return -1;
	rq->seq[0] = ++w->seq;
	((struct nlmsghdr *)rq->m.buf)->nlmsg_seq = rq->seq[0];
	if (!rq->noack)
		((struct nlmsghdr *)rq->m.buf)->nlmsg_len = rq->m.len;
	rq->len[0] = rq->m.len;
	if (rq->noack || !fz_chance(r, 5))
		return 0;

	/* Two requests in one datagram: each gets its own ack. */
	pick_cmd(w, rq, 1);
	second = rq->m;
	pool = rq->pool;
	src = rq->src;
	long_first = rq->may_run_long;
	gen_one(w, rq, 1);
	rq->pool = pool;
	rq->src = src;
	rq->may_run_long |= long_first;
	at = NLMSG_ALIGN(second.len);
	p = rq->m.oom ? NULL : realloc(second.buf, at + rq->m.len);
	if (!p) {
		nl_msg_free(&rq->m);
		rq->m = second;
		return 0;
	}
	memset(p + second.len, 0, at - second.len);
	memcpy(p + at, rq->m.buf, rq->m.len);
	rq->seq[1] = ++w->seq;
	rq->len[1] = rq->m.len;
	((struct nlmsghdr *)(p + at))->nlmsg_seq = rq->seq[1];
	((struct nlmsghdr *)(p + at))->nlmsg_len = rq->m.len;
	nl_msg_free(&rq->m);
	rq->m.buf = p;
	rq->m.len = at + rq->len[1];
	rq->m.cap = rq->m.len;
	rq->nmsgs = 2;
	return 0;
}
