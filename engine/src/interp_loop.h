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
#define LOOP_ADD_BRC(name, sum, cond)	ADD_THEN(name, sum, LOOP_TAIL, cond)

	BR_I32_SETS(LOOP_BRC, loop_br_i32_);
	ADD_BR_SETS(LOOP_ADD_BRC, loop_add_br_, loop_addi_br_);
	/* A copy, or two, then an unconditional branch: COPY, COPY2 with its offset. */
	COPIES(copy_br, copy2_br, JUMP);

#undef LOOP_ADD_BRC
#undef LOOP_BRC
#undef LOOP_TAIL
