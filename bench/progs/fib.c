// SPDX-License-Identifier: GPL-2.0 OR MIT
/* Recursive Fibonacci: dominated by call/return and small integer ops. */
#include <stdint.h>

/* not static, so the compiler cannot fold the whole computation away */
uint32_t fib_n = 36;

static uint32_t fib(uint32_t n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

int run(void)
{
	return (int)(fib(fib_n) & 0x7fffffff);
}
