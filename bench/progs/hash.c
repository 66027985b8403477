// SPDX-License-Identifier: GPL-2.0 OR MIT
/* FNV-1a and an xxHash32-style four-lane hash over a generated buffer. */
#include <stdint.h>

#define BUF_LEN		(1 << 20)
#define ROUNDS		36

static uint8_t buf[BUF_LEN];

#define P1 0x9e3779b1u
#define P2 0x85ebca77u
#define P3 0xc2b2ae3du
#define P4 0x27d4eb2fu
#define P5 0x165667b1u

static uint32_t rotl(uint32_t x, int r)
{
	return (x << r) | (x >> (32 - r));
}

static uint32_t rd32(const uint8_t *p)
{
	/* byte-wise so the result does not depend on host endianness */
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t fnv1a(const uint8_t *p, uint32_t len, uint32_t h)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x01000193u;
	return h;
}

static uint32_t lane(uint32_t acc, uint32_t in)
{
	return rotl(acc + in * P2, 13) * P1;
}

static uint32_t xxh(const uint8_t *p, uint32_t len, uint32_t seed)
{
	uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
	uint32_t i, h;

	for (i = 0; i + 16 <= len; i += 16) {
		v1 = lane(v1, rd32(p + i));
		v2 = lane(v2, rd32(p + i + 4));
		v3 = lane(v3, rd32(p + i + 8));
		v4 = lane(v4, rd32(p + i + 12));
	}
	h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18) + len;
	for (; i < len; i++)
		h = rotl(h + p[i] * P5, 11) * P1;
	h ^= h >> 15;
	h *= P2;
	h ^= h >> 13;
	h *= P3;
	h ^= h >> 16;
	return h;
}

int run(void)
{
	uint32_t x = 2463534242u, h = 0;
	int i, r;

	for (i = 0; i < BUF_LEN; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)(x >> 24);
	}
	for (r = 0; r < ROUNDS; r++) {
		h = fnv1a(buf, BUF_LEN - r, h ^ 0x811c9dc5u);
		h ^= xxh(buf + r, BUF_LEN - r, h + P4 * r);
	}
	return (int)(h & 0x7fffffff);
}
