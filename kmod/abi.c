// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the guest ABI, import module "kwasm" version 2 (see abi.h and
 * docs/DATAPATH.md for what each function does; the import table and the
 * constants are sdk/c/kwasm_abi.h's).
 *
 * Guest pointers go through kw_host_mem(): out of bounds traps, as a
 * Wasm load or store would.
 */
#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "abi.h"
#include "map.h"
#include "registry.h"

static struct kw_abi_inst *kw_abi(struct kw_host_call *hc)
{
	return hc->data;
}

static int kw_abi_pkt_len(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_dp_input *in = kw_abi(hc)->in;

	res[0] = in ? in->len : 0;
	return 0;
}

/* Clamp [off, off+len) to the input; -1 when @off is past its end. */
static s64 kw_abi_span(const struct kw_dp_input *in, u32 off, u32 len)
{
	u32 have = in ? in->len : 0;

	if (off > have)
		return -1;
	return min(len, have - off);
}

static int kw_abi_pkt_read(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_dp_input *in = kw_abi(hc)->in;
	u32 off = (u32)args[0], len = (u32)args[2];
	s64 n = kw_abi_span(in, off, len);
	u8 *dst;

	dst = kw_host_mem(hc, (u32)args[1], len);
	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (n > 0) {
		if (in->skb) {
			if (skb_copy_bits(in->skb, in->skb_off + off, dst, n))
				n = -1;
		} else {
			memcpy(dst, in->buf + off, n);
		}
	}
	res[0] = (u32)(s32)n;
	return 0;
}

static int kw_abi_pkt_write(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_dp_input *in = kw_abi(hc)->in;
	u32 off = (u32)args[0], len = (u32)args[2];
	s64 n = kw_abi_span(in, off, len);
	const u8 *src;

	src = kw_host_mem(hc, (u32)args[1], len);
	if (!src)
		return KW_TRAP_MEM_OOB;
	if (!in || !in->writable || n < 0) {
		res[0] = (u32)KWASM_ERR;
		return 0;
	}
	memcpy(in->buf + off, src, n);
	res[0] = (u32)n;
	return 0;
}

static int kw_abi_pkt_meta(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_dp_input *in = kw_abi(hc)->in;
	s64 v = KWASM_ERR;

	switch ((u32)args[0]) {
	case KWASM_META_LEN:
		v = in ? in->wire_len : 0;
		break;
	case KWASM_META_PROTO:
		v = in ? in->proto : 0;
		break;
	case KWASM_META_IFINDEX:
		v = in ? in->ifindex : 0;
		break;
	case KWASM_META_MARK:
		v = in ? in->mark : 0;
		break;
	case KWASM_META_HOOK:
		v = in ? in->hook : KWASM_HOOK_NONE;
		break;
	}
	res[0] = (u64)v;
	return 0;
}

static int kw_abi_log(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	struct kw_entry *m = kw_abi(hc)->m;
	u32 len = (u32)args[1], i;
	char line[KWASM_LOG_MAX + 1];
	const u8 *src;

	src = kw_host_mem(hc, (u32)args[0], len);
	if (!src)
		return KW_TRAP_MEM_OOB;
	if (!__ratelimit(&m->log_rs))
		return 0;
	len = min_t(u32, len, KWASM_LOG_MAX);
	/* Guest bytes must not forge log lines or terminal escapes. */
	for (i = 0; i < len; i++)
		line[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	line[len] = 0;
	pr_info("%s: %s\n", m->name, line);
	return 0;
}

static int kw_abi_time_ns(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	res[0] = ktime_get_ns();
	return 0;
}

static int kw_abi_random(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 len = (u32)args[1];
	u8 *dst = kw_host_mem(hc, (u32)args[0], len);

	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (len > KWASM_RANDOM_MAX) {
		res[0] = (u32)KWASM_ERR;
		return 0;
	}
	get_random_bytes(dst, len);
	res[0] = 0;
	return 0;
}

/* Map calls: KWASM_MAP_ABSENT or _FULL (both -1), KWASM_MAP_BAD for bad arguments. */
static u64 kw_abi_map_ret(int err)
{
	if (err == -EINVAL)
		return (u32)KWASM_MAP_BAD;
	return (u32)KWASM_MAP_ABSENT;
}

static int kw_abi_map_get(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 klen = (u32)args[2], vcap = (u32)args[4];
	const u8 *key = kw_host_mem(hc, (u32)args[1], klen);
	u8 *val = kw_host_mem(hc, (u32)args[3], vcap);
	int ret;

	if (!key || !val)
		return KW_TRAP_MEM_OOB;
	ret = kw_map_get(kw_abi(hc)->m->maps, (u32)args[0], key, klen, val, vcap);
	res[0] = ret < 0 ? kw_abi_map_ret(ret) : (u32)ret;
	return 0;
}

static int kw_abi_map_set(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 klen = (u32)args[2], vlen = (u32)args[4];
	const u8 *key = kw_host_mem(hc, (u32)args[1], klen);
	const u8 *val = kw_host_mem(hc, (u32)args[3], vlen);
	int ret;

	if (!key || !val)
		return KW_TRAP_MEM_OOB;
	ret = kw_map_set(kw_abi(hc)->m->maps, (u32)args[0], key, klen, val, vlen);
	res[0] = ret < 0 ? kw_abi_map_ret(ret) : 0;
	return 0;
}

static int kw_abi_map_del(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 klen = (u32)args[2];
	const u8 *key = kw_host_mem(hc, (u32)args[1], klen);
	int ret;

	if (!key)
		return KW_TRAP_MEM_OOB;
	ret = kw_map_del(kw_abi(hc)->m->maps, (u32)args[0], key, klen);
	res[0] = ret < 0 ? kw_abi_map_ret(ret) : 0;
	return 0;
}

static int kw_abi_map_add(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 klen = (u32)args[2];
	const u8 *key = kw_host_mem(hc, (u32)args[1], klen);
	s64 v;

	if (!key)
		return KW_TRAP_MEM_OOB;
	if (kw_map_add(kw_abi(hc)->m->maps, (u32)args[0], key, klen, (s64)args[3], &v))
		v = -1;
	res[0] = (u64)v;
	return 0;
}

static int kw_abi_conn_meta(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_conn_input *c = kw_abi(hc)->conn;
	s64 v = KWASM_CONN_BAD;

	if (!c) {
		res[0] = (u64)(s64)KWASM_CONN_NONE;
		return 0;
	}
	switch ((u32)args[0]) {
	case KWASM_CONN_SIDE:
		v = c->side;
		break;
	case KWASM_CONN_FAMILY:
		v = c->family;
		break;
	case KWASM_CONN_LOCAL_PORT:
		v = c->lport;
		break;
	case KWASM_CONN_REMOTE_PORT:
		v = c->rport;
		break;
	case KWASM_CONN_UID:
		v = c->uid;
		break;
	case KWASM_CONN_PID:
		v = c->pid;
		break;
	case KWASM_CONN_CGROUP:
		v = c->cgroup & S64_MAX;
		break;
	case KWASM_CONN_NETNS:
		v = c->netns;
		break;
	case KWASM_CONN_RULE:
		v = c->rule;
		break;
	case KWASM_CONN_TLS:
		v = c->tls;
		break;
	}
	res[0] = (u64)v;
	return 0;
}

static int kw_abi_conn_read(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const struct kw_conn_input *c = kw_abi(hc)->conn;
	u32 len = (u32)args[2], have;
	const void *src;
	u8 *dst;

	dst = kw_host_mem(hc, (u32)args[1], len);
	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (!c) {
		res[0] = (u32)KWASM_CONN_NONE;
		return 0;
	}
	switch ((u32)args[0]) {
	case KWASM_CONN_LOCAL_ADDR:
		src = c->laddr;
		have = c->family == AF_INET6 ? 16 : 4;
		break;
	case KWASM_CONN_REMOTE_ADDR:
		src = c->raddr;
		have = c->family == AF_INET6 ? 16 : 4;
		break;
	case KWASM_CONN_COMM:
		src = c->comm;
		have = strnlen(c->comm, sizeof(c->comm));
		break;
	case KWASM_CONN_PEER:
		src = c->peer;
		have = c->peer ? c->peer_len : 0;
		break;
	default:
		res[0] = (u32)KWASM_CONN_BAD;
		return 0;
	}
	if (min(len, have))
		memcpy(dst, src, min(len, have));
	res[0] = have;
	return 0;
}

struct kw_abi_fn {
	const char *name;
	kw_host_fn fn;
	u8 nparams;
	u8 nresults;
	u8 types[6];	/* params, then results */
};

/* The table of sdk/c/kwasm_abi.h, each import with its kw_abi_NAME(). */
#define I32 KW_I32
#define I64 KW_I64
#define KW_ABI_FN(name, version, np, nr, ...) \
	{ #name, kw_abi_##name, np, nr, { __VA_ARGS__ } },
static const struct kw_abi_fn kw_abi_fns[KW_ABI_NFUNCS] = {
	KWASM_ABI_IMPORTS(KW_ABI_FN)
};

#undef KW_ABI_FN
#undef I32
#undef I64

static void kw_abi_type(const struct kw_abi_fn *f, struct kw_functype *ft)
{
	ft->nparams = f->nparams;
	ft->nresults = f->nresults;
	ft->types = f->types;
}

static const struct kw_abi_fn *kw_abi_lookup(const char *name, u32 len)
{
	u32 i;

	for (i = 0; i < KW_ABI_NFUNCS; i++)
		if (strlen(kw_abi_fns[i].name) == len && !memcmp(kw_abi_fns[i].name, name, len))
			return &kw_abi_fns[i];
	return NULL;
}

/**
 * kw_abi_is_module() - whether an import module name is the guest ABI
 * @name: the import's module name (not NUL-terminated)
 * @len: its length
 *
 * Return: true for "kwasm".
 */
bool kw_abi_is_module(const char *name, u32 len)
{
	return len == 5 && !memcmp(name, "kwasm", 5);
}

/**
 * kw_abi_wants_maps() - whether a module imports any kwasm.map_* function
 * @mod: the engine module
 *
 * Return: true if it needs maps.
 */
bool kw_abi_wants_maps(const struct kw_module *mod)
{
	u32 n = kw_module_import_count(mod), i;
	struct kw_import_desc d;

	for (i = 0; i < n; i++)
		if (!kw_module_import(mod, i, &d) && kw_abi_is_module(d.module, d.module_len) &&
		    d.name_len > 4 && !memcmp(d.name, "map_", 4))
			return true;
	return false;
}

/**
 * kw_abi_resolve() - bind one import from "kwasm"
 * @ai: the importing instance's ABI state
 * @d: the import
 * @ext: filled with the host function
 *
 * Context: process context, may sleep.
 * Return: 0, -ENOENT for an unknown name, -EINVAL for a wrong kind or
 * type, -ENOMEM.
 */
int kw_abi_resolve(struct kw_abi_inst *ai, const struct kw_import_desc *d,
		   struct kw_extern *ext)
{
	const struct kw_abi_fn *f = kw_abi_lookup(d->name, d->name_len);
	struct kw_functype ft;
	u32 i = f ? f - kw_abi_fns : 0;

	if (!f)
		return -ENOENT;
	kw_abi_type(f, &ft);
	if (d->kind != KW_EXTERN_FUNC || d->type.nparams != ft.nparams ||
	    d->type.nresults != ft.nresults ||
	    memcmp(d->type.types, ft.types, ft.nparams + ft.nresults))
		return -EINVAL;
	if (!ai->funcs[i] && kw_func_new_host(&ft, f->fn, ai, &ai->funcs[i]))
		return -ENOMEM;
	ext->kind = KW_EXTERN_FUNC;
	ext->func = ai->funcs[i];
	return 0;
}

/**
 * kw_abi_release() - free an instance's host functions
 * @ai: the ABI state; the instance using them is already freed
 */
void kw_abi_release(struct kw_abi_inst *ai)
{
	u32 i;

	for (i = 0; i < KW_ABI_NFUNCS; i++) {
		kw_func_free(ai->funcs[i]);
		ai->funcs[i] = NULL;
	}
}
