// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the control-plane call path into a registry entry.
 *
 * Owns argument checks, the call_ms deadline, the per-entry counters and
 * the lock order of a call: the link mutex (for a linked entry, link.c),
 * then the entry's call mutex.  An entry can become linked between the
 * two, so a call that took only the call mutex checks again and retries
 * with both.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "link.h"
#include "registry.h"

/**
 * kw_call_deadline() - when a control-plane call or instantiation must end
 *
 * Return: now plus the call_ms parameter, as a ktime_get_ns() deadline.
 */
u64 kw_call_deadline(void)
{
	u32 ms = clamp_t(u32, READ_ONCE(kw_param_call_ms), 1, KW_CALL_MS_MAX);

	return ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;
}

static const char *kw_call_type_name(u32 type)
{
	switch (type) {
	case KW_I32: return "i32";
	case KW_I64: return "i64";
	case KW_F32: return "f32";
	case KW_F64: return "f64";
	case KW_V128: return "v128";
	case KW_FUNCREF: return "funcref";
	case KW_EXTERNREF: return "externref";
	default: return "unknown";
	}
}

static int kw_call_check_args(const char *export, u32 elen, const struct kw_functype *ft,
			      const struct kw_value *args, u32 nargs, struct kw_status *st)
{
	u32 i;

	st->status = KW_EARG;
	if (nargs != ft->nparams) {
		scnprintf(st->msg, sizeof(st->msg), "%.*s takes %u arguments, got %u",
			  (int)min_t(u32, elen, 32), export, ft->nparams, nargs);
		return -EINVAL;
	}
	for (i = 0; i < nargs; i++) {
		if (args[i].type != ft->types[i]) {
			scnprintf(st->msg, sizeof(st->msg), "argument %u is %s, expected %s", i,
				  kw_call_type_name(args[i].type), kw_call_type_name(ft->types[i]));
			return -EINVAL;
		}
	}
	st->status = 0;
	return 0;
}

static void kw_call_account(struct kw_entry *m, const struct kw_call_out *out, u64 ns)
{
	struct kw_entry_stats *s = &m->stats;

	atomic64_inc(&s->calls);
	atomic64_add(out->ctx.fuel_used, &s->fuel);
	atomic64_add(ns, &s->time_ns);
	if (out->trapped) {
		atomic64_inc(&s->traps);
		if (out->ctx.trap.code < __KW_TRAP_LAST)
			atomic64_inc(&s->trap_kinds[out->ctx.trap.code]);
	}
}

/**
 * kw_entry_call() - call an exported function
 * @m: the module, with a reference held
 * @export: the function's export name (any bytes, not NUL-terminated)
 * @elen: its length
 * @args: arguments; reference arguments must be null
 * @nargs: their number
 * @fuel: this call's budget, 0 for the module's, never above it
 * @out: results or trap, and fuel used; out->results must be kfree()d
 * @st: why it failed, on failure
 *
 * Calls queue on the module's call mutex (and, for linked modules, first
 * on the link mutex); a signal aborts the wait, a fatal signal also stops
 * a running call ("interrupted" trap), and so does the call_ms deadline
 * ("deadline exceeded"): the genetlink handler that runs it holds a lock
 * every generic netlink family shares.  An exported global is read as the
 * single result of a call without arguments.
 *
 * Context: process context, may sleep.
 * Return: 0 if the function ran (it may have trapped), or a negative errno.
 */
int kw_entry_call(struct kw_entry *m, const char *export, u32 elen,
		  const struct kw_value *args, u32 nargs, u64 fuel, struct kw_call_out *out,
		  struct kw_status *st)
{
	return kw_entry_call_conn(m, export, elen, args, nargs, fuel, NULL, out, st);
}

/**
 * kw_entry_call_conn() - kw_entry_call() with a connection for kwasm.conn_*
 * @m: the module, with a reference held
 * @export: the function's export name (not NUL-terminated)
 * @elen: its length
 * @args: arguments
 * @nargs: their number
 * @fuel: this call's budget, 0 for the module's, never above it
 * @conn: what conn_meta and conn_read return during the call, or NULL
 * @out: as for kw_entry_call()
 * @st: as for kw_entry_call()
 *
 * @conn hangs off the module's ABI state only while the call mutex is
 * held, so no other call ever sees it.  A linked module's imports of
 * another module's kwasm.* functions see that module's state: no
 * connection.
 *
 * Context: process context, may sleep.
 * Return: as for kw_entry_call().
 */
int kw_entry_call_conn(struct kw_entry *m, const char *export, u32 elen,
		       const struct kw_value *args, u32 nargs, u64 fuel,
		       const struct kw_conn_input *conn,
		       struct kw_call_out *out, struct kw_status *st)
{
	struct kw_functype ft;
	struct kw_extern ext;
	bool linked;
	u64 start;
	int ret;

	memset(out, 0, sizeof(*out));
	memset(st, 0, sizeof(*st));
	/* A module's fuel is the admin's bound: a call may ask for less only. */
	if (fuel && m->fuel && fuel > m->fuel) {
		st->status = KW_EARG;
		scnprintf(st->msg, sizeof(st->msg), "fuel %llu is above the module's limit %llu",
			  fuel, m->fuel);
		return -EINVAL;
	}
again:
	linked = READ_ONCE(m->linked);
	if (linked && kw_link_call_begin())
		return -EINTR;
	if (mutex_lock_interruptible(&m->call_lock)) {
		if (linked)
			kw_link_call_end();
		return -EINTR;
	}
	/* Linked meanwhile: kw_link_mark() waits for us, so start over. */
	if (!linked && READ_ONCE(m->linked)) {
		mutex_unlock(&m->call_lock);
		goto again;
	}
	if (READ_ONCE(m->retired) || !m->inst) {
		scnprintf(st->msg, sizeof(st->msg), "module %s was unloaded", m->name);
		ret = -ENOENT;
		goto unlock;
	}
	ret = kw_instance_export(m->inst, export, elen, &ext);
	if (!ret && ext.kind == KW_EXTERN_GLOBAL && !nargs) {
		out->results = kzalloc(sizeof(*out->results), GFP_KERNEL);
		ret = -ENOMEM;
		if (out->results) {
			kw_global_get(ext.global, out->results);
			out->nresults = 1;
			ret = 0;
		}
		goto unlock;
	}
	if (ret || ext.kind != KW_EXTERN_FUNC) {
		st->status = KW_ENOTFOUND;
		scnprintf(st->msg, sizeof(st->msg), "no function export %.*s",
			  (int)min_t(u32, elen, 48), export);
		ret = -ENOENT;
		goto unlock;
	}
	kw_func_type(ext.func, &ft);
	ret = kw_call_check_args(export, elen, &ft, args, nargs, st);
	if (ret)
		goto unlock;
	if (ft.nresults > KW_CALL_MAX_RESULTS) {
		st->status = KW_EARG;
		scnprintf(st->msg, sizeof(st->msg), "function returns %u results, at most %u",
			  ft.nresults, KW_CALL_MAX_RESULTS);
		ret = -E2BIG;
		goto unlock;
	}
	out->results = kcalloc(max_t(u32, ft.nresults, 1), sizeof(*out->results), GFP_KERNEL);
	if (!out->results) {
		ret = -ENOMEM;
		goto unlock;
	}
	out->nresults = ft.nresults;
	out->ctx.fuel = fuel ? fuel : m->fuel;
	out->ctx.deadline_ns = kw_call_deadline();
	out->ctx.may_yield = true;

	/* A data-path module's own control-plane instance: the CPUs' are busy. */
	start = ktime_get_ns();
	if (!m->dp)
		m->ai.conn = conn;
	ret = kw_call(m->inst, ext.func, args, nargs, out->results, ft.nresults, &out->ctx);
	m->ai.conn = NULL;
	out->trapped = ret == -KW_ETRAP;
	if (!ret || out->trapped)
		kw_call_account(m, out, ktime_get_ns() - start);
	kw_inst_update_mem_pages(m);
	mutex_unlock(&m->call_lock);
	if (linked)
		kw_link_call_end();

	if (!ret || out->trapped)
		return 0;
	st->status = -ret;
	scnprintf(st->msg, sizeof(st->msg), "call failed: %s", kw_strerror(ret));
	kfree(out->results);
	out->results = NULL;
	return kw_errno(ret);

unlock:
	mutex_unlock(&m->call_lock);
	if (linked)
		kw_link_call_end();
	return ret;
}
