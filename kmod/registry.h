/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm.ko: the registry of loaded Wasm modules, one struct kw_entry each:
 * registry.c (list, lifetimes), inst.c (instantiation), link.c (linking,
 * graveyard), call.c (the call path).
 *
 * Every entry point here runs in process context and may sleep.  The
 * registry mutex guards the list, names and ids; each module's call mutex
 * serialises calls into its one instance (the engine's instances are
 * single-threaded) and guards freeing the engine objects.  The two are
 * never nested.
 *
 * Linking: a module loaded with an import mapping and every module it
 * imports from are "linked".  An importer's call may run code in, and touch
 * the memory, tables and globals of, its targets, so every call into a
 * linked module and every linked instantiation also holds one kmod-wide
 * link mutex (taken before the call mutex).  A module stays linked for
 * life.  Modules that others import cannot be unloaded (-EBUSY), and
 * data-path modules cannot be imported from: their instances belong to
 * the CPUs' data path.  An unloaded linked module (or an importer whose
 * instantiation failed) may still be reached from a surviving table: its
 * functions, and through them its host functions, maps and log state.  So
 * the whole struct kw_entry, engine objects included, waits in a graveyard
 * with a reference until no linked module is left; buried modules count
 * against max_modules, which bounds the graveyard.
 *
 * Guest code runs with may_yield: cond_resched() at loop back-edges, and a
 * fatal signal stops it.
 */
#ifndef KW_REGISTRY_H
#define KW_REGISTRY_H

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/types.h>
#include <linux/kwasm.h>

#include "kwasm/engine.h"
#include "abi.h"

/* Module parameters (main.c): defaults and caps. */
extern unsigned long long kw_param_fuel;
extern unsigned int kw_param_max_pages;
extern unsigned int kw_param_max_modules;
extern unsigned int kw_param_max_file_size;
extern unsigned long long kw_param_dp_fuel;
extern unsigned int kw_param_dp_max_pages;
extern unsigned int kw_param_map_entries;
extern unsigned int kw_param_call_ms;
extern unsigned long long kw_param_dp_fuel_max;
extern unsigned int kw_param_dp_call_us;
extern unsigned int kw_param_dp_pages_limit;

/*
 * Instance limits.  Kernel memory is precious: a control-plane instance
 * gets a 512 KiB value stack, 2000 frames deep; a data-path one, per CPU,
 * 64 KiB and 500 frames.  Imports and results: the JS API's
 * implementation limits, which every engine accepts.
 */
#define KW_INST_STACK_SLOTS	(1U << 16)
#define KW_INST_CALL_DEPTH	2000U
#define KW_DP_STACK_SLOTS	(1U << 13)
#define KW_DP_CALL_DEPTH	500U
#define KW_INST_MAX_IMPORTS	100000U
#define KW_CALL_MAX_RESULTS	1000U
/* The longest call_ms: an hour. */
#define KW_CALL_MS_MAX		3600000U

/* Live engine allocations (port/kernel/port_kernel.c). */
extern atomic_long_t kw_port_allocs;

/**
 * struct kw_entry_stats - per-module counters, updated after every call
 * @calls: calls made (trapped or not)
 * @traps: calls that trapped
 * @fuel: fuel used by all calls
 * @time_ns: time spent in calls
 * @trap_kinds: traps per enum kw_trap_code
 *
 * Data-path calls and their fuel are counted per CPU instead (kw_dp_stats()).
 * @dp_busy: data-path calls refused because the CPU's instance was busy
 * @dp_errors: data-path calls that failed (trap, fuel, negative result)
 */
struct kw_entry_stats {
	atomic64_t calls;
	atomic64_t traps;
	atomic64_t fuel;
	atomic64_t time_ns;
	atomic64_t trap_kinds[__KW_TRAP_LAST];
	atomic64_t dp_busy;
	atomic64_t dp_errors;
};

struct kw_dp;
struct kw_maps;

/**
 * struct kw_entry - a registry entry: one loaded Wasm module and its instance
 * @node: in the registry list, under the registry mutex
 * @ref: the list holds one reference, every lookup another
 * @name: unique name, NUL-terminated
 * @id: unique id, never reused while the kernel module is loaded
 * @size: size of the binary in bytes
 * @fuel: fuel per call
 * @max_pages: linear memory cap in 64 KiB pages
 * @mem_pages: linear memory size after the last call (READ_ONCE)
 * @call_lock: serialises calls; held while @inst and @mod are freed
 * @retired: unloaded: calls fail; set under @call_lock
 * @grave: in the graveyard, under the link mutex
 * @mod: the engine module; stays valid while the entry is listed
 * @inst: its instance (a data-path module's control-plane instance); NULL
 *	once freed
 * @mem: the instance's exported memory, or NULL
 * @stats: counters
 * @targets: the modules this one imports from, each with a reference
 * @ntargets: their number
 * @importers: loaded modules importing from this one, under the registry mutex
 * @linked: see above; set once under the link mutex, never cleared
 * @dp: per-CPU instances of a data-path module, else NULL; @inst is then
 *	the control-plane instance, owned by @dp
 * @ai: guest ABI state of @inst, for a module that is not a data-path one
 * @maps: key-value maps, if the module imports kwasm.map_*
 * @attached: netfilter attachments, under the registry mutex
 * @log_rs: rate limit of kwasm.log
 */
struct kw_entry {
	struct list_head node;
	struct kref ref;
	char name[KWASM_NAME_MAX];
	u32 id;
	u64 size;
	u64 fuel;
	u32 max_pages;
	u32 mem_pages;
	struct mutex call_lock;		/* see above */
	bool retired;
	struct list_head grave;
	struct kw_module *mod;
	struct kw_instance *inst;
	struct kw_memory *mem;
	struct kw_entry_stats stats;
	struct kw_entry **targets;
	u32 ntargets;
	u32 importers;
	bool linked;
	struct kw_dp *dp;
	struct kw_abi_inst ai;
	struct kw_maps *maps;
	u32 attached;
	struct ratelimit_state log_rs;
};

/**
 * struct kw_import_map - one entry of a LOAD's import mapping
 * @from: an import module name as the binary spells it (not NUL-terminated)
 * @from_len: its length
 * @to: the name of a loaded module that provides it
 */
struct kw_import_map {
	const char *from;
	u32 from_len;
	char to[KWASM_NAME_MAX];
};

#define KW_STATUS_MSG_LEN 72

/**
 * struct kw_status - why an operation failed
 * @status: engine status (positive enum kw_err), 0 if not an engine failure
 * @offset: byte offset in the binary, for decode and validation failures
 * @trap_code: enum kw_trap_code, when @status is KW_ETRAP
 * @msg: human-readable reason, for the extack
 */
struct kw_status {
	u32 status;
	u32 offset;
	u32 trap_code;
	char msg[KW_STATUS_MSG_LEN];
};

/**
 * struct kw_call_out - outcome of kw_entry_call()
 * @results: @nresults values, kmalloc'd; the caller kfree()s it
 * @nresults: number of results
 * @trapped: the call trapped; see @ctx.trap
 * @ctx: fuel used and trap details
 */
struct kw_call_out {
	struct kw_value *results;
	u32 nresults;
	bool trapped;
	struct kw_call_ctx ctx;
};

/**
 * struct kw_load_opts - options of KWASM_CMD_LOAD
 * @fuel: fuel per call, 0 for the default
 * @max_pages: linear memory cap in pages, 0 for the default
 * @datapath: instantiate per CPU for the data path
 * @maps: import module name -> loaded module name
 * @nmaps: number of entries in @maps
 */
struct kw_load_opts {
	u64 fuel;
	u32 max_pages;
	bool datapath;
	const struct kw_import_map *maps;
	u32 nmaps;
};

/* registry.c */
int kw_registry_init(void);
void kw_registry_uninit(void);
int kw_registry_load(const char *name, const u8 *bytes, size_t len,
		     const struct kw_load_opts *opts, u32 *id, struct kw_status *st);
int kw_registry_unload(const char *name, u32 id, struct kw_status *st);
struct kw_entry *kw_registry_attach_get(const char *name, struct kw_status *st);
void kw_registry_attach_put(struct kw_entry *m);
struct kw_entry *kw_registry_get(const char *name);
u32 kw_registry_count(void);
int kw_registry_for_each(const char *name, u32 after_id,
			 int (*fn)(struct kw_entry *m, void *arg), void *arg);
void kw_registry_lock(void);
void kw_registry_unlock(void);
struct kw_entry *kw_registry_find(const char *name);
void kw_entry_put(struct kw_entry *m);

/* inst.c */
int kw_inst_create(struct kw_entry *m, const u8 *bytes, size_t len,
		   const struct kw_load_opts *opts, struct kw_status *st);
void kw_inst_params(const struct kw_entry *m, bool datapath, struct kw_limits *lim,
		    struct kw_call_ctx *ctx);
void kw_inst_update_mem_pages(struct kw_entry *m);
int kw_errno(int status);
void kw_inst_import_msg(struct kw_status *st, const char *what,
			const struct kw_import_desc *d);
int kw_inst_err(int ret, const struct kw_call_ctx *ctx, const struct kw_error *err,
		struct kw_status *st);

/* call.c */
int kw_entry_call(struct kw_entry *m, const char *export, u32 elen,
		  const struct kw_value *args, u32 nargs, u64 fuel, struct kw_call_out *out,
		  struct kw_status *st);
int kw_entry_call_conn(struct kw_entry *m, const char *export, u32 elen,
		       const struct kw_value *args, u32 nargs, u64 fuel,
		       const struct kw_conn_input *conn,
		       struct kw_call_out *out, struct kw_status *st);
u64 kw_call_deadline(void);

#endif /* KW_REGISTRY_H */
