// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Micro-benchmark of the integer-only floats (engine/src/float_soft.c, linked
 * with every kw_ name renamed to sf_kw_) against the FPU ones (float_hw.c).
 * Operands are normal numbers of moderate size, as in n-body; every call goes
 * through a function pointer on both sides, as in the interpreter.  Prints
 * per operation ns per call, soft then hardware, and their ratio.
 *
 * Usage: softfloat [-n CALLS_PER_OP] [-s]   (-s: soft side only, for callgrind)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kwasm/engine.h"
#include "kw_float.h"

#define NV	1024	/* operands per table: a power of two */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum kind { B64, U64, C64, B32, U32, T64, I64, P32, D64 };

typedef u64 b64_fn(u64, u64);
typedef u64 u64_fn(u64);
typedef bool c64_fn(u64, u64);
typedef u32 b32_fn(u32, u32);
typedef u32 u32_fn(u32);
typedef int t64_fn(u64, u32 *);
typedef u64 i64_fn(u32);
typedef u64 p32_fn(u32);
typedef u32 d64_fn(u64);

#define OPS(X) \
	X(f64_add, B64) X(f64_sub, B64) X(f64_mul, B64) X(f64_div, B64) X(f64_sqrt, U64) \
	X(f64_lt, C64) X(f64_eq, C64) X(f64_min, B64) X(f64_floor, U64) \
	X(f32_add, B32) X(f32_mul, B32) X(f32_div, B32) X(f32_sqrt, U32) \
	X(f64_trunc_i32_s, T64) X(i32_s_to_f64, I64) X(f32_promote, P32) X(f64_demote, D64)

#define DECL(n, k) k##_fn sf_kw_##n, kw_##n;
DECL(f64_add, b64) DECL(f64_sub, b64) DECL(f64_mul, b64) DECL(f64_div, b64)
DECL(f64_sqrt, u64) DECL(f64_lt, c64) DECL(f64_eq, c64) DECL(f64_min, b64)
DECL(f64_floor, u64) DECL(f32_add, b32) DECL(f32_mul, b32) DECL(f32_div, b32)
DECL(f32_sqrt, u32) DECL(f64_trunc_i32_s, t64) DECL(i32_s_to_f64, i64)
DECL(f32_promote, p32) DECL(f64_demote, d64)

struct op {
	const char *name;
	enum kind kind;
	void *sf, *hw;
};

#define ENTRY(n, k) { #n, k, (void *)sf_kw_##n, (void *)kw_##n },
static const struct op ops[] = { OPS(ENTRY) };

static u64 a64[NV], b64[NV], p64[NV];
static u32 a32[NV], b32[NV], i32v[NV];
static u64 rng = 0x6b7761736d;

static u64 rnd(void)
{
	u64 z = (rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A normal double in roughly [2^-12, 2^12), sign random unless @pos. */
static u64 normal64(bool pos)
{
	u64 sign = pos ? 0 : (rnd() & 1) << 63;

	return sign | ((u64)(1023 - 12 + rnd() % 24) << 52) | (rnd() >> 12);
}

static u32 to32(u64 d)
{
	/* same sign, exponent and top fraction bits: a normal float */
	return (u32)((d >> 63) << 31) | (u32)(((d >> 52) & 0x7ff) - 1023 + 127) << 23 |
	       (u32)((d >> 29) & 0x7fffff);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Run @n calls of one side of @op; returns a value that depends on them all. */
static u64 run(const struct op *op, void *fn, long n)
{
	u64 acc = 0;
	u32 o32;
	long i;
	int k;

	for (i = 0; i < n; i++) {
		k = i & (NV - 1);
		switch (op->kind) {
		case B64:
			acc += ((b64_fn *)fn)(a64[k], b64[k]);
			break;
		case U64:
			acc += ((u64_fn *)fn)(p64[k]);
			break;
		case C64:
			acc += ((c64_fn *)fn)(a64[k], b64[k]);
			break;
		case B32:
			acc += ((b32_fn *)fn)(a32[k], b32[k]);
			break;
		case U32:
			acc += ((u32_fn *)fn)(a32[k] & 0x7fffffff);
			break;
		case T64:
			o32 = 0;
			acc += ((t64_fn *)fn)(a64[k], &o32) + o32;
			break;
		case I64:
			acc += ((i64_fn *)fn)(i32v[k]);
			break;
		case P32:
			acc += ((p32_fn *)fn)(a32[k]);
			break;
		case D64:
			acc += ((d64_fn *)fn)(a64[k]);
			break;
		}
	}
	return acc;
}

int main(int argc, char **argv)
{
	long n = 20000000;
	bool soft_only = false;
	size_t i;
	u64 sink = 0;

	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < (size_t)argc)
			n = atol(argv[++i]);
		else if (!strcmp(argv[i], "-s"))
			soft_only = true;
		else
			goto usage;
	}
	for (i = 0; i < NV; i++) {
		a64[i] = normal64(false);
		b64[i] = normal64(false);
		p64[i] = a64[i] & ~(1ull << 63);
		a32[i] = to32(a64[i]);
		b32[i] = to32(b64[i]);
		i32v[i] = (u32)(rnd() >> 40) - (1u << 23);
	}
	printf("%-18s %10s %10s %8s\n", "op", "soft ns", "hw ns", "ratio");
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		double t0 = now_ns(), ts, th = 0;

		sink += run(&ops[i], ops[i].sf, n);
		ts = (now_ns() - t0) / n;
		if (!soft_only) {
			t0 = now_ns();
			sink += run(&ops[i], ops[i].hw, n);
			th = (now_ns() - t0) / n;
		}
		printf("%-18s %10.2f %10.2f %8.2f\n", ops[i].name, ts, th, th > 0 ? ts / th : 0);
	}
	return (int)(sink & 0);
usage:
	fprintf(stderr, "usage: %s [-n calls] [-s]\n", argv[0]);
	return 2;
}
