/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Floating-point operations on IEEE-754 bit patterns.
 *
 * Two implementations share this interface: float_soft.c (integers only,
 * used by the kernel) and float_hw.c (the FPU, userspace only).  Both are
 * bit-exact with the WebAssembly spec: NaN results are canonical when no
 * input is NaN, otherwise an arithmetic (quiet) NaN.  The build links
 * exactly one of them.  Sign operations (abs, neg, copysign) and
 * reinterpretations are plain bit operations done by the interpreter.
 */
#ifndef KW_FLOAT_H
#define KW_FLOAT_H

#include "kwasm/kw_port.h"

u32 kw_f32_add(u32 a, u32 b);
u32 kw_f32_sub(u32 a, u32 b);
u32 kw_f32_mul(u32 a, u32 b);
u32 kw_f32_div(u32 a, u32 b);
u32 kw_f32_min(u32 a, u32 b);
u32 kw_f32_max(u32 a, u32 b);
u32 kw_f32_sqrt(u32 a);
u32 kw_f32_ceil(u32 a);
u32 kw_f32_floor(u32 a);
u32 kw_f32_trunc(u32 a);
u32 kw_f32_nearest(u32 a);
bool kw_f32_eq(u32 a, u32 b);
bool kw_f32_lt(u32 a, u32 b);
bool kw_f32_le(u32 a, u32 b);

u64 kw_f64_add(u64 a, u64 b);
u64 kw_f64_sub(u64 a, u64 b);
u64 kw_f64_mul(u64 a, u64 b);
u64 kw_f64_div(u64 a, u64 b);
u64 kw_f64_min(u64 a, u64 b);
u64 kw_f64_max(u64 a, u64 b);
u64 kw_f64_sqrt(u64 a);
u64 kw_f64_ceil(u64 a);
u64 kw_f64_floor(u64 a);
u64 kw_f64_trunc(u64 a);
u64 kw_f64_nearest(u64 a);
bool kw_f64_eq(u64 a, u64 b);
bool kw_f64_lt(u64 a, u64 b);
bool kw_f64_le(u64 a, u64 b);

/*
 * Trapping float-to-int truncations: return 0 and store the result, or
 * return KW_TRAP_INVALID_CONV (NaN) / KW_TRAP_INT_OVERFLOW (out of range).
 */
int kw_f32_trunc_i32_s(u32 a, u32 *out);
int kw_f32_trunc_i32_u(u32 a, u32 *out);
int kw_f64_trunc_i32_s(u64 a, u32 *out);
int kw_f64_trunc_i32_u(u64 a, u32 *out);
int kw_f32_trunc_i64_s(u32 a, u64 *out);
int kw_f32_trunc_i64_u(u32 a, u64 *out);
int kw_f64_trunc_i64_s(u64 a, u64 *out);
int kw_f64_trunc_i64_u(u64 a, u64 *out);

/* Saturating truncations: NaN gives 0, out of range clamps. */
u32 kw_f32_trunc_sat_i32_s(u32 a);
u32 kw_f32_trunc_sat_i32_u(u32 a);
u32 kw_f64_trunc_sat_i32_s(u64 a);
u32 kw_f64_trunc_sat_i32_u(u64 a);
u64 kw_f32_trunc_sat_i64_s(u32 a);
u64 kw_f32_trunc_sat_i64_u(u32 a);
u64 kw_f64_trunc_sat_i64_s(u64 a);
u64 kw_f64_trunc_sat_i64_u(u64 a);

/* Integer to float, round to nearest even. */
u32 kw_i32_s_to_f32(u32 a);
u32 kw_i32_u_to_f32(u32 a);
u32 kw_i64_s_to_f32(u64 a);
u32 kw_i64_u_to_f32(u64 a);
u64 kw_i32_s_to_f64(u32 a);
u64 kw_i32_u_to_f64(u32 a);
u64 kw_i64_s_to_f64(u64 a);
u64 kw_i64_u_to_f64(u64 a);

u64 kw_f32_promote(u32 a);
u32 kw_f64_demote(u64 a);

#endif /* KW_FLOAT_H */
