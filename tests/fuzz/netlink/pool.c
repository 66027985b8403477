// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the module names requests use.  All start with "fz_": a
 * few base modules the parent loads from real files (a data-path module
 * with maps, netfilter filters, traps, a linked pair) so that calls,
 * attachments and map requests reach deep, and a few names per worker for
 * its own loads.  At the end every name used, and every "fz_" module a
 * LIST dump still shows, is detached and unloaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nlfuzz.h"

struct fz_module fz_pool[FZ_NAMES];

/* Base modules: file, data path, and which base module it imports "spectest" from. */
static const struct {
	const char *file;
	bool dp;
	int import;
} base[FZ_BASE_NAMES] = {
	{ "e2e_dp.wasm", true, -1 },
	{ "e2e_nf.wasm", true, -1 },
	{ "e2e_traps.wasm", false, -1 },
	{ "spectest.wasm", false, -1 },
	{ "e2e_import.wasm", false, 3 },
	{ "c_blocklist.wasm", true, -1 },
	{ "c_example.wasm", false, -1 },
	{ "wat_example.wasm", false, -1 },
};

/* Setup and cleanup requests: fuel that keeps any call short. */
#define FZ_BASE_FUEL	200000

/**
 * fz_pool_init() - name the pool: fz_b0.. then fz_w<worker>_<n>
 */
void fz_pool_init(void)
{
	int i;

	for (i = 0; i < FZ_NAMES; i++) {
		if (i < FZ_BASE_NAMES)
			snprintf(fz_pool[i].name, KWASM_NAME_MAX, "fz_b%d", i);
		else
			snprintf(fz_pool[i].name, KWASM_NAME_MAX, "fz_w%d_%d",
				 (i - FZ_BASE_NAMES) / FZ_WORKER_NAMES,
				 (i - FZ_BASE_NAMES) % FZ_WORKER_NAMES);
		fz_pool[i].src = -1;
		fz_pool[i].import = -1;
	}
}

/**
 * fz_pool_index() - the pool index of a module name
 * @name: the name
 * @len: its length
 *
 * Return: the index, or -1 if the name is not the pool's.
 */
int fz_pool_index(const char *name, size_t len)
{
	int i;

	for (i = 0; i < FZ_NAMES; i++)
		if (strlen(fz_pool[i].name) == len && !memcmp(fz_pool[i].name, name, len))
			return i;
	return -1;
}

/**
 * fz_pool_pick() - a pool name for a request
 * @w: the worker
 * @any: any worker's names too, not only its own and the base ones
 *
 * Return: a pool index.
 */
int fz_pool_pick(struct fz_worker *w, bool any)
{
	uint32_t x = fz_below(&w->rng, 100);
	uint32_t workers = fz_cfg.jobs + fz_cfg.unpriv;

	if (x < 50)
		return fz_below(&w->rng, FZ_BASE_NAMES);
	if (x < 90 || !any)
		return FZ_BASE_NAMES + w->id * FZ_WORKER_NAMES + fz_below(&w->rng, FZ_WORKER_NAMES);
	return FZ_BASE_NAMES + fz_below(&w->rng, workers * FZ_WORKER_NAMES);
}

/**
 * fz_pool_learn() - remember a module's exports from its LIST reply
 * @idx: the module's pool index
 * @attrs: the reply's attributes
 * @len: their length
 *
 * The reply has been checked with fz_check_attrs().
 */
void fz_pool_learn(int idx, const void *attrs, size_t len)
{
	const struct nlattr *tb[KWASM_A_EXPORTS + 1], *etb[KWASM_E_MAX + 1], *a;
	struct fz_module *mod = &fz_pool[idx];
	struct fz_export *e;
	size_t off = 0, n;

	if (nl_parse(attrs, len, tb, KWASM_A_EXPORTS) || !tb[KWASM_A_EXPORTS])
		return;
	mod->nexports = 0;
	while ((a = nl_next(nl_data(tb[KWASM_A_EXPORTS]), nl_len(tb[KWASM_A_EXPORTS]), &off)) &&
	       mod->nexports < FZ_MAX_EXPORTS) {
		if (nl_parse(nl_data(a), nl_len(a), etb, KWASM_E_MAX) || !etb[KWASM_E_NAME])
			continue;
		e = &mod->exports[mod->nexports];
		/* The name's own bytes (NULs allowed), then one NUL. */
		n = nl_len(etb[KWASM_E_NAME]);
		if (!n || n - 1 > FZ_EXPORT_LEN)
			continue;
		e->len = n - 1;
		memcpy(e->name, nl_data(etb[KWASM_E_NAME]), e->len);
		n = etb[KWASM_E_PARAMS] ? nl_len(etb[KWASM_E_PARAMS]) : 0;
		e->nparams = n < FZ_MAX_PARAMS ? n : FZ_MAX_PARAMS;
		if (n)
			memcpy(e->params, nl_data(etb[KWASM_E_PARAMS]), e->nparams);
		mod->nexports++;
	}
}

static int learn_cb(const struct genlmsghdr *g, const void *attrs, size_t len, void *arg)
{
	const char *bad = fz_check_attrs(attrs, len, false);

	if (bad) {
		fz_finding("LIST: malformed reply: %s", bad);
		return 0;
	}
	fz_pool_learn(*(int *)arg, attrs, len);
	return 0;
}

static int list_one(struct nl_sock *s, int idx)
{
	struct nl_msg m;
	int rc;

	if (nl_msg_init(&m, fz_cfg.family, NLM_F_ACK, KWASM_CMD_LIST, KWASM_GENL_VERSION))
		return -ENOMEM;
	nl_put_str(&m, KWASM_A_NAME, fz_pool[idx].name);
	rc = nl_request(s, &m, learn_cb, &idx, NULL);
	nl_msg_free(&m);
	return rc;
}

static int load_base(struct nl_sock *s, int idx, int src, bool dp, int import)
{
	struct nl_ext_err ext;
	struct nl_msg m;
	size_t all, one;
	int fd, rc;

	fd = open(fz_corpus.paths[src], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = nl_msg_init(&m, fz_cfg.family, NLM_F_ACK, KWASM_CMD_LOAD, KWASM_GENL_VERSION);
	if (rc) {
		close(fd);
		return rc;
	}
	nl_put_str(&m, KWASM_A_NAME, fz_pool[idx].name);
	nl_put_u32(&m, KWASM_A_FD, fd);
	nl_put_u64(&m, KWASM_A_FUEL, FZ_BASE_FUEL);
	if (dp)
		nl_put(&m, KWASM_A_DATAPATH, NULL, 0);
	if (import >= 0) {
		all = nl_nest_start(&m, KWASM_A_IMPORTS);
		one = nl_nest_start(&m, KWASM_A_IMPORT_MAP);
		nl_put_str(&m, KWASM_M_FROM, "spectest");
		nl_put_str(&m, KWASM_M_TO, fz_pool[import].name);
		nl_nest_end(&m, one);
		nl_nest_end(&m, all);
	}
	fz_sh->used[idx] = 1;
	rc = nl_request(s, &m, NULL, NULL, &ext);
	nl_msg_free(&m);
	close(fd);
	if (rc)
		fprintf(stderr, "nlfuzz: setup: loading %s as %s: %s%s%s\n", fz_corpus.paths[src],
			fz_pool[idx].name, strerror(-rc), ext.msg[0] ? ": " : "", ext.msg);
	return rc;
}

/**
 * fz_pool_setup() - load the base modules and learn their exports
 * @s: a privileged socket
 *
 * Files that are missing are replaced by other corpus files; failures are
 * reported but not fatal (the fuzzer then reaches less deep).
 *
 * Return: the number of base modules loaded.
 */
int fz_pool_setup(struct nl_sock *s)
{
	int i, src, loaded = 0;

	if (!fz_corpus.n)
		return 0;
	for (i = 0; i < FZ_BASE_NAMES; i++) {
		src = fz_corpus_find(base[i].file);
		if (src < 0)
			src = (int)(((uint32_t)i * 7919) % fz_corpus.n);
		fz_pool[i].src = src;
		fz_pool[i].dp = src == fz_corpus_find(base[i].file) && base[i].dp;
		fz_pool[i].import = base[i].import;
		if (load_base(s, i, src, fz_pool[i].dp, base[i].import))
			continue;
		fz_corpus_good(src);
		list_one(s, i);
		loaded++;
	}
	return loaded;
}

/**
 * fz_pool_base_load() - the well-formed LOAD of a base module
 * @m: the message, with its name already in
 * @idx: the base module's index
 *
 * Return: the corpus index of the file to send, or -1 if the base has none.
 */
int fz_pool_base_load(struct nl_msg *m, int idx)
{
	size_t all, one;

	if (idx >= FZ_BASE_NAMES || fz_pool[idx].src < 0)
		return -1;
	nl_put_u64(m, KWASM_A_FUEL, FZ_BASE_FUEL);
	if (fz_pool[idx].dp)
		nl_put(m, KWASM_A_DATAPATH, NULL, 0);
	if (fz_pool[idx].import >= 0) {
		all = nl_nest_start(m, KWASM_A_IMPORTS);
		one = nl_nest_start(m, KWASM_A_IMPORT_MAP);
		nl_put_str(m, KWASM_M_FROM, "spectest");
		nl_put_str(m, KWASM_M_TO, fz_pool[fz_pool[idx].import].name);
		nl_nest_end(m, one);
		nl_nest_end(m, all);
	}
	return fz_pool[idx].src;
}
