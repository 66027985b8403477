// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tests of the kernel's map table (kmod/map.c), compiled in userspace
 * against tests/unit/kshim.  Prints "N passed, N failed" last.
 */
#include <stdio.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/kwasm.h>

#include "check.h"
#include "map.h"

unsigned long kshim_allocs, kshim_fail_at;
long kshim_live;
int kshim_lock_depth;
unsigned long kshim_locks;
u32 kshim_hash_mask = ~0u;

void *kshim_alloc(size_t n)
{
	void *p;

	if (++kshim_allocs == kshim_fail_at)
		return NULL;
	p = calloc(1, n);
	if (p)
		kshim_live++;
	return p;
}

void kshim_free(const void *p)
{
	if (!p)
		return;
	kshim_live--;
	free((void *)p);
}

#define ENTRIES 16

/* A distinct key for each @i, @len bytes long (len >= 4). */
static void key_of(u8 *k, u32 i, u32 len)
{
	memset(k, 0x5a, len);
	memcpy(k, &i, sizeof(i));
}

static void test_basic(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	u8 v[KWASM_MAP_VALUE_MAX + 8];

	CHECK(m);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == -ENOENT);
	CHECK(kw_map_set(m, 0, "k", 1, "hello", 5) == 0);
	memset(v, 0, sizeof(v));
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 5 && !memcmp(v, "hello", 5));
	/* An update replaces the value, shorter or longer, in place. */
	CHECK(kw_map_set(m, 0, "k", 1, "hi", 2) == 0);
	memset(v, 0, sizeof(v));
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 2 && !memcmp(v, "hi\0", 3));
	CHECK(kw_map_set(m, 0, "k", 1, "longer!", 7) == 0);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 7 && !memcmp(v, "longer!", 7));
	/* A short buffer gets the head of the value and the full length. */
	memset(v, '-', sizeof(v));
	CHECK(kw_map_get(m, 0, "k", 1, v, 3) == 7 && !memcmp(v, "lon-", 4));
	CHECK(kw_map_get(m, 0, "k", 1, v, 0) == 7 && v[0] == 'l');
	/* An empty value is a value. */
	CHECK(kw_map_set(m, 0, "e", 1, "", 0) == 0);
	CHECK(kw_map_get(m, 0, "e", 1, v, sizeof(v)) == 0);
	/* Keys that share a prefix are different keys; so are the maps. */
	CHECK(kw_map_get(m, 0, "kk", 2, v, sizeof(v)) == -ENOENT);
	CHECK(kw_map_set(m, 0, "kk", 2, "2", 1) == 0);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 7);
	CHECK(kw_map_get(m, 1, "k", 1, v, sizeof(v)) == -ENOENT);
	CHECK(kw_map_set(m, KWASM_MAPS - 1, "k", 1, "last", 4) == 0);
	CHECK(kw_map_get(m, KWASM_MAPS - 1, "k", 1, v, sizeof(v)) == 4);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 7 && !memcmp(v, "longer!", 7));
	/* Delete, then absent; deleting again is -ENOENT. */
	CHECK(kw_map_del(m, 0, "k", 1) == 0);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == -ENOENT);
	CHECK(kw_map_del(m, 0, "k", 1) == -ENOENT);
	CHECK(kw_map_get(m, 0, "kk", 2, v, sizeof(v)) == 1 && v[0] == '2');
	CHECK(kw_map_set(m, 0, "k", 1, "back", 4) == 0);
	CHECK(kw_map_get(m, 0, "k", 1, v, sizeof(v)) == 4 && !memcmp(v, "back", 4));
	CHECK(kshim_lock_depth == 0);
	kw_maps_free(m);
}

static void test_limits(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	u8 k[KWASM_MAP_KEY_MAX + 1], v[KWASM_MAP_VALUE_MAX + 1], got[KWASM_MAP_VALUE_MAX + 1];
	s64 out = 0;
	u64 pos = 0;

	memset(k, 'k', sizeof(k));
	memset(v, 'v', sizeof(v));
	/* The largest key and value fit, whole. */
	CHECK(kw_map_set(m, 0, k, KWASM_MAP_KEY_MAX, v, KWASM_MAP_VALUE_MAX) == 0);
	memset(got, 0, sizeof(got));
	CHECK(kw_map_get(m, 0, k, KWASM_MAP_KEY_MAX, got, sizeof(got)) == KWASM_MAP_VALUE_MAX);
	CHECK(!memcmp(got, v, KWASM_MAP_VALUE_MAX) && got[KWASM_MAP_VALUE_MAX] == 0);
	CHECK(kw_map_del(m, 0, k, KWASM_MAP_KEY_MAX) == 0);
	/* One byte more, an empty key or a map past the last: -EINVAL. */
	CHECK(kw_map_set(m, 0, k, KWASM_MAP_KEY_MAX + 1, v, 1) == -EINVAL);
	CHECK(kw_map_set(m, 0, k, 1, v, KWASM_MAP_VALUE_MAX + 1) == -EINVAL);
	CHECK(kw_map_get(m, 0, k, 1, got, sizeof(got)) == -ENOENT);
	CHECK(kw_map_set(m, 0, k, 0, v, 1) == -EINVAL);
	CHECK(kw_map_set(m, KWASM_MAPS, k, 1, v, 1) == -EINVAL);
	CHECK(kw_map_set(m, ~0u, k, 1, v, 1) == -EINVAL);
	CHECK(kw_map_get(m, 0, k, KWASM_MAP_KEY_MAX + 1, got, sizeof(got)) == -EINVAL);
	CHECK(kw_map_get(m, 0, k, 0, got, sizeof(got)) == -EINVAL);
	CHECK(kw_map_get(m, KWASM_MAPS, k, 1, got, sizeof(got)) == -EINVAL);
	CHECK(kw_map_del(m, 0, k, KWASM_MAP_KEY_MAX + 1) == -EINVAL);
	CHECK(kw_map_del(m, 0, k, 0) == -EINVAL);
	CHECK(kw_map_del(m, KWASM_MAPS, k, 1) == -EINVAL);
	CHECK(kw_map_add(m, 0, k, KWASM_MAP_KEY_MAX + 1, 1, &out) == -EINVAL);
	CHECK(kw_map_add(m, 0, k, 0, 1, &out) == -EINVAL);
	CHECK(kw_map_add(m, KWASM_MAPS, k, 1, 1, &out) == -EINVAL);
	CHECK(kw_map_walk(m, KWASM_MAPS, &pos, NULL, NULL) == -EINVAL);
	/* No maps at all (a module without them): -EINVAL, no crash. */
	CHECK(kw_map_set(NULL, 0, k, 1, v, 1) == -EINVAL);
	CHECK(kw_map_get(NULL, 0, k, 1, got, sizeof(got)) == -EINVAL);
	CHECK(kw_map_del(NULL, 0, k, 1) == -EINVAL);
	CHECK(kw_map_add(NULL, 0, k, 1, 1, &out) == -EINVAL);
	CHECK(kw_map_walk(NULL, 0, &pos, NULL, NULL) == -EINVAL);
	kw_maps_free(NULL);
	CHECK(kshim_lock_depth == 0);
	kw_maps_free(m);
}

/* Fill map 0 of @m with @n keys of @klen bytes, value = the index. */
static int fill(struct kw_maps *m, u32 n, u32 klen)
{
	u8 k[KWASM_MAP_KEY_MAX];
	u32 i;

	for (i = 0; i < n; i++) {
		key_of(k, i, klen);
		if (kw_map_set(m, 0, k, klen, &i, sizeof(i)))
			return -1;
	}
	return 0;
}

/* Whether map 0 of @m holds exactly keys 0..@n-1 of @klen, value = index. */
static bool holds(struct kw_maps *m, u32 n, u32 klen, u32 missing)
{
	u8 k[KWASM_MAP_KEY_MAX];
	u32 i, v;

	for (i = 0; i < n; i++) {
		key_of(k, i, klen);
		v = ~0u;
		if (i == missing) {
			if (kw_map_get(m, 0, k, klen, &v, sizeof(v)) != -ENOENT)
				return false;
		} else if (kw_map_get(m, 0, k, klen, &v, sizeof(v)) != sizeof(v) || v != i) {
			return false;
		}
	}
	return true;
}

static void test_full(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	u8 k[KWASM_MAP_KEY_MAX];
	u32 x = 7;
	s64 out = 0;

	CHECK(fill(m, ENTRIES, 4) == 0);
	CHECK(holds(m, ENTRIES, 4, ~0u));
	/* Full: a new key is refused, by set and by add, and leaves no trace. */
	key_of(k, ENTRIES, 4);
	CHECK(kw_map_set(m, 0, k, 4, &x, sizeof(x)) == -ENOSPC);
	CHECK(kw_map_add(m, 0, k, 4, 1, &out) == -ENOSPC);
	CHECK(kw_map_get(m, 0, k, 4, &x, sizeof(x)) == -ENOENT);
	/* ... but the keys already there still update. */
	key_of(k, 3, 4);
	x = 3;
	CHECK(kw_map_set(m, 0, k, 4, &x, sizeof(x)) == 0);
	CHECK(holds(m, ENTRIES, 4, ~0u));
	/* The other maps have entries of their own. */
	CHECK(kw_map_set(m, 1, k, 4, &x, sizeof(x)) == 0);
	/* A delete frees one entry for one new key. */
	key_of(k, 5, 4);
	CHECK(kw_map_del(m, 0, k, 4) == 0);
	CHECK(holds(m, ENTRIES, 4, 5));
	key_of(k, ENTRIES, 4);
	CHECK(kw_map_add(m, 0, k, 4, 1, &out) == 0 && out == 1);
	key_of(k, ENTRIES + 1, 4);
	CHECK(kw_map_set(m, 0, k, 4, &x, sizeof(x)) == -ENOSPC);
	/* Emptied and filled again: every entry comes back. */
	key_of(k, ENTRIES, 4);
	CHECK(kw_map_del(m, 0, k, 4) == 0);
	for (x = 0; x < ENTRIES; x++) {
		key_of(k, x, 4);
		CHECK(kw_map_del(m, 0, k, 4) == (x == 5 ? -ENOENT : 0));
	}
	CHECK(fill(m, ENTRIES, KWASM_MAP_KEY_MAX) == 0);
	CHECK(holds(m, ENTRIES, KWASM_MAP_KEY_MAX, ~0u));
	CHECK(kshim_lock_depth == 0);
	kw_maps_free(m);

	/* A map with no entries holds nothing. */
	m = kw_maps_new(0);
	CHECK(m);
	CHECK(kw_map_set(m, 0, "k", 1, "v", 1) == -ENOSPC);
	CHECK(kw_map_get(m, 0, "k", 1, &x, sizeof(x)) == -ENOENT);
	kw_maps_free(m);
}

/* Every key in one bucket: the chain must keep them apart. */
static void test_collisions(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	u8 k[KWASM_MAP_KEY_MAX];
	u32 i;

	kshim_hash_mask = 0;
	CHECK(fill(m, ENTRIES, 4) == 0);
	CHECK(holds(m, ENTRIES, 4, ~0u));
	/* Delete from the middle, the head and the tail of the chain. */
	for (i = 0; i < ENTRIES; i++) {
		if (i != 0 && i != ENTRIES / 2 && i != ENTRIES - 1)
			continue;
		key_of(k, i, 4);
		CHECK(kw_map_del(m, 0, k, 4) == 0);
		CHECK(holds(m, ENTRIES, 4, i));
		CHECK(kw_map_set(m, 0, k, 4, &i, sizeof(i)) == 0);
		CHECK(holds(m, ENTRIES, 4, ~0u));
	}
	/* The same bytes, one shorter, are another key. */
	key_of(k, 1, 4);
	CHECK(kw_map_get(m, 0, k, 3, &i, sizeof(i)) == -ENOENT);
	kshim_hash_mask = ~0u;
	kw_maps_free(m);
}

static void test_add(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	u8 v[KWASM_MAP_VALUE_MAX];
	s64 out = 0;
	u64 le;

	/* Absent: starts at 0; the value is 8 little-endian bytes. */
	CHECK(kw_map_add(m, 0, "c", 1, 5, &out) == 0 && out == 5);
	CHECK(kw_map_add(m, 0, "c", 1, -7, &out) == 0 && out == -2);
	CHECK(kw_map_get(m, 0, "c", 1, v, sizeof(v)) == 8);
	memcpy(&le, v, 8);
	CHECK(le64toh(le) == (u64)-2);
	/* A shorter value is zero-extended; a longer one cut to 8 bytes. */
	CHECK(kw_map_set(m, 0, "s", 1, "\x01\x02", 2) == 0);
	CHECK(kw_map_add(m, 0, "s", 1, 0, &out) == 0 && out == 0x0201);
	CHECK(kw_map_get(m, 0, "s", 1, v, sizeof(v)) == 8);
	memset(v, 0xff, sizeof(v));
	CHECK(kw_map_set(m, 0, "l", 1, v, sizeof(v)) == 0);
	CHECK(kw_map_add(m, 0, "l", 1, 1, &out) == 0 && out == 0);
	CHECK(kw_map_get(m, 0, "l", 1, v, sizeof(v)) == 8);
	/* An empty value counts as 0. */
	CHECK(kw_map_set(m, 0, "e", 1, "", 0) == 0);
	CHECK(kw_map_add(m, 0, "e", 1, 3, &out) == 0 && out == 3);
	/* The counter wraps, both ways. */
	CHECK(kw_map_add(m, 0, "w", 1, INT64_MAX, &out) == 0 && out == INT64_MAX);
	CHECK(kw_map_add(m, 0, "w", 1, 1, &out) == 0 && out == INT64_MIN);
	CHECK(kw_map_add(m, 0, "w", 1, -1, &out) == 0 && out == INT64_MAX);
	CHECK(kshim_lock_depth == 0);
	kw_maps_free(m);
}

struct walk {
	u32 seen[ENTRIES];
	u32 calls;
	u32 stop_every;	/* stop (without taking the entry) every Nth call; 0: never */
	bool locked;	/* every call ran under the lock */
};

static int visit(void *arg, u32 map, const u8 *key, u32 klen, const u8 *val, u32 vlen)
{
	struct walk *w = arg;
	u32 i;

	w->locked &= kshim_lock_depth == 1;
	if (w->stop_every && ++w->calls % w->stop_every == 0)
		return 1;
	memcpy(&i, val, sizeof(i));
	if (map == 0 && klen == 4 && vlen == sizeof(i) && i < ENTRIES)
		w->seen[i]++;
	return 0;
}

/* Walk map 0 to the end, resuming after each stop; the number of walks. */
static int walk_all(struct kw_maps *m, struct walk *w)
{
	u64 pos = 0;
	int walks = 0, ret;

	do {
		ret = kw_map_walk(m, 0, &pos, visit, w);
		walks++;
	} while (ret == 1 && walks < 1000);
	return ret == 0 ? walks : -1;
}

static bool seen_once(const struct walk *w, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (w->seen[i] != 1)
			return false;
	return true;
}

static void test_walk(void)
{
	struct kw_maps *m = kw_maps_new(ENTRIES);
	struct walk w = { .locked = true };
	u64 pos = 0;
	int spread;

	/* Empty: done at once, and done stays done. */
	CHECK(kw_map_walk(m, 0, &pos, visit, &w) == 0 && w.calls == 0);
	CHECK(kw_map_walk(m, 0, &pos, visit, &w) == 0 && w.calls == 0);
	kw_maps_free(m);
	/* All in one bucket, then spread: each entry once, resumed or not. */
	for (spread = 0; spread < 2; spread++) {
		kshim_hash_mask = spread ? ~0u : 0;
		m = kw_maps_new(ENTRIES);
		CHECK(fill(m, ENTRIES, 4) == 0);
		CHECK(kw_map_set(m, 1, "other", 5, "x", 1) == 0);
		memset(&w, 0, sizeof(w));
		w.locked = true;
		CHECK(walk_all(m, &w) == 1);
		CHECK(seen_once(&w, ENTRIES));
		memset(&w, 0, sizeof(w));
		w.locked = true;
		w.stop_every = 3;
		/* Two entries per walk. */
		CHECK(walk_all(m, &w) == ENTRIES / 2);
		CHECK(seen_once(&w, ENTRIES));
		CHECK(w.locked);
		/* Room for one entry per walk: still every entry, once. */
		memset(&w, 0, sizeof(w));
		w.stop_every = 2;
		CHECK(walk_all(m, &w) == ENTRIES);
		CHECK(seen_once(&w, ENTRIES));
		kw_maps_free(m);
	}
	kshim_hash_mask = ~0u;
	CHECK(kshim_lock_depth == 0);
}

/* Fail each allocation of kw_maps_new() in turn: NULL and no leak. */
static void test_alloc_failure(void)
{
	struct kw_maps *m;
	unsigned long n;

	for (n = 1; n < 100; n++) {
		kshim_allocs = 0;
		kshim_fail_at = n;
		m = kw_maps_new(ENTRIES);
		if (m) {
			kshim_fail_at = 0;
			CHECK(n == KWASM_MAPS + 2);
			CHECK(kw_map_set(m, 0, "k", 1, "v", 1) == 0);
			kw_maps_free(m);
			break;
		}
		CHECK(kshim_live == 0);
	}
	CHECK(n == KWASM_MAPS + 2);
	kshim_fail_at = 0;
}

int main(void)
{
	test_basic();
	test_limits();
	test_full();
	test_collisions();
	test_add();
	test_walk();
	test_alloc_failure();
	CHECK(kshim_live == 0);
	CHECK(kshim_locks > 0 && kshim_lock_depth == 0);
	return check_done("map");
}
