// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Integer-only IEEE-754 division and square root (see float_soft.h).
 */
#include "float_soft.h"

#if !defined(__x86_64__)
/*
 * One 32-bit quotient digit of num / v (Knuth's algorithm D): estimated from
 * v's top digit vn1 by one native division, then corrected with vn0.
 */
static inline u64 sf_div_digit(u64 num, u64 vn1, u64 vn0)
{
	const u64 b = (u64)1 << 32;
	u64 q = num / vn1, rhat = num - q * vn1;

	while (q >= b || q * vn0 > (rhat << 32)) {
		q--;
		rhat += vn1;
		if (rhat >= b)
			break;
	}
	return q;
}
#endif

/*
 * (hi * 2^64) / v for v with bit 63 set and hi < v.  x86-64 has the 128-by-64
 * division as one instruction; elsewhere this is the schoolbook division in
 * two 32-bit digits (Knuth's algorithm D), each digit estimated with one
 * native 64-bit division and corrected at most twice.
 */
static inline u64 sf_div128(u64 hi, u64 v, u64 *rem)
{
#if defined(__x86_64__)
	/* one divq: it cannot fault, as hi < v keeps the quotient in 64 bits */
	u64 q, r;

	asm("divq %[v]" : "=a" (q), "=d" (r) : [v] "rm" (v), "a" (0ull), "d" (hi));
	*rem = r;
	return q;
#else
	u64 vn1 = v >> 32, vn0 = (u32)v;
	u64 q1, q0, un21;

	q1 = sf_div_digit(hi, vn1, vn0);
	un21 = (hi << 32) - q1 * v;	/* exact mod 2^64: the true value is < v */
	q0 = sf_div_digit(un21, vn1, vn0);
	*rem = (un21 << 32) - q0 * v;
	return (q1 << 32) | q0;
#endif
}

static inline u64 sf_div(u64 a, u64 b, int mb, int eb)
{
	u64 sign = (a ^ b) & SF_SIGN(mb, eb);
	u64 ma, mb_, q, r;
	int ea, eb_;

	if (likely(sf_isnormal(a, mb, eb) && sf_isnormal(b, mb, eb))) {
		/* no unpacking: both have their hidden bit */
		ea = sf_bexp(a, mb, eb);
		eb_ = sf_bexp(b, mb, eb);
		ma = ((a & SF_FRAC(mb)) | ((u64)1 << mb)) << (62 - mb);
		mb_ = ((b & SF_FRAC(mb)) | ((u64)1 << mb)) << (62 - mb);
		goto divide;
	}
	if (sf_isnan(a, mb, eb) || sf_isnan(b, mb, eb))
		return sf_nan2(a, b, mb, eb);
	/* inf / inf and 0 / 0 are invalid; inf / x and x / 0 give inf, x / inf and 0 / x zero */
	if ((sf_isinf(a, mb, eb) && sf_isinf(b, mb, eb)) ||
	    (sf_iszero(a, mb, eb) && sf_iszero(b, mb, eb)))
		return SF_CNAN(mb, eb);
	if (sf_isinf(a, mb, eb) || sf_iszero(b, mb, eb))
		return sign | SF_INF(mb, eb);
	if (sf_isinf(b, mb, eb) || sf_iszero(a, mb, eb))
		return sign;

	ma = sf_unpack(a, mb, eb, &ea);
	mb_ = sf_unpack(b, mb, eb, &eb_);
divide:
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

/*
 * 2^16 / sqrt(x) for x in the middle of [i / 32, (i + 1) / 32), i = 32..127:
 * a reciprocal square root good to 7 bits over [1, 4).
 */
static const u16 sf_rsqrt_tab[96] = {
	65030, 64052, 63117, 62222, 61363, 60540, 59748, 58987,
	58254, 57548, 56867, 56210, 55574, 54960, 54366, 53791,
	53233, 52693, 52169, 51660, 51165, 50685, 50218, 49763,
	49321, 48890, 48470, 48061, 47663, 47273, 46894, 46523,
	46161, 45807, 45462, 45124, 44793, 44470, 44153, 43843,
	43540, 43243, 42951, 42666, 42386, 42112, 41843, 41579,
	41320, 41065, 40816, 40571, 40330, 40093, 39861, 39632,
	39408, 39187, 38970, 38756, 38546, 38340, 38136, 37936,
	37739, 37545, 37354, 37166, 36980, 36798, 36618, 36441,
	36266, 36093, 35924, 35756, 35591, 35428, 35267, 35109,
	34953, 34798, 34646, 34496, 34347, 34201, 34056, 33913,
	33772, 33633, 33496, 33360, 33225, 33093, 32962, 32832,
};

/*
 * floor(sqrt(m * 2^48)) for m in [2^62, 2^64), a result in [2^55, 2^56);
 * *inexact tells whether the square root was not an integer.
 */
static inline u64 sf_isqrt(u64 m, bool *inexact)
{
	const u64 one = (u64)1 << 60;
	/* y = 2^63 / sqrt(x) for x = m / 2^62 in [1, 4) */
	u64 y = (u64)sf_rsqrt_tab[(m >> 57) - 32] << 47;
	u64 t, q;
	s64 r;
	int i;

	/*
	 * Newton: y += y * (1 - x * y^2) / 2, with x * y^2 as t / 2^60.  The
	 * error goes 2^-7, 2^-13, 2^-25, 2^-49, then a few units in 2^-60.
	 */
	for (i = 0; i < 4; i++) {
		t = sf_mulhi(m, sf_mulhi(y, y));
		if (t <= one)
			y += sf_mulhi(y, (one - t) << 3);
		else
			y -= sf_mulhi(y, (t - one) << 3);
	}
	/* sqrt(x) * 2^55 = x * y * 2^55, off by at most a few units */
	q = sf_mulhi(m, y) >> 6;
	/*
	 * The exact remainder m * 2^48 - q^2 is small, so its low 64 bits are
	 * all of it; step q until 0 <= r <= 2q, that is q^2 <= m * 2^48 < (q + 1)^2.
	 */
	r = (s64)((m << 48) - q * q);
	while (r < 0) {
		r += 2 * q - 1;
		q--;
	}
	while (r > (s64)(2 * q)) {
		r -= 2 * q + 1;
		q++;
	}
	*inexact = r != 0;
	return q;
}

static inline u64 sf_sqrt(u64 a, int mb, int eb)
{
	u64 m, q;
	bool inexact;
	int e;

	if (sf_isnan(a, mb, eb))
		return a | SF_QUIET(mb);
	if (sf_iszero(a, mb, eb))
		return a;	/* sqrt(-0) = -0 */
	if (a & SF_SIGN(mb, eb))
		return SF_CNAN(mb, eb);
	if (sf_isinf(a, mb, eb))
		return a;

	/* a = m * 2^(e - 62) with e even and m in [2^62, 2^64) */
	m = sf_unpack(a, mb, eb, &e);
	if (e & 1) {
		m <<= 1;
		e -= 1;
	}
	/* sqrt(a) = sqrt(m * 2^48) * 2^(e / 2 - 55); a sticky bit for the rest */
	q = sf_isqrt(m, &inexact);
	return sf_norm_pack(0, e / 2 - 56, (q << 1) | inexact, mb, eb);
}

SF_OP2(u32, u32, f32_div, sf_div(a, b, F32))
SF_OP1(u32, u32, f32_sqrt, sf_sqrt(a, F32))
SF_OP2(u64, u64, f64_div, sf_div(a, b, F64))
SF_OP1(u64, u64, f64_sqrt, sf_sqrt(a, F64))
