// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Integer op chains: an i32 binary op whose operand the cell just before
 * it produced (a stack temp nobody else reads) extends that cell instead
 * of taking a dispatch of its own.  The rotate/shift and xor chains of
 * hashes and the load-then-combine of table lookups are the targets.
 */
#include "compile.h"

/* The fused op for @op applied to the result of @prev, or 0. */
static u32 chain_op(u32 op, u32 prev)
{
	switch (op) {
	case KW_OP_i32_xor:
		switch (prev) {
		case KW_OP_i32_rotl_imm:
			return KW_OP_i32_xor_rotl_imm;
		case KW_OP_i32_shl_imm:
			return KW_OP_i32_xor_shl_imm;
		case KW_OP_i32_shr_u_imm:
			return KW_OP_i32_xor_shr_u_imm;
		case KW_OP_i32_and:
			return KW_OP_i32_xor_and;
		case KW_OP_i32_load8_u_ri:
			return KW_OP_i32_xor_load8_u_ri;
		}
		break;
	case KW_OP_i32_add:
		switch (prev) {
		case KW_OP_i32_mul_imm:
			return KW_OP_i32_add_mul_imm;
		case KW_OP_i32_and:
			return KW_OP_i32_add_and;
		case KW_OP_i32_load_ri:
			return KW_OP_i32_add_load_ri;
		}
		break;
	case KW_OP_i32_and:
		if (prev == KW_OP_i32_xor)
			return KW_OP_i32_and_xor;
		break;
	}
	return 0;
}

/*
 * Folds `t ^ rot(y, k)`, whose rotation is the last cell, into the rotation
 * (or rot2) of the same y just before it that produced t: SHA-256's sigmas
 * become one cell.  y must not be t, which the first cell overwrites.
 */
static bool fuse_sigma(struct cstate *st, u32 fused, struct cval *a, struct cval *other)
{
	s64 insn = st->last_insn, p = st->prev_insn;
	u32 len, op;

	if (other->kind != V_STACK || p < 0 || p < st->label_at ||
	    st->cells[p + 1].u != kw_c_slot(st, other->pos) ||
	    st->cells[p + 2].u != st->cells[insn + 2].u ||
	    st->cells[p + 1].u == st->cells[p + 2].u ||
	    st->npc < 2 || st->pcmap[st->npc - 2] != insn)
		return false;
	if (st->prev_op == KW_OP_i32_rotl_imm && fused == KW_OP_i32_xor_rotl_imm) {
		len = 4;
		op = KW_OP_i32_rot2;
	} else if (st->prev_op == KW_OP_i32_rot2 && fused == KW_OP_i32_xor_rotl_imm) {
		len = 5;
		op = KW_OP_i32_rot3;
	} else if (st->prev_op == KW_OP_i32_rot2 && fused == KW_OP_i32_xor_shr_u_imm) {
		len = 5;
		op = KW_OP_i32_rot2_shr;
	} else {
		return false;
	}
	if (p + len != insn)
		return false;
	st->cells[p].h = st->labels[op];
	st->cells[p + 1].u = kw_c_slot(st, a->pos);
	st->cells[p + len] = st->cells[insn + 3];
	st->ncells = p + len + 1;
	st->npc -= 2;
	st->last_insn = p;
	st->last_op = op;
	st->prev_insn = -1;
	kw_c_push(st, KW_I32);
	kw_c_produced(st, p + 1, a->pos);
	return true;
}

/**
 * kw_c_fuse_chain() - fold a commutative i32 op into its operand's producer
 * @st: compiler state
 * @op: the plain (two-slot) instruction the op would take
 * @a: first operand, popped
 * @b: second operand, popped
 *
 * The producer must be the last instruction, writing the stack temp @a or
 * @b (so no branch target lies between); the other operand is read in
 * place, in the same dispatch, which is safe as nothing ran in between.
 *
 * Return: true when fused and the result pushed.
 */
bool kw_c_fuse_chain(struct cstate *st, u32 op, struct cval *a, struct cval *b)
{
	s64 insn = st->last_insn;
	struct cval *other;
	u32 fused = chain_op(op, st->last_op);
	/* The producer: 4 cells, or 5 for a LOAD_RI; nothing may follow it. */
	u32 len = fused >= KW_OP_i32_add_load_ri ? 5 : 4;

	if (!fused || st->dead || st->rc || st->last_dst != insn + 1 || st->ncells != insn + len)
		return false;
	other = kw_c_other_operand(st, a, b);
	if (!other)
		return false;
	if (!fuse_sigma(st, fused, a, other))
		kw_c_append_operand(st, fused, a, other, KW_I32);
	return true;
}

/**
 * kw_c_fuse_chain_imm() - fold an i32 op with a constant into its operand's producer
 * @st: compiler state
 * @op: the _imm instruction the op would take
 * @a: the operand, popped
 * @imm: the constant
 *
 * Only FNV-1a's multiply of the xor with a loaded byte, for now.
 *
 * Return: true when fused and the result pushed.
 */
bool kw_c_fuse_chain_imm(struct cstate *st, u32 op, struct cval *a, u64 imm)
{
	s64 insn = st->last_insn;

	if (op != KW_OP_i32_mul_imm || st->last_op != KW_OP_i32_xor_load8_u_ri || st->dead ||
	    st->rc || a->kind != V_STACK || st->last_dst != insn + 1 ||
	    st->last_dst_pos != a->pos || st->ncells != insn + 6)
		return false;
	st->cells[insn].h = st->labels[KW_OP_i32_fnv_load8_u_ri];
	st->last_op = KW_OP_i32_fnv_load8_u_ri;
	kw_c_arg(st, (u32)imm);
	kw_c_push(st, KW_I32);
	kw_c_produced(st, insn + 1, a->pos);
	return true;
}

/**
 * kw_c_fuse_copy3() - append a copy to the copy2 just emitted
 * @st: compiler state
 * @dst: destination slot
 * @src: source slot
 *
 * Runs of local.set copies (a rotation of variables, as in SHA-256's
 * rounds) then take one dispatch per three copies.
 *
 * Return: true when the copy became the third one of a copy3.
 */
bool kw_c_fuse_copy3(struct cstate *st, u64 dst, u64 src)
{
	s64 insn = st->last_insn;

	if (st->dead || st->rc || st->last_op != KW_OP_copy2 || insn < st->label_at ||
	    insn + 5 != st->ncells)
		return false;
	st->cells[insn].h = st->labels[KW_OP_copy3];
	st->last_op = KW_OP_copy3;
	st->last_dst = -1;
	kw_c_arg(st, dst);
	kw_c_arg(st, src);
	return true;
}

/**
 * kw_c_fuse_load_shl() - fold `(y << k) + imm` into the i32.load of it
 * @st: compiler state
 * @addr: the address operand, popped
 * @op: the load (KW_OP_i32_load and such, unfused)
 * @type: its result type
 * @offset: its memarg offset
 *
 * The last two instructions must be that shl_imm and add_imm, each read
 * only by the next (the shift's temp is the add's, which is the address),
 * with no branch target after the shift.  Traps report the load.
 *
 * Return: true when fused and the result pushed.
 */
bool kw_c_fuse_load_shl(struct cstate *st, struct cval *addr, u32 op, u8 type, u32 offset)
{
	s64 insn = st->last_insn, shl = st->prev_insn;
	u64 slot = kw_c_slot(st, addr->pos);

	if (op != KW_OP_i32_load || st->dead || st->rc || addr->kind != V_STACK ||
	    st->last_op != KW_OP_i32_add_imm || st->last_dst != insn + 1 ||
	    st->last_dst_pos != addr->pos || insn + 4 != st->ncells ||
	    st->prev_op != KW_OP_i32_shl_imm || shl < 0 || shl + 4 != insn ||
	    st->label_at > shl || st->cells[shl + 1].u != slot || st->cells[insn + 2].u != slot)
		return false;
	/* [shl, t, y, k][add_imm, t, t, imm] becomes [h, t, y, k, imm, offset]. */
	st->cells[shl].h = st->labels[KW_OP_i32_load_shl_ri];
	st->cells[shl + 4] = st->cells[insn + 3];
	st->ncells = shl + 5;
	st->npc -= 2;
	st->pcmap[st->npc - 1] = st->insn_off;
	st->last_insn = shl;
	st->last_op = KW_OP_i32_load_shl_ri;
	st->prev_insn = -1;
	kw_c_arg(st, offset);
	kw_c_push(st, type);
	kw_c_produced(st, shl + 1, addr->pos);
	return true;
}
