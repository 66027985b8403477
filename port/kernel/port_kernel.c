// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Kernel port: kvmalloc for engine memory, ktime for deadlines,
 * cond_resched() between fuel slices of sleepable calls.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/printk.h>
#include <linux/atomic.h>

#include "kwasm/kw_port.h"

/* Live engine allocations: must drop back to zero once everything is freed. */
atomic_long_t kw_port_allocs = ATOMIC_LONG_INIT(0);

void *kw_port_alloc(size_t size, u32 flags)
{
	gfp_t gfp = (flags & KW_ALLOC_ATOMIC) ? GFP_ATOMIC : GFP_KERNEL_ACCOUNT;
	void *p;

	if (flags & KW_ALLOC_ZERO)
		gfp |= __GFP_ZERO;
	if (!size)
		size = 1;
	/* kvmalloc may sleep (vmalloc fallback): atomic callers get kmalloc only. */
	if (flags & KW_ALLOC_ATOMIC)
		p = kmalloc(size, gfp | __GFP_NOWARN);
	else
		p = kvmalloc(size, gfp | __GFP_NOWARN);
	if (p)
		atomic_long_inc(&kw_port_allocs);
	return p;
}

void kw_port_free(void *ptr)
{
	if (!ptr)
		return;
	atomic_long_dec(&kw_port_allocs);
	kvfree(ptr);
}

u64 kw_port_time_ns(void)
{
	return ktime_get_ns();
}

bool kw_port_yield(void)
{
	cond_resched();
	return fatal_signal_pending(current);
}

void kw_port_log(int level, const char *msg)
{
	if (level <= 0)
		pr_err("%s\n", msg);
	else if (level == 1)
		pr_warn("%s\n", msg);
	else if (level == 2)
		pr_info("%s\n", msg);
	else
		pr_debug("%s\n", msg);
}
