// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The guest ABI's maps for `kwasm run`: a fixed array of entries per map,
 * searched linearly (a few hundred entries, one process), with the same
 * limits and return codes as the kernel's.
 */
#include <stdlib.h>
#include <string.h>

#include "abi_map.h"
#include "mapval.h"

/**
 * abi_maps_init() - allocate every map's entries up front, like the kernel
 * @m: the maps
 * @entries: entries per map, at least 1
 *
 * Return: 0, or -1 if out of memory.
 */
int abi_maps_init(struct abi_maps *m, u32 entries)
{
	u32 i;

	memset(m, 0, sizeof(*m));
	m->entries = entries;
	for (i = 0; i < KWASM_MAPS; i++) {
		m->map[i] = calloc(entries, sizeof(*m->map[i]));
		if (!m->map[i]) {
			abi_maps_free(m);
			return -1;
		}
	}
	return 0;
}

/**
 * abi_maps_free() - free the entries
 * @m: the maps (initialised or zeroed)
 */
void abi_maps_free(struct abi_maps *m)
{
	u32 i;

	for (i = 0; i < KWASM_MAPS; i++) {
		free(m->map[i]);
		m->map[i] = NULL;
	}
}

static bool bad_key(const struct abi_maps *m, u32 map, u32 klen)
{
	return map >= KWASM_MAPS || !m->map[map] || klen < 1 || klen > KWASM_MAP_KEY_MAX;
}

static struct abi_map_entry *find(struct abi_maps *m, u32 map, const u8 *key, u32 klen)
{
	struct abi_map_entry *e = m->map[map];
	u32 i;

	for (i = 0; i < m->entries; i++)
		if (e[i].klen == klen && !memcmp(e[i].key, key, klen))
			return &e[i];
	return NULL;
}

/* The entry for @key; NULL with @err KWASM_MAP_BAD or KWASM_MAP_ABSENT. */
static struct abi_map_entry *find_key(struct abi_maps *m, u32 map, const u8 *key, u32 klen,
				      int *err)
{
	struct abi_map_entry *e;

	if (bad_key(m, map, klen)) {
		*err = KWASM_MAP_BAD;
		return NULL;
	}
	e = find(m, map, key, klen);
	if (!e)
		*err = KWASM_MAP_ABSENT;
	return e;
}

/* The entry for @key, or a free one with the key set; NULL when full. */
static struct abi_map_entry *find_or_new(struct abi_maps *m, u32 map, const u8 *key,
					 u32 klen)
{
	struct abi_map_entry *e = find(m, map, key, klen);
	u32 i;

	if (e)
		return e;
	for (i = 0; i < m->entries; i++) {
		e = &m->map[map][i];
		if (!e->klen) {
			memcpy(e->key, key, klen);
			e->klen = klen;
			e->vlen = 0;
			return e;
		}
	}
	return NULL;
}

/**
 * abi_map_get() - kwasm.map_get
 * @m: the maps
 * @map: map number
 * @key: the key
 * @klen: its length, 1..KWASM_MAP_KEY_MAX
 * @val: where the value goes
 * @vcap: room in @val; a longer value is cut to it
 *
 * Return: the value's full length, -1 if absent, -2 for a bad map or key.
 */
int abi_map_get(struct abi_maps *m, u32 map, const u8 *key, u32 klen, u8 *val, u32 vcap)
{
	int err;
	struct abi_map_entry *e = find_key(m, map, key, klen, &err);

	if (!e)
		return err;
	memcpy(val, e->val, e->vlen < vcap ? e->vlen : vcap);
	return e->vlen;
}

/**
 * abi_map_set() - kwasm.map_set
 * @m: the maps
 * @map: map number
 * @key: the key
 * @klen: its length, 1..KWASM_MAP_KEY_MAX
 * @val: the value
 * @vlen: its length, 0..KWASM_MAP_VALUE_MAX
 *
 * Return: 0, -1 if the map is full, -2 for a bad map, key or value.
 */
int abi_map_set(struct abi_maps *m, u32 map, const u8 *key, u32 klen, const u8 *val,
		u32 vlen)
{
	struct abi_map_entry *e;

	if (bad_key(m, map, klen) || vlen > KWASM_MAP_VALUE_MAX)
		return KWASM_MAP_BAD;
	e = find_or_new(m, map, key, klen);
	if (!e)
		return KWASM_MAP_FULL;
	memcpy(e->val, val, vlen);
	e->vlen = vlen;
	return 0;
}

/**
 * abi_map_del() - kwasm.map_del
 * @m: the maps
 * @map: map number
 * @key: the key
 * @klen: its length
 *
 * Return: 0, -1 if absent, -2 for a bad map or key.
 */
int abi_map_del(struct abi_maps *m, u32 map, const u8 *key, u32 klen)
{
	int err;
	struct abi_map_entry *e = find_key(m, map, key, klen, &err);

	if (!e)
		return err;
	e->klen = 0;
	return 0;
}

/**
 * abi_map_add() - kwasm.map_add: add to an 8-byte little-endian counter
 * @m: the maps
 * @map: map number
 * @key: the key
 * @klen: its length
 * @delta: what to add (wrapping)
 *
 * An absent key starts at 0; as in the kernel, a shorter value is
 * zero-extended and a longer one cut to its first 8 bytes.
 *
 * Return: the new value, or -1 if the map is full or the arguments are
 * bad (the same -1 as a counter at -1).
 */
s64 abi_map_add(struct abi_maps *m, u32 map, const u8 *key, u32 klen, s64 delta)
{
	struct abi_map_entry *e;
	u64 v = 0;
	int i;

	if (bad_key(m, map, klen))
		return -1;
	e = find_or_new(m, map, key, klen);
	if (!e)
		return -1;
	for (i = 0; i < e->vlen && i < 8; i++)
		v |= (u64)e->val[i] << (8 * i);
	v += (u64)delta;
	for (i = 0; i < 8; i++)
		e->val[i] = v >> (8 * i);
	e->vlen = 8;
	return (s64)v;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct abi_map_entry *x = *(const struct abi_map_entry * const *)a;
	const struct abi_map_entry *y = *(const struct abi_map_entry * const *)b;
	int c = memcmp(x->key, y->key, x->klen < y->klen ? x->klen : y->klen);

	return c ? c : x->klen - y->klen;
}

/**
 * abi_maps_dump() - print every entry as "map N KEY VALUE", sorted by map
 *	and key, in mapval_format() syntax
 * @m: the maps
 * @f: the stream
 */
void abi_maps_dump(const struct abi_maps *m, FILE *f)
{
	char key[MAPVAL_TEXT_MAX], val[MAPVAL_TEXT_MAX];
	const struct abi_map_entry **sorted;
	u32 i, j, n;

	sorted = calloc(m->entries ? m->entries : 1, sizeof(*sorted));
	if (!sorted) {
		fprintf(stderr, "kwasm: out of memory\n");
		return;
	}
	for (i = 0; i < KWASM_MAPS; i++) {
		n = 0;
		for (j = 0; m->map[i] && j < m->entries; j++)
			if (m->map[i][j].klen)
				sorted[n++] = &m->map[i][j];
		qsort(sorted, n, sizeof(*sorted), entry_cmp);
		for (j = 0; j < n; j++) {
			mapval_format(sorted[j]->key, sorted[j]->klen, key, sizeof(key));
			mapval_format(sorted[j]->val, sorted[j]->vlen, val, sizeof(val));
			fprintf(f, "map %u %s %s\n", i, key, val);
		}
	}
	free(sorted);
}
