// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tests of the CLI's JSON reading (cli/json.c, on json-c) and value
 * parsing/printing (cli/values.c).  Prints "N passed, N failed" last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "check.h"
#include "values.h"
#include "xorshift.h"

static struct json_object *parse(const char *s)
{
	char err[128];

	return json_parse(s, strlen(s), err, sizeof(err));
}

/* The text of array element i, or "" if it is not a string. */
static const char *elem(const struct json_object *a, size_t i, size_t *len)
{
	const char *s = json_str(json_object_array_get_idx(a, i), len);

	return s ? s : "";
}

static void test_json_basic(void)
{
	struct json_object *j = parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {"
				      "\"c\": \"x\"}, \"n\": 42} ");
	struct json_object *a;
	long n = 0;

	CHECK(json_object_is_type(j, json_type_object) && json_object_object_length(j) == 3);
	a = json_get_array(j, "a");
	CHECK(a && json_object_array_length(a) == 5);
	if (a && json_object_array_length(a) == 5) {
		CHECK(json_object_get_int(json_object_array_get_idx(a, 0)) == 1);
		CHECK(json_object_get_double(json_object_array_get_idx(a, 1)) == -2500.0);
		CHECK(json_object_get_boolean(json_object_array_get_idx(a, 2)));
		CHECK(json_object_is_type(json_object_array_get_idx(a, 3), json_type_boolean) &&
		      !json_object_get_boolean(json_object_array_get_idx(a, 3)));
		CHECK(!json_object_array_get_idx(a, 4));
	}
	CHECK(json_get_str(json_get(j, "b"), "c", NULL) &&
	      !strcmp(json_get_str(json_get(j, "b"), "c", NULL), "x"));
	CHECK(json_get_long(j, "n", &n) && n == 42);
	CHECK(!json_get_long(j, "a", &n));
	CHECK(!json_get_array(j, "b"));
	CHECK(!json_get(j, "missing"));
	CHECK(!json_get_str(j, "n", NULL));
	CHECK(!json_get(a, "a"));
	json_object_put(j);

	j = parse("[]");
	CHECK(json_object_is_type(j, json_type_array) && json_object_array_length(j) == 0);
	json_object_put(j);
	j = parse("{}");
	CHECK(json_object_is_type(j, json_type_object) && json_object_object_length(j) == 0);
	json_object_put(j);
}

static void test_json_strings(void)
{
	struct json_object *j;
	size_t len = 0;
	const char *s;

	/* Escaped NUL is kept: names may contain any byte. */
	j = parse("{\"f\": \"a\\u0000b\\n\\\"\\\\\\/\"}");
	s = json_get_str(j, "f", &len);
	CHECK(s && len == 7 && !memcmp(s, "a\0b\n\"\\/", 7));
	json_object_put(j);

	/* BMP code point and a surrogate pair become UTF-8. */
	j = parse("\"\\u00c5\\u20ac\\ud83d\\ude00\"");
	s = json_str(j, &len);
	CHECK(s && len == 9 && !memcmp(s, "\xc3\x85\xe2\x82\xac\xf0\x9f\x98\x80", 9));
	json_object_put(j);

	/* Raw UTF-8 passes through; a lone surrogate becomes U+FFFD. */
	j = parse("[\"\xef\xbb\xbf\", \"\\ud800x\"]");
	s = elem(j, 0, &len);
	CHECK(len == 3 && !memcmp(s, "\xef\xbb\xbf", 3));
	s = elem(j, 1, &len);
	CHECK(len == 4 && !memcmp(s, "\xef\xbf\xbdx", 4));
	json_object_put(j);

	/* Keys are decoded too. */
	j = parse("{\"k\\u0065y\": 1}");
	CHECK(json_get(j, "key"));
	json_object_put(j);
}

static void test_json_errors(void)
{
	/*
	 * A raw control character in a string is not here: json-c takes it,
	 * and wast2json escapes every one.
	 */
	static const char *const bad[] = {
		"", "   ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{1: 2}", "\"abc",
		"\"\\u12\"", "\"\\u12\" \"", "\"\\x\"", "tru", "nul", "-", "[1] x",
		"{\"a\": 1,}", "\"\\", "[\"\\u", "['a']", "[1] /* c */", "\"\xff\"", "[1][2]",
	};
	char deep[2 * JSON_MAX_DEPTH + 10];
	char err[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct json_object *j = parse(bad[i]);

		if (j)
			printf("  accepted: '%s'\n", bad[i]);
		CHECK(!j);
		json_object_put(j);
	}
	/* Nesting beyond the limit fails cleanly instead of recursing on. */
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	CHECK(!json_parse(deep, strlen(deep), err, sizeof(err)));
	CHECK(strstr(err, "deep"));
	CHECK(!json_parse("[1", 2, err, sizeof(err)));
	CHECK(strstr(err, "end of input"));
	/* Not NUL-terminated: the length is what counts. */
	CHECK(!json_parse("[1]", 2, NULL, 0));
	{
		struct json_object *j = json_parse("[1]xyz", 3, NULL, 0);

		CHECK(json_object_array_length(j) == 1);
		json_object_put(j);
	}
}

static void test_json_wast2json(void)
{
	/* As wast2json writes it, down to the space before each newline (\x20). */
	static const char doc[] =
		"{\"source_filename\": \"i32.wast\",\n \"commands\": [\n"
		"  {\"type\": \"module\", \"line\": 3, \"filename\": \"i32.0.wasm\"},\x20\n"
		"  {\"type\": \"assert_return\", \"line\": 37, \"action\": {"
		"\"type\": \"invoke\", \"field\": \"add\", \"args\": [{"
		"\"type\": \"i32\", \"value\": \"1\"}, {"
		"\"type\": \"i32\", \"value\": \"4294967295\"}]}, \"expected\": [{"
		"\"type\": \"i32\", \"value\": \"0\"}]}]}\n";
	struct json_object *j = parse(doc), *cmds, *cmd, *args;
	long line;

	cmds = json_get_array(j, "commands");
	CHECK(json_object_array_length(cmds) == 2);
	if (json_object_array_length(cmds) != 2)
		goto out;
	cmd = json_object_array_get_idx(cmds, 1);
	CHECK(json_get_long(cmd, "line", &line) && line == 37);
	args = json_get_array(json_get(cmd, "action"), "args");
	CHECK(json_object_array_length(args) == 2);
	CHECK(!strcmp(json_get_str(json_object_array_get_idx(args, 1), "value", NULL) ?: "",
		      "4294967295"));
out:
	json_object_put(j);
}

static void test_ints(void)
{
	u64 v = 0;

	CHECK(!val_parse_int("-1", 32, &v) && v == 0xffffffffu);
	CHECK(!val_parse_int("4294967295", 32, &v) && v == 0xffffffffu);
	CHECK(val_parse_int("4294967296", 32, &v));
	CHECK(!val_parse_int("-2147483648", 32, &v) && v == 0x80000000u);
	CHECK(val_parse_int("-2147483649", 32, &v));
	CHECK(!val_parse_int("0x7fffffff", 32, &v) && v == 0x7fffffff);
	CHECK(!val_parse_int("0XFFFFFFFF", 32, &v) && v == 0xffffffffu);
	CHECK(!val_parse_int("-0x80000000", 32, &v) && v == 0x80000000u);
	CHECK(!val_parse_int("+5", 32, &v) && v == 5);
	CHECK(!val_parse_int("-9223372036854775808", 64, &v) && v == 0x8000000000000000ull);
	CHECK(val_parse_int("-9223372036854775809", 64, &v));
	CHECK(!val_parse_int("18446744073709551615", 64, &v) && v == ~0ull);
	CHECK(val_parse_int("18446744073709551616", 64, &v));
	CHECK(!val_parse_int("0xffffffffffffffff", 64, &v) && v == ~0ull);
	CHECK(val_parse_int("0x10000000000000000", 64, &v));
	CHECK(val_parse_int("", 32, &v));
	CHECK(val_parse_int("-", 32, &v));
	CHECK(val_parse_int("0x", 32, &v));
	CHECK(val_parse_int("12a", 32, &v));
	CHECK(val_parse_int(" 1", 32, &v));
	CHECK(val_parse_int("--1", 32, &v));
	CHECK(val_parse_int("1.0", 32, &v));

	CHECK(!val_parse_u64("18446744073709551615", &v) && v == ~0ull);
	CHECK(val_parse_u64("18446744073709551616", &v));
	CHECK(val_parse_u64("-1", &v));
	CHECK(val_parse_u64("0x10", &v));
	CHECK(val_parse_u64("", &v));
}

static void test_float_parse(void)
{
	u32 f = 0;
	u64 d = 0;

	CHECK(!val_parse_f32("1.5", &f) && f == 0x3fc00000);
	CHECK(!val_parse_f32("-0", &f) && f == 0x80000000);
	CHECK(!val_parse_f32("0.1", &f) && f == 0x3dcccccd);
	CHECK(!val_parse_f32("inf", &f) && f == 0x7f800000);
	CHECK(!val_parse_f32("-inf", &f) && f == 0xff800000);
	CHECK(!val_parse_f32("nan", &f) && f == 0x7fc00000);
	CHECK(!val_parse_f32("-nan", &f) && f == 0xffc00000);
	CHECK(!val_parse_f32("nan:0x200000", &f) && f == 0x7fa00000);
	CHECK(!val_parse_f32("-nan:0x1", &f) && f == 0xff800001);
	CHECK(!val_parse_f32("0x1p-149", &f) && f == 1);
	CHECK(!val_parse_f32("1e39", &f) && f == 0x7f800000);
	CHECK(val_parse_f32("nan:0x0", &f));
	CHECK(val_parse_f32("nan:0x800000", &f));
	CHECK(val_parse_f32("nan:123", &f));
	CHECK(val_parse_f32("nanx", &f));
	CHECK(val_parse_f32("", &f));
	CHECK(val_parse_f32("1.5x", &f));
	CHECK(val_parse_f32(" 1", &f));

	CHECK(!val_parse_f64("0.1", &d) && d == 0x3fb999999999999aull);
	CHECK(!val_parse_f64("-nan", &d) && d == 0xfff8000000000000ull);
	CHECK(!val_parse_f64("nan:0x1", &d) && d == 0x7ff0000000000001ull);
	CHECK(!val_parse_f64("nan:0xfffffffffffff", &d) && d == 0x7fffffffffffffffull);
	CHECK(val_parse_f64("nan:0x10000000000000", &d));
	CHECK(!val_parse_f64("-inf", &d) && d == 0xfff0000000000000ull);
	CHECK(!val_parse_f64("4.9406564584124654e-324", &d) && d == 1);
	CHECK(!val_parse_f64("1.7976931348623157e308", &d) && d == 0x7fefffffffffffffull);
}

static bool fmt_f32(u32 bits, const char *want)
{
	char buf[VAL_BUF_LEN];

	val_format_f32(bits, buf, sizeof(buf));
	if (strcmp(buf, want))
		printf("  f32 0x%08x: got '%s', want '%s'\n", bits, buf, want);
	return !strcmp(buf, want);
}

static bool fmt_f64(u64 bits, const char *want)
{
	char buf[VAL_BUF_LEN];

	val_format_f64(bits, buf, sizeof(buf));
	if (strcmp(buf, want))
		printf("  f64 0x%016llx: got '%s', want '%s'\n", (unsigned long long)bits, buf,
		       want);
	return !strcmp(buf, want);
}

static void test_float_format(void)
{
	struct kw_value v = { .type = KW_I32, .i32 = 0xffffffff };
	char buf[VAL_BUF_LEN];

	CHECK(fmt_f32(0x3dcccccd, "0.1"));
	CHECK(fmt_f32(0x3eaaaaab, "0.33333334"));
	CHECK(fmt_f32(0x3fc00000, "1.5"));
	CHECK(fmt_f32(0x80000000, "-0"));
	CHECK(fmt_f32(0x7f800000, "inf"));
	CHECK(fmt_f32(0xff800000, "-inf"));
	CHECK(fmt_f32(0x7fc00000, "nan"));
	CHECK(fmt_f32(0xffc00000, "-nan"));
	CHECK(fmt_f32(0x7fa00000, "nan:0x200000"));
	CHECK(fmt_f32(0x4426a666, "666.6"));
	CHECK(fmt_f64(0x3fb999999999999aull, "0.1"));
	CHECK(fmt_f64(0x3fd5555555555555ull, "0.3333333333333333"));
	CHECK(fmt_f64(0x7ff8000000000000ull, "nan"));
	CHECK(fmt_f64(0xfff0000000000001ull, "-nan:0x1"));
	CHECK(fmt_f64(0x0000000000000001ull, "5e-324"));
	CHECK(fmt_f64(0x4084d4cccccccccdull, "666.6"));
	/* Plain decimals for exponents -6..20, as JavaScript prints them. */
	CHECK(fmt_f64(0xc044000000000000ull, "-40"));
	CHECK(fmt_f64(0x4415af1d78b58c40ull, "100000000000000000000"));
	CHECK(fmt_f64(0x444b1ae4d6e2ef50ull, "1e+21"));
	CHECK(fmt_f64(0x3eb0c6f7a0b5ed8dull, "0.000001"));
	CHECK(fmt_f64(0x3e7ad7f29abcaf48ull, "1e-07"));
	CHECK(fmt_f32(0x50df8476, "30000000000"));
	CHECK(fmt_f32(0x3727c5ac, "0.00001"));

	val_format(&v, buf, sizeof(buf));
	CHECK(!strcmp(buf, "-1"));
	v.type = KW_I64;
	v.i64 = 0x8000000000000000ull;
	val_format(&v, buf, sizeof(buf));
	CHECK(!strcmp(buf, "-9223372036854775808"));
	v.i64 = 0x7fffffffffffffffull;
	val_format(&v, buf, sizeof(buf));
	CHECK(!strcmp(buf, "9223372036854775807"));
	v.type = KW_EXTERNREF;
	v.ref = NULL;
	val_format(&v, buf, sizeof(buf));
	CHECK(!strcmp(buf, "null"));
	v.ref = val_extern_ref(0);
	val_format(&v, buf, sizeof(buf));
	CHECK(!strcmp(buf, "ref"));
}

/* Beyond the fixed list, xorshift patterns reach NaNs with every payload shape. */
static void test_round_trips(void)
{
	static const u32 f32s[] = {
		0, 0x80000000, 1, 0x7f7fffff, 0x00800000, 0x007fffff, 0x7fc00000, 0xffffffff,
		0x7f800001, 0x3f800001, 0x4b000001,
	};
	static const u64 f64s[] = {
		0, 0x8000000000000000ull, 1, 0x7fefffffffffffffull, 0x0010000000000000ull,
		0x000fffffffffffffull, 0xfff8000000000000ull, 0x7ff0000000000001ull,
		0x3ff0000000000001ull,
	};
	unsigned long bad32 = 0, bad64 = 0;
	char buf[VAL_BUF_LEN];
	size_t i;
	u32 f;
	u64 d;

	for (i = 0; i < 200000; i++) {
		u32 b = i < ARRAY_SIZE(f32s) ? f32s[i] : (u32)rng();

		val_format_f32(b, buf, sizeof(buf));
		if (val_parse_f32(buf, &f) || f != b) {
			if (!bad32++)
				printf("  f32 0x%08x -> '%s' -> 0x%08x\n", b, buf, f);
		}
	}
	CHECK(bad32 == 0);
	for (i = 0; i < 200000; i++) {
		u64 b = i < ARRAY_SIZE(f64s) ? f64s[i] : rng();

		val_format_f64(b, buf, sizeof(buf));
		if (val_parse_f64(buf, &d) || d != b) {
			if (!bad64++)
				printf("  f64 0x%016llx -> '%s' -> 0x%016llx\n",
				       (unsigned long long)b, buf, (unsigned long long)d);
		}
	}
	CHECK(bad64 == 0);
}

static void test_args(void)
{
	struct kw_value v;

	CHECK(!val_parse_arg("-7", KW_I32, &v) && v.type == KW_I32 && v.i32 == (u32)-7);
	CHECK(!val_parse_arg("0x10", KW_I64, &v) && v.i64 == 16);
	CHECK(!val_parse_arg("2.5", KW_F64, &v) && v.f64 == 0x4004000000000000ull);
	CHECK(!val_parse_arg("null", KW_FUNCREF, &v) && !v.ref);
	CHECK(val_parse_arg("3", KW_FUNCREF, &v));
	CHECK(!val_parse_arg("5", KW_EXTERNREF, &v) && v.ref == val_extern_ref(5));
	CHECK(val_parse_arg("x", KW_I32, &v));
	CHECK(val_parse_arg("1", KW_V128, &v));
	CHECK(!strcmp(val_type_name(KW_EXTERNREF), "externref"));
	{
		u32 t;

		CHECK(!val_type_parse("f64", &t) && t == KW_F64);
		CHECK(val_type_parse("f16", &t));
	}
}

int main(void)
{
	test_json_basic();
	test_json_strings();
	test_json_errors();
	test_json_wast2json();
	test_ints();
	test_float_parse();
	test_float_format();
	test_round_trips();
	test_args();
	return check_done(NULL);
}
