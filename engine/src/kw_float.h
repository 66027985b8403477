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
 *
 * The operations come in families, each listed once below as an X-macro
 * and documented once; the lists declare every member here, and the two
 * implementations define the members family by family.
 */
#ifndef KW_FLOAT_H
#define KW_FLOAT_H

#include "kwasm/kw_port.h"

/**
 * KW_FLOAT_FORMATS() - the two formats, each with the type of its bits
 * @X: applied as X(f, T): X(f32, u32) and X(f64, u64)
 */
#define KW_FLOAT_FORMATS(X)	X(f32, u32) X(f64, u64)

/**
 * KW_FLOAT_BIN_OPS() - T kw_<f>_<op>(T a, T b): the Wasm instruction <f>.<op>
 * @X: applied as X(f, T, op)
 * @f: the format, f32 or f64
 * @T: the type of its bits, u32 or u64
 *
 * add, sub, mul and div round correctly; min and max give a NaN if either
 * operand is one, and order -0 below +0.
 */
#define KW_FLOAT_BIN_OPS(X, f, T)					\
	X(f, T, add) X(f, T, sub) X(f, T, mul) X(f, T, div)		\
	X(f, T, min) X(f, T, max)

/**
 * KW_FLOAT_UN_OPS() - T kw_<f>_<op>(T a): the Wasm instruction <f>.<op>
 * @X: applied as X(f, T, op)
 * @f: the format, f32 or f64
 * @T: the type of its bits, u32 or u64
 *
 * sqrt rounds correctly; ceil, floor, trunc and nearest (ties to even)
 * round to an integral value.
 */
#define KW_FLOAT_UN_OPS(X, f, T)					\
	X(f, T, sqrt) X(f, T, ceil) X(f, T, floor) X(f, T, trunc)	\
	X(f, T, nearest)

/**
 * KW_FLOAT_CMP_OPS() - bool kw_<f>_<op>(T a, T b): <f>.<op>, false on a NaN
 * @X: applied as X(f, T, op)
 * @f: the format, f32 or f64
 * @T: the type of its bits, u32 or u64
 *
 * The other comparisons are these negated or with the operands swapped.
 */
#define KW_FLOAT_CMP_OPS(X, f, T)	X(f, T, eq) X(f, T, lt) X(f, T, le)

/**
 * KW_FLOAT_INT_CONVS() - conversions between a format and an integer type
 * @X: applied as X(f, T, i, I, C, sg) for every pair
 *
 * For the format @f with bits @T and the integer @i (i32, i64) held in @I
 * (u32, u64) and read as the C type @C, signed if @sg is s, unsigned if u:
 *
 * int kw_<f>_trunc_<i>_<sg>(T a, I *out) is <i>.trunc_<f>_<sg>: return 0
 * and store the result, or return KW_TRAP_INVALID_CONV (NaN) or
 * KW_TRAP_INT_OVERFLOW (out of range).
 *
 * I kw_<f>_trunc_sat_<i>_<sg>(T a) is <i>.trunc_sat_<f>_<sg>: NaN gives 0,
 * out of range clamps.
 *
 * T kw_<i>_<sg>_to_<f>(I a) is <f>.convert_<i>_<sg>, rounded to nearest even.
 */
#define KW_FLOAT_INT_CONVS(X)						\
	X(f32, u32, i32, u32, s32, s) X(f32, u32, i32, u32, u32, u)	\
	X(f32, u32, i64, u64, s64, s) X(f32, u32, i64, u64, u64, u)	\
	X(f64, u64, i32, u32, s32, s) X(f64, u64, i32, u32, u32, u)	\
	X(f64, u64, i64, u64, s64, s) X(f64, u64, i64, u64, u64, u)

#define KW_FLOAT_DECL_BIN(f, T, op)	T kw_##f##_##op(T a, T b);
#define KW_FLOAT_DECL_UN(f, T, op)	T kw_##f##_##op(T a);
#define KW_FLOAT_DECL_CMP(f, T, op)	bool kw_##f##_##op(T a, T b);
#define KW_FLOAT_DECL_FORMAT(f, T)					\
	KW_FLOAT_BIN_OPS(KW_FLOAT_DECL_BIN, f, T)			\
	KW_FLOAT_UN_OPS(KW_FLOAT_DECL_UN, f, T)				\
	KW_FLOAT_CMP_OPS(KW_FLOAT_DECL_CMP, f, T)
#define KW_FLOAT_DECL_CONV(f, T, i, int_t, C, sg)			\
	int kw_##f##_trunc_##i##_##sg(T a, int_t *out);			\
	int_t kw_##f##_trunc_sat_##i##_##sg(T a);			\
	T kw_##i##_##sg##_to_##f(int_t a);

KW_FLOAT_FORMATS(KW_FLOAT_DECL_FORMAT)
KW_FLOAT_INT_CONVS(KW_FLOAT_DECL_CONV)

/**
 * kw_f32_promote() - f64.promote_f32, exact; a NaN keeps its payload, quieted
 * @a: the operand
 *
 * Return: the f64 bits.
 */
u64 kw_f32_promote(u32 a);

/**
 * kw_f64_demote() - f32.demote_f64, rounded to nearest even
 * @a: the operand
 *
 * A NaN keeps the top bits of its payload and is quieted.
 *
 * Return: the f32 bits.
 */
u32 kw_f64_demote(u64 a);

#endif /* KW_FLOAT_H */
