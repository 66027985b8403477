/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Handlers of the f64 fusions (KW_FLOAT_OPS in ops.h), included inside
 * run() in interp.c.  Each operation keeps its own rounding: Wasm forbids
 * contraction.  A fused load or store traps before anything is written.
 */
L_f64_mls:
	U64(1) = kw_f64_sub(U64(4), kw_f64_mul(U64(2), U64(3)));
	NEXT(5);
L_f64_mul3:
	U64(1) = kw_f64_mul(kw_f64_mul(U64(2), U64(3)), U64(4));
	NEXT(5);
L_f64_add_sub:
	U64(1) = kw_f64_add(U64(4), kw_f64_sub(U64(2), U64(3)));
	NEXT(5);

	/* An f64 add, then a compare-and-branch on any two f64 slots. */
#define FADD_BRC(name, cond)						\
	L_##name : {							\
		U64(1) = kw_f64_add(U64(2), U64(3));			\
		BR_TAIL(6, 7, cond);					\
	}
	FCMP_BR_SET(FADD_BRC, fadd_br_, f64, U64(4), U64(5));
#undef FADD_BRC

	/* dst = a OP the f64 at EA. */
#define FLOAD(name, OPF, EA, N)						\
	L_##name : {							\
		u64 ea = (EA), m;					\
		if (unlikely(ea + 8 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&m, mem + ea, 8);			\
		U64(1) = OPF(U64(2), m);				\
		NEXT(N);						\
	}
	/* The f64 at addr + offset becomes a OP itself. */
#define FMEM(name, OPF)							\
	L_##name : {							\
		u64 ea = (u64)U32(1) + ip[3].u, m;			\
		if (unlikely(ea + 8 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&m, mem + ea, 8);			\
		m = OPF(U64(2), m);					\
		__builtin_memcpy(mem + ea, &m, 8);			\
		NEXT(4);						\
	}
	/* A result to its slot, then stored to addr + offset (the last two). */
#define FSTORE(name, V, N)						\
	L_##name : {							\
		u64 ea = (u64)U32((N) - 2) + ip[(N) - 1].u, v = (V);	\
		U64(1) = v;						\
		if (unlikely(ea + 8 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(mem + ea, &v, 8);			\
		NEXT(N);						\
	}
#define FLOAT_FAMILY(p, OPF)						\
	FLOAD(f64_##p##_ld, OPF, (u64)U32(3) + ip[4].u, 5)		\
	FLOAD(f64_##p##_ldri, OPF, (u64)(u32)(U32(3) + (u32)ip[4].u) + ip[5].u, 6) \
	FMEM(f64_##p##_mem, OPF)					\
	FSTORE(f64_##p##_st, OPF(U64(2), U64(3)), 6)
	FLOAT_FAMILY(add, kw_f64_add);
	FLOAT_FAMILY(sub, kw_f64_sub);
	FLOAT_FAMILY(mul, kw_f64_mul);
	FSTORE(f64_mla_st, kw_f64_add(U64(4), kw_f64_mul(U64(2), U64(3))), 7);
	FSTORE(f64_mls_st, kw_f64_sub(U64(4), kw_f64_mul(U64(2), U64(3))), 7);
	FSTORE(f64_mul3_st, kw_f64_mul(kw_f64_mul(U64(2), U64(3)), U64(4)), 7);
	/* c[j] += (x * y) * c, the i32 add of its address maybe in front. */
#define FMUL3_MEM(name, PRE, A, X)					\
	L_##name : {							\
		u64 ea, m;						\
		PRE;							\
		ea = (u64)U32(A) + ip[(X) + 3].u;			\
		if (unlikely(ea + 8 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&m, mem + ea, 8);			\
		m = kw_f64_add(kw_f64_mul(kw_f64_mul(U64(X), U64((X) + 1)), \
					  U64((X) + 2)), m);		\
		__builtin_memcpy(mem + ea, &m, 8);			\
		NEXT((X) + 4);						\
	}
	FMUL3_MEM(f64_mul3_add_mem, (void)0, 1, 2);
	FMUL3_MEM(f64_addi_mul3_add_mem, W32(1) = (u32)(U32(2) + (u32)ip[3].u), 1, 4);
#undef FMUL3_MEM
#undef FLOAT_FAMILY
#undef FSTORE
#undef FMEM
#undef FLOAD
