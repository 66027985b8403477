// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Typed text <-> bytes for map keys and values (the syntax is in mapval.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapval.h"

/* Unsigned decimal or 0x hex, all of @s, at most @max (as val_parse_int). */
static int parse_uint(const char *s, u64 max, u64 *out)
{
	int base = 10;
	char *end;
	u64 v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/* strtoull would take leading space and signs. */
	if (hex_digit(*s) < 0 || (base == 10 && hex_digit(*s) > 9))
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static void put_le(u8 *buf, u64 v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = v >> (8 * i);
}

static const struct {
	const char *prefix;
	size_t size;
} ints[] = {
	{ "u8:", 1 }, { "u16:", 2 }, { "u32:", 4 }, { "u64:", 8 }, { NULL, 0 },
};

static int parse_number(const char *text, u8 *buf, size_t cap, size_t *len,
			const char **why)
{
	size_t i, n;
	u64 v;

	if (!strncmp(text, "i64:", 4)) {
		const char *s = text + 4;
		bool neg = *s == '-';

		if (parse_uint(s + neg, neg ? 1ull << 63 : ~0ull >> 1, &v)) {
			*why = "i64: needs a signed 64-bit number";
			return -1;
		}
		n = 8;
		v = neg ? -v : v;
	} else if (!strncmp(text, "port:", 5)) {
		if (parse_uint(text + 5, 0xffff, &v)) {
			*why = "port: needs a number up to 65535";
			return -1;
		}
		n = 2;
		v = (v >> 8) | (v & 0xff) << 8;	/* network order */
	} else {
		for (i = 0; ints[i].prefix; i++)
			if (!strncmp(text, ints[i].prefix, strlen(ints[i].prefix)))
				break;
		if (!ints[i].prefix) {
			*why = "unknown type (ip: port: u8: u16: u32: u64: i64: str: hex:)";
			return -1;
		}
		n = ints[i].size;
		if (parse_uint(text + strlen(ints[i].prefix),
			       n == 8 ? ~0ull : (1ull << (8 * n)) - 1, &v)) {
			*why = "number out of range for its type";
			return -1;
		}
	}
	if (n > cap) {
		*why = "too long";
		return -1;
	}
	put_le(buf, v, n);
	*len = n;
	return 0;
}

/**
 * mapval_parse() - turn typed text into the bytes of a key or value
 * @text: "TYPE:TEXT", see mapval.h
 * @buf: where the bytes go
 * @cap: room in @buf
 * @len: out: the number of bytes (0 for an empty str: or hex:)
 * @why: out, on failure: a static reason
 *
 * Return: 0, or -1 with @why set.
 */
int mapval_parse(const char *text, u8 *buf, size_t cap, size_t *len, const char **why)
{
	u8 addr[16];

	if (!strncmp(text, "str:", 4)) {
		*len = strlen(text + 4);
		if (*len > cap) {
			*why = "too long";
			return -1;
		}
		memcpy(buf, text + 4, *len);
		return 0;
	}
	if (!strncmp(text, "hex:", 4)) {
		if (hex_parse(text + 4, buf, cap, len)) {
			*why = "hex: needs pairs of hex digits, and no more than fit";
			return -1;
		}
		return 0;
	}
	if (!strncmp(text, "ip:", 3)) {
		if (inet_pton(AF_INET, text + 3, addr) == 1) {
			*len = 4;
		} else if (inet_pton(AF_INET6, text + 3, addr) == 1) {
			*len = 16;
		} else {
			*why = "ip: needs an IPv4 or IPv6 address";
			return -1;
		}
		if (*len > cap) {
			*why = "too long";
			return -1;
		}
		memcpy(buf, addr, *len);
		return 0;
	}
	return parse_number(text, buf, cap, len, why);
}

static bool printable(const u8 *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (data[i] < 0x20 || data[i] > 0x7e)
			return false;
	return len > 0;
}

/**
 * mapval_format() - typed text for the bytes of a key or value
 * @data: the bytes
 * @len: their number, at most MAPVAL_MAX
 * @buf: where the text goes, NUL-terminated
 * @cap: room in @buf; MAPVAL_TEXT_MAX is always enough
 *
 * Printable ASCII becomes "str:", other 8-byte data "u64:" (the guests'
 * counters), the rest "hex:".  mapval_parse() turns the text back into the
 * same bytes.
 */
void mapval_format(const u8 *data, size_t len, char *buf, size_t cap)
{
	size_t i, n;
	u64 v = 0;

	if (!cap)
		return;
	if (printable(data, len)) {
		snprintf(buf, cap, "str:%.*s", (int)len, (const char *)data);
		return;
	}
	if (len == 8) {
		for (i = 0; i < 8; i++)
			v |= (u64)data[i] << (8 * i);
		snprintf(buf, cap, "u64:%llu", (unsigned long long)v);
		return;
	}
	n = snprintf(buf, cap, "hex:");
	for (i = 0; i < len && n + 2 < cap; i++)
		n += snprintf(buf + n, cap - n, "%02x", data[i]);
}

/**
 * mapval_parse_entry() - parse "MAP:KEY=VALUE"
 * @text: the map number, ':', the typed key, '=', the typed value; the key
 *	is everything before the first '=', so it cannot contain one (use hex:)
 * @nmaps: maps are 0..@nmaps-1
 * @map: out: the map number
 * @key: out: MAPVAL_MAX bytes of room
 * @klen: out: the key's length, 1..MAPVAL_MAX
 * @val: out: MAPVAL_MAX bytes of room
 * @vlen: out: the value's length, 0..MAPVAL_MAX
 * @why: out, on failure: a static reason
 *
 * Return: 0, or -1 with @why set.
 */
int mapval_parse_entry(const char *text, u32 nmaps, u32 *map, u8 *key, size_t *klen,
		       u8 *val, size_t *vlen, const char **why)
{
	char ktext[4 + 4 * MAPVAL_MAX + 1];
	const char *colon = strchr(text, ':');
	const char *eq = colon ? strchr(colon, '=') : NULL;
	char num[12];
	u64 m;

	if (!colon || !eq || colon - text >= (long)sizeof(num) ||
	    eq - colon - 1 >= (long)sizeof(ktext)) {
		*why = "expected MAP:TYPE:KEY=TYPE:VALUE";
		return -1;
	}
	memcpy(num, text, colon - text);
	num[colon - text] = 0;
	if (parse_uint(num, nmaps - 1, &m)) {
		*why = "no such map";
		return -1;
	}
	memcpy(ktext, colon + 1, eq - colon - 1);
	ktext[eq - colon - 1] = 0;
	if (mapval_parse(ktext, key, MAPVAL_MAX, klen, why) ||
	    mapval_parse(eq + 1, val, MAPVAL_MAX, vlen, why))
		return -1;
	if (!*klen) {
		*why = "a key needs at least one byte";
		return -1;
	}
	*map = m;
	return 0;
}
