// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The "spectest" module: print functions, four immutable globals holding 666
 * (666.6 for floats), a funcref table (10..20) and a memory (1..2 pages), as
 * defined by the reference interpreter's host module.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "spectest.h"
#include "values.h"

static const u8 sig_print[] = { 0 };
static const u8 sig_i32[] = { KW_I32 };
static const u8 sig_i64[] = { KW_I64 };
static const u8 sig_f32[] = { KW_F32 };
static const u8 sig_f64[] = { KW_F64 };
static const u8 sig_i32_f32[] = { KW_I32, KW_F32 };
static const u8 sig_f64_f64[] = { KW_F64, KW_F64 };

static const struct {
	const char *name;
	u32 nparams;
	const u8 *types;
} funcs[] = {
	{ "print", 0, sig_print },
	{ "print_i32", 1, sig_i32 },
	{ "print_i64", 1, sig_i64 },
	{ "print_f32", 1, sig_f32 },
	{ "print_f64", 1, sig_f64 },
	{ "print_i32_f32", 2, sig_i32_f32 },
	{ "print_f64_f64", 2, sig_f64_f64 },
};

#define NFUNCS	ARRAY_SIZE(funcs)

static const char *const global_names[] = {
	"global_i32", "global_i64", "global_f32", "global_f64",
};

#define NGLOBALS	4

/* What each host function is told: which one it is and whether to talk. */
struct spectest_fn {
	struct spectest *st;
	u32 idx;
};

struct spectest {
	bool verbose;
	struct spectest_fn fn_data[NFUNCS];
	struct kw_func *funcs[NFUNCS];
	struct kw_global *globals[NGLOBALS];
	struct kw_table *table;
	struct kw_memory *memory;
};

/* Silent unless -v: the suite calls these a lot and only checks that they link. */
static int print_fn(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	const struct spectest_fn *fd = hc->data;
	char buf[VAL_BUF_LEN];
	struct kw_value v;
	u32 i;

	if (!fd->st->verbose)
		return 0;
	printf("spectest: %s(", funcs[fd->idx].name);
	for (i = 0; i < funcs[fd->idx].nparams; i++) {
		memset(&v, 0, sizeof(v));
		v.type = funcs[fd->idx].types[i];
		if (v.type == KW_I32 || v.type == KW_F32)
			v.i32 = (u32)args[i];
		else
			v.i64 = args[i];
		val_format(&v, buf, sizeof(buf));
		printf("%s%s", i ? ", " : "", buf);
	}
	printf(")\n");
	return 0;
}

/**
 * spectest_new() - create the spectest host objects
 * @verbose: print calls to the print functions
 * @out: the module, on success
 *
 * Return: 0 or a negative KW_E* code.
 */
int spectest_new(bool verbose, struct spectest **out)
{
	struct kw_value gv[NGLOBALS] = {
		{ .type = KW_I32, .i32 = 666 },
		{ .type = KW_I64, .i64 = 666 },
		{ .type = KW_F32, .f32 = 0x4426a666 },		/* 666.6f */
		{ .type = KW_F64, .f64 = 0x4084d4cccccccccdull },	/* 666.6 */
	};
	struct spectest *st;
	size_t i;
	int err;

	st = calloc(1, sizeof(*st));
	if (!st)
		return -KW_ENOMEM;
	st->verbose = verbose;
	for (i = 0; i < NFUNCS; i++) {
		struct kw_functype ft = {
			.nparams = funcs[i].nparams, .nresults = 0, .types = funcs[i].types,
		};

		st->fn_data[i].st = st;
		st->fn_data[i].idx = i;
		err = kw_func_new_host(&ft, print_fn, &st->fn_data[i], &st->funcs[i]);
		if (err)
			goto fail;
	}
	for (i = 0; i < NGLOBALS; i++) {
		err = kw_global_new(&gv[i], false, &st->globals[i]);
		if (err)
			goto fail;
	}
	err = kw_table_new(KW_FUNCREF, 10, 20, true, &st->table);
	if (err)
		goto fail;
	err = kw_memory_new(1, 2, true, &st->memory);
	if (err)
		goto fail;
	*out = st;
	return 0;
fail:
	spectest_free(st);
	return err;
}

/**
 * spectest_free() - free the spectest objects
 * @st: the module, or NULL; no instance importing from it may remain
 */
void spectest_free(struct spectest *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < NFUNCS; i++)
		kw_func_free(st->funcs[i]);
	for (i = 0; i < NGLOBALS; i++)
		kw_global_free(st->globals[i]);
	kw_table_free(st->table);
	kw_memory_free(st->memory);
	free(st);
}

static bool name_is(const char *name, u32 len, const char *want)
{
	return strlen(want) == len && !memcmp(name, want, len);
}

/**
 * spectest_is_module() - whether an import asks for the spectest module
 * @imp: the import
 *
 * Return: true for module name "spectest".
 */
bool spectest_is_module(const struct kw_import_desc *imp)
{
	return name_is(imp->module, imp->module_len, "spectest");
}

/**
 * spectest_lookup() - resolve one import against the spectest module
 * @st: the module
 * @imp: the import (its module name is not checked)
 * @out: the object, on success
 *
 * Signatures are left to the engine to check at instantiation.
 *
 * Return: 0, or -KW_ELINK if there is no such field of that kind.
 */
int spectest_lookup(struct spectest *st, const struct kw_import_desc *imp,
		    struct kw_extern *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->kind = imp->kind;
	switch (imp->kind) {
	case KW_EXTERN_FUNC:
		for (i = 0; i < NFUNCS; i++) {
			if (name_is(imp->name, imp->name_len, funcs[i].name)) {
				out->func = st->funcs[i];
				return 0;
			}
		}
		break;
	case KW_EXTERN_GLOBAL:
		for (i = 0; i < NGLOBALS; i++) {
			if (name_is(imp->name, imp->name_len, global_names[i])) {
				out->global = st->globals[i];
				return 0;
			}
		}
		break;
	case KW_EXTERN_TABLE:
		if (name_is(imp->name, imp->name_len, "table")) {
			out->table = st->table;
			return 0;
		}
		break;
	case KW_EXTERN_MEMORY:
		if (name_is(imp->name, imp->name_len, "memory")) {
			out->memory = st->memory;
			return 0;
		}
		break;
	}
	return -KW_ELINK;
}
