// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: loaded Wasm modules, by name.
 *
 * Lifetime: the list holds one reference to each entry and every lookup
 * takes another.  Unload unlists the entry, waits for the call in flight
 * by taking its call mutex and frees the engine objects right away, so
 * the allocation counter drops as soon as UNLOAD returns; callers still
 * queued on the mutex find no instance and fail with -ENOENT.  The struct
 * itself goes with the last reference.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dp.h"
#include "map.h"
#include "registry.h"

static LIST_HEAD(kw_reg_list);
static DEFINE_MUTEX(kw_reg_lock);	/* guards the list, kw_reg_count, kw_reg_next_id */
static u32 kw_reg_count;
static u32 kw_reg_next_id = 1;

/* See registry.h: serialises linked calls and instantiations. */
static DEFINE_MUTEX(kw_link_lock);
static u32 kw_link_live;		/* listed linked modules, under kw_link_lock */
static LIST_HEAD(kw_graveyard);		/* kw_mod.grave, under kw_link_lock */
static u32 kw_grave_count;		/* written under kw_link_lock, read anywhere */

/**
 * kw_errno() - map an engine status to a standard errno
 * @kw_status: a KW_E* code, negated or not
 *
 * Return: a negative errno.
 */
int kw_errno(int kw_status)
{
	switch (abs(kw_status)) {
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

static void kw_mod_free_engine(struct kw_mod *m)
{
	if (m->dp)
		kw_dp_free(m);
	else
		kw_instance_free(m->inst);
	kw_abi_release(&m->ai);
	m->inst = NULL;
	m->mem = NULL;
	kw_module_free(m->mod);
	m->mod = NULL;
}

/*
 * Bury @m with a reference: a surviving table may reach its functions, and
 * they its host functions, maps and name, so all of @m stays.
 */
static void kw_link_bury(struct kw_mod *m)
{
	lockdep_assert_held(&kw_link_lock);
	kref_get(&m->ref);
	list_add(&m->grave, &kw_graveyard);
	WRITE_ONCE(kw_grave_count, kw_grave_count + 1);
}

/*
 * Once no linked module is left, nothing can reach the graveyard: move it
 * to @dead, whose references the caller drops with kw_link_put_dead()
 * after unlocking (a release takes the registry mutex).
 */
static void kw_link_reap(struct list_head *dead)
{
	lockdep_assert_held(&kw_link_lock);
	if (kw_link_live)
		return;
	list_splice_init(&kw_graveyard, dead);
	WRITE_ONCE(kw_grave_count, 0);
}

static void kw_link_put_dead(struct list_head *dead)
{
	struct kw_mod *m, *tmp;

	list_for_each_entry_safe(m, tmp, dead, grave) {
		list_del_init(&m->grave);
		kw_mod_put(m);
	}
}

/* Drop @m's hold on the modules it imports from. */
static void kw_mod_drop_targets(struct kw_mod *m)
{
	u32 i;

	mutex_lock(&kw_reg_lock);
	for (i = 0; i < m->ntargets; i++)
		m->targets[i]->importers--;
	mutex_unlock(&kw_reg_lock);
	for (i = 0; i < m->ntargets; i++)
		kw_mod_put(m->targets[i]);
	kvfree(m->targets);
	m->targets = NULL;
	m->ntargets = 0;
}

static void kw_mod_release(struct kref *ref)
{
	struct kw_mod *m = container_of(ref, struct kw_mod, ref);

	kw_mod_free_engine(m);
	kw_mod_drop_targets(m);
	/* Last: netlink map requests hold references, not the call mutex. */
	kw_maps_free(m->maps);
	mutex_destroy(&m->call_lock);
	kfree(m);
}

/**
 * kw_mod_put() - drop a reference from kw_registry_get()
 * @m: the module, or NULL
 */
void kw_mod_put(struct kw_mod *m)
{
	if (m)
		kref_put(&m->ref, kw_mod_release);
}

static struct kw_mod *kw_reg_find(const char *name)
{
	struct kw_mod *m;

	lockdep_assert_held(&kw_reg_lock);
	list_for_each_entry(m, &kw_reg_list, node)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

/* Checked before the expensive work and again when inserting. */
static int kw_reg_may_add(const char *name, struct kw_reg_status *st)
{
	unsigned int max = READ_ONCE(kw_param_max_modules);

	lockdep_assert_held(&kw_reg_lock);
	if (kw_reg_find(name)) {
		scnprintf(st->msg, sizeof(st->msg), "module %s already loaded", name);
		return -EEXIST;
	}
	if (kw_reg_count + READ_ONCE(kw_grave_count) >= max) {
		if (READ_ONCE(kw_grave_count))
			scnprintf(st->msg, sizeof(st->msg),
				  "too many modules (max_modules=%u, %u unloaded but linked)", max,
				  READ_ONCE(kw_grave_count));
		else
			scnprintf(st->msg, sizeof(st->msg), "too many modules (max_modules=%u)",
				  max);
		return -ENOSPC;
	}
	return 0;
}

static int kw_reg_engine_err(int ret, const char *what, const struct kw_error *err,
			     struct kw_reg_status *st)
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
 * kw_reg_import_msg() - describe a failed import in @st
 * @st: the status to fill
 * @what: what went wrong, e.g. "unknown import"
 * @d: the import
 */
void kw_reg_import_msg(struct kw_reg_status *st, const char *what,
		       const struct kw_import_desc *d)
{
	scnprintf(st->msg, sizeof(st->msg), "%s %.*s.%.*s", what,
		  (int)min_t(u32, d->module_len, 24), d->module,
		  (int)min_t(u32, d->name_len, 32), d->name);
}

/*
 * Find, reference and pin (importers++) the loaded module @to.  A
 * data-path module's instances run on the data path with a per-CPU busy
 * flag that linked calls would bypass: it cannot be a target.
 */
static struct kw_mod *kw_reg_pin(struct kw_mod *m, const char *to, struct kw_reg_status *st)
{
	struct kw_mod *t;
	u32 i;

	for (i = 0; i < m->ntargets; i++)
		if (!strcmp(m->targets[i]->name, to))
			return m->targets[i];
	mutex_lock(&kw_reg_lock);
	t = kw_reg_find(to);
	if (t && t->dp) {
		scnprintf(st->msg, sizeof(st->msg),
			  "module %s is a data-path module: modules cannot import from it", to);
		t = ERR_PTR(-EINVAL);
	} else if (t) {
		kref_get(&t->ref);
		t->importers++;
		m->targets[m->ntargets++] = t;
	}
	mutex_unlock(&kw_reg_lock);
	return t;
}

/*
 * Resolve every import through @maps to an export of a loaded module.
 * Pinned targets cannot be unloaded, so their instances stay valid.
 */
static int kw_reg_resolve(struct kw_mod *m, const struct kw_import_map *maps, u32 nmaps,
			  struct kw_extern *ext, struct kw_reg_status *st)
{
	u32 n = kw_module_import_count(m->mod), i, j;
	struct kw_import_desc d;
	struct kw_mod *t;

	m->targets = kvcalloc(max_t(u32, n, 1), sizeof(*m->targets), GFP_KERNEL | __GFP_NOWARN);
	if (!m->targets)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		/* Up to 100,000 imports times the mappings: let others run. */
		cond_resched();
		if (kw_module_import(m->mod, i, &d))
			return -EINVAL;
		if (kw_abi_is_module(d.module, d.module_len)) {
			int ret = kw_abi_resolve(&m->ai, &d, &ext[i]);

			if (!ret)
				continue;
			if (ret == -ENOMEM)
				return ret;
			st->status = KW_ELINK;
			kw_reg_import_msg(st, ret == -ENOENT ? "unknown import" :
					  "incompatible import type for", &d);
			return ret;
		}
		for (j = 0; j < nmaps; j++)
			if (maps[j].from_len == d.module_len &&
			    !memcmp(maps[j].from, d.module, d.module_len))
				break;
		t = j < nmaps ? kw_reg_pin(m, maps[j].to, st) : NULL;
		if (IS_ERR(t)) {
			st->status = KW_ELINK;
			return PTR_ERR(t);
		}
		if (!t || !t->inst ||
		    kw_instance_export(t->inst, d.name, d.name_len, &ext[i])) {
			st->status = KW_ELINK;
			kw_reg_import_msg(st, "unknown import", &d);
			return -ENOENT;
		}
		if (ext[i].kind != d.kind) {
			st->status = KW_ELINK;
			kw_reg_import_msg(st, "incompatible import type for", &d);
			return -EINVAL;
		}
	}
	return 0;
}

/* Make @m and its targets linked, waiting out unlinked calls in flight. */
static void kw_link_mark(struct kw_mod *m)
{
	u32 i;

	lockdep_assert_held(&kw_link_lock);
	m->linked = true;
	for (i = 0; i < m->ntargets; i++) {
		struct kw_mod *t = m->targets[i];

		if (t->linked)
			continue;
		WRITE_ONCE(t->linked, true);
		kw_link_live++;
		/* A call that started before it saw ->linked holds only this. */
		mutex_lock(&t->call_lock);
		mutex_unlock(&t->call_lock);
	}
}

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

static void kw_reg_find_memory(struct kw_mod *m)
{
	m->mem = kw_instance_memory(m->inst);
}

static void kw_reg_update_mem_pages(struct kw_mod *m)
{
	u64 size = 0;

	if (m->mem)
		kw_memory_data(m->mem, &size);
	WRITE_ONCE(m->mem_pages, (u32)(size >> 16));
}

static int kw_reg_instantiate(struct kw_mod *m, const struct kw_import_map *maps, u32 nmaps,
			      struct kw_reg_status *st)
{
	/* Kernel memory is precious: a 512 KiB value stack, 2000 frames deep. */
	struct kw_limits lim = {
		.max_memory_pages = m->max_pages,
		.stack_slots = 1 << 16,
		.max_call_depth = 2000,
	};
	struct kw_call_ctx ctx = {
		.fuel = m->fuel,
		.deadline_ns = kw_call_deadline(),
		.may_yield = true,
	};
	u32 n = kw_module_import_count(m->mod);
	struct kw_error err = {};
	struct kw_extern *ext;
	bool linked;
	int ret;

	ext = kvcalloc(max_t(u32, n, 1), sizeof(*ext), GFP_KERNEL | __GFP_NOWARN);
	if (!ext)
		return -ENOMEM;
	ret = kw_reg_resolve(m, maps, nmaps, ext, st);
	if (ret)
		goto out;
	/* Host functions of the guest ABI share nothing: only modules link. */
	linked = m->ntargets;
	if (linked) {
		mutex_lock(&kw_link_lock);
		kw_link_mark(m);
	}
	ret = kw_instance_new(m->mod, ext, n, &lim, &m->inst, &ctx, &err);
	if (ret && linked) {
		/* A trapped instance may already sit in an imported table. */
		m->retired = true;
		kw_link_bury(m);
	}
	if (!ret && linked)
		kw_link_live++;
	if (linked)
		mutex_unlock(&kw_link_lock);
	ret = kw_reg_inst_err(ret, &ctx, &err, st);
out:
	kvfree(ext);
	return ret;
}

/**
 * kw_reg_inst_err() - turn kw_instance_new()'s failure into an errno and @st
 * @ret: what kw_instance_new() returned
 * @ctx: its call context (the start function's trap)
 * @err: its error
 * @st: filled on failure
 *
 * Return: 0 if @ret is 0, else a negative errno.
 */
int kw_reg_inst_err(int ret, const struct kw_call_ctx *ctx, const struct kw_error *err,
		    struct kw_reg_status *st)
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

/*
 * Free the engine objects of an unlisted module once no call runs in it;
 * a linked module's go to the graveyard instead.
 */
static void kw_mod_retire(struct kw_mod *m)
{
	LIST_HEAD(dead);

	if (READ_ONCE(m->linked)) {
		mutex_lock(&kw_link_lock);
		mutex_lock(&m->call_lock);
		WRITE_ONCE(m->retired, true);
		mutex_unlock(&m->call_lock);
		kw_link_bury(m);
		kw_link_live--;
		kw_link_reap(&dead);
		mutex_unlock(&kw_link_lock);
		/* Its targets may go now: they are buried too if unloaded. */
		kw_mod_drop_targets(m);
		kw_link_put_dead(&dead);
		return;
	}
	/* Set first: if the wait is killed, queued callers still see it. */
	WRITE_ONCE(m->retired, true);
	if (!mutex_lock_killable(&m->call_lock)) {
		kw_mod_free_engine(m);
		mutex_unlock(&m->call_lock);
	}
}

/**
 * kw_registry_load() - load, instantiate and register a module
 * @name: unique name, validated by the caller
 * @bytes: the module binary; not kept
 * @len: its length
 * @opts: limits (already defaulted), data path, import mapping
 * @id: the new module's id, on success
 * @st: why it failed, on failure
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno.
 */
int kw_registry_load(const char *name, const u8 *bytes, size_t len,
		     const struct kw_load_opts *opts, u32 *id, struct kw_reg_status *st)
{
	struct kw_error err = {};
	struct kw_mod *m;
	int ret;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_reg_lock);
	ret = kw_reg_may_add(name, st);
	mutex_unlock(&kw_reg_lock);
	if (ret)
		return ret;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	kref_init(&m->ref);
	mutex_init(&m->call_lock);
	INIT_LIST_HEAD(&m->node);
	INIT_LIST_HEAD(&m->grave);
	strscpy(m->name, name, sizeof(m->name));
	m->size = len;
	m->fuel = opts->fuel;
	m->max_pages = opts->max_pages;
	m->ai.m = m;
	/* Ten log lines per five seconds and module, then silence. */
	ratelimit_state_init(&m->log_rs, 5 * HZ, 10);

	ret = kw_module_load(bytes, len, &m->mod, &err);
	if (ret) {
		ret = kw_reg_engine_err(ret, ret == -KW_EMALFORMED ? "decoding failed" :
					ret == -KW_EINVALID ? "validation failed" : "load failed",
					&err, st);
		goto fail;
	}
	/* The JS API's implementation limit; import arrays grow with it. */
	if (kw_module_import_count(m->mod) > KW_REG_MAX_IMPORTS) {
		scnprintf(st->msg, sizeof(st->msg), "module has %u imports, at most %u",
			  kw_module_import_count(m->mod), KW_REG_MAX_IMPORTS);
		ret = -E2BIG;
		goto fail;
	}
	if (kw_abi_wants_maps(m->mod)) {
		m->maps = kw_maps_new(READ_ONCE(kw_param_map_entries));
		ret = -ENOMEM;
		if (!m->maps)
			goto fail;
	}
	if (opts->datapath && opts->nmaps) {
		strscpy(st->msg, "data-path modules import only from kwasm", sizeof(st->msg));
		ret = -EINVAL;
		goto fail;
	}
	if (opts->datapath)
		ret = kw_dp_instantiate(m, st);
	else
		ret = kw_reg_instantiate(m, opts->maps, opts->nmaps, st);
	if (ret)
		goto fail;
	kw_reg_find_memory(m);
	kw_reg_update_mem_pages(m);
	/* Published before listing: a handle can be used as soon as LOAD returns. */
	if (m->dp) {
		ret = kw_dp_publish(m);
		if (ret) {
			strscpy(st->msg, "out of data-path handles", sizeof(st->msg));
			goto fail;
		}
	}

	mutex_lock(&kw_reg_lock);
	ret = kw_reg_may_add(name, st);
	if (!ret) {
		m->id = kw_reg_next_id++;
		if (!kw_reg_next_id)
			kw_reg_next_id = 1;
		list_add_tail(&m->node, &kw_reg_list);
		kw_reg_count++;
		*id = m->id;
	}
	mutex_unlock(&kw_reg_lock);
	if (ret)
		goto retire;
	return 0;

retire:
	kw_dp_unpublish(m);
	kw_mod_retire(m);
fail:
	/* A buried importer must not pin its targets until the reaping. */
	kw_mod_drop_targets(m);
	kw_mod_put(m);
	return ret;
}

/**
 * kw_registry_unload() - unregister and free a module
 * @name: its name
 * @id: its id, or 0 for whichever module has @name
 * @st: why it failed, on failure
 *
 * Waits for the call in flight, if any.  If the wait is killed, the last
 * caller frees the engine objects instead.  A module that loaded modules
 * import from stays: their code may use it at any time; so does an
 * attached one.  A data-path module's handles are withdrawn first.
 *
 * Context: process context, may sleep.
 * Return: 0, -ENOENT or -EBUSY (imported by another module, or attached).
 */
int kw_registry_unload(const char *name, u32 id, struct kw_reg_status *st)
{
	struct kw_mod *m;
	int ret = 0;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_reg_lock);
	m = kw_reg_find(name);
	if (m && id && m->id != id)
		m = NULL;
	if (m && m->importers) {
		scnprintf(st->msg, sizeof(st->msg),
			  "module %s is imported by another module: unload that first", name);
		ret = -EBUSY;
	} else if (m && m->attached) {
		scnprintf(st->msg, sizeof(st->msg),
			  "module %s is attached to %u netfilter hook(s): detach it first", name,
			  m->attached);
		ret = -EBUSY;
	} else if (m) {
		list_del_init(&m->node);
		kw_reg_count--;
	} else {
		scnprintf(st->msg, sizeof(st->msg), "no module named %s", name);
		ret = -ENOENT;
	}
	mutex_unlock(&kw_reg_lock);
	if (ret)
		return ret;

	/* The list's reference is ours now. */
	kw_dp_unpublish(m);
	kw_mod_retire(m);
	kw_mod_put(m);
	return 0;
}

/**
 * kw_registry_get() - look a module up by name
 * @name: its name
 *
 * Return: the module with a reference (release with kw_mod_put()), or NULL.
 */
struct kw_mod *kw_registry_get(const char *name)
{
	struct kw_mod *m;

	mutex_lock(&kw_reg_lock);
	m = kw_reg_find(name);
	if (m)
		kref_get(&m->ref);
	mutex_unlock(&kw_reg_lock);
	return m;
}

/**
 * kw_registry_attach_get() - pin a data-path module for a netfilter attachment
 * @name: its name
 * @st: why it failed, on failure
 *
 * Return: the module with a reference and its attach count raised (undo
 * with kw_registry_attach_put()), or NULL.
 */
struct kw_mod *kw_registry_attach_get(const char *name, struct kw_reg_status *st)
{
	struct kw_mod *m;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_reg_lock);
	m = kw_reg_find(name);
	if (!m) {
		scnprintf(st->msg, sizeof(st->msg), "no module named %s", name);
	} else if (!m->dp) {
		scnprintf(st->msg, sizeof(st->msg),
			  "module %s is not a data-path module (load it with --datapath)", name);
		m = NULL;
	} else {
		kref_get(&m->ref);
		m->attached++;
	}
	mutex_unlock(&kw_reg_lock);
	return m;
}

/**
 * kw_registry_attach_put() - undo kw_registry_attach_get()
 * @m: the module
 */
void kw_registry_attach_put(struct kw_mod *m)
{
	mutex_lock(&kw_reg_lock);
	m->attached--;
	mutex_unlock(&kw_reg_lock);
	kw_mod_put(m);
}

/**
 * kw_registry_count() - number of loaded modules
 *
 * Return: the count.
 */
u32 kw_registry_count(void)
{
	u32 n;

	mutex_lock(&kw_reg_lock);
	n = kw_reg_count;
	mutex_unlock(&kw_reg_lock);
	return n;
}

/**
 * kw_registry_for_each() - visit loaded modules under the registry mutex
 * @name: visit only this module, or NULL for all
 * @after_id: with @name NULL, skip modules with ids up to this one
 * @fn: called for each; a nonzero return stops the walk
 * @arg: handed to @fn
 *
 * @fn may read the engine module (exports) of @m: it is not freed while
 * @m is listed.  Modules are visited in id order.
 *
 * Return: what @fn returned last, 0, or -ENOENT if @name is not loaded.
 */
int kw_registry_for_each(const char *name, u32 after_id,
			 int (*fn)(struct kw_mod *m, void *arg), void *arg)
{
	struct kw_mod *m;
	int ret = name ? -ENOENT : 0;

	mutex_lock(&kw_reg_lock);
	list_for_each_entry(m, &kw_reg_list, node) {
		if (name ? strcmp(m->name, name) != 0 : m->id <= after_id)
			continue;
		ret = fn(m, arg);
		if (ret || name)
			break;
	}
	mutex_unlock(&kw_reg_lock);
	return ret;
}

static const char *kw_type_name(u32 type)
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

static int kw_mod_check_args(const char *export, u32 elen, const struct kw_functype *ft,
			     const struct kw_value *args, u32 nargs, struct kw_reg_status *st)
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
				  kw_type_name(args[i].type), kw_type_name(ft->types[i]));
			return -EINVAL;
		}
	}
	st->status = 0;
	return 0;
}

static void kw_mod_account(struct kw_mod *m, const struct kw_call_out *out, u64 ns)
{
	struct kw_mod_stats *s = &m->stats;

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
 * kw_mod_call() - call an exported function
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
int kw_mod_call(struct kw_mod *m, const char *export, u32 elen, const struct kw_value *args,
		u32 nargs, u64 fuel, struct kw_call_out *out, struct kw_reg_status *st)
{
	return kw_mod_call_conn(m, export, elen, args, nargs, fuel, NULL, out, st);
}

/**
 * kw_mod_call_conn() - kw_mod_call() with a connection for kwasm.conn_*
 * @m: the module, with a reference held
 * @export: the function's export name (not NUL-terminated)
 * @elen: its length
 * @args: arguments
 * @nargs: their number
 * @fuel: this call's budget, 0 for the module's, never above it
 * @conn: what conn_meta and conn_read return during the call, or NULL
 * @out: as for kw_mod_call()
 * @st: as for kw_mod_call()
 *
 * @conn hangs off the module's ABI state only while the call mutex is
 * held, so no other call ever sees it.  A linked module's imports of
 * another module's kwasm.* functions see that module's state: no
 * connection.
 *
 * Context: process context, may sleep.
 * Return: as for kw_mod_call().
 */
int kw_mod_call_conn(struct kw_mod *m, const char *export, u32 elen, const struct kw_value *args,
		     u32 nargs, u64 fuel, const struct kw_conn_input *conn,
		     struct kw_call_out *out, struct kw_reg_status *st)
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
	if (linked && mutex_lock_interruptible(&kw_link_lock))
		return -EINTR;
	if (mutex_lock_interruptible(&m->call_lock)) {
		if (linked)
			mutex_unlock(&kw_link_lock);
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
	ret = kw_mod_check_args(export, elen, &ft, args, nargs, st);
	if (ret)
		goto unlock;
	if (ft.nresults > KW_REG_MAX_RESULTS) {
		st->status = KW_EARG;
		scnprintf(st->msg, sizeof(st->msg), "function returns %u results, at most %u",
			  ft.nresults, KW_REG_MAX_RESULTS);
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
		kw_mod_account(m, out, ktime_get_ns() - start);
	kw_reg_update_mem_pages(m);
	mutex_unlock(&m->call_lock);
	if (linked)
		mutex_unlock(&kw_link_lock);

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
		mutex_unlock(&kw_link_lock);
	return ret;
}

/**
 * kw_registry_init() - set up the registry
 *
 * Return: 0.
 */
int kw_registry_init(void)
{
	return 0;
}

/**
 * kw_registry_uninit() - free every loaded module
 *
 * Called after the netlink family is gone, so nobody else holds a
 * reference.
 */
void kw_registry_uninit(void)
{
	struct kw_mod *m, *tmp;
	LIST_HEAD(graves);
	LIST_HEAD(dead);

	mutex_lock(&kw_reg_lock);
	list_splice_init(&kw_reg_list, &dead);
	kw_reg_count = 0;
	mutex_unlock(&kw_reg_lock);
	/* No data path is attached any more: drop every handle at once. */
	kw_dp_uninit();
	/* Newest first: importers drop their references to older targets. */
	list_for_each_entry_safe_reverse(m, tmp, &dead, node) {
		list_del_init(&m->node);
		WARN_ON_ONCE(kref_read(&m->ref) != 1);
		kw_mod_put(m);
	}
	mutex_lock(&kw_link_lock);
	kw_link_live = 0;
	kw_link_reap(&graves);
	mutex_unlock(&kw_link_lock);
	kw_link_put_dead(&graves);
}
