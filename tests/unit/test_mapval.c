// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tests of the typed map key/value text (cli/mapval.c) and of the userspace
 * maps behind `kwasm run` (cli/abi_map.c).  Prints "N passed, N failed" last.
 */
#include <stdio.h>
#include <string.h>

#include "abi_map.h"
#include "check.h"
#include "mapval.h"

static u8 buf[MAPVAL_MAX + 8];
static size_t len;
static const char *why;

/* Whether @text parses to exactly the @n bytes at @want. */
static bool parses(const char *text, const void *want, size_t n)
{
	memset(buf, 0xee, sizeof(buf));
	len = 999;
	why = NULL;
	return !mapval_parse(text, buf, MAPVAL_MAX, &len, &why) && len == n &&
	       !memcmp(buf, want, n);
}

static bool refused(const char *text)
{
	why = NULL;
	return mapval_parse(text, buf, MAPVAL_MAX, &len, &why) == -1 && why && *why;
}

static void test_parse(void)
{
	CHECK(parses("ip:10.0.0.2", "\x0a\x00\x00\x02", 4));
	CHECK(parses("ip:255.255.255.255", "\xff\xff\xff\xff", 4));
	CHECK(parses("ip:2001:db8::1",
		     "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16));
	CHECK(parses("ip:::", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	CHECK(refused("ip:10.0.0"));
	CHECK(refused("ip:10.0.0.256"));
	CHECK(refused("ip:"));
	CHECK(refused("ip:example.com"));

	CHECK(parses("port:53", "\x00\x35", 2));
	CHECK(parses("port:443", "\x01\xbb", 2));
	CHECK(parses("port:0x1f90", "\x1f\x90", 2));
	CHECK(parses("port:65535", "\xff\xff", 2));
	CHECK(parses("port:0", "\0\0", 2));
	CHECK(refused("port:65536"));
	CHECK(refused("port:-1"));
	CHECK(refused("port:"));
	CHECK(refused("port:53x"));
	CHECK(refused("port: 53"));

	CHECK(parses("u8:255", "\xff", 1));
	CHECK(refused("u8:256"));
	CHECK(parses("u16:0x1234", "\x34\x12", 2));
	CHECK(refused("u16:65536"));
	CHECK(parses("u32:1", "\x01\0\0\0", 4));
	CHECK(parses("u32:4294967295", "\xff\xff\xff\xff", 4));
	CHECK(refused("u32:4294967296"));
	CHECK(parses("u64:5", "\x05\0\0\0\0\0\0\0", 8));
	CHECK(parses("u64:18446744073709551615", "\xff\xff\xff\xff\xff\xff\xff\xff", 8));
	CHECK(refused("u64:18446744073709551616"));
	CHECK(parses("u64:010", "\x0a\0\0\0\0\0\0\0", 8));	/* decimal, not octal */
	CHECK(refused("u64:+5"));
	CHECK(refused("u64:-5"));
	CHECK(refused("u64:0x"));
	CHECK(refused("u64:"));
	CHECK(parses("i64:-1", "\xff\xff\xff\xff\xff\xff\xff\xff", 8));
	CHECK(parses("i64:-9223372036854775808", "\0\0\0\0\0\0\0\x80", 8));
	CHECK(parses("i64:9223372036854775807", "\xff\xff\xff\xff\xff\xff\xff\x7f", 8));
	CHECK(refused("i64:9223372036854775808"));
	CHECK(refused("i64:-9223372036854775809"));
	CHECK(refused("i64:-"));

	CHECK(parses("str:example.com", "example.com", 11));
	CHECK(parses("str:a=b:c", "a=b:c", 5));
	CHECK(parses("str:", "", 0));
	CHECK(parses("hex:0a0B", "\x0a\x0b", 2));
	CHECK(parses("hex:0a 0b:0c", "\x0a\x0b\x0c", 3));
	CHECK(parses("hex:", "", 0));
	CHECK(refused("hex:0"));
	CHECK(refused("hex:0g"));
	CHECK(refused("hex: 0a"));
	CHECK(refused("hex:0a  0b"));

	CHECK(refused("53"));
	CHECK(refused("string:x"));
	CHECK(refused(""));
}

static void test_limits(void)
{
	char text[4 + 2 * MAPVAL_MAX + 3];
	size_t i;

	/* 64 bytes fit, 65 do not, whatever the type. */
	memcpy(text, "str:", 4);
	memset(text + 4, 'k', MAPVAL_MAX + 1);
	text[4 + MAPVAL_MAX] = 0;
	CHECK(!mapval_parse(text, buf, MAPVAL_MAX, &len, &why) && len == MAPVAL_MAX);
	text[4 + MAPVAL_MAX] = 'k';
	text[5 + MAPVAL_MAX] = 0;
	CHECK(refused(text));
	memcpy(text, "hex:", 4);
	for (i = 0; i < 2 * MAPVAL_MAX + 2; i++)
		text[4 + i] = 'a';
	text[4 + 2 * MAPVAL_MAX] = 0;
	CHECK(!mapval_parse(text, buf, MAPVAL_MAX, &len, &why) && len == MAPVAL_MAX);
	text[4 + 2 * MAPVAL_MAX] = 'a';
	text[6 + 2 * MAPVAL_MAX] = 0;
	CHECK(refused(text));
	/* A fixed-size type does not fit a smaller buffer. */
	CHECK(mapval_parse("u64:1", buf, 7, &len, &why) == -1);
	CHECK(mapval_parse("ip:::1", buf, 4, &len, &why) == -1);
	CHECK(!mapval_parse("ip:1.2.3.4", buf, 4, &len, &why) && len == 4);
}

/* Format, then parse back: the same bytes, and the expected text. */
static bool formats(const void *data, size_t n, const char *want)
{
	char text[MAPVAL_TEXT_MAX];
	u8 back[MAPVAL_MAX];
	size_t blen;

	mapval_format(data, n, text, sizeof(text));
	if (strcmp(text, want)) {
		printf("# format: got '%s', want '%s'\n", text, want);
		return false;
	}
	return !mapval_parse(text, back, sizeof(back), &blen, &why) && blen == n &&
	       !memcmp(back, data, n);
}

static void test_format(void)
{
	u8 all[MAPVAL_MAX];
	char text[MAPVAL_TEXT_MAX];
	size_t i;

	CHECK(formats("www.example.com", 15, "str:www.example.com"));
	CHECK(formats("abcdefgh", 8, "str:abcdefgh"));	/* printable wins over u64 */
	CHECK(formats(" =:", 3, "str: =:"));
	CHECK(formats("\x03\0\0\0\0\0\0\0", 8, "u64:3"));
	CHECK(formats("\xff\xff\xff\xff\xff\xff\xff\xff", 8, "u64:18446744073709551615"));
	CHECK(formats("\x0a\0\0\x02", 4, "hex:0a000002"));
	CHECK(formats("\x00\x35", 2, "hex:0035"));
	CHECK(formats("", 0, "hex:"));
	CHECK(formats("caf\xc3\xa9", 5, "hex:636166c3a9"));	/* not ASCII */
	CHECK(formats("tab\there", 8, "u64:7310016642684182900"));
	for (i = 0; i < sizeof(all); i++)
		all[i] = i * 7 + 1;
	mapval_format(all, sizeof(all), text, sizeof(text));
	CHECK(strlen(text) == 4 + 2 * MAPVAL_MAX && !strncmp(text, "hex:01080f", 10));
	/* A short buffer is cut, never overrun, and stays terminated. */
	memset(text, 'x', sizeof(text));
	mapval_format(all, sizeof(all), text, 9);
	CHECK(!strcmp(text, "hex:0108") && text[9] == 'x');
	mapval_format((const u8 *)"hello", 5, text, 6);
	CHECK(!strcmp(text, "str:h"));
}

static void test_entry(void)
{
	u8 key[MAPVAL_MAX], val[MAPVAL_MAX];
	size_t klen, vlen;
	u32 map = 99;

	CHECK(!mapval_parse_entry("0:ip:10.0.0.2=u64:1", 4, &map, key, &klen, val, &vlen,
				  &why));
	CHECK(map == 0 && klen == 4 && !memcmp(key, "\x0a\0\0\x02", 4) && vlen == 8 &&
	      val[0] == 1);
	CHECK(!mapval_parse_entry("3:ip:2001:db8::1=str:a=b", 4, &map, key, &klen, val, &vlen,
				  &why));
	CHECK(map == 3 && klen == 16 && key[15] == 1 && vlen == 3 && !memcmp(val, "a=b", 3));
	CHECK(!mapval_parse_entry("1:port:53=hex:", 4, &map, key, &klen, val, &vlen, &why));
	CHECK(map == 1 && klen == 2 && vlen == 0);
	CHECK(mapval_parse_entry("4:str:x=str:y", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("-1:str:x=str:y", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry(":str:x=str:y", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("0:str:=str:y", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("0:str:x", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("0=str:x", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("0:x=str:y", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(mapval_parse_entry("0:str:x=u8:256", 4, &map, key, &klen, val, &vlen, &why) == -1);
	CHECK(why && *why);
}

static void test_maps(void)
{
	struct abi_maps m;
	u8 v[16];
	char key[8];
	u32 i;

	CHECK(!abi_maps_init(&m, 3));
	/* Bad map or key length: -2 (map_add: -1). */
	CHECK(abi_map_set(&m, 4, (const u8 *)"k", 1, v, 0) == -2);
	CHECK(abi_map_set(&m, 0, (const u8 *)"k", 0, v, 0) == -2);
	CHECK(abi_map_set(&m, 0, v, 65, v, 0) == -2);
	CHECK(abi_map_set(&m, 0, (const u8 *)"k", 1, v, 65) == -2);
	CHECK(abi_map_get(&m, 0xffffffff, (const u8 *)"k", 1, v, 8) == -2);
	CHECK(abi_map_del(&m, 0, (const u8 *)"k", 0) == -2);
	CHECK(abi_map_add(&m, 9, (const u8 *)"k", 1, 1) == -1);
	/* Absent. */
	CHECK(abi_map_get(&m, 0, (const u8 *)"k", 1, v, 8) == -1);
	CHECK(abi_map_del(&m, 0, (const u8 *)"k", 1) == -1);
	/* Set, get (cut to vcap, full length returned), replace. */
	CHECK(abi_map_set(&m, 0, (const u8 *)"k", 1, (const u8 *)"hello", 5) == 0);
	memset(v, 0, sizeof(v));
	CHECK(abi_map_get(&m, 0, (const u8 *)"k", 1, v, 2) == 5 && !memcmp(v, "he\0", 3));
	CHECK(abi_map_get(&m, 0, (const u8 *)"k", 1, v, 0) == 5);
	CHECK(abi_map_set(&m, 0, (const u8 *)"k", 1, (const u8 *)"", 0) == 0);
	CHECK(abi_map_get(&m, 0, (const u8 *)"k", 1, v, 8) == 0);
	/* Keys are exact bytes: "k" and "k\0" differ; maps are separate. */
	CHECK(abi_map_get(&m, 0, (const u8 *)"k\0", 2, v, 8) == -1);
	CHECK(abi_map_get(&m, 1, (const u8 *)"k", 1, v, 8) == -1);
	/* Full at 3 entries; replacing still works; a delete frees a slot. */
	CHECK(abi_map_set(&m, 0, (const u8 *)"a", 1, v, 1) == 0);
	CHECK(abi_map_set(&m, 0, (const u8 *)"b", 1, v, 1) == 0);
	CHECK(abi_map_set(&m, 0, (const u8 *)"c", 1, v, 1) == -1);
	CHECK(abi_map_add(&m, 0, (const u8 *)"c", 1, 1) == -1);
	CHECK(abi_map_set(&m, 0, (const u8 *)"b", 1, v, 2) == 0);
	CHECK(abi_map_set(&m, 1, (const u8 *)"c", 1, v, 1) == 0);
	CHECK(abi_map_del(&m, 0, (const u8 *)"a", 1) == 0);
	CHECK(abi_map_get(&m, 0, (const u8 *)"a", 1, v, 8) == -1);
	CHECK(abi_map_set(&m, 0, (const u8 *)"c", 1, v, 1) == 0);
	/* Counters: created at 0, wrap, shorter values zero-extended, longer cut. */
	CHECK(abi_map_add(&m, 2, (const u8 *)"n", 1, 5) == 5);
	CHECK(abi_map_add(&m, 2, (const u8 *)"n", 1, -7) == -2);
	CHECK(abi_map_get(&m, 2, (const u8 *)"n", 1, v, 16) == 8 &&
	      !memcmp(v, "\xfe\xff\xff\xff\xff\xff\xff\xff", 8));
	CHECK(abi_map_set(&m, 2, (const u8 *)"s", 1, (const u8 *)"\x01\x02", 2) == 0);
	CHECK(abi_map_add(&m, 2, (const u8 *)"s", 1, 1) == 0x0202);
	CHECK(abi_map_get(&m, 2, (const u8 *)"s", 1, v, 16) == 8);
	CHECK(abi_map_set(&m, 2, (const u8 *)"l", 1,
			  (const u8 *)"\x01\0\0\0\0\0\0\0\xff\xff", 10) == 0);
	CHECK(abi_map_add(&m, 2, (const u8 *)"l", 1, 1) == 2);
	CHECK(abi_map_get(&m, 2, (const u8 *)"l", 1, v, 16) == 8);
	abi_maps_free(&m);

	/* The default size holds ABI_MAP_ENTRIES distinct keys per map. */
	CHECK(!abi_maps_init(&m, ABI_MAP_ENTRIES));
	for (i = 0; i < ABI_MAP_ENTRIES; i++) {
		snprintf(key, sizeof(key), "%u", i);
		if (abi_map_add(&m, 3, (const u8 *)key, strlen(key), i) != i)
			break;
	}
	CHECK(i == ABI_MAP_ENTRIES);
	CHECK(abi_map_add(&m, 3, (const u8 *)"x", 1, 1) == -1);
	CHECK(abi_map_add(&m, 3, (const u8 *)"7", 1, 1) == 8);
	abi_maps_free(&m);
}

static void test_dump(void)
{
	struct abi_maps m;
	char out[512];
	FILE *f;

	CHECK(!abi_maps_init(&m, 8));
	abi_map_set(&m, 1, (const u8 *)"\x0a\0\0\x02", 4, (const u8 *)"x", 1);
	abi_map_add(&m, 0, (const u8 *)"www.example.com", 15, 2);
	abi_map_add(&m, 0, (const u8 *)"b", 1, 1);
	abi_map_set(&m, 0, (const u8 *)"ab", 2, (const u8 *)"", 0);
	abi_map_set(&m, 0, (const u8 *)"a", 1, (const u8 *)"", 0);
	memset(out, 0, sizeof(out));
	f = fmemopen(out, sizeof(out) - 1, "w");
	CHECK(f);
	if (!f)
		return;
	abi_maps_dump(&m, f);
	fclose(f);
	/* Sorted by map, then key bytes (shorter first on a common prefix). */
	CHECK(!strcmp(out, "map 0 str:a hex:\nmap 0 str:ab hex:\nmap 0 str:b u64:1\n"
		      "map 0 str:www.example.com u64:2\nmap 1 hex:0a000002 str:x\n"));
	abi_maps_free(&m);
}

int main(void)
{
	test_parse();
	test_limits();
	test_format();
	test_entry();
	test_maps();
	test_dump();
	return check_done(NULL);
}
