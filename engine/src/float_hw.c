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

static inline float f32_of(u32 a)
{
	float f;

	__builtin_memcpy(&f, &a, sizeof(f));
	return f;
}

static inline u32 bits_f32(float f)
{
	u32 a;

	__builtin_memcpy(&a, &f, sizeof(a));
	return a;
}

static inline double f64_of(u64 a)
{
	double d;

	__builtin_memcpy(&d, &a, sizeof(d));
	return d;
}

static inline u64 bits_f64(double d)
{
	u64 a;

	__builtin_memcpy(&a, &d, sizeof(a));
	return a;
}

static inline bool nan32(u32 a)
{
	return (a & 0x7fffffff) > 0x7f800000;
}

static inline bool nan64(u64 a)
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

#define I32_LO	-2147483649.0
#define I32_HI	2147483648.0
#define U32_LO	-1.0
#define U32_HI	4294967296.0
#define I64_LO	-9223372036854777856.0	/* next double below -2^63 */
#define I64_HI	9223372036854775808.0
#define U64_LO	-1.0
#define U64_HI	18446744073709551616.0

/**
 * kw_f32_add() - f32.add
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_add(u32 a, u32 b)
{
	return bits_f32(f32_of(a) + f32_of(b));
}

/**
 * kw_f32_sub() - f32.sub
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_sub(u32 a, u32 b)
{
	return bits_f32(f32_of(a) - f32_of(b));
}

/**
 * kw_f32_mul() - f32.mul
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_mul(u32 a, u32 b)
{
	return bits_f32(f32_of(a) * f32_of(b));
}

/**
 * kw_f32_div() - f32.div
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_div(u32 a, u32 b)
{
	return bits_f32(f32_of(a) / f32_of(b));
}

/**
 * kw_f32_min() - f32.min (NaN if either operand is, -0 below +0)
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_min(u32 a, u32 b)
{
	float x = f32_of(a), y = f32_of(b);

	if (x != x || y != y)
		return bits_f32(x + y);	/* the NaN operand, quieted */
	if (x == y)
		return a | b;	/* equal, or zeros of either sign */
	return x < y ? a : b;
}

/**
 * kw_f32_max() - f32.max (NaN if either operand is, +0 above -0)
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_max(u32 a, u32 b)
{
	float x = f32_of(a), y = f32_of(b);

	if (x != x || y != y)
		return bits_f32(x + y);	/* the NaN operand, quieted */
	if (x == y)
		return a & b;	/* equal, or zeros of either sign */
	return x > y ? a : b;
}

/**
 * kw_f32_sqrt() - f32.sqrt
 * @a: the operand
 */
u32 kw_f32_sqrt(u32 a)
{
	return bits_f32(__builtin_sqrtf(f32_of(a)));
}

/**
 * kw_f32_ceil() - f32.ceil
 * @a: the operand
 */
u32 kw_f32_ceil(u32 a)
{
	if (nan32(a))
		return a | 0x400000;
	return bits_f32(__builtin_ceilf(f32_of(a)));
}

/**
 * kw_f32_floor() - f32.floor
 * @a: the operand
 */
u32 kw_f32_floor(u32 a)
{
	if (nan32(a))
		return a | 0x400000;
	return bits_f32(__builtin_floorf(f32_of(a)));
}

/**
 * kw_f32_trunc() - f32.trunc
 * @a: the operand
 */
u32 kw_f32_trunc(u32 a)
{
	if (nan32(a))
		return a | 0x400000;
	return bits_f32(__builtin_truncf(f32_of(a)));
}

/**
 * kw_f32_nearest() - f32.nearest (ties to even: rint in the default rounding mode)
 * @a: the operand
 */
u32 kw_f32_nearest(u32 a)
{
	if (nan32(a))
		return a | 0x400000;
	return bits_f32(__builtin_rintf(f32_of(a)));
}

/**
 * kw_f32_eq() - f32.eq
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_eq(u32 a, u32 b)
{
	return f32_of(a) == f32_of(b);
}

/**
 * kw_f32_lt() - f32.lt
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_lt(u32 a, u32 b)
{
	return f32_of(a) < f32_of(b);
}

/**
 * kw_f32_le() - f32.le
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_le(u32 a, u32 b)
{
	return f32_of(a) <= f32_of(b);
}

/**
 * kw_f64_add() - f64.add
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_add(u64 a, u64 b)
{
	return bits_f64(f64_of(a) + f64_of(b));
}

/**
 * kw_f64_sub() - f64.sub
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_sub(u64 a, u64 b)
{
	return bits_f64(f64_of(a) - f64_of(b));
}

/**
 * kw_f64_mul() - f64.mul
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_mul(u64 a, u64 b)
{
	return bits_f64(f64_of(a) * f64_of(b));
}

/**
 * kw_f64_div() - f64.div
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_div(u64 a, u64 b)
{
	return bits_f64(f64_of(a) / f64_of(b));
}

/**
 * kw_f64_min() - f64.min (NaN if either operand is, -0 below +0)
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_min(u64 a, u64 b)
{
	double x = f64_of(a), y = f64_of(b);

	if (x != x || y != y)
		return bits_f64(x + y);	/* the NaN operand, quieted */
	if (x == y)
		return a | b;	/* equal, or zeros of either sign */
	return x < y ? a : b;
}

/**
 * kw_f64_max() - f64.max (NaN if either operand is, +0 above -0)
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_max(u64 a, u64 b)
{
	double x = f64_of(a), y = f64_of(b);

	if (x != x || y != y)
		return bits_f64(x + y);	/* the NaN operand, quieted */
	if (x == y)
		return a & b;	/* equal, or zeros of either sign */
	return x > y ? a : b;
}

/**
 * kw_f64_sqrt() - f64.sqrt
 * @a: the operand
 */
u64 kw_f64_sqrt(u64 a)
{
	return bits_f64(__builtin_sqrt(f64_of(a)));
}

/**
 * kw_f64_ceil() - f64.ceil
 * @a: the operand
 */
u64 kw_f64_ceil(u64 a)
{
	if (nan64(a))
		return a | 0x8000000000000ull;
	return bits_f64(__builtin_ceil(f64_of(a)));
}

/**
 * kw_f64_floor() - f64.floor
 * @a: the operand
 */
u64 kw_f64_floor(u64 a)
{
	if (nan64(a))
		return a | 0x8000000000000ull;
	return bits_f64(__builtin_floor(f64_of(a)));
}

/**
 * kw_f64_trunc() - f64.trunc
 * @a: the operand
 */
u64 kw_f64_trunc(u64 a)
{
	if (nan64(a))
		return a | 0x8000000000000ull;
	return bits_f64(__builtin_trunc(f64_of(a)));
}

/**
 * kw_f64_nearest() - f64.nearest (ties to even: rint in the default rounding mode)
 * @a: the operand
 */
u64 kw_f64_nearest(u64 a)
{
	if (nan64(a))
		return a | 0x8000000000000ull;
	return bits_f64(__builtin_rint(f64_of(a)));
}

/**
 * kw_f64_eq() - f64.eq
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_eq(u64 a, u64 b)
{
	return f64_of(a) == f64_of(b);
}

/**
 * kw_f64_lt() - f64.lt
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_lt(u64 a, u64 b)
{
	return f64_of(a) < f64_of(b);
}

/**
 * kw_f64_le() - f64.le
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_le(u64 a, u64 b)
{
	return f64_of(a) <= f64_of(b);
}

/**
 * kw_f32_trunc_i32_s() - i32.trunc_f32_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i32_s(u32 a, u32 *out)
{
	double x = f32_of(a);
	int err = hw_trunc(x, I32_LO, I32_HI);

	if (!err)
		*out = (u32)(s32)x;
	return err;
}

/**
 * kw_f32_trunc_i32_u() - i32.trunc_f32_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i32_u(u32 a, u32 *out)
{
	double x = f32_of(a);
	int err = hw_trunc(x, U32_LO, U32_HI);

	if (!err)
		*out = (u32)(u32)x;
	return err;
}

/**
 * kw_f32_trunc_i64_s() - i64.trunc_f32_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i64_s(u32 a, u64 *out)
{
	double x = f32_of(a);
	int err = hw_trunc(x, I64_LO, I64_HI);

	if (!err)
		*out = (u64)(s64)x;
	return err;
}

/**
 * kw_f32_trunc_i64_u() - i64.trunc_f32_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i64_u(u32 a, u64 *out)
{
	double x = f32_of(a);
	int err = hw_trunc(x, U64_LO, U64_HI);

	if (!err)
		*out = (u64)(u64)x;
	return err;
}

/**
 * kw_f64_trunc_i32_s() - i32.trunc_f64_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i32_s(u64 a, u32 *out)
{
	double x = f64_of(a);
	int err = hw_trunc(x, I32_LO, I32_HI);

	if (!err)
		*out = (u32)(s32)x;
	return err;
}

/**
 * kw_f64_trunc_i32_u() - i32.trunc_f64_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i32_u(u64 a, u32 *out)
{
	double x = f64_of(a);
	int err = hw_trunc(x, U32_LO, U32_HI);

	if (!err)
		*out = (u32)(u32)x;
	return err;
}

/**
 * kw_f64_trunc_i64_s() - i64.trunc_f64_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i64_s(u64 a, u64 *out)
{
	double x = f64_of(a);
	int err = hw_trunc(x, I64_LO, I64_HI);

	if (!err)
		*out = (u64)(s64)x;
	return err;
}

/**
 * kw_f64_trunc_i64_u() - i64.trunc_f64_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i64_u(u64 a, u64 *out)
{
	double x = f64_of(a);
	int err = hw_trunc(x, U64_LO, U64_HI);

	if (!err)
		*out = (u64)(u64)x;
	return err;
}

/**
 * kw_f32_trunc_sat_i32_s() - i32.trunc_sat_f32_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f32_trunc_sat_i32_s(u32 a)
{
	double x = f32_of(a);

	if (x != x)
		return 0;
	if (x <= I32_LO)
		return 0x80000000u;
	if (x >= I32_HI)
		return 0x7fffffffu;
	return (u32)(s32)x;
}

/**
 * kw_f32_trunc_sat_i32_u() - i32.trunc_sat_f32_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f32_trunc_sat_i32_u(u32 a)
{
	double x = f32_of(a);

	if (x != x)
		return 0;
	if (x <= U32_LO)
		return 0;
	if (x >= U32_HI)
		return 0xffffffffu;
	return (u32)(u32)x;
}

/**
 * kw_f32_trunc_sat_i64_s() - i64.trunc_sat_f32_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f32_trunc_sat_i64_s(u32 a)
{
	double x = f32_of(a);

	if (x != x)
		return 0;
	if (x <= I64_LO)
		return 0x8000000000000000ull;
	if (x >= I64_HI)
		return 0x7fffffffffffffffull;
	return (u64)(s64)x;
}

/**
 * kw_f32_trunc_sat_i64_u() - i64.trunc_sat_f32_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f32_trunc_sat_i64_u(u32 a)
{
	double x = f32_of(a);

	if (x != x)
		return 0;
	if (x <= U64_LO)
		return 0;
	if (x >= U64_HI)
		return ~0ull;
	return (u64)(u64)x;
}

/**
 * kw_f64_trunc_sat_i32_s() - i32.trunc_sat_f64_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f64_trunc_sat_i32_s(u64 a)
{
	double x = f64_of(a);

	if (x != x)
		return 0;
	if (x <= I32_LO)
		return 0x80000000u;
	if (x >= I32_HI)
		return 0x7fffffffu;
	return (u32)(s32)x;
}

/**
 * kw_f64_trunc_sat_i32_u() - i32.trunc_sat_f64_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f64_trunc_sat_i32_u(u64 a)
{
	double x = f64_of(a);

	if (x != x)
		return 0;
	if (x <= U32_LO)
		return 0;
	if (x >= U32_HI)
		return 0xffffffffu;
	return (u32)(u32)x;
}

/**
 * kw_f64_trunc_sat_i64_s() - i64.trunc_sat_f64_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f64_trunc_sat_i64_s(u64 a)
{
	double x = f64_of(a);

	if (x != x)
		return 0;
	if (x <= I64_LO)
		return 0x8000000000000000ull;
	if (x >= I64_HI)
		return 0x7fffffffffffffffull;
	return (u64)(s64)x;
}

/**
 * kw_f64_trunc_sat_i64_u() - i64.trunc_sat_f64_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f64_trunc_sat_i64_u(u64 a)
{
	double x = f64_of(a);

	if (x != x)
		return 0;
	if (x <= U64_LO)
		return 0;
	if (x >= U64_HI)
		return ~0ull;
	return (u64)(u64)x;
}

/**
 * kw_i32_s_to_f32() - f32.convert_i32_s
 * @a: the operand
 */
u32 kw_i32_s_to_f32(u32 a)
{
	return bits_f32((float)(s32)a);
}

/**
 * kw_i32_u_to_f32() - f32.convert_i32_u
 * @a: the operand
 */
u32 kw_i32_u_to_f32(u32 a)
{
	return bits_f32((float)(u32)a);
}

/**
 * kw_i64_s_to_f32() - f32.convert_i64_s
 * @a: the operand
 */
u32 kw_i64_s_to_f32(u64 a)
{
	return bits_f32((float)(s64)a);
}

/**
 * kw_i64_u_to_f32() - f32.convert_i64_u
 * @a: the operand
 */
u32 kw_i64_u_to_f32(u64 a)
{
	return bits_f32((float)(u64)a);
}

/**
 * kw_i32_s_to_f64() - f64.convert_i32_s
 * @a: the operand
 */
u64 kw_i32_s_to_f64(u32 a)
{
	return bits_f64((double)(s32)a);
}

/**
 * kw_i32_u_to_f64() - f64.convert_i32_u
 * @a: the operand
 */
u64 kw_i32_u_to_f64(u32 a)
{
	return bits_f64((double)(u32)a);
}

/**
 * kw_i64_s_to_f64() - f64.convert_i64_s
 * @a: the operand
 */
u64 kw_i64_s_to_f64(u64 a)
{
	return bits_f64((double)(s64)a);
}

/**
 * kw_i64_u_to_f64() - f64.convert_i64_u
 * @a: the operand
 */
u64 kw_i64_u_to_f64(u64 a)
{
	return bits_f64((double)(u64)a);
}

/**
 * kw_f32_promote() - f64.promote_f32 (a NaN comes out quieted with its payload)
 * @a: the operand
 */
u64 kw_f32_promote(u32 a)
{
	return bits_f64((double)f32_of(a));
}

/**
 * kw_f64_demote() - f32.demote_f64 (a NaN comes out quieted with its top payload bits)
 * @a: the operand
 */
u32 kw_f64_demote(u64 a)
{
	return bits_f32((float)f64_of(a));
}
