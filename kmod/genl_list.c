// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: KWASM_CMD_LIST replies, one message per loaded module.
 *
 * Messages are built under the registry mutex (the engine module whose
 * exports they describe is not freed while listed); process context.
 *
 * A module may export 100,000 functions, more than a 64 KiB attribute nest
 * or a dump buffer holds: the exports come last and are cut where the
 * message is full, with KWASM_A_EXPORTS_OMITTED saying how many are left
 * out.  A dump moves such a module to a fresh buffer before cutting it.
 * Callers without CAP_SYS_ADMIN see only their own namespace's attachments.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "dp.h"
#include "genl.h"
#include "nf.h"
#include "registry.h"

struct kw_list_ctx {
	struct genl_family *family;
	struct sk_buff *skb;		/* dump: the dump skb; doit: the reply */
	struct genl_info *info;		/* doit only */
	struct netlink_callback *cb;	/* dump only */
	const struct net *net;		/* attachments of this netns only, or NULL */
};

/* A dump buffer fits any module's fixed part (up to 64 attachments). */
#define KW_LIST_DUMP_ALLOC	32768
/* A doit reply: the fixed part and up to a 64 KiB exports nest. */
#define KW_LIST_DOIT_MAX	(96 * 1024)

/* Wasm names are counted, not NUL-terminated. */
static int kw_list_put_name(struct sk_buff *skb, int type, const char *s, u32 len)
{
	struct nlattr *a = nla_reserve(skb, type, len + 1);

	if (!a)
		return -EMSGSIZE;
	memcpy(nla_data(a), s, len);
	((char *)nla_data(a))[len] = '\0';
	return 0;
}

static size_t kw_list_export_size(const struct kw_export_desc *d)
{
	return nla_total_size(0) + nla_total_size(d->name_len + 1) +
	       nla_total_size(d->type.nparams) + nla_total_size(d->type.nresults) +
	       nla_total_size(sizeof(u32));
}

/* Room for an export entry in the nest @all, leaving room for the omitted count. */
static bool kw_list_fits(const struct sk_buff *skb, const struct nlattr *all, size_t size)
{
	size_t nest = skb_tail_pointer(skb) - (const unsigned char *)all;

	return nest + size <= U16_MAX &&
	       skb_tailroom(skb) >= size + nla_total_size(sizeof(u32)) + NLMSG_ALIGNTO;
}

/*
 * The function exports, as many as fit if @cut, else all or -EMSGSIZE.
 * The rest are counted in KWASM_A_EXPORTS_OMITTED.
 */
static int kw_list_put_exports(struct sk_buff *skb, const struct kw_entry *m, bool cut)
{
	struct nlattr *all, *one;
	struct kw_export_desc d;
	u32 i, n = kw_module_export_count(m->mod), omitted = 0;

	all = nla_nest_start(skb, KWASM_A_EXPORTS);
	if (!all)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		struct kw_dp_fn *fn;

		if (kw_module_export(m->mod, i, &d) || d.kind != KW_EXTERN_FUNC)
			continue;
		if (omitted || !kw_list_fits(skb, all, kw_list_export_size(&d))) {
			if (!cut)
				return -EMSGSIZE;
			omitted++;
			continue;
		}
		fn = kw_dp_find(m, d.name, d.name_len);
		one = nla_nest_start(skb, KWASM_A_EXPORT_ENTRY);
		if (!one || kw_list_put_name(skb, KWASM_E_NAME, d.name, d.name_len) ||
		    nla_put(skb, KWASM_E_PARAMS, d.type.nparams, d.type.types) ||
		    nla_put(skb, KWASM_E_RESULTS, d.type.nresults,
			    d.type.types + d.type.nparams) ||
		    (fn && fn->handle && nla_put_u32(skb, KWASM_E_HANDLE, fn->handle)))
			return -EMSGSIZE;
		nla_nest_end(skb, one);
	}
	nla_nest_end(skb, all);
	if (omitted && nla_put_u32(skb, KWASM_A_EXPORTS_OMITTED, omitted))
		return -EMSGSIZE;
	return 0;
}

static int kw_list_put_stats(struct sk_buff *skb, const struct kw_entry *m)
{
	const struct kw_entry_stats *s = &m->stats;
	struct nlattr *stats, *kinds;
	u64 dp_calls, dp_fuel;
	u32 code;

	/* Data-path calls count among all calls, too. */
	kw_dp_stats(m, &dp_calls, &dp_fuel);
	stats = nla_nest_start(skb, KWASM_A_STATS);
	if (!stats ||
	    nla_put_u64_64bit(skb, KWASM_S_CALLS, atomic64_read(&s->calls) + dp_calls,
			      KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_TRAPS, atomic64_read(&s->traps), KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_FUEL, atomic64_read(&s->fuel) + dp_fuel, KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_TIME_NS, atomic64_read(&s->time_ns), KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_DP_CALLS, dp_calls, KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_DP_BUSY, atomic64_read(&s->dp_busy), KWASM_S_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_S_DP_ERRORS, atomic64_read(&s->dp_errors), KWASM_S_PAD))
		return -EMSGSIZE;
	kinds = nla_nest_start(skb, KWASM_S_TRAP_KINDS);
	if (!kinds)
		return -EMSGSIZE;
	/* Attribute type = trap code; KW_TRAP_NONE (0) is never counted: it pads. */
	for (code = KW_TRAP_NONE + 1; code < __KW_TRAP_LAST; code++)
		if (nla_put_u64_64bit(skb, code, atomic64_read(&s->trap_kinds[code]),
				      KW_TRAP_NONE))
			return -EMSGSIZE;
	nla_nest_end(skb, kinds);
	nla_nest_end(skb, stats);
	return 0;
}

static int kw_list_put(struct sk_buff *skb, const struct kw_entry *m, u32 portid, u32 seq,
		       int flags, const struct kw_list_ctx *ctx, bool cut)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, ctx->family, flags, KWASM_CMD_LIST);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, KWASM_A_NAME, m->name) ||
	    nla_put_u32(skb, KWASM_A_ID, m->id) ||
	    nla_put_u64_64bit(skb, KWASM_A_SIZE, m->size, KWASM_A_PAD) ||
	    nla_put_u64_64bit(skb, KWASM_A_FUEL, m->fuel, KWASM_A_PAD) ||
	    nla_put_u32(skb, KWASM_A_MAX_PAGES, m->max_pages) ||
	    nla_put_u32(skb, KWASM_A_MEM_PAGES, READ_ONCE(m->mem_pages)) ||
	    (m->dp && nla_put_flag(skb, KWASM_A_DATAPATH)) ||
	    kw_list_put_stats(skb, m) ||
	    (m->attached && kw_nf_put_attachments(skb, m, ctx->net)) ||
	    kw_list_put_exports(skb, m, cut)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* An upper bound on the size of kw_list_put()'s message. */
static size_t kw_list_size(const struct kw_entry *m)
{
	struct kw_export_desc d;
	u32 i, n = kw_module_export_count(m->mod);
	size_t size = 512 + __KW_TRAP_LAST * nla_total_size_64bit(8) +
		      (m->attached ? kw_nf_attachments_size() : 0);

	for (i = 0; i < n && size < KW_LIST_DOIT_MAX; i++) {
		if (kw_module_export(m->mod, i, &d) || d.kind != KW_EXTERN_FUNC)
			continue;
		size += kw_list_export_size(&d);
	}
	return min_t(size_t, size, KW_LIST_DOIT_MAX);
}

static int kw_list_one(struct kw_entry *m, void *arg)
{
	struct kw_list_ctx *ctx = arg;
	int ret;

	ctx->skb = genlmsg_new(kw_list_size(m), GFP_KERNEL);
	if (!ctx->skb)
		return -ENOMEM;
	ret = kw_list_put(ctx->skb, m, ctx->info->snd_portid, ctx->info->snd_seq, 0, ctx, true);
	if (ret) {
		nlmsg_free(ctx->skb);
		ctx->skb = NULL;
	}
	return ret;
}

/**
 * kw_genl_list_one() - reply to LIST for one module
 * @name: the module's name
 * @skb: the request
 * @info: its parsed form
 * @family: the kwasm family
 *
 * Return: 0, -ENOENT if no such module, or another negative errno.
 */
int kw_genl_list_one(const char *name, struct sk_buff *skb, struct genl_info *info,
		     struct genl_family *family)
{
	struct kw_list_ctx ctx = { .family = family, .info = info };
	int ret;

	if (!netlink_capable(skb, CAP_SYS_ADMIN))
		ctx.net = genl_info_net(info);
	ret = kw_registry_for_each(name, 0, kw_list_one, &ctx);
	if (ret)
		return ret;
	return genlmsg_reply(ctx.skb, info);
}

static int kw_list_dump_one(struct kw_entry *m, void *arg)
{
	struct kw_list_ctx *ctx = arg;
	struct netlink_callback *cb = ctx->cb;
	int ret;

	ret = kw_list_put(ctx->skb, m, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  NLM_F_MULTI, ctx, false);
	/* Too big for what is left: next round, or cut to an empty buffer. */
	if (ret == -EMSGSIZE && !ctx->skb->len)
		ret = kw_list_put(ctx->skb, m, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  NLM_F_MULTI, ctx, true);
	if (!ret)
		cb->args[0] = m->id;
	return ret;
}

/**
 * kw_genl_list_dump_start() - LIST dump: size the buffers
 * @cb: the dump state
 *
 * Return: 0.
 */
int kw_genl_list_dump_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = KW_LIST_DUMP_ALLOC;
	return 0;
}

/**
 * kw_genl_list_dump_all() - LIST dump: the modules after cb->args[0]
 * @skb: the dump buffer
 * @cb: the dump state; cb->args[0] is the last id sent
 * @family: the kwasm family
 *
 * Return: bytes added (0 when done) or a negative errno.
 */
int kw_genl_list_dump_all(struct sk_buff *skb, struct netlink_callback *cb,
			  struct genl_family *family)
{
	struct kw_list_ctx ctx = { .family = family, .skb = skb, .cb = cb };
	int ret;

	if (!netlink_capable(cb->skb, CAP_SYS_ADMIN))
		ctx.net = sock_net(cb->skb->sk);
	ret = kw_registry_for_each(NULL, (u32)cb->args[0], kw_list_dump_one, &ctx);
	/* A full buffer ends this round; one module too big for it is an error. */
	if (ret == -EMSGSIZE && skb->len)
		return skb->len;
	return ret ? ret : skb->len;
}
