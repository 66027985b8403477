/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Basic types for the engine inside the Linux kernel: the kernel's own.
 */
#ifndef KW_PORT_TYPES_H
#define KW_PORT_TYPES_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/string.h>

typedef uintptr_t kw_uptr;

/* <linux/string.h> already declares memcpy and friends. */
#define KW_PORT_HAS_MEM 1

#endif /* KW_PORT_TYPES_H */
