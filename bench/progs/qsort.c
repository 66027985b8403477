// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Quicksort (median of three, insertion sort for short runs, explicit stack). */
#include <stdint.h>

#define N	800000
#define SMALL	16

static uint32_t arr[N];
/* pending ranges; pushing the larger half keeps depth below log2(N) */
static uint32_t stack_lo[64], stack_hi[64];

static void swap(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;

	*a = *b;
	*b = t;
}

static void insertion(uint32_t *a, uint32_t lo, uint32_t hi)
{
	uint32_t i, j, v;

	for (i = lo + 1; i <= hi; i++) {
		v = a[i];
		for (j = i; j > lo && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void sort(uint32_t *a, uint32_t n)
{
	int sp = 0;
	uint32_t lo = 0, hi = n - 1;

	for (;;) {
		while (hi - lo > SMALL) {
			uint32_t mid = lo + (hi - lo) / 2, pivot, i, j;

			if (a[mid] < a[lo])
				swap(&a[mid], &a[lo]);
			if (a[hi] < a[lo])
				swap(&a[hi], &a[lo]);
			if (a[hi] < a[mid])
				swap(&a[hi], &a[mid]);
			pivot = a[mid];
			i = lo;
			j = hi;
			/* Hoare partition: a[lo] <= pivot <= a[hi] act as sentinels */
			for (;;) {
				while (a[i] < pivot)
					i++;
				while (a[j] > pivot)
					j--;
				if (i >= j)
					break;
				swap(&a[i], &a[j]);
				i++;
				j--;
			}
			if (j - lo < hi - j) {
				stack_lo[sp] = j + 1;
				stack_hi[sp++] = hi;
				hi = j;
			} else {
				stack_lo[sp] = lo;
				stack_hi[sp++] = j;
				lo = j + 1;
			}
		}
		insertion(a, lo, hi);
		if (sp == 0)
			break;
		sp--;
		lo = stack_lo[sp];
		hi = stack_hi[sp];
	}
}

int run(void)
{
	uint32_t x = 521288629u, sum = 0, bad = 0;
	uint32_t i;

	for (i = 0; i < N; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* a narrower range than 2^32 gives some duplicates */
		arr[i] = x % 1000003u;
	}
	sort(arr, N);
	for (i = 0; i < N; i++) {
		bad += i > 0 && arr[i - 1] > arr[i];
		sum = sum * 31 + arr[i];
	}
	/* a wrong sort shows up as a different checksum on both sides */
	return (int)((sum + bad * 0x10000001u) & 0x7fffffff);
}
