// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Integer-only IEEE-754 binary32/binary64 arithmetic, used by the kernel
 * build where the FPU is off limits.
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
 */
#include "kwasm/kwasm.h"
#include "kw_float.h"

#define F32	23, 8	/* fraction bits, exponent bits */
#define F64	52, 11

#define SF_EMAX(eb)	((1 << (eb)) - 1)
#define SF_BIAS(eb)	((1 << ((eb) - 1)) - 1)
#define SF_SIGN(mb, eb)	((u64)1 << ((mb) + (eb)))
#define SF_FRAC(mb)	(((u64)1 << (mb)) - 1)
#define SF_QUIET(mb)	((u64)1 << ((mb) - 1))
#define SF_INF(mb, eb)	((u64)SF_EMAX(eb) << (mb))
#define SF_CNAN(mb, eb)	(SF_INF(mb, eb) | SF_QUIET(mb))
#define SF_ONE(mb, eb)	((u64)SF_BIAS(eb) << (mb))

enum sf_round { SF_TRUNC, SF_FLOOR, SF_CEIL, SF_NEAREST };

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
	u64 half = (u64)1 << (sh - 1);
	u64 rem, q, r;

	if (be >= SF_EMAX(eb))
		return sign | SF_INF(mb, eb);
	if (be <= 0) {
		/* Subnormal result: denormalise first so we round only once. */
		sig = sf_shr_jam(sig, 1 - be);
		be = 1;
	}
	rem = sig & ((half << 1) - 1);
	q = sig >> sh;
	if (rem > half || (rem == half && (q & 1)))
		q++;
	/* q includes the hidden bit, so a rounding carry bumps the exponent. */
	r = ((u64)(be - 1) << mb) + q;
	if (r >= SF_INF(mb, eb))
		return sign | SF_INF(mb, eb);
	return sign | r;
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

static inline u64 sf_add(u64 a, u64 b, int mb, int eb)
{
	u64 sa = a & SF_SIGN(mb, eb), sb = b & SF_SIGN(mb, eb);
	u64 ma, mb_, t;
	int ea, eb_, te;

	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	if (sf_isinf(a, mb, eb)) {
		if (sf_isinf(b, mb, eb) && sa != sb)
			return SF_CNAN(mb, eb);
		return a;
	}
	if (sf_isinf(b, mb, eb))
		return b;
	if (sf_iszero(b, mb, eb))
		/* -0 + -0 = -0, any other pair of zeros gives +0 */
		return sf_iszero(a, mb, eb) ? (a & b) : a;
	if (sf_iszero(a, mb, eb))
		return b;

	ma = sf_unpack(a, mb, eb, &ea);
	mb_ = sf_unpack(b, mb, eb, &eb_);
	if (ea < eb_ || (ea == eb_ && ma < mb_)) {
		/* make a the larger magnitude; the result takes its sign */
		t = ma, ma = mb_, mb_ = t;
		te = ea, ea = eb_, eb_ = te;
		t = sa, sa = sb, sb = t;
	}
	/*
	 * Unpacked significands have at least 10 zero low bits, so the jam
	 * only loses information when the exponents differ by more than
	 * that, and then a difference needs at most one bit of renormalising.
	 */
	mb_ = sf_shr_jam(mb_, ea - eb_);
	if (sa == sb)
		return sf_norm_pack(sa, ea - 62, ma + mb_, mb, eb);
	ma -= mb_;
	if (!ma)
		return 0;	/* x - x = +0 when rounding to nearest */
	return sf_norm_pack(sa, ea - 62, ma, mb, eb);
}

static inline u64 sf_sub(u64 a, u64 b, int mb, int eb)
{
	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	return sf_add(a, b ^ SF_SIGN(mb, eb), mb, eb);
}

/* Full 64x64->128 bit product from 32-bit halves (no compiler helpers). */
static inline void sf_mul64(u64 a, u64 b, u64 *hi, u64 *lo)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;

	*lo = (mid << 32) | (u32)ll;
	*hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static inline u64 sf_mul(u64 a, u64 b, int mb, int eb)
{
	u64 sign = (a ^ b) & SF_SIGN(mb, eb);
	u64 ma, mb_, hi, lo;
	int ea, eb_;

	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	if (sf_isinf(a, mb, eb) || sf_isinf(b, mb, eb)) {
		if (sf_iszero(a, mb, eb) || sf_iszero(b, mb, eb))
			return SF_CNAN(mb, eb);
		return sign | SF_INF(mb, eb);
	}
	if (sf_iszero(a, mb, eb) || sf_iszero(b, mb, eb))
		return sign;

	ma = sf_unpack(a, mb, eb, &ea);
	mb_ = sf_unpack(b, mb, eb, &eb_);
	if (mb <= 31) {
		/* Narrow formats: the exact product fits in 64 bits. */
		ma >>= 62 - mb;
		mb_ >>= 62 - mb;
		return sf_norm_pack(sign, ea + eb_ - 2 * mb, ma * mb_, mb, eb);
	}
	/* Product is in [2^124, 2^126): keep bits 62.. and jam the rest. */
	sf_mul64(ma, mb_, &hi, &lo);
	hi = (hi << 2) | (lo >> 62) | ((lo << 2) != 0);
	return sf_norm_pack(sign, ea + eb_ - 62, hi, mb, eb);
}

/*
 * (hi * 2^64) / v for v with bit 63 set and hi < v: the 128-by-64 schoolbook
 * division in two 32-bit digits (Knuth's algorithm D), each digit estimated
 * with one native 64-bit division and corrected at most twice.
 */
static inline u64 sf_div128(u64 hi, u64 v, u64 *rem)
{
	const u64 b = (u64)1 << 32;
	u64 vn1 = v >> 32, vn0 = (u32)v;
	u64 q1, q0, rhat, un21;

	q1 = hi / vn1;
	rhat = hi - q1 * vn1;
	while (q1 >= b || q1 * vn0 > (rhat << 32)) {
		q1--;
		rhat += vn1;
		if (rhat >= b)
			break;
	}
	un21 = (hi << 32) - q1 * v;	/* exact mod 2^64: the true value is < v */
	q0 = un21 / vn1;
	rhat = un21 - q0 * vn1;
	while (q0 >= b || q0 * vn0 > (rhat << 32)) {
		q0--;
		rhat += vn1;
		if (rhat >= b)
			break;
	}
	*rem = (un21 << 32) - q0 * v;
	return (q1 << 32) | q0;
}

static inline u64 sf_div(u64 a, u64 b, int mb, int eb)
{
	u64 sign = (a ^ b) & SF_SIGN(mb, eb);
	u64 ma, mb_, q, r;
	int ea, eb_;

	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	if (sf_isinf(a, mb, eb)) {
		if (sf_isinf(b, mb, eb))
			return SF_CNAN(mb, eb);
		return sign | SF_INF(mb, eb);
	}
	if (sf_isinf(b, mb, eb))
		return sign;
	if (sf_iszero(b, mb, eb)) {
		if (sf_iszero(a, mb, eb))
			return SF_CNAN(mb, eb);
		return sign | SF_INF(mb, eb);
	}
	if (sf_iszero(a, mb, eb))
		return sign;

	ma = sf_unpack(a, mb, eb, &ea);
	mb_ = sf_unpack(b, mb, eb, &eb_);
	if (mb <= 31) {
		/* Narrow formats: one 64-bit division gives 39+ quotient bits. */
		ma = (ma >> (62 - mb)) << 39;
		mb_ >>= 62 - mb;
		q = ma / mb_;
		r = ma - q * mb_;
		return sf_norm_pack(sign, ea - eb_ - 39, q | (r != 0), mb, eb);
	}
	/* ma * 2^63 / mb_, in (2^62, 2^64): 63+ quotient bits, plus sticky. */
	q = sf_div128(ma, mb_ << 1, &r);
	return sf_norm_pack(sign, ea - eb_ - 63, q | (r != 0), mb, eb);
}

static inline u64 sf_sqrt(u64 a, int mb, int eb)
{
	const int k = mb / 2 + 3;	/* extra zero digit pairs for precision */
	const int npairs = (mb + 3) / 2 + k;
	u64 m, rem = 0, root = 0, t, pair;
	int e, i;

	if (sf_isnan(a, mb, eb))
		return a | SF_QUIET(mb);
	if (sf_iszero(a, mb, eb))
		return a;	/* sqrt(-0) = -0 */
	if (a & SF_SIGN(mb, eb))
		return SF_CNAN(mb, eb);
	if (sf_isinf(a, mb, eb))
		return a;

	m = sf_unpack(a, mb, eb, &e) >> (62 - mb);
	e -= mb;		/* now value = m * 2^e */
	if (e & 1) {
		m <<= 1;
		e -= 1;
	}
	/*
	 * Digit-by-digit square root of m * 4^k, feeding two bits per step;
	 * rem stays below 2 * root + 1, so everything fits in 64 bits.
	 */
	for (i = npairs - 1; i >= 0; i--) {
		pair = i >= k ? (m >> (2 * (i - k))) & 3 : 0;
		rem = (rem << 2) | pair;
		t = (root << 2) | 1;
		root <<= 1;
		if (rem >= t) {
			rem -= t;
			root |= 1;
		}
	}
	root = (root << 1) | (rem != 0);
	return sf_norm_pack(0, e / 2 - k - 1, root, mb, eb);
}

static inline bool sf_eq(u64 a, u64 b, int mb, int eb)
{
	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return false;
	if (sf_iszero(a, mb, eb) && sf_iszero(b, mb, eb))
		return true;
	return a == b;
}

static inline bool sf_lt(u64 a, u64 b, int mb, int eb)
{
	u64 sa = a & SF_SIGN(mb, eb), sb = b & SF_SIGN(mb, eb);

	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return false;
	if (sf_iszero(a, mb, eb) && sf_iszero(b, mb, eb))
		return false;
	if (sa != sb)
		return sa != 0;
	return sa ? a > b : a < b;
}

static inline bool sf_le(u64 a, u64 b, int mb, int eb)
{
	u64 sa = a & SF_SIGN(mb, eb), sb = b & SF_SIGN(mb, eb);

	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return false;
	if (sf_iszero(a, mb, eb) && sf_iszero(b, mb, eb))
		return true;
	if (sa != sb)
		return sa != 0;
	return sa ? a >= b : a <= b;
}

/* Wasm min/max: NaN if either is NaN, and -0 < +0. */
static inline u64 sf_minmax(u64 a, u64 b, bool max, int mb, int eb)
{
	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	if (sf_iszero(a, mb, eb) && sf_iszero(b, mb, eb))
		return max ? (a & b) : (a | b);
	return sf_lt(a, b, mb, eb) != max ? a : b;
}

/* ceil/floor/trunc/nearest by masking the fraction bits below the units. */
static inline u64 sf_round_int(u64 a, enum sf_round mode, int mb, int eb)
{
	u64 sign = a & SF_SIGN(mb, eb);
	int e = sf_bexp(a, mb, eb) - SF_BIAS(eb);
	u64 fmask, f, half;
	bool up = false;

	if (e >= mb)	/* already integral, or inf/NaN */
		return sf_isnan(a, mb, eb) ? a | SF_QUIET(mb) : a;
	if (e < 0) {	/* |a| < 1 */
		if (sf_iszero(a, mb, eb))
			return a;
		switch (mode) {
		case SF_FLOOR:
			return sign ? sign | SF_ONE(mb, eb) : 0;
		case SF_CEIL:
			return sign ? sign : SF_ONE(mb, eb);
		case SF_NEAREST:
			/* above one half rounds away; exactly one half goes to 0 */
			if (e == -1 && (a & SF_FRAC(mb)))
				return sign | SF_ONE(mb, eb);
			return sign;
		default:
			return sign;
		}
	}
	fmask = SF_FRAC(mb) >> e;
	f = a & fmask;
	if (!f)
		return a;
	switch (mode) {
	case SF_FLOOR:
		up = sign != 0;
		break;
	case SF_CEIL:
		up = sign == 0;
		break;
	case SF_NEAREST:
		/*
		 * Ties go to even; the units bit is fmask + 1 (for e == 0 that
		 * is the exponent's low bit, set since the bias is odd: 1 is odd).
		 */
		half = (fmask >> 1) + 1;
		up = f > half || (f == half && (a & (fmask + 1)));
		break;
	default:
		break;
	}
	/* Rounding the magnitude up may carry into the exponent, correctly. */
	if (up)
		a += fmask + 1;
	return a & ~fmask;
}

/*
 * Truncate @a toward zero to an @nbits integer.  Return 0 with the two's
 * complement result in @out, or the trap code; *neg tells the saturating
 * callers which way an overflow went.
 */
static inline int sf_to_int(u64 a, bool is_signed, int nbits, u64 *out, bool *neg,
			    int mb, int eb)
{
	int e = sf_bexp(a, mb, eb) - SF_BIAS(eb);
	u64 m, mag, lim;

	*neg = (a & SF_SIGN(mb, eb)) != 0;
	if (sf_isnan(a, mb, eb))
		return KW_TRAP_INVALID_CONV;
	if (e >= 64)	/* includes infinities */
		return KW_TRAP_INT_OVERFLOW;
	if (e < 0) {
		mag = 0;
	} else {
		m = (a & SF_FRAC(mb)) | ((u64)1 << mb);
		mag = e >= mb ? m << (e - mb) : m >> (mb - e);
	}
	if (is_signed)
		lim = ((u64)1 << (nbits - 1)) - !*neg;
	else if (*neg)
		lim = 0;
	else
		lim = nbits == 64 ? ~(u64)0 : ((u64)1 << nbits) - 1;
	if (mag > lim)
		return KW_TRAP_INT_OVERFLOW;
	*out = *neg ? -mag : mag;
	return 0;
}

static inline u64 sf_to_int_sat(u64 a, bool is_signed, int nbits, int mb, int eb)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, is_signed, nbits, &r, &neg, mb, eb);

	if (err == KW_TRAP_INVALID_CONV)
		return 0;
	if (err) {
		if (!is_signed)
			return neg ? 0 : ~(u64)0 >> (64 - nbits);
		/* INT_MIN or INT_MAX; callers keep the low nbits */
		return ((u64)1 << (nbits - 1)) - !neg;
	}
	return r;
}

static inline u64 sf_from_int(u64 mag, bool neg, int mb, int eb)
{
	u64 sign = neg ? SF_SIGN(mb, eb) : 0;

	if (!mag)
		return 0;
	return sf_norm_pack(sign, 0, mag, mb, eb);
}

/* Exact widening/narrowing between the two formats, for finite non-zero @a. */
static inline u64 sf_convert(u64 a, u64 sign, int mb_from, int eb_from, int mb, int eb)
{
	int e;
	u64 sig = sf_unpack(a, mb_from, eb_from, &e);

	return sf_round_pack(sign, e, sig, mb, eb);
}

/**
 * kw_f32_add() - f32.add, correctly rounded addition
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_add(u32 a, u32 b)
{
	return sf_add(a, b, F32);
}

/**
 * kw_f32_sub() - f32.sub, correctly rounded subtraction
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_sub(u32 a, u32 b)
{
	return sf_sub(a, b, F32);
}

/**
 * kw_f32_mul() - f32.mul, correctly rounded multiplication
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_mul(u32 a, u32 b)
{
	return sf_mul(a, b, F32);
}

/**
 * kw_f32_div() - f32.div, correctly rounded division
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_div(u32 a, u32 b)
{
	return sf_div(a, b, F32);
}

/**
 * kw_f32_min() - f32.min (NaN if either operand is, -0 below +0)
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_min(u32 a, u32 b)
{
	return sf_minmax(a, b, false, F32);
}

/**
 * kw_f32_max() - f32.max (NaN if either operand is, +0 above -0)
 * @a: first operand
 * @b: second operand
 */
u32 kw_f32_max(u32 a, u32 b)
{
	return sf_minmax(a, b, true, F32);
}

/**
 * kw_f32_sqrt() - f32.sqrt, correctly rounded
 * @a: the operand
 */
u32 kw_f32_sqrt(u32 a)
{
	return sf_sqrt(a, F32);
}

/**
 * kw_f32_ceil() - f32.ceil
 * @a: the operand
 */
u32 kw_f32_ceil(u32 a)
{
	return sf_round_int(a, SF_CEIL, F32);
}

/**
 * kw_f32_floor() - f32.floor
 * @a: the operand
 */
u32 kw_f32_floor(u32 a)
{
	return sf_round_int(a, SF_FLOOR, F32);
}

/**
 * kw_f32_trunc() - f32.trunc
 * @a: the operand
 */
u32 kw_f32_trunc(u32 a)
{
	return sf_round_int(a, SF_TRUNC, F32);
}

/**
 * kw_f32_nearest() - f32.nearest (ties to even)
 * @a: the operand
 */
u32 kw_f32_nearest(u32 a)
{
	return sf_round_int(a, SF_NEAREST, F32);
}

/**
 * kw_f32_eq() - f32.eq (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_eq(u32 a, u32 b)
{
	return sf_eq(a, b, F32);
}

/**
 * kw_f32_lt() - f32.lt (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_lt(u32 a, u32 b)
{
	return sf_lt(a, b, F32);
}

/**
 * kw_f32_le() - f32.le (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f32_le(u32 a, u32 b)
{
	return sf_le(a, b, F32);
}

/**
 * kw_f64_add() - f64.add, correctly rounded addition
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_add(u64 a, u64 b)
{
	return sf_add(a, b, F64);
}

/**
 * kw_f64_sub() - f64.sub, correctly rounded subtraction
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_sub(u64 a, u64 b)
{
	return sf_sub(a, b, F64);
}

/**
 * kw_f64_mul() - f64.mul, correctly rounded multiplication
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_mul(u64 a, u64 b)
{
	return sf_mul(a, b, F64);
}

/**
 * kw_f64_div() - f64.div, correctly rounded division
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_div(u64 a, u64 b)
{
	return sf_div(a, b, F64);
}

/**
 * kw_f64_min() - f64.min (NaN if either operand is, -0 below +0)
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_min(u64 a, u64 b)
{
	return sf_minmax(a, b, false, F64);
}

/**
 * kw_f64_max() - f64.max (NaN if either operand is, +0 above -0)
 * @a: first operand
 * @b: second operand
 */
u64 kw_f64_max(u64 a, u64 b)
{
	return sf_minmax(a, b, true, F64);
}

/**
 * kw_f64_sqrt() - f64.sqrt, correctly rounded
 * @a: the operand
 */
u64 kw_f64_sqrt(u64 a)
{
	return sf_sqrt(a, F64);
}

/**
 * kw_f64_ceil() - f64.ceil
 * @a: the operand
 */
u64 kw_f64_ceil(u64 a)
{
	return sf_round_int(a, SF_CEIL, F64);
}

/**
 * kw_f64_floor() - f64.floor
 * @a: the operand
 */
u64 kw_f64_floor(u64 a)
{
	return sf_round_int(a, SF_FLOOR, F64);
}

/**
 * kw_f64_trunc() - f64.trunc
 * @a: the operand
 */
u64 kw_f64_trunc(u64 a)
{
	return sf_round_int(a, SF_TRUNC, F64);
}

/**
 * kw_f64_nearest() - f64.nearest (ties to even)
 * @a: the operand
 */
u64 kw_f64_nearest(u64 a)
{
	return sf_round_int(a, SF_NEAREST, F64);
}

/**
 * kw_f64_eq() - f64.eq (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_eq(u64 a, u64 b)
{
	return sf_eq(a, b, F64);
}

/**
 * kw_f64_lt() - f64.lt (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_lt(u64 a, u64 b)
{
	return sf_lt(a, b, F64);
}

/**
 * kw_f64_le() - f64.le (false if either operand is NaN)
 * @a: first operand
 * @b: second operand
 */
bool kw_f64_le(u64 a, u64 b)
{
	return sf_le(a, b, F64);
}

/**
 * kw_f32_trunc_i32_s() - i32.trunc_f32_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i32_s(u32 a, u32 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, true, 32, &r, &neg, F32);

	*out = (u32)r;
	return err;
}

/**
 * kw_f32_trunc_i32_u() - i32.trunc_f32_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i32_u(u32 a, u32 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, false, 32, &r, &neg, F32);

	*out = (u32)r;
	return err;
}

/**
 * kw_f32_trunc_i64_s() - i64.trunc_f32_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i64_s(u32 a, u64 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, true, 64, &r, &neg, F32);

	*out = r;
	return err;
}

/**
 * kw_f32_trunc_i64_u() - i64.trunc_f32_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f32_trunc_i64_u(u32 a, u64 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, false, 64, &r, &neg, F32);

	*out = r;
	return err;
}

/**
 * kw_f64_trunc_i32_s() - i32.trunc_f64_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i32_s(u64 a, u32 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, true, 32, &r, &neg, F64);

	*out = (u32)r;
	return err;
}

/**
 * kw_f64_trunc_i32_u() - i32.trunc_f64_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i32_u(u64 a, u32 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, false, 32, &r, &neg, F64);

	*out = (u32)r;
	return err;
}

/**
 * kw_f64_trunc_i64_s() - i64.trunc_f64_s: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i64_s(u64 a, u64 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, true, 64, &r, &neg, F64);

	*out = r;
	return err;
}

/**
 * kw_f64_trunc_i64_u() - i64.trunc_f64_u: trap on NaN or out of range
 * @a: the value to convert
 * @out: result on success
 */
int kw_f64_trunc_i64_u(u64 a, u64 *out)
{
	u64 r = 0;
	bool neg;
	int err = sf_to_int(a, false, 64, &r, &neg, F64);

	*out = r;
	return err;
}

/**
 * kw_f32_trunc_sat_i32_s() - i32.trunc_sat_f32_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f32_trunc_sat_i32_s(u32 a)
{
	return sf_to_int_sat(a, true, 32, F32);
}

/**
 * kw_f32_trunc_sat_i32_u() - i32.trunc_sat_f32_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f32_trunc_sat_i32_u(u32 a)
{
	return sf_to_int_sat(a, false, 32, F32);
}

/**
 * kw_f32_trunc_sat_i64_s() - i64.trunc_sat_f32_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f32_trunc_sat_i64_s(u32 a)
{
	return sf_to_int_sat(a, true, 64, F32);
}

/**
 * kw_f32_trunc_sat_i64_u() - i64.trunc_sat_f32_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f32_trunc_sat_i64_u(u32 a)
{
	return sf_to_int_sat(a, false, 64, F32);
}

/**
 * kw_f64_trunc_sat_i32_s() - i32.trunc_sat_f64_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f64_trunc_sat_i32_s(u64 a)
{
	return sf_to_int_sat(a, true, 32, F64);
}

/**
 * kw_f64_trunc_sat_i32_u() - i32.trunc_sat_f64_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u32 kw_f64_trunc_sat_i32_u(u64 a)
{
	return sf_to_int_sat(a, false, 32, F64);
}

/**
 * kw_f64_trunc_sat_i64_s() - i64.trunc_sat_f64_s: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f64_trunc_sat_i64_s(u64 a)
{
	return sf_to_int_sat(a, true, 64, F64);
}

/**
 * kw_f64_trunc_sat_i64_u() - i64.trunc_sat_f64_u: NaN gives 0, out of range clamps
 * @a: the operand
 */
u64 kw_f64_trunc_sat_i64_u(u64 a)
{
	return sf_to_int_sat(a, false, 64, F64);
}

/**
 * kw_i32_s_to_f32() - f32.convert_i32_s, rounded to nearest even
 * @a: the operand
 */
u32 kw_i32_s_to_f32(u32 a)
{
	s32 v = (s32)a;

	return sf_from_int(v < 0 ? -(u64)(s64)v : (u64)v, v < 0, F32);
}

/**
 * kw_i32_u_to_f32() - f32.convert_i32_u, rounded to nearest even
 * @a: the operand
 */
u32 kw_i32_u_to_f32(u32 a)
{
	return sf_from_int(a, false, F32);
}

/**
 * kw_i64_s_to_f32() - f32.convert_i64_s, rounded to nearest even
 * @a: the operand
 */
u32 kw_i64_s_to_f32(u64 a)
{
	bool neg = (s64)a < 0;

	return sf_from_int(neg ? -a : a, neg, F32);
}

/**
 * kw_i64_u_to_f32() - f32.convert_i64_u, rounded to nearest even
 * @a: the operand
 */
u32 kw_i64_u_to_f32(u64 a)
{
	return sf_from_int(a, false, F32);
}

/**
 * kw_i32_s_to_f64() - f64.convert_i32_s, rounded to nearest even
 * @a: the operand
 */
u64 kw_i32_s_to_f64(u32 a)
{
	s32 v = (s32)a;

	return sf_from_int(v < 0 ? -(u64)(s64)v : (u64)v, v < 0, F64);
}

/**
 * kw_i32_u_to_f64() - f64.convert_i32_u, rounded to nearest even
 * @a: the operand
 */
u64 kw_i32_u_to_f64(u32 a)
{
	return sf_from_int(a, false, F64);
}

/**
 * kw_i64_s_to_f64() - f64.convert_i64_s, rounded to nearest even
 * @a: the operand
 */
u64 kw_i64_s_to_f64(u64 a)
{
	bool neg = (s64)a < 0;

	return sf_from_int(neg ? -a : a, neg, F64);
}

/**
 * kw_i64_u_to_f64() - f64.convert_i64_u, rounded to nearest even
 * @a: the operand
 */
u64 kw_i64_u_to_f64(u64 a)
{
	return sf_from_int(a, false, F64);
}

/**
 * kw_f32_promote() - f64.promote_f32 (exact; a NaN keeps its payload, quieted)
 * @a: the operand
 */
u64 kw_f32_promote(u32 a)
{
	u64 sign = (u64)(a >> 31) << 63;

	if (sf_isnan(a, F32))
		return sign | 0x7ff8000000000000ull | ((u64)(a & 0x7fffff) << 29);
	if (sf_isinf(a, F32))
		return sign | 0x7ff0000000000000ull;
	if (sf_iszero(a, F32))
		return sign;
	return sf_convert(a, sign, F32, F64);
}

/**
 * kw_f64_demote() - f32.demote_f64, rounded to nearest even
 * @a: the operand
 *
 * A NaN keeps the top bits of its payload and is quieted.
 */
u32 kw_f64_demote(u64 a)
{
	u64 sign = (a >> 63) << 31;

	if (sf_isnan(a, F64))
		return sign | 0x7fc00000 | ((a & 0xfffffffffffffull) >> 29);
	if (sf_isinf(a, F64))
		return sign | 0x7f800000;
	if (sf_iszero(a, F64))
		return sign;
	return sf_convert(a, sign, F64, F32);
}
