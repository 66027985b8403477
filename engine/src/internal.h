/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Engine internals shared between the decoder, the compiler, the
 * interpreter and the runtime objects.
 */
#ifndef KW_INTERNAL_H
#define KW_INTERNAL_H

#include "kwasm/engine.h"
#include "kwasm/kw_port.h"

/*
 * Linear memory, value slots and the decoder's fixed-width reads use the
 * CPU's byte order for Wasm's little-endian one; no big-endian port yet.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "kwasm needs a little-endian CPU");

#define KW_PAGE_SIZE		65536u
#define KW_MAX_PAGES		65536u		/* wasm32 address space */
#define KW_MAX_LOCALS		50000u		/* per function, params included */
#define KW_MAX_CTRL_DEPTH	4096u		/* nested blocks per function */
#define KW_MAX_FUNC_SLOTS	65536u		/* locals + operand stack per frame */
#define KW_MAX_TABLE_SIZE	10000000u	/* hard cap on any table */

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#define KW_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Constant expressions in Wasm 2.0 are one instruction then `end`.
 * @op is the opcode: 0x41 i32.const, 0x42 i64.const, 0x43 f32.const,
 * 0x44 f64.const, 0xd0 ref.null, 0xd2 ref.func, 0x23 global.get.
 */
struct kw_constexpr {
	u8 op;
	u8 type;	/* its value type */
	u32 idx;	/* function or global index, or ref.null's heap type */
	u64 bits;	/* constant value */
};

struct kw_limits_decl {
	u32 min;
	u32 max;
	bool has_max;
};

struct kw_import {
	const char *module;	/* points into kw_module.bytes */
	u32 module_len;
	const char *name;
	u32 name_len;
	u8 kind;		/* enum kw_extern_kind */
	u32 index;		/* index in the space of that kind */
};

struct kw_export {
	const char *name;	/* points into kw_module.bytes */
	u32 name_len;
	u8 kind;
	u32 index;
};

struct kw_code;

struct kw_func_decl {
	u32 type_idx;
	u32 body_off;		/* defined funcs: offset of the body (after its size) */
	u32 body_len;		/* defined funcs: body size in bytes */
	struct kw_code *code;	/* defined funcs: compiled code */
};

struct kw_table_decl {
	u8 elemtype;		/* KW_FUNCREF or KW_EXTERNREF */
	struct kw_limits_decl lim;
};

struct kw_global_decl {
	u8 type;
	bool mut;
	struct kw_constexpr init;	/* defined globals only */
};

enum kw_seg_mode {
	KW_SEG_ACTIVE,
	KW_SEG_PASSIVE,
	KW_SEG_DECLARATIVE,
};

struct kw_elem {
	u8 mode;		/* enum kw_seg_mode */
	u8 elemtype;
	u32 table;
	struct kw_constexpr offset;
	u32 count;
	struct kw_constexpr *init;	/* @count items */
};

struct kw_data {
	u8 mode;		/* KW_SEG_ACTIVE or KW_SEG_PASSIVE */
	u32 mem;
	struct kw_constexpr offset;
	const u8 *bytes;	/* points into kw_module.bytes */
	u32 len;
};

/*
 * A decoded, validated and compiled module.  Index spaces (funcs, tables,
 * mems, globals) list imports first, as the spec numbers them.
 */
struct kw_module {
	u8 *bytes;		/* private copy of the binary */
	size_t len;

	u32 ntypes;
	struct kw_functype *types;

	u32 nimports;
	struct kw_import *imports;

	u32 nfuncs, nfunc_imports;
	struct kw_func_decl *funcs;

	u32 ntables, ntable_imports;
	struct kw_table_decl *tables;

	u32 nmems, nmem_imports;
	struct kw_limits_decl *mems;

	u32 nglobals, nglobal_imports;
	struct kw_global_decl *globals;

	u32 nexports;
	struct kw_export *exports;
	/* Open-addressing hash of export names: index + 1, 0 for empty. */
	u32 export_hash_size;
	u32 *export_hash;

	bool has_start;
	u32 start;

	u32 nelems;
	struct kw_elem *elems;

	u32 ndatas;
	struct kw_data *datas;
	bool has_datacount;

	u8 *func_refs;		/* bitmap: functions declared for ref.func */

	/*
	 * Instances whose initialisation trapped: their functions may already
	 * sit in a shared table (Wasm 2.0 keeps earlier segments), so they live
	 * until the module is freed.
	 */
	struct kw_instance *zombies;
};

/* Runtime objects. */

struct kw_memory {
	u8 *data;
	u64 size;		/* bytes, a multiple of KW_PAGE_SIZE */
	u32 pages;
	u32 max_pages;		/* effective cap: declared max and limit */
	bool has_max;
	u32 decl_max;		/* declared max, for import matching */
	u64 reserved;		/* bytes allocated at data, >= size */
};

struct kw_table {
	void **elems;
	u32 size;
	u32 max;		/* effective cap */
	bool has_max;
	u32 decl_max;
	u8 elemtype;
};

struct kw_global {
	u64 val;
	u8 type;
	bool mut;
};

struct kw_func {
	const struct kw_functype *type;
	struct kw_instance *inst;	/* NULL for host functions */
	const struct kw_code *code;	/* NULL for host functions */
	kw_host_fn host;
	void *host_data;
	u32 idx;			/* index in its module's function space */
	struct kw_functype own_type;	/* host functions keep their type here */
};

/* One activation record on the control stack. */
struct kw_frame {
	const void *ret_ip;
	u64 *fp;
	struct kw_instance *inst;
};

/*
 * The fuel of the call running on an instance's stacks, beyond the slice
 * the interpreter's loop holds: here rather than on the interpreter's
 * native stack, so a call that never refuels pays two stores for it.
 */
struct kw_fuel {
	u64 granted;		/* handed to the loop so far */
	u64 slice;		/* 0 until the first refuel reads the call's options */
	u64 total;		/* the budget, at most KW_FUEL_MAX */
	u64 deadline;
	u64 budget;		/* ctx->budget_ns until the clock is first read */
	u32 trap;		/* why the last refuel failed */
};

struct kw_instance {
	struct kw_module *mod;

	struct kw_func **funcs;		/* nfuncs: imports point elsewhere */
	struct kw_func *own_funcs;	/* defined functions */
	struct kw_table **tables;
	struct kw_table *own_tables;
	struct kw_memory *mem;		/* memory 0 or NULL */
	struct kw_memory *own_mem;
	struct kw_global **globals;
	struct kw_global *own_globals;

	u8 *elem_dropped;		/* per element segment */
	u8 *data_dropped;		/* per data segment */

	u64 *stack;			/* value stack */
	u64 *stack_end;
	struct kw_frame *frames;	/* control stack */
	u32 max_frames;

	struct kw_limits lim;
	bool running;			/* re-entry guard */
	struct kw_fuel fuel;		/* while running */
	struct kw_instance *next_zombie;	/* in mod->zombies */
};

/* leb128.c / decode.c */
int kw_decode_module(struct kw_module *m, struct kw_error *err);
bool kw_functype_eq(const struct kw_functype *a, const struct kw_functype *b);
u32 kw_name_hash(const char *s, u32 len);
const struct kw_export *kw_module_find_export(const struct kw_module *m, const char *name,
					      u32 len);

/* compile.c: validate and translate one defined function (index in func space). */
int kw_compile_func(struct kw_module *m, u32 func_idx, struct kw_error *err);
void kw_code_free(struct kw_code *code);

/* Label table of the interpreter (indexed by enum kw_op), for the compiler. */
const void *const *kw_interp_labels(void);

/* instance.c helpers shared with the interpreter */
int kw_memory_grow(struct kw_memory *mem, u32 delta, u32 *old_pages, bool no_alloc);
int kw_table_grow(struct kw_table *tab, u32 delta, void *init, u32 *old_size);

/* runtime.c: object setup shared by standalone objects and instances */
int kw_memory_setup(struct kw_memory *mem, u32 min, u32 max, bool has_max, u32 cap,
		    bool prealloc);
void kw_memory_release(struct kw_memory *mem);
int kw_table_setup(struct kw_table *tab, u8 elemtype, u32 min, u32 max, bool has_max, u32 cap);
void kw_table_release(struct kw_table *tab);
bool kw_valtype_ok(u32 t);
u64 kw_value_to_slot(const struct kw_value *v);
void kw_slot_to_value(u8 type, u64 slot, struct kw_value *out);

/* err.c */
int kw_error_set(struct kw_error *err, u32 offset, const char *msg);

#endif /* KW_INTERNAL_H */
