/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The port surface: everything the engine needs from the world it runs in.
 *
 * Each port (port/user, port/kernel, port/null) supplies kw_port_types.h
 * through the include path and, except the null port, implements the
 * functions below.  The engine calls nothing else besides memcpy, memset,
 * memmove and memcmp, which a freestanding compiler may emit on its own.
 */
#ifndef KW_PORT_H
#define KW_PORT_H

#include "kw_port_types.h"

/* Allocation context flags for kw_port_alloc(). */
#define KW_ALLOC_ATOMIC	0x1	/* caller may not sleep (softirq, RCU) */
#define KW_ALLOC_ZERO	0x2	/* return zeroed memory */

/**
 * kw_port_alloc() - allocate memory for the engine
 * @size: bytes wanted, may be large (linear memories, value stacks)
 * @flags: KW_ALLOC_* flags
 *
 * Called at load and instantiate time from process context, and from
 * memory.grow/table.grow in whatever context the call runs in (then with
 * KW_ALLOC_ATOMIC when the caller cannot sleep).
 *
 * Return: the memory, aligned to at least 16 bytes, or NULL.
 */
void *kw_port_alloc(size_t size, u32 flags);

/**
 * kw_port_free() - release memory from kw_port_alloc()
 * @ptr: the memory, or NULL
 */
void kw_port_free(void *ptr);

/**
 * kw_port_time_ns() - monotonic clock
 *
 * Used for call deadlines; never sleeps.
 *
 * Return: nanoseconds since an arbitrary fixed point.
 */
u64 kw_port_time_ns(void);

/**
 * kw_port_yield() - let other work run during a long guest call
 *
 * Called at loop back-edges of calls made with may_yield set, every few
 * thousand units of fuel.  Only ever called where sleeping is allowed.
 *
 * Return: true if the call should stop (e.g. a fatal signal is pending).
 */
bool kw_port_yield(void);

/**
 * kw_port_log() - report a message from the engine
 * @level: 0 error, 1 warning, 2 info, 3 debug
 * @msg: NUL-terminated text without a trailing newline
 */
void kw_port_log(int level, const char *msg);

/* A port whose headers already declare these (the kernel's) defines KW_PORT_HAS_MEM. */
#ifndef KW_PORT_HAS_MEM
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#endif

#endif /* KW_PORT_H */
