// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Differential test of the two kw_float.h implementations.
 *
 * float_hw.c (the FPU) is linked under its own names; float_soft.c is
 * compiled a second time with every kw_ name renamed to sf_kw_ (see
 * float.mk).  Every operation runs on a table of edge values (all pairs for
 * two-operand operations) and on random operands, and the two results must
 * be bit-identical, except that two NaN results match each other.  Each NaN
 * result is also checked against the Wasm rules: canonical when no operand
 * is NaN, quiet when one is.  A short table of known answers (mostly from
 * the spec testsuite) guards against both implementations agreeing on a
 * wrong value.
 *
 * Usage: test_float [-n RANDOM_CASES_PER_OP] [-s SEED] [-v]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwasm/engine.h"
#include "kw_float.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Signature kinds, named by their operand and result bits. */
enum kind { BIN_u32, BIN_u64, CMP_u32, CMP_u64, UN_u32_u32, UN_u32_u64, UN_u64_u32,
	    UN_u64_u64, TR_u32_u32, TR_u32_u64, TR_u64_u32, TR_u64_u64 };
enum fmt { FMT_f32, FMT_f64, FMT_i32, FMT_i64, FMT_bool };

typedef u32 BIN_u32_t(u32, u32);
typedef u64 BIN_u64_t(u64, u64);
typedef bool CMP_u32_t(u32, u32);
typedef bool CMP_u64_t(u64, u64);
typedef u32 UN_u32_u32_t(u32);
typedef u64 UN_u32_u64_t(u32);
typedef u32 UN_u64_u32_t(u64);
typedef u64 UN_u64_u64_t(u64);
typedef int TR_u32_u32_t(u32, u32 *);
typedef int TR_u32_u64_t(u32, u64 *);
typedef int TR_u64_u32_t(u64, u32 *);
typedef int TR_u64_u64_t(u64, u64 *);

/*
 * Every kw_float.h operation, from its X-macro lists, as
 * OP(name, signature kind, operand format, result format).
 */
#define BIN_OP(f, T, op)	OP(f##_##op, BIN_##T, FMT_##f, FMT_##f)
#define UN_OP(f, T, op)		OP(f##_##op, UN_##T##_##T, FMT_##f, FMT_##f)
#define CMP_OP(f, T, op)	OP(f##_##op, CMP_##T, FMT_##f, FMT_bool)
#define FORMAT_OPS(f, T)						\
	KW_FLOAT_BIN_OPS(BIN_OP, f, T) KW_FLOAT_UN_OPS(UN_OP, f, T)	\
	KW_FLOAT_CMP_OPS(CMP_OP, f, T)
#define CONV_OPS(f, T, i, I, C, sg)					\
	OP(f##_trunc_##i##_##sg, TR_##T##_##I, FMT_##f, FMT_##i)		\
	OP(f##_trunc_sat_##i##_##sg, UN_##T##_##I, FMT_##f, FMT_##i)	\
	OP(i##_##sg##_to_##f, UN_##I##_##T, FMT_##i, FMT_##f)
#define OPS								\
	KW_FLOAT_FORMATS(FORMAT_OPS) KW_FLOAT_INT_CONVS(CONV_OPS)	\
	OP(f32_promote, UN_u32_u64, FMT_f32, FMT_f64)			\
	OP(f64_demote, UN_u64_u32, FMT_f64, FMT_f32)

#define OP(n, k, a, r) k##_t sf_kw_##n;
OPS
#undef OP

struct op {
	const char *name;
	enum kind kind;
	enum fmt arg, res;
	void (*hw)(void);
	void (*sf)(void);
	long fails;
};

#define OP(n, k, a, r) { #n, k, a, r, (void (*)(void))kw_##n, (void (*)(void))sf_kw_##n, 0 },
static struct op ops[] = { OPS };
#define NOPS ARRAY_SIZE(ops)

struct res {
	u64 v;
	int st;
};

static long passed, failed;
static int verbose;

static bool binary(const struct op *op)
{
	return op->kind == BIN_u32 || op->kind == BIN_u64 ||
	       op->kind == CMP_u32 || op->kind == CMP_u64;
}

static struct res call(const struct op *op, void (*fn)(void), u64 x, u64 y)
{
	struct res r = { 0, 0 };
	u32 o32 = 0;
	u64 o64 = 0;

/* one case per kind: call fn through its own type; a trunc stores 0 when it traps */
#define CALL(k, ...)	case k: r.v = ((k##_t *)fn)(__VA_ARGS__); break
#define TRUNC(k, out)	case k: r.st = ((k##_t *)fn)(x, &out); r.v = r.st ? 0 : out; break
	switch (op->kind) {
	CALL(BIN_u32, x, y);
	CALL(BIN_u64, x, y);
	CALL(CMP_u32, x, y);
	CALL(CMP_u64, x, y);
	CALL(UN_u32_u32, x);
	CALL(UN_u32_u64, x);
	CALL(UN_u64_u32, x);
	CALL(UN_u64_u64, x);
	TRUNC(TR_u32_u32, o32);
	TRUNC(TR_u32_u64, o64);
	TRUNC(TR_u64_u32, o32);
	TRUNC(TR_u64_u64, o64);
	}
#undef CALL
#undef TRUNC
	return r;
}

static bool isnan_fmt(u64 v, enum fmt f)
{
	if (f == FMT_f32)
		return (v & 0x7fffffff) > 0x7f800000;
	if (f == FMT_f64)
		return (v & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
	return false;
}

static bool quiet_fmt(u64 v, enum fmt f)
{
	return f == FMT_f32 ? (v & 0x400000) : (v & 0x8000000000000ull);
}

static bool canonical_fmt(u64 v, enum fmt f)
{
	if (f == FMT_f32)
		return (v & 0x7fffffff) == 0x7fc00000;
	return (v & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}

/* The Wasm NaN rule for one result; NULL if it holds. */
static const char *nan_rule(const struct op *op, u64 x, u64 y, u64 v)
{
	bool in_nan = isnan_fmt(x, op->arg) || (binary(op) && isnan_fmt(y, op->arg));

	if (!isnan_fmt(v, op->res))
		return NULL;
	if (in_nan)
		return quiet_fmt(v, op->res) ? NULL : "NaN result not quiet";
	return canonical_fmt(v, op->res) ? NULL : "NaN from non-NaN operands not canonical";
}

static void report(struct op *op, u64 x, u64 y, const char *why, struct res h, struct res s)
{
	failed++;
	if (op->fails++ >= 8 && !verbose)
		return;
	printf("FAIL %s(0x%llx", op->name, (unsigned long long)x);
	if (binary(op))
		printf(", 0x%llx", (unsigned long long)y);
	printf("): %s: hw 0x%llx/%d soft 0x%llx/%d\n", why, (unsigned long long)h.v, h.st,
	       (unsigned long long)s.v, s.st);
}

static void check(struct op *op, u64 x, u64 y)
{
	struct res h = call(op, op->hw, x, y), s = call(op, op->sf, x, y);
	const char *why = NULL;

	if (op->res == FMT_f32 || op->res == FMT_f64) {
		why = nan_rule(op, x, y, s.v);
		if (!why && nan_rule(op, x, y, h.v))
			why = "(hw) NaN rule";
		if (!why && !(isnan_fmt(h.v, op->res) && isnan_fmt(s.v, op->res)) && h.v != s.v)
			why = "results differ";
	} else if (h.v != s.v || h.st != s.st) {
		why = "results differ";
	}
	if (why)
		report(op, x, y, why, h, s);
	else
		passed++;
}

static struct op *find_op(const char *name)
{
	size_t i;

	for (i = 0; i < NOPS; i++)
		if (!strcmp(ops[i].name, name))
			return &ops[i];
	fprintf(stderr, "no op %s\n", name);
	exit(2);
}

/* Known answers: value CNAN means any canonical NaN; st is the trap status. */
#define CNAN 0xdeadbeefcafef00dull
static const struct kat {
	const char *op;
	u64 x, y, v;
	int st;
} kats[] = {
	{ "f32_nearest", 0x40200000, 0, 0x40000000, 0 },	/* 2.5 -> 2 */
	{ "f32_nearest", 0xc0200000, 0, 0xc0000000, 0 },	/* -2.5 -> -2 */
	{ "f32_nearest", 0x40600000, 0, 0x40800000, 0 },	/* 3.5 -> 4 */
	{ "f32_nearest", 0x3f000000, 0, 0x00000000, 0 },	/* 0.5 -> 0 */
	{ "f32_nearest", 0xbf000000, 0, 0x80000000, 0 },	/* -0.5 -> -0 */
	{ "f32_nearest", 0x3f000001, 0, 0x3f800000, 0 },
	{ "f32_nearest", 0x3fc00000, 0, 0x40000000, 0 },	/* 1.5 -> 2 */
	{ "f64_nearest", 0x432fffffffffffffull, 0, 0x4330000000000000ull, 0 },
	{ "f64_nearest", 0xc004000000000000ull, 0, 0xc000000000000000ull, 0 },
	{ "f32_ceil", 0xbf000000, 0, 0x80000000, 0 },		/* ceil(-0.5) = -0 */
	{ "f32_floor", 0x3f000000, 0, 0x00000000, 0 },
	{ "f32_floor", 0xbf000000, 0, 0xbf800000, 0 },
	{ "f64_ceil", 0x3fe0000000000000ull, 0, 0x3ff0000000000000ull, 0 },
	{ "f64_trunc", 0xc00c000000000000ull, 0, 0xc008000000000000ull, 0 },
	{ "f32_ceil", 0x7fa00000, 0, 0x7fe00000, 0 },		/* sNaN -> quiet */
	{ "f32_min", 0x00000000, 0x80000000, 0x80000000, 0 },
	{ "f32_min", 0x80000000, 0x00000000, 0x80000000, 0 },
	{ "f32_max", 0x80000000, 0x00000000, 0x00000000, 0 },
	{ "f64_max", 0x8000000000000000ull, 0, 0, 0 },
	{ "f64_min", 0, 0x8000000000000000ull, 0x8000000000000000ull, 0 },
	{ "f32_add", 0x7f800000, 0xff800000, CNAN, 0 },
	{ "f64_mul", 0, 0x7ff0000000000000ull, CNAN, 0 },
	{ "f32_div", 0, 0x80000000, CNAN, 0 },
	{ "f32_sqrt", 0xbf800000, 0, CNAN, 0 },
	{ "f32_sqrt", 0x80000000, 0, 0x80000000, 0 },
	{ "f32_sqrt", 0x40000000, 0, 0x3fb504f3, 0 },
	{ "f64_sqrt", 0x4000000000000000ull, 0, 0x3ff6a09e667f3bcdull, 0 },
	{ "f32_div", 0x3f800000, 0x40400000, 0x3eaaaaab, 0 },
	{ "f32_add", 0x7f7fffff, 0x73000000, 0x7f800000, 0 },	/* tie at max -> inf */
	{ "f32_add", 0x7f7fffff, 0x72ffffff, 0x7f7fffff, 0 },
	{ "f32_mul", 0x00000001, 0x3f000000, 0x00000000, 0 },	/* tie -> even 0 */
	{ "f32_mul", 0x00000003, 0x3f000000, 0x00000002, 0 },
	{ "f32_sub", 0x3f800000, 0x3f800000, 0x00000000, 0 },	/* x - x = +0 */
	{ "f32_add", 0x80000000, 0x80000000, 0x80000000, 0 },
	{ "f32_add", 0x80000000, 0x00000000, 0x00000000, 0 },
	{ "f64_add", 0x0000000000000001ull, 0x8000000000000001ull, 0, 0 },
	{ "f32_trunc_i32_s", 0xcf000000, 0, 0x80000000, 0 },	/* -2^31 */
	{ "f32_trunc_i32_s", 0x4f000000, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f32_trunc_i32_s", 0x7fc00000, 0, 0, KW_TRAP_INVALID_CONV },
	{ "f32_trunc_i32_u", 0xbf7fffff, 0, 0, 0 },		/* -0.99999994 -> 0 */
	{ "f32_trunc_i32_u", 0xbf800000, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f32_trunc_i32_u", 0x4f7fffff, 0, 0xffffff00, 0 },
	{ "f64_trunc_i32_s", 0xc1e00000001ccccdull, 0, 0x80000000, 0 },	/* -2147483648.9 */
	{ "f64_trunc_i32_s", 0xc1e0000000200000ull, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f64_trunc_i32_s", 0x41dffffffff9999aull, 0, 0x7fffffff, 0 },
	{ "f64_trunc_i32_u", 0x41effffffffccccdull, 0, 0xffffffff, 0 },	/* 4294967295.9 */
	{ "f64_trunc_i32_u", 0x41f0000000000000ull, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f64_trunc_i64_s", 0xc3e0000000000000ull, 0, 0x8000000000000000ull, 0 },
	{ "f64_trunc_i64_s", 0x43e0000000000000ull, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f64_trunc_i64_u", 0x43efffffffffffffull, 0, 0xfffffffffffff800ull, 0 },
	{ "f64_trunc_i64_u", 0x43f0000000000000ull, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f32_trunc_i64_u", 0xff800000, 0, 0, KW_TRAP_INT_OVERFLOW },
	{ "f32_trunc_sat_i32_s", 0x4f000000, 0, 0x7fffffff, 0 },
	{ "f32_trunc_sat_i32_s", 0xff800000, 0, 0x80000000, 0 },
	{ "f32_trunc_sat_i32_u", 0xffc00000, 0, 0, 0 },
	{ "f64_trunc_sat_i64_u", 0x7ff0000000000000ull, 0, 0xffffffffffffffffull, 0 },
	{ "f64_trunc_sat_i64_s", 0xc3f0000000000000ull, 0, 0x8000000000000000ull, 0 },
	{ "i64_s_to_f32", 0x0020000020000001ull, 0, 0x5a000001, 0 },
	{ "i64_u_to_f32", 0xffffffffffffffffull, 0, 0x5f800000, 0 },
	{ "i64_u_to_f64", 0x8000000000000401ull, 0, 0x43e0000000000001ull, 0 },
	{ "i32_s_to_f32", 0x80000000, 0, 0xcf000000, 0 },
	{ "i32_u_to_f32", 0x01000001, 0, 0x4b800000, 0 },	/* tie -> even */
	{ "i32_u_to_f32", 0x01000003, 0, 0x4b800002, 0 },
	{ "f64_demote", 0x3ff0000010000000ull, 0, 0x3f800000, 0 },	/* tie -> even */
	{ "f64_demote", 0x3ff0000030000000ull, 0, 0x3f800002, 0 },
	{ "f64_demote", 0x36a0000000000000ull, 0, 0x00000001, 0 },
	{ "f64_demote", 0x3690000000000000ull, 0, 0x00000000, 0 },
	{ "f64_demote", 0x3690000000000001ull, 0, 0x00000001, 0 },
	{ "f64_demote", 0x47efffffefffffffull, 0, 0x7f7fffff, 0 },
	{ "f64_demote", 0x47effffff0000000ull, 0, 0x7f800000, 0 },
	{ "f32_promote", 0x00000001, 0, 0x36a0000000000000ull, 0 },
	{ "f32_promote", 0xff800000, 0, 0xfff0000000000000ull, 0 },
	{ "f32_lt", 0x80000000, 0x00000000, 0, 0 },
	{ "f32_le", 0x80000000, 0x00000000, 1, 0 },
	{ "f32_eq", 0x80000000, 0x00000000, 1, 0 },
	{ "f64_eq", 0x7ff8000000000000ull, 0x7ff8000000000000ull, 0, 0 },
	{ "f64_lt", 0xfff0000000000000ull, 0x8000000000000001ull, 1, 0 },
};

static void check_kat(const struct kat *k)
{
	struct op *op = find_op(k->op);
	struct res r[2] = { call(op, op->hw, k->x, k->y), call(op, op->sf, k->x, k->y) };
	int i;

	for (i = 0; i < 2; i++) {
		bool ok = k->v == CNAN ?
			  canonical_fmt(r[i].v, op->res) && isnan_fmt(r[i].v, op->res) :
			  r[i].v == k->v;

		if (ok && r[i].st == k->st) {
			passed++;
			continue;
		}
		failed++;
		printf("FAIL known answer %s %s(0x%llx, 0x%llx): got 0x%llx/%d want 0x%llx/%d\n",
		       i ? "soft" : "hw", k->op, (unsigned long long)k->x,
		       (unsigned long long)k->y, (unsigned long long)r[i].v, r[i].st,
		       (unsigned long long)k->v, k->st);
	}
}

/* Edge values: these, their bit neighbours and their negations. */
static const u32 edge32_base[] = {
	0x00000000, 0x00000001, 0x00000002, 0x007fffff, 0x00800000, 0x00800001,
	0x3f800000, 0x3f000000, 0x3fc00000, 0x40200000, 0x40600000, 0x3effffff,
	0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7fa00000, 0x7fc12345, 0x7f800001,
	0x7fffffff, 0x4b000000, 0x4b800000, 0x4f000000, 0x4f800000, 0x5f000000,
	0x5f800000, 0x5a000000, 0x0da24260, 0x40490fdb, 0x40400000, 0x3eaaaaab,
	0x33800000, 0x34000000, 0x1f800000, 0x5f7fffff, 0x2f800000, 0x4e800000,
};

static const u64 edge64_base[] = {
	0, 1, 2, 0x000fffffffffffffull, 0x0010000000000000ull, 0x0010000000000001ull,
	0x3ff0000000000000ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
	0x4004000000000000ull, 0x400c000000000000ull, 0x3fdfffffffffffffull,
	0x7fefffffffffffffull, 0x7ff0000000000000ull, 0x7ff8000000000000ull,
	0x7ff4000000000000ull, 0x7ff8000000012345ull, 0x7ff0000000000001ull,
	0x7fffffffffffffffull, 0x4330000000000000ull, 0x4340000000000000ull,
	0x41e0000000000000ull, 0x41f0000000000000ull, 0x43e0000000000000ull,
	0x43f0000000000000ull, 0x4170000000000000ull, 0x41e00000001ccccdull,
	0x41dffffffff9999aull, 0x41effffffffccccdull, 0x400921fb54442d18ull,
	0x3ff0000010000000ull, 0x3ff0000030000000ull, 0x47efffffe0000000ull,
	0x47effffff0000000ull, 0x36a0000000000000ull, 0x3690000000000000ull,
	0x3810000000000000ull, 0x380fffffffffffffull, 0x3ca0000000000000ull,
	0x3cb0000000000000ull, 0x1ff0000000000000ull, 0x5fefffffffffffffull,
	0x3fd5555555555555ull, 0x4008000000000000ull, 0x3e70000000000000ull,
};

static const u64 edgeint_base[] = {
	0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x01000000,
	0x01000001, 0x01000003, 0x7fffff80, 0x7fffffc0, 0x7fffff40, 0xffffff7f,
	0x0020000020000001ull, 0x0020000000000000ull, 0x0020000000000001ull,
	0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000401ull,
	0x7ffffffffffffc00ull, 0x7ffffffffffffe00ull, 0xfffffffffffffc00ull,
	0x7fffff8000000000ull, 0x7fffffc000000000ull, 0xffffff7fffffffffull,
	0x123456789abcdefull, 0x100000001ull, 0xfffffffffffff800ull,
};

static u64 edges32[512], edges64[512], edgesint[512];
static int nedges32, nedges64, nedgesint;

static void add_edge(u64 *tab, int *n, u64 v)
{
	int i;

	for (i = 0; i < *n; i++)
		if (tab[i] == v)
			return;
	if (*n < 512)
		tab[(*n)++] = v;
}

static void build_edges(void)
{
	size_t i;
	int d;

	for (i = 0; i < ARRAY_SIZE(edge32_base); i++)
		for (d = -1; d <= 1; d++) {
			u32 v = edge32_base[i] + d;

			if ((edge32_base[i] == 0 && d < 0) || (v & 0x80000000))
				continue;
			add_edge(edges32, &nedges32, v);
			add_edge(edges32, &nedges32, v | 0x80000000);
		}
	for (i = 0; i < ARRAY_SIZE(edge64_base); i++)
		for (d = -1; d <= 1; d++) {
			u64 v = edge64_base[i] + d;

			if ((edge64_base[i] == 0 && d < 0) || (v >> 63))
				continue;
			add_edge(edges64, &nedges64, v);
			add_edge(edges64, &nedges64, v | (1ull << 63));
		}
	for (i = 0; i < ARRAY_SIZE(edgeint_base); i++)
		for (d = -1; d <= 1; d++) {
			add_edge(edgesint, &nedgesint, edgeint_base[i] + d);
			add_edge(edgesint, &nedgesint, -(edgeint_base[i] + d));
		}
}

static u64 *edge_tab(enum fmt f, int *n)
{
	if (f == FMT_f32) {
		*n = nedges32;
		return edges32;
	}
	if (f == FMT_f64) {
		*n = nedges64;
		return edges64;
	}
	*n = nedgesint;
	return edgesint;
}

static void run_edges(struct op *op)
{
	int n, i, j;
	u64 *t = edge_tab(op->arg, &n);
	u64 mask = op->arg == FMT_f32 || op->arg == FMT_i32 ? 0xffffffffull : ~0ull;

	for (i = 0; i < n; i++) {
		if (!binary(op)) {
			check(op, t[i] & mask, 0);
			continue;
		}
		for (j = 0; j < n; j++)
			check(op, t[i], t[j]);
	}
}

static u64 rng_state;

static u64 rnd(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A random value of format @f, biased towards interesting regions. */
static u64 gen(enum fmt f)
{
	int mb = f == FMT_f32 ? 23 : 52, bias = f == FMT_f32 ? 127 : 1023;
	u64 r = rnd(), sign = (u64)(rnd() & 1) << (f == FMT_f32 ? 31 : 63), frac, n;
	int e, sel = r % 16;
	int nt;
	u64 *t;

	if (f == FMT_i32 || f == FMT_i64) {
		r = rnd();
		switch (sel & 3) {
		case 0:		/* any bits */
			break;
		case 1:		/* random magnitude */
			r >>= rnd() % 64;
			break;
		case 2:		/* near a power of two: rounding ties */
			r = (1ull << (rnd() % 64)) + (rnd() % 9) - 4;
			break;
		default:	/* a few significant bits, then a tail */
			r = (r & 0xfff0000000000000ull) >> (rnd() % 64) | (rnd() & 3);
			break;
		}
		if (rnd() & 1)
			r = -r;
		return f == FMT_i32 ? (u32)r : r;
	}
	frac = rnd() & ((1ull << mb) - 1);
	switch (sel) {
	case 0: case 1: case 2: case 3:		/* any bits */
		return f == FMT_f32 ? (u32)r : r;
	case 4: case 5: case 6:			/* moderate exponents */
		e = bias - 40 + (int)(rnd() % 80);
		return sign | ((u64)e << mb) | frac;
	case 7:					/* integer-ish range for conversions */
		e = bias - 2 + (int)(rnd() % 70);
		return sign | ((u64)e << mb) | frac;
	case 8:					/* few fraction bits: ties */
		e = bias - 2 + (int)(rnd() % 70);
		frac &= ~((1ull << (rnd() % (mb + 1))) - 1);
		return sign | ((u64)e << mb) | frac;
	case 9:					/* subnormals and tiny normals */
		e = rnd() % 3;
		frac >>= rnd() % mb;
		return sign | ((u64)e << mb) | frac;
	case 10:				/* near the top */
		e = (f == FMT_f32 ? 254 : 2046) - (int)(rnd() % 3);
		return sign | ((u64)e << mb) | frac;
	case 11:				/* small integer or dyadic fraction */
		n = rnd() % 2048;
		if (!n)
			return sign;
		e = (int)(rnd() % 12);
		r = f == FMT_f32 ? kw_i32_u_to_f32((u32)n) : kw_i64_u_to_f64(n);
		return (r - ((u64)e << mb)) | sign;
	default:				/* an edge value, maybe nudged */
		t = edge_tab(f, &nt);
		r = t[rnd() % nt];
		if (sel == 15)
			r += (rnd() % 5) - 2;
		return f == FMT_f32 ? (u32)r : r;
	}
}

/* A second operand related to @x: same or nearby exponent, or -x, or near x. */
static u64 gen_related(enum fmt f, u64 x)
{
	int mb = f == FMT_f32 ? 23 : 52;
	u64 mask = f == FMT_f32 ? 0xffffffffull : ~0ull;
	u64 sign = f == FMT_f32 ? 0x80000000ull : 1ull << 63;
	u64 y;

	switch (rnd() % 4) {
	case 0:
		return (x ^ sign) & mask;
	case 1:
		return (x + (rnd() % 7) - 3) & mask;
	case 2:
		y = (x & ~((1ull << mb) - 1)) | (rnd() & ((1ull << mb) - 1));
		return (y ^ (rnd() & 1 ? sign : 0)) & mask;
	default:
		y = x + ((rnd() % 64) << mb) - (32ull << mb);
		return (y ^ (rnd() & 1 ? sign : 0)) & mask;
	}
}

static void run_random(struct op *op, long n)
{
	long i;
	u64 x, y;

	for (i = 0; i < n; i++) {
		x = gen(op->arg);
		y = 0;
		if (binary(op))
			y = rnd() & 1 ? gen(op->arg) : gen_related(op->arg, x);
		check(op, x, y);
	}
}

/*
 * Operands whose exact result lies within a few units of the last place of a
 * rounding midpoint (or is exact), where a wrong remainder or sticky bit in a
 * division or square root changes the result.  @mb fraction bits.
 */
static u64 pack(u64 sig, int be, int mb)
{
	/* sig has its leading one at bit mb; be is the biased exponent */
	return ((u64)be << mb) | (sig & ((1ull << mb) - 1));
}

/* Top mb + 1 bits of the 128-bit @v (which is below 2^126), and the shift. */
static u64 top_bits(__uint128_t v, int mb, int *sh)
{
	int n = 0;

	while ((v >> n) >> (mb + 1))
		n++;
	*sh = n;
	return (u64)(v >> n);
}

static void run_hard(struct op *op, int mb, int bias, long n)
{
	u64 one = 1ull << mb, r, s, x, y, sign;
	__uint128_t p;
	int sh, d2, be, d;
	long i;

	for (i = 0; i < n; i++) {
		r = one | (rnd() & (one - 1));
		s = one | (rnd() & (one - 1));
		d = (int)(rnd() % 5) - 2;
		be = bias - 20 + (int)(rnd() % 40);
		sign = rnd() & 1 ? 1ull << (mb == 23 ? 31 : 63) : 0;
		if (strstr(op->name, "sqrt")) {
			/* x * 2^sh = p = q^2 * 2^k */
			if (i & 1) {	/* an exact square (q = r, k = mb + 1) and its neighbours */
				r >>= mb / 2 + 1;
				p = (__uint128_t)r * r << (mb + 1);
				sh = -(mb + 1);
			} else {	/* the square of a midpoint (q = 2r + 1, k = 0) */
				p = (__uint128_t)(2 * r + 1) * (2 * r + 1);
				sh = 0;
			}
			x = top_bits(p, mb, &d2) + d;
			/* sqrt(x * 2^(be - bias - mb)) = q * 2^(e / 2): make e even */
			be += (d2 + sh + be - bias - mb) & 1;
			check(op, pack(x, be, mb), 0);
		} else if (strstr(op->name, "div")) {
			/* x / s is near the midpoint (2r + 1) / 2 */
			x = top_bits((__uint128_t)s * (2 * r + 1), mb, &sh) + d;
			check(op, pack(x, be, mb) | sign, pack(s, be - (int)(rnd() % 20), mb));
		} else if (strstr(op->name, "mul")) {
			/* x * s is near the midpoint (2r + 1) / 2 */
			p = ((__uint128_t)(2 * r + 1) << (mb + 2)) / s;
			x = top_bits(p, mb, &sh) + d;
			y = pack(s, bias - 5 + (int)(rnd() % 10), mb);
			check(op, pack(x, be, mb) | sign, y);
		} else {
			/* random normal operands, exponents at most 60 apart */
			y = pack(s, be - 30 + (int)(rnd() % 60), mb);
			check(op, pack(r, be, mb) | sign, y | (rnd() & 1 ? sign : 0));
		}
	}
}

/*
 * Normal add/sub operands for every exponent difference from 0 to 70 (the
 * same-sign carry, the exact difference of exponents at most one apart, the
 * one-shift difference and the sticky-only shift), with near-equal
 * significands that cancel, and sums at the top of the range that overflow.
 */
static void run_addsub_paths(struct op *op, int mb, int bias, long n)
{
	u64 one = 1ull << mb, sbit = 1ull << (mb == 23 ? 31 : 63), r, s;
	int be, d;
	long i;

	for (i = 0; i < n; i++) {
		d = (int)(i % 71);
		r = one | (rnd() & (one - 1));
		s = one | (rnd() & (one - 1));
		if (d <= 1 && (i & 2))	/* cancel all but the low bits */
			s = (r + (rnd() % 9) - 4) | one;
		be = 1 + d + (int)(rnd() % (2 * bias - d));
		if (i % 16 == 0)	/* largest exponent: a carry overflows */
			be = 2 * bias;
		check(op, pack(r, be, mb) | (rnd() & 1 ? sbit : 0),
		      pack(s, be - d, mb) | (rnd() & 1 ? sbit : 0));
	}
}

/*
 * f64 products whose only bits below the rounding bit but one are far down:
 * significands a' * 2^21 and b' * 2^21 with a', b' odd 32-bit numbers give
 * the 106-bit product a' * b' * 2^42, and choosing b' so that a' * b' is
 * 1025 (or a neighbour) modulo 2^11 puts a set bit eleven places below the
 * rounding bit of a product at or above 2^105.  Losing that bit in the
 * normalising shift turns "just above one half" into a tie.
 */
static void run_mul_sticky(struct op *op, long n)
{
	static const u64 res[] = { 1025, 1023, 2047, 1, 3 };
	u64 a, b, inv, sign;
	int k;
	long i;

	for (i = 0; i < n; i++) {
		a = (rnd() | 1 | (1ull << 31)) & 0xffffffffull;
		inv = a;	/* a^-1 modulo 2^11 by Newton's iteration */
		for (k = 0; k < 4; k++)
			inv *= 2 - a * inv;
		b = ((res[i % ARRAY_SIZE(res)] * inv) & 2047) |
		    ((rnd() | (1ull << 31)) & 0xfffff800ull);
		sign = rnd() & 1 ? 1ull << 63 : 0;
		check(op, pack(a << 21, 1023 - 40 + (int)(rnd() % 80), 52) | sign,
		      pack(b << 21, 1023 - 40 + (int)(rnd() % 80), 52));
	}
}

int main(int argc, char **argv)
{
	long n = 300000;
	size_t i;
	int c;

	rng_state = 0x6b7761736d;
	for (c = 1; c < argc; c++) {
		if (!strcmp(argv[c], "-n") && c + 1 < argc) {
			n = atol(argv[++c]);
		} else if (!strcmp(argv[c], "-s") && c + 1 < argc) {
			rng_state = strtoull(argv[++c], NULL, 0);
		} else if (!strcmp(argv[c], "-v")) {
			verbose = 1;
		} else {
			fprintf(stderr, "usage: %s [-n cases-per-op] [-s seed] [-v]\n", argv[0]);
			return 2;
		}
	}
	build_edges();
	for (i = 0; i < ARRAY_SIZE(kats); i++)
		check_kat(&kats[i]);
	for (i = 0; i < NOPS; i++) {
		long before = failed;

		run_edges(&ops[i]);
		run_random(&ops[i], n);
		if (strstr("f32_add f32_sub f32_mul f32_div f32_sqrt", ops[i].name))
			run_hard(&ops[i], 23, 127, n);
		if (strstr("f64_add f64_sub f64_mul f64_div f64_sqrt", ops[i].name))
			run_hard(&ops[i], 52, 1023, n);
		if (strstr("f32_add f32_sub", ops[i].name))
			run_addsub_paths(&ops[i], 23, 127, n);
		if (strstr("f64_add f64_sub", ops[i].name))
			run_addsub_paths(&ops[i], 52, 1023, n);
		if (!strcmp(ops[i].name, "f64_mul"))
			run_mul_sticky(&ops[i], n);
		if (failed != before)
			printf("%s: %ld failures\n", ops[i].name, failed - before);
	}
	printf("%ld passed, %ld failed\n", passed, failed);
	return failed ? 1 : 0;
}
