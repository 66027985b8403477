// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm-nlfuzz: modules of shapes no corpus file has, written byte by
 * byte: hundreds of thousands of imports (allocation sizes taken from the
 * module), thousands of long export names (LIST replies beyond a 64 KiB
 * nest), export names with NUL bytes next to a global named like their
 * prefix (name lookups that stop at the NUL), and a start function that
 * never ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlfuzz.h"

/**
 * struct fz_buf - a growing byte buffer
 * @p: the bytes
 * @len: bytes used
 * @cap: bytes allocated
 * @oom: an append failed
 */
struct fz_buf {
	uint8_t *p;
	size_t len;
	size_t cap;
	bool oom;
};

static void put(struct fz_buf *b, const void *data, size_t len)
{
	size_t cap = b->cap ? b->cap : 4096;
	uint8_t *p;

	if (b->oom)
		return;
	while (cap < b->len + len)
		cap *= 2;
	if (cap != b->cap) {
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
}

static void byte(struct fz_buf *b, uint8_t v)
{
	put(b, &v, 1);
}

static void leb(struct fz_buf *b, uint32_t v)
{
	do {
		byte(b, (v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

static void name(struct fz_buf *b, const char *s, size_t len)
{
	leb(b, len);
	put(b, s, len);
}

/* Append section @id with the contents of @c, then empty @c. */
static void section(struct fz_buf *b, uint8_t id, struct fz_buf *c)
{
	byte(b, id);
	leb(b, c->len);
	put(b, c->p, c->len);
	b->oom |= c->oom;
	c->len = 0;
}

/* Type 0: (i32) -> i32; type 1: () -> (). */
static void types(struct fz_buf *b, struct fz_buf *c)
{
	static const uint8_t t[] = { 2, 0x60, 1, FZ_I32, 1, FZ_I32, 0x60, 0, 0 };

	put(c, t, sizeof(t));
	section(b, 1, c);
}

/* The function section: @n functions of type @type. */
static void funcs(struct fz_buf *b, struct fz_buf *c, uint32_t n, uint8_t type)
{
	uint32_t i;

	leb(c, n);
	for (i = 0; i < n; i++)
		byte(c, type);
	section(b, 3, c);
}

/* The code section: @n copies of @body (without the locals count). */
static void code(struct fz_buf *b, struct fz_buf *c, uint32_t n, const uint8_t *body,
		 size_t len)
{
	uint32_t i;

	leb(c, n);
	for (i = 0; i < n; i++) {
		leb(c, len + 1);
		byte(c, 0);	/* no locals */
		put(c, body, len);
	}
	section(b, 10, c);
}

static void many_imports(struct fz_rng *r, struct fz_buf *b, struct fz_buf *c)
{
	/* Around the caps a fix may choose, and past 4 MiB of 16-byte entries. */
	static const uint32_t counts[] = { 70000, 100001, 262145, 600000 };
	uint32_t i, n = counts[fz_below(r, ARRAY_SIZE(counts))];

	types(b, c);
	leb(c, n);
	for (i = 0; i < n; i++) {
		name(c, "", 0);
		name(c, "", 0);
		byte(c, 0);	/* a function */
		byte(c, 1);	/* of type () -> () */
	}
	section(b, 2, c);
}

static void many_exports(struct fz_rng *r, struct fz_buf *b, struct fz_buf *c)
{
	static const uint8_t body[] = { 0x20, 0, 0x0b };	/* local.get 0 */
	static const uint32_t counts[] = { 1500, 3000, 8000 };
	uint32_t i, n = counts[fz_below(r, ARRAY_SIZE(counts))];
	char s[64];
	size_t len;
	int k;

	types(b, c);
	funcs(b, c, n, 0);
	leb(c, n);
	for (i = 0; i < n; i++) {
		/* Unique and long: what LIST replies carry per export. */
		len = 24 + i % 24;
		memset(s, 'e', len);
		k = snprintf(s, sizeof(s), "%08x", i);
		s[k] = 'e';
		name(c, s, len);
		byte(c, 0);
		leb(c, i);
	}
	section(b, 7, c);
	code(b, c, n, body, sizeof(body));
}

/* "a\0x" and "f" are (i32) -> i32 filters; "a" is a global. */
static void nul_names(struct fz_buf *b, struct fz_buf *c)
{
	static const uint8_t body[] = { 0x20, 0, 0x0b };
	static const uint8_t global[] = { 1, FZ_I32, 0, 0x41, 7, 0x0b };

	types(b, c);
	funcs(b, c, 2, 0);
	put(c, global, sizeof(global));
	section(b, 6, c);
	leb(c, 3);
	name(c, "a\0x", 3);
	byte(c, 0);
	leb(c, 0);
	name(c, "a", 1);
	byte(c, 3);
	leb(c, 0);
	name(c, "f", 1);
	byte(c, 0);
	leb(c, 1);
	section(b, 7, c);
	code(b, c, 2, body, sizeof(body));
}

/* A start function that loops for ever: LOAD runs it. */
static void endless_start(struct fz_buf *b, struct fz_buf *c)
{
	static const uint8_t body[] = { 0x03, 0x40, 0x0c, 0, 0x0b, 0x0b };	/* loop br 0 end */

	types(b, c);
	funcs(b, c, 1, 1);
	byte(c, 0);
	section(b, 8, c);
	code(b, c, 1, body, sizeof(body));
}

static const char *const shapes[] = { "imports", "exports", "nul", "start" };

/**
 * fz_synth_parse() - the --synth option: shapes to make
 * @list: comma-separated names from "imports,exports,nul,start", or "none"
 *
 * Return: 0, or -1 for an unknown name.
 */
int fz_synth_parse(const char *list)
{
	const char *p = list, *end;
	size_t i, n;

	fz_cfg.synth = 0;
	if (!strcmp(list, "none"))
		return 0;
	while (*p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < ARRAY_SIZE(shapes); i++)
			if (strlen(shapes[i]) == n && !strncmp(shapes[i], p, n))
				break;
		if (i == ARRAY_SIZE(shapes))
			return -1;
		fz_cfg.synth |= 1u << i;
		p += n + !!end;
	}
	return 0;
}

/**
 * fz_synth() - a module of a shape no corpus file has
 * @r: the worker's random stream
 * @len: out: its size
 *
 * Return: the bytes (malloc()ed), or NULL when out of memory or when
 * --synth allows no shape.
 */
uint8_t *fz_synth(struct fz_rng *r, size_t *len)
{
	static const uint8_t magic[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
	struct fz_buf b = {}, c = {};
	uint32_t shape;

	if (!fz_cfg.synth)
		return NULL;
	do {
		shape = fz_below(r, ARRAY_SIZE(shapes));
	} while (!(fz_cfg.synth & (1u << shape)));
	put(&b, magic, sizeof(magic));
	switch (shape) {
	case 0:
		many_imports(r, &b, &c);
		break;
	case 1:
		many_exports(r, &b, &c);
		break;
	case 2:
		nul_names(&b, &c);
		break;
	default:
		endless_start(&b, &c);
		break;
	}
	free(c.p);
	if (b.oom || c.oom) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}
