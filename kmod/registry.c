// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: the registry: loaded Wasm modules, by name, as entries.
 *
 * Owns the list, names, ids and attach counts under the registry mutex,
 * and each entry's lifetime.  Instantiation is inst.c's, linking and the
 * graveyard link.c's, the call path call.c's.
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
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dp.h"
#include "link.h"
#include "map.h"
#include "registry.h"

static LIST_HEAD(kw_registry_list);
/* Guards the list, kw_registry_len, kw_registry_next_id, importers, attached. */
static DEFINE_MUTEX(kw_registry_mutex);
static u32 kw_registry_len;
static u32 kw_registry_next_id = 1;

/**
 * kw_registry_lock() - take the registry mutex
 *
 * For link.c, which pins and unpins import targets (kw_entry.importers).
 * Never nested with a call mutex (registry.h).
 */
void kw_registry_lock(void)
{
	mutex_lock(&kw_registry_mutex);
}

/**
 * kw_registry_unlock() - drop the registry mutex
 */
void kw_registry_unlock(void)
{
	mutex_unlock(&kw_registry_mutex);
}

static void kw_entry_free_engine(struct kw_entry *m)
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

static void kw_entry_release(struct kref *ref)
{
	struct kw_entry *m = container_of(ref, struct kw_entry, ref);

	kw_entry_free_engine(m);
	kw_link_drop_targets(m);
	/* Last: netlink map requests hold references, not the call mutex. */
	kw_maps_free(m->maps);
	mutex_destroy(&m->call_lock);
	kfree(m);
}

/**
 * kw_entry_put() - drop a reference from kw_registry_get()
 * @m: the module, or NULL
 */
void kw_entry_put(struct kw_entry *m)
{
	if (m)
		kref_put(&m->ref, kw_entry_release);
}

/**
 * kw_registry_find() - look a listed entry up, under the registry mutex
 * @name: its name
 *
 * Return: the entry, without a reference, or NULL.
 */
struct kw_entry *kw_registry_find(const char *name)
{
	struct kw_entry *m;

	lockdep_assert_held(&kw_registry_mutex);
	list_for_each_entry(m, &kw_registry_list, node)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

/* Checked before the expensive work and again when inserting. */
static int kw_registry_may_add(const char *name, struct kw_status *st)
{
	unsigned int max = READ_ONCE(kw_param_max_modules);

	lockdep_assert_held(&kw_registry_mutex);
	if (kw_registry_find(name)) {
		scnprintf(st->msg, sizeof(st->msg), "module %s already loaded", name);
		return -EEXIST;
	}
	if (kw_registry_len + kw_link_grave_count() >= max) {
		if (kw_link_grave_count())
			scnprintf(st->msg, sizeof(st->msg),
				  "too many modules (max_modules=%u, %u unloaded but linked)", max,
				  kw_link_grave_count());
		else
			scnprintf(st->msg, sizeof(st->msg), "too many modules (max_modules=%u)",
				  max);
		return -ENOSPC;
	}
	return 0;
}

/*
 * Free the engine objects of an unlisted module once no call runs in it;
 * a linked module's go to the graveyard instead.
 */
static void kw_entry_retire(struct kw_entry *m)
{
	if (READ_ONCE(m->linked)) {
		kw_link_retire(m);
		return;
	}
	/* Set first: if the wait is killed, queued callers still see it. */
	WRITE_ONCE(m->retired, true);
	if (!mutex_lock_killable(&m->call_lock)) {
		kw_entry_free_engine(m);
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
		     const struct kw_load_opts *opts, u32 *id, struct kw_status *st)
{
	struct kw_entry *m;
	int ret;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_registry_mutex);
	ret = kw_registry_may_add(name, st);
	mutex_unlock(&kw_registry_mutex);
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

	ret = kw_inst_create(m, bytes, len, opts, st);
	if (ret)
		goto fail;

	mutex_lock(&kw_registry_mutex);
	ret = kw_registry_may_add(name, st);
	if (!ret) {
		m->id = kw_registry_next_id++;
		if (!kw_registry_next_id)
			kw_registry_next_id = 1;
		list_add_tail(&m->node, &kw_registry_list);
		kw_registry_len++;
		*id = m->id;
	}
	mutex_unlock(&kw_registry_mutex);
	if (ret)
		goto retire;
	return 0;

retire:
	kw_dp_unpublish(m);
	kw_entry_retire(m);
fail:
	/* A buried importer must not pin its targets until the reaping. */
	kw_link_drop_targets(m);
	kw_entry_put(m);
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
int kw_registry_unload(const char *name, u32 id, struct kw_status *st)
{
	struct kw_entry *m;
	int ret = 0;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_registry_mutex);
	m = kw_registry_find(name);
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
		kw_registry_len--;
	} else {
		scnprintf(st->msg, sizeof(st->msg), "no module named %s", name);
		ret = -ENOENT;
	}
	mutex_unlock(&kw_registry_mutex);
	if (ret)
		return ret;

	/* The list's reference is ours now. */
	kw_dp_unpublish(m);
	kw_entry_retire(m);
	kw_entry_put(m);
	return 0;
}

/**
 * kw_registry_get() - look a module up by name
 * @name: its name
 *
 * Return: the module with a reference (release with kw_entry_put()), or NULL.
 */
struct kw_entry *kw_registry_get(const char *name)
{
	struct kw_entry *m;

	mutex_lock(&kw_registry_mutex);
	m = kw_registry_find(name);
	if (m)
		kref_get(&m->ref);
	mutex_unlock(&kw_registry_mutex);
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
struct kw_entry *kw_registry_attach_get(const char *name, struct kw_status *st)
{
	struct kw_entry *m;

	memset(st, 0, sizeof(*st));
	mutex_lock(&kw_registry_mutex);
	m = kw_registry_find(name);
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
	mutex_unlock(&kw_registry_mutex);
	return m;
}

/**
 * kw_registry_attach_put() - undo kw_registry_attach_get()
 * @m: the module
 */
void kw_registry_attach_put(struct kw_entry *m)
{
	mutex_lock(&kw_registry_mutex);
	m->attached--;
	mutex_unlock(&kw_registry_mutex);
	kw_entry_put(m);
}

/**
 * kw_registry_count() - number of loaded modules
 *
 * Return: the count.
 */
u32 kw_registry_count(void)
{
	u32 n;

	mutex_lock(&kw_registry_mutex);
	n = kw_registry_len;
	mutex_unlock(&kw_registry_mutex);
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
			 int (*fn)(struct kw_entry *m, void *arg), void *arg)
{
	struct kw_entry *m;
	int ret = name ? -ENOENT : 0;

	mutex_lock(&kw_registry_mutex);
	list_for_each_entry(m, &kw_registry_list, node) {
		if (name ? strcmp(m->name, name) != 0 : m->id <= after_id)
			continue;
		ret = fn(m, arg);
		if (ret || name)
			break;
	}
	mutex_unlock(&kw_registry_mutex);
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
	struct kw_entry *m, *tmp;
	LIST_HEAD(dead);

	mutex_lock(&kw_registry_mutex);
	list_splice_init(&kw_registry_list, &dead);
	kw_registry_len = 0;
	mutex_unlock(&kw_registry_mutex);
	/* No data path is attached any more: drop every handle at once. */
	kw_dp_uninit();
	/* Newest first: importers drop their references to older targets. */
	list_for_each_entry_safe_reverse(m, tmp, &dead, node) {
		list_del_init(&m->node);
		WARN_ON_ONCE(kref_read(&m->ref) != 1);
		kw_entry_put(m);
	}
	kw_link_uninit();
}
