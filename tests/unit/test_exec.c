// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Execution safety through the public API: fuel, deadlines, call depth,
 * trap locations, host functions and guest memory bounds, re-entry, the
 * memory cap, and allocation failure at every point of load/instantiate/
 * call.  Usage: test_exec BUILD/unit/wat
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwasm/engine.h"
#include "kwasm/kw_port.h"
#include "kw_port_user.h"
#include "check.h"

static u8 *slurp(const char *dir, const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	u8 *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	if (fread(buf, 1, n, f) != (size_t)n)
		exit(1);
	fclose(f);
	*len = n;
	return buf;
}

static struct kw_instance *reenter_inst;

static int host_peek(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	u8 *p = kw_host_mem(hc, (u32)args[0], 1);

	if (!p)
		return KW_TRAP_MEM_OOB;
	results[0] = *p;
	return 0;
}

static int host_reenter(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	struct kw_extern ex;
	struct kw_value r;
	int ret;

	if (kw_instance_export(reenter_inst, "spin", 4, &ex))
		return KW_TRAP_HOST;
	ret = kw_call(reenter_inst, ex.func, NULL, 0, NULL, 0, NULL);
	(void)r;
	results[0] = (u32)ret;
	return 0;
}

static const u8 t_i32[] = { KW_I32, KW_I32 };
static const u8 t_ret_i32[] = { KW_I32 };

struct env {
	struct kw_module *mod;
	struct kw_instance *inst;
	struct kw_func *peek, *reenter;
};

static int env_open(struct env *e, const u8 *bin, size_t len, const struct kw_limits *lim)
{
	struct kw_functype peek_t = { 1, 1, t_i32 }, re_t = { 0, 1, t_ret_i32 };
	struct kw_extern imp[2];
	struct kw_error err;
	int ret;

	memset(e, 0, sizeof(*e));
	ret = kw_module_load(bin, len, &e->mod, &err);
	if (ret)
		return ret;
	ret = kw_func_new_host(&peek_t, host_peek, NULL, &e->peek);
	if (!ret)
		ret = kw_func_new_host(&re_t, host_reenter, NULL, &e->reenter);
	if (ret)
		return ret;
	imp[0].kind = KW_EXTERN_FUNC;
	imp[0].func = e->peek;
	imp[1].kind = KW_EXTERN_FUNC;
	imp[1].func = e->reenter;
	return kw_instance_new(e->mod, imp, 2, lim, &e->inst, NULL, &err);
}

static void env_close(struct env *e)
{
	kw_instance_free(e->inst);
	kw_func_free(e->peek);
	kw_func_free(e->reenter);
	kw_module_free(e->mod);
}

static int call1(struct env *e, const char *name, s32 arg, struct kw_value *res,
		 struct kw_call_ctx *ctx)
{
	struct kw_value a = { .type = KW_I32, .i32 = (u32)arg };
	struct kw_export_desc d;
	struct kw_extern ex;
	int ret;

	ret = kw_instance_export(e->inst, name, strlen(name), &ex);
	if (ret)
		return ret;
	kw_func_type(ex.func, &(struct kw_functype){ 0 });
	{
		struct kw_functype ft;

		kw_func_type(ex.func, &ft);
		(void)d;
		return kw_call(e->inst, ex.func, &a, ft.nparams, res, ft.nresults, ctx);
	}
}

static void test_fuel(struct env *e)
{
	struct kw_call_ctx ctx = { .fuel = 100000 };
	struct kw_value r;
	u64 used;
	int ret;

	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_FUEL,
	      "infinite loop ends in fuel exhausted (ret %d, trap %u)", ret, ctx.trap.code);
	CHECK(ctx.fuel_used <= 100000 && ctx.fuel_used > 99000,
	      "fuel used %llu close to the budget", (unsigned long long)ctx.fuel_used);

	memset(&ctx, 0, sizeof(ctx));
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 500500, "sum(1000) = %u", r.i32);
	used = ctx.fuel_used;
	CHECK(used >= 1000, "a 1000-iteration loop uses at least 1000 fuel (%llu)",
	      (unsigned long long)used);

	memset(&ctx, 0, sizeof(ctx));
	ctx.fuel = used;
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == 0 && ctx.fuel_used == used, "exact budget suffices (ret %d)", ret);

	memset(&ctx, 0, sizeof(ctx));
	ctx.fuel = used - 1;
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_FUEL,
	      "one unit less runs out (ret %d)", ret);

	memset(&ctx, 0, sizeof(ctx));
	ctx.may_yield = true;
	ctx.fuel = 1000000;
	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_FUEL &&
	      ctx.fuel_used <= 1000000, "fuel is exact when sliced for yields");

	/* Budgets at or past 2^63 once wrapped negative and trapped at once. */
	memset(&ctx, 0, sizeof(ctx));
	ctx.fuel = ~0ull;
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 500500 && ctx.fuel_used == used,
	      "fuel 2^64-1 runs like unlimited (ret %d, used %llu)", ret,
	      (unsigned long long)ctx.fuel_used);
	memset(&ctx, 0, sizeof(ctx));
	ctx.fuel = 1ull << 63;
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 500500, "fuel 2^63 runs like unlimited (ret %d)", ret);
	memset(&ctx, 0, sizeof(ctx));
	ctx.fuel = 4611686018427387903ull;
	ret = call1(e, "sum", 1000, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 500500, "fuel 2^62-1 runs (ret %d)", ret);
}

static void test_deadline(struct env *e)
{
	struct kw_call_ctx ctx = { 0 };
	struct kw_value r;
	u64 t0 = kw_port_time_ns();
	int ret;

	ctx.deadline_ns = t0 + 50 * 1000000ull;
	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_DEADLINE,
	      "deadline stops an infinite loop (trap %u)", ctx.trap.code);
	CHECK(kw_port_time_ns() - t0 < 5000000000ull, "deadline stops it promptly");
}

/*
 * A budget starts the clock only after KW_BUDGET_START_FUEL units: a 1 ns
 * budget lets a short call finish, and still stops a long one.
 */
/* Seconds of spinning: a budget that failed to stop it shows as a fuel trap. */
#define SPIN_FUEL	4000000000ull

static void test_budget(struct env *e)
{
	struct kw_call_ctx ctx = { .budget_ns = 1 };
	struct kw_value r;
	u64 t0 = kw_port_time_ns();
	int ret;

	ret = call1(e, "sum", 10, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 55 && ctx.fuel_used < KW_BUDGET_START_FUEL,
	      "a 1 ns budget lets a call of %llu fuel finish (ret %d)",
	      (unsigned long long)ctx.fuel_used, ret);
	ctx = (struct kw_call_ctx){ .budget_ns = 1 };
	ret = call1(e, "sum", 100000, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_DEADLINE &&
	      ctx.fuel_used >= KW_BUDGET_START_FUEL,
	      "a 1 ns budget stops a long call after the first slice (trap %u, fuel %llu)",
	      ctx.trap.code, (unsigned long long)ctx.fuel_used);
	ctx = (struct kw_call_ctx){ .budget_ns = 50 * 1000000ull, .fuel = SPIN_FUEL };
	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_DEADLINE,
	      "a budget stops an infinite loop (trap %u)", ctx.trap.code);
	/* With both, the earlier one ends the call. */
	ctx = (struct kw_call_ctx){ .budget_ns = 3600 * 1000000000ull, .fuel = SPIN_FUEL,
				    .deadline_ns = kw_port_time_ns() + 50 * 1000000ull };
	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_DEADLINE,
	      "a deadline before the budget's end still stops the loop (trap %u)",
	      ctx.trap.code);
	ctx = (struct kw_call_ctx){ .budget_ns = 50 * 1000000ull, .fuel = SPIN_FUEL,
				    .deadline_ns = kw_port_time_ns() + 3600 * 1000000000ull };
	ret = call1(e, "spin", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_DEADLINE,
	      "a budget ending before the deadline stops the loop (trap %u)", ctx.trap.code);
	CHECK(kw_port_time_ns() - t0 < 5000000000ull, "budgets stop loops promptly");
}

/* kw_call_slots(): the same results as kw_call(), raw, and no host functions. */
static void test_slots(struct env *e)
{
	struct kw_call_ctx ctx = { .fuel = 1000000 };
	struct kw_extern ex;
	u64 v = 100;
	int ret;

	ret = kw_instance_export(e->inst, "sum", 3, &ex);
	if (!ret)
		ret = kw_call_slots(ex.func, &v, &ctx);
	CHECK(ret == 0 && v == 5050 && ctx.fuel_used > 0,
	      "kw_call_slots sums 1..100 (ret %d, %llu)", ret, (unsigned long long)v);
	v = 1;
	ret = kw_call_slots(e->peek, &v, &ctx);
	CHECK(ret == -KW_EARG, "kw_call_slots refuses a host function (ret %d)", ret);
	ret = kw_instance_export(e->inst, "spin", 4, &ex);
	if (!ret)
		ret = kw_call_slots(ex.func, &v, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_FUEL,
	      "kw_call_slots runs out of fuel like kw_call (ret %d, trap %u)", ret,
	      ctx.trap.code);
}

static void test_traps(struct env *e, const u8 *bin)
{
	struct kw_call_ctx ctx = { 0 };
	struct kw_value r;
	int ret;

	ret = call1(e, "recurse", 0, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_STACK_EXHAUSTED,
	      "unbounded recursion: call stack exhausted");
	CHECK(!strcmp(kw_trap_message(ctx.trap.code), "call stack exhausted"), "message");

	memset(&ctx, 0, sizeof(ctx));
	ret = call1(e, "boom", 0, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 0, "boom(0) returns");
	ret = call1(e, "boom", 1, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_UNREACHABLE, "boom(1) traps");
	/* Imports are functions 0 and 1, spin 2, recurse 3, sum 4, boom 5. */
	CHECK(ctx.trap.func_idx == 5, "trap names function 5 (got %u)", ctx.trap.func_idx);
	CHECK(ctx.trap.offset > 0 && bin[ctx.trap.offset] == 0x00,
	      "trap offset 0x%x points at the unreachable opcode", ctx.trap.offset);

	/* Frames do not record their function: the report must still find it. */
	memset(&ctx, 0, sizeof(ctx));
	ret = call1(e, "callboom", 1, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_UNREACHABLE, "callboom(1) traps");
	CHECK(ctx.trap.func_idx == 5, "callee trap names function 5 (got %u)", ctx.trap.func_idx);
	CHECK(ctx.trap.offset > 0 && bin[ctx.trap.offset] == 0x00, "callee trap offset 0x%x",
	      ctx.trap.offset);
	memset(&ctx, 0, sizeof(ctx));
	ret = call1(e, "after", 1, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_UNREACHABLE, "after(1) traps");
	CHECK(ctx.trap.func_idx == 11, "caller trap names function 11 (got %u)",
	      ctx.trap.func_idx);
	CHECK(ctx.trap.offset > 0 && bin[ctx.trap.offset] == 0x00, "caller trap offset 0x%x",
	      ctx.trap.offset);
	ret = call1(e, "callboom", 0, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 7, "callboom(0) returns 7 (ret %d)", ret);
}

static void test_host(struct env *e)
{
	struct kw_call_ctx ctx = { 0 };
	struct kw_value r;
	int ret;

	ret = call1(e, "peek", 16, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 'k', "host reads guest memory (%u)", r.i32);
	ret = call1(e, "peek", 65536, &r, &ctx);
	CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_MEM_OOB,
	      "host access past memory end is refused");
	ret = call1(e, "peek", -1, &r, &ctx);
	CHECK(ret == -KW_ETRAP, "host access at 0xffffffff is refused");

	reenter_inst = e->inst;
	ret = call1(e, "reenter", 0, &r, &ctx);
	CHECK(ret == 0 && (s32)r.i32 == -KW_EBUSY, "re-entry is refused with EBUSY (%d)",
	      (s32)r.i32);
	ret = call1(e, "sum", 10, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 55, "instance usable after refused re-entry");
}

static void test_memory_cap(const u8 *bin, size_t len)
{
	struct kw_limits lim = { .max_memory_pages = 4 };
	struct kw_value r;
	struct env e;
	int ret;

	ret = env_open(&e, bin, len, &lim);
	CHECK(ret == 0, "instantiate with a 4-page cap");
	if (ret) {
		env_close(&e);
		return;
	}
	ret = call1(&e, "grow", 3, &r, NULL);
	CHECK(ret == 0 && r.i32 == 1, "grow to the cap works (old %d)", (s32)r.i32);
	ret = call1(&e, "grow", 1, &r, NULL);
	CHECK(ret == 0 && (s32)r.i32 == -1, "grow past the cap fails with -1");
	ret = call1(&e, "load", 4 * 65536 - 1, &r, NULL);
	CHECK(ret == 0, "last byte of memory readable");
	ret = call1(&e, "load", 4 * 65536, &r, NULL);
	CHECK(ret == -KW_ETRAP, "first byte past memory traps");
	env_close(&e);
}

/*
 * A call its instance's stack cannot hold is refused at the entry, before
 * any fuel is spent, and leaves the instance ready for the next call.
 */
static void test_small_stack(const u8 *bin, size_t len)
{
	struct kw_limits lim = { .stack_slots = 1 };
	struct kw_call_ctx ctx = { .fuel = 1000 };
	u64 v[2] = { 1, 2 };
	struct kw_extern ex;
	struct kw_value r;
	struct env e;
	int i, ret;

	ret = env_open(&e, bin, len, &lim);
	CHECK(ret == 0, "instantiate with a one-slot stack (%d)", ret);
	if (ret) {
		env_close(&e);
		return;
	}
	/* sum's frame (a parameter and a local) is larger than the stack. */
	for (i = 0; i < 2; i++) {
		ctx.fuel_used = 1;
		ret = call1(&e, "sum", 10, &r, &ctx);
		CHECK(ret == -KW_ETRAP && ctx.trap.code == KW_TRAP_STACK_EXHAUSTED &&
		      ctx.fuel_used == 0,
		      "call %d: a frame too large traps, no fuel used (ret %d, trap %u)", i, ret,
		      ctx.trap.code);
	}
	/* add2's two parameters do not fit: the call cannot start at all. */
	ret = kw_instance_export(e.inst, "add2", 4, &ex);
	CHECK(ret == 0, "add2 exported");
	for (i = 0; !ret && i < 2; i++) {
		ctx.fuel_used = 1;
		ret = kw_call_slots(ex.func, v, &ctx);
		CHECK(ret == -KW_EARG && ctx.trap.code == KW_TRAP_NONE && ctx.fuel_used == 0,
		      "call %d: a signature too large is refused (ret %d)", i, ret);
		ret = 0;
	}
	env_close(&e);
}

/* Atomic callers: growth only inside a preallocated reserve, never an allocation. */
static void test_no_alloc(const u8 *bin, size_t len)
{
	struct kw_limits lim = { .max_memory_pages = 4, .flags = KW_LIMIT_PREALLOC_MEMORY };
	struct kw_call_ctx ctx = { .no_alloc = true };
	long allocs;
	struct kw_value r;
	struct env e;
	int ret;

	ret = env_open(&e, bin, len, NULL);
	CHECK(ret == 0, "instantiate without a reserve");
	if (!ret) {
		ret = call1(&e, "grow", 1, &r, &ctx);
		CHECK(ret == 0 && (s32)r.i32 == -1, "no_alloc grow without a reserve fails");
		ret = call1(&e, "grow", 1, &r, NULL);
		CHECK(ret == 0 && r.i32 == 1, "the same grow may allocate without no_alloc");
	}
	env_close(&e);
	ret = env_open(&e, bin, len, &lim);
	CHECK(ret == 0, "instantiate with a preallocated 4-page memory");
	if (ret) {
		env_close(&e);
		return;
	}
	allocs = kw_port_live_allocs;
	ret = call1(&e, "load", 65536, &r, &ctx);
	CHECK(ret == -KW_ETRAP, "the reserve is not addressable before growing");
	ret = call1(&e, "grow", 3, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 1, "no_alloc grow inside the reserve (old %d)", (s32)r.i32);
	CHECK(kw_port_live_allocs == allocs, "growing inside the reserve allocates nothing");
	ret = call1(&e, "load", 4 * 65536 - 1, &r, &ctx);
	CHECK(ret == 0 && r.i32 == 0, "grown memory reads as zero");
	ret = call1(&e, "grow", 1, &r, &ctx);
	CHECK(ret == 0 && (s32)r.i32 == -1, "grow past the reserve fails with -1");
	env_close(&e);
}

/* Fail the 1st, 2nd, ... allocation until everything succeeds. */
static void test_oom(const u8 *bin, size_t len)
{
	long base = kw_port_live_allocs;
	int n, bad = 0, leaks = 0;

	for (n = 1; n < 10000; n++) {
		struct kw_value r;
		struct env e;
		int ret;

		kw_port_fail_after = n;
		ret = env_open(&e, bin, len, NULL);
		if (!ret)
			ret = call1(&e, "sum", 100, &r, NULL);
		kw_port_fail_after = 0;
		env_close(&e);
		if (kw_port_live_allocs != base)
			leaks++;
		if (ret == 0)
			break;
		if (ret != -KW_ENOMEM) {
			printf("# allocation %d failed: got %d, not ENOMEM\n", n, ret);
			bad++;
		}
	}
	CHECK(n > 5 && n < 10000, "allocation failure injected at %d points", n - 1);
	CHECK(bad == 0, "every injected failure reports ENOMEM (%d did not)", bad);
	CHECK(leaks == 0, "no allocation leaks after failures (%d runs leaked)", leaks);
}

/* Mutated modules must load or fail cleanly, and run bounded if they load. */
static void test_mutants(const u8 *bin, size_t len)
{
	u8 *m = malloc(len);
	long base = kw_port_live_allocs;
	int i, loaded = 0;

	srand(1);
	for (i = 0; i < 3000; i++) {
		struct kw_module *mod;
		struct kw_error err;
		int k, flips = 1 + rand() % 4;

		memcpy(m, bin, len);
		for (k = 0; k < flips; k++)
			m[rand() % len] ^= (u8)(1 << (rand() % 8));
		if (kw_module_load(m, len, &mod, &err))
			continue;
		loaded++;
		kw_module_free(mod);
	}
	free(m);
	CHECK(kw_port_live_allocs == base, "mutant loads leak nothing");
	CHECK(loaded > 0, "some mutants still load (%d)", loaded);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "build/unit/wat";
	size_t len;
	u8 *bin = slurp(dir, "exec.wasm", &len);
	struct env e;
	int ret;

	ret = env_open(&e, bin, len, NULL);
	CHECK(ret == 0, "exec.wasm instantiates (%d)", ret);
	if (!ret) {
		test_fuel(&e);
		test_deadline(&e);
		test_budget(&e);
		test_slots(&e);
		test_traps(&e, bin);
		test_host(&e);
	}
	env_close(&e);
	test_no_alloc(bin, len);
	test_memory_cap(bin, len);
	test_small_stack(bin, len);
	test_oom(bin, len);
	test_mutants(bin, len);
	free(bin);
	return check_done("test_exec");
}
