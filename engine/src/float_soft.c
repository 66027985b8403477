// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Integer-only IEEE-754 binary32/binary64 arithmetic, used by the kernel
 * build where the FPU is off limits: addition, multiplication, comparison,
 * rounding to integers and conversions.  Division and square root are in
 * float_soft_div.c; the representation is described in float_soft.h.
 */
#include "float_soft.h"

enum sf_round { SF_TRUNC, SF_FLOOR, SF_CEIL, SF_NEAREST };

/*
 * Addition with any operands: the general path, zeros first because x + 0
 * and 0 + x are the common cases here (a loop's first iteration).
 */
static __always_inline u64 sf_add_any(u64 a, u64 b, int mb, int eb)
{
	u64 sa = a & SF_SIGN(mb, eb), sb = b & SF_SIGN(mb, eb);
	u64 ma, mb_, t;
	int ea, eb_, te;

	if (sf_iszero(b, mb, eb)) {
		/* -0 + -0 = -0, any other pair of zeros gives +0 */
		if (sf_iszero(a, mb, eb))
			return a & b;
		return sf_isnan(a, mb, eb) ? a | SF_QUIET(mb) : a;
	}
	if (sf_iszero(a, mb, eb))
		return sf_isnan(b, mb, eb) ? b | SF_QUIET(mb) : b;
	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	if (sf_isinf(a, mb, eb)) {
		if (sf_isinf(b, mb, eb) && sa != sb)
			return SF_CNAN(mb, eb);
		return a;
	}
	if (sf_isinf(b, mb, eb))
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

/*
 * x >> n for 0 <= n <= 63, ORing every bit shifted out into bit 0: with a
 * non-zero x below 2^63, n = 63 stands for any larger shift, as it leaves
 * just the sticky bit.
 */
static inline u64 sf_shr_jam63(u64 x, int n)
{
	return (x >> n) | ((x & (((u64)1 << n) - 1)) != 0);
}

/*
 * One out-of-line copy of the general path per format: specialised, yet it
 * keeps the normal path free of the registers it needs.
 */
static noinline u64 sf_add_any32(u64 a, u64 b)
{
	return sf_add_any(a, b, F32);
}

static noinline u64 sf_add_any64(u64 a, u64 b)
{
	return sf_add_any(a, b, F64);
}

/* a + b, or a - b if @sub. */
static __always_inline u64 sf_addsub(u64 a, u64 b, bool sub, int mb, int eb)
{
	const u64 hid = (u64)1 << mb;
	u64 ua, ub, t, ma, mb_, c;
	int ea, d;

	if (unlikely(!sf_isnormal(a, mb, eb) || !sf_isnormal(b, mb, eb))) {
		/* a NaN b keeps its sign: flip only numbers */
		if (sub && (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb)))
			return sf_nan2(a, b, mb, eb);
		if (sub)
			b ^= SF_SIGN(mb, eb);
		return mb == 23 ? sf_add_any32(a, b) : sf_add_any64(a, b);
	}
	if (sub)
		b ^= SF_SIGN(mb, eb);
	ua = sf_abs(a, mb, eb);
	ub = sf_abs(b, mb, eb);
	/* a is the larger magnitude, the result takes its sign (a select, no jump) */
	c = ua < ub;
	t = c ? b : a, b = c ? a : b, a = t;
	t = c ? ub : ua, ub = c ? ua : ub, ua = t;
	ea = ua >> mb;
	d = ea - (int)(ub >> mb);
	ma = ((ua & SF_FRAC(mb)) | hid) << (62 - mb);
	mb_ = ((ub & SF_FRAC(mb)) | hid) << (62 - mb);
	if (!((a ^ b) & SF_SIGN(mb, eb))) {
		/*
		 * The sum is in [2^62, 2^64): a carry out of bit 62 takes one
		 * right shift (jammed) rather than a count of leading zeros.
		 */
		ma += sf_shr_jam63(mb_, d < 63 ? d : 63);
		c = ma >> 63;
		ma = (ma >> c) | (ma & c);
		return sf_round_pack(a & SF_SIGN(mb, eb), ea - SF_BIAS(eb) + (int)c, ma, mb, eb);
	}
	if (d <= 1) {
		/*
		 * Exponents at most one apart: the difference is exact (the
		 * shift drops only zero bits) but may cancel many leading bits.
		 */
		ma -= mb_ >> d;
		if (!ma)
			return 0;	/* x - x = +0 when rounding to nearest */
		/* below 2^63: a left shift puts the leading one at bit 62 */
		d = __builtin_clzll(ma) - 1;
		return sf_round_pack(a & SF_SIGN(mb, eb), ea - SF_BIAS(eb) - d, ma << d, mb, eb);
	}
	/* Two or more apart: the difference is in (2^61, 2^63), one shift at most. */
	ma -= sf_shr_jam63(mb_, d < 63 ? d : 63);
	c = !(ma >> 62);
	return sf_round_pack(a & SF_SIGN(mb, eb), ea - SF_BIAS(eb) - (int)c, ma << c, mb, eb);
}

/* Product of normal @a and @b, rounded: no special operands to look for. */
static inline u64 sf_mul_normal(u64 a, u64 b, int mb, int eb)
{
	const u64 top = (u64)1 << 63;
	u64 sign = (a ^ b) & SF_SIGN(mb, eb);
	int e = sf_bexp(a, mb, eb) + sf_bexp(b, mb, eb) - 2 * SF_BIAS(eb);
	u64 hi, lo, c;

	if (mb <= 31) {
		/* narrow formats: the exact product, in [2^61, 2^63) */
		hi = ((((a & SF_FRAC(mb)) | ((u64)1 << mb)) << (61 - 2 * mb)) *
		      ((b & SF_FRAC(mb)) | ((u64)1 << mb)));
		/*
		 * At most one left shift puts the leading one at bit 62 (there
		 * are no bits below the product to shift in).
		 */
		c = !(hi >> 62);
		return sf_round_pack(sign, e + 1 - (int)c, hi << c, mb, eb);
	}
	/*
	 * Shifting the leading one to bit 63 drops the exponent with no mask.
	 * The high half of the product is then in [2^62, 2^64): one jammed
	 * right shift when bit 63 is set puts the leading one at bit 62.
	 */
	sf_mul64((a << (63 - mb)) | top, (b << (63 - mb)) | top, &hi, &lo);
	c = hi >> 63;
	hi = (hi >> c) | (((hi & c) | lo) != 0);
	return sf_round_pack(sign, e + (int)c, hi, mb, eb);
}

static inline u64 sf_mul(u64 a, u64 b, int mb, int eb)
{
	u64 sign = (a ^ b) & SF_SIGN(mb, eb);
	u64 ma, mb_, hi, lo;
	int ea, eb_;

	if (likely(sf_isnormal(a, mb, eb) && sf_isnormal(b, mb, eb)))
		return sf_mul_normal(a, b, mb, eb);
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
 * A signed integer in the order of the non-NaN value @a: the magnitude,
 * negated for a negative sign, so both zeros map to 0.
 */
static inline s64 sf_key(u64 a, int mb, int eb)
{
	s64 m = (s64)sf_abs(a, mb, eb);

	return a & SF_SIGN(mb, eb) ? -m : m;
}

static inline bool sf_unordered(u64 a, u64 b, int mb, int eb)
{
	return sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb);
}

static inline bool sf_eq(u64 a, u64 b, int mb, int eb)
{
	if (sf_unordered(a, b, mb, eb))
		return false;
	return a == b || !sf_abs(a | b, mb, eb);
}

static inline bool sf_lt(u64 a, u64 b, int mb, int eb)
{
	if (sf_unordered(a, b, mb, eb))
		return false;
	return sf_key(a, mb, eb) < sf_key(b, mb, eb);
}

static inline bool sf_le(u64 a, u64 b, int mb, int eb)
{
	if (sf_unordered(a, b, mb, eb))
		return false;
	return sf_key(a, mb, eb) <= sf_key(b, mb, eb);
}

/*
 * A signed integer in the order of the non-NaN value @a with -0 below +0:
 * the bits with the sign at bit 63, the others inverted when it is set.
 */
static inline s64 sf_total_key(u64 a, int mb, int eb)
{
	s64 x = (s64)(a << (63 - mb - eb));

	return x ^ ((x >> 63) & (s64)(~(u64)0 >> 1));
}

/* Wasm min/max: NaN if either is NaN, and -0 < +0. */
static inline u64 sf_minmax(u64 a, u64 b, bool max, int mb, int eb)
{
	if (sf_unordered(a, b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	return (sf_total_key(a, mb, eb) < sf_total_key(b, mb, eb)) != max ? a : b;
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

/* Every member of kw_float.h's families is one of the kernels above. */
#define SF_FORMAT(f, T)							\
	SF_OP2(T, T, f##_add, sf_addsub(a, b, false, SF_FMT_##f))	\
	SF_OP2(T, T, f##_sub, sf_addsub(a, b, true, SF_FMT_##f))	\
	SF_OP2(T, T, f##_mul, sf_mul(a, b, SF_FMT_##f))			\
	SF_OP2(T, T, f##_min, sf_minmax(a, b, false, SF_FMT_##f))	\
	SF_OP2(T, T, f##_max, sf_minmax(a, b, true, SF_FMT_##f))	\
	SF_OP1(T, T, f##_ceil, sf_round_int(a, SF_CEIL, SF_FMT_##f))	\
	SF_OP1(T, T, f##_floor, sf_round_int(a, SF_FLOOR, SF_FMT_##f))	\
	SF_OP1(T, T, f##_trunc, sf_round_int(a, SF_TRUNC, SF_FMT_##f))	\
	SF_OP1(T, T, f##_nearest, sf_round_int(a, SF_NEAREST, SF_FMT_##f)) \
	SF_OP2(bool, T, f##_eq, sf_eq(a, b, SF_FMT_##f))		\
	SF_OP2(bool, T, f##_lt, sf_lt(a, b, SF_FMT_##f))		\
	SF_OP2(bool, T, f##_le, sf_le(a, b, SF_FMT_##f))

KW_FLOAT_FORMATS(SF_FORMAT)

#define SF_SIGNED_s	true
#define SF_SIGNED_u	false
#define SF_BITS_i32	32
#define SF_BITS_i64	64

#define SF_TRUNC(f, T, i, int_t, C, sg)					\
int kw_##f##_trunc_##i##_##sg(T a, int_t *out)				\
{									\
	u64 r = 0;							\
	bool neg;							\
	int err = sf_to_int(a, SF_SIGNED_##sg, SF_BITS_##i, &r, &neg, SF_FMT_##f); \
									\
	*out = (int_t)r;						\
	return err;							\
}

#define SF_TRUNC_SAT(f, T, i, int_t, C, sg)				\
	SF_OP1(int_t, T, f##_trunc_sat_##i##_##sg,			\
	       sf_to_int_sat(a, SF_SIGNED_##sg, SF_BITS_##i, SF_FMT_##f))

/* Integer to float: the magnitude of @a read as the C type @C, and its sign. */
#define SF_NEG_s(v)	((v) < 0)
#define SF_NEG_u(v)	false
#define SF_CONVERT(f, T, i, int_t, C, sg)				\
T kw_##i##_##sg##_to_##f(int_t a)					\
{									\
	C v = (C)a;							\
	bool neg = SF_NEG_##sg(v);					\
									\
	return sf_from_int(neg ? -(u64)v : (u64)v, neg, SF_FMT_##f);	\
}

KW_FLOAT_INT_CONVS(SF_TRUNC)
KW_FLOAT_INT_CONVS(SF_TRUNC_SAT)
KW_FLOAT_INT_CONVS(SF_CONVERT)

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
