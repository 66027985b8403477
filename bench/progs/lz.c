// SPDX-License-Identifier: GPL-2.0 OR MIT
/* LZ77 compressor (4-byte hash, greedy) and decompressor over generated text. */
#include <stdint.h>

#define IN_LEN		(1 << 20)
#define OUT_MAX		(IN_LEN + IN_LEN / 8 + 64)
#define HASH_LOG	14
#define MIN_MATCH	4
#define MAX_OFF		65535
#define ROUNDS		8

static uint8_t in[IN_LEN], out[OUT_MAX], back[IN_LEN];
static uint32_t htab[1 << HASH_LOG];

static const char *const words[16] = {
	"the ", "kernel ", "module ", "loads ", "a ", "wasm ", "filter ", "and ",
	"runs ", "it ", "on ", "every ", "packet, ", "then ", "returns ", "verdicts.\n",
};

static uint32_t hash4(const uint8_t *p)
{
	uint32_t v = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return (v * 2654435761u) >> (32 - HASH_LOG);
}

static uint8_t *put_len(uint8_t *o, uint32_t n)
{
	/* LEB128-style varint */
	while (n >= 0x80) {
		*o++ = (uint8_t)(n | 0x80);
		n >>= 7;
	}
	*o++ = (uint8_t)n;
	return o;
}

static const uint8_t *get_len(const uint8_t *p, uint32_t *n)
{
	uint32_t v = 0;
	int s = 0;

	while (*p & 0x80) {
		v |= (uint32_t)(*p++ & 0x7f) << s;
		s += 7;
	}
	*n = v | (uint32_t)*p++ << s;
	return p;
}

/* Token: varint literal count, literals, varint match length (0 = end), 2-byte offset. */
static uint32_t compress(const uint8_t *src, uint32_t len, uint8_t *dst)
{
	uint32_t i = 0, lit = 0, j;
	uint8_t *o = dst;

	for (j = 0; j < (1u << HASH_LOG); j++)
		htab[j] = 0xffffffffu;
	while (i + MIN_MATCH <= len) {
		uint32_t h = hash4(src + i), cand = htab[h], m = 0;

		htab[h] = i;
		if (cand != 0xffffffffu && i - cand <= MAX_OFF)
			while (i + m < len && src[cand + m] == src[i + m])
				m++;
		if (m < MIN_MATCH) {
			i++;
			continue;
		}
		o = put_len(o, i - lit);
		for (j = lit; j < i; j++)
			*o++ = src[j];
		o = put_len(o, m);
		*o++ = (uint8_t)(i - cand);
		*o++ = (uint8_t)((i - cand) >> 8);
		i += m;
		lit = i;
	}
	o = put_len(o, len - lit);
	for (j = lit; j < len; j++)
		*o++ = src[j];
	o = put_len(o, 0);
	return (uint32_t)(o - dst);
}

static uint32_t decompress(const uint8_t *p, uint8_t *dst)
{
	uint32_t n, m, off, pos = 0, j;

	for (;;) {
		p = get_len(p, &n);
		for (j = 0; j < n; j++)
			dst[pos++] = *p++;
		p = get_len(p, &m);
		if (m == 0)
			return pos;
		off = p[0] | (uint32_t)p[1] << 8;
		p += 2;
		/* byte by byte: the match may overlap its own output */
		for (j = 0; j < m; j++, pos++)
			dst[pos] = dst[pos - off];
	}
}

int run(void)
{
	uint32_t x = 2654435769u, i = 0, h = 0x811c9dc5u, clen = 0, dlen, bad = 0;
	int r;

	while (i < IN_LEN) {
		const char *w;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* mostly dictionary words, sometimes a random byte to break matches */
		if ((x & 0xf00) == 0) {
			in[i++] = (uint8_t)(x >> 24);
			continue;
		}
		for (w = words[x >> 28]; *w && i < IN_LEN; w++)
			in[i++] = (uint8_t)*w;
	}
	for (r = 0; r < ROUNDS; r++) {
		in[r * 4099] ^= (uint8_t)r;
		clen = compress(in, IN_LEN, out);
		dlen = decompress(out, back);
		bad += dlen != IN_LEN;
		for (i = 0; i < IN_LEN; i++)
			bad += back[i] != in[i];
		for (i = 0; i < clen; i++)
			h = (h ^ out[i]) * 0x01000193u;
	}
	return (int)((h ^ clen ^ bad * 0x40000001u) & 0x7fffffff);
}
