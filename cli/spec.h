/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The spec test runner (kwasm spec): shared between the driver (spec.c),
 * the per-file command interpreter (spec_file.c) and value handling
 * (spec_value.c).
 */
#ifndef KWASM_CLI_SPEC_H
#define KWASM_CLI_SPEC_H

#include "json.h"
#include "kwasm/kwasm.h"

/**
 * struct spec_opts - how to run
 * @quiet: no line per failed command
 * @verbose: also show spectest prints and notes
 * @timeout_ns: deadline per call in ns, 0 for none (a hung engine must not hang CI)
 */
struct spec_opts {
	bool quiet;
	bool verbose;
	u64 timeout_ns;
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

void spec_run_file(const char *path, const struct spec_opts *o, struct spec_counts *c);
enum spec_val spec_value_arg(const struct json *j, struct kw_value *out);
enum spec_val spec_value_check(const struct json *exp, const struct kw_value *got);
void spec_value_describe(const struct kw_value *v, char *buf, size_t len);
void spec_value_describe_json(const struct json *j, char *buf, size_t len);

#endif /* KWASM_CLI_SPEC_H */
