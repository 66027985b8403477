/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A bounds-checked cursor over module bytes and the LEB128 readers of the
 * binary format.  Every reader returns 0 or -KW_EMALFORMED and never reads
 * past @end.  On error @p is left at the offending byte, so that
 * kw_reader_offset() points at the problem, and @msg holds the spec's
 * wording ("unexpected end", "integer too large", ...).
 */
#ifndef KW_LEB128_H
#define KW_LEB128_H

#include "internal.h"

struct kw_reader {
	const u8 *p;
	const u8 *end;
	const u8 *base;		/* start of the module binary, for offsets */
	const char *msg;	/* last error, spec wording */
};

static inline void kw_reader_init(struct kw_reader *r, const u8 *base, const u8 *p,
				  const u8 *end)
{
	r->base = base;
	r->p = p;
	r->end = end;
	r->msg = (void *)0;
}

static inline u32 kw_reader_offset(const struct kw_reader *r)
{
	return (u32)(r->p - r->base);
}

static inline size_t kw_reader_left(const struct kw_reader *r)
{
	return (size_t)(r->end - r->p);
}

static inline bool kw_reader_eof(const struct kw_reader *r)
{
	return r->p >= r->end;
}

static inline int kw_reader_fail(struct kw_reader *r, const char *msg)
{
	r->msg = msg;
	return -KW_EMALFORMED;
}

static inline int kw_read_u8(struct kw_reader *r, u8 *out)
{
	if (unlikely(r->p >= r->end))
		return kw_reader_fail(r, "unexpected end");
	*out = *r->p++;
	return 0;
}

/* Points *@out at @len bytes in place and skips them. */
static inline int kw_read_bytes(struct kw_reader *r, u32 len, const u8 **out)
{
	if (unlikely((size_t)len > kw_reader_left(r)))
		return kw_reader_fail(r, "unexpected end");
	*out = r->p;
	r->p += len;
	return 0;
}

/*
 * LEB128 of at most @bits bits (32, 33 or 64); sign-extended if @is_signed.
 * The last allowed byte may not continue ("integer representation too
 * long"), and its bits above @bits must be zero (unsigned) or all equal the
 * sign bit (signed), else "integer too large".
 */
static inline int kw_read_leb(struct kw_reader *r, u32 bits, bool is_signed, u64 *out)
{
	u32 maxbytes = (bits + 6) / 7;
	u64 val = 0;
	u32 shift = 0;
	u32 i;
	u8 b = 0;

	for (i = 0; i < maxbytes; i++) {
		if (unlikely(r->p >= r->end))
			return kw_reader_fail(r, "unexpected end");
		b = *r->p;
		if (i == maxbytes - 1) {
			u32 used = bits - shift;	/* payload bits in this byte, 1..7 */
			u8 rest = (u8)((b & 0x7f) >> (used - !!is_signed));

			if (b & 0x80)
				return kw_reader_fail(r, "integer representation too long");
			/* bits used..6 zero; signed: bits used-1..6 all zero or all one */
			if (rest != 0 && !(is_signed && rest == (0x7f >> (used - 1))))
				return kw_reader_fail(r, "integer too large");
		}
		r->p++;
		val |= (u64)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	if (is_signed && shift < 64 && (b & 0x40))
		val |= ~(u64)0 << shift;
	*out = val;
	return 0;
}

static inline int kw_read_uleb(struct kw_reader *r, u32 bits, u64 *out)
{
	return kw_read_leb(r, bits, false, out);
}

static inline int kw_read_sleb(struct kw_reader *r, u32 bits, s64 *out)
{
	u64 v;
	int ret = kw_read_leb(r, bits, true, &v);

	if (!ret)
		*out = (s64)v;
	return ret;
}

/* kw_read_<name>(): a LEB128 of @bits bits into the narrower type @int_t. */
#define KW_READ_NARROW(name, int_t, wide_t, read, bits)			\
static inline int kw_read_##name(struct kw_reader *r, int_t *out)	\
{									\
	wide_t v;							\
	int ret = read(r, bits, &v);					\
									\
	if (!ret)							\
		*out = (int_t)v;					\
	return ret;							\
}

KW_READ_NARROW(u32, u32, u64, kw_read_uleb, 32)
KW_READ_NARROW(s32, s32, s64, kw_read_sleb, 32)

static inline int kw_read_u64(struct kw_reader *r, u64 *out)
{
	return kw_read_uleb(r, 64, out);
}

/* The 33-bit signed index of block types (s33). */
static inline int kw_read_s33(struct kw_reader *r, s64 *out)
{
	return kw_read_sleb(r, 33, out);
}

static inline int kw_read_s64(struct kw_reader *r, s64 *out)
{
	return kw_read_sleb(r, 64, out);
}

/* Fixed-width little-endian values (f32/f64 immediates). */
static inline int kw_read_fixed32(struct kw_reader *r, u32 *out)
{
	const u8 *b;

	if (kw_read_bytes(r, 4, &b))
		return -KW_EMALFORMED;
	*out = (u32)b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
	return 0;
}

static inline int kw_read_fixed64(struct kw_reader *r, u64 *out)
{
	u32 lo, hi;

	if (kw_read_fixed32(r, &lo) || kw_read_fixed32(r, &hi))
		return -KW_EMALFORMED;
	*out = (u64)hi << 32 | lo;
	return 0;
}

#endif /* KW_LEB128_H */
