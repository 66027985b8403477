/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm engine: public API.
 *
 * Load (decode + validate + compile) a module once, instantiate it with
 * imports and limits, look up exports, call them with typed values.  Every
 * function returns 0 or a negative KW_E* code; no errno, no libc.
 *
 * Ownership: an instance owns what it defines.  Imported objects (functions,
 * memories, tables, globals of other instances or created by the host) are
 * borrowed and must outlive the instance.  A module must outlive its
 * instances.
 */
#ifndef KWASM_ENGINE_H
#define KWASM_ENGINE_H

#include "kw_port_types.h"

/* Engine status codes, returned negated; above errno so ERR_PTR() keeps them. */
enum kw_err {
	KW_EOK = 0,
	KW_ENOMEM = 4001,	/* allocation failed */
	KW_EMALFORMED,		/* binary decoding failed */
	KW_EINVALID,		/* validation failed */
	KW_ELINK,		/* import missing or of the wrong type */
	KW_ELIMIT,		/* a configured limit was exceeded */
	KW_ETRAP,		/* the guest trapped; see struct kw_trap */
	KW_ENOTFOUND,		/* no such export */
	KW_EARG,		/* wrong number or type of arguments/results */
	KW_EUNSUPPORTED,	/* feature not supported (SIMD) */
	KW_EBUSY,		/* instance already running (re-entry) */
	__KW_E_LAST,
};

/* Value types, numbered as in the binary format. */
enum kw_valtype {
	KW_I32 = 0x7f,
	KW_I64 = 0x7e,
	KW_F32 = 0x7d,
	KW_F64 = 0x7c,
	KW_V128 = 0x7b,
	KW_FUNCREF = 0x70,
	KW_EXTERNREF = 0x6f,
};

/* External kinds, numbered as in the binary format. */
enum kw_extern_kind {
	KW_EXTERN_FUNC = 0,
	KW_EXTERN_TABLE = 1,
	KW_EXTERN_MEMORY = 2,
	KW_EXTERN_GLOBAL = 3,
};

/* Trap kinds; kw_trap_message() gives the spec's wording for each. */
enum kw_trap_code {
	KW_TRAP_NONE = 0,
	KW_TRAP_UNREACHABLE,		/* "unreachable" */
	KW_TRAP_MEM_OOB,		/* "out of bounds memory access" */
	KW_TRAP_DIV_ZERO,		/* "integer divide by zero" */
	KW_TRAP_INT_OVERFLOW,		/* "integer overflow" */
	KW_TRAP_INVALID_CONV,		/* "invalid conversion to integer" */
	KW_TRAP_UNDEF_ELEM,		/* "undefined element" */
	KW_TRAP_UNINIT_ELEM,		/* "uninitialized element" */
	KW_TRAP_INDIRECT_MISMATCH,	/* "indirect call type mismatch" */
	KW_TRAP_TABLE_OOB,		/* "out of bounds table access" */
	KW_TRAP_STACK_EXHAUSTED,	/* "call stack exhausted" */
	KW_TRAP_FUEL,			/* "fuel exhausted" */
	KW_TRAP_DEADLINE,		/* "deadline exceeded" */
	KW_TRAP_INTERRUPTED,		/* "interrupted" (kw_port_yield said stop) */
	KW_TRAP_HOST,			/* "host function failed" */
	KW_TRAP_NULL_REF,		/* "null reference" */
	__KW_TRAP_LAST,
};

/**
 * struct kw_value - a typed Wasm value
 * @type: enum kw_valtype
 * @i32: i32 value
 * @i64: i64 value
 * @f32: f32 value as its IEEE-754 bit pattern
 * @f64: f64 value as its IEEE-754 bit pattern
 * @ref: funcref (struct kw_func *) or externref (host pointer); NULL is null
 */
struct kw_value {
	u32 type;
	union {
		u32 i32;
		u64 i64;
		u32 f32;
		u64 f64;
		void *ref;
	};
};

/**
 * struct kw_trap - where and why a guest trapped
 * @code: enum kw_trap_code
 * @func_idx: index of the function that trapped (module function space)
 * @offset: byte offset of the trapping instruction in the module binary
 */
struct kw_trap {
	u32 code;
	u32 func_idx;
	u32 offset;
};

/**
 * struct kw_error - why a module failed to load or instantiate
 * @offset: byte offset in the binary where the problem was found
 * @msg: static text, in the spec's wording where it has one
 * @detail: extra context (e.g. the name of a missing import), may be empty
 */
struct kw_error {
	u32 offset;
	const char *msg;
	char detail[96];
};

/**
 * struct kw_functype - a function signature
 * @nparams: number of parameters
 * @nresults: number of results
 * @types: @nparams parameter types followed by @nresults result types
 */
struct kw_functype {
	u32 nparams;
	u32 nresults;
	const u8 *types;
};

/**
 * struct kw_limits - per-instance resource limits; 0 means the default
 * @max_memory_pages: cap on linear memory size in 64 KiB pages
 * @max_table_elems: cap on any table's size
 * @max_call_depth: nested Wasm calls before "call stack exhausted"
 * @stack_slots: 8-byte value stack slots allocated for execution
 * @flags: KW_LIMIT_* bits
 */
struct kw_limits {
	u32 max_memory_pages;
	u32 max_table_elems;
	u32 max_call_depth;
	u32 stack_slots;
	u32 flags;
};

/*
 * Allocate the instance's own memory at its cap up front, so memory.grow
 * up to the cap never allocates (calls with no_alloc set rely on it).
 */
#define KW_LIMIT_PREALLOC_MEMORY	0x1

#ifndef KW_DEFAULT_MAX_PAGES
#define KW_DEFAULT_MAX_PAGES	65536	/* the full 4 GiB wasm32 space */
#endif
#ifndef KW_DEFAULT_MAX_TABLE
#define KW_DEFAULT_MAX_TABLE	1000000	/* elements per table */
#endif
#ifndef KW_DEFAULT_CALL_DEPTH
#define KW_DEFAULT_CALL_DEPTH	10000	/* frames */
#endif
#ifndef KW_DEFAULT_STACK_SLOTS
#define KW_DEFAULT_STACK_SLOTS	(1 << 20)	/* 8 MiB of value stack */
#endif

/* The largest fuel budget a call can have: 2^62 - 1, centuries of work. */
#define KW_FUEL_MAX	(~0ull >> 2)

/* Fuel a call with a budget_ns runs before the clock is first read. */
#define KW_BUDGET_START_FUEL	4096

/**
 * struct kw_call_ctx - per-call options and outcome
 * @fuel: in: budget in instructions, 0 for unlimited; budgets above
 *	KW_FUEL_MAX count as KW_FUEL_MAX.  A call charges the instructions of
 *	its function body outside loops, a loop the instructions of its body
 *	at entry and at every iteration, a bulk memory or table operation one
 *	unit per 64 bytes or 8 elements, a host function 1: so fuel is at
 *	least the number of Wasm instructions executed, and exactly that for
 *	straight-line code (branches that skip code still pay for it)
 * @deadline_ns: in: absolute kw_port_time_ns() deadline, 0 for none
 * @budget_ns: in: a deadline this far past the moment the call has used
 *	KW_BUDGET_START_FUEL units of fuel, 0 for none: a call shorter than
 *	that never reads the clock (the data path's many short calls)
 * @may_yield: in: the caller may sleep; kw_port_yield() is called at back-edges
 * @no_alloc: in: the caller cannot allocate (atomic context): memory.grow
 *	beyond what is already allocated and table.grow fail (return -1)
 * @fuel_used: out: fuel consumed by the call
 * @trap: out: filled when the call returns -KW_ETRAP
 */
struct kw_call_ctx {
	u64 fuel;
	u64 deadline_ns;
	u64 budget_ns;
	bool may_yield;
	bool no_alloc;
	u64 fuel_used;
	struct kw_trap trap;
};

struct kw_module;
struct kw_instance;
struct kw_func;
struct kw_memory;
struct kw_table;
struct kw_global;

/**
 * struct kw_extern - an importable/exportable object
 * @kind: enum kw_extern_kind
 * @func: the function, for KW_EXTERN_FUNC
 * @table: the table, for KW_EXTERN_TABLE
 * @memory: the memory, for KW_EXTERN_MEMORY
 * @global: the global, for KW_EXTERN_GLOBAL
 */
struct kw_extern {
	u32 kind;
	union {
		struct kw_func *func;
		struct kw_table *table;
		struct kw_memory *memory;
		struct kw_global *global;
	};
};

/**
 * struct kw_import_desc - one import of a module, as declared
 * @module: import module name (not NUL-terminated)
 * @module_len: its length
 * @name: import field name (not NUL-terminated)
 * @name_len: its length
 * @kind: enum kw_extern_kind
 * @type: for functions, the expected signature
 * @valtype: for globals, the value type; for tables, the element type
 * @mutable: for globals, whether it is mutable
 * @min: for tables and memories, the minimum size (elements or pages)
 * @max: for tables and memories, the maximum size, if @has_max
 * @has_max: for tables and memories, whether a maximum is declared
 */
struct kw_import_desc {
	const char *module;
	u32 module_len;
	const char *name;
	u32 name_len;
	u32 kind;
	struct kw_functype type;
	u32 valtype;
	bool mutable;
	u32 min;
	u32 max;
	bool has_max;
};

/**
 * struct kw_export_desc - one export of a module
 * @name: export name (not NUL-terminated)
 * @name_len: its length
 * @kind: enum kw_extern_kind
 * @index: index in the module's space of that kind
 * @type: for functions, the signature
 */
struct kw_export_desc {
	const char *name;
	u32 name_len;
	u32 kind;
	u32 index;
	struct kw_functype type;
};

/**
 * struct kw_host_call - context handed to a host function
 * @inst: the calling instance (may be NULL if called directly by the host)
 * @data: the pointer given to kw_func_new_host()
 */
struct kw_host_call {
	struct kw_instance *inst;
	void *data;
};

/*
 * A host function reads its arguments from @args and writes its results to
 * @results, one 8-byte slot per value (i32/f32 in the low 32 bits, refs as
 * pointers).  @results is the same memory as @args, on every call path:
 * read every argument before writing the first result.  Return 0, or an
 * enum kw_trap_code to trap the caller.
 */
typedef int (*kw_host_fn)(struct kw_host_call *hc, const u64 *args, u64 *results);

/**
 * kw_module_load() - decode, validate and compile a binary module
 * @bytes: the module binary; copied, may be freed after the call
 * @len: its length
 * @out: the module, on success
 * @err: on failure, the offset and reason (may be NULL)
 *
 * Return: 0, -KW_EMALFORMED, -KW_EINVALID, -KW_EUNSUPPORTED, -KW_ELIMIT (an
 * implementation limit such as nesting depth or frame size) or -KW_ENOMEM.
 */
int kw_module_load(const u8 *bytes, size_t len, struct kw_module **out,
		   struct kw_error *err);

/**
 * kw_module_free() - free a module with no live instances
 * @mod: the module, or NULL
 */
void kw_module_free(struct kw_module *mod);

/**
 * kw_module_import_count() - number of imports
 * @mod: the module
 *
 * Return: the count.
 */
u32 kw_module_import_count(const struct kw_module *mod);

/**
 * kw_module_import() - describe one import
 * @mod: the module
 * @idx: import index, below kw_module_import_count()
 * @desc: filled on success
 *
 * Return: 0 or -KW_ENOTFOUND.
 */
int kw_module_import(const struct kw_module *mod, u32 idx, struct kw_import_desc *desc);

/**
 * kw_module_export_count() - number of exports
 * @mod: the module
 *
 * Return: the count.
 */
u32 kw_module_export_count(const struct kw_module *mod);

/**
 * kw_module_export() - describe one export
 * @mod: the module
 * @idx: export index, below kw_module_export_count()
 * @desc: filled on success
 *
 * Return: 0 or -KW_ENOTFOUND.
 */
int kw_module_export(const struct kw_module *mod, u32 idx, struct kw_export_desc *desc);

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
 * Allocates memories, tables, globals and the execution stack, initialises
 * element and data segments and runs the start function.
 *
 * An instance whose initialisation traps after element segments were
 * applied may still be referenced from an imported table, so it is kept
 * with the module and freed by kw_module_free().
 *
 * Return: 0, -KW_ELINK, -KW_ELIMIT, -KW_ETRAP (segment out of bounds or
 * start function trapped) or -KW_ENOMEM.
 */
int kw_instance_new(struct kw_module *mod, const struct kw_extern *imports, u32 nimports,
		    const struct kw_limits *limits, struct kw_instance **out,
		    struct kw_call_ctx *ctx, struct kw_error *err);

/**
 * kw_instance_free() - free an instance and everything it owns
 * @inst: the instance, or NULL
 */
void kw_instance_free(struct kw_instance *inst);

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
		       struct kw_extern *out);

/**
 * kw_instance_memory() - the instance's linear memory, exported or not
 * @inst: the instance
 *
 * Return: memory 0 (its own or imported), or NULL if it has none.
 */
struct kw_memory *kw_instance_memory(struct kw_instance *inst);

/**
 * kw_func_type() - signature of a function
 * @fn: the function
 * @out: filled with the signature; valid while @fn lives
 */
void kw_func_type(const struct kw_func *fn, struct kw_functype *out);

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
 * Return: 0, -KW_ETRAP (see @ctx->trap), -KW_EARG or -KW_EBUSY.
 */
int kw_call(struct kw_instance *inst, struct kw_func *fn, const struct kw_value *args,
	    u32 nargs, struct kw_value *results, u32 nresults, struct kw_call_ctx *ctx);

/**
 * kw_call_slots() - call a Wasm function with raw argument slots
 * @fn: the function, Wasm (not host); the caller has checked its
 *	signature once (kw_func_type()), so no call pays for checking it
 * @slots: the arguments in, the results out, one u64 each (an i32 or
 *	f32 in the low 32 bits); room for the larger of the two counts
 * @ctx: as for kw_call(), not NULL
 *
 * Return: 0, -KW_ETRAP (see @ctx->trap), -KW_EARG (a host function, or
 * a signature larger than the instance's value stack) or -KW_EBUSY.
 */
int kw_call_slots(struct kw_func *fn, u64 *slots, struct kw_call_ctx *ctx);

/**
 * kw_func_new_host() - make a host function callable from Wasm
 * @type: its signature; copied
 * @fn: the callback
 * @data: handed to @fn in struct kw_host_call
 * @out: the function, on success
 *
 * Return: 0 or -KW_ENOMEM.
 */
int kw_func_new_host(const struct kw_functype *type, kw_host_fn fn, void *data,
		     struct kw_func **out);

/**
 * kw_func_free() - free a host function
 * @fn: a function from kw_func_new_host(), or NULL
 */
void kw_func_free(struct kw_func *fn);

/**
 * kw_memory_new() - create a standalone linear memory (for imports)
 * @min_pages: initial size
 * @max_pages: maximum size
 * @has_max: whether @max_pages applies
 * @out: the memory, on success
 *
 * Return: 0, -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_memory_new(u32 min_pages, u32 max_pages, bool has_max, struct kw_memory **out);

/**
 * kw_memory_free() - free a standalone memory
 * @mem: from kw_memory_new(), or NULL
 */
void kw_memory_free(struct kw_memory *mem);

/**
 * kw_memory_data() - current bytes of a memory
 * @mem: the memory
 * @size: out: its size in bytes
 *
 * Return: the base pointer; invalid after the memory grows.
 */
u8 *kw_memory_data(struct kw_memory *mem, u64 *size);

/**
 * kw_host_mem() - bounds-checked pointer into the calling instance's memory
 * @hc: the host call context
 * @addr: guest address
 * @len: bytes wanted
 *
 * Return: a pointer valid until the guest runs again, or NULL if out of
 * bounds or the instance has no memory.
 */
void *kw_host_mem(struct kw_host_call *hc, u64 addr, u64 len);

/**
 * kw_table_new() - create a standalone table (for imports)
 * @elemtype: KW_FUNCREF or KW_EXTERNREF
 * @min: initial size
 * @max: maximum size
 * @has_max: whether @max applies
 * @out: the table, on success
 *
 * Return: 0, -KW_EARG (not a reference type), -KW_ELIMIT or -KW_ENOMEM.
 */
int kw_table_new(u32 elemtype, u32 min, u32 max, bool has_max, struct kw_table **out);

/**
 * kw_table_free() - free a standalone table
 * @tab: from kw_table_new(), or NULL
 */
void kw_table_free(struct kw_table *tab);

/**
 * kw_global_new() - create a standalone global (for imports)
 * @val: type and initial value
 * @mutable: whether Wasm may set it
 * @out: the global, on success
 *
 * Return: 0, -KW_EARG (not a value type) or -KW_ENOMEM.
 */
int kw_global_new(const struct kw_value *val, bool mutable, struct kw_global **out);

/**
 * kw_global_free() - free a standalone global
 * @glob: from kw_global_new(), or NULL
 */
void kw_global_free(struct kw_global *glob);

/**
 * kw_global_get() - read a global
 * @glob: the global
 * @out: its type and value
 */
void kw_global_get(const struct kw_global *glob, struct kw_value *out);

/**
 * kw_strerror() - text for an engine status code
 * @err: a KW_E* code, negated or not
 *
 * Return: a static string.
 */
const char *kw_strerror(int err);

/**
 * kw_trap_message() - the spec's wording for a trap
 * @code: enum kw_trap_code
 *
 * Return: a static string.
 */
const char *kw_trap_message(u32 code);

#ifdef KW_COUNT_DISPATCH
/* Dispatches per instruction, in the dispatch-counting build only (interp.c). */
void kw_dispatch_report(void (*emit)(const char *name, u64 n, void *arg), void *arg);
#endif

#endif /* KWASM_ENGINE_H */
