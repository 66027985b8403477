/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Basic types from compiler builtins only: the freestanding check builds
 * the engine against this port to prove it needs nothing from libc.
 */
#ifndef KW_PORT_TYPES_H
#define KW_PORT_TYPES_H

typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT8_TYPE__ s8;
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;
typedef __INT64_TYPE__ s64;
typedef __UINTPTR_TYPE__ kw_uptr;
typedef __SIZE_TYPE__ size_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#endif /* KW_PORT_TYPES_H */
