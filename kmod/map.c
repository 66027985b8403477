// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: per-module key-value maps (see map.h).
 *
 * A map is a small chained hash table over a preallocated entry array;
 * free entries wait on a free list.  Keys and values are byte strings of
 * at most KWASM_MAP_KEY_MAX and KWASM_MAP_VALUE_MAX bytes.
 */
#include <linux/errno.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/kwasm.h>

#include "map.h"

#define KW_MAP_BUCKETS	256

struct kw_map_ent {
	struct hlist_node node;
	u8 klen;
	u8 vlen;
	u8 key[KWASM_MAP_KEY_MAX];
	u8 val[KWASM_MAP_VALUE_MAX];
};

struct kw_map {
	spinlock_t lock;	/* guards the buckets, the free list and the entries */
	struct hlist_head buckets[KW_MAP_BUCKETS];
	struct hlist_head free;
	struct kw_map_ent *ents;
};

struct kw_maps {
	struct kw_map map[KWASM_MAPS];
};

/**
 * kw_maps_new() - allocate a module's maps
 * @entries: entries per map
 *
 * Context: process context, may sleep.
 * Return: the maps or NULL.
 */
struct kw_maps *kw_maps_new(u32 entries)
{
	struct kw_maps *maps = kzalloc(sizeof(*maps), GFP_KERNEL);
	u32 i, j;

	if (!maps)
		return NULL;
	for (i = 0; i < KWASM_MAPS; i++) {
		struct kw_map *mp = &maps->map[i];

		spin_lock_init(&mp->lock);
		mp->ents = kvcalloc(entries, sizeof(*mp->ents), GFP_KERNEL);
		if (!mp->ents) {
			kw_maps_free(maps);
			return NULL;
		}
		for (j = 0; j < entries; j++)
			hlist_add_head(&mp->ents[j].node, &mp->free);
	}
	return maps;
}

/**
 * kw_maps_free() - free a module's maps
 * @maps: the maps, or NULL
 */
void kw_maps_free(struct kw_maps *maps)
{
	u32 i;

	if (!maps)
		return;
	for (i = 0; i < KWASM_MAPS; i++)
		kvfree(maps->map[i].ents);
	kfree(maps);
}

static struct kw_map *kw_map_pick(struct kw_maps *maps, u32 map, u32 klen)
{
	if (!maps || map >= KWASM_MAPS || !klen || klen > KWASM_MAP_KEY_MAX)
		return NULL;
	return &maps->map[map];
}

static struct hlist_head *kw_map_bucket(struct kw_map *mp, const void *key, u32 klen)
{
	return &mp->buckets[jhash(key, klen, 0) % KW_MAP_BUCKETS];
}

static struct kw_map_ent *kw_map_lookup(struct kw_map *mp, const void *key, u32 klen)
{
	struct kw_map_ent *e;

	hlist_for_each_entry(e, kw_map_bucket(mp, key, klen), node)
		if (e->klen == klen && !memcmp(e->key, key, klen))
			return e;
	return NULL;
}

/* Find @key or insert it with an empty value; NULL when the map is full. */
static struct kw_map_ent *kw_map_upsert(struct kw_map *mp, const void *key, u32 klen)
{
	struct kw_map_ent *e = kw_map_lookup(mp, key, klen);

	if (e || hlist_empty(&mp->free))
		return e;
	e = hlist_entry(mp->free.first, struct kw_map_ent, node);
	hlist_del(&e->node);
	e->klen = klen;
	memcpy(e->key, key, klen);
	e->vlen = 0;
	hlist_add_head(&e->node, kw_map_bucket(mp, key, klen));
	return e;
}

/**
 * kw_map_get() - read a value
 * @maps: the module's maps, or NULL
 * @map: map index
 * @key: the key
 * @klen: its length
 * @val: where the value goes
 * @vcap: room at @val; a longer value is truncated
 *
 * Context: any; takes the map's spinlock with bottom halves disabled.
 * Return: the value's full length, -ENOENT if absent, -EINVAL for a bad
 * map index or key length.
 */
int kw_map_get(struct kw_maps *maps, u32 map, const void *key, u32 klen, void *val, u32 vcap)
{
	struct kw_map *mp = kw_map_pick(maps, map, klen);
	struct kw_map_ent *e;
	int ret = -ENOENT;

	if (!mp)
		return -EINVAL;
	spin_lock_bh(&mp->lock);
	e = kw_map_lookup(mp, key, klen);
	if (e) {
		memcpy(val, e->val, min_t(u32, vcap, e->vlen));
		ret = e->vlen;
	}
	spin_unlock_bh(&mp->lock);
	return ret;
}

/**
 * kw_map_set() - insert or replace a value
 * @maps: the module's maps, or NULL
 * @map: map index
 * @key: the key
 * @klen: its length
 * @val: the value
 * @vlen: its length
 *
 * Context: any; takes the map's spinlock with bottom halves disabled.
 * Return: 0, -ENOSPC when the map is full, -EINVAL for bad arguments.
 */
int kw_map_set(struct kw_maps *maps, u32 map, const void *key, u32 klen, const void *val,
	       u32 vlen)
{
	struct kw_map *mp = kw_map_pick(maps, map, klen);
	struct kw_map_ent *e;

	if (!mp || vlen > KWASM_MAP_VALUE_MAX)
		return -EINVAL;
	spin_lock_bh(&mp->lock);
	e = kw_map_upsert(mp, key, klen);
	if (e) {
		memcpy(e->val, val, vlen);
		e->vlen = vlen;
	}
	spin_unlock_bh(&mp->lock);
	return e ? 0 : -ENOSPC;
}

/**
 * kw_map_del() - remove a key
 * @maps: the module's maps, or NULL
 * @map: map index
 * @key: the key
 * @klen: its length
 *
 * Context: any; takes the map's spinlock with bottom halves disabled.
 * Return: 0, -ENOENT if absent, -EINVAL for bad arguments.
 */
int kw_map_del(struct kw_maps *maps, u32 map, const void *key, u32 klen)
{
	struct kw_map *mp = kw_map_pick(maps, map, klen);
	struct kw_map_ent *e;

	if (!mp)
		return -EINVAL;
	spin_lock_bh(&mp->lock);
	e = kw_map_lookup(mp, key, klen);
	if (e) {
		hlist_del(&e->node);
		hlist_add_head(&e->node, &mp->free);
	}
	spin_unlock_bh(&mp->lock);
	return e ? 0 : -ENOENT;
}

/**
 * kw_map_add() - add to an 8-byte little-endian counter
 * @maps: the module's maps, or NULL
 * @map: map index
 * @key: the key
 * @klen: its length
 * @delta: what to add; the counter wraps
 * @out: the new value
 *
 * An absent key starts at 0; a shorter value is zero-extended first.
 *
 * Context: any; takes the map's spinlock with bottom halves disabled.
 * Return: 0, -ENOSPC when the map is full, -EINVAL for bad arguments.
 */
int kw_map_add(struct kw_maps *maps, u32 map, const void *key, u32 klen, s64 delta, s64 *out)
{
	struct kw_map *mp = kw_map_pick(maps, map, klen);
	struct kw_map_ent *e;
	__le64 v = 0;

	if (!mp)
		return -EINVAL;
	spin_lock_bh(&mp->lock);
	e = kw_map_upsert(mp, key, klen);
	if (e) {
		memcpy(&v, e->val, min_t(u32, e->vlen, sizeof(v)));
		v = cpu_to_le64(le64_to_cpu(v) + (u64)delta);
		memcpy(e->val, &v, sizeof(v));
		e->vlen = sizeof(v);
		*out = (s64)le64_to_cpu(v);
	}
	spin_unlock_bh(&mp->lock);
	return e ? 0 : -ENOSPC;
}

/**
 * kw_map_walk() - visit the entries of a map, resumably
 * @maps: the module's maps
 * @map: map index
 * @pos: in/out: where to resume (0 to start); opaque to the caller
 * @fn: called for each entry under the map's lock
 * @arg: handed to @fn
 *
 * When @fn returns nonzero the walk stops and *@pos points at that entry,
 * so the next walk starts with it again (a netlink dump whose message is
 * full).  Entries added or removed between walks may be missed or seen
 * twice, as with any netlink dump.
 *
 * Return: 0 when the map is done, 1 when @fn stopped the walk, -EINVAL.
 */
int kw_map_walk(struct kw_maps *maps, u32 map, u64 *pos, kw_map_visit_fn fn, void *arg)
{
	struct kw_map *mp;
	struct kw_map_ent *e;
	u32 b = *pos >> 32, skip = (u32)*pos, n;
	int ret = 0;

	if (!maps || map >= KWASM_MAPS)
		return -EINVAL;
	mp = &maps->map[map];
	spin_lock_bh(&mp->lock);
	for (; b < KW_MAP_BUCKETS && !ret; b++, skip = 0) {
		n = 0;
		hlist_for_each_entry(e, &mp->buckets[b], node) {
			if (n++ < skip)
				continue;
			if (fn(arg, map, e->key, e->klen, e->val, e->vlen)) {
				*pos = ((u64)b << 32) | (n - 1);
				ret = 1;
				break;
			}
		}
	}
	spin_unlock_bh(&mp->lock);
	if (!ret)
		*pos = (u64)KW_MAP_BUCKETS << 32;
	return ret;
}
