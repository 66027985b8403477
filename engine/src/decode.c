// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Module decoder: header, section framing, and every section but the
 * element and data segments (decode_seg.c).  Module-level validation is
 * done here too; function bodies are handed to kw_compile_func().
 */
#include "decode.h"

#define SEC_CUSTOM	0
#define SEC_DATACOUNT	12

/* Position of each known section in the required order (datacount before code). */
static const u8 sec_rank[13] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10 };

/**
 * kw_dec_fail() - record an error at the current position
 * @d: decoder
 * @ret: the code to return
 * @msg: static text, in the spec's wording
 *
 * Return: @ret.
 */
int kw_dec_fail(struct kw_dec *d, int ret, const char *msg)
{
	kw_error_set(d->err, kw_reader_offset(&d->r), msg);
	return ret;
}

/**
 * kw_dec_rerr() - report the error a reader left in d->r.msg
 * @d: decoder
 *
 * Inside a section an end of input is "unexpected end of section or
 * function", as the reference decoder says.
 *
 * Return: -KW_EMALFORMED.
 */
int kw_dec_rerr(struct kw_dec *d)
{
	const char *msg = d->r.msg ? d->r.msg : "unexpected end";

	if (d->in_section && kw_streq(msg, "unexpected end"))
		msg = "unexpected end of section or function";
	return kw_dec_fail(d, -KW_EMALFORMED, msg);
}

/**
 * kw_dec_invalid() - note a validation error and keep decoding
 * @d: decoder
 * @msg: static text; only the first one is kept
 */
void kw_dec_invalid(struct kw_dec *d, const char *msg)
{
	if (!d->inv_msg) {
		d->inv_msg = msg;
		d->inv_off = kw_reader_offset(&d->r);
	}
}

/**
 * kw_dec_alloc() - zeroed array allocation with an overflow check
 * @n: number of elements (0 allocates one)
 * @size: element size
 *
 * Return: the array or NULL.
 */
void *kw_dec_alloc(size_t n, size_t size)
{
	if (!n)
		n = 1;
	if (n > ((size_t)-1) / size)
		return (void *)0;
	return kw_port_alloc(n * size, KW_ALLOC_ZERO);
}

/**
 * kw_dec_u32() - read a u32 LEB128, reporting errors
 * @d: decoder
 * @out: the value
 *
 * Return: 0 or -KW_EMALFORMED.
 */
int kw_dec_u32(struct kw_dec *d, u32 *out)
{
	if (!kw_read_u32(&d->r, out))
		return 0;
	kw_dec_rerr(d);
	return -KW_EMALFORMED;
}

/**
 * kw_dec_u8() - read a byte, reporting errors
 * @d: decoder
 * @out: the byte
 *
 * Return: 0 or -KW_EMALFORMED.
 */
int kw_dec_u8(struct kw_dec *d, u8 *out)
{
	if (!kw_read_u8(&d->r, out))
		return 0;
	kw_dec_rerr(d);
	return -KW_EMALFORMED;
}

/**
 * kw_dec_count() - read a vector length
 * @d: decoder
 * @out: the length
 *
 * Every vector element takes at least one byte, so a length beyond the
 * remaining bytes cannot be satisfied: refusing it early also caps every
 * allocation by the size of the binary.
 *
 * Return: 0 or -KW_EMALFORMED.
 */
int kw_dec_count(struct kw_dec *d, u32 *out)
{
	if (kw_dec_u32(d, out))
		return -KW_EMALFORMED;
	if (*out > kw_reader_left(&d->r)) {
		d->r.p = d->r.end;
		return kw_dec_fail(d, -KW_EMALFORMED, "unexpected end of section or function");
	}
	return 0;
}

/* A byte length (section, body, name) must fit in the remaining bytes. */
static int dec_len(struct kw_dec *d, u32 *out)
{
	const u8 *at = d->r.p;

	if (kw_dec_u32(d, out))
		return -KW_EMALFORMED;
	if (*out > kw_reader_left(&d->r)) {
		d->r.p = at;
		return kw_dec_fail(d, -KW_EMALFORMED, "length out of bounds");
	}
	return 0;
}

/* Types are one-byte signed LEBs in the reference decoder. */
static int dec_s7(struct kw_dec *d, u8 *out)
{
	if (kw_dec_u8(d, out))
		return -KW_EMALFORMED;
	if (*out & 0x80) {
		d->r.p--;
		return kw_dec_fail(d, -KW_EMALFORMED, "integer representation too long");
	}
	return 0;
}

/**
 * kw_dec_reftype() - read a reference type
 * @d: decoder
 * @out: KW_FUNCREF or KW_EXTERNREF
 *
 * Return: 0 or -KW_EMALFORMED.
 */
int kw_dec_reftype(struct kw_dec *d, u8 *out)
{
	if (dec_s7(d, out))
		return -KW_EMALFORMED;
	if (*out != KW_FUNCREF && *out != KW_EXTERNREF) {
		d->r.p--;
		return kw_dec_fail(d, -KW_EMALFORMED, "malformed reference type");
	}
	return 0;
}

/**
 * kw_dec_valtype() - read a value type
 * @d: decoder
 * @out: enum kw_valtype
 *
 * Return: 0, -KW_EMALFORMED, or -KW_EUNSUPPORTED for v128.
 */
int kw_dec_valtype(struct kw_dec *d, u8 *out)
{
	if (dec_s7(d, out))
		return -KW_EMALFORMED;
	if (kw_valtype_ok(*out))
		return 0;
	d->r.p--;
	if (*out == KW_V128)
		return kw_dec_fail(d, -KW_EUNSUPPORTED, "SIMD not supported");
	return kw_dec_fail(d, -KW_EMALFORMED, "malformed reference type");
}

/**
 * kw_dec_mark_ref() - declare a function for ref.func in code
 * @m: module
 * @func_idx: function index (ignored if out of range)
 */
void kw_dec_mark_ref(struct kw_module *m, u32 func_idx)
{
	if (m->func_refs && func_idx < m->nfuncs)
		m->func_refs[func_idx >> 3] |= (u8)(1u << (func_idx & 7));
}

/* Checks UTF-8 per the Unicode standard: no overlongs, surrogates or > U+10FFFF. */
static bool utf8_valid(const u8 *s, u32 len)
{
	u32 i = 0;

	while (i < len) {
		u8 c = s[i];
		u32 n, cp, j;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (j = 1; j <= n; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000))
			return false;
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

static int dec_name(struct kw_dec *d, const char **name, u32 *len)
{
	const u8 *at = d->r.p;
	const u8 *b;

	if (dec_len(d, len))
		return -KW_EMALFORMED;
	if (kw_read_bytes(&d->r, *len, &b))
		return kw_dec_rerr(d);
	if (!utf8_valid(b, *len)) {
		d->r.p = at;
		return kw_dec_fail(d, -KW_EMALFORMED, "malformed UTF-8 encoding");
	}
	*name = (const char *)b;
	return 0;
}

static int dec_limits(struct kw_dec *d, struct kw_limits_decl *lim)
{
	u64 flag;

	/* The flag is a 1-bit unsigned LEB in the reference decoder. */
	if (kw_read_uleb(&d->r, 1, &flag))
		return kw_dec_rerr(d);
	lim->has_max = flag;
	if (kw_dec_u32(d, &lim->min))
		return -KW_EMALFORMED;
	lim->max = 0;
	if (lim->has_max && kw_dec_u32(d, &lim->max))
		return -KW_EMALFORMED;
	return 0;
}

static void check_limits(struct kw_dec *d, const struct kw_limits_decl *lim, u32 range,
			 const char *msg)
{
	if (lim->min > range || (lim->has_max && lim->max > range))
		kw_dec_invalid(d, msg);
	if (lim->has_max && lim->min > lim->max)
		kw_dec_invalid(d, "size minimum must not be greater than maximum");
}

static int dec_table_type(struct kw_dec *d, struct kw_table_decl *t)
{
	if (kw_dec_reftype(d, &t->elemtype) || dec_limits(d, &t->lim))
		return -KW_EMALFORMED;
	check_limits(d, &t->lim, 0xffffffffu, "");
	return 0;
}

static int dec_mem_type(struct kw_dec *d, struct kw_limits_decl *lim)
{
	if (dec_limits(d, lim))
		return -KW_EMALFORMED;
	check_limits(d, lim, KW_MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
	if (d->m->nmems >= 1)
		kw_dec_invalid(d, "multiple memories");
	return 0;
}

static int dec_global_type(struct kw_dec *d, struct kw_global_decl *g)
{
	int ret = kw_dec_valtype(d, &g->type);
	u8 mut;

	if (ret)
		return ret;
	if (kw_dec_u8(d, &mut))
		return -KW_EMALFORMED;
	if (mut > 1) {
		d->r.p--;
		return kw_dec_fail(d, -KW_EMALFORMED, "malformed mutability");
	}
	g->mut = mut;
	return 0;
}

/* Reallocate an index-space array to @n entries, keeping the first @keep. */
static int resize(void **arr, u32 keep, u32 n, size_t size)
{
	void *p = kw_dec_alloc(n, size);

	if (!p)
		return -KW_ENOMEM;
	if (*arr && keep)
		memcpy(p, *arr, (size_t)keep * size);
	kw_port_free(*arr);
	*arr = p;
	return 0;
}

static int dec_types(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i, j;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	m->types = kw_dec_alloc(n, sizeof(*m->types));
	if (!m->types)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct kw_functype *ft = &m->types[i];
		u32 np, nr;
		u8 form, *types;
		int ret;

		if (dec_s7(d, &form))
			return -KW_EMALFORMED;
		if (form != 0x60) {
			d->r.p--;
			return kw_dec_fail(d, -KW_EMALFORMED, "malformed function type");
		}
		if (kw_dec_count(d, &np))
			return -KW_EMALFORMED;
		/* Params are stored first, results are appended once known. */
		types = kw_dec_alloc(np + 1, 1);
		if (!types)
			return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
		ft->types = types;
		ft->nparams = np;
		m->ntypes = i + 1;
		for (j = 0; j < np; j++) {
			ret = kw_dec_valtype(d, &types[j]);
			if (ret)
				return ret;
		}
		if (kw_dec_count(d, &nr))
			return -KW_EMALFORMED;
		if (nr) {
			u8 *all = kw_dec_alloc((size_t)np + nr, 1);

			if (!all)
				return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
			memcpy(all, types, np);
			kw_port_free(types);
			ft->types = all;
			types = all;
		}
		ft->nresults = nr;
		for (j = 0; j < nr; j++) {
			ret = kw_dec_valtype(d, &types[np + j]);
			if (ret)
				return ret;
		}
	}
	m->ntypes = n;
	return 0;
}

static void check_type_idx(struct kw_dec *d, u32 *idx)
{
	if (*idx >= d->m->ntypes) {
		kw_dec_invalid(d, "unknown type");
		*idx = 0;
	}
}

static int dec_imports(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;
	int ret;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	m->imports = kw_dec_alloc(n, sizeof(*m->imports));
	/* Every import could be of any kind: size each space for all of them. */
	if (!m->imports || resize((void **)&m->funcs, 0, n, sizeof(*m->funcs)) ||
	    resize((void **)&m->tables, 0, n, sizeof(*m->tables)) ||
	    resize((void **)&m->mems, 0, n, sizeof(*m->mems)) ||
	    resize((void **)&m->globals, 0, n, sizeof(*m->globals)))
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct kw_import *im = &m->imports[i];
		u8 kind;

		if (dec_name(d, &im->module, &im->module_len) ||
		    dec_name(d, &im->name, &im->name_len) || kw_dec_u8(d, &kind))
			return -KW_EMALFORMED;
		im->kind = kind;
		switch (kind) {
		case KW_EXTERN_FUNC:
			im->index = m->nfuncs;
			if (kw_dec_u32(d, &m->funcs[m->nfuncs].type_idx))
				return -KW_EMALFORMED;
			check_type_idx(d, &m->funcs[m->nfuncs].type_idx);
			m->nfuncs++;
			m->nfunc_imports++;
			break;
		case KW_EXTERN_TABLE:
			im->index = m->ntables;
			if (dec_table_type(d, &m->tables[m->ntables]))
				return -KW_EMALFORMED;
			m->ntables++;
			m->ntable_imports++;
			break;
		case KW_EXTERN_MEMORY:
			im->index = m->nmems;
			if (dec_mem_type(d, &m->mems[m->nmems]))
				return -KW_EMALFORMED;
			m->nmems++;
			m->nmem_imports++;
			break;
		case KW_EXTERN_GLOBAL:
			im->index = m->nglobals;
			ret = dec_global_type(d, &m->globals[m->nglobals]);
			if (ret)
				return ret;
			m->nglobals++;
			m->nglobal_imports++;
			break;
		default:
			d->r.p--;
			return kw_dec_fail(d, -KW_EMALFORMED, "malformed import kind");
		}
		m->nimports = i + 1;
	}
	return 0;
}

static int dec_funcs(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (resize((void **)&m->funcs, m->nfuncs, m->nfuncs + n, sizeof(*m->funcs)))
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct kw_func_decl *f = &m->funcs[m->nfuncs];

		if (kw_dec_u32(d, &f->type_idx))
			return -KW_EMALFORMED;
		check_type_idx(d, &f->type_idx);
		m->nfuncs++;
	}
	return 0;
}

static int dec_tables(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (resize((void **)&m->tables, m->ntables, m->ntables + n, sizeof(*m->tables)))
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (dec_table_type(d, &m->tables[m->ntables]))
			return -KW_EMALFORMED;
		m->ntables++;
	}
	return 0;
}

static int dec_mems(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (resize((void **)&m->mems, m->nmems, m->nmems + n, sizeof(*m->mems)))
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if (dec_mem_type(d, &m->mems[m->nmems]))
			return -KW_EMALFORMED;
		m->nmems++;
	}
	return 0;
}

static int dec_globals(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;
	int ret;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (resize((void **)&m->globals, m->nglobals, m->nglobals + n, sizeof(*m->globals)))
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct kw_global_decl *g = &m->globals[m->nglobals];

		ret = dec_global_type(d, g);
		if (!ret)
			ret = kw_dec_constexpr(d, g->type, &g->init);
		if (ret)
			return ret;
		m->nglobals++;
	}
	return 0;
}

static int dec_exports(struct kw_dec *d)
{
	static const char *const unknown[] = {
		"unknown function", "unknown table", "unknown memory", "unknown global",
	};
	struct kw_module *m = d->m;
	u32 n, i;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	m->exports = kw_dec_alloc(n, sizeof(*m->exports));
	if (!m->exports)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct kw_export *ex = &m->exports[i];
		u32 limit[4] = { m->nfuncs, m->ntables, m->nmems, m->nglobals };
		u8 kind;

		if (dec_name(d, &ex->name, &ex->name_len) || kw_dec_u8(d, &kind))
			return -KW_EMALFORMED;
		if (kind > KW_EXTERN_GLOBAL) {
			d->r.p--;
			return kw_dec_fail(d, -KW_EMALFORMED, "malformed export kind");
		}
		ex->kind = kind;
		if (kw_dec_u32(d, &ex->index))
			return -KW_EMALFORMED;
		if (ex->index >= limit[kind])
			kw_dec_invalid(d, unknown[kind]);
		else if (kind == KW_EXTERN_FUNC)
			kw_dec_mark_ref(m, ex->index);
		m->nexports = i + 1;
	}
	return 0;
}

/*
 * Export names must be unique: an open-addressing hash set over the names,
 * kept in the module so that looking an export up by name (every import a
 * linker resolves) costs O(1), not a scan of all exports.
 */
static int check_export_names(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 size = 16, i;
	u32 *slots;

	if (!m->nexports)
		return 0;
	while (size < 2 * m->nexports)
		size <<= 1;
	slots = kw_dec_alloc(size, sizeof(*slots));
	if (!slots)
		return kw_dec_fail(d, -KW_ENOMEM, "out of memory");
	m->export_hash = slots;
	m->export_hash_size = size;
	for (i = 0; i < m->nexports; i++) {
		const struct kw_export *ex = &m->exports[i];
		u32 h = kw_name_hash(ex->name, ex->name_len) & (size - 1);

		while (slots[h]) {
			const struct kw_export *o = &m->exports[slots[h] - 1];

			if (o->name_len == ex->name_len &&
			    !memcmp(o->name, ex->name, ex->name_len)) {
				kw_dec_invalid(d, "duplicate export name");
				return 0;
			}
			h = (h + 1) & (size - 1);
		}
		slots[h] = i + 1;
	}
	return 0;
}

static int dec_start(struct kw_dec *d)
{
	struct kw_module *m = d->m;

	if (kw_dec_u32(d, &m->start))
		return -KW_EMALFORMED;
	m->has_start = true;
	if (m->start >= m->nfuncs) {
		kw_dec_invalid(d, "unknown function");
	} else if (m->funcs[m->start].type_idx < m->ntypes) {
		const struct kw_functype *ft = &m->types[m->funcs[m->start].type_idx];

		if (ft->nparams || ft->nresults)
			kw_dec_invalid(d, "start function");
	}
	return 0;
}

static int dec_code(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	u32 n, i;

	if (kw_dec_count(d, &n))
		return -KW_EMALFORMED;
	if (n != m->nfuncs - m->nfunc_imports)
		return kw_dec_fail(d, -KW_EMALFORMED,
				   "function and code section have inconsistent lengths");
	for (i = 0; i < n; i++) {
		struct kw_func_decl *f = &m->funcs[m->nfunc_imports + i];
		u32 size;

		if (dec_len(d, &size))
			return -KW_EMALFORMED;
		f->body_off = kw_reader_offset(&d->r);
		f->body_len = size;
		d->r.p += size;
		/*
		 * The reference decoder reads a body up to its `end` whatever its
		 * size says; mimic its diagnosis of a missing final `end`.
		 */
		if (!size || d->r.p[-1] != 0x0b) {
			if (kw_reader_eof(&d->r))
				return kw_dec_fail(d, -KW_EMALFORMED,
						   "unexpected end of section or function");
			if (i == n - 1)
				return kw_dec_fail(d, -KW_EMALFORMED, "section size mismatch");
			return kw_dec_fail(d, -KW_EMALFORMED, "END opcode expected");
		}
	}
	return 0;
}

static int dec_custom(struct kw_dec *d, const u8 *sec_end)
{
	const u8 *file_end = d->r.end;
	const char *name;
	u32 len;
	int ret;

	/* The name must fit in the section. */
	d->r.end = sec_end;
	d->in_section = false;
	ret = dec_name(d, &name, &len);
	d->r.end = file_end;
	if (ret)
		return ret;
	d->r.p = sec_end;
	return 0;
}

static int dec_section(struct kw_dec *d, u8 id, const u8 *sec_end)
{
	struct kw_module *m = d->m;

	switch (id) {
	case SEC_CUSTOM:
		return dec_custom(d, sec_end);
	case 1:
		return dec_types(d);
	case 2:
		return dec_imports(d);
	case 3:
		return dec_funcs(d);
	case 4:
		return dec_tables(d);
	case 5:
		return dec_mems(d);
	case 6:
		return dec_globals(d);
	case 7:
		return dec_exports(d);
	case 8:
		return dec_start(d);
	case 9:
		return kw_dec_elem_section(d);
	case 10:
		return dec_code(d);
	case 11:
		return kw_dec_data_section(d);
	case SEC_DATACOUNT:
		m->has_datacount = true;
		return kw_dec_u32(d, &d->datacount);
	}
	return kw_dec_fail(d, -KW_EMALFORMED, "malformed section id");
}

/* Once the function space is complete, size the ref.func bitmap for it. */
static int finish_funcs(struct kw_dec *d)
{
	struct kw_module *m = d->m;

	if (m->func_refs)
		return 0;
	m->func_refs = kw_dec_alloc(m->nfuncs / 8 + 1, 1);
	return m->func_refs ? 0 : kw_dec_fail(d, -KW_ENOMEM, "out of memory");
}

static int dec_header(struct kw_dec *d)
{
	static const u8 magic[4] = { 0x00, 0x61, 0x73, 0x6d };
	const u8 *b;

	if (kw_read_bytes(&d->r, 4, &b))
		return kw_dec_fail(d, -KW_EMALFORMED, "unexpected end");
	if (memcmp(b, magic, 4)) {
		d->r.p = b;
		return kw_dec_fail(d, -KW_EMALFORMED, "magic header not detected");
	}
	if (kw_read_bytes(&d->r, 4, &b))
		return kw_dec_fail(d, -KW_EMALFORMED, "unexpected end");
	if (b[0] != 1 || b[1] || b[2] || b[3]) {
		d->r.p = b;
		return kw_dec_fail(d, -KW_EMALFORMED, "unknown binary version");
	}
	return 0;
}

static int dec_sections(struct kw_dec *d)
{
	struct kw_module *m = d->m;
	bool has_code = false, has_data = false;
	u8 last = 0;
	int ret;

	while (!kw_reader_eof(&d->r)) {
		const u8 *at = d->r.p;
		const u8 *sec_end;
		u32 size;
		u8 id = 0;

		d->in_section = false;
		kw_read_u8(&d->r, &id);
		if (id > SEC_DATACOUNT) {
			d->r.p = at;
			return kw_dec_fail(d, -KW_EMALFORMED, "malformed section id");
		}
		if (dec_len(d, &size))
			return -KW_EMALFORMED;
		sec_end = d->r.p + size;
		if (id != SEC_CUSTOM) {
			if (sec_rank[id] <= last) {
				d->r.p = at;
				return kw_dec_fail(d, -KW_EMALFORMED,
						   "unexpected content after last section");
			}
			last = sec_rank[id];
			if (last > sec_rank[3]) {
				ret = finish_funcs(d);
				if (ret)
					return ret;
			}
		}
		if (id == 10)
			has_code = true;
		if (id == 11)
			has_data = true;
		d->in_section = true;
		ret = dec_section(d, id, sec_end);
		if (ret)
			return ret;
		if (d->r.p != sec_end)
			return kw_dec_fail(d, -KW_EMALFORMED, "section size mismatch");
	}
	d->in_section = false;
	if (!has_code && m->nfuncs != m->nfunc_imports)
		return kw_dec_fail(d, -KW_EMALFORMED,
				   "function and code section have inconsistent lengths");
	if (!has_data && m->has_datacount && d->datacount)
		return kw_dec_fail(d, -KW_EMALFORMED,
				   "data count and data section have inconsistent lengths");
	return finish_funcs(d);
}

/**
 * kw_decode_module() - decode, validate and compile m->bytes
 * @m: a zeroed module whose @bytes and @len are set
 * @err: filled on failure (may be NULL)
 *
 * On failure @m holds whatever was decoded; kw_module_free() releases it.
 *
 * Return: 0, -KW_EMALFORMED, -KW_EINVALID, -KW_EUNSUPPORTED or -KW_ENOMEM.
 */
int kw_decode_module(struct kw_module *m, struct kw_error *err)
{
	struct kw_dec d = { .m = m, .err = err };
	u32 i;
	int ret;

	kw_reader_init(&d.r, m->bytes, m->bytes, m->bytes + m->len);
	ret = dec_header(&d);
	if (!ret)
		ret = dec_sections(&d);
	if (!ret)
		ret = check_export_names(&d);
	if (ret)
		return ret;
	if (d.inv_msg) {
		kw_error_set(err, d.inv_off, d.inv_msg);
		return -KW_EINVALID;
	}
	for (i = m->nfunc_imports; i < m->nfuncs; i++) {
		ret = kw_compile_func(m, i, err);
		if (ret)
			return ret;
	}
	return 0;
}
