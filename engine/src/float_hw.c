// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IEEE-754 operations on the FPU, for userspace builds only (the kernel
 * build links float_soft.c instead).  Most operations are the C operators;
 * the code around them makes the results exactly WebAssembly's where C or
 * the hardware leaves room: NaN results of the rounding functions, min/max
 * with NaNs and signed zeros, and the range checks of the truncations.
 *
 * NaNs: x86 SSE returns an operand NaN quieted (an arithmetic NaN) and the
 * default NaN 0xffc00000 / 0xfff8000000000000 for invalid operations, which
 * is canonical (the spec allows either sign), so arithmetic needs no fixup.
 */
#include "kwasm/engine.h"
#include "kw_float.h"

/* The C type of each format, the quiet bit of its NaNs, its builtins. */
#define HW_f32		float
#define HW_f64		double
#define QUIET_f32	0x400000
#define QUIET_f64	0x8000000000000ull
#define HW_CALL(fn, x)	_Generic((x), float : __builtin_##fn##f, double : __builtin_##fn)(x)

/* <f>_of() reads a bit pattern as a value, bits_<f>() gives it back. */
#define HW_BITS(f, T)							\
static inline HW_##f f##_of(T a)					\
{									\
	HW_##f x;							\
									\
	__builtin_memcpy(&x, &a, sizeof(x));				\
	return x;							\
}									\
									\
static inline T bits_##f(HW_##f x)					\
{									\
	T a;								\
									\
	__builtin_memcpy(&a, &x, sizeof(a));				\
	return a;							\
}

KW_FLOAT_FORMATS(HW_BITS)

static inline bool nan_f32(u32 a)
{
	return (a & 0x7fffffff) > 0x7f800000;
}

static inline bool nan_f64(u64 a)
{
	return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}

/*
 * Range checks in double, which holds every f32 exactly and every bound
 * below exactly: the open interval (lo, hi) is what truncates into range.
 */
static inline int hw_trunc(double x, double lo, double hi)
{
	if (x != x)
		return KW_TRAP_INVALID_CONV;
	if (!(x > lo && x < hi))
		return KW_TRAP_INT_OVERFLOW;
	return 0;
}

/* Per integer type: that interval, and what saturation clamps to below and above. */
#define LO_i32_s	-2147483649.0
#define HI_i32_s	2147483648.0
#define MIN_i32_s	0x80000000u
#define MAX_i32_s	0x7fffffffu
#define LO_i32_u	-1.0
#define HI_i32_u	4294967296.0
#define MIN_i32_u	0u
#define MAX_i32_u	0xffffffffu
#define LO_i64_s	-9223372036854777856.0	/* next double below -2^63 */
#define HI_i64_s	9223372036854775808.0
#define MIN_i64_s	0x8000000000000000ull
#define MAX_i64_s	0x7fffffffffffffffull
#define LO_i64_u	-1.0
#define HI_i64_u	18446744073709551616.0
#define MIN_i64_u	0ull
#define MAX_i64_u	(~0ull)

/* add, sub, mul, div: the C operator @op. */
#define HW_ARITH(f, T, name, op)					\
T kw_##f##_##name(T a, T b)						\
{									\
	return bits_##f(f##_of(a) op f##_of(b));			\
}

/* min, max: @lt picks the operand; of two equal ones (or zeros) @join does. */
#define HW_MINMAX(f, T, name, lt, join)					\
T kw_##f##_##name(T a, T b)						\
{									\
	HW_##f x = f##_of(a), y = f##_of(b);				\
									\
	if (x != x || y != y)						\
		return bits_##f(x + y);	/* the NaN operand, quieted */	\
	if (x == y)							\
		return a join b;	/* equal, or zeros of either sign */ \
	return x lt y ? a : b;						\
}

/*
 * sqrt, and ceil, floor, trunc, nearest (rint: ties to even in the default
 * rounding mode), which would give a NaN operand back as it is: quiet it.
 */
#define HW_ROUND(f, T, name, fn, quiet)					\
T kw_##f##_##name(T a)							\
{									\
	if (quiet && nan_##f(a))					\
		return a | QUIET_##f;					\
	return bits_##f(HW_CALL(fn, f##_of(a)));			\
}

#define HW_CMP(f, T, name, op)						\
bool kw_##f##_##name(T a, T b)						\
{									\
	return f##_of(a) op f##_of(b);					\
}

#define HW_FORMAT(f, T)							\
	HW_ARITH(f, T, add, +) HW_ARITH(f, T, sub, -)			\
	HW_ARITH(f, T, mul, *) HW_ARITH(f, T, div, /)			\
	HW_MINMAX(f, T, min, <, |) HW_MINMAX(f, T, max, >, &)		\
	HW_ROUND(f, T, sqrt, sqrt, false)				\
	HW_ROUND(f, T, ceil, ceil, true)				\
	HW_ROUND(f, T, floor, floor, true)				\
	HW_ROUND(f, T, trunc, trunc, true)				\
	HW_ROUND(f, T, nearest, rint, true)				\
	HW_CMP(f, T, eq, ==) HW_CMP(f, T, lt, <) HW_CMP(f, T, le, <=)

KW_FLOAT_FORMATS(HW_FORMAT)

#define HW_TRUNC(f, T, i, int_t, C, sg)					\
int kw_##f##_trunc_##i##_##sg(T a, int_t *out)				\
{									\
	double x = f##_of(a);						\
	int err = hw_trunc(x, LO_##i##_##sg, HI_##i##_##sg);		\
									\
	if (!err)							\
		*out = (int_t)(C)x;					\
	return err;							\
}

#define HW_TRUNC_SAT(f, T, i, int_t, C, sg)				\
int_t kw_##f##_trunc_sat_##i##_##sg(T a)				\
{									\
	double x = f##_of(a);						\
									\
	if (x != x)							\
		return 0;						\
	if (x <= LO_##i##_##sg)						\
		return MIN_##i##_##sg;					\
	if (x >= HI_##i##_##sg)						\
		return MAX_##i##_##sg;					\
	return (int_t)(C)x;						\
}

#define HW_CONVERT(f, T, i, int_t, C, sg)				\
T kw_##i##_##sg##_to_##f(int_t a)					\
{									\
	return bits_##f((HW_##f)(C)a);					\
}

KW_FLOAT_INT_CONVS(HW_TRUNC)
KW_FLOAT_INT_CONVS(HW_TRUNC_SAT)
KW_FLOAT_INT_CONVS(HW_CONVERT)

u64 kw_f32_promote(u32 a)
{
	return bits_f64((double)f32_of(a));
}

u32 kw_f64_demote(u64 a)
{
	return bits_f32((float)f64_of(a));
}
