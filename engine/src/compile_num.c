// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Translation of the numeric opcodes (0x45..0xc4, 0xfc 0..7): one table
 * row per opcode says its shape, types and internal instruction.
 */
#include "compile.h"

enum { N_NONE, N_UN, N_BIN, N_RETYPE };

#define F_COMM	0x1	/* commutative: a constant left operand may swap */
#define F_NEG	0x2	/* sub: use add_imm with the negated constant */

struct numop {
	u8 shape;
	u8 tin;
	u8 tout;
	u8 flags;
	u16 op;
	u16 imm_op;	/* 0: no immediate form */
};

#define UN(t1, t2, o)		{ N_UN, KW_##t1, KW_##t2, 0, KW_OP_##o, 0 }
#define BIN(t1, t2, o)		{ N_BIN, KW_##t1, KW_##t2, 0, KW_OP_##o, 0 }
#define BINI(t1, t2, o, f)	{ N_BIN, KW_##t1, KW_##t2, f, KW_OP_##o, KW_OP_##o##_imm }
#define SUBI(T, p)	{ N_BIN, KW_##T, KW_##T, F_NEG, KW_OP_##p##sub, KW_OP_##p##add_imm }
#define RET(t1, t2)		{ N_RETYPE, KW_##t1, KW_##t2, 0, 0, 0 }

#define INT_CMPS(T, p)							\
	BINI(T, I32, p##eq, F_COMM), BINI(T, I32, p##ne, F_COMM),	\
	BINI(T, I32, p##lt_s, 0), BINI(T, I32, p##lt_u, 0),		\
	BINI(T, I32, p##gt_s, 0), BINI(T, I32, p##gt_u, 0),		\
	BINI(T, I32, p##le_s, 0), BINI(T, I32, p##le_u, 0),		\
	BINI(T, I32, p##ge_s, 0), BINI(T, I32, p##ge_u, 0)
#define FLT_CMPS(T, p)							\
	BIN(T, I32, p##eq), BIN(T, I32, p##ne), BIN(T, I32, p##lt),	\
	BIN(T, I32, p##gt), BIN(T, I32, p##le), BIN(T, I32, p##ge)
#define INT_ARITH(T, p)							\
	UN(T, T, p##clz), UN(T, T, p##ctz), UN(T, T, p##popcnt),	\
	BINI(T, T, p##add, F_COMM), SUBI(T, p),				\
	BINI(T, T, p##mul, F_COMM), BIN(T, T, p##div_s), BIN(T, T, p##div_u),	\
	BIN(T, T, p##rem_s), BIN(T, T, p##rem_u), BINI(T, T, p##and, F_COMM),	\
	BINI(T, T, p##or, F_COMM), BINI(T, T, p##xor, F_COMM),		\
	BINI(T, T, p##shl, 0), BINI(T, T, p##shr_s, 0), BINI(T, T, p##shr_u, 0), \
	BINI(T, T, p##rotl, 0), BINI(T, T, p##rotr, 0)
#define FLT_ARITH(T, p)							\
	UN(T, T, p##abs), UN(T, T, p##neg), UN(T, T, p##ceil), UN(T, T, p##floor), \
	UN(T, T, p##trunc), UN(T, T, p##nearest), UN(T, T, p##sqrt),	\
	BIN(T, T, p##add), BIN(T, T, p##sub), BIN(T, T, p##mul), BIN(T, T, p##div), \
	BIN(T, T, p##min), BIN(T, T, p##max), BIN(T, T, p##copysign)

/* Indexed by opcode - 0x45. */
static const struct numop numops[] = {
	UN(I32, I32, i32_eqz), INT_CMPS(I32, i32_),
	UN(I64, I32, i64_eqz), INT_CMPS(I64, i64_),
	FLT_CMPS(F32, f32_), FLT_CMPS(F64, f64_),
	INT_ARITH(I32, i32_), INT_ARITH(I64, i64_),
	FLT_ARITH(F32, f32_), FLT_ARITH(F64, f64_),
	UN(I64, I32, i32_wrap_i64),
	UN(F32, I32, i32_trunc_f32_s), UN(F32, I32, i32_trunc_f32_u),
	UN(F64, I32, i32_trunc_f64_s), UN(F64, I32, i32_trunc_f64_u),
	UN(I32, I64, i64_extend_i32_s), UN(I32, I64, i64_extend_i32_u),
	UN(F32, I64, i64_trunc_f32_s), UN(F32, I64, i64_trunc_f32_u),
	UN(F64, I64, i64_trunc_f64_s), UN(F64, I64, i64_trunc_f64_u),
	UN(I32, F32, f32_convert_i32_s), UN(I32, F32, f32_convert_i32_u),
	UN(I64, F32, f32_convert_i64_s), UN(I64, F32, f32_convert_i64_u),
	UN(F64, F32, f32_demote_f64),
	UN(I32, F64, f64_convert_i32_s), UN(I32, F64, f64_convert_i32_u),
	UN(I64, F64, f64_convert_i64_s), UN(I64, F64, f64_convert_i64_u),
	UN(F32, F64, f64_promote_f32),
	RET(F32, I32), RET(F64, I64), RET(I32, F32), RET(I64, F64),
	UN(I32, I32, i32_extend8_s), UN(I32, I32, i32_extend16_s),
	UN(I64, I64, i64_extend8_s), UN(I64, I64, i64_extend16_s),
	UN(I64, I64, i64_extend32_s),
};

/* The table covers exactly the opcodes 0x45..0xc4. */
typedef char numops_complete[KW_ARRAY_SIZE(numops) == 0xc5 - 0x45 ? 1 : -1];

static const struct numop satops[] = {
	UN(F32, I32, i32_trunc_sat_f32_s), UN(F32, I32, i32_trunc_sat_f32_u),
	UN(F64, I32, i32_trunc_sat_f64_s), UN(F64, I32, i32_trunc_sat_f64_u),
	UN(F32, I64, i64_trunc_sat_f32_s), UN(F32, I64, i64_trunc_sat_f32_u),
	UN(F64, I64, i64_trunc_sat_f64_s), UN(F64, I64, i64_trunc_sat_f64_u),
};

static int unop(struct cstate *st, const struct numop *n)
{
	struct cval a;
	u64 src;
	s64 insn;
	int ret;

	ret = kw_c_pop(st, n->tin, &a);
	if (ret)
		return ret;
	src = kw_c_src(st, &a);
	insn = kw_c_op(st, n->op);
	kw_c_arg(st, kw_c_slot(st, a.pos));
	kw_c_arg(st, src);
	kw_c_push(st, n->tout);
	kw_c_produced(st, insn < 0 ? -1 : insn + 1, a.pos);
	return 0;
}

/**
 * kw_c_other_operand() - the operand the last instruction did not produce
 * @st: compiler state
 * @a: first operand
 * @b: second operand
 *
 * Return: @a when @b is the last instruction's stack result, @b when @a
 * is, NULL when neither (nothing to fuse with) or when the other is a
 * constant (it might need a cell of its own: kept simple).
 */
struct cval *kw_c_other_operand(struct cstate *st, struct cval *a, struct cval *b)
{
	struct cval *other = NULL;

	if (b->kind == V_STACK && st->last_dst_pos == b->pos)
		other = a;
	else if (a->kind == V_STACK && st->last_dst_pos == a->pos)
		other = b;
	return other && other->kind != V_CONST ? other : NULL;
}

/**
 * kw_c_append_operand() - turn the last instruction into @op, one operand more
 * @st: compiler state
 * @op: the fused instruction, [<the last one's cells>, other]
 * @a: the first operand, whose stack slot the result takes
 * @other: the operand appended, from kw_c_other_operand()
 * @type: the type of the result, pushed
 */
void kw_c_append_operand(struct cstate *st, u32 op, const struct cval *a, struct cval *other,
			 u8 type)
{
	s64 insn = st->last_insn;

	st->cells[insn].h = st->labels[op];
	st->cells[insn + 1].u = kw_c_slot(st, a->pos);
	st->last_op = op;
	kw_c_arg(st, kw_c_src(st, other));
	kw_c_push(st, type);
	kw_c_produced(st, insn + 1, a->pos);
}

static u32 mla_op(u32 add, u32 mul)
{
	if (add == KW_OP_i32_add && mul == KW_OP_i32_mul)
		return KW_OP_i32_mla;
	if (add == KW_OP_i64_add && mul == KW_OP_i64_mul)
		return KW_OP_i64_mla;
	if (add == KW_OP_f32_add && mul == KW_OP_f32_mul)
		return KW_OP_f32_mla;
	if (add == KW_OP_f64_add && mul == KW_OP_f64_mul)
		return KW_OP_f64_mla;
	return 0;
}

/*
 * An add of the product the last instruction just computed becomes one
 * multiply-add: [h, dst, x, y] gets the other addend appended.
 */
static bool fuse_mla(struct cstate *st, const struct numop *n, struct cval *a, struct cval *b)
{
	s64 insn = st->last_insn;
	struct cval *other;
	u32 op = mla_op(n->op, st->last_op);

	if (!op || st->dead || st->last_dst != insn + 1)
		return false;
	other = kw_c_other_operand(st, a, b);
	if (!other)
		return false;
	kw_c_append_operand(st, op, a, other, n->tout);
	kw_c_rmw_load_mla(st);
	return true;
}

static int binop(struct cstate *st, const struct numop *n)
{
	struct cval a, b;
	u64 sa, sb;
	s64 insn;
	u32 dpos;
	int ret;

	ret = kw_c_pop(st, n->tin, &b);
	if (!ret)
		ret = kw_c_pop(st, n->tin, &a);
	if (ret)
		return ret;
	dpos = a.pos;
	if (fuse_mla(st, n, &a, &b) || kw_c_fuse_float_bin(st, n->op, &a, &b) ||
	    kw_c_fuse_chain(st, n->op, &a, &b))
		return 0;
	if (n->imm_op && a.kind == V_CONST && b.kind != V_CONST && (n->flags & F_COMM)) {
		struct cval t = a;

		a = b;
		b = t;
	}
	if (n->imm_op && b.kind == V_CONST) {
		u64 imm = b.imm;

		if (n->flags & F_NEG)
			imm = -imm;
		if (kw_c_fuse_chain_imm(st, n->imm_op, &a, imm))
			return 0;
		sa = kw_c_src(st, &a);
		insn = kw_c_op(st, n->imm_op);
		kw_c_arg(st, kw_c_slot(st, dpos));
		kw_c_arg(st, sa);
		kw_c_arg(st, n->tin == KW_I32 ? (u32)imm : imm);
	} else {
		sa = kw_c_src(st, &a);
		sb = kw_c_src(st, &b);
		insn = kw_c_op(st, n->op);
		kw_c_arg(st, kw_c_slot(st, dpos));
		kw_c_arg(st, sa);
		kw_c_arg(st, sb);
	}
	kw_c_push(st, n->tout);
	kw_c_produced(st, insn < 0 ? -1 : insn + 1, dpos);
	return 0;
}

static int retype(struct cstate *st, const struct numop *n)
{
	struct cval a;
	int ret = kw_c_pop(st, n->tin, &a);

	if (ret)
		return ret;
	/* Same bits, new type: the entry (slot, local or constant) stays. */
	if (a.kind == V_LOCAL)
		kw_c_push_local(st, n->tout, a.idx);
	else if (a.kind == V_CONST)
		kw_c_push_const(st, n->tout, a.imm);
	else
		kw_c_push(st, n->tout);
	return 0;
}

static int dispatch(struct cstate *st, const struct numop *n)
{
	switch (n->shape) {
	case N_UN:
		return unop(st, n);
	case N_BIN:
		return binop(st, n);
	case N_RETYPE:
		return retype(st, n);
	}
	return kw_c_fail(st, -KW_EMALFORMED, "illegal opcode");
}

/**
 * kw_c_numeric() - validate and translate a numeric instruction
 * @st: compiler state
 * @opcode: 0x45..0xc4
 *
 * Return: 0 or a negative KW_E* code.
 */
int kw_c_numeric(struct cstate *st, u8 opcode)
{
	return dispatch(st, &numops[opcode - 0x45]);
}

/**
 * kw_c_trunc_sat() - validate and translate a saturating truncation
 * @st: compiler state
 * @sub: the 0xfc sub-opcode, 0..7
 *
 * Return: 0 or a negative KW_E* code.
 */
int kw_c_trunc_sat(struct cstate *st, u32 sub)
{
	return dispatch(st, &satops[sub]);
}
