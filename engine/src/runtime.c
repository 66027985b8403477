// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Runtime objects: linear memories, tables, globals and host functions,
 * standalone (for imports) or embedded in an instance.
 */
#include "internal.h"

/**
 * kw_valtype_ok() - whether the engine runs values of a type
 * @t: a value type's byte, or enum kw_valtype
 *
 * Return: true for i32, i64, f32, f64, funcref and externref (not v128).
 */
bool kw_valtype_ok(u32 t)
{
	return (t >= KW_F64 && t <= KW_I32) || t == KW_FUNCREF || t == KW_EXTERNREF;
}

/**
 * kw_value_to_slot() - a typed value as an 8-byte stack slot
 * @v: the value
 *
 * Return: i32/f32 zero-extended, i64/f64 as is, refs as pointers.
 */
u64 kw_value_to_slot(const struct kw_value *v)
{
	switch (v->type) {
	case KW_I32:
	case KW_F32:
		return v->i32;
	case KW_FUNCREF:
	case KW_EXTERNREF:
		return (u64)(kw_uptr)v->ref;
	}
	return v->i64;
}

/**
 * kw_slot_to_value() - a stack slot as a typed value
 * @type: enum kw_valtype
 * @slot: the slot
 * @out: filled with the value
 */
void kw_slot_to_value(u8 type, u64 slot, struct kw_value *out)
{
	out->type = type;
	out->i64 = 0;
	switch (type) {
	case KW_I32:
	case KW_F32:
		out->i32 = (u32)slot;
		break;
	case KW_FUNCREF:
	case KW_EXTERNREF:
		out->ref = (void *)(kw_uptr)slot;
		break;
	default:
		out->i64 = slot;
	}
}

/**
 * kw_memory_setup() - allocate the bytes of a memory
 * @mem: zeroed memory object
 * @min: initial pages
 * @max: declared maximum, if @has_max
 * @has_max: whether @max applies
 * @cap: configured cap in pages
 * @prealloc: allocate the effective cap now, so growing never allocates
 *
 * Return: 0, -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_memory_setup(struct kw_memory *mem, u32 min, u32 max, bool has_max, u32 cap,
		    bool prealloc)
{
	u64 size = (u64)min * KW_PAGE_SIZE, alloc;

	if (cap > KW_MAX_PAGES)
		cap = KW_MAX_PAGES;
	if (min > cap || (has_max && min > max))
		return -KW_ELIMIT;
	mem->has_max = has_max;
	mem->decl_max = has_max ? max : 0;
	mem->max_pages = has_max && max < cap ? max : cap;
	alloc = prealloc ? (u64)mem->max_pages * KW_PAGE_SIZE : size;
	if (alloc != (size_t)alloc)
		return -KW_ENOMEM;
	if (alloc) {
		mem->data = kw_port_alloc((size_t)alloc, KW_ALLOC_ZERO);
		if (!mem->data)
			return -KW_ENOMEM;
	}
	mem->reserved = alloc;
	mem->size = size;
	mem->pages = min;
	return 0;
}

/**
 * kw_memory_release() - free the bytes of a memory
 * @mem: the memory
 */
void kw_memory_release(struct kw_memory *mem)
{
	kw_port_free(mem->data);
	mem->data = (void *)0;
	mem->size = 0;
	mem->reserved = 0;
	mem->pages = 0;
}

/**
 * kw_memory_grow() - grow a memory, as memory.grow does
 * @mem: the memory
 * @delta: pages to add
 * @old_pages: out: the size before growing
 * @no_alloc: fail rather than allocate
 *
 * Bytes past the size were zeroed when allocated and never exposed (a
 * memory never shrinks), so growing into the reserve needs no clearing.
 *
 * Return: 0, -KW_ELIMIT beyond the memory's cap, or -KW_ENOMEM.
 */
int kw_memory_grow(struct kw_memory *mem, u32 delta, u32 *old_pages, bool no_alloc)
{
	u64 size;
	u8 *data;

	*old_pages = mem->pages;
	if (!delta)
		return 0;
	if (delta > mem->max_pages - mem->pages)
		return -KW_ELIMIT;
	size = (u64)(mem->pages + delta) * KW_PAGE_SIZE;
	if (size <= mem->reserved) {
		mem->size = size;
		mem->pages += delta;
		return 0;
	}
	if (no_alloc || size != (size_t)size)
		return -KW_ENOMEM;
	data = kw_port_alloc((size_t)size, KW_ALLOC_ZERO);
	if (!data)
		return -KW_ENOMEM;
	if (mem->size)
		memcpy(data, mem->data, (size_t)mem->size);
	kw_port_free(mem->data);
	mem->data = data;
	mem->size = size;
	mem->reserved = size;
	mem->pages += delta;
	return 0;
}

/**
 * kw_memory_new() - create a standalone linear memory (for imports)
 * @min_pages: initial size
 * @max_pages: maximum size
 * @has_max: whether @max_pages applies
 * @out: the memory, on success
 *
 * Return: 0, -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_memory_new(u32 min_pages, u32 max_pages, bool has_max, struct kw_memory **out)
{
	struct kw_memory *mem;
	int ret;

	*out = (void *)0;
	if (has_max && max_pages > KW_MAX_PAGES)
		return -KW_ELIMIT;
	mem = kw_port_alloc(sizeof(*mem), KW_ALLOC_ZERO);
	if (!mem)
		return -KW_ENOMEM;
	ret = kw_memory_setup(mem, min_pages, max_pages, has_max, KW_DEFAULT_MAX_PAGES, false);
	if (ret) {
		kw_port_free(mem);
		return ret;
	}
	*out = mem;
	return 0;
}

/**
 * kw_memory_free() - free a standalone memory
 * @mem: from kw_memory_new(), or NULL
 */
void kw_memory_free(struct kw_memory *mem)
{
	if (!mem)
		return;
	kw_memory_release(mem);
	kw_port_free(mem);
}

/**
 * kw_memory_data() - current bytes of a memory
 * @mem: the memory
 * @size: out: its size in bytes
 *
 * Return: the base pointer; invalid after the memory grows.
 */
u8 *kw_memory_data(struct kw_memory *mem, u64 *size)
{
	*size = mem->size;
	return mem->data;
}

/**
 * kw_host_mem() - bounds-checked pointer into the calling instance's memory
 * @hc: the host call context
 * @addr: guest address
 * @len: bytes wanted
 *
 * Return: a pointer, or NULL if out of bounds or there is no memory.
 */
void *kw_host_mem(struct kw_host_call *hc, u64 addr, u64 len)
{
	struct kw_memory *mem;

	if (!hc || !hc->inst || !hc->inst->mem)
		return (void *)0;
	mem = hc->inst->mem;
	if (addr > mem->size || len > mem->size - addr || !mem->data)
		return (void *)0;
	return mem->data + addr;
}

/**
 * kw_table_setup() - allocate the elements of a table (all null)
 * @tab: zeroed table object
 * @elemtype: KW_FUNCREF or KW_EXTERNREF
 * @min: initial size
 * @max: declared maximum, if @has_max
 * @has_max: whether @max applies
 * @cap: configured cap on the size
 *
 * Return: 0, -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_table_setup(struct kw_table *tab, u8 elemtype, u32 min, u32 max, bool has_max, u32 cap)
{
	if (cap > KW_MAX_TABLE_SIZE)
		cap = KW_MAX_TABLE_SIZE;
	if (min > cap || (has_max && min > max))
		return -KW_ELIMIT;
	tab->elemtype = elemtype;
	tab->has_max = has_max;
	tab->decl_max = has_max ? max : 0;
	tab->max = has_max && max < cap ? max : cap;
	if (min) {
		tab->elems = kw_port_alloc((size_t)min * sizeof(void *), KW_ALLOC_ZERO);
		if (!tab->elems)
			return -KW_ENOMEM;
	}
	tab->size = min;
	return 0;
}

/**
 * kw_table_release() - free the elements of a table
 * @tab: the table
 */
void kw_table_release(struct kw_table *tab)
{
	kw_port_free(tab->elems);
	tab->elems = (void *)0;
	tab->size = 0;
}

/**
 * kw_table_grow() - grow a table, as table.grow does
 * @tab: the table
 * @delta: elements to add
 * @init: value of the new elements
 * @old_size: out: the size before growing
 *
 * Return: 0, -KW_ELIMIT beyond the table's cap, or -KW_ENOMEM.
 */
int kw_table_grow(struct kw_table *tab, u32 delta, void *init, u32 *old_size)
{
	void **elems;
	u32 i;

	*old_size = tab->size;
	if (!delta)
		return 0;
	if (delta > tab->max - tab->size)
		return -KW_ELIMIT;
	elems = kw_port_alloc((size_t)(tab->size + delta) * sizeof(void *), 0);
	if (!elems)
		return -KW_ENOMEM;
	if (tab->size)
		memcpy(elems, tab->elems, (size_t)tab->size * sizeof(void *));
	for (i = tab->size; i < tab->size + delta; i++)
		elems[i] = init;
	kw_port_free(tab->elems);
	tab->elems = elems;
	tab->size += delta;
	return 0;
}

/**
 * kw_table_new() - create a standalone table (for imports)
 * @elemtype: KW_FUNCREF or KW_EXTERNREF
 * @min: initial size
 * @max: maximum size
 * @has_max: whether @max applies
 * @out: the table, on success
 *
 * Return: 0, -KW_EARG, -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_table_new(u32 elemtype, u32 min, u32 max, bool has_max, struct kw_table **out)
{
	struct kw_table *tab;
	int ret;

	*out = (void *)0;
	if (elemtype != KW_FUNCREF && elemtype != KW_EXTERNREF)
		return -KW_EARG;
	tab = kw_port_alloc(sizeof(*tab), KW_ALLOC_ZERO);
	if (!tab)
		return -KW_ENOMEM;
	ret = kw_table_setup(tab, elemtype, min, max, has_max, KW_DEFAULT_MAX_TABLE);
	if (ret) {
		kw_port_free(tab);
		return ret;
	}
	*out = tab;
	return 0;
}

/**
 * kw_table_free() - free a standalone table
 * @tab: from kw_table_new(), or NULL
 */
void kw_table_free(struct kw_table *tab)
{
	if (!tab)
		return;
	kw_table_release(tab);
	kw_port_free(tab);
}

/**
 * kw_global_new() - create a standalone global (for imports)
 * @val: type and initial value
 * @mutable: whether Wasm may set it
 * @out: the global, on success
 *
 * Return: 0, -KW_EARG or -KW_ENOMEM.
 */
int kw_global_new(const struct kw_value *val, bool mutable, struct kw_global **out)
{
	struct kw_global *g;

	*out = (void *)0;
	if (!kw_valtype_ok(val->type))
		return -KW_EARG;
	g = kw_port_alloc(sizeof(*g), KW_ALLOC_ZERO);
	if (!g)
		return -KW_ENOMEM;
	g->type = (u8)val->type;
	g->mut = mutable;
	g->val = kw_value_to_slot(val);
	*out = g;
	return 0;
}

/**
 * kw_global_free() - free a standalone global
 * @glob: from kw_global_new(), or NULL
 */
void kw_global_free(struct kw_global *glob)
{
	kw_port_free(glob);
}

/**
 * kw_global_get() - read a global
 * @glob: the global
 * @out: its type and value
 */
void kw_global_get(const struct kw_global *glob, struct kw_value *out)
{
	kw_slot_to_value(glob->type, glob->val, out);
}

/**
 * kw_func_new_host() - make a host function callable from Wasm
 * @type: its signature; copied
 * @fn: the callback
 * @data: handed to @fn in struct kw_host_call
 * @out: the function, on success
 *
 * Return: 0, -KW_EARG or -KW_ENOMEM.
 */
int kw_func_new_host(const struct kw_functype *type, kw_host_fn fn, void *data,
		     struct kw_func **out)
{
	struct kw_func *f;
	size_t n = (size_t)type->nparams + type->nresults;

	*out = (void *)0;
	if (!fn || n > 1000000)
		return -KW_EARG;
	/* The types are stored right after the object. */
	f = kw_port_alloc(sizeof(*f) + n, KW_ALLOC_ZERO);
	if (!f)
		return -KW_ENOMEM;
	if (n)
		memcpy(f + 1, type->types, n);
	f->own_type.nparams = type->nparams;
	f->own_type.nresults = type->nresults;
	f->own_type.types = (const u8 *)(f + 1);
	f->type = &f->own_type;
	f->host = fn;
	f->host_data = data;
	*out = f;
	return 0;
}

/**
 * kw_func_free() - free a host function
 * @fn: a function from kw_func_new_host(), or NULL
 */
void kw_func_free(struct kw_func *fn)
{
	if (fn && !fn->inst)
		kw_port_free(fn);
}

/**
 * kw_func_type() - signature of a function
 * @fn: the function
 * @out: filled with the signature; valid while @fn lives
 */
void kw_func_type(const struct kw_func *fn, struct kw_functype *out)
{
	*out = *fn->type;
}
