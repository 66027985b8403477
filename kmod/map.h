/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: per-module key-value maps, shared by every instance of a
 * module and by userspace (KWASM_CMD_MAP_*).
 *
 * All entries are allocated when the module is loaded, so the data path
 * never allocates.  Each map has its own spinlock, taken with bottom
 * halves disabled: guests on the data path and netlink both use them.
 */
#ifndef KW_MAP_H
#define KW_MAP_H

#include <linux/types.h>

struct kw_maps;
struct sk_buff;

struct kw_maps *kw_maps_new(u32 entries);
void kw_maps_free(struct kw_maps *maps);

int kw_map_get(struct kw_maps *maps, u32 map, const void *key, u32 klen, void *val, u32 vcap);
int kw_map_set(struct kw_maps *maps, u32 map, const void *key, u32 klen, const void *val,
	       u32 vlen);
int kw_map_del(struct kw_maps *maps, u32 map, const void *key, u32 klen);
int kw_map_add(struct kw_maps *maps, u32 map, const void *key, u32 klen, s64 delta, s64 *out);

/**
 * typedef kw_map_visit_fn - called for each entry by kw_map_walk()
 * @arg: the walker's argument
 * @map: the map index
 * @key: the key
 * @klen: its length
 * @val: the value
 * @vlen: its length
 *
 * Runs under the map's spinlock: must not sleep.
 * Return: 0 to go on, nonzero to stop at this entry.
 */
typedef int (*kw_map_visit_fn)(void *arg, u32 map, const u8 *key, u32 klen, const u8 *val,
			       u32 vlen);
int kw_map_walk(struct kw_maps *maps, u32 map, u64 *pos, kw_map_visit_fn fn, void *arg);

#endif /* KW_MAP_H */
