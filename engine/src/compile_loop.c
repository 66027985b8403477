// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Loop rotation.  A top-tested loop
 *
 *	loop  br_if $exit (cmp a b)  body  br 0  end
 *
 * runs a `br` to the top and the test there at every iteration.  Its back
 * edge becomes the negated test, branching into the body (past the loop
 * cell and the top test), then a branch to $exit, dropped when $exit is
 * right after it.  Usually the body ends with the counter's i32.add, and
 * add, test and branch take one dispatch (loop_add(i)_br_*).
 *
 * Other back edges (and forward `br`s) often follow a copy, a local.set
 * of a local.get: the copy takes the branch along (copy_br, copy2_br).
 */
#include "compile.h"

/* The compare, branch-when-false: as neg_cmp in compile_state.c. */
static const u8 neg_cmp[10] = { 1, 0, 8, 9, 6, 7, 4, 5, 2, 3 };

/**
 * kw_c_loop_top_test() - note a loop's exit test, for its back edges
 * @st: compiler state
 * @target: the control the br_if just emitted leaves to
 *
 * Only the loop's first instruction counts: an i32 compare-and-branch on
 * locals or constants (four cells right after the loop cell), with no
 * values to carry.  Its test then reads the same slots at the back edge.
 */
void kw_c_loop_top_test(struct cstate *st, struct ctrl *target)
{
	struct ctrl *l = kw_c_top_ctrl(st);
	const u8 *types;

	if (st->dead || st->rc || l->op != 0x03 || target == l || !target->op ||
	    l->nparams || kw_c_label_arity(target, &types) ||
	    st->last_insn != (s64)l->start + 2 ||
	    st->ncells != l->start + KW_LOOP_ROT_SKIP ||
	    st->last_op < KW_OP_br_i32_eq || st->last_op > KW_OP_br_i32_ge_u_imm)
		return;
	l->rot_op = st->last_op;
	l->rot_exit = target - st->ctrls;
	/* The back edges land here: nothing may fuse across. */
	st->label_at = st->ncells;
}

/* Folds an i32.add or i32.add_imm right before the tail at @insn into it. */
static void fuse_add(struct cstate *st, s64 insn, u32 k)
{
	s64 add = st->prev_insn;
	u32 op;

	if (add < 0 || add + 4 != insn || st->label_at > add)
		return;
	if (st->prev_op == KW_OP_i32_add)
		op = KW_OP_loop_add_br_eq + k;
	else if (st->prev_op == KW_OP_i32_add_imm)
		op = KW_OP_loop_addi_br_eq + k;
	else
		return;
	kw_c_merge_add_branch(st, add, op);
}

/**
 * kw_c_loop_back_edge() - emit `br` to a loop as the loop's rotated test
 * @st: compiler state
 * @l: the loop branched to
 * @n: values the branch carries
 *
 * Return: false when @l has no top test to rotate (emit a plain `br`).
 */
bool kw_c_loop_back_edge(struct cstate *st, struct ctrl *l, u32 n)
{
	const union kw_cell *test;
	u32 k, cmp;
	s64 insn;
	u64 a, b;

	if (st->dead || st->rc || l->op != 0x03 || !l->rot_op || n)
		return false;
	test = &st->cells[l->start + 2];
	a = test[1].u;
	b = test[2].u;
	k = l->rot_op - KW_OP_br_i32_eq;
	cmp = k % 10;
	k += neg_cmp[cmp] - cmp;
	insn = kw_c_op(st, KW_OP_loop_br_i32_eq + k);
	kw_c_arg(st, a);
	kw_c_arg(st, b);
	if (insn >= 0)
		fuse_add(st, insn, k);
	kw_c_branch_target(st, l);
	kw_c_op(st, KW_OP_br);
	kw_c_branch_target(st, &st->ctrls[l->rot_exit]);
	return true;
}

/**
 * kw_c_drop_br_to_end() - drop a `br` that jumps to the very next cell
 * @st: compiler state
 * @c: the control being closed, before its branches are patched
 *
 * The exit branch after a rotated test often lands right after itself.
 * Not when a branch patched earlier lands past it (label_at).
 */
void kw_c_drop_br_to_end(struct cstate *st, struct ctrl *c)
{
	s64 br = st->last_insn;

	if (st->rc || st->last_op != KW_OP_br || br < 0 || br + 2 != st->ncells ||
	    c->fixups != br + 1 || st->label_at > br)
		return;
	c->fixups = st->cells[br + 1].s;
	st->ncells = br;
	if (st->npc >= 2 && st->pcmap[st->npc - 2] == br)
		st->npc -= 2;
	st->last_insn = -1;
	st->last_op = KW_OP_unreachable;
	st->prev_insn = -1;
	/* Whatever fell through or jumped to the br continues here. */
	st->label_at = st->ncells;
}

/**
 * kw_c_fuse_copy_br() - turn the copy or copy2 just emitted into a branch
 * @st: compiler state
 *
 * The offset cell follows, as after a `br`.  Return: false if no copy.
 */
bool kw_c_fuse_copy_br(struct cstate *st)
{
	s64 insn = st->last_insn;
	u32 op;

	if (st->dead || st->rc || insn < 0 || insn < st->label_at)
		return false;
	if (st->last_op == KW_OP_copy && insn + 3 == st->ncells)
		op = KW_OP_copy_br;
	else if (st->last_op == KW_OP_copy2 && insn + 5 == st->ncells)
		op = KW_OP_copy2_br;
	else
		return false;
	st->cells[insn].h = st->labels[op];
	st->last_op = op;
	st->last_dst = -1;
	return true;
}
