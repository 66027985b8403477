// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Constant expressions, element segments and data segments.
 */
#include "decode.h"

/* Opcodes that exist in Wasm 2.0 (0xfd, SIMD, is handled apart). */
static bool opcode_legal(u8 op)
{
	return op <= 0x05 || (op >= 0x0b && op <= 0x11) || (op >= 0x1a && op <= 0x1c) ||
	       (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xc4) ||
	       (op >= 0xd0 && op <= 0xd2) || op == 0xfc;
}

/**
 * kw_dec_constexpr() - decode and check a constant expression
 * @d: decoder
 * @type: the value type the expression must produce
 * @ce: filled with its (first) instruction
 *
 * Wasm 2.0 constant expressions are t.const, ref.null, ref.func and
 * global.get of an immutable imported global.  Sequences are decoded to
 * their `end` so that a stray extra value is a "type mismatch", as in the
 * reference interpreter.
 *
 * Return: 0 (validation problems are recorded in @d), or a negative code.
 */
int kw_dec_constexpr(struct kw_dec *d, u8 type, struct kw_constexpr *ce)
{
	struct kw_module *m = d->m;
	struct kw_reader *r = &d->r;
	u32 nvals = 0;

	for (;;) {
		const u8 *at = r->p;
		struct kw_constexpr c = { 0 };
		u8 op;
		s64 v64;
		s32 v32;
		u32 v;
		u64 bits;

		if (kw_dec_u8(d, &op))
			return -KW_EMALFORMED;
		c.op = op;
		switch (op) {
		case 0x0b:
			if (nvals != 1 || ce->type != type)
				kw_dec_invalid(d, "type mismatch");
			return 0;
		case 0x41:
			if (kw_read_s32(r, &v32))
				return kw_dec_rerr(d);
			c.type = KW_I32;
			c.bits = (u32)v32;
			break;
		case 0x42:
			if (kw_read_s64(r, &v64))
				return kw_dec_rerr(d);
			c.type = KW_I64;
			c.bits = (u64)v64;
			break;
		case 0x43:
			if (kw_read_fixed32(r, &v))
				return kw_dec_rerr(d);
			c.type = KW_F32;
			c.bits = v;
			break;
		case 0x44:
			if (kw_read_fixed64(r, &bits))
				return kw_dec_rerr(d);
			c.type = KW_F64;
			c.bits = bits;
			break;
		case 0xd0:
			if (kw_dec_reftype(d, &c.type))
				return -KW_EMALFORMED;
			c.idx = c.type;
			break;
		case 0xd2:
			if (kw_dec_u32(d, &c.idx))
				return -KW_EMALFORMED;
			c.type = KW_FUNCREF;
			if (c.idx >= m->nfuncs)
				kw_dec_invalid(d, "unknown function");
			else
				kw_dec_mark_ref(m, c.idx);
			break;
		case 0x23:
			if (kw_dec_u32(d, &c.idx))
				return -KW_EMALFORMED;
			/* Only imported globals are visible to constant expressions. */
			if (c.idx >= m->nglobal_imports) {
				kw_dec_invalid(d, "unknown global");
				c.type = type;
				break;
			}
			c.type = m->globals[c.idx].type;
			if (m->globals[c.idx].mut)
				kw_dec_invalid(d, "constant expression required");
			break;
		case 0xfd:
			r->p = at;
			return kw_dec_fail(d, -KW_EUNSUPPORTED, "SIMD not supported");
		default:
			r->p = at;
			if (!opcode_legal(op))
				return kw_dec_fail(d, -KW_EMALFORMED, "illegal opcode");
			/* Its immediates are unknown here: decoding cannot go on. */
			if (!d->inv_msg)
				kw_dec_invalid(d, "constant expression required");
			kw_error_set(d->err, d->inv_off, d->inv_msg);
			return -KW_EINVALID;
		}
		if (!nvals)
			*ce = c;
		if (nvals < 2)
			nvals++;
	}
}

static int dec_elem(struct kw_dec *d, struct kw_elem *e)
{
	struct kw_module *m = d->m;
	u32 flags, i;
	int ret;

	if (kw_dec_u32(d, &flags))
		return -KW_EMALFORMED;
	if (flags > 7)
		return kw_dec_fail(d, -KW_EMALFORMED, "malformed elements segment kind");
	e->elemtype = KW_FUNCREF;
	if (flags & 1) {
		e->mode = (flags & 2) ? KW_SEG_DECLARATIVE : KW_SEG_PASSIVE;
	} else {
		e->mode = KW_SEG_ACTIVE;
		if ((flags & 2) && kw_dec_u32(d, &e->table))
			return -KW_EMALFORMED;
		ret = kw_dec_constexpr(d, KW_I32, &e->offset);
		if (ret)
			return ret;
	}
	if (flags & 3) {
		if (flags & 4) {
			ret = kw_dec_reftype(d, &e->elemtype);
		} else {
			u8 kind;

			ret = kw_dec_u8(d, &kind);
			if (!ret && kind != 0x00) {
				d->r.p--;
				ret = kw_dec_fail(d, -KW_EMALFORMED, "malformed element kind");
			}
		}
		if (ret)
			return ret;
	}
	if (kw_dec_count(d, &e->count))
		return -KW_EMALFORMED;
	e->init = kw_dec_alloc(e->count, sizeof(*e->init));
	if (!e->init)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < e->count; i++) {
		struct kw_constexpr *c = &e->init[i];

		if (flags & 4) {
			ret = kw_dec_constexpr(d, e->elemtype, c);
			if (ret)
				return ret;
			continue;
		}
		c->op = 0xd2;
		c->type = KW_FUNCREF;
		if (kw_dec_u32(d, &c->idx))
			return -KW_EMALFORMED;
		if (c->idx >= m->nfuncs)
			kw_dec_invalid(d, "unknown function");
		else
			kw_dec_mark_ref(m, c->idx);
	}
	if (e->mode == KW_SEG_ACTIVE) {
		if (e->table >= m->ntables)
			kw_dec_invalid(d, "unknown table");
		else if (m->tables[e->table].elemtype != e->elemtype)
			kw_dec_invalid(d, "type mismatch");
	}
	return 0;
}

/**
 * kw_dec_elem_section() - decode the element section
 * @d: decoder, positioned after the section size
 *
 * Return: 0 or a negative code.
 */
int kw_dec_elem_section(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;
	int ret;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	m->elems = kw_dec_alloc(n, sizeof(*m->elems));
	if (!m->elems)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	m->nelems = n;
	for (i = 0; i < n; i++) {
		ret = dec_elem(d, &m->elems[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static int dec_data(struct kw_dec *d, struct kw_data *s)
{
	struct kw_module *m = d->m;
	u32 flags;
	int ret;

	if (kw_dec_u32(d, &flags))
		return -KW_EMALFORMED;
	if (flags > 2)
		return kw_dec_fail(d, -KW_EMALFORMED, "malformed data segment kind");
	if (flags == 1) {
		s->mode = KW_SEG_PASSIVE;
	} else {
		s->mode = KW_SEG_ACTIVE;
		if (flags == 2 && kw_dec_u32(d, &s->mem))
			return -KW_EMALFORMED;
		ret = kw_dec_constexpr(d, KW_I32, &s->offset);
		if (ret)
			return ret;
		if (s->mem >= m->nmems)
			kw_dec_invalid(d, "unknown memory");
	}
	/* Too long a segment is an "unexpected end", as in the reference decoder. */
	if (kw_dec_u32(d, &s->len))
		return -KW_EMALFORMED;
	if (kw_read_bytes(&d->r, s->len, &s->bytes))
		return kw_dec_rerr(d);
	return 0;
}

/**
 * kw_dec_data_section() - decode the data section
 * @d: decoder, positioned after the section size
 *
 * Return: 0 or a negative code.
 */
int kw_dec_data_section(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;
	int ret;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (m->has_datacount && n != d->datacount)
		return kw_dec_fail(d, -KW_EMALFORMED,
				   "data count and data section have inconsistent lengths");
	m->datas = kw_dec_alloc(n, sizeof(*m->datas));
	if (!m->datas)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	m->ndatas = n;
	for (i = 0; i < n; i++) {
		ret = dec_data(d, &m->datas[i]);
		if (ret)
			return ret;
	}
	return 0;
}
