// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: the random streams.  splitmix64: tiny, and the same seed
 * gives the same requests on every machine.
 */
#include <string.h>

#include "nlfuzz.h"

/**
 * fz_rand() - the next 64 random bits
 * @r: the stream
 *
 * Return: the bits.
 */
uint64_t fz_rand(struct fz_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/**
 * fz_below() - a random number below @n
 * @r: the stream
 * @n: the bound; 0 gives 0
 *
 * Return: 0 .. @n - 1.
 */
uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return n ? (uint32_t)(fz_rand(r) % n) : 0;
}

/**
 * fz_chance() - true with a probability of @percent %
 * @r: the stream
 * @percent: 0 .. 100
 *
 * Return: the outcome.
 */
bool fz_chance(struct fz_rng *r, uint32_t percent)
{
	return fz_below(r, 100) < percent;
}

/**
 * fz_fill() - random bytes
 * @r: the stream
 * @buf: where
 * @len: how many
 */
void fz_fill(struct fz_rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t v;
	size_t n;

	while (len) {
		v = fz_rand(r);
		n = len < sizeof(v) ? len : sizeof(v);
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}
