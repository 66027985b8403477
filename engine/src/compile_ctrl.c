// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Control instructions: blocks, branches, calls and return.
 *
 * Values crossing a label live in the label's slots: a block's results
 * start at the slot of its entry height, so falling off the end needs no
 * copies and a branch copies only when the values sit higher on the stack.
 */
#include "compile.h"

/* One byte per value type, so a one-type block can point at its type. */
static const u8 valtypes[256] = {
	[KW_I32] = KW_I32, [KW_I64] = KW_I64, [KW_F32] = KW_F32, [KW_F64] = KW_F64,
	[KW_FUNCREF] = KW_FUNCREF, [KW_EXTERNREF] = KW_EXTERNREF,
};

static int read_blocktype(struct cstate *st, struct ctrl *c)
{
	s64 bt;

	if (kw_read_s33(&st->r, &bt))
		return kw_c_fail(st, -KW_EMALFORMED, st->r.msg);
	if (bt == -64)
		return 0;
	if (bt < 0) {
		u8 t = (u8)(bt & 0x7f);

		if (t == KW_V128)
			return kw_c_fail(st, -KW_EUNSUPPORTED, "SIMD not supported");
		if (bt < -128 || !kw_valtype_ok(t))
			return kw_c_fail(st, -KW_EMALFORMED, "malformed value type");
		c->nresults = 1;
		c->results = &valtypes[t];
		return 0;
	}
	if (bt >= st->m->ntypes)
		return kw_c_fail(st, -KW_EINVALID, "unknown type");
	c->nparams = st->m->types[bt].nparams;
	c->params = st->m->types[bt].types;
	c->nresults = st->m->types[bt].nresults;
	c->results = st->m->types[bt].types + c->nparams;
	return 0;
}

int kw_c_push_ctrl(struct cstate *st, struct ctrl *c)
{
	if (st->nctrls >= KW_MAX_CTRL_DEPTH)
		return kw_c_fail(st, -KW_ELIMIT, "blocks nested too deeply");
	if (st->nctrls == st->capctrls) {
		u32 ncap = st->capctrls ? st->capctrls * 2 : 16;
		struct ctrl *n = kw_port_alloc(ncap * sizeof(*n), 0);

		if (!n)
			return kw_c_fail(st, -KW_ENOMEM, "out of memory");
		if (st->ctrls)
			memcpy(n, st->ctrls, st->nctrls * sizeof(*n));
		kw_port_free(st->ctrls);
		st->ctrls = n;
		st->capctrls = ncap;
	}
	st->ctrls[st->nctrls++] = *c;
	return 0;
}

/* Opens a block after its params were checked; they stay in their slots. */
static int open_block(struct cstate *st, struct ctrl *c, u8 op)
{
	int ret = kw_c_pop_types(st, c->params, c->nparams);

	if (ret)
		return ret;
	c->op = op;
	c->height = st->nvals;
	c->dead_at_entry = st->dead;
	c->fixups = -1;
	c->else_fix = -1;
	kw_c_push_types(st, c->params, c->nparams);
	st->last_dst = -1;
	if (op == 0x03) {
		st->loops++;
		c->start = st->ncells;
		c->ninsn = st->ninsn;
		kw_c_op(st, KW_OP_loop);
		kw_c_arg(st, 1);
		st->label_at = st->ncells;
	}
	return kw_c_push_ctrl(st, c);
}

static int op_block(struct cstate *st, u8 op)
{
	struct ctrl c = { 0 };
	struct ctrl skip = { .op = 0x02, .fixups = -1 };
	struct cval cond;
	int ret = read_blocktype(st, &c);

	if (ret)
		return ret;
	if (op != 0x04) {
		kw_c_materialize_all(st);
		return open_block(st, &c, op);
	}
	ret = kw_c_pop(st, KW_I32, &cond);
	if (ret)
		return ret;
	kw_c_materialize_all(st);
	/* Jump to else/end when false, fused with the compare if possible. */
	kw_c_emit_cond_branch(st, &cond, true, &skip);
	ret = open_block(st, &c, op);
	if (ret)
		return ret;
	kw_c_top_ctrl(st)->else_fix = skip.fixups;
	return 0;
}

/* Checks that the frame ends with exactly its results, in their slots. */
static int close_frame(struct cstate *st, struct ctrl *c)
{
	int ret;

	kw_c_materialize_all(st);
	ret = kw_c_pop_types(st, c->results, c->nresults);
	if (ret)
		return ret;
	if (st->nvals != c->height)
		return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	return 0;
}

static int op_else(struct cstate *st)
{
	struct ctrl *c = kw_c_top_ctrl(st);
	int ret;

	if (c->op != 0x04)
		return kw_c_fail(st, -KW_EMALFORMED, "else without if");
	ret = close_frame(st, c);
	if (ret)
		return ret;
	if (!st->dead) {
		kw_c_op(st, KW_OP_br);
		kw_c_branch_target(st, c);
	}
	kw_c_patch_list(st, c->else_fix, st->ncells);
	c->else_fix = -1;
	c->op = 0x05;
	c->unreachable = false;
	st->dead = c->dead_at_entry;
	st->last_dst = -1;
	kw_c_push_types(st, c->params, c->nparams);
	return 0;
}

static bool same_types(const u8 *a, u32 na, const u8 *b, u32 nb)
{
	return na == nb && (!na || !memcmp(a, b, na));
}

static int op_end(struct cstate *st)
{
	struct ctrl *c = kw_c_top_ctrl(st);
	struct ctrl done;
	int ret;

	ret = close_frame(st, c);
	if (ret)
		return ret;
	if (c->op == 0x04 && !same_types(c->params, c->nparams, c->results, c->nresults))
		return kw_c_fail(st, -KW_EINVALID, "type mismatch");
	kw_c_drop_br_to_end(st, c);
	kw_c_patch_list(st, c->else_fix, st->ncells);
	kw_c_patch_list(st, c->fixups, st->ncells);
	if (c->op == 0x03)
		st->loops--;
	if (c->op == 0x03 && !c->dead_at_entry && !st->rc) {
		u32 cost = st->ninsn - c->ninsn;

		st->cells[c->start + 1].u = cost ? cost : 1;
		/* Its loop cell charges these at every entry and iteration. */
		if (!st->loops)
			st->loop_insns += cost;
	}
	if (c->op == 0) {
		/* Function end: results from their slots to the frame base. */
		kw_c_return_copies(st, 0, c->nresults);
		kw_c_op(st, KW_OP_ret);
		st->nctrls--;
		return 0;
	}
	done = *c;
	st->nctrls--;
	st->dead = done.dead_at_entry;
	st->last_dst = -1;
	kw_c_push_types(st, done.results, done.nresults);
	return 0;
}

static int read_label(struct cstate *st, struct ctrl **out, const u8 **types, u32 *n)
{
	u32 l;
	int ret = kw_c_read_u32(st, &l);

	if (ret)
		return ret;
	if (l >= st->nctrls)
		return kw_c_fail(st, -KW_EINVALID, "unknown label");
	*out = &st->ctrls[st->nctrls - 1 - l];
	*n = kw_c_label_arity(*out, types);
	return 0;
}

static int op_br(struct cstate *st)
{
	const u8 *types;
	struct ctrl *c;
	u32 n;
	int ret = read_label(st, &c, &types, &n);

	if (ret)
		return ret;
	kw_c_materialize_all(st);
	ret = kw_c_peek_types(st, types, n);
	if (ret)
		return ret;
	if (!kw_c_loop_back_edge(st, c, n))
		kw_c_emit_branch(st, c, n);
	kw_c_set_unreachable(st);
	return 0;
}

static int op_br_if(struct cstate *st)
{
	const u8 *types;
	struct ctrl *c;
	struct cval cond;
	u32 n;
	int ret = read_label(st, &c, &types, &n);

	if (!ret)
		ret = kw_c_pop(st, KW_I32, &cond);
	if (ret)
		return ret;
	kw_c_materialize_all(st);
	ret = kw_c_pop_types(st, types, n);
	if (ret)
		return ret;
	kw_c_push_types(st, types, n);
	if (!kw_c_needs_copies(st, c, n)) {
		kw_c_emit_cond_branch(st, &cond, false, c);
		kw_c_loop_top_test(st, c);
	} else {
		struct ctrl skip = { .op = 0x02, .fixups = -1 };

		kw_c_emit_cond_branch(st, &cond, true, &skip);
		kw_c_emit_branch(st, c, n);
		kw_c_patch_list(st, skip.fixups, st->ncells);
		st->last_dst = -1;
	}
	return 0;
}

static int op_br_table(struct cstate *st)
{
	struct kw_reader at;
	const u8 *types, *dtypes;
	struct ctrl *c;
	struct cval idx;
	u32 n, i, arity, darity;
	u64 src;
	u32 table;
	int ret = kw_c_read_u32(st, &n);

	if (ret)
		return ret;
	if (n > kw_reader_left(&st->r))
		return kw_c_fail(st, -KW_EMALFORMED, "unexpected end");
	ret = kw_c_pop(st, KW_I32, &idx);
	if (ret)
		return ret;
	kw_c_materialize_all(st);
	/* First pass: validate every label against the default's arity. */
	at = st->r;
	for (i = 0; i < n; i++) {
		ret = read_label(st, &c, &types, &arity);
		if (ret)
			return ret;
	}
	ret = read_label(st, &c, &dtypes, &darity);
	if (ret)
		return ret;
	st->r = at;
	for (i = 0; i <= n; i++) {
		ret = read_label(st, &c, &types, &arity);
		if (!ret && arity != darity)
			ret = kw_c_fail(st, -KW_EINVALID, "type mismatch");
		if (!ret)
			ret = kw_c_peek_types(st, types, arity);
		if (ret)
			return ret;
	}
	if (st->dead) {
		kw_c_set_unreachable(st);
		return 0;
	}
	st->r = at;
	src = kw_c_src(st, &idx);
	kw_c_op(st, KW_OP_br_table);
	kw_c_arg(st, src);
	kw_c_arg(st, n);
	table = st->ncells;
	for (i = 0; i <= n; i++)
		kw_c_arg(st, 0);
	for (i = 0; i <= n && !st->rc; i++) {
		u32 cell = table + i;

		read_label(st, &c, &types, &arity);
		if (!kw_c_needs_copies(st, c, darity)) {
			if (c->op == 0x03) {
				st->cells[cell].s = (s64)c->start - cell;
			} else {
				st->cells[cell].s = c->fixups;
				c->fixups = cell;
			}
		} else {
			/* A stub moves the values, then branches. */
			st->cells[cell].s = (s64)st->ncells - cell;
			st->label_at = st->ncells;
			kw_c_emit_branch(st, c, darity);
		}
	}
	kw_c_set_unreachable(st);
	return 0;
}

static int op_return(struct cstate *st)
{
	struct ctrl *fn = &st->ctrls[0];
	int ret;

	kw_c_materialize_all(st);
	ret = kw_c_peek_types(st, fn->results, fn->nresults);
	if (ret)
		return ret;
	kw_c_emit_branch(st, fn, fn->nresults);
	kw_c_set_unreachable(st);
	return 0;
}

static struct kw_code *code_of(struct cstate *st, u32 f)
{
	struct kw_func_decl *d = &st->m->funcs[f];

	if (!d->code)
		d->code = kw_port_alloc(sizeof(*d->code), KW_ALLOC_ZERO);
	if (!d->code)
		kw_c_fail(st, -KW_ENOMEM, "out of memory");
	return d->code;
}

static int op_call(struct cstate *st, bool indirect)
{
	const struct kw_functype *ft;
	struct cval elem;
	u32 f, table = 0;
	u64 base, esrc = 0;
	int ret = kw_c_read_u32(st, &f);

	if (ret)
		return ret;
	if (indirect) {
		ret = kw_c_read_u32(st, &table);
		if (ret)
			return ret;
		if (table >= st->m->ntables)
			return kw_c_fail(st, -KW_EINVALID, "unknown table");
		if (f >= st->m->ntypes)
			return kw_c_fail(st, -KW_EINVALID, "unknown type");
		if (st->m->tables[table].elemtype != KW_FUNCREF)
			return kw_c_fail(st, -KW_EINVALID, "type mismatch");
		ft = &st->m->types[f];
		ret = kw_c_pop(st, KW_I32, &elem);
		if (ret)
			return ret;
	} else {
		if (f >= st->m->nfuncs)
			return kw_c_fail(st, -KW_EINVALID, "unknown function");
		ft = &st->m->types[st->m->funcs[f].type_idx];
	}
	kw_c_materialize_top(st, ft->nparams);
	ret = kw_c_pop_types(st, ft->types, ft->nparams);
	if (ret)
		return ret;
	base = kw_c_slot(st, st->nvals);
	if (indirect) {
		esrc = kw_c_src(st, &elem);
		kw_c_op(st, KW_OP_call_indirect);
		kw_c_arg(st, table);
		kw_c_arg(st, f);
		kw_c_arg(st, esrc);
	} else if (f < st->m->nfunc_imports) {
		kw_c_op(st, KW_OP_call_import);
		kw_c_arg(st, f);
	} else {
		struct kw_code *code = code_of(st, f);

		if (!code)
			return st->rc;
		if (kw_c_rmw_call(st, code, base, ft->nparams))
			goto out;
		kw_c_op(st, KW_OP_call);
		kw_c_arg(st, (u64)(kw_uptr)code);
	}
	kw_c_arg(st, base);
out:
	kw_c_push_types(st, ft->types + ft->nparams, ft->nresults);
	return 0;
}

/**
 * kw_c_control() - validate and translate a control instruction
 * @st: compiler state
 * @opcode: 0x02..0x11
 *
 * Return: 0 or a negative KW_E* code.
 */
int kw_c_control(struct cstate *st, u8 opcode)
{
	switch (opcode) {
	case 0x02:
	case 0x03:
	case 0x04:
		return op_block(st, opcode);
	case 0x05:
		return op_else(st);
	case 0x0b:
		return op_end(st);
	case 0x0c:
		return op_br(st);
	case 0x0d:
		return op_br_if(st);
	case 0x0e:
		return op_br_table(st);
	case 0x0f:
		return op_return(st);
	case 0x10:
		return op_call(st, false);
	case 0x11:
		return op_call(st, true);
	}
	return kw_c_fail(st, -KW_EMALFORMED, "illegal opcode");
}
