/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Handlers of the stores fused with the cell that computed their value
 * (KW_RMW_OPS in ops.h).  Included once inside run() in interp.c, where
 * ip, fp, mem and msize live.
 */

/* Arithmetic, then a store of its result: [h, addr, <operands>, off]. */
#define OP_ST(name, T, W, expr, N)					\
	L_##name : {							\
		u64 ea = (u64)U32(1) + ip[(N) - 1].u;			\
		T v = (expr);						\
		if (unlikely(ea + (W) > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(mem + ea, &v, (W));			\
		NEXT(N);						\
	}
	OP_ST(i32_add_st, u32, 4, U32(2) + U32(3), 5);
	OP_ST(i32_sub_st, u32, 4, U32(2) - U32(3), 5);
	OP_ST(i32_mla_st, u32, 4, U32(4) + U32(2) * U32(3), 6);
	OP_ST(i64_add_st, u64, 8, U64(2) + U64(3), 5);
	OP_ST(i64_sub_st, u64, 8, U64(2) - U64(3), 5);
	OP_ST(i64_mla_st, u64, 8, U64(4) + U64(2) * U64(3), 6);
#undef OP_ST

	/*
	 * An i32 load whose value is multiplied by y and added to c; @Y is the
	 * cell of y.  The tee (if any) is written before y and c are read, as
	 * the unfused cells would.  @OUT delivers r.
	 */
#define LD_MLA(name, SUM, OFF, TEE, Y, OUT)				\
	L_##name : {							\
		u32 a_ = (SUM), v, r;					\
		u64 ea = (u64)a_ + ip[OFF].u;				\
		TEE;							\
		if (unlikely(ea + 4 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&v, mem + ea, 4);			\
		r = U32((Y) + 1) + v * U32(Y);				\
		OUT(Y);							\
	}
#define MLA_DST(Y)	do { W32(1) = r; NEXT((Y) + 2); } while (0)
	/* A store trap reports the store's offset, mapped at its offset cell. */
#define MLA_STORE(Y)							\
	do {								\
		u64 sa_ = (u64)U32(1) + ip[(Y) + 2].u;			\
		if (unlikely(sa_ + 4 > msize)) {			\
			ip += (Y) + 2;					\
			TRAP(KW_TRAP_MEM_OOB);				\
		}							\
		__builtin_memcpy(mem + sa_, &r, 4);			\
		NEXT((Y) + 3);						\
	} while (0)
#define NO_TEE		do { } while (0)
#define RR		(U32(2) + U32(3))
#define RI		(U32(2) + (u32)ip[3].u)
#define LD_MLA_SET(s, OUT)						\
	LD_MLA(i32_load##s, U32(2), 3, NO_TEE, 4, OUT)			\
	LD_MLA(i32_load_rr##s, RR, 4, NO_TEE, 5, OUT)			\
	LD_MLA(i32_load_ri##s, RI, 4, NO_TEE, 5, OUT)			\
	LD_MLA(i32_load_rr_tee##s, RR, 4, U64(5) = a_, 6, OUT)		\
	LD_MLA(i32_load_ri_tee##s, RI, 4, U64(5) = a_, 6, OUT)
	LD_MLA_SET(_mla, MLA_DST);
	LD_MLA_SET(_mla_st, MLA_STORE);
#undef LD_MLA_SET

	/*
	 * mem[m] = m + load * y: a LOAD_RR/RI_TEE of m (@MSUM) then the
	 * LOAD*_MLA_ST cell, whose store goes back to m's address, in one
	 * dispatch.  That store cannot trap: the load of m checked the same
	 * bytes.  A trap in the second load reports that load (its cell).
	 */
#define RMW_MLA(name, MSUM, SUM, OFF, TEE, Y)				\
	L_##name : {							\
		u32 m_ = (MSUM), v, mv;					\
		u64 mea = (u64)m_ + ip[4].u, ea;			\
		U64(5) = m_;						\
		if (unlikely(mea + 4 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&mv, mem + mea, 4);			\
		ip += 6;						\
		{							\
			u32 a_ = (SUM);					\
			ea = (u64)a_ + ip[OFF].u;			\
			TEE;						\
		}							\
		if (unlikely(ea + 4 > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&v, mem + ea, 4);			\
		mv += v * U32(Y);					\
		__builtin_memcpy(mem + mea, &mv, 4);			\
		NEXT((Y) + 3);						\
	}
#define RMW_SET(p, MSUM)						\
	RMW_MLA(p, MSUM, U32(2), 3, NO_TEE, 4)				\
	RMW_MLA(p##_rr, MSUM, RR, 4, NO_TEE, 5)				\
	RMW_MLA(p##_ri, MSUM, RI, 4, NO_TEE, 5)				\
	RMW_MLA(p##_rr_tee, MSUM, RR, 4, U64(5) = a_, 6)		\
	RMW_MLA(p##_ri_tee, MSUM, RI, 4, U64(5) = a_, 6)
	RMW_SET(i32_rmw_rr_mla_load, RR);
	RMW_SET(i32_rmw_ri_mla_load, RI);
#undef RMW_SET
#undef RMW_MLA
#undef RR
#undef RI
#undef NO_TEE
#undef MLA_STORE
#undef MLA_DST
#undef LD_MLA

	/*
	 * mem[a + off] OP= b|imm, [h, a, b|imm, off]: the load's bounds
	 * check covers the store, so a trap happens before any write.
	 */
#define RMW_IP(name, T, EXPR)						\
	L_##name : {							\
		u64 ea = (u64)U32(1) + ip[3].u;				\
		T v;							\
		if (unlikely(ea + sizeof(T) > msize))			\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&v, mem + ea, sizeof(T));		\
		v = (T)(EXPR);						\
		__builtin_memcpy(mem + ea, &v, sizeof(T));		\
		NEXT(4);						\
	}
#define RMW_IP_SET(w, T, R)						\
	RMW_IP(rmw##w##_add_imm, T, v + (T)ip[2].u)			\
	RMW_IP(rmw##w##_and_imm, T, v & (T)ip[2].u)			\
	RMW_IP(rmw##w##_or_imm, T, v | (T)ip[2].u)			\
	RMW_IP(rmw##w##_xor_imm, T, v ^ (T)ip[2].u)			\
	RMW_IP(rmw##w##_add, T, v + (T)R(2))				\
	RMW_IP(rmw##w##_sub, T, v - (T)R(2))				\
	RMW_IP(rmw##w##_and, T, v & (T)R(2))				\
	RMW_IP(rmw##w##_or, T, v | (T)R(2))				\
	RMW_IP(rmw##w##_xor, T, v ^ (T)R(2))
	RMW_IP_SET(8, u8, U32);
	RMW_IP_SET(16, u16, U32);
	RMW_IP_SET(32, u32, U32);
	RMW_IP_SET(64, u64, U64);
#undef RMW_IP_SET
#undef RMW_IP

	/* The last argument's i32.add_imm, then a call (do_call in interp.c). */
L_call_addi:
	W32(1) = (u32)(U32(2) + ip[3].u);
	ncode = ip[4].p;
	ninst = inst;
	nfp = fp + ip[5].u;
	ret_ip = ip + 6;
	goto do_call;
