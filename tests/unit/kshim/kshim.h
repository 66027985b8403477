/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Just enough of the kernel's API for kmod/map.c to build in userspace:
 * tests/unit/test_map.c compiles the real file against these headers
 * (tests/unit/kshim/linux/, each of which includes this one).
 *
 * The allocator counts live blocks and can fail the Nth allocation; the
 * spinlock counts how deep it is held; jhash() can be told to put every
 * key in one bucket, so the tests can make chains as long as they like.
 */
#ifndef KW_KSHIM_H
#define KW_KSHIM_H

#include <endian.h>
#include <linux/errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define GFP_KERNEL	0
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define cpu_to_le64(x)	((__le64)htole64(x))
#define le64_to_cpu(x)	le64toh((u64)(x))

/* Allocations so far, the one to fail (0: none), blocks not yet freed. */
extern unsigned long kshim_allocs, kshim_fail_at;
extern long kshim_live;
void *kshim_alloc(size_t n);
void kshim_free(const void *p);

#define kzalloc(n, gfp)		kshim_alloc(n)
#define kvcalloc(n, size, gfp)	((n) ? kshim_alloc((size_t)(n) * (size)) : kshim_alloc(1))
#define kfree(p)		kshim_free(p)
#define kvfree(p)		kshim_free(p)

/* How deep the map locks are held right now, and how often they were taken. */
extern int kshim_lock_depth;
extern unsigned long kshim_locks;

typedef struct {
	int held;
} spinlock_t;

#define spin_lock_init(l)	((l)->held = 0)

static inline void spin_lock_bh(spinlock_t *l)
{
	l->held++;
	kshim_lock_depth++;
	kshim_locks++;
}

static inline void spin_unlock_bh(spinlock_t *l)
{
	l->held--;
	kshim_lock_depth--;
}

/* A mask over the hash: 0 sends every key to bucket 0. */
extern u32 kshim_hash_mask;

/* FNV-1a: a different hash from the kernel's, which is all a test needs. */
static inline u32 jhash(const void *key, u32 len, u32 initval)
{
	const u8 *p = key;
	u32 h = 2166136261u ^ initval;

	while (len--)
		h = (h ^ *p++) * 16777619u;
	return h & kshim_hash_mask;
}

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define hlist_entry(ptr, type, member) container_of(ptr, type, member)
#define hlist_entry_safe(ptr, type, member) \
	((ptr) ? hlist_entry(ptr, type, member) : NULL)
#define hlist_for_each_entry(pos, head, member) \
	for (pos = hlist_entry_safe((head)->first, typeof(*(pos)), member); pos; \
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

static inline bool hlist_empty(const struct hlist_head *h)
{
	return !h->first;
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	n->next = h->first;
	if (h->first)
		h->first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

static inline void hlist_del(struct hlist_node *n)
{
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	n->next = NULL;
	n->pprev = NULL;
}

#endif /* KW_KSHIM_H */
