// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The compiler's state: code emission, the operand stack, slots and branch
 * helpers that every compile_*.c file uses.  The entry point,
 * kw_compile_func(), is in compile.c; compile.h describes the slot model.
 */
#include "compile.h"

#define KW_MAX_CELLS	0x4000000u	/* cells per function */

int kw_c_fail(struct cstate *st, int rc, const char *msg)
{
	if (!st->rc) {
		st->rc = rc;
		kw_error_set(st->err, st->insn_off, msg);
	}
	return st->rc;
}

/*
 * Grows *@arr (of @size-byte items) to hold at least @need.  Returns 0,
 * -KW_ELIMIT past @limit items or -KW_ENOMEM.
 */
static int kw_c_grow(void **arr, u32 *cap, u32 need, size_t size, u32 limit)
{
	u32 ncap;
	void *n;

	if (need <= *cap)
		return 0;
	if (need > limit)
		return -KW_ELIMIT;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap = ncap > limit / 2 ? limit : ncap * 2;
	n = kw_port_alloc((size_t)ncap * size, 0);
	if (!n)
		return -KW_ENOMEM;
	if (*arr)
		memcpy(n, *arr, (size_t)*cap * size);
	kw_port_free(*arr);
	*arr = n;
	*cap = ncap;
	return 0;
}

static void kw_c_put_cell(struct cstate *st, u64 v)
{
	int ret;

	if (st->rc)
		return;
	ret = kw_c_grow((void **)&st->cells, &st->capcells, st->ncells + 1,
			sizeof(union kw_cell), KW_MAX_CELLS);
	if (ret) {
		kw_c_fail(st, ret, ret == -KW_ENOMEM ? "out of memory" : "function too large");
		return;
	}
	st->cells[st->ncells++].u = v;
}

/* Starts an instruction; returns its first cell, or -1 in dead code. */
s64 kw_c_op(struct cstate *st, u32 op)
{
	s64 pos = st->ncells;
	int ret;

	st->last_dst = -1;
	if (st->dead || st->rc)
		return -1;
	ret = kw_c_grow((void **)&st->pcmap, &st->cappc, st->npc + 2, sizeof(u32), KW_MAX_CELLS);
	if (ret) {
		kw_c_fail(st, ret, ret == -KW_ENOMEM ? "out of memory" : "function too large");
		return -1;
	}
	st->pcmap[st->npc++] = (u32)pos;
	st->pcmap[st->npc++] = st->insn_off;
	kw_c_put_cell(st, (u64)(kw_uptr)st->labels[op]);
	st->prev2_insn = st->prev_insn;
	st->prev2_op = st->prev_op;
	st->prev_insn = st->last_insn;
	st->prev_op = st->last_op;
	st->last_insn = pos;
	st->last_op = op;
	return pos;
}

/* Maps @cell, inside the last instruction, to the wasm instruction being compiled. */
void kw_c_pc_mark(struct cstate *st, u32 cell)
{
	int ret;

	if (st->dead || st->rc)
		return;
	ret = kw_c_grow((void **)&st->pcmap, &st->cappc, st->npc + 2, sizeof(u32), KW_MAX_CELLS);
	if (ret) {
		kw_c_fail(st, ret, ret == -KW_ENOMEM ? "out of memory" : "function too large");
		return;
	}
	st->pcmap[st->npc++] = cell;
	st->pcmap[st->npc++] = st->insn_off;
}

void kw_c_arg(struct cstate *st, u64 v)
{
	if (!st->dead)
		kw_c_put_cell(st, v);
}

u64 kw_c_slot(struct cstate *st, u32 pos)
{
	return ((u64)st->base + pos) * 8;
}

void kw_c_produced(struct cstate *st, s64 dst_cell, u32 pos)
{
	st->last_dst = st->dead ? -1 : dst_cell;
	st->last_dst_pos = pos;
}

static bool kw_c_push_val(struct cstate *st, struct cval v)
{
	int ret = kw_c_grow((void **)&st->vals, &st->capvals, st->nvals + 1, sizeof(struct cval),
			    KW_MAX_FUNC_SLOTS);

	if (ret) {
		kw_c_fail(st, ret, ret == -KW_ENOMEM ? "out of memory" : "operand stack too deep");
		return false;
	}
	st->vals[st->nvals++] = v;
	if (st->nvals > st->max_height)
		st->max_height = st->nvals;
	return true;
}

void kw_c_push(struct cstate *st, u8 type)
{
	struct cval v = { .type = type, .kind = V_STACK };

	kw_c_push_val(st, v);
}

void kw_c_push_local(struct cstate *st, u8 type, u32 idx)
{
	struct cval v = { .type = type, .kind = V_LOCAL, .idx = idx };

	if (kw_c_push_val(st, v)) {
		st->lrefs[idx]++;
		st->ndeferred++;
	}
}

void kw_c_push_const(struct cstate *st, u8 type, u64 imm)
{
	struct cval v = { .type = type, .kind = V_CONST, .imm = imm };

	if (kw_c_push_val(st, v))
		st->ndeferred++;
}

struct ctrl *kw_c_top_ctrl(struct cstate *st)
{
	return &st->ctrls[st->nctrls - 1];
}

static void kw_c_forget(struct cstate *st, struct cval *v)
{
	if (v->kind == V_LOCAL)
		st->lrefs[v->idx]--;
	if (v->kind != V_STACK)
		st->ndeferred--;
}

/* Pops a value of type @want (0: any); polymorphic in unreachable code. */
int kw_c_pop(struct cstate *st, u8 want, struct cval *out)
{
	struct ctrl *c = kw_c_top_ctrl(st);

	if (st->nvals == c->height) {
		if (!c->unreachable)
			return kw_c_fail(st, -KW_EINVALID, "type mismatch");
		out->type = want;
		out->kind = V_STACK;
		out->pos = st->nvals;
		return 0;
	}
	*out = st->vals[--st->nvals];
	out->pos = st->nvals;
	kw_c_forget(st, out);
	if (want && out->type && out->type != want)
		return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	if (!out->type)
		out->type = want;
	return 0;
}

void kw_c_emit_copy(struct cstate *st, u64 dst, u64 src)
{
	s64 insn = st->last_insn;

	if (dst == src)
		return;
	/* Two copies in a row, with no branch target between, share a dispatch. */
	if (!st->dead && !st->rc && st->last_op == KW_OP_copy && insn >= st->label_at &&
	    insn + 3 == st->ncells) {
		st->cells[insn].h = st->labels[KW_OP_copy2];
		st->last_op = KW_OP_copy2;
		st->last_dst = -1;
		kw_c_arg(st, dst);
		kw_c_arg(st, src);
		return;
	}
	if (kw_c_fuse_copy3(st, dst, src))
		return;
	kw_c_op(st, KW_OP_copy);
	kw_c_arg(st, dst);
	kw_c_arg(st, src);
}

void kw_c_emit_const(struct cstate *st, u64 dst, u64 imm)
{
	kw_c_op(st, KW_OP_const);
	kw_c_arg(st, dst);
	kw_c_arg(st, imm);
}

/* Writes a deferred entry to its own slot. */
static void kw_c_materialize(struct cstate *st, u32 pos)
{
	struct cval *v = &st->vals[pos];

	if (v->kind == V_LOCAL)
		kw_c_emit_copy(st, kw_c_slot(st, pos), (u64)v->idx * 8);
	else if (v->kind == V_CONST)
		kw_c_emit_const(st, kw_c_slot(st, pos), v->imm);
	else
		return;
	kw_c_forget(st, v);
	v->kind = V_STACK;
}

void kw_c_materialize_all(struct cstate *st)
{
	u32 i = st->nvals;

	while (st->ndeferred && i > 0)
		kw_c_materialize(st, --i);
}

void kw_c_materialize_local(struct cstate *st, u32 idx)
{
	u32 i = st->nvals;

	while (st->lrefs[idx] && i > 0) {
		i--;
		if (st->vals[i].kind == V_LOCAL && st->vals[i].idx == idx)
			kw_c_materialize(st, i);
	}
}

void kw_c_materialize_top(struct cstate *st, u32 n)
{
	u32 i = st->nvals;

	while (n-- && i > kw_c_top_ctrl(st)->height)
		kw_c_materialize(st, --i);
}

/*
 * Inside a loop a constant operand is read from the frame's const area
 * (after the locals, filled once per call), deduplicated: no dispatch per
 * iteration.  Returns its slot, or -1 when the area is full or unused.
 */
static s64 const_slot(struct cstate *st, u64 imm)
{
	u32 i;

	if (!st->loops)
		return -1;
	for (i = 0; i < st->nconsts; i++)
		if (st->consts[i] == imm)
			return (s64)(st->nlocals + i) * 8;
	if (st->nconsts == st->maxconsts)
		return -1;
	st->consts[st->nconsts] = imm;
	return (s64)(st->nlocals + st->nconsts++) * 8;
}

/* The slot an instruction reads a popped entry from. */
u64 kw_c_src(struct cstate *st, struct cval *e)
{
	s64 slot;

	if (e->kind == V_LOCAL)
		return (u64)e->idx * 8;
	if (e->kind == V_CONST) {
		slot = const_slot(st, e->imm);
		if (slot >= 0)
			return slot;
		kw_c_emit_const(st, kw_c_slot(st, e->pos), e->imm);
	}
	return kw_c_slot(st, e->pos);
}

/* Checks that the top of the stack holds @n values of @types (not popped). */
int kw_c_peek_types(struct cstate *st, const u8 *types, u32 n)
{
	struct ctrl *c = kw_c_top_ctrl(st);
	u32 i;

	for (i = 0; i < n; i++) {
		u32 depth = n - 1 - i;
		u8 t;

		if (st->nvals - c->height <= depth) {
			if (!c->unreachable)
				return kw_c_fail(st, -KW_EINVALID, "type mismatch");
			continue;
		}
		t = st->vals[st->nvals - 1 - depth].type;
		if (t && t != types[i])
			return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	}
	return 0;
}

int kw_c_pop_types(struct cstate *st, const u8 *types, u32 n)
{
	struct cval v;
	int ret;

	while (n--) {
		ret = kw_c_pop(st, types[n], &v);
		if (ret)
			return ret;
	}
	return 0;
}

void kw_c_push_types(struct cstate *st, const u8 *types, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		kw_c_push(st, types[i]);
}

int kw_c_read_valtype(struct cstate *st, u8 *out)
{
	if (kw_read_u8(&st->r, out))
		return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
	if (*out == KW_V128)
		return kw_c_fail(st, -KW_EUNSUPPORTED, "SIMD not supported");
	if (!kw_valtype_ok(*out))
		return kw_c_fail(st, -KW_EMALFORMED, "malformed value type");
	return 0;
}

int kw_c_read_u32(struct cstate *st, u32 *out)
{
	if (kw_read_u32(&st->r, out))
		return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
	return 0;
}

/* Branch targets. */

u32 kw_c_label_arity(const struct ctrl *c, const u8 **types)
{
	if (c->op == 0x03) {
		*types = c->params;
		return c->nparams;
	}
	*types = c->results;
	return c->nresults;
}

/* Emits the jump part of a branch to @c whose offset cell comes next. */
void kw_c_branch_target(struct cstate *st, struct ctrl *c)
{
	s64 cell = st->ncells;

	if (st->dead)
		return;
	if (c->op == 0x03) {
		kw_c_put_cell(st, (u64)((s64)c->start - cell));
	} else {
		kw_c_put_cell(st, (u64)c->fixups);
		c->fixups = cell;
	}
}

void kw_c_patch_list(struct cstate *st, s64 head, u32 target)
{
	if (head >= 0)
		st->label_at = target;
	while (head >= 0 && !st->rc) {
		s64 next = st->cells[head].s;

		st->cells[head].s = (s64)target - head;
		head = next;
	}
}

/* Moves the @n branch values on top of the stack to where @c expects them. */
static void kw_c_branch_copies(struct cstate *st, struct ctrl *c, u32 n)
{
	u64 dst = kw_c_slot(st, c->height);
	u64 src = kw_c_slot(st, st->nvals - n);
	u32 i;

	if (c->op == 0) {
		kw_c_return_copies(st, st->nvals - n, n);
		return;
	}
	for (i = 0; i < n; i++)
		kw_c_emit_copy(st, dst + 8 * i, src + 8 * i);
}

/*
 * Moves @n results at stack position @pos to the frame base, where the
 * caller expects them.  A single result just computed is written there
 * directly: the function's locals are dead by now.
 */
void kw_c_return_copies(struct cstate *st, u32 pos, u32 n)
{
	s64 insn = st->last_insn;
	u32 i;

	if (n == 1 && st->last_dst >= 0 && st->last_dst_pos == pos) {
		st->cells[st->last_dst].u = 0;
		st->last_dst = -1;
		return;
	}
	/* Likewise a constant or a local just written to the result's slot. */
	if (n == 1 && !st->dead && !st->rc && insn >= st->label_at && insn + 3 == st->ncells &&
	    (st->last_op == KW_OP_const || st->last_op == KW_OP_copy) &&
	    st->cells[insn + 1].u == kw_c_slot(st, pos)) {
		st->cells[insn + 1].u = 0;
		return;
	}
	for (i = 0; i < n; i++)
		kw_c_emit_copy(st, 8 * i, kw_c_slot(st, pos + i));
}

bool kw_c_needs_copies(struct cstate *st, struct ctrl *c, u32 n)
{
	if (c->op == 0)
		return true;
	return n && c->height != st->nvals - n;
}

/* Unconditional branch to @c with @n values on the stack, all in slots. */
void kw_c_emit_branch(struct cstate *st, struct ctrl *c, u32 n)
{
	kw_c_branch_copies(st, c, n);
	if (c->op == 0) {
		kw_c_op(st, KW_OP_ret);
		return;
	}
	if (!kw_c_fuse_copy_br(st))
		kw_c_op(st, KW_OP_br);
	kw_c_branch_target(st, c);
}

void kw_c_set_unreachable(struct cstate *st)
{
	struct ctrl *c = kw_c_top_ctrl(st);

	while (st->nvals > c->height) {
		struct cval v = st->vals[--st->nvals];

		kw_c_forget(st, &v);
	}
	c->unreachable = true;
	st->dead = true;
	st->last_dst = -1;
}

static const u8 neg_cmp[10] = { 1, 0, 8, 9, 6, 7, 4, 5, 2, 3 };
/* Float compares negate to the n* forms: with a NaN, !(a < b) is not a >= b. */
static const u8 neg_fcmp[6] = { 1, 0, 6, 7, 8, 9 };

/*
 * The i32 compare-and-branch @br (KW_OP_br_i32_*, just built at the last
 * instruction, offset cell not yet emitted) folds into the i32.add or
 * i32.add_imm right before it, unless a branch lands between the two.
 */
/**
 * kw_c_merge_add_branch() - make an add and the 4-cell branch after it one cell
 * @st: compiler state; the branch is the last instruction
 * @add: cell index of the add, 4 cells before the branch
 * @op: the fused instruction: the add's cells, then the branch's operands
 */
void kw_c_merge_add_branch(struct cstate *st, s64 add, u32 op)
{
	s64 insn = add + 4;

	st->cells[add].h = st->labels[op];
	st->cells[insn] = st->cells[insn + 1];
	st->cells[insn + 1] = st->cells[insn + 2];
	st->ncells = insn + 2;
	st->last_insn = add;
	st->last_op = op;
	st->prev_insn = -1;
}

static void kw_c_fuse_add_branch(struct cstate *st, u32 br)
{
	s64 add = st->prev_insn, insn = st->last_insn;
	u32 base;

	if (br < KW_OP_br_i32_eq || br > KW_OP_br_i32_ge_u_imm || add < 0 ||
	    add + 4 != insn || st->label_at > add)
		return;
	if (st->prev_op == KW_OP_i32_add)
		base = KW_OP_add_br_eq;
	else if (st->prev_op == KW_OP_i32_add_imm)
		base = KW_OP_addi_br_eq;
	else
		return;
	kw_c_merge_add_branch(st, add, base + (br - KW_OP_br_i32_eq));
}

/*
 * Turns the compare that produced @cond (the last instruction) into a
 * compare-and-branch; @negate branches when the compare is false.
 * Returns false when the last instruction is not such a compare.
 */
static bool kw_c_fuse_compare(struct cstate *st, struct cval *cond, bool negate, struct ctrl *c)
{
	s64 insn = st->last_insn;
	u32 op = st->last_op;
	u32 k, base;

	if (st->dead || cond->kind != V_STACK || st->last_dst < 0 ||
	    st->last_dst_pos != cond->pos || st->last_dst != insn + 1)
		return false;
	if (op == KW_OP_i32_eqz || op == KW_OP_i64_eqz) {
		if (op == KW_OP_i32_eqz)
			k = negate ? KW_OP_br_nez : KW_OP_br_eqz;
		else
			k = negate ? KW_OP_br_i64_nez : KW_OP_br_i64_eqz;
		st->cells[insn].h = st->labels[k];
		st->cells[insn + 1] = st->cells[insn + 2];
		st->ncells = insn + 2;
		kw_c_branch_target(st, c);
		st->last_dst = -1;
		return true;
	}
	if (op >= KW_OP_i32_eq && op <= KW_OP_i32_ge_u)
		base = KW_OP_br_i32_eq, k = op - KW_OP_i32_eq;
	else if (op >= KW_OP_i32_eq_imm && op <= KW_OP_i32_ge_u_imm)
		base = KW_OP_br_i32_eq_imm, k = op - KW_OP_i32_eq_imm;
	else if (op >= KW_OP_i64_eq && op <= KW_OP_i64_ge_u)
		base = KW_OP_br_i64_eq, k = op - KW_OP_i64_eq;
	else if (op >= KW_OP_i64_eq_imm && op <= KW_OP_i64_ge_u_imm)
		base = KW_OP_br_i64_eq_imm, k = op - KW_OP_i64_eq_imm;
	else if (op >= KW_OP_f32_eq && op <= KW_OP_f32_ge)
		base = KW_OP_br_f32_eq, k = op - KW_OP_f32_eq;
	else if (op >= KW_OP_f64_eq && op <= KW_OP_f64_ge)
		base = KW_OP_br_f64_eq, k = op - KW_OP_f64_eq;
	else
		return false;
	if (negate)
		k = base == KW_OP_br_f32_eq || base == KW_OP_br_f64_eq ? neg_fcmp[k] : neg_cmp[k];
	st->cells[insn].h = st->labels[base + k];
	st->cells[insn + 1] = st->cells[insn + 2];
	st->cells[insn + 2] = st->cells[insn + 3];
	st->ncells = insn + 3;
	st->last_op = base + k;
	kw_c_fuse_add_branch(st, base + k);
	kw_c_fuse_fadd_branch(st, base + k);
	kw_c_branch_target(st, c);
	st->last_dst = -1;
	return true;
}

/* Conditional branch to @c taken when @cond is non-zero (zero if @negate). */
void kw_c_emit_cond_branch(struct cstate *st, struct cval *cond, bool negate, struct ctrl *c)
{
	u64 src;

	if (kw_c_fuse_compare(st, cond, negate, c) || kw_c_fuse_add_nez(st, cond, negate, c))
		return;
	src = kw_c_src(st, cond);
	kw_c_op(st, negate ? KW_OP_br_eqz : KW_OP_br_nez);
	kw_c_arg(st, src);
	kw_c_branch_target(st, c);
}

