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

/* Test hooks of port/user/port_user.c. */
extern long kw_port_fail_after;
extern long kw_port_live_allocs;

/* Counters over every kw_fuzz_one() call, for the drivers' summaries. */
struct kw_fuzz_stats {
	unsigned long inputs;
	unsigned long malformed;
	unsigned long invalid;
	unsigned long unsupported;
	unsigned long limited;
	unsigned long loaded;
	unsigned long instantiated;
	unsigned long skipped;		/* loaded but imports we cannot provide */
	unsigned long calls;
	unsigned long traps;
	unsigned long deadlines;	/* tolerated with KW_FUZZ_ALLOW_DEADLINE=1 */
};

extern struct kw_fuzz_stats kw_fuzz_stats;

/* Set while allocations are being failed on purpose: -KW_ENOMEM is then fine. */
extern bool kw_fuzz_allow_enomem;

/*
 * Load, instantiate (with zero-returning host imports) and call every
 * exported function of @data.  Returns 0; any engine misbehaviour it can
 * see (a leak, a status outside the documented set) aborts the process.
 */
int kw_fuzz_one(const u8 *data, size_t len);

#endif /* KW_FUZZ_TARGET_H */
