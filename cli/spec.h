/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The spec test runner (kwasm spec): shared between the driver (spec.c),
 * the per-file command interpreter (spec_file.c) and value handling
 * (spec_value.c).
 */
#ifndef KWASM_CLI_SPEC_H
#define KWASM_CLI_SPEC_H

#include "json.h"
#include "kwasm/engine.h"

/**
 * struct spec_opts - how to run
 * @quiet: no line per failed command
 * @verbose: also show spectest prints and notes
 * @timeout_ns: deadline per call in ns, 0 for none (a hung engine must not hang CI)
 * @backend: what runs the modules: spec_user (this process) or spec_kernel
 * @spectest: spec_kernel: the spectest module's .wasm, or NULL for none
 */
struct spec_opts {
	bool quiet;
	bool verbose;
	u64 timeout_ns;
	const struct spec_backend *backend;
	const char *spectest;
};

/**
 * struct spec_counts - outcome of commands
 * @passed: commands that passed
 * @failed: commands that failed
 * @skipped: commands not run, with a reason
 */
struct spec_counts {
	unsigned long passed;
	unsigned long failed;
	unsigned long skipped;
};

/* Outcome of comparing or converting one value. */
enum spec_val {
	SPEC_VAL_OK,
	SPEC_VAL_MISMATCH,	/* well-formed, but not what was expected */
	SPEC_VAL_SIMD,		/* v128: not supported yet */
	SPEC_VAL_BAD,		/* the JSON itself is malformed */
};

/* Room for "f64:-nan:0x8000000000001 (0x7ff8000000000001)". */
#define SPEC_DESC_LEN	80

/**
 * struct spec_mod - one module command's outcome
 * @next: older modules
 * @name: its $name in the script, or NULL
 * @live: it instantiated
 * @rc: 0 or why it did not (-KW_*)
 * @mod: userspace backend: the engine module
 * @inst: userspace backend: its instance
 * @kname: kernel backend: its name in kwasm.ko, "" if not loaded there
 */
struct spec_mod {
	struct spec_mod *next;
	char *name;
	bool live;
	int rc;
	struct kw_module *mod;
	struct kw_instance *inst;
	char kname[64];
};

/**
 * struct spec_reg - a (register "as" $M) entry: imports from @as resolve to @m
 * @next: older entries
 * @as: the import module name
 * @as_len: its length
 * @m: the module
 */
struct spec_reg {
	struct spec_reg *next;
	char *as;
	size_t as_len;
	struct spec_mod *m;
};

/**
 * struct spec_file - the state of one file's run
 * @o: options
 * @dir: where its .wasm files are
 * @st: userspace backend: the spectest host module
 * @priv: kernel backend: its connection and spectest module
 * @mods: modules, newest first
 * @current: the latest module command's module
 * @regs: registrations, newest first
 * @c: counts
 * @line: the current command's line, for messages
 * @type: the current command's type
 * @seq: modules made so far, for unique names
 * @index: this file's number in the run, for unique names
 */
struct spec_file {
	const struct spec_opts *o;
	char *dir;
	struct spectest *st;
	void *priv;
	struct spec_mod *mods;
	struct spec_mod *current;
	struct spec_reg *regs;
	struct spec_counts c;
	long line;
	const char *type;
	unsigned int seq;
	unsigned int index;
};

/**
 * struct spec_result - what an action did
 * @rc: 0, -KW_ETRAP (see @trap) or another engine error
 * @trap: the trap
 * @nresults: number of @results
 * @results: the results (malloc'd)
 */
struct spec_result {
	int rc;
	struct kw_trap trap;
	u32 nresults;
	struct kw_value *results;
};

/**
 * struct spec_backend - where the modules of a spec file run
 * @begin: set up for a file; nonzero (with @why) fails the whole file
 * @load: decode, validate and (unless @load_only) instantiate the module
 *	in @path into @m; return 0 or -KW_*, with *@loaded telling whether it
 *	decoded and validated, @trap filled on -KW_ETRAP and @why on failure
 * @unload_now: free a module that was only loaded (for assert_invalid)
 * @invoke: call export @field of @m; 0 if it ran (see @r), else -KW_* with @why
 * @get: read exported global @field of @m into @r, same returns
 * @end: free every module of the file, newest first, and what @begin made
 */
struct spec_backend {
	int (*begin)(struct spec_file *sf, char *why, size_t len);
	int (*load)(struct spec_file *sf, struct spec_mod *m, const char *path, bool load_only,
		    bool *loaded, struct kw_trap *trap, char *why, size_t len);
	void (*unload_now)(struct spec_file *sf, struct spec_mod *m);
	int (*invoke)(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		      const struct kw_value *args, u32 nargs, struct spec_result *r,
		      char *why, size_t len);
	int (*get)(struct spec_file *sf, struct spec_mod *m, const char *field, size_t flen,
		   struct spec_result *r, char *why, size_t len);
	void (*end)(struct spec_file *sf);
};

/* A backend whose operations are named PREFIX_begin ... PREFIX_end. */
#define SPEC_BACKEND(prefix) {				\
	.begin = prefix##_begin, .load = prefix##_load,		\
	.unload_now = prefix##_unload_now, .invoke = prefix##_invoke,	\
	.get = prefix##_get, .end = prefix##_end,		\
}

void spec_put_name(char *buf, size_t len, const char *name, size_t nlen);
void spec_put_text(char *buf, size_t len, const char *text);

extern const struct spec_backend spec_user;
extern const struct spec_backend spec_kernel;

void spec_run_file(const char *path, unsigned int index, const struct spec_opts *o,
		   struct spec_counts *c);
enum spec_val spec_value_arg(const struct json_object *j, struct kw_value *out);
enum spec_val spec_value_check(const struct json_object *exp, const struct kw_value *got);
void spec_value_describe(const struct kw_value *v, char *buf, size_t len);
void spec_value_describe_json(const struct json_object *j, char *buf, size_t len);

#endif /* KWASM_CLI_SPEC_H */
