/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Shared helpers of the integer-only IEEE-754 arithmetic: float_soft.c
 * (add, mul, compare, round, convert) and float_soft_div.c (div, sqrt),
 * which the kernel build uses because the FPU is off limits there.
 *
 * Values travel as raw bits in a u64 (binary32 in the low half).  The
 * helpers take the format as MB fraction bits and EB exponent bits; they are
 * static inline with constant formats, so the compiler specialises them.
 *
 * Finite non-zero operands are unpacked to a significand with its leading
 * one at bit 62 and an unbiased exponent, so value = sig * 2^(exp - 62).
 * Results keep extra low bits plus a sticky bit ("jamming": any bit shifted
 * out is ORed into bit 0) and are rounded exactly once, to nearest with
 * ties to even, in sf_round_pack().  Subnormals are fully supported.
 *
 * NaN rules are those of WebAssembly: a NaN operand yields that operand with
 * its quiet bit set (an arithmetic NaN); an invalid operation on non-NaN
 * operands yields the positive canonical NaN.
 *
 * Speed: add, sub, mul and div first test that both operands are normal
 * (one range check each) and go straight to the arithmetic; zeros,
 * subnormals, infinities and NaNs take the general path.  Square root uses
 * a reciprocal square root estimate refined by Newton's method, then an
 * exact integer correction, instead of a bit-by-bit loop.
 */
#ifndef KW_FLOAT_SOFT_H
#define KW_FLOAT_SOFT_H

#include "internal.h"
#include "kw_float.h"

/*
 * The helpers take the format as constant arguments and are only fast once
 * specialised, so size heuristics must not keep one out of line; rare paths
 * are kept out of line on purpose.  Kernel builds already have both macros.
 */
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#ifndef noinline
#define noinline __attribute__((__noinline__))
#endif

#define F32	23, 8	/* fraction bits, exponent bits */
#define F64	52, 11
#define SF_FMT_f32	F32
#define SF_FMT_f64	F64

/* kw_<name>() of kw_float.h as one call of a kernel, with one or two operands. */
#define SF_OP1(R, T, name, call)					\
R kw_##name(T a)							\
{									\
	return call;							\
}

#define SF_OP2(R, T, name, call)					\
R kw_##name(T a, T b)							\
{									\
	return call;							\
}

#define SF_EMAX(eb)	((1 << (eb)) - 1)
#define SF_BIAS(eb)	((1 << ((eb) - 1)) - 1)
#define SF_SIGN(mb, eb)	((u64)1 << ((mb) + (eb)))
#define SF_FRAC(mb)	(((u64)1 << (mb)) - 1)
#define SF_QUIET(mb)	((u64)1 << ((mb) - 1))
#define SF_INF(mb, eb)	((u64)SF_EMAX(eb) << (mb))
#define SF_CNAN(mb, eb)	(SF_INF(mb, eb) | SF_QUIET(mb))
#define SF_ONE(mb, eb)	((u64)SF_BIAS(eb) << (mb))

static inline int sf_bexp(u64 a, int mb, int eb)
{
	return (int)(a >> mb) & SF_EMAX(eb);
}

static inline u64 sf_abs(u64 a, int mb, int eb)
{
	return a & (SF_SIGN(mb, eb) - 1);
}

static inline bool sf_isnan(u64 a, int mb, int eb)
{
	return sf_abs(a, mb, eb) > SF_INF(mb, eb);
}

static inline bool sf_isinf(u64 a, int mb, int eb)
{
	return sf_abs(a, mb, eb) == SF_INF(mb, eb);
}

static inline bool sf_iszero(u64 a, int mb, int eb)
{
	return sf_abs(a, mb, eb) == 0;
}

/* Normal (not zero, subnormal, infinite or NaN), either sign. */
static inline bool sf_isnormal(u64 a, int mb, int eb)
{
	return sf_abs(a, mb, eb) - ((u64)1 << mb) < SF_INF(mb, eb) - ((u64)1 << mb);
}

/* The NaN operand of a two-operand operation, quieted. */
static inline u64 sf_nan2(u64 a, u64 b, int mb, int eb)
{
	return (sf_isnan(a, mb, eb) ? a : b) | SF_QUIET(mb);
}

/* x >> n, ORing every bit shifted out into bit 0. */
static inline u64 sf_shr_jam(u64 x, int n)
{
	if (n <= 0)
		return x;
	if (n >= 64)
		return x != 0;
	return (x >> n) | ((x << (64 - n)) != 0);
}

/* Unpack finite non-zero @a: significand with its leading one at bit 62. */
static inline u64 sf_unpack(u64 a, int mb, int eb, int *exp)
{
	int be = sf_bexp(a, mb, eb);
	u64 sig = a & SF_FRAC(mb);
	int s;

	if (be) {
		*exp = be - SF_BIAS(eb);
		return (sig | ((u64)1 << mb)) << (62 - mb);
	}
	/* Subnormal: normalise so later code sees one representation. */
	s = __builtin_clzll(sig) - 1;
	*exp = 1 - SF_BIAS(eb) + (62 - mb) - s;
	return sig << s;
}

/*
 * Round sign * sig * 2^(exp - 62) (sig has its leading one at bit 62 and a
 * sticky bit 0) to nearest even and pack it, handling overflow to infinity
 * and gradual underflow.
 */
static inline u64 sf_round_pack(u64 sign, int exp, u64 sig, int mb, int eb)
{
	int be = exp + SF_BIAS(eb);
	const int sh = 62 - mb;

	if (unlikely((unsigned int)(be - 1) >= SF_EMAX(eb) - 1)) {
		if (be >= SF_EMAX(eb))
			return sign | SF_INF(mb, eb);
		/* Subnormal result: denormalise first so we round only once. */
		sig = sf_shr_jam(sig, 1 - be);
		be = 1;
	}
	/*
	 * Round to nearest even without a branch: adding half - 1 carries into
	 * the kept bits when the rest is above one half, and adding the kept
	 * low bit too makes an exact half carry only into an odd value.
	 */
	sig = (sig + ((u64)1 << (sh - 1)) - 1 + ((sig >> sh) & 1)) >> sh;
	/*
	 * sig includes the hidden bit, so a rounding carry bumps the exponent,
	 * up to the infinity's bit pattern at most.
	 */
	return sign | (((u64)(be - 1) << mb) + sig);
}

/* Normalise and round sign * sig * 2^lsb_exp, sig != 0 (may carry a sticky bit 0). */
static inline u64 sf_norm_pack(u64 sign, int lsb_exp, u64 sig, int mb, int eb)
{
	int s = __builtin_clzll(sig);

	if (s == 0)
		sig = (sig >> 1) | (sig & 1);
	else
		sig <<= s - 1;
	return sf_round_pack(sign, lsb_exp + 63 - s, sig, mb, eb);
}

/*
 * Full 64x64->128 bit product: one instruction where the compiler has a
 * 128-bit type (multiplying one needs no library helper), else from 32-bit
 * halves.
 */
static inline void sf_mul64(u64 a, u64 b, u64 *hi, u64 *lo)
{
#ifdef __SIZEOF_INT128__
	__uint128_t p = (__uint128_t)a * b;

	*lo = (u64)p;
	*hi = (u64)(p >> 64);
#else
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;

	*lo = (mid << 32) | (u32)ll;
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

static inline u64 sf_mulhi(u64 a, u64 b)
{
	u64 hi, lo;

	sf_mul64(a, b, &hi, &lo);
	return hi;
}

#endif /* KW_FLOAT_SOFT_H */
