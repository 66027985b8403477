// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fuzz target: load hostile bytes, instantiate what loads and call every
 * exported function, then check that everything was freed.
 *
 * kw_module_import() describes only function imports, so the types of
 * imported tables, memories and globals are read here from the import
 * section of the (already validated) binary.  The count and kinds found
 * must agree with the engine's, or the target aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwasm/engine.h"
#include "kwasm/kw_port.h"
#include "target.h"

struct kw_fuzz_stats kw_fuzz_stats;
bool kw_fuzz_allow_enomem;

/* An import as declared in the binary; only what kw_module_import() lacks. */
struct imp_decl {
	u8 kind;
	u8 type;		/* table elemtype or global valtype */
	u8 mut;
	u8 has_max;
	u32 min;
	u32 max;
};

struct cursor {
	const u8 *p;
	const u8 *end;
	bool bad;
};

static u8 get_u8(struct cursor *c)
{
	if (c->p >= c->end) {
		c->bad = true;
		return 0;
	}
	return *c->p++;
}

static u32 get_leb(struct cursor *c)
{
	u32 v = 0;
	int shift;

	for (shift = 0; shift < 35; shift += 7) {
		u8 b = get_u8(c);

		v |= (u32)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	c->bad = true;
	return 0;
}

static void skip(struct cursor *c, u32 n)
{
	if (n > (size_t)(c->end - c->p)) {
		c->bad = true;
		c->p = c->end;
		return;
	}
	c->p += n;
}

static void get_limits(struct cursor *c, struct imp_decl *d)
{
	u8 flags = get_u8(c);

	d->min = get_leb(c);
	d->has_max = flags & 1;
	if (d->has_max)
		d->max = get_leb(c);
}

/* Read the import section; returns the number of imports or -1. */
static long parse_imports(const u8 *data, size_t len, struct imp_decl *out, u32 room)
{
	struct cursor c = { data + 8, data + len, len < 8 };

	while (!c.bad && c.p < c.end) {
		u8 id = get_u8(&c);
		u32 size = get_leb(&c);
		struct cursor s = { c.p, c.p + size, false };
		u32 n, i;

		skip(&c, size);
		if (c.bad)
			return -1;
		if (id != 2)
			continue;
		n = get_leb(&s);
		if (n > room)
			return -1;
		for (i = 0; i < n && !s.bad; i++) {
			struct imp_decl *d = &out[i];

			memset(d, 0, sizeof(*d));
			skip(&s, get_leb(&s));
			skip(&s, get_leb(&s));
			d->kind = get_u8(&s);
			switch (d->kind) {
			case KW_EXTERN_FUNC:
				get_leb(&s);
				break;
			case KW_EXTERN_TABLE:
				d->type = get_u8(&s);
				get_limits(&s, d);
				break;
			case KW_EXTERN_MEMORY:
				get_limits(&s, d);
				break;
			case KW_EXTERN_GLOBAL:
				d->type = get_u8(&s);
				d->mut = get_u8(&s);
				break;
			default:
				return -1;
			}
		}
		return s.bad ? -1 : n;
	}
	return c.bad ? -1 : 0;
}

static void die(const char *what, int ret, const struct kw_error *err)
{
	fprintf(stderr, "kw_fuzz: %s: %d (%s)", what, ret, kw_strerror(ret));
	if (err && err->msg)
		fprintf(stderr, ": %s %s at 0x%x", err->msg, err->detail, err->offset);
	fprintf(stderr, "\n");
	abort();
}

/* Host import: results are zeros; @hc->data carries the result count. */
static int zero_host(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	memset(results, 0, (size_t)(kw_uptr)hc->data * sizeof(u64));
	return 0;
}

static void set_deadline(struct kw_call_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->fuel = KW_FUZZ_FUEL;
	ctx->deadline_ns = kw_port_time_ns() + KW_FUZZ_DEADLINE_NS;
}

/*
 * The deadline is only a backstop: 100000 fuel takes milliseconds, so a
 * call that reaches it did work the fuel did not account for.  Setting
 * KW_FUZZ_ALLOW_DEADLINE=1 tolerates that, to look for other bugs.
 */
static bool deadline_allowed(void)
{
	static int allowed = -1;

	if (allowed < 0) {
		const char *s = getenv("KW_FUZZ_ALLOW_DEADLINE");

		allowed = s && *s == '1';
	}
	return allowed;
}

static void check_trap(const char *what, int ret, const struct kw_call_ctx *ctx)
{
	if (ret != -KW_ETRAP)
		return;
	kw_fuzz_stats.traps++;
	if (ctx->trap.code == KW_TRAP_NONE || ctx->trap.code >= __KW_TRAP_LAST) {
		fprintf(stderr, "kw_fuzz: %s trapped with code %u\n", what, ctx->trap.code);
		abort();
	}
	if (ctx->trap.code == KW_TRAP_DEADLINE) {
		kw_fuzz_stats.deadlines++;
		if (!deadline_allowed()) {
			/* Work the fuel did not account for. */
			fprintf(stderr, "kw_fuzz: %s hit the deadline before using %u fuel\n",
				what, KW_FUZZ_FUEL);
			abort();
		}
	}
}

/* Call @fn with zeros of its parameter types. */
static void call_zero(struct kw_instance *inst, struct kw_func *fn)
{
	struct kw_value *args, *results;
	struct kw_functype ft;
	struct kw_call_ctx ctx;
	u32 i;
	int ret;

	kw_func_type(fn, &ft);
	args = calloc(ft.nparams + 1, sizeof(*args));
	results = calloc(ft.nresults + 1, sizeof(*results));
	if (!args || !results)
		abort();
	for (i = 0; i < ft.nparams; i++)
		args[i].type = ft.types[i];
	set_deadline(&ctx);
	ret = kw_call(inst, fn, args, ft.nparams, results, ft.nresults, &ctx);
	kw_fuzz_stats.calls++;
	if (getenv("KW_FUZZ_VERBOSE"))
		fprintf(stderr, "kw_fuzz: call: %d %s, fuel used %llu\n", ret,
			ret == -KW_ETRAP ? kw_trap_message(ctx.trap.code) : "",
			(unsigned long long)ctx.fuel_used);
	check_trap("call", ret, &ctx);
	/* -KW_EARG is only legitimate for signatures the value stack cannot hold. */
	if (ret && ret != -KW_ETRAP &&
	    !(ret == -KW_EARG && (u64)ft.nparams + ft.nresults >= KW_FUZZ_STACK_SLOTS))
		die("kw_call", ret, NULL);
	for (i = 0; !ret && i < ft.nresults; i++)
		if (results[i].type != ft.types[ft.nparams + i]) {
			fprintf(stderr, "kw_fuzz: result %u has type 0x%x\n", i, results[i].type);
			abort();
		}
	free(args);
	free(results);
}

static void call_exports(struct kw_module *mod, struct kw_instance *inst)
{
	u32 n = kw_module_export_count(mod), i, calls = 0;

	for (i = 0; i < n; i++) {
		struct kw_export_desc ed;
		struct kw_extern ext;
		struct kw_value v;

		if (kw_module_export(mod, i, &ed))
			die("kw_module_export", -KW_ENOTFOUND, NULL);
		if (kw_instance_export(inst, ed.name, ed.name_len, &ext))
			die("kw_instance_export", -KW_ENOTFOUND, NULL);
		if (ext.kind != ed.kind)
			die("export kind", -KW_EARG, NULL);
		if (ext.kind == KW_EXTERN_GLOBAL)
			kw_global_get(ext.global, &v);
		if (ext.kind == KW_EXTERN_MEMORY && ext.memory) {
			u64 size;

			kw_memory_data(ext.memory, &size);
			if (size > (u64)KW_FUZZ_MAX_PAGES * 65536)
				die("memory grew past its cap", -KW_ELIMIT, NULL);
		}
		if (ext.kind != KW_EXTERN_FUNC || calls >= KW_FUZZ_MAX_CALLS)
			continue;
		calls++;
		call_zero(inst, ext.func);
	}
}

/* Objects created for one module's imports, freed after the module. */
struct imports {
	struct kw_extern *ext;
	u32 n;
};

static void free_imports(struct imports *im)
{
	u32 i;

	for (i = 0; im->ext && i < im->n; i++) {
		switch (im->ext[i].kind) {
		case KW_EXTERN_FUNC:
			kw_func_free(im->ext[i].func);
			break;
		case KW_EXTERN_TABLE:
			kw_table_free(im->ext[i].table);
			break;
		case KW_EXTERN_MEMORY:
			kw_memory_free(im->ext[i].memory);
			break;
		case KW_EXTERN_GLOBAL:
			kw_global_free(im->ext[i].global);
			break;
		}
	}
	free(im->ext);
}

/*
 * Make one object per import, each exactly as the module asks, with
 * memories and tables capped at the fuzz limits (an import's growth is
 * bounded by its own maximum, not by the importer's limits).
 * Returns false if the module asks for more than the limits allow.
 */
static bool make_imports(struct kw_module *mod, const u8 *data, size_t len, struct imports *im)
{
	struct imp_decl *decl;
	long nd;
	u32 i;
	int ret = 0;

	im->n = kw_module_import_count(mod);
	im->ext = calloc(im->n + 1, sizeof(*im->ext));
	decl = calloc(im->n + 1, sizeof(*decl));
	if (!im->ext || !decl)
		abort();
	nd = parse_imports(data, len, decl, im->n);
	if (nd != im->n) {
		fprintf(stderr, "kw_fuzz: engine counts %u imports, the binary has %ld\n",
			im->n, nd);
		abort();
	}
	for (i = 0; i < im->n && !ret; i++) {
		struct kw_import_desc id;
		struct imp_decl *d = &decl[i];
		struct kw_extern *e = &im->ext[i];
		struct kw_value v = { .type = d->type };
		u32 cap;

		if (kw_module_import(mod, i, &id))
			die("kw_module_import", -KW_ENOTFOUND, NULL);
		if (id.kind != d->kind) {
			fprintf(stderr, "kw_fuzz: import %u kind %u, binary says %u\n",
				i, id.kind, d->kind);
			abort();
		}
		e->kind = id.kind;
		cap = id.kind == KW_EXTERN_TABLE ? KW_FUZZ_MAX_TABLE : KW_FUZZ_MAX_PAGES;
		if ((id.kind == KW_EXTERN_TABLE || id.kind == KW_EXTERN_MEMORY) && d->min > cap) {
			free(decl);
			return false;
		}
		if (d->has_max && d->max < cap)
			cap = d->max;
		switch (id.kind) {
		case KW_EXTERN_FUNC:
			ret = kw_func_new_host(&id.type, zero_host,
					       (void *)(kw_uptr)id.type.nresults, &e->func);
			break;
		case KW_EXTERN_TABLE:
			ret = kw_table_new(d->type, d->min, cap, true, &e->table);
			break;
		case KW_EXTERN_MEMORY:
			ret = kw_memory_new(d->min, cap, true, &e->memory);
			break;
		case KW_EXTERN_GLOBAL:
			ret = kw_global_new(&v, d->mut, &e->global);
			break;
		}
	}
	free(decl);
	if (ret == -KW_ENOMEM && kw_fuzz_allow_enomem)
		return false;
	if (ret)
		die("creating an import", ret, NULL);
	return true;
}

static void run_module(struct kw_module *mod, const u8 *data, size_t len)
{
	struct kw_limits lim = {
		.max_memory_pages = KW_FUZZ_MAX_PAGES,
		.max_table_elems = KW_FUZZ_MAX_TABLE,
		.max_call_depth = KW_FUZZ_CALL_DEPTH,
		.stack_slots = KW_FUZZ_STACK_SLOTS,
	};
	struct imports im = { 0 };
	struct kw_instance *inst;
	struct kw_call_ctx ctx;
	struct kw_error err;
	int ret;

	if (!make_imports(mod, data, len, &im)) {
		kw_fuzz_stats.skipped++;
		goto out;
	}
	set_deadline(&ctx);
	ret = kw_instance_new(mod, im.ext, im.n, &lim, &inst, &ctx, &err);
	if (ret) {
		check_trap("start", ret, &ctx);
		if (ret != -KW_ETRAP && ret != -KW_ELIMIT &&
		    !(ret == -KW_ENOMEM && kw_fuzz_allow_enomem))
			die("kw_instance_new", ret, &err);
		if (!err.msg)
			die("kw_instance_new without a message", ret, &err);
		goto out;
	}
	kw_fuzz_stats.instantiated++;
	call_exports(mod, inst);
	kw_instance_free(inst);
out:
	/* A trapped instantiation leaves a zombie that may use the imports. */
	kw_module_free(mod);
	free_imports(&im);
}

int kw_fuzz_one(const u8 *data, size_t len)
{
	long live = kw_port_live_allocs;
	struct kw_module *mod;
	struct kw_error err;
	int ret;

	kw_fuzz_stats.inputs++;
	memset(&err, 0, sizeof(err));
	ret = kw_module_load(data, len, &mod, &err);
	if (ret) {
		/* -KW_ELIMIT: nesting, frame size (kwasm.h does not list it yet). */
		if (ret != -KW_EMALFORMED && ret != -KW_EINVALID && ret != -KW_EUNSUPPORTED &&
		    ret != -KW_ELIMIT && !(ret == -KW_ENOMEM && kw_fuzz_allow_enomem))
			die("kw_module_load", ret, &err);
		if (ret == -KW_EMALFORMED)
			kw_fuzz_stats.malformed++;
		else if (ret == -KW_EINVALID)
			kw_fuzz_stats.invalid++;
		else if (ret == -KW_EUNSUPPORTED)
			kw_fuzz_stats.unsupported++;
		else if (ret == -KW_ELIMIT)
			kw_fuzz_stats.limited++;
		if (!err.msg)
			die("kw_module_load without a message", ret, &err);
	} else {
		kw_fuzz_stats.loaded++;
		run_module(mod, data, len);
	}
	if (kw_port_live_allocs != live) {
		fprintf(stderr, "kw_fuzz: leak: %ld engine allocations live, %ld before\n",
			kw_port_live_allocs, live);
		abort();
	}
	return 0;
}
