// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Instances: import matching, allocation of what a module defines, segment
 * initialisation and the start function; kw_call(), typed calls into Wasm
 * (interp.c's kw_call_slots() enters the interpreter).
 */
#include "internal.h"

#define HOST_SLOTS	32	/* args + results of a host function called directly */

static bool limits_match(u32 size, bool has_max, u32 max, const struct kw_limits_decl *want)
{
	if (size < want->min)
		return false;
	if (!want->has_max)
		return true;
	return has_max && max <= want->max;
}

static int link_import(struct kw_instance *inst, u32 i, const struct kw_extern *ext,
		       struct kw_error *err)
{
	const struct kw_module *m = inst->mod;
	const struct kw_import *im = &m->imports[i];
	const struct kw_table_decl *td;
	const struct kw_global_decl *gd;

	if (ext->kind != im->kind)
		goto incompatible;
	switch (im->kind) {
	case KW_EXTERN_FUNC:
		if (!ext->func)
			break;
		if (!kw_functype_eq(ext->func->type, &m->types[m->funcs[im->index].type_idx]))
			goto incompatible;
		inst->funcs[im->index] = ext->func;
		return 0;
	case KW_EXTERN_TABLE:
		if (!ext->table)
			break;
		td = &m->tables[im->index];
		if (ext->table->elemtype != td->elemtype ||
		    !limits_match(ext->table->size, ext->table->has_max, ext->table->decl_max,
				  &td->lim))
			goto incompatible;
		inst->tables[im->index] = ext->table;
		return 0;
	case KW_EXTERN_MEMORY:
		if (!ext->memory)
			break;
		if (!limits_match(ext->memory->pages, ext->memory->has_max,
				  ext->memory->decl_max, &m->mems[im->index]))
			goto incompatible;
		inst->mem = ext->memory;
		return 0;
	case KW_EXTERN_GLOBAL:
		if (!ext->global)
			break;
		gd = &m->globals[im->index];
		if (ext->global->type != gd->type || ext->global->mut != gd->mut)
			goto incompatible;
		inst->globals[im->index] = ext->global;
		return 0;
	}
	kw_error_set(err, 0, "unknown import");
	goto detail;
incompatible:
	kw_error_set(err, 0, "incompatible import type");
detail:
	if (err) {
		/* "module.name" of the import, truncated to fit. */
		u32 n = 0, k;

		for (k = 0; k < im->module_len && n < sizeof(err->detail) - 2; k++)
			err->detail[n++] = im->module[k];
		err->detail[n++] = '.';
		for (k = 0; k < im->name_len && n < sizeof(err->detail) - 1; k++)
			err->detail[n++] = im->name[k];
		err->detail[n] = 0;
	}
	return -KW_ELINK;
}

/* Value of a constant expression; global.get reads an (imported) global. */
static u64 eval_const(const struct kw_instance *inst, const struct kw_constexpr *c)
{
	switch (c->op) {
	case 0xd0:
		return 0;
	case 0xd2:
		return (u64)(kw_uptr)inst->funcs[c->idx];
	case 0x23:
		return inst->globals[c->idx]->val;
	}
	return c->bits;
}

static void *alloc_array(size_t n, size_t size)
{
	if (!n)
		return (void *)0;
	if (n > ((size_t)-1) / size)
		return (void *)0;
	return kw_port_alloc(n * size, KW_ALLOC_ZERO);
}

/* Allocate the instance and what it defines; imports are linked by the caller. */
static int alloc_instance(struct kw_instance *inst)
{
	const struct kw_module *m = inst->mod;
	u32 nfd = m->nfuncs - m->nfunc_imports;
	u32 ntd = m->ntables - m->ntable_imports;
	u32 ngd = m->nglobals - m->nglobal_imports;

	inst->funcs = alloc_array(m->nfuncs, sizeof(*inst->funcs));
	inst->own_funcs = alloc_array(nfd, sizeof(*inst->own_funcs));
	inst->tables = alloc_array(m->ntables, sizeof(*inst->tables));
	inst->own_tables = alloc_array(ntd, sizeof(*inst->own_tables));
	inst->globals = alloc_array(m->nglobals, sizeof(*inst->globals));
	inst->own_globals = alloc_array(ngd, sizeof(*inst->own_globals));
	inst->elem_dropped = alloc_array(m->nelems, 1);
	inst->data_dropped = alloc_array(m->ndatas, 1);
	inst->stack = alloc_array(inst->lim.stack_slots, sizeof(u64));
	inst->frames = alloc_array((size_t)inst->lim.max_call_depth + 1, sizeof(*inst->frames));
	if ((m->nfuncs && !inst->funcs) || (nfd && !inst->own_funcs) ||
	    (m->ntables && !inst->tables) || (ntd && !inst->own_tables) ||
	    (m->nglobals && !inst->globals) || (ngd && !inst->own_globals) ||
	    (m->nelems && !inst->elem_dropped) || (m->ndatas && !inst->data_dropped) ||
	    !inst->stack || !inst->frames)
		return -KW_ENOMEM;
	inst->stack_end = inst->stack + inst->lim.stack_slots;
	inst->max_frames = inst->lim.max_call_depth;
	return 0;
}

static int define_objects(struct kw_instance *inst, struct kw_error *err)
{
	const struct kw_module *m = inst->mod;
	u32 i;
	int ret;

	for (i = m->nfunc_imports; i < m->nfuncs; i++) {
		struct kw_func *f = &inst->own_funcs[i - m->nfunc_imports];

		f->type = &m->types[m->funcs[i].type_idx];
		f->inst = inst;
		f->code = m->funcs[i].code;
		f->idx = i;
		inst->funcs[i] = f;
	}
	for (i = m->ntable_imports; i < m->ntables; i++) {
		struct kw_table *t = &inst->own_tables[i - m->ntable_imports];
		const struct kw_table_decl *td = &m->tables[i];

		ret = kw_table_setup(t, td->elemtype, td->lim.min, td->lim.max, td->lim.has_max,
				     inst->lim.max_table_elems);
		if (ret) {
			kw_error_set(err, 0, ret == -KW_ELIMIT ? "table size exceeds the limit"
							      : "out of memory");
			return ret;
		}
		inst->tables[i] = t;
	}
	if (m->nmems && !m->nmem_imports) {
		inst->own_mem = kw_port_alloc(sizeof(*inst->own_mem), KW_ALLOC_ZERO);
		if (!inst->own_mem) {
			kw_error_set(err, 0, "out of memory");
			return -KW_ENOMEM;
		}
		ret = kw_memory_setup(inst->own_mem, m->mems[0].min, m->mems[0].max,
				      m->mems[0].has_max, inst->lim.max_memory_pages,
				      inst->lim.flags & KW_LIMIT_PREALLOC_MEMORY);
		if (ret) {
			kw_error_set(err, 0, ret == -KW_ELIMIT ? "memory size exceeds the limit"
							      : "out of memory");
			return ret;
		}
		inst->mem = inst->own_mem;
	}
	for (i = m->nglobal_imports; i < m->nglobals; i++) {
		struct kw_global *g = &inst->own_globals[i - m->nglobal_imports];

		g->type = m->globals[i].type;
		g->mut = m->globals[i].mut;
		g->val = eval_const(inst, &m->globals[i].init);
		inst->globals[i] = g;
	}
	return 0;
}

static int init_trap(struct kw_call_ctx *ctx, u32 code, struct kw_error *err)
{
	ctx->trap.code = code;
	ctx->trap.func_idx = 0;
	ctx->trap.offset = 0;
	kw_error_set(err, 0, kw_trap_message(code));
	return -KW_ETRAP;
}

/* Wasm 2.0: segments apply one by one; a trap keeps the earlier ones. */
static int init_segments(struct kw_instance *inst, struct kw_call_ctx *ctx, struct kw_error *err)
{
	const struct kw_module *m = inst->mod;
	u32 i, j;

	for (i = 0; i < m->nelems; i++) {
		const struct kw_elem *e = &m->elems[i];
		struct kw_table *t;
		u64 off;

		if (e->mode == KW_SEG_PASSIVE)
			continue;
		if (e->mode == KW_SEG_ACTIVE) {
			t = inst->tables[e->table];
			off = (u32)eval_const(inst, &e->offset);
			if (off + e->count > t->size)
				return init_trap(ctx, KW_TRAP_TABLE_OOB, err);
			for (j = 0; j < e->count; j++)
				t->elems[off + j] = (void *)(kw_uptr)eval_const(inst, &e->init[j]);
		}
		inst->elem_dropped[i] = 1;
	}
	for (i = 0; i < m->ndatas; i++) {
		const struct kw_data *s = &m->datas[i];
		struct kw_memory *mem = inst->mem;
		u64 off;

		if (s->mode != KW_SEG_ACTIVE)
			continue;
		off = (u32)eval_const(inst, &s->offset);
		if (off + s->len > mem->size)
			return init_trap(ctx, KW_TRAP_MEM_OOB, err);
		if (s->len)
			memcpy(mem->data + off, s->bytes, s->len);
		inst->data_dropped[i] = 1;
	}
	return 0;
}

/**
 * kw_instance_new() - instantiate a module
 * @mod: the module
 * @imports: one entry per import, in declaration order
 * @nimports: must equal kw_module_import_count()
 * @limits: resource limits, or NULL for defaults
 * @out: the instance, on success
 * @ctx: options for the start function (fuel...); its trap is filled on trap
 * @err: on failure, the reason (may be NULL)
 *
 * Segments are applied one by one (Wasm 2.0): when one traps, the earlier
 * ones stay in place, so an instance that traps while initialising is kept,
 * unreachable but alive, until kw_module_free(@mod).
 *
 * Return: 0, -KW_ELINK, -KW_ELIMIT, -KW_ETRAP or -KW_ENOMEM.
 */
int kw_instance_new(struct kw_module *mod, const struct kw_extern *imports, u32 nimports,
		    const struct kw_limits *limits, struct kw_instance **out,
		    struct kw_call_ctx *ctx, struct kw_error *err)
{
	struct kw_call_ctx local_ctx = { 0 };
	struct kw_instance *inst;
	u32 i;
	int ret;

	*out = (void *)0;
	if (err) {
		err->offset = 0;
		err->msg = (void *)0;
		err->detail[0] = 0;
	}
	if (!ctx)
		ctx = &local_ctx;
	ctx->trap.code = KW_TRAP_NONE;
	if (nimports != mod->nimports || (nimports && !imports)) {
		kw_error_set(err, 0, "unknown import");
		return -KW_ELINK;
	}
	inst = kw_port_alloc(sizeof(*inst), KW_ALLOC_ZERO);
	if (!inst) {
		kw_error_set(err, 0, "out of memory");
		return -KW_ENOMEM;
	}
	inst->mod = mod;
	if (limits)
		inst->lim = *limits;
	if (!inst->lim.max_memory_pages)
		inst->lim.max_memory_pages = KW_DEFAULT_MAX_PAGES;
	if (!inst->lim.max_table_elems)
		inst->lim.max_table_elems = KW_DEFAULT_MAX_TABLE;
	if (!inst->lim.max_call_depth)
		inst->lim.max_call_depth = KW_DEFAULT_CALL_DEPTH;
	if (!inst->lim.stack_slots)
		inst->lim.stack_slots = KW_DEFAULT_STACK_SLOTS;

	ret = alloc_instance(inst);
	if (ret) {
		kw_error_set(err, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < nimports; i++) {
		ret = link_import(inst, i, &imports[i], err);
		if (ret)
			goto fail;
	}
	ret = define_objects(inst, err);
	if (ret)
		goto fail;
	ret = init_segments(inst, ctx, err);
	if (ret)
		goto fail;
	if (mod->has_start) {
		ret = kw_call(inst, inst->funcs[mod->start], (void *)0, 0, (void *)0, 0, ctx);
		if (ret) {
			kw_error_set(err, 0, ret == -KW_ETRAP ? kw_trap_message(ctx->trap.code)
							     : kw_strerror(ret));
			goto fail;
		}
	}
	*out = inst;
	return 0;
fail:
	if (ret == -KW_ETRAP) {
		/* Its functions may be referenced from imported tables or globals now. */
		inst->next_zombie = mod->zombies;
		mod->zombies = inst;
		return ret;
	}
	kw_instance_free(inst);
	return ret;
}

/**
 * kw_instance_memory() - the instance's linear memory, exported or not
 * @inst: the instance
 *
 * Return: memory 0 (its own or imported), or NULL if it has none.
 */
struct kw_memory *kw_instance_memory(struct kw_instance *inst)
{
	return inst->mem;
}

/**
 * kw_instance_free() - free an instance and everything it owns
 * @inst: the instance, or NULL
 */
void kw_instance_free(struct kw_instance *inst)
{
	const struct kw_module *m;
	u32 i;

	if (!inst)
		return;
	m = inst->mod;
	if (inst->own_tables)
		for (i = 0; i < m->ntables - m->ntable_imports; i++)
			kw_table_release(&inst->own_tables[i]);
	if (inst->own_mem) {
		kw_memory_release(inst->own_mem);
		kw_port_free(inst->own_mem);
	}
	kw_port_free(inst->funcs);
	kw_port_free(inst->own_funcs);
	kw_port_free(inst->tables);
	kw_port_free(inst->own_tables);
	kw_port_free(inst->globals);
	kw_port_free(inst->own_globals);
	kw_port_free(inst->elem_dropped);
	kw_port_free(inst->data_dropped);
	kw_port_free(inst->stack);
	kw_port_free(inst->frames);
	kw_port_free(inst);
}

/**
 * kw_instance_export() - look up an export by name
 * @inst: the instance
 * @name: export name (not NUL-terminated)
 * @len: its length
 * @out: filled on success
 *
 * Return: 0 or -KW_ENOTFOUND.
 */
int kw_instance_export(struct kw_instance *inst, const char *name, u32 len,
		       struct kw_extern *out)
{
	const struct kw_export *ex = kw_module_find_export(inst->mod, name, len);

	if (!ex)
		return -KW_ENOTFOUND;
	out->kind = ex->kind;
	switch (ex->kind) {
	case KW_EXTERN_FUNC:
		out->func = inst->funcs[ex->index];
		break;
	case KW_EXTERN_TABLE:
		out->table = inst->tables[ex->index];
		break;
	case KW_EXTERN_MEMORY:
		out->memory = inst->mem;
		break;
	default:
		out->global = inst->globals[ex->index];
		break;
	}
	return 0;
}

static int call_host(struct kw_instance *inst, struct kw_func *fn, const struct kw_value *args,
		     struct kw_value *results, struct kw_call_ctx *ctx)
{
	const struct kw_functype *ft = fn->type;
	u64 buf[HOST_SLOTS];
	struct kw_host_call hc = { .inst = inst, .data = fn->host_data };
	u64 *slots = buf;
	u32 i;
	int rc;

	if (ft->nparams + (u64)ft->nresults > HOST_SLOTS) {
		/* Borrow the idle value stack of the instance for big signatures. */
		if (!inst || inst->running ||
		    ft->nparams + (u64)ft->nresults > (u64)(inst->stack_end - inst->stack))
			return -KW_EARG;
		slots = inst->stack;
	}
	for (i = 0; i < ft->nparams; i++)
		slots[i] = kw_value_to_slot(&args[i]);
	/* Aliased, as the interpreter calls them (kw_host_fn). */
	rc = fn->host(&hc, slots, slots);
	if (rc) {
		ctx->trap.code = rc > 0 && rc < __KW_TRAP_LAST ? (u32)rc : KW_TRAP_HOST;
		return -KW_ETRAP;
	}
	for (i = 0; i < ft->nresults; i++)
		kw_slot_to_value(ft->types[ft->nparams + i], slots[i], &results[i]);
	return 0;
}

/* Whether @fn's instance is idle and its stack holds @fn's slots. */
static int wasm_can_enter(const struct kw_func *fn)
{
	const struct kw_functype *ft = fn->type;
	const struct kw_instance *run = fn->inst;
	u64 room = (u64)(run->stack_end - run->stack);

	if (run->running)
		return -KW_EBUSY;
	return ft->nparams > room || ft->nresults > room ? -KW_EARG : 0;
}

/**
 * kw_call() - call a function
 * @inst: instance whose stack the call runs on (usually @fn's own)
 * @fn: the function (Wasm or host)
 * @args: arguments, matching the signature in number and type
 * @nargs: their number
 * @results: filled with the results
 * @nresults: room in @results; must equal the signature's result count
 * @ctx: fuel, deadline, may_yield in; fuel_used and trap out (may be NULL)
 *
 * A Wasm function always runs on the stack of its own instance.
 *
 * Return: 0, -KW_ETRAP (see @ctx->trap), -KW_EARG or -KW_EBUSY.
 */
int kw_call(struct kw_instance *inst, struct kw_func *fn, const struct kw_value *args,
	    u32 nargs, struct kw_value *results, u32 nresults, struct kw_call_ctx *ctx)
{
	struct kw_call_ctx local_ctx;
	const struct kw_functype *ft;
	u64 *stack;
	u32 i;
	int ret;

	if (!fn)
		return -KW_EARG;
	ft = fn->type;
	if (nargs != ft->nparams || nresults != ft->nresults)
		return -KW_EARG;
	for (i = 0; i < nargs; i++)
		if (args[i].type != ft->types[i])
			return -KW_EARG;
	if (!ctx) {
		/* Zeroed only when used: a memset on every call otherwise. */
		local_ctx = (struct kw_call_ctx){ 0 };
		ctx = &local_ctx;
	}
	ctx->trap.code = KW_TRAP_NONE;
	ctx->fuel_used = 0;
	if (!fn->inst)
		return call_host(inst, fn, args, results, ctx);
	ret = wasm_can_enter(fn);
	if (ret)
		return ret;
	/* Converted in place: the entry copies them onto themselves. */
	stack = fn->inst->stack;
	for (i = 0; i < nargs; i++)
		stack[i] = kw_value_to_slot(&args[i]);
	ret = kw_call_slots(fn, stack, ctx);
	for (i = 0; !ret && i < nresults; i++)
		kw_slot_to_value(ft->types[ft->nparams + i], stack[i], &results[i]);
	return ret;
}
