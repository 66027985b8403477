// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Module objects: load, free, and the import/export listing API.
 */
#include "internal.h"

/**
 * kw_functype_eq() - whether two signatures are the same
 * @a: one signature
 * @b: the other
 *
 * Return: true if equal.
 */
bool kw_functype_eq(const struct kw_functype *a, const struct kw_functype *b)
{
	u32 n = a->nparams + a->nresults;

	if (a == b)
		return true;
	if (a->nparams != b->nparams || a->nresults != b->nresults)
		return false;
	return !n || !memcmp(a->types, b->types, n);
}

/**
 * kw_module_load() - decode, validate and compile a binary module
 * @bytes: the module binary; copied, may be freed after the call
 * @len: its length
 * @out: the module, on success
 * @err: on failure, the offset and reason (may be NULL)
 *
 * Return: 0, -KW_EMALFORMED, -KW_EINVALID, -KW_EUNSUPPORTED or -KW_ENOMEM.
 */
int kw_module_load(const u8 *bytes, size_t len, struct kw_module **out,
		   struct kw_error *err)
{
	struct kw_module *m;
	int ret;

	if (err) {
		err->offset = 0;
		err->msg = (void *)0;
		err->detail[0] = 0;
	}
	*out = (void *)0;
	/* Offsets are u32 everywhere. */
	if (len >= 0xffffffffu) {
		kw_error_set(err, 0, "module too large");
		return -KW_ELIMIT;
	}
	m = kw_port_alloc(sizeof(*m), KW_ALLOC_ZERO);
	if (!m)
		goto nomem;
	m->bytes = kw_port_alloc(len ? len : 1, 0);
	if (!m->bytes) {
		kw_port_free(m);
		goto nomem;
	}
	if (len)
		memcpy(m->bytes, bytes, len);
	m->len = len;
	ret = kw_decode_module(m, err);
	if (ret) {
		if (ret == -KW_ENOMEM)
			kw_error_set(err, 0, "out of memory");
		kw_module_free(m);
		return ret;
	}
	*out = m;
	return 0;
nomem:
	kw_error_set(err, 0, "out of memory");
	return -KW_ENOMEM;
}

/**
 * kw_module_free() - free a module with no live instances
 * @mod: the module, or NULL
 */
void kw_module_free(struct kw_module *mod)
{
	u32 i;

	if (!mod)
		return;
	while (mod->zombies) {
		struct kw_instance *z = mod->zombies;

		mod->zombies = z->next_zombie;
		kw_instance_free(z);
	}
	for (i = 0; i < mod->ntypes; i++)
		kw_port_free((void *)mod->types[i].types);
	kw_port_free(mod->types);
	kw_port_free(mod->imports);
	if (mod->funcs)
		for (i = mod->nfunc_imports; i < mod->nfuncs; i++)
			if (mod->funcs[i].code)
				kw_code_free(mod->funcs[i].code);
	kw_port_free(mod->funcs);
	kw_port_free(mod->tables);
	kw_port_free(mod->mems);
	kw_port_free(mod->globals);
	kw_port_free(mod->exports);
	kw_port_free(mod->export_hash);
	for (i = 0; i < mod->nelems; i++)
		kw_port_free(mod->elems[i].init);
	kw_port_free(mod->elems);
	kw_port_free(mod->datas);
	kw_port_free(mod->func_refs);
	kw_port_free(mod->bytes);
	kw_port_free(mod);
}

/**
 * kw_module_import_count() - number of imports
 * @mod: the module
 *
 * Return: the count.
 */
u32 kw_module_import_count(const struct kw_module *mod)
{
	return mod->nimports;
}

static void func_sig(const struct kw_module *mod, u32 func_idx, struct kw_functype *out)
{
	*out = mod->types[mod->funcs[func_idx].type_idx];
}

static void limits_of(const struct kw_limits_decl *lim, struct kw_import_desc *desc)
{
	desc->min = lim->min;
	desc->max = lim->max;
	desc->has_max = lim->has_max;
}

/**
 * kw_module_import() - describe one import
 * @mod: the module
 * @idx: import index, below kw_module_import_count()
 * @desc: filled on success
 *
 * Return: 0 or -KW_ENOTFOUND.
 */
int kw_module_import(const struct kw_module *mod, u32 idx, struct kw_import_desc *desc)
{
	const struct kw_import *im;

	if (idx >= mod->nimports)
		return -KW_ENOTFOUND;
	im = &mod->imports[idx];
	memset(desc, 0, sizeof(*desc));
	desc->module = im->module;
	desc->module_len = im->module_len;
	desc->name = im->name;
	desc->name_len = im->name_len;
	desc->kind = im->kind;
	switch (im->kind) {
	case KW_EXTERN_FUNC:
		func_sig(mod, im->index, &desc->type);
		break;
	case KW_EXTERN_TABLE:
		desc->valtype = mod->tables[im->index].elemtype;
		limits_of(&mod->tables[im->index].lim, desc);
		break;
	case KW_EXTERN_MEMORY:
		limits_of(&mod->mems[im->index], desc);
		break;
	case KW_EXTERN_GLOBAL:
		desc->valtype = mod->globals[im->index].type;
		desc->mutable = mod->globals[im->index].mut;
		break;
	}
	return 0;
}

/**
 * kw_module_export_count() - number of exports
 * @mod: the module
 *
 * Return: the count.
 */
u32 kw_module_export_count(const struct kw_module *mod)
{
	return mod->nexports;
}

/**
 * kw_name_hash() - FNV-1a hash of a Wasm name
 * @s: the name (any bytes)
 * @len: its length
 *
 * Return: the hash.
 */
u32 kw_name_hash(const char *s, u32 len)
{
	u32 h = 2166136261u;
	u32 i;

	for (i = 0; i < len; i++)
		h = (h ^ (u8)s[i]) * 16777619u;
	return h;
}

/**
 * kw_module_find_export() - an export by name, through the decoder's hash
 * @m: a decoded module
 * @name: the name (not NUL-terminated; may hold NUL bytes)
 * @len: its length
 *
 * Return: the export, or NULL.
 */
const struct kw_export *kw_module_find_export(const struct kw_module *m, const char *name,
					      u32 len)
{
	u32 mask = m->export_hash_size - 1, h, slot;

	if (!m->export_hash)
		return NULL;
	for (h = kw_name_hash(name, len) & mask; (slot = m->export_hash[h]); h = (h + 1) & mask) {
		const struct kw_export *ex = &m->exports[slot - 1];

		if (ex->name_len == len && (!len || !memcmp(ex->name, name, len)))
			return ex;
	}
	return NULL;
}

/**
 * kw_module_export() - describe one export
 * @mod: the module
 * @idx: export index, below kw_module_export_count()
 * @desc: filled on success
 *
 * Return: 0 or -KW_ENOTFOUND.
 */
int kw_module_export(const struct kw_module *mod, u32 idx, struct kw_export_desc *desc)
{
	const struct kw_export *ex;

	if (idx >= mod->nexports)
		return -KW_ENOTFOUND;
	ex = &mod->exports[idx];
	memset(desc, 0, sizeof(*desc));
	desc->name = ex->name;
	desc->name_len = ex->name_len;
	desc->kind = ex->kind;
	desc->index = ex->index;
	if (ex->kind == KW_EXTERN_FUNC)
		func_sig(mod, ex->index, &desc->type);
	return 0;
}
