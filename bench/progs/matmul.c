// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Integer matrix multiply (wrapping uint32): nested loops, array indexing. */
#include <stdint.h>

#define N 600

static uint32_t a[N][N], b[N][N], c[N][N];

int run(void)
{
	uint32_t x = 88172645u, sum = 0;
	int i, j, k;

	for (i = 0; i < N; i++) {
		for (j = 0; j < N; j++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			a[i][j] = x & 0xffff;
			b[j][i] = x >> 16;
			c[i][j] = 0;
		}
	}
	/* i-k-j order: unit stride in the inner loop */
	for (i = 0; i < N; i++) {
		for (k = 0; k < N; k++) {
			uint32_t aik = a[i][k];

			for (j = 0; j < N; j++)
				c[i][j] += aik * b[k][j];
		}
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			sum = sum * 7 + c[i][j];
	return (int)(sum & 0x7fffffff);
}
