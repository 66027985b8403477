/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * xorshift64 for the C unit tests: a fixed seed, so every run draws the same
 * patterns and a failure reproduces.  Include it after the u64 typedef.
 */
#ifndef KW_TEST_XORSHIFT_H
#define KW_TEST_XORSHIFT_H

static u64 rng_state = 0x9e3779b97f4a7c15ull;

static inline u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

#endif /* KW_TEST_XORSHIFT_H */
