// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: instantiating a registry entry.
 *
 * Owns the steps from a LOAD's binary to a ready entry: decoding and
 * validation, the guest ABI's maps, the control-plane instance (or the
 * data path's, dp.c) within the instance limits of registry.h, and the
 * messages and errnos of engine failures.  The entry is not listed yet:
 * nothing else can reach it, except linked modules through link.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dp.h"
#include "link.h"
#include "map.h"
#include "registry.h"

/**
 * kw_errno() - map an engine status to a standard errno
 * @status: a KW_E* code, negated or not
 *
 * Return: a negative errno.
 */
int kw_errno(int status)
{
	switch (abs(status)) {
	case KW_ENOMEM:
		return -ENOMEM;
	case KW_ELINK:
	case KW_ENOTFOUND:
		return -ENOENT;
	case KW_ELIMIT:
		return -E2BIG;
	case KW_EUNSUPPORTED:
		return -EOPNOTSUPP;
	case KW_EBUSY:
		return -EBUSY;
	default:
		return -EINVAL;
	}
}

static int kw_inst_engine_err(int ret, const char *what, const struct kw_error *err,
			      struct kw_status *st)
{
	const char *msg = err->msg ? err->msg : kw_strerror(ret);

	st->status = -ret;
	st->offset = err->offset;
	if (err->detail[0])
		scnprintf(st->msg, sizeof(st->msg), "%s at offset 0x%x: %s (%s)", what,
			  err->offset, msg, err->detail);
	else
		scnprintf(st->msg, sizeof(st->msg), "%s at offset 0x%x: %s", what, err->offset,
			  msg);
	return kw_errno(ret);
}

/**
 * kw_inst_import_msg() - describe a failed import in @st
 * @st: the status to fill
 * @what: what went wrong, e.g. "unknown import"
 * @d: the import
 */
void kw_inst_import_msg(struct kw_status *st, const char *what,
			const struct kw_import_desc *d)
{
	scnprintf(st->msg, sizeof(st->msg), "%s %.*s.%.*s", what,
		  (int)min_t(u32, d->module_len, 24), d->module,
		  (int)min_t(u32, d->name_len, 32), d->name);
}

static void kw_inst_find_memory(struct kw_entry *m)
{
	m->mem = kw_instance_memory(m->inst);
}

/**
 * kw_inst_update_mem_pages() - record the size of @m's memory after a call
 * @m: the entry, under its call mutex or not yet listed
 */
void kw_inst_update_mem_pages(struct kw_entry *m)
{
	u64 size = 0;

	if (m->mem)
		kw_memory_data(m->mem, &size);
	WRITE_ONCE(m->mem_pages, (u32)(size >> 16));
}

/**
 * kw_inst_params() - the limits and start context of one of @m's instances
 * @m: the entry
 * @datapath: for a data-path instance (one per CPU, memory preallocated)
 * @lim: filled with the instance limits of registry.h and @m's memory cap
 * @ctx: filled with @m's fuel and the call_ms deadline, from now
 */
void kw_inst_params(const struct kw_entry *m, bool datapath, struct kw_limits *lim,
		    struct kw_call_ctx *ctx)
{
	*lim = (struct kw_limits){
		.max_memory_pages = m->max_pages,
		.stack_slots = datapath ? KW_DP_STACK_SLOTS : KW_INST_STACK_SLOTS,
		.max_call_depth = datapath ? KW_DP_CALL_DEPTH : KW_INST_CALL_DEPTH,
		.flags = datapath ? KW_LIMIT_PREALLOC_MEMORY : 0,
	};
	*ctx = (struct kw_call_ctx){
		.fuel = m->fuel,
		.deadline_ns = kw_call_deadline(),
		.may_yield = true,
	};
}

static int kw_inst_control(struct kw_entry *m, const struct kw_import_map *maps, u32 nmaps,
			   struct kw_status *st)
{
	u32 n = kw_module_import_count(m->mod);
	struct kw_error err = {};
	struct kw_limits lim;
	struct kw_call_ctx ctx;
	struct kw_extern *ext;
	bool linked;
	int ret;

	kw_inst_params(m, false, &lim, &ctx);

	ext = kvcalloc(max_t(u32, n, 1), sizeof(*ext), GFP_KERNEL | __GFP_NOWARN);
	if (!ext)
		return -ENOMEM;
	ret = kw_link_resolve(m, maps, nmaps, ext, st);
	if (ret)
		goto out;
	/* Host functions of the guest ABI share nothing: only modules link. */
	linked = m->ntargets;
	if (linked)
		kw_link_inst_begin(m);
	ret = kw_instance_new(m->mod, ext, n, &lim, &m->inst, &ctx, &err);
	if (linked)
		kw_link_inst_end(m, ret);
	ret = kw_inst_err(ret, &ctx, &err, st);
out:
	kvfree(ext);
	return ret;
}

/**
 * kw_inst_err() - turn kw_instance_new()'s failure into an errno and @st
 * @ret: what kw_instance_new() returned
 * @ctx: its call context (the start function's trap)
 * @err: its error
 * @st: filled on failure
 *
 * Return: 0 if @ret is 0, else a negative errno.
 */
int kw_inst_err(int ret, const struct kw_call_ctx *ctx, const struct kw_error *err,
		struct kw_status *st)
{
	if (!ret)
		return 0;
	if (ret == -KW_ETRAP) {
		st->status = KW_ETRAP;
		st->trap_code = ctx->trap.code;
		scnprintf(st->msg, sizeof(st->msg), "instantiation trapped: %s",
			  kw_trap_message(ctx->trap.code));
		return -EINVAL;
	}
	st->status = -ret;
	scnprintf(st->msg, sizeof(st->msg), "%s: %s%s%s",
		  ret == -KW_ELINK ? "incompatible import type" : "instantiation failed",
		  err->msg ? err->msg : kw_strerror(ret), err->detail[0] ? " " : "", err->detail);
	return ret == -KW_ELINK ? -EINVAL : kw_errno(ret);
}

/**
 * kw_inst_create() - decode, validate and instantiate a new entry
 * @m: the entry, initialised but not listed
 * @bytes: the module binary; not kept
 * @len: its length
 * @opts: limits (already set in @m), data path, import mapping
 * @st: why it failed, on failure
 *
 * A data-path entry's handles are published on success.  On failure the
 * caller drops @m's targets and its reference: kw_registry_load().
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno.
 */
int kw_inst_create(struct kw_entry *m, const u8 *bytes, size_t len,
		   const struct kw_load_opts *opts, struct kw_status *st)
{
	struct kw_error err = {};
	int ret;

	ret = kw_module_load(bytes, len, &m->mod, &err);
	if (ret)
		return kw_inst_engine_err(ret, ret == -KW_EMALFORMED ? "decoding failed" :
					  ret == -KW_EINVALID ? "validation failed" : "load failed",
					  &err, st);
	/* The JS API's implementation limit; import arrays grow with it. */
	if (kw_module_import_count(m->mod) > KW_INST_MAX_IMPORTS) {
		scnprintf(st->msg, sizeof(st->msg), "module has %u imports, at most %u",
			  kw_module_import_count(m->mod), KW_INST_MAX_IMPORTS);
		return -E2BIG;
	}
	if (kw_abi_wants_maps(m->mod)) {
		m->maps = kw_maps_new(READ_ONCE(kw_param_map_entries));
		if (!m->maps)
			return -ENOMEM;
	}
	if (opts->datapath && opts->nmaps) {
		strscpy(st->msg, "data-path modules import only from kwasm", sizeof(st->msg));
		return -EINVAL;
	}
	if (opts->datapath)
		ret = kw_dp_instantiate(m, st);
	else
		ret = kw_inst_control(m, opts->maps, opts->nmaps, st);
	if (ret)
		return ret;
	kw_inst_find_memory(m);
	kw_inst_update_mem_pages(m);
	/* Published before listing: a handle can be used as soon as LOAD returns. */
	if (m->dp) {
		ret = kw_dp_publish(m);
		if (ret) {
			strscpy(st->msg, "out of data-path handles", sizeof(st->msg));
			return ret;
		}
	}
	return 0;
}
