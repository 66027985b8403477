// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Values of the spec runner: wast2json writes {"type": "f32", "value":
 * "1065353216"}, the unsigned bit pattern in decimal, or "nan:canonical",
 * "nan:arithmetic" and "null" where a pattern does not say enough.
 */
#include <stdio.h>
#include <string.h>

#include "spec.h"
#include "values.h"

#define F32_SIGN	0x80000000u
#define F32_CANON	0x7fc00000u	/* exponent all ones, only the quiet bit */
#define F64_SIGN	0x8000000000000000ull
#define F64_CANON	0x7ff8000000000000ull

/* Type and value text of a JSON value; value may be absent (NULL). */
static enum spec_val split(const struct json_object *j, u32 *type, const char **value)
{
	const char *t = json_get_str(j, "type", NULL);
	struct json_object *v;

	if (!t || val_type_parse(t, type))
		return SPEC_VAL_BAD;
	if (*type == KW_V128)
		return SPEC_VAL_SIMD;
	v = json_get(j, "value");
	*value = json_str(v, NULL);
	if (v && !*value)
		return SPEC_VAL_BAD;
	return SPEC_VAL_OK;
}

/* A concrete value; "null" for references, a bit pattern otherwise. */
static enum spec_val to_value(u32 type, const char *s, struct kw_value *out)
{
	u64 bits;

	memset(out, 0, sizeof(*out));
	out->type = type;
	if (!s)
		return SPEC_VAL_BAD;
	if (type == KW_FUNCREF || type == KW_EXTERNREF) {
		if (!strcmp(s, "null"))
			return SPEC_VAL_OK;
		/* Only host references can be written down; funcrefs have no number. */
		if (type == KW_FUNCREF || val_parse_u64(s, &bits) || bits >= UINTPTR_MAX)
			return SPEC_VAL_BAD;
		out->ref = val_extern_ref(bits);
		return SPEC_VAL_OK;
	}
	if (val_parse_u64(s, &bits))
		return SPEC_VAL_BAD;
	if ((type == KW_I32 || type == KW_F32) && bits > 0xffffffffull)
		return SPEC_VAL_BAD;
	if (type == KW_I32 || type == KW_F32)
		out->i32 = bits;
	else
		out->i64 = bits;
	return SPEC_VAL_OK;
}

/**
 * spec_value_arg() - an argument of an action
 * @j: {"type": ..., "value": ...}
 * @out: the value
 *
 * Return: SPEC_VAL_OK, SPEC_VAL_SIMD or SPEC_VAL_BAD.
 */
enum spec_val spec_value_arg(const struct json_object *j, struct kw_value *out)
{
	const char *s;
	enum spec_val r;
	u32 type;

	r = split(j, &type, &s);
	if (r != SPEC_VAL_OK)
		return r;
	return to_value(type, s, out);
}

static bool nan_matches(const struct kw_value *got, const char *s)
{
	if (got->type == KW_F32) {
		u32 b = got->f32 & ~F32_SIGN;

		if (!strcmp(s, "nan:canonical"))
			return b == F32_CANON;
		return (b & F32_CANON) == F32_CANON;
	}
	if (!strcmp(s, "nan:canonical"))
		return (got->f64 & ~F64_SIGN) == F64_CANON;
	return (got->f64 & F64_CANON) == F64_CANON;
}

/**
 * spec_value_check() - compare a result with an expected value
 * @exp: {"type": ..., "value": ...}; a reference without value means "not null"
 * @got: the result
 *
 * Floats compare by bit pattern, except the two NaN classes.
 *
 * Return: SPEC_VAL_OK on a match, SPEC_VAL_MISMATCH, SPEC_VAL_SIMD or SPEC_VAL_BAD.
 */
enum spec_val spec_value_check(const struct json_object *exp, const struct kw_value *got)
{
	struct kw_value want;
	const char *s;
	enum spec_val r;
	u32 type;

	r = split(exp, &type, &s);
	if (r != SPEC_VAL_OK)
		return r;
	if (got->type != type)
		return SPEC_VAL_MISMATCH;
	if ((type == KW_F32 || type == KW_F64) && s &&
	    (!strcmp(s, "nan:canonical") || !strcmp(s, "nan:arithmetic")))
		return nan_matches(got, s) ? SPEC_VAL_OK : SPEC_VAL_MISMATCH;
	if ((type == KW_FUNCREF || type == KW_EXTERNREF) && !s)
		return got->ref ? SPEC_VAL_OK : SPEC_VAL_MISMATCH;
	r = to_value(type, s, &want);
	if (r != SPEC_VAL_OK)
		return r;
	switch (type) {
	case KW_I32:
	case KW_F32:
		return got->i32 == want.i32 ? SPEC_VAL_OK : SPEC_VAL_MISMATCH;
	case KW_I64:
	case KW_F64:
		return got->i64 == want.i64 ? SPEC_VAL_OK : SPEC_VAL_MISMATCH;
	default:
		return got->ref == want.ref ? SPEC_VAL_OK : SPEC_VAL_MISMATCH;
	}
}

/**
 * spec_value_describe() - "type:value" for messages, with float bit patterns
 * @v: the value
 * @buf: output
 * @len: its size (SPEC_DESC_LEN is enough)
 */
void spec_value_describe(const struct kw_value *v, char *buf, size_t len)
{
	char t[VAL_BUF_LEN];

	val_format(v, t, sizeof(t));
	if (v->type == KW_F32)
		snprintf(buf, len, "f32:%s (0x%08x)", t, v->f32);
	else if (v->type == KW_F64)
		snprintf(buf, len, "f64:%s (0x%016llx)", t, (unsigned long long)v->f64);
	else if (v->type == KW_EXTERNREF && v->ref)
		snprintf(buf, len, "externref:%lu", (unsigned long)v->ref - 1);
	else
		snprintf(buf, len, "%s:%s", val_type_name(v->type), t);
}

/**
 * spec_value_describe_json() - "type:value" for an expected value
 * @j: {"type": ..., "value": ...}
 * @buf: output
 * @len: its size (SPEC_DESC_LEN is enough)
 */
void spec_value_describe_json(const struct json_object *j, char *buf, size_t len)
{
	const char *t = json_get_str(j, "type", NULL);
	struct kw_value v;
	const char *s = NULL;
	u32 type;

	if (split(j, &type, &s) != SPEC_VAL_OK) {
		snprintf(buf, len, "%s:?", t ? t : "?");
		return;
	}
	if (!s)
		snprintf(buf, len, "%s:%s", t,
			 type == KW_FUNCREF || type == KW_EXTERNREF ? "non-null" : "?");
	else if (!strncmp(s, "nan:", 4) || to_value(type, s, &v) != SPEC_VAL_OK)
		snprintf(buf, len, "%s:%s", t, s);
	else
		spec_value_describe(&v, buf, len);
}
