/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one fuzz target shared by the libFuzzer entry point and the
 * deterministic mutation driver.
 */
#ifndef KW_FUZZ_TARGET_H
#define KW_FUZZ_TARGET_H

#include "kw_port_types.h"

/* Limits the target instantiates with and the fuel each call gets. */
#define KW_FUZZ_MAX_PAGES	16
#define KW_FUZZ_MAX_TABLE	10000
#define KW_FUZZ_CALL_DEPTH	200
#define KW_FUZZ_STACK_SLOTS	65536
#define KW_FUZZ_FUEL		100000
#define KW_FUZZ_DEADLINE_NS	1000000000ull	/* backstop per call, fuel should win */
#define KW_FUZZ_MAX_CALLS	256		/* exported functions called per input */

/* Counters over every kw_fuzz_one() call, for the drivers' summaries. */
struct kw_fuzz_stats {
	unsigned long inputs;
	unsigned long loaded;
	unsigned long instantiated;
	unsigned long skipped;		/* loaded but imports we cannot provide */
	unsigned long calls;
	unsigned long traps;
};

extern struct kw_fuzz_stats kw_fuzz_stats;

/*
 * Load, instantiate (with zero-returning host imports) and call every
 * exported function of @data.  Returns 0; any engine misbehaviour it can
 * see (a leak, a status outside the documented set) aborts the process.
 */
int kw_fuzz_one(const u8 *data, size_t len);

#endif /* KW_FUZZ_TARGET_H */
