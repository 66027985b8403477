// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Unit tests of the module decoder and the runtime objects: LEB128 readers,
 * hand-built modules (valid and malformed), import/export listing,
 * instantiation and linking, segment traps, growth, and hostile input
 * (every truncation and bit flip of a valid module, random garbage,
 * allocation failures).  Run under ASan/UBSan via tests/unit/decode.mk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kw_port_user.h"
#include "leb128.h"
#include "check.h"
#include "xorshift.h"

/* A tiny module builder. */
struct buf {
	u8 b[8192];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > sizeof(b->b))
		abort();
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void byte(struct buf *b, u8 v)
{
	put(b, &v, 1);
}

static void bytes(struct buf *b, const char *s, size_t n)
{
	put(b, s, n);
}

static void leb(struct buf *b, u32 v)
{
	do {
		u8 c = v & 0x7f;

		v >>= 7;
		byte(b, c | (v ? 0x80 : 0));
	} while (v);
}

static void name(struct buf *b, const char *s)
{
	leb(b, strlen(s));
	put(b, s, strlen(s));
}

static void section(struct buf *out, u8 id, const struct buf *content)
{
	byte(out, id);
	leb(out, content->n);
	put(out, content->b, content->n);
}

static void header(struct buf *b)
{
	b->n = 0;
	bytes(b, "\0asm\1\0\0\0", 8);
}

#define SEC(out, id, ...)						\
	do {								\
		struct buf s_ = { .n = 0 };				\
		static const char c_[] = __VA_ARGS__;			\
		bytes(&s_, c_, sizeof(c_) - 1);				\
		section(out, id, &s_);					\
	} while (0)

/*
 * The full module: imports memory "env.mem", global "env.g" (i32) and
 * function "env.f" (i32 i32 -> i32); defines answer () -> i32 (42),
 * add (i32 i32 -> i32), an empty start function (optional), a table of
 * 2..10 funcrefs, globals (mut i32 = env.g, funcref = ref.func 1), exports,
 * element segments (active + declarative) and data segments (active +
 * passive) with a datacount section.
 */
static void build_full(struct buf *m, bool with_start)
{
	struct buf s = { .n = 0 };

	header(m);
	/* types: 0 () -> i32, 1 (i32 i32) -> i32, 2 () -> () */
	SEC(m, 1, "\x03\x60\x00\x01\x7f\x60\x02\x7f\x7f\x01\x7f\x60\x00\x00");
	/* imports */
	leb(&s, 3);
	name(&s, "env");
	name(&s, "mem");
	bytes(&s, "\x02\x00\x01", 3);
	name(&s, "env");
	name(&s, "g");
	bytes(&s, "\x03\x7f\x00", 3);
	name(&s, "env");
	name(&s, "f");
	bytes(&s, "\x00\x01", 2);
	section(m, 2, &s);
	/* functions 1..3 */
	SEC(m, 3, "\x03\x00\x01\x02");
	/* table funcref 2..10 */
	SEC(m, 4, "\x01\x70\x01\x02\x0a");
	/* globals: 1 = mut i32 global.get 0; 2 = funcref ref.func 1 */
	SEC(m, 6, "\x02\x7f\x01\x23\x00\x0b\x70\x00\xd2\x01\x0b");
	/* exports */
	s.n = 0;
	leb(&s, 5);
	name(&s, "answer");
	bytes(&s, "\x00\x01", 2);
	name(&s, "add");
	bytes(&s, "\x00\x02", 2);
	name(&s, "tab");
	bytes(&s, "\x01\x00", 2);
	name(&s, "mem");
	bytes(&s, "\x02\x00", 2);
	name(&s, "g2");
	bytes(&s, "\x03\x01", 2);
	section(m, 7, &s);
	if (with_start)
		SEC(m, 8, "\x03");
	/* elems: active table 0 at 0: [1, 2]; declarative [3] */
	SEC(m, 9, "\x02\x00\x41\x00\x0b\x02\x01\x02\x03\x00\x01\x03");
	/* datacount */
	SEC(m, 12, "\x02");
	/* code */
	SEC(m, 10, "\x03\x04\x00\x41\x2a\x0b\x07\x00\x20\x00\x20\x01\x6a\x0b\x02\x00\x0b");
	/* data: active at 8 "hello"; passive "xyz" */
	SEC(m, 11, "\x02\x00\x41\x08\x0b\x05hello\x01\x03xyz");
}

static int host_add(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	results[0] = (u32)((u32)args[0] + (u32)args[1]);
	return 0;
}

static int host_trap(struct kw_host_call *hc, const u64 *args, u64 *results)
{
	return KW_TRAP_UNREACHABLE;
}

static const u8 t_ii_i[] = { KW_I32, KW_I32, KW_I32 };

struct env {
	struct kw_memory *mem;
	struct kw_global *g;
	struct kw_func *f;
	struct kw_extern ext[3];
};

static void env_init(struct env *e)
{
	struct kw_functype ft = { 2, 1, t_ii_i };
	struct kw_value v = { .type = KW_I32, .i32 = 7 };

	memset(e, 0, sizeof(*e));
	if (kw_memory_new(1, 0, false, &e->mem) || kw_global_new(&v, false, &e->g) ||
	    kw_func_new_host(&ft, host_add, NULL, &e->f))
		abort();
	e->ext[0].kind = KW_EXTERN_MEMORY;
	e->ext[0].memory = e->mem;
	e->ext[1].kind = KW_EXTERN_GLOBAL;
	e->ext[1].global = e->g;
	e->ext[2].kind = KW_EXTERN_FUNC;
	e->ext[2].func = e->f;
}

static void env_free(struct env *e)
{
	kw_memory_free(e->mem);
	kw_global_free(e->g);
	kw_func_free(e->f);
}

static bool compiled;	/* the real compiler is linked in (not a stub) */

static void test_leb(void)
{
	static const struct {
		const char *in;
		size_t len;
		int kind;	/* 0 u32, 1 s32, 2 s64 */
		s64 want;
		const char *err;
	} cases[] = {
		{ "\x00", 1, 0, 0, NULL },
		{ "\xe5\x8e\x26", 3, 0, 624485, NULL },
		{ "\xff\xff\xff\xff\x0f", 5, 0, 0xffffffffll, NULL },
		{ "\x80\x80\x80\x80\x10", 5, 0, 0, "integer too large" },
		{ "\x80\x80\x80\x80\x80\x00", 6, 0, 0, "integer representation too long" },
		{ "\x80", 1, 0, 0, "unexpected end" },
		{ "", 0, 0, 0, "unexpected end" },
		{ "\x7f", 1, 1, -1, NULL },
		{ "\xff\xff\xff\xff\x7f", 5, 1, -1, NULL },
		{ "\x80\x80\x80\x80\x78", 5, 1, -2147483648ll, NULL },
		{ "\xff\xff\xff\xff\x07", 5, 1, 2147483647, NULL },
		{ "\xff\xff\xff\xff\x4f", 5, 1, 0, "integer too large" },
		{ "\x80\x80\x80\x80\x1f", 5, 1, 0, "integer too large" },
		{ "\xff\xff\xff\xff\xff\x7f", 6, 1, 0, "integer representation too long" },
		{ "\xc0\xbb\x78", 3, 1, -123456, NULL },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f", 10, 2, (s64)(1ull << 63), NULL },
		{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00", 10, 2, 0x7fffffffffffffffll, NULL },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7e", 10, 2, 0, "integer too large" },
		{ "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x41", 10, 2, 0, "integer too large" },
		{ "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 11, 2, 0,
		  "integer representation too long" },
	};
	size_t i;

	for (i = 0; i < KW_ARRAY_SIZE(cases); i++) {
		const u8 *p = (const u8 *)cases[i].in;
		struct kw_reader r;
		s64 got = 0;
		int ret;

		kw_reader_init(&r, p, p, p + cases[i].len);
		if (cases[i].kind == 0) {
			u32 v;

			ret = kw_read_u32(&r, &v);
			got = v;
		} else if (cases[i].kind == 1) {
			s32 v;

			ret = kw_read_s32(&r, &v);
			got = v;
		} else {
			ret = kw_read_s64(&r, &got);
		}
		if (cases[i].err) {
			CHECK(ret == -KW_EMALFORMED && r.msg && !strcmp(r.msg, cases[i].err));
		} else {
			CHECK(ret == 0 && got == cases[i].want);
			CHECK(kw_reader_offset(&r) == cases[i].len);
		}
	}
}

static void test_full(void)
{
	struct kw_module *m;
	struct kw_instance *inst;
	struct kw_import_desc id;
	struct kw_export_desc ed;
	struct kw_extern ex, ex2;
	struct kw_error err;
	struct kw_call_ctx ctx = { 0 };
	struct kw_value args[2], res[1], gv;
	struct env e;
	struct buf b;
	u64 size;
	u8 *mem;
	int ret;

	build_full(&b, false);
	ret = kw_module_load(b.b, b.n, &m, &err);
	CHECK(ret == 0);
	if (ret) {
		fprintf(stderr, "load: %d %s at %u\n", ret, err.msg, err.offset);
		return;
	}
	compiled = !!m->funcs[1].code;
	CHECK(kw_module_import_count(m) == 3);
	CHECK(kw_module_import(m, 0, &id) == 0 && id.kind == KW_EXTERN_MEMORY &&
	      id.module_len == 3 && !memcmp(id.module, "env", 3) && id.name_len == 3 &&
	      !memcmp(id.name, "mem", 3));
	CHECK(kw_module_import(m, 2, &id) == 0 && id.kind == KW_EXTERN_FUNC &&
	      id.type.nparams == 2 && id.type.nresults == 1);
	CHECK(kw_module_import(m, 3, &id) == -KW_ENOTFOUND);
	CHECK(kw_module_export_count(m) == 5);
	CHECK(kw_module_export(m, 1, &ed) == 0 && ed.kind == KW_EXTERN_FUNC && ed.index == 2 &&
	      ed.name_len == 3 && !memcmp(ed.name, "add", 3) && ed.type.nparams == 2);
	CHECK(kw_module_export(m, 4, &ed) == 0 && ed.kind == KW_EXTERN_GLOBAL && ed.index == 1);
	CHECK(kw_module_export(m, 5, &ed) == -KW_ENOTFOUND);
	/* ref.func declarations: 1 (global, export, elem), 2 (export, elem), 3 (elem). */
	CHECK(m->func_refs && (m->func_refs[0] & 0x0e) == 0x0e && !(m->func_refs[0] & 1));
	CHECK(m->has_datacount && m->ndatas == 2 && m->nelems == 2);
	CHECK(m->elems[1].mode == KW_SEG_DECLARATIVE);

	env_init(&e);
	ret = kw_instance_new(m, e.ext, 3, NULL, &inst, &ctx, &err);
	CHECK(ret == 0);
	if (!ret) {
		mem = kw_memory_data(e.mem, &size);
		CHECK(size == 65536 && !memcmp(mem + 8, "hello", 5));
		CHECK(inst->data_dropped[0] && !inst->data_dropped[1]);
		CHECK(inst->elem_dropped[0] && inst->elem_dropped[1]);
		CHECK(kw_instance_export(inst, "g2", 2, &ex) == 0 && ex.kind == KW_EXTERN_GLOBAL);
		kw_global_get(ex.global, &gv);
		CHECK(gv.type == KW_I32 && gv.i32 == 7);
		CHECK(inst->globals[2]->val == (u64)(uintptr_t)inst->funcs[1]);
		CHECK(kw_instance_export(inst, "tab", 3, &ex) == 0 &&
		      ex.kind == KW_EXTERN_TABLE && ex.table->size == 2);
		CHECK(kw_instance_export(inst, "answer", 6, &ex2) == 0 &&
		      ex2.kind == KW_EXTERN_FUNC && ex.table->elems[0] == ex2.func);
		CHECK(kw_instance_export(inst, "mem", 3, &ex) == 0 && ex.memory == e.mem);
		CHECK(kw_instance_export(inst, "nope", 4, &ex) == -KW_ENOTFOUND);
		/* Host function through kw_call. */
		args[0].type = KW_I32;
		args[0].i32 = 40;
		args[1].type = KW_I32;
		args[1].i32 = 2;
		CHECK(kw_call(inst, e.f, args, 2, res, 1, &ctx) == 0 && res[0].type == KW_I32 &&
		      res[0].i32 == 42);
		CHECK(kw_call(inst, e.f, args, 1, res, 1, &ctx) == -KW_EARG);
		args[1].type = KW_I64;
		CHECK(kw_call(inst, e.f, args, 2, res, 1, &ctx) == -KW_EARG);
		args[1].type = KW_I32;
		if (compiled) {
			CHECK(kw_call(inst, ex2.func, NULL, 0, res, 1, &ctx) == 0 &&
			      res[0].i32 == 42);
			CHECK(kw_instance_export(inst, "add", 3, &ex) == 0);
			CHECK(kw_call(inst, ex.func, args, 2, res, 1, &ctx) == 0 &&
			      res[0].i32 == 42);
		}
		kw_instance_free(inst);
	}
	kw_module_free(m);

	if (compiled) {
		build_full(&b, true);
		ret = kw_module_load(b.b, b.n, &m, &err);
		CHECK(ret == 0);
		if (!ret) {
			ret = kw_instance_new(m, e.ext, 3, NULL, &inst, NULL, &err);
			CHECK(ret == 0);
			kw_instance_free(inst);
			kw_module_free(m);
		}
	}
	env_free(&e);
}

/*
 * Export names are counted bytes: "a\0x" (a function) and "a" (a global)
 * are different exports, and a lookup must neither stop at the NUL nor
 * match a prefix.
 */
static void test_export_names(void)
{
	struct buf b;
	struct kw_module *m;
	struct kw_instance *inst;
	struct kw_error err;
	struct kw_extern ex;
	int ret;

	header(&b);
	SEC(&b, 1, "\x01\x60\x00\x01\x7f");
	SEC(&b, 3, "\x01\x00");
	SEC(&b, 6, "\x01\x7f\x00\x41\x07\x0b");
	SEC(&b, 7, "\002\003a\000x\000\000\001a\003\000");
	SEC(&b, 10, "\x01\x04\x00\x41\x2a\x0b");
	ret = kw_module_load(b.b, b.n, &m, &err);
	CHECK(ret == 0);
	if (ret)
		return;
	ret = kw_instance_new(m, NULL, 0, NULL, &inst, NULL, &err);
	CHECK(ret == 0);
	if (!ret) {
		CHECK(kw_instance_export(inst, "a\0x", 3, &ex) == 0 &&
		      ex.kind == KW_EXTERN_FUNC);
		CHECK(kw_instance_export(inst, "a", 1, &ex) == 0 && ex.kind == KW_EXTERN_GLOBAL);
		CHECK(kw_instance_export(inst, "a\0", 2, &ex) == -KW_ENOTFOUND);
		CHECK(kw_instance_export(inst, "", 0, &ex) == -KW_ENOTFOUND);
		CHECK(kw_instance_export(inst, "a\0xy", 4, &ex) == -KW_ENOTFOUND);
		kw_instance_free(inst);
	}
	kw_module_free(m);
}

static void test_link(void)
{
	struct kw_module *m;
	struct kw_instance *inst;
	struct kw_error err;
	struct kw_extern ext[3];
	struct kw_memory *small, *capped;
	struct kw_global *mg, *ig64;
	struct kw_func *hf;
	struct kw_functype ft = { 1, 1, t_ii_i };
	struct kw_value v = { .type = KW_I32, .i32 = 1 };
	struct kw_value v64 = { .type = KW_I64, .i64 = 1 };
	struct env e;
	struct buf b;

	build_full(&b, false);
	if (kw_module_load(b.b, b.n, &m, &err)) {
		CHECK(0);
		return;
	}
	env_init(&e);
	CHECK(kw_instance_new(m, e.ext, 2, NULL, &inst, NULL, &err) == -KW_ELINK);

	memcpy(ext, e.ext, sizeof(ext));
	ext[0] = e.ext[1];	/* a global where a memory is expected */
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK &&
	      !strcmp(err.msg, "incompatible import type") && !strcmp(err.detail, "env.mem"));

	memcpy(ext, e.ext, sizeof(ext));
	ext[2].func = NULL;
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK &&
	      !strcmp(err.msg, "unknown import"));

	CHECK(kw_func_new_host(&ft, host_add, NULL, &hf) == 0);
	memcpy(ext, e.ext, sizeof(ext));
	ext[2].func = hf;	/* wrong signature */
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK &&
	      !strcmp(err.msg, "incompatible import type"));
	kw_func_free(hf);

	CHECK(kw_global_new(&v, true, &mg) == 0);
	memcpy(ext, e.ext, sizeof(ext));
	ext[1].global = mg;	/* mutability differs */
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK);
	kw_global_free(mg);

	CHECK(kw_global_new(&v64, false, &ig64) == 0);
	memcpy(ext, e.ext, sizeof(ext));
	ext[1].global = ig64;	/* type differs */
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK);
	kw_global_free(ig64);

	CHECK(kw_memory_new(0, 0, false, &small) == 0);
	memcpy(ext, e.ext, sizeof(ext));
	ext[0].memory = small;	/* below the declared minimum */
	CHECK(kw_instance_new(m, ext, 3, NULL, &inst, NULL, &err) == -KW_ELINK);
	kw_memory_free(small);
	kw_module_free(m);

	/* A memory import with a maximum needs an actual maximum within it. */
	header(&b);
	SEC(&b, 2, "\x01\x01m\x01m\x02\x01\x01\x02");
	CHECK(kw_module_load(b.b, b.n, &m, &err) == 0);
	ext[0].kind = KW_EXTERN_MEMORY;
	ext[0].memory = e.mem;	/* 1 page, no max */
	CHECK(kw_instance_new(m, ext, 1, NULL, &inst, NULL, &err) == -KW_ELINK);
	CHECK(kw_memory_new(1, 3, true, &capped) == 0);
	ext[0].memory = capped;	/* max 3 > 2 */
	CHECK(kw_instance_new(m, ext, 1, NULL, &inst, NULL, &err) == -KW_ELINK);
	kw_memory_free(capped);
	CHECK(kw_memory_new(2, 2, true, &capped) == 0);
	ext[0].memory = capped;
	CHECK(kw_instance_new(m, ext, 1, NULL, &inst, NULL, &err) == 0);
	kw_instance_free(inst);
	kw_memory_free(capped);
	kw_module_free(m);
	env_free(&e);
}

static void test_segments_and_limits(void)
{
	struct kw_module *m;
	struct kw_instance *inst;
	struct kw_error err;
	struct kw_call_ctx ctx;
	struct kw_limits lim = { 0 };
	struct kw_extern ext;
	struct kw_memory *mem;
	struct buf b;
	u64 size;
	u8 *p;

	/* Imported memory: segment 0 lands, segment 1 is out of bounds. */
	header(&b);
	SEC(&b, 2, "\x01\x01m\x01m\x02\x00\x01");
	SEC(&b, 11, "\x02\x00\x41\x00\x0b\x02\x61\x62\x00\x41\xff\xff\x03\x0b\x02\x63\x64");
	CHECK(kw_module_load(b.b, b.n, &m, &err) == 0);
	CHECK(kw_memory_new(1, 0, false, &mem) == 0);
	ext.kind = KW_EXTERN_MEMORY;
	ext.memory = mem;
	memset(&ctx, 0, sizeof(ctx));
	CHECK(kw_instance_new(m, &ext, 1, NULL, &inst, &ctx, &err) == -KW_ETRAP &&
	      ctx.trap.code == KW_TRAP_MEM_OOB && !strcmp(err.msg, "out of bounds memory access"));
	p = kw_memory_data(mem, &size);
	CHECK(p[0] == 'a' && p[1] == 'b');
	kw_memory_free(mem);
	kw_module_free(m);

	/* Element segment past the end of the table. */
	header(&b);
	SEC(&b, 1, "\x01\x60\x00\x00");
	SEC(&b, 3, "\x01\x00");
	SEC(&b, 4, "\x01\x70\x00\x01");
	SEC(&b, 9, "\x01\x00\x41\x01\x0b\x01\x00");
	SEC(&b, 10, "\x01\x02\x00\x0b");
	CHECK(kw_module_load(b.b, b.n, &m, &err) == 0);
	memset(&ctx, 0, sizeof(ctx));
	CHECK(kw_instance_new(m, NULL, 0, NULL, &inst, &ctx, &err) == -KW_ETRAP &&
	      ctx.trap.code == KW_TRAP_TABLE_OOB && !strcmp(err.msg, "out of bounds table access"));
	kw_module_free(m);

	/* Memory limit. */
	header(&b);
	SEC(&b, 5, "\x01\x00\x03");
	CHECK(kw_module_load(b.b, b.n, &m, &err) == 0);
	lim.max_memory_pages = 2;
	CHECK(kw_instance_new(m, NULL, 0, &lim, &inst, NULL, &err) == -KW_ELIMIT);
	lim.max_memory_pages = 4;
	CHECK(kw_instance_new(m, NULL, 0, &lim, &inst, NULL, &err) == 0);
	if (inst) {
		u32 old;

		CHECK(inst->mem->pages == 3 && inst->mem->max_pages == 4);
		CHECK(kw_memory_grow(inst->mem, 1, &old, false) == 0 && old == 3);
		CHECK(kw_memory_grow(inst->mem, 1, &old, false) == -KW_ELIMIT && old == 4);
	}
	kw_instance_free(inst);
	kw_module_free(m);
}

static void test_objects(void)
{
	struct kw_memory *mem;
	struct kw_table *tab;
	struct kw_func *f;
	struct kw_functype ft = { 2, 1, t_ii_i }, got;
	struct kw_value args[2] = { { .type = KW_I32 }, { .type = KW_I32 } }, res;
	struct kw_call_ctx ctx = { 0 };
	u64 size;
	u32 old;
	u8 *p;
	int x;

	CHECK(kw_memory_new(1, 3, true, &mem) == 0);
	p = kw_memory_data(mem, &size);
	p[100] = 9;
	CHECK(kw_memory_grow(mem, 1, &old, false) == 0 && old == 1);
	p = kw_memory_data(mem, &size);
	CHECK(size == 2 * 65536 && p[100] == 9 && p[65536 + 5] == 0);
	CHECK(kw_memory_grow(mem, 2, &old, false) == -KW_ELIMIT);
	CHECK(kw_memory_grow(mem, 0, &old, false) == 0 && old == 2);
	kw_memory_free(mem);
	CHECK(kw_memory_new(2, 1, true, &mem) == -KW_ELIMIT);
	CHECK(kw_memory_new(0, 70000, true, &mem) == -KW_ELIMIT);

	CHECK(kw_table_new(KW_FUNCREF, 1, 3, true, &tab) == 0);
	CHECK(kw_table_grow(tab, 2, &x, &old) == 0 && old == 1 && tab->size == 3 &&
	      !tab->elems[0] && tab->elems[2] == &x);
	CHECK(kw_table_grow(tab, 1, NULL, &old) == -KW_ELIMIT);
	kw_table_free(tab);
	CHECK(kw_table_new(KW_I32, 1, 3, true, &tab) == -KW_EARG);

	CHECK(kw_func_new_host(&ft, host_trap, NULL, &f) == 0);
	kw_func_type(f, &got);
	CHECK(got.nparams == 2 && got.nresults == 1 && !memcmp(got.types, t_ii_i, 3));
	CHECK(kw_call(NULL, f, args, 2, &res, 1, &ctx) == -KW_ETRAP &&
	      ctx.trap.code == KW_TRAP_UNREACHABLE);
	kw_func_free(f);

	CHECK(!strcmp(kw_trap_message(KW_TRAP_INDIRECT_MISMATCH), "indirect call type mismatch"));
	CHECK(!strcmp(kw_trap_message(KW_TRAP_STACK_EXHAUSTED), "call stack exhausted"));
	CHECK(!strcmp(kw_trap_message(999), "unknown trap"));
	CHECK(!strcmp(kw_strerror(-KW_EINVALID), "invalid module"));
	CHECK(!strcmp(kw_strerror(-KW_EBUSY), "instance busy"));
	CHECK(!strcmp(kw_strerror(12345), "unknown error"));
}

/* Hand-made binaries and the error each must give. */
static void test_malformed(void)
{
	static const struct {
		const char *bin;
		size_t len;
		int ret;
		const char *msg;
	} cases[] = {
#define C(s, r, m) { s, sizeof(s) - 1, r, m }
		C("", -KW_EMALFORMED, "unexpected end"),
		C("\0as", -KW_EMALFORMED, "unexpected end"),
		C("\0asm\1\0\0", -KW_EMALFORMED, "unexpected end"),
		C("\0ASM\1\0\0\0", -KW_EMALFORMED, "magic header not detected"),
		C("\0asm\2\0\0\0", -KW_EMALFORMED, "unknown binary version"),
		C("\0asm\1\0\0\0", 0, NULL),
		C("\0asm\1\0\0\0\x0d\x00", -KW_EMALFORMED, "malformed section id"),
		C("\0asm\1\0\0\0\x01\x05\x01\x60\x00\x00", -KW_EMALFORMED,
		  "length out of bounds"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00\x00", -KW_EMALFORMED, "unexpected end"),
		C("\0asm\1\0\0\0\x01\x05\x01\x60\x00\x00\x00", -KW_EMALFORMED,
		  "section size mismatch"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00\x01\x04\x01\x60\x00\x00",
		  -KW_EMALFORMED, "unexpected content after last section"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x01\x7b\x00", -KW_EUNSUPPORTED,
		  "SIMD not supported"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x01\x55\x00", -KW_EMALFORMED,
		  "malformed reference type"),
		C("\0asm\1\0\0\0\x02\x05\x01\x00\x00\x04\x00", -KW_EMALFORMED,
		  "malformed import kind"),
		C("\0asm\1\0\0\0\x02\x07\x01\x01\xc0\x01\x80\x02\x00", -KW_EMALFORMED,
		  "malformed UTF-8 encoding"),
		C("\0asm\1\0\0\0\x06\x06\x01\x7f\x02\x41\x00\x0b", -KW_EMALFORMED,
		  "malformed mutability"),
		C("\0asm\1\0\0\0\x05\x02\x01\x02", -KW_EMALFORMED, "integer too large"),
		C("\0asm\1\0\0\0\x05\x05\x02\x00\x01\x00\x01", -KW_EINVALID, "multiple memories"),
		C("\0asm\1\0\0\0\x05\x04\x01\x01\x02\x01", -KW_EINVALID,
		  "size minimum must not be greater than maximum"),
		C("\0asm\1\0\0\0\x05\x05\x01\x00\x81\x80\x04", -KW_EINVALID,
		  "memory size must be at most 65536 pages (4GiB)"),
		C("\0asm\1\0\0\0\x06\x06\x01\x7f\x00\x42\x00\x0b", -KW_EINVALID, "type mismatch"),
		C("\0asm\1\0\0\0\x06\x08\x01\x7f\x00\x41\x00\x41\x00\x0b", -KW_EINVALID,
		  "type mismatch"),
		C("\0asm\1\0\0\0\x06\x07\x01\x7f\x00\x41\x00\x6a\x0b", -KW_EINVALID,
		  "constant expression required"),
		C("\0asm\1\0\0\0\x06\x06\x01\x7f\x00\x23\x00\x0b", -KW_EINVALID, "unknown global"),
		C("\0asm\1\0\0\0\x06\x06\x01\x7f\x00\xf3\x00\x0b", -KW_EMALFORMED,
		  "illegal opcode"),
		C("\0asm\1\0\0\0\x03\x02\x01\x00", -KW_EMALFORMED,
		  "function and code section have inconsistent lengths"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x0a\x01\x00",
		  -KW_EMALFORMED, "function and code section have inconsistent lengths"),
		C("\0asm\1\0\0\0\x03\x02\x01\x05\x0a\x04\x01\x02\x00\x0b", -KW_EINVALID,
		  "unknown type"),
		C("\0asm\1\0\0\0\x0c\x01\x01", -KW_EMALFORMED,
		  "data count and data section have inconsistent lengths"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00\x03\x03\x02\x00\x00"
		  "\x07\x09\x02\x01\x61\x00\x00\x01\x61\x00\x01"
		  "\x0a\x07\x02\x02\x00\x0b\x02\x00\x0b", -KW_EINVALID, "duplicate export name"),
		C("\0asm\1\0\0\0\x07\x05\x01\x01\x61\x00\x00", -KW_EINVALID, "unknown function"),
		C("\0asm\1\0\0\0\x07\x05\x01\x01\x61\x04\x00", -KW_EMALFORMED,
		  "malformed export kind"),
		C("\0asm\1\0\0\0\x01\x05\x01\x60\x01\x7f\x00\x03\x02\x01\x00\x08\x01\x00"
		  "\x0a\x04\x01\x02\x00\x0b", -KW_EINVALID, "start function"),
		C("\0asm\1\0\0\0\x08\x01\x00", -KW_EINVALID, "unknown function"),
		C("\0asm\1\0\0\0\x0b\x06\x01\x00\x41\x00\x0b\x00", -KW_EINVALID, "unknown memory"),
		C("\0asm\1\0\0\0\x04\x04\x01\x70\x00\x01\x09\x07\x01\x00\x41\x00\x0b\x01\x00",
		  -KW_EINVALID, "unknown function"),
		C("\0asm\1\0\0\0\x04\x04\x01\x6f\x00\x01"
		  "\x09\x09\x01\x04\x41\x00\x0b\x01\xd0\x70\x0b",
		  -KW_EINVALID, "type mismatch"),
		C("\0asm\1\0\0\0\x00\x05\x04name", 0, NULL),
		C("\0asm\1\0\0\0\x00\x05\x05name", -KW_EMALFORMED, "length out of bounds"),
		C("\0asm\1\0\0\0\x00\x03\x02\xff\xfe", -KW_EMALFORMED, "malformed UTF-8 encoding"),
		C("\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00"
		  "\x0a\x05\x01\x03\x00\x01\x01", -KW_EMALFORMED,
		  "unexpected end of section or function"),
#undef C
	};
	size_t i;

	for (i = 0; i < KW_ARRAY_SIZE(cases); i++) {
		struct kw_module *m = NULL;
		struct kw_error err;
		int ret = kw_module_load((const u8 *)cases[i].bin, cases[i].len, &m, &err);
		bool ok = ret == cases[i].ret &&
			  (!cases[i].msg || (err.msg && !strcmp(err.msg, cases[i].msg)));

		/* Function bodies are the compiler's: a stub accepts them. */
		if (!compiled && cases[i].ret == 0)
			ok = ret == 0;
		if (!ok)
			fprintf(stderr, "malformed case %zu: got %d '%s', want %d '%s'\n", i, ret,
				ret ? err.msg : "", cases[i].ret, cases[i].msg ?: "");
		CHECK(ok);
		kw_module_free(m);
	}
}

/* Load (and instantiate when it loads) hostile bytes; only a clean result is asked. */
static bool try_bytes(const u8 *p, size_t n, struct env *e)
{
	struct kw_module *m;
	struct kw_instance *inst;
	struct kw_error err;
	struct kw_call_ctx ctx = { .fuel = 10000 };
	int ret = kw_module_load(p, n, &m, &err);

	if (ret)
		return ret < 0 && err.msg && !m;
	if (m->nimports == 3 || m->nimports == 0) {
		ret = kw_instance_new(m, e->ext, m->nimports, NULL, &inst, &ctx, &err);
		if (!ret)
			kw_instance_free(inst);
		else if (!err.msg)
			ret = 1;
	}
	kw_module_free(m);
	return ret <= 0;
}

static void test_hostile(void)
{
	struct buf b, c;
	struct env e;
	size_t i, bit;
	int bad = 0, total = 0;

	build_full(&b, compiled);
	env_init(&e);
	/* Every truncation. */
	for (i = 0; i < b.n; i++, total++)
		bad += !try_bytes(b.b, i, &e);
	/* Every single-bit flip. */
	for (i = 0; i < b.n; i++) {
		for (bit = 0; bit < 8; bit++, total++) {
			c = b;
			c.b[i] ^= 1u << bit;
			bad += !try_bytes(c.b, c.n, &e);
		}
	}
	/* Random byte replacements, a few at a time. */
	for (i = 0; i < 5000; i++, total++) {
		int k, nk = 1 + rng() % 4;

		c = b;
		for (k = 0; k < nk; k++)
			c.b[8 + rng() % (c.n - 8)] = (u8)rng();
		bad += !try_bytes(c.b, c.n, &e);
	}
	/* Valid header, random body. */
	for (i = 0; i < 5000; i++, total++) {
		size_t k, n = 8 + rng() % 64;

		header(&c);
		for (k = 8; k < n; k++)
			c.b[k] = (rng() & 1) ? (u8)(rng() % 13) : (u8)rng();
		c.n = n;
		bad += !try_bytes(c.b, c.n, &e);
	}
	env_free(&e);
	if (bad)
		fprintf(stderr, "hostile: %d of %d inputs gave an unclean result\n", bad, total);
	CHECK(bad == 0);
	CHECK(total > 5000);
}

/* Fail the Nth allocation for every N; each failure must be clean and leak nothing. */
static void test_alloc_failures(void)
{
	struct buf b;
	struct env e;
	long n, base;
	int unclean = 0;
	bool done = false;

	build_full(&b, compiled);
	env_init(&e);
	base = kw_port_live_allocs;
	for (n = 1; n < 10000 && !done; n++) {
		struct kw_module *m;
		struct kw_instance *inst;
		struct kw_error err;
		int ret;

		kw_port_fail_after = n;
		ret = kw_module_load(b.b, b.n, &m, &err);
		if (!ret) {
			ret = kw_instance_new(m, e.ext, 3, NULL, &inst, NULL, &err);
			if (!ret) {
				kw_instance_free(inst);
				done = kw_port_fail_after > 0;
			}
			kw_module_free(m);
		}
		if ((ret && ret != -KW_ENOMEM) || kw_port_live_allocs != base) {
			fprintf(stderr, "alloc failure %ld: ret %d (%s), %ld leaked\n", n, ret,
				err.msg, kw_port_live_allocs - base);
			unclean++;
			base = kw_port_live_allocs;
		}
	}
	kw_port_fail_after = 0;
	env_free(&e);
	CHECK(done);
	CHECK(unclean == 0);
}

int main(void)
{
	test_leb();
	test_full();
	test_export_names();
	test_link();
	test_segments_and_limits();
	test_objects();
	test_malformed();
	test_hostile();
	test_alloc_failures();
	return check_done(NULL);
}
