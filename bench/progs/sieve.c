// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Sieve of Eratosthenes over a byte array: byte loads/stores, tight loops. */
#include <stdint.h>

#define SIEVE_N		4000000
#define SIEVE_ROUNDS	8

static uint8_t composite[SIEVE_N];

static uint32_t sieve(uint32_t n)
{
	uint32_t i, j, count = 0;

	for (i = 0; i < n; i++)
		composite[i] = 0;
	for (i = 2; i * i < n; i++) {
		if (composite[i])
			continue;
		for (j = i * i; j < n; j += i)
			composite[j] = 1;
	}
	for (i = 2; i < n; i++)
		count += !composite[i];
	return count;
}

int run(void)
{
	uint32_t sum = 0;
	int r;

	/* vary the limit per round so rounds are not identical work */
	for (r = 0; r < SIEVE_ROUNDS; r++)
		sum = sum * 31 + sieve(SIEVE_N - r * 1000);
	return (int)(sum & 0x7fffffff);
}
