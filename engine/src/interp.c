// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The interpreter: one flat, direct-threaded dispatch loop over the cells
 * that compile.c produces.  Instruction, frame and stack pointers stay in
 * locals; Wasm calls push a struct kw_frame on the instance's control stack
 * instead of recursing natively, so native stack use is constant.
 */
#include "internal.h"
#include "ops.h"
#include "kw_float.h"

/*
 * Bulk operations cost fuel in proportion to their size, so fuel bounds
 * time: one unit per 64 bytes of memory, per 8 table elements.
 */
#define KW_FUEL_BYTES_SHIFT	6
#define KW_FUEL_ELEMS_SHIFT	3

/* Fuel slice between yield/deadline checks when the caller asked for them. */
#define noinline_fn	__attribute__((__noinline__))
#define KW_FUEL_SLICE	65536

/*
 * The hot loop counts fuel in an s64: budgets past KW_FUEL_MAX (as good as
 * unlimited) are clamped, or they would wrap negative and trap at once.
 */
static inline u64 fuel_total(const struct kw_call_ctx *ctx)
{
	return ctx->fuel && ctx->fuel < KW_FUEL_MAX ? ctx->fuel : KW_FUEL_MAX;
}

/*
 * Hands the hot loop another slice: @fuel (negative) plus what it may
 * take.  Returns the new fuel, or -1 with @fs->trap set when it cannot.
 * The entry left the rest of @ctx unread: the first refuel reads it.
 */
static s64 noinline_fn refuel(struct kw_fuel *fs, const struct kw_call_ctx *ctx, s64 fuel)
{
	u64 need = (u64)-fuel;
	u64 take;

	if (!fs->slice) {
		fs->total = fuel_total(ctx);
		fs->deadline = ctx->deadline_ns;
		fs->budget = ctx->budget_ns;
		fs->slice = fs->deadline || fs->budget || ctx->may_yield ? KW_FUEL_SLICE
									   : fs->total;
	}
	/* One charge may overdraw by more than a slice (bulk operations). */
	take = need + fs->slice;
	if (fs->deadline || fs->budget) {
		u64 now = kw_port_time_ns();

		if (fs->budget && (!fs->deadline || now + fs->budget < fs->deadline))
			fs->deadline = now + fs->budget;
		fs->budget = 0;
		if (now >= fs->deadline) {
			fs->trap = KW_TRAP_DEADLINE;
			return -1;
		}
	}
	if (ctx->may_yield && kw_port_yield()) {
		fs->trap = KW_TRAP_INTERRUPTED;
		return -1;
	}
	if (take > fs->total - fs->granted)
		take = fs->total - fs->granted;
	if (take <= need) {
		fs->granted = fs->total;
		fs->trap = KW_TRAP_FUEL;
		return -1;
	}
	fs->granted += take;
	return fuel + (s64)take;
}

static u32 popcnt64(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (u32)((x * 0x0101010101010101ull) >> 56);
}

static struct kw_memory no_memory;

static void *elem_value(struct kw_instance *inst, const struct kw_constexpr *e)
{
	if (e->op == 0xd2)
		return inst->funcs[e->idx];
	if (e->op == 0x23)
		return (void *)(kw_uptr)inst->globals[e->idx]->val;
	return NULL;
}

#ifdef KW_COUNT_DISPATCH
/*
 * Dispatch statistics, for a userspace build flavour only: one counter per
 * instruction, found from the handler address through a table indexed by
 * its distance from the lowest handler.
 */
#define KW_COUNT_SPAN	(1u << 18)
static u64 dispatch_hist[__KW_OP_COUNT];
static u16 op_of[KW_COUNT_SPAN];
static kw_uptr label_min;

static void count_init(const void *const *labels)
{
	u32 i;

	if (label_min)
		return;
	label_min = (kw_uptr)labels[0];
	for (i = 0; i < __KW_OP_COUNT; i++)
		if ((kw_uptr)labels[i] < label_min)
			label_min = (kw_uptr)labels[i];
	for (i = 0; i < __KW_OP_COUNT; i++)
		if ((kw_uptr)labels[i] - label_min < KW_COUNT_SPAN)
			op_of[(kw_uptr)labels[i] - label_min] = (u16)i;
}

static inline void count_dispatch(const void *h)
{
	kw_uptr d = (kw_uptr)h - label_min;

	if (d < KW_COUNT_SPAN)
		dispatch_hist[op_of[d]]++;
}

#define KW_NAME(name) #name,
static const char *const op_names[] = { KW_OPS(KW_NAME) };
#undef KW_NAME

/**
 * kw_dispatch_report() - hand out and reset the dispatch counters
 * @emit: called once per instruction that ran, with its name and count
 * @arg: passed to @emit
 */
void kw_dispatch_report(void (*emit)(const char *name, u64 n, void *arg), void *arg)
{
	u32 i;

	for (i = 0; i < __KW_OP_COUNT; i++) {
		if (dispatch_hist[i])
			emit(op_names[i], dispatch_hist[i], arg);
		dispatch_hist[i] = 0;
	}
}
#endif

#define FP(n)		((void *)(fp + ip[n].u))
#define U32(n)		(*(u32 *)FP(n))
#define S32(n)		(*(s32 *)FP(n))
#define U64(n)		(*(u64 *)FP(n))
#define S64(n)		(*(s64 *)FP(n))
#define PTR(n)		(*(void **)FP(n))
/*
 * i32/f32 results are stored as zero-extended 64-bit slots: a 32-bit store
 * followed by a 64-bit copy of the slot would stall store forwarding.
 */
#define W32(n)		U64(n)
/*
 * Every handler needs the frame and the memory: an empty asm that wants
 * them in registers at each dispatch keeps GCC from spilling them across
 * a function of a thousand labels (it did, at random, as handlers came
 * and went).
 */
#define PIN()		__asm__("" : "+r"(fp), "+r"(mem))
#ifdef KW_COUNT_DISPATCH
#define DISPATCH()	do { PIN(); count_dispatch(ip->h); goto *ip->h; } while (0)
#else
#define DISPATCH()	do { PIN(); goto *ip->h; } while (0)
#endif
#define NEXT(n)		do { ip += (n); DISPATCH(); } while (0)
/* Backward branches land on a loop head: charge its fuel and skip it. */
#define JUMP(k)								\
	do {								\
		s64 off_ = ip[k].s;					\
		ip = &ip[k] + off_;					\
		if (off_ < 0) {						\
			CHARGE(ip[1].s);				\
			ip += 2;					\
		}							\
		DISPATCH();						\
	} while (0)
#define TRAP(c)		do { trapcode = (c); goto trap; } while (0)
/* The fuel state is the entry instance's (struct kw_fuel). */
#define CHARGE(n)							\
	do {								\
		fuel -= (n);						\
		if (unlikely(fuel < 0)) {				\
			fuel = refuel(&fn->inst->fuel, ctx, fuel);	\
			if (fuel < 0)					\
				TRAP(fn->inst->fuel.trap);		\
		}							\
	} while (0)
#define RELOAD_MEM()							\
	do {								\
		memobj = inst->mem ? inst->mem : &no_memory;		\
		mem = memobj->data;					\
		msize = memobj->size;					\
	} while (0)

/* The @W bytes at ea into the T v, then @ST and the next instruction. */
#define LOAD_AT(T, W, ST, N)						\
	{								\
		T v;							\
		if (unlikely(ea + (W) > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&v, mem + ea, (W));			\
		ST;							\
		NEXT(N);						\
	}
#define LOAD_EA(name, T, W, ST, EA, N)	L_##name : { u64 ea = (EA); LOAD_AT(T, W, ST, N) }
#define LOAD(name, T, W, ST)						\
	LOAD_EA(name, T, W, ST, (u64)U32(2) + ip[3].u, 4)		\
	LOAD_EA(name##_rr, T, W, ST, (u64)(u32)(U32(2) + U32(3)) + ip[4].u, 5) \
	LOAD_EA(name##_ri, T, W, ST, (u64)(u32)(U32(2) + (u32)ip[3].u) + ip[4].u, 5)
#define STORE_EA(name, T, W, V, EA, N)					\
	L_##name : {							\
		u64 ea = (EA);						\
		T v = (V);						\
		if (unlikely(ea + (W) > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(mem + ea, &v, (W));			\
		NEXT(N);						\
	}
#define EA_RR	((u64)(u32)(U32(1) + U32(2)) + ip[4].u)
#define EA_RI	((u64)(u32)(U32(1) + (u32)ip[2].u) + ip[4].u)
#define STORE(name, T, W)						\
	STORE_EA(name, T, W, *(T *)FP(2), (u64)U32(1) + ip[3].u, 4)	\
	STORE_EA(name##_imm, T, W, (T)ip[2].u, (u64)U32(1) + ip[3].u, 4)	\
	STORE_EA(name##_rr, T, W, *(T *)FP(3), EA_RR, 5)		\
	STORE_EA(name##_ri, T, W, *(T *)FP(3), EA_RI, 5)		\
	STORE_EA(name##_rr_imm, T, W, (T)ip[3].u, EA_RR, 5)		\
	STORE_EA(name##_ri_imm, T, W, (T)ip[3].u, EA_RI, 5)

/* Integer families: @R is the result lvalue, @A/@B the typed operands. */
#define BIN(name, R, expr)	L_##name : { R(1) = (expr); NEXT(4); }
#define UNOP(name, R, expr)	L_##name : { R(1) = (expr); NEXT(3); }
#define IMM(name, R, expr)	L_##name : { R(1) = (expr); NEXT(4); }
/* Branch through cell @K if @cond, else on to the next of @N cells. */
#define BR_TAIL(K, N, cond)	do { if (cond) JUMP(K); NEXT(N); } while (0)
#define BRC(name, cond)		L_##name : BR_TAIL(3, 4, cond);

/*
 * The integer compares as X(name, R, cond): each name between @p and @s,
 * @S the signed type, @T the type of the condition, @A and @B the
 * operands.  CMP_SET_IMM names the immediate forms.
 */
#define CMP_SET(X, p, R, S, T, A, B)	CMP_NAMED(X, p, /* none */, R, S, T, A, B)
#define CMP_SET_IMM(X, p, R, S, T, A, B)	CMP_NAMED(X, p, _imm, R, S, T, A, B)
#define CMP_NAMED(X, p, s, R, S, T, A, B)				\
	X(p##eq##s, R, (T)(A == B)) X(p##ne##s, R, (T)(A != B))		\
	X(p##lt_s##s, R, (T)((S)A < (S)B)) X(p##lt_u##s, R, (T)(A < B))	\
	X(p##gt_s##s, R, (T)((S)A > (S)B)) X(p##gt_u##s, R, (T)(A > B))	\
	X(p##le_s##s, R, (T)((S)A <= (S)B)) X(p##le_u##s, R, (T)(A <= B))	\
	X(p##ge_s##s, R, (T)((S)A >= (S)B)) X(p##ge_u##s, R, (T)(A >= B))

/*
 * Compare-and-branch on two slots and on a slot and an immediate,
 * [h, a, b|imm, off], as X(name, _, cond); @U reads a slot, @S is signed.
 */
#define BR_SETS(X, p, U, S, IMM)					\
	CMP_SET(X, p, _, S, bool, U(1), U(2));				\
	CMP_SET_IMM(X, p, _, S, bool, U(1), IMM)
#define BR_I32_SETS(X, p)	BR_SETS(X, p, U32, s32, ((u32)ip[2].u))
/*
 * An i32.add then an i32 compare-and-branch, [h, dst, x, y|imm, a, b|imm,
 * off], as X(name, x + y|imm, cond): the add_br forms and the addi_br ones.
 */
#define ADD_BR_SETS(X, p, pi)						\
	CMP_SET(X, p, (U32(2) + U32(3)), s32, bool, U32(4), U32(5));	\
	CMP_SET(X, pi, (U32(2) + (u32)ip[3].u), s32, bool, U32(4), U32(5));	\
	CMP_SET_IMM(X, pi, (U32(2) + (u32)ip[3].u), s32, bool, U32(4), ((u32)ip[5].u)); \
	CMP_SET_IMM(X, p, (U32(2) + U32(3)), s32, bool, U32(4), ((u32)ip[5].u))
/*
 * The sum into dst, then TAIL(K, N, cond) tests (dst may be an operand of
 * @cond: the sum is written first).
 */
#define ADD_THEN(name, sum, TAIL, cond)	L_##name : { W32(1) = sum; TAIL(6, 7, cond); }

/* A compare-and-branch: the result "register" argument is unused. */
#define BRC2(name, R, cond)	BRC(name, cond)

/*
 * The float compares of the format @f, as X(name, cond): p then the
 * compare's name, @A and @B the operands.  kw_float.h has eq, lt and le;
 * a NaN makes them false, so gt is lt swapped, and the compare-and-branch
 * forms add the negations: a branch on "not less" is !lt, never ge.
 */
#define FCMP_SET(X, p, f, A, B)						\
	X(p##eq, kw_##f##_eq(A, B)) X(p##ne, !kw_##f##_eq(A, B))	\
	X(p##lt, kw_##f##_lt(A, B)) X(p##gt, kw_##f##_lt(B, A))		\
	X(p##le, kw_##f##_le(A, B)) X(p##ge, kw_##f##_le(B, A))
#define FCMP_BR_SET(X, p, f, A, B)					\
	FCMP_SET(X, p, f, A, B)						\
	X(p##nlt, !kw_##f##_lt(A, B)) X(p##ngt, !kw_##f##_lt(B, A))	\
	X(p##nle, !kw_##f##_le(A, B)) X(p##nge, !kw_##f##_le(B, A))

/* Branch if the slot @U reads is not zero, or is zero: [h, a, off]. */
#define BR_ZERO(p, U)							\
	L_##p##nez : BR_TAIL(2, 3, U(1));				\
	L_##p##eqz: BR_TAIL(2, 3, !U(1))

/* One copy or two, [h, d1, s1(, d2, s2)], then GO(3 or 5): NEXT or JUMP. */
#define COPIES(name, name2, GO)						\
	L_##name : { U64(1) = U64(2); GO(3); }				\
	L_##name2: { U64(1) = U64(2); U64(3) = U64(4); GO(5); }

/*
 * The function whose code holds @ip, for a trap report.  Traps are rare,
 * so call frames need not carry it: a search here saves a store and a load
 * on every call.
 */
static const struct kw_code *code_at(const struct kw_instance *inst, const union kw_cell *ip)
{
	const struct kw_module *m = inst->mod;
	u32 i;

	for (i = m->nfunc_imports; i < m->nfuncs; i++) {
		const struct kw_code *c = m->funcs[i].code;

		if (c && ip >= c->cells && ip < c->cells + c->ncells)
			return c;
	}
	return NULL;
}

static int run(struct kw_func *fn, u64 *slots, struct kw_call_ctx *ctx,
	       const void *const **labels_out)
{
#define KW_LABEL(name) &&L_##name,
	static const void *const labels[] = { KW_OPS(KW_LABEL) };
#undef KW_LABEL
	const union kw_cell *ip;
	struct kw_memory *memobj;
	struct kw_instance *inst;
	u8 *fp, *mem;
	u64 msize, room;
	s64 fuel;
	u32 depth = 0, trapcode, i, nres;
	int ret;
	/* The entry instance's stacks serve every instance called from it. */
	struct kw_frame *frames;
	u8 *stack_end;
	u32 max_frames;
	/* Call set-up shared by the call instructions. */
	struct kw_func *cf;
	const struct kw_code *ncode;
	struct kw_instance *ninst;
	u8 *nfp;
	const union kw_cell *ret_ip;

	if (labels_out) {
		*labels_out = labels;
		return 0;
	}
#ifdef KW_COUNT_DISPATCH
	count_init(labels);
#endif
	inst = fn->inst;
	ncode = fn->code;
	ret = -KW_EARG;
	if (unlikely(!inst))
		goto refuse;
	fp = (u8 *)inst->stack;
	stack_end = (u8 *)inst->stack_end;
	room = (u64)(inst->stack_end - inst->stack);
	if (unlikely(inst->running)) {
		ret = -KW_EBUSY;
		goto refuse;
	}
	/*
	 * A Wasm function always runs on the stack of its own instance, and
	 * its frame holds its parameters (frame_slots > nparams): one test
	 * finds both a signature and a frame too large for the stack.
	 */
	if (unlikely(ncode->frame_slots > room || ncode->nresults > room)) {
		if (ncode->nparams > room || ncode->nresults > room)
			goto refuse;
		inst->running = true;
		inst->fuel.granted = 0;
		fuel = 0;
		ip = ncode->cells;
		TRAP(KW_TRAP_STACK_EXHAUSTED);
	}
	for (i = 0; i < ncode->nparams; i++)
		((u64 *)fp)[i] = slots[i];
	inst->running = true;
	frames = inst->frames;
	max_frames = inst->max_frames;

	/*
	 * A call with a time limit runs in slices, and a budget starts the
	 * clock after a short first slice: the first slice, but never more
	 * than fuel_total().  The rest of the fuel state waits for refuel(),
	 * which most calls never reach.
	 */
	if (ctx->budget_ns)
		fuel = KW_BUDGET_START_FUEL;
	else if (ctx->deadline_ns || ctx->may_yield)
		fuel = KW_FUEL_SLICE;
	else
		fuel = KW_FUEL_MAX;
	if (ctx->fuel && (u64)fuel > ctx->fuel)
		fuel = (s64)ctx->fuel;
	inst->fuel.granted = (u64)fuel;
	inst->fuel.slice = 0;
	ip = ncode->cells;
	/* As do_call: a library call costs more than a few stores. */
	for (i = ncode->nparams; i < ncode->nlocals; i++)
		((u64 *)fp)[i] = 0;
	if (ncode->nconsts)
		memcpy(fp + ncode->nlocals * 8, ncode->consts, ncode->nconsts * 8);
	RELOAD_MEM();
	CHARGE(ncode->fuel);
	DISPATCH();

do_call:
	if (unlikely(depth >= max_frames || nfp + (u64)ncode->frame_slots * 8 > stack_end))
		TRAP(KW_TRAP_STACK_EXHAUSTED);
	CHARGE(ncode->fuel);
	frames[depth].ret_ip = ret_ip;
	frames[depth].fp = (u64 *)fp;
	frames[depth].inst = inst;
	depth++;
	for (i = ncode->nparams; i < ncode->nlocals; i++)
		((u64 *)nfp)[i] = 0;
	if (ncode->nconsts)
		memcpy(nfp + ncode->nlocals * 8, ncode->consts, ncode->nconsts * 8);
	fp = nfp;
	ip = ncode->cells;
	if (ninst != inst) {
		inst = ninst;
		RELOAD_MEM();
	}
	DISPATCH();

L_ret:
	if (depth == 0)
		goto done;
	depth--;
	ip = frames[depth].ret_ip;
	fp = (u8 *)frames[depth].fp;
	/* Memory moves only by this instance's code or a host call (reloads). */
	if (unlikely(frames[depth].inst != inst)) {
		inst = frames[depth].inst;
		RELOAD_MEM();
	}
	DISPATCH();

L_call:
	ncode = ip[1].p;
	ninst = inst;
	nfp = fp + ip[2].u;
	ret_ip = ip + 3;
	goto do_call;

L_call_import:
	cf = inst->funcs[ip[1].u];
	nfp = fp + ip[2].u;
	ret_ip = ip + 3;
call_func:
	if (cf->host) {
		struct kw_host_call hc = { .inst = inst, .data = cf->host_data };
		int rc;

		CHARGE(1);
		rc = cf->host(&hc, (u64 *)nfp, (u64 *)nfp);
		if (rc)
			TRAP(rc > 0 && rc < __KW_TRAP_LAST ? (u32)rc : KW_TRAP_HOST);
		RELOAD_MEM();
		ip = ret_ip;
		DISPATCH();
	}
	ncode = cf->code;
	ninst = cf->inst;
	goto do_call;

L_call_indirect: {
	struct kw_table *tab = inst->tables[ip[1].u];
	const struct kw_functype *want = &inst->mod->types[ip[2].u];
	u32 i = U32(3);

	if (unlikely(i >= tab->size))
		TRAP(KW_TRAP_UNDEF_ELEM);
	cf = tab->elems[i];
	if (unlikely(!cf))
		TRAP(KW_TRAP_UNINIT_ELEM);
	if (unlikely(cf->type != want && !kw_functype_eq(cf->type, want)))
		TRAP(KW_TRAP_INDIRECT_MISMATCH);
	nfp = fp + ip[4].u;
	ret_ip = ip + 5;
	goto call_func;
}

L_unreachable:
	TRAP(KW_TRAP_UNREACHABLE);
L_br:
	JUMP(1);
	BR_ZERO(br_, U32);
L_br_table: {
	u32 i = U32(1);

	if (i > ip[2].u)
		i = (u32)ip[2].u;
	JUMP(3 + i);
}

L_loop:
	CHARGE(ip[1].s);
	NEXT(2);

	COPIES(copy, copy2, NEXT);
L_i32_mla:
	W32(1) = U32(4) + U32(2) * U32(3);
	NEXT(5);
L_i64_mla:
	U64(1) = U64(4) + U64(2) * U64(3);
	NEXT(5);
L_f32_mla:
	W32(1) = kw_f32_add(U32(4), kw_f32_mul(U32(2), U32(3)));
	NEXT(5);
L_f64_mla:
	U64(1) = kw_f64_add(U64(4), kw_f64_mul(U64(2), U64(3)));
	NEXT(5);
L_const:
	U64(1) = ip[2].u;
	NEXT(3);
L_select:
	U64(1) = U32(4) ? U64(2) : U64(3);
	NEXT(5);
L_global_get:
	U64(1) = inst->globals[ip[2].u]->val;
	NEXT(3);
L_global_set:
	inst->globals[ip[1].u]->val = U64(2);
	NEXT(3);

	BR_I32_SETS(BRC2, br_i32_);
	BR_SETS(BRC2, br_i64_, U64, s64, ip[2].u);
	BR_ZERO(br_i64_, U64);

	/* Float compare-and-branch, [h, a, b, off]. */
	FCMP_BR_SET(BRC, br_f32_, f32, U32(1), U32(2));
	FCMP_BR_SET(BRC, br_f64_, f64, U64(1), U64(2));

#define ADD_BRC(name, sum, cond)	ADD_THEN(name, sum, BR_TAIL, cond)
	ADD_BR_SETS(ADD_BRC, add_br_, addi_br_);
#undef ADD_BRC

#include "interp_loop.h"

	/* LOAD_RR/RI that also keep the address in a local: [.., offset, tee]. */
#define LOAD_TEE(name, T, W, ST, SUM)					\
	L_##name : {							\
		u32 a_ = (SUM);						\
		u64 ea = (u64)a_ + ip[4].u;				\
		U64(5) = a_;						\
		LOAD_AT(T, W, ST, 6)					\
	}
	LOAD_TEE(i32_load_rr_tee, u32, 4, W32(1) = v, U32(2) + U32(3));
	LOAD_TEE(i64_load_rr_tee, u64, 8, U64(1) = v, U32(2) + U32(3));
	LOAD_TEE(i32_load8_u_rr_tee, u8, 1, W32(1) = v, U32(2) + U32(3));
	LOAD_TEE(i32_load_ri_tee, u32, 4, W32(1) = v, U32(2) + (u32)ip[3].u);
	LOAD_TEE(i64_load_ri_tee, u64, 8, U64(1) = v, U32(2) + (u32)ip[3].u);
	LOAD_TEE(i32_load8_u_ri_tee, u8, 1, W32(1) = v, U32(2) + (u32)ip[3].u);

	LOAD(i32_load, u32, 4, W32(1) = (u32)v);
	LOAD(i64_load, u64, 8, U64(1) = v);
	LOAD(i32_load8_s, s8, 1, W32(1) = (u32)(u32)(s32)v);
	LOAD(i32_load8_u, u8, 1, W32(1) = (u32)v);
	LOAD(i32_load16_s, s16, 2, W32(1) = (u32)(u32)(s32)v);
	LOAD(i32_load16_u, u16, 2, W32(1) = (u32)v);
	LOAD(i64_load8_s, s8, 1, U64(1) = (u64)(s64)v);
	LOAD(i64_load8_u, u8, 1, U64(1) = v);
	LOAD(i64_load16_s, s16, 2, U64(1) = (u64)(s64)v);
	LOAD(i64_load16_u, u16, 2, U64(1) = v);
	LOAD(i64_load32_s, s32, 4, U64(1) = (u64)(s64)v);
	LOAD(i64_load32_u, u32, 4, U64(1) = v);
	STORE(store8, u8, 1);
	STORE(store16, u16, 2);
	STORE(store32, u32, 4);
	STORE(store64, u64, 8);

L_memory_size:
	W32(1) = (u32)memobj->pages;
	NEXT(2);
L_memory_grow: {
	u32 old, delta = U32(2);

	/* An imported memory obeys this instance's cap too. */
	if ((u64)memobj->pages + delta > inst->lim.max_memory_pages ||
	    kw_memory_grow(memobj, delta, &old, ctx->no_alloc))
		old = ~0u;
	else
		CHARGE(((u64)memobj->pages) << (16 - KW_FUEL_BYTES_SHIFT));
	RELOAD_MEM();
	W32(1) = (u32)old;
	NEXT(3);
}

L_memory_fill: {
	u64 d = U32(1), n = U32(3);

	if (unlikely(d + n > msize))
		TRAP(KW_TRAP_MEM_OOB);
	CHARGE(n >> KW_FUEL_BYTES_SHIFT);
	memset(mem + d, (int)(u8)U32(2), n);
	NEXT(4);
}

L_memory_copy: {
	u64 d = U32(1), s = U32(2), n = U32(3);

	if (unlikely(d + n > msize || s + n > msize))
		TRAP(KW_TRAP_MEM_OOB);
	CHARGE(n >> KW_FUEL_BYTES_SHIFT);
	memmove(mem + d, mem + s, n);
	NEXT(4);
}

L_memory_init: {
	const struct kw_data *seg = &inst->mod->datas[ip[1].u];
	u64 d = U32(2), s = U32(3), n = U32(4);
	u64 len = inst->data_dropped[ip[1].u] ? 0 : seg->len;

	if (unlikely(s + n > len || d + n > msize))
		TRAP(KW_TRAP_MEM_OOB);
	CHARGE(n >> KW_FUEL_BYTES_SHIFT);
	memcpy(mem + d, seg->bytes + s, n);
	NEXT(5);
}

L_data_drop:
	inst->data_dropped[ip[1].u] = 1;
	NEXT(2);

	/* table.get [h, dst, table, i] and table.set [h, table, i, val]. */
#define TABLE_ELEM(name, K, ACCESS)					\
	L_##name : {							\
		struct kw_table *tab = inst->tables[ip[K].u];		\
		u32 i = U32((K) + 1);					\
		if (unlikely(i >= tab->size))				\
			TRAP(KW_TRAP_TABLE_OOB);			\
		ACCESS;							\
		NEXT(4);						\
	}
	TABLE_ELEM(table_get, 2, PTR(1) = tab->elems[i]);
	TABLE_ELEM(table_set, 1, tab->elems[i] = PTR(3));
#undef TABLE_ELEM

L_table_size:
	W32(1) = (u32)inst->tables[ip[2].u]->size;
	NEXT(3);
L_table_grow: {
	struct kw_table *tab = inst->tables[ip[2].u];
	u32 old, delta = U32(4);

	if ((u64)tab->size + delta > inst->lim.max_table_elems || (delta && ctx->no_alloc) ||
	    kw_table_grow(tab, delta, PTR(3), &old))
		old = ~0u;
	else
		CHARGE(tab->size >> KW_FUEL_ELEMS_SHIFT);
	W32(1) = (u32)old;
	NEXT(5);
}

L_table_fill: {
	struct kw_table *tab = inst->tables[ip[1].u];
	u64 i = U32(2), n = U32(4), k;
	void *v = PTR(3);

	if (unlikely(i + n > tab->size))
		TRAP(KW_TRAP_TABLE_OOB);
	CHARGE(n >> KW_FUEL_ELEMS_SHIFT);
	for (k = 0; k < n; k++)
		tab->elems[i + k] = v;
	NEXT(5);
}

L_table_copy: {
	struct kw_table *dt = inst->tables[ip[1].u];
	struct kw_table *st = inst->tables[ip[2].u];
	u64 d = U32(3), s = U32(4), n = U32(5);

	if (unlikely(d + n > dt->size || s + n > st->size))
		TRAP(KW_TRAP_TABLE_OOB);
	CHARGE(n >> KW_FUEL_ELEMS_SHIFT);
	memmove(dt->elems + d, st->elems + s, n * sizeof(void *));
	NEXT(6);
}

L_table_init: {
	struct kw_table *tab = inst->tables[ip[1].u];
	const struct kw_elem *seg = &inst->mod->elems[ip[2].u];
	u64 d = U32(3), s = U32(4), n = U32(5), k;
	u64 len = inst->elem_dropped[ip[2].u] ? 0 : seg->count;

	if (unlikely(s + n > len || d + n > tab->size))
		TRAP(KW_TRAP_TABLE_OOB);
	CHARGE(n >> KW_FUEL_ELEMS_SHIFT);
	for (k = 0; k < n; k++)
		tab->elems[d + k] = elem_value(inst, &seg->init[s + k]);
	NEXT(6);
}

L_elem_drop:
	inst->elem_dropped[ip[1].u] = 1;
	NEXT(2);
L_ref_is_null:
	W32(1) = (u32)(!PTR(2));
	NEXT(3);
L_ref_func:
	PTR(1) = inst->funcs[ip[2].u];
	NEXT(3);

	/*
	 * The integer operations of one width: p is i32_ or i64_, T and S the
	 * unsigned and signed types of N bits, R the store of a T result.
	 * A and B are the operands.
	 */
#define CLZ(x)	_Generic((x), u32 : __builtin_clz, u64 : __builtin_clzll)(x)
#define CTZ(x)	_Generic((x), u32 : __builtin_ctz, u64 : __builtin_ctzll)(x)
#define BIN_OP(p, op, R, expr)	BIN(p##op, R, expr)
#define IMM_OP(p, op, R, expr)	IMM(p##op##_imm, R, expr)
#define INT_BITS(X, p, R, T, S, N)					\
	X(p, and, R, A & B);						\
	X(p, or, R, A | B);						\
	X(p, xor, R, A ^ B);						\
	X(p, shl, R, A << (B & (N - 1)));				\
	X(p, shr_s, R, (T)((S)A >> (B & (N - 1))));			\
	X(p, shr_u, R, A >> (B & (N - 1)));				\
	X(p, rotl, R, (A << (B & (N - 1))) | (A >> ((N - B) & (N - 1))));	\
	X(p, rotr, R, (A >> (B & (N - 1))) | (A << ((N - B) & (N - 1))))
#define INT_BIN(p, R, T, S, N)						\
	BIN(p##add, R, A + B);						\
	BIN(p##sub, R, A - B);						\
	BIN(p##mul, R, A * B);						\
	INT_BITS(BIN_OP, p, R, T, S, N);				\
	CMP_SET(BIN, p, W32, S, u32, A, B);				\
L_##p##div_s:								\
	if (unlikely(B == 0))						\
		TRAP(KW_TRAP_DIV_ZERO);					\
	if (unlikely(A == (T)1 << (N - 1) && B == (T)~(T)0))		\
		TRAP(KW_TRAP_INT_OVERFLOW);				\
	R(1) = (T)((S)A / (S)B);					\
	NEXT(4);							\
L_##p##div_u:								\
	if (unlikely(B == 0))						\
		TRAP(KW_TRAP_DIV_ZERO);					\
	R(1) = A / B;							\
	NEXT(4);							\
L_##p##rem_s:								\
	if (unlikely(B == 0))						\
		TRAP(KW_TRAP_DIV_ZERO);					\
	R(1) = B == (T)~(T)0 ? 0 : (T)((S)A % (S)B);			\
	NEXT(4);							\
L_##p##rem_u:								\
	if (unlikely(B == 0))						\
		TRAP(KW_TRAP_DIV_ZERO);					\
	R(1) = A % B;							\
	NEXT(4)
#define INT_IMM(p, R, T, S, N)						\
	IMM(p##add_imm, R, A + B);					\
	IMM(p##mul_imm, R, A * B);					\
	INT_BITS(IMM_OP, p, R, T, S, N);				\
	CMP_SET_IMM(IMM, p, W32, S, u32, A, B)
#define INT_UN(p, R, T, S, N)						\
	UNOP(p##clz, R, A ? (T)CLZ(A) : N);				\
	UNOP(p##ctz, R, A ? (T)CTZ(A) : N);				\
	UNOP(p##popcnt, R, popcnt64(A));				\
	UNOP(p##eqz, W32, A == 0);					\
	UNOP(p##extend8_s, R, (T)(S)(s8)A);				\
	UNOP(p##extend16_s, R, (T)(S)(s16)A)

#define A U32(2)
#define B U32(3)
	INT_BIN(i32_, W32, u32, s32, 32);
#undef B
#define B ((u32)ip[3].u)
	INT_IMM(i32_, W32, u32, s32, 32);
#undef B
	INT_UN(i32_, W32, u32, s32, 32);
#undef A

#define A U64(2)
#define B U64(3)
	INT_BIN(i64_, U64, u64, s64, 64);
#undef B
#define B (ip[3].u)
	INT_IMM(i64_, U64, u64, s64, 64);
#undef B
	INT_UN(i64_, U64, u64, s64, 64);
	UNOP(i64_extend32_s, U64, (u64)(s64)(s32)A);
	UNOP(i32_wrap_i64, W32, (u32)A);
#undef A
#undef CLZ
#undef CTZ
#undef BIN_OP
#undef IMM_OP
#undef INT_BITS
#undef INT_BIN
#undef INT_IMM
#undef INT_UN

	/*
	 * The float operations of one format: f is f32 or f64, R the store of
	 * its bits, N bits of type T (sign operations work on them).  A and B
	 * are the operands.
	 */
#define SIGN(T, N)		((T)1 << ((N) - 1))
/* For KW_FLOAT_BIN_OPS of kw_float.h: its T argument carries R here. */
#define FLT_BIN(f, R, op)	BIN(f##_##op, R, kw_##f##_##op(A, B));
#define FLT_UN(f, R, op)	UNOP(f##_##op, R, kw_##f##_##op(A));
#define FLT_CMP(name, cond)	BIN(name, W32, cond);
#define FLT_OPS(f, R, T, N)						\
	KW_FLOAT_BIN_OPS(FLT_BIN, f, R)					\
	BIN(f##_copysign, R, (A & ~SIGN(T, N)) | (B & SIGN(T, N)));	\
	FCMP_SET(FLT_CMP, f##_, f, A, B)				\
	UNOP(f##_abs, R, A & ~SIGN(T, N));				\
	UNOP(f##_neg, R, A ^ SIGN(T, N));				\
	FLT_UN(f, R, ceil) FLT_UN(f, R, floor) FLT_UN(f, R, trunc)	\
	FLT_UN(f, R, nearest) FLT_UN(f, R, sqrt)
	/* The conversions from the format f and from the integer i as wide. */
#define FLT_CONVS(f, i)							\
	UNOP(i32_trunc_sat_##f##_s, W32, kw_##f##_trunc_sat_i32_s(A));	\
	UNOP(i32_trunc_sat_##f##_u, W32, kw_##f##_trunc_sat_i32_u(A));	\
	UNOP(i64_trunc_sat_##f##_s, U64, kw_##f##_trunc_sat_i64_s(A));	\
	UNOP(i64_trunc_sat_##f##_u, U64, kw_##f##_trunc_sat_i64_u(A));	\
	UNOP(f32_convert_##i##_s, W32, kw_##i##_s_to_f32(A));		\
	UNOP(f32_convert_##i##_u, W32, kw_##i##_u_to_f32(A));		\
	UNOP(f64_convert_##i##_s, U64, kw_##i##_s_to_f64(A));		\
	UNOP(f64_convert_##i##_u, U64, kw_##i##_u_to_f64(A))

#define A U32(2)
#define B U32(3)
	FLT_OPS(f32, W32, u32, 32);
	UNOP(i64_extend_i32_s, U64, (u64)(s64)(s32)A);
	UNOP(i64_extend_i32_u, U64, (u64)A);
	FLT_CONVS(f32, i32);
	UNOP(f64_promote_f32, U64, kw_f32_promote(A));
#undef A
#undef B
#define A U64(2)
#define B U64(3)
	FLT_OPS(f64, U64, u64, 64);
	FLT_CONVS(f64, i64);
	UNOP(f32_demote_f64, W32, kw_f64_demote(A));
#undef A
#undef B
#undef FLT_CONVS
#undef FLT_OPS
#undef FLT_CMP
#undef FLT_UN
#undef FLT_BIN
#undef SIGN

	/* Trapping truncations: [h, dst, a]. */
#define TRUNC(name, fn, IN, OT, OUT)					\
	L_##name : {							\
		OT r;							\
		int t = fn(IN(2), &r);					\
		if (unlikely(t))					\
			TRAP((u32)t);					\
		OUT(1) = r;						\
		NEXT(3);						\
	}
	TRUNC(i32_trunc_f32_s, kw_f32_trunc_i32_s, U32, u32, W32);
	TRUNC(i32_trunc_f32_u, kw_f32_trunc_i32_u, U32, u32, W32);
	TRUNC(i32_trunc_f64_s, kw_f64_trunc_i32_s, U64, u32, W32);
	TRUNC(i32_trunc_f64_u, kw_f64_trunc_i32_u, U64, u32, W32);
	TRUNC(i64_trunc_f32_s, kw_f32_trunc_i64_s, U32, u64, U64);
	TRUNC(i64_trunc_f32_u, kw_f32_trunc_i64_u, U32, u64, U64);
	TRUNC(i64_trunc_f64_s, kw_f64_trunc_i64_s, U64, u64, U64);
	TRUNC(i64_trunc_f64_u, kw_f64_trunc_i64_u, U64, u64, U64);

#include "interp_rmw.h"
#include "interp_float.h"
#include "interp_intchain.h"

trap:
	{
		const struct kw_code *code = code_at(inst, ip);

		ctx->trap.code = trapcode;
		ctx->trap.func_idx = code ? code->func_idx : 0;
		ctx->trap.offset = code ? kw_code_offset(code, (u32)(ip - code->cells)) : 0;
	}
	inst = fn->inst;
	ctx->fuel_used = inst->fuel.granted - (fuel > 0 ? (u64)fuel : 0);
	inst->running = false;
	return -KW_ETRAP;
done:
	/* Back in the entry function: its instance, its frame. */
	for (i = 0, nres = fn->code->nresults; i < nres; i++)
		slots[i] = ((u64 *)fp)[i];
	inst->running = false;
	ctx->trap.code = KW_TRAP_NONE;
	ctx->fuel_used = inst->fuel.granted - (u64)fuel;
	return 0;
refuse:
	ctx->trap.code = KW_TRAP_NONE;
	ctx->fuel_used = 0;
	return ret;
}

/**
 * kw_call_slots() - call a Wasm function with raw argument slots
 * @fn: the function, Wasm (not host), its signature checked by the caller
 * @slots: the arguments in, the results out
 * @ctx: fuel, deadline, budget, may_yield in; fuel_used and trap out
 *
 * The entry into Wasm of kw_call() too.  The interpreter itself checks
 * the call and copies the slots: one function call in all, since the
 * data path makes millions of short ones.
 *
 * Return: 0, -KW_ETRAP (see @ctx->trap), -KW_EARG or -KW_EBUSY.
 */
int kw_call_slots(struct kw_func *fn, u64 *slots, struct kw_call_ctx *ctx)
{
	return run(fn, slots, ctx, NULL);
}

/**
 * kw_interp_labels() - the interpreter's handler addresses
 *
 * Return: a table indexed by enum kw_op.
 */
const void *const *kw_interp_labels(void)
{
	const void *const *labels;

	run(NULL, NULL, NULL, &labels);
	return labels;
}
