// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: linking registry entries and the graveyard.
 *
 * Owns the link mutex, the targets and importers counts of linked
 * entries, import resolution through a LOAD's import mapping and the
 * graveyard of unloaded linked entries (registry.h says why they wait
 * there).  The link mutex is taken before an entry's call mutex and
 * never inside the registry mutex.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "link.h"
#include "registry.h"

/* See registry.h: serialises linked calls and instantiations. */
static DEFINE_MUTEX(kw_link_lock);
static u32 kw_link_live;		/* listed linked modules, under kw_link_lock */
static LIST_HEAD(kw_graveyard);		/* kw_entry.grave, under kw_link_lock */
static u32 kw_grave_count;		/* written under kw_link_lock, read anywhere */

/*
 * Bury @m with a reference: a surviving table may reach its functions, and
 * they its host functions, maps and name, so all of @m stays.
 */
static void kw_link_bury(struct kw_entry *m)
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
	struct kw_entry *m, *tmp;

	list_for_each_entry_safe(m, tmp, dead, grave) {
		list_del_init(&m->grave);
		kw_entry_put(m);
	}
}

/**
 * kw_link_drop_targets() - drop @m's hold on the modules it imports from
 * @m: the entry
 */
void kw_link_drop_targets(struct kw_entry *m)
{
	u32 i;

	kw_registry_lock();
	for (i = 0; i < m->ntargets; i++)
		m->targets[i]->importers--;
	kw_registry_unlock();
	for (i = 0; i < m->ntargets; i++)
		kw_entry_put(m->targets[i]);
	kvfree(m->targets);
	m->targets = NULL;
	m->ntargets = 0;
}

/*
 * Find, reference and pin (importers++) the loaded module @to.  A
 * data-path module's instances run on the data path with a per-CPU busy
 * flag that linked calls would bypass: it cannot be a target.
 */
static struct kw_entry *kw_link_pin(struct kw_entry *m, const char *to, struct kw_status *st)
{
	struct kw_entry *t;
	u32 i;

	for (i = 0; i < m->ntargets; i++)
		if (!strcmp(m->targets[i]->name, to))
			return m->targets[i];
	kw_registry_lock();
	t = kw_registry_find(to);
	if (t && t->dp) {
		scnprintf(st->msg, sizeof(st->msg),
			  "module %s is a data-path module: modules cannot import from it", to);
		t = ERR_PTR(-EINVAL);
	} else if (t) {
		kref_get(&t->ref);
		t->importers++;
		m->targets[m->ntargets++] = t;
	}
	kw_registry_unlock();
	return t;
}

/**
 * kw_link_resolve() - resolve @m's imports for its instantiation
 * @m: the entry, loaded but not yet listed
 * @maps: the LOAD's import mapping
 * @nmaps: its number of entries
 * @ext: one extern per import, filled
 * @st: why it failed, on failure
 *
 * Resolves every import through @maps to an export of a loaded module.
 * Pinned targets cannot be unloaded, so their instances stay valid.
 *
 * Return: 0 or a negative errno.
 */
int kw_link_resolve(struct kw_entry *m, const struct kw_import_map *maps, u32 nmaps,
		    struct kw_extern *ext, struct kw_status *st)
{
	u32 n = kw_module_import_count(m->mod), i, j;
	struct kw_import_desc d;
	struct kw_entry *t;

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
			kw_inst_import_msg(st, ret == -ENOENT ? "unknown import" :
					   "incompatible import type for", &d);
			return ret;
		}
		for (j = 0; j < nmaps; j++)
			if (maps[j].from_len == d.module_len &&
			    !memcmp(maps[j].from, d.module, d.module_len))
				break;
		t = j < nmaps ? kw_link_pin(m, maps[j].to, st) : NULL;
		if (IS_ERR(t)) {
			st->status = KW_ELINK;
			return PTR_ERR(t);
		}
		if (!t || !t->inst ||
		    kw_instance_export(t->inst, d.name, d.name_len, &ext[i])) {
			st->status = KW_ELINK;
			kw_inst_import_msg(st, "unknown import", &d);
			return -ENOENT;
		}
		if (ext[i].kind != d.kind) {
			st->status = KW_ELINK;
			kw_inst_import_msg(st, "incompatible import type for", &d);
			return -EINVAL;
		}
	}
	return 0;
}

/* Make @m and its targets linked, waiting out unlinked calls in flight. */
static void kw_link_mark(struct kw_entry *m)
{
	u32 i;

	lockdep_assert_held(&kw_link_lock);
	m->linked = true;
	for (i = 0; i < m->ntargets; i++) {
		struct kw_entry *t = m->targets[i];

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
 * kw_link_grave_count() - entries waiting in the graveyard
 *
 * Return: their number; they count against max_modules.
 */
u32 kw_link_grave_count(void)
{
	return READ_ONCE(kw_grave_count);
}

/**
 * kw_link_inst_begin() - take the link mutex for a linked instantiation
 * @m: the entry, with its targets pinned
 *
 * Makes @m and its targets linked.  Undo with kw_link_inst_end().
 */
void kw_link_inst_begin(struct kw_entry *m)
{
	mutex_lock(&kw_link_lock);
	kw_link_mark(m);
}

/**
 * kw_link_inst_end() - account for a linked instantiation, drop the link mutex
 * @m: the entry
 * @ret: what kw_instance_new() returned
 */
void kw_link_inst_end(struct kw_entry *m, int ret)
{
	if (ret) {
		/* A trapped instance may already sit in an imported table. */
		m->retired = true;
		kw_link_bury(m);
	}
	if (!ret)
		kw_link_live++;
	mutex_unlock(&kw_link_lock);
}

/**
 * kw_link_call_begin() - take the link mutex for a call into a linked entry
 *
 * Return: 0, or -EINTR if a signal interrupted the wait.
 */
int kw_link_call_begin(void)
{
	return mutex_lock_interruptible(&kw_link_lock) ? -EINTR : 0;
}

/**
 * kw_link_call_end() - undo kw_link_call_begin()
 */
void kw_link_call_end(void)
{
	mutex_unlock(&kw_link_lock);
}

/**
 * kw_link_retire() - retire an unlisted linked entry to the graveyard
 * @m: the entry; its engine objects stay, reachable from surviving tables
 */
void kw_link_retire(struct kw_entry *m)
{
	LIST_HEAD(dead);

	mutex_lock(&kw_link_lock);
	mutex_lock(&m->call_lock);
	WRITE_ONCE(m->retired, true);
	mutex_unlock(&m->call_lock);
	kw_link_bury(m);
	kw_link_live--;
	kw_link_reap(&dead);
	mutex_unlock(&kw_link_lock);
	/* Its targets may go now: they are buried too if unloaded. */
	kw_link_drop_targets(m);
	kw_link_put_dead(&dead);
}

/**
 * kw_link_uninit() - empty the graveyard
 *
 * Called once every listed entry is gone: no linked module is left.
 */
void kw_link_uninit(void)
{
	LIST_HEAD(graves);

	mutex_lock(&kw_link_lock);
	kw_link_live = 0;
	kw_link_reap(&graves);
	mutex_unlock(&kw_link_lock);
	kw_link_put_dead(&graves);
}
