// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * load [FILE.wasm...]: how fast the engine takes a module in, and what a
 * module and an instance cost in memory (issue 10).  For each file, and for
 * a generated module of several megabytes (GEN_FUNCS functions of straight
 * arithmetic, loads and a loop each, no imports):
 *
 *   load MB/s    bytes of Wasm decoded, validated and compiled per second
 *                by kw_module_load() (best of REPS, the module freed
 *                between loads)
 *   module B     heap the loaded module holds (glibc's mallinfo2(), in
 *                use plus mmapped, after the load minus before), and that
 *                per byte of Wasm
 *   instance B   heap one instance adds, its linear memory apart (modules
 *                without imports only), with the limits kwasm.ko gives a
 *                data-path module (8192 value slots, 500 frames; the
 *                engine's defaults preallocate an 8 MiB value stack)
 *
 * Linked against the hardware-float engine library, as the CLI is; the
 * kernel runs the same decoder and compiler, with kmalloc's size classes.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kwasm/engine.h"

#define REPS		5
#define GEN_FUNCS	20000
#define GEN_BLOCKS	12	/* arithmetic blocks per function body */

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *src, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("load");
			exit(2);
		}
	}
	memcpy(b->p + b->len, src, n);
	b->len += n;
}

static void put1(struct buf *b, unsigned char c)
{
	put(b, &c, 1);
}

static void uleb(struct buf *b, unsigned long v)
{
	do {
		unsigned char c = v & 0x7f;

		v >>= 7;
		put1(b, c | (v ? 0x80 : 0));
	} while (v);
}

/* A section: its id, its size, its contents. */
static void section(struct buf *b, unsigned char id, const struct buf *body)
{
	put1(b, id);
	uleb(b, body->len);
	put(b, body->p, body->len);
}

/*
 * One function (i32, i32) -> i32 with one more i32 local: GEN_BLOCKS
 * blocks of add, multiply, xor and a masked load, in a loop counting
 * param 1 down.  What a compiler's output is made of, at some 25 bytes a
 * block.
 */
static void gen_body(struct buf *code, unsigned int seed)
{
	static const unsigned char block[] = {
		0x20, 0, 0x20, 1, 0x6a, 0x21, 2,		/* l2 = l0 + l1 */
		0x20, 2, 0x41, 0, 0x6c, 0x20, 0, 0x73, 0x21, 0,	/* l0 = l2 * K ^ l0 */
		0x20, 0, 0x41, 0xfc, 0x07, 0x71,		/* (l0 & 1020) */
		0x28, 2, 0, 0x20, 1, 0x6a, 0x21, 1,		/* l1 = load + l1 */
	};
	struct buf f = { 0 };
	unsigned char blk[sizeof(block)];
	int i;

	put(&f, "\x01\x01\x7f", 3);		/* one local: i32 */
	put(&f, "\x03\x40", 2);			/* loop */
	for (i = 0; i < GEN_BLOCKS; i++) {
		memcpy(blk, block, sizeof(blk));
		blk[10] = (seed + i) & 0x3f;	/* K: a small positive constant */
		put(&f, blk, sizeof(blk));
	}
	/* l1 = l1 - 1; br_if 0 (l1) */
	put(&f, "\x20\x01\x41\x01\x6b\x22\x01\x0d\x00", 9);
	put(&f, "\x0b\x20\x00\x0b", 4);		/* end; l0; end */
	uleb(code, f.len);
	put(code, f.p, f.len);
	free(f.p);
}

static struct buf gen_module(void)
{
	struct buf m = { 0 }, s = { 0 };
	unsigned int i;

	put(&m, "\0asm\x01\0\0\0", 8);
	put(&s, "\x01\x60\x02\x7f\x7f\x01\x7f", 7);	/* (i32 i32) -> i32 */
	section(&m, 1, &s);
	s.len = 0;
	uleb(&s, GEN_FUNCS);
	for (i = 0; i < GEN_FUNCS; i++)
		put1(&s, 0);
	section(&m, 3, &s);
	s.len = 0;
	put(&s, "\x01\x00\x01", 3);			/* memory 1 */
	section(&m, 5, &s);
	s.len = 0;
	put(&s, "\001\002f0\000\000", 6);		/* export "f0": function 0 */
	section(&m, 7, &s);
	s.len = 0;
	uleb(&s, GEN_FUNCS);
	for (i = 0; i < GEN_FUNCS; i++)
		gen_body(&s, i);
	section(&m, 10, &s);
	free(s.p);
	return m;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t heap(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

/* One line for @name; 0, or 1 when the engine refused the module. */
static int measure(const char *name, const unsigned char *wasm, size_t len)
{
	struct kw_module *mod;
	struct kw_instance *inst;
	struct kw_memory *mem;
	struct kw_error err = { 0 };
	u64 mem_len = 0;
	struct kw_limits dp_limits = {
		.max_memory_pages = KW_DEFAULT_MAX_PAGES,
		.max_table_elems = KW_DEFAULT_MAX_TABLE,
		.max_call_depth = 500,
		.stack_slots = 1 << 13,
	};
	double best = 1e30, t;
	size_t h0, hmod, hinst;
	int i;

	for (i = 0; i < REPS; i++) {
		t = now();
		if (kw_module_load(wasm, len, &mod, &err)) {
			fprintf(stderr, "load: %s: refused at %u: %s\n", name,
				(unsigned int)err.offset, err.msg);
			return 1;
		}
		t = now() - t;
		if (t < best)
			best = t;
		kw_module_free(mod);
	}
	h0 = heap();
	kw_module_load(wasm, len, &mod, NULL);
	hmod = heap() - h0;
	printf("%-28s %9zu B  %8.1f MB/s  module %9zu B (%5.2f per Wasm byte)", name, len,
	       len / best / 1e6, hmod, (double)hmod / len);
	if (!kw_module_import_count(mod)) {
		h0 = heap();
		if (!kw_instance_new(mod, NULL, 0, &dp_limits, &inst, NULL, NULL)) {
			hinst = heap() - h0;
			mem = kw_instance_memory(inst);
			if (mem)
				kw_memory_data(mem, &mem_len);
			hinst -= mem_len;
			printf("  instance %7zu B", hinst);
			kw_instance_free(inst);
		}
	}
	printf("\n");
	kw_module_free(mod);
	return 0;
}

int main(int argc, char **argv)
{
	struct buf gen = gen_module();
	int i, bad = 0;

	/* Large blocks through the heap, not mmap, so the counts see them. */
	mallopt(M_MMAP_THRESHOLD, 1 << 30);
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		struct buf b = { 0 };
		unsigned char chunk[65536];
		size_t n;
		const char *base = strrchr(argv[i], '/');

		if (!f) {
			perror(argv[i]);
			return 2;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			put(&b, chunk, n);
		fclose(f);
		bad |= measure(base ? base + 1 : argv[i], b.p, b.len);
		free(b.p);
	}
	bad |= measure("generated", gen.p, gen.len);
	free(gen.p);
	return bad;
}
