// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Userspace port: libc allocation, the monotonic clock and stderr logging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kwasm/kw_port.h"
#include "kw_port_user.h"

/* Test hooks, see kw_port_user.h. */
long kw_port_fail_after;
long kw_port_live_allocs;

void *kw_port_alloc(size_t size, u32 flags)
{
	void *p;

	if (kw_port_fail_after > 0 && --kw_port_fail_after == 0)
		return NULL;
	if (size == 0)
		size = 1;
	p = (flags & KW_ALLOC_ZERO) ? calloc(1, size) : malloc(size);
	if (p)
		kw_port_live_allocs++;
	return p;
}

void kw_port_free(void *ptr)
{
	if (ptr)
		kw_port_live_allocs--;
	free(ptr);
}

u64 kw_port_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

bool kw_port_yield(void)
{
	return false;
}

void kw_port_log(int level, const char *msg)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };

	if (level < 0 || level > 3)
		level = 3;
	fprintf(stderr, "kwasm: %s: %s\n", names[level], msg);
}
