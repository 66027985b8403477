// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fusions for f64 arithmetic (KW_FLOAT_OPS in ops.h): a multiply, load or
 * store that meets the operation next to it in straight-line code shares
 * its dispatch.  Like fuse_mla, each looks only at the last instruction,
 * whose result nobody else has read yet.
 */
#include "compile.h"

/* 0, 1, 2 for f64 add, sub, mul (the order of every family); else -1. */
static int family(u32 op)
{
	if (op == KW_OP_f64_add)
		return 0;
	if (op == KW_OP_f64_sub)
		return 1;
	if (op == KW_OP_f64_mul)
		return 2;
	return -1;
}

/* Puts @v at cell @at of the last instruction, moving the rest up. */
static void insert_cell(struct cstate *st, s64 at, u64 v)
{
	s64 i;

	kw_c_arg(st, 0);
	if (st->rc)
		return;
	for (i = st->ncells - 1; i > at; i--)
		st->cells[i] = st->cells[i - 1];
	st->cells[at].u = v;
}

/**
 * kw_c_fuse_float_bin() - fold the last instruction into an f64 add/sub/mul
 * @st: compiler state
 * @op: the binary operation being translated
 * @a: its popped left operand
 * @b: its popped right operand
 *
 * c - x*y and (x*y)*c when the last instruction is the product, c + (x-y)
 * when it is the difference; a OP m
 * when it is the f64 load of m (m - a is not fused).
 *
 * Return: true when the operation was emitted and its result pushed.
 */
bool kw_c_fuse_float_bin(struct cstate *st, u32 op, struct cval *a, struct cval *b)
{
	s64 insn = st->last_insn;
	u32 last = st->last_op, fused;
	int k = family(op);
	struct cval *other;

	if (k < 0 || st->dead || insn < 0 || st->last_dst != insn + 1)
		return false;
	if (b->kind == V_STACK && st->last_dst_pos == b->pos)
		other = a;
	else if (k != 1 && a->kind == V_STACK && st->last_dst_pos == a->pos)
		other = b;
	else
		return false;
	/* A constant might need an instruction of its own. */
	if (other->kind == V_CONST)
		return false;
	if ((last == KW_OP_f64_mul && k) || (last == KW_OP_f64_sub && !k)) {
		if (last == KW_OP_f64_sub)
			fused = KW_OP_f64_add_sub;
		else
			fused = k == 1 ? KW_OP_f64_mls : KW_OP_f64_mul3;
		kw_c_arg(st, kw_c_src(st, other));
	} else if (last == KW_OP_i64_load || last == KW_OP_i64_load_ri) {
		fused = (last == KW_OP_i64_load ? KW_OP_f64_add_ld : KW_OP_f64_add_ldri) + k;
		insert_cell(st, insn + 2, kw_c_src(st, other));
	} else {
		return false;
	}
	if (st->rc)
		return true;
	st->cells[insn].h = st->labels[fused];
	st->cells[insn + 1].u = kw_c_slot(st, a->pos);
	st->last_op = fused;
	kw_c_push(st, KW_F64);
	kw_c_produced(st, insn + 1, a->pos);
	return true;
}

/*
 * c[j] += (x*y)*c: the product just before the read-modify-write joins it,
 * and so does the i32 add (or local.tee of it) of the address before that.
 * The product went to a stack slot that only the add read.  A trap comes
 * from the load, so the fused cell keeps the load's offset.
 */
static void fuse_mul3_mem(struct cstate *st)
{
	s64 insn = st->last_insn, mul = st->prev_insn, ai = st->prev2_insn;
	u64 addr = st->cells[insn + 1].u, off = st->cells[insn + 3].u;
	u32 pc, i;

	/* The product: right before, into a stack slot that the add read. */
	if (st->prev_op != KW_OP_f64_mul3 || mul < 0 || mul + 5 != insn || st->label_at > mul ||
	    st->npc < 4 || st->pcmap[st->npc - 2] != insn || st->pcmap[st->npc - 4] != mul ||
	    st->cells[mul + 1].u < kw_c_slot(st, 0) ||
	    st->cells[insn + 2].u != st->cells[mul + 1].u)
		return;
	pc = st->pcmap[st->npc - 1];
	if (st->prev2_op == KW_OP_i32_add_imm && ai >= 0 && ai + 4 == mul && st->label_at <= ai &&
	    st->npc >= 6 && st->pcmap[st->npc - 6] == ai && st->cells[ai + 1].u == addr) {
		for (i = 0; i < 3; i++)
			st->cells[ai + 4 + i] = st->cells[mul + 2 + i];
		st->cells[ai].h = st->labels[KW_OP_f64_addi_mul3_add_mem];
		st->cells[ai + 7].u = off;
		st->ncells = ai + 8;
		st->npc -= 4;
		st->last_insn = ai;
		st->last_op = KW_OP_f64_addi_mul3_add_mem;
		st->prev_insn = -1;
	} else {
		st->cells[mul].h = st->labels[KW_OP_f64_mul3_add_mem];
		st->cells[mul + 1].u = addr;
		st->cells[mul + 5].u = off;
		st->ncells = mul + 6;
		st->npc -= 2;
		st->last_insn = mul;
		st->last_op = KW_OP_f64_mul3_add_mem;
		st->prev_insn = st->prev2_insn;
		st->prev_op = st->prev2_op;
	}
	st->pcmap[st->npc - 1] = pc;
	st->prev2_insn = -1;
	st->tee_insn = -1;
}

/**
 * kw_c_fuse_float_store() - fold an f64 result into the store of it
 * @st: compiler state
 * @val: the popped value to store
 * @sa: the slot of the address, already resolved
 * @op: the store instruction (KW_OP_store*)
 * @offset: its offset
 *
 * A load-op whose load has the same address becomes a read-modify-write.
 * The value may also be that of a local.tee of the result.
 *
 * Return: true when the store was emitted.
 */
bool kw_c_fuse_float_store(struct cstate *st, struct cval *val, u64 sa, u32 op, u32 offset)
{
	s64 insn = st->last_insn;
	u32 last = st->last_op, fused;
	/* The value of a local.tee: the local stays written, as before. */
	bool tee = val->kind == V_LOCAL && st->tee_insn == insn && st->tee_local == val->idx;

	if (op != KW_OP_store64 || st->dead || st->rc || insn < 0)
		return false;
	if (!tee && (val->kind != V_STACK || st->last_dst != insn + 1 ||
		     st->last_dst_pos != val->pos))
		return false;
	if (last >= KW_OP_f64_add_ld && last <= KW_OP_f64_mul_ld) {
		if (tee)
			return false;
		/* The load traps first, at the same address: keep its offset. */
		if (st->cells[insn + 3].u != sa || st->cells[insn + 4].u != offset)
			return false;
		fused = KW_OP_f64_add_mem + (last - KW_OP_f64_add_ld);
		st->cells[insn + 1].u = sa;
		st->cells[insn + 3].u = offset;
		st->ncells = insn + 4;
	} else {
		if (family(last) >= 0)
			fused = KW_OP_f64_add_st + (u32)family(last);
		else if (last == KW_OP_f64_mla)
			fused = KW_OP_f64_mla_st;
		else if (last == KW_OP_f64_mls)
			fused = KW_OP_f64_mls_st;
		else if (last == KW_OP_f64_mul3)
			fused = KW_OP_f64_mul3_st;
		else
			return false;
		if (st->ncells != insn + (fused <= KW_OP_f64_mul_st ? 4 : 5))
			return false;
		/* Traps come from the store: report its offset. */
		st->pcmap[st->npc - 1] = st->insn_off;
		kw_c_arg(st, sa);
		kw_c_arg(st, offset);
		st->tee_insn = -1;
	}
	st->cells[insn].h = st->labels[fused];
	st->last_op = fused;
	st->last_dst = -1;
	if (fused == KW_OP_f64_add_mem)
		fuse_mul3_mem(st);
	return true;
}

/**
 * kw_c_fuse_fadd_branch() - fold an f64 add into the compare-and-branch after it
 * @st: compiler state
 * @br: the KW_OP_br_f64_* just built at the last instruction (offset cell
 *	not yet emitted)
 *
 * As kw_c_fuse_add_branch for i32: [h, dst, x, y] + [h, a, b] become one
 * cell, unless a branch lands between the two.
 */
void kw_c_fuse_fadd_branch(struct cstate *st, u32 br)
{
	s64 add = st->prev_insn, insn = st->last_insn;
	u32 op = KW_OP_fadd_br_eq + (br - KW_OP_br_f64_eq);

	if (br < KW_OP_br_f64_eq || br > KW_OP_br_f64_nge || add < 0 || add + 4 != insn ||
	    st->label_at > add || st->prev_op != KW_OP_f64_add || st->rc)
		return;
	kw_c_merge_add_branch(st, add, op);
}

/**
 * kw_c_fuse_add_nez() - branch on the result of the i32 add just emitted
 * @st: compiler state
 * @cond: the popped condition
 * @negate: branch when it is zero
 * @c: the target
 *
 * The counter step of `local.tee $n (i32.add ..); br_if` (or the same on
 * the stack) becomes an add-and-branch comparing with the immediate 0.
 *
 * Return: true when the branch was emitted.
 */
bool kw_c_fuse_add_nez(struct cstate *st, struct cval *cond, bool negate, struct ctrl *c)
{
	s64 insn = st->last_insn;
	u32 base;
	u64 slot;

	if (st->dead || st->rc || insn < 0 || insn + 4 != st->ncells || st->label_at > insn)
		return false;
	if (st->last_op == KW_OP_i32_add)
		base = KW_OP_add_br_eq_imm;
	else if (st->last_op == KW_OP_i32_add_imm)
		base = KW_OP_addi_br_eq_imm;
	else
		return false;
	if (cond->kind == V_LOCAL && st->tee_insn == insn && st->tee_local == cond->idx)
		slot = (u64)cond->idx * 8;
	else if (cond->kind == V_STACK && st->last_dst == insn + 1 && st->last_dst_pos == cond->pos)
		slot = kw_c_slot(st, cond->pos);
	else
		return false;
	/* [h, dst, x, y|imm] + [a = dst, 0, off]: eq_imm, then ne_imm. */
	base += negate ? 0 : 1;
	st->cells[insn].h = st->labels[base];
	kw_c_arg(st, slot);
	kw_c_arg(st, 0);
	kw_c_branch_target(st, c);
	st->last_op = base;
	st->last_dst = -1;
	st->tee_insn = -1;
	return true;
}
