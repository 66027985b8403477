// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fuel bounds time: one unit per Wasm instruction of every function body
 * and loop body entered (kwasm.h, struct kw_call_ctx).  Straight-line code
 * once cost one unit per call however long the callee: a 20,000-
 * instruction function called 1,000 times used 12,001 fuel.  The modules
 * are built here, byte by byte, so their instruction counts are known.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kwasm/engine.h"

#include "check.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct buf {
	u8 *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *src, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			exit(1);
	}
	memcpy(b->p + b->len, src, n);
	b->len += n;
}

static void put_u8(struct buf *b, u8 v)
{
	put(b, &v, 1);
}

static void put_leb(struct buf *b, u32 v)
{
	do {
		put_u8(b, (v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

static void put_section(struct buf *m, u8 id, const struct buf *body)
{
	put_u8(m, id);
	put_leb(m, body->len);
	put(m, body->p, body->len);
}

/*
 * (func $long  (i32.const 1) (drop) x N)          2N + 1 instructions
 * (func "drive" (param i32)  call $long, param times, from a loop
 */
static struct buf build(u32 n)
{
	static const u8 types[] = { 2, 0x60, 0, 0, 0x60, 1, 0x7f, 0 };
	static const u8 funcs[] = { 2, 0, 1 };
	static const u8 exports[] = { 1, 5, 'd', 'r', 'i', 'v', 'e', 0, 1 };
	/* block loop (br_if 1 (i32.eqz (local.get 0))) call 0
	 * (local.set 0 (i32.sub (local.get 0) (i32.const 1))) br 0, then 3 ends
	 */
	static const u8 drive[] = { 0, 0x02, 0x40, 0x03, 0x40, 0x20, 0, 0x45, 0x0d, 1,
				    0x10, 0, 0x20, 0, 0x41, 1, 0x6b, 0x21, 0, 0x0c, 0,
				    0x0b, 0x0b, 0x0b };
	struct buf m = { 0 }, sec = { 0 }, body = { 0 };
	u32 i;

	put(&m, "\0asm\1\0\0\0", 8);
	put(&sec, types, sizeof(types));
	put_section(&m, 1, &sec);
	sec.len = 0;
	put(&sec, funcs, sizeof(funcs));
	put_section(&m, 3, &sec);
	sec.len = 0;
	put(&sec, exports, sizeof(exports));
	put_section(&m, 7, &sec);
	put_u8(&body, 0);
	for (i = 0; i < n; i++)
		put(&body, "\x41\x01\x1a", 3);
	put_u8(&body, 0x0b);
	sec.len = 0;
	put_u8(&sec, 2);
	put_leb(&sec, body.len);
	put(&sec, body.p, body.len);
	put_leb(&sec, sizeof(drive));
	put(&sec, drive, sizeof(drive));
	put_section(&m, 10, &sec);
	free(sec.p);
	free(body.p);
	return m;
}

/*
 * Load @bin, call its export @name (5 letters) with the i32 @in on @fuel
 * and put the fuel used in @used and the i32 result, if @out, in @out.
 */
static int run(const u8 *bin, size_t len, const char *name, u32 in, u32 *out, u64 fuel,
	       u64 *used)
{
	struct kw_value arg = { .type = KW_I32, .i32 = in }, res = { 0 };
	struct kw_call_ctx ctx = { .fuel = fuel };
	struct kw_instance *inst = NULL;
	struct kw_module *mod = NULL;
	struct kw_error err;
	struct kw_extern ex;
	int ret;

	ret = kw_module_load(bin, len, &mod, &err);
	if (!ret)
		ret = kw_instance_new(mod, NULL, 0, NULL, &inst, NULL, &err);
	if (!ret)
		ret = kw_instance_export(inst, name, 5, &ex);
	if (!ret)
		ret = kw_call(inst, ex.func, &arg, 1, &res, out ? 1 : 0, &ctx);
	*used = ctx.fuel_used;
	if (out)
		*out = res.i32;
	kw_instance_free(inst);
	kw_module_free(mod);
	return ret;
}

static int drive(u32 n, u32 calls, u64 fuel, u64 *used)
{
	struct buf bin = build(n);
	int ret = run(bin.p, bin.len, "drive", calls, NULL, fuel, used);

	free(bin.p);
	return ret;
}

/*
 * (func (export "count") (param $n i32) (result i32) (local $i i32)
 *   (block $done (loop $next
 *     (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *     (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *     (br $next)))
 *   (local.get $i))
 * A top-tested loop, whose back edge the compiler rotates into the test.
 */
static const u8 count_wasm[] = {
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60,
	0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x09, 0x01, 0x05,
	0x63, 0x6f, 0x75, 0x6e, 0x74, 0x00, 0x00, 0x0a, 0x1e, 0x01, 0x1c, 0x01,
	0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x01, 0x20, 0x00, 0x4f, 0x0d,
	0x01, 0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, 0x0c, 0x00, 0x0b, 0x0b,
	0x20, 0x01, 0x0b,
};

static int count(u32 n, u64 fuel, u64 *used, u32 *res)
{
	return run(count_wasm, sizeof(count_wasm), "count", n, res, fuel, used);
}

/*
 * 5 units outside the loop, its 10 at entry and at every back edge, the
 * last one included, whose test fails: as before the rotation, when the
 * back edge was a `br` to the test.  One unit less runs out at that test.
 */
static void check_rotated(void)
{
	static const u32 ns[] = { 0, 1, 2, 100 };
	u64 used, want;
	u32 i, res;
	int ret;

	for (i = 0; i < ARRAY_SIZE(ns); i++) {
		want = 5 + 10 * (ns[i] + 1ull);
		ret = count(ns[i], 0, &used, &res);
		CHECK(ret == 0 && res == ns[i] && used == want,
		      "count(%u) = %u with %llu fuel (want %llu)", ns[i], res,
		      (unsigned long long)used, (unsigned long long)want);
		ret = count(ns[i], want, &used, &res);
		CHECK(ret == 0 && used == want, "count(%u) runs on exactly %llu fuel (%d)",
		      ns[i], (unsigned long long)want, ret);
		ret = count(ns[i], want - 1, &used, &res);
		CHECK(ret == -KW_ETRAP, "count(%u) runs out on %llu fuel (%d)", ns[i],
		      (unsigned long long)want - 1, ret);
	}
}

int main(void)
{
	/* Per call of drive's loop: 9 instructions, and $long's 2N + 1. */
	const u64 exec = 1000ull * (20001 + 9);
	u64 used;
	int ret;

	ret = drive(10000, 1000, 0, &used);
	CHECK(ret == 0, "1,000 calls of a 20,001-instruction function run (%d)", ret);
	CHECK(used >= exec && used <= 2 * exec,
	      "they use between %llu and twice as much fuel: %llu",
	      (unsigned long long)exec, (unsigned long long)used);
	ret = drive(10000, 1000, exec / 2, &used);
	CHECK(ret == -KW_ETRAP, "half that budget runs out (%d, used %llu)", ret,
	      (unsigned long long)used);
	/* Short bodies: the unit still tracks instructions, not calls. */
	ret = drive(1, 100000, 0, &used);
	CHECK(ret == 0 && used >= 100000ull * 12 && used <= 2 * 100000ull * 12,
	      "100,000 calls of a 3-instruction function: %llu fuel",
	      (unsigned long long)used);
	check_rotated();
	return check_done("test_fuel");
}
