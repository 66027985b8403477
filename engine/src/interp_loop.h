/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Rotated loop tails (ops.h, KW_LOOP_OPS), included inside run(): the
 * back edge of a top-tested loop tests itself instead of jumping to the
 * test.  The fuel is charged before the test, as the `br` to the top did,
 * so a loop uses the same fuel as before at every iteration and exit.
 * @K is the offset cell, @N the instruction's length.
 */
#define LOOP_TAIL(K, N, cond)						\
	do {								\
		const union kw_cell *head_ = &ip[K] + ip[K].s;		\
		CHARGE(head_[1].s);					\
		if (cond) {						\
			ip = head_ + KW_LOOP_ROT_SKIP;			\
			DISPATCH();					\
		}							\
		NEXT(N);						\
	} while (0)
#define LOOP_BRC(name, R, cond)	L_##name : LOOP_TAIL(3, 4, cond);
/* The sum is written before the test reads its operands: dst may be one. */
#define LOOP_ADD_BRC(name, R, cond)					\
	L_##name : {							\
		W32(1) = SUM;						\
		LOOP_TAIL(6, 7, cond);					\
	}

#define A U32(1)
#define B U32(2)
	CMP_SET(LOOP_BRC, loop_br_i32_, _, s32, bool);
#undef B
#define B ((u32)ip[2].u)
	CMP_SET_IMM(LOOP_BRC, loop_br_i32_, _, s32, bool);
#undef A
#undef B
#define A U32(4)
#define B U32(5)
#define SUM (U32(2) + U32(3))
	CMP_SET(LOOP_ADD_BRC, loop_add_br_, _, s32, bool);
#undef SUM
#define SUM (U32(2) + (u32)ip[3].u)
	CMP_SET(LOOP_ADD_BRC, loop_addi_br_, _, s32, bool);
#undef B
#define B ((u32)ip[5].u)
	CMP_SET_IMM(LOOP_ADD_BRC, loop_addi_br_, _, s32, bool);
#undef SUM
#define SUM (U32(2) + U32(3))
	CMP_SET_IMM(LOOP_ADD_BRC, loop_add_br_, _, s32, bool);
#undef SUM
#undef A
#undef B

/* A copy, or two, then an unconditional branch: COPY, COPY2 with its offset. */
L_copy_br:
	U64(1) = U64(2);
	JUMP(3);
L_copy2_br:
	U64(1) = U64(2);
	U64(3) = U64(4);
	JUMP(5);

#undef LOOP_ADD_BRC
#undef LOOP_BRC
#undef LOOP_TAIL
