// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Parsing and printing of Wasm values.  Floats always travel as bit patterns
 * so NaN payloads and signed zeros survive; only parsing decimal text and
 * printing it back go through the host's floating point.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "values.h"

/**
 * struct float_fmt - an IEEE-754 binary format, for the parser and the printer
 * @bits: 32 or 64
 * @exp: the exponent field's mask (all ones: infinity or NaN)
 * @frac: the fraction field's mask
 * @quiet: the canonical NaN's payload
 * @digits: significant digits that always read back to the same value
 */
struct float_fmt {
	unsigned int bits;
	u64 exp;
	u64 frac;
	u64 quiet;
	int digits;
};

static const struct float_fmt f32_fmt = {
	32, 0x7f800000u, 0x007fffffu, 0x00400000u, 9
};

static const struct float_fmt f64_fmt = {
	64, 0x7ff0000000000000ull, 0x000fffffffffffffull, 0x0008000000000000ull, 17
};

/* strtof() or strtod(): each rounds once, straight to its width. */
static u64 read_float(const struct float_fmt *ff, const char *s, char **end)
{
	double d;
	float f;
	u64 b64;
	u32 b32;

	if (ff->bits == 64) {
		d = strtod(s, end);
		memcpy(&b64, &d, 8);
		return b64;
	}
	f = strtof(s, end);
	memcpy(&b32, &f, 4);
	return b32;
}

static const struct {
	u32 type;
	const char *name;
} type_names[] = {
	{ KW_I32, "i32" }, { KW_I64, "i64" }, { KW_F32, "f32" }, { KW_F64, "f64" },
	{ KW_V128, "v128" }, { KW_FUNCREF, "funcref" }, { KW_EXTERNREF, "externref" },
};

/**
 * val_type_name() - name of a value type
 * @type: enum kw_valtype
 *
 * Return: "i32", "funcref"..., or "?" for an unknown type.
 */
const char *val_type_name(u32 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_names); i++)
		if (type_names[i].type == type)
			return type_names[i].name;
	return "?";
}

/**
 * val_type_parse() - value type from its name
 * @name: "i32", "externref"...
 * @type: out: enum kw_valtype
 *
 * Return: 0, or -1 if the name is unknown.
 */
int val_type_parse(const char *name, u32 *type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_names); i++) {
		if (!strcmp(type_names[i].name, name)) {
			*type = type_names[i].type;
			return 0;
		}
	}
	return -1;
}

/* Unsigned magnitude in decimal or 0x hex, no sign; rejects overflow and junk. */
static int parse_magnitude(const char *s, u64 *out)
{
	unsigned long long v;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/* strtoull would accept leading space and signs; we do not. */
	if (!(base == 16 ? strchr("0123456789abcdefABCDEF", *s) : strchr("0123456789", *s)) ||
	    !*s)
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/**
 * val_parse_int() - parse an integer of a given width
 * @s: signed or unsigned decimal, or 0x hex, optionally with a sign
 * @bits: 32 or 64
 * @out: the two's-complement bit pattern, truncated to @bits
 *
 * Accepts -2^(bits-1) .. 2^bits - 1, so both signed and unsigned spellings work.
 *
 * Return: 0, or -1 if malformed or out of range.
 */
int val_parse_int(const char *s, unsigned int bits, u64 *out)
{
	u64 max = bits == 64 ? ~0ull : (1ull << bits) - 1;
	bool neg = false;
	u64 m;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (parse_magnitude(s, &m))
		return -1;
	if (neg ? m > (1ull << (bits - 1)) : m > max)
		return -1;
	*out = (neg ? -m : m) & max;
	return 0;
}

/* "nan", "nan:0xPAYLOAD" after an optional sign; payload must fit and be nonzero. */
static int parse_nan(const char *s, u64 quiet, u64 frac_mask, u64 *payload)
{
	u64 p = quiet;

	if (strncmp(s, "nan", 3))
		return 1;
	s += 3;
	if (*s == ':') {
		if (strncmp(s + 1, "0x", 2) || parse_magnitude(s + 1, &p) || !p ||
		    (p & ~frac_mask))
			return -1;
	} else if (*s) {
		return -1;
	}
	*payload = p;
	return 0;
}

static int parse_float(const char *s, const struct float_fmt *ff, u64 *bits)
{
	const char *t = s;
	bool neg = false;
	u64 payload;
	char *end;
	int r;

	if (*t == '-' || *t == '+')
		neg = *t++ == '-';
	r = parse_nan(t, ff->quiet, ff->frac, &payload);
	if (r < 0)
		return -1;
	if (r == 0) {
		*bits = (neg ? 1ull << (ff->bits - 1) : 0) | ff->exp | payload;
		return 0;
	}
	if (!*t || isspace((unsigned char)*t))
		return -1;
	payload = read_float(ff, s, &end);
	if (*end)
		return -1;
	*bits = payload;
	return 0;
}

/**
 * val_parse_f32() - parse an f32
 * @s: decimal or hex float, inf, -inf, nan, -nan, nan:0x...
 * @bits: out: the IEEE-754 bit pattern
 *
 * Return: 0, or -1 if malformed.
 */
int val_parse_f32(const char *s, u32 *bits)
{
	u64 b;

	if (parse_float(s, &f32_fmt, &b))
		return -1;
	*bits = b;
	return 0;
}

/**
 * val_parse_f64() - parse an f64
 * @s: decimal or hex float, inf, -inf, nan, -nan, nan:0x...
 * @bits: out: the IEEE-754 bit pattern
 *
 * Return: 0, or -1 if malformed.
 */
int val_parse_f64(const char *s, u64 *bits)
{
	return parse_float(s, &f64_fmt, bits);
}

/**
 * val_parse_u64() - parse a plain unsigned decimal (wast2json bit patterns)
 * @s: digits only
 * @out: the value
 *
 * Return: 0, or -1 if malformed or above 2^64 - 1.
 */
int val_parse_u64(const char *s, u64 *out)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return -1;
	return parse_magnitude(s, out);
}

/**
 * val_parse_arg() - parse a command-line argument for a parameter type
 * @s: the text
 * @type: the parameter's enum kw_valtype
 * @out: the value
 *
 * References accept "null"; an externref also accepts a number N, meaning
 * the host reference N (see val_extern_ref()).
 *
 * Return: 0, or -1 if @s is not a valid value of @type.
 */
int val_parse_arg(const char *s, u32 type, struct kw_value *out)
{
	u64 v;

	memset(out, 0, sizeof(*out));
	out->type = type;
	switch (type) {
	case KW_I32:
		if (val_parse_int(s, 32, &v))
			return -1;
		out->i32 = v;
		return 0;
	case KW_I64:
		return val_parse_int(s, 64, &out->i64);
	case KW_F32:
		return val_parse_f32(s, &out->f32);
	case KW_F64:
		return val_parse_f64(s, &out->f64);
	case KW_FUNCREF:
	case KW_EXTERNREF:
		if (!strcmp(s, "null")) {
			out->ref = NULL;
			return 0;
		}
		if (type == KW_EXTERNREF && !val_parse_u64(s, &v) && v < UINTPTR_MAX) {
			out->ref = val_extern_ref(v);
			return 0;
		}
		return -1;
	}
	return -1;
}

/* NaN and infinity spellings shared by both widths. */
static void format_special(bool neg, bool is_inf, u64 payload, u64 quiet, char *buf,
			   size_t len)
{
	const char *sign = neg ? "-" : "";

	if (is_inf)
		snprintf(buf, len, "%sinf", sign);
	else if (payload == quiet)
		snprintf(buf, len, "%snan", sign);
	else
		snprintf(buf, len, "%snan:0x%llx", sign, (unsigned long long)payload);
}

/*
 * %g switches to an exponent as soon as it has fewer digits than the
 * integer part (40 -> "4e+01"); rewrite exponents in [-6, 21) as plain
 * decimals with the same significant digits, as JavaScript prints them.
 */
static void plain_decimal(char *buf, size_t len)
{
	char digits[32], out[64];
	const char *p = buf, *e = strchr(buf, 'e');
	int exp, n = 0, k = 0, i;

	if (!e)
		return;
	exp = atoi(e + 1);
	if (exp < -6 || exp >= 21)
		return;
	if (*p == '-')
		out[k++] = *p++;
	for (; p < e && n < (int)sizeof(digits); p++)
		if (*p != '.')
			digits[n++] = *p;
	if (exp < 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (i = -1; i > exp; i--)
			out[k++] = '0';
		for (i = 0; i < n; i++)
			out[k++] = digits[i];
	} else {
		for (i = 0; i < n || i <= exp; i++) {
			if (i == exp + 1)
				out[k++] = '.';
			out[k++] = i < n ? digits[i] : '0';
		}
	}
	out[k] = 0;
	snprintf(buf, len, "%s", out);
}

/* Shortest %g that reads back to the same bits; NaN and infinity spelled out. */
static void format_float(const struct float_fmt *ff, u64 bits, char *buf, size_t len)
{
	u64 frac = bits & ff->frac;
	float f;
	double d;
	u32 b32;
	int prec;

	if ((bits & ff->exp) == ff->exp) {
		format_special(bits >> (ff->bits - 1), !frac, frac, ff->quiet, buf, len);
		return;
	}
	if (ff->bits == 64) {
		memcpy(&d, &bits, 8);
	} else {
		b32 = bits;
		memcpy(&f, &b32, 4);
		d = f;
	}
	for (prec = 1; prec <= ff->digits; prec++) {
		snprintf(buf, len, "%.*g", prec, d);
		if (read_float(ff, buf, NULL) == bits) {
			plain_decimal(buf, len);
			return;
		}
	}
}

/**
 * val_format_f32() - shortest text that reads back to the same f32
 * @bits: IEEE-754 bit pattern
 * @buf: output
 * @len: its size (VAL_BUF_LEN is enough)
 */
void val_format_f32(u32 bits, char *buf, size_t len)
{
	format_float(&f32_fmt, bits, buf, len);
}

/**
 * val_format_f64() - shortest text that reads back to the same f64
 * @bits: IEEE-754 bit pattern
 * @buf: output
 * @len: its size (VAL_BUF_LEN is enough)
 */
void val_format_f64(u64 bits, char *buf, size_t len)
{
	format_float(&f64_fmt, bits, buf, len);
}

/**
 * val_format() - print a value the way `kwasm run` shows results
 * @v: the value
 * @buf: output
 * @len: its size (VAL_BUF_LEN is enough)
 *
 * Integers as signed decimal of their width, floats in shortest round-trip
 * form, references as "null" or "ref".
 */
void val_format(const struct kw_value *v, char *buf, size_t len)
{
	switch (v->type) {
	case KW_I32:
		snprintf(buf, len, "%d", (s32)v->i32);
		break;
	case KW_I64:
		snprintf(buf, len, "%lld", (long long)v->i64);
		break;
	case KW_F32:
		val_format_f32(v->f32, buf, len);
		break;
	case KW_F64:
		val_format_f64(v->f64, buf, len);
		break;
	case KW_FUNCREF:
	case KW_EXTERNREF:
		snprintf(buf, len, "%s", v->ref ? "ref" : "null");
		break;
	default:
		snprintf(buf, len, "<%s>", val_type_name(v->type));
		break;
	}
}
