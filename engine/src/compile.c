// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The compiler's entry point, kw_compile_func(): function bodies are
 * validated and translated to internal code in one pass, with explicit
 * operand and control stacks (no native recursion).  Here too: locals, the
 * instruction loop, and the variable, memory, table and reference
 * instructions.
 */
#include "compile.h"

/*
 * The @n memory index bytes of a memory instruction (all 0: one memory
 * only), then memory 0 must exist.
 */
static int memory_idx(struct cstate *st, u32 n)
{
	u8 b;

	while (n--) {
		if (kw_read_u8(&st->r, &b))
			return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
		if (b)
			return kw_c_fail(st, -KW_EMALFORMED, "zero byte expected");
	}
	if (!st->m->nmems)
		return kw_c_fail(st, -KW_EINVALID, "unknown memory 0");
	return 0;
}

/* An index into a space of @n entries: @what when past its end. */
static int read_idx(struct cstate *st, u32 *x, u32 n, const char *what)
{
	int ret = kw_c_read_u32(st, x);

	if (!ret && *x >= n)
		ret = kw_c_fail(st, -KW_EINVALID, what);
	return ret;
}

static int op_local(struct cstate *st, u8 opcode)
{
	struct cval e;
	u32 x;
	u8 t;
	int ret = read_idx(st, &x, st->nlocals, "unknown local");

	if (ret)
		return ret;
	t = st->ltypes[x];
	if (opcode == 0x20) {
		kw_c_push_local(st, t, x);
		return 0;
	}
	ret = kw_c_pop(st, t, &e);
	if (ret)
		return ret;
	kw_c_materialize_local(st, x);
	if (e.kind == V_STACK && st->last_dst >= 0 && st->last_dst_pos == e.pos) {
		/* Let the instruction that produced the value write the local. */
		st->cells[st->last_dst].u = (u64)x * 8;
		st->last_dst = -1;
		st->tee_insn = opcode == 0x22 ? st->last_insn : -1;
		st->tee_local = x;
	} else if (e.kind == V_CONST && !e.imm && x >= st->nparams && !st->lwritten[x] &&
		   !st->label_at) {
		/*
		 * Straight-line code from the entry (no branch target yet) and
		 * the local still holds the zero the call put there.
		 */
		goto pushed;
	} else if (e.kind == V_CONST) {
		kw_c_emit_const(st, (u64)x * 8, e.imm);
	} else {
		kw_c_emit_copy(st, (u64)x * 8, kw_c_src(st, &e));
	}
	st->lwritten[x] = 1;
pushed:
	if (opcode == 0x22)
		kw_c_push_local(st, t, x);
	return 0;
}

static int op_global(struct cstate *st, u8 opcode)
{
	struct kw_global_decl *g;
	struct cval e;
	s64 insn;
	u32 x;
	int ret = read_idx(st, &x, st->m->nglobals, "unknown global");

	if (ret)
		return ret;
	g = &st->m->globals[x];
	if (opcode == 0x23) {
		insn = kw_c_op(st, KW_OP_global_get);
		kw_c_arg(st, kw_c_slot(st, st->nvals));
		kw_c_arg(st, x);
		kw_c_push(st, g->type);
		kw_c_produced(st, insn < 0 ? -1 : insn + 1, st->nvals - 1);
		return 0;
	}
	if (!g->mut)
		return kw_c_fail(st, -KW_EINVALID, "global is immutable");
	ret = kw_c_pop(st, g->type, &e);
	if (ret)
		return ret;
	e.pos = (u32)kw_c_src(st, &e);
	kw_c_op(st, KW_OP_global_set);
	kw_c_arg(st, x);
	kw_c_arg(st, e.pos);
	return 0;
}

struct memop {
	u16 op;
	u8 type;
	u8 align;	/* natural alignment, log2 */
};

/* Loads 0x28..0x35 then stores 0x36..0x3e. */
static const struct memop memops[] = {
	{ KW_OP_i32_load, KW_I32, 2 }, { KW_OP_i64_load, KW_I64, 3 },
	{ KW_OP_i32_load, KW_F32, 2 }, { KW_OP_i64_load, KW_F64, 3 },
	{ KW_OP_i32_load8_s, KW_I32, 0 }, { KW_OP_i32_load8_u, KW_I32, 0 },
	{ KW_OP_i32_load16_s, KW_I32, 1 }, { KW_OP_i32_load16_u, KW_I32, 1 },
	{ KW_OP_i64_load8_s, KW_I64, 0 }, { KW_OP_i64_load8_u, KW_I64, 0 },
	{ KW_OP_i64_load16_s, KW_I64, 1 }, { KW_OP_i64_load16_u, KW_I64, 1 },
	{ KW_OP_i64_load32_s, KW_I64, 2 }, { KW_OP_i64_load32_u, KW_I64, 2 },
	{ KW_OP_store32, KW_I32, 2 }, { KW_OP_store64, KW_I64, 3 },
	{ KW_OP_store32, KW_F32, 2 }, { KW_OP_store64, KW_F64, 3 },
	{ KW_OP_store8, KW_I32, 0 }, { KW_OP_store16, KW_I32, 1 },
	{ KW_OP_store8, KW_I64, 0 }, { KW_OP_store16, KW_I64, 1 },
	{ KW_OP_store32, KW_I64, 2 },
};

/*
 * local.tee of an address add, then a load from that local: the add, the
 * local write and the load take one dispatch, [h, dst, a, b, offset, tee].
 */
static bool fuse_load_tee(struct cstate *st, struct cval *addr, const struct memop *mo,
			  u32 offset)
{
	s64 insn = st->last_insn;
	u32 fused, rr;

	if (st->dead || addr->kind != V_LOCAL || st->tee_insn != insn || insn < 0 ||
	    st->tee_local != addr->idx || insn + 4 != st->ncells)
		return false;
	if (st->last_op == KW_OP_i32_add)
		rr = 1;
	else if (st->last_op == KW_OP_i32_add_imm)
		rr = 0;
	else
		return false;
	if (mo->op == KW_OP_i32_load)
		fused = rr ? KW_OP_i32_load_rr_tee : KW_OP_i32_load_ri_tee;
	else if (mo->op == KW_OP_i64_load)
		fused = rr ? KW_OP_i64_load_rr_tee : KW_OP_i64_load_ri_tee;
	else if (mo->op == KW_OP_i32_load8_u)
		fused = rr ? KW_OP_i32_load8_u_rr_tee : KW_OP_i32_load8_u_ri_tee;
	else
		return false;
	st->cells[insn].h = st->labels[fused];
	st->cells[insn + 1].u = kw_c_slot(st, addr->pos);
	/* Traps come from the load: report its offset. */
	st->pcmap[st->npc - 1] = st->insn_off;
	st->last_op = fused;
	st->tee_insn = -1;
	kw_c_arg(st, offset);
	kw_c_arg(st, (u64)addr->idx * 8);
	kw_c_push(st, mo->type);
	kw_c_produced(st, insn + 1, addr->pos);
	return true;
}

/*
 * When the address was just computed by an i32.add (the last instruction,
 * result read by nobody else), extend that instruction into a load that
 * adds and loads in one dispatch.  The result lands in the same slot.
 */
static bool fuse_load(struct cstate *st, struct cval *addr, const struct memop *mo, u32 offset)
{
	s64 insn = st->last_insn;
	u32 fused;

	if (fuse_load_tee(st, addr, mo, offset) ||
	    kw_c_fuse_load_shl(st, addr, mo->op, mo->type, offset))
		return true;
	if (st->dead || addr->kind != V_STACK || st->last_dst != insn + 1 ||
	    st->last_dst_pos != addr->pos)
		return false;
	if (st->last_op == KW_OP_i32_add)
		fused = mo->op + (KW_OP_i32_load_rr - KW_OP_i32_load);
	else if (st->last_op == KW_OP_i32_add_imm)
		fused = mo->op + (KW_OP_i32_load_ri - KW_OP_i32_load);
	else
		return false;
	st->cells[insn].h = st->labels[fused];
	/* Traps come from the load: report its offset. */
	st->pcmap[st->npc - 1] = st->insn_off;
	st->last_op = fused;
	kw_c_arg(st, offset);
	kw_c_push(st, mo->type);
	kw_c_produced(st, insn + 1, addr->pos);
	return true;
}

/*
 * Same for stores, when nothing was emitted between the address add and
 * the store (the value is a local or a constant read in place).
 */
static bool fuse_store(struct cstate *st, struct cval *addr, struct cval *val, u32 op,
		       u32 offset)
{
	s64 insn = st->last_insn;
	bool imm = val->kind == V_CONST;
	u32 fused;

	if (st->dead || addr->kind != V_STACK || val->kind == V_STACK ||
	    st->last_dst != insn + 1 || st->last_dst_pos != addr->pos)
		return false;
	op -= KW_OP_store8;
	if (st->last_op == KW_OP_i32_add)
		fused = (imm ? KW_OP_store8_rr_imm : KW_OP_store8_rr) + op;
	else if (st->last_op == KW_OP_i32_add_imm)
		fused = (imm ? KW_OP_store8_ri_imm : KW_OP_store8_ri) + op;
	else
		return false;
	/* [h, dst, a, b] becomes [h, a, b, val, offset]. */
	st->cells[insn].h = st->labels[fused];
	st->cells[insn + 1] = st->cells[insn + 2];
	st->cells[insn + 2] = st->cells[insn + 3];
	st->cells[insn + 3].u = imm ? val->imm : (u64)val->idx * 8;
	st->pcmap[st->npc - 1] = st->insn_off;
	st->last_dst = -1;
	kw_c_arg(st, offset);
	return true;
}

static int op_mem(struct cstate *st, u8 opcode)
{
	const struct memop *mo = &memops[opcode - 0x28];
	struct cval addr, val;
	u32 align, offset;
	u64 sa, sv;
	s64 insn;
	int ret;

	if (kw_read_u32(&st->r, &align) || kw_read_u32(&st->r, &offset))
		return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
	ret = memory_idx(st, 0);
	if (ret)
		return ret;
	if (align > mo->align)
		return kw_c_fail(st, -KW_EINVALID, "alignment must not be larger than natural");
	if (opcode <= 0x35) {
		ret = kw_c_pop(st, KW_I32, &addr);
		if (ret)
			return ret;
		if (fuse_load(st, &addr, mo, offset))
			return 0;
		sa = kw_c_src(st, &addr);
		insn = kw_c_op(st, mo->op);
		kw_c_arg(st, kw_c_slot(st, addr.pos));
		kw_c_arg(st, sa);
		kw_c_arg(st, offset);
		kw_c_push(st, mo->type);
		kw_c_produced(st, insn < 0 ? -1 : insn + 1, addr.pos);
		return 0;
	}
	ret = kw_c_pop(st, mo->type, &val);
	if (!ret)
		ret = kw_c_pop(st, KW_I32, &addr);
	if (ret)
		return ret;
	if (fuse_store(st, &addr, &val, mo->op, offset) ||
	    kw_c_rmw_store(st, &addr, &val, mo->op, mo->type, offset))
		return 0;
	if (val.kind == V_CONST) {
		sa = kw_c_src(st, &addr);
		kw_c_op(st, mo->op + (KW_OP_store8_imm - KW_OP_store8));
		kw_c_arg(st, sa);
		kw_c_arg(st, val.imm);
		kw_c_arg(st, offset);
		return 0;
	}
	sv = kw_c_src(st, &val);
	sa = kw_c_src(st, &addr);
	if (kw_c_fuse_float_store(st, &val, sa, mo->op, offset))
		return 0;
	kw_c_op(st, mo->op);
	kw_c_arg(st, sa);
	kw_c_arg(st, sv);
	kw_c_arg(st, offset);
	return 0;
}

/*
 * Pops @n operands of @types (last on top) and emits @op with a result
 * slot first when @result is non-zero, then @nimm immediates, then the
 * operand slots in stack order.
 */
static int emit_generic(struct cstate *st, u32 op, u8 result, const u8 *types, u32 n,
			const u64 *imm, u32 nimm)
{
	struct cval v[3];
	u64 src[3];
	u32 i, base;
	s64 insn;
	int ret;

	for (i = n; i-- > 0;) {
		ret = kw_c_pop(st, types[i], &v[i]);
		if (ret)
			return ret;
	}
	base = st->nvals;
	for (i = 0; i < n; i++)
		src[i] = kw_c_src(st, &v[i]);
	insn = kw_c_op(st, op);
	if (result)
		kw_c_arg(st, kw_c_slot(st, base));
	for (i = 0; i < nimm; i++)
		kw_c_arg(st, imm[i]);
	for (i = 0; i < n; i++)
		kw_c_arg(st, src[i]);
	if (result) {
		kw_c_push(st, result);
		kw_c_produced(st, insn < 0 ? -1 : insn + 1, base);
	}
	return 0;
}

static const u8 i32x3[] = { KW_I32, KW_I32, KW_I32 };

/* An instruction of one immediate and no operands. */
static int emit_imm(struct cstate *st, u32 op, u8 result, u64 imm)
{
	return emit_generic(st, op, result, NULL, 0, &imm, 1);
}

static int table_idx(struct cstate *st, u32 *t)
{
	return read_idx(st, t, st->m->ntables, "unknown table");
}

static int data_idx(struct cstate *st, u32 *d)
{
	int ret = kw_c_read_u32(st, d);

	if (ret)
		return ret;
	if (!st->m->has_datacount)
		return kw_c_fail(st, -KW_EMALFORMED, "data count section required");
	if (*d >= st->m->ndatas)
		return kw_c_fail(st, -KW_EINVALID, "unknown data segment");
	return 0;
}

/*
 * table.init and table.copy, [h, table, x, d, s, n]: the elements of @x,
 * of @type, must fit table @t.
 */
static int emit_table2(struct cstate *st, u32 op, u32 t, u32 x, u8 type)
{
	u64 imm[2] = { t, x };

	if (st->m->tables[t].elemtype != type)
		return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	return emit_generic(st, op, 0, i32x3, 3, imm, 2);
}

static int op_table(struct cstate *st, u32 sub)
{
	u64 imm[1];
	u32 t, x;
	u8 types[3];
	int ret;

	switch (sub) {
	case 12: /* table.init elem table */
		ret = read_idx(st, &x, st->m->nelems, "unknown elem segment");
		if (!ret)
			ret = table_idx(st, &t);
		if (ret)
			return ret;
		return emit_table2(st, KW_OP_table_init, t, x, st->m->elems[x].elemtype);
	case 13:
		ret = read_idx(st, &x, st->m->nelems, "unknown elem segment");
		return ret ? ret : emit_imm(st, KW_OP_elem_drop, 0, x);
	case 14: /* table.copy dst src */
		ret = table_idx(st, &t);
		if (!ret)
			ret = table_idx(st, &x);
		if (ret)
			return ret;
		return emit_table2(st, KW_OP_table_copy, t, x, st->m->tables[x].elemtype);
	}
	ret = table_idx(st, &t);
	if (ret)
		return ret;
	imm[0] = t;
	types[0] = KW_I32;
	types[1] = st->m->tables[t].elemtype;
	types[2] = KW_I32;
	switch (sub) {
	case 15: /* table.grow: init, n */
		return emit_generic(st, KW_OP_table_grow, KW_I32, types + 1, 2, imm, 1);
	case 16:
		return emit_imm(st, KW_OP_table_size, KW_I32, t);
	default: /* 17, table.fill: i, val, n */
		return emit_generic(st, KW_OP_table_fill, 0, types, 3, imm, 1);
	}
}

static int op_prefix_fc(struct cstate *st)
{
	u64 imm[1];
	u32 sub, d;
	int ret = kw_c_read_u32(st, &sub);

	if (ret)
		return ret;
	if (sub <= 7)
		return kw_c_trunc_sat(st, sub);
	switch (sub) {
	case 8: /* memory.init data 0x00 */
		ret = data_idx(st, &d);
		if (!ret)
			ret = memory_idx(st, 1);
		if (ret)
			return ret;
		imm[0] = d;
		return emit_generic(st, KW_OP_memory_init, 0, i32x3, 3, imm, 1);
	case 9:
		ret = data_idx(st, &d);
		return ret ? ret : emit_imm(st, KW_OP_data_drop, 0, d);
	case 10: /* memory.copy 0x00 0x00 */
		ret = memory_idx(st, 2);
		return ret ? ret : emit_generic(st, KW_OP_memory_copy, 0, i32x3, 3, NULL, 0);
	case 11: /* memory.fill 0x00 */
		ret = memory_idx(st, 1);
		return ret ? ret : emit_generic(st, KW_OP_memory_fill, 0, i32x3, 3, NULL, 0);
	case 12 ... 17:
		return op_table(st, sub);
	}
	return kw_c_fail(st, -KW_EMALFORMED, "illegal opcode");
}

static int op_select(struct cstate *st, bool typed)
{
	struct cval a, b, c;
	u64 sa, sb, sc;
	u8 t = 0;
	s64 insn;
	int ret;

	if (typed) {
		u32 n;

		ret = kw_c_read_u32(st, &n);
		if (ret)
			return ret;
		if (n != 1)
			return kw_c_fail(st, -KW_EINVALID, "invalid result arity");
		ret = kw_c_read_valtype(st, &t);
		if (ret)
			return ret;
	}
	ret = kw_c_pop(st, KW_I32, &c);
	if (!ret)
		ret = kw_c_pop(st, t, &b);
	if (!ret)
		ret = kw_c_pop(st, t ? t : b.type, &a);
	if (ret)
		return ret;
	if (!typed) {
		t = a.type ? a.type : b.type;
		if (t == KW_FUNCREF || t == KW_EXTERNREF || (a.type && b.type && a.type != b.type))
			return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	}
	sa = kw_c_src(st, &a);
	sb = kw_c_src(st, &b);
	sc = kw_c_src(st, &c);
	insn = kw_c_op(st, KW_OP_select);
	kw_c_arg(st, kw_c_slot(st, a.pos));
	kw_c_arg(st, sa);
	kw_c_arg(st, sb);
	kw_c_arg(st, sc);
	kw_c_push(st, t);
	kw_c_produced(st, insn < 0 ? -1 : insn + 1, a.pos);
	return 0;
}

static bool declared_ref(struct kw_module *m, u32 f)
{
	return m->func_refs && (m->func_refs[f / 8] & (1u << (f % 8)));
}

static int op_ref(struct cstate *st, u8 opcode)
{
	struct cval e;
	u64 src;
	s64 insn;
	u32 f;
	u8 t;
	int ret;

	switch (opcode) {
	case 0xd0:
		if (kw_read_u8(&st->r, &t))
			return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
		if (t != KW_FUNCREF && t != KW_EXTERNREF)
			return kw_c_fail(st, -KW_EMALFORMED, "malformed reference type");
		kw_c_push_const(st, t, 0);
		return 0;
	case 0xd1:
		ret = kw_c_pop(st, 0, &e);
		if (ret)
			return ret;
		if (e.type && e.type != KW_FUNCREF && e.type != KW_EXTERNREF)
			return kw_c_fail(st, -KW_EINVALID, "type mismatch");
		src = kw_c_src(st, &e);
		insn = kw_c_op(st, KW_OP_ref_is_null);
		kw_c_arg(st, kw_c_slot(st, e.pos));
		kw_c_arg(st, src);
		kw_c_push(st, KW_I32);
		kw_c_produced(st, insn < 0 ? -1 : insn + 1, e.pos);
		return 0;
	default:
		ret = read_idx(st, &f, st->m->nfuncs, "unknown function");
		if (ret)
			return ret;
		if (!declared_ref(st->m, f))
			return kw_c_fail(st, -KW_EINVALID, "undeclared function reference");
		return emit_imm(st, KW_OP_ref_func, KW_FUNCREF, f);
	}
}

static int op_const(struct cstate *st, u8 opcode)
{
	s64 v;
	u64 bits;
	u32 b32;
	int ret;

	switch (opcode) {
	case 0x41:
		ret = kw_read_sleb(&st->r, 32, &v);
		bits = (u32)v;
		break;
	case 0x42:
		ret = kw_read_s64(&st->r, &v);
		bits = (u64)v;
		break;
	case 0x43:
		ret = kw_read_fixed32(&st->r, &b32);
		bits = b32;
		break;
	default:
		ret = kw_read_fixed64(&st->r, &bits);
		break;
	}
	if (ret)
		return kw_c_fail(st, -KW_EMALFORMED, st->r.msg ? st->r.msg : "unexpected end");
	kw_c_push_const(st, (u8)(KW_I32 - (opcode - 0x41)), bits);
	return 0;
}

static int op_memsize(struct cstate *st, u8 opcode)
{
	int ret = memory_idx(st, 1);

	if (ret)
		return ret;
	if (opcode == 0x3f)
		return emit_generic(st, KW_OP_memory_size, KW_I32, NULL, 0, NULL, 0);
	return emit_generic(st, KW_OP_memory_grow, KW_I32, i32x3, 1, NULL, 0);
}

static int step(struct cstate *st)
{
	struct cval e;
	u8 op;
	u64 imm[1];
	u32 x;
	int ret;

	st->insn_off = kw_reader_offset(&st->r);
	if (kw_read_u8(&st->r, &op))
		return kw_c_fail(st, -KW_EMALFORMED, "unexpected end");
	st->ninsn++;
	switch (op) {
	case 0x00:
		kw_c_op(st, KW_OP_unreachable);
		kw_c_set_unreachable(st);
		return 0;
	case 0x01:
		return 0;
	case 0x02 ... 0x05:
	case 0x0b ... 0x11:
		return kw_c_control(st, op);
	case 0x1a:
		return kw_c_pop(st, 0, &e);
	case 0x1b:
	case 0x1c:
		return op_select(st, op == 0x1c);
	case 0x20 ... 0x22:
		return op_local(st, op);
	case 0x23 ... 0x24:
		return op_global(st, op);
	case 0x25:
	case 0x26:
		ret = table_idx(st, &x);
		if (ret)
			return ret;
		imm[0] = x;
		if (op == 0x25)
			return emit_generic(st, KW_OP_table_get, st->m->tables[x].elemtype,
					    i32x3, 1, imm, 1);
		{
			u8 types[2] = { KW_I32, st->m->tables[x].elemtype };

			return emit_generic(st, KW_OP_table_set, 0, types, 2, imm, 1);
		}
	case 0x28 ... 0x3e:
		return op_mem(st, op);
	case 0x3f:
	case 0x40:
		return op_memsize(st, op);
	case 0x41 ... 0x44:
		return op_const(st, op);
	case 0x45 ... 0xc4:
		return kw_c_numeric(st, op);
	case 0xd0 ... 0xd2:
		return op_ref(st, op);
	case 0xfc:
		return op_prefix_fc(st);
	case 0xfd:
		return kw_c_fail(st, -KW_EUNSUPPORTED, "SIMD not supported");
	}
	return kw_c_fail(st, -KW_EMALFORMED, "illegal opcode");
}

/*
 * Frame slots to reserve for constants: a cheap upper bound from the
 * body's bytes (const opcodes, and only if there is a loop at all).
 */
static u32 const_slots_wanted(struct cstate *st)
{
	const u8 *p;
	u32 n = 0;
	bool loop = false;

	for (p = st->r.p; p < st->r.end; p++) {
		if (*p >= 0x41 && *p <= 0x44)
			n++;
		else if (*p == 0x03)
			loop = true;
	}
	if (!loop)
		return 0;
	return n < KW_MAX_CONST_SLOTS ? n : KW_MAX_CONST_SLOTS;
}

static int read_locals(struct cstate *st, const struct kw_functype *ft)
{
	struct kw_reader save;
	u64 total = ft->nparams;
	u32 groups, i, n;
	u8 t;
	int ret;

	ret = kw_c_read_u32(st, &groups);
	if (ret)
		return ret;
	save = st->r;
	for (i = 0; i < groups; i++) {
		ret = kw_c_read_u32(st, &n);
		if (!ret)
			ret = kw_c_read_valtype(st, &t);
		if (ret)
			return ret;
		total += n;
		if (total > KW_MAX_LOCALS)
			return kw_c_fail(st, -KW_EMALFORMED, "too many locals");
	}
	st->nlocals = (u32)total;
	st->maxconsts = const_slots_wanted(st);
	st->base = st->nlocals + st->maxconsts;
	if (st->maxconsts) {
		st->consts = kw_port_alloc(st->maxconsts * sizeof(u64), 0);
		if (!st->consts)
			return kw_c_fail(st, -KW_ENOMEM, "out of memory");
	}
	st->ltypes = kw_port_alloc(total + 1, 0);
	st->lrefs = kw_port_alloc((total + 1) * sizeof(u32), KW_ALLOC_ZERO);
	st->lwritten = kw_port_alloc(total + 1, KW_ALLOC_ZERO);
	st->nparams = ft->nparams;
	if (!st->ltypes || !st->lrefs || !st->lwritten)
		return kw_c_fail(st, -KW_ENOMEM, "out of memory");
	memcpy(st->ltypes, ft->types, ft->nparams);
	total = ft->nparams;
	st->r = save;
	for (i = 0; i < groups; i++) {
		kw_c_read_u32(st, &n);
		kw_c_read_valtype(st, &t);
		memset(st->ltypes + total, t, n);
		total += n;
	}
	return 0;
}

static void state_free(struct cstate *st)
{
	kw_port_free(st->ltypes);
	kw_port_free(st->lrefs);
	kw_port_free(st->lwritten);
	kw_port_free(st->vals);
	kw_port_free(st->ctrls);
	kw_port_free(st->cells);
	kw_port_free(st->pcmap);
	kw_port_free(st->consts);
}

/**
 * kw_compile_func() - validate and translate one defined function
 * @m: the module, decoded up to and including all sections
 * @func_idx: index in the function space (not an import)
 * @err: filled on failure
 *
 * Return: 0, -KW_EMALFORMED, -KW_EINVALID, -KW_EUNSUPPORTED, -KW_ELIMIT or
 * -KW_ENOMEM.
 */
int kw_compile_func(struct kw_module *m, u32 func_idx, struct kw_error *err)
{
	struct kw_func_decl *d = &m->funcs[func_idx];
	const struct kw_functype *ft = &m->types[d->type_idx];
	struct cstate st = { .m = m, .err = err, .last_dst = -1, .last_insn = -1,
			     .prev_insn = -1, .prev2_insn = -1, .tee_insn = -1 };
	struct ctrl fn = { .fixups = -1, .else_fix = -1 };
	struct kw_code *code;
	int ret;

	st.labels = kw_interp_labels();
	kw_reader_init(&st.r, m->bytes, m->bytes + d->body_off,
		       m->bytes + d->body_off + d->body_len);
	st.insn_off = d->body_off;
	ret = read_locals(&st, ft);
	if (ret)
		goto out;
	fn.nresults = ft->nresults;
	fn.results = ft->types + ft->nparams;
	ret = kw_c_push_ctrl(&st, &fn);
	while (!ret && st.nctrls) {
		ret = step(&st);
		if (!ret)
			ret = st.rc;
	}
	if (!ret && !kw_reader_eof(&st.r)) {
		st.insn_off = kw_reader_offset(&st.r);
		ret = kw_c_fail(&st, -KW_EMALFORMED, "section size mismatch");
	}
	if (ret)
		goto out;
	if ((u64)st.base + st.max_height > KW_MAX_FUNC_SLOTS * 2ull) {
		ret = kw_c_fail(&st, -KW_ELIMIT, "function frame too large");
		goto out;
	}
	code = d->code ? d->code : kw_port_alloc(sizeof(*code), KW_ALLOC_ZERO);
	if (!code) {
		ret = kw_c_fail(&st, -KW_ENOMEM, "out of memory");
		goto out;
	}
	code->cells = st.cells;
	code->ncells = st.ncells;
	code->pcmap = st.pcmap;
	code->npcmap = st.npc / 2;
	code->nparams = ft->nparams;
	code->nresults = ft->nresults;
	code->nlocals = st.nlocals;
	code->frame_slots = st.base + st.max_height + 1;
	code->nconsts = st.nconsts;
	code->consts = st.consts;
	st.consts = NULL;
	code->func_idx = func_idx;
	code->fuel = st.ninsn > st.loop_insns ? st.ninsn - st.loop_insns : 1;
	code->type = ft;
	d->code = code;
	st.cells = NULL;
	st.pcmap = NULL;
out:
	state_free(&st);
	return ret;
}

/**
 * kw_code_free() - free compiled code
 * @code: the code, or NULL
 */
void kw_code_free(struct kw_code *code)
{
	if (!code)
		return;
	kw_port_free(code->cells);
	kw_port_free(code->pcmap);
	kw_port_free(code->consts);
	kw_port_free(code);
}

/**
 * kw_code_offset() - map a cell index back to the module binary
 * @code: compiled code
 * @pos: cell index of an instruction
 *
 * Return: byte offset of the Wasm instruction it came from.
 */
u32 kw_code_offset(const struct kw_code *code, u32 pos)
{
	u32 lo = 0, hi = code->npcmap;

	if (!hi)
		return 0;
	while (hi - lo > 1) {
		u32 mid = (lo + hi) / 2;

		if (code->pcmap[2 * mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return code->pcmap[2 * lo + 1];
}
