// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The "kwasm" import module for `kwasm run`: the guest ABI's host functions
 * over the command line's packets and a userspace copy of the maps.  Return
 * codes follow docs/DATAPATH.md; a pointer outside the guest's memory traps.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "abi_user.h"
#include "cli.h"

#define ETH_P_IP	0x0800
#define ETH_P_IPV6	0x86dd

/* Guest pointer and length as host memory, or NULL (the caller traps). */
static void *guest(struct kw_host_call *hc, u64 ptr, u64 len)
{
	return kw_host_mem(hc, (u32)ptr, (u32)len);
}

static struct abi_user *ab_of(struct kw_host_call *hc)
{
	return hc->data;
}

static int abi_fn_pkt_len(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	res[0] = ab_of(hc)->pkt_len;
	return 0;
}

/* Clamp [off, off+len) to the input; -1 when @off is past its end. */
static s64 span(const struct abi_user *ab, u32 off, u32 len)
{
	if (off > ab->pkt_len)
		return -1;
	return len < ab->pkt_len - off ? len : ab->pkt_len - off;
}

/* As in the kernel, the whole buffer must be guest memory, even past the end. */
static int abi_fn_pkt_read(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	struct abi_user *ab = ab_of(hc);
	s64 n = span(ab, args[0], args[2]);
	u8 *dst = guest(hc, args[1], args[2]);

	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (n > 0)
		memcpy(dst, ab->pkt + (u32)args[0], n);
	res[0] = (u32)n;
	return 0;
}

static int abi_fn_pkt_write(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	struct abi_user *ab = ab_of(hc);
	s64 n = span(ab, args[0], args[2]);
	const u8 *src = guest(hc, args[1], args[2]);

	if (!src)
		return KW_TRAP_MEM_OOB;
	if (!ab->pkt || ab->read_only || n < 0) {
		res[0] = (u32)KWASM_ERR;
		return 0;
	}
	memcpy(ab->pkt + (u32)args[0], src, n);
	res[0] = (u32)n;
	return 0;
}

static int abi_fn_pkt_meta(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	struct abi_user *ab = ab_of(hc);
	bool in = ab->pkt;
	u64 proto = ab->proto;

	/* A netfilter hook knows the protocol; a kfunc buffer does not. */
	if (!ab->proto_set && ab->hook != KWASM_HOOK_NONE && ab->pkt_len)
		proto = ab->pkt[0] >> 4 == 4 ? ETH_P_IP :
			ab->pkt[0] >> 4 == 6 ? ETH_P_IPV6 : 0;
	switch ((u32)args[0]) {
	case KWASM_META_LEN:
		res[0] = in ? ab->wire_len : 0;
		break;
	case KWASM_META_PROTO:
		res[0] = in ? proto : 0;
		break;
	case KWASM_META_IFINDEX:
		res[0] = in ? ab->ifindex : 0;
		break;
	case KWASM_META_MARK:
		res[0] = in ? ab->mark : 0;
		break;
	case KWASM_META_HOOK:
		res[0] = in ? ab->hook : KWASM_HOOK_NONE;
		break;
	default:
		res[0] = (u64)(s64)KWASM_ERR;
	}
	return 0;
}

/* The kernel's line, "kwasm: NAME: TEXT", without its rate limit. */
static int abi_fn_log(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 len = args[1], i;
	const u8 *msg = guest(hc, args[0], len);

	if (!msg)
		return KW_TRAP_MEM_OOB;
	if (len > KWASM_LOG_MAX)
		len = KWASM_LOG_MAX;
	fprintf(stderr, "kwasm: %s: ", ab_of(hc)->name);
	for (i = 0; i < len; i++)
		fputc(msg[i] >= 0x20 && msg[i] < 0x7f ? msg[i] : '?', stderr);
	fputc('\n', stderr);
	return 0;
}

static int abi_fn_time_ns(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	struct abi_user *ab = ab_of(hc);
	struct timespec ts;

	if (ab->fake_clock) {
		res[0] = ab->now;
		return 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	res[0] = (u64)ts.tv_sec * 1000000000 + ts.tv_nsec;
	return 0;
}

static int abi_fn_random(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	u32 len = args[1];
	u8 *dst = guest(hc, args[0], len);

	if (!dst)
		return KW_TRAP_MEM_OOB;
	if (len > KWASM_RANDOM_MAX) {
		res[0] = (u32)KWASM_ERR;
		return 0;
	}
	if (len && getrandom(dst, len, 0) != len)
		return KW_TRAP_HOST;
	res[0] = 0;
	return 0;
}

/*
 * map_get and map_set: key at args 1-2, value at 3-4.  Pointers first, as
 * in the kernel: a bad pointer traps even with a bad map.
 */
static int map_key_val(struct kw_host_call *hc, const u64 *args, u64 *res, bool set)
{
	struct abi_maps *m = &ab_of(hc)->maps;
	const u8 *key = guest(hc, args[1], args[2]);
	u8 *val = guest(hc, args[3], args[4]);

	if (!key || !val)
		return KW_TRAP_MEM_OOB;
	res[0] = (u32)(set ? abi_map_set(m, args[0], key, args[2], val, args[4]) :
		       abi_map_get(m, args[0], key, args[2], val, args[4]));
	return 0;
}

static int abi_fn_map_get(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	return map_key_val(hc, args, res, false);
}

static int abi_fn_map_set(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	return map_key_val(hc, args, res, true);
}

static int abi_fn_map_del(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const u8 *key = guest(hc, args[1], args[2]);

	if (!key)
		return KW_TRAP_MEM_OOB;
	res[0] = (u32)abi_map_del(&ab_of(hc)->maps, args[0], key, args[2]);
	return 0;
}

static int abi_fn_map_add(struct kw_host_call *hc, const u64 *args, u64 *res)
{
	const u8 *key = guest(hc, args[1], args[2]);

	if (!key)
		return KW_TRAP_MEM_OOB;
	res[0] = (u64)abi_map_add(&ab_of(hc)->maps, args[0], key, args[2], (s64)args[3]);
	return 0;
}

/* The table of sdk/c/kwasm_abi.h, each import with its abi_fn_NAME(). */
#define I32 KW_I32
#define I64 KW_I64
#define ABI_FN(name, version, np, nr, ...) \
	{ #name, abi_fn_##name, np, nr, { __VA_ARGS__ } },

static const struct {
	const char *name;
	kw_host_fn fn;
	u32 nparams, nresults;
	u8 types[6];	/* params, then results */
} abi_funcs[KWASM_ABI_NFUNCS] = {
	KWASM_ABI_IMPORTS(ABI_FN)
};

#undef ABI_FN
#undef I32
#undef I64

/**
 * abi_user_new() - create the host module, with no packets and empty maps
 * @out: the module, on success
 *
 * Return: 0 or -KW_ENOMEM.
 */
int abi_user_new(struct abi_user **out)
{
	struct abi_user *ab = calloc(1, sizeof(*ab));
	u32 i;

	if (!ab)
		return -KW_ENOMEM;
	ab->map_entries = ABI_MAP_ENTRIES;
	for (i = 0; i < KWASM_ABI_NFUNCS; i++) {
		struct kw_functype ft = {
			.nparams = abi_funcs[i].nparams,
			.nresults = abi_funcs[i].nresults,
			.types = abi_funcs[i].types,
		};

		if (kw_func_new_host(&ft, abi_funcs[i].fn, ab, &ab->funcs[i])) {
			abi_user_free(ab);
			return -KW_ENOMEM;
		}
	}
	*out = ab;
	return 0;
}

/**
 * abi_user_free() - free the host module
 * @ab: the module, or NULL; no instance importing from it may remain
 */
void abi_user_free(struct abi_user *ab)
{
	u32 i;

	if (!ab)
		return;
	for (i = 0; i < KWASM_ABI_NFUNCS; i++)
		kw_func_free(ab->funcs[i]);
	for (i = 0; i < ab->npkts; i++)
		free(ab->pkts[i].data);
	free(ab->pkts);
	free(ab->map_opts);
	abi_maps_free(&ab->maps);
	free(ab);
}

/**
 * abi_user_is_module() - whether an import asks for the guest ABI
 * @imp: the import
 *
 * Return: true for module name "kwasm".
 */
bool abi_user_is_module(const struct kw_import_desc *imp)
{
	return imp->module_len == 5 && !memcmp(imp->module, "kwasm", 5);
}

/**
 * abi_user_lookup() - resolve one import against the guest ABI
 * @ab: the host module
 * @imp: the import (its module name is not checked)
 * @out: the function, on success
 *
 * Signatures are left to the engine to check at instantiation.
 *
 * Return: 0, or -KW_ELINK if there is no such function.
 */
int abi_user_lookup(struct abi_user *ab, const struct kw_import_desc *imp,
		    struct kw_extern *out)
{
	u32 i;

	memset(out, 0, sizeof(*out));
	if (imp->kind != KW_EXTERN_FUNC)
		return -KW_ELINK;
	for (i = 0; i < KWASM_ABI_NFUNCS; i++) {
		if (strlen(abi_funcs[i].name) == imp->name_len &&
		    !memcmp(abi_funcs[i].name, imp->name, imp->name_len)) {
			out->kind = KW_EXTERN_FUNC;
			out->func = ab->funcs[i];
			return 0;
		}
	}
	return -KW_ELINK;
}

/**
 * abi_user_select() - make packet @idx the input of the next call
 * @ab: the host module, after abi_user_prepare()
 * @idx: packet index, below @ab->npkts; with no packets, 0 means no input
 *
 * Sets the fake clock to this packet's time.  On a netfilter hook the
 * guest sees at most KWASM_PKT_MAX bytes, read-only, as in the kernel.
 *
 * Return: the number of bytes visible, the filter's argument.
 */
u32 abi_user_select(struct abi_user *ab, u32 idx)
{
	ab->now = ab->clock_start + (u64)idx * ab->clock_step;
	ab->read_only = ab->hook != KWASM_HOOK_NONE;
	if (idx >= ab->npkts) {
		ab->pkt = NULL;
		ab->pkt_len = 0;
		ab->wire_len = 0;
		return 0;
	}
	ab->pkt = ab->pkts[idx].data;
	ab->wire_len = ab->pkts[idx].len;
	ab->pkt_len = ab->wire_len;
	if (ab->read_only && ab->pkt_len > KWASM_PKT_MAX)
		ab->pkt_len = KWASM_PKT_MAX;
	return ab->pkt_len;
}
