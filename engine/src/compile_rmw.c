// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Stores fused with the cell that computed their value, and i32 loads
 * fused into the multiply-add that consumes them (KW_RMW_OPS in ops.h).
 * `c[j] += a * b[j]` took four dispatches per element (load c, load b,
 * mla, store); with these it takes one.
 */
#include "compile.h"

/* The i32 loads that can feed a multiply-add, in KW_RMW_LOADS order. */
static const u16 mla_loads[] = {
	KW_OP_i32_load, KW_OP_i32_load_rr, KW_OP_i32_load_ri, KW_OP_i32_load_rr_tee,
	KW_OP_i32_load_ri_tee,
};

/* Cells of mla_loads[@k]; the cell of y in its LOAD*_MLA form. */
static u32 load_len(u32 k)
{
	return k ? (k < 3 ? 5 : 6) : 4;
}

/* Index of @op in mla_loads, or -1. */
static int mla_load_idx(u32 op)
{
	u32 k;

	for (k = 0; k < KW_ARRAY_SIZE(mla_loads); k++)
		if (mla_loads[k] == op)
			return (int)k;
	return -1;
}

/*
 * The last instruction has gone into the cell at @ld, now @op and ending
 * at @ncells: @ld becomes the last instruction, the one before it the
 * previous.  The merged instruction's pc map entry goes: its traps are
 * @ld's now.
 */
static void merge_into(struct cstate *st, s64 ld, u32 op, u32 ncells)
{
	st->cells[ld].h = st->labels[op];
	st->ncells = ncells;
	st->npc -= 2;
	st->last_insn = ld;
	st->last_op = op;
	st->prev_insn = st->prev2_insn;
	st->prev_op = st->prev2_op;
	st->prev2_insn = -1;
	st->tee_insn = -1;
}

/**
 * kw_c_rmw_load_mla() - fold the load feeding a just-built i32_mla into it
 * @st: compiler state; the last instruction is the mla, built from a mul
 *
 * When the mul's operand came from the i32 load right before it, in the
 * same straight-line run, and only the mul read it (a stack temporary),
 * the load cell is extended: [h, dst, <load operands>, y, c].  The load's
 * trap offset stays the cell's.
 */
void kw_c_rmw_load_mla(struct cstate *st)
{
	s64 insn = st->last_insn, ld = st->prev_insn;
	int k = mla_load_idx(st->prev_op);
	u64 ldst, dst, x, y, c;
	u32 len, op;

	if (k < 0)
		return;
	len = load_len(k);
	op = KW_OP_i32_load_mla + k;
	if (st->dead || st->rc || st->last_op != KW_OP_i32_mla || ld < 0 ||
	    ld + len != insn || insn + 5 != st->ncells || st->label_at > ld ||
	    st->last_dst != insn + 1 || st->npc < 4 || st->pcmap[st->npc - 2] != insn)
		return;
	ldst = st->cells[ld + 1].u;
	dst = st->cells[insn + 1].u;
	x = st->cells[insn + 2].u;
	y = st->cells[insn + 3].u;
	c = st->cells[insn + 4].u;
	/* A load into a local (local.set/tee) must still write it. */
	if (ldst < kw_c_slot(st, 0))
		return;
	if (x != ldst) {
		if (y != ldst)
			return;
		y = x;
	}
	st->cells[ld + 1].u = dst;
	st->cells[ld + len].u = y;
	st->cells[ld + len + 1].u = c;
	merge_into(st, ld, op, (u32)(ld + len + 2));
	kw_c_produced(st, ld + 1, st->last_dst_pos);
}

/*
 * The LOAD*_MLA_ST cell just built at the last instruction, and a
 * LOAD_RR/RI_TEE of m right before it: when the store goes to m's address
 * (the tee local, not overwritten by the second load's tee, and the same
 * offset) and the addend is m, the first cell runs both.
 */
static void rmw_merge(struct cstate *st, u32 k)
{
	s64 m = st->prev_insn, insn = st->last_insn;
	u32 len = load_len(k);
	u32 base;

	if (st->prev_op == KW_OP_i32_load_rr_tee)
		base = KW_OP_i32_rmw_rr_mla_load;
	else if (st->prev_op == KW_OP_i32_load_ri_tee)
		base = KW_OP_i32_rmw_ri_mla_load;
	else
		return;
	if (m < 0 || m + 6 != insn || st->label_at > m ||
	    st->cells[m].h != st->labels[st->prev_op])
		return;
	if (st->cells[m + 1].u < kw_c_slot(st, 0) ||
	    st->cells[m + 1].u != st->cells[insn + len + 1].u ||
	    st->cells[m + 5].u != st->cells[insn + 1].u ||
	    st->cells[m + 4].u != st->cells[insn + len + 2].u ||
	    (k >= 3 && st->cells[insn + 5].u == st->cells[m + 5].u))
		return;
	st->cells[m].h = st->labels[base + k];
	st->last_insn = m;
	st->last_op = base + k;
	st->prev_insn = -1;
}

/* A load, the store of the same width, and the RMW_IP width (0: 8 bits). */
static const u16 ip_loads[][3] = {
	{ KW_OP_i32_load8_u, KW_OP_store8, 0 }, { KW_OP_i32_load8_s, KW_OP_store8, 0 },
	{ KW_OP_i32_load16_u, KW_OP_store16, 1 }, { KW_OP_i32_load16_s, KW_OP_store16, 1 },
	{ KW_OP_i32_load, KW_OP_store32, 2 }, { KW_OP_i64_load, KW_OP_store64, 3 },
};

#define IP_NIMM	4	/* the _imm forms come first */
#define IP_NOPS	9
#define IP_SUB	5

/* The arithmetic of KW_RMW_IP, in its order, for i32 and i64. */
static const u16 ip_ops[2][IP_NOPS] = {
	{ KW_OP_i32_add_imm, KW_OP_i32_and_imm, KW_OP_i32_or_imm, KW_OP_i32_xor_imm,
	  KW_OP_i32_add, KW_OP_i32_sub, KW_OP_i32_and, KW_OP_i32_or, KW_OP_i32_xor },
	{ KW_OP_i64_add_imm, KW_OP_i64_and_imm, KW_OP_i64_or_imm, KW_OP_i64_xor_imm,
	  KW_OP_i64_add, KW_OP_i64_sub, KW_OP_i64_and, KW_OP_i64_or, KW_OP_i64_xor },
};

/*
 * A load through the plain local @addr, an arithmetic cell on its value,
 * and this store back through @addr with the same offset: nothing between
 * the load and the store writes a local (both cells write temporaries),
 * so the three run as one RMW_IP cell at the load's place.  Only the low
 * w bits of the result are stored, and they depend only on the low w bits
 * of the operands, so a narrow load's extension does not matter.
 */
static bool rmw_inplace(struct cstate *st, const struct cval *addr, const struct cval *val,
			u32 op, u32 offset)
{
	s64 insn = st->last_insn, ld = st->prev_insn;
	u64 ldst, a, b;
	u32 i, k, w, fused;

	if (st->dead || st->rc || addr->kind != V_LOCAL || val->kind != V_STACK || ld < 0 ||
	    ld + 4 != insn || insn + 4 != st->ncells || st->label_at > ld ||
	    st->last_dst != insn + 1 || st->last_dst_pos != val->pos || st->npc < 4 ||
	    st->pcmap[st->npc - 2] != insn || st->pcmap[st->npc - 4] != ld)
		return false;
	for (i = 0; i < KW_ARRAY_SIZE(ip_loads); i++)
		if (ip_loads[i][0] == st->prev_op && ip_loads[i][1] == op)
			break;
	if (i == KW_ARRAY_SIZE(ip_loads))
		return false;
	w = ip_loads[i][2];
	for (k = 0; k < IP_NOPS; k++)
		if (ip_ops[w == 3][k] == st->last_op)
			break;
	if (k == IP_NOPS)
		return false;
	ldst = st->cells[ld + 1].u;
	a = st->cells[insn + 2].u;
	b = st->cells[insn + 3].u;
	if (ldst < kw_c_slot(st, 0) || st->cells[ld + 2].u != (u64)addr->idx * 8 ||
	    st->cells[ld + 3].u != offset)
		return false;
	if (k < IP_NIMM || a == ldst) {
		/* load OP imm|b; load OP load is left alone */
		if (a != ldst || (k >= IP_NIMM && b == ldst))
			return false;
	} else {
		/* b OP load: only when OP commutes (not sub) */
		if (b != ldst || k == IP_SUB)
			return false;
		b = a;
	}
	fused = KW_OP_rmw8_add_imm + w * IP_NOPS + k;
	st->cells[ld + 1].u = (u64)addr->idx * 8;
	st->cells[ld + 2].u = b;
	merge_into(st, ld, fused, (u32)(ld + 4));
	st->last_dst = -1;
	return true;
}

/* Arithmetic cells that take a store: the op, its store, fused op. */
static const u16 op_st[][3] = {
	{ KW_OP_i32_add, KW_OP_store32, KW_OP_i32_add_st },
	{ KW_OP_i32_sub, KW_OP_store32, KW_OP_i32_sub_st },
	{ KW_OP_i32_mla, KW_OP_store32, KW_OP_i32_mla_st },
	{ KW_OP_i64_add, KW_OP_store64, KW_OP_i64_add_st },
	{ KW_OP_i64_sub, KW_OP_store64, KW_OP_i64_sub_st },
	{ KW_OP_i64_mla, KW_OP_store64, KW_OP_i64_mla_st },
};

/**
 * kw_c_rmw_store() - fuse a store into the cell that computed its value
 * @st: compiler state
 * @addr: the popped address (a local or a stack slot qualifies)
 * @val: the popped value
 * @op: KW_OP_store8..store64
 * @type: the stored value's type (i64.store32 is not i32.store)
 * @offset: the store's offset immediate
 *
 * The value must be the last instruction's result, read by nobody else:
 * its dst cell becomes the address and the offset is appended.
 *
 * Return: true when the store was emitted that way.
 */
bool kw_c_rmw_store(struct cstate *st, struct cval *addr, struct cval *val, u32 op, u8 type,
		    u32 offset)
{
	s64 insn = st->last_insn;
	u32 i, fused = 0, last = st->last_op;

	if (rmw_inplace(st, addr, val, op, offset))
		return true;
	if (st->dead || st->rc || val->kind != V_STACK || addr->kind == V_CONST || insn < 0 ||
	    st->last_dst != insn + 1 || st->last_dst_pos != val->pos ||
	    st->npc < 2 || st->pcmap[st->npc - 2] != insn)
		return false;
	if ((type == KW_I32 || type == KW_F32) && op != KW_OP_store32)
		return false;
	if ((type == KW_I64 || type == KW_F64) && op != KW_OP_store64)
		return false;
	for (i = 0; i < KW_ARRAY_SIZE(op_st); i++)
		if (op_st[i][0] == last && op_st[i][1] == op)
			fused = op_st[i][2];
	if (last >= KW_OP_i32_load_mla && last <= KW_OP_i32_load_ri_tee_mla && op == KW_OP_store32)
		fused = last + (KW_OP_i32_load_mla_st - KW_OP_i32_load_mla);
	if (!fused)
		return false;
	st->cells[insn].h = st->labels[fused];
	st->cells[insn + 1].u = kw_c_src(st, addr);
	if (fused >= KW_OP_i32_load_mla_st) {
		/* The load keeps its offset; a store trap maps here. */
		kw_c_pc_mark(st, st->ncells);
	} else {
		st->pcmap[st->npc - 1] = st->insn_off;
	}
	st->last_op = fused;
	st->last_dst = -1;
	kw_c_arg(st, offset);
	if (fused >= KW_OP_i32_load_mla_st)
		rmw_merge(st, fused - KW_OP_i32_load_mla_st);
	return true;
}

/**
 * kw_c_rmw_call() - fuse the last argument's i32.add_imm into a call
 * @st: compiler state; the arguments are popped
 * @code: the callee's code
 * @base: the slot of the first argument, the callee's frame
 * @nparams: the callee's parameter count
 *
 * When the last instruction computed the top argument in its slot, in the
 * same straight-line run, it becomes [call_addi, dst, a, imm, code, base]:
 * one dispatch less per call.  The add cannot trap; the cell's traps are
 * the call's.
 *
 * Return: true when the call was emitted that way.
 */
bool kw_c_rmw_call(struct cstate *st, const void *code, u64 base, u32 nparams)
{
	s64 insn = st->last_insn;

	if (st->dead || st->rc || !nparams || insn < 0 || st->last_op != KW_OP_i32_add_imm ||
	    insn + 4 != st->ncells || st->label_at > insn || st->last_dst != insn + 1 ||
	    st->last_dst_pos != st->nvals + nparams - 1 ||
	    st->cells[insn + 1].u != base + (u64)(nparams - 1) * 8 ||
	    st->npc < 2 || st->pcmap[st->npc - 2] != insn)
		return false;
	st->cells[insn].h = st->labels[KW_OP_call_addi];
	st->pcmap[st->npc - 1] = st->insn_off;
	st->last_op = KW_OP_call_addi;
	st->last_dst = -1;
	kw_c_arg(st, (u64)(kw_uptr)code);
	kw_c_arg(st, base);
	return true;
}
