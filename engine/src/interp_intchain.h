/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Handlers of the integer op chains (KW_INTCHAIN_OPS in ops.h), included
 * once inside run() in interp.c.  Every operand is read before dst is
 * written, so dst may alias any source.
 */

	/* SH_OP [h, dst, y, k, x]: dst = x op (y sh k). */
#define SH_OP(name, expr)						\
	L_##name : {							\
		u32 x_ = U32(4), y_ = U32(2), k_ = (u32)ip[3].u;	\
		W32(1) = (expr);					\
		NEXT(5);						\
	}
	SH_OP(i32_xor_rotl_imm, x_ ^ ((y_ << (k_ & 31)) | (y_ >> ((32 - k_) & 31))));
	SH_OP(i32_xor_shl_imm, x_ ^ (y_ << (k_ & 31)));
	SH_OP(i32_xor_shr_u_imm, x_ ^ (y_ >> (k_ & 31)));
	SH_OP(i32_add_mul_imm, x_ + y_ * k_);
#undef SH_OP

	/* BB_OP [h, dst, y, z, x]: dst = x op (y op2 z). */
#define BB_OP(name, expr)						\
	L_##name : {							\
		u32 x_ = U32(4), y_ = U32(2), z_ = U32(3);		\
		W32(1) = (expr);					\
		NEXT(5);						\
	}
	BB_OP(i32_and_xor, x_ & (y_ ^ z_));
	BB_OP(i32_xor_and, x_ ^ (y_ & z_));
	BB_OP(i32_add_and, x_ + (y_ & z_));
#undef BB_OP

	/* LOAD_OP [h, dst, a, imm, offset, x]: dst = x op LOAD_RI; traps first. */
#define LOAD_OP(name, T, W, expr)					\
	L_##name : {							\
		u64 ea = (u64)(u32)(U32(2) + (u32)ip[3].u) + ip[4].u;	\
		u32 x_ = U32(5);					\
		T v;							\
		if (unlikely(ea + (W) > msize))				\
			TRAP(KW_TRAP_MEM_OOB);				\
		__builtin_memcpy(&v, mem + ea, (W));			\
		W32(1) = (expr);					\
		NEXT(6);						\
	}
	LOAD_OP(i32_add_load_ri, u32, 4, x_ + v);
	LOAD_OP(i32_xor_load8_u_ri, u8, 1, x_ ^ v);
#undef LOAD_OP

	/* FNV-1a's step, one dispatch per byte: [.., x, m]. */
L_i32_fnv_load8_u_ri: {
	u64 ea = (u64)(u32)(U32(2) + (u32)ip[3].u) + ip[4].u;
	u32 x_ = U32(5);

	if (unlikely(ea + 1 > msize))
		TRAP(KW_TRAP_MEM_OOB);
	W32(1) = (x_ ^ mem[ea]) * (u32)ip[6].u;
	NEXT(7);
}

L_i32_load_shl_ri: {
	u32 a_ = (U32(2) << (ip[3].u & 31)) + (u32)ip[4].u;
	u64 ea = (u64)a_ + ip[5].u;
	u32 v;

	if (unlikely(ea + 4 > msize))
		TRAP(KW_TRAP_MEM_OOB);
	__builtin_memcpy(&v, mem + ea, 4);
	W32(1) = v;
	NEXT(6);
}

	/* SHA-256's sigmas, [h, dst, y, k1, k2(, k3)]: xors of rotations of y. */
#define ROTL(y, k)	(((y) << ((k) & 31)) | ((y) >> ((32 - (k)) & 31)))
L_i32_rot2: {
	u32 y_ = U32(2);

	W32(1) = ROTL(y_, (u32)ip[3].u) ^ ROTL(y_, (u32)ip[4].u);
	NEXT(5);
}

L_i32_rot3: {
	u32 y_ = U32(2);

	W32(1) = ROTL(y_, (u32)ip[3].u) ^ ROTL(y_, (u32)ip[4].u) ^ ROTL(y_, (u32)ip[5].u);
	NEXT(6);
}

L_i32_rot2_shr: {
	u32 y_ = U32(2);

	W32(1) = ROTL(y_, (u32)ip[3].u) ^ ROTL(y_, (u32)ip[4].u) ^ (y_ >> (ip[5].u & 31));
	NEXT(6);
}

#undef ROTL

	/* COPY3 [h, d1, s1, d2, s2, d3, s3]: in order, as three copies. */
L_copy3:
	U64(1) = U64(2);
	U64(3) = U64(4);
	U64(5) = U64(6);
	NEXT(7);
